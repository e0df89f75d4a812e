//! `cargo xtask bench` — the runtime benchmarks (`linkedin-api/benches/runtime.rs`, criterion),
//! then a table of each figure against the baseline it is judged by, measured in the same run.
//!
//! Ratios, not times, are the result: they hold across machines, and a target ("decode ≤ 1.2×
//! hand-written serde") is a ratio. Not part of `cargo xtask test`: timings belong in
//! benchmarks, never in tests.

use std::path::Path;
use std::process::Command;

/// One comparison: a measured benchmark, its baseline, and the target ratio.
struct Ratio {
    what: &'static str,
    measured: &'static str,
    baseline: &'static str,
    target: f64,
}

const RATIOS: &[Ratio] = &[
    Ratio {
        what: "decode a 100-post page through the client vs hand-written serde structs",
        measured: "decode/client",
        baseline: "decode/hand_written",
        target: 1.2,
    },
    Ratio {
        what: "the same generated types through plain serde_json vs hand-written structs",
        measured: "decode/serde_generated",
        baseline: "decode/hand_written",
        target: 1.2,
    },
    Ratio {
        what: "build a finder's request and query string vs hand `format!`",
        measured: "request/generated",
        baseline: "request/hand_format",
        target: 2.0,
    },
];

pub fn run(root: &Path, quick: bool) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut cmd = Command::new(cargo);
    cmd.args(["bench", "-p", "linkedin-rest", "--bench", "runtime", "--"])
        .current_dir(root);
    if quick {
        cmd.arg("--quick");
    }
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err(format!("cargo bench failed ({status})"));
    }
    let criterion = root.join("target/criterion");
    println!();
    println!("| figure | measured | baseline | ratio | target |");
    println!("|---|---|---|---|---|");
    let mut missed = Vec::new();
    for r in RATIOS {
        let measured = median_ns(&criterion, r.measured)?;
        let baseline = median_ns(&criterion, r.baseline)?;
        let ratio = measured / baseline;
        let met = if ratio <= r.target { "met" } else { "missed" };
        println!(
            "| {} | {} | {} | {ratio:.2}× | ≤ {:.1}× ({met}) |",
            r.what,
            human(measured),
            human(baseline),
            r.target
        );
        if ratio > r.target {
            missed.push(r.what);
        }
    }
    if !missed.is_empty() {
        println!("\n{} target(s) missed: {}", missed.len(), missed.join("; "));
    }
    Ok(())
}

/// The median time of one benchmark (`group/name`), in nanoseconds, from criterion's estimates.
fn median_ns(criterion: &Path, id: &str) -> Result<f64, String> {
    let path = criterion.join(id).join("new/estimates.json");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (did the benchmark run?)", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    value["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{}: no median.point_estimate", path.display()))
}

fn human(ns: f64) -> String {
    if ns >= 1_000_000.0 {
        format!("{:.2} ms", ns / 1_000_000.0)
    } else if ns >= 1_000.0 {
        format!("{:.1} µs", ns / 1_000.0)
    } else {
        format!("{ns:.0} ns")
    }
}
