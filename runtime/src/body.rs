//! Bounded reading of response bodies, and bounded text for error messages.
//!
//! A hostile or broken server can answer with a body of any size; reading it whole would let it
//! choose how much memory the process uses, and quoting it whole in an error would put megabytes
//! into logs. So bodies are read chunk by chunk up to a limit, and every piece of a body (or of a
//! message derived from one) that goes into an error is cut to [`MAX_ERROR_TEXT_BYTES`].

use bytes::{Bytes, BytesMut};

/// The default limit on a response body: generous for LinkedIn's JSON (a 100-element page of
/// posts is well under 1 MiB), small enough that a runaway body cannot exhaust memory.
pub(crate) const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How much of a non-2xx body is read: enough for any Rest.li or OAuth error body and the start
/// of an HTML error page; the rest is never read.
pub(crate) const MAX_ERROR_BODY_BYTES: usize = 64 * 1024;

/// The most bytes of body text (or of a message quoting a body) that an error keeps.
pub(crate) const MAX_ERROR_TEXT_BYTES: usize = 1024;

/// A body read up to a limit.
pub(crate) struct Limited {
    /// At most `limit` bytes.
    pub(crate) bytes: Bytes,
    /// Whether the body had more than `limit` bytes (the rest was not read).
    pub(crate) truncated: bool,
}

/// Reads `resp`'s body chunk by chunk, keeping at most `limit` bytes, so memory stays bounded
/// whatever the server sends. Stops reading at the first byte past the limit.
pub(crate) async fn read_limited(
    resp: &mut reqwest::Response,
    limit: usize,
) -> Result<Limited, reqwest::Error> {
    // Read before the body: what is left of it is what the hint counts.
    let capacity = resp
        .content_length()
        .map_or(0, |n| usize::try_from(n).unwrap_or(usize::MAX))
        .min(limit);
    // A body that arrives in one chunk (most JSON answers) is kept as that chunk: copying it into
    // a buffer of our own cost an allocation and a copy of the whole body on every call.
    let Some(first) = resp.chunk().await? else {
        return Ok(Limited {
            bytes: Bytes::new(),
            truncated: false,
        });
    };
    if first.len() > limit {
        return Ok(Limited {
            bytes: first.slice(..limit),
            truncated: true,
        });
    }
    let Some(second) = resp.chunk().await? else {
        return Ok(Limited {
            bytes: first,
            truncated: false,
        });
    };
    let mut buf = BytesMut::with_capacity(capacity);
    buf.extend_from_slice(&first);
    let mut next = Some(second);
    while let Some(chunk) = next {
        let room = limit - buf.len();
        if chunk.len() > room {
            buf.extend_from_slice(&chunk[..room]);
            return Ok(Limited {
                bytes: buf.freeze(),
                truncated: true,
            });
        }
        buf.extend_from_slice(&chunk);
        next = resp.chunk().await?;
    }
    Ok(Limited {
        bytes: buf.freeze(),
        truncated: false,
    })
}

/// `text` cut to at most `max` bytes on a char boundary, saying so when it was cut.
pub(crate) fn bounded(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… [truncated, {} bytes in all]", &text[..cut], text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(bounded("abc", 3), "abc");
        assert_eq!(bounded("", 0), "");
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary_and_says_so() {
        // "é" is two bytes: a cut at 3 bytes would split the second one.
        let cut = bounded("éééé", 3);
        assert_eq!(cut, "é… [truncated, 8 bytes in all]");
        let long = "x".repeat(5000);
        let cut = bounded(&long, MAX_ERROR_TEXT_BYTES);
        assert!(cut.starts_with(&"x".repeat(MAX_ERROR_TEXT_BYTES)));
        assert!(cut.len() < MAX_ERROR_TEXT_BYTES + 64, "{}", cut.len());
        assert!(cut.ends_with("[truncated, 5000 bytes in all]"), "{cut}");
    }
}
