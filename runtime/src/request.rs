//! A description of one Rest.li call, built by generated code (or by hand) and run by
//! [`Client`](crate::Client).
//!
//! A [`Request`] is plain data: the Rest.li method, the already-encoded path, the Rest.li-encoded
//! query, an optional JSON body. Building never fails; an encoding error is kept and returned by
//! the client when the request is sent, so builders chain without `?`.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use serde::Serialize;

use crate::area::{Area, Effect};
use crate::restli::{self, EncodeError};
use crate::retry::RetryPolicy;

/// A Rest.li method. Each maps to one HTTP method and is named in the `X-RestLi-Method` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RestliMethod {
    /// Read one entity: `GET /coll/{key}`.
    Get,
    /// Read several entities: `GET /coll?ids=List(…)`.
    BatchGet,
    /// Read a whole collection: `GET /coll`.
    GetAll,
    /// Search: `GET /coll?q=finder&…`.
    Finder,
    /// Several searches at once: `GET /coll?bq=finder&…`.
    BatchFinder,
    /// Create one entity: `POST /coll`.
    Create,
    /// Create several entities: `POST /coll` with `{"elements": […]}`.
    BatchCreate,
    /// Replace one entity: `PUT /coll/{key}`.
    Update,
    /// Replace several entities: `PUT /coll?ids=List(…)`.
    BatchUpdate,
    /// Change some fields: `POST /coll/{key}` with `{"patch": …}`.
    PartialUpdate,
    /// Change some fields of several entities: `POST /coll?ids=List(…)`.
    BatchPartialUpdate,
    /// Delete one entity: `DELETE /coll/{key}`.
    Delete,
    /// Delete several entities: `DELETE /coll?ids=List(…)`.
    BatchDelete,
    /// Run an action: `POST /coll?action=name`.
    Action,
}

impl RestliMethod {
    /// The HTTP method Rest.li uses for this method.
    pub fn http_method(self) -> Method {
        use RestliMethod::*;
        match self {
            Get | BatchGet | GetAll | Finder | BatchFinder => Method::GET,
            Create | BatchCreate | PartialUpdate | BatchPartialUpdate | Action => Method::POST,
            Update | BatchUpdate => Method::PUT,
            Delete | BatchDelete => Method::DELETE,
        }
    }

    /// The `X-RestLi-Method` header value, e.g. `BATCH_GET`.
    pub fn header_value(self) -> &'static str {
        use RestliMethod::*;
        match self {
            Get => "GET",
            BatchGet => "BATCH_GET",
            GetAll => "GET_ALL",
            Finder => "FINDER",
            BatchFinder => "BATCH_FINDER",
            Create => "CREATE",
            BatchCreate => "BATCH_CREATE",
            Update => "UPDATE",
            BatchUpdate => "BATCH_UPDATE",
            PartialUpdate => "PARTIAL_UPDATE",
            BatchPartialUpdate => "BATCH_PARTIAL_UPDATE",
            Delete => "DELETE",
            BatchDelete => "BATCH_DELETE",
            Action => "ACTION",
        }
    }

    /// Whether sending the call twice has the same effect as once, so it may be retried
    /// automatically: reads, full updates and deletes. Creates, partial updates (which may
    /// append to lists) and actions are not.
    pub fn is_idempotent(self) -> bool {
        use RestliMethod::*;
        matches!(
            self,
            Get | BatchGet
                | GetAll
                | Finder
                | BatchFinder
                | Update
                | BatchUpdate
                | Delete
                | BatchDelete
        )
    }

    /// All methods, in the order of the Rest.li documentation.
    pub const ALL: [RestliMethod; 14] = {
        use RestliMethod::*;
        [
            Get,
            BatchGet,
            GetAll,
            Finder,
            BatchFinder,
            Create,
            BatchCreate,
            Update,
            BatchUpdate,
            PartialUpdate,
            BatchPartialUpdate,
            Delete,
            BatchDelete,
            Action,
        ]
    };
}

/// One Rest.li call: method, encoded path and query, version, optional JSON body.
///
/// ```
/// use linkedin_api::request::{Request, RestliMethod};
/// use linkedin_api::restli::encode_key;
///
/// let post = "urn:li:share:1";
/// let req = Request::restli(
///     "posts.get",
///     RestliMethod::Get,
///     "/rest/posts/{postUrn}",
///     format!("/rest/posts/{}", encode_key(post)),
/// )
/// .version("202606")
/// .query("viewContext", "AUTHOR");
/// assert_eq!(req.query_string(), "viewContext=AUTHOR");
/// ```
#[derive(Debug, Clone)]
pub struct Request {
    /// Boxed so the builder chain moves a pointer, not the whole call: moving the 248-byte
    /// struct at every `.query(…)` was a third of the time spent building a request.
    pub(crate) p: Box<Parts>,
}

