//! `$ref` resolution: one resolver for every kind of component a spec points to (schemas,
//! parameters, request bodies, responses, headers), so every kind refuses the same things with
//! the same words.
//!
//! Only local references into `#/components/<section>/` are followed, and a component that is
//! itself a `$ref` is refused: LinkedIn's specs never need either, and refusing them keeps
//! resolution one lookup deep, with no cycle to detect.

use indexmap::IndexMap;
use openapiv3::{
    Components, Example, Header, OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema,
};

use crate::diag::{Ptr, Result};

/// A kind of component a `$ref` may point to.
pub(crate) trait Component: Sized {
    /// Its section under `#/components/`, as spelled in a `$ref` (`requestBodies`).
    const SECTION: &'static str;
    /// What it is called in messages (`request body`).
    const NOUN: &'static str;
    /// Its section of the document's components.
    fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>>;
}

macro_rules! component {
    ($ty:ty, $field:ident, $section:literal, $noun:literal) => {
        impl Component for $ty {
            const SECTION: &'static str = $section;
            const NOUN: &'static str = $noun;
            fn section(components: &Components) -> &IndexMap<String, ReferenceOr<Self>> {
                &components.$field
            }
        }
    };
}

component!(Schema, schemas, "schemas", "schema");
component!(Parameter, parameters, "parameters", "parameter");
component!(RequestBody, request_bodies, "requestBodies", "request body");
component!(Response, responses, "responses", "response");
component!(Header, headers, "headers", "header");
component!(Example, examples, "examples", "example");

/// The component a `$ref` names, with its name in the document.
pub(crate) fn component<'d, T: Component>(
    doc: &'d OpenAPI,
    reference: &str,
    at: &Ptr,
) -> Result<(&'d str, &'d T)> {
    let prefix = format!("#/components/{}/", T::SECTION);
    let Some(name) = reference.strip_prefix(&prefix) else {
        return at.fail(format!(
            "`$ref: {reference}` must point into {prefix} (external references are not supported)"
        ));
    };
    let section = doc.components.as_ref().map(T::section);
    match section.and_then(|s| s.get_key_value(name)) {
        Some((key, ReferenceOr::Item(item))) => Ok((key.as_str(), item)),
        Some((_, ReferenceOr::Reference { reference: next })) => at.fail(format!(
            "`{reference}` is itself a reference to `{next}`; point at the {} directly",
            T::NOUN
        )),
        None => at.fail(format!(
            "`$ref: {reference}` points to a {} that does not exist",
            T::NOUN
        )),
    }
}

/// Something written in place or behind a `$ref`, resolved.
pub(crate) struct Resolved<'d, T> {
    pub item: &'d T,
    /// Where the item is written: `at` itself, or the component's pointer.
    pub at: Ptr,
    /// The component's name, when it came through a `$ref`.
    pub component: Option<&'d str>,
}

/// Follows a `$ref` (if it is one) to the item.
pub(crate) fn resolve<'d, T: Component>(
    doc: &'d OpenAPI,
    item: &'d ReferenceOr<T>,
    at: &Ptr,
) -> Result<Resolved<'d, T>> {
    match item {
        ReferenceOr::Item(item) => Ok(Resolved {
            item,
            at: at.clone(),
            component: None,
        }),
        ReferenceOr::Reference { reference } => {
            let (name, item) = component::<T>(doc, reference, at)?;
            Ok(Resolved {
                item,
                at: at.from_ref(reference),
                component: Some(name),
            })
        }
    }
}
