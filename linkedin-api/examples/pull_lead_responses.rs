//! Pull the leads an ad account's lead gen forms received since a point in time, oldest first,
//! and print where to start the next pull.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example pull_lead_responses -- 512388408 1714000000000`
//! (permission `r_marketing_leadgen_automation`, Lead Sync API, with a role on the ad account).
//! The second argument is the epoch-millisecond time of the last lead already pulled (default:
//! 24 hours ago); run it on a schedule, or on each lead notification webhook call.

mod common;

use futures::TryStreamExt;
use linkedin_api::urn::SponsoredAccountUrn;
use linkedin_api::v202606::{Api, LeadOwner, LeadType, LeadTypeCriteria, TimeRange};

#[tokio::main]
async fn main() -> common::Result<()> {
    let mut args = std::env::args().skip(1);
    let account = SponsoredAccountUrn::from_id(
        args.next()
            .unwrap_or_else(|| "512388408".to_owned())
            .parse::<i64>()?,
    );
    let since: i64 = match args.next() {
        Some(ms) => ms.parse()?,
        None => {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
            i64::try_from(now.as_millis())? - 24 * 60 * 60 * 1000
        }
    };
    let api = Api::new(common::client()?);

    // Every page of sponsored (ad) leads submitted since `since`; test leads from the form
    // preview are left out (the finder's default, said explicitly here).
    let mut leads: Vec<_> = api
        .lead_form_responses()
        .find_by_owner(
            LeadOwner::SponsoredAccount(account.clone()),
            LeadTypeCriteria::new(LeadType::Sponsored),
        )
        .submitted_at_time_range(TimeRange::new(since))
        .limited_to_test_leads(false)
        .count(100)
        .items()
        .try_collect()
        .await?;
    leads.sort_by_key(|lead| lead.submitted_at);

    println!("{} new lead(s) for {account} since {since}", leads.len());
    for lead in &leads {
        let answers: Vec<String> = lead
            .form_response
            .iter()
            .flat_map(|r| r.answers.iter().flatten())
            .map(|a| {
                let text = a
                    .answer_details
                    .as_ref()
                    .and_then(|d| d.text_question_answer.as_ref())
                    .and_then(|t| t.answer.clone())
                    .unwrap_or_else(|| "(choice)".to_owned());
                format!("q{}={text}", a.question_id)
            })
            .collect();
        println!(
            "  {} at {} from {}: {}",
            lead.id,
            lead.submitted_at.unwrap_or_default(),
            lead.versioned_lead_gen_form_urn.as_deref().unwrap_or("?"),
            answers.join(", ")
        );
    }
    // The next pull starts just after the newest lead seen (the range's start is inclusive).
    let next = leads
        .last()
        .and_then(|l| l.submitted_at)
        .map_or(since, |t| t + 1);
    println!("next pull: --since {next}");
    Ok(())
}
