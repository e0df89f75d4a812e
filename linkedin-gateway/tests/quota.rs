//! Daily quotas end to end: refused locally once a ceiling is reached (zero requests reach the
//! mock server), marked spent on a 429, retries counted, reset at midnight UTC, and each store
//! against the real thing.

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use linkedin_api::Client;
use linkedin_api::request::{Request, RestliMethod};
use linkedin_gateway::quota::{
    Ceilings, Counter, CounterStore, Endpoint, Limit, MemoryStore, QuotaError, QuotaExceeded,
    QuotaInterceptor, RedisStore, SPENT, SqliteStore, Take,
};
use support::redis_server::RedisServer;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn find_posts() -> Request {
    Request::restli(
        "posts.findByAuthor",
        RestliMethod::Finder,
        "/rest/posts",
        "/rest/posts?q=author".into(),
    )
    .version("202606")
}

fn posts_finder() -> Endpoint {
    Endpoint::new(RestliMethod::Finder, "/rest/posts")
}

async fn client_with(quota: Arc<QuotaInterceptor>, server: &MockServer) -> Client {
    Client::builder()
        .access_token("test-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(quota)
        .build()
        .unwrap()
}

/// The quota error inside a refused call's error.
fn quota_exceeded(error: &linkedin_api::Error) -> &QuotaExceeded {
    assert!(error.is_refused(), "expected a refusal, got {error}");
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        if let Some(q) = e.downcast_ref::<QuotaExceeded>() {
            return q;
        }
        source = e.source();
    }
    panic!("no QuotaExceeded in the chain of {error}")
}

fn next_midnight_utc() -> SystemTime {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    UNIX_EPOCH + Duration::from_secs((secs / 86_400 + 1) * 86_400)
}

#[tokio::test]
async fn a_call_past_the_members_ceiling_is_refused_locally_with_the_reset_time() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"elements": []})))
        .mount(&server)
        .await;
    let quota = Arc::new(
        QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1")
            .member("urn:li:person:m1")
            .ceilings(Ceilings {
                app_per_endpoint: Some(5),
                member_per_endpoint: Some(2),
            }),
    );
    let client = client_with(Arc::clone(&quota), &server).await;

    for _ in 0..2 {
        client
            .send_json::<serde_json::Value>(find_posts())
            .await
            .unwrap();
    }
    let refused = client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap_err();

    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "the refused call never reached the server"
    );
    let exceeded = quota_exceeded(&refused);
    assert_eq!(exceeded.limit, Limit::Member);
    assert_eq!(exceeded.holder, "urn:li:person:m1");
    assert_eq!(exceeded.endpoint, Some(posts_finder()));
    assert_eq!(exceeded.ceiling, Some(2));
    assert!(!exceeded.marked_by_linkedin);
    assert_eq!(exceeded.resets_at, next_midnight_utc());
    let message = refused.to_string();
    assert!(
        message.contains("member `urn:li:person:m1`'s daily quota for FINDER /rest/posts is spent (2 calls); it resets at")
            && message.contains("T00:00:00Z"),
        "{message}"
    );
    let remaining = quota.remaining(&posts_finder()).unwrap();
    assert_eq!(
        (remaining.app, remaining.member, remaining.agent_budget),
        (Some(3), Some(0), None)
    );
}

#[tokio::test]
async fn the_agents_budget_counts_every_endpoint() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let quota = Arc::new(
        QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1")
            .ceilings(Ceilings::DEVELOPMENT)
            .agent_budget("social-bot", 2),
    );
    let client = client_with(Arc::clone(&quota), &server).await;
    let get_post = || {
        Request::restli(
            "posts.get",
            RestliMethod::Get,
            "/rest/posts/{postUrn}",
            "/rest/posts/urn%3Ali%3Ashare%3A1".into(),
        )
    };

    client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap();
    client
        .send_json::<serde_json::Value>(get_post())
        .await
        .unwrap();
    let refused = client
        .send_json::<serde_json::Value>(get_post())
        .await
        .unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    let exceeded = quota_exceeded(&refused);
    assert_eq!(exceeded.limit, Limit::AgentBudget);
    assert_eq!(exceeded.holder, "social-bot");
    assert_eq!(exceeded.endpoint, None);
    assert!(
        refused
            .to_string()
            .contains("agent `social-bot`'s daily budget is spent (2 calls)"),
        "{refused}"
    );
}

