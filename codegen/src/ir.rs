//! The intermediate model: what one spec means, with every naming, optionality and placement
//! decision already taken.
//!
//! [`crate::build`] produces it from an OpenAPI document; [`crate::emit`] turns it into Rust
//! without deciding anything; the change report (`cargo xtask diff`) compares two of them. It is
//! `Serialize` so tests and tools can look at it directly.

use serde::{Deserialize, Serialize};

pub use crate::protocol::{HttpMethod, RestliMethod};

/// Everything generated from one spec file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// `info.version`, e.g. `202606`.
    pub version: String,
    /// The spec's title, for docs.
    pub title: String,
    /// Named types, in a stable order (by name).
    pub types: Vec<TypeDef>,
    /// Resources (one generated module each), in a stable order.
    pub resources: Vec<Resource>,
    /// Operations the spec documents but the hand-written runtime serves (`x-linkedin-runtime`).
    pub runtime_operations: Vec<RuntimeOperation>,
    /// Each generated operation's documented success answer, by operationId: what the runtime's
    /// `test-util` mock server answers by default. Kept apart from the resources so that a
    /// month that only changed an example still shares its types and operations.
    pub examples: std::collections::BTreeMap<String, ResponseExample>,
}

/// Where a named type is emitted: a resource module, or `common` when several use it.
pub type ModuleName = String;

/// A named Rust type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// The Rust type name (`Post`, `PostContent`).
    pub name: String,
    /// The module it is emitted in (a resource's module, or `common`).
    pub module: ModuleName,
    /// Where it comes from in the spec, for docs and diagnostics.
    pub origin: String,
    /// Doc text.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// The shape.
    pub kind: TypeKind,
}

impl TypeDef {
    /// The types this definition contains: its fields (and extra-properties map), union members
    /// or `oneOf` alternatives.
    pub fn contained_types(&self) -> Vec<&TypeRef> {
        match &self.kind {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.iter())
                .collect(),
            TypeKind::Union(u) => u.members.iter().map(|m| &m.ty).collect(),
            TypeKind::OneOf(o) => o.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Newtype(t) => vec![t],
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// A record with named fields.
    Struct(StructDef),
    /// An open string enum: known values plus `Unknown(String)`.
    Enum(EnumDef),
    /// A Rest.li union: exactly one of several keys, plus an unknown-member fallback.
    Union(UnionDef),
    /// An OpenAPI `oneOf` told apart by shape (serde untagged), plus an `Unknown(Value)` fallback.
    OneOf(OneOfDef),
    /// A transparent wrapper (`struct A(pub Vec<A>)`) for a schema that contains itself only
    /// through arrays, maps or `allOf` aliases: Rust has no recursive type aliases, so such a
    /// schema needs a name of its own.
    Newtype(TypeRef),
}

/// A record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructDef {
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// `additionalProperties` beside named properties: kept in a flattened map.
    pub additional: Option<TypeRef>,
    /// The part it plays in a Rest.li PARTIAL_UPDATE, when its shape is a patch's
    /// ([`crate::build::passes::recognize_patches`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub patch: Option<PatchRole>,
}

/// How many required fields a struct's `new` takes as positional arguments; with more, `new`
/// takes one `<Name>Required` struct of them, so a call names each field (`CampaignCreate`
/// has eleven, several of the same type, which positional arguments would let a caller swap).
pub const POSITIONAL_LIMIT: usize = 5;

impl StructDef {
    /// The fields `new` must be given.
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
    }

    /// The name of the struct of required fields `new` takes, when there are more than
    /// [`POSITIONAL_LIMIT`] (and the struct is not a patch, whose `new` takes its `$set`'s).
    pub fn required_args_type(&self, name: &str) -> Option<String> {
        (self.patch.is_none() && self.required().count() > POSITIONAL_LIMIT)
            .then(|| format!("{name}Required"))
    }
}

/// How a struct takes part in a Rest.li PARTIAL_UPDATE, recognized by shape. Its methods then
/// reach into the nested `$set` record, so `CampaignPatch::new().status(..)` is one line while
/// the wire stays the spec's `{"patch": {"$set": {…}, "$delete": […]}}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PatchRole {
    /// `{"patch": R}` with `R` a [`PatchRole::Record`]: the PARTIAL_UPDATE body.
    Body,
    /// `{"$set": S, "$delete": [...], <sub-record>: <record patch>…}`: the patch of one record.
    Record {
        /// Wire names of the `$set` fields `$delete` may name, in `S`'s field order: each gets a
        /// `clear_` method. A `$delete` of any string allows every optional field; one of an
        /// enum, the enum's values.
        clearable: Vec<String>,
    },
}

