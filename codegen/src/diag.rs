//! Diagnostics: every problem with a spec names the file, the JSON pointer and what is wrong.
//!
//! The generator never panics on spec input. Each stage returns [`Result`], and an [`Error`]
//! carries enough context for a maintainer to jump to the offending spot:
//! `spec/202606/openapi.yaml: #/paths/~1rest~1posts/post/requestBody: unsupported media type …`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem found in a spec, or while writing the generated files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The spec file (or output file) the problem is in.
    pub file: PathBuf,
    /// A JSON pointer (RFC 6901) into the spec, `#` for the whole document.
    pub pointer: String,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file.display(),
            self.pointer,
            self.message
        )
    }
}

impl std::error::Error for Error {}

/// The result type of every generator stage.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A position in a spec: the file and a JSON pointer, extended as the generator descends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ptr {
    file: PathBuf,
    pointer: String,
}

impl Ptr {
    /// The root of `file`'s document.
    pub fn root(file: &Path) -> Self {
        Self {
            file: file.to_path_buf(),
            pointer: "#".to_owned(),
        }
    }

    /// The pointer of a `$ref` target such as `#/components/schemas/Post`, in the same file.
    pub fn from_ref(&self, reference: &str) -> Self {
        Self {
            file: self.file.clone(),
            pointer: reference.to_owned(),
        }
    }

    /// One level deeper: `key` is escaped as RFC 6901 requires (`/` → `~1`, `~` → `~0`).
    pub fn at(&self, key: impl fmt::Display) -> Self {
        let key = key.to_string().replace('~', "~0").replace('/', "~1");
        Self {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, key),
        }
    }

    /// The JSON pointer, starting with `#`.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// The spec file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// An error at this position.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error {
            file: self.file.clone(),
            pointer: self.pointer.clone(),
            message: message.into(),
        }
    }

    /// `Err` of an error at this position.
    pub fn fail<T>(&self, message: impl Into<String>) -> Result<T> {
        Err(self.error(message))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_slashes_and_tildes() {
        let p = Ptr::root(Path::new("spec.yaml"))
            .at("paths")
            .at("/rest/posts")
            .at("post")
            .at("a~b");
        assert_eq!(p.pointer(), "#/paths/~1rest~1posts/post/a~0b");
        assert_eq!(
            p.error("bad").to_string(),
            "spec.yaml: #/paths/~1rest~1posts/post/a~0b: bad"
        );
    }
}
