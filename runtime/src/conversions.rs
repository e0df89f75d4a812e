//! Member identifiers for the Conversions API (`/rest/conversionEvents`).
//!
//! LinkedIn matches a conversion to a member by identifiers the advertiser already holds, never
//! sent in clear: an email address goes as the SHA-256 hash of its normalized form (surrounding
//! whitespace removed, lowercased), written as 64 lowercase hex digits, with `idType`
//! `SHA256_EMAIL`. [`hash_email`] does exactly that, so two systems hashing the same address
//! agree byte for byte.
//!
//! ```
//! use linkedin_api::conversions::hash_email;
//! let id = hash_email("  Ada.Lovelace@Example.com ")?;
//! assert_eq!(id, hash_email("ada.lovelace@example.com")?);
//! assert_eq!(id.as_str().len(), 64);
//! # Ok::<(), linkedin_api::conversions::EmailError>(())
//! ```
//!
//! The generated `ConversionUserId { id_type: ConversionUserIdType::Sha256Email, id_value }` takes
//! the hash as `id_value` (`hash.into_string()`).

use std::fmt;

use sha2::{Digest, Sha256};

/// The SHA-256 of a normalized email address, as LinkedIn's `SHA256_EMAIL` identifier expects
/// it: 64 lowercase hex digits. Not a secret by itself, but derived from personal data, so it is
/// only ever printed in full on request ([`as_str`](Self::as_str)); `Debug` shows a prefix.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HashedEmail(String);

impl HashedEmail {
    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hex digest, owned (for an `idValue` field).
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for HashedEmail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HashedEmail({}…)", &self.0[..8])
    }
}

impl From<HashedEmail> for String {
    fn from(hash: HashedEmail) -> Self {
        hash.0
    }
}

/// An address that cannot be an email address (after trimming: empty, no `@`, nothing before or
/// after it, or whitespace inside). The address itself is not repeated in the message: it is
/// personal data and error messages end up in logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailError(&'static str);

impl fmt::Display for EmailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an email address to hash: {}", self.0)
    }
}

impl std::error::Error for EmailError {}

/// Normalizes an email address the way LinkedIn documents (trim, lowercase) and hashes it with
/// SHA-256. Refuses what cannot be an address, so a blank CRM field is not sent as the hash of
/// the empty string, which would match no one and only cost quota.
pub fn hash_email(address: &str) -> Result<HashedEmail, EmailError> {
    let normalized = normalize_email(address)?;
    let digest = Sha256::digest(normalized.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in digest {
        use fmt::Write;
        let _ = write!(hex, "{byte:02x}");
    }
    Ok(HashedEmail(hex))
}

/// The address as it is hashed: surrounding whitespace removed, lowercased.
pub fn normalize_email(address: &str) -> Result<String, EmailError> {
    let trimmed = address.trim();
    if trimmed.is_empty() {
        return Err(EmailError("it is empty"));
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(EmailError("it contains whitespace"));
    }
    let Some((local, domain)) = trimmed.rsplit_once('@') else {
        return Err(EmailError("it has no `@`"));
    };
    if local.is_empty() || domain.is_empty() {
        return Err(EmailError("nothing before or after the `@`"));
    }
    Ok(trimmed.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_the_normalized_address() {
        // printf '%s' 'test@example.com' | sha256sum
        let expected = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
        assert_eq!(hash_email("test@example.com").unwrap().as_str(), expected);
        assert_eq!(
            hash_email(" \tTest@Example.COM\n").unwrap().as_str(),
            expected
        );
    }

    #[test]
    fn refuses_what_is_not_an_address_without_repeating_it() {
        for (bad, why) in [
            ("", "empty"),
            ("   ", "empty"),
            ("ada.example.com", "no `@`"),
            ("@example.com", "before or after"),
            ("ada@", "before or after"),
            ("ada lovelace@example.com", "whitespace"),
        ] {
            let err = hash_email(bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad:?}: {err}");
            if !bad.trim().is_empty() {
                assert!(!err.contains(bad.trim()), "{err}");
            }
        }
    }

    #[test]
    fn debug_shows_only_a_prefix() {
        let hash = hash_email("test@example.com").unwrap();
        assert_eq!(format!("{hash:?}"), "HashedEmail(973dfe46…)");
    }
}
