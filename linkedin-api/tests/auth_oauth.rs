//! OAuth 2.0 flows against a local mock of LinkedIn's OAuth and API hosts.

use std::time::{Duration, SystemTime};

use linkedin_api::Secret;
use linkedin_api::auth::{
    AuthError, AuthType, AuthorizationCode, AuthorizationErrorKind, Locale, OAuthClient,
    RedirectParams, TokenStatus,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CLIENT_ID: &str = "86abcdefghij";
const CLIENT_SECRET: &str = "client-secret-Zx9_never-print";
const REDIRECT_URI: &str = "https://app.example/auth/linkedin/callback?x=1&y=2";

fn client(server: &MockServer) -> OAuthClient {
    OAuthClient::builder(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

fn form(req: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&req.body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

async fn only_request(server: &MockServer) -> Request {
    let mut reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "expected exactly one request");
    reqs.remove(0)
}

// ----- authorization URL ------------------------------------------------------------------------

#[test]
fn authorization_url_has_every_parameter_encoded() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid", "profile", "email"]);

    let url = req.url.as_str();
    assert!(
        url.starts_with("https://www.linkedin.com/oauth/v2/authorization?"),
        "{url}"
    );
    // Space-delimited scopes, percent-encoded as %20.
    assert!(url.contains("&scope=openid%20profile%20email"), "{url}");
    // The redirect URI is fully encoded (its own ? & = must not leak into our query).
    assert!(
        url.contains(
            "&redirect_uri=https%3A%2F%2Fapp.example%2Fauth%2Flinkedin%2Fcallback%3Fx%3D1%26y%3D2"
        ),
        "{url}"
    );

    let q: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("response_type"), Some("code"));
    assert_eq!(get("client_id"), Some(CLIENT_ID));
    assert_eq!(get("redirect_uri"), Some(REDIRECT_URI));
    assert_eq!(get("scope"), Some("openid profile email"));
    assert_eq!(get("state"), Some(req.state.as_str()));
    assert_eq!(get("nonce"), req.nonce.as_deref());

    // state and nonce: >= 128 bits, URL-safe, distinct.
    let nonce = req
        .nonce
        .as_deref()
        .expect("openid requested: nonce present");
    for v in [req.state.as_str(), nonce] {
        assert!(v.len() >= 22, "{v}");
        assert!(
            v.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
    }
    assert_ne!(req.state, nonce);
    let again = oauth.authorization_request(["openid"]);
    assert_ne!(again.state, req.state);
    assert_ne!(again.nonce, req.nonce);
}

#[test]
fn no_nonce_without_openid_and_base_url_override() {
    let oauth = OAuthClient::builder(CLIENT_ID, CLIENT_SECRET, "https://app.example/cb")
        .oauth_base_url("https://oauth.test/")
        .build()
        .unwrap();
    let req = oauth.authorization_request(["w_member_social", "r_ads"]);
    assert!(req.nonce.is_none());
    assert!(!req.url.as_str().contains("nonce="));
    assert!(
        req.url
            .as_str()
            .starts_with("https://oauth.test/oauth/v2/authorization?")
    );
    assert!(req.url.as_str().contains("scope=w_member_social%20r_ads"));
}

#[test]
fn plain_http_base_refused_unless_allowed() {
    let err = OAuthClient::builder(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
        .oauth_base_url("http://127.0.0.1:1")
        .build()
        .unwrap_err();
    assert!(matches!(err, AuthError::Config(_)), "{err:?}");
}

#[test]
fn authorization_request_round_trips_through_serde() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid", "profile"]);
    let json = serde_json::to_string(&req).unwrap();
    let back: linkedin_api::auth::AuthorizationRequest = serde_json::from_str(&json).unwrap();
    assert_eq!(back, req);
}

// ----- redirect handling ------------------------------------------------------------------------

#[test]
fn redirect_with_matching_state_yields_code() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid"]);
    let query = format!("?code=AQTcode-123&state={}", req.state);
    let code = req.verify_redirect(&query).unwrap();
    assert_eq!(code.secret().expose(), "AQTcode-123");
    // A whole URL works too.
    let full = format!(
        "https://app.example/auth/linkedin/callback?code=AQTcode-123&state={}",
        req.state
    );
    assert_eq!(
        req.verify_redirect(&full).unwrap().secret().expose(),
        "AQTcode-123"
    );
    // So does a native app's private-use scheme redirect (RFC 8252), which has no `://`.
    let native = format!(
        "com.example.app:/oauth2redirect?code=AQTcode-123&state={}",
        req.state
    );
    assert_eq!(
        req.verify_redirect(&native).unwrap().secret().expose(),
        "AQTcode-123"
    );
}

#[test]
fn state_mismatch_is_rejected() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid"]);
    let mut forged = req.state.clone();
    forged.pop();
    forged.push('x');
    for q in [
        format!("code=abc&state={forged}"),
        format!("code=abc&state={}x", req.state),
        "code=abc".to_string(),
        "code=abc&state=".to_string(),
        // An error redirect with a wrong state is a state mismatch, not a denial.
        format!("error=user_cancelled_login&state={forged}"),
    ] {
        let err = req.verify_redirect(&q).unwrap_err();
        assert!(matches!(err, AuthError::StateMismatch), "{q}: {err:?}");
    }
}

