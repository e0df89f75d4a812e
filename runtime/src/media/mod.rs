//! Image, video and document uploads (`/rest/images`, `/rest/videos`, `/rest/documents`).
//!
//! An upload is three steps, and only the first and last are Rest.li calls:
//!
//! 1. `POST /rest/{images|videos|documents}?action=initializeUpload` registers the asset and
//!    returns one upload URL (images, documents) or a list of upload instructions, one per byte
//!    range (videos);
//! 2. the bytes are `PUT` to those URLs. They are absolute URLs on another host (e.g.
//!    `https://www.linkedin.com/dms-uploads/…`), so they are sent with the [`Client`]'s
//!    underlying HTTP client, not through its API base URL;
//! 3. videos only: `POST /rest/videos?action=finalizeUpload` with the `ETag` of every part.
//!
//! [`upload_image`], [`upload_video`] and [`upload_document`] run the whole sequence and return
//! the asset's URN as a `String` (`urn:li:image:…`, `urn:li:video:…`, `urn:li:document:…`), ready
//! for a post's `content.media.id`. A document is checked before anything is sent: LinkedIn takes
//! PDF, PPT, PPTX, DOC and DOCX files of at most [`MAX_DOCUMENT_BYTES`], and a file of another
//! kind or size would be accepted by the upload and only fail later, in processing.
//!
//! A video is read from disk part by part (LinkedIn's parts are 4 MB) and a few parts are sent
//! at once ([`DEFAULT_PART_PARALLELISM`], or [`upload_video_parallel`]): each part in flight holds
//! one part in memory, so memory use is bounded by that number, not the file's size. A part whose
//! `PUT` fails with a retryable error (5xx, timeout, connection error) is sent again per the
//! client's [`RetryPolicy`](crate::retry::RetryPolicy): a `PUT` of the same byte range is
//! idempotent. `finalizeUpload` gets the `ETag`s in part order, whatever order the parts finished in.
//!
//! A failed part ends the upload with [`Error::UploadPart`]: a [`VideoPartError`] naming the part,
//! the video URN and the upload token, and keeping the `ETag`s of the parts already uploaded, so
//! [`resume_video_upload`] can carry on from the first part not acknowledged (while the upload
//! URLs are valid, `uploadUrlsExpireAt`).
//!
//! Each `PUT` goes through the client's one HTTP choke point like any call (interceptors see it
//! as `images.upload`, `videos.uploadPart` or `documents.upload`): it is bounded by the client's deadline, follows
//! no redirect, and reads at most 64 KiB of any response body.
//!
//! The access token is sent with the `PUT`s only when the upload URL's scheme, host and port are
//! those of LinkedIn (`https` on `linkedin.com` or a subdomain, port 443) or of a base URL the
//! client was configured with (its API base URL, its upload base URL); it is never handed to any
//! other host, or another port of the same host, that an initialize response might name.

use std::fmt;
use std::io::SeekFrom;
use std::path::Path;

use bytes::Bytes;
use futures::future::{AbortHandle, Abortable, Aborted};
use futures::stream::{FuturesUnordered, StreamExt};
use http::header::{CONTENT_TYPE, ETAG, HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncSeekExt};
use url::Url;

use http::Method;

use crate::area::{Area, Effect};
use crate::body::MAX_ERROR_BODY_BYTES;
use crate::error::ConfigErrorKind;
use crate::exchange::{Bearer, Exchange};
use crate::interceptor::OperationInfo;
use crate::request::{Request, RestliMethod};
use crate::restli::{ActionResult, EncodeError};
use crate::urn::{DocumentUrn, ImageUrn, VideoUrn};
use crate::{Client, Error};

// The typed uploads and waits behind the generated resources' methods; not a stable API.
#[doc(hidden)]
pub mod typed;
#[doc(hidden)]
pub mod wait;

pub use typed::VideoUpload;
pub use wait::{DocumentWaitError, MediaWait, VideoWait, VideoWaitError, WaitError};

const OP_IMAGE_INIT: &str = "images.initializeUpload";
const OP_IMAGE_PUT: &str = "images.upload";
const OP_VIDEO_INIT: &str = "videos.initializeUpload";
const OP_VIDEO_PUT: &str = "videos.uploadPart";
const OP_VIDEO_FINALIZE: &str = "videos.finalizeUpload";
const OP_DOCUMENT_INIT: &str = "documents.initializeUpload";
const OP_DOCUMENT_PUT: &str = "documents.upload";

