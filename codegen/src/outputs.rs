//! Everything the generator owns in the workspace, written or checked in one place.
//!
//! `cargo xtask codegen [--check]` and the freshness test (`codegen/tests/generated_fresh.rs`)
//! both call this module, so the committed files are checked exactly as they are written: the
//! materialized specs (`spec/YYYYMM/`), the generated trees (`linkedin-api/src/generated/`, and
//! `runtime/src/generated/` for what every month shares: typed URNs, `Version`), the
//! per-month features block of `linkedin-api/Cargo.toml`, `spec/CHANGES.md`, and the `linkedin`
//! CLI's operation table (`linkedin-cli/src/generated/`, see [`crate::tools`]). The committed
//! files are their own snapshot; this is what compares them with the generator's output.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::registry::Registry;
use crate::write::Stale;

/// Where the bindings' generated tree lives, relative to the workspace root.
pub const GENERATED_DIR: &str = "linkedin-api/src/generated";

/// Where the runtime's generated files live (typed URNs, the `Version` enum), relative to the
/// workspace root.
pub const RUNTIME_GENERATED_DIR: &str = "runtime/src/generated";

/// The generated tree a part of the output is written to, relative to the workspace root.
pub fn dir_of(part: crate::emit::Part) -> &'static str {
    match part {
        crate::emit::Part::Bindings => GENERATED_DIR,
        crate::emit::Part::Runtime => RUNTIME_GENERATED_DIR,
        crate::emit::Part::Cli => crate::tools::TOOLS_DIR,
    }
}

/// The files of `part`, in the order given.
fn part_of(files: &[crate::emit::File], part: crate::emit::Part) -> Vec<crate::emit::File> {
    files.iter().filter(|f| f.part == part).cloned().collect()
}

/// The change reports of every consecutive pair of months.
pub const CHANGES: &str = "spec/CHANGES.md";

/// The crate manifest whose `[features]` block lists one feature per month.
pub const MANIFEST: &str = "linkedin-api/Cargo.toml";
const FEATURES_START: &str = "# @generated features: start (cargo xtask codegen writes this block from spec/versions.yaml)\n";
const FEATURES_END: &str = "# @generated features: end\n";

/// What a run produced, for the maintainer's one-line summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Generated Rust files.
    pub files: usize,
    /// Their lines.
    pub lines: usize,
    /// Governing specs.
    pub specs: usize,
    /// Months of the registry.
    pub months: usize,
    /// Files written (0 on a check).
    pub written: usize,
}

/// Regenerates everything under `root` and writes what changed; files the generator no longer
/// produces are deleted.
pub fn write(root: &Path) -> Result<Summary> {
    let registry = Registry::load(root)?;
    let specs = crate::materialize(root, &registry)?;
    let spec_files = crate::spec_files(&registry, &specs)?;
    // The materialized specs are written before the bindings are built, so a spec the
    // generator refuses can still be read (and linted) where the error points.
    let mut written = write_specs(root, &spec_files)?;
    let files = crate::generate_from(&registry, &specs)?;
    for part in [crate::emit::Part::Bindings, crate::emit::Part::Runtime] {
        written += crate::write::write(&root.join(dir_of(part)), &part_of(&files, part))?;
    }
    let tools = crate::tools::generate(&registry, &specs)?;
    written += crate::write::write(&root.join(dir_of(crate::emit::Part::Cli)), &tools)?;
    let manifest = read(root, MANIFEST)?;
    let wanted_manifest = with_features(&manifest, &registry)?;
    if wanted_manifest != manifest {
        write_file(root, Path::new(MANIFEST), &wanted_manifest)?;
        written += 1;
    }
    let changes = crate::changes_markdown(root, &registry)?;
    if read(root, CHANGES).ok().as_deref() != Some(changes.as_str()) {
        write_file(root, Path::new(CHANGES), &changes)?;
        written += 1;
    }
    Ok(summary(&registry, &files, written))
}

/// Compares everything the generator owns under `root` with what it would write now, and proves
/// the generator deterministic by generating twice. An empty list means the files are fresh;
/// paths are relative to `root`.
pub fn check(root: &Path) -> Result<(Vec<Stale>, Summary)> {
    let registry = Registry::load(root)?;
    let specs = crate::materialize(root, &registry)?;
    let spec_files = crate::spec_files(&registry, &specs)?;
    let files = crate::generate_from(&registry, &specs)?;
    if crate::generate(root, &registry)? != files {
        return Err(Error {
            file: PathBuf::from(GENERATED_DIR),
            pointer: "#".to_owned(),
            message: "the generator is not deterministic: two runs over the same specs differ"
                .to_owned(),
        });
    }
    let mut stale: Vec<Stale> = Vec::new();
    for part in [crate::emit::Part::Bindings, crate::emit::Part::Runtime] {
        stale.extend(
            crate::write::check(&root.join(dir_of(part)), &part_of(&files, part))?
                .into_iter()
                .map(|s| relative(root, s)),
        );
    }
    let tools = crate::tools::generate(&registry, &specs)?;
    stale.extend(
        crate::write::check(&root.join(dir_of(crate::emit::Part::Cli)), &tools)?
            .into_iter()
            .map(|s| relative(root, s)),
    );
    stale.extend(stale_specs(root, &spec_files)?);
    let manifest = read(root, MANIFEST)?;
    if with_features(&manifest, &registry)? != manifest {
        stale.push(Stale::Changed(PathBuf::from(MANIFEST)));
    }
    let changes = crate::changes_markdown(root, &registry)?;
    match read(root, CHANGES) {
        Ok(current) if current == changes => {}
        Ok(_) => stale.push(Stale::Changed(PathBuf::from(CHANGES))),
        Err(_) => stale.push(Stale::Missing(PathBuf::from(CHANGES))),
    }
    Ok((stale, summary(&registry, &files, 0)))
}

