//! How generated types behave at the edges: values LinkedIn adds later decode instead of failing,
//! URNs of the wrong entity type are refused, and unions keep exactly one member.

use linkedin_api::urn::{OrganizationOrPersonUrn, OrganizationUrn, PersonUrn, ShareUrn};
use linkedin_api::v202606::{PostContent, PostVisibility, Reaction, ReactionType};
use serde_json::json;

#[test]
fn an_unknown_enum_value_decodes_and_round_trips() {
    let v: PostVisibility = serde_json::from_value(json!("FRIENDS_OF_FRIENDS")).expect("open enum");
    assert_eq!(v, PostVisibility::Unknown("FRIENDS_OF_FRIENDS".to_owned()));
    assert!(v.is_unknown());
    assert_eq!(
        serde_json::to_value(&v).unwrap(),
        json!("FRIENDS_OF_FRIENDS")
    );
    assert_eq!(v.to_string(), "FRIENDS_OF_FRIENDS");
}

#[test]
fn known_enum_values_use_their_wire_strings() {
    assert_eq!(PostVisibility::Public.as_str(), "PUBLIC");
    assert_eq!(
        "LOGGED_IN".parse::<PostVisibility>().unwrap(),
        PostVisibility::LoggedIn
    );
    assert!(PostVisibility::KNOWN.contains(&"CONNECTIONS"));
    #[allow(deprecated)]
    let maybe = ReactionType::Maybe;
    assert_eq!(
        serde_json::to_value(maybe).unwrap(),
        json!("MAYBE"),
        "deprecated values still encode"
    );
}

#[test]
fn a_response_with_a_new_enum_value_still_decodes() {
    let reaction: Reaction = serde_json::from_value(json!({
        "root": "urn:li:share:1",
        "reactionType": "SOME_FUTURE_REACTION",
        "created": {"actor": "urn:li:person:abc", "time": 1}
    }))
    .expect("decodes");
    assert_eq!(
        reaction.reaction_type,
        ReactionType::Unknown("SOME_FUTURE_REACTION".to_owned())
    );
}

#[test]
fn an_unknown_union_member_is_kept_verbatim() {
    let content: PostContent =
        serde_json::from_value(json!({"hologram": {"id": "urn:li:hologram:1"}}))
            .expect("open union");
    match &content {
        PostContent::Unknown { member, value } => {
            assert_eq!(member, "hologram");
            assert_eq!(value, &json!({"id": "urn:li:hologram:1"}));
        }
        other => panic!("expected Unknown, got {other:?}"),
    }
    assert_eq!(
        serde_json::to_value(&content).unwrap(),
        json!({"hologram": {"id": "urn:li:hologram:1"}})
    );
}

#[test]
fn a_union_has_exactly_one_member() {
    let media: PostContent =
        serde_json::from_value(json!({"media": {"id": "urn:li:image:C4E10AQ"}})).expect("media");
    assert_eq!(media.member(), "media");
    assert!(matches!(media, PostContent::Media(_)));
    let two = serde_json::from_value::<PostContent>(
        json!({"media": {"id": "urn:li:image:1"}, "article": {}}),
    );
    assert!(two.unwrap_err().to_string().contains("exactly one member"));
    let none = serde_json::from_value::<PostContent>(json!({}));
    assert!(none.unwrap_err().to_string().contains("found none"));
}

#[test]
fn typed_urns_refuse_other_entity_types() {
    let person: PersonUrn = "urn:li:person:abc123".parse().expect("person");
    assert_eq!(person.id(), "abc123");
    assert_eq!(person.to_string(), "urn:li:person:abc123");
    let err = "urn:li:organization:1".parse::<PersonUrn>().unwrap_err();
    assert!(err.to_string().contains("urn:li:organization:1"), "{err}");
    assert!("not a urn".parse::<ShareUrn>().is_err());

    let author: OrganizationOrPersonUrn = "urn:li:organization:5515715".parse().expect("union");
    assert_eq!(
        author,
        OrganizationOrPersonUrn::Organization(OrganizationUrn::from_id(5515715))
    );
    let err = "urn:li:share:1"
        .parse::<OrganizationOrPersonUrn>()
        .unwrap_err();
    assert!(err.to_string().contains("urn:li:share:1"), "{err}");
    // A response may carry a type the union does not list: it decodes into `Unknown` and
    // encodes back unchanged, while parsing (how requests are built) stays strict.
    let decoded = serde_json::from_value::<OrganizationOrPersonUrn>(json!("urn:li:group:1"))
        .expect("an unlisted entity type decodes");
    assert!(decoded.is_unknown());
    assert_eq!(decoded.as_str(), "urn:li:group:1");
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        json!("urn:li:group:1")
    );
    assert!(serde_json::from_value::<OrganizationOrPersonUrn>(json!("group:1")).is_err());
}

#[test]
fn compound_urn_ids_keep_their_structure() {
    let comment: linkedin_api::urn::CommentUrn = "urn:li:comment:(urn:li:activity:1,2)"
        .parse()
        .expect("comment urn");
    assert_eq!(comment.id(), "(urn:li:activity:1,2)");
}