/// How many parts of a video are uploaded at once unless told otherwise
/// ([`upload_video_parallel`], [`VideoUpload::parallelism`]). Each part in flight holds one part
/// in memory (LinkedIn's parts are 4 MB), and parts are sent over separate connections, so a
/// few hide most of each part's round trip without many buffers.
pub const DEFAULT_PART_PARALLELISM: usize = 4;

/// The largest document LinkedIn accepts: 100 MB. (It also refuses documents of more than 300
/// pages, which only LinkedIn's processing can count.)
pub const MAX_DOCUMENT_BYTES: u64 = 100 * 1024 * 1024;

/// How far a video upload is, passed to the progress callback after each part is acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadProgress {
    /// Bytes uploaded so far.
    pub bytes_sent: u64,
    /// Size of the file.
    pub total_bytes: u64,
    /// Parts uploaded so far.
    pub parts_sent: usize,
    /// Number of parts.
    pub total_parts: usize,
}

/// The `value` of `POST /rest/images?action=initializeUpload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageUploadInit {
    /// Where to `PUT` the bytes.
    pub upload_url: String,
    /// Until when the URL is valid (epoch milliseconds).
    #[serde(default)]
    pub upload_url_expires_at: Option<i64>,
    /// The image URN (`urn:li:image:…`).
    pub image: String,
}

/// The `value` of `POST /rest/videos?action=initializeUpload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoUploadInit {
    /// The video URN (`urn:li:video:…`).
    pub video: String,
    /// One instruction per part, in order.
    pub upload_instructions: Vec<UploadInstruction>,
    /// Token to echo in `finalizeUpload` (may be empty).
    #[serde(default)]
    pub upload_token: String,
    /// Until when the URLs are valid (epoch milliseconds). Note the plural: `uploadUrlsExpireAt`.
    #[serde(default)]
    pub upload_urls_expire_at: Option<i64>,
    /// Where to upload captions, when requested.
    #[serde(default)]
    pub captions_upload_url: Option<String>,
    /// Where to upload a thumbnail, when requested.
    #[serde(default)]
    pub thumbnail_upload_url: Option<String>,
}

/// One part of a video upload: `PUT` bytes `first_byte..=last_byte` to `upload_url`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UploadInstruction {
    /// Where to `PUT` this part.
    pub upload_url: String,
    /// Offset of the part's first byte.
    pub first_byte: u64,
    /// Offset of the part's last byte (inclusive).
    pub last_byte: u64,
}

/// Uploads an image and returns its URN (`urn:li:image:…`).
///
/// `version` is the `Linkedin-Version` (e.g. `"202606"`); `owner` the person or organization
/// URN that will own the image. Prefer `Images::upload` on a
/// month's `Api` (`api.images().upload(owner, bytes)`), which takes a typed owner and returns an
/// [`ImageUrn`].
pub async fn upload_image(
    client: &Client,
    version: &str,
    owner: &str,
    image: impl Into<Bytes>,
) -> Result<String, Error> {
    image_upload(client, version, owner, image.into())
        .await
        .map(|urn| urn.to_string())
}

/// The image upload: `initializeUpload`, then the `PUT`. The URN is checked before any byte is
/// sent, so a malformed answer costs no upload.
pub(crate) async fn image_upload(
    client: &Client,
    version: &str,
    owner: &str,
    image: Bytes,
) -> Result<ImageUrn, Error> {
    let body = serde_json::json!({ "initializeUploadRequest": { "owner": owner } });
    let req = Request::restli(
        OP_IMAGE_INIT,
        RestliMethod::Action,
        "/rest/images",
        "/rest/images".into(),
    )
    .version_string(version.to_owned())
    // Not generated calls, so they say their area themselves (policies deny a call without one).
    .area(Area::Media)
    .query_raw("action", "initializeUpload")
    .json(&body);
    let init: ActionResult<ImageUploadInit> = client.send_json(req).await?;
    let init = init.value;
    let urn: ImageUrn = typed_urn(OP_IMAGE_INIT, "value.image", &init.image)?;
    tracing::debug!(image = %urn, "uploading image bytes");
    put_bytes(client, OP_IMAGE_PUT, &init.upload_url, image).await?;
    Ok(urn)
}

/// Reads an image file and uploads it with [`upload_image`].
pub async fn upload_image_file(
    client: &Client,
    version: &str,
    owner: &str,
    path: impl AsRef<Path>,
) -> Result<String, Error> {
    let path = path.as_ref();
    let bytes = read_file(path).await?;
    upload_image(client, version, owner, bytes).await
}

/// The kinds of document LinkedIn accepts for document posts and ads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentFormat {
    /// Portable Document Format.
    Pdf,
    /// A legacy Office file: PowerPoint `.ppt` or Word `.doc` (one container format).
    LegacyOffice,
    /// An Office Open XML file: PowerPoint `.pptx` or Word `.docx` (a ZIP container).
    OfficeOpenXml,
}

