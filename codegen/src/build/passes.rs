//! Passes over the finished model: decisions that need the whole picture.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

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

/// Finds, for each method with a body, where the body holds targets: the `x-linkedin-target`
/// fields and union members reachable from the body type (through records, lists and unions;
/// after [`box_recursion`], so each step knows whether it goes through a `Box`).
pub fn body_targets(api: &mut Api, root: &Ptr) -> Result<()> {
    let holding = holding_targets(api);
    let defs: BTreeMap<&str, &TypeDef> = api
        .types
        .iter()
        .filter(|t| holding.contains(t.name.as_str()))
        .map(|t| (t.name.as_str(), t))
        .collect();
    let mut found: BTreeMap<TypeRef, Vec<TargetPath>> = BTreeMap::new();
    for method in api.resources.iter().flat_map(|r| &r.methods) {
        if let Some(body) = &method.body
            && !found.contains_key(body)
        {
            let mut out = Vec::new();
            let mut hidden = None;
            target_paths(
                body,
                &defs,
                &mut Vec::new(),
                &mut Vec::new(),
                &mut out,
                &mut hidden,
            );
            if let Some(within) = hidden {
                return root.fail(format!(
                    "the body of `{}` has an `x-linkedin-target` inside {within}, which no target path enters (a `oneOf`, a wrapper type or a map): mark a property outside it",
                    method.operation_id
                ));
            }
            found.insert(body.clone(), out);
        }
    }
    for method in api.resources.iter_mut().flat_map(|r| &mut r.methods) {
        if let Some(paths) = method.body.as_ref().and_then(|b| found.get(b)) {
            method.body_targets = paths.clone();
        }
    }
    Ok(())
}

/// Finds, for each method with a record-typed path key, the key's URN fields (or lists of
/// URNs): every URN in the path is a target, whether a whole key or a field of one.
pub fn key_targets(api: &mut Api) {
    let records: BTreeMap<&str, &StructDef> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            TypeKind::Struct(s) => Some((t.name.as_str(), s)),
            _ => None,
        })
        .collect();
    let mut found: Vec<Vec<(String, TargetPath)>> = Vec::new();
    for method in api.resources.iter().flat_map(|r| &r.methods) {
        let mut keys = Vec::new();
        for p in method
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Path)
        {
            let TypeRef::Named(name) = &p.ty else {
                continue;
            };
            let Some(record) = records.get(name.as_str()) else {
                continue;
            };
            for f in &record.fields {
                let mut path = vec![TargetStep::Field {
                    name: f.name.clone(),
                    presence: f.presence,
                    boxed: f.boxed,
                }];
                match &f.ty {
                    TypeRef::Urn(_) => {}
                    TypeRef::List(inner) if matches!(**inner, TypeRef::Urn(_)) => {
                        path.push(TargetStep::Each)
                    }
                    _ => continue,
                }
                keys.push((p.name.clone(), path));
            }
        }
        found.push(keys);
    }
    for (method, keys) in api
        .resources
        .iter_mut()
        .flat_map(|r| &mut r.methods)
        .zip(found)
    {
        method.key_targets = keys;
    }
}

/// The types that hold a target, themselves or through the types they contain: the only ones
/// [`target_paths`] needs to enter, so its recursion never follows a long chain of types that
/// hold none (found breadth-first from the types with a marked field or member).
fn holding_targets(api: &Api) -> BTreeSet<&str> {
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut queue: Vec<&str> = Vec::new();
    for def in &api.types {
        let marked = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().any(|f| f.target),
            TypeKind::Union(u) => u.members.iter().any(|m| m.target),
            _ => false,
        };
        if marked {
            queue.push(&def.name);
        }
        for t in def.contained_types() {
            if let TypeRef::Named(inner) = innermost(t) {
                holders.entry(inner).or_default().push(&def.name);
            }
        }
    }
    let mut holding = BTreeSet::new();
    while let Some(name) = queue.pop() {
        if holding.insert(name) {
            queue.extend(holders.get(name).into_iter().flatten());
        }
    }
    holding
}

