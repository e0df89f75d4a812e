//! LinkedIn's daily quotas, counted before LinkedIn counts them.
//!
//! LinkedIn counts calls per day per application and per member, per endpoint, resets the
//! counts at midnight UTC, and answers 429 when either is spent. [`QuotaInterceptor`] keeps the
//! same counts in a [`CounterStore`] and refuses a call locally, with a [`QuotaExceeded`] that
//! says when the quota resets, once a ceiling is reached; an agent's daily budget (all its calls,
//! every endpoint) is one more counter. When LinkedIn answers 429 anyway (another program used
//! the same application, or the ceilings are set too high), the endpoint is marked spent until
//! the reset. Only Rest.li calls count: OAuth requests and upload `PUT`s are not part of
//! LinkedIn's API quotas.
//!
//! ```
//! use std::sync::Arc;
//! use linkedin_gateway::quota::{Ceilings, MemoryStore, QuotaInterceptor};
//!
//! let quota = Arc::new(
//!     QuotaInterceptor::new(Arc::new(MemoryStore::new()), "my-client-id")
//!         .member("urn:li:person:abc123")
//!         .ceilings(Ceilings::DEVELOPMENT)
//!         .agent_budget("social-bot", 200),
//! );
//! let client = linkedin_api::Client::builder().interceptor(Arc::clone(&quota)).build().unwrap();
//! # let _ = client;
//! ```

mod day;
mod memory;
mod redis;
mod sqlite;
mod store;

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

use http::StatusCode;
use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome, Refusal};
use linkedin_api::request::RestliMethod;

pub use day::QuotaDay;
pub use memory::MemoryStore;
pub use redis::RedisStore;
pub use sqlite::SqliteStore;
pub use store::{Counter, CounterStore, SPENT, StoreError, Take};

use crate::time_fmt::rfc3339;

/// The daily ceilings per endpoint; `None` counts without a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ceilings {
    /// Calls per day per endpoint for the whole application.
    pub app_per_endpoint: Option<u64>,
    /// Calls per day per endpoint for one member.
    pub member_per_endpoint: Option<u64>,
}

impl Ceilings {
    /// LinkedIn's Development tier: 500 calls per application and 100 per member, per endpoint
    /// and day.
    pub const DEVELOPMENT: Ceilings = Ceilings {
        app_per_endpoint: Some(500),
        member_per_endpoint: Some(100),
    };
}

/// An endpoint as LinkedIn's quotas count it: the Rest.li method and the path template
/// (`FINDER /rest/posts`), so every finder of a resource shares one count and a finder and a
/// create of the same resource do not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint(String);

impl Endpoint {
    /// The endpoint of a Rest.li method on a path template.
    pub fn new(method: RestliMethod, path_template: &str) -> Self {
        Endpoint(format!("{} {path_template}", method.header_value()))
    }

    /// The endpoint a call counts against; `None` for calls LinkedIn's quotas do not count
    /// (OAuth, uploads).
    pub fn of(op: &OperationInfo) -> Option<Self> {
        op.restli_method()
            .map(|m| Endpoint::new(m, op.path_template()))
    }

    /// `FINDER /rest/posts`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which daily limit a call hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// The application's calls to one endpoint.
    App,
    /// The member's calls to one endpoint.
    Member,
    /// The agent's calls, all endpoints together.
    AgentBudget,
}

/// A call refused because a daily quota is spent: the source of the
/// [`Refusal`] (downcast the error's source to read it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct QuotaExceeded {
    /// Which limit.
    pub limit: Limit,
    /// Whose: the application id, the member or the agent.
    pub holder: String,
    /// The endpoint, for per-endpoint limits.
    pub endpoint: Option<Endpoint>,
    /// The ceiling; `None` when there is none and LinkedIn's 429 marked the endpoint spent.
    pub ceiling: Option<u64>,
    /// Whether LinkedIn answered 429 for it today (rather than the ceiling being reached).
    pub marked_by_linkedin: bool,
    /// When the quota resets: the next midnight UTC.
    pub resets_at: SystemTime,
}

impl QuotaExceeded {
    fn describe(&self) -> String {
        let whose = match (self.limit, &self.endpoint) {
            (Limit::App, Some(e)) => format!("application `{}`'s daily quota for {e}", self.holder),
            (Limit::Member, Some(e)) => format!("member `{}`'s daily quota for {e}", self.holder),
            (Limit::App | Limit::Member, None) => format!("`{}`'s daily quota", self.holder),
            (Limit::AgentBudget, _) => format!("agent `{}`'s daily budget", self.holder),
        };
        let why = match (self.marked_by_linkedin, self.ceiling) {
            (true, _) => "LinkedIn answered 429".to_owned(),
            (false, Some(1)) => "1 call".to_owned(),
            (false, Some(c)) => format!("{c} calls"),
            (false, None) => "spent".to_owned(),
        };
        format!(
            "{whose} is spent ({why}); it resets at {}",
            rfc3339(self.resets_at)
        )
    }
}

