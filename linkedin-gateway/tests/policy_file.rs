//! The policy file: a full example read into policies, quota and audit settings that a client
//! uses end to end; every mistake named by file, line and field; gateway keys read from the
//! environment and matched to their agent.

use std::path::Path;

use linkedin_api::Client;
use linkedin_api::operation::{Area, Effect};
use linkedin_api::policy::{Access, AgentPolicy};
use linkedin_api::request::{Request, RestliMethod};
use linkedin_gateway::AgentInterceptors;
use linkedin_gateway::audit::{Decision, JsonLinesSink};
use linkedin_gateway::policy_file::{PolicyFile, StoreSetting};
use linkedin_gateway::quota::{Ceilings, Endpoint};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const EXAMPLE: &str = r#"# Two agents of one application.
[quota]
app = "client-123"
app_per_endpoint = 500
member_per_endpoint = 100
store = "sqlite"
sqlite_path = "quota.sqlite"

[audit]
jsonl = "audit.jsonl"
tracing = true

[agents.social-bot]
key_env = "GATEWAY_TEST_SOCIAL_BOT_KEY"
member = "urn:li:person:abc123"
targets = ["member", "urn:li:organization:2414183"]
daily_budget = 2

[agents.social-bot.areas]
posts = "full"
comments = "read"

[agents.reporter]
key_env = "GATEWAY_TEST_REPORTER_KEY"

[agents.reporter.areas]
analytics = "read"
"#;

#[test]
fn the_example_reads_into_policies_quota_and_audit_settings() {
    let file = PolicyFile::parse(EXAMPLE, "/etc/gateway/policy.toml").unwrap();

    let bot = file.agent("social-bot").unwrap();
    assert_eq!(
        *bot.policy(),
        AgentPolicy::new("social-bot")
            .area(Area::Posts, Access::Full)
            .area(Area::Comments, Access::Read)
            .targets(["member", "urn:li:organization:2414183"])
            .daily_budget(2)
            .member("urn:li:person:abc123")
    );
    assert_eq!(bot.key().unwrap().env(), "GATEWAY_TEST_SOCIAL_BOT_KEY");
    let reporter = file.agent("reporter").unwrap();
    assert!(reporter.policy().allows(Area::Analytics, Effect::Read));
    assert!(
        !reporter.policy().allows(Area::Posts, Effect::Read),
        "not named: off"
    );
    assert_eq!(
        file.agents().map(|a| a.name()).collect::<Vec<_>>(),
        ["reporter", "social-bot"]
    );

    let quota = file.quota();
    assert_eq!(quota.app(), "client-123");
    assert_eq!(quota.ceilings(), Ceilings::DEVELOPMENT);
    assert_eq!(
        *quota.store(),
        StoreSetting::Sqlite("/etc/gateway/quota.sqlite".into()),
        "relative to the policy file"
    );
    assert_eq!(
        file.audit().jsonl.as_deref(),
        Some(Path::new("/etc/gateway/audit.jsonl"))
    );
    assert!(file.audit().tracing);
    assert_eq!(file.audit().sqlite, None);
}

#[test]
fn an_empty_file_denies_everything_and_counts_in_memory() {
    let file = PolicyFile::parse("", "empty.toml").unwrap();
    assert_eq!(file.agents().count(), 0);
    assert_eq!(*file.quota().store(), StoreSetting::Memory);
    assert_eq!(file.quota().ceilings(), Ceilings::default());
}

