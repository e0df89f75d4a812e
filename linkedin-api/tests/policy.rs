//! Access policies and the local scope check, end to end against a mock server that counts
//! requests: a denied call, or one the token's scopes do not cover, sends nothing and says why
//! in plain English; an allowed one goes through.

mod runtime_support;

use std::sync::{Arc, Mutex};

use linkedin_api::auth::{Introspection, TokenSet};
use linkedin_api::interceptor::{Interceptor, OperationInfo, Outcome};
use linkedin_api::operation::{Area, Effect};
use linkedin_api::policy::{Access, AgentPolicy, Denial, DenialReason};
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::urn::{OrganizationUrn, PersonUrn, ShareUrn};
use linkedin_api::v202606::{Api, Comment, CommentMessage};
use linkedin_api::{Client, ClientBuilder, Error, ErrorKind};
use runtime_support::TOKEN;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server that answers every finder with an empty page.
async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"elements": [], "paging": {"start": 0, "count": 10}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sub": "abc"})))
        .mount(&server)
        .await;
    server
}

fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .oauth_base_url(&server.uri())
        .allow_insecure_http(true)
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.expect("recording").len()
}

fn social_bot() -> AgentPolicy {
    AgentPolicy::new("social-bot")
        .area(Area::Comments, Access::Read)
        .area(Area::Posts, Access::Full)
}

fn comment() -> Comment {
    Comment::new(
        PersonUrn::from_id("abc"),
        ShareUrn::from_id(1),
        CommentMessage::new("Great post!"),
    )
}

/// Keeps the outcomes it is told of.
#[derive(Clone, Default)]
struct Outcomes(Arc<Mutex<Vec<(String, Outcome)>>>);

impl Interceptor for Outcomes {
    fn after_outcome(&self, op: &OperationInfo, outcome: &Outcome) {
        self.0
            .lock()
            .unwrap()
            .push((op.id().to_owned(), outcome.clone()));
    }
}

#[tokio::test]
async fn a_denied_write_sends_nothing_and_says_why_in_plain_english() {
    let server = server().await;
    let outcomes = Outcomes::default();
    let client = builder(&server)
        .interceptor(social_bot())
        .interceptor(outcomes.clone())
        .build()
        .unwrap();
    let api = Api::new(client);

    let err = api
        .comments()
        .create(ShareUrn::from_id(1), comment())
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 0, "LinkedIn sees nothing");
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert_eq!(
        err.to_string(),
        "comments.create: refused before sending by agent policy: agent `social-bot` may only read comments"
    );
    assert!(!err.may_have_reached_server());
    let Error::Refused { refusal, .. } = &err else {
        panic!("{err:?}")
    };
    let denial = std::error::Error::source(refusal)
        .and_then(|s| s.downcast_ref::<Denial>())
        .expect("the denial is the refusal's source");
    assert_eq!(denial.reason(), &DenialReason::ReadOnly(Area::Comments));

    // Audit sinks see who refused and why.
    let seen = outcomes.0.lock().unwrap();
    let (id, outcome) = &seen[0];
    assert_eq!(id, "comments.create");
    assert_eq!(outcome.refused_by(), Some("agent policy"));
    assert_eq!(
        outcome.refusal_reason(),
        Some("agent `social-bot` may only read comments")
    );
    assert_eq!(outcome.attempts(), 0);
}

#[tokio::test]
async fn an_allowed_call_goes_through_and_interceptors_see_its_area_effect_and_summary() {
    let server = server().await;
    #[derive(Clone, Default)]
    struct Infos(Arc<Mutex<Vec<OperationInfo>>>);
    impl Interceptor for Infos {
        fn before_send(
            &self,
            op: &OperationInfo,
        ) -> Result<(), linkedin_api::interceptor::Refusal> {
            self.0.lock().unwrap().push(op.clone());
            Ok(())
        }
    }
    let infos = Infos::default();
    let outcomes = Outcomes::default();
    let client = builder(&server)
        .interceptor(social_bot())
        .interceptor(infos.clone())
        .interceptor(outcomes.clone())
        .build()
        .unwrap();
    let page = Api::new(client)
        .posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap();
    assert!(page.elements.is_empty());
    assert_eq!(requests(&server).await, 1);
    let info = infos.0.lock().unwrap()[0].clone();
    assert_eq!(info.area(), Some(Area::Posts));
    assert_eq!(info.effect(), Effect::Read);
    assert_eq!(info.summary(), Some("Find posts by author"));
    let outcome = &outcomes.0.lock().unwrap()[0].1;
    assert_eq!(
        (outcome.refused_by(), outcome.refusal_reason()),
        (None, None)
    );
}

