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
        let mut spec = Materialized {
            month: month.to_owned(),
            governs,
            doc,
            touched,
        };
        let mut since = Vec::new();
        collect_since(&spec.doc, String::new(), &mut since);
        let mut earlier_docs: std::collections::BTreeMap<String, Value> = Default::default();
        for (pointer, value) in since {
            let earlier = value.as_str().and_then(|m| self.governing_before(m));
            if let Some(e) = &earlier
                && !earlier_docs.contains_key(e)
            {
                earlier_docs.insert(e.clone(), self.materialize_plain(e)?);
            }
            let before = earlier
                .as_deref()
                .and_then(|e| earlier_docs.get(e).map(|d| (e, d)));
            check_since(&spec, &pointer, &value, before).map_err(|e| spec.explain(e))?;
            document_since(&mut spec.doc, &pointer, &value, &self.first_month);
        }
        Ok(spec)
    }

    /// The document of `month` without stamps or checks (to look back in time).
    fn materialize_plain(&self, month: &str) -> Result<Value> {
        let mut doc = self.base.clone();
        for overlay in self.overlays.iter().filter(|o| o.month.as_str() <= month) {
            overlay.apply(&mut doc, &mut Vec::new())?;
        }
        Ok(doc)
    }

    /// The governing month in force just before `month`, if `month` is after the first.
    fn governing_before(&self, month: &str) -> Option<String> {
        if month <= self.first_month.as_str() {
            return None;
        }
        let earlier = self
            .overlays
            .iter()
            .map(|o| o.month.as_str())
            .rfind(|m| *m < month)
            .unwrap_or(&self.first_month);
        Some(earlier.to_owned())
    }
}

/// Every object carrying `x-linkedin-since` or `x-linkedin-enum-since`: its pointer, and the
/// `x-linkedin-since` value (`null` when it has only the other).
fn collect_since(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            if map.contains_key("x-linkedin-since") || map.contains_key("x-linkedin-enum-since") {
                let since = map.get("x-linkedin-since").cloned().unwrap_or(Value::Null);
                out.push((pointer.clone(), since));
            }
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                collect_since(v, format!("{pointer}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_since(v, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `x-linkedin-since` is a `YYYYMM` month no later than the spec's, and the element it marks did
/// not exist in the spec before that month: a date that contradicts the change files is an error.
/// `x-linkedin-enum-since` maps values of the sibling `enum` to such months.
fn check_since(
    spec: &Materialized,
    pointer: &str,
    value: &Value,
    earlier: Option<(&str, &Value)>,
) -> Result<()> {
    let at = Error {
        file: spec.path(),
        pointer: format!("#{pointer}/x-linkedin-since"),
        message: String::new(),
    };
    let fail = |message: String| {
        Err(Error {
            message,
            ..at.clone()
        })
    };
    if !value.is_null() {
        let Some(month) = value.as_str().filter(|m| crate::registry::is_month(m)) else {
            return fail(format!("`{value}` is not a YYYYMM month"));
        };
        if month > spec.month.as_str() {
            return fail(format!(
                "{month} is after this spec's month, {}",
                spec.month
            ));
        }
        if let Some((earlier, before)) = earlier
            && before.pointer(pointer).is_some()
        {
            return fail(format!(
                "says {month}, but the element is already in the {earlier} spec: move it to {month}'s change file or correct the month"
            ));
        }
    }
    let Some(node) = spec.doc.pointer(pointer) else {
        return Ok(());
    };
    if let Some(map) = node.get("x-linkedin-enum-since") {
        let here = format!("#{pointer}/x-linkedin-enum-since");
        let Some(map) = map.as_object() else {
            return Err(Error {
                pointer: here,
                message: "must map enum values to months".to_owned(),
                ..at
            });
        };
        let values = node
            .get("enum")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (k, v) in map {
            if !values.iter().any(|e| e.as_str() == Some(k)) {
                return Err(Error {
                    pointer: here,
                    message: format!("`{k}` is not a value of this enum"),
                    ..at
                });
            }
            if !v
                .as_str()
                .is_some_and(|m| crate::registry::is_month(m) && m <= spec.month.as_str())
            {
                return Err(Error {
                    pointer: here,
                    message: format!("`{v}` is not a YYYYMM month up to {}", spec.month),
                    ..at
                });
            }
        }
    }
    Ok(())
}

/// Says in the element's description since when it exists, so readers of the spec and of the
/// generated docs see it (the first month's elements existed before it: nothing to say).
fn document_since(doc: &mut Value, pointer: &str, month: &Value, first_month: &str) {
    let Some(month) = month.as_str() else { return };
    if month <= first_month {
        return;
    }
    let Some(Value::Object(node)) = doc.pointer_mut(pointer) else {
        return;
    };
    let note = format!("Since Linkedin-Version {month}.");
    let text = match node.get("description").and_then(Value::as_str) {
        Some(d) if d.contains(&note) => return,
        Some(d) if d.ends_with('\n') => format!("{d}\n{note}\n"),
        Some(d) => format!("{d} {note}"),
        None => note,
    };
    node.insert("description".to_owned(), Value::String(text));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(base_extra: &str, overlay_actions: &str) -> Source {
        let base = crate::load::parse_yaml(&format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '202401'}}\npaths: {{}}\ncomponents:\n  parameters:\n    LinkedinVersion: {{name: Linkedin-Version, in: header, schema: {{type: string}}}}\n  schemas:\n    Post:\n      type: object\n      properties:\n        id: {{type: string{base_extra}}}\n"
        ))
        .unwrap();
        let overlay = Overlay::parse(
            Path::new("spec/source/202408.overlay.yaml"),
            "202408",
            &format!(
                "overlay: 1.0.0\ninfo: {{title: t, version: '202408'}}\nactions:\n{overlay_actions}"
            ),
        )
        .unwrap();
        Source {
            base,
            first_month: "202401".to_owned(),
            overlays: vec![overlay],
        }
    }

    const ADD_ORIGIN: &str = "  - target: $.components.schemas.Post.properties\n    update: {origin: {type: string, description: Where it came from., x-linkedin-since: '202408'}}\n";

    #[test]
    fn since_is_checked_against_the_change_files_and_documented() {
        let spec = source("", ADD_ORIGIN)
            .materialize("202408", vec!["202408".to_owned()])
            .unwrap();
        assert_eq!(
            spec.doc["components"]["schemas"]["Post"]["properties"]["origin"]["description"],
            "Where it came from. Since Linkedin-Version 202408."
        );
        assert_eq!(spec.doc["info"]["version"], "202408");
        assert_eq!(
            spec.doc["components"]["parameters"]["LinkedinVersion"]["example"],
            "202408"
        );
    }

    #[test]
    fn a_since_that_contradicts_the_change_files_is_an_error() {
        let cases = [
            (", x-linkedin-since: banana", "is not a YYYYMM month"),
            (", x-linkedin-since: '202408'", "already in the 202401 spec"),
            (
                ", enum: [A], x-linkedin-enum-since: {B: '202401'}",
                "`B` is not a value of this enum",
            ),
            (
                ", enum: [A], x-linkedin-enum-since: {A: '209901'}",
                "is not a YYYYMM month up to 202408",
            ),
        ];
        for (extra, words) in cases {
            let e = source(extra, ADD_ORIGIN)
                .materialize("202408", vec!["202408".to_owned()])
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with("spec/202408/openapi.yaml: #/components/schemas/Post/properties/id/")
                    && e.contains(words)
                    && e.contains(BASE_PATH),
                "{words}: {e}"
            );
        }
    }
}
