//! Reading our vendor extensions (`x-restli`, `x-linkedin-urn`, …, see `spec/README.md`) with
//! errors that say which extension is malformed and how.

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diag::{Ptr, Result};
use crate::protocol::RestliMethod;

pub(crate) type Extensions = IndexMap<String, Value>;

/// A typed extension value, or `None` when absent.
pub(crate) fn get<T: DeserializeOwned>(ext: &Extensions, key: &str, at: &Ptr) -> Result<Option<T>> {
    match ext.get(key) {
        None => Ok(None),
        Some(v) => serde_path_to_error::deserialize(v.clone())
            .map(Some)
            .map_err(|e| {
                let ptr = crate::load::path_to_pointer(&at.at(key), e.path());
                ptr.error(format!("malformed `{key}`: {}", e.inner()))
            }),
    }
}

pub(crate) fn string(ext: &Extensions, key: &str, at: &Ptr) -> Result<Option<String>> {
    get(ext, key, at)
}

pub(crate) fn flag(ext: &Extensions, key: &str, at: &Ptr) -> Result<bool> {
    Ok(get::<bool>(ext, key, at)?.unwrap_or(false))
}

pub(crate) fn string_list(ext: &Extensions, key: &str, at: &Ptr) -> Result<Vec<String>> {
    Ok(get::<Vec<String>>(ext, key, at)?.unwrap_or_default())
}

/// `x-linkedin-urn`: sorted, deduplicated entity types; each must look like an entity type.
pub(crate) fn urn_types(ext: &Extensions, at: &Ptr) -> Result<Option<Vec<String>>> {
    let Some(mut types) = get::<Vec<String>>(ext, "x-linkedin-urn", at)? else {
        return Ok(None);
    };
    if types.is_empty() {
        return at
            .at("x-linkedin-urn")
            .fail("`x-linkedin-urn` needs at least one entity type");
    }
    for (i, t) in types.iter().enumerate() {
        let ok = t.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && t.chars().all(|c| c.is_ascii_alphanumeric());
        if !ok {
            return at.at("x-linkedin-urn").at(i).fail(format!("`{t}` is not a URN entity type (expected camelCase letters, like `sponsoredAccount`)"));
        }
    }
    types.sort();
    types.dedup();
    Ok(Some(types))
}

/// `x-restli`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RestliExt {
    pub method: RestliMethod,
    pub finder: Option<String>,
    pub action: Option<String>,
    pub pagination: Option<PaginationExt>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct PaginationExt {
    pub style: PagingStyleExt,
    pub max_page_size: i32,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PagingStyleExt {
    Offset,
    Cursor,
}

/// `x-linkedin-access`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AccessExt {
    pub product: Option<String>,
    pub roles: Option<RolesExt>,
    #[serde(default)]
    pub restricted: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct RolesExt {
    pub entity: String,
    pub any_of: Vec<String>,
}

/// One entry of `x-restli-variants`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct VariantExt {
    pub operation_id: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "x-restli")]
    pub restli: RestliExt,
    #[serde(default)]
    pub parameters: Vec<String>,
    #[serde(default)]
    pub required: Vec<String>,
    pub request_body: Option<openapiv3::ReferenceOr<openapiv3::Schema>>,
    pub response: Option<openapiv3::ReferenceOr<openapiv3::Schema>>,
    pub security: Option<Vec<IndexMap<String, Vec<String>>>>,
    #[serde(rename = "x-linkedin-access")]
    pub access: Option<AccessExt>,
    #[serde(rename = "x-linkedin-effect")]
    pub effect: Option<crate::ir::Effect>,
    #[serde(default)]
    pub deprecated: bool,
}

/// `x-linkedin-area` of every tag, by tag name. Every tag must have one (an operation's area
/// is its first tag's, and the runtime's access policies decide by it).
pub(crate) fn tag_areas(
    doc: &openapiv3::OpenAPI,
    root: &Ptr,
) -> Result<std::collections::BTreeMap<String, crate::ir::Area>> {
    use crate::ir::Area;
    let expected = || {
        Area::ALL
            .iter()
            .map(|(_, w)| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut areas = std::collections::BTreeMap::new();
    for (i, tag) in doc.tags.iter().enumerate() {
        let at = root.at("tags").at(i);
        let name = &tag.name;
        let Some(value) = tag.extensions.get("x-linkedin-area") else {
            return at.fail(format!(
                "tag `{name}` has no `x-linkedin-area`: every tag says which area its operations belong to (one of {})",
                expected()
            ));
        };
        let at = at.at("x-linkedin-area");
        let Some(wire) = value.as_str() else {
            return at.fail(format!(
                "tag `{name}`: `x-linkedin-area` must be a string, one of {}",
                expected()
            ));
        };
        let Some(area) = Area::from_wire(wire) else {
            return at.fail(format!(
                "tag `{name}`: `x-linkedin-area: {wire}` is not an area (expected one of {})",
                expected()
            ));
        };
        areas.insert(name.clone(), area);
    }
    Ok(areas)
}
