//! `detente score`: score every row of a quotes CSV.
//!
//! Usage: detente score [INPUT] [-o OUTPUT] [--format csv|jsonl] [--text-col NAME] ...
//!
//! Every input column is kept; the score columns (tone, label, hostility, cooperation,
//! goldstein, category, cameo, lang, hits) are appended. `-` (the default) is stdin/stdout.

use super::io::{Output, location, open_input};
use super::{EXIT_OK, EXIT_PARTIAL, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::score::batch::Pool;
use detente::table::{ColumnSpec, Format, OnError, Role, StreamOptions, score_stream};
use detente::{Error, ErrorKind, Location};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
}

/// Arguments of `detente score`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  detente score quotes.csv -o scores.csv\n  \
cat quotes.csv | detente score - --format jsonl\n  \
detente score big.csv --threads 2 --skip-bad-rows --rejects rejects.csv -o scores.csv")]
pub struct ScoreArgs {
    /// The quotes CSV; `-` reads stdin.
    #[arg(default_value = "-", value_name = "INPUT")]
    input: String,

    /// Where to write the scores; `-` writes stdout. A file is written atomically: it appears
    /// only once complete.
    #[arg(short, long, default_value = "-", value_name = "PATH")]
    output: String,

    /// Output format: csv (input columns + score columns) or jsonl (one JSON object per row).
    #[arg(long, value_enum, default_value = "csv")]
    format: FormatArg,

    /// Column holding the statement (default: the first of text, quote, statement, content,
    /// body, texto). A name or a 1-based number.
    #[arg(long, value_name = "NAME")]
    text_col: Option<String>,

    /// Column with the row id (default: id).
    #[arg(long, value_name = "NAME")]
    id_col: Option<String>,

    /// Column with the date (default: date).
    #[arg(long, value_name = "NAME")]
    date_col: Option<String>,

    /// Column with the speaker (default: speaker, author, actor).
    #[arg(long, value_name = "NAME")]
    speaker_col: Option<String>,

    /// Column with the target (default: target, addressee, recipient).
    #[arg(long, value_name = "NAME")]
    target_col: Option<String>,

    /// The input has no header row, and the output gets none: columns are numbered from 1.
    /// For map steps (Hadoop Streaming, Spark's pipe) that see chunks of a file.
    #[arg(long)]
    no_headers: bool,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Scoring threads; 0 means one per core. Output is identical for any value.
    #[arg(long, default_value_t = 0, value_name = "N")]
    threads: usize,

    /// Rows per parallel batch (memory grows with it).
    #[arg(long, default_value_t = detente::table::StreamOptions::default().batch_size, value_name = "N")]
    batch: usize,

    /// Go on past rows that cannot be scored (ragged, invalid UTF-8, oversized field): each is
    /// reported on stderr and, with --rejects, written to a file. Exit code 1 if any.
    #[arg(long)]
    skip_bad_rows: bool,

    /// With --skip-bad-rows: write rejected rows here as CSV (line, row, column, reason, then
    /// the row's fields).
    #[arg(long, value_name = "PATH", requires = "skip_bad_rows")]
    rejects: Option<String>,

    /// Largest field accepted, in bytes.
    #[arg(long, default_value_t = detente::table::StreamOptions::default().max_field_bytes, value_name = "BYTES")]
    max_field_bytes: usize,

    /// Print nothing on stderr but errors.
    #[arg(short, long)]
    quiet: bool,
}

/// How many rejected rows are described on stderr before only counting.
const REJECTS_SHOWN: u64 = 20;

/// Runs `detente score`.
pub fn run(args: &ScoreArgs) -> Result<u8, Error> {
    let scorer = args.lexicon.scorer()?;
    let pool = Pool::new(args.threads).map_err(|detail| {
        Error::new(
            ErrorKind::Io {
                detail,
                broken_pipe: false,
            },
            Location::default(),
        )
    })?;
    let mut columns = ColumnSpec::default();
    for (role, name) in [
        (Role::Text, &args.text_col),
        (Role::Id, &args.id_col),
        (Role::Date, &args.date_col),
        (Role::Speaker, &args.speaker_col),
        (Role::Target, &args.target_col),
    ] {
        if let Some(n) = name {
            columns.set(role, n);
        }
    }
    let opts = StreamOptions {
        columns,
        format: match args.format {
            FormatArg::Csv => Format::Csv,
            FormatArg::Jsonl => Format::Jsonl,
        },
        headers: !args.no_headers,
        batch_size: args.batch,
        on_error: if args.skip_bad_rows {
            OnError::Skip
        } else {
            OnError::Fail
        },
        max_field_bytes: args.max_field_bytes,
        input: location(&args.input),
    };
    let input = open_input(&args.input)?;
    let mut output = Output::create(&args.output)?;
    let mut rejects = match &args.rejects {
        Some(p) => Some(csv::Writer::from_writer(Output::create(p)?)),
        None => None,
    };
    if let Some(w) = rejects.as_mut() {
        w.write_record(["line", "row", "column", "reason", "fields"])
            .map_err(|e| csv_write_error(e, args.rejects.as_deref()))?;
    }
    let mut shown = 0u64;
    let quiet = args.quiet;
    let summary = score_stream(input, &mut output, &scorer, &pool, &opts, |reject| {
        if !quiet && shown < REJECTS_SHOWN {
            eprintln!("detente: rejected {}: {}", reject.location, reject.reason);
        }
        shown += 1;
        if let Some(w) = rejects.as_mut() {
            let loc = &reject.location;
            let opt = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
            let raw = {
                let mut inner = csv::Writer::from_writer(Vec::new());
                inner
                    .write_record(&reject.fields)
                    .map_err(|e| csv_write_error(e, None))?;
                let bytes = inner
                    .into_inner()
                    .map_err(|e| csv_write_error(e.into_error().into(), None))?;
                String::from_utf8_lossy(&bytes).trim_end().to_string()
            };
            w.write_record([
                opt(loc.line),
                opt(loc.row),
                loc.column.map(|c| c.to_string()).unwrap_or_default(),
                reject.reason.clone(),
                raw,
            ])
            .map_err(|e| csv_write_error(e, args.rejects.as_deref()))?;
        }
        Ok(())
    })?;
    output.commit()?;
    if let Some(w) = rejects {
        let out = w
            .into_inner()
            .map_err(|e| csv_write_error(e.into_error().into(), args.rejects.as_deref()))?;
        out.commit()?;
    }
    if !quiet && (summary.rejected > 0 || args.output != "-") {
        if shown > REJECTS_SHOWN {
            eprintln!(
                "detente: ... and {} more rejected rows",
                shown - REJECTS_SHOWN
            );
        }
        eprintln!(
            "detente: read {} rows: {} scored, {} rejected{}",
            summary.read,
            summary.scored,
            summary.rejected,
            match &args.rejects {
                Some(p) if summary.rejected > 0 => format!(" (see {p})"),
                _ => String::new(),
            }
        );
    }
    Ok(if summary.rejected > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}

fn csv_write_error(e: csv::Error, path: Option<&str>) -> Error {
    let loc = location(path.unwrap_or("rejects"));
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(&io, loc),
        other => Error::new(
            ErrorKind::Io {
                detail: format!("{other:?}"),
                broken_pipe: false,
            },
            loc,
        ),
    }
}
