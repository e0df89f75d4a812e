//! A string that must never be printed: access tokens, refresh tokens, client secrets.
//!
//! [`Secret`] wraps [`secrecy::SecretString`] so the value is zeroed on drop and can only be read
//! through [`Secret::expose`], which makes every read greppable. `Debug` and `Display` print
//! `[REDACTED]`, so a secret inside any struct, error or `tracing` field stays hidden.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A secret string (token or client secret) that prints as `[REDACTED]`.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// Reads the secret. Call this only where the value goes on the wire.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl PartialEq for Secret {
    /// Compares in constant time with respect to the content (`subtle`), so a comparison leaks
    /// no prefix.
    fn eq(&self, other: &Self) -> bool {
        crate::auth::constant_time_eq(self.expose(), other.expose())
    }
}

impl Eq for Secret {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_value() {
        let s = Secret::new("AQUvlL_DYEzvT2wz1QJiEPeLioeA");
        assert_eq!(format!("{s:?}"), "Secret([REDACTED])");
        assert_eq!(format!("{s}"), "[REDACTED]");
        assert_eq!(s.expose(), "AQUvlL_DYEzvT2wz1QJiEPeLioeA");
    }
}
