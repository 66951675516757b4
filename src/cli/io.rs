//! Opening inputs (`-` is stdin) and writing outputs atomically (a temporary file in the same
//! folder, renamed into place only when everything was written; `-` is stdout; an existing
//! device or named pipe such as `/dev/null` is written in place; a symbolic link keeps pointing
//! at the file it names, which is replaced).

use detente::{Error, Location};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

/// The location used in messages about `path` (`-` is stdin).
pub fn location(path: &str) -> Location {
    if path == "-" {
        Location::in_source("<stdin>")
    } else {
        Location {
            path: Some(PathBuf::from(path)),
            ..Location::default()
        }
    }
}

/// Opens `path` for reading; `-` is stdin.
pub fn open_input(path: &str) -> Result<Box<dyn Read>, Error> {
    if path == "-" {
        return Ok(Box::new(io::stdin().lock()));
    }
    let file = File::open(path).map_err(|e| Error::io(&e, location(path)))?;
    Ok(Box::new(file))
}

/// The encoding of an input (`--encoding`): any label of the WHATWG Encoding Standard
/// (`windows-1252`, `latin1`, `iso-8859-15`, `utf-16`, `utf-16be`, `utf-8`, ...).
pub fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!(
            "unknown encoding {label:?}; use utf-8 (the default), windows-1252 (also called \
             latin1: Western European text saved by Windows programs), iso-8859-15, utf-16, \
             utf-16be, or another label of the WHATWG Encoding Standard"
        )
    })
}

/// Opens `path` ([`open_input`]) and, unless `encoding` is UTF-8 (or none), transcodes it to
/// UTF-8 as it is read. A byte-order mark, when there is one, decides over `encoding`
/// (`--encoding utf-16` reads little- and big-endian files). Bytes the encoding cannot
/// decode become U+FFFD; with UTF-8 nothing is changed, so invalid bytes stay an error.
pub fn open_input_in(
    path: &str,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Box<dyn Read>, Error> {
    Ok(decode(open_input(path)?, encoding))
}

/// `input` transcoded from `encoding` to UTF-8 as it is read ([`open_input_in`]); a progress
/// bar goes under it, so that it counts the file's own bytes.
pub fn decode(
    input: Box<dyn Read>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Box<dyn Read> {
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let input = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                utf16_checked(input)
            } else {
                input
            };
            Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(enc))
                    .bom_override(true)
                    .build(input),
            )
        }
        _ => input,
    }
}

/// Bytes of the input's start that [`utf16_checked`] looks at.
const UTF16_SNIFF: usize = 4096;

/// `input`, or (when its first [`UTF16_SNIFF`] bytes have neither a byte-order mark nor a NUL
/// byte) a reader whose first read fails saying it is not UTF-16. Every comma and line end of
/// a UTF-16 CSV comes with a NUL byte, so such a start is UTF-8 or a one-byte encoding, which
/// read as UTF-16 would be one Chinese-looking character per two bytes and a baffling
/// "no text column" error.
fn utf16_checked(input: Box<dyn Read>) -> Box<dyn Read> {
    let mut buffered = io::BufReader::with_capacity(64 * 1024, input);
    let verdict = io::BufRead::fill_buf(&mut buffered).map(|start| {
        let start = &start[..start.len().min(UTF16_SNIFF)];
        let bom = start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]);
        start.is_empty() || bom || start.contains(&0)
    });
    match verdict {
        Ok(true) => Box::new(buffered),
        Ok(false) => Box::new(FailingRead(Some(io::Error::new(
            io::ErrorKind::InvalidData,
            "--encoding names UTF-16, but the file starts with neither a byte-order mark nor \
             the NUL bytes every UTF-16 comma and line end has: it is not UTF-16 (probably \
             UTF-8: leave out --encoding)",
        )))),
        Err(e) => Box::new(FailingRead(Some(e))),
    }
}

/// A reader whose first read returns its error (then end of input).
struct FailingRead(Option<io::Error>);

impl Read for FailingRead {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// An output being written: stdout, or a temporary file renamed onto the target by
/// [`Output::commit`]. Dropped without commit, the temporary file is removed and the target is
/// untouched.
pub enum Output {
    /// Standard output.
    Stdout(BufWriter<io::Stdout>),
    /// A temporary file and where it goes.
    File(BufWriter<tempfile::NamedTempFile>, PathBuf),
    /// An existing target that is not a regular file (`/dev/null`, a named pipe, a terminal):
    /// written in place, since renaming a file onto it would replace the device or pipe.
    Special(BufWriter<File>),
}

impl Output {
    /// Starts writing to `path` (`-` is stdout).
    pub fn create(path: &str) -> Result<Output, Error> {
        if path == "-" {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout(),
            )));
        }
        let target = PathBuf::from(path);
        if let Ok(meta) = std::fs::metadata(&target)
            && !meta.is_file()
            && !meta.is_dir()
        {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(|e| Error::io(&e, location(path)))?;
            return Ok(Output::Special(BufWriter::with_capacity(1 << 16, file)));
        }
        // A symbolic link (`latest.csv -> runs/0412.csv`, `/dev/stdout` redirected to a file):
        // replace the file it points to, atomically, and keep the link.
        let target = match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                std::fs::canonicalize(&target).unwrap_or(target)
            }
            _ => target,
        };
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".detente-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&e, location(path)))?;
        Ok(Output::File(BufWriter::with_capacity(1 << 16, tmp), target))
    }

    /// Finishes: flushes and, for a file, renames the temporary file onto the target.
    pub fn commit(self) -> Result<(), Error> {
        match self {
            Output::Stdout(mut w) => w
                .flush()
                .map_err(|e| Error::io(&e, Location::in_source("<stdout>"))),
            Output::Special(mut w) => w
                .flush()
                .map_err(|e| Error::io(&e, Location::in_source("output"))),
            Output::File(w, target) => {
                let loc = location(&target.to_string_lossy());
                let tmp = w
                    .into_inner()
                    .map_err(|e| Error::io(e.error(), loc.clone()))?;
                tmp.as_file()
                    .sync_all()
                    .map_err(|e| Error::io(&e, loc.clone()))?;
                // Temporary files are created private (0600); the result is an ordinary file.
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let perms = std::fs::Permissions::from_mode(0o644);
                    tmp.as_file()
                        .set_permissions(perms)
                        .map_err(|e| Error::io(&e, loc.clone()))?;
                }
                tmp.persist(&target).map_err(|e| Error::io(&e.error, loc))?;
                Ok(())
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(w, _) => w.write(buf),
            Output::Special(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File(w, _) => w.write_all(buf),
            Output::Special(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(w, _) => w.flush(),
            Output::Special(w) => w.flush(),
        }
    }
}
