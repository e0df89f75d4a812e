//! [`Call`]: what every generated method returns.
//!
//! The runtime's [`operation::Call`] does the work; this crate wraps it because the generated
//! setters of optional parameters (`.count(10)`, `.start(20)`) are inherent methods of each
//! operation's call (`FindByAuthorRequest = Call<FindByAuthorParams>`), and Rust allows
//! inherent methods only on a type of the crate that defines them. Every method forwards.
//!
//! ```no_run
//! # async fn demo(client: linkedin_api::Client) -> Result<(), linkedin_api::Error> {
//! use linkedin_api::v202606::Api;
//! use linkedin_api::urn::OrganizationUrn;
//!
//! let api = Api::new(client);
//! let call = api.posts().find_by_author(OrganizationUrn::from_id(1)).count(10);
//! println!("{}", call.to_request().query_string()); // what `send` would send
//! let page = call.send().await?;
//! # let _ = page; Ok(()) }
//! ```

use std::time::Duration;

use futures::Stream;

use crate::operation::{self, Decode, Handle, NotIdempotent, Operation, Paged};
use crate::restli::Collection;
use crate::{Error, Request, RetryPolicy, StreamingResponse};

/// One call of an operation: the handle it goes through, its parameters and per-call settings.
/// Nothing is sent until [`send`](Call::send) (or [`pages`](Call::pages)) is awaited.
///
/// Set optional parameters with the methods the generated code adds to each operation's call
/// (named after the operation: `FindByAuthorRequest`), then send it.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is sent with `.send().await`"]
pub struct Call<O>(operation::Call<O>);

impl<O> Call<O> {
    /// A call of `params` through `handle`. Resource methods (`api.posts().get(…)`) are the
    /// usual way to get one.
    pub fn new(handle: Handle, params: O) -> Call<O> {
        Call(operation::Call::new(handle, params))
    }

    /// The operation's parameters.
    pub fn params(&self) -> &O {
        self.0.params()
    }

    /// The handle the call goes through.
    pub fn handle(&self) -> &Handle {
        self.0.handle()
    }

    /// The runtime's call this wraps.
    pub fn into_inner(self) -> operation::Call<O> {
        self.0
    }

    /// For the generated setters of optional parameters (none when no month is enabled).
    #[allow(dead_code)]
    pub(crate) fn params_mut(&mut self) -> &mut O {
        self.0.params_mut()
    }
}

impl<O> From<Call<O>> for operation::Call<O> {
    fn from(call: Call<O>) -> Self {
        call.0
    }
}

impl<O> From<operation::Call<O>> for Call<O> {
    fn from(call: operation::Call<O>) -> Self {
        Call(call)
    }
}

impl<O: Operation> Call<O> {
    /// Bounds this call, retries included, by `deadline` instead of the client's.
    pub fn deadline(self, deadline: Duration) -> Self {
        Call(self.0.deadline(deadline))
    }

    /// Bounds each attempt of this call by `timeout` instead of the client's
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout)).
    pub fn timeout(self, timeout: Duration) -> Self {
        Call(self.0.timeout(timeout))
    }

    /// Retries this call per `policy` instead of the client's (e.g. [`RetryPolicy::none`]).
    /// A non-idempotent call is still retried only after
    /// [`retry_on_transient_failure`](Call::retry_on_transient_failure).
    pub fn retry_policy(self, policy: RetryPolicy) -> Self {
        Call(self.0.retry_policy(policy))
    }

    /// The request [`send`](Call::send) would send: to inspect it, or to send it yourself with
    /// [`Client::execute`](crate::Client::execute). It carries the operation's scopes and
    /// targets, which the client's [interceptors](crate::interceptor) see.
    pub fn to_request(&self) -> Request {
        self.0.to_request()
    }

    /// Sends the call and decodes the answer.
    pub async fn send(self) -> Result<<O::Response as Decode>::Output, Error> {
        self.0.send().await
    }

    /// Sends the call and hands over the 2xx answer undecoded, its body as a stream of chunks
    /// with no size limit: for an answer larger than
    /// [`max_response_bytes`](crate::ClientBuilder::max_response_bytes). Retries, deadline
    /// and errors are as for [`send`](Call::send) up to the response headers; see
    /// [`Client::execute_streaming`](crate::Client::execute_streaming) for what bounds the body.
    pub async fn send_streaming(self) -> Result<StreamingResponse, Error> {
        self.0.send_streaming().await
    }
}

impl<O: NotIdempotent> Call<O> {
    /// Lets the runtime retry this call after a transient failure (a timeout, a 5xx).
    ///
    /// Off by default: the method is not idempotent, and a retry after a failure the server did
    /// act on would do the work twice (two posts, two campaigns).
    pub fn retry_on_transient_failure(self, allow: bool) -> Self {
        Call(self.0.retry_on_transient_failure(allow))
    }
}

impl<O: Paged> Call<O> {
    /// Every page, fetched lazily: a page is requested only when the previous one has been
    /// consumed, at most [`Paged::MAX_PAGE_SIZE`] elements each. The first error ends the
    /// stream.
    pub fn pages(self) -> impl Stream<Item = Result<Collection<O::Item>, Error>> + Send + 'static {
        self.0.pages()
    }

    /// Every element of every page, fetched lazily page by page.
    pub fn items(self) -> impl Stream<Item = Result<O::Item, Error>> + Send + 'static {
        self.0.items()
    }
}
