use super::*;

const POSTS: &str = r#"
//! Posts.
/// The `posts` resource.
#[derive(Debug, Clone)]
pub struct Posts {
    api: super::Api,
}
impl super::Api {
    /// The resource.
    pub fn posts(&self) -> Posts {
        Posts { api: self.clone() }
    }
}
impl Posts {
    /// Create a post.
    pub fn create(&self, body: PostCreate) -> CreateRequest {
        CreateRequest { api: self.api.clone(), body }
    }
    fn helper(&self) {}
    pub(crate) fn internal(&self) {}
}
/// A post.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    /// Who wrote it.
    #[serde(rename = "author")]
    pub author: crate::urn::PersonUrn,
    pub comments: Option<std::collections::BTreeMap<String, Vec<crate::restli::Collection<serde_json::Value>>>>,
    private: bool,
}
/// The state.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum PostState {
    /// `DRAFT`
    Draft,
    /// Unknown.
    Unknown(String),
}
crate::open_enum!(PostState { Draft => "DRAFT", Published => "PUBLISHED" });
impl crate::operation::Operation for CreateRequest {
    const PATH: &'static str = "/rest/posts";
    type Response = crate::operation::CreatedId<crate::urn::ShareUrn>;
    fn to_request(&self) -> crate::request::Request { todo() }
}
pub struct CreateRequest { body: PostCreate }
impl crate::operation::Call<CreateRequest> {
    pub fn retry(mut self) -> Self { self }
}
"#;

const MOD: &str = r#"
pub mod posts;
mod private;
pub use self::posts::{Post, PostState as State};
pub const OPERATIONS: &[crate::catalog::Operation] = &[crate::catalog::Operation { id: "posts.create", http_method: "POST", path: "/rest/posts" }, crate::catalog::Operation { id: "posts.get", http_method: "GET", path: "/rest/posts/{id}" }];
pub const COUNT: usize = 1;
pub type Id = String;
fn call_posts_create() {}
"#;

fn listing(files: &[(&str, &str)]) -> Listing {
    let mut listing = Listing::default();
    for (path, source) in files {
        listing.add_file(path, source).expect("parses");
    }
    listing
}

