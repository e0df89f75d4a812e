//! The `test-util` feature itself: `MockLinkedIn` routes every operation of a month to its
//! documented answer, takes a test's answers per operation, and records what was sent, tunnelled
//! calls and media uploads included.

use std::time::Duration;

use linkedin_api::RetryPolicy;
use linkedin_api::restli::ErrorResponse;
use linkedin_api::test_util::{Answer, MOCK_TOKEN, MockLinkedIn, Received, sample};
use linkedin_api::urn::{OrganizationUrn, ShareUrn, SponsoredCampaignUrn};
use linkedin_api::v202606::PostCreateLifecycleState::Published;
use linkedin_api::v202606::PostVisibility::Public;
use linkedin_api::v202606::{
    Api, EXAMPLES, ImageInitializeUploadParams, ImageInitializeUploadRequest, OPERATIONS, Post,
    PostCreate, PostDistribution, creatives, posts,
};
use serde_json::json;

fn org() -> OrganizationUrn {
    OrganizationUrn::from_id(5515715)
}

/// A request for each operation of the month, built from its catalogue entry alone (every path
/// parameter `1`, the discriminator in the query), is recorded as that operation and answered
/// with its documented status: no two operations are confused.
#[tokio::test]
async fn every_operation_of_the_month_is_routed_to_its_own_example() {
    let mock = MockLinkedIn::<Api>::start().await;
    let http = linkedin_api::reqwest::Client::new();
    for entry in OPERATIONS {
        let mut path = String::new();
        let mut in_hole = false;
        for c in entry.path.chars() {
            match c {
                '{' => {
                    in_hole = true;
                    path.push('1');
                }
                '}' => in_hole = false,
                _ if in_hole => {}
                c => path.push(c),
            }
        }
        let query = entry
            .discriminator
            .map(|(k, v)| format!("?{k}={v}"))
            .unwrap_or_default();
        let answer = http
            .request(entry.http_method(), format!("{}{path}{query}", mock.uri()))
            .header("x-restli-method", entry.method.header_value())
            .header("linkedin-version", Api::VERSION)
            .send()
            .await
            .unwrap();
        let example = EXAMPLES.iter().find(|e| e.operation == entry.id);
        assert_eq!(
            answer.status().as_u16(),
            example.map_or(200, |e| e.status),
            "{}",
            entry.id
        );
        let last = mock.received().pop().unwrap();
        assert_eq!(last.operation, Some(entry.id), "{} {path}{query}", entry.id);
    }
    assert!(OPERATIONS.len() > 90, "{}", OPERATIONS.len());
    // Every operation has its documented answer, and so have the runtime's OAuth calls.
    let mut documented: Vec<&str> = EXAMPLES.iter().map(|e| e.operation).collect();
    let mut operations: Vec<&str> = OPERATIONS.iter().map(|e| e.id).collect();
    // (`auth.authorize` is the browser's redirect: it has no answer to give.)
    operations.extend([
        "auth.introspectToken",
        "auth.jwks",
        "auth.openidConfiguration",
        "auth.token",
        "auth.userinfo",
    ]);
    documented.sort_unstable();
    operations.sort_unstable();
    assert_eq!(documented, operations);
}

/// `Client::userinfo` (who the token belongs to) is answered like LinkedIn documents it, and a
/// test can say otherwise.
#[tokio::test]
async fn the_runtimes_own_calls_are_answered_too() {
    let mock = MockLinkedIn::<Api>::start().await;
    let me = mock.client().userinfo().await.unwrap();
    assert!(!me.sub.is_empty());
    assert_eq!(mock.received()[0].operation, Some("auth.userinfo"));

    mock.answer_to(
        "auth.userinfo",
        Answer::json(json!({"sub": "test-member", "email_verified": true})),
    );
    assert_eq!(mock.client().userinfo().await.unwrap().sub, "test-member");
    mock.answer_to("auth.userinfo", Answer::error(401, "Invalid access token"));
    assert!(
        mock.client()
            .userinfo()
            .await
            .unwrap_err()
            .is_unauthorized()
    );
}

