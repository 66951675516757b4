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

/// How the dates of a quotes table are written (`detente report --date-format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateFormat {
    /// `YYYY-MM-DD`, optionally followed by a time ([`Day::parse`]).
    #[default]
    Iso,
    /// Day, month, year: `04/01/2026`, `4.1.2026`, `4-1-2026`, `4 Jan 2026`,
    /// `4 de enero de 2026`.
    Dmy,
    /// Month, day, year: `01/04/2026`, `1/4/2026`, `Jan 4, 2026`.
    Mdy,
    /// Year, month, day with any separator: `2026/01/04`, `2026.1.4`.
    Ymd,
    /// Seconds since 1970-01-01 UTC (`1767484800`, `1767484800.5`): the UTC day.
    Unix,
}

/// The names accepted by [`DateFormat`]'s `FromStr`, for messages.
pub const DATE_FORMATS: &str = "iso, dmy, mdy, ymd, unix";

impl std::str::FromStr for DateFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<DateFormat, String> {
        match s.to_ascii_lowercase().as_str() {
            "iso" | "ymd-iso" => Ok(DateFormat::Iso),
            "dmy" => Ok(DateFormat::Dmy),
            "mdy" => Ok(DateFormat::Mdy),
            "ymd" => Ok(DateFormat::Ymd),
            "unix" | "epoch" => Ok(DateFormat::Unix),
            _ => Err(format!(
                "unknown date format {}; use one of {DATE_FORMATS}",
                quoted(s)
            )),
        }
    }
}

/// Month names in English and Spanish, full and abbreviated (lower case, accents folded).
const MONTH_NAMES: [(&str, u32); 40] = [
    ("january", 1),
    ("jan", 1),
    ("enero", 1),
    ("ene", 1),
    ("february", 2),
    ("feb", 2),
    ("febrero", 2),
    ("march", 3),
    ("mar", 3),
    ("marzo", 3),
    ("april", 4),
    ("apr", 4),
    ("abril", 4),
    ("abr", 4),
    ("may", 5),
    ("mayo", 5),
    ("june", 6),
    ("jun", 6),
    ("junio", 6),
    ("july", 7),
    ("jul", 7),
    ("julio", 7),
    ("august", 8),
    ("aug", 8),
    ("agosto", 8),
    ("ago", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octubre", 10),
    ("november", 11),
    ("nov", 11),
    ("noviembre", 11),
    ("december", 12),
    ("dec", 12),
    ("diciembre", 12),
];

/// The month a name stands for (`Jan`, `enero`, `Sept.`), any case.
fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w == "dic" {
        return Some(12);
    }
    MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, m)| *m)
}

impl DateFormat {
    /// The day `s` names in this format, or why it names none. In the numeric formats a date
    /// that starts with a four-digit year is read as `YYYY-MM-DD` (ISO is never ambiguous),
    /// and a month written as a name (English or Spanish) is the month wherever it stands.
    /// A time after the date (`04/01/2026 10:30`, `2026-01-04T10:00Z`) is allowed and not
    /// used.
    pub fn parse(self, s: &str) -> Result<Day, String> {
        match self {
            DateFormat::Iso => Day::parse(s).map_err(|e| {
                format!("{e}, or say how the dates are written: --date-format ({DATE_FORMATS})")
            }),
            DateFormat::Unix => unix_day(s),
            DateFormat::Dmy | DateFormat::Mdy | DateFormat::Ymd => self.numeric(s.trim()),
        }
    }

    /// The day of a date the user gives beside the data (an event, a phase's start or end):
    /// in this format, but always `YYYY-MM-DD` under [`DateFormat::Unix`] (nobody writes an
    /// event in seconds) and also `YYYY-MM-DD` in the other orders, as [`DateFormat::parse`]
    /// reads it.
    pub fn parse_setting(self, s: &str) -> Result<Day, String> {
        match self {
            DateFormat::Unix => Day::parse(s),
            _ => self.parse(s),
        }
    }

