//! ARCHITECTURE.md's "Dependencies and why" table names every crate the gateway depends on and
//! why: the `gateway` rows list exactly linkedin-gateway/Cargo.toml's registry dependencies, and
//! each of its test dependencies is on a `gateway tests` row.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The registry dependencies of one section of the manifest (workspace members, depended on
/// by `path`, are not third-party crates and have no row).
fn manifest_section(manifest: &str, section: &str) -> BTreeSet<String> {
    let header = format!("[{section}]");
    manifest
        .lines()
        .skip_while(|l| l.trim() != header)
        .skip(1)
        .take_while(|l| !l.trim_start().starts_with('['))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains("path ="))
        .map(|l| {
            let end = l.find(['.', ' ', '=']).unwrap_or(l.len());
            l[..end].to_owned()
        })
        .collect()
}

/// The crates of the rows whose places include `place`.
fn claimed(architecture: &str, place: &str) -> BTreeSet<String> {
    let rows: Vec<&str> = architecture
        .lines()
        .skip_while(|l| !l.starts_with("## Dependencies and why"))
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .collect();
    assert!(
        rows.len() > 10,
        "the dependency table was not found in ARCHITECTURE.md"
    );
    rows.iter()
        .map(|row| row.split('|').map(str::trim).collect::<Vec<_>>())
        .filter(|cells| cells[2].split(", ").any(|p| p == place))
        .flat_map(|cells| {
            cells[1]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_gateway_rows_list_exactly_its_dependencies() {
    let manifest = read("Cargo.toml");
    let architecture = read("../ARCHITECTURE.md");
    let dependencies = manifest_section(&manifest, "dependencies");
    assert!(
        dependencies.contains("rusqlite"),
        "the manifest was read: {dependencies:?}"
    );
    assert_eq!(
        claimed(&architecture, "gateway"),
        dependencies,
        "ARCHITECTURE.md rows with `gateway` vs linkedin-gateway/Cargo.toml [dependencies]"
    );
}

#[test]
fn every_test_dependency_of_the_gateway_has_a_row() {
    let manifest = read("Cargo.toml");
    let architecture = read("../ARCHITECTURE.md");
    let dev = manifest_section(&manifest, "dev-dependencies");
    assert!(dev.contains("wiremock"), "the manifest was read: {dev:?}");
    let rows = claimed(&architecture, "gateway tests");
    let missing: Vec<_> = dev.difference(&rows).collect();
    assert!(missing.is_empty(), "no `gateway tests` row for {missing:?}");
}
