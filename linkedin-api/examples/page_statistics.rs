//! An organization page's audience and reach: lifetime page views with the countries they come
//! from, then its posts' organic impressions, clicks and engagement day by day over the last 30
//! days.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example page_statistics -- 2414183`
//! (scope `rw_organization_admin`, with the ADMINISTRATOR role on the page).

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use linkedin_api::urn::OrganizationUrn;
use linkedin_api::v202606::{
    Api, OrganizationStatisticsTimeIntervals,
    OrganizationStatisticsTimeIntervalsTimeGranularityType as Granularity, TimeRange,
};

/// Epoch milliseconds of the start of the UTC day `t` falls in: LinkedIn's daily buckets start
/// at midnight UTC.
fn midnight_millis(t: SystemTime) -> Result<i64, std::time::SystemTimeError> {
    let secs = t.duration_since(UNIX_EPOCH)?.as_secs();
    Ok(i64::try_from(secs - secs % 86_400)
        .unwrap_or(i64::MAX)
        .saturating_mul(1000))
}

#[tokio::main]
async fn main() -> common::Result<()> {
    let id: i64 = std::env::args()
        .nth(1)
        .ok_or("usage: page_statistics <organization id>")?
        .parse()?;
    let page = OrganizationUrn::from_id(id);
    let api = Api::new(common::client()?);

    // Lifetime: one element, with breakdowns by visitor demographics and geography.
    let lifetime = api
        .organization_statistics()
        .page_statistics(page.clone())
        .send()
        .await?;
    for stats in &lifetime.elements {
        let views = stats
            .total_page_statistics
            .as_ref()
            .and_then(|t| t.views.as_ref())
            .and_then(|v| v.get("allPageViews"))
            .and_then(|v| v.page_views)
            .unwrap_or(0);
        println!("{page}: {views} page view(s) in its lifetime");
        let mut countries: Vec<_> = stats
            .page_statistics_by_geo_country
            .iter()
            .flatten()
            .filter_map(|c| {
                let n = c
                    .page_statistics
                    .as_ref()?
                    .views
                    .as_ref()?
                    .get("allPageViews")?
                    .page_views?;
                Some((n, c.geo.as_ref()?.to_string()))
            })
            .collect();
        countries.sort_by(|a, b| b.cmp(a));
        for (n, geo) in countries.iter().take(5) {
            println!("  {geo}: {n}");
        }
    }

    // The last 30 full days, one element per day.
    let end = midnight_millis(SystemTime::now())?;
    let start = midnight_millis(SystemTime::now() - Duration::from_secs(30 * 86_400))?;
    let range = TimeRange::new(start).end(end);
    let daily = api
        .organization_statistics()
        .share_statistics(page.clone())
        .time_intervals(OrganizationStatisticsTimeIntervals::new(
            range,
            Granularity::Day,
        ))
        .send()
        .await?;
    let (mut impressions, mut clicks) = (0, 0);
    for day in &daily.elements {
        if let Some(t) = &day.total_share_statistics {
            impressions += t.impression_count.unwrap_or(0);
            clicks += t.click_count.unwrap_or(0);
        }
    }
    println!(
        "posts of {page}: {} day(s), {impressions} impressions, {clicks} clicks",
        daily.elements.len()
    );
    Ok(())
}
