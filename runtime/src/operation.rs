//! The operation model: what every generated operation is to the runtime.
//!
//! Generated code describes an operation and nothing more: a parameters struct, its
//! [`Operation`] impl (identity, Rest.li method, scopes, how the answer decodes, and
//! `to_request`) and, where the collection pages, its [`Paged`] impl. Everything that *does*
//! something lives here and is written once: [`Call::send`], paging ([`Call::pages`],
//! [`Call::items`]), the retry opt-in, the per-call deadline, and the catalogue's JSON call
//! ([`crate::catalog`]).
//!
//! A call is a [`Call`]: a version-independent [`Handle`] (a [`Client`] plus the
//! `Linkedin-Version` to send) and the operation's parameters. The bindings' crate wraps it
//! (`linkedin_api::Call`, which every resource method returns) so that the setters of optional
//! parameters can be inherent methods of `Call<ThatOperation>` there.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use futures::{Stream, StreamExt};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use crate::area::{Area, Effect, UnknownArea, UnknownEffect};
use crate::client::{Client, RawResponse};
use crate::error::Error;
use crate::request::{Request, RestliMethod};
use crate::restli::{ActionResult, Collection, Created};
use crate::retry::RetryPolicy;

/// A [`Client`] bound to the `Linkedin-Version` its calls send.
///
/// It does not depend on a month module, so resources and calls of any month hold the same
/// type; each month's `Api` wraps one.
#[derive(Clone)]
pub struct Handle(
    /// Shared: every call clones its handle twice (`api.posts()`, then `.find_by_author(…)`),
    /// and a `Client` clone is an atomic count per `Arc` it holds (pool, token, provider,
    /// scopes); one count for the whole handle is cheaper.
    Arc<Bound>,
);

struct Bound {
    client: Client,
    version: &'static str,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("client", &self.0.client)
            .field("version", &self.0.version)
            .finish()
    }
}

impl Handle {
    /// Calls through `client` that send `Linkedin-Version: <version>` (`YYYYMM`).
    pub fn new(client: Client, version: &'static str) -> Handle {
        Handle(Arc::new(Bound { client, version }))
    }

    /// The client calls go through.
    pub fn client(&self) -> &Client {
        &self.0.client
    }

    /// The `Linkedin-Version` calls send.
    pub fn version(&self) -> &'static str {
        self.0.version
    }
}

/// One operation of LinkedIn's API, as the spec describes it. Implemented by generated code.
pub trait Operation: Clone + Send + Sync + 'static {
    /// The spec's operationId (`posts.findByAuthor`).
    const ID: &'static str;
    /// The Rest.li method, which also fixes the HTTP method and whether a retry is safe.
    const METHOD: RestliMethod;
    /// The spec's path template (`/rest/posts/{postUrn}`).
    const PATH: &'static str;
    /// The `q=`/`bq=`/`action=` parameter that selects this method on its path, if any.
    const DISCRIMINATOR: Option<(&'static str, &'static str)>;
    /// Whether the call sends `Linkedin-Version` (OAuth-era `/v2` endpoints do not).
    const VERSIONED: bool;
    /// Scope alternatives: a token with every scope of any one inner list may call it; empty
    /// when LinkedIn documents none.
    const SCOPES: &'static [&'static [&'static str]];
    /// The part of LinkedIn the operation belongs to (its tag's `x-linkedin-area`), what access
    /// [policies](crate::policy) decide by.
    const AREA: Area;
    /// Whether it reads or writes: its Rest.li method's [effect](Effect::of) unless the spec
    /// overrides it (`x-linkedin-effect`).
    const EFFECT: Effect;
    /// The spec's one-line summary (`Create a post`), for audit records and tool lists.
    const SUMMARY: &'static str;
    /// How a 2xx answer becomes the call's output.
    type Response: Decode;

    /// The request for these parameters, without the `Linkedin-Version`, scopes, targets or
    /// retry opt-in, which [`Call::to_request`] adds.
    fn to_request(&self) -> Request;

    /// The URNs of the entities the call names in its path or query, then those its body marks
    /// `x-linkedin-target` (the member, organization or ad account it acts as, for or on), for
    /// interceptors and policies.
    fn targets(&self) -> Vec<String> {
        Vec::new()
    }
}

