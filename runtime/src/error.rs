//! The crate's error type.
//!
//! One [`Error`] covers every failure of a call, kept in kinds a caller reacts to differently:
//!
//! * [`Error::Api`]: LinkedIn answered with a non-2xx status. The [`ApiError`] keeps the status,
//!   the Rest.li error body (or a bounded snippet of a non-JSON page such as an HTML 502), and the
//!   `x-li-*` request ids LinkedIn support asks for;
//! * [`Error::Timeout`] and [`Error::Transport`]: LinkedIn was not reached, or did not answer;
//! * [`Error::Deadline`]: the call's total deadline passed (attempts, backoff and `Retry-After`
//!   waits included);
//! * [`Error::Redirect`]: the server answered 3xx; API and OAuth calls never follow redirects;
//! * [`Error::BodyTooLarge`]: a 2xx body was larger than the client's limit;
//! * [`Error::UploadPart`]: one part of a video upload failed; the error says which, and carries
//!   what [`media::resume_video_upload`](crate::media::resume_video_upload) needs;
//! * [`Error::Decode`]: a 2xx body did not match the expected type; the error names the
//!   operation and the JSON path of the mismatch;
//! * [`Error::Encode`], [`Error::Config`], [`Error::Urn`]: the request could not be built;
//! * [`Error::Refused`]: an [`Interceptor`](crate::interceptor::Interceptor) refused the call
//!   before it was sent (an access [policy](crate::policy), a quota);
//! * [`Error::MissingScopes`]: the client knows its token's scopes, and they do not cover the
//!   call; nothing was sent.
//!
//! [`Error::kind`] names the kind as a plain enum (what an interceptor's outcome reports), and
//! [`Error::may_have_reached_server`] says whether LinkedIn may have seen the request: what
//! decides whether a write that failed can be sent again without risking a duplicate.
//!
//! No error ever contains the access token or a full request URL, and every piece of a response
//! body an error quotes is bounded (about 1 KiB).

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::StatusCode;

use crate::restli::{EncodeError, ErrorResponse};
use crate::urn::UrnError;

/// A boxed error source.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

use crate::body::{MAX_ERROR_TEXT_BYTES, bounded};

