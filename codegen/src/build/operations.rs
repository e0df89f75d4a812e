//! Operations to methods: each OpenAPI operation becomes one method, or — when it carries
//! `x-restli-variants` — one method per Rest.li variant (finder, batch get, action…).
//!
//! Policy decided here:
//! * the operationId `resource.method` names the module and the method;
//! * protocol headers (`Linkedin-Version`, `X-Restli-Protocol-Version`, `X-RestLi-Method`) and
//!   the finder/action discriminators (`q`, `bq`, `action`) are the runtime's job, never arguments;
//! * required parameters and the body become constructor arguments, optional ones setters;
//! * a create's key type comes from the schema of its `x-restli-id` response header.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    Header, Operation, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr,
    RequestBody, Response as OaResponse, Schema, SchemaKind, StatusCode, Type,
};

use super::ext::{self, AccessExt, RestliExt, RestliMethodName, VariantExt};
use super::types::SchemaRef;
use super::{Builder, BuiltOperations};
use crate::diag::{Ptr, Result};
use crate::ir::*;
use crate::naming;

const PROTOCOL_HEADERS: &[&str] = &[
    "linkedin-version",
    "x-restli-protocol-version",
    "x-restli-method",
    "authorization",
];

/// A parameter of the OpenAPI operation, resolved.
struct SpecParam<'a> {
    data: &'a ParameterData,
    location: ParamLocation,
    ptr: Ptr,
    /// The `components/parameters` name, when the parameter is a `$ref`: it names the
    /// parameter's inline type once for every method that shares it.
    component: Option<String>,
}

/// What the variant or operation says about one method, before types are built.
struct MethodSpec<'s> {
    operation_id: String,
    summary: Option<String>,
    description: Option<String>,
    restli: Option<RestliExt>,
    /// `None`: every operation parameter, with its own `required`. `Some`: the variant's selection.
    selection: Option<(Vec<String>, Vec<String>)>,
    body: Option<(SchemaRef<'s>, Ptr)>,
    response: ResponseSpec<'s>,
    security: Option<Vec<indexmap::IndexMap<String, Vec<String>>>>,
    access: Option<AccessExt>,
    deprecated: bool,
    ptr: Ptr,
}

