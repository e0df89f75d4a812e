//! Streamed answers: a 2xx body taken chunk by chunk instead of read whole.
//!
//! [`Client::execute`](crate::Client::execute) reads a body whole, up to
//! [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes), because a
//! decoded value needs all of it and a runaway body must not choose how much memory the process
//! uses. A caller that wants a large payload (an export, a report, a download) takes it with
//! [`Client::execute_streaming`](crate::Client::execute_streaming) or
//! [`Call::send_streaming`](crate::Call::send_streaming) instead: the call runs like any other
//! (interceptors, scopes, retries, deadline, error mapping) until the response headers arrive,
//! then hands over a [`StreamingResponse`] whose body the caller pulls at its own pace, so
//! memory stays bounded by what the caller keeps.
//!
//! What bounds the body: not the call's deadline (it covers the attempts up to the headers;
//! a download may rightly take longer), nor the size limit (the caller decides what to keep),
//! but the *idle timeout* between two chunks, so a server that stops sending cannot hang the
//! reader. The caller can bound the whole read with its own `tokio::time::timeout`.

use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use futures::Stream;
use http::{HeaderMap, StatusCode};

use crate::error::Error;

/// A 2xx answer whose body has not been read yet: the status, the headers, and the body as a
/// stream of chunks ([`chunk`](Self::chunk) or [`bytes_stream`](Self::bytes_stream)).
///
/// Nothing is retried once this is returned: the body is the caller's, and a broken connection
/// mid-body is an error from the stream ([`Error::Transport`], or [`Error::Stalled`] after the
/// idle timeout). Dropping it closes the connection (unless the body was read to its end).
pub struct StreamingResponse {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
    idle_timeout: Duration,
}

/// Where the chunks come from.
enum Body {
    /// The connection, not read yet.
    Open(reqwest::Response),
    /// Read whole already, handed out as one chunk. (The exchange leaves every 2xx body of a
    /// streamed call on the connection; this keeps the type total rather than trusting that.)
    Read(Option<Bytes>),
    /// Ended: read to the end, or after an error.
    Done,
}

impl StreamingResponse {
    /// An answer whose body is still on the connection.
    pub(crate) fn open(
        operation: &'static str,
        response: reqwest::Response,
        idle_timeout: Duration,
    ) -> Self {
        StreamingResponse {
            operation,
            status: response.status(),
            headers: response.headers().clone(),
            body: Body::Open(response),
            idle_timeout,
        }
    }

    /// An answer whose body was read already.
    pub(crate) fn read(
        operation: &'static str,
        raw: crate::client::RawResponse,
        idle_timeout: Duration,
    ) -> Self {
        StreamingResponse {
            operation,
            status: raw.status,
            headers: raw.headers,
            body: Body::Read(Some(raw.body).filter(|b| !b.is_empty())),
            idle_timeout,
        }
    }

    /// The operation (operationId) this answers.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The status (2xx).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// LinkedIn's request id (`x-li-request-id`, else `x-li-uuid`), to quote to LinkedIn support.
    pub fn request_id(&self) -> Option<&str> {
        crate::error::request_id(&self.headers)
    }

    /// The body's length from `Content-Length`, when the server sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(http::header::CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// How long to wait for the next chunk of the body before giving up with
    /// [`Error::Stalled`]. The default is the call's attempt timeout
    /// ([`ClientBuilder::timeout`](crate::ClientBuilder::timeout), or the request's own).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// The next chunk of the body; `None` at its end. After an error (the connection broke, or
    /// no chunk came within the idle timeout) the body is over: every later call gives `None`.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        let response = match &mut self.body {
            Body::Open(response) => response,
            Body::Read(bytes) => return Ok(bytes.take()),
            Body::Done => return Ok(None),
        };
        let next = tokio::time::timeout(self.idle_timeout, response.chunk()).await;
        match next {
            Ok(Ok(Some(chunk))) => Ok(Some(chunk)),
            Ok(Ok(None)) => {
                self.body = Body::Done;
                Ok(None)
            }
            Ok(Err(err)) => {
                self.body = Body::Done;
                // The URL is dropped, as for every transport error: an upload URL is signed.
                Err(Error::transport(self.operation, err))
            }
            Err(_elapsed) => {
                self.body = Body::Done;
                Err(Error::Stalled {
                    operation: self.operation,
                    timeout: self.idle_timeout,
                    waiting_for: "reading the body",
                })
            }
        }
    }

    /// The body as a stream of chunks, ending after the last one or after the first error.
    pub fn bytes_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send + 'static {
        futures::stream::unfold(Some(self), |state| async move {
            let mut response = state?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(error) => Some((Err(error), None)),
            }
        })
    }
}

impl fmt::Debug for StreamingResponse {
    /// The status, length and request id: the headers may carry cookies, and the body is the
    /// caller's to show.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamingResponse")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("content_length", &self.content_length())
            .field("request_id", &self.request_id())
            .field("idle_timeout", &self.idle_timeout)
            .finish_non_exhaustive()
    }
}
