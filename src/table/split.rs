//! Where records end in raw CSV bytes, found without parsing them: the calling thread cuts the
//! input into runs of whole records with this, and the scoring threads parse the runs in
//! parallel. The cuts must be exactly where the csv crate's own reader ends records, or a
//! parallel run would parse differently from a sequential one; [`Splitter`] follows the same
//! rules (csv-core's state machine with the options detente reads with: a one-byte delimiter
//! (`,` unless the user names another), `"`
//! quotes doubled inside quoted fields, no escape character, no comments, any of `\r`, `\n` or
//! `\r\n` ending a record, blank lines skipped), stopping only at quotes and line ends instead
//! of looking up every byte. A test holds it to csv-core on random input.

/// Where a [`Splitter`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Outside quoted fields: a line end ends a record (if one was begun), and a quote opens a
    /// quoted field only at the start of a field (after a delimiter or a line end, or at the
    /// start of the input); elsewhere it is an ordinary byte of an unquoted field.
    Outside,
    /// In a quoted field: only a quote matters (line ends are still counted).
    InQuoted,
    /// Just after a quote in a quoted field, before the next byte has been seen: another quote
    /// is an escaped quote, anything else closes the quoted part.
    AfterQuote,
}

/// Where a record begins: its first byte (after any blank lines) and that byte's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordStart {
    /// Offset in the bytes scanned.
    pub(crate) offset: usize,
    /// Line ends before it, counted from where the scan began.
    pub(crate) lines: u64,
    /// A quote appears in the record: without one, no field holds a delimiter, a quote or a
    /// line end, and its fields are the bytes between delimiters as they stand.
    pub(crate) quoted: bool,
}

/// Finds where records begin and end in CSV bytes, one after another, resuming where it
/// stopped when more bytes arrive. It stops only at quotes and line ends (one vector search
/// for each), and tells a quote that opens a field from one inside an unquoted field by the
/// byte before it.
#[derive(Debug, Clone)]
pub(crate) struct Splitter {
    state: State,
    /// A record has begun and not ended: a line end here ends it.
    in_record: bool,
    /// Line ends (`\n`) seen, in quoted fields too.
    lines: u64,
    /// The field delimiter: a quote after it opens a quoted field.
    delimiter: u8,
}

impl Splitter {
    /// A splitter at the start of a record, for fields separated by `delimiter`.
    pub(crate) fn new(delimiter: u8) -> Splitter {
        Splitter {
            state: State::Outside,
            in_record: false,
            lines: 0,
            delimiter,
        }
    }

    /// A record has begun and not ended.
    pub(crate) fn in_record(&self) -> bool {
        self.in_record
    }

    /// In a quoted field: at the end of the input, its record's quote was never closed.
    pub(crate) fn in_quoted_field(&self) -> bool {
        self.state == State::InQuoted
    }

    /// Line ends seen so far.
    pub(crate) fn lines(&self) -> u64 {
        self.lines
    }

