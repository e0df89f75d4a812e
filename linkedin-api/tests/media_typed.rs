//! Typed uploads and the video waiter on a month's `Api` (`api.images().upload(owner, bytes)`,
//! `api.videos().upload_file(owner, path)`, `api.videos().wait_until_available(…)`), against two
//! mock servers: the API host and an upload host. Requests are matched exactly: the bytes sent
//! are those LinkedIn documents.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use linkedin_api::media::{DocumentWaitError, MediaWait, UploadProgress, VideoWaitError};
use linkedin_api::retry::RetryPolicy;
use linkedin_api::urn::{DocumentUrn, ImageUrn, OrganizationUrn, PersonUrn, VideoUrn};
use linkedin_api::v202606::{Api, DocumentStatus, VideoStatus};
use linkedin_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "AQVtyped-media-token";

fn api(server: &MockServer, uploads: &MockServer) -> Api {
    let client = Client::builder()
        .access_token(TOKEN)
        .base_url(&server.uri())
        .upload_base_url(&uploads.uri())
        .allow_insecure_http(true)
        .retry_policy(
            RetryPolicy::new()
                .with_max_attempts(2)
                .with_initial_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(10))
                .with_jitter(false),
        )
        .build()
        .unwrap();
    Api::new(client)
}

fn org() -> OrganizationUrn {
    OrganizationUrn::from_id(5583111)
}

