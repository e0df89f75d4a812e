//! The OAuth 2.0 client: authorization URL, redirect handling, grants, introspection, OIDC.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use jsonwebtoken::jwk::JwkSet;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

use super::error::{AuthError, AuthorizationErrorKind, IdTokenError};
use super::oidc::{self, IdTokenClaims, OidcDiscovery, UserInfo};
use super::state::{constant_time_eq, random_token};
use super::token::{Scopes, TokenResponse, TokenSet};
use super::{DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL};
use crate::Secret;

const AUTHORIZE_PATH: &str = "/oauth/v2/authorization";
const TOKEN_PATH: &str = "/oauth/v2/accessToken";
const INTROSPECT_PATH: &str = "/oauth/v2/introspectToken";
const USERINFO_PATH: &str = "/v2/userinfo";
const DISCOVERY_PATH: &str = "/oauth/.well-known/openid-configuration";
const JWKS_PATH: &str = "/oauth/openid/jwks";

/// How long an error snippet may be.
const SNIPPET_LEN: usize = 300;
/// The largest OAuth / OIDC response read: token, introspection and userinfo answers, the
/// discovery document and the JWKS are all a few KiB.
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// A JWKS is re-fetched for an unknown `kid` only if the cached one is at least this old.
const JWKS_MIN_REFRESH: Duration = Duration::from_secs(30);

/// Everything but RFC 3986 unreserved characters is percent-encoded (so a space is `%20`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// An OAuth 2.0 / OpenID Connect client for LinkedIn. Cheap to clone (shared inner state).
#[derive(Clone)]
pub struct OAuthClient {
    inner: Arc<Inner>,
}

struct Inner {
    client_id: String,
    client_secret: Secret,
    redirect_uri: String,
    oauth_base: String,
    api_base: String,
    http: reqwest::Client,
    oidc: Mutex<Option<Arc<OidcKeys>>>,
    allow_insecure_http: bool,
}

struct OidcKeys {
    issuer: String,
    jwks_uri: String,
    jwks: JwkSet,
    fetched_at: Instant,
}

impl fmt::Debug for OAuthClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthClient")
            .field("client_id", &self.inner.client_id)
            .field("client_secret", &self.inner.client_secret)
            .field("redirect_uri", &self.inner.redirect_uri)
            .field("oauth_base_url", &self.inner.oauth_base)
            .field("api_base_url", &self.inner.api_base)
            .finish_non_exhaustive()
    }
}

/// Builds an [`OAuthClient`].
#[derive(Debug)]
pub struct OAuthClientBuilder {
    client_id: String,
    client_secret: Secret,
    redirect_uri: String,
    oauth_base_url: String,
    api_base_url: String,
    http: Option<reqwest::Client>,
    allow_insecure_http: bool,
    timeout: Duration,
}

impl OAuthClientBuilder {
    /// Overrides the OAuth host (default `https://www.linkedin.com`), e.g. for tests.
    pub fn oauth_base_url(mut self, url: &str) -> Self {
        self.oauth_base_url = url.to_owned();
        self
    }

    /// Overrides the API host used for `userinfo` (default `https://api.linkedin.com`).
    pub fn api_base_url(mut self, url: &str) -> Self {
        self.api_base_url = url.to_owned();
        self
    }

