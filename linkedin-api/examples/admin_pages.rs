//! List the organization pages the signed-in member administers, and the ad accounts they have
//! a role on: what an app may act for on the member's behalf.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example admin_pages`
//! (scopes `rw_organization_admin` and `r_ads`).

mod common;

use futures::TryStreamExt;
use linkedin_api::v202606::{Api, OrganizationRole, OrganizationRoleState};

#[tokio::main]
async fn main() -> common::Result<()> {
    let api = Api::new(common::client()?);

    // Every page where the member's ADMINISTRATOR role is approved, page by page.
    let pages: Vec<_> = api
        .organization_acls()
        .find_by_role_assignee()
        .role(OrganizationRole::Administrator)
        .state(OrganizationRoleState::Approved)
        .items()
        .try_collect()
        .await?;
    println!("administers {} page(s)", pages.len());
    for acl in &pages {
        println!("  {}", acl.organization);
    }

    let accounts = api
        .ad_account_users()
        .find_by_authenticated_user()
        .send()
        .await?;
    println!("has a role on {} ad account(s)", accounts.elements.len());
    for user in &accounts.elements {
        println!("  {}  {}", user.account, user.role);
    }
    Ok(())
}
