//! The default store: counters in this process' memory, lost when it exits.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::SystemTime;

use super::store::{Counter, CounterStore, StoreError, Take};

/// Counters in memory, for one process. Cheap and exact, but each process counts alone: use
/// [`SqliteStore`](super::SqliteStore) or [`RedisStore`](super::RedisStore) when several
/// processes call LinkedIn for the same application.
#[derive(Debug, Default)]
pub struct MemoryStore {
    counters: Mutex<HashMap<String, Entry>>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    count: u64,
    expires_at: SystemTime,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `f` on the counters, first forgetting those of days before the one resetting at
    /// `current_reset` (when given). Going by the caller's reset rather than this machine's
    /// clock keeps the store consistent with whatever clock the quota runs on.
    fn with<T>(
        &self,
        current_reset: Option<SystemTime>,
        f: impl FnOnce(&mut HashMap<String, Entry>) -> T,
    ) -> T {
        // A panic while holding the lock leaves the map consistent (each change is one insert),
        // so a poisoned lock is still usable.
        let mut map = self.counters.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(reset) = current_reset {
            map.retain(|_, e| e.expires_at >= reset);
        }
        f(&mut map)
    }
}

fn bump(map: &mut HashMap<String, Entry>, key: &str, n: u64, expires_at: SystemTime) {
    let entry = map.entry(key.to_owned()).or_insert(Entry {
        count: 0,
        expires_at,
    });
    entry.count = entry.count.saturating_add(n);
    entry.expires_at = entry.expires_at.max(expires_at);
}

impl CounterStore for MemoryStore {
    fn take(&self, counters: &[Counter<'_>], expires_at: SystemTime) -> Result<Take, StoreError> {
        Ok(self.with(Some(expires_at), |map| {
            for (index, counter) in counters.iter().enumerate() {
                let count = map.get(counter.key).map_or(0, |e| e.count);
                if count >= counter.ceiling {
                    return Take::AtCeiling { index, count };
                }
            }
            for counter in counters {
                bump(map, counter.key, 1, expires_at);
            }
            Take::Taken
        }))
    }

    fn add(&self, keys: &[&str], n: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        self.with(Some(expires_at), |map| {
            keys.iter().for_each(|k| bump(map, k, n, expires_at))
        });
        Ok(())
    }

    fn raise_to(&self, key: &str, count: u64, expires_at: SystemTime) -> Result<(), StoreError> {
        self.with(Some(expires_at), |map| {
            bump(map, key, 0, expires_at);
            if let Some(e) = map.get_mut(key) {
                e.count = e.count.max(count);
            }
        });
        Ok(())
    }

    fn counts(&self, keys: &[&str]) -> Result<Vec<u64>, StoreError> {
        Ok(self.with(None, |map| {
            keys.iter()
                .map(|k| map.get(*k).map_or(0, |e| e.count))
                .collect()
        }))
    }
}
