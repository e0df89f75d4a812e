//! URNs go where they fit: a single-type URN where a union of its type is expected, a narrower
//! union where a wider one is, a `Vec` of URNs where a list of a union is; and back with
//! `TryFrom`. Entities LinkedIn identifies by number convert between URN and id. These calls
//! compiling is most of the test; the requests show the URNs arrive unchanged.

use linkedin_api::Client;
use linkedin_api::urn::{
    ActivityOrCommentOrShareOrUgcPostUrn, CommentOrShareOrUgcPostUrn, OrganizationOrPersonUrn,
    OrganizationUrn, PersonUrn, ShareOrUgcPostUrn, ShareUrn, SponsoredAccountUrn, UgcPostUrn,
    VideoUrn,
};
use linkedin_api::v202606::Api;

fn api() -> Api {
    Api::new(Client::builder().access_token("t").build().unwrap())
}

#[test]
fn single_type_urns_go_where_a_union_is_expected() {
    let api = api();
    let org = OrganizationUrn::from_id(5515715);
    let share = ShareUrn::from(6844785523593134080);
    let ugc = UgcPostUrn::from(7191432207145848832);

    // `author` is an OrganizationOrPersonUrn.
    let by_org = api.posts().find_by_author(org.clone()).to_request();
    assert!(
        by_org
            .query_string()
            .contains("author=urn%3Ali%3Aorganization%3A5515715"),
        "{}",
        by_org.query_string()
    );
    let by_person = api.posts().find_by_author(PersonUrn::from_id("abc123"));
    assert_eq!(by_person.to_request().targets(), ["urn:li:person:abc123"]);

    // A post is a ShareOrUgcPostUrn; its comments take any of four types.
    let get = api.posts().get(share.clone()).to_request();
    assert_eq!(
        get.path(),
        "/rest/posts/urn%3Ali%3Ashare%3A6844785523593134080"
    );
    let comments = api.comments().list(ugc.clone()).to_request();
    assert!(
        comments
            .path()
            .contains("urn%3Ali%3AugcPost%3A7191432207145848832"),
        "{}",
        comments.path()
    );

    // A post URN read from one response (a ShareOrUgcPostUrn) widens to the comment target, the
    // reaction entity and the social-metadata entity.
    let post: ShareOrUgcPostUrn = share.clone().into();
    let share_urn = "urn:li:share:6844785523593134080";
    assert_eq!(
        api.comments().list(post.clone()).to_request().targets(),
        [share_urn]
    );
    let reactions = api.reactions().find_by_entity(post.clone()).to_request();
    assert_eq!(reactions.targets(), [share_urn]);
    assert_eq!(
        api.social_metadata()
            .get(post.clone())
            .to_request()
            .targets(),
        [share_urn]
    );

    // Lists of a union take a Vec (or array) of any member type.
    let batch = api.posts().batch_get(vec![share.clone()]).to_request();
    assert!(
        batch
            .query_string()
            .contains("urn%3Ali%3Ashare%3A6844785523593134080"),
        "{}",
        batch.query_string()
    );
    let pair = api.posts().batch_get([ugc.clone(), ugc]).to_request();
    assert_eq!(pair.targets().len(), 2);
    assert_eq!(
        api.posts().batch_get(vec![post]).to_request().targets(),
        [share_urn]
    );
}

#[test]
fn a_union_narrows_back_with_try_from_naming_what_does_not_fit() {
    let wide: ActivityOrCommentOrShareOrUgcPostUrn = ShareUrn::from(1).into();
    let share = ShareUrn::try_from(wide.clone()).unwrap();
    assert_eq!(share.as_str(), "urn:li:share:1");
    let post = ShareOrUgcPostUrn::try_from(wide.clone()).unwrap();
    assert_eq!(post, ShareOrUgcPostUrn::Share(share));
    let err = UgcPostUrn::try_from(wide).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`urn:li:share:1` is not a urn:li:ugcPost URN"
    );

    let activity: ActivityOrCommentOrShareOrUgcPostUrn = "urn:li:activity:7".parse().unwrap();
    let err = CommentOrShareOrUgcPostUrn::try_from(activity).unwrap_err();
    assert!(
        err.to_string()
            .contains("urn:li:comment, urn:li:share or urn:li:ugcPost"),
        "{err}"
    );

    let owner: OrganizationOrPersonUrn = PersonUrn::from_id("abc").into();
    assert!(OrganizationUrn::try_from(owner.clone()).is_err());
    assert_eq!(PersonUrn::try_from(owner).unwrap().id(), "abc");

    // An unlisted type LinkedIn sent converts when it is the type asked for.
    let unknown: ShareOrUgcPostUrn = serde_json::from_str("\"urn:li:video:V\"").unwrap();
    assert!(unknown.is_unknown());
    assert!(VideoUrn::try_from(unknown.as_str()).is_ok());
}

#[test]
fn numeric_ids_and_urns_convert_both_ways() {
    let account = SponsoredAccountUrn::from(512388408);
    assert_eq!(account.as_str(), "urn:li:sponsoredAccount:512388408");
    assert_eq!(account.numeric_id(), Ok(512388408));
    assert_eq!(i64::try_from(&account), Ok(512388408));

    // A campaign's `account` URN keys the account's calls, as the number does.
    let search = api().campaigns().search(&account).to_request();
    assert_eq!(search.path(), "/rest/adAccounts/512388408/adCampaigns");
    let search = api().campaigns().search(512388408).to_request();
    assert_eq!(search.path(), "/rest/adAccounts/512388408/adCampaigns");

    let odd: SponsoredAccountUrn = "urn:li:sponsoredAccount:x9".parse().unwrap();
    assert_eq!(
        odd.numeric_id().unwrap_err().to_string(),
        "`urn:li:sponsoredAccount:x9` is not a urn:li:sponsoredAccount URN with a numeric id"
    );
}
