//! Tokens and scopes.

use std::fmt;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::Secret;

/// A set of OAuth scopes, e.g. `openid profile email`.
///
/// LinkedIn writes scopes space-delimited in token responses and comma-separated in introspection
/// responses; [`Scopes::parse`] accepts both (and any mix). Order is kept, duplicates dropped.
/// `Display` and `Serialize` write them the way they were read (comma-separated when the input
/// was), so a response encodes back to what LinkedIn sent; built scopes are space-delimited, as
/// OAuth requests want them. Two sets are equal when they hold the same scopes in the same order.
#[derive(Debug, Clone, Default)]
pub struct Scopes {
    scopes: Vec<String>,
    comma_separated: bool,
}

impl PartialEq for Scopes {
    fn eq(&self, other: &Self) -> bool {
        self.scopes == other.scopes
    }
}

impl Eq for Scopes {}

impl Scopes {
    /// Parses a space- and/or comma-separated scope list.
    pub fn parse(s: &str) -> Self {
        let mut scopes: Scopes = s
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        scopes.comma_separated = s.contains(',');
        scopes
    }

    /// `true` if `scope` is in the set.
    pub fn contains(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    /// The scopes, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(String::as_str)
    }

    /// Number of scopes.
    pub fn len(&self) -> usize {
        self.scopes.len()
    }

    /// `true` when there is no scope.
    pub fn is_empty(&self) -> bool {
        self.scopes.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Scopes {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out: Vec<String> = Vec::new();
        for s in iter {
            let s = s.as_ref().trim();
            if !s.is_empty() && !out.iter().any(|o| o == s) {
                out.push(s.to_owned());
            }
        }
        Scopes {
            scopes: out,
            comma_separated: false,
        }
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            &self
                .scopes
                .join(if self.comma_separated { "," } else { " " }),
        )
    }
}

impl Serialize for Scopes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Scopes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Many(Vec<String>),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::One(s) => Scopes::parse(&s),
            Raw::Many(v) => v.iter().flat_map(|s| Scopes::parse(s).scopes).collect(),
        })
    }
}

/// The tokens of one grant, as returned by the token endpoint.
///
/// Expiry instants are computed from `expires_in` / `refresh_token_expires_in` at the moment the
/// response was received. Every token is a [`Secret`]: `Debug` shows `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct TokenSet {
    /// The access token (sent as `Authorization: Bearer …`).
    pub access_token: Secret,
    /// `token_type` if the server sent one (`Bearer`).
    pub token_type: Option<String>,
    /// When the access token expires, if the server said (`expires_in`).
    pub expires_at: Option<SystemTime>,
    /// The refresh token (only for apps LinkedIn enabled for programmatic refresh).
    pub refresh_token: Option<Secret>,
    /// When the refresh token expires (`refresh_token_expires_in`; fixed from the first grant).
    pub refresh_token_expires_at: Option<SystemTime>,
    /// Granted scopes (empty if the response had no `scope`).
    pub scopes: Scopes,
    /// The OIDC ID token (a JWT), present when `openid` was granted. Verify it with
    /// [`OAuthClient::verify_id_token`](super::OAuthClient::verify_id_token) before trusting it.
    pub id_token: Option<Secret>,
}

impl TokenSet {
    /// A token set holding only an access token (e.g. one loaded from storage).
    pub fn new(access_token: impl Into<Secret>, expires_at: Option<SystemTime>) -> Self {
        TokenSet {
            access_token: access_token.into(),
            token_type: None,
            expires_at,
            refresh_token: None,
            refresh_token_expires_at: None,
            scopes: Scopes::default(),
            id_token: None,
        }
    }

    /// Builds a token set from a token-endpoint response received at `received_at`.
    pub(crate) fn from_response(raw: TokenResponse, received_at: SystemTime) -> Self {
        let after = |secs: Option<u64>| secs.map(|s| received_at + Duration::from_secs(s));
        TokenSet {
            access_token: Secret::new(raw.access_token),
            token_type: raw.token_type,
            expires_at: after(raw.expires_in),
            refresh_token: raw.refresh_token.filter(|t| !t.is_empty()).map(Secret::new),
            refresh_token_expires_at: after(raw.refresh_token_expires_in),
            scopes: raw.scope.as_deref().map(Scopes::parse).unwrap_or_default(),
            id_token: raw.id_token.filter(|t| !t.is_empty()).map(Secret::new),
        }
    }

