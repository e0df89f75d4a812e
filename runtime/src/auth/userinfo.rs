//! Sign In with LinkedIn's profile claims: `GET /v2/userinfo` on the API host, with the
//! member's access token, as a [`UserInfo`]: from an [`OAuthClient`] for any token, or from the
//! [`Client`] for its own (who am I, without an OAuth app).

use http::Method;

use super::client::{Call, OAuthClient, send};
use super::error::AuthError;
use super::oidc::UserInfo;
use crate::error::{ConfigError, ConfigErrorKind};
use crate::{Client, Error, Secret};

const USERINFO_PATH: &str = "/v2/userinfo";
const OP_USERINFO: &str = "auth.userinfo";
const USERINFO_SCOPES: &[&[&str]] = &[&["openid", "profile"]];

impl OAuthClient {
    /// The signed-in member's profile claims (`GET https://api.linkedin.com/v2/userinfo`, scopes
    /// `openid profile` and optionally `email`). Without an OAuth app at hand,
    /// [`Client::userinfo`] does the same with the client's own token.
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, AuthError> {
        fetch(
            &self.inner.client,
            Some(&self.inner.client_secret),
            access_token,
        )
        .await
    }
}

impl Client {
    /// Who the client's access token belongs to: Sign In with LinkedIn's profile claims
    /// (`GET /v2/userinfo` on the client's base URL, scopes `openid profile`, and `email` for
    /// the email claims). The endpoint needs only the bearer token, so no OAuth app (client id
    /// and secret) is involved; `PersonUrn::from_id(info.sub)` is the member's URN.
    ///
    /// The request goes through the client's one HTTP path (interceptors see it as
    /// `auth.userinfo`; deadline, no redirects, redaction). A client built without an access
    /// token is a configuration error, sent nowhere.
    pub async fn userinfo(&self) -> Result<UserInfo, Error> {
        if self.access_token().is_none() && self.token_provider().is_none() {
            return Err(Error::Config(ConfigError::new(
                ConfigErrorKind::InvalidArgument,
                "userinfo needs an access token: the client was built without one",
            )));
        }
        let url = format!("{}{USERINFO_PATH}", self.base_url());
        tracing::debug!(endpoint = USERINFO_PATH, "fetching LinkedIn userinfo");
        let call = Call::new(OP_USERINFO, Method::GET, USERINFO_PATH, &url)
            .client_bearer()
            .scopes(USERINFO_SCOPES);
        send(self, None, call).await.map_err(|e| match e {
            // The exchange's own error, unwrapped: this is a client call like any other.
            AuthError::Request(e) => *e,
            AuthError::Config(e) => Error::Config(e),
            other => Error::from(other),
        })
    }
}

async fn fetch(
    client: &Client,
    client_secret: Option<&Secret>,
    access_token: &Secret,
) -> Result<UserInfo, AuthError> {
    let url = format!("{}{USERINFO_PATH}", client.base_url());
    tracing::debug!(endpoint = USERINFO_PATH, "fetching LinkedIn userinfo");
    send(
        client,
        client_secret,
        Call::new(OP_USERINFO, Method::GET, USERINFO_PATH, &url)
            .bearer(access_token)
            .scopes(USERINFO_SCOPES),
    )
    .await
}
