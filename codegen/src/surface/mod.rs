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

mod diff;
mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

use quote::quote;

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
        let mut listing = Listing::default();
        for file in files {
            if let Some(path) = file.path.strip_prefix(&prefix) {
                listing
                    .add_file(path, &file.contents)
                    .map_err(|message| Error {
                        file: PathBuf::from(crate::outputs::GENERATED_DIR).join(&file.path),
                        pointer: "#".to_owned(),
                        message,
                    })?;
            }
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
        let file = syn::parse_file(source).map_err(|e| format!("does not parse: {e}"))?;
        let mut entries = Vec::new();
        let scope = Scope {
            module: module_path(path),
            declared: declared(&file.items),
        };
        items(&scope, &file.items, &mut entries);
        entries.sort();
        entries.dedup();
        self.files.insert(
            path.to_owned(),
            entries.into_iter().map(|e| e.line).collect(),
        );
        Ok(())
    }
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

/// Where items are read: the module path inside the spec module, and the names the file
/// declares (an impl's self type is qualified only when it is one of them).
struct Scope {
    module: Vec<String>,
    declared: std::collections::BTreeSet<String>,
}

/// The type names a file declares, including those a macro declares (its first name).
fn declared(items: &[syn::Item]) -> std::collections::BTreeSet<String> {
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Union(u) => Some(u.ident.to_string()),
            syn::Item::Type(t) => Some(t.ident.to_string()),
            syn::Item::Trait(t) => Some(t.ident.to_string()),
            syn::Item::Macro(m) => macro_owner(&m.mac.tokens),
            _ => None,
        })
        .collect()
}

/// The first name a macro's input mentions, past visibility and item keywords.
fn macro_owner(tokens: &proc_macro2::TokenStream) -> Option<String> {
    tokens.clone().into_iter().find_map(|t| match t {
        proc_macro2::TokenTree::Ident(id)
            if !matches!(
                id.to_string().as_str(),
                "pub"
                    | "crate"
                    | "struct"
                    | "enum"
                    | "type"
                    | "fn"
                    | "const"
                    | "in"
                    | "self"
                    | "super"
            ) =>
        {
            Some(id.to_string())
        }
        _ => None,
    })
}

/// One line of a listing, with what it sorts by: the item it belongs to, then the kind of
/// line (the item, its fields, its methods, its trait impls, its macro), then the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    owner: String,
    rank: Rank,
    line: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Item,
    Member,
    Method,
    TraitImpl,
    Macro,
}

