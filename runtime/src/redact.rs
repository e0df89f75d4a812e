//! What an error, a log line or an interceptor may quote of an exchange: the one place that
//! decides it, for API calls, OAuth/OIDC and media uploads alike.
//!
//! Three rules, each a function here:
//!
//! * **secrets** the request carried (the access token, a client secret, an authorization code)
//!   are replaced by `[REDACTED]` wherever a server echoes them ([`secrets`], [`text`]);
//! * **credential-valued JSON members** (`access_token`, `client_secret`, …) never reach an error,
//!   whether quoted in a body snippet or by serde in a decode message ([`snippet`],
//!   [`json_credentials`]);
//! * **URLs** are shown without their query, fragment or user info ([`url`]): a signed upload
//!   URL or a JWKS URL can carry a credential in its query.
//!
//! Everything quoted from a body is also bounded (see [`crate::body`]).

use std::borrow::Cow;

use url::Url;

use crate::body::{MAX_ERROR_TEXT_BYTES, bounded};
use crate::error::Error;

/// The text that replaces a secret.
pub(crate) const REDACTED: &str = "[REDACTED]";

/// Keys whose values are credentials. A body mentioning none of them is quoted as is.
const SENSITIVE_KEYS: &[&str] = &["access_token", "refresh_token", "id_token", "client_secret"];

/// Whether a JSON member named `key` holds a credential: the well-known ones, and any other
/// `*token*` or `*secret*` member (OAuth servers add their own, e.g. `csrf_token`).
fn is_sensitive_key(key: &str) -> bool {
    SENSITIVE_KEYS.contains(&key) || key.contains("token") || key.contains("secret")
}

/// `body` with every occurrence of each secret (of 4 bytes or more) replaced by `[REDACTED]`.
/// Shorter strings are left alone: replacing them would mangle unrelated text, and no real
/// token or secret is that short.
pub(crate) fn secrets<'a>(body: &'a [u8], secrets: &[&str]) -> Cow<'a, [u8]> {
    let mut out = Cow::Borrowed(body);
    for secret in secrets
        .iter()
        .map(|s| s.as_bytes())
        .filter(|s| s.len() >= 4)
    {
        if !out.windows(secret.len()).any(|w| w == secret) {
            continue;
        }
        let mut replaced = Vec::with_capacity(out.len());
        let mut rest: &[u8] = &out;
        while let Some(at) = rest.windows(secret.len()).position(|w| w == secret) {
            replaced.extend_from_slice(&rest[..at]);
            replaced.extend_from_slice(REDACTED.as_bytes());
            rest = &rest[at + secret.len()..];
        }
        replaced.extend_from_slice(rest);
        out = Cow::Owned(replaced);
    }
    out
}

/// [`secrets`] for text.
pub(crate) fn text(text: &str, secrets_: &[&str]) -> String {
    String::from_utf8_lossy(&secrets(text.as_bytes(), secrets_)).into_owned()
}

/// A bounded, printable start of a body, with credential-valued JSON members replaced. A body
/// that mentions a credential key but is not JSON (a form echoed back) is withheld whole.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = if SENSITIVE_KEYS.iter().any(|k| text.contains(k)) {
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(mut value) => {
                redact_json(&mut value);
                value.to_string()
            }
            Err(_) => return "[body withheld: it may contain a credential]".to_owned(),
        }
    } else {
        text.into_owned()
    };
    bounded(text.trim(), MAX_ERROR_TEXT_BYTES)
}

/// `message` (serde's, which quotes offending values) bounded, and with the values of the
/// credential members of `body` removed.
pub(crate) fn json_credentials(message: String, body: &[u8]) -> String {
    let message = if message.len() > MAX_ERROR_TEXT_BYTES {
        bounded(&message, MAX_ERROR_TEXT_BYTES)
    } else {
        message
    };
    credential_values(body)
        .iter()
        .fold(message, |m, v| m.replace(v.as_str(), REDACTED))
}

