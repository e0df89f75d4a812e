//! The one HTTP choke point: every request the crate sends — Rest.li calls, OAuth and OpenID
//! Connect requests, media upload `PUT`s — is an [`Exchange`] run by [`Client::exchange`].
//!
//! It is where the transport rules live, once: the URL's scheme (https, or http only with
//! `allow_insecure_http`), no redirects (a 3xx is [`Error::Redirect`]; a caller-supplied client
//! that followed one is a configuration error), one timeout per attempt and one deadline per
//! call, bounded body reads, retries per the client's policy for retryable exchanges, a
//! `linkedin_api.call` tracing span, redaction of every secret the exchange carried, the mapping
//! of failures to [`Error`], and the [`interceptor`](crate::interceptor) seam around it all.
//!
//! What to send (the URL, headers and body) is the caller's: [`Client::execute`] builds the
//! Rest.li wire form, `auth` the OAuth forms, `media` the upload `PUT`s.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{AUTHORIZATION, HeaderValue, LOCATION};
use http::{HeaderMap, Method, StatusCode};
use tracing::Instrument as _;
use url::Url;

use crate::body;
use crate::client::{Client, RawResponse};
use crate::error::{ApiError, ConfigErrorKind, Error};
use crate::interceptor::{OperationInfo, Outcome};
use crate::redact;
use crate::retry::{Failure, RetryPolicy};
use crate::secret::Secret;

/// Reads a non-2xx body that has a meaning of its own (an OAuth error) into an error; `None`
/// leaves it to [`ApiError`]. Gets the body with the exchange's secrets already redacted.
pub(crate) type ErrorBodyReader = fn(&'static str, StatusCode, &[u8]) -> Option<Error>;

/// Whether an exchange carries the client's access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bearer {
    /// No token, or one the caller put in the headers itself (OAuth's own requests).
    None,
    /// The client's token (fixed, or its provider's), attached here, after the interceptors:
    /// the caller has made sure the URL may receive it (the API base URL, an upload host).
    Client,
}

/// One HTTP exchange, as the choke point runs it.
pub(crate) struct Exchange<'a> {
    /// What interceptors and traces see.
    pub(crate) info: OperationInfo,
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
    /// The call's total deadline.
    pub(crate) deadline: Duration,
    /// The largest 2xx body read.
    pub(crate) body_limit: usize,
    /// The largest non-2xx body read.
    pub(crate) error_body_limit: usize,
    /// The 2xx body is of no use (an upload's answer): it is drained up to `body_limit` so the
    /// connection can be reused, and a longer one is not an error.
    pub(crate) ignore_body: bool,
    /// Secrets the exchange carries besides the client's access token (a client secret, an
    /// authorization code, another bearer token): redacted wherever a server echoes them.
    pub(crate) secrets: Vec<&'a str>,
    pub(crate) error_body: Option<ErrorBodyReader>,
    pub(crate) bearer: Bearer,
    /// The token attached for [`Bearer::Client`], redacted like the other secrets.
    sent_token: Option<Secret>,
    /// One attempt's timeout, instead of the client's.
    pub(crate) attempt_timeout: Option<Duration>,
    /// The retry policy, instead of the client's.
    pub(crate) retry: Option<RetryPolicy>,
    /// A 2xx body is left on the connection for the caller ([`Answer::Open`]) instead of read.
    pub(crate) stream: bool,
}

/// What an exchange got: a 2xx answer, read whole or (for a streamed exchange) still open.
pub(crate) enum Answer {
    Read(RawResponse),
    Open(reqwest::Response),
}

impl Answer {
    fn status(&self) -> StatusCode {
        match self {
            Answer::Read(raw) => raw.status,
            Answer::Open(resp) => resp.status(),
        }
    }

    fn headers(&self) -> &HeaderMap {
        match self {
            Answer::Read(raw) => &raw.headers,
            Answer::Open(resp) => resp.headers(),
        }
    }
}

impl Exchange<'_> {
    /// An exchange with the client's limits and deadline, no body and no extra secrets.
    pub(crate) fn new(client: &Client, info: OperationInfo, method: Method, url: Url) -> Self {
        Exchange {
            info,
            method,
            url,
            headers: HeaderMap::new(),
            body: None,
            deadline: client.deadline(),
            body_limit: client.max_response_bytes(),
            error_body_limit: client.max_response_bytes().min(body::MAX_ERROR_BODY_BYTES),
            ignore_body: false,
            secrets: Vec::new(),
            error_body: None,
            bearer: Bearer::None,
            sent_token: None,
            attempt_timeout: None,
            retry: None,
            stream: false,
        }
    }
}