impl DocumentFormat {
    /// The format of a file from its first bytes (its magic number), not its name: a renamed
    /// file is what it is. `None`: not a kind LinkedIn accepts.
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        if bytes.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
            Some(Self::LegacyOffice)
        } else if bytes.starts_with(b"PK\x03\x04") {
            Some(Self::OfficeOpenXml)
        } else {
            None
        }
    }
}

/// The `value` of `POST /rest/documents?action=initializeUpload`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentUploadInit {
    /// Where to `PUT` the file.
    pub upload_url: String,
    /// Until when the URL is valid (epoch milliseconds).
    #[serde(default)]
    pub upload_url_expires_at: Option<i64>,
    /// The document URN (`urn:li:document:…`).
    pub document: String,
}

/// Uploads a document (PDF, PPT, PPTX, DOC or DOCX, at most [`MAX_DOCUMENT_BYTES`]) and returns
/// its URN (`urn:li:document:…`).
///
/// `version` is the `Linkedin-Version`; `owner` the person or organization URN that will own the
/// document. The file's kind and size are checked first ([`Error::Config`] with
/// [`ConfigErrorKind::InvalidArgument`], nothing sent). LinkedIn then processes the document
/// asynchronously: a post can name it at once, and `GET /rest/documents/{urn}` shows when it is
/// `AVAILABLE`. Prefer `Documents::upload` on a month's
/// `Api`, which takes a typed owner and returns a [`DocumentUrn`].
pub async fn upload_document(
    client: &Client,
    version: &str,
    owner: &str,
    document: impl Into<Bytes>,
) -> Result<String, Error> {
    document_upload(client, version, owner, document.into())
        .await
        .map(|urn| urn.to_string())
}

/// The document upload: the file checked, `initializeUpload`, the URN checked, then the `PUT`.
pub(crate) async fn document_upload(
    client: &Client,
    version: &str,
    owner: &str,
    bytes: Bytes,
) -> Result<DocumentUrn, Error> {
    check_document(&bytes)?;
    let body = serde_json::json!({ "initializeUploadRequest": { "owner": owner } });
    let req = Request::restli(
        OP_DOCUMENT_INIT,
        RestliMethod::Action,
        "/rest/documents",
        "/rest/documents".into(),
    )
    .version_string(version.to_owned())
    .area(Area::Media)
    .query_raw("action", "initializeUpload")
    .json(&body);
    let init: ActionResult<DocumentUploadInit> = client.send_json(req).await?;
    let init = init.value;
    let urn: DocumentUrn = typed_urn(OP_DOCUMENT_INIT, "value.document", &init.document)?;
    tracing::debug!(document = %urn, bytes = bytes.len(), "uploading document");
    put_bytes(client, OP_DOCUMENT_PUT, &init.upload_url, bytes).await?;
    Ok(urn)
}

/// Reads a document file and uploads it with [`upload_document`]. A file over the size limit is
/// refused from its metadata, before it is read.
pub async fn upload_document_file(
    client: &Client,
    version: &str,
    owner: &str,
    path: impl AsRef<Path>,
) -> Result<String, Error> {
    let bytes = read_document_file(path.as_ref()).await?;
    upload_document(client, version, owner, bytes).await
}

/// A document file's bytes; a file over the size limit is refused from its metadata, unread.
pub(crate) async fn read_document_file(path: &Path) -> Result<Bytes, Error> {
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|source| io_error(path, source))?
        .len();
    check_document_size(size)?;
    read_file(path).await
}

/// A whole file's bytes, an error naming the file if it cannot be read.
pub(crate) async fn read_file(path: &Path) -> Result<Bytes, Error> {
    tokio::fs::read(path)
        .await
        .map(Bytes::from)
        .map_err(|source| io_error(path, source))
}

/// A URN from an `initializeUpload` answer, of the entity type the call creates: anything
/// else is a decode error naming the field, raised before any byte is uploaded.
pub(crate) fn typed_urn<U>(
    operation: &'static str,
    field: &'static str,
    value: &str,
) -> Result<U, Error>
where
    U: std::str::FromStr<Err = crate::urn::UrnError>,
{
    value
        .parse()
        .map_err(|err: crate::urn::UrnError| Error::decode(operation, field, b"", err.to_string()))
}