#[test]
fn redirect_error_is_parsed() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid"]);
    let q = format!(
        "error=user_cancelled_login&error_description=The+user+cancelled+LinkedIn+login&state={}",
        req.state
    );
    match req.verify_redirect(&q).unwrap_err() {
        AuthError::Denied { kind, description } => {
            assert_eq!(kind, AuthorizationErrorKind::UserCancelledLogin);
            assert!(kind.is_cancelled());
            assert_eq!(
                description.as_deref(),
                Some("The user cancelled LinkedIn login")
            );
        }
        other => panic!("{other:?}"),
    }
    let q = format!(
        "error=user_cancelled_authorize&error_description=x&state={}",
        req.state
    );
    let err = req.verify_redirect(&q).unwrap_err();
    assert!(err.is_oauth_error("user_cancelled_authorize"));
    assert!(!err.is_oauth_error("user_cancelled_login"));
    // A forged redirect is no OAuth error at all.
    assert!(!AuthError::StateMismatch.is_oauth_error("user_cancelled_authorize"));
    // The message names the code and, when LinkedIn gave one, its description.
    let q = format!(
        "error=user_cancelled_authorize&error_description=Not+now&state={}",
        req.state
    );
    let shown = req.verify_redirect(&q).unwrap_err().to_string();
    assert!(
        shown.contains("user_cancelled_authorize") && shown.ends_with(": Not now"),
        "{shown}"
    );
    let q = format!("error=unauthorized_scope_error&state={}", req.state);
    let shown = req.verify_redirect(&q).unwrap_err().to_string();
    assert!(shown.ends_with("unauthorized_scope_error"), "{shown}");
    // Only the member's own cancellations are cancellations.
    assert!(!AuthorizationErrorKind::Unknown("unauthorized_scope_error".into()).is_cancelled());

    let q = format!("error=unauthorized_scope_error&state={}", req.state);
    match req.verify_redirect(&q).unwrap_err() {
        AuthError::Denied { kind, description } => {
            assert_eq!(
                kind,
                AuthorizationErrorKind::Unknown("unauthorized_scope_error".into())
            );
            assert_eq!(description, None);
        }
        other => panic!("{other:?}"),
    }

    let q = format!("state={}", req.state);
    assert!(matches!(
        req.verify_redirect(&q).unwrap_err(),
        AuthError::InvalidRedirect(_)
    ));
}

#[test]
fn an_empty_code_is_not_a_code() {
    // `code=` with the right state is a broken redirect, not a code the token endpoint would
    // only refuse later with a less helpful error.
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid"]);
    let q = format!("code=&state={}", req.state);
    assert!(matches!(
        req.verify_redirect(&q).unwrap_err(),
        AuthError::InvalidRedirect(_)
    ));
}

