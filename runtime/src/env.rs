//! Configuration from environment variables: [`Client::from_env`] and
//! [`ClientBuilder::from_env`].
//!
//! | variable | meaning | default |
//! |---|---|---|
//! | `LINKEDIN_ACCESS_TOKEN` | the access token (required by [`Client::from_env`]) | none |
//! | `LINKEDIN_BASE_URL` | the API host, e.g. a mock server | `https://api.linkedin.com` |
//! | `LINKEDIN_OAUTH_BASE_URL` | the OAuth host | `https://www.linkedin.com` |
//! | `LINKEDIN_UPLOAD_BASE_URL` | where media uploads go instead of LinkedIn's upload URLs | unset |
//! | `LINKEDIN_TIMEOUT` | one attempt's timeout | `30s` |
//! | `LINKEDIN_DEADLINE` | one call's total time, retries included | `60s` |
//! | `LINKEDIN_CONNECT_TIMEOUT` | connecting | `10s` |
//! | `LINKEDIN_MAX_RESPONSE_BYTES` | the largest response body | `16777216` |
//! | `LINKEDIN_MAX_ATTEMPTS` | attempts per call, the first included (`1`: no retry) | `3` |
//! | `LINKEDIN_USER_AGENT` | the `User-Agent` | `linkedin-api-rust/<version>` |
//! | `LINKEDIN_VERSION` | the version (`YYYYMM`) tools pick when not told ([`version_from_env`]) | the newest |
//!
//! Durations are a whole number with a unit: `500ms`, `30s`, `2m`, `1h` (a bare number is
//! seconds). An unset or empty variable means the default. A base URL may be plain `http://`
//! only when its host is this machine (`localhost`, `127.0.0.1`, `::1`): a local mock server;
//! the token then travels unencrypted only over the loopback interface.
//!
//! Every error is [`Error::Config`] with [`ConfigErrorKind::Environment`] and names the variable
//! and what was wrong with its value (never the value of `LINKEDIN_ACCESS_TOKEN`).

use std::time::Duration;

use url::Url;

use crate::client::{Client, ClientBuilder};
use crate::error::{ConfigErrorKind, Error};
use crate::retry::RetryPolicy;

/// The access token.
pub const ACCESS_TOKEN: &str = "LINKEDIN_ACCESS_TOKEN";
/// The API base URL.
pub const BASE_URL: &str = "LINKEDIN_BASE_URL";
/// The OAuth base URL.
pub const OAUTH_BASE_URL: &str = "LINKEDIN_OAUTH_BASE_URL";
/// The upload base URL.
pub const UPLOAD_BASE_URL: &str = "LINKEDIN_UPLOAD_BASE_URL";
/// One attempt's timeout.
pub const TIMEOUT: &str = "LINKEDIN_TIMEOUT";
/// One call's deadline.
pub const DEADLINE: &str = "LINKEDIN_DEADLINE";
/// The connect timeout.
pub const CONNECT_TIMEOUT: &str = "LINKEDIN_CONNECT_TIMEOUT";
/// The response body limit.
pub const MAX_RESPONSE_BYTES: &str = "LINKEDIN_MAX_RESPONSE_BYTES";
/// Attempts per call.
pub const MAX_ATTEMPTS: &str = "LINKEDIN_MAX_ATTEMPTS";
/// The user agent.
pub const USER_AGENT: &str = "LINKEDIN_USER_AGENT";
/// The version tools default to.
pub const VERSION: &str = "LINKEDIN_VERSION";

impl Client {
    /// A client configured from the environment (see [`crate::env`] for the variables), with
    /// `LINKEDIN_ACCESS_TOKEN` required. To change anything afterwards, start from
    /// [`ClientBuilder::from_env`] instead.
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), linkedin_api::Error> {
    /// let client = linkedin_api::Client::from_env()?;
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Result<Client, Error> {
        from_lookup(&real_env, true)?.build()
    }
}

