//! Audit events as `tracing` events.

use super::{AuditError, AuditEvent, AuditSink};

/// Emits each event as an `info` event on target `linkedin_gateway::audit`: the sentence as
/// the message, the decision, operation, status and request id as fields (for a log pipeline
/// that already collects `tracing` output).
#[derive(Debug, Clone, Copy, Default)]
pub struct TracingSink;

impl AuditSink for TracingSink {
    fn record(&self, e: &AuditEvent) -> Result<(), AuditError> {
        tracing::info!(
            target: "linkedin_gateway::audit",
            agent = %e.agent,
            operation = %e.operation,
            effect = e.effect.as_str(),
            area = e.area.map_or("unknown", |a| a.as_str()),
            decision = e.decision.as_str(),
            status = e.status,
            request_id = e.request_id.as_deref(),
            latency_ms = e.latency_ms,
            "{}",
            e.sentence
        );
        Ok(())
    }

    fn name(&self) -> &'static str {
        "tracing"
    }
}
