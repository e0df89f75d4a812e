//! Per-call settings against a local mock: a call's own attempt timeout and retry policy take
//! the place of the client's, for that call only.

use std::time::{Duration, Instant};

use linkedin_api::urn::OrganizationUrn;
use linkedin_api::v202606::Api;
use linkedin_api::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn api(server: &MockServer) -> Api {
    let client = Client::builder()
        .access_token("t")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .timeout(Duration::from_secs(20))
        .retry_policy(
            RetryPolicy::default()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1))
                .with_jitter(false),
        )
        .build()
        .unwrap();
    Api::new(client)
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_call_timeout_bounds_each_attempt_of_that_call_only() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(400))
                .set_body_json(json!({"elements": [], "paging": {"start": 0, "count": 10}})),
        )
        .mount(&server)
        .await;
    let api = api(&server);
    let started = Instant::now();
    let err = api
        .posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_millis(400),
        "the call's timeout, not the client's"
    );
    assert_eq!(
        requests(&server).await,
        1,
        "RetryPolicy::none(): one attempt"
    );

    // The next call, without its own settings, has the client's 20 s and succeeds.
    api.posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_call_retry_policy_replaces_the_clients() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let api = api(&server);
    let err = api
        .posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        requests(&server).await,
        3,
        "the client's policy: three attempts"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let one_more = RetryPolicy::default()
        .with_max_attempts(5)
        .with_initial_backoff(Duration::from_millis(1))
        .with_jitter(false);
    api.posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .retry_policy(one_more)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        requests(&server).await,
        5,
        "the call's policy: five attempts"
    );

    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    api.posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .retry_policy(RetryPolicy::none())
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        requests(&server).await,
        1,
        "RetryPolicy::none(): one attempt"
    );
}