/// A document LinkedIn would accept: not empty, not over the limit, of an accepted kind.
fn check_document(bytes: &[u8]) -> Result<DocumentFormat, Error> {
    check_document_size(bytes.len() as u64)?;
    DocumentFormat::sniff(bytes).ok_or_else(|| {
        Error::config(
            ConfigErrorKind::InvalidArgument,
            "documents.initializeUpload: the file is not a PDF, PPT, PPTX, DOC or DOCX document \
             (its first bytes are none of theirs)",
        )
    })
}

fn check_document_size(size: u64) -> Result<(), Error> {
    if size == 0 {
        return Err(Error::config(
            ConfigErrorKind::InvalidArgument,
            "documents.initializeUpload: the document is empty",
        ));
    }
    if size > MAX_DOCUMENT_BYTES {
        return Err(Error::config(
            ConfigErrorKind::InvalidArgument,
            format!(
                "documents.initializeUpload: the document has {size} bytes; LinkedIn accepts at most {MAX_DOCUMENT_BYTES} (100 MB)"
            ),
        ));
    }
    Ok(())
}

/// Uploads a video file in parts and returns its URN (`urn:li:video:…`).
///
/// Sends `initializeUpload` with the file's size, `PUT`s each part as LinkedIn instructs
/// ([`DEFAULT_PART_PARALLELISM`] parts at once, each read from disk when it starts), retrying a
/// failed part per the client's retry policy, then `finalizeUpload` with the parts' `ETag`s in
/// order. `progress` is called after each part is acknowledged (parts may finish out of order;
/// the counts only grow).
///
/// A part that still fails after its retries ends the upload with [`Error::UploadPart`]: a
/// [`VideoPartError`] with the part, the video URN, the upload token and the `ETag`s so far, from
/// which [`resume_video_upload`] carries on.
///
/// The video is then processed asynchronously by LinkedIn; poll `GET /rest/videos/{urn}` until
/// its `status` is `AVAILABLE` before publishing if needed.
///
/// Prefer `Videos::upload_file` on a month's `Api`
/// (`api.videos().upload_file(owner, path).await`), which takes a typed owner, returns a
/// [`VideoUrn`], and pairs with `Videos::wait_until_available`.
pub async fn upload_video(
    client: &Client,
    version: &str,
    owner: &str,
    path: impl AsRef<Path>,
    progress: impl FnMut(UploadProgress) + Send,
) -> Result<String, Error> {
    upload_video_parallel(
        client,
        version,
        owner,
        path,
        DEFAULT_PART_PARALLELISM,
        progress,
    )
    .await
}

/// [`upload_video`] with `parallelism` parts in flight at once (at least 1; 1 sends them one
/// after the other). Memory is bounded by `parallelism` × LinkedIn's part size (4 MB).
pub async fn upload_video_parallel(
    client: &Client,
    version: &str,
    owner: &str,
    path: impl AsRef<Path>,
    parallelism: usize,
    progress: impl FnMut(UploadProgress) + Send,
) -> Result<String, Error> {
    check_parallelism(parallelism)?;
    let path = path.as_ref();
    let init = initialize_video(client, version, owner, path).await?;
    upload_parts(
        client,
        version,
        path,
        &init,
        Vec::new(),
        parallelism,
        progress,
    )
    .await
}

/// `initializeUpload` for the file at `path` (its size read from its metadata); the answer's
/// video URN is checked before any part is sent.
pub(crate) async fn initialize_video(
    client: &Client,
    version: &str,
    owner: &str,
    path: &Path,
) -> Result<VideoUploadInit, Error> {
    let total_bytes = tokio::fs::metadata(path)
        .await
        .map_err(|source| io_error(path, source))?
        .len();

    let body = serde_json::json!({
        "initializeUploadRequest": {
            "owner": owner,
            "fileSizeBytes": total_bytes,
            "uploadCaptions": false,
            "uploadThumbnail": false,
        }
    });
    let req = Request::restli(
        OP_VIDEO_INIT,
        RestliMethod::Action,
        "/rest/videos",
        "/rest/videos".into(),
    )
    .version_string(version.to_owned())
    .area(Area::Media)
    .query_raw("action", "initializeUpload")
    .json(&body);
    let init: ActionResult<VideoUploadInit> = client.send_json(req).await?;
    typed_urn::<VideoUrn>(OP_VIDEO_INIT, "value.video", &init.value.video)?;
    Ok(init.value)
}

