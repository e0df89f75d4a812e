//! [`MockLinkedIn`]: a wiremock server on loopback that answers like LinkedIn's documentation.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::http::{HeaderMap, Method};
use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

use super::Month;
use super::route::{self, Untunnelled};
use crate::operation::Operation;
use crate::restli::ErrorResponse;
use crate::{Client, ClientBuilder};

/// The token the mock's client sends unless the builder given to
/// [`MockLinkedIn::start_with`] has one.
pub const MOCK_TOKEN: &str = "mock-linkedin-token";

/// A LinkedIn stand-in for tests: an in-process HTTP server on `127.0.0.1` that answers every
/// operation of month `M` with the example its documentation shows, unless the test says
/// otherwise, and records what it was sent.
///
/// [`client`](Self::client) and [`api`](Self::api) are pointed at it: its base URL (plain
/// `http`, allowed for it only), a token ([`MOCK_TOKEN`]), and media upload URLs rebased onto it
/// (uploads are answered `201` with an `ETag`). A request no operation of `M` matches is
/// answered `404` with a LinkedIn error body naming the method and path, and recorded with no
/// operation; one that sends another `Linkedin-Version` is answered `400`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), linkedin_api::Error> {
/// use linkedin_api::test_util::{Answer, MockLinkedIn};
/// use linkedin_api::urn::OrganizationUrn;
/// use linkedin_api::v202606::{Api, posts};
///
/// let mock = MockLinkedIn::<Api>::start().await;
/// let api = mock.api();
///
/// // By default: the documented example.
/// let page = api.posts().find_by_author(OrganizationUrn::from_id(5515715)).send().await?;
/// assert!(!page.elements.is_empty());
///
/// // A test decides what LinkedIn says next...
/// mock.answer_once::<posts::FindByAuthorParams>(Answer::error(429, "Resource level throttle limit"));
/// let err = api.posts().find_by_author(OrganizationUrn::from_id(1)).send().await.unwrap_err();
/// assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
///
/// // ...and reads what the code sent.
/// let sent = mock.received_by::<posts::FindByAuthorParams>();
/// assert_eq!(sent.len(), 2);
/// assert_eq!(sent[1].param("author").as_deref(), Some("urn:li:organization:1"));
/// # Ok(()) }
/// ```
pub struct MockLinkedIn<M: Month> {
    server: MockServer,
    state: Arc<State>,
    client: Client,
    month: PhantomData<fn() -> M>,
}

impl<M: Month> fmt::Debug for MockLinkedIn<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockLinkedIn")
            .field("version", &M::VERSION)
            .field("uri", &self.server.uri())
            .finish_non_exhaustive()
    }
}

impl<M: Month> MockLinkedIn<M> {
    /// Starts a server with a client that does not retry (a test sees each answer once).
    pub async fn start() -> Self {
        Self::start_with(Client::builder().retry_policy(crate::RetryPolicy::none())).await
    }

    /// Starts a server, with the client built from `builder` (to test with a retry policy,
    /// interceptors, granted scopes or a token provider). Its base URLs are replaced by the
    /// server's, plain `http` is allowed, and it gets [`MOCK_TOKEN`] unless it has a token or a
    /// token provider.
    ///
    /// # Panics
    ///
    /// When the client cannot be built from `builder` (the message says why).
    pub async fn start_with(builder: ClientBuilder) -> Self {
        let server = MockServer::builder().start().await;
        let uri = server.uri();
        let state = Arc::new(State {
            version: M::VERSION,
            operations: M::OPERATIONS,
            examples: M::EXAMPLES,
            inner: Mutex::new(Inner::default()),
        });
        Mock::given(wiremock::matchers::any())
            .respond_with(Responder(state.clone()))
            .mount(&server)
            .await;
        let builder = if builder.has_token() {
            builder
        } else {
            builder.access_token(MOCK_TOKEN)
        };
        let client = builder
            .base_url(&uri)
            .oauth_base_url(&uri)
            .upload_base_url(&uri)
            .allow_insecure_http(true)
            .build()
            .unwrap_or_else(|e| panic!("MockLinkedIn: the client does not build: {e}"));
        MockLinkedIn {
            server,
            state,
            client,
            month: PhantomData,
        }
    }

    /// The month's `Api`, through [`client`](Self::client).
    pub fn api(&self) -> M {
        M::from_client(self.client.clone())
    }

