//! Responses: what a method's success looks like — the lowest 2xx response's JSON body, a
//! created entity's key (from its `x-restli-id` header), or nothing; an action's `{"value": T}`
//! is unwrapped to `T`.

use openapiv3::{
    Header, Operation, ParameterSchemaOrContent, ReferenceOr, SchemaKind, StatusCode, Type,
};

use super::SchemaRef;
use crate::build::{Builder, refs};
use crate::diag::{Ptr, Result};
use crate::ir::{Envelope, Response, RestliMethod, TypeRef};

/// Where a method's response body is described.
pub(super) enum ResponseSpec<'s> {
    /// Take the lowest 2xx response of the operation.
    FromOperation,
    /// A variant's response schema (or none), with the operation's success headers.
    Variant(Option<(SchemaRef<'s>, Ptr)>),
}

/// The lowest 2xx response of `op` and its status: the one a method's result and its documented
/// example come from.
pub(super) fn lowest_success(op: &Operation) -> Option<(u16, &ReferenceOr<openapiv3::Response>)> {
    op.responses
        .responses
        .iter()
        .filter_map(|(code, r)| match code {
            StatusCode::Code(c) if (200..300).contains(c) => Some((*c, r)),
            _ => None,
        })
        .min_by_key(|(c, _)| *c)
}

impl Builder<'_> {
    pub(super) fn response(
        &mut self,
        op: &Operation,
        ptr: &Ptr,
        spec: &ResponseSpec<'_>,
        restli: RestliMethod,
        hint: &str,
    ) -> Result<Response> {
        let success = lowest_success(op);
        let Some((code, response)) = success else {
            return ptr
                .at("responses")
                .fail("the operation has no 2xx response");
        };
        let refs::Resolved {
            item: response,
            at: resp_ptr,
            ..
        } = refs::resolve(self.doc, response, &ptr.at("responses").at(code))?;
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
                if restli == RestliMethod::Action =>
            {
                Response::ActionValue(*inner)
            }
            (None, Some(body)) => Response::Json(body),
        })
    }

    /// The key type of a created entity, from its `x-restli-id` header schema. A string of digits
    /// (`pattern: ^[0-9]+$`) is a numeric id.
    fn id_type(&mut self, header: &ReferenceOr<Header>, at: &Ptr, hint: &str) -> Result<TypeRef> {
        let refs::Resolved {
            item: header, at, ..
        } = refs::resolve(self.doc, header, at)?;
        let ParameterSchemaOrContent::Schema(schema) = &header.format else {
            return at.fail("the `x-restli-id` header needs a `schema`");
        };
        let (resolved, _) = self.resolve_schema(schema.into(), &at.at("schema"))?;
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
