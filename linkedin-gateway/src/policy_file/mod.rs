//! The gateway's policy file: per agent, its access per area, its targets, its daily budget and
//! the environment variable that holds its gateway key; the quota ceilings and store; the audit
//! sinks. TOML, one file for every agent:
//!
//! ```toml
//! [quota]
//! app = "my-linkedin-client-id"       # whose counters (default "default")
//! app_per_endpoint = 500              # calls per endpoint per day, whole application
//! member_per_endpoint = 100           # calls per endpoint per day, one member
//! store = "sqlite"                    # "memory" (default), "sqlite" or "redis"
//! sqlite_path = "quota.sqlite"        # store = "sqlite": relative to this file
//! # redis_url_env = "GATEWAY_REDIS_URL"  # store = "redis": the variable holding redis://…
//!
//! [quota.endpoints."FINDER /rest/posts"]   # an endpoint LinkedIn grants more calls
//! app = 100000                        # unset here: `[quota]`'s
//!
//! [audit]
//! jsonl = "audit.jsonl"               # append-only JSON Lines, relative to this file
//! sqlite = "audit.sqlite"             # a SQLite table
//! tracing = true                      # `tracing` events (target linkedin_gateway::audit)
//!
//! [agents.social-bot]
//! key_env = "SOCIAL_BOT_KEY"          # the variable holding its gateway key (never the key)
//! member = "urn:li:person:abc123"     # whom the `member` target means (unset: any person URN)
//! targets = ["member", "urn:li:organization:2414183"]
//! daily_budget = 200
//!
//! [agents.social-bot.areas]           # not named: off
//! posts = "full"
//! comments = "read"
//! ```
//!
//! Every mistake is a [`PolicyFileError`] naming the file, the line and the field:
//! ``gateway.toml:27: agents.social-bot.areas.comment: `comment` is not an area (expected one
//! of: `identity`, `posts`, …)``. Unknown fields are mistakes too: a misspelt `daily_budjet` must not
//! silently lift a limit.

mod keys;
mod raw;
mod settings;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use linkedin_api::Secret;
use linkedin_api::operation::Area;
use linkedin_api::policy::{Access, AgentPolicy, Target};

pub use keys::{GatewayKeys, KeyRef, MIN_KEY_LEN};
pub use settings::{AuditSettings, QuotaSettings, StoreSetting};

use keys::check_env_name;
use raw::{RawAgent, RawFile};
use settings::quota_settings;

/// A mistake in a policy file, or a setting it names that cannot be used (a key variable not
/// set). Displays as `file:line: field: what is wrong`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct PolicyFileError {
    file: PathBuf,
    line: Option<usize>,
    field: Option<String>,
    message: String,
}

impl PolicyFileError {
    /// The policy file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The line (from 1), when the mistake has a place in the file.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The field, dotted (`agents.social-bot.daily_budget`), when known.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn render(&self) -> String {
        let mut out = self.file.display().to_string();
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
        }
        if let Some(field) = &self.field {
            out.push_str(&format!(": {field}"));
        }
        out.push_str(&format!(": {}", self.message));
        out
    }
}

/// Where a policy file's text came from, to turn spans into lines.
struct Source<'a> {
    file: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn line_of(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn error(
        &self,
        span: Option<&Range<usize>>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> PolicyFileError {
        PolicyFileError {
            file: self.file.to_path_buf(),
            line: span.map(|s| self.line_of(s)),
            field: Some(field.into()).filter(|f: &String| !f.is_empty()),
            message: message.into(),
        }
    }
}

/// One agent of the file: its policy and its key reference.
#[derive(Debug, Clone)]
pub struct AgentEntry {
    policy: AgentPolicy,
    key: Option<KeyRef>,
}

impl AgentEntry {
    /// The agent's name (the table's key, `[agents.NAME]`).
    pub fn name(&self) -> &str {
        self.policy.name()
    }

    /// Its access policy, an [`Interceptor`](linkedin_api::interceptor::Interceptor).
    pub fn policy(&self) -> &AgentPolicy {
        &self.policy
    }

    /// Where its gateway key is (`key_env`), if it has one.
    pub fn key(&self) -> Option<&KeyRef> {
        self.key.as_ref()
    }
}

/// A policy file, read and checked.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    path: PathBuf,
    quota: QuotaSettings,
    audit: AuditSettings,
    agents: BTreeMap<String, AgentEntry>,
}

