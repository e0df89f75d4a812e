//! LinkedIn versions over time: calendar dates, and the warning a client logs when its version is
//! close to being sunset. [`Version`](crate::Version) itself is generated from `spec/versions.yaml`.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long before a version's sunset [`warn_if_near_sunset`] starts warning.
pub const SUNSET_WARNING_DAYS: i64 = 60;

/// A calendar date (UTC): the day a version is sunset, or today.
///
/// The calendar arithmetic is the `time` crate's (a [`time::Date`] inside); this type keeps the
/// small surface the generated version table needs (a `const` constructor from year, month and
/// day) so `time` stays out of the public API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(time::Date);

impl Date {
    /// A date from its year, month (1–12) and day (1–31). Out-of-range parts are clamped, so
    /// this never fails or panics: a month above 12 is December, a day past the month's end is
    /// its last day, a year before 1970 is 1970. Parse user input with [`str::parse`] instead,
    /// which rejects an invalid date with an error saying so.
    pub const fn new(year: u16, month: u8, day: u8) -> Date {
        let year = if year < 1970 { 1970 } else { year } as i32;
        let month = month_of(if month < 1 { 1 } else { month });
        let last = time::util::days_in_month(month, year);
        let day = if day < 1 {
            1
        } else if day > last {
            last
        } else {
            day
        };
        match time::Date::from_calendar_date(year, month, day) {
            Ok(date) => Date(date),
            // Unreachable: every part was clamped into range above.
            Err(_) => Date(time::Date::MIN),
        }
    }

    /// Today, in UTC.
    pub fn today() -> Date {
        Date::from_system_time(SystemTime::now())
    }

    /// The UTC date of an instant (instants before 1970 give 1970-01-01).
    pub fn from_system_time(t: SystemTime) -> Date {
        let secs = t.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let at = i64::try_from(secs)
            .ok()
            .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        Date(at.date())
    }

    /// The year.
    pub fn year(self) -> u16 {
        // Dates are built from a u16 year or from an instant after 1970 within `time`'s range.
        u16::try_from(self.0.year()).unwrap_or(u16::MAX)
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        u8::from(self.0.month())
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        (other.0 - self.0).whole_days()
    }

    /// The date `days` later (earlier when negative), saturating at `time`'s range.
    pub fn add_days(self, days: i64) -> Date {
        let moved = self.0.checked_add(time::Duration::days(days));
        Date(moved.unwrap_or(if days < 0 {
            time::Date::MIN
        } else {
            time::Date::MAX
        }))
    }
}

/// `time::Month::try_from` is not `const`.
const fn month_of(month: u8) -> time::Month {
    use time::Month::*;
    match month {
        1 => January,
        2 => February,
        3 => March,
        4 => April,
        5 => May,
        6 => June,
        7 => July,
        8 => August,
        9 => September,
        10 => October,
        11 => November,
        _ => December,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

impl FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD` (a real day: `2026-02-30` is refused).
    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a YYYY-MM-DD date");
        let mut parts = s.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (y, m, d): (u16, u8, u8) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        let month = time::Month::try_from(m).map_err(|_| bad())?;
        if y < 1970 {
            return Err(bad());
        }
        time::Date::from_calendar_date(i32::from(y), month, d)
            .map(Date)
            .map_err(|_| bad())
    }
}

/// A string that names no version this crate knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a LinkedIn version this crate knows (expected YYYYMM between {first} and {last})", first = crate::Version::ALL[0], last = crate::Version::LATEST)]
pub struct UnknownVersion(pub String);

/// Logs a `tracing` warning when `version` is sunset, or will be within
/// [`SUNSET_WARNING_DAYS`], so a 426 never comes as a surprise. Called by every month's `Api::new`.
pub fn warn_if_near_sunset(version: crate::Version) {
    if let Some(message) = sunset_warning(version, Date::today()) {
        tracing::warn!(version = version.as_str(), sunset = %version.sunset(), "{message}");
    }
}

/// The warning for `version` on `today`, if any.
pub fn sunset_warning(version: crate::Version, today: Date) -> Option<String> {
    let days = today.days_until(version.sunset());
    let estimated = if version.sunset_is_estimated() {
        " (estimated)"
    } else {
        ""
    };
    if days <= 0 {
        Some(format!(
            "LinkedIn API version {version} was sunset on {}{estimated}; calls will fail with 426. Move to a newer version module.",
            version.sunset()
        ))
    } else if days <= SUNSET_WARNING_DAYS {
        Some(format!(
            "LinkedIn API version {version} will be sunset in {days} days, on {}{estimated}. Move to a newer version module.",
            version.sunset()
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_round_trip_through_days() {
        for (s, days) in [
            ("1970-01-01", 0),
            ("2000-03-01", 11_017),
            ("2026-11-23", 20_780),
        ] {
            let d: Date = s.parse().unwrap();
            assert_eq!(Date::new(1970, 1, 1).days_until(d), days, "{s}");
            assert_eq!(Date::new(1970, 1, 1).add_days(days), d);
            assert_eq!(d.to_string(), s);
        }
        let t = UNIX_EPOCH + Duration::from_secs(20_780 * 86_400 + 3600);
        assert_eq!(Date::from_system_time(t), Date::new(2026, 11, 23));
        assert_eq!(Date::new(2026, 1, 1).days_until(Date::new(2026, 3, 1)), 59);
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!("2026-02-29".parse::<Date>().is_err(), "not a leap year");
        assert!("2028-02-29".parse::<Date>().is_ok());
        // `new` clamps instead of failing (the generated table is const).
        assert_eq!(Date::new(2026, 2, 31), Date::new(2026, 2, 28));
        assert_eq!(Date::new(2026, 13, 0), Date::new(2026, 12, 1));
        assert_eq!(Date::new(1900, 1, 1), Date::new(1970, 1, 1));
    }

    #[test]
    fn warns_within_sixty_days_of_sunset_and_after() {
        let v = crate::Version::ALL[0];
        let sunset = v.sunset();
        let before = |days: i64| sunset.add_days(-days);
        assert_eq!(sunset_warning(v, before(61)), None);
        assert!(
            sunset_warning(v, before(60))
                .unwrap()
                .contains("in 60 days")
        );
        assert!(sunset_warning(v, before(0)).unwrap().contains("was sunset"));
        assert!(v.is_supported(before(1)));
        assert!(!v.is_supported(sunset));
    }
}