    /// Whether `s`, not a date in this order, is one with day and month the other way round
    /// (`dmy` for `mdy` and back): the sign that the whole column is written in the other
    /// order, and that the rows read before it may have had day and month swapped.
    pub fn other_order_fits(self, s: &str) -> bool {
        let other = match self {
            DateFormat::Dmy => DateFormat::Mdy,
            DateFormat::Mdy => DateFormat::Dmy,
            _ => return false,
        };
        self.parse(s).is_err() && other.parse(s).is_ok()
    }

    /// The order in words, for the report's method section.
    pub fn describe(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD (--date-format iso)",
            DateFormat::Dmy => "day, month, year (--date-format dmy)",
            DateFormat::Mdy => "month, day, year (--date-format mdy)",
            DateFormat::Ymd => "year, month, day (--date-format ymd)",
            DateFormat::Unix => "Unix time, the UTC day (--date-format unix)",
        }
    }

    fn example(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::Dmy => "DD/MM/YYYY (or 4 Jan 2026)",
            DateFormat::Mdy => "MM/DD/YYYY (or Jan 4, 2026)",
            DateFormat::Ymd => "YYYY/MM/DD",
            DateFormat::Unix => "seconds since 1970-01-01",
        }
    }

    fn numeric(self, s: &str) -> Result<Day, String> {
        let not_a_date = || {
            format!(
                "{} is not a date written {}; pick the order with --date-format ({DATE_FORMATS})",
                quoted(s),
                self.example()
            )
        };
        // The fields: runs of letters or digits, the Spanish "de"/"del" left out; a field
        // ending at a `:` starts the time.
        let mut fields: Vec<&str> = Vec::with_capacity(3);
        let mut rest = s;
        while fields.len() < 3 {
            rest = rest.trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '/' | '-' | '.' | ',')
            });
            let mut end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            // "2026T10:30": the last field's digits end where an ISO time begins.
            if fields.len() == 2
                && let Some(t) = rest[..end].find('T')
                && t > 0
                && rest[..t].bytes().all(|b| b.is_ascii_digit())
                && rest[t + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                end = t;
            }
            let (field, after) = rest.split_at(end);
            if field.is_empty() {
                return Err(not_a_date());
            }
            // A month abbreviation may end in a dot ("Sept.", "ene.").
            let after = match after.strip_prefix('.') {
                Some(a) if month_number(field).is_some() => a,
                _ => after,
            };
            if !field.eq_ignore_ascii_case("de") && !field.eq_ignore_ascii_case("del") {
                fields.push(field);
            }
            rest = after;
        }
        // After the date: nothing, or a time (`10:30`, `T10:00:00Z`, `10 AM`).
        let tail = rest.trim_start_matches([',', ' ', '\t']);
        let time_ok = tail.is_empty()
            || rest.starts_with(['T', ' ', '\t', ','])
                && tail
                    .trim_start_matches('T')
                    .starts_with(|c: char| c.is_ascii_digit());
        if !time_ok {
            return Err(not_a_date());
        }
        let [a, b, c] = [fields[0], fields[1], fields[2]];
        let digits = |f: &str, max: usize| {
            (!f.is_empty() && f.len() <= max && f.bytes().all(|x| x.is_ascii_digit()))
                .then(|| f.parse::<u32>().ok())
                .flatten()
        };
        let named: Vec<usize> = (0..3)
            .filter(|&i| month_number(fields[i]).is_some())
            .collect();
        let (y, m, d) = match named.as_slice() {
            // A month name is the month; the four-digit field is the year; the other the day.
            [i] => {
                let others: Vec<&str> = (0..3).filter(|j| j != i).map(|j| fields[j]).collect();
                let (y, d) = if others[0].len() == 4 {
                    (others[0], others[1])
                } else {
                    (others[1], others[0])
                };
                (y, fields[*i], d)
            }
            [] if a.len() == 4 => (a, b, c),
            [] => match self {
                DateFormat::Dmy => (c, b, a),
                DateFormat::Mdy => (c, a, b),
                _ => (a, b, c),
            },
            _ => return Err(not_a_date()),
        };
        if y.len() != 4 {
            return Err(if y.len() == 2 && digits(y, 2).is_some() {
                format!(
                    "{}: write the year with four digits (a two-digit year is ambiguous); in a \
                     spreadsheet, format the column as a date with a four-digit year",
                    quoted(s)
                )
            } else {
                not_a_date()
            });
        }
        let month = month_number(m).or_else(|| digits(m, 2));
        match (digits(y, 4), month, digits(d, 2)) {
            (Some(y), Some(m), Some(d)) => Day::from_ymd(y as i32, m, d).ok_or_else(|| {
                // "13/01/2026" read month first: the month is the day, and every row read
                // before it in this order may be misdated, so say which order fits.
                let other = match self {
                    DateFormat::Dmy => "mdy",
                    DateFormat::Mdy => "dmy",
                    _ => "",
                };
                let swapped = m > 12 && Day::from_ymd(y as i32, d, m).is_some();
                if swapped && !other.is_empty() && named.is_empty() {
                    format!(
                        "{} has {m} as its month, so the dates are not written {}: \
                         they look like --date-format {other}",
                        quoted(s),
                        self.example()
                    )
                } else {
                    format!("{} is not a day of the calendar", quoted(s))
                }
            }),
            _ => Err(not_a_date()),
        }
    }
}

