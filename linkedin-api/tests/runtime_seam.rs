//! The interception seam, end to end against a mock server: interceptors see every call (API,
//! OAuth, media) in order, before and after, can refuse one before anything is sent, and never
//! see the token or the body.

mod runtime_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use linkedin_api::auth::{AuthError, OAuthClient};
use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome, Refusal};
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::{Client, ConfigErrorKind, Error, ErrorKind, Secret};
use runtime_support::{TOKEN, fast_retry};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What one interceptor saw, as text lines, shared with the test.
#[derive(Clone, Default)]
struct Recorder {
    name: &'static str,
    seen: Arc<Mutex<Vec<String>>>,
    infos: Arc<Mutex<Vec<OperationInfo>>>,
    outcomes: Arc<Mutex<Vec<Outcome>>>,
}

impl Recorder {
    fn named(name: &'static str, log: &Arc<Mutex<Vec<String>>>) -> Self {
        Recorder {
            name,
            seen: Arc::clone(log),
            ..Recorder::default()
        }
    }
}

impl Interceptor for Recorder {
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        self.seen
            .lock()
            .unwrap()
            .push(format!("{} before {}", self.name, op.id()));
        self.infos.lock().unwrap().push(op.clone());
        Ok(())
    }

    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        self.seen
            .lock()
            .unwrap()
            .push(format!("{} after {}", self.name, op.id()));
        self.outcomes.lock().unwrap().push(outcome.clone());
    }
}

/// Refuses every operation whose id is listed, with a typed reason.
struct Deny(&'static [&'static str]);

#[derive(Debug, thiserror::Error)]
#[error("policy says no to {0}")]
struct PolicyDenied(&'static str);

impl Interceptor for Deny {
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        if self.0.contains(&op.id()) {
            return Err(
                Refusal::new("not allowed for this agent").with_source(PolicyDenied(op.id()))
            );
        }
        Ok(())
    }

    fn name(&self) -> &'static str {
        "deny-list"
    }
}

const SCOPES: &[&[&str]] = &[&["w_organization_social"], &["w_member_social"]];

fn create_post() -> Request {
    Request::restli(
        "posts.create",
        RestliMethod::Create,
        "/rest/posts",
        "/rest/posts".into(),
    )
    .version("202606")
    .scopes(SCOPES)
    .target("urn:li:organization:1")
    .target("urn:li:person:2")
    .json(&json!({"commentary": "secret body text"}))
}

#[tokio::test]
async fn interceptors_see_each_call_in_order_with_its_info_and_outcome() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn%3Ali%3Ashare%3A9")
                .insert_header("x-li-request-id", "REQ-1"),
        )
        .mount(&server)
        .await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let first = Recorder::named("first", &log);
    let second = Recorder::named("second", &log);
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(first.clone())
        .interceptor(second.clone())
        .build()
        .unwrap();

    let id: String = client.send_create_id(create_post()).await.unwrap();
    assert_eq!(id, "urn:li:share:9");
    assert_eq!(
        *log.lock().unwrap(),
        [
            "first before posts.create",
            "second before posts.create",
            "first after posts.create",
            "second after posts.create",
        ]
    );
    let info = first.infos.lock().unwrap()[0].clone();
    assert_eq!(info.id(), "posts.create");
    assert_eq!(info.restli_method(), Some(RestliMethod::Create));
    assert_eq!(info.http_method(), "POST");
    assert_eq!(info.path_template(), "/rest/posts");
    assert_eq!(info.version(), Some("202606"));
    assert_eq!(info.scopes(), SCOPES);
    assert_eq!(info.targets(), ["urn:li:organization:1", "urn:li:person:2"]);
    assert_eq!(info.host(), "127.0.0.1");
    assert!(!info.is_retryable(), "a CREATE is not retried");
    // Never the token or the body.
    let shown = format!("{info:?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains("secret body"),
        "{shown}"
    );

    let outcome = first.outcomes.lock().unwrap()[0].clone();
    assert!(outcome.is_success());
    assert_eq!(outcome.status().map(|s| s.as_u16()), Some(201));
    assert_eq!(outcome.request_id(), Some("REQ-1"));
    assert_eq!(outcome.created_id(), Some("urn%3Ali%3Ashare%3A9"));
    assert_eq!(outcome.attempts(), 1);
    assert!(outcome.may_have_reached_server());
    assert!(!format!("{outcome:?}").contains(TOKEN));
}

