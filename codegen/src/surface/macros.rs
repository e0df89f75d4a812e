//! Macro invocations at item level, whatever the macro: the runtime's enums and URNs.

use super::items::{Entry, Rank, join, push};
use super::text;

/// The first name a macro's input mentions, past visibility and item keywords.
pub(super) fn macro_owner(tokens: &proc_macro2::TokenStream) -> Option<String> {
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

/// A macro invocation at item level (the runtime's `open_enum!`, `restli_union!`, `typed_urn!`,
/// …), whatever its shape: one line per entry of its first `{ … }` (an enum's variant and wire
/// name), or one line for the whole input; its owner is the first name it mentions.
pub(super) fn item_macro(module: &[String], m: &syn::ItemMacro, out: &mut Vec<Entry>) {
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
