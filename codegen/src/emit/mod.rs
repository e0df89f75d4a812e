//! Stage 3 — emit: the model to formatted Rust source.
//!
//! Tokens are built with `quote!`, parsed into a `syn::File` (which proves they are valid Rust)
//! and printed with `prettyplease`. Emission decides nothing: names, placement and types come
//! from the model. Every file starts with the `@generated` header.

mod format;
mod methods;
mod months;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::build::passes::COMMON;
use crate::ir::*;

/// A generated file: a path relative to the generated root and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path, `/`-separated (`v202606/posts.rs`).
    pub path: String,
    /// Formatted Rust source, header included.
    pub contents: String,
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

/// Emits every file of the generated tree: `mod.rs`, `urn.rs`, `version.rs`, `months.rs` and one
/// folder per spec. `as_of` is the registry's date for sunset status.
pub fn emit(versions: &[Version<'_>], as_of: &str) -> Result<Vec<File>, String> {
    let mut files = Vec::new();
    let mut urns: BTreeSet<Vec<String>> = BTreeSet::new();
    for v in versions {
        collect_urns(v.api, &mut urns);
        files.extend(emit_version(v)?);
    }
    files.push(file("urn.rs", "all specs", urn_file(&urns))?);
    files.push(file(
        "mod.rs",
        "spec/versions.yaml",
        months::root_mod(versions),
    )?);
    files.push(file(
        "months.rs",
        "spec/versions.yaml",
        months::months_file(versions, as_of),
    )?);
    files.push(file(
        "version.rs",
        "spec/versions.yaml",
        months::version_enum(versions),
    )?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

fn emit_version(v: &Version<'_>) -> Result<Vec<File>, String> {
    let api = v.api;
    let type_modules: BTreeMap<&str, &str> = api
        .types
        .iter()
        .map(|t| (t.name.as_str(), t.module.as_str()))
        .collect();
    let mut modules: BTreeSet<&str> = api.resources.iter().map(|r| r.module.as_str()).collect();
    if api.types.iter().any(|t| t.module == COMMON) {
        modules.insert(COMMON);
    }
    let mut files = Vec::new();
    for module in &modules {
        let scope = Scope {
            module,
            type_modules: &type_modules,
        };
        let types = api
            .types
            .iter()
            .filter(|t| t.module == *module)
            .map(|t| scope.type_def(t));
        let resource = api
            .resources
            .iter()
            .find(|r| r.module == *module)
            .map(|r| scope.resource(r));
        let doc = match api.resources.iter().find(|r| r.module == *module) {
            Some(r) => r
                .doc
                .clone()
                .unwrap_or_else(|| format!("The `{module}` resource.")),
            None => "Types that several resources share.".to_owned(),
        };
        let docs = inner_doc_attrs(&doc);
        let tokens = quote! {
            #docs
            #resource
            #(#types)*
        };
        files.push(file(
            &format!("{}/{module}.rs", v.module),
            &v.spec_path,
            tokens,
        )?);
    }
    files.push(file(
        &format!("{}/mod.rs", v.module),
        &v.spec_path,
        version_mod(v, &modules, &type_modules),
    )?);
    Ok(files)
}

fn version_mod(
    v: &Version<'_>,
    modules: &BTreeSet<&str>,
    type_modules: &BTreeMap<&str, &str>,
) -> TokenStream {
    let api = v.api;
    let version = &api.version;
    let mods = modules.iter().map(|m| {
        let m = ident(m);
        quote!(pub mod #m;)
    });
    let reexports = modules.iter().map(|m| {
        let names: Vec<Ident> = api
            .types
            .iter()
            .filter(|t| t.module == *m)
            .map(|t| format_ident!("{}", t.name))
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
        quote!(crate::typed_urn! { pub struct #name = #t; })
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
        //! converts into a wider one with `From`.
        #(#single_items)*
        #(#unions)*
        #(#widen)*
    }
}

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
}

impl Scope<'_> {
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
fn file(path: &str, source: &str, tokens: TokenStream) -> Result<File, String> {
    let parsed: syn::File =
        syn::parse2(tokens).map_err(|e| format!("generated invalid Rust for {path}: {e}"))?;
    let header = format!(
        "// @generated by linkedin-api-codegen from {source}.\n// Do not edit by hand: change the spec and run `cargo xtask codegen`.\n\n"
    );
    Ok(File {
        path: path.to_owned(),
        contents: header + &format::unparse(parsed),
    })
}