/// What a [`Request`] holds.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) operation: &'static str,
    pub(crate) method: RestliMethod,
    pub(crate) path_template: Cow<'static, str>,
    pub(crate) path: Cow<'static, str>,
    pub(crate) version: Option<Cow<'static, str>>,
    /// The encoded query string, `a=1&b=2`, built as parameters are added (one buffer, no
    /// per-parameter allocation).
    pub(crate) query: String,
    pub(crate) body: Option<Bytes>,
    pub(crate) retry_non_idempotent: bool,
    pub(crate) deadline: Option<Duration>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) scopes: &'static [&'static [&'static str]],
    pub(crate) targets: Vec<String>,
    pub(crate) area: Option<Area>,
    pub(crate) effect: Option<Effect>,
    pub(crate) summary: Option<&'static str>,
    pub(crate) error: Option<EncodeError>,
}

impl Request {
    /// A Rest.li call. `path` is already encoded (keys encoded with
    /// [`restli::encode_key`]); `path_template` is the spec's path, used in traces and errors
    /// (it never holds key values); `operation` is the operationId.
    #[inline]
    pub fn restli(
        operation: &'static str,
        method: RestliMethod,
        path_template: &'static str,
        path: String,
    ) -> Request {
        Self::with_template(
            operation,
            method,
            Cow::Borrowed(path_template),
            Cow::Owned(path),
        )
    }

    #[inline]
    pub(crate) fn with_template(
        operation: &'static str,
        method: RestliMethod,
        path_template: Cow<'static, str>,
        path: Cow<'static, str>,
    ) -> Request {
        let p = Box::new(Parts {
            operation,
            method,
            path_template,
            path,
            version: None,
            // Room for a typical finder's parameters, so the buffer is allocated once.
            query: String::with_capacity(128),
            body: None,
            retry_non_idempotent: false,
            deadline: None,
            attempt_timeout: None,
            retry: None,
            scopes: &[],
            targets: Vec::new(),
            area: None,
            effect: None,
            summary: None,
            error: None,
        });
        Request { p }
    }

    /// Sends `Linkedin-Version: <version>` (`YYYYMM` or `YYYYMM.RR`).
    pub fn version(self, version: &'static str) -> Request {
        self.version_string(version)
    }

    /// Like [`version`](Self::version), for a version chosen at run time.
    pub fn version_string(mut self, version: impl Into<Cow<'static, str>>) -> Request {
        self.p.version = Some(version.into());
        self
    }

    /// Adds `name=<Rest.li 2.0 encoding of value>`. A value that serializes to `null` (e.g. a
    /// `None`) adds nothing. An encoding failure is kept and returned by the client as
    /// [`Error::Encode`](crate::Error::Encode).
    // Inlined so a chain of builder calls edits one `Request` in place instead of moving
    // the whole struct at every step (the moves were a third of building a request).
    #[inline]
    pub fn query<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Request {
        // Most of a finder's optional parameters are absent: skip them before writing a name.
        if restli::is_null(value) {
            return self;
        }
        let start = self.start_parameter(name);
        match restli::append(&mut self.p.query, value) {
            Ok(true) => {}
            Ok(false) => self.p.query.truncate(start),
            Err(err) => {
                self.p.query.truncate(start);
                self.remember(EncodeError::new(format!(
                    "query parameter `{name}`: {}",
                    err.message()
                )));
            }
        }
        self
    }

    /// Adds `name=value` with `value` already encoded (`q=author`, `action=initializeUpload`,
    /// or a `fields=id,name` projection, which LinkedIn wants in Rest.li 1.0 syntax).
    #[inline]
    pub fn query_raw(mut self, name: &str, encoded_value: &str) -> Request {
        self.start_parameter_raw(name);
        self.p.query.push_str(encoded_value);
        self
    }

    /// Appends `&name=` (percent-encoded name) and returns where the parameter starts, so an
    /// absent value can be taken back out.
    fn start_parameter(&mut self, name: &str) -> usize {
        let start = self.p.query.len();
        if start > 0 {
            self.p.query.push('&');
        }
        restli::append_key(&mut self.p.query, name);
        self.p.query.push('=');
        start
    }

    /// Appends `&name=` with the name as given.
    fn start_parameter_raw(&mut self, name: &str) {
        if !self.p.query.is_empty() {
            self.p.query.push('&');
        }
        self.p.query.push_str(name);
        self.p.query.push('=');
    }