/// Everything that can go wrong with a LinkedIn call.
///
/// `Display` is this error's own message, and [`source`](std::error::Error::source) its cause
/// (reqwest's, serde's, the file system's), never both, so an error reporter prints each once.
/// `Debug` prints the message and every cause, one per line: what `main` shows when it returns
/// the error.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// LinkedIn answered with a non-2xx status.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// The request timed out (connect or overall timeout), after any retries.
    #[error("{operation}: request to LinkedIn timed out")]
    Timeout {
        /// The operation (operationId) that timed out.
        operation: &'static str,
        /// The underlying error (without the URL).
        #[source]
        source: reqwest::Error,
    },

    /// LinkedIn could not be reached (DNS, connection refused, TLS, broken connection).
    #[error("{operation}: could not reach LinkedIn")]
    Transport {
        /// The operation (operationId) that failed.
        operation: &'static str,
        /// The underlying error (without the URL).
        #[source]
        source: reqwest::Error,
    },

    /// A successful response did not have the expected shape.
    #[error("{operation}: could not decode the response at `{path}` (body: {snippet})")]
    Decode {
        /// The operation (operationId) whose response failed to decode.
        operation: &'static str,
        /// The JSON path of the failure, e.g. `elements[2].author` (`.` for the root), or the
        /// header name when a header was at fault.
        path: String,
        /// The start of the body (bounded; credentials redacted).
        snippet: String,
        /// What did not match.
        #[source]
        source: BoxError,
    },

    /// The call's total deadline passed before it completed (see
    /// [`ClientBuilder::deadline`](crate::ClientBuilder::deadline)). It bounds every attempt,
    /// backoff and `Retry-After` wait together.
    #[error(
        "{operation}: the call's deadline of {deadline:?} passed (after {attempts} attempt(s))"
    )]
    Deadline {
        /// The operation (operationId) that ran out of time.
        operation: &'static str,
        /// The deadline that passed.
        deadline: Duration,
        /// How many attempts had started.
        attempts: u32,
    },

    /// The server answered with a redirect (3xx). LinkedIn's API and OAuth endpoints do not
    /// redirect, and following one could re-send a body (or a POST turned GET could report
    /// success for a call that did nothing), so redirects are never followed.
    #[error("{operation}: the server answered {status} (a redirect{}), which is not followed", fmt_location(.location))]
    Redirect {
        /// The operation (operationId) that was redirected.
        operation: &'static str,
        /// The 3xx status.
        status: StatusCode,
        /// The `Location` header, when sent (bounded).
        location: Option<String>,
    },

    /// A 2xx body was larger than the client's limit
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)). Reading
    /// stopped at the limit.
    #[error("{operation}: the response body is larger than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The operation (operationId) whose response was too large.
        operation: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },

    /// A streamed answer ([`Client::execute_streaming`](crate::Client::execute_streaming)) went
    /// quiet: no response headers within the attempt's timeout, or no chunk of the body within
    /// the stream's idle timeout ([`StreamingResponse::idle_timeout`](crate::stream::StreamingResponse::idle_timeout)).
    #[error("{operation}: LinkedIn sent nothing for {timeout:?} while {waiting_for}")]
    Stalled {
        /// The operation (operationId) whose answer stalled.
        operation: &'static str,
        /// How long it waited.
        timeout: Duration,
        /// What it was waiting for: `waiting for the response headers` or `reading the body`.
        waiting_for: &'static str,
    },

    /// One part of a video upload failed (see [`crate::media::VideoPartError`]).
    #[error(transparent)]
    UploadPart(Box<crate::media::VideoPartError>),

    /// A request parameter or body could not be encoded.
    #[error("{operation}: could not encode the request")]
    Encode {
        /// The operation (operationId) being built.
        operation: &'static str,
        /// What could not be encoded.
        #[source]
        source: EncodeError,
    },

    /// The client was configured wrongly (bad base URL, plain HTTP, TLS setup), or an argument
    /// could not work with it. [`ConfigError::kind`] says which.
    #[error("invalid client configuration: {0}")]
    Config(ConfigError),

    /// An [`Interceptor`](crate::interceptor::Interceptor) refused the call before it was sent:
    /// nothing went on the wire. The interceptor's own error, if it gave one, is the
    /// [`source`](std::error::Error::source) of the [`Refusal`](crate::interceptor::Refusal).
    #[error("{operation}: refused before sending by {interceptor}: {refusal}")]
    Refused {
        /// The operation (operationId) refused.
        operation: &'static str,
        /// The interceptor's [`name`](crate::interceptor::Interceptor::name).
        interceptor: &'static str,
        /// Why.
        #[source]
        refusal: crate::interceptor::Refusal,
    },

    /// The client knows the scopes its token was granted
    /// ([`ClientBuilder::granted_scopes`](crate::ClientBuilder::granted_scopes)) and none of the
    /// operation's scope alternatives is among them: the call was not sent (LinkedIn would
    /// have answered 403, and counted the call against the day's quota).
    #[error(transparent)]
    MissingScopes(Box<crate::scopes::MissingScopes>),

    /// A URN was malformed or of the wrong type.
    #[error(transparent)]
    Urn(#[from] UrnError),

    /// Signing in or handling tokens failed (OAuth 2.0 / OpenID Connect).
    #[error(transparent)]
    Auth(Box<crate::auth::AuthError>),

    /// A local file could not be read (media uploads).
    #[error("cannot read `{}`", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")?;
        let mut source = std::error::Error::source(self);
        if source.is_some() {
            f.write_str("\n\nCaused by:")?;
        }
        let mut i = 0;
        while let Some(cause) = source {
            write!(f, "\n    {i}: {cause}")?;
            i += 1;
            source = cause.source();
        }
        Ok(())
    }
}

impl From<crate::auth::AuthError> for Error {
    fn from(e: crate::auth::AuthError) -> Self {
        Error::Auth(Box::new(e))
    }
}

