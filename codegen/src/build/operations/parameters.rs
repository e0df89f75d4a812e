//! Parameters: which of the operation's parameters a method takes, in what order, with what type.
//!
//! Path-level parameters are overridden by operation-level ones of the same name and place;
//! protocol headers and Rest.li discriminators are the runtime's, never arguments; a variant
//! takes only the query parameters it selects; required ones come first (constructor
//! arguments), in spec order.

use std::collections::BTreeSet;

use openapiv3::{
    IntegerFormat, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use super::MethodSpec;
use super::restli::is_discriminator;
use crate::build::{Builder, ext, refs};
use crate::diag::{Ptr, Result};
use crate::ir::{NUMERIC_ID_TYPES, Param, ParamLocation, PathPart, TypeKind, TypeRef};
use crate::naming;

/// Headers the runtime sends on every call; a spec may document them, a method never takes them.
const PROTOCOL_HEADERS: &[&str] = &[
    "linkedin-version",
    "x-restli-protocol-version",
    "x-restli-method",
    "authorization",
];

/// A parameter of the OpenAPI operation, resolved.
pub(super) struct SpecParam<'a> {
    data: &'a ParameterData,
    location: ParamLocation,
    ptr: Ptr,
    /// The `components/parameters` name, when the parameter is a `$ref`: it names the
    /// parameter's inline type once for every method that shares it.
    component: Option<&'a str>,
}

