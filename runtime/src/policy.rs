//! Deny-by-default access for agents (or any part of an application): per [`Area`], no access,
//! read, or read and write; optionally only on some targets. Checked locally, on the client's
//! [interception seam](crate::interceptor), before anything is sent.
//!
//! An [`AgentPolicy`] names the agent, the [`Access`] it has to each area (an area not named is
//! [`Access::Off`]), optionally the entities it may act on ([`Target`]: URNs and the keyword
//! `member`, the member the token belongs to), and a daily call budget (declared here, enforced
//! by a quota interceptor such as the gateway's). Registered as an interceptor, it refuses a
//! call it does not allow with [`Error::Refused`](crate::Error::Refused), whose refusal's
//! [`source`](std::error::Error::source) is the [`Denial`], and LinkedIn sees nothing:
//!
//! ```
//! use linkedin_api::operation::{Area, Effect};
//! use linkedin_api::policy::{Access, AgentPolicy};
//!
//! let policy = AgentPolicy::new("social-bot")
//!     .area(Area::Comments, Access::Read)
//!     .area(Area::Posts, Access::Full)
//!     .targets(["member", "urn:li:organization:2414183"])
//!     .daily_budget(200);
//! assert!(policy.allows(Area::Comments, Effect::Read));
//! assert!(!policy.allows(Area::Comments, Effect::Write));
//! assert!(!policy.allows(Area::Ads, Effect::Read), "an area not named is off");
//!
//! // Policies read from (and write to) JSON, TOML or YAML with serde.
//! let same: AgentPolicy = serde_json::from_str(r#"{
//!     "name": "social-bot",
//!     "areas": { "comments": "read", "posts": "full" },
//!     "targets": ["member", "urn:li:organization:2414183"],
//!     "daily_budget": 200
//! }"#).unwrap();
//! assert_eq!(same, policy);
//!
//! let client = linkedin_api::Client::builder()
//!     .access_token("…")
//!     .interceptor(policy)
//!     .build()
//!     .unwrap();
//! // `api.comments().create(…).send().await` now fails with
//! // "comments.create: refused before sending by agent policy: agent `social-bot` may only read comments".
//! # let _ = client;
//! ```
//!
//! [`AgentPolicy::decide`] answers the same question without a client (to list what an agent may
//! do, or to check a dry run): give it [`OperationInfo::from_request`].

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::area::{Area, Effect};
use crate::interceptor::{Interceptor, OperationInfo, Refusal};

/// What an agent may do in one area.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Nothing: every call of the area is denied. What an area not named in a policy gets.
    #[default]
    Off,
    /// Reads only.
    Read,
    /// Reads and writes.
    Full,
}

impl Access {
    /// Whether this access allows a call with `effect`.
    pub fn allows(self, effect: Effect) -> bool {
        match self {
            Access::Off => false,
            Access::Read => effect == Effect::Read,
            Access::Full => true,
        }
    }

    /// The wire name (`off`, `read`, `full`).
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Off => "off",
            Access::Read => "read",
            Access::Full => "full",
        }
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Access {
    type Err = String;

    fn from_str(s: &str) -> Result<Access, String> {
        match s {
            "off" => Ok(Access::Off),
            "read" => Ok(Access::Read),
            "full" => Ok(Access::Full),
            _ => Err(format!(
                "`{}` is not an access (expected `off`, `read` or `full`)",
                crate::body::bounded(s, 64)
            )),
        }
    }
}

/// An entity an agent may act on or for: a URN (`urn:li:organization:2414183`,
/// `urn:li:sponsoredAccount:507404993`), or `member`, the member the token belongs to.
///
/// In policy files it is a string; anything but `member` must be a URN (`urn:…`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Target {
    /// The authenticated member: the URN set with [`AgentPolicy::member`]; while that is
    /// unknown, any person or member URN (`urn:li:person:…`, `urn:li:member:…`).
    Member,
    /// This entity, compared exactly.
    Urn(String),
}

impl Target {
    fn matches(&self, target: &str, member: Option<&str>) -> bool {
        match self {
            Target::Urn(urn) => urn == target,
            Target::Member => match member {
                Some(member) => member == target,
                None => {
                    target.starts_with("urn:li:person:") || target.starts_with("urn:li:member:")
                }
            },
        }
    }
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Target, String> {
        match s {
            "member" => Ok(Target::Member),
            urn if urn.starts_with("urn:") && urn.len() > "urn:".len() => {
                Ok(Target::Urn(urn.to_owned()))
            }
            other => Err(format!(
                "`{}` is not a target (expected `member` or a URN such as `urn:li:organization:123`)",
                crate::body::bounded(other, 64)
            )),
        }
    }
}

impl TryFrom<String> for Target {
    type Error = String;

