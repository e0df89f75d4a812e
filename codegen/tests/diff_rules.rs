//! The change report's classification, one rule per test, on mutations of the feature fixture.

use std::path::Path;

use codegen::diff::{Severity, diff};

const FIXTURE: &str = include_str!("fixtures/features.yaml");

fn model(text: &str) -> codegen::ir::Api {
    let spec = codegen::load::load_str(Path::new("fixture.yaml"), text).expect("loads");
    codegen::build::build(&spec).expect("builds")
}

/// The changes from the fixture to the fixture with `from` replaced by `to`.
fn changes(from: &str, to: &str) -> Vec<(Severity, String, String)> {
    assert_eq!(
        FIXTURE.matches(from).count(),
        1,
        "unique mutation target: {from}"
    );
    let old = model(FIXTURE);
    let new = model(&FIXTURE.replacen(from, to, 1));
    diff(&old, &new)
        .changes
        .into_iter()
        .map(|c| (c.severity, c.subject, c.description))
        .collect()
}

fn assert_one(from: &str, to: &str, severity: Severity, subject: &str, words: &str) {
    let all = changes(from, to);
    assert!(
        all.iter()
            .any(|(s, subj, d)| *s == severity && subj == subject && d.contains(words)),
        "expected {severity:?} `{subject}` ({words}) in {all:#?}"
    );
}

#[test]
fn identical_specs_have_no_changes() {
    assert!(diff(&model(FIXTURE), &model(FIXTURE)).changes.is_empty());
}

#[test]
fn a_response_enum_value_added_is_not_breaking() {
    assert_one(
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE, LOGGED_IN]",
        Severity::NonBreaking,
        "Visibility",
        "`LOGGED_IN` added",
    );
}

#[test]
fn an_enum_value_removed_from_a_request_type_is_breaking() {
    // `Visibility` is in `Note`, which is also a request body (notes.create).
    assert_one(
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
        "enum: [PUBLIC, UNKNOWN, MAYBE]",
        Severity::Breaking,
        "Visibility",
        "`CONNECTIONS` removed",
    );
}

#[test]
fn a_request_field_made_required_is_breaking() {
    assert_one(
        "required: [author, text, visibility]",
        "required: [author, text, visibility, ratio]",
        Severity::Breaking,
        "Note.ratio",
        "made required",
    );
}

#[test]
fn an_optional_field_added_is_not_breaking() {
    assert_one(
        "        ratio: {type: number, format: float}",
        "        ratio: {type: number, format: float}\n        mood: {type: string}",
        Severity::NonBreaking,
        "Note.mood",
        "optional field added",
    );
}

#[test]
fn a_required_response_field_removed_is_breaking() {
    assert_one(
        "      required: [time]\n      properties:\n        time: {type: integer, format: int64}",
        "      properties:\n        other: {type: string}",
        Severity::Breaking,
        "NoteStamp.time",
        "field removed",
    );
}

#[test]
fn a_retyped_field_is_breaking() {
    assert_one(
        "        text: {type: string, description: The text.}",
        "        text: {type: integer, description: The text.}",
        Severity::Breaking,
        "Note.text",
        "is now int64 (was string)",
    );
}

#[test]
fn operations_added_and_removed() {
    let all = changes(
        "      operationId: notes.get\n",
        "      operationId: notes.read\n",
    );
    assert!(
        all.iter()
            .any(|(s, subj, _)| *s == Severity::Breaking && subj == "notes.get"),
        "{all:#?}"
    );
    assert!(
        all.iter()
            .any(|(s, subj, _)| *s == Severity::NonBreaking && subj == "notes.read"),
        "{all:#?}"
    );
}

#[test]
fn a_required_parameter_added_is_breaking_an_optional_one_is_not() {
    assert_one(
        "required: [author]\n          response: {$ref: '#/components/schemas/NoteCollection'}",
        "required: [author, sort]\n          response: {$ref: '#/components/schemas/NoteCollection'}",
        Severity::Breaking,
        "notes.findByAuthor",
        "parameter `sort` made required",
    );
    assert_one(
        "parameters: [author, start, count, sort, fields]",
        "parameters: [author, start, count, fields]",
        Severity::Breaking,
        "notes.findByAuthor",
        "parameter `sort` removed",
    );
}

#[test]
fn narrowed_permissions_are_breaking() {
    assert_one(
        "security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}]",
        "security: [{oauth2: [w_organization_social]}]",
        Severity::Breaking,
        "notes.create",
        "permissions are now",
    );
    assert_one(
        "security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}]",
        "security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}, {oauth2: [w_member_social_feed]}]",
        Severity::NonBreaking,
        "notes.create",
        "permissions are now",
    );
}

#[test]
fn reports_render_as_markdown_and_json() {
    let old = model(FIXTURE);
    let new = model(&FIXTURE.replacen(
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
        "enum: [PUBLIC, UNKNOWN, MAYBE]",
        1,
    ));
    let report = diff(&old, &new);
    let md = report.to_markdown();
    assert!(
        md.contains("### Breaking")
            && md.contains("`Visibility`: enum value `CONNECTIONS` removed"),
        "{md}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["changes"][0]["severity"], "breaking");
}

#[test]
fn a_newtype_wrapping_something_else_is_breaking() {
    // `Labels` is a map of itself; as a list of itself it wraps a different type.
    assert_one(
        "      type: object\n      description: A map of itself, which Rust can only name as a newtype.\n      additionalProperties: {$ref: '#/components/schemas/Labels'}",
        "      type: array\n      items: {$ref: '#/components/schemas/Labels'}",
        Severity::Breaking,
        "Labels",
        "now wraps",
    );
}
