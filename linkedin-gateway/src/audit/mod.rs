//! The audit trail: one [`AuditEvent`] per call, allowed or refused, written to every
//! [`AuditSink`] of an [`AuditInterceptor`].
//!
//! An event says who (the agent), what (operation, effect, area, version), on what (the target
//! URNs), the decision and its reason, how it ended (HTTP status, error kind, LinkedIn's request
//! id, latency, attempts), and one sentence in plain English built from the spec's summary:
//! "social-bot created a post as urn:li:organization:123 — allowed, 201". It never holds a token
//! or a body: it is built from the interception seam's
//! [`OperationInfo`] and
//! [`Outcome`], which hold neither.
//!
//! Sinks: [`TracingSink`] (an `info` event on target `linkedin_gateway::audit`), [`JsonLinesSink`]
//! (an append-only file, one JSON object a line) and [`SqliteSink`] (a table); implement
//! [`AuditSink`] for others.
//!
//! ```no_run
//! use std::sync::Arc;
//! use linkedin_gateway::audit::{AuditInterceptor, JsonLinesSink, TracingSink};
//!
//! let audit = AuditInterceptor::new("social-bot")
//!     .sink(TracingSink)
//!     .sink(JsonLinesSink::open("audit.jsonl")?);
//! let client = linkedin_api::Client::builder().interceptor(audit).build()?;
//! # let _ = client;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod jsonl;
mod sentence;
mod sqlite;
mod tracing_sink;

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome, Refusal};
use linkedin_api::operation::{Area, Effect};
use serde::{Deserialize, Serialize};

pub use jsonl::JsonLinesSink;
pub use sqlite::SqliteSink;
pub use tracing_sink::TracingSink;

use sentence::{Ending, sentence};

/// Whether a call was let through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Sent to LinkedIn.
    Allowed,
    /// Refused before sending (by the policy, the quota, a scope check, …).
    Denied,
    /// Allowed, and deliberately not sent (a dry run).
    DryRun,
}

impl Decision {
    /// `allowed`, `denied`, `dry_run`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Denied => "denied",
            Decision::DryRun => "dry_run",
        }
    }
}

/// One call, as the audit trail records it. Serialized (JSON Lines, SQLite) with these field
/// names; `time` as RFC 3339 UTC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// When the call ended (or was refused).
    #[serde(with = "rfc3339")]
    pub time: SystemTime,
    /// The agent that made it.
    pub agent: String,
    /// The operation id (`posts.create`, `auth.token`, …).
    pub operation: String,
    /// The `Linkedin-Version` it was sent with, if versioned.
    pub version: Option<String>,
    /// The area the operation belongs to, if known.
    pub area: Option<Area>,
    /// Whether it reads or writes.
    pub effect: Effect,
    /// The HTTP method.
    pub method: String,
    /// The path template (`/rest/posts/{postUrn}`: never key values, never a query).
    pub path: String,
    /// The entities it acted on or for (organization, ad account, member URNs).
    pub targets: Vec<String>,
    /// Allowed, denied or a dry run.
    pub decision: Decision,
    /// Which interceptor refused it (`agent policy`, `quota`, …), when denied.
    pub refused_by: Option<String>,
    /// Why it was refused, in plain English, when denied.
    pub reason: Option<String>,
    /// LinkedIn's HTTP status, when it answered.
    pub status: Option<u16>,
    /// The kind of error the call ended with (`api`, `timeout`, `refused`, …); `None` on success.
    pub error: Option<String>,
    /// LinkedIn's request id (`x-li-request-id`), for support requests.
    pub request_id: Option<String>,
    /// From the first attempt to the end, in milliseconds.
    pub latency_ms: u64,
    /// How many times it was sent (0 when refused).
    pub attempts: u32,
    /// The plain-English sentence.
    pub sentence: String,
}

impl AuditEvent {
    /// The event of a call that went through a client's seam (sent, or refused before).
    pub fn of_call(agent: &str, op: &OperationInfo, outcome: &Outcome, time: SystemTime) -> Self {
        let status = outcome.status().map(|s| s.as_u16());
        let error = outcome.error().map(|kind| kind.as_str());
        let (decision, ending) = match (outcome.refused_by(), outcome.refusal_reason()) {
            (Some(_), reason) => (
                Decision::Denied,
                Ending::Denied(reason.unwrap_or("refused before sending")),
            ),
            (None, _) => match error {
                None => (Decision::Allowed, Ending::Succeeded(status)),
                Some(kind) => (Decision::Allowed, Ending::Failed(status, kind)),
            },
        };
        let sentence = sentence(
            agent,
            op.id(),
            op.summary(),
            op.effect(),
            op.targets(),
            ending,
        );
        AuditEvent {
            time,
            agent: agent.to_owned(),
            operation: op.id().to_owned(),
            version: op.version().map(str::to_owned),
            area: op.area(),
            effect: op.effect(),
            method: op.http_method().as_str().to_owned(),
            path: op.path_template().to_owned(),
            targets: op.targets().to_vec(),
            decision,
            refused_by: outcome.refused_by().map(str::to_owned),
            reason: outcome.refusal_reason().map(str::to_owned),
            status,
            error: error.map(str::to_owned),
            request_id: outcome.request_id().map(str::to_owned),
            latency_ms: millis(outcome.latency()),
            attempts: outcome.attempts(),
            sentence,
        }
    }