impl ClientBuilder {
    /// A builder configured from the environment (see [`crate::env`] for the variables); the
    /// access token is taken when set, not required. Later builder calls override what the
    /// environment said:
    ///
    /// ```no_run
    /// # fn demo() -> Result<(), linkedin_api::Error> {
    /// use std::time::Duration;
    /// let client = linkedin_api::ClientBuilder::from_env()?
    ///     .deadline(Duration::from_secs(300))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Result<ClientBuilder, Error> {
        from_lookup(&real_env, false)
    }
}

/// `LINKEDIN_VERSION`, when set: the version a tool uses when not told (`None` when unset or
/// empty). An unknown version is an error naming the variable and the versions known.
pub fn version_from_env() -> Result<Option<crate::Version>, Error> {
    version_from(&real_env)
}

fn version_from(env: &dyn Fn(&str) -> Option<String>) -> Result<Option<crate::Version>, Error> {
    match var(env, VERSION)? {
        None => Ok(None),
        Some(text) => text
            .parse()
            .map(Some)
            .map_err(|err: crate::version::UnknownVersion| bad(VERSION, err.to_string())),
    }
}

/// The process environment; a value that is not Unicode is passed on as such so the error can
/// say so.
fn real_env(name: &str) -> Option<String> {
    match std::env::var(name) {
        Ok(value) => Some(value),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => Some(NOT_UNICODE.to_owned()),
    }
}

/// Stands for a value that is not Unicode (no real value contains a NUL).
const NOT_UNICODE: &str = "\0not unicode";

