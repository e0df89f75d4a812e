//! Upload an image and post it as an organization.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example upload_image_and_post -- 5515715 logo.png`
//! (scope `w_organization_social`, with a content role on the page). Without a file, a 1×1 PNG
//! is uploaded. `LINKEDIN_UPLOAD_BASE_URL` sends the upload itself to a mock instead of LinkedIn.

mod common;

use linkedin_api::urn::{ImageUrn, OrganizationUrn};
use linkedin_api::v202606::PostCreateLifecycleState::Published;
use linkedin_api::v202606::PostFeedDistribution::MainFeed;
use linkedin_api::v202606::PostVisibility::Public;
use linkedin_api::v202606::{Api, PostContent, PostCreate, PostDistribution, PostMediaContent};

/// A 1×1 transparent PNG.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

#[tokio::main]
async fn main() -> common::Result<()> {
    let mut args = std::env::args().skip(1);
    let organization =
        OrganizationUrn::from_id(args.next().unwrap_or_else(|| "5515715".to_owned()));
    let bytes = match args.next() {
        Some(path) => std::fs::read(path)?,
        None => TINY_PNG.to_vec(),
    };
    let api = Api::new(common::client()?);

    let image: ImageUrn = api.images().upload(organization.clone(), bytes).await?;
    println!("uploaded {image}");

    let feed = PostDistribution::new().feed_distribution(MainFeed);
    let media = PostContent::Media(PostMediaContent::new(image));
    let text = "A picture, posted from Rust.";
    let post = PostCreate::new(organization.clone(), text, Public, feed, Published).content(media);
    let id = api.posts().create(post).send().await?;
    println!("posted {id} as {organization}");
    Ok(())
}
