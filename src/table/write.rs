//! Writing scored rows: the input columns followed by the score columns, as CSV or JSON Lines.
//! Numbers are written with fixed decimals so output is byte-stable.

use super::rows::Row;
use crate::lexicon::Categories;
use crate::score::{Score, Scorer};
use std::fmt::Write as _;
use std::io::{self, Write};

/// The columns `score` appends, in order.
pub const SCORE_COLUMNS: [&str; 9] = [
    "tone",
    "label",
    "hostility",
    "cooperation",
    "goldstein",
    "category",
    "cameo",
    "lang",
    "hits",
];

/// Output format of scored rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV with a header row (unless headers are off).
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Writes `x` with `decimals` decimals, never as "-0.00".
pub fn fixed(out: &mut String, x: f64, decimals: usize) {
    if let Some((buf, len)) = fixed_fast_dyn(x, decimals) {
        out.push_str(std::str::from_utf8(buf.get(..len).unwrap_or(&[])).unwrap_or(""));
        return;
    }
    fixed_slow(out, x, decimals);
}

/// [`fixed`] through `format!`, for what the fast path declines.
fn fixed_slow(out: &mut String, x: f64, decimals: usize) {
    let start = out.len();
    let _ = write!(out, "{x:.decimals$}");
    if out[start..].starts_with('-') && out[start + 1..].bytes().all(|b| b == b'0' || b == b'.') {
        out.remove(start);
    }
}

/// [`fixed`] appending to bytes (the CSV writer's buffer), without a UTF-8 check.
pub(crate) fn fixed_bytes(out: &mut Vec<u8>, x: f64, decimals: usize) {
    match decimals {
        0 => fixed_into::<0>(out, x),
        1 => fixed_into::<1>(out, x),
        2 => fixed_into::<2>(out, x),
        3 => fixed_into::<3>(out, x),
        4 => fixed_into::<4>(out, x),
        _ => push_slow(out, x, decimals),
    }
}

/// [`fixed_bytes`] with the number of decimals known when compiling, so the scaling, the
/// split at the point and the digit loops are constants.
#[inline]
pub(crate) fn fixed_into<const D: usize>(out: &mut Vec<u8>, x: f64) {
    match fixed_fast::<D>(x) {
        Some((buf, len)) => push_fast(out, &buf, len),
        None => push_slow(out, x, D),
    }
}

/// Appends `buf[..len]`: the whole buffer, then cut to length, a copy of fixed size where a
/// copy of `len` bytes is a call to memcpy.
#[inline]
fn push_fast(out: &mut Vec<u8>, buf: &[u8; FAST_MAX], len: usize) {
    let end = out.len() + len;
    out.extend_from_slice(buf);
    out.truncate(end);
}

#[cold]
fn push_slow(out: &mut Vec<u8>, x: f64, decimals: usize) {
    let mut s = String::new();
    fixed_slow(&mut s, x, decimals);
    out.extend_from_slice(s.as_bytes());
}

/// The longest text the fast path writes: a sign, nine integer digits, a point, four decimals.
const FAST_MAX: usize = 16;

/// [`fixed_fast`] for a number of decimals known only when running.
fn fixed_fast_dyn(x: f64, decimals: usize) -> Option<([u8; FAST_MAX], usize)> {
    match decimals {
        0 => fixed_fast::<0>(x),
        1 => fixed_fast::<1>(x),
        2 => fixed_fast::<2>(x),
        3 => fixed_fast::<3>(x),
        4 => fixed_fast::<4>(x),
        _ => None,
    }
}

/// `fixed` without the formatting machinery, for values under 1e9 / 10^D: `x * 10^D` rounded
/// to nearest with ties to even, as `format!("{x:.D$}")` rounds the exact decimal value of
/// `x`; in floating point when that is safe, else exactly in integers ([`scaled_round`]).
/// Larger values, NaN and infinities decline (None) and the caller formats. The text is
/// `buf[..len]`.
#[inline(always)]
fn fixed_fast<const D: usize>(x: f64) -> Option<([u8; FAST_MAX], usize)> {
    let &unit = POW10_U64.get(D)?;
    let n = scaled_units(x, unit)?;
    let (int, frac) = (n / unit, n % unit);
    let mut buf = [b'0'; FAST_MAX];
    let mut len = usize::from(x < 0.0 && n != 0);
    if len == 1 {
        buf[0] = b'-';
    }
    if int < 10 {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b'0' + int as u8;
        }
        len += 1;
    } else {
        let mut int_digits = 2;
        while POW10_U64.get(int_digits).is_some_and(|&t| int >= t) {
            int_digits += 1;
        }
        let mut v = int;
        for k in (0..int_digits).rev() {
            if let Some(slot) = buf.get_mut(len + k) {
                *slot = b'0' + (v % 10) as u8;
            }
            v /= 10;
        }
        len += int_digits;
    }
    if D > 0 {
        // The point and D digits, written at once from a fixed-size array, two digits at a
        // time from a table.
        let mut tail = [b'.'; 5];
        let pair = |v: u64| {
            DIGIT_PAIRS
                .get(v as usize % 100)
                .copied()
                .unwrap_or([b'0'; 2])
        };
        match D {
            1 => tail[1] = b'0' + (frac % 10) as u8,
            2 => [tail[1], tail[2]] = pair(frac),
            3 => {
                tail[1] = b'0' + (frac / 100 % 10) as u8;
                [tail[2], tail[3]] = pair(frac);
            }
            _ => {
                [tail[1], tail[2]] = pair(frac / 100);
                [tail[3], tail[4]] = pair(frac);
            }
        }
        if let Some(dst) = buf.get_mut(len..len + 5) {
            dst.copy_from_slice(&tail);
        }
        len += D + 1;
    }
    Some((buf, len))
}

