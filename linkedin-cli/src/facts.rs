//! What the bindings' catalogue does not carry about an operation, generated beside it from the
//! same spec model (`codegen::tools`, into `src/generated/`): product and roles, paging, and the
//! JSON Schema of its arguments.

use linkedin_api::catalog::Entry;

/// How an operation pages, and its largest page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `start`/`count`, answered with `paging`.
    Offset {
        /// The endpoint's largest page.
        max_page_size: i32,
    },
    /// `pageSize`/`pageToken`, answered with `metadata.nextPageToken`.
    Cursor {
        /// The endpoint's largest page.
        max_page_size: i32,
    },
}

/// The generated facts of one operation.
#[derive(Debug, Clone, Copy)]
pub struct Facts {
    /// The spec's operationId.
    pub id: &'static str,
    /// The developer-portal product that grants access.
    pub product: Option<&'static str>,
    /// `organization` or `adAccount`, when a role there is required.
    pub roles_on: Option<&'static str>,
    /// Any one of these roles suffices.
    pub roles: &'static [&'static str],
    /// Granted to approved partners only.
    pub restricted: bool,
    /// Paging, for `--all`.
    pub paging: Option<Paging>,
    /// The JSON Schema of the arguments `Entry::call` takes.
    pub input_schema: &'static str,
}

/// One month: the catalogue entries and their facts.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// The bindings' catalogue (`linkedin_api::v202606::OPERATIONS`).
    pub operations: &'static [Entry],
    /// The facts of the month's spec, by operation id.
    pub facts: &'static [Facts],
}

/// One operation with its facts.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The catalogue entry: how to call it.
    pub entry: &'static Entry,
    /// Permissions, paging, schema.
    pub facts: &'static Facts,
}

impl Spec {
    /// Every operation with its facts, in the catalogue's order. An entry without facts would be
    /// a generator bug; the unit test `every_entry_has_facts` rules it out.
    pub fn operations(&self) -> impl Iterator<Item = Operation> + '_ {
        self.operations.iter().filter_map(|entry| {
            self.facts
                .iter()
                .find(|f| f.id == entry.id)
                .map(|facts| Operation { entry, facts })
        })
    }

    /// The operation `id`.
    pub fn find(&self, id: &str) -> Option<Operation> {
        self.operations().find(|op| op.entry.id == id)
    }
}

impl Operation {
    /// The permissions in one line: scopes, product, roles.
    pub fn permissions(&self) -> String {
        let mut parts = Vec::new();
        let scopes: Vec<String> = self
            .entry
            .scopes
            .iter()
            .map(|alt| alt.join(" + "))
            .collect();
        if !scopes.is_empty() {
            parts.push(format!("scopes: {}", scopes.join(" or ")));
        }
        if let Some(product) = self.facts.product {
            parts.push(format!("product: {product}"));
        }
        if let Some(on) = self.facts.roles_on
            && !self.facts.roles.is_empty()
        {
            parts.push(format!(
                "role on the {on}: {}",
                self.facts.roles.join(" or ")
            ));
        }
        if self.facts.restricted {
            parts.push("approved partners only".to_owned());
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_entry_has_facts_and_a_schema_that_parses() {
        for version in linkedin_api::Version::ALL {
            let spec = crate::generated::spec(*version).expect("every month has a spec");
            assert_eq!(
                spec.operations().count(),
                spec.operations.len(),
                "{version}"
            );
            for op in spec.operations() {
                let schema: serde_json::Value = serde_json::from_str(op.facts.input_schema)
                    .unwrap_or_else(|e| panic!("{}: {e}", op.entry.id));
                assert_eq!(schema["type"], "object", "{}", op.entry.id);
            }
        }
    }
}
