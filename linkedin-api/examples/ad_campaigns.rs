//! Search an ad account's campaigns with cursor paging, then create a draft campaign in the
//! first campaign's group.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example ad_campaigns -- 507404993`
//! (scope `rw_ads`, with CAMPAIGN_MANAGER or better on the account). Without an account id, the
//! first ad account the token can see is used.

mod common;

use futures::TryStreamExt;
use linkedin_api::targeting::{Facet, TargetingCriteria};
use linkedin_api::urn::SponsoredAccountUrn;
use linkedin_api::v202606::{
    Api, BidAmount, CampaignCostType, CampaignCreate, CampaignCreateRequired,
    CampaignPoliticalIntent, CampaignStatus, CampaignType, Locale, MoneyAmount,
};

#[tokio::main]
async fn main() -> common::Result<()> {
    let api = Api::new(common::client()?);
    let account_id: i64 = match std::env::args().nth(1) {
        Some(id) => id.parse()?,
        None => {
            let first = api.ad_accounts().search().page_size(1).send().await?;
            first
                .elements
                .first()
                .map(|a| a.id)
                .ok_or("the token sees no ad account")?
        }
    };

    // Every campaign of the account, 100 per page, following metadata.nextPageToken.
    let campaigns: Vec<_> = api
        .campaigns()
        .search(account_id)
        .page_size(100)
        .items()
        .try_collect()
        .await?;
    println!("{} campaign(s) in account {account_id}", campaigns.len());
    for c in &campaigns {
        println!("  {}  {:?}  {}", c.id, c.status, c.name);
    }
    let group = campaigns
        .first()
        .map(|c| c.campaign_group.clone())
        .ok_or("the account has no campaign group to add to")?;

    // Members in the United States; the same criteria would size the audience first with
    // api.audience_counts().find_by_targeting_criteria_v2(targeting.clone()).
    let targeting = TargetingCriteria::builder()
        .include_any(Facet::LOCATIONS, ["urn:li:geo:103644278"])
        .build()?;
    let campaign = CampaignCreate::new(CampaignCreateRequired {
        account: SponsoredAccountUrn::from_id(account_id),
        campaign_group: group,
        name: "Rust example campaign".into(),
        r#type: CampaignType::SponsoredUpdates,
        status: CampaignStatus::Draft,
        cost_type: CampaignCostType::Cpm,
        locale: Locale::new("en").country("US"),
        offsite_delivery_enabled: false,
        targeting_criteria: targeting,
        political_intent: CampaignPoliticalIntent::NotPolitical,
    })
    // The bid's currency defaults to the ad account's.
    .unit_cost(BidAmount::new("10.00"))
    .daily_budget(MoneyAmount::new("50.00", "USD"));
    let id = api.campaigns().create(account_id, campaign).send().await?;
    println!("created draft campaign {id}");
    Ok(())
}
