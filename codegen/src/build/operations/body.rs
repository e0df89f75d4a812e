//! Request bodies: a method's JSON body type. Other media types are refused; such operations
//! are served by the hand-written runtime (`x-linkedin-runtime`).

use openapiv3::{ReferenceOr, RequestBody};

use crate::build::{Builder, refs};
use crate::diag::{Ptr, Result};
use crate::ir::TypeRef;

impl Builder<'_> {
    /// The operation's request body type (`None` only for a body the caller need not send).
    pub(super) fn request_body(
        &mut self,
        rb: &ReferenceOr<RequestBody>,
        at: &Ptr,
        hint: &str,
    ) -> Result<Option<TypeRef>> {
        let refs::Resolved { item: body, at, .. } = refs::resolve(self.doc, rb, at)?;
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
}