/// What remains of today's quotas for one endpoint; `None` where there is no ceiling (and
/// LinkedIn has not answered 429).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remaining {
    /// Calls left for the application.
    pub app: Option<u64>,
    /// Calls left for the member (`None` too when no member is set).
    pub member: Option<u64>,
    /// Calls left in the agent's budget (`None` too when no agent is set).
    pub agent_budget: Option<u64>,
    /// When the counts reset.
    pub resets_at: SystemTime,
}

type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The [`Interceptor`] that counts and refuses. See the [module documentation](self).
///
/// Register it after the agent's policy, so a call the policy refuses spends nothing: the
/// count is taken in `before_send`, and a later interceptor's refusal does not give it back.
pub struct QuotaInterceptor {
    store: Arc<dyn CounterStore>,
    prefix: String,
    app: String,
    member: Option<String>,
    agent: Option<(String, u64)>,
    ceilings: Ceilings,
    clock: Clock,
}

impl fmt::Debug for QuotaInterceptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QuotaInterceptor")
            .field("app", &self.app)
            .field("member", &self.member)
            .field("agent", &self.agent)
            .field("ceilings", &self.ceilings)
            .finish_non_exhaustive()
    }
}

/// One counter of a call: what it counts, its key and its ceiling.
struct Slot {
    limit: Limit,
    key: String,
    ceiling: Option<u64>,
}

impl Slot {
    fn ceiling(&self) -> u64 {
        // No ceiling: count anyway (for `remaining` and a later 429), never refuse unless spent.
        self.ceiling.unwrap_or(SPENT)
    }
}

impl QuotaInterceptor {
    /// Counts the calls of application `app` (its client id, or any name the processes sharing
    /// the store agree on) in `store`, with no ceiling until [`ceilings`](Self::ceilings).
    pub fn new(store: Arc<dyn CounterStore>, app: impl Into<String>) -> Self {
        QuotaInterceptor {
            store,
            prefix: "linkedin-gateway:quota".to_owned(),
            app: app.into(),
            member: None,
            agent: None,
            ceilings: Ceilings::default(),
            clock: Arc::new(SystemTime::now),
        }
    }

    /// The member whose token the client uses (any stable id: the person URN, the OpenID
    /// `sub`); without one, only the application's counts are kept.
    pub fn member(mut self, member: impl Into<String>) -> Self {
        self.member = Some(member.into());
        self
    }

    /// The per-endpoint ceilings.
    pub fn ceilings(mut self, ceilings: Ceilings) -> Self {
        self.ceilings = ceilings;
        self
    }

    /// The agent making the calls and its daily budget (calls per day, every endpoint).
    pub fn agent_budget(mut self, agent: impl Into<String>, calls_per_day: u64) -> Self {
        self.agent = Some((agent.into(), calls_per_day));
        self
    }

    /// The prefix of every counter key (`linkedin-gateway:quota` by default), to keep several
    /// deployments apart in one store.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// The clock that decides the quota day (the system clock by default; tests move it).
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The counters a call to `endpoint` takes on `day`.
    fn slots(&self, endpoint: &Endpoint, day: QuotaDay) -> Vec<Slot> {
        let day = day.label();
        let mut slots = vec![Slot {
            limit: Limit::App,
            key: format!("{}:{day}:app:{}:{endpoint}", self.prefix, self.app),
            ceiling: self.ceilings.app_per_endpoint,
        }];
        if let Some(member) = &self.member {
            slots.push(Slot {
                limit: Limit::Member,
                key: format!(
                    "{}:{day}:member:{}:{member}:{endpoint}",
                    self.prefix, self.app
                ),
                ceiling: self.ceilings.member_per_endpoint,
            });
        }
        if let Some((agent, budget)) = &self.agent {
            slots.push(Slot {
                limit: Limit::AgentBudget,
                key: format!("{}:{day}:agent:{}:{agent}", self.prefix, self.app),
                ceiling: Some(*budget),
            });
        }
        slots
    }

    fn holder(&self, limit: Limit) -> String {
        match limit {
            Limit::App => self.app.clone(),
            Limit::Member => self.member.clone().unwrap_or_default(),
            Limit::AgentBudget => self.agent.as_ref().map(|a| a.0.clone()).unwrap_or_default(),
        }
    }