#[tokio::test]
async fn an_area_not_named_is_off() {
    let server = server().await;
    let client = builder(&server)
        .interceptor(AgentPolicy::new("analyst").area(Area::Analytics, Access::Read))
        .build()
        .unwrap();
    let err = Api::new(client)
        .posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 0);
    assert!(
        err.to_string()
            .ends_with("agent `analyst` may not use posts"),
        "{err}"
    );
}

#[tokio::test]
async fn targets_limit_which_entities_a_call_may_name() {
    let server = server().await;
    let policy = social_bot().targets(["urn:li:organization:1", "member"]);
    let client = builder(&server).interceptor(policy).build().unwrap();
    let api = Api::new(client);

    let err = api
        .posts()
        .find_by_author(OrganizationUrn::from_id(2))
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 0);
    assert!(
        err.to_string()
            .ends_with("agent `social-bot` may not act on urn:li:organization:2"),
        "{err}"
    );

    api.posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap();
    // `member`: the member the token belongs to (unknown here, so any person).
    api.posts()
        .find_by_author(PersonUrn::from_id("abc"))
        .send()
        .await
        .unwrap();
    assert_eq!(requests(&server).await, 2);
}

/// Calls the catalogue entry `id` of 202606 with JSON arguments, as the CLI and MCP tools do.
async fn call(client: Client, id: &str, args: serde_json::Value) -> Result<(), Error> {
    let entry = linkedin_api::v202606::OPERATIONS
        .iter()
        .find(|e| e.id == id)
        .unwrap();
    (entry.call)(client, "202606", args).await.map(drop)
}

