//! Streamed answers (`Client::execute_streaming`) against a loopback server that misbehaves on
//! purpose: a body past `max_response_bytes` streams whole, a reset or a stall mid-body is an
//! error from the stream (never a retry, never a hang), and everything before the body (errors,
//! retries, timeouts, the deadline) is as for a buffered call.

mod fault_support;

use std::time::{Duration, Instant};

use fault_support::{Action, Server, head};
use futures::StreamExt as _;
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::{Client, Error, ErrorKind, RetryPolicy};

const TOKEN: &str = "AQV-streaming-token-77aa";
const LIMIT: usize = 64 * 1024;

fn client(server: &Server) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .max_response_bytes(LIMIT)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(5)),
        )
        .build()
        .expect("client builds")
}

fn get() -> Request {
    Request::restli(
        "exports.get",
        RestliMethod::Get,
        "/rest/exports/{id}",
        "/rest/exports/1".to_owned(),
    )
    .version("202606")
}

fn create() -> Request {
    Request::restli(
        "exports.create",
        RestliMethod::Create,
        "/rest/exports",
        "/rest/exports".to_owned(),
    )
    .version("202606")
    .json(&serde_json::json!({"name": "x"}))
}

/// `total` bytes of body after a 200 head with a request id (and `Content-Length` unless
/// `chunked`).
fn flood(total: usize, chunked: bool) -> Action {
    let length = total.to_string();
    let mut headers = vec![("x-li-request-id", "req-123")];
    if chunked {
        headers.push(("transfer-encoding", "chunked"));
    } else {
        headers.push(("content-length", &length));
    }
    Action::Flood {
        head: head(200, &headers),
        total,
        chunked,
    }
}

async fn read_all(resp: linkedin_api::StreamingResponse) -> (usize, Option<Error>) {
    let mut stream = std::pin::pin!(resp.bytes_stream());
    let mut total = 0;
    let mut error = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(chunk) => total += chunk.len(),
            Err(e) => {
                assert!(error.is_none(), "an item after the stream's error");
                error = Some(e);
            }
        }
    }
    (total, error)
}

#[tokio::test]
async fn a_body_larger_than_the_limit_streams_whole() {
    const TOTAL: usize = 5 * 1024 * 1024;
    for chunked in [false, true] {
        let server = Server::start(move |_, _| flood(TOTAL, chunked)).await;
        let client = client(&server);
        // Read whole, it is over the limit…
        let err = client.execute(get()).await.unwrap_err();
        assert!(err.is_body_too_large(), "{err:?}");
        // …streamed, it comes through, with what the headers said.
        let resp = client.execute_streaming(get()).await.expect("headers");
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.request_id(), Some("req-123"));
        assert_eq!(resp.operation(), "exports.get");
        let expected_length = (!chunked).then_some(TOTAL as u64);
        assert_eq!(resp.content_length(), expected_length);
        let shown = format!("{resp:?}");
        assert!(
            shown.contains("req-123") && !shown.contains(TOKEN),
            "{shown}"
        );
        let (total, error) = read_all(resp).await;
        assert!(error.is_none(), "{error:?}");
        assert_eq!(total, TOTAL, "chunked: {chunked}");
        assert_eq!(server.requests(), 2);
    }
}

#[tokio::test]
async fn chunk_by_chunk_reading_ends_with_none() {
    let server = Server::start(|_, _| flood(300 * 1024, false)).await;
    let mut resp = client(&server).execute_streaming(get()).await.unwrap();
    let mut total = 0;
    while let Some(chunk) = resp.chunk().await.unwrap() {
        total += chunk.len();
    }
    assert_eq!(total, 300 * 1024);
    assert!(
        resp.chunk().await.unwrap().is_none(),
        "still None after the end"
    );
}