/// An [`Operation`] whose answer is a page of a collection, with its paging parameters.
pub trait Paged: Operation<Response = Json<Collection<Self::Item>>> {
    /// One element of the collection.
    type Item: DeserializeOwned + Serialize + Send + 'static;
    /// The largest page LinkedIn serves for this collection.
    const MAX_PAGE_SIZE: i32;

    /// The paging parameters, to read and set.
    fn window(&mut self) -> Window<'_>;
}

/// The paging parameters of a [`Paged`] operation.
#[derive(Debug)]
pub enum Window<'a> {
    /// `start`/`count`, answered with `paging`.
    Offset {
        /// Index of the first element.
        start: &'a mut Option<i32>,
        /// Elements per page.
        count: &'a mut Option<i32>,
    },
    /// `pageSize`/`pageToken`, answered with `metadata.nextPageToken`.
    Cursor {
        /// Elements per page.
        page_size: &'a mut Option<i32>,
        /// Where the page starts; `None` for the first.
        page_token: &'a mut Option<String>,
    },
}

/// Marks an operation that is not idempotent (a create, a partial update, an action), so that
/// its [`Call`] offers [`Call::retry_on_transient_failure`].
pub trait NotIdempotent: Operation {}

/// One call of an operation: the handle it goes through, its parameters and per-call settings.
/// Nothing is sent until [`send`](Call::send) (or [`pages`](Call::pages)) is awaited.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is sent with `.send().await`"]
pub struct Call<O> {
    handle: Handle,
    pub(crate) params: O,
    /// Boxed, and only when one is set: every builder step moves the call, and most calls set
    /// none, so the settings' ~90 bytes would be copied at each step for nothing.
    settings: Option<Box<Settings>>,
}

/// The per-call settings of a [`Call`].
#[derive(Debug, Clone, Default)]
struct Settings {
    retry_non_idempotent: bool,
    deadline: Option<Duration>,
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
}

impl<O> Call<O> {
    /// A call of `params` through `handle`. Resource methods (`api.posts().get(…)`) are the
    /// usual way to get one.
    pub fn new(handle: Handle, params: O) -> Call<O> {
        Call {
            handle,
            params,
            settings: None,
        }
    }

    fn settings_mut(&mut self) -> &mut Settings {
        self.settings.get_or_insert_with(Box::default)
    }

    /// The operation's parameters.
    pub fn params(&self) -> &O {
        &self.params
    }

    /// The handle the call goes through.
    pub fn handle(&self) -> &Handle {
        &self.handle
    }

    /// The parameters, for the generated setters of optional ones (`linkedin_api::Call`, which
    /// wraps this type in the bindings' crate so they can be its inherent methods).
    #[doc(hidden)]
    pub fn params_mut(&mut self) -> &mut O {
        &mut self.params
    }
}

impl<O: Operation> Call<O> {
    /// Bounds this call, retries included, by `deadline` instead of the client's.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.settings_mut().deadline = Some(deadline);
        self
    }

    /// Bounds each attempt of this call by `timeout` instead of the client's
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings_mut().timeout = Some(timeout);
        self
    }

    /// Retries this call per `policy` instead of the client's (e.g. [`RetryPolicy::none`]).
    /// A non-idempotent call is still retried only after
    /// [`retry_on_transient_failure`](Call::retry_on_transient_failure).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.settings_mut().retry = Some(policy);
        self
    }

    /// The request [`send`](Call::send) would send: to inspect it, or to send it yourself with
    /// [`Client::execute`]. It carries the operation's scopes and targets, which the client's
    /// [interceptors](crate::interceptor) see.
    pub fn to_request(&self) -> Request {
        self.build_request(true)
    }

    /// The request; its targets only when something will look at them (they cost a string
    /// per URN parameter on every call).
    fn build_request(&self, with_targets: bool) -> Request {
        // Set in place: the facts `request::<O>` did not already fill in.
        let mut request = self.params.to_request();
        if with_targets {
            request = request.with_targets(self.params.targets());
        }
        if O::VERSIONED {
            request.p.version = Some(Cow::Borrowed(self.handle.version()));
        }
        let Some(settings) = &self.settings else {
            return request;
        };
        if !O::METHOD.is_idempotent() {
            request.p.retry_non_idempotent = settings.retry_non_idempotent;
        }
        if settings.deadline.is_some() {
            request.p.deadline = settings.deadline;
        }
        if let Some(timeout) = settings.timeout {
            request = request.timeout(timeout);
        }
        if let Some(policy) = &settings.retry {
            request = request.retry_policy(policy.clone());
        }
        request
    }

    /// Sends the call and decodes the answer.
    pub async fn send(self) -> Result<<O::Response as Decode>::Output, Error> {
        let request = self.build_request(self.handle.client().has_interceptors());
        // Boxed: the exchange's state (attempts, timeouts, reqwest's own future) is ~5 KB, and
        // every move of an unboxed call future (into `join_all`, into a spawned task) copied it
        // whole; one allocation costs less than those copies and keeps them cache-friendly.
        let raw = Box::pin(self.handle.client().execute(request)).await?;
        O::Response::decode(O::ID, &raw).map_err(|err| self.handle.client().scrub(err))
    }

    /// Sends the call and hands over the 2xx answer undecoded, its body as a stream of chunks
    /// with no size limit: for an answer larger than
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes). Retries, deadline
    /// and errors are as for [`send`](Call::send) up to the response headers; see
    /// [`Client::execute_streaming`] for what bounds the body.
    pub async fn send_streaming(self) -> Result<crate::StreamingResponse, Error> {
        let request = self.build_request(self.handle.client().has_interceptors());
        self.handle.client().execute_streaming(request).await
    }
}

