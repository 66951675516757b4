//! Flags shared by the subcommands that read a quotes table (`score`, `report`): columns,
//! threads, batches and the bad-row policy, turned once into library options; and the rejects
//! file.

use super::io::{Output, location};
use clap::Args;
use detente::score::batch::Pool;
use detente::table::{ColumnSpec, OnError, Reject, Role, StreamOptions, csv_record, is_delimiter};
use detente::{Error, ErrorKind, Location};
use std::io::Write;

/// How to read a quotes table.
#[derive(Args, Debug, Clone)]
pub struct TableArgs {
    /// The input's character encoding, when it is not UTF-8: windows-1252 (or latin1) for
    /// Western European text saved by Windows programs, iso-8859-15, utf-16 ("Unicode text"
    /// from spreadsheets), or any WHATWG label. Output is always UTF-8.
    #[arg(long, value_name = "LABEL", value_parser = super::io::parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,

    /// Column holding the statement (default: the first of text, quote, statement, content,
    /// body, texto). A name or a 1-based number.
    #[arg(long, value_name = "NAME")]
    text_col: Option<String>,

    /// Column with the row id (default: id).
    #[arg(long, value_name = "NAME")]
    id_col: Option<String>,

    /// Column with the date (default: date, day, created_at, timestamp, fecha); `report`
    /// reads it as --date-format says (YYYY-MM-DD by default).
    #[arg(long, value_name = "NAME")]
    date_col: Option<String>,

    /// Column with the speaker (default: speaker, author, actor).
    #[arg(long, value_name = "NAME")]
    speaker_col: Option<String>,

    /// Column with the target (default: target, addressee, recipient).
    #[arg(long, value_name = "NAME")]
    target_col: Option<String>,

    /// Threads; 0 means one per core, at most 256. Output is identical for any value.
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,

    /// Rows per chunk of parallel work, at most; a chunk also ends after about 256 KiB of
    /// input, so with statements of ordinary length the bytes decide.
    #[arg(long, default_value_t = StreamOptions::default().batch_size, value_name = "N")]
    batch: usize,

    /// Go on past rows that cannot be used (ragged, invalid UTF-8, oversized field, bad date):
    /// each is reported on stderr and, with --rejects, written to a file. Exit code 1 if any.
    #[arg(long)]
    skip_bad_rows: bool,

    /// With --skip-bad-rows: write rejected rows here as CSV (line, row, column, reason, then
    /// the row itself as one CSV field).
    #[arg(long, value_name = "PATH", requires = "skip_bad_rows")]
    pub rejects: Option<String>,

    /// Largest field accepted, in bytes; a row with a longer one is rejected (the `hits` column
    /// of `detente score` output may be 12 times as long). A row longer than
    /// the header's number of fields times twice this (an unclosed quote, say) is read to its
    /// end without being kept, so memory stays bounded; its first 64 KiB go to --rejects.
    #[arg(long, default_value_t = StreamOptions::default().max_field_bytes, value_name = "BYTES")]
    max_field_bytes: usize,

    /// The character between the input's fields: `,` (the default), `;` (spreadsheets saved
    /// in many European locales), `tab` (or `\t`) for tab-separated files, or another ASCII
    /// character. Quotes work the same with any of them. The output CSV is always
    /// comma-separated.
    #[arg(short, long, default_value = ",", value_name = "CHAR", value_parser = parse_delimiter)]
    delimiter: u8,
}

/// Reads `--delimiter`: one ASCII character other than a quote or a line end; `tab` and `\t`
/// name the tab.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    let byte = match s {
        "tab" | "\\t" => Some(b'\t'),
        _ => match s.as_bytes() {
            [b] if is_delimiter(*b) => Some(*b),
            _ => None,
        },
    };
    byte.ok_or_else(|| {
        format!(
            "{s:?} cannot separate fields: use one ASCII character other than a quote or a \
             line end, such as , ; | or tab"
        )
    })
}

impl TableArgs {
    /// The library options for reading `input`.
    pub fn stream_options(&self, input: &str, headers: bool) -> StreamOptions {
        let mut columns = ColumnSpec::default();
        for (role, name) in [
            (Role::Text, &self.text_col),
            (Role::Id, &self.id_col),
            (Role::Date, &self.date_col),
            (Role::Speaker, &self.speaker_col),
            (Role::Target, &self.target_col),
        ] {
            if let Some(n) = name {
                columns.set(role, n);
            }
        }
        StreamOptions {
            columns,
            headers,
            batch_size: self.batch,
            on_error: if self.skip_bad_rows {
                OnError::Skip
            } else {
                OnError::Fail
            },
            max_field_bytes: self.max_field_bytes,
            input: location(input),
            delimiter: self.delimiter,
            ..StreamOptions::default()
        }
    }

