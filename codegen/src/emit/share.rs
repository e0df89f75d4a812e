//! One copy of what did not change: a module that is the same in several specs is emitted once,
//! in `shared/`, and each of those specs re-exports it under its own name, so
//! `v202601::Post` and `v202606::Post` are one Rust type when LinkedIn did not change it.
//!
//! Identity is computed over the model, transitively. A module's own part is its resource, the
//! types placed in it, and where each type it names outside itself is placed. Two specs' modules
//! are the same when their own parts are equal and every module they name is the same: a
//! module that names a changed module is changed, even if its own text did not move, because
//! the types it holds would hold other types. Modules that name each other (a cycle) are
//! decided together, one strongly connected component at a time, dependencies first.
//!
//! A module the same in two or more specs is `shared/<module>_<first spec>` (the oldest spec
//! that has it, so the name does not change when a newer month reuses it); a module only one
//! spec has stays in that spec's folder. A shared module is compiled when any month of any spec
//! using it is enabled.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use serde_json::Value;

use super::Version;
use crate::ir::{Api, Resource, TypeDef};

/// Where each spec's modules are emitted.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Per spec (in input order): each module that is shared, and the shared module it is.
    pub(super) renames: Vec<BTreeMap<String, String>>,
    /// The shared modules, by their name in `shared/`.
    pub(super) shared: BTreeMap<String, Shared>,
}

/// A module emitted once for several specs.
#[derive(Debug)]
pub(super) struct Shared {
    /// Its name inside each spec (`posts`).
    pub(super) module: String,
    /// The specs using it (input indices, ascending); the first is the one it is emitted from.
    pub(super) specs: Vec<usize>,
}

/// The modules a spec's bindings have: one per resource, and `common` when a type is there.
pub(super) fn modules_of(api: &Api) -> BTreeSet<&str> {
    api.resources
        .iter()
        .map(|r| r.module.as_str())
        .chain(api.types.iter().map(|t| t.module.as_str()))
        .collect()
}

/// The model of one module, as far as its emitted code can depend on it.
#[derive(Serialize)]
struct OwnPart<'a> {
    module: &'a str,
    resource: Option<&'a Resource>,
    types: Vec<&'a TypeDef>,
    /// Every type named outside the module, with the module it is placed in.
    placements: BTreeMap<String, &'a str>,
}

/// Hands out one number per distinct key, in first-seen order.
struct Interner<K>(HashMap<K, usize>);

impl<K: std::hash::Hash + Eq> Interner<K> {
    fn id(&mut self, key: K) -> usize {
        let next = self.0.len();
        *self.0.entry(key).or_insert(next)
    }
}

