//! The HTTP client: one connection pool, the access token, the configuration, and the wire form
//! of a Rest.li [`Request`] (headers, URL, tunnelling).
//!
//! Only [`Client::send_json`] and friends are generic, and only over the decoding of the body;
//! everything that touches the network goes through the non-generic [`Client::execute`] and from
//! there the crate's one HTTP choke point (`exchange`: retries per the [`RetryPolicy`], deadline,
//! tracing, [interceptors](crate::interceptor), error mapping), so the request loop is compiled
//! once, not once per response type.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use http::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{AccessToken, TokenProvider};
use crate::body::DEFAULT_MAX_RESPONSE_BYTES;
use crate::error::{ConfigErrorKind, Error};
use crate::exchange::{Answer, Bearer, Exchange, check_scheme};
use crate::interceptor::{Interceptor, Interceptors, OperationInfo};
use crate::request::Request;
use crate::restli::{self, Created, tunnel};
use crate::retry::RetryPolicy;
use crate::scopes::Granted;
use crate::secret::Secret;
use crate::stream::StreamingResponse;

/// LinkedIn's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.linkedin.com";
/// LinkedIn's OAuth host.
pub const DEFAULT_OAUTH_BASE_URL: &str = "https://www.linkedin.com";
/// The protocol version every Rest.li call declares.
pub const RESTLI_PROTOCOL_VERSION: &str = "2.0.0";

const DEFAULT_USER_AGENT: &str = concat!("linkedin-api-rust/", env!("CARGO_PKG_VERSION"));
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// One call, every attempt and wait included: two full attempts fit, a third does not.
const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

static X_RESTLI_PROTOCOL_VERSION: HeaderName = HeaderName::from_static("x-restli-protocol-version");
static X_RESTLI_METHOD: HeaderName = HeaderName::from_static("x-restli-method");
static LINKEDIN_VERSION: HeaderName = HeaderName::from_static("linkedin-version");
static X_HTTP_METHOD_OVERRIDE: HeaderName = HeaderName::from_static("x-http-method-override");

/// A LinkedIn API client. Cheap to clone (the pool and configuration are shared); clones may be
/// used from any task.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    access_token: Option<Arc<FixedToken>>,
    /// Where the token comes from instead of `access_token`, asked on every call.
    provider: Option<Arc<ProviderSlot>>,
    /// The scopes `access_token` was granted, when known: a call they do not cover is not sent.
    granted: Option<Granted>,
    /// Overrides `inner.deadline` ([`Client::with_deadline`]).
    deadline: Option<Duration>,
}

/// A fixed access token and the `Authorization` header that carries it, built once rather than
/// formatted and copied on every call.
struct FixedToken {
    secret: Secret,
    /// `None` when the token cannot be a header value: a call then fails as it always did.
    header: Option<HeaderValue>,
}

impl FixedToken {
    fn new(secret: Secret) -> FixedToken {
        let header = crate::exchange::bearer_header(&secret).ok();
        FixedToken { secret, header }
    }
}

/// A token provider and the last token it gave, remembered so that a decode error echoing it
/// can still be scrubbed.
struct ProviderSlot {
    provider: Arc<dyn TokenProvider>,
    last: std::sync::Mutex<Option<Secret>>,
}

impl ProviderSlot {
    fn last(&self) -> std::sync::MutexGuard<'_, Option<Secret>> {
        self.last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A builder's token provider, which `Debug` names without asking it anything.
struct SharedProvider(Arc<dyn TokenProvider>);

impl fmt::Debug for SharedProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenProvider")
    }
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    oauth_base_url: String,
    upload_base_url: Option<String>,
    user_agent: HeaderValue,
    timeout: Duration,
    deadline: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    allow_insecure_http: bool,
    interceptors: Interceptors,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url)
            .field("oauth_base_url", &self.inner.oauth_base_url)
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("token_provider", &self.provider.is_some())
            .field("granted_scopes", &self.granted)
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.deadline())
            .field("max_response_bytes", &self.inner.max_response_bytes)
            .field("retry", &self.inner.retry)
            .field("interceptors", &self.inner.interceptors)
            .finish_non_exhaustive()
    }
}

