//! The linkedin-api code generator: LinkedIn OpenAPI specs in, typed Rust bindings out.
//!
//! The pipeline has one module per stage, and data flows one way:
//!
//! 0. [`source`] — the hand-written base spec and one [`overlay`] per month that changed,
//!    materialized into each governing month's spec (written to `spec/YYYYMM/openapi.yaml`);
//! 1. [`load`] — YAML text to an `openapiv3` document (the only place YAML is read or written);
//! 2. [`build`] — resolve and validate the document into the intermediate model ([`ir`]), with
//!    every naming ([`naming`]), optionality and placement decision taken there, and the
//!    Rest.li protocol's facts in one table ([`protocol`]);
//! 3. [`emit`] — the model to `quote!` tokens, a `syn::File`, and `prettyplease` text;
//! 4. [`write`] — put the files on disk, or report which are stale; [`outputs`] does it for
//!    everything the generator owns (specs, bindings, features block, `spec/CHANGES.md`).
//!
//! [`surface`] lists the public Rust API of a generated spec module, for the version-pair
//! snapshots that show how the API changes from one month to the next.
//!
//! The output depends only on the specs: no clock, no environment, no hash-map order, so the same
//! specs give the same bytes. Errors on spec input are [`diag::Error`]s naming the file and JSON
//! pointer; the generator never panics on a spec.

pub mod build;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod load;
pub mod naming;
pub mod outputs;
pub mod overlay;
pub mod protocol;
pub mod registry;
pub mod source;
pub mod surface;
pub mod tools;
pub mod write;

use std::path::{Path, PathBuf};

/// Loads and builds the model of one self-contained spec file.
pub fn model(path: &Path) -> diag::Result<ir::Api> {
    let spec = load::load_file(path)?;
    build::build(&spec)
}

/// The model of a materialized spec; errors name the source file that wrote the offending node.
pub fn model_of(spec: &source::Materialized) -> diag::Result<ir::Api> {
    build::build(&spec.spec()?).map_err(|e| spec.explain(e))
}

/// Every governing month's spec, materialized from `spec/source/` under `workspace_root`.
pub fn materialize(
    workspace_root: &Path,
    registry: &registry::Registry,
) -> diag::Result<Vec<source::Materialized>> {
    let source = source::Source::load(workspace_root, registry)?;
    registry
        .specs()
        .into_iter()
        .map(|spec| {
            let governs = registry.governed(spec);
            source.materialize(spec, governs)
        })
        .collect()
}

/// The materialized specs' files: path (relative to the workspace root) and text.
pub fn spec_files(
    registry: &registry::Registry,
    specs: &[source::Materialized],
) -> diag::Result<Vec<(PathBuf, String)>> {
    let changed: Vec<String> = registry
        .specs()
        .into_iter()
        .skip(1)
        .map(str::to_owned)
        .collect();
    specs
        .iter()
        .map(|s| Ok((s.path(), s.to_yaml(&changed)?)))
        .collect()
}

/// Generates every file of `linkedin-api/src/generated/` from the registry and its specs under
/// `workspace_root`.
pub fn generate(
    workspace_root: &Path,
    registry: &registry::Registry,
) -> diag::Result<Vec<emit::File>> {
    let materialized = materialize(workspace_root, registry)?;
    generate_from(registry, &materialized)
}

/// Generates every file of `linkedin-api/src/generated/` from already materialized specs.
pub fn generate_from(
    registry: &registry::Registry,
    materialized: &[source::Materialized],
) -> diag::Result<Vec<emit::File>> {
    let specs = registry.specs();
    let models = materialized
        .iter()
        .map(model_of)
        .collect::<diag::Result<Vec<_>>>()?;
    for (spec, api) in specs.iter().zip(&models) {
        if api.version != *spec {
            return Err(diag::Error {
                file: registry::spec_path(spec),
                pointer: "#/info/version".to_owned(),
                message: format!(
                    "`{}` should be `{spec}`, the folder the spec is in",
                    api.version
                ),
            });
        }
    }
    let inputs: Vec<emit::Version<'_>> = specs
        .iter()
        .zip(&models)
        .map(|(spec, api)| emit::Version {
            module: format!("s{spec}"),
            api,
            spec_path: registry::spec_path(spec)
                .to_string_lossy()
                .replace('\\', "/"),
            months: registry.months_of(spec).cloned().collect(),
        })
        .collect();
    emit::emit(&inputs, &registry.as_of).map_err(|message| diag::Error {
        file: PathBuf::from("linkedin-api/src/generated"),
        pointer: "#".to_owned(),
        message,
    })
}

