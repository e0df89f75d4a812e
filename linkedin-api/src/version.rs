//! LinkedIn versions over time: calendar dates, and the warning a client logs when its version is
//! close to being sunset. [`Version`](crate::Version) itself is generated from `spec/versions.yaml`.

use std::fmt;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// How long before a version's sunset [`warn_if_near_sunset`] starts warning.
pub const SUNSET_WARNING_DAYS: i64 = 60;

/// A calendar date (UTC), enough to compare against sunset dates without a date-time crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date; `month` is 1–12 and `day` 1–31 (not checked against the month's length).
    pub const fn new(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Today, in UTC.
    pub fn today() -> Date {
        Date::from_system_time(SystemTime::now())
    }

    /// The UTC date of an instant (instants before 1970 give 1970-01-01).
    pub fn from_system_time(t: SystemTime) -> Date {
        let days = t
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400) as i64;
        civil_from_days(days)
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        days_from_civil(other) - days_from_civil(self)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = String;

    /// Parses `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, String> {
        let bad = || format!("`{s}` is not a YYYY-MM-DD date");
        let mut parts = s.splitn(3, '-');
        let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(bad());
        };
        let (y, m, d) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        if y < 1970 || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return Err(bad());
        }
        Ok(Date::new(y, m, d))
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

// Howard Hinnant's days <-> civil algorithms (proleptic Gregorian, UTC).
fn days_from_civil(d: Date) -> i64 {
    let (y, m, d) = (i64::from(d.year), i64::from(d.month), i64::from(d.day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::new(y as u16, m as u8, d as u8)
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
            assert_eq!(days_from_civil(d), days, "{s}");
            assert_eq!(civil_from_days(days), d);
            assert_eq!(d.to_string(), s);
        }
        let t = UNIX_EPOCH + Duration::from_secs(20_780 * 86_400 + 3600);
        assert_eq!(Date::from_system_time(t), Date::new(2026, 11, 23));
        assert_eq!(Date::new(2026, 1, 1).days_until(Date::new(2026, 3, 1)), 59);
        assert!("2026-13-01".parse::<Date>().is_err());
    }

    #[test]
    fn warns_within_sixty_days_of_sunset_and_after() {
        let v = crate::Version::ALL[0];
        let sunset = v.sunset();
        let before = |days: i64| civil_from_days(days_from_civil(sunset) - days);
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