    /// Takes one call to `endpoint` from today's counters, or says which limit is spent.
    pub fn take(&self, endpoint: &Endpoint) -> Result<(), QuotaError> {
        let day = QuotaDay::of((self.clock)());
        let slots = self.slots(endpoint, day);
        let counters: Vec<Counter<'_>> = slots
            .iter()
            .map(|s| Counter {
                key: &s.key,
                ceiling: s.ceiling(),
            })
            .collect();
        match self.store.take(&counters, day.resets_at())? {
            Take::Taken => Ok(()),
            Take::AtCeiling { index, count } => {
                let slot = slots.get(index).ok_or_else(|| {
                    StoreError::new(
                        "quota",
                        format!("the store named counter {index} of {}", slots.len()),
                    )
                })?;
                Err(QuotaError::Exceeded(QuotaExceeded {
                    limit: slot.limit,
                    holder: self.holder(slot.limit),
                    endpoint: (slot.limit != Limit::AgentBudget).then(|| endpoint.clone()),
                    ceiling: slot.ceiling,
                    marked_by_linkedin: count >= SPENT,
                    resets_at: day.resets_at(),
                }))
            }
        }
    }

    /// What remains today for calls to `endpoint`.
    pub fn remaining(&self, endpoint: &Endpoint) -> Result<Remaining, StoreError> {
        let day = QuotaDay::of((self.clock)());
        let slots = self.slots(endpoint, day);
        let keys: Vec<&str> = slots.iter().map(|s| s.key.as_str()).collect();
        let counts = self.store.counts(&keys)?;
        let mut remaining = Remaining {
            app: None,
            member: None,
            agent_budget: None,
            resets_at: day.resets_at(),
        };
        for (slot, count) in slots.iter().zip(counts) {
            let left = match slot.ceiling {
                _ if count >= SPENT => Some(0),
                Some(ceiling) => Some(ceiling.saturating_sub(count)),
                None => None,
            };
            match slot.limit {
                Limit::App => remaining.app = left,
                Limit::Member => remaining.member = left,
                Limit::AgentBudget => remaining.agent_budget = left,
            }
        }
        Ok(remaining)
    }

    /// Marks `endpoint` spent until the reset, as a 429 from LinkedIn says it is. LinkedIn does
    /// not say whether the application's or the member's quota ran out; the member's counter is
    /// marked when a member is set (the narrower claim: other members' calls still go, and each
    /// learns from its own 429 if the application's quota was the one spent), else the
    /// application's.
    pub fn mark_spent(&self, endpoint: &Endpoint) -> Result<(), StoreError> {
        let day = QuotaDay::of((self.clock)());
        let slots = self.slots(endpoint, day);
        let wanted = if self.member.is_some() {
            Limit::Member
        } else {
            Limit::App
        };
        match slots.iter().find(|s| s.limit == wanted) {
            Some(slot) => self.store.raise_to(&slot.key, SPENT, day.resets_at()),
            None => Ok(()),
        }
    }

    /// Counts `n` more calls to `endpoint` that LinkedIn received (retries).
    fn add(&self, endpoint: &Endpoint, n: u64) -> Result<(), StoreError> {
        let day = QuotaDay::of((self.clock)());
        let slots = self.slots(endpoint, day);
        let keys: Vec<&str> = slots.iter().map(|s| s.key.as_str()).collect();
        self.store.add(&keys, n, day.resets_at())
    }
}

/// Why [`QuotaInterceptor::take`] did not take a call.
#[derive(Debug, thiserror::Error)]
pub enum QuotaError {
    /// A daily quota is spent.
    #[error(transparent)]
    Exceeded(#[from] QuotaExceeded),
    /// The store could not count the call.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Interceptor for QuotaInterceptor {
    /// Takes the call from the counters, or refuses it with a [`QuotaExceeded`] (spent) or a
    /// [`StoreError`] (uncountable: an uncounted call could be the one that spends LinkedIn's
    /// quota, so the gateway fails closed).
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        let Some(endpoint) = Endpoint::of(op) else {
            return Ok(());
        };
        match self.take(&endpoint) {
            Ok(()) => Ok(()),
            Err(QuotaError::Exceeded(e)) => Err(Refusal::new(e.to_string()).with_source(e)),
            Err(QuotaError::Store(e)) => Err(Refusal::new(format!(
                "the call could not be counted against the daily quota: {e}"
            ))
            .with_source(e)),
        }
    }

    /// Counts the retries LinkedIn also received, and marks the endpoint spent on a 429.
    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        let Some(endpoint) = Endpoint::of(op) else {
            return;
        };
        let result = if outcome.attempts() > 1 {
            self.add(&endpoint, u64::from(outcome.attempts() - 1))
        } else {
            Ok(())
        }
        .and_then(|()| {
            if outcome.status() == Some(StatusCode::TOO_MANY_REQUESTS) {
                self.mark_spent(&endpoint)
            } else {
                Ok(())
            }
        });
        if let Err(e) = result {
            // Nothing to return to: the call is over. The next call's check meets the store's
            // state (and its errors) again.
            tracing::warn!(operation = op.id(), error = %e, "a quota counter could not be updated");
        }
    }

    fn name(&self) -> &'static str {
        "quota"
    }
}