    /// A client pointed at the server.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The server's base URL (`http://127.0.0.1:PORT`), for a client built by the code under
    /// test.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// Answers every call of operation `O` with `answer` from now on (until [`reset`](Self::reset)
    /// or another `answer`), instead of the documented example.
    ///
    /// # Panics
    ///
    /// When month `M` has no operation `O::ID`.
    pub fn answer<O: Operation>(&self, answer: Answer) {
        self.answer_with::<O>(move |_| answer.clone());
    }

    /// Answers every call of operation `O` with what `respond` makes of the request.
    ///
    /// # Panics
    ///
    /// When month `M` has no operation `O::ID`.
    pub fn answer_with<O: Operation>(
        &self,
        respond: impl Fn(&Received) -> Answer + Send + Sync + 'static,
    ) {
        let id = self.operation_id::<O>();
        self.state.lock().standing.insert(id, Arc::new(respond));
    }

    /// Answers every call of the operation named `operation_id` with `answer` from now on: for
    /// the calls the runtime makes outside Rest.li (`auth.userinfo`, `auth.token`,
    /// `auth.introspectToken`, `auth.openidConfiguration`, `auth.jwks`), which have no
    /// operation type.
    ///
    /// # Panics
    ///
    /// When month `M` documents no operation of that name.
    pub fn answer_to(&self, operation_id: &str, answer: Answer) {
        let Some(id) = M::EXAMPLES
            .iter()
            .map(|e| e.operation)
            .find(|id| *id == operation_id)
        else {
            panic!(
                "MockLinkedIn: Linkedin-Version {} documents no operation `{operation_id}`",
                M::VERSION
            );
        };
        self.state
            .lock()
            .standing
            .insert(id, Arc::new(move |_: &Received| answer.clone()));
    }

    /// Answers the next call of operation `O` with `answer`; calls after it get the answers
    /// queued after it, then the standing answer (see [`answer`](Self::answer)) or the example.
    ///
    /// # Panics
    ///
    /// When month `M` has no operation `O::ID`.
    pub fn answer_once<O: Operation>(&self, answer: Answer) {
        let id = self.operation_id::<O>();
        self.state
            .lock()
            .once
            .entry(id)
            .or_default()
            .push_back(answer);
    }

    /// Every request received, in order.
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().received.clone()
    }

    /// The requests received for operation `O`, in order.
    pub fn received_by<O: Operation>(&self) -> Vec<Received> {
        self.state
            .lock()
            .received
            .iter()
            .filter(|r| r.operation == Some(O::ID))
            .cloned()
            .collect()
    }

    /// Forgets the answers set and the requests received.
    pub fn reset(&self) {
        *self.state.lock() = Inner::default();
    }

    fn operation_id<O: Operation>(&self) -> &'static str {
        match M::OPERATIONS.iter().find(|e| e.id == O::ID) {
            Some(entry) => entry.id,
            None => panic!(
                "MockLinkedIn: Linkedin-Version {} has no operation `{}`",
                M::VERSION,
                O::ID
            ),
        }
    }
}

/// What the mock answers a call with: a status, headers and a body.
///
/// ```
/// use linkedin_api::test_util::Answer;
/// use serde_json::json;
///
/// let ok = Answer::json(json!({"id": "urn:li:share:1"}));
/// let created = Answer::created("urn:li:share:2");
/// let gone = Answer::error(404, "Post not found");
/// let slow = Answer::status(503).header("Retry-After", "2").delay(std::time::Duration::from_millis(50));
/// # let _ = (ok, created, gone, slow);
/// ```
#[derive(Debug, Clone)]
pub struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Option<Bytes>,
    delay: Option<Duration>,
}

impl Answer {
    /// `status` with an empty body.
    pub fn status(status: u16) -> Answer {
        Answer {
            status,
            headers: Vec::new(),
            body: None,
            delay: None,
        }
    }

    /// `200` with `value` as its JSON body: a `serde_json::Value`, or any generated type
    /// (`Post::new(…)`, a [`Collection`](crate::restli::Collection) for a finder).
    ///
    /// # Panics
    ///
    /// When `value` does not serialize to JSON (a map with non-string keys).
    pub fn json(value: impl Serialize) -> Answer {
        let body = serde_json::to_vec(&value)
            .unwrap_or_else(|e| panic!("MockLinkedIn: the answer is not JSON: {e}"));
        Answer::status(200).body("application/json", body)
    }

