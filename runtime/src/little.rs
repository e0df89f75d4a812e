//! LinkedIn's "little" text format: what a post's `commentary` is written in (comments are not:
//! their `message` is plain text with attributes).
//!
//! Plain text with three kinds of element, as LinkedIn documents them (Posts API, "little Text
//! Format"): text, where the reserved characters `\ | { } @ [ ] ( ) < > # * _ ~` are escaped with a
//! backslash; a mention, `@[Acme Corp](urn:li:organization:1234)`; and a hashtag, written with the
//! hashtag template `{hashtag|#|Technology}` (or as `#Technology`). A reserved character left
//! unescaped is not an error for LinkedIn: the post is published with its text silently cut at
//! that character, which is why text going into a commentary should pass through [`escape`] or
//! [`Commentary`].
//!
//! Going the other way, [`to_plain_text`] renders a commentary as a reader sees it (mentions as
//! names, hashtags with their sign, escapes removed) and [`parse`] gives its [`Element`]s.
//!
//! ```
//! use linkedin_api::little::{self, Commentary};
//! use linkedin_api::urn::OrganizationUrn;
//!
//! let commentary = Commentary::new()
//!     .text("Our new office (finally)! Thanks ")
//!     .mention("Acme Corp", OrganizationUrn::from_id(1234))
//!     .text(" ")
//!     .hashtag("Technology")
//!     .build();
//! assert_eq!(
//!     commentary,
//!     r"Our new office \(finally\)! Thanks @[Acme Corp](urn:li:organization:1234) {hashtag|#|Technology}"
//! );
//! assert_eq!(
//!     little::to_plain_text(&commentary),
//!     "Our new office (finally)! Thanks Acme Corp #Technology"
//! );
//! ```

use std::fmt;

use crate::urn::{OrganizationOrPersonUrn, Urn};

/// The characters little reserves; each must be preceded by `\` to stand for itself.
pub const RESERVED: [char; 15] = [
    '\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~',
];

fn is_reserved(c: char) -> bool {
    RESERVED.contains(&c)
}

/// `text` as little text that reads exactly as `text`: every reserved character escaped.
///
/// ```
/// assert_eq!(linkedin_api::little::escape("C# (or F#) @ 5*"), r"C\# \(or F\#\) \@ 5\*");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    push_escaped(&mut out, text);
    out
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        if is_reserved(c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A commentary built from plain text, mentions and hashtags: text is escaped, elements are
/// written in the documented syntax, so the result is published as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Commentary {
    little: String,
}

impl Commentary {
    /// An empty commentary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends plain text (escaped).
    pub fn text(mut self, text: &str) -> Self {
        push_escaped(&mut self.little, text);
        self
    }

    /// Appends a mention of a member or an organization, shown as `name`:
    /// `@[name](urn:li:organization:1234)`. LinkedIn links the mention only when `name` matches
    /// the entity's name; otherwise the post shows the name as plain text.
    pub fn mention(mut self, name: &str, entity: impl Into<OrganizationOrPersonUrn>) -> Self {
        self.little.push_str("@[");
        push_escaped(&mut self.little, name);
        self.little.push_str("](");
        self.little.push_str(&entity.into().to_string());
        self.little.push(')');
        self
    }

    /// Appends a hashtag with LinkedIn's hashtag template, `{hashtag|#|tag}`. A leading `#` in
    /// `tag` is dropped (`"#rust"` and `"rust"` give the same hashtag); reserved characters in it
    /// are escaped so they cannot end the template.
    pub fn hashtag(mut self, tag: &str) -> Self {
        let tag = tag.strip_prefix(['#', '＃']).unwrap_or(tag);
        self.little.push_str("{hashtag|#|");
        push_escaped(&mut self.little, tag);
        self.little.push('}');
        self
    }

    /// The commentary, in little text, as the `commentary` field takes it.
    pub fn build(self) -> String {
        self.little
    }

    /// The commentary so far, in little text.
    pub fn as_str(&self) -> &str {
        &self.little
    }
}

impl fmt::Display for Commentary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.little)
    }
}

impl From<Commentary> for String {
    fn from(c: Commentary) -> Self {
        c.little
    }
}

/// One element of a commentary, as [`parse`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// Text as a reader sees it (escapes removed).
    Text(String),
    /// `@[name](urn)`: a mention of the entity `urn`, shown as `name` (escapes removed).
    Mention {
        /// The name shown.
        name: String,
        /// The entity mentioned (a member or an organization; kept whatever its type).
        urn: Urn,
    },
    /// A hashtag, from the template `{hashtag|#|tag}` or written `#tag`: the tag without its sign.
    Hashtag(String),
}

