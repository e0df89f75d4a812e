//! Step 1 and 2 of the code flow: the URL of LinkedIn's authorization page with a fresh
//! `state` (and OIDC `nonce`), and the check of the redirect back (the `state` in constant time,
//! then a code or a typed refusal). No network I/O.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

use super::client::OAuthClient;
use super::error::{AuthError, AuthorizationErrorKind};
use super::state::{constant_time_eq, random_token};
use super::token::Scopes;
use crate::Secret;

const AUTHORIZE_PATH: &str = "/oauth/v2/authorization";

/// Everything but RFC 3986 unreserved characters is percent-encoded (so a space is `%20`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

impl OAuthClient {
    /// Builds the URL of LinkedIn's authorization page (`GET /oauth/v2/authorization`) with
    /// `response_type=code`, `client_id`, `redirect_uri`, a fresh random `state` (256 bits,
    /// base64url) and the space-delimited, URL-encoded `scope`. When the scopes include
    /// `openid`, a random `nonce` is added too, to be checked in the ID token.
    ///
    /// Keep the returned request until the member comes back to the redirect URI.
    pub fn authorization_request<I, S>(&self, scopes: I) -> AuthorizationRequest
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let scopes: Scopes = scopes.into_iter().collect();
        let state = random_token();
        let nonce = scopes.contains("openid").then(random_token);
        let enc = |v: &str| utf8_percent_encode(v, QUERY_VALUE).to_string();
        let mut url = format!(
            "{}{AUTHORIZE_PATH}?response_type=code&client_id={}&redirect_uri={}&state={}&scope={}",
            self.inner.client.oauth_base_url(),
            enc(&self.inner.client_id),
            enc(&self.inner.redirect_uri),
            enc(&state),
            enc(&scopes.to_string()),
        );
        if let Some(n) = &nonce {
            url.push_str("&nonce=");
            url.push_str(&enc(n));
        }
        let url = Url::parse(&url).expect("the authorization URL is built from a parsed base URL");
        tracing::debug!(scopes = %scopes, "built LinkedIn authorization URL");
        AuthorizationRequest {
            url,
            state,
            nonce,
            scopes,
        }
    }
}

/// An authorization request in flight: the URL to send the browser to, and the `state` / `nonce`
/// to check when the member comes back. Serializable so it can be kept in a session store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorizationRequest {
    /// The LinkedIn authorization URL (redirect the browser here).
    #[serde(serialize_with = "ser_url", deserialize_with = "de_url")]
    pub url: Url,
    /// The random CSRF `state` sent in the URL.
    pub state: String,
    /// The random OIDC `nonce` sent in the URL (only when `openid` was requested); pass it to
    /// [`OAuthClient::verify_id_token`].
    pub nonce: Option<String>,
    /// The scopes requested.
    pub scopes: Scopes,
}

fn ser_url<S: Serializer>(u: &Url, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(u.as_str())
}

fn de_url<'de, D: Deserializer<'de>>(d: D) -> Result<Url, D::Error> {
    let s = String::deserialize(d)?;
    Url::parse(&s).map_err(serde::de::Error::custom)
}

impl AuthorizationRequest {
    /// Checks a redirect back from LinkedIn, given its query string (`code=…&state=…`, with or
    /// without the leading `?`) or the whole redirect URL.
    ///
    /// The `state` is compared in constant time; a missing or different `state` is
    /// [`AuthError::StateMismatch`]. An `error` redirect becomes [`AuthError::Denied`].
    pub fn verify_redirect(&self, query_or_url: &str) -> Result<AuthorizationCode, AuthError> {
        self.verify(RedirectParams::from_query(query_or_url))
    }

    /// Like [`verify_redirect`](Self::verify_redirect), for parameters a web framework already
    /// parsed (e.g. axum's `Query<RedirectParams>`).
    pub fn verify(&self, params: RedirectParams) -> Result<AuthorizationCode, AuthError> {
        match params.state.as_deref() {
            Some(s) if constant_time_eq(s, &self.state) => {}
            _ => {
                tracing::warn!("LinkedIn authorization redirect with a wrong or missing state");
                return Err(AuthError::StateMismatch);
            }
        }
        if let Some(error) = params.error {
            return Err(AuthError::Denied {
                kind: AuthorizationErrorKind::from(error),
                description: params.error_description,
            });
        }
        match params.code {
            Some(code) if !code.expose().is_empty() => Ok(AuthorizationCode(code)),
            _ => Err(AuthError::InvalidRedirect(
                "neither `code` nor `error` in the redirect".into(),
            )),
        }
    }
}

/// The query parameters LinkedIn appends to the redirect URI.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RedirectParams {
    /// The authorization code (success).
    #[serde(default, deserialize_with = "de_opt_secret")]
    pub code: Option<Secret>,
    /// The `state` echoed back.
    #[serde(default)]
    pub state: Option<String>,
    /// The error code (failure), e.g. `user_cancelled_login`.
    #[serde(default)]
    pub error: Option<String>,
    /// The error description (failure).
    #[serde(default)]
    pub error_description: Option<String>,
}

fn de_opt_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.map(Secret::new))
}

impl RedirectParams {
    /// Parses a query string (with or without `?`) or a whole URL.
    pub fn from_query(query_or_url: &str) -> Self {
        // Anything that parses as an absolute URL is one, `://` or not: a native app's
        // private-use scheme redirect (`com.example.app:/callback?code=…`, RFC 8252) has a single
        // slash. A query string never parses (its first key has no `scheme:` prefix).
        let query = match Url::parse(query_or_url) {
            Ok(u) => u.query().unwrap_or("").to_owned(),
            Err(_) => query_or_url.trim_start_matches('?').to_owned(),
        };
        let mut p = RedirectParams::default();
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            match k.as_ref() {
                "code" => p.code = Some(Secret::new(v.into_owned())),
                "state" => p.state = Some(v.into_owned()),
                "error" => p.error = Some(v.into_owned()),
                "error_description" => p.error_description = Some(v.into_owned()),
                _ => {}
            }
        }
        p
    }
}

/// A verified authorization code, ready for [`OAuthClient::exchange_code`]. Printed redacted.
#[derive(Debug, Clone)]
pub struct AuthorizationCode(Secret);

impl AuthorizationCode {
    /// Wraps a code obtained some other way (skipping the `state` check is then up to you).
    pub fn new(code: impl Into<Secret>) -> Self {
        Self(code.into())
    }

    /// The code.
    pub fn secret(&self) -> &Secret {
        &self.0
    }
}