/// The target paths under `ty`, reached by `path`; `visiting` stops at a type that contains
/// itself. `hidden` names a type whose targets no path can reach.
fn target_paths<'a>(
    ty: &'a TypeRef,
    defs: &BTreeMap<&str, &'a TypeDef>,
    visiting: &mut Vec<&'a str>,
    path: &mut TargetPath,
    out: &mut Vec<TargetPath>,
    hidden: &mut Option<String>,
) {
    // A target's own value: one URN, or each of a list of them.
    let urns = |path: &TargetPath, ty: &TypeRef, out: &mut Vec<TargetPath>| {
        let mut path = path.clone();
        if matches!(ty, TypeRef::List(_)) {
            path.push(TargetStep::Each);
        }
        out.push(path);
    };
    let def = match ty {
        TypeRef::List(inner) => {
            path.push(TargetStep::Each);
            target_paths(inner, defs, visiting, path, out, hidden);
            path.pop();
            return;
        }
        TypeRef::Named(name) => match defs.get(name.as_str()) {
            Some(def) if !visiting.contains(&name.as_str()) => *def,
            _ => return,
        },
        // Nor into a map's values, for the same reason.
        TypeRef::Map(inner) => {
            if let TypeRef::Named(name) = innermost(inner)
                && defs.contains_key(name.as_str())
            {
                hidden.get_or_insert_with(|| format!("a map of `{name}`"));
            }
            return;
        }
        _ => return,
    };
    visiting.push(&def.name);
    match &def.kind {
        TypeKind::Struct(s) => {
            for f in &s.fields {
                path.push(TargetStep::Field {
                    name: f.name.clone(),
                    presence: f.presence,
                    boxed: f.boxed,
                });
                if f.target {
                    urns(path, &f.ty, out);
                } else {
                    target_paths(&f.ty, defs, visiting, path, out, hidden);
                }
                path.pop();
            }
        }
        TypeKind::Union(u) => {
            let mut unknown = true;
            for m in &u.members {
                path.push(TargetStep::Member {
                    union: def.name.clone(),
                    variant: m.name.clone(),
                    boxed: m.boxed,
                    unknown: m.target && std::mem::take(&mut unknown),
                });
                if m.target {
                    urns(path, &m.ty, out);
                } else {
                    target_paths(&m.ty, defs, visiting, path, out, hidden);
                }
                path.pop();
            }
        }
        // No step goes into an alternative or a wrapper (no request body needs one): a target
        // there is an error rather than a target silently not checked.
        TypeKind::OneOf(_) | TypeKind::Newtype(_) => {
            hidden.get_or_insert_with(|| format!("`{}`", def.name));
        }
        TypeKind::Enum(_) => {}
    }
    visiting.pop();
}

fn response_types(r: &Response) -> Vec<&TypeRef> {
    match r {
        Response::Empty => vec![],
        Response::Json(t) | Response::ActionValue(t) | Response::CreatedId(t) => vec![t],
        Response::Created(a, b) => vec![a, b],
    }
}

/// Every named type `ty` mentions, transitively. A worklist, not recursion: chains of types
/// through lists and maps have no depth limit.
fn reach(ty: &TypeRef, defs: &BTreeMap<String, TypeDef>, out: &mut BTreeSet<String>) {
    let mut work = vec![ty];
    while let Some(ty) = work.pop() {
        if let TypeRef::Named(name) = innermost(ty)
            && out.insert(name.clone())
            && let Some(def) = defs.get(name)
        {
            work.extend(children(def, false));
        }
    }
}

/// The type inside any lists, maps and envelopes.
fn innermost(t: &TypeRef) -> &TypeRef {
    let mut t = t;
    while let TypeRef::List(i) | TypeRef::Map(i) | TypeRef::Envelope(_, i) = t {
        t = i;
    }
    t
}