    /// Uses this `reqwest::Client` (shared connection pool, proxies, custom TLS…).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Allows `http://` endpoints (tests against a local mock server only): the base URLs, and the
    /// JWKS URL a discovery document names. Default `false`, and then the default HTTP client
    /// refuses `http://` URLs too.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Request timeout of the default HTTP client (default 30 s; ignored with
    /// [`http_client`](Self::http_client)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<OAuthClient, AuthError> {
        if self.client_id.is_empty() {
            return Err(AuthError::Config("client id is empty".into()));
        }
        Url::parse(&self.redirect_uri)
            .map_err(|e| AuthError::Config(format!("redirect URI does not parse: {e}")))?;
        let oauth_base = check_base(&self.oauth_base_url, self.allow_insecure_http)?;
        let api_base = check_base(&self.api_base_url, self.allow_insecure_http)?;
        let http = match self.http {
            Some(h) => h,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .https_only(!self.allow_insecure_http)
                // A followed 307 would re-POST the client secret and the code to another host;
                // LinkedIn's OAuth endpoints answer directly, so a 3xx is an error.
                .redirect(reqwest::redirect::Policy::none())
                .user_agent(concat!("linkedin-api-rs/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|e| AuthError::Config(format!("HTTP client: {e}")))?,
        };
        Ok(OAuthClient {
            inner: Arc::new(Inner {
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri: self.redirect_uri,
                oauth_base,
                api_base,
                http,
                oidc: Mutex::new(None),
                allow_insecure_http: self.allow_insecure_http,
            }),
        })
    }
}

/// The same rule as the API client's: `https` (or `http` when allowed), a host, no query or
/// fragment.
fn check_base(url: &str, allow_http: bool) -> Result<String, AuthError> {
    let parsed = check_endpoint(url, allow_http)?;
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(AuthError::Config(format!(
            "base URL `{url}` must be a scheme, host and optional path"
        )));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Any URL the client sends to: `https`, or `http` only when `allow_insecure_http` is set.
fn check_endpoint(url: &str, allow_http: bool) -> Result<Url, AuthError> {
    let parsed = Url::parse(url).map_err(|e| AuthError::Config(format!("URL `{url}`: {e}")))?;
    match parsed.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => {
            return Err(AuthError::Config(format!(
                "URL `{url}` is plain http (enable allow_insecure_http for tests)"
            )));
        }
        other => return Err(AuthError::Config(format!("URL scheme `{other}`"))),
    }
    if parsed.host_str().is_none() {
        return Err(AuthError::Config(format!("URL `{url}` has no host")));
    }
    Ok(parsed)
}

impl OAuthClient {
    /// A builder; `client_secret` is kept as a [`Secret`].
    pub fn builder(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        redirect_uri: impl Into<String>,
    ) -> OAuthClientBuilder {
        OAuthClientBuilder {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            redirect_uri: redirect_uri.into(),
            oauth_base_url: DEFAULT_OAUTH_BASE_URL.to_owned(),
            api_base_url: DEFAULT_API_BASE_URL.to_owned(),
            http: None,
            allow_insecure_http: false,
            timeout: Duration::from_secs(30),
        }
    }

