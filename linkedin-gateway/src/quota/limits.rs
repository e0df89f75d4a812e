//! What the quotas are counted against and what a spent one says: ceilings, endpoints, the
//! refusal, what remains.

use std::fmt;
use std::time::SystemTime;

use linkedin_api::interceptor::OperationInfo;
use linkedin_api::request::RestliMethod;

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

    /// Reads `FINDER /rest/posts` (a Rest.li method as sent in `X-RestLi-Method`, upper case,
    /// one space, a path template starting with `/`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let (method, path) = text.split_once(' ').unwrap_or((text, ""));
        let method = RestliMethod::ALL
            .into_iter()
            .find(|m| m.header_value() == method)
            .ok_or_else(|| {
                format!(
                    "`{text}` does not start with a Rest.li method (`FINDER /rest/posts`; methods: {})",
                    RestliMethod::ALL.map(|m| m.header_value()).join(", ")
                )
            })?;
        if !path.starts_with('/') || path.contains(char::is_whitespace) {
            return Err(format!(
                "`{text}`: the path template must follow the method after one space and start with `/`"
            ));
        }
        Ok(Endpoint::new(method, path))
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
/// [`Refusal`](linkedin_api::interceptor::Refusal) (downcast the error's source to read it).
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
/// LinkedIn has not answered 429). Serializes as `{"app", "member", "agent_budget",
/// "resets_at"}`, the reset in RFC 3339 UTC, as the MCP server shows it to agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Remaining {
    /// Calls left for the application.
    pub app: Option<u64>,
    /// Calls left for the member (`None` too when no member is set).
    pub member: Option<u64>,
    /// Calls left in the agent's budget (`None` too when no agent is set).
    pub agent_budget: Option<u64>,
    /// When the counts reset.
    #[serde(serialize_with = "serialize_time")]
    pub resets_at: SystemTime,
}

fn serialize_time<S: serde::Serializer>(at: &SystemTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*at))
}
