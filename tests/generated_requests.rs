//! The generated client sends exactly what LinkedIn expects: one call per Rest.li method kind
//! against a local mock server, asserting method, encoded path, query, headers and body.

use linkedin_api::urn::{
    OrganizationUrn, PersonUrn, ShareUrn, SponsoredAccountUrn, SponsoredCampaignUrn,
    SponsoredCreativeUrn,
};
use linkedin_api::v202606::{self, Api};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "test-token-AQX";

async fn api(server: &MockServer) -> Api {
    let client = linkedin_api::Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .retry_policy(linkedin_api::retry::RetryPolicy::none())
        .build()
        .expect("client");
    Api::new(client)
}

/// The raw path and query of the only request the server saw.
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

fn raw_path_and_query(r: &Request) -> String {
    match r.url.query() {
        Some(q) => format!("{}?{q}", r.url.path()),
        None => r.url.path().to_owned(),
    }
}

fn assert_protocol_headers(r: &Request, restli_method: &str, versioned: bool) {
    let h = |name: &str| {
        r.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(
        h("authorization").as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(h("x-restli-protocol-version").as_deref(), Some("2.0.0"));
    assert_eq!(h("x-restli-method").as_deref(), Some(restli_method));
    if versioned {
        assert_eq!(h("linkedin-version").as_deref(), Some("202606"));
    } else {
        assert_eq!(h("linkedin-version"), None);
    }
}

fn post_json() -> serde_json::Value {
    json!({
        "id": "urn:li:share:6844785523593134080",
        "author": "urn:li:organization:5515715",
        "commentary": "Hello",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false
    })
}

#[tokio::test]
async fn get_encodes_the_whole_urn_in_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(post_json()))
        .mount(&server)
        .await;
    let post = api(&server)
        .await
        .posts()
        .get(
            "urn:li:share:6844785523593134080"
                .parse::<ShareUrn>()
                .unwrap()
                .into_post(),
        )
        .send()
        .await
        .expect("get");
    assert_eq!(post.commentary, "Hello");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/posts/urn%3Ali%3Ashare%3A6844785523593134080"
    );
    assert_protocol_headers(&r, "GET", true);
}

/// Posts accept a share or a UGC post URN; a `ShareUrn` converts into that union.
trait IntoPost {
    fn into_post(self) -> linkedin_api::urn::ShareOrUgcPostUrn;
}
impl IntoPost for ShareUrn {
    fn into_post(self) -> linkedin_api::urn::ShareOrUgcPostUrn {
        self.into()
    }
}

#[tokio::test]
async fn finder_sends_q_and_encoded_values() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .and(query_param("q", "author"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"elements": [post_json()], "paging": {"start": 0, "count": 50}}),
            ),
        )
        .mount(&server)
        .await;
    let author = OrganizationUrn::from_id(5515715);
    let page = api(&server)
        .await
        .posts()
        .find_by_author(author)
        .count(50)
        .send()
        .await
        .expect("finder");
    assert_eq!(page.elements.len(), 1);
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/posts?q=author&author=urn%3Ali%3Aorganization%3A5515715&count=50"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn batch_get_sends_a_restli_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": {"urn%3Ali%3Ashare%3A1": post_json()}, "statuses": {"urn%3Ali%3Ashare%3A1": 200}, "errors": {}
        })))
        .mount(&server)
        .await;
    let ids = vec![
        ShareUrn::from_id(1).into_post(),
        ShareUrn::from_id(2).into_post(),
    ];
    let batch = api(&server)
        .await
        .posts()
        .batch_get(ids)
        .send()
        .await
        .expect("batch get");
    assert_eq!(batch.results.len(), 1);
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/posts?ids=List(urn%3Ali%3Ashare%3A1,urn%3Ali%3Ashare%3A2)"
    );
    assert_protocol_headers(&r, "BATCH_GET", true);
}

#[tokio::test]
async fn create_returns_the_typed_id_from_x_restli_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .and(body_json(json!({
            "author": "urn:li:person:abc123",
            "commentary": "Hello",
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED"
        })))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "urn:li:share:6844785523593134080"),
        )
        .mount(&server)
        .await;
    let author = PersonUrn::from_id("abc123");
    let distribution =
        v202606::PostDistribution::new().feed_distribution(v202606::PostFeedDistribution::MainFeed);
    let post = v202606::PostCreate::new(
        author,
        "Hello",
        v202606::PostVisibility::Public,
        distribution,
        v202606::PostCreateLifecycleState::Published,
    );
    let id = api(&server)
        .await
        .posts()
        .create(post)
        .send()
        .await
        .expect("create");
    assert_eq!(id.to_string(), "urn:li:share:6844785523593134080");
    let r = only_request(&server).await;
    assert_protocol_headers(&r, "CREATE", true);
    assert_eq!(
        r.headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
}

