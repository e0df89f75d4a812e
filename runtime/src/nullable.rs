//! A field that can be absent, explicitly `null`, or set.
//!
//! `Option<T>` cannot tell "leave this field alone" from "clear this field". LinkedIn's Rest.li
//! API says "clear" without `null`: a partial update names the fields to remove in `$delete`,
//! which the generated patches send with their `clear_<field>()` methods. So no generated type
//! uses `Nullable` today. It is what the generator emits for a schema property marked
//! `nullable: true` (absent, `null` and a value then all differ), should LinkedIn document one:
//!
//! ```ignore
//! #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
//! pub x: crate::Nullable<T>,
//! ```
//!
//! so a missing field deserializes to [`Nullable::Absent`] and is never serialized, `null`
//! round-trips as [`Nullable::Null`], and a value as [`Nullable::Value`]. With the untyped
//! [`Patch`](crate::restli::Patch), [`Patch::field`](crate::restli::Patch::field) maps `Null` to
//! `$delete` and `Value` to `$set`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that is absent, `null`, or has a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// Not present (not sent; not received).
    #[default]
    Absent,
    /// Present and `null`.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field is absent (used by `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the field is present and `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// Whether the field has a value.
    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if any (absent and `null` both give `None`).
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// The value, if any, by value.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Borrows the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    /// `Value` serializes as the value; `Null` (and `Absent`, when not skipped) as `null`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(v) => serializer.serialize_some(v),
            Nullable::Null | Nullable::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// `null` deserializes as `Null`, anything else as `Value`; a missing field needs
    /// `#[serde(default)]` and becomes `Absent`.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct S {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        x: Nullable<i32>,
    }

    #[test]
    fn three_states_round_trip() {
        for (json, x) in [
            (json!({}), Nullable::Absent),
            (json!({"x": null}), Nullable::Null),
            (json!({"x": 3}), Nullable::Value(3)),
        ] {
            let s: S = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(s.x, x);
            assert_eq!(serde_json::to_value(&s).unwrap(), json);
        }
    }

    #[test]
    fn accessors() {
        let v = Nullable::Value(2);
        assert_eq!(v.as_option(), Some(&2));
        assert_eq!(v.map(|x| x * 2).into_option(), Some(4));
        assert!(Nullable::<i32>::Null.as_option().is_none());
        assert!(Nullable::<i32>::default().is_absent());
    }
}