impl Error {
    /// The API error, when LinkedIn answered with a non-2xx status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            Error::UploadPart(e) => e.source.api(),
            _ => None,
        }
    }

    /// The HTTP status LinkedIn answered with, for API errors.
    pub fn status(&self) -> Option<StatusCode> {
        self.api().map(|e| e.status)
    }

    /// The operation (operationId) that failed, when known.
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.operation),
            Error::Timeout { operation, .. }
            | Error::Deadline { operation, .. }
            | Error::Redirect { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::Stalled { operation, .. }
            | Error::Transport { operation, .. }
            | Error::Decode { operation, .. }
            | Error::Encode { operation, .. } => Some(operation),
            Error::UploadPart(e) => Some(e.source.operation().unwrap_or("videos.uploadPart")),
            Error::Refused { operation, .. } => Some(operation),
            Error::MissingScopes(e) => Some(e.operation()),
            Error::Auth(e) => e.request_error().and_then(Error::operation),
            Error::Config(_) | Error::Urn(_) | Error::Io { .. } => None,
        }
    }

    /// 429: the application or member hit a rate limit. See [`rate_limit_reset`](Self::rate_limit_reset).
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// When a rate-limited call may be tried again: `Retry-After` when LinkedIn sent it,
    /// otherwise the next midnight UTC, when LinkedIn's daily quotas reset.
    pub fn rate_limit_reset(&self) -> Option<SystemTime> {
        self.api().and_then(ApiError::rate_limit_reset)
    }

    /// 426: the `Linkedin-Version` sent has been sunset (or does not exist).
    pub fn is_version_sunset(&self) -> bool {
        self.status() == Some(StatusCode::UPGRADE_REQUIRED)
    }

    /// 401: the access token is missing, invalid, expired or revoked.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// 403: the token lacks a scope, or the member lacks the role (page or ad account) needed.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// 404: the entity does not exist (or is not visible to this token).
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the call timed out: one attempt's timeout, or the call's total deadline
    /// ([`is_deadline`](Self::is_deadline)).
    pub fn is_timeout(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Deadline { .. } | Error::Stalled { .. } => true,
            Error::UploadPart(e) => e.source.is_timeout(),
            _ => false,
        }
    }

    /// Whether the call's total deadline passed ([`Error::Deadline`]).
    pub fn is_deadline(&self) -> bool {
        match self {
            Error::Deadline { .. } => true,
            Error::UploadPart(e) => e.source.is_deadline(),
            _ => false,
        }
    }

    /// Whether the server answered with a redirect, which is never followed ([`Error::Redirect`]).
    pub fn is_redirect(&self) -> bool {
        matches!(self, Error::Redirect { .. })
    }

    /// The `Location` of a redirect ([`Error::Redirect`]), when the server sent one.
    pub fn redirect_location(&self) -> Option<&str> {
        match self {
            Error::Redirect { location, .. } => location.as_deref(),
            _ => None,
        }
    }

    /// Whether a 2xx body was over the client's size limit ([`Error::BodyTooLarge`]).
    pub fn is_body_too_large(&self) -> bool {
        matches!(self, Error::BodyTooLarge { .. })
    }

    /// Whether LinkedIn could not be reached at all.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_connect())
    }

    /// Whether an [`Interceptor`](crate::interceptor::Interceptor) refused the call
    /// ([`Error::Refused`]).
    pub fn is_refused(&self) -> bool {
        matches!(self, Error::Refused { .. })
    }

    /// The kind of failure, as a plain enum (see [`ErrorKind`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Api(_) => ErrorKind::Api,
            Error::Timeout { .. } | Error::Stalled { .. } => ErrorKind::Timeout,
            Error::Transport { .. } => ErrorKind::Transport,
            Error::Decode { .. } => ErrorKind::Decode,
            Error::Deadline { .. } => ErrorKind::Deadline,
            Error::Redirect { .. } => ErrorKind::Redirect,
            Error::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
            Error::UploadPart(_) => ErrorKind::UploadPart,
            Error::Encode { .. } => ErrorKind::Encode,
            Error::Config(_) => ErrorKind::Config,
            Error::Refused { .. } => ErrorKind::Refused,
            Error::MissingScopes(_) => ErrorKind::MissingScopes,
            Error::Urn(_) => ErrorKind::Urn,
            Error::Auth(_) => ErrorKind::Auth,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    /// Whether the request may have reached LinkedIn (so a write may have taken effect), in the
    /// sense of smithy-rs's dispatch failure versus response error:
    ///
    /// * `false`: it certainly did not. It could not be built or was refused (encode, config,
    ///   URN, I/O, [`Error::Refused`]), the connection could not be made (DNS, refused, TLS,
    ///   connect timeout), or the deadline passed before any attempt started;
    /// * `true`: it may have. LinkedIn answered (an API error, a redirect, an over-large or
    ///   undecodable body), or the connection broke or timed out after it was made, while the
    ///   request or the answer was in flight.
    ///
    /// A `false` write can be sent again safely; a `true` one only if it is idempotent or
    /// LinkedIn deduplicates it.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Error::Api(_)
            | Error::Decode { .. }
            | Error::Redirect { .. }
            | Error::BodyTooLarge { .. }
            // The request was sent, or being sent, when the wait began.
            | Error::Stalled { .. } => true,
            Error::Timeout { source, .. } | Error::Transport { source, .. } => {
                !(source.is_connect() || source.is_builder())
            }
            // An attempt in flight when the deadline passed may have been sent.
            Error::Deadline { attempts, .. } => *attempts > 0,
            Error::UploadPart(e) => e.source.may_have_reached_server(),
            Error::Auth(e) => e.may_have_reached_server(),
            Error::Encode { .. }
            | Error::Config(_)
            | Error::Refused { .. }
            | Error::MissingScopes(_)
            | Error::Urn(_)
            | Error::Io { .. } => false,
        }
    }

    /// LinkedIn's request id (`x-li-request-id`, else `x-li-uuid`), to quote to LinkedIn support.
    pub fn request_id(&self) -> Option<&str> {
        self.api().and_then(ApiError::request_id)
    }

    pub(crate) fn decode(
        operation: &'static str,
        path: impl Into<String>,
        body: &[u8],
        source: impl Into<BoxError>,
    ) -> Self {
        let mut source = source.into();
        // serde quotes offending values in its messages (a whole 100 MB string, if that is what
        // was sent); keep credentials out of them, and keep them short.
        let message = source.to_string();
        let cleaned = crate::redact::json_credentials(message.clone(), body);
        if cleaned != message {
            source = cleaned.into();
        }
        Error::Decode {
            operation,
            path: path.into(),
            snippet: crate::redact::snippet(body),
            source,
        }
    }

    pub(crate) fn transport(operation: &'static str, err: reqwest::Error) -> Self {
        let source = err.without_url();
        if source.is_timeout() {
            Error::Timeout { operation, source }
        } else {
            Error::Transport { operation, source }
        }
    }
}

