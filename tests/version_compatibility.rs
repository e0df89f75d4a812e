//! Code built against one version keeps working when LinkedIn answers with another version's
//! payloads: unknown fields and enum values never fail decoding.
//!
//! Forward: every response example of the newest spec decodes through the oldest spec's types
//! (for operations both have). Backward: the oldest spec's examples decode through the newest
//! types, except where the specs record an incompatible change (`metricType` became a string in
//! 202605; its operations do not exist in 202401, so nothing is excluded between these two).

#[path = "support/mod.rs"]
mod support;

use linkedin_api::catalog::Entry;
use support::SPECS;

fn decode_all(examples_of: (&str, &[Entry]), types_of: (&str, &[Entry])) -> (usize, Vec<String>) {
    let (from_version, from_ops) = examples_of;
    let (to_version, to_ops) = types_of;
    let doc = support::spec(from_version);
    let mut checked = 0;
    let mut failures = Vec::new();
    for op in from_ops {
        let Some(target) = to_ops.iter().find(|o| o.id == op.id) else {
            continue;
        };
        let Some(decode) = target.response else {
            continue;
        };
        for (name, example) in support::response_examples(&doc, op) {
            let bytes = serde_json::to_vec(&example).expect("json");
            if let Err(e) = decode(&bytes) {
                failures.push(format!(
                    "{from_version} `{}` example `{name}` through {to_version} types: {e}",
                    op.id
                ));
            }
            checked += 1;
        }
    }
    (checked, failures)
}

#[test]
fn newest_payloads_decode_through_the_oldest_types() {
    let (oldest, newest) = (SPECS[0], SPECS[SPECS.len() - 1]);
    let (checked, failures) = decode_all(newest, oldest);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 30, "only {checked} examples checked");
}

#[test]
fn oldest_payloads_decode_through_the_newest_types() {
    let (oldest, newest) = (SPECS[0], SPECS[SPECS.len() - 1]);
    let (checked, failures) = decode_all(oldest, newest);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 30, "only {checked} examples checked");
}

#[test]
fn every_consecutive_pair_is_forward_compatible() {
    for pair in SPECS.windows(2) {
        let (_, failures) = decode_all(pair[1], pair[0]);
        // 202605 turned post and video metricType from an object into a string: older types
        // cannot read it.
        let failures: Vec<_> = failures
            .into_iter()
            .filter(|f| {
                !(pair[1].0 == "202605"
                    && (f.contains("postAnalytics") || f.contains("videoAnalytics")))
            })
            .collect();
        assert!(
            failures.is_empty(),
            "{} -> {}:\n{}",
            pair[1].0,
            pair[0].0,
            failures.join("\n")
        );
    }
}

/// Where LinkedIn did not change a module between two months, both month modules re-export one
/// generated definition (`generated/shared/`), so code written against one month compiles
/// against the other; where it changed, the types differ and the compiler points at the change.
mod one_type_where_nothing_changed {
    use std::any::TypeId;

    use linkedin_api::{v202601, v202606};

    fn written_against_202601(post: v202601::Post) -> v202601::Post {
        post
    }

    fn recent_posts_request(posts: &v202601::posts::Posts) -> v202601::posts::FindByAuthorRequest {
        let author: linkedin_api::urn::PersonUrn = "urn:li:person:abc123".parse().expect("urn");
        posts.find_by_author(author)
    }

    #[test]
    fn an_unchanged_type_is_the_same_rust_type_in_both_months() {
        // Compiles only because the two are one type: a function written for 202601 takes a
        // 202606 post, and the reverse.
        let _takes_202606: fn(v202606::Post) -> v202606::Post = written_against_202601;
        assert_eq!(TypeId::of::<v202601::Post>(), TypeId::of::<v202606::Post>());
        assert_eq!(
            TypeId::of::<v202601::posts::FindByAuthorRequest>(),
            TypeId::of::<v202606::posts::FindByAuthorRequest>()
        );
    }

    #[test]
    fn a_shared_resource_sends_the_month_of_the_api_it_came_from() {
        let client = linkedin_api::Client::builder()
            .access_token("test-token")
            .build()
            .expect("client");
        let newer = v202606::Api::new(client.clone()).posts();
        let older = v202601::Api::new(client).posts();
        // One helper, written against 202601's resource, serves both months' `Api`.
        let sent = |posts| recent_posts_request(posts).to_request();
        assert_eq!(sent(&newer).version_header(), Some("202606"));
        assert_eq!(sent(&older).version_header(), Some("202601"));
    }

    #[test]
    fn a_changed_type_is_a_different_rust_type() {
        // 202602 added `politicalIntent` to campaigns.
        assert_ne!(
            TypeId::of::<v202601::Campaign>(),
            TypeId::of::<v202606::Campaign>()
        );
    }

    #[test]
    fn a_type_is_shared_as_long_as_nothing_it_holds_changed() {
        // Posts have not changed since the first month; `common` gained `Date` in 202504, but
        // nothing a post holds changed, so 202401's `Post` is 202606's.
        #[allow(deprecated)]
        let oldest = TypeId::of::<linkedin_api::v202401::Post>();
        assert_eq!(oldest, TypeId::of::<v202606::Post>());
    }
}
