//! The OAuth 2.0 client: authorization URL, redirect handling, grants, introspection, OIDC.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use jsonwebtoken::jwk::JwkSet;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use url::Url;

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use http::{Method, StatusCode};

use super::error::{AuthError, AuthorizationErrorKind, IdTokenError};
use super::oidc::{self, IdTokenClaims, OidcDiscovery, UserInfo};
use super::state::{constant_time_eq, random_token};
use super::token::{Scopes, TokenResponse, TokenSet};
use super::{DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL};
use crate::error::ConfigErrorKind;
use crate::exchange::Exchange;
use crate::interceptor::{Interceptor, Interceptors, OperationInfo};
use crate::{Client, Error, RetryPolicy, Secret};

const AUTHORIZE_PATH: &str = "/oauth/v2/authorization";
const TOKEN_PATH: &str = "/oauth/v2/accessToken";
const INTROSPECT_PATH: &str = "/oauth/v2/introspectToken";
const USERINFO_PATH: &str = "/v2/userinfo";
const DISCOVERY_PATH: &str = "/oauth/.well-known/openid-configuration";
const JWKS_PATH: &str = "/oauth/openid/jwks";

const OP_TOKEN: &str = "auth.token";
const OP_INTROSPECT: &str = "auth.introspect";
const OP_USERINFO: &str = "auth.userinfo";
const OP_DISCOVERY: &str = "auth.discovery";
const OP_JWKS: &str = "auth.jwks";

/// The `User-Agent` of OAuth requests (as sent before they shared the API client's path).
const USER_AGENT: &str = concat!("linkedin-api-rs/", env!("CARGO_PKG_VERSION"));
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
    /// Sends every request through the crate's one HTTP choke point (its base URL is the API
    /// host, for `userinfo`; its OAuth base URL the OAuth host).
    client: Client,
    oidc: Mutex<Option<Arc<OidcKeys>>>,
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
            .field("oauth_base_url", &self.inner.client.oauth_base_url())
            .field("api_base_url", &self.inner.client.base_url())
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
    interceptors: Interceptors,
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

    /// Adds an [`Interceptor`]: it sees every OAuth / OIDC request (`auth.token`,
    /// `auth.introspect`, `auth.userinfo`, `auth.discovery`, `auth.jwks`) like the API client's
    /// see API calls. Several may be added; they run in order. To share one with a
    /// [`ClientBuilder`](crate::ClientBuilder), add an `Arc` of it to both.
    pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.interceptors.push(Arc::new(interceptor));
        self
    }

    /// Validates the configuration and builds the client.
    pub fn build(self) -> Result<OAuthClient, AuthError> {
        if self.client_id.is_empty() {
            return Err(AuthError::config(
                ConfigErrorKind::InvalidArgument,
                "client id is empty",
            ));
        }
        Url::parse(&self.redirect_uri).map_err(|e| {
            AuthError::config(
                ConfigErrorKind::InvalidUrl,
                format!("redirect URI does not parse: {e}"),
            )
        })?;
        let mut client = Client::builder()
            .base_url(&self.api_base_url)
            .oauth_base_url(&self.oauth_base_url)
            .allow_insecure_http(self.allow_insecure_http)
            .user_agent(USER_AGENT)
            .timeout(self.timeout)
            // One attempt: its timeout is the bound; the deadline only backs it up.
            .deadline(self.timeout.saturating_add(Duration::from_secs(1)))
            .max_response_bytes(MAX_BODY_BYTES)
            // Token requests are not idempotent (a code is single-use); nothing is retried.
            .retry_policy(RetryPolicy::none());
        if let Some(http) = self.http {
            client = client.http_client(http);
        }
        client = client.with_interceptors(self.interceptors);
        Ok(OAuthClient {
            inner: Arc::new(Inner {
                client_id: self.client_id,
                client_secret: self.client_secret,
                redirect_uri: self.redirect_uri,
                client: client.build()?,
                oidc: Mutex::new(None),
            }),
        })
    }
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
            interceptors: Interceptors::default(),
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
        let url = format!("{}{TOKEN_PATH}", self.inner.client.oauth_base_url());
        tracing::debug!(
            grant_type,
            endpoint = TOKEN_PATH,
            "requesting LinkedIn access token"
        );
        let raw: TokenResponse = self
            .call(
                Call::new(OP_TOKEN, Method::POST, TOKEN_PATH, &url)
                    .form(form)
                    .secrets(extra_secrets),
            )
            .await?;
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
        let url = format!("{}{INTROSPECT_PATH}", self.inner.client.oauth_base_url());
        let form = [
            ("client_id", self.inner.client_id.as_str()),
            ("client_secret", self.inner.client_secret.expose()),
            ("token", token.expose()),
        ];
        tracing::debug!(endpoint = INTROSPECT_PATH, "introspecting LinkedIn token");
        self.call(
            Call::new(OP_INTROSPECT, Method::POST, INTROSPECT_PATH, &url)
                .form(&form)
                .secrets(&[token.expose()]),
        )
        .await
    }

    // ----- 3.4 / 3.5 OpenID Connect ------------------------------------------------------------

    /// The signed-in member's profile claims (`GET https://api.linkedin.com/v2/userinfo`, scopes
    /// `openid profile` and optionally `email`).
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, AuthError> {
        let url = format!("{}{USERINFO_PATH}", self.inner.client.base_url());
        tracing::debug!(endpoint = USERINFO_PATH, "fetching LinkedIn userinfo");
        self.call(
            Call::new(OP_USERINFO, Method::GET, USERINFO_PATH, &url)
                .bearer(access_token)
                .scopes(&[&["openid", "profile"]]),
        )
        .await
    }

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

    /// Runs one OAuth / OIDC request through the client's one HTTP choke point: interceptors,
    /// scheme rule, no redirects, deadline, bounded body, tracing, and redaction of the client
    /// secret and of every secret the request carries. An OAuth error body becomes
    /// [`AuthError::OAuth`]; any other failure [`AuthError::Request`].
    async fn call<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T, AuthError> {
        let url = Url::parse(call.url).map_err(|e| {
            // A URL that does not parse cannot be shown without its query: it is not shown.
            AuthError::config(
                ConfigErrorKind::InvalidUrl,
                format!("the URL of {} does not parse: {e}", call.endpoint),
            )
        })?;
        let client = &self.inner.client;
        let info = OperationInfo::new(
            call.operation,
            call.method.clone(),
            call.endpoint,
            url.host_str().unwrap_or_default(),
        )
        .with_scopes(call.scopes);
        let mut exchange = Exchange::new(client, info, call.method, url);
        exchange
            .headers
            .insert(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(form) = call.form {
            let body = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(form)
                .finish();
            exchange.headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            exchange.body = Some(Bytes::from(body));
        }
        if let Some(token) = call.bearer {
            let mut value =
                HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                    AuthError::config(
                        ConfigErrorKind::InvalidHeaderValue,
                        "the access token contains invalid characters",
                    )
                })?;
            value.set_sensitive(true);
            exchange.headers.insert(AUTHORIZATION, value);
        }
        let mut secrets = vec![self.inner.client_secret.expose()];
        secrets.extend_from_slice(call.secrets);
        secrets.extend(call.bearer.map(Secret::expose));
        exchange.secrets = secrets.clone();
        // OAuth error bodies are read whole (up to the same 1 MiB) to find the OAuth error.
        exchange.error_body_limit = MAX_BODY_BYTES;
        exchange.error_body = Some(oauth_error);
        let resp = client.exchange(exchange).await?;
        Ok(resp
            .json(call.operation)
            .map_err(|e| crate::redact::decode_error(e, &secrets))?)
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