/// `|x| * unit` rounded to the nearest integer, ties to even, computed exactly: `|x|` is
/// `m * 2^e` with `m < 2^53`, so `m * unit` (under 2^67) fits a u128 and the rounding looks at
/// the bits shifted out. None when `e >= 0` (values the callers' bound excludes anyway).
#[cold]
/// `|x| * unit` rounded as [`fixed_fast`] writes it, or None where it declines.
#[inline(always)]
fn scaled_units(x: f64, unit: u64) -> Option<u64> {
    // Below the bound the rounded value has at most nine integer digits.
    let scaled = x.abs() * (unit as f64);
    if scaled.is_nan() || scaled >= 1e9 {
        return None;
    }
    // `scaled` is within half an ulp (under 1e-7 below 1e9) of the exact product: when its
    // fraction is more than 1e-6 away from one half, it rounds as the exact value does. Near
    // a tie, the exact rounding decides.
    let whole = scaled as u64;
    let frac = scaled - whole as f64;
    if (frac - 0.5).abs() > 1e-6 {
        Some(whole + u64::from(frac > 0.5))
    } else {
        scaled_round(x, unit)
    }
}

/// `x` as a reader of [`fixed`]'s text with `D` decimals gets it back: the written decimal's
/// nearest double (the quotient of two exact integers is correctly rounded, as parsing is).
/// `report` keeps the tones and weights it scores itself this way, so that a report over
/// `score`'s output and one over the raw quotes agree to the last digit. Values [`fixed`]
/// formats the slow way (1e9 / 10^D and above, NaN) come back as they are.
pub fn as_written<const D: usize>(x: f64) -> f64 {
    let Some(&unit) = POW10_U64.get(D) else {
        return x;
    };
    match scaled_units(x, unit) {
        Some(n) => (n as f64 / unit as f64).copysign(if n == 0 { 1.0 } else { x }),
        None => x,
    }
}

fn scaled_round(x: f64, unit: u64) -> Option<u64> {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if e >= 0 {
        return None;
    }
    let shift = e.unsigned_abs();
    // m * unit < 2^67: shifted right by 68 or more it is under one half and rounds to 0.
    if shift >= 68 {
        return Some(0);
    }
    let prod = u128::from(m) * u128::from(unit);
    let n = (prod >> shift) as u64;
    let rest = prod & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    Some(n + u64::from(rest > half || (rest == half && n & 1 == 1)))
}

/// "00" to "99": the decimals of [`fixed_fast`] two at a time.
const DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut t = [[0u8; 2]; 100];
    let mut i = 0;
    while i < 100 {
        t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
        i += 1;
    }
    t
};

/// 10^k as integers, for counting digits.
const POW10_U64: [u64; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// The score columns of one row as text, in [`SCORE_COLUMNS`] order, reusing one buffer.
#[derive(Debug, Default)]
pub struct ScoreFields {
    buf: Vec<u8>,
    ends: [usize; 9],
}

impl ScoreFields {
    /// Formats `score`.
    pub fn fill(&mut self, score: &Score, scorer: &Scorer) {
        let cats: &Categories = scorer.categories();
        let b = &mut self.buf;
        b.clear();
        fixed_bytes(b, score.tone, 4);
        self.ends[0] = b.len();
        b.extend_from_slice(score.label.name().as_bytes());
        self.ends[1] = b.len();
        fixed_bytes(b, score.hostility, 3);
        self.ends[2] = b.len();
        fixed_bytes(b, score.cooperation, 3);
        self.ends[3] = b.len();
        fixed_bytes(b, score.goldstein, 2);
        self.ends[4] = b.len();
        if let Some(c) = score.category {
            b.extend_from_slice(cats.get(c).name.as_bytes());
        }
        self.ends[5] = b.len();
        if let Some(c) = score.category {
            b.extend_from_slice(cats.get(c).cameo.as_bytes());
        }
        self.ends[6] = b.len();
        b.extend_from_slice(score.lang.code().as_bytes());
        self.ends[7] = b.len();
        hits_field(b, score, scorer);
        self.ends[8] = b.len();
    }

    /// Field `i` (0..9) as text.
    pub fn get(&self, i: usize) -> &str {
        std::str::from_utf8(self.bytes(i)).unwrap_or("")
    }

    /// Field `i` (0..9) as UTF-8 bytes, for writers.
    pub fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.buf.get(start..self.ends[i]).unwrap_or(&[])
    }
}

