//! Image and video uploads against two local mock servers: the API host and an upload host.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use linkedin_api::media::{self, UploadProgress};
use linkedin_api::retry::RetryPolicy;
use linkedin_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

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

    // One part at a time, so the order of the PUTs and of the progress calls is known.
    let mut seen = Vec::new();
    let urn = media::upload_video_parallel(
        &client(&api, &uploads),
        "202606",
        OWNER,
        file.path(),
        1,
        |p| seen.push(p),
    )
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

    // One part at a time, so which PUTs go out is known (the parallel case has its own test).
    let client = client(&api, &uploads);
    let err = media::upload_video_parallel(&client, "202606", OWNER, file.path(), 1, |_| {})
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
    let urn = media::resume_video_upload_parallel(
        &client,
        "202606",
        file.path(),
        &failed.init,
        failed.uploaded_etags.clone(),
        1,
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

/// The upload host of the parallel tests: answers each part's `PUT` with `etag-{n}` after the
/// delay `delay(n, resumed)` gives, or with `status(n, resumed)` when that is not 200, and
/// counts the `PUT`s that arrived, by part.
struct Parts {
    arrived: Arc<Mutex<Vec<u32>>>,
    resumed: Arc<AtomicBool>,
    delay: fn(u32, bool) -> Duration,
    status: fn(u32, bool) -> u16,
}

impl Respond for Parts {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let n: u32 = request
            .url
            .path()
            .rsplit("part")
            .next()
            .and_then(|n| n.parse().ok())
            .expect("a part URL");
        self.arrived.lock().unwrap().push(n);
        let resumed = self.resumed.load(Ordering::SeqCst);
        let status = (self.status)(n, resumed);
        let answer = if status == 200 {
            ResponseTemplate::new(200).insert_header("etag", format!("etag-{n}"))
        } else {
            ResponseTemplate::new(status)
        };
        answer.set_delay((self.delay)(n, resumed))
    }
}

