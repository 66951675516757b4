//! Command-line interface: clap definitions, shared options, and one file per subcommand.
//! Arguments are checked here once and turned into library objects; the library never sees
//! a raw flag.

mod eval;
mod explain;
mod io;
mod lexicon;
mod progress;
mod report;
mod score;
mod table_args;

use clap::{Args, Parser, Subcommand};
use detente::{Error, Lang, LangMode, Location, Scorer};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code: everything worked.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command finished but some rows were rejected (see --skip-bad-rows) or a
/// check found problems.
pub const EXIT_PARTIAL: u8 = 1;
/// Exit code: an error stopped the command (bad input, bad arguments, I/O).
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "detente",
    version,
    about = "Rate what leaders say from hostile to cooperative, with the words that explain it.",
    long_about = "detente scores statements on a scale from hostile (-1) to cooperative (+1) using \
lexicons of threats, force, coercion, demands, accusation, insult and defiance against praise, \
gratitude, respect, dialogue, agreement, commitment, partnership and de-escalation, in English \
and Spanish.\n\nExamples:\n  detente score quotes.csv -o scores.csv\n  cat quotes.csv | detente \
score - --format jsonl\n  detente explain \"We will take up arms if they keep threatening us!\"\n  \
detente eval tests/data/gold/gold.csv --errors 10",
    after_help = "Exit codes: 0 success; 1 finished with rejected rows or failed checks; 2 error."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Score every row of a quotes CSV (CSV or JSON Lines out).
    Score(score::ScoreArgs),
    /// Chart how tone moves over time: HTML, Markdown or a terminal summary.
    Report(Box<report::ReportArgs>),
    /// Show how one statement is scored, word by word.
    Explain(explain::ExplainArgs),
    /// Measure detente against a hand-labelled gold CSV (correlation, error, accuracy).
    Eval(eval::EvalArgs),
    /// Check or describe lexicons.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    #[command(after_help = "Examples:\n  \
detente completions bash > ~/.local/share/bash-completion/completions/detente\n  \
detente completions zsh > ~/.zfunc/_detente   # with fpath+=~/.zfunc before compinit\n  \
detente completions fish > ~/.config/fish/completions/detente.fish")]
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Options that choose the lexicons and language, shared by the scoring subcommands.
#[derive(Args, Debug, Clone)]
pub struct LexiconArgs {
    /// Language of the statements: en, es, or auto (guess per statement from function words;
    /// ties go to English).
    #[arg(long, default_value = "auto", value_name = "LANG")]
    lang: String,

    /// Add a lexicon file (TSV, see lexicons/README.md). Its entries replace built-in entries
    /// with the same term and add new ones. Prefix with `en=` or `es=` to limit it to one
    /// language; repeat for several files.
    #[arg(long = "lexicon", value_name = "[LANG=]PATH")]
    lexicons: Vec<String>,

    /// Use only the --lexicon files, not the built-in lexicons (for a lexicon of your own).
    #[arg(long, requires = "lexicons")]
    no_builtin: bool,
}

impl LexiconArgs {
    /// Builds the scorer these options describe.
    pub fn scorer(&self) -> Result<Scorer, Error> {
        let mode = match self.lang.as_str() {
            "auto" => LangMode::Auto(Lang::En),
            other => LangMode::Fixed(other.parse::<Lang>().map_err(|_| {
                Error::new(
                    detente::ErrorKind::UnknownLanguage {
                        found: other.to_string(),
                    },
                    Location::default(),
                )
            })?),
        };
        let mut b = Scorer::builder();
        b.lang(mode);
        if self.no_builtin {
            b.without_builtin();
        }
        for spec in &self.lexicons {
            let (lang, path) = split_lang(spec)?;
            let text = std::fs::read_to_string(&path).map_err(|e| {
                Error::io(
                    &e,
                    Location {
                        path: Some(path.clone()),
                        ..Location::default()
                    },
                )
            })?;
            b.lexicon(
                lang,
                &text,
                Location {
                    path: Some(path),
                    ..Location::default()
                },
            );
        }
        b.build()
    }
}

fn split_lang(spec: &str) -> Result<(Option<Lang>, PathBuf), Error> {
    if let Some((l, p)) = spec.split_once('=')
        && l.len() == 2
    {
        let lang = l.parse::<Lang>().map_err(|_| {
            Error::new(
                detente::ErrorKind::UnknownLanguage {
                    found: l.to_string(),
                },
                Location::default(),
            )
        })?;
        return Ok((Some(lang), PathBuf::from(p)));
    }
    Ok((None, PathBuf::from(spec)))
}

/// Writes the completion script for `shell` to stdout. The script is made in memory first:
/// clap_complete panics when its writer fails, and a closed pipe must end the command
/// quietly, not in a panic.
fn completions(shell: clap_complete::Shell) -> Result<u8, Error> {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "detente", &mut script);
    write_stdout(&script)?;
    Ok(EXIT_OK)
}

/// Writes `bytes` to standard output. Failing to (a closed pipe: `detente explain ... |
/// head -1`) is an error for the caller to return, which [`run`] treats as a quiet end when the
/// pipe was closed; `print!` would panic instead.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(&e, Location::in_source("<stdout>")))
}

/// Parses the command line, runs the subcommand and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Lexicon(cmd) => lexicon::run(&cmd),
        Command::Completions { shell } => completions(shell),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("detente: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