    fn try_from(s: String) -> Result<Target, String> {
        s.parse()
    }
}

impl From<Target> for String {
    fn from(t: Target) -> String {
        t.to_string()
    }
}

/// `member`, or the URN as given (not checked: a string that is not a URN matches no call).
impl From<&str> for Target {
    fn from(s: &str) -> Target {
        if s == "member" {
            Target::Member
        } else {
            Target::Urn(s.to_owned())
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Member => f.write_str("member"),
            Target::Urn(urn) => f.write_str(urn),
        }
    }
}

/// One agent's access. See the [module documentation](self).
///
/// Serde form (field names as in JSON; TOML and YAML alike): `name`, `areas` (area name to
/// `off`/`read`/`full`), optional `targets` (strings), `daily_budget` and `member`; unknown
/// fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PolicyFields", into = "PolicyFields")]
pub struct AgentPolicy {
    name: String,
    areas: BTreeMap<Area, Access>,
    targets: Option<Vec<Target>>,
    daily_budget: Option<u32>,
    member: Option<String>,
}

/// The serde form, checked on the way in.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFields {
    name: String,
    #[serde(default)]
    areas: BTreeMap<Area, Access>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    targets: Option<Vec<Target>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    daily_budget: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member: Option<String>,
}

impl TryFrom<PolicyFields> for AgentPolicy {
    type Error = String;

    fn try_from(f: PolicyFields) -> Result<AgentPolicy, String> {
        // The name is quoted in every denial and audit sentence.
        if f.name.trim().is_empty() || f.name.chars().any(char::is_control) {
            return Err(
                "an agent's `name` must be non-empty, without control characters".to_owned(),
            );
        }
        if let Some(member) = &f.member
            && !member.starts_with("urn:")
        {
            return Err(format!(
                "`member` must be the member's URN (`urn:li:person:…`), not `{}`",
                crate::body::bounded(member, 64)
            ));
        }
        Ok(AgentPolicy {
            name: f.name,
            areas: f.areas,
            targets: f.targets,
            daily_budget: f.daily_budget,
            member: f.member,
        })
    }
}

impl From<AgentPolicy> for PolicyFields {
    fn from(p: AgentPolicy) -> PolicyFields {
        PolicyFields {
            name: p.name,
            areas: p.areas,
            targets: p.targets,
            daily_budget: p.daily_budget,
            member: p.member,
        }
    }
}

impl AgentPolicy {
    /// A policy for the agent `name` that allows nothing yet.
    pub fn new(name: impl Into<String>) -> AgentPolicy {
        AgentPolicy {
            name: name.into(),
            areas: BTreeMap::new(),
            targets: None,
            daily_budget: None,
            member: None,
        }
    }

    /// Gives the agent `access` to `area` (replacing what it had).
    pub fn area(mut self, area: Area, access: Access) -> AgentPolicy {
        self.areas.insert(area, access);
        self
    }

    /// Limits the agent to these targets: a call any of whose [targets](OperationInfo::targets)
    /// is not one of them is denied. Without this, targets are not checked. A call's targets are
    /// the URNs in its path and query, and those its body names as the entity it acts as, for
    /// or on (the spec's `x-linkedin-target`: a post's `author`, a comment's `actor`, an
    /// upload's `owner`, a campaign's `account`, …).
    pub fn targets<I, T>(mut self, targets: I) -> AgentPolicy
    where
        I: IntoIterator<Item = T>,
        T: Into<Target>,
    {
        self.targets = Some(targets.into_iter().map(Into::into).collect());
        self
    }

    /// The agent's daily call budget: declared here, enforced by a quota interceptor.
    pub fn daily_budget(mut self, calls: u32) -> AgentPolicy {
        self.daily_budget = Some(calls);
        self
    }

    /// The URN of the member the token belongs to (`urn:li:person:…`, e.g. from
    /// [`Client::userinfo`](crate::Client::userinfo)'s `sub`): what the target `member` means.
    pub fn member(mut self, urn: impl Into<String>) -> AgentPolicy {
        self.member = Some(urn.into());
        self
    }

    /// The agent's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The agent's access to `area` ([`Access::Off`] when the policy does not name it).
    pub fn access(&self, area: Area) -> Access {
        self.areas.get(&area).copied().unwrap_or_default()
    }

