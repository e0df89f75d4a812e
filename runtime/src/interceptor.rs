//! The seam every HTTP exchange passes: [`Interceptor`]s see each call before it is sent, may
//! refuse it, and see its outcome after.
//!
//! Every exchange of a [`Client`](crate::Client) goes through one function (Rest.li calls, OAuth
//! and OpenID Connect requests, media upload `PUT`s), and that function runs the client's
//! interceptors, in the order they were registered with
//! [`ClientBuilder::interceptor`](crate::ClientBuilder::interceptor):
//!
//! 1. [`Interceptor::before_send`] gets the call's [`OperationInfo`] (operation id, Rest.li
//!    method, path template, version, the scopes it needs, the entities it targets, the host) —
//!    never the token, a key value or the body. An `Err(Refusal)` ends the call with
//!    [`Error::Refused`](crate::Error::Refused) before anything is sent, and the interceptors
//!    after it are not asked;
//! 2. [`Interceptor::after_outcome`] gets the same info and the [`Outcome`]: status, LinkedIn's
//!    request id, latency, attempts and error kind. Every interceptor sees the outcome, refused
//!    calls included.
//!
//! It is the place for policy (which operations an agent may run, on which organization),
//! quotas (counting calls per member before LinkedIn's daily limits bite), audit logs and
//! metrics. Hooks are synchronous and run on the calling task: keep them short, and hand slow
//! work (writing an audit record) to a channel.
//!
//! ```
//! use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome, Refusal};
//!
//! /// Lets an agent read, never write.
//! struct ReadOnly;
//!
//! impl Interceptor for ReadOnly {
//!     fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
//!         match op.restli_method() {
//!             Some(m) if !m.http_method().is_safe() => Err(Refusal::new("read-only client")),
//!             _ => Ok(()),
//!         }
//!     }
//!
//!     fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
//!         eprintln!("{} -> {:?} in {:?}", op.id(), outcome.status(), outcome.latency());
//!     }
//! }
//!
//! let client = linkedin_api::Client::builder().interceptor(ReadOnly).build().unwrap();
//! # let _ = client;
//! ```

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::{Method, StatusCode};

use crate::area::{Area, Effect};
use crate::error::{BoxError, ErrorKind};
use crate::request::{Request, RestliMethod};

/// Sees every call of a [`Client`](crate::Client) before it is sent and its outcome after. See
/// the [module documentation](self).
pub trait Interceptor: Send + Sync + 'static {
    /// Called once per call, before the first attempt. `Err` refuses the call: nothing is sent,
    /// and the caller gets [`Error::Refused`](crate::Error::Refused).
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        let _ = op;
        Ok(())
    }

    /// Called once per call, after its last attempt (or its refusal).
    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        let _ = (op, outcome);
    }

    /// The name errors give for this interceptor (its type's, by default).
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }
}

/// One interceptor shared by several clients (an API client and an
/// [`OAuthClient`](crate::auth::OAuthClient), say).
impl<T: Interceptor + ?Sized> Interceptor for Arc<T> {
    fn before_send(&self, op: &OperationInfo) -> Result<(), Refusal> {
        (**self).before_send(op)
    }

    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        (**self).after_outcome(op, outcome)
    }

    fn name(&self) -> &'static str {
        (**self).name()
    }
}

/// What an interceptor may know about a call: what it does and to what, never how it is
/// authorized or what it carries (no token, key value, query or body).
#[derive(Debug, Clone)]
pub struct OperationInfo {
    id: &'static str,
    restli_method: Option<RestliMethod>,
    http_method: Method,
    path_template: Cow<'static, str>,
    version: Option<Cow<'static, str>>,
    scopes: &'static [&'static [&'static str]],
    targets: Vec<String>,
    host: String,
    retryable: bool,
    area: Option<Area>,
    effect: Effect,
    summary: Option<&'static str>,
}

impl OperationInfo {
    pub(crate) fn new(
        id: &'static str,
        http_method: Method,
        path_template: impl Into<Cow<'static, str>>,
        host: impl Into<String>,
    ) -> Self {
        // What a plain HTTP exchange does unless its caller says otherwise.
        let effect = if http_method.is_safe() {
            Effect::Read
        } else {
            Effect::Write
        };
        Self {
            id,
            restli_method: None,
            http_method,
            path_template: path_template.into(),
            version: None,
            scopes: &[],
            targets: Vec::new(),
            host: host.into(),
            retryable: false,
            area: None,
            effect,
            summary: None,
        }
    }

