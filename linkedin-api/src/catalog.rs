//! A catalogue of every generated operation, per version (`v202606::OPERATIONS`).
//!
//! Each entry says how the operation is called (HTTP method, path template, Rest.li method), which
//! scopes it needs, and carries decoders for its request and response bodies. Applications use
//! it to check a token's scopes before calling; the test suite uses it to decode every example
//! of the spec, and every mock response, through the generated types.

use std::fmt::Display;
use std::str::FromStr;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes a JSON body into an operation's Rust type and encodes it back.
pub type RoundTrip = fn(&[u8]) -> Result<serde_json::Value, serde_json::Error>;

/// Parses a created entity's id into the operation's key type.
pub type ParseId = fn(&str) -> Result<(), String>;

/// One generated operation.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The spec's operationId, `resource.method`.
    pub id: &'static str,
    /// HTTP method.
    pub http_method: &'static str,
    /// The spec's path template.
    pub path: &'static str,
    /// The Rest.li method (`FINDER`, `BATCH_GET`, …).
    pub restli_method: &'static str,
    /// The `q=` or `action=` value that selects this method on its path, if any.
    pub discriminator: Option<(&'static str, &'static str)>,
    /// Sends `Linkedin-Version`.
    pub versioned: bool,
    /// Scope alternatives: a token with every scope of any one inner list may call it.
    pub scopes: &'static [&'static [&'static str]],
    /// Decodes a request body (if the operation has one) through its generated type.
    pub request: Option<RoundTrip>,
    /// Decodes a success response body (if it has one) through its generated type.
    pub response: Option<RoundTrip>,
    /// Parses a created entity's `x-restli-id` (for creates) into its generated key type.
    pub created_id: Option<ParseId>,
}

impl Operation {
    /// Whether a token holding `granted` scopes may call this operation (as far as scopes go:
    /// LinkedIn may also require a role on the page or ad account).
    pub fn allows<S: AsRef<str>>(&self, granted: &[S]) -> bool {
        self.scopes.is_empty()
            || self
                .scopes
                .iter()
                .any(|alt| alt.iter().all(|s| granted.iter().any(|g| g.as_ref() == *s)))
    }
}

/// Decodes `bytes` as `T` and encodes the result back to JSON.
pub fn round_trip<T: DeserializeOwned + Serialize>(
    bytes: &[u8],
) -> Result<serde_json::Value, serde_json::Error> {
    let value: T = serde_json::from_slice(bytes)?;
    serde_json::to_value(&value)
}

/// Parses a created id as `K`.
pub fn parse_id<K>(id: &str) -> Result<(), String>
where
    K: FromStr,
    K::Err: Display,
{
    id.parse::<K>().map(drop).map_err(|e| e.to_string())
}
