//! ID-token verification (feature `oidc`): LinkedIn's JWKS (fetched on first use, cached,
//! re-fetched once for an unknown `kid`) and the checks of an ID token against it.
//!
//! Behind a feature because the JWT stack (`jsonwebtoken` with aws-lc) is the heaviest part of a
//! clean build and needs a C toolchain; an application that only holds access tokens never
//! verifies an ID token.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};

use super::client::OAuthClient;
use super::error::{AuthError, IdTokenError};
use super::oidc::IdTokenClaims;
use super::state::constant_time_eq;

const JWKS_PATH: &str = "/oauth/openid/jwks";
const OP_JWKS: &str = "auth.jwks";

/// Leeway for `exp` and `nbf` checks of ID tokens, in seconds, to absorb clock skew.
pub(crate) const ID_TOKEN_LEEWAY_SECS: u64 = 60;
/// A JWKS is re-fetched for an unknown `kid` only if the cached one is at least this old.
const JWKS_MIN_REFRESH: Duration = Duration::from_secs(30);

/// The issuer and keys of LinkedIn's OIDC provider, as last fetched.
pub(super) struct OidcKeys {
    issuer: String,
    jwks_uri: String,
    jwks: JwkSet,
    fetched_at: Instant,
}

impl OAuthClient {
    /// LinkedIn's signing keys (`GET /oauth/openid/jwks`).
    pub async fn jwks(&self) -> Result<JwkSet, AuthError> {
        let url = format!("{}{JWKS_PATH}", self.inner.client.oauth_base_url());
        self.get_public(OP_JWKS, &url, JWKS_PATH).await
    }

    /// Verifies an OIDC ID token and returns its claims.
    ///
    /// Checks: the RS256 signature against the key of LinkedIn's JWKS whose `kid` the token
    /// names; `iss` equal to the discovery document's `issuer`
    /// (`https://www.linkedin.com/oauth`); `aud` containing this client id; `exp` not past and
    /// `nbf` (when present) not in the future (60 s leeway each); and, when `expected_nonce` is `Some` (pass
    /// [`AuthorizationRequest::nonce`](super::AuthorizationRequest::nonce)), a `nonce` claim
    /// equal to it.
    ///
    /// The discovery document and JWKS are fetched on first use and cached; the JWKS is
    /// re-fetched once when a token names an unknown `kid` (key rotation).
    pub async fn verify_id_token(
        &self,
        id_token: &str,
        expected_nonce: Option<&str>,
    ) -> Result<IdTokenClaims, AuthError> {
        // Reject garbage before any network call.
        token_kid(id_token)?;
        let keys = self.oidc_keys(None).await?;
        match verify_id_token(
            id_token,
            &keys.jwks,
            &keys.issuer,
            &self.inner.client_id,
            expected_nonce,
        ) {
            Err(IdTokenError::UnknownKid(kid)) if keys.fetched_at.elapsed() >= JWKS_MIN_REFRESH => {
                tracing::debug!(kid = %kid, "unknown kid: refreshing LinkedIn JWKS");
                let keys = self.oidc_keys(Some(&keys)).await?;
                Ok(verify_id_token(
                    id_token,
                    &keys.jwks,
                    &keys.issuer,
                    &self.inner.client_id,
                    expected_nonce,
                )?)
            }
            other => Ok(other?),
        }
    }

    /// Verifies an ID token against keys and an issuer the caller already has (no network).
    /// Same checks as [`verify_id_token`](Self::verify_id_token).
    pub fn verify_id_token_with(
        &self,
        id_token: &str,
        expected_nonce: Option<&str>,
        issuer: &str,
        jwks: &JwkSet,
    ) -> Result<IdTokenClaims, AuthError> {
        Ok(verify_id_token(
            id_token,
            jwks,
            issuer,
            &self.inner.client_id,
            expected_nonce,
        )?)
    }

    /// The cached keys, or freshly fetched ones when there are none or `stale` is the cached set.
    async fn oidc_keys(&self, stale: Option<&Arc<OidcKeys>>) -> Result<Arc<OidcKeys>, AuthError> {
        let cached = self.inner.oidc.lock().expect("oidc cache lock").clone();
        let (issuer, jwks_uri) = match (cached, stale) {
            (Some(c), None) => return Ok(c),
            (Some(c), Some(s)) if !Arc::ptr_eq(&c, s) => return Ok(c),
            (Some(c), Some(_)) => (c.issuer.clone(), c.jwks_uri.clone()),
            (None, _) => {
                let d = self.discovery().await?;
                (d.issuer, d.jwks_uri)
            }
        };
        let jwks: JwkSet = self.get_public(OP_JWKS, &jwks_uri, JWKS_PATH).await?;
        let keys = Arc::new(OidcKeys {
            issuer,
            jwks_uri,
            jwks,
            fetched_at: Instant::now(),
        });
        *self.inner.oidc.lock().expect("oidc cache lock") = Some(keys.clone());
        Ok(keys)
    }
}

/// Which key the token says it was signed with.
pub(crate) fn token_kid(id_token: &str) -> Result<String, IdTokenError> {
    let header = jsonwebtoken::decode_header(id_token)
        .map_err(|e| IdTokenError::Malformed(e.to_string()))?;
    if header.alg != Algorithm::RS256 {
        return Err(IdTokenError::UnsupportedAlgorithm(format!(
            "{:?}",
            header.alg
        )));
    }
    header.kid.ok_or(IdTokenError::MissingKid)
}