impl<O: NotIdempotent> Call<O> {
    /// Lets the runtime retry this call after a transient failure (a timeout, a 5xx).
    ///
    /// Off by default: the method is not idempotent, and a retry after a failure the server did
    /// act on would do the work twice (two posts, two campaigns).
    pub fn retry_on_transient_failure(mut self, allow: bool) -> Self {
        self.settings_mut().retry_non_idempotent = allow;
        self
    }
}

impl<O: Paged> Call<O> {
    /// Every page, fetched lazily: a page is requested only when the previous one has been
    /// consumed, at most [`Paged::MAX_PAGE_SIZE`] elements each. The first error ends the
    /// stream.
    pub fn pages(
        mut self,
    ) -> impl Stream<Item = Result<Collection<O::Item>, Error>> + Send + 'static {
        match self.params.window() {
            Window::Offset { start, count } => {
                let (start, count) = (*start, *count);
                crate::paging::offset_pages(start, count, O::MAX_PAGE_SIZE, move |start, count| {
                    let mut page = self.clone();
                    if let Window::Offset { start: s, count: c } = page.params.window() {
                        (*s, *c) = (Some(start), Some(count));
                    }
                    page.send()
                })
                .left_stream()
            }
            Window::Cursor {
                page_size,
                page_token,
            } => {
                let (page_size, page_token) = (*page_size, page_token.clone());
                crate::paging::cursor_pages(
                    page_size,
                    page_token,
                    O::MAX_PAGE_SIZE,
                    move |size, token| {
                        let mut page = self.clone();
                        if let Window::Cursor {
                            page_size,
                            page_token,
                        } = page.params.window()
                        {
                            (*page_size, *page_token) = (Some(size), token);
                        }
                        page.send()
                    },
                )
                .right_stream()
            }
        }
    }

    /// Every element of every page, fetched lazily page by page.
    pub fn items(self) -> impl Stream<Item = Result<O::Item, Error>> + Send + 'static {
        crate::paging::items(self.pages())
    }
}

/// Decodes a 2xx answer into an operation's output. The implementations are the shapes Rest.li
/// answers take: [`Json`], [`ActionValue`], [`Empty`], [`CreatedId`], [`CreatedWith`].
pub trait Decode {
    /// What the call returns.
    type Output: Send + 'static;