/// The kind of an [`Error`], without its data: what an
/// [`Outcome`](crate::interceptor::Outcome) reports, and what a metric can be labelled with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// [`Error::Api`].
    Api,
    /// [`Error::Timeout`], and [`Error::Stalled`] (a streamed answer that went quiet).
    Timeout,
    /// [`Error::Transport`].
    Transport,
    /// [`Error::Decode`].
    Decode,
    /// [`Error::Deadline`].
    Deadline,
    /// [`Error::Redirect`].
    Redirect,
    /// [`Error::BodyTooLarge`].
    BodyTooLarge,
    /// [`Error::UploadPart`].
    UploadPart,
    /// [`Error::Encode`].
    Encode,
    /// [`Error::Config`].
    Config,
    /// [`Error::Refused`].
    Refused,
    /// [`Error::MissingScopes`].
    MissingScopes,
    /// [`Error::Urn`].
    Urn,
    /// [`Error::Auth`].
    Auth,
    /// [`Error::Io`].
    Io,
}

impl ErrorKind {
    /// A stable lower-case name (`api`, `timeout`, …), e.g. for a metric label.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Transport => "transport",
            ErrorKind::Decode => "decode",
            ErrorKind::Deadline => "deadline",
            ErrorKind::Redirect => "redirect",
            ErrorKind::BodyTooLarge => "body_too_large",
            ErrorKind::UploadPart => "upload_part",
            ErrorKind::Encode => "encode",
            ErrorKind::Config => "config",
            ErrorKind::Refused => "refused",
            ErrorKind::MissingScopes => "missing_scopes",
            ErrorKind::Urn => "urn",
            ErrorKind::Auth => "auth",
            ErrorKind::Io => "io",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What was wrong with the configuration: [`Error::Config`]'s payload. `Display` is the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    kind: ConfigErrorKind,
    message: String,
}

