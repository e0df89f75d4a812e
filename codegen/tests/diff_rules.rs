//! The change report's classification, one rule per test, on mutations of the feature fixture.

use std::path::Path;

use codegen::diff::{Change, Confidence, Flow, Kind, Report, Severity, diff};
use serde_json::json;

const FIXTURE: &str = include_str!("fixtures/features.yaml");

fn model(text: &str) -> codegen::ir::Api {
    let spec = codegen::load::load_str(Path::new("fixture.yaml"), text).expect("loads");
    codegen::build::build(&spec).expect("builds")
}

/// The fixture with each `from` replaced by its `to` (one change may need several edits, such
/// as a finder's name and its `q` value).
fn mutated(edits: &[(&str, &str)]) -> String {
    let mut text = FIXTURE.to_owned();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "unique mutation target: {from}"
        );
        text = text.replacen(from, to, 1);
    }
    text
}

/// The report from the fixture to the mutated fixture.
fn report(edits: &[(&str, &str)]) -> Report {
    diff(&model(FIXTURE), &model(&mutated(edits)))
}

/// The changes from the fixture to the fixture with `from` replaced by `to`.
fn changes(from: &str, to: &str) -> Vec<(Severity, String, String)> {
    report(&[(from, to)])
        .changes
        .into_iter()
        .map(|c| (c.severity, c.subject, c.description))
        .collect()
}