/// Appends the `hits` column of `score` unquoted: `term:category:weight`, separated by `;`.
#[inline]
fn hits_field(out: &mut Vec<u8>, score: &Score, scorer: &Scorer) {
    let cats = scorer.categories();
    for (i, h) in score.hits.iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(scorer.term(score.lang, h).as_bytes());
        out.push(b':');
        out.extend_from_slice(cats.get(h.category).name.as_bytes());
        out.push(b':');
        fixed_into::<2>(out, h.weight);
    }
}

/// Appends one CSV record to `out`: the fields separated by commas, then `\n`, a field quoted
/// (with `"` doubled) when it holds a comma, a quote, CR or LF. That is what the csv crate's
/// default writer does for records of more than one field (a lone empty field it would quote),
/// without its per-field state machine and buffer copies (a test holds the two together), and
/// in time linear in the field's length: the csv crate's writer searches the rest of a quoted
/// field for a quote again each time its 8 KiB buffer fills, so a 100 MB field took 22 s.
pub fn csv_record<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a [u8]>) {
    record_by(out, fields, csv_field);
}

/// The fields written one by one by `field`, separated by commas, then `\n`.
fn record_by<'a>(
    out: &mut Vec<u8>,
    fields: impl Iterator<Item = &'a [u8]>,
    field: impl Fn(&mut Vec<u8>, &[u8]),
) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        field(out, f);
    }
    out.push(b'\n');
}

/// Whether a spreadsheet opening a CSV would take field `f` as a formula: it starts with `=`,
/// `+`, `-`, `@`, a tab or CR (OWASP's list for CSV injection) and is not a plain number
/// ("-3", "+1.5" stay numbers). A quoted statement such as "=HYPERLINK(...)" or a speaker
/// written as a handle ("@petrogustavo") would otherwise be run, or shown as an error.
pub fn looks_like_formula(f: &[u8]) -> bool {
    match f.first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !std::str::from_utf8(f)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .is_some_and(f64::is_finite),
        _ => false,
    }
}

/// Appends field `f` as [`csv_record`] writes it, with a `'` before it when it
/// [`looks_like_formula`]: spreadsheets show such a cell as text.
pub fn csv_field_escaped(out: &mut Vec<u8>, f: &[u8]) {
    if looks_like_formula(f) {
        let mut with = Vec::with_capacity(f.len() + 1);
        with.push(b'\'');
        with.extend_from_slice(f);
        csv_field(out, &with);
    } else {
        csv_field(out, f);
    }
}

/// [`csv_record`] with each field written by [`csv_field_escaped`].
pub fn csv_record_escaped<'a>(out: &mut Vec<u8>, fields: impl Iterator<Item = &'a [u8]>) {
    record_by(out, fields, csv_field_escaped);
}

/// Appends one scored row as CSV: the fields of `rec`, then the score columns in
/// [`SCORE_COLUMNS`] order, then `\n`. The same bytes as [`csv_record`] over the input fields
/// followed by [`ScoreFields`] (a test holds the two together), with the score columns
/// formatted straight into `out`: numbers, labels and language codes never need quotes, and
/// the columns that hold lexicon text are checked once written. With `ESCAPE`, the input
/// fields are written by [`csv_field_escaped`] (the score columns never look like formulas:
/// numbers, names, codes and lexicon terms).
pub(crate) fn csv_scored_row<const ESCAPE: bool>(
    out: &mut Vec<u8>,
    rec: &Row<'_>,
    score: &Score,
    scorer: &Scorer,
) {
    if ESCAPE {
        for f in rec.iter() {
            csv_field_escaped(out, f);
            out.push(b',');
        }
    } else {
        csv_fields(out, rec);
    }
    csv_score_fields(out, score, scorer);
}

/// Appends the [`SCORE_COLUMNS`] of `score` as CSV fields, then `\n`: the end of a row whose
/// input fields (each followed by a comma) are written already.
#[inline]
pub(crate) fn csv_score_fields(out: &mut Vec<u8>, score: &Score, scorer: &Scorer) {
    let cats: &Categories = scorer.categories();
    fixed_into::<4>(out, score.tone);
    out.push(b',');
    out.extend_from_slice(score.label.name().as_bytes());
    out.push(b',');
    fixed_into::<3>(out, score.hostility);
    out.push(b',');
    fixed_into::<3>(out, score.cooperation);
    out.push(b',');
    fixed_into::<2>(out, score.goldstein);
    out.push(b',');
    if let Some(c) = score.category {
        let cat = cats.get(c);
        csv_field(out, cat.name.as_bytes());
        out.push(b',');
        csv_field(out, cat.cameo.as_bytes());
    } else {
        out.push(b',');
    }
    out.push(b',');
    out.extend_from_slice(score.lang.code().as_bytes());
    out.push(b',');
    let start = out.len();
    hits_field(out, score, scorer);
    if out.get(start..).is_some_and(needs_quotes) {
        // A lexicon term or category name with a comma or quote: rare, so the field is
        // written first and quoted after.
        let hits = out.split_off(start);
        csv_field(out, &hits);
    }
    out.push(b'\n');
}

