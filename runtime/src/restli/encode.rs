//! Rest.li 2.0 encoding of values into URLs, body map keys and headers.
//!
//! Rest.li 2.0 writes structured values in URLs with a small grammar of its own:
//!
//! | value | encoding |
//! |---|---|
//! | string, number, boolean | the value, percent-encoded (empty string: `''`) |
//! | list | `List(a,b)` (empty: `List()`) |
//! | record / map | `(k1:v1,k2:v2)` (empty: `()`) |
//!
//! The structure characters `(`, `)`, `,`, `:` and `List(` stay literal; only leaves are escaped.
//! Two escaping levels exist:
//!
//! * [`encode`] (URLs: query values and path keys) escapes every byte except the RFC 3986
//!   unreserved set `ALPHA DIGIT - . _ ~`, like LinkedIn's official Python client;
//! * [`reduced_encode`] (body map keys and the `X-RestLi-Id` header) escapes only the five
//!   characters that would break the grammar, `,` `(` `)` `'` `:`, like both official clients.
//!
//! **Record keys are sorted.** Every record is written with its keys in lexicographic order, as
//! the official Python client does.
//! Rest.li servers read records as maps, so order carries no meaning; sorting makes the output
//! deterministic whatever map type produced it (a `HashMap` included), which keeps URLs stable
//! for caches, logs and snapshot tests.
//!
//! **Nulls.** Rest.li has no null: a record field whose value is `null` is left out (an absent
//! optional field), and a `null` anywhere else is an [`EncodeError`].

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use super::ser::{self, Written};

/// Every byte but the RFC 3986 unreserved characters `ALPHA DIGIT - . _ ~` is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A value could not be written in Rest.li 2.0 form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot Rest.li-encode value: {message}")]
pub struct EncodeError {
    message: String,
}

impl EncodeError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What went wrong, without the value itself.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<serde_json::Error> for EncodeError {
    fn from(err: serde_json::Error) -> Self {
        Self::new(err.to_string())
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Level {
    Full,
    Reduced,
}

/// Encodes a value for a URL (query value or path key) with Rest.li 2.0 encoding.
///
/// ```
/// use linkedin_api::restli::encode;
/// use serde_json::json;
///
/// assert_eq!(encode(&"urn:li:person:1").unwrap(), "urn%3Ali%3Aperson%3A1");
/// assert_eq!(encode(&["a b", ""]).unwrap(), "List(a%20b,'')");
/// assert_eq!(
///     encode(&json!({"status": {"values": ["ACTIVE"]}})).unwrap(),
///     "(status:(values:List(ACTIVE)))"
/// );
/// ```
pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<String, EncodeError> {
    encode_at(value, Level::Full)
}

/// Encodes a value with Rest.li 2.0 *reduced* encoding, used for map keys in JSON bodies
/// (batch `entities`) and for the `X-RestLi-Id` header.
///
/// ```
/// use linkedin_api::restli::reduced_encode;
/// assert_eq!(reduced_encode(&"urn:li:test:foo bar").unwrap(), "urn%3Ali%3Atest%3Afoo bar");
/// ```
pub fn reduced_encode<T: Serialize + ?Sized>(value: &T) -> Result<String, EncodeError> {
    encode_at(value, Level::Reduced)
}

/// Appends `value`'s full (URL) encoding to `out`; `Ok(false)`, with nothing appended, when the
/// value is `null` (an absent optional parameter).
pub(crate) fn append<T: Serialize + ?Sized>(
    out: &mut String,
    value: &T,
) -> Result<bool, EncodeError> {
    Ok(ser::write(out, value, Level::Full)? == Written::Value)
}

fn encode_at<T: Serialize + ?Sized>(value: &T, level: Level) -> Result<String, EncodeError> {
    let mut out = String::new();
    match ser::write(&mut out, value, level)? {
        Written::Value => Ok(out),
        Written::Null => Err(EncodeError::new(ser::NULL)),
    }
}

/// Encodes query parameters as `name=value&…`, each value with [`encode`] and each name
/// percent-encoded. Parameters keep the order given (LinkedIn does not care about order, and the
/// caller's order is the most predictable); a parameter whose value is `null` is left out.
///
/// ```
/// use linkedin_api::restli::param_encode;
/// use serde_json::json;
/// let q = param_encode(&[("q", json!("author")), ("author", json!("urn:li:person:1"))]).unwrap();
/// assert_eq!(q, "q=author&author=urn%3Ali%3Aperson%3A1");
/// ```
pub fn param_encode<T: Serialize>(params: &[(&str, T)]) -> Result<String, EncodeError> {
    let mut out = String::new();
    for (name, value) in params {
        let start = out.len();
        if start > 0 {
            out.push('&');
        }
        append_key(&mut out, name);
        out.push('=');
        if !append(&mut out, value)? {
            out.truncate(start);
        }
    }
    Ok(out)
}

/// Percent-encodes a whole path key (a URN, an id): every byte but `ALPHA DIGIT - . _ ~`.
///
/// LinkedIn requires a URN used as a resource key to be encoded entirely, parentheses, commas and
/// colons included.
///
/// ```
/// use linkedin_api::restli::encode_key;
/// assert_eq!(encode_key("urn:li:share:1"), "urn%3Ali%3Ashare%3A1");
/// assert_eq!(
///     encode_key("urn:li:comment:(urn:li:activity:1,2)"),
///     "urn%3Ali%3Acomment%3A%28urn%3Ali%3Aactivity%3A1%2C2%29"
/// );
/// ```
pub fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    append_key(&mut out, key);
    out
}

/// A path key as [`encode_key`] encodes it, written straight into the path being formatted
/// (`format!("/rest/posts/{}", PathKey(&urn))`): no string for the key's text, none for its
/// encoding. Percent-encoding is byte by byte, so encoding each piece `Display` writes is
/// encoding the whole.
///
/// For the generated bindings; not a stable API.
#[doc(hidden)]
pub struct PathKey<'a, T: ?Sized>(pub &'a T);

