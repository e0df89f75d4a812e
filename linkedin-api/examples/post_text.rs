//! Post text as the signed-in member.
//!
//! `LINKEDIN_ACCESS_TOKEN=… cargo run --example post_text -- "Hello from Rust"`
//! (scopes `openid` and `w_member_social`).

mod common;

use linkedin_api::v202606::PostCreateLifecycleState::Published;
use linkedin_api::v202606::PostFeedDistribution::MainFeed;
use linkedin_api::v202606::PostVisibility::Public;
use linkedin_api::v202606::{Api, PostCreate, PostDistribution};

#[tokio::main]
async fn main() -> common::Result<()> {
    let text = std::env::args().nth(1).unwrap_or_else(|| {
        "Hello from linkedin-api, a Rust client for LinkedIn's REST API.".to_owned()
    });
    let api = Api::new(common::client()?);
    let author = common::me(api.client()).await?;
    // Commentary is "little" text: unescaped `(`, `#`, `@`… would cut the post short.
    let text = linkedin_api::little::escape(&text);
    let feed = PostDistribution::new().feed_distribution(MainFeed);
    let post = PostCreate::new(author.clone(), text, Public, feed, Published);
    let id = api.posts().create(post).send().await?;
    println!("posted {id} as {author}");
    Ok(())
}
