//! Structural mutations of a loaded spec (a `serde_json::Value`). Each mutation picks its target
//! and its variant from plain numbers, so proptest can generate and shrink them, and a case is
//! reproducible from its numbers alone.

use serde_json::{Map, Value, json};

/// One mutation: what to do, and two numbers that choose where and how.
#[derive(Debug, Clone, Copy)]
pub struct Mutation {
    pub kind: Kind,
    pub target: u64,
    pub variant: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    DeleteKey,
    ChangeType,
    RetargetRef,
    RefToItself,
    Wrap,
    DuplicateProperty,
    RenameProperty,
    DeepNesting,
    VendorGarbage,
    ScalarGarbage,
}

pub const KINDS: [Kind; 10] = [
    Kind::DeleteKey,
    Kind::ChangeType,
    Kind::RetargetRef,
    Kind::RefToItself,
    Kind::Wrap,
    Kind::DuplicateProperty,
    Kind::RenameProperty,
    Kind::DeepNesting,
    Kind::VendorGarbage,
    Kind::ScalarGarbage,
];

/// Our vendor extensions (spec/README.md), with or without a use in the spec at hand.
const VENDOR_KEYS: &[&str] = &[
    "x-restli",
    "x-restli-variants",
    "x-restli-envelope",
    "x-restli-union",
    "x-restli-schema",
    "x-linkedin-urn",
    "x-linkedin-runtime",
    "x-linkedin-versioned",
    "x-linkedin-access",
    "x-linkedin-deprecated-values",
];

/// Applies `m` to `spec` and says what it did (for the report of a failing case).
pub fn apply(spec: &mut Value, m: Mutation) -> String {
    let pick = |len: usize, n: u64| (n % len.max(1) as u64) as usize;
    match m.kind {
        Kind::DeleteKey => {
            let objects = pointers(spec, |v| v.as_object().is_some_and(|o| !o.is_empty()));
            let at = &objects[pick(objects.len(), m.target)];
            let obj = spec
                .pointer_mut(at)
                .and_then(Value::as_object_mut)
                .expect("object");
            let key = obj
                .keys()
                .nth(pick(obj.len(), m.variant))
                .cloned()
                .expect("key");
            obj.shift_remove(&key);
            format!("delete {at}/{key}")
        }
        Kind::ChangeType => {
            let schemas = schema_pointers(spec);
            let at = &schemas[pick(schemas.len(), m.target)];
            let types = [
                json!("string"),
                json!("integer"),
                json!("number"),
                json!("boolean"),
                json!("array"),
                json!("object"),
                json!("bogus"),
                json!(null),
                json!(7),
            ];
            let new = types[pick(types.len(), m.variant)].clone();
            set_key(spec, at, "type", new.clone());
            format!("type of {at} := {new}")
        }
        Kind::RetargetRef => {
            let refs = pointers(spec, |v| v.get("$ref").is_some());
            if refs.is_empty() {
                return "no $ref to retarget".to_owned();
            }
            let at = refs[pick(refs.len(), m.target)].clone();
            let names = component_names(spec);
            let mut targets: Vec<String> = names
                .iter()
                .map(|n| format!("#/components/schemas/{n}"))
                .collect();
            targets.push(enclosing_component(&at).unwrap_or_else(|| "#".to_owned()));
            targets.extend(
                [
                    "#/components/schemas/DoesNotExist",
                    "#/components/parameters/Nope",
                    "other.yaml#/Foo",
                    "",
                    "#",
                ]
                .map(str::to_owned),
            );
            let target = targets[pick(targets.len(), m.variant)].clone();
            set_key(spec, &at, "$ref", json!(target));
            format!("{at}/$ref := {target}")
        }
        Kind::RefToItself => {
            let inside = schema_pointers(spec)
                .into_iter()
                .filter(|p| p.starts_with("/components/schemas/"))
                .collect::<Vec<_>>();
            let at = &inside[pick(inside.len(), m.target)];
            let own = enclosing_component(at).expect("inside a component");
            replace(spec, at, json!({ "$ref": own }));
            format!("{at} := $ref to its own component {own}")
        }
        Kind::Wrap => {
            let schemas = schema_pointers(spec);
            let at = &schemas[pick(schemas.len(), m.target)];
            let old = spec.pointer(at).cloned().unwrap_or(Value::Null);
            let (how, new) = match pick(4, m.variant) {
                0 => ("allOf", json!({ "allOf": [old] })),
                1 => ("oneOf", json!({ "oneOf": [old, { "type": "string" }] })),
                2 => ("array", json!({ "type": "array", "items": old })),
                _ => (
                    "additionalProperties",
                    json!({ "type": "object", "additionalProperties": old }),
                ),
            };
            replace(spec, at, new);
            format!("wrap {at} in {how}")
        }
        Kind::DuplicateProperty | Kind::RenameProperty => {
            let maps = pointers(spec, |v| {
                v.get("properties")
                    .and_then(Value::as_object)
                    .is_some_and(|p| !p.is_empty())
            });
            if maps.is_empty() {
                return "no properties".to_owned();
            }
            let at = format!("{}/properties", maps[pick(maps.len(), m.target)]);
            let props = spec
                .pointer_mut(&at)
                .and_then(Value::as_object_mut)
                .expect("properties");
            let key = props
                .keys()
                .nth(pick(props.len(), m.variant))
                .cloned()
                .expect("key");
            let names = [
                format!("{key}_"),
                key.to_uppercase(),
                heckish_snake(&key),
                String::new(),
                "type".to_owned(),
                "self".to_owned(),
                "123".to_owned(),
                "a-b".to_owned(),
                "ünï".to_owned(),
                "Api".to_owned(),
                "$set".to_owned(),
                "additional".to_owned(),
            ];
            let name = names[pick(names.len(), m.variant / 7)].clone();
            let value = props[&key].clone();
            if m.kind == Kind::RenameProperty {
                props.shift_remove(&key);
            }
            props.insert(name.clone(), value);
            let verb = if m.kind == Kind::RenameProperty {
                "rename"
            } else {
                "duplicate"
            };
            format!("{verb} {at}/{key} as {name:?}")
        }
        Kind::DeepNesting => {
            let schemas = schema_pointers(spec);
            let at = &schemas[pick(schemas.len(), m.target)];
            let levels = 1 + pick(80, m.variant);
            // Objects only (each stored inside the one around it), or an array every third level.
            let arrays = (m.variant / 80).is_multiple_of(2);
            let mut schema = spec
                .pointer(at)
                .cloned()
                .unwrap_or(json!({"type": "string"}));
            for i in 0..levels {
                schema = if arrays && i % 3 == 2 {
                    json!({ "type": "array", "items": schema })
                } else {
                    json!({ "type": "object", "properties": { "inner": schema } })
                };
            }
            replace(spec, at, schema);
            let how = if arrays {
                "with arrays"
            } else {
                "objects only"
            };
            format!("nest {at} {levels} levels deep, {how}")
        }
        Kind::VendorGarbage => {
            let garbage = [
                json!(null),
                json!(42),
                json!("garbage"),
                json!([]),
                json!({}),
                json!({ "method": "NOPE" }),
                json!([1, 2]),
                json!(true),
                json!([{ "operationId": 5 }]),
                json!({ "style": "sideways", "maxPageSize": -1 }),
                json!(["urn:li:person", ""]),
            ];
            let value = garbage[pick(garbage.len(), m.variant)].clone();
            // Half the time an extension already used (its value replaced), else one added anywhere.
            let used = pointers(spec, |v| {
                v.as_object()
                    .is_some_and(|o| o.keys().any(|k| VENDOR_KEYS.contains(&k.as_str())))
            });
            if m.target.is_multiple_of(2) && !used.is_empty() {
                let at = &used[pick(used.len(), m.target / 2)];
                let obj = spec
                    .pointer_mut(at)
                    .and_then(Value::as_object_mut)
                    .expect("object");
                let keys: Vec<String> = obj
                    .keys()
                    .filter(|k| VENDOR_KEYS.contains(&k.as_str()))
                    .cloned()
                    .collect();
                let key = keys[pick(keys.len(), m.variant / 11)].clone();
                obj.insert(key.clone(), value.clone());
                format!("{at}/{key} := {value}")
            } else {
                let objects = pointers(spec, Value::is_object);
                let at = &objects[pick(objects.len(), m.target / 2)];
                let key = VENDOR_KEYS[pick(VENDOR_KEYS.len(), m.variant / 11)];
                set_key(spec, at, key, value.clone());
                format!("{at}/{key} := {value}")
            }
        }
        Kind::ScalarGarbage => {
            let all = pointers(spec, |_| true);
            let at = &all[1 + pick(all.len() - 1, m.target)];
            let values = [
                json!(null),
                json!(-1),
                json!(""),
                json!([]),
                json!({}),
                json!(1e300),
            ];
            let value = values[pick(values.len(), m.variant)].clone();
            replace(spec, at, value.clone());
            format!("{at} := {value}")
        }
    }
}

