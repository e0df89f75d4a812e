//! One agent's interceptors, built from the policy file and registered in the order that
//! makes them agree: the policy first (a denied call spends no quota), the quota second, the
//! audit last (it records every outcome, refusals included).

use std::sync::Arc;

use linkedin_api::ClientBuilder;
use linkedin_api::policy::AgentPolicy;

use crate::audit::{AuditError, AuditInterceptor};
use crate::policy_file::{PolicyFile, PolicyFileError};
use crate::quota::{CounterStore, QuotaInterceptor};

/// The policy, quota and audit interceptors of one agent. Keep the `Arc`s to ask the quota
/// what remains or to record a dry run in the agent's audit trail.
///
/// ```no_run
/// use linkedin_gateway::AgentInterceptors;
/// use linkedin_gateway::policy_file::PolicyFile;
///
/// let file = PolicyFile::load("gateway.toml")?;
/// let store = file.quota().open_store()?; // one per process, shared by its agents
/// let bot = AgentInterceptors::from_file(&file, "social-bot", store)?;
/// let client = bot.register(linkedin_api::Client::builder().access_token("…")).build()?;
/// # let _ = client;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AgentInterceptors {
    /// What the agent may do.
    pub policy: AgentPolicy,
    /// Its daily quotas and budget.
    pub quota: Arc<QuotaInterceptor>,
    /// Its audit trail.
    pub audit: Arc<AuditInterceptor>,
}

/// Why an agent's interceptors could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The agent is not in the file.
    #[error(transparent)]
    Policy(#[from] PolicyFileError),
    /// An audit sink could not be opened.
    #[error(transparent)]
    Audit(#[from] AuditError),
}

impl AgentInterceptors {
    /// The interceptors of agent `agent` of `file`, counting in `store`.
    pub fn from_file(
        file: &PolicyFile,
        agent: &str,
        store: Arc<dyn CounterStore>,
    ) -> Result<Self, SetupError> {
        let entry = file.agent(agent).ok_or_else(|| file.no_such_agent(agent))?;
        Ok(AgentInterceptors {
            policy: entry.policy().clone(),
            quota: Arc::new(file.quota().interceptor(entry, store)),
            audit: Arc::new(file.audit().interceptor(entry.name())?),
        })
    }

    /// Registers policy, quota and audit on `builder`, in that order.
    pub fn register(&self, builder: ClientBuilder) -> ClientBuilder {
        builder
            .interceptor(self.policy.clone())
            .interceptor(Arc::clone(&self.quota))
            .interceptor(Arc::clone(&self.audit))
    }
}
