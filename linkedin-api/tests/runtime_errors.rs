//! How failures become errors, and which failures are retried.

mod runtime_support;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::restli::{Collection, Patch};
use linkedin_api::{Client, Error, RetryPolicy};
use runtime_support::{client, client_with};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn get() -> Request {
    Request::restli(
        "posts.get",
        RestliMethod::Get,
        "/rest/posts/{postUrn}",
        "/rest/posts/1".into(),
    )
    .version("202606")
}

fn call(method: RestliMethod) -> Request {
    Request::restli("things.call", method, "/rest/things", "/rest/things".into()).version("202606")
}

async fn fail_with(template: ResponseTemplate) -> Error {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .expect(1)
        .mount(&server)
        .await;
    client_with(&server, RetryPolicy::none())
        .send_json::<Value>(get())
        .await
        .unwrap_err()
}

fn error_body(status: u16, code: &str, message: &str) -> Value {
    json!({"status": status, "serviceErrorCode": 100, "code": code, "message": message})
}

#[tokio::test]
async fn bad_request_keeps_input_errors_and_request_ids() {
    let body = json!({
        "status": 400, "code": "BAD_REQUEST", "message": "Invalid request",
        "errorDetailType": "com.linkedin.common.error.BadRequest",
        "errorDetails": {"inputErrors": [{
            "description": "Field is required", "code": "MISSING_REQUIRED_FIELD",
            "input": {"inputPath": {"fieldPath": "/commentary"}}
        }]}
    });
    let err = fail_with(
        ResponseTemplate::new(400)
            .set_body_json(body)
            .insert_header("x-li-uuid", "AAYZ-uuid")
            .insert_header("x-li-request-id", "req-123")
            .insert_header("x-li-fabric", "prod-lva1")
            .insert_header("x-restli-error-response", "true"),
    )
    .await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.request_id(), Some("req-123"));
    assert_eq!(err.operation(), Some("posts.get"));
    let api = err.api().unwrap();
    assert_eq!(api.code(), Some("BAD_REQUEST"));
    assert_eq!(api.message(), Some("Invalid request"));
    assert_eq!(api.input_errors()[0].field_path(), Some("/commentary"));
    assert_eq!(api.support_header("x-li-fabric"), Some("prod-lva1"));
    assert_eq!(api.support_header("x-li-uuid"), Some("AAYZ-uuid"));
    let text = err.to_string();
    for part in [
        "posts.get",
        "400",
        "Invalid request",
        "/commentary: Field is required",
        "req-123",
    ] {
        assert!(text.contains(part), "{part} missing from: {text}");
    }
}

/// A status and the `Error` helper that must recognise it.
type StatusCase = (u16, fn(&Error) -> bool);

#[tokio::test]
async fn status_helpers() {
    let cases: [StatusCase; 5] = [
        (401, Error::is_unauthorized),
        (403, Error::is_forbidden),
        (404, Error::is_not_found),
        (426, Error::is_version_sunset),
        (429, Error::is_rate_limited),
    ];
    for (status, check) in cases {
        let err =
            fail_with(ResponseTemplate::new(status).set_body_json(error_body(status, "X", "nope")))
                .await;
        assert!(check(&err), "{status}: {err}");
        assert_eq!(err.status().unwrap().as_u16(), status);
        assert_eq!(err.api().unwrap().service_error_code(), Some(100));
    }
    let err = fail_with(ResponseTemplate::new(422).set_body_json(error_body(
        422,
        "INVALID",
        "bad value",
    )))
    .await;
    assert_eq!(err.status().unwrap().as_u16(), 422);
    assert!(!err.is_not_found() && !err.is_rate_limited());
    assert!(err.to_string().contains("bad value"));
}

#[tokio::test]
async fn daily_quota_resets_at_midnight_utc_and_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).set_body_json(error_body(
            429,
            "QUOTA_EXCEEDED",
            "daily limit",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server).send_json::<Value>(get()).await.unwrap_err();
    assert!(err.is_rate_limited());
    let reset = err
        .rate_limit_reset()
        .unwrap()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert_eq!(reset % 86_400, 0, "midnight UTC");
    assert!(reset > now && reset <= now + 86_400);
}

#[tokio::test]
async fn throttle_with_retry_after_is_retried_after_the_delay() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let started = Instant::now();
    let v: Value = client(&server).send_json(get()).await.unwrap();
    assert_eq!(v, json!({"ok": true}));
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// A `Retry-After` that would end after the call's deadline (60 s by default) is not waited
/// for: the 429 comes back at once, with the time to try again.
#[tokio::test]
async fn retry_after_beyond_the_deadline_is_an_error_with_its_reset_time() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "3600"))
        .expect(1)
        .mount(&server)
        .await;
    let before = SystemTime::now();
    let started = Instant::now();
    let err = client(&server).send_json::<Value>(get()).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "no waiting");
    let reset = err.rate_limit_reset().unwrap();
    assert!(
        reset >= before + Duration::from_secs(3600)
            && reset <= SystemTime::now() + Duration::from_secs(3600)
    );
}