#[test]
fn the_client_reports_its_id_and_redirect_uri_and_debug_names_them_without_the_secret() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    assert_eq!(oauth.client_id(), CLIENT_ID);
    assert_eq!(oauth.redirect_uri(), REDIRECT_URI);
    let shown = format!("{oauth:?}");
    for wanted in [
        CLIENT_ID,
        REDIRECT_URI,
        "https://www.linkedin.com",
        "https://api.linkedin.com",
    ] {
        assert!(shown.contains(wanted), "{wanted} missing: {shown}");
    }
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
}

#[test]
fn redirect_params_deserialize_from_a_framework() {
    let oauth = OAuthClient::new(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI).unwrap();
    let req = oauth.authorization_request(["openid"]);
    let params: RedirectParams =
        serde_json::from_value(json!({"code": "c0de", "state": req.state})).unwrap();
    assert!(!format!("{params:?}").contains("c0de"));
    assert_eq!(req.verify(params).unwrap().secret().expose(), "c0de");
}

// ----- token endpoint ---------------------------------------------------------------------------

#[tokio::test]
async fn code_exchange_sends_the_exact_form_and_parses_the_tokens() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "AQUvlL_DYEzvT2wz1QJiEPeLioeA",
            "expires_in": 5184000,
            "refresh_token": "AQWrefresh-token",
            "refresh_token_expires_in": 31536000,
            "scope": "openid,profile,email",
            "token_type": "Bearer",
            "id_token": "eyJ.header.sig"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let before = SystemTime::now();
    let tokens = client(&server)
        .exchange_code(&AuthorizationCode::new("AQTthe-code"))
        .await
        .unwrap();
    let after = SystemTime::now();

    let req = only_request(&server).await;
    assert_eq!(
        form(&req),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "AQTthe-code"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("redirect_uri", REDIRECT_URI),
        ])
    );

    assert_eq!(tokens.access_token.expose(), "AQUvlL_DYEzvT2wz1QJiEPeLioeA");
    assert_eq!(
        tokens.refresh_token.as_ref().map(Secret::expose),
        Some("AQWrefresh-token")
    );
    assert_eq!(
        tokens.id_token.as_ref().map(Secret::expose),
        Some("eyJ.header.sig")
    );
    assert_eq!(tokens.token_type.as_deref(), Some("Bearer"));
    assert_eq!(
        tokens.scopes.iter().collect::<Vec<_>>(),
        ["openid", "profile", "email"]
    );
    let ttl = Duration::from_secs(5_184_000);
    let exp = tokens.expires_at.unwrap();
    assert!(exp >= before + ttl && exp <= after + ttl);
    let rexp = tokens.refresh_token_expires_at.unwrap();
    assert!(rexp >= before + Duration::from_secs(31_536_000));
    assert!(!tokens.is_expired(SystemTime::now()));
    assert!(tokens.is_expired(after + ttl));
    assert!(!tokens.expires_within(Duration::from_secs(3600)));
    assert!(tokens.expires_within(ttl + Duration::from_secs(60)));
}

#[tokio::test]
async fn refresh_grant_sends_the_exact_form() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "AQXnew-access",
            "expires_in": 5184000,
            "refresh_token": "AQWrefresh-token",
            "refresh_token_expires_in": 439200,
            "scope": "r_basicprofile w_member_social"
        })))
        .mount(&server)
        .await;

    let tokens = client(&server)
        .refresh(&Secret::new("AQWrefresh-token"))
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(
        form(&req),
        pairs(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", "AQWrefresh-token"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
    );
    assert_eq!(tokens.access_token.expose(), "AQXnew-access");
    assert!(tokens.scopes.contains("w_member_social"));
    assert!(tokens.id_token.is_none());
}

#[tokio::test]
async fn client_credentials_grant_sends_the_exact_form() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "AQV2legged", "expires_in": 1799})),
        )
        .mount(&server)
        .await;

    let before = SystemTime::now();
    let tokens = client(&server).client_credentials().await.unwrap();
    let req = only_request(&server).await;
    assert_eq!(
        form(&req),
        pairs(&[
            ("grant_type", "client_credentials"),
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
        ])
    );
    assert_eq!(tokens.access_token.expose(), "AQV2legged");
    assert!(tokens.refresh_token.is_none());
    assert!(tokens.scopes.is_empty());
    assert!(tokens.expires_at.unwrap() >= before + Duration::from_secs(1799));
    assert!(tokens.expires_within(Duration::from_secs(1800)));
}

