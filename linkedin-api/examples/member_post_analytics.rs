//! Read the signed-in member's post analytics: impressions over all their posts.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example member_post_analytics`
//! (scope `r_member_postAnalytics`, restricted to approved partners).

mod common;

use linkedin_api::v202606::{Api, MemberPostAnalyticsMetricType};

#[tokio::main]
async fn main() -> common::Result<()> {
    let api = Api::new(common::client()?);
    for metric in [
        MemberPostAnalyticsMetricType::Impression,
        MemberPostAnalyticsMetricType::Reaction,
    ] {
        let page = api
            .member_analytics()
            .post_analytics_for_me(metric.clone())
            .send()
            .await?;
        let total: i64 = page.elements.iter().map(|e| e.count).sum();
        println!("{metric}: {total}");
    }
    Ok(())
}
