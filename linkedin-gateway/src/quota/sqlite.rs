//! Counters in one SQLite file, shared by every process on the machine.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::store::{Counter, CounterStore, StoreError, Take};

/// How long a process waits for another's transaction before the store reports an error.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Counters in a SQLite database file (created if missing), safe across processes: a
/// check-and-increment is one `IMMEDIATE` transaction, which holds the database's write lock
/// from its first read, so no other process can read the same counts in between.
pub struct SqliteStore {
    conn: Mutex<Connection>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore").finish_non_exhaustive()
    }
}

fn err(e: rusqlite::Error) -> StoreError {
    StoreError::new("sqlite", e)
}

/// Seconds since the Unix epoch, the column's unit.
fn unix(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Counts are stored as SQLite integers (i64); every count the quota writes is at most
/// [`SPENT`](super::SPENT), far below i64::MAX.
fn to_sql(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` and its `quota_counters` table.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let conn = Connection::open(path).map_err(err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        // WAL lets readers (`remaining()`) proceed while another process writes.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS quota_counters (
                 key TEXT PRIMARY KEY NOT NULL,
                 count INTEGER NOT NULL,
                 expires_at INTEGER NOT NULL
             );
             CREATE INDEX IF NOT EXISTS quota_counters_expiry ON quota_counters (expires_at);",
        )
        .map_err(err)?;
        Ok(SqliteStore {
            conn: Mutex::new(conn),
        })
    }

    /// Runs `f` in one IMMEDIATE transaction, first forgetting counters of past days.
    fn write<T>(
        &self,
        expires_at: SystemTime,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        // The connection is only ever used inside a transaction that rolls back on error, so a
        // poisoned lock leaves nothing half-done.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(err)?;
        tx.execute(
            "DELETE FROM quota_counters WHERE expires_at < ?1",
            params![unix(expires_at)],
        )
        .map_err(err)?;
        let value = f(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }
}

fn add_to(
    tx: &rusqlite::Transaction<'_>,
    key: &str,
    n: u64,
    expires_at: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO quota_counters (key, count, expires_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (key) DO UPDATE SET count = count + excluded.count,
             expires_at = max(expires_at, excluded.expires_at)",
        params![key, to_sql(n), expires_at],
    )?;
    Ok(())
}

fn count_of(conn: &Connection, key: &str) -> rusqlite::Result<u64> {
    let count: Option<i64> = conn
        .query_row(
            "SELECT count FROM quota_counters WHERE key = ?1",
            params![key],
            |row| row.get(0),
        )
        .optional()?;
    Ok(count.map_or(0, |c| u64::try_from(c).unwrap_or(0)))
}

impl CounterStore for SqliteStore {
    fn take(&self, counters: &[Counter<'_>], expires_at: SystemTime) -> Result<Take, StoreError> {
        self.write(expires_at, |tx| {
            for (index, counter) in counters.iter().enumerate() {
                let count = count_of(tx, counter.key)?;
                if count >= counter.ceiling {
                    // Nothing was incremented; only the purge of past days is committed.
                    return Ok(Take::AtCeiling { index, count });
                }
            }
            for counter in counters {
                add_to(tx, counter.key, 1, unix(expires_at))?;
            }
            Ok(Take::Taken)
        })
    }

    fn add(&self, keys: &[&str], n: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        self.write(expires_at, |tx| {
            keys.iter()
                .try_for_each(|k| add_to(tx, k, n, unix(expires_at)))
        })
    }

    fn raise_to(&self, key: &str, count: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        self.write(expires_at, |tx| {
            tx.execute(
                "INSERT INTO quota_counters (key, count, expires_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (key) DO UPDATE SET count = max(count, excluded.count),
                     expires_at = max(expires_at, excluded.expires_at)",
                params![key, to_sql(count), unix(expires_at)],
            )?;
            Ok(())
        })
    }

    fn counts(&self, keys: &[&str]) -> Result<Vec<u64>, StoreError> {
        let conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .map(|k| count_of(&conn, k).map_err(err))
            .collect()
    }
}
