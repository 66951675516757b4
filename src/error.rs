//! Typed errors for the library. Every error that comes from user data carries where it was
//! found (file, line, row, column) and says what to do about it.

use std::fmt;
use std::path::PathBuf;

/// Where in a user's input a problem sits. Every field is optional because not every source has
/// every coordinate (a lexicon has lines but no rows; stdin has no path).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file, or `None` for stdin and built-in data.
    pub path: Option<PathBuf>,
    /// Built-in data name (for example `builtin:en/tone.tsv`) when there is no path.
    pub source: Option<String>,
    /// 1-based physical line.
    pub line: Option<u64>,
    /// 1-based data row (the header is not counted).
    pub row: Option<u64>,
    /// 1-based column number.
    pub column: Option<usize>,
    /// Column name, when known.
    pub column_name: Option<String>,
}

impl Location {
    /// A location in a named source (a path or a built-in name).
    pub fn in_source(source: &str) -> Location {
        Location {
            source: Some(source.to_string()),
            ..Location::default()
        }
    }

    /// The same location at another line.
    pub fn at_line(&self, line: u64) -> Location {
        Location {
            line: Some(line),
            ..self.clone()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match (&self.path, &self.source) {
            (Some(p), _) => p.display().to_string(),
            (None, Some(s)) => s.clone(),
            (None, None) => "<stdin>".to_string(),
        };
        write!(f, "{name}")?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        let mut parts = Vec::new();
        if let Some(row) = self.row {
            parts.push(format!("row {row}"));
        }
        if let Some(col) = self.column {
            match &self.column_name {
                Some(n) => parts.push(format!("column {col} ({n})")),
                None => parts.push(format!("column {col}")),
            }
        }
        if !parts.is_empty() {
            write!(f, " ({})", parts.join(", "))?;
        }
        Ok(())
    }
}

/// What went wrong. New kinds may be added, so match with a wildcard arm.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A lexicon line does not have the expected tab-separated fields.
    LexiconFormat {
        /// What is wrong with the line.
        detail: String,
    },
    /// A line of a category table ([`crate::lexicon::parse_categories`], the format of
    /// `lexicons/categories.tsv`) that is not in its format.
    CategoryFormat {
        /// What is wrong with the line or the table.
        detail: String,
    },
    /// A line of a file being imported ([`crate::lexicon::import`]: VADER or LIWC format)
    /// that is not in that format.
    ImportFormat {
        /// The format expected (`VADER`, `LIWC`).
        format: String,
        /// What is wrong with the line.
        detail: String,
    },
    /// A weight that is not a number in -4..+4 (and not zero), or whose sign contradicts its
    /// category's side.
    BadWeight {
        /// The text found in the weight column.
        found: String,
        /// Why it was refused.
        detail: String,
    },
    /// A category name that is not defined in `lexicons/categories.tsv`.
    UnknownCategory {
        /// The name found.
        found: String,
        /// The names that exist.
        known: Vec<String>,
    },
    /// The same term twice in one lexicon source.
    DuplicateTerm {
        /// The term, normalized.
        term: String,
        /// The line where it first appeared.
        first_line: u64,
    },
    /// A term that cannot be matched as written (empty, bad wildcard, punctuation).
    BadTerm {
        /// The term as written.
        term: String,
        /// Why it cannot match.
        detail: String,
    },
    /// An unknown modifier kind in a modifiers file.
    UnknownModifier {
        /// The kind found.
        found: String,
    },
    /// A CSV input has no column that holds the text to score.
    MissingColumn {
        /// The role of the column (text, date, ...).
        role: String,
        /// The name asked for, if the user named one.
        wanted: Option<String>,
        /// The columns that exist.
        available: Vec<String>,
    },
    /// A CSV row that cannot be read: ragged, malformed quoting.
    Csv {
        /// The reader's description.
        detail: String,
    },
    /// A field that is not valid UTF-8.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte within the field.
        valid_up_to: usize,
    },
    /// A field whose value cannot be used (a bad date, a non-numeric tone).
    BadValue {
        /// What is wrong and what to do.
        detail: String,
    },
    /// A setting that cannot be used: a value given on the command line or in an events file
    /// (a bad date, a phase that ends before it starts, a missing column). Unlike
    /// [`ErrorKind::BadValue`], skipping rows does not help.
    BadSetting {
        /// What is wrong, in words.
        detail: String,
    },
    /// An input read more than once (a report on many speakers reads its file again) was not
    /// the same the second time: a file being written to or replaced meanwhile.
    InputChanged {
        /// What differs.
        detail: String,
    },
    /// The input has no header row at all.
    EmptyInput,
    /// The header is one column that splits into known column names at another character:
    /// the file is separated by it, not by commas.
    OtherDelimiter {
        /// The header as read.
        header: String,
        /// The character that seems to separate the fields.
        delimiter: u8,
        /// The delimiter the file was read with.
        used: u8,
    },
    /// An input already has the columns `score` would add.
    ColumnClash {
        /// The clashing column names.
        columns: Vec<String>,
    },
    /// A language code that detente has no lexicon for.
    UnknownLanguage {
        /// The code given.
        found: String,
    },
    /// A field whose value is not one the column allows (a gold label outside -2..2, an
    /// unknown language code).
    InvalidValue {
        /// The text found.
        found: String,
        /// What the column holds.
        expected: String,
    },
    /// No row of a gold file is in the requested split.
    NoRows {
        /// The split asked for.
        split: String,
        /// The split values the file has.
        available: Vec<String>,
    },
    /// An I/O failure reading or writing.
    Io {
        /// The operating system's message.
        detail: String,
        /// The reader of our output went away (`detente score | head`).
        broken_pipe: bool,
    },
}

