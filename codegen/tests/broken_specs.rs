//! Malformed and unsupported specs give an error that names the file, the JSON pointer and what
//! is wrong — never a panic. Each case mutates the feature fixture in one place.

use std::path::Path;

const FIXTURE: &str = include_str!("fixtures/features.yaml");

/// Builds the fixture with `from` replaced by `to` (which must occur exactly once) and returns
/// the error message.
fn error_after(from: &str, to: &str) -> String {
    assert_eq!(
        FIXTURE.matches(from).count(),
        1,
        "the mutation target must be unique: {from}"
    );
    let text = FIXTURE.replacen(from, to, 1);
    let path = Path::new("spec/broken.yaml");
    let result = codegen::load::load_str(path, &text).and_then(|spec| codegen::build::build(&spec));
    match result {
        Ok(_) => panic!("the broken spec was accepted (replaced {from:?} with {to:?})"),
        Err(e) => {
            assert_eq!(e.file, path, "the error names the file");
            e.to_string()
        }
    }
}

fn assert_error(from: &str, to: &str, pointer: &str, words: &str) {
    let message = error_after(from, to);
    assert!(
        message.contains(&format!(": {pointer}: ")),
        "expected pointer {pointer} in: {message}"
    );
    assert!(message.contains(words), "expected {words:?} in: {message}");
}

#[test]
fn the_fixture_itself_builds() {
    let spec = codegen::load::load_str(Path::new("features.yaml"), FIXTURE).expect("loads");
    let api = codegen::build::build(&spec).expect("builds");
    assert_eq!(api.version, "209912");
    assert_eq!(api.runtime_operations.len(), 1);
}

#[test]
fn invalid_yaml_names_the_line() {
    let message = error_after("  title: Generator feature fixture", "  title: [unclosed");
    assert!(
        message.contains("spec/broken.yaml: #: invalid YAML at line"),
        "{message}"
    );
}

#[test]
fn openapi_3_1_is_refused_plainly() {
    assert_error(
        "openapi: 3.0.3",
        "openapi: 3.1.0",
        "#/openapi",
        "OpenAPI 3.1.0 is not supported",
    );
}

#[test]
fn a_structural_error_names_its_pointer() {
    assert_error(
        "  version: \"209912\"",
        "  version: [not, a, string]",
        "#/info/version",
        "not a valid OpenAPI 3.0 document",
    );
}

#[test]
fn a_dangling_ref_is_named() {
    assert_error(
        "            schema: {$ref: '#/components/schemas/Note'}\n      responses:\n        '201':",
        "            schema: {$ref: '#/components/schemas/Nope'}\n      responses:\n        '201':",
        "#/paths/~1rest~1notes/post/requestBody/content/application~1json/schema",
        "points to a schema that does not exist",
    );
}

#[test]
fn an_operation_needs_an_operation_id() {
    assert_error(
        "      operationId: notes.get\n",
        "",
        "#/paths/~1rest~1notes~1{noteUrn}/get",
        "has no `operationId`",
    );
}

#[test]
fn operation_ids_are_resource_dot_method() {
    assert_error(
        "operationId: notes.get",
        "operationId: getNote",
        "#/paths/~1rest~1notes~1{noteUrn}/get",
        "must have the form `resource.method`",
    );
}

#[test]
fn duplicate_operation_ids_are_refused() {
    assert_error(
        "operationId: notes.get",
        "operationId: notes.create",
        "#/paths/~1rest~1notes~1{noteUrn}/get",
        "is also used at",
    );
}

#[test]
fn arrays_need_items() {
    assert_error(
        "children: {type: array, items: {$ref: '#/components/schemas/Tree'}}",
        "children: {type: array}",
        "#/components/schemas/Tree/properties/children",
        "`type: array` needs `items`",
    );
}

#[test]
fn an_unknown_restli_method_is_refused() {
    assert_error(
        "x-restli: {method: DELETE}",
        "x-restli: {method: REMOVE}",
        "#/paths/~1rest~1notes~1{noteUrn}/delete/x-restli/method",
        "unknown variant `REMOVE`",
    );
}