    /// The output, from the answer.
    fn decode(operation: &'static str, raw: &RawResponse) -> Result<Self::Output, Error>;

    /// The output as JSON, for the catalogue's untyped calls.
    fn to_json(operation: &'static str, raw: &RawResponse) -> Result<serde_json::Value, Error>;

    /// Decodes a success body through the output type and encodes it back (for the catalogue).
    const ROUND_TRIP: Option<crate::catalog::RoundTrip>;

    /// Parses a created entity's key through its type (for the catalogue).
    const PARSE_ID: Option<crate::catalog::ParseId>;
}

/// A JSON body decoded as `T` (an empty body decodes as `null`).
#[derive(Debug)]
pub struct Json<T>(PhantomData<fn() -> T>);

/// An action's `{"value": T}`, unwrapped to `T`.
#[derive(Debug)]
pub struct ActionValue<T>(PhantomData<fn() -> T>);

/// A 2xx whose body carries nothing of interest.
#[derive(Debug)]
pub struct Empty;

/// A create answered with the new key in `X-RestLi-Id`.
#[derive(Debug)]
pub struct CreatedId<K>(PhantomData<fn() -> K>);

/// A create answered with the new key and, when LinkedIn returns it, the entity.
#[derive(Debug)]
pub struct CreatedWith<K, T>(PhantomData<fn() -> (K, T)>);

fn as_json<T: Serialize>(value: &T) -> serde_json::Value {
    // Generated types serialize to JSON without failing (string keys, no non-finite floats
    // from a decoded body), so `Null` is never reached in practice.
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

impl<T> Decode for Json<T>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    type Output = T;
    const ROUND_TRIP: Option<crate::catalog::RoundTrip> = Some(crate::catalog::round_trip::<T>);
    const PARSE_ID: Option<crate::catalog::ParseId> = None;

    fn decode(operation: &'static str, raw: &RawResponse) -> Result<T, Error> {
        raw.json(operation)
    }

    fn to_json(operation: &'static str, raw: &RawResponse) -> Result<serde_json::Value, Error> {
        Self::decode(operation, raw).map(|v| as_json(&v))
    }
}

impl<T> Decode for ActionValue<T>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    type Output = T;
    const ROUND_TRIP: Option<crate::catalog::RoundTrip> =
        Some(crate::catalog::round_trip::<ActionResult<T>>);
    const PARSE_ID: Option<crate::catalog::ParseId> = None;

    fn decode(operation: &'static str, raw: &RawResponse) -> Result<T, Error> {
        raw.json::<ActionResult<T>>(operation).map(|r| r.value)
    }

    fn to_json(operation: &'static str, raw: &RawResponse) -> Result<serde_json::Value, Error> {
        raw.json::<ActionResult<T>>(operation).map(|v| as_json(&v))
    }
}

impl Decode for Empty {
    type Output = ();
    const ROUND_TRIP: Option<crate::catalog::RoundTrip> = None;
    const PARSE_ID: Option<crate::catalog::ParseId> = None;

    fn decode(_: &'static str, _: &RawResponse) -> Result<(), Error> {
        Ok(())
    }

