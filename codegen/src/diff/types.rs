//! Rules on named types: fields, enum values, union members, wrappers and kinds — classified by
//! the direction the type travels in, and listed with the operations that reach it.

use std::collections::{BTreeMap, BTreeSet};

use super::show::{
    kind_name, presence_name, property_pointer, show, spec_name, type_pointer, with_article,
};
use super::{Change, Flow, Kind, OperationRef, Severity, sev};
use crate::ir::*;

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

impl Direction {
    fn flow(self) -> Option<Flow> {
        match (self.request, self.response) {
            (true, true) => Some(Flow::Both),
            (true, false) => Some(Flow::Request),
            (false, true) => Some(Flow::Response),
            (false, false) => None,
        }
    }
}

const REQUEST: Direction = Direction {
    request: true,
    response: false,
};
const RESPONSE: Direction = Direction {
    request: false,
    response: true,
};

/// Per type: the direction it travels in and the operations that reach it.
#[derive(Default)]
struct Use {
    direction: Direction,
    operations: BTreeSet<OperationRef>,
}

/// Where every type is used. A worklist, not recursion: chains of types through lists and maps
/// have no depth limit.
fn usage(api: &Api) -> BTreeMap<&str, Use> {
    let defs: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut out: BTreeMap<&str, Use> = BTreeMap::new();
    for m in api.resources.iter().flat_map(|r| &r.methods) {
        let op = OperationRef::of(m);
        let mut roots: Vec<(&TypeRef, Direction)> =
            m.params.iter().map(|p| (&p.ty, REQUEST)).collect();
        roots.extend(m.body.iter().map(|b| (b, REQUEST)));
        match &m.response {
            Response::Json(t) | Response::ActionValue(t) | Response::CreatedId(t) => {
                roots.push((t, RESPONSE))
            }
            Response::Created(a, b) => roots.extend([(a, RESPONSE), (b, RESPONSE)]),
            Response::Empty => {}
        }
        for (root, dir) in roots {
            let mut seen = BTreeSet::new();
            let mut work = vec![root];
            while let Some(ty) = work.pop() {
                match ty {
                    TypeRef::Named(n) => {
                        let Some(def) = defs.get(n.as_str()) else {
                            continue;
                        };
                        if !seen.insert(def.name.as_str()) {
                            continue;
                        }
                        let entry = out.entry(def.name.as_str()).or_default();
                        entry.direction = entry.direction | dir;
                        entry.operations.insert(op.clone());
                        work.extend(def.contained_types());
                    }
                    TypeRef::List(i) | TypeRef::Map(i) | TypeRef::Envelope(_, i) => work.push(i),
                    _ => {}
                }
            }
        }
    }
    out
}

pub(super) fn diff(old: &Api, new: &Api) -> Vec<Change> {
    let mut out = Vec::new();
    let old_use = usage(old);
    let new_use = usage(new);
    let old_types: BTreeMap<&str, &TypeDef> =
        old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for t in &new.types {
        let Some(o) = old_types.get(t.name.as_str()) else {
            continue;
        };
        let (ou, nu) = (old_use.get(t.name.as_str()), new_use.get(t.name.as_str()));
        let dir = ou.map(|u| u.direction).unwrap_or_default()
            | nu.map(|u| u.direction).unwrap_or_default();
        let mut ops: BTreeMap<&str, &OperationRef> = BTreeMap::new();
        // The newer version's method and path win for an operation in both.
        for u in [ou, nu].into_iter().flatten() {
            ops.extend(u.operations.iter().map(|o| (o.operation_id.as_str(), o)));
        }
        let start = out.len();
        diff_type(o, t, &spec_name(t, new), dir, &mut out);
        for c in &mut out[start..] {
            c.operations = ops.values().map(|o| (*o).clone()).collect();
            c.direction = dir.flow();
        }
    }
    out
}

