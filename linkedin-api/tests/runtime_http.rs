//! What the runtime puts on the wire: headers per Rest.li method, URL encodings, the calls
//! generated code makes, query tunneling and the untyped Rest.li client.

mod runtime_support;

use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::restli::{self, CallOptions, Patch, RestliClient};
use runtime_support::{TOKEN, client, header};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::{any, header as header_is, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn single_request(server: &MockServer) -> wiremock::Request {
    let mut reqs = server.received_requests().await.expect("recording on");
    assert_eq!(reqs.len(), 1, "expected exactly one request");
    reqs.pop().unwrap()
}

#[tokio::test]
async fn every_restli_method_sends_the_protocol_headers() {
    for m in RestliMethod::ALL {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .mount(&server)
            .await;
        let req = Request::restli("things.op", m, "/rest/things", "/rest/things".into())
            .version("202606");
        client(&server).execute(req).await.unwrap();

        let got = single_request(&server).await;
        assert_eq!(got.method.as_str(), m.http_method().as_str(), "{m:?}");
        assert_eq!(
            header(&got, "x-restli-method"),
            Some(m.header_value()),
            "{m:?}"
        );
        assert_eq!(header(&got, "x-restli-protocol-version"), Some("2.0.0"));
        assert_eq!(header(&got, "linkedin-version"), Some("202606"));
        assert_eq!(
            header(&got, "authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert!(
            header(&got, "user-agent")
                .unwrap()
                .starts_with("linkedin-api-rust/")
        );
        assert!(header(&got, "x-http-method-override").is_none());
        if matches!(got.method.as_str(), "POST" | "PUT") {
            // LinkedIn answers 411 to a POST without Content-Length.
            assert_eq!(header(&got, "content-length"), Some("0"), "{m:?}");
        }
    }
}

#[tokio::test]
async fn unversioned_calls_send_no_version_header() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let req = Request::restli(
        "ugc.get",
        RestliMethod::Get,
        "/v2/ugcPosts/{id}",
        "/v2/ugcPosts/1".into(),
    );
    client(&server).send_json::<Value>(req).await.unwrap();
    let got = single_request(&server).await;
    assert!(header(&got, "linkedin-version").is_none());
    assert_eq!(header(&got, "x-restli-protocol-version"), Some("2.0.0"));
}

#[tokio::test]
async fn urls_use_restli_encoding() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let compound = format!(
        "/rest/reactions/(actor:{},entity:{})",
        restli::encode_key("urn:li:person:1"),
        restli::encode_key("urn:li:activity:2")
    );
    let req = Request::restli(
        "reactions.get",
        RestliMethod::Get,
        "/rest/reactions/(actor:{actor},entity:{entity})",
        compound,
    )
    .version("202606")
    .query("ids", &["urn:li:share:1", "urn:li:share:2"])
    .query(
        "search",
        &json!({"status": {"values": ["ACTIVE", "PAUSED"]}, "name": "a b"}),
    )
    .query("none", &Vec::<String>::new())
    .query("blank", &json!({}))
    .query("flag", &true);
    client(&server).send_json::<Value>(req).await.unwrap();
    let got = single_request(&server).await;
    assert_eq!(
        got.url.path(),
        "/rest/reactions/(actor:urn%3Ali%3Aperson%3A1,entity:urn%3Ali%3Aactivity%3A2)"
    );
    assert_eq!(
        got.url.query().unwrap(),
        "ids=List(urn%3Ali%3Ashare%3A1,urn%3Ali%3Ashare%3A2)\
         &search=(name:a%20b,status:(values:List(ACTIVE,PAUSED)))\
         &none=List()&blank=()&flag=true"
    );
}

/// reqwest's URL type would send `''` (Rest.li's empty string) as `%27%27`, which Rest.li reads
/// as a two-quote string; such a query is tunnelled so it travels verbatim.
#[tokio::test]
async fn empty_strings_travel_verbatim() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .mount(&server)
        .await;
    let req = Request::restli(
        "search.find",
        RestliMethod::Finder,
        "/rest/search",
        "/rest/search".into(),
    )
    .query_raw("q", "keywords")
    .query("keywords", "")
    .query("filters", &json!({"name": ""}));
    client(&server).send_json::<Value>(req).await.unwrap();
    let got = single_request(&server).await;
    assert_eq!(got.method.as_str(), "POST");
    assert_eq!(header(&got, "x-http-method-override"), Some("GET"));
    assert_eq!(
        String::from_utf8(got.body).unwrap(),
        "q=keywords&keywords=''&filters=(name:'')"
    );
}

#[tokio::test]
async fn urn_path_key_is_encoded_whole() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts/urn%3Ali%3Ashare%3A1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "urn:li:share:1"})))
        .expect(1)
        .mount(&server)
        .await;
    let key = restli::encode_key("urn:li:share:1");
    let req = Request::restli(
        "posts.get",
        RestliMethod::Get,
        "/rest/posts/{postUrn}",
        format!("/rest/posts/{key}"),
    )
    .version("202606");
    let post: Value = client(&server).send_json(req).await.unwrap();
    assert_eq!(post["id"], "urn:li:share:1");
}

