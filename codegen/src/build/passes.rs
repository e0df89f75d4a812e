//! Passes over the finished model: decisions that need the whole picture.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Ptr, Result};
use crate::ir::*;

/// The module for types that more than one resource uses.
pub const COMMON: &str = "common";

/// Puts each type in the module of the only resource that uses it, or in `common`. Keeps each
/// resource's file self-contained and the shared module small.
pub fn place_types(api: &mut Api) {
    let defs: BTreeMap<String, TypeDef> = api
        .types
        .iter()
        .map(|t| (t.name.clone(), t.clone()))
        .collect();
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for resource in &api.resources {
        let mut reached = BTreeSet::new();
        for method in &resource.methods {
            let roots = method
                .params
                .iter()
                .map(|p| &p.ty)
                .chain(method.body.iter())
                .chain(response_types(&method.response));
            for ty in roots {
                reach(ty, &defs, &mut reached);
            }
        }
        for name in reached {
            users
                .entry(name)
                .or_default()
                .insert(resource.module.clone());
        }
    }
    for def in &mut api.types {
        def.module = match users.get(&def.name) {
            Some(modules) if modules.len() == 1 => modules
                .iter()
                .next()
                .cloned()
                .unwrap_or_else(|| COMMON.to_owned()),
            _ => COMMON.to_owned(),
        };
    }
}

fn response_types(r: &Response) -> Vec<&TypeRef> {
    match r {
        Response::Empty => vec![],
        Response::Json(t) | Response::ActionValue(t) | Response::CreatedId(t) => vec![t],
        Response::Created(a, b) => vec![a, b],
    }
}

/// Every named type `ty` mentions, transitively.
fn reach(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>, out: &mut BTreeSet<String>) {
    match ty {
        TypeRef::Named(name) => {
            if out.insert(name.clone())
                && let Some(def) = defs.get(name)
            {
                for inner in children(def, false) {
                    reach(inner, defs, out);
                }
            }
        }
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Envelope(_, inner) => {
            reach(inner, defs, out)
        }
        _ => {}
    }
}

/// The types a definition contains. With `direct_only`, only those stored inline (a `Vec` or map
/// already puts its elements on the heap, so it cannot make a type infinitely large).
fn children(def: &TypeDef, direct_only: bool) -> Vec<&TypeRef> {
    let all = def.contained_types();
    if direct_only {
        all.into_iter()
            .filter(|t| matches!(t, TypeRef::Named(_)))
            .collect()
    } else {
        all
    }
}

/// Boxes every field or member whose type contains, inline, the type that holds it.
pub fn box_recursion(api: &mut Api) {
    let defs: BTreeMap<String, TypeDef> = api
        .types
        .iter()
        .map(|t| (t.name.clone(), t.clone()))
        .collect();
    let reaches = |from: &str, target: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if name == target {
                return true;
            }
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(def) = defs.get(&name) {
                for child in children(def, true) {
                    if let TypeRef::Named(n) = child {
                        stack.push(n.clone());
                    }
                }
            }
        }
        false
    };
    for def in &mut api.types {
        let owner = def.name.clone();
        match &mut def.kind {
            TypeKind::Struct(s) => {
                for f in &mut s.fields {
                    if let TypeRef::Named(n) = &f.ty {
                        f.boxed = reaches(n, &owner);
                    }
                }
            }
            TypeKind::Union(u) => {
                for m in &mut u.members {
                    if let TypeRef::Named(n) = &m.ty {
                        m.boxed = reaches(n, &owner);
                    }
                }
            }
            TypeKind::OneOf(_) | TypeKind::Enum(_) => {}
        }
    }
}

/// Names that would clash in the generated modules: a type named like a request builder or a
/// resource accessor in the same module, or like the version's `Api`.
pub fn check_names(api: &Api, root: &Ptr) -> Result<()> {
    let mut taken: BTreeMap<(String, String), String> = BTreeMap::new();
    for r in &api.resources {
        taken.insert(
            (r.module.clone(), r.type_name.clone()),
            format!("the `{}` resource", r.module),
        );
        for m in &r.methods {
            taken.insert(
                (r.module.clone(), m.builder.clone()),
                format!("the request builder of `{}`", m.operation_id),
            );
        }
    }
    for t in &api.types {
        if t.name == "Api" {
            return root
                .from_ref(&t.origin)
                .fail("a type may not be named `Api`: the version's entry point has that name");
        }
        if let Some(what) = taken.get(&(t.module.clone(), t.name.clone())) {
            return root.from_ref(&t.origin).fail(format!(
                "the type `{}` clashes with {what}; rename the schema",
                t.name
            ));
        }
        if api.resources.iter().any(|r| r.type_name == t.name) {
            return root.from_ref(&t.origin).fail(format!(
                "the type `{}` clashes with a resource accessor of that name",
                t.name
            ));
        }
    }
    Ok(())
}