#[tokio::test]
async fn a_429_marks_the_endpoint_spent_until_the_reset() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(429).set_body_json(serde_json::json!({
            "status": 429, "code": "QUOTA_EXCEEDED", "message": "Resource level throttle limit exceeded"
        })))
        .mount(&server)
        .await;
    let quota = Arc::new(
        QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1")
            .member("urn:li:person:m1")
            .ceilings(Ceilings::DEVELOPMENT),
    );
    let client = client_with(Arc::clone(&quota), &server).await;

    let first = client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap_err();
    assert!(first.is_rate_limited(), "{first}");
    let second = client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let exceeded = quota_exceeded(&second);
    assert_eq!(exceeded.limit, Limit::Member);
    assert!(exceeded.marked_by_linkedin);
    assert!(
        second.to_string().contains("(LinkedIn answered 429)"),
        "{second}"
    );
    let remaining = quota.remaining(&posts_finder()).unwrap();
    assert_eq!(remaining.member, Some(0));
    assert_eq!(
        remaining.app,
        Some(499),
        "the application's count is its own"
    );
    // Another endpoint is untouched.
    let create = quota
        .remaining(&Endpoint::new(RestliMethod::Create, "/rest/posts"))
        .unwrap();
    assert_eq!(create.member, Some(100));
}

#[tokio::test]
async fn retries_count_as_the_calls_linkedin_received() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let quota = Arc::new(
        QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1")
            .ceilings(Ceilings::DEVELOPMENT),
    );
    let client = Client::builder()
        .access_token("test-token")
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(
            linkedin_api::RetryPolicy::default()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(1))
                .with_max_backoff(Duration::from_millis(2)),
        )
        .interceptor(Arc::clone(&quota))
        .build()
        .unwrap();

    client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap();

    assert_eq!(server.received_requests().await.unwrap().len(), 3);
    assert_eq!(quota.remaining(&posts_finder()).unwrap().app, Some(497));
}

