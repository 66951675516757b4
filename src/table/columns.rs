//! Finding the columns of a quotes table by name: text, id, date, speaker, target.

use crate::error::{Error, ErrorKind, Location, Result};

/// The roles a column can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The statement to score.
    Text,
    /// A row identifier.
    Id,
    /// The date of the statement.
    Date,
    /// Who said it.
    Speaker,
    /// Whom it was addressed to or about.
    Target,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 5] = [
        Role::Text,
        Role::Id,
        Role::Date,
        Role::Speaker,
        Role::Target,
    ];

    /// The role's name, as in `--text-col`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Text => "text",
            Role::Id => "id",
            Role::Date => "date",
            Role::Speaker => "speaker",
            Role::Target => "target",
        }
    }

    /// Column names recognized for the role, case-insensitively, in order of preference.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Role::Text => &["text", "quote", "statement", "content", "body", "texto"],
            Role::Id => &["id", "quote_id", "statement_id"],
            Role::Date => &["date", "day", "created_at", "timestamp", "fecha"],
            Role::Speaker => &["speaker", "author", "actor", "source_actor", "orador"],
            Role::Target => &[
                "target",
                "addressee",
                "recipient",
                "target_actor",
                "destinatario",
            ],
        }
    }
}

/// Column names (or 1-based numbers) the user gave for some roles.
#[derive(Debug, Clone, Default)]
pub struct ColumnSpec {
    /// Per role, the name or number asked for.
    pub names: Vec<(Role, String)>,
}

impl ColumnSpec {
    /// Names the column for `role`.
    pub fn set(&mut self, role: Role, name: &str) -> &mut ColumnSpec {
        self.names.retain(|(r, _)| *r != role);
        self.names.push((role, name.to_string()));
        self
    }

    fn get(&self, role: Role) -> Option<&str> {
        self.names
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, n)| n.as_str())
    }
}

/// Where each role's column is, as 0-based indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnMap {
    /// The text column (always present).
    pub text: usize,
    /// The id column.
    pub id: Option<usize>,
    /// The date column.
    pub date: Option<usize>,
    /// The speaker column.
    pub speaker: Option<usize>,
    /// The target column.
    pub target: Option<usize>,
}

impl ColumnMap {
    /// The map of a table with no columns (an empty input without a header row): it has no
    /// rows to read with it.
    pub const EMPTY: ColumnMap = ColumnMap {
        text: 0,
        id: None,
        date: None,
        speaker: None,
        target: None,
    };

    /// Finds the columns in `headers`. A name the user gave must exist (a 1-based number is also
    /// accepted); otherwise the aliases are tried. A table with a single column uses it as text.
    /// `delimiter` is the one the table was read with: a one-column header that splits into
    /// known names at another character is an error naming it.
    pub fn find(
        headers: &[String],
        spec: &ColumnSpec,
        delimiter: u8,
        loc: &Location,
    ) -> Result<ColumnMap> {
        let mut found = [None; 5];
        for (i, role) in Role::ALL.into_iter().enumerate() {
            found[i] = match spec.get(role) {
                Some(wanted) => Some(lookup(headers, wanted).ok_or_else(|| {
                    Error::new(
                        ErrorKind::MissingColumn {
                            role: role.name().to_string(),
                            wanted: Some(wanted.to_string()),
                            available: headers.to_vec(),
                        },
                        loc.clone(),
                    )
                })?),
                None => role.aliases().iter().find_map(|a| lookup_name(headers, a)),
            };
        }
        let text = match found[0] {
            Some(t) => t,
            None if headers.len() == 1 => {
                if let Some(other) = other_delimiter(&headers[0], delimiter) {
                    return Err(Error::new(
                        ErrorKind::OtherDelimiter {
                            header: headers[0].clone(),
                            delimiter: other,
                            used: delimiter,
                        },
                        loc.clone(),
                    ));
                }
                0
            }
            None => {
                return Err(Error::new(
                    ErrorKind::MissingColumn {
                        role: "text".to_string(),
                        wanted: None,
                        available: headers.to_vec(),
                    },
                    loc.clone(),
                ));
            }
        };
        Ok(ColumnMap {
            text,
            id: found[1],
            date: found[2],
            speaker: found[3],
            target: found[4],
        })
    }
}

