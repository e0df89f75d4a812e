//! The one way this crate writes a moment: RFC 3339 in UTC, what JSON readers and SQLite's date
//! functions both understand.

use std::time::SystemTime;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// `2026-11-30T00:00:00Z`; sub-second precision is kept when there is some.
pub(crate) fn rfc3339(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        // Formatting a UTC time as RFC 3339 fails only for years outside 0..=9999, which a
        // SystemTime from this century's clock never gives; keep the error visible all the same.
        .unwrap_or_else(|e| format!("<unrepresentable time: {e}>"))
}
