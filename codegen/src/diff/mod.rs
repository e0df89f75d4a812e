//! Change reports: what changed between two versions' intermediate models (the same models the
//! code is emitted from), each change classified **for code built against the older version**
//! talking to the newer one.
//!
//! The classification follows what the generated code does at run time:
//! * responses: a new field or enum value is harmless (unknown fields are ignored, enums are
//!   open); a field that disappears or becomes optional breaks code that requires it; a retyped
//!   field breaks decoding;
//! * requests: a new required field or parameter, a removed field, parameter or enum value, a
//!   field made required — the old code sends what the new version refuses;
//! * operations: a removed operation breaks; narrowed permissions (an old scope alternative no
//!   longer accepted) break; so does any change to the Rest.li call the old code makes (method,
//!   finder, action, paging, version header);
//! * warnings: old code keeps working but behaves differently or will need attention — a
//!   parameter's default changed, an operation or enum value deprecated.
//!
//! Each change carries a stable [`Kind`] (one per rule), the operations it reaches, the
//! direction, the JSON pointers in both specs and the old and new values, so tools can use the
//! JSON form (`codegen/schema/change-report.schema.json`) without parsing the words.

mod operations;
mod rust_api;
mod show;
mod types;

pub use rust_api::{Agreement, RustApi};

use serde::Serialize;
use serde_json::Value;

use crate::ir::*;
pub use crate::overlay::Confidence;
pub use show::show;

/// Whether a change can break code built against the older version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Old code may fail against the new version.
    Breaking,
    /// Old code keeps working but behaves differently (a changed default) or will need attention
    /// (a deprecation).
    Warning,
    /// Old code keeps working.
    NonBreaking,
}

/// Which rule found a change: a stable identifier for tools (`finder-renamed`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    OperationMoved,
    OperationDeprecated,
    RestliMethodChanged,
    FinderRenamed,
    ActionRenamed,
    PagingChanged,
    MaxPageSizeChanged,
    VersioningChanged,
    ParameterAdded,
    ParameterRemoved,
    ParameterRetyped,
    ParameterMadeRequired,
    ParameterMadeOptional,
    ParameterDefaultChanged,
    RequestBodyChanged,
    ResponseChanged,
    PermissionsChanged,
    FieldAdded,
    FieldRemoved,
    FieldRetyped,
    FieldMadeRequired,
    FieldMadeOptional,
    FieldMadeNullable,
    FieldMadeNonNullable,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueDeprecated,
    UnionMemberAdded,
    UnionMemberRemoved,
    UnionMemberRetyped,
    WrapperRetyped,
    TypeKindChanged,
}

impl Kind {
    /// Every kind, for tools and for the test that keeps the JSON Schema's list in step.
    pub const ALL: [Kind; 34] = [
        Kind::OperationAdded,
        Kind::OperationRemoved,
        Kind::OperationMoved,
        Kind::OperationDeprecated,
        Kind::RestliMethodChanged,
        Kind::FinderRenamed,
        Kind::ActionRenamed,
        Kind::PagingChanged,
        Kind::MaxPageSizeChanged,
        Kind::VersioningChanged,
        Kind::ParameterAdded,
        Kind::ParameterRemoved,
        Kind::ParameterRetyped,
        Kind::ParameterMadeRequired,
        Kind::ParameterMadeOptional,
        Kind::ParameterDefaultChanged,
        Kind::RequestBodyChanged,
        Kind::ResponseChanged,
        Kind::PermissionsChanged,
        Kind::FieldAdded,
        Kind::FieldRemoved,
        Kind::FieldRetyped,
        Kind::FieldMadeRequired,
        Kind::FieldMadeOptional,
        Kind::FieldMadeNullable,
        Kind::FieldMadeNonNullable,
        Kind::EnumValueAdded,
        Kind::EnumValueRemoved,
        Kind::EnumValueDeprecated,
        Kind::UnionMemberAdded,
        Kind::UnionMemberRemoved,
        Kind::UnionMemberRetyped,
        Kind::WrapperRetyped,
        Kind::TypeKindChanged,
    ];
}