/// The one change of `kind` the edits cause, checked for severity, subject and words.
fn the_change(
    edits: &[(&str, &str)],
    kind: Kind,
    severity: Severity,
    subject: &str,
    words: &str,
) -> Change {
    let all = report(edits).changes;
    let found: Vec<&Change> = all.iter().filter(|c| c.kind == kind).collect();
    assert_eq!(found.len(), 1, "one {kind:?} expected in {all:#?}");
    let c = found[0].clone();
    assert_eq!(
        (c.severity, c.subject.as_str()),
        (severity, subject),
        "{c:#?}"
    );
    assert!(c.description.contains(words), "`{words}` not in {c:#?}");
    c
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
        "Note.stamp.time",
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
        "permissions are now `w_organization_social` (were `w_member_social` or `w_organization_social`)",
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

// Rest.li and paging: the call the old code makes is fixed in it.

const FINDER: &str =
    "x-restli: {method: FINDER, finder: author, pagination: {style: offset, maxPageSize: 100}}";

#[test]
fn a_renamed_finder_is_breaking() {
    let c = the_change(
        &[
            (FINDER, &FINDER.replace("finder: author", "finder: authors")),
            ("enum: [author]", "enum: [authors]"),
        ],
        Kind::FinderRenamed,
        Severity::Breaking,
        "notes.findByAuthor",
        "finder is now `q=authors` (was `q=author`)",
    );
    assert_eq!(
        (c.old_value, c.new_value),
        (Some(json!("author")), Some(json!("authors")))
    );
    assert_eq!(c.old_pointer.as_deref(), Some("/paths/~1rest~1notes/get"));
    assert_eq!(c.operations[0].http_method, "GET");
    assert_eq!(c.operations[0].path, "/rest/notes");
}

#[test]
fn a_renamed_action_is_breaking() {
    the_change(
        &[
            (
                "x-restli: {method: ACTION, action: initialize}",
                "x-restli: {method: ACTION, action: initializeUpload}",
            ),
            ("enum: [initialize]", "enum: [initializeUpload]"),
        ],
        Kind::ActionRenamed,
        Severity::Breaking,
        "uploads.initialize",
        "action is now `action=initializeUpload` (was `action=initialize`)",
    );
}

#[test]
fn a_changed_restli_method_is_breaking() {
    let c = the_change(
        &[(
            "x-restli: {method: BATCH_GET}",
            "x-restli: {method: GET_ALL}",
        )],
        Kind::RestliMethodChanged,
        Severity::Breaking,
        "notes.batchGet",
        "Rest.li method is now `GET_ALL` (was `BATCH_GET`)",
    );
    assert_eq!(c.new_value, Some(json!("GET_ALL")));
}

#[test]
fn offset_to_cursor_paging_is_breaking() {
    the_change(
        &[(FINDER, &FINDER.replace("style: offset", "style: cursor"))],
        Kind::PagingChanged,
        Severity::Breaking,
        "notes.findByAuthor",
        "paging is now cursor (was offset)",
    );
}

#[test]
fn paging_removed_is_breaking() {
    the_change(
        &[(FINDER, "x-restli: {method: FINDER, finder: author}")],
        Kind::PagingChanged,
        Severity::Breaking,
        "notes.findByAuthor",
        "no longer pages (was offset paging)",
    );
}

#[test]
fn a_smaller_largest_page_is_breaking_a_larger_one_is_not() {
    let c = the_change(
        &[(
            FINDER,
            &FINDER.replace("maxPageSize: 100", "maxPageSize: 50"),
        )],
        Kind::MaxPageSizeChanged,
        Severity::Breaking,
        "notes.findByAuthor",
        "largest page is now 50 (was 100)",
    );
    assert_eq!(
        (c.old_value, c.new_value),
        (Some(json!(100)), Some(json!(50)))
    );
    the_change(
        &[(
            FINDER,
            &FINDER.replace("maxPageSize: 100", "maxPageSize: 500"),
        )],
        Kind::MaxPageSizeChanged,
        Severity::NonBreaking,
        "notes.findByAuthor",
        "largest page is now 500 (was 100)",
    );
}

#[test]
fn dropping_the_version_header_is_breaking() {
    the_change(
        &[(
            "      x-linkedin-versioned: true\n",
            "      x-linkedin-versioned: false\n",
        )],
        Kind::VersioningChanged,
        Severity::Breaking,
        "notes.create",
        "no longer versioned",
    );
    // And back: old code does not send the header the endpoint now requires.
    let unversioned = model(&mutated(&[(
        "      x-linkedin-versioned: true\n",
        "      x-linkedin-versioned: false\n",
    )]));
    let back = diff(&unversioned, &model(FIXTURE));
    assert!(
        back.changes
            .iter()
            .any(|c| c.kind == Kind::VersioningChanged
                && c.severity == Severity::Breaking
                && c.description.starts_with("now versioned")),
        "{back:#?}"
    );
}

#[test]
fn a_newly_deprecated_enum_value_is_a_warning_naming_its_direction() {
    let c = the_change(
        &[(
            "x-linkedin-deprecated-values: [MAYBE]",
            "x-linkedin-deprecated-values: [MAYBE, CONNECTIONS]",
        )],
        Kind::EnumValueDeprecated,
        Severity::Warning,
        "Visibility",
        "enum value `CONNECTIONS` deprecated (in requests and responses)",
    );
    assert_eq!(c.direction, Some(Flow::Both));
    assert_eq!(
        c.old_pointer.as_deref(),
        Some("/components/schemas/Visibility")
    );
    // `Note` carries it: sent by notes.create, returned by notes.get and others.
    let ops: Vec<&str> = c
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert!(
        ops.contains(&"notes.create") && ops.contains(&"notes.get"),
        "{ops:?}"
    );
}

const COUNT: &str = "{name: count, in: query, schema: {type: integer, format: int32}}";

#[test]
fn a_changed_parameter_default_is_a_warning() {
    let with_default = |n: &str| {
        model(&mutated(&[(
            COUNT,
            &COUNT.replace("format: int32}", &format!("format: int32, default: {n}}}")),
        )]))
    };
    let report = diff(&with_default("10"), &with_default("20"));
    let c: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| c.kind == Kind::ParameterDefaultChanged)
        .collect();
    assert_eq!(c.len(), 1, "{report:#?}");
    assert_eq!(
        (c[0].severity, c[0].subject.as_str()),
        (Severity::Warning, "notes.findByAuthor")
    );
    assert!(
        c[0].description
            .contains("parameter `count` defaults to `20` (was `10`)"),
        "{c:#?}"
    );
    assert_eq!(
        (c[0].old_value.clone(), c[0].new_value.clone()),
        (Some(json!(10)), Some(json!(20)))
    );
    assert_eq!(c[0].direction, Some(Flow::Request));
    // A default appearing is reported the same way.
    the_change(
        &[(
            COUNT,
            &COUNT.replace("format: int32}", "format: int32, default: 10}"),
        )],
        Kind::ParameterDefaultChanged,
        Severity::Warning,
        "notes.findByAuthor",
        "defaults to `10` (was none)",
    );
}

// How reports read.

#[test]
fn a_type_level_change_lists_the_operations_it_reaches() {
    let r = report(&[(
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
        "enum: [PUBLIC, UNKNOWN, MAYBE]",
    )]);
    let md = r.to_markdown();
    // No warnings: the summary does not mention them.
    assert!(
        md.contains("\n1 change(s): 1 breaking, 0 non-breaking for code built against 209912.\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "- `Visibility`: enum value `CONNECTIONS` removed (in requests and responses; affects `notes.batchCreate`, `notes.batchGet`, `notes.create`, `notes.findByAuthor` and 1 more)"
        ),
        "{md}"
    );
    let ops: Vec<&str> = r.changes[0]
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(
        ops,
        [
            "notes.batchCreate",
            "notes.batchGet",
            "notes.create",
            "notes.findByAuthor",
            "notes.get"
        ]
    );
}