/// A response with a 2xx status, as received.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// The status (2xx).
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl RawResponse {
    /// Decodes the body as `T`, the way [`Client::send_json`] does (an empty body is `null`).
    pub fn json<T: DeserializeOwned>(&self, operation: &'static str) -> Result<T, Error> {
        decode_json(operation, &self.body)
    }

    /// The created entity's key from `X-RestLi-Id`, the way [`Client::send_create_id`] reads it.
    pub fn created_id<K>(&self, operation: &'static str) -> Result<K, Error>
    where
        K: std::str::FromStr,
        K::Err: fmt::Display,
    {
        created_id(operation, &self.headers)
    }

    /// A create's answer: the key from `X-RestLi-Id` and the entity, `None` when the body is
    /// empty; the way [`Client::send_create`] reads it.
    pub fn created<K, T>(&self, operation: &'static str) -> Result<Created<K, T>, Error>
    where
        K: std::str::FromStr,
        K::Err: fmt::Display,
        T: DeserializeOwned,
    {
        let id = self.created_id(operation)?;
        let entity = if self.is_empty() {
            None
        } else {
            Some(self.json(operation)?)
        };
        Ok(Created { id, entity })
    }

    /// Whether the body is empty (or only whitespace).
    pub fn is_empty(&self) -> bool {
        is_blank(&self.body)
    }
}

impl Client {
    /// A builder with LinkedIn's defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with LinkedIn's defaults and this access token.
    pub fn new(access_token: impl Into<Secret>) -> Result<Client, Error> {
        Self::builder().access_token(access_token).build()
    }

    /// A client sharing this one's pool and configuration but sending another access token
    /// (e.g. one client per member in a multi-tenant service). Its granted scopes are unknown
    /// until set with [`with_granted_scopes`](Self::with_granted_scopes); see also
    /// [`with_token_set`](Self::with_token_set). A token provider this client had is not
    /// carried over: the new client sends this fixed token.
    pub fn with_access_token(&self, access_token: impl Into<Secret>) -> Client {
        Client {
            inner: Arc::clone(&self.inner),
            access_token: Some(Arc::new(FixedToken::new(access_token.into()))),
            provider: None,
            granted: None,
            deadline: self.deadline,
        }
    }

    /// A client sending the access token of a token response, and knowing the scopes the
    /// response says were granted (when it lists any), so that a call they do not cover fails
    /// with [`Error::MissingScopes`] before it is sent.
    pub fn with_token_set(&self, tokens: &crate::auth::TokenSet) -> Client {
        let client = self.with_access_token(tokens.access_token.clone());
        if tokens.scopes.is_empty() {
            client
        } else {
            client.with_granted_scopes(tokens.scopes.iter())
        }
    }

    /// A client sharing this one's pool, token and configuration that knows the scopes of its
    /// token from LinkedIn's introspection of it: those of a member's (3-legged) token that lists
    /// them. Otherwise (an application token, whose introspection lists none) the scopes stay
    /// as they were, since an empty list there does not mean "no scope".
    pub fn with_introspection(&self, introspection: &crate::auth::Introspection) -> Client {
        use crate::auth::AuthType;
        let member_token = matches!(introspection.auth_type, Some(AuthType::ThreeLegged));
        if member_token && !introspection.scope.is_empty() {
            self.with_granted_scopes(introspection.scope.iter())
        } else {
            self.clone()
        }
    }

    /// A client sharing this one's pool, token and configuration that knows its token was
    /// granted `scopes`: see [`ClientBuilder::granted_scopes`].
    pub fn with_granted_scopes<I, S>(&self, scopes: I) -> Client
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        Client {
            granted: Some(Granted::new(scopes)),
            ..self.clone()
        }
    }

    /// The scopes the token was granted, sorted, if the client knows them.
    pub fn granted_scopes(&self) -> Option<Vec<&str>> {
        self.granted.as_ref().map(|g| g.iter().collect())
    }

    /// `Err` when the client knows its token's scopes and they cover none of the operation's
    /// alternatives.
    /// `token_scopes` are those the token provider reported for the token being sent: they
    /// take the place of the client's own.
    pub(crate) fn check_scopes(
        &self,
        operation: &'static str,
        needed: &'static [&'static [&'static str]],
        token_scopes: Option<&crate::auth::Scopes>,
    ) -> Result<(), Error> {
        let learned = token_scopes.map(|scopes| Granted::new(scopes.iter()));
        match learned.as_ref().or(self.granted.as_ref()) {
            Some(granted) => granted
                .check(operation, needed)
                .map_err(|missing| Error::MissingScopes(Box::new(missing))),
            None => Ok(()),
        }
    }

    /// The token to send now: the fixed one, or the provider's (refreshed if due). `None` when
    /// the client has neither. A provider's failure is [`Error::Auth`].
    pub(crate) async fn current_token(&self) -> Result<Option<AccessToken>, Error> {
        match &self.provider {
            Some(slot) => {
                let token = slot.provider.token().await.map_err(Error::from)?;
                *slot.last() = Some(token.token.clone());
                Ok(Some(token))
            }
            None => Ok(self.access_token.as_deref().map(|t| AccessToken {
                token: t.secret.clone(),
                scopes: None,
            })),
        }
    }

    /// The token provider, if the client has one.
    pub(crate) fn token_provider(&self) -> Option<&dyn TokenProvider> {
        self.provider.as_deref().map(|slot| &*slot.provider)
    }

    /// A client sharing this one's pool, token and configuration but with another total deadline
    /// per call (see [`ClientBuilder::deadline`]): e.g. `Api::new(client.with_deadline(…))` for
    /// one slow batch job. A single [`Request`] can also carry its own
    /// ([`Request::deadline`]).
    pub fn with_deadline(&self, deadline: Duration) -> Client {
        Client {
            deadline: Some(deadline),
            ..self.clone()
        }
    }

    /// The total deadline of one call: attempts, backoff and `Retry-After` waits together.
    pub fn deadline(&self) -> Duration {
        self.deadline.unwrap_or(self.inner.deadline)
    }

    /// The largest response body accepted ([`ClientBuilder::max_response_bytes`]).
    pub fn max_response_bytes(&self) -> usize {
        self.inner.max_response_bytes
    }

    /// The API base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The OAuth base URL, without a trailing slash.
    pub fn oauth_base_url(&self) -> &str {
        &self.inner.oauth_base_url
    }

    /// Where media uploads go instead of the host LinkedIn names, if set
    /// ([`ClientBuilder::upload_base_url`]).
    pub fn upload_base_url(&self) -> Option<&str> {
        self.inner.upload_base_url.as_deref()
    }

    /// The underlying HTTP client. The crate's own requests (Rest.li, OAuth, media uploads) go
    /// through the client's choke point instead; a request sent with this one bypasses it: no
    /// interceptors, retries, deadline, body bound or redaction.
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.http
    }

    /// The retry policy.
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.inner.retry
    }

    /// The timeout of one attempt (the call as a whole is bounded by [`deadline`](Self::deadline)).
    pub fn timeout(&self) -> Duration {
        self.inner.timeout
    }

    /// Whether plain `http://` URLs may be used ([`ClientBuilder::allow_insecure_http`]).
    pub(crate) fn allows_insecure_http(&self) -> bool {
        self.inner.allow_insecure_http
    }

    /// The interceptors, in order ([`ClientBuilder::interceptor`]).
    pub(crate) fn has_interceptors(&self) -> bool {
        !self.interceptors().is_empty()
    }

    pub(crate) fn interceptors(&self) -> &Interceptors {
        &self.inner.interceptors
    }

    /// The fixed token's `Authorization` header, if the client has a fixed token.
    pub(crate) fn fixed_bearer_header(&self) -> Option<Result<HeaderValue, Error>> {
        let token = self.access_token.as_deref()?;
        Some(
            token
                .header
                .clone()
                .ok_or_else(crate::exchange::invalid_token),
        )
    }

    /// The access token, for modules of this crate that send it elsewhere.
    pub(crate) fn access_token(&self) -> Option<&Secret> {
        self.access_token.as_deref().map(|t| &t.secret)
    }

    /// Runs one request and decodes the 2xx JSON body as `T`. An empty body decodes as `null`
    /// (so `T = ()` or `Option<_>` accept a 204).
    pub async fn send_json<T: DeserializeOwned>(&self, req: Request) -> Result<T, Error> {
        let operation = req.p.operation;
        let resp = self.execute(req).await?;
        resp.json(operation).map_err(|err| self.scrub(err))
    }

    /// Runs one request whose 2xx body carries nothing of interest (204, or an ignored body).
    pub async fn send_empty(&self, req: Request) -> Result<(), Error> {
        self.execute(req).await.map(drop)
    }

    /// Runs a CREATE and parses the new key from the `X-RestLi-Id` header (reduced-decoded).
    /// A missing header or a key `K` cannot parse is an [`Error::Decode`] naming the operation.
    pub async fn send_create_id<K>(&self, req: Request) -> Result<K, Error>
    where
        K: std::str::FromStr,
        K::Err: fmt::Display,
    {
        let operation = req.p.operation;
        let resp = self.execute(req).await?;
        resp.created_id(operation).map_err(|err| self.scrub(err))
    }

    /// Runs a CREATE that also returns the created entity in the body (e.g. comments). The
    /// entity is `None` when the body is empty.
    pub async fn send_create<K, T>(&self, req: Request) -> Result<Created<K, T>, Error>
    where
        K: std::str::FromStr,
        K::Err: fmt::Display,
        T: DeserializeOwned,
    {
        let operation = req.p.operation;
        let resp = self.execute(req).await?;
        resp.created(operation).map_err(|err| self.scrub(err))
    }

    /// The secrets a server might echo back into an error: the access token.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        self.access_token
            .iter()
            .map(|t| t.secret.expose())
            .collect()
    }

    /// A decode error with any echoed access token (fixed, or the provider's last) replaced by
    /// `[REDACTED]`.
    pub(crate) fn scrub(&self, err: Error) -> Error {
        let last = self.provider.as_ref().map(|slot| slot.last());
        let mut secrets = self.secrets();
        secrets.extend(last.as_deref().and_then(Option::as_ref).map(Secret::expose));
        crate::redact::decode_error(err, &secrets)
    }

    /// Runs one request: builds the URL and headers, tunnels an over-long query, and runs it
    /// through the client's one HTTP choke point, which asks the
    /// [interceptors](crate::interceptor), retries per policy within the call's deadline, traces
    /// every attempt, and maps a non-2xx answer to [`Error::Api`] (a 3xx to [`Error::Redirect`]).
    pub async fn execute(&self, req: Request) -> Result<RawResponse, Error> {
        let exchange = self.rest_exchange(&req)?;
        self.exchange(exchange).await
    }

    /// Runs one request like [`execute`](Self::execute), but leaves a 2xx body on the
    /// connection for the caller to stream ([`StreamingResponse::bytes_stream`]), with no size
    /// limit: for payloads larger than
    /// [`max_response_bytes`](ClientBuilder::max_response_bytes) that the caller writes out or
    /// processes as they come.
    ///
    /// Everything up to the response headers is as for `execute`: interceptors, scopes, the
    /// retry policy (retries happen only before the headers, so never after a byte of the body
    /// was handed over, and only for idempotent or opted-in calls), the call's deadline, which
    /// bounds connecting and waiting for the headers, and a non-2xx answer read (bounded) into
    /// [`Error::Api`] / [`Error::Redirect`]. The body is then bounded by the stream's
    /// [idle timeout](StreamingResponse::idle_timeout) between chunks, not by the deadline;
    /// a broken connection mid-body is an error from the stream.
    pub async fn execute_streaming(&self, req: Request) -> Result<StreamingResponse, Error> {
        let mut exchange = self.rest_exchange(&req)?;
        exchange.stream = true;
        let operation = req.p.operation;
        let idle = req.p.attempt_timeout.unwrap_or_else(|| self.timeout());
        Ok(match self.answer(exchange).await? {
            Answer::Open(resp) => StreamingResponse::open(operation, resp, idle),
            Answer::Read(raw) => StreamingResponse::read(operation, raw, idle),
        })
    }

    /// The exchange that sends `req` to the API with the client's token.
    fn rest_exchange(&self, req: &Request) -> Result<Exchange<'static>, Error> {
        let operation = req.p.operation;
        if let Some(source) = req.p.error.clone() {
            return Err(Error::Encode { operation, source });
        }
        let prepared = self.prepare(req)?;
        let info =
            OperationInfo::from_request(req).with_host(prepared.url.host_str().unwrap_or_default());
        let mut exchange = Exchange::new(self, info, prepared.method, prepared.url);
        exchange.headers = prepared.headers;
        exchange.body = prepared.body;
        // The URL is the base URL's: the token may go there.
        exchange.bearer = Bearer::Client;
        exchange.deadline = req.p.deadline.unwrap_or_else(|| self.deadline());
        exchange.attempt_timeout = req.p.attempt_timeout;
        exchange.retry = req.p.retry.clone();
        Ok(exchange)
    }

    /// Everything about the wire form that does not change between attempts.
    fn prepare(&self, req: &Request) -> Result<Prepared, Error> {
        let operation = req.p.operation;
        let bad_header = |what: &str| Error::Encode {
            operation,
            source: restli::EncodeError::new(format!("{what} is not a valid header value")),
        };
        // Room for every header a call sends (these, the version, the token, a content type)
        // at once: an empty map grew on the first insert of every call.
        let mut headers = HeaderMap::with_capacity(8);
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        headers.insert(
            X_RESTLI_PROTOCOL_VERSION.clone(),
            HeaderValue::from_static(RESTLI_PROTOCOL_VERSION),
        );
        headers.insert(
            X_RESTLI_METHOD.clone(),
            HeaderValue::from_static(req.p.method.header_value()),
        );
        if let Some(version) = &req.p.version {
            // A generated call's version is `'static`: checked, then used without a copy (a
            // copied value was also copied again, into shared storage, at each attempt's clone).
            let value = match version {
                Cow::Borrowed(version) => {
                    HeaderValue::from_maybe_shared(Bytes::from_static(version.as_bytes()))
                }
                Cow::Owned(version) => HeaderValue::from_str(version),
            }
            .map_err(|_| bad_header("the version"))?;
            headers.insert(LINKEDIN_VERSION.clone(), value);
        }

        let slash = if req.p.path.starts_with('/') { "" } else { "/" };
        let query = req.query_string();
        // Written into one exact buffer: `format!` and then pushing the query cost the
        // formatting machinery and a reallocation on every call.
        let base = &self.inner.base_url;
        let mut url = String::with_capacity(base.len() + 1 + req.p.path.len() + 1 + query.len());
        url.push_str(base);
        url.push_str(slash);
        url.push_str(&req.p.path);
        let http_method = req.p.method.http_method();
        let (method, body) = if tunnel::needs_tunnel(query) {
            let t = tunnel::tunnel(&http_method, query, req.p.body.as_ref());
            tracing::debug!(
                query_len = query.len(),
                "tunnelling the query string in the body"
            );
            headers.insert(
                X_HTTP_METHOD_OVERRIDE.clone(),
                HeaderValue::from_str(t.method_override.as_str())
                    .map_err(|_| bad_header("the method"))?,
            );
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_str(&t.content_type)
                    .map_err(|_| bad_header("the content type"))?,
            );
            (Method::POST, Some(t.body))
        } else {
            if !query.is_empty() {
                url.push('?');
                url.push_str(query);
            }
            if req.p.body.is_some() {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            // A POST or PUT without a body still needs `Content-Length: 0` (LinkedIn answers 411).
            let body = match (&req.p.body, &http_method) {
                (Some(body), _) => Some(body.clone()),
                (None, &Method::POST | &Method::PUT) => {
                    headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
                    Some(Bytes::new())
                }
                (None, _) => None,
            };
            (http_method, body)
        };
        let url = Url::parse(&url).map_err(|err| Error::Encode {
            operation,
            source: restli::EncodeError::new(format!("the request path is not a valid URL: {err}")),
        })?;
        Ok(Prepared {
            method,
            url,
            headers,
            body,
        })
    }
}