impl<T: std::fmt::Display + ?Sized> std::fmt::Display for PathKey<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Percent-encodes what is written through it.
        struct Encoding<'f, 'g>(&'f mut std::fmt::Formatter<'g>);
        impl std::fmt::Write for Encoding<'_, '_> {
            fn write_str(&mut self, s: &str) -> std::fmt::Result {
                if s.bytes().all(is_unreserved) {
                    self.0.write_str(s)
                } else {
                    utf8_percent_encode(s, UNRESERVED).try_for_each(|piece| self.0.write_str(piece))
                }
            }
        }
        std::fmt::write(&mut Encoding(f), format_args!("{}", self.0))
    }
}

/// [`encode_key`], appended to `out`.
pub(crate) fn append_key(out: &mut String, key: &str) {
    push_encoded(out, key);
}

/// Appends `s` percent-encoded as `utf8_percent_encode(s, UNRESERVED)` would: every byte but
/// `ALPHA DIGIT - . _ ~` as `%XX` (the escapes from `percent_encoding`), each run of plain bytes
/// copied at once. The crate's iterator yields a piece per run and per escaped byte, each
/// through `next`, its own range checks per byte and a copy of its own: for a URN
/// (`urn%3Ali%3A…`) that was most of the time spent encoding a finder's query.
fn push_encoded(out: &mut String, s: &str) {
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if !PLAIN[usize::from(b)] {
            if run < i {
                // `s[run..i]` is plain ASCII, so both ends are on char boundaries.
                out.push_str(&s[run..i]);
            }
            out.push_str(percent_encoding::percent_encode_byte(b));
            run = i + 1;
        }
    }
    // Past the last escaped byte: plain ASCII (or nothing), so `run` is a char boundary.
    out.push_str(&s[run..]);
}

/// Whether each byte is one [`UNRESERVED`] leaves as it is, as a table: one load per byte
/// instead of `is_unreserved`'s chain of range checks.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_unreserved(b as u8);
        b += 1;
    }
    table
};

/// `ALPHA DIGIT - . _ ~`: the bytes [`UNRESERVED`] leaves as they are.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

