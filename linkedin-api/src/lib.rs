// The front page is the user guide, so what users read is what the doc tests compile. How the
// crate is built (a hand-written runtime; generated bindings, one module per LinkedIn month) is
// in the repository's ARCHITECTURE.md.
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
// docs.rs builds with `--cfg docsrs` (the manifest's `[package.metadata.docs.rs]`) on nightly, where
// each month module then shows the cargo feature it needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![warn(missing_docs)]

// The hand-written runtime is its own crate (`linkedin-rest-runtime`), compiled once rather
// than with every regeneration of the bindings; all of it is re-exported here, so an app
// names one crate (`linkedin_api::Client`, `linkedin_api::restli::Patch`, …) and the generated
// bindings below name the runtime as `crate::…`.
#[doc(inline)]
pub use linkedin_rest_runtime::*;

mod call;
pub mod prelude;

pub use call::Call;

// The mock answers each operation with its documented example, from the generated tables.
#[cfg(feature = "test-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod test_util;

// Generated code is formatted by prettyplease (its output is in the snapshots), not rustfmt.
#[rustfmt::skip]
mod generated;

#[doc(inline)]
// With no month enabled (a build of the runtime's doc examples) there is nothing to re-export.
#[allow(unused_imports)]
pub use generated::months::*;

/// The repository README's code (today only shell commands), compiled as doc tests should Rust
/// ever appear there; the user guide is the crate's front page and tested as such.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct RepositoryReadmeDoctests;
