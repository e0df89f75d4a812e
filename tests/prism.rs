//! End to end against a real mock of LinkedIn: one Prism server per spec (Prism validates every
//! request against the spec, independently of our code), and every generated operation of every
//! spec called through its typed request builder with arguments taken from the spec's examples.
//!
//! A request Prism finds invalid fails the test with Prism's own explanation (`--errors` turns
//! violations into error responses; the `sl-violations` header is checked on successes too), and
//! every response must decode into the operation's generated type.

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

use linkedin_api::catalog::Entry;
use serde_json::{Map, Value};
use support::prism::{Prism, root};

/// The arguments of `op` from the spec's examples: path parameters, query parameters (Rest.li
/// values decoded to their logical JSON form), and the request body.
fn example_args(doc: &Value, op: &Entry) -> Result<Value, String> {
    let operation = support::operation(doc, op);
    let path_item = &doc["paths"][op.path];
    let variant = operation["x-restli-variants"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["operationId"] == op.id));
    let selected: Option<Vec<&str>> = variant.map(|v| {
        v["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect()
    });
    let mut args = Map::new();
    let params = path_item["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(operation["parameters"].as_array().into_iter().flatten());
    for p in params {
        let p = support::deref(doc, p);
        let (name, location) = (
            p["name"].as_str().unwrap_or_default(),
            p["in"].as_str().unwrap_or_default(),
        );
        let discriminator = matches!(
            (name, op.discriminator),
            ("q", Some(("q", _))) | ("bq", Some(("bq", _))) | ("action", Some(("action", _)))
        );
        if location == "header" || discriminator {
            continue;
        }
        if location == "query" && selected.as_ref().is_some_and(|s| !s.contains(&name)) {
            continue;
        }
        if location == "query"
            && selected.is_none()
            && op.method == linkedin_api::RestliMethod::BatchGet
            && name != "ids"
            && p["required"] != true
        {
            continue;
        }
        let Some(example) = p.get("example").or_else(|| p["schema"].get("example")) else {
            if p["required"] == true || location == "path" {
                return Err(format!("parameter `{name}` has no example"));
            }
            continue;
        };
        let value = match (p.get("x-restli-schema"), example) {
            // A projection is plain comma-separated field names, not Rest.li text.
            (Some(_), Value::String(wire)) if p["x-restli-projection"] == true => {
                Value::Array(wire.split(',').map(|f| Value::from(f.to_owned())).collect())
            }
            (Some(schema), Value::String(wire)) => {
                let decoded = linkedin_api::restli::decode(wire).map_err(|e| {
                    format!("parameter `{name}`: its example {wire:?} is not Rest.li-encoded: {e}")
                })?;
                coerce(doc, decoded, schema)
            }
            _ => example.clone(),
        };
        args.insert(name.to_owned(), value);
    }
    if op.request.is_some() {
        let (_, body) = support::request_examples(doc, op)
            .into_iter()
            .next()
            .ok_or("no request example")?;
        args.insert("body".to_owned(), body);
    }
    Ok(Value::Object(args))
}

/// Rest.li text carries no types (`1337` and `"1337"` encode alike): give decoded leaves the
/// JSON types their schema says.
fn coerce(doc: &Value, value: Value, schema: &Value) -> Value {
    let schema = support::deref(doc, schema);
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        return parts.iter().fold(value, |v, part| coerce(doc, v, part));
    }
    match value {
        Value::String(s) => match schema["type"].as_str() {
            Some("integer") => s
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::String(s)),
            Some("number") => s
                .parse::<f64>()
                .map(Value::from)
                .unwrap_or(Value::String(s)),
            Some("boolean") => s
                .parse::<bool>()
                .map(Value::from)
                .unwrap_or(Value::String(s)),
            _ => Value::String(s),
        },
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| coerce(doc, v, &schema["items"]))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let field = &schema["properties"][&k];
                    let v = if field.is_null() {
                        v
                    } else {
                        coerce(doc, v, field)
                    };
                    (k, v)
                })
                .collect(),
        ),
        other => other,
    }
}

/// A client for one operation: a multiplexed operation asks Prism for its own named example.
fn client(prism: &Prism, doc: &Value, op: &Entry) -> linkedin_api::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    if support::operation(doc, op)
        .get("x-restli-variants")
        .is_some()
    {
        headers.insert(
            "prefer",
            format!("example={}", op.id).parse().expect("header"),
        );
    }
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("reqwest");
    linkedin_api::Client::builder()
        .access_token("prism-test-token")
        .base_url(&prism.url())
        .allow_insecure_http(true)
        .retry_policy(linkedin_api::retry::RetryPolicy::none())
        .http_client(http)
        .build()
        .expect("client")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_of_every_version_against_prism() {
    let started = Instant::now();
    // Start every server first: they boot in parallel.
    let servers: Vec<(&str, &[Entry], Prism)> = support::SPECS
        .iter()
        .map(|(version, ops)| {
            (
                *version,
                *ops,
                Prism::start(
                    &root().join(format!("spec/{version}/openapi.yaml")),
                    version,
                ),
            )
        })
        .collect();
    let mut failures = Vec::new();
    let mut exercised = 0;
    for (version, ops, prism) in &servers {
        let doc = support::spec(version);
        let month: &'static str = Box::leak(version.to_string().into_boxed_str());
        for op in *ops {
            let args = match example_args(&doc, op) {
                Ok(args) => args,
                Err(e) => {
                    failures.push(format!("{version} {}: {e}", op.id));
                    continue;
                }
            };
            match (op.call)(client(prism, &doc, op), month, args).await {
                Ok(outcome) => {
                    if let Some(v) = outcome.headers.get("sl-violations") {
                        failures.push(format!(
                            "{version} {}: Prism reported violations: {}",
                            op.id,
                            v.to_str().unwrap_or("?")
                        ));
                    }
                }
                Err(e) => failures.push(format!("{version} {}: {e}", op.id)),
            }
            exercised += 1;
        }
    }
    drop(servers);
    println!(
        "exercised {exercised} operations across {} spec versions against Prism in {:.1?}",
        support::SPECS.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {exercised} calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let catalogued: usize = support::SPECS.iter().map(|(_, ops)| ops.len()).sum();
    assert_eq!(
        exercised, catalogued,
        "every catalogued operation is exercised"
    );
}