/// Decides which modules are shared.
pub(super) fn plan(versions: &[Version<'_>]) -> Result<Layout, String> {
    let mut own_parts = Interner(HashMap::new());
    let mut components = Interner(HashMap::new());
    let mut classes = Interner(HashMap::new());
    // Per module class: its module name and the specs that have it.
    let mut users: BTreeMap<usize, (String, Vec<usize>)> = BTreeMap::new();
    // Per spec: module → the other modules it names.
    let mut names: Vec<BTreeMap<String, BTreeSet<String>>> = Vec::new();

    for (index, v) in versions.iter().enumerate() {
        let api = v.api;
        let placement: BTreeMap<&str, &str> = api
            .types
            .iter()
            .map(|t| (t.name.as_str(), t.module.as_str()))
            .collect();
        let modules: Vec<&str> = modules_of(api).into_iter().collect();
        let mut graph = DiGraph::<&str, ()>::new();
        let nodes: BTreeMap<&str, NodeIndex> =
            modules.iter().map(|m| (*m, graph.add_node(*m))).collect();
        let mut own: BTreeMap<&str, usize> = BTreeMap::new();
        let mut names_here = BTreeMap::new();
        for module in &modules {
            let part = own_part(api, module, &placement)?;
            let targets: BTreeSet<&str> = part
                .placements
                .values()
                .copied()
                .filter(|t| nodes.contains_key(t))
                .collect();
            for target in &targets {
                graph.add_edge(nodes[module], nodes[target], ());
            }
            names_here.insert(
                module.to_string(),
                targets.into_iter().map(str::to_owned).collect(),
            );
            let key = serde_json::to_string(&part)
                .map_err(|e| format!("cannot serialize module `{module}`: {e}"))?;
            own.insert(module, own_parts.id(key));
        }
        let mut classes_here: BTreeMap<&str, usize> = BTreeMap::new();
        // Tarjan gives components dependencies first, so every module a component names
        // outside itself already has its class.
        for component in tarjan_scc(&graph) {
            let members: BTreeSet<&str> = component.iter().map(|n| graph[*n]).collect();
            let outside: BTreeSet<(&str, usize)> = component
                .iter()
                .flat_map(|n| graph.neighbors(*n))
                .map(|n| graph[n])
                .filter(|m| !members.contains(m))
                .map(|m| (m, classes_here[m]))
                .collect();
            let inside: Vec<(&str, usize)> = members.iter().map(|m| (*m, own[m])).collect();
            let component_id = components.id(format!("{inside:?} -> {outside:?}"));
            for member in members {
                let class = classes.id((component_id, member.to_owned()));
                classes_here.insert(member, class);
                users
                    .entry(class)
                    .or_insert_with(|| (member.to_owned(), Vec::new()))
                    .1
                    .push(index);
            }
        }
        names.push(names_here);
    }

    let mut layout = Layout {
        renames: vec![BTreeMap::new(); versions.len()],
        shared: BTreeMap::new(),
    };
    for (module, specs) in users.into_values() {
        if specs.len() < 2 {
            continue;
        }
        let first = &versions[specs[0]].module;
        let name = format!(
            "{}_{}",
            module.trim_start_matches("r#"),
            first.strip_prefix('s').unwrap_or(first)
        );
        for spec in &specs {
            layout.renames[*spec].insert(module.clone(), name.clone());
        }
        if layout
            .shared
            .insert(name.clone(), Shared { module, specs })
            .is_some()
        {
            return Err(format!("two shared modules would be named `{name}`"));
        }
    }
    // The same module in several specs names the same modules, so those are shared too: a
    // shared module only ever names its siblings in `shared/`.
    for (name, shared) in &layout.shared {
        let first = shared.specs[0];
        for target in &names[first][&shared.module] {
            if !layout.renames[first].contains_key(target) {
                return Err(format!(
                    "shared module `{name}` names module `{target}`, which is not shared"
                ));
            }
        }
    }
    Ok(layout)
}

/// A module's own part of the model. The types it names are found by walking the serialized
/// model for `TypeRef::Named`, so a new place a type can be named cannot be missed here.
fn own_part<'a>(
    api: &'a Api,
    module: &'a str,
    placement: &BTreeMap<&str, &'a str>,
) -> Result<OwnPart<'a>, String> {
    let resource = api.resources.iter().find(|r| r.module == module);
    let types: Vec<&TypeDef> = api.types.iter().filter(|t| t.module == module).collect();
    let value = serde_json::to_value((resource, &types))
        .map_err(|e| format!("cannot serialize module `{module}`: {e}"))?;
    let mut named = BTreeSet::new();
    named_types(&value, &mut named);
    let placements = named
        .into_iter()
        .filter_map(|name| {
            let at = placement.get(name.as_str()).copied().unwrap_or("");
            (at != module).then_some((name, at))
        })
        .collect();
    Ok(OwnPart {
        module,
        resource,
        types,
        placements,
    })
}

/// Every `TypeRef::Named` in a serialized model (`{"Named": "Post"}`).
fn named_types(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(Value::String(name)) = map.get("Named")
            {
                out.insert(name.clone());
            }
            map.values().for_each(|v| named_types(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| named_types(v, out)),
        _ => {}
    }
}