fn diff_type(old: &TypeDef, new: &TypeDef, name: &str, dir: Direction, out: &mut Vec<Change>) {
    let at = (Some(type_pointer(old)), Some(type_pointer(new)));
    let mut push = |kind, severity, subject: &str, description| {
        out.push(
            Change::new(kind, severity, subject, description).pointers(at.0.clone(), at.1.clone()),
        );
        out.len() - 1
    };
    match (&old.kind, &new.kind) {
        (TypeKind::Struct(o), TypeKind::Struct(n)) => {
            diff_fields(old, new, o, n, name, dir, out);
        }
        (TypeKind::Enum(o), TypeKind::Enum(n)) => {
            let ov: BTreeMap<&str, &EnumVariant> =
                o.variants.iter().map(|v| (v.wire.as_str(), v)).collect();
            let nv: BTreeMap<&str, &EnumVariant> =
                n.variants.iter().map(|v| (v.wire.as_str(), v)).collect();
            let flow = dir
                .flow()
                .map_or(String::new(), |f| format!(" ({})", f.words()));
            let mut values = Vec::new();
            for (v, new_v) in &nv {
                match ov.get(v) {
                    None => values.push((
                        push(
                            Kind::EnumValueAdded,
                            Severity::NonBreaking,
                            name,
                            format!("enum value `{v}` added{flow}"),
                        ),
                        None,
                        Some(*v),
                    )),
                    Some(old_v) if new_v.deprecated && !old_v.deprecated => values.push((
                        push(
                            Kind::EnumValueDeprecated,
                            Severity::Warning,
                            name,
                            format!("enum value `{v}` deprecated{flow}"),
                        ),
                        Some(*v),
                        Some(*v),
                    )),
                    Some(_) => {}
                }
            }
            for v in ov.keys().filter(|v| !nv.contains_key(*v)) {
                values.push((
                    push(
                        Kind::EnumValueRemoved,
                        sev(dir.request),
                        name,
                        format!("enum value `{v}` removed{flow}"),
                    ),
                    Some(*v),
                    None,
                ));
            }
            for (i, old_v, new_v) in values {
                out[i].values_from(old_v, new_v);
            }
        }
        (TypeKind::Union(o), TypeKind::Union(n)) => {
            let om: BTreeMap<&str, &UnionMember> =
                o.members.iter().map(|m| (m.wire.as_str(), m)).collect();
            let nm: BTreeMap<&str, &UnionMember> =
                n.members.iter().map(|m| (m.wire.as_str(), m)).collect();
            let flow = dir
                .flow()
                .map_or(String::new(), |f| format!(" ({})", f.words()));
            let mut values = Vec::new();
            for (w, m) in &nm {
                match om.get(w) {
                    None => values.push((
                        push(
                            Kind::UnionMemberAdded,
                            Severity::NonBreaking,
                            name,
                            format!("union member `{w}` added{flow}"),
                        ),
                        None,
                        Some(show(&m.ty)),
                    )),
                    Some(x) if x.ty != m.ty => values.push((
                        push(
                            Kind::UnionMemberRetyped,
                            Severity::Breaking,
                            name,
                            format!(
                                "union member `{w}` is now {} (was {}){flow}",
                                show(&m.ty),
                                show(&x.ty)
                            ),
                        ),
                        Some(show(&x.ty)),
                        Some(show(&m.ty)),
                    )),
                    Some(_) => {}
                }
            }
            for (w, m) in om.iter().filter(|(w, _)| !nm.contains_key(*w)) {
                values.push((
                    push(
                        Kind::UnionMemberRemoved,
                        sev(dir.request),
                        name,
                        format!("union member `{w}` removed{flow}"),
                    ),
                    Some(show(&m.ty)),
                    None,
                ));
            }
            for (i, old_v, new_v) in values {
                out[i].values_from(old_v, new_v);
            }
        }
        (TypeKind::Newtype(o), TypeKind::Newtype(n)) if o != n => {
            let i = push(
                Kind::WrapperRetyped,
                Severity::Breaking,
                name,
                format!("now wraps {} (was {})", show(n), show(o)),
            );
            out[i].values_from(show(o), show(n));
        }
        (o, n) if std::mem::discriminant(o) != std::mem::discriminant(n) => {
            let i = push(
                Kind::TypeKindChanged,
                Severity::Breaking,
                name,
                format!(
                    "type is now {} (was {})",
                    with_article(kind_name(n)),
                    with_article(kind_name(o))
                ),
            );
            out[i].values_from(kind_name(o), kind_name(n));
        }
        _ => {}
    }
}

