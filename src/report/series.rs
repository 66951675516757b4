//! The numbers behind the report's tone lines as a CSV table, for plotting them elsewhere: one
//! row per group and day, week or month ([`Report::time_unit`]) with statements, everyone's
//! first, then each speaker shown and each speaker → target pair shown, in the report's order.

use super::Report;
use crate::analysis::dates::{Day, TimeUnit};
use crate::table::looks_like_formula;
use std::io::{self, Write};

/// The header of [`write_csv`]'s table.
pub const HEADER: [&str; 7] = [
    "kind",
    "speaker",
    "target",
    "period",
    "unit",
    "statements",
    "mean_tone",
];

/// Writes the table: `kind` is `all`, `speaker` or `pair`; `period` the first day of the day,
/// week (from Monday) or month, `unit` which; `mean_tone` to four decimals. Names are quoted
/// as CSV needs; with `escape_formulas`, a name a spreadsheet would run as a formula
/// ([`looks_like_formula`]) gets a `'` before it.
pub fn write_csv(r: &Report, out: &mut impl Write, escape_formulas: bool) -> io::Result<()> {
    let unit = r.time_unit;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    let name = |n: &str| -> String {
        if escape_formulas && looks_like_formula(n.as_bytes()) {
            format!("'{n}")
        } else {
            n.to_string()
        }
    };
    let mut rows = |kind: &str, speaker: &str, target: &str, daily: &[(Day, u64, f64)]| {
        let (speaker, target) = (name(speaker), name(target));
        for (start, n, mean) in unit.merge(daily) {
            w.write_record([
                kind,
                &speaker,
                &target,
                &start.to_string(),
                unit_name(unit),
                &n.to_string(),
                &format!("{mean:.4}"),
            ])?;
        }
        io::Result::Ok(())
    };
    rows("all", super::ALL, "", &r.overall.points)?;
    for s in &r.series {
        rows("speaker", &s.name, "", &s.points)?;
    }
    for d in &r.dyads {
        rows("pair", &d.from, &d.to, &d.series)?;
    }
    w.flush()
}

pub(crate) fn unit_name(unit: TimeUnit) -> &'static str {
    match unit {
        TimeUnit::Auto | TimeUnit::Day => "day",
        TimeUnit::Week => "week",
        TimeUnit::Month => "month",
    }
}
