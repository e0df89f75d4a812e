//! The macros generated code expands through. They hold the serde logic of open enums, Rest.li
//! unions and typed URNs in one hand-written place, so every generated type behaves the same
//! and the generated files stay short. They are `#[doc(hidden)]`: the generated types are the
//! API, not the macros.

/// An open string enum: its declaration and every impl, from one list of `Variant = "WIRE"`.
///
/// The enum gets the known values plus `Unknown(String)` for values LinkedIn adds later.
/// Decoding never fails on a new value (it is reported through `tracing` and kept verbatim);
/// encoding sends the wire string back unchanged. Attributes (docs, `#[deprecated]`) on the enum
/// and on each variant are kept.
///
/// ```
/// linkedin_api::open_enum! {
///     /// Who may see a post.
///     pub enum Visibility {
///         /// `PUBLIC`
///         Public = "PUBLIC",
///         /// `CONNECTIONS`
///         #[deprecated]
///         Connections = "CONNECTIONS",
///     }
/// }
///
/// let seen: Visibility = serde_json::from_str(r#""LOGGED_IN""#).unwrap();
/// assert_eq!(seen, Visibility::Unknown("LOGGED_IN".into()));
/// assert_eq!(Visibility::Public.as_str(), "PUBLIC");
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )*
            /// A value this version of the crate does not know, kept verbatim.
            Unknown(String),
        }

        #[allow(deprecated)]
        impl $name {
            /// Every value this version of the crate knows, as sent on the wire.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::Unknown(value) => value,
                }
            }

            /// `true` for a value this version of the crate does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }
        }

        #[allow(deprecated)]
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(match s {
                    $( $wire => Self::$variant, )*
                    other => Self::Unknown(other.to_owned()),
                })
            }
        }

        #[allow(deprecated)]
        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(value) => value,
                    Err(never) => match never {},
                }
            }
        }

        #[allow(deprecated)]
        impl ::std::convert::From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $( $wire => Self::$variant, )*
                    _ => Self::Unknown(s),
                }
            }
        }

        #[allow(deprecated)]
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value: Self = $crate::de::from_str_like(deserializer)?;
                if let Self::Unknown(unknown) = &value {
                    $crate::error::warn_unknown_variant(stringify!($name), unknown);
                }
                Ok(value)
            }
        }
    };
}

/// A Rest.li union: its declaration and every impl, from one list of `Variant(Type) = "member"`.
///
/// On the wire it is a JSON object with exactly one key naming the member. The enum gets the
/// listed members plus `Unknown { member: String, value: Value }`, which unknown members decode
/// to and encode back from unchanged. Attributes on the enum and on each member are kept.
#[doc(hidden)]
#[macro_export]
macro_rules! restli_union {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident($ty:ty $(,)?) = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant($ty), )*
            /// A member this version of the crate does not know, kept verbatim.
            Unknown {
                /// The member's key.
                member: String,
                /// The member's value.
                value: ::serde_json::Value,
            },
        }

        #[allow(deprecated)]
        impl $name {
            /// The member's key on the wire.
            pub fn member(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $wire, )*
                    Self::Unknown { member, .. } => member,
                }
            }
        }

        #[allow(deprecated)]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(1))?;
                match self {
                    $( Self::$variant(value) => map.serialize_entry($wire, value)?, )*
                    Self::Unknown { member, value } => map.serialize_entry(member, value)?,
                }
                map.end()
            }
        }

        // One pass over the input: the member's key picks the type its value decodes into, so
        // a member is never buffered as a `serde_json::Value` first. A decode error's path runs
        // through the member (`content.article.source`).
        #[allow(deprecated)]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;

                #[allow(deprecated)]
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " union: an object with one member"))
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                        use ::serde::de::Error as _;
                        let Some(member) = map.next_key::<$crate::de::Str<'de>>()? else {
                            return Err(A::Error::custom(concat!("a ", stringify!($name), " union needs one member, found none")));
                        };
                        let value = match member.as_str() {
                            $( $wire => $name::$variant(map.next_value::<$ty>()?), )*
                            _ => {
                                let value = map.next_value::<::serde_json::Value>()?;
                                $crate::error::warn_unknown_variant(stringify!($name), member.as_str());
                                $name::Unknown { member: member.into_string(), value }
                            }
                        };
                        if map.next_key::<::serde::de::IgnoredAny>()?.is_some() {
                            return Err(A::Error::custom(concat!("a ", stringify!($name), " union has exactly one member, found several")));
                        }
                        Ok(value)
                    }
                }

                deserializer.deserialize_map(Visitor)
            }
        }
    };
}

