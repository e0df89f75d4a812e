//! When and how long to wait before trying a call again.
//!
//! A call is retried only if trying again can help and cannot do harm:
//!
//! * **what failed**: 500, 502, 503, 504, a timeout or a connection error. A 429 is retried only
//!   when LinkedIn sent `Retry-After` (a short throttle); without it a 429 means a *daily* quota
//!   is spent, which resets at midnight UTC, so retrying would only burn more calls (see
//!   [`Error::rate_limit_reset`](crate::Error::rate_limit_reset));
//! * **what the call does**: only idempotent Rest.li methods
//!   ([`RestliMethod::is_idempotent`](crate::request::RestliMethod::is_idempotent)), unless the
//!   request opted in with [`Request::retry_non_idempotent`](crate::request::Request::retry_non_idempotent);
//! * **how long**: exponential backoff with jitter (from the [`backon`] crate), or `Retry-After`
//!   when sent (on a 429 or a 500/502/503/504 alike). Every wait is bounded by the call's total
//!   deadline ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline)): a wait that would
//!   end after it is not made, and the call ends at once with the last error (whose
//!   [`ApiError::retry_after`](crate::ApiError::retry_after) says when to come back). There is no
//!   other cap on `Retry-After` unless [`RetryPolicy::with_max_retry_after`] sets one.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};
use http::StatusCode;

/// How a client retries failed calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
    max_retry_after: Option<Duration>,
}

impl Default for RetryPolicy {
    /// Three attempts, backoff from 200 ms up to 5 s with jitter, `Retry-After` bounded only by
    /// the call's deadline.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            jitter: true,
            max_retry_after: None,
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Never retry.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Total attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry; each later wait doubles.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between attempts.
    pub fn with_max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Whether to randomise waits (on by default), so that many clients do not retry in step.
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The longest `Retry-After` the client will wait for; a longer one ends the call with the
    /// error instead (the caller can schedule it). Unset by default: the call's deadline is the
    /// bound.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = Some(max);
        self
    }

    /// Total attempts, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The waits between attempts, at most `max_attempts - 1` of them.
    pub(crate) fn backoffs(&self) -> impl Iterator<Item = Duration> + Send + use<> {
        let mut builder = ExponentialBuilder::default()
            .with_min_delay(self.initial_backoff)
            .with_max_delay(self.max_backoff)
            .with_factor(2.0)
            .with_max_times(self.max_attempts.saturating_sub(1) as usize);
        if self.jitter {
            builder = builder.with_jitter();
        }
        let cap = self.max_backoff;
        // backon's jitter adds up to one more delay; keep the documented maximum.
        builder.build().map(move |d| d.min(cap))
    }

    /// How long to wait before retrying, given a failure, or `None` to stop.
    pub(crate) fn decide(&self, failure: Failure, backoff: Option<Duration>) -> Option<Duration> {
        let backoff = backoff?;
        match failure {
            Failure::Status {
                status,
                retry_after,
            } => match (status.as_u16(), retry_after) {
                // A throttle or a server error that says how long to wait: wait that long (the
                // caller checks the wait against the call's deadline).
                (429 | 500 | 502 | 503 | 504, Some(after)) => self
                    .max_retry_after
                    .is_none_or(|max| after <= max)
                    .then_some(after),
                (500 | 502 | 503 | 504, None) => Some(backoff),
                // Everything else, including a 429 without `Retry-After`: a spent daily quota,
                // which resets at midnight UTC, so a retry would only burn another call.
                _ => None,
            },
            Failure::Timeout | Failure::Connect => Some(backoff),
            Failure::Other => None,
        }
    }
}

/// What went wrong with one attempt.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Failure {
    Status {
        status: StatusCode,
        retry_after: Option<Duration>,
    },
    Timeout,
    Connect,
    Other,
}

impl Failure {
    /// A non-2xx answer, with the `Retry-After` LinkedIn sent (if any).
    pub(crate) fn of_api_error(error: &crate::error::ApiError) -> Failure {
        Failure::Status {
            status: error.status,
            retry_after: error.retry_after,
        }
    }

    /// A request that got no answer: timeouts and connection-level failures may be retried
    /// (a refused connection, or one closed before the status line; a request body that could not
    /// be sent). A builder error (a bad URL or header) would fail again: not retried.
    pub(crate) fn of_transport(error: &reqwest::Error) -> Failure {
        if error.is_timeout() {
            Failure::Timeout
        } else if error.is_connect() || error.is_request() || error.is_body() {
            Failure::Connect
        } else {
            Failure::Other
        }
    }

