//! `cargo xtask codegen [--check]`.

use std::path::{Path, PathBuf};
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
    let specs = codegen::materialize(root, &registry).map_err(|e| e.to_string())?;
    let spec_files = codegen::spec_files(&registry, &specs).map_err(|e| e.to_string())?;
    if !check {
        // The materialized specs are written before the bindings are built, so a spec the
        // generator refuses can still be read (and linted) where the error points.
        write_specs(root, &spec_files)?;
    }
    let files = codegen::generate_from(&registry, &specs).map_err(|e| e.to_string())?;
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
        stale.extend(
            stale_specs(root, &spec_files)?
                .iter()
                .map(|s| format!("  {s}")),
        );
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

/// Writes the materialized specs that changed and deletes those of months that no longer govern.
fn write_specs(root: &Path, specs: &[(PathBuf, String)]) -> Result<(), String> {
    for (path, text) in specs {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(full.parent().unwrap_or(root))
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            std::fs::write(&full, text)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    for dir in spec_dirs(root)? {
        if !specs.iter().any(|(p, _)| p.starts_with(&dir)) {
            std::fs::remove_dir_all(root.join(&dir))
                .map_err(|e| format!("cannot delete {}: {e}", dir.display()))?;
        }
    }
    Ok(())
}

/// What differs between the materialized specs on disk and what the source gives.
fn stale_specs(root: &Path, specs: &[(PathBuf, String)]) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    for (path, text) in specs {
        match std::fs::read_to_string(root.join(path)) {
            Ok(current) if current == *text => {}
            Ok(_) => stale.push(format!("changed: {}", path.display())),
            Err(_) => stale.push(format!("missing: {}", path.display())),
        }
    }
    for dir in spec_dirs(root)? {
        if !specs.iter().any(|(p, _)| p.starts_with(&dir)) {
            stale.push(format!(
                "stale: {} (no longer a governing month)",
                dir.display()
            ));
        }
    }
    Ok(stale)
}

/// The `spec/YYYYMM` folders of materialized specs.
fn spec_dirs(root: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(root.join("spec")).map_err(|e| format!("cannot list spec/: {e}"))?;
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && codegen::registry::is_month(&name) {
            dirs.push(PathBuf::from("spec").join(name));
        }
    }
    dirs.sort();
    Ok(dirs)
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