/// Carries on with a video upload that failed part-way: `PUT`s the parts after the ones in
/// `uploaded_etags` (the `ETag`s of parts `0..uploaded_etags.len()`, in order), then finalizes.
/// Returns the video's URN.
///
/// `init` and `uploaded_etags` are those of the [`VideoPartError`] the failed upload returned
/// (or saved by the caller); `path` is the same file. Works while LinkedIn's upload URLs are
/// valid (`init.upload_urls_expire_at`); after that, start again with [`upload_video`].
///
/// ```no_run
/// # async fn run(client: linkedin_api::Client) -> Result<(), linkedin_api::Error> {
/// use linkedin_api::{Error, media};
/// let owner = "urn:li:person:abc123";
/// let video = match media::upload_video(&client, "202606", owner, "talk.mp4", |_| {}).await {
///     Err(Error::UploadPart(failed)) => {
///         media::resume_video_upload(&client, "202606", "talk.mp4", &failed.init, failed.uploaded_etags.clone(), |_| {})
///             .await?
///     }
///     other => other?,
/// };
/// # let _ = video; Ok(()) }
/// ```
pub async fn resume_video_upload(
    client: &Client,
    version: &str,
    path: impl AsRef<Path>,
    init: &VideoUploadInit,
    uploaded_etags: Vec<String>,
    progress: impl FnMut(UploadProgress) + Send,
) -> Result<String, Error> {
    resume_video_upload_parallel(
        client,
        version,
        path,
        init,
        uploaded_etags,
        DEFAULT_PART_PARALLELISM,
        progress,
    )
    .await
}

/// [`resume_video_upload`] with `parallelism` parts in flight at once (at least 1).
pub async fn resume_video_upload_parallel(
    client: &Client,
    version: &str,
    path: impl AsRef<Path>,
    init: &VideoUploadInit,
    uploaded_etags: Vec<String>,
    parallelism: usize,
    progress: impl FnMut(UploadProgress) + Send,
) -> Result<String, Error> {
    check_resumable(init, &uploaded_etags)?;
    upload_parts(
        client,
        version,
        path.as_ref(),
        init,
        uploaded_etags,
        parallelism,
        progress,
    )
    .await
}

/// A resume names no more acknowledged parts than the upload has.
pub(crate) fn check_resumable(
    init: &VideoUploadInit,
    uploaded_etags: &[String],
) -> Result<(), Error> {
    if uploaded_etags.len() > init.upload_instructions.len() {
        return Err(Error::config(
            ConfigErrorKind::InvalidArgument,
            format!(
                "cannot resume the upload of {}: {} parts are marked uploaded, but it has {}",
                init.video,
                uploaded_etags.len(),
                init.upload_instructions.len()
            ),
        ));
    }
    Ok(())
}

