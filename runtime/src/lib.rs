//! The hand-written runtime of [`linkedin-rest`](https://docs.rs/linkedin-rest): the client,
//! Rest.li 2.0, OAuth 2.0 and OpenID Connect, errors, retries, paging, uploads and policies.
//!
//! Depend on `linkedin-rest`, which re-exports all of this next to the typed bindings of each
//! LinkedIn month (`linkedin_api::v202606`, …); its user guide is where the API is explained.
//! This crate is apart so the runtime is compiled once rather than with every regeneration of
//! the bindings. Items marked hidden are for the generated bindings only, not a public API.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[macro_use]
mod macros;

// LinkedIn is served over https only: without a TLS backend every call would fail at run time.
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
compile_error!(
    "linkedin-rest needs a TLS backend: enable the `rustls` feature (the default) or `native-tls`"
);

mod area;
pub mod auth;
mod body;
pub mod catalog;
pub mod client;
pub mod conversions;
#[doc(hidden)]
pub mod de;
pub mod env;
pub mod error;
mod exchange;
pub mod interceptor;
pub mod little;
pub mod media;
pub mod nullable;
pub mod operation;
pub mod paging;
pub mod policy;
mod redact;
pub mod request;
pub mod restli;
pub mod retry;
pub mod scopes;
pub mod secret;
pub mod stream;
pub mod targeting;
pub mod urn;
pub mod version;

// Generated from spec/versions.yaml and the URN registry (the same for every month); formatted
// by prettyplease, not rustfmt.
#[rustfmt::skip]
mod generated;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, ConfigError, ConfigErrorKind, Error, ErrorKind};
pub use nullable::Nullable;
pub use operation::{Call, Handle};
pub use request::{Request, RestliMethod};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use stream::StreamingResponse;
pub use urn::{Urn, UrnError};

// Public dependencies: their types are in this crate's API (`ClientBuilder::http_client` takes a
// `reqwest::Client`, `Error::source()` can be a `reqwest::Error`, `RawResponse` holds `http` and
// `bytes` types). Re-exported so an app names exactly the versions this crate was built with
// (`linkedin_api::reqwest::Client::builder()`), with no second copy of them in its build and no
// version to keep in step; a major bump of any of them is a major bump of this crate (see
// ARCHITECTURE.md, "Dependencies").
pub use bytes;
pub use generated::version::Version;
pub use http;
pub use reqwest;