pub(crate) fn write_leaf(out: &mut String, s: &str, level: Level) {
    if s.is_empty() {
        out.push_str("''");
        return;
    }
    match level {
        // Not `write!`: the formatting machinery cost more than the escaping.
        Level::Full => push_encoded(out, s),
        // Hand-written rather than an `AsciiSet`: `percent_encoding` always escapes non-ASCII
        // bytes, and reduced encoding must leave them alone.
        Level::Reduced => {
            for c in s.chars() {
                match c {
                    ',' => out.push_str("%2C"),
                    '(' => out.push_str("%28"),
                    ')' => out.push_str("%29"),
                    '\'' => out.push_str("%27"),
                    ':' => out.push_str("%3A"),
                    c => out.push(c),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};
    use std::fmt::Write as _;

    proptest! {
        /// The run-copying encoder writes exactly what `percent_encoding` does, whatever the
        /// text (multi-byte characters, escapes at either end, nothing to escape).
        #[test]
        fn matches_percent_encoding(s in any::<String>(), t in "[-._~a-z:%(é ]{0,12}") {
            for s in [&s, &t] {
                let mut out = String::from("x=");
                push_encoded(&mut out, s);
                prop_assert_eq!(out, format!("x={}", utf8_percent_encode(s, UNRESERVED)));
            }
        }
    }

    /// The encoding by way of `serde_json::Value`, as the runtime did before it wrote Rest.li
    /// directly: the oracle the direct serializer must match byte for byte.
    fn through_value(value: &Value, level: Level) -> Result<String, EncodeError> {
        fn go(out: &mut String, value: &Value, level: Level) -> Result<(), EncodeError> {
            match value {
                Value::Null => return Err(EncodeError::new(ser::NULL)),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => write!(out, "{n}").unwrap(),
                Value::String(s) => write_leaf(out, s, level),
                Value::Array(items) => {
                    out.push_str("List(");
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        go(out, item, level)?;
                    }
                    out.push(')');
                }
                Value::Object(map) => {
                    out.push('(');
                    let mut entries: Vec<_> = map.iter().filter(|(_, v)| !v.is_null()).collect();
                    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                    for (i, (key, item)) in entries.into_iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        write_leaf(out, key, level);
                        out.push(':');
                        go(out, item, level)?;
                    }
                    out.push(')');
                }
            }
            Ok(())
        }
        let mut out = String::new();
        go(&mut out, value, level).map(|()| out)
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[ -~é(),:'%]{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z(:]{0,3}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn absent_parameters_leave_no_trace() {
        assert!(ser::is_null(&None::<i32>));
        assert!(ser::is_null(&()));
        assert!(!ser::is_null(&Some(0)));
        assert!(
            !ser::is_null(&Some(None::<i32>)),
            "only certain nulls are skipped early"
        );
        assert!(!ser::is_null(&vec![None::<i32>]));
        let req = crate::request::Request::restli(
            "x.find",
            crate::request::RestliMethod::Finder,
            "/x",
            "/x".into(),
        )
        .query("a", &None::<i32>)
        .query("b", &Some(None::<i32>))
        .query("c", &Some(1))
        .query("d", &None::<Vec<String>>)
        .query("e", &Some(vec!["x"]));
        assert_eq!(req.query_string(), "c=1&e=List(x)");
    }

    proptest! {
        /// Keys written into the path as it is formatted are the bytes `encode_key` gives,
        /// whatever pieces `Display` writes them in (a URN's type, id, parentheses).
        #[test]
        fn path_keys_encode_as_encode_key(key in any::<String>(), id in any::<i64>()) {
            prop_assert_eq!(format!("/a/{}/b", PathKey(&key)), format!("/a/{}/b", encode_key(&key)));
            prop_assert_eq!(PathKey(&id).to_string(), encode_key(&id.to_string()));
            let urn = crate::urn::Urn::new("comment", format!("({key},{id})"));
            prop_assert_eq!(PathKey(&urn).to_string(), encode_key(&urn.to_string()));
        }

        /// The probe that lets an absent parameter skip its name says `null` only when the
        /// encoder writes nothing.
        #[test]
        fn the_null_probe_agrees_with_the_encoder(value in json_value()) {
            let mut out = String::new();
            let written = ser::write(&mut out, &value, Level::Full).ok();
            prop_assert_eq!(ser::is_null(&value), value.is_null());
            prop_assert_eq!(written == Some(ser::Written::Null), value.is_null());
        }

        #[test]
        fn direct_encoding_matches_the_value_route(value in json_value()) {
            for level in [Level::Full, Level::Reduced] {
                let direct = encode_at(&value, level).map_err(|e| e.message().to_owned());
                let oracle = through_value(&value, level).map_err(|e| e.message().to_owned());
                prop_assert_eq!(direct, oracle);
            }
        }
    }

    /// Typed values take serde's other paths (structs, enums, options, tuples, maps with
    /// non-string keys); each must encode as its `serde_json::Value` does.
    #[test]
    fn typed_values_match_the_value_route() {
        #[derive(Serialize)]
        enum Shape {
            Unit,
            Newtype(Option<u8>),
            Tuple(u8, &'static str),
            Struct { b: Option<bool>, a: f32 },
        }
        #[derive(Serialize)]
        struct Params {
            z: Vec<Shape>,
            none: Option<u8>,
            unit: (),
            keys: std::collections::BTreeMap<u32, char>,
            bytes: serde_bytes_like::Bytes,
            pair: (i8, u128),
        }
        mod serde_bytes_like {
            pub struct Bytes(pub &'static [u8]);
            impl serde::Serialize for Bytes {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_bytes(self.0)
                }
            }
        }
        let params = Params {
            z: vec![
                Shape::Unit,
                Shape::Newtype(None),
                Shape::Newtype(Some(3)),
                Shape::Tuple(1, "a b"),
                Shape::Struct { b: None, a: 1.5 },
            ],
            none: None,
            unit: (),
            keys: [(10, 'x'), (2, ':')].into(),
            bytes: serde_bytes_like::Bytes(b"hi"),
            pair: (-1, 7),
        };
        let value = serde_json::to_value(&params).unwrap();
        for level in [Level::Full, Level::Reduced] {
            assert_eq!(
                encode_at(&params, level).unwrap(),
                through_value(&value, level).unwrap()
            );
        }
        assert_eq!(
            encode(&params).unwrap(),
            "(bytes:List(104,105),keys:(10:x,2:%3A),pair:List(-1,7),\
             z:List(Unit,(),(Newtype:3),(Tuple:List(1,a%20b)),(Struct:(a:1.5))))"
        );
        assert!(encode(&vec![Shape::Tuple(1, "")]).is_ok());
        assert!(encode(&Some(())).is_err());
        assert!(encode(&[(); 1]).is_err());
    }

    #[test]
    fn primitives() {
        assert_eq!(encode(&1).unwrap(), "1");
        assert_eq!(encode(&-2.5).unwrap(), "-2.5");
        assert_eq!(encode(&true).unwrap(), "true");
        assert_eq!(encode(&"hello world").unwrap(), "hello%20world");
        assert_eq!(encode(&"a*b!c'd").unwrap(), "a%2Ab%21c%27d");
        assert_eq!(encode(&"-._~").unwrap(), "-._~");
        assert_eq!(encode(&"é").unwrap(), "%C3%A9");
    }

    #[test]
    fn empty_values_follow_the_spec() {
        assert_eq!(encode(&"").unwrap(), "''");
        assert_eq!(encode(&Vec::<i32>::new()).unwrap(), "List()");
        assert_eq!(encode(&json!({})).unwrap(), "()");
        assert_eq!(encode(&json!({"": ""})).unwrap(), "('':'')");
    }

    #[test]
    fn nested_structures_keep_structure_literal_and_sort_keys() {
        let v = json!({"z": [1, "urn:li:person:1"], "a": {"b": "(x)"}, "skip": null});
        assert_eq!(
            encode(&v).unwrap(),
            "(a:(b:%28x%29),z:List(1,urn%3Ali%3Aperson%3A1))"
        );
    }

    #[test]
    fn reduced_encoding_escapes_only_grammar_characters() {
        let v = json!({"k": "a:b,(c)'d e/f"});
        assert_eq!(reduced_encode(&v).unwrap(), "(k:a%3Ab%2C%28c%29%27d e/f)");
        assert_eq!(reduced_encode(&"").unwrap(), "''");
        assert_eq!(reduced_encode(&"é").unwrap(), "é");
    }

    #[test]
    fn null_is_rejected_outside_records() {
        assert!(encode(&json!(null)).is_err());
        assert!(encode(&json!([null])).is_err());
    }

    #[test]
    fn params_keep_order_and_skip_nulls() {
        let q = param_encode(&[
            ("q", json!("search")),
            ("missing", json!(null)),
            ("ids", json!([1, 2])),
        ])
        .unwrap();
        assert_eq!(q, "q=search&ids=List(1,2)");
    }
}
