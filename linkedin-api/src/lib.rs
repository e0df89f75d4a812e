//! A typed, versioned client for LinkedIn's REST API.
//!
//! The crate has two halves that never mix:
//!
//! * a small **hand-written runtime** — [`Client`], [`auth`], [`restli`], [`Error`], retries,
//!   pagination and media uploads — that knows how to talk Rest.li 2.0 to LinkedIn;
//! * **generated bindings**, one module per LinkedIn version (`v202606`, …), produced by
//!   `cargo xtask codegen` from the OpenAPI specs in `spec/`. They are thin: each operation is a
//!   typed request builder that hands a [`request::Request`] to the runtime.
#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs` (the manifest's `[package.metadata.docs.rs]`) on nightly, where
// each month module then shows the cargo feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

#[macro_use]
mod macros;

pub mod auth;
mod body;
pub mod catalog;
pub mod client;
pub mod error;
mod exchange;
pub mod interceptor;
pub mod media;
pub mod nullable;
pub mod operation;
pub mod paging;
mod redact;
pub mod request;
pub mod restli;
pub mod retry;
pub mod secret;
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
pub use urn::{Urn, UrnError};

#[doc(inline)]
pub use generated::months::*;
pub use generated::version::Version;

/// The README's examples, compiled as doc tests so they stay true.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