    /// What interceptors will see of `request`: as [`Client::execute`](crate::Client::execute)
    /// describes it, except the host, which is empty until a client resolves its URL. For
    /// deciding about a call without sending it (a dry run, listing what an agent may do), e.g.
    /// with [`AgentPolicy::decide`](crate::policy::AgentPolicy::decide).
    pub fn from_request(request: &Request) -> Self {
        Self::new(
            request.p.operation,
            request.p.method.http_method(),
            request.p.path_template.clone(),
            String::new(),
        )
        .with_restli(request.p.method)
        .with_version(request.p.version.clone())
        .with_scopes(request.p.scopes)
        .with_targets(request.p.targets.clone())
        .with_retryable(request.is_retryable())
        .with_area(request.p.area)
        .with_effect(request.operation_effect())
        .with_summary(request.p.summary)
    }

    pub(crate) fn with_host(mut self, host: impl Into<String>) -> Self {
        self.host = host.into();
        self
    }

    pub(crate) fn with_restli(mut self, method: RestliMethod) -> Self {
        self.restli_method = Some(method);
        self.effect = Effect::of(method);
        self
    }

    pub(crate) fn with_area(mut self, area: Option<Area>) -> Self {
        self.area = area;
        self
    }

    pub(crate) fn with_effect(mut self, effect: Effect) -> Self {
        self.effect = effect;
        self
    }

    pub(crate) fn with_summary(mut self, summary: Option<&'static str>) -> Self {
        self.summary = summary;
        self
    }

    pub(crate) fn with_version(mut self, version: Option<Cow<'static, str>>) -> Self {
        self.version = version;
        self
    }

    pub(crate) fn with_scopes(mut self, scopes: &'static [&'static [&'static str]]) -> Self {
        self.scopes = scopes;
        self
    }

    pub(crate) fn with_targets(mut self, targets: Vec<String>) -> Self {
        self.targets = targets;
        self
    }

    pub(crate) fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// The operation id: a Rest.li operation's operationId (`posts.create`), or the runtime's
    /// own (`auth.token`, `auth.introspect`, `auth.userinfo`, `auth.discovery`, `auth.jwks`,
    /// `images.upload`, `videos.uploadPart`).
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The Rest.li method; `None` for exchanges that are not Rest.li calls (OAuth, uploads).
    pub fn restli_method(&self) -> Option<RestliMethod> {
        self.restli_method
    }

    /// The HTTP method of the call as the operation defines it (a tunnelled GET is still GET).
    pub fn http_method(&self) -> &Method {
        &self.http_method
    }

    /// The path template, e.g. `/rest/posts/{postUrn}` (never key values; `{uploadUrl}` for an
    /// upload).
    pub fn path_template(&self) -> &str {
        &self.path_template
    }

    /// The `Linkedin-Version` sent, if the call is versioned.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The OAuth scopes the operation needs: any one of these sets, each set in full (empty
    /// when not declared).
    pub fn scopes(&self) -> &'static [&'static [&'static str]] {
        self.scopes
    }

    /// The entities the call acts on or for (organization, ad account, member URNs), as the
    /// request declared them with [`Request::target`](crate::request::Request::target).
    pub fn targets(&self) -> &[String] {
        &self.targets
    }

    /// The host the call goes to (`api.linkedin.com`, `www.linkedin.com`, an upload host).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether the client may send it more than once (retries).
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// The part of LinkedIn the call belongs to: the spec's `x-linkedin-area` for generated
    /// operations, [`Area::Identity`] for the OAuth and OpenID Connect exchanges (`auth.*`),
    /// [`Area::Media`] for upload `PUT`s; `None` for a hand-built [`Request`] that did not set
    /// [`Request::area`].
    pub fn area(&self) -> Option<Area> {
        self.area
    }

    /// Whether the call reads or writes: the Rest.li method's effect unless the spec overrides
    /// it (`x-linkedin-effect`); `auth.*` exchanges read (they change nothing on LinkedIn the
    /// member sees), upload `PUT`s write.
    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// The spec's one-line summary of the operation (`Create a post`), if known.
    pub fn summary(&self) -> Option<&'static str> {
        self.summary
    }
}

/// How a call ended, as an interceptor sees it.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub(crate) status: Option<StatusCode>,
    pub(crate) request_id: Option<String>,
    pub(crate) created_id: Option<String>,
    pub(crate) latency: Duration,
    pub(crate) attempts: u32,
    pub(crate) error: Option<ErrorKind>,
    pub(crate) may_have_reached_server: bool,
    /// The refusing interceptor's name and its reason, when one refused the call.
    pub(crate) refusal: Option<(&'static str, String)>,
}

impl Outcome {
    /// The status of the last answer, if LinkedIn answered.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// LinkedIn's request id of the last answer (`x-li-request-id`, else `x-li-uuid`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The created entity's key as sent in `x-restli-id` (a CREATE's answer), undecoded.
    pub fn created_id(&self) -> Option<&str> {
        self.created_id.as_deref()
    }

