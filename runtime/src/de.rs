//! Allocation-free string decoding for the generated types' hand-written `Deserialize` impls
//! (open enums, Rest.li union member keys). Hidden: the generated types are the API.
//!
//! Why not `Cow<'de, str>`: serde's `Deserialize` for `Cow<str>` always produces `Owned`, so an
//! open enum's known value paid an allocation it then threw away, on every field of every
//! element of every page. These visitors borrow when the input allows it (`serde_json` from a
//! slice, for strings without escapes) and take ownership when it hands them a `String`.

use std::fmt;

use serde::de::{Deserializer, Error, Visitor};

/// A string as the deserializer offered it: borrowed from the input, or owned.
#[derive(Debug)]
pub enum Str<'de> {
    /// Borrowed from the input (no allocation).
    Borrowed(&'de str),
    /// Transient or owned by the deserializer (escaped strings).
    Owned(String),
}

impl Str<'_> {
    /// The text.
    pub fn as_str(&self) -> &str {
        match self {
            Str::Borrowed(s) => s,
            Str::Owned(s) => s,
        }
    }

    /// The text as an owned `String` (allocates only when borrowed).
    pub fn into_string(self) -> String {
        match self {
            Str::Borrowed(s) => s.to_owned(),
            Str::Owned(s) => s,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Str<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Str<'de>, E> {
        Ok(Str::Borrowed(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Str<'de>, E> {
        Ok(Str::Owned(v.to_owned()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Str<'de>, E> {
        Ok(Str::Owned(v))
    }
}

/// Decodes a string into `T` through `From<&str>`, borrowing when the deserializer can lend the
/// text, so a known open-enum value costs no allocation.
pub fn from_str_like<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct Into<T>(std::marker::PhantomData<T>);

    impl<'de, T> Visitor<'de> for Into<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }

        fn visit_string<E: Error>(self, v: String) -> Result<T, E> {
            Ok(T::from(v))
        }
    }

    deserializer.deserialize_str(Into(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_plain_strings_and_owns_escaped_ones() {
        let plain: Str<'_> = serde_json::from_str(r#""article""#).unwrap();
        assert!(matches!(plain, Str::Borrowed("article")));
        let escaped: Str<'_> = serde_json::from_str(r#""a\"b""#).unwrap();
        assert_eq!(escaped.as_str(), "a\"b");
        assert!(matches!(escaped, Str::Owned(_)));
        let mut reader = serde_json::Deserializer::from_reader(&br#""x""#[..]);
        let from_reader = <Str<'_> as serde::Deserialize>::deserialize(&mut reader).unwrap();
        assert_eq!(from_reader.into_string(), "x");
        assert!(serde_json::from_str::<Str<'_>>("1").is_err());
    }
}