    /// A client for LinkedIn's production hosts.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
        redirect_uri: impl Into<String>,
    ) -> Result<Self, AuthError> {
        Self::builder(client_id, client_secret, redirect_uri).build()
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The redirect URI sent in the authorization request and the code exchange.
    pub fn redirect_uri(&self) -> &str {
        &self.inner.redirect_uri
    }

    // ----- 3.1 authorization ------------------------------------------------------------------

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
            self.inner.oauth_base,
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

    // ----- 3.2 token endpoint ------------------------------------------------------------------

    /// Exchanges an authorization code (`grant_type=authorization_code`).
    pub async fn exchange_code(&self, code: &AuthorizationCode) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.0.expose()),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
            ("redirect_uri", &self.inner.redirect_uri),
        ];
        self.token_request("authorization_code", &form, &[code.0.expose()])
            .await
    }

    /// Gets a new access token with a refresh token (`grant_type=refresh_token`). LinkedIn only
    /// issues refresh tokens to apps enabled for programmatic refresh.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
        ];
        self.token_request("refresh_token", &form, &[refresh_token.expose()])
            .await
    }

    /// Gets an application (2-legged) token (`grant_type=client_credentials`). Not enabled for
    /// most apps; LinkedIn answers `access_denied`/`unauthorized_client` otherwise.
    pub async fn client_credentials(&self) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
        ];
        self.token_request("client_credentials", &form, &[]).await
    }

    async fn token_request(
        &self,
        grant_type: &'static str,
        form: &[(&str, &str)],
        extra_secrets: &[&str],
    ) -> Result<TokenSet, AuthError> {
        let url = format!("{}{TOKEN_PATH}", self.inner.oauth_base);
        tracing::debug!(
            grant_type,
            endpoint = TOKEN_PATH,
            "requesting LinkedIn access token"
        );
        let req = self
            .inner
            .http
            .post(&url)
            .header(http::header::ACCEPT, "application/json")
            .form(form);
        let resp = self.send(req, TOKEN_PATH).await?;
        let secrets = self.secrets_with(extra_secrets);
        let raw: TokenResponse = read_json(resp, TOKEN_PATH, &secrets).await?;
        let tokens = TokenSet::from_response(raw, SystemTime::now());
        tracing::debug!(
            grant_type,
            scopes = %tokens.scopes,
            has_refresh_token = tokens.refresh_token.is_some(),
            has_id_token = tokens.id_token.is_some(),
            "received LinkedIn access token"
        );
        Ok(tokens)
    }

    // ----- 3.3 introspection -------------------------------------------------------------------

    /// Asks LinkedIn about a token (`POST /oauth/v2/introspectToken`). A token of another app
    /// yields `active: false`, not an error.
    pub async fn introspect(&self, token: &Secret) -> Result<Introspection, AuthError> {
        let url = format!("{}{INTROSPECT_PATH}", self.inner.oauth_base);
        let form = [
            ("client_id", self.inner.client_id.as_str()),
            ("client_secret", self.inner.client_secret.expose()),
            ("token", token.expose()),
        ];
        tracing::debug!(endpoint = INTROSPECT_PATH, "introspecting LinkedIn token");
        let req = self
            .inner
            .http
            .post(&url)
            .header(http::header::ACCEPT, "application/json")
            .form(&form);
        let resp = self.send(req, INTROSPECT_PATH).await?;
        read_json(resp, INTROSPECT_PATH, &self.secrets_with(&[token.expose()])).await
    }

    // ----- 3.4 / 3.5 OpenID Connect ------------------------------------------------------------

    /// The signed-in member's profile claims (`GET https://api.linkedin.com/v2/userinfo`, scopes
    /// `openid profile` and optionally `email`).
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, AuthError> {
        let url = format!("{}{USERINFO_PATH}", self.inner.api_base);
        tracing::debug!(endpoint = USERINFO_PATH, "fetching LinkedIn userinfo");
        let req = self
            .inner
            .http
            .get(&url)
            .bearer_auth(access_token.expose())
            .header(http::header::ACCEPT, "application/json");
        let resp = self.send(req, USERINFO_PATH).await?;
        read_json(
            resp,
            USERINFO_PATH,
            &self.secrets_with(&[access_token.expose()]),
        )
        .await
    }

    /// LinkedIn's OpenID configuration (`GET /oauth/.well-known/openid-configuration`).
    pub async fn discovery(&self) -> Result<OidcDiscovery, AuthError> {
        let url = format!("{}{DISCOVERY_PATH}", self.inner.oauth_base);
        self.get_public(&url, DISCOVERY_PATH).await
    }

    /// LinkedIn's signing keys (`GET /oauth/openid/jwks`).
    pub async fn jwks(&self) -> Result<JwkSet, AuthError> {
        let url = format!("{}{JWKS_PATH}", self.inner.oauth_base);
        self.get_public(&url, JWKS_PATH).await
    }

    async fn get_public<T: DeserializeOwned>(
        &self,
        url: &str,
        endpoint: &'static str,
    ) -> Result<T, AuthError> {
        tracing::debug!(endpoint, "fetching LinkedIn OIDC metadata");
        // The JWKS URL comes from the discovery document: the same scheme rule as the bases.
        check_endpoint(url, self.inner.allow_insecure_http)?;
        let req = self
            .inner
            .http
            .get(url)
            .header(http::header::ACCEPT, "application/json");
        let resp = self.send(req, endpoint).await?;
        read_json(resp, endpoint, &self.secrets_with(&[])).await
    }

    /// Sends one request; a 3xx answer (or a caller-supplied client that followed one) is an
    /// error, never followed: the form carries the client secret and the code.
    async fn send(
        &self,
        req: reqwest::RequestBuilder,
        endpoint: &'static str,
    ) -> Result<reqwest::Response, AuthError> {
        let transport = |source| AuthError::Transport { endpoint, source };
        let req = req.build().map_err(transport)?;
        let sent_to = req.url().clone();
        let resp = self.inner.http.execute(req).await.map_err(transport)?;
        if resp.url() != &sent_to {
            return Err(AuthError::Config(
                "the HTTP client given to OAuthClientBuilder::http_client followed a redirect; \
                 build it with reqwest::redirect::Policy::none()"
                    .into(),
            ));
        }
        if resp.status().is_redirection() {
            let location = resp
                .headers()
                .get(http::header::LOCATION)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                .map(|l| crate::body::bounded(&l, crate::body::MAX_ERROR_TEXT_BYTES));
            tracing::debug!(
                endpoint,
                status = resp.status().as_u16(),
                "OAuth redirect not followed"
            );
            return Err(AuthError::Redirect {
                endpoint,
                status: resp.status().as_u16(),
                location,
            });
        }
        Ok(resp)
    }

    /// Verifies an OIDC ID token and returns its claims.
    ///
    /// Checks: the RS256 signature against the key of LinkedIn's JWKS whose `kid` the token
    /// names; `iss` equal to the discovery document's `issuer`
    /// (`https://www.linkedin.com/oauth`); `aud` containing this client id; `exp` not past and
    /// `nbf` (when present) not in the future (60 s leeway each); and, when `expected_nonce` is `Some` (pass
    /// [`AuthorizationRequest::nonce`]), a `nonce` claim equal to it.
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
        let jwks: JwkSet = self.get_public(&jwks_uri, JWKS_PATH).await?;
        let keys = Arc::new(OidcKeys {
            issuer,
            jwks_uri,
            jwks,
            fetched_at: Instant::now(),
        });
        *self.inner.oidc.lock().expect("oidc cache lock") = Some(keys.clone());
        Ok(keys)
    }

    fn secrets_with<'a>(&'a self, extra: &[&'a str]) -> Vec<&'a str> {
        let mut v = vec![self.inner.client_secret.expose()];
        v.extend_from_slice(extra);
        v
    }
}

