//! Token providers against a local mock of LinkedIn's OAuth and API hosts: one refresh under
//! concurrency, scopes re-learned from the refresh, a 401 renewing the token (and retrying only
//! what is safe to retry), and the token kept out of every printed form.

mod log_capture;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use linkedin_api::auth::{AccessToken, OAuthClient, RefreshingToken, Scopes, TokenSet, token_fn};
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::{Client, Error, Secret};
use serde_json::json;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OLD: &str = "AQ-old-token-never-print";
const NEW: &str = "AQ-new-token-never-print";
const REFRESH: &str = "RT-refresh-token-never-print";

fn oauth(server: &MockServer) -> OAuthClient {
    OAuthClient::builder("client-id", "client-secret", "https://app.example/cb")
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

fn tokens(access: &str, expires_in: u64, scopes: &str) -> TokenSet {
    let mut set = TokenSet::new(
        access,
        Some(SystemTime::now() + Duration::from_secs(expires_in)),
    );
    set.refresh_token = Some(Secret::from(REFRESH));
    set.scopes = Scopes::parse(scopes);
    set
}

fn client(server: &MockServer, provider: RefreshingToken) -> Client {
    Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .token_provider(provider)
        .build()
        .unwrap()
}

/// A read that needs `scope`.
fn get(scope: &'static [&'static [&'static str]]) -> Request {
    Request::restli(
        "things.get",
        RestliMethod::Get,
        "/rest/things",
        "/rest/things".into(),
    )
    .scopes(scope)
}

const READ: &[&[&str]] = &[&["r_things"]];
const WRITE: &[&[&str]] = &[&["w_things"]];

async fn token_endpoint(server: &MockServer, scope: &str, delay: Duration) {
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(delay)
                .set_body_json(json!({
                    "access_token": NEW,
                    "expires_in": 5_184_000,
                    "scope": scope,
                })),
        )
        .mount(server)
        .await;
}

async fn api_accepts(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path("/rest/things"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(server)
        .await;
}

async fn requests_to(server: &MockServer, to: &str) -> usize {
    let all = server.received_requests().await.unwrap();
    all.iter().filter(|r| r.url.path() == to).count()
}

#[tokio::test]
async fn many_concurrent_calls_share_one_refresh() {
    let server = MockServer::start().await;
    // Slow enough that every call arrives while the refresh is in flight.
    token_endpoint(&server, "r_things", Duration::from_millis(300)).await;
    api_accepts(&server, NEW).await;
    let provider = RefreshingToken::new(tokens(OLD, 60, "r_things"), oauth(&server));
    let client = client(&server, provider.clone());

    let calls = (0..32).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.send_json::<serde_json::Value>(get(READ)).await })
    });
    for call in futures::future::join_all(calls).await {
        assert_eq!(call.unwrap().unwrap(), json!({"ok": true}));
    }
    assert_eq!(requests_to(&server, "/oauth/v2/accessToken").await, 1);
    assert_eq!(requests_to(&server, "/rest/things").await, 32);
    assert_eq!(provider.refreshes().await, 1);
    // The refresh token was kept (the answer had none).
    let set = provider.token_set().await;
    assert_eq!(set.refresh_token.unwrap().expose(), REFRESH);
}

#[tokio::test]
async fn a_fresh_token_is_sent_without_refreshing() {
    let server = MockServer::start().await;
    api_accepts(&server, OLD).await;
    let provider = RefreshingToken::new(tokens(OLD, 3600, "r_things"), oauth(&server));
    let client = client(&server, provider);
    client
        .send_json::<serde_json::Value>(get(READ))
        .await
        .unwrap();
    assert_eq!(requests_to(&server, "/oauth/v2/accessToken").await, 0);
}

#[tokio::test]
async fn scopes_are_relearned_from_the_refresh() {
    let server = MockServer::start().await;
    token_endpoint(&server, "r_things w_things", Duration::ZERO).await;
    api_accepts(&server, NEW).await;
    // Not due: the old token and its scopes are used.
    let provider = RefreshingToken::new(tokens(OLD, 3600, "r_things"), oauth(&server))
        .with_margin(Duration::from_secs(60));
    let client = client(&server, provider.clone());
    let err = client
        .send_json::<serde_json::Value>(get(WRITE))
        .await
        .unwrap_err();
    let Error::MissingScopes(missing) = &err else {
        panic!("expected MissingScopes, got {err:?}");
    };
    assert_eq!(missing.granted(), ["r_things"]);
    assert_eq!(
        requests_to(&server, "/rest/things").await,
        0,
        "nothing sent"
    );

    // LinkedIn rejects the old token: the client renews it, and the refresh grants more.
    Mock::given(method("GET"))
        .and(path("/rest/things"))
        .and(header("authorization", format!("Bearer {OLD}").as_str()))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "status": 401, "serviceErrorCode": 65601, "message": "The token used in the request has expired"
        })))
        .mount(&server)
        .await;
    client
        .send_json::<serde_json::Value>(get(READ))
        .await
        .unwrap();
    assert_eq!(provider.refreshes().await, 1);
    // The write's scope came with the refresh: the local check now lets it through.
    client
        .send_json::<serde_json::Value>(get(WRITE))
        .await
        .unwrap();
}

