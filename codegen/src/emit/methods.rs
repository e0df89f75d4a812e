//! Resources to Rust: a resource struct whose methods (`posts.find_by_author(…)`) return a
//! [`Call`](../../../linkedin_api/operation/struct.Call.html) of the operation's parameters;
//! per operation, the parameters struct, its `Operation` impl (`to_request` and the facts the
//! runtime needs), `Paged` where it pages, and setters for optional parameters on its `Call`.
//! Sending, paging, retries, encoding and decoding are the runtime's (`crate::operation`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Scope, doc_attrs, ident};
use crate::ir::*;

impl Scope<'_> {
    /// The resource struct, its methods, and one operation per method.
    pub(super) fn resource(&self, r: &Resource) -> TokenStream {
        let type_name = format_ident!("{}", r.type_name);
        let doc = doc_attrs(&resource_doc(r));
        let methods = r.methods.iter().map(|m| self.constructor(m));
        let operations = r.methods.iter().map(|m| self.operation(r, m));
        let uploads = self.upload_methods(r);
        quote! {
            #doc
            #[derive(Debug, Clone)]
            pub struct #type_name {
                handle: crate::operation::Handle,
            }

            impl #type_name {
                /// The resource, calling through `handle`.
                pub(crate) fn from_handle(handle: crate::operation::Handle) -> Self {
                    Self { handle }
                }

                #(#methods)*
                #uploads
            }

            #(#operations)*
        }
    }

    fn constructor(&self, m: &Method) -> TokenStream {
        let name = ident(&m.name);
        let builder = format_ident!("{}", m.builder);
        let params = params_name(m);
        let docs = doc_attrs(&method_doc(m));
        let deprecated = m.deprecated.then(|| quote!(#[deprecated]));
        let required: Vec<&Param> = m.params.iter().filter(|p| p.required).collect();
        let args = required.iter().map(|p| {
            let arg = ident(&p.name);
            let ty = self.arg_ty(&rust_ty(p));
            quote!(#arg: #ty)
        });
        let body_arg = m.body.as_ref().map(|_| {
            let ty = self.body_ty(m);
            quote!(body: impl Into<#ty>)
        });
        let all_args = args.chain(body_arg);
        let inits = m.params.iter().map(|p| {
            let field = ident(&p.name);
            if p.required {
                let value = arg_into(&rust_ty(p), quote!(#field));
                quote!(#field: #value)
            } else {
                quote!(#field: None)
            }
        });
        let body_init = m.body.as_ref().map(|_| quote!(body: body.into(),));
        quote! {
            #docs
            #deprecated
            pub fn #name(&self, #(#all_args),*) -> #builder {
                crate::Call::new(self.handle.clone(), #params { #(#inits,)* #body_init })
            }
        }
    }

    /// The parameters struct, its `Call` alias and setters, and its trait impls.
    fn operation(&self, r: &Resource, m: &Method) -> TokenStream {
        let builder = format_ident!("{}", m.builder);
        let params = params_name(m);
        let method = crate::naming::unraw(&m.name);
        let optional = if m.params.iter().any(|p| !p.required) {
            format!("; optional ones are set on the [`{}`]", m.builder)
        } else {
            String::new()
        };
        let params_doc = doc_attrs(&format!(
            "The parameters of [`{}::{method}`] (`{}`): required ones are its arguments{optional}.",
            r.type_name, m.operation_id
        ));
        let builder_doc = doc_attrs(&format!(
            "A call of [`{}::{method}`]: set optional parameters, then `.send().await`.",
            r.type_name
        ));
        let fields = m.params.iter().map(|p| {
            let field = ident(&p.name);
            let ty = self.ty(&rust_ty(p));
            if p.required {
                quote!(#field: #ty,)
            } else {
                quote!(#field: Option<#ty>,)
            }
        });
        let body_field = m.body.as_ref().map(|_| {
            let ty = self.body_ty(m);
            quote!(body: #ty,)
        });
        let setters: Vec<TokenStream> = m
            .params
            .iter()
            .filter(|p| !p.required)
            .map(|p| {
                let field = ident(&p.name);
                let ty = self.arg_ty(&rust_ty(p));
                let value = arg_into(&rust_ty(p), quote!(value));
                let docs = doc_attrs(p.doc.as_deref().unwrap_or(&format!("Sets `{}`.", p.wire)));
                let dep = p.deprecated.then(|| quote!(#[deprecated]));
                quote! {
                    #docs
                    #dep
                    pub fn #field(mut self, value: #ty) -> Self {
                        self.params_mut().#field = Some(#value);
                        self
                    }
                }
            })
            .collect();
        let setters = (!setters.is_empty()).then(|| {
            quote! {
                impl #builder {
                    #(#setters)*
                }
            }
        });
        let operation = self.operation_impl(m, &params);
        let from_args = from_args_impl(m, &params);
        let paged = self.paged_impl(m, &params);
        let not_idempotent = (!is_idempotent(m))
            .then(|| quote!(impl crate::operation::NotIdempotent for #params {}));
        quote! {
            #params_doc
            #[derive(Debug, Clone)]
            pub struct #params {
                #(#fields)*
                #body_field
            }

            #builder_doc
            pub type #builder = crate::Call<#params>;

            #setters

            #operation
            #from_args
            #paged
            #not_idempotent
        }
    }

    fn operation_impl(&self, m: &Method, params: &proc_macro2::Ident) -> TokenStream {
        let op = &m.operation_id;
        let template = &m.path;
        let mut fmt = String::new();
        let mut keys = Vec::new();
        for part in &m.path_parts {
            match part {
                PathPart::Literal(text) => {
                    fmt.push_str(&text.replace('{', "{{").replace('}', "}}"))
                }
                PathPart::Param(wire) => {
                    let p = m
                        .params
                        .iter()
                        .find(|p| &p.wire == wire && p.location == ParamLocation::Path);
                    let id_of = p.is_some_and(|p| p.id_of.is_some());
                    let field = p.map_or(wire.as_str(), |p| p.name.as_str());
                    let local = format!("{}_key", crate::naming::unraw(field));
                    fmt.push_str(&format!("{{{local}}}"));
                    let (field, local) = (ident(field), format_ident!("{}", local));
                    // A record key (the build allows only records as named path types) is
                    // written in Rest.li 2.0 form, `(k:v,…)`. Other keys are encoded as they are
                    // formatted into the path (no string per key); a numeric id held as its
                    // entity's URN goes on the wire as the number, the URN's id part.
                    let record = p.is_some_and(|p| matches!(p.ty, TypeRef::Named(_)));
                    keys.push(if record {
                        quote! {
                            let #local = match crate::restli::encode(&self.#field) {
                                Ok(key) => key,
                                Err(err) => return crate::operation::key_error::<Self>(#wire, err),
                            };
                        }
                    } else if id_of {
                        quote!(let #local = crate::restli::PathKey(self.#field.id());)
                    } else {
                        quote!(let #local = crate::restli::PathKey(&self.#field);)
                    });
                }
            }
        }
        // A path without keys is a `&'static str`: no allocation on every call.
        let path = if keys.is_empty() {
            quote!(#fmt)
        } else {
            quote!(format!(#fmt))
        };
        let restli_method = format_ident!("{}", m.restli.method.runtime_variant());
        let r = &m.restli;
        let discriminator = match r
            .method
            .discriminator()
            .zip(r.finder.as_ref().or(r.action.as_ref()))
        {
            Some((key, value)) => quote!(Some((#key, #value))),
            None => quote!(None),
        };
        let versioned = m.versioned;
        let area = format_ident!("{}", m.area.runtime_variant());
        let effect = format_ident!("{}", m.effect.runtime_variant());
        let summary = m.summary.as_deref().unwrap_or_default();
        let scopes = m.scopes.iter().map(|alt| quote!(&[#(#alt),*]));
        let response = self.response(m);
        // Query parameters in the IR's order (required first, as LinkedIn documents the
        // call); an absent optional one adds nothing.
        let query = m
            .params
            .iter()
            .filter(|p| p.location == ParamLocation::Query)
            .map(|p| {
                let field = ident(&p.name);
                let wire = &p.wire;
                match (p.projection, p.required) {
                    (true, true) => quote!(.projection(#wire, &self.#field)),
                    (true, false) => {
                        quote!(.projection(#wire, self.#field.as_deref().unwrap_or_default()))
                    }
                    (false, _) => quote!(.query(#wire, &self.#field)),
                }
            });
        let body = m.body.as_ref().map(|_| quote!(.json(&self.body)));
        let targets = self.targets(m);
        quote! {
            #[allow(deprecated)]
            impl crate::operation::Operation for #params {
                const ID: &'static str = #op;
                const METHOD: crate::request::RestliMethod = crate::request::RestliMethod::#restli_method;
                const PATH: &'static str = #template;
                const DISCRIMINATOR: Option<(&'static str, &'static str)> = #discriminator;
                const VERSIONED: bool = #versioned;
                const SCOPES: &'static [&'static [&'static str]] = &[#(#scopes),*];
                const AREA: crate::operation::Area = crate::operation::Area::#area;
                const EFFECT: crate::operation::Effect = crate::operation::Effect::#effect;
                const SUMMARY: &'static str = #summary;
                type Response = #response;

                #[inline]
                fn to_request(&self) -> crate::request::Request {
                    #(#keys)*
                    crate::operation::request::<Self>(#path) #(#query)* #body
                }

                #targets
            }
        }
    }

    /// `targets()`: the URN-valued path and query parameters (numeric ids of an entity included,
    /// as their URN), then the body's `x-linkedin-target` URNs (`Method::body_targets`).
    fn targets(&self, m: &Method) -> Option<TokenStream> {
        let is_urn = |t: &TypeRef| matches!(t, TypeRef::Urn(_));
        // Required single URNs start the list; optional ones and lists are added after.
        let mut first = Vec::new();
        let mut rest = Vec::new();
        for p in &m.params {
            let field = ident(&p.name);
            match (&p.ty, p.required) {
                (TypeRef::Urn(_), true) => first.push(quote!(self.#field.as_str().to_owned())),
                // An entity's numeric id in the path is held as its URN (`Param::id_of`): the
                // account a campaign call acts in is as much a target as a URN parameter.
                (_, true) if p.id_of.is_some() => {
                    first.push(quote!(self.#field.as_str().to_owned()))
                }
                (TypeRef::Urn(_), false) => rest.push(quote! {
                    if let Some(urn) = &self.#field {
                        targets.push(urn.as_str().to_owned());
                    }
                }),
                (TypeRef::List(inner), true) if is_urn(inner) => rest.push(quote! {
                    targets.extend(self.#field.iter().map(|urn| urn.as_str().to_owned()));
                }),
                (TypeRef::List(inner), false) if is_urn(inner) => rest.push(quote! {
                    if let Some(urns) = &self.#field {
                        targets.extend(urns.iter().map(|urn| urn.as_str().to_owned()));
                    }
                }),
                _ => {}
            }
        }
        // The URNs inside a record-typed path key: a required one is a plain field access;
        // the others are followed like body targets, from the key.
        let mut key_params: Vec<&str> = m.key_targets.iter().map(|(p, _)| p.as_str()).collect();
        key_params.dedup();
        for param in key_params {
            let key = ident(param);
            let mut followed: Vec<&[TargetStep]> = Vec::new();
            for (_, path) in m.key_targets.iter().filter(|(p, _)| p == param) {
                match path.as_slice() {
                    [
                        TargetStep::Field {
                            name,
                            presence: Presence::Required,
                            ..
                        },
                    ] => {
                        let field = ident(name);
                        first.push(quote!(self.#key.#field.as_str().to_owned()));
                    }
                    _ => followed.push(path),
                }
            }
            if !followed.is_empty() {
                let found = self.target_tree(&followed, 0);
                rest.push(quote! {
                    {
                        let v0 = &self.#key;
                        #found
                    }
                });
            }
        }
        // A body target behind required fields only is a plain field access, like a parameter.
        let mut paths: Vec<&[TargetStep]> = Vec::new();
        for path in m.body_targets.iter().filter(|_| m.body.is_some()) {
            let fields: Option<Vec<_>> = path
                .iter()
                .map(|step| match step {
                    TargetStep::Field {
                        name,
                        presence: Presence::Required,
                        ..
                    } => Some(ident(name)),
                    _ => None,
                })
                .collect();
            match fields {
                Some(fields) => first.push(quote!(self.body #(.#fields)*.as_str().to_owned())),
                None => paths.push(path),
            }
        }
        if !paths.is_empty() {
            let found = self.target_tree(&paths, 0);
            rest.push(quote! {
                let v0 = &self.body;
                #found
            });
        }
        let body = match (first.is_empty(), rest.is_empty()) {
            (true, true) => return None,
            (false, true) => quote!(vec![#(#first),*]),
            (_, false) => quote! {
                let mut targets = vec![#(#first),*];
                #(#rest)*
                targets
            },
        };
        Some(quote! {
            #[inline]
            fn targets(&self) -> Vec<String> {
                #body
            }
        })
    }

    /// The code that follows `paths` (what remains of each body target path) from the value
    /// bound to `v{depth}`, pushing the URN each ends at onto `targets`. Paths that start the
    /// same way share the code: one binding per field, one `match` per union.
    fn target_tree(&self, paths: &[&[TargetStep]], depth: usize) -> TokenStream {
        let value = format_ident!("v{depth}");
        let next = format_ident!("v{}", depth + 1);
        // The first step of each path, grouped in order: the same field, each, the same union.
        let mut groups: Vec<(&TargetStep, Vec<&[TargetStep]>)> = Vec::new();
        let mut code = Vec::new();
        for path in paths {
            let Some(step) = path.first() else {
                code.push(quote!(targets.push(#value.as_str().to_owned());));
                continue;
            };
            let same = |other: &TargetStep| match (other, step) {
                (TargetStep::Member { union: a, .. }, TargetStep::Member { union: b, .. }) => {
                    a == b
                }
                (a, b) => a == b,
            };
            match groups.iter_mut().find(|(s, _)| same(s)) {
                Some((_, tails)) => tails.push(path),
                None => groups.push((step, vec![path])),
            }
        }
        for (step, group) in groups {
            let tails: Vec<&[TargetStep]> = group.iter().map(|p| &p[1..]).collect();
            code.push(match step {
                TargetStep::Field { name, presence, boxed } => {
                    let inner = self.target_tree(&tails, depth + 1);
                    let place = {
                        let field = ident(name);
                        quote!(#value.#field)
                    };
                    match (presence, boxed) {
                        (Presence::Required, false) => quote! { let #next = &#place; #inner },
                        (Presence::Required, true) => quote! { let #next = &*#place; #inner },
                        (Presence::Optional, false) => {
                            quote! { if let Some(#next) = &#place { #inner } }
                        }
                        (Presence::Optional, true) => {
                            quote! { if let Some(#next) = #place.as_deref() { #inner } }
                        }
                        (Presence::Nullable, false) => {
                            quote! { if let Some(#next) = #place.as_option() { #inner } }
                        }
                        (Presence::Nullable, true) => quote! {
                            if let Some(#next) = #place.as_option().map(|b| &**b) { #inner }
                        },
                    }
                }
                TargetStep::Each => {
                    let inner = self.target_tree(&tails, depth + 1);
                    quote! { for #next in #value { #inner } }
                }
                TargetStep::Member { union, .. } => {
                    let ty = self.ty(&TypeRef::Named(union.clone()));
                    let mut return_single = None;
                    let mut arms = Vec::new();
                    let mut unknown = false;
                    let mut variants: Vec<(&String, bool)> = Vec::new();
                    for p in &group {
                        if let TargetStep::Member { variant, boxed, unknown: u, .. } = &p[0] {
                            unknown |= *u;
                            if !variants.iter().any(|(v, _)| *v == variant) {
                                variants.push((variant, *boxed));
                            }
                        }
                    }
                    let single = variants.len() == 1 && !unknown;
                    for (variant, boxed) in variants {
                        let of_variant: Vec<&[TargetStep]> = group
                            .iter()
                            .filter(|p| matches!(&p[0], TargetStep::Member { variant: v, .. } if v == variant))
                            .map(|p| &p[1..])
                            .collect();
                        let inner = self.target_tree(&of_variant, depth + 1);
                        let unbox = boxed.then(|| quote!(let #next = &**#next;));
                        let variant = format_ident!("{variant}");
                        if single {
                            arms.push(quote! {
                                if let #ty::#variant(#next) = #value { #unbox #inner }
                            });
                        } else {
                            arms.push(quote!(#ty::#variant(#next) => { #unbox #inner }));
                        }
                    }
                    if single {
                        return_single = arms.pop();
                    }
                    // A member this crate does not know may still name an entity: its value is
                    // a target, so a policy limited to targets refuses it rather than not check it.
                    if unknown {
                        arms.push(quote! {
                            #ty::Unknown { value, .. } => targets.push(
                                value.as_str().map_or_else(|| value.to_string(), str::to_owned),
                            ),
                        });
                    }
                    match return_single.take() {
                        Some(if_let) => if_let,
                        None => quote! {
                            match #value {
                                #(#arms)*
                                #[allow(unreachable_patterns)]
                                _ => {}
                            }
                        },
                    }
                }
            });
        }
        quote!(#(#code)*)
    }

    /// How a 2xx answer decodes: a runtime `Decode` shape around the generated types.
    fn response(&self, m: &Method) -> TokenStream {
        match &m.response {
            Response::Empty => quote!(crate::operation::Empty),
            Response::Json(t) => {
                let t = self.ty(t);
                quote!(crate::operation::Json<#t>)
            }
            Response::ActionValue(t) => {
                let t = self.ty(t);
                quote!(crate::operation::ActionValue<#t>)
            }
            Response::CreatedId(k) => {
                let k = self.ty(k);
                quote!(crate::operation::CreatedId<#k>)
            }
            Response::Created(k, t) => {
                let (k, t) = (self.ty(k), self.ty(t));
                quote!(crate::operation::CreatedWith<#k, #t>)
            }
        }
    }

    fn paged_impl(&self, m: &Method, params: &proc_macro2::Ident) -> Option<TokenStream> {
        let p = m.pagination?;
        let Response::Json(TypeRef::Envelope(Envelope::Collection, element)) = &m.response else {
            return None;
        };
        let element = self.ty(element);
        let max = p.max_page_size;
        let window = match p.style {
            PagingStyle::Offset => quote! {
                crate::operation::Window::Offset { start: &mut self.start, count: &mut self.count }
            },
            PagingStyle::Cursor => quote! {
                crate::operation::Window::Cursor { page_size: &mut self.page_size, page_token: &mut self.page_token }
            },
        };
        Some(quote! {
            impl crate::operation::Paged for #params {
                type Item = #element;
                const MAX_PAGE_SIZE: i32 = #max;

                fn window(&mut self) -> crate::operation::Window<'_> {
                    #window
                }
            }
        })
    }
}

impl Scope<'_> {
    /// The type of a method's body: the spec's, or for a PARTIAL_UPDATE body
    /// `restli::PatchBody` of it, which an untyped `restli::Patch` converts into as well.
    fn body_ty(&self, m: &Method) -> TokenStream {
        let ty = self.ty(m.body.as_ref().expect("a method with a body"));
        if m.patch_body {
            quote!(crate::restli::PatchBody<#ty>)
        } else {
            ty
        }
    }

    /// The type a parameter's argument takes: anything that converts into it, and for a list of
    /// URNs, any collection of URNs that convert (a `Vec<ShareUrn>` where the parameter lists
    /// `ShareOrUgcPostUrn`s).
    fn arg_ty(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::List(inner) if matches!(**inner, TypeRef::Urn(_)) => {
                let inner = self.ty(inner);
                quote!(impl IntoIterator<Item = impl Into<#inner>>)
            }
            _ => {
                let ty = self.ty(ty);
                quote!(impl Into<#ty>)
            }
        }
    }
}

/// The Rust type of a parameter: its logical type, except that a numeric entity id
/// ([`Param::id_of`]) is held as the entity's URN, which the number and the URN both convert
/// into and no other entity's URN does.
fn rust_ty(p: &Param) -> TypeRef {
    match &p.id_of {
        Some(entity) => TypeRef::Urn(vec![entity.clone()]),
        None => p.ty.clone(),
    }
}

/// The conversion of an argument typed by [`Scope::arg_ty`] into the parameter's type.
fn arg_into(ty: &TypeRef, arg: TokenStream) -> TokenStream {
    match ty {
        TypeRef::List(inner) if matches!(**inner, TypeRef::Urn(_)) => {
            quote!(#arg.into_iter().map(Into::into).collect())
        }
        _ => quote!(#arg.into()),
    }
}

/// `impl FromArgs`: the parameters from a catalogue call's JSON arguments, named as on the wire
/// (`body` for the body); a numeric entity id is given as the number the spec says it is.
fn from_args_impl(m: &Method, params: &proc_macro2::Ident) -> TokenStream {
    let mut names = Vec::new();
    let fields: Vec<TokenStream> = m
        .params
        .iter()
        .map(|p| {
            let field = ident(&p.name);
            let wire = &p.wire;
            names.push(wire.clone());
            let take = match (p.id_of.is_some(), p.required) {
                (true, true) => quote!(required_id),
                (true, false) => quote!(optional_id),
                (false, true) => quote!(required),
                (false, false) => quote!(optional),
            };
            quote!(#field: args.#take(#wire)?,)
        })
        .collect();
    let body = m.body.as_ref().map(|_| {
        names.push("body".to_owned());
        quote!(body: args.required("body")?,)
    });
    // An operation without arguments leaves them untouched (`finish` refuses any given).
    let args = if names.is_empty() {
        format_ident!("_args")
    } else {
        format_ident!("args")
    };
    quote! {
        impl crate::catalog::FromArgs for #params {
            const ARGS: &'static [&'static str] = &[#(#names),*];
            #[inline]
            fn from_args(
                #args: &mut crate::catalog::Args,
            ) -> Result<Self, crate::catalog::ArgsError> {
                Ok(Self { #(#fields)* #body })
            }
        }
    }
}

/// `ListRequest` → `ListParams`: the parameters struct behind a call alias.
pub(super) fn params_name(m: &Method) -> proc_macro2::Ident {
    let base = m.builder.strip_suffix("Request").unwrap_or(&m.builder);
    format_ident!("{base}Params")
}

/// The resource's doc comment.
pub(super) fn resource_doc(r: &Resource) -> String {
    format!(
        "The `{}` resource: {} operation(s).",
        r.module,
        r.methods.len()
    )
}

fn is_idempotent(m: &Method) -> bool {
    m.restli.method.is_idempotent()
}

/// The method's doc comment: summary, description, the HTTP call, permissions, a link.
fn method_doc(m: &Method) -> String {
    let mut doc = m.summary.clone().unwrap_or_else(|| m.operation_id.clone());
    if let Some(d) = &m.description {
        doc.push_str("\n\n");
        doc.push_str(d.trim_end());
    }
    let mut call = format!("`{} {}`", m.http_method, m.path);
    let r = &m.restli;
    call.push_str(&format!(" — Rest.li `{}`", r.method));
    if let Some(f) = &r.finder {
        call.push_str(&format!(" (`q={f}`)"));
    }
    if let Some(a) = &r.action {
        call.push_str(&format!(" (`action={a}`)"));
    }
    if !m.versioned {
        call.push_str(", unversioned");
    }
    doc.push_str(&format!("\n\n**Request:** {call}."));
    if !m.scopes.is_empty() {
        let alts: Vec<String> = m
            .scopes
            .iter()
            .map(|s| {
                s.iter()
                    .map(|x| format!("`{x}`"))
                    .collect::<Vec<_>>()
                    .join(" + ")
            })
            .collect();
        let scopes = if alts.len() == 1 {
            alts[0].clone()
        } else {
            format!("one of {}", alts.join(", "))
        };
        doc.push_str(&format!("\n\n**Permissions:** {scopes}."));
    }
    if let Some(a) = &m.access {
        if let Some(p) = &a.product {
            doc.push_str(&format!(" Granted by the *{p}* product."));
        }
        if !a.roles.is_empty() {
            let on = a.roles_on.as_deref().unwrap_or("the entity");
            let on = if on == "adAccount" { "ad account" } else { on };
            doc.push_str(&format!(
                " Role needed on the {on}: one of {}.",
                a.roles.join(", ")
            ));
        }
        if a.restricted {
            doc.push_str(" Restricted: LinkedIn grants it to approved partners only.");
        }
        if let Some(n) = &a.note {
            doc.push_str(&format!(" {n}"));
        }
    }
    if let Some(url) = &m.docs_url {
        doc.push_str(&format!("\n\n[LinkedIn documentation]({url})"));
    }
    doc
}
