//! Where a [`Client`](crate::Client) gets its access token when it is not a fixed one: a
//! [`TokenProvider`], asked before each call; [`RefreshingToken`] is the one most apps want.
//!
//! The client asks the provider after the [interceptors](crate::interceptor) have let the call
//! through and before the scope check, so a refusal costs no refresh and the check uses the
//! scopes of the token actually sent.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::client::OAuthClient;
use super::error::AuthError;
use super::token::{Scopes, TokenSet};
use crate::Secret;

/// A boxed, `Send` future: what [`TokenProvider`]'s methods return, so the trait stays
/// object-safe (a client holds an `Arc<dyn TokenProvider>`) without an `async-trait` dependency.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The token a call is sent with, and the scopes it was granted when known.
#[derive(Debug, Clone)]
pub struct AccessToken {
    /// The bearer token.
    pub token: Secret,
    /// The scopes the token was granted; `None` when unknown (the client then uses the scopes
    /// it was built with, if any: [`ClientBuilder::granted_scopes`](crate::ClientBuilder::granted_scopes)).
    pub scopes: Option<Scopes>,
}

impl AccessToken {
    /// A token whose scopes are unknown.
    pub fn new(token: impl Into<Secret>) -> Self {
        AccessToken {
            token: token.into(),
            scopes: None,
        }
    }

    /// The token of a token response, with its scopes when the response listed any.
    pub fn from_token_set(tokens: &TokenSet) -> Self {
        AccessToken {
            token: tokens.access_token.clone(),
            scopes: (!tokens.scopes.is_empty()).then(|| tokens.scopes.clone()),
        }
    }
}

/// Supplies the access token of each call ([`ClientBuilder::token_provider`](crate::ClientBuilder::token_provider)).
///
/// `token` is awaited once per call (and once more after a rejected token, see
/// [`token_rejected`](Self::token_rejected)), so it should be cheap when the token is fresh:
/// cache it, as [`RefreshingToken`] does.
pub trait TokenProvider: Send + Sync + 'static {
    /// The token to send now. An error ends the call with [`Error::Auth`](crate::Error::Auth)
    /// before anything is sent to the API.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>>;

    /// LinkedIn answered 401 to a call sent with `rejected` (expired early, or revoked). A
    /// provider that can get another token should make the next [`token`](Self::token) do so;
    /// the client then retries the call once, if the call is safe to retry. The default does
    /// nothing (and the client does not retry).
    fn token_rejected(&self, rejected: &Secret) {
        let _ = rejected;
    }
}

/// How a [`RefreshingToken`] gets a new token set from the current one.
type Refresh = dyn Fn(TokenSet) -> BoxFuture<'static, Result<TokenSet, AuthError>> + Send + Sync;

/// An access token that is refreshed before it expires.
///
/// It holds a [`TokenSet`] and hands out its access token until the token is within the margin
/// of its expiry (default [`RefreshingToken::DEFAULT_MARGIN`]) or LinkedIn rejected it; then the
/// next caller refreshes it, with [`OAuthClient::refresh`] ([`RefreshingToken::new`]) or any
/// function of yours ([`RefreshingToken::with_refresh`]). Under concurrency exactly one refresh
/// is in flight: the other calls wait for it and use its result. A token without a known expiry
/// is refreshed only after LinkedIn rejects it.
///
/// When the refresh's answer lists scopes, they are the client's granted scopes from then on
/// (the local scope check, [`Error::MissingScopes`](crate::Error::MissingScopes), uses them);
/// when it lists none, the previous ones stay. A refresh answer without a refresh token keeps
/// the previous refresh token and its expiry.
///
/// Cheap to clone: clones share the token (each keeps its own margin).
#[derive(Clone)]
pub struct RefreshingToken {
    inner: Arc<Inner>,
    margin: Duration,
}

struct Inner {
    refresh: Box<Refresh>,
    state: tokio::sync::Mutex<State>,
    /// The access token LinkedIn last rejected. Kept apart from `state` so that a rejection is
    /// recorded at once even while a call holds `state` (reading or refreshing); the next
    /// `access_token` refreshes if it is still the current token.
    rejected: std::sync::Mutex<Option<Secret>>,
}

struct State {
    tokens: TokenSet,
    refreshes: u64,
}

impl fmt::Debug for RefreshingToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingToken")
            .field("margin", &self.margin)
            .finish_non_exhaustive()
    }
}

impl RefreshingToken {
    /// How long before its expiry a token is refreshed, unless set with
    /// [`with_margin`](Self::with_margin): long enough for a call started just before to finish.
    pub const DEFAULT_MARGIN: Duration = Duration::from_secs(5 * 60);

