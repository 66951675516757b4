use detente::{Lang, Location, Scorer};

fn assert_send_sync<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

#[test]
fn public_types_are_thread_safe() {
    assert_send_sync::<Scorer>();
    assert_send_sync::<detente::Score>();
    assert_send_sync::<detente::Lexicon>();
    assert_send_sync::<detente::Error>();
}

#[test]
fn builtin_lexicons_meet_their_floor() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    for (lang, min_entries) in [(Lang::En, 800), (Lang::Es, 500)] {
        let lex = scorer.lexicon(lang);
        let phrases = lex
            .entries()
            .iter()
            .filter(|e| e.term.contains(' '))
            .count();
        assert!(
            lex.entries().len() >= min_entries,
            "{lang}: {} entries",
            lex.entries().len()
        );
        assert!(phrases >= 100, "{lang}: {phrases} phrases");
        for (id, cat) in scorer.categories().iter() {
            let n = lex.entries().iter().filter(|e| e.category == id).count();
            assert!(n >= 20, "{lang}: category {} has {n} entries", cat.name);
        }
    }
}

#[test]
fn user_entries_replace_builtin_ones() {
    let mut b = Scorer::builder();
    b.lexicon(
        Some(Lang::En),
        "thank\t-1\taccusation\n",
        Location::in_source("mine"),
    );
    let scorer = b.build().expect("builds");
    let s = scorer.score("thank");
    assert!(s.tone < 0.0, "replaced entry is used: {s:?}");
}

#[test]
fn no_statement_panics() {
    let scorer = Scorer::new().expect("builtin");
    for text in [
        "", " ", "!!!???", "¿¡", "'", "n't", "#", "@", "#@#", "\u{0}", "a\u{301}", "ÅÅÅ", "1.2.3",
        "...",
    ] {
        let s = scorer.score(text);
        assert!(s.tone.is_finite());
        let _ = scorer.explain(text);
    }
}
