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
    /// Calls the operation through its typed request builder (see [`Call`]).
    pub call: Call,
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

/// What [`Operation::call`] returns.
pub type CallFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Outcome, crate::Error>> + Send>>;

/// Calls an operation through its typed request builder, with arguments as JSON: `{"<parameter
/// wire name>": value, …, "body": {…}}`, values in their decoded form (a URN as
/// `"urn:li:person:1"`, a Rest.li list as a JSON array). The version is the `Linkedin-Version` to
/// send.
pub type Call = fn(crate::Client, &'static str, serde_json::Value) -> CallFuture;

/// The answer to an [`Operation::call`]: status, headers, and the body decoded through the
/// operation's generated type and encoded back to JSON (for a create, the new id; for an empty
/// answer, `null`).
#[derive(Debug)]
pub struct Outcome {
    /// The 2xx status.
    pub status: http::StatusCode,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The typed result, as JSON.
    pub value: serde_json::Value,
}

impl Outcome {
    /// Used by generated code.
    pub fn new(raw: crate::client::RawResponse, value: serde_json::Value) -> Outcome {
        Outcome {
            status: raw.status,
            headers: raw.headers,
            value,
        }
    }
}

/// The JSON arguments of a call, taken one by one (what is left over is an error).
#[derive(Debug)]
pub struct Args {
    operation: &'static str,
    values: serde_json::Map<String, serde_json::Value>,
}

impl Args {
    /// The arguments of `operation`; they must be a JSON object.
    pub fn new(operation: &'static str, args: serde_json::Value) -> Result<Args, crate::Error> {
        match args {
            serde_json::Value::Object(values) => Ok(Args { operation, values }),
            serde_json::Value::Null => Ok(Args {
                operation,
                values: Default::default(),
            }),
            other => Err(arg_error(
                operation,
                format!("the arguments must be a JSON object, not {other}"),
            )),
        }
    }

    /// A required argument.
    pub fn required<T: DeserializeOwned>(&mut self, name: &str) -> Result<T, crate::Error> {
        match self.optional(name)? {
            Some(value) => Ok(value),
            None => Err(arg_error(
                self.operation,
                format!("argument `{name}` is required"),
            )),
        }
    }

    /// An optional argument (absent or `null` is `None`).
    pub fn optional<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, crate::Error> {
        match self.values.remove(name) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v)
                .map(Some)
                .map_err(|e| arg_error(self.operation, format!("argument `{name}`: {e}"))),
        }
    }

    /// Fails on arguments the operation does not take.
    pub fn finish(self) -> Result<(), crate::Error> {
        match self.values.keys().next() {
            None => Ok(()),
            Some(name) => Err(arg_error(
                self.operation,
                format!("`{name}` is not an argument of this operation"),
            )),
        }
    }
}

fn arg_error(operation: &'static str, message: String) -> crate::Error {
    crate::Error::Encode {
        operation,
        source: crate::restli::EncodeError::new(message),
    }
}

/// The body decoded as `T`, as JSON.
pub fn decoded<T: DeserializeOwned + Serialize>(
    operation: &'static str,
    raw: &crate::client::RawResponse,
) -> Result<serde_json::Value, crate::Error> {
    let value: T = raw.json(operation)?;
    Ok(serde_json::to_value(&value).unwrap_or(serde_json::Value::Null))
}

/// The created id parsed as `K`, as JSON.
pub fn created<K>(
    operation: &'static str,
    raw: &crate::client::RawResponse,
) -> Result<serde_json::Value, crate::Error>
where
    K: FromStr + Serialize,
    K::Err: Display,
{
    let id: K = raw.created_id(operation)?;
    Ok(serde_json::to_value(&id).unwrap_or(serde_json::Value::Null))
}

/// The created id (as `K`) and entity (as `T`), as `{"id": …, "entity": …}`.
pub fn created_with<K, T>(
    operation: &'static str,
    raw: &crate::client::RawResponse,
) -> Result<serde_json::Value, crate::Error>
where
    K: FromStr + Serialize,
    K::Err: Display,
    T: DeserializeOwned + Serialize,
{
    let id = created::<K>(operation, raw)?;
    let entity = if raw.is_empty() {
        serde_json::Value::Null
    } else {
        decoded::<T>(operation, raw)?
    };
    Ok(serde_json::json!({ "id": id, "entity": entity }))
}