    fn to_json(_: &'static str, _: &RawResponse) -> Result<serde_json::Value, Error> {
        Ok(serde_json::Value::Null)
    }
}

impl<K> Decode for CreatedId<K>
where
    K: FromStr + Serialize + Send + 'static,
    K::Err: fmt::Display,
{
    type Output = K;
    const ROUND_TRIP: Option<crate::catalog::RoundTrip> = None;
    const PARSE_ID: Option<crate::catalog::ParseId> = Some(crate::catalog::parse_id::<K>);

    fn decode(operation: &'static str, raw: &RawResponse) -> Result<K, Error> {
        raw.created_id(operation)
    }

    fn to_json(operation: &'static str, raw: &RawResponse) -> Result<serde_json::Value, Error> {
        Self::decode(operation, raw).map(|id| as_json(&id))
    }
}

impl<K, T> Decode for CreatedWith<K, T>
where
    K: FromStr + Serialize + Send + 'static,
    K::Err: fmt::Display,
    T: DeserializeOwned + Serialize + Send + 'static,
{
    type Output = Created<K, T>;
    const ROUND_TRIP: Option<crate::catalog::RoundTrip> = Some(crate::catalog::round_trip::<T>);
    const PARSE_ID: Option<crate::catalog::ParseId> = Some(crate::catalog::parse_id::<K>);

    fn decode(operation: &'static str, raw: &RawResponse) -> Result<Created<K, T>, Error> {
        raw.created(operation)
    }

    fn to_json(operation: &'static str, raw: &RawResponse) -> Result<serde_json::Value, Error> {
        Self::decode(operation, raw)
            .map(|c| serde_json::json!({ "id": as_json(&c.id), "entity": as_json(&c.entity) }))
    }
}

/// The start of `O`'s request, for generated `to_request`: the Rest.li method, the encoded
/// `path` and the `q=`/`bq=`/`action=` discriminator (first in the query, as LinkedIn's
/// documentation writes it).
pub fn request<O: Operation>(path: impl Into<Cow<'static, str>>) -> Request {
    let mut request = Request::with_template(O::ID, O::METHOD, Cow::Borrowed(O::PATH), path.into());
    // The operation's facts, which interceptors and policies read (never sent).
    request.p.scopes = O::SCOPES;
    request.p.area = Some(O::AREA);
    request.p.effect = Some(O::EFFECT);
    request.p.summary = Some(O::SUMMARY);
    match O::DISCRIMINATOR {
        Some((name, value)) => request.query_raw(name, value),
        None => request,
    }
}

/// `O`'s request when its record-typed path key `name` could not be Rest.li-encoded: the
/// client returns the error as [`Error::Encode`] without sending anything. The path is the
/// template (never sent), so no half-encoded key reaches a trace.
pub fn key_error<O: Operation>(name: &str, err: crate::restli::EncodeError) -> Request {
    let mut request = request::<O>(O::PATH);
    request.p.error = Some(crate::restli::EncodeError::new(format!(
        "path key `{name}`: {}",
        err.message()
    )));
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-written operation shaped like a generated finder that pages by offset.
    #[derive(Debug, Clone)]
    struct FindThings {
        owner: String,
        start: Option<i32>,
        count: Option<i32>,
    }

    impl Operation for FindThings {
        const ID: &'static str = "things.findByOwner";
        const METHOD: RestliMethod = RestliMethod::Finder;
        const PATH: &'static str = "/rest/things";
        const DISCRIMINATOR: Option<(&'static str, &'static str)> = Some(("q", "owner"));
        const VERSIONED: bool = true;
        const SCOPES: &'static [&'static [&'static str]] = &[&["r_things"]];
        const AREA: Area = Area::Organizations;
        const EFFECT: Effect = Effect::Read;
        const SUMMARY: &'static str = "Find things by owner";
        type Response = Json<Collection<serde_json::Value>>;

        fn to_request(&self) -> Request {
            request::<Self>("/rest/things".to_owned())
                .query("owner", &self.owner)
                .query("start", &self.start)
                .query("count", &self.count)
        }

        fn targets(&self) -> Vec<String> {
            vec![self.owner.clone()]
        }
    }

    impl crate::catalog::FromArgs for FindThings {
        const ARGS: &'static [&'static str] = &["owner", "start", "count"];

        fn from_args(args: &mut crate::catalog::Args) -> Result<Self, crate::catalog::ArgsError> {
            Ok(Self {
                owner: args.required("owner")?,
                start: args.optional("start")?,
                count: args.optional("count")?,
            })
        }
    }

    impl Paged for FindThings {
        type Item = serde_json::Value;
        const MAX_PAGE_SIZE: i32 = 50;

        fn window(&mut self) -> Window<'_> {
            Window::Offset {
                start: &mut self.start,
                count: &mut self.count,
            }
        }
    }

    /// An action, which is not idempotent.
    #[derive(Debug, Clone)]
    struct Archive;

    impl crate::catalog::FromArgs for Archive {
        const ARGS: &'static [&'static str] = &[];

