//! ARCHITECTURE.md's "Dependencies and why" table is a promise about the generator: each crate
//! codegen depends on is listed with `codegen` (or `codegen tests`) as where it is used, no row
//! claims codegen uses a crate it does not depend on, and YAML goes through `codegen::load`
//! alone. These tests keep the table true as dependencies change.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The dependency names of one section of codegen's Cargo.toml.
fn manifest_section(manifest: &str, section: &str) -> BTreeSet<String> {
    let header = format!("[{section}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let end = l.find(['.', ' ', '=']).unwrap_or(l.len());
            l[..end].to_owned()
        })
        .collect()
}

/// The table's rows as (crates, places), e.g. (["quote", "syn"], ["codegen"]).
fn table_rows(architecture: &str) -> Vec<(Vec<String>, Vec<String>)> {
    let rows: Vec<_> = architecture
        .lines()
        .skip_while(|l| !l.starts_with("## Dependencies and why"))
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2) // header and separator
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            assert!(cells.len() >= 4, "a malformed row of the table: {row}");
            let crates = cells[1]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect();
            let places = cells[2].split(", ").map(str::to_owned).collect();
            (crates, places)
        })
        .collect();
    assert!(
        rows.len() > 10,
        "the dependency table was not found in ARCHITECTURE.md"
    );
    rows
}

fn claimed(rows: &[(Vec<String>, Vec<String>)], place: &str) -> BTreeSet<String> {
    rows.iter()
        .filter(|(_, places)| places.iter().any(|p| p == place))
        .flat_map(|(crates, _)| crates.iter().cloned())
        .collect()
}

#[test]
fn the_table_lists_exactly_codegens_dependencies() {
    let manifest = read("Cargo.toml");
    let rows = table_rows(&read("../ARCHITECTURE.md"));
    assert_eq!(
        claimed(&rows, "codegen"),
        manifest_section(&manifest, "dependencies"),
        "ARCHITECTURE.md rows with `codegen` vs codegen/Cargo.toml [dependencies]"
    );
    assert_eq!(
        claimed(&rows, "codegen tests"),
        manifest_section(&manifest, "dev-dependencies"),
        "ARCHITECTURE.md rows with `codegen tests` vs codegen/Cargo.toml [dev-dependencies]"
    );
}

#[test]
fn yaml_is_read_and_written_only_in_codegen_load() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![src.clone()];
    let mut offenders = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path != src.join("load.rs")
                && std::fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .any(|l| !l.trim_start().starts_with("//") && l.contains("serde_norway"))
            {
                offenders.push(path.display().to_string());
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "serde_norway used outside codegen::load (go through load::parse_yaml / load::to_yaml): {offenders:?}"
    );
}