/// Appends the fields of `rec` as [`csv_record`] writes them, each followed by a comma. The
/// fields lie end to end in `rec.as_slice()`, so one search of the whole record finds the
/// next comma, quote or LF, and a field needs quotes when that lies before its end: one
/// vector search for a record without them, about one per quoted field otherwise, where a
/// search of each field costs more on short fields; none for a [`Row::plain`] row, which the
/// reader knows needs no quotes. Short fields are copied as fixed-size blocks (the bytes after
/// them are overwritten next), where a copy of their length is a call to memcpy.
fn csv_fields(out: &mut Vec<u8>, rec: &Row<'_>) {
    let data = rec.as_slice();
    let plain = rec.plain();
    if !plain && memchr::memchr(b'\r', data).is_some() {
        // Rare: CR is looked for field by field.
        for f in rec.iter() {
            csv_field(out, f);
            out.push(b',');
        }
        return;
    }
    let find = |from: usize| {
        if plain {
            return usize::MAX;
        }
        data.get(from..)
            .and_then(|rest| memchr::memchr3(b',', b'"', b'\n', rest))
            .map_or(usize::MAX, |i| from + i)
    };
    let mut next = find(0);
    let mut start = 0;
    for f in rec.iter() {
        let end = start + f.len();
        if next < start {
            next = find(start);
        }
        if next < end {
            quoted_field(out, f);
        } else if let Some(block) = data.get(start..).and_then(|r| r.first_chunk::<BLOCK>())
            && f.len() <= BLOCK
        {
            let keep = out.len() + f.len();
            out.extend_from_slice(block);
            out.truncate(keep);
        } else {
            out.extend_from_slice(f);
        }
        out.push(b',');
        start = end;
    }
}

/// Fields up to this long are copied as one block of this size.
const BLOCK: usize = 32;

/// Appends one field as [`csv_record`] writes it: quoted, with `"` doubled, when it holds a
/// comma, a quote, CR or LF.
#[inline]
pub(crate) fn csv_field(out: &mut Vec<u8>, f: &[u8]) {
    if needs_quotes(f) {
        quoted_field(out, f);
    } else {
        out.extend_from_slice(f);
    }
}

/// Appends `f` in quotes, with each `"` doubled.
fn quoted_field(out: &mut Vec<u8>, f: &[u8]) {
    out.reserve(f.len() + 2);
    out.push(b'"');
    let mut from = 0;
    for at in memchr::memchr_iter(b'"', f) {
        out.extend_from_slice(f.get(from..=at).unwrap_or(&[]));
        out.push(b'"');
        from = at + 1;
    }
    out.extend_from_slice(f.get(from..).unwrap_or(&[]));
    out.push(b'"');
}

/// Whether a field holds a comma, a quote, CR or LF: eight bytes at a time, each compared with
/// the four by the zero-byte trick (`(v - 0x01..) & !v & 0x80..` is non-zero exactly when some
/// byte of `v` is zero).
fn needs_quotes(f: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    let special = |b: u8| matches!(b, b',' | b'"' | b'\r' | b'\n');
    // Long fields (the statement): memchr's vector search, two passes.
    if f.len() >= 32 {
        return memchr::memchr3(b',', b'"', b'\n', f).is_some()
            || memchr::memchr(b'\r', f).is_some();
    }
    let mut words = f.chunks_exact(8);
    for w in &mut words {
        let mut a = [0u8; 8];
        a.copy_from_slice(w);
        let v = u64::from_le_bytes(a);
        if has_zero(v ^ (ONES * u64::from(b',')))
            || has_zero(v ^ (ONES * u64::from(b'"')))
            || has_zero(v ^ (ONES * u64::from(b'\r')))
            || has_zero(v ^ (ONES * u64::from(b'\n')))
        {
            return true;
        }
    }
    words.remainder().iter().any(|&b| special(b))
}

/// Writes one JSON Lines object: the input columns as strings, then the score fields.
/// `names` are the nine score keys (see [`SCORE_COLUMNS`]; renamed `score_*` when the input
/// already uses a name). `line` is a buffer reused between rows.
pub fn write_jsonl<W: Write>(
    out: &mut W,
    headers: &[String],
    fields: &[&str],
    names: &[String],
    score: &Score,
    scorer: &Scorer,
    line: &mut Vec<u8>,
) -> io::Result<()> {
    line.clear();
    jsonl_into(
        line,
        &JsonlKeys::new(headers, names),
        fields.iter().map(|f| f.as_bytes()),
        score,
        scorer,
    );
    out.write_all(line)
}

