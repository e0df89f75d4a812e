//! OpenID Connect discovery: the discovery document, and the fetch of public OIDC metadata that
//! `id_token` also uses for LinkedIn's JWKS.

use http::Method;
use serde::de::DeserializeOwned;

use super::client::{Call, OAuthClient};
use super::error::AuthError;
use super::oidc::OidcDiscovery;

const DISCOVERY_PATH: &str = "/oauth/.well-known/openid-configuration";
const OP_DISCOVERY: &str = "auth.discovery";

impl OAuthClient {
    /// LinkedIn's OpenID configuration (`GET /oauth/.well-known/openid-configuration`).
    pub async fn discovery(&self) -> Result<OidcDiscovery, AuthError> {
        let url = format!("{}{DISCOVERY_PATH}", self.inner.client.oauth_base_url());
        self.get_public(OP_DISCOVERY, &url, DISCOVERY_PATH).await
    }

    pub(super) async fn get_public<T: DeserializeOwned>(
        &self,
        operation: &'static str,
        url: &str,
        endpoint: &'static str,
    ) -> Result<T, AuthError> {
        tracing::debug!(endpoint, "fetching LinkedIn OIDC metadata");
        // The JWKS URL comes from the discovery document: the choke point applies the same
        // scheme rule to it as to the base URLs.
        self.call(Call::new(operation, Method::GET, endpoint, url))
            .await
    }
}
