//! LinkedIn's quota day: calls are counted per UTC date and the counts reset at midnight UTC.

use std::time::SystemTime;

use time::{Date, OffsetDateTime, Time};

/// The UTC date a moment falls in, as LinkedIn's daily quotas count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct QuotaDay(Date);

impl QuotaDay {
    /// The quota day `at` falls in.
    pub fn of(at: SystemTime) -> Self {
        QuotaDay(OffsetDateTime::from(at).date())
    }

    /// The next midnight UTC, when this day's counts reset.
    pub fn resets_at(self) -> SystemTime {
        // Date::MAX (year 9999) has no next day; the last instant of it is a reset far enough away.
        match self.0.next_day() {
            Some(next) => next.with_time(Time::MIDNIGHT).assume_utc().into(),
            None => self.0.with_time(Time::MAX).assume_utc().into(),
        }
    }

    /// `2026-11-29`: the part of a counter's key that makes a new day start from zero.
    pub fn label(self) -> String {
        let (year, month, day) = (self.0.year(), u8::from(self.0.month()), self.0.day());
        format!("{year:04}-{month:02}-{day:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_day_runs_from_midnight_to_midnight_utc() {
        // 2026-11-29T23:59:59Z and the next second.
        let last_second = UNIX_EPOCH + Duration::from_secs(1_795_996_799);
        let day = QuotaDay::of(last_second);
        assert_eq!(day.label(), "2026-11-29");
        assert_eq!(
            day.resets_at(),
            last_second + Duration::from_secs(1),
            "the reset is the next midnight UTC"
        );
        let next = QuotaDay::of(last_second + Duration::from_secs(1));
        assert_eq!(next.label(), "2026-11-30");
        assert!(next > day);
    }
}
