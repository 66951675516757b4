//! Adding your own lexicon entries: the same statement scored with the built-in lexicons and
//! with one extra entry (the TSV format of `lexicons/`), showing how the score changes.
//!
//! ```sh
//! cargo run --example custom_lexicon
//! ```

use detente::{Lang, Location, Score, Scorer};

fn show(scorer: &Scorer, name: &str, s: &Score) {
    let hits: Vec<String> = s
        .hits
        .iter()
        .map(|h| {
            format!(
                "{} ({}) {:+.2}",
                scorer.term(s.lang, h),
                scorer.categories().get(h.category).name,
                h.weight
            )
        })
        .collect();
    println!(
        "{name:<10} tone {:+.3} {:<12} hits: {}",
        s.tone,
        s.label.to_string(),
        if hits.is_empty() {
            "none".to_string()
        } else {
            hits.join(", ")
        }
    );
}

fn main() -> Result<(), detente::Error> {
    let text = "Their fentanyl flood is killing our kids, and the tariffs start Monday.";
    let builtin = Scorer::new()?;
    show(&builtin, "built-in", &builtin.score(text));

    // One extra entry: a term, a weight on -4..+4 and a category (see lexicons/README.md).
    let mine = "fentanyl flood\t-2.5\taccusation\tblaming the other side for the drug crisis\n";
    let custom = Scorer::builder()
        .lexicon(Some(Lang::En), mine, Location::in_source("my-terms.tsv"))
        .build()?;
    show(&custom, "custom", &custom.score(text));

    // A user file can also replace a built-in entry: here "tariffs" is made milder.
    let milder = "tariffs\t-1\tcoercion\n";
    let replaced = Scorer::builder()
        .lexicon(Some(Lang::En), mine, Location::in_source("my-terms.tsv"))
        .lexicon(Some(Lang::En), milder, Location::in_source("milder.tsv"))
        .build()?;
    show(&replaced, "replaced", &replaced.score(text));
    Ok(())
}
