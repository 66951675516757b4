//! `detente score`: score every row of a quotes CSV.
//!
//! Usage: detente score [INPUT] [-o OUTPUT] [--format csv|jsonl] [--text-col NAME] ...
//!
//! Every input column is kept; the score columns (tone, label, hostility, cooperation,
//! goldstein, category, cameo, lang, hits) are appended. `-` (the default) is stdin/stdout.

use super::io::{Output, decode, open_input};
use super::progress::Progress;
use super::table_args::{Rejects, TableArgs};
use super::{EXIT_OK, EXIT_PARTIAL, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::table::{Format, Split, score_stream};
use detente::{Error, ErrorKind, Location};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Csv,
    Jsonl,
}

/// `--split` of `score` and `report`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(super) enum SplitArg {
    /// One row per sentence (ends at . ! ? … and blank lines, not at "Mr." or "U.S.").
    Sentences,
    /// One row per paragraph (stretches between blank lines).
    Paragraphs,
}

impl SplitArg {
    /// The stream option of `split` (none: whole statements).
    pub(super) fn of(split: Option<SplitArg>) -> Split {
        match split {
            None => Split::Whole,
            Some(SplitArg::Sentences) => Split::Sentences,
            Some(SplitArg::Paragraphs) => Split::Paragraphs,
        }
    }

    /// The parts' name for messages ("sentences", "paragraphs").
    pub(super) fn unit(split: Option<SplitArg>) -> Option<&'static str> {
        split.map(|s| match s {
            SplitArg::Sentences => "sentences",
            SplitArg::Paragraphs => "paragraphs",
        })
    }
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

    /// The input has no header row, and the output gets none: columns are numbered from 1.
    /// For map steps (Hadoop Streaming, Spark's pipe) that see chunks of a file.
    #[arg(long)]
    no_headers: bool,

    /// The input has no header row (as --no-headers), and these are its column names: a
    /// header line as the file's first line would be ("id,date,speaker,target,text"). Columns
    /// are found by name and JSON Lines keys are the names, as in one pass over the whole file;
    /// the CSV output gets no header. For map steps: pass the file's first line
    #[arg(long, value_name = "LINE", conflicts_with = "no_headers")]
    header: Option<String>,

    /// CSV output: write a ' before every input field a spreadsheet would run as a formula
    /// (one starting with =, +, -, @, a tab or CR that is not a number: "=HYPERLINK(...)",
    /// "@petrogustavo", "- We will respond"), so that Excel or LibreOffice shows it as text.
    /// Off by default: the output keeps your text exactly.
    #[arg(long)]
    escape_formulas: bool,

    /// Score each statement's sentences (or paragraphs) apart, one output row each: the text
    /// column holds the part, and a `sentence` (or `paragraph`) column after the input
    /// columns numbers it from 1. For speeches and long posts, whose tone scored whole
    /// saturates; `detente report` then averages the rows. A statement with no words is one
    /// row.
    #[arg(long, value_enum, value_name = "UNIT")]
    split: Option<SplitArg>,

    #[command(flatten)]
    table: TableArgs,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Print nothing on stderr but errors: no summary, no progress bar. (The bar is drawn only
    /// when stderr is a terminal; DETENTE_NO_PROGRESS=1 turns it off too.)
    #[arg(short, long)]
    quiet: bool,
}

/// Runs `detente score`.
pub fn run(args: &ScoreArgs) -> Result<u8, Error> {
    if args.escape_formulas && matches!(args.format, FormatArg::Jsonl) {
        return Err(Error::new(
            ErrorKind::BadSetting {
                detail: "is for CSV output (JSON Lines is read by programs, not spreadsheets, \
                         and keeps the text exact): drop it or --format jsonl"
                    .to_string(),
            },
            Location::in_source("--escape-formulas"),
        ));
    }
    let scorer = args.lexicon.scorer()?;
    let pool = args.table.pool()?;
    let mut opts = args
        .table
        .stream_options(&args.input, !args.no_headers && args.header.is_none());
    opts.header_line = args.header.clone();
    opts.format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    opts.escape_formulas = args.escape_formulas;
    opts.split = SplitArg::of(args.split);
    let progress = Progress::new(&args.input, args.quiet);
    let input = decode(progress.wrap(open_input(&args.input)?), args.table.encoding);
    let mut output = Output::create(&args.output)?;
    let mut rejects = Rejects::new(args.table.rejects.as_deref(), args.quiet)?;
    let summary = score_stream(input, &mut output, &scorer, &pool, &opts, |r| {
        rejects.add(r)
    })?;
    drop(progress);
    output.commit()?;
    rejects.finish_split(&summary, args.output != "-", SplitArg::unit(args.split))?;
    Ok(if summary.rejected > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