#[test]
fn a_finder_needs_its_q_value() {
    assert_error(
        "x-restli: {method: FINDER, finder: author, pagination: {style: offset, maxPageSize: 100}}",
        "x-restli: {method: FINDER, pagination: {style: offset, maxPageSize: 100}}",
        "#/paths/~1rest~1notes/get/x-restli-variants/0/x-restli",
        "needs `finder`",
    );
}

#[test]
fn the_http_method_must_match_the_restli_method() {
    assert_error(
        "x-restli: {method: DELETE}",
        "x-restli: {method: GET}",
        "#/paths/~1rest~1notes~1{noteUrn}/delete/x-restli",
        "is sent as HTTP GET",
    );
}

#[test]
fn a_variant_may_only_name_declared_parameters() {
    assert_error(
        "parameters: [author, start, count, sort, fields]",
        "parameters: [author, start, count, sort, fields, colour]",
        "#/paths/~1rest~1notes/get/x-restli-variants/0/parameters",
        "`colour`",
    );
}

#[test]
fn path_templates_and_parameters_must_agree() {
    assert_error(
        "/rest/likes/(actor:{actor},entity:{entity}):",
        "/rest/likes/(actor:{actor},entity:{entity},at:{time}):",
        "#/paths/~1rest~1likes~1(actor:{actor},entity:{entity},at:{time})/get",
        "`{time}`, which is not declared",
    );
}

#[test]
fn urn_extension_only_on_strings() {
    assert_error(
        "time: {type: integer, format: int64}",
        "time: {type: integer, format: int64, x-linkedin-urn: [person]}",
        "#/components/schemas/Stamp/properties/time/x-linkedin-urn",
        "only allowed on `type: string`",
    );
}

#[test]
fn urn_entity_types_are_checked() {
    assert_error(
        "media: {type: object, properties: {id: {type: string, x-linkedin-urn: [image, video]}}}",
        "media: {type: object, properties: {id: {type: string, x-linkedin-urn: ['urn:li:image']}}}",
        "#/components/schemas/NoteContent/properties/media/properties/id/x-linkedin-urn/0",
        "is not a URN entity type",
    );
}

#[test]
fn any_of_is_refused_with_advice() {
    assert_error(
        "        locale:\n          oneOf:",
        "        locale:\n          anyOf:",
        "#/components/schemas/Note/properties/locale",
        "describe the alternatives with `oneOf`",
    );
}

#[test]
fn unsupported_request_media_types_are_named() {
    assert_error(
        "      requestBody:\n        required: true\n        content:\n          application/json:",
        "      requestBody:\n        required: true\n        content:\n          application/xml:",
        "#/paths/~1rest~1notes/post/requestBody/content/application~1xml",
        "are not generated",
    );
}

#[test]
fn enum_values_that_collide_in_rust_are_refused() {
    assert_error(
        "enum: [PUBLIC, CONNECTIONS, UNKNOWN, MAYBE]",
        "enum: [PUBLIC, public, UNKNOWN, MAYBE]",
        "#/components/schemas/Visibility/enum/1",
        "both become the Rust variant `Public`",
    );
}

#[test]
fn unknown_envelopes_are_refused() {
    assert_error(
        "x-restli-envelope: batch-get",
        "x-restli-envelope: batch-gets",
        "#/components/schemas/NoteBatchGet/x-restli-envelope",
        "unknown envelope",
    );
}

#[test]
fn header_parameters_other_than_protocol_headers_are_refused() {
    assert_error(
        "        - {name: Linkedin-Version, in: header, required: true, schema: {type: string}}",
        "        - {name: X-Custom, in: header, required: true, schema: {type: string}}",
        "#/paths/~1rest~1notes/post/parameters/0",
        "header parameter `X-Custom` is not supported",
    );
}

#[test]
fn missing_success_response_is_named() {
    assert_error(
        "        '204': {description: deleted}",
        "        '404': {description: gone}",
        "#/paths/~1rest~1notes~1{noteUrn}/delete/responses",
        "no 2xx response",
    );
}

#[test]
fn a_projection_must_be_a_list_of_field_names() {
    assert_error(
        "x-restli-schema: {type: array, items: {type: string}}\n          x-restli-projection: true",
        "x-restli-schema: {type: array, items: {type: integer}}\n          x-restli-projection: true",
        "#/paths/~1rest~1notes/get/parameters/6/x-restli-projection",
        "list of field names",
    );
}
