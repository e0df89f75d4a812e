//! Stage 3 — emit: the model to formatted Rust source.
//!
//! Tokens are built with `quote!`, parsed into a `syn::File` (which proves they are valid Rust)
//! and printed with `prettyplease`. Emission decides nothing about the API: names, placement and
//! types come from the model. It decides one thing about files: a type or resource several
//! specs have unchanged is written once, in `shared/` ([`share`]). Every file starts with the
//! `@generated` header.

mod examples;
mod format;
mod methods;
mod months;
mod share;
mod types;
mod uploads;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::*;

/// A generated file: the crate it belongs to, a path relative to that crate's generated root,
/// and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Which crate's generated tree the file is in.
    pub part: Part,
    /// Relative path, `/`-separated (`v202606/posts.rs`).
    pub path: String,
    /// Formatted Rust source, header included.
    pub contents: String,
}

/// The crates that hold generated code. The runtime (`linkedin-rest-runtime`) has what is the
/// same for every month and what it uses itself: the typed URNs and the `Version` enum. The
/// bindings (`linkedin-rest`) have everything per spec. Apart so that regenerating a month's
/// bindings does not recompile the runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// `linkedin-api/src/generated/`.
    Bindings,
    /// `runtime/src/generated/`.
    Runtime,
    /// `linkedin-cli/src/generated/`: the CLI's operation table ([`crate::tools`]).
    Cli,
}

/// One spec to emit: its module name (`s202401`), its model, its spec path (for the header) and
/// the months it governs.
pub struct Version<'a> {
    /// Module name of the spec's bindings.
    pub module: String,
    /// The model.
    pub api: &'a Api,
    /// The spec file, relative to the workspace root.
    pub spec_path: String,
    /// The months this spec governs (each gets a public `vYYYYMM` module and cargo feature).
    pub months: Vec<crate::registry::Month>,
}

