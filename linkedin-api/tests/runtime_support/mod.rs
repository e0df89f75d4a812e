//! Shared helpers of the runtime integration tests.
#![allow(dead_code)]

use std::time::Duration;

use linkedin_api::{Client, RetryPolicy};
use wiremock::MockServer;

/// A token that must never be printed.
pub const TOKEN: &str = "AQV-runtime-test-token-7f3c9e";

/// Retries with millisecond backoffs, so retry tests run fast.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(3)
        .with_initial_backoff(Duration::from_millis(1))
        .with_max_backoff(Duration::from_millis(5))
}

/// A client for the mock server, with fast retries.
pub fn client(server: &MockServer) -> Client {
    client_with(server, fast_retry())
}

/// A client for the mock server with this retry policy.
pub fn client_with(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(retry)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client builds")
}

/// The header value of the single request the server received.
pub fn header<'a>(req: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    req.headers
        .get(name)
        .map(|v| v.to_str().expect("ascii header"))
}
