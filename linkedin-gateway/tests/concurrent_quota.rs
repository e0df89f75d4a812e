//! Eight processes racing for the same daily quota never take more than its ceiling, on SQLite
//! (one file) and on Redis (one server). The processes are this test binary run again with
//! `LINKEDIN_GATEWAY_QUOTA_WORKER` set: each waits for a start signal, then takes calls as fast
//! as it can and prints how many it got.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use linkedin_api::request::RestliMethod;
use linkedin_gateway::quota::{
    Ceilings, CounterStore, Endpoint, QuotaError, QuotaInterceptor, RedisStore, SqliteStore,
};
use support::redis_server::RedisServer;

/// `sqlite:<path>` or `redis:<url>`: set in a worker process only.
const WORKER: &str = "LINKEDIN_GATEWAY_QUOTA_WORKER";
/// The file whose creation starts the workers together.
const START: &str = "LINKEDIN_GATEWAY_QUOTA_START";
const PROCESSES: usize = 8;
const ATTEMPTS_EACH: usize = 25;
const APP_CEILING: u64 = 60;

fn open(store: &str) -> Arc<dyn CounterStore> {
    match store.split_once(':') {
        Some(("sqlite", path)) => Arc::new(SqliteStore::open(path).unwrap()),
        Some(("redis", url)) => Arc::new(RedisStore::open(url).unwrap()),
        _ => panic!("unknown store {store}"),
    }
}

/// Every process counts the same application, member and agent.
fn quota(store: Arc<dyn CounterStore>) -> QuotaInterceptor {
    QuotaInterceptor::new(store, "app-1")
        .member("urn:li:person:m1")
        .ceilings(Ceilings {
            app_per_endpoint: Some(APP_CEILING),
            member_per_endpoint: Some(100),
        })
        .agent_budget("social-bot", 1_000)
}

fn endpoint() -> Endpoint {
    Endpoint::new(RestliMethod::Finder, "/rest/posts")
}

/// The worker's side: wait for the start, take, report.
fn work(store: &str) {
    let quota = quota(open(store));
    let start = std::env::var(START).unwrap();
    let waiting = Instant::now();
    while !Path::new(&start).exists() {
        assert!(
            waiting.elapsed() < Duration::from_secs(30),
            "no start signal"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut taken = 0;
    for _ in 0..ATTEMPTS_EACH {
        match quota.take(&endpoint()) {
            Ok(()) => taken += 1,
            Err(QuotaError::Exceeded(_)) => {}
            Err(QuotaError::Store(e)) => panic!("the store failed under contention: {e}"),
        }
    }
    println!("TAKEN={taken}");
}

/// The parent's side: run the workers of `test` against `store`, return what each took.
fn contend(test: &str, store: &str) -> Vec<u64> {
    let dir = tempfile::tempdir().unwrap();
    let start = dir.path().join("start");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            Command::new(&exe)
                .args([test, "--exact", "--nocapture", "--test-threads=1"])
                .env(WORKER, store)
                .env(START, &start)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    std::fs::write(&start, b"go").unwrap();
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "a worker failed: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
            // libtest prints the test's name on the same line, before the report.
            let report = stdout
                .split_once("TAKEN=")
                .unwrap_or_else(|| panic!("a worker reported nothing: {stdout}"))
                .1;
            let digits = report.split(|c: char| !c.is_ascii_digit()).next();
            digits.unwrap_or_default().parse().unwrap()
        })
        .collect()
}

fn check(test: &str, store: &str) {
    let started = Instant::now();
    let taken = contend(test, store);
    let total: u64 = taken.iter().sum();
    eprintln!(
        "{test}: {PROCESSES} processes x {ATTEMPTS_EACH} attempts took {taken:?} = {total} of \
         {APP_CEILING} in {:?}",
        started.elapsed()
    );
    assert_eq!(
        total, APP_CEILING,
        "exactly the ceiling, never more: {taken:?}"
    );
    let remaining = quota(open(store)).remaining(&endpoint()).unwrap();
    assert_eq!(remaining.app, Some(0));
    assert_eq!(
        (remaining.member, remaining.agent_budget),
        (Some(100 - APP_CEILING), Some(1_000 - APP_CEILING)),
        "refused calls changed no counter"
    );
}

#[test]
fn eight_processes_never_exceed_a_ceiling_on_sqlite() {
    if let Ok(store) = std::env::var(WORKER) {
        return work(&store);
    }
    let dir = tempfile::tempdir().unwrap();
    let store = format!("sqlite:{}", dir.path().join("quota.sqlite").display());
    // Created before the race, as a deployment would.
    drop(open(&store));
    check("eight_processes_never_exceed_a_ceiling_on_sqlite", &store);
}

#[test]
fn eight_processes_never_exceed_a_ceiling_on_redis() {
    if let Ok(store) = std::env::var(WORKER) {
        return work(&store);
    }
    let server = RedisServer::start();
    check(
        "eight_processes_never_exceed_a_ceiling_on_redis",
        &format!("redis:{}", server.url()),
    );
}