#[tokio::test]
async fn targets_named_in_the_body_are_checked_too() {
    let server = server().await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .respond_with(ResponseTemplate::new(201).insert_header("x-restli-id", "urn:li:share:9"))
        .mount(&server)
        .await;
    let policy = social_bot()
        .area(Area::Media, Access::Full)
        .area(Area::Leads, Access::Full)
        .targets(["urn:li:organization:1"]);
    let client = builder(&server).interceptor(policy).build().unwrap();
    let api = Api::new(client.clone());
    let post = |author: &str| -> linkedin_api::v202606::PostCreate {
        serde_json::from_value(json!({
            "author": author,
            "commentary": "Hello",
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
        }))
        .unwrap()
    };

    // `author` is the post's `x-linkedin-target`: posting as another organization is refused.
    let err = api
        .posts()
        .create(post("urn:li:organization:2"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 0, "LinkedIn sees nothing");
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(
        err.to_string()
            .ends_with("agent `social-bot` may not act on urn:li:organization:2"),
        "{err}"
    );
    // A target nested in the body (`initializeUploadRequest.owner`)…
    let err = call(
        client.clone(),
        "images.initializeUpload",
        json!({"body": {"initializeUploadRequest": {"owner": "urn:li:organization:2"}}}),
    )
    .await
    .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("may not act on urn:li:organization:2"),
        "{err}"
    );
    // …or in a union (`owner: {organization: …}`), and a member this crate does not know
    // is refused rather than left unchecked.
    for (owner, named) in [
        (
            json!({"organization": "urn:li:organization:2"}),
            "urn:li:organization:2",
        ),
        (
            json!({"sponsoredAccount": "urn:li:sponsoredAccount:7"}),
            "urn:li:sponsoredAccount:7",
        ),
        (
            json!({"newKindOfOwner": "urn:li:organization:1x"}),
            "urn:li:organization:1x",
        ),
    ] {
        let body = json!({"webhook": "https://example.com/leads", "owner": owner, "leadType": "SPONSORED"});
        let err = call(
            client.clone(),
            "leadNotifications.create",
            json!({"body": body}),
        )
        .await
        .unwrap_err();
        assert!(
            err.to_string()
                .ends_with(&format!("may not act on {named}")),
            "{err}"
        );
    }
    assert_eq!(requests(&server).await, 0);

    // Posting as the organization the agent may act for goes through.
    let created = api
        .posts()
        .create(post("urn:li:organization:1"))
        .send()
        .await
        .unwrap();
    assert_eq!(created.to_string(), "urn:li:share:9");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn member_means_the_member_once_known() {
    let server = server().await;
    let policy = social_bot().targets(["member"]).member("urn:li:person:abc");
    let api = Api::new(builder(&server).interceptor(policy).build().unwrap());
    api.posts()
        .find_by_author(PersonUrn::from_id("abc"))
        .send()
        .await
        .unwrap();
    let err = api
        .posts()
        .find_by_author(PersonUrn::from_id("someone-else"))
        .send()
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("may not act on urn:li:person:someone-else"),
        "{err}"
    );
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn runtime_exchanges_have_areas_too_and_a_request_without_one_is_denied() {
    let server = server().await;
    let client = builder(&server).interceptor(social_bot()).build().unwrap();
    // `auth.userinfo` is identity, which the policy does not name.
    let err = client.userinfo().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("agent `social-bot` may not use identity"),
        "{err}"
    );
    // A hand-built request that does not say its area cannot be allowed.
    let raw = Request::restli(
        "posts.findByAuthor",
        RestliMethod::Finder,
        "/rest/posts",
        "/rest/posts".into(),
    );
    let err = client
        .send_json::<serde_json::Value>(raw.clone())
        .await
        .unwrap_err();
    assert!(err.to_string().ends_with("its area is unknown"), "{err}");
    assert_eq!(requests(&server).await, 0);

    client
        .send_json::<serde_json::Value>(raw.area(Area::Posts))
        .await
        .unwrap();
    let identity = builder(&server)
        .interceptor(social_bot().area(Area::Identity, Access::Read))
        .build()
        .unwrap();
    identity.userinfo().await.unwrap();
    assert_eq!(requests(&server).await, 2);
}

#[tokio::test]
async fn the_catalogue_call_is_checked_like_a_typed_one() {
    let server = server().await;
    let client = builder(&server).interceptor(social_bot()).build().unwrap();
    let entry = linkedin_api::v202606::OPERATIONS
        .iter()
        .find(|e| e.id == "comments.create")
        .unwrap();
    assert_eq!((entry.area, entry.effect), (Area::Comments, Effect::Write));
    assert_eq!(entry.summary, "Create a comment");
    let args = json!({
        "target": "urn:li:share:1",
        "body": {"actor": "urn:li:person:abc", "object": "urn:li:share:1", "message": {"text": "hi"}},
    });
    let err = (entry.call)(client, "202606", args).await.unwrap_err();
    assert!(err.to_string().ends_with("may only read comments"), "{err}");
    assert_eq!(requests(&server).await, 0);
}

#[tokio::test]
async fn scopes_not_granted_fail_locally_naming_needed_and_granted() {
    let server = server().await;
    let outcomes = Outcomes::default();
    let client = builder(&server)
        .granted_scopes(["openid", "r_member_social"])
        .interceptor(outcomes.clone())
        .build()
        .unwrap();
    let api = Api::new(client.clone());
    let err = api
        .comments()
        .create(ShareUrn::from_id(1), comment())
        .send()
        .await
        .unwrap_err();
    assert_eq!(requests(&server).await, 0, "no 403 spent on the quota");
    assert_eq!(err.kind(), ErrorKind::MissingScopes);
    assert!(!err.may_have_reached_server());
    let Error::MissingScopes(missing) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(missing.operation(), "comments.create");
    assert_eq!(missing.granted(), ["openid", "r_member_social"]);
    assert!(missing.needed().contains(&&["w_member_social"][..]));
    let text = err.to_string();
    assert!(
        text.starts_with("comments.create: not sent, the token lacks the scopes it needs: needs `w_member_social`, or `w_organization_social`"),
        "{text}"
    );
    assert!(
        text.ends_with("granted: `openid`, `r_member_social`"),
        "{text}"
    );
    assert_eq!(
        outcomes.0.lock().unwrap()[0].1.error(),
        Some(ErrorKind::MissingScopes)
    );

    // A read the scopes cover goes through.
    api.posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap();
    assert_eq!(requests(&server).await, 1);
    assert_eq!(
        client.granted_scopes(),
        Some(vec!["openid", "r_member_social"])
    );
}

