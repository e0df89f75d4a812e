//! Schemas to types: every OpenAPI schema becomes a [`TypeRef`], and every schema that needs a
//! name (objects, enums, unions, `oneOf`s) becomes a [`TypeDef`].
//!
//! Policy decided here:
//! * component schemas keep their name; inline ones are named after where they sit
//!   (`Post` + `lifecycleStateInfo` → `PostLifecycleStateInfo`);
//! * `readOnly` fields are optional (the client never sends them), `nullable` ones are
//!   three-state ([`Presence::Nullable`]);
//! * `integer` without `format: int32` is `i64`, `number` without `format: float` is `f64`;
//! * a free-form object (no properties) is `serde_json::Value`;
//! * only schemas reachable from a generated operation are emitted.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, Type,
    VariantOrUnknownOrEmpty,
};

use super::{Builder, ext, refs};
use crate::diag::{Ptr, Result};
use crate::ir::*;
use crate::naming;

/// A schema or a reference to one, whichever box it came in.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// How deep the walk over schemas may go (each property, item, map value, alternative or
/// reference is a level). LinkedIn's schemas nest a few levels; the bound keeps the generator's
/// own recursion far from overflowing its stack.
pub(crate) const MAX_SCHEMA_DEPTH: usize = 64;

impl<'a> Builder<'a> {
    /// The component schema a `$ref` points to, with its name.
    pub(crate) fn component_schema(
        &self,
        reference: &str,
        at: &Ptr,
    ) -> Result<(&'a str, &'a Schema)> {
        refs::component(self.doc, reference, at)
    }

