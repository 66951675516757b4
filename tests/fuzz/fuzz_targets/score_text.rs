//! Any text through `Scorer::score`, `score_reusing` and `explain`, in each language mode:
//! no panic, the score's numbers in their ranges, and the three paths agree.
#![no_main]

use detente::{Lang, LangMode, Score, Scorer};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn scorers() -> &'static [Scorer] {
    static S: OnceLock<Vec<Scorer>> = OnceLock::new();
    S.get_or_init(|| {
        [
            LangMode::Auto(Lang::En),
            LangMode::Fixed(Lang::En),
            LangMode::Fixed(Lang::Es),
        ]
        .into_iter()
        .map(|m| Scorer::builder().lang(m).build().expect("built-in scorer"))
        .collect()
    })
}

fn in_range(s: &Score) {
    assert!(
        s.tone.is_finite() && (-1.0..=1.0).contains(&s.tone),
        "{s:?}"
    );
    assert!(s.raw.is_finite(), "{s:?}");
    assert!((0.0..=1.0).contains(&s.hostility), "{s:?}");
    assert!((0.0..=1.0).contains(&s.cooperation), "{s:?}");
    assert!((-10.0..=10.0).contains(&s.goldstein), "{s:?}");
    // A dominant category needs a hit (hits can all weigh nothing: no category then).
    assert!(s.category.is_none() || !s.hits.is_empty(), "{s:?}");
    for h in &s.hits {
        assert!(h.weight.is_finite(), "{s:?}");
        assert!(h.span.0 <= h.span.1, "{s:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut reused = Score::default();
    for scorer in scorers() {
        let a = scorer.score(&text);
        in_range(&a);
        for h in &a.hits {
            // Every span lies on character boundaries of the text.
            assert!(text.get(h.span.0 as usize..h.span.1 as usize).is_some());
        }
        scorer.score_reusing(&text, &mut reused);
        assert_eq!(a, reused);
        let e = scorer.explain(&text);
        assert_eq!(a, e.score);
    }
});
