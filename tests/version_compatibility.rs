//! Code built against one version keeps working when LinkedIn answers with another version's
//! payloads: unknown fields and enum values never fail decoding.
//!
//! Forward: every response example of the newest spec decodes through the oldest spec's types
//! (for operations both have). Backward: the oldest spec's examples decode through the newest
//! types, except where the specs record an incompatible change (`metricType` became a string in
//! 202605; its operations do not exist in 202401, so nothing is excluded between these two).

#[path = "support/mod.rs"]
mod support;

use linkedin_api::catalog::Entry;
use support::SPECS;

fn decode_all(examples_of: (&str, &[Entry]), types_of: (&str, &[Entry])) -> (usize, Vec<String>) {
    let (from_version, from_ops) = examples_of;
    let (to_version, to_ops) = types_of;
    let doc = support::spec(from_version);
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in from_ops {
        let Some(target) = to_ops.iter().find(|o| o.id == op.id) else {
            continue;
        };
        let Some(decode) = target.response else {
            continue;
        };
        for (name, example) in support::response_examples(&doc, op) {
            let bytes = serde_json::to_vec(&example).expect("json");
            if let Err(e) = decode(&bytes) {
                failures.push(format!(
                    "{from_version} `{}` example `{name}` through {to_version} types: {e}",
                    op.id
                ));
            }
            checked += 1;
        }
    }
    (checked, failures)
}

#[test]
fn newest_payloads_decode_through_the_oldest_types() {
    let (oldest, newest) = (SPECS[0], SPECS[SPECS.len() - 1]);
    let (checked, failures) = decode_all(newest, oldest);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 30, "only {checked} examples checked");
}

#[test]
fn oldest_payloads_decode_through_the_newest_types() {
    let (oldest, newest) = (SPECS[0], SPECS[SPECS.len() - 1]);
    let (checked, failures) = decode_all(oldest, newest);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 30, "only {checked} examples checked");
}

#[test]
fn every_consecutive_pair_is_forward_compatible() {
    for pair in SPECS.windows(2) {
        let (_, failures) = decode_all(pair[1], pair[0]);
        // 202605 turned metricType from an object into a string: older types cannot read it.
        let failures: Vec<_> = failures
            .into_iter()
            .filter(|f| !(pair[1].0 == "202605" && f.contains("postAnalytics")))
            .collect();
        assert!(
            failures.is_empty(),
            "{} -> {}:\n{}",
            pair[1].0,
            pair[0].0,
            failures.join("\n")
        );
    }
}