/// The UTC day of a Unix time in seconds (`1767484800`, `1767484800.25`, `-86400`).
fn unix_day(s: &str) -> Result<Day, String> {
    let t = s.trim();
    let bad = || {
        format!(
            "{} is not a Unix time in seconds (since 1970-01-01, such as 1767484800; \
             13 digits are milliseconds: divide by 1000)",
            quoted(t)
        )
    };
    let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
    let body = int.strip_prefix('-').unwrap_or(int);
    if body.is_empty()
        || body.len() > 12
        || !body.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let secs: i64 = int.parse().map_err(|_| bad())?;
    let day = secs.div_euclid(86_400);
    // Days from -700,000 to 2,900,000 are years -1947 to 9909: enough for any statement.
    if !(-700_000..=2_900_000).contains(&day) {
        return Err(bad());
    }
    Ok(Day(day as i32))
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

/// The time unit of the report's tone lines: a mean per day, per week or per month. Daily
/// means over a year are hundreds of zigzags per speaker; weekly or monthly ones show the trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeUnit {
    /// By the dates: days when they span up to [`TimeUnit::DAYS_MAX`] days or fall on at
    /// most [`TimeUnit::SPARSE_DAYS`] days (a few statements over months, as in the founding
    /// case, where a week would merge a threat and the call that answered it); otherwise
    /// weeks up to a span of [`TimeUnit::WEEKS_MAX`] days, months beyond.
    #[default]
    Auto,
    /// Calendar days.
    Day,
    /// Weeks from Monday (ISO 8601).
    Week,
    /// Calendar months.
    Month,
}

impl TimeUnit {
    /// The longest span of days [`TimeUnit::Auto`] shows day by day: about three months, a
    /// dozen pixels a day on the report's charts.
    pub const DAYS_MAX: i32 = 92;
    /// The longest span [`TimeUnit::Auto`] shows week by week: three years, about 160 weeks.
    pub const WEEKS_MAX: i32 = 3 * 366;
    /// Days with statements up to which [`TimeUnit::Auto`] keeps days whatever the span:
    /// that many points still read one by one.
    pub const SPARSE_DAYS: usize = 60;

    /// The unit for dates from `first` to `last` on `days` distinct days: itself, unless
    /// [`TimeUnit::Auto`].
    pub fn resolve(self, first: Day, last: Day, days: usize) -> TimeUnit {
        match self {
            TimeUnit::Auto => {
                let span = last.0.saturating_sub(first.0);
                if span <= Self::DAYS_MAX || days <= Self::SPARSE_DAYS {
                    TimeUnit::Day
                } else if span <= Self::WEEKS_MAX {
                    TimeUnit::Week
                } else {
                    TimeUnit::Month
                }
            }
            unit => unit,
        }
    }

    /// The first day of the unit `day` is in (Auto counts as days).
    pub fn start(self, day: Day) -> Day {
        match self {
            TimeUnit::Auto | TimeUnit::Day => day,
            // 1970-01-01 was a Thursday: Monday is 3 days before it.
            TimeUnit::Week => Day((day.0 + 3).div_euclid(7) * 7 - 3),
            TimeUnit::Month => {
                let (y, m, _) = day.ymd();
                Day::from_ymd(y, m, 1).unwrap_or(day)
            }
        }
    }

