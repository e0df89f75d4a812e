//! `cargo xtask codegen [--check]`.

use std::path::Path;
use std::time::Instant;

use codegen::registry::Registry;

/// Where the generated tree lives, relative to the workspace root.
pub const GENERATED_DIR: &str = "linkedin-api/src/generated";

/// The change reports of every consecutive pair of months.
const CHANGES: &str = "spec/CHANGES.md";

/// The crate manifest whose `[features]` block lists one feature per month.
const MANIFEST: &str = "linkedin-api/Cargo.toml";
const FEATURES_START: &str = "# @generated features: start (cargo xtask codegen writes this block from spec/versions.yaml)\n";
const FEATURES_END: &str = "# @generated features: end\n";

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let files = codegen::generate(root, &registry).map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    let out = root.join(GENERATED_DIR);
    let manifest_path = root.join(MANIFEST);
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {MANIFEST}: {e}"))?;
    let wanted_manifest = with_features(&manifest, &registry)?;
    let changes_path = root.join(CHANGES);
    let changes = codegen::changes_markdown(root, &registry).map_err(|e| e.to_string())?;
    let current_changes = std::fs::read_to_string(&changes_path).unwrap_or_default();
    if check {
        let again = codegen::generate(root, &registry).map_err(|e| e.to_string())?;
        if again != files {
            return Err(
                "the generator is not deterministic: two runs over the same specs differ"
                    .to_owned(),
            );
        }
        let mut stale: Vec<String> = codegen::write::check(&out, &files)
            .map_err(|e| e.to_string())?
            .iter()
            .map(|s| format!("  {s}"))
            .collect();
        if wanted_manifest != manifest {
            stale.push(format!(
                "  changed: {MANIFEST} (the per-month cargo features)"
            ));
        }
        if current_changes != changes {
            stale.push(format!("  changed: {CHANGES} (the change reports)"));
        }
        if !stale.is_empty() {
            return Err(format!(
                "the generated code is stale; run `cargo xtask codegen` and commit the result:\n{}",
                stale.join("\n")
            ));
        }
        println!(
            "generated code is fresh ({} files, {} specs, {} months)",
            files.len(),
            registry.specs().len(),
            registry.versions.len()
        );
        return Ok(());
    }
    let written = codegen::write::write(&out, &files).map_err(|e| e.to_string())?;
    if wanted_manifest != manifest {
        std::fs::write(&manifest_path, wanted_manifest)
            .map_err(|e| format!("cannot write {MANIFEST}: {e}"))?;
    }
    if current_changes != changes {
        std::fs::write(&changes_path, changes)
            .map_err(|e| format!("cannot write {CHANGES}: {e}"))?;
    }
    let lines: usize = files.iter().map(|f| f.contents.lines().count()).sum();
    println!(
        "generated {} files ({lines} lines) from {} specs for {} months in {:.0?}; {written} changed",
        files.len(),
        registry.specs().len(),
        registry.versions.len(),
        elapsed
    );
    Ok(())
}

/// The manifest with its generated `[features]` block: one feature per month, the newest by default.
fn with_features(manifest: &str, registry: &Registry) -> Result<String, String> {
    let (Some(start), Some(end)) = (manifest.find(FEATURES_START), manifest.find(FEATURES_END))
    else {
        return Err(format!(
            "{MANIFEST} has no generated features block (`{}`…`{}`)",
            FEATURES_START.trim(),
            FEATURES_END.trim()
        ));
    };
    let mut block = String::from(FEATURES_START);
    block.push_str(&format!("default = [\"v{}\"]\n", registry.latest().version));
    let all: Vec<String> = registry
        .versions
        .iter()
        .map(|m| format!("\"v{}\"", m.version))
        .collect();
    block.push_str(&format!(
        "# Every month's bindings (a large build).\nall-versions = [{}]\n",
        all.join(", ")
    ));
    for m in &registry.versions {
        block.push_str(&format!("v{} = []\n", m.version));
    }
    Ok(format!(
        "{}{}{}",
        &manifest[..start],
        block,
        &manifest[end..]
    ))
}
