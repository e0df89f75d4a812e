//! Stage 1 — load: YAML text to an `openapiv3` document, and documents back to canonical YAML.
//!
//! YAML is read and written only here ([`parse_yaml`], [`to_yaml`]), through `serde_norway`, a
//! maintained fork of the deprecated `serde_yaml`. A document is first read as a
//! `serde_json::Value` and then deserialized with `serde_path_to_error`, so a structural error
//! names the JSON pointer of the node that failed, not just a line number.
//!
//! Every YAML file the tools write goes through [`to_yaml`]: one formatting (two-space indents,
//! block sequences, literal blocks for multi-line strings, keys in document order), so a textual
//! diff of two written files shows only what changed.

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
    let text = read(path)?;
    load_str(path, &text)
}

/// Parses spec text; `path` is only used to name the file in errors.
pub fn load_str(path: &Path, text: &str) -> Result<Spec> {
    let root = Ptr::root(path);
    let value = parse_yaml(text).map_err(|message| root.error(message))?;
    load_value(path, value)
}

/// How deeply a document may nest: the YAML parser's own limit. A materialized spec nests an
/// overlay's value inside the base and can go past what any one file may, and every later stage
/// walks the document recursively: this bound keeps a hostile overlay from overflowing the stack.
pub const MAX_DEPTH: usize = 128;

/// Reads an already parsed (or materialized) document; `path` names it in errors.
pub fn load_value(path: &Path, value: serde_json::Value) -> Result<Spec> {
    let root = Ptr::root(path);
    check_depth(&root, &value)?;
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

/// The text of a file, or an error naming it.
pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error {
        file: path.to_path_buf(),
        pointer: "#".to_owned(),
        message: format!("cannot read the file: {e}"),
    })
}

/// Parses YAML text into a JSON value (the only place YAML is read).
pub fn parse_yaml(text: &str) -> std::result::Result<serde_json::Value, String> {
    serde_norway::from_str::<serde_json::Value>(text).map_err(|e| match e.location() {
        Some(loc) => format!(
            "invalid YAML at line {}, column {}: {e}",
            loc.line(),
            loc.column()
        ),
        None => format!("invalid YAML: {e}"),
    })
}

/// A value as canonical YAML, under a leading comment block (the only place YAML is written).
pub fn to_yaml(header: &str, value: &serde_json::Value) -> std::result::Result<String, String> {
    let body = serde_norway::to_string(value).map_err(|e| format!("cannot write YAML: {e}"))?;
    let mut out = String::with_capacity(header.len() + body.len() + 64);
    for line in header.lines() {
        out.push_str(if line.is_empty() { "#" } else { "# " });
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&body);
    Ok(out)
}

/// Refuses a document nested deeper than [`MAX_DEPTH`], naming the first node too deep. Walks
/// with a work list, so the check itself cannot overflow the stack.
fn check_depth(root: &Ptr, value: &serde_json::Value) -> Result<()> {
    let mut work = vec![(value, root.clone(), 0usize)];
    while let Some((v, at, depth)) = work.pop() {
        if depth > MAX_DEPTH {
            return at.fail(format!(
                "the document nests deeper than {MAX_DEPTH} levels here"
            ));
        }
        match v {
            serde_json::Value::Object(map) => {
                work.extend(map.iter().map(|(k, v)| (v, at.at(k), depth + 1)));
            }
            serde_json::Value::Array(items) => {
                work.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (v, at.at(i), depth + 1)),
                );
            }
            _ => {}
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_nested_too_deeply_are_refused_with_a_pointer() {
        let mut deep = serde_json::json!({"type": "string"});
        for _ in 0..MAX_DEPTH {
            deep = serde_json::json!({ "items": deep });
        }
        let doc = serde_json::json!({"openapi": "3.0.3", "x": deep});
        let e = load_value(Path::new("spec.yaml"), doc)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("spec.yaml: #/x/items/items/") && e.contains("deeper than 128"),
            "{e}"
        );
    }

    #[test]
    fn canonical_yaml_round_trips_and_keeps_key_order() {
        let text = "b: 1\na:\n  - x: \"202401\"\n    y: |\n      two\n      lines\n";
        let value = parse_yaml(text).unwrap();
        let written = to_yaml("@generated\n\nsecond", &value).unwrap();
        assert!(
            written.starts_with("# @generated\n#\n# second\nb: 1\na:\n"),
            "{written}"
        );
        assert_eq!(parse_yaml(&written).unwrap(), value);
        assert_eq!(
            to_yaml("", &parse_yaml(&written).unwrap()).unwrap(),
            to_yaml("", &value).unwrap()
        );
    }
}