#[tokio::test]
async fn an_image_upload_takes_a_typed_owner_and_returns_an_image_urn() {
    let server = MockServer::start().await;
    let uploads = MockServer::start().await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(1500).collect();
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", Api::VERSION))
        .and(header("x-restli-method", "ACTION"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "initializeUploadRequest": {"owner": "urn:li:organization:5583111"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlExpiresAt": 1650567510704i64,
                "uploadUrl": format!("{}/dms-uploads/image/abc?sig=s", uploads.uri()),
                "image": "urn:li:image:C4E10AQFoyyAjHPMQuQ"
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/image/abc"))
        .and(query_param("sig", "s"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(bytes.clone()))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&uploads)
        .await;

    let image: ImageUrn = api(&server, &uploads)
        .images()
        .upload(org(), bytes)
        .await
        .unwrap();
    assert_eq!(image, ImageUrn::from_id("C4E10AQFoyyAjHPMQuQ"));
    server.verify().await;
    uploads.verify().await;
}

#[tokio::test]
async fn an_image_file_for_a_person_and_a_malformed_urn_sends_no_bytes() {
    let server = MockServer::start().await;
    let uploads = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .and(body_json(json!({
            "initializeUploadRequest": {"owner": "urn:li:person:abc"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlExpiresAt": 1,
                "uploadUrl": format!("{}/up/1", uploads.uri()),
                "image": "urn:li:image:FILE"
            }
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    // Then an answer naming something that is not an image.
    Mock::given(method("POST"))
        .and(path("/rest/images"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {"uploadUrlExpiresAt": 1, "uploadUrl": format!("{}/up/2", uploads.uri()), "image": "urn:li:video:V"}
        })))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/up/1"))
        .and(body_bytes(b"PNG-file".to_vec()))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&uploads)
        .await;

    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(b"PNG-file").unwrap();
    let api = api(&server, &uploads);
    let person = PersonUrn::from_id("abc");
    let image = api
        .images()
        .upload_file(person.clone(), file.path())
        .await
        .unwrap();
    assert_eq!(image.as_str(), "urn:li:image:FILE");

    let err = api
        .images()
        .upload(person, b"x".to_vec())
        .await
        .unwrap_err();
    match &err {
        Error::Decode { path, .. } => assert_eq!(path, "value.image"),
        other => panic!("{other:?}"),
    }
    // Only the first upload's PUT went out.
    assert_eq!(uploads.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_document_upload_is_typed_and_checked_before_anything_is_sent() {
    let server = MockServer::start().await;
    let uploads = MockServer::start().await;
    let pdf = b"%PDF-1.7\nhello".to_vec();
    Mock::given(method("POST"))
        .and(path("/rest/documents"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", Api::VERSION))
        .and(body_json(json!({
            "initializeUploadRequest": {"owner": "urn:li:organization:5583111"}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlExpiresAt": 1,
                "uploadUrl": format!("{}/dms-uploads/doc", uploads.uri()),
                "document": "urn:li:document:D4D10AQ"
            }
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/dms-uploads/doc"))
        .and(body_bytes(pdf.clone()))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&uploads)
        .await;

    let api = api(&server, &uploads);
    let doc: DocumentUrn = api.documents().upload(org(), pdf).await.unwrap();
    assert_eq!(doc.as_str(), "urn:li:document:D4D10AQ");

    let err = api
        .documents()
        .upload(org(), b"GIF89a".to_vec())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    server.verify().await;
}

/// Mounts a two-part video upload of `content` (parts 0..=9 and 10..): `initializeUpload`
/// exactly as LinkedIn documents it, the parts, and `finalizeUpload` with both ETags.
async fn mount_video(server: &MockServer, uploads: &MockServer, content: &[u8], fail_part2: u64) {
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "initializeUpload"))
        .and(header("linkedin-version", Api::VERSION))
        .and(body_json(json!({
            "initializeUploadRequest": {
                "owner": "urn:li:organization:5583111",
                "fileSizeBytes": content.len(),
                "uploadCaptions": false,
                "uploadThumbnail": false
            }
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlsExpireAt": 1650567510704i64,
                "video": "urn:li:video:C5F10AQ",
                "uploadInstructions": [
                    {"uploadUrl": format!("{}/dms-uploads/v/1", uploads.uri()), "firstByte": 0, "lastByte": 9},
                    {"uploadUrl": format!("{}/dms-uploads/v/2", uploads.uri()), "firstByte": 10, "lastByte": content.len() - 1}
                ],
                "uploadToken": "tok-1"
            }
        })))
        .expect(1)
        .mount(server)
        .await;
    if fail_part2 > 0 {
        Mock::given(method("PUT"))
            .and(path("/dms-uploads/v/2"))
            .respond_with(ResponseTemplate::new(503))
            .up_to_n_times(fail_part2)
            .mount(uploads)
            .await;
    }
    for (n, range) in [(1, 0..10), (2, 10..content.len())] {
        Mock::given(method("PUT"))
            .and(path(format!("/dms-uploads/v/{n}")))
            .and(body_bytes(content[range].to_vec()))
            .respond_with(ResponseTemplate::new(200).insert_header("etag", format!("/ambry/e{n}")))
            .mount(uploads)
            .await;
    }
    Mock::given(method("POST"))
        .and(path("/rest/videos"))
        .and(query_param("action", "finalizeUpload"))
        .and(header("linkedin-version", Api::VERSION))
        .and(body_json(json!({
            "finalizeUploadRequest": {
                "video": "urn:li:video:C5F10AQ",
                "uploadToken": "tok-1",
                "uploadedPartIds": ["/ambry/e1", "/ambry/e2"]
            }
        })))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_video_upload_reports_progress_and_returns_a_video_urn() {
    let server = MockServer::start().await;
    let uploads = MockServer::start().await;
    let content: Vec<u8> = (b'a'..=b'z').collect();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&content).unwrap();
    mount_video(&server, &uploads, &content, 0).await;

    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let video: VideoUrn = api(&server, &uploads)
        .videos()
        .upload_file(org(), file.path())
        // One part at a time, so the order of the progress calls is known.
        .parallelism(1)
        .progress(move |p| record.lock().unwrap().push(p))
        .await
        .unwrap();
    assert_eq!(video.as_str(), "urn:li:video:C5F10AQ");
    let p = |bytes_sent, parts_sent| UploadProgress {
        bytes_sent,
        total_bytes: 26,
        parts_sent,
        total_parts: 2,
    };
    assert_eq!(*seen.lock().unwrap(), [p(10, 1), p(26, 2)]);
    server.verify().await;
}

#[tokio::test]
async fn a_failed_video_part_resumes_without_a_new_initialize() {
    let server = MockServer::start().await;
    let uploads = MockServer::start().await;
    let content: Vec<u8> = (b'a'..=b'z').collect();
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&content).unwrap();
    // Part 2 fails on both attempts of the first run.
    mount_video(&server, &uploads, &content, 2).await;

    let api = api(&server, &uploads);
    let err = api
        .videos()
        .upload_file(org(), file.path())
        .parallelism(1)
        .await
        .unwrap_err();
    let Error::UploadPart(failed) = &err else {
        panic!("{err:?}")
    };
    assert_eq!((failed.part_index, failed.uploaded_etags.len()), (1, 1));
    assert!(err.to_string().contains("part 2 of 2"), "{err}");

    let video = api
        .videos()
        .upload_file(org(), file.path())
        .resume(failed)
        .await
        .unwrap();
    assert_eq!(video.as_str(), "urn:li:video:C5F10AQ");
    // One initializeUpload (expect(1)), part 1 once, part 2 three times, one finalizeUpload.
    server.verify().await;
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
            "/dms-uploads/v/1",
            "/dms-uploads/v/2",
            "/dms-uploads/v/2",
            "/dms-uploads/v/2"
        ]
    );
}

const VIDEO: &str = "urn:li:video:C5F10AQ";
const DOCUMENT: &str = "urn:li:document:D5510AQ";

/// `GET /rest/videos/{urn}` (or `/rest/documents/{urn}`) answering `statuses` in order, the last
/// one from then on.
async fn mount_statuses(server: &MockServer, urn: &str, statuses: &[&str]) {
    let collection = if urn.starts_with("urn:li:video:") {
        "videos"
    } else {
        "documents"
    };
    let at = format!("/rest/{collection}/{}", urn.replace(':', "%3A"));
    let (last, first) = statuses.split_last().unwrap();
    for status in first {
        Mock::given(method("GET"))
            .and(path(at.as_str()))
            .and(header("linkedin-version", Api::VERSION))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"id": urn, "status": status})),
            )
            .up_to_n_times(1)
            .mount(server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path(at.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": urn,
            "status": last,
            "downloadUrl": format!("https://www.linkedin.com/dms/{collection}")
        })))
        .mount(server)
        .await;
}