impl<'a> Builder<'a> {
    /// The path item's and the operation's parameters, resolved, without protocol headers.
    pub(super) fn spec_params<'s>(
        &self,
        item_params: &'s [ReferenceOr<Parameter>],
        op_params: &'s [ReferenceOr<Parameter>],
        path_ptr: &Ptr,
        op_ptr: &Ptr,
    ) -> Result<Vec<SpecParam<'s>>>
    where
        'a: 's,
    {
        let mut out: Vec<SpecParam<'s>> = Vec::new();
        let all = item_params
            .iter()
            .enumerate()
            .map(|(i, p)| (p, path_ptr.at("parameters").at(i)))
            .chain(
                op_params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p, op_ptr.at("parameters").at(i))),
            );
        for (p, ptr) in all {
            let resolved = refs::resolve(self.doc, p, &ptr)?;
            let ptr = resolved.at;
            let (data, location) = match resolved.item {
                Parameter::Path { parameter_data, .. } => (parameter_data, ParamLocation::Path),
                Parameter::Query { parameter_data, .. } => (parameter_data, ParamLocation::Query),
                Parameter::Header { parameter_data, .. } => {
                    if PROTOCOL_HEADERS.contains(&parameter_data.name.to_ascii_lowercase().as_str())
                    {
                        continue;
                    }
                    return ptr.fail(format!(
                        "header parameter `{}` is not supported; the runtime sends LinkedIn's protocol headers itself",
                        parameter_data.name
                    ));
                }
                Parameter::Cookie { parameter_data, .. } => {
                    return ptr.fail(format!(
                        "cookie parameter `{}` is not supported",
                        parameter_data.name
                    ));
                }
            };
            // An operation-level parameter overrides a path-level one of the same name and place.
            out.retain(|o| !(o.data.name == data.name && o.location == location));
            out.push(SpecParam {
                data,
                location,
                ptr,
                component: resolved.component,
            });
        }
        Ok(out)
    }

    /// The parameters one method takes: checked against its path template and (for a variant)
    /// its selection, typed, required ones first.
    pub(super) fn method_params(
        &mut self,
        path: &str,
        path_parts: &[PathPart],
        params: &[SpecParam<'_>],
        spec: &MethodSpec<'_>,
        hint: &str,
    ) -> Result<Vec<Param>> {
        let ptr = &spec.ptr;
        let restli = spec.restli.as_ref();
        if let Some((selected, _)) = &spec.selection {
            for name in selected {
                if !params
                    .iter()
                    .any(|p| p.location == ParamLocation::Query && &p.data.name == name)
                {
                    return ptr.at("parameters").fail(format!("the variant names query parameter `{name}`, which the operation does not declare"));
                }
            }
        }
        let mut out = Vec::new();
        for p in params {
            let wire = &p.data.name;
            let required = match (p.location, &spec.selection) {
                (ParamLocation::Path, _) => {
                    if !path_parts.contains(&PathPart::Param(wire.clone())) {
                        return p.ptr.fail(format!(
                            "path parameter `{wire}` does not appear in the path `{path}`"
                        ));
                    }
                    true
                }
                (ParamLocation::Query, _) if is_discriminator(wire, restli) => continue,
                (ParamLocation::Query, None) => p.data.required,
                (ParamLocation::Query, Some((selected, required))) => {
                    if !selected.contains(wire) {
                        continue;
                    }
                    required.contains(wire)
                }
            };
            let param_hint = match p.component {
                Some(c) => naming::type_name(c),
                None => format!("{hint}{}", naming::type_name(wire)),
            };
            let id_of = numeric_id_of(p)?;
            let ty = match id_of {
                Some(_) => TypeRef::I64,
                None => self.param_type(p, &param_hint)?,
            };
            if p.location == ParamLocation::Path {
                self.check_path_key(p, &ty)?;
            }
            let projection = projection_flag(p, &ty)?;
            let default = param_default(p)?;
            out.push(Param {
                name: naming::value_name(wire),
                wire: wire.clone(),
                location: p.location,
                ty,
                required,
                doc: p.data.description.clone(),
                deprecated: p.data.deprecated.unwrap_or(false),
                projection,
                default,
                id_of,
            });
        }
        for part in path_parts {
            if let PathPart::Param(name) = part
                && !out
                    .iter()
                    .any(|p| p.location == ParamLocation::Path && &p.wire == name)
            {
                return ptr.fail(format!(
                    "the path `{path}` uses `{{{name}}}`, which is not declared as a path parameter"
                ));
            }
        }
        if let Some((_, required)) = &spec.selection {
            for name in required {
                if !is_discriminator(name, restli) && !out.iter().any(|p| &p.wire == name) {
                    return ptr.at("required").fail(format!(
                        "`{name}` is required but not among the variant's parameters"
                    ));
                }
            }
        }
        // Constructor arguments first, in spec order; then setters.
        out.sort_by_key(|p| !p.required);
        let mut names = BTreeSet::new();
        for p in &out {
            if matches!(
                naming::unraw(&p.name),
                "api" | "body" | "retry_non_idempotent"
            ) || !names.insert(p.name.clone())
            {
                return ptr.fail(format!(
                    "parameter `{}` clashes with another name in the request builder",
                    p.wire
                ));
            }
        }
        Ok(out)
    }

    /// A path key is a scalar (an id, a URN), percent-encoded whole, or a Rest.li record given
    /// by `x-restli-schema` (a compound key with nested records, such as an organization
    /// authorization's `(impersonator:…,organization:…,action:(…))`), written in Rest.li 2.0
    /// form. Emission tells the two apart by the type (a named type is written in Rest.li
    /// form), so a named type here must be a record from `x-restli-schema`.
    fn check_path_key(&self, p: &SpecParam<'_>, ty: &TypeRef) -> Result<()> {
        let has_schema = p.data.extensions.contains_key("x-restli-schema");
        let record = match ty {
            TypeRef::Named(name) => self
                .types
                .get(name)
                .is_some_and(|t| matches!(t.kind, TypeKind::Struct(_))),
            _ => false,
        };
        match (has_schema, record, ty) {
            (true, true, _) | (false, _, TypeRef::String | TypeRef::Urn(_) | TypeRef::I32 | TypeRef::I64) => Ok(()),
            (true, false, _) => p.ptr.at("x-restli-schema").fail(
                "a path key's `x-restli-schema` must name a record (`$ref` to an object schema), written as `(k:v,…)`",
            ),
            (false, _, _) => p.ptr.at("schema").fail(
                "a path key must be a string, an integer or a URN, or a record given by `x-restli-schema`",
            ),
        }
    }

    /// A parameter's logical type: its `x-restli-schema` when it has one (a structured value
    /// Rest.li-encoded into a string), else its schema.
    fn param_type(&mut self, p: &SpecParam<'_>, hint: &str) -> Result<TypeRef> {
        let restli: Option<ReferenceOr<Schema>> =
            ext::get(&p.data.extensions, "x-restli-schema", &p.ptr)?;
        if let Some(schema) = &restli {
            return self.type_of(schema.into(), &p.ptr.at("x-restli-schema"), hint);
        }
        match &p.data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                let ty = self.type_of(schema.into(), &p.ptr.at("schema"), hint)?;
                if p.location == ParamLocation::Query
                    && matches!(ty, TypeRef::List(_) | TypeRef::Map(_))
                {
                    return p.ptr.at("schema").fail(
                        "a structured query value must be `type: string` on the wire with its logical type in `x-restli-schema`",
                    );
                }
                Ok(ty)
            }
            ParameterSchemaOrContent::Content(_) => p
                .ptr
                .fail("parameters with `content` are not supported; use `schema`"),
        }
    }
}

