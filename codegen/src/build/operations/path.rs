//! Path templates: `/rest/reactions/(actor:{actor},entity:{entity})` split into literal text
//! (Rest.li structure such as `(actor:` stays literal) and parameters.

use crate::diag::{Ptr, Result};
use crate::ir::PathPart;

/// Splits a path template into literal text and parameters; an unclosed, unmatched or empty
/// brace is an error at `ptr`.
pub(super) fn parse(path: &str, ptr: &Ptr) -> Result<Vec<PathPart>> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else {
            return ptr.fail(format!("the path `{path}` has an unclosed `{{`"));
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..open + len];
        if name.is_empty() || name.contains('{') {
            return ptr.fail(format!("the path `{path}` has a malformed parameter"));
        }
        parts.push(PathPart::Param(name.to_owned()));
        rest = &rest[open + len + 1..];
    }
    if rest.contains('}') {
        return ptr.fail(format!("the path `{path}` has an unmatched `}}`"));
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parts(path: &str) -> Result<Vec<PathPart>> {
        parse(path, &Ptr::root(Path::new("spec.yaml")))
    }

    #[test]
    fn rest_li_structure_stays_literal_around_parameters() {
        assert_eq!(
            parts("/rest/reactions/(actor:{actor},entity:{entity})").unwrap(),
            vec![
                PathPart::Literal("/rest/reactions/(actor:".into()),
                PathPart::Param("actor".into()),
                PathPart::Literal(",entity:".into()),
                PathPart::Param("entity".into()),
                PathPart::Literal(")".into()),
            ]
        );
        assert_eq!(parts("{id}").unwrap(), vec![PathPart::Param("id".into())]);
    }

    #[test]
    fn malformed_templates_are_errors_not_panics() {
        for (path, says) in [
            ("/rest/posts/{id", "unclosed"),
            ("/rest/posts/id}", "unmatched"),
            ("/rest/posts/{}", "malformed"),
            ("/rest/posts/{a{b}", "malformed"),
        ] {
            let e = parts(path).unwrap_err();
            assert!(e.message.contains(says), "{path}: {}", e.message);
        }
    }
}