    /// Refreshes `tokens` with `oauth` ([`OAuthClient::refresh`] and the set's refresh token).
    /// LinkedIn issues refresh tokens only to apps enabled for programmatic refresh; without one
    /// (or once it has expired) a due refresh fails with [`AuthError::Config`] and sends nothing.
    pub fn new(tokens: TokenSet, oauth: OAuthClient) -> Self {
        Self::with_refresh(tokens, move |current: TokenSet| {
            let oauth = oauth.clone();
            async move {
                let refresh_token = match &current.refresh_token {
                    Some(token) if !current.is_refresh_token_expired(SystemTime::now()) => token,
                    Some(_) => return Err(no_refresh_token("the refresh token has expired")),
                    None => return Err(no_refresh_token("the token set has no refresh token")),
                };
                oauth.refresh(refresh_token).await
            }
        })
    }

    /// Refreshes `tokens` with `refresh`, a function of yours given the current token set (e.g.
    /// one that asks your own token service, or reads a file another process keeps fresh). It
    /// gets the same caching, single flight and scope re-learning as [`new`](Self::new).
    pub fn with_refresh<F, Fut>(tokens: TokenSet, refresh: F) -> Self
    where
        F: Fn(TokenSet) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<TokenSet, AuthError>> + Send + 'static,
    {
        RefreshingToken {
            inner: Arc::new(Inner {
                refresh: Box::new(move |tokens| Box::pin(refresh(tokens))),
                state: tokio::sync::Mutex::new(State {
                    tokens,
                    refreshes: 0,
                }),
                rejected: std::sync::Mutex::new(None),
            }),
            margin: Self::DEFAULT_MARGIN,
        }
    }

    /// Refreshes this long before the expiry instead of [`DEFAULT_MARGIN`](Self::DEFAULT_MARGIN).
    pub fn with_margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// The current token set (refreshed or not), e.g. to store it after a refresh.
    pub async fn token_set(&self) -> TokenSet {
        self.inner.state.lock().await.tokens.clone()
    }

    fn rejected(&self) -> std::sync::MutexGuard<'_, Option<Secret>> {
        self.inner
            .rejected
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How many refreshes have succeeded.
    pub async fn refreshes(&self) -> u64 {
        self.inner.state.lock().await.refreshes
    }

    /// The current access token, refreshed first when due (see the type's docs).
    pub async fn access_token(&self) -> Result<AccessToken, AuthError> {
        // The lock is held across the refresh: that is the single flight. Callers that arrive
        // meanwhile wait here, then find a fresh token and return it without refreshing.
        let mut state = self.inner.state.lock().await;
        let rejected = self
            .rejected()
            .as_ref()
            .is_some_and(|rejected| *rejected == state.tokens.access_token);
        if rejected || state.tokens.expires_within(self.margin) {
            let fresh = (self.inner.refresh)(state.tokens.clone()).await?;
            state.tokens = merge(&state.tokens, fresh);
            state.refreshes += 1;
            tracing::debug!(
                scopes = %state.tokens.scopes,
                "refreshed the LinkedIn access token"
            );
        }
        Ok(AccessToken::from_token_set(&state.tokens))
    }
}

impl TokenProvider for RefreshingToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin(self.access_token())
    }

    fn token_rejected(&self, rejected: &Secret) {
        // Only the token that was rejected counts: if another call has refreshed meanwhile, the
        // new token stands (`access_token` compares before refreshing).
        *self.rejected() = Some(rejected.clone());
    }
}

/// The refreshed set, keeping what a refresh answer may leave out: the scopes and the refresh
/// token (with its expiry, fixed at the first grant).
fn merge(old: &TokenSet, mut fresh: TokenSet) -> TokenSet {
    if fresh.scopes.is_empty() {
        fresh.scopes = old.scopes.clone();
    }
    if fresh.refresh_token.is_none() {
        fresh.refresh_token = old.refresh_token.clone();
        fresh.refresh_token_expires_at = old.refresh_token_expires_at;
    }
    fresh
}

fn no_refresh_token(why: &str) -> AuthError {
    AuthError::config(
        crate::error::ConfigErrorKind::InvalidArgument,
        format!("the access token is due for a refresh, but {why}: sign the member in again"),
    )
}

/// A provider that always answers the same token: what a client built with
/// [`access_token`](crate::ClientBuilder::access_token) uses, offered for tests and wrappers.
#[derive(Debug, Clone)]
pub struct StaticToken(pub AccessToken);

impl TokenProvider for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// A provider from a closure returning a future: any source of tokens (a secrets manager, a
/// token service). No caching or single flight: wrap a [`RefreshingToken`] around your refresh
/// with [`RefreshingToken::with_refresh`] for that.
pub fn token_fn<F, Fut>(f: F) -> impl TokenProvider
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, AuthError>> + Send + 'static,
{
    FnProvider(f)
}

