//! Which operation a request to the mock is: its `X-RestLi-Method`, its path against each path
//! template, and its `q`/`bq`/`action` discriminator, after undoing query tunnelling.

use crate::http::{HeaderMap, Method};
use bytes::Bytes;

use crate::catalog::Entry;

/// A request as the client meant it: a tunnelled call (`POST` with `X-HTTP-Method-Override`,
/// the query in the body) is read back into its method, query and JSON body.
pub(super) struct Untunnelled {
    pub(super) method: Method,
    pub(super) query: String,
    pub(super) body: Bytes,
}

/// Undoes [`crate::restli`]'s query tunnelling, if the request was tunnelled.
pub(super) fn untunnel(
    method: &Method,
    headers: &HeaderMap,
    query: Option<&str>,
    body: &[u8],
) -> Untunnelled {
    let plain = || Untunnelled {
        method: method.clone(),
        query: query.unwrap_or_default().to_owned(),
        body: Bytes::copy_from_slice(body),
    };
    let Some(real) = headers
        .get("x-http-method-override")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<Method>().ok())
    else {
        return plain();
    };
    let content_type = headers
        .get(crate::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return Untunnelled {
            method: real,
            query: String::from_utf8_lossy(body).into_owned(),
            body: Bytes::new(),
        };
    }
    let boundary = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("boundary="))
        .next();
    let (Some(boundary), true) = (boundary, content_type.starts_with("multipart/mixed")) else {
        return plain();
    };
    // `--boundary\r\nContent-Type: …\r\n\r\n<content>\r\n`, twice: the query, then the JSON.
    let text = String::from_utf8_lossy(body);
    let mut query = String::new();
    let mut json = String::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        if head.contains("application/x-www-form-urlencoded") {
            query = content.to_owned();
        } else if head.contains("application/json") {
            json = content.to_owned();
        }
    }
    Untunnelled {
        method: real,
        query,
        body: Bytes::from(json),
    }
}

/// The operation of `entries` a request is, with its path parameters (as sent, encoded): the
/// one whose Rest.li method, path template and discriminator match; of several, the one whose
/// template has the most literal text (`/rest/posts/{id}/x` over `/rest/posts/{id}`).
pub(super) fn operation<'e>(
    entries: &'e [Entry],
    restli_method: &str,
    path: &str,
    query: &[(String, String)],
) -> Option<(&'e Entry, Vec<(String, String)>)> {
    entries
        .iter()
        .filter(|e| e.method.header_value() == restli_method)
        .filter(|e| match e.discriminator {
            Some((name, value)) => query.iter().any(|(k, v)| k == name && v == value),
            None => true,
        })
        .filter_map(|e| template_match(e.path, path).map(|params| (e, params)))
        .max_by_key(|(e, _)| {
            (
                e.discriminator.is_some(),
                pieces(e.path).iter().map(literal_len).sum::<usize>(),
            )
        })
}

/// One piece of a path template: literal text, or a `{parameter}`.
enum Piece<'t> {
    Literal(&'t str),
    Hole(&'t str),
}

fn literal_len(piece: &Piece<'_>) -> usize {
    match piece {
        Piece::Literal(text) => text.len(),
        Piece::Hole(_) => 0,
    }
}

fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Literal(&rest[..open]));
        }
        out.push(Piece::Hole(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Literal(rest));
    }
    out
}

/// The path parameters, if `path` is an instance of `template`. A parameter is a non-empty run
/// without `/` (keys are percent-encoded whole, so a URN's `:` arrives as `%3A`).
fn template_match(template: &str, path: &str) -> Option<Vec<(String, String)>> {
    fn go(pieces: &[Piece<'_>], path: &str, out: &mut Vec<(String, String)>) -> bool {
        match pieces.split_first() {
            None => path.is_empty(),
            Some((Piece::Literal(text), rest)) => {
                path.strip_prefix(text).is_some_and(|p| go(rest, p, out))
            }
            Some((Piece::Hole(name), rest)) => {
                let limit = path.find('/').unwrap_or(path.len());
                for end in (1..=limit).filter(|end| path.is_char_boundary(*end)) {
                    out.push(((*name).to_owned(), path[..end].to_owned()));
                    if go(rest, &path[end..], out) {
                        return true;
                    }
                    out.pop();
                }
                false
            }
        }
    }
    let mut out = Vec::new();
    go(&pieces(template), path, &mut out).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_simple_and_compound_keys() {
        assert_eq!(
            template_match("/rest/posts/{postUrn}", "/rest/posts/urn%3Ali%3Ashare%3A1"),
            Some(vec![("postUrn".into(), "urn%3Ali%3Ashare%3A1".into())])
        );
        assert_eq!(
            template_match(
                "/rest/reactions/(actor:{actor},entity:{entity})",
                "/rest/reactions/(actor:urn%3Ali%3Aperson%3Aa,entity:urn%3Ali%3Ashare%3A1)"
            ),
            Some(vec![
                ("actor".into(), "urn%3Ali%3Aperson%3Aa".into()),
                ("entity".into(), "urn%3Ali%3Ashare%3A1".into())
            ])
        );
        assert_eq!(template_match("/rest/posts/{postUrn}", "/rest/posts"), None);
        assert_eq!(
            template_match("/rest/posts/{postUrn}", "/rest/posts/1/x"),
            None
        );
        assert_eq!(template_match("/rest/posts", "/rest/posts"), Some(vec![]));
    }

    #[test]
    fn a_form_tunnel_gives_back_method_and_query() {
        let mut headers = HeaderMap::new();
        headers.insert("x-http-method-override", "GET".parse().unwrap());
        headers.insert(
            crate::http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().unwrap(),
        );
        let back = untunnel(&Method::POST, &headers, None, b"q=author&author=x");
        assert_eq!(
            (back.method, back.query.as_str(), back.body.len()),
            (Method::GET, "q=author&author=x", 0)
        );
    }

    #[test]
    fn a_multipart_tunnel_gives_back_query_and_json() {
        let mut headers = HeaderMap::new();
        headers.insert("x-http-method-override", "PUT".parse().unwrap());
        headers.insert(
            crate::http::header::CONTENT_TYPE,
            "multipart/mixed; boundary=b1".parse().unwrap(),
        );
        let body = "--b1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nids=List(1)\r\n\
                    --b1\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--b1--\r\n";
        let back = untunnel(&Method::POST, &headers, None, body.as_bytes());
        assert_eq!(back.method, Method::PUT);
        assert_eq!(back.query, "ids=List(1)");
        assert_eq!(&back.body[..], b"{\"a\":1}");
    }
}
