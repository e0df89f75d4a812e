//! Step 3: the token endpoint's grants (authorization code, refresh token, client
//! credentials), each one `POST /oauth/v2/accessToken` that yields a [`TokenSet`].

use std::time::SystemTime;

use http::Method;

use super::authorize::AuthorizationCode;
use super::client::{Call, OAuthClient};
use super::error::AuthError;
use super::token::{TokenResponse, TokenSet};
use crate::Secret;

const TOKEN_PATH: &str = "/oauth/v2/accessToken";
const OP_TOKEN: &str = "auth.token";

impl OAuthClient {
    /// Exchanges an authorization code (`grant_type=authorization_code`).
    pub async fn exchange_code(&self, code: &AuthorizationCode) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "authorization_code"),
            ("code", code.secret().expose()),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
            ("redirect_uri", &self.inner.redirect_uri),
        ];
        self.token_request("authorization_code", &form, &[code.secret().expose()])
            .await
    }

    /// Gets a new access token with a refresh token (`grant_type=refresh_token`). LinkedIn only
    /// issues refresh tokens to apps enabled for programmatic refresh.
    pub async fn refresh(&self, refresh_token: &Secret) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token.expose()),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
        ];
        self.token_request("refresh_token", &form, &[refresh_token.expose()])
            .await
    }

    /// Gets an application (2-legged) token (`grant_type=client_credentials`). Not enabled for
    /// most apps; LinkedIn answers `access_denied`/`unauthorized_client` otherwise.
    pub async fn client_credentials(&self) -> Result<TokenSet, AuthError> {
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", &self.inner.client_id),
            ("client_secret", self.inner.client_secret.expose()),
        ];
        self.token_request("client_credentials", &form, &[]).await
    }

    async fn token_request(
        &self,
        grant_type: &'static str,
        form: &[(&str, &str)],
        extra_secrets: &[&str],
    ) -> Result<TokenSet, AuthError> {
        let url = format!("{}{TOKEN_PATH}", self.inner.client.oauth_base_url());
        tracing::debug!(
            grant_type,
            endpoint = TOKEN_PATH,
            "requesting LinkedIn access token"
        );
        let raw: TokenResponse = self
            .call(
                Call::new(OP_TOKEN, Method::POST, TOKEN_PATH, &url)
                    .form(form)
                    .secrets(extra_secrets),
            )
            .await?;
        let tokens = TokenSet::from_response(raw, SystemTime::now());
        tracing::debug!(
            grant_type,
            scopes = %tokens.scopes,
            has_refresh_token = tokens.refresh_token.is_some(),
            has_id_token = tokens.id_token.is_some(),
            "received LinkedIn access token"
        );
        Ok(tokens)
    }
}
