//! What every command resolves first: the version and its operations, where the API is, and
//! (for the commands that call LinkedIn) the token.

use std::path::PathBuf;

use linkedin_api::{Client, ClientBuilder, Secret, Version};

use crate::cli::Global;
use crate::error::Failure;
use crate::facts::Spec;

pub struct Context {
    pub version: Version,
    pub spec: Spec,
    pub base_url: Option<String>,
    token_file: Option<PathBuf>,
}

impl Context {
    pub fn new(global: Global) -> Result<Context, Failure> {
        let version = match global.version.as_deref() {
            None => Version::LATEST,
            Some(text) => text.trim().parse::<Version>().map_err(|_| {
                Failure::usage(format!(
                    "--version {text:?} is not a LinkedIn version this build knows: use YYYYMM, from {} to {}",
                    Version::ALL[0],
                    Version::LATEST
                ))
            })?,
        };
        let spec = crate::generated::spec(version).ok_or_else(|| {
            Failure::usage(format!(
                "version {version} has no operation table in this build"
            ))
        })?;
        Ok(Context {
            version,
            spec,
            base_url: global.base_url.filter(|u| !u.trim().is_empty()),
            token_file: global.token_file.or_else(crate::token::default_path),
        })
    }

    /// The token file, named for messages and `login`.
    pub fn token_file(&self) -> Result<&PathBuf, Failure> {
        self.token_file.as_ref().ok_or_else(|| {
            Failure::auth("no home directory for the token file: set LINKEDIN_TOKEN_FILE")
        })
    }

    /// The token: `LINKEDIN_ACCESS_TOKEN`, else the token file.
    pub fn access_token(&self) -> Result<Secret, Failure> {
        if let Some(token) = std::env::var("LINKEDIN_ACCESS_TOKEN")
            .ok()
            .filter(|t| !t.trim().is_empty())
        {
            return Ok(Secret::from(token));
        }
        Ok(crate::token::load(self.token_file()?)?.access_token)
    }

    /// A client builder with the token and the API host; callers add interceptors. It starts
    /// from the runtime's environment variables (`LINKEDIN_TIMEOUT`, `LINKEDIN_DEADLINE`,
    /// `LINKEDIN_MAX_ATTEMPTS`, …: `ClientBuilder::from_env`), so the CLI and a program read
    /// them the same way; the flags and the token file override them.
    pub fn client_builder(&self) -> Result<ClientBuilder, Failure> {
        let mut builder = ClientBuilder::from_env()?.access_token(self.access_token()?);
        if let Some(base) = &self.base_url {
            builder = builder
                .base_url(base)
                .oauth_base_url(base)
                .upload_base_url(base)
                .allow_insecure_http(is_loopback(base));
        }
        Ok(builder)
    }

    pub fn client(&self) -> Result<Client, Failure> {
        Ok(self.client_builder()?.build()?)
    }
}

/// Plain http is allowed only to a server on this machine (a mock).
pub fn is_loopback(url: &str) -> bool {
    let rest = url.strip_prefix("http://").unwrap_or(url);
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}
