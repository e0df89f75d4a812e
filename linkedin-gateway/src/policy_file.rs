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
//! `gateway.toml:27: agents.social-bot.areas.comment: `comment` is not an area (expected one
//! of: identity, posts, …)`. Unknown fields are mistakes too: a misspelt `daily_budjet` must not
//! silently lift a limit.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use linkedin_api::Secret;
use linkedin_api::operation::Area;
use linkedin_api::policy::{Access, AgentPolicy, Target};
use serde::Deserialize;
use toml::Spanned;

use crate::audit::{AuditError, AuditInterceptor, JsonLinesSink, SqliteSink, TracingSink};
use crate::quota::{
    Ceilings, CounterStore, MemoryStore, QuotaInterceptor, RedisStore, SqliteStore, StoreError,
};

/// The shortest gateway key accepted: a key is a password an agent presents, and a short one
/// can be guessed.
pub const MIN_KEY_LEN: usize = 16;

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

// The file as written, every value that can be wrong kept with its place.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    quota: Option<RawQuota>,
    #[serde(default)]
    audit: Option<RawAudit>,
    #[serde(default)]
    // Keys as plain strings: serde_path_to_error names only string keys in a field's path.
    agents: BTreeMap<String, Spanned<RawAgent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuota {
    app: Option<Spanned<String>>,
    app_per_endpoint: Option<u64>,
    member_per_endpoint: Option<u64>,
    store: Option<Spanned<String>>,
    sqlite_path: Option<Spanned<String>>,
    redis_url_env: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAudit {
    jsonl: Option<Spanned<String>>,
    sqlite: Option<Spanned<String>>,
    #[serde(default)]
    tracing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgent {
    key_env: Option<Spanned<String>>,
    member: Option<Spanned<String>>,
    targets: Option<Vec<Spanned<String>>>,
    daily_budget: Option<u32>,
    #[serde(default)]
    areas: BTreeMap<String, Spanned<String>>,
}

/// A gateway key, as the file names it: the environment variable that holds it. The key
/// itself is read only by [`resolve`](Self::resolve) and lives in a [`Secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct KeyRef {
    env: String,
    file: PathBuf,
    line: usize,
    field: String,
}

impl fmt::Debug for KeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRef").field("env", &self.env).finish()
    }
}

impl KeyRef {
    /// The environment variable's name.
    pub fn env(&self) -> &str {
        &self.env
    }

    /// Reads the key from the environment: set, Unicode, at least [`MIN_KEY_LEN`] characters.
    pub fn resolve(&self) -> Result<Secret, PolicyFileError> {
        let problem = match std::env::var(&self.env) {
            Ok(key) if key.chars().count() >= MIN_KEY_LEN => return Ok(Secret::new(key)),
            Ok(key) if key.is_empty() => {
                format!("the environment variable `{}` is empty", self.env)
            }
            Ok(_) => format!(
                "the key in `{}` is shorter than {MIN_KEY_LEN} characters; use a long random key",
                self.env
            ),
            Err(std::env::VarError::NotPresent) => {
                format!("the environment variable `{}` is not set", self.env)
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                format!(
                    "the environment variable `{}` is not valid Unicode",
                    self.env
                )
            }
        };
        Err(PolicyFileError {
            file: self.file.clone(),
            line: Some(self.line),
            field: Some(self.field.clone()),
            message: problem,
        })
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

/// Where quota counters are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreSetting {
    /// In the process (the default).
    Memory,
    /// In this SQLite file.
    Sqlite(PathBuf),
    /// In Redis, at the URL this environment variable holds (a URL may carry a password, so the
    /// file names the variable).
    Redis {
        /// The variable.
        url_env: String,
    },
}

/// The `[quota]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuotaSettings {
    app: String,
    ceilings: Ceilings,
    store: StoreSetting,
}

impl QuotaSettings {
    /// The application whose calls are counted.
    pub fn app(&self) -> &str {
        &self.app
    }

    /// The per-endpoint ceilings.
    pub fn ceilings(&self) -> Ceilings {
        self.ceilings
    }

    /// Where the counters are kept.
    pub fn store(&self) -> &StoreSetting {
        &self.store
    }

    /// Opens the store (one per process; share it between agents' interceptors).
    pub fn open_store(&self) -> Result<Arc<dyn CounterStore>, StoreError> {
        Ok(match &self.store {
            StoreSetting::Memory => Arc::new(MemoryStore::new()),
            StoreSetting::Sqlite(path) => Arc::new(SqliteStore::open(path)?),
            StoreSetting::Redis { url_env } => {
                let url = std::env::var(url_env).map_err(|_| {
                    StoreError::new(
                        "redis",
                        format!(
                            "the environment variable `{url_env}` (quota.redis_url_env) is not set"
                        ),
                    )
                })?;
                Arc::new(RedisStore::open(&url)?)
            }
        })
    }

