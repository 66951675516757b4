//! Streaming rows: a [`Source`] reads a CSV's header and then cuts the rest of the input into
//! chunks of whole records (an exact scan for record ends, [`super::split`]); the pool parses
//! each chunk's records and maps them (order kept), and the results go to a sink in input
//! order. `score` ([`score_stream`]) and `report` are both built on it. Memory is bounded by
//! the chunks in flight, not the file. Every row read is either passed on or rejected, and the
//! [`Summary`] counts both.

use super::columns::{ColumnMap, ColumnSpec};
use super::rows::{Place, Row, Rows};
use super::split::{RecordStart, Splitter};
use super::write::{
    Format, JsonlKeys, SCORE_COLUMNS, csv_field, csv_field_escaped, csv_record, csv_record_escaped,
    csv_score_fields, csv_scored_row, json_key, jsonl_fields, jsonl_into, jsonl_number_field,
    jsonl_score_fields, push_number,
};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::score::batch::Pool;
use crate::score::{Score, Scorer};
use crate::text::{Tokens, paragraph_ranges};
use std::io::{Read, Write};

/// What to do with a row that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Stop with an error naming the row (the default).
    Fail,
    /// Set the row aside (see [`Reject`]) and go on.
    Skip,
}

/// Options for reading a quotes table.
#[derive(Debug, Clone)]
pub struct StreamOptions {
    /// Column names given by the user.
    pub columns: ColumnSpec,
    /// Output format (for `score`).
    pub format: Format,
    /// The input has a header row, and the CSV output gets one.
    pub headers: bool,
    /// Without a header row in the input (`headers: false`): its column names, written as a
    /// header line of the input would be (the same delimiter and quoting). Columns are then
    /// found by name and JSON Lines keys are the names, as with a header row; the CSV output
    /// still gets no header. For map steps that see chunks of a file (`score --header`).
    pub header_line: Option<String>,
    /// Rows per chunk of parallel work, at most (a chunk also ends after about 256 KiB of
    /// input).
    pub batch_size: usize,
    /// Bad-row policy.
    pub on_error: OnError,
    /// Largest field accepted, in bytes; larger fields reject the row.
    pub max_field_bytes: usize,
    /// The input's name for error messages.
    pub input: Location,
    /// The byte between fields: `,` (the default), or another one-byte ASCII character such
    /// as `;` or a tab. Not `"`, CR or LF. Output CSV is always comma-separated.
    pub delimiter: u8,
    /// CSV output only: input fields (and header names) that a spreadsheet would run as a
    /// formula get a `'` before them ([`super::write::looks_like_formula`]).
    pub escape_formulas: bool,
    /// `score` only: each statement scored whole (the default), or split into sentences or
    /// paragraphs, one output row each.
    pub split: Split,
}

/// How [`score_stream`] cuts each statement before scoring it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Split {
    /// One output row per input row (the default).
    #[default]
    Whole,
    /// One output row per sentence ([`crate::text::Tokens::sentence_ranges`]), the text
    /// column holding the sentence and a `sentence` column its number in the statement.
    Sentences,
    /// One output row per paragraph ([`crate::text::paragraph_ranges`]: stretches between
    /// blank lines), with a `paragraph` column.
    Paragraphs,
}

impl Split {
    /// The byte ranges of `text`'s parts into `out` (cleared first): its sentences, with
    /// `tokens` as the buffer to tokenize it in (given back after a long statement), or its
    /// paragraphs. For [`Split::Whole`], the whole text as one range.
    pub(crate) fn ranges(self, text: &str, tokens: &mut Tokens, out: &mut Vec<(usize, usize)>) {
        match self {
            Split::Whole => {
                out.clear();
                out.push((0, text.len()));
            }
            Split::Paragraphs => paragraph_ranges(text, out),
            Split::Sentences => {
                tokens.tokenize(text);
                tokens.sentence_ranges(text, out);
                // A long statement's tokens are given back before its sentences are scored:
                // only their ranges are needed now.
                if text.len() > crate::score::LONG_STATEMENT {
                    tokens.trim(SPLIT_KEEP_TOKENS);
                }
            }
        }
    }

    /// The name of the column that numbers the parts (`sentence`, `paragraph`), if any.
    pub fn column(self) -> Option<&'static str> {
        match self {
            Split::Whole => None,
            Split::Sentences => Some("sentence"),
            Split::Paragraphs => Some("paragraph"),
        }
    }
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions {
            columns: ColumnSpec::default(),
            format: Format::Csv,
            headers: true,
            header_line: None,
            batch_size: DEFAULT_BATCH,
            on_error: OnError::Fail,
            max_field_bytes: DEFAULT_MAX_FIELD,
            input: Location::default(),
            delimiter: b',',
            escape_formulas: false,
            split: Split::Whole,
        }
    }
}

/// Rows per chunk, at most: with statements of ordinary length, a chunk ends by its bytes
/// ([`CHUNK_BYTES`]) first; with very short rows this keeps a chunk's records few.
pub const DEFAULT_BATCH: usize = 8192;

/// Default largest field: 1 MiB. A statement longer than this is almost surely a broken file.
pub const DEFAULT_MAX_FIELD: usize = 1 << 20;

/// A row that was not used, with why and where.
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
    /// Rows used (scored and written, or aggregated).
    pub scored: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows scored in each language, English then Spanish (`detente score` only; zeros
    /// elsewhere); with a [`Split`], the parts (sentences or paragraphs) in each.
    pub langs: [u64; 2],
    /// With a [`Split`], the parts written (output rows); 0 without.
    pub parts: u64,
}

/// Why a row cannot be used: the error kind and the 0-based column at fault.
pub type RowError = (ErrorKind, Option<usize>);

/// An open quotes table: header read, columns found, rows not yet read.
pub struct Source<R: Read> {
    input: R,
    /// Bytes read from `input` and not yet handed out in a chunk; they start at a record start.
    carry: Vec<u8>,
    /// `input` is at its end.
    eof: bool,
    /// Where `carry`'s first byte is in the input (it starts a record).
    at: Place,
    headers: Vec<String>,
    map: ColumnMap,
    opts: StreamOptions,
}

