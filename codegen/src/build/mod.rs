//! Stage 2 — build: an OpenAPI document to the intermediate model ([`crate::ir::Api`]).
//!
//! Resolution and validation happen here, as the model is built: every `$ref`, parameter,
//! extension and path template is checked, and the first problem is returned with its JSON
//! pointer. After the walk, passes decide what the walk cannot know locally:
//! [`passes::check_decodable`] refuses a type that contains itself through `oneOf` alternatives
//! alone, [`passes::check_nesting`] types nested deeper than rustc can check,
//! [`passes::place_types`] puts each type in the module of the one resource that uses it (or
//! `common`), [`passes::box_recursion`] boxes fields that would make a type infinitely large,
//! and [`passes::recognize_patches`] marks the structs shaped like Rest.li patches.
//!
//! Recursion in a spec never recurses without end here: component schemas are memoized by
//! reference, named before descending when they define a type, tracked while being built when
//! they do not (a list of itself becomes a newtype), and the walk is bounded in depth.

mod ext;
mod operations;
pub mod passes;
mod refs;
mod types;

use std::collections::{BTreeMap, HashMap, HashSet};

use openapiv3::OpenAPI;

use crate::diag::{Ptr, Result};
use crate::ir::{Api, Resource, RuntimeOperation, TypeDef, TypeRef};
use crate::load::Spec;

/// Builds the model of one spec.
pub fn build(spec: &Spec) -> Result<Api> {
    let mut builder = Builder {
        doc: &spec.doc,
        root: spec.root.clone(),
        types: BTreeMap::new(),
        component_types: HashMap::new(),
        unnamed_in_progress: HashSet::new(),
        reentered: HashSet::new(),
        depth: 0,
        examples: BTreeMap::new(),
    };
    let (resources, runtime_operations) = builder.operations()?;
    let mut api = Api {
        version: spec.doc.info.version.clone(),
        title: spec.doc.info.title.clone(),
        types: builder.types.into_values().collect(),
        resources,
        runtime_operations,
        examples: std::mem::take(&mut builder.examples),
    };
    passes::check_decodable(&api, &spec.root)?;
    passes::check_nesting(&api, &spec.root)?;
    passes::place_types(&mut api);
    passes::box_recursion(&mut api);
    passes::body_targets(&mut api, &spec.root)?;
    passes::key_targets(&mut api);
    passes::recognize_patches(&mut api);
    passes::check_names(&api, &spec.root)?;
    Ok(api)
}

/// State of one build: the document and the types defined so far.
pub(crate) struct Builder<'a> {
    doc: &'a OpenAPI,
    root: Ptr,
    /// Named types by Rust name (a `BTreeMap`, so output order never depends on visit order).
    types: BTreeMap<String, TypeDef>,
    /// Component `$ref` → its type, memoized (and pre-seeded to resolve recursion).
    component_types: HashMap<String, TypeRef>,
    /// Components being built that have no name of their own yet (arrays, maps, `allOf`
    /// aliases, envelopes): meeting one again means a cycle that no pre-seeded name breaks.
    unnamed_in_progress: HashSet<String>,
    /// Those of `unnamed_in_progress` met again while being built.
    reentered: HashSet<String>,
    /// How many schemas deep the walk is, bounded so a deeply nested spec is an error, not a
    /// stack overflow.
    depth: usize,
    /// Each operation's documented answer (`operations::examples`).
    examples: BTreeMap<String, crate::ir::ResponseExample>,
}

type BuiltOperations = (Vec<Resource>, Vec<RuntimeOperation>);
