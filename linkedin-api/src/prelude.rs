//! What most programs need, in one import: `use linkedin_api::prelude::*;`.
//!
//! The client and its error, the call every resource method returns, the URNs most calls take,
//! and `futures`' stream traits, whose `try_collect`, `try_next` and `next` read the streams that
//! `Call::items` and `Call::pages` return (so a program needs no direct `futures` dependency).
//! A month's `Api` is not here: pick it by name (`linkedin_api::v202606::Api`), since the month
//! is a decision the code should show.
//!
//! ```no_run
//! use linkedin_api::prelude::*;
//! use linkedin_api::v202606::Api;
//!
//! # async fn run() -> Result<(), Error> {
//! let api = Api::new(Client::new("token")?);
//! let posts = api.posts().find_by_author(OrganizationUrn::from_id(5515715)).items();
//! let mut posts = std::pin::pin!(posts); // `try_next` needs a stream that stays put
//! while let Some(post) = posts.try_next().await? {
//!     println!("{:?}", post.id);
//! }
//! # Ok(()) }
//! ```

pub use crate::Call;
pub use crate::client::{Client, ClientBuilder};
pub use crate::error::{Error, ErrorKind};
pub use crate::nullable::Nullable;
pub use crate::retry::RetryPolicy;
pub use crate::secret::Secret;
pub use crate::urn::{
    CommentUrn, ImageUrn, OrganizationOrPersonUrn, OrganizationUrn, PersonUrn, ShareOrUgcPostUrn,
    ShareUrn, SponsoredAccountUrn, SponsoredCampaignGroupUrn, SponsoredCampaignUrn, UgcPostUrn,
    Urn, VideoUrn,
};
pub use futures::{StreamExt, TryStreamExt};