/// A field of a record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// The Rust field name (`lifecycle_state`, `r#type`).
    pub name: String,
    /// The JSON key (`lifecycleState`, `$set`).
    pub wire: String,
    /// The field's type, without the optionality wrapper.
    pub ty: TypeRef,
    /// How absence and `null` are represented.
    pub presence: Presence,
    /// Boxed to break a recursive type.
    pub boxed: bool,
    /// Doc text.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `readOnly: true` (sent by LinkedIn, never by the client).
    pub read_only: bool,
    /// `x-linkedin-target: true`: in a request body, the URN (or URNs) the call acts as, for or
    /// on, which access policies check like the URNs of the path and query.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub target: bool,
}

/// How a field may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Presence {
    /// Required and not nullable: `T`.
    Required,
    /// May be absent: `Option<T>`, omitted when `None`.
    Optional,
    /// Absent, `null` and a value all differ: `Nullable<T>`.
    Nullable,
}

/// An open string enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumDef {
    /// Known values in spec order.
    pub variants: Vec<EnumVariant>,
}

/// One known value of an enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumVariant {
    /// The Rust variant (`ReverseChronological`).
    pub name: String,
    /// The wire string (`REVERSE_CHRONOLOGICAL`).
    pub wire: String,
    /// Listed in `x-deprecated-values`, or described as deprecated.
    pub deprecated: bool,
}

/// A Rest.li union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionDef {
    /// Members in spec order.
    pub members: Vec<UnionMember>,
}

/// One member of a Rest.li union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnionMember {
    /// The Rust variant (`MultiImage`).
    pub name: String,
    /// The JSON key (`multiImage`).
    pub wire: String,
    /// The member's value type.
    pub ty: TypeRef,
    /// Boxed to break a recursive type.
    pub boxed: bool,
    /// Doc text.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `x-linkedin-target: true`: like [`Field::target`].
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub target: bool,
}

/// An untagged `oneOf`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneOfDef {
    /// Alternatives, tried in order when decoding.
    pub variants: Vec<OneOfVariant>,
}

/// One alternative of a `oneOf`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OneOfVariant {
    /// The Rust variant name.
    pub name: String,
    /// The alternative's type.
    pub ty: TypeRef,
}

/// A reference to a type, as fields, parameters and bodies use it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `bool`.
    Bool,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// Any JSON: `serde_json::Value`.
    Json,
    /// A named generated type.
    Named(String),
    /// A typed URN accepting these entity types (sorted, deduplicated).
    Urn(Vec<String>),
    /// `Vec<T>`.
    List(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// A type the runtime defines, by its path under the crate root (`restli::Paging`).
    Runtime(String),
    /// A Rest.li response envelope of the runtime, around an element type.
    Envelope(Envelope, Box<TypeRef>),
}

/// The runtime's generic Rest.li envelopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Envelope {
    /// `restli::Collection<T>`: `elements`, `paging`, `metadata`.
    Collection,
    /// `restli::BatchGet<T>`: `results`, `statuses`, `errors`.
    BatchGet,
    /// `restli::ActionResult<T>`: `value`.
    Action,
    /// `restli::BatchCreate<K>`: `elements` of `{status, id, error}`, `K` the created key.
    BatchCreate,
    /// `restli::BatchFinder<T>`: `elements`, one collection per search criteria (each with
    /// `elements`, `paging`, `metadata`, `error`, `isError`), in request order.
    BatchFinder,
}

/// A resource: one generated module with an accessor (`api.posts()`) and its methods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// The module and accessor name (`posts`, `campaign_groups`).
    pub module: String,
    /// The accessor's type name (`Posts`).
    pub type_name: String,
    /// The spec tag's description, for the module docs.
    pub doc: Option<String>,
    /// Methods in a stable order (spec order).
    pub methods: Vec<Method>,
}