/// `camelCase` → `camel_case`, to make a property that collides with another in Rust.
fn heckish_snake(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The names under `components/schemas`.
pub fn component_names(spec: &Value) -> Vec<String> {
    spec.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// `#/components/schemas/Name` for a pointer inside that component.
fn enclosing_component(at: &str) -> Option<String> {
    let rest = at.strip_prefix("/components/schemas/")?;
    let name = rest.split('/').next()?;
    Some(format!("#/components/schemas/{name}"))
}

/// Pointers (RFC 6901, without `#`) of every node for which `keep` holds, in document order.
pub fn pointers(spec: &Value, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), spec)];
    while let Some((at, v)) = stack.pop() {
        if keep(v) {
            out.push(at.clone());
        }
        match v {
            Value::Object(o) => {
                for (k, child) in o.iter().rev() {
                    stack.push((format!("{at}/{}", escape(k)), child));
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate().rev() {
                    stack.push((format!("{at}/{i}"), child));
                }
            }
            _ => {}
        }
    }
    out
}

/// Nodes that are schemas: component schemas and what properties, items, map values and
/// combinators hold, wherever they are.
pub fn schema_pointers(spec: &Value) -> Vec<String> {
    let mut out: Vec<String> = pointers(spec, |_| true)
        .into_iter()
        .filter(|p| {
            let parent = p.rsplit_once('/').map_or("", |(a, _)| a);
            let last = p.rsplit('/').next().unwrap_or("");
            let grand = parent.rsplit('/').next().unwrap_or("");
            matches!(
                last,
                "schema" | "items" | "additionalProperties" | "x-restli-schema" | "response"
            ) || matches!(grand, "properties" | "allOf" | "oneOf" | "schemas")
                && !parent.ends_with("/securitySchemes")
        })
        .filter(|p| spec.pointer(p).is_some_and(Value::is_object))
        .collect();
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn replace(spec: &mut Value, at: &str, new: Value) {
    if let Some(slot) = spec.pointer_mut(at) {
        *slot = new;
    }
}

fn set_key(spec: &mut Value, at: &str, key: &str, value: Value) {
    match spec.pointer_mut(at) {
        Some(Value::Object(o)) => {
            o.insert(key.to_owned(), value);
        }
        Some(slot) => {
            let mut o = Map::new();
            o.insert(key.to_owned(), value);
            *slot = Value::Object(o);
        }
        None => {}
    }
}
