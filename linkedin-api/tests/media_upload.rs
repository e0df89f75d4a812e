//! Image and video uploads against two local mock servers: the API host and an upload host.

use std::io::Write;
use std::time::Duration;

use linkedin_api::media::{self, UploadProgress};
use linkedin_api::retry::RetryPolicy;
use linkedin_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "AQVmedia-test-token";
const OWNER: &str = "urn:li:organization:5583111";

/// A client for the API mock whose uploads go to the upload mock: the token goes to a
/// configured upload base URL (scheme, host and port), as it does to LinkedIn's own hosts.
fn client(api: &MockServer, uploads: &MockServer) -> Client {
    Client::builder()
        .access_token(TOKEN)
        .base_url(&api.uri())
        .upload_base_url(&uploads.uri())
        .allow_insecure_http(true)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(3)
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(20))
                .with_jitter(false),
        )
        .build()
        .unwrap()
}

#[tokio::test]
async fn image_upload_initializes_puts_and_returns_the_urn() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    let image_bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();

    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", "202606"))
        .and(header("x-restli-method", "ACTION"))
        .and(header("x-restli-protocol-version", "2.0.0"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(
            json!({"initializeUploadRequest": {"owner": OWNER}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlExpiresAt": 1650567510704i64,
                "uploadUrl": format!("{}/dms-uploads/image/abc?sig=s3cr3t", uploads.uri()),
                "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"
            }
        })))
        .expect(1)
        .mount(&api)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/image/abc"))
        .and(query_param("sig", "s3cr3t"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_bytes(image_bytes.clone()))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&uploads)
        .await;

    let urn = media::upload_image(&client(&api, &uploads), "202606", OWNER, image_bytes)
        .await
        .unwrap();
    assert_eq!(urn, "urn:li:image:C4E10AQFoyyAjHPMQuQ");
}

#[tokio::test]
async fn image_upload_from_a_file_and_a_failed_put() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrl": format!("{}/dms-uploads/image/x", uploads.uri()),
                "image": "urn:li:image:X"
            }
        })))
        .mount(&api)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/image/x"))
        .and(body_bytes(b"PNG-bytes".to_vec()))
        .respond_with(ResponseTemplate::new(201))
        .mount(&uploads)
        .await;

    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"PNG-bytes").unwrap();
    let urn = media::upload_image_file(&client(&api, &uploads), "202606", OWNER, file.path())
        .await
        .unwrap();
    assert_eq!(urn, "urn:li:image:X");

    // A 4xx from the upload host (here 404: no mock matches) is an API error, not retried.
    let err = media::upload_image(&client(&api, &uploads), "202606", OWNER, b"other".to_vec())
        .await
        .unwrap_err();
    match err {
        Error::Api(e) => assert_eq!(e.status.as_u16(), 404),
        other => panic!("{other:?}"),
    }

    let missing = media::upload_image_file(
        &client(&api, &uploads),
        "202606",
        OWNER,
        "/no/such/file.png",
    )
    .await
    .unwrap_err();
    assert!(matches!(missing, Error::Io { .. }), "{missing:?}");
}