fn join(module: &[String], name: &str) -> String {
    module
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(name))
        .collect::<Vec<_>>()
        .join("::")
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The attributes that change what a user may do with an item.
fn api_attrs(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("non_exhaustive") || a.path().is_ident("deprecated"))
        .map(|a| {
            let line = text::item(quote!(#a struct __Surface;));
            let attr = line.strip_suffix("struct __Surface;").unwrap_or(&line);
            format!("{} ", attr.trim_end())
        })
        .collect()
}

fn items(scope: &Scope, items: &[syn::Item], out: &mut Vec<Entry>) {
    let module = &scope.module;
    for item in items {
        match item {
            syn::Item::Struct(s) if is_pub(&s.vis) => item_struct(module, s, out),
            syn::Item::Enum(e) if is_pub(&e.vis) => item_enum(module, e, out),
            syn::Item::Union(u) if is_pub(&u.vis) => {
                let path = join(module, &u.ident.to_string());
                push(out, &path, Rank::Item, format!("pub union {path}"));
                fields(&path, &syn::Fields::Named(u.fields.clone()), out);
            }
            syn::Item::Fn(f) if is_pub(&f.vis) => {
                let path = join(module, &f.sig.ident.to_string());
                let line = format!(
                    "{}pub {}",
                    api_attrs(&f.attrs),
                    text::signature(&f.sig, &path)
                );
                push(out, &path, Rank::Item, line);
            }
            syn::Item::Const(c) if is_pub(&c.vis) => {
                let path = join(module, &c.ident.to_string());
                let line = format!(
                    "{}pub const {path}: {}{}",
                    api_attrs(&c.attrs),
                    text::ty(&c.ty),
                    value(&c.expr)
                );
                push(out, &path, Rank::Item, line);
            }
            syn::Item::Static(s) if is_pub(&s.vis) => {
                let path = join(module, &s.ident.to_string());
                let line = format!("pub static {path}: {}", text::ty(&s.ty));
                push(out, &path, Rank::Item, line);
            }
            syn::Item::Type(t) if is_pub(&t.vis) => {
                let path = join(module, &t.ident.to_string());
                let generics = &t.generics;
                let line = format!(
                    "{}pub type {path}{} = {}",
                    api_attrs(&t.attrs),
                    generics_text(generics),
                    text::ty(&t.ty)
                );
                push(out, &path, Rank::Item, line);
            }
            syn::Item::Use(u) if is_pub(&u.vis) => {
                let mut leaves = Vec::new();
                use_leaves(&u.tree, String::new(), &mut leaves);
                for leaf in leaves {
                    push(out, &leaf, Rank::Item, format!("pub use {leaf}"));
                }
            }
            syn::Item::Mod(m) if is_pub(&m.vis) => {
                let path = join(module, &m.ident.to_string());
                push(out, &path, Rank::Item, format!("pub mod {path}"));
                if let Some((_, content)) = &m.content {
                    let mut inner = module.to_vec();
                    inner.push(m.ident.to_string());
                    let scope = Scope {
                        module: inner,
                        declared: declared(content),
                    };
                    self::items(&scope, content, out);
                }
            }
            syn::Item::Trait(t) if is_pub(&t.vis) => item_trait(module, t, out),
            syn::Item::Impl(i) => item_impl(scope, i, out),
            syn::Item::Macro(m) => item_macro(module, m, out),
            _ => {}
        }
    }
}

fn push(out: &mut Vec<Entry>, owner: &str, rank: Rank, line: String) {
    out.push(Entry {
        owner: owner.to_owned(),
        rank,
        line,
    });
}

/// ` = value` when it fits on a line a reviewer reads at a glance; a long value (a table)
/// is elided: its type is the API, and its entries are listed where they are declared.
fn value(expr: &syn::Expr) -> String {
    // An operation's scopes fit; the catalogue's table of every operation does not.
    const LONGEST: usize = 160;
    let value = text::expr(expr);
    if value.len() <= LONGEST {
        format!(" = {value}")
    } else {
        " = …".to_owned()
    }
}

fn generics_text(generics: &syn::Generics) -> String {
    if generics.params.is_empty() {
        return String::new();
    }
    let ty = text::ty(&syn::parse_quote!(__Surface #generics));
    ty.strip_prefix("__Surface").unwrap_or(&ty).to_owned()
}

fn item_struct(module: &[String], s: &syn::ItemStruct, out: &mut Vec<Entry>) {
    let path = join(module, &s.ident.to_string());
    let line = format!(
        "{}pub struct {path}{}",
        api_attrs(&s.attrs),
        generics_text(&s.generics)
    );
    push(out, &path, Rank::Item, line);
    fields(&path, &s.fields, out);
    derives(&path, &s.attrs, out);
}

/// The public fields of a struct, one line each (`pub posts::Post::author: PersonUrn`;
/// `pub m::Id::0: String` for a tuple struct).
fn fields(path: &str, fields: &syn::Fields, out: &mut Vec<Entry>) {
    for (i, field) in fields.iter().enumerate() {
        if !is_pub(&field.vis) {
            continue;
        }
        let name = field
            .ident
            .as_ref()
            .map_or_else(|| i.to_string(), ToString::to_string);
        let line = format!("pub {path}::{name}: {}", text::ty(&field.ty));
        push(out, path, Rank::Member, line);
    }
}

fn item_enum(module: &[String], e: &syn::ItemEnum, out: &mut Vec<Entry>) {
    let path = join(module, &e.ident.to_string());
    let line = format!(
        "{}pub enum {path}{}",
        api_attrs(&e.attrs),
        generics_text(&e.generics)
    );
    push(out, &path, Rank::Item, line);
    for variant in &e.variants {
        let shape = match &variant.fields {
            syn::Fields::Unit => String::new(),
            syn::Fields::Unnamed(f) => {
                let tys: Vec<String> = f.unnamed.iter().map(|f| text::ty(&f.ty)).collect();
                format!("({})", tys.join(", "))
            }
            syn::Fields::Named(f) => {
                let fields: Vec<String> = f
                    .named
                    .iter()
                    .map(|f| {
                        let name = f
                            .ident
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default();
                        format!("{name}: {}", text::ty(&f.ty))
                    })
                    .collect();
                format!(" {{ {} }}", fields.join(", "))
            }
        };
        let line = format!(
            "{}{path}::{}{shape}",
            api_attrs(&variant.attrs),
            variant.ident
        );
        push(out, &path, Rank::Member, line);
    }
    derives(&path, &e.attrs, out);
}

/// `#[derive(…)]` as the trait impls a user sees.
fn derives(path: &str, attrs: &[syn::Attribute], out: &mut Vec<Entry>) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("derive")) {
        let parsed = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        );
        // A derive that does not parse as paths would not compile; nothing to list.
        for derived in parsed.into_iter().flatten() {
            let name = text::path(&derived);
            push(
                out,
                path,
                Rank::TraitImpl,
                format!("impl {name} for {path}"),
            );
        }
    }
}

