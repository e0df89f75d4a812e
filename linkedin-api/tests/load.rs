//! A bounded load test on loopback: 10,000 calls, 256 in flight, about 1 % answered 503. Every
//! call must succeed (the 503s are retried), and the pool must reuse its connections: the
//! server counts the TCP connections it accepts.

mod fault_support;

use std::time::{Duration, Instant};

use fault_support::{Action, Server};
use futures::StreamExt as _;
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::restli::Collection;
use linkedin_api::{Client, RetryPolicy};
use serde_json::Value;

const CALLS: usize = 10_000;
const IN_FLIGHT: usize = 256;
/// One request in this many is answered 503.
const FAULT_EVERY: usize = 100;
/// The pool opens about one connection per call in flight, plus some for the race between a
/// connection going back to the pool and the next call looking for one (about 1.3 per call in
/// flight measured). Without reuse it would be one per request, over 10,000.
const MAX_CONNECTIONS: usize = 2 * IN_FLIGHT;

fn answer(index: usize) -> Action {
    if index % FAULT_EVERY == FAULT_EVERY / 2 {
        Action::Respond {
            status: 503,
            headers: vec![],
            body: vec![],
        }
    } else {
        Action::Respond {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"elements":[{"id":1},{"id":2}],"paging":{"start":0,"count":2}}"#.to_vec(),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_calls_with_injected_503s_all_succeed_on_a_bounded_pool() {
    let server = Server::start(|i, _| answer(i)).await;
    let client = Client::builder()
        .access_token("AQV-load-test-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(4)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(10)),
        )
        .timeout(Duration::from_secs(20))
        .deadline(Duration::from_secs(30))
        .build()
        .expect("client builds");

    let started = Instant::now();
    let results: Vec<_> = futures::stream::iter(0..CALLS)
        .map(|i| {
            let client = client.clone();
            async move {
                let req = Request::restli(
                    "things.search",
                    RestliMethod::Finder,
                    "/rest/things",
                    "/rest/things".into(),
                )
                .version("202606")
                .query_raw("q", "search")
                .query("start", &(i % 1000));
                client.send_json::<Collection<Value>>(req).await
            }
        })
        .buffer_unordered(IN_FLIGHT)
        .collect()
        .await;
    let elapsed = started.elapsed();

    let failed: Vec<String> = results
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.to_string()))
        .collect();
    let requests = server.requests();
    let retries = requests - CALLS;
    let connections = server.connections();
    println!(
        "load: {CALLS} calls, {IN_FLIGHT} in flight, {:.1} s, {:.0} calls/s, {requests} requests, \
         {retries} retries after 503, {connections} TCP connections, {} failed",
        elapsed.as_secs_f64(),
        CALLS as f64 / elapsed.as_secs_f64(),
        failed.len()
    );
    assert!(
        failed.is_empty(),
        "{} calls failed, e.g. {}",
        failed.len(),
        failed[0]
    );
    assert!(
        results
            .iter()
            .all(|r| r.as_ref().is_ok_and(|c| c.elements.len() == 2))
    );
    // Every 503 cost exactly one more request, and there were about CALLS / FAULT_EVERY of them.
    let served_503 = (0..requests)
        .filter(|i| i % FAULT_EVERY == FAULT_EVERY / 2)
        .count();
    assert_eq!(retries, served_503);
    assert!(retries >= CALLS / FAULT_EVERY, "{retries} retries");
    assert!(
        connections <= MAX_CONNECTIONS,
        "{connections} TCP connections for {CALLS} calls: the pool is not reusing them"
    );
}
