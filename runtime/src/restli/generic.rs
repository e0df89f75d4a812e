//! An untyped Rest.li client, for LinkedIn resources the generated bindings do not cover.
//!
//! It mirrors the `RestliClient` of LinkedIn's official Python and JavaScript clients: one method
//! per Rest.li method, taking a resource path such as `/adAccounts/{id}/adCampaigns` whose
//! `{placeholders}` are filled from [`CallOptions::path_key`], entity keys and bodies as
//! [`serde_json::Value`]s, and a version. Versioned calls go to `/rest`, unversioned ones to
//! `/v2`, as in the official clients. Everything is sent through [`Client::execute`], so
//! headers, retries, tunneling, tracing and errors are the same as for generated calls.
//!
//! ```no_run
//! # async fn demo(client: linkedin_api::Client) -> Result<(), linkedin_api::Error> {
//! use linkedin_api::restli::{CallOptions, RestliClient};
//! use serde_json::json;
//!
//! let restli = RestliClient::new(client);
//! let page = restli
//!     .finder(
//!         "/adAccounts",
//!         "search",
//!         &CallOptions::new()
//!             .version("202606")
//!             .query("search", json!({"status": {"values": ["ACTIVE"]}})),
//!     )
//!     .await?;
//! println!("{} accounts", page.elements.len());
//! # Ok(()) }
//! ```

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::encode::{EncodeError, encode, reduced_encode};
use super::envelope::{
    ActionResult, BatchCreate, BatchFinder, BatchGet, BatchResult, Collection, Created,
};
use super::patch::Patch;
use crate::client::Client;
use crate::error::Error;
use crate::request::{Request, RestliMethod};

/// Path keys, query parameters and version of one untyped call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOptions {
    /// Values for the `{name}` placeholders of the resource path (Rest.li-encoded when sent).
    pub path_keys: Vec<(String, Value)>,
    /// Query parameters (Rest.li-encoded when sent), in order.
    pub query: Vec<(String, Value)>,
    /// `Linkedin-Version`; `None` for an unversioned `/v2` call.
    pub version: Option<String>,
    /// Allow automatic retries even for non-idempotent methods.
    pub retry_non_idempotent: bool,
    /// This call's total deadline instead of the client's ([`Request::deadline`]).
    pub deadline: Option<std::time::Duration>,
    /// Each attempt's timeout instead of the client's ([`Request::timeout`]).
    pub timeout: Option<std::time::Duration>,
    /// How the call is retried instead of the client's policy ([`Request::retry_policy`]).
    pub retry_policy: Option<crate::RetryPolicy>,
}