impl Client {
    /// Runs one exchange and reads its 2xx body whole (see [`Client::answer`]).
    pub(crate) async fn exchange(&self, ex: Exchange<'_>) -> Result<RawResponse, Error> {
        let operation = ex.info.id();
        let body_limit = ex.body_limit;
        match self.answer(ex).await? {
            Answer::Read(raw) => Ok(raw),
            // Not streamed, so the attempt read the body already; reading it here keeps this
            // total without trusting that.
            Answer::Open(resp) => read_success(operation, resp, body_limit, false)
                .await
                .map_err(|(error, _)| error),
        }
    }

    /// Runs one exchange: checks the URL, asks the interceptors, runs the attempts within the
    /// deadline in a `linkedin_api.call` span, and tells the interceptors how it ended. A
    /// streamed exchange's 2xx body is left on the connection ([`Answer::Open`]).
    pub(crate) async fn answer(&self, mut ex: Exchange<'_>) -> Result<Answer, Error> {
        check_scheme("request URL", &ex.url, self.allows_insecure_http())?;
        let interceptors = self.interceptors();
        // Interceptors first, so that an access policy's refusal is the reason recorded for a
        // call an agent may not make at all; then the token's scopes, when the client knows them.
        let refused = match interceptors.before_send(&ex.info) {
            Err((interceptor, refusal)) => {
                tracing::debug!(operation = ex.info.id(), interceptor, reason = %refusal, "call refused before sending");
                Some(Error::Refused {
                    operation: ex.info.id(),
                    interceptor,
                    refusal,
                })
            }
            Ok(()) => self.authorize(&mut ex).await.err(),
        };
        if let Some(error) = refused {
            interceptors.after_outcome(&ex.info, &outcome(&Err(&error), Duration::ZERO, 0));
            return Err(error);
        }
        let span = tracing::info_span!(
            "linkedin_api.call",
            operation = ex.info.id(),
            restli_method = ex.info.restli_method().map_or("none", |m| m.header_value()),
            path = %ex.info.path_template(),
            version = ex.info.version().unwrap_or("unversioned"),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        let started = Instant::now();
        let attempts = AtomicU32::new(0);
        let until = tokio::time::Instant::now() + ex.deadline;
        let mut result = self
            .run(&ex, until, &attempts, span.clone())
            .instrument(span.clone())
            .await;
        if self.renewed_token(&mut ex, &result).await {
            result = self
                .run(&ex, until, &attempts, span.clone())
                .instrument(span)
                .await;
        }
        if !interceptors.is_empty() {
            let seen = outcome(
                &result.as_ref().map(|a| (a.status(), a.headers())),
                started.elapsed(),
                attempts.load(Ordering::Relaxed),
            );
            interceptors.after_outcome(&ex.info, &seen);
        }
        result
    }

    /// Checks the token's scopes, and for [`Bearer::Client`] gets the token (from the provider,
    /// refreshed if due) and attaches it.
    async fn authorize(&self, ex: &mut Exchange<'_>) -> Result<(), Error> {
        let provided = match (ex.bearer, self.token_provider()) {
            (Bearer::Client, Some(_)) => self.current_token().await?,
            _ => None,
        };
        let scopes = provided.as_ref().and_then(|t| t.scopes.as_ref());
        self.check_scopes(ex.info.id(), ex.info.scopes(), scopes)?;
        // A fixed token is used in place (it is among the client's secrets already); only a
        // provider's is kept with the exchange, for redaction and the 401 renewal.
        let value = match (&provided, ex.bearer) {
            (Some(provided), _) => Some(bearer_header(&provided.token)),
            // A fixed token's header was built once, with the client.
            (None, Bearer::Client) => self.fixed_bearer_header(),
            (None, Bearer::None) => None,
        };
        if let Some(value) = value {
            ex.headers.insert(AUTHORIZATION, value?);
        }
        ex.sent_token = provided.map(|t| t.token);
        Ok(())
    }

    /// After a 401 to a call that carried the provider's token: tells the provider, and `true`
    /// when it has another token (now attached) and the call is safe to send again. Only
    /// retryable calls (idempotent, or opted in) are; a non-idempotent one keeps its 401.
    async fn renewed_token(&self, ex: &mut Exchange<'_>, result: &Result<Answer, Error>) -> bool {
        let unauthorized = matches!(result, Err(e) if e.status() == Some(StatusCode::UNAUTHORIZED));
        let (Some(provider), Some(rejected)) = (self.token_provider(), ex.sent_token.clone())
        else {
            return false;
        };
        if !unauthorized || ex.bearer != Bearer::Client {
            return false;
        }
        // Told even when the call is not retried, so that the next call gets another token.
        provider.token_rejected(&rejected);
        if !ex.info.is_retryable() {
            return false;
        }
        match self.authorize(ex).await {
            Ok(()) if ex.sent_token.as_ref() != Some(&rejected) => {
                tracing::debug!("LinkedIn rejected the access token; retrying with a renewed one");
                true
            }
            Ok(()) => false,
            Err(error) => {
                tracing::warn!(error = %error, "LinkedIn rejected the access token and renewing it failed");
                // The 401 stays the call's answer; the token that was sent is still the one to
                // redact from it.
                ex.sent_token = Some(rejected);
                false
            }
        }
    }

    async fn run(
        &self,
        ex: &Exchange<'_>,
        until: tokio::time::Instant,
        attempts: &AtomicU32,
        span: tracing::Span,
    ) -> Result<Answer, Error> {
        let calls = self.attempts(ex, until, attempts, &span);
        match tokio::time::timeout_at(until, calls).await {
            Ok(result) => result,
            Err(_elapsed) => {
                let attempts = attempts.load(Ordering::Relaxed);
                tracing::debug!(attempts, "the call's deadline passed");
                Err(Error::Deadline {
                    operation: ex.info.id(),
                    deadline: ex.deadline,
                    attempts,
                })
            }
        }
    }

    /// Attempts and waits, until success, an error that is not retried, or a wait that would
    /// end after `until` (then the last error is returned at once, rather than sleeping into the
    /// deadline: a 429's `retry_after` tells the caller when to come back).
    async fn attempts(
        &self,
        ex: &Exchange<'_>,
        until: tokio::time::Instant,
        attempts: &AtomicU32,
        span: &tracing::Span,
    ) -> Result<Answer, Error> {
        let policy = ex.retry.as_ref().unwrap_or(self.retry_policy());
        let mut backoffs = policy.backoffs();
        let started = Instant::now();
        loop {
            let attempt = attempts.fetch_add(1, Ordering::Relaxed) + 1;
            span.record("attempt", attempt);
            let attempt_started = Instant::now();
            let outcome = self.attempt(ex).await;
            let latency_ms = attempt_started.elapsed().as_millis() as u64;
            span.record("latency_ms", started.elapsed().as_millis() as u64);
            let (error, failure) = match outcome {
                Ok(answer) => {
                    let status = answer.status();
                    span.record("status", status.as_u16());
                    tracing::debug!(
                        attempt,
                        status = status.as_u16(),
                        latency_ms,
                        "LinkedIn answered"
                    );
                    match answer {
                        Answer::Read(resp) if !status.is_success() => self.status_error(ex, resp),
                        answer => return Ok(answer),
                    }
                }
                Err((error, failure)) => {
                    tracing::debug!(attempt, latency_ms, error = %error, "request failed");
                    (error, failure)
                }
            };
            let delay = if ex.info.is_retryable() {
                policy.decide(failure, backoffs.next())
            } else {
                None
            };
            match delay {
                Some(delay) if tokio::time::Instant::now() + delay < until => {
                    tracing::warn!(attempt, delay_ms = delay.as_millis() as u64, error = %error, "retrying");
                    tokio::time::sleep(delay).await;
                }
                Some(delay) => {
                    tracing::debug!(
                        attempt,
                        delay_ms = delay.as_millis() as u64,
                        "not retrying: the wait would end after the call's deadline"
                    );
                    return Err(error);
                }
                None => return Err(error),
            }
        }
    }

    /// The error for a non-2xx answer, with every secret the exchange carried redacted.
    fn status_error(&self, ex: &Exchange<'_>, resp: RawResponse) -> (Error, Failure) {
        let mut secrets = self.secrets();
        secrets.extend_from_slice(&ex.secrets);
        secrets.extend(ex.sent_token.as_ref().map(Secret::expose));
        if let Some(read) = ex.error_body {
            let body = redact::secrets(&resp.body, &secrets);
            if let Some(error) = read(ex.info.id(), resp.status, &body) {
                let failure = Failure::Status {
                    status: resp.status,
                    retry_after: None,
                };
                return (error, failure);
            }
        }
        let error = ApiError::from_response(
            ex.info.id(),
            resp.status,
            &resp.headers,
            &resp.body,
            &secrets,
        );
        let failure = Failure::of_api_error(&error);
        (Error::from(error), failure)
    }

    /// One attempt. A 2xx or 4xx/5xx answer is `Ok` (its body read up to the limits, except a
    /// streamed exchange's 2xx body); anything else is the error and how the retry policy should
    /// see it.
    async fn attempt(&self, ex: &Exchange<'_>) -> Result<Answer, (Error, Failure)> {
        let operation = ex.info.id();
        let timeout = ex.attempt_timeout.unwrap_or_else(|| self.timeout());
        // The request is built whole rather than through `RequestBuilder`, whose `headers`
        // inserts our headers one by one into a map of its own (hashing each name again):
        // the clone of ours, already in order, is the same request for less work.
        let mut request = reqwest::Request::new(ex.method.clone(), ex.url.clone());
        *request.headers_mut() = ex.headers.clone();
        if !ex.stream {
            // reqwest's timeout runs until the body has been read: right for a body read here,
            // wrong for one the caller streams for as long as it needs (bounded by its idle
            // timeout instead).
            *request.timeout_mut() = Some(timeout);
        }
        if let Some(body) = &ex.body {
            *request.body_mut() = Some(body.clone().into());
        }
        let sending = self.http_client().execute(request);
        // `Error::transport` drops the URL from reqwest's error: an upload URL is signed, a JWKS
        // URL may carry a credential.
        let sent = if ex.stream {
            // reqwest's timeout is not set (above), so this one bounds connecting, sending and
            // waiting for the headers.
            match tokio::time::timeout(timeout, sending).await {
                Ok(sent) => sent,
                Err(_elapsed) => {
                    let stalled = Error::Stalled {
                        operation,
                        timeout,
                        waiting_for: "waiting for the response headers",
                    };
                    return Err((stalled, Failure::Timeout));
                }
            }
        } else {
            sending.await
        };
        let mut resp = sent
            .map_err(|err| (Failure::of_transport(&err), err))
            .map_err(|(failure, err)| (Error::transport(operation, err), failure))?;
        if resp.url() != &ex.url {
            // Only a caller-supplied HTTP client can get here: ours never follows redirects.
            return Err((followed_redirect(), Failure::Other));
        }
        let status = resp.status();
        if status.is_redirection() {
            return Err((
                redirect_error(operation, status, resp.headers()),
                Failure::Other,
            ));
        }
        if status.is_success() {
            if ex.stream {
                return Ok(Answer::Open(resp));
            }
            let raw = read_success(operation, resp, ex.body_limit, ex.ignore_body).await?;
            return Ok(Answer::Read(raw));
        }
        // Only the start of an error body is of use (its error, or a snippet).
        let headers = resp.headers().clone();
        let body = body::read_limited(&mut resp, ex.error_body_limit)
            .await
            .map_err(|err| body_error(operation, err))?;
        Ok(Answer::Read(RawResponse {
            status,
            headers,
            body: body.bytes,
        }))
    }
}

/// Reads a 2xx body whole, up to `limit` (a longer one is [`Error::BodyTooLarge`], unless the
/// body is of no use and only drained: `ignore_body`).
async fn read_success(
    operation: &'static str,
    mut resp: reqwest::Response,
    limit: usize,
    ignore_body: bool,
) -> Result<RawResponse, (Error, Failure)> {
    let too_large = || {
        (
            Error::BodyTooLarge { operation, limit },
            // The same call would get the same body: retrying cannot help.
            Failure::Other,
        )
    };
    if !ignore_body && resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    let status = resp.status();
    // Taken, not cloned: reading the body does not look at them (its length comes from the
    // body itself), and the response is dropped once the body is read.
    let headers = std::mem::take(resp.headers_mut());
    let body = body::read_limited(&mut resp, limit)
        .await
        .map_err(|err| body_error(operation, err))?;
    if body.truncated && !ignore_body {
        return Err(too_large());
    }
    Ok(RawResponse {
        status,
        headers,
        body: body.bytes,
    })
}

/// An error reading a body: it comes after the status line, so the connection broke (or
/// stalled) mid-body.
fn body_error(operation: &'static str, err: reqwest::Error) -> (Error, Failure) {
    let failure = Failure::of_body(&err);
    (Error::transport(operation, err), failure)
}

/// `Authorization: Bearer <token>`, marked sensitive (never shown by `Debug`).
pub(crate) fn bearer_header(token: &Secret) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
        .map_err(|_| invalid_token())?;
    value.set_sensitive(true);
    Ok(value)
}