#[test]
fn a_request_only_enum_says_so() {
    // Reachable only from a finder's parameter: the request side.
    the_change(
        &[(
            "enum: [CHRONOLOGICAL, REVERSE_CHRONOLOGICAL]",
            "enum: [CHRONOLOGICAL]",
        )],
        Kind::EnumValueRemoved,
        Severity::Breaking,
        "notes.findByAuthor.sort.value",
        "enum value `REVERSE_CHRONOLOGICAL` removed (in requests)",
    );
}

#[test]
fn subjects_use_the_spec_names_not_generated_ones() {
    // The parameter's inline enum is `NotesFindByAuthorSortValue` in Rust: not in the spec.
    let c = the_change(
        &[(
            "enum: [CHRONOLOGICAL, REVERSE_CHRONOLOGICAL]",
            "enum: [CHRONOLOGICAL, REVERSE_CHRONOLOGICAL, RELEVANCE]",
        )],
        Kind::EnumValueAdded,
        Severity::NonBreaking,
        "notes.findByAuthor.sort.value",
        "`RELEVANCE` added",
    );
    assert_eq!(c.new_value, Some(json!("RELEVANCE")));
    assert_eq!(
        c.new_pointer.as_deref(),
        Some("/paths/~1rest~1notes/get/parameters/5/x-restli-schema/properties/value")
    );
}

#[test]
fn made_nullable_is_not_made_optional() {
    the_change(
        &[(
            "ratio: {type: number, format: float}",
            "ratio: {type: number, format: float, nullable: true}",
        )],
        Kind::FieldMadeNullable,
        Severity::NonBreaking,
        "Note.ratio",
        "field made nullable (it was optional)",
    );
    let c = the_change(
        &[(
            "time: {type: integer, format: int64}",
            "time: {type: integer, format: int64, nullable: true}",
        )],
        Kind::FieldMadeNullable,
        Severity::Breaking,
        "Note.stamp.time",
        "field made nullable",
    );
    assert_eq!(
        (c.old_value, c.new_value),
        (Some(json!("required")), Some(json!("nullable")))
    );
    the_change(
        &[(
            "landingPage: {type: string, nullable: true,",
            "landingPage: {type: string,",
        )],
        Kind::FieldMadeNonNullable,
        Severity::Breaking,
        "Note.landingPage",
        "no longer nullable",
    );
}

#[test]
fn articles_agree_with_the_word() {
    let c = the_change(
        &[(
            "author: {type: string, x-linkedin-urn: [person, organization], x-linkedin-target: true}\n        text",
            "author: {type: string, x-linkedin-urn: [organization], x-linkedin-target: true}\n        text",
        )],
        Kind::FieldRetyped,
        Severity::Breaking,
        "Note.author",
        "field is now an organization URN (was an organization/person URN)",
    );
    // Values are plain words, without Markdown.
    assert_eq!(c.new_value, Some(json!("an organization URN")));
}

// Rules the mutation run found unpinned (#15 point 8).

#[test]
fn a_field_removed_from_a_request_only_type_is_breaking() {
    // uploads.initialize's body is sent, never returned.
    let c = the_change(
        &[(
            "              required: [owner]\n              properties:\n                owner: {type: string, x-linkedin-urn: [person, organization], x-linkedin-target: true}",
            "              properties:\n                other: {type: string}",
        )],
        Kind::FieldRemoved,
        Severity::Breaking,
        "uploads.initialize.request.owner",
        "field removed",
    );
    assert_eq!(c.direction, Some(Flow::Request));
}

#[test]
fn an_optional_field_removed_from_a_response_only_type_is_not_breaking() {
    // `Tree` is only returned (likes.get).
    let c = the_change(
        &[(
            "        name: {type: string}\n        parent",
            "        parent",
        )],
        Kind::FieldRemoved,
        Severity::NonBreaking,
        "Tree.name",
        "it was optional",
    );
    assert_eq!(c.direction, Some(Flow::Response));
    assert_eq!(c.operations.len(), 1);
    assert_eq!(c.operations[0].operation_id, "likes.get");
}

