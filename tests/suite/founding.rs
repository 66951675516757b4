use crate::util::founding_csv;
use detente::{Label, Scorer};

/// The founding case: rows of examples/data/petro_trump_2026.csv by id and the side they must
/// land on. These sentences are not special-cased anywhere: general lexicon entries decide.
const EXPECTED: &[(&str, &[Label])] = &[
    ("pt-03", &[Label::Hostile, Label::Tense]),
    ("pt-04", &[Label::Hostile, Label::Tense]),
    ("pt-05", &[Label::Hostile, Label::Tense]),
    ("pt-06", &[Label::Hostile, Label::Tense]),
    ("pt-07", &[Label::Conciliatory, Label::Cooperative]),
    ("pt-08", &[Label::Conciliatory, Label::Cooperative]),
];

#[test]
fn founding_case_lands_on_the_right_side() {
    let scorer = Scorer::new().expect("builtin");
    let mut rdr = csv::Reader::from_path(founding_csv()).expect("founding data");
    let headers = rdr.headers().expect("headers").clone();
    let id_col = headers.iter().position(|h| h == "id").expect("id column");
    let text_col = headers
        .iter()
        .position(|h| h == "text")
        .expect("text column");
    let mut seen = 0;
    let mut failures = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("row");
        let (id, text) = (&rec[id_col], &rec[text_col]);
        if let Some((_, want)) = EXPECTED.iter().find(|(i, _)| *i == id) {
            seen += 1;
            let s = scorer.score(text);
            if !want.contains(&s.label) {
                failures.push(format!(
                    "{id} {text:?}: {} ({:.3}), want {want:?}",
                    s.label, s.tone
                ));
            }
        }
    }
    assert_eq!(seen, EXPECTED.len(), "every expected row is in the data");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Regression: a statement with no function word of either language ("Amenazas ilegales",
/// "Vamos a imponer sanciones a Valdoria") tied the language guess, went to the default
/// (English) and scored 0, its Spanish words unknown to the English lexicon. A tie now goes to
/// the language whose lexicon covers more of the statement's words, and only then to the
/// default.
#[test]
fn short_statements_are_read_in_the_language_whose_lexicon_knows_them() {
    use detente::{Lang, LangMode};
    const CASES: &[(&str, Lang, Label)] = &[
        ("Amenazas ilegales", Lang::Es, Label::Tense),
        ("Gracias, presidente", Lang::Es, Label::Cooperative),
        ("Sanciones inmediatas", Lang::Es, Label::Tense),
        (
            "Vamos a imponer sanciones a Valdoria.",
            Lang::Es,
            Label::Hostile,
        ),
        ("Great talk", Lang::En, Label::Neutral),
        ("Threats, sanctions, ultimatums", Lang::En, Label::Hostile),
    ];
    let scorer = Scorer::new().expect("builtin");
    for &(text, lang, label) in CASES {
        let s = scorer.score(text);
        assert_eq!((s.lang, s.label), (lang, label), "{text}: {s:?}");
    }
    // Neither lexicon knows a word (or both as many): the default decides, as before.
    let es_default = Scorer::builder()
        .lang(LangMode::Auto(Lang::Es))
        .build()
        .expect("builtin");
    for text in ["Colombia", "Bogotá, Washington", "OK"] {
        assert_eq!(scorer.score(text).lang, Lang::En, "{text}");
        assert_eq!(es_default.score(text).lang, Lang::Es, "{text}");
    }
}

/// The same conflict beyond the seed article, as news reports paraphrased the leaders (not
/// quoted here as anyone's words): each landed on the wrong side or at zero before the denial
/// rule and the entries written for them ("sick man", "making cocaine", "drug leader", "not
/// going to be doing it very long", "así no se amenaza", "no longer make payments",
/// "desobedezc*").
#[test]
fn the_conflict_beyond_the_seed_lands_on_the_right_side() {
    const CASES: &[(&str, &[Label])] = &[
        (
            "The country is run by a sick man who likes making cocaine and selling it, and he's \
             not going to be doing it very long.",
            &[Label::Hostile],
        ),
        (
            "He is an illegal drug leader.",
            &[Label::Hostile, Label::Tense],
        ),
        // Denials were negated accusations, scored as de-escalation.
        (
            "No soy ilegítimo, ni soy narco.",
            &[Label::Hostile, Label::Tense],
        ),
        ("I am not a criminal.", &[Label::Tense]),
        // A rebuke with a negated threat in it.
        (
            "Así no se amenaza a un presidente latinoamericano.",
            &[Label::Hostile, Label::Tense],
        ),
        // Aid stopped, and a call on the other side's soldiers to disobey.
        (
            "The United States will no longer make payments or subsidies to Colombia.",
            &[Label::Hostile, Label::Tense],
        ),
        (
            "Desobedezcan la orden de Trump.",
            &[Label::Hostile, Label::Tense],
        ),
        // Reassurance stays on the cooperative side.
        (
            "We are not your enemies.",
            &[Label::Conciliatory, Label::Cooperative],
        ),
    ];
    let scorer = Scorer::new().expect("builtin");
    for &(text, want) in CASES {
        let s = scorer.score(text);
        assert!(
            want.contains(&s.label),
            "{text}: {} ({:.3})",
            s.label,
            s.tone
        );
    }
}