/// A URL as errors and logs may show it: scheme, host, port and path; never the query (which
/// may carry a signature or a credential), the fragment or user info.
pub(crate) fn url(url: &Url) -> String {
    let mut shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    shown.push_str(url.path());
    bounded(&shown, MAX_ERROR_TEXT_BYTES)
}

/// A decode error with every occurrence of `secrets_` replaced by `[REDACTED]` (a server can
/// echo what it was sent into a 2xx body; serde quotes it back in its message).
pub(crate) fn decode_error(err: Error, secrets_: &[&str]) -> Error {
    match err {
        Error::Decode {
            operation,
            path,
            snippet,
            source,
        } => {
            let message = source.to_string();
            let cleaned = text(&message, secrets_);
            Error::Decode {
                operation,
                path: text(&path, secrets_),
                snippet: text(&snippet, secrets_),
                source: if cleaned == message {
                    source
                } else {
                    cleaned.into()
                },
            }
        }
        other => other,
    }
}

/// The (non-empty) string values of credential members anywhere in a JSON body.
fn credential_values(body: &[u8]) -> Vec<String> {
    fn walk(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        // A one-letter value of a `*token*` member (`"token_type": "x"`) is no
                        // credential, and replacing it would mangle the whole message.
                        serde_json::Value::String(s)
                            if is_sensitive_key(k)
                                && (s.len() >= 4 || SENSITIVE_KEYS.contains(&k.as_str()))
                                && !s.is_empty() =>
                        {
                            out.push(s.clone())
                        }
                        other => walk(other, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mentions_key = ["token", "secret"]
        .iter()
        .any(|k| body.windows(k.len()).any(|w| w == k.as_bytes()));
    if let Some(value) = mentions_key
        .then(|| serde_json::from_slice::<serde_json::Value>(body).ok())
        .flatten()
    {
        walk(&value, &mut out);
    }
    out
}

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_sensitive_key(k) {
                    *v = serde_json::Value::String(REDACTED.into());
                } else {
                    redact_json(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_replaced_everywhere_and_short_strings_left_alone() {
        assert_eq!(
            secrets(b"a-xyzw-b-xyzw", &["xyzw", "ab"]).as_ref(),
            b"a-[REDACTED]-b-[REDACTED]"
        );
        assert_eq!(text("no secret here", &["abcd"]), "no secret here");
    }

    #[test]
    fn snippets_are_bounded_and_redacted() {
        let long = "é".repeat(2000);
        let s = snippet(long.as_bytes());
        assert!(s.len() <= MAX_ERROR_TEXT_BYTES + 64, "{}", s.len());
        assert!(s.ends_with("[truncated, 4000 bytes in all]"), "{s}");
        let s = snippet(br#"{"access_token":"AQV-secret","expires_in":5}"#);
        assert!(!s.contains("AQV-secret") && s.contains("[REDACTED]"), "{s}");
        let s = snippet(br#"{"id_token":"x","csrf_token":"AQV-other"}"#);
        assert!(!s.contains("AQV-other"), "{s}");
        let s = snippet(b"access_token=AQV-secret&x=1");
        assert!(!s.contains("AQV-secret"), "{s}");
    }

    #[test]
    fn decode_messages_lose_credential_values() {
        let body = br#"{"access_token":"AQV-secret-1","nested":{"my_token":"AQV-secret-2"}}"#;
        let message = "invalid type: string \"AQV-secret-1\" then \"AQV-secret-2\"".to_owned();
        let shown = json_credentials(message, body);
        assert!(!shown.contains("AQV-secret"), "{shown}");
    }

    #[test]
    fn urls_lose_query_fragment_and_user_info() {
        let u =
            Url::parse("https://user:pw@www.linkedin.com:8443/dms-uploads/x?sig=SECRET#f").unwrap();
        assert_eq!(url(&u), "https://www.linkedin.com:8443/dms-uploads/x");
    }
}
