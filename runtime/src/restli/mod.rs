//! Rest.li 2.0, the protocol under LinkedIn's REST API: value encoding, response envelopes,
//! partial-update patches, query tunneling, and an untyped client for resources the generated
//! bindings do not cover.
//!
//! * [`encode`], [`reduced_encode`], [`param_encode`], [`encode_key`] and [`decode`],
//!   [`reduced_decode`]: the Rest.li 2.0 wire syntax (`List(…)`, `(k:v)`, `''`);
//! * [`Collection`], [`BatchGet`], [`ActionResult`], [`BatchCreate`], [`BatchResult`],
//!   [`BatchFinder`], [`Created`], [`ErrorResponse`]: the envelopes around results;
//! * [`Patch`]: PARTIAL_UPDATE bodies;
//! * [`RestliClient`]: every Rest.li method on any resource, with `serde_json::Value`s.
//!
//! Query tunneling (a call whose query string passes 4,000 characters is sent as a `POST` with
//! `X-HTTP-Method-Override`) is automatic in [`Client`](crate::Client).

mod decode;
mod encode;
mod envelope;
pub mod generic;
pub mod patch;
mod ser;
pub(crate) mod tunnel;

pub(crate) use decode::reduced_unescape;
pub use decode::{DecodeError, decode, reduced_decode};
#[doc(hidden)]
pub use encode::PathKey;
pub use encode::{EncodeError, encode, encode_key, param_encode, reduced_encode};
pub(crate) use encode::{append, append_key};
pub use envelope::{
    ActionResult, BatchCreate, BatchCreateResult, BatchFinder, BatchFinderResult, BatchGet,
    BatchResult, BatchStatus, Collection, CollectionMetadata, Created, ErrorDetails, ErrorInput,
    ErrorResponse, InputError, InputPath, Link, Paging,
};
pub use generic::{CallOptions, RestliClient};
pub use patch::{Patch, PatchBody, PatchRequest, TypedPatch};
pub(crate) use ser::is_null;
pub use tunnel::MAX_QUERY_STRING_LENGTH;
