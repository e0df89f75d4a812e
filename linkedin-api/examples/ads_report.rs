//! A campaign's ads report over the last 30 days: one row per day with impressions, clicks,
//! landing-page clicks and spend, then the totals.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example ads_report -- 345678901`
//! (scope `r_ads_reporting`, with any role on the campaign's ad account).

mod common;

use std::time::{Duration, SystemTime};

use linkedin_api::urn::SponsoredCampaignUrn;
use linkedin_api::v202606::{AdAnalyticsPivot, AdAnalyticsTimeGranularity, Api, Date, DateRange};

/// The report's date from the runtime's UTC calendar date.
fn day(t: SystemTime) -> Date {
    let d = linkedin_api::version::Date::from_system_time(t);
    Date::new(d.year().into(), d.month().into(), d.day().into())
}

#[tokio::main]
async fn main() -> common::Result<()> {
    let campaign: i64 = std::env::args()
        .nth(1)
        .ok_or("usage: ads_report <campaign id>")?
        .parse()?;
    let api = Api::new(common::client()?);

    // The last 30 days, today included (LinkedIn's date ranges include both ends).
    let now = SystemTime::now();
    let range = DateRange::new(day(now - Duration::from_secs(29 * 86_400))).end(day(now));

    let report = api
        .ad_analytics()
        .analytics(
            AdAnalyticsPivot::Campaign,
            range,
            AdAnalyticsTimeGranularity::Daily,
        )
        .campaigns(vec![SponsoredCampaignUrn::from_id(campaign)])
        // Without a projection LinkedIn returns only a few default metrics.
        .fields(
            [
                "dateRange",
                "pivotValues",
                "impressions",
                "clicks",
                "landingPageClicks",
                "costInLocalCurrency",
            ]
            .map(String::from),
        )
        .send()
        .await?;

    let (mut impressions, mut clicks) = (0, 0);
    for row in &report.elements {
        let date = row
            .date_range
            .as_ref()
            .map(|r| format!("{}-{:02}-{:02}", r.start.year, r.start.month, r.start.day))
            .unwrap_or_default();
        println!(
            "{date}  impressions {:>7}  clicks {:>5}  landing-page clicks {:>5}  cost {}",
            row.impressions.unwrap_or(0),
            row.clicks.unwrap_or(0),
            row.landing_page_clicks.unwrap_or(0),
            row.cost_in_local_currency.as_deref().unwrap_or("0"),
        );
        impressions += row.impressions.unwrap_or(0);
        clicks += row.clicks.unwrap_or(0);
    }
    println!(
        "campaign {campaign}: {} day(s), {impressions} impressions, {clicks} clicks",
        report.elements.len()
    );
    Ok(())
}
