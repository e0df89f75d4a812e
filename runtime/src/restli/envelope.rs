//! The JSON envelopes Rest.li wraps around results: collections, batch results, action values,
//! and the error body.
//!
//! Every field LinkedIn may leave out is optional or defaulted, so an envelope never fails to
//! decode because a list or map is missing.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::encode::{encode_key, reduced_encode};

/// A page of a GET_ALL or FINDER result: `{"elements": […], "paging": {…}, "metadata": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Collection<T> {
    /// The entities on this page.
    #[serde(default = "Vec::new")]
    pub elements: Vec<T>,
    /// Offset paging (`start`/`count`/`total`); absent on cursor-paged searches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// Collection metadata; cursor-paged searches put `nextPageToken` here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<CollectionMetadata>,
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            elements: Vec::new(),
            paging: None,
            metadata: None,
        }
    }
}

impl<T> Collection<T> {
    /// The cursor of the next page, if LinkedIn sent one.
    pub fn next_page_token(&self) -> Option<&str> {
        self.metadata.as_ref()?.next_page_token.as_deref()
    }
}

/// Offset-paging information of a collection response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Paging {
    /// Index of the first element of this page.
    #[serde(default)]
    pub start: i32,
    /// Page size requested (LinkedIn sometimes echoes `2147483647`).
    #[serde(default)]
    pub count: i32,
    /// Total number of elements, when LinkedIn computes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i32>,
    /// Links to neighbouring pages (often empty).
    #[serde(default)]
    pub links: Vec<Link>,
}

/// A link to a neighbouring page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Link {
    /// `next` or `prev`.
    pub rel: String,
    /// The page's URL (relative).
    pub href: String,
    /// The media type, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// Collection metadata. Cursor-paged searches put the next page's token here; anything else is
/// kept in [`other`](Self::other).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionMetadata {
    /// The token of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_page_token: Option<String>,
    /// Every other metadata field.
    #[serde(flatten)]
    pub other: serde_json::Map<String, Value>,
}

/// A BATCH_GET result. Map keys are the keys as LinkedIn wrote them (encoded: use
/// [`get`](Self::get), which accepts the plain key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchGet<T> {
    /// Entities found, by encoded key.
    #[serde(default = "BTreeMap::new")]
    pub results: BTreeMap<String, T>,
    /// HTTP status per key.
    #[serde(default)]
    pub statuses: BTreeMap<String, u16>,
    /// Errors per key.
    #[serde(default)]
    pub errors: BTreeMap<String, ErrorResponse>,
}

impl<T> Default for BatchGet<T> {
    fn default() -> Self {
        Self {
            results: BTreeMap::new(),
            statuses: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }
}

impl<T> BatchGet<T> {
    /// The entity for a plain key (e.g. `urn:li:person:1`), looked up as written, URL-encoded
    /// and reduced-encoded, since LinkedIn's responses use either form.
    pub fn get(&self, key: &str) -> Option<&T> {
        lookup(&self.results, key)
    }

    /// The error for a plain key, if that key failed.
    pub fn error(&self, key: &str) -> Option<&ErrorResponse> {
        lookup(&self.errors, key)
    }

    /// The status for a plain key, if LinkedIn reported one.
    pub fn status(&self, key: &str) -> Option<u16> {
        lookup(&self.statuses, key).copied()
    }
}

fn lookup<'a, V>(map: &'a BTreeMap<String, V>, key: &str) -> Option<&'a V> {
    map.get(key)
        .or_else(|| map.get(&encode_key(key)))
        .or_else(|| reduced_encode(key).ok().and_then(|k| map.get(&k)))
}

/// An ACTION result: `{"value": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionResult<T> {
    /// What the action returned.
    pub value: T,
}

/// A BATCH_CREATE result: one entry per created entity, in request order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCreate<K = Value> {
    /// One result per entity sent.
    #[serde(default = "Vec::new")]
    pub elements: Vec<BatchCreateResult<K>>,
}

/// The outcome of one entity of a BATCH_CREATE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCreateResult<K = Value> {
    /// HTTP status of this element (201 when created).
    pub status: u16,
    /// The new entity's key.
    #[serde(default = "Option::default", skip_serializing_if = "Option::is_none")]
    pub id: Option<K>,
    /// Why this element failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorResponse>,
}

/// A BATCH_UPDATE, BATCH_PARTIAL_UPDATE or BATCH_DELETE result:
/// `{"results": {"<key>": {"status": 204}}, "errors": {…}}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchResult {
    /// Status per encoded key.
    #[serde(default)]
    pub results: BTreeMap<String, BatchStatus>,
    /// Errors per encoded key.
    #[serde(default)]
    pub errors: BTreeMap<String, ErrorResponse>,
}

impl BatchResult {
    /// The status for a plain key.
    pub fn status(&self, key: &str) -> Option<u16> {
        lookup(&self.results, key).map(|s| s.status)
    }

    /// The error for a plain key.
    pub fn error(&self, key: &str) -> Option<&ErrorResponse> {
        lookup(&self.errors, key)
    }
}

/// The status of one key of a batch write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchStatus {
    /// HTTP status for this key (204 on success).
    pub status: u16,
}

/// A BATCH_FINDER result: one collection per search criteria, in request order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchFinder<T> {
    /// One result per criteria.
    #[serde(default = "Vec::new")]
    pub elements: Vec<BatchFinderResult<T>>,
}