    /// The areas the policy names, with their access.
    pub fn areas(&self) -> impl Iterator<Item = (Area, Access)> + '_ {
        self.areas.iter().map(|(a, x)| (*a, *x))
    }

    /// The targets the agent is limited to; `None` when it is not.
    pub fn allowed_targets(&self) -> Option<&[Target]> {
        self.targets.as_deref()
    }

    /// The agent's daily call budget, if declared.
    pub fn budget(&self) -> Option<u32> {
        self.daily_budget
    }

    /// The member's URN set with [`member`](Self::member).
    pub fn member_urn(&self) -> Option<&str> {
        self.member.as_deref()
    }

    /// Whether the agent may make calls with `effect` in `area` (targets aside): what decides
    /// which operations a tool list offers it.
    pub fn allows(&self, area: Area, effect: Effect) -> bool {
        self.access(area).allows(effect)
    }

    /// Whether the agent may make this call: its area's access covers its effect, and each of
    /// its targets is allowed. A call of no known area is denied.
    pub fn decide(&self, op: &OperationInfo) -> Decision {
        let deny = |reason| {
            Err(Denial {
                agent: self.name.clone(),
                operation: op.id(),
                reason,
            })
        };
        let Some(area) = op.area() else {
            return deny(DenialReason::UnknownArea);
        };
        match self.access(area) {
            Access::Off => return deny(DenialReason::AreaOff(area)),
            Access::Read if op.effect() == Effect::Write => {
                return deny(DenialReason::ReadOnly(area));
            }
            Access::Read | Access::Full => {}
        }
        if let Some(allowed) = &self.targets {
            let member = self.member.as_deref();
            if let Some(target) = op
                .targets()
                .iter()
                .find(|t| !allowed.iter().any(|a| a.matches(t, member)))
            {
                return deny(DenialReason::Target(target.clone()));
            }
        }
        Ok(())
    }
}

impl Interceptor for AgentPolicy {
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        self.decide(op)
            .map_err(|denial| Refusal::new(denial.to_string()).with_source(denial))
    }

    fn name(&self) -> &'static str {
        "agent policy"
    }
}

/// A policy's answer about one call: allowed, or denied and why.
pub type Decision = Result<(), Denial>;

/// Why a policy denied a call. `Display` is a plain-English sentence ("agent `social-bot` may
/// only read comments").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Denial {
    agent: String,
    operation: &'static str,
    reason: DenialReason,
}

/// What a [`Denial`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DenialReason {
    /// The agent has no access to the area.
    AreaOff(Area),
    /// The agent may only read in the area, and the call writes.
    ReadOnly(Area),
    /// The call does not say which area it belongs to (a hand-built request without
    /// [`Request::area`](crate::Request::area)), so no area's access can allow it.
    UnknownArea,
    /// The call acts on or for an entity (this URN) the agent may not.
    Target(String),
}

impl Denial {
    /// The agent denied.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// The operation (operationId) denied.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// Why.
    pub fn reason(&self) -> &DenialReason {
        &self.reason
    }
}

impl fmt::Display for Denial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let agent = &self.agent;
        match &self.reason {
            DenialReason::AreaOff(area) => write!(f, "agent `{agent}` may not use {area}"),
            DenialReason::ReadOnly(area) => write!(f, "agent `{agent}` may only read {area}"),
            DenialReason::UnknownArea => write!(
                f,
                "agent `{agent}` may not call `{}`: its area is unknown",
                self.operation
            ),
            DenialReason::Target(target) => {
                write!(f, "agent `{agent}` may not act on {target}")
            }
        }
    }
}

impl std::error::Error for Denial {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{Request, RestliMethod};

    fn op(
        id: &'static str,
        method: RestliMethod,
        area: Option<Area>,
        targets: &[&str],
    ) -> OperationInfo {
        let mut req = Request::restli(id, method, "/rest/x", "/rest/x".into());
        if let Some(area) = area {
            req = req.area(area);
        }
        for t in targets {
            req = req.target(*t);
        }
        OperationInfo::from_request(&req)
    }

    fn bot() -> AgentPolicy {
        AgentPolicy::new("social-bot")
            .area(Area::Comments, Access::Read)
            .area(Area::Posts, Access::Full)
    }

    fn denial(policy: &AgentPolicy, op: &OperationInfo) -> String {
        policy.decide(op).unwrap_err().to_string()
    }

    #[test]
    fn read_access_allows_reads_and_denies_writes_in_plain_english() {
        let p = bot();
        assert!(
            p.decide(&op(
                "comments.get",
                RestliMethod::Get,
                Some(Area::Comments),
                &[]
            ))
            .is_ok()
        );
        let create = op(
            "comments.create",
            RestliMethod::Create,
            Some(Area::Comments),
            &[],
        );
        let denied = p.decide(&create).unwrap_err();
        assert_eq!(
            denied.to_string(),
            "agent `social-bot` may only read comments"
        );
        assert_eq!(denied.reason(), &DenialReason::ReadOnly(Area::Comments));
        assert_eq!(
            (denied.agent(), denied.operation()),
            ("social-bot", "comments.create")
        );
        assert!(
            p.decide(&op(
                "posts.create",
                RestliMethod::Create,
                Some(Area::Posts),
                &[]
            ))
            .is_ok()
        );
    }

