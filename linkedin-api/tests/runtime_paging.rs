//! Both paging styles against a real HTTP server.

mod runtime_support;

use futures::{StreamExt, TryStreamExt};
use linkedin_api::paging;
use linkedin_api::request::{Request, RestliMethod};
use linkedin_api::restli::Collection;
use runtime_support::client;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mount_page(server: &MockServer, start: &str, body: Value) {
    Mock::given(method("GET"))
        .and(path("/rest/posts"))
        .and(query_param("start", start))
        .and(query_param("count", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn offset_paging_over_three_pages() {
    let server = MockServer::start().await;
    let paging = |start: i32| json!({"start": start, "count": 2, "total": 5, "links": []});
    mount_page(
        &server,
        "0",
        json!({"elements": [{"n": 0}, {"n": 1}], "paging": paging(0)}),
    )
    .await;
    mount_page(
        &server,
        "2",
        json!({"elements": [{"n": 2}, {"n": 3}], "paging": paging(2)}),
    )
    .await;
    mount_page(
        &server,
        "4",
        json!({"elements": [{"n": 4}], "paging": paging(4)}),
    )
    .await;
    let client = client(&server);

    // A requested count above the endpoint's maximum (2 here) is capped.
    let pages = paging::offset_pages(None, Some(50), 2, |start, count| {
        let client = client.clone();
        async move {
            let req = Request::restli(
                "posts.findByAuthor",
                RestliMethod::Finder,
                "/rest/posts",
                "/rest/posts".into(),
            )
            .version("202606")
            .query_raw("q", "author")
            .query("start", &start)
            .query("count", &count);
            client.send_json::<Collection<Value>>(req).await
        }
    });
    let items: Vec<Value> = paging::items(pages).try_collect().await.unwrap();
    let ns: Vec<i64> = items.iter().map(|v| v["n"].as_i64().unwrap()).collect();
    assert_eq!(ns, [0, 1, 2, 3, 4]);
}

fn cursor_fetch(
    client: linkedin_api::Client,
) -> impl FnMut(
    i32,
    Option<String>,
) -> futures::future::BoxFuture<'static, Result<Collection<Value>, linkedin_api::Error>>
+ Send {
    move |size, token| {
        let client = client.clone();
        Box::pin(async move {
            let req = Request::restli(
                "adAccounts.search",
                RestliMethod::Finder,
                "/rest/adAccounts",
                "/rest/adAccounts".into(),
            )
            .version("202606")
            .query_raw("q", "search")
            .query("pageSize", &size)
            .query("pageToken", &token);
            client.send_json::<Collection<Value>>(req).await
        })
    }
}

async fn mount_cursor(server: &MockServer, token: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET"))
        .and(path("/rest/adAccounts"))
        .and(query_param("pageSize", "10"));
    let mock = match token {
        Some(t) => mock.and(query_param("pageToken", t)),
        None => mock.and(query_param_is_missing("pageToken")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn cursor_paging_over_three_pages() {
    let server = MockServer::start().await;
    mount_cursor(
        &server,
        None,
        json!({"elements": [1, 2], "metadata": {"nextPageToken": "p2"}}),
    )
    .await;
    mount_cursor(
        &server,
        Some("p2"),
        json!({"elements": [3], "metadata": {"nextPageToken": "p3"}}),
    )
    .await;
    mount_cursor(
        &server,
        Some("p3"),
        json!({"elements": [4], "metadata": {}}),
    )
    .await;
    let pages = paging::cursor_pages(Some(10), None, 1000, cursor_fetch(client(&server)));
    let pages: Vec<Collection<Value>> = pages.try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[2].elements, [json!(4)]);
}

#[tokio::test]
async fn cursor_paging_stops_on_a_repeated_token() {
    let server = MockServer::start().await;
    mount_cursor(
        &server,
        None,
        json!({"elements": [1], "metadata": {"nextPageToken": "p2"}}),
    )
    .await;
    mount_cursor(
        &server,
        Some("p2"),
        json!({"elements": [2], "metadata": {"nextPageToken": "p3"}}),
    )
    .await;
    mount_cursor(
        &server,
        Some("p3"),
        json!({"elements": [3], "metadata": {"nextPageToken": "p2"}}),
    )
    .await;
    let pages = paging::cursor_pages(Some(10), None, 1000, cursor_fetch(client(&server)));
    let items: Vec<Value> = paging::items(pages).try_collect().await.unwrap();
    assert_eq!(items, [json!(1), json!(2), json!(3)]);
}

#[tokio::test]
async fn paging_yields_the_error_and_stops() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403).set_body_json(json!({"status": 403, "message": "no"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let pages = paging::cursor_pages(Some(10), None, 1000, cursor_fetch(client(&server)));
    let results: Vec<_> = pages.collect().await;
    assert_eq!(results.len(), 1);
    assert!(results[0].as_ref().unwrap_err().is_forbidden());
}