#[tokio::test]
async fn granted_scopes_come_from_the_token_response_or_introspection_and_a_new_token_forgets_them()
{
    let server = server().await;
    let base = builder(&server).build().unwrap();
    let mut tokens = TokenSet::new("another-token", None);
    tokens.scopes = linkedin_api::auth::Scopes::parse("r_organization_social");
    let client = base.with_token_set(&tokens);
    assert_eq!(client.granted_scopes(), Some(vec!["r_organization_social"]));
    let err = Api::new(client.clone())
        .comments()
        .create(ShareUrn::from_id(1), comment())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingScopes);
    assert_eq!(requests(&server).await, 0);

    // A token whose scopes are unknown is not checked: LinkedIn decides.
    assert_eq!(client.with_access_token("third").granted_scopes(), None);
    assert_eq!(
        base.with_token_set(&TokenSet::new("t", None))
            .granted_scopes(),
        None
    );
    // An introspection's scopes: a member token's (LinkedIn sends them comma-separated); an
    // application token's introspection lists none, which says nothing.
    let introspection = |json| serde_json::from_value::<Introspection>(json).unwrap();
    let app = introspection(json!({"active": true, "auth_type": "2L", "scope": ""}));
    assert_eq!(base.with_introspection(&app).granted_scopes(), None);
    let member = introspection(json!({
        "active": true, "auth_type": "3L", "scope": "r_organization_social,r_member_social"
    }));
    let client = base.with_introspection(&member);
    assert_eq!(
        client.granted_scopes(),
        Some(vec!["r_member_social", "r_organization_social"])
    );
    Api::new(client)
        .posts()
        .find_by_author(OrganizationUrn::from_id(1))
        .send()
        .await
        .unwrap();
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn a_policy_refusal_comes_before_the_scope_check() {
    let server = server().await;
    let client = builder(&server)
        .granted_scopes(["openid"])
        .interceptor(social_bot())
        .build()
        .unwrap();
    let err = Api::new(client)
        .comments()
        .create(ShareUrn::from_id(1), comment())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused, "{err}");
    assert_eq!(requests(&server).await, 0);
}

/// A campaign call names its ad account by number in the path; the number is the account's URN
/// as far as a policy is concerned, so an agent limited to one account cannot read another's.
#[tokio::test]
async fn an_account_id_in_the_path_is_a_target() {
    let server = server().await;
    Mock::given(method("GET"))
        .and(path("/rest/adAccounts/1/adCampaigns"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"elements": [], "metadata": {}})),
        )
        .mount(&server)
        .await;
    let policy = AgentPolicy::new("ads-bot")
        .area(Area::Ads, Access::Read)
        .targets(["urn:li:sponsoredAccount:1"]);
    let api = Api::new(builder(&server).interceptor(policy).build().unwrap());

    let err = api.campaigns().search(2).send().await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Refused);
    assert!(
        err.to_string()
            .ends_with("agent `ads-bot` may not act on urn:li:sponsoredAccount:2"),
        "{err}"
    );
    assert_eq!(requests(&server).await, 0, "LinkedIn sees nothing");

    let account = linkedin_api::urn::SponsoredAccountUrn::from_id(1);
    api.campaigns().search(&account).send().await.unwrap();
    assert_eq!(requests(&server).await, 1);
}
