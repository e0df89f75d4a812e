//! What the CLI's tests share: Prism (the workspace tests' own helper), the binary, a policy file.
#![allow(dead_code)]

#[path = "../../../tests/support/prism.rs"]
pub mod prism;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The token the tests hand the CLI; it must never appear in an audit record or an answer.
pub const TOKEN: &str = "test-token-9f8e7d6c5b4a";
pub const SOCIAL_KEY: &str = "social-bot-key-0123456789abcdef";
pub const ADS_KEY: &str = "ads-bot-key-fedcba9876543210";

/// The spec Prism serves for `version`'s month.
pub fn spec(version: &str) -> PathBuf {
    let spec = match version {
        "202606" | "202605" => "202605",
        other => other,
    };
    prism::root().join("spec").join(spec).join("openapi.yaml")
}

/// `linkedin` with the token and Prism's URL in its environment.
pub fn linkedin(base_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linkedin"));
    cmd.env("LINKEDIN_ACCESS_TOKEN", TOKEN)
        .env("LINKEDIN_BASE_URL", base_url)
        .env_remove("LINKEDIN_VERSION")
        .env_remove("LINKEDIN_TOKEN_FILE");
    cmd
}

pub fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run linkedin")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Two agents: `social-bot` (posts: full, comments: read) and `ads-bot` (ads: read).
pub fn policy_file(dir: &Path) -> PathBuf {
    let path = dir.join("agents.toml");
    std::fs::write(
        &path,
        r#"
[quota]
app_per_endpoint = 500
member_per_endpoint = 100

[agents.social-bot]
key_env = "TEST_SOCIAL_BOT_KEY"
daily_budget = 50

[agents.social-bot.areas]
posts = "full"
comments = "read"

[agents.ads-bot]
key_env = "TEST_ADS_BOT_KEY"

[agents.ads-bot.areas]
ads = "read"
"#,
    )
    .expect("write the policy file");
    path
}

/// The audit file's records.
pub fn audit_records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("an audit line is JSON"))
        .collect()
}