/// A URN of one entity type, `urn:li:{type}:{id}`. Parsing rejects every other entity type.
#[doc(hidden)]
#[macro_export]
macro_rules! typed_urn {
    // An entity LinkedIn identifies by number (an ad account, a campaign, a post): the URN and
    // the number convert both ways.
    ($vis:vis struct $name:ident = $entity:literal; numeric) => {
        $crate::typed_urn! { $vis struct $name = $entity; }

        impl $name {
            /// The id as the number LinkedIn uses for this entity (what calls keyed by a numeric
            /// id, such as `campaigns().search(…)`, send; they take the URN too). An error names
            /// the URN when its id is not a number.
            pub fn numeric_id(&self) -> ::std::result::Result<i64, $crate::urn::UrnError> {
                $crate::urn::numeric_id(self.as_str(), self.id(), $entity)
            }
        }

        impl ::std::convert::From<i64> for $name {
            /// The URN of the entity with this numeric id.
            fn from(id: i64) -> Self {
                Self::from_checked($crate::urn::numbered(concat!("urn:li:", $entity, ":"), id))
            }
        }

        impl ::std::convert::TryFrom<&$name> for i64 {
            type Error = $crate::urn::UrnError;

            fn try_from(urn: &$name) -> ::std::result::Result<i64, Self::Error> {
                urn.numeric_id()
            }
        }
    };
    ($vis:vis struct $name:ident = $entity:literal;) => {
        #[doc = concat!("A `urn:li:", $entity, ":…` URN. Parsing rejects other entity types.")]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name(String);

        impl $name {
            /// The entity type this URN names.
            pub const ENTITY_TYPE: &'static str = $entity;

            /// The URN with this id: `urn:li:<type>:<id>`.
            pub fn from_id(id: impl ::std::fmt::Display) -> Self {
                Self(format!(concat!("urn:li:", $entity, ":{}"), id))
            }

            /// The id part (everything after `urn:li:<type>:`).
            pub fn id(&self) -> &str {
                &self.0[concat!("urn:li:", $entity, ":").len()..]
            }

            /// The whole URN.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::urn::UrnError;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $crate::urn::expect_type(s, $entity)?;
                Ok(Self(s.to_owned()))
            }
        }

        impl $name {
            /// Checks `s` and keeps it, without copying (decoding and unions use it).
            #[doc(hidden)]
            pub fn from_string(s: ::std::string::String) -> ::std::result::Result<Self, $crate::urn::UrnError> {
                $crate::urn::expect_type(&s, $entity)?;
                Ok(Self(s))
            }

            /// Keeps `s`, a well-formed URN the caller has checked to be of this entity type.
            #[doc(hidden)]
            pub fn from_checked(s: ::std::string::String) -> Self {
                Self(s)
            }
        }

        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $crate::urn::UrnError;

            fn try_from(s: &str) -> ::std::result::Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl ::std::convert::From<&$name> for $name {
            /// A copy, so a call takes a URN it is given by reference (`&campaign.account`).
            fn from(urn: &$name) -> Self {
                urn.clone()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                // One allocation: the string the URN keeps.
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::from_string(s).map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    };
}

/// A URN of one of several entity types ("a person or an organization"), as an enum of the
/// single-type URNs plus `Unknown`.
///
/// Liberal in what it accepts from LinkedIn, exact in what it sends: deserializing accepts any
/// well-formed URN (LinkedIn sends types its docs do not list, e.g. `urn:li:unknown:0` as an
/// audit stamp's actor), keeping an unlisted type in `Unknown` unchanged, while parsing with
/// `FromStr` accepts only the listed types, so requests are built from the typed variants.
#[doc(hidden)]
#[macro_export]
macro_rules! urn_union {
    ($vis:vis enum $name:ident { $( $variant:ident($ty:ident), )+ }) => {
        #[doc = concat!("A URN of one of these entity types: ", $( "`", stringify!($variant), "` ", )+ ", or any other LinkedIn sends (`Unknown`).")]
        #[doc = ""]
        #[doc = "Deserializing accepts any well-formed URN; `FromStr` accepts only the listed types."]
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $(
                #[doc = concat!("A `", stringify!($ty), "`.")]
                $variant($ty),
            )+
            /// A well-formed URN of an entity type this union does not list, kept unchanged.
            Unknown($crate::urn::AnyUrn),
        }

        impl $name {
            /// The entity types this URN lists.
            pub const ENTITY_TYPES: &'static [&'static str] = &[$( $ty::ENTITY_TYPE ),+];

            /// The whole URN.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant(urn) => urn.as_str(), )+
                    Self::Unknown(urn) => urn.as_str(),
                }
            }

            /// The id part.
            pub fn id(&self) -> &str {
                match self {
                    $( Self::$variant(urn) => urn.id(), )+
                    Self::Unknown(urn) => urn.id(),
                }
            }

            /// The entity type (`person`, …).
            pub fn entity_type(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $ty::ENTITY_TYPE, )+
                    Self::Unknown(urn) => urn.entity_type(),
                }
            }

            /// Whether the URN is of a type this union does not list.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }

            /// Any well-formed URN: a listed entity type becomes its variant, any other `Unknown`.
            pub fn from_any(urn: $crate::urn::AnyUrn) -> Self {
                $(
                    if urn.entity_type() == $ty::ENTITY_TYPE {
                        // An `AnyUrn` is well formed, so its type decides: the string moves
                        // into the typed URN uncopied.
                        return Self::$variant($ty::from_checked(urn.into_string()));
                    }
                )+
                Self::Unknown(urn)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::urn::UrnError;

            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                let (entity_type, _) = $crate::urn::split(s)?;
                $(
                    if entity_type == $ty::ENTITY_TYPE {
                        return s.parse().map(Self::$variant);
                    }
                )+
                Err($crate::urn::unexpected_type(s, Self::ENTITY_TYPES))
            }
        }

        impl ::std::convert::TryFrom<&str> for $name {
            type Error = $crate::urn::UrnError;

            fn try_from(s: &str) -> ::std::result::Result<Self, Self::Error> {
                s.parse()
            }
        }

        $(
            impl ::std::convert::From<$ty> for $name {
                fn from(urn: $ty) -> Self {
                    Self::$variant(urn)
                }
            }

            impl ::std::convert::TryFrom<$name> for $ty {
                type Error = $crate::urn::UrnError;

                /// The URN if it is of this entity type; an error naming it otherwise.
                fn try_from(urn: $name) -> ::std::result::Result<Self, Self::Error> {
                    match urn {
                        $name::$variant(inner) => Ok(inner),
                        other => other.as_str().parse(),
                    }
                }
            }
        )+

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let any = <$crate::urn::AnyUrn as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_any(any))
            }
        }
    };
}