    /// `200` with a page of `elements` (`{"elements": […]}`, no further pages), for a finder or
    /// a GET_ALL.
    pub fn elements<T: Serialize>(elements: impl IntoIterator<Item = T>) -> Answer {
        let elements: Vec<T> = elements.into_iter().collect();
        Answer::json(crate::restli::Collection {
            elements,
            paging: None,
            metadata: None,
        })
    }

    /// `201` with the new entity's key in `X-RestLi-Id`, as a create is answered.
    pub fn created(id: impl fmt::Display) -> Answer {
        Answer::status(201).header("x-restli-id", id.to_string())
    }

    /// `status` with LinkedIn's error body (`{"status": …, "message": …}`), which the client
    /// turns into an [`ApiError`](crate::ApiError).
    pub fn error(status: u16, message: impl Into<String>) -> Answer {
        Answer::error_body(ErrorResponse {
            status,
            message: message.into(),
            ..ErrorResponse::default()
        })
    }

    /// An error with every field of LinkedIn's error body chosen (`serviceErrorCode`, `code`,
    /// input errors); the status is `body.status`.
    pub fn error_body(body: ErrorResponse) -> Answer {
        let status = body.status;
        Answer::json(body).with_status(status)
    }

    /// The same answer with another status.
    pub fn with_status(mut self, status: u16) -> Answer {
        self.status = status;
        self
    }

    /// Adds a response header (`Retry-After`, `x-li-uuid`, …).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Answer {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sends the answer after `delay` (to test timeouts and deadlines).
    pub fn delay(mut self, delay: Duration) -> Answer {
        self.delay = Some(delay);
        self
    }

    fn body(mut self, content_type: &str, body: Vec<u8>) -> Answer {
        self.headers
            .push(("content-type".to_owned(), content_type.to_owned()));
        self.body = Some(Bytes::from(body));
        self
    }

    fn template(&self) -> ResponseTemplate {
        let mut t =
            ResponseTemplate::new(self.status).insert_header("x-restli-protocol-version", "2.0.0");
        if let Some(body) = &self.body {
            let content_type = self
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
                .map_or("application/json", |(_, v)| v.as_str());
            t = t.set_body_raw(body.to_vec(), content_type);
        }
        for (name, value) in &self.headers {
            if !name.eq_ignore_ascii_case("content-type") {
                t = t.append_header(name.as_str(), value.as_str());
            }
        }
        if let Some(delay) = self.delay {
            t = t.set_delay(delay);
        }
        t
    }
}

/// One request the mock received, as the client sent it (a tunnelled call is read back into
/// its real method, query and body).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Received {
    /// The operation it is (`posts.create`); `None` when no operation of the month matches,
    /// such as a media upload's `PUT`.
    pub operation: Option<&'static str>,
    /// The HTTP method.
    pub method: Method,
    /// The path, as sent (keys percent-encoded).
    pub path: String,
    /// The query string, as sent (without `?`).
    pub query: String,
    /// The headers (the `Authorization` header included: it is the mock's token).
    pub headers: HeaderMap,
    /// The body (for a Rest.li call, its JSON).
    pub body: Bytes,
    path_params: Vec<(String, String)>,
}

impl Received {
    /// The decoded value of query parameter `name` (`urn:li:organization:1`,
    /// `List(urn:li:sponsoredCampaign:1)`), if sent.
    pub fn param(&self, name: &str) -> Option<String> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The decoded value of path parameter `name` of the operation's path template
    /// (`postUrn` of `/rest/posts/{postUrn}`).
    pub fn path_param(&self, name: &str) -> Option<String> {
        self.path_params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| {
                percent_encoding::percent_decode_str(v)
                    .decode_utf8_lossy()
                    .into_owned()
            })
    }

    /// A header's value, if sent and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON (`None` when empty or not JSON).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body decoded as `T` (a generated type: `PostCreate`, `CampaignPatch`).
    pub fn body_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.body)
    }
}

type Handler = Arc<dyn Fn(&Received) -> Answer + Send + Sync>;

