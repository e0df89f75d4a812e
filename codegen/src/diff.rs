//! Change reports: what changed between two versions' intermediate models (the same models the
//! code is emitted from), each change classified as breaking or not **for code built against the
//! older version** talking to the newer one.
//!
//! The classification follows what the generated code does at run time:
//! * responses: a new field or enum value is harmless (unknown fields are ignored, enums are
//!   open); a field that disappears or becomes optional breaks code that requires it; a retyped
//!   field breaks decoding;
//! * requests: a new required field or parameter, a removed field, parameter or enum value, a
//!   field made required — the old code sends what the new version refuses;
//! * operations: a removed operation breaks; narrowed permissions (an old scope alternative no
//!   longer accepted) break.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::ir::*;
pub use crate::overlay::Confidence;

/// Whether a change can break code built against the older version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Old code may fail against the new version.
    Breaking,
    /// Old code keeps working.
    NonBreaking,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// Breaking or not.
    pub severity: Severity,
    /// What changed: an operationId, or `Type.field`.
    pub subject: String,
    /// What happened, in words.
    pub description: String,
    /// Whether LinkedIn's documentation confirms the change (from the change notes that name
    /// its subject in `affects`).
    pub confidence: Confidence,
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
    /// Every change, breaking first, then by subject.
    pub changes: Vec<Change>,
    /// The changes the change files of the months in between document, with their sources.
    pub documented: Vec<Documented>,
}