    /// Scans `bytes` from `*pos`, pushing where each record begins onto `starts`, and returns
    /// the offset just past the line end that ends the next record, leaving `*pos` there.
    /// Without one (the bytes run out inside a record or in blank lines), returns `None` with
    /// `*pos` where scanning stopped; call again with the same bytes and more appended to go
    /// on. `bytes` must hold everything from where the scan began: the byte before a quote
    /// decides what the quote is.
    pub(crate) fn next_record_end(
        &mut self,
        bytes: &[u8],
        pos: &mut usize,
        starts: &mut Vec<RecordStart>,
    ) -> Option<usize> {
        let mut i = *pos;
        let end = loop {
            let rest = bytes.get(i..).unwrap_or(&[]);
            match self.state {
                State::Outside => {
                    let Some(k) = memchr::memchr3(b'"', b'\n', b'\r', rest) else {
                        if !rest.is_empty() {
                            self.begin(i, starts);
                        }
                        i = bytes.len();
                        break None;
                    };
                    if k > 0 {
                        self.begin(i, starts);
                    }
                    let at = i + k;
                    i = at + 1;
                    match rest.get(k) {
                        Some(b'"') => {
                            self.begin(at, starts);
                            if let Some(s) = starts.last_mut() {
                                s.quoted = true;
                            }
                            let opens = at == 0
                                || bytes.get(at - 1).is_some_and(|&b| {
                                    b == self.delimiter || b == b'\n' || b == b'\r'
                                });
                            if opens {
                                self.state = State::InQuoted;
                            }
                        }
                        Some(&b) => {
                            self.lines += u64::from(b == b'\n');
                            if self.in_record {
                                self.in_record = false;
                                break Some(i);
                            }
                        }
                        None => {}
                    }
                }
                State::InQuoted => match memchr::memchr2(b'"', b'\n', rest) {
                    None => {
                        i = bytes.len();
                        break None;
                    }
                    Some(k) => {
                        i += k + 1;
                        if rest.get(k) == Some(&b'"') {
                            self.state = State::AfterQuote;
                        } else {
                            self.lines += 1;
                        }
                    }
                },
                State::AfterQuote => match rest.first() {
                    None => break None,
                    Some(b'"') => {
                        i += 1;
                        self.state = State::InQuoted;
                    }
                    Some(_) => self.state = State::Outside,
                },
            }
        };
        *pos = i;
        end
    }

    /// Notes that a record begins at `offset` unless one is already under way.
    fn begin(&mut self, offset: usize, starts: &mut Vec<RecordStart>) {
        if !self.in_record {
            self.in_record = true;
            starts.push(RecordStart {
                offset,
                lines: self.lines,
                quoted: false,
            });
        }
    }
}

