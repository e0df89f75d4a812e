//! The audit trail end to end: every call through a client with a policy, a quota and the
//! audit interceptor is recorded, allowed or denied, in plain English, in the JSON Lines file,
//! the SQLite table and the `tracing` log alike; no record holds the token or a body; the JSON
//! Lines file is only ever appended to; a trail that cannot be written stops calls.

mod support;

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use linkedin_api::Client;
use linkedin_api::interceptor::OperationInfo;
use linkedin_api::operation::{Area, Effect};
use linkedin_api::policy::{Access, AgentPolicy};
use linkedin_api::request::{Request, RestliMethod};
use linkedin_gateway::audit::{
    AuditError, AuditEvent, AuditInterceptor, AuditSink, Decision, JsonLinesSink, SqliteSink,
    TracingSink,
};
use linkedin_gateway::quota::{Ceilings, MemoryStore, QuotaInterceptor};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Recognizable in any record or log line that would leak it.
const TOKEN: &str = "AQV-AUDIT-LEAK-CANARY-7f3a9c";
const BODY_TEXT: &str = "BODY-LEAK-CANARY-a41d";
const ORG: &str = "urn:li:organization:123";

fn create_post() -> Request {
    Request::restli(
        "posts.create",
        RestliMethod::Create,
        "/rest/posts",
        "/rest/posts".into(),
    )
    .version("202606")
    .area(Area::Posts)
    .effect(Effect::Write)
    .summary("Create a post")
    .target(ORG)
    .json(&json!({"author": ORG, "commentary": BODY_TEXT}))
}

fn create_comment() -> Request {
    Request::restli(
        "comments.create",
        RestliMethod::Create,
        "/rest/socialActions/{target}/comments",
        "/rest/socialActions/urn%3Ali%3Ashare%3A1/comments".into(),
    )
    .version("202606")
    .area(Area::Comments)
    .effect(Effect::Write)
    .summary("Create a comment")
    .target(ORG)
    .json(&json!({"actor": ORG, "message": {"text": BODY_TEXT}}))
}

fn find_posts() -> Request {
    Request::restli(
        "posts.findByAuthor",
        RestliMethod::Finder,
        "/rest/posts",
        "/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A123".into(),
    )
    .version("202606")
    .area(Area::Posts)
    .effect(Effect::Read)
    .summary("Find posts by author")
    .target(ORG)
}

/// A `tracing` writer into a shared buffer: the log the test greps.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn every_call_is_recorded_in_plain_english_with_no_token_or_body() {
    let log = Log::default();
    let writer = log.clone();
    let _guard = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish(),
    );
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn%3Ali%3Ashare%3A9")
                .insert_header("x-li-request-id", "REQ-CREATE"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-li-request-id", "REQ-FIND")
                .set_body_json(json!({"elements": [{"commentary": BODY_TEXT}]})),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("audit.jsonl");
    let sqlite = dir.path().join("audit.sqlite");
    let table = Arc::new(SqliteSink::open(&sqlite).unwrap());
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(
            AgentPolicy::new("social-bot")
                .area(Area::Posts, Access::Full)
                .area(Area::Comments, Access::Read)
                .targets([ORG]),
        )
        .interceptor(
            QuotaInterceptor::new(Arc::new(MemoryStore::new()), "app-1").ceilings(Ceilings {
                app_per_endpoint: Some(1),
                member_per_endpoint: None,
            }),
        )
        .interceptor(
            AuditInterceptor::new("social-bot")
                .sink(TracingSink)
                .sink(JsonLinesSink::open(&jsonl).unwrap())
                .sink(Arc::clone(&table)),
        )
        .build()
        .unwrap();

    client
        .send_create_id::<String>(create_post())
        .await
        .unwrap();
    let denied = client
        .send_json::<serde_json::Value>(create_comment())
        .await
        .unwrap_err();
    assert!(denied.is_refused());
    client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap();
    let spent = client
        .send_json::<serde_json::Value>(find_posts())
        .await
        .unwrap_err();
    assert!(spent.is_refused());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let events = JsonLinesSink::read(&jsonl).unwrap();
    let sentences: Vec<&str> = events.iter().map(|e| e.sentence.as_str()).collect();
    let midnight = &sentences[3][sentences[3].len() - 20..];
    assert_eq!(
        sentences,
        [
            "social-bot created a post as urn:li:organization:123 — allowed, 201",
            "social-bot tried to create a comment as urn:li:organization:123 — denied: agent \
             `social-bot` may only read comments",
            "social-bot found posts by author for urn:li:organization:123 — allowed, 200",
            &format!(
                "social-bot tried to find posts by author for urn:li:organization:123 — denied: \
                 application `app-1`'s daily quota for FINDER /rest/posts is spent (1 call); \
                 it resets at {midnight}"
            ),
        ]
    );
    assert!(midnight.ends_with("T00:00:00Z"), "{midnight}");
    let created = &events[0];
    assert_eq!(created.agent, "social-bot");
    assert_eq!(created.operation, "posts.create");
    assert_eq!(created.version.as_deref(), Some("202606"));
    assert_eq!(created.area, Some(Area::Posts));
    assert_eq!(created.effect, Effect::Write);
    assert_eq!(
        (created.method.as_str(), created.path.as_str()),
        ("POST", "/rest/posts")
    );
    assert_eq!(created.targets, [ORG]);
    assert_eq!(created.decision, Decision::Allowed);
    assert_eq!((created.status, created.attempts), (Some(201), 1));
    assert_eq!(created.request_id.as_deref(), Some("REQ-CREATE"));
    assert_eq!(
        (created.refused_by.as_deref(), created.reason.as_deref()),
        (None, None)
    );
    let by_policy = &events[1];
    assert_eq!(by_policy.decision, Decision::Denied);
    assert_eq!(by_policy.refused_by.as_deref(), Some("agent policy"));
    assert_eq!(
        by_policy.reason.as_deref(),
        Some("agent `social-bot` may only read comments")
    );
    assert_eq!((by_policy.status, by_policy.attempts), (None, 0));
    assert_eq!(events[3].refused_by.as_deref(), Some("quota"));

    // The table holds the same events; the log says the same sentences.
    assert_eq!(table.events().unwrap(), events);
    let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    for sentence in &sentences {
        assert!(log.contains(sentence), "{sentence} not in the log:\n{log}");
    }

    // Grep every record, every stored byte and the whole log for the token and the bodies.
    let mut haystacks = vec![("the tracing log".to_owned(), log.into_bytes())];
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        haystacks.push((path.display().to_string(), std::fs::read(&path).unwrap()));
    }
    for line in std::fs::read_to_string(&jsonl).unwrap().lines() {
        haystacks.push(("a JSON Lines record".to_owned(), line.as_bytes().to_vec()));
    }
    assert!(
        haystacks.len() >= 7,
        "the log, the files (JSON Lines, SQLite and its WAL), 4 records"
    );
    for (place, bytes) in &haystacks {
        for canary in [TOKEN, BODY_TEXT] {
            assert!(
                !bytes.windows(canary.len()).any(|w| w == canary.as_bytes()),
                "{canary} found in {place}"
            );
        }
    }
}

