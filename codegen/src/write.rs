//! Stage 4 — write: put generated files on disk, or compare them with what is there.
//!
//! The generated tree is owned entirely by the generator: files it no longer produces are
//! deleted on write and reported as stale on check.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diag::{Error, Result};
use crate::emit::File;

/// How a file on disk differs from the generator's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// Generated but not on disk.
    Missing(PathBuf),
    /// On disk with other contents.
    Changed(PathBuf),
    /// On disk but no longer generated.
    Extra(PathBuf),
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stale::Missing(p) => write!(f, "missing: {}", p.display()),
            Stale::Changed(p) => write!(f, "changed: {}", p.display()),
            Stale::Extra(p) => write!(f, "no longer generated: {}", p.display()),
        }
    }
}

/// Writes `files` under `root`, leaving unchanged files untouched and deleting stale ones.
/// Returns how many files were written.
pub fn write(root: &Path, files: &[File]) -> Result<usize> {
    let mut written = 0;
    for stale in check(root, files)? {
        match stale {
            Stale::Missing(path) | Stale::Changed(path) => {
                let file = files.iter().find(|f| root.join(&f.path) == path);
                if let Some(file) = file {
                    if let Some(dir) = path.parent() {
                        std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
                    }
                    std::fs::write(&path, &file.contents).map_err(|e| io_error(&path, e))?;
                    written += 1;
                }
            }
            Stale::Extra(path) => {
                std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
                // A folder the generator emptied goes too (a spec that no longer exists).
                if let Some(dir) = path.parent().filter(|d| *d != root)
                    && std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
                {
                    std::fs::remove_dir(dir).map_err(|e| io_error(dir, e))?;
                }
            }
        }
    }
    Ok(written)
}

/// Compares `files` with the tree under `root`.
pub fn check(root: &Path, files: &[File]) -> Result<Vec<Stale>> {
    let mut stale = Vec::new();
    let expected: BTreeSet<PathBuf> = files.iter().map(|f| root.join(&f.path)).collect();
    for file in files {
        let path = root.join(&file.path);
        match std::fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(_) => stale.push(Stale::Changed(path)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => stale.push(Stale::Missing(path)),
            Err(e) => return Err(io_error(&path, e)),
        }
    }
    for path in rust_files(root)? {
        if !expected.contains(&path) {
            stale.push(Stale::Extra(path));
        }
    }
    Ok(stale)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(io_error(dir, e)),
    };
    for entry in entries {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        if path.is_dir() {
            out.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error {
        file: path.to_path_buf(),
        pointer: "#".to_owned(),
        message: e.to_string(),
    }
}