fn summary(registry: &Registry, files: &[crate::emit::File], written: usize) -> Summary {
    Summary {
        files: files.len(),
        lines: files.iter().map(|f| f.contents.lines().count()).sum(),
        specs: registry.specs().len(),
        months: registry.versions.len(),
        written,
    }
}

/// The same difference with its path relative to the workspace root, as a maintainer types it.
fn relative(root: &Path, stale: Stale) -> Stale {
    let strip = |p: PathBuf| p.strip_prefix(root).map(Path::to_path_buf).unwrap_or(p);
    match stale {
        Stale::Missing(p) => Stale::Missing(strip(p)),
        Stale::Changed(p) => Stale::Changed(strip(p)),
        Stale::Extra(p) => Stale::Extra(strip(p)),
    }
}

/// Writes the materialized specs that changed and deletes those of months that no longer govern.
fn write_specs(root: &Path, specs: &[(PathBuf, String)]) -> Result<usize> {
    let mut written = 0;
    for (path, text) in specs {
        if std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(text.as_str()) {
            write_file(root, path, text)?;
            written += 1;
        }
    }
    for dir in spec_dirs(root)? {
        if !specs.iter().any(|(p, _)| p.starts_with(&dir)) {
            std::fs::remove_dir_all(root.join(&dir)).map_err(|e| io_error(&dir, e))?;
        }
    }
    Ok(written)
}

/// What differs between the materialized specs on disk and what the source gives.
fn stale_specs(root: &Path, specs: &[(PathBuf, String)]) -> Result<Vec<Stale>> {
    let mut stale = Vec::new();
    for (path, text) in specs {
        match std::fs::read_to_string(root.join(path)) {
            Ok(current) if current == *text => {}
            Ok(_) => stale.push(Stale::Changed(path.clone())),
            Err(_) => stale.push(Stale::Missing(path.clone())),
        }
    }
    for dir in spec_dirs(root)? {
        if !specs.iter().any(|(p, _)| p.starts_with(&dir)) {
            // A month that no longer governs: its whole folder goes.
            stale.push(Stale::Extra(dir));
        }
    }
    Ok(stale)
}

/// The `spec/YYYYMM` folders of materialized specs.
fn spec_dirs(root: &Path) -> Result<Vec<PathBuf>> {
    let spec = Path::new("spec");
    let entries = std::fs::read_dir(root.join(spec)).map_err(|e| io_error(spec, e))?;
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() && crate::registry::is_month(&name) {
            dirs.push(spec.join(name));
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// The runtime's own features that are on by default, beside the newest month (declared by hand
/// in the manifest, above the generated block).
const RUNTIME_DEFAULTS: &[&str] = &["oidc", "rustls"];

/// The manifest with its generated `[features]` block: one feature per month, the newest by default.
fn with_features(manifest: &str, registry: &Registry) -> Result<String> {
    let (Some(start), Some(end)) = (manifest.find(FEATURES_START), manifest.find(FEATURES_END))
    else {
        return Err(Error {
            file: PathBuf::from(MANIFEST),
            pointer: "#".to_owned(),
            message: format!(
                "no generated features block (`{}`…`{}`)",
                FEATURES_START.trim(),
                FEATURES_END.trim()
            ),
        });
    };
    let mut block = String::from(FEATURES_START);
    let mut defaults = vec![format!("\"v{}\"", registry.latest().version)];
    defaults.extend(RUNTIME_DEFAULTS.iter().map(|f| format!("\"{f}\"")));
    block.push_str(&format!("default = [{}]\n", defaults.join(", ")));
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

fn read(root: &Path, path: &str) -> Result<String> {
    std::fs::read_to_string(root.join(path)).map_err(|e| io_error(Path::new(path), e))
}

fn write_file(root: &Path, path: &Path, text: &str) -> Result<()> {
    let full = root.join(path);
    if let Some(dir) = full.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_error(path, e))?;
    }
    std::fs::write(&full, text).map_err(|e| io_error(path, e))
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error {
        file: path.to_path_buf(),
        pointer: "#".to_owned(),
        message: e.to_string(),
    }
}
