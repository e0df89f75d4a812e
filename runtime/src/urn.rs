//! LinkedIn URNs: `urn:li:{entity_type}:{id}`.
//!
//! The id may itself contain colons and parentheses (`urn:li:comment:(urn:li:activity:1,2)`), so
//! a URN is split at the third colon only. Generated typed URNs (`PersonUrn`, …) check their
//! entity type with [`expect_type`]; [`Urn`] is the untyped form.
//!
//! A call addressed by an entity's number (`/rest/adAccounts/{adAccountId}`) takes the number
//! or the entity's URN, and sends the number either way; the URN of another entity does not
//! compile there (the user guide of `linkedin-rest`, "URNs", shows both).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The typed URNs generated from the specs (`PersonUrn`, `OrganizationOrPersonUrn`, …).
pub use crate::generated::urn::*;

const PREFIX: &str = "urn:li:";

/// A string is not the URN that was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{input}` is not {expected}")]
pub struct UrnError {
    input: String,
    expected: String,
}

impl UrnError {
    /// The rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What was expected, e.g. `a urn:li:person URN`.
    pub fn expected(&self) -> &str {
        &self.expected
    }
}

/// Splits `urn:li:{entity_type}:{id}` into `(entity_type, id)`.
///
/// ```
/// use linkedin_api::urn::split;
/// assert_eq!(split("urn:li:person:abc").unwrap(), ("person", "abc"));
/// assert_eq!(
///     split("urn:li:comment:(urn:li:activity:1,2)").unwrap(),
///     ("comment", "(urn:li:activity:1,2)")
/// );
/// assert!(split("person:abc").is_err());
/// ```
pub fn split(s: &str) -> Result<(&str, &str), UrnError> {
    let malformed = || UrnError {
        input: s.to_owned(),
        expected: "a URN of the form urn:li:{type}:{id}".to_owned(),
    };
    let rest = s.strip_prefix(PREFIX).ok_or_else(malformed)?;
    let (entity_type, id) = rest.split_once(':').ok_or_else(malformed)?;
    let type_ok = !entity_type.is_empty()
        && entity_type
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !type_ok || id.is_empty() {
        return Err(malformed());
    }
    Ok((entity_type, id))
}

/// `prefix` (`urn:li:sponsoredAccount:`) and `id` in decimal, in one allocation of the exact
/// size, without the formatting machinery: calls keyed by an entity's number build its URN on
/// every call, and `format!` was the larger part of that.
#[doc(hidden)]
pub fn numbered(prefix: &str, id: i64) -> String {
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(id);
    let mut urn = String::with_capacity(prefix.len() + digits.len());
    urn.push_str(prefix);
    urn.push_str(digits);
    urn
}

/// Checks that `s` is a `urn:li:{entity_type}:…` URN and returns its id.
///
/// ```
/// use linkedin_api::urn::expect_type;
/// assert_eq!(expect_type("urn:li:person:abc", "person").unwrap(), "abc");
/// assert_eq!(
///     expect_type("urn:li:share:1", "person").unwrap_err().to_string(),
///     "`urn:li:share:1` is not a urn:li:person URN"
/// );
/// ```
pub fn expect_type<'a>(s: &'a str, entity_type: &'static str) -> Result<&'a str, UrnError> {
    match split(s) {
        Ok((t, id)) if t == entity_type => Ok(id),
        _ => Err(mismatch(s, &[entity_type])),
    }
}

/// The error for a URN whose type is not one of `expected` (used by URN unions).
///
/// ```
/// use linkedin_api::urn::unexpected_type;
/// assert_eq!(
///     unexpected_type("urn:li:share:1", &["person", "organization"]).to_string(),
///     "`urn:li:share:1` is not a urn:li:person or urn:li:organization URN"
/// );
/// ```
pub fn unexpected_type(s: &str, expected: &'static [&'static str]) -> UrnError {
    mismatch(s, expected)
}

