//! Rest.li 2.0 decoding: the inverse of [`encode`](super::encode) and
//! [`reduced_encode`](super::reduced_encode).
//!
//! Rest.li strings carry no types, so every leaf decodes to a JSON string (`List(1,2)` →
//! `["1","2"]`); deserialize the result into a typed value if you need numbers. Malformed input
//! (unbalanced parentheses, a missing `:`, trailing characters, invalid UTF-8 after
//! unescaping) is an error naming the byte offset, never a best guess.

use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

/// A string is not valid Rest.li 2.0.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed Rest.li value at byte {position}: {message}")]
pub struct DecodeError {
    position: usize,
    message: String,
}

impl DecodeError {
    /// The byte offset in the input where decoding failed.
    pub fn position(&self) -> usize {
        self.position
    }

    /// What was expected there.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Decodes a Rest.li 2.0 URL-encoded value (a query value or path key).
///
/// ```
/// use linkedin_api::restli::decode;
/// use serde_json::json;
/// assert_eq!(
///     decode("(ids:List(urn%3Ali%3Aperson%3A1,''))").unwrap(),
///     json!({"ids": ["urn:li:person:1", ""]})
/// );
/// assert!(decode("(a:b").is_err());
/// ```
pub fn decode(s: &str) -> Result<Value, DecodeError> {
    Parser::new(s, Level::Full).parse()
}

/// Decodes a Rest.li 2.0 *reduced*-encoded value (body map keys, the `X-RestLi-Id` header):
/// only `%28 %29 %2C %3A %27` (`( ) , : '`) are unescaped, any other `%` sequence is kept as is.
///
/// ```
/// use linkedin_api::restli::reduced_decode;
/// use serde_json::json;
/// assert_eq!(reduced_decode("urn%3Ali%3Atest%3Afoo bar").unwrap(), json!("urn:li:test:foo bar"));
/// ```
pub fn reduced_decode(s: &str) -> Result<Value, DecodeError> {
    Parser::new(s, Level::Reduced).parse()
}

/// Undoes reduced encoding of one leaf (no structure parsing).
pub(crate) fn reduced_unescape(s: &str) -> String {
    if s == "''" {
        return String::new();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let escaped = rest.get(i..i + 3).map(str::to_ascii_uppercase);
        let replacement = match escaped.as_deref() {
            Some("%28") => Some('('),
            Some("%29") => Some(')'),
            Some("%2C") => Some(','),
            Some("%3A") => Some(':'),
            Some("%27") => Some('\''),
            _ => None,
        };
        match replacement {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Clone, Copy)]
enum Level {
    Full,
    Reduced,
}

struct Parser<'a> {
    input: &'a str,
    pos: usize,
    level: Level,
}

impl<'a> Parser<'a> {
    fn new(input: &'a str, level: Level) -> Self {
        Self {
            input,
            pos: 0,
            level,
        }
    }

    fn parse(mut self) -> Result<Value, DecodeError> {
        if self.input.is_empty() {
            return Ok(Value::String(String::new()));
        }
        let value = self.value()?;
        match self.peek() {
            None => Ok(value),
            Some(c) => Err(self.error(format!("unexpected `{c}` after the value"))),
        }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn error(&self, message: impl Into<String>) -> DecodeError {
        DecodeError {
            position: self.pos,
            message: message.into(),
        }
    }

    fn value(&mut self) -> Result<Value, DecodeError> {
        if self.rest().starts_with("List(") {
            self.pos += "List(".len();
            return self.list();
        }
        if self.rest().starts_with('(') {
            self.pos += 1;
            return self.record();
        }
        let start = self.pos;
        let token = self.leaf();
        if token.is_empty() {
            return Err(match self.peek() {
                Some(c) => self.error(format!("expected a value, found `{c}`")),
                None => self.error("expected a value, found the end of the input"),
            });
        }
        if self.peek() == Some('(') {
            return Err(self.error(format!("unexpected `(` after `{token}`")));
        }
        self.unescape(token, start).map(Value::String)
    }

    /// Reads a leaf token up to the next structure character.
    fn leaf(&mut self) -> &'a str {
        let rest = self.rest();
        let end = rest.find(['(', ')', ',', ':']).unwrap_or(rest.len());
        self.pos += end;
        &rest[..end]
    }

