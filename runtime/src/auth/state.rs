//! Random `state` / `nonce` values and constant-time comparison.

/// Number of random bytes in a `state` or `nonce` (256 bits).
const RANDOM_BYTES: usize = 32;

/// A fresh URL-safe random string with 256 bits of entropy (base64url, no padding), drawn from
/// `rand`'s thread-local CSPRNG (ChaCha seeded from the OS).
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; RANDOM_BYTES];
    rand::fill(&mut bytes);
    base64url(&bytes)
}

/// Unpadded base64url (RFC 4648 §5), by the `base64` crate.
pub(crate) fn base64url(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two strings in time that depends only on their lengths, not on their content
/// (`subtle`, whose comparison the optimiser cannot short-circuit).
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq as _;
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn random_tokens_are_long_url_safe_and_distinct() {
        let a = random_token();
        let b = random_token();
        assert_eq!(a.len(), 43); // 256 bits
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_ne!(a, b);
    }

    #[test]
    fn constant_time_eq_works() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
        assert!(constant_time_eq("", ""));
        // Same bytes in another order: an XOR-accumulating comparison would call these equal.
        assert!(!constant_time_eq("ab", "ba"));
        assert!(!constant_time_eq("abcd", "badc"));
        assert!(!constant_time_eq("a", "b"));
    }
}