    /// Follows a reference (if any) to the schema itself.
    pub(crate) fn resolve_schema<'s>(
        &self,
        schema: SchemaRef<'s>,
        at: &Ptr,
    ) -> Result<(&'s Schema, Ptr)>
    where
        'a: 's,
    {
        match schema {
            SchemaRef::Inline(s) => Ok((s, at.clone())),
            SchemaRef::Ref(r) => {
                let (_, s) = self.component_schema(r, at)?;
                Ok((s, at.from_ref(r)))
            }
        }
    }

    /// The type of a schema used somewhere; `hint` names it if it is inline and needs a name.
    pub(crate) fn type_of<'s>(
        &mut self,
        schema: SchemaRef<'s>,
        at: &Ptr,
        hint: &str,
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        if self.depth >= MAX_SCHEMA_DEPTH {
            return at.fail(format!(
                "schemas nest more than {MAX_SCHEMA_DEPTH} levels deep here (each property, item, map value, alternative and `$ref` followed is a level); flatten the schema"
            ));
        }
        self.depth += 1;
        let ty = match schema {
            SchemaRef::Ref(reference) => self.component_type(reference, at),
            SchemaRef::Inline(s) => self.inline_type(s, at, hint),
        };
        self.depth -= 1;
        ty
    }

    fn component_type(&mut self, reference: &str, at: &Ptr) -> Result<TypeRef> {
        if let Some(known) = self.component_types.get(reference) {
            return Ok(known.clone());
        }
        let (name, schema) = self.component_schema(reference, at)?;
        let here = at.from_ref(reference);
        let rust_name = naming::type_name(name);
        if self.unnamed_in_progress.contains(reference) {
            // A cycle that no named type breaks (`A` is a list of `A`): `A` gets a name after all,
            // given when its own build finishes (see `name_reentered`).
            self.reentered.insert(reference.to_owned());
            return Ok(TypeRef::Named(rust_name));
        }
        if let Some(path) =
            ext::string(&schema.schema_data.extensions, "x-linkedin-runtime", &here)?
        {
            let ty = TypeRef::Runtime(path);
            self.component_types
                .insert(reference.to_owned(), ty.clone());
            return Ok(ty);
        }
        let named = names_itself(schema);
        if named {
            // Record the name before descending, so recursive references resolve to it.
            self.component_types
                .insert(reference.to_owned(), TypeRef::Named(rust_name.clone()));
        } else {
            self.unnamed_in_progress.insert(reference.to_owned());
        }
        let built = self.inline_type(schema, &here, &rust_name);
        self.unnamed_in_progress.remove(reference);
        let mut ty = built?;
        if self.reentered.remove(reference) {
            ty = self.name_reentered(&rust_name, &here, schema, ty)?;
        }
        self.component_types
            .insert(reference.to_owned(), ty.clone());
        Ok(ty)
    }

    /// The type of a component that contains itself without passing through a named type:
    /// through arrays and maps it becomes a named wrapper (`struct A(Vec<A>)`, since Rust has no
    /// recursive type aliases); a component that is only itself (`allOf: [itself]`) or an
    /// envelope inside itself has no finite shape and is refused.
    fn name_reentered(
        &mut self,
        rust_name: &str,
        here: &Ptr,
        schema: &Schema,
        ty: TypeRef,
    ) -> Result<TypeRef> {
        match &ty {
            TypeRef::Named(n) if n == rust_name => {
                let defined_here = self.types.get(n).is_some_and(|d| {
                    d.origin == here.pointer()
                        || d.origin.starts_with(&format!("{}/", here.pointer()))
                });
                if defined_here {
                    // `allOf: [<inline object>]` whose object is named after the component.
                    Ok(ty)
                } else {
                    here.fail(
                        "this schema is defined only in terms of itself (through `allOf` or `$ref`), so it has no shape; give it properties or point the reference elsewhere",
                    )
                }
            }
            TypeRef::Envelope(..) => here.fail("a Rest.li envelope cannot contain itself"),
            _ => self.register(rust_name, here, schema, TypeKind::Newtype(ty)),
        }
    }

    fn inline_type<'s>(&mut self, s: &'s Schema, at: &Ptr, hint: &str) -> Result<TypeRef>
    where
        'a: 's,
    {
        let data = &s.schema_data;
        // An inline schema's `title` names its type; a component keeps its component name.
        let titled;
        let hint = match &data.title {
            Some(title)
                if !at.pointer().starts_with("#/components/schemas/")
                    || at.pointer().matches('/').count() > 3 =>
            {
                titled = naming::type_name(title);
                titled.as_str()
            }
            _ => hint,
        };
        if let Some(types) = ext::urn_types(&data.extensions, at)? {
            if !matches!(s.schema_kind, SchemaKind::Type(Type::String(_))) {
                return at
                    .at("x-linkedin-urn")
                    .fail("`x-linkedin-urn` is only allowed on `type: string` schemas (and on a numeric path parameter's `type: integer` schema)");
            }
            return Ok(TypeRef::Urn(types));
        }
        match &s.schema_kind {
            SchemaKind::Type(Type::String(st)) => {
                let values: Vec<&str> = st
                    .enumeration
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                if st.enumeration.iter().any(Option::is_none) {
                    return at
                        .at("enum")
                        .fail("`null` in a string enum is not supported; use `nullable: true`");
                }
                if values.is_empty() {
                    Ok(TypeRef::String)
                } else {
                    self.define_enum(hint, at, s, &values)
                }
            }
            SchemaKind::Type(Type::Integer(it)) => Ok(match it.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            }),
            SchemaKind::Type(Type::Number(nt)) => Ok(match nt.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            }),
            SchemaKind::Type(Type::Boolean(_)) => Ok(TypeRef::Bool),
            SchemaKind::Type(Type::Array(at_)) => {
                let Some(items) = &at_.items else {
                    return at.fail("`type: array` needs `items`");
                };
                let item = self.type_of(items.into(), &at.at("items"), &format!("{hint}Item"))?;
                Ok(TypeRef::List(Box::new(item)))
            }
            SchemaKind::Type(Type::Object(obj)) => {
                if let Some(kind) = ext::string(&data.extensions, "x-restli-envelope", at)? {
                    return self.envelope(&kind, obj, at, hint);
                }
                if ext::flag(&data.extensions, "x-restli-union", at)? {
                    return self.define_union(hint, at, s, obj);
                }
                if obj.properties.is_empty() {
                    return match &obj.additional_properties {
                        Some(AdditionalProperties::Schema(v)) => {
                            let value = self.type_of(
                                v.as_ref().into(),
                                &at.at("additionalProperties"),
                                &format!("{hint}Value"),
                            )?;
                            Ok(TypeRef::Map(Box::new(value)))
                        }
                        Some(AdditionalProperties::Any(true)) => {
                            Ok(TypeRef::Map(Box::new(TypeRef::Json)))
                        }
                        _ => Ok(TypeRef::Json),
                    };
                }
                self.define_struct(hint, at, s, &[(obj, at.clone())])
            }
            SchemaKind::OneOf { one_of } => self.define_one_of(hint, at, s, one_of, "oneOf"),
            SchemaKind::AllOf { all_of } if all_of.len() == 1 => {
                // `allOf: [$ref]` only wraps a reference to give it a description.
                self.type_of((&all_of[0]).into(), &at.at("allOf").at(0), hint)
            }
            SchemaKind::AllOf { all_of } => {
                let mut parts = Vec::new();
                for (i, part) in all_of.iter().enumerate() {
                    let here = at.at("allOf").at(i);
                    let (schema, ptr) = self.resolve_schema(part.into(), &here)?;
                    match &schema.schema_kind {
                        SchemaKind::Type(Type::Object(obj)) => parts.push((obj, ptr)),
                        _ => return here.fail("`allOf` may only combine object schemas"),
                    }
                }
                self.define_struct(hint, at, s, &parts)
            }
            SchemaKind::AnyOf { .. } => {
                at.fail("`anyOf` is not supported; describe the alternatives with `oneOf`")
            }
            SchemaKind::Not { .. } => at.fail("`not` is not supported"),
            SchemaKind::Any(any) => {
                if !any.one_of.is_empty() {
                    return self.define_one_of(hint, at, s, &any.one_of, "oneOf");
                }
                if !any.any_of.is_empty() {
                    return at
                        .fail("`anyOf` is not supported; describe the alternatives with `oneOf`");
                }
                if !any.properties.is_empty() || !any.all_of.is_empty() {
                    return at
                        .fail("this schema mixes keywords of several types; give it one `type`");
                }
                Ok(TypeRef::Json)
            }
        }
    }

    fn envelope<'s>(
        &mut self,
        kind: &str,
        obj: &'s openapiv3::ObjectType,
        at: &Ptr,
        hint: &str,
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        let (envelope, key) = match kind {
            "collection" => (Envelope::Collection, "elements"),
            "batch-get" => (Envelope::BatchGet, "results"),
            "action" => (Envelope::Action, "value"),
            "batch-create" => (Envelope::BatchCreate, "elements"),
            "batch-finder" => (Envelope::BatchFinder, "elements"),
            other => {
                return at.at("x-restli-envelope").fail(format!(
                    "unknown envelope `{other}`; expected collection, batch-get, batch-create, batch-finder or action \
                     (a batch write's `{{results, errors}}` is the runtime's `x-linkedin-runtime: restli::BatchResult`)"
                ));
            }
        };
        let here = at.at("properties").at(key);
        let Some(prop) = obj.properties.get(key) else {
            return here.fail(format!("a `{kind}` envelope needs a `{key}` property"));
        };
        let (schema, ptr) = self.resolve_schema(prop.into(), &here)?;
        let element = match (envelope, &schema.schema_kind) {
            (Envelope::Collection, SchemaKind::Type(Type::Array(arr))) => match &arr.items {
                Some(items) => {
                    self.type_of(items.into(), &ptr.at("items"), &format!("{hint}Element"))?
                }
                None => return ptr.fail("`elements` needs `items`"),
            },
            (Envelope::Collection, _) => return ptr.fail("`elements` must be an array"),
            // The element type of a BATCH_CREATE result is the created entities' key type.
            (Envelope::BatchCreate, SchemaKind::Type(Type::Array(arr))) => {
                let Some(items) = &arr.items else {
                    return ptr.fail("`elements` needs `items`");
                };
                let (item, item_ptr) = self.resolve_schema(items.into(), &ptr.at("items"))?;
                let id = match &item.schema_kind {
                    SchemaKind::Type(Type::Object(o)) => o.properties.get("id"),
                    _ => None,
                };
                let Some(id) = id else {
                    return item_ptr
                        .fail("a `batch-create` element needs an `id` property (the created key)");
                };
                self.type_of(
                    id.into(),
                    &item_ptr.at("properties").at("id"),
                    &format!("{hint}Key"),
                )?
            }
            (Envelope::BatchCreate, _) => return ptr.fail("`elements` must be an array"),
            // One collection per criteria: the element type is the inner `elements`' items.
            (Envelope::BatchFinder, SchemaKind::Type(Type::Array(arr))) => {
                let Some(items) = &arr.items else {
                    return ptr.fail("`elements` needs `items`");
                };
                let (item, item_ptr) = self.resolve_schema(items.into(), &ptr.at("items"))?;
                let inner = match &item.schema_kind {
                    SchemaKind::Type(Type::Object(o)) => o.properties.get("elements"),
                    _ => None,
                };
                let Some(inner) = inner else {
                    return item_ptr.fail(
                        "a `batch-finder` element needs an `elements` property (that criteria's results)",
                    );
                };
                let inner_ptr = item_ptr.at("properties").at("elements");
                let (inner, inner_ptr) = self.resolve_schema(inner.into(), &inner_ptr)?;
                match &inner.schema_kind {
                    SchemaKind::Type(Type::Array(a)) => match &a.items {
                        Some(items) => self.type_of(
                            items.into(),
                            &inner_ptr.at("items"),
                            &format!("{hint}Element"),
                        )?,
                        None => return inner_ptr.fail("`elements` needs `items`"),
                    },
                    _ => return inner_ptr.fail("`elements` must be an array"),
                }
            }
            (Envelope::BatchFinder, _) => return ptr.fail("`elements` must be an array"),
            (Envelope::BatchGet, SchemaKind::Type(Type::Object(map))) => match &map
                .additional_properties
            {
                Some(AdditionalProperties::Schema(v)) => self.type_of(
                    v.as_ref().into(),
                    &ptr.at("additionalProperties"),
                    &format!("{hint}Result"),
                )?,
                _ => return ptr.fail("`results` must be a map (`additionalProperties: <schema>`)"),
            },
            (Envelope::BatchGet, _) => return ptr.fail("`results` must be an object map"),
            (Envelope::Action, _) => self.type_of(prop.into(), &here, &format!("{hint}Value"))?,
        };
        Ok(TypeRef::Envelope(envelope, Box::new(element)))
    }

    fn register(&mut self, name: &str, at: &Ptr, s: &Schema, kind: TypeKind) -> Result<TypeRef> {
        if let Some(existing) = self.types.get(name)
            && existing.origin != at.pointer()
        {
            return at.fail(format!(
                "the generated type name `{name}` is already used by {}; rename one of them",
                existing.origin
            ));
        }
        let def = TypeDef {
            name: name.to_owned(),
            module: String::new(),
            origin: at.pointer().to_owned(),
            doc: s
                .schema_data
                .description
                .clone()
                .or_else(|| s.schema_data.title.clone()),
            deprecated: s.schema_data.deprecated,
            kind,
        };
        self.types.insert(name.to_owned(), def);
        Ok(TypeRef::Named(name.to_owned()))
    }

    fn define_enum(
        &mut self,
        name: &str,
        at: &Ptr,
        s: &Schema,
        values: &[&str],
    ) -> Result<TypeRef> {
        let deprecated = ext::string_list(
            &s.schema_data.extensions,
            "x-linkedin-deprecated-values",
            at,
        )?;
        let mut seen = BTreeMap::new();
        let mut variants = Vec::new();
        for (i, wire) in values.iter().enumerate() {
            let mut rust = naming::type_name(wire);
            if rust == "Unknown" {
                rust = "UnknownValue".to_owned(); // `Unknown(String)` is the open fallback
            }
            if let Some(other) = seen.insert(rust.clone(), *wire) {
                return at.at("enum").at(i).fail(format!(
                    "enum values `{other}` and `{wire}` both become the Rust variant `{rust}`"
                ));
            }
            variants.push(EnumVariant {
                name: rust,
                wire: (*wire).to_owned(),
                deprecated: deprecated.iter().any(|d| d == wire),
            });
        }
        self.register(name, at, s, TypeKind::Enum(EnumDef { variants }))
    }

    fn define_union<'s>(
        &mut self,
        name: &str,
        at: &Ptr,
        s: &'s Schema,
        obj: &'s openapiv3::ObjectType,
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        self.register(
            name,
            at,
            s,
            TypeKind::Union(UnionDef {
                members: Vec::new(),
            }),
        )?;
        let mut members = Vec::new();
        for (wire, prop) in &obj.properties {
            let here = at.at("properties").at(wire);
            let variant = naming::type_name(wire);
            let ty = self.type_of(prop.into(), &here, &format!("{name}{variant}"))?;
            let (doc, deprecated) = prop_doc(prop);
            let target = target_flag(prop, &ty, &here)?;
            members.push(UnionMember {
                name: variant,
                wire: wire.clone(),
                ty,
                boxed: false,
                doc,
                deprecated,
                target,
            });
        }
        if members.is_empty() {
            return at.fail("a Rest.li union needs at least one member property");
        }
        check_unique(at, members.iter().map(|m| (&m.name, &m.wire)))?;
        self.set_kind(name, TypeKind::Union(UnionDef { members }));
        Ok(TypeRef::Named(name.to_owned()))
    }

    fn define_one_of<'s>(
        &mut self,
        name: &str,
        at: &Ptr,
        s: &'s Schema,
        alternatives: &'s [ReferenceOr<Schema>],
        key: &str,
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        self.register(
            name,
            at,
            s,
            TypeKind::OneOf(OneOfDef {
                variants: Vec::new(),
            }),
        )?;
        let mut variants = Vec::new();
        for (i, alt) in alternatives.iter().enumerate() {
            let here = at.at(key).at(i);
            let variant_name = match alt {
                ReferenceOr::Reference { reference } => {
                    naming::type_name(reference.rsplit('/').next().unwrap_or(reference))
                }
                ReferenceOr::Item(inner) => match &inner.schema_kind {
                    SchemaKind::Type(Type::String(_)) => "String".to_owned(),
                    SchemaKind::Type(Type::Integer(_)) => "Integer".to_owned(),
                    SchemaKind::Type(Type::Number(_)) => "Number".to_owned(),
                    SchemaKind::Type(Type::Boolean(_)) => "Boolean".to_owned(),
                    SchemaKind::Type(Type::Array(_)) => "List".to_owned(),
                    _ => inner
                        .schema_data
                        .title
                        .as_deref()
                        .map(naming::type_name)
                        .unwrap_or_else(|| format!("Variant{}", i + 1)),
                },
            };
            let ty = self.type_of(alt.into(), &here, &format!("{name}{variant_name}"))?;
            variants.push(OneOfVariant {
                name: variant_name,
                ty,
            });
        }
        if variants.is_empty() {
            return at.at(key).fail("`oneOf` needs at least one alternative");
        }
        let mut seen = BTreeMap::new();
        for (i, v) in variants.iter().enumerate() {
            if seen.insert(v.name.clone(), i).is_some() {
                return at.at(key).at(i).fail(format!(
                    "two `oneOf` alternatives are both named `{}`; give them distinct titles",
                    v.name
                ));
            }
        }
        self.set_kind(name, TypeKind::OneOf(OneOfDef { variants }));
        Ok(TypeRef::Named(name.to_owned()))
    }

    fn define_struct<'s>(
        &mut self,
        name: &str,
        at: &Ptr,
        s: &'s Schema,
        parts: &[(&'s openapiv3::ObjectType, Ptr)],
    ) -> Result<TypeRef>
    where
        'a: 's,
    {
        self.register(
            name,
            at,
            s,
            TypeKind::Struct(StructDef {
                fields: Vec::new(),
                additional: None,
                patch: None,
            }),
        )?;
        let mut fields: Vec<Field> = Vec::new();
        let mut additional = None;
        for (obj, ptr) in parts {
            for (wire, prop) in &obj.properties {
                let here = ptr.at("properties").at(wire);
                if fields.iter().any(|f| &f.wire == wire) {
                    return here.fail(format!(
                        "property `{wire}` is defined twice in this `allOf`"
                    ));
                }
                let rust = naming::value_name(wire);
                let ty = self.type_of(
                    prop.into(),
                    &here,
                    &format!("{name}{}", naming::type_name(wire)),
                )?;
                let (doc, deprecated) = prop_doc(prop);
                let doc = match (doc, prop) {
                    (Some(d), _) => Some(d),
                    (None, ReferenceOr::Reference { reference }) => {
                        self.first_sentence_of(reference, &here)
                    }
                    (None, _) => None,
                };
                let (nullable, read_only) = match prop {
                    ReferenceOr::Item(p) => (p.schema_data.nullable, p.schema_data.read_only),
                    ReferenceOr::Reference { .. } => (false, false),
                };
                let target = target_flag(prop, &ty, &here)?;
                if target && read_only {
                    return here.fail(
                        "`x-linkedin-target` on a `readOnly` property: a target is what the caller sends",
                    );
                }
                // In an `allOf`, any part may require a property another part defines (a
                // create body requiring shared fields).
                let required = parts
                    .iter()
                    .any(|(o, _)| o.required.iter().any(|r| r == wire));
                let presence = if nullable {
                    Presence::Nullable
                } else if required && !read_only {
                    Presence::Required
                } else {
                    Presence::Optional
                };
                fields.push(Field {
                    name: rust,
                    wire: wire.clone(),
                    ty,
                    presence,
                    boxed: false,
                    doc,
                    deprecated,
                    read_only,
                    target,
                });
            }
            for req in &obj.required {
                if !obj.properties.contains_key(req) && parts.len() == 1 {
                    return ptr
                        .at("required")
                        .fail(format!("`{req}` is required but not among the properties"));
                }
            }
            if let Some(AdditionalProperties::Schema(v)) = &obj.additional_properties {
                let ty = self.type_of(
                    v.as_ref().into(),
                    &ptr.at("additionalProperties"),
                    &format!("{name}Value"),
                )?;
                additional = Some(ty);
            }
        }
        check_unique(at, fields.iter().map(|f| (&f.name, &f.wire)))?;
        self.set_kind(
            name,
            TypeKind::Struct(StructDef {
                fields,
                additional,
                patch: None,
            }),
        );
        Ok(TypeRef::Named(name.to_owned()))
    }

    /// The first sentence of a component's description: the doc of a field that only refers to it.
    fn first_sentence_of(&self, reference: &str, at: &Ptr) -> Option<String> {
        let (_, schema) = self.component_schema(reference, at).ok()?;
        let text = schema.schema_data.description.as_deref()?.trim();
        let first = text.split("\n\n").next()?.replace('\n', " ");
        let end = first.find(". ").map_or(first.len(), |i| i + 1);
        Some(first[..end].to_owned())
    }

    fn set_kind(&mut self, name: &str, kind: TypeKind) {
        if let Some(def) = self.types.get_mut(name) {
            def.kind = kind;
        }
    }
}