/// Where the changed thing travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// Only in what the client sends.
    Request,
    /// Only in what LinkedIn returns.
    Response,
    /// In both.
    Both,
}

impl Flow {
    fn words(self) -> &'static str {
        match self {
            Flow::Request => "in requests",
            Flow::Response => "in responses",
            Flow::Both => "in requests and responses",
        }
    }
}

/// An operation a change reaches.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OperationRef {
    /// The spec's operationId.
    pub operation_id: String,
    /// `GET`, `POST`, …
    pub http_method: String,
    /// The path template.
    pub path: String,
}

impl OperationRef {
    fn of(m: &Method) -> Self {
        OperationRef {
            operation_id: m.operation_id.clone(),
            http_method: m.http_method.to_string(),
            path: m.path.clone(),
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule that found it.
    pub kind: Kind,
    /// Breaking, warning or not.
    pub severity: Severity,
    /// What changed, in the spec's names: an operationId, `Schema.field`, or
    /// `operationId.parameter` for a type defined inline in a parameter.
    pub subject: String,
    /// What happened, in words.
    pub description: String,
    /// Whether LinkedIn's documentation confirms the change (from the change notes that name
    /// its subject in `affects`).
    pub confidence: Confidence,
    /// The operations it reaches (for a type: every operation that sends or receives it, in
    /// either version).
    pub operations: Vec<OperationRef>,
    /// Whether it is in requests, responses or both; `None` for a type no operation uses.
    pub direction: Option<Flow>,
    /// Where it is in the older spec (a JSON pointer), if it is there.
    pub old_pointer: Option<String>,
    /// Where it is in the newer spec, if it is there.
    pub new_pointer: Option<String>,
    /// The value before, if there was one.
    pub old_value: Option<Value>,
    /// The value after, if there is one.
    pub new_value: Option<Value>,
}

impl Change {
    fn new(kind: Kind, severity: Severity, subject: &str, description: String) -> Self {
        Change {
            kind,
            severity,
            subject: subject.to_owned(),
            description,
            confidence: Confidence::Confirmed,
            operations: Vec::new(),
            direction: None,
            old_pointer: None,
            new_pointer: None,
            old_value: None,
            new_value: None,
        }
    }

    fn pointers(mut self, old: Option<String>, new: Option<String>) -> Self {
        self.old_pointer = old;
        self.new_pointer = new;
        self
    }

    fn key(&self) -> (Severity, &str, &str, Kind) {
        (self.severity, &self.subject, &self.description, self.kind)
    }
}

/// A change as the month's change file documents it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Documented {
    /// The month it happened in.
    pub version: String,
    /// What changed.
    pub change: String,
    /// Where it is documented.
    pub source: String,
    /// Whether LinkedIn's documentation confirms it.
    pub confidence: Confidence,
}

/// The report between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The older version.
    pub from: String,
    /// The newer version.
    pub to: String,
    /// Every change, breaking first, then warnings, then by subject.
    pub changes: Vec<Change>,
    /// The changes the change files of the months in between document, with their sources.
    pub documented: Vec<Documented>,
    /// How the generated Rust API changed, when it was compared ([`crate::rust_api_view`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_api: Option<RustApi>,
}

impl Report {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.count(Severity::Breaking)
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    /// Marks each change `unverified` that a note of `documented` names in its `affects` as
    /// unverified, and keeps the notes.
    pub fn attribute(&mut self, notes: &[(String, crate::overlay::ChangeNote)]) {
        for c in &mut self.changes {
            let unverified = notes.iter().any(|(_, n)| {
                n.confidence == Confidence::Unverified
                    && n.affects.iter().any(|a| Confidence::covers(a, &c.subject))
            });
            if unverified {
                c.confidence = Confidence::Unverified;
            }
        }
        self.documented = notes
            .iter()
            .map(|(version, n)| Documented {
                version: version.clone(),
                change: n.change.trim().to_owned(),
                source: n.source.clone(),
                confidence: n.confidence,
            })
            .collect();
    }

