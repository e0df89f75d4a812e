//! Every example in the spec decodes into the generated type of its operation and encodes back
//! to the same JSON. A failure means the spec's schema and its own examples disagree, or the
//! generator mistyped something.

use serde_json::Value;

use linkedin_api::catalog::Entry;

#[path = "support/mod.rs"]
mod support;
use support::{SPECS, deref, same};

fn check(
    op: &Entry,
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
fn every_example_of_every_spec_round_trips_through_the_generated_types() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (version, operations) in SPECS {
        let doc = support::spec(version);
        for op in *operations {
            assert!(
                support::operation(&doc, op).is_object(),
                "{version} {} is not at {} {}",
                op.id,
                op.http_method(),
                op.path
            );
            if let Some(decode) = op.request {
                let found = support::request_examples(&doc, op);
                assert!(!found.is_empty(), "{version} {}: no request example", op.id);
                for (name, ex) in found {
                    check(
                        op,
                        &format!("{version} request"),
                        &name,
                        &ex,
                        decode,
                        &mut failures,
                    );
                    checked += 1;
                }
            }
            if let Some(decode) = op.response {
                let found = support::response_examples(&doc, op);
                assert!(
                    !found.is_empty(),
                    "{version} {}: no response example",
                    op.id
                );
                for (name, ex) in found {
                    check(
                        op,
                        &format!("{version} response"),
                        &name,
                        &ex,
                        decode,
                        &mut failures,
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 8 * 40, "only {checked} examples were checked");
}

#[test]
fn created_ids_parse_into_their_key_types() {
    let mut checked = 0;
    for (version, operations) in SPECS {
        let doc = support::spec(version);
        for op in *operations {
            let Some(parse) = op.created_id else { continue };
            let operation = support::operation(&doc, op);
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
                    "{version} {}: x-restli-id example {example:?} does not parse: {e}",
                    op.id
                )
            });
            checked += 1;
        }
    }
    assert!(checked >= 8 * 6, "only {checked} creates checked");
}

#[test]
fn the_test_table_covers_every_spec_in_the_registry() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let registry = codegen::registry::Registry::load(&root).expect("registry");
    let listed: Vec<&str> = SPECS.iter().map(|(v, _)| *v).collect();
    assert_eq!(
        listed,
        registry.specs(),
        "tests/support/mod.rs must list every spec"
    );
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