#[tokio::test]
async fn partial_update_sends_the_patch_and_its_header() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("x-restli-method", "PARTIAL_UPDATE"))
        .and(body_json(
            json!({"patch": {"$set": {"commentary": "Edited"}}}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let update = v202606::PostPartialUpdate::new().commentary("Edited");
    api(&server)
        .await
        .posts()
        .partial_update(ShareUrn::from_id(7).into_post(), update)
        .send()
        .await
        .expect("partial update");
    let r = only_request(&server).await;
    assert_eq!(raw_path_and_query(&r), "/rest/posts/urn%3Ali%3Ashare%3A7");
    assert_protocol_headers(&r, "PARTIAL_UPDATE", true);
}

/// The typed patch methods send the spec's shape, byte for byte: setters fill `$set`, `clear_`
/// methods name the field once in `$delete` (the `$delete` enum's value for posts).
#[tokio::test]
async fn typed_patches_send_set_and_delete_exactly() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let api = api(&server).await;
    let pause = v202606::CampaignPatch::new()
        .status(v202606::CampaignStatus::Paused)
        .clear_daily_budget()
        .clear_daily_budget();
    api.campaigns()
        .partial_update(507404993, 42, pause)
        .send()
        .await
        .expect("pause");
    let post = v202606::PostPartialUpdate::new()
        .clear_content_landing_page()
        .ad_context(v202606::PostAdContextPatch::new().dsc_name("Spring"));
    api.posts()
        .partial_update(ShareUrn::from_id(7).into_post(), post)
        .send()
        .await
        .expect("post patch");
    let requests = server.received_requests().await.expect("recorded");
    let bodies: Vec<&str> = requests
        .iter()
        .map(|r| std::str::from_utf8(&r.body).expect("utf-8"))
        .collect();
    assert_eq!(
        bodies,
        [
            r#"{"patch":{"$set":{"status":"PAUSED"},"$delete":["dailyBudget"]}}"#,
            r#"{"patch":{"$delete":["contentLandingPage"],"adContext":{"$set":{"dscName":"Spring"}}}}"#,
        ]
    );
    assert_protocol_headers(&requests[0], "PARTIAL_UPDATE", true);
}

#[tokio::test]
async fn delete_is_a_204_unit() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    api(&server)
        .await
        .posts()
        .delete(ShareUrn::from_id(7).into_post())
        .send()
        .await
        .expect("delete");
    let r = only_request(&server).await;
    assert_eq!(raw_path_and_query(&r), "/rest/posts/urn%3Ali%3Ashare%3A7");
    assert_protocol_headers(&r, "DELETE", true);
}

#[tokio::test]
async fn compound_keys_keep_their_structure_literal() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "root": "urn:li:share:1", "reactionType": "PRAISE",
            "created": {"actor": "urn:li:person:abc", "time": 1}, "lastModified": {"actor": "urn:li:person:abc", "time": 1}
        })))
        .mount(&server)
        .await;
    let reaction = api(&server)
        .await
        .reactions()
        .get(PersonUrn::from_id("abc"), ShareUrn::from_id(1))
        .send()
        .await
        .expect("get reaction");
    assert_eq!(reaction.reaction_type.as_str(), "PRAISE");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/reactions/(actor:urn%3Ali%3Aperson%3Aabc,entity:urn%3Ali%3Ashare%3A1)"
    );
    assert_protocol_headers(&r, "GET", true);
}

#[tokio::test]
async fn action_unwraps_its_value() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {
            "uploadUrlExpiresAt": 1650567510704i64,
            "uploadUrl": "https://www.linkedin.com/dms-uploads/abc",
            "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"
        }})))
        .mount(&server)
        .await;
    let owner = OrganizationUrn::from_id(5583111);
    let params = v202606::ImageInitializeUploadParams::new(owner);
    let body = v202606::ImageInitializeUploadRequest::new(params);
    let upload = api(&server)
        .await
        .images()
        .initialize_upload(body)
        .send()
        .await
        .expect("action");
    assert_eq!(upload.image.to_string(), "urn:li:image:C4E10AQFoyyAjHPMQuQ");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/images?action=initializeUpload"
    );
    assert_protocol_headers(&r, "ACTION", true);
    let sent: serde_json::Value = serde_json::from_slice(&r.body).expect("json body");
    assert_eq!(
        sent,
        json!({"initializeUploadRequest": {"owner": "urn:li:organization:5583111"}})
    );
}

#[tokio::test]
async fn records_in_queries_are_restli_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"elements": [], "metadata": {}})),
        )
        .mount(&server)
        .await;
    let search = v202606::CampaignSearchCriteria::new().status(
        v202606::CampaignSearchCriteriaStatus::new([
            v202606::CampaignStatus::Active,
            v202606::CampaignStatus::Draft,
        ]),
    );
    api(&server)
        .await
        .campaigns()
        .search(507404993)
        .search(search)
        .page_size(10)
        .send()
        .await
        .expect("search");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/507404993/adCampaigns?q=search&search=(status:(values:List(ACTIVE,DRAFT)))&pageSize=10"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

/// A partial update takes its typed patch or, for what that cannot say, an untyped
/// `restli::Patch`: both are sent as `{"patch": …}`, with the same path and headers.
#[tokio::test]
async fn partial_updates_take_an_untyped_patch_too() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let api = api(&server).await;
    let untyped = linkedin_api::restli::Patch::new()
        .set("status", "PAUSED")
        .set("aFieldTheSpecLacks", true)
        .delete("dailyBudget");
    api.campaigns()
        .partial_update(507404993, 42, untyped)
        .send()
        .await
        .expect("untyped");
    let r = only_request(&server).await;
    assert_eq!(
        std::str::from_utf8(&r.body).expect("utf-8"),
        r#"{"patch":{"$set":{"status":"PAUSED","aFieldTheSpecLacks":true},"$delete":["dailyBudget"]}}"#
    );
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/507404993/adCampaigns/42"
    );
    assert_protocol_headers(&r, "PARTIAL_UPDATE", true);
}

/// A comment's patch only nests (`message`, no `$set` of its own): editing its text is still one
/// constructor, and the body is the documented `{"patch":{"message":{"$set":{"text":…}}}}`.
#[tokio::test]
async fn editing_a_comment_sends_the_nested_message_patch() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    api(&server)
        .await
        .comments()
        .partial_update(
            ShareUrn::from_id(7).into_post(),
            "6636062862760562688",
            PersonUrn::from_id("abc"),
            v202606::CommentPartialUpdate::new("Thanks! (edited)"),
        )
        .send()
        .await
        .expect("edit");
    let r = only_request(&server).await;
    assert_eq!(
        std::str::from_utf8(&r.body).expect("utf-8"),
        r#"{"patch":{"message":{"$set":{"text":"Thanks! (edited)"}}}}"#
    );
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/socialActions/urn%3Ali%3Ashare%3A7/comments/6636062862760562688?actor=urn%3Ali%3Aperson%3Aabc"
    );
    assert_protocol_headers(&r, "PARTIAL_UPDATE", true);
}

