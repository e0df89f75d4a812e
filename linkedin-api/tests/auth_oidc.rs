//! OIDC discovery, JWKS and ID-token verification against a local mock, with a test-only RSA key
//! (tests/fixtures/test-only-*.pem; never used anywhere else).
#![cfg(feature = "oidc")]

use std::time::{SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use linkedin_api::auth::{AuthError, IdTokenError, JwkSet, OAuthClient};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_ID: &str = "86abcdefghij";
const ISSUER: &str = "https://www.linkedin.com/oauth";
const KID: &str = "test-only-key-1";
const NONCE: &str = "n-0S6_WzA2Mj";

const PRIVATE_PEM: &str = include_str!("fixtures/test-only-rsa-private.pem");
const OTHER_PRIVATE_PEM: &str = include_str!("fixtures/test-only-rsa-other-private.pem");
const JWKS: &str = include_str!("fixtures/test-only-jwks.json");

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn claims() -> Value {
    json!({
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": "782bbtaQ",
        "iat": now(),
        "exp": now() + 3600,
        "nonce": NONCE,
        "name": "John Doe",
        "given_name": "John",
        "family_name": "Doe",
        "email": "doe@email.com",
        "email_verified": "true",
        "locale": "en_US",
        "auth_time": now()
    })
}

fn sign_with(claims: &Value, pem: &str, kid: Option<&str>) -> String {
    let mut header = Header::new(Algorithm::RS256);
    header.kid = kid.map(str::to_owned);
    header.typ = Some("JWT".into());
    jsonwebtoken::encode(
        &header,
        claims,
        &EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap(),
    )
    .unwrap()
}

fn sign(claims: &Value) -> String {
    sign_with(claims, PRIVATE_PEM, Some(KID))
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/oauth/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "issuer": ISSUER,
            "authorization_endpoint": "https://www.linkedin.com/oauth/v2/authorization",
            "token_endpoint": "https://www.linkedin.com/oauth/v2/accessToken",
            "userinfo_endpoint": "https://api.linkedin.com/v2/userinfo",
            "jwks_uri": format!("{}/oauth/openid/jwks", server.uri()),
            "response_types_supported": ["code"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "claims_supported": ["iss", "aud", "iat", "exp", "sub", "name", "email"]
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/openid/jwks"))
        .respond_with(ResponseTemplate::new(200).set_body_string(JWKS))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> OAuthClient {
    OAuthClient::builder(CLIENT_ID, "client-secret", "https://app.example/cb")
        .oauth_base_url(&server.uri())
        .api_base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap()
}

async fn verify_err(token: &str, nonce: Option<&str>) -> IdTokenError {
    let server = server().await;
    match client(&server).verify_id_token(token, nonce).await {
        Err(AuthError::IdToken(e)) => e,
        other => panic!("expected an ID-token error, got {other:?}"),
    }
}

#[tokio::test]
async fn discovery_and_jwks_are_parsed() {
    let server = server().await;
    let oauth = client(&server);
    let d = oauth.discovery().await.unwrap();
    assert_eq!(d.issuer, ISSUER);
    assert_eq!(d.jwks_uri, format!("{}/oauth/openid/jwks", server.uri()));
    assert_eq!(
        d.userinfo_endpoint.as_deref(),
        Some("https://api.linkedin.com/v2/userinfo")
    );
    assert_eq!(d.id_token_signing_alg_values_supported, ["RS256"]);
    assert!(d.other.contains_key("claims_supported"));

    let jwks = oauth.jwks().await.unwrap();
    assert_eq!(jwks.keys.len(), 1);
    assert!(jwks.find(KID).is_some());
}

#[tokio::test]
async fn valid_id_token_is_accepted_and_keys_are_cached() {
    let server = server().await;
    let oauth = client(&server);
    let token = sign(&claims());
    let c = oauth.verify_id_token(&token, Some(NONCE)).await.unwrap();
    assert_eq!(c.sub, "782bbtaQ");
    assert_eq!(c.iss, ISSUER);
    assert_eq!(c.aud, [CLIENT_ID]);
    assert_eq!(c.nonce.as_deref(), Some(NONCE));
    assert_eq!(c.email_verified, Some(true));
    assert_eq!(c.locale.as_ref().unwrap().to_string(), "en-US");
    assert!(c.other.contains_key("auth_time"));

    // aud as an array is fine; no expected nonce skips the nonce check.
    let mut cl = claims();
    cl["aud"] = json!(["other-app", CLIENT_ID]);
    oauth.verify_id_token(&sign(&cl), None).await.unwrap();

    // Discovery and JWKS were fetched once.
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
}

#[tokio::test]
async fn expiry_within_leeway_is_accepted() {
    let server = server().await;
    let mut cl = claims();
    cl["exp"] = json!(now() - 20);
    client(&server)
        .verify_id_token(&sign(&cl), Some(NONCE))
        .await
        .unwrap();
}

#[tokio::test]
async fn bad_signature_is_rejected() {
    let forged = sign_with(&claims(), OTHER_PRIVATE_PEM, Some(KID));
    assert_eq!(
        verify_err(&forged, Some(NONCE)).await,
        IdTokenError::BadSignature
    );

    // A valid token whose payload was swapped.
    let good = sign(&claims());
    let mut cl = claims();
    cl["sub"] = json!("someone-else");
    let other = sign(&cl);
    let parts: Vec<&str> = good.split('.').collect();
    let other_parts: Vec<&str> = other.split('.').collect();
    let tampered = format!("{}.{}.{}", parts[0], other_parts[1], parts[2]);
    assert_eq!(
        verify_err(&tampered, Some(NONCE)).await,
        IdTokenError::BadSignature
    );
}

#[tokio::test]
async fn wrong_issuer_is_rejected() {
    let mut cl = claims();
    cl["iss"] = json!("https://evil.example/oauth");
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::WrongIssuer
    );
    cl.as_object_mut().unwrap().remove("iss");
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::MissingClaim("iss".into())
    );
}

#[tokio::test]
async fn wrong_audience_is_rejected() {
    let mut cl = claims();
    cl["aud"] = json!("someone-elses-client-id");
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::WrongAudience
    );
}