/// The id of `urn` (of `entity_type`) as a number, or an error naming the URN.
///
/// ```
/// use linkedin_api::urn::numeric_id;
/// assert_eq!(numeric_id("urn:li:sponsoredAccount:512388408", "512388408", "sponsoredAccount"), Ok(512388408));
/// assert_eq!(
///     numeric_id("urn:li:sponsoredAccount:x1", "x1", "sponsoredAccount").unwrap_err().to_string(),
///     "`urn:li:sponsoredAccount:x1` is not a urn:li:sponsoredAccount URN with a numeric id"
/// );
/// ```
#[doc(hidden)]
pub fn numeric_id(urn: &str, id: &str, entity_type: &str) -> Result<i64, UrnError> {
    id.parse().map_err(|_| UrnError {
        input: urn.to_owned(),
        expected: format!("a {PREFIX}{entity_type} URN with a numeric id"),
    })
}

/// Reads a numeric entity id given as the number (what a call's JSON arguments carry for
/// `/rest/adAccounts/{adAccountId}`) into the entity's URN, which the call holds so that its
/// method takes the number or the URN. Generated code uses it with `deserialize_with`.
#[doc(hidden)]
pub fn from_number<'de, D: Deserializer<'de>, U: From<i64>>(
    deserializer: D,
) -> Result<U, D::Error> {
    i64::deserialize(deserializer).map(U::from)
}

fn mismatch(s: &str, expected: &[&str]) -> UrnError {
    let types: Vec<String> = expected.iter().map(|t| format!("{PREFIX}{t}")).collect();
    let expected = match types.as_slice() {
        [] => "a URN".to_owned(),
        [one] => format!("a {one} URN"),
        [init @ .., last] => format!("a {} or {last} URN", init.join(", ")),
    };
    UrnError {
        input: s.to_owned(),
        expected,
    }
}

/// A well-formed URN of any entity type, kept as the exact string it was read from: what a URN
/// union holds in `Unknown` when LinkedIn sends a type the union does not list.
///
/// ```
/// use linkedin_api::urn::AnyUrn;
/// let urn: AnyUrn = "urn:li:unknown:0".parse().unwrap();
/// assert_eq!((urn.entity_type(), urn.id(), urn.as_str()), ("unknown", "0", "urn:li:unknown:0"));
/// assert!("unknown:0".parse::<AnyUrn>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnyUrn {
    urn: String,
    /// Where the id starts: `urn:li:` + the entity type + `:`.
    id_at: usize,
}

impl AnyUrn {
    /// The whole URN.
    pub fn as_str(&self) -> &str {
        &self.urn
    }

    /// The entity type.
    pub fn entity_type(&self) -> &str {
        &self.urn[PREFIX.len()..self.id_at - 1]
    }

    /// The id part.
    pub fn id(&self) -> &str {
        &self.urn[self.id_at..]
    }
}

impl FromStr for AnyUrn {
    type Err = UrnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AnyUrn::try_from(s.to_owned())
    }
}

impl TryFrom<String> for AnyUrn {
    type Error = UrnError;

    /// Checks `s` and keeps it without copying.
    fn try_from(s: String) -> Result<Self, Self::Error> {
        let (entity_type, _) = split(&s)?;
        let id_at = PREFIX.len() + entity_type.len() + 1;
        Ok(AnyUrn { urn: s, id_at })
    }
}

impl AnyUrn {
    /// The URN as an owned string.
    pub fn into_string(self) -> String {
        self.urn
    }
}

impl fmt::Display for AnyUrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.urn)
    }
}

impl Serialize for AnyUrn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.urn)
    }
}

impl<'de> Deserialize<'de> for AnyUrn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // One allocation: the string the URN keeps.
        let s = String::deserialize(deserializer)?;
        AnyUrn::try_from(s).map_err(serde::de::Error::custom)
    }
}

/// An untyped LinkedIn URN. Parses from and prints as `urn:li:{entity_type}:{id}`, and
/// (de)serializes as that string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Urn {
    /// The entity type, e.g. `person`.
    pub entity_type: String,
    /// The id, e.g. `abc` or `(urn:li:activity:1,2)`.
    pub id: String,
}

