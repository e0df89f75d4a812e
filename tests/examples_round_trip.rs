//! Every example in the spec decodes into the generated type of its operation and encodes back
//! to the same JSON. A failure means the spec's schema and its own examples disagree, or the
//! generator mistyped something.

use serde_json::Value;

use linkedin_api::catalog::Operation;

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/202606/openapi.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("spec")).expect("yaml")
}

/// Follows `$ref`s inside the document.
fn deref<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v.get("$ref").and_then(Value::as_str) {
        Some(r) => doc.pointer(r.trim_start_matches('#')).expect("ref target"),
        None => v,
    }
}

/// The examples of a media-type object, by name (a single `example` is named `example`).
fn examples(doc: &Value, media: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    if let Some(e) = media.get("example") {
        out.push(("example".to_owned(), e.clone()));
    }
    if let Some(map) = media.get("examples").and_then(Value::as_object) {
        for (name, ex) in map {
            if let Some(v) = deref(doc, ex).get("value") {
                out.push((name.clone(), v.clone()));
            }
        }
    }
    out
}

/// JSON equality where numbers compare as f32 (the spec's `format: float` fields).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.as_f64().unwrap_or(0.0) as f32) == (y.as_f64().unwrap_or(0.0) as f32)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn check(
    op: &Operation,
    what: &str,
    name: &str,
    example: &Value,
    decode: linkedin_api::catalog::RoundTrip,
    failures: &mut Vec<String>,
) {
    let bytes = serde_json::to_vec(example).expect("encode example");
    match decode(&bytes) {
        Ok(back) if same(&back, example) => {}
        Ok(back) => failures.push(format!("{} {what} example `{name}` changed in a round trip:\n  spec: {example}\n  back: {back}", op.id)),
        Err(e) => failures.push(format!("{} {what} example `{name}` does not decode: {e}", op.id)),
    }
}

#[test]
fn every_example_round_trips_through_the_generated_types() {
    let doc = spec();
    let mut failures = Vec::new();
    let mut checked = 0;
    for op in linkedin_api::v202606::OPERATIONS {
        let operation = &doc["paths"][op.path][op.http_method.to_lowercase()];
        assert!(
            operation.is_object(),
            "{} is not at {} {}",
            op.id,
            op.http_method,
            op.path
        );
        let multiplexed = operation.get("x-restli-variants").is_some();
        // A multiplexed operation names each variant's examples after the variant.
        let mine = |name: &str| !multiplexed || name == op.id;
        if let Some(decode) = op.request {
            let media = &deref(&doc, &operation["requestBody"])["content"]["application/json"];
            let found: Vec<_> = examples(&doc, media)
                .into_iter()
                .filter(|(n, _)| mine(n))
                .collect();
            assert!(!found.is_empty(), "{}: no request example", op.id);
            for (name, ex) in found {
                check(op, "request", &name, &ex, decode, &mut failures);
                checked += 1;
            }
        }
        if let Some(decode) = op.response {
            let responses = operation["responses"].as_object().expect("responses");
            let (_, success) = responses
                .iter()
                .filter(|(code, _)| code.starts_with('2'))
                .min_by_key(|(code, _)| code.as_str())
                .expect("2xx");
            let media = &deref(&doc, success)["content"]["application/json"];
            let found: Vec<_> = examples(&doc, media)
                .into_iter()
                .filter(|(n, _)| mine(n))
                .collect();
            assert!(!found.is_empty(), "{}: no response example", op.id);
            for (name, ex) in found {
                check(op, "response", &name, &ex, decode, &mut failures);
                checked += 1;
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 40, "only {checked} examples were checked");
}

#[test]
fn created_ids_parse_into_their_key_types() {
    let doc = spec();
    let mut checked = 0;
    for op in linkedin_api::v202606::OPERATIONS {
        let Some(parse) = op.created_id else { continue };
        let operation = &doc["paths"][op.path][op.http_method.to_lowercase()];
        let header = operation["responses"]["201"]["headers"]
            .as_object()
            .and_then(|h| {
                h.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case("x-restli-id"))
            })
            .map(|(_, v)| deref(&doc, v).clone())
            .unwrap_or_else(|| panic!("{}: no x-restli-id header", op.id));
        let example = header
            .get("example")
            .or_else(|| header["schema"].get("example"));
        let example = example
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{}: the x-restli-id header has no example", op.id));
        parse(example).unwrap_or_else(|e| {
            panic!(
                "{}: x-restli-id example {example:?} does not parse: {e}",
                op.id
            )
        });
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} creates checked");
}

#[test]
fn the_catalogue_answers_permission_questions() {
    let ops = linkedin_api::v202606::OPERATIONS;
    let create = ops
        .iter()
        .find(|o| o.id == "posts.create")
        .expect("posts.create");
    assert!(create.allows(&["w_member_social"]));
    assert!(create.allows(&["w_organization_social", "openid"]));
    assert!(!create.allows(&["r_member_social"]));
    let search = ops
        .iter()
        .find(|o| o.id == "campaigns.search")
        .expect("campaigns.search");
    assert_eq!(search.discriminator, Some(("q", "search")));
    assert!(search.allows(&["r_ads"]));
}