/// The types a definition contains. With `direct_only`, only the named types stored inline (a
/// `Vec` or map already puts its elements on the heap, so it cannot make a type infinitely large;
/// an action envelope holds its value inline).
fn children(def: &TypeDef, direct_only: bool) -> Vec<&TypeRef> {
    let all = def.contained_types();
    if direct_only {
        all.into_iter().filter_map(stored_inline).collect()
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
                    if let Some(TypeRef::Named(n)) = stored_inline(&f.ty) {
                        f.boxed = reaches(n, &owner);
                    }
                }
            }
            TypeKind::Union(u) => {
                for m in &mut u.members {
                    if let Some(TypeRef::Named(n)) = stored_inline(&m.ty) {
                        m.boxed = reaches(n, &owner);
                    }
                }
            }
            // A cycle through these also passes through a struct field or union member (see
            // `check_decodable`), which is boxed.
            TypeKind::OneOf(_) | TypeKind::Newtype(_) | TypeKind::Enum(_) => {}
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
    let type_names: BTreeSet<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
    for t in &api.types {
        if let TypeKind::Struct(s) = &t.kind
            && let Some(args) = s.required_args_type(&t.name)
            && type_names.contains(args.as_str())
        {
            return root.from_ref(&t.origin).fail(format!(
                "`{}` has more than {POSITIONAL_LIMIT} required fields, so its constructor takes a `{args}`, but a schema already has that name; rename it",
                t.name
            ));
        }
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

/// Refuses a type that contains itself through `oneOf` alternatives and wrappers alone, with no
/// JSON object or key in between (`A: oneOf: [B, string]`, `B: oneOf: [A, number]`). No value
/// has such a shape: untagged decoding would try `A` inside `A` without consuming any input and
/// never stop, and the Rust type would be infinitely large.
pub fn check_decodable(api: &Api, root: &Ptr) -> Result<()> {
    let graph = type_graph(api, |def| match &def.kind {
        TypeKind::OneOf(o) => o.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Newtype(t) => vec![t],
        _ => Vec::new(),
    });
    for scc in tarjan_scc(&graph) {
        let cyclic = scc.len() > 1 || graph.contains_edge(scc[0], scc[0]);
        if !cyclic {
            continue;
        }
        let mut names: Vec<&str> = scc.iter().map(|&n| graph[n].name.as_str()).collect();
        names.sort_unstable();
        let first = names[0];
        let origin = api
            .types
            .iter()
            .find(|t| t.name == first)
            .map_or("#", |t| t.origin.as_str());
        return root.from_ref(origin).fail(format!(
            "`{first}` contains itself through `oneOf` alternatives alone ({}), with no object property in between: no JSON value has that shape; make one alternative an object that holds the other",
            names.join(", ")
        ));
    }
    Ok(())
}

/// How many generated types may nest inside one another, stored inline (a field holding a
/// struct holding a struct…; a `Vec` or map puts its elements on the heap and ends the chain).
/// The compiler computes layouts and drop checks through such chains and gives up past its
/// query depth limit: measured with `cargo check`, 60 nested objects compile and 75 do not
/// ("queries overflow the depth limit", E0275, E0320). The limit leaves a wide margin; LinkedIn's
/// deepest chains are a few types long.
pub const MAX_TYPE_NESTING: usize = 32;

/// Refuses types nested inline deeper than [`MAX_TYPE_NESTING`]: their code would not compile.
/// The depth is bounded from above: a group of mutually recursive types counts with all its
/// members (the compiler may walk each before it meets the cycle).
pub fn check_nesting(api: &Api, root: &Ptr) -> Result<()> {
    let graph = type_graph(api, |def| {
        def.contained_types()
            .into_iter()
            .filter_map(stored_inline)
            .collect()
    });
    // Depth of each strongly connected group; `tarjan_scc` lists a group after every group it
    // reaches, so successors are known when a group is reached.
    let sccs = tarjan_scc(&graph);
    let mut group_of = vec![0; graph.node_count()];
    for (i, scc) in sccs.iter().enumerate() {
        for n in scc {
            group_of[n.index()] = i;
        }
    }
    let mut depth = vec![0usize; sccs.len()];
    let mut next: Vec<Option<usize>> = vec![None; sccs.len()];
    for (i, scc) in sccs.iter().enumerate() {
        let own = scc.len();
        let mut deepest: Option<usize> = None;
        for &n in scc {
            for succ in graph.neighbors(n) {
                let g = group_of[succ.index()];
                if g != i && deepest.is_none_or(|d| depth[g] > depth[d]) {
                    deepest = Some(g);
                }
            }
        }
        depth[i] = own + deepest.map_or(0, |d| depth[d]);
        next[i] = deepest;
    }
    let Some(worst) = (0..sccs.len()).max_by_key(|&i| (depth[i], std::cmp::Reverse(i))) else {
        return Ok(());
    };
    if depth[worst] <= MAX_TYPE_NESTING {
        return Ok(());
    }
    let name_of = |g: usize| {
        sccs[g]
            .iter()
            .map(|&n| graph[n].name.as_str())
            .min()
            .unwrap_or_default()
    };
    let mut chain = vec![name_of(worst)];
    let mut at = next[worst];
    while let Some(g) = at {
        chain.push(name_of(g));
        at = next[g];
    }
    let shown = if chain.len() > 6 {
        format!(
            "{} → … → {}",
            chain[..3].join(" → "),
            chain[chain.len() - 1]
        )
    } else {
        chain.join(" → ")
    };
    let origin = api
        .types
        .iter()
        .find(|t| t.name == chain[0])
        .map_or("#", |t| t.origin.as_str());
    root.from_ref(origin).fail(format!(
        "types nest {} deep from here, each stored inside the one before ({shown}); the Rust compiler cannot check types nested that deep (error E0275), so at most {MAX_TYPE_NESTING} are generated; flatten the schema, or hold the inner objects in an array or map",
        depth[worst]
    ))
}

/// The named type `t` stores inline, if any: through an action envelope (`{"value": T}`), but
/// not through a list, map or collection, whose elements are on the heap.
fn stored_inline(t: &TypeRef) -> Option<&TypeRef> {
    match t {
        TypeRef::Named(_) => Some(t),
        TypeRef::Envelope(Envelope::Action, i) => stored_inline(i),
        _ => None,
    }
}

/// The graph of named types, with an edge for each named type `edges` lists for a definition.
fn type_graph<'a>(
    api: &'a Api,
    edges: impl Fn(&'a TypeDef) -> Vec<&'a TypeRef>,
) -> DiGraph<&'a TypeDef, ()> {
    let mut graph = DiGraph::new();
    let index: BTreeMap<&str, NodeIndex> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), graph.add_node(t)))
        .collect();
    for def in &api.types {
        let Some(&from) = index.get(def.name.as_str()) else {
            continue;
        };
        for t in edges(def) {
            if let TypeRef::Named(n) = t
                && let Some(&to) = index.get(n.as_str())
            {
                graph.update_edge(from, to, ());
            }
        }
    }
    graph
}

