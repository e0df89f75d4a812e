//! A catalogue of every generated operation, per version (`v202606::OPERATIONS`).
//!
//! Each entry says how the operation is called (HTTP method, path template, Rest.li method), which
//! scopes it needs, and carries decoders for its request and response bodies. Applications use
//! it to check a token's scopes before calling; the test suite uses it to decode every example
//! of the spec, and every mock response, through the generated types.

use std::fmt::Display;
use std::str::FromStr;

mod args;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use self::args::{Args, ArgsError, FromArgs};

use crate::operation::{Area, Decode, Effect, Operation};
use crate::request::RestliMethod;

/// Decodes a JSON body into an operation's Rust type and encodes it back.
pub type RoundTrip = fn(&[u8]) -> Result<serde_json::Value, serde_json::Error>;

/// Parses a created entity's id into the operation's key type.
pub type ParseId = fn(&str) -> Result<(), String>;

/// One generated operation, as the catalogue lists it.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The spec's operationId, `resource.method`.
    pub id: &'static str,
    /// The Rest.li method (which fixes the HTTP method).
    pub method: RestliMethod,
    /// The spec's path template.
    pub path: &'static str,
    /// The `q=` or `action=` value that selects this method on its path, if any.
    pub discriminator: Option<(&'static str, &'static str)>,
    /// Sends `Linkedin-Version`.
    pub versioned: bool,
    /// Scope alternatives: a token with every scope of any one inner list may call it.
    pub scopes: &'static [&'static [&'static str]],
    /// The part of LinkedIn it belongs to ([`Operation::AREA`]).
    pub area: Area,
    /// Whether it reads or writes ([`Operation::EFFECT`]).
    pub effect: Effect,
    /// The spec's one-line summary ([`Operation::SUMMARY`]).
    pub summary: &'static str,
    /// Decodes a request body (if the operation has one) through its generated type.
    pub request: Option<RoundTrip>,
    /// Decodes a success response body (if it has one) through its generated type.
    pub response: Option<RoundTrip>,
    /// Parses a created entity's `x-restli-id` (for creates) into its generated key type.
    pub created_id: Option<ParseId>,
    /// Calls the operation through its typed parameters (see [`Call`]).
    pub call: Call,
}

impl Entry {
    /// The entry of operation `O`, which takes no request body.
    pub const fn of<O>() -> Entry
    where
        O: Operation + FromArgs,
    {
        Entry {
            id: O::ID,
            method: O::METHOD,
            path: O::PATH,
            discriminator: O::DISCRIMINATOR,
            versioned: O::VERSIONED,
            scopes: O::SCOPES,
            area: O::AREA,
            effect: O::EFFECT,
            summary: O::SUMMARY,
            request: None,
            response: <O::Response as Decode>::ROUND_TRIP,
            created_id: <O::Response as Decode>::PARSE_ID,
            call: call::<O>,
        }
    }

    /// The entry of operation `O`, whose request body is a `B`.
    pub const fn with_body<O, B>() -> Entry
    where
        O: Operation + FromArgs,
        B: DeserializeOwned + Serialize,
    {
        Entry {
            request: Some(round_trip::<B>),
            ..Entry::of::<O>()
        }
    }

    /// The HTTP method.
    pub fn http_method(&self) -> http::Method {
        self.method.http_method()
    }

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

/// What [`Entry::call`] returns.
pub type CallFuture =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<Outcome, crate::Error>> + Send>>;

/// Calls an operation with arguments as JSON: `{"<parameter wire name>": value, …, "body":
/// {…}}`, values in their decoded form (a URN as `"urn:li:person:1"`, a Rest.li list as a JSON
/// array); `null` stands for no arguments. The version is the `Linkedin-Version` to send.
pub type Call = fn(crate::Client, &'static str, serde_json::Value) -> CallFuture;

/// The answer to an [`Entry::call`]: status, headers, and the body decoded through the
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

/// [`Entry::call`] of operation `O`: its parameters decoded from the JSON arguments (unknown or
/// missing ones are an [`Error::Encode`](crate::Error::Encode) naming the operation), then sent
/// like any typed call.
///
/// Only the synchronous part is generic ([`prepare`], and `O`'s decoder passed as a function):
/// the catalogue instantiates this once per operation of every month, and an `async` body
/// generic over `O` would compile a state machine per operation; [`send`] is compiled once.
pub fn call<O>(client: crate::Client, version: &'static str, args: serde_json::Value) -> CallFuture
where
    O: Operation + FromArgs,
{
    let request = prepare::<O>(&client, version, args);
    Box::pin(send(
        client,
        request,
        O::ID,
        <O::Response as Decode>::to_json,
    ))
}

/// The request a catalogue call of `O` sends: the typed call's, from parameters decoded from
/// the JSON arguments (`null` stands for none).
fn prepare<O>(
    client: &crate::Client,
    version: &'static str,
    args: serde_json::Value,
) -> Result<crate::Request, crate::Error>
where
    O: Operation + FromArgs,
{
    let params = take_args::<O>(args).map_err(|e| crate::Error::Encode {
        operation: O::ID,
        source: crate::restli::EncodeError::new(format!("arguments: {e}")),
    })?;
    let call = crate::operation::Call::new(
        crate::operation::Handle::new(client.clone(), version),
        params,
    );
    Ok(call.to_request())
}

/// `O`'s parameters from the JSON arguments, every argument taken.
fn take_args<O: FromArgs>(value: serde_json::Value) -> Result<O, ArgsError> {
    let mut args = Args::new(value)?;
    let params = O::from_args(&mut args)?;
    args.finish(O::ARGS)?;
    Ok(params)
}

/// Sends a prepared catalogue call and decodes its 2xx answer to JSON with `to_json`.
async fn send(
    client: crate::Client,
    request: Result<crate::Request, crate::Error>,
    operation: &'static str,
    to_json: fn(
        &'static str,
        &crate::client::RawResponse,
    ) -> Result<serde_json::Value, crate::Error>,
) -> Result<Outcome, crate::Error> {
    let raw = client.execute(request?).await?;
    let value = to_json(operation, &raw).map_err(|err| client.scrub(err))?;
    Ok(Outcome {
        status: raw.status,
        headers: raw.headers,
        value,
    })
}