#[tokio::test]
async fn oauth_exchanges_are_not_counted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "AQV-new", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    // A ceiling of zero refuses every Rest.li call, and only those.
    let quota = Arc::new(
        QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1").ceilings(Ceilings {
            app_per_endpoint: Some(0),
            member_per_endpoint: None,
        }),
    );
    let oauth = linkedin_api::auth::OAuthClient::builder(
        "client-id",
        "client-secret",
        "https://app.example/cb",
    )
    .oauth_base_url(&server.uri())
    .api_base_url(&server.uri())
    .allow_insecure_http(true)
    .interceptor(Arc::clone(&quota))
    .build()
    .unwrap();
    oauth.client_credentials().await.unwrap();
    let client = client_with(quota, &server).await;
    assert!(
        client
            .send_json::<serde_json::Value>(find_posts())
            .await
            .unwrap_err()
            .is_refused()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[test]
fn the_counts_start_again_at_midnight_utc() {
    // 2026-11-29T23:59:59Z, moved by the test.
    let now = Arc::new(Mutex::new(UNIX_EPOCH + Duration::from_secs(1_795_996_799)));
    let clock = Arc::clone(&now);
    let quota = QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1")
        .ceilings(Ceilings {
            app_per_endpoint: Some(1),
            member_per_endpoint: None,
        })
        .clock(move || *clock.lock().unwrap());

    quota.take(&posts_finder()).unwrap();
    let Err(QuotaError::Exceeded(spent)) = quota.take(&posts_finder()) else {
        panic!("the second call of the day is refused");
    };
    assert_eq!(
        spent.resets_at,
        UNIX_EPOCH + Duration::from_secs(1_795_996_800)
    );
    *now.lock().unwrap() += Duration::from_secs(1);
    assert_eq!(quota.remaining(&posts_finder()).unwrap().app, Some(1));
    quota.take(&posts_finder()).unwrap();
}

/// What every store must do, whatever it keeps counters in.
fn exercise(store: &dyn CounterStore) {
    let reset = next_midnight_utc();
    let a = Counter {
        key: "t:a",
        ceiling: 3,
    };
    let b = Counter {
        key: "t:b",
        ceiling: 2,
    };
    assert_eq!(store.take(&[a, b], reset).unwrap(), Take::Taken);
    assert_eq!(store.take(&[a, b], reset).unwrap(), Take::Taken);
    assert_eq!(
        store.take(&[a, b], reset).unwrap(),
        Take::AtCeiling { index: 1, count: 2 },
        "b is spent"
    );
    assert_eq!(
        store.counts(&["t:a", "t:b", "t:missing"]).unwrap(),
        [2, 2, 0],
        "a refused take changes nothing"
    );
    assert_eq!(store.take(&[a], reset).unwrap(), Take::Taken);
    store.add(&["t:a", "t:c"], 4, reset).unwrap();
    assert_eq!(store.counts(&["t:a", "t:c"]).unwrap(), [7, 4]);
    store.raise_to("t:c", SPENT, reset).unwrap();
    store.raise_to("t:a", 1, reset).unwrap();
    assert_eq!(
        store.counts(&["t:a", "t:c"]).unwrap(),
        [7, SPENT],
        "raising never lowers"
    );
    assert_eq!(
        store
            .take(
                &[Counter {
                    key: "t:c",
                    ceiling: SPENT
                }],
                reset
            )
            .unwrap(),
        Take::AtCeiling {
            index: 0,
            count: SPENT
        },
        "a counter marked spent refuses even without a ceiling"
    );
}

#[test]
fn the_memory_store_counts() {
    exercise(&MemoryStore::new());
}

#[test]
fn the_sqlite_store_counts_and_keeps_its_counts_in_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quota.sqlite");
    exercise(&SqliteStore::open(&file).unwrap());
    let reopened = SqliteStore::open(&file).unwrap();
    assert_eq!(reopened.counts(&["t:a", "t:b"]).unwrap(), [7, 2]);
}

#[test]
fn the_sqlite_store_forgets_past_days() {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("quota.sqlite")).unwrap();
    let today = next_midnight_utc();
    let yesterday = today - Duration::from_secs(86_400);
    store.add(&["old"], 5, yesterday).unwrap();
    store.add(&["new"], 1, today).unwrap();
    assert_eq!(store.counts(&["old", "new"]).unwrap(), [0, 1]);
}

#[test]
fn the_redis_store_counts_with_keys_that_expire_at_the_reset() {
    let server = RedisServer::start();
    let store = RedisStore::open(&server.url()).unwrap();
    exercise(&store);

    let mut conn = server.connection();
    let ttl: i64 = redis::cmd("TTL").arg("t:a").query(&mut conn).unwrap();
    let to_midnight = next_midnight_utc()
        .duration_since(SystemTime::now())
        .unwrap()
        .as_secs() as i64;
    assert!(
        (to_midnight - 2..=to_midnight + 1).contains(&ttl),
        "the counter expires at the next midnight UTC: TTL {ttl}, {to_midnight} s to midnight"
    );
}

#[test]
fn a_redis_store_that_cannot_be_reached_refuses_to_count() {
    let mut server = RedisServer::start();
    let quota = QuotaInterceptor::new(Arc::new(RedisStore::open(&server.url()).unwrap()), "app-1")
        .ceilings(Ceilings::DEVELOPMENT);
    quota.take(&posts_finder()).unwrap();
    server.stop();

    let Err(QuotaError::Store(e)) = quota.take(&posts_finder()) else {
        panic!("a call that cannot be counted is not taken");
    };
    assert_eq!(e.store(), "redis");
    assert!(RedisStore::open(&server.url()).is_err());
}