/// A call keyed by an entity's number (`/rest/adAccounts/{adAccountId}`) takes the number or the
/// entity's URN (owned or borrowed, as a `Campaign.account` is) and sends the same path either
/// way; the catalogue's JSON arguments still give the number.
#[tokio::test]
async fn numeric_path_ids_take_the_number_or_the_urn_and_send_the_same_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"elements": []})))
        .mount(&server)
        .await;
    let api = api(&server).await;
    let account: SponsoredAccountUrn = "urn:li:sponsoredAccount:507404993".parse().expect("urn");
    let campaign = SponsoredCampaignUrn::from_id(345678901);
    let by_number = api.campaigns().get(507404993, 345678901).to_request();
    let by_urn = api.campaigns().get(&account, campaign.clone()).to_request();
    assert_eq!(by_urn.path(), by_number.path());
    assert_eq!(
        by_urn.path(),
        "/rest/adAccounts/507404993/adCampaigns/345678901"
    );
    let org = api
        .organizations()
        .get(OrganizationUrn::from_id(2414183))
        .to_request();
    assert_eq!(org.path(), "/rest/organizations/2414183");
    let event = api
        .events()
        .get(linkedin_api::urn::EventUrn::from_id(7))
        .to_request();
    assert_eq!(event.path(), "/rest/events/7");

    let entry = linkedin_api::v202606::OPERATIONS
        .iter()
        .find(|o| o.id == "campaignGroups.search")
        .expect("campaignGroups.search");
    let client = linkedin_api::Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .expect("client");
    (entry.call)(
        client,
        v202606::Api::VERSION,
        json!({"adAccountId": 507404993}),
    )
    .await
    .expect("catalogue call");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/507404993/adCampaignGroups?q=search"
    );
}

/// A catalogue call takes its parameters from named JSON arguments (`FromArgs`): a missing,
/// mistyped or unknown one is an encode error naming the operation and the argument, and nothing
/// is sent.
#[tokio::test]
async fn catalogue_calls_refuse_missing_mistyped_and_unknown_arguments_before_sending() {
    let server = MockServer::start().await;
    let client = linkedin_api::Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let entry = |id: &str| {
        v202606::OPERATIONS
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    // Each case: the operation, its arguments, and how the refusal's reason starts.
    let cases = [
        ("posts.findByAuthor", json!({}), "missing argument `author`"),
        (
            "posts.findByAuthor",
            json!({"author": "urn:li:organization:1", "count": "ten"}),
            "argument `count`: invalid type: string \"ten\"",
        ),
        (
            "posts.findByAuthor",
            json!({"author": "urn:li:organization:1", "sortby": "CREATED"}),
            "unknown argument `sortby`, expected one of `author`, ",
        ),
        (
            "campaigns.get",
            json!({"adAccountId": "507404993"}),
            "argument `adAccountId`: invalid type: string",
        ),
        (
            "posts.findByAuthor",
            json!([1]),
            "expected an object of named arguments, got an array",
        ),
    ];
    for (id, args, reason) in cases {
        let err = (entry(id).call)(client.clone(), v202606::Api::VERSION, args)
            .await
            .expect_err("refused");
        assert_eq!(
            err.to_string(),
            format!("{id}: could not encode the request")
        );
        // The source is an `EncodeError`, which prefixes its own words.
        let source = std::error::Error::source(&err).map(ToString::to_string);
        let source = source.unwrap_or_default();
        assert!(
            source.contains(&format!("arguments: {reason}")),
            "{id}: {source}"
        );
    }
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}

#[tokio::test]
async fn unversioned_calls_send_no_version_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [], "paging": {"start": 0, "count": 10}})),
        )
        .mount(&server)
        .await;
    #[allow(deprecated)]
    let request = api(&server)
        .await
        .ugc_posts()
        .find_by_authors(vec![OrganizationUrn::from_id(12345)]);
    request.send().await.expect("finder");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/v2/ugcPosts?q=authors&authors=List(urn%3Ali%3Aorganization%3A12345)"
    );
    assert_protocol_headers(&r, "FINDER", false);
}

#[tokio::test]
async fn cursor_pages_follow_next_page_token() {
    let server = MockServer::start().await;
    let account = |id: i64| json!({"id": id, "name": format!("Account {id}"), "type": "BUSINESS", "status": "ACTIVE", "currency": "USD", "test": false});
    Mock::given(method("GET"))
        .and(query_param("pageToken", "t2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [account(3)], "metadata": {}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("pageToken", "t1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"elements": [account(2)], "metadata": {"nextPageToken": "t2"}}),
            ),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({"elements": [account(1)], "metadata": {"nextPageToken": "t1"}}),
            ),
        )
        .with_priority(10)
        .mount(&server)
        .await;
    use futures::TryStreamExt;
    let accounts: Vec<_> = api(&server)
        .await
        .ad_accounts()
        .search()
        .page_size(1)
        .items()
        .try_collect()
        .await
        .expect("pages");
    let ids: Vec<i64> = accounts.iter().map(|a| a.id).collect();
    assert_eq!(ids, vec![1, 2, 3]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

// 202502 is sunset: using it warns, which is the point of the test.
#[allow(deprecated)]
#[tokio::test]
async fn a_month_sharing_a_spec_sends_its_own_version() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = linkedin_api::Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let api = linkedin_api::v202502::Api::new(client);
    assert_eq!(
        linkedin_api::Version::V202502.spec(),
        "202501",
        "202502 is governed by the 202501 spec"
    );
    api.posts()
        .delete(ShareUrn::from_id(7).into_post())
        .send()
        .await
        .expect("delete");
    let r = only_request(&server).await;
    assert_eq!(
        r.headers
            .get("linkedin-version")
            .and_then(|v| v.to_str().ok()),
        Some("202502")
    );
}

