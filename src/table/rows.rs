//! Parsed CSV rows of one chunk of input: every field's bytes (quotes taken off, doubled quotes
//! made single) back to back in one buffer, so that a chunk of thousands of rows is three
//! reused vectors, and [`Row`], the view of one row that the streaming code hands to its map
//! and sink. [`Rows::parse`] reads records exactly as the csv crate's reader does with the
//! options detente reads with (a test holds the two together on random input); it is given
//! where each record begins by [`super::split::Splitter`], which already scanned the chunk.

use super::split::RecordStart;

/// The rows of a chunk of CSV input, parsed.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    /// Field bytes of every row, back to back.
    bytes: Vec<u8>,
    /// Each field's end in `bytes`, relative to its row's first byte.
    ends: Vec<u32>,
    /// Per row: where its bytes and its ends begin, and where it is in the input.
    rows: Vec<RowAt>,
    /// Where the last row's bytes and ends stop (the next row's would begin).
    tail: (usize, usize),
}

/// Where a row's data lies in [`Rows`] and where the row is in the input.
#[derive(Debug, Clone, Copy)]
struct RowAt {
    bytes: usize,
    ends: usize,
    place: Place,
    /// See [`Row::stray_quote`].
    stray_quote: Option<u32>,
    /// See [`Row::plain`].
    plain: bool,
}

/// Where a row is in the input: its first byte's offset and line (1-based), and its record
/// number (0-based, counting a header as record 0), as the csv crate numbers them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Byte offset of the row's first byte.
    pub byte: u64,
    /// Line of the row's first byte.
    pub line: u64,
    /// Record number.
    pub record: u64,
}

/// One row: its fields and where it is in the input.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    bytes: &'a [u8],
    ends: &'a [u32],
    place: Place,
    stray_quote: Option<u32>,
    plain: bool,
}

impl Rows {
    /// No rows.
    pub fn new() -> Rows {
        Rows::default()
    }

    /// Forgets the rows, keeping the buffers.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.rows.clear();
        self.tail = (0, 0);
    }

    /// Lets go of buffer room beyond about `bytes` (after a chunk of long rows).
    pub(crate) fn shrink_to(&mut self, bytes: usize) {
        self.bytes.shrink_to(bytes);
        self.ends.shrink_to(bytes / 8);
        self.rows.shrink_to(bytes / 32);
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row `i`.
    pub fn get(&self, i: usize) -> Option<Row<'_>> {
        let at = self.rows.get(i)?;
        let (bytes_end, ends_end) = match self.rows.get(i + 1) {
            Some(next) => (next.bytes, next.ends),
            None => self.tail,
        };
        Some(Row {
            bytes: self.bytes.get(at.bytes..bytes_end)?,
            ends: self.ends.get(at.ends..ends_end)?,
            place: at.place,
            stray_quote: at.stray_quote,
            plain: at.plain,
        })
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// Adds a row of the given fields at `place` (not [`Row::plain`]: its fields are not
    /// looked at).
    pub fn push<'f>(&mut self, fields: impl IntoIterator<Item = &'f [u8]>, place: Place) {
        let start = self.begin(place, false);
        for f in fields {
            self.bytes.extend_from_slice(f);
            self.end_field(start);
        }
        self.tail = (self.bytes.len(), self.ends.len());
    }

    /// Parses the records of `input` that begin at `starts` (offsets into `input`, as the
    /// splitter found them: each at a record's first byte) and adds them as rows; `place`
    /// maps a start and its index to the row's place in the whole input. A record without a
    /// quote, its fields separated by commas, makes a [`Row::plain`] row.
    pub(crate) fn parse(
        &mut self,
        input: &[u8],
        starts: &[RecordStart],
        delimiter: u8,
        place: impl Fn(usize, &RecordStart) -> Place,
    ) {
        for (i, s) in starts.iter().enumerate() {
            let start = self.begin(place(i, s), !s.quoted && delimiter == b',');
            self.parse_record(input, s.offset, start, delimiter);
            self.tail = (self.bytes.len(), self.ends.len());
        }
    }

    /// Notes that a row begins at `place`, [`Row::plain`] or not; returns where its bytes
    /// begin.
    fn begin(&mut self, place: Place, plain: bool) -> usize {
        let start = self.bytes.len();
        self.rows.push(RowAt {
            bytes: start,
            ends: self.ends.len(),
            place,
            stray_quote: None,
            plain,
        });
        start
    }

    /// Ends the current field of the row whose bytes begin at `start`.
    fn end_field(&mut self, start: usize) {
        // A chunk is far smaller than 4 GiB; a row over that is cut short in its numbering
        // only, never read out of bounds (the slices are checked).
        self.ends
            .push(u32::try_from(self.bytes.len() - start).unwrap_or(u32::MAX));
    }

    /// Reads the fields of the record at `input[at..]` up to its line end or the end of
    /// `input`, following csv-core's states: a quote opens a quoted field only as a field's
    /// first byte; in a quoted field a doubled quote is one quote and a single one closes the
    /// quoted part, after which bytes up to the next delimiter are kept as they are; an
    /// unquoted field runs to the next delimiter or line end, quotes included.
    fn parse_record(&mut self, input: &[u8], mut at: usize, start: usize, delimiter: u8) {
        loop {
            // At the start of a field.
            if input.get(at) == Some(&b'"') {
                at += 1;
                let opened = at;
                loop {
                    let rest = input.get(at..).unwrap_or(&[]);
                    match memchr::memchr(b'"', rest) {
                        None => {
                            // Unclosed at the end of the input: the field runs to the end.
                            self.bytes.extend_from_slice(rest);
                            self.end_field(start);
                            return;
                        }
                        Some(q) => {
                            self.bytes.extend_from_slice(rest.get(..q).unwrap_or(&[]));
                            at += q + 1;
                            if input.get(at) == Some(&b'"') {
                                self.bytes.push(b'"');
                                at += 1;
                            } else {
                                // Closed in the middle of the field: rare, and then looked
                                // at more closely.
                                if input
                                    .get(at)
                                    .is_some_and(|&b| b != delimiter && b != b'\n' && b != b'\r')
                                {
                                    self.note_stray_quote(input, opened, at);
                                }
                                break;
                            }
                        }
                    }
                }
            }
            // Unquoted, or what follows a closing quote: up to a delimiter or line end.
            let rest = input.get(at..).unwrap_or(&[]);
            match memchr::memchr3(delimiter, b'\n', b'\r', rest) {
                None => {
                    self.bytes.extend_from_slice(rest);
                    self.end_field(start);
                    return;
                }
                Some(k) => {
                    self.bytes.extend_from_slice(rest.get(..k).unwrap_or(&[]));
                    self.end_field(start);
                    at += k + 1;
                    if rest.get(k) != Some(&delimiter) {
                        return;
                    }
                }
            }
        }
    }
}

