use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh temporary directory the binary runs in.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("read output")
    }

    pub fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_detente"));
        c.current_dir(self.dir.path());
        c
    }

    /// Runs detente with `args` (and `stdin`, if any).
    pub fn run(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let mut c = self.command();
        c.args(args)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().expect("spawn detente");
        if let Some(input) = stdin {
            let mut s = child.stdin.take().expect("stdin");
            // A command that stops before reading all its input (a bad flag) closes the pipe.
            if let Err(e) = s.write_all(input) {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
            }
        }
        child.wait_with_output().expect("wait")
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Parses CSV text into a header and rows.
pub fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r
        .headers()
        .expect("headers")
        .iter()
        .map(String::from)
        .collect();
    let rows = r
        .records()
        .map(|rec| rec.expect("record").iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

/// The value of column `name` in `row`.
pub fn col<'a>(headers: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

/// A scorer with only the fixture lexicon.
pub fn fixture_scorer(lang: detente::Lang) -> detente::Scorer {
    let text = include_str!("../fixtures/rules.tsv");
    detente::Scorer::builder()
        .without_builtin()
        .lang(detente::LangMode::Fixed(lang))
        .lexicon(
            None,
            text,
            detente::Location::in_source("fixtures/rules.tsv"),
        )
        .build()
        .expect("fixture lexicon builds")
}

/// `term:category:weight;...` as in the CSV output.
pub fn hits(scorer: &detente::Scorer, text: &str) -> String {
    let score = scorer.score(text);
    let mut f = detente::table::ScoreFields::default();
    f.fill(&score, scorer);
    f.get(8).to_string()
}

/// The path of the founding-case data set.
pub fn founding_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/petro_trump_2026.csv")
}

/// The founding case re-written with `delimiter` between fields by the csv crate (fields
/// holding it are quoted).
pub fn founding_with(delimiter: u8) -> Vec<u8> {
    let mut rdr = csv::Reader::from_path(founding_csv()).expect("founding data");
    let mut wtr = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    wtr.write_byte_record(rdr.byte_headers().expect("header"))
        .expect("write");
    for rec in rdr.byte_records() {
        wtr.write_byte_record(&rec.expect("row")).expect("write");
    }
    wtr.into_inner().expect("bytes")
}

/// The path of `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}
