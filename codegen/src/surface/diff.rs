//! Two listings compared, line by line and file by file, with `similar`.

use similar::{ChangeTag, TextDiff};

use super::Listing;

/// What changed from `from` to `to`: per file, `- ` before each line only `from` has and `+ `
/// before each line only `to` has. A changed item is a removed line beside an added one (the
/// lines sort by item). Empty when the two listings are the same.
pub fn diff(from: &Listing, to: &Listing) -> String {
    let mut out = String::new();
    let paths: std::collections::BTreeSet<&String> =
        from.files.keys().chain(to.files.keys()).collect();
    for path in paths {
        let (old, new) = (from.files.get(path), to.files.get(path));
        let status = match (old, new) {
            (None, Some(_)) => " (new file)",
            (Some(_), None) => " (file removed)",
            _ => "",
        };
        let old: Vec<&str> = old.into_iter().flatten().map(String::as_str).collect();
        let new: Vec<&str> = new.into_iter().flatten().map(String::as_str).collect();
        let lines = TextDiff::from_slices(&old, &new);
        let mut section = String::new();
        for change in lines.iter_all_changes() {
            let sign = match change.tag() {
                ChangeTag::Equal => continue,
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
            };
            section.push_str(&format!("{sign} {}\n", change.value()));
        }
        if !section.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("// {path}{status}\n{section}"));
        }
    }
    out
}
