//! Rust names for spec names: case conversion, keywords, and names that cannot start a Rust
//! identifier. Every generated identifier goes through here, so naming rules live in one place.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; a field or parameter with such a name becomes a raw identifier
/// (`r#type`). `self`, `Self`, `super`, `crate` cannot be raw and get a trailing `_`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case value name (field, parameter, method, module): `lifecycleState` → `lifecycle_state`.
pub fn value_name(spec_name: &str) -> String {
    let cleaned = clean(spec_name);
    let mut name = cleaned.to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if NOT_RAW.contains(&name.as_str()) {
        name.push('_');
    } else if KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// An UpperCamelCase type or variant name: `REVERSE_CHRONOLOGICAL` → `ReverseChronological`.
pub fn type_name(spec_name: &str) -> String {
    let mut name = clean(spec_name).to_upper_camel_case();
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// The type name of a URN accepting `entity_types` (already sorted):
/// `[person]` → `PersonUrn`, `[organization, person]` → `OrganizationOrPersonUrn`.
pub fn urn_type_name(entity_types: &[String]) -> String {
    let parts: Vec<String> = entity_types.iter().map(|t| type_name(t)).collect();
    format!("{}Urn", parts.join("Or"))
}

/// The bare method name from an operationId `resource.method` (`posts.findByAuthor` → `find_by_author`).
pub fn method_name(operation_id: &str) -> String {
    let method = operation_id
        .rsplit_once('.')
        .map_or(operation_id, |(_, m)| m);
    value_name(method)
}

/// The resource part of an operationId (`campaignGroups.search` → `campaign_groups`).
pub fn resource_module(operation_id: &str) -> Option<String> {
    operation_id.split_once('.').map(|(r, _)| value_name(r))
}

/// The identifier without a raw prefix, for building other names from it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Characters that are not word characters separate words (`$set` → `set`,
/// `com.linkedin.ugc.ShareContent` → `com linkedin ugc ShareContent`).
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(value_name("lifecycleState"), "lifecycle_state");
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("$set"), "set");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("2L"), "_2l");
        assert_eq!(
            value_name("com.linkedin.ugc.ShareContent"),
            "com_linkedin_ugc_share_content"
        );
    }

    #[test]
    fn types() {
        assert_eq!(type_name("REVERSE_CHRONOLOGICAL"), "ReverseChronological");
        assert_eq!(type_name("multiImage"), "MultiImage");
        assert_eq!(type_name("2L"), "V2l");
        assert_eq!(
            urn_type_name(&["organization".into(), "person".into()]),
            "OrganizationOrPersonUrn"
        );
        assert_eq!(
            urn_type_name(&["sponsoredAccount".into()]),
            "SponsoredAccountUrn"
        );
    }

    #[test]
    fn methods() {
        assert_eq!(method_name("posts.findByAuthor"), "find_by_author");
        assert_eq!(
            resource_module("campaignGroups.search").as_deref(),
            Some("campaign_groups")
        );
        assert_eq!(resource_module("nodot"), None);
    }
}