#[tokio::test]
async fn ads_statistics_sends_pivots_date_range_facets_and_a_plain_projection() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/adAnalytics"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{
                "dateRange": {"start": {"year": 2024, "month": 6, "day": 1}, "end": {"year": 2024, "month": 6, "day": 30}},
                "pivotValues": ["urn:li:sponsoredCampaign:345678901", "urn:li:sponsoredCreative:456789012"],
                "impressions": 61302,
                "costInLocalCurrency": "742.1873",
                "averageDwellTime": 3.82
            }],
            "paging": {"start": 0, "count": 10, "links": []}
        })))
        .mount(&server)
        .await;
    let mut range = v202606::DateRange::new(v202606::Date::new(2024, 6, 1));
    range.end = Some(v202606::Date::new(2024, 6, 30));
    let report = api(&server)
        .await
        .ad_analytics()
        .statistics(
            vec![
                v202606::AdAnalyticsPivot::Campaign,
                v202606::AdAnalyticsPivot::Creative,
            ],
            range,
            v202606::AdAnalyticsTimeGranularity::All,
        )
        .campaigns(vec![SponsoredCampaignUrn::from_id(345678901)])
        .fields(
            [
                "dateRange",
                "pivotValues",
                "impressions",
                "costInLocalCurrency",
            ]
            .map(String::from),
        )
        .send()
        .await
        .expect("statistics");
    let r = only_request(&server).await;
    // A Rest.li record is a map: its fields' order carries no meaning, and the runtime writes
    // them sorted so the same value always gives the same URL.
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAnalytics?q=statistics&pivots=List(CAMPAIGN,CREATIVE)\
         &dateRange=(end:(day:30,month:6,year:2024),start:(day:1,month:6,year:2024))\
         &timeGranularity=ALL&campaigns=List(urn%3Ali%3AsponsoredCampaign%3A345678901)\
         &fields=dateRange,pivotValues,impressions,costInLocalCurrency"
    );
    assert_protocol_headers(&r, "FINDER", true);
    // The metrics come back typed: counts as integers, money as its decimal string.
    let row = &report.elements[0];
    assert_eq!(row.impressions, Some(61302));
    assert_eq!(row.cost_in_local_currency.as_deref(), Some("742.1873"));
    assert_eq!(row.average_dwell_time, Some(3.82));
    assert_eq!(row.pivot_values.as_ref().map(Vec::len), Some(2));
}

#[tokio::test]
async fn ads_analytics_sends_one_pivot_and_account_facet() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"elements": []})))
        .mount(&server)
        .await;
    let report = api(&server)
        .await
        .ad_analytics()
        .analytics(
            v202606::AdAnalyticsPivot::MemberJobFunction,
            v202606::DateRange::new(v202606::Date::new(2024, 1, 1)),
            v202606::AdAnalyticsTimeGranularity::Monthly,
        )
        .accounts(vec![SponsoredAccountUrn::from_id(512388408)])
        .send()
        .await
        .expect("analytics");
    assert!(report.elements.is_empty());
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAnalytics?q=analytics&pivot=MEMBER_JOB_FUNCTION\
         &dateRange=(start:(day:1,month:1,year:2024))&timeGranularity=MONTHLY\
         &accounts=List(urn%3Ali%3AsponsoredAccount%3A512388408)"
    );
}

#[tokio::test]
async fn creatives_batch_get_sends_encoded_urns_and_decodes_the_content_union() {
    let server = MockServer::start().await;
    let creative = |id: i64, content: serde_json::Value| json!({"id": format!("urn:li:sponsoredCreative:{id}"), "campaign": "urn:li:sponsoredCampaign:345678901", "content": content});
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": {
                "urn%3Ali%3AsponsoredCreative%3A1": creative(1, json!({"reference": "urn:li:share:6844785523593134080"})),
                "urn%3Ali%3AsponsoredCreative%3A2": creative(2, json!({"carouselAd": {"cards": 3}}))
            },
            "statuses": {}, "errors": {}
        })))
        .mount(&server)
        .await;
    let batch = api(&server)
        .await
        .creatives()
        .batch_get(
            512388408,
            vec![
                SponsoredCreativeUrn::from_id(1),
                SponsoredCreativeUrn::from_id(2),
            ],
        )
        .send()
        .await
        .expect("batch get");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/512388408/creatives?ids=List(urn%3Ali%3AsponsoredCreative%3A1,urn%3Ali%3AsponsoredCreative%3A2)"
    );
    assert_protocol_headers(&r, "BATCH_GET", true);
    let contents: Vec<_> = batch
        .results
        .values()
        .map(|c| c.content.clone().expect("content"))
        .collect();
    assert!(contents.contains(&v202606::CreativeContent::Reference(
        "urn:li:share:6844785523593134080".to_owned()
    )));
    // A content kind this version does not know is kept, not an error.
    assert!(
        contents
            .iter()
            .any(|c| matches!(c, v202606::CreativeContent::Unknown { .. })),
        "{contents:?}"
    );
}

#[tokio::test]
async fn creative_get_puts_the_encoded_urn_in_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "urn:li:sponsoredCreative:456789012",
            "campaign": "urn:li:sponsoredCampaign:345678901",
            "intendedStatus": "ACTIVE"
        })))
        .mount(&server)
        .await;
    let creative = api(&server)
        .await
        .creatives()
        .get(512388408, SponsoredCreativeUrn::from_id(456789012))
        .send()
        .await
        .expect("get");
    assert_eq!(creative.id, SponsoredCreativeUrn::from_id(456789012));
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/512388408/creatives/urn%3Ali%3AsponsoredCreative%3A456789012"
    );
}

#[tokio::test]
async fn ad_account_user_update_sends_the_compound_key_and_body() {
    let server = MockServer::start().await;
    let body = json!({
        "account": "urn:li:sponsoredAccount:512388408",
        "user": "urn:li:person:xE4dGZqUvR",
        "role": "CAMPAIGN_MANAGER"
    });
    Mock::given(method("PUT"))
        .and(body_json(body.clone()))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let account = SponsoredAccountUrn::from_id(512388408);
    let user: PersonUrn = "urn:li:person:xE4dGZqUvR".parse().expect("urn");
    api(&server)
        .await
        .ad_account_users()
        .update(
            account.clone(),
            user.clone(),
            v202606::AdAccountUserUpdate::new(
                account,
                user,
                v202606::AdAccountUserRole::CampaignManager,
            ),
        )
        .send()
        .await
        .expect("update");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccountUsers/(account:urn%3Ali%3AsponsoredAccount%3A512388408,user:urn%3Ali%3Aperson%3AxE4dGZqUvR)"
    );
    assert_protocol_headers(&r, "UPDATE", true);
}