    fn list(&mut self) -> Result<Value, DecodeError> {
        let mut items = Vec::new();
        if self.peek() == Some(')') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            if self.close("List(")? {
                return Ok(Value::Array(items));
            }
        }
    }

    fn record(&mut self) -> Result<Value, DecodeError> {
        let mut map = Map::new();
        if self.peek() == Some(')') {
            self.pos += 1;
            return Ok(Value::Object(map));
        }
        loop {
            let start = self.pos;
            let key = self.leaf();
            if key.is_empty() {
                return Err(self.error("expected a record key"));
            }
            let key = self.unescape(key, start)?;
            if self.peek() != Some(':') {
                return Err(self.error(format!("expected `:` after record key `{key}`")));
            }
            self.pos += 1;
            let value = self.value()?;
            map.insert(key, value);
            if self.close("(")? {
                return Ok(Value::Object(map));
            }
        }
    }

    /// After an element: `,` continues (false), `)` closes (true), anything else is an error.
    fn close(&mut self, opener: &str) -> Result<bool, DecodeError> {
        match self.peek() {
            Some(',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(')') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) => Err(self.error(format!("expected `,` or `)`, found `{c}`"))),
            None => Err(self.error(format!(
                "unbalanced parentheses: `{opener}` is never closed"
            ))),
        }
    }

    fn unescape(&self, token: &str, start: usize) -> Result<String, DecodeError> {
        if token == "''" {
            return Ok(String::new());
        }
        match self.level {
            Level::Full => percent_decode_str(token)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| DecodeError {
                    position: start,
                    message: "percent-decoded value is not valid UTF-8".into(),
                }),
            Level::Reduced => Ok(reduced_unescape(token)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::restli::{encode, reduced_encode};
    use serde_json::json;

    #[test]
    fn round_trips() {
        let values = [
            json!("urn:li:person:1"),
            json!(""),
            json!([]),
            json!({}),
            json!(["a b", "", "x,y"]),
            json!({"a": {"b": ["(1)", "é"]}, "c": "it's"}),
            json!({"": "empty key"}),
        ];
        for v in values {
            assert_eq!(decode(&encode(&v).unwrap()).unwrap(), v, "full {v}");
            assert_eq!(
                reduced_decode(&reduced_encode(&v).unwrap()).unwrap(),
                v,
                "reduced {v}"
            );
        }
    }

    #[test]
    fn leaves_are_strings() {
        assert_eq!(decode("List(1,true)").unwrap(), json!(["1", "true"]));
    }

    #[test]
    fn compound_key() {
        assert_eq!(
            reduced_decode("(actor:urn%3Ali%3Aperson%3A1,entity:urn%3Ali%3Aactivity%3A2)").unwrap(),
            json!({"actor": "urn:li:person:1", "entity": "urn:li:activity:2"})
        );
    }

    #[test]
    fn reduced_keeps_other_escapes() {
        assert_eq!(reduced_decode("a%20b%3A").unwrap(), json!("a%20b:"));
    }

    #[test]
    fn malformed_inputs_are_errors() {
        for bad in [
            "(a:b", "List(a,b", "(a:b))", ")", "(a)", "(a:)", "List(,)", "abc(d)", "a:b", "(:b)",
            "%FF", "(a:b,)",
        ] {
            assert!(decode(bad).is_err(), "{bad} should fail");
        }
        let err = decode("(a:List(b)").unwrap_err();
        assert!(err.to_string().contains("unbalanced"), "{err}");
        assert_eq!(err.position(), 10);
        // `message` is what was expected there, for a caller who reports it its own way.
        let err = decode("(a:b:c)").unwrap_err();
        assert_eq!(err.message(), "expected `,` or `)`, found `:`");
    }
}