/// The commentary as a reader sees it: mentions as their names, hashtags as `#tag`, escapes
/// removed.
///
/// ```
/// use linkedin_api::little::to_plain_text;
/// assert_eq!(to_plain_text(r"Our new office \(finally\)!"), "Our new office (finally)!");
/// assert_eq!(to_plain_text("Hello @[Acme Corp](urn:li:organization:1234)"), "Hello Acme Corp");
/// ```
pub fn to_plain_text(commentary: &str) -> String {
    let mut out = String::with_capacity(commentary.len());
    for element in parse(commentary) {
        match element {
            Element::Text(t) => out.push_str(&t),
            Element::Mention { name, .. } => out.push_str(&name),
            Element::Hashtag(tag) => {
                out.push('#');
                out.push_str(&tag);
            }
        }
    }
    out
}

/// The mentions of a commentary, in order (e.g. to check a post mentions whom it should).
pub fn mentions(commentary: &str) -> Vec<(String, Urn)> {
    parse(commentary)
        .into_iter()
        .filter_map(|e| match e {
            Element::Mention { name, urn } => Some((name, urn)),
            _ => None,
        })
        .collect()
}

/// Reads a commentary into its elements. Whatever is not a well-formed mention or hashtag is
/// text (a stray `@` or `{` included), so every commentary LinkedIn sends reads without error;
/// adjacent text is merged into one [`Element::Text`].
pub fn parse(commentary: &str) -> Vec<Element> {
    let mut elements = Vec::new();
    let mut text = String::new();
    let mut rest = commentary;
    while let Some(c) = rest.chars().next() {
        let parsed = match c {
            '@' => mention(rest),
            '{' => hashtag_template(rest),
            '#' | '＃' => plain_hashtag(rest),
            _ => None,
        };
        if let Some((element, len)) = parsed {
            if !text.is_empty() {
                elements.push(Element::Text(std::mem::take(&mut text)));
            }
            elements.push(element);
            rest = &rest[len..];
            continue;
        }
        if c == '\\' {
            // `\X` stands for X; a backslash at the very end stands for itself.
            let mut chars = rest.chars();
            chars.next();
            match chars.next() {
                Some(escaped) => {
                    text.push(escaped);
                    rest = &rest[1 + escaped.len_utf8()..];
                }
                None => {
                    text.push('\\');
                    rest = "";
                }
            }
            continue;
        }
        text.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if !text.is_empty() {
        elements.push(Element::Text(text));
    }
    elements
}

/// The text up to the first unescaped `end` (escapes removed) and the bytes consumed with `end`.
fn until_unescaped(s: &str, end: char) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            let (_, escaped) = chars.next()?;
            out.push(escaped);
        } else if c == end {
            return Some((out, i + c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    None
}

/// `@[name](urn:li:type:id)` at the start of `s`. A URN's id may hold balanced parentheses
/// (`urn:li:comment:(urn:li:activity:1,2)`).
fn mention(s: &str) -> Option<(Element, usize)> {
    let after_at = s.strip_prefix("@[")?;
    let (name, name_len) = until_unescaped(after_at, ']')?;
    let after_name = after_at[name_len..].strip_prefix('(')?;
    let mut depth = 0usize;
    let mut end = None;
    for (i, c) in after_name.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = Some(i);
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let end = end?;
    let urn: Urn = after_name[..end].parse().ok()?;
    let len = 2 + name_len + 1 + end + 1;
    Some((Element::Mention { name, urn }, len))
}

/// `{hashtag|#|tag}` at the start of `s`; the sign may be `#`, `\#` or the full-width `＃`.
fn hashtag_template(s: &str) -> Option<(Element, usize)> {
    let after = s.strip_prefix("{hashtag|")?;
    let (sign, sign_len) = until_unescaped(after, '|')?;
    if sign != "#" && sign != "＃" {
        return None;
    }
    let (tag, tag_len) = until_unescaped(&after[sign_len..], '}')?;
    if tag.is_empty() {
        return None;
    }
    Some((
        Element::Hashtag(tag),
        "{hashtag|".len() + sign_len + tag_len,
    ))
}

/// `#tag` at the start of `s` (LinkedIn's HashtagElement): the sign followed by letters and
/// digits, up to the first space, punctuation or reserved character.
fn plain_hashtag(s: &str) -> Option<(Element, usize)> {
    let sign = s.chars().next()?;
    let after = &s[sign.len_utf8()..];
    let len: usize = after
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    Some((
        Element::Hashtag(after[..len].to_owned()),
        sign.len_utf8() + len,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urn::{OrganizationUrn, PersonUrn};

    /// LinkedIn's documented examples (Posts API, "little Text Format").
    #[test]
    fn the_documented_examples_read_as_documented() {
        let mention = "Hello @[Acme Corp](urn:li:organization:1234)";
        assert_eq!(
            parse(mention),
            [
                Element::Text("Hello ".into()),
                Element::Mention {
                    name: "Acme Corp".into(),
                    urn: Urn::new("organization", "1234")
                }
            ]
        );
        assert_eq!(to_plain_text(mention), "Hello Acme Corp");

        let hashtag = "Excited to share my thoughts on the future of {hashtag|#|Technology} and how it's shaping the world we live in.";
        assert_eq!(
            to_plain_text(hashtag),
            "Excited to share my thoughts on the future of #Technology and how it's shaping the world we live in."
        );
        assert_eq!(
            parse(hashtag)[1],
            Element::Hashtag("Technology".into()),
            "{:?}",
            parse(hashtag)
        );

        // The element table's examples.
        assert_eq!(
            mentions("@[Eddy](urn:li:person:1234)"),
            [("Eddy".to_owned(), Urn::new("person", "1234"))]
        );
        assert_eq!(to_plain_text(r"{hashtag|\#|mytag}"), "#mytag");
        assert_eq!(to_plain_text("{hashtag|＃|mytag}"), "#mytag");
        assert_eq!(parse("#hashtag"), [Element::Hashtag("hashtag".into())]);
    }

    #[test]
    fn the_builder_writes_the_documented_syntax() {
        let built = Commentary::new()
            .text("Hello ")
            .mention("Acme Corp", OrganizationUrn::from_id(1234))
            .build();
        assert_eq!(built, "Hello @[Acme Corp](urn:li:organization:1234)");

        let built = Commentary::new()
            .text("Excited to share my thoughts on the future of ")
            .hashtag("#Technology")
            .text(" and how it's shaping the world we live in.")
            .build();
        assert_eq!(
            built,
            "Excited to share my thoughts on the future of {hashtag|#|Technology} and how it's shaping the world we live in."
        );

        let built = Commentary::new()
            .mention("Eddy", PersonUrn::from_id("1234"))
            .to_string();
        assert_eq!(built, "@[Eddy](urn:li:person:1234)");
    }

    #[test]
    fn every_reserved_character_is_escaped_and_reads_back() {
        let all: String = RESERVED.iter().collect();
        assert_eq!(escape(&all), r"\\\|\{\}\@\[\]\(\)\<\>\#\*\_\~");
        assert_eq!(to_plain_text(&escape(&all)), all);
        assert_eq!(parse(&escape(&all)), [Element::Text(all.clone())]);
        let text = "Our new office (finally)! 50% off_now ~ <b> a|b {x} [y] @me #1 \\o/ *ok* é✓";
        assert_eq!(to_plain_text(&escape(text)), text);
        assert_eq!(
            escape("plain text, nothing reserved."),
            "plain text, nothing reserved."
        );
    }

    #[test]
    fn names_and_tags_with_reserved_characters_round_trip() {
        let built = Commentary::new()
            .mention("Acme [EU] (Ltd)", OrganizationUrn::from_id(7))
            .hashtag("c_sharp")
            .build();
        assert_eq!(
            built,
            r"@[Acme \[EU\] \(Ltd\)](urn:li:organization:7){hashtag|#|c\_sharp}"
        );
        assert_eq!(
            parse(&built),
            [
                Element::Mention {
                    name: "Acme [EU] (Ltd)".into(),
                    urn: Urn::new("organization", "7")
                },
                Element::Hashtag("c_sharp".into())
            ]
        );
    }

    #[test]
    fn what_is_not_an_element_is_text() {
        // Unescaped reserved characters LinkedIn may still send back: kept as text.
        for s in [
            "mail me @ home",
            "@[unclosed",
            "@[Name](not a urn)",
            "@[Name](urn:li:person:1",
            "{hashtag|#|}",
            "{hashtag|$|x}",
            "{other|template}",
            "# not a tag",
            "trailing backslash \\",
        ] {
            let plain = to_plain_text(s);
            assert!(
                parse(s).iter().all(|e| matches!(e, Element::Text(_))),
                "{s}: {:?}",
                parse(s)
            );
            assert!(!plain.is_empty(), "{s}");
        }
        assert_eq!(
            to_plain_text("trailing backslash \\"),
            "trailing backslash \\"
        );
        assert_eq!(to_plain_text("@[Name](not a urn)"), "@[Name](not a urn)");
        assert!(parse("").is_empty());
    }

    #[test]
    fn a_mentioned_urn_may_nest_parentheses() {
        let s = "see @[a comment](urn:li:comment:(urn:li:activity:1,2)) here";
        assert_eq!(
            mentions(s),
            [(
                "a comment".to_owned(),
                Urn::new("comment", "(urn:li:activity:1,2)")
            )]
        );
        assert_eq!(to_plain_text(s), "see a comment here");
    }

    #[test]
    fn plain_hashtags_end_at_the_first_non_word_character() {
        assert_eq!(
            parse("#rust, #東京2026!"),
            [
                Element::Hashtag("rust".into()),
                Element::Text(", ".into()),
                Element::Hashtag("東京2026".into()),
                Element::Text("!".into()),
            ]
        );
        // Escaped, `#` is text.
        assert_eq!(parse(r"C\#"), [Element::Text("C#".into())]);
    }
}