/// `x-linkedin-urn: [type]` on a path parameter's inline `type: integer, format: int64` schema:
/// the parameter is the number of an entity of `type` (`/rest/adAccounts/{adAccountId}` and
/// `sponsoredAccount`), so its method takes the number or the entity's URN.
fn numeric_id_of(p: &SpecParam<'_>) -> Result<Option<String>> {
    let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) = &p.data.format else {
        return Ok(None);
    };
    let SchemaKind::Type(Type::Integer(int)) = &schema.schema_kind else {
        return Ok(None);
    };
    let at = p.ptr.at("schema");
    let Some(types) = ext::urn_types(&schema.schema_data.extensions, &at)? else {
        return Ok(None);
    };
    let at = at.at("x-linkedin-urn");
    if p.location != ParamLocation::Path {
        return at
            .fail("`x-linkedin-urn` on a `type: integer` schema applies to path parameters only");
    }
    let [entity] = types.as_slice() else {
        return at.fail("a numeric path parameter is the id of one entity type; list exactly one");
    };
    if !NUMERIC_ID_TYPES.contains(&entity.as_str()) {
        return at.fail(format!(
            "`{entity}` is not an entity type LinkedIn identifies by number (`codegen::ir::NUMERIC_ID_TYPES`)"
        ));
    }
    if int.format != VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) {
        return p
            .ptr
            .at("schema")
            .fail("a numeric entity id needs `format: int64`");
    }
    Ok(Some(entity.clone()))
}

/// The `default` of the parameter's logical schema (`x-restli-schema` when it has one), when
/// written inline; a `$ref`'d schema's default is not looked up.
fn param_default(p: &SpecParam<'_>) -> Result<Option<serde_json::Value>> {
    let restli: Option<ReferenceOr<Schema>> =
        ext::get(&p.data.extensions, "x-restli-schema", &p.ptr)?;
    let schema = match (&restli, &p.data.format) {
        (Some(s), _) => s,
        (None, ParameterSchemaOrContent::Schema(s)) => s,
        (None, ParameterSchemaOrContent::Content(_)) => return Ok(None),
    };
    Ok(match schema {
        ReferenceOr::Item(s) => s.schema_data.default.clone(),
        ReferenceOr::Reference { .. } => None,
    })
}

/// `x-restli-projection: true` on a query parameter whose logical type is a list of field names
/// (`x-restli-schema: {type: array, items: {type: string}}`): sent as `fields=a,b`, the only
/// syntax LinkedIn accepts for projections.
fn projection_flag(p: &SpecParam<'_>, ty: &TypeRef) -> Result<bool> {
    if !ext::flag(&p.data.extensions, "x-restli-projection", &p.ptr)? {
        return Ok(false);
    }
    if p.location != ParamLocation::Query {
        return p
            .ptr
            .at("x-restli-projection")
            .fail("`x-restli-projection` applies to query parameters only");
    }
    match ty {
        TypeRef::List(item) if **item == TypeRef::String => Ok(true),
        _ => p.ptr.at("x-restli-projection").fail(
            "a projection's `x-restli-schema` must be a list of field names (`type: array` of `type: string`)",
        ),
    }
}