fn quick(deadline_ms: u64) -> MediaWait {
    MediaWait::new(Duration::from_millis(deadline_ms)).interval(Duration::from_millis(10))
}

#[tokio::test]
async fn the_waiter_polls_until_the_video_is_available() {
    let server = MockServer::start().await;
    mount_statuses(
        &server,
        VIDEO,
        &["WAITING_UPLOAD", "PROCESSING", "PROCESSING", "AVAILABLE"],
    )
    .await;
    let video = api(&server, &server)
        .videos()
        .wait_until_available(VideoUrn::from_id("C5F10AQ"), quick(5_000))
        .await
        .unwrap();
    assert_eq!(video.status, Some(VideoStatus::Available));
    assert_eq!(
        video.download_url.as_deref(),
        Some("https://www.linkedin.com/dms/videos")
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn the_waiter_stops_at_processing_failed_and_names_it() {
    let server = MockServer::start().await;
    mount_statuses(&server, VIDEO, &["PROCESSING", "PROCESSING_FAILED"]).await;
    let err = api(&server, &server)
        .videos()
        .wait_until_available(VideoUrn::from_id("C5F10AQ"), quick(5_000))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, VideoWaitError::Failed { status, .. } if status == "PROCESSING_FAILED"),
        "{err:?}"
    );
    assert_eq!(err.urn().as_str(), VIDEO);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_waiter_gives_up_at_its_deadline_naming_the_last_status() {
    let server = MockServer::start().await;
    mount_statuses(&server, VIDEO, &["PROCESSING"]).await;
    let err = api(&server, &server)
        .videos()
        .wait_until_available(VideoUrn::from_id("C5F10AQ"), quick(100))
        .await
        .unwrap_err();
    match &err {
        VideoWaitError::Deadline {
            status,
            polls,
            waited,
            ..
        } => {
            assert_eq!(status.as_deref(), Some("PROCESSING"));
            // Each get is bounded by the time left, so the wait ends close to its deadline.
            assert!(
                *polls >= 2 && *waited < Duration::from_millis(150),
                "{err:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("last status: PROCESSING"), "{err}");
}

#[tokio::test]
async fn a_failing_get_ends_the_wait_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"status": 404, "message": "Not found"})),
        )
        .mount(&server)
        .await;
    let err = api(&server, &server)
        .videos()
        .wait_until_available(VideoUrn::from_id("C5F10AQ"), quick(1_000))
        .await
        .unwrap_err();
    let VideoWaitError::Get { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(source.status().map(|s| s.as_u16()), Some(404));
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn the_document_waiter_polls_until_the_document_is_available() {
    let server = MockServer::start().await;
    mount_statuses(
        &server,
        DOCUMENT,
        &["WAITING_UPLOAD", "PROCESSING", "AVAILABLE"],
    )
    .await;
    let document = api(&server, &server)
        .documents()
        .wait_until_available(DocumentUrn::from_id("D5510AQ"), quick(5_000))
        .await
        .unwrap();
    assert_eq!(document.status, Some(DocumentStatus::Available));
    assert_eq!(
        document.download_url.as_deref(),
        Some("https://www.linkedin.com/dms/documents")
    );
    let gets = server.received_requests().await.unwrap();
    assert_eq!(gets.len(), 3);
    assert!(
        gets.iter()
            .all(|r| r.url.path() == "/rest/documents/urn%3Ali%3Adocument%3AD5510AQ")
    );
}

#[tokio::test]
async fn the_document_waiter_stops_at_processing_failed_and_names_it() {
    let server = MockServer::start().await;
    mount_statuses(&server, DOCUMENT, &["PROCESSING", "PROCESSING_FAILED"]).await;
    let err = api(&server, &server)
        .documents()
        .wait_until_available(DocumentUrn::from_id("D5510AQ"), quick(5_000))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, DocumentWaitError::Failed { status, .. } if status == "PROCESSING_FAILED"),
        "{err:?}"
    );
    assert_eq!(err.urn().as_str(), DOCUMENT);
    assert_eq!(
        err.to_string(),
        "urn:li:document:D5510AQ will not become available: status PROCESSING_FAILED"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_document_waiter_gives_up_at_its_deadline_naming_the_last_status() {
    let server = MockServer::start().await;
    mount_statuses(&server, DOCUMENT, &["WAITING_UPLOAD"]).await;
    let err = api(&server, &server)
        .documents()
        .wait_until_available(DocumentUrn::from_id("D5510AQ"), quick(100))
        .await
        .unwrap_err();
    let DocumentWaitError::Deadline { status, polls, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(status.as_deref(), Some("WAITING_UPLOAD"));
    assert!(*polls >= 2, "{err:?}");
    assert!(
        err.to_string()
            .starts_with("urn:li:document:D5510AQ was not available after"),
        "{err}"
    );
}