/// Marks the structs shaped like Rest.li patches ([`PatchRole`]), so their methods can reach
/// into `$set` and `$delete`. A record patch has a `$set` record (whose fields all start empty
/// unless `$set` itself is required), maybe a `$delete` list of strings or of an enum of `$set`
/// fields, and otherwise only optional fields holding record patches of sub-records; a body is
/// `{"patch": R}` with `R` a record patch, and nothing else. A record patch without `$set` only
/// nests (a comment's patch edits its `message`), and then one sub-record patch may be required:
/// `new` takes that patch's arguments. A shape that does not fit keeps the plain constructor and
/// setters.
pub fn recognize_patches(api: &mut Api) {
    let defs: BTreeMap<&str, &TypeDef> = api.types.iter().map(|t| (t.name.as_str(), t)).collect();
    // Sub-record patches must be recognized before the records holding them: repeat until
    // nothing new is found (patches nest a level or two).
    let mut records: BTreeMap<String, Vec<String>> = BTreeMap::new();
    loop {
        let found: Vec<(String, Vec<String>)> = api
            .types
            .iter()
            .filter(|t| !records.contains_key(&t.name))
            .filter_map(|t| Some((t.name.clone(), record_patch(t, &defs, &records)?)))
            .collect();
        if found.is_empty() {
            break;
        }
        records.extend(found);
    }
    let bodies: BTreeSet<String> = api
        .types
        .iter()
        .filter(|t| match &t.kind {
            TypeKind::Struct(s) => {
                s.additional.is_none()
                    && matches!(s.fields.as_slice(), [f] if f.wire == "patch"
                        && f.presence == Presence::Required
                        && !f.boxed
                        && matches!(&f.ty, TypeRef::Named(r) if records.contains_key(r)))
            }
            _ => false,
        })
        .map(|t| t.name.clone())
        .collect();
    for m in api.resources.iter_mut().flat_map(|r| &mut r.methods) {
        m.patch_body = matches!(&m.body, Some(TypeRef::Named(b)) if bodies.contains(b));
    }
    for def in &mut api.types {
        if let TypeKind::Struct(s) = &mut def.kind {
            if let Some(clearable) = records.get(&def.name) {
                s.patch = Some(PatchRole::Record {
                    clearable: clearable.clone(),
                });
            } else if bodies.contains(&def.name) {
                s.patch = Some(PatchRole::Body);
            }
        }
    }
}