impl Urn {
    /// A URN of this type and id.
    pub fn new(entity_type: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            entity_type: entity_type.into(),
            id: id.into(),
        }
    }
}

impl fmt::Display for Urn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{PREFIX}{}:{}", self.entity_type, self.id)
    }
}

impl FromStr for Urn {
    type Err = UrnError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        split(s).map(|(t, id)| Urn::new(t, id))
    }
}

impl Serialize for Urn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Urn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_is_the_formatted_urn() {
        for id in [0, 7, -1, 510_000_001, i64::MAX, i64::MIN] {
            assert_eq!(
                numbered("urn:li:sponsoredAccount:", id),
                format!("urn:li:sponsoredAccount:{id}")
            );
            let urn = SponsoredAccountUrn::from(id);
            assert_eq!(urn, SponsoredAccountUrn::from_id(id));
        }
    }

    #[test]
    fn parse_and_print() {
        let u: Urn = "urn:li:comment:(urn:li:activity:1,2)".parse().unwrap();
        assert_eq!(u.entity_type, "comment");
        assert_eq!(u.id, "(urn:li:activity:1,2)");
        assert_eq!(u.to_string(), "urn:li:comment:(urn:li:activity:1,2)");
        let json = serde_json::to_string(&u).unwrap();
        assert_eq!(serde_json::from_str::<Urn>(&json).unwrap(), u);
    }

    #[test]
    fn rejects_malformed() {
        for bad in [
            "",
            "urn:li:",
            "urn:li:person",
            "urn:li:person:",
            "urn:x:person:1",
            "urn:li::1",
        ] {
            let err = split(bad).unwrap_err();
            assert!(err.to_string().contains("urn:li:{type}:{id}"), "{err}");
        }
        assert!(serde_json::from_str::<Urn>("\"nope\"").is_err());
    }

    #[test]
    fn unions_accept_any_well_formed_urn_from_linkedin_and_keep_it() {
        let json = "\"urn:li:unknown:0\"";
        let actor: OrganizationOrPersonUrn = serde_json::from_str(json).unwrap();
        assert!(actor.is_unknown());
        assert_eq!(
            (actor.as_str(), actor.entity_type(), actor.id()),
            ("urn:li:unknown:0", "unknown", "0")
        );
        assert_eq!(serde_json::to_string(&actor).unwrap(), json);
        // Listed types still decode into their typed variant.
        let person: OrganizationOrPersonUrn =
            serde_json::from_str("\"urn:li:person:abc\"").unwrap();
        assert_eq!(
            person,
            OrganizationOrPersonUrn::Person(PersonUrn::from_id("abc"))
        );
        // Malformed URNs are still refused.
        assert!(serde_json::from_str::<OrganizationOrPersonUrn>("\"unknown:0\"").is_err());
        // Building a request stays typed: parsing accepts only the listed types.
        let err = "urn:li:unknown:0"
            .parse::<OrganizationOrPersonUrn>()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("urn:li:organization or urn:li:person"),
            "{err}"
        );
    }

    #[test]
    fn widening_an_unknown_urn_finds_the_type_the_wider_union_lists() {
        let narrow: ShareOrUgcPostUrn = serde_json::from_str("\"urn:li:activity:1\"").unwrap();
        assert!(narrow.is_unknown());
        let wide = ActivityOrShareOrUgcPostUrn::from(narrow);
        assert_eq!(
            wide,
            ActivityOrShareOrUgcPostUrn::Activity(ActivityUrn::from_id(1))
        );
        let still: ShareOrUgcPostUrn = serde_json::from_str("\"urn:li:thing:1\"").unwrap();
        assert!(ActivityOrShareOrUgcPostUrn::from(still).is_unknown());
    }

    #[test]
    fn union_messages() {
        assert_eq!(
            unexpected_type("x", &["a", "b", "c"]).to_string(),
            "`x` is not a urn:li:a, urn:li:b or urn:li:c URN"
        );
    }
}