/// `PUT`s the parts from `etags.len()` on, at most `parallelism` at once, then finalizes with
/// every part's `ETag` in part order.
///
/// Each part in flight holds one part-sized buffer (read from its own handle on the file when it
/// starts), so memory is bounded by `parallelism` × the part size, whatever the file's size.
/// Parts may be acknowledged out of order; `progress` is called after each acknowledgement, so
/// its counts only grow.
///
/// When a part fails (after its retries), no further part is started and the parts after it
/// still in flight are dropped (a resume sends them again); the parts before it are let finish,
/// so that the error's `uploaded_etags` are exactly the parts before the one it names, and
/// [`resume_video_upload`] carries on from the first part not acknowledged. If an earlier part
/// then fails too, that one is reported.
pub(crate) async fn upload_parts(
    client: &Client,
    version: &str,
    path: &Path,
    init: &VideoUploadInit,
    etags: Vec<String>,
    parallelism: usize,
    mut progress: impl FnMut(UploadProgress) + Send,
) -> Result<String, Error> {
    check_parallelism(parallelism)?;
    let total_bytes = tokio::fs::metadata(path)
        .await
        .map_err(|source| io_error(path, source))?
        .len();
    check_instructions(&init.upload_instructions, total_bytes)?;

    let parts = &init.upload_instructions;
    let total_parts = parts.len();
    let first = etags.len();
    tracing::debug!(video = %init.video, total_bytes, total_parts, first_part = first + 1, parallelism, "uploading video parts");
    let part_len = |p: &UploadInstruction| p.last_byte - p.first_byte + 1;
    let mut bytes_sent: u64 = parts[..first].iter().map(part_len).sum();
    let mut parts_sent = first;
    // The ETag of each part from `first` on, filled in as they are acknowledged (in any order).
    let mut acked: Vec<Option<String>> = vec![None; total_parts - first];
    let mut in_flight = FuturesUnordered::new();
    // Abort handles of the parts in flight, by part index: a failure drops the parts after it.
    let mut aborts: Vec<(usize, AbortHandle)> = Vec::with_capacity(parallelism);
    let mut next = first;
    // The earliest part that failed so far, and why.
    let mut failed: Option<(usize, PartFailure)> = None;
    loop {
        while failed.is_none() && next < total_parts && in_flight.len() < parallelism {
            let i = next;
            next += 1;
            let (abort, registration) = AbortHandle::new_pair();
            aborts.push((i, abort));
            let part = Abortable::new(upload_part(client, path, &parts[i], i), registration);
            in_flight.push(async move { (i, part.await) });
        }
        let Some((i, result)) = in_flight.next().await else {
            break;
        };
        aborts.retain(|(j, _)| *j != i);
        match result {
            // Dropped after an earlier part failed: it is sent again on resume.
            Err(Aborted) => {}
            Ok(Ok(etag)) => {
                acked[i - first] = Some(etag);
                bytes_sent += part_len(&parts[i]);
                parts_sent += 1;
                tracing::debug!(
                    part = i + 1,
                    total_parts,
                    bytes_sent,
                    total_bytes,
                    "video part uploaded"
                );
                progress(UploadProgress {
                    bytes_sent,
                    total_bytes,
                    parts_sent,
                    total_parts,
                });
            }
            Ok(Err(failure)) => {
                if failed.as_ref().is_none_or(|(j, _)| i < *j) {
                    for (_, abort) in aborts.iter().filter(|(j, _)| *j > i) {
                        abort.abort();
                    }
                    failed = Some((i, failure));
                }
            }
        }
    }

    // Every part before the failed one was acknowledged (they were started first and let
    // finish), so the ETags kept are exactly those of parts `0..part_index`.
    let mut etags = etags;
    etags.extend(acked.into_iter().map_while(|etag| etag));
    if let Some((part_index, failure)) = failed {
        let source = match failure {
            // The file could not be read: not the upload's fault, reported as it is.
            PartFailure::Read(err) => return Err(err),
            PartFailure::Put(err) => err,
        };
        debug_assert_eq!(etags.len(), part_index);
        return Err(Error::UploadPart(Box::new(VideoPartError {
            part_index,
            total_parts,
            video: init.video.clone(),
            upload_token: init.upload_token.clone(),
            uploaded_etags: etags,
            init: init.clone(),
            source,
        })));
    }

    let body = serde_json::json!({
        "finalizeUploadRequest": {
            "video": init.video,
            "uploadToken": init.upload_token,
            "uploadedPartIds": etags,
        }
    });
    let req = Request::restli(
        OP_VIDEO_FINALIZE,
        RestliMethod::Action,
        "/rest/videos",
        "/rest/videos".into(),
    )
    .version_string(version.to_owned())
    .area(Area::Media)
    .query_raw("action", "finalizeUpload")
    .json(&body);
    client.send_empty(req).await?;
    Ok(init.video.clone())
}

/// How one part failed: its bytes could not be read from the file, or its `PUT` failed.
enum PartFailure {
    Read(Error),
    Put(Error),
}

/// One part: its byte range read from its own handle on the file (so parts in flight do not
/// share a cursor), `PUT`, and the `ETag` of the answer.
async fn upload_part(
    client: &Client,
    path: &Path,
    part: &UploadInstruction,
    index: usize,
) -> Result<String, PartFailure> {
    let read = async {
        let mut file = tokio::fs::File::open(path).await?;
        let len = usize::try_from(part.last_byte - part.first_byte + 1)
            .map_err(|_| std::io::Error::other("the part does not fit in memory"))?;
        let mut buf = vec![0u8; len];
        file.seek(SeekFrom::Start(part.first_byte)).await?;
        file.read_exact(&mut buf).await?;
        Ok::<_, std::io::Error>(buf)
    };
    let buf = read
        .await
        .map_err(|source| PartFailure::Read(io_error(path, source)))?;
    let headers = put_bytes(client, OP_VIDEO_PUT, &part.upload_url, Bytes::from(buf))
        .await
        .map_err(PartFailure::Put)?;
    headers
        .get(ETAG)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| {
            PartFailure::Put(Error::decode(
                OP_VIDEO_PUT,
                "etag",
                b"",
                format!("the upload of part {} has no ETag header", index + 1),
            ))
        })
}

/// At least one part must be in flight.
fn check_parallelism(parallelism: usize) -> Result<(), Error> {
    if parallelism == 0 {
        return Err(Error::config(
            ConfigErrorKind::InvalidArgument,
            "videos.uploadPart: the number of parts uploaded at once must be at least 1",
        ));
    }
    Ok(())
}