/// The OAuth error body (`{"error": …, "error_description": …}`).
#[derive(Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Reads a JSON response; maps OAuth error bodies and other failures to [`AuthError`], scrubbing
/// `secrets` (and any token found in the body) from every message.
async fn read_json<T: DeserializeOwned>(
    mut resp: reqwest::Response,
    endpoint: &'static str,
    secrets: &[&str],
) -> Result<T, AuthError> {
    let status = resp.status();
    let read = crate::body::read_limited(&mut resp, MAX_BODY_BYTES)
        .await
        .map_err(|source| AuthError::Transport { endpoint, source })?;
    if read.truncated && status.is_success() {
        return Err(AuthError::BodyTooLarge {
            endpoint,
            limit: MAX_BODY_BYTES,
        });
    }
    let body = read.bytes;
    if status.is_success() {
        let value: serde_json::Value =
            serde_json::from_slice(&body).map_err(|e| decode_error(endpoint, e, secrets, None))?;
        return serde_json::from_value(value.clone())
            .map_err(|e| decode_error(endpoint, e, secrets, Some(&value)));
    }
    if let Ok(err) = serde_json::from_slice::<OAuthErrorBody>(&body) {
        tracing::debug!(endpoint, status = status.as_u16(), error = %err.error, "OAuth error");
        let bound = |text: &str| {
            crate::body::bounded(&scrub(text, secrets), crate::body::MAX_ERROR_TEXT_BYTES)
        };
        return Err(AuthError::OAuth {
            status: status.as_u16(),
            error: bound(&err.error),
            description: err.error_description.as_deref().map(bound),
        });
    }
    let text = String::from_utf8_lossy(&body);
    let snippet: String = text.chars().take(SNIPPET_LEN).collect();
    tracing::debug!(
        endpoint,
        status = status.as_u16(),
        "non-OAuth error response"
    );
    Err(AuthError::Http {
        status: status.as_u16(),
        endpoint,
        snippet: scrub(&snippet, secrets),
    })
}

