//! Streaming rows: a [`Source`] reads a CSV's header and then its rows in batches into reused
//! records, maps each batch in parallel (order kept) and hands the results, in input order, to
//! a sink. `score` ([`score_stream`]) and `report` are both built on it. Memory is bounded by
//! the batch, not the file. Every row read is either passed on or rejected, and the
//! [`Summary`] counts both.

use super::columns::{ColumnMap, ColumnSpec};
use super::write::{Format, SCORE_COLUMNS, csv_record, csv_scored_row, jsonl_into};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::score::batch::Pool;
use crate::score::{Score, Scorer};
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
}

/// Why a row cannot be used: the error kind and the 0-based column at fault.
pub type RowError = (ErrorKind, Option<usize>);

/// An open quotes table: header read, columns found, rows not yet read.
pub struct Source<R: Read> {
    rdr: csv::Reader<LineEnds<R>>,
    headers: Vec<String>,
    map: ColumnMap,
    pending: Option<csv::ByteRecord>,
    opts: StreamOptions,
}

impl<R: Read> Source<R> {
    /// Reads the header (or, without one, peeks at the first row to number the columns) and
    /// finds the columns.
    pub fn open(input: R, opts: &StreamOptions) -> Result<Source<R>> {
        let loc = &opts.input;
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(LineEnds::new(input));
        let mut first = csv::ByteRecord::new();
        if !read_record(&mut rdr, &mut first).map_err(|e| csv_error(e, loc))? {
            return Err(Error::new(ErrorKind::EmptyInput, loc.clone()));
        }
        let (headers, pending) = if opts.headers {
            let names = header_names(&first, loc)?;
            (names, None)
        } else {
            let names = (1..=first.len()).map(|i| i.to_string()).collect();
            (names, Some(first))
        };
        let map = ColumnMap::find(&headers, &opts.columns, loc)?;
        Ok(Source {
            rdr,
            headers,
            map,
            pending,
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

    /// Reads every row in batches, maps each through `map` on `pool` (a row that fails the
    /// basic checks of [`check_row`] or `map` is a reject), then calls `sink` with each good
    /// row and its mapped value, in input order. Rejects stop the run with
    /// [`OnError::Fail`] and go to `on_reject` with [`OnError::Skip`].
    ///
    /// With more than one thread, reading the next batch and sinking the previous one run on
    /// this thread while the pool maps the current one.
    pub fn for_each<T, M, S, J>(
        &mut self,
        pool: &Pool,
        map: M,
        mut sink: S,
        on_reject: J,
    ) -> Result<Summary>
    where
        T: Send,
        M: Fn(&csv::ByteRecord, &str) -> std::result::Result<T, RowError> + Sync + Send,
        S: FnMut(&csv::ByteRecord, T) -> Result<()>,
        J: FnMut(Reject) -> Result<()>,
    {
        self.run(
            pool,
            || (),
            |_: &mut (), rec, text| map(rec, text),
            |event, _: &()| match event {
                Sunk::Row(rec, value) => sink(rec, value),
                Sunk::Flush => Ok(()),
            },
            on_reject,
        )
    }

    /// [`Source::for_each`] with a working state per chunk of rows: `map` may leave output
    /// in its chunk's state (formatted bytes, say) and `sink` reads it back. States are made by
    /// `new_state`, cleared by [`ChunkState::clear`] before each use and reused, so a steady
    /// run allocates nothing per row. `sink` also gets [`Sunk::Flush`] once the rows of a
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
        M: Fn(&mut C, &csv::ByteRecord, &str) -> std::result::Result<T, RowError> + Sync + Send,
        S: FnMut(Sunk<'_, T>, &C) -> Result<()>,
        J: FnMut(Reject) -> Result<()>,
    {
        let Source {
            rdr,
            headers,
            pending,
            opts,
            ..
        } = self;
        let loc = opts.input.clone();
        let width = headers.len();
        let text_col = self.map.text;
        let max_field = opts.max_field_bytes;
        let batch_size = opts.batch_size.max(1);
        let mut summary = Summary::default();

        // Two batches alternate: the pool maps one while this thread hands the other's
        // results to the sink and then reads the next rows into it. Memory stays bounded by
        // two batches.
        let [mut mapping, mut other]: [Batch<C, T>; 2] = std::array::from_fn(|_| Batch::new());

        // Fills a batch: up to `batch_size` rows and about BATCH_BYTES of them, so that long
        // statements (speeches) do not make a batch of thousands of them. Returns the rows
        // read and whether the input is over.
        let mut fill = |batch: &mut Batch<C, T>| -> Result<(usize, bool)> {
            let (mut n, mut bytes, mut over) = (0, 0usize, false);
            while n < batch_size && bytes < BATCH_BYTES {
                if n == batch.records.len() {
                    batch.records.push(new_record(width));
                }
                if let Some(rec) = pending.take() {
                    bytes += rec.as_slice().len();
                    batch.records[n] = rec;
                    n += 1;
                    continue;
                }
                // A slot that held a long record gives its buffer back rather than keep it
                // for good.
                if batch.records[n].as_slice().len() > LARGE_RECORD {
                    batch.records[n] = new_record(width);
                }
                if !read_record(rdr, &mut batch.records[n]).map_err(|e| csv_error(e, &loc))? {
                    over = true;
                    break;
                }
                bytes += batch.records[n].as_slice().len();
                n += 1;
            }
            batch.len = n;
            // Chunk states are made as rows arrive, so a large --batch costs only what is read.
            let chunks = n.div_ceil(CHUNK_ROWS);
            if batch.parts.len() < chunks {
                batch.parts.resize_with(chunks, || Part {
                    state: new_state(),
                    out: Vec::new(),
                });
            }
            Ok((n, over))
        };
        let map_batch = |batch: &mut Batch<C, T>| {
            let Batch {
                records,
                len,
                parts,
            } = batch;
            let rows = records.get(..*len).unwrap_or(&[]);
            pool.for_each_chunk(rows, CHUNK_ROWS, parts, |rows, part| {
                part.state.clear();
                part.out.clear();
                for rec in rows {
                    part.out.push(
                        check_row(rec, width, text_col, max_field)
                            .and_then(|text| map(&mut part.state, rec, text)),
                    );
                }
            });
        };
        let mut sink_batch = |batch: &mut Batch<C, T>| -> Result<()> {
            let Batch {
                records,
                len,
                parts,
            } = batch;
            let rows = records.get(..*len).unwrap_or(&[]);
            for (chunk, part) in rows.chunks(CHUNK_ROWS).zip(parts.iter_mut()) {
                let Part { state, out } = part;
                for (rec, outcome) in chunk.iter().zip(out.drain(..)) {
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
                                    line: rec.position().map(|p| p.line()),
                                    row: Some(summary.read),
                                    column: column.map(|c| c + 1),
                                    column_name: column.and_then(|c| headers.get(c).cloned()),
                                    ..loc.clone()
                                },
                            );
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
                    }
                }
                sink(Sunk::Flush, state)?;
            }
            batch.len = 0;
            Ok(())
        };

        let mut more = !fill(&mut mapping)?.1;
        let mut read_error = None;
        while mapping.len > 0 || other.len > 0 {
            let reading = more && read_error.is_none();
            let (sunk, read) = pool.overlap(
                || map_batch(&mut mapping),
                || {
                    // Rows sink in input order; reading goes on only while that succeeds.
                    let sunk = sink_batch(&mut other);
                    let read = if reading && sunk.is_ok() {
                        Some(fill(&mut other))
                    } else {
                        other.len = 0;
                        None
                    };
                    (sunk, read)
                },
            );
            sunk?;
            match read {
                Some(Ok((_, over))) => more = !over,
                Some(Err(e)) => {
                    // Reported once the rows read before it have gone to the sink, as when
                    // reading and sinking took turns.
                    other.len = 0;
                    read_error = Some(e);
                }
                None => more = false,
            }
            // The batch just mapped is sunk next; the one just read is mapped.
            std::mem::swap(&mut mapping, &mut other);
        }
        match read_error {
            Some(e) => Err(e),
            None => Ok(summary),
        }
    }
}

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

/// Input bytes per batch, at most (a batch holds at least one row): with two batches in
/// flight, memory stays bounded when statements are long.
const BATCH_BYTES: usize = 4 << 20;

/// A record slot that held more than this is replaced by a fresh one before reuse.
const LARGE_RECORD: usize = 64 << 10;

/// A chunk's output buffer keeps at most this much capacity between uses.
const CHUNK_KEEP: usize = 1 << 20;

/// Rows per chunk of a batch: the unit of parallel work, and of per-chunk state.
const CHUNK_ROWS: usize = 256;

/// What [`Source::run`] hands its sink: a good row with its mapped value, or the end of
/// what the sink may gather from the current chunk's state.
enum Sunk<'a, T> {
    Row(&'a csv::ByteRecord, T),
    Flush,
}

/// Bytes a new record slot starts with: room for a typical row, so that reading into it does
/// not grow it by doubling from nothing (7 reallocations for a row of 200 bytes).
const RECORD_START: usize = 512;

/// An empty record slot with room for a typical row of `width` fields.
fn new_record(width: usize) -> csv::ByteRecord {
    csv::ByteRecord::with_capacity(RECORD_START, width)
}

/// Working state that a chunk of rows reuses from batch to batch.
trait ChunkState: Send {
    /// Forgets the last chunk's contents, keeping allocations.
    fn clear(&mut self);
}

impl ChunkState for () {
    fn clear(&mut self) {}
}

/// A chunk's state and the outcomes of its rows.
struct Part<C, T> {
    state: C,
    out: Vec<std::result::Result<T, RowError>>,
}

/// Reused records (the first `len` hold this batch's rows) and their chunks' results.
struct Batch<C, T> {
    records: Vec<csv::ByteRecord>,
    len: usize,
    parts: Vec<Part<C, T>>,
}

impl<C, T> Batch<C, T> {
    fn new() -> Batch<C, T> {
        Batch {
            records: Vec::new(),
            len: 0,
            parts: Vec::new(),
        }
    }
}

/// Per-chunk state of `score`: the chunk's output bytes.
struct ScoreChunk {
    bytes: Vec<u8>,
    /// The last row's score, whose hit buffer the next row reuses.
    score: Score,
}

impl ChunkState for ScoreChunk {
    fn clear(&mut self) {
        self.bytes.clear();
        // A chunk of long statements does not keep its large buffer for good.
        self.bytes.shrink_to(CHUNK_KEEP);
    }
}

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
    let out_loc = Location::in_source("output");
    let io_err = |e: std::io::Error| Error::io(&e, out_loc.clone());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, output);
    if let (true, Format::Csv) = (opts.headers, opts.format) {
        let mut line = Vec::new();
        csv_record(
            &mut line,
            headers.iter().chain(&out_names).map(|h| h.as_bytes()),
        );
        out.write_all(&line).map_err(io_err)?;
    }
    let format = opts.format;
    let mut pending = 0..0;
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
        },
        |chunk, rec, text| {
            scorer.score_reusing(text, &mut chunk.score);
            let score = &chunk.score;
            let failed = |e: std::io::Error| {
                (
                    ErrorKind::Io {
                        detail: e.to_string(),
                        broken_pipe: false,
                    },
                    None,
                )
            };
            let start = chunk.bytes.len();
            match format {
                Format::Csv => {
                    csv_scored_row(&mut chunk.bytes, rec, score, scorer);
                    Ok((start, chunk.bytes.len()))
                }
                Format::Jsonl => {
                    // check_row validated every field as UTF-8.
                    let fields = rec.iter().map(|f| std::str::from_utf8(f).unwrap_or(""));
                    jsonl_into(
                        &mut chunk.bytes,
                        &headers,
                        fields,
                        &out_names,
                        score,
                        scorer,
                    )
                    .map_err(failed)?;
                    Ok((start, chunk.bytes.len()))
                }
            }
        },
        // Consecutive rows of a chunk are consecutive in its bytes: they go out in one write,
        // which BufWriter passes straight on when it is at least its capacity.
        |event, chunk| match event {
            Sunk::Row(_, (start, end)) => {
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
    Ok(summary)
}

/// The text of a row, or why the row cannot be used (with the 0-based column at fault): a
/// row must have as many fields as the header, no field over `max_field` bytes, and valid UTF-8
/// everywhere.
pub fn check_row(
    rec: &csv::ByteRecord,
    width: usize,
    text_col: usize,
    max_field: usize,
) -> std::result::Result<&str, RowError> {
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
    // One UTF-8 check of the whole record: when it passes and every field starts on a
    // character boundary, every field is valid UTF-8 and the text needs no second check. The
    // fields lie end to end, so each starts where the last ended, and a record no longer
    // than the limit has no field over it. Anything else goes through the field-by-field loop
    // below, which names the field at fault.
    if let Ok(all) = std::str::from_utf8(rec.as_slice())
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
        if f.len() > max_field {
            return Err(too_long(f.len(), max_field, i));
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
        ErrorKind::Csv { detail } | ErrorKind::BadValue { detail } => detail.clone(),
        ErrorKind::InvalidUtf8 { valid_up_to } => {
            format!("invalid UTF-8 after byte {valid_up_to} of the field")
        }
        other => format!("{other:?}"),
    }
}

/// The column names of a header record (a UTF-8 byte-order mark on the first is dropped);
/// invalid UTF-8 is an error naming line 1 and the column.
pub(crate) fn header_names(rec: &csv::ByteRecord, loc: &Location) -> Result<Vec<String>> {
    let mut names = Vec::with_capacity(rec.len());
    for (i, f) in rec.iter().enumerate() {
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

    fn record(fields: &[&[u8]]) -> csv::ByteRecord {
        csv::ByteRecord::from(fields.to_vec())
    }

    fn column_at_fault(r: std::result::Result<&str, RowError>) -> Option<Option<usize>> {
        r.err().map(|(_, c)| c)
    }

    #[test]
    fn check_row_validates_each_field_even_when_the_record_is_valid_utf8() {
        // "ñ" (C3 B1) split across two fields: the bytes together are valid UTF-8, each field
        // alone is not.
        let split = record(&[b"id", b"a\xC3", b"\xB1b"]);
        assert_eq!(column_at_fault(check_row(&split, 3, 2, 100)), Some(Some(1)));
        let bad = record(&[b"id", b"ok", b"caf\xE9"]);
        assert_eq!(column_at_fault(check_row(&bad, 3, 2, 100)), Some(Some(2)));
        let good = record(&[b"id", "año".as_bytes(), "¿qué?".as_bytes()]);
        assert_eq!(check_row(&good, 3, 2, 100), Ok("¿qué?"));
        assert_eq!(check_row(&good, 3, 1, 100), Ok("año"));
    }

    #[test]
    fn check_row_reports_the_first_fault_in_field_order() {
        // Field 1 is too long, field 2 is not UTF-8: field 1 is reported, as field by field.
        let both = record(&[b"id", b"0123456789", b"\xFF"]);
        assert_eq!(column_at_fault(check_row(&both, 3, 2, 5)), Some(Some(1)));
        let long = record(&[b"id", b"0123456789", "ñ".as_bytes()]);
        assert_eq!(column_at_fault(check_row(&long, 3, 2, 5)), Some(Some(1)));
        // The record is over the limit, no field is: the row is good.
        let wide = record(&[b"0123", b"4567", "ñ".as_bytes()]);
        assert_eq!(check_row(&wide, 3, 2, 5), Ok("ñ"));
        assert_eq!(check_row(&wide, 3, 0, 5), Ok("0123"));
        let ragged = record(&[b"id", b"x"]);
        assert_eq!(column_at_fault(check_row(&ragged, 3, 1, 5)), Some(None));
    }
}
