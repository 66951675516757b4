//! Any text as a user lexicon (`--lexicon FILE`): an error that names the file, or a scorer
//! that scores without panicking.
#![no_main]

use detente::{Lang, Location, Scorer};
use libfuzzer_sys::fuzz_target;

const STATEMENTS: [&str; 4] = [
    "We will not negotiate with threats, but we thank our friends!",
    "Las amenazas no son aceptables; agradecemos el diálogo.",
    "NEVER again. Within 48 hours we will respond.",
    "\"They said\" we are enemies? No.",
];

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = match knobs % 3 {
        0 => None,
        1 => Some(Lang::En),
        _ => Some(Lang::Es),
    };
    let mut b = Scorer::builder();
    // Most runs without the built-in lexicons: compiling them takes tens of milliseconds.
    if knobs & 0x80 == 0 {
        b.without_builtin();
    }
    b.lexicon(lang, &text, Location::in_source("fuzz.tsv"));
    match b.build() {
        Ok(scorer) => {
            for s in STATEMENTS.iter().copied().chain([text.as_ref()]) {
                let score = scorer.score(s);
                assert!(score.tone.is_finite() && (-1.0..=1.0).contains(&score.tone));
                let e = scorer.explain(s);
                assert_eq!(score, e.score);
            }
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("fuzz.tsv"), "the error names the file: {msg}");
            assert!(msg.len() < 2000, "{msg}");
        }
    }
});