    #[test]
    fn deny_by_default_an_area_not_named_or_off_or_unknown() {
        let p = bot().area(Area::Media, Access::Off);
        let ads = op("adAccounts.get", RestliMethod::Get, Some(Area::Ads), &[]);
        assert_eq!(denial(&p, &ads), "agent `social-bot` may not use ads");
        let media = op("images.get", RestliMethod::Get, Some(Area::Media), &[]);
        assert_eq!(denial(&p, &media), "agent `social-bot` may not use media");
        let raw = op("custom.thing", RestliMethod::Get, None, &[]);
        assert_eq!(
            denial(&p, &raw),
            "agent `social-bot` may not call `custom.thing`: its area is unknown"
        );
        assert!(
            AgentPolicy::new("x")
                .decide(&op("me.get", RestliMethod::Get, Some(Area::Identity), &[]))
                .is_err()
        );
    }

    #[test]
    fn an_effect_override_is_what_counts() {
        let p = AgentPolicy::new("analyst").area(Area::Ads, Access::Read);
        let action = Request::restli(
            "audience.count",
            RestliMethod::Action,
            "/rest/x",
            "/rest/x".into(),
        )
        .area(Area::Ads);
        assert!(p.decide(&OperationInfo::from_request(&action)).is_err());
        let reads = action.effect(Effect::Read);
        assert!(p.decide(&OperationInfo::from_request(&reads)).is_ok());
    }

    #[test]
    fn every_target_must_be_allowed() {
        let p = bot().targets(["urn:li:organization:1", "member"]);
        let find = |targets: &[&str]| {
            op(
                "posts.findByAuthor",
                RestliMethod::Finder,
                Some(Area::Posts),
                targets,
            )
        };
        assert!(p.decide(&find(&["urn:li:organization:1"])).is_ok());
        assert!(p.decide(&find(&[])).is_ok(), "a call naming no entity");
        assert!(
            p.decide(&find(&["urn:li:person:abc"])).is_ok(),
            "member, URN unknown: any person"
        );
        assert_eq!(
            denial(
                &p,
                &find(&["urn:li:organization:1", "urn:li:organization:2"])
            ),
            "agent `social-bot` may not act on urn:li:organization:2"
        );
        // Once the member is known, `member` is that member only.
        let p = p.member("urn:li:person:me");
        assert!(p.decide(&find(&["urn:li:person:me"])).is_ok());
        assert_eq!(
            denial(&p, &find(&["urn:li:person:abc"])),
            "agent `social-bot` may not act on urn:li:person:abc"
        );
        // The area is checked first: the reason is the more fundamental one.
        let ads = op(
            "adAccounts.get",
            RestliMethod::Get,
            Some(Area::Ads),
            &["urn:li:organization:9"],
        );
        assert_eq!(denial(&p, &ads), "agent `social-bot` may not use ads");
    }

    #[test]
    fn the_serde_form_round_trips_and_bad_input_is_named() {
        let p = bot()
            .targets(["member"])
            .daily_budget(200)
            .member("urn:li:person:me");
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "name": "social-bot",
                "areas": { "posts": "full", "comments": "read" },
                "targets": ["member"],
                "daily_budget": 200,
                "member": "urn:li:person:me",
            })
        );
        assert_eq!(serde_json::from_value::<AgentPolicy>(json).unwrap(), p);
        let err = |json: &str| {
            serde_json::from_str::<AgentPolicy>(json)
                .unwrap_err()
                .to_string()
        };
        assert!(
            err(r#"{"name":"a","areas":{"comment":"read"}}"#).contains("unknown variant `comment`")
        );
        assert!(
            err(r#"{"name":"a","areas":{"posts":"write"}}"#).contains("unknown variant `write`")
        );
        assert!(err(r#"{"name":"a","targets":["org:1"]}"#).contains("`org:1` is not a target"));
        assert!(err(r#"{"name":"a","budget":1}"#).contains("unknown field `budget`"));
        assert!(err(r#"{"name":" "}"#).contains("`name` must be non-empty"));
        assert!(err(r#"{"name":"a","member":"me"}"#).contains("`member` must be the member's URN"));
    }

    #[test]
    fn as_an_interceptor_the_denial_is_the_refusal_source() {
        let p = bot();
        let create = op(
            "comments.create",
            RestliMethod::Create,
            Some(Area::Comments),
            &[],
        );
        let refusal = p.before_send(&create).unwrap_err();
        assert_eq!(
            refusal.reason(),
            "agent `social-bot` may only read comments"
        );
        let source = std::error::Error::source(&refusal).unwrap();
        assert!(source.downcast_ref::<Denial>().is_some());
        assert_eq!(Interceptor::name(&p), "agent policy");
    }
}