/// The character a one-column header seems to be separated by: a tab, `;`, `|` or `,` (other
/// than `used`) that
/// splits it into several names, one of them a known column name ("id;fecha;texto"). A
/// statement that happens to hold a semicolon is not mistaken for a header that way.
fn other_delimiter(header: &str, used: u8) -> Option<u8> {
    [b'\t', b';', b'|', b',']
        .into_iter()
        .filter(|&d| d != used)
        .find(|&d| {
            let names: Vec<String> = header
                .split(char::from(d))
                .map(|n| n.trim().trim_start_matches('\u{feff}').to_string())
                .collect();
            names.len() > 1
                && Role::ALL.into_iter().any(|role| {
                    role.aliases()
                        .iter()
                        .any(|a| lookup_name(&names, a).is_some())
                })
        })
}

fn lookup_name(headers: &[String], name: &str) -> Option<usize> {
    headers
        .iter()
        .position(|h| h.trim().eq_ignore_ascii_case(name))
}

/// The 0-based index of the column `wanted` names: a header, case-insensitively, or a 1-based
/// column number.
pub(crate) fn lookup(headers: &[String], wanted: &str) -> Option<usize> {
    lookup_name(headers, wanted).or_else(|| {
        wanted
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= headers.len())
            .map(|n| n - 1)
    })
}

/// Where the score columns of a pre-scored table are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreColumns {
    /// The `tone` column.
    pub tone: usize,
    /// The `hits` column.
    pub hits: usize,
}

/// Finds `tone` and `hits` columns (case-insensitive): the table is `detente score` output.
pub fn score_columns(headers: &[String]) -> Option<ScoreColumns> {
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    Some(ScoreColumns {
        tone: find("tone")?,
        hits: find("hits")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_by_alias_case_insensitively() {
        let m = ColumnMap::find(
            &h(&["ID", "Quote", "Speaker", "date"]),
            &ColumnSpec::default(),
            b',',
            &Location::default(),
        )
        .expect("found");
        assert_eq!(
            (m.text, m.id, m.speaker, m.date, m.target),
            (1, Some(0), Some(2), Some(3), None)
        );
    }

    #[test]
    fn named_and_numbered_overrides() {
        let mut spec = ColumnSpec::default();
        spec.set(Role::Text, "body2").set(Role::Speaker, "1");
        let m = ColumnMap::find(&h(&["who", "body2"]), &spec, b',', &Location::default())
            .expect("found");
        assert_eq!((m.text, m.speaker), (1, Some(0)));
    }

    #[test]
    fn a_header_split_at_another_delimiter_is_named() {
        let find = |header: &str, used: u8| {
            ColumnMap::find(
                &h(&[header]),
                &ColumnSpec::default(),
                used,
                &Location::default(),
            )
        };
        for (header, used, other) in [
            ("id;fecha;texto", b',', b';'),
            ("date\tspeaker\ttext", b',', b'\t'),
            ("\u{feff}Text|Speaker", b',', b'|'),
            ("id,date,text", b';', b','),
        ] {
            let e = find(header, used).expect_err(header);
            assert!(
                matches!(e.kind(), ErrorKind::OtherDelimiter { delimiter, used: u, .. }
                    if *delimiter == other && *u == used),
                "{header}: {e}"
            );
        }
        // Not names: a one-column file of statements that hold a delimiter.
        for header in ["We reject; we will not yield", "a|b", "texto"] {
            assert_eq!(find(header, b',').map(|m| m.text).ok(), Some(0), "{header}");
        }
        let e = find("id;fecha;texto", b',')
            .expect_err("semicolons")
            .to_string();
        assert!(
            e.contains("separated by ';', not by commas; pass --delimiter ';'"),
            "{e}"
        );
        let e = find("id,text", b'\t').expect_err("commas").to_string();
        assert!(
            e.contains("separated by commas, not by tabs; pass --delimiter ','"),
            "{e}"
        );
    }

    #[test]
    fn missing_text_lists_columns() {
        let e = ColumnMap::find(
            &h(&["a", "b"]),
            &ColumnSpec::default(),
            b',',
            &Location::in_source("q.csv"),
        )
        .expect_err("missing");
        let msg = e.to_string();
        assert!(msg.contains("no text column found"), "{msg}");
        assert!(msg.contains("\"a\", \"b\""), "{msg}");
        assert!(msg.contains("--text-col"), "{msg}");
    }
}