#[tokio::test]
async fn a_reset_mid_body_is_an_error_from_the_stream_and_is_not_retried() {
    let server = Server::start(|_, _| {
        let mut bytes = head(200, &[("content-length", "100000")]);
        bytes.extend_from_slice(&[b'x'; 1000]);
        Action::RawThenReset(bytes)
    })
    .await;
    let resp = client(&server).execute_streaming(get()).await.unwrap();
    let (total, error) = read_all(resp).await;
    let error = error.expect("the reset surfaces");
    assert!(matches!(error, Error::Transport { .. }), "{error:?}");
    assert_eq!(error.operation(), Some("exports.get"));
    assert!(error.may_have_reached_server());
    assert!(total <= 1000, "{total}");
    // The body was the caller's: nothing was sent again behind its back.
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_body_that_stalls_is_ended_by_the_idle_timeout() {
    let server = Server::start(|_, _| Action::Drip {
        head: head(200, &[("content-length", "20")]),
        body: vec![b'x'; 20],
        chunk: 10,
        every: Duration::from_secs(2),
    })
    .await;
    let resp = client(&server).execute_streaming(get()).await.unwrap();
    let started = Instant::now();
    let resp = resp.idle_timeout(Duration::from_millis(200));
    let (total, error) = read_all(resp).await;
    let error = error.expect("the stall surfaces");
    assert!(
        matches!(
            error,
            Error::Stalled {
                waiting_for: "reading the body",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_timeout());
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert_eq!(total, 0);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_idle_timeout_defaults_to_the_attempt_timeout() {
    let server = Server::start(|_, _| Action::Drip {
        head: head(200, &[("content-length", "20")]),
        body: vec![b'x'; 20],
        chunk: 10,
        every: Duration::from_secs(2),
    })
    .await;
    let req = get().timeout(Duration::from_millis(300));
    let resp = client(&server).execute_streaming(req).await.unwrap();
    let started = Instant::now();
    let (_, error) = read_all(resp).await;
    assert!(matches!(error, Some(Error::Stalled { .. })), "{error:?}");
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(250) && waited < Duration::from_secs(2),
        "{waited:?}"
    );
}

#[tokio::test]
async fn a_4xx_is_an_api_error_with_its_body_read_and_bounded() {
    let server = Server::start(|_, _| Action::Respond {
        status: 404,
        headers: vec![
            ("content-type".into(), "application/json".into()),
            ("x-li-request-id".into(), "req-404".into()),
        ],
        body: format!(r#"{{"status":404,"message":"no such export {TOKEN}"}}"#).into_bytes(),
    })
    .await;
    let err = client(&server).execute_streaming(get()).await.unwrap_err();
    let api = err.api().expect("an ApiError");
    assert_eq!(api.status, 404);
    assert_eq!(api.message(), Some("no such export [REDACTED]"));
    assert_eq!(err.request_id(), Some("req-404"));
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    assert_eq!(server.requests(), 1, "a 404 is not retried");
}

#[tokio::test]
async fn a_5xx_before_the_body_is_retried_for_an_idempotent_call_only() {
    let answer = |i: usize, _: &fault_support::Seen| {
        if i == 0 {
            Action::Respond {
                status: 503,
                headers: vec![],
                body: b"busy".to_vec(),
            }
        } else {
            flood(1000, false)
        }
    };
    let server = Server::start(answer).await;
    let resp = client(&server).execute_streaming(get()).await.unwrap();
    assert_eq!(read_all(resp).await.0, 1000);
    assert_eq!(server.requests(), 2, "the GET was retried before its body");

    let server = Server::start(answer).await;
    let err = client(&server)
        .execute_streaming(create())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.requests(), 1, "a CREATE is never sent twice");
}

#[tokio::test]
async fn waiting_for_the_headers_is_bounded_by_the_attempt_timeout_and_the_deadline() {
    let server = Server::start(|_, _| Action::Stall).await;
    // Each attempt gives up after its timeout; the GET is retried, then the last error stays.
    let req = get().timeout(Duration::from_millis(100));
    let err = client(&server).execute_streaming(req).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Stalled {
                waiting_for: "waiting for the response headers",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.requests(), 3);

    // The call's deadline bounds the attempts together.
    let server = Server::start(|_, _| Action::Stall).await;
    let started = Instant::now();
    let req = get()
        .timeout(Duration::from_secs(20))
        .deadline(Duration::from_millis(300));
    let err = client(&server).execute_streaming(req).await.unwrap_err();
    assert!(err.is_deadline(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let server = Server::start(|_, _| Action::Respond {
        status: 302,
        headers: vec![("location".into(), "http://127.0.0.1:1/elsewhere".into())],
        body: Vec::new(),
    })
    .await;
    let err = client(&server).execute_streaming(get()).await.unwrap_err();
    assert_eq!(
        err.redirect_location(),
        Some("http://127.0.0.1:1/elsewhere")
    );
    assert_eq!(server.requests(), 1);
}
