//! `cargo xtask diff <from> <to>`.

use std::path::Path;

use codegen::diff::Severity;
use codegen::registry::Registry;

/// How to print the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for people.
    Markdown,
    /// JSON, for tools.
    Json,
}

/// Which changes make the command fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Any breaking change.
    Breaking,
}

pub fn run(
    root: &Path,
    from: &str,
    to: &str,
    format: Format,
    fail_on: Option<FailOn>,
) -> Result<(), String> {
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    for month in [from, to] {
        if !registry.versions.iter().any(|m| m.version == month) {
            let known: Vec<&str> = registry
                .versions
                .iter()
                .map(|m| m.version.as_str())
                .collect();
            return Err(format!(
                "`{month}` is not a known month; known months: {}",
                known.join(", ")
            ));
        }
    }
    if from >= to {
        return Err(format!("`{from}` must be older than `{to}`"));
    }
    let report = codegen::change_report(root, &registry, from, to).map_err(|e| e.to_string())?;
    match format {
        Format::Markdown => print!("{}", report.to_markdown()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        ),
    }
    let breaking = report
        .changes
        .iter()
        .filter(|c| c.severity == Severity::Breaking)
        .count();
    if fail_on == Some(FailOn::Breaking) && breaking > 0 {
        return Err(format!(
            "{breaking} breaking change(s) between {from} and {to}"
        ));
    }
    Ok(())
}