impl PolicyFile {
    /// Reads and checks the policy file at `path`.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, PolicyFileError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| PolicyFileError {
            file: path.to_path_buf(),
            line: None,
            field: None,
            message: format!("cannot be read: {e}"),
        })?;
        Self::parse(&text, path)
    }

    /// Checks a policy file's text; `path` names it in errors and anchors its relative paths.
    pub fn parse(text: &str, path: impl AsRef<Path>) -> Result<Self, PolicyFileError> {
        let path = path.as_ref();
        let source = Source { file: path, text };
        let deserializer = toml::Deserializer::parse(text)
            .map_err(|e| source.error(e.span().as_ref(), "", e.message().to_owned()))?;
        let raw: RawFile = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let field = dotted(e.path());
            let inner = e.into_inner();
            source.error(inner.span().as_ref(), field, inner.message().to_owned())
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let quota = quota_settings(&source, base, raw.quota)?;
        let audit = raw
            .audit
            .map_or_else(AuditSettings::default, |a| AuditSettings {
                jsonl: a.jsonl.map(|p| base.join(p.into_inner())),
                sqlite: a.sqlite.map(|p| base.join(p.into_inner())),
                tracing: a.tracing,
            });
        let mut agents = BTreeMap::new();
        for (name, raw) in raw.agents {
            let span = raw.span();
            let entry = agent(&source, &name, &span, raw.into_inner())?;
            agents.insert(name, entry);
        }
        Ok(PolicyFile {
            path: path.to_path_buf(),
            quota,
            audit,
            agents,
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The `[quota]` settings (defaults when the table is absent).
    pub fn quota(&self) -> &QuotaSettings {
        &self.quota
    }

    /// The `[audit]` settings.
    pub fn audit(&self) -> &AuditSettings {
        &self.audit
    }

    /// Every agent, by name.
    pub fn agents(&self) -> impl Iterator<Item = &AgentEntry> {
        self.agents.values()
    }

    /// The agent called `name`.
    pub fn agent(&self, name: &str) -> Option<&AgentEntry> {
        self.agents.get(name)
    }

    /// The error for an agent the file does not name.
    pub(crate) fn no_such_agent(&self, agent: &str) -> PolicyFileError {
        let known: Vec<&str> = self.agents.keys().map(String::as_str).collect();
        PolicyFileError {
            file: self.path.clone(),
            line: None,
            field: Some("agents".to_owned()),
            message: if known.is_empty() {
                format!("no agent `{agent}`: the file names none")
            } else {
                format!("no agent `{agent}` (the file names: {})", known.join(", "))
            },
        }
    }

    /// Reads every agent's gateway key from the environment, for a server that authenticates
    /// agents. Fails on the first key that cannot be read, and when two agents share a key
    /// (a key must say which agent presents it).
    pub fn gateway_keys(&self) -> Result<GatewayKeys, PolicyFileError> {
        let mut keys: Vec<(String, Secret)> = Vec::new();
        for entry in self.agents.values() {
            let Some(key_ref) = &entry.key else { continue };
            let key = key_ref.resolve()?;
            if let Some((other, _)) = keys.iter().find(|(_, k)| *k == key) {
                return Err(PolicyFileError {
                    file: self.path.clone(),
                    line: Some(key_ref.line),
                    field: Some(key_ref.field.clone()),
                    message: format!(
                        "agents `{other}` and `{}` have the same key; give each its own",
                        entry.name()
                    ),
                });
            }
            keys.push((entry.name().to_owned(), key));
        }
        Ok(GatewayKeys(keys))
    }
}

/// `agents.social-bot.targets[1]`: a serde path as the file's author wrote it, without the
/// fields `toml::Spanned` adds on the way.
fn dotted(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if key.starts_with("$__serde_spanned") {
                    continue;
                }
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Unknown => {}
        }
    }
    out
}

/// One `[agents.NAME]` table; `span` is the table's.
fn agent(
    source: &Source<'_>,
    agent: &str,
    span: &Range<usize>,
    raw: RawAgent,
) -> Result<AgentEntry, PolicyFileError> {
    let field = |f: &str| format!("agents.{agent}.{f}");
    if agent.trim().is_empty() || agent.chars().any(char::is_control) {
        return Err(source.error(
            Some(span),
            "agents",
            "an agent's name must be non-empty, without control characters",
        ));
    }
    let mut policy = AgentPolicy::new(agent);
    for (area, access) in &raw.areas {
        // The value's place: a key and its value share a line in any file written by hand.
        let at = |e: String| source.error(Some(&access.span()), field(&format!("areas.{area}")), e);
        let parsed_area = Area::from_str(area).map_err(|e| at(e.to_string()))?;
        let parsed_access = Access::from_str(access.get_ref()).map_err(at)?;
        policy = policy.area(parsed_area, parsed_access);
    }
    if let Some(targets) = &raw.targets {
        let parsed = targets
            .iter()
            .map(|t| {
                Target::from_str(t.get_ref())
                    .map_err(|e| source.error(Some(&t.span()), field("targets"), e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        policy = policy.targets(parsed);
    }
    if let Some(budget) = raw.daily_budget {
        policy = policy.daily_budget(budget);
    }
    if let Some(member) = &raw.member {
        let urn = member.get_ref();
        if !(urn.starts_with("urn:li:person:") || urn.starts_with("urn:li:member:")) {
            return Err(source.error(
                Some(&member.span()),
                field("member"),
                format!(
                    "must be the member's URN (`urn:li:person:…`), not `{}`",
                    member.get_ref()
                ),
            ));
        }
        policy = policy.member(member.get_ref().clone());
    }
    let key = match raw.key_env {
        Some(env) => {
            check_env_name(source, &env, &field("key_env"))?;
            Some(KeyRef {
                line: source.line_of(&env.span()),
                env: env.into_inner(),
                file: source.file.to_path_buf(),
                field: field("key_env"),
            })
        }
        None => None,
    };
    Ok(AgentEntry { policy, key })
}
