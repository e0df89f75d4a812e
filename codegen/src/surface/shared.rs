//! Reading a spec module whose types and resources live in `shared/`: which groups it
//! re-exports from there, and the groups' paths spelled with the spec's own module names.

use std::collections::BTreeMap;

use syn::visit_mut::VisitMut;

/// The folder of shared groups, relative to the generated root.
pub(super) const DIR: &str = "shared";

/// Replaces `pub use super::shared::G as m;` items of a spec's `mod.rs` with `pub mod m;`, as
/// the module was declared before it was shared, and returns each `(m, G)`.
pub(super) fn take_module_reexports(file: &mut syn::File) -> Vec<(syn::Ident, String)> {
    let mut found = Vec::new();
    for item in &mut file.items {
        if let Some((group, local)) = module_reexport(item) {
            let (group, local) = (group.to_string(), local.clone());
            *item = syn::parse_quote!(pub mod #local;);
            found.push((local, group));
        }
    }
    found
}

/// Removes `pub use super::super::shared::G::*;` items of a spec's module file and returns
/// each `G`: the listing shows the group's items in their place.
pub(super) fn take_glob_reexports(file: &mut syn::File) -> Vec<String> {
    let mut found = Vec::new();
    file.items.retain(|item| match glob_reexport(item) {
        Some(group) => {
            found.push(group.to_string());
            false
        }
        None => true,
    });
    found
}

/// The path segments of a `use` tree down to its leaf.
fn use_path(tree: &syn::UseTree) -> (Vec<&syn::Ident>, &syn::UseTree) {
    let mut segments = Vec::new();
    let mut tree = tree;
    while let syn::UseTree::Path(p) = tree {
        segments.push(&p.ident);
        tree = &p.tree;
    }
    (segments, tree)
}

/// `(G, m)` for `pub use super::shared::G as m;`.
fn module_reexport(item: &syn::Item) -> Option<(&syn::Ident, &syn::Ident)> {
    let syn::Item::Use(u) = item else {
        return None;
    };
    match use_path(&u.tree) {
        (segments, syn::UseTree::Rename(r))
            if segments.len() == 2 && segments[0] == "super" && segments[1] == DIR =>
        {
            Some((&r.ident, &r.rename))
        }
        _ => None,
    }
}

/// `G` for `pub use super::super::shared::G::*;`.
fn glob_reexport(item: &syn::Item) -> Option<&syn::Ident> {
    let syn::Item::Use(u) = item else {
        return None;
    };
    match use_path(&u.tree) {
        (segments, syn::UseTree::Glob(_))
            if segments.len() == 4
                && segments[0] == "super"
                && segments[1] == "super"
                && segments[2] == DIR =>
        {
            Some(segments[3])
        }
        _ => None,
    }
}

/// Rewrites a group's paths to other groups in the spec's names, as listed in module
/// `current`: `super::common_202401::AuditStamp` → `super::common::AuditStamp`, and
/// `super::posts_202401::PostContent` → `PostContent` inside `posts`.
pub(super) fn local_names(
    file: &mut syn::File,
    module_of: &BTreeMap<String, syn::Ident>,
    current: &str,
) {
    struct Rename<'a>(&'a BTreeMap<String, syn::Ident>, &'a str);
    impl VisitMut for Rename<'_> {
        fn visit_path_mut(&mut self, path: &mut syn::Path) {
            let module = {
                let mut segments = path.segments.iter();
                match (segments.next(), segments.next(), segments.next()) {
                    (Some(first), Some(second), Some(_)) if first.ident == "super" => {
                        self.0.get(&second.ident.to_string()).cloned()
                    }
                    _ => None,
                }
            };
            if let Some(module) = module {
                if module == self.1 {
                    path.segments = path.segments.iter().skip(2).cloned().collect();
                } else if let Some(second) = path.segments.iter_mut().nth(1) {
                    second.ident = module;
                }
            }
            syn::visit_mut::visit_path_mut(self, path);
        }
    }
    Rename(module_of, current).visit_file_mut(file);
}