#[tokio::test]
async fn video_upload_in_three_parts_with_a_retry() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;

    // 25 bytes: parts 0..=9, 10..=19, 20..=24.
    let content: Vec<u8> = (b'a'..=b'y').collect();
    assert_eq!(content.len(), 25);
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&content).unwrap();
    file.flush().unwrap();

    let part_url = |n: u32| format!("{}/dms-uploads/video/part{n}?sig=x{n}", uploads.uri());
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", "202606"))
        .and(header("x-restli-method", "ACTION"))
        .and(body_json(json!({
            "initializeUploadRequest": {
                "owner": OWNER,
                "fileSizeBytes": 25,
                "uploadCaptions": false,
                "uploadThumbnail": false
            }
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlsExpireAt": 1650567510704i64,
                "video": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
                "uploadInstructions": [
                    {"uploadUrl": part_url(1), "firstByte": 0, "lastByte": 9},
                    {"uploadUrl": part_url(2), "firstByte": 10, "lastByte": 19},
                    {"uploadUrl": part_url(3), "firstByte": 20, "lastByte": 24}
                ],
                "uploadToken": "upload-token-1"
            }
        })))
        .expect(1)
        .mount(&api)
        .await;

    // Part 2 fails once with a 503, then succeeds.
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/video/part2"))
        .respond_with(ResponseTemplate::new(503).set_body_string("try again"))
        .up_to_n_times(1)
        .expect(1)
        .mount(&uploads)
        .await;
    for (n, range, etag) in [
        (1, 0..10, "/ambry-video/etag-one"),
        (2, 10..20, "/ambry-video/etag-two"),
        (3, 20..25, "/ambry-video/etag-three"),
    ] {
        Mock::given(method("PUT"))
            .and(path(format!("/dms-uploads/video/part{n}")))
            .and(query_param("sig", format!("x{n}")))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(header("content-type", "application/octet-stream"))
            .and(body_bytes(content[range].to_vec()))
            .respond_with(ResponseTemplate::new(200).insert_header("etag", etag))
            .expect(1)
            .mount(&uploads)
            .await;
    }

    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "finalizeUpload"))
        .and(header("linkedin-version", "202606"))
        .and(body_json(json!({
            "finalizeUploadRequest": {
                "video": "urn:li:video:C5F10AQGKQg_6y2a4sQ",
                "uploadToken": "upload-token-1",
                "uploadedPartIds": [
                    "/ambry-video/etag-one",
                    "/ambry-video/etag-two",
                    "/ambry-video/etag-three"
                ]
            }
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&api)
        .await;

    let mut seen = Vec::new();
    let urn = media::upload_video(&client(&api, &uploads), "202606", OWNER, file.path(), |p| {
        seen.push(p)
    })
    .await
    .unwrap();
    assert_eq!(urn, "urn:li:video:C5F10AQGKQg_6y2a4sQ");

    let p = |bytes_sent, parts_sent| UploadProgress {
        bytes_sent,
        total_bytes: 25,
        parts_sent,
        total_parts: 3,
    };
    assert_eq!(seen, [p(10, 1), p(20, 2), p(25, 3)]);

    // The PUTs went out in order, part 2 twice.
    let puts: Vec<String> = uploads
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        puts,
        [
            "/dms-uploads/video/part1",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part3"
        ]
    );
    api.verify().await;
    uploads.verify().await;
}

#[tokio::test]
async fn video_part_without_etag_or_out_of_range_is_an_error() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&[7u8; 8]).unwrap();

    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "video": "urn:li:video:V",
                "uploadInstructions": [
                    {"uploadUrl": format!("{}/p", uploads.uri()), "firstByte": 0, "lastByte": 7}
                ],
                "uploadToken": ""
            }
        })))
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&uploads)
        .await;
    let err = media::upload_video(
        &client(&api, &uploads),
        "202606",
        OWNER,
        file.path(),
        |_| {},
    )
    .await
    .unwrap_err();
    let Error::UploadPart(failed) = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(&failed.source, Error::Decode { path, .. } if path == "etag"),
        "{err:?}"
    );
    assert_eq!((failed.part_index, failed.total_parts), (0, 1));

    // Instructions that go past the end of the file are refused before any PUT.
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "video": "urn:li:video:V",
                "uploadInstructions": [
                    {"uploadUrl": format!("{}/p", uploads.uri()), "firstByte": 0, "lastByte": 99}
                ],
                "uploadToken": ""
            }
        })))
        .mount(&api)
        .await;
    let before = uploads.received_requests().await.unwrap().len();
    let err = media::upload_video(
        &client(&api, &uploads),
        "202606",
        OWNER,
        file.path(),
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(uploads.received_requests().await.unwrap().len(), before);
}

