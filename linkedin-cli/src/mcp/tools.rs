//! Operations as MCP tools: name from the operation id, description from the spec's summary and
//! permissions, input schema generated from the spec (`src/generated/`), hints from the effect.

use std::sync::Arc;

use linkedin_api::operation::Effect;
use rmcp::model::{JsonObject, Tool, ToolAnnotations};

use crate::facts::Operation;

/// The tool name of an operation: its id with `.` as `_` (`posts_findByAuthor`), since several
/// MCP clients accept only `[A-Za-z0-9_-]` in tool names.
pub fn tool_name(operation_id: &str) -> String {
    operation_id.replace('.', "_")
}

/// The tool of `op`.
pub fn tool(op: &Operation) -> Tool {
    let schema: JsonObject = serde_json::from_str(op.facts.input_schema).unwrap_or_default();
    let mut description = op.entry.summary.trim_end_matches('.').to_owned();
    if description.is_empty() {
        description = op.entry.id.to_owned();
    }
    description.push_str(&format!(
        ". LinkedIn `{}` ({} {}; {}).",
        op.entry.id,
        op.entry.effect.as_str(),
        op.entry.area.as_str(),
        op.permissions()
    ));
    let read = op.entry.effect == Effect::Read;
    let annotations = ToolAnnotations::new()
        .read_only(read)
        .destructive(!read && op.entry.http_method() == http::Method::DELETE)
        .idempotent(op.entry.method.is_idempotent())
        .open_world(true);
    Tool::new(tool_name(op.entry.id), description, Arc::new(schema)).with_annotations(annotations)
}
