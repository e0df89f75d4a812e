//! The `test-util` feature's data: each operation's documented success answer, which
//! `linkedin_api::test_util::MockLinkedIn` serves by default.
//!
//! Examples change more often than types (a month may only fix an example), so they are not
//! part of the shared units: an example never makes a type or resource differ between specs.
//! They are shared their own way: `examples.rs` holds each distinct answer once, as a constant
//! named after its operation (`POSTS_GET`, then `POSTS_GET_2` for a second distinct answer of
//! that operation, in spec order), and each spec's `EXAMPLES` table lists its operations'
//! constants. Thirteen specs' answers are about 550 kB of JSON; the distinct ones about 60 kB.
//! Everything here is compiled only with the `test-util` feature.

use std::collections::BTreeMap;

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{Version, doc_attrs};
use crate::ir::ResponseExample;

/// Each distinct answer's constant, per operation in spec order.
pub(super) struct Examples<'a> {
    /// Per spec (in `versions` order): operationId → constant.
    per_spec: Vec<BTreeMap<&'a str, Ident>>,
    /// Every constant with its operation and answer, in the order first met.
    constants: Vec<(Ident, &'a str, &'a ResponseExample)>,
}

impl<'a> Examples<'a> {
    /// Names each distinct answer of each operation across `versions`.
    pub(super) fn plan(versions: &'a [Version<'a>]) -> Examples<'a> {
        let mut constants: Vec<(Ident, &'a str, &'a ResponseExample)> = Vec::new();
        let mut per_spec = Vec::new();
        for v in versions {
            let mut table = BTreeMap::new();
            for (op, example) in &v.api.examples {
                let same = constants
                    .iter()
                    .find(|(_, o, e)| *o == op.as_str() && *e == example);
                let name = match same {
                    Some((name, _, _)) => name.clone(),
                    None => {
                        let base = op.replace('.', "_").to_shouty_snake_case();
                        let earlier = constants.iter().filter(|(_, o, _)| *o == op).count();
                        let name = match earlier {
                            0 => format_ident!("{base}"),
                            n => format_ident!("{base}_{}", n + 1),
                        };
                        constants.push((name.clone(), op.as_str(), example));
                        name
                    }
                };
                table.insert(op.as_str(), name);
            }
            per_spec.push(table);
        }
        Examples {
            per_spec,
            constants,
        }
    }

    /// `generated/examples.rs`: every distinct answer, once.
    pub(super) fn file(&self) -> Result<TokenStream, String> {
        let mut items = Vec::new();
        for (name, op, example) in &self.constants {
            let status = proc_macro2::Literal::u16_unsuffixed(example.status);
            let body = match &example.body {
                Some(value) => {
                    let json = serde_json::to_string_pretty(value)
                        .map_err(|e| format!("the example of `{op}` is not JSON: {e}"))?;
                    let literal = raw_string(&json)?;
                    quote!(Some(#literal))
                }
                None => quote!(None),
            };
            let id = match &example.id {
                Some(id) => quote!(Some(#id)),
                None => quote!(None),
            };
            items.push(quote! {
                pub(super) const #name: crate::test_util::Example = crate::test_util::Example {
                    operation: #op,
                    status: #status,
                    body: #body,
                    id: #id,
                };
            });
        }
        Ok(quote! {
            //! Each operation's documented success answer, once for every spec that documents the
            //! same answer; each spec's `EXAMPLES` lists its own. Compiled with the `test-util`
            //! feature only.
            // Only the enabled months' specs use their answers.
            #![allow(dead_code)]
            #(#items)*
        })
    }

    /// The spec's `EXAMPLES` table (in its `mod.rs`).
    pub(super) fn spec_table(&self, spec: usize) -> TokenStream {
        let table = &self.per_spec[spec];
        let count = table.len();
        let names = table.values();
        let doc = doc_attrs(&format!(
            "Each operation's documented success answer ({count}), what \
             [`MockLinkedIn`](crate::test_util::MockLinkedIn) answers by default."
        ));
        quote! {
            #doc
            #[cfg(feature = "test-util")]
            #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
            pub const EXAMPLES: &[crate::test_util::Example] = &[#(super::examples::#names),*];
        }
    }
}

/// The month's `Api` as a `test_util::Month`, inside its month module.
pub(super) fn month_impl() -> TokenStream {
    quote! {
        #[cfg(feature = "test-util")]
        impl crate::test_util::Month for Api {
            const VERSION: &'static str = Api::VERSION;
            const OPERATIONS: &'static [crate::catalog::Entry] = OPERATIONS;
            const EXAMPLES: &'static [crate::test_util::Example] = EXAMPLES;

            fn from_client(client: crate::Client) -> Self {
                Api::new(client)
            }
        }
    }
}

/// A raw string literal holding `text` (JSON reads better without `\"`).
fn raw_string(text: &str) -> Result<TokenStream, String> {
    let mut hashes = "#".to_owned();
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .map_err(|e| format!("an example does not fit in a raw string literal: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Api;

    fn api(version: &str, examples: &[(&str, serde_json::Value)]) -> Api {
        Api {
            version: version.to_owned(),
            title: String::new(),
            types: Vec::new(),
            resources: Vec::new(),
            runtime_operations: Vec::new(),
            examples: examples
                .iter()
                .map(|(op, body)| {
                    let example = ResponseExample {
                        status: 200,
                        body: Some(body.clone()),
                        id: None,
                    };
                    ((*op).to_owned(), example)
                })
                .collect(),
        }
    }

    fn version(api: &Api) -> Version<'_> {
        Version {
            module: format!("s{}", api.version),
            api,
            spec_path: String::new(),
            months: Vec::new(),
        }
    }

    #[test]
    fn each_distinct_answer_is_one_constant_shared_by_the_specs_that_have_it() {
        let a = serde_json::json!({"id": "urn:li:share:1"});
        let b = serde_json::json!({"id": "urn:li:share:2", "text": "\"#quoted\"#"});
        let apis = [
            api("202401", &[("posts.get", a.clone())]),
            api("202403", &[("posts.get", a), ("posts.create", b.clone())]),
            api("202408", &[("posts.get", b)]),
        ];
        let versions: Vec<Version<'_>> = apis.iter().map(version).collect();
        let plan = Examples::plan(&versions);
        let names: Vec<String> = plan.constants.iter().map(|c| c.0.to_string()).collect();
        assert_eq!(names, ["POSTS_GET", "POSTS_CREATE", "POSTS_GET_2"]);
        let get = |spec: usize| plan.per_spec[spec]["posts.get"].to_string();
        assert_eq!(
            [get(0), get(1), get(2)],
            ["POSTS_GET", "POSTS_GET", "POSTS_GET_2"]
        );
        assert!(plan.spec_table(1).to_string().contains("POSTS_CREATE"));
        // A body holding `"#` gets a raw string with more hashes, and stays Rust.
        let file = plan.file().unwrap();
        let parsed: syn::File = syn::parse2(file).unwrap();
        assert_eq!(parsed.items.len(), 3);
    }
}
