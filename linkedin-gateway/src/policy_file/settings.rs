//! The `[quota]` and `[audit]` tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::keys::check_env_name;
use super::raw::RawQuota;
use super::{AgentEntry, PolicyFileError, Source};
use crate::audit::{AuditError, AuditInterceptor, JsonLinesSink, SqliteSink, TracingSink};
use crate::quota::{
    Ceilings, CounterStore, Endpoint, MemoryStore, QuotaInterceptor, RedisStore, SqliteStore,
    StoreError,
};

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
    endpoints: BTreeMap<String, (Endpoint, Ceilings)>,
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

    /// The endpoints with ceilings of their own (`[quota.endpoints."FINDER /rest/posts"]`).
    pub fn endpoint_ceilings(&self) -> impl Iterator<Item = (&Endpoint, Ceilings)> {
        self.endpoints.values().map(|(e, c)| (e, *c))
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
        for (endpoint, ceilings) in self.endpoints.values() {
            quota = quota.endpoint_ceilings(endpoint.clone(), *ceilings);
        }
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

pub(super) fn quota_settings(
    source: &Source<'_>,
    base: &Path,
    raw: Option<RawQuota>,
) -> Result<QuotaSettings, PolicyFileError> {
    let Some(raw) = raw else {
        return Ok(QuotaSettings {
            app: "default".to_owned(),
            ceilings: Ceilings::default(),
            endpoints: BTreeMap::new(),
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
    let ceilings = Ceilings {
        app_per_endpoint: raw.app_per_endpoint,
        member_per_endpoint: raw.member_per_endpoint,
    };
    let mut endpoints = BTreeMap::new();
    for (text, own) in raw.endpoints {
        let span = own.span();
        let endpoint = Endpoint::parse(&text)
            .map_err(|e| source.error(Some(&span), format!("quota.endpoints.\"{text}\""), e))?;
        let own = own.into_inner();
        // An endpoint's table overrides what it names; the rest comes from `[quota]`.
        let endpoint_ceilings = Ceilings {
            app_per_endpoint: own.app.or(ceilings.app_per_endpoint),
            member_per_endpoint: own.member.or(ceilings.member_per_endpoint),
        };
        endpoints.insert(text, (endpoint, endpoint_ceilings));
    }
    Ok(QuotaSettings {
        app,
        ceilings,
        endpoints,
        store,
    })
}
