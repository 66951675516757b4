//! `detente lexicon check|stats|coverage|import`: validate lexicon files, describe what the
//! lexicons hold, find the frequent words of a corpus that no entry covers, and convert VADER-
//! and LIWC-format lexicons to detente's TSV.

use super::io::{location, open_input_in};
use super::table_args::{Rejects, TableArgs};
use super::{EXIT_OK, EXIT_PARTIAL, LexiconArgs, write_stdout};
use clap::{Args, Subcommand};
use detente::lexicon::{Categories, ContextRole, Entry, Lexicon, ModifierKind, check_lexicon};
use detente::table::Source;
use detente::text::is_function_word;
use detente::{Error, ErrorKind, Lang, Location};
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

/// `detente lexicon ...`
#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Validate the built-in lexicons and any files given: bad weights, unknown categories,
    /// duplicates, terms that cannot match, a term both entry and modifier (errors, exit 1);
    /// words whose wildcard on the other side contradicts them, user entries that change a
    /// built-in entry's side (warnings).
    Check {
        /// Lexicon TSV files to check in addition to the built-in ones.
        paths: Vec<PathBuf>,
    },
    /// Entries per category and language, and how many are words, wildcards and phrases.
    Stats,
    /// The most frequent words of a quotes CSV that no entry, modifier or context word covers
    /// (function words and words under 3 letters left out), to guide lexicon work.
    Coverage(Box<CoverageArgs>),
    /// Convert a lexicon you already have (VADER `vader_lexicon.txt` format, LIWC `.dic`) to a
    /// detente lexicon TSV, with the categories and weights you choose; use the result with
    /// `--lexicon`. Entries that cannot be imported are listed at the end of the file with the
    /// reason (exit 1 when there are any).
    Import(Box<ImportArgs>),
}

/// The formats `detente lexicon import` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// `token<TAB>mean rating<TAB>...` per line (VADER's `vader_lexicon.txt`): the mean, -4..+4,
    /// becomes the weight; its sign picks `--hostile` or `--cooperative`.
    Vader,
    /// A LIWC dictionary (`.dic`): categories between two `%` lines, then words with category
    /// numbers; `--map` says what each LIWC category becomes.
    Liwc,
}

/// Arguments of `detente lexicon import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The format of the file.
    #[arg(value_enum)]
    format: ImportFormat,

    /// The file to convert (UTF-8 unless --encoding says otherwise); `-` reads stdin.
    #[arg(value_name = "FILE")]
    input: String,

    /// Where to write the lexicon TSV; `-` is stdout. Written atomically.
    #[arg(short, long, value_name = "PATH", default_value = "-")]
    output: String,

    /// VADER: the hostile category the negative entries get (threat, force, coercion, demand,
    /// accusation, insult, defiance). Without it they are left out.
    #[arg(long, value_name = "CATEGORY")]
    hostile: Option<String>,

    /// VADER: the cooperative category the positive entries get (praise, gratitude, respect,
    /// dialogue, agreement, commitment, partnership, deescalation). Without it they are left
    /// out.
    #[arg(long, value_name = "CATEGORY")]
    cooperative: Option<String>,

    /// VADER: weight = mean rating x SCALE (rounded to two decimals, kept within -4..+4).
    #[arg(long, value_name = "SCALE", default_value_t = 1.0)]
    scale: f64,

    /// VADER: the strong hostile category (threat, force, insult) the negative entries rated
    /// --strong-at or more in absolute value get instead of --hostile, so that a statement
    /// they score can read hostile and not only tense.
    #[arg(long, value_name = "CATEGORY")]
    hostile_strong: Option<String>,

    /// VADER: the strong cooperative category (gratitude, agreement, partnership) the positive
    /// entries rated --strong-at or more get instead of --cooperative.
    #[arg(long, value_name = "CATEGORY")]
    cooperative_strong: Option<String>,

    /// VADER: the absolute mean rating from which an entry takes --hostile-strong or
    /// --cooperative-strong.
    #[arg(long, value_name = "MEAN", default_value_t = detente::lexicon::import::VaderOptions::STRONG_AT)]
    strong_at: f64,

    /// LIWC: map a LIWC category (name or number) to a detente category and weight, as in
    /// `--map anger=insult:-2`. Repeat for several; a word in more than one mapped category
    /// takes the first map given.
    #[arg(long = "map", value_name = "LIWC=CATEGORY:WEIGHT")]
    maps: Vec<String>,

    /// Leave out entries whose weight is smaller than this in absolute value.
    #[arg(long, value_name = "WEIGHT", default_value_t = 0.0)]
    min_weight: f64,

    /// The language the file is for (`en` or `es`): its built-in modifiers are left out (a
    /// term cannot be both a modifier and an entry). Default: both languages' modifiers.
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,

    /// Leave out terms a built-in entry already covers: the same term, or a wildcard such as
    /// `threaten*` for `threatens` (import only what detente does not know).
    #[arg(long)]
    skip_builtin: bool,

    /// The file's character encoding, when it is not UTF-8: windows-1252 (or latin1) for
    /// files saved by Windows programs in Western European languages, utf-16, or any WHATWG
    /// label.
    #[arg(long, value_name = "LABEL", value_parser = super::io::parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,

    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