#[tokio::test]
async fn a_token_not_valid_yet_is_rejected_with_the_same_leeway_as_exp() {
    let mut cl = claims();
    cl["nbf"] = json!(now() + 3600);
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::NotYetValid
    );
    // Within the leeway (clock skew): accepted, as for `exp`.
    cl["nbf"] = json!(now() + 20);
    let server = server().await;
    client(&server)
        .verify_id_token(&sign(&cl), Some(NONCE))
        .await
        .unwrap();
}

#[tokio::test]
async fn expired_token_is_rejected() {
    let mut cl = claims();
    cl["iat"] = json!(now() - 7200);
    cl["exp"] = json!(now() - 3600);
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::Expired
    );
}

#[tokio::test]
async fn wrong_or_missing_nonce_is_rejected() {
    let token = sign(&claims());
    assert_eq!(
        verify_err(&token, Some("another-nonce")).await,
        IdTokenError::NonceMismatch
    );
    let mut cl = claims();
    cl.as_object_mut().unwrap().remove("nonce");
    assert_eq!(
        verify_err(&sign(&cl), Some(NONCE)).await,
        IdTokenError::MissingClaim("nonce".into())
    );
}

#[tokio::test]
async fn unknown_or_missing_kid_is_rejected() {
    let token = sign_with(&claims(), PRIVATE_PEM, Some("rotated-away"));
    assert_eq!(
        verify_err(&token, Some(NONCE)).await,
        IdTokenError::UnknownKid("rotated-away".into())
    );
    let token = sign_with(&claims(), PRIVATE_PEM, None);
    assert_eq!(
        verify_err(&token, Some(NONCE)).await,
        IdTokenError::MissingKid
    );
}

#[tokio::test]
async fn non_rs256_and_garbage_are_rejected() {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KID.into());
    let hs = jsonwebtoken::encode(
        &header,
        &claims(),
        &EncodingKey::from_secret(b"public-key-as-hmac-secret"),
    )
    .unwrap();
    assert!(matches!(
        verify_err(&hs, Some(NONCE)).await,
        IdTokenError::UnsupportedAlgorithm(_)
    ));
    assert!(matches!(
        verify_err("not-a-jwt", Some(NONCE)).await,
        IdTokenError::Malformed(_)
    ));
}

/// A token signed with LinkedIn's key whose claims are not JSON is malformed (a broken token),
/// not a validation failure of a well-formed one.
#[test]
fn a_signed_token_with_unreadable_claims_is_malformed() {
    let oauth = OAuthClient::new(CLIENT_ID, "s", "https://app.example/cb").unwrap();
    let jwks: JwkSet = serde_json::from_str(JWKS).unwrap();
    let valid = sign(&claims());
    let header = valid.split('.').next().unwrap();
    // base64url("not json")
    let message = format!("{header}.bm90IGpzb24");
    let key = EncodingKey::from_rsa_pem(PRIVATE_PEM.as_bytes()).unwrap();
    let signature = jsonwebtoken::crypto::sign(message.as_bytes(), &key, Algorithm::RS256).unwrap();
    let err = oauth
        .verify_id_token_with(&format!("{message}.{signature}"), None, ISSUER, &jwks)
        .unwrap_err();
    assert!(
        matches!(err, AuthError::IdToken(IdTokenError::Malformed(_))),
        "{err:?}"
    );
}

#[tokio::test]
async fn offline_verification_with_caller_keys() {
    let oauth = OAuthClient::new(CLIENT_ID, "s", "https://app.example/cb").unwrap();
    let jwks: JwkSet = serde_json::from_str(JWKS).unwrap();
    let c = oauth
        .verify_id_token_with(&sign(&claims()), Some(NONCE), ISSUER, &jwks)
        .unwrap();
    assert_eq!(c.sub, "782bbtaQ");
    let err = oauth
        .verify_id_token_with(&sign(&claims()), Some(NONCE), "https://other-issuer", &jwks)
        .unwrap_err();
    assert!(matches!(err, AuthError::IdToken(IdTokenError::WrongIssuer)));
}
