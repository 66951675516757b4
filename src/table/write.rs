//! Writing scored rows: the input columns followed by the score columns, as CSV or JSON Lines.
//! Numbers are written with fixed decimals so output is byte-stable.

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
    let start = out.len();
    let _ = write!(out, "{x:.decimals$}");
    if out[start..].starts_with('-') && out[start + 1..].bytes().all(|b| b == b'0' || b == b'.') {
        out.remove(start);
    }
}

/// The score columns of one row as text, in [`SCORE_COLUMNS`] order, reusing one buffer.
#[derive(Debug, Default)]
pub struct ScoreFields {
    buf: String,
    ends: [usize; 9],
}

impl ScoreFields {
    /// Formats `score`.
    pub fn fill(&mut self, score: &Score, scorer: &Scorer) {
        let cats: &Categories = scorer.categories();
        let b = &mut self.buf;
        b.clear();
        fixed(b, score.tone, 4);
        self.ends[0] = b.len();
        b.push_str(score.label.name());
        self.ends[1] = b.len();
        fixed(b, score.hostility, 3);
        self.ends[2] = b.len();
        fixed(b, score.cooperation, 3);
        self.ends[3] = b.len();
        fixed(b, score.goldstein, 2);
        self.ends[4] = b.len();
        if let Some(c) = score.category {
            b.push_str(&cats.get(c).name);
        }
        self.ends[5] = b.len();
        if let Some(c) = score.category {
            b.push_str(&cats.get(c).cameo);
        }
        self.ends[6] = b.len();
        b.push_str(score.lang.code());
        self.ends[7] = b.len();
        for (i, h) in score.hits.iter().enumerate() {
            if i > 0 {
                b.push(';');
            }
            b.push_str(scorer.term(score.lang, h));
            b.push(':');
            b.push_str(&cats.get(h.category).name);
            b.push(':');
            fixed(b, h.weight, 2);
        }
        self.ends[8] = b.len();
    }

    /// Field `i` (0..9) as text.
    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.buf.get(start..self.ends[i]).unwrap_or("")
    }
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
    let cats = scorer.categories();
    let mut num = String::new();
    let mut number = |line: &mut Vec<u8>, x: f64, d: usize| {
        num.clear();
        fixed(&mut num, x, d);
        line.extend_from_slice(num.as_bytes());
    };
    let key = |line: &mut Vec<u8>, i: usize| -> io::Result<()> {
        json_str(line, names.get(i).map_or(SCORE_COLUMNS[i], String::as_str))?;
        line.push(b':');
        Ok(())
    };
    line.clear();
    line.push(b'{');
    for (h, v) in headers.iter().zip(fields) {
        json_str(line, h)?;
        line.push(b':');
        json_str(line, v)?;
        line.push(b',');
    }
    key(line, 0)?;
    number(line, score.tone, 4);
    line.push(b',');
    key(line, 1)?;
    json_str(line, score.label.name())?;
    line.push(b',');
    key(line, 2)?;
    number(line, score.hostility, 3);
    line.push(b',');
    key(line, 3)?;
    number(line, score.cooperation, 3);
    line.push(b',');
    key(line, 4)?;
    number(line, score.goldstein, 2);
    line.push(b',');
    key(line, 5)?;
    match score.category {
        Some(c) => json_str(line, &cats.get(c).name)?,
        None => line.extend_from_slice(b"null"),
    }
    line.push(b',');
    key(line, 6)?;
    match score.category {
        Some(c) => json_str(line, &cats.get(c).cameo)?,
        None => line.extend_from_slice(b"null"),
    }
    line.push(b',');
    key(line, 7)?;
    json_str(line, score.lang.code())?;
    line.push(b',');
    key(line, 8)?;
    line.push(b'[');
    for (i, h) in score.hits.iter().enumerate() {
        if i > 0 {
            line.push(b',');
        }
        line.extend_from_slice(b"{\"term\":");
        json_str(line, scorer.term(score.lang, h))?;
        line.push(b',');
        key(line, 5)?;
        json_str(line, &cats.get(h.category).name)?;
        line.extend_from_slice(b",\"weight\":");
        number(line, h.weight, 2);
        line.extend_from_slice(b",\"base\":");
        number(line, h.base, 2);
        line.extend_from_slice(b",\"rules\":[");
        for (k, r) in h.rules.names().enumerate() {
            if k > 0 {
                line.push(b',');
            }
            json_str(line, r)?;
        }
        line.extend_from_slice(b"]}");
    }
    line.extend_from_slice(b"]}\n");
    out.write_all(line)
}

/// Appends `s` as a JSON string literal (serde_json does the escaping).
fn json_str(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    serde_json::to_writer(out, s).map_err(io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_has_no_negative_zero() {
        let mut s = String::new();
        fixed(&mut s, -0.00001, 4);
        assert_eq!(s, "0.0000");
        s.clear();
        fixed(&mut s, -0.25, 2);
        assert_eq!(s, "-0.25");
    }
}