struct FnProvider<F>(F);

impl<F, Fut> TokenProvider for FnProvider<F>
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AccessToken, AuthError>> + Send + 'static,
{
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, AuthError>> {
        Box::pin((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn expiring_in(secs: u64, token: &str) -> TokenSet {
        TokenSet::new(token, Some(SystemTime::now() + Duration::from_secs(secs)))
    }

    #[tokio::test]
    async fn fresh_tokens_are_not_refreshed_and_due_ones_are_once() {
        let calls = Arc::new(AtomicU32::new(0));
        let counter = Arc::clone(&calls);
        let provider = RefreshingToken::with_refresh(expiring_in(3600, "old"), move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Ok(expiring_in(3600, "new")) }
        });
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "old");
        assert_eq!(calls.load(Ordering::SeqCst), 0);

        let due = RefreshingToken::with_refresh(expiring_in(60, "old"), {
            let calls = Arc::clone(&calls);
            move |_| {
                calls.fetch_add(1, Ordering::SeqCst);
                async { Ok(expiring_in(3600, "new")) }
            }
        });
        assert_eq!(due.access_token().await.unwrap().token.expose(), "new");
        assert_eq!(due.access_token().await.unwrap().token.expose(), "new");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    /// By default a token is refreshed five minutes before it expires: one expiring in two
    /// minutes could run out in the middle of a call (a long upload) and is replaced now.
    #[tokio::test]
    async fn by_default_a_token_expiring_within_five_minutes_is_refreshed() {
        let provider = RefreshingToken::with_refresh(expiring_in(120, "old"), |_| async {
            Ok(expiring_in(3600, "new"))
        });
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "new");
        let provider = RefreshingToken::with_refresh(expiring_in(360, "old"), |_| async {
            Ok(expiring_in(3600, "new"))
        });
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "old");
    }

    #[tokio::test]
    async fn the_margin_decides_when_a_token_is_due() {
        let provider = RefreshingToken::with_refresh(expiring_in(600, "old"), |_| async {
            Ok(expiring_in(3600, "new"))
        });
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "old");
        let provider = RefreshingToken::with_refresh(expiring_in(600, "old"), |_| async {
            Ok(expiring_in(3600, "new"))
        })
        .with_margin(Duration::from_secs(900));
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "new");
    }

    #[tokio::test]
    async fn a_rejected_token_is_refreshed_but_a_stale_rejection_is_ignored() {
        let provider = RefreshingToken::with_refresh(TokenSet::new("old", None), |_| async {
            Ok(TokenSet::new("new", None))
        });
        provider.token_rejected(&Secret::from("someone-else"));
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "old");
        provider.token_rejected(&Secret::from("old"));
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "new");
        assert_eq!(provider.refreshes().await, 1);
    }

    #[tokio::test]
    async fn refresh_answers_keep_what_they_leave_out() {
        let mut old = expiring_in(0, "old");
        old.refresh_token = Some(Secret::from("R"));
        old.scopes = Scopes::parse("r_basicprofile");
        let provider =
            RefreshingToken::with_refresh(old, |_| async { Ok(expiring_in(3600, "new")) });
        let token = provider.access_token().await.unwrap();
        assert_eq!(token.scopes.unwrap().to_string(), "r_basicprofile");
        let set = provider.token_set().await;
        assert_eq!(set.refresh_token.unwrap().expose(), "R");
    }

    #[tokio::test]
    async fn a_failed_refresh_is_an_error_and_is_tried_again_next_time() {
        let fail = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let flag = Arc::clone(&fail);
        let provider = RefreshingToken::with_refresh(expiring_in(0, "old"), move |_| {
            let fail = flag.load(Ordering::SeqCst);
            async move {
                if fail {
                    Err(no_refresh_token("test"))
                } else {
                    Ok(expiring_in(3600, "new"))
                }
            }
        });
        let err = provider.access_token().await.unwrap_err();
        assert!(err.to_string().contains("due for a refresh"), "{err}");
        fail.store(false, Ordering::SeqCst);
        assert_eq!(provider.access_token().await.unwrap().token.expose(), "new");
    }

    #[test]
    fn debug_shows_no_token() {
        let provider =
            RefreshingToken::with_refresh(TokenSet::new("AQ-secret", None), |t| async { Ok(t) });
        let shown = format!("{provider:?}");
        assert!(!shown.contains("AQ-secret"), "{shown}");
        // It still says what it is and its margin (a margin set wrongly is what one looks for).
        assert!(
            shown.contains("RefreshingToken") && shown.contains("margin: 300s"),
            "{shown}"
        );
        let token = AccessToken::new("AQ-secret");
        assert!(!format!("{token:?}").contains("AQ-secret"));
    }
}
