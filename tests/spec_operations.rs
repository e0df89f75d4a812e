//! The spec governing 202606 describes every operation issues #2 and #10 list; loaded through
//! `openapiv3`, the same parser the generator uses.

use std::collections::BTreeSet;

fn operation_ids() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let spec = linkedin_api::Version::V202606.spec();
    let text =
        std::fs::read_to_string(root.join(format!("spec/{spec}/openapi.yaml"))).expect("spec");
    let doc: openapiv3::OpenAPI =
        serde_norway::from_str(&text).expect("the spec parses as OpenAPI 3.0");
    let mut ids = BTreeSet::new();
    for (_, item) in doc.paths.iter() {
        let item = item.as_item().expect("no path-item refs");
        for (_, op) in item.iter() {
            ids.insert(
                op.operation_id
                    .clone()
                    .expect("every operation has an operationId"),
            );
            if let Some(serde_json::Value::Array(variants)) = op.extensions.get("x-restli-variants")
            {
                for v in variants {
                    ids.insert(
                        v["operationId"]
                            .as_str()
                            .expect("variant operationId")
                            .to_owned(),
                    );
                }
            }
        }
    }
    ids
}

#[test]
fn every_required_operation_is_described() {
    let required = [
        // OAuth 2.0 and Sign In with LinkedIn
        "auth.authorize",
        "auth.token",
        "auth.introspectToken",
        "auth.openidConfiguration",
        "auth.jwks",
        "auth.userinfo",
        // Posts
        "posts.create",
        "posts.get",
        "posts.batchGet",
        "posts.findByAuthor",
        "posts.findByDscAdAccount",
        "posts.partialUpdate",
        "posts.delete",
        // Legacy UGC posts
        "ugcPosts.get",
        "ugcPosts.findByAuthors",
        // Comments
        "comments.create",
        "comments.list",
        "comments.get",
        "comments.batchGet",
        "comments.partialUpdate",
        "comments.delete",
        // Reactions
        "reactions.create",
        "reactions.get",
        "reactions.batchGet",
        "reactions.findByEntity",
        "reactions.delete",
        // Images and videos
        "images.initializeUpload",
        "images.get",
        "images.batchGet",
        "videos.initializeUpload",
        "videos.finalizeUpload",
        "videos.get",
        // Organizations
        "organizations.get",
        "organizations.findByVanityName",
        "organizations.batchLookup",
        "organizations.followerCount",
        "organizations.followerStatistics",
        // Ads
        "adAccounts.search",
        "adAccounts.get",
        "adAccounts.create",
        "adAccounts.partialUpdate",
        "adAccounts.delete",
        "campaignGroups.search",
        "campaignGroups.get",
        "campaignGroups.batchGet",
        "campaignGroups.create",
        "campaignGroups.partialUpdate",
        "campaigns.search",
        "campaigns.get",
        "campaigns.batchGet",
        "campaigns.create",
        "campaigns.partialUpdate",
        // Ads reporting, creatives, and who may act for what (issue #10)
        "adAnalytics.analytics",
        "adAnalytics.statistics",
        "creatives.findByCriteria",
        "creatives.batchGet",
        "creatives.get",
        "creatives.create",
        "creatives.partialUpdate",
        "creatives.delete",
        "organizationAcls.findByRoleAssignee",
        "organizationAcls.findByOrganization",
        "adAccountUsers.findByAuthenticatedUser",
        "adAccountUsers.findByAccounts",
        "adAccountUsers.get",
        "adAccountUsers.update",
        "adAccountUsers.partialUpdate",
        "adAccountUsers.delete",
        // Member analytics
        "memberAnalytics.followersCount",
        "memberAnalytics.followersCountByDateRange",
        "memberAnalytics.postAnalyticsForEntity",
        "memberAnalytics.postAnalyticsForMe",
    ];
    let ids = operation_ids();
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|id| !ids.contains(*id))
        .collect();
    assert!(
        missing.is_empty(),
        "operations missing from the spec of 202606: {missing:?}"
    );
}