/// The wire form of a Rest.li request.
struct Prepared {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Option<Bytes>,
}

fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

fn decode_json<T: DeserializeOwned>(operation: &'static str, body: &Bytes) -> Result<T, Error> {
    let input: &[u8] = if is_blank(body) { b"null" } else { body };
    // The fast path decodes without tracking where it is; only a failure pays for a second,
    // path-tracking pass, so every decode error still names the JSON path.
    let fast = match serde_json::from_slice(input) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut de = serde_json::Deserializer::from_slice(input);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(err) => Err(Error::decode(
            operation,
            err.path().to_string(),
            body,
            err.into_inner(),
        )),
        Ok(_) => Err(Error::decode(
            operation,
            ".",
            body,
            de.end().err().unwrap_or(fast),
        )),
    }
}

/// Reads the created entity's key from `X-RestLi-Id`.
///
/// A structured key (`(a:…,b:…)`, `List(…)`) is handed to `K::from_str` as sent, since a
/// compound key type parses the Rest.li form itself; a simple key is reduced-decoded first
/// (`urn%3Ali%3Ashare%3A1` → `urn:li:share:1`).
fn created_id<K>(operation: &'static str, headers: &HeaderMap) -> Result<K, Error>
where
    K: std::str::FromStr,
    K::Err: fmt::Display,
{
    const HEADER: &str = "x-restli-id";
    let raw = headers.get(HEADER).ok_or_else(|| {
        Error::decode(
            operation,
            HEADER,
            b"",
            "the response has no x-restli-id header",
        )
    })?;
    let raw = raw.to_str().map_err(|_| {
        Error::decode(
            operation,
            HEADER,
            raw.as_bytes(),
            "the x-restli-id header is not text",
        )
    })?;
    let key = if raw.starts_with('(') || raw.starts_with("List(") {
        raw.to_owned()
    } else {
        restli::reduced_unescape(raw)
    };
    key.parse::<K>().map_err(|err| {
        Error::decode(
            operation,
            HEADER,
            raw.as_bytes(),
            format!("cannot parse the created key: {err}"),
        )
    })
}

/// Configures a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    access_token: Option<Secret>,
    provider: Option<SharedProvider>,
    base_url: String,
    oauth_base_url: String,
    upload_base_url: Option<String>,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Duration,
    deadline: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    http: Option<reqwest::Client>,
    allow_insecure_http: bool,
    interceptors: Interceptors,
    granted: Option<Granted>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            access_token: None,
            provider: None,
            base_url: DEFAULT_BASE_URL.to_owned(),
            oauth_base_url: DEFAULT_OAUTH_BASE_URL.to_owned(),
            upload_base_url: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            deadline: DEFAULT_DEADLINE,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            http: None,
            allow_insecure_http: false,
            interceptors: Interceptors::default(),
            granted: None,
        }
    }
}