/// Mounts a video of `parts` parts of 10 bytes each on `api`, its parts on `uploads` (answered
/// by `respond`), and `finalizeUpload` expecting every ETag in part order; returns the file.
async fn mount_parallel_video(
    api: &MockServer,
    uploads: &MockServer,
    parts: u32,
    respond: Parts,
) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&vec![b'v'; parts as usize * 10]).unwrap();
    file.flush().unwrap();
    let instructions: Vec<_> = (1..=parts)
        .map(|n| {
            json!({
                "uploadUrl": format!("{}/dms-uploads/video/part{n}", uploads.uri()),
                "firstByte": (n - 1) * 10,
                "lastByte": n * 10 - 1
            })
        })
        .collect();
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "video": "urn:li:video:P",
                "uploadInstructions": instructions,
                "uploadToken": "tok"
            }
        })))
        .expect(1)
        .mount(api)
        .await;
    Mock::given(method("PUT"))
        .respond_with(respond)
        .mount(uploads)
        .await;
    let etags: Vec<String> = (1..=parts).map(|n| format!("etag-{n}")).collect();
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "finalizeUpload"))
        .and(body_json(json!({
            "finalizeUploadRequest": {
                "video": "urn:li:video:P",
                "uploadToken": "tok",
                "uploadedPartIds": etags
            }
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(api)
        .await;
    file
}

/// Eight parts, three at a time, the earlier parts answered last: never more than three `PUT`s
/// outstanding, three at once from the start, progress that only grows, and `finalizeUpload`
/// with the ETags in part order (its mock expects exactly that body).
#[tokio::test]
async fn video_parts_go_out_in_parallel_bounded_and_finalize_in_part_order() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    let arrived = Arc::new(Mutex::new(Vec::new()));
    let file = mount_parallel_video(
        &api,
        &uploads,
        8,
        Parts {
            arrived: arrived.clone(),
            resumed: Arc::default(),
            delay: |n, _| Duration::from_millis(u64::from(9 - n) * 40),
            status: |_, _| 200,
        },
    )
    .await;

    let mut seen = Vec::new();
    let mut most_outstanding = 0;
    let urn = media::upload_video_parallel(
        &client(&api, &uploads),
        "202606",
        OWNER,
        file.path(),
        3,
        |p| {
            // PUTs that reached the server and were not acknowledged before this one.
            let outstanding = arrived.lock().unwrap().len() - (p.parts_sent - 1);
            most_outstanding = most_outstanding.max(outstanding);
            seen.push(p);
        },
    )
    .await
    .unwrap();
    assert_eq!(urn, "urn:li:video:P");
    assert_eq!(most_outstanding, 3, "parts in flight at once");
    assert_eq!(seen.len(), 8);
    assert!(
        seen.windows(2)
            .all(|w| w[0].bytes_sent < w[1].bytes_sent && w[0].parts_sent < w[1].parts_sent),
        "{seen:?}"
    );
    assert_eq!((seen[7].bytes_sent, seen[7].parts_sent), (80, 8));
    let mut sent = arrived.lock().unwrap().clone();
    sent.sort_unstable();
    assert_eq!(sent, (1..=8).collect::<Vec<_>>());
    api.verify().await;

    // No part in flight is not an upload: refused before any request.
    let err = media::upload_video_parallel(
        &client(&api, &uploads),
        "202606",
        OWNER,
        file.path(),
        0,
        |_| {},
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert!(err.to_string().contains("at least 1"), "{err}");
}

/// Six parts, three at a time: part 2 is refused (400, not retried) while part 1 is still in
/// flight and part 3 would take 30 s. Part 3 is dropped at once, part 4 never starts, part 1 is
/// let finish, and the error names part 2 with part 1's ETag; the resume sends parts 2 to 6.
#[tokio::test]
async fn a_failed_part_stops_the_parts_after_it_and_the_upload_resumes_from_it() {
    let api = MockServer::start().await;
    let uploads = MockServer::start().await;
    let arrived = Arc::new(Mutex::new(Vec::new()));
    let resumed = Arc::new(AtomicBool::new(false));
    let file = mount_parallel_video(
        &api,
        &uploads,
        6,
        Parts {
            arrived: arrived.clone(),
            resumed: resumed.clone(),
            delay: |n, resumed| match (n, resumed) {
                (1, false) => Duration::from_millis(300),
                (3, false) => Duration::from_secs(30),
                _ => Duration::ZERO,
            },
            status: |n, resumed| if n == 2 && !resumed { 400 } else { 200 },
        },
    )
    .await;

    let client = client(&api, &uploads);
    let started = std::time::Instant::now();
    let mut acknowledged = Vec::new();
    let err = media::upload_video_parallel(&client, "202606", OWNER, file.path(), 3, |p| {
        acknowledged.push(p.parts_sent)
    })
    .await
    .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "waited for the part after the failed one: {:?}",
        started.elapsed()
    );
    let Error::UploadPart(failed) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((failed.part_index, failed.total_parts), (1, 6));
    assert_eq!(failed.uploaded_etags, ["etag-1"]);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(acknowledged, [1]);
    let mut first_run = arrived.lock().unwrap().clone();
    first_run.sort_unstable();
    assert_eq!(first_run, [1, 2, 3]);

    resumed.store(true, Ordering::SeqCst);
    arrived.lock().unwrap().clear();
    let mut progress = Vec::new();
    let urn = media::resume_video_upload_parallel(
        &client,
        "202606",
        file.path(),
        &failed.init,
        failed.uploaded_etags.clone(),
        3,
        |p| progress.push((p.parts_sent, p.bytes_sent)),
    )
    .await
    .unwrap();
    assert_eq!(urn, "urn:li:video:P");
    let mut second_run = arrived.lock().unwrap().clone();
    second_run.sort_unstable();
    assert_eq!(second_run, [2, 3, 4, 5, 6]);
    assert_eq!(progress.first(), Some(&(2, 20)));
    assert_eq!(progress.last(), Some(&(6, 60)));
    api.verify().await;
}
