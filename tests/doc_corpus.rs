//! LinkedIn's own documentation examples (`tests/corpus/*.yaml`) decode into the generated type
//! of their operation and encode back to the same JSON, in every spec version whose catalogue has
//! the operation. A typed client that rejects what LinkedIn documents is worse than an untyped
//! one, so every entry must pass in every version: a failure names the version, the operation,
//! the page and what went wrong, and all failures are reported together.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use linkedin_api::catalog::{RoundTrip, round_trip};

#[path = "support/mod.rs"]
mod support;
use support::{SPECS, same};

/// One documented example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    /// The catalogue's operation id (`resource.method`), or an `auth.*` id of the spec.
    operation: String,
    direction: Direction,
    /// The documentation page the example is on.
    source: String,
    /// Where the page was read, when not on learn.microsoft.com itself.
    #[serde(default)]
    secondary: Option<String>,
    /// The `li-lms-YYYY-MM` month of the page, as `YYYYMM`.
    #[serde(default)]
    page_version: Option<String>,
    /// The first month the example applies to (it carries fields earlier months lack).
    #[serde(default)]
    from: Option<String>,
    /// Syntax fixes, contradictions in the docs, provenance doubts.
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
    example: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Direction {
    Request,
    Response,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// The OAuth and OpenID Connect operations are served by the hand-written `linkedin_api::auth`,
/// not by the generated catalogue; their response types are the ones a user decodes into.
fn auth_response(operation: &str) -> Option<RoundTrip> {
    use linkedin_api::auth::{Introspection, JwkSet, OidcDiscovery, UserInfo};
    Some(match operation {
        "auth.userinfo" => round_trip::<UserInfo>,
        "auth.introspectToken" => round_trip::<Introspection>,
        "auth.openidConfiguration" => round_trip::<OidcDiscovery>,
        "auth.jwks" => round_trip::<JwkSet>,
        _ => return None,
    })
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every corpus file with its entries, in file-name order.
fn load() -> Vec<(String, Vec<Entry>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .map(|e| e.expect("corpus entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("read corpus file");
            let entries: Vec<Entry> = serde_norway::from_str(&text)
                .unwrap_or_else(|e| panic!("tests/corpus/{name}: {e}"));
            (name, entries)
        })
        .collect()
}

/// Where `documented` and `back` differ, as JSON pointers with both values (same comparison as
/// [`same`]: key order ignored, numbers as f32).
fn differences(documented: &Value, back: &Value, at: &str, out: &mut Vec<String>) {
    match (documented, back) {
        (Value::Object(d), Value::Object(b)) => {
            for (k, v) in d {
                let here = format!("{at}/{k}");
                match b.get(k) {
                    Some(w) => differences(v, w, &here, out),
                    None => out.push(format!("{here}: documented {v}, dropped by the round trip")),
                }
            }
            for (k, w) in b {
                if !d.contains_key(k) {
                    out.push(format!("{at}/{k}: not documented, added as {w}"));
                }
            }
        }
        (Value::Array(d), Value::Array(b)) if d.len() == b.len() => {
            for (i, (v, w)) in d.iter().zip(b).enumerate() {
                differences(v, w, &format!("{at}/{i}"), out);
            }
        }
        _ if same(documented, back) => {}
        _ => out.push(format!("{at}: documented {documented}, back {back}")),
    }
}

fn round_trip_failure(decode: RoundTrip, example: &Value) -> Option<String> {
    let bytes = serde_json::to_vec(example).expect("encode example");
    match decode(&bytes) {
        Ok(back) if same(&back, example) => None,
        Ok(back) => {
            let mut diffs = Vec::new();
            differences(example, &back, "", &mut diffs);
            Some(format!("changed in a round trip: {}", diffs.join("; ")))
        }
        Err(e) => Some(format!("does not decode: {e}")),
    }
}

#[test]
fn every_documentation_example_round_trips_in_every_version_that_has_its_operation() {
    let corpus = load();
    // Failures of one entry, by message, with the versions that fail that way.
    let mut failures: BTreeMap<String, BTreeMap<String, Vec<&str>>> = BTreeMap::new();
    let mut problems = Vec::new();
    let (mut entries, mut checks, mut passed_entries) = (0, 0, 0);
    for (file, list) in &corpus {
        for (i, entry) in list.iter().enumerate() {
            entries += 1;
            let title = format!(
                "{file} #{} {} {} ({})",
                i + 1,
                entry.operation,
                entry.direction.as_str(),
                entry.source
            );
            if !entry.source.starts_with("https://learn.microsoft.com/")
                && entry
                    .secondary
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty())
            {
                problems.push(format!(
                    "{title}: the source is not a learn.microsoft.com page and no `secondary` source is given"
                ));
            }
            for (what, month) in [("page_version", &entry.page_version), ("from", &entry.from)] {
                if let Some(month) = month
                    && !(month.len() == 6 && month.bytes().all(|b| b.is_ascii_digit()))
                {
                    problems.push(format!("{title}: {what} {month:?} is not YYYYMM"));
                }
            }
            let mut results: Vec<(&str, Option<String>)> = Vec::new();
            if let Some(decode) = auth_response(&entry.operation) {
                if entry.direction == Direction::Request {
                    problems.push(format!(
                        "{title}: auth operations have no request type here"
                    ));
                    continue;
                }
                // Version-independent: the same type serves every month.
                results.push(("all", round_trip_failure(decode, &entry.example)));
            } else {
                for (i, &(version, operations)) in SPECS.iter().enumerate() {
                    // A spec governs its month up to the next spec's: skip it when every month
                    // it governs is before the entry's first month.
                    let next = SPECS.get(i + 1).map(|(v, _)| *v);
                    if let (Some(from), Some(next)) = (&entry.from, next)
                        && next <= from.as_str()
                    {
                        continue;
                    }
                    let Some(op) = operations.iter().find(|o| o.id == entry.operation) else {
                        continue;
                    };
                    let decode = match entry.direction {
                        Direction::Request => op.request,
                        Direction::Response => op.response,
                    };
                    match decode {
                        Some(decode) => {
                            results.push((version, round_trip_failure(decode, &entry.example)))
                        }
                        None => results.push((
                            version,
                            Some(format!(
                                "the operation has no {} body in this version",
                                entry.direction.as_str()
                            )),
                        )),
                    }
                }
            }
            if results.is_empty() {
                problems.push(format!(
                    "{title}: no spec version's catalogue has operation `{}`",
                    entry.operation
                ));
                continue;
            }
            checks += results.len();
            let mut all_passed = true;
            for (version, failure) in results {
                if let Some(message) = failure {
                    all_passed = false;
                    failures
                        .entry(title.clone())
                        .or_default()
                        .entry(message)
                        .or_default()
                        .push(version);
                }
            }
            if all_passed {
                passed_entries += 1;
            }
        }
    }
    assert!(
        problems.is_empty(),
        "malformed corpus entries:\n{}",
        problems.join("\n")
    );
    assert!(entries > 0, "the corpus is empty");
    let failed_checks: usize = failures
        .values()
        .flat_map(|m| m.values())
        .map(Vec::len)
        .sum();
    let mut report = String::new();
    for (title, by_message) in &failures {
        report.push_str(&format!("\n{title}\n"));
        for (message, versions) in by_message {
            report.push_str(&format!("  [{}] {message}\n", versions.join(", ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {entries} documentation examples fail ({failed_checks} of {checks} version checks; {passed_entries} entries pass everywhere):\n{report}",
        failures.len(),
    );
}

#[test]
fn the_corpus_covers_every_area_it_promises() {
    // An area file that loses all its entries would silently stop testing that area.
    for (file, entries) in load() {
        assert!(!entries.is_empty(), "tests/corpus/{file} has no entries");
    }
}