/// The keys of a JSON Lines object, escaped once for a whole run: `"name":` for each input
/// column and each score field.
pub(crate) struct JsonlKeys {
    fields: Vec<Vec<u8>>,
    scores: Vec<Vec<u8>>,
    /// The scorer's category names and lexicon terms, escaped once ([`JsonlKeys::for_run`]).
    strings: Option<ScorerStrings>,
}

/// A scorer's own strings as JSON string literals (quotes included), escaped once for a run
/// instead of once per hit: category names, CAMEO codes and each language's lexicon terms.
struct ScorerStrings {
    categories: Escaped,
    cameos: Escaped,
    /// By [`crate::Lang::index`].
    terms: Vec<Escaped>,
}

/// Strings escaped as JSON literals, end to end in one buffer.
struct Escaped {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Escaped {
    fn new<'a>(items: impl Iterator<Item = &'a str>) -> Escaped {
        let mut e = Escaped {
            bytes: Vec::new(),
            ends: Vec::new(),
        };
        for item in items {
            json_str(&mut e.bytes, item.as_bytes());
            e.ends.push(e.bytes.len());
        }
        e
    }

    /// Item `i`, escaped; `None` past the end.
    fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = match i.checked_sub(1) {
            Some(j) => *self.ends.get(j)?,
            None => 0,
        };
        self.bytes.get(start..end)
    }
}

impl JsonlKeys {
    /// The keys for input columns `headers` and score fields `names` (see [`write_jsonl`]).
    pub(crate) fn new(headers: &[String], names: &[String]) -> JsonlKeys {
        let key = |name: &str| json_key(name);
        JsonlKeys {
            fields: headers.iter().map(|h| key(h)).collect(),
            scores: (0..SCORE_COLUMNS.len())
                .map(|i| key(names.get(i).map_or(SCORE_COLUMNS[i], String::as_str)))
                .collect(),
            strings: None,
        }
    }

    /// [`JsonlKeys::new`] with `scorer`'s category names and lexicon terms escaped too, for a
    /// run that writes many rows: the same output, without escaping a term for every hit.
    pub(crate) fn for_run(headers: &[String], names: &[String], scorer: &Scorer) -> JsonlKeys {
        let cats = scorer.categories();
        let mut keys = JsonlKeys::new(headers, names);
        keys.strings = Some(ScorerStrings {
            categories: Escaped::new(cats.iter().map(|(_, c)| c.name.as_str())),
            cameos: Escaped::new(cats.iter().map(|(_, c)| c.cameo.as_str())),
            terms: crate::Lang::ALL
                .iter()
                .map(|&l| Escaped::new(scorer.terms(l)))
                .collect(),
        });
        keys
    }

    fn score(&self, i: usize) -> &[u8] {
        self.scores.get(i).map_or(&[], Vec::as_slice)
    }
}

/// Appends one JSON Lines object (see [`write_jsonl`]) to `line`.
pub(crate) fn jsonl_into<'a>(
    line: &mut Vec<u8>,
    keys: &JsonlKeys,
    fields: impl Iterator<Item = &'a [u8]>,
    score: &Score,
    scorer: &Scorer,
) {
    line.push(b'{');
    jsonl_fields(line, keys, fields);
    jsonl_score_fields(line, keys, score, scorer);
}

/// Appends `"key":"value",` for each input field, as [`jsonl_into`] writes them.
#[inline]
pub(crate) fn jsonl_fields<'a>(
    line: &mut Vec<u8>,
    keys: &JsonlKeys,
    fields: impl Iterator<Item = &'a [u8]>,
) {
    for (k, v) in keys.fields.iter().zip(fields) {
        line.extend_from_slice(k);
        json_str(line, v);
        line.push(b',');
    }
}

/// `"name":`, escaped: a key of a JSON Lines object, made once for a run.
pub(crate) fn json_key(name: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(name.len() + 3);
    json_str(&mut k, name.as_bytes());
    k.push(b':');
    k
}

/// Appends the decimal digits of `n` (no allocation).
pub(crate) fn push_number(out: &mut Vec<u8>, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or(&[]));
}

/// Appends `key` (from [`json_key`]), the number `n` and a comma: the part number of a split
/// row.
pub(crate) fn jsonl_number_field(line: &mut Vec<u8>, key: &[u8], n: usize) {
    line.extend_from_slice(key);
    push_number(line, n);
    line.push(b',');
}

