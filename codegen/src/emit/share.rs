//! One copy of what did not change: a type, or a resource with its operations, that is the same
//! in several specs is emitted once, in `shared/`, and each of those specs' modules re-exports
//! it, so `v202601::Post` and `v202606::Post` are one Rust type when LinkedIn did not change it.
//!
//! The unit is a named type or a resource (its accessor struct, parameters structs and
//! operation impls). Identity is computed over the model, transitively: a unit's own part is its
//! model, its module and where each type it names is placed; two specs' units are the same when
//! their own parts are equal and every unit they name is the same. A type that holds a changed
//! type is changed, because it would hold another Rust type. Units that name each other (a
//! cycle, such as a recursive type) are decided together, one strongly connected component at a
//! time, dependencies first.
//!
//! Units of one module with the same set of specs form a group, emitted once as
//! `shared/<module>_<first spec>.rs` (the oldest spec that has it, so the name does not change
//! when a newer month reuses it; `_<last spec>` is added when two groups of a module start at the
//! same spec). A spec's module is then one of:
//! - a group, re-exported under the module's name, when the group is the whole module;
//! - its own file, as before sharing, when no other spec has any of its units;
//! - its own file holding its own units and a glob re-export of each group it uses.
//!
//! A group is compiled when any month of any spec using it is enabled.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use serde_json::Value;

use super::Version;
use crate::ir::{Api, Resource, TypeDef};

/// What is shared and how each spec's modules are made.
#[derive(Debug, Default)]
pub(super) struct Layout {
    /// Per spec (in input order), per module: how it is emitted.
    pub(super) modules: Vec<BTreeMap<String, Module>>,
    /// Per spec: each shared type, and the group it is in.
    pub(super) type_groups: Vec<BTreeMap<String, String>>,
    /// The groups, by their name in `shared/`.
    pub(super) groups: BTreeMap<String, Group>,
}

/// How one spec's module is emitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Module {
    /// The spec's own file; nothing in it is shared.
    Own,
    /// The whole module is this group: `pub use super::shared::<group> as <module>;`.
    Group(String),
    /// The spec's own file with its own units and a glob re-export of each of these groups.
    Mixed(Vec<String>),
}

/// Units of one module emitted once for several specs.
#[derive(Debug)]
pub(super) struct Group {
    /// The module they belong to in each spec (`posts`).
    pub(super) module: String,
    /// The specs using it (input indices, ascending); the first is the one it is emitted from.
    pub(super) specs: Vec<usize>,
    /// Whether the module's resource is in it.
    pub(super) resource: bool,
    /// The types in it, by name.
    pub(super) types: BTreeSet<String>,
}

impl Group {
    /// Its units: the resource (`None`) if it has it, then its types.
    pub(super) fn units(&self) -> impl Iterator<Item = Option<&str>> {
        self.resource
            .then_some(None)
            .into_iter()
            .chain(self.types.iter().map(|t| Some(t.as_str())))
    }
}

impl Layout {
    /// Whether `spec`'s unit is shared: the module's resource (`None`) or a type.
    pub(super) fn is_shared(&self, spec: usize, module: &str, ty: Option<&str>) -> bool {
        match ty {
            Some(name) => self.type_groups[spec].contains_key(name),
            None => {
                let has_resource = |g: &String| self.groups.get(g).is_some_and(|g| g.resource);
                match self.modules[spec].get(module) {
                    Some(Module::Group(g)) => has_resource(g),
                    Some(Module::Mixed(gs)) => gs.iter().any(has_resource),
                    Some(Module::Own) | None => false,
                }
            }
        }
    }
}

/// The modules a spec's bindings have: one per resource, and `common` when a type is there.
pub(super) fn modules_of(api: &Api) -> BTreeSet<&str> {
    api.resources
        .iter()
        .map(|r| r.module.as_str())
        .chain(api.types.iter().map(|t| t.module.as_str()))
        .collect()
}