    /// `true` if the access token has expired at `now`. A token without a known expiry is never
    /// considered expired.
    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }

    /// `true` if the access token expires within `window` from now (or has already expired) —
    /// the moment to refresh it.
    pub fn expires_within(&self, window: Duration) -> bool {
        self.expires_within_at(window, SystemTime::now())
    }

    /// Like [`expires_within`](Self::expires_within) with an explicit current time.
    pub fn expires_within_at(&self, window: Duration, now: SystemTime) -> bool {
        self.expires_at.is_some_and(|at| now + window >= at)
    }

    /// Time left before the access token expires at `now` (zero if expired, `None` if unknown).
    pub fn remaining(&self, now: SystemTime) -> Option<Duration> {
        self.expires_at
            .map(|at| at.duration_since(now).unwrap_or(Duration::ZERO))
    }

    /// `true` if the refresh token has expired at `now` (or there is none).
    pub fn is_refresh_token_expired(&self, now: SystemTime) -> bool {
        match (&self.refresh_token, self.refresh_token_expires_at) {
            (None, _) => true,
            (Some(_), Some(at)) => now >= at,
            (Some(_), None) => false,
        }
    }
}

/// The token endpoint's JSON (`/oauth/v2/accessToken`).
#[derive(Deserialize)]
pub(crate) struct TokenResponse {
    pub(crate) access_token: String,
    #[serde(default)]
    pub(crate) expires_in: Option<u64>,
    #[serde(default)]
    pub(crate) refresh_token: Option<String>,
    #[serde(default)]
    pub(crate) refresh_token_expires_in: Option<u64>,
    #[serde(default)]
    pub(crate) scope: Option<String>,
    #[serde(default)]
    pub(crate) id_token: Option<String>,
    #[serde(default)]
    pub(crate) token_type: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_space_and_comma() {
        let a = Scopes::parse("openid profile  email");
        let b = Scopes::parse("openid,profile,email");
        let c = Scopes::parse("openid, profile email,openid");
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.to_string(), "openid profile email");
        // Written back the way they were read: introspection's commas stay commas.
        assert_eq!(b.to_string(), "openid,profile,email");
        assert!(a.contains("email"));
        assert!(!a.contains("w_member_social"));
        assert_eq!(a.len(), 3);
        assert!(Scopes::parse("").is_empty());
        // Equal means the same scopes in the same order, whatever the separator.
        assert_ne!(a, Scopes::parse("openid profile"));
        assert_ne!(a, Scopes::parse("email profile openid"));
    }

    #[test]
    fn scopes_deserialize_string_or_array() {
        let s: Scopes = serde_json::from_str(r#""r_ads,rw_ads""#).unwrap();
        assert_eq!(s.iter().collect::<Vec<_>>(), ["r_ads", "rw_ads"]);
        let s: Scopes = serde_json::from_str(r#"["r_ads", "rw_ads"]"#).unwrap();
        assert_eq!(s.iter().collect::<Vec<_>>(), ["r_ads", "rw_ads"]);
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""r_ads rw_ads""#);
    }

    #[test]
    fn expiry_arithmetic() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let raw: TokenResponse = serde_json::from_str(
            r#"{"access_token":"AQU","expires_in":3600,"refresh_token":"R","refresh_token_expires_in":7200,"scope":"a b"}"#,
        )
        .unwrap();
        let t = TokenSet::from_response(raw, t0);
        assert_eq!(t.expires_at, Some(t0 + Duration::from_secs(3600)));
        assert_eq!(
            t.refresh_token_expires_at,
            Some(t0 + Duration::from_secs(7200))
        );
        assert!(!t.is_expired(t0));
        assert!(!t.is_expired(t0 + Duration::from_secs(3599)));
        assert!(t.is_expired(t0 + Duration::from_secs(3600)));
        assert!(!t.expires_within_at(Duration::from_secs(60), t0));
        assert!(t.expires_within_at(Duration::from_secs(60), t0 + Duration::from_secs(3541)));
        assert_eq!(t.remaining(t0), Some(Duration::from_secs(3600)));
        assert_eq!(
            t.remaining(t0 + Duration::from_secs(9999)),
            Some(Duration::ZERO)
        );
        assert!(!t.is_refresh_token_expired(t0));
        assert!(t.is_refresh_token_expired(t0 + Duration::from_secs(7200)));

        let no_expiry = TokenSet::new("x", None);
        assert!(!no_expiry.is_expired(t0));
        assert!(!no_expiry.expires_within(Duration::from_secs(1)));
        assert!(no_expiry.is_refresh_token_expired(t0));
    }
}
