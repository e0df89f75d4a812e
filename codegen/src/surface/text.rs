//! Rust syntax to one normalized line: `prettyplease` decides the spelling (so a listing reads
//! like the code), then its line breaks are folded back into one line.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;

/// One item as prettyplease prints it, on one line; `tokens` must parse as a file.
pub(super) fn item(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => one_line(&prettyplease::unparse(&file)),
        // Not reachable for the pieces this module builds from parsed syntax; the raw tokens
        // still say what the item is.
        Err(_) => tokens_text(tokens),
    }
}

/// A type, as written in a field or signature.
pub(super) fn ty(ty: &syn::Type) -> String {
    let line = item(quote!(type __Surface = #ty;));
    line.strip_prefix("type __Surface = ")
        .and_then(|l| l.strip_suffix(';'))
        .map(str::to_owned)
        .unwrap_or(line)
}

/// A path (a trait, a derive, a macro's name).
pub(super) fn path(path: &syn::Path) -> String {
    ty(&syn::parse_quote!(#path))
}

/// An expression (a const's value).
pub(super) fn expr(expr: &syn::Expr) -> String {
    let line = item(quote!(const __SURFACE: () = #expr;));
    line.strip_prefix("const __SURFACE: () = ")
        .and_then(|l| l.strip_suffix(';'))
        .map(str::to_owned)
        .unwrap_or(line)
}

/// A function signature with `name` in place of its identifier (a path such as
/// `posts::Posts::create` is not an identifier, so it is put in after printing). Parameter
/// patterns lose `mut`: how the body binds an argument is not the caller's concern.
pub(super) fn signature(sig: &syn::Signature, name: &str) -> String {
    let mut sig = sig.clone();
    sig.ident = syn::Ident::new("__surface_name", proc_macro2::Span::call_site());
    for input in sig.inputs.iter_mut() {
        match input {
            syn::FnArg::Receiver(receiver) => {
                receiver.attrs.clear();
                if matches!(receiver.kind, syn::ReceiverKind::Value) {
                    receiver.mutability = None;
                }
            }
            syn::FnArg::Typed(typed) => {
                typed.attrs.clear();
                if let syn::Pat::Ident(ident) = typed.pat.as_mut() {
                    ident.mutability = None;
                }
            }
        }
    }
    let line = item(quote!(#sig {}));
    let line = line.strip_suffix("{}").unwrap_or(&line).trim_end();
    let line = line.strip_suffix(',').unwrap_or(line);
    line.replacen("__surface_name", name, 1)
}

/// Folds prettyplease's line breaks: no space inside brackets, and the trailing comma it adds
/// before a closing bracket goes.
pub(super) fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if out.is_empty() {
            out.push_str(line);
            continue;
        }
        let closes = line.starts_with([')', '>', ']', '}']);
        if closes && out.ends_with(',') {
            out.pop();
        }
        let tight = (closes && !line.starts_with('}')) || out.ends_with(['(', '<', '[']);
        if !tight {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Tokens that are not a complete item (a macro's input), spaced the way Rust is written.
pub(super) fn tokens_text(tokens: TokenStream) -> String {
    let mut out = String::new();
    let mut previous_word = false;
    let mut joint = false;
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let inner = tokens_text(group.stream());
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::None => ("", ""),
                };
                if group.delimiter() == Delimiter::Brace && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(open);
                out.push_str(&inner);
                out.push_str(close);
                previous_word = true;
                joint = false;
            }
            TokenTree::Ident(_) | TokenTree::Literal(_) => {
                if previous_word && !joint {
                    out.push(' ');
                }
                out.push_str(&tree.to_string());
                previous_word = true;
                joint = false;
            }
            TokenTree::Punct(punct) => {
                let c = punct.as_char();
                // Operators are spaced (`a => b`, `X = "x"`); `::`, `,`, `:`, `&`, `#` are not
                // preceded by a space; the second half of `=>` or `::` glues to the first.
                let operator = matches!(c, '=' | '+' | '-' | '*' | '/' | '|');
                if operator && !joint && !out.is_empty() && !out.ends_with([' ', '(', '[']) {
                    out.push(' ');
                }
                out.push(c);
                joint = punct.spacing() == proc_macro2::Spacing::Joint;
                previous_word = false;
                let path = out.ends_with("::");
                let arrow = out.ends_with("=>") || out.ends_with("->");
                if !joint && !path && (arrow || matches!(c, ',' | ';' | ':' | '=')) {
                    out.push(' ');
                }
            }
        }
    }
    out.trim_end().to_owned()
}

/// `tokens` without doc comments (`/// …` arrives as `#[doc = "…"]`): docs churn is not API.
pub(super) fn without_docs(tokens: TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(trees.len());
    let mut i = 0;
    while i < trees.len() {
        if let TokenTree::Punct(p) = &trees[i]
            && p.as_char() == '#'
        {
            // `#[doc …]` or `#![doc …]`
            let at = if matches!(trees.get(i + 1), Some(TokenTree::Punct(b)) if b.as_char() == '!')
            {
                i + 2
            } else {
                i + 1
            };
            if let Some(TokenTree::Group(g)) = trees.get(at)
                && g.delimiter() == Delimiter::Bracket
                && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "doc")
            {
                i = at + 1;
                continue;
            }
        }
        out.push(match &trees[i] {
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(g.delimiter(), without_docs(g.stream()));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other.clone(),
        });
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_types_fold_to_one_line_without_trailing_commas() {
        let t: syn::Type = syn::parse_quote!(
            crate::catalog::RoundTrip<
                crate::restli::Collection<self::ad_account_users::AdAccountUser>,
                crate::restli::BatchGet<self::campaign_groups::CampaignGroup>,
            >
        );
        assert_eq!(
            ty(&t),
            "crate::catalog::RoundTrip<crate::restli::Collection<self::ad_account_users::AdAccountUser>, crate::restli::BatchGet<self::campaign_groups::CampaignGroup>>"
        );
    }

    #[test]
    fn signatures_take_a_path_as_name_and_drop_binding_mutability() {
        let f: syn::ItemFn = syn::parse_quote!(
            pub async fn start(
                mut self,
                mut value: impl Into<i32>,
                other_long_parameter_name: Option<
                    std::collections::BTreeMap<String, serde_json::Value>,
                >,
            ) -> Result<Self, crate::Error>
            where
                Self: Sized,
            {
                self
            }
        );
        assert_eq!(
            signature(&f.sig, "posts::ListRequest::start"),
            "async fn posts::ListRequest::start(self, value: impl Into<i32>, other_long_parameter_name: Option<std::collections::BTreeMap<String, serde_json::Value>>) -> Result<Self, crate::Error> where Self: Sized"
        );
    }

    #[test]
    fn macro_input_reads_like_rust_and_loses_its_docs() {
        let tokens: TokenStream = syn::parse_quote!(
            /// The enum.
            pub enum OrgOrPerson {
                Organization(OrganizationUrn),
                #[doc = "x"]
                Person(PersonUrn),
            }
        );
        assert_eq!(
            tokens_text(without_docs(tokens)),
            "pub enum OrgOrPerson { Organization(OrganizationUrn), Person(PersonUrn), }"
        );
        let tokens: TokenStream =
            syn::parse_quote!(PostDscStatus { Active => "ACTIVE", Archived => "ARCHIVED" });
        assert_eq!(
            tokens_text(tokens),
            "PostDscStatus { Active => \"ACTIVE\", Archived => \"ARCHIVED\" }"
        );
        let tokens: TokenStream = syn::parse_quote!(pub struct ActivityUrn = "activity";);
        assert_eq!(
            tokens_text(tokens),
            "pub struct ActivityUrn = \"activity\";"
        );
    }
}