#[tokio::test]
async fn organization_acls_find_the_pages_the_member_administers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{"roleAssignee": "urn:li:person:xE4dGZqUvR", "role": "ADMINISTRATOR", "state": "APPROVED", "organization": "urn:li:organization:2414183"}],
            "paging": {"start": 0, "count": 10, "links": []}
        })))
        .mount(&server)
        .await;
    let page = api(&server)
        .await
        .organization_acls()
        .find_by_role_assignee()
        .role(v202606::OrganizationRole::Administrator)
        .state(v202606::OrganizationRoleState::Approved)
        .send()
        .await
        .expect("finder");
    assert_eq!(
        page.elements[0].organization,
        OrganizationUrn::from_id(2414183)
    );
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/organizationAcls?q=roleAssignee&role=ADMINISTRATOR&state=APPROVED"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

fn entities_json() -> serde_json::Value {
    json!({"elements": [
        {"urn": "urn:li:title:9", "facetUrn": "urn:li:adTargetingFacet:titles", "name": "Engineer"}
    ]})
}

#[tokio::test]
async fn targeting_typeahead_sends_the_facet_urn_text_and_locale_record() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/adTargetingEntities"))
        .respond_with(ResponseTemplate::new(200).set_body_json(entities_json()))
        .mount(&server)
        .await;
    let mut locale = v202606::Locale::new("en".to_owned());
    locale.country = Some("US".to_owned());
    let found = api(&server)
        .await
        .ad_targeting_entities()
        .find_by_typeahead(
            "urn:li:adTargetingFacet:titles"
                .parse::<linkedin_api::urn::AdTargetingFacetUrn>()
                .unwrap(),
            "software engineer",
            v202606::AdTargetingQueryVersion::QueryUsesUrns,
        )
        .locale(locale)
        .send()
        .await
        .expect("typeahead");
    assert_eq!(found.elements[0].name.as_deref(), Some("Engineer"));
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adTargetingEntities?q=typeahead&facet=urn%3Ali%3AadTargetingFacet%3Atitles\
         &query=software%20engineer&queryVersion=QUERY_USES_URNS&locale=(country:US,language:en)"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn targeting_urns_finder_sends_a_restli_list_of_urns() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(entities_json()))
        .mount(&server)
        .await;
    api(&server)
        .await
        .ad_targeting_entities()
        .find_by_urns(
            vec![
                "urn:li:industry:4".to_owned(),
                "urn:li:geo:103644278".to_owned(),
            ],
            v202606::AdTargetingQueryVersion::QueryUsesUrns,
        )
        .send()
        .await
        .expect("urns");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adTargetingEntities?q=urns&urns=List(urn%3Ali%3Aindustry%3A4,urn%3Ali%3Ageo%3A103644278)\
         &queryVersion=QUERY_USES_URNS"
    );
}

#[tokio::test]
async fn audience_counts_send_the_targeting_criteria_as_a_nested_record() {
    use linkedin_api::targeting::{Facet, TargetingCriteria};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/audienceCounts"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [{"active": 0, "total": 1280000}]})),
        )
        .mount(&server)
        .await;
    let criteria = TargetingCriteria::builder()
        .include_any(Facet::LOCATIONS, ["urn:li:geo:103644278"])
        .include_any(
            Facet::SENIORITIES,
            ["urn:li:seniority:6", "urn:li:seniority:7"],
        )
        .exclude_any(Facet::INDUSTRIES, ["urn:li:industry:4"])
        .build()
        .expect("criteria");
    let counts = api(&server)
        .await
        .audience_counts()
        .find_by_targeting_criteria_v2(criteria)
        .send()
        .await
        .expect("audience counts");
    assert_eq!(counts.elements[0].total, Some(1_280_000));
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        // Record fields go out sorted (the runtime's canonical Rest.li form): exclude, include.
        "/rest/audienceCounts?q=targetingCriteriaV2&targetingCriteria=(\
         exclude:(or:(urn%3Ali%3AadTargetingFacet%3Aindustries:List(urn%3Ali%3Aindustry%3A4))),\
         include:(and:List(\
         (or:(urn%3Ali%3AadTargetingFacet%3Alocations:List(urn%3Ali%3Ageo%3A103644278))),\
         (or:(urn%3Ali%3AadTargetingFacet%3Aseniorities:List(urn%3Ali%3Aseniority%3A6,urn%3Ali%3Aseniority%3A7))))))"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn lead_responses_finder_sends_a_union_records_and_an_escaped_compound_urn() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/leadFormResponses"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{"id": "b1f3c2d4", "submittedAt": 1714060800000i64}],
            "paging": {"start": 0, "count": 10}
        })))
        .mount(&server)
        .await;
    let page = api(&server)
        .await
        .lead_form_responses()
        .find_by_owner(
            v202606::LeadOwner::SponsoredAccount(SponsoredAccountUrn::from_id(512388408)),
            v202606::LeadTypeCriteria::new(v202606::LeadType::Sponsored),
        )
        .versioned_lead_gen_form_urn("urn:li:versionedLeadGenForm:(urn:li:leadGenForm:6789012,1)")
        .submitted_at_time_range(v202606::TimeRange::new(1714000000000))
        .limited_to_test_leads(false)
        .count(10)
        .send()
        .await
        .expect("lead responses");
    assert_eq!(page.elements[0].id, "b1f3c2d4");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/leadFormResponses?q=owner&owner=(sponsoredAccount:urn%3Ali%3AsponsoredAccount%3A512388408)\
         &leadType=(leadType:SPONSORED)\
         &versionedLeadGenFormUrn=urn%3Ali%3AversionedLeadGenForm%3A%28urn%3Ali%3AleadGenForm%3A6789012%2C1%29\
         &submittedAtTimeRange=(start:1714000000000)&limitedToTestLeads=false&count=10"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn conversion_events_batch_create_sends_elements_with_hashed_emails() {
    use v202606::{
        ConversionEvent, ConversionEventBatchCreateRequest, ConversionUser, ConversionUserId,
        ConversionUserIdType,
    };
    let server = MockServer::start().await;
    let hash = linkedin_api::conversions::hash_email(" Test@Example.com").expect("hash");
    Mock::given(method("POST"))
        .and(path("/rest/conversionEvents"))
        .and(header("x-restli-method", "BATCH_CREATE"))
        .and(body_json(json!({"elements": [
            {"conversion": "urn:lla:llaPartnerConversion:104012",
             "conversionHappenedAt": 1714060800000i64,
             "eventId": "signup-88412",
             "user": {"userIds": [{"idType": "SHA256_EMAIL",
                                   "idValue": "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b"}]}},
            {"conversion": "urn:lla:llaPartnerConversion:104012",
             "conversionHappenedAt": 1714064400000i64,
             "user": {"userIds": [{"idType": "GOOGLE_AID", "idValue": "38400000-8cf0-11bd-b23e-10b96e40000d"}]}}
        ]})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [{"status": 201}, {"status": 201}]})),
        )
        .mount(&server)
        .await;
    let event = |at: i64, id_type, id_value: String| {
        let user = ConversionUser::new().user_ids([ConversionUserId::new(id_type, id_value)]);
        ConversionEvent::new("urn:lla:llaPartnerConversion:104012", at, user)
    };
    let mut first = event(
        1714060800000,
        ConversionUserIdType::Sha256Email,
        hash.into_string(),
    );
    first.event_id = Some("signup-88412".to_owned());
    let second = event(
        1714064400000,
        ConversionUserIdType::GoogleAid,
        "38400000-8cf0-11bd-b23e-10b96e40000d".to_owned(),
    );
    let result = api(&server)
        .await
        .conversion_events()
        .batch_create(ConversionEventBatchCreateRequest::new(vec![first, second]))
        .send()
        .await
        .expect("batch create");
    assert_eq!(
        result.elements.iter().map(|e| e.status).collect::<Vec<_>>(),
        [201, 201]
    );
    let r = only_request(&server).await;
    assert_eq!(raw_path_and_query(&r), "/rest/conversionEvents");
    assert_protocol_headers(&r, "BATCH_CREATE", true);
}