#[tokio::test]
async fn a_refused_call_sends_nothing_and_names_the_interceptor() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(201).insert_header("x-restli-id", "1"))
        .mount(&server)
        .await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let before = Recorder::named("before", &log);
    let after = Recorder::named("after", &log);
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(before.clone())
        .interceptor(Deny(&["posts.create"]))
        .interceptor(after.clone())
        .build()
        .unwrap();

    let err = client.send_empty(create_post()).await.unwrap_err();
    assert!(server.received_requests().await.unwrap().is_empty());
    assert!(err.is_refused(), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert_eq!(err.operation(), Some("posts.create"));
    assert!(!err.may_have_reached_server());
    assert!(err.to_string().contains("deny-list"), "{err}");
    let Error::Refused { refusal, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(refusal.reason(), "not allowed for this agent");
    let typed = std::error::Error::source(refusal)
        .and_then(|s| s.downcast_ref::<PolicyDenied>())
        .expect("the interceptor's own error");
    assert_eq!(typed.0, "posts.create");

    // The interceptor after the refusing one is not asked, but every one sees the outcome.
    assert_eq!(
        *log.lock().unwrap(),
        [
            "before before posts.create",
            "before after posts.create",
            "after after posts.create",
        ]
    );
    let outcome = after.outcomes.lock().unwrap()[0].clone();
    assert_eq!(outcome.error(), Some(ErrorKind::Refused));
    assert_eq!(outcome.attempts(), 0);
    assert_eq!(outcome.status(), None);

    // Other operations pass.
    let get = Request::restli(
        "posts.get",
        RestliMethod::Get,
        "/rest/posts/{id}",
        "/rest/posts/1".into(),
    );
    client.send_empty(get).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn outcomes_count_retries_and_report_failures() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/flaky"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/flaky"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/missing"))
        .respond_with(
            ResponseTemplate::new(404)
                .insert_header("x-li-request-id", "REQ-404")
                .set_body_json(json!({"status": 404, "message": "Not found"})),
        )
        .mount(&server)
        .await;
    let recorder = Recorder::default();
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(fast_retry())
        .interceptor(recorder.clone())
        .build()
        .unwrap();
    let get = |op, p: &'static str| Request::restli(op, RestliMethod::Get, p, p.into());

    client
        .send_empty(get("flaky.get", "/rest/flaky"))
        .await
        .unwrap();
    let err = client
        .send_empty(get("missing.get", "/rest/missing"))
        .await
        .unwrap_err();
    assert!(err.is_not_found());

    let outcomes = recorder.outcomes.lock().unwrap().clone();
    assert_eq!(outcomes.len(), 2);
    assert_eq!(outcomes[0].attempts(), 3, "two 503s, then a 200");
    assert_eq!(outcomes[0].status().map(|s| s.as_u16()), Some(200));
    assert!(outcomes[0].is_success());
    assert!(outcomes[0].latency() > Duration::ZERO);
    assert_eq!(outcomes[1].attempts(), 1, "a 404 is not retried");
    assert_eq!(outcomes[1].error(), Some(ErrorKind::Api));
    assert_eq!(outcomes[1].status().map(|s| s.as_u16()), Some(404));
    assert_eq!(outcomes[1].request_id(), Some("REQ-404"));
    assert!(outcomes[1].may_have_reached_server());
}

#[tokio::test]
async fn oauth_requests_go_through_the_seam_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "AQV-new", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder::named("audit", &log);
    let oauth = |deny: &'static [&'static str]| {
        OAuthClient::builder("client-id", "client-secret-123", "https://app.example/cb")
            .oauth_base_url(&server.uri())
            .api_base_url(&server.uri())
            .allow_insecure_http(true)
            .interceptor(recorder.clone())
            .interceptor(Deny(deny))
            .build()
            .unwrap()
    };
    oauth(&[]).client_credentials().await.unwrap();
    let info = recorder.infos.lock().unwrap()[0].clone();
    assert_eq!(info.id(), "auth.token");
    assert_eq!(info.path_template(), "/oauth/v2/accessToken");
    assert_eq!(info.restli_method(), None);
    assert_eq!(info.http_method(), "POST");
    assert!(!format!("{info:?}").contains("client-secret-123"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let err = oauth(&["auth.introspect"])
        .introspect(&Secret::new("AQV-some-token"))
        .await
        .unwrap_err();
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "nothing sent"
    );
    assert!(
        err.request_error().is_some_and(Error::is_refused),
        "{err:?}"
    );
    assert!(!err.may_have_reached_server());
    assert_eq!(
        log.lock().unwrap().last().map(String::as_str),
        Some("audit after auth.introspect")
    );
}