    /// The thread pool.
    pub fn pool(&self) -> Result<Pool, Error> {
        Pool::new(self.threads).map_err(|detail| {
            Error::new(
                ErrorKind::BadSetting { detail },
                Location::in_source("--threads"),
            )
        })
    }
}

/// How many rejected rows are described on stderr before only counting.
const REJECTS_SHOWN: u64 = 20;

/// Reports rejected rows on stderr and writes them to the rejects file, if any.
pub struct Rejects {
    file: Option<(std::io::BufWriter<Output>, String)>,
    seen: u64,
    quiet: bool,
    /// The line being written, reused.
    line: Vec<u8>,
}

impl Rejects {
    /// Opens the rejects file (atomically written) when a path is given.
    pub fn new(path: Option<&str>, quiet: bool) -> Result<Rejects, Error> {
        let file = match path {
            Some(p) => {
                let mut w = std::io::BufWriter::new(Output::create(p)?);
                w.write_all(b"line,row,column,reason,fields\n")
                    .map_err(|e| Error::io(&e, location(p)))?;
                Some((w, p.to_string()))
            }
            None => None,
        };
        Ok(Rejects {
            file,
            seen: 0,
            quiet,
            line: Vec::new(),
        })
    }

    /// Handles one rejected row.
    pub fn add(&mut self, reject: Reject) -> Result<(), Error> {
        if !self.quiet && self.seen < REJECTS_SHOWN {
            eprintln!("detente: rejected {}: {}", reject.location, reject.reason);
        }
        self.seen += 1;
        if let Some((w, path)) = self.file.as_mut() {
            let loc = &reject.location;
            let opt = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
            // The row as it was, as one CSV line, in the last column. Written by detente's
            // CSV writer, whose time is linear in a field's length (a rejected row may hold a
            // field of hundreds of megabytes).
            let mut raw = Vec::new();
            match reject.fields.as_slice() {
                // A lone empty field is written quoted, so that the line is not empty.
                [only] if only.is_empty() => raw.extend_from_slice(b"\"\""),
                fields => csv_record(&mut raw, fields.iter().map(|f| f.as_bytes())),
            }
            if raw.last() == Some(&b'\n') {
                raw.pop();
            }
            let (line, row, column) = (
                opt(loc.line),
                opt(loc.row),
                loc.column.map(|c| c.to_string()).unwrap_or_default(),
            );
            self.line.clear();
            csv_record(
                &mut self.line,
                [
                    line.as_bytes(),
                    row.as_bytes(),
                    column.as_bytes(),
                    reject.reason.as_bytes(),
                    &raw,
                ]
                .into_iter(),
            );
            w.write_all(&self.line)
                .map_err(|e| Error::io(&e, location(path)))?;
        }
        Ok(())
    }

    /// Finishes the rejects file and prints the summary line when asked or when rows were
    /// rejected.
    pub fn finish(self, summary: &detente::table::Summary, always: bool) -> Result<(), Error> {
        self.finish_split(summary, always, None)
    }

    /// [`Rejects::finish`] for a run that split its statements into parts (`unit`: "sentences"
    /// or "paragraphs"): the summary line counts them too.
    pub fn finish_split(
        self,
        summary: &detente::table::Summary,
        always: bool,
        unit: Option<&str>,
    ) -> Result<(), Error> {
        let path = self.file.as_ref().map(|(_, p)| p.clone());
        if let Some((w, p)) = self.file {
            let out = w
                .into_inner()
                .map_err(|e| Error::io(e.error(), location(&p)))?;
            out.commit()?;
        }
        if !self.quiet && (always || summary.rejected > 0) {
            if self.seen > REJECTS_SHOWN {
                eprintln!(
                    "detente: ... and {} more rejected rows",
                    self.seen - REJECTS_SHOWN
                );
            }
            let parts = unit.map_or(String::new(), |u| format!(" as {} {u}", summary.parts));
            eprintln!(
                "detente: read {} rows: {} scored{parts}, {} rejected{}{}",
                summary.read,
                summary.scored,
                summary.rejected,
                match path {
                    Some(p) if summary.rejected > 0 => format!(" (see {p})"),
                    _ => String::new(),
                },
                // The language guess at a glance: a Spanish corpus read as English shows here.
                match (summary.langs, unit) {
                    ([0, 0], _) => String::new(),
                    ([en, es], None) => format!("; scored as English {en}, as Spanish {es}"),
                    ([en, es], Some(u)) => format!("; {u} scored as English {en}, as Spanish {es}"),
                }
            );
        }
        Ok(())
    }
}