/// A video whose second part keeps failing: the error names the part, the video and the upload
/// token and keeps the first part's ETag; resuming sends only parts 2 and 3, then finalizes with
/// all three ETags.
#[tokio::test]
async fn a_failed_video_part_is_identified_and_the_upload_resumes_from_it() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    let content: Vec<u8> = (b'a'..=b'y').collect();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&content).unwrap();
    file.flush().unwrap();
    let part_url = |n: u32| format!("{}/dms-uploads/video/part{n}?sig=x{n}", uploads.uri());
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "video": "urn:li:video:V1",
                "uploadInstructions": [
                    {"uploadUrl": part_url(1), "firstByte": 0, "lastByte": 9},
                    {"uploadUrl": part_url(2), "firstByte": 10, "lastByte": 19},
                    {"uploadUrl": part_url(3), "firstByte": 20, "lastByte": 24}
                ],
                "uploadToken": "upload-token-9"
            }
        })))
        .expect(1)
        .mount(&api)
        .await;
    // Part 2 fails on every attempt of the first run (3 attempts), then works.
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/video/part2"))
        .respond_with(ResponseTemplate::new(500).set_body_string("broken"))
        .up_to_n_times(3)
        .mount(&uploads)
        .await;
    for n in 1..=3 {
        Mock::given(method("PUT"))
            .and(path(format!("/dms-uploads/video/part{n}")))
            .respond_with(ResponseTemplate::new(200).insert_header("etag", format!("etag-{n}")))
            .mount(&uploads)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "finalizeUpload"))
        .and(body_json(json!({
            "finalizeUploadRequest": {
                "video": "urn:li:video:V1",
                "uploadToken": "upload-token-9",
                "uploadedPartIds": ["etag-1", "etag-2", "etag-3"]
            }
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&api)
        .await;

    let client = client(&api, &uploads);
    let err = media::upload_video(&client, "202606", OWNER, file.path(), |_| {})
        .await
        .unwrap_err();
    let Error::UploadPart(failed) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(failed.part_index, 1);
    assert_eq!(failed.total_parts, 3);
    assert_eq!(failed.video, "urn:li:video:V1");
    assert_eq!(failed.upload_token, "upload-token-9");
    assert_eq!(failed.uploaded_etags, ["etag-1"]);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    let shown = err.to_string();
    for needle in ["part 2 of 3", "urn:li:video:V1", "upload-token-9", "500"] {
        assert!(shown.contains(needle), "{needle}: {shown}");
    }
    let debug = format!("{err:?}");
    assert!(!debug.contains("sig=x"), "signed URLs in Debug: {debug}");
    assert!(!format!("{shown}{debug}").contains(TOKEN));

    let mut seen = Vec::new();
    let urn = media::resume_video_upload(
        &client,
        "202606",
        file.path(),
        &failed.init,
        failed.uploaded_etags.clone(),
        |p| seen.push(p.parts_sent),
    )
    .await
    .unwrap();
    assert_eq!(urn, "urn:li:video:V1");
    assert_eq!(seen, [2, 3]);
    let puts: Vec<String> = uploads
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(
        puts,
        [
            "/dms-uploads/video/part1",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part2",
            "/dms-uploads/video/part3"
        ]
    );
    api.verify().await;

    // More parts marked done than the upload has: refused before any request.
    let too_many = vec!["e".to_owned(); 4];
    let err = media::resume_video_upload(
        &client,
        "202606",
        file.path(),
        &failed.init,
        too_many,
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
}

/// An upload URL on the API host but another port is another server: no bearer token.
#[tokio::test]
async fn the_token_does_not_go_to_another_port_of_a_configured_host() {
    let api = MockServer::start().await;
    let other_port = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrl": format!("{}/dms-uploads/image/abc", other_port.uri()),
                "image": "urn:li:image:I"
            }
        })))
        .mount(&api)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&other_port)
        .await;
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&api.uri())
        .allow_insecure_http(true)
        .build()
        .unwrap();
    let urn = media::upload_image(&client, "202606", OWNER, b"img".to_vec())
        .await
        .unwrap();
    assert_eq!(urn, "urn:li:image:I");
    let put = other_port.received_requests().await.unwrap().remove(0);
    assert!(put.headers.get("authorization").is_none());
}
