//! `detente lexicon check|stats|coverage`: validate lexicon files, describe what the lexicons
//! hold, and find the frequent words of a corpus that no entry covers.

use super::io::{location, open_input};
use super::table_args::{Rejects, TableArgs};
use super::{EXIT_OK, EXIT_PARTIAL, LexiconArgs};
use clap::{Args, Subcommand};
use detente::lexicon::{Categories, Entry, Lexicon, ModifierKind, check_lexicon};
use detente::table::Source;
use detente::text::is_function_word;
use detente::{Error, Lang, Location};
use std::collections::HashMap;
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
    /// The most frequent words of a quotes CSV that no entry or modifier covers (function
    /// words and words under 3 letters left out), to guide lexicon work.
    Coverage(Box<CoverageArgs>),
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
    match cmd {
        LexiconCommand::Check { paths } => check(&cats, paths),
        LexiconCommand::Stats => stats(&cats),
        LexiconCommand::Coverage(args) => coverage(args),
    }
}

fn check(cats: &Categories, paths: &[PathBuf]) -> Result<u8, Error> {
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut builtin = Vec::new();
    for lang in Lang::ALL {
        let mut lex = Lexicon::empty(lang);
        for (name, text) in detente::lexicon::builtin::sources(lang) {
            let loc = Location::in_source(name);
            let (_, errs) = check_lexicon(text, &loc, cats);
            for e in &errs {
                println!("error   {e}");
            }
            errors += errs.len();
            if errs.is_empty() {
                lex.add_source(text, &loc, cats)?;
            }
        }
        if let Err(e) = lex.compile() {
            println!("error   {e}");
            errors += 1;
        }
        warnings += side_conflicts(&lex, cats);
        println!(
            "checked builtin {lang}: {} entries, {} modifiers",
            lex.entries().len(),
            lex.modifiers().len()
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
            println!("error   {e}");
        }
        errors += errs.len();
        for e in &parsed.entries {
            for b in &builtin {
                if let Some(old) = b.entries().iter().find(|x| x.term == e.term)
                    && (old.weight < 0.0) != (e.weight < 0.0)
                {
                    println!(
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
                println!("error   {e}");
                errors += 1;
            }
            warnings += side_conflicts(&lex, cats);
        }
        println!(
            "checked {}: {} entries, {} modifiers",
            p.display(),
            parsed.entries.len(),
            parsed.modifiers.len()
        );
    }
    println!("{errors} errors, {warnings} warnings");
    Ok(if errors > 0 { EXIT_PARTIAL } else { EXIT_OK })
}

/// Warns about exact words that a wildcard of the other side also matches: the exact entry
/// wins, but the pair usually means one of them is wrong.
fn side_conflicts(lex: &Lexicon, cats: &Categories) -> usize {
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
                println!(
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

fn stats(cats: &Categories) -> Result<u8, Error> {
    let lexes: Vec<Lexicon> = Lang::ALL
        .iter()
        .map(|&l| Lexicon::builtin(l, cats))
        .collect::<Result<_, _>>()?;
    print!("{:<14} {:<12}", "category", "side");
    for l in &lexes {
        print!(" {:>6}", l.lang().code());
    }
    println!();
    for (id, c) in cats.iter() {
        print!("{:<14} {:<12}", c.name, c.side.name());
        for l in &lexes {
            print!(
                " {:>6}",
                l.entries().iter().filter(|e| e.category == id).count()
            );
        }
        println!();
    }
    let count = |l: &Lexicon, f: TermTest| l.entries().iter().filter(|e| f(&e.term)).count();
    let rows: [(&str, TermTest); 4] = [
        ("total", |_| true),
        ("words", |t: &str| !t.contains(' ') && !t.ends_with('*')),
        ("wildcards", |t: &str| !t.contains(' ') && t.ends_with('*')),
        ("phrases", |t: &str| t.contains(' ')),
    ];
    for (name, f) in rows {
        print!("{name:<27}");
        for l in &lexes {
            print!(" {:>6}", count(l, f));
        }
        println!();
    }
    for (name, kind) in [
        ("negators", Some(ModifierKind::Negator)),
        ("reversers", Some(ModifierKind::Reverser)),
        ("modifiers (all kinds)", None),
    ] {
        print!("{name:<27}");
        for l in &lexes {
            print!(
                " {:>6}",
                l.modifiers()
                    .iter()
                    .filter(|m| kind.is_none_or(|k| m.kind == k))
                    .count()
            );
        }
        println!();
    }
    Ok(EXIT_OK)
}

fn coverage(args: &CoverageArgs) -> Result<u8, Error> {
    let scorer = args.lexicon.scorer()?;
    let pool = args.table.pool()?;
    let opts = args.table.stream_options(&args.input, true);
    let mut source = Source::open(open_input(&args.input)?, &opts)?;
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
        println!(
            "{lang}: the {} most frequent uncovered words in {} rows of {}",
            args.top.min(list.len()),
            rows,
            location(&args.input)
        );
        println!("{:<24} {:>8} {:>8}", "word", "count", "rows");
        for (w, (n, r)) in list.into_iter().take(args.top) {
            println!("{w:<24} {n:>8} {r:>8}");
        }
        println!();
    }
    if counts.is_empty() {
        println!(
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
