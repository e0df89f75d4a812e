//! OAuth 2.0 and Sign In with LinkedIn (OpenID Connect).
//!
//! [`OAuthClient`] talks to LinkedIn's OAuth host (`https://www.linkedin.com`) and, for
//! `userinfo`, to the API host (`https://api.linkedin.com`):
//!
//! 1. [`OAuthClient::authorization_request`] builds the URL to send the member's browser to,
//!    together with a fresh random `state` (and, for OIDC, a `nonce`). Keep the returned
//!    [`AuthorizationRequest`] (e.g. in the session) until the member comes back.
//! 2. [`AuthorizationRequest::verify_redirect`] checks the returned `state` in constant time
//!    (CSRF protection) and turns the redirect's query into an [`AuthorizationCode`] or a typed
//!    [`AuthError::Denied`] (e.g. `user_cancelled_login`).
//! 3. [`OAuthClient::exchange_code`] swaps the code for a [`TokenSet`];
//!    [`OAuthClient::refresh`] and [`OAuthClient::client_credentials`] are the other grants.
//! 4. `OAuthClient::verify_id_token` (feature `oidc`, on by default) checks an OIDC ID token's
//!    RS256 signature against LinkedIn's JWKS and its `iss`, `aud`, `exp`, `nbf` and `nonce`.
//!
//! Every token, code and client secret is held in a [`Secret`](crate::Secret): none of them is
//! ever printed by `Debug`, `Display`, an error or a log line.
//!
#![cfg_attr(feature = "oidc", doc = "```no_run")]
#![cfg_attr(not(feature = "oidc"), doc = "```ignore")]
//! # async fn demo() -> Result<(), linkedin_api::auth::AuthError> {
//! use linkedin_api::auth::OAuthClient;
//!
//! let oauth = OAuthClient::new("my-client-id", "my-client-secret", "https://app.example/callback")?;
//! let request = oauth.authorization_request(["openid", "profile", "email"]);
//! // … redirect the browser to `request.url`, store `request` in the session …
//! # let query = "code=abc&state=xyz";
//! let code = request.verify_redirect(query)?;
//! let tokens = oauth.exchange_code(&code).await?;
//! if let Some(id_token) = &tokens.id_token {
//!     let claims = oauth.verify_id_token(id_token.expose(), request.nonce.as_deref()).await?;
//!     println!("signed in as {}", claims.sub);
//! }
//! # Ok(()) }
//! ```

//! One module per concern: [`OAuthClient`] and how its requests reach the one HTTP choke point
//! (`client`), its configuration (`config`), the authorization URL and redirect (`authorize`),
//! the token grants (`grant`), introspection (`introspect`), `userinfo` (`userinfo`), OIDC
//! discovery (`discovery`), OIDC data (`oidc`), JWKS and ID-token checks (`id_token`, feature
//! `oidc`), tokens and scopes (`token`),
//! random state (`state`) and errors (`error`).

mod authorize;
mod client;
mod config;
mod discovery;
mod error;
mod grant;
#[cfg(feature = "oidc")]
mod id_token;
mod introspect;
mod oidc;
mod provider;
mod state;
mod token;
mod userinfo;

pub(crate) use state::constant_time_eq;

pub use authorize::{AuthorizationCode, AuthorizationRequest, RedirectParams};
pub use client::OAuthClient;
pub use config::OAuthClientBuilder;
pub use error::{AuthError, AuthorizationErrorKind, IdTokenError};
pub use introspect::{AuthType, Introspection, TokenStatus};
pub use oidc::{IdTokenClaims, Locale, OidcDiscovery, UserInfo};
pub use provider::{AccessToken, BoxFuture, RefreshingToken, StaticToken, TokenProvider, token_fn};
pub use token::{Scopes, TokenSet};

/// The JSON Web Key Set types used for ID-token verification (re-exported from `jsonwebtoken`).
#[cfg(feature = "oidc")]
#[cfg_attr(docsrs, doc(cfg(feature = "oidc")))]
pub use jsonwebtoken::jwk::{Jwk, JwkSet};

/// LinkedIn's OAuth host.
pub const DEFAULT_OAUTH_BASE_URL: &str = "https://www.linkedin.com";
/// LinkedIn's API host (for `/v2/userinfo`).
pub const DEFAULT_API_BASE_URL: &str = "https://api.linkedin.com";
/// The issuer LinkedIn puts in ID tokens (and in its discovery document).
pub const LINKEDIN_ISSUER: &str = "https://www.linkedin.com/oauth";
