//! Stage 1 — load: YAML text to an `openapiv3` document.
//!
//! `serde_yaml` is deprecated upstream, so it is used in exactly one function, [`parse_yaml`];
//! swapping in a maintained fork touches nothing else. The document is first read as a
//! `serde_json::Value` and then deserialized with `serde_path_to_error`, so a structural error
//! names the JSON pointer of the node that failed, not just a line number.

use std::path::Path;

use openapiv3::OpenAPI;

use crate::diag::{Error, Ptr, Result};

/// A loaded spec: the typed document and where it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The typed OpenAPI document.
    pub doc: OpenAPI,
    /// The root position in the file, for diagnostics.
    pub root: Ptr,
}

/// Reads and parses the spec at `path`.
pub fn load_file(path: &Path) -> Result<Spec> {
    let text = std::fs::read_to_string(path).map_err(|e| Error {
        file: path.to_path_buf(),
        pointer: "#".to_owned(),
        message: format!("cannot read the spec: {e}"),
    })?;
    load_str(path, &text)
}

/// Parses spec text; `path` is only used to name the file in errors.
pub fn load_str(path: &Path, text: &str) -> Result<Spec> {
    let root = Ptr::root(path);
    let value = parse_yaml(text).map_err(|message| root.error(message))?;
    check_version(&root, &value)?;
    let doc: OpenAPI = serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = path_to_pointer(&root, e.path());
        pointer.error(format!(
            "not a valid OpenAPI 3.0 document here: {}",
            e.inner()
        ))
    })?;
    Ok(Spec { doc, root })
}

/// The only place YAML is parsed.
fn parse_yaml(text: &str) -> std::result::Result<serde_json::Value, String> {
    serde_yaml::from_str::<serde_json::Value>(text).map_err(|e| match e.location() {
        Some(loc) => format!(
            "invalid YAML at line {}, column {}: {e}",
            loc.line(),
            loc.column()
        ),
        None => format!("invalid YAML: {e}"),
    })
}

/// `openapiv3` reads OpenAPI 3.0 only; say so plainly instead of failing somewhere deep.
fn check_version(root: &Ptr, value: &serde_json::Value) -> Result<()> {
    let here = root.at("openapi");
    match value.get("openapi").and_then(|v| v.as_str()) {
        Some(v) if v.starts_with("3.0.") => Ok(()),
        Some(v) => here.fail(format!(
            "OpenAPI {v} is not supported; write the spec in OpenAPI 3.0.x"
        )),
        None if value.is_object() => here.fail("missing `openapi: 3.0.x`"),
        None => root.fail("the document is not a YAML mapping"),
    }
}

/// The position a `serde_path_to_error` path points at, below `root`.
pub(crate) fn path_to_pointer(root: &Ptr, path: &serde_path_to_error::Path) -> Ptr {
    use serde_path_to_error::Segment;
    path.iter().fold(root.clone(), |ptr, seg| match seg {
        Segment::Seq { index } => ptr.at(index),
        Segment::Map { key } => ptr.at(key),
        Segment::Enum { variant } => ptr.at(variant),
        Segment::Unknown => ptr.at("?"),
    })
}
