//! Snapshots of the generated code for 202606, one per generated module, so a reviewer sees
//! exactly how a spec or generator change alters the output.

use std::path::Path;

#[test]
fn generated_modules_for_202606() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let version = codegen::SpecVersion {
        module: "v202606".to_owned(),
        spec: "spec/202606/openapi.yaml".into(),
        feature: "v202606".to_owned(),
    };
    let files = codegen::generate(&root, &[version]).expect("the 202606 spec generates");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/codegen");
    settings.bind(|| {
        for file in files.iter().filter(|f| f.path.starts_with("v202606/")) {
            let name = file.path.trim_end_matches(".rs").replace('/', "__");
            insta::assert_snapshot!(name, file.contents);
        }
    });
}

#[test]
fn generation_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let version = codegen::SpecVersion {
        module: "v202606".to_owned(),
        spec: "spec/202606/openapi.yaml".into(),
        feature: "v202606".to_owned(),
    };
    let a = codegen::generate(&root, std::slice::from_ref(&version)).expect("generates");
    let b = codegen::generate(&root, &[version]).expect("generates");
    assert_eq!(a, b);
}
