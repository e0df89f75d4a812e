//! The [`OAuthClient`] itself, and how each of its requests becomes an exchange.
//!
//! An OAuth client owns a [`Client`] without an access token whose base URL is the API host (for
//! `userinfo`) and whose OAuth base URL is the OAuth host: every OAuth and OIDC request goes
//! through that client's one HTTP choke point ([`Call`] → `Exchange`), so interceptors, the
//! scheme rule, redirects, deadlines, body bounds, tracing and redaction are the API calls' own.
//! What is OAuth's alone is here: the client secret and the request's secrets are redacted, and
//! an OAuth error body (`{"error": …}`) becomes [`AuthError::OAuth`].

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use http::{Method, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::config::MAX_BODY_BYTES;
use super::error::AuthError;
#[cfg(feature = "oidc")]
use super::id_token::OidcKeys;
use crate::area::{Area, Effect};
use crate::error::ConfigErrorKind;
use crate::exchange::{Bearer, Exchange};
use crate::interceptor::OperationInfo;
use crate::{Client, Error, Secret};

/// An OAuth 2.0 / OpenID Connect client for LinkedIn. Cheap to clone (shared inner state).
#[derive(Clone)]
pub struct OAuthClient {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) client_id: String,
    pub(super) client_secret: Secret,
    pub(super) redirect_uri: String,
    /// Sends every request through the crate's one HTTP choke point (its base URL is the API
    /// host, for `userinfo`; its OAuth base URL the OAuth host).
    pub(super) client: Client,
    /// LinkedIn's OIDC issuer and keys, once fetched.
    #[cfg(feature = "oidc")]
    pub(super) oidc: std::sync::Mutex<Option<Arc<OidcKeys>>>,
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

impl OAuthClient {
    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.inner.client_id
    }

    /// The redirect URI sent in the authorization request and the code exchange.
    pub fn redirect_uri(&self) -> &str {
        &self.inner.redirect_uri
    }

    /// Runs one OAuth / OIDC request through the client's one HTTP choke point: interceptors,
    /// scheme rule, no redirects, deadline, bounded body, tracing, and redaction of the client
    /// secret and of every secret the request carries. An OAuth error body becomes
    /// [`AuthError::OAuth`]; any other failure [`AuthError::Request`].
    pub(super) async fn call<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T, AuthError> {
        send(&self.inner.client, Some(&self.inner.client_secret), call).await
    }
}

/// Sends one OAuth / OIDC request through `client`'s exchange (see [`OAuthClient::call`]);
/// `client_secret`, when the request belongs to an OAuth app, is redacted like the request's own
/// secrets. `Client::userinfo` sends without an app.
pub(super) async fn send<T: DeserializeOwned>(
    client: &Client,
    client_secret: Option<&Secret>,
    call: Call<'_>,
) -> Result<T, AuthError> {
    let url = Url::parse(call.url).map_err(|e| {
        // A URL that does not parse cannot be shown without its query: it is not shown.
        AuthError::config(
            ConfigErrorKind::InvalidUrl,
            format!("the URL of {} does not parse: {e}", call.endpoint),
        )
    })?;
    let info = OperationInfo::new(
        call.operation,
        call.method.clone(),
        call.endpoint,
        url.host_str().unwrap_or_default(),
    )
    .with_scopes(call.scopes)
    // Signing in and asking who the token belongs to change nothing a member sees; a policy
    // that allows `identity` reads allows them (a token grant is a POST, and still a read here).
    .with_area(Some(Area::Identity))
    .with_effect(Effect::Read);
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
    if call.client_bearer {
        // The URL is the client's API base URL: its token may go there.
        exchange.bearer = Bearer::Client;
    }
    let mut secrets: Vec<&str> = client_secret.iter().map(|s| s.expose()).collect();
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

/// One OAuth / OIDC request, before it is an exchange.
pub(super) struct Call<'a> {
    operation: &'static str,
    method: Method,
    /// The endpoint's path, e.g. `/oauth/v2/accessToken` (also the path template).
    endpoint: &'static str,
    url: &'a str,
    form: Option<&'a [(&'a str, &'a str)]>,
    bearer: Option<&'a Secret>,
    /// Send the client's own token (fixed or from its provider) instead of `bearer`.
    client_bearer: bool,
    /// Secrets the request carries besides the client secret (a code, a token).
    secrets: &'a [&'a str],
    scopes: &'static [&'static [&'static str]],
}

impl<'a> Call<'a> {
    pub(super) fn new(
        operation: &'static str,
        method: Method,
        endpoint: &'static str,
        url: &'a str,
    ) -> Self {
        Call {
            operation,
            method,
            endpoint,
            url,
            form: None,
            bearer: None,
            client_bearer: false,
            secrets: &[],
            scopes: &[],
        }
    }

    pub(super) fn form(mut self, form: &'a [(&'a str, &'a str)]) -> Self {
        self.form = Some(form);
        self
    }

    pub(super) fn bearer(mut self, token: &'a Secret) -> Self {
        self.bearer = Some(token);
        self
    }

    pub(super) fn client_bearer(mut self) -> Self {
        self.client_bearer = true;
        self
    }

    pub(super) fn secrets(mut self, secrets: &'a [&'a str]) -> Self {
        self.secrets = secrets;
        self
    }

    pub(super) fn scopes(mut self, scopes: &'static [&'static [&'static str]]) -> Self {
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
