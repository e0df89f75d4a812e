//! The MCP server: lists the tools the calling agent's policy allows and calls them through
//! that agent's own client (its policy, quota, audit and dry-run interceptors).

use std::sync::Arc;

use linkedin_api::Client;
use linkedin_api::policy::AgentPolicy;
use linkedin_api::request::Request;
use linkedin_gateway::policy_file::GatewayKeys;
use linkedin_gateway::quota::{Endpoint, QuotaInterceptor};
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, Implementation,
    ListToolsResult, PaginatedRequestParams, ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{ErrorData as McpError, RoleServer, ServerHandler};
use serde_json::{Value, json};

use crate::error::error_chain;
use crate::facts::{Operation, Spec};

/// One agent as the server serves it.
pub struct Agent {
    pub policy: AgentPolicy,
    /// A client whose interceptors enforce and record this agent's calls.
    pub client: Client,
    /// The quota its client counts against, asked what remains after each call.
    pub quota: Arc<QuotaInterceptor>,
    /// The tools its policy allows, in the catalogue's order.
    pub tools: Vec<Tool>,
}

/// Which agent a request comes from.
pub enum Who {
    /// stdio: the one agent named on the command line.
    Fixed(usize),
    /// HTTP: the agent whose key the request's `Authorization: Bearer` carries.
    ByKey(GatewayKeys),
}

/// What is shared by every session.
pub struct Shared {
    pub version: &'static str,
    pub spec: Spec,
    pub agents: Vec<Agent>,
    pub who: Who,
}

#[derive(Clone)]
pub struct Server {
    pub shared: Arc<Shared>,
}

impl Shared {
    /// The agent whose key is `given` (the gateway compares it with every key in constant time).
    pub fn agent_by_key(&self, given: &str) -> Option<usize> {
        let Who::ByKey(keys) = &self.who else {
            return None;
        };
        let name = keys.agent_for(given)?;
        self.agents.iter().position(|a| a.policy.name() == name)
    }
}

/// The bearer key of an HTTP request's headers.
pub fn bearer(headers: &http::HeaderMap) -> Option<&str> {
    let value = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
}

impl Server {
    fn agent(&self, context: &RequestContext<RoleServer>) -> Result<&Agent, McpError> {
        let index = match self.shared.who {
            Who::Fixed(i) => Some(i),
            Who::ByKey(_) => context
                .extensions
                .get::<http::request::Parts>()
                .and_then(|parts| bearer(&parts.headers))
                .and_then(|key| self.shared.agent_by_key(key)),
        };
        index
            .and_then(|i| self.shared.agents.get(i))
            .ok_or_else(|| McpError::invalid_request("no agent key, or an unknown one", None))
    }

    fn operation(&self, tool: &str) -> Option<Operation> {
        self.shared
            .spec
            .operations()
            .find(|op| super::tools::tool_name(op.entry.id) == tool)
    }
}

impl Server {
    /// A tool the agent's policy does not list, called anyway: refused before its arguments are
    /// even read. The refusal goes through the agent's client like any call, so its policy
    /// words the reason and its audit trail records it; the policy is the client's first
    /// interceptor and denies this area and effect whatever the targets, so nothing is sent.
    async fn refuse(&self, agent: &Agent, op: &Operation) -> String {
        let e = op.entry;
        let request = Request::restli(e.id, e.method, e.path, e.path.into())
            .version(self.shared.version)
            .area(e.area)
            .effect(e.effect)
            .summary(e.summary)
            .scopes(e.scopes);
        match agent.client.execute(request).await {
            Err(err) => error_chain(&err),
            Ok(_) => format!("agent `{}` may not call `{}`", agent.policy.name(), e.id),
        }
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("linkedin", env!("CARGO_PKG_VERSION")))
            .with_instructions(format!(
                "LinkedIn REST API, version {}. Each tool is one operation your access policy allows; its result is LinkedIn's answer as JSON.",
                self.shared.version
            ))
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, McpError> {
        let agent = self.agent(&context)?;
        Ok(ListToolsResult::with_all_items(agent.tools.clone()))
    }

    fn get_tool(&self, _name: &str) -> Option<Tool> {
        // Which tools exist depends on the caller; `call_tool` decides per request.
        None
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, McpError> {
        let agent = self.agent(&context)?;
        let Some(op) = self.operation(&request.name) else {
            return Err(McpError::invalid_params(
                format!("no tool `{}`", request.name),
                None,
            ));
        };
        let args = Value::Object(request.arguments.unwrap_or_default());
        let policy = &agent.policy;
        if !policy.allows(op.entry.area, op.entry.effect) {
            return Ok(error_result(&self.refuse(agent, &op).await).into());
        }
        let outcome = (op.entry.call)(agent.client.clone(), self.shared.version, args).await;
        Ok(match outcome {
            Ok(outcome) => {
                let text = serde_json::to_string_pretty(&outcome.value).unwrap_or_default();
                let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
                result.structured_content = Some(json!({
                    "status": outcome.status.as_u16(),
                    "value": outcome.value,
                    "quota": remaining(agent, &op),
                }));
                result
            }
            Err(linkedin_api::Error::Refused { interceptor, .. })
                if interceptor == super::dry_run::NAME =>
            {
                let text = format!(
                    "dry run: the arguments of `{}` are valid and the agent may call it; nothing was sent to LinkedIn",
                    op.entry.id
                );
                let mut result = CallToolResult::success(vec![ContentBlock::text(text)]);
                result.structured_content = Some(json!({"dryRun": true, "sent": false}));
                result
            }
            Err(err) => error_result(&error_chain(&err)),
        }
        .into())
    }
}

/// What remains of today's quotas for the operation's endpoint, so an agent can pace itself;
/// `null` when the store cannot say (the call itself went through).
fn remaining(agent: &Agent, op: &Operation) -> Value {
    let endpoint = Endpoint::new(op.entry.method, op.entry.path);
    match agent.quota.remaining(&endpoint) {
        Ok(remaining) => serde_json::to_value(remaining).unwrap_or(Value::Null),
        Err(e) => {
            tracing::warn!("the quota store cannot say what remains: {e}");
            Value::Null
        }
    }
}

fn error_result(text: &str) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(text.to_owned())])
}
