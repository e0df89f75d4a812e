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
fn every_kind_of_component_ref_is_checked_alike() {
    // One resolver serves schemas, parameters, request bodies, responses and headers.
    assert_error(
        "        - {name: start, in: query, schema: {type: integer, format: int32}}",
        "        - {$ref: '#/components/parameters/Start'}",
        "#/paths/~1rest~1notes/get/parameters/2",
        "points to a parameter that does not exist",
    );
    assert_error(
        "            x-restli-id:\n              schema: {type: string, x-linkedin-urn: [share]}",
        "            x-restli-id: {$ref: 'other.yaml#/components/headers/Id'}",
        "#/paths/~1rest~1notes/post/responses/201/headers/x-restli-id",
        "must point into #/components/headers/ (external references are not supported)",
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
fn a_generated_operation_must_be_a_restli_call() {
    // The runtime only sends Rest.li calls; without `x-restli` there is no method to send.
    assert_error(
        "      x-restli: {method: DELETE}\n",
        "",
        "#/paths/~1rest~1notes~1{noteUrn}/delete",
        "has no `x-restli`",
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
fn a_numeric_path_id_names_one_entity_identified_by_number() {
    let from = "      - name: noteUrn\n        in: path\n        required: true\n        schema: {type: string, x-linkedin-urn: [share]}";
    let pointer = "#/paths/~1rest~1notes~1{noteUrn}/parameters/0/schema/x-linkedin-urn";
    assert_error(
        from,
        &from.replace(
            "type: string, x-linkedin-urn: [share]",
            "type: integer, format: int64, x-linkedin-urn: [share, ugcPost]",
        ),
        pointer,
        "list exactly one",
    );
    assert_error(
        from,
        &from.replace(
            "type: string, x-linkedin-urn: [share]",
            "type: integer, format: int64, x-linkedin-urn: [person]",
        ),
        pointer,
        "`person` is not an entity type LinkedIn identifies by number",
    );
    assert_error(
        from,
        &from.replace(
            "type: string, x-linkedin-urn: [share]",
            "type: integer, format: int32, x-linkedin-urn: [share]",
        ),
        "#/paths/~1rest~1notes~1{noteUrn}/parameters/0/schema",
        "needs `format: int64`",
    );
}

#[test]
fn a_numeric_id_urn_is_for_path_parameters_only() {
    assert_error(
        "{name: start, in: query, schema: {type: integer, format: int32}}",
        "{name: start, in: query, schema: {type: integer, format: int64, x-linkedin-urn: [share]}}",
        "#/paths/~1rest~1notes/get/parameters/2/schema/x-linkedin-urn",
        "applies to path parameters only",
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
        "media: {type: object, properties: {id: {type: string, x-linkedin-urn: [image, video], x-linkedin-target: true}}}",
        "media: {type: object, properties: {id: {type: string, x-linkedin-urn: ['urn:li:image'], x-linkedin-target: true}}}",
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

// Recursive and deeply nested schemas. Each case adds schemas to the fixture under
// `components/schemas` and refers to `Probe` from the fixture's `Tree`, so an operation reaches it.

const PROBE_AT: &str =
    "        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}\n";

/// The fixture with `schemas` (YAML at the indentation of a component schema name) added, and
/// `Tree.probe` referring to `Probe`.
fn with_schemas(schemas: &str) -> String {
    assert_eq!(FIXTURE.matches(PROBE_AT).count(), 1);
    let text = FIXTURE.replacen(
        PROBE_AT,
        &format!("{PROBE_AT}        probe: {{$ref: '#/components/schemas/Probe'}}\n"),
        1,
    );
    format!("{text}{schemas}")
}

/// Builds (and emits) `text` in a thread with a bounded stack and a deadline, so that a
/// generator that recurses without end fails the test instead of hanging it. (A stack overflow
/// still aborts the whole test binary: that, too, is a failure.) The stack is a main thread's
/// (8 MiB): a debug build of the loader needs about 2 MiB for YAML nested 128 levels deep.
fn generate(
    text: String,
) -> Result<(codegen::ir::Api, Vec<codegen::emit::File>), codegen::diag::Error> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let path = Path::new("spec/broken.yaml");
            let result = codegen::load::load_str(path, &text)
                .and_then(|spec| codegen::build::build(&spec))
                .map(|api| {
                    let files = emit_one(&api);
                    (api, files)
                });
            let _ = tx.send(result);
        })
        .expect("spawns");
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .expect("the generator finishes within 20 s")
}

fn emit_one(api: &codegen::ir::Api) -> Vec<codegen::emit::File> {
    let month = codegen::registry::Month {
        version: api.version.clone(),
        released: "2099-12".to_owned(),
        sunset: "9999-12-31".to_owned(),
        sunset_estimated: false,
        spec: api.version.clone(),
    };
    let input = codegen::emit::Version {
        module: format!("s{}", api.version),
        api,
        spec_path: "spec/broken.yaml".to_owned(),
        months: vec![month],
    };
    codegen::emit::emit(&[input], "0000-01-01").expect("the model emits")
}

fn probe_error(schemas: &str, pointer: &str, words: &str) {
    match generate(with_schemas(schemas)) {
        Ok(_) => panic!("accepted:\n{schemas}"),
        Err(e) => {
            let message = e.to_string();
            assert_eq!(e.file, Path::new("spec/broken.yaml"));
            assert_eq!(e.pointer, pointer, "{message}");
            assert!(message.contains(words), "expected {words:?} in: {message}");
        }
    }
}

/// The Rust source of type `name` as emitted.
fn type_source(files: &[codegen::emit::File], name: &str) -> String {
    let needle = format!("pub struct {name}");
    let file = files
        .iter()
        .find(|f| f.contents.contains(&needle))
        .unwrap_or_else(|| panic!("`{name}` is not emitted"));
    let start = file.contents.find(&needle).expect("found");
    file.contents[start..]
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_array_of_itself_becomes_a_named_wrapper() {
    let (api, files) = generate(with_schemas(
        "    Probe: {type: array, items: {$ref: '#/components/schemas/Probe'}}\n",
    ))
    .expect("generates");
    let probe = api.types.iter().find(|t| t.name == "Probe").expect("named");
    assert_eq!(
        probe.kind,
        codegen::ir::TypeKind::Newtype(codegen::ir::TypeRef::List(Box::new(
            codegen::ir::TypeRef::Named("Probe".into())
        )))
    );
    assert_eq!(
        type_source(&files, "Probe"),
        "pub struct Probe(pub Vec<Probe>);"
    );
}

#[test]
fn a_map_of_itself_becomes_a_named_wrapper() {
    let (_, files) = generate(with_schemas(
        "    Probe: {type: object, additionalProperties: {$ref: '#/components/schemas/Probe'}}\n",
    ))
    .expect("generates");
    assert_eq!(
        type_source(&files, "Probe"),
        "pub struct Probe(pub std::collections::BTreeMap<String, Probe>);"
    );
}

#[test]
fn mutual_recursion_through_arrays_and_maps_names_one_wrapper() {
    let (api, _) = generate(with_schemas(concat!(
        "    Probe: {type: array, items: {$ref: '#/components/schemas/Other'}}\n",
        "    Other: {type: object, additionalProperties: {$ref: '#/components/schemas/Probe'}}\n",
    )))
    .expect("generates");
    let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"Probe"), "{names:?}");
    assert!(
        !names.contains(&"Other"),
        "one name breaks the cycle: {names:?}"
    );
}

#[test]
fn recursion_through_an_object_inside_an_array_needs_no_wrapper() {
    let (api, _) = generate(with_schemas(concat!(
        "    Probe: {type: array, items: {$ref: '#/components/schemas/Node'}}\n",
        "    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Probe'}, self: {$ref: '#/components/schemas/Node'}}}\n",
    )))
    .expect("generates");
    let node = api.types.iter().find(|t| t.name == "Node").expect("Node");
    let codegen::ir::TypeKind::Struct(s) = &node.kind else {
        panic!("a struct")
    };
    assert!(
        s.fields.iter().any(|f| f.wire == "self" && f.boxed),
        "{s:?}"
    );
}

#[test]
fn an_all_of_of_itself_is_refused() {
    probe_error(
        "    Probe: {allOf: [{$ref: '#/components/schemas/Probe'}]}\n",
        "#/components/schemas/Probe",
        "defined only in terms of itself",
    );
}

#[test]
fn all_of_aliases_of_each_other_are_refused() {
    probe_error(
        concat!(
            "    Probe: {allOf: [{$ref: '#/components/schemas/Other'}]}\n",
            "    Other: {allOf: [{$ref: '#/components/schemas/Probe'}]}\n",
        ),
        "#/components/schemas/Probe",
        "defined only in terms of itself",
    );
}

#[test]
fn an_all_of_alias_inside_its_target_resolves_to_a_defined_type() {
    // `Probe` aliases `Node`, and `Node` refers back to `Probe`: before the fix, `Node.back` named
    // a `Probe` type that was never defined.
    let (api, files) = generate(with_schemas(concat!(
        "    Probe: {allOf: [{$ref: '#/components/schemas/Node'}]}\n",
        "    Node: {type: object, properties: {back: {$ref: '#/components/schemas/Probe'}}}\n",
    )))
    .expect("generates");
    let defined: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for def in &api.types {
        for t in def.contained_types() {
            if let codegen::ir::TypeRef::Named(n) = t {
                assert!(
                    defined.contains(&n.as_str()),
                    "`{n}` is used but not defined"
                );
            }
        }
    }
    assert!(!files.is_empty());
}

#[test]
fn a_one_of_containing_itself_is_refused() {
    probe_error(
        "    Probe: {oneOf: [{$ref: '#/components/schemas/Probe'}, {type: string}]}\n",
        "#/components/schemas/Probe",
        "contains itself through `oneOf` alternatives alone",
    );
}

#[test]
fn one_ofs_containing_each_other_are_refused() {
    probe_error(
        concat!(
            "    Probe: {oneOf: [{$ref: '#/components/schemas/Other'}, {type: string}]}\n",
            "    Other: {oneOf: [{$ref: '#/components/schemas/Probe'}, {type: integer}]}\n",
        ),
        "#/components/schemas/Other",
        "contains itself through `oneOf` alternatives alone",
    );
}

#[test]
fn a_one_of_recursing_through_an_object_is_boxed_not_refused() {
    let (api, _) = generate(with_schemas(concat!(
        "    Probe: {oneOf: [{$ref: '#/components/schemas/Node'}, {type: string}]}\n",
        "    Node: {type: object, properties: {inner: {$ref: '#/components/schemas/Probe'}}}\n",
    )))
    .expect("generates");
    let node = api.types.iter().find(|t| t.name == "Node").expect("Node");
    let codegen::ir::TypeKind::Struct(s) = &node.kind else {
        panic!("a struct")
    };
    assert!(s.fields[0].boxed, "the field breaks the cycle: {s:?}");
}

#[test]
fn an_envelope_containing_itself_is_refused() {
    probe_error(
        "    Probe: {type: object, x-restli-envelope: collection, properties: {elements: {type: array, items: {$ref: '#/components/schemas/Probe'}}}}\n",
        "#/components/schemas/Probe",
        "envelope cannot contain itself",
    );
}

/// `levels` inline objects, each the only property of the one around it.
fn nested_objects(levels: usize) -> String {
    let mut schema = "{type: string}".to_owned();
    for _ in 0..levels {
        schema = format!("{{type: object, properties: {{inner: {schema}}}}}");
    }
    format!("    Probe: {schema}\n")
}

#[test]
fn deeply_nested_inline_objects_are_refused_before_rustc_overflows() {
    // The chain starts at the fixture's `Tree`, whose `probe` holds the 50 levels.
    probe_error(
        &nested_objects(50),
        "#/components/schemas/Tree",
        "error E0275",
    );
}

/// `Probe` → `Level1` → … → `Level<n>`, each a component with one property.
fn component_chain(n: usize) -> String {
    let mut schemas = String::from(
        "    Probe: {type: object, properties: {next: {$ref: '#/components/schemas/Level1'}}}\n",
    );
    for i in 1..n {
        schemas.push_str(&format!(
            "    Level{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/Level{}'}}}}}}\n",
            i + 1
        ));
    }
    schemas.push_str(&format!(
        "    Level{n}: {{type: object, properties: {{end: {{type: string}}}}}}\n"
    ));
    schemas
}

#[test]
fn a_long_chain_of_components_is_refused_too() {
    probe_error(
        &component_chain(40),
        "#/components/schemas/Tree",
        "error E0275",
    );
}

#[test]
fn a_shallow_chain_generates() {
    generate(with_schemas(&component_chain(8))).expect("generates");
}

#[test]
fn nesting_beyond_the_walk_limit_is_an_error_not_a_stack_overflow() {
    // A chain of components nests the walk without nesting the YAML (whose parser stops at 128).
    let e = generate(with_schemas(&component_chain(200))).expect_err("refused");
    assert!(
        e.message
            .contains("schemas nest more than 64 levels deep here"),
        "{e}"
    );
    assert!(e.pointer.starts_with("#/components/schemas/Level"), "{e}");
}

#[test]
fn recursion_through_an_action_envelope_is_boxed() {
    // `ActionResult<T>` holds its value inline, so `Probe.result` must be boxed.
    let (api, _) = generate(with_schemas(concat!(
        "    Probe: {type: object, properties: {result: {$ref: '#/components/schemas/ProbeResult'}}}\n",
        "    ProbeResult: {type: object, x-restli-envelope: action, properties: {value: {$ref: '#/components/schemas/Probe'}}}\n",
    )))
    .expect("generates");
    let probe = api.types.iter().find(|t| t.name == "Probe").expect("Probe");
    let codegen::ir::TypeKind::Struct(s) = &probe.kind else {
        panic!("a struct")
    };
    assert!(s.fields[0].boxed, "{s:?}");
}

#[test]
fn passes_over_a_long_chain_of_types_through_arrays_do_not_recurse_along_it() {
    // `Level0` holds [`Level1`], which holds [`Level2`]…: a chain through lists has no depth limit
    // of its own (each walk of the builder stops at types already built), so the passes after the
    // walk (placement, the change report's usage) must not recurse along it.
    use codegen::ir::*;
    const N: usize = 20_000;
    let level = |i: usize| format!("Level{i}");
    let types = (0..N)
        .map(|i| TypeDef {
            name: level(i),
            module: String::new(),
            origin: format!("#/components/schemas/{}", level(i)),
            doc: None,
            deprecated: false,
            kind: TypeKind::Struct(StructDef {
                fields: (i + 1 < N)
                    .then(|| Field {
                        name: "next".into(),
                        wire: "next".into(),
                        ty: TypeRef::List(Box::new(TypeRef::Named(level(i + 1)))),
                        presence: Presence::Optional,
                        boxed: false,
                        doc: None,
                        deprecated: false,
                        read_only: false,
                        target: false,
                    })
                    .into_iter()
                    .collect(),
                additional: None,
                patch: None,
            }),
        })
        .collect();
    let mut api = codegen::load::load_str(Path::new("features.yaml"), FIXTURE)
        .and_then(|s| codegen::build::build(&s))
        .expect("the fixture builds");
    api.types = types;
    api.resources.truncate(1);
    api.resources[0].methods.truncate(1);
    api.resources[0].methods[0].response = Response::Json(TypeRef::Named(level(0)));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || {
            codegen::build::passes::place_types(&mut api);
            api.resources[0].methods[0].body = Some(TypeRef::Named(level(0)));
            codegen::build::passes::body_targets(
                &mut api,
                &codegen::diag::Ptr::root(Path::new("features.yaml")),
            )
            .expect("no target, no error");
            let module = api.resources[0].module.clone();
            let placed = api.types.iter().all(|t| t.module == module);
            let report = codegen::diff::diff(&api, &api);
            let _ = tx.send((placed, report.changes.len()));
        })
        .expect("spawns");
    let (placed, changes) = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("finishes");
    assert!(placed, "every level is used by the one resource");
    assert_eq!(changes, 0);
}

#[test]
fn a_target_must_be_a_urn_the_caller_sends_and_reachable() {
    assert_error(
        "        text: {type: string, description: The text.}",
        "        text: {type: string, description: The text., x-linkedin-target: true}",
        "#/components/schemas/Note/properties/text/x-linkedin-target",
        "not a URN (`x-linkedin-urn`) or a list of URNs",
    );
    assert_error(
        "        id: {type: string, readOnly: true, x-linkedin-urn: [share]}",
        "        id: {type: string, readOnly: true, x-linkedin-urn: [share], x-linkedin-target: true}",
        "#/components/schemas/Note/properties/id",
        "`x-linkedin-target` on a `readOnly` property",
    );
    assert_error(
        "x-linkedin-urn: [person, organization], x-linkedin-target: true}\n        text",
        "x-linkedin-urn: [person, organization], x-linkedin-target: yes please}\n        text",
        "#/components/schemas/Note/properties/author/x-linkedin-target",
        "malformed `x-linkedin-target`",
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

#[test]
fn a_tag_without_an_area_is_named() {
    assert_error(
        "    x-linkedin-area: posts\n",
        "",
        "#/tags/0",
        "tag `Notes` has no `x-linkedin-area`",
    );
}

#[test]
fn an_unknown_area_names_the_tag_and_the_value() {
    assert_error(
        "    x-linkedin-area: posts\n",
        "    x-linkedin-area: postings\n",
        "#/tags/0/x-linkedin-area",
        "tag `Notes`: `x-linkedin-area: postings` is not an area (expected one of `identity`, `posts`,",
    );
}

#[test]
fn an_unknown_effect_is_named() {
    assert_error(
        "      x-restli: {method: CREATE}\n      security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}]",
        "      x-restli: {method: CREATE}\n      x-linkedin-effect: reed\n      security: [{oauth2: [w_member_social]}, {oauth2: [w_organization_social]}]",
        "#/paths/~1rest~1notes/post/x-linkedin-effect",
        "malformed `x-linkedin-effect`: unknown variant `reed`",
    );
}

#[test]
fn an_effect_beside_variants_is_ambiguous() {
    assert_error(
        "      operationId: notes.query\n",
        "      operationId: notes.query\n      x-linkedin-effect: read\n",
        "#/paths/~1rest~1notes/get/x-linkedin-effect",
        "put it on the variant it concerns",
    );
}

#[test]
fn an_operation_without_a_summary_is_named() {
    assert_error(
        "      summary: Get a note\n",
        "",
        "#/paths/~1rest~1notes~1{noteUrn}/get",
        "the operation has no `summary`",
    );
}

#[test]
fn a_path_key_schema_that_is_not_a_record_is_refused() {
    // A record key is written `(k:v,…)`; an enum has no such form.
    assert_error(
        "      - name: noteUrn\n        in: path\n        required: true\n        schema: {type: string, x-linkedin-urn: [share]}",
        "      - name: noteUrn\n        in: path\n        required: true\n        schema: {type: string}\n        x-restli-schema: {$ref: '#/components/schemas/Visibility'}",
        "#/paths/~1rest~1notes~1{noteUrn}/parameters/0/x-restli-schema",
        "must name a record",
    );
}

#[test]
fn a_named_path_type_without_x_restli_schema_is_refused() {
    // Without `x-restli-schema` a path key is percent-encoded whole, which only suits scalars.
    assert_error(
        "      - name: noteUrn\n        in: path\n        required: true\n        schema: {type: string, x-linkedin-urn: [share]}",
        "      - name: noteUrn\n        in: path\n        required: true\n        schema: {$ref: '#/components/schemas/Visibility'}",
        "#/paths/~1rest~1notes~1{noteUrn}/parameters/0/schema",
        "a path key must be a string, an integer or a URN",
    );
}

#[test]
fn a_batch_finder_envelope_needs_one_collection_per_criteria() {
    // Each element of a batch finder's `elements` is itself a collection with `elements`.
    assert_error(
        "    NoteCollection:\n      type: object\n      x-restli-envelope: collection",
        "    NoteCollection:\n      type: object\n      x-restli-envelope: batch-finder",
        "#/components/schemas/Note",
        "a `batch-finder` element needs an `elements` property",
    );
}
