//! Printing a generated file. `prettyplease` prints the body of a macro call as a run of tokens
//! wrapped at the margin, which would turn every enum declared through the runtime's
//! `open_enum!`/`restli_union!` (whose bodies are written as enum items, `Variant = "WIRE"`, so
//! the mapping is written once) into one unreadable paragraph with `#[doc = r"…"]` attributes.
//! Those bodies parse as `syn::ItemEnum`, so they are printed as items and indented instead;
//! every other item is printed by `prettyplease` as it is.

use syn::{File, Item, ItemEnum, ItemMacro, MacroDelimiter};

/// The runtime macros whose body is one enum declaration.
const DECLARING_MACROS: &[&str] = &["open_enum", "restli_union"];

/// The file's text, without the header.
pub(super) fn unparse(mut file: File) -> String {
    let items = std::mem::take(&mut file.items);
    let mut out = prettyplease::unparse(&file);
    // The same file without its inner attributes, to print one item at a time.
    file.attrs.clear();
    file.shebang = None;
    let mut one = |item: Item| {
        file.items = vec![item];
        prettyplease::unparse(&file)
    };
    for item in items {
        match declared_enum(&item) {
            Some((call, body)) => {
                out.push_str(&call);
                out.push_str("! {\n");
                for line in one(Item::Enum(body)).lines() {
                    if !line.is_empty() {
                        out.push_str("    ");
                        out.push_str(line);
                    }
                    out.push('\n');
                }
                out.push_str("}\n");
            }
            None => match method_rules(&item) {
                Some((attrs, name, methods)) => {
                    out.push_str(&attrs);
                    out.push_str(&format!("macro_rules! {name} {{\n    () => {{\n"));
                    // `impl X {` … `}`: keep the methods, one level deeper.
                    let printed = one(Item::Impl(methods));
                    let lines: Vec<&str> = printed.lines().collect();
                    for line in &lines[1..lines.len().saturating_sub(1)] {
                        if !line.is_empty() {
                            out.push_str("    ");
                            out.push_str(line);
                        }
                        out.push('\n');
                    }
                    out.push_str("    };\n}\n");
                }
                None => out.push_str(&one(item)),
            },
        }
    }
    out
}

/// `macro_rules! name { () => { fn …; fn … }; }` (a spec's `api_resources!`): its doc
/// attributes as printed, its name, and its methods as an `impl` to print.
fn method_rules(item: &Item) -> Option<(String, String, syn::ItemImpl)> {
    let Item::Macro(ItemMacro {
        mac,
        ident: Some(name),
        attrs,
        ..
    }) = item
    else {
        return None;
    };
    if !mac.path.is_ident("macro_rules") {
        return None;
    }
    let mut tokens = mac.tokens.clone().into_iter();
    let (
        Some(proc_macro2::TokenTree::Group(matcher)),
        _,
        _,
        Some(proc_macro2::TokenTree::Group(body)),
    ) = (tokens.next(), tokens.next(), tokens.next(), tokens.next())
    else {
        return None;
    };
    if !matcher.stream().is_empty() {
        return None;
    }
    let stream = body.stream();
    let methods: syn::ItemImpl = syn::parse2(quote::quote!(impl Api { #stream })).ok()?;
    // Only doc comments are emitted on it; print them as `///` lines.
    let docs = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }),
                ..
            }) if a.path().is_ident("doc") => Some(format!("///{}\n", text.value())),
            _ => None,
        })
        .collect::<String>();
    Some((docs, name.to_string(), methods))
}

/// `crate::open_enum! { … }` whose body is an enum: the macro's path and the enum.
fn declared_enum(item: &Item) -> Option<(String, ItemEnum)> {
    let Item::Macro(ItemMacro {
        mac, ident: None, ..
    }) = item
    else {
        return None;
    };
    let name = mac.path.segments.last()?.ident.to_string();
    if !DECLARING_MACROS.contains(&name.as_str())
        || !matches!(mac.delimiter, MacroDelimiter::Brace(_))
    {
        return None;
    }
    let body: ItemEnum = syn::parse2(mac.tokens.clone()).ok()?;
    let path = mac
        .path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::");
    let path = if mac.path.leading_colon.is_some() {
        format!("::{path}")
    } else {
        path
    };
    Some((path, body))
}
