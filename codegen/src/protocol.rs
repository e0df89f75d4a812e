//! The Rest.li protocol facts the generator relies on, written once: each Rest.li method's wire
//! name, HTTP method, idempotency, discriminator and the runtime's name for it.
//!
//! The runtime has its own copy (`linkedin_api::request::RestliMethod`), because generated code
//! must not depend on the generator; `tests/protocol_tables.rs` checks that the two agree.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The HTTP methods Rest.li calls travel as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `DELETE`.
    Delete,
}

impl HttpMethod {
    /// Upper case, as on the request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// A Rest.li method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RestliMethod {
    /// Read one entity.
    Get,
    /// Read several entities (`ids=`).
    BatchGet,
    /// Read a whole collection.
    GetAll,
    /// Search (`q=`).
    Finder,
    /// Several searches at once (`bq=`).
    BatchFinder,
    /// Create one entity.
    Create,
    /// Create several entities.
    BatchCreate,
    /// Replace one entity.
    Update,
    /// Replace several entities.
    BatchUpdate,
    /// Change some fields of one entity.
    PartialUpdate,
    /// Change some fields of several entities.
    BatchPartialUpdate,
    /// Delete one entity.
    Delete,
    /// Delete several entities.
    BatchDelete,
    /// Run an action (`action=`).
    Action,
}

/// One row of the table.
struct Facts {
    wire: &'static str,
    runtime_variant: &'static str,
    http: HttpMethod,
    idempotent: bool,
    discriminator: Option<&'static str>,
}

const fn row(
    wire: &'static str,
    runtime_variant: &'static str,
    http: HttpMethod,
    idempotent: bool,
    discriminator: Option<&'static str>,
) -> Facts {
    Facts {
        wire,
        runtime_variant,
        http,
        idempotent,
        discriminator,
    }
}

impl RestliMethod {
    /// Every method, in the order of the Rest.li documentation.
    pub const ALL: [Self; 14] = [
        Self::Get,
        Self::BatchGet,
        Self::GetAll,
        Self::Finder,
        Self::BatchFinder,
        Self::Create,
        Self::BatchCreate,
        Self::Update,
        Self::BatchUpdate,
        Self::PartialUpdate,
        Self::BatchPartialUpdate,
        Self::Delete,
        Self::BatchDelete,
        Self::Action,
    ];

    /// The table. Idempotent: sending twice has the effect of sending once, so the runtime may
    /// retry it — reads, full updates and deletes; not creates, partial updates (which may
    /// append to lists) or actions.
    const fn facts(self) -> Facts {
        use HttpMethod::{Delete, Get, Post, Put};
        match self {
            Self::Get => row("GET", "Get", Get, true, None),
            Self::BatchGet => row("BATCH_GET", "BatchGet", Get, true, None),
            Self::GetAll => row("GET_ALL", "GetAll", Get, true, None),
            Self::Finder => row("FINDER", "Finder", Get, true, Some("q")),
            Self::BatchFinder => row("BATCH_FINDER", "BatchFinder", Get, true, Some("bq")),
            Self::Create => row("CREATE", "Create", Post, false, None),
            Self::BatchCreate => row("BATCH_CREATE", "BatchCreate", Post, false, None),
            Self::Update => row("UPDATE", "Update", Put, true, None),
            Self::BatchUpdate => row("BATCH_UPDATE", "BatchUpdate", Put, true, None),
            Self::PartialUpdate => row("PARTIAL_UPDATE", "PartialUpdate", Post, false, None),
            Self::BatchPartialUpdate => row(
                "BATCH_PARTIAL_UPDATE",
                "BatchPartialUpdate",
                Post,
                false,
                None,
            ),
            Self::Delete => row("DELETE", "Delete", Delete, true, None),
            Self::BatchDelete => row("BATCH_DELETE", "BatchDelete", Delete, true, None),
            Self::Action => row("ACTION", "Action", Post, false, Some("action")),
        }
    }

    /// Every wire name, in [`Self::ALL`] order.
    pub const WIRE_NAMES: [&'static str; 14] = {
        let mut names = [""; 14];
        let mut i = 0;
        while i < names.len() {
            names[i] = Self::ALL[i].facts().wire;
            i += 1;
        }
        names
    };

    /// The name in `x-restli` and in the `X-RestLi-Method` header (`BATCH_GET`).
    pub fn wire(self) -> &'static str {
        self.facts().wire
    }

    /// The method with this wire name.
    pub fn from_wire(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.wire() == name)
    }

    /// The HTTP method it travels as.
    pub fn http_method(self) -> HttpMethod {
        self.facts().http
    }

    /// Whether the runtime may retry it on its own after a transient failure.
    pub fn is_idempotent(self) -> bool {
        self.facts().idempotent
    }

    /// The query parameter that names the finder or action (`q`, `bq`, `action`), which the
    /// runtime sends itself.
    pub fn discriminator(self) -> Option<&'static str> {
        self.facts().discriminator
    }

    /// Its variant of the runtime's `crate::request::RestliMethod` (`BatchGet`).
    pub fn runtime_variant(self) -> &'static str {
        self.facts().runtime_variant
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Shown by wire name (`BATCH_GET`), as the spec and the `X-RestLi-Method` header spell it.
impl std::fmt::Display for RestliMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.wire())
    }
}

/// Serialized by wire name, so a reviewer reads the model in the spec's words.
impl Serialize for RestliMethod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.wire())
    }
}

impl Serialize for HttpMethod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read from `x-restli`'s `method` by wire name.
impl<'de> Deserialize<'de> for RestliMethod {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        Self::from_wire(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &Self::WIRE_NAMES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_are_distinct_and_read_back() {
        for m in RestliMethod::ALL {
            assert_eq!(RestliMethod::from_wire(m.wire()), Some(m));
        }
        let mut names = RestliMethod::WIRE_NAMES.to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RestliMethod::ALL.len());
    }

    #[test]
    fn the_runtime_variant_is_the_rust_variant_name() {
        for m in RestliMethod::ALL {
            assert_eq!(m.runtime_variant(), format!("{m:?}"));
        }
    }

    #[test]
    fn unknown_methods_are_refused_with_the_known_ones_listed() {
        let e = serde_json::from_value::<RestliMethod>(serde_json::json!("REMOVE")).unwrap_err();
        assert!(e.to_string().contains("unknown variant `REMOVE`"), "{e}");
        assert!(e.to_string().contains("`BATCH_GET`"), "{e}");
    }
}