/// The kinds of [`ConfigError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// A URL (a base URL, a redirect URI, an upload or JWKS URL) does not parse or is not of
    /// the expected form (scheme, host and optional path).
    InvalidUrl,
    /// A URL is plain `http://` and `allow_insecure_http` is not set.
    InsecureUrl,
    /// A URL's scheme is neither `https` nor `http`.
    UnsupportedScheme,
    /// A value that goes into a header (user agent, access token) is not a valid header value.
    InvalidHeaderValue,
    /// The HTTP client (TLS backend) could not be built.
    HttpClient,
    /// A caller-supplied HTTP client followed a redirect (build it with
    /// `reqwest::redirect::Policy::none()`).
    FollowedRedirect,
    /// An argument does not fit the rest (an empty client id, more parts marked uploaded than
    /// an upload has).
    InvalidArgument,
    /// An environment variable read by [`Client::from_env`](crate::Client::from_env) is set to
    /// something that does not parse; the message names the variable.
    Environment,
    /// Anything else.
    Other,
}

impl ConfigError {
    /// A configuration error of this kind.
    pub fn new(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// What was wrong.
    pub fn kind(&self) -> ConfigErrorKind {
        self.kind
    }

    /// The message (also `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// A message of kind [`ConfigErrorKind::Other`].
impl From<&str> for ConfigError {
    fn from(message: &str) -> Self {
        Self::new(ConfigErrorKind::Other, message)
    }
}

/// A message of kind [`ConfigErrorKind::Other`].
impl From<String> for ConfigError {
    fn from(message: String) -> Self {
        Self::new(ConfigErrorKind::Other, message)
    }
}

impl Error {
    pub(crate) fn config(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        Error::Config(ConfigError::new(kind, message))
    }
}

impl From<ApiError> for Error {
    fn from(err: ApiError) -> Self {
        Error::Api(Box::new(err))
    }
}

/// The response headers that carry LinkedIn's request id (what LinkedIn support asks for), in
/// order of preference.
pub(crate) const REQUEST_ID_HEADERS: [&str; 2] = ["x-li-request-id", "x-li-uuid"];

/// LinkedIn's request id among `headers`: the first of [`REQUEST_ID_HEADERS`] present as text.
pub(crate) fn request_id(headers: &http::HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .into_iter()
        .find_map(|name| headers.get(name)?.to_str().ok())
}

/// LinkedIn answered with a non-2xx status.
#[derive(Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The operation (operationId) that failed.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The Rest.li error body, when the body was one.
    pub body: Option<ErrorResponse>,
    /// The start of the raw body (bounded; credentials redacted), e.g. an HTML error page.
    pub snippet: String,
    /// LinkedIn's `x-li-*` response headers (`x-li-uuid`, `x-li-request-id`, `x-li-fabric`, …).
    pub support_headers: Vec<(String, String)>,
    /// The `Retry-After` delay, when LinkedIn sent one.
    pub retry_after: Option<Duration>,
    /// When the response was received.
    pub received_at: SystemTime,
}

impl ApiError {
    /// The error for a non-2xx answer: the Rest.li error body when there is one, a bounded
    /// snippet otherwise (an HTML 502 page), LinkedIn's `x-li-*` support headers and `Retry-After`.
    /// Every occurrence of one of `secrets` (the access token) that the server echoed is replaced
    /// by `[REDACTED]` before anything is kept.
    pub(crate) fn from_response(
        operation: &'static str,
        status: StatusCode,
        headers: &http::HeaderMap,
        body: &[u8],
        secrets: &[&str],
    ) -> ApiError {
        let received_at = SystemTime::now();
        let body = crate::redact::secrets(body, secrets);
        let body: &[u8] = &body;
        let parsed = serde_json::from_slice::<serde_json::Value>(body)
            .ok()
            .filter(serde_json::Value::is_object)
            .and_then(|v| serde_json::from_value::<ErrorResponse>(v).ok());
        let retry_after = headers
            .get(http::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, received_at));
        let support_headers = headers
            .iter()
            .filter(|(name, _)| name.as_str().starts_with("x-li-"))
            .filter_map(|(name, value)| {
                let value = crate::redact::secrets(value.as_bytes(), secrets);
                let value = bounded(std::str::from_utf8(&value).ok()?, MAX_ERROR_TEXT_BYTES);
                Some((name.as_str().to_owned(), value))
            })
            .collect();
        ApiError {
            operation,
            status,
            body: parsed,
            snippet: crate::redact::snippet(body),
            support_headers,
            retry_after,
            received_at,
        }
    }

