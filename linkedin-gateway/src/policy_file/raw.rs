//! The file as serde reads it, before any check.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

// The file as written, every value that can be wrong kept with its place.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub(super) quota: Option<RawQuota>,
    #[serde(default)]
    pub(super) audit: Option<RawAudit>,
    #[serde(default)]
    // Keys as plain strings: serde_path_to_error names only string keys in a field's path.
    pub(super) agents: BTreeMap<String, Spanned<RawAgent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuota {
    pub(super) app: Option<Spanned<String>>,
    pub(super) app_per_endpoint: Option<u64>,
    pub(super) member_per_endpoint: Option<u64>,
    pub(super) store: Option<Spanned<String>>,
    pub(super) sqlite_path: Option<Spanned<String>>,
    pub(super) redis_url_env: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) endpoints: BTreeMap<String, Spanned<RawCeilings>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCeilings {
    pub(super) app: Option<u64>,
    pub(super) member: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAudit {
    pub(super) jsonl: Option<Spanned<String>>,
    pub(super) sqlite: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) tracing: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAgent {
    pub(super) key_env: Option<Spanned<String>>,
    pub(super) member: Option<Spanned<String>>,
    pub(super) targets: Option<Vec<Spanned<String>>>,
    pub(super) daily_budget: Option<u32>,
    #[serde(default)]
    pub(super) areas: BTreeMap<String, Spanned<String>>,
}