/// The error for a token that cannot be sent in a header.
pub(crate) fn invalid_token() -> Error {
    Error::config(
        ConfigErrorKind::InvalidHeaderValue,
        "the access token contains invalid characters",
    )
}

/// What interceptors are told of a call that ended with `result`.
fn outcome(
    result: &Result<(StatusCode, &HeaderMap), &Error>,
    latency: Duration,
    attempts: u32,
) -> Outcome {
    let header = |headers: &HeaderMap, name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(|v| body::bounded(v, body::MAX_ERROR_TEXT_BYTES))
    };
    match result {
        Ok((status, headers)) => Outcome {
            status: Some(*status),
            request_id: crate::error::request_id(headers)
                .map(|v| body::bounded(v, body::MAX_ERROR_TEXT_BYTES)),
            created_id: header(headers, "x-restli-id"),
            latency,
            attempts,
            error: None,
            may_have_reached_server: true,
            refusal: None,
        },
        Err(error) => Outcome {
            status: error.status().or(match error {
                Error::Redirect { status, .. } => Some(*status),
                Error::Auth(e) => e.status(),
                _ => None,
            }),
            request_id: error.request_id().map(str::to_owned),
            created_id: None,
            latency,
            attempts,
            error: Some(error.kind()),
            may_have_reached_server: error.may_have_reached_server(),
            refusal: match error {
                Error::Refused {
                    interceptor,
                    refusal,
                    ..
                } => Some((*interceptor, refusal.reason().to_owned())),
                _ => None,
            },
        },
    }
}