    /// The event of a dry run: the call was checked and allowed (else use the denial's
    /// `reason`), and not sent. For callers that decide without a client, e.g. with
    /// [`AgentPolicy::decide`](linkedin_api::policy::AgentPolicy::decide) on
    /// [`OperationInfo::from_request`].
    pub fn of_dry_run(
        agent: &str,
        op: &OperationInfo,
        denied: Option<&str>,
        time: SystemTime,
    ) -> Self {
        let (decision, ending) = match denied {
            Some(reason) => (Decision::Denied, Ending::Denied(reason)),
            None => (Decision::DryRun, Ending::DryRun),
        };
        AuditEvent {
            time,
            agent: agent.to_owned(),
            operation: op.id().to_owned(),
            version: op.version().map(str::to_owned),
            area: op.area(),
            effect: op.effect(),
            method: op.http_method().as_str().to_owned(),
            path: op.path_template().to_owned(),
            targets: op.targets().to_vec(),
            decision,
            refused_by: denied.map(|_| "dry run".to_owned()),
            reason: denied.map(str::to_owned),
            status: None,
            error: None,
            request_id: None,
            latency_ms: 0,
            attempts: 0,
            sentence: sentence(
                agent,
                op.id(),
                op.summary(),
                op.effect(),
                op.targets(),
                ending,
            ),
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Serde for `time`: RFC 3339 text.
mod rfc3339 {
    use std::time::SystemTime;

    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub(super) fn serialize<S: Serializer>(at: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&crate::time_fmt::rfc3339(*at))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SystemTime, D::Error> {
        let text = String::deserialize(d)?;
        OffsetDateTime::parse(&text, &Rfc3339)
            .map(SystemTime::from)
            .map_err(|e| D::Error::custom(format!("`time` is not RFC 3339 ({e})")))
    }
}

/// A failure to write an audit record.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The file could not be opened or written.
    #[error("audit file {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What failed.
        #[source]
        source: std::io::Error,
    },
    /// The event could not be serialized (or a record read back could not be parsed).
    #[error("audit record: {0}")]
    Json(#[from] serde_json::Error),
    /// The SQLite table could not be written or read.
    #[error("audit table: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Where audit events go.
pub trait AuditSink: Send + Sync + 'static {
    /// Records one event. Called on the calling task after each call: keep it short.
    fn record(&self, event: &AuditEvent) -> Result<(), AuditError>;

    /// The name the interceptor's logs give this sink.
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }
}

impl<T: AuditSink + ?Sized> AuditSink for Arc<T> {
    fn record(&self, event: &AuditEvent) -> Result<(), AuditError> {
        (**self).record(event)
    }

    fn name(&self) -> &'static str {
        (**self).name()
    }
}

/// The [`Interceptor`] that records every call of one agent's client in its sinks.
///
/// It records in `after_outcome`, which every interceptor gets whatever its position, so
/// register it where it fits best: last. While a sink is failing, it refuses calls (a call the
/// trail cannot record is not made) until a record succeeds again (the refused calls are
/// recorded too, so a sink that recovers lets calls through again at once); turn that off with
/// [`fail_open`](Self::fail_open).
pub struct AuditInterceptor {
    agent: String,
    sinks: Vec<Arc<dyn AuditSink>>,
    failing: AtomicBool,
    fail_closed: bool,
}

impl fmt::Debug for AuditInterceptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuditInterceptor")
            .field("agent", &self.agent)
            .field(
                "sinks",
                &self.sinks.iter().map(|s| s.name()).collect::<Vec<_>>(),
            )
            .field("fail_closed", &self.fail_closed)
            .finish_non_exhaustive()
    }
}

impl AuditInterceptor {
    /// Records the calls of agent `agent` (no sink yet).
    pub fn new(agent: impl Into<String>) -> Self {
        AuditInterceptor {
            agent: agent.into(),
            sinks: Vec::new(),
            failing: AtomicBool::new(false),
            fail_closed: true,
        }
    }

    /// Adds a sink.
    pub fn sink(mut self, sink: impl AuditSink) -> Self {
        self.sinks.push(Arc::new(sink));
        self
    }

    /// Keeps calling LinkedIn while a sink fails (the failures are logged).
    pub fn fail_open(mut self) -> Self {
        self.fail_closed = false;
        self
    }

    /// The agent recorded.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// Writes `event` to every sink; the first error is returned after all were tried.
    pub fn record(&self, event: &AuditEvent) -> Result<(), AuditError> {
        let mut first_error = None;
        for sink in &self.sinks {
            if let Err(e) = sink.record(event) {
                tracing::error!(sink = sink.name(), error = %e, "an audit record could not be written");
                first_error.get_or_insert(e);
            }
        }
        self.failing.store(first_error.is_some(), Ordering::SeqCst);
        first_error.map_or(Ok(()), Err)
    }
}

impl Interceptor for AuditInterceptor {
    fn before_send(&self, _op: &OperationInfo) -> Result<(), Refusal> {
        if self.fail_closed && self.failing.load(Ordering::SeqCst) {
            return Err(Refusal::new(
                "the audit trail cannot be written, so the call is not made",
            ));
        }
        Ok(())
    }

    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        let event = AuditEvent::of_call(&self.agent, op, outcome, SystemTime::now());
        // Errors are logged by `record` and close the gate in `before_send`.
        let _ = self.record(&event);
    }

    fn name(&self) -> &'static str {
        "audit"
    }
}
