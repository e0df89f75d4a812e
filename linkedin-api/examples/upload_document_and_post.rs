//! Upload a PDF and post it as an organization (a document post, shown as a page viewer).
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example upload_document_and_post -- 5515715 deck.pdf`
//! (scope `w_organization_social`, with a content role on the page). PDF, PPT, PPTX, DOC and
//! DOCX files of up to 100 MB are accepted; without a file, a one-page PDF is uploaded.
//! `LINKEDIN_UPLOAD_BASE_URL` sends the upload itself to a mock instead of LinkedIn.

mod common;

use linkedin_api::urn::{DocumentUrn, OrganizationUrn};
use linkedin_api::v202606::PostCreateLifecycleState::Published;
use linkedin_api::v202606::PostFeedDistribution::MainFeed;
use linkedin_api::v202606::PostVisibility::Public;
use linkedin_api::v202606::{Api, PostContent, PostCreate, PostDistribution, PostMediaContent};

/// A minimal one-page PDF.
const TINY_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n\
trailer<</Root 1 0 R>>\n%%EOF\n";

#[tokio::main]
async fn main() -> common::Result<()> {
    let mut args = std::env::args().skip(1);
    let organization =
        OrganizationUrn::from_id(args.next().unwrap_or_else(|| "5515715".to_owned()));
    let api = Api::new(common::client()?);

    let document: DocumentUrn = match args.next() {
        // From a file: its size is checked before it is read, its kind before it is sent.
        Some(path) => {
            api.documents()
                .upload_file(organization.clone(), path)
                .await?
        }
        None => {
            api.documents()
                .upload(organization.clone(), TINY_PDF)
                .await?
        }
    };
    println!("uploaded {document}");

    // LinkedIn processes the document after the upload; a post may name it straight away.
    let status = api.documents().get(document.clone()).send().await?.status;
    println!("document status: {status:?}");

    let feed = PostDistribution::new().feed_distribution(MainFeed);
    // A document post needs a title: it is shown above the page viewer.
    let media = PostContent::Media(PostMediaContent::new(document).title("Spring report"));
    let text = "Our spring report, posted from Rust.";
    let post = PostCreate::new(organization.clone(), text, Public, feed, Published).content(media);
    let id = api.posts().create(post).send().await?;
    println!("posted {id} as {organization}");
    Ok(())
}