struct State {
    version: &'static str,
    operations: &'static [crate::catalog::Entry],
    examples: &'static [super::Example],
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    standing: HashMap<&'static str, Handler>,
    once: HashMap<&'static str, VecDeque<Answer>>,
    received: Vec<Received>,
    uploads: u64,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking test thread must not turn every later answer into a second panic.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn answer(&self, request: &wiremock::Request) -> Answer {
        let Untunnelled {
            method,
            query,
            body,
        } = route::untunnel(
            &request.method,
            &request.headers,
            request.url.query(),
            &request.body,
        );
        let path = request.url.path().to_owned();
        let restli = request
            .headers
            .get("x-restli-method")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let matched = restli
            .as_deref()
            .and_then(|m| route::operation(self.operations, m, &path, &pairs));
        let mut received = Received {
            operation: matched.as_ref().map(|(e, _)| e.id),
            method: method.clone(),
            path: path.clone(),
            query,
            headers: request.headers.clone(),
            body,
            path_params: Vec::new(),
        };
        let runtime = match (&matched, restli.as_deref()) {
            (None, None) => RUNTIME_ROUTES
                .iter()
                .find(|(_, m, p)| *m == method.as_str() && *p == path)
                .map(|(id, _, _)| *id),
            _ => None,
        };
        if let Some(id) = runtime {
            received.operation = Some(id);
            let mut inner = self.lock();
            inner.received.push(received);
            if let Some(answer) = inner.once.get_mut(id).and_then(VecDeque::pop_front) {
                return answer;
            }
            let standing = inner.standing.get(id).cloned();
            let received = inner.received.last().cloned();
            drop(inner);
            if let (Some(respond), Some(received)) = (standing, received) {
                return respond(&received);
            }
            return self.example(id);
        }
        let mut inner = self.lock();
        let Some((entry, params)) = matched else {
            let upload = restli.is_none() && method == Method::PUT;
            inner.received.push(received);
            if upload {
                inner.uploads += 1;
                return Answer::status(201)
                    .header("etag", format!("\"mock-etag-{}\"", inner.uploads));
            }
            return Answer::error(
                404,
                format!(
                    "MockLinkedIn: no operation of Linkedin-Version {} is {method} {path} \
                     (X-RestLi-Method: {})",
                    self.version,
                    restli.as_deref().unwrap_or("none")
                ),
            );
        };
        received.path_params = params;
        inner.received.push(received.clone());
        let sent_version = request
            .headers
            .get("linkedin-version")
            .and_then(|v| v.to_str().ok());
        if entry.versioned && sent_version != Some(self.version) {
            return Answer::error(
                400,
                format!(
                    "MockLinkedIn serves Linkedin-Version {}; the request sent {}",
                    self.version,
                    sent_version.unwrap_or("none")
                ),
            );
        }
        if let Some(answer) = inner.once.get_mut(entry.id).and_then(VecDeque::pop_front) {
            return answer;
        }
        if let Some(respond) = inner.standing.get(entry.id).cloned() {
            // The test's closure runs without the lock, so it may call the mock itself.
            drop(inner);
            return respond(&received);
        }
        drop(inner);
        self.example(entry.id)
    }

    fn example(&self, id: &str) -> Answer {
        match self.examples.iter().find(|e| e.operation == id) {
            Some(example) => example.answer(),
            None => Answer::status(200),
        }
    }
}

/// The calls the hand-written runtime makes outside Rest.li (the spec's `x-linkedin-runtime`
/// operations), by method and path: answered with their examples too, and overridable with
/// [`MockLinkedIn::answer_to`].
const RUNTIME_ROUTES: &[(&str, &str, &str)] = &[
    ("auth.userinfo", "GET", "/v2/userinfo"),
    ("auth.token", "POST", "/oauth/v2/accessToken"),
    ("auth.introspectToken", "POST", "/oauth/v2/introspectToken"),
    (
        "auth.openidConfiguration",
        "GET",
        "/oauth/.well-known/openid-configuration",
    ),
    ("auth.jwks", "GET", "/oauth/openid/jwks"),
];

struct Responder(Arc<State>);

impl Respond for Responder {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        self.0.answer(request).template()
    }
}

impl super::Example {
    /// The documented answer: its status, its body and a create's `X-RestLi-Id`.
    pub fn answer(&self) -> Answer {
        let mut answer = Answer::status(self.status);
        if let Some(body) = self.body {
            answer = answer.body("application/json", body.as_bytes().to_vec());
        }
        if let Some(id) = self.id {
            answer = answer.header("x-restli-id", id);
        }
        answer
    }
}
