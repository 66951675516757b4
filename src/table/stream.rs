//! Streaming `score`: read rows in batches into reused records, score a batch in parallel
//! (order kept), write it, repeat. Memory is bounded by the batch, not the file. Every row read
//! is either written or rejected, and the [`Summary`] counts both.

use super::columns::{ColumnMap, ColumnSpec};
use super::write::{Format, SCORE_COLUMNS, ScoreFields, write_jsonl};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::score::batch::Pool;
use crate::score::{Score, Scorer};
use std::io::{Read, Write};

/// What to do with a row that cannot be scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop with an error naming the row (the default).
    Fail,
    /// Set the row aside (see [`Reject`]) and go on.
    Skip,
}

/// Options for [`score_stream`].
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Column names given by the user.
    pub columns: ColumnSpec,
    /// Output format.
    pub format: Format,
    /// The input has a header row, and the CSV output gets one.
    pub headers: bool,
    /// Rows per parallel batch.
    pub batch_size: usize,
    /// Bad-row policy.
    pub on_error: OnError,
    /// Largest field accepted, in bytes; larger fields reject the row.
    pub max_field_bytes: usize,
    /// The input's name for error messages.
    pub input: Location,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            columns: ColumnSpec::default(),
            format: Format::Csv,
            headers: true,
            batch_size: DEFAULT_BATCH,
            on_error: OnError::Fail,
            max_field_bytes: DEFAULT_MAX_FIELD,
            input: Location::default(),
        }
    }
}

/// Rows per batch: large enough to keep threads busy, small enough to bound memory (a few MB).
pub const DEFAULT_BATCH: usize = 8192;

/// Default largest field: 1 MiB. A statement longer than this is almost surely a broken file.
pub const DEFAULT_MAX_FIELD: usize = 1 << 20;

/// A row that was not scored, with why and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    /// Where it is (line, row, column).
    pub location: Location,
    /// Why it was rejected.
    pub reason: String,
    /// The row's fields as read (lossy UTF-8).
    pub fields: Vec<String>,
}

/// Counts of a run: `scored + rejected == read`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Data rows read.
    pub read: u64,
    /// Rows scored and written.
    pub scored: u64,
    /// Rows rejected.
    pub rejected: u64,
}

// One instance per run: its size does not matter, boxing would add an indirection per row.
#[allow(clippy::large_enum_variant)]
enum Sink<W: Write> {
    Csv(csv::Writer<W>),
    Jsonl(std::io::BufWriter<W>),
}

enum Outcome {
    Scored(Score),
    Rejected(ErrorKind, Option<usize>),
}

/// Scores every row of the CSV `input` into `output`. Rejected rows go to `on_reject` when the
/// policy is [`OnError::Skip`]; with [`OnError::Fail`] the first bad row is an error.
pub fn score_stream<R: Read, W: Write>(
    input: R,
    output: W,
    scorer: &Scorer,
    pool: &Pool,
    opts: &StreamOptions,
    mut on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<Summary> {
    let loc = &opts.input;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let read_err = |e: csv::Error| csv_error(e, loc);

    // Header (or the first row, when there is none).
    let mut first = csv::ByteRecord::new();
    if !rdr.read_byte_record(&mut first).map_err(read_err)? {
        return Err(Error::new(ErrorKind::EmptyInput, loc.clone()));
    }
    let (headers, pending_first) = if opts.headers {
        let mut names = Vec::with_capacity(first.len());
        for (i, f) in first.iter().enumerate() {
            let f = if i == 0 {
                f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
            } else {
                f
            };
            let name = std::str::from_utf8(f).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidUtf8 {
                        valid_up_to: e.valid_up_to(),
                    },
                    Location {
                        line: Some(1),
                        column: Some(i + 1),
                        ..loc.clone()
                    },
                )
            })?;
            names.push(name.to_string());
        }
        (names, false)
    } else {
        (
            (1..=first.len()).map(|i| i.to_string()).collect::<Vec<_>>(),
            true,
        )
    };
    let map = ColumnMap::find(&headers, &opts.columns, loc)?;
    let out_names = output_names(&headers, loc)?;

    let mut sink = match opts.format {
        Format::Csv => Sink::Csv(
            csv::WriterBuilder::new()
                .buffer_capacity(1 << 16)
                .from_writer(output),
        ),
        Format::Jsonl => Sink::Jsonl(std::io::BufWriter::with_capacity(1 << 16, output)),
    };
    let write_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(&io, Location::in_source("output")),
        other => Error::new(
            ErrorKind::Io {
                detail: format!("{other:?}"),
                broken_pipe: false,
            },
            Location::in_source("output"),
        ),
    };
    if let (true, Sink::Csv(csv_out)) = (opts.headers, &mut sink) {
        for h in &headers {
            csv_out.write_field(h).map_err(write_err)?;
        }
        for h in &out_names {
            csv_out.write_field(h).map_err(write_err)?;
        }
        csv_out.write_record(None::<&[u8]>).map_err(write_err)?;
    }

    let width = headers.len();
    let batch_size = opts.batch_size.max(1);
    let mut batch: Vec<csv::ByteRecord> = Vec::with_capacity(batch_size);
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(batch_size);
    let mut fields = ScoreFields::default();
    let mut line = Vec::new();
    let mut summary = Summary::default();
    let mut pending = if pending_first { Some(first) } else { None };
    loop {
        // Fill the batch, reusing the records' allocations.
        let mut n = 0;
        while n < batch_size {
            if n == batch.len() {
                batch.push(csv::ByteRecord::new());
            }
            if let Some(rec) = pending.take() {
                batch[n] = rec;
                n += 1;
                continue;
            }
            if !rdr.read_byte_record(&mut batch[n]).map_err(read_err)? {
                break;
            }
            n += 1;
        }
        if n == 0 {
            break;
        }
        let max_field = opts.max_field_bytes;
        pool.map_into(&batch[..n], &mut outcomes, |rec| {
            check_row(rec, width, map.text, max_field).map_or_else(
                |(kind, col)| Outcome::Rejected(kind, col),
                |text| Outcome::Scored(scorer.score(text)),
            )
        });
        for (rec, outcome) in batch[..n].iter().zip(outcomes.drain(..)) {
            summary.read += 1;
            let row_loc = |column: Option<usize>| Location {
                line: rec.position().map(|p| p.line()),
                row: Some(summary.read),
                column: column.map(|c| c + 1),
                column_name: column.and_then(|c| headers.get(c).cloned()),
                ..loc.clone()
            };
            match outcome {
                Outcome::Rejected(kind, column) => {
                    let err = Error::new(kind, row_loc(column));
                    if opts.on_error == OnError::Fail {
                        return Err(err);
                    }
                    summary.rejected += 1;
                    on_reject(Reject {
                        reason: reject_reason(&err),
                        location: err.location().clone(),
                        fields: rec
                            .iter()
                            .map(|f| String::from_utf8_lossy(f).into_owned())
                            .collect(),
                    })?;
                }
                Outcome::Scored(score) => {
                    summary.scored += 1;
                    match &mut sink {
                        Sink::Csv(csv_out) => {
                            for f in rec.iter() {
                                csv_out.write_field(f).map_err(write_err)?;
                            }
                            fields.fill(&score, scorer);
                            for i in 0..SCORE_COLUMNS.len() {
                                csv_out.write_field(fields.get(i)).map_err(write_err)?;
                            }
                            csv_out.write_record(None::<&[u8]>).map_err(write_err)?;
                        }
                        Sink::Jsonl(out) => {
                            // check_row validated every field as UTF-8.
                            let strs: Vec<&str> = rec
                                .iter()
                                .map(|f| std::str::from_utf8(f).unwrap_or(""))
                                .collect();
                            write_jsonl(out, &headers, &strs, &score, scorer, &mut line)
                                .map_err(|e| Error::io(&e, Location::in_source("output")))?;
                        }
                    }
                }
            }
        }
        if n < batch_size {
            break;
        }
    }
    match &mut sink {
        Sink::Csv(w) => w.flush(),
        Sink::Jsonl(w) => w.flush(),
    }
    .map_err(|e| Error::io(&e, Location::in_source("output")))?;
    Ok(summary)
}