/// 20,000 short random strings over `alphabet` (repeat a byte to make it likelier), so that
/// every state of a CSV reader meets every byte that matters often; for tests that hold two
/// readers together.
#[cfg(test)]
pub(crate) fn random_csv(seed: u64, alphabet: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let mut x = seed;
    (0..20_000).map(move |_| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let len = (x % 24) as usize;
        let mut y = x;
        (0..len)
            .map(|_| {
                y = y.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                alphabet
                    .get(((y >> 33) % alphabet.len().max(1) as u64) as usize)
                    .copied()
                    .unwrap_or(b'a')
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_line_end(b: u8) -> bool {
        b == b'\n' || b == b'\r'
    }

    /// Where csv-core, configured as detente's reader is, ends each record of `bytes`: the
    /// input offset after each record it reports before the end of input.
    fn csv_core_ends(bytes: &[u8], delimiter: u8) -> Vec<usize> {
        let mut rdr = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
        let (mut out, mut ends) = (vec![0u8; bytes.len() + 1], vec![0usize; bytes.len() + 2]);
        // A byte-order mark is dropped by csv-core at the very start; detente drops it before
        // splitting, so start with a line end as the parallel parse does.
        let mut input = vec![b'\n'];
        input.extend_from_slice(bytes);
        let mut at = 0;
        let mut found = Vec::new();
        loop {
            let (res, nin, _, _) =
                rdr.read_record(input.get(at..).unwrap_or(&[]), &mut out, &mut ends);
            at += nin;
            match res {
                // Records ended by a line end; one ended by the end of input is not a cut.
                csv_core::ReadRecordResult::Record => {
                    if input
                        .get(at.wrapping_sub(1))
                        .is_some_and(|&b| is_line_end(b))
                    {
                        found.push(at - 1);
                    }
                }
                csv_core::ReadRecordResult::InputEmpty => {}
                _ => break,
            }
            if at >= input.len() {
                break;
            }
        }
        found
    }

    /// The record ends and starts the splitter finds in `bytes`, as offsets and, for starts,
    /// line ends before.
    fn splitter_finds(bytes: &[u8], delimiter: u8) -> (Vec<usize>, Vec<(usize, u64)>) {
        let (mut s, mut pos, mut ends, mut starts) =
            (Splitter::new(delimiter), 0, Vec::new(), Vec::new());
        while let Some(end) = s.next_record_end(bytes, &mut pos, &mut starts) {
            ends.push(end);
        }
        let starts = starts.iter().map(|r| (r.offset, r.lines)).collect();
        (ends, starts)
    }

    fn splitter_ends(bytes: &[u8]) -> Vec<usize> {
        splitter_finds(bytes, b',').0
    }

    /// Where records begin, given where csv-core ends them: at the first byte after the last
    /// end (or the start) that is not a line end, if any, with the line ends before it.
    fn starts_after(bytes: &[u8], ends: &[usize]) -> Vec<(usize, u64)> {
        std::iter::once(0)
            .chain(ends.iter().copied())
            .filter_map(|from| {
                let first = from + bytes.get(from..)?.iter().position(|&b| !is_line_end(b))?;
                let lines = bytes.get(..first)?.iter().filter(|&&b| b == b'\n').count();
                Some((first, lines as u64))
            })
            .collect()
    }

    const CASES: &[(&str, &[u8], &[usize])] = &[
        ("plain rows", b"a,b\nc,d\n", &[4, 8]),
        ("quoted line end", b"a,\"x\ny\"\nc\n", &[8, 10]),
        ("escaped quote", b"\"a\"\"\nb\"\nc\n", &[8, 10]),
        (
            "quote inside an unquoted field is literal",
            b"a,b\"c\nd\n",
            &[6, 8],
        ),
        ("bytes after a closing quote", b"\"a\"b\"c\nd\n", &[7, 9]),
        ("blank lines are skipped", b"\n\na\n\n\nb\n", &[4, 8]),
        ("crlf", b"a\r\nb\r\n", &[2, 5]),
        ("lone cr", b"a\r\"b\rc\"\r", &[2, 8]),
        ("no final line end", b"a\nb", &[2]),
        ("unclosed quote", b"a\n\"b\nc\n", &[2]),
    ];

    #[test]
    fn record_ends_match_csv_core_on_named_cases() {
        for (name, bytes, want) in CASES {
            assert_eq!(splitter_ends(bytes), want.to_vec(), "{name}");
            assert_eq!(
                csv_core_ends(bytes, b','),
                want.to_vec(),
                "{name} (csv-core)"
            );
            assert_eq!(
                splitter_finds(bytes, b',').1,
                starts_after(bytes, want),
                "{name}"
            );
        }
    }

    #[test]
    fn record_ends_match_csv_core_on_random_bytes() {
        // With `;` or a tab between fields, a quote after a comma is inside an unquoted field.
        for (seed, d, alphabet) in [
            (0x9E37_79B9_7F4A_7C15, b',', &b"ab,\"\"\r\n\n"[..]),
            (0x2545_F491_4F6C_DD1D, b';', b"a;,\"\"\r\n\n"),
            (0x5851_F42D_4C95_7F2D, b'\t', b"a\t,\"\"\r\n\n"),
        ] {
            for bytes in random_csv(seed, alphabet) {
                let ends = csv_core_ends(&bytes, d);
                let text = String::from_utf8_lossy(&bytes);
                let (found_ends, found_starts) = splitter_finds(&bytes, d);
                assert_eq!(found_ends, ends, "{text:?} with {d}");
                assert_eq!(found_starts, starts_after(&bytes, &ends), "{text:?}");
            }
        }
    }

    #[test]
    fn resumes_where_the_bytes_ran_out() {
        let all = b"id,text\n1,\"a\nb\"\"c\"\n\n2,d\"\r\n3,\"\"\n";
        let want = splitter_finds(all, b',');
        for cut in 0..all.len() {
            let (mut s, mut pos) = (Splitter::new(b','), 0);
            let (mut ends, mut starts) = (Vec::new(), Vec::new());
            let first = all.get(..cut).unwrap_or(&[]);
            while let Some(end) = s.next_record_end(first, &mut pos, &mut starts) {
                ends.push(end);
            }
            while let Some(end) = s.next_record_end(all, &mut pos, &mut starts) {
                ends.push(end);
            }
            let starts: Vec<_> = starts.iter().map(|r| (r.offset, r.lines)).collect();
            assert_eq!((ends, starts), want, "cut at {cut}");
            assert_eq!(s.lines(), 6);
        }
    }
}