#[tokio::test]
async fn scopes_lost_in_a_refresh_are_checked_locally() {
    let server = MockServer::start().await;
    token_endpoint(&server, "r_things", Duration::ZERO).await;
    api_accepts(&server, NEW).await;
    // Due now: the first call refreshes, and the refresh no longer grants the write scope.
    let provider = RefreshingToken::new(tokens(OLD, 10, "r_things w_things"), oauth(&server));
    let client = client(&server, provider);
    let err = client
        .send_json::<serde_json::Value>(get(WRITE))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::MissingScopes(_)), "{err:?}");
    assert_eq!(requests_to(&server, "/rest/things").await, 0);
}

#[tokio::test]
async fn a_rejected_token_is_not_retried_for_a_non_idempotent_call() {
    let server = MockServer::start().await;
    token_endpoint(&server, "", Duration::ZERO).await;
    Mock::given(method("POST"))
        .and(path("/rest/things"))
        .respond_with(ResponseTemplate::new(401).set_body_string(format!("bad token {OLD}")))
        .mount(&server)
        .await;
    let provider = RefreshingToken::new(tokens(OLD, 3600, ""), oauth(&server));
    let client = client(&server, provider.clone());
    let create = Request::restli(
        "things.create",
        RestliMethod::Create,
        "/rest/things",
        "/rest/things".into(),
    )
    .json(&json!({"name": "x"}));
    let err = client.send_empty(create).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(requests_to(&server, "/rest/things").await, 1, "not retried");
    // The echoed token is redacted from the error.
    assert!(!format!("{err} {err:?}").contains(OLD), "{err:?}");
    // The provider was told: the next call gets a new token.
    assert_eq!(provider.refreshes().await, 0);
    assert_eq!(provider.access_token().await.unwrap().token.expose(), NEW);
}

#[tokio::test]
async fn a_failed_refresh_ends_the_call_before_it_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": format!("refresh token {REFRESH} revoked"),
        })))
        .mount(&server)
        .await;
    let provider = RefreshingToken::new(tokens(OLD, 0, ""), oauth(&server));
    let client = client(&server, provider);
    let err = client
        .send_json::<serde_json::Value>(get(READ))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(REFRESH) && !shown.contains(OLD), "{shown}");
    assert_eq!(requests_to(&server, "/rest/things").await, 0);
}

#[tokio::test]
async fn a_callback_provider_is_asked_on_every_call() {
    let server = MockServer::start().await;
    api_accepts(&server, NEW).await;
    let asked = Arc::new(AtomicU32::new(0));
    let counter = Arc::clone(&asked);
    let client = Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .token_provider(token_fn(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Ok(AccessToken::new(NEW)) }
        }))
        .build()
        .unwrap();
    for _ in 0..3 {
        client
            .send_json::<serde_json::Value>(get(READ))
            .await
            .unwrap();
    }
    assert_eq!(asked.load(Ordering::SeqCst), 3);
    let shown = format!("{client:?}");
    assert!(
        shown.contains("token_provider: true") && !shown.contains(NEW),
        "{shown}"
    );
}

#[tokio::test]
async fn userinfo_sends_the_providers_token() {
    let server = MockServer::start().await;
    token_endpoint(&server, "openid profile", Duration::ZERO).await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", format!("Bearer {NEW}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "abc"})))
        .mount(&server)
        .await;
    let provider = RefreshingToken::new(tokens(OLD, 0, "openid profile"), oauth(&server));
    let client = client(&server, provider);
    assert_eq!(client.userinfo().await.unwrap().sub, "abc");
    // Without a token or a provider, nothing is sent.
    let bare = Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    assert!(matches!(bare.userinfo().await, Err(Error::Config(_))));
}

#[tokio::test]
async fn no_token_in_the_logs_of_a_refresh_a_renewal_or_a_failed_refresh() {
    let (capture, _guard) = log_capture::LogCapture::start();

    let server = MockServer::start().await;
    token_endpoint(&server, "r_things", Duration::ZERO).await;
    api_accepts(&server, NEW).await;
    Mock::given(method("GET"))
        .and(path("/rest/things"))
        .and(header("authorization", format!("Bearer {OLD}").as_str()))
        .respond_with(ResponseTemplate::new(401).set_body_string(format!("expired: {OLD}")))
        .mount(&server)
        .await;
    let provider = RefreshingToken::new(tokens(OLD, 3600, "r_things"), oauth(&server));
    let client = client(&server, provider);
    client
        .send_json::<serde_json::Value>(get(READ))
        .await
        .unwrap();

    let failing = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": format!("bad refresh token {REFRESH}"),
        })))
        .mount(&failing)
        .await;
    let provider = RefreshingToken::new(tokens(OLD, 0, ""), oauth(&failing));
    let broken = self::client(&failing, provider);
    broken
        .send_json::<serde_json::Value>(get(READ))
        .await
        .unwrap_err();

    let logs = capture.text();
    assert!(
        logs.contains("retrying with a renewed one")
            && logs.contains("refreshed the LinkedIn access token"),
        "the flows were traced: {logs}"
    );
    for secret in [OLD, NEW, REFRESH] {
        assert!(!logs.contains(secret), "the logs leak {secret}: {logs}");
    }
}