    /// From the first attempt to the end of the call, backoff waits included.
    pub fn latency(&self) -> Duration {
        self.latency
    }

    /// How many attempts were made (0 when refused before sending).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The kind of error the call ended with; `None` on success.
    pub fn error(&self) -> Option<ErrorKind> {
        self.error
    }

    /// Whether the call succeeded.
    pub fn is_success(&self) -> bool {
        self.error.is_none()
    }

    /// Whether the request may have reached LinkedIn (see
    /// [`Error::may_have_reached_server`](crate::Error::may_have_reached_server)); `true` on
    /// success.
    pub fn may_have_reached_server(&self) -> bool {
        self.may_have_reached_server
    }

    /// The [name](Interceptor::name) of the interceptor that refused the call before it was
    /// sent; `None` when none did.
    pub fn refused_by(&self) -> Option<&'static str> {
        self.refusal.as_ref().map(|(by, _)| *by)
    }

    /// Why the call was refused before it was sent (the [`Refusal`]'s reason, e.g. "agent
    /// `social-bot` may only read comments"); `None` when it was not.
    pub fn refusal_reason(&self) -> Option<&str> {
        self.refusal.as_ref().map(|(_, reason)| reason.as_str())
    }
}

/// An interceptor's refusal of a call. Carries a reason and, optionally, the interceptor's own
/// typed error, reachable as the [`source`](std::error::Error::source) (and by downcasting).
#[derive(Debug)]
pub struct Refusal {
    reason: Cow<'static, str>,
    source: Option<BoxError>,
}

impl Refusal {
    /// A refusal with this reason (shown in the error).
    pub fn new(reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            reason: reason.into(),
            source: None,
        }
    }

    /// Attaches the interceptor's own error (e.g. a policy decision type).
    pub fn with_source(mut self, source: impl Into<BoxError>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The reason.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refusal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The interceptors of a client, in order.
#[derive(Clone, Default)]
pub(crate) struct Interceptors(Vec<Arc<dyn Interceptor>>);

impl Interceptors {
    pub(crate) fn push(&mut self, interceptor: Arc<dyn Interceptor>) {
        self.0.push(interceptor);
    }

    /// Asks each interceptor in turn; the first refusal wins (with its interceptor's name).
    pub(crate) fn before_send(&self, op: &OperationInfo) -> Result<(), (&'static str, Refusal)> {
        for interceptor in &self.0 {
            interceptor
                .before_send(op)
                .map_err(|refusal| (interceptor.name(), refusal))?;
        }
        Ok(())
    }

    pub(crate) fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        for interceptor in &self.0 {
            interceptor.after_outcome(op, outcome);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Interceptors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|i| i.name()))
            .finish()
    }
}