/// Arguments of `detente lexicon coverage`.
#[derive(Args, Debug)]
pub struct CoverageArgs {
    /// The quotes CSV; `-` reads stdin.
    #[arg(value_name = "CORPUS")]
    input: String,

    /// How many words to list per language.
    #[arg(long, default_value_t = 40)]
    top: usize,

    #[command(flatten)]
    table: TableArgs,

    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// A test on a lexicon term, for counting kinds of entries.
type TermTest = fn(&str) -> bool;

/// Runs `detente lexicon`.
pub fn run(cmd: &LexiconCommand) -> Result<u8, Error> {
    let cats = Categories::builtin()?;
    // What the reports print is gathered and written at once, also when the command fails
    // part way: a closed pipe (`detente lexicon stats | head`) then ends it quietly.
    let mut out = String::new();
    let result = match cmd {
        LexiconCommand::Check { paths } => check(&mut out, &cats, paths),
        LexiconCommand::Stats => stats(&mut out, &cats),
        LexiconCommand::Coverage(args) => coverage(&mut out, args),
        LexiconCommand::Import(args) => import(&cats, args),
    };
    write_stdout(out.as_bytes())?;
    result
}

/// `print!` into the report's buffer (writing to a `String` cannot fail).
macro_rules! out {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}

/// `println!` into the report's buffer.
macro_rules! outln {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

fn import(cats: &Categories, a: &ImportArgs) -> Result<u8, Error> {
    use detente::lexicon::import::{self, Filter, LiwcMap, VaderOptions};
    let setting = |detail: String| {
        Error::new(
            ErrorKind::BadSetting { detail },
            Location::in_source("command line"),
        )
    };
    let langs: Vec<Lang> = match &a.lang {
        None => Lang::ALL.to_vec(),
        Some(code) => vec![code.parse::<Lang>().map_err(|_| {
            Error::new(
                ErrorKind::UnknownLanguage {
                    found: code.to_string(),
                },
                Location::in_source("command line"),
            )
        })?],
    };
    if !a.min_weight.is_finite() || a.min_weight < 0.0 {
        return Err(setting(format!(
            "--min-weight must be 0 or more, not {}",
            a.min_weight
        )));
    }
    let mut with = Vec::new();
    for lang in &langs {
        with.push(Lexicon::builtin(*lang, cats)?);
    }
    let filter = Filter {
        with,
        skip_known: a.skip_builtin,
        min_weight: a.min_weight,
    };
    let origin = location(&a.input);
    let mut bytes = Vec::new();
    open_input_in(&a.input, a.encoding)?
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&e, origin.clone()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        Error::new(
            ErrorKind::BadSetting {
                detail: format!(
                    "invalid UTF-8 at byte {at}; LIWC and VADER files are often Windows-1252 \
                     (Latin-1): pass --encoding windows-1252, or re-encode the file"
                ),
            },
            origin.at_line(line),
        )
    })?;
    let category = |name: &Option<String>| -> Result<Option<detente::CategoryId>, Error> {
        name.as_deref()
            .map(|n| {
                cats.find(n).ok_or_else(|| {
                    setting(format!(
                        "unknown category {n:?}; the categories are {}",
                        cats.names().join(", ")
                    ))
                })
            })
            .transpose()
    };
    let (result, how) = match a.format {
        ImportFormat::Vader => {
            if !a.maps.is_empty() {
                return Err(setting(
                    "--map is for LIWC dictionaries; a VADER file takes --hostile and \
                     --cooperative"
                        .to_string(),
                ));
            }
            let opts = VaderOptions {
                hostile: category(&a.hostile)?,
                cooperative: category(&a.cooperative)?,
                scale: a.scale,
                hostile_strong: category(&a.hostile_strong)?,
                cooperative_strong: category(&a.cooperative_strong)?,
                strong_at: a.strong_at,
            };
            if opts.hostile.is_none()
                && opts.cooperative.is_none()
                && opts.hostile_strong.is_none()
                && opts.cooperative_strong.is_none()
            {
                return Err(setting(
                    "say which categories the entries get: --hostile CATEGORY for the \
                     negative ones, --cooperative CATEGORY for the positive ones (or both)"
                        .to_string(),
                ));
            }
            let side = |c: Option<detente::CategoryId>, strong: Option<detente::CategoryId>| {
                let plain = c.map_or("left out".to_string(), |c| cats.get(c).name.clone());
                match strong {
                    Some(s) => format!(
                        "{plain} ({} from a mean of {} in absolute value)",
                        cats.get(s).name,
                        a.strong_at
                    ),
                    None => plain,
                }
            };
            let how = format!(
                "VADER format; negative entries: {}, positive entries: {}; weight = mean x {}",
                side(opts.hostile, opts.hostile_strong),
                side(opts.cooperative, opts.cooperative_strong),
                a.scale
            );
            (import::vader(&text, &origin, &opts, cats, &filter)?, how)
        }
        ImportFormat::Liwc => {
            if a.hostile.is_some()
                || a.cooperative.is_some()
                || a.hostile_strong.is_some()
                || a.cooperative_strong.is_some()
            {
                return Err(setting(
                    "--hostile, --cooperative, --hostile-strong and --cooperative-strong are for VADER files; map LIWC categories \
                     with --map LIWC=CATEGORY:WEIGHT"
                        .to_string(),
                ));
            }
            if a.maps.is_empty() {
                return Err(setting(
                    "say what the LIWC categories become: --map LIWC=CATEGORY:WEIGHT, as in \
                     --map anger=insult:-2 (repeat for several)"
                        .to_string(),
                ));
            }
            let maps = a
                .maps
                .iter()
                .map(|m| LiwcMap::parse(m, cats))
                .collect::<Result<Vec<_>, Error>>()?;
            let how = format!(
                "LIWC dictionary; {}",
                maps.iter()
                    .map(|m| format!("{} -> {} {}", m.liwc, cats.get(m.category).name, m.weight))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            (import::liwc(&text, &origin, &maps, cats, &filter)?, how)
        }
    };
    let header = vec![
        format!(
            "Imported by detente {} from {} ({how}).",
            env!("CARGO_PKG_VERSION"),
            origin
        ),
        format!(
            "{} entries imported; {} not imported (listed at the end); {} not asked for.",
            result.entries.len(),
            result.skipped.len(),
            result.unmapped
        ),
        "Review the categories and weights, then: detente lexicon check THIS_FILE; \
         detente score --lexicon THIS_FILE ..."
            .to_string(),
    ];
    let mut out = super::io::Output::create(&a.output)?;
    import::write_tsv(&result, cats, &header, &mut out)
        .map_err(|e| Error::io(&e, super::io::location(&a.output)))?;
    out.commit()?;
    if !a.quiet {
        eprintln!(
            "detente: read {} entries from {origin}: {} imported, {} not imported{}, {} not asked for{}",
            result.read,
            result.entries.len(),
            result.skipped.len(),
            if result.skipped.is_empty() {
                ""
            } else {
                " (listed with the reason at the end of the output)"
            },
            result.unmapped,
            if result.conditional_lines > 0 {
                format!(
                    "; {} {} LIWC2007 conditional codes, left out (the plain codes kept)",
                    result.conditional_lines,
                    if result.conditional_lines == 1 {
                        "line had"
                    } else {
                        "lines had"
                    }
                )
            } else {
                String::new()
            }
        );
    }
    Ok(if result.skipped.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

fn check(out: &mut String, cats: &Categories, paths: &[PathBuf]) -> Result<u8, Error> {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut builtin = Vec::new();
    for lang in Lang::ALL {
        let mut lex = Lexicon::empty(lang);
        for (name, text) in detente::lexicon::builtin::sources(lang) {
            let loc = Location::in_source(name);
            let (_, errs) = check_lexicon(text, &loc, cats);
            for e in &errs {
                outln!(out, "error   {e}");
            }
            errors += errs.len();
            if errs.is_empty() {
                lex.add_source(text, &loc, cats)?;
            }
        }
        if let Err(e) = lex.compile() {
            outln!(out, "error   {e}");
            errors += 1;
        }
        warnings += side_conflicts(out, &lex, cats);
        outln!(
            out,
            "checked builtin {lang}: {} entries, {} modifiers, {} context words",
            lex.entries().len(),
            lex.modifiers().len(),
            lex.context().len()
        );
        builtin.push(lex);
    }
    for p in paths {
        let loc = Location {
            path: Some(p.clone()),
            ..Location::default()
        };
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(&e, loc.clone()))?;
        let (parsed, errs) = check_lexicon(&text, &loc, cats);
        for e in &errs {
            outln!(out, "error   {e}");
        }
        errors += errs.len();
        for e in &parsed.entries {
            for b in &builtin {
                if let Some(old) = b.entries().iter().find(|x| x.term == e.term)
                    && (old.weight < 0.0) != (e.weight < 0.0)
                {
                    outln!(
                        out,
                        "warning {}: {:?} replaces the built-in {} entry ({}, {}) with the other side ({}, {})",
                        e.origin,
                        e.term,
                        b.lang(),
                        cats.get(old.category).name,
                        old.weight,
                        cats.get(e.category).name,
                        e.weight
                    );
                    warnings += 1;
                }
            }
        }
        if errs.is_empty() {
            let mut lex = Lexicon::empty(Lang::En);
            lex.add_source(&text, &loc, cats)?;
            if let Err(e) = lex.compile() {
                outln!(out, "error   {e}");
                errors += 1;
            }
            warnings += side_conflicts(out, &lex, cats);
        }
        outln!(
            out,
            "checked {}: {} entries, {} modifiers, {} context words",
            p.display(),
            parsed.entries.len(),
            parsed.modifiers.len(),
            parsed.context.len()
        );
    }
    outln!(out, "{errors} errors, {warnings} warnings");
    Ok(if errors > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// Warns about exact words that a wildcard of the other side also matches: the exact entry
/// wins, but the pair usually means one of them is wrong.
fn side_conflicts(out: &mut String, lex: &Lexicon, cats: &Categories) -> usize {
    let wildcards: Vec<&Entry> = lex
        .entries()
        .iter()
        .filter(|e| !e.term.contains(' ') && e.term.ends_with('*'))
        .collect();
    let mut n = 0;
    for e in lex
        .entries()
        .iter()
        .filter(|e| !e.term.contains(' ') && !e.term.ends_with('*'))
    {
        for w in &wildcards {
            let prefix = w.term.trim_end_matches('*');
            if e.term.starts_with(prefix) && (w.weight < 0.0) != (e.weight < 0.0) {
                outln!(
                    out,
                    "warning {}: {:?} ({}) is also matched by {:?} ({}) on the other side at {}",
                    e.origin,
                    e.term,
                    cats.get(e.category).name,
                    w.term,
                    cats.get(w.category).name,
                    w.origin
                );
                n += 1;
            }
        }
    }
    n
}

fn stats(out: &mut String, cats: &Categories) -> Result<u8, Error> {
    let lexes: Vec<Lexicon> = Lang::ALL
        .iter()
        .map(|&l| Lexicon::builtin(l, cats))
        .collect::<Result<_, _>>()?;
    out!(out, "{:<14} {:<12}", "category", "side");
    for l in &lexes {
        out!(out, " {:>6}", l.lang().code());
    }
    outln!(out);
    for (id, c) in cats.iter() {
        out!(out, "{:<14} {:<12}", c.name, c.side.name());
        for l in &lexes {
            out!(
                out,
                " {:>6}",
                l.entries().iter().filter(|e| e.category == id).count()
            );
        }
        outln!(out);
    }
    let count = |l: &Lexicon, f: TermTest| l.entries().iter().filter(|e| f(&e.term)).count();
    let rows: [(&str, TermTest); 4] = [
        ("total", |_| true),
        ("words", |t: &str| !t.contains(' ') && !t.ends_with('*')),
        ("wildcards", |t: &str| !t.contains(' ') && t.ends_with('*')),
        ("phrases", |t: &str| t.contains(' ')),
    ];
    for (name, f) in rows {
        out!(out, "{name:<27}");
        for l in &lexes {
            out!(out, " {:>6}", count(l, f));
        }
        outln!(out);
    }
    for (name, kind) in [
        ("negators", Some(ModifierKind::Negator)),
        ("clause negators", Some(ModifierKind::ClauseNegator)),
        ("opening negators", Some(ModifierKind::OpeningNegator)),
        ("reversers", Some(ModifierKind::Reverser)),
        ("post-reversers", Some(ModifierKind::PostReverser)),
        ("modifiers (all kinds)", None),
    ] {
        out!(out, "{name:<27}");
        for l in &lexes {
            out!(
                out,
                " {:>6}",
                l.modifiers()
                    .iter()
                    .filter(|m| kind.is_none_or(|k| m.kind == k))
                    .count()
            );
        }
        outln!(out);
    }
    outln!(out, "context words");
    for role in ContextRole::ALL {
        out!(out, "{:<27}", format!("  {}", role.name()));
        for l in &lexes {
            out!(out, " {:>6}", l.context_terms(role).count());
        }
        outln!(out);
    }
    Ok(EXIT_OK)
}

fn coverage(out: &mut String, args: &CoverageArgs) -> Result<u8, Error> {
    let scorer = args.lexicon.scorer()?;
    let pool = args.table.pool()?;
    let opts = args.table.stream_options(&args.input, true);
    let mut source = Source::open(open_input_in(&args.input, args.table.encoding)?, &opts)?;
    let mut counts: HashMap<(Lang, String), (u64, u64)> = HashMap::new();
    let mut rows = 0u64;
    let mut rejects = Rejects::new(args.table.rejects.as_deref(), false)?;
    let summary = source.for_each(
        &pool,
        |_, text| {
            let mut words: Vec<(Lang, String)> = Vec::new();
            scorer.uncovered(text, |lang, w| {
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if letters >= 3 && !w.starts_with('@') && !is_function_word(w, lang) {
                    words.push((lang, w.to_string()));
                }
            });
            Ok(words)
        },
        |_, words| {
            rows += 1;
            let mut seen: Vec<&(Lang, String)> = Vec::new();
            for w in &words {
                let c = counts.entry(w.clone()).or_insert((0, 0));
                c.0 += 1;
                if !seen.contains(&w) {
                    c.1 += 1;
                    seen.push(w);
                }
            }
            Ok(())
        },
        |r| rejects.add(r),
    )?;
    rejects.finish(&summary, false)?;
    for lang in Lang::ALL {
        let mut list: Vec<(&String, &(u64, u64))> = counts
            .iter()
            .filter(|((l, _), _)| *l == lang)
            .map(|((_, w), c)| (w, c))
            .collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        outln!(
            out,
            "{lang}: the {} most frequent uncovered words in {} rows of {}",
            args.top.min(list.len()),
            rows,
            location(&args.input)
        );
        outln!(out, "{:<24} {:>8} {:>8}", "word", "count", "rows");
        for (w, (n, r)) in list.into_iter().take(args.top) {
            outln!(out, "{w:<24} {n:>8} {r:>8}");
        }
        outln!(out);
    }
    if counts.is_empty() {
        outln!(
            out,
            "every word of the {} rows of {} is covered by an entry or a modifier (function words \
             and words under 3 letters are not counted)",
            summary.scored,
            location(&args.input)
        );
    }
    Ok(if summary.rejected > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    })
}
