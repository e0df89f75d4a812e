//! Errors of the OAuth / OIDC flows.

use crate::error::{ConfigError, ConfigErrorKind, Error};

/// Everything that can go wrong in [`crate::auth`].
///
/// No variant ever holds a token, code or client secret: response snippets are scrubbed of the
/// secrets that were sent in the request before they are stored.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The OAuth server answered with an OAuth error body (`{"error", "error_description"}`),
    /// e.g. `invalid_request` for an expired code or revoked refresh token.
    #[error("OAuth error `{error}` (HTTP {status}){}", fmt_description(.description))]
    OAuth {
        /// HTTP status of the response.
        status: u16,
        /// The `error` code, e.g. `invalid_request`, `invalid_client`, `unauthorized_client`.
        error: String,
        /// The human-readable `error_description`, if any.
        description: Option<String>,
    },
    /// The member (or LinkedIn) refused the authorization: the redirect carried `error`
    /// (e.g. `user_cancelled_login`, `user_cancelled_authorize`).
    #[error("authorization denied: {kind}{}", fmt_description(.description))]
    Denied {
        /// What the redirect's `error` said.
        kind: AuthorizationErrorKind,
        /// The redirect's `error_description`, if any.
        description: Option<String>,
    },
    /// The redirect's `state` is missing or differs from the one sent: a possible CSRF attempt
    /// (or a redirect that belongs to another authorization request).
    #[error("the `state` in the redirect does not match the authorization request")]
    StateMismatch,
    /// The redirect carried neither `code` nor `error`.
    #[error("invalid authorization redirect: {0}")]
    InvalidRedirect(String),
    /// ID-token verification failed.
    #[error("ID token rejected")]
    IdToken(#[from] IdTokenError),
    /// The exchange with LinkedIn failed the way any call can, with the same [`Error`] kinds
    /// as API calls: it was refused by an interceptor, could not be sent, timed out, was
    /// redirected (never followed: the form carries the client secret and the code), was too
    /// large (OAuth answers are read up to 1 MiB), answered a non-2xx status without an OAuth
    /// error body ([`Error::Api`], e.g. a 401 from `userinfo` or an HTML 502), or a 2xx body
    /// that did not decode ([`Error::Decode`]). Every secret of the request is redacted.
    #[error(transparent)]
    Request(Box<Error>),
    /// Invalid configuration (e.g. a base URL that does not parse, or plain `http://`), or a
    /// caller-supplied HTTP client that followed a redirect.
    #[error("invalid OAuth configuration: {0}")]
    Config(ConfigError),
}

impl AuthError {
    /// `true` for the OAuth `error` code `code` (from the token endpoint or the redirect).
    pub fn is_oauth_error(&self, code: &str) -> bool {
        match self {
            AuthError::OAuth { error, .. } => error == code,
            AuthError::Denied { kind, .. } => kind.as_str() == code,
            _ => false,
        }
    }