/// One part of a video upload failed; the upload can be resumed with [`resume_video_upload`].
///
/// The upload token is LinkedIn's handle on this upload, not a credential, so it is printed; the
/// signed upload URLs in [`init`](Self::init) are not (Debug shows how many there are).
#[non_exhaustive]
pub struct VideoPartError {
    /// The failed part, from 0.
    pub part_index: usize,
    /// How many parts the upload has.
    pub total_parts: usize,
    /// The video URN (`urn:li:video:…`).
    pub video: String,
    /// The upload token `finalizeUpload` needs (may be empty).
    pub upload_token: String,
    /// The `ETag`s of the parts uploaded before the failed one (parts `0..part_index`).
    pub uploaded_etags: Vec<String>,
    /// What `initializeUpload` answered: pass it to [`resume_video_upload`].
    pub init: VideoUploadInit,
    /// Why the part failed.
    pub source: Error,
}

impl fmt::Display for VideoPartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{OP_VIDEO_PUT}: part {} of {} (index {}) of {} failed (upload token `{}`; {} part(s) \
             uploaded, resumable with the upload's `.resume(&failed)`): {}",
            self.part_index + 1,
            self.total_parts,
            self.part_index,
            self.video,
            self.upload_token,
            self.uploaded_etags.len(),
            self.source
        )
    }
}

impl fmt::Debug for VideoPartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VideoPartError")
            .field("part_index", &self.part_index)
            .field("total_parts", &self.total_parts)
            .field("video", &self.video)
            .field("upload_token", &self.upload_token)
            .field("uploaded_etags", &self.uploaded_etags)
            .field(
                "init",
                &format_args!(
                    "[{} signed upload URLs withheld]",
                    self.init.upload_instructions.len()
                ),
            )
            .field("source", &self.source)
            .finish()
    }
}

impl std::error::Error for VideoPartError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// Every part must lie inside the file.
fn check_instructions(parts: &[UploadInstruction], total_bytes: u64) -> Result<(), Error> {
    if parts.is_empty() {
        return Err(Error::decode(
            OP_VIDEO_INIT,
            "value.uploadInstructions",
            b"",
            "no upload instructions",
        ));
    }
    for (i, p) in parts.iter().enumerate() {
        if p.first_byte > p.last_byte || p.last_byte >= total_bytes {
            return Err(Error::decode(
                OP_VIDEO_INIT,
                format!("value.uploadInstructions[{i}]"),
                b"",
                format!(
                    "byte range {}..={} does not fit a file of {total_bytes} bytes",
                    p.first_byte, p.last_byte
                ),
            ));
        }
    }
    Ok(())
}