    /// The quota interceptor of one agent: these ceilings, the agent's daily budget, and the
    /// member its policy names.
    pub fn interceptor(
        &self,
        agent: &AgentEntry,
        store: Arc<dyn CounterStore>,
    ) -> QuotaInterceptor {
        let mut quota = QuotaInterceptor::new(store, self.app.clone()).ceilings(self.ceilings);
        if let Some(member) = agent.policy.member_urn() {
            quota = quota.member(member);
        }
        if let Some(budget) = agent.policy.budget() {
            quota = quota.agent_budget(agent.name(), u64::from(budget));
        }
        quota
    }
}

/// The `[audit]` table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditSettings {
    /// The JSON Lines file.
    pub jsonl: Option<PathBuf>,
    /// The SQLite database.
    pub sqlite: Option<PathBuf>,
    /// Whether to emit `tracing` events.
    pub tracing: bool,
}

impl AuditSettings {
    /// The audit interceptor of one agent, writing to every sink the file names.
    pub fn interceptor(&self, agent: &str) -> Result<AuditInterceptor, AuditError> {
        let mut audit = AuditInterceptor::new(agent);
        if self.tracing {
            audit = audit.sink(TracingSink);
        }
        if let Some(path) = &self.jsonl {
            audit = audit.sink(JsonLinesSink::open(path)?);
        }
        if let Some(path) = &self.sqlite {
            audit = audit.sink(SqliteSink::open(path)?);
        }
        Ok(audit)
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

/// The agents' gateway keys, read from the environment.
pub struct GatewayKeys(Vec<(String, Secret)>);

impl fmt::Debug for GatewayKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(agent, _)| agent))
            .finish()
    }
}

impl GatewayKeys {
    /// The agent whose key was presented. Compares with every key, each in constant time, so
    /// the time taken says nothing about which key (or how much of one) matched.
    pub fn agent_for(&self, presented: &str) -> Option<&str> {
        let presented = Secret::new(presented);
        self.0.iter().fold(None, |found, (agent, key)| {
            let matches = *key == presented;
            if matches { Some(agent.as_str()) } else { found }
        })
    }

    /// How many agents have a key.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no agent has a key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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

fn quota_settings(
    source: &Source<'_>,
    base: &Path,
    raw: Option<RawQuota>,
) -> Result<QuotaSettings, PolicyFileError> {
    let Some(raw) = raw else {
        return Ok(QuotaSettings {
            app: "default".to_owned(),
            ceilings: Ceilings::default(),
            store: StoreSetting::Memory,
        });
    };
    let app = match raw.app {
        Some(app) if app.get_ref().trim().is_empty() => {
            return Err(source.error(Some(&app.span()), "quota.app", "must not be empty"));
        }
        Some(app) => app.into_inner(),
        None => "default".to_owned(),
    };
    let kind = raw
        .store
        .as_ref()
        .map_or("memory", |s| s.get_ref().as_str());
    let store_span = raw.store.as_ref().map(Spanned::span);
    let unused = |field: &Option<Spanned<String>>, name: &str| match field {
        Some(f) => Err(source.error(
            Some(&f.span()),
            format!("quota.{name}"),
            format!("is not used with store = \"{kind}\""),
        )),
        None => Ok(()),
    };
    let store = match kind {
        "memory" => {
            unused(&raw.sqlite_path, "sqlite_path")?;
            unused(&raw.redis_url_env, "redis_url_env")?;
            StoreSetting::Memory
        }
        "sqlite" => {
            unused(&raw.redis_url_env, "redis_url_env")?;
            let path = raw.sqlite_path.ok_or_else(|| {
                source.error(
                    store_span.as_ref(),
                    "quota.sqlite_path",
                    "store = \"sqlite\" needs `sqlite_path`, the database file",
                )
            })?;
            StoreSetting::Sqlite(base.join(path.into_inner()))
        }
        "redis" => {
            unused(&raw.sqlite_path, "sqlite_path")?;
            let env = raw.redis_url_env.ok_or_else(|| {
                source.error(
                    store_span.as_ref(),
                    "quota.redis_url_env",
                    "store = \"redis\" needs `redis_url_env`, the variable holding the Redis URL",
                )
            })?;
            check_env_name(source, &env, "quota.redis_url_env")?;
            StoreSetting::Redis {
                url_env: env.into_inner(),
            }
        }
        other => {
            return Err(source.error(
                store_span.as_ref(),
                "quota.store",
                format!("`{other}` is not a store (expected `memory`, `sqlite` or `redis`)"),
            ));
        }
    };
    Ok(QuotaSettings {
        app,
        ceilings: Ceilings {
            app_per_endpoint: raw.app_per_endpoint,
            member_per_endpoint: raw.member_per_endpoint,
        },
        store,
    })
}

/// An environment variable name as shells write them: letters, digits and `_`, not starting
/// with a digit. Catches a key pasted where its variable's name belongs.
fn check_env_name(
    source: &Source<'_>,
    name: &Spanned<String>,
    field: &str,
) -> Result<(), PolicyFileError> {
    let n = name.get_ref();
    let valid = !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(source.error(
            Some(&name.span()),
            field,
            "must name an environment variable (letters, digits and `_`), not hold a value",
        ))
    }
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