fn diff_fields(
    old_def: &TypeDef,
    new_def: &TypeDef,
    o: &StructDef,
    n: &StructDef,
    name: &str,
    dir: Direction,
    out: &mut Vec<Change>,
) {
    let of: BTreeMap<&str, &Field> = o.fields.iter().map(|f| (f.wire.as_str(), f)).collect();
    let nf: BTreeMap<&str, &Field> = n.fields.iter().map(|f| (f.wire.as_str(), f)).collect();
    for (wire, f) in &of {
        let subject = format!("{name}.{wire}");
        let old_at = Some(property_pointer(old_def, wire));
        let Some(g) = nf.get(wire) else {
            let required = f.presence == Presence::Required;
            let breaking = dir.request || (dir.response && required);
            let why = if breaking {
                ""
            } else {
                " (it was optional: old code sees it as absent)"
            };
            out.push(
                Change::new(
                    Kind::FieldRemoved,
                    sev(breaking),
                    &subject,
                    format!("field removed{why}"),
                )
                .pointers(old_at, None),
            );
            continue;
        };
        let at = (old_at, Some(property_pointer(new_def, wire)));
        let mut push = |kind, severity, description: String, old: String, new: String| {
            out.push(
                Change::new(kind, severity, &subject, description)
                    .pointers(at.0.clone(), at.1.clone()),
            );
            if let Some(c) = out.last_mut() {
                c.values_from(old, new);
            }
        };
        if g.ty != f.ty {
            push(
                Kind::FieldRetyped,
                Severity::Breaking,
                format!("field is now {} (was {})", show(&g.ty), show(&f.ty)),
                show(&f.ty),
                show(&g.ty),
            );
        }
        let rule = match (f.presence, g.presence) {
            (a, b) if a == b => None,
            // Old code may leave it out; the new version refuses that.
            (_, Presence::Required) => Some((
                Kind::FieldMadeRequired,
                sev(dir.request),
                "field made required",
            )),
            // Old code requires it; the new version may leave it out (or send `null`).
            (Presence::Required, Presence::Optional) => Some((
                Kind::FieldMadeOptional,
                sev(dir.response),
                "field made optional",
            )),
            (Presence::Required, Presence::Nullable) => Some((
                Kind::FieldMadeNullable,
                sev(dir.response),
                "field made nullable (it may be absent or `null`)",
            )),
            // `Option<T>` already reads `null` as absent.
            (Presence::Optional, Presence::Nullable) => Some((
                Kind::FieldMadeNullable,
                Severity::NonBreaking,
                "field made nullable (it was optional)",
            )),
            // Old code may send `null`, which the new version refuses.
            (Presence::Nullable, Presence::Optional) => Some((
                Kind::FieldMadeNonNullable,
                sev(dir.request),
                "field no longer nullable (still optional)",
            )),
            _ => None,
        };
        if let Some((kind, severity, words)) = rule {
            push(
                kind,
                severity,
                words.to_owned(),
                presence_name(f.presence).to_owned(),
                presence_name(g.presence).to_owned(),
            );
        }
    }
    for (wire, g) in &nf {
        if !of.contains_key(wire) {
            let required = g.presence == Presence::Required;
            let kind = if required { "required" } else { "optional" };
            out.push(
                Change::new(
                    Kind::FieldAdded,
                    sev(dir.request && required),
                    &format!("{name}.{wire}"),
                    format!("{kind} field added"),
                )
                .pointers(None, Some(property_pointer(new_def, wire))),
            );
        }
    }
}
