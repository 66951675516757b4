//! Events and phases for a report, from a small CSV: `kind,date,end,label`, where kind is
//! `event` (a dated marker) or `phase` (a span from date to end, inclusive). `kind` and `end`
//! may be left out: then a row with an end date is a phase and any other row an event.

use super::{Event, Phase};
use crate::analysis::dates::DateFormat;
use crate::error::quoted;
use crate::error::{Error, ErrorKind, Location, Result};
use std::io::Read;

/// Reads events and phases from `input` (named `loc` in errors), in file order, dates written
/// `YYYY-MM-DD`.
pub fn read_events<R: Read>(input: R, loc: &Location) -> Result<(Vec<Event>, Vec<Phase>)> {
    read_events_as(input, loc, DateFormat::Iso)
}

/// [`read_events`] with dates written in `format` ([`DateFormat::parse_setting`]: `YYYY-MM-DD`
/// is read in every format), as `report --date-format` reads the events file.
pub fn read_events_as<R: Read>(
    input: R,
    loc: &Location,
    format: DateFormat,
) -> Result<(Vec<Event>, Vec<Phase>)> {
    let mut events = Vec::new();
    let mut phases = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(crate::table::LineEnds::new(input));
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            Error::new(
                ErrorKind::Csv {
                    detail: e.to_string(),
                },
                loc.clone(),
            )
        })?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
        .collect();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let (Some(dc), Some(lc)) = (col("date"), col("label")) else {
        return Err(Error::new(
            ErrorKind::BadSetting {
                detail: format!(
                    "an events file needs the columns date and label (and, if it lists phases, \
                     kind and end); the columns are: {}",
                    crate::error::quoted_list(&headers)
                ),
            },
            loc.clone(),
        ));
    };
    // Without a kind column, a row with an end date is a phase and any other row an event.
    let kc = col("kind");
    let ec = col("end");
    let csv_err = |e: csv::Error| {
        Error::new(
            ErrorKind::Csv {
                detail: e.to_string(),
            },
            loc.clone(),
        )
    };
    let mut raw = csv::ByteRecord::new();
    let mut i = 0usize;
    while crate::table::read_record(&mut rdr, &mut raw).map_err(csv_err)? {
        i += 1;
        let rec = csv::StringRecord::from_byte_record(raw.clone()).map_err(|e| {
            let bad = e.utf8_error();
            Error::new(
                ErrorKind::BadSetting {
                    detail: format!(
                        "invalid UTF-8 after byte {} of the field; re-encode the file as UTF-8 \
                         (for example `iconv -f latin1 -t utf-8`)",
                        bad.valid_up_to()
                    ),
                },
                Location {
                    line: raw.position().map(|p| p.line()),
                    row: Some(i as u64),
                    column: Some(bad.field() + 1),
                    column_name: headers.get(bad.field()).cloned(),
                    ..loc.clone()
                },
            )
        })?;
        let line = rec.position().map(|p| p.line());
        let at = |c: usize| Location {
            line,
            row: Some(i as u64),
            column: Some(c + 1),
            column_name: headers.get(c).cloned(),
            ..loc.clone()
        };
        let get = |c: usize| rec.get(c).unwrap_or("").trim().to_string();
        let day = |c: usize| {
            format
                .parse_setting(&get(c))
                .map_err(|detail| Error::new(ErrorKind::BadSetting { detail }, at(c)))
        };
        let kind = match kc {
            Some(k) => get(k),
            None if ec.is_some_and(|e| !get(e).is_empty()) => "phase".to_string(),
            None => "event".to_string(),
        };
        match kind.as_str() {
            "event" => events.push(Event {
                day: day(dc)?,
                label: get(lc),
            }),
            "phase" => {
                let start = day(dc)?;
                let end = match ec {
                    Some(e) if !get(e).is_empty() => day(e)?,
                    _ => start,
                };
                if end < start {
                    return Err(Error::new(
                        ErrorKind::BadSetting {
                            detail: format!("phase {} ends before it starts", quoted(&get(lc))),
                        },
                        at(ec.unwrap_or(dc)),
                    ));
                }
                phases.push(Phase {
                    name: get(lc),
                    start,
                    end,
                });
            }
            other => {
                return Err(Error::new(
                    ErrorKind::BadSetting {
                        detail: format!("kind {} must be event or phase", quoted(other)),
                    },
                    at(kc.unwrap_or(0)),
                ));
            }
        }
    }
    Ok((events, phases))
}
