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

/// An address nothing listens on, reserved for as long as the returned socket lives.
///
/// Binding a listener, reading its port and dropping it lets a mock server started by a test
/// running in parallel take that port, so the "refused" connection reaches it (CI saw exactly
/// that). A socket that is bound but never listens keeps the port ours and still makes the kernel
/// refuse every connection to it.
pub fn refused_address() -> (tokio::net::TcpSocket, String) {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("address"))
        .expect("bind");
    let address = socket.local_addr().expect("bound address");
    (socket, format!("http://{address}"))
}