/// One Rest.li method (or plain HTTP operation): one typed request builder.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Method {
    /// The spec's operationId (`posts.findByAuthor`).
    pub operation_id: String,
    /// The Rust method name (`find_by_author`).
    pub name: String,
    /// The request builder's type name (`FindByAuthorRequest`).
    pub builder: String,
    /// Summary line.
    pub summary: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// The HTTP method (the Rest.li method's, which the build checks the spec agrees with).
    pub http_method: HttpMethod,
    /// The spec's path template (`/rest/posts/{postUrn}`).
    pub path: String,
    /// The path, split into literal text and parameters.
    pub path_parts: Vec<PathPart>,
    /// The Rest.li method and its discriminator: every generated method is a Rest.li call
    /// (anything else is served by the runtime, `x-linkedin-runtime`).
    pub restli: Restli,
    /// Sends `Linkedin-Version`.
    pub versioned: bool,
    /// Parameters the caller gives: required ones first (constructor arguments), then optional ones (setters).
    pub params: Vec<Param>,
    /// JSON request body type (required).
    pub body: Option<TypeRef>,
    /// Where the body holds targets (`x-linkedin-target` fields and union members), found by
    /// [`crate::build::passes::body_targets`].
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub body_targets: Vec<TargetPath>,
    /// The body is a PARTIAL_UPDATE body ([`PatchRole::Body`]): the method takes it or an
    /// untyped `restli::Patch` (set by [`crate::build::passes::recognize_patches`]).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub patch_body: bool,
    /// The URNs inside record-typed path keys, by the key parameter's Rust name: they are in
    /// the path, so they are targets like a URN path key (found by
    /// [`crate::build::passes::key_targets`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub key_targets: Vec<(String, TargetPath)>,
    /// What a success looks like.
    pub response: Response,
    /// Paging, for collection methods that page.
    pub pagination: Option<Pagination>,
    /// The part of LinkedIn it belongs to: its first tag's `x-linkedin-area`.
    pub area: Area,
    /// Whether it reads or writes: the Rest.li method's, or `x-linkedin-effect`.
    pub effect: Effect,
    /// Scope alternatives: any one inner list is enough. Empty: no scope documented.
    pub scopes: Vec<Vec<String>>,
    /// Product, roles and restrictions.
    pub access: Option<Access>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// Link to LinkedIn's documentation.
    pub docs_url: Option<String>,
}

/// The way from a request body to one of its targets: each step goes one level in.
pub type TargetPath = Vec<TargetStep>;

/// One step of a [`TargetPath`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TargetStep {
    /// Into a record's field (`Some` of an optional or nullable one).
    Field {
        /// The Rust field name.
        name: String,
        /// Whether the field may be missing.
        presence: Presence,
        /// Boxed to break a recursive type.
        boxed: bool,
    },
    /// Into each element of a list.
    Each,
    /// Into a union's member, when the union holds that member. A union with a target member
    /// that holds an unknown member yields the unknown value as a target, so a policy limited to
    /// targets refuses what it cannot check.
    Member {
        /// The union's type name.
        union: String,
        /// The member's Rust variant.
        variant: String,
        /// Boxed to break a recursive type.
        boxed: bool,
        /// This path, the first through this union, also yields an unknown member's value.
        unknown: bool,
    },
}

/// The part of LinkedIn an operation belongs to (`x-linkedin-area` on its tag); the runtime's
/// `linkedin_api::operation::Area`, variant for variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    /// Sign-in, userinfo, `/v2/me`.
    Identity,
    /// Posts, UGC posts, social metadata.
    Posts,
    /// Comments.
    Comments,
    /// Reactions.
    Reactions,
    /// Images, videos, documents.
    Media,
    /// Organizations, their ACLs and authorizations.
    Organizations,
    /// Ad accounts, campaigns, creatives, targeting.
    Ads,
    /// Ad, member and page analytics.
    Analytics,
    /// Lead forms and responses.
    Leads,
    /// Conversion rules and events.
    Conversions,
    /// LinkedIn events.
    Events,
}

impl Area {
    /// Every area with its wire name (what `x-linkedin-area` says).
    pub const ALL: [(Area, &'static str); 11] = [
        (Area::Identity, "identity"),
        (Area::Posts, "posts"),
        (Area::Comments, "comments"),
        (Area::Reactions, "reactions"),
        (Area::Media, "media"),
        (Area::Organizations, "organizations"),
        (Area::Ads, "ads"),
        (Area::Analytics, "analytics"),
        (Area::Leads, "leads"),
        (Area::Conversions, "conversions"),
        (Area::Events, "events"),
    ];

    /// The area of a wire name.
    pub fn from_wire(name: &str) -> Option<Area> {
        Self::ALL.iter().find(|(_, w)| *w == name).map(|(a, _)| *a)
    }

    /// The runtime's variant name (`Posts`).
    pub fn runtime_variant(self) -> String {
        format!("{self:?}")
    }
}

/// Whether an operation reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Effect {
    /// Changes nothing.
    Read,
    /// Creates, changes, deletes or runs an action.
    Write,
}