/// `From` a narrower URN union into a wider one (`ShareOrUgcPostUrn` into
/// `ActivityOrShareOrUgcPostUrn`), so a URN read from one response can be passed where a wider
/// set of entity types is accepted; `TryFrom` the wider one back.
#[doc(hidden)]
#[macro_export]
macro_rules! urn_union_widen {
    ($from:ident => $to:ident { $( $variant:ident ),+ $(,)? }) => {
        impl ::std::convert::From<$from> for $to {
            fn from(urn: $from) -> $to {
                match urn {
                    $( $from::$variant(inner) => $to::$variant(inner), )+
                    // The wider union may list the type the narrower one did not.
                    $from::Unknown(other) => $to::from_any(other),
                }
            }
        }

        impl ::std::convert::TryFrom<$to> for $from {
            type Error = $crate::urn::UrnError;

            /// The URN if it is of one of the narrower union's entity types; an error naming it
            /// otherwise.
            fn try_from(urn: $to) -> ::std::result::Result<$from, Self::Error> {
                urn.as_str().parse()
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::client::RawResponse;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Article {
        source: Source,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Source {
        count: u32,
    }

    crate::restli_union! {
        enum Content {
            Article(Article) = "article",
        }
    }

    crate::open_enum! {
        /// A made-up open enum with a deprecated value.
        enum Visibility {
            /// `PUBLIC`
            Public = "PUBLIC",
            /// `CONNECTIONS`
            #[deprecated]
            Connections = "CONNECTIONS",
        }
    }

    #[test]
    #[allow(deprecated)]
    fn an_open_enum_maps_each_variant_once_and_keeps_unknown_values() {
        assert_eq!(Visibility::KNOWN, &["PUBLIC", "CONNECTIONS"]);
        let known: Visibility = serde_json::from_str(r#""CONNECTIONS""#).unwrap();
        assert_eq!(known, Visibility::Connections);
        assert_eq!(
            serde_json::to_string(&Visibility::Public).unwrap(),
            r#""PUBLIC""#
        );
        let unknown: Visibility = serde_json::from_str(r#""LOGGED_IN""#).unwrap();
        assert_eq!(unknown, Visibility::Unknown("LOGGED_IN".into()));
        assert!(unknown.is_unknown());
        assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""LOGGED_IN""#);
        assert_eq!(Visibility::from(String::from("PUBLIC")), Visibility::Public);
        assert_eq!(Visibility::from("X").to_string(), "X");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Post {
        content: Content,
    }

    fn decode(body: &'static str) -> Result<Post, crate::Error> {
        RawResponse {
            status: http::StatusCode::OK,
            headers: http::HeaderMap::new(),
            body: bytes::Bytes::from_static(body.as_bytes()),
        }
        .json("posts.get")
    }

    #[test]
    fn a_decode_error_inside_a_union_names_the_member_and_the_path_in_it() {
        let ok = decode(r#"{"content":{"article":{"source":{"count":3}}}}"#).unwrap();
        assert_eq!(ok.content.member(), "article");
        assert_eq!(
            ok.content,
            Content::Article(Article {
                source: Source { count: 3 }
            })
        );
        let err = decode(r#"{"content":{"article":{"source":{"count":"three"}}}}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("at `content.article.source.count`"), "{err}");
        // The cause (serde's words) is the source: the report (`Debug`) shows it.
        let err = decode(r#"{"content":{"article":7}}"#).unwrap_err();
        let err = format!("{err:?}");
        assert!(err.contains("at `content.article`"), "{err}");
        assert!(err.contains("invalid type"), "{err}");
        for (body, why) in [
            (r#"{"content":{}}"#, "found none"),
            (
                r#"{"content":{"article":{"source":{"count":1}},"x":1}}"#,
                "found several",
            ),
            (r#"{"content":"article"}"#, "an object with one member"),
        ] {
            let err = format!("{:?}", decode(body).unwrap_err());
            assert!(err.contains(why), "{body}: {err}");
        }
        let unknown = decode(r#"{"content":{"poll":{"question":"?"}}}"#).unwrap();
        assert_eq!(
            unknown.content,
            Content::Unknown {
                member: "poll".into(),
                value: serde_json::json!({"question": "?"})
            }
        );
    }
}