/// The text of a row, or why the row cannot be scored (with the 0-based column at fault).
fn check_row(
    rec: &csv::ByteRecord,
    width: usize,
    text_col: usize,
    max_field: usize,
) -> std::result::Result<&str, (ErrorKind, Option<usize>)> {
    if rec.len() != width {
        return Err((
            ErrorKind::Csv {
                detail: format!(
                    "expected {width} fields like the header, found {}",
                    rec.len()
                ),
            },
            None,
        ));
    }
    for (i, f) in rec.iter().enumerate() {
        if f.len() > max_field {
            return Err((
                ErrorKind::Csv {
                    detail: format!(
                        "field of {} bytes exceeds the limit of {max_field} (raise it with --max-field-bytes)",
                        f.len()
                    ),
                },
                Some(i),
            ));
        }
        if let Err(e) = std::str::from_utf8(f) {
            return Err((
                ErrorKind::InvalidUtf8 {
                    valid_up_to: e.valid_up_to(),
                },
                Some(i),
            ));
        }
    }
    rec.get(text_col)
        .and_then(|f| std::str::from_utf8(f).ok())
        .ok_or((
            ErrorKind::Csv {
                detail: "the text column is missing".to_string(),
            },
            Some(text_col),
        ))
}

/// The names of the appended score columns. A score column whose name the input already uses
/// is prefixed with `score_`; an input that already has `tone` and `hits` is detente output and
/// an error.
fn output_names(headers: &[String], loc: &Location) -> Result<Vec<String>> {
    let has = |n: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(n));
    if has("tone") && has("hits") {
        return Err(Error::new(
            ErrorKind::ColumnClash {
                columns: vec!["tone".to_string(), "hits".to_string()],
            },
            loc.clone(),
        ));
    }
    Ok(SCORE_COLUMNS
        .iter()
        .map(|c| {
            if has(c) {
                format!("score_{c}")
            } else {
                (*c).to_string()
            }
        })
        .collect())
}

fn reject_reason(err: &Error) -> String {
    match err.kind() {
        ErrorKind::Csv { detail } => detail.clone(),
        ErrorKind::InvalidUtf8 { valid_up_to } => {
            format!("invalid UTF-8 after byte {valid_up_to} of the field")
        }
        other => format!("{other:?}"),
    }
}

fn csv_error(e: csv::Error, loc: &Location) -> Error {
    let line = e.position().map(|p| p.line());
    let row = e.position().map(|p| p.record());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(&io, loc.clone()),
        other => Error::new(
            ErrorKind::Csv {
                detail: format!("{other:?}"),
            },
            Location {
                line,
                row,
                ..loc.clone()
            },
        ),
    }
}
