//! Named types to Rust items. Structs are spelled out; open enums, Rest.li unions and URNs are
//! declared through the runtime's macros (`crate::open_enum!`, …), which take each variant with
//! its wire name once (`Variant = "WIRE"`) and hold the serde logic in one hand-written place.
//! Every "value this version does not know" is spelled `Unknown`, kept verbatim.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Scope, doc_attrs, ident};
use crate::ir::*;

impl Scope<'_> {
    /// The items of one named type.
    pub(super) fn type_def(&self, def: &TypeDef) -> TokenStream {
        let name = format_ident!("{}", def.name);
        let mut doc = def
            .doc
            .clone()
            .unwrap_or_else(|| format!("`{}` from the spec.", def.name));
        doc.push_str(&format!("\n\nSpec: `{}`.", def.origin));
        let docs = doc_attrs(&doc);
        let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
        match &def.kind {
            TypeKind::Struct(s) => self.struct_def(&name, docs, deprecated, s),
            TypeKind::Enum(e) => {
                let variants = e.variants.iter().map(|v| {
                    let variant = format_ident!("{}", v.name);
                    let wire = &v.wire;
                    let vdoc = doc_attrs(&format!("`{wire}`"));
                    let dep = v.deprecated.then(|| quote!(#[deprecated]));
                    quote!(#vdoc #dep #variant = #wire,)
                });
                quote! {
                    crate::open_enum! {
                        #docs
                        #deprecated
                        pub enum #name {
                            #(#variants)*
                        }
                    }
                }
            }
            TypeKind::Union(u) => {
                let members = u.members.iter().map(|m| {
                    let variant = format_ident!("{}", m.name);
                    let ty = self.boxed(&m.ty, m.boxed);
                    let wire = &m.wire;
                    let mdoc =
                        doc_attrs(m.doc.as_deref().unwrap_or(&format!("The `{wire}` member.")));
                    let dep = m.deprecated.then(|| quote!(#[deprecated]));
                    quote!(#mdoc #dep #variant(#ty) = #wire,)
                });
                quote! {
                    crate::restli_union! {
                        #docs
                        #deprecated
                        pub enum #name {
                            #(#members)*
                        }
                    }
                }
            }
            TypeKind::Newtype(inner) => {
                let ty = self.ty(inner);
                let default =
                    matches!(inner, TypeRef::List(_) | TypeRef::Map(_)).then(|| quote!(Default,));
                quote! {
                    #docs
                    #deprecated
                    #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                }
            }
            TypeKind::OneOf(o) => {
                let variants = o.variants.iter().map(|v| {
                    let variant = format_ident!("{}", v.name);
                    let ty = self.ty(&v.ty);
                    quote!(#variant(#ty),)
                });
                quote! {
                    #docs
                    #deprecated
                    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                    #[serde(untagged)]
                    pub enum #name {
                        #(#variants)*
                        /// A shape this version of the crate does not know, kept verbatim.
                        Unknown(serde_json::Value),
                    }
                }
            }
        }
    }

    fn struct_def(
        &self,
        name: &proc_macro2::Ident,
        docs: TokenStream,
        deprecated: Option<TokenStream>,
        s: &StructDef,
    ) -> TokenStream {
        let fields = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            let ty = self.field_type(f);
            let wire = &f.wire;
            let rename = (crate::naming::unraw(&f.name) != f.wire).then(|| quote!(rename = #wire,));
            let serde = match f.presence {
                Presence::Required => rename.map(|r| quote!(#[serde(#r)])),
                Presence::Optional => Some(quote!(#[serde(#rename default, skip_serializing_if = "Option::is_none")])),
                Presence::Nullable => Some(quote!(#[serde(#rename default, skip_serializing_if = "crate::Nullable::is_absent")])),
            };
            let mut doc = f.doc.clone().unwrap_or_default();
            if f.read_only {
                doc.push_str(if doc.is_empty() { "Read-only: set by LinkedIn." } else { "\n\nRead-only: set by LinkedIn." });
            }
            if doc.is_empty() {
                doc = format!("`{wire}`.");
            }
            let docs = doc_attrs(&doc);
            let dep = f.deprecated.then(|| quote!(#[deprecated]));
            quote!(#docs #dep #serde pub #field: #ty,)
        });
        let additional = s.additional.as_ref().map(|t| {
            let ty = self.ty(t);
            quote! {
                /// Properties beyond the named ones.
                #[serde(flatten)]
                pub additional: std::collections::BTreeMap<String, #ty>,
            }
        });
        let required: Vec<&Field> = s
            .fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
            .collect();
        let args = required.iter().map(|f| {
            let field = ident(&f.name);
            let ty = self.field_type(f);
            quote!(#field: #ty)
        });
        let inits = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            match f.presence {
                Presence::Required => quote!(#field),
                Presence::Optional => quote!(#field: None),
                Presence::Nullable => quote!(#field: crate::Nullable::Absent),
            }
        });
        let additional_init = s
            .additional
            .as_ref()
            .map(|_| quote!(additional: Default::default(),));
        // With every field optional the empty value is `Default`, not a `new()` without
        // arguments; otherwise `new` takes the required fields.
        let (default, constructor) = if required.is_empty() {
            (Some(quote!(Default,)), None)
        } else {
            let ctor_doc = doc_attrs(&format!(
                "A `{name}` from its required fields; optional fields start empty."
            ));
            let constructor = quote! {
                #[allow(deprecated)]
                impl #name {
                    #ctor_doc
                    pub fn new(#(#args),*) -> Self {
                        Self { #(#inits,)* #additional_init }
                    }
                }
            };
            (None, Some(constructor))
        };
        quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
            pub struct #name {
                #(#fields)*
                #additional
            }

            #constructor
        }
    }

    fn field_type(&self, f: &Field) -> TokenStream {
        let inner = self.boxed(&f.ty, f.boxed);
        match f.presence {
            Presence::Required => inner,
            Presence::Optional => quote!(Option<#inner>),
            Presence::Nullable => quote!(crate::Nullable<#inner>),
        }
    }

    fn boxed(&self, ty: &TypeRef, boxed: bool) -> TokenStream {
        let t = self.ty(ty);
        if boxed { quote!(Box<#t>) } else { t }
    }
}