#[tokio::test]
async fn document_upload_initializes_then_puts_the_file_and_refuses_other_kinds_unsent() {
    let server = MockServer::start().await;
    let upload_url = format!(
        "{}/dms-uploads/sp/v2/D5510AQ/uploaded-document/0",
        server.uri()
    );
    Mock::given(method("POST"))
        .and(path("/rest/documents"))
        .and(query_param("action", "initializeUpload"))
        .and(body_json(
            json!({"initializeUploadRequest": {"owner": "urn:li:organization:5583111"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": {
            "uploadUrlExpiresAt": 1650567510704i64,
            "uploadUrl": upload_url,
            "document": "urn:li:document:D5510AQ"
        }})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/sp/v2/D5510AQ/uploaded-document/0"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let client = linkedin_api::Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .allow_insecure_http(true)
        .build()
        .expect("client");
    let not_a_document = linkedin_api::media::upload_document(
        &client,
        "202606",
        "urn:li:organization:5583111",
        &b"GIF89a"[..],
    )
    .await
    .expect_err("a GIF is not a document");
    assert!(
        not_a_document.to_string().contains("not a PDF"),
        "{not_a_document}"
    );
    assert!(
        server
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );

    let pdf = b"%PDF-1.4\n%%EOF\n";
    let urn = linkedin_api::media::upload_document(
        &client,
        "202606",
        "urn:li:organization:5583111",
        &pdf[..],
    )
    .await
    .expect("upload");
    assert_eq!(urn, "urn:li:document:D5510AQ");
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 2);
    assert_protocol_headers(&requests[0], "ACTION", true);
    assert_eq!(requests[1].method.as_str(), "PUT");
    assert_eq!(requests[1].body, pdf);
}

#[tokio::test]
async fn organization_authorizations_batch_get_sends_compound_keys_with_a_nested_union() {
    let server = MockServer::start().await;
    let key = "(impersonator:urn%3Ali%3Aperson%3AyrZCpj2Z12,organization:urn%3Ali%3Aorganization%3A2414183,action:(organizationContentAuthorizationAction:(actionType:ORGANIC_SHARE_CREATE)))";
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "results": {key: {
                "impersonator": "urn:li:person:yrZCpj2Z12",
                "organization": "urn:li:organization:2414183",
                "action": {"organizationContentAuthorizationAction": {"actionType": "ORGANIC_SHARE_CREATE"}},
                "status": {"com.linkedin.organization.Approved": {}}
            }},
            "statuses": {}, "errors": {}
        })))
        .mount(&server)
        .await;
    let member: PersonUrn = "urn:li:person:yrZCpj2Z12".parse().expect("urn");
    let action = v202606::OrganizationAuthorizationAction::OrganizationContentAuthorizationAction(
        v202606::OrganizationContentAuthorizationAction::new(
            v202606::OrganizationContentAuthorizationActionType::OrganicShareCreate,
        ),
    );
    let check = v202606::OrganizationAuthorizationKey::new(
        member,
        OrganizationUrn::from_id(2414183),
        action,
    );
    let batch = api(&server)
        .await
        .organization_authorizations()
        .batch_get(vec![check])
        .send()
        .await
        .expect("batch get");
    let answer = &batch.results[key];
    assert!(matches!(
        answer.status,
        v202606::OrganizationAuthorizationStatus::ComLinkedinOrganizationApproved(_)
    ));
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        // Record fields go out in Rest.li's canonical (sorted) order; LinkedIn reads them by name.
        "/rest/organizationAuthorizations?ids=List((action:(organizationContentAuthorizationAction:(actionType:ORGANIC_SHARE_CREATE)),impersonator:urn%3Ali%3Aperson%3AyrZCpj2Z12,organization:urn%3Ali%3Aorganization%3A2414183))"
    );
    assert_protocol_headers(&r, "BATCH_GET", true);
}

