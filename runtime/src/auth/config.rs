//! Configuring an [`OAuthClient`]: [`OAuthClientBuilder`] checks the client id and redirect
//! URI, and builds the [`Client`] every OAuth request goes through (the hosts, the scheme rule,
//! the timeout, the 1 MiB body bound, no retries, the interceptors).

use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::client::{Inner, OAuthClient};
use super::error::AuthError;
use super::{DEFAULT_API_BASE_URL, DEFAULT_OAUTH_BASE_URL};
use crate::error::ConfigErrorKind;
use crate::interceptor::{Interceptor, Interceptors};
use crate::{Client, RetryPolicy, Secret};

/// The `User-Agent` of OAuth requests (as sent before they shared the API client's path).
const USER_AGENT: &str = concat!("linkedin-api-rs/", env!("CARGO_PKG_VERSION"));
/// The largest OAuth / OIDC response read: token, introspection and userinfo answers, the
/// discovery document and the JWKS are all a few KiB.
pub(super) const MAX_BODY_BYTES: usize = 1024 * 1024;

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
                #[cfg(feature = "oidc")]
                oidc: std::sync::Mutex::new(None),
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
}