/// `error.rs` promises that no error contains a full request URL. OAuth transport errors used to
/// print reqwest's, query included; a JWKS URL named by a discovery document may carry one.
#[cfg(feature = "oidc")]
#[tokio::test]
async fn oauth_transport_errors_do_not_print_the_request_url() {
    let (_reserved, closed) = runtime_support::refused_address();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oauth/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": "https://www.linkedin.com/oauth",
            "authorization_endpoint": "https://www.linkedin.com/oauth/v2/authorization",
            "token_endpoint": "https://www.linkedin.com/oauth/v2/accessToken",
            "jwks_uri": format!("{closed}/oauth/openid/jwks?signature=SIG-very-secret"),
        })))
        .mount(&server)
        .await;
    let oauth = OAuthClient::builder("client-id", "client-secret-123", "https://app.example/cb")
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let err = oauth
        .verify_id_token("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln", None)
        .await
        .unwrap_err();
    let call = err.request_error().expect("a transport error");
    assert!(call.is_connect(), "{err:?}");
    assert!(!call.may_have_reached_server());
    for shown in [format!("{err}"), format!("{err:?}")] {
        assert!(!shown.contains("SIG-very-secret"), "{shown}");
        assert!(!shown.contains(&closed), "{shown}");
    }

    // The token endpoint itself, unreachable: same kinds as an API call, no URL.
    let oauth = OAuthClient::builder("client-id", "client-secret-123", "https://app.example/cb")
        .oauth_base_url(&closed)
        .api_base_url(&closed)
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let err = oauth.client_credentials().await.unwrap_err();
    assert!(
        matches!(&err, AuthError::Request(e) if e.kind() == ErrorKind::Transport),
        "{err:?}"
    );
    for shown in [format!("{err}"), format!("{err:?}")] {
        assert!(!shown.contains(&closed), "{shown}");
        assert!(shown.contains("auth.token"), "{shown}");
    }
}

#[tokio::test]
async fn media_puts_go_through_the_seam() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {
            "uploadUrl": format!("{}/dms-uploads/img?sig=SIG-upload", server.uri()),
            "image": "urn:li:image:1"
        }})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/img"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let log = Arc::new(Mutex::new(Vec::new()));
    let recorder = Recorder::named("audit", &log);
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(recorder.clone())
        .build()
        .unwrap();
    let urn =
        linkedin_api::media::upload_image(&client, "202606", "urn:li:person:1", vec![1u8, 2, 3])
            .await
            .unwrap();
    assert_eq!(urn, "urn:li:image:1");
    let ops: Vec<_> = recorder
        .infos
        .lock()
        .unwrap()
        .iter()
        .map(|i| i.id())
        .collect();
    assert_eq!(ops, ["images.initializeUpload", "images.upload"]);
    let put = recorder.infos.lock().unwrap()[1].clone();
    assert_eq!(put.path_template(), "{uploadUrl}");
    assert!(put.is_retryable());
    assert!(!format!("{put:?}").contains("SIG-upload"));
}

#[tokio::test]
async fn may_have_reached_server_tells_dispatch_failures_from_answers() {
    let (_reserved, closed) = runtime_support::refused_address();
    let get = || Request::restli("posts.get", RestliMethod::Get, "/rest/x", "/rest/x".into());
    let unreachable = Client::builder()
        .base_url(&closed)
        .allow_insecure_http(true)
        .retry_policy(linkedin_api::RetryPolicy::none())
        .build()
        .unwrap();
    let err = unreachable.send_empty(get()).await.unwrap_err();
    assert!(
        err.is_connect() && !err.may_have_reached_server(),
        "{err:?}"
    );

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/x"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/x"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(linkedin_api::RetryPolicy::none())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = client.send_empty(get()).await.unwrap_err();
    assert!(err.may_have_reached_server(), "an answer: {err:?}");
    // Sent, then no answer in time: LinkedIn may have acted on it.
    let err = client.send_empty(get()).await.unwrap_err();
    assert!(err.is_timeout() && err.may_have_reached_server(), "{err:?}");
    // Built wrongly: never sent.
    let err = Client::builder()
        .base_url("http://example.com")
        .build()
        .unwrap_err();
    assert!(!err.may_have_reached_server());
    let Error::Config(config) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(config.kind(), ConfigErrorKind::InsecureUrl);
    assert!(config.message().contains("plain HTTP"), "{config}");
}

/// One interceptor shared (by `Arc`) between an API client and an OAuth client keeps its name
/// and refuses on both.
#[tokio::test]
async fn an_arc_shares_one_interceptor_between_clients() {
    let server = MockServer::start().await;
    let shared = Arc::new(Deny(&["posts.get", "auth.token"]));
    let client = Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(Arc::clone(&shared))
        .build()
        .unwrap();
    let oauth = OAuthClient::builder("client-id", "client-secret-123", "https://app.example/cb")
        .oauth_base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(Arc::clone(&shared))
        .build()
        .unwrap();
    let get = Request::restli("posts.get", RestliMethod::Get, "/rest/x", "/rest/x".into());
    let err = client.send_empty(get).await.unwrap_err();
    assert!(
        err.to_string()
            .contains("refused before sending by deny-list"),
        "{err}"
    );
    let err = oauth.client_credentials().await.unwrap_err();
    assert!(err.to_string().contains("deny-list"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
