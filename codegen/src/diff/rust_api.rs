//! The Rust-level view beside the spec-level verdict: how the generated public API of one
//! month differs from another's ([`crate::surface`]), and whether the two views agree on
//! "breaking".
//!
//! They can honestly disagree. A removed or changed Rust item breaks compilation even where the
//! wire stays compatible (a field renamed in Rust only, a type moved); a wire-level break can
//! leave every Rust signature as it was (a finder's `q` value renamed, a path changed), so old
//! code compiles and fails at run time. The report says which it is, rather than letting one
//! view stand for both.

use serde::Serialize;

use crate::surface::{Listing, diff as listing_diff};

/// How the generated Rust API changed between the two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RustApi {
    /// Lines of the public API listing only the older version has: items removed, or the old
    /// form of items changed. Any of them fails to compile code that uses it.
    pub removed: usize,
    /// Lines only the newer version has: items added, or the new form of items changed.
    pub added: usize,
    /// Items whose value alone changed (an associated const such as `SCOPES`): the code that
    /// uses them still compiles, so they count neither as removed nor as added.
    pub values_changed: usize,
    /// Whether the Rust view and the spec view agree on "breaking".
    pub agreement: Agreement,
    /// The listing diff (`- ` removed, `+ ` added), per file.
    pub diff: String,
}

/// Whether a Rust-level break and a spec-level break go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    /// Both find a break, or neither does.
    Agree,
    /// Rust items are removed or changed, but the spec finds no breaking change: code against
    /// the older month stops compiling although the wire stays compatible.
    RustOnly,
    /// The spec finds breaking changes, but no Rust item is removed or changed: old code
    /// compiles, and fails or behaves differently at run time.
    SpecOnly,
}

impl RustApi {
    /// Compares two listings, given how many breaking changes the spec view found.
    pub fn between(from: &Listing, to: &Listing, spec_breaking: usize) -> RustApi {
        let diff = listing_diff(from, to);
        let lines = |sign: &str| -> Vec<&str> {
            diff.lines().filter_map(|l| l.strip_prefix(sign)).collect()
        };
        let (old, new) = (lines("- "), lines("+ "));
        // `… const SCOPES: T = old` beside `… const SCOPES: T = new`: a value, not a signature.
        let declaration = |line: &str| line.split_once(" = ").map(|(d, _)| d.to_owned());
        let new_declarations: std::collections::BTreeSet<String> =
            new.iter().filter_map(|l| declaration(l)).collect();
        let values_changed = old
            .iter()
            .filter(|l| declaration(l).is_some_and(|d| new_declarations.contains(&d)))
            .count();
        let (removed, added) = (old.len() - values_changed, new.len() - values_changed);
        let agreement = match (removed > 0, spec_breaking > 0) {
            (true, false) => Agreement::RustOnly,
            (false, true) => Agreement::SpecOnly,
            _ => Agreement::Agree,
        };
        RustApi {
            removed,
            added,
            values_changed,
            agreement,
            diff,
        }
    }

    /// The Markdown section.
    pub fn to_markdown(&self, from: &str, to: &str, spec_breaking: usize) -> String {
        let mut out = format!("\n### Rust API (`linkedin_api::v{from}` → `v{to}`)\n\n");
        if self.diff.is_empty() {
            out.push_str("No public Rust item is added, removed or changed.\n");
        } else {
            out.push_str(&format!(
                "{} line(s) removed or changed, {} added, {} value(s) changed in the public API \
                 listing.\n",
                self.removed, self.added, self.values_changed
            ));
        }
        match self.agreement {
            Agreement::Agree => {}
            Agreement::RustOnly => out.push_str(&format!(
                "\n**The two views disagree:** the spec finds no breaking change, but {} Rust \
                 item line(s) are removed or changed, so code using them will not compile against \
                 {to}.\n",
                self.removed
            )),
            Agreement::SpecOnly => out.push_str(&format!(
                "\n**The two views disagree:** the spec finds {spec_breaking} breaking change(s), \
                 but no Rust item is removed or changed: code built against {from} compiles \
                 against {to} and meets the change at run time.\n"
            )),
        }
        if !self.diff.is_empty() {
            out.push_str(&format!("\n```diff\n{}```\n", self.diff));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(source: &str) -> Listing {
        let mut listing = Listing::default();
        listing.add_file("posts.rs", source).expect("parses");
        listing
    }

    #[test]
    fn agreement_follows_both_views() {
        let old = listing("pub struct Post { pub id: String }");
        let renamed = listing("pub struct Post { pub urn: String }");
        let grown = listing("pub struct Post { pub id: String, pub title: String }");

        let same = RustApi::between(&old, &old, 0);
        assert_eq!((same.removed, same.added), (0, 0));
        assert_eq!(same.agreement, Agreement::Agree);
        assert!(
            same.to_markdown("202605", "202606", 0)
                .contains("No public Rust item")
        );

        let rust_only = RustApi::between(&old, &renamed, 0);
        assert_eq!((rust_only.removed, rust_only.added), (1, 1));
        assert_eq!(rust_only.agreement, Agreement::RustOnly);
        let md = rust_only.to_markdown("202605", "202606", 0);
        assert!(
            md.contains("disagree") && md.contains("will not compile"),
            "{md}"
        );
        assert!(md.contains("- pub posts::Post::id: String"), "{md}");

        let spec_only = RustApi::between(&old, &grown, 2);
        assert_eq!((spec_only.removed, spec_only.added), (0, 1));
        assert_eq!(spec_only.agreement, Agreement::SpecOnly);
        assert!(
            spec_only
                .to_markdown("202605", "202606", 2)
                .contains("finds 2 breaking change(s), but no Rust item")
        );

        assert_eq!(
            RustApi::between(&old, &renamed, 3).agreement,
            Agreement::Agree
        );
    }
}