    /// Adds a projection, `name=a,b`: the field names joined by commas, each percent-encoded
    /// (so a reserved character in a name cannot change the projection's structure). LinkedIn
    /// reads projections in this plain syntax, not as a Rest.li `List(a,b)`. An empty list adds
    /// nothing (LinkedIn then returns its default fields); an empty name is an encoding error.
    pub fn projection<S: AsRef<str>>(mut self, name: &str, fields: &[S]) -> Request {
        if fields.is_empty() {
            return self;
        }
        if let Some(i) = fields.iter().position(|f| f.as_ref().is_empty()) {
            self.remember(EncodeError::new(format!(
                "projection `{name}`: field name {i} is empty"
            )));
            return self;
        }
        self.start_parameter(name);
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.p.query.push(',');
            }
            restli::append_key(&mut self.p.query, field.as_ref());
        }
        self
    }

    /// Sets the JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Request {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.p.body = Some(Bytes::from(bytes)),
            Err(err) => self.remember(EncodeError::new(format!("request body: {err}"))),
        }
        self
    }

    /// Opts in to automatic retries of a non-idempotent call (CREATE, ACTION, PARTIAL_UPDATE…).
    /// Only do this when a duplicate is harmless or the server deduplicates.
    pub fn retry_non_idempotent(mut self, allow: bool) -> Request {
        self.p.retry_non_idempotent = allow;
        self
    }

    /// This call's total deadline (attempts, backoff and `Retry-After` waits together), instead
    /// of the client's ([`ClientBuilder::deadline`](crate::ClientBuilder::deadline)).
    pub fn deadline(mut self, deadline: Duration) -> Request {
        self.p.deadline = Some(deadline);
        self
    }

    /// The timeout of each attempt of this call, instead of the client's
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Request {
        self.p.attempt_timeout = Some(timeout);
        self
    }

    /// How this call is retried, instead of the client's policy
    /// ([`ClientBuilder::retry_policy`](crate::ClientBuilder::retry_policy)); e.g.
    /// [`RetryPolicy::none`] for a call whose caller retries itself. It never makes a
    /// non-idempotent call retryable: that stays [`retry_non_idempotent`](Self::retry_non_idempotent).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Request {
        self.p.retry = Some(policy);
        self
    }

    /// The OAuth scopes the operation needs: any one of these sets, each in full (the spec's
    /// security requirements). Not sent: [interceptors](crate::interceptor) see them, e.g. to
    /// refuse a call the token cannot make before LinkedIn answers 403.
    pub fn scopes(mut self, scopes: &'static [&'static [&'static str]]) -> Request {
        self.p.scopes = scopes;
        self
    }

    /// Declares an entity the call acts on or for (an organization, ad account or member URN
    /// from its path or query). Repeatable. Not sent: [interceptors](crate::interceptor) see
    /// the targets, e.g. to allow an agent to post only as one organization.
    pub fn target(mut self, target: impl Into<String>) -> Request {
        self.p.targets.push(target.into());
        self
    }

    /// Adds several targets at once (taking the vector over when there are none yet).
    #[inline]
    pub(crate) fn with_targets(mut self, targets: Vec<String>) -> Request {
        if self.p.targets.is_empty() {
            self.p.targets = targets;
        } else {
            self.p.targets.extend(targets);
        }
        self
    }

    /// The part of LinkedIn the call belongs to. Not sent: an access
    /// [policy](crate::policy) decides by it, and denies a call whose area is unknown.
    pub fn area(mut self, area: Area) -> Request {
        self.p.area = Some(area);
        self
    }

    /// Whether the call reads or writes, when it differs from what its Rest.li method says
    /// ([`Effect::of`]): an action that only reads. Not sent.
    pub fn effect(mut self, effect: Effect) -> Request {
        self.p.effect = Some(effect);
        self
    }

    /// The spec's one-line summary of the operation (`Create a post`), for audit records.
    /// Not sent.
    pub fn summary(mut self, summary: &'static str) -> Request {
        self.p.summary = Some(summary);
        self
    }

    /// The area set with [`area`](Self::area), if any.
    pub fn operation_area(&self) -> Option<Area> {
        self.p.area
    }

    /// The call's effect: the one set with [`effect`](Self::effect), else its Rest.li method's.
    pub fn operation_effect(&self) -> Effect {
        self.p.effect.unwrap_or(Effect::of(self.p.method))
    }

    /// The summary set with [`summary`](Self::summary), if any.
    pub fn operation_summary(&self) -> Option<&'static str> {
        self.p.summary
    }

    /// The scopes set with [`scopes`](Self::scopes) (empty when not declared).
    pub fn required_scopes(&self) -> &'static [&'static [&'static str]] {
        self.p.scopes
    }

    /// The targets declared with [`target`](Self::target), in order.
    pub fn targets(&self) -> &[String] {
        &self.p.targets
    }

    /// The deadline set with [`deadline`](Self::deadline), if any.
    pub fn deadline_override(&self) -> Option<Duration> {
        self.p.deadline
    }

    /// The attempt timeout set with [`timeout`](Self::timeout), if any.
    pub fn timeout_override(&self) -> Option<Duration> {
        self.p.attempt_timeout
    }

    /// The retry policy set with [`retry_policy`](Self::retry_policy), if any.
    pub fn retry_policy_override(&self) -> Option<&RetryPolicy> {
        self.p.retry.as_ref()
    }

    /// The operationId.
    pub fn operation(&self) -> &'static str {
        self.p.operation
    }

    /// The Rest.li method.
    pub fn method(&self) -> RestliMethod {
        self.p.method
    }

    /// The spec's path template, e.g. `/rest/posts/{postUrn}`.
    pub fn path_template(&self) -> &str {
        &self.p.path_template
    }

    /// The encoded path, e.g. `/rest/posts/urn%3Ali%3Ashare%3A1`.
    pub fn path(&self) -> &str {
        &self.p.path
    }

    /// The `Linkedin-Version`, if the call is versioned.
    pub fn version_header(&self) -> Option<&str> {
        self.p.version.as_deref()
    }

    /// The encoded query string, without `?`, in the order the parameters were added.
    pub fn query_string(&self) -> &str {
        &self.p.query
    }

    /// The JSON body, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.p.body.as_deref()
    }

    /// Whether the client may retry this call automatically.
    pub fn is_retryable(&self) -> bool {
        self.p.method.is_idempotent() || self.p.retry_non_idempotent
    }

    fn remember(&mut self, err: EncodeError) {
        self.p.error.get_or_insert(err);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn method_table() {
        let expected = [
            ("GET", "GET", true),
            ("BATCH_GET", "GET", true),
            ("GET_ALL", "GET", true),
            ("FINDER", "GET", true),
            ("BATCH_FINDER", "GET", true),
            ("CREATE", "POST", false),
            ("BATCH_CREATE", "POST", false),
            ("UPDATE", "PUT", true),
            ("BATCH_UPDATE", "PUT", true),
            ("PARTIAL_UPDATE", "POST", false),
            ("BATCH_PARTIAL_UPDATE", "POST", false),
            ("DELETE", "DELETE", true),
            ("BATCH_DELETE", "DELETE", true),
            ("ACTION", "POST", false),
        ];
        for (m, (header, http, idempotent)) in RestliMethod::ALL.iter().zip(expected) {
            assert_eq!(m.header_value(), header);
            assert_eq!(m.http_method().as_str(), http);
            assert_eq!(m.is_idempotent(), idempotent, "{m:?}");
        }
    }

    #[test]
    fn query_in_call_order_and_none_skipped() {
        let req = Request::restli("op", RestliMethod::Finder, "/rest/x", "/rest/x".into())
            .query_raw("q", "author")
            .query("author", "urn:li:person:1")
            .query("absent", &None::<i32>)
            .query("ids", &json!(["a", "b"]));
        assert_eq!(
            req.query_string(),
            "q=author&author=urn%3Ali%3Aperson%3A1&ids=List(a,b)"
        );
        assert!(req.p.error.is_none());
    }

    #[test]
    fn projection_is_comma_separated_not_a_list() {
        let none: [&str; 0] = [];
        let req = Request::restli("op", RestliMethod::Finder, "/rest/x", "/rest/x".into())
            .projection("fields", &["impressions", "costInLocalCurrency", "a,b"])
            .projection("empty", &none);
        assert_eq!(
            req.query_string(),
            "fields=impressions,costInLocalCurrency,a%2Cb"
        );
        assert!(req.p.error.is_none());
        let bad = Request::restli("op", RestliMethod::Finder, "/rest/x", "/rest/x".into())
            .projection("fields", &["impressions", ""]);
        assert!(bad.p.error.unwrap().message().contains("`fields`"));
    }

    #[test]
    fn encode_errors_are_deferred() {
        let req = Request::restli("op", RestliMethod::Get, "/x", "/x".into())
            .query("bad", &json!([null]));
        assert!(req.p.error.unwrap().message().contains("`bad`"));
    }
}
