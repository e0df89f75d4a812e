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
        .map(|f| format!("==> {:?}: {}\n{}\n", f.part, f.path, f.contents))
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

#[test]
fn area_comes_from_the_tag_and_effect_from_the_method_unless_overridden() {
    use codegen::ir::{Area, Effect};
    let fixture = include_str!("fixtures/features.yaml");
    let action = "      x-restli: {method: ACTION, action: initialize}\n";
    assert_eq!(fixture.matches(action).count(), 1);
    let effects = |text: &str| {
        let spec = codegen::load::load_str(Path::new("features.yaml"), text).expect("loads");
        let api = codegen::build::build(&spec).expect("builds");
        api.resources
            .iter()
            .flat_map(|r| &r.methods)
            .map(|m| {
                assert_eq!(
                    m.area,
                    Area::Posts,
                    "{}: the Notes tag's area",
                    m.operation_id
                );
                (m.operation_id.clone(), m.effect)
            })
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let plain = effects(fixture);
    assert_eq!(plain["notes.get"], Effect::Read);
    assert_eq!(plain["notes.findByAuthor"], Effect::Read);
    assert_eq!(plain["notes.create"], Effect::Write);
    assert_eq!(plain["notes.delete"], Effect::Write);
    assert_eq!(
        plain["uploads.initialize"],
        Effect::Write,
        "an action writes"
    );
    let overridden = fixture.replacen(
        action,
        &format!("{action}      x-linkedin-effect: read\n"),
        1,
    );
    let overridden = effects(&overridden);
    assert_eq!(overridden["uploads.initialize"], Effect::Read);
    assert_eq!(overridden["notes.create"], Effect::Write);
}