impl Rows {
    /// A quoted field opened at `input[opened]` and closed by the quote just before `at`, with
    /// more of the field after that quote (not a delimiter, a line end or the end): when the
    /// quoted part holds a line break too, the quote that opened it was most likely a stray
    /// one, and the "field" the lines after it, rows and all, up to the next quote in the
    /// file, which opened a later field. A well-formed field that spans lines closes before a
    /// delimiter or a line end. The row notes the field ([`Row::stray_quote`]).
    #[cold]
    #[inline(never)]
    fn note_stray_quote(&mut self, input: &[u8], opened: usize, at: usize) {
        if memchr::memchr(b'\n', input.get(opened..at).unwrap_or(&[])).is_none() {
            return;
        }
        if let Some(row) = self.rows.last_mut()
            && row.stray_quote.is_none()
        {
            row.stray_quote = Some(self.ends.len().saturating_sub(row.ends) as u32);
        }
    }
}

impl<'a> Row<'a> {
    /// The 0-based field of this row that seems to start with a stray quote: a quoted field
    /// that runs over a line break and closes in the middle of the field (`"We will respond`
    /// ... later lines ... `3,"bye"`): the csv crate reads the lines in between as that field's
    /// text, so the rows on them would be lost inside it. `None` for a well-formed row.
    pub fn stray_quote(&self) -> Option<usize> {
        self.stray_quote.map(|f| f as usize)
    }

    /// No field holds a comma, a quote, CR or LF, known without looking at the fields: the
    /// row was read from a record without a quote whose fields commas separate. Written as CSV,
    /// each field is then its bytes as they stand. False does not mean that some field needs
    /// quotes (a row built by [`Rows::push`] is never plain).
    pub fn plain(&self) -> bool {
        self.plain
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// No fields.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(j) => *self.ends.get(j)? as usize,
            None => 0,
        };
        self.bytes.get(start..end)
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + 'a {
        let bytes = self.bytes;
        let mut start = 0usize;
        self.ends.iter().map(move |&end| {
            let end = end as usize;
            let f = bytes.get(start..end).unwrap_or(&[]);
            start = end;
            f
        })
    }

    /// Every field's bytes, back to back.
    pub fn as_slice(&self) -> &'a [u8] {
        self.bytes
    }

    /// Where the row is in the input.
    pub fn place(&self) -> Place {
        self.place
    }
}

#[cfg(test)]
mod tests {
    use super::super::split::Splitter;
    use super::*;

    /// The rows detente's splitter and parser find in `bytes` with fields separated by
    /// `delimiter`.
    fn ours(bytes: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut input = vec![b'\n'];
        input.extend_from_slice(bytes);
        let (mut s, mut pos, mut starts) = (Splitter::new(delimiter), 1, Vec::new());
        while s.next_record_end(&input, &mut pos, &mut starts).is_some() {}
        let mut rows = Rows::new();
        rows.parse(&input, &starts, delimiter, |_, _| Place::default());
        rows.iter()
            .map(|r| r.iter().map(|f| f.to_vec()).collect())
            .collect()
    }

