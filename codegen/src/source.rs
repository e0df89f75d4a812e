//! The hand-written spec source, and the spec of each governing month materialized from it.
//!
//! Every fact about LinkedIn's API is written once:
//!
//! - `spec/source/openapi.yaml`, the base: the API as of the registry's first month;
//! - `spec/source/YYYYMM.overlay.yaml`, one OpenAPI Overlay per month that changed something
//!   the spec covers: just that month's changes, with their sources ([`crate::overlay`]).
//!
//! A month with a change file governs itself; any other month is governed by the latest earlier
//! month that has one (or the first month). The spec of a governing month is the base with every
//! change file up to that month applied in order, then stamped with the month (`info.version`,
//! title, its change notes, the `Linkedin-Version` example). It is written, `@generated`, to
//! `spec/YYYYMM/openapi.yaml` for Prism, Redocly and readers; the generator reads it from memory.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::diag::{Error, Ptr, Result};
use crate::overlay::Overlay;

/// Where the hand-written source lives, relative to the workspace root.
pub const SOURCE_DIR: &str = "spec/source";

/// The base document, relative to the workspace root.
pub const BASE_PATH: &str = "spec/source/openapi.yaml";

const OVERLAY_SUFFIX: &str = ".overlay.yaml";

/// `spec/source/YYYYMM.overlay.yaml`.
pub fn overlay_path(month: &str) -> PathBuf {
    PathBuf::from(SOURCE_DIR).join(format!("{month}{OVERLAY_SUFFIX}"))
}

/// The months that have a change file under `root`, oldest first. Any other file in the source
/// folder is an error: a misnamed change file must not be silently ignored.
pub fn changed_months(root: &Path) -> Result<Vec<String>> {
    let dir = root.join(SOURCE_DIR);
    let entries = std::fs::read_dir(&dir).map_err(|e| Error {
        file: PathBuf::from(SOURCE_DIR),
        pointer: "#".to_owned(),
        message: format!("cannot list the spec source folder: {e}"),
    })?;
    let mut months = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error {
            file: PathBuf::from(SOURCE_DIR),
            pointer: "#".to_owned(),
            message: format!("cannot list the spec source folder: {e}"),
        })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == "openapi.yaml" {
            continue;
        }
        match name.strip_suffix(OVERLAY_SUFFIX) {
            Some(month) if crate::registry::is_month(month) => months.push(month.to_owned()),
            _ => {
                return Err(Error {
                    file: PathBuf::from(SOURCE_DIR).join(&name),
                    pointer: "#".to_owned(),
                    message: format!(
                        "unexpected file in {SOURCE_DIR}: it holds `openapi.yaml` and `YYYYMM{OVERLAY_SUFFIX}` change files only"
                    ),
                });
            }
        }
    }
    months.sort();
    Ok(months)
}

/// The base document and every change file, loaded and validated.
#[derive(Debug, Clone)]
pub struct Source {
    base: Value,
    first_month: String,
    overlays: Vec<Overlay>,
}

/// One governing month's spec, materialized.
#[derive(Debug, Clone)]
pub struct Materialized {
    /// The governing month.
    pub month: String,
    /// The months it governs (for the header).
    pub governs: Vec<String>,
    /// The whole OpenAPI document.
    pub doc: Value,
    /// Which change file (and action) last wrote each pointer.
    touched: Vec<(String, String, usize)>,
}

impl Source {
    /// Loads `spec/source/` under `root` for `registry`.
    pub fn load(root: &Path, registry: &crate::registry::Registry) -> Result<Source> {
        let base_path = Path::new(BASE_PATH);
        let text = crate::load::read(&root.join(base_path)).map_err(|e| Error {
            file: base_path.to_path_buf(),
            ..e
        })?;
        let base = crate::load::parse_yaml(&text).map_err(|m| Ptr::root(base_path).error(m))?;
        let mut overlays = Vec::new();
        for month in registry.specs().into_iter().skip(1) {
            let rel = overlay_path(month);
            let text = crate::load::read(&root.join(&rel)).map_err(|e| Error {
                file: rel.clone(),
                ..e
            })?;
            overlays.push(Overlay::parse(&rel, month, &text)?);
        }
        Ok(Source {
            base,
            first_month: registry.versions[0].version.clone(),
            overlays,
        })
    }

