//! OpenID Connect discovery and ID-token verification: the discovery document, LinkedIn's
//! JWKS (fetched on first use, cached, re-fetched once for an unknown `kid`), and the checks of
//! an ID token against them (the checks themselves are in `oidc`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::Method;
use jsonwebtoken::jwk::JwkSet;
use serde::de::DeserializeOwned;

use super::client::{Call, OAuthClient};
use super::error::{AuthError, IdTokenError};
use super::oidc::{self, IdTokenClaims, OidcDiscovery};

const DISCOVERY_PATH: &str = "/oauth/.well-known/openid-configuration";
const JWKS_PATH: &str = "/oauth/openid/jwks";
const OP_DISCOVERY: &str = "auth.discovery";
const OP_JWKS: &str = "auth.jwks";
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
    /// LinkedIn's OpenID configuration (`GET /oauth/.well-known/openid-configuration`).
    pub async fn discovery(&self) -> Result<OidcDiscovery, AuthError> {
        let url = format!("{}{DISCOVERY_PATH}", self.inner.client.oauth_base_url());
        self.get_public(OP_DISCOVERY, &url, DISCOVERY_PATH).await
    }

    /// LinkedIn's signing keys (`GET /oauth/openid/jwks`).
    pub async fn jwks(&self) -> Result<JwkSet, AuthError> {
        let url = format!("{}{JWKS_PATH}", self.inner.client.oauth_base_url());
        self.get_public(OP_JWKS, &url, JWKS_PATH).await
    }

    async fn get_public<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: &str,
        endpoint: &'static str,
    ) -> Result<T, AuthError> {
        tracing::debug!(endpoint, "fetching LinkedIn OIDC metadata");
        // The JWKS URL comes from the discovery document: the choke point applies the same
        // scheme rule to it as to the base URLs.
        self.call(Call::new(operation, Method::GET, endpoint, url))
            .await
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
        oidc::token_kid(id_token)?;
        let keys = self.oidc_keys(None).await?;
        match oidc::verify_id_token(
            id_token,
            &keys.jwks,
            &keys.issuer,
            &self.inner.client_id,
            expected_nonce,
        ) {
            Err(IdTokenError::UnknownKid(kid)) if keys.fetched_at.elapsed() >= JWKS_MIN_REFRESH => {
                tracing::debug!(kid = %kid, "unknown kid: refreshing LinkedIn JWKS");
                let keys = self.oidc_keys(Some(&keys)).await?;
                Ok(oidc::verify_id_token(
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
        Ok(oidc::verify_id_token(
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
}
