//! Token introspection (`POST /oauth/v2/introspectToken`): whether a token is active, whose it
//! is, its scopes and lifetimes, as an [`Introspection`].

use std::time::{Duration, SystemTime};

use http::Method;
use serde::{Deserialize, Serialize};

use super::client::{Call, OAuthClient};
use super::error::AuthError;
use super::token::Scopes;
use crate::Secret;

const INTROSPECT_PATH: &str = "/oauth/v2/introspectToken";
const OP_INTROSPECT: &str = "auth.introspect";

impl OAuthClient {
    /// Asks LinkedIn about a token (`POST /oauth/v2/introspectToken`). A token of another app
    /// yields `active: false`, not an error.
    pub async fn introspect(&self, token: &Secret) -> Result<Introspection, AuthError> {
        let url = format!("{}{INTROSPECT_PATH}", self.inner.client.oauth_base_url());
        let form = [
            ("client_id", self.inner.client_id.as_str()),
            ("client_secret", self.inner.client_secret.expose()),
            ("token", token.expose()),
        ];
        tracing::debug!(endpoint = INTROSPECT_PATH, "introspecting LinkedIn token");
        self.call(
            Call::new(OP_INTROSPECT, Method::POST, INTROSPECT_PATH, &url)
                .form(&form)
                .secrets(&[token.expose()]),
        )
        .await
    }
}

/// The response of `POST /oauth/v2/introspectToken`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Introspection {
    /// Whether the token is valid and belongs to this app.
    pub active: bool,
    /// `active`, `expired` or `revoked`.
    #[serde(default)]
    pub status: Option<TokenStatus>,
    /// Granted scopes (3-legged tokens only; LinkedIn sends them comma-separated).
    #[serde(default)]
    pub scope: Scopes,
    /// The app the token was issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Creation time, seconds since the epoch.
    #[serde(default)]
    pub created_at: Option<i64>,
    /// Expiry time, seconds since the epoch.
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// When the member authorized the app, seconds since the epoch.
    #[serde(default)]
    pub authorized_at: Option<i64>,
    /// `2L`, `3L` or `Enterprise_User`.
    #[serde(default)]
    pub auth_type: Option<AuthType>,
    /// Any other member.
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

fn epoch_secs(s: Option<i64>) -> Option<SystemTime> {
    s.and_then(|s| u64::try_from(s).ok())
        .map(|s| SystemTime::UNIX_EPOCH + Duration::from_secs(s))
}

impl Introspection {
    /// [`expires_at`](Self::expires_at) as a `SystemTime`.
    pub fn expires_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.expires_at)
    }

    /// [`created_at`](Self::created_at) as a `SystemTime`.
    pub fn created_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.created_at)
    }

    /// [`authorized_at`](Self::authorized_at) as a `SystemTime`.
    pub fn authorized_at_time(&self) -> Option<SystemTime> {
        epoch_secs(self.authorized_at)
    }
}

crate::open_enum! {
    /// Introspection `status`.
    pub enum TokenStatus {
        /// The token is valid.
        Active = "active",
        /// The token expired.
        Expired = "expired",
        /// The token was revoked.
        Revoked = "revoked",
    }
}

crate::open_enum! {
    /// Introspection `auth_type`.
    pub enum AuthType {
        /// Application (client-credentials) token.
        TwoLegged = "2L",
        /// Member token.
        ThreeLegged = "3L",
        /// Enterprise user token.
        EnterpriseUser = "Enterprise_User",
    }
}
