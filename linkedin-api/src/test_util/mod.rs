//! Testing an app's LinkedIn code without the network (cargo feature `test-util`).
//!
//! [`MockLinkedIn`] is a LinkedIn stand-in in the test's own process: an HTTP server on
//! `127.0.0.1` (wiremock) that answers every operation of a month with the example LinkedIn's
//! documentation shows, lets the test choose another answer per operation (a value, a status, a
//! LinkedIn error, a slow answer), and records each request with the operation it is, so the test
//! can check what the code sent. [`sample`] gives the documented answer of one operation as its
//! typed value, to start a fixture from.
//!
//! ```
//! use linkedin_api::test_util::{Answer, MockLinkedIn};
//! use linkedin_api::urn::OrganizationUrn;
//! use linkedin_api::v202606::PostCreateLifecycleState::Published;
//! use linkedin_api::v202606::PostVisibility::Public;
//! use linkedin_api::v202606::{Api, PostCreate, PostDistribution, posts};
//!
//! /// The app's code: posts a text as an organization and returns the post's URN.
//! async fn announce(api: &Api, org: OrganizationUrn, text: &str) -> Result<String, linkedin_api::Error> {
//!     let post = PostCreate::new(org, text, Public, PostDistribution::new(), Published);
//!     Ok(api.posts().create(post).send().await?.to_string())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), linkedin_api::Error> {
//! let mock = MockLinkedIn::<Api>::start().await;
//! mock.answer::<posts::CreateParams>(Answer::created("urn:li:share:42"));
//!
//! let id = announce(&mock.api(), OrganizationUrn::from_id(1), "Hello").await?;
//! assert_eq!(id, "urn:li:share:42");
//!
//! let sent = mock.received_by::<posts::CreateParams>();
//! let body = sent[0].json().unwrap();
//! assert_eq!(body["author"], "urn:li:organization:1");
//! assert_eq!(body["commentary"], "Hello");
//! # Ok(()) }
//! ```
//!
//! The feature compiles wiremock (already a development dependency of most async Rust test
//! suites) and each spec's examples (about 60 kB of JSON in all, each distinct answer once);
//! nothing of it is in a build without the feature, so enable it for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! linkedin-rest = { version = "0.1", features = ["test-util"] }
//! ```

mod mock;
mod route;

pub use mock::{Answer, MOCK_TOKEN, MockLinkedIn, Received};

use crate::catalog::Entry;
use crate::operation::{Decode, Operation};

/// One operation's documented success answer (generated from the spec's examples).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Example {
    /// The operationId.
    pub operation: &'static str,
    /// The status (the lowest 2xx the spec documents).
    pub status: u16,
    /// The JSON body, if the spec shows one.
    pub body: Option<&'static str>,
    /// A create's `X-RestLi-Id`.
    pub id: Option<&'static str>,
}

/// A month's bindings, as the mock serves them: implemented by every month's `Api`
/// (`linkedin_api::v202606::Api`).
pub trait Month: Sized {
    /// The `Linkedin-Version` (`202606`).
    const VERSION: &'static str;
    /// The month's operations (its `OPERATIONS`).
    const OPERATIONS: &'static [Entry];
    /// Their documented answers (its `EXAMPLES`).
    const EXAMPLES: &'static [Example];

    /// The month's `Api` through `client`.
    fn from_client(client: crate::Client) -> Self;
}

/// The documented answer of operation `O` in month `M`, decoded into the type a call returns:
/// a realistic value to build a fixture from (the generated structs have setters for every
/// optional field).
///
/// ```
/// use linkedin_api::test_util::sample;
/// use linkedin_api::v202606::{Api, posts};
///
/// let mut post = sample::<Api, posts::GetParams>().unwrap();
/// assert!(post.author.as_str().starts_with("urn:li:"));
/// post.commentary = "A text of the test's own".into();
/// ```
///
/// # Errors
///
/// When the example does not decode into `O`'s type (the crate's tests check that every
/// example does).
///
/// # Panics
///
/// When month `M` has no operation `O::ID`.
pub fn sample<M: Month, O: Operation>() -> Result<<O::Response as Decode>::Output, crate::Error> {
    let Some(entry) = M::OPERATIONS.iter().find(|e| e.id == O::ID) else {
        panic!(
            "test_util::sample: Linkedin-Version {} has no operation `{}`",
            M::VERSION,
            O::ID
        );
    };
    let example = M::EXAMPLES.iter().find(|e| e.operation == entry.id);
    let mut headers = crate::http::HeaderMap::new();
    if let Some(id) = example.and_then(|e| e.id)
        && let Ok(value) = crate::http::HeaderValue::from_str(id)
    {
        headers.insert("x-restli-id", value);
    }
    let raw = crate::client::RawResponse {
        status: example
            .and_then(|e| crate::http::StatusCode::from_u16(e.status).ok())
            .unwrap_or(crate::http::StatusCode::OK),
        headers,
        body: bytes::Bytes::from_static(example.and_then(|e| e.body).unwrap_or("").as_bytes()),
    };
    O::Response::decode(O::ID, &raw)
}
