//! `cargo xtask new-version YYYYMM [--changes]`.

use std::path::Path;

use codegen::registry::{REGISTRY_PATH, Registry, is_month};
use codegen::source::overlay_path;

pub fn run(root: &Path, month: &str, changes: bool) -> Result<(), String> {
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    let latest = registry.latest();
    if !is_month(month) {
        return Err(format!("`{month}` is not a YYYYMM month"));
    }
    if month <= latest.version.as_str() {
        return Err(format!(
            "`{month}` is not after the newest listed month, {}",
            latest.version
        ));
    }
    let overlay = root.join(overlay_path(month));
    if changes && overlay.exists() {
        return Err(format!("{} already exists", overlay.display()));
    }
    let (year, mm) = (&month[..4], &month[4..]);
    let next_year: u32 = year.parse::<u32>().map_err(|e| e.to_string())? + 1;
    let entry = format!(
        "  - version: \"{month}\"\n    released: \"{year}-{mm}\"\n    sunset: \"{next_year}-{mm}-15\"\n    sunset_estimated: true\n"
    );
    let path = root.join(REGISTRY_PATH);
    let mut text =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {REGISTRY_PATH}: {e}"))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&entry);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {REGISTRY_PATH}: {e}"))?;
    println!("added {month} to {REGISTRY_PATH} (sunset estimated as {next_year}-{mm}-15)");
    if changes {
        std::fs::write(&overlay, empty_overlay(month))
            .map_err(|e| format!("cannot write {}: {e}", overlay.display()))?;
        println!(
            "started {}: add {month}'s actions and change notes, then run `cargo xtask codegen`",
            overlay_path(month).display()
        );
    } else {
        println!("{month} is governed by the {} spec", latest.spec);
    }
    crate::codegen::run(root, false)
}

/// A change file with no change yet: the month's spec is the previous one's, re-stamped.
fn empty_overlay(month: &str) -> String {
    format!(
        "# What LinkedIn changed in Linkedin-Version {month}, as an OpenAPI Overlay 1.0.0 applied to the\n\
         # spec of the month before. Hand-maintained; see spec/README.md.\n\
         overlay: 1.0.0\n\
         info:\n  title: 'LinkedIn REST API: what changed in {month}'\n  version: '{month}'\n\
         # Each change: what changed, where LinkedIn documents it, and `confidence: unverified`\n\
         # when the documentation does not confirm it.\n\
         x-linkedin-changes: []\n\
         # Each action: a JSONPath `target` and `update: {{…}}` (merge; append to an array) or\n\
         # `remove: true`. A target that selects nothing is an error.\n\
         actions: []\n"
    )
}