    /// Where on a time axis the unit that starts on `start` is drawn: its middle.
    pub fn middle(self, start: Day) -> f64 {
        let len = match self {
            TimeUnit::Auto | TimeUnit::Day => 1,
            TimeUnit::Week => 7,
            TimeUnit::Month => {
                let (y, m, _) = start.ymd();
                days_in_month(y, m) as i32
            }
        };
        f64::from(start.0) + f64::from(len - 1) / 2.0
    }

    /// "daily", "weekly", "monthly", for captions.
    pub fn adjective(self) -> &'static str {
        match self {
            TimeUnit::Auto | TimeUnit::Day => "daily",
            TimeUnit::Week => "weekly",
            TimeUnit::Month => "monthly",
        }
    }

    /// The unit that starts on `start`, in words: "2026-01-04", "week of 2026-01-05",
    /// "January 2026".
    pub fn label(self, start: Day) -> String {
        match self {
            TimeUnit::Auto | TimeUnit::Day => start.to_string(),
            TimeUnit::Week => format!("week of {start}"),
            TimeUnit::Month => {
                let (y, m, _) = start.ymd();
                format!("{} {y}", Self::month_name(m))
            }
        }
    }

    /// Daily (day, statements, mean) points merged into this unit's: one point per unit with
    /// data, at its first day, its mean the statement-weighted mean of its days (a unit with
    /// one day keeps that day's mean as it is).
    pub fn merge(self, daily: &[(Day, u64, f64)]) -> Vec<(Day, u64, f64)> {
        let mut out: Vec<(Day, u64, f64)> = Vec::new();
        for &(day, n, mean) in daily {
            let start = self.start(day);
            match out.last_mut() {
                Some((s, total, m)) if *s == start => {
                    let both = *total + n;
                    if both > 0 {
                        *m = (*m * *total as f64 + mean * n as f64) / both as f64;
                    }
                    *total = both;
                }
                _ => out.push((start, n, mean)),
            }
        }
        out
    }

    /// The English name of month `m` (1-12; "" outside), for labels.
    pub fn month_name(m: u32) -> &'static str {
        MONTH_LABELS
            .get((m as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("")
    }
}

impl std::str::FromStr for TimeUnit {
    type Err = String;
    fn from_str(s: &str) -> Result<TimeUnit, String> {
        match s.to_ascii_lowercase().as_str() {
            "auto" => Ok(TimeUnit::Auto),
            "day" | "days" | "daily" => Ok(TimeUnit::Day),
            "week" | "weeks" | "weekly" => Ok(TimeUnit::Week),
            "month" | "months" | "monthly" => Ok(TimeUnit::Month),
            _ => Err(format!(
                "unknown time unit {}; use auto, day, week or month",
                quoted(s)
            )),
        }
    }
}