/// Each broken file and the error it gives, exactly.
#[test]
fn every_mistake_names_the_file_the_line_and_the_field() {
    let cases: &[(&str, &str)] = &[
        (
            "[agents.bot.areas]\ncomment = \"read\"\n",
            "p.toml:2: agents.bot.areas.comment: `comment` is not an area (expected one of: \
             `identity`, `posts`, `comments`, `reactions`, `media`, `organizations`, `ads`, \
             `analytics`, `leads`, `conversions`, `events`)",
        ),
        (
            "[agents.bot.areas]\nposts = \"write\"\n",
            "p.toml:2: agents.bot.areas.posts: `write` is not an access (expected `off`, `read` \
             or `full`)",
        ),
        (
            "[agents.bot]\ntargets = [\"member\",\n  \"organization:1\"]\n",
            "p.toml:3: agents.bot.targets: `organization:1` is not a target (expected `member` \
             or a URN such as `urn:li:organization:123`)",
        ),
        (
            "[agents.bot]\n\ndaily_budjet = 10\n",
            "p.toml:3: agents.bot.daily_budjet: unknown field `daily_budjet`, expected one of `key_env`, \
             `member`, `targets`, `daily_budget`, `areas`",
        ),
        (
            "[agents.bot]\ndaily_budget = \"200\"\n",
            "p.toml:2: agents.bot.daily_budget: invalid type: string \"200\", expected u32",
        ),
        (
            "[agents.bot]\ndaily_budget = -1\n",
            "p.toml:2: agents.bot.daily_budget: invalid value: integer `-1`, expected u32",
        ),
        (
            "[agents.bot]\ntargets = [\"member\", 3]\n",
            "p.toml:2: agents.bot.targets[1]: invalid type: integer `3`, expected a string",
        ),
        (
            "[agents.bot]\nkey_env = \"sk live 123\"\n",
            "p.toml:2: agents.bot.key_env: must name an environment variable (letters, digits \
             and `_`), not hold a value",
        ),
        (
            "[agents.bot]\nmember = \"abc123\"\n",
            "p.toml:2: agents.bot.member: must be the member's URN (`urn:li:person:…`), not \
             `abc123`",
        ),
        (
            "[quota]\nstore = \"postgres\"\n",
            "p.toml:2: quota.store: `postgres` is not a store (expected `memory`, `sqlite` or \
             `redis`)",
        ),
        (
            "[quota]\n\nstore = \"sqlite\"\n",
            "p.toml:3: quota.sqlite_path: store = \"sqlite\" needs `sqlite_path`, the database file",
        ),
        (
            "[quota]\nstore = \"redis\"\nsqlite_path = \"q.sqlite\"\n",
            "p.toml:3: quota.sqlite_path: is not used with store = \"redis\"",
        ),
        (
            "[quota]\napp_per_endpoint = 500\n[quota]\n",
            "p.toml:3: duplicate key",
        ),
        ("[agents.bot\n", "p.toml:1: unclosed table, expected `]`"),
        (
            "[agent.bot]\n",
            "p.toml:1: agent: unknown field `agent`, expected one of `quota`, `audit`, `agents`",
        ),
    ];
    let mut wrong = Vec::new();
    for (text, expected) in cases {
        let error = PolicyFile::parse(text, "p.toml").unwrap_err();
        if error.to_string() != *expected {
            wrong.push(format!("for:\n{text}\n  got: {error}\n want: {expected}"));
        }
        assert_eq!(error.file(), Path::new("p.toml"));
        assert!(error.line().is_some(), "{error}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn an_agent_the_file_does_not_name_is_an_error() {
    let file = PolicyFile::parse(EXAMPLE, "policy.toml").unwrap();
    let memory = std::sync::Arc::new(linkedin_gateway::quota::MemoryStore::new());
    let error = AgentInterceptors::from_file(&file, "social-bto", memory).unwrap_err();
    assert_eq!(
        error.to_string(),
        "policy.toml: agents: no agent `social-bto` (the file names: reporter, social-bot)"
    );
}

#[test]
fn a_file_that_cannot_be_read_is_named() {
    let error = PolicyFile::load("/nonexistent/policy.toml").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/nonexistent/policy.toml: cannot be read: "),
        "{error}"
    );
}

// Each test sets variables of its own: tests run in parallel in one process.

#[test]
fn gateway_keys_are_read_from_the_environment_and_matched_to_their_agent() {
    let text = "[agents.a]\nkey_env = \"GW_TEST_KEYS_A\"\n[agents.b]\nkey_env = \"GW_TEST_KEYS_B\"\n[agents.c]\n";
    let file = PolicyFile::parse(text, "k.toml").unwrap();
    // SAFETY: no other test reads or writes these variables.
    unsafe {
        std::env::set_var("GW_TEST_KEYS_A", "key-of-agent-a-0123456789");
        std::env::set_var("GW_TEST_KEYS_B", "key-of-agent-b-0123456789");
    }
    let keys = file.gateway_keys().unwrap();
    assert_eq!(keys.len(), 2, "agent c has no key");
    assert_eq!(keys.agent_for("key-of-agent-a-0123456789"), Some("a"));
    assert_eq!(keys.agent_for("key-of-agent-b-0123456789"), Some("b"));
    assert_eq!(keys.agent_for("key-of-agent-b-012345678"), None);
    assert_eq!(keys.agent_for(""), None);
    let shown = format!("{keys:?} {:?}", file.agent("a").unwrap());
    assert!(!shown.contains("key-of-agent"), "{shown}");
}

#[test]
fn a_key_that_cannot_be_used_is_named_with_its_line() {
    let text = "[agents.a]\n\nkey_env = \"GW_TEST_MISSING_A\"\n";
    let file = PolicyFile::parse(text, "k.toml").unwrap();
    assert_eq!(
        file.gateway_keys().unwrap_err().to_string(),
        "k.toml:3: agents.a.key_env: the environment variable `GW_TEST_MISSING_A` is not set"
    );
    // SAFETY: no other test reads or writes this variable.
    unsafe { std::env::set_var("GW_TEST_MISSING_A", "short") };
    assert_eq!(
        file.gateway_keys().unwrap_err().to_string(),
        "k.toml:3: agents.a.key_env: the key in `GW_TEST_MISSING_A` is shorter than 16 \
         characters; use a long random key"
    );

    let shared =
        "[agents.a]\nkey_env = \"GW_TEST_SHARED\"\n[agents.b]\nkey_env = \"GW_TEST_SHARED\"\n";
    // SAFETY: as above.
    unsafe { std::env::set_var("GW_TEST_SHARED", "one-key-for-two-agents") };
    assert_eq!(
        PolicyFile::parse(shared, "k.toml")
            .unwrap()
            .gateway_keys()
            .unwrap_err()
            .to_string(),
        "k.toml:4: agents.b.key_env: agents `a` and `b` have the same key; give each its own"
    );
}

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
    .target("urn:li:organization:2414183")
    .json(&serde_json::json!({"commentary": "hello"}))
}

