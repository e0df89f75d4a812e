//! Examples: each operation's documented success answer (status, body, created id), which the
//! runtime's `test-util` mock server answers with by default. Only read here, never checked
//! against the schema: the workspace test `examples_round_trip` decodes every example through
//! the generated types.

use openapiv3::{Operation, ParameterSchemaOrContent, ReferenceOr};

use crate::build::{Builder, refs};
use crate::diag::{Ptr, Result};
use crate::ir::ResponseExample;

impl Builder<'_> {
    /// The lowest 2xx response of `op`, with its first JSON example (for an operation of
    /// `x-restli-variants`, the example named `operation_id`, since one response documents
    /// every variant) and the example of its `x-restli-id` header; `None` when it has no 2xx
    /// response (the browser redirect of `auth.authorize`; a generated method without one is
    /// refused where its response is built).
    pub(super) fn response_example(
        &self,
        op: &Operation,
        operation_id: &str,
        multiplexed: bool,
        ptr: &Ptr,
    ) -> Result<Option<ResponseExample>> {
        let Some((status, response)) = super::responses::lowest_success(op) else {
            return Ok(None);
        };
        let resolved = refs::resolve(self.doc, response, &ptr.at("responses").at(status))?;
        let (response, at) = (resolved.item, resolved.at);
        let body = match response.content.get("application/json") {
            None => None,
            Some(media) => {
                let at = at.at("content").at("application/json");
                let single = media
                    .example
                    .clone()
                    .filter(|_| !multiplexed)
                    .map(|v| ("example", v));
                let mut named = Vec::new();
                for (name, example) in &media.examples {
                    let example = refs::resolve(self.doc, example, &at.at("examples").at(name))?;
                    if let Some(value) = &example.item.value {
                        named.push((name.as_str(), value.clone()));
                    }
                }
                single
                    .into_iter()
                    .chain(named)
                    .find(|(name, _)| !multiplexed || *name == operation_id)
                    .map(|(_, value)| value)
            }
        };
        let mut id = None;
        if let Some((name, header)) = response
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-restli-id"))
        {
            let header = refs::resolve(self.doc, header, &at.at("headers").at(name))?.item;
            let schema_example = match &header.format {
                ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) => {
                    schema.schema_data.example.clone()
                }
                _ => None,
            };
            id = header
                .example
                .clone()
                .or(schema_example)
                .and_then(|v| v.as_str().map(str::to_owned));
        }
        Ok(Some(ResponseExample { status, body, id }))
    }
}