/// One OAuth / OIDC request, before it is an exchange.
struct Call<'a> {
    operation: &'static str,
    method: Method,
    /// The endpoint's path, e.g. `/oauth/v2/accessToken` (also the path template).
    endpoint: &'static str,
    url: &'a str,
    form: Option<&'a [(&'a str, &'a str)]>,
    bearer: Option<&'a Secret>,
    /// Secrets the request carries besides the client secret (a code, a token).
    secrets: &'a [&'a str],
    scopes: &'static [&'static [&'static str]],
}

impl<'a> Call<'a> {
    fn new(operation: &'static str, method: Method, endpoint: &'static str, url: &'a str) -> Self {
        Call {
            operation,
            method,
            endpoint,
            url,
            form: None,
            bearer: None,
            secrets: &[],
            scopes: &[],
        }
    }

    fn form(mut self, form: &'a [(&'a str, &'a str)]) -> Self {
        self.form = Some(form);
        self
    }

    fn bearer(mut self, token: &'a Secret) -> Self {
        self.bearer = Some(token);
        self
    }

    fn secrets(mut self, secrets: &'a [&'a str]) -> Self {
        self.secrets = secrets;
        self
    }

    fn scopes(mut self, scopes: &'static [&'static [&'static str]]) -> Self {
        self.scopes = scopes;
        self
    }
}

/// The OAuth error body (`{"error": …, "error_description": …}`).
#[derive(Deserialize)]
struct OAuthErrorBody {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
}

/// Reads a non-2xx body as an OAuth error, when it is one (the exchange has already redacted the
/// request's secrets from it); anything else is left to [`crate::ApiError`].
fn oauth_error(operation: &'static str, status: StatusCode, body: &[u8]) -> Option<Error> {
    let err = serde_json::from_slice::<OAuthErrorBody>(body).ok()?;
    tracing::debug!(operation, status = status.as_u16(), error = %err.error, "OAuth error");
    let bound = |text: &str| crate::body::bounded(text, crate::body::MAX_ERROR_TEXT_BYTES);
    Some(Error::from(AuthError::OAuth {
        status: status.as_u16(),
        error: bound(&err.error),
        description: err.error_description.as_deref().map(bound),
    }))
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