    /// The rows the csv crate reads from `bytes`, set up as detente reads.
    fn theirs(bytes: &[u8], delimiter: u8) -> Vec<Vec<Vec<u8>>> {
        let mut input = vec![b'\n'];
        input.extend_from_slice(bytes);
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(input.as_slice());
        rdr.byte_records()
            .map(|r| r.map(|r| r.iter().map(|f| f.to_vec()).collect()))
            .collect::<Result<_, _>>()
            .unwrap_or_default()
    }

    #[test]
    fn rows_match_the_csv_crate_on_named_cases() {
        let cases: &[&[u8]] = &[
            b"a,b\nc,d\n",
            b"a,\"x\ny\"\nc\n",
            b"\"a\"\"\nb\"\nc\n",
            b"a,b\"c\nd\n",
            b"\"a\"b\"c\nd\n",
            b"\n\na\n\n\nb\n",
            b"a\r\nb\r\n",
            b"a\r\"b\rc\"\r",
            b"a\nb",
            b"a\n\"b\nc\n",
            b"a,\n,\n,,",
            b"\"\",\"\"\"\"\n",
            b"\"a\",",
        ];
        for bytes in cases {
            assert_eq!(
                ours(bytes, b','),
                theirs(bytes, b','),
                "{:?}",
                String::from_utf8_lossy(bytes)
            );
            // The same cases with `;` (and `\t`) between fields: a comma is then a plain byte.
            for d in [b';', b'\t'] {
                let swapped: Vec<u8> = bytes
                    .iter()
                    .map(|&b| if b == b',' { d } else { b })
                    .collect();
                assert_eq!(ours(&swapped, d), theirs(&swapped, d), "{swapped:?}");
                assert_eq!(ours(bytes, d), theirs(bytes, d), "{bytes:?} with {d}");
            }
        }
    }

    #[test]
    fn rows_match_the_csv_crate_on_random_bytes() {
        for (seed, d, alphabet) in [
            (0x2545_F491_4F6C_DD1D, b',', &b"ab,,\"\"\r\n\n"[..]),
            (0x9E37_79B9_7F4A_7C15, b';', b"ab;;,\"\"\r\n\n"),
            (0x5851_F42D_4C95_7F2D, b'\t', b"a\t\t,;\"\"\r\n\n"),
        ] {
            for bytes in super::super::split::random_csv(seed, alphabet) {
                assert_eq!(
                    ours(&bytes, d),
                    theirs(&bytes, d),
                    "{:?} with {d}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
    }

    #[test]
    fn plain_rows_hold_no_byte_that_needs_quotes() {
        // The writer copies a plain row's fields without looking for a comma, a quote or a
        // line end in them.
        for (seed, d, alphabet) in [
            (0x2545_F491_4F6C_DD1D, b',', &b"ab,,\"\r\n\n"[..]),
            (0x9E37_79B9_7F4A_7C15, b';', b"ab;;,\"\"\r\n\n"),
        ] {
            let mut plain = 0;
            for bytes in super::super::split::random_csv(seed, alphabet) {
                let mut input = vec![b'\n'];
                input.extend_from_slice(&bytes);
                let (mut s, mut pos, mut starts) = (Splitter::new(d), 1, Vec::new());
                while s.next_record_end(&input, &mut pos, &mut starts).is_some() {}
                let mut rows = Rows::new();
                rows.parse(&input, &starts, d, |_, _| Place::default());
                for r in rows.iter().filter(|r| r.plain()) {
                    plain += 1;
                    let bad = |b: &u8| matches!(b, b',' | b'"' | b'\r' | b'\n');
                    assert!(!r.as_slice().iter().any(bad), "{bytes:?}");
                }
            }
            // Records without a quote are common in this input; with another delimiter than
            // the comma no row is plain (a field may hold a comma).
            if d == b',' {
                assert!(plain > 1000, "{plain} plain rows");
            } else {
                assert_eq!(plain, 0);
            }
        }
    }

    #[test]
    fn pushed_rows_read_back() {
        let mut rows = Rows::new();
        rows.push([&b"id"[..], b"", b"caf\xc3\xa9"], Place::default());
        rows.push([], Place::default());
        rows.push(
            [&b"x"[..]],
            Place {
                byte: 9,
                line: 2,
                record: 1,
            },
        );
        let r = rows.get(0).expect("row 0");
        assert_eq!(
            (r.len(), r.get(2), r.as_slice()),
            (3, Some(&b"caf\xc3\xa9"[..]), &b"idcaf\xc3\xa9"[..])
        );
        assert_eq!(
            r.iter().collect::<Vec<_>>(),
            [&b"id"[..], b"", b"caf\xc3\xa9"]
        );
        assert!(rows.get(1).expect("row 1").is_empty());
        assert_eq!(
            rows.get(2).map(|r| (r.get(0), r.place().line)),
            Some((Some(&b"x"[..]), 2))
        );
        assert!(rows.get(3).is_none());
        rows.clear();
        assert!(rows.is_empty());
    }
}
