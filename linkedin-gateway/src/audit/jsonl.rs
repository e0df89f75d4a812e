//! Audit events as JSON Lines: one object a line, appended, never rewritten.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{AuditError, AuditEvent, AuditSink};

/// An append-only JSON Lines file. Opened with `O_APPEND` (created if missing, readable by its
/// owner only on Unix): every record goes to the end of the file, whoever else appends to it,
/// and what is there is never truncated or rewritten. Each record is written with one `write`
/// call, so records of several processes do not interleave.
#[derive(Debug)]
pub struct JsonLinesSink {
    path: PathBuf,
    file: Mutex<File>,
}

impl JsonLinesSink {
    /// Opens `path` for appending.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, AuditError> {
        let path = path.as_ref().to_path_buf();
        let mut options = OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path).map_err(|source| AuditError::Io {
            path: path.clone(),
            source,
        })?;
        Ok(JsonLinesSink {
            path,
            file: Mutex::new(file),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads back every record of a JSON Lines audit file, in order.
    pub fn read(path: impl AsRef<Path>) -> Result<Vec<AuditEvent>, AuditError> {
        let path = path.as_ref();
        let io = |source| AuditError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io)?;
        let mut events = Vec::new();
        for line in BufReader::new(file).lines() {
            let line = line.map_err(io)?;
            if !line.trim().is_empty() {
                events.push(serde_json::from_str(&line)?);
            }
        }
        Ok(events)
    }
}

impl AuditSink for JsonLinesSink {
    fn record(&self, event: &AuditEvent) -> Result<(), AuditError> {
        let mut line = serde_json::to_vec(event)?;
        line.push(b'\n');
        // A panic elsewhere while holding the lock cannot leave a half-written record behind
        // (the write is one call), so a poisoned lock is still usable.
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        file.write_all(&line).map_err(|source| AuditError::Io {
            path: self.path.clone(),
            source,
        })
    }

    fn name(&self) -> &'static str {
        "json lines"
    }
}
