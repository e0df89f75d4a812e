//! `cargo xtask diff <from> <to>` (or `--old FILE --new FILE`, or `--overlay FILE`).
//!
//! Exit codes, so CI can tell a finding from a failure: 0 — no change of the `--fail-on`
//! severity (or no `--fail-on`); 1 — breaking changes found with `--fail-on breaking`; 2 — the
//! command could not compare (unknown month, wrong order, a spec that does not build, bad
//! arguments: clap exits 2 too).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::diff::Report;
use codegen::registry::Registry;

/// What a comparison found, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing `--fail-on` asked about.
    Clean,
    /// This many breaking changes, with `--fail-on breaking`.
    Breaking(usize),
}

/// Exit code 1: the comparison worked and found what `--fail-on` names.
pub const FOUND: u8 = 1;
/// Exit code 2: the comparison could not be made.
pub const INPUT_ERROR: u8 = 2;

impl Verdict {
    /// Prints what failed, and the exit code for it.
    pub fn exit(result: Result<Verdict, String>) -> ExitCode {
        match result {
            Ok(Verdict::Clean) => ExitCode::SUCCESS,
            Ok(Verdict::Breaking(n)) => {
                eprintln!("error: {n} breaking change(s) found (`--fail-on breaking`)");
                ExitCode::from(FOUND)
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(INPUT_ERROR)
            }
        }
    }
}

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

/// What to compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pair {
    /// Two registered months, with their change notes.
    Months(String, String),
    /// Two self-contained spec files.
    Files(PathBuf, PathBuf),
    /// A candidate change file against the spec it would follow.
    Candidate(PathBuf),
    /// Not enough arguments (clap refuses this before; kept as an input error, not a panic).
    Incomplete,
}

pub fn run(
    root: &Path,
    pair: Pair,
    format: Format,
    fail_on: Option<FailOn>,
) -> Result<Verdict, String> {
    let report = match pair {
        Pair::Months(from, to) => months(root, &from, &to)?,
        Pair::Files(old, new) => files(&old, &new)?,
        Pair::Candidate(overlay) => candidate(root, &overlay)?,
        Pair::Incomplete => return Err("give two months, or --old FILE --new FILE".to_owned()),
    };
    match format {
        Format::Markdown => print!("{}", report.to_markdown()),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        ),
    }
    let breaking = report.breaking();
    if fail_on == Some(FailOn::Breaking) && breaking > 0 {
        return Ok(Verdict::Breaking(breaking));
    }
    Ok(Verdict::Clean)
}

/// Two spec files, each loaded and built on its own; the report names them by path.
fn files(old: &Path, new: &Path) -> Result<Report, String> {
    let old_model = codegen::model(old).map_err(|e| e.to_string())?;
    let new_model = codegen::model(new).map_err(|e| e.to_string())?;
    let mut report = codegen::diff::diff(&old_model, &new_model);
    report.from = old.display().to_string();
    report.to = new.display().to_string();
    Ok(report)
}

/// A candidate change file, applied to the spec of the month before the one it claims.
fn candidate(root: &Path, overlay: &Path) -> Result<Report, String> {
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    codegen::candidate_report(root, &registry, overlay).map_err(|e| e.to_string())
}

/// Two registered months, with the change notes of the months in between.
fn months(root: &Path, from: &str, to: &str) -> Result<Report, String> {
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
    let mut report =
        codegen::change_report(root, &registry, from, to).map_err(|e| e.to_string())?;
    let rust = codegen::rust_api_view(root, &registry, from, to, report.breaking())
        .map_err(|e| e.to_string())?;
    report.rust_api = Some(rust);
    Ok(report)
}