/// A variable's trimmed value; unset and empty are the same (`FOO=` in a shell or `.env` file
/// means "not set").
fn var(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<String>, Error> {
    match env(name) {
        Some(value) if value == NOT_UNICODE => Err(bad(name, "is not valid Unicode")),
        Some(value) if value.trim().is_empty() => Ok(None),
        Some(value) => Ok(Some(value.trim().to_owned())),
        None => Ok(None),
    }
}

fn bad(name: &str, what: impl std::fmt::Display) -> Error {
    Error::config(ConfigErrorKind::Environment, format!("{name} {what}"))
}

/// The builder the variables describe. `require_token`: `Client::from_env`, for which a
/// missing token is an error rather than a client that sends none.
pub(crate) fn from_lookup(
    env: &dyn Fn(&str) -> Option<String>,
    require_token: bool,
) -> Result<ClientBuilder, Error> {
    let mut builder = Client::builder();
    match var(env, ACCESS_TOKEN)? {
        Some(token) => builder = builder.access_token(token),
        None if require_token => {
            return Err(bad(
                ACCESS_TOKEN,
                "is not set: set it to a LinkedIn access token (or build the client with \
                 ClientBuilder::from_env and a token provider)",
            ));
        }
        None => {}
    }
    let mut local_http = false;
    let mut url = |name: &str| -> Result<Option<String>, Error> {
        let Some(value) = var(env, name)? else {
            return Ok(None);
        };
        let parsed = Url::parse(&value)
            .map_err(|err| bad(name, format_args!("is not a URL (`{value}`: {err})")))?;
        match parsed.scheme() {
            "https" => {}
            "http" if is_loopback(&parsed) => local_http = true,
            "http" => {
                return Err(bad(
                    name,
                    format_args!(
                        "is plain http to another machine (`{value}`): use https; http is \
                         accepted only for a server on this machine (localhost, 127.0.0.1, ::1)"
                    ),
                ));
            }
            other => {
                return Err(bad(
                    name,
                    format_args!("has scheme `{other}` (`{value}`): use https"),
                ));
            }
        }
        Ok(Some(value))
    };
    let base = url(BASE_URL)?;
    let oauth = url(OAUTH_BASE_URL)?;
    let upload = url(UPLOAD_BASE_URL)?;
    if let Some(base) = &base {
        builder = builder.base_url(base);
    }
    if let Some(oauth) = &oauth {
        builder = builder.oauth_base_url(oauth);
    }
    if let Some(upload) = &upload {
        builder = builder.upload_base_url(upload);
    }
    builder = builder.allow_insecure_http(local_http);
    if let Some(d) = duration(env, TIMEOUT)? {
        builder = builder.timeout(d);
    }
    if let Some(d) = duration(env, DEADLINE)? {
        builder = builder.deadline(d);
    }
    if let Some(d) = duration(env, CONNECT_TIMEOUT)? {
        builder = builder.connect_timeout(d);
    }
    if let Some(n) = number(env, MAX_RESPONSE_BYTES)? {
        let n = usize::try_from(n).map_err(|_| bad(MAX_RESPONSE_BYTES, "is too large"))?;
        builder = builder.max_response_bytes(n);
    }
    if let Some(n) = number(env, MAX_ATTEMPTS)? {
        let n = u32::try_from(n).map_err(|_| bad(MAX_ATTEMPTS, "is too large"))?;
        builder = builder.retry_policy(RetryPolicy::default().with_max_attempts(n));
    }
    if let Some(agent) = var(env, USER_AGENT)? {
        builder = builder.user_agent(agent);
    }
    Ok(builder)
}

/// `localhost`, `127.0.0.0/8` or `::1`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A positive whole number.
fn number(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<u64>, Error> {
    let Some(value) = var(env, name)? else {
        return Ok(None);
    };
    match value.parse::<u64>() {
        Ok(0) => Err(bad(name, "is 0: it must be at least 1")),
        Ok(n) => Ok(Some(n)),
        Err(_) => Err(bad(name, format_args!("is not a whole number (`{value}`)"))),
    }
}

/// A duration: a whole number and a unit (`ms`, `s`, `m`, `h`), or a bare number of seconds.
/// One number and one unit is all a timeout needs, so this is not worth a dependency.
fn duration(env: &dyn Fn(&str) -> Option<String>, name: &str) -> Result<Option<Duration>, Error> {
    let Some(value) = var(env, name)? else {
        return Ok(None);
    };
    let invalid = || {
        bad(
            name,
            format_args!(
                "is not a duration (`{value}`): use a whole number and a unit, e.g. 500ms, 30s, 2m, 1h"
            ),
        )
    };
    let split = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    let (digits, unit) = value.split_at(split);
    let n: u64 = digits.parse().map_err(|_| invalid())?;
    let per_unit = match unit.trim() {
        "ms" => Duration::from_millis(1),
        "" | "s" => Duration::from_secs(1),
        "m" | "min" => Duration::from_secs(60),
        "h" => Duration::from_secs(3600),
        _ => return Err(invalid()),
    };
    let n = u32::try_from(n).map_err(|_| invalid())?;
    if n == 0 {
        return Err(bad(name, "is 0: it must be longer than that"));
    }
    per_unit.checked_mul(n).map(Some).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.get(name).cloned()
    }

    fn client(vars: &[(&str, &str)]) -> Result<Client, Error> {
        from_lookup(&lookup(vars), true)?.build()
    }

    fn message(vars: &[(&str, &str)]) -> String {
        let err = client(vars).unwrap_err();
        assert!(
            matches!(&err, Error::Config(c) if c.kind() == ConfigErrorKind::Environment),
            "{err:?}"
        );
        err.to_string()
    }

    #[test]
    fn every_variable_is_read() {
        let client = client(&[
            (ACCESS_TOKEN, " AQ-token "),
            (BASE_URL, "http://127.0.0.1:4010"),
            (OAUTH_BASE_URL, "http://localhost:4011/"),
            (UPLOAD_BASE_URL, "http://[::1]:4012"),
            (TIMEOUT, "1500ms"),
            (DEADLINE, "2m"),
            (CONNECT_TIMEOUT, "3"),
            (MAX_RESPONSE_BYTES, "1024"),
            (MAX_ATTEMPTS, "1"),
            (USER_AGENT, "my-app/1.0"),
        ])
        .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:4010");
        assert_eq!(client.oauth_base_url(), "http://localhost:4011");
        assert_eq!(client.upload_base_url(), Some("http://[::1]:4012"));
        assert_eq!(client.timeout(), Duration::from_millis(1500));
        assert_eq!(client.deadline(), Duration::from_secs(120));
        assert_eq!(client.max_response_bytes(), 1024);
        assert_eq!(client.retry_policy(), &RetryPolicy::none());
        assert!(!format!("{client:?}").contains("AQ-token"));
    }

    #[test]
    fn defaults_when_unset_or_empty() {
        let client = client(&[(ACCESS_TOKEN, "t"), (TIMEOUT, ""), (BASE_URL, "  ")]).unwrap();
        assert_eq!(client.base_url(), crate::client::DEFAULT_BASE_URL);
        assert_eq!(client.timeout(), Duration::from_secs(30));
        assert!(from_lookup(&lookup(&[]), false).unwrap().build().is_ok());
    }

    #[test]
    fn errors_name_the_variable_and_what_was_wrong() {
        assert!(message(&[]).contains("LINKEDIN_ACCESS_TOKEN is not set"));
        let t = (ACCESS_TOKEN, "secret-token-value");
        for (vars, expected) in [
            (
                vec![t, (TIMEOUT, "soon")],
                "LINKEDIN_TIMEOUT is not a duration (`soon`)",
            ),
            (
                vec![t, (DEADLINE, "5 weeks")],
                "LINKEDIN_DEADLINE is not a duration",
            ),
            (
                vec![t, (CONNECT_TIMEOUT, "0s")],
                "LINKEDIN_CONNECT_TIMEOUT is 0",
            ),
            (
                vec![t, (TIMEOUT, "99999999999h")],
                "LINKEDIN_TIMEOUT is not a duration",
            ),
            (
                vec![t, (MAX_RESPONSE_BYTES, "16MB")],
                "LINKEDIN_MAX_RESPONSE_BYTES is not a whole number (`16MB`)",
            ),
            (
                vec![t, (MAX_ATTEMPTS, "-1")],
                "LINKEDIN_MAX_ATTEMPTS is not a whole number",
            ),
            (
                vec![t, (BASE_URL, "api.linkedin.com")],
                "LINKEDIN_BASE_URL is not a URL (`api.linkedin.com`",
            ),
            (
                vec![t, (BASE_URL, "http://api.example.com")],
                "LINKEDIN_BASE_URL is plain http to another machine",
            ),
            (
                vec![t, (UPLOAD_BASE_URL, "ftp://x")],
                "LINKEDIN_UPLOAD_BASE_URL has scheme `ftp`",
            ),
            (
                vec![t, (OAUTH_BASE_URL, "http://localhost.evil.com")],
                "LINKEDIN_OAUTH_BASE_URL is plain http",
            ),
            (
                vec![t, (TIMEOUT, super::NOT_UNICODE)],
                "LINKEDIN_TIMEOUT is not valid Unicode",
            ),
        ] {
            let shown = message(&vars);
            assert!(shown.contains(expected), "{shown}");
            assert!(!shown.contains("secret-token-value"), "{shown}");
        }
    }

    #[test]
    fn the_version_variable() {
        assert_eq!(version_from(&lookup(&[])).unwrap(), None);
        let latest = crate::Version::LATEST.to_string();
        assert_eq!(
            version_from(&lookup(&[(VERSION, &latest)])).unwrap(),
            Some(crate::Version::LATEST)
        );
        let err = version_from(&lookup(&[(VERSION, "2019")])).unwrap_err();
        assert!(
            err.to_string().contains("LINKEDIN_VERSION `2019` is not"),
            "{err}"
        );
    }
}