fn admin_read() -> v202606::OrganizationAuthorizationAction {
    v202606::OrganizationAuthorizationAction::OrganizationRoleAuthorizationAction(
        v202606::OrganizationRoleAuthorizationAction::new(
            v202606::OrganizationRoleAuthorizationActionType::AdministratorRead,
        ),
    )
}

#[tokio::test]
async fn organization_authorization_get_writes_the_record_key_with_its_nested_action_in_the_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "impersonator": "urn:li:person:yrZCpj2Z12",
            "organization": "urn:li:organization:2414183",
            "action": {"organizationRoleAuthorizationAction": {"actionType": "ADMINISTRATOR_READ"}},
            "status": {"com.linkedin.organization.Denied": {
                "reasons": ["MEMBER_HAS_INSUFFICIENT_PERMISSIONS_IN_ACCESS_CONTROL"]
            }}
        })))
        .mount(&server)
        .await;
    let member: PersonUrn = "urn:li:person:yrZCpj2Z12".parse().expect("urn");
    let key = v202606::OrganizationAuthorizationKey::new(
        member,
        OrganizationUrn::from_id(2414183),
        admin_read(),
    );
    let call = api(&server).await.organization_authorizations().get(key);
    // The key's URNs are in the path, so an access policy limited to targets sees them.
    assert_eq!(
        linkedin_api::operation::Operation::targets(call.params()),
        ["urn:li:person:yrZCpj2Z12", "urn:li:organization:2414183"]
    );
    let answer = call.send().await.expect("get");
    let v202606::OrganizationAuthorizationStatus::ComLinkedinOrganizationDenied(denied) =
        &answer.status
    else {
        panic!("expected a denial, got {:?}", answer.status);
    };
    assert_eq!(
        denied.reasons.as_deref(),
        Some(&["MEMBER_HAS_INSUFFICIENT_PERMISSIONS_IN_ACCESS_CONTROL".to_owned()][..])
    );
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        // URNs percent-encoded whole, the record structure literal, fields in Rest.li's
        // canonical (sorted) order.
        "/rest/organizationAuthorizations/(action:(organizationRoleAuthorizationAction:(actionType:ADMINISTRATOR_READ)),impersonator:urn%3Ali%3Aperson%3AyrZCpj2Z12,organization:urn%3Ali%3Aorganization%3A2414183)"
    );
    assert_protocol_headers(&r, "GET", true);
}

#[tokio::test]
async fn organization_authorization_batch_finder_sends_one_criteria_record_per_action() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [
                {
                    "elements": [{
                        "impersonator": "urn:li:person:yrZCpj2Z12",
                        "organization": "urn:li:organization:2414183",
                        "action": {"organizationRoleAuthorizationAction": {"actionType": "ADMINISTRATOR_READ"}},
                        "status": {"com.linkedin.organization.Approved": {}}
                    }],
                    "paging": {"start": 0, "count": 10, "links": []}
                },
                {
                    "elements": [],
                    "isError": true,
                    "error": {"status": 400, "message": "Invalid action"}
                }
            ]
        })))
        .mount(&server)
        .await;
    let post = v202606::OrganizationAuthorizationAction::OrganizationContentAuthorizationAction(
        v202606::OrganizationContentAuthorizationAction::new(
            v202606::OrganizationContentAuthorizationActionType::OrganicShareCreate,
        ),
    );
    let member: PersonUrn = "urn:li:person:yrZCpj2Z12".parse().expect("urn");
    let found = api(&server)
        .await
        .organization_authorizations()
        .batch_find_by_authorization_actions(vec![
            v202606::OrganizationAuthorizationActionCriteria::new(admin_read()),
            v202606::OrganizationAuthorizationActionCriteria::new(post),
        ])
        .impersonator(member)
        .send()
        .await
        .expect("batch find");
    assert_eq!(found.elements.len(), 2, "one result per criteria, in order");
    assert_eq!(
        found.elements[0].elements[0].organization,
        OrganizationUrn::from_id(2414183)
    );
    assert!(found.elements[1].is_error);
    assert_eq!(
        found.elements[1].error.as_ref().map(|e| e.status),
        Some(400)
    );
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/organizationAuthorizations?bq=authorizationActionsAndImpersonator&authorizationActions=List((authorizationAction:(organizationRoleAuthorizationAction:(actionType:ADMINISTRATOR_READ))),(authorizationAction:(organizationContentAuthorizationAction:(actionType:ORGANIC_SHARE_CREATE))))&impersonator=urn%3Ali%3Aperson%3AyrZCpj2Z12"
    );
    assert_protocol_headers(&r, "BATCH_FINDER", true);
}

