//! `cargo xtask codegen [--check]`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::SpecVersion;

/// Where the generated tree lives, relative to the workspace root.
pub const GENERATED_DIR: &str = "linkedin-api/src/generated";

/// The spec versions to generate: every `spec/YYYYMM/openapi.yaml`, oldest first.
pub fn spec_versions(root: &Path) -> Result<Vec<SpecVersion>, String> {
    let spec_dir = root.join("spec");
    let entries = std::fs::read_dir(&spec_dir)
        .map_err(|e| format!("cannot read {}: {e}", spec_dir.display()))?;
    let mut months: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("openapi.yaml").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_owned))
        .filter(|name| name.len() == 6 && name.chars().all(|c| c.is_ascii_digit()))
        .collect();
    months.sort();
    if months.is_empty() {
        return Err(format!(
            "no spec/YYYYMM/openapi.yaml found under {}",
            spec_dir.display()
        ));
    }
    Ok(months
        .into_iter()
        .map(|m| SpecVersion {
            module: format!("v{m}"),
            spec: PathBuf::from("spec").join(&m).join("openapi.yaml"),
            feature: format!("v{m}"),
        })
        .collect())
}

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let versions = spec_versions(root)?;
    let started = Instant::now();
    let files = codegen::generate(root, &versions).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let out = root.join(GENERATED_DIR);
    if check {
        let again = codegen::generate(root, &versions).map_err(|e| e.to_string())?;
        if again != files {
            return Err(
                "the generator is not deterministic: two runs over the same specs differ"
                    .to_owned(),
            );
        }
        let stale = codegen::write::check(&out, &files).map_err(|e| e.to_string())?;
        if !stale.is_empty() {
            let list: Vec<String> = stale.iter().map(|s| format!("  {s}")).collect();
            return Err(format!(
                "the generated code is stale; run `cargo xtask codegen` and commit the result:\n{}",
                list.join("\n")
            ));
        }
        println!(
            "generated code is fresh ({} files from {} spec(s))",
            files.len(),
            versions.len()
        );
        return Ok(());
    }
    let written = codegen::write::write(&out, &files).map_err(|e| e.to_string())?;
    let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
    println!(
        "generated {} files ({lines} lines) from {} spec(s) in {:.0?}; {written} changed",
        files.len(),
        versions.len(),
        elapsed
    );
    Ok(())
}
