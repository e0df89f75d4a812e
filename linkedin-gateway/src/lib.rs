//! A gateway between AI agents and LinkedIn, built on `linkedin-rest`'s interception seam:
//!
//! - [`policy_file`]: the TOML file that says, per agent, which areas it may read or write, on
//!   which targets, with which daily budget, and which environment variable holds its gateway
//!   key;
//! - [`quota`]: LinkedIn's daily quotas counted locally (per application and per member, per
//!   endpoint, reset at midnight UTC) in a pluggable [`CounterStore`](quota::CounterStore)
//!   (memory, SQLite, Redis), refusing a call before LinkedIn would answer 429;
//! - [`audit`]: one [`AuditEvent`](audit::AuditEvent) per call, allowed or refused, with a
//!   plain-English sentence, written to `tracing`, a JSON Lines file or a SQLite table.
//!
//! Each piece is an [`Interceptor`](linkedin_api::interceptor::Interceptor); register them on a
//! client in this order: the agent's policy, then the quota (so a call the policy refuses spends
//! nothing), then the audit (which sees every outcome whatever its position).
//! [`AgentInterceptors`] builds the three from a policy file and registers them so.

mod agent;
pub mod audit;
pub mod policy_file;
pub mod quota;
mod time_fmt;

pub use agent::{AgentInterceptors, SetupError};