/// Emits every file of the generated tree: `mod.rs`, `urn.rs`, `version.rs`, `months.rs`, one
/// folder per spec, and `shared/` for the types and resources several specs have unchanged (see
/// [`share`]). `as_of` is the registry's date for sunset status.
pub fn emit(versions: &[Version<'_>], as_of: &str) -> Result<Vec<File>, String> {
    let layout = share::plan(versions)?;
    let examples = examples::Examples::plan(versions);
    let mut files = Vec::new();
    let mut urns: BTreeSet<Vec<String>> = RUNTIME_URNS
        .iter()
        .map(|types| types.iter().map(|t| (*t).to_owned()).collect())
        .collect();
    for (spec, v) in versions.iter().enumerate() {
        collect_urns(v.api, &mut urns);
        files.extend(emit_version(v, spec, &layout, &examples)?);
    }
    files.push(file("examples.rs", "all specs", examples.file()?)?);
    if !layout.groups.is_empty() {
        files.extend(emit_shared(versions, &layout)?);
    }
    files.push(runtime_file("urn.rs", "all specs", urn_file(&urns))?);
    files.push(runtime_file(
        "mod.rs",
        "spec/versions.yaml",
        months::runtime_mod(),
    )?);
    files.push(file(
        "mod.rs",
        "spec/versions.yaml",
        months::root_mod(versions, !layout.groups.is_empty()),
    )?);
    files.push(file(
        "months.rs",
        "spec/versions.yaml",
        months::months_file(versions, as_of),
    )?);
    files.push(runtime_file(
        "version.rs",
        "spec/versions.yaml",
        months::version_enum(versions),
    )?);
    files.sort_by(|a, b| (a.part, &a.path).cmp(&(b.part, &b.path)));
    Ok(files)
}

/// Where each type of a spec is placed (type name → module).
fn placements(api: &Api) -> BTreeMap<&str, &str> {
    api.types
        .iter()
        .map(|t| (t.name.as_str(), t.module.as_str()))
        .collect()
}

/// A spec's own module files and its `mod.rs`. The layout says how each module is made: a
/// shared group re-exported whole, the spec's own file, or its own file re-exporting groups.
fn emit_version(
    v: &Version<'_>,
    spec: usize,
    layout: &share::Layout,
    examples: &examples::Examples<'_>,
) -> Result<Vec<File>, String> {
    let made = &layout.modules[spec];
    let type_modules = placements(v.api);
    let modules = share::modules_of(v.api);
    let mut files = Vec::new();
    for module in &modules {
        let groups: &[String] = match made.get(*module) {
            Some(share::Module::Group(_)) => continue,
            Some(share::Module::Mixed(groups)) => groups,
            Some(share::Module::Own) | None => &[],
        };
        let scope = Scope {
            module,
            type_modules: &type_modules,
            groups: None,
        };
        // Units of a group are re-exported, not defined here.
        let own = |unit: Option<&str>| !layout.is_shared(spec, module, unit);
        files.push(file(
            &format!("{}/{module}.rs", v.module),
            &v.spec_path,
            scope.module_body(v.api, groups, None, &own),
        )?);
    }
    files.push(file(
        &format!("{}/mod.rs", v.module),
        &v.spec_path,
        version_mod(v, &modules, &type_modules, made, examples.spec_table(spec)),
    )?);
    Ok(files)
}

/// `shared/mod.rs` and each shared group, emitted from the first spec that has it, its
/// references to other shared types pointing at their groups.
fn emit_shared(versions: &[Version<'_>], layout: &share::Layout) -> Result<Vec<File>, String> {
    let mut files = Vec::new();
    let mut decls = Vec::new();
    for (name, group) in &layout.groups {
        let first = &versions[group.specs[0]];
        let type_modules = placements(first.api);
        let local = Scope {
            module: &group.module,
            type_modules: &type_modules,
            groups: None,
        };
        // The identity is decided on the model; the emitted code proves it: each spec's copy of
        // each unit, printed in its own folder, would be the same text.
        for other in &group.specs[1..] {
            let other = &versions[*other];
            let other_modules = placements(other.api);
            let scope = Scope {
                module: &group.module,
                type_modules: &other_modules,
                groups: None,
            };
            for unit in group.units() {
                if local.unit(first.api, unit).map(|t| t.to_string())
                    != scope.unit(other.api, unit).map(|t| t.to_string())
                {
                    return Err(format!(
                        "{} of module `{}` was judged the same in {} and {} but its code \
                         differs: the emitter reads something outside its model",
                        unit.unwrap_or("the resource"),
                        group.module,
                        first.module,
                        other.module
                    ));
                }
            }
        }
        let scope = Scope {
            groups: Some((name, &layout.type_groups[group.specs[0]])),
            ..local
        };
        let specs: Vec<&Version<'_>> = group.specs.iter().map(|i| &versions[*i]).collect();
        let note = shared_note(&specs);
        let in_group = |unit: Option<&str>| match unit {
            None => group.resource,
            Some(t) => group.types.contains(t),
        };
        files.push(file(
            &format!("shared/{name}.rs"),
            &specs
                .iter()
                .map(|v| v.spec_path.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            scope.module_body(first.api, &[], Some(&note), &in_group),
        )?);
        let cfg = months::features_cfg(specs.iter().flat_map(|v| &v.months));
        let ident = ident(name);
        decls.push(quote! {
            #[cfg(#cfg)]
            pub mod #ident;
        });
    }
    files.push(file(
        "shared/mod.rs",
        "spec/versions.yaml",
        quote! {
            //! Types and resources that several specs have unchanged, emitted once: each of
            //! those specs re-exports them in its module of the same name, so they are the same
            //! Rust types in all their months. A file holds what one module shares with one set
            //! of specs, named after the module and the first spec of the set; it is compiled
            //! when any month of any spec using it is enabled.
            #(#decls)*
        },
    )?);
    Ok(files)
}

/// The doc paragraph of a shared group: which specs and months use it.
fn shared_note(specs: &[&Version<'_>]) -> String {
    let months: Vec<String> = specs
        .iter()
        .flat_map(|v| &v.months)
        .map(|m| format!("`v{}`", m.version))
        .collect();
    let names: Vec<&str> = specs
        .iter()
        .map(|v| v.module.strip_prefix('s').unwrap_or(&v.module))
        .collect();
    format!(
        "Unchanged in the specs {}: one definition for the months {}, so their types are the same Rust types.",
        names.join(", "),
        months.join(", ")
    )
}

fn version_mod(
    v: &Version<'_>,
    modules: &BTreeSet<&str>,
    type_modules: &BTreeMap<&str, &str>,
    made: &BTreeMap<String, share::Module>,
    examples: TokenStream,
) -> TokenStream {
    let api = v.api;
    let version = &api.version;
    let mods = modules.iter().map(|m| match made.get(*m) {
        Some(share::Module::Group(shared)) => {
            let shared = ident(shared);
            let m = ident(m);
            quote!(pub use super::shared::#shared as #m;)
        }
        _ => {
            let m = ident(m);
            quote!(pub mod #m;)
        }
    });
    let reexports = modules.iter().map(|m| {
        let names: Vec<Ident> = api
            .types
            .iter()
            .filter(|t| t.module == *m)
            .flat_map(|t| {
                // A struct's `<Name>Required` goes wherever the struct does.
                let args = match &t.kind {
                    TypeKind::Struct(s) => s.required_args_type(&t.name),
                    _ => None,
                };
                std::iter::once(t.name.clone()).chain(args)
            })
            .map(|name| format_ident!("{name}"))
            .collect();
        let m = ident(m);
        if names.is_empty() {
            quote!()
        } else {
            quote!(pub use self::#m::{#(#names),*};)
        }
    });
    let months: Vec<String> = v
        .months
        .iter()
        .map(|m| format!("`v{}`", m.version))
        .collect();
    let doc = format!(
        "Bindings of the `{version}` spec ({title}), shared by the months it governs: {}.\n\nUse them through a month module, whose `Api` sends that month as `Linkedin-Version`.",
        months.join(", "),
        title = api.title
    );
    let runtime_ops = if api.runtime_operations.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = api
            .runtime_operations
            .iter()
            .map(|o| {
                format!(
                    "`{}` ({}) is served by [`crate::{}`].",
                    o.operation_id, o.http, o.module
                )
            })
            .collect();
        format!(
            "\n\nOperations of this spec served by the hand-written runtime:\n\n- {}",
            list.join("\n- ")
        )
    };
    let docs = inner_doc_attrs(&(doc + &runtime_ops));
    let catalog = catalog(v, type_modules);
    let api_resources = months::api_resources_macro(api);
    quote! {
        #docs

        #(#mods)*

        #(#reexports)*

        #catalog

        #examples

        #api_resources
    }
}

/// `OPERATIONS`: every generated operation's catalogue entry (built by the runtime from the
/// operation's `Operation` impl).
fn catalog(v: &Version<'_>, type_modules: &BTreeMap<&str, &str>) -> TokenStream {
    let api = v.api;
    let scope = Scope {
        module: ROOT,
        type_modules,
        groups: None,
    };
    let entries = api
        .resources
        .iter()
        .flat_map(|r| r.methods.iter().map(move |m| (r, m)))
        .map(|(r, m)| {
            let module = ident(&r.module);
            let params = methods::params_name(m);
            match &m.body {
                Some(b) => {
                    let body = scope.ty(b);
                    quote!(crate::catalog::Entry::with_body::<self::#module::#params, #body>(),)
                }
                None => quote!(crate::catalog::Entry::of::<self::#module::#params>(),),
            }
        });
    let count = api.resources.iter().map(|r| r.methods.len()).sum::<usize>();
    let doc = doc_attrs(&format!(
        "Every operation of this version ({count}), with its call, scopes and body decoders: see [`crate::catalog`]."
    ));
    quote! {
        #doc
        #[allow(deprecated)]
        pub const OPERATIONS: &[crate::catalog::Entry] = &[#(#entries)*];
    }
}

fn urn_file(urns: &BTreeSet<Vec<String>>) -> TokenStream {
    let singles: BTreeSet<&String> = urns.iter().flatten().collect();
    let single_items = singles.iter().map(|t| {
        let name = format_ident!("{}", crate::naming::urn_type_name(std::slice::from_ref(*t)));
        if crate::ir::NUMERIC_ID_TYPES.contains(&t.as_str()) {
            quote!(crate::typed_urn! { pub struct #name = #t; numeric })
        } else {
            quote!(crate::typed_urn! { pub struct #name = #t; })
        }
    });
    let unions = urns.iter().filter(|u| u.len() > 1).map(|u| {
        let name = format_ident!("{}", crate::naming::urn_type_name(u));
        let members = u.iter().map(|t| {
            let variant = format_ident!("{}", crate::naming::type_name(t));
            let ty = format_ident!("{}", crate::naming::urn_type_name(std::slice::from_ref(t)));
            quote!(#variant(#ty),)
        });
        quote!(crate::urn_union! { pub enum #name { #(#members)* } })
    });
    let union_sets: Vec<&Vec<String>> = urns.iter().filter(|u| u.len() > 1).collect();
    let widen = union_sets
        .iter()
        .flat_map(|narrow| union_sets.iter().map(move |wide| (*narrow, *wide)))
        .filter(|(narrow, wide)| {
            narrow.len() < wide.len() && narrow.iter().all(|t| wide.contains(t))
        })
        .map(|(narrow, wide)| {
            let from = format_ident!("{}", crate::naming::urn_type_name(narrow));
            let to = format_ident!("{}", crate::naming::urn_type_name(wide));
            let variants = narrow
                .iter()
                .map(|t| format_ident!("{}", crate::naming::type_name(t)));
            quote!(crate::urn_union_widen!(#from => #to { #(#variants),* });)
        });
    quote! {
        //! Typed URNs: one newtype per entity type the specs mention, and one enum per set of
        //! entity types a field accepts. Parsing rejects other entity types; a narrower set
        //! converts into a wider one with `From` and back with `TryFrom`; the URN of an entity
        //! LinkedIn identifies by number converts from and to that number.
        #(#single_items)*
        #(#unions)*
        #(#widen)*
    }
}

/// The typed URNs the hand-written code names (the runtime's uploads, the prelude), as the entity
/// types of each: generated whatever the specs name, so that any spec the generator accepts gives
/// a runtime that compiles. The real specs name them all already.
const RUNTIME_URNS: &[&[&str]] = &[
    &["activity", "share", "ugcPost"],
    &["comment"],
    &["document"],
    &["image"],
    &["organization", "person"],
    &["share", "ugcPost"],
    &["sponsoredAccount"],
    &["sponsoredCampaign"],
    &["sponsoredCampaignGroup"],
    &["video"],
];

fn collect_urns(api: &Api, out: &mut BTreeSet<Vec<String>>) {
    fn walk(t: &TypeRef, out: &mut BTreeSet<Vec<String>>) {
        match t {
            TypeRef::Urn(types) => {
                out.insert(types.clone());
            }
            TypeRef::List(i) | TypeRef::Map(i) | TypeRef::Envelope(_, i) => walk(i, out),
            _ => {}
        }
    }
    for def in &api.types {
        def.contained_types().into_iter().for_each(|t| walk(t, out));
    }
    for r in &api.resources {
        for m in &r.methods {
            m.params.iter().for_each(|p| walk(&p.ty, out));
            // A numeric path id takes its entity's URN too, so that URN type must exist.
            out.extend(m.params.iter().filter_map(|p| Some(vec![p.id_of.clone()?])));
            m.body.iter().for_each(|b| walk(b, out));
            match &m.response {
                Response::Json(t) | Response::ActionValue(t) | Response::CreatedId(t) => {
                    walk(t, out)
                }
                Response::Created(a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Response::Empty => {}
            }
        }
    }
}

/// The version's `mod.rs`, as a [`Scope`] module: its types are `self::module::Type`.
const ROOT: &str = "";

/// Where code is being emitted, to spell type paths relative to it.
pub(crate) struct Scope<'a> {
    module: &'a str,
    type_modules: &'a BTreeMap<&'a str, &'a str>,
    /// In `shared/`: the group being emitted, and the group of each shared type.
    groups: Option<(&'a str, &'a BTreeMap<String, String>)>,
}

impl Scope<'_> {
    /// A module's file: its docs (and `note`, a paragraph after them), a glob re-export of each
    /// of `groups`, and those of its resource and types `include` accepts (`None` is the
    /// resource, `Some(name)` a type).
    fn module_body(
        &self,
        api: &Api,
        groups: &[String],
        note: Option<&str>,
        include: &dyn Fn(Option<&str>) -> bool,
    ) -> TokenStream {
        let module = self.module;
        let resource = api.resources.iter().find(|r| r.module == module);
        let mut doc = match resource {
            Some(r) if include(None) || self.groups.is_none() => r
                .doc
                .clone()
                .unwrap_or_else(|| format!("The `{module}` resource.")),
            Some(_) => format!("Types of the `{module}` resource."),
            None => "Types that several resources share.".to_owned(),
        };
        if let Some(note) = note {
            doc = format!("{}\n\n{note}", doc.trim_end());
        }
        let docs = inner_doc_attrs(&doc);
        let globs = groups.iter().map(|g| {
            let g = ident(g);
            quote!(pub use super::super::shared::#g::*;)
        });
        let resource = resource.filter(|_| include(None)).map(|r| self.resource(r));
        let types = api
            .types
            .iter()
            .filter(|t| t.module == module && include(Some(&t.name)))
            .map(|t| self.type_def(api, t));
        quote! {
            #docs
            #(#globs)*
            #resource
            #(#types)*
        }
    }

    /// The code of one unit of the module: its resource (`None`) or a type.
    fn unit(&self, api: &Api, unit: Option<&str>) -> Option<TokenStream> {
        match unit {
            None => api
                .resources
                .iter()
                .find(|r| r.module == self.module)
                .map(|r| self.resource(r)),
            Some(name) => api
                .types
                .iter()
                .find(|t| t.name == name)
                .map(|t| self.type_def(api, t)),
        }
    }

    /// The Rust type for a model type, as written in the current module.
    pub(crate) fn ty(&self, t: &TypeRef) -> TokenStream {
        match t {
            TypeRef::String => quote!(String),
            TypeRef::Bool => quote!(bool),
            TypeRef::I32 => quote!(i32),
            TypeRef::I64 => quote!(i64),
            TypeRef::F32 => quote!(f32),
            TypeRef::F64 => quote!(f64),
            TypeRef::Json => quote!(serde_json::Value),
            TypeRef::Named(name) => {
                let n = format_ident!("{}", name);
                match self.type_modules.get(name.as_str()) {
                    Some(m) if self.module == ROOT => {
                        let m = ident(m);
                        quote!(self::#m::#n)
                    }
                    _ if self.groups.is_some_and(|(_, g)| g.contains_key(name)) => {
                        match self
                            .groups
                            .and_then(|(current, g)| g.get(name).filter(|group| *group != current))
                        {
                            Some(group) => {
                                let group = ident(group);
                                quote!(super::#group::#n)
                            }
                            None => quote!(#n),
                        }
                    }
                    Some(m) if *m != self.module => {
                        let m = ident(m);
                        quote!(super::#m::#n)
                    }
                    _ => quote!(#n),
                }
            }
            TypeRef::Urn(types) => {
                let n = format_ident!("{}", crate::naming::urn_type_name(types));
                quote!(crate::urn::#n)
            }
            TypeRef::List(inner) => {
                let i = self.ty(inner);
                quote!(Vec<#i>)
            }
            TypeRef::Map(inner) => {
                let i = self.ty(inner);
                quote!(std::collections::BTreeMap<String, #i>)
            }
            TypeRef::Runtime(path) => {
                let segs = path.split("::").map(ident);
                quote!(crate #(::#segs)*)
            }
            TypeRef::Envelope(kind, inner) => {
                let i = self.ty(inner);
                match kind {
                    Envelope::Collection => quote!(crate::restli::Collection<#i>),
                    Envelope::BatchGet => quote!(crate::restli::BatchGet<#i>),
                    Envelope::Action => quote!(crate::restli::ActionResult<#i>),
                    Envelope::BatchCreate => quote!(crate::restli::BatchCreate<#i>),
                    Envelope::BatchFinder => quote!(crate::restli::BatchFinder<#i>),
                }
            }
        }
    }
}

/// An identifier, raw where the name is a keyword (`r#type`).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The spec marks facts LinkedIn's documentation does not settle with `Unverified:`; users read
/// that as a statement about the source, not about our certainty.
const UNVERIFIED_MARK: &str = "Unverified:";
const UNVERIFIED_DOC: &str = "**Not confirmed by LinkedIn's documentation:**";

/// `#[doc = "…"]` per line, which prettyplease prints as a `///` block.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let text = text.replace(UNVERIFIED_MARK, UNVERIFIED_DOC);
    let lines = text
        .trim_end()
        .lines()
        .map(|l| format!(" {l}").trim_end().to_owned());
    quote!(#(#[doc = #lines])*)
}

fn inner_doc_attrs(text: &str) -> TokenStream {
    let text = text.replace(UNVERIFIED_MARK, UNVERIFIED_DOC);
    let text = text.as_str();
    let lines = text
        .trim_end()
        .lines()
        .filter(|_| !text.is_empty())
        .map(|l| format!(" {l}").trim_end().to_owned());
    quote!(#(#![doc = #lines])*)
}

/// Parses tokens as a file (proving they are Rust) and formats them under the header.
/// A file of the runtime's generated tree.
fn runtime_file(path: &str, source: &str, tokens: TokenStream) -> Result<File, String> {
    Ok(File {
        part: Part::Runtime,
        ..file(path, source, tokens)?
    })
}

/// A file of the bindings' generated tree.
fn file(path: &str, source: &str, tokens: TokenStream) -> Result<File, String> {
    let parsed: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated invalid Rust for {path}: {e}"))?;
    let header = format!(
        "// @generated by linkedin-api-codegen from {source}.\n// Do not edit by hand: change the spec and run `cargo xtask codegen`.\n\n"
    );
    Ok(File {
        part: Part::Bindings,
        path: path.to_owned(),
        contents: header + &format::unparse(parsed),
    })
}
