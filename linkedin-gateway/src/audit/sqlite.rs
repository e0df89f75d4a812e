//! Audit events as rows of a SQLite table.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, params};

use super::{AuditError, AuditEvent, AuditSink};

/// The table (created if missing) events are inserted into: one row per event, the columns
/// named like [`AuditEvent`]'s fields, `targets` as a JSON array, `time` as RFC 3339 text
/// (which SQLite's date functions read).
const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time TEXT NOT NULL,
    agent TEXT NOT NULL,
    operation TEXT NOT NULL,
    version TEXT,
    area TEXT,
    effect TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    targets TEXT NOT NULL,
    decision TEXT NOT NULL,
    refused_by TEXT,
    reason TEXT,
    status INTEGER,
    error TEXT,
    request_id TEXT,
    latency_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    sentence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_events_agent_time ON audit_events (agent, time);";

/// Audit events in the `audit_events` table of a SQLite database (several processes may
/// insert into the same file).
pub struct SqliteSink {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteSink").finish_non_exhaustive()
    }
}

impl SqliteSink {
    /// Opens (or creates) the database at `path` and its table.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, AuditError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteSink {
            conn: Mutex::new(conn),
        })
    }

    /// Every event in the table, oldest first.
    pub fn events(&self) -> Result<Vec<AuditEvent>, AuditError> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let mut statement = conn.prepare(
            "SELECT json_object(
                 'time', time, 'agent', agent, 'operation', operation, 'version', version,
                 'area', area, 'effect', effect, 'method', method, 'path', path,
                 'targets', json(targets), 'decision', decision, 'refused_by', refused_by,
                 'reason', reason, 'status', status, 'error', error, 'request_id', request_id,
                 'latency_ms', latency_ms, 'attempts', attempts, 'sentence', sentence)
             FROM audit_events ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
        rows.map(|json| Ok(serde_json::from_str(&json?)?)).collect()
    }
}

/// A serde enum's wire name (`"read"` → `read`).
fn wire<T: serde::Serialize>(value: &T) -> Result<String, AuditError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

impl AuditSink for SqliteSink {
    fn record(&self, e: &AuditEvent) -> Result<(), AuditError> {
        let area = e.area.as_ref().map(wire).transpose()?;
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        conn.execute(
            "INSERT INTO audit_events (time, agent, operation, version, area, effect, method,
                 path, targets, decision, refused_by, reason, status, error, request_id,
                 latency_ms, attempts, sentence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            params![
                crate::time_fmt::rfc3339(e.time),
                e.agent,
                e.operation,
                e.version,
                area,
                wire(&e.effect)?,
                e.method,
                e.path,
                serde_json::to_string(&e.targets)?,
                wire(&e.decision)?,
                e.refused_by,
                e.reason,
                e.status,
                e.error,
                e.request_id,
                i64::try_from(e.latency_ms).unwrap_or(i64::MAX),
                e.attempts,
                e.sentence,
            ],
        )?;
        Ok(())
    }

    fn name(&self) -> &'static str {
        "sqlite"
    }
}
