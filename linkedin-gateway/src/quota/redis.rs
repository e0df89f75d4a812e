//! Counters in Redis, shared by every machine the agents run on.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::{Connection, RedisResult, Script};

use super::store::{Counter, CounterStore, StoreError, Take};

/// Connect, read and write timeout: a quota check runs before every call, so a Redis that does
/// not answer must fail the check quickly rather than hang the caller.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// The check-and-increment, atomic because Redis runs a script without interleaving other
/// commands: either every counter is below its ceiling and each is incremented (and expires at
/// the reset), or nothing changes and the script says which counter was spent.
const TAKE: &str = r"
-- KEYS: the counters; ARGV[1]: the reset (Unix seconds); ARGV[1 + i]: KEYS[i]'s ceiling.
for i, key in ipairs(KEYS) do
  local count = tonumber(redis.call('GET', key) or '0')
  if count >= tonumber(ARGV[i + 1]) then
    return {i, count}
  end
end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('EXPIREAT', key, ARGV[1])
end
return {0, 0}
";

/// Raises one counter to at least a count (a 429 marks it spent).
const RAISE: &str = r"
-- KEYS[1]: the counter; ARGV[1]: the count; ARGV[2]: the reset (Unix seconds).
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1])
end
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 0
";

/// Counters in Redis: `INCR` with `EXPIREAT` at the reset, the check and the increments in one
/// Lua script (atomic across every client of the server). One connection per store, opened on
/// first use and again after a connection error. Counters of one call are several keys, so a
/// Redis Cluster is not supported: point the store at one primary.
pub struct RedisStore {
    client: redis::Client,
    conn: Mutex<Option<Connection>>,
    timeout: Duration,
    take: Script,
    raise: Script,
}

impl std::fmt::Debug for RedisStore {
    // Not the URL: it may carry a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisStore")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

fn err(e: redis::RedisError) -> StoreError {
    StoreError::new("redis", e)
}

fn unix(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

impl RedisStore {
    /// A store on the Redis server at `url` (`redis://host:port/db`, `rediss://…` is not
    /// enabled). Connects now, so a wrong address is reported here rather than on the first call.
    pub fn open(url: &str) -> Result<Self, StoreError> {
        // The URL may carry a password: the error says what is wrong, not the URL.
        let client = redis::Client::open(url).map_err(|e| {
            StoreError::new(
                "redis",
                format!("the Redis URL is not valid ({:?})", e.kind()),
            )
        })?;
        let store = RedisStore {
            client,
            conn: Mutex::new(None),
            timeout: DEFAULT_TIMEOUT,
            take: Script::new(TAKE),
            raise: Script::new(RAISE),
        };
        store.run(|conn| redis::cmd("PING").query::<String>(conn))?;
        Ok(store)
    }

    /// Runs `f` on the connection, connecting first if needed. A call is never repeated after
    /// an error: the server may have run it, and counting a call twice is what a quota must not
    /// do. The connection is dropped after an I/O error so the next call reconnects.
    fn run<T>(&self, f: impl FnOnce(&mut Connection) -> RedisResult<T>) -> Result<T, StoreError> {
        let mut slot = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let conn = match &mut *slot {
            Some(conn) => conn,
            empty => {
                let conn = self
                    .client
                    .get_connection_with_timeout(self.timeout)
                    .map_err(err)?;
                conn.set_read_timeout(Some(self.timeout)).map_err(err)?;
                conn.set_write_timeout(Some(self.timeout)).map_err(err)?;
                empty.insert(conn)
            }
        };
        f(conn).map_err(|e| {
            if e.is_io_error() || e.is_connection_dropped() || e.is_unrecoverable_error() {
                *slot = None;
            }
            err(e)
        })
    }
}

impl CounterStore for RedisStore {
    fn take(&self, counters: &[Counter<'_>], expires_at: SystemTime) -> Result<Take, StoreError> {
        if counters.is_empty() {
            return Ok(Take::Taken);
        }
        let (index, count): (usize, u64) = self.run(|conn| {
            let mut invocation = self.take.prepare_invoke();
            invocation.arg(unix(expires_at));
            for counter in counters {
                invocation.key(counter.key).arg(counter.ceiling);
            }
            invocation.invoke(conn)
        })?;
        Ok(match index {
            0 => Take::Taken,
            // Lua counts from 1.
            i => Take::AtCeiling {
                index: i - 1,
                count,
            },
        })
    }

    fn add(&self, keys: &[&str], n: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        if keys.is_empty() {
            return Ok(());
        }
        self.run(|conn| {
            let mut pipe = redis::pipe();
            pipe.atomic();
            for key in keys {
                pipe.cmd("INCRBY").arg(*key).arg(n).ignore();
                pipe.cmd("EXPIREAT")
                    .arg(*key)
                    .arg(unix(expires_at))
                    .ignore();
            }
            pipe.query::<()>(conn)
        })
    }

    fn raise_to(&self, key: &str, count: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        self.run(|conn| {
            self.raise
                .key(key)
                .arg(count)
                .arg(unix(expires_at))
                .invoke::<i64>(conn)
        })
        .map(drop)
    }

    fn counts(&self, keys: &[&str]) -> Result<Vec<u64>, StoreError> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let counts: Vec<Option<u64>> = self.run(|conn| redis::cmd("MGET").arg(keys).query(conn))?;
        Ok(counts.into_iter().map(Option::unwrap_or_default).collect())
    }
}
