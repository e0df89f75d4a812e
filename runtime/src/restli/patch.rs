//! Typed PARTIAL_UPDATE bodies.
//!
//! A Rest.li partial update sends `{"patch": P}` where `P` sets fields (`$set`), removes them
//! (`$delete`) and recurses into sub-records by name:
//!
//! ```
//! use linkedin_api::restli::Patch;
//! use serde_json::json;
//!
//! let body = Patch::new()
//!     .set("commentary", "Updated")
//!     .delete("contentLandingPage")
//!     .nested("adContext", Patch::new().set("dscName", "Spring campaign"))
//!     .into_request();
//! assert_eq!(
//!     serde_json::to_value(&body).unwrap(),
//!     json!({"patch": {
//!         "$set": {"commentary": "Updated"},
//!         "$delete": ["contentLandingPage"],
//!         "adContext": {"$set": {"dscName": "Spring campaign"}}
//!     }})
//! );
//! ```
//!
//! A value that fails to serialize is remembered and reported when the patch itself is
//! serialized, so building a patch never needs `?` at every step.

use serde::ser::{Error as _, SerializeMap};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use super::encode::EncodeError;
use crate::nullable::Nullable;

/// The patch of one record: fields to set, fields to delete, and patches of sub-records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patch {
    set: Map<String, Value>,
    delete: Vec<String>,
    nested: Vec<(String, Patch)>,
    error: Option<EncodeError>,
}

impl Patch {
    /// An empty patch.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `field` to `value` (`$set`).
    pub fn set<T: Serialize>(mut self, field: &str, value: T) -> Self {
        match serde_json::to_value(value) {
            Ok(value) => {
                self.set.insert(field.to_owned(), value);
            }
            Err(err) => self.remember(EncodeError::new(format!("field `{field}`: {err}"))),
        }
        self
    }

    /// Removes `field` (`$delete`).
    pub fn delete(mut self, field: &str) -> Self {
        self.delete.push(field.to_owned());
        self
    }

    /// Patches the sub-record `field` with its own patch (which may itself nest).
    pub fn nested(mut self, field: &str, patch: Patch) -> Self {
        if let Some(err) = &patch.error {
            self.remember(err.clone());
        }
        self.nested.push((field.to_owned(), patch));
        self
    }

    /// Applies a [`Nullable`] field: `Value` sets it, `Null` deletes it, `Absent` leaves it.
    pub fn field<T: Serialize>(self, field: &str, value: &Nullable<T>) -> Self {
        match value {
            Nullable::Absent => self,
            Nullable::Null => self.delete(field),
            Nullable::Value(v) => self.set(field, v),
        }
    }

    /// Builds a patch from a struct of [`Nullable`] (or `Option`) fields: every field that
    /// serializes to `null` is deleted, every other serialized field is set, and skipped fields
    /// (absent ones) are left alone.
    ///
    /// ```
    /// use linkedin_api::{Nullable, restli::Patch};
    /// #[derive(serde::Serialize)]
    /// struct PostPatch {
    ///     #[serde(skip_serializing_if = "Nullable::is_absent")]
    ///     commentary: Nullable<String>,
    ///     #[serde(skip_serializing_if = "Nullable::is_absent")]
    ///     content_call_to_action_label: Nullable<String>,
    /// }
    /// let patch = Patch::from_fields(&PostPatch {
    ///     commentary: Nullable::Value("hi".into()),
    ///     content_call_to_action_label: Nullable::Null,
    /// })
    /// .unwrap();
    /// assert_eq!(patch, Patch::new().set("commentary", "hi").delete("content_call_to_action_label"));
    /// ```
    pub fn from_fields<T: Serialize + ?Sized>(fields: &T) -> Result<Self, EncodeError> {
        match serde_json::to_value(fields)? {
            Value::Object(map) => Ok(map.into_iter().fold(Patch::new(), |patch, (k, v)| {
                if v.is_null() {
                    patch.delete(&k)
                } else {
                    patch.set(&k, v)
                }
            })),
            other => Err(EncodeError::new(format!(
                "a patch is built from a record, not {}",
                kind(&other)
            ))),
        }
    }

    /// Whether the patch changes nothing.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
            && self.delete.is_empty()
            && self.nested.iter().all(|(_, p)| p.is_empty())
    }

    /// Wraps the patch as a PARTIAL_UPDATE body, `{"patch": …}`.
    pub fn into_request(self) -> PatchRequest {
        PatchRequest { patch: self }
    }

    fn remember(&mut self, err: EncodeError) {
        self.error.get_or_insert(err);
    }
}

impl Serialize for Patch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(err) = &self.error {
            return Err(S::Error::custom(err));
        }
        let mut map = serializer.serialize_map(None)?;
        if !self.set.is_empty() {
            map.serialize_entry("$set", &self.set)?;
        }
        if !self.delete.is_empty() {
            map.serialize_entry("$delete", &self.delete)?;
        }
        for (field, patch) in &self.nested {
            map.serialize_entry(field, patch)?;
        }
        map.end()
    }
}