#[tokio::test]
async fn typed_calls_get_the_documented_answers() {
    let mock = MockLinkedIn::<Api>::start().await;
    let api = mock.api();
    let page = api.posts().find_by_author(org()).send().await.unwrap();
    assert!(!page.elements.is_empty());
    // A create: 201 with the documented `x-restli-id`, decoded as the post's URN.
    let post = PostCreate::new(org(), "Hello", Public, PostDistribution::new(), Published);
    let id = api.posts().create(post).send().await.unwrap();
    assert!(id.as_str().starts_with("urn:li:"), "{id}");
    // An action's `{"value": …}`, unwrapped.
    let upload = api
        .images()
        .initialize_upload(ImageInitializeUploadRequest::new(
            ImageInitializeUploadParams::new(org()),
        ))
        .send()
        .await
        .unwrap();
    assert!(upload.upload_url.starts_with("https://"));
    // The same value `sample` gives without a server.
    let got = api.posts().get(ShareUrn::from_id(1)).send().await.unwrap();
    let sampled: Post = sample::<Api, posts::GetParams>().unwrap();
    assert_eq!(
        serde_json::to_value(&got).unwrap(),
        serde_json::to_value(&sampled).unwrap()
    );
    // The client sends the mock's token.
    let sent = mock.received();
    assert_eq!(sent.len(), 4);
    assert!(
        sent.iter()
            .all(|r| { r.header("authorization") == Some(&format!("Bearer {MOCK_TOKEN}")[..]) })
    );
}

#[tokio::test]
async fn an_upload_goes_through_the_mock_end_to_end() {
    let mock = MockLinkedIn::<Api>::start().await;
    let image = mock
        .api()
        .images()
        .upload(org(), vec![7u8; 64])
        .await
        .unwrap();
    assert!(image.as_str().starts_with("urn:li:image:"), "{image}");
    let sent = mock.received();
    assert_eq!(sent.len(), 2, "{sent:#?}");
    assert_eq!(sent[0].operation, Some("images.initializeUpload"));
    // The PUT went to the upload URL's path, rebased onto the mock; no operation is named.
    assert_eq!(
        (sent[1].operation, &sent[1].method),
        (None, &http::Method::PUT)
    );
    assert_eq!(&sent[1].body[..], &[7u8; 64][..]);
}

#[tokio::test]
async fn a_tests_answers_win_in_order_once_then_standing() {
    let mock = MockLinkedIn::<Api>::start().await;
    let api = mock.api();
    let call = || api.posts().find_by_author(org()).send();
    mock.answer::<posts::FindByAuthorParams>(Answer::elements(Vec::<Post>::new()));
    mock.answer_once::<posts::FindByAuthorParams>(Answer::error(403, "Not enough permissions"));
    mock.answer_once::<posts::FindByAuthorParams>(Answer::error_body(ErrorResponse {
        status: 429,
        service_error_code: Some(101),
        code: Some("QUOTA_EXCEEDED".into()),
        message: "Daily limit".into(),
        ..ErrorResponse::default()
    }));

    let first = call().await.unwrap_err();
    assert!(first.is_forbidden(), "{first:?}");
    let second = call().await.unwrap_err();
    let api_error = second.api().unwrap();
    assert_eq!(
        (
            api_error.status.as_u16(),
            api_error.code(),
            api_error.service_error_code()
        ),
        (429, Some("QUOTA_EXCEEDED"), Some(101))
    );
    assert!(call().await.unwrap().elements.is_empty());
    assert!(call().await.unwrap().elements.is_empty());

    // Other operations still answer their examples; `reset` forgets the test's answers.
    assert!(api.posts().get(ShareUrn::from_id(1)).send().await.is_ok());
    mock.reset();
    assert!(mock.received().is_empty());
    assert!(!call().await.unwrap().elements.is_empty());
}

#[tokio::test]
async fn an_answer_can_depend_on_the_request() {
    let mock = MockLinkedIn::<Api>::start().await;
    mock.answer_with::<posts::GetParams>(|request: &Received| {
        match request.path_param("postUrn").as_deref() {
            Some("urn:li:share:404") => Answer::error(404, "Not found"),
            _ => Answer::json(sample::<Api, posts::GetParams>().unwrap()),
        }
    });
    let api = mock.api();
    assert!(api.posts().get(ShareUrn::from_id(1)).send().await.is_ok());
    let err = api
        .posts()
        .get(ShareUrn::from_id(404))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
}

