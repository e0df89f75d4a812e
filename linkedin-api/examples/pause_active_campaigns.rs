//! Page through an ad account's campaigns and pause the active ones.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example pause_active_campaigns -- 507404993`
//! (scope `rw_ads`, with CAMPAIGN_MANAGER or better on the account).

mod common;

use futures::TryStreamExt;
use linkedin_api::v202606::{Api, CampaignPatch, CampaignStatus};

#[tokio::main]
async fn main() -> common::Result<()> {
    let account: i64 = std::env::args()
        .nth(1)
        .ok_or("pass the ad account id, e.g. 507404993")?
        .parse()?;
    let api = Api::new(common::client()?);

    // Every page first (100 campaigns each), so pausing cannot shift the pages being read.
    let campaigns: Vec<_> = api
        .campaigns()
        .search(account)
        .page_size(100)
        .items()
        .try_collect()
        .await?;
    for c in campaigns
        .iter()
        .filter(|c| c.status == CampaignStatus::Active)
    {
        let pause = CampaignPatch::new().status(CampaignStatus::Paused);
        api.campaigns()
            .partial_update(&c.account, c.id, pause)
            .send()
            .await?;
        println!("paused {} ({})", c.id, c.name);
    }
    Ok(())
}
