//! Typed uploads on the media resources: `Images::upload`/`upload_file`,
//! `Documents::upload`/`upload_file`/`wait_until_available`, `Videos::upload_file` and
//! `Videos::wait_until_available`.
//!
//! An upload is more than one Rest.li call (`initializeUpload`, `PUT`s to URLs on another host,
//! `finalizeUpload` for videos), so the sequence is the runtime's (`crate::media`); what is
//! emitted here is one line per method handing the resource's handle (client and
//! `Linkedin-Version`) to it. They are emitted on a resource that has the `initializeUpload`
//! action the runtime drives (and, for videos, `finalizeUpload`), so every month with uploads has
//! them and a month without the action has none. A spec operation of the same name wins: the
//! helper is then left out rather than shadowing it.

use proc_macro2::TokenStream;
use quote::quote;

use super::Scope;
use crate::ir::*;

impl Scope<'_> {
    /// The upload helpers of `r`, if it is one of the media resources the runtime uploads to.
    pub(super) fn upload_methods(&self, r: &Resource) -> TokenStream {
        let has_action = |a: &str| {
            r.methods
                .iter()
                .any(|m| m.restli.action.as_deref() == Some(a))
        };
        if !has_action("initializeUpload") {
            return TokenStream::new();
        }
        let free = |name: &str| !r.methods.iter().any(|m| m.name == name);
        let owner = quote!(impl Into<crate::urn::OrganizationOrPersonUrn>);
        let mut out = Vec::new();
        match r.module.as_str() {
            "images" => {
                if free("upload") {
                    out.push(quote! {
                        /// Uploads an image for `owner` (a person or organization URN) and returns its
                        /// URN: `initializeUpload`, then a `PUT` of the bytes to the URL LinkedIn
                        /// returns. The URN can be used in a post once the image is processed.
                        pub async fn upload(&self, owner: #owner, image: impl Into<bytes::Bytes>) -> Result<crate::urn::ImageUrn, crate::Error> {
                            crate::media::typed::image(&self.handle, owner.into(), image.into()).await
                        }
                    });
                }
                if free("upload_file") {
                    out.push(quote! {
                        /// Reads an image file and uploads it like [`upload`](Self::upload).
                        pub async fn upload_file(&self, owner: #owner, path: impl AsRef<std::path::Path>) -> Result<crate::urn::ImageUrn, crate::Error> {
                            crate::media::typed::image_file(&self.handle, owner.into(), path.as_ref()).await
                        }
                    });
                }
            }
            "documents" => {
                if free("upload") {
                    out.push(quote! {
                        /// Uploads a document (PDF, PPT, PPTX, DOC or DOCX, at most 100 MB) for `owner`
                        /// and returns its URN. Its kind and size are checked before anything is sent
                        /// (an `InvalidArgument` configuration error otherwise).
                        pub async fn upload(&self, owner: #owner, document: impl Into<bytes::Bytes>) -> Result<crate::urn::DocumentUrn, crate::Error> {
                            crate::media::typed::document(&self.handle, owner.into(), document.into()).await
                        }
                    });
                }
                if free("upload_file") {
                    out.push(quote! {
                        /// Reads a document file and uploads it like [`upload`](Self::upload); a file
                        /// over the size limit is refused before it is read.
                        pub async fn upload_file(&self, owner: #owner, path: impl AsRef<std::path::Path>) -> Result<crate::urn::DocumentUrn, crate::Error> {
                            crate::media::typed::document_file(&self.handle, owner.into(), path.as_ref()).await
                        }
                    });
                }
                if let Some(document) = self
                    .media_get(r, "document")
                    .filter(|_| free("wait_until_available"))
                {
                    out.push(quote! {
                        /// Polls [`get`](Self::get) until the document's `status` is `AVAILABLE` and
                        /// returns it; fails with the status if LinkedIn reports `PROCESSING_FAILED`,
                        /// or when `wait`'s deadline passes first (each `get` is bounded by the time
                        /// left).
                        pub async fn wait_until_available(&self, document: impl Into<crate::urn::DocumentUrn>, wait: crate::media::MediaWait) -> Result<#document, crate::media::DocumentWaitError> {
                            crate::media::wait::until_available(document.into(), wait, |urn, left| self.get(urn).deadline(left).send(), |d: &#document| d.status.as_ref().map(|s| s.as_str())).await
                        }
                    });
                }
            }
            "videos" if has_action("finalizeUpload") => {
                if free("upload_file") {
                    out.push(quote! {
                        /// Uploads a video file for `owner` in the parts LinkedIn asks for (read one at
                        /// a time, each retried per the client's policy), finalizes it, and returns its
                        /// URN once awaited. Set a progress callback or resume a failed upload on the
                        /// returned [`VideoUpload`](crate::media::VideoUpload). LinkedIn then
                        /// processes the video: [`wait_until_available`](Self::wait_until_available)
                        /// waits for it.
                        pub fn upload_file(&self, owner: #owner, path: impl AsRef<std::path::Path>) -> crate::media::VideoUpload {
                            crate::media::VideoUpload::new(self.handle.clone(), owner.into(), path.as_ref().to_owned())
                        }
                    });
                }
                if let Some(video) = self
                    .media_get(r, "video")
                    .filter(|_| free("wait_until_available"))
                {
                    out.push(quote! {
                        /// Polls [`get`](Self::get) until the video's `status` is `AVAILABLE` and
                        /// returns it; fails with the status if LinkedIn reports `PROCESSING_FAILED`,
                        /// or when `wait`'s deadline passes first (each `get` is bounded by the time
                        /// left).
                        pub async fn wait_until_available(&self, video: impl Into<crate::urn::VideoUrn>, wait: crate::media::MediaWait) -> Result<#video, crate::media::VideoWaitError> {
                            crate::media::wait::until_available(video.into(), wait, |urn, left| self.get(urn).deadline(left).send(), |v: &#video| v.status.as_ref().map(|s| s.as_str())).await
                        }
                    });
                }
            }
            _ => {}
        }
        quote!(#(#out)*)
    }

    /// The type `get` answers with, when the resource reads one asset by its `urn_type` URN
    /// (`video`, `document`) and the answer is a struct (whose `status` the waiter reads).
    fn media_get(&self, r: &Resource, urn_type: &str) -> Option<TokenStream> {
        let get = r.methods.iter().find(|m| m.name == "get")?;
        let Response::Json(ty) = &get.response else {
            return None;
        };
        let keyed_by_video = get.params.iter().filter(|p| p.required).count() == 1
            && get.params.iter().any(
                |p| matches!(&p.ty, TypeRef::Urn(types) if types.iter().any(|t| t == urn_type)),
            );
        keyed_by_video.then(|| self.ty(ty))
    }
}