    /// The underlying call error, for [`AuthError::Request`].
    pub fn request_error(&self) -> Option<&Error> {
        match self {
            AuthError::Request(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status LinkedIn answered with, when it answered with an error.
    pub fn status(&self) -> Option<http::StatusCode> {
        match self {
            AuthError::OAuth { status, .. } => http::StatusCode::from_u16(*status).ok(),
            AuthError::Request(e) => match &**e {
                Error::Redirect { status, .. } => Some(*status),
                e => e.status(),
            },
            _ => None,
        }
    }

    /// Whether the request may have reached LinkedIn (see [`Error::may_have_reached_server`]):
    /// `true` for an OAuth error answer, `false` for what is checked locally (a redirect's
    /// `state`, an ID token, the configuration).
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            AuthError::OAuth { .. } => true,
            AuthError::Request(e) => e.may_have_reached_server(),
            _ => false,
        }
    }
}

/// The exchange's error as the auth API reports it: OAuth errors and configuration errors as
/// themselves, everything else as [`AuthError::Request`].
impl From<Error> for AuthError {
    fn from(e: Error) -> Self {
        match e {
            Error::Auth(e) => *e,
            Error::Config(e) => AuthError::Config(e),
            other => AuthError::Request(Box::new(other)),
        }
    }
}

impl AuthError {
    pub(crate) fn config(kind: ConfigErrorKind, message: impl Into<String>) -> Self {
        AuthError::Config(ConfigError::new(kind, message))
    }
}

fn fmt_description(description: &Option<String>) -> String {
    match description {
        Some(d) => format!(": {d}"),
        None => String::new(),
    }
}

crate::open_enum! {
    /// The `error` of a failed authorization redirect; any other code LinkedIn sends (e.g.
    /// `invalid_scope`, `unauthorized_scope_error`) is kept in `Unknown`.
    pub enum AuthorizationErrorKind {
        /// The member cancelled the sign-in.
        UserCancelledLogin = "user_cancelled_login",
        /// The member refused to authorize the app.
        UserCancelledAuthorize = "user_cancelled_authorize",
    }
}

impl AuthorizationErrorKind {
    /// `true` when the member cancelled (either variant).
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            Self::UserCancelledLogin | Self::UserCancelledAuthorize
        )
    }
}

/// Why an ID token was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdTokenError {
    /// The token is not a well-formed JWT, or its header could not be read.
    #[error("malformed token: {0}")]
    Malformed(String),
    /// The header's `alg` is not RS256.
    #[error("unsupported algorithm {0} (expected RS256)")]
    UnsupportedAlgorithm(String),
    /// The header has no `kid`.
    #[error("the token header has no `kid`")]
    MissingKid,
    /// No key in the JWKS has the token's `kid` (even after refreshing the key set).
    #[error("no key with kid `{0}` in the JWKS")]
    UnknownKid(String),
    /// The JWK with that `kid` could not be used as an RS256 key.
    #[error("unusable JWK `{kid}`: {reason}")]
    InvalidKey {
        /// The key id.
        kid: String,
        /// What was wrong.
        reason: String,
    },
    /// The signature does not verify against the key.
    #[error("bad signature")]
    BadSignature,
    /// `iss` is not the issuer from the discovery document.
    #[error("wrong issuer")]
    WrongIssuer,
    /// `aud` does not contain the client id.
    #[error("wrong audience")]
    WrongAudience,
    /// `exp` is in the past (beyond the leeway).
    #[error("token expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway): the token is not valid yet.
    #[error("token not valid yet (nbf is in the future)")]
    NotYetValid,
    /// A claim that must be present is missing (`exp`, `iss`, `aud`, `sub` or `nonce`).
    #[error("missing claim `{0}`")]
    MissingClaim(String),
    /// `nonce` differs from the one of the authorization request.
    #[error("nonce mismatch")]
    NonceMismatch,
    /// Any other validation failure.
    #[error("{0}")]
    Invalid(String),
}

#[cfg(feature = "oidc")]
impl From<jsonwebtoken::errors::Error> for IdTokenError {
    fn from(e: jsonwebtoken::errors::Error) -> Self {
        use jsonwebtoken::errors::ErrorKind as K;
        match e.kind() {
            K::InvalidSignature => Self::BadSignature,
            K::InvalidIssuer => Self::WrongIssuer,
            K::InvalidAudience => Self::WrongAudience,
            K::ExpiredSignature => Self::Expired,
            K::ImmatureSignature => Self::NotYetValid,
            K::MissingRequiredClaim(c) => Self::MissingClaim(c.clone()),
            K::InvalidAlgorithm => Self::UnsupportedAlgorithm("(token alg)".into()),
            K::InvalidToken | K::Base64(_) | K::Json(_) | K::Utf8(_) => {
                Self::Malformed(e.to_string())
            }
            _ => Self::Invalid(e.to_string()),
        }
    }
}