impl ClientBuilder {
    /// The OAuth 2.0 access token sent as `Authorization: Bearer …`. Without one (or a
    /// [`token_provider`](Self::token_provider)), requests carry no `Authorization` header (for
    /// public endpoints and the OAuth flow itself). Replaces a token provider set earlier.
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.access_token = Some(token.into());
        self.provider = None;
        self
    }

    /// Asks `provider` for the access token of every call instead of sending a fixed one: e.g. a
    /// [`RefreshingToken`](crate::auth::RefreshingToken), which refreshes the token before it
    /// expires. The scopes the provider reports with a token are the ones the local scope
    /// check uses (see [`granted_scopes`](Self::granted_scopes)); when it reports none, the
    /// builder's `granted_scopes` are used. Replaces an [`access_token`](Self::access_token)
    /// set earlier.
    ///
    /// When LinkedIn answers 401 to a call, the provider is told
    /// ([`TokenProvider::token_rejected`]); if it then has another token, the call is retried
    /// once with it, provided the call is safe to retry (idempotent, or opted in with
    /// `retry_on_transient_failure`). A non-idempotent call returns the 401 as is.
    pub fn token_provider(mut self, provider: impl TokenProvider) -> Self {
        self.provider = Some(SharedProvider(Arc::new(provider)));
        self.access_token = None;
        self
    }

    /// [`token_provider`](Self::token_provider) with a provider already shared.
    pub fn shared_token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.provider = Some(SharedProvider(provider));
        self.access_token = None;
        self
    }

    /// The scopes the access token was granted (the token response's `scope`, or an
    /// introspection's). When set, a call whose operation declares scopes none of whose
    /// alternatives is granted in full fails with [`Error::MissingScopes`], naming what it
    /// needs and what was granted, and nothing is sent. Unset (the default), the client does
    /// not check, and LinkedIn answers 403.
    pub fn granted_scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.granted = Some(Granted::new(scopes));
        self
    }

    /// The API base URL (default `https://api.linkedin.com`). Paths carry their `/rest` or `/v2`
    /// prefix, so this is the host only (plus a prefix, for a proxy).
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = url.to_owned();
        self
    }

    /// Sends media uploads (the `PUT`s to the upload URLs LinkedIn returns) to this scheme, host
    /// and port instead, keeping each URL's path and query: for a proxy or a mock server. Unset,
    /// uploads go where LinkedIn says.
    pub fn upload_base_url(mut self, url: &str) -> Self {
        self.upload_base_url = Some(url.to_owned());
        self
    }

    /// The OAuth base URL (default `https://www.linkedin.com`).
    pub fn oauth_base_url(mut self, url: &str) -> Self {
        self.oauth_base_url = url.to_owned();
        self
    }

    /// Allows `http://` base URLs. Only for local test servers: the token would travel in clear.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// The `User-Agent` header (default `linkedin-api-rust/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How long to wait for a connection (default 10 s). Ignored with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, connection to last byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The total time one call may take, every attempt, backoff and `Retry-After` wait included
    /// (default 60 s). When it passes, the call ends with [`Error::Deadline`]; a retry whose wait
    /// would end after it is not made (the last error is returned at once). Override per client
    /// with [`Client::with_deadline`], per call with [`Request::deadline`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB). A larger 2xx body ends the
    /// call with [`Error::BodyTooLarge`]; bodies are read incrementally, so memory stays bounded
    /// by this limit. Error bodies are read only up to 64 KiB whatever this is.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// How failed calls are retried (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Uses this `reqwest::Client` (to share a pool, or set proxies and TLS roots). Build it with
    /// `redirect(reqwest::redirect::Policy::none())`: a call whose client followed a redirect
    /// fails with [`Error::Config`], since the request (and its body) went elsewhere.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Adds an [`Interceptor`]: it sees every call (Rest.li, OAuth, media uploads) before it is
    /// sent, may refuse it, and sees its outcome. Several may be added; they run in the order
    /// added. See [`crate::interceptor`].
    pub fn interceptor(mut self, interceptor: impl Interceptor) -> Self {
        self.interceptors.push(Arc::new(interceptor));
        self
    }

    /// Replaces the interceptors (for the OAuth client, which registers its own).
    pub(crate) fn with_interceptors(mut self, interceptors: Interceptors) -> Self {
        self.interceptors = interceptors;
        self
    }

    /// Whether a token or a token provider is set (the test mock gives one only when not).
    #[doc(hidden)]
    pub fn has_token(&self) -> bool {
        self.access_token.is_some() || self.provider.is_some()
    }

    /// Builds the client. Fails on an invalid or non-HTTPS base URL, an invalid user agent, or a
    /// TLS backend that cannot start.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = check_url("base URL", &self.base_url, self.allow_insecure_http)?;
        let oauth_base_url = check_url(
            "OAuth base URL",
            &self.oauth_base_url,
            self.allow_insecure_http,
        )?;
        let upload_base_url = match &self.upload_base_url {
            Some(url) => Some(check_url("upload base URL", url, self.allow_insecure_http)?),
            None => None,
        };
        let user_agent = HeaderValue::from_str(&self.user_agent).map_err(|_| {
            Error::config(
                ConfigErrorKind::InvalidHeaderValue,
                "the user agent is not a valid header value",
            )
        })?;
        if let Some(token) = &self.access_token {
            HeaderValue::from_str(&format!("Bearer {}", token.expose())).map_err(|_| {
                Error::config(
                    ConfigErrorKind::InvalidHeaderValue,
                    "the access token contains invalid characters",
                )
            })?;
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .timeout(self.timeout)
                .user_agent(self.user_agent.clone())
                .https_only(!self.allow_insecure_http)
                // LinkedIn's API does not redirect; a followed 301/302 turns a POST into a GET
                // that "succeeds", a 307 re-sends the body to another host. A 3xx is an error.
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|err| {
                    Error::config(
                        ConfigErrorKind::HttpClient,
                        format!("cannot build the HTTP client: {err}"),
                    )
                })?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                oauth_base_url,
                upload_base_url,
                user_agent,
                timeout: self.timeout,
                deadline: self.deadline,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                allow_insecure_http: self.allow_insecure_http,
                interceptors: self.interceptors,
            }),
            access_token: self.access_token.map(|t| Arc::new(FixedToken::new(t))),
            provider: self.provider.map(|SharedProvider(provider)| {
                Arc::new(ProviderSlot {
                    provider,
                    last: std::sync::Mutex::new(None),
                })
            }),
            granted: self.granted,
            deadline: None,
        })
    }
}

