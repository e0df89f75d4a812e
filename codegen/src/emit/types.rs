//! Named types to Rust items. Structs are spelled out; open enums, Rest.li unions and URNs expand
//! through the runtime's macros (`crate::open_enum!`, …), so their serde logic lives in one
//! hand-written place and the generated files stay readable.

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
                    let vdoc = doc_attrs(&format!("`{}`", v.wire));
                    let dep = v.deprecated.then(|| quote!(#[deprecated]));
                    quote!(#vdoc #dep #variant,)
                });
                let wires = e.variants.iter().map(|v| {
                    let variant = format_ident!("{}", v.name);
                    let wire = &v.wire;
                    quote!(#variant => #wire)
                });
                quote! {
                    #docs
                    #deprecated
                    #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                    #[non_exhaustive]
                    pub enum #name {
                        #(#variants)*
                        /// A value this version of the crate does not know, kept verbatim.
                        Unknown(String),
                    }

                    crate::open_enum!(#name { #(#wires),* });
                }
            }
            TypeKind::Union(u) => {
                let members = u.members.iter().map(|m| {
                    let variant = format_ident!("{}", m.name);
                    let ty = self.boxed(&m.ty, m.boxed);
                    let mdoc = doc_attrs(
                        m.doc
                            .as_deref()
                            .unwrap_or(&format!("The `{}` member.", m.wire)),
                    );
                    let dep = m.deprecated.then(|| quote!(#[deprecated]));
                    quote!(#mdoc #dep #variant(#ty),)
                });
                let wires = u.members.iter().map(|m| {
                    let variant = format_ident!("{}", m.name);
                    let wire = &m.wire;
                    quote!(#variant => #wire)
                });
                quote! {
                    #docs
                    #deprecated
                    #[derive(Debug, Clone, PartialEq)]
                    #[non_exhaustive]
                    pub enum #name {
                        #(#members)*
                        /// A member this version of the crate does not know, kept verbatim.
                        Unknown {
                            /// The member's key.
                            member: String,
                            /// The member's value.
                            value: serde_json::Value,
                        },
                    }

                    crate::restli_union!(#name { #(#wires),* });
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
                        /// A shape this version of the crate does not know.
                        Other(serde_json::Value),
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
        let default = required.is_empty().then(|| quote!(Default,));
        let ctor_doc = if required.is_empty() {
            format!("An empty `{name}`: every field is optional.")
        } else {
            format!("A `{name}` from its required fields; optional fields start empty.")
        };
        let ctor_doc = doc_attrs(&ctor_doc);
        quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
            pub struct #name {
                #(#fields)*
                #additional
            }

            #[allow(deprecated)]
            impl #name {
                #ctor_doc
                pub fn new(#(#args),*) -> Self {
                    Self { #(#inits,)* #additional_init }
                }
            }
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