impl Report {
    /// How many changes are breaking.
    pub fn breaking(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking)
            .count()
    }

    /// Marks each change `unverified` that a note of `documented` names in its `affects` as
    /// unverified, and keeps the notes.
    pub fn attribute(&mut self, notes: &[(String, crate::overlay::ChangeNote)]) {
        let changes = std::mem::take(&mut self.changes);
        self.changes = changes
            .into_iter()
            .map(|mut c| {
                let unverified = notes.iter().any(|(_, n)| {
                    n.confidence == Confidence::Unverified
                        && n.affects.iter().any(|a| Confidence::covers(a, &c.subject))
                });
                if unverified {
                    c.confidence = Confidence::Unverified;
                }
                c
            })
            .collect();
        self.changes.sort();
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

    /// The report as Markdown.
    pub fn to_markdown(&self) -> String {
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
        let breaking = self.breaking();
        out.push_str(&format!(
            "{} change(s): {breaking} breaking, {} non-breaking for code built against {}.\n",
            self.changes.len(),
            self.changes.len() - breaking,
            self.from
        ));
        for (severity, title) in [
            (Severity::Breaking, "Breaking"),
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
                if c.confidence == Confidence::Unverified {
                    out.push_str(&format!(" — {UNVERIFIED}"));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// How an unverified change reads: a fact about the source.
const UNVERIFIED: &str = "*not confirmed by LinkedIn's documentation*";

/// Compares `old` with `new`.
pub fn diff(old: &Api, new: &Api) -> Report {
    let mut changes = BTreeSet::new();
    let old_methods = methods(old);
    let new_methods = methods(new);
    for (id, m) in &old_methods {
        match new_methods.get(id) {
            None => push(
                &mut changes,
                Severity::Breaking,
                id,
                format!("operation removed (`{} {}`)", m.http_method, m.path),
            ),
            Some(n) => diff_method(m, n, &mut changes),
        }
    }
    for (id, m) in &new_methods {
        if !old_methods.contains_key(id) {
            push(
                &mut changes,
                Severity::NonBreaking,
                id,
                format!("operation added (`{} {}`)", m.http_method, m.path),
            );
        }
    }
    let old_use = usage(old);
    let new_use = usage(new);
    let old_types: BTreeMap<&str, &TypeDef> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for t in &new.types {
        let Some(o) = old_types.get(t.name.as_str()) else {
            continue;
        };
        let dir = old_use.get(t.name.as_str()).copied().unwrap_or_default()
            | new_use.get(t.name.as_str()).copied().unwrap_or_default();
        diff_type(o, t, dir, &mut changes);
    }
    let mut changes: Vec<Change> = changes.into_iter().collect();
    changes.sort();
    Report {
        from: old.version.clone(),
        to: new.version.clone(),
        changes,
        documented: Vec::new(),
    }
}

fn push(changes: &mut BTreeSet<Change>, severity: Severity, subject: &str, description: String) {
    changes.insert(Change {
        severity,
        subject: subject.to_owned(),
        description,
        confidence: Confidence::Confirmed,
    });
}

fn methods(api: &Api) -> BTreeMap<&str, &Method> {
    api.resources
        .iter()
        .flat_map(|r| &r.methods)
        .map(|m| (m.operation_id.as_str(), m))
        .collect()
}

fn diff_method(old: &Method, new: &Method, changes: &mut BTreeSet<Change>) {
    let id = old.operation_id.as_str();
    if (old.http_method.as_str(), old.path.as_str())
        != (new.http_method.as_str(), new.path.as_str())
    {
        push(
            changes,
            Severity::Breaking,
            id,
            format!(
                "now `{} {}` (was `{} {}`)",
                new.http_method, new.path, old.http_method, old.path
            ),
        );
    }
    let old_params: BTreeMap<&str, &Param> =
        old.params.iter().map(|p| (p.wire.as_str(), p)).collect();
    let new_params: BTreeMap<&str, &Param> =
        new.params.iter().map(|p| (p.wire.as_str(), p)).collect();
    for (name, p) in &old_params {
        match new_params.get(name) {
            None => push(
                changes,
                Severity::Breaking,
                id,
                format!("parameter `{name}` removed"),
            ),
            Some(n) => {
                if n.ty != p.ty {
                    push(
                        changes,
                        Severity::Breaking,
                        id,
                        format!(
                            "parameter `{name}` is now {} (was {})",
                            show(&n.ty),
                            show(&p.ty)
                        ),
                    );
                }
                if n.required && !p.required {
                    push(
                        changes,
                        Severity::Breaking,
                        id,
                        format!("parameter `{name}` made required"),
                    );
                } else if !n.required && p.required {
                    push(
                        changes,
                        Severity::NonBreaking,
                        id,
                        format!("parameter `{name}` made optional"),
                    );
                }
            }
        }
    }
    for (name, p) in &new_params {
        if !old_params.contains_key(name) {
            let severity = if p.required {
                Severity::Breaking
            } else {
                Severity::NonBreaking
            };
            let kind = if p.required { "required" } else { "optional" };
            push(
                changes,
                severity,
                id,
                format!("{kind} parameter `{name}` added"),
            );
        }
    }
    if old.body != new.body {
        push(
            changes,
            Severity::Breaking,
            id,
            format!(
                "request body is now {} (was {})",
                show_opt(&new.body),
                show_opt(&old.body)
            ),
        );
    }
    if old.response != new.response {
        push(
            changes,
            Severity::Breaking,
            id,
            format!(
                "response is now {} (was {})",
                show_response(&new.response),
                show_response(&old.response)
            ),
        );
    }
    if old.scopes != new.scopes {
        let new_alts: BTreeSet<&Vec<String>> = new.scopes.iter().collect();
        let narrowed =
            old.scopes.iter().any(|alt| !new_alts.contains(alt)) && !new.scopes.is_empty();
        let severity = if narrowed {
            Severity::Breaking
        } else {
            Severity::NonBreaking
        };
        push(
            changes,
            severity,
            id,
            format!(
                "permissions are now {} (were {})",
                show_scopes(&new.scopes),
                show_scopes(&old.scopes)
            ),
        );
    }
    if !old.deprecated && new.deprecated {
        push(
            changes,
            Severity::NonBreaking,
            id,
            "operation deprecated".to_owned(),
        );
    }
}

/// Where a type is used: in requests, in responses, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Direction {
    request: bool,
    response: bool,
}

impl std::ops::BitOr for Direction {
    type Output = Direction;
    fn bitor(self, o: Direction) -> Direction {
        Direction {
            request: self.request || o.request,
            response: self.response || o.response,
        }
    }
}

fn usage(api: &Api) -> BTreeMap<&str, Direction> {
    let defs: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut out: BTreeMap<&str, Direction> = BTreeMap::new();
    // A worklist, not recursion: chains of types through lists and maps have no depth limit.
    fn mark<'a>(
        ty: &'a TypeRef,
        dir: Direction,
        defs: &BTreeMap<&'a str, &'a TypeDef>,
        out: &mut BTreeMap<&'a str, Direction>,
    ) {
        let mut work = vec![ty];
        while let Some(ty) = work.pop() {
            match ty {
                TypeRef::Named(n) => {
                    let Some(def) = defs.get(n.as_str()) else {
                        continue;
                    };
                    let entry = out.entry(def.name.as_str()).or_default();
                    if (*entry | dir) == *entry {
                        continue;
                    }
                    *entry = *entry | dir;
                    work.extend(def.contained_types());
                }
                TypeRef::List(i) | TypeRef::Map(i) | TypeRef::Envelope(_, i) => work.push(i),
                _ => {}
            }
        }
    }
    let req = Direction {
        request: true,
        response: false,
    };
    let resp = Direction {
        request: false,
        response: true,
    };
    for m in api.resources.iter().flat_map(|r| &r.methods) {
        for p in &m.params {
            mark(&p.ty, req, &defs, &mut out);
        }
        if let Some(b) = &m.body {
            mark(b, req, &defs, &mut out);
        }
        match &m.response {
            Response::Json(t) | Response::ActionValue(t) | Response::CreatedId(t) => {
                mark(t, resp, &defs, &mut out)
            }
            Response::Created(a, b) => {
                mark(a, resp, &defs, &mut out);
                mark(b, resp, &defs, &mut out);
            }
            Response::Empty => {}
        }
    }
    out
}

fn diff_type(old: &TypeDef, new: &TypeDef, dir: Direction, changes: &mut BTreeSet<Change>) {
    let name = old.name.as_str();
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(o), TypeKind::Struct(n)) => {
            let of: BTreeMap<&str, &Field> =
                o.fields.iter().map(|f| (f.wire.as_str(), f)).collect();
            let nf: BTreeMap<&str, &Field> =
                n.fields.iter().map(|f| (f.wire.as_str(), f)).collect();
            for (wire, f) in &of {
                let subject = format!("{name}.{wire}");
                let required = f.presence == Presence::Required;
                match nf.get(wire) {
                    None => {
                        let breaking = dir.request || (dir.response && required);
                        let why = if breaking {
                            ""
                        } else {
                            " (it was optional: old code sees it as absent)"
                        };
                        push(
                            changes,
                            sev(breaking),
                            &subject,
                            format!("field removed{why}"),
                        );
                    }
                    Some(g) => {
                        if g.ty != f.ty {
                            push(
                                changes,
                                Severity::Breaking,
                                &subject,
                                format!("field is now {} (was {})", show(&g.ty), show(&f.ty)),
                            );
                        }
                        let now_required = g.presence == Presence::Required;
                        if now_required && !required {
                            push(
                                changes,
                                sev(dir.request),
                                &subject,
                                "field made required".to_owned(),
                            );
                        } else if !now_required && required {
                            push(
                                changes,
                                sev(dir.response),
                                &subject,
                                "field made optional".to_owned(),
                            );
                        }
                    }
                }
            }
            for (wire, g) in &nf {
                if !of.contains_key(wire) {
                    let required = g.presence == Presence::Required;
                    let kind = if required { "required" } else { "optional" };
                    push(
                        changes,
                        sev(dir.request && required),
                        &format!("{name}.{wire}"),
                        format!("{kind} field added"),
                    );
                }
            }
        }
        (TypeKind::Enum(o), TypeKind::Enum(n)) => {
            let ov: BTreeSet<&str> = o.variants.iter().map(|v| v.wire.as_str()).collect();
            let nv: BTreeSet<&str> = n.variants.iter().map(|v| v.wire.as_str()).collect();
            for v in nv.difference(&ov) {
                push(
                    changes,
                    Severity::NonBreaking,
                    name,
                    format!("enum value `{v}` added"),
                );
            }
            for v in ov.difference(&nv) {
                push(
                    changes,
                    sev(dir.request),
                    name,
                    format!("enum value `{v}` removed"),
                );
            }
        }
        (TypeKind::Union(o), TypeKind::Union(n)) => {
            let om: BTreeMap<&str, &UnionMember> =
                o.members.iter().map(|m| (m.wire.as_str(), m)).collect();
            let nm: BTreeMap<&str, &UnionMember> =
                n.members.iter().map(|m| (m.wire.as_str(), m)).collect();
            for (w, m) in &nm {
                match om.get(w) {
                    None => push(
                        changes,
                        Severity::NonBreaking,
                        name,
                        format!("union member `{w}` added"),
                    ),
                    Some(x) if x.ty != m.ty => push(
                        changes,
                        Severity::Breaking,
                        name,
                        format!(
                            "union member `{w}` is now {} (was {})",
                            show(&m.ty),
                            show(&x.ty)
                        ),
                    ),
                    Some(_) => {}
                }
            }
            for w in om.keys().filter(|w| !nm.contains_key(*w)) {
                push(
                    changes,
                    sev(dir.request),
                    name,
                    format!("union member `{w}` removed"),
                );
            }
        }
        (TypeKind::Newtype(o), TypeKind::Newtype(n)) if o != n => push(
            changes,
            Severity::Breaking,
            name,
            format!("now wraps {} (was {})", show(n), show(o)),
        ),
        (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => {
            push(
                changes,
                Severity::Breaking,
                name,
                format!("type is now a {} (was a {})", kind_name(n), kind_name(o)),
            );
        }
        _ => {}
    }
}

fn sev(breaking: bool) -> Severity {
    if breaking {
        Severity::Breaking
    } else {
        Severity::NonBreaking
    }
}

fn kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "record",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::OneOf(_) => "oneOf",
        TypeKind::Newtype(_) => "wrapper",
    }
}