    /// The change file of `month`, if it has one.
    pub fn overlay(&self, month: &str) -> Option<&Overlay> {
        self.overlays.iter().find(|o| o.month == month)
    }

    /// The spec of governing month `month`: the base and every change file up to it.
    pub fn materialize(&self, month: &str, governs: Vec<String>) -> Result<Materialized> {
        let mut doc = self.base.clone();
        let mut touched = Vec::new();
        for overlay in self.overlays.iter().filter(|o| o.month.as_str() <= month) {
            let mut mine = Vec::new();
            overlay.apply(&mut doc, &mut mine)?;
            let file = overlay.file.to_string_lossy().replace('\\', "/");
            touched.extend(mine.into_iter().map(|(p, i)| (p, file.clone(), i)));
        }
        let notes = match self.overlay(month) {
            Some(o) => Some(&o.changes),
            None if month == self.first_month => None,
            None => {
                return Err(Error {
                    file: overlay_path(month),
                    pointer: "#".to_owned(),
                    message: format!("{month} governs months but has no change file"),
                });
            }
        };
        stamp(&mut doc, month, notes)?;
        Ok(Materialized {
            month: month.to_owned(),
            governs,
            doc,
            touched,
        })
    }
}

/// Writes what only the month decides: title, version, change notes, the version header example.
fn stamp(
    doc: &mut Value,
    month: &str,
    notes: Option<&Vec<crate::overlay::ChangeNote>>,
) -> Result<()> {
    let base = Ptr::root(Path::new(BASE_PATH));
    let Some(info) = doc.get_mut("info").and_then(Value::as_object_mut) else {
        return base.at("info").fail("the base spec has no `info` object");
    };
    info.insert(
        "title".to_owned(),
        Value::String(format!("LinkedIn REST API (Linkedin-Version {month})")),
    );
    info.insert("version".to_owned(), Value::String(month.to_owned()));
    if let Some(notes) = notes {
        let list = notes
            .iter()
            .map(|n| {
                serde_json::json!({
                    "version": month,
                    "change": n.change,
                    "source": n.source,
                    "confidence": n.confidence.as_str(),
                })
            })
            .collect();
        info.insert("x-linkedin-changes".to_owned(), Value::Array(list));
    }
    match doc.pointer_mut("/components/parameters/LinkedinVersion") {
        Some(Value::Object(p)) => {
            p.insert("example".to_owned(), Value::String(month.to_owned()));
            Ok(())
        }
        _ => base
            .at("components")
            .at("parameters")
            .at("LinkedinVersion")
            .fail("the base spec has no `LinkedinVersion` header parameter"),
    }
}

impl Materialized {
    /// Where it is written, relative to the workspace root.
    pub fn path(&self) -> PathBuf {
        crate::registry::spec_path(&self.month)
    }

    /// The file's text: canonical YAML under an `@generated` header.
    pub fn to_yaml(&self, changed: &[String]) -> Result<String> {
        let sources: Vec<String> = changed
            .iter()
            .filter(|m| m.as_str() <= self.month.as_str())
            .map(|m| overlay_path(m).to_string_lossy().replace('\\', "/"))
            .collect();
        let header = format!(
            "@generated by `cargo xtask codegen` from {BASE_PATH}{}{}. Do not edit by hand.\n\n\
             LinkedIn's REST API under Linkedin-Version {}: the spec of {}.",
            if sources.is_empty() { "" } else { " and " },
            sources.join(", "),
            self.month,
            self.governs.join(", ")
        );
        crate::load::to_yaml(&header, &self.doc).map_err(|message| Error {
            file: self.path(),
            pointer: "#".to_owned(),
            message,
        })
    }

    /// The typed document, for the build stage.
    pub fn spec(&self) -> Result<crate::load::Spec> {
        crate::load::load_value(&self.path(), self.doc.clone()).map_err(|e| self.explain(e))
    }

    /// Adds to an error in this spec which source file wrote the node it points at.
    pub fn explain(&self, mut error: Error) -> Error {
        if error.file != self.path() {
            return error;
        }
        let pointer = error.pointer.trim_start_matches('#');
        match crate::overlay::origin(&self.touched, pointer) {
            Some((_, file, action)) => {
                error.message = format!("{} (written by {file}, action {action})", error.message);
            }
            None => error.message = format!("{} (from {BASE_PATH})", error.message),
        }
        error
    }
}