impl CallOptions {
    /// No keys, no parameters, unversioned.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the version (and so the `/rest` prefix).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Fills the `{name}` placeholder of the resource path.
    pub fn path_key(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.path_keys.push((name.into(), value.into()));
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// Allows automatic retries of a non-idempotent call.
    pub fn retry_non_idempotent(mut self, allow: bool) -> Self {
        self.retry_non_idempotent = allow;
        self
    }

    /// Bounds this call (attempts, backoff and `Retry-After` waits together) by `deadline`
    /// instead of the client's.
    pub fn deadline(mut self, deadline: std::time::Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Bounds each attempt by `timeout` instead of the client's.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Retries per `policy` instead of the client's.
    pub fn retry_policy(mut self, policy: crate::RetryPolicy) -> Self {
        self.retry_policy = Some(policy);
        self
    }
}

/// Every Rest.li method on any resource, with untyped keys and bodies.
#[derive(Debug, Clone)]
pub struct RestliClient {
    client: Client,
}

impl RestliClient {
    /// Wraps a client (cheap: clients share their pool).
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// The wrapped client.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// GET: one entity by key (`None` for a simple resource).
    pub async fn get(
        &self,
        resource_path: &str,
        key: Option<&Value>,
        opts: &CallOptions,
    ) -> Result<Value, Error> {
        let req = build("restli.get", RestliMethod::Get, resource_path, key, opts)?;
        self.client.send_json(req).await
    }

    /// BATCH_GET: several entities by key (`ids=List(…)`).
    pub async fn batch_get(
        &self,
        resource_path: &str,
        ids: &[Value],
        opts: &CallOptions,
    ) -> Result<BatchGet<Value>, Error> {
        let req = build(
            "restli.batch_get",
            RestliMethod::BatchGet,
            resource_path,
            None,
            opts,
        )?
        .query("ids", ids);
        self.client.send_json(req).await
    }

    /// GET_ALL: the whole collection (one page; page with `start`/`count` query parameters).
    pub async fn get_all(
        &self,
        resource_path: &str,
        opts: &CallOptions,
    ) -> Result<Collection<Value>, Error> {
        let req = build(
            "restli.get_all",
            RestliMethod::GetAll,
            resource_path,
            None,
            opts,
        )?;
        self.client.send_json(req).await
    }

    /// FINDER: `q=<finder>` plus the finder's parameters from `opts.query`.
    pub async fn finder(
        &self,
        resource_path: &str,
        finder: &str,
        opts: &CallOptions,
    ) -> Result<Collection<Value>, Error> {
        let req = build_with(
            "restli.finder",
            RestliMethod::Finder,
            resource_path,
            None,
            opts,
            &[("q", finder)],
        )?;
        self.client.send_json(req).await
    }

    /// BATCH_FINDER: `bq=<finder>` and `<criteria_param>=List(criteria…)`.
    pub async fn batch_finder(
        &self,
        resource_path: &str,
        finder: &str,
        criteria_param: &str,
        criteria: &[Value],
        opts: &CallOptions,
    ) -> Result<BatchFinder<Value>, Error> {
        let req = build_with(
            "restli.batch_finder",
            RestliMethod::BatchFinder,
            resource_path,
            None,
            opts,
            &[("bq", finder)],
        )?
        .query(criteria_param, criteria);
        self.client.send_json(req).await
    }

    /// CREATE: returns the new key (from `X-RestLi-Id`, reduced-decoded) and the entity when
    /// LinkedIn returns it.
    pub async fn create(
        &self,
        resource_path: &str,
        entity: &Value,
        opts: &CallOptions,
    ) -> Result<Created<String, Value>, Error> {
        let req = build(
            "restli.create",
            RestliMethod::Create,
            resource_path,
            None,
            opts,
        )?
        .json(entity);
        self.client.send_create(req).await
    }

    /// BATCH_CREATE: `{"elements": […]}`.
    pub async fn batch_create(
        &self,
        resource_path: &str,
        entities: &[Value],
        opts: &CallOptions,
    ) -> Result<BatchCreate<Value>, Error> {
        let body = serde_json::json!({ "elements": entities });
        let req = build(
            "restli.batch_create",
            RestliMethod::BatchCreate,
            resource_path,
            None,
            opts,
        )?
        .json(&body);
        self.client.send_json(req).await
    }

    /// UPDATE: replaces the entity.
    pub async fn update(
        &self,
        resource_path: &str,
        key: Option<&Value>,
        entity: &Value,
        opts: &CallOptions,
    ) -> Result<(), Error> {
        let req = build(
            "restli.update",
            RestliMethod::Update,
            resource_path,
            key,
            opts,
        )?
        .json(entity);
        self.client.send_empty(req).await
    }

    /// BATCH_UPDATE: `ids[i]` is replaced by `entities[i]`.
    pub async fn batch_update(
        &self,
        resource_path: &str,
        ids: &[Value],
        entities: &[Value],
        opts: &CallOptions,
    ) -> Result<BatchResult, Error> {
        const OP: &str = "restli.batch_update";
        let body = entities_body(OP, ids, entities.iter().cloned())?;
        let req = build(OP, RestliMethod::BatchUpdate, resource_path, None, opts)?
            .query("ids", ids)
            .json(&body);
        self.client.send_json(req).await
    }

    /// PARTIAL_UPDATE: applies a [`Patch`].
    pub async fn partial_update(
        &self,
        resource_path: &str,
        key: Option<&Value>,
        patch: &Patch,
        opts: &CallOptions,
    ) -> Result<(), Error> {
        let body = patch.clone().into_request();
        let req = build(
            "restli.partial_update",
            RestliMethod::PartialUpdate,
            resource_path,
            key,
            opts,
        )?
        .json(&body);
        self.client.send_empty(req).await
    }

    /// BATCH_PARTIAL_UPDATE: `patches[i]` is applied to `ids[i]`.
    pub async fn batch_partial_update(
        &self,
        resource_path: &str,
        ids: &[Value],
        patches: &[Patch],
        opts: &CallOptions,
    ) -> Result<BatchResult, Error> {
        const OP: &str = "restli.batch_partial_update";
        let patches = patches
            .iter()
            .map(|p| serde_json::to_value(p.clone().into_request()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|err| Error::Encode {
                operation: OP,
                source: err.into(),
            })?;
        let body = entities_body(OP, ids, patches.into_iter())?;
        let req = build(
            OP,
            RestliMethod::BatchPartialUpdate,
            resource_path,
            None,
            opts,
        )?
        .query("ids", ids)
        .json(&body);
        self.client.send_json(req).await
    }

    /// DELETE: removes the entity.
    pub async fn delete(
        &self,
        resource_path: &str,
        key: Option<&Value>,
        opts: &CallOptions,
    ) -> Result<(), Error> {
        let req = build(
            "restli.delete",
            RestliMethod::Delete,
            resource_path,
            key,
            opts,
        )?;
        self.client.send_empty(req).await
    }

    /// BATCH_DELETE: removes several entities.
    pub async fn batch_delete(
        &self,
        resource_path: &str,
        ids: &[Value],
        opts: &CallOptions,
    ) -> Result<BatchResult, Error> {
        let req = build(
            "restli.batch_delete",
            RestliMethod::BatchDelete,
            resource_path,
            None,
            opts,
        )?
        .query("ids", ids);
        self.client.send_json(req).await
    }

    /// ACTION: `action=<name>` with `params` as the body; returns the action's `value`, if any.
    pub async fn action(
        &self,
        resource_path: &str,
        action: &str,
        params: Option<&Value>,
        opts: &CallOptions,
    ) -> Result<Option<Value>, Error> {
        let mut req = build_with(
            "restli.action",
            RestliMethod::Action,
            resource_path,
            None,
            opts,
            &[("action", action)],
        )?;
        if let Some(params) = params {
            req = req.json(params);
        }
        let result: Option<ActionResult<Value>> = self.client.send_json(req).await?;
        Ok(result.map(|r| r.value))
    }
}

fn build(
    operation: &'static str,
    method: RestliMethod,
    resource_path: &str,
    key: Option<&Value>,
    opts: &CallOptions,
) -> Result<Request, Error> {
    build_with(operation, method, resource_path, key, opts, &[])
}

/// Builds the request: prefix by version, fill placeholders, append the key, add the
/// discriminating parameter (`q`, `bq`, `action`, sent raw) and then the caller's query.
fn build_with(
    operation: &'static str,
    method: RestliMethod,
    resource_path: &str,
    key: Option<&Value>,
    opts: &CallOptions,
    raw_query: &[(&str, &str)],
) -> Result<Request, Error> {
    let encode_err = |source: EncodeError| Error::Encode { operation, source };
    let prefix = if opts.version.is_some() {
        "/rest"
    } else {
        "/v2"
    };
    let resource_path = if resource_path.starts_with('/') {
        Cow::Borrowed(resource_path)
    } else {
        Cow::Owned(format!("/{resource_path}"))
    };
    let template = format!("{prefix}{resource_path}");
    let mut path = template.clone();
    for (name, value) in &opts.path_keys {
        let placeholder = format!("{{{name}}}");
        if !path.contains(&placeholder) {
            return Err(encode_err(EncodeError::new(format!(
                "the resource path has no `{placeholder}`"
            ))));
        }
        path = path.replace(&placeholder, &encode(value).map_err(encode_err)?);
    }
    if let Some(open) = path.find('{').filter(|&i| path[i..].contains('}')) {
        let end = open + path[open..].find('}').unwrap_or(0);
        return Err(encode_err(EncodeError::new(format!(
            "no value for the path placeholder `{}`",
            &path[open..=end]
        ))));
    }
    if let Some(key) = key {
        path.push('/');
        path.push_str(&encode(key).map_err(encode_err)?);
    }
    let mut req = Request::with_template(operation, method, Cow::Owned(template), Cow::Owned(path))
        .retry_non_idempotent(opts.retry_non_idempotent);
    if let Some(timeout) = opts.timeout {
        req = req.timeout(timeout);
    }
    if let Some(policy) = &opts.retry_policy {
        req = req.retry_policy(policy.clone());
    }
    if let Some(deadline) = opts.deadline {
        req = req.deadline(deadline);
    }
    if let Some(version) = &opts.version {
        req = req.version_string(version.clone());
    }
    for (name, value) in raw_query {
        req = req.query_raw(name, &crate::restli::encode_key(value));
    }
    for (name, value) in &opts.query {
        req = req.query(name, value);
    }
    Ok(req)
}

/// `{"entities": {"<reduced-encoded key>": value}}`, pairing `ids[i]` with `values[i]`.
fn entities_body(
    operation: &'static str,
    ids: &[Value],
    values: impl ExactSizeIterator<Item = Value>,
) -> Result<Value, Error> {
    if ids.len() != values.len() {
        return Err(Error::Encode {
            operation,
            source: EncodeError::new(format!("{} ids but {} entities", ids.len(), values.len())),
        });
    }
    let mut entities = Map::new();
    for (id, value) in ids.iter().zip(values) {
        let key = reduced_encode(id).map_err(|source| Error::Encode { operation, source })?;
        entities.insert(key, value);
    }
    Ok(serde_json::json!({ "entities": entities }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_and_queries() {
        let opts = CallOptions::new()
            .version("202606")
            .path_key("account", "urn:li:sponsoredAccount:1")
            .query("search", json!({"status": {"values": ["ACTIVE"]}}));
        let req = build_with(
            "op",
            RestliMethod::Finder,
            "/adAccounts/{account}/adCampaigns",
            None,
            &opts,
            &[("q", "search")],
        )
        .unwrap();
        assert_eq!(
            req.path(),
            "/rest/adAccounts/urn%3Ali%3AsponsoredAccount%3A1/adCampaigns"
        );
        assert_eq!(
            req.path_template(),
            "/rest/adAccounts/{account}/adCampaigns"
        );
        assert_eq!(
            req.query_string(),
            "q=search&search=(status:(values:List(ACTIVE)))"
        );
        assert_eq!(req.version_header(), Some("202606"));
    }

    /// Per-call settings reach the request the client sends.
    #[test]
    fn call_options_reach_the_request() {
        use std::time::Duration;
        let plain = build(
            "op",
            RestliMethod::Create,
            "/things",
            None,
            &CallOptions::new(),
        )
        .unwrap();
        assert!(
            !plain.is_retryable(),
            "a create is not retried unless allowed"
        );
        assert_eq!(plain.deadline_override(), None);
        let opts = CallOptions::new()
            .retry_non_idempotent(true)
            .deadline(Duration::from_secs(9))
            .timeout(Duration::from_secs(3))
            .retry_policy(crate::RetryPolicy::none());
        let req = build("op", RestliMethod::Create, "/things", None, &opts).unwrap();
        assert!(req.is_retryable());
        assert_eq!(req.deadline_override(), Some(Duration::from_secs(9)));
        assert_eq!(req.timeout_override(), Some(Duration::from_secs(3)));
        assert_eq!(
            req.retry_policy_override(),
            Some(&crate::RetryPolicy::none())
        );
    }

    #[test]
    fn compound_keys_and_missing_placeholders() {
        let key = json!({"actor": "urn:li:person:1", "entity": "urn:li:activity:2"});
        let req = build(
            "op",
            RestliMethod::Get,
            "reactions",
            Some(&key),
            &CallOptions::new(),
        )
        .unwrap();
        assert_eq!(
            req.path(),
            "/v2/reactions/(actor:urn%3Ali%3Aperson%3A1,entity:urn%3Ali%3Aactivity%3A2)"
        );
        let err = build(
            "op",
            RestliMethod::Get,
            "/a/{id}/b",
            None,
            &CallOptions::new(),
        )
        .unwrap_err();
        assert!(format!("{err:?}").contains("{id}"), "{err:?}");
    }

    #[test]
    fn entity_bodies_use_reduced_keys() {
        let body =
            entities_body("op", &[json!("urn:li:x:1")], [json!({"a": 1})].into_iter()).unwrap();
        assert_eq!(body, json!({"entities": {"urn%3Ali%3Ax%3A1": {"a": 1}}}));
        assert!(entities_body("op", &[json!(1)], std::iter::empty()).is_err());
    }
}
