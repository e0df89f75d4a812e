//! The committed generated files are their own snapshot: this test regenerates everything in
//! memory (as `cargo xtask codegen --check` does, through the same `codegen::outputs`) and fails
//! listing every file that differs. `UPDATE_GENERATED=1 cargo test -p linkedin-api-codegen
//! --test generated_fresh` rewrites them instead, like `cargo xtask codegen`.

use std::path::Path;

#[test]
fn committed_generated_files_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        let summary = codegen::outputs::write(&root).unwrap_or_else(|e| panic!("{e}"));
        eprintln!("UPDATE_GENERATED=1: {} files rewritten", summary.written);
        return;
    }
    let (stale, _) = codegen::outputs::check(&root).unwrap_or_else(|e| panic!("{e}"));
    let list: Vec<String> = stale.iter().map(|s| format!("  {s}")).collect();
    assert!(
        stale.is_empty(),
        "the generated files are stale; run `cargo xtask codegen` (or this test with \
         UPDATE_GENERATED=1) and commit the result:\n{}",
        list.join("\n")
    );
}
