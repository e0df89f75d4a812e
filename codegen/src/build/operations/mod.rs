//! Operations to methods: each OpenAPI operation becomes one method, or — when it carries
//! `x-restli-variants` — one method per Rest.li variant (finder, batch get, action…).
//!
//! Policy decided here:
//! * the operationId `resource.method` names the module and the method;
//! * protocol headers (`Linkedin-Version`, `X-Restli-Protocol-Version`, `X-RestLi-Method`) and
//!   the finder/action discriminators (`q`, `bq`, `action`) are the runtime's job, never arguments;
//! * required parameters and the body become constructor arguments, optional ones setters;
//! * a create's key type comes from the schema of its `x-restli-id` response header.
//!
//! This module walks the paths and assembles each method; the parts of a method are decided in
//! [`parameters`], [`body`], [`responses`], [`restli`] (the protocol's rules) and [`path`].

mod body;
mod examples;
mod parameters;
mod path;
mod responses;
mod restli;

use std::collections::BTreeMap;

use openapiv3::{Operation, ReferenceOr};

use super::ext::{self, AccessExt, RestliExt, VariantExt};
use super::types::SchemaRef;
use super::{Builder, BuiltOperations};
use crate::diag::{Ptr, Result};
use crate::ir::*;
use crate::naming;
use parameters::SpecParam;
use responses::ResponseSpec;

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
    effect: Option<Effect>,
    deprecated: bool,
    ptr: Ptr,
}

impl<'a> Builder<'a> {
    pub(super) fn operations(&mut self) -> Result<BuiltOperations> {
        let mut resources: BTreeMap<String, Resource> = BTreeMap::new();
        let mut runtime = Vec::new();
        let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
        let doc = self.doc;
        let areas = ext::tag_areas(doc, &self.root)?;
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
                    // The mock of `test-util` answers the runtime's calls (userinfo, token) too.
                    if let Some(example) = self.response_example(op, &op_id, false, &op_ptr)? {
                        self.examples.insert(op_id.clone(), example);
                    }
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
                    Some(_) if op.extensions.contains_key("x-linkedin-effect") => {
                        return op_ptr.at("x-linkedin-effect").fail(
                            "`x-linkedin-effect` on an operation with `x-restli-variants` would be ambiguous; put it on the variant it concerns",
                        );
                    }
                    Some(list) => list
                        .iter()
                        .enumerate()
                        .map(|(i, v)| variant_spec(v, op_ptr.at("x-restli-variants").at(i)))
                        .collect::<Vec<_>>(),
                    None => vec![operation_spec(op, &op_id, &op_ptr)?],
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
                    let area = area_of(op, &areas, &op_ptr)?;
                    if let Some(example) =
                        self.response_example(op, &spec.operation_id, variants.is_some(), &op_ptr)?
                    {
                        self.examples.insert(spec.operation_id.clone(), example);
                    }
                    let method = self.method(path, http, op, &params, spec, area)?;
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

    /// One method: its names, its parameters, body and response, and what the spec says about
    /// who may call it.
    fn method<'s>(
        &mut self,
        path: &str,
        http: &str,
        op: &'s Operation,
        params: &[SpecParam<'s>],
        spec: MethodSpec<'s>,
        area: Area,
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

        let Some(restli) = &spec.restli else {
            return ptr.fail(
                "the operation has no `x-restli`: generated methods are Rest.li calls; serve anything else from the runtime (`x-linkedin-runtime`)",
            );
        };
        restli::check(restli, http, &ptr)?;
        let path_parts = path::parse(path, &ptr)?;
        let out_params = self.method_params(path, &path_parts, params, &spec, &hint)?;
        let body = match (&spec.body, &op.request_body) {
            (Some((schema, at)), _) => Some(self.type_of(*schema, at, &format!("{hint}Body"))?),
            (None, Some(rb)) if spec.selection.is_none() => {
                self.request_body(rb, &ptr.at("requestBody"), &hint)?
            }
            _ => None,
        };
        let response = self.response(op, &ptr, &spec.response, restli.method, &hint)?;
        let security = spec
            .security
            .as_ref()
            .or(op.security.as_ref())
            .or(self.doc.security.as_ref());
        // The one sentence audit records and tool lists show: the variant's, else the operation's.
        let Some(summary) = spec
            .summary
            .as_deref()
            .or(op.summary.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
        else {
            return ptr.fail("the operation has no `summary`: every generated operation carries its one-line summary (audit records and tool descriptions use it)");
        };
        if summary.contains('\n') {
            return ptr
                .at("summary")
                .fail("the `summary` must be one line (the longer text goes in `description`)");
        }
        let summary = summary.to_owned();
        let versioned = match ext::get::<bool>(&op.extensions, "x-linkedin-versioned", &ptr)? {
            Some(v) => v,
            None => path.starts_with("/rest/"),
        };
        Ok(Method {
            operation_id: spec.operation_id.clone(),
            name: method_name,
            builder,
            summary: Some(summary),
            description: spec.description,
            http_method: restli.method.http_method(),
            path: path.to_owned(),
            path_parts,
            restli: restli::ir(restli),
            versioned,
            params: out_params,
            body,
            // Filled by `passes::body_targets`, which sees every type.
            body_targets: Vec::new(),
            patch_body: false,
            // Filled by `passes::key_targets`, likewise.
            key_targets: Vec::new(),
            response,
            pagination: restli::pagination(restli),
            area,
            effect: spec.effect.unwrap_or(Effect::of(restli.method)),
            scopes: security.map(|s| scopes(s)).unwrap_or_default(),
            access: spec.access.map(access),
            deprecated: spec.deprecated,
            docs_url: op.external_docs.as_ref().map(|d| d.url.clone()),
        })
    }
}

/// The operation's own description of its one method.
fn operation_spec<'s>(op: &'s Operation, op_id: &str, ptr: &Ptr) -> Result<MethodSpec<'s>> {
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
        effect: ext::get(&op.extensions, "x-linkedin-effect", ptr)?,
        deprecated: op.deprecated,
        ptr: ptr.clone(),
    })
}

/// One entry of `x-restli-variants`' description of its method.
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
        effect: v.effect,
        deprecated: v.deprecated,
        ptr,
    }
}

/// Scope alternatives of a security requirement list; requirements without scopes say nothing.
fn scopes(requirements: &[indexmap::IndexMap<String, Vec<String>>]) -> Vec<Vec<String>> {
    requirements
        .iter()
        .map(|req| req.values().flatten().cloned().collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect()
}

fn access(a: AccessExt) -> Access {
    Access {
        product: a.product,
        roles_on: a.roles.as_ref().map(|r| r.entity.clone()),
        roles: a.roles.map(|r| r.any_of).unwrap_or_default(),
        restricted: a.restricted,
        note: a.note,
    }
}

/// The area of an operation: its first tag's `x-linkedin-area` (checked for every tag first).
fn area_of(op: &Operation, areas: &BTreeMap<String, Area>, ptr: &Ptr) -> Result<Area> {
    let Some(tag) = op.tags.first() else {
        return ptr.fail("the operation has no tag: its area is its first tag's `x-linkedin-area`");
    };
    match areas.get(tag) {
        Some(area) => Ok(*area),
        None => ptr.at("tags").at(0).fail(format!(
            "tag `{tag}` is not declared under the top-level `tags` (where its `x-linkedin-area` goes)"
        )),
    }
}

fn tag_doc(doc: &openapiv3::OpenAPI, op: &Operation) -> Option<String> {
    let tag = op.tags.first()?;
    doc.tags
        .iter()
        .find(|t| &t.name == tag)
        .and_then(|t| t.description.clone())
}
