//! `detente lexicon check|stats`: validate lexicon files and describe what the lexicons hold.

use super::{EXIT_OK, EXIT_PARTIAL};
use clap::Subcommand;
use detente::lexicon::{Categories, Lexicon, ModifierKind};
use detente::{Error, Lang, Location};
use std::path::PathBuf;

/// A test on a lexicon term, for counting kinds of entries.
type TermTest = fn(&str) -> bool;

/// `detente lexicon ...`
#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// Validate the built-in lexicons and any files given (weights, categories, duplicates,
    /// terms that cannot match). Exit 1 when a file has an error.
    Check {
        /// Lexicon TSV files to check in addition to the built-in ones.
        paths: Vec<PathBuf>,
    },
    /// Entries per category and language, and how many are words, wildcards and phrases.
    Stats,
}

/// Runs `detente lexicon`.
pub fn run(cmd: &LexiconCommand) -> Result<u8, Error> {
    let cats = Categories::builtin()?;
    match cmd {
        LexiconCommand::Check { paths } => {
            let mut failed = 0;
            for lang in Lang::ALL {
                match Lexicon::builtin(lang, &cats).and_then(|l| l.compile().map(|_| l)) {
                    Ok(l) => println!(
                        "ok   builtin {lang}: {} entries, {} modifiers",
                        l.entries().len(),
                        l.modifiers().len()
                    ),
                    Err(e) => {
                        failed += 1;
                        println!("FAIL {e}");
                    }
                }
            }
            for p in paths {
                let loc = Location {
                    path: Some(p.clone()),
                    ..Location::default()
                };
                let checked = std::fs::read_to_string(p)
                    .map_err(|e| Error::io(&e, loc.clone()))
                    .and_then(|text| {
                        let mut l = Lexicon::empty(Lang::En);
                        l.add_source(&text, &loc, &cats)?;
                        l.compile()?;
                        Ok(l)
                    });
                match checked {
                    Ok(l) => println!(
                        "ok   {}: {} entries, {} modifiers",
                        p.display(),
                        l.entries().len(),
                        l.modifiers().len()
                    ),
                    Err(e) => {
                        failed += 1;
                        println!("FAIL {e}");
                    }
                }
            }
            Ok(if failed > 0 { EXIT_PARTIAL } else { EXIT_OK })
        }
        LexiconCommand::Stats => {
            let lexes: Vec<Lexicon> = Lang::ALL
                .iter()
                .map(|&l| Lexicon::builtin(l, &cats))
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
            let count =
                |l: &Lexicon, f: TermTest| l.entries().iter().filter(|e| f(&e.term)).count();
            let rows: [(&str, TermTest); 4] = [
                ("total", |_| true),
                ("words", |t: &str| !t.contains(' ') && !t.ends_with('*')),
                ("wildcards", |t: &str| !t.contains(' ') && t.ends_with('*')),
                ("phrases", |t: &str| t.contains(' ')),
            ];
            for (name, f) in rows {
                print!("{:<27}", name);
                for l in &lexes {
                    print!(" {:>6}", count(l, f));
                }
                println!();
            }
            print!("{:<27}", "modifiers");
            for l in &lexes {
                print!(" {:>6}", l.modifiers().len());
            }
            println!();
            print!("{:<27}", "  negators");
            for l in &lexes {
                print!(
                    " {:>6}",
                    l.modifiers()
                        .iter()
                        .filter(|m| m.kind == ModifierKind::Negator)
                        .count()
                );
            }
            println!();
            Ok(EXIT_OK)
        }
    }
}
