//! Shared by the workspace tests: every spec with its parsed document and generated operations.
#![allow(dead_code)]

pub mod prism;

use linkedin_api::catalog::Entry;
use serde_json::Value;

/// Each spec, with the catalogue of a month it governs (the spec's own month).
#[allow(deprecated)]
pub const SPECS: &[(&str, &[Entry])] = &[
    ("202401", linkedin_api::v202401::OPERATIONS),
    ("202403", linkedin_api::v202403::OPERATIONS),
    ("202408", linkedin_api::v202408::OPERATIONS),
    ("202410", linkedin_api::v202410::OPERATIONS),
    ("202411", linkedin_api::v202411::OPERATIONS),
    ("202501", linkedin_api::v202501::OPERATIONS),
    ("202504", linkedin_api::v202504::OPERATIONS),
    ("202505", linkedin_api::v202505::OPERATIONS),
    ("202506", linkedin_api::v202506::OPERATIONS),
    ("202601", linkedin_api::v202601::OPERATIONS),
    ("202602", linkedin_api::v202602::OPERATIONS),
    ("202604", linkedin_api::v202604::OPERATIONS),
    ("202605", linkedin_api::v202605::OPERATIONS),
];

/// The parsed spec document of `version`.
pub fn spec(version: &str) -> Value {
    let path = format!(
        "{}/../spec/{version}/openapi.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_norway::from_str(&std::fs::read_to_string(&path).expect("spec")).expect("yaml")
}

/// Follows a `$ref` inside the document.
pub fn deref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).expect("ref target"),
        None => v,
    }
}

/// The examples of a media-type object, by name (a single `example` is named `example`).
pub fn examples(doc: &Value, media: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(e) = media.get("example") {
        out.push(("example".to_owned(), e.clone()));
    }
    if let Some(map) = media.get("examples").and_then(Value::as_object) {
        for (name, ex) in map {
            if let Some(v) = deref(doc, ex).get("value") {
                out.push((name.clone(), v.clone()));
            }
        }
    }
    out
}

/// The spec operation object of a catalogue entry.
pub fn operation<'a>(doc: &'a Value, op: &Entry) -> &'a Value {
    &doc["paths"][op.path][op.http_method().as_str().to_lowercase()]
}

/// The examples of `op`'s success response (for a multiplexed operation, the ones named after it).
pub fn response_examples(doc: &Value, op: &Entry) -> Vec<(String, Value)> {
    let operation = operation(doc, op);
    let multiplexed = operation.get("x-restli-variants").is_some();
    let responses = operation["responses"].as_object().expect("responses");
    let Some((_, success)) = responses
        .iter()
        .filter(|(code, _)| code.starts_with('2'))
        .min_by_key(|(code, _)| code.as_str())
    else {
        return Vec::new();
    };
    let media = &deref(doc, success)["content"]["application/json"];
    examples(doc, media)
        .into_iter()
        .filter(|(n, _)| !multiplexed || n == op.id)
        .collect()
}

/// The examples of `op`'s request body.
pub fn request_examples(doc: &Value, op: &Entry) -> Vec<(String, Value)> {
    let operation = operation(doc, op);
    let multiplexed = operation.get("x-restli-variants").is_some();
    let media = &deref(doc, &operation["requestBody"])["content"]["application/json"];
    examples(doc, media)
        .into_iter()
        .filter(|(n, _)| !multiplexed || n == op.id)
        .collect()
}

/// JSON equality, key order ignored, where numbers compare as f32 (the spec's `format: float`
/// fields decode into `f32`, so a documented `0.1` comes back as `0.10000000149…`).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap_or(0.0) as f32) == (y.as_f64().unwrap_or(0.0) as f32)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}
