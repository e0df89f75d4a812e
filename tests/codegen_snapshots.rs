//! Snapshots of the generated code: one per generated module of every spec, plus the month
//! modules and the `Version` enum, so a reviewer sees exactly how a spec or generator change
//! alters the output.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn generate() -> Vec<codegen::emit::File> {
    let registry = codegen::registry::Registry::load(&root()).expect("the registry loads");
    codegen::generate(&root(), &registry).expect("every spec generates")
}

#[test]
fn generated_modules_of_every_spec() {
    let files = generate();
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/codegen");
    settings.bind(|| {
        for file in &files {
            let name = file.path.trim_end_matches(".rs").replace('/', "__");
            insta::assert_snapshot!(name, file.contents);
        }
    });
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate(), generate());
}