#[tokio::test]
async fn the_recorded_requests_say_what_the_code_sent() {
    let mock = MockLinkedIn::<Api>::start().await;
    let api = mock.api();
    api.posts()
        .find_by_author(org())
        .count(5)
        .send()
        .await
        .unwrap();
    let post = PostCreate::new(
        org(),
        "Hi (there)",
        Public,
        PostDistribution::new(),
        Published,
    );
    api.posts().create(post).send().await.unwrap();

    let found = mock.received_by::<posts::FindByAuthorParams>();
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].query,
        "q=author&author=urn%3Ali%3Aorganization%3A5515715&count=5"
    );
    assert_eq!(
        found[0].param("author").as_deref(),
        Some("urn:li:organization:5515715")
    );
    assert_eq!(found[0].header("linkedin-version"), Some(Api::VERSION));

    let created = mock.received_by::<posts::CreateParams>();
    let body: PostCreate = created[0].body_as().unwrap();
    assert_eq!(body.commentary, "Hi (there)");
    assert_eq!(
        created[0].json().unwrap()["author"],
        json!("urn:li:organization:5515715")
    );
}

#[tokio::test]
async fn a_tunnelled_call_is_recorded_as_the_client_meant_it() {
    let mock = MockLinkedIn::<Api>::start().await;
    // Enough campaign URNs for a query over 4,000 characters: sent as a POST with the query in
    // the body.
    let campaigns: Vec<SponsoredCampaignUrn> = (0..200)
        .map(|i| SponsoredCampaignUrn::from_id(1_000_000 + i))
        .collect();
    let account = 512388408;
    mock.api()
        .creatives()
        .find_by_criteria(account)
        .campaigns(campaigns)
        .send()
        .await
        .unwrap();
    let sent = mock.received_by::<creatives::FindByCriteriaParams>();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, http::Method::GET);
    assert!(sent[0].query.len() > 4000);
    assert!(
        sent[0]
            .param("campaigns")
            .unwrap()
            .starts_with("List(urn:li:sponsoredCampaign:1000000,")
    );
}

#[tokio::test]
async fn a_delayed_answer_meets_the_calls_timeout() {
    let mock = MockLinkedIn::<Api>::start_with(
        linkedin_api::Client::builder().retry_policy(RetryPolicy::none()),
    )
    .await;
    mock.answer::<posts::GetParams>(
        Answer::json(sample::<Api, posts::GetParams>().unwrap()).delay(Duration::from_secs(5)),
    );
    let err = mock
        .api()
        .posts()
        .get(ShareUrn::from_id(1))
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout() || err.is_deadline(), "{err:?}");
}

#[tokio::test]
async fn requests_no_operation_matches_are_answered_and_recorded() {
    let mock = MockLinkedIn::<Api>::start().await;
    let http = linkedin_api::reqwest::Client::new();
    let answer = http
        .get(format!("{}/rest/nothingHere", mock.uri()))
        .header("x-restli-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 404);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("no operation of Linkedin-Version 202606 is GET /rest/nothingHere"),
        "{body}"
    );
    assert_eq!(mock.received()[0].operation, None);

    // Another month's version is refused, as LinkedIn would not serve this month's shapes.
    let answer = http
        .get(format!("{}/rest/posts/urn%3Ali%3Ashare%3A1", mock.uri()))
        .header("x-restli-method", "GET")
        .header("linkedin-version", "202401")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 400);
}

#[test]
#[should_panic(expected = "has no operation `posts.findByAuthor`")]
fn an_operation_the_month_lacks_is_named() {
    // A month with no operations at all: asking it for any operation is a mistake in the test.
    struct NoPosts;
    impl linkedin_api::test_util::Month for NoPosts {
        const VERSION: &'static str = "209901";
        const OPERATIONS: &'static [linkedin_api::catalog::Entry] = &[];
        const EXAMPLES: &'static [linkedin_api::test_util::Example] = &[];
        fn from_client(_: linkedin_api::Client) -> Self {
            NoPosts
        }
    }
    let _ = sample::<NoPosts, posts::FindByAuthorParams>();
}