#[tokio::test]
async fn oauth_error_body_becomes_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": "The provided authorization grant or refresh token is invalid, expired or revoked"
        })))
        .mount(&server)
        .await;

    let err = client(&server)
        .refresh(&Secret::new("AQWrevoked"))
        .await
        .unwrap_err();
    match &err {
        AuthError::OAuth {
            status,
            error,
            description,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(error, "invalid_request");
            assert!(
                description
                    .as_deref()
                    .unwrap()
                    .contains("expired or revoked")
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_oauth_error("invalid_request"));
    // A caller branching on the code (e.g. to send the member back to sign in on
    // `invalid_grant`) must not take this error for another.
    assert!(!err.is_oauth_error("invalid_grant"));
    assert!(err.to_string().contains("invalid_request"));
    // LinkedIn answered: its status is the error's, and the request may have had an effect.
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(err.may_have_reached_server());
}

#[tokio::test]
async fn non_oauth_error_body_is_an_http_error_without_secrets() {
    let server = MockServer::start().await;
    // A misbehaving proxy echoing the request body back.
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(|req: &Request| {
            ResponseTemplate::new(502).set_body_string(String::from_utf8_lossy(&req.body))
        })
        .mount(&server)
        .await;
    let err = client(&server)
        .exchange_code(&AuthorizationCode::new("AQTsecret-code"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502), "{err:?}");
    assert!(matches!(err, AuthError::Request(_)), "{err:?}");
    // The code went out: it may have been spent, so a caller must not assume it can reuse it.
    assert!(err.may_have_reached_server());
    // What is checked locally never reached LinkedIn.
    assert!(!AuthError::StateMismatch.may_have_reached_server());
    assert_eq!(AuthError::StateMismatch.status(), None);
    for s in [format!("{err}"), format!("{err:?}")] {
        assert!(!s.contains(CLIENT_SECRET), "{s}");
        assert!(!s.contains("AQTsecret-code"), "{s}");
    }
}

// ----- introspection ----------------------------------------------------------------------------

#[tokio::test]
async fn introspection_sends_the_form_and_parses_the_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/introspectToken"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "active": true,
            "client_id": CLIENT_ID,
            "authorized_at": 1_700_000_000,
            "created_at": 1_700_000_100,
            "status": "active",
            "expires_at": 1_705_184_100,
            "scope": "r_basicprofile,w_member_social,openid",
            "auth_type": "3L"
        })))
        .mount(&server)
        .await;

    let info = client(&server)
        .introspect(&Secret::new("AQUtoken-to-check"))
        .await
        .unwrap();
    let req = only_request(&server).await;
    assert_eq!(
        form(&req),
        pairs(&[
            ("client_id", CLIENT_ID),
            ("client_secret", CLIENT_SECRET),
            ("token", "AQUtoken-to-check"),
        ])
    );
    assert!(info.active);
    assert_eq!(info.status, Some(TokenStatus::Active));
    assert_eq!(info.auth_type, Some(AuthType::ThreeLegged));
    assert_eq!(
        info.scope.iter().collect::<Vec<_>>(),
        ["r_basicprofile", "w_member_social", "openid"]
    );
    assert_eq!(info.client_id.as_deref(), Some(CLIENT_ID));
    assert_eq!(
        info.expires_at_time(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_184_100))
    );
    assert_eq!(
        info.authorized_at_time(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000))
    );
    assert_eq!(
        info.created_at_time(),
        Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_100))
    );
}

#[tokio::test]
async fn introspection_of_a_foreign_or_revoked_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/introspectToken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"active": false, "status": "revoked", "auth_type": "2L"})),
        )
        .mount(&server)
        .await;
    let info = client(&server)
        .introspect(&Secret::new("AQUgone"))
        .await
        .unwrap();
    assert!(!info.active);
    assert_eq!(info.status, Some(TokenStatus::Revoked));
    assert_eq!(info.auth_type, Some(AuthType::TwoLegged));
    assert!(info.scope.is_empty());
}