/// Any URL the client sends to: `https`, or `http` only when `allow_insecure_http` is set, and a
/// host. Errors show the URL without its query (see [`redact::url`]).
pub(crate) fn check_scheme(what: &str, url: &Url, allow_http: bool) -> Result<(), Error> {
    // Only an error shows the URL: redacting it on every call cost a string for nothing.
    let shown = || redact::url(url);
    match url.scheme() {
        "https" => {}
        "http" if allow_http => {}
        "http" => {
            return Err(Error::config(
                ConfigErrorKind::InsecureUrl,
                format!(
                    "the {what} `{}` is plain HTTP; use https, or allow_insecure_http(true) for a local \
                     test server",
                    shown()
                ),
            ));
        }
        other => {
            return Err(Error::config(
                ConfigErrorKind::UnsupportedScheme,
                format!("the {what} `{}` has unsupported scheme `{other}`", shown()),
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::config(
            ConfigErrorKind::InvalidUrl,
            format!("the {what} `{}` has no host", shown()),
        ));
    }
    Ok(())
}

/// The error for a 3xx answer: its status and (bounded) `Location`.
fn redirect_error(operation: &'static str, status: StatusCode, headers: &HeaderMap) -> Error {
    let location = headers
        .get(LOCATION)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        .map(|l| body::bounded(&l, body::MAX_ERROR_TEXT_BYTES));
    Error::Redirect {
        operation,
        status,
        location,
    }
}

/// A caller-supplied HTTP client followed a redirect before we saw it.
fn followed_redirect() -> Error {
    Error::config(
        ConfigErrorKind::FollowedRedirect,
        "the HTTP client given to `http_client` followed a redirect; build it with \
         reqwest::redirect::Policy::none() (LinkedIn does not redirect, and a followed redirect \
         can re-send a request body, a client secret or a code elsewhere)",
    )
}