enum ResponseSpec<'s> {
    /// Take the lowest 2xx response of the operation.
    FromOperation,
    /// A variant's response schema (or none), with the operation's success headers.
    Variant(Option<(SchemaRef<'s>, Ptr)>),
}

impl<'a> Builder<'a> {
    pub(super) fn operations(&mut self) -> Result<BuiltOperations> {
        let mut resources: BTreeMap<String, Resource> = BTreeMap::new();
        let mut runtime = Vec::new();
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let doc = self.doc;
        let paths = self.root.at("paths");
        for (path, item) in &doc.paths.paths {
            let path_ptr = paths.at(path);
            let ReferenceOr::Item(item) = item else {
                return path_ptr.fail("path items given as `$ref` are not supported");
            };
            for (http, op) in item.iter() {
                let op_ptr = path_ptr.at(http);
                let Some(op_id) = op.operation_id.clone() else {
                    return op_ptr
                        .fail("the operation has no `operationId`; it names the generated method");
                };
                if let Some(module) = ext::string(&op.extensions, "x-linkedin-runtime", &op_ptr)? {
                    runtime.push(RuntimeOperation {
                        operation_id: op_id,
                        module,
                        http: format!("{} {path}", http.to_uppercase()),
                    });
                    continue;
                }
                let params =
                    self.spec_params(&item.parameters, &op.parameters, &path_ptr, &op_ptr)?;
                let variants: Option<Vec<VariantExt>> =
                    ext::get(&op.extensions, "x-restli-variants", &op_ptr)?;
                let specs = match &variants {
                    Some(list) if list.is_empty() => {
                        return op_ptr
                            .at("x-restli-variants")
                            .fail("`x-restli-variants` is empty");
                    }
                    Some(list) => list
                        .iter()
                        .enumerate()
                        .map(|(i, v)| variant_spec(v, op_ptr.at("x-restli-variants").at(i)))
                        .collect::<Vec<_>>(),
                    None => vec![self.operation_spec(op, &op_id, &op_ptr)?],
                };
                for spec in specs {
                    let id_ptr = spec.ptr.clone();
                    if let Some(first) =
                        seen_ids.insert(spec.operation_id.clone(), id_ptr.pointer().to_owned())
                    {
                        return id_ptr.fail(format!(
                            "operationId `{}` is also used at {first}",
                            spec.operation_id
                        ));
                    }
                    let Some(module) = naming::resource_module(&spec.operation_id) else {
                        return id_ptr.fail(format!(
                            "operationId `{}` must have the form `resource.method` (e.g. `posts.findByAuthor`)",
                            spec.operation_id
                        ));
                    };
                    let method = self.method(path, http, op, &params, spec)?;
                    let resource = resources.entry(module.clone()).or_insert_with(|| Resource {
                        type_name: naming::type_name(&module),
                        doc: tag_doc(doc, op),
                        module,
                        methods: Vec::new(),
                    });
                    if let Some(clash) = resource.methods.iter().find(|m| m.name == method.name) {
                        return id_ptr.fail(format!(
                            "`{}` and `{}` both become the method `{}`",
                            clash.operation_id, method.operation_id, method.name
                        ));
                    }
                    resource.methods.push(method);
                }
            }
        }
        Ok((resources.into_values().collect(), runtime))
    }

    /// The operation's own description of its one method.
    fn operation_spec<'s>(
        &self,
        op: &'s Operation,
        op_id: &str,
        ptr: &Ptr,
    ) -> Result<MethodSpec<'s>> {
        Ok(MethodSpec {
            operation_id: op_id.to_owned(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            restli: ext::get(&op.extensions, "x-restli", ptr)?,
            selection: None,
            body: None,
            response: ResponseSpec::FromOperation,
            security: None,
            access: ext::get(&op.extensions, "x-linkedin-access", ptr)?,
            deprecated: op.deprecated,
            ptr: ptr.clone(),
        })
    }

    fn spec_params<'s>(
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
            let component = match p {
                ReferenceOr::Reference { reference } => {
                    reference.rsplit('/').next().map(str::to_owned)
                }
                ReferenceOr::Item(_) => None,
            };
            let (param, ptr) = self.resolve_parameter(p, &ptr)?;
            let (data, location) = match param {
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
                component,
            });
        }
        Ok(out)
    }

    fn resolve_parameter<'s>(
        &self,
        p: &'s ReferenceOr<Parameter>,
        at: &Ptr,
    ) -> Result<(&'s Parameter, Ptr)>
    where
        'a: 's,
    {
        match p {
            ReferenceOr::Item(p) => Ok((p, at.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/parameters/");
                let found = name.and_then(|n| self.doc.components.as_ref()?.parameters.get(n));
                match found {
                    Some(ReferenceOr::Item(p)) => Ok((p, at.from_ref(reference))),
                    Some(ReferenceOr::Reference { .. }) => {
                        at.fail(format!("`{reference}` is a reference to a reference"))
                    }
                    None => at.fail(format!(
                        "`$ref: {reference}` points to a parameter that does not exist"
                    )),
                }
            }
        }
    }

    fn method<'s>(
        &mut self,
        path: &str,
        http: &str,
        op: &'s Operation,
        params: &[SpecParam<'s>],
        spec: MethodSpec<'s>,
    ) -> Result<Method>
    where
        'a: 's,
    {
        let ptr = spec.ptr.clone();
        let method_name = naming::method_name(&spec.operation_id);
        let builder = format!("{}Request", naming::type_name(naming::unraw(&method_name)));
        let resource_type = naming::resource_module(&spec.operation_id)
            .map(|m| naming::type_name(&m))
            .unwrap_or_default();
        let hint = format!(
            "{resource_type}{}",
            naming::type_name(naming::unraw(&method_name))
        );

        if let Some(restli) = &spec.restli {
            check_restli(restli, &ptr)?;
            if restli.method.http_method() != http.to_uppercase() {
                return ptr.at("x-restli").fail(format!(
                    "Rest.li {} is sent as HTTP {}, but this operation is {}",
                    restli.method.as_str(),
                    restli.method.http_method(),
                    http.to_uppercase()
                ));
            }
        }

        let path_parts = parse_path(path, &ptr)?;
        let mut out_params = Vec::new();
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
                (ParamLocation::Query, _) if is_discriminator(wire, spec.restli.as_ref()) => {
                    continue;
                }
                (ParamLocation::Query, None) => p.data.required,
                (ParamLocation::Query, Some((selected, required))) => {
                    if !selected.contains(wire) {
                        continue;
                    }
                    required.contains(wire)
                }
            };
            let param_hint = match &p.component {
                Some(c) => naming::type_name(c),
                None => format!("{hint}{}", naming::type_name(wire)),
            };
            let ty = self.param_type(p, &param_hint)?;
            let projection = projection_flag(p, &ty)?;
            out_params.push(Param {
                name: naming::value_name(wire),
                wire: wire.clone(),
                location: p.location,
                ty,
                required,
                doc: p.data.description.clone(),
                deprecated: p.data.deprecated.unwrap_or(false),
                projection,
            });
        }
        for part in &path_parts {
            if let PathPart::Param(name) = part
                && !out_params
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
                if !is_discriminator(name, spec.restli.as_ref())
                    && !out_params.iter().any(|p| &p.wire == name)
                {
                    return ptr.at("required").fail(format!(
                        "`{name}` is required but not among the variant's parameters"
                    ));
                }
            }
        }
        // Constructor arguments first, in spec order; then setters.
        out_params.sort_by_key(|p| !p.required);
        let mut names = BTreeSet::new();
        for p in &out_params {
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

        let body = match (&spec.body, &op.request_body) {
            (Some((schema, at)), _) => Some(self.type_of(*schema, at, &format!("{hint}Body"))?),
            (None, Some(rb)) if spec.selection.is_none() => {
                self.request_body(rb, &ptr.at("requestBody"), &hint)?
            }
            _ => None,
        };
        let method_kind = spec.restli.as_ref().map(|r| r.method);
        let response = self.response(op, &ptr, &spec.response, method_kind, &hint)?;
        let security = spec
            .security
            .as_ref()
            .or(op.security.as_ref())
            .or(self.doc.security.as_ref());
        let scopes = security
            .map(|reqs| {
                reqs.iter()
                    .map(|req| req.values().flatten().cloned().collect::<Vec<_>>())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let versioned = match ext::get::<bool>(&op.extensions, "x-linkedin-versioned", &ptr)? {
            Some(v) => v,
            None => path.starts_with("/rest/"),
        };
        Ok(Method {
            operation_id: spec.operation_id.clone(),
            name: method_name,
            builder,
            summary: spec.summary,
            description: spec.description,
            http_method: http.to_uppercase(),
            path: path.to_owned(),
            path_parts,
            restli: spec.restli.as_ref().map(|r| Restli {
                method: r.method.as_str().to_owned(),
                finder: r.finder.clone(),
                action: r.action.clone(),
            }),
            versioned,
            params: out_params,
            body,
            response,
            pagination: spec
                .restli
                .as_ref()
                .and_then(|r| r.pagination)
                .map(|p| Pagination {
                    style: match p.style {
                        ext::PagingStyleExt::Offset => PagingStyle::Offset,
                        ext::PagingStyleExt::Cursor => PagingStyle::Cursor,
                    },
                    max_page_size: p.max_page_size,
                }),
            scopes,
            access: spec.access.map(|a| Access {
                product: a.product,
                roles_on: a.roles.as_ref().map(|r| r.entity.clone()),
                roles: a.roles.map(|r| r.any_of).unwrap_or_default(),
                restricted: a.restricted,
                note: a.note,
            }),
            deprecated: spec.deprecated,
            docs_url: op.external_docs.as_ref().map(|d| d.url.clone()),
        })
    }

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

    fn request_body(
        &mut self,
        rb: &ReferenceOr<RequestBody>,
        at: &Ptr,
        hint: &str,
    ) -> Result<Option<TypeRef>> {
        let (body, at) = match rb {
            ReferenceOr::Item(b) => (b, at.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/requestBodies/");
                match name.and_then(|n| self.doc.components.as_ref()?.request_bodies.get(n)) {
                    Some(ReferenceOr::Item(b)) => (b, at.from_ref(reference)),
                    _ => {
                        return at.fail(format!(
                            "`$ref: {reference}` does not point to a request body"
                        ));
                    }
                }
            }
        };
        for media in body.content.keys() {
            if media != "application/json" {
                return at.at("content").at(media).fail(format!(
                    "request bodies of type `{media}` are not generated; use application/json or serve the operation from the runtime (`x-linkedin-runtime`)"
                ));
            }
        }
        match body
            .content
            .get("application/json")
            .and_then(|m| m.schema.as_ref())
        {
            Some(schema) => Ok(Some(self.type_of(
                schema.into(),
                &at.at("content").at("application/json").at("schema"),
                &format!("{hint}Body"),
            )?)),
            None => at.fail("the request body has no application/json schema"),
        }
    }

    fn response(
        &mut self,
        op: &Operation,
        ptr: &Ptr,
        spec: &ResponseSpec<'_>,
        restli: Option<RestliMethodName>,
        hint: &str,
    ) -> Result<Response> {
        let success = op
            .responses
            .responses
            .iter()
            .filter_map(|(code, r)| match code {
                StatusCode::Code(c) if (200..300).contains(c) => Some((*c, r)),
                _ => None,
            })
            .min_by_key(|(c, _)| *c);
        let Some((code, response)) = success else {
            return ptr
                .at("responses")
                .fail("the operation has no 2xx response");
        };
        let resp_ptr = ptr.at("responses").at(code);
        let (response, resp_ptr) = self.resolve_response(response, &resp_ptr)?;
        let id = match response
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-restli-id"))
        {
            Some((name, header)) => {
                Some(self.id_type(header, &resp_ptr.at("headers").at(name), hint)?)
            }
            None => None,
        };
        let body = match spec {
            ResponseSpec::Variant(schema) => match schema {
                Some((s, at)) => Some(self.type_of(*s, at, &format!("{hint}Response"))?),
                None => None,
            },
            ResponseSpec::FromOperation => {
                for media in response.content.keys() {
                    if media != "application/json" {
                        return resp_ptr
                            .at("content")
                            .at(media)
                            .fail(format!("responses of type `{media}` are not supported"));
                    }
                }
                match response
                    .content
                    .get("application/json")
                    .and_then(|m| m.schema.as_ref())
                {
                    Some(s) if code != 204 => Some(self.type_of(
                        s.into(),
                        &resp_ptr.at("content").at("application/json").at("schema"),
                        &format!("{hint}Response"),
                    )?),
                    _ => None,
                }
            }
        };
        Ok(match (id, body) {
            (Some(id), None) => Response::CreatedId(id),
            (Some(id), Some(body)) => Response::Created(id, body),
            (None, None) => Response::Empty,
            (None, Some(TypeRef::Envelope(Envelope::Action, inner)))
                if restli == Some(RestliMethodName::Action) =>
            {
                Response::ActionValue(*inner)
            }
            (None, Some(body)) => Response::Json(body),
        })
    }

    fn resolve_response<'s>(
        &self,
        r: &'s ReferenceOr<OaResponse>,
        at: &Ptr,
    ) -> Result<(&'s OaResponse, Ptr)>
    where
        'a: 's,
    {
        match r {
            ReferenceOr::Item(r) => Ok((r, at.clone())),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/responses/");
                match name.and_then(|n| self.doc.components.as_ref()?.responses.get(n)) {
                    Some(ReferenceOr::Item(r)) => Ok((r, at.from_ref(reference))),
                    _ => at.fail(format!("`$ref: {reference}` does not point to a response")),
                }
            }
        }
    }

    /// The key type of a created entity, from its `x-restli-id` header schema. A string of digits
    /// (`pattern: ^[0-9]+$`) is a numeric id.
    fn id_type(&mut self, header: &ReferenceOr<Header>, at: &Ptr, hint: &str) -> Result<TypeRef> {
        let (header, at) = match header {
            ReferenceOr::Item(h) => (h, at.clone()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix("#/components/headers/");
                match name.and_then(|n| self.doc.components.as_ref()?.headers.get(n)) {
                    Some(ReferenceOr::Item(h)) => (h, at.from_ref(reference)),
                    _ => return at.fail(format!("`$ref: {reference}` does not point to a header")),
                }
            }
        };
        let ParameterSchemaOrContent::Schema(schema) = &header.format else {
            return at.fail("the `x-restli-id` header needs a `schema`");
        };
        let (resolved, _) = self.resolve(schema.into(), &at.at("schema"))?;
        if let SchemaKind::Type(Type::String(st)) = &resolved.schema_kind
            && st.pattern.as_deref() == Some("^[0-9]+$")
            && !resolved
                .schema_data
                .extensions
                .contains_key("x-linkedin-urn")
        {
            return Ok(TypeRef::I64);
        }
        self.type_of(schema.into(), &at.at("schema"), &format!("{hint}Id"))
    }
}

