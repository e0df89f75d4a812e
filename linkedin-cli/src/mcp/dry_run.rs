//! `--dry-run`: writes go through everything a real call does (arguments decoded through the
//! operation's parameters struct, the agent's policy) and are then recorded as a dry run in the
//! agent's audit trail and stopped, before any byte is sent. Reads are sent as usual.
//!
//! It wraps the agent's audit interceptor: the audit alone would record the stop as a denial,
//! and this records it once, as what it is.

use std::sync::Arc;
use std::time::SystemTime;

use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome, Refusal};
use linkedin_api::operation::Effect;
use linkedin_gateway::audit::{AuditEvent, AuditInterceptor};

/// The name the stop carries, so the server tells a dry run from a denial.
pub const NAME: &str = "dry-run";

pub struct DryRunAudit {
    pub audit: Arc<AuditInterceptor>,
}

impl Interceptor for DryRunAudit {
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        // The trail must be writable, as for any call.
        self.audit.before_send(op)?;
        if op.effect() != Effect::Write {
            return Ok(());
        }
        let event = AuditEvent::of_dry_run(self.audit.agent(), op, None, SystemTime::now());
        match self.audit.record(&event) {
            Ok(()) => Err(Refusal::new("dry run: validated, not sent")),
            Err(e) => {
                Err(Refusal::new("dry run: the audit trail cannot be written").with_source(e))
            }
        }
    }

    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        // A dry run was recorded before it stopped.
        if outcome.refused_by() != Some(NAME) {
            self.audit.after_outcome(op, outcome);
        }
    }

    fn name(&self) -> &'static str {
        NAME
    }
}