/// The result of one criteria of a BATCH_FINDER.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchFinderResult<T> {
    /// Entities found for this criteria.
    #[serde(default = "Vec::new")]
    pub elements: Vec<T>,
    /// Offset paging of this criteria's results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// Metadata of this criteria's results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<CollectionMetadata>,
    /// Why this criteria failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<ErrorResponse>,
    /// Whether this criteria failed. Absent means `false`, and `false` is written back as
    /// absent, so an answer without the flag round-trips unchanged.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub is_error: bool,
}

/// The result of a CREATE: the key from the `X-RestLi-Id` header and, for resources that return
/// it, the created entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Created<K, T> {
    /// The new entity's key.
    pub id: K,
    /// The created entity, when LinkedIn returned it in the body.
    pub entity: Option<T>,
}

/// The Rest.li error body sent with every 4xx/5xx.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorResponse {
    /// The HTTP status code.
    #[serde(default)]
    pub status: u16,
    /// LinkedIn's internal error code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_error_code: Option<i64>,
    /// A symbolic code such as `ACCESS_DENIED` or `QUOTA_EXCEEDED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A human-readable explanation.
    #[serde(default)]
    pub message: String,
    /// The type of `error_details`, e.g. `com.linkedin.common.error.BadRequest`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_detail_type: Option<String>,
    /// Structured details of a validation failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_details: Option<ErrorDetails>,
}

impl ErrorResponse {
    /// The input errors, if any (empty otherwise).
    pub fn input_errors(&self) -> &[InputError] {
        self.error_details.as_ref().map_or(&[], |d| &d.input_errors)
    }
}

impl fmt::Display for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str("(no message)")?;
        } else {
            f.write_str(&self.message)?;
        }
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        if let Some(sec) = self.service_error_code {
            write!(f, " (serviceErrorCode {sec})")?;
        }
        for input in self.input_errors() {
            write!(f, "; {input}")?;
        }
        Ok(())
    }
}

/// Structured details of a validation failure.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// One entry per invalid input.
    #[serde(default)]
    pub input_errors: Vec<InputError>,
}

/// One invalid input of a request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputError {
    /// What is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A symbolic code, e.g. `MISSING_REQUIRED_FIELD_FOR_DSC`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Which input is wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<ErrorInput>,
}

impl InputError {
    /// The path of the invalid field, e.g. `/commentary`.
    pub fn field_path(&self) -> Option<&str> {
        self.input
            .as_ref()?
            .input_path
            .as_ref()?
            .field_path
            .as_deref()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = self.field_path() {
            write!(f, "{path}: ")?;
        }
        f.write_str(self.description.as_deref().unwrap_or("invalid input"))?;
        if let Some(code) = &self.code {
            write!(f, " [{code}]")?;
        }
        Ok(())
    }
}

/// The input an [`InputError`] is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInput {
    /// Where the input is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_path: Option<InputPath>,
}

/// The location of an invalid input.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InputPath {
    /// The field path, e.g. `/commentary`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_path: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn collection_defaults() {
        let c: Collection<Value> = serde_json::from_value(json!({})).unwrap();
        assert!(c.elements.is_empty() && c.paging.is_none() && c.metadata.is_none());
        let c: Collection<Value> = serde_json::from_value(json!({
            "elements": [1], "metadata": {"nextPageToken": "t", "x": 1},
            "paging": {"start": 0, "count": 10, "links": []}
        }))
        .unwrap();
        assert_eq!(c.next_page_token(), Some("t"));
        assert_eq!(c.metadata.unwrap().other["x"], json!(1));
    }

    #[test]
    fn batch_get_lookup_by_plain_key() {
        let b: BatchGet<Value> = serde_json::from_value(json!({
            "results": {"urn%3Ali%3Aperson%3A1": {"a": 1}, "7": {"b": 2}},
            "errors": {"urn%3Ali%3Aperson%3A2": {"status": 404, "message": "nope"}}
        }))
        .unwrap();
        assert_eq!(b.get("urn:li:person:1"), Some(&json!({"a": 1})));
        assert_eq!(b.get("7"), Some(&json!({"b": 2})));
        assert_eq!(b.error("urn:li:person:2").unwrap().status, 404);
        assert!(b.get("missing").is_none());
    }

    #[test]
    fn batch_result_lookup_by_plain_key() {
        let b: BatchResult = serde_json::from_value(json!({
            "results": {"urn%3Ali%3Aperson%3A1": {"status": 204}},
            "errors": {"urn%3Ali%3Aperson%3A2": {"status": 422, "message": "bad field"}}
        }))
        .unwrap();
        assert_eq!(b.status("urn:li:person:1"), Some(204));
        let error = b.error("urn:li:person:2").expect("the key's error");
        assert_eq!((error.status, error.message.as_str()), (422, "bad field"));
        assert!(
            b.error("urn:li:person:1").is_none(),
            "a key that succeeded has no error"
        );
    }

    #[test]
    fn error_response_display() {
        let e: ErrorResponse = serde_json::from_value(json!({
            "status": 400, "code": "BAD", "message": "Invalid",
            "errorDetails": {"inputErrors": [{"description": "required", "code": "MISSING",
                "input": {"inputPath": {"fieldPath": "/commentary"}}}]}
        }))
        .unwrap();
        assert_eq!(e.input_errors()[0].field_path(), Some("/commentary"));
        assert_eq!(
            e.to_string(),
            "Invalid [BAD]; /commentary: required [MISSING]"
        );
    }
}