/// Verifies `id_token` against `jwks`: RS256 signature with the key named by `kid`, `iss`,
/// `aud` (must contain `client_id`), `exp` and `nbf` (with [`ID_TOKEN_LEEWAY_SECS`]) and, when given,
/// `nonce`.
pub(crate) fn verify_id_token(
    id_token: &str,
    jwks: &JwkSet,
    issuer: &str,
    client_id: &str,
    expected_nonce: Option<&str>,
) -> Result<IdTokenClaims, IdTokenError> {
    let kid = token_kid(id_token)?;
    let jwk = jwks
        .find(&kid)
        .ok_or_else(|| IdTokenError::UnknownKid(kid.clone()))?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| IdTokenError::InvalidKey {
        kid: kid.clone(),
        reason: e.to_string(),
    })?;

    let mut validation = Validation::new(Algorithm::RS256);
    validation.leeway = ID_TOKEN_LEEWAY_SECS;
    validation.validate_exp = true;
    // A token not valid yet (`nbf` ahead of now by more than the leeway) is refused too.
    validation.validate_nbf = true;
    validation.validate_aud = true;
    validation.set_issuer(&[issuer]);
    validation.set_audience(&[client_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);

    let data = jsonwebtoken::decode::<IdTokenClaims>(id_token, &key, &validation)?;
    let claims = data.claims;

    if let Some(expected) = expected_nonce {
        match claims.nonce.as_deref() {
            None => return Err(IdTokenError::MissingClaim("nonce".into())),
            Some(got) if !constant_time_eq(got, expected) => {
                return Err(IdTokenError::NonceMismatch);
            }
            Some(_) => {}
        }
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ConfigErrorKind;

    /// The JWKS URL comes from the discovery document; without `allow_insecure_http` an
    /// `http://` one is refused before any request (and the default client is https-only too).
    #[tokio::test]
    async fn an_http_jwks_url_is_refused_without_allow_insecure_http() {
        let oauth = OAuthClient::new("id", "secret", "https://app.example/cb").unwrap();
        let err = oauth
            .get_public::<JwkSet>(
                OP_JWKS,
                "http://127.0.0.1:9/oauth/openid/jwks?k=v",
                JWKS_PATH,
            )
            .await
            .unwrap_err();
        match &err {
            AuthError::Config(e) => {
                assert_eq!(e.kind(), ConfigErrorKind::InsecureUrl, "{err:?}");
                assert!(e.message().contains("plain HTTP"), "{err:?}");
                assert!(!e.message().contains("k=v"), "{err:?}");
            }
            other => panic!("{other:?}"),
        }
        let insecure = OAuthClient::builder("id", "secret", "https://app.example/cb")
            .allow_insecure_http(true)
            .build()
            .unwrap();
        // Allowed: the request goes out (and fails to connect, nothing listens on port 9).
        let err = insecure
            .get_public::<JwkSet>(OP_JWKS, "http://127.0.0.1:9/oauth/openid/jwks", JWKS_PATH)
            .await
            .unwrap_err();
        let call = err.request_error().expect("a call error");
        assert!(call.is_connect(), "{err:?}");
        assert!(!err.may_have_reached_server());
    }

    /// A token naming a `kid` the cached JWKS lacks re-fetches the JWKS (LinkedIn rotated its
    /// keys), but not when the cache is younger than `JWKS_MIN_REFRESH`: tokens with made-up
    /// `kid`s must not make every verification a request to LinkedIn.
    #[tokio::test]
    async fn an_unknown_kid_refetches_the_keys_only_from_a_cache_old_enough() {
        use wiremock::matchers::{method, path};
        use wiremock::{Mock, MockServer, ResponseTemplate};

        // Only the header matters: `{"alg":"RS256","kid":"rotated"}`.
        let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6InJvdGF0ZWQifQ.e30.c2ln";
        for (age, fetches) in [(Duration::ZERO, 0), (JWKS_MIN_REFRESH * 2, 1)] {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .and(path(JWKS_PATH))
                .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"keys": []}"#))
                .mount(&server)
                .await;
            let oauth = OAuthClient::builder("id", "secret", "https://app.example/cb")
                .oauth_base_url(&server.uri())
                .allow_insecure_http(true)
                .build()
                .unwrap();
            *oauth.inner.oidc.lock().unwrap() = Some(Arc::new(OidcKeys {
                issuer: "https://www.linkedin.com/oauth".into(),
                jwks_uri: format!("{}{JWKS_PATH}", server.uri()),
                jwks: JwkSet { keys: vec![] },
                fetched_at: Instant::now() - age,
            }));
            let err = oauth.verify_id_token(token, None).await.unwrap_err();
            assert!(
                matches!(&err, AuthError::IdToken(IdTokenError::UnknownKid(k)) if k == "rotated"),
                "{err:?}"
            );
            let seen = server.received_requests().await.unwrap().len();
            assert_eq!(seen, fetches, "keys cached {age:?} ago");

            // Two verifications that both saw the old keys fetch them once: the second finds
            // the cache already replaced, and takes the new keys.
            let cached = oauth.inner.oidc.lock().unwrap().clone().unwrap();
            let superseded = Arc::new(OidcKeys {
                issuer: cached.issuer.clone(),
                jwks_uri: cached.jwks_uri.clone(),
                jwks: JwkSet { keys: vec![] },
                fetched_at: Instant::now() - age,
            });
            let keys = oauth.oidc_keys(Some(&superseded)).await.unwrap();
            assert!(Arc::ptr_eq(&keys, &cached));
            assert_eq!(server.received_requests().await.unwrap().len(), fetches);
        }
    }
}