/// An error with the place it happened and advice.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    location: Location,
}

impl Error {
    /// Builds an error of `kind` at `location`.
    pub fn new(kind: ErrorKind, location: Location) -> Error {
        Error {
            inner: Box::new(Inner { kind, location }),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Where it went wrong.
    pub fn location(&self) -> &Location {
        &self.inner.location
    }

    /// The same error with a path filled in (for errors raised before the path was known).
    pub fn with_path(mut self, path: Option<PathBuf>) -> Error {
        if self.inner.location.path.is_none() {
            self.inner.location.path = path;
        }
        self
    }

    /// Wraps an I/O error.
    pub fn io(err: &std::io::Error, location: Location) -> Error {
        Error::new(
            ErrorKind::Io {
                detail: err.to_string(),
                broken_pipe: err.kind() == std::io::ErrorKind::BrokenPipe,
            },
            location,
        )
    }

    /// True when the error is a closed pipe on output (`detente score | head`), which the
    /// command line treats as a normal end.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(
            &self.inner.kind,
            ErrorKind::Io {
                broken_pipe: true,
                ..
            }
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = &self.inner.location;
        match &self.inner.kind {
            ErrorKind::LexiconFormat { detail } => write!(
                f,
                "{loc}: {detail}; a lexicon line is a tone entry `term<TAB>weight<TAB>category[<TAB>note]`, a modifier `term<TAB>kind<TAB>value[<TAB>note]` or a context word `term<TAB>role<TAB>-[<TAB>note]` (see lexicons/README.md)"
            ),
            ErrorKind::CategoryFormat { detail } => write!(
                f,
                "{loc}: {detail}; a category line is `name<TAB>side<TAB>cameo<TAB>goldstein<TAB>when_negated<TAB>strength<TAB>definition` (see \"Categories\" in lexicons/README.md)"
            ),
            ErrorKind::ImportFormat { format, detail } => write!(
                f,
                "{loc}: {detail}; is it a {format} file? (see \"Reading files you already own\" in lexicons/README.md)"
            ),
            ErrorKind::BadWeight { found, detail } => write!(
                f,
                "{loc}: bad weight {}: {detail}; use a number from -4 to +4 (negative for hostile categories, positive for cooperative ones)",
                quoted(found)
            ),
            ErrorKind::UnknownCategory { found, known } => write!(
                f,
                "{loc}: unknown category {}; use one of: {}",
                quoted(found),
                known.join(", ")
            ),
            ErrorKind::DuplicateTerm { term, first_line } => write!(
                f,
                "{loc}: duplicate term {} (first defined on line {first_line}); keep one of the two lines",
                quoted(term)
            ),
            ErrorKind::BadTerm { term, detail } => {
                write!(f, "{loc}: term {} cannot match: {detail}", quoted(term))
            }
            ErrorKind::UnknownModifier { found } => write!(
                f,
                "{loc}: unknown modifier kind {}; use negator, clause-negator, reverser, post-reverser, booster, dampener, contrast, opening-contrast, conditional or skip, or a context role ({})",
                quoted(found),
                crate::lexicon::ContextRole::ALL
                    .iter()
                    .map(|r| r.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ErrorKind::MissingColumn {
                role,
                wanted,
                available,
            } => {
                match wanted {
                    Some(w) => write!(f, "{loc}: no column named {} for the {role}", quoted(w))?,
                    None => write!(f, "{loc}: no {role} column found")?,
                }
                write!(
                    f,
                    "; the columns are: {}; name the right one with --{role}-col NAME",
                    quoted_list(available)
                )
            }
            ErrorKind::Csv { detail } => write!(
                f,
                "{loc}: {detail}; fix the row, or pass --skip-bad-rows to set it aside in the rejects file"
            ),
            ErrorKind::InvalidUtf8 { valid_up_to } => write!(
                f,
                "{loc}: invalid UTF-8 after byte {valid_up_to} of the field; if the file was saved by a Windows program in a Western European language, pass --encoding windows-1252 (another encoding: --encoding LABEL), or pass --skip-bad-rows to set the row aside"
            ),
            ErrorKind::BadValue { detail } => write!(
                f,
                "{loc}: {detail}; fix the value, or pass --skip-bad-rows to set the row aside"
            ),
            ErrorKind::BadSetting { detail } => write!(f, "{loc}: {detail}; fix it and run again"),
            ErrorKind::InputChanged { detail } => write!(
                f,
                "{loc}: the input changed while it was read: {detail}; run again once nothing is writing to it"
            ),
            ErrorKind::OtherDelimiter {
                header,
                delimiter,
                used,
            } => {
                let name = |d: u8| match d {
                    b'\t' => "tabs".to_string(),
                    b',' => "commas".to_string(),
                    d => format!("{:?}", char::from(d)),
                };
                let arg = match delimiter {
                    b'\t' => "tab".to_string(),
                    &d => format!("'{}'", char::from(d)),
                };
                write!(
                    f,
                    "{loc}: the header {} looks separated by {}, not by {}; pass \
                     --delimiter {arg} (or --text-col 1 to score each whole line as it is)",
                    quoted(header),
                    name(*delimiter),
                    name(*used)
                )
            }
            ErrorKind::EmptyInput => {
                write!(
                    f,
                    "{loc}: the input is empty; expected a header row and data rows"
                )
            }
            ErrorKind::ColumnClash { columns } => write!(
                f,
                "{loc}: the input already has the output column(s) {}; it looks like detente output already: rename those columns or score the original file",
                columns.join(", ")
            ),
            ErrorKind::UnknownLanguage { found } => {
                write!(f, "unknown language {}; use en, es or auto", quoted(found))
            }
            ErrorKind::InvalidValue { found, expected } => write!(
                f,
                "{loc}: {} is not {expected}; correct the value in the file",
                quoted(found)
            ),
            ErrorKind::NoRows { split, available } => write!(
                f,
                "{loc}: no rows in the split {}; the split column holds: {}; choose one with --split, or --split all",
                quoted(split),
                if available.is_empty() {
                    "nothing (the file has no data rows)".to_string()
                } else {
                    quoted_list(available)
                }
            ),
            ErrorKind::Io { detail, .. } => write!(f, "{loc}: {detail}"),
        }
    }
}

impl std::error::Error for Error {}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// Longest value [`quoted`] shows whole, in characters.
const LIST_NAME_CHARS: usize = 60;

/// Most names [`quoted_list`] shows.
const LIST_NAMES: usize = 40;

/// A value from the user's file as a message quotes it: Rust-quoted, cut to its first
/// [`LIST_NAME_CHARS`] characters (with its length) when longer, so that a field that is
/// really a megabyte of data gives a message a person can read.
pub(crate) fn quoted(value: &str) -> String {
    match value.char_indices().nth(LIST_NAME_CHARS) {
        Some((cut, _)) => format!(
            "{:?}... ({} characters)",
            value.get(..cut).unwrap_or(value),
            value.chars().count()
        ),
        None => format!("{value:?}"),
    }
}

/// Longest list [`quoted_list`] writes before its "and N more", in bytes: names full of
/// control characters quote several times longer than they are ("\u{13}").
const LIST_BYTES: usize = 600;

/// Names as a message lists them: each [`quoted`], comma-separated, the list cut to
/// [`LIST_NAMES`] names and about [`LIST_BYTES`] bytes (at least one name is shown).
pub(crate) fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    let mut out = String::new();
    let mut shown = 0;
    for name in names.iter().take(LIST_NAMES) {
        let q = quoted(name.as_ref());
        if shown > 0 && out.len() + q.len() + 2 > LIST_BYTES {
            break;
        }
        if shown > 0 {
            out.push_str(", ");
        }
        out.push_str(&q);
        shown += 1;
    }
    if names.len() > shown {
        if shown > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("and {} more", names.len() - shown));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_names_stay_readable() {
        assert_eq!(quoted_list(&["id", "text"]), "\"id\", \"text\"");
        let long = "é".repeat(5000);
        let listed = quoted_list(&[long.as_str(), "date"]);
        assert_eq!(
            listed,
            format!("{:?}... (5000 characters), \"date\"", "é".repeat(60))
        );
        let many: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let listed = quoted_list(&many);
        assert!(listed.starts_with("\"c0\", \"c1\""), "{listed}");
        assert!(listed.ends_with("\"c39\", and 60 more"), "{listed}");
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        assert!(quoted(&"x".repeat(70_000)).ends_with("... (70000 characters)"));
        let empty: [&str; 0] = [];
        assert_eq!(quoted_list(&empty), "");
        // Found by fuzzing an events file (a message of 2,010 bytes): names of control
        // characters quote several times longer than they are. The list stops near
        // LIST_BYTES and counts the rest.
        let noisy: Vec<String> = (0..45)
            .map(|i| format!("{i}{}", "\u{13}".repeat(70)))
            .collect();
        let listed = quoted_list(&noisy);
        assert!(listed.len() < LIST_BYTES + 400, "{} bytes", listed.len());
        assert!(listed.starts_with("\"0\\u{13}"), "{listed}");
        assert!(listed.ends_with(" more"), "{listed}");
        let shown = listed.matches("characters)").count();
        assert!(
            listed.ends_with(&format!("and {} more", 45 - shown)),
            "{listed}"
        );
    }
}
