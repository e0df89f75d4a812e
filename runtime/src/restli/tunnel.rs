//! Query tunneling: sending a call whose query string is too long for a URL.
//!
//! LinkedIn refuses query strings over 4 KB (414). Rest.li's escape hatch is to send the call as
//! a `POST` that names the real method in `X-HTTP-Method-Override` and carries the query in the
//! body: form-urlencoded when the call has no body of its own, else `multipart/mixed` with the
//! query part first and the JSON part second. The official clients switch at 4,000 characters,
//! and so does this one.
//!
//! A query holding a literal `'` is tunnelled too, whatever its length: reqwest's URL type follows
//! the WHATWG URL standard, which percent-encodes `'` in query strings, and Rest.li reads `%27%27`
//! as the two-character string `''` rather than as the empty string `''` stands for. In a body the
//! query travels verbatim.

use bytes::Bytes;
use http::Method;

/// Query strings longer than this are tunnelled.
pub const MAX_QUERY_STRING_LENGTH: usize = 4000;

/// Whether a query string must be tunnelled: too long, or not expressible in a URL verbatim.
pub(crate) fn needs_tunnel(query: &str) -> bool {
    query.len() > MAX_QUERY_STRING_LENGTH || query.contains('\'')
}

/// A tunnelled call: always `POST`, with the original method in `X-HTTP-Method-Override`.
#[derive(Debug)]
pub(crate) struct Tunnelled {
    pub(crate) method_override: Method,
    pub(crate) content_type: String,
    pub(crate) body: Bytes,
}

/// Moves the query (and the JSON body, if any) into a tunnelled body.
pub(crate) fn tunnel(method: &Method, query: &str, json: Option<&Bytes>) -> Tunnelled {
    match json {
        None => Tunnelled {
            method_override: method.clone(),
            content_type: "application/x-www-form-urlencoded".to_owned(),
            body: Bytes::copy_from_slice(query.as_bytes()),
        },
        Some(json) => {
            let boundary = boundary(query.as_bytes(), json);
            let mut body = Vec::with_capacity(query.len() + json.len() + 256);
            let part = |body: &mut Vec<u8>, content_type: &str, content: &[u8]| {
                body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                body.extend_from_slice(format!("Content-Type: {content_type}\r\n\r\n").as_bytes());
                body.extend_from_slice(content);
                body.extend_from_slice(b"\r\n");
            };
            part(
                &mut body,
                "application/x-www-form-urlencoded",
                query.as_bytes(),
            );
            part(&mut body, "application/json", json);
            body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            Tunnelled {
                method_override: method.clone(),
                content_type: format!("multipart/mixed; boundary={boundary}"),
                body: Bytes::from(body),
            }
        }
    }
}

/// A random boundary that occurs in neither part.
fn boundary(query: &[u8], json: &[u8]) -> String {
    loop {
        let candidate = format!("restli-tunnel-{:016x}", rand::random::<u64>());
        let found = |hay: &[u8]| {
            hay.windows(candidate.len())
                .any(|w| w == candidate.as_bytes())
        };
        if !found(query) && !found(json) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The boundary is a fresh random token that neither part contains.
    #[test]
    fn the_boundary_occurs_in_neither_part() {
        let query = b"ids=List(restli-tunnel-,xyzzy)";
        let json = br#"{"note":"restli-tunnel-0000000000000000"}"#;
        let b = boundary(query, json);
        assert!(
            b.starts_with("restli-tunnel-") && b.len() == "restli-tunnel-".len() + 16,
            "{b}"
        );
        for part in [&query[..], &json[..]] {
            assert!(!part.windows(b.len()).any(|w| w == b.as_bytes()), "{b}");
        }
        assert_ne!(b, boundary(query, json), "a new one each time");
    }

    #[test]
    fn threshold() {
        assert!(!needs_tunnel(&"a".repeat(4000)));
        assert!(needs_tunnel(&"a".repeat(4001)));
        assert!(needs_tunnel("keywords=''"));
    }

    #[test]
    fn form_body() {
        let t = tunnel(&Method::GET, "q=x&ids=List(1)", None);
        assert_eq!(t.method_override, Method::GET);
        assert_eq!(t.content_type, "application/x-www-form-urlencoded");
        assert_eq!(&t.body[..], b"q=x&ids=List(1)");
    }

    #[test]
    fn multipart_body() {
        let json = Bytes::from_static(br#"{"a":1}"#);
        let t = tunnel(&Method::PUT, "ids=List(1)", Some(&json));
        let boundary = t
            .content_type
            .strip_prefix("multipart/mixed; boundary=")
            .unwrap();
        let body = String::from_utf8(t.body.to_vec()).unwrap();
        assert_eq!(
            body,
            format!(
                "--{boundary}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nids=List(1)\r\n\
                 --{boundary}\r\nContent-Type: application/json\r\n\r\n{{\"a\":1}}\r\n--{boundary}--\r\n"
            )
        );
    }
}