/// Appends the score fields of `score` and the closing `}` and `\n`: the end of an object
/// whose input fields [`jsonl_fields`] wrote.
#[inline]
pub(crate) fn jsonl_score_fields(
    line: &mut Vec<u8>,
    keys: &JsonlKeys,
    score: &Score,
    scorer: &Scorer,
) {
    let cats = scorer.categories();
    let key = |line: &mut Vec<u8>, i: usize| line.extend_from_slice(keys.score(i));
    key(line, 0);
    fixed_into::<4>(line, score.tone);
    line.push(b',');
    key(line, 1);
    json_str(line, score.label.name().as_bytes());
    line.push(b',');
    key(line, 2);
    fixed_into::<3>(line, score.hostility);
    line.push(b',');
    key(line, 3);
    fixed_into::<3>(line, score.cooperation);
    line.push(b',');
    key(line, 4);
    fixed_into::<2>(line, score.goldstein);
    line.push(b',');
    key(line, 5);
    let strings = keys.strings.as_ref();
    // An escaped string from the run's table, or escaped here (no table, or an index the
    // table lacks: the lookups below then give what they give without it).
    let put = |line: &mut Vec<u8>, pre: Option<&[u8]>, s: &str| match pre {
        Some(p) => line.extend_from_slice(p),
        None => json_str(line, s.as_bytes()),
    };
    let category = |line: &mut Vec<u8>, c: crate::lexicon::CategoryId| {
        let pre = strings.and_then(|t| t.categories.get(usize::from(c.0)));
        put(line, pre, &cats.get(c).name);
    };
    match score.category {
        Some(c) => category(line, c),
        None => line.extend_from_slice(b"null"),
    }
    line.push(b',');
    key(line, 6);
    match score.category {
        Some(c) => {
            let pre = strings.and_then(|t| t.cameos.get(usize::from(c.0)));
            put(line, pre, &cats.get(c).cameo);
        }
        None => line.extend_from_slice(b"null"),
    }
    line.push(b',');
    key(line, 7);
    json_str(line, score.lang.code().as_bytes());
    line.push(b',');
    key(line, 8);
    line.push(b'[');
    for (i, h) in score.hits.iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        line.extend_from_slice(b"{\"term\":");
        let pre = strings
            .and_then(|t| t.terms.get(score.lang.index()))
            .and_then(|t| t.get(h.entry as usize));
        put(line, pre, scorer.term(score.lang, h));
        line.push(b',');
        key(line, 5);
        category(line, h.category);
        line.extend_from_slice(b",\"weight\":");
        fixed_into::<2>(line, h.weight);
        line.extend_from_slice(b",\"base\":");
        fixed_into::<2>(line, h.base);
        line.extend_from_slice(b",\"rules\":[");
        for (k, r) in h.rules.names().enumerate() {
            if k > 0 {
                line.push(b',');
            }
            json_str(line, r.as_bytes());
        }
        line.extend_from_slice(b"]}");
    }
    line.extend_from_slice(b"]}\n");
}

/// Appends `bytes` (UTF-8) as a JSON string literal, escaped as serde_json escapes (a test holds the two
/// together): `"` and `\` with a backslash, the control characters below 0x20 as `\b`,
/// `\f`, `\n`, `\r`, `\t` or `\u00XX`, everything else as it is. Whether anything needs escaping is
/// found with one pass the compiler vectorizes (no early exit), so text with nothing to escape,
/// nearly all of it, costs a scan and a copy.
fn json_str(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if bytes.iter().fold(false, |any, &b| any | json_escaped(b)) {
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if !json_escaped(b) {
                continue;
            }
            out.extend_from_slice(bytes.get(from..i).unwrap_or(&[]));
            from = i + 1;
            match b {
                b'"' => out.extend_from_slice(b"\\\""),
                b'\\' => out.extend_from_slice(b"\\\\"),
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                b'\t' => out.extend_from_slice(b"\\t"),
                0x08 => out.extend_from_slice(b"\\b"),
                0x0c => out.extend_from_slice(b"\\f"),
                _ => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.extend_from_slice(b"\\u00");
                    out.push(HEX[usize::from(b >> 4)]);
                    out.push(HEX[usize::from(b & 0xf)]);
                }
            }
        }
        out.extend_from_slice(bytes.get(from..).unwrap_or(&[]));
    } else {
        out.extend_from_slice(bytes);
    }
    out.push(b'"');
}