#[tokio::test]
async fn a_client_built_from_the_file_enforces_policy_and_budget_and_audits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("policy.toml");
    std::fs::write(&path, EXAMPLE).unwrap();
    let file = PolicyFile::load(&path).unwrap();
    let store = file.quota().open_store().unwrap();
    let bot = AgentInterceptors::from_file(&file, "social-bot", store).unwrap();
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(201).insert_header("x-restli-id", "urn%3Ali%3Ashare%3A1"),
        )
        .mount(&server)
        .await;
    let client = bot
        .register(
            Client::builder()
                .access_token("token")
                .base_url(&server.uri())
                .allow_insecure_http(true),
        )
        .build()
        .unwrap();

    for _ in 0..2 {
        client
            .send_create_id::<String>(create_post())
            .await
            .unwrap();
    }
    let over_budget = client
        .send_create_id::<String>(create_post())
        .await
        .unwrap_err();
    let elsewhere = create_post().target("urn:li:organization:999");
    let off_target = client
        .send_create_id::<String>(elsewhere)
        .await
        .unwrap_err();

    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        over_budget
            .to_string()
            .contains("agent `social-bot`'s daily budget is spent")
    );
    assert!(
        off_target
            .to_string()
            .contains("agent `social-bot` may not act on urn:li:organization:999"),
        "{off_target}"
    );
    let remaining = bot
        .quota
        .remaining(&Endpoint::new(RestliMethod::Create, "/rest/posts"))
        .unwrap();
    assert_eq!(
        (remaining.app, remaining.member, remaining.agent_budget),
        (Some(498), Some(98), Some(0))
    );
    assert!(
        dir.path().join("quota.sqlite").exists(),
        "the file's SQLite store"
    );
    let decisions: Vec<Decision> = JsonLinesSink::read(dir.path().join("audit.jsonl"))
        .unwrap()
        .iter()
        .map(|e| e.decision)
        .collect();
    assert_eq!(
        decisions,
        [
            Decision::Allowed,
            Decision::Allowed,
            Decision::Denied,
            Decision::Denied
        ]
    );
}
