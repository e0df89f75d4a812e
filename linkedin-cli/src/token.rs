//! The stored sign-in: `linkedin login` writes it, every other command reads it.
//!
//! One JSON file that only its owner can read or write (mode 0600, set when it is created, before
//! the token is written, and written to a temporary file renamed over the old one so a reader
//! never sees half a token). `LINKEDIN_ACCESS_TOKEN` takes precedence, for CI and containers.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use linkedin_api::Secret;
use serde::{Deserialize, Serialize};

use crate::error::Failure;

/// The token file's default place: `$XDG_CONFIG_HOME/linkedin/token.json`, else
/// `~/.config/linkedin/token.json`.
pub fn default_path() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(config.join("linkedin").join("token.json"))
}

/// What the file holds. `Debug` shows `Secret`s redacted.
#[derive(Debug)]
pub struct StoredToken {
    pub access_token: Secret,
    /// Seconds since the Unix epoch.
    pub expires_at: Option<u64>,
    pub refresh_token: Option<Secret>,
    /// The scopes LinkedIn granted.
    pub scopes: Vec<String>,
    /// Who signed in (the OpenID `sub`), when known.
    pub member: Option<String>,
}

/// The file's form. `Secret` has no serde on purpose: the one place that must write the token
/// itself spells it out here, and nothing else keeps it as a plain string.
#[derive(Serialize, Deserialize)]
struct FileForm {
    access_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expires_at: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default)]
    scopes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    member: Option<String>,
}

impl StoredToken {
    pub fn expires(&self) -> Option<SystemTime> {
        self.expires_at
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs))
    }
}

/// Reads the token file at `path`.
pub fn load(path: &Path) -> Result<StoredToken, Failure> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Failure::auth(format!(
                "not signed in: no token file at {} (run `linkedin login`, or set LINKEDIN_ACCESS_TOKEN)",
                path.display()
            ))
        } else {
            Failure::auth(format!("cannot read the token file {}: {e}", path.display()))
        }
    })?;
    let form: FileForm = serde_json::from_str(&text).map_err(|e| {
        // serde_json's message names line and column (and a missing field), never a value.
        Failure::auth(format!(
            "the token file {} is not valid: {e}",
            path.display()
        ))
    })?;
    let token = StoredToken {
        access_token: Secret::from(form.access_token),
        expires_at: form.expires_at,
        refresh_token: form.refresh_token.map(Secret::from),
        scopes: form.scopes,
        member: form.member,
    };
    if token.expires().is_some_and(|at| at <= SystemTime::now()) {
        return Err(Failure::auth(format!(
            "the token in {} has expired: run `linkedin login` again",
            path.display()
        )));
    }
    Ok(token)
}

/// Writes `token` to `path`, readable by its owner only.
pub fn save(path: &Path, token: &StoredToken) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::other(format!(
            "cannot write the token file {}: {e}",
            path.display()
        ))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(fail)?;
    }
    let form = FileForm {
        access_token: token.access_token.expose().to_owned(),
        expires_at: token.expires_at,
        refresh_token: token.refresh_token.as_ref().map(|t| t.expose().to_owned()),
        scopes: token.scopes.clone(),
        member: token.member.clone(),
    };
    let text = serde_json::to_string_pretty(&form)
        .map_err(|e| Failure::other(format!("cannot encode the token: {e}")))?;
    let tmp = path.with_extension("json.tmp");
    let _ = std::fs::remove_file(&tmp);
    write_private(&tmp, text.as_bytes()).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}