/// Component schemas whose build registers a type under the component's own name, so the name
/// can be recorded before descending. An `allOf` of one schema is an alias (it takes the name or
/// shape of what it wraps), and an envelope is the runtime's generic type around its element.
fn names_itself(s: &Schema) -> bool {
    let alias = matches!(&s.schema_kind, SchemaKind::AllOf { all_of } if all_of.len() == 1);
    needs_name(s) && !is_envelope(s) && !alias
}

/// Schemas that become named types (everything else is a primitive, list or map in place).
fn needs_name(s: &Schema) -> bool {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(st)) => !st.enumeration.is_empty(),
        SchemaKind::Type(Type::Object(obj)) => !obj.properties.is_empty(),
        SchemaKind::OneOf { .. } | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => !any.one_of.is_empty(),
        _ => false,
    }
}

fn is_envelope(s: &Schema) -> bool {
    s.schema_data.extensions.contains_key("x-restli-envelope")
}

fn prop_doc(prop: &ReferenceOr<Box<Schema>>) -> (Option<String>, bool) {
    match prop {
        ReferenceOr::Item(p) => (p.schema_data.description.clone(), p.schema_data.deprecated),
        ReferenceOr::Reference { .. } => (None, false),
    }
}

fn check_unique<'x>(at: &Ptr, names: impl Iterator<Item = (&'x String, &'x String)>) -> Result<()> {
    let mut seen: BTreeMap<&String, &String> = BTreeMap::new();
    for (rust, wire) in names {
        if let Some(other) = seen.insert(rust, wire) {
            return at.fail(format!(
                "`{other}` and `{wire}` both become the Rust name `{rust}`"
            ));
        }
    }
    Ok(())
}

/// `x-linkedin-target` of a property (or union member) of type `ty`: only a URN or a list of
/// URNs can name an entity a policy checks.
fn target_flag(prop: &ReferenceOr<Box<Schema>>, ty: &TypeRef, at: &Ptr) -> Result<bool> {
    let ReferenceOr::Item(schema) = prop else {
        // A `$ref` has no siblings in OpenAPI 3.0: mark the referenced schema's properties.
        return Ok(false);
    };
    if !ext::flag(&schema.schema_data.extensions, "x-linkedin-target", at)? {
        return Ok(false);
    }
    let urn = |t: &TypeRef| matches!(t, TypeRef::Urn(_));
    match ty {
        TypeRef::Urn(_) => Ok(true),
        TypeRef::List(inner) if urn(inner) => Ok(true),
        _ => at.at("x-linkedin-target").fail(
            "`x-linkedin-target` on a property that is not a URN (`x-linkedin-urn`) or a list of URNs",
        ),
    }
}
