//! Sign In with LinkedIn's profile claims: `GET /v2/userinfo` on the API host, with the
//! member's access token, as a [`UserInfo`].

use http::Method;

use super::client::{Call, OAuthClient};
use super::error::AuthError;
use super::oidc::UserInfo;
use crate::Secret;

const USERINFO_PATH: &str = "/v2/userinfo";
const OP_USERINFO: &str = "auth.userinfo";

impl OAuthClient {
    /// The signed-in member's profile claims (`GET https://api.linkedin.com/v2/userinfo`, scopes
    /// `openid profile` and optionally `email`).
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, AuthError> {
        let url = format!("{}{USERINFO_PATH}", self.inner.client.base_url());
        tracing::debug!(endpoint = USERINFO_PATH, "fetching LinkedIn userinfo");
        self.call(
            Call::new(OP_USERINFO, Method::GET, USERINFO_PATH, &url)
                .bearer(access_token)
                .scopes(&[&["openid", "profile"]]),
        )
        .await
    }
}