#[test]
fn lists_what_a_user_sees_one_item_per_line() {
    let text = listing(&[("mod.rs", MOD), ("posts.rs", POSTS)]).to_string();
    let expected = r#"// mod.rs
pub const COUNT: usize = 1
pub type Id = String
pub const OPERATIONS: &[crate::catalog::Operation] = …
pub mod posts
pub use self::posts::Post
pub use self::posts::PostState as State

// posts.rs
pub fn Api::posts(&self) -> Posts
pub struct posts::CreateRequest
pub fn crate::operation::Call<posts::CreateRequest>::retry(self) -> Self
impl crate::operation::Operation for posts::CreateRequest
impl crate::operation::Operation for posts::CreateRequest { const PATH: &'static str = "/rest/posts" }
impl crate::operation::Operation for posts::CreateRequest { type Response = crate::operation::CreatedId<crate::urn::ShareUrn> }
pub struct posts::Post
pub posts::Post::author: crate::urn::PersonUrn
pub posts::Post::comments: Option<std::collections::BTreeMap<String, Vec<crate::restli::Collection<serde_json::Value>>>>
impl Clone for posts::Post
impl Debug for posts::Post
impl PartialEq for posts::Post
impl serde::Serialize for posts::Post
#[non_exhaustive] pub enum posts::PostState
posts::PostState::Draft
posts::PostState::Unknown(String)
impl Clone for posts::PostState
impl Debug for posts::PostState
crate::open_enum!(posts::PostState { Draft => "DRAFT" })
crate::open_enum!(posts::PostState { Published => "PUBLISHED" })
pub struct posts::Posts
pub fn posts::Posts::create(&self, body: PostCreate) -> CreateRequest
impl Clone for posts::Posts
impl Debug for posts::Posts
"#;
    assert_eq!(text, expected, "\n{text}");
}

#[test]
fn docs_and_item_order_are_not_api() {
    let reordered_and_redocumented = r#"
pub type Id = String;
/// Now documented.
pub const COUNT: usize = 1;
pub use self::posts::{PostState as State, Post};
/// The catalogue.
pub const OPERATIONS: &[crate::catalog::Operation] = &[crate::catalog::Operation { id: "posts.create", http_method: "POST", path: "/rest/posts" }, crate::catalog::Operation { id: "posts.get", http_method: "GET", path: "/rest/posts/{id}" }];
pub mod posts;
"#;
    let a = listing(&[("mod.rs", MOD)]);
    let b = listing(&[("mod.rs", reordered_and_redocumented)]);
    assert_eq!(a, b);
    assert_eq!(diff(&a, &b), "");
}

#[test]
fn a_changed_item_is_a_removed_line_beside_an_added_one() {
    let before = listing(&[("posts.rs", POSTS)]);
    let changed = POSTS
        .replace(
            "pub author: crate::urn::PersonUrn",
            "pub author: crate::urn::OrganizationOrPersonUrn",
        )
        .replace(
            "Published => \"PUBLISHED\"",
            "Published => \"PUBLISHED\", Archived => \"ARCHIVED\"",
        );
    let after = listing(&[("posts.rs", &changed), ("images.rs", "pub struct Image;")]);
    assert_eq!(
        diff(&before, &after),
        "// images.rs (new file)\n\
         + pub struct images::Image\n\
         \n\
         // posts.rs\n\
         - pub posts::Post::author: crate::urn::PersonUrn\n\
         + pub posts::Post::author: crate::urn::OrganizationOrPersonUrn\n\
         + crate::open_enum!(posts::PostState { Archived => \"ARCHIVED\" })\n"
    );
    assert_eq!(
        diff(&after, &before).lines().next(),
        Some("// images.rs (file removed)")
    );
}

#[test]
fn a_module_is_read_from_its_own_files_only() {
    let file = |path: &str, contents: &str| File {
        part: crate::emit::Part::Bindings,
        path: path.to_owned(),
        contents: contents.to_owned(),
    };
    let files = [
        file("s202401/mod.rs", "pub struct Old;"),
        file("s202405/mod.rs", "pub struct New;"),
        file("s202405/posts.rs", "pub struct Post;"),
        file("months.rs", "pub mod v202405 {}"),
    ];
    let listing = Listing::of_module(&files, "s202405").expect("lists");
    assert_eq!(
        listing.to_string(),
        "// mod.rs\npub struct New\n\n// posts.rs\npub struct posts::Post\n"
    );
    let missing = Listing::of_module(&files, "s209901").unwrap_err();
    assert!(missing.message.contains("s209901"), "{missing}");
    let broken = [file("s202405/posts.rs", "pub struct {")];
    let error = Listing::of_module(&broken, "s202405").unwrap_err();
    assert!(
        error.file.ends_with("s202405/posts.rs") && error.message.contains("does not parse"),
        "{error}"
    );
}

#[test]
fn macros_of_any_shape_are_listed_without_their_docs() {
    let text = listing(&[(
        "urn.rs",
        r#"
crate::typed_urn! {
    /// An activity.
    pub struct ActivityUrn = "activity";
}
crate::urn_union! {
    pub enum OrgOrPerson { Organization(OrganizationUrn), Person(PersonUrn), }
}
macro_rules! local { () => {} }
"#,
    )])
    .to_string();
    assert_eq!(
        text,
        "// urn.rs\n\
         crate::typed_urn!(pub struct urn::ActivityUrn = \"activity\";)\n\
         crate::urn_union!(pub enum urn::OrgOrPerson { Organization(OrganizationUrn) })\n\
         crate::urn_union!(pub enum urn::OrgOrPerson { Person(PersonUrn) })\n"
    );
}

/// The operation model the generator is moving to (an `Operation` impl per parameters struct,
/// setters on `Call<…>`) lists its protocol facts and sorts them with their operation.
#[test]
fn an_operation_impl_lists_its_facts_beside_its_parameters() {
    let source = r#"
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListRequest { target: Urn, #[serde(default)] start: Option<i32> }
impl crate::operation::Operation for ListRequest {
    const ID: &'static str = "comments.list";
    const METHOD: crate::request::RestliMethod = crate::request::RestliMethod::GetAll;
    const SCOPES: &'static [&'static [&'static str]] = &[&["r_member_social"], &["r_organization_social"]];
    type Response = crate::operation::Json<Collection<Comment>>;
    fn to_request(&self) -> crate::request::Request { todo() }
}
impl crate::operation::Paged for ListRequest { fn start(&mut self, at: i32) {} }
impl crate::operation::Call<ListRequest> {
    /// Offset paging.
    pub fn start(mut self, value: impl Into<i32>) -> Self { self }
}
"#;
    let text = listing(&[("comments.rs", source)]).to_string();
    let expected = r#"// comments.rs
pub struct comments::ListRequest
pub fn crate::operation::Call<comments::ListRequest>::start(self, value: impl Into<i32>) -> Self
impl Clone for comments::ListRequest
impl Debug for comments::ListRequest
impl crate::operation::Operation for comments::ListRequest
impl crate::operation::Operation for comments::ListRequest { const ID: &'static str = "comments.list" }
impl crate::operation::Operation for comments::ListRequest { const METHOD: crate::request::RestliMethod = crate::request::RestliMethod::GetAll }
impl crate::operation::Operation for comments::ListRequest { const SCOPES: &'static [&'static [&'static str]] = &[&["r_member_social"], &["r_organization_social"]] }
impl crate::operation::Operation for comments::ListRequest { type Response = crate::operation::Json<Collection<Comment>> }
impl crate::operation::Paged for comments::ListRequest
impl serde::Deserialize for comments::ListRequest
"#;
    assert_eq!(text, expected, "\n{text}");
}
