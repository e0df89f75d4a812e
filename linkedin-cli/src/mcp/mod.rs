//! `linkedin mcp`: each operation an agent's policy allows, as an MCP tool (rmcp, the official
//! Rust SDK), over stdio (one agent per process) or streamable HTTP (every agent with a key).
//!
//! Each agent gets its own client carrying the LinkedIn token and its interceptors from the
//! policy file (`linkedin-gateway`): its policy first, then its quota, then its audit trail (with
//! `--dry-run`, the audit is wrapped so writes are recorded as dry runs and stopped before
//! the quota). Agents see tools and results, never the token.

mod dry_run;
mod http;
mod server;
mod tools;

use std::sync::Arc;

use linkedin_api::Client;
use linkedin_gateway::AgentInterceptors;
use linkedin_gateway::audit::AuditInterceptor;
use linkedin_gateway::policy_file::{AgentEntry, AuditSettings, PolicyFile};
use linkedin_gateway::quota::CounterStore;
use rmcp::ServiceExt;

use crate::cli::McpArgs;
use crate::context::Context;
use crate::error::{Exit, Failure, error_chain};
pub use server::{Agent, Server, Shared, Who};

pub async fn run(ctx: &Context, args: &McpArgs) -> Result<(), Failure> {
    let file = PolicyFile::load(&args.policy).map_err(|e| Failure::usage(e.to_string()))?;
    let audit = audit_settings(file.audit(), args);
    // stdout is the protocol's on stdio: logs go to stderr. Audit records sent to `tracing`
    // are `info` events, shown unless RUST_LOG says otherwise.
    let default_filter = if audit.tracing {
        "warn,linkedin_gateway::audit=info"
    } else {
        "warn"
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_filter)),
        )
        .try_init();
    let store = file
        .quota()
        .open_store()
        .map_err(|e| Failure::other(format!("the quota store: {}", error_chain(&e))))?;
    let (entries, who): (
        Vec<&AgentEntry>,
        Option<linkedin_gateway::policy_file::GatewayKeys>,
    ) = match &args.agent {
        Some(name) => {
            let entry = file.agent(name).ok_or_else(|| {
                let known: Vec<&str> = file.agents().map(AgentEntry::name).collect();
                Failure::usage(format!(
                    "{}: no agent `{name}` (the file names: {})",
                    args.policy.display(),
                    known.join(", ")
                ))
            })?;
            (vec![entry], None)
        }
        None => {
            let keys = file
                .gateway_keys()
                .map_err(|e| Failure::auth(e.to_string()))?;
            if keys.is_empty() {
                return Err(Failure::usage(format!(
                    "{}: no agent has a key (`key_env`), so none could authenticate over HTTP",
                    args.policy.display()
                )));
            }
            let entries = file.agents().filter(|a| a.key().is_some()).collect();
            (entries, Some(keys))
        }
    };
    let mut agents = Vec::new();
    for entry in entries {
        agents.push(agent(
            ctx,
            &file,
            entry,
            &audit,
            Arc::clone(&store),
            args.dry_run,
        )?);
    }
    let shared = Shared {
        version: ctx.version.as_str(),
        spec: ctx.spec,
        agents,
        who: match who {
            Some(keys) => Who::ByKey(keys),
            None => Who::Fixed(0),
        },
    };
    let server = Server {
        shared: Arc::new(shared),
    };
    match args.http {
        Some(addr) => http::serve(server, addr).await,
        None => {
            let running = server
                .serve(rmcp::transport::stdio())
                .await
                .map_err(|e| Failure::other(format!("MCP session failed to start: {e}")))?;
            running
                .waiting()
                .await
                .map_err(|e| Failure::other(format!("MCP session ended abnormally: {e}")))?;
            Ok(())
        }
    }
}

/// The policy file's audit sinks, each replaced by the one its command-line flag names.
fn audit_settings(file: &AuditSettings, args: &McpArgs) -> AuditSettings {
    let mut audit = file.clone();
    if let Some(path) = &args.audit {
        audit.jsonl = Some(path.clone());
    }
    if let Some(path) = &args.audit_sqlite {
        audit.sqlite = Some(path.clone());
    }
    audit.tracing |= args.audit_tracing;
    audit
}

/// One agent: its client (token and interceptors) and the tools its policy allows.
fn agent(
    ctx: &Context,
    file: &PolicyFile,
    entry: &AgentEntry,
    audit: &AuditSettings,
    store: Arc<dyn CounterStore>,
    dry_run: bool,
) -> Result<Agent, Failure> {
    let trail: AuditInterceptor = audit.interceptor(entry.name()).map_err(|e| {
        Failure::other(format!(
            "the audit trail of `{}`: {}",
            entry.name(),
            error_chain(&e)
        ))
    })?;
    let interceptors = AgentInterceptors {
        policy: entry.policy().clone(),
        quota: Arc::new(file.quota().interceptor(entry, store)),
        audit: Arc::new(trail),
    };
    let builder = ctx.client_builder()?;
    let builder = if dry_run {
        // Policy, then the dry run (recorded, stopped), then the quota: a dry run spends nothing.
        builder
            .interceptor(interceptors.policy.clone())
            .interceptor(dry_run::DryRunAudit {
                audit: Arc::clone(&interceptors.audit),
            })
            .interceptor(Arc::clone(&interceptors.quota))
    } else {
        interceptors.register(builder)
    };
    let client: Client = builder
        .build()
        .map_err(|e| Failure::new(Exit::Auth, error_chain(&e)))?;
    let policy = interceptors.policy;
    let quota = interceptors.quota;
    let tools = ctx
        .spec
        .operations()
        .filter(|op| policy.allows(op.entry.area, op.entry.effect))
        .map(|op| tools::tool(&op))
        .collect();
    Ok(Agent {
        policy,
        client,
        quota,
        tools,
    })
}