fn event(n: u32) -> AuditEvent {
    let op = OperationInfo::from_request(&find_posts());
    let mut event = AuditEvent::of_dry_run("social-bot", &op, None, SystemTime::now());
    event.attempts = n;
    event
}

#[test]
fn the_json_lines_file_is_only_ever_appended_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.jsonl");
    std::fs::write(&path, b"").unwrap();
    let first = JsonLinesSink::open(&path).unwrap();
    first.record(&event(1)).unwrap();
    first.record(&event(2)).unwrap();
    let before = std::fs::read(&path).unwrap();

    // Reopening (a restart) and a second writer on the same file both append.
    let second = JsonLinesSink::open(&path).unwrap();
    second.record(&event(3)).unwrap();
    first.record(&event(4)).unwrap();

    let after = std::fs::read(&path).unwrap();
    assert!(
        after.starts_with(&before),
        "earlier records are never rewritten"
    );
    let attempts: Vec<u32> = JsonLinesSink::read(&path)
        .unwrap()
        .iter()
        .map(|e| e.attempts)
        .collect();
    assert_eq!(attempts, [1, 2, 3, 4]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let created = dir.path().join("new.jsonl");
        JsonLinesSink::open(&created).unwrap();
        let mode = std::fs::metadata(&created).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a new audit file is its owner's alone");
    }
}

#[test]
fn a_dry_run_is_recorded_as_not_sent() {
    let op = OperationInfo::from_request(&create_post());
    let allowed = AuditEvent::of_dry_run("social-bot", &op, None, SystemTime::now());
    assert_eq!(allowed.decision, Decision::DryRun);
    assert_eq!(
        allowed.sentence,
        "social-bot would create a post as urn:li:organization:123 — allowed, dry run (not sent)"
    );
    let denied = AuditEvent::of_dry_run(
        "social-bot",
        &op,
        Some("agent `social-bot` may not use posts"),
        SystemTime::now(),
    );
    assert_eq!(denied.decision, Decision::Denied);
    assert_eq!(
        denied.reason.as_deref(),
        Some("agent `social-bot` may not use posts")
    );
}

/// A sink that fails while told to.
#[derive(Default)]
struct Flaky {
    broken: AtomicBool,
    recorded: Mutex<Vec<Decision>>,
}

impl AuditSink for Flaky {
    fn record(&self, event: &AuditEvent) -> Result<(), AuditError> {
        if self.broken.load(Ordering::SeqCst) {
            return Err(AuditError::Io {
                path: "/full/disk".into(),
                source: std::io::Error::other("no space left on device"),
            });
        }
        self.recorded.lock().unwrap().push(event.decision);
        Ok(())
    }
}

#[tokio::test]
async fn calls_stop_while_the_trail_cannot_be_written() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let sink = Arc::new(Flaky::default());
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .interceptor(AuditInterceptor::new("social-bot").sink(Arc::clone(&sink)))
        .build()
        .unwrap();
    let call = || client.send_json::<serde_json::Value>(find_posts());

    sink.broken.store(true, Ordering::SeqCst);
    call().await.unwrap(); // sent; its record fails
    let refused = call().await.unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("the audit trail cannot be written"),
        "{refused}"
    );
    sink.broken.store(false, Ordering::SeqCst);
    call().await.unwrap_err(); // still refused, and recorded: the trail works again
    call().await.unwrap();

    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(
        *sink.recorded.lock().unwrap(),
        [Decision::Denied, Decision::Allowed]
    );
}