impl<R: Read> Source<R> {
    /// Reads the header (or, without one, peeks at the first row to number the columns) and
    /// finds the columns.
    pub fn open(mut input: R, opts: &StreamOptions) -> Result<Source<R>> {
        let loc = &opts.input;
        let read_err = |e: std::io::Error| Error::io(&e, loc.clone());
        let (mut carry, mut eof) = (Vec::new(), false);
        while carry.len() < BOM.len() && !eof {
            eof = read_more(&mut input, &mut carry).map_err(read_err)? == 0;
        }
        // The csv crate drops a byte-order mark at the very start of the input, and so do we,
        // before the splitter sees it (a quote after it opens a quoted field).
        let mut at = Place {
            line: 1,
            ..Place::default()
        };
        if carry.starts_with(BOM) {
            carry.drain(..BOM.len());
            at.byte = BOM.len() as u64;
        }
        if looks_utf16(&carry) {
            return Err(Error::new(
                ErrorKind::BadSetting {
                    detail: "the file is UTF-16 (what spreadsheets save as \"Unicode text\"; \
                             it starts with a UTF-16 byte-order mark or holds NUL bytes), not \
                             UTF-8: pass --encoding utf-16 (--encoding utf-16be for big-endian \
                             text without a byte-order mark), or save it as \"CSV UTF-8\""
                        .to_string(),
                },
                Location {
                    line: Some(1),
                    ..loc.clone()
                },
            ));
        }
        let delimiter = opts.delimiter;
        if !is_delimiter(delimiter) {
            return Err(Error::new(
                ErrorKind::BadSetting {
                    detail: format!(
                        "{:?} cannot separate fields: use one ASCII character other than a \
                         quote or a line end, such as , ; | or a tab",
                        char::from(delimiter)
                    ),
                },
                loc.clone(),
            ));
        }
        let (mut splitter, mut pos, mut starts) = (Splitter::new(delimiter), 0, Vec::new());
        // The first row sets the number of fields, so it cannot be set aside like a long row
        // later on: past this length it is an error (an unclosed quote, most likely).
        let first_max = FIRST_ROW_MAX.max(opts.max_field_bytes.saturating_mul(4));
        let end = loop {
            if let Some(end) = splitter.next_record_end(&carry, &mut pos, &mut starts) {
                break end;
            }
            if eof {
                break carry.len();
            }
            if carry.len() > first_max {
                return Err(Error::new(
                    ErrorKind::Csv {
                        detail: format!(
                            "the first row is longer than {first_max} bytes: an unclosed \
                             quote? (for longer fields, raise --max-field-bytes)"
                        ),
                    },
                    Location {
                        line: Some(1),
                        ..loc.clone()
                    },
                ));
            }
            eof = read_more(&mut input, &mut carry).map_err(read_err)? == 0;
        };
        let mut first = Rows::new();
        first.parse(&carry, starts.get(..1).unwrap_or(&[]), delimiter, |_, _| {
            Place::default()
        });
        let first = first.get(0);
        let headers = match (first, opts.headers, &opts.header_line) {
            (None, true, _) => return Err(Error::new(ErrorKind::EmptyInput, loc.clone())),
            (Some(_), true, _) if splitter.in_quoted_field() => {
                // Not a row to set aside: without its header the file cannot be read.
                return Err(Error::new(
                    ErrorKind::BadSetting {
                        detail: "the header row opens a quoted field that the input never \
                                 closes: an unclosed quote"
                            .to_string(),
                    },
                    Location {
                        line: Some(1),
                        ..loc.clone()
                    },
                ));
            }
            (Some(first), true, _) => {
                let names = header_names(first.iter(), loc)?;
                at = Place {
                    byte: at.byte + end as u64,
                    line: at.line + splitter.lines(),
                    record: 1,
                };
                carry.drain(..end);
                names
            }
            // The first row stays in the input, to be read as data, under the given names.
            (_, false, Some(line)) => given_header(line, delimiter)?,
            // The first row stays in the input, to be read as data.
            (Some(first), false, None) => (1..=first.len()).map(|i| i.to_string()).collect(),
            // No header row and no rows: a map step's empty chunk, which has nothing to
            // score and no columns to number.
            (None, false, None) => Vec::new(),
        };
        let map = if headers.is_empty() {
            ColumnMap::EMPTY
        } else {
            ColumnMap::find(&headers, &opts.columns, delimiter, loc)?
        };
        Ok(Source {
            input,
            carry,
            eof,
            at,
            headers,
            map,
            opts: opts.clone(),
        })
    }

    /// The column names (numbers as text without a header row).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Where the roles' columns are.
    pub fn columns(&self) -> &ColumnMap {
        &self.map
    }