const UNION: &str =
    "        article: {type: object, required: [source], properties: {source: {type: string}}}";

#[test]
fn union_members_added_removed_and_retyped() {
    // `NoteContent` is in `Note`: sent and returned.
    the_change(
        &[(UNION, &format!("{UNION}\n        poll: {{type: string}}"))],
        Kind::UnionMemberAdded,
        Severity::NonBreaking,
        "NoteContent",
        "union member `poll` added (in requests and responses)",
    );
    the_change(
        &[(UNION, "")],
        Kind::UnionMemberRemoved,
        Severity::Breaking,
        "NoteContent",
        "union member `article` removed",
    );
    the_change(
        &[(UNION, "        article: {type: string}")],
        Kind::UnionMemberRetyped,
        Severity::Breaking,
        "NoteContent",
        "union member `article` is now string",
    );
}

#[test]
fn a_record_become_an_enum_is_breaking() {
    the_change(
        &[(
            "    Locale:\n      type: object\n      properties:\n        country: {type: string}\n        language: {type: string}",
            "    Locale:\n      type: string\n      enum: [EN, FR]",
        )],
        Kind::TypeKindChanged,
        Severity::Breaking,
        "Locale",
        "type is now an enum (was a record)",
    );
}

#[test]
fn a_report_renders_counts_sections_and_attribution() {
    let mut r = report(&[
        (
            "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
            "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE, LOGGED_IN]",
        ),
        (
            "x-linkedin-deprecated-values: [MAYBE]",
            "x-linkedin-deprecated-values: [MAYBE, CONNECTIONS]",
        ),
        (
            "required: [author, text, visibility]",
            "required: [author, text, visibility, ratio]",
        ),
    ]);
    assert_eq!(
        (
            r.breaking(),
            r.count(Severity::Warning),
            r.count(Severity::NonBreaking)
        ),
        (1, 1, 1)
    );
    let note = |change: &str, confidence, affects: &str| {
        (
            "209912".to_owned(),
            codegen::overlay::ChangeNote {
                change: format!("{change}\n"),
                source: "the notes page".to_owned(),
                confidence,
                affects: vec![affects.to_owned()],
            },
        )
    };
    r.attribute(&[
        note(
            "Visibility gains LOGGED_IN.",
            Confidence::Unverified,
            "Visibility",
        ),
        note("Notes need a ratio.", Confidence::Confirmed, "Note.ratio"),
    ]);
    let expected = "\
## 209912 → 209912

Documented changes:

- 209912: Visibility gains LOGGED_IN. (the notes page) — *not confirmed by LinkedIn's documentation*
- 209912: Notes need a ratio. (the notes page)

3 change(s): 1 breaking, 1 warning(s), 1 non-breaking for code built against 209912.

### Breaking

- `Note.ratio`: field made required (affects `notes.batchCreate`, `notes.batchGet`, `notes.create`, `notes.findByAuthor` and 1 more)

### Warnings

- `Visibility`: enum value `CONNECTIONS` deprecated (in requests and responses; affects `notes.batchCreate`, `notes.batchGet`, `notes.create`, `notes.findByAuthor` and 1 more) — *not confirmed by LinkedIn's documentation*

### Non-breaking

- `Visibility`: enum value `LOGGED_IN` added (in requests and responses; affects `notes.batchCreate`, `notes.batchGet`, `notes.create`, `notes.findByAuthor` and 1 more) — *not confirmed by LinkedIn's documentation*
";
    assert_eq!(r.to_markdown(), expected);
    assert_eq!(r.changes[0].confidence, Confidence::Confirmed);
}

#[test]
fn a_report_without_changes_says_so() {
    let r = report(&[]);
    assert_eq!((r.breaking(), r.count(Severity::Warning)), (0, 0));
    assert_eq!(
        r.to_markdown(),
        "## 209912 → 209912\n\nNo change in the operations and types the specs describe.\n"
    );
}

#[test]
fn paging_appearing_is_a_warning() {
    // Old code reads the first page and stops.
    let unpaged = model(&mutated(&[(
        FINDER,
        "x-restli: {method: FINDER, finder: author}",
    )]));
    let r = diff(&unpaged, &model(FIXTURE));
    let c: Vec<&Change> = r
        .changes
        .iter()
        .filter(|c| c.kind == Kind::PagingChanged)
        .collect();
    assert_eq!(c.len(), 1, "{r:#?}");
    assert_eq!(c[0].severity, Severity::Warning);
    assert!(
        c[0].description
            .starts_with("now pages (offset paging): old code reads the first page only"),
        "{c:#?}"
    );
}