fn io_error(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

/// `PUT`s raw bytes to an absolute upload URL through the client's one HTTP choke point
/// (retried per the client's policy: a `PUT` of the same bytes is idempotent); returns the
/// response headers of the successful attempt. The URL (signed) never appears in errors or logs:
/// interceptors and traces see `{uploadUrl}` and the host.
async fn put_bytes(
    client: &Client,
    operation: &'static str,
    url: &str,
    body: Bytes,
) -> Result<HeaderMap, Error> {
    let mut parsed = Url::parse(url).map_err(|err| Error::Encode {
        operation,
        source: EncodeError::new(format!("the upload URL is not a valid URL: {err}")),
    })?;
    if let Some(base) = client.upload_base_url() {
        parsed = rebase(&parsed, base).map_err(|err| {
            Error::config(
                ConfigErrorKind::InvalidUrl,
                format!("cannot route the upload to the upload base URL: {err}"),
            )
        })?;
    }
    let mut headers = HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    let bearer = if may_receive_token(client, &parsed) {
        Bearer::Client
    } else {
        Bearer::None
    };
    let info = OperationInfo::new(
        operation,
        Method::PUT,
        "{uploadUrl}",
        parsed.host_str().unwrap_or_default(),
    )
    .with_retryable(true)
    .with_area(Some(Area::Media))
    .with_effect(Effect::Write);
    let len = body.len();
    let mut exchange = Exchange::new(client, info, Method::PUT, parsed);
    exchange.headers = headers;
    exchange.bearer = bearer;
    exchange.body = Some(body);
    // The (normally empty) answer is drained so the connection can be reused, and read only up
    // to a bound whatever the server sends.
    exchange.body_limit = MAX_ERROR_BODY_BYTES;
    exchange.error_body_limit = MAX_ERROR_BODY_BYTES;
    exchange.ignore_body = true;
    let resp = client.exchange(exchange).await?;
    tracing::debug!(operation, bytes = len, "upload PUT succeeded");
    Ok(resp.headers)
}

/// The upload URL with the scheme, host and port of `base` (its path and query kept).
fn rebase(url: &Url, base: &str) -> Result<Url, String> {
    let base = Url::parse(base).map_err(|e| e.to_string())?;
    let mut out = url.clone();
    out.set_scheme(base.scheme())
        .map_err(|()| "cannot change the scheme".to_owned())?;
    out.set_host(base.host_str()).map_err(|e| e.to_string())?;
    out.set_port(base.port())
        .map_err(|()| "cannot change the port".to_owned())?;
    Ok(out)
}

/// The bearer token goes only to LinkedIn's hosts over https on the default port, or to the
/// scheme, host and port of a base URL the client was configured with (its API base URL, its
/// upload base URL). Another port of a configured host is another server, perhaps in clear.
fn may_receive_token(client: &Client, url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let linkedin = url.scheme() == "https"
        && url.port_or_known_default() == Some(443)
        && (host == "linkedin.com" || host.ends_with(".linkedin.com"));
    let origin = |u: &Url| {
        (
            u.scheme().to_owned(),
            u.host_str().map(str::to_owned),
            u.port_or_known_default(),
        )
    };
    let configured = [Some(client.base_url()), client.upload_base_url()]
        .into_iter()
        .flatten()
        .filter_map(|b| Url::parse(b).ok())
        .any(|b| origin(&b) == origin(url));
    linkedin || configured
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_init_uses_the_plural_expiry_field() {
        let v: VideoUploadInit = serde_json::from_str(
            r#"{"uploadUrlsExpireAt":1650567510704,"video":"urn:li:video:C5F10AQGKQg_6y2a4sQ",
                "uploadInstructions":[{"uploadUrl":"https://www.linkedin.com/dms-uploads/a","lastByte":4194303,"firstByte":0}],
                "uploadToken":""}"#,
        )
        .unwrap();
        assert_eq!(v.upload_urls_expire_at, Some(1650567510704));
        assert_eq!(v.upload_instructions[0].last_byte, 4194303);
    }

    #[test]
    fn instructions_must_fit_the_file() {
        let part = |a, b| UploadInstruction {
            upload_url: "https://x".into(),
            first_byte: a,
            last_byte: b,
        };
        assert!(check_instructions(&[part(0, 9)], 10).is_ok());
        assert!(check_instructions(&[part(0, 10)], 10).is_err());
        assert!(check_instructions(&[part(5, 4)], 10).is_err());
        assert!(check_instructions(&[], 10).is_err());
    }

    #[test]
    fn token_goes_only_to_linkedin_or_the_api_host() {
        let client = Client::builder()
            .access_token("t")
            .base_url("http://127.0.0.1:9")
            .allow_insecure_http(true)
            .build()
            .unwrap();
        let ok = |u: &str| may_receive_token(&client, &Url::parse(u).unwrap());
        assert!(ok("https://www.linkedin.com/dms-uploads/x"));
        assert!(ok("https://api.linkedin.com/mediaUpload/x"));
        assert!(ok("http://127.0.0.1:9/upload"));
        // Same host, another port or scheme: another server, perhaps in clear.
        assert!(!ok("http://127.0.0.1:4242/upload"));
        assert!(!ok("https://127.0.0.1:9/upload"));
        assert!(!ok("https://www.linkedin.com:8443/dms-uploads/x"));
        assert!(!ok("http://www.linkedin.com/dms-uploads/x"));
        assert!(!ok("https://evil-linkedin.com/x"));
        assert!(!ok("https://linkedin.com.evil.example/x"));
    }

    #[test]
    fn documents_are_sniffed_not_named() {
        assert_eq!(
            DocumentFormat::sniff(b"%PDF-1.7\n..."),
            Some(DocumentFormat::Pdf)
        );
        assert_eq!(
            DocumentFormat::sniff(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
            Some(DocumentFormat::LegacyOffice)
        );
        assert_eq!(
            DocumentFormat::sniff(b"PK\x03\x04rest"),
            Some(DocumentFormat::OfficeOpenXml)
        );
        assert_eq!(DocumentFormat::sniff(b"\x89PNG\r\n"), None);
        assert_eq!(DocumentFormat::sniff(b""), None);
    }

    #[test]
    fn documents_are_checked_before_anything_is_sent() {
        let msg = |r: Result<DocumentFormat, Error>| r.unwrap_err().to_string();
        assert!(msg(check_document(b"")).contains("empty"));
        assert!(msg(check_document(b"GIF89a")).contains("not a PDF, PPT, PPTX, DOC or DOCX"));
        assert!(check_document(b"%PDF-1.4").is_ok());
        assert!(check_document_size(MAX_DOCUMENT_BYTES).is_ok());
        let over = check_document_size(MAX_DOCUMENT_BYTES + 1)
            .unwrap_err()
            .to_string();
        assert!(
            over.contains("104857601 bytes") && over.contains("100 MB"),
            "{over}"
        );
    }
}
