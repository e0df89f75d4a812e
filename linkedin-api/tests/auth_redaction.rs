//! No token, code or client secret ever shows up in Debug/Display output, errors or logs.

mod log_capture;

use linkedin_api::Secret;
use linkedin_api::auth::{OAuthClient, RedirectParams, TokenSet};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CLIENT_SECRET: &str = "CS-very-secret-client-secret";
const CODE: &str = "CODE-very-secret-authorization-code";
const ACCESS: &str = "AT-very-secret-access-token";
const REFRESH: &str = "RT-very-secret-refresh-token";
const ID_TOKEN: &str = "IDT-very-secret-id-token";
const NEW_ACCESS: &str = "AT2-very-secret-new-access-token";
const ALL: &[&str] = &[CLIENT_SECRET, CODE, ACCESS, REFRESH, ID_TOKEN, NEW_ACCESS];

fn assert_clean(what: &str, s: &str) {
    for secret in ALL {
        assert!(!s.contains(secret), "{what} leaks {secret}: {s}");
    }
}

#[tokio::test(flavor = "current_thread")]
async fn secrets_never_reach_debug_display_errors_or_logs() {
    let (capture, _guard) = log_capture::LogCapture::start();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(|req: &Request| {
            let body = String::from_utf8_lossy(&req.body);
            if body.contains("grant_type=authorization_code") {
                ResponseTemplate::new(200).set_body_json(json!({
                    "access_token": ACCESS, "expires_in": 60, "refresh_token": REFRESH,
                    "refresh_token_expires_in": 120, "scope": "openid profile", "id_token": ID_TOKEN
                }))
            } else if body.contains("grant_type=refresh_token") {
                ResponseTemplate::new(200)
                    .set_body_json(json!({"access_token": NEW_ACCESS, "expires_in": 60}))
            } else {
                // Error responses that echo what was sent.
                ResponseTemplate::new(400).set_body_json(json!({
                    "error": "invalid_client",
                    "error_description": format!("bad request: {body}")
                }))
            }
        })
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/introspectToken"))
        .respond_with(|req: &Request| {
            ResponseTemplate::new(500).set_body_string(String::from_utf8_lossy(&req.body))
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .respond_with(|req: &Request| {
            // A broken body that quotes the bearer token in a type error.
            let auth = req.headers.get("authorization").unwrap().to_str().unwrap();
            let token = auth.trim_start_matches("Bearer ").to_owned();
            ResponseTemplate::new(200)
                .set_body_json(json!({"sub": 1, "access_token": token, "name": token}))
        })
        .mount(&server)
        .await;

    let oauth = OAuthClient::builder("client-id", CLIENT_SECRET, "https://app.example/cb")
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let builder = OAuthClient::builder("client-id", CLIENT_SECRET, "https://app.example/cb");
    assert_clean("builder", &format!("{builder:?}"));
    assert_clean("client", &format!("{oauth:?}"));

    let request = oauth.authorization_request(["openid", "profile"]);
    assert_clean("authorization request", &format!("{request:?}"));
    assert_clean("authorization URL", request.url.as_str());

    let query = format!("code={CODE}&state={}", request.state);
    let params = RedirectParams::from_query(&query);
    assert_clean("redirect params", &format!("{params:?}"));
    let code = request.verify_redirect(&query).unwrap();
    assert_clean("code", &format!("{code:?}"));

    let tokens = oauth.exchange_code(&code).await.unwrap();
    assert_clean("token set", &format!("{tokens:?}"));
    assert_clean("scopes", &format!("{:?} {}", tokens.scopes, tokens.scopes));
    assert_eq!(tokens.access_token.expose(), ACCESS);

    let refreshed = oauth
        .refresh(tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    assert_clean("refreshed", &format!("{refreshed:?}"));

    // Failures whose bodies echo the secrets.
    let err = oauth.client_credentials().await.unwrap_err();
    assert_clean("oauth error", &format!("{err:?} / {err}"));
    let err = oauth.introspect(&tokens.access_token).await.unwrap_err();
    assert_clean("http error", &format!("{err:?} / {err}"));
    let err = oauth.userinfo(&tokens.access_token).await.unwrap_err();
    assert_clean("decode error", &format!("{err:?} / {err}"));
    let manual = TokenSet::new(Secret::new(ACCESS), None);
    assert_clean("manual token set", &format!("{manual:?}"));

    tracing::info!(token = ?tokens.access_token, "a caller logging a Secret by mistake");
    drop(_guard);
    let logs = capture.text();
    assert!(
        logs.contains("requesting LinkedIn access token"),
        "the capture works: {logs}"
    );
    assert_clean("logs", &logs);
}