#[test]
fn the_affected_operations_read_as_a_list() {
    // One operation: named alone.
    let md = report(&[(
        "        name: {type: string}\n        parent",
        "        parent",
    )])
    .to_markdown();
    assert!(
        md.contains("- `Tree.name`: field removed (it was optional: old code sees it as absent) (affects `likes.get`)\n"),
        "{md}"
    );
    // An operation's own change does not name it again.
    let md = report(&[(
        "security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}]",
        "security: [{oauth2: [w_organization_social]}]",
    )])
    .to_markdown();
    assert!(md.contains("- `notes.create`: permissions are now"), "{md}");
    assert!(!md.contains("affects"), "{md}");
}

#[test]
fn bodies_and_responses_retyped_are_breaking() {
    let c = the_change(
        &[(
            "            schema: {$ref: '#/components/schemas/Note'}\n      responses:\n        '201'",
            "            schema: {$ref: '#/components/schemas/Locale'}\n      responses:\n        '201'",
        )],
        Kind::RequestBodyChanged,
        Severity::Breaking,
        "notes.create",
        "request body is now `Locale` (was `Note`)",
    );
    assert_eq!(c.new_value, Some(json!("Locale")));
    the_change(
        &[(
            "              schema: {$ref: '#/components/schemas/Note'}\n    delete:",
            "              schema: {$ref: '#/components/schemas/Tree'}\n    delete:",
        )],
        Kind::ResponseChanged,
        Severity::Breaking,
        "notes.get",
        "response is now `Tree` (was `Note`)",
    );
}

#[test]
fn a_response_body_field_is_named_by_its_operation() {
    let c = the_change(
        &[(
            "                      uploadUrl: {type: string}",
            "                      other: {type: string}",
        )],
        Kind::FieldRemoved,
        Severity::NonBreaking,
        "uploads.initialize.response.value.uploadUrl",
        "field removed",
    );
    assert_eq!(c.direction, Some(Flow::Response));
    assert!(
        c.old_pointer.as_deref().is_some_and(|p| p
            .starts_with("/paths/~1rest~1uploads/post/responses/200/")
            && p.ends_with("/properties/uploadUrl")),
        "{c:#?}"
    );
}

#[test]
fn a_field_change_points_at_the_property() {
    let c = the_change(
        &[(
            "required: [author, text, visibility]",
            "required: [author, text, visibility, ratio]",
        )],
        Kind::FieldMadeRequired,
        Severity::Breaking,
        "Note.ratio",
        "made required",
    );
    assert_eq!(
        (c.old_pointer.as_deref(), c.new_pointer.as_deref()),
        (
            Some("/components/schemas/Note/properties/ratio"),
            Some("/components/schemas/Note/properties/ratio")
        )
    );
    assert_eq!(
        (c.old_value, c.new_value),
        (Some(json!("optional")), Some(json!("required")))
    );
}

#[test]
fn a_shared_parameters_inline_type_is_named_by_its_operation_and_parameter() {
    // A `components/parameters` entry with an inline enum, used by the finder.
    let with_lang = |values: &str| {
        model(&mutated(&[
            (
                "        - {name: start, in: query, schema: {type: integer, format: int32}}",
                "        - {name: start, in: query, schema: {type: integer, format: int32}}\n        - $ref: '#/components/parameters/Lang'",
            ),
            (
                "parameters: [author, start, count, sort, fields]",
                "parameters: [author, start, count, sort, fields, lang]",
            ),
            (
                "components:\n",
                &format!(
                    "components:\n  parameters:\n    Lang:\n      name: lang\n      in: query\n      schema: {{type: string, enum: [{values}]}}\n"
                ),
            ),
        ]))
    };
    let r = diff(&with_lang("EN, FR"), &with_lang("EN"));
    assert!(
        r.changes.iter().any(|c| c.kind == Kind::EnumValueRemoved
            && c.subject == "notes.findByAuthor.lang"
            && c.description == "enum value `FR` removed (in requests)"),
        "{r:#?}"
    );
}

#[test]
fn a_response_field_made_optional_is_breaking() {
    // Old code requires `Note.stamp.time` in what LinkedIn returns.
    the_change(
        &[(
            "      required: [time]\n      properties:\n        time: {type: integer, format: int64}",
            "      properties:\n        time: {type: integer, format: int64}",
        )],
        Kind::FieldMadeOptional,
        Severity::Breaking,
        "Note.stamp.time",
        "field made optional",
    );
}
