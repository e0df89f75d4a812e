//! The access token never appears in Debug, Display or traces.

mod log_capture;
mod runtime_support;

use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::{Client, RetryPolicy};
use runtime_support::{TOKEN, client};
use serde_json::{Value, json};
use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(TOKEN), "{what} leaks the token: {text}");
}

#[tokio::test]
async fn token_never_appears_in_debug_display_or_traces() {
    let (capture, _guard) = log_capture::LogCapture::start();

    let server = MockServer::start().await;
    Mock::given(path("/rest/ok"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": 1})))
        .mount(&server)
        .await;
    Mock::given(path("/rest/echo"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "status": 400, "message": "bad", "access_token": TOKEN
        })))
        .mount(&server)
        .await;
    Mock::given(path("/rest/decode"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": TOKEN, "expires_in": "x"})),
        )
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;

    let client = client(&server);
    assert_clean("Client Debug", &format!("{client:?}"));
    assert_clean(
        "ClientBuilder Debug",
        &format!("{:?}", Client::builder().access_token(TOKEN)),
    );

    let req = |p: &'static str| {
        Request::restli(
            "redaction.test",
            RestliMethod::Get,
            "/rest/x",
            p.to_string(),
        )
        .version("202606")
    };
    assert_clean("Request Debug", &format!("{:?}", req("/rest/ok")));

    client.send_json::<Value>(req("/rest/ok")).await.unwrap();
    let errors = [
        client
            .send_json::<Value>(req("/rest/unauthorized"))
            .await
            .unwrap_err(),
        client
            .send_json::<Value>(req("/rest/echo"))
            .await
            .unwrap_err(),
        client
            .send_json::<std::collections::HashMap<String, i64>>(req("/rest/decode"))
            .await
            .unwrap_err(),
    ];
    for err in &errors {
        assert_clean("Error Debug", &format!("{err:?}"));
        assert_clean("Error Display", &format!("{err}"));
    }

    // A transport error, with retries (and their warnings).
    let down = Client::builder()
        .access_token(TOKEN)
        .base_url("http://127.0.0.1:9")
        .allow_insecure_http(true)
        .retry_policy(RetryPolicy::new().with_initial_backoff(std::time::Duration::from_millis(1)))
        .build()
        .unwrap();
    let err = down.send_json::<Value>(req("/rest/ok")).await.unwrap_err();
    assert_clean("transport Error Debug", &format!("{err:?}"));

    let logs = capture.text();
    assert!(
        logs.contains("redaction.test"),
        "the span is traced: {logs}"
    );
    assert!(logs.contains("retrying"), "retries are traced: {logs}");
    assert_clean("traces", &logs);
    assert!(!logs.contains(&server.uri()), "no full URL in traces");
}