fn variant_spec(v: &VariantExt, ptr: Ptr) -> MethodSpec<'_> {
    MethodSpec {
        operation_id: v.operation_id.clone(),
        summary: v.summary.clone(),
        description: v.description.clone(),
        restli: Some(v.restli.clone()),
        selection: Some((v.parameters.clone(), v.required.clone())),
        body: v
            .request_body
            .as_ref()
            .map(|b| (b.into(), ptr.at("requestBody"))),
        response: ResponseSpec::Variant(
            v.response.as_ref().map(|r| (r.into(), ptr.at("response"))),
        ),
        security: v.security.clone(),
        access: v.access.clone(),
        deprecated: v.deprecated,
        ptr,
    }
}

fn check_restli(r: &RestliExt, ptr: &Ptr) -> Result<()> {
    let here = ptr.at("x-restli");
    let needs_finder = matches!(
        r.method,
        RestliMethodName::Finder | RestliMethodName::BatchFinder
    );
    let needs_action = r.method == RestliMethodName::Action;
    match (&r.finder, needs_finder) {
        (None, true) => {
            return here.fail(format!(
                "a {} needs `finder` (the value of q=)",
                r.method.as_str()
            ));
        }
        (Some(_), false) => {
            return here.at("finder").fail(format!(
                "`finder` only applies to FINDER and BATCH_FINDER, not {}",
                r.method.as_str()
            ));
        }
        _ => {}
    }
    match (&r.action, needs_action) {
        (None, true) => here.fail("an ACTION needs `action` (the value of action=)"),
        (Some(_), false) => here.at("action").fail(format!(
            "`action` only applies to ACTION, not {}",
            r.method.as_str()
        )),
        _ => Ok(()),
    }
}

fn is_discriminator(name: &str, restli: Option<&RestliExt>) -> bool {
    let Some(r) = restli else { return false };
    match r.method {
        RestliMethodName::Finder => name == "q",
        RestliMethodName::BatchFinder => name == "bq",
        RestliMethodName::Action => name == "action",
        _ => false,
    }
}

/// Splits `/rest/reactions/(actor:{actor},entity:{entity})` into literal text and parameters.
fn parse_path(path: &str, ptr: &Ptr) -> Result<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            return ptr.fail(format!("the path `{path}` has an unclosed `{{`"));
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + len];
        if name.is_empty() || name.contains('{') {
            return ptr.fail(format!("the path `{path}` has a malformed parameter"));
        }
        parts.push(PathPart::Param(name.to_owned()));
        rest = &rest[open + len + 1..];
    }
    if rest.contains('}') {
        return ptr.fail(format!("the path `{path}` has an unmatched `}}`"));
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok(parts)
}

fn tag_doc(doc: &openapiv3::OpenAPI, op: &Operation) -> Option<String> {
    let tag = op.tags.first()?;
    doc.tags
        .iter()
        .find(|t| &t.name == tag)
        .and_then(|t| t.description.clone())
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
