//! Reading a spec module whose modules live in `shared/`: which modules it re-exports from
//! there, and the shared files' paths spelled with the spec's own module names.

use std::collections::BTreeMap;

use syn::visit_mut::VisitMut;

/// The folder of shared modules, relative to the generated root.
pub(super) const DIR: &str = "shared";

/// The modules a spec's `mod.rs` re-exports from `shared/`.
#[derive(Debug, Default)]
pub(super) struct Reexports {
    /// The spec's name of each (`posts`), and the shared module it is (`posts_202401`).
    pub(super) modules: BTreeMap<String, String>,
    /// The reverse: shared name → the spec's name (an identifier, raw if a keyword).
    pub(super) names: BTreeMap<String, syn::Ident>,
}

/// Replaces `pub use super::shared::X as m;` items of a spec's `mod.rs` with `pub mod m;`, as
/// the module was declared before it was shared, and returns them.
pub(super) fn take_reexports(file: &mut syn::File) -> Reexports {
    let mut found = Reexports::default();
    for item in &mut file.items {
        if let Some((name, local)) = shared_reexport(item) {
            let (name, local) = (name.to_string(), local.clone());
            *item = syn::parse_quote!(pub mod #local;);
            found.modules.insert(local.to_string(), name.clone());
            found.names.insert(name, local);
        }
    }
    found
}

/// `(X, m)` for `pub use super::shared::X as m;`.
fn shared_reexport(item: &syn::Item) -> Option<(&syn::Ident, &syn::Ident)> {
    let syn::Item::Use(u) = item else {
        return None;
    };
    let syn::UseTree::Path(sup) = &u.tree else {
        return None;
    };
    let syn::UseTree::Path(dir) = &*sup.tree else {
        return None;
    };
    let syn::UseTree::Rename(r) = &*dir.tree else {
        return None;
    };
    (sup.ident == "super" && dir.ident == DIR).then_some((&r.ident, &r.rename))
}

/// Rewrites `super::posts_202401::…` paths in a shared file to `super::posts::…`.
pub(super) fn local_names(file: &mut syn::File, names: &BTreeMap<String, syn::Ident>) {
    struct Rename<'a>(&'a BTreeMap<String, syn::Ident>);
    impl VisitMut for Rename<'_> {
        fn visit_path_mut(&mut self, path: &mut syn::Path) {
            let mut segments = path.segments.iter_mut();
            if let (Some(first), Some(second)) = (segments.next(), segments.next())
                && first.ident == "super"
                && let Some(local) = self.0.get(&second.ident.to_string())
            {
                second.ident = local.clone();
            }
            syn::visit_mut::visit_path_mut(self, path);
        }
    }
    Rename(names).visit_file_mut(file);
}