/// A decode error whose message can never contain a token: serde_json quotes offending values,
/// so the message is scrubbed of the request's secrets and of any `*token*` string in the body.
fn decode_error(
    endpoint: &'static str,
    e: serde_json::Error,
    secrets: &[&str],
    body: Option<&serde_json::Value>,
) -> AuthError {
    let mut msg = e.to_string();
    let mut all: Vec<&str> = secrets.to_vec();
    if let Some(serde_json::Value::Object(map)) = body {
        for (k, v) in map {
            if let (true, Some(s)) = (k.contains("token"), v.as_str()) {
                all.push(s);
            }
        }
    }
    msg = crate::body::bounded(&scrub(&msg, &all), crate::body::MAX_ERROR_TEXT_BYTES);
    AuthError::Decode {
        endpoint,
        message: msg,
    }
}

/// Replaces every occurrence of each (non-trivial) secret by `[REDACTED]`.
fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(s, "[REDACTED]");
    }
    out
}

// ----- authorization request / redirect ---------------------------------------------------------

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
                kind: AuthorizationErrorKind::from_code(&error),
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
        let query = match Url::parse(query_or_url) {
            Ok(u) if query_or_url.contains("://") => u.query().unwrap_or("").to_owned(),
            _ => query_or_url.trim_start_matches('?').to_owned(),
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

// ----- introspection ----------------------------------------------------------------------------

/// The response of `POST /oauth/v2/introspectToken`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introspection {
    /// Whether the token is valid and belongs to this app.
    pub active: bool,
    /// `active`, `expired` or `revoked`.
    #[serde(default)]
    pub status: Option<TokenStatus>,
    /// Granted scopes (3-legged tokens only; LinkedIn sends them comma-separated).
    #[serde(default)]
    pub scope: Scopes,
    /// The app the token was issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Creation time, seconds since the epoch.
    #[serde(default)]
    pub created_at: Option<i64>,
    /// Expiry time, seconds since the epoch.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// When the member authorized the app, seconds since the epoch.
    #[serde(default)]
    pub authorized_at: Option<i64>,
    /// `2L`, `3L` or `Enterprise_User`.
    #[serde(default)]
    pub auth_type: Option<AuthType>,
    /// Any other member.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

fn epoch_secs(s: Option<i64>) -> Option<SystemTime> {
    s.and_then(|s| u64::try_from(s).ok())
        .map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s))
}

impl Introspection {
    /// [`expires_at`](Self::expires_at) as a `SystemTime`.
    pub fn expires_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.expires_at)
    }

    /// [`created_at`](Self::created_at) as a `SystemTime`.
    pub fn created_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.created_at)
    }

    /// [`authorized_at`](Self::authorized_at) as a `SystemTime`.
    pub fn authorized_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.authorized_at)
    }
}

macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vm])* $variant,)*
            /// A value this crate does not know yet.
            Other(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(s) => s,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::Other(s),
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                Ok(String::deserialize(d)?.into())
            }
        }
    };
}

open_enum! {
    /// Introspection `status`.
    TokenStatus {
        /// The token is valid.
        Active = "active",
        /// The token expired.
        Expired = "expired",
        /// The token was revoked.
        Revoked = "revoked",
    }
}

open_enum! {
    /// Introspection `auth_type`.
    AuthType {
        /// Application (client-credentials) token.
        TwoLegged = "2L",
        /// Member token.
        ThreeLegged = "3L",
        /// Enterprise user token.
        EnterpriseUser = "Enterprise_User",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JWKS URL comes from the discovery document; without `allow_insecure_http` an
    /// `http://` one is refused before any request (and the default client is https-only too).
    #[tokio::test]
    async fn an_http_jwks_url_is_refused_without_allow_insecure_http() {
        let oauth = OAuthClient::new("id", "secret", "https://app.example/cb").unwrap();
        let err = oauth
            .get_public::<JwkSet>("http://127.0.0.1:9/oauth/openid/jwks", JWKS_PATH)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, AuthError::Config(m) if m.contains("plain http")),
            "{err:?}"
        );
        let insecure = OAuthClient::builder("id", "secret", "https://app.example/cb")
            .allow_insecure_http(true)
            .build()
            .unwrap();
        // Allowed: the request goes out (and fails to connect, nothing listens on port 9).
        let err = insecure
            .get_public::<JwkSet>("http://127.0.0.1:9/oauth/openid/jwks", JWKS_PATH)
            .await
            .unwrap_err();
        assert!(matches!(err, AuthError::Transport { .. }), "{err:?}");
    }
}