#[tokio::test]
async fn server_errors_are_retried_for_reads() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .with_priority(3)
        .mount(&server)
        .await;
    let v: Value = client(&server).send_json(get()).await.unwrap();
    assert_eq!(v["id"], 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn retries_stop_after_max_attempts() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .expect(3)
        .mount(&server)
        .await;
    let err = client(&server).send_json::<Value>(get()).await.unwrap_err();
    assert_eq!(err.status().unwrap().as_u16(), 503);
}

#[tokio::test]
async fn non_idempotent_calls_are_not_retried_unless_opted_in() {
    let cases: [(RestliMethod, Option<Value>); 4] = [
        (RestliMethod::Create, Some(json!({"a": 1}))),
        (RestliMethod::Action, None),
        (
            RestliMethod::PartialUpdate,
            Some(serde_json::to_value(Patch::new().set("a", 1).into_request()).unwrap()),
        ),
        (RestliMethod::BatchCreate, Some(json!({"elements": []}))),
    ];
    for (method, body) in cases {
        let build = || {
            let req = call(method);
            match &body {
                Some(b) => req.json(b),
                None => req,
            }
        };
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503))
            .expect(1)
            .mount(&server)
            .await;
        let err = client(&server).send_empty(build()).await.unwrap_err();
        assert_eq!(err.status().unwrap().as_u16(), 503, "{method:?}");
        drop(server); // verifies expect(1)

        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200))
            .with_priority(2)
            .mount(&server)
            .await;
        client(&server)
            .send_empty(build().retry_non_idempotent(true))
            .await
            .unwrap();
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            2,
            "{method:?} opted in"
        );
    }
}

#[tokio::test]
async fn html_gateway_page_keeps_status_and_a_bounded_snippet() {
    let page = format!(
        "<html><body><h1>502 Bad Gateway</h1>{}</body></html>",
        "x".repeat(5000)
    );
    let err = fail_with(ResponseTemplate::new(502).set_body_raw(page, "text/html")).await;
    let api = err.api().unwrap();
    assert_eq!(api.status.as_u16(), 502);
    assert!(api.body.is_none());
    assert!(
        api.snippet
            .starts_with("<html><body><h1>502 Bad Gateway</h1>")
    );
    // At most 1 KiB of the page, cut on a char boundary, saying it was cut.
    assert!(api.snippet.len() <= 1024 + 64, "{}", api.snippet.len());
    assert!(api.snippet.ends_with("bytes in all]"), "{}", api.snippet);
    assert!(err.to_string().contains("502 Bad Gateway"));
}

#[tokio::test]
async fn server_error_json() {
    let err = fail_with(
        ResponseTemplate::new(500)
            .set_body_json(json!({"status": 500, "message": "Internal Server Error"})),
    )
    .await;
    assert_eq!(err.api().unwrap().message(), Some("Internal Server Error"));
}

#[tokio::test]
async fn timeouts_are_their_own_kind_and_retried_for_reads() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(2)))
        .expect(2)
        .mount(&server)
        .await;
    let client = Client::builder()
        .access_token(runtime_support::TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .timeout(Duration::from_millis(200))
        .retry_policy(runtime_support::fast_retry().with_max_attempts(2))
        .build()
        .unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.status().is_none());
    assert!(err.to_string().contains("posts.get"));
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let (_reserved, refused) = runtime_support::refused_address();
    let port = refused.rsplit(':').next().unwrap().to_owned();
    let client = Client::builder()
        .access_token(runtime_support::TOKEN)
        .base_url(&refused)
        .allow_insecure_http(true)
        .retry_policy(runtime_support::fast_retry())
        .build()
        .unwrap();
    let err = client.send_json::<Value>(get()).await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert!(matches!(err, Error::Transport { .. }));
    assert!(!err.to_string().contains(&port), "no URL in errors: {err}");
}

#[tokio::test]
async fn decode_errors_name_the_operation_and_json_path() {
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Post {
        id: String,
        created: i64,
    }
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{"id": "a", "created": 1}, {"id": "b", "created": "yesterday"}]
        })))
        .mount(&server)
        .await;
    let req = Request::restli(
        "posts.findByAuthor",
        RestliMethod::Finder,
        "/rest/posts",
        "/rest/posts".into(),
    );
    let err = client(&server)
        .send_json::<Collection<Post>>(req)
        .await
        .unwrap_err();
    match &err {
        Error::Decode {
            operation,
            path,
            snippet,
            ..
        } => {
            assert_eq!(*operation, "posts.findByAuthor");
            assert_eq!(path, "elements[1].created");
            assert!(snippet.contains("yesterday"));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("posts.findByAuthor") && text.contains("elements[1].created"),
        "{text}"
    );
}

#[tokio::test]
async fn create_without_id_header_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let err = client(&server)
        .send_create_id::<String>(call(RestliMethod::Create))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }));
    assert!(
        err.to_string().contains("things.call") && err.to_string().contains("x-restli-id"),
        "{err}"
    );
}

#[tokio::test]
async fn encode_errors_surface_at_send_without_a_request() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let req = get().query("bad", &json!([null]));
    let err = client(&server).send_empty(req).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Encode {
                operation: "posts.get",
                ..
            }
        ),
        "{err:?}"
    );
}