/// A base URL: the exchange's scheme and host rule, and nothing but a scheme, host and
/// optional path (a query or fragment would end up in the middle of every request URL).
fn check_url(what: &str, url: &str, allow_http: bool) -> Result<String, Error> {
    let parsed = Url::parse(url).map_err(|err| {
        Error::config(
            ConfigErrorKind::InvalidUrl,
            format!("the {what} `{url}` is invalid: {err}"),
        )
    })?;
    check_scheme(what, &parsed, allow_http)?;
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::config(
            ConfigErrorKind::InvalidUrl,
            format!("the {what} `{url}` must be a scheme, host and optional path"),
        ));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-clone settings land on the clone (mutation testing found that dropping either
    /// went unnoticed: a batch job's longer deadline, or the local scope check, silently lost).
    #[test]
    fn clones_carry_their_own_deadline_and_scopes() {
        let client = Client::builder().access_token("t").build().unwrap();
        assert_eq!(client.deadline(), DEFAULT_DEADLINE);
        let slow = client.with_deadline(Duration::from_secs(300));
        assert_eq!(slow.deadline(), Duration::from_secs(300));
        assert_eq!(
            client.deadline(),
            DEFAULT_DEADLINE,
            "the original keeps its own"
        );
        assert_eq!(client.granted_scopes(), None);
        let scoped = slow.with_granted_scopes(["w_member_social", "r_liteprofile"]);
        assert_eq!(
            scoped.granted_scopes(),
            Some(vec!["r_liteprofile", "w_member_social"])
        );
        assert_eq!(
            scoped.deadline(),
            Duration::from_secs(300),
            "kept across clones"
        );
    }

    /// Only a member's (3-legged) introspection with scopes says what the token may do: an
    /// application token's has none, and an empty list must not lock every call out.
    #[test]
    fn introspection_teaches_scopes_only_for_a_member_token_that_lists_them() {
        let client = Client::builder().access_token("t").build().unwrap();
        let introspected = |json: serde_json::Value| {
            let introspection: crate::auth::Introspection = serde_json::from_value(json).unwrap();
            client
                .with_introspection(&introspection)
                .granted_scopes()
                .map(|scopes| scopes.into_iter().map(str::to_owned).collect::<Vec<_>>())
        };
        assert_eq!(
            introspected(
                serde_json::json!({"active": true, "auth_type": "3L", "scope": "r_ads,rw_ads"})
            ),
            Some(vec!["r_ads".to_owned(), "rw_ads".to_owned()])
        );
        assert_eq!(
            introspected(serde_json::json!({"active": true, "auth_type": "2L", "scope": "r_ads"})),
            None,
            "an application token's scopes are not the member's"
        );
        assert_eq!(
            introspected(serde_json::json!({"active": true, "auth_type": "3L", "scope": ""})),
            None,
            "no scopes listed: nothing learnt"
        );
        assert_eq!(
            introspected(serde_json::json!({"active": true, "scope": "r_ads"})),
            None
        );
    }

    #[test]
    fn known_scopes_refuse_a_call_they_do_not_cover() {
        let client = Client::builder().access_token("t").build().unwrap();
        let needed: &[&[&str]] = &[&["w_organization_social"]];
        assert!(client.check_scopes("posts.create", needed, None).is_ok());
        let scoped = client.with_granted_scopes(["r_liteprofile"]);
        let err = scoped
            .check_scopes("posts.create", needed, None)
            .unwrap_err();
        assert!(matches!(err, Error::MissingScopes(_)), "{err:?}");
    }

    #[test]
    fn debug_shows_the_configuration_but_not_the_token() {
        let client = Client::builder()
            .access_token("AQV-secret-token")
            .base_url("https://api.example.test")
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(shown.contains("https://api.example.test"), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
        assert!(!shown.contains("AQV-secret-token"), "{shown}");
    }

    /// A builder shows that a token provider is set, without asking it for a token (that could
    /// be a network call, and the token is a secret).
    #[test]
    fn builder_debug_names_its_token_provider() {
        let token = crate::auth::AccessToken::new("AQV-provided-secret");
        let builder = Client::builder().token_provider(crate::auth::StaticToken(token));
        let shown = format!("{builder:?}");
        assert!(shown.contains("provider: Some(TokenProvider)"), "{shown}");
        assert!(!shown.contains("AQV-provided-secret"), "{shown}");
    }

    /// Typed calls work out their targets (a scan of the call's URNs) only for interceptors to
    /// see: a client knows whether it has any.
    #[test]
    fn a_client_knows_whether_it_has_interceptors() {
        struct Watch;
        impl crate::interceptor::Interceptor for Watch {}
        assert!(!Client::builder().build().unwrap().has_interceptors());
        let watched = Client::builder().interceptor(Watch).build().unwrap();
        assert!(watched.has_interceptors());
    }

    /// The test mock gives a client a token only when it has none: a fixed token and a provider
    /// each count, and nothing else does; a fixed token reaches the built client.
    #[test]
    fn a_builder_knows_whether_it_has_a_token() {
        assert!(
            !Client::builder()
                .base_url("https://api.example.test")
                .has_token()
        );
        let fixed = Client::builder().access_token("AQV-fixed");
        assert!(fixed.has_token());
        // The built client sends it (and modules that send it elsewhere read it there).
        let client = fixed.build().unwrap();
        assert_eq!(client.access_token().map(Secret::expose), Some("AQV-fixed"));
        let token = crate::auth::AccessToken::new("AQV-provided");
        let provider: Arc<dyn TokenProvider> = Arc::new(crate::auth::StaticToken(token));
        assert!(
            Client::builder()
                .shared_token_provider(provider)
                .has_token()
        );
    }

    /// What the builder is told about the token reaches the client: a shared provider (which
    /// replaces a token set earlier) and the granted scopes, alongside the other settings.
    #[test]
    fn the_builders_token_settings_reach_the_client() {
        let token = crate::auth::AccessToken::new("AQV-provided");
        let provider: Arc<dyn TokenProvider> = Arc::new(crate::auth::StaticToken(token));
        let client = Client::builder()
            .base_url("https://api.example.test")
            .access_token("AQV-replaced")
            .shared_token_provider(provider)
            .granted_scopes(["r_ads", "rw_ads"])
            .build()
            .unwrap();
        assert!(client.token_provider().is_some());
        assert!(client.access_token().is_none(), "the provider replaced it");
        assert_eq!(client.granted_scopes(), Some(vec!["r_ads", "rw_ads"]));
        assert_eq!(client.base_url(), "https://api.example.test");
    }

    /// A supplied `reqwest::Client` is the one that sends the calls (to share a pool, or reach
    /// LinkedIn through a proxy that wants its own header).
    #[tokio::test]
    async fn a_supplied_http_client_sends_the_calls() {
        use wiremock::matchers::{header, method};
        use wiremock::{Mock, MockServer, ResponseTemplate};

        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(header("x-proxy-auth", "team-7"))
            .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
            .mount(&server)
            .await;
        let mut headers = http::HeaderMap::new();
        headers.insert("x-proxy-auth", HeaderValue::from_static("team-7"));
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let client = Client::builder()
            .http_client(http)
            .base_url(&server.uri())
            .allow_insecure_http(true)
            .build()
            .unwrap();
        let req = Request::restli("op", crate::RestliMethod::Get, "/x", "/x".into());
        client.execute(req).await.unwrap();
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Client>();
    }

    /// Generated `send()` futures must stay `Send` (they run on multi-threaded runtimes): the
    /// deadline and attempt counter the call loop borrows must not change that.
    #[test]
    fn calls_are_send() {
        fn check<T: Send>(_: &T) {}
        let client = Client::builder().build().unwrap();
        let req = Request::restli("op", crate::RestliMethod::Get, "/x", "/x".into());
        let call = client.execute(req.clone());
        check(&call);
        let json = client.send_json::<serde_json::Value>(req);
        check(&json);
    }

    #[test]
    fn deadline_and_body_limit_defaults_and_overrides() {
        let client = Client::builder().build().unwrap();
        assert_eq!(client.deadline(), DEFAULT_DEADLINE);
        assert_eq!(client.max_response_bytes(), 16 * 1024 * 1024);
        let client = Client::builder()
            .deadline(Duration::from_secs(5))
            .max_response_bytes(10)
            .build()
            .unwrap();
        assert_eq!(client.deadline(), Duration::from_secs(5));
        assert_eq!(client.max_response_bytes(), 10);
        let other = client.with_access_token("t2");
        assert_eq!(other.deadline(), Duration::from_secs(5));
    }

    #[test]
    fn refuses_plain_http_by_default() {
        let err = Client::builder()
            .base_url("http://example.com")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config(_)));
        assert!(
            Client::builder()
                .base_url("http://127.0.0.1:1")
                .allow_insecure_http(true)
                .build()
                .is_ok()
        );
        assert!(Client::builder().base_url("ftp://x").build().is_err());
        // A base URL is a scheme, host and optional path: a query or fragment would end up in
        // the middle of every request URL.
        for bad in [
            "https://example.com/?a=1",
            "https://example.com/#frag",
            "https://example.com/p?",
        ] {
            let err = Client::builder().base_url(bad).build().unwrap_err();
            assert!(
                err.to_string().contains("scheme, host and optional path"),
                "{bad}: {err}"
            );
        }
        assert!(Client::builder().base_url("not a url").build().is_err());
    }

    #[test]
    fn trailing_slash_is_dropped() {
        let c = Client::builder()
            .base_url("https://example.com/prefix/")
            .build()
            .unwrap();
        assert_eq!(c.base_url(), "https://example.com/prefix");
        assert_eq!(c.oauth_base_url(), "https://www.linkedin.com");
    }

    #[test]
    fn created_ids() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-restli-id",
            HeaderValue::from_static("urn%3Ali%3Ashare%3A1"),
        );
        assert_eq!(created_id::<String>("op", &h).unwrap(), "urn:li:share:1");
        h.insert(
            "x-restli-id",
            HeaderValue::from_static("(a:urn%3Ali%3Ax%3A1,b:2)"),
        );
        assert_eq!(
            created_id::<String>("op", &h).unwrap(),
            "(a:urn%3Ali%3Ax%3A1,b:2)"
        );
        h.insert("x-restli-id", HeaderValue::from_static("12"));
        assert_eq!(created_id::<u64>("op", &h).unwrap(), 12);
        let err = created_id::<u64>("posts.create", &HeaderMap::new()).unwrap_err();
        assert!(err.to_string().contains("posts.create"), "{err}");
        h.insert("x-restli-id", HeaderValue::from_static("abc"));
        let err = created_id::<u64>("posts.create", &h).unwrap_err();
        assert!(
            matches!(err, Error::Decode { .. }) && err.to_string().contains("x-restli-id"),
            "{err}"
        );
    }
}