    /// The report as Markdown: the spec-level changes, then the Rust API's when compared.
    pub fn to_markdown(&self) -> String {
        let mut out = self.spec_markdown();
        if let Some(rust) = &self.rust_api {
            out.push_str(&rust.to_markdown(&self.from, &self.to, self.breaking()));
        }
        out
    }

    /// The spec-level changes as Markdown.
    fn spec_markdown(&self) -> String {
        let mut out = format!("## {} → {}\n\n", self.from, self.to);
        if !self.documented.is_empty() {
            out.push_str("Documented changes:\n\n");
            for d in &self.documented {
                let change = d.change.replace('\n', " ");
                out.push_str(&format!("- {}: {change} ({})", d.version, d.source));
                if d.confidence == Confidence::Unverified {
                    out.push_str(&format!(" — {UNVERIFIED}"));
                }
                out.push('\n');
            }
            out.push('\n');
        }
        if self.changes.is_empty() {
            out.push_str("No change in the operations and types the specs describe.\n");
            return out;
        }
        let (breaking, warnings) = (self.breaking(), self.count(Severity::Warning));
        let warnings = if warnings > 0 {
            format!("{warnings} warning(s), ")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{} change(s): {breaking} breaking, {warnings}{} non-breaking for code built against {}.\n",
            self.changes.len(),
            self.count(Severity::NonBreaking),
            self.from
        ));
        for (severity, title) in [
            (Severity::Breaking, "Breaking"),
            (Severity::Warning, "Warnings"),
            (Severity::NonBreaking, "Non-breaking"),
        ] {
            let items: Vec<&Change> = self
                .changes
                .iter()
                .filter(|c| c.severity == severity)
                .collect();
            if items.is_empty() {
                continue;
            }
            out.push_str(&format!("\n### {title}\n\n"));
            for c in items {
                out.push_str(&format!("- `{}`: {}", c.subject, c.description));
                if let Some(ops) = affected(c) {
                    // One parenthesis for where and what: `(in responses; affects …)`.
                    let flow = c.direction.map(|f| format!("({})", f.words()));
                    if flow.is_some_and(|f| c.description.ends_with(&f)) {
                        out.pop();
                        out.push_str(&format!("; {ops})"));
                    } else {
                        out.push_str(&format!(" ({ops})"));
                    }
                }
                if c.confidence == Confidence::Unverified {
                    out.push_str(&format!(" — {UNVERIFIED}"));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// For a type-level change, the operations it reaches, in words (at most [`LISTED`] named).
fn affected(c: &Change) -> Option<String> {
    // An operation-level change's subject is its operation; naming it again says nothing.
    if c.operations.is_empty() || c.operations.iter().any(|o| o.operation_id == c.subject) {
        return None;
    }
    let mut names: Vec<String> = c
        .operations
        .iter()
        .take(LISTED)
        .map(|o| format!("`{}`", o.operation_id))
        .collect();
    if c.operations.len() > LISTED {
        names.push(format!("{} more", c.operations.len() - LISTED));
    }
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    };
    Some(format!("affects {list}"))
}

/// How many operations a Markdown line names before "and N more".
const LISTED: usize = 4;

/// How an unverified change reads: a fact about the source.
const UNVERIFIED: &str = "*not confirmed by LinkedIn's documentation*";

/// Compares `old` with `new`.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut changes = operations::diff(old, new);
    changes.extend(types::diff(old, new));
    changes.sort_by(|a, b| a.key().cmp(&b.key()));
    changes.dedup_by(|a, b| a.key() == b.key());
    Report {
        from: old.version.clone(),
        to: new.version.clone(),
        changes,
        documented: Vec::new(),
        rust_api: None,
    }
}

/// `Breaking` when `breaking`, else `NonBreaking`.
fn sev(breaking: bool) -> Severity {
    if breaking {
        Severity::Breaking
    } else {
        Severity::NonBreaking
    }
}