    /// Reads every row in chunks, maps each through `map` on `pool` (a row that fails the
    /// basic checks of [`check_row`] or `map` is a reject), then calls `sink` with each good
    /// row and its mapped value, in input order. Rejects stop the run with
    /// [`OnError::Fail`] and go to `on_reject` with [`OnError::Skip`]. Each row's
    /// [`Row::place`] gives its byte offset, line and record number in the input.
    ///
    /// This thread reads the input and cuts it into chunks of whole records, and hands the
    /// results of each chunk to `sink`; the pool parses the chunks' records and maps them,
    /// several chunks at a time ([`Pool::pipeline`]).
    pub fn for_each<T, M, S, J>(
        &mut self,
        pool: &Pool,
        map: M,
        mut sink: S,
        on_reject: J,
    ) -> Result<Summary>
    where
        T: Send,
        M: Fn(&Row<'_>, &str) -> std::result::Result<T, RowError> + Sync + Send,
        S: FnMut(&Row<'_>, T) -> Result<()>,
        J: FnMut(Reject) -> Result<()>,
    {
        self.run(
            pool,
            || (),
            |_: &mut (), rec, text| map(rec, text),
            |event, _: &()| match event {
                Sunk::Row(rec, value) => sink(&rec, value),
                Sunk::Flush => Ok(()),
            },
            on_reject,
        )
    }

    /// [`Source::for_each`] with a working state per chunk of rows: `map` may leave output
    /// in its chunk's state (formatted bytes, say) and `sink` reads it back. States are made by
    /// `new_state`, cleared by [`ChunkState::clear`] before each use and after each drain, and
    /// reused, so a steady run allocates nothing per row. `sink` also gets [`Sunk::Flush`] once the rows of a
    /// chunk have gone to it and before a reject, so that it can hand on the rows it was
    /// gathering while their chunk's state is still there.
    fn run<C, T, M, S, J>(
        &mut self,
        pool: &Pool,
        new_state: impl Fn() -> C,
        map: M,
        mut sink: S,
        mut on_reject: J,
    ) -> Result<Summary>
    where
        C: ChunkState,
        T: Send,
        M: Fn(&mut C, &Row<'_>, &str) -> std::result::Result<T, RowError> + Sync + Send,
        S: FnMut(Sunk<'_, T>, &C) -> Result<()>,
        J: FnMut(Reject) -> Result<()>,
    {
        let loc = self.opts.input.clone();
        let width = self.headers.len();
        let text_col = self.map.text;
        let max_field = self.opts.max_field_bytes;
        // In `detente score` output the `hits` column may be longer than the text it explains.
        let wide = super::score_columns(&self.headers)
            .map(|c| (c.hits, max_field.saturating_mul(HITS_FIELD_FACTOR)));
        let delimiter = self.opts.delimiter;
        let rows_per_chunk = self.opts.batch_size.max(1);
        // Longer than this, a row has a field over the limit (quotes doubled at most double
        // a field), more fields than the header, or an unclosed quote.
        let max_record = width
            .max(1)
            .saturating_mul(max_field.saturating_mul(2).saturating_add(3))
            .saturating_add(wide.map_or(0, |(_, max)| max.saturating_mul(2)));
        let on_error = self.opts.on_error;
        let mut summary = Summary::default();
        // A read error ends the input; it is reported once the rows read before it have gone
        // to the sink.
        let mut read_error = None;
        let Source {
            input,
            carry,
            eof,
            at,
            headers,
            ..
        } = self;

        let fill = |chunk: &mut Chunk<C, T>| -> Result<bool> {
            if read_error.is_some() {
                return Ok(false);
            }
            match next_chunk(
                input,
                carry,
                eof,
                at,
                rows_per_chunk,
                max_record,
                delimiter,
                chunk,
            ) {
                Ok(more) => Ok(more),
                Err(e) => {
                    read_error = Some(Error::io(&e, loc.clone()));
                    Ok(false)
                }
            }
        };
        let work = |chunk: &mut Chunk<C, T>| {
            let Chunk {
                input,
                start,
                starts,
                rows,
                long,
                unclosed,
                state,
                out,
            } = chunk;
            state.clear();
            out.clear();
            rows.clear();
            // Byte 0 of the input is the line end put before the chunk.
            let start = *start;
            let place = |i: usize, s: &RecordStart| Place {
                byte: start.byte + s.offset.saturating_sub(1) as u64,
                line: start.line + s.lines,
                record: start.record + i as u64,
            };
            let parsed = starts.len() - usize::from(long.is_some());
            rows.parse(input, starts.get(..parsed).unwrap_or(&[]), delimiter, place);
            for rec in rows.iter() {
                out.push(
                    check_row(&rec, width, text_col, max_field, wide)
                        .and_then(|text| map(state, &rec, text)),
                );
            }
            if *unclosed
                && long.is_none()
                && let Some(last) = out.last_mut()
            {
                *last = Err((
                    ErrorKind::Csv {
                        detail: "the input ends inside a quoted field that opens in this row: \
                                 an unclosed quote, which took in every line after it (a \
                                 truncated file, or a stray quote); close the quote"
                            .to_string(),
                    },
                    None,
                ));
            }
            if let (Some(record), Some(s)) = (long.as_ref(), starts.last()) {
                rows.push([record.excerpt.as_slice()], place(parsed, s));
                out.push(Err((
                    ErrorKind::Csv {
                        detail: format!(
                            "row of {} bytes, longer than {} fields of at most {max_field} bytes \
                             can be: a field over the limit (raise it with --max-field-bytes), \
                             more fields than the header, or an unclosed quote; only its first \
                             {} bytes are kept",
                            record.len,
                            width,
                            record.excerpt.len()
                        ),
                    },
                    None,
                )));
            }
        };
        let drain = |chunk: &mut Chunk<C, T>| -> Result<()> {
            let Chunk {
                rows, state, out, ..
            } = chunk;
            for (rec, outcome) in rows.iter().zip(out.drain(..)) {
                summary.read += 1;
                match outcome {
                    Ok(value) => {
                        summary.scored += 1;
                        sink(Sunk::Row(rec, value), state)?;
                    }
                    Err((kind, column)) => {
                        // The rows before this one go out first, as they came in.
                        sink(Sunk::Flush, state)?;
                        let err = Error::new(
                            kind,
                            Location {
                                line: Some(rec.place().line),
                                row: Some(summary.read),
                                column: column.map(|c| c + 1),
                                column_name: column.and_then(|c| headers.get(c).cloned()),
                                ..loc.clone()
                            },
                        );
                        // A row error that is a wrong setting (a date column read in the wrong
                        // order) stops the run even when bad rows are skipped: skipping does
                        // not help, and the rows before it are suspect too.
                        if on_error == OnError::Fail
                            || matches!(err.kind(), ErrorKind::BadSetting { .. })
                        {
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
                }
            }
            sink(Sunk::Flush, state)?;
            // A chunk of long statements does not keep its large buffers for good, nor a
            // free slot its output.
            state.clear();
            chunk.input.shrink_to(CHUNK_KEEP);
            chunk.rows.shrink_to(CHUNK_KEEP);
            Ok(())
        };
        pool.pipeline(
            CHUNKS_PER_THREAD * pool.threads(),
            IN_FLIGHT_EXTRA,
            || Chunk {
                input: Vec::new(),
                start: Place::default(),
                starts: Vec::new(),
                rows: Rows::new(),
                long: None,
                unclosed: false,
                state: new_state(),
                out: Vec::new(),
            },
            |chunk| chunk.input.len().saturating_sub(CHUNK_BYTES),
            fill,
            work,
            drain,
        )?;
        match read_error {
            Some(e) => Err(e),
            None => Ok(summary),
        }
    }
}

/// Cuts the next chunk of whole records off the input into `chunk` (its input gets a line end
/// first, a byte before the first record for the splitter to look back at, and its starts
/// where each record begins): records up to
/// `max_rows` or [`CHUNK_BYTES`] of input, whichever comes first (a chunk holds at least one
/// record, however long). Returns whether a record was left. `carry` holds bytes read and not
/// yet cut and `at` where they start; both move past the chunk.
#[allow(clippy::too_many_arguments)]
fn next_chunk<R: Read, C, T>(
    input: &mut R,
    carry: &mut Vec<u8>,
    eof: &mut bool,
    at: &mut Place,
    max_rows: usize,
    max_record: usize,
    delimiter: u8,
    chunk: &mut Chunk<C, T>,
) -> std::io::Result<bool> {
    let Chunk {
        input: bytes,
        starts,
        long,
        unclosed,
        ..
    } = chunk;
    bytes.clear();
    bytes.push(b'\n');
    bytes.append(carry);
    starts.clear();
    *long = None;
    *unclosed = false;
    let (mut splitter, mut pos) = (Splitter::new(delimiter), 1);
    // The length of a record too long to keep, which the chunk's input does not hold.
    let mut dropped = 0u64;
    let cut = 'cut: loop {
        while let Some(end) = splitter.next_record_end(bytes, &mut pos, starts) {
            if starts.len() >= max_rows || end > CHUNK_BYTES {
                break 'cut end;
            }
        }
        // No record ends in the bytes so far: one that is too long to be a good row is read
        // to its end without being kept, and ends the chunk.
        if let Some(from) = starts.last().map(|s| s.offset)
            && splitter.in_record()
            && bytes.len() - from > max_record
        {
            let record = skip_record(input, bytes, from, &mut splitter, eof, carry)?;
            // `bytes` now ends where the record began.
            dropped = record.len;
            *long = Some(record);
            break bytes.len();
        }
        if *eof {
            *unclosed = splitter.in_quoted_field();
            break bytes.len();
        }
        *eof = read_more(input, bytes)? == 0;
    };
    carry.extend_from_slice(bytes.get(cut..).unwrap_or(&[]));
    bytes.truncate(cut);
    if starts.is_empty() {
        return Ok(false);
    }
    chunk.start = *at;
    *at = Place {
        byte: at.byte + (cut - 1) as u64 + dropped,
        line: at.line + splitter.lines(),
        record: at.record + starts.len() as u64,
    };
    Ok(true)
}

/// A record too long to be a good row (see [`Chunk::long`]): its length in bytes, with its
/// line end, and its first [`LONG_EXCERPT`] bytes.
struct LongRecord {
    len: u64,
    excerpt: Vec<u8>,
}

/// Reads the record that begins at `bytes[from..]` to its end without keeping it: `bytes` is
/// cut back to `from`, the record's first bytes are kept as an excerpt, and what follows the
/// record goes to `carry`. The splitter goes on in a small buffer that starts with the last
/// byte scanned (what a quote means depends on the byte before it).
fn skip_record<R: Read>(
    input: &mut R,
    bytes: &mut Vec<u8>,
    from: usize,
    splitter: &mut Splitter,
    eof: &mut bool,
    carry: &mut Vec<u8>,
) -> std::io::Result<LongRecord> {
    let record = bytes.get(from..).unwrap_or(&[]);
    let excerpt = record.get(..LONG_EXCERPT).unwrap_or(record).to_vec();
    let mut len = record.len() as u64;
    let mut buf = vec![bytes.last().copied().unwrap_or(b'\n')];
    bytes.truncate(from);
    let mut none = Vec::new();
    while !*eof {
        let n = read_more(input, &mut buf)?;
        *eof = n == 0;
        let mut pos = 1;
        if let Some(end) = splitter.next_record_end(&buf, &mut pos, &mut none) {
            len += (end - 1) as u64;
            carry.extend_from_slice(buf.get(end..).unwrap_or(&[]));
            break;
        }
        len += n as u64;
        let last = buf.last().copied().unwrap_or(b'\n');
        buf.clear();
        buf.push(last);
    }
    Ok(LongRecord { len, excerpt })
}

/// Whether `b` can separate fields: an ASCII character other than the quote and the line ends.
pub fn is_delimiter(b: u8) -> bool {
    b.is_ascii() && !matches!(b, b'"' | b'\r' | b'\n')
}

/// A UTF-16 byte-order mark, or NUL bytes among the first bytes (UTF-16 without a mark): no
/// CSV header holds a NUL, and read as UTF-8 such a file gives a header of garbled names.
fn looks_utf16(start: &[u8]) -> bool {
    start.starts_with(&[0xFF, 0xFE])
        || start.starts_with(&[0xFE, 0xFF])
        || start.iter().take(256).filter(|&&b| b == 0).count() >= 2
}

/// Appends up to [`READ_BYTES`] of `input` to `buf` (fewer only at the end of the input);
/// 0 at the end. Reads into `buf`'s spare room, without zeroing it first.
fn read_more<R: Read>(input: &mut R, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    input.take(READ_BYTES as u64).read_to_end(buf)
}

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads the next record, with its line number corrected after a CRLF line end: csv 1.x
/// reports the line before the real one for a record that follows "\r\n" (it leaves the `\n`
/// of the terminator to the next record; BurntSushi/rust-csv#395), and [`LineEnds`] knows
/// where those `\n` are.
pub(crate) fn read_record<R: Read>(
    rdr: &mut csv::Reader<LineEnds<R>>,
    rec: &mut csv::ByteRecord,
) -> csv::Result<bool> {
    if !rdr.read_byte_record(rec)? {
        return Ok(false);
    }
    if let Some(pos) = rec.position()
        && rdr.get_mut().crlf_newline_at(pos.byte())
    {
        let mut fixed = pos.clone();
        fixed.set_line(pos.line() + 1);
        rec.set_position(Some(fixed));
    }
    Ok(true)
}

/// The input, passed through unchanged, with the offsets of the `\n` of every "\r\n" in the
/// bytes read but not yet claimed by a record. Bounded by the csv reader's buffer; one memchr
/// pass over the input.
pub(crate) struct LineEnds<R> {
    inner: R,
    /// Offset of the next byte read.
    offset: u64,
    /// The last byte read was `\r`.
    last_cr: bool,
    crlf: std::collections::VecDeque<u64>,
}

impl<R: Read> LineEnds<R> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: R) -> LineEnds<R> {
        LineEnds {
            inner,
            offset: 0,
            last_cr: false,
            crlf: std::collections::VecDeque::new(),
        }
    }

    /// Whether byte `at` is the `\n` of a "\r\n"; forgets the line ends before it.
    fn crlf_newline_at(&mut self, at: u64) -> bool {
        while self.crlf.front().is_some_and(|&b| b < at) {
            self.crlf.pop_front();
        }
        self.crlf.front() == Some(&at)
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = buf.get(..n).unwrap_or(&[]);
        for i in memchr::memchr_iter(b'\n', got) {
            let after_cr = match i.checked_sub(1) {
                Some(j) => got.get(j) == Some(&b'\r'),
                None => self.last_cr,
            };
            if after_cr {
                self.crlf.push_back(self.offset + i as u64);
            }
        }
        if n > 0 {
            self.last_cr = got.last() == Some(&b'\r');
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Input bytes per chunk, about: a chunk ends with the first record that ends past this
/// (or after `--batch` rows). Large enough that the per-chunk costs (a reader, a hand-over
/// between threads) vanish, small enough that several chunks per thread bound memory.
const CHUNK_BYTES: usize = 256 << 10;

/// Chunks in flight per thread in the pipeline: one being worked on, one waiting to be, and
/// finished ones waiting for their turn to be drained.
const CHUNKS_PER_THREAD: usize = 3;

/// No chunk is read while those in flight hold this many bytes of input beyond
/// [`CHUNK_BYTES`] each, or more: a chunk ends with the record that crosses `CHUNK_BYTES`, so
/// chunks of short rows hardly count, whatever the number of threads, but a chunk of one
/// statement near `--max-field-bytes` holds that and its output (several times its size when
/// it is dense in hits), and a few of them, not `CHUNKS_PER_THREAD` per thread, are enough to
/// keep the threads busy (long statements are scored a few at a time anyway:
/// [`crate::score::LONG_BUDGET`]).
const IN_FLIGHT_EXTRA: usize = 1 << 20;

/// Bytes asked of the input per read.
const READ_BYTES: usize = 64 << 10;

/// The first row (the header, or the first data row without one) may be this long at least.
const FIRST_ROW_MAX: usize = 16 << 20;

/// Bytes of a record too long to be a good row that are kept, for the rejects file.
const LONG_EXCERPT: usize = 64 << 10;

/// A chunk's buffers keep at most this much capacity between uses.
const CHUNK_KEEP: usize = 1 << 20;

/// What [`Source::run`] hands its sink: a good row with its mapped value, or the end of
/// what the sink may gather from the current chunk's state.
enum Sunk<'a, T> {
    Row(Row<'a>, T),
    Flush,
}

/// Working state that a chunk of rows reuses from chunk to chunk.
trait ChunkState: Send {
    /// Forgets the last chunk's contents, keeping allocations.
    fn clear(&mut self);
}

impl ChunkState for () {
    fn clear(&mut self) {}
}

/// A work slot of the pipeline: a chunk of input, its records once parsed, their outcomes and
/// the chunk's state, all reused from chunk to chunk.
struct Chunk<C, T> {
    /// A line end, then whole records.
    input: Vec<u8>,
    /// Where `input[1]` is in the whole input.
    start: Place,
    /// Where each record begins in `input`, from the splitter.
    starts: Vec<RecordStart>,
    /// The records, parsed.
    rows: Rows,
    /// The chunk's last record when it was longer than any good row can be (more than the
    /// header's number of fields times twice `--max-field-bytes`): it was not kept, only its
    /// first bytes, and it is rejected.
    long: Option<LongRecord>,
    /// The chunk's last record ends with the input, inside a quoted field: its quote was
    /// never closed, so it took in every line after it, and it is rejected.
    unclosed: bool,
    state: C,
    out: Vec<std::result::Result<T, RowError>>,
}

/// Per-chunk state of `score`: the chunk's output bytes.
struct ScoreChunk {
    bytes: Vec<u8>,
    /// The last row's score, whose hit buffer the next row reuses.
    score: Score,
    /// With a [`Split`]: the statement's tokens (for its sentences) and its parts' ranges.
    tokens: Tokens,
    parts: Vec<(usize, usize)>,
}

impl ChunkState for ScoreChunk {
    fn clear(&mut self) {
        self.bytes.clear();
        // A chunk of long statements does not keep its large buffer for good.
        self.bytes.shrink_to(CHUNK_KEEP);
        self.tokens.trim(SPLIT_KEEP_TOKENS);
        crate::text::empty_to(&mut self.parts, SPLIT_KEEP_TOKENS);
    }
}

/// Tokens' worth of room kept for splitting between statements (a long statement's is given
/// back).
pub(crate) const SPLIT_KEEP_TOKENS: usize = 4096;

/// Scores every row of the CSV `input` into `output`: the input columns followed by
/// [`SCORE_COLUMNS`], as CSV or JSON Lines. Rejected rows go to `on_reject` when the policy is
/// [`OnError::Skip`]; with [`OnError::Fail`] the first bad row is an error.
///
/// Rows are scored and formatted in parallel, each chunk into its own buffer; this thread
/// only reads the input and copies finished bytes to `output`, in input order.
pub fn score_stream<R: Read, W: Write>(
    input: R,
    output: W,
    scorer: &Scorer,
    pool: &Pool,
    opts: &StreamOptions,
    on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<Summary> {
    let mut source = Source::open(input, opts)?;
    let headers = source.headers().to_vec();
    let out_names = output_names(&headers, &opts.input)?;
    let split = opts.split;
    // The column numbering the parts, renamed as the score columns are when the input has it.
    let part_name = split.column().map(|c| {
        if headers.iter().any(|h| h.trim().eq_ignore_ascii_case(c)) {
            format!("score_{c}")
        } else {
            c.to_string()
        }
    });
    let text_col = source.columns().text;
    // The speaker's name, for the relay rule's reading of a paraphrase ("Petro acusó a ...").
    let speaker_col = source.columns().speaker;
    // The part column's JSON key, escaped once.
    let part_key = part_name.as_deref().map(json_key).unwrap_or_default();
    let out_loc = Location::in_source("output");
    let io_err = |e: std::io::Error| Error::io(&e, out_loc.clone());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, output);
    if let (true, Format::Csv) = (opts.headers, opts.format) {
        let mut line = Vec::new();
        let names = headers
            .iter()
            .chain(&part_name)
            .chain(&out_names)
            .map(|h| h.as_bytes());
        if opts.escape_formulas {
            csv_record_escaped(&mut line, names);
        } else {
            csv_record(&mut line, names);
        }
        out.write_all(&line).map_err(io_err)?;
    }
    let escape = opts.escape_formulas;
    let format = opts.format;
    let keys = match opts.format {
        Format::Jsonl => JsonlKeys::for_run(&headers, &out_names, scorer),
        Format::Csv => JsonlKeys::new(&headers, &out_names),
    };
    let mut pending = 0..0;
    let mut langs = [0u64; 2];
    let mut parts = 0u64;
    let write_range =
        |out: &mut std::io::BufWriter<W>, chunk: &ScoreChunk, range: &std::ops::Range<usize>| {
            out.write_all(chunk.bytes.get(range.clone()).unwrap_or(&[]))
                .map_err(io_err)
        };
    let summary = source.run(
        pool,
        || ScoreChunk {
            bytes: Vec::new(),
            score: Score::default(),
            tokens: Tokens::new(),
            parts: Vec::new(),
        },
        |chunk, rec, text| {
            if part_name.is_some() {
                let start = chunk.bytes.len();
                let mut counts = [0u32; 2];
                split.ranges(text, &mut chunk.tokens, &mut chunk.parts);
                for (n, &(a, b)) in chunk.parts.iter().enumerate() {
                    let part = text.get(a..b).unwrap_or("");
                    scorer.score_reusing_named(
                        part,
                        speaker_of(rec, speaker_col),
                        &mut chunk.score,
                    );
                    let score = &chunk.score;
                    if let Some(c) = counts.get_mut(score.lang.index()) {
                        *c += 1;
                    }
                    // The row's fields, the text column holding the part.
                    let fields = rec
                        .iter()
                        .enumerate()
                        .map(|(i, f)| if i == text_col { part.as_bytes() } else { f });
                    match format {
                        Format::Csv => {
                            for f in fields {
                                if escape {
                                    csv_field_escaped(&mut chunk.bytes, f);
                                } else {
                                    csv_field(&mut chunk.bytes, f);
                                }
                                chunk.bytes.push(b',');
                            }
                            push_number(&mut chunk.bytes, n + 1);
                            chunk.bytes.push(b',');
                            csv_score_fields(&mut chunk.bytes, score, scorer);
                        }
                        Format::Jsonl => {
                            chunk.bytes.push(b'{');
                            jsonl_fields(&mut chunk.bytes, &keys, fields);
                            jsonl_number_field(&mut chunk.bytes, &part_key, n + 1);
                            jsonl_score_fields(&mut chunk.bytes, &keys, score, scorer);
                        }
                    }
                }
                return Ok((start, chunk.bytes.len(), counts));
            }
            scorer.score_reusing_named(text, speaker_of(rec, speaker_col), &mut chunk.score);
            let score = &chunk.score;
            let start = chunk.bytes.len();
            match format {
                Format::Csv => {
                    if escape {
                        csv_scored_row::<true>(&mut chunk.bytes, rec, score, scorer);
                    } else {
                        csv_scored_row::<false>(&mut chunk.bytes, rec, score, scorer);
                    }
                }
                Format::Jsonl => {
                    // check_row validated every field as UTF-8: the bytes are written as
                    // they are, escaped.
                    jsonl_into(&mut chunk.bytes, &keys, rec.iter(), score, scorer);
                }
            }
            let mut counts = [0u32; 2];
            if let Some(c) = counts.get_mut(score.lang.index()) {
                *c = 1;
            }
            Ok((start, chunk.bytes.len(), counts))
        },
        // Consecutive rows of a chunk are consecutive in its bytes: they go out in one write,
        // which BufWriter passes straight on when it is at least its capacity.
        |event, chunk| match event {
            Sunk::Row(_, (start, end, counts)) => {
                for (n, c) in langs.iter_mut().zip(counts) {
                    *n += u64::from(c);
                }
                if part_name.is_some() {
                    parts += u64::from(counts[0]) + u64::from(counts[1]);
                }
                if start != pending.end {
                    write_range(&mut out, chunk, &pending)?;
                    pending.start = start;
                }
                pending.end = end;
                Ok(())
            }
            Sunk::Flush => {
                write_range(&mut out, chunk, &pending)?;
                pending = 0..0;
                Ok(())
            }
        },
        on_reject,
    )?;
    out.flush().map_err(io_err)?;
    Ok(Summary {
        langs,
        parts,
        ..summary
    })
}

/// The text of a row, or why the row cannot be used (with the 0-based column at fault): a
/// row must have as many fields as the header, no field over `max_field` bytes, and valid UTF-8
/// everywhere.
pub fn check_row<'a>(
    rec: &Row<'a>,
    width: usize,
    text_col: usize,
    max_field: usize,
    wide: Option<(usize, usize)>,
) -> std::result::Result<&'a str, RowError> {
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
    if let Some(field) = rec.stray_quote() {
        return Err((
            ErrorKind::Csv {
                detail: "a quoted field that runs over line breaks and closes in the middle \
                         of a field: a stray quote, which took in the lines after it (rows \
                         among them); double a quote that is part of the text, or close the \
                         field"
                    .to_string(),
            },
            Some(field),
        ));
    }
    // One UTF-8 check of the whole record (simdutf8's, with vector instructions: std's
    // reports where an error lies, needed only below): when it passes and every field starts
    // on a character boundary, every field is valid UTF-8 and the text needs no second check. The
    // fields lie end to end, so each starts where the last ended, and a record no longer
    // than the limit has no field over it. Anything else goes through the field-by-field loop
    // below, which names the field at fault.
    if let Ok(all) = simdutf8::basic::from_utf8(rec.as_slice())
        && all.len() <= max_field
    {
        let mut start = 0;
        let mut text = None;
        for (i, f) in rec.iter().enumerate() {
            if !all.is_char_boundary(start) {
                text = None;
                break;
            }
            if i == text_col {
                text = all.get(start..start + f.len());
            }
            start += f.len();
        }
        if let Some(text) = text {
            return Ok(text);
        }
    }
    for (i, f) in rec.iter().enumerate() {
        let max = match wide {
            Some((c, max)) if c == i => max,
            _ => max_field,
        };
        if f.len() > max {
            return Err(too_long(f.len(), max, i));
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
        .ok_or_else(|| missing_text(text_col))
}

/// How many times `--max-field-bytes` the `hits` column of `detente score` output may be
/// long. A hit is written as its term, category and weight (`strike:threat:-2.60;`), so a
/// text at the limit made only of short hits writes a hits field several times its length;
/// `report` reads such files back. The worst case is a one-letter entry (a user's: two bytes
/// of text with the space after it; a wildcard needs three letters) in the longest category
/// name (`deescalation`, 12 bytes) with a weight of two digits before the point:
/// `a:deescalation:-10.00;`, 22 bytes for 2, so 11; weights start within ±4.
pub const HITS_FIELD_FACTOR: usize = 12;

/// The reject of a field over the size limit.
fn too_long(len: usize, max_field: usize, column: usize) -> RowError {
    (
        ErrorKind::Csv {
            detail: format!(
                "field of {len} bytes exceeds the limit of {max_field} (raise it with --max-field-bytes)"
            ),
        },
        Some(column),
    )
}

/// The speaker's name in `rec` (empty without a speaker column), as `score` and `report`
/// pass it to the scorer and `report` matches it against `--speaker`.
pub(crate) fn speaker_of<'a>(rec: &Row<'a>, speaker_col: Option<usize>) -> &'a [u8] {
    speaker_col.and_then(|c| rec.get(c)).unwrap_or(&[])
}

/// The reject of a row without the text column.
fn missing_text(text_col: usize) -> RowError {
    (
        ErrorKind::Csv {
            detail: "the text column is missing".to_string(),
        },
        Some(text_col),
    )
}

/// The names of the appended score columns. A score column whose name the input already uses
/// is prefixed with `score_`; an input that already has `tone` and `hits` is detente output and
/// an error.
fn output_names(headers: &[String], loc: &Location) -> Result<Vec<String>> {
    let has = |n: &str| headers.iter().any(|h| h.trim().eq_ignore_ascii_case(n));
    if super::score_columns(headers).is_some() {
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
        ErrorKind::Csv { detail } | ErrorKind::BadValue { detail } => detail.clone(),
        ErrorKind::InvalidUtf8 { valid_up_to } => {
            format!("invalid UTF-8 after byte {valid_up_to} of the field")
        }
        other => format!("{other:?}"),
    }
}

/// The column names of a header record (a UTF-8 byte-order mark on the first is dropped);
/// invalid UTF-8 is an error naming line 1 and the column.
pub(crate) fn header_names<'a>(
    fields: impl Iterator<Item = &'a [u8]>,
    loc: &Location,
) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for (i, f) in fields.enumerate() {
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
    Ok(names)
}

/// The column names in `line`, a header line given apart from the input
/// ([`StreamOptions::header_line`]), read by the rules the input's own header row would be.
fn given_header(line: &str, delimiter: u8) -> Result<Vec<String>> {
    let loc = Location::in_source("--header");
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    let bytes = format!("{line}\n").into_bytes();
    let (mut splitter, mut pos, mut starts) = (Splitter::new(delimiter), 0, Vec::new());
    let end = splitter.next_record_end(&bytes, &mut pos, &mut starts);
    if line.is_empty() || end != Some(bytes.len()) {
        let detail = if line.is_empty() {
            "is empty: give the input's header line, such as \"id,date,speaker,text\""
        } else {
            "must be one header line: it holds a line break or an unclosed quote"
        };
        return Err(Error::new(
            ErrorKind::BadSetting {
                detail: detail.to_string(),
            },
            loc,
        ));
    }
    let mut rows = Rows::new();
    rows.parse(&bytes, starts.get(..1).unwrap_or(&[]), delimiter, |_, _| {
        Place::default()
    });
    match rows.get(0) {
        Some(first) => header_names(first.iter(), &loc),
        None => Ok(Vec::new()),
    }
}

/// A csv reading error with the file, line and row it names.
pub(crate) fn csv_error(e: csv::Error, loc: &Location) -> Error {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn record(fields: &[&[u8]]) -> Rows {
        let mut rows = Rows::new();
        rows.push(fields.iter().copied(), Place::default());
        rows
    }

    fn check(
        rows: &Rows,
        width: usize,
        text_col: usize,
        max_field: usize,
    ) -> std::result::Result<String, RowError> {
        let row = rows.get(0).expect("a row");
        check_row(&row, width, text_col, max_field, None).map(|t| t.to_string())
    }

    fn column_at_fault(r: std::result::Result<String, RowError>) -> Option<Option<usize>> {
        r.err().map(|(_, c)| c)
    }

    #[test]
    fn a_quote_line_end_or_non_ascii_byte_cannot_separate_fields() {
        for d in [b'"', b'\n', b'\r', 0xC3] {
            let opts = StreamOptions {
                delimiter: d,
                ..StreamOptions::default()
            };
            let err = Source::open(&b"id,text\n1,a\n"[..], &opts).err();
            assert!(
                matches!(
                    err.as_ref().map(Error::kind),
                    Some(ErrorKind::BadSetting { .. })
                ),
                "{d}: {err:?}"
            );
        }
        let semicolons = StreamOptions {
            delimiter: b';',
            ..StreamOptions::default()
        };
        let source = Source::open(&b"id;text\n1;a,b\n"[..], &semicolons).expect("opens");
        assert_eq!(source.headers(), ["id", "text"]);
    }

    #[test]
    fn check_row_validates_each_field_even_when_the_record_is_valid_utf8() {
        // "ñ" (C3 B1) split across two fields: the bytes together are valid UTF-8, each field
        // alone is not.
        let split = record(&[b"id", b"a\xC3", b"\xB1b"]);
        assert_eq!(column_at_fault(check(&split, 3, 2, 100)), Some(Some(1)));
        let bad = record(&[b"id", b"ok", b"caf\xE9"]);
        assert_eq!(column_at_fault(check(&bad, 3, 2, 100)), Some(Some(2)));
        let good = record(&[b"id", "año".as_bytes(), "¿qué?".as_bytes()]);
        assert_eq!(check(&good, 3, 2, 100), Ok("¿qué?".to_string()));
        assert_eq!(check(&good, 3, 1, 100), Ok("año".to_string()));
    }

    #[test]
    fn check_row_reports_the_first_fault_in_field_order() {
        // Field 1 is too long, field 2 is not UTF-8: field 1 is reported, as field by field.
        let both = record(&[b"id", b"0123456789", b"\xFF"]);
        assert_eq!(column_at_fault(check(&both, 3, 2, 5)), Some(Some(1)));
        let long = record(&[b"id", b"0123456789", "ñ".as_bytes()]);
        assert_eq!(column_at_fault(check(&long, 3, 2, 5)), Some(Some(1)));
        // The record is over the limit, no field is: the row is good.
        let wide = record(&[b"0123", b"4567", "ñ".as_bytes()]);
        assert_eq!(check(&wide, 3, 2, 5), Ok("ñ".to_string()));
        assert_eq!(check(&wide, 3, 0, 5), Ok("0123".to_string()));
        let ragged = record(&[b"id", b"x"]);
        assert_eq!(column_at_fault(check(&ragged, 3, 1, 5)), Some(None));
    }

    /// Gives `data`, then fails.
    struct FailsAfter {
        data: std::io::Cursor<Vec<u8>>,
    }

    impl Read for FailsAfter {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.data.read(buf)? {
                0 => Err(std::io::Error::other("disk gone")),
                n => Ok(n),
            }
        }
    }

    #[test]
    fn a_read_error_ends_the_run_after_the_rows_before_it() {
        let mut data = b"id,text\n".to_vec();
        for i in 0..5000 {
            data.extend_from_slice(format!("{i},\"row {i}, with a comma\"\n").as_bytes());
        }
        for threads in [1, 2] {
            let opts = StreamOptions {
                batch_size: 64,
                ..StreamOptions::default()
            };
            let input = FailsAfter {
                data: std::io::Cursor::new(data.clone()),
            };
            let mut source = Source::open(input, &opts).expect("header");
            let pool = Pool::new(threads).expect("pool");
            let mut seen = Vec::new();
            let run = source.for_each(
                &pool,
                |rec, _| Ok(rec.get(0).map(|f| f.to_vec()).unwrap_or_default()),
                |_, id| {
                    seen.push(String::from_utf8_lossy(&id).into_owned());
                    Ok(())
                },
                |_| Ok(()),
            );
            let err = run.expect_err("the read error is reported");
            assert!(err.to_string().contains("disk gone"), "{err}");
            // The rows that came before the error went to the sink, in order.
            assert!(!seen.is_empty() && seen.len() < 5000, "{}", seen.len());
            let want: Vec<String> = (0..seen.len()).map(|i| i.to_string()).collect();
            assert_eq!(seen, want, "{threads} threads");
        }
    }

    /// Every row `for_each` hands on or rejects, as (record number, line, fields or reason).
    fn rows_of(input: &[u8], threads: usize, batch: usize) -> Result<Vec<(u64, u64, String)>> {
        let mut opts = StreamOptions {
            batch_size: batch,
            on_error: OnError::Skip,
            headers: false,
            ..StreamOptions::default()
        };
        opts.columns.set(super::super::columns::Role::Text, "2");
        let mut source = Source::open(input, &opts)?;
        let pool = Pool::new(threads).expect("pool");
        let seen = std::cell::RefCell::new(Vec::new());
        source.for_each(
            &pool,
            |rec, _| Ok(format!("{:?}", rec.iter().collect::<Vec<_>>())),
            |rec, fields| {
                let p = rec.place();
                seen.borrow_mut().push((p.record, p.line, fields));
                Ok(())
            },
            |r| {
                let line = r.location.line.unwrap_or(0);
                seen.borrow_mut().push((u64::MAX, line, r.reason));
                Ok(())
            },
        )?;
        Ok(seen.into_inner())
    }

    #[test]
    fn rows_are_the_csv_crates_whatever_the_chunks_and_threads() {
        for bytes in
            super::super::split::random_csv(0xD1B5_4A32_D192_ED03, b"ab,,\"\r\n\n").step_by(10)
        {
            let input = [b"x,y\n".as_slice(), &bytes].concat();
            let one = rows_of(&input, 1, 8192).expect("reads");
            // The csv crate on the whole input: the same records, with the same fields.
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(input.as_slice());
            let theirs: Vec<String> = rdr
                .byte_records()
                .filter_map(|r| r.ok())
                .map(|r| format!("{:?}", r.iter().collect::<Vec<_>>()))
                .collect();
            let ours: Vec<String> = one.iter().map(|(_, _, f)| f.clone()).collect();
            let text = String::from_utf8_lossy(&input);
            assert_eq!(ours.len(), theirs.len(), "{text:?}");
            for (o, t) in one.iter().zip(&theirs) {
                // Rejected rows (ragged) carry a reason instead of their fields.
                if o.0 != u64::MAX {
                    assert_eq!(&o.2, t, "{text:?}");
                }
            }
            for (threads, batch) in [(1, 1), (2, 1), (2, 2), (3, 3)] {
                let other = rows_of(&input, threads, batch).expect("reads");
                assert_eq!(other, one, "{threads} threads, batch {batch}: {text:?}");
            }
        }
    }
}
