//! The typed uploads a month's `Api` offers (`api.images().upload(owner, bytes)`,
//! `api.videos().upload_file(owner, path)`, `api.documents().upload_file(owner, path)`).
//!
//! The generated `Images`, `Videos` and `Documents` resources of every month that has them call
//! these with their handle (client and `Linkedin-Version`), so the upload sequence lives once,
//! here, and the generated methods stay one line each. Owners are the owner union of the
//! `initializeUpload` body (any person or organization URN converts into it); results are the
//! typed URN of the asset, checked before any byte is sent.

use std::future::{Future, IntoFuture};
use std::path::{Path, PathBuf};
use std::pin::Pin;

use bytes::Bytes;

use super::{
    DEFAULT_PART_PARALLELISM, OP_VIDEO_INIT, UploadProgress, VideoPartError, check_parallelism,
    check_resumable, document_upload, image_upload, initialize_video, read_document_file,
    read_file, typed_urn, upload_parts,
};
use crate::Error;
use crate::operation::Handle;
use crate::urn::{DocumentUrn, ImageUrn, OrganizationOrPersonUrn, VideoUrn};

/// `images.upload`: `initializeUpload` for `owner`, then the `PUT` of `image`.
pub async fn image(
    handle: &Handle,
    owner: OrganizationOrPersonUrn,
    image: Bytes,
) -> Result<ImageUrn, Error> {
    image_upload(handle.client(), handle.version(), owner.as_str(), image).await
}

/// `images.upload_file`: the file read whole (images are small), then [`image`].
pub async fn image_file(
    handle: &Handle,
    owner: OrganizationOrPersonUrn,
    path: &Path,
) -> Result<ImageUrn, Error> {
    let bytes = read_file(path).await?;
    image(handle, owner, bytes).await
}

/// `documents.upload`: the document checked (kind, size), `initializeUpload`, the `PUT`.
pub async fn document(
    handle: &Handle,
    owner: OrganizationOrPersonUrn,
    document: Bytes,
) -> Result<DocumentUrn, Error> {
    document_upload(handle.client(), handle.version(), owner.as_str(), document).await
}

/// `documents.upload_file`: a file over the size limit is refused unread.
pub async fn document_file(
    handle: &Handle,
    owner: OrganizationOrPersonUrn,
    path: &Path,
) -> Result<DocumentUrn, Error> {
    let bytes = read_document_file(path).await?;
    document(handle, owner, bytes).await
}

type Progress = Box<dyn FnMut(UploadProgress) + Send>;

/// A video upload from a file, from a month's `api.videos().upload_file(…)`:
/// set a progress callback or resume a failed upload, then `.await` it for the [`VideoUrn`].
///
/// The file is read part by part, [`DEFAULT_PART_PARALLELISM`](super::DEFAULT_PART_PARALLELISM)
/// parts in flight at once unless [`parallelism`](Self::parallelism) says otherwise; a part that fails after the client's retries ends the
/// upload with [`Error::UploadPart`], whose [`VideoPartError`] [`resume`](Self::resume) carries
/// on from.
///
/// The user guide of `linkedin-rest` ("Errors, retries and rate limits") shows a resume.
#[must_use = "an upload does nothing until it is awaited"]
pub struct VideoUpload {
    handle: Handle,
    owner: OrganizationOrPersonUrn,
    path: PathBuf,
    progress: Option<Progress>,
    resume: Option<(super::VideoUploadInit, Vec<String>)>,
    parallelism: usize,
}

impl std::fmt::Debug for VideoUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The resume state holds signed upload URLs: only its size is shown.
        f.debug_struct("VideoUpload")
            .field("owner", &self.owner)
            .field("path", &self.path)
            .field("progress", &self.progress.is_some())
            .field("parallelism", &self.parallelism)
            .field(
                "resume_after_parts",
                &self.resume.as_ref().map(|(_, etags)| etags.len()),
            )
            .finish()
    }
}

impl VideoUpload {
    #[doc(hidden)]
    pub fn new(handle: Handle, owner: OrganizationOrPersonUrn, path: PathBuf) -> Self {
        Self {
            handle,
            owner,
            path,
            progress: None,
            resume: None,
            parallelism: DEFAULT_PART_PARALLELISM,
        }
    }

    /// How many parts are uploaded at once (default
    /// [`DEFAULT_PART_PARALLELISM`]; 1 sends them one after the
    /// other). Each part in flight holds one part (4 MB) in memory. 0 is refused when the upload
    /// runs, before any request, with [`Error::Config`].
    pub fn parallelism(mut self, parts_at_once: usize) -> Self {
        self.parallelism = parts_at_once;
        self
    }

    /// Calls `progress` after each part is acknowledged (parts may finish out of order; the
    /// counts only grow).
    pub fn progress(mut self, progress: impl FnMut(UploadProgress) + Send + 'static) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Carries on with the upload `failed` reports: no new `initializeUpload`, the parts it
    /// acknowledged are not sent again. The file must be the same; works while LinkedIn's upload
    /// URLs are valid (`failed.init.upload_urls_expire_at`).
    pub fn resume(mut self, failed: &VideoPartError) -> Self {
        self.resume = Some((failed.init.clone(), failed.uploaded_etags.clone()));
        self
    }

    /// Runs the upload (what `.await` does).
    pub async fn send(self) -> Result<VideoUrn, Error> {
        let Self {
            handle,
            owner,
            path,
            progress,
            resume,
            parallelism,
        } = self;
        check_parallelism(parallelism)?;
        let (client, version) = (handle.client(), handle.version());
        let (init, etags) = match resume {
            Some((init, etags)) => {
                check_resumable(&init, &etags)?;
                (init, etags)
            }
            None => (
                initialize_video(client, version, owner.as_str(), &path).await?,
                Vec::new(),
            ),
        };
        let progress = progress.unwrap_or_else(|| Box::new(|_| {}));
        let video =
            upload_parts(client, version, &path, &init, etags, parallelism, progress).await?;
        typed_urn(OP_VIDEO_INIT, "value.video", &video)
    }
}

impl IntoFuture for VideoUpload {
    type Output = Result<VideoUrn, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