fn item_trait(module: &[String], t: &syn::ItemTrait, out: &mut Vec<Entry>) {
    let path = join(module, &t.ident.to_string());
    let supertraits = if t.supertraits.is_empty() {
        String::new()
    } else {
        let bounds = &t.supertraits;
        let ty = text::ty(&syn::parse_quote!(dyn #bounds));
        format!(": {}", ty.strip_prefix("dyn ").unwrap_or(&ty))
    };
    let line = format!(
        "{}pub trait {path}{}{supertraits}",
        api_attrs(&t.attrs),
        generics_text(&t.generics)
    );
    push(out, &path, Rank::Item, line);
    for item in &t.items {
        let line = match item {
            syn::TraitItem::Fn(f) => text::signature(&f.sig, &format!("{path}::{}", f.sig.ident)),
            syn::TraitItem::Type(ty) => format!("type {path}::{}", ty.ident),
            syn::TraitItem::Const(c) => {
                format!("const {path}::{}: {}", c.ident, text::ty(&c.ty))
            }
            _ => continue,
        };
        push(out, &path, Rank::Method, line);
    }
}

/// The path of an impl's self type inside the spec module (`Posts` in `posts.rs` is
/// `posts::Posts`, `super::Api` is `Api`, `crate::operation::Call<ListRequest>` is
/// `crate::operation::Call<posts::ListRequest>`; a type from elsewhere, `String`, stays as
/// written), and the item its lines sort with: the first type of this spec module it names, so
/// `impl Call<ListRequest>` sorts beside `ListRequest`.
fn self_path(scope: &Scope, ty: &syn::Type) -> (String, String) {
    let mut ty = ty.clone();
    let local = qualify(scope, &mut ty);
    let text = text::ty(&ty);
    (local.unwrap_or_else(|| text.clone()), text)
}

/// Rewrites the paths in `ty` (and in its type arguments) that name a type of this file, or
/// start with `self`/`super`, as paths from the spec module; returns the first path rewritten
/// (the outer one first), without its type arguments.
fn qualify(scope: &Scope, ty: &mut syn::Type) -> Option<String> {
    let syn::Type::Path(syn::TypePath {
        qself: None, path, ..
    }) = ty
    else {
        return None;
    };
    let mut first_inner = None;
    for segment in path.segments.iter_mut() {
        if let syn::PathArguments::AngleBracketed(args) = &mut segment.arguments {
            for arg in args.args.iter_mut() {
                if let syn::GenericArgument::Type(inner) = arg {
                    let rewritten = qualify(scope, inner);
                    first_inner = first_inner.or(rewritten);
                }
            }
        }
    }
    if path.leading_colon.is_some() {
        return first_inner;
    }
    let mut base = scope.module.clone();
    let mut skip = 0;
    for segment in &path.segments {
        if segment.ident == "super" {
            base.pop();
        } else if segment.ident != "self" {
            break;
        }
        skip += 1;
    }
    let rest = path.segments.len() - skip;
    let local = rest == 1
        && scope
            .declared
            .contains(&path.segments[skip].ident.to_string());
    if rest == 0 || (skip == 0 && !local) {
        return first_inner;
    }
    let mut segments = syn::punctuated::Punctuated::new();
    for module in &base {
        // Module names come from file names; one that is not an identifier is left out rather
        // than given to `Ident::new`, which would panic.
        if !module.chars().all(|c| c.is_alphanumeric() || c == '_')
            || module.starts_with(|c: char| c.is_ascii_digit())
        {
            return first_inner;
        }
        segments.push(syn::PathSegment::from(proc_macro2::Ident::new(
            module,
            proc_macro2::Span::call_site(),
        )));
    }
    segments.extend(path.segments.iter().skip(skip).cloned());
    path.segments = segments;
    let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    Some(names.join("::"))
}

fn item_impl(scope: &Scope, i: &syn::ItemImpl, out: &mut Vec<Entry>) {
    let (sort, owner) = self_path(scope, &i.self_ty);
    let generics = generics_text(&i.generics);
    match &i.trait_ {
        Some((trait_path, _)) => {
            let trait_name = text::path(&trait_path.clone());
            let header = format!("impl{generics} {trait_name} for {owner}");
            push(out, &sort, Rank::TraitImpl, header.clone());
            // The trait fixes its methods' signatures; its associated types and consts are
            // what this impl says (an operation's response type, its path).
            for item in &i.items {
                let line = match item {
                    syn::ImplItem::Type(t) => {
                        format!("{header} {{ type {} = {} }}", t.ident, text::ty(&t.ty))
                    }
                    syn::ImplItem::Const(c) => format!(
                        "{header} {{ const {}: {}{} }}",
                        c.ident,
                        text::ty(&c.ty),
                        value(&c.expr)
                    ),
                    _ => continue,
                };
                push(out, &sort, Rank::TraitImpl, line);
            }
        }
        None => {
            for item in &i.items {
                match item {
                    syn::ImplItem::Fn(f) if is_pub(&f.vis) => {
                        let name = format!("{owner}::{}", f.sig.ident);
                        let line = format!(
                            "{}pub {}",
                            api_attrs(&f.attrs),
                            text::signature(&f.sig, &name)
                        );
                        push(out, &sort, Rank::Method, line);
                    }
                    syn::ImplItem::Const(c) if is_pub(&c.vis) => {
                        let line = format!(
                            "pub const {owner}::{}: {}{}",
                            c.ident,
                            text::ty(&c.ty),
                            value(&c.expr)
                        );
                        push(out, &sort, Rank::Method, line);
                    }
                    _ => {}
                }
            }
        }
    }
}

/// A macro invocation at item level (the runtime's `open_enum!`, `restli_union!`, `typed_urn!`,
/// …), whatever its shape: one line per entry of its first `{ … }` (an enum's variant and wire
/// name), or one line for the whole input; its owner is the first name it mentions.
fn item_macro(module: &[String], m: &syn::ItemMacro, out: &mut Vec<Entry>) {
    if m.mac.path.is_ident("macro_rules") {
        return;
    }
    let name = text::path(&m.mac.path.clone());
    let tokens: Vec<proc_macro2::TokenTree> = text::without_docs(m.mac.tokens.clone())
        .into_iter()
        .collect();
    let owner_ident = macro_owner(&tokens.iter().cloned().collect());
    let Some(owner_ident) = owner_ident else {
        let line = format!(
            "{name}!({})",
            text::tokens_text(tokens.into_iter().collect())
        );
        push(out, &join(module, ""), Rank::Macro, line);
        return;
    };
    let owner = join(module, &owner_ident);
    let qualify = |text: String| replace_word(&text, &owner_ident, &owner);
    let brace = tokens.iter().position(|t| {
        matches!(t, proc_macro2::TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace)
    });
    let Some(brace) = brace else {
        let line = format!(
            "{name}!({})",
            qualify(text::tokens_text(tokens.into_iter().collect()))
        );
        push(out, &owner, Rank::Macro, line);
        return;
    };
    let before = qualify(text::tokens_text(tokens[..brace].iter().cloned().collect()));
    let after = text::tokens_text(tokens[brace + 1..].iter().cloned().collect());
    let proc_macro2::TokenTree::Group(group) = &tokens[brace] else {
        return;
    };
    let mut entry: Vec<proc_macro2::TokenTree> = Vec::new();
    let mut entries = Vec::new();
    for tree in group.stream() {
        if matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
            entries.push(std::mem::take(&mut entry));
        } else {
            entry.push(tree);
        }
    }
    if !entry.is_empty() {
        entries.push(entry);
    }
    for entry in entries {
        let entry = text::tokens_text(entry.into_iter().collect());
        let line = format!("{name}!({before} {{ {entry} }}{after})")
            .replace("{  }", "{}")
            .trim_end()
            .to_owned();
        push(out, &owner, Rank::Macro, line);
    }
}

/// `text` with the first whole-word `word` replaced.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let mut start = 0;
    while let Some(at) = text[start..].find(word).map(|i| i + start) {
        let end = at + word.len();
        let before_ok = !text[..at].chars().next_back().is_some_and(is_word);
        let after_ok = !text[end..].chars().next().is_some_and(is_word);
        if before_ok && after_ok {
            return format!("{}{with}{}", &text[..at], &text[end..]);
        }
        start = end;
    }
    text.to_owned()
}

/// The leaves of a `use` tree, each as a path: `self::posts::{Post, PostCreate}` gives
/// `self::posts::Post` and `self::posts::PostCreate`.
fn use_leaves(tree: &syn::UseTree, prefix: String, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_leaves(&p.tree, format!("{prefix}{}::", p.ident), out),
        syn::UseTree::Name(n) => out.push(format!("{prefix}{}", n.ident)),
        syn::UseTree::Rename(r) => out.push(format!("{prefix}{} as {}", r.ident, r.rename)),
        syn::UseTree::Glob(_) => out.push(format!("{prefix}*")),
        syn::UseTree::Group(g) => {
            for tree in &g.items {
                use_leaves(tree, prefix.clone(), out);
            }
        }
    }
}

#[cfg(test)]
mod tests;
