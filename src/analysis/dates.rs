//! Calendar days: ISO `YYYY-MM-DD` parsing and formatting, and day arithmetic. detente needs
//! nothing more than civil dates, so this is a few tested lines (Howard Hinnant's
//! days-from-civil algorithm) rather than a date-time dependency.

use crate::error::quoted;
use std::fmt;

/// A calendar day, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day for a year, month (1-12) and day of month, if it exists.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe as u32 * 365 + yoe as u32 / 4 - yoe as u32 / 100 + doy;
        Some(Day(era * 146_097 + doe as i32 - 719_468))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097) as u32;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe as i32 + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (if m <= 2 { y + 1 } else { y }, m, d)
    }

    /// Parses `YYYY-MM-DD`, also when followed by a time (`2026-01-04T10:00:00Z`,
    /// `2026-01-04 10:00`). Returns why it could not when it cannot.
    pub fn parse(s: &str) -> Result<Day, String> {
        let s = s.trim();
        let date = s.get(..10).unwrap_or(s);
        let rest = s.get(10..).unwrap_or("");
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return Err(format!(
                "{} is not a date; write it as YYYY-MM-DD",
                quoted(s)
            ));
        }
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(format!(
                "{} is not a date; write it as YYYY-MM-DD",
                quoted(s)
            ));
        };
        let num = |p: &str, len: usize| {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u32>().ok()
            } else {
                None
            }
        };
        match (num(y, 4), num(m, 2), num(d, 2)) {
            (Some(y), Some(m), Some(d)) => Day::from_ymd(y as i32, m, d)
                .ok_or_else(|| format!("{} is not a day of the calendar", quoted(s))),
            _ => Err(format!(
                "{} is not a date; write it as YYYY-MM-DD",
                quoted(s)
            )),
        }
    }

    /// "Jan 4" style short label.
    pub fn short(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (_, m, d) = self.ymd();
        format!("{} {d}", MONTHS[(m as usize + 11) % 12])
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_values() {
        assert_eq!(Day::parse("1970-01-01"), Ok(Day(0)));
        assert_eq!(
            Day::parse("2026-01-04").map(|d| d.to_string()),
            Ok("2026-01-04".to_string())
        );
        assert_eq!(
            Day::parse("2024-02-29T10:00:00Z").map(|d| d.ymd()),
            Ok((2024, 2, 29))
        );
        for n in -700_000..2_900_000 {
            if n % 997 == 0 {
                let d = Day(n);
                assert_eq!(Day::parse(&d.to_string()), Ok(d));
            }
        }
        assert_eq!(
            Day::parse("2026-01-07").map(|d| d.0).unwrap_or(0)
                - Day::parse("2026-01-04").map(|d| d.0).unwrap_or(0),
            3
        );
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "",
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "04/01/2026",
            "2026-1-4",
            "20260104",
            "2026-01-04x",
        ] {
            assert!(Day::parse(bad).is_err(), "{bad}");
        }
    }
}