// ----- userinfo ---------------------------------------------------------------------------------

#[tokio::test]
async fn userinfo_with_both_locale_shapes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer AQUobject-locale"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "782bbtaQ",
            "name": "John Doe",
            "given_name": "John",
            "family_name": "Doe",
            "picture": "https://media.licdn.com/dms/image/x",
            "locale": {"country": "US", "language": "en"},
            "email": "doe@email.com",
            "email_verified": true
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer AQUstring-locale"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "782bbtaQ",
            "name": "John Doe",
            "locale": "en-US"
        })))
        .mount(&server)
        .await;

    let oauth = client(&server);
    let a = oauth
        .userinfo(&Secret::new("AQUobject-locale"))
        .await
        .unwrap();
    assert_eq!(a.sub, "782bbtaQ");
    assert_eq!(a.given_name.as_deref(), Some("John"));
    assert_eq!(a.email.as_deref(), Some("doe@email.com"));
    assert_eq!(a.email_verified, Some(true));
    assert_eq!(
        a.locale,
        Some(Locale::Parts {
            country: Some("US".into()),
            language: Some("en".into())
        })
    );
    assert_eq!(a.locale.unwrap().to_string(), "en-US");

    let b = oauth
        .userinfo(&Secret::new("AQUstring-locale"))
        .await
        .unwrap();
    assert_eq!(b.locale, Some(Locale::Tag("en-US".into())));
    assert_eq!(b.email, None);
    assert_eq!(b.email_verified, None);

    // No version header on the unversioned endpoint.
    for req in server.received_requests().await.unwrap() {
        assert!(req.headers.get("linkedin-version").is_none());
    }
}

#[tokio::test]
async fn userinfo_401_is_an_http_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "serviceErrorCode": 65600, "message": "Invalid access token", "status": 401
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .userinfo(&Secret::new("AQUbad"))
        .await
        .unwrap_err();
    match err {
        AuthError::Request(e) => {
            assert!(e.is_unauthorized(), "{e:?}");
            assert!(e.to_string().contains("Invalid access token"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

/// Who am I with only a token: `Client::userinfo` sends the client's own token through the
/// client's exchange (interceptors see `auth.userinfo`), without any OAuth app.
#[tokio::test]
async fn client_userinfo_needs_only_the_token() {
    use linkedin_api::interceptor::{Interceptor, OperationInfo, Refusal};
    use std::sync::{Arc, Mutex};

    struct Seen(Arc<Mutex<Vec<String>>>);
    impl Interceptor for Seen {
        fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
            self.0.lock().unwrap().push(op.id().to_owned());
            Ok(())
        }
    }

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer AQUmember-token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "sub": "782bbtaQ", "name": "John Doe", "locale": "en-US"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let client = linkedin_api::Client::builder()
        .access_token("AQUmember-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(Seen(seen.clone()))
        .build()
        .unwrap();
    let me = client.userinfo().await.unwrap();
    assert_eq!(me.sub, "782bbtaQ");
    assert_eq!(me.name.as_deref(), Some("John Doe"));
    assert_eq!(*seen.lock().unwrap(), ["auth.userinfo"]);
    let req = only_request(&server).await;
    assert!(req.headers.get("linkedin-version").is_none());
}

#[tokio::test]
async fn client_userinfo_errors_are_the_clients_own() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "serviceErrorCode": 65600, "message": "Invalid access token", "status": 401
        })))
        .mount(&server)
        .await;
    let client = linkedin_api::Client::builder()
        .access_token("AQUexpired-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    // An API error as any call gives it, not wrapped in an auth error.
    let err = client.userinfo().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert!(!format!("{err:?}{err}").contains("AQUexpired-token"));

    // Without a token there is nothing to ask: a configuration error, and nothing is sent.
    let anonymous = linkedin_api::Client::builder()
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let err = anonymous.userinfo().await.unwrap_err();
    match &err {
        linkedin_api::Error::Config(c) => {
            assert_eq!(c.kind(), linkedin_api::ConfigErrorKind::InvalidArgument);
            assert!(c.message().contains("access token"), "{c}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

// ----- hostile servers --------------------------------------------------------------------------

/// A 307 from the token endpoint to another host would re-POST the client secret and the code
/// there. It is an error carrying the status and `Location`, and the other host sees nothing.
#[tokio::test]
async fn a_redirect_from_the_token_endpoint_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("location", format!("{}/steal", elsewhere.uri()).as_str()),
        )
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"access_token": "x", "expires_in": 1})),
        )
        .mount(&elsewhere)
        .await;
    let err = client(&server)
        .exchange_code(&AuthorizationCode::new("AQT-code-1234"))
        .await
        .unwrap_err();
    match err.request_error() {
        Some(e) if e.is_redirect() => {
            assert_eq!(err.status().map(|s| s.as_u16()), Some(307));
            assert_eq!(
                e.redirect_location(),
                Some(format!("{}/steal", elsewhere.uri()).as_str())
            );
        }
        _ => panic!("expected a redirect error, got {err:?}"),
    }
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
    for op in ["client_credentials", "introspect"] {
        let err = match op {
            "client_credentials" => client(&server).client_credentials().await.unwrap_err(),
            _ => {
                Mock::given(method("POST"))
                    .and(path("/oauth/v2/introspectToken"))
                    .respond_with(ResponseTemplate::new(302).insert_header("location", "/x"))
                    .mount(&server)
                    .await;
                client(&server)
                    .introspect(&Secret::new("tok-123456"))
                    .await
                    .unwrap_err()
            }
        };
        assert!(
            err.request_error().is_some_and(|e| e.is_redirect()),
            "{op}: {err:?}"
        );
    }
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

