//! The counter store: where the day's counts live, and the one atomic operation quotas need.

use std::error::Error as StdError;
use std::time::SystemTime;

/// A count that stands for "spent": what a 429 from LinkedIn raises a counter to. Every
/// ceiling is below it, and it stays exact in Redis' Lua numbers (doubles).
pub const SPENT: u64 = 1 << 52;

/// One counter to take from: its key (the quota day is part of it) and its ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter<'a> {
    /// The counter's key; opaque to the store.
    pub key: &'a str,
    /// The count at which the counter is spent.
    pub ceiling: u64,
}

/// What [`CounterStore::take`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Every counter was below its ceiling and each was incremented.
    Taken,
    /// The counter at `index` (in the slice given) had reached its ceiling with `count`;
    /// nothing was incremented.
    AtCeiling {
        /// Which counter.
        index: usize,
        /// Its count.
        count: u64,
    },
}

/// Where quota counters live. Implementations must make [`take`](Self::take) atomic for every
/// process that shares the store: two callers racing for the last call under a ceiling must not
/// both get it.
///
/// The methods are synchronous because interceptor hooks are: they run on the calling task, so
/// a store should answer in about a millisecond (local SQLite, Redis on the network nearby).
pub trait CounterStore: Send + Sync + 'static {
    /// If every counter is below its ceiling, adds one to each; otherwise changes nothing and
    /// says which counter was at its ceiling. Counters missing count as zero; a counter created
    /// or changed lives until `expires_at` (the reset), after which it may be forgotten.
    fn take(&self, counters: &[Counter<'_>], expires_at: SystemTime) -> Result<Take, StoreError>;

    /// Adds `n` to each counter, whatever its ceiling: calls LinkedIn counted that the gateway
    /// did not take (the retries of a call).
    fn add(&self, keys: &[&str], n: u64, expires_at: SystemTime) -> Result<(), StoreError>;

    /// Raises a counter to at least `count` (to [`SPENT`] when LinkedIn answers 429).
    fn raise_to(&self, key: &str, count: u64, expires_at: SystemTime) -> Result<(), StoreError>;

    /// The current counts of these counters (zero for a missing one), in order.
    fn counts(&self, keys: &[&str]) -> Result<Vec<u64>, StoreError>;
}

/// A counter store failed (database locked too long, Redis unreachable, …). The quota
/// interceptor refuses the call when it cannot count it: an uncounted call could be the one
/// that spends LinkedIn's quota.
#[derive(Debug, thiserror::Error)]
#[error("the {store} quota counter store failed: {source}")]
pub struct StoreError {
    store: &'static str,
    #[source]
    source: Box<dyn StdError + Send + Sync>,
}

impl StoreError {
    /// A failure of the store named `store` (`"sqlite"`, `"redis"`, …).
    pub fn new(store: &'static str, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        StoreError {
            store,
            source: source.into(),
        }
    }

    /// Which store failed.
    pub fn store(&self) -> &'static str {
        self.store
    }
}