/// Generates the files of one spec on its own, as the only month `version` of a registry: for
/// fixtures and for looking at what a spec becomes.
pub fn generate_one(spec: &Path, version: &str) -> diag::Result<Vec<emit::File>> {
    let api = model(spec)?;
    let month = registry::Month {
        version: version.to_owned(),
        released: format!(
            "{}-{}",
            &version[..4.min(version.len())],
            &version[4.min(version.len())..]
        ),
        sunset: "9999-12-31".to_owned(),
        sunset_estimated: false,
        spec: version.to_owned(),
    };
    let input = emit::Version {
        module: format!("s{version}"),
        api: &api,
        spec_path: spec.to_string_lossy().replace('\\', "/"),
        months: vec![month],
    };
    emit::emit(&[input], "0000-01-01").map_err(|message| diag::Error {
        file: spec.to_path_buf(),
        pointer: "#".to_owned(),
        message,
    })
}

/// The change report between two months: their governing specs' models, compared.
pub fn change_report(
    workspace_root: &Path,
    registry: &registry::Registry,
    from: &str,
    to: &str,
) -> diag::Result<diff::Report> {
    let source = source::Source::load(workspace_root, registry)?;
    let models = Models::of(
        &source,
        registry,
        &[spec_of(registry, from)?, spec_of(registry, to)?],
    )?;
    models.report(registry, from, to)
}

/// The change report of a candidate change file: the spec it would follow (that of the newest
/// registered month before the file's `info.version`) against the same spec with the file's
/// actions applied, its change notes attributed. Lets a maintainer review next month's overlay
/// before registering the month.
pub fn candidate_report(
    workspace_root: &Path,
    registry: &registry::Registry,
    overlay_file: &Path,
) -> diag::Result<diff::Report> {
    let text = load::read(overlay_file)?;
    let month = overlay::Overlay::claimed_month(overlay_file, &text)?;
    let before = registry
        .versions
        .iter()
        .rev()
        .find(|m| m.version < month)
        .ok_or_else(|| diag::Error {
            file: overlay_file.to_path_buf(),
            pointer: "#/info/version".to_owned(),
            message: format!(
                "`{month}` is not after any registered month (the first is {})",
                registry.versions[0].version
            ),
        })?;
    let candidate = overlay::Overlay::parse(overlay_file, &month, &text)?;
    let source = source::Source::load(workspace_root, registry)?;
    let governs = registry.governed(&before.spec);
    let old = source.materialize(&before.spec, governs)?;
    let mut doc = old.doc.clone();
    candidate.apply(&mut doc, &mut Vec::new())?;
    let new_spec = load::load_value(overlay_file, doc)?;
    let mut report = diff::diff(&model_of(&old)?, &build::build(&new_spec)?);
    report.from = before.version.clone();
    report.to = format!("{month} (candidate {})", overlay_file.display());
    let notes: Vec<(String, overlay::ChangeNote)> = candidate
        .changes
        .iter()
        .map(|n| (month.clone(), n.clone()))
        .collect();
    report.attribute(&notes);
    Ok(report)
}

/// The Rust-level view of a month pair: the public API listings of the two months' spec
/// modules, as generated now from the specs, compared; `spec_breaking` is the spec-level
/// verdict it is set beside.
pub fn rust_api_view(
    workspace_root: &Path,
    registry: &registry::Registry,
    from: &str,
    to: &str,
    spec_breaking: usize,
) -> diag::Result<diff::RustApi> {
    let files = generate(workspace_root, registry)?;
    let listing = |month: &str| -> diag::Result<surface::Listing> {
        surface::Listing::of_module(&files, &format!("s{}", spec_of(registry, month)?))
    };
    Ok(diff::RustApi::between(
        &listing(from)?,
        &listing(to)?,
        spec_breaking,
    ))
}

/// The governing month of a listed month.
fn spec_of(registry: &registry::Registry, month: &str) -> diag::Result<String> {
    registry
        .versions
        .iter()
        .find(|m| m.version == month)
        .map(|m| m.spec.clone())
        .ok_or_else(|| diag::Error {
            file: PathBuf::from(registry::REGISTRY_PATH),
            pointer: "#/versions".to_owned(),
            message: format!("`{month}` is not a month listed in the registry"),
        })
}