/// A byte JSON strings escape.
#[inline]
fn json_escaped(b: u8) -> bool {
    // Without short-circuits, so that a scan over many bytes is vectorized.
    (b == b'"') | (b == b'\\') | (b < 0x20)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{Place, Rows};

    #[test]
    fn as_written_is_what_reading_the_written_text_gives() {
        let mut rng = crate::analysis::stats::SplitMix64::new(7);
        let mut values: Vec<f64> = vec![
            0.0, -0.0, 0.5, -0.5, 0.00005, -0.00005, 0.12345, 0.99995, -0.28495, 1e12, -3.0,
        ];
        for _ in 0..20_000 {
            let u = rng.next_u64();
            // Tones, weights and a few values near ties at four decimals.
            let x = (u >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
            values.push(x);
            values.push(x * 8.0);
            values.push((x * 1e4).trunc() / 1e4 + 0.00005);
        }
        type Round = fn(f64) -> f64;
        let ways: [(usize, Round); 2] = [(4, as_written::<4>), (2, as_written::<2>)];
        for x in values {
            for (decimals, round) in ways {
                let mut text = String::new();
                fixed(&mut text, x, decimals);
                let back: f64 = text.parse().expect("a number");
                assert_eq!(round(x).to_bits(), (back + 0.0).to_bits(), "{x} {text}");
            }
        }
    }

    #[test]
    fn jsonl_with_the_runs_escaped_strings_writes_what_escaping_each_time_writes() {
        let scorer = Scorer::new().expect("scorer");
        let headers = vec!["id".to_string(), "text".to_string()];
        let names: Vec<String> = SCORE_COLUMNS.iter().map(|c| c.to_string()).collect();
        let (plain, run) = (
            JsonlKeys::new(&headers, &names),
            JsonlKeys::for_run(&headers, &names, &scorer),
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold/dev2.csv");
        let mut rdr = csv::Reader::from_path(path).expect("dev2.csv");
        let mut scores: Vec<(String, Score)> = rdr
            .records()
            .map(|r| {
                let text = r.expect("row").get(5).unwrap_or("").to_string();
                let score = scorer.score(&text);
                (text, score)
            })
            .collect();
        assert!(scores.iter().map(|(_, s)| s.hits.len()).sum::<usize>() > 100);
        // An entry and a category the tables lack: both writers fall back alike.
        let mut odd = scorer.score("We will attack");
        if let Some(h) = odd.hits.first_mut() {
            h.entry = u32::MAX;
            h.category = crate::lexicon::CategoryId(u8::MAX);
        }
        scores.push(("odd".to_string(), odd));
        for (text, score) in &scores {
            let fields = [b"1".as_slice(), text.as_bytes()];
            let (mut a, mut b) = (Vec::new(), Vec::new());
            jsonl_into(&mut a, &plain, fields.iter().copied(), score, &scorer);
            jsonl_into(&mut b, &run, fields.iter().copied(), score, &scorer);
            assert_eq!(String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
        }
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "plain text, with commas".to_string(),
            "say \"no\" \\ back".to_string(),
            "año ¿qué? — 🙂".to_string(),
            "\u{7f}\u{80}".to_string(),
        ];
        cases.extend((0u8..0x20).map(|c| format!("a{}b", char::from(c))));
        cases.push((0u8..0x80).map(char::from).collect());
        for s in &cases {
            let mut ours = Vec::new();
            json_str(&mut ours, s.as_bytes());
            let theirs = serde_json::to_string(s).expect("serde");
            assert_eq!(String::from_utf8_lossy(&ours), theirs, "{s:?}");
        }
    }

    #[test]
    fn formulas_are_told_from_text_and_numbers() {
        for f in [
            "=1+1",
            "=HYPERLINK(\"http://x\")",
            "@petrogustavo",
            "+57 1 555",
            "- We will respond",
            "-",
            "+",
            "-inf",
            "-NaN",
            "\tTab",
            "\rx",
        ] {
            assert!(looks_like_formula(f.as_bytes()), "{f:?}");
        }
        for f in [
            "", "-3", "+1.5", "-0.25", "1e5", "-2e-3", "We will", " =1", "a=b", "'=1", "—dash",
        ] {
            assert!(!looks_like_formula(f.as_bytes()), "{f:?}");
        }
        let mut out = Vec::new();
        csv_record_escaped(
            &mut out,
            ["=1,2", "-3", "@x \"y\"", "ok"]
                .iter()
                .map(|f| f.as_bytes()),
        );
        assert_eq!(out, b"\"'=1,2\",-3,\"'@x \"\"y\"\"\",ok\n");
    }

    #[test]
    fn push_number_writes_what_display_writes() {
        for n in [0usize, 7, 10, 99, 100, 123_456_789, usize::MAX] {
            let mut out = b"x".to_vec();
            push_number(&mut out, n);
            assert_eq!(out, format!("x{n}").into_bytes());
        }
    }

    #[test]
    fn fixed_has_no_negative_zero() {
        let mut s = String::new();
        fixed(&mut s, -0.00001, 4);
        assert_eq!(s, "0.0000");
        s.clear();
        fixed(&mut s, -0.25, 2);
        assert_eq!(s, "-0.25");
    }

    #[test]
    fn needs_quotes_finds_each_special_byte_anywhere() {
        for len in [1, 7, 8, 9, 31, 32, 33, 64, 200] {
            let plain = vec![b'x'; len];
            assert!(!needs_quotes(&plain));
            for special in [b',', b'"', b'\r', b'\n'] {
                for at in 0..len {
                    let mut f = plain.clone();
                    f[at] = special;
                    assert!(needs_quotes(&f), "{len} {special} {at}");
                }
            }
        }
    }

    #[test]
    fn csv_record_writes_what_the_csv_crate_writes() {
        let pieces: &[&[u8]] = &[
            b"",
            b"a",
            b"plain text",
            b"a,b",
            b"say \"hi\"",
            b"\"",
            b"line\nbreak",
            b"cr\r",
            b" spaced ",
            b"\xC3\xB1and\xC3\xBA",
            b"#x",
            b"'q'",
            b"\t",
        ];
        let mut state = 7u64;
        for _ in 0..2000 {
            let mut fields: Vec<Vec<u8>> = Vec::new();
            let width = 2 + (state % 5) as usize;
            for _ in 0..width {
                let mut f = Vec::new();
                // Up to 11 pieces: fields long enough for the vector search too.
                for _ in 0..(state % 12) {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1);
                    f.extend_from_slice(pieces[(state >> 33) as usize % pieces.len()]);
                }
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                fields.push(f);
            }
            let mut ours = Vec::new();
            csv_record(&mut ours, fields.iter().map(|f| f.as_slice()));
            let mut theirs = csv::Writer::from_writer(Vec::new());
            theirs.write_record(&fields).expect("write");
            assert_eq!(ours, theirs.into_inner().expect("flush"), "{fields:?}");
            // The whole-record search of csv_fields: the same fields, a comma after each.
            let mut whole = Vec::new();
            let mut rows = Rows::new();
            rows.push(fields.iter().map(|f| f.as_slice()), Place::default());
            csv_fields(&mut whole, &rows.get(0).expect("row"));
            assert_eq!(whole.pop(), Some(b','));
            whole.push(b'\n');
            assert_eq!(whole, ours, "{fields:?}");
        }
    }

    #[test]
    fn csv_scored_row_writes_what_csv_record_writes_with_score_fields() {
        let scorer = Scorer::new().expect("scorer");
        let mut texts = vec![
            String::new(),
            "They say \"no\" to talks, and threaten war".to_string(),
            "We welcome the agreement and will cooperate".to_string(),
        ];
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold/dev2.csv");
        let mut rdr = csv::Reader::from_path(path).expect("dev2.csv");
        for rec in rdr.records() {
            let rec = rec.expect("row");
            texts.push(rec.get(5).unwrap_or("").to_string());
        }
        let inputs: [&[u8]; 3] = [b"id,1", b"plain", b"say \"x\"\n"];
        let mut fields = ScoreFields::default();
        for text in &texts {
            let score = scorer.score(text);
            fields.fill(&score, &scorer);
            let scores = (0..SCORE_COLUMNS.len()).map(|i| fields.bytes(i));
            let row = inputs.iter().copied().chain([text.as_bytes()]);
            let mut want = Vec::new();
            csv_record(&mut want, row.clone().chain(scores));
            let mut got = Vec::new();
            let mut rows = Rows::new();
            rows.push(row, Place::default());
            csv_scored_row::<false>(&mut got, &rows.get(0).expect("row"), &score, &scorer);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "{text}"
            );
        }
    }

    #[test]
    fn fast_path_formats_like_format() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            0.125,
            0.375,
            1.0,
            -1.0,
            0.99995,
            -0.99995,
            0.00005,
            2.675,
            1.005,
            9.995,
            -3.5,
            1e8,
            -1e9,
            123_456.789,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e-320,
            5e-324,
            f64::MIN_POSITIVE,
            0.25,
            0.0625,
            -0.0625,
            2.5,
            3.5,
            99_999.999_95,
            999_999_999.5,
            -999_999_999.4,
            4_503_599_627_370_495.5,
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            values.push((unit - 0.5) * 40.0);
            // Values on a grid of halves of the last decimal, the ties the fast path must
            // leave to format!.
            values.push(((state % 40_000) as f64 - 20_000.0) / 20_000.0);
        }
        for &x in &values {
            for d in 0..=4 {
                let mut fast = String::new();
                fixed(&mut fast, x, d);
                let mut slow = format!("{x:.d$}");
                if slow.starts_with('-') && slow[1..].bytes().all(|b| b == b'0' || b == b'.') {
                    slow.remove(0);
                }
                assert_eq!(fast, slow, "{x:e} with {d} decimals");
                // The byte writer (the CSV and JSON Lines path) writes the same.
                let mut bytes = b"x".to_vec();
                fixed_bytes(&mut bytes, x, d);
                assert_eq!(
                    bytes.get(1..),
                    Some(slow.as_bytes()),
                    "{x:e} with {d} decimals"
                );
                // Every finite value under the bound takes the fast path, ties included.
                let small = x.abs() * 10f64.powi(d as i32) < 1e9;
                assert_eq!(
                    fixed_fast_dyn(x, d).is_some(),
                    small,
                    "{x:e} with {d} decimals"
                );
                let mut bytes = Vec::new();
                fixed_bytes(&mut bytes, x, d);
                assert_eq!(bytes, slow.as_bytes(), "{x:e} with {d} decimals, as bytes");
            }
        }
    }
}