    /// LinkedIn's `serviceErrorCode`.
    pub fn service_error_code(&self) -> Option<i64> {
        self.body.as_ref()?.service_error_code
    }

    /// The symbolic error code, e.g. `QUOTA_EXCEEDED`.
    pub fn code(&self) -> Option<&str> {
        self.body.as_ref()?.code.as_deref()
    }

    /// The error message from the body.
    pub fn message(&self) -> Option<&str> {
        self.body.as_ref().map(|b| b.message.as_str())
    }

    /// The per-field validation errors, if any.
    pub fn input_errors(&self) -> &[crate::restli::InputError] {
        self.body.as_ref().map_or(&[], |b| b.input_errors())
    }

    /// The value of an `x-li-*` response header (lower-case name).
    pub fn support_header(&self, name: &str) -> Option<&str> {
        self.support_headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// LinkedIn's request id: `x-li-request-id`, else `x-li-uuid`.
    pub fn request_id(&self) -> Option<&str> {
        REQUEST_ID_HEADERS
            .into_iter()
            .find_map(|name| self.support_header(name))
    }

    /// For a 429: `Retry-After` if sent, else the next midnight UTC (daily quotas reset then).
    pub fn rate_limit_reset(&self) -> Option<SystemTime> {
        if self.status != StatusCode::TOO_MANY_REQUESTS {
            return None;
        }
        Some(match self.retry_after {
            Some(delay) => self.received_at + delay,
            None => next_midnight_utc(self.received_at),
        })
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: LinkedIn answered {}", self.operation, self.status)?;
        match &self.body {
            Some(body) => write!(f, ": {}", bounded(&body.to_string(), MAX_ERROR_TEXT_BYTES))?,
            None if !self.snippet.is_empty() => write!(f, ": {}", self.snippet)?,
            None => {}
        }
        if let Some(id) = self.request_id() {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// Field by field, with the time received as an HTTP date rather than `SystemTime`'s seconds.
impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("body", &self.body)
            .field("snippet", &self.snippet)
            .field("support_headers", &self.support_headers)
            .field("retry_after", &self.retry_after)
            .field(
                "received_at",
                &format_args!("{}", httpdate::fmt_http_date(self.received_at)),
            )
            .finish()
    }
}

/// Logs a value of an open enum that this version of the crate does not know. Generated enums
/// keep such values in an `Unknown` variant instead of failing, and call this once per value
/// decoded so that a new LinkedIn value is visible in logs.
pub fn warn_unknown_variant(type_name: &'static str, value: &str) {
    tracing::warn!(
        target: "linkedin_api::unknown_variant",
        type_name,
        value,
        "LinkedIn sent a value this crate does not know; kept as Unknown"
    );
}

/// The first midnight UTC strictly after `t`.
pub(crate) fn next_midnight_utc(t: SystemTime) -> SystemTime {
    const DAY: u64 = 86_400;
    let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs((secs / DAY + 1) * DAY)
}

/// Parses `Retry-After`: delay-seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

fn fmt_location(location: &Option<String>) -> String {
    match location {
        Some(l) => format!(" to `{l}`"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cause is printed once: `Display` is the error's own message, the cause is the
    /// `source`, and `Debug` lists both (what `main` prints).
    #[test]
    fn the_cause_is_shown_once_and_debug_reads_like_a_report() {
        let cause = serde_json::from_str::<u8>("\"x\"").unwrap_err();
        let cause_text = cause.to_string();
        let err = Error::Decode {
            operation: "posts.get",
            path: "elements[0].id".to_owned(),
            snippet: "{}".to_owned(),
            source: Box::new(cause),
        };
        let shown = err.to_string();
        assert_eq!(
            shown,
            "posts.get: could not decode the response at `elements[0].id` (body: {})"
        );
        let source = std::error::Error::source(&err).expect("the cause is the source");
        assert_eq!(source.to_string(), cause_text);
        assert_eq!(
            format!("{err:?}"),
            format!("{shown}\n\nCaused by:\n    0: {cause_text}")
        );
        // No cause: the message alone.
        let err = Error::BodyTooLarge {
            operation: "posts.get",
            limit: 10,
        };
        assert_eq!(format!("{err:?}"), err.to_string());
    }

    #[test]
    fn api_error_debug_shows_a_date_not_seconds() {
        let err = ApiError::from_response(
            "posts.get",
            StatusCode::NOT_FOUND,
            &http::HeaderMap::new(),
            b"",
            &[],
        );
        let debug = format!("{err:?}");
        assert!(!debug.contains("tv_sec"), "{debug}");
        assert!(debug.contains(" GMT"), "{debug}");
    }

    #[test]
    fn midnight() {
        let t = UNIX_EPOCH + Duration::from_secs(86_400 * 3 + 5);
        assert_eq!(
            next_midnight_utc(t),
            UNIX_EPOCH + Duration::from_secs(86_400 * 4)
        );
        let exact = UNIX_EPOCH + Duration::from_secs(86_400 * 3);
        assert_eq!(
            next_midnight_utc(exact),
            UNIX_EPOCH + Duration::from_secs(86_400 * 4)
        );
    }

    #[test]
    fn retry_after_forms() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(parse_retry_after(&date, now), Some(Duration::from_secs(30)));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn echoed_secrets_are_redacted_from_api_errors() {
        let token = "AQV-echoed-token-123";
        let body =
            format!(r#"{{"message":"bad token {token}","status":401,"serviceErrorCode":65600}}"#);
        let mut headers = http::HeaderMap::new();
        headers.insert("x-li-uuid", format!("u-{token}").parse().unwrap());
        let err = ApiError::from_response(
            "posts.get",
            StatusCode::UNAUTHORIZED,
            &headers,
            body.as_bytes(),
            &[token],
        );
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(token), "{shown}");
        assert!(shown.contains("bad token [REDACTED]"), "{shown}");
        let html = format!("<html>{token}</html>");
        let err = ApiError::from_response(
            "posts.get",
            StatusCode::BAD_GATEWAY,
            &http::HeaderMap::new(),
            html.as_bytes(),
            &[token],
        );
        assert_eq!(err.snippet, "<html>[REDACTED]</html>");
    }

    #[test]
    fn decode_messages_are_bounded() {
        let huge = format!("invalid type: string \"{}\"", "y".repeat(100_000));
        let err = Error::decode("posts.get", ".", b"{}", huge);
        let shown = format!("{err:?}");
        assert!(shown.len() < 2 * MAX_ERROR_TEXT_BYTES, "{}", shown.len());
        assert!(shown.contains("truncated"), "{shown}");
    }

    #[test]
    fn reached_server_by_kind() {
        let deadline = |attempts| Error::Deadline {
            operation: "posts.get",
            deadline: Duration::from_secs(1),
            attempts,
        };
        // The deadline passed before any attempt started: nothing was sent.
        assert!(!deadline(0).may_have_reached_server());
        assert!(deadline(1).may_have_reached_server());
        let encode = Error::Encode {
            operation: "posts.get",
            source: EncodeError::new("bad"),
        };
        assert!(!encode.may_have_reached_server());
        assert_eq!(encode.kind(), ErrorKind::Encode);
        let api = Error::from(ApiError::from_response(
            "posts.get",
            StatusCode::INTERNAL_SERVER_ERROR,
            &http::HeaderMap::new(),
            b"",
            &[],
        ));
        assert!(api.may_have_reached_server());
        assert_eq!(api.kind().as_str(), "api");
        let config = Error::Config("boom".into());
        assert_eq!(config.kind(), ErrorKind::Config);
        assert!(matches!(&config, Error::Config(c) if c.kind() == ConfigErrorKind::Other));
        assert_eq!(config.to_string(), "invalid client configuration: boom");
    }
}