/// The models of some governing months, each built once, with the source their change notes
/// come from: every report of `spec/CHANGES.md` compares two of them.
struct Models<'s> {
    source: &'s source::Source,
    models: std::collections::BTreeMap<String, ir::Api>,
}

impl<'s> Models<'s> {
    fn of(
        source: &'s source::Source,
        registry: &registry::Registry,
        specs: &[String],
    ) -> diag::Result<Models<'s>> {
        let mut models = std::collections::BTreeMap::new();
        for spec in specs {
            if !models.contains_key(spec) {
                let governs = registry.governed(spec);
                models.insert(spec.clone(), model_of(&source.materialize(spec, governs)?)?);
            }
        }
        Ok(Models { source, models })
    }

    fn report(
        &self,
        registry: &registry::Registry,
        from: &str,
        to: &str,
    ) -> diag::Result<diff::Report> {
        let (from_spec, to_spec) = (spec_of(registry, from)?, spec_of(registry, to)?);
        let model = |spec: &str| {
            self.models.get(spec).ok_or_else(|| diag::Error {
                file: PathBuf::from(registry::REGISTRY_PATH),
                pointer: "#/versions".to_owned(),
                message: format!("the {spec} spec was not built"),
            })
        };
        let mut report = diff::diff(model(&from_spec)?, model(&to_spec)?);
        report.from = from.to_owned();
        report.to = to.to_owned();
        // The notes of every change file after `from`'s spec, up to `to`'s.
        let notes: Vec<(String, overlay::ChangeNote)> = registry
            .specs()
            .into_iter()
            .filter(|m| *m > from_spec.as_str() && *m <= to_spec.as_str())
            .filter_map(|m| self.source.overlay(m))
            .flat_map(|o| o.changes.iter().map(|n| (o.month.clone(), n.clone())))
            .collect();
        report.attribute(&notes);
        Ok(report)
    }

    /// Every `affects` entry of a change note must name a subject that changed in its month: one
    /// that names nothing is stale or misspelt, and would silently mark nothing.
    fn check_change_notes(&self, registry: &registry::Registry) -> diag::Result<()> {
        let specs = registry.specs();
        for pair in specs.windows(2) {
            let (before, month) = (pair[0], pair[1]);
            let Some(overlay) = self.source.overlay(month) else {
                continue;
            };
            let report = self.report(registry, before, month)?;
            for (i, note) in overlay.changes.iter().enumerate() {
                for (j, affected) in note.affects.iter().enumerate() {
                    if !report
                        .changes
                        .iter()
                        .any(|c| overlay::Confidence::covers(affected, &c.subject))
                    {
                        return Err(diag::Error {
                            file: overlay.file.clone(),
                            pointer: format!("#/x-linkedin-changes/{i}/affects/{j}"),
                            message: format!(
                                "`{affected}` names nothing that changed between {before} and {month}"
                            ),
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// `spec/CHANGES.md`: the report for every consecutive pair of months, and for the whole range.
pub fn changes_markdown(
    workspace_root: &Path,
    registry: &registry::Registry,
) -> diag::Result<String> {
    let mut out = String::from(
        "<!-- @generated by `cargo xtask codegen` from spec/versions.yaml and the specs. Do not edit by hand. -->\n\
         # API changes between LinkedIn versions\n\n\
         Each section compares two consecutive months through the models the Rust code is generated from.\n\
         *Breaking* means code built against the older month may fail against the newer one.\n\
         Months that share a spec have no section of their own; they are listed under the month that changed.\n\n",
    );
    let source = source::Source::load(workspace_root, registry)?;
    let specs: Vec<String> = registry.specs().into_iter().map(str::to_owned).collect();
    let models = Models::of(&source, registry, &specs)?;
    models.check_change_notes(registry)?;
    let first = &registry.versions[0].version;
    let last = &registry.latest().version;
    let whole = models.report(registry, first, last)?;
    out.push_str(&format!(
        "# Whole range\n\n{}\n# Month by month\n\n",
        whole.to_markdown()
    ));
    for pair in registry.versions.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        if a.spec == b.spec {
            out.push_str(&format!(
                "- {} → {}: no change (both governed by the {} spec).\n",
                a.version, b.version, a.spec
            ));
            continue;
        }
        let report = models.report(registry, &a.version, &b.version)?;
        out.push_str(&format!("\n{}\n", report.to_markdown()));
    }
    Ok(out)
}
