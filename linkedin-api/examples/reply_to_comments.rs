//! List every comment on a post and reply to those that contain a word.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example reply_to_comments -- urn:li:share:6844785523593134080 price`
//! (scopes `openid`, `r_member_social` and `w_member_social`).

mod common;

use futures::TryStreamExt;
use linkedin_api::urn::ShareOrUgcPostUrn;
use linkedin_api::v202606::{Api, Comment, CommentMessage};

#[tokio::main]
async fn main() -> common::Result<()> {
    let mut args = std::env::args().skip(1);
    let post: ShareOrUgcPostUrn = args
        .next()
        .ok_or("pass the post URN, e.g. urn:li:share:6844785523593134080, and a word")?
        .parse()?;
    let word = args
        .next()
        .unwrap_or_else(|| "price".to_owned())
        .to_lowercase();
    let api = Api::new(common::client()?);
    let me = common::me(api.client()).await?;

    // Every page of comments (offset paging), then a reply under each that mentions the word.
    let comments: Vec<Comment> = api
        .comments()
        .list(post.clone())
        .items()
        .try_collect()
        .await?;
    for c in comments
        .iter()
        .filter(|c| c.message.text.to_lowercase().contains(&word))
    {
        let Some(parent) = c.comment_urn.clone() else {
            continue;
        };
        let text = CommentMessage::new("Thanks for asking! We will be in touch.");
        let reply = Comment::new(me.clone(), post.clone(), text).parent_comment(parent.clone());
        // A reply is created under the comment it answers.
        let created = api.comments().create(parent, reply).send().await?;
        println!("replied to {:?}: {:?}", c.message.text, created.id);
    }
    Ok(())
}
