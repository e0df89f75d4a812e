//! Impl blocks: a type's methods, and the traits it implements with their associated items.

use super::items::{Entry, Rank, Scope, api_attrs, generics_text, is_pub, push, value};
use super::text;

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

pub(super) fn item_impl(scope: &Scope, i: &syn::ItemImpl, out: &mut Vec<Entry>) {
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
