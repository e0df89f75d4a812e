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
    pub(super) fn type_def(&self, api: &Api, def: &TypeDef) -> TokenStream {
        let name = format_ident!("{}", def.name);
        // The spec's description, or what the patch recognition knows; never the name again
        // (or the JSON pointer, which only maintainers need: `cargo xtask diff` shows origins).
        let record_patch = matches!(&def.kind, TypeKind::Struct(s) if matches!(s.patch, Some(PatchRole::Record { .. })));
        let doc = def.doc.clone().or_else(|| {
            record_patch.then(|| {
                "A Rest.li patch of one record: the fields to set (`$set`) and to remove (`$delete`). \
                 Build it with `new()` and the methods named after the fields."
                    .to_owned()
            })
        });
        let docs = match doc {
            Some(doc) => doc_attrs(&doc),
            None => quote!(#[allow(missing_docs)]),
        };
        let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
        match &def.kind {
            TypeKind::Struct(s) => self.struct_def(api, &name, docs, deprecated, s),
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
        api: &Api,
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
            let docs = field_docs(f);
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
        let required: Vec<&Field> = s.required().collect();
        // With every field optional the empty value is also `Default`.
        let default = required.is_empty().then(|| quote!(Default,));
        let (constructor, args_type) = match &s.patch {
            Some(role) => (self.patch_constructor(api, name, s, role), None),
            None => self.struct_constructor(name, s, &required),
        };
        // A patch that starts empty is also its `Default` (a patch's `patch` field is required,
        // so it cannot derive it).
        let patch_default = match &s.patch {
            Some(role)
                if default.is_none()
                    && patch_args(api, self.patch_parts(api, s, role).0).is_empty() =>
            {
                Some(quote! {
                    impl Default for #name {
                        fn default() -> Self {
                            Self::new()
                        }
                    }
                })
            }
            _ => None,
        };
        // A PARTIAL_UPDATE body converts into the `restli::PatchBody` its method takes.
        let typed_patch = matches!(s.patch, Some(PatchRole::Body))
            .then(|| quote!(impl crate::restli::TypedPatch for #name {}));
        let setters = match &s.patch {
            Some(role) => self.patch_methods(api, s, role),
            None => {
                let path = quote!(self);
                s.fields
                    .iter()
                    .filter(|f| f.presence != Presence::Required)
                    .map(|f| self.setter(&path, f))
                    .collect()
            }
        };
        // LinkedIn adds fields to records from month to month: `non_exhaustive` keeps code that
        // builds values with `new` and setters compiling when a newer month's type has more.
        quote! {
            #docs
            #deprecated
            #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                #additional
            }

            #args_type
            #patch_default
            #typed_patch

            #[allow(deprecated)]
            impl #name {
                #constructor
                #setters
            }
        }
    }

    /// `new`: positional required fields, a struct of them past [`POSITIONAL_LIMIT`], or none.
    fn struct_constructor(
        &self,
        name: &proc_macro2::Ident,
        s: &StructDef,
        required: &[&Field],
    ) -> (TokenStream, Option<TokenStream>) {
        let literal = self.literal(&quote!(Self), s);
        if let Some(args) = s.required_args_type(&name.to_string()) {
            let args = format_ident!("{args}");
            let fields = required.iter().map(|f| {
                let field = ident(&f.name);
                let ty = self.field_type(f);
                let docs = field_docs(f);
                quote!(#docs pub #field: #ty,)
            });
            let names = required.iter().map(|f| ident(&f.name));
            let args_doc = doc_attrs(&format!(
                "The required fields of a [`{name}`], given to [`{name}::new`] by name."
            ));
            let args_type = quote! {
                #args_doc
                #[derive(Debug, Clone, PartialEq)]
                pub struct #args {
                    #(#fields)*
                }
            };
            let ctor_doc = doc_attrs(&format!(
                "A `{name}` from its required fields; optional fields start empty (set them with the methods named after them)."
            ));
            let constructor = quote! {
                #ctor_doc
                pub fn new(required: #args) -> Self {
                    let #args { #(#names),* } = required;
                    #literal
                }
            };
            return (constructor, Some(args_type));
        }
        let args = required.iter().map(|f| {
            let (param, _) = self.param(f);
            let field = ident(&f.name);
            quote!(#field: #param)
        });
        let binds = required.iter().map(|f| {
            let field = ident(&f.name);
            let (_, value) = self.param(f);
            let value = value(quote!(#field));
            // Numbers and booleans are stored as given.
            (!taken_as_is(f)).then(|| quote!(let #field = #value;))
        });
        let ctor_doc = if required.is_empty() {
            doc_attrs(&format!(
                "An empty `{name}`; set fields with the methods named after them."
            ))
        } else {
            doc_attrs(&format!(
                "A `{name}` from its required fields; optional fields start empty (set them with the methods named after them)."
            ))
        };
        let body = if required.is_empty() {
            quote!(Self::default())
        } else {
            quote!(#(#binds)* #literal)
        };
        let constructor = quote! {
            #ctor_doc
            pub fn new(#(#args),*) -> Self {
                #body
            }
        };
        (constructor, None)
    }

    /// A literal of struct `path` with its required fields taken from variables of their names
    /// and the others empty.
    fn literal(&self, path: &TokenStream, s: &StructDef) -> TokenStream {
        let inits = s.fields.iter().map(|f| {
            let field = ident(&f.name);
            match f.presence {
                Presence::Required => quote!(#field),
                Presence::Optional => quote!(#field: None),
                Presence::Nullable => quote!(#field: crate::Nullable::Absent),
            }
        });
        let additional = s
            .additional
            .as_ref()
            .map(|_| quote!(additional: Default::default(),));
        quote!(#path { #(#inits,)* #additional })
    }

    /// A setter's parameter type, and how it becomes the field's value. Numbers and booleans
    /// are taken as they are (`impl Into<f32>` would refuse a plain `1.5`); everything else
    /// as `impl Into<T>`, so a `&str`, a narrower URN or an array converts in place.
    fn param(&self, f: &Field) -> (TokenStream, impl Fn(TokenStream) -> TokenStream) {
        let ty = self.ty(&f.ty);
        let plain = plain_param(&f.ty);
        let boxed = f.boxed;
        let param = if plain { ty } else { quote!(impl Into<#ty>) };
        let value = move |v: TokenStream| {
            let v = if plain { v } else { quote!(#v.into()) };
            if boxed { quote!(Box::new(#v)) } else { v }
        };
        (param, value)
    }

    /// The chained setter of optional field `f` of the struct at `path`.
    fn setter(&self, path: &TokenStream, f: &Field) -> TokenStream {
        let field = ident(&f.name);
        let method = setter_ident(&f.name);
        let (param, value) = self.param(f);
        let value = value(quote!(value));
        let value = match f.presence {
            Presence::Nullable => quote!(crate::Nullable::Value(#value)),
            _ => quote!(Some(#value)),
        };
        let doc = doc_attrs(&format!("Sets `{}`.", f.wire));
        let dep = f.deprecated.then(|| quote!(#[deprecated]));
        quote! {
            #doc
            #dep
            pub fn #method(mut self, value: #param) -> Self {
                #path.#field = #value;
                self
            }
        }
    }

    /// The record patch a patch struct edits, with its `$set` (the field, its record type and
    /// definition; none when the patch only nests) and the path to the record from `self`.
    #[allow(clippy::type_complexity)]
    fn patch_parts<'a>(
        &self,
        api: &'a Api,
        s: &'a StructDef,
        role: &PatchRole,
    ) -> (
        &'a StructDef,
        Option<(&'a Field, &'a TypeRef, &'a StructDef)>,
        TokenStream,
    ) {
        let (record, path) = match role {
            PatchRole::Body => {
                let patch = &s.fields[0];
                (struct_named(api, &patch.ty), {
                    let field = ident(&patch.name);
                    quote!(self.#field)
                })
            }
            PatchRole::Record { .. } => (s, quote!(self)),
        };
        let set = record
            .fields
            .iter()
            .find(|f| f.wire == "$set")
            .map(|set| (set, &set.ty, struct_named(api, &set.ty)));
        (record, set, path)
    }

    /// `new` of a patch: empty, or with the required fields of a required `$set`.
    fn patch_constructor(
        &self,
        api: &Api,
        name: &proc_macro2::Ident,
        s: &StructDef,
        role: &PatchRole,
    ) -> TokenStream {
        let (record, set, _) = self.patch_parts(api, s, role);
        let required = patch_args(api, record);
        let args = required.iter().map(|f| {
            let (param, _) = self.param(f);
            let field = ident(&f.name);
            quote!(#field: #param)
        });
        // The one required sub-record patch of a patch without `$set` (recognize_patches).
        let nested = match set {
            Some(_) => None,
            None => record
                .fields
                .iter()
                .find(|f| f.presence == Presence::Required),
        };
        // Arguments a sub-record patch takes are handed on as given; its `new` converts them.
        let binds = required.iter().filter(|_| nested.is_none()).map(|f| {
            let field = ident(&f.name);
            let (_, value) = self.param(f);
            let value = value(quote!(#field));
            // Numbers and booleans are stored as given.
            (!taken_as_is(f)).then(|| quote!(let #field = #value;))
        });
        let set_value = match set {
            Some((set, set_ty, fields)) if set.presence == Presence::Required => {
                self.literal(&self.ty(set_ty), fields)
            }
            _ => quote!(None),
        };
        let names: Vec<proc_macro2::Ident> = required.iter().map(|f| ident(&f.name)).collect();
        let record_fields = record.fields.iter().map(|f| {
            let field = ident(&f.name);
            if f.wire == "$set" {
                quote!(#field: #set_value)
            } else if f.presence == Presence::Required {
                let ty = self.ty(&f.ty);
                quote!(#field: #ty::new(#(#names),*))
            } else {
                quote!(#field: None)
            }
        });
        let record_value = match role {
            PatchRole::Body => {
                let record_ty = self.ty(&s.fields[0].ty);
                let patch = ident(&s.fields[0].name);
                quote!(Self { #patch: #record_ty { #(#record_fields,)* } })
            }
            PatchRole::Record { .. } => quote!(Self { #(#record_fields,)* }),
        };
        let doc = doc_attrs(&match nested {
            Some(nested) => format!(
                "A `{name}` that patches `{}` with these fields (`$set`).",
                nested.wire
            ),
            None => format!(
                "A `{name}` that changes nothing yet{}: each method named after a field sets it (`$set`), each `clear_` method removes one (`$delete`).",
                if required.is_empty() {
                    ""
                } else {
                    " but its required fields"
                }
            ),
        });
        quote! {
            #doc
            pub fn new(#(#args),*) -> Self {
                #(#binds)*
                #record_value
            }
        }
    }

    /// The setters of a patch: one per optional `$set` field, one `clear_` per clearable field
    /// and one per sub-record patch.
    fn patch_methods(&self, api: &Api, s: &StructDef, role: &PatchRole) -> TokenStream {
        let (record, set, path) = self.patch_parts(api, s, role);
        let record_patch = record.patch.as_ref();
        let Some(PatchRole::Record { clearable }) = record_patch else {
            unreachable!("a patch body holds a record patch (recognize_patches)")
        };
        let setters: Vec<TokenStream> = match set {
            Some((set, _, fields)) => {
                let set_field = ident(&set.name);
                let set_path = match set.presence {
                    Presence::Required => quote!(#path.#set_field),
                    _ => quote!(#path.#set_field.get_or_insert_with(Default::default)),
                };
                fields
                    .fields
                    .iter()
                    .filter(|f| f.presence == Presence::Optional)
                    .map(|f| self.setter(&set_path, f))
                    .collect()
            }
            None => Vec::new(),
        };
        let fields = set.map(|(_, _, fields)| fields);
        let delete = record.fields.iter().find(|f| f.wire == "$delete");
        let clears = clearable.iter().map(|wire| {
            let delete = delete.expect("clearable fields come from `$delete`");
            let delete_field = ident(&delete.name);
            let f = fields
                .iter()
                .flat_map(|fields| &fields.fields)
                .find(|f| &f.wire == wire)
                .expect("clearable fields are `$set` fields");
            let method = format_ident!("clear_{}", crate::naming::unraw(&f.name));
            let item = match &delete.ty {
                TypeRef::List(item) => match item.as_ref() {
                    TypeRef::Named(e) => {
                        let enum_ty = self.ty(item);
                        let variant = enum_variant(api, e, wire);
                        quote!(#enum_ty::#variant)
                    }
                    _ => quote!(#wire.to_owned()),
                },
                _ => unreachable!("`$delete` is a list (recognize_patches)"),
            };
            let doc = doc_attrs(&format!("Removes `{wire}` (`$delete`)."));
            quote! {
                #doc
                pub fn #method(mut self) -> Self {
                    let delete = #path.#delete_field.get_or_insert_with(Vec::new);
                    let field = #item;
                    if !delete.contains(&field) {
                        delete.push(field);
                    }
                    self
                }
            }
        });
        let nested = record
            .fields
            .iter()
            .filter(|f| f.wire != "$set" && f.wire != "$delete" && f.presence != Presence::Required)
            .map(|f| self.setter(&path, f));
        quote!(#(#setters)* #(#clears)* #(#nested)*)
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

/// The docs of a field: the spec's description (or its type's), and whether LinkedIn sets it.
/// Without either there is nothing a user needs to read, so no doc is written rather than one
/// that repeats the name (`missing_docs` is allowed on the field instead).
fn field_docs(f: &Field) -> TokenStream {
    let mut doc = f.doc.clone().unwrap_or_default();
    if f.read_only {
        doc.push_str(if doc.is_empty() {
            "Read-only: set by LinkedIn."
        } else {
            "\n\nRead-only: set by LinkedIn."
        });
    }
    if doc.trim().is_empty() {
        quote!(#[allow(missing_docs)])
    } else {
        doc_attrs(&doc)
    }
}

/// Method names that would shadow a trait method every generated struct has (or the
/// constructor): a field with one of these names gets its setter as `with_<name>`.
const TAKEN_METHODS: &[&str] = &[
    "new",
    "clone",
    "clone_from",
    "eq",
    "ne",
    "fmt",
    "serialize",
    "deserialize",
    "default",
    "into",
    "from",
    "try_into",
    "try_from",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
];

/// The setter of a field: named after it, unless that name is taken.
fn setter_ident(field: &str) -> proc_macro2::Ident {
    if TAKEN_METHODS.contains(&crate::naming::unraw(field)) {
        format_ident!("with_{}", crate::naming::unraw(field))
    } else {
        ident(field)
    }
}

/// The arguments `new` of record patch `record` takes: the required fields of a required `$set`,
/// else those of its one required sub-record patch (recognize_patches allows one source only).
fn patch_args<'a>(api: &'a Api, record: &'a StructDef) -> Vec<&'a Field> {
    if let Some(set) = record.fields.iter().find(|f| f.wire == "$set") {
        return match set.presence {
            Presence::Required => struct_named(api, &set.ty).required().collect(),
            _ => Vec::new(),
        };
    }
    match record
        .fields
        .iter()
        .find(|f| f.presence == Presence::Required)
    {
        Some(nested) => patch_args(api, struct_named(api, &nested.ty)),
        None => Vec::new(),
    }
}

/// The struct a named type is (the patch recognition only ever points at structs).
fn struct_named<'a>(api: &'a Api, ty: &TypeRef) -> &'a StructDef {
    let TypeRef::Named(name) = ty else {
        unreachable!("patch parts are named structs (recognize_patches)")
    };
    match api.types.iter().find(|t| &t.name == name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => s,
        _ => unreachable!("patch parts are named structs (recognize_patches)"),
    }
}

/// The variant of enum `name` for `wire`.
fn enum_variant(api: &Api, name: &str, wire: &str) -> proc_macro2::Ident {
    let variant = api
        .types
        .iter()
        .find(|t| t.name == name)
        .and_then(|t| match &t.kind {
            TypeKind::Enum(e) => e.variants.iter().find(|v| v.wire == wire),
            _ => None,
        })
        .expect("clearable values are the `$delete` enum's (recognize_patches)");
    format_ident!("{}", variant.name)
}

/// Types a setter takes as they are rather than as `impl Into<T>`: numbers and booleans (a
/// literal would not know its type) and maps (built in place anyway).
fn plain_param(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Map(_)
    )
}

/// Whether a constructor argument is stored exactly as given (no conversion, no box).
fn taken_as_is(f: &Field) -> bool {
    plain_param(&f.ty) && !f.boxed
}
