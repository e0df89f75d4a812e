//! `linkedin ops`: every operation of a version, with what an agent's policy and a token need to
//! know about it.

use serde_json::{Value, json};

use crate::cli::{Format, OpsArgs};
use crate::context::Context;
use crate::error::Failure;
use crate::facts::Operation;

pub fn run(ctx: &Context, args: &OpsArgs) -> Result<(), Failure> {
    let ops: Vec<Operation> = ctx.spec.operations().collect();
    let text = match args.format {
        Format::Json => {
            let list: Vec<Value> = ops.iter().map(describe).collect();
            serde_json::to_string_pretty(&list)
                .map_err(|e| Failure::other(format!("cannot encode the list: {e}")))?
        }
        Format::Table => table(ctx, &ops),
    };
    crate::error::print(&text)
}

/// One operation as `ops --format json` shows it.
pub fn describe(op: &Operation) -> Value {
    let schema: Value = serde_json::from_str(op.facts.input_schema).unwrap_or(Value::Null);
    let e = op.entry;
    json!({
        "id": e.id,
        "summary": op.entry.summary,
        "area": e.area.as_str(),
        "effect": e.effect.as_str(),
        "method": e.method.header_value(),
        "http": format!("{} {}", e.http_method(), e.path),
        "scopes": e.scopes,
        "product": op.facts.product,
        "rolesOn": op.facts.roles_on,
        "roles": op.facts.roles,
        "paged": op.facts.paging.is_some(),
        "inputSchema": schema,
    })
}

fn table(ctx: &Context, ops: &[Operation]) -> String {
    let rows: Vec<[String; 5]> = ops
        .iter()
        .map(|op| {
            let scopes: Vec<String> = op.entry.scopes.iter().map(|a| a.join("+")).collect();
            [
                op.entry.id.to_owned(),
                op.entry.area.as_str().to_owned(),
                op.entry.effect.as_str().to_owned(),
                if scopes.is_empty() {
                    "-".to_owned()
                } else {
                    scopes.join(" | ")
                },
                op.facts.product.unwrap_or("-").to_owned(),
            ]
        })
        .collect();
    let header = ["OPERATION", "AREA", "EFFECT", "SCOPES", "PRODUCT"];
    let mut widths = header.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: [&str; 5]| {
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            if i + 1 == cells.len() {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        out
    };
    let mut out = vec![line(header)];
    out.extend(
        rows.iter()
            .map(|r| line([&r[0], &r[1], &r[2], &r[3], &r[4]])),
    );
    out.push(format!(
        "{} operations in version {}",
        ops.len(),
        ctx.version
    ));
    out.join("\n")
}