/// A type as a reader would name it.
pub fn show(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".to_owned(),
        TypeRef::Bool => "boolean".to_owned(),
        TypeRef::I32 => "int32".to_owned(),
        TypeRef::I64 => "int64".to_owned(),
        TypeRef::F32 => "float".to_owned(),
        TypeRef::F64 => "double".to_owned(),
        TypeRef::Json => "any JSON".to_owned(),
        TypeRef::Named(n) => format!("`{n}`"),
        TypeRef::Urn(types) => format!("a {} URN", types.join("/")),
        TypeRef::List(i) => format!("a list of {}", show(i)),
        TypeRef::Map(i) => format!("a map of {}", show(i)),
        TypeRef::Runtime(p) => format!("`{p}`"),
        TypeRef::Envelope(e, i) => format!("a {e:?} of {}", show(i)),
    }
}

fn show_opt(t: &Option<TypeRef>) -> String {
    t.as_ref().map_or_else(|| "none".to_owned(), show)
}

fn show_response(r: &Response) -> String {
    match r {
        Response::Empty => "empty".to_owned(),
        Response::Json(t) | Response::ActionValue(t) => show(t),
        Response::CreatedId(k) => format!("the created id as {}", show(k)),
        Response::Created(k, t) => format!("the created id as {} with {}", show(k), show(t)),
    }
}

fn show_scopes(s: &[Vec<String>]) -> String {
    if s.is_empty() {
        return "none".to_owned();
    }
    s.iter()
        .map(|alt| format!("`{}`", alt.join(" + ")))
        .collect::<Vec<_>>()
        .join(" or ")
}