        fn from_args(_: &mut crate::catalog::Args) -> Result<Self, crate::catalog::ArgsError> {
            Ok(Archive)
        }
    }

    impl Operation for Archive {
        const ID: &'static str = "things.archive";
        const METHOD: RestliMethod = RestliMethod::Action;
        const PATH: &'static str = "/rest/things";
        const DISCRIMINATOR: Option<(&'static str, &'static str)> = Some(("action", "archive"));
        const VERSIONED: bool = false;
        const SCOPES: &'static [&'static [&'static str]] = &[];
        const AREA: Area = Area::Media;
        const EFFECT: Effect = Effect::Write;
        const SUMMARY: &'static str = "Archive things";
        type Response = Empty;

        fn to_request(&self) -> Request {
            request::<Self>("/rest/things".to_owned())
        }
    }

    impl NotIdempotent for Archive {}

    fn handle() -> Handle {
        Handle::new(Client::builder().build().unwrap(), "202606")
    }

    fn find() -> Call<FindThings> {
        Call::new(
            handle(),
            FindThings {
                owner: "urn:li:organization:1".into(),
                start: None,
                count: Some(5),
            },
        )
    }

    #[test]
    fn the_call_adds_what_the_operation_leaves_to_the_runtime() {
        let req = find()
            .deadline(Duration::from_secs(3))
            .timeout(Duration::from_secs(1))
            .retry_policy(RetryPolicy::none())
            .to_request();
        assert_eq!(req.operation(), "things.findByOwner");
        assert_eq!(req.method(), RestliMethod::Finder);
        assert_eq!(req.version_header(), Some("202606"));
        // The discriminator comes first; an absent optional parameter adds nothing.
        assert_eq!(
            req.query_string(),
            "q=owner&owner=urn%3Ali%3Aorganization%3A1&count=5"
        );
        assert_eq!(req.deadline_override(), Some(Duration::from_secs(3)));
        assert_eq!(req.timeout_override(), Some(Duration::from_secs(1)));
        assert_eq!(req.retry_policy_override(), Some(&RetryPolicy::none()));
        assert!(req.is_retryable(), "a finder is idempotent");
        assert_eq!(req.required_scopes(), &[&["r_things"][..]][..]);
        assert_eq!(req.targets(), ["urn:li:organization:1"]);
        assert_eq!(req.operation_area(), Some(Area::Organizations));
        assert_eq!(req.operation_effect(), Effect::Read);
        assert_eq!(req.operation_summary(), Some("Find things by owner"));
    }

    #[test]
    fn unversioned_operations_send_no_version_and_non_idempotent_ones_opt_in_to_retries() {
        let call = Call::new(handle(), Archive);
        let req = call.to_request();
        assert_eq!(req.version_header(), None);
        assert_eq!(req.query_string(), "action=archive");
        assert!(
            !req.is_retryable(),
            "never retried behind the caller's back"
        );
        let req = Call::new(handle(), Archive)
            .retry_on_transient_failure(true)
            .to_request();
        assert!(req.is_retryable());
    }

    #[test]
    fn calls_and_their_streams_are_send() {
        fn check<T: Send>(_: &T) {}
        check(&find().send());
        check(&find().pages());
        check(&find().items());
        check(&Call::new(handle(), Archive).send());
        check(&find().send_streaming());
    }

    /// A typed call can take its answer as a stream: past the size limit `send` enforces, with
    /// the call's own version header, parameters and retry rules.
    #[tokio::test]
    async fn a_typed_call_streams_an_answer_larger_than_the_limit() {
        use wiremock::matchers::{header, method, query_param};
        use wiremock::{Mock, MockServer, ResponseTemplate};

        let server = MockServer::start().await;
        let big = vec![b'x'; 200 * 1024];
        Mock::given(method("GET"))
            .and(query_param("q", "owner"))
            .and(header("linkedin-version", "202606"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-li-uuid", "uuid-1")
                    .set_body_bytes(big.clone()),
            )
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(&server.uri())
            .allow_insecure_http(true)
            .max_response_bytes(1024)
            .build()
            .unwrap();
        let call = |client: &Client| {
            Call::new(Handle::new(client.clone(), "202606"), find().params.clone())
        };
        let err = call(&client).send().await.unwrap_err();
        assert!(err.is_body_too_large(), "{err:?}");
        let resp = call(&client).send_streaming().await.unwrap();
        assert_eq!(resp.operation(), "things.findByOwner");
        assert_eq!(resp.request_id(), Some("uuid-1"));
        let chunks: Vec<_> = resp.bytes_stream().collect().await;
        let body: Vec<u8> = chunks
            .into_iter()
            .flat_map(|c| c.unwrap().to_vec())
            .collect();
        assert_eq!(body, big);
    }

    #[test]
    fn a_key_that_cannot_be_encoded_is_an_error_naming_it_and_no_key_is_in_the_path() {
        // A record key holding a bare null has no Rest.li form.
        let err = crate::restli::encode(&serde_json::Value::Null).unwrap_err();
        let req = key_error::<FindThings>("key", err);
        assert_eq!(req.path(), "/rest/things");
        let kept = req
            .p
            .error
            .as_ref()
            .expect("the error is kept for the client");
        assert!(kept.message().starts_with("path key `key`: "), "{kept}");
    }

    #[test]
    fn the_catalogue_entry_comes_from_the_operation() {
        let entry = crate::catalog::Entry::of::<FindThings>();
        assert_eq!(entry.id, "things.findByOwner");
        assert_eq!(entry.http_method(), http::Method::GET);
        assert_eq!(entry.discriminator, Some(("q", "owner")));
        assert!(entry.response.is_some() && entry.created_id.is_none() && entry.request.is_none());
        assert!(entry.allows(&["r_things"]) && !entry.allows(&["w_things"]));
        assert_eq!(
            (entry.area, entry.effect, entry.summary),
            (Area::Organizations, Effect::Read, "Find things by owner")
        );
        let entry = crate::catalog::Entry::of::<Archive>();
        assert!(entry.response.is_none());
        assert!(entry.allows::<&str>(&[]), "no documented scope");
    }
}
