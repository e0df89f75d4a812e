//! How the report names things: types in words, JSON pointers, and subjects in the spec's names.

use crate::ir::*;

/// A type as a reader would name it.
pub fn show(t: &TypeRef) -> String {
    match t {
        TypeRef::String => "string".to_owned(),
        TypeRef::Bool => "boolean".to_owned(),
        TypeRef::I32 => "int32".to_owned(),
        TypeRef::I64 => "int64".to_owned(),
        TypeRef::F32 => "float".to_owned(),
        TypeRef::F64 => "double".to_owned(),
        TypeRef::Json => "any JSON".to_owned(),
        TypeRef::Named(n) => format!("`{n}`"),
        TypeRef::Urn(types) => with_article(&format!("{} URN", types.join("/"))),
        TypeRef::List(i) => format!("a list of {}", show(i)),
        TypeRef::Map(i) => format!("a map of {}", show(i)),
        TypeRef::Runtime(p) => format!("`{p}`"),
        TypeRef::Envelope(e, i) => format!("a {e:?} of {}", show(i)),
    }
}

/// `a` or `an` before `word`, by its first letter (`an organization URN`, `an enum`).
pub(super) fn with_article(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

pub(super) fn show_opt(t: &Option<TypeRef>) -> String {
    t.as_ref().map_or_else(|| "none".to_owned(), show)
}

pub(super) fn show_response(r: &Response) -> String {
    match r {
        Response::Empty => "empty".to_owned(),
        Response::Json(t) | Response::ActionValue(t) => show(t),
        Response::CreatedId(k) => format!("the created id as {}", show(k)),
        Response::Created(k, t) => format!("the created id as {} with {}", show(k), show(t)),
    }
}

pub(super) fn show_scopes(s: &[Vec<String>]) -> String {
    if s.is_empty() {
        return "none".to_owned();
    }
    s.iter()
        .map(|alt| format!("`{}`", alt.join(" + ")))
        .collect::<Vec<_>>()
        .join(" or ")
}

pub(super) fn kind_name(k: &TypeKind) -> &'static str {
    match k {
        TypeKind::Struct(_) => "record",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::OneOf(_) => "oneOf",
        TypeKind::Newtype(_) => "wrapper",
    }
}

pub(super) fn presence_name(p: Presence) -> &'static str {
    match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Nullable => "nullable",
    }
}

/// A paging style as the spec spells it.
pub(super) fn paging_name(p: Option<Pagination>) -> &'static str {
    match p.map(|p| p.style) {
        None => "none",
        Some(PagingStyle::Offset) => "offset",
        Some(PagingStyle::Cursor) => "cursor",
    }
}

/// RFC 6901 escaping of one pointer segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// The operation object a method comes from (for an `x-restli-variants` variant, the operation
/// that lists it), as a JSON pointer.
pub(super) fn operation_pointer(m: &Method) -> String {
    format!(
        "/paths/{}/{}",
        escape(&m.path),
        m.http_method.as_str().to_ascii_lowercase()
    )
}

/// A type's schema in its spec, as a JSON pointer (`origin` without the leading `#`).
pub(super) fn type_pointer(t: &TypeDef) -> String {
    t.origin.trim_start_matches('#').to_owned()
}

/// A field's property schema (`…/properties/<field>`).
pub(super) fn property_pointer(t: &TypeDef, wire: &str) -> String {
    format!("{}/properties/{}", type_pointer(t), escape(wire))
}

/// The name a reader finds in the spec for a type: `Schema` or `Schema.field.sub` for schemas
/// (inline ones by the property they are in), `operationId.parameter` for a type defined in a
/// parameter, `operationId.request` or `operationId.response` (and their properties) for one
/// defined in a body. The Rust name is generated (`PostsFindByAuthorSortBy`) and not in the spec; it is
/// the fallback when the origin says nothing better.
pub(super) fn spec_name(t: &TypeDef, api: &Api) -> String {
    let segments: Vec<String> = t
        .origin
        .trim_start_matches("#/")
        .split('/')
        .map(unescape)
        .collect();
    let named = match segments.as_slice() {
        [c, s, name, rest @ ..] if c == "components" && s == "schemas" => Some(dotted(name, rest)),
        [p, path, method, params, _index, _schema, rest @ ..]
            if p == "paths" && params == "parameters" =>
        {
            parameter_owner(t, api, 6, path, method).map(|o| dotted(&o, rest))
        }
        [p, path, method, part, rest @ ..]
            if p == "paths" && (part == "requestBody" || part == "responses") =>
        {
            let side = if part == "requestBody" {
                "request"
            } else {
                "response"
            };
            operation_at(api, path, method).map(|o| dotted(&format!("{o}.{side}"), rest))
        }
        [c, p, _name, _schema, rest @ ..] if c == "components" && p == "parameters" => {
            parameter_owner(t, api, 4, "", "").map(|o| dotted(&o, rest))
        }
        _ => None,
    };
    named.unwrap_or_else(|| t.name.clone())
}

/// `name` followed by the properties of `rest` (`items`, `allOf/0` and the like are steps
/// inside the same property, not names).
fn dotted(name: &str, rest: &[String]) -> String {
    let mut out = name.to_owned();
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == "properties"
            && let Some(p) = rest.get(i + 1)
        {
            out.push('.');
            out.push_str(p);
            i += 2;
        } else {
            i += 1;
        }
    }
    out
}

/// The first operation at `path` and `method` (variants share one).
fn operation_at<'a>(api: &'a Api, path: &str, method: &str) -> Option<&'a str> {
    api.resources
        .iter()
        .flat_map(|r| &r.methods)
        .find(|m| m.path == path && m.http_method.as_str().eq_ignore_ascii_case(method))
        .map(|m| m.operation_id.as_str())
}

/// `operationId.parameter` for the first operation (at `path`/`method` when given) that takes
/// a parameter of the type defined at the first `depth` segments of `t`'s origin (the
/// parameter's schema, of which `t` may be a part).
fn parameter_owner(
    t: &TypeDef,
    api: &Api,
    depth: usize,
    path: &str,
    method: &str,
) -> Option<String> {
    let root: Vec<&str> = t.origin.split('/').take(depth + 1).collect();
    let root = root.join("/");
    let root = api.types.iter().find(|d| d.origin == root)?;
    let target = TypeRef::Named(root.name.clone());
    api.resources
        .iter()
        .flat_map(|r| &r.methods)
        .filter(|m| {
            path.is_empty()
                || (m.path == path && m.http_method.as_str().eq_ignore_ascii_case(method))
        })
        .find_map(|m| {
            m.params
                .iter()
                .find(|p| mentions(&p.ty, &target))
                .map(|p| format!("{}.{}", m.operation_id, p.wire))
        })
}

/// Whether `ty` is `target` or a list or map of it.
fn mentions(ty: &TypeRef, target: &TypeRef) -> bool {
    match ty {
        TypeRef::List(i) | TypeRef::Map(i) => mentions(i, target),
        t => t == target,
    }
}
