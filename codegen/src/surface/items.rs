//! The items of one file, as the lines of a listing.

use quote::quote;

use super::impls::item_impl;
use super::macros::{item_macro, macro_owner};
use super::text;

/// The sorted lines of the items of a file whose module path inside the spec module is `module`.
pub(super) fn lines(module: Vec<String>, file_items: &[syn::Item]) -> Vec<String> {
    let scope = Scope {
        module,
        declared: declared(file_items),
    };
    let mut entries = Vec::new();
    items(&scope, file_items, &mut entries);
    entries.sort();
    entries.dedup();
    entries.into_iter().map(|e| e.line).collect()
}

/// Where items are read: the module path inside the spec module, and the names the file
/// declares (an impl's self type is qualified only when it is one of them).
pub(super) struct Scope {
    pub(super) module: Vec<String>,
    pub(super) declared: std::collections::BTreeSet<String>,
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

/// One line of a listing, with what it sorts by: the item it belongs to, then the kind of
/// line (the item, its fields, its methods, its trait impls, its macro), then the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Entry {
    owner: String,
    rank: Rank,
    line: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Rank {
    Item,
    Member,
    Method,
    TraitImpl,
    Macro,
}

pub(super) fn join(module: &[String], name: &str) -> String {
    module
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(name))
        .collect::<Vec<_>>()
        .join("::")
}

pub(super) fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// The attributes that change what a user may do with an item.
pub(super) fn api_attrs(attrs: &[syn::Attribute]) -> String {
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

pub(super) fn push(out: &mut Vec<Entry>, owner: &str, rank: Rank, line: String) {
    out.push(Entry {
        owner: owner.to_owned(),
        rank,
        line,
    });
}

/// ` = value` when it fits on a line a reviewer reads at a glance; a long value (a table)
/// is elided: its type is the API, and its entries are listed where they are declared.
pub(super) fn value(expr: &syn::Expr) -> String {
    // An operation's scopes fit; the catalogue's table of every operation does not.
    const LONGEST: usize = 160;
    let value = text::expr(expr);
    if value.len() <= LONGEST {
        format!(" = {value}")
    } else {
        " = …".to_owned()
    }
}

pub(super) fn generics_text(generics: &syn::Generics) -> String {
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
