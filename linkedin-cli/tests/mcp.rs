//! `linkedin mcp` driven by a real MCP client, the Python `mcp` SDK (pinned; `.ci/run` installs
//! it), against Prism: initialize, list the tools (only the allowed ones), call a read tool and a
//! write tool, be denied, and find each in the audit file; over streamable HTTP, each agent's key
//! reaches its own tools only.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use support::prism::{Prism, free_port};
use support::*;

const VERSION: &str = "202606";

/// Runs the client script with `steps` on standard input; returns its report.
fn client(args: &[&str], steps: &Value, base_url: &str) -> Value {
    client_and_log(args, steps, base_url).0
}

/// [`client`], and what was written to standard error (a stdio server's log goes there).
fn client_and_log(args: &[&str], steps: &Value, base_url: &str) -> (Value, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_client.py");
    let mut child = Command::new("python3")
        .arg(&script)
        .args(args)
        .env("LINKEDIN_ACCESS_TOKEN", TOKEN)
        .env("LINKEDIN_BASE_URL", base_url)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 (with `pip install mcp==2.3.0`, as .ci/run does)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(steps.to_string().as_bytes())
        .expect("write the steps");
    let out = child.wait_with_output().expect("the client ran");
    assert!(
        out.status.success(),
        "the MCP client failed (is `mcp==2.3.0` installed?):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        serde_json::from_slice(&out.stdout).expect("the client's report is JSON"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tools(step: &Value) -> Vec<String> {
    step["tools"]
        .as_array()
        .expect("a tool list")
        .iter()
        .map(|t| t.as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn stdio_agent_lists_calls_is_denied_and_every_call_is_audited() {
    let prism = Prism::start(&spec(VERSION), "cli-mcp-stdio");
    let dir = tempfile::tempdir().unwrap();
    let policy = policy_file(dir.path());
    let audit = dir.path().join("audit.jsonl");
    let steps = json!([
        {"list": true},
        {"call": "posts_findByAuthor", "args": {"author": "urn:li:organization:2414183", "count": 2}},
        {"call": "posts_delete", "args": {"postUrn": "urn:li:share:6844785523593134080"}},
        {"call": "campaigns_search", "args": {"search": {}}},
        {"call": "comments_create", "args": {}},
        {"call": "no_such_tool", "args": {}},
    ]);
    let report = client(
        &[
            "stdio",
            env!("CARGO_BIN_EXE_linkedin"),
            VERSION,
            policy.to_str().unwrap(),
            "social-bot",
            audit.to_str().unwrap(),
        ],
        &steps,
        &prism.url(),
    );
    assert_eq!(report["server"], "linkedin");
    let steps = report["steps"].as_array().unwrap();

    // Only the allowed tools: every posts operation, comments reads, nothing of ads.
    let listed = tools(&steps[0]);
    for allowed in [
        "posts_findByAuthor",
        "posts_create",
        "posts_delete",
        "comments_get",
    ] {
        assert!(
            listed.iter().any(|t| t == allowed),
            "{allowed} missing: {listed:?}"
        );
    }
    for denied in ["campaigns_search", "comments_create", "adAccounts_create"] {
        assert!(
            !listed.iter().any(|t| t == denied),
            "{denied} listed: {listed:?}"
        );
    }
    // The posts area is Posts, UgcPosts and SocialMetadata.
    assert!(
        listed
            .iter()
            .all(|t| ["posts_", "ugcPosts_", "socialMetadata_", "comments_"]
                .iter()
                .any(|p| t.starts_with(p))),
        "{listed:?}"
    );
    // The schema comes from the spec: required parameters required, URNs with their pattern.
    let schema = &steps[0]["schemas"]["posts_findByAuthor"];
    assert_eq!(schema["required"], json!(["author"]));
    assert!(
        schema["properties"]["author"]["pattern"]
            .as_str()
            .unwrap()
            .contains("organization")
    );
    let description = steps[0]["descriptions"]["posts_delete"].as_str().unwrap();
    assert!(description.contains("w_member_social"), "{description}");

    // A read and a write go through to Prism.
    assert_eq!(steps[1]["is_error"], false, "{}", steps[1]);
    assert!(steps[1]["text"].as_str().unwrap().contains("elements"));
    // What remains today, after this first call: the endpoint's 500 for the application, the
    // agent's budget of 50 (no member is set, so no member ceiling applies).
    let quota = &steps[1]["structured"]["quota"];
    assert_eq!(quota["app"], 499, "{quota}");
    assert_eq!(quota["agent_budget"], 49, "{quota}");
    assert_eq!(quota["member"], Value::Null, "{quota}");
    assert!(
        quota["resets_at"].as_str().unwrap().ends_with("T00:00:00Z"),
        "{quota}"
    );
    assert_eq!(steps[2]["is_error"], false, "{}", steps[2]);
    // Denied, in plain English; an unknown tool is a protocol error.
    assert_eq!(steps[3]["is_error"], true);
    assert!(
        steps[3]["text"]
            .as_str()
            .unwrap()
            .contains("agent `social-bot` may not use ads"),
        "{}",
        steps[3]
    );
    assert_eq!(steps[4]["is_error"], true);
    assert!(
        steps[4]["text"]
            .as_str()
            .unwrap()
            .contains("may only read comments"),
        "{}",
        steps[4]
    );
    assert!(steps[5]["protocol_error"].is_string(), "{}", steps[5]);

    // Each call in the audit file, with its decision; never the token.
    let records = audit_records(&audit);
    let find = |op: &str| {
        records
            .iter()
            .find(|r| r["operation"] == op)
            .unwrap_or_else(|| panic!("no audit record of {op}: {records:?}"))
    };
    assert_eq!(find("posts.findByAuthor")["decision"], "allowed");
    assert_eq!(find("posts.findByAuthor")["status"], 200);
    assert_eq!(find("posts.delete")["decision"], "allowed");
    assert_eq!(find("posts.delete")["effect"], "write");
    assert_eq!(find("campaigns.search")["decision"], "denied");
    assert_eq!(find("campaigns.search")["attempts"], 0);
    assert_eq!(find("comments.create")["decision"], "denied");
    assert!(records.iter().all(|r| r["agent"] == "social-bot"));
    let text = std::fs::read_to_string(&audit).unwrap();
    assert!(!text.contains(TOKEN));
}

#[test]
fn dry_run_validates_and_audits_writes_without_sending_them() {
    let prism = Prism::start(&spec(VERSION), "cli-mcp-dry");
    let dir = tempfile::tempdir().unwrap();
    let policy = policy_file(dir.path());
    let audit = dir.path().join("audit.jsonl");
    let steps = json!([
        {"call": "posts_delete", "args": {"postUrn": "urn:li:share:6844785523593134080"}},
        {"call": "posts_delete", "args": {"postUrn": "not-a-urn"}},
        {"call": "posts_findByAuthor", "args": {"author": "urn:li:organization:2414183"}},
    ]);
    let report = client(
        &[
            "stdio",
            env!("CARGO_BIN_EXE_linkedin"),
            VERSION,
            policy.to_str().unwrap(),
            "social-bot",
            audit.to_str().unwrap(),
            "--dry-run",
        ],
        &steps,
        &prism.url(),
    );
    let steps = report["steps"].as_array().unwrap();
    assert_eq!(steps[0]["is_error"], false, "{}", steps[0]);
    assert_eq!(steps[0]["structured"]["sent"], false);
    // Invalid arguments are an error, as they would be for real.
    assert_eq!(steps[1]["is_error"], true, "{}", steps[1]);
    // Reads are sent.
    assert_eq!(steps[2]["is_error"], false, "{}", steps[2]);
    let records = audit_records(&audit);
    let deletes: Vec<&Value> = records
        .iter()
        .filter(|r| r["operation"] == "posts.delete")
        .collect();
    assert_eq!(deletes.len(), 1, "{records:?}");
    assert_eq!(deletes[0]["decision"], "dry_run");
    assert_eq!(deletes[0]["attempts"], 0);
    let reads: Vec<&Value> = records
        .iter()
        .filter(|r| r["operation"] == "posts.findByAuthor")
        .collect();
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0]["status"], 200);
}

/// `linkedin mcp --http`, stopped when dropped.
struct HttpServer {
    child: std::process::Child,
    url: String,
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_server(base_url: &str, policy: &Path, audit: &Path) -> HttpServer {
    let port = free_port();
    let mut child = linkedin(base_url)
        .args(["--version", VERSION, "mcp", "--http"])
        .arg(format!("127.0.0.1:{port}"))
        .arg("--policy")
        .arg(policy)
        .arg("--audit")
        .arg(audit)
        .env("TEST_SOCIAL_BOT_KEY", SOCIAL_KEY)
        .env("TEST_ADS_BOT_KEY", ADS_KEY)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start linkedin mcp --http");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let ready = lines.next().and_then(Result::ok).unwrap_or_default();
    assert!(ready.contains("serving streamable HTTP"), "{ready}");
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    HttpServer {
        child,
        url: format!("http://127.0.0.1:{port}/mcp"),
    }
}

/// The status line of a raw POST with `authorization` (if any).
fn raw_post(url: &str, authorization: Option<&str>) -> String {
    let rest = url.strip_prefix("http://").unwrap();
    let (host, _) = rest.split_once('/').unwrap();
    let mut stream = TcpStream::connect(host).unwrap();
    let body = r#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#;
    let auth = authorization
        .map(|a| format!("authorization: {a}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST /mcp HTTP/1.1\r\nhost: {host}\r\ncontent-type: application/json\r\naccept: application/json, text/event-stream\r\n{auth}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.lines().next().unwrap_or_default().to_owned()
}

#[test]
fn http_agents_authenticate_with_their_own_keys_and_reach_only_their_tools() {
    let prism = Prism::start(&spec(VERSION), "cli-mcp-http");
    let dir = tempfile::tempdir().unwrap();
    let policy = policy_file(dir.path());
    let audit = dir.path().join("audit.jsonl");
    let server = http_server(&prism.url(), &policy, &audit);

    // No key, a wrong key: 401 before MCP.
    assert!(raw_post(&server.url, None).contains("401"));
    assert!(raw_post(&server.url, Some("Bearer not-a-key-at-all-0000")).contains("401"));

    let social = client(
        &["http", &server.url, SOCIAL_KEY],
        &json!([
            {"list": true},
            {"call": "posts_findByAuthor", "args": {"author": "urn:li:organization:2414183"}},
        ]),
        &prism.url(),
    );
    let social_tools = tools(&social["steps"][0]);
    assert!(social_tools.iter().any(|t| t == "posts_create"));
    assert!(!social_tools.iter().any(|t| t.starts_with("campaigns_")));
    assert_eq!(
        social["steps"][1]["is_error"], false,
        "{}",
        social["steps"][1]
    );

    // The second agent's key lists its own tools, and cannot reach the first agent's.
    let ads = client(
        &["http", &server.url, ADS_KEY],
        &json!([
            {"list": true},
            {"call": "posts_delete", "args": {"postUrn": "urn:li:share:6844785523593134080"}},
            {"call": "campaigns_search", "args": {"search": {}}},
        ]),
        &prism.url(),
    );
    let ads_tools = tools(&ads["steps"][0]);
    assert!(ads_tools.iter().any(|t| t == "campaigns_search"));
    assert!(!ads_tools.iter().any(|t| t.starts_with("posts_")));
    assert!(!ads_tools.iter().any(|t| t == "campaigns_create"));
    assert_eq!(ads["steps"][1]["is_error"], true);
    assert!(
        ads["steps"][1]["text"]
            .as_str()
            .unwrap()
            .contains("agent `ads-bot` may not use posts"),
        "{}",
        ads["steps"][1]
    );

    let records = audit_records(&audit);
    let by = |agent: &str, op: &str| {
        records
            .iter()
            .find(|r| r["agent"] == agent && r["operation"] == op)
            .unwrap_or_else(|| panic!("no record of {agent} {op}: {records:?}"))
    };
    assert_eq!(
        by("social-bot", "posts.findByAuthor")["decision"],
        "allowed"
    );
    assert_eq!(by("ads-bot", "posts.delete")["decision"], "denied");
    let text = std::fs::read_to_string(&audit).unwrap();
    assert!(!text.contains(TOKEN) && !text.contains(SOCIAL_KEY) && !text.contains(ADS_KEY));
}

#[test]
fn body_targets_are_checked_and_every_sink_the_gateway_offers_records_the_call() {
    let prism = Prism::start(&spec(VERSION), "cli-mcp-sqlite");
    let dir = tempfile::tempdir().unwrap();
    // An agent that may post only as organization 1.
    let policy = dir.path().join("agents.toml");
    std::fs::write(
        &policy,
        r#"
[agents.brand-bot]
targets = ["urn:li:organization:1"]

[agents.brand-bot.areas]
posts = "full"
"#,
    )
    .unwrap();
    let jsonl = dir.path().join("audit.jsonl");
    let sqlite = dir.path().join("audit.sqlite");
    const COMMENTARY: &str = "A body the audit trail must never hold 5d41402a";
    let post = |author: &str| {
        json!({"body": {
            "author": author,
            "commentary": COMMENTARY,
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
        }})
    };
    let steps = json!([
        {"call": "posts_create", "args": post("urn:li:organization:2")},
        {"call": "posts_create", "args": post("urn:li:organization:1")},
    ]);
    let (report, log) = client_and_log(
        &[
            "stdio",
            env!("CARGO_BIN_EXE_linkedin"),
            VERSION,
            policy.to_str().unwrap(),
            "brand-bot",
            jsonl.to_str().unwrap(),
            "--audit-sqlite",
            sqlite.to_str().unwrap(),
            "--audit-tracing",
        ],
        &steps,
        &prism.url(),
    );
    let steps = report["steps"].as_array().unwrap();
    // The author named in the body is a target: posting as another organization is refused.
    assert_eq!(steps[0]["is_error"], true, "{}", steps[0]);
    assert!(
        steps[0]["text"]
            .as_str()
            .unwrap()
            .contains("agent `brand-bot` may not act on urn:li:organization:2"),
        "{}",
        steps[0]
    );
    assert_eq!(steps[1]["is_error"], false, "{}", steps[1]);

    // Both calls are rows of the SQLite table, with the sentence, as in the JSON Lines file.
    let rows = linkedin_gateway::audit::SqliteSink::open(&sqlite)
        .unwrap()
        .events()
        .unwrap();
    let rows: Vec<Value> = rows
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["decision"], "denied");
    assert_eq!(rows[0]["targets"], json!(["urn:li:organization:2"]));
    assert_eq!(rows[0]["attempts"], 0);
    assert_eq!(rows[1]["decision"], "allowed");
    assert_eq!(rows[1]["status"], 201);
    let sentence = rows[1]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("brand-bot created a post as urn:li:organization:1 — allowed, 201"),
        "{sentence}"
    );
    assert!(
        rows[0]["sentence"]
            .as_str()
            .unwrap()
            .contains("may not act on urn:li:organization:2"),
        "{}",
        rows[0]
    );
    let lines = audit_records(&jsonl);
    assert_eq!(
        lines.iter().map(|r| &r["sentence"]).collect::<Vec<_>>(),
        rows.iter().map(|r| &r["sentence"]).collect::<Vec<_>>()
    );
    // The `tracing` sink logs each sentence to standard error.
    assert!(
        log.contains("brand-bot created a post as urn:li:organization:1 — allowed, 201"),
        "{log}"
    );
    assert!(!log.contains(TOKEN) && !log.contains(COMMENTARY), "{log}");
    // Never the token or the body, in any byte of any file the sinks wrote.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(TOKEN), "the token in {}", path.display());
        assert!(!text.contains(COMMENTARY), "the body in {}", path.display());
    }
}
