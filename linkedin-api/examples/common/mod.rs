//! Setup shared by the examples: a client from `LINKEDIN_ACCESS_TOKEN` and an optional
//! `LINKEDIN_BASE_URL` (point it at a mock server such as Prism to try the examples offline).
#![allow(dead_code)]

use linkedin_api::Client;
use linkedin_api::auth::OAuthClient;
use linkedin_api::urn::PersonUrn;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The base URL to call, when not LinkedIn itself.
pub fn base_url() -> Option<String> {
    std::env::var("LINKEDIN_BASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

fn is_local(url: &str) -> bool {
    url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost")
}

/// A client for `LINKEDIN_ACCESS_TOKEN`, talking to `LINKEDIN_BASE_URL` (and sending uploads to
/// `LINKEDIN_UPLOAD_BASE_URL`) when set: `Client::from_env`, which reads every `LINKEDIN_*`
/// variable of the README's table and allows plain http only to this machine.
pub fn client() -> Result<Client> {
    Ok(Client::from_env()?)
}

/// An OAuth client from `LINKEDIN_CLIENT_ID` / `LINKEDIN_CLIENT_SECRET`, using the mock for both
/// hosts when `LINKEDIN_BASE_URL` is set.
pub fn oauth(redirect_uri: &str) -> Result<OAuthClient> {
    let id = std::env::var("LINKEDIN_CLIENT_ID").unwrap_or_default();
    let secret = std::env::var("LINKEDIN_CLIENT_SECRET").unwrap_or_default();
    let mut builder = OAuthClient::builder(id, secret, redirect_uri);
    if let Some(base) = base_url() {
        builder = builder
            .oauth_base_url(&base)
            .api_base_url(&base)
            .allow_insecure_http(is_local(&base));
    }
    Ok(builder.build()?)
}

/// The member the token belongs to, from Sign In with LinkedIn's `userinfo` (`openid` scope):
/// the token alone is enough, no OAuth app.
pub async fn me(client: &Client) -> Result<PersonUrn> {
    let info = client.userinfo().await?;
    Ok(PersonUrn::from_id(info.sub))
}
