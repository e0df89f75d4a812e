// The front page is the user guide, so what users read is what the doc tests compile. How the
// crate is built (a hand-written runtime; generated bindings, one module per LinkedIn month) is
// in the repository's ARCHITECTURE.md.
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs` (the manifest's `[package.metadata.docs.rs]`) on nightly, where
// each month module then shows the cargo feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
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
pub mod prelude;
mod redact;
pub mod request;
pub mod restli;
pub mod retry;
pub mod scopes;
pub mod secret;
pub mod stream;
pub mod targeting;
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod test_util;
pub mod urn;
pub mod version;

// Generated code is formatted by prettyplease (its output is in the snapshots), not rustfmt.
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
pub use http;
pub use reqwest;

#[doc(inline)]
pub use generated::months::*;
pub use generated::version::Version;

/// The repository README's code (today only shell commands), compiled as doc tests should Rust
/// ever appear there; the user guide is the crate's front page and tested as such.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct RepositoryReadmeDoctests;
