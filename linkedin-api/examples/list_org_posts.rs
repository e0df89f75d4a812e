//! List every post of an organization, page by page.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example list_org_posts -- 5515715`
//! (scope `r_organization_social`, with a role on the page).

mod common;

use futures::TryStreamExt;
use linkedin_api::urn::OrganizationUrn;
use linkedin_api::v202606::Api;

#[tokio::main]
async fn main() -> common::Result<()> {
    let organization = OrganizationUrn::from_id(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "5515715".to_owned()),
    );
    let api = Api::new(common::client()?);
    let mut pages = std::pin::pin!(
        api.posts()
            .find_by_author(organization.clone())
            .count(50)
            .pages()
    );
    let (mut page_number, mut total) = (0, 0);
    while let Some(page) = pages.try_next().await? {
        page_number += 1;
        for post in &page.elements {
            total += 1;
            let id = post
                .id
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            println!(
                "{id}  {:?}  {}",
                post.lifecycle_state,
                post.commentary.lines().next().unwrap_or("")
            );
        }
    }
    println!("{total} posts of {organization} in {page_number} page(s)");
    Ok(())
}
