//! Resources to Rust: an accessor (`api.posts()`), one method per Rest.li method returning a
//! request builder, and the builder's setters, `send` and (for paged methods) `pages`/`items`.
//! The builder only assembles a `crate::request::Request`; sending, retrying, encoding and
//! decoding are the runtime's.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Scope, doc_attrs, ident};
use crate::ir::*;

impl Scope<'_> {
    /// The accessor, methods and builders of one resource.
    pub(super) fn resource(&self, r: &Resource) -> TokenStream {
        let accessor = ident(&r.module);
        let type_name = format_ident!("{}", r.type_name);
        let accessor_doc = doc_attrs(&format!(
            "The `{}` resource: {} operation(s).",
            r.module,
            r.methods.len()
        ));
        let methods = r.methods.iter().map(|m| self.constructor(m));
        let builders = r.methods.iter().map(|m| self.builder(r, m));
        quote! {
            #accessor_doc
            #[derive(Debug, Clone)]
            pub struct #type_name {
                api: super::Api,
            }

            impl super::Api {
                #accessor_doc
                pub fn #accessor(&self) -> #type_name {
                    #type_name { api: self.clone() }
                }
            }

            impl #type_name {
                #(#methods)*
            }

            #(#builders)*
        }
    }

    fn constructor(&self, m: &Method) -> TokenStream {
        let name = ident(&m.name);
        let builder = format_ident!("{}", m.builder);
        let docs = doc_attrs(&method_doc(m));
        let deprecated = m.deprecated.then(|| quote!(#[deprecated]));
        let required: Vec<&Param> = m.params.iter().filter(|p| p.required).collect();
        let args = required.iter().map(|p| {
            let arg = ident(&p.name);
            let ty = self.ty(&p.ty);
            quote!(#arg: impl Into<#ty>)
        });
        let body_arg = m.body.as_ref().map(|b| {
            let ty = self.ty(b);
            quote!(body: #ty)
        });
        let all_args = args.chain(body_arg);
        let inits = m.params.iter().map(|p| {
            let field = ident(&p.name);
            if p.required {
                quote!(#field: #field.into())
            } else {
                quote!(#field: None)
            }
        });
        let body_init = m.body.as_ref().map(|_| quote!(body,));
        let retry_init = (!is_idempotent(m)).then(|| quote!(retry_non_idempotent: false,));
        quote! {
            #docs
            #deprecated
            pub fn #name(&self, #(#all_args),*) -> #builder {
                #builder { api: self.api.clone(), #(#inits,)* #body_init #retry_init }
            }
        }
    }

    fn builder(&self, r: &Resource, m: &Method) -> TokenStream {
        let builder = format_ident!("{}", m.builder);
        let doc = doc_attrs(&format!(
            "Request builder for [`{}::{}`]: set optional parameters, then `.send().await`.",
            r.type_name,
            crate::naming::unraw(&m.name)
        ));
        let fields = m.params.iter().map(|p| {
            let field = ident(&p.name);
            let ty = self.ty(&p.ty);
            if p.required {
                quote!(#field: #ty,)
            } else {
                quote!(#field: Option<#ty>,)
            }
        });
        let body_field = m.body.as_ref().map(|b| {
            let ty = self.ty(b);
            quote!(body: #ty,)
        });
        let idempotent = is_idempotent(m);
        let retry_field = (!idempotent).then(|| quote!(retry_non_idempotent: bool,));
        let setters = m.params.iter().filter(|p| !p.required).map(|p| {
            let field = ident(&p.name);
            let ty = self.ty(&p.ty);
            let docs = doc_attrs(p.doc.as_deref().unwrap_or(&format!("Sets `{}`.", p.wire)));
            let dep = p.deprecated.then(|| quote!(#[deprecated]));
            quote! {
                #docs
                #dep
                pub fn #field(mut self, value: impl Into<#ty>) -> Self {
                    self.#field = Some(value.into());
                    self
                }
            }
        });
        let retry_setter = (!idempotent).then(|| {
            quote! {
                /// Lets the runtime retry this call after a transient failure (a timeout, a 5xx).
                ///
                /// Off by default: this method is not idempotent, and a retry after a failure
                /// the server did act on would do the work twice (two posts, two campaigns).
                pub fn retry_on_transient_failure(mut self, allow: bool) -> Self {
                    self.retry_non_idempotent = allow;
                    self
                }
            }
        });
        let request = self.request_fn(m);
        let (output, send_body) = self.send(m);
        let paging = self.paging(m);
        quote! {
            #doc
            #[derive(Debug, Clone)]
            #[must_use = "a request does nothing until it is sent with `.send().await`"]
            pub struct #builder {
                api: super::Api,
                #(#fields)*
                #body_field
                #retry_field
            }

            impl #builder {
                #(#setters)*
                #retry_setter

                #request

                /// Sends the request.
                pub async fn send(self) -> Result<#output, crate::Error> {
                    #send_body
                }

                #paging
            }
        }
    }

    fn request_fn(&self, m: &Method) -> TokenStream {
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
                    let field = p.map_or(wire.as_str(), |p| p.name.as_str());
                    let local = format!("{}_key", crate::naming::unraw(field));
                    fmt.push_str(&format!("{{{local}}}"));
                    let (field, local) = (ident(field), format_ident!("{}", local));
                    keys.push(
                        quote!(let #local = crate::restli::encode_key(&self.#field.to_string());),
                    );
                }
            }
        }
        let path = if keys.is_empty() {
            quote!(#fmt.to_owned())
        } else {
            quote!(format!(#fmt))
        };
        let restli_method = format_ident!("{}", m.restli.method.runtime_variant());
        let start = quote!(crate::request::Request::restli(#op, crate::request::RestliMethod::#restli_method, #template, #path));
        let version = m.versioned.then(|| quote!(.version(self.api.version())));
        let r = &m.restli;
        let discriminator = r
            .method
            .discriminator()
            .zip(r.finder.as_ref().or(r.action.as_ref()))
            .map(|(key, value)| quote!(.query_raw(#key, #value)));
        let required_query = m
            .params
            .iter()
            .filter(|p| p.required && p.location == ParamLocation::Query)
            .map(|p| {
                let field = ident(&p.name);
                let wire = &p.wire;
                if p.projection {
                    quote!(.projection(#wire, &self.#field))
                } else {
                    quote!(.query(#wire, &self.#field))
                }
            });
        let optional_query = m
            .params
            .iter()
            .filter(|p| !p.required && p.location == ParamLocation::Query)
            .map(|p| {
                let field = ident(&p.name);
                let wire = &p.wire;
                let add = if p.projection {
                    quote!(projection)
                } else {
                    quote!(query)
                };
                quote! {
                    if let Some(value) = &self.#field {
                        request = request.#add(#wire, value);
                    }
                }
            });
        let body = m
            .body
            .as_ref()
            .map(|_| quote!(request = request.json(&self.body);));
        let retry = (!is_idempotent(m))
            .then(|| quote!(request = request.retry_non_idempotent(self.retry_non_idempotent);));
        quote! {
            /// The request `send` would send: to inspect it, or to send it yourself with
            /// [`crate::Client::execute`].
            pub fn to_request(&self) -> crate::request::Request {
                #(#keys)*
                #[allow(unused_mut)]
                let mut request = #start #version #discriminator #(#required_query)*;
                #(#optional_query)*
                #body
                #retry
                request
            }
        }
    }

    fn send(&self, m: &Method) -> (TokenStream, TokenStream) {
        match &m.response {
            Response::Empty => (
                quote!(()),
                quote!(self.api.client().send_empty(self.to_request()).await),
            ),
            Response::Json(t) => {
                let ty = self.ty(t);
                (
                    ty.clone(),
                    quote!(self.api.client().send_json::<#ty>(self.to_request()).await),
                )
            }
            Response::ActionValue(t) => {
                let ty = self.ty(t);
                (
                    ty.clone(),
                    quote! {
                        let result = self.api.client().send_json::<crate::restli::ActionResult<#ty>>(self.to_request()).await?;
                        Ok(result.value)
                    },
                )
            }
            Response::CreatedId(id) => {
                let ty = self.ty(id);
                (
                    ty.clone(),
                    quote!(self.api.client().send_create_id::<#ty>(self.to_request()).await),
                )
            }
            Response::Created(id, body) => {
                let id = self.ty(id);
                let body = self.ty(body);
                (
                    quote!(crate::restli::Created<#id, #body>),
                    quote!(self.api.client().send_create::<#id, #body>(self.to_request()).await),
                )
            }
        }
    }

    fn paging(&self, m: &Method) -> Option<TokenStream> {
        let p = m.pagination?;
        let Response::Json(TypeRef::Envelope(Envelope::Collection, element)) = &m.response else {
            return None;
        };
        let element = self.ty(element);
        let max = p.max_page_size;
        let pages = match p.style {
            PagingStyle::Offset => quote! {
                let (start, count) = (self.start, self.count);
                crate::paging::offset_pages(start, count, #max, move |start, count| {
                    let mut page = self.clone();
                    page.start = Some(start);
                    page.count = Some(count);
                    page.send()
                })
            },
            PagingStyle::Cursor => quote! {
                let (page_size, page_token) = (self.page_size, self.page_token.clone());
                crate::paging::cursor_pages(page_size, page_token, #max, move |page_size, page_token| {
                    let mut page = self.clone();
                    page.page_size = Some(page_size);
                    page.page_token = page_token;
                    page.send()
                })
            },
        };
        let style = match p.style {
            PagingStyle::Offset => "offset paging (`start`/`count`)",
            PagingStyle::Cursor => "cursor paging (`pageSize`/`pageToken`)",
        };
        let pages_doc = doc_attrs(&format!(
            "Every page, fetched lazily with {style}, at most {max} elements per page.\nOnly one page is held in memory at a time."
        ));
        Some(quote! {
            #pages_doc
            pub fn pages(self) -> impl futures::Stream<Item = Result<crate::restli::Collection<#element>, crate::Error>> + Send + 'static {
                #pages
            }

            /// Every element of every page, fetched lazily page by page.
            pub fn items(self) -> impl futures::Stream<Item = Result<#element, crate::Error>> + Send + 'static {
                crate::paging::items(self.pages())
            }
        })
    }
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
