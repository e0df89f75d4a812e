//! What part of LinkedIn an operation touches ([`Area`]) and whether it changes anything
//! ([`Effect`]): the two facts an access policy is written in. Re-exported from
//! [`operation`](crate::operation).
//!
//! The spec declares the area once per tag (`x-linkedin-area`) and the effect follows from the
//! Rest.li method, with an operation-level override (`x-linkedin-effect`); generated operations
//! carry both as [`Operation::AREA`](crate::operation::Operation::AREA) and
//! [`Operation::EFFECT`](crate::operation::Operation::EFFECT).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::request::RestliMethod;

/// The part of LinkedIn an operation belongs to. Wire names (serde, [`as_str`](Self::as_str),
/// [`FromStr`]) are the lowercase words of `x-linkedin-area`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Area {
    /// Who the token belongs to: sign-in, `userinfo`, `/v2/me`, the OAuth endpoints.
    Identity,
    /// Posts, UGC posts, their social metadata.
    Posts,
    /// Comments.
    Comments,
    /// Reactions.
    Reactions,
    /// Images, videos, documents and their uploads.
    Media,
    /// Organizations (company pages), their access control lists and authorizations.
    Organizations,
    /// Ad accounts, campaign groups, campaigns, creatives, ad account users, targeting.
    Ads,
    /// Ad analytics, member analytics, follower, share and page statistics.
    Analytics,
    /// Lead forms, their responses and lead notifications.
    Leads,
    /// Conversion rules and conversion events.
    Conversions,
    /// LinkedIn events.
    Events,
}

impl Area {
    /// Every area, in the order of the table in `spec/README.md`.
    pub const ALL: [Area; 11] = [
        Area::Identity,
        Area::Posts,
        Area::Comments,
        Area::Reactions,
        Area::Media,
        Area::Organizations,
        Area::Ads,
        Area::Analytics,
        Area::Leads,
        Area::Conversions,
        Area::Events,
    ];

    /// The wire name (`comments`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Area::Identity => "identity",
            Area::Posts => "posts",
            Area::Comments => "comments",
            Area::Reactions => "reactions",
            Area::Media => "media",
            Area::Organizations => "organizations",
            Area::Ads => "ads",
            Area::Analytics => "analytics",
            Area::Leads => "leads",
            Area::Conversions => "conversions",
            Area::Events => "events",
        }
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An area name that is not one of [`Area::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not an area (expected one of: {})", names(Area::ALL.iter().map(|a| a.as_str())))]
pub struct UnknownArea {
    name: String,
}

impl FromStr for Area {
    type Err = UnknownArea;

    fn from_str(s: &str) -> Result<Area, UnknownArea> {
        Area::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| UnknownArea {
                name: crate::body::bounded(s, 64),
            })
    }
}

/// Whether an operation only reads or may change something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Reads: nothing on LinkedIn changes.
    Read,
    /// Creates, changes, deletes or runs an action.
    Write,
}

impl Effect {
    /// The effect a Rest.li method has unless the spec says otherwise (`x-linkedin-effect`):
    /// GET, BATCH_GET, GET_ALL, FINDER and BATCH_FINDER read; everything else, actions
    /// included, writes.
    pub const fn of(method: RestliMethod) -> Effect {
        use RestliMethod::*;
        match method {
            Get | BatchGet | GetAll | Finder | BatchFinder => Effect::Read,
            Create | BatchCreate | Update | BatchUpdate | PartialUpdate | BatchPartialUpdate
            | Delete | BatchDelete | Action => Effect::Write,
        }
    }

    /// The wire name (`read`, `write`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Read => "read",
            Effect::Write => "write",
        }
    }
}

impl fmt::Display for Effect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An effect name other than `read` or `write`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not an effect (expected `read` or `write`)")]
pub struct UnknownEffect {
    name: String,
}

impl FromStr for Effect {
    type Err = UnknownEffect;

    fn from_str(s: &str) -> Result<Effect, UnknownEffect> {
        match s {
            "read" => Ok(Effect::Read),
            "write" => Ok(Effect::Write),
            _ => Err(UnknownEffect {
                name: crate::body::bounded(s, 64),
            }),
        }
    }
}

fn names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    names
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_round_trip_through_from_str_and_serde() {
        for area in Area::ALL {
            assert_eq!(area.as_str().parse::<Area>(), Ok(area));
            let json = serde_json::to_string(&area).unwrap();
            assert_eq!(json, format!("\"{area}\""));
            assert_eq!(serde_json::from_str::<Area>(&json).unwrap(), area);
        }
        for effect in [Effect::Read, Effect::Write] {
            assert_eq!(effect.as_str().parse::<Effect>(), Ok(effect));
            assert_eq!(
                serde_json::to_string(&effect).unwrap(),
                format!("\"{effect}\"")
            );
        }
    }

    #[test]
    fn an_unknown_name_is_named_with_the_choices() {
        let err = "comment".parse::<Area>().unwrap_err().to_string();
        assert!(err.starts_with("`comment` is not an area"), "{err}");
        assert!(
            err.contains("`comments`") && err.contains("`events`"),
            "{err}"
        );
        let err = "Read".parse::<Effect>().unwrap_err().to_string();
        assert_eq!(err, "`Read` is not an effect (expected `read` or `write`)");
        assert!(serde_json::from_str::<Area>("\"Posts\"").is_err());
    }

    #[test]
    fn reads_are_the_get_family_and_everything_else_writes() {
        for method in RestliMethod::ALL {
            let reads = method.http_method() == http::Method::GET;
            assert_eq!(Effect::of(method) == Effect::Read, reads, "{method:?}");
        }
    }
}
