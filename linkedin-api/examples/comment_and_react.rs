//! Comment on a post and react to it as the signed-in member.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example comment_and_react -- urn:li:share:6844785523593134080`
//! (scopes `openid` and `w_member_social`).

mod common;

use linkedin_api::urn::ShareOrUgcPostUrn;
use linkedin_api::v202606::{Api, Comment, CommentMessage, Reaction, ReactionType};

#[tokio::main]
async fn main() -> common::Result<()> {
    let post: ShareOrUgcPostUrn = std::env::args()
        .nth(1)
        .ok_or("pass the post URN, e.g. urn:li:share:6844785523593134080")?
        .parse()?;
    let api = Api::new(common::client()?);
    let me = common::me(api.client()).await?;

    let comment = Comment::new(me.clone(), post.clone(), CommentMessage::new("Great post!"));
    let created = api.comments().create(post.clone(), comment).send().await?;
    println!("commented: {}", created.id);

    let reaction = api
        .reactions()
        .create(me, Reaction::new(post, ReactionType::Like))
        .send()
        .await?;
    println!("reacted: {reaction}");
    Ok(())
}
