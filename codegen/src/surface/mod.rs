//! The public Rust API of one generated spec module, one item per line, for a reviewer.
//!
//! The listing is read from the generated source with `syn` rather than from the model, so it
//! shows what a user of the crate sees whatever shape the emitter gives the code: structs and
//! their public fields, enums and their variants, public functions and methods with their
//! signatures, trait impls (derived or written) with their associated types and consts, consts,
//! type aliases, re-exports, and the invocations of the runtime's macros (an open enum's wire
//! names are API too). Doc comments, attributes other than `#[non_exhaustive]` and
//! `#[deprecated]`, private items and function bodies are left out: they are not API.
//!
//! Every line names the item it belongs to by its path inside the spec module
//! (`posts::Post::author`), so a line stands alone in a diff, and the same item of two spec
//! modules gives the same line. Lines are grouped per file and sorted by owning item, so a
//! changed item shows as a removed and an added line side by side. [`diff`] compares two
//! listings: the version-pair snapshots (`tests/snapshots/changes/*-api.snap`) are its output.
//!
//! What a spec re-exports from `shared/` is listed where the spec re-exports it: a whole module
//! (`pub use super::shared::posts_202401 as posts;`) as the spec's own `posts.rs`, a group
//! (`pub use super::super::shared::posts_202401::*;` in `posts.rs`) among that file's items,
//! with paths to other groups read back in the spec's names (`super::common::AuditStamp`,
//! `PostContent` inside `posts`): where a definition is emitted is not API, and a listing must
//! not change when something becomes shared.

mod diff;
mod impls;
mod items;
mod macros;
mod shared;
mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use diff::diff;

use crate::diag::{Error, Result};
use crate::emit::File;

/// The public API of a spec module: for each of its files (by path inside the module,
/// `posts.rs`), the sorted lines of the items declared there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    files: BTreeMap<String, Vec<String>>,
}

impl Listing {
    /// The listing of spec module `module` (`s202605`) among the generated `files`; an error if
    /// no file is in it or a file does not parse.
    pub fn of_module(files: &[File], module: &str) -> Result<Listing> {
        let prefix = format!("{module}/");
        let error = |path: &str, message: String| Error {
            file: PathBuf::from(crate::outputs::GENERATED_DIR).join(path),
            pointer: "#".to_owned(),
            message,
        };
        // The spec's files, with what they re-export from `shared/` taken out: whole modules
        // (in `mod.rs`) and groups (in a module's file).
        let mut own: Vec<(String, syn::File, Vec<String>)> = Vec::new();
        let mut module_of: BTreeMap<String, syn::Ident> = BTreeMap::new();
        for file in files {
            let Some(path) = file.path.strip_prefix(&prefix) else {
                continue;
            };
            let mut parsed = parse(&file.contents).map_err(|m| error(&file.path, m))?;
            if path == "mod.rs" {
                for (local, group) in shared::take_module_reexports(&mut parsed) {
                    module_of.insert(group.clone(), local.clone());
                    own.push((format!("{local}.rs"), syn::parse_quote!(), vec![group]));
                }
                own.push((path.to_owned(), parsed, Vec::new()));
            } else {
                let groups = shared::take_glob_reexports(&mut parsed);
                if let Some(local) = module_path(path)
                    .first()
                    .and_then(|m| syn::parse_str::<syn::Ident>(m).ok())
                {
                    for group in &groups {
                        module_of.insert(group.clone(), local.clone());
                    }
                }
                own.push((path.to_owned(), parsed, groups));
            }
        }
        let mut listing = Listing::default();
        for (path, mut parsed, groups) in own {
            let current = module_path(&path).join("::");
            for group in groups {
                let shared_path = format!("{}/{group}.rs", shared::DIR);
                let source = files
                    .iter()
                    .find(|f| f.path == shared_path)
                    .ok_or_else(|| {
                        error(
                            &format!("{prefix}{path}"),
                            format!("re-exports `{shared_path}`, which is not generated"),
                        )
                    })?;
                let mut shared_file =
                    parse(&source.contents).map_err(|m| error(&shared_path, m))?;
                shared::local_names(&mut shared_file, &module_of, &current);
                parsed.items.extend(shared_file.items);
            }
            listing.add_items(&path, &parsed.items);
        }
        if listing.files.is_empty() {
            return Err(Error {
                file: PathBuf::from(crate::outputs::GENERATED_DIR).join(module),
                pointer: "#".to_owned(),
                message: format!("no generated file is in the `{module}` module"),
            });
        }
        Ok(listing)
    }

    /// Adds one file, `path` being relative to the spec module (`mod.rs`, `posts.rs`).
    pub fn add_file(&mut self, path: &str, source: &str) -> std::result::Result<(), String> {
        let file = parse(source)?;
        self.add_items(path, &file.items);
        Ok(())
    }

    fn add_items(&mut self, path: &str, items: &[syn::Item]) {
        let lines = items::lines(module_path(path), items);
        self.files.insert(path.to_owned(), lines);
    }
}

fn parse(source: &str) -> std::result::Result<syn::File, String> {
    syn::parse_file(source).map_err(|e| format!("does not parse: {e}"))
}

impl std::fmt::Display for Listing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (path, lines)) in self.files.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "// {path}")?;
            for line in lines {
                writeln!(f, "{line}")?;
            }
        }
        Ok(())
    }
}

/// The module path of a file inside the spec module: `mod.rs` is the module itself,
/// `posts.rs` is `posts`, `a/mod.rs` is `a`.
fn module_path(path: &str) -> Vec<String> {
    let path = path.trim_end_matches(".rs");
    let mut segments: Vec<String> = path.split('/').map(str::to_owned).collect();
    if segments.last().is_some_and(|s| s == "mod") {
        segments.pop();
    }
    segments
}

#[cfg(test)]
mod tests;
