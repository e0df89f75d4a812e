//! `cargo xtask mutants` — mutation testing of the hand-written runtime with cargo-mutants.
//!
//! A test suite that passes says little about whether it would notice a bug; cargo-mutants
//! changes the code (an `||` to `&&`, a function body to `Default::default()`, …) and checks that
//! some test fails. It is slow (one incremental build and test run per mutant), so it is not part
//! of `cargo xtask test`. The tool is installed on first use, at a pinned version, into
//! `target/tools` (no global install, no change between runs).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The cargo-mutants release this command is written against.
const VERSION: &str = "27.1.0";

/// The runtime modules under test and their files (relative to the workspace root).
pub const MODULES: &[(&str, &[&str])] = &[
    ("restli", &["linkedin-api/src/restli/*.rs"]),
    ("retry", &["linkedin-api/src/retry.rs"]),
    ("paging", &["linkedin-api/src/paging.rs"]),
    ("client", &["linkedin-api/src/client.rs"]),
    ("auth", &["linkedin-api/src/auth/*.rs"]),
];

/// Runs cargo-mutants over `modules` (all of [`MODULES`] when empty) and fails when fewer than
/// `min_score` percent of the viable mutants are caught.
pub fn run(
    root: &Path,
    modules: &[String],
    min_score: f64,
    extra: &[String],
) -> Result<(), String> {
    let selected: Vec<&(&str, &[&str])> = if modules.is_empty() {
        MODULES.iter().collect()
    } else {
        modules
            .iter()
            .map(|m| {
                MODULES.iter().find(|(name, _)| name == m).ok_or_else(|| {
                    let known: Vec<&str> = MODULES.iter().map(|(n, _)| *n).collect();
                    format!("unknown module `{m}`; known: {}", known.join(", "))
                })
            })
            .collect::<Result<_, _>>()?
    };
    let tool = ensure_installed(root)?;
    let output = root.join("target").join("mutants");
    let mut cmd = Command::new(&tool);
    cmd.arg("mutants")
        .args(["--package", "linkedin-rest"])
        .arg("--output")
        .arg(&output)
        .arg("--no-shuffle")
        // The targets `cargo xtask test` runs (unit and integration tests, not doc tests, which
        // would compile ~20 snippets per mutant).
        .arg("--cargo-test-arg=--all-targets")
        .current_dir(root);
    for (_, files) in &selected {
        for file in *files {
            cmd.args(["--file", file]);
        }
    }
    cmd.args(extra);
    let names: Vec<&str> = selected.iter().map(|(n, _)| *n).collect();
    println!("==> cargo-mutants {VERSION} over {}", names.join(", "));
    let started = Instant::now();
    let shown = format!("{cmd:?}");
    // cargo-mutants exits non-zero when a mutant survives; the score below is the verdict.
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    let outcomes = output.join("mutants.out").join("outcomes.json");
    let score = Score::read(&outcomes)?;
    println!(
        "--> {} mutants in {:.0?}: {} caught, {} missed, {} timeouts, {} unviable; {:.1} % of viable \
         mutants caught (cargo-mutants exit: {status}; details in {})",
        score.total(),
        started.elapsed(),
        score.caught,
        score.missed,
        score.timeout,
        score.unviable,
        score.percent(),
        output.join("mutants.out").display()
    );
    if score.percent() < min_score {
        return Err(format!(
            "{:.1} % of viable mutants caught, below {min_score} % (see missed.txt)",
            score.percent()
        ));
    }
    Ok(())
}

/// Installs the pinned cargo-mutants into `target/tools` unless it is already there.
fn ensure_installed(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target").join("tools");
    let bin = tools
        .join("bin")
        .join(format!("cargo-mutants{}", std::env::consts::EXE_SUFFIX));
    if installed_version(&bin).as_deref() == Some(VERSION) {
        return Ok(bin);
    }
    println!(
        "==> installing cargo-mutants {VERSION} into {}",
        tools.display()
    );
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["install", "--locked", "--root"])
        .arg(&tools)
        .arg(format!("cargo-mutants@{VERSION}"))
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo install cargo-mutants@{VERSION} failed ({status})"
        ));
    }
    Ok(bin)
}

/// The version `bin mutants --version` reports (`cargo-mutants 27.1.0`), if it runs.
fn installed_version(bin: &Path) -> Option<String> {
    let out = Command::new(bin)
        .args(["mutants", "--version"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    text.split_whitespace().nth(1).map(str::to_owned)
}

/// The counts of one run, from cargo-mutants' `outcomes.json`.
#[derive(Debug, Default, PartialEq)]
struct Score {
    caught: u64,
    missed: u64,
    timeout: u64,
    unviable: u64,
}

impl Score {
    fn read(path: &Path) -> Result<Score, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Score::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Counts the per-mutant summaries (the baseline, which is not a mutant, is skipped).
    fn parse(text: &str) -> Result<Score, String> {
        let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let outcomes = json
            .get("outcomes")
            .and_then(|o| o.as_array())
            .ok_or("no `outcomes` list")?;
        let mut score = Score::default();
        for outcome in outcomes {
            match outcome.get("summary").and_then(|s| s.as_str()) {
                Some("CaughtMutant") => score.caught += 1,
                Some("MissedMutant") => score.missed += 1,
                Some("Timeout") => score.timeout += 1,
                Some("Unviable") => score.unviable += 1,
                _ => {}
            }
        }
        Ok(score)
    }

    fn total(&self) -> u64 {
        self.caught + self.missed + self.timeout + self.unviable
    }

    /// Caught (a timeout counts as caught: the mutant made the tests hang, which CI would see)
    /// over viable mutants.
    fn percent(&self) -> f64 {
        let viable = self.caught + self.missed + self.timeout;
        if viable == 0 {
            return 100.0;
        }
        (self.caught + self.timeout) as f64 * 100.0 / viable as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_viable_mutants_only() {
        let text = r#"{"outcomes": [
            {"scenario": "Baseline", "summary": "Success"},
            {"summary": "CaughtMutant"}, {"summary": "CaughtMutant"}, {"summary": "CaughtMutant"},
            {"summary": "MissedMutant"}, {"summary": "Unviable"}, {"summary": "Timeout"}
        ]}"#;
        let score = Score::parse(text).unwrap();
        assert_eq!(
            score,
            Score {
                caught: 3,
                missed: 1,
                timeout: 1,
                unviable: 1
            }
        );
        assert_eq!(score.total(), 6);
        assert!((score.percent() - 80.0).abs() < 1e-9);
        assert!(Score::parse("{}").is_err());
    }
}
