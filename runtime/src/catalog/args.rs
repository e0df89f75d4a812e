//! The named arguments of a catalogue call, taken one by one into an operation's parameters.
//!
//! A catalogue call ([`Entry::call`](super::Entry::call)) receives its arguments as one JSON
//! object, `{"<parameter wire name>": value, …, "body": {…}}`. Each generated parameters type
//! implements [`FromArgs`] as a single function that takes its fields by name.
//!
//! Why not `serde::Deserialize`: parameters are read from JSON only here, and a derived
//! `Deserialize` compiles a visitor per operation (a field enum, `visit_map`, `visit_seq`) for
//! every operation of every month, which made up about a sixth of the bindings' build. Here the
//! per-operation code is a struct literal; the work per field is generic only in the field's
//! type, which many operations share, so it is compiled once per type.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Parameters built from a catalogue call's named arguments: implemented by every generated
/// operation.
pub trait FromArgs: Sized {
    /// The argument names the parameters take (their wire names, and `body`); any other
    /// argument is refused.
    const ARGS: &'static [&'static str];

    /// Takes the parameters' fields out of `args`.
    fn from_args(args: &mut Args) -> Result<Self, ArgsError>;
}

/// A catalogue call's arguments, not yet taken.
#[derive(Debug, Default)]
pub struct Args {
    map: Map<String, Value>,
}

impl Args {
    /// The arguments of a JSON object; `null` stands for none.
    pub fn new(value: Value) -> Result<Self, ArgsError> {
        match value {
            Value::Object(map) => Ok(Args { map }),
            Value::Null => Ok(Args::default()),
            other => Err(ArgsError(format!(
                "expected an object of named arguments, got {}",
                kind(&other)
            ))),
        }
    }

    /// The argument `name`, which must be there.
    pub fn required<T: DeserializeOwned>(&mut self, name: &str) -> Result<T, ArgsError> {
        let value = self
            .map
            .remove(name)
            .ok_or_else(|| ArgsError(format!("missing argument `{name}`")))?;
        decode(name, value)
    }

    /// The argument `name`, if given and not `null`.
    pub fn optional<T: DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, ArgsError> {
        match self.map.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode(name, value).map(Some),
        }
    }

    /// The argument `name`, a number standing for the entity `U` it identifies (a numeric path
    /// id such as `adAccountId`, held as its URN).
    pub fn required_id<U: From<i64>>(&mut self, name: &str) -> Result<U, ArgsError> {
        self.required::<i64>(name).map(U::from)
    }

    /// The argument `name`, a number standing for the entity `U` it identifies, if given and
    /// not `null`.
    pub fn optional_id<U: From<i64>>(&mut self, name: &str) -> Result<Option<U>, ArgsError> {
        Ok(self.optional::<i64>(name)?.map(U::from))
    }

    /// Fails on the first argument left over once the parameters took theirs: a name the
    /// operation does not have, most likely misspelt.
    pub fn finish(self, expected: &[&str]) -> Result<(), ArgsError> {
        let Some(name) = self.map.keys().next() else {
            return Ok(());
        };
        let expected = match expected {
            [] => "it takes none".to_owned(),
            names => {
                let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                format!("expected one of {}", names.join(", "))
            }
        };
        Err(ArgsError(format!("unknown argument `{name}`, {expected}")))
    }
}

fn decode<T: DeserializeOwned>(name: &str, value: Value) -> Result<T, ArgsError> {
    serde_json::from_value(value).map_err(|e| ArgsError(format!("argument `{name}`: {e}")))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Why a catalogue call's arguments do not make its parameters: the argument and what is wrong
/// with it (never its value beyond what the JSON decoder quotes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgsError(String);

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ArgsError {}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn takes_required_optional_and_numeric_id_arguments() {
        let mut args = Args::new(json!({"q": "x", "count": 5, "start": null, "id": 42})).unwrap();
        assert_eq!(args.required::<String>("q").unwrap(), "x");
        assert_eq!(args.optional::<i32>("count").unwrap(), Some(5));
        assert_eq!(args.optional::<i32>("start").unwrap(), None);
        assert_eq!(args.optional::<i32>("absent").unwrap(), None);
        assert_eq!(args.required_id::<i64>("id").unwrap(), 42);
        assert_eq!(args.optional_id::<i64>("other").unwrap(), None);
        args.finish(&["q", "count", "start", "id"]).unwrap();
        let mut args = Args::new(json!({"id": 7})).unwrap();
        assert_eq!(args.optional_id::<i64>("id").unwrap(), Some(7));
    }

    #[test]
    fn null_stands_for_no_arguments_and_other_values_are_refused() {
        Args::new(Value::Null).unwrap().finish(&[]).unwrap();
        let err = Args::new(json!([1])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected an object of named arguments, got an array"
        );
    }

    #[test]
    fn errors_name_the_argument() {
        let mut args = Args::new(json!({"count": "ten"})).unwrap();
        let err = args.required::<String>("q").unwrap_err();
        assert_eq!(err.to_string(), "missing argument `q`");
        let err = args.optional::<i32>("count").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("argument `count`: invalid type: string \"ten\""),
            "{err}"
        );
        let err = Args::new(json!({"id": "urn:li:sponsoredAccount:1"}))
            .unwrap()
            .required_id::<i64>("id")
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("argument `id`: invalid type: string"),
            "{err}"
        );
    }

    #[test]
    fn a_left_over_argument_is_refused_with_the_names_expected() {
        let mut args = Args::new(json!({"q": "x", "cuont": 5})).unwrap();
        args.required::<String>("q").unwrap();
        let err = args.finish(&["q", "count"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown argument `cuont`, expected one of `q`, `count`"
        );
        let err = Args::new(json!({"x": 1})).unwrap().finish(&[]).unwrap_err();
        assert_eq!(err.to_string(), "unknown argument `x`, it takes none");
    }
}
