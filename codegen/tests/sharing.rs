//! What several specs share (`codegen::emit`, `generated/shared/`): a type or a resource is
//! emitted once when it and everything it names, transitively, are the same in those specs.
//! The specs here are the feature fixture's model with a second resource, `drafts`, whose
//! methods name the `notes` module's types, edited directly in the model.

use std::path::Path;

use codegen::emit::{File, Version, emit};
use codegen::ir::{Api, TypeDef, TypeKind, TypeRef};
use codegen::registry::Month;

const FIXTURE: &str = include_str!("fixtures/features.yaml");

/// The fixture's model plus `drafts`, a copy of the `notes` resource in its own module.
fn two_resources() -> Api {
    let spec = codegen::load::load_str(Path::new("fixture.yaml"), FIXTURE).expect("loads");
    let mut api = codegen::build::build(&spec).expect("builds");
    let mut drafts = api
        .resources
        .iter()
        .find(|r| r.module == "notes")
        .expect("the fixture has notes")
        .clone();
    drafts.module = "drafts".to_owned();
    drafts.type_name = "Drafts".to_owned();
    api.resources.push(drafts);
    api
}

fn type_mut<'a>(api: &'a mut Api, name: &str) -> &'a mut TypeDef {
    api.types
        .iter_mut()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("the fixture has {name}"))
}

/// Emits the specs as `s209901`, `s209902`, … each governing one month of the same number.
fn generate(apis: &[Api]) -> Vec<File> {
    let versions: Vec<Version<'_>> = apis
        .iter()
        .enumerate()
        .map(|(i, api)| {
            let month = format!("20990{}", i + 1);
            Version {
                module: format!("s{month}"),
                api,
                spec_path: format!("spec/{month}/openapi.yaml"),
                months: vec![Month {
                    version: month.clone(),
                    released: format!("2099-0{}", i + 1),
                    sunset: "9999-12-31".to_owned(),
                    sunset_estimated: false,
                    spec: month,
                }],
            }
        })
        .collect();
    emit(&versions, "2099-01-01").expect("emits")
}

fn paths(files: &[File]) -> Vec<&str> {
    files.iter().map(|f| f.path.as_str()).collect()
}

fn contents<'a>(files: &'a [File], path: &str) -> &'a str {
    &files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} is generated: {:?}", paths(files)))
        .contents
}

#[test]
fn an_unchanged_module_is_emitted_once_and_re_exported_whole() {
    let api = two_resources();
    let files = generate(&[api.clone(), api]);
    let paths = paths(&files);
    for shared in ["shared/notes_209901.rs", "shared/drafts_209901.rs"] {
        assert!(paths.contains(&shared), "{shared} in {paths:?}");
    }
    for own in ["s209901/notes.rs", "s209902/notes.rs", "s209902/drafts.rs"] {
        assert!(!paths.contains(&own), "{own} should be shared: {paths:?}");
    }
    for spec in ["s209901", "s209902"] {
        let module = contents(&files, &format!("{spec}/mod.rs"));
        assert!(
            module.contains("pub use super::shared::notes_209901 as notes;"),
            "{module}"
        );
    }
    // A shared group names other groups by their shared names.
    let drafts = contents(&files, "shared/drafts_209901.rs");
    assert!(drafts.contains("super::notes_209901::Note"), "{drafts}");
    assert!(!drafts.contains("super::notes::"), "{drafts}");
    // Compiled when either month is enabled.
    let shared = contents(&files, "shared/mod.rs");
    assert!(
        shared.contains("any(feature = \"v209901\", feature = \"v209902\")"),
        "{shared}"
    );
    assert!(contents(&files, "mod.rs").contains("mod shared;"));
}

/// Whether `file` defines type or resource struct `name` (rather than re-exporting it).
fn defines(file: &str, name: &str) -> bool {
    file.contains(&format!("pub struct {name} "))
        || file.contains(&format!("pub struct {name}("))
        || file.contains(&format!("pub enum {name} "))
}

#[test]
fn a_type_holding_a_changed_type_is_changed_too() {
    let base = two_resources();
    let mut changed = base.clone();
    // Only `Note` changes. The `drafts` resource is the same model but names `Note`, so it is
    // changed; `Visibility`, which `Note` holds, is not.
    type_mut(&mut changed, "Note").doc = Some("A note, as a later month documents it.".to_owned());
    let files = generate(&[base.clone(), base, changed]);
    let notes = contents(&files, "s209903/notes.rs");
    assert!(defines(notes, "Note"), "{notes}");
    assert!(!defines(notes, "Visibility"), "{notes}");
    assert!(
        notes.contains("pub use super::super::shared::notes_209901::*;"),
        "{notes}"
    );
    let drafts = contents(&files, "s209903/drafts.rs");
    assert!(defines(drafts, "Drafts"), "{drafts}");
    // What all three have: one group; what only the first two have: another.
    let all = contents(&files, "shared/notes_209901.rs");
    assert!(defines(all, "Visibility") && !defines(all, "Note"), "{all}");
    let first_two = contents(&files, "shared/notes_209901_209902.rs");
    assert!(defines(first_two, "Note"), "{first_two}");
    for spec in ["s209901", "s209902"] {
        let notes = contents(&files, &format!("{spec}/notes.rs"));
        assert!(!defines(notes, "Note"), "{notes}");
        assert!(
            notes.contains("pub use super::super::shared::notes_209901_209902::*;"),
            "{notes}"
        );
    }
    // `likes` names none of it: re-exported whole in all three.
    let third = contents(&files, "s209903/mod.rs");
    assert!(
        third.contains("pub use super::shared::likes_209901 as likes;"),
        "{third}"
    );
}

#[test]
fn types_that_hold_each_other_are_shared_or_changed_together() {
    let mut cycle = two_resources();
    // `Note` holds `NoteStamp`; make `NoteStamp` hold `Note`: a cycle.
    match &mut type_mut(&mut cycle, "NoteStamp").kind {
        TypeKind::Struct(s) => {
            s.fields[0].ty = TypeRef::Named("Note".to_owned());
            s.fields[0].boxed = true;
        }
        other => panic!("NoteStamp is a struct: {other:?}"),
    }
    let mut changed = cycle.clone();
    // Only `NoteStamp` changes; `Note`'s own model does not, but it is in the cycle.
    type_mut(&mut changed, "NoteStamp").doc = Some("As a later month documents it.".to_owned());
    let files = generate(&[cycle.clone(), cycle, changed]);
    let third = contents(&files, "s209903/notes.rs");
    assert!(
        defines(third, "Note") && defines(third, "NoteStamp"),
        "{third}"
    );
    let first_two = contents(&files, "shared/notes_209901_209902.rs");
    assert!(
        defines(first_two, "Note") && defines(first_two, "NoteStamp"),
        "{first_two}"
    );
    assert!(!defines(third, "Visibility"), "{third}");
}

#[test]
fn a_module_only_one_spec_has_stays_in_its_folder() {
    let base = two_resources();
    let files = generate(std::slice::from_ref(&base));
    let paths = paths(&files);
    assert!(
        !paths.iter().any(|p| p.starts_with("shared/")),
        "one spec shares nothing: {paths:?}"
    );
    assert!(paths.contains(&"s209901/notes.rs"), "{paths:?}");
    assert!(!contents(&files, "mod.rs").contains("mod shared;"));
}