#[tokio::test]
async fn share_statistics_send_time_intervals_as_a_record_and_posts_as_a_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{
                "organizationalEntity": "urn:li:organization:2414183",
                "share": "urn:li:share:7180152926283223040",
                "timeRange": {"start": 1714521600000_i64, "end": 1714608000000_i64},
                "totalShareStatistics": {"impressionCount": 2240, "clickCount": 61, "engagement": 0.0375}
            }],
            "paging": {"start": 0, "count": 10, "links": []}
        })))
        .mount(&server)
        .await;
    let mut range = linkedin_api::v202606::TimeRange::new(1714521600000);
    range.end = Some(1715126400000);
    let intervals = v202606::OrganizationStatisticsTimeIntervals::new(
        range,
        v202606::OrganizationStatisticsTimeIntervalsTimeGranularityType::Day,
    );
    let stats = api(&server)
        .await
        .organization_statistics()
        .share_statistics(OrganizationUrn::from_id(2414183))
        .time_intervals(intervals)
        .shares(vec![ShareUrn::from_id(7180152926283223040_i64)])
        .send()
        .await
        .expect("share statistics");
    let totals = stats.elements[0]
        .total_share_statistics
        .as_ref()
        .expect("totals");
    assert_eq!(totals.impression_count, Some(2240));
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/organizationalEntityShareStatistics?q=organizationalEntity\
         &organizationalEntity=urn%3Ali%3Aorganization%3A2414183\
         &timeIntervals=(timeGranularityType:DAY,timeRange:(end:1715126400000,start:1714521600000))\
         &shares=List(urn%3Ali%3Ashare%3A7180152926283223040)"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn page_statistics_decode_geo_breakdowns_and_metric_maps() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{
                "organization": "urn:li:organization:2414183",
                "totalPageStatistics": {
                    "views": {"allPageViews": {"pageViews": 18422}, "aNewSectionPageViews": {"pageViews": 3}},
                    "clicks": {"careersPageClicks": {"careersPageJobsClicks": 310}}
                },
                "pageStatisticsByGeoCountry": [{"geo": "urn:li:geo:103644278", "pageStatistics": {"views": {"allPageViews": {"pageViews": 9120}}}}]
            }],
            "paging": {"start": 0, "count": 10, "links": []}
        })))
        .mount(&server)
        .await;
    let stats = api(&server)
        .await
        .organization_statistics()
        .page_statistics(OrganizationUrn::from_id(2414183))
        .send()
        .await
        .expect("page statistics");
    let page = &stats.elements[0];
    let views = page
        .total_page_statistics
        .as_ref()
        .and_then(|t| t.views.as_ref())
        .expect("views");
    assert_eq!(views["allPageViews"].page_views, Some(18422));
    assert_eq!(
        views["aNewSectionPageViews"].page_views,
        Some(3),
        "a metric LinkedIn adds still decodes"
    );
    let by_country = page.page_statistics_by_geo_country.as_ref().expect("geo");
    assert_eq!(
        by_country[0].geo.as_ref().map(|g| g.to_string()).as_deref(),
        Some("urn:li:geo:103644278")
    );
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/organizationPageStatistics?q=organization&organization=urn%3Ali%3Aorganization%3A2414183"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn closing_comments_patches_social_metadata_as_the_actor() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(
            json!({"patch": {"$set": {"commentsState": "CLOSED"}}}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let patch = v202606::SocialMetadataPatch::new(v202606::SocialMetadataCommentsState::Closed);
    api(&server)
        .await
        .social_metadata()
        .set_comments_state(
            ShareUrn::from_id(6844785523593134080_i64),
            OrganizationUrn::from_id(5515715),
            patch,
        )
        .send()
        .await
        .expect("close comments");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/socialMetadata/urn%3Ali%3Ashare%3A6844785523593134080?actor=urn%3Ali%3Aorganization%3A5515715"
    );
    assert_protocol_headers(&r, "PARTIAL_UPDATE", true);
}

#[tokio::test]
async fn creating_an_event_sends_ends_at_and_returns_its_numeric_id() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/events"))
        .and(body_json(json!({
            "organizer": "urn:li:organization:2414183",
            "name": {"localized": {"en_US": "Rust meetup"}},
            "startsAt": 1719849600000_i64,
            "endsAt": 1719853200000_i64
        })))
        .respond_with(ResponseTemplate::new(201).insert_header("x-restli-id", "7183210498172317"))
        .mount(&server)
        .await;
    let name = v202606::OrganizationMultiLocaleString::new()
        .localized([("en_US".to_owned(), "Rust meetup".to_owned())].into());
    let event = v202606::EventCreate::new(
        OrganizationUrn::from_id(2414183),
        name,
        1719849600000,
        1719853200000,
    );
    let id = api(&server)
        .await
        .events()
        .create(event)
        .send()
        .await
        .expect("create");
    assert_eq!(id, 7183210498172317);
    let r = only_request(&server).await;
    assert_protocol_headers(&r, "CREATE", true);
}

#[tokio::test]
async fn events_by_organizer_sends_its_filters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [], "paging": {"start": 0, "count": 10}})),
        )
        .mount(&server)
        .await;
    api(&server)
        .await
        .events()
        .find_by_organizer(OrganizationUrn::from_id(2414183))
        .exclude_cancelled(true)
        .count(20)
        .send()
        .await
        .expect("finder");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/events?q=eventsByOrganizer&organizer=urn%3Ali%3Aorganization%3A2414183&excludeCancelled=true&count=20"
    );
    assert_protocol_headers(&r, "FINDER", true);
}

#[tokio::test]
async fn deleting_a_draft_campaign_group_sends_delete_on_its_path() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    api(&server)
        .await
        .campaign_groups()
        .delete(507404993, 615492066)
        .send()
        .await
        .expect("delete");
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/adAccounts/507404993/adCampaignGroups/615492066"
    );
    assert_protocol_headers(&r, "DELETE", true);
}

#[tokio::test]
async fn lite_profile_is_an_unversioned_get_of_v2_me() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "yrZCpj2Z12", "localizedFirstName": "Bob", "localizedLastName": "Smith"
        })))
        .mount(&server)
        .await;
    let me = api(&server).await.profile().me().send().await.expect("me");
    assert_eq!(me.id, "yrZCpj2Z12");
    let r = only_request(&server).await;
    assert_eq!(raw_path_and_query(&r), "/v2/me");
    assert_protocol_headers(&r, "GET", false);
}

#[tokio::test]
async fn member_video_analytics_send_the_post_as_a_union() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{"count": 1843, "metricType": "VIDEO_PLAY"}],
            "paging": {"start": 0, "count": 10, "links": []}
        })))
        .mount(&server)
        .await;
    let post: linkedin_api::urn::UgcPostUrn =
        "urn:li:ugcPost:7191432207145848832".parse().expect("urn");
    let stats = api(&server)
        .await
        .member_analytics()
        .video_analytics_for_entity(
            v202606::MemberPostAnalyticsEntity::Ugc(post),
            v202606::MemberVideoAnalyticsMetricType::VideoPlay,
        )
        .send()
        .await
        .expect("finder");
    assert_eq!(stats.elements[0].count, 1843);
    let r = only_request(&server).await;
    assert_eq!(
        raw_path_and_query(&r),
        "/rest/memberCreatorVideoAnalytics?q=entity&entity=(ugc:urn%3Ali%3AugcPost%3A7191432207145848832)&queryType=VIDEO_PLAY"
    );
    assert_protocol_headers(&r, "FINDER", true);
}
