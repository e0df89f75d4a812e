//! `cargo xtask new-version YYYYMM [--new-spec]`.

use std::path::Path;

use codegen::registry::{REGISTRY_PATH, Registry, spec_path};

pub fn run(root: &Path, month: &str, new_spec: bool) -> Result<(), String> {
    let registry = Registry::load(root).map_err(|e| e.to_string())?;
    let latest = registry.latest();
    if month.len() != 6
        || !month.bytes().all(|b| b.is_ascii_digit())
        || !("01"..="12").contains(&&month[4..])
    {
        return Err(format!("`{month}` is not a YYYYMM month"));
    }
    if month <= latest.version.as_str() {
        return Err(format!(
            "`{month}` is not after the newest listed month, {}",
            latest.version
        ));
    }
    let spec = if new_spec {
        let from = root.join(spec_path(&latest.spec));
        let to = root.join(spec_path(month));
        if to.exists() {
            return Err(format!("{} already exists", to.display()));
        }
        let text = std::fs::read_to_string(&from)
            .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let text = retitle(&text, &latest.spec, month)?;
        std::fs::create_dir_all(to.parent().unwrap_or(root)).map_err(|e| e.to_string())?;
        std::fs::write(&to, text).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        println!(
            "started {} from the {} spec: edit it to describe {month}",
            to.display(),
            latest.spec
        );
        month.to_owned()
    } else {
        latest.spec.clone()
    };
    let (year, mm) = (&month[..4], &month[4..]);
    let next_year: u32 = year.parse::<u32>().map_err(|e| e.to_string())? + 1;
    let entry = format!(
        "  - version: \"{month}\"\n    released: \"{year}-{mm}\"\n    sunset: \"{next_year}-{mm}-15\"\n    sunset_estimated: true\n    spec: \"{spec}\"\n"
    );
    let path = root.join(REGISTRY_PATH);
    let mut text =
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {REGISTRY_PATH}: {e}"))?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&entry);
    std::fs::write(&path, text).map_err(|e| format!("cannot write {REGISTRY_PATH}: {e}"))?;
    println!(
        "added {month} to {REGISTRY_PATH}, governed by the {spec} spec (sunset estimated as {next_year}-{mm}-15)"
    );
    crate::codegen::run(root, false)
}

/// The copied spec's `info.version`, title and `Linkedin-Version` example name the new month,
/// and its change list starts empty.
fn retitle(text: &str, from: &str, to: &str) -> Result<String, String> {
    let version_line = format!("  version: \"{from}\"");
    if !text.contains(&version_line) {
        return Err(format!(
            "the {from} spec has no `{}` line to update",
            version_line.trim()
        ));
    }
    let mut out = text.replacen(&version_line, &format!("  version: \"{to}\""), 1);
    out = out.replacen(
        &format!("(Linkedin-Version {from})"),
        &format!("(Linkedin-Version {to})"),
        1,
    );
    out = out.replacen(
        &format!("      example: \"{from}\""),
        &format!("      example: \"{to}\""),
        1,
    );
    if let (Some(start), Some(end)) = (out.find("  x-linkedin-changes:"), out.find("externalDocs:"))
        && start < end
    {
        out.replace_range(start..end, "  x-linkedin-changes: []\n");
    }
    Ok(out)
}