impl Effect {
    /// What a Rest.li method does unless `x-linkedin-effect` says otherwise: the GET family
    /// reads, everything else (actions included) writes.
    pub fn of(method: RestliMethod) -> Effect {
        if method.http_method() == HttpMethod::Get {
            Effect::Read
        } else {
            Effect::Write
        }
    }

    /// The runtime's variant name (`Read`).
    pub fn runtime_variant(self) -> &'static str {
        match self {
            Effect::Read => "Read",
            Effect::Write => "Write",
        }
    }
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathPart {
    /// Literal text, sent as is (Rest.li structure such as `(actor:` stays literal).
    Literal(String),
    /// A path parameter, by its wire name; its value is percent-encoded whole.
    Param(String),
}

/// The Rest.li side of a method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restli {
    /// The Rest.li method (`FINDER`, `BATCH_GET`, … in the spec).
    pub method: RestliMethod,
    /// `q=` (or `bq=`) value for finders.
    pub finder: Option<String>,
    /// `action=` value for actions.
    pub action: Option<String>,
}

/// A parameter the caller supplies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// Rust name (`view_context`).
    pub name: String,
    /// Wire name (`viewContext`).
    pub wire: String,
    /// Path or query.
    pub location: ParamLocation,
    /// The logical type (for Rest.li-encoded values, `x-restli-schema`).
    pub ty: TypeRef,
    /// Constructor argument (`true`) or setter (`false`).
    pub required: bool,
    /// Doc text.
    pub doc: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `x-restli-projection: true`: a list of field names sent as a comma-separated
    /// `fields=a,b` projection rather than a Rest.li `List(a,b)`.
    pub projection: bool,
    /// The schema's `default`: what LinkedIn assumes when the parameter is left out (the
    /// change report warns when it changes). Not sent by the client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// `x-linkedin-urn` on a `type: integer` path parameter: the entity type whose number it
    /// is (`sponsoredAccount` for `/rest/adAccounts/{adAccountId}`). The method then takes the
    /// number or that entity's URN; the wire still carries the number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id_of: Option<String>,
}

/// Entity types LinkedIn identifies by number (the specs' URN patterns end in `[0-9]+`, and
/// calls such as `/rest/adAccounts/{adAccountId}` take the number): their URNs convert from and to
/// `i64`, and only they may mark an integer path parameter ([`Param::id_of`]).
pub const NUMERIC_ID_TYPES: &[&str] = &[
    "activity",
    "event",
    "function",
    "geo",
    "group",
    "industry",
    "organization",
    "organizationBrand",
    "seniority",
    "share",
    "sponsoredAccount",
    "sponsoredCampaign",
    "sponsoredCampaignGroup",
    "sponsoredCreative",
    "ugcPost",
];

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ParamLocation {
    /// In the path, percent-encoded whole.
    Path,
    /// In the query string, Rest.li 2.0-encoded.
    Query,
}

/// The success response of a method.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Response {
    /// No body (204, or a 2xx whose body is not described).
    Empty,
    /// A JSON body of this type.
    Json(TypeRef),
    /// An action's `{"value": T}`, unwrapped to `T`.
    ActionValue(TypeRef),
    /// A create: the new entity's key from `x-restli-id`.
    CreatedId(TypeRef),
    /// A create that also returns the entity.
    Created(TypeRef, TypeRef),
}

/// Paging style and limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pagination {
    /// Offset or cursor.
    pub style: PagingStyle,
    /// The endpoint's largest page.
    pub max_page_size: i32,
}

/// The two paging styles LinkedIn uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PagingStyle {
    /// `start`/`count` with `paging`.
    Offset,
    /// `pageSize`/`pageToken` with `metadata.nextPageToken`.
    Cursor,
}

/// `x-linkedin-access`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Access {
    /// The developer-portal product.
    pub product: Option<String>,
    /// `organization` or `adAccount`.
    pub roles_on: Option<String>,
    /// Any one of these roles suffices.
    pub roles: Vec<String>,
    /// Granted to approved partners only.
    pub restricted: bool,
    /// Free text.
    pub note: Option<String>,
}

/// An operation served by the hand-written runtime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuntimeOperation {
    /// operationId.
    pub operation_id: String,
    /// The runtime module (`auth`).
    pub module: String,
    /// HTTP method and path.
    pub http: String,
}

/// An operation's documented success answer: its lowest 2xx status, its first example body (for
/// an operation of `x-restli-variants`, the example named after it) and its `x-restli-id`
/// header's example.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseExample {
    /// The status code.
    pub status: u16,
    /// The example body, if the spec shows one.
    pub body: Option<serde_json::Value>,
    /// The example `x-restli-id` of a create.
    pub id: Option<String>,
}