/// The clearable fields of `def` if it is a record patch (see [`recognize_patches`]).
fn record_patch(
    def: &TypeDef,
    defs: &BTreeMap<&str, &TypeDef>,
    records: &BTreeMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let TypeKind::Struct(s) = &def.kind else {
        return None;
    };
    // Without `$set`, the patch only nests (a comment's edits its `message`).
    let set = s.fields.iter().find(|f| f.wire == "$set");
    let fields = match set {
        Some(set) => {
            let TypeRef::Named(set_ty) = &set.ty else {
                return None;
            };
            let TypeKind::Struct(fields) = &defs.get(set_ty.as_str())?.kind else {
                return None;
            };
            let optional_set = set.presence == Presence::Optional;
            if fields.additional.is_some()
                || set.boxed
                || set.presence == Presence::Nullable
                || (optional_set && fields.required().next().is_some())
            {
                return None;
            }
            Some(fields)
        }
        None => None,
    };
    // `{"patch": R}` is a PARTIAL_UPDATE body (below), not a record nesting a patch of `patch`.
    if s.additional.is_some() || (set.is_none() && s.fields.iter().any(|f| f.wire == "patch")) {
        return None;
    }
    let settable: Vec<&Field> = fields
        .iter()
        .flat_map(|fields| &fields.fields)
        .filter(|f| f.presence == Presence::Optional)
        .collect();
    let mut clearable = Vec::new();
    let mut methods: Vec<String> = settable.iter().map(|f| f.name.clone()).collect();
    let (mut nested_fields, mut required_nested) = (0, 0);
    for f in &s.fields {
        match f.wire.as_str() {
            "$set" => {}
            "$delete" => {
                let TypeRef::List(item) = &f.ty else {
                    return None;
                };
                if f.presence != Presence::Optional || set.is_none() {
                    return None;
                }
                clearable = match item.as_ref() {
                    TypeRef::String => settable.iter().map(|f| f.wire.clone()).collect(),
                    TypeRef::Named(e) => match &defs.get(e.as_str())?.kind {
                        // Every value must name a field `$set` can hold.
                        TypeKind::Enum(en) => settable
                            .iter()
                            .filter(|f| en.variants.iter().any(|v| v.wire == f.wire))
                            .map(|f| f.wire.clone())
                            .collect(),
                        _ => return None,
                    },
                    _ => return None,
                };
                if let TypeRef::Named(e) = item.as_ref()
                    && let TypeKind::Enum(en) = &defs.get(e.as_str())?.kind
                    && en.variants.len() != clearable.len()
                {
                    return None;
                }
            }
            _ => {
                let nested = matches!(&f.ty, TypeRef::Named(n) if records.contains_key(n));
                // A required sub-record patch is one `new` builds from its own arguments: only
                // where no `$set` (or second one) gives `new` arguments too.
                let required = f.presence == Presence::Required && set.is_none();
                if !(f.presence == Presence::Optional || required) || f.boxed || !nested {
                    return None;
                }
                nested_fields += 1;
                if required {
                    required_nested += 1;
                } else {
                    methods.push(f.name.clone());
                }
            }
        }
    }
    if (set.is_none() && nested_fields == 0) || required_nested > 1 {
        return None;
    }
    // The methods are named after the fields, `clear_` ones after the clearable fields: they
    // must not meet each other or `new`.
    for wire in &clearable {
        let name = settable.iter().find(|f| &f.wire == wire)?.name.clone();
        methods.push(format!("clear_{}", crate::naming::unraw(&name)));
    }
    methods.push("new".to_owned());
    let unique: BTreeSet<&String> = methods.iter().collect();
    (unique.len() == methods.len()).then_some(clearable)
}