/// English month names, January first, for labels.
const MONTH_LABELS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(f: DateFormat, s: &str) -> Result<(i32, u32, u32), String> {
        f.parse(s).map(Day::ymd)
    }

    #[test]
    fn numeric_formats_read_the_order_they_are_given() {
        use DateFormat::*;
        for (f, s) in [
            (Dmy, "04/01/2026"),
            (Dmy, "4/1/2026"),
            (Dmy, "4.1.2026"),
            (Dmy, "04-01-2026"),
            (Dmy, " 4 1 2026 "),
            (Dmy, "04/01/2026 10:30"),
            (Dmy, "04/01/2026 10:30:00 p. m."),
            (Dmy, "4/1/2026, 10:30"),
            (Dmy, "04/01/2026T10:30Z"),
            (Mdy, "01/04/2026"),
            (Mdy, "1/4/2026 9:05 PM"),
            (Ymd, "2026/01/04"),
            (Ymd, "2026.1.4"),
            // ISO in every numeric format: a four-digit year first is never ambiguous.
            (Dmy, "2026-01-04"),
            (Mdy, "2026-01-04T23:59:59-05:00"),
            // Month names, English or Spanish, any case, wherever they stand.
            (Dmy, "4 Jan 2026"),
            (Dmy, "4 de enero de 2026"),
            (Dmy, "4 de Enero del 2026"),
            (Dmy, "4-ene.-2026"),
            (Mdy, "Jan 4, 2026"),
            (Mdy, "January 4, 2026 10:00"),
            (Dmy, "Jan 4, 2026"),
            (Ymd, "2026 ENE 4"),
            (Iso, "2026-01-04"),
        ] {
            assert_eq!(ymd(f, s), Ok((2026, 1, 4)), "{f:?} {s:?}");
        }
        assert_eq!(ymd(Dmy, "Sept. 30, 2025"), Ok((2025, 9, 30)));
        assert_eq!(ymd(Dmy, "1 dic 2025"), Ok((2025, 12, 1)));
        assert_eq!(ymd(Mdy, "12/31/1999"), Ok((1999, 12, 31)));
    }

    #[test]
    fn numeric_formats_refuse_what_they_cannot_read() {
        use DateFormat::*;
        for (f, s, want) in [
            (
                Dmy,
                "01/13/2026",
                "has 13 as its month, so the dates are not written DD/MM/YYYY (or 4 Jan 2026): they look like --date-format mdy",
            ),
            (Mdy, "13/01/2026", "they look like --date-format dmy"),
            (Mdy, "13/13/2026", "not a day of the calendar"),
            (Ymd, "2026/13/01", "not a day of the calendar"),
            (Dmy, "31/02/2026", "not a day of the calendar"),
            (Dmy, "04/01/26", "four digits"),
            (Dmy, "04/01", "not a date written DD/MM/YYYY"),
            (Dmy, "", "not a date"),
            (Dmy, "04/01/2026 banana", "not a date"),
            (Dmy, "04/01/2026x", "not a date"),
            (Dmy, "4 Jan Feb 2026", "not a date"),
            (Dmy, "4 Foo 2026", "not a date"),
            (Mdy, "001/04/2026", "not a date"),
            (Iso, "04/01/2026", "write it as YYYY-MM-DD"),
        ] {
            let e = ymd(f, s).unwrap_err();
            assert!(e.contains(want), "{f:?} {s:?}: {e}");
        }
    }

    #[test]
    fn unix_times_are_utc_days() {
        use DateFormat::Unix;
        assert_eq!(ymd(Unix, "0"), Ok((1970, 1, 1)));
        assert_eq!(ymd(Unix, "1767484800"), Ok((2026, 1, 4)));
        assert_eq!(ymd(Unix, "1767571199.999"), Ok((2026, 1, 4)));
        assert_eq!(ymd(Unix, "-1"), Ok((1969, 12, 31)));
        assert_eq!(ymd(Unix, "-86400.5"), Ok((1969, 12, 31)));
        for bad in ["", "-", "1e9", "12:00", "1767484800000", "1.2.3", "abc"] {
            assert!(ymd(Unix, bad).is_err(), "{bad}");
        }
        assert!(
            ymd(Unix, "1767484800000")
                .unwrap_err()
                .contains("milliseconds")
        );
    }

    /// Any text, in any format: an answer, never a panic (multi-byte characters next to the
    /// separators and the `T` the parser cuts at, long digit runs, empty fields).
    #[test]
    fn no_text_makes_a_format_panic() {
        let pieces = [
            "2026",
            "01",
            "4",
            "13",
            "/",
            "-",
            ".",
            ",",
            " ",
            "T",
            "t",
            "10:30",
            "de",
            "ene.",
            "Sept",
            "é",
            "ñ",
            "€",
            "\u{feff}",
            "99999999999999",
            "0",
            ":",
            "Z",
            "+0000",
            "",
        ];
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 7) as usize;
            let text: String = (0..n)
                .map(|i| pieces[((seed >> (8 * i)) % pieces.len() as u64) as usize])
                .collect();
            for f in [
                DateFormat::Iso,
                DateFormat::Dmy,
                DateFormat::Mdy,
                DateFormat::Ymd,
                DateFormat::Unix,
            ] {
                if let Ok(day) = f.parse(&text) {
                    // Whatever is read is a real day that prints as ISO and reads back.
                    assert_eq!(Day::parse(&day.to_string()), Ok(day), "{f:?} {text:?}");
                }
            }
        }
    }

    #[test]
    fn formats_parse_by_name() {
        for (name, f) in [
            ("iso", DateFormat::Iso),
            ("DMY", DateFormat::Dmy),
            ("mdy", DateFormat::Mdy),
            ("ymd", DateFormat::Ymd),
            ("unix", DateFormat::Unix),
        ] {
            assert_eq!(name.parse::<DateFormat>(), Ok(f));
        }
        let e = "ddmmyy".parse::<DateFormat>().unwrap_err();
        assert!(e.contains("iso, dmy, mdy, ymd, unix"), "{e}");
    }

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

    #[test]
    fn the_other_order_fits_only_where_day_and_month_swap() {
        use DateFormat::*;
        for (format, s, fits) in [
            (Mdy, "14/01/2026", true),
            (Dmy, "01/14/2026", true),
            (Mdy, "04/01/2026", false),
            (Dmy, "31/31/2026", false),
            (Dmy, "2026-01-14", false),
            (Dmy, "14 Jan 2026", false),
            (Iso, "14/01/2026", false),
            (Ymd, "2026/14/01", false),
            (Unix, "14/01/2026", false),
        ] {
            assert_eq!(format.other_order_fits(s), fits, "{format:?} {s}");
        }
    }

    #[test]
    fn time_units_start_merge_and_resolve() {
        let d = |y, m, dd| Day::from_ymd(y, m, dd).expect("day");
        // 2026-01-04 was a Sunday, 2026-01-05 a Monday.
        assert_eq!(TimeUnit::Week.start(d(2026, 1, 4)), d(2025, 12, 29));
        assert_eq!(TimeUnit::Week.start(d(2026, 1, 5)), d(2026, 1, 5));
        assert_eq!(TimeUnit::Week.start(d(2026, 1, 11)), d(2026, 1, 5));
        assert_eq!(TimeUnit::Week.start(Day(-1)), d(1969, 12, 29));
        assert_eq!(TimeUnit::Month.start(d(2024, 2, 29)), d(2024, 2, 1));
        assert_eq!(TimeUnit::Day.start(d(2024, 2, 29)), d(2024, 2, 29));
        assert_eq!(
            TimeUnit::Month.middle(d(2024, 2, 1)),
            f64::from(d(2024, 2, 1).0) + 14.0
        );
        assert_eq!(
            TimeUnit::Week.middle(d(2026, 1, 5)),
            f64::from(d(2026, 1, 5).0) + 3.0
        );
        assert_eq!(TimeUnit::Month.label(d(2026, 1, 1)), "January 2026");
        assert_eq!(TimeUnit::Week.label(d(2026, 1, 5)), "week of 2026-01-05");
        let a = d(2026, 1, 1);
        assert_eq!(TimeUnit::Auto.resolve(a, Day(a.0 + 92), 93), TimeUnit::Day);
        assert_eq!(TimeUnit::Auto.resolve(a, Day(a.0 + 93), 61), TimeUnit::Week);
        assert_eq!(TimeUnit::Auto.resolve(a, Day(a.0 + 93), 60), TimeUnit::Day);
        assert_eq!(
            TimeUnit::Auto.resolve(a, Day(a.0 + 3 * 366 + 1), 500),
            TimeUnit::Month
        );
        assert_eq!(
            TimeUnit::Auto.resolve(a, Day(a.0 + 3 * 366 + 1), 6),
            TimeUnit::Day
        );
        assert_eq!(TimeUnit::Month.resolve(a, a, 1), TimeUnit::Month);
        // Weighted by statements: (1 x -1 + 3 x 1) / 4 = 0.5.
        let daily = [
            (d(2026, 1, 5), 1, -1.0),
            (d(2026, 1, 7), 3, 1.0),
            (d(2026, 1, 12), 2, 0.25),
        ];
        assert_eq!(
            TimeUnit::Week.merge(&daily),
            vec![(d(2026, 1, 5), 4, 0.5), (d(2026, 1, 12), 2, 0.25)]
        );
        assert_eq!(TimeUnit::Day.merge(&daily), daily.to_vec());
        for s in ["auto", "Week", "monthly", "day"] {
            assert!(s.parse::<TimeUnit>().is_ok(), "{s}");
        }
        assert!("fortnight".parse::<TimeUnit>().is_err());
    }
}