/// Plain-HTTP base URLs need `allow_insecure_http` (the JWKS URL a discovery document names is
/// checked the same way: see the unit tests of `auth::oauth`).
#[tokio::test]
async fn plain_http_endpoints_are_refused_without_allow_insecure_http() {
    for (oauth, api) in [
        ("http://127.0.0.1:1", "https://api.linkedin.com"),
        ("https://www.linkedin.com", "http://127.0.0.1:1"),
        ("https://www.linkedin.com/?q=1", "https://api.linkedin.com"),
    ] {
        let err = OAuthClient::builder(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
            .oauth_base_url(oauth)
            .api_base_url(api)
            .build()
            .unwrap_err();
        assert!(
            matches!(err, AuthError::Config(_)),
            "{oauth} {api}: {err:?}"
        );
    }
}

/// A huge token response is cut off at 1 MiB, not read whole; OAuth error texts are bounded.
#[tokio::test]
async fn oauth_bodies_and_messages_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(3 << 20)))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/introspectToken"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_request",
            "error_description": "y".repeat(100_000),
        })))
        .mount(&server)
        .await;
    let err = client(&server).client_credentials().await.unwrap_err();
    assert!(
        err.request_error().is_some_and(|e| e.is_body_too_large()),
        "{err:?}"
    );
    let err = client(&server)
        .introspect(&Secret::new("tok-123456"))
        .await
        .unwrap_err();
    assert!(
        err.to_string().len() < 2048,
        "{} bytes",
        err.to_string().len()
    );
    assert!(err.is_oauth_error("invalid_request"));
}

/// A caller-supplied HTTP client that follows redirects is caught after the fact: the answer of
/// the other host is not taken for LinkedIn's.
#[tokio::test]
async fn a_supplied_client_that_followed_a_redirect_is_an_error() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/other", elsewhere.uri()).as_str()),
        )
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::any())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"access_token": "x", "expires_in": 1})),
        )
        .mount(&elsewhere)
        .await;
    let oauth = OAuthClient::builder(CLIENT_ID, CLIENT_SECRET, REDIRECT_URI)
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    let err = oauth.client_credentials().await.unwrap_err();
    assert!(
        matches!(&err, AuthError::Config(m) if m.message().contains("Policy::none")),
        "{err:?}"
    );
}
