//! `cargo xtask codegen [--check]`: a thin front to `codegen::outputs`, which the freshness
//! test (`codegen/tests/generated_fresh.rs`) calls too.

use std::path::Path;
use std::time::Instant;

pub fn run(root: &Path, check: bool) -> Result<(), String> {
    let started = Instant::now();
    if check {
        let (stale, summary) = codegen::outputs::check(root).map_err(|e| e.to_string())?;
        if !stale.is_empty() {
            let list: Vec<String> = stale.iter().map(|s| format!("  {s}")).collect();
            return Err(format!(
                "the generated code is stale; run `cargo xtask codegen` and commit the result:\n{}",
                list.join("\n")
            ));
        }
        println!(
            "generated code is fresh ({} files, {} specs, {} months)",
            summary.files, summary.specs, summary.months
        );
        return Ok(());
    }
    let summary = codegen::outputs::write(root).map_err(|e| e.to_string())?;
    println!(
        "generated {} files ({} lines) from {} specs for {} months in {:.0?}; {} changed",
        summary.files,
        summary.lines,
        summary.specs,
        summary.months,
        started.elapsed(),
        summary.written
    );
    Ok(())
}