/// A PARTIAL_UPDATE body: `{"patch": …}`. Pass it to [`Request::json`](crate::request::Request::json).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PatchRequest {
    /// The record's patch.
    pub patch: Patch,
}

impl From<Patch> for PatchRequest {
    fn from(patch: Patch) -> Self {
        patch.into_request()
    }
}

/// What a generated partial-update method sends: its typed patch (`CampaignPatch::new()…`), or
/// an untyped [`Patch`] for what the typed one cannot say (a field the spec does not list yet).
/// The methods take `impl Into<PatchBody<T>>`, so either goes in as it is (the user guide of
/// `linkedin-rest`, "Building values and patches", has an example):
///
/// ```
/// use linkedin_api::restli::{Patch, PatchBody};
///
/// let untyped: PatchBody<()> = Patch::new().set("status", "PAUSED").into();
/// assert!(matches!(untyped, PatchBody::Untyped(_)));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum PatchBody<T> {
    /// The generated patch.
    Typed(T),
    /// An untyped patch, sent as `{"patch": …}`.
    Untyped(PatchRequest),
}

/// A generated PARTIAL_UPDATE body (`{"patch": …}`), which converts into [`PatchBody`].
pub trait TypedPatch {}

impl<T: TypedPatch> From<T> for PatchBody<T> {
    fn from(patch: T) -> Self {
        PatchBody::Typed(patch)
    }
}

impl<T> From<Patch> for PatchBody<T> {
    fn from(patch: Patch) -> Self {
        PatchBody::Untyped(patch.into_request())
    }
}

impl<T> From<PatchRequest> for PatchBody<T> {
    fn from(request: PatchRequest) -> Self {
        PatchBody::Untyped(request)
    }
}

impl<T: Serialize> Serialize for PatchBody<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            PatchBody::Typed(patch) => patch.serialize(serializer),
            PatchBody::Untyped(request) => request.serialize(serializer),
        }
    }
}

/// A body given as JSON (the catalogue's arguments) is read as the typed patch, so it is checked
/// against the spec.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for PatchBody<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(PatchBody::Typed)
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a record",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A patch is built from a record; anything else is refused, naming what it was.
    #[test]
    fn a_patch_from_a_non_record_names_what_it_got() {
        for (value, kind) in [
            (serde_json::json!(5), "a number"),
            (serde_json::json!("x"), "a string"),
            (serde_json::json!([1]), "a list"),
            (serde_json::json!(true), "a boolean"),
            (serde_json::json!(null), "null"),
        ] {
            let err = Patch::from_fields(&value).unwrap_err().to_string();
            assert!(err.contains(&format!("not {kind}")), "{err}");
        }
    }
    use serde_json::json;

    #[test]
    fn empty_patch() {
        let p = Patch::new();
        assert!(p.is_empty());
        assert_eq!(
            serde_json::to_value(p.into_request()).unwrap(),
            json!({"patch": {}})
        );
    }

    #[test]
    fn emptiness_both_ways() {
        assert!(!Patch::new().set("a", 1).is_empty());
        assert!(!Patch::new().delete("a").is_empty());
        assert!(
            !Patch::new()
                .nested("x", Patch::new().set("a", 1))
                .is_empty()
        );
        // A nested patch that changes nothing changes nothing.
        assert!(Patch::new().nested("x", Patch::new()).is_empty());
        assert!(
            !Patch::new()
                .nested("x", Patch::new())
                .nested("y", Patch::new().delete("b"))
                .is_empty()
        );
    }

    #[test]
    fn a_patch_request_from_a_patch_keeps_it() {
        let patch = Patch::new().set("a", 1).delete("b");
        let req = PatchRequest::from(patch.clone());
        assert_eq!(req.patch, patch);
        assert_eq!(
            serde_json::to_value(req).unwrap(),
            json!({"patch": {"$set": {"a": 1}, "$delete": ["b"]}})
        );
    }

    #[test]
    fn nullable_fields() {
        let p = Patch::new()
            .field("a", &Nullable::Value(1))
            .field("b", &Nullable::<i32>::Null)
            .field("c", &Nullable::<i32>::Absent);
        assert_eq!(
            serde_json::to_value(&p).unwrap(),
            json!({"$set": {"a": 1}, "$delete": ["b"]})
        );
    }

    #[test]
    fn serialization_errors_surface_later() {
        let mut bad = std::collections::HashMap::new();
        bad.insert(vec![1u8], 1);
        let p = Patch::new().nested("x", Patch::new().set("m", bad));
        assert!(serde_json::to_value(&p).is_err());
    }

    #[test]
    fn from_fields_rejects_non_records() {
        assert!(Patch::from_fields(&1).is_err());
    }
}
