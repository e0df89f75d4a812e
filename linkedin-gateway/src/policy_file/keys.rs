//! Gateway keys: the file names the environment variable, the process reads the key.

use std::fmt;
use std::path::PathBuf;

use linkedin_api::Secret;
use toml::Spanned;

use super::{PolicyFileError, Source};

/// The shortest gateway key accepted: a key is a password an agent presents, and a short one
/// can be guessed.
pub const MIN_KEY_LEN: usize = 16;

/// A gateway key, as the file names it: the environment variable that holds it. The key
/// itself is read only by [`resolve`](Self::resolve) and lives in a [`Secret`].
#[derive(Clone, PartialEq, Eq)]
pub struct KeyRef {
    pub(super) env: String,
    pub(super) file: PathBuf,
    pub(super) line: usize,
    pub(super) field: String,
}

impl fmt::Debug for KeyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRef").field("env", &self.env).finish()
    }
}

impl KeyRef {
    /// The environment variable's name.
    pub fn env(&self) -> &str {
        &self.env
    }

    /// Reads the key from the environment: set, Unicode, at least [`MIN_KEY_LEN`] characters.
    pub fn resolve(&self) -> Result<Secret, PolicyFileError> {
        let problem = match std::env::var(&self.env) {
            Ok(key) if key.chars().count() >= MIN_KEY_LEN => return Ok(Secret::new(key)),
            Ok(key) if key.is_empty() => {
                format!("the environment variable `{}` is empty", self.env)
            }
            Ok(_) => format!(
                "the key in `{}` is shorter than {MIN_KEY_LEN} characters; use a long random key",
                self.env
            ),
            Err(std::env::VarError::NotPresent) => {
                format!("the environment variable `{}` is not set", self.env)
            }
            Err(std::env::VarError::NotUnicode(_)) => {
                format!(
                    "the environment variable `{}` is not valid Unicode",
                    self.env
                )
            }
        };
        Err(PolicyFileError {
            file: self.file.clone(),
            line: Some(self.line),
            field: Some(self.field.clone()),
            message: problem,
        })
    }
}

/// The agents' gateway keys, read from the environment.
pub struct GatewayKeys(pub(super) Vec<(String, Secret)>);

impl fmt::Debug for GatewayKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(agent, _)| agent))
            .finish()
    }
}

impl GatewayKeys {
    /// The agent whose key was presented. Compares with every key, each in constant time, so
    /// the time taken says nothing about which key (or how much of one) matched.
    pub fn agent_for(&self, presented: &str) -> Option<&str> {
        let presented = Secret::new(presented);
        self.0.iter().fold(None, |found, (agent, key)| {
            let matches = *key == presented;
            if matches { Some(agent.as_str()) } else { found }
        })
    }

    /// How many agents have a key.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no agent has a key.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An environment variable name as shells write them: letters, digits and `_`, not starting
/// with a digit. Catches a key pasted where its variable's name belongs.
pub(super) fn check_env_name(
    source: &Source<'_>,
    name: &Spanned<String>,
    field: &str,
) -> Result<(), PolicyFileError> {
    let n = name.get_ref();
    let valid = !n.is_empty()
        && !n.starts_with(|c: char| c.is_ascii_digit())
        && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(())
    } else {
        Err(source.error(
            Some(&name.span()),
            field,
            "must name an environment variable (letters, digits and `_`), not hold a value",
        ))
    }
}