    /// An error while reading a response body, after the status line: the connection was reset
    /// or closed early, or stalled past the attempt's timeout. reqwest reports these as *decode*
    /// errors, but nothing was decoded: it is a broken connection, retried like one.
    pub(crate) fn of_body(error: &reqwest::Error) -> Failure {
        if error.is_timeout() {
            Failure::Timeout
        } else {
            Failure::Connect
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(code: u16, retry_after: Option<u64>) -> Failure {
        Failure::Status {
            status: StatusCode::from_u16(code).unwrap(),
            retry_after: retry_after.map(Duration::from_secs),
        }
    }

    #[test]
    fn decisions() {
        let p = RetryPolicy::default();
        let b = Some(Duration::from_millis(1));
        assert_eq!(p.decide(status(503, None), b), b);
        assert_eq!(p.decide(status(500, None), b), b);
        assert_eq!(p.decide(status(429, None), b), None);
        assert_eq!(
            p.decide(status(429, Some(2)), b),
            Some(Duration::from_secs(2))
        );
        // No cap of its own: the call's deadline bounds Retry-After (see `Client`).
        assert_eq!(
            p.decide(status(429, Some(3600)), b),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            p.decide(status(503, Some(120)), b),
            Some(Duration::from_secs(120))
        );
        let capped = RetryPolicy::new().with_max_retry_after(Duration::from_secs(10));
        assert_eq!(
            capped.decide(status(429, Some(10)), b),
            Some(Duration::from_secs(10))
        );
        assert_eq!(capped.decide(status(429, Some(11)), b), None);
        assert_eq!(capped.decide(status(503, Some(11)), b), None);
        assert_eq!(p.decide(status(400, None), b), None);
        assert_eq!(p.decide(status(404, None), b), None);
        assert_eq!(p.decide(Failure::Timeout, b), b);
        assert_eq!(p.decide(Failure::Connect, b), b);
        assert_eq!(p.decide(Failure::Other, b), None);
        assert_eq!(
            p.decide(status(503, None), None),
            None,
            "attempts exhausted"
        );
    }

    /// A real reqwest error from a request to a local listener that `serve` mistreats.
    async fn transport_error(serve: fn(tokio::net::TcpListener)) -> reqwest::Error {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        serve(listener);
        reqwest::Client::new().get(url).send().await.unwrap_err()
    }

    #[tokio::test]
    async fn connection_failures_are_retryable_and_others_are_not() {
        // Nothing listens: refused (a connect error, which reqwest also calls a request error).
        let refused = transport_error(drop).await;
        assert!(refused.is_connect());
        assert!(matches!(Failure::of_transport(&refused), Failure::Connect));
        // Accepted, then closed before any answer: a request error that is not a connect error.
        let closed = transport_error(|l| {
            tokio::spawn(async move {
                let (stream, _) = l.accept().await.unwrap();
                drop(stream);
            });
        })
        .await;
        assert!(closed.is_request() && !closed.is_connect(), "{closed:?}");
        assert!(matches!(Failure::of_transport(&closed), Failure::Connect));
        // A URL reqwest refuses to send is a builder error: it would fail again.
        let builder = reqwest::Client::new()
            .get("http://[::1")
            .send()
            .await
            .unwrap_err();
        assert!(builder.is_builder());
        assert!(matches!(Failure::of_transport(&builder), Failure::Other));
        // Whatever broke mid-body is a broken connection, unless it was a timeout.
        assert!(matches!(Failure::of_body(&closed), Failure::Connect));
    }

    #[tokio::test]
    async fn timeouts_are_timeouts() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let held = tokio::spawn(async move { listener.accept().await });
        let err = reqwest::Client::new()
            .get(url)
            .timeout(Duration::from_millis(50))
            .send()
            .await
            .unwrap_err();
        assert!(matches!(Failure::of_transport(&err), Failure::Timeout));
        assert!(matches!(Failure::of_body(&err), Failure::Timeout));
        held.abort();
    }

    #[test]
    fn attempts_count_the_first_and_are_at_least_one() {
        assert_eq!(RetryPolicy::default().max_attempts(), 3);
        assert_eq!(RetryPolicy::new().with_max_attempts(6).max_attempts(), 6);
        assert_eq!(RetryPolicy::new().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
    }

    #[test]
    fn backoffs_grow_and_are_capped() {
        let p = RetryPolicy::new()
            .with_max_attempts(6)
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350))
            .with_jitter(false);
        let waits: Vec<_> = p.backoffs().map(|d| d.as_millis()).collect();
        assert_eq!(waits, [100, 200, 350, 350, 350]);
        assert_eq!(RetryPolicy::none().backoffs().count(), 0);
        let jittered = RetryPolicy::new().with_max_attempts(20);
        assert!(jittered.backoffs().all(|d| d <= Duration::from_secs(5)));
    }
}
