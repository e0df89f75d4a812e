//! The generator's output for the feature fixture, which uses every construct the generator
//! supports (including some the LinkedIn specs do not use yet: nullable three-state fields,
//! `allOf`, `oneOf`, maps, recursion, deprecated values).

use std::path::Path;

#[test]
fn every_supported_construct() {
    // Relative to the package root (where cargo runs tests), so the header is the same on every machine.
    let spec = Path::new("tests/fixtures/features.yaml");
    let files = codegen::generate_one(spec, "209912").expect("the fixture generates");
    let all: String = files
        .iter()
        .map(|f| format!("==> {}\n{}\n", f.path, f.contents))
        .collect();
    insta::assert_snapshot!("features", all);
}

#[test]
fn the_model_is_serializable_for_review() {
    let api =
        codegen::model(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/features.yaml"))
            .expect("model");
    let note = api.types.iter().find(|t| t.name == "Note").expect("Note");
    let json = serde_json::to_value(note).expect("serializes");
    let landing = json["kind"]["Struct"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["wire"] == "landingPage")
        .unwrap()
        .clone();
    assert_eq!(
        landing["presence"], "Nullable",
        "absent, null and a value differ"
    );
    let tree = api.types.iter().find(|t| t.name == "Tree").expect("Tree");
    let fields = &serde_json::to_value(tree).unwrap()["kind"]["Struct"]["fields"];
    assert_eq!(fields[1]["boxed"], true, "a recursive field is boxed");
    assert_eq!(
        fields[2]["boxed"], false,
        "a Vec already breaks the recursion"
    );
}
