//! Errors of the OAuth / OIDC flows.

use std::fmt;

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
    #[error("ID token rejected: {0}")]
    IdToken(#[from] IdTokenError),
    /// A non-2xx response that is not an OAuth error body.
    #[error("HTTP {status} from {endpoint}: {snippet}")]
    Http {
        /// HTTP status.
        status: u16,
        /// The endpoint path, e.g. `/oauth/v2/accessToken`.
        endpoint: &'static str,
        /// The start of the body, with any secret sent in the request removed.
        snippet: String,
    },
    /// A 2xx response whose body could not be decoded.
    #[error("could not decode the response of {endpoint}: {message}")]
    Decode {
        /// The endpoint path.
        endpoint: &'static str,
        /// The JSON error message (scrubbed of any token).
        message: String,
    },
    /// Connection, TLS or timeout failure.
    #[error("HTTP transport error calling {endpoint}: {source}")]
    Transport {
        /// The endpoint path.
        endpoint: &'static str,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The server answered with a redirect (3xx). OAuth requests never follow one: the form
    /// carries the client secret and the authorization code.
    #[error("HTTP {status} from {endpoint}: a redirect{}, not followed", location.as_deref().map(|l| format!(" to `{l}`")).unwrap_or_default())]
    Redirect {
        /// The endpoint path.
        endpoint: &'static str,
        /// The 3xx status.
        status: u16,
        /// The `Location` header, when sent (bounded).
        location: Option<String>,
    },
    /// A 2xx response body was larger than the limit (1 MiB); reading stopped there.
    #[error("the response of {endpoint} is larger than {limit} bytes")]
    BodyTooLarge {
        /// The endpoint path.
        endpoint: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// Invalid configuration (e.g. a base URL that does not parse, or plain `http://`).
    #[error("invalid OAuth configuration: {0}")]
    Config(String),
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
}

fn fmt_description(description: &Option<String>) -> String {
    match description {
        Some(d) => format!(": {d}"),
        None => String::new(),
    }
}

/// The `error` of a failed authorization redirect.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthorizationErrorKind {
    /// The member cancelled the sign-in.
    UserCancelledLogin,
    /// The member refused to authorize the app.
    UserCancelledAuthorize,
    /// Any other error code (e.g. `invalid_scope`, `unauthorized_scope_error`).
    Other(String),
}

impl AuthorizationErrorKind {
    /// Maps the wire value.
    pub fn from_code(code: &str) -> Self {
        match code {
            "user_cancelled_login" => Self::UserCancelledLogin,
            "user_cancelled_authorize" => Self::UserCancelledAuthorize,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::UserCancelledLogin => "user_cancelled_login",
            Self::UserCancelledAuthorize => "user_cancelled_authorize",
            Self::Other(s) => s,
        }
    }

    /// `true` when the member cancelled (either variant).
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            Self::UserCancelledLogin | Self::UserCancelledAuthorize
        )
    }
}

impl fmt::Display for AuthorizationErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
