//! The JSON form of change reports against its published schema
//! (`codegen/schema/change-report.schema.json`): every report between registered months, and
//! reports that exercise every rule on the feature fixture.

use std::path::Path;

use codegen::diff::{Kind, Report, diff};
use serde_json::Value;

fn schema() -> Value {
    let text = include_str!("../schema/change-report.schema.json");
    serde_json::from_str(text).expect("the schema is JSON")
}

fn assert_valid(validator: &jsonschema::Validator, report: &Report) {
    let json = serde_json::to_value(report).expect("serializes");
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{} → {}: {errors:#?}",
        report.from,
        report.to
    );
}

#[test]
fn every_report_between_registered_months_matches_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid schema");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let registry = codegen::registry::Registry::load(&root).expect("registry");
    let specs = registry.specs();
    let mut pairs: Vec<(&str, &str)> = specs.windows(2).map(|p| (p[0], p[1])).collect();
    pairs.push((&registry.versions[0].version, &registry.latest().version));
    for (from, to) in pairs {
        let report = codegen::change_report(&root, &registry, from, to).expect("report");
        assert_valid(&validator, &report);
    }
}

/// `cargo xtask diff FROM TO` adds the Rust-level view: the report with it matches the schema,
/// and for a pair that removes an operation both views agree that it breaks.
#[test]
fn a_report_with_the_rust_view_matches_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid schema");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let registry = codegen::registry::Registry::load(&root).expect("registry");
    // 202407 → 202408 removes organizations.findByEmailDomain.
    let mut report = codegen::change_report(&root, &registry, "202407", "202408").expect("report");
    let rust = codegen::rust_api_view(&root, &registry, "202407", "202408", report.breaking())
        .expect("the Rust view");
    assert!(rust.removed > 0, "{}", rust.diff);
    assert_eq!(rust.agreement, codegen::diff::Agreement::Agree);
    report.rust_api = Some(rust);
    assert_valid(&validator, &report);
    let md = report.to_markdown();
    assert!(
        md.contains("### Rust API (`linkedin_api::v202407` → `v202408`)"),
        "{md}"
    );
    assert!(md.contains("```diff"), "{md}");
}

#[test]
fn reports_of_every_rule_match_the_schema() {
    let validator = jsonschema::validator_for(&schema()).expect("a valid schema");
    let fixture = include_str!("fixtures/features.yaml");
    let model = |text: &str| {
        let spec = codegen::load::load_str(Path::new("fixture.yaml"), text).expect("loads");
        codegen::build::build(&spec).expect("builds")
    };
    let old = model(fixture);
    // Several rules at once: an operation renamed, a finder's paging, a deprecated value, a
    // nullable field, a removed enum value, a default.
    let new = model(
        &fixture
            .replacen("operationId: notes.get\n", "operationId: notes.read\n", 1)
            .replacen("maxPageSize: 100", "maxPageSize: 50", 1)
            .replacen("[MAYBE]", "[MAYBE, CONNECTIONS]", 1)
            .replacen(
                "[PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
                "[PUBLIC, CONNECTIONS, MAYBE]",
                1,
            )
            .replacen("format: float}", "format: float, nullable: true}", 1)
            .replacen(
                "{name: count, in: query, schema: {type: integer, format: int32}}",
                "{name: count, in: query, schema: {type: integer, format: int32, default: 10}}",
                1,
            ),
    );
    let report = diff(&old, &new);
    assert!(report.changes.len() >= 7, "{report:#?}");
    assert_valid(&validator, &report);
    assert_valid(&validator, &diff(&new, &old));
    // And the schema refuses what tools could not rely on.
    let mut json = serde_json::to_value(&report).expect("serializes");
    json["changes"][0]["kind"] = "something-changed".into();
    assert!(!validator.is_valid(&json));
    json["changes"][0]["kind"] = "field-added".into();
    json["changes"][0]["old_pointer"] = "components/schemas/Note".into();
    assert!(!validator.is_valid(&json));
}

#[test]
fn the_schema_lists_exactly_the_kinds_the_rules_use() {
    let schema = schema();
    let listed: Vec<&str> = schema["$defs"]["change"]["properties"]["kind"]["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .map(|v| v.as_str().expect("strings"))
        .collect();
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            serde_json::to_value(k)
                .expect("serializes")
                .as_str()
                .expect("a string")
                .to_owned()
        })
        .collect();
    assert_eq!(listed, kinds);
}
