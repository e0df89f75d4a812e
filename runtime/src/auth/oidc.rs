//! OpenID Connect's data: the discovery document, userinfo and ID-token claims (verification is
//! in `id_token`, feature `oidc`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// LinkedIn's OpenID Connect discovery document
/// (`GET https://www.linkedin.com/oauth/.well-known/openid-configuration`).
///
/// Only the members used here are typed; everything else is kept in [`other`](Self::other).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OidcDiscovery {
    /// `https://www.linkedin.com/oauth`.
    pub issuer: String,
    /// `https://www.linkedin.com/oauth/v2/authorization`.
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    /// `https://www.linkedin.com/oauth/v2/accessToken`.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// `https://api.linkedin.com/v2/userinfo`.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    /// `https://www.linkedin.com/oauth/openid/jwks`.
    pub jwks_uri: String,
    /// e.g. `["RS256"]`.
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Vec<String>,
    /// e.g. `["openid", "profile", "email"]`.
    #[serde(default)]
    pub scopes_supported: Vec<String>,
    /// Every other member of the document.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The member's `locale`: LinkedIn's docs show a string (`"en-US"`), real responses an object
/// (`{"country": "US", "language": "en"}`). Both are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Locale {
    /// A language tag such as `en-US` or `en_US`.
    Tag(String),
    /// The structured form.
    Parts {
        /// ISO 3166 country, e.g. `US`.
        #[serde(default)]
        country: Option<String>,
        /// ISO 639 language, e.g. `en`.
        #[serde(default)]
        language: Option<String>,
    },
}

impl Locale {
    /// The language part (`en`).
    pub fn language(&self) -> Option<&str> {
        match self {
            Locale::Tag(t) => t.split(['-', '_']).next().filter(|s| !s.is_empty()),
            Locale::Parts { language, .. } => language.as_deref(),
        }
    }

    /// The country part (`US`).
    pub fn country(&self) -> Option<&str> {
        match self {
            Locale::Tag(t) => t.split(['-', '_']).nth(1).filter(|s| !s.is_empty()),
            Locale::Parts { country, .. } => country.as_deref(),
        }
    }
}

impl fmt::Display for Locale {
    /// A BCP 47-style tag: `en-US` (or just `en` / `US` when one part is missing).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.language(), self.country()) {
            (Some(l), Some(c)) => write!(f, "{l}-{c}"),
            (Some(x), None) | (None, Some(x)) => f.write_str(x),
            (None, None) => Ok(()),
        }
    }
}

/// The response of `GET https://api.linkedin.com/v2/userinfo` (scopes `openid profile email`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    /// The member's subject identifier (stable per app).
    pub sub: String,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Profile picture URL.
    #[serde(default)]
    pub picture: Option<String>,
    /// Locale (string or object).
    #[serde(default)]
    pub locale: Option<Locale>,
    /// Primary email (only with the `email` scope).
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the email is verified (accepts `true` and `"true"`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub email_verified: Option<bool>,
    /// Any other claim.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

/// The claims of a verified LinkedIn ID token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    // `iss`, `aud`, `sub` and `exp` default when absent so that validation (which requires them)
    // reports the missing claim by name rather than a JSON error.
    /// Issuer (`https://www.linkedin.com/oauth`).
    #[serde(default)]
    pub iss: String,
    /// Audience: the client ids the token is for.
    #[serde(default, deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// The member's subject identifier.
    #[serde(default)]
    pub sub: String,
    /// Expiry, seconds since the epoch.
    #[serde(default)]
    pub exp: u64,
    /// Issued at, seconds since the epoch.
    #[serde(default)]
    pub iat: Option<u64>,
    /// The nonce of the authorization request.
    #[serde(default)]
    pub nonce: Option<String>,
    /// Full name.
    #[serde(default)]
    pub name: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Profile picture URL.
    #[serde(default)]
    pub picture: Option<String>,
    /// Locale (string or object).
    #[serde(default)]
    pub locale: Option<Locale>,
    /// Email (with the `email` scope).
    #[serde(default)]
    pub email: Option<String>,
    /// Whether the email is verified (LinkedIn has sent both `true` and `"true"`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub email_verified: Option<bool>,
    /// Any other claim.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::One(s) => vec![s],
        Raw::Many(v) => v,
    })
}

fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Bool(bool),
        Str(String),
    }
    Ok(match Option::<Raw>::deserialize(d)? {
        None => None,
        Some(Raw::Bool(b)) => Some(b),
        Some(Raw::Str(s)) => match s.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_both_shapes() {
        let a: Locale = serde_json::from_str(r#""en-US""#).unwrap();
        let b: Locale = serde_json::from_str(r#"{"country":"US","language":"en"}"#).unwrap();
        assert_eq!(a.to_string(), "en-US");
        assert_eq!(b.to_string(), "en-US");
        assert_eq!(a.language(), Some("en"));
        assert_eq!(b.country(), Some("US"));
        let c: Locale = serde_json::from_str(r#""en_US""#).unwrap();
        assert_eq!(c.country(), Some("US"));
    }

    #[test]
    fn email_verified_string_or_bool() {
        let u: UserInfo = serde_json::from_str(r#"{"sub":"x","email_verified":"true"}"#).unwrap();
        assert_eq!(u.email_verified, Some(true));
        let u: UserInfo = serde_json::from_str(r#"{"sub":"x","email_verified":false}"#).unwrap();
        assert_eq!(u.email_verified, Some(false));
        // An unverified address sent as a string is unverified, not unknown.
        let u: UserInfo = serde_json::from_str(r#"{"sub":"x","email_verified":"False"}"#).unwrap();
        assert_eq!(u.email_verified, Some(false));
        let u: UserInfo = serde_json::from_str(r#"{"sub":"x"}"#).unwrap();
        assert_eq!(u.email_verified, None);
    }
}
