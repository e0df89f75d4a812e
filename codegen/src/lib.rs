//! The linkedin-api code generator: LinkedIn OpenAPI specs in, typed Rust bindings out.
//!
//! The pipeline has one module per stage, and data flows one way:
//!
//! 1. [`load`] — YAML text to an `openapiv3` document (the only place YAML is parsed);
//! 2. [`build`] — resolve and validate the document into the intermediate model ([`ir`]), with
//!    every naming ([`naming`]), optionality and placement decision taken there;
//! 3. [`emit`] — the model to `quote!` tokens, a `syn::File`, and `prettyplease` text;
//! 4. [`write`] — put the files on disk, or report which are stale.
//!
//! The output depends only on the specs: no clock, no environment, no hash-map order, so the same
//! specs give the same bytes. Errors on spec input are [`diag::Error`]s naming the file and JSON
//! pointer; the generator never panics on a spec.

pub mod build;
pub mod diag;
pub mod emit;
pub mod ir;
pub mod load;
pub mod naming;
pub mod write;

use std::path::{Path, PathBuf};

/// A spec to generate a version module from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecVersion {
    /// The module name, e.g. `v202606`.
    pub module: String,
    /// The spec file, relative to the workspace root.
    pub spec: PathBuf,
    /// The cargo feature of `linkedin-api` that enables the module.
    pub feature: String,
}

/// Loads and builds the model of one spec.
pub fn model(path: &Path) -> diag::Result<ir::Api> {
    let spec = load::load_file(path)?;
    build::build(&spec)
}

/// Generates every file of `linkedin-api/src/generated/` from `versions`, resolving spec paths
/// against `workspace_root`.
pub fn generate(workspace_root: &Path, versions: &[SpecVersion]) -> diag::Result<Vec<emit::File>> {
    let models = versions
        .iter()
        .map(|v| model(&workspace_root.join(&v.spec)))
        .collect::<diag::Result<Vec<_>>>()?;
    let inputs: Vec<emit::Version<'_>> = versions
        .iter()
        .zip(&models)
        .map(|(v, api)| emit::Version {
            module: v.module.clone(),
            api,
            spec_path: v.spec.to_string_lossy().replace('\\', "/"),
            feature: v.feature.clone(),
        })
        .collect();
    emit::emit(&inputs).map_err(|message| diag::Error {
        file: PathBuf::from("linkedin-api/src/generated"),
        pointer: "#".to_owned(),
        message,
    })
}
