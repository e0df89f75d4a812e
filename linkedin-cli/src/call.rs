//! `linkedin call`: one operation through the bindings' catalogue, arguments from the command
//! line or a JSON file, the answer printed as JSON; `--all` follows the pages.

use std::io::Read;

use futures::TryStreamExt;
use linkedin_api::Client;
use linkedin_api::restli::Collection;
use serde_json::{Map, Value};

use crate::cli::CallArgs;
use crate::context::Context;
use crate::error::Failure;
use crate::facts::{Operation, Paging};

pub async fn run(ctx: &Context, args: &CallArgs) -> Result<(), Failure> {
    let op = find(ctx, &args.operation)?;
    let arguments = match &args.json {
        Some(file) => read_json(file)?,
        None => parse_args(&op, &args.args)?,
    };
    let client = ctx.client()?;
    let value = if args.all {
        all_pages(&client, ctx.version.as_str(), &op, arguments).await?
    } else {
        (op.entry.call)(client, ctx.version.as_str(), Value::Object(arguments))
            .await?
            .value
    };
    let text = serde_json::to_string_pretty(&value)
        .map_err(|e| Failure::other(format!("cannot print the answer: {e}")))?;
    crate::error::print(&text)
}

/// The operation `id` of the context's version, or a usage error that suggests close names.
pub fn find(ctx: &Context, id: &str) -> Result<Operation, Failure> {
    ctx.spec.find(id).ok_or_else(|| {
        let lower = id.to_ascii_lowercase();
        let resource = lower.split('.').next().unwrap_or_default().to_owned();
        let near: Vec<&str> = ctx
            .spec
            .operations()
            .map(|op| op.entry.id)
            .filter(|known| {
                let k = known.to_ascii_lowercase();
                k.starts_with(&resource) || k.contains(&lower)
            })
            .take(8)
            .collect();
        let hint = if near.is_empty() {
            "`linkedin ops` lists them".to_owned()
        } else {
            format!("did you mean {}?", near.join(", "))
        };
        Failure::usage(format!(
            "version {} has no operation `{id}`: {hint}",
            ctx.version
        ))
    })
}

fn read_json(file: &std::path::Path) -> Result<Map<String, Value>, Failure> {
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::usage(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?
    };
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(Failure::usage(format!(
            "{}: the arguments must be one JSON object ({{\"name\": value, …, \"body\": {{…}}}}), not {}",
            file.display(),
            kind(&other)
        ))),
        Err(e) => Err(Failure::usage(format!(
            "{} is not JSON: {e}",
            file.display()
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `name=value` pairs, typed by the operation's argument schema: a string parameter takes the
/// text as it is; any other takes JSON (`count=10`, `ids=[1,2]`, `body={…}`).
pub fn parse_args(op: &Operation, pairs: &[String]) -> Result<Map<String, Value>, Failure> {
    let schema: Value = serde_json::from_str(op.facts.input_schema).unwrap_or(Value::Null);
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let names = || {
        let list: Vec<&str> = properties.keys().map(String::as_str).collect();
        if list.is_empty() {
            "it takes none".to_owned()
        } else {
            format!("it takes {}", list.join(", "))
        }
    };
    let mut out = Map::new();
    for pair in pairs {
        let Some((name, text)) = pair.split_once('=') else {
            return Err(Failure::usage(format!("--arg {pair:?}: write name=value")));
        };
        let Some(prop) = properties.get(name) else {
            return Err(Failure::usage(format!(
                "`{}` has no argument `{name}`: {}",
                op.entry.id,
                names()
            )));
        };
        let value = if is_string(prop, &schema) {
            Value::String(text.to_owned())
        } else {
            serde_json::from_str(text).map_err(|e| {
                Failure::usage(format!(
                    "--arg {name}: `{}` takes JSON here ({e})",
                    op.entry.id
                ))
            })?
        };
        if out.insert(name.to_owned(), value).is_some() {
            return Err(Failure::usage(format!("--arg {name} is given twice")));
        }
    }
    Ok(out)
}

/// Whether a property's schema (following one `$ref`) is a plain string.
fn is_string(prop: &Value, root: &Value) -> bool {
    let resolved = match prop["$ref"].as_str() {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .map(|name| &root["$defs"][name])
            .unwrap_or(prop),
        None => prop,
    };
    resolved["type"] == "string"
}

/// Every element of every page, as one JSON array.
pub async fn all_pages(
    client: &Client,
    version: &'static str,
    op: &Operation,
    args: Map<String, Value>,
) -> Result<Value, Failure> {
    let Some(paging) = op.facts.paging else {
        return Err(Failure::usage(format!(
            "`{}` does not page: call it without --all",
            op.entry.id
        )));
    };
    let call = op.entry.call;
    let page = move |args: Map<String, Value>| {
        let client = client.clone();
        async move {
            let outcome = call(client, version, Value::Object(args)).await?;
            serde_json::from_value::<Collection<Value>>(outcome.value).map_err(|e| {
                // The value came out of the operation's collection type: this is a bug, not
                // LinkedIn's answer.
                linkedin_api::Error::Decode {
                    operation: op.entry.id,
                    path: ".".to_owned(),
                    snippet: String::new(),
                    source: Box::new(e),
                }
            })
        }
    };
    let elements: Vec<Value> = match paging {
        Paging::Offset { max_page_size } => {
            let start = int_arg(&args, "start")?;
            let count = int_arg(&args, "count")?;
            let pages = linkedin_api::paging::offset_pages(start, count, max_page_size, |s, c| {
                let mut a = args.clone();
                a.insert("start".to_owned(), s.into());
                a.insert("count".to_owned(), c.into());
                page(a)
            });
            linkedin_api::paging::items(pages).try_collect().await?
        }
        Paging::Cursor { max_page_size } => {
            let size = int_arg(&args, "pageSize")?;
            let token = args
                .get("pageToken")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let pages = linkedin_api::paging::cursor_pages(size, token, max_page_size, |s, t| {
                let mut a = args.clone();
                a.insert("pageSize".to_owned(), s.into());
                match t {
                    Some(t) => a.insert("pageToken".to_owned(), t.into()),
                    None => a.remove("pageToken"),
                };
                page(a)
            });
            linkedin_api::paging::items(pages).try_collect().await?
        }
    };
    Ok(Value::Array(elements))
}

fn int_arg(args: &Map<String, Value>, name: &str) -> Result<Option<i32>, Failure> {
    match args.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| Failure::usage(format!("`{name}` must be a whole number, not {v}"))),
    }
}