/// Written exactly as generated code calls the runtime (see the runtime contract).
#[tokio::test]
async fn generated_code_calls_compile_and_work() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .and(query_param("q", "author"))
        .and(query_param("author", "urn:li:organization:5"))
        .and(header_is("X-RestLi-Method", "FINDER"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "elements": [{"id": "urn:li:share:1"}],
            "paging": {"start": 0, "count": 10, "total": 1, "links": []}
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .respond_with(
            ResponseTemplate::new(201).insert_header("x-restli-id", "urn%3Ali%3Ashare%3A9"),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/socialActions/urn%3Ali%3Ashare%3A9/comments"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-restli-id", "7")
                .set_body_json(json!({"id": "7", "message": {"text": "hi"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client(&server);

    let req = Request::restli(
        "posts.findByAuthor",
        RestliMethod::Finder,
        "/rest/posts",
        "/rest/posts".to_string(),
    )
    .version("202606")
    .query("author", &"urn:li:organization:5")
    .query_raw("q", "author");
    let page = client
        .send_json::<restli::Collection<serde_json::Value>>(req)
        .await
        .unwrap();
    assert_eq!(page.elements.len(), 1);
    assert_eq!(page.paging.unwrap().total, Some(1));

    let req = Request::restli(
        "posts.create",
        RestliMethod::Create,
        "/rest/posts",
        "/rest/posts".to_string(),
    )
    .version("202606")
    .json(&json!({"author": "urn:li:organization:5", "commentary": "Hello"}));
    let id: String = client.send_create_id(req).await.unwrap();
    assert_eq!(id, "urn:li:share:9");

    #[derive(Debug, Deserialize, PartialEq)]
    struct Comment {
        id: String,
    }
    let req = Request::restli(
        "comments.create",
        RestliMethod::Create,
        "/rest/socialActions/{target}/comments",
        format!("/rest/socialActions/{}/comments", restli::encode_key(&id)),
    )
    .version("202606")
    .json(&json!({"message": {"text": "hi"}}));
    let created: restli::Created<u64, Comment> = client.send_create(req).await.unwrap();
    assert_eq!(created.id, 7);
    assert_eq!(created.entity, Some(Comment { id: "7".into() }));

    let req = Request::restli(
        "posts.delete",
        RestliMethod::Delete,
        "/rest/posts/{postUrn}",
        "/rest/posts/x".into(),
    )
    .version("202606");
    client.send_empty(req).await.unwrap();

    let reqs = server.received_requests().await.unwrap();
    assert_eq!(header(&reqs[1], "content-type"), Some("application/json"));
    assert_eq!(reqs[1].body_json::<Value>().unwrap()["commentary"], "Hello");
}

#[tokio::test]
async fn long_query_without_body_is_tunnelled_as_form() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": {}})))
        .mount(&server)
        .await;
    let ids: Vec<String> = (0..300)
        .map(|i| format!("urn:li:sponsoredCampaign:{i}"))
        .collect();
    let req = Request::restli(
        "campaigns.batchGet",
        RestliMethod::BatchGet,
        "/rest/adCampaigns",
        "/rest/adCampaigns".into(),
    )
    .version("202606")
    .query("ids", &ids);
    let expected_query = req.query_string().to_owned();
    assert!(expected_query.len() > restli::MAX_QUERY_STRING_LENGTH);
    client(&server)
        .send_json::<restli::BatchGet<Value>>(req)
        .await
        .unwrap();

    let got = single_request(&server).await;
    assert_eq!(got.method.as_str(), "POST");
    assert_eq!(got.url.query(), None);
    assert_eq!(header(&got, "x-http-method-override"), Some("GET"));
    assert_eq!(header(&got, "x-restli-method"), Some("BATCH_GET"));
    assert_eq!(
        header(&got, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(String::from_utf8(got.body).unwrap(), expected_query);
}

#[tokio::test]
async fn long_query_with_body_is_tunnelled_as_multipart() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": {}})))
        .mount(&server)
        .await;
    let ids: Vec<u32> = (0..1500).collect();
    let body = json!({"entities": {"1": {"name": "x"}}});
    let req = Request::restli(
        "things.batchUpdate",
        RestliMethod::BatchUpdate,
        "/rest/things",
        "/rest/things".into(),
    )
    .version("202606")
    .query("ids", &ids)
    .json(&body);
    let query = req.query_string().to_owned();
    client(&server)
        .send_json::<restli::BatchResult>(req)
        .await
        .unwrap();

    let got = single_request(&server).await;
    assert_eq!(got.method.as_str(), "POST");
    assert_eq!(header(&got, "x-http-method-override"), Some("PUT"));
    let content_type = header(&got, "content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/mixed; boundary=")
        .expect(content_type);
    let text = String::from_utf8(got.body.clone()).unwrap();
    let parts: Vec<&str> = text.split(&format!("--{boundary}")).collect();
    assert_eq!(parts.len(), 4, "{text}");
    assert_eq!(
        parts[1],
        format!("\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n{query}\r\n")
    );
    assert_eq!(
        parts[2],
        format!("\r\nContent-Type: application/json\r\n\r\n{body}\r\n")
    );
    assert_eq!(parts[3], "--\r\n");
}

#[tokio::test]
async fn generic_client_covers_the_restli_methods() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/adAccounts/7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7, "name": "Acme"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/creatives"))
        .and(header_is("x-restli-method", "GET_ALL"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"elements": [{"id": 3}]})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/rest/adAccounts/7"))
        .respond_with(
            ResponseTemplate::new(422)
                .set_body_json(json!({"status": 422, "message": "name is required"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/rest/adAccounts/7"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(json!({"status": 404, "message": "gone"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/rest/adAccounts"))
        .and(header_is("x-restli-method", "BATCH_DELETE"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"results": {"2": {"status": 204}}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/rest/adAccounts"))
        .and(header_is("x-restli-method", "BATCH_UPDATE"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"results": {"1": {"status": 204}}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/adAccounts"))
        .and(query_param("q", "search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"elements": [{"id": 1}]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/adAccounts"))
        .and(header_is("x-restli-method", "BATCH_GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": {"1": {"id": 1}}, "statuses": {"1": 200}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"value": {"uploadUrl": "https://up"}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/adAccounts"))
        .and(header_is("x-restli-method", "BATCH_PARTIAL_UPDATE"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"results": {"1": {"status": 204}}})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/adAccounts/1"))
        .and(header_is("x-restli-method", "PARTIAL_UPDATE"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v2/things"))
        .respond_with(
            ResponseTemplate::new(201).insert_header("x-restli-id", "urn%3Ali%3Athing%3A1"),
        )
        .mount(&server)
        .await;
    let restli = RestliClient::new(client(&server));
    let v = CallOptions::new().version("202606");

    let found = restli
        .finder(
            "/adAccounts",
            "search",
            &v.clone()
                .query("search", json!({"status": {"values": ["ACTIVE"]}})),
        )
        .await
        .unwrap();
    assert_eq!(found.elements, [json!({"id": 1})]);

    let batch = restli
        .batch_get("/adAccounts", &[json!(1), json!(2)], &v)
        .await
        .unwrap();
    assert_eq!(batch.get("1"), Some(&json!({"id": 1})));
    assert_eq!(batch.status("1"), Some(200));

    let value = restli
        .action(
            "/images",
            "initializeUpload",
            Some(&json!({"initializeUploadRequest": {"owner": "urn:li:organization:1"}})),
            &v,
        )
        .await
        .unwrap();
    assert_eq!(value, Some(json!({"uploadUrl": "https://up"})));

    let patch = Patch::new().set("name", "renamed").delete("notes");
    let result = restli
        .batch_partial_update("/adAccounts", &[json!(1)], std::slice::from_ref(&patch), &v)
        .await
        .unwrap();
    assert_eq!(result.status("1"), Some(204));
    restli
        .partial_update("/adAccounts", Some(&json!(1)), &patch, &v)
        .await
        .unwrap();

    let created = restli
        .create("/things", &json!({"a": 1}), &CallOptions::new())
        .await
        .unwrap();
    assert_eq!(created.id, "urn:li:thing:1");
    assert_eq!(created.entity, None);

    // Last, so the requests above keep their places in `reqs`.
    let one = restli
        .get("/adAccounts", Some(&json!(7)), &v)
        .await
        .unwrap();
    assert_eq!(one, json!({"id": 7, "name": "Acme"}));
    let all = restli.get_all("/creatives", &v).await.unwrap();
    assert_eq!(all.elements, [json!({"id": 3})]);
    let refused = restli
        .update("/adAccounts", Some(&json!(7)), &json!({"id": 7}), &v)
        .await
        .expect_err("LinkedIn's 422 is the update's error");
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(422));
    let updated = restli
        .batch_update("/adAccounts", &[json!(1)], &[json!({"id": 1})], &v)
        .await
        .unwrap();
    assert_eq!(updated.status("1"), Some(204));
    let missing = restli
        .delete("/adAccounts", Some(&json!(7)), &v)
        .await
        .expect_err("LinkedIn's 404 is the delete's error");
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
    let deleted = restli
        .batch_delete("/adAccounts", &[json!(2)], &v)
        .await
        .unwrap();
    assert_eq!(deleted.status("2"), Some(204));

    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        reqs[0].url.query(),
        Some("q=search&search=(status:(values:List(ACTIVE)))")
    );
    assert_eq!(reqs[1].url.query(), Some("ids=List(1,2)"));
    assert_eq!(reqs[3].url.query(), Some("ids=List(1)"));
    assert_eq!(
        reqs[3].body_json::<Value>().unwrap(),
        json!({"entities": {"1": {"patch": {"$set": {"name": "renamed"}, "$delete": ["notes"]}}}})
    );
    assert_eq!(
        reqs[4].body_json::<Value>().unwrap(),
        json!({"patch": {"$set": {"name": "renamed"}, "$delete": ["notes"]}})
    );
    assert!(header(&reqs[5], "linkedin-version").is_none());
}