/// A unit of sharing inside one spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Unit<'a> {
    /// A module's resource, by module.
    Resource(&'a str),
    /// A named type, by name.
    Type(&'a str),
}

/// The model of one unit, as far as its emitted code can depend on it.
#[derive(Serialize)]
struct OwnPart<'a> {
    module: &'a str,
    resource: Option<&'a Resource>,
    ty: Option<&'a TypeDef>,
    /// Every type it names, with the module it is placed in.
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

/// Decides which units are shared and how each spec's modules are made.
pub(super) fn plan(versions: &[Version<'_>]) -> Result<Layout, String> {
    let mut own_parts = Interner(HashMap::new());
    let mut components = Interner(HashMap::new());
    let mut classes = Interner(HashMap::new());
    // Per class: its module, whether it is a resource, its type name, and its specs.
    let mut users: BTreeMap<usize, (String, Option<String>, Vec<usize>)> = BTreeMap::new();
    // Per spec: unit → (class, the units it names).
    let mut units_of: Vec<BTreeMap<Unit<'_>, (usize, BTreeSet<Unit<'_>>)>> = Vec::new();

    for (index, v) in versions.iter().enumerate() {
        let api = v.api;
        let placement: BTreeMap<&str, &str> = api
            .types
            .iter()
            .map(|t| (t.name.as_str(), t.module.as_str()))
            .collect();
        let units: Vec<(Unit<'_>, OwnPart<'_>)> = api
            .resources
            .iter()
            .map(|r| own_part(&r.module, Some(r), None, &placement))
            .chain(
                api.types
                    .iter()
                    .map(|t| own_part(&t.module, None, Some(t), &placement)),
            )
            .collect::<Result<_, _>>()?;
        let mut graph = DiGraph::<Unit<'_>, ()>::new();
        let nodes: BTreeMap<Unit<'_>, NodeIndex> = units
            .iter()
            .map(|(u, _)| (*u, graph.add_node(*u)))
            .collect();
        let mut own: BTreeMap<Unit<'_>, usize> = BTreeMap::new();
        let mut names: BTreeMap<Unit<'_>, BTreeSet<Unit<'_>>> = BTreeMap::new();
        for (unit, part) in &units {
            let targets: BTreeSet<Unit<'_>> = part
                .placements
                .keys()
                .filter_map(|n| {
                    placement
                        .get_key_value(n.as_str())
                        .map(|(k, _)| Unit::Type(k))
                })
                .filter(|t| t != unit)
                .collect();
            for target in &targets {
                graph.add_edge(nodes[unit], nodes[target], ());
            }
            let key = serde_json::to_string(part)
                .map_err(|e| format!("cannot serialize {unit:?}: {e}"))?;
            own.insert(*unit, own_parts.id(key));
            names.insert(*unit, targets);
        }
        let mut classes_here: BTreeMap<Unit<'_>, usize> = BTreeMap::new();
        // Tarjan gives components dependencies first, so every unit a component names outside
        // itself already has its class.
        for component in tarjan_scc(&graph) {
            let members: BTreeSet<Unit<'_>> = component.iter().map(|n| graph[*n]).collect();
            let outside: BTreeSet<(Unit<'_>, usize)> = members
                .iter()
                .flat_map(|m| &names[m])
                .filter(|m| !members.contains(m))
                .map(|m| (*m, classes_here[m]))
                .collect();
            let inside: Vec<(Unit<'_>, usize)> = members.iter().map(|m| (*m, own[m])).collect();
            let component_id = components.id(format!("{inside:?} -> {outside:?}"));
            for member in members {
                let class = classes.id((component_id, format!("{member:?}")));
                classes_here.insert(member, class);
                let (module, ty) = match member {
                    Unit::Resource(m) => (m, None),
                    Unit::Type(t) => (placement[t], Some(t.to_owned())),
                };
                users
                    .entry(class)
                    .or_insert_with(|| (module.to_owned(), ty, Vec::new()))
                    .2
                    .push(index);
            }
        }
        units_of.push(
            classes_here
                .into_iter()
                .map(|(u, c)| (u, (c, names.remove(&u).unwrap_or_default())))
                .collect(),
        );
    }

    // Groups: the shared units of one module with one set of specs.
    let mut by_key: BTreeMap<(String, Vec<usize>), Group> = BTreeMap::new();
    let mut class_group: BTreeMap<usize, (String, Vec<usize>)> = BTreeMap::new();
    for (class, (module, ty, specs)) in users {
        if specs.len() < 2 {
            continue;
        }
        let key = (module.clone(), specs.clone());
        let group = by_key.entry(key.clone()).or_insert_with(|| Group {
            module,
            specs,
            resource: false,
            types: BTreeSet::new(),
        });
        match ty {
            Some(t) => {
                group.types.insert(t);
            }
            None => group.resource = true,
        }
        class_group.insert(class, key);
    }
    let mut names_of: BTreeMap<(String, Vec<usize>), String> = BTreeMap::new();
    let mut layout = Layout {
        modules: vec![BTreeMap::new(); versions.len()],
        type_groups: vec![BTreeMap::new(); versions.len()],
        groups: BTreeMap::new(),
    };
    // Of the groups of a module starting at one spec, the one used longest gets the plain name.
    let mut ordered: Vec<((String, Vec<usize>), Group)> = by_key.into_iter().collect();
    ordered.sort_by(|(a, _), (b, _)| {
        (&a.0, a.1[0], std::cmp::Reverse(a.1.len()), &a.1).cmp(&(
            &b.0,
            b.1[0],
            std::cmp::Reverse(b.1.len()),
            &b.1,
        ))
    });
    for (key, group) in ordered {
        let spec_name = |i: usize| {
            let m = &versions[i].module;
            m.strip_prefix('s').unwrap_or(m).to_owned()
        };
        let base = format!(
            "{}_{}",
            group.module.trim_start_matches("r#"),
            spec_name(group.specs[0])
        );
        let mut name = base.clone();
        if layout.groups.contains_key(&name) {
            name = format!("{base}_{}", spec_name(group.specs[group.specs.len() - 1]));
        }
        let mut n = 2;
        while layout.groups.contains_key(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names_of.insert(key, name.clone());
        layout.groups.insert(name, group);
    }

    for (spec, (v, units)) in versions.iter().zip(&units_of).enumerate() {
        let mut per_module: BTreeMap<&str, (BTreeSet<String>, bool)> = BTreeMap::new();
        for module in modules_of(v.api) {
            per_module.insert(module, (BTreeSet::new(), false));
        }
        for (unit, (class, _)) in units {
            let module = match unit {
                Unit::Resource(m) => *m,
                Unit::Type(t) => v
                    .api
                    .types
                    .iter()
                    .find(|d| d.name == *t)
                    .map(|d| d.module.as_str())
                    .unwrap_or_default(),
            };
            let entry = per_module.entry(module).or_default();
            match class_group.get(class) {
                Some(key) => {
                    let name = names_of[key].clone();
                    if let Unit::Type(t) = unit {
                        layout.type_groups[spec].insert((*t).to_owned(), name.clone());
                    }
                    entry.0.insert(name);
                }
                None => entry.1 = true,
            }
        }
        for (module, (groups, has_own)) in per_module {
            let made = match (groups.len(), has_own) {
                (0, _) => Module::Own,
                (1, false) => Module::Group(groups.into_iter().next().unwrap_or_default()),
                _ => Module::Mixed(groups.into_iter().collect()),
            };
            layout.modules[spec].insert(module.to_owned(), made);
        }
        // A shared unit names only shared units: the same unit in several specs names the same
        // units, which are therefore in all those specs too.
        for (unit, (class, named)) in units {
            if !class_group.contains_key(class) {
                continue;
            }
            for target in named {
                if let Unit::Type(t) = target
                    && !layout.type_groups[spec].contains_key(*t)
                {
                    return Err(format!(
                        "shared {unit:?} of {} names type `{t}`, which is not shared",
                        v.module
                    ));
                }
            }
        }
    }
    Ok(layout)
}

/// A unit's own part of the model. The types it names are found by walking the serialized
/// model for `TypeRef::Named`, so a new place a type can be named cannot be missed here.
fn own_part<'a>(
    module: &'a str,
    resource: Option<&'a Resource>,
    ty: Option<&'a TypeDef>,
    placement: &BTreeMap<&str, &'a str>,
) -> Result<(Unit<'a>, OwnPart<'a>), String> {
    let unit = match ty {
        Some(t) => Unit::Type(&t.name),
        None => Unit::Resource(module),
    };
    let value = serde_json::to_value((resource, ty))
        .map_err(|e| format!("cannot serialize {unit:?}: {e}"))?;
    let mut named = BTreeSet::new();
    named_types(&value, &mut named);
    let placements = named
        .into_iter()
        .map(|name| {
            let at = placement.get(name.as_str()).copied().unwrap_or("");
            (name, at)
        })
        .collect();
    Ok((
        unit,
        OwnPart {
            module,
            resource,
            ty,
            placements,
        },
    ))
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
