//! Statement-level context rules that run after the per-hit rules: relayed reports of what
//! another party did ([`relayed`]), combative words aimed at a target shared with a partner
//! ([`shared_target`]), statements that only mention talks ([`talk_only`]), and how negators
//! combine per language ([`negated`]). Free functions over the tokens and hits, so they stay
//! independent of how the scorer builds its units.

use super::rules::{
    FIRST_PERSON, FIRST_PERSON_CONTRACTIONS, RELAY_MARKERS, RELAYED_SCALAR, SHARED_TARGET_SCALAR,
    SHARED_TARGET_WORDS, SPANISH_NEGATIVE_CONCORD, TALK_ONLY_MAX_BASE, TALK_ONLY_SCALAR,
};
use super::scorer::{CategorySet, FIRST_PERSON_WORD, RELAY_KEY};
use super::{Hit, Rules};
use crate::lexicon::StartFilter;
use crate::text::{Lang, Tokens};

/// The index of the token that starts at byte `start`, if any.
fn token_at(tokens: &Tokens, start: u32) -> Option<usize> {
    // Tokens are in text order: their starts increase.
    tokens
        .tokens()
        .binary_search_by_key(&start, |t| t.span.0)
        .ok()
}

/// True when `words` appear at token `i` onwards, within one sentence.
fn phrase_at(tokens: &Tokens, i: usize, words: &[&str]) -> bool {
    let toks = tokens.tokens();
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    words.iter().enumerate().all(|(n, w)| {
        toks.get(i + n)
            .is_some_and(|t| t.sentence == sentence && tokens.folded_bytes(i + n) == w.as_bytes())
    })
}

/// A word list of a context rule, split into words once and indexed by first byte, so that
/// checking every token of every statement against it costs one lookup for most tokens.
struct Markers {
    words: Vec<Vec<&'static str>>,
    /// For each byte, the markers whose first word starts with it.
    by_first: Vec<Vec<usize>>,
    /// The markers' first words' beginnings, to rule out most words before
    /// [`Markers::candidates`].
    starts: StartFilter,
}

/// Length buckets of [`RelayKeys::by_key`] (up to `LENGTHS - 1` bytes; longer words share the
/// last).
const LENGTHS: usize = 32;

impl Markers {
    fn new(list: &[&'static str]) -> Markers {
        let words: Vec<Vec<&'static str>> = list.iter().map(|m| m.split(' ').collect()).collect();
        let mut by_first = vec![Vec::new(); 256];
        for (k, w) in words.iter().enumerate() {
            let first = w.first().copied().unwrap_or("");
            if let Some(&b) = first.as_bytes().first() {
                by_first[usize::from(b)].push(k);
            }
        }
        let starts = StartFilter::new(
            words
                .iter()
                .map(|w| w.first().copied().unwrap_or("").as_bytes()),
        );
        Markers {
            words,
            by_first,
            starts,
        }
    }

    /// False when no marker's first word can be `word` or a prefix of it.
    fn may_start(&self, word: &[u8]) -> bool {
        self.starts.may_start(word)
    }

    /// The markers (as words) whose first word may be a prefix of `word`.
    fn candidates<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a [&'static str]> + 'a {
        let ks = word
            .as_bytes()
            .first()
            .and_then(|&b| self.by_first.get(usize::from(b)))
            .map_or(&[][..], Vec::as_slice);
        ks.iter()
            .filter_map(|&k| self.words.get(k).map(Vec::as_slice))
    }
}

/// The slot of [`RelayKeys::by_key`] for a first byte and a length.
fn bucket(first: u8, len: usize) -> usize {
    usize::from(first) * LENGTHS + len.min(LENGTHS - 1)
}

/// The relay markers indexed by their key word: the longest word of each marker (the first
/// of equally long ones), which is rarer than its first word ("the defendant", "en vivo",
/// "according to"). Every occurrence of a marker holds its key word, so comparing the markers
/// only at tokens that are some marker's key word finds them all, and most statements have
/// none.
struct RelayKeys {
    /// Each marker as words, with the position of its key word.
    markers: Vec<(Vec<&'static str>, usize)>,
    /// For each first byte and length of a key word (as [`bucket`]), the markers it keys.
    by_key: Vec<Vec<usize>>,
}

impl RelayKeys {
    fn new(list: &[&'static str]) -> RelayKeys {
        let mut markers = Vec::new();
        let mut by_key = vec![Vec::new(); 256 * LENGTHS];
        for m in list {
            let words: Vec<&'static str> = m.split(' ').collect();
            let at = key_position(&words);
            if let Some(&b) = words.get(at).and_then(|w| w.as_bytes().first()) {
                by_key[bucket(b, words[at].len())].push(markers.len());
            }
            markers.push((words, at));
        }
        RelayKeys { markers, by_key }
    }

    /// The markers (as words, with their key word's position) whose key word may be `word`
    /// (same first byte and length).
    fn candidates<'a>(
        &'a self,
        word: &[u8],
    ) -> impl Iterator<Item = (&'a [&'static str], usize)> + 'a {
        let ks = word
            .first()
            .and_then(|&b| self.by_key.get(bucket(b, word.len())))
            .map_or(&[][..], Vec::as_slice);
        ks.iter()
            .filter_map(|&k| self.markers.get(k).map(|(w, at)| (w.as_slice(), *at)))
    }
}

/// The position of a marker's key word: its longest word, the first of equally long ones.
fn key_position(words: &[&str]) -> usize {
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        if w.len() > words.get(at).map_or(0, |k| k.len()) {
            at = i;
        }
    }
    at
}

/// The key word of each of [`RELAY_MARKERS`] (see [`RelayKeys`]), for the vocabulary's
/// [`RELAY_KEY`] flag.
pub(super) fn relay_key_words() -> impl Iterator<Item = &'static str> {
    RELAY_MARKERS.iter().filter_map(|m| {
        let words: Vec<&'static str> = m.split(' ').collect();
        words.get(key_position(&words)).copied()
    })
}

fn relay_keys() -> &'static RelayKeys {
    static KEYS: std::sync::OnceLock<RelayKeys> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| RelayKeys::new(RELAY_MARKERS))
}

fn shared_targets() -> &'static Markers {
    static MARKERS: std::sync::OnceLock<Markers> = std::sync::OnceLock::new();
    MARKERS.get_or_init(|| Markers::new(SHARED_TARGET_WORDS))
}

/// A statement that relays what another party did or said ("according to", "announced",
/// "took effect", "según", "anunció", a trial or hearing) describes the hostility rather than
/// adding to it: every hostile hit in a sentence with a [`RELAY_MARKERS`] phrase is multiplied
/// by [`RELAYED_SCALAR`], unless its clause has a first-person word ("we announced sanctions"
/// is the speaker's own act). Cooperative hits are left alone: an agreement reached is
/// cooperative whoever reports it.
///
/// `marks` holds each token's [`RELAY_KEY`] and [`FIRST_PERSON_WORD`] bits (looked up with
/// the rest of the token's vocabulary): the markers are compared only around tokens that are
/// a marker's key word, and first-person words are known from their bit.
pub(super) fn relayed(tokens: &Tokens, marks: &[u8], hits: &mut [Hit]) {
    // Most statements have no key word at all: one scan of the marks settles them (a fold
    // without an early exit, which is vectorised).
    if marks.len() == tokens.tokens().len() && marks.iter().fold(0, |a, &m| a | m) & RELAY_KEY == 0
    {
        return;
    }
    let toks = tokens.tokens();
    let keys = relay_keys();
    // A token that is no marker's key word (by its flag) needs no comparison.
    let may_key = |i: usize| marks.get(i).is_none_or(|m| m & RELAY_KEY != 0);
    // Sentence and clause numbers count up along the tokens, so the lists below come out
    // sorted and are searched by bisection: a long text costs one pass, not a pass per hit.
    // A marker lies in one sentence, its key word's: key words in text order find the
    // relayed sentences in order.
    let mut relayed_sentences: Vec<u32> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if may_key(i)
            && relayed_sentences.last() != Some(&t.sentence)
            && keys
                .candidates(tokens.folded_bytes(i))
                .any(|(m, at)| i >= at && phrase_at(tokens, i - at, m))
        {
            relayed_sentences.push(t.sentence);
        }
    }
    if relayed_sentences.is_empty() {
        return;
    }
    let mut first_person_clauses: Vec<u32> = Vec::new();
    // The vocabulary flags first-person words exactly; without marks, the words are compared.
    let first_person = |j: usize| match marks.get(j) {
        Some(m) => m & FIRST_PERSON_WORD != 0,
        None => {
            let w = tokens.folded_bytes(j);
            let is = |list: &[&str]| list.iter().any(|x| x.as_bytes() == w);
            is(FIRST_PERSON) || is(FIRST_PERSON_CONTRACTIONS)
        }
    };
    for (j, t) in toks.iter().enumerate() {
        if first_person_clauses.last() != Some(&t.clause) && first_person(j) {
            first_person_clauses.push(t.clause);
        }
    }
    for h in hits.iter_mut().filter(|h| h.weight < 0.0) {
        let Some(t) = token_at(tokens, h.span.0).and_then(|i| toks.get(i)) else {
            continue;
        };
        if relayed_sentences.binary_search(&t.sentence).is_err() {
            continue;
        }
        let first_person = first_person_clauses.binary_search(&t.clause).is_ok();
        if !first_person {
            h.weight *= RELAYED_SCALAR;
            h.rules.insert(Rules::RELAYED);
        }
    }
}

/// Combative words next to a partnership with the addressee are aimed at a shared target:
/// "together with Jordan we will hunt down terrorists", "excelente coordinación contra el
/// narco". When the statement names such a target (a word starting with one of
/// [`SHARED_TARGET_WORDS`]) and has a cooperative hit of a `partners` category (after the
/// rules), its hostile hits of a `targets` category are multiplied by
/// [`SHARED_TARGET_SCALAR`]. Without a named common target, partnership words next to an
/// accusation are a reproach to the partner ("is this what they call partnership?") and
/// nothing is damped. Threats, demands, insults and defiance are said to someone: when the
/// statement has any of them, nothing is damped either, except a direct threat (force or coercion
/// the speaker announces, see [`Rules::DIRECT_THREAT`]), which is aimed like the force it was.
pub(super) fn shared_target(
    tokens: &Tokens,
    hits: &mut [Hit],
    partners: CategorySet,
    targets: CategorySet,
) {
    let partnered = hits
        .iter()
        .any(|h| h.weight > 0.0 && partners.contains(&h.category));
    let named = || {
        let markers = shared_targets();
        (0..tokens.tokens().len()).any(|i| {
            if !markers.may_start(tokens.folded_bytes(i)) {
                return false;
            }
            let w = tokens.folded(i);
            markers.candidates(w).any(|p| match p {
                [prefix] => w.starts_with(prefix),
                words => phrase_at(tokens, i, words),
            })
        })
    };
    // Force or coercion the speaker announces ("we will hunt down the smugglers") became a
    // threat by the direct-threat rule; next to a partner and a named target it is still aimed
    // at the target, so it is damped with the rest instead of turning the rule off.
    let aimed = |h: &Hit| targets.contains(&h.category) || h.rules.contains(Rules::DIRECT_THREAT);
    // Any other hostile hit (a threat, demand, insult or defiance) says the statement is also
    // hostile to someone it addresses: then nothing is damped.
    let addressed = hits.iter().any(|h| h.weight < 0.0 && !aimed(h));
    if !partnered || addressed || !named() {
        return;
    }
    for h in hits.iter_mut().filter(|h| h.weight < 0.0 && aimed(h)) {
        h.weight *= SHARED_TARGET_SCALAR;
        h.rules.insert(Rules::SHARED_TARGET);
    }
}

/// Talk alone is not warmth: a statement whose only hits are plain mentions of talk (a
/// meeting, a round of talks, a summit: `talk` categories with a lexicon weight below
/// [`TALK_ONLY_MAX_BASE`]) usually announces or schedules it. Its hits are multiplied by
/// [`TALK_ONLY_SCALAR`], so "the bilateral meeting is confirmed for Tuesday" stays neutral,
/// while "we are ready to talk" (commitment), "a great call" and "I look forward to meeting
/// him" (dialogue entries of weight 2, warm by themselves) keep their weight.
pub(super) fn talk_only(hits: &mut [Hit], talk: CategorySet) {
    if hits.is_empty()
        || !hits
            .iter()
            .all(|h| talk.contains(&h.category) && h.base.abs() < TALK_ONLY_MAX_BASE)
    {
        return;
    }
    for h in hits.iter_mut() {
        h.weight *= TALK_ONLY_SCALAR;
        h.rules.insert(Rules::TALK_ONLY);
    }
}

/// Whether an entry with `negators` negators and `reversers` reversers in its window is
/// negated. In English two negators cancel ("not never attack"). Spanish is a negative-concord
/// language: "no queremos ni la guerra", "no habrá ni ataques ni bloqueo", "no ... nunca" are one
/// negation however many negative words they use, so in statements scored as Spanish any number
/// of negators counts as one ([`SPANISH_NEGATIVE_CONCORD`]). A reverser is a separate undoing in
/// both languages: "no levantaremos las sanciones" keeps the sanctions.
pub(super) fn negated(lang: Lang, negators: usize, reversers: usize) -> bool {
    let negations = if lang == Lang::Es && SPANISH_NEGATIVE_CONCORD {
        negators.min(1)
    } else {
        negators
    };
    (negations + reversers) % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::CategoryId;
    use crate::score::rules::SHARED_TARGET_WORDS;

    /// Whether a hostile hit on the word "attack" in `text` is relayed, with marks from the
    /// key words (as the scorer's vocabulary gives them).
    fn relayed_attack(text: &str) -> bool {
        let mut tokens = Tokens::new();
        tokens.tokenize(text);
        let keys: Vec<&str> = relay_key_words().collect();
        let marks: Vec<u8> = (0..tokens.tokens().len())
            .map(|i| u8::from(keys.contains(&tokens.folded(i))) * RELAY_KEY)
            .collect();
        let at = (0..tokens.tokens().len()).find(|&i| tokens.folded(i) == "attack");
        let last = at.map_or((0, 0), |i| tokens.tokens()[i].span);
        let mut hits = [Hit {
            entry: 0,
            span: last,
            category: CategoryId(0),
            base: -2.0,
            weight: -2.0,
            rules: Rules::default(),
        }];
        relayed(&tokens, &marks, &mut hits);
        hits[0].rules.contains(Rules::RELAYED)
    }

    #[test]
    fn every_relay_marker_is_found_by_its_key_word() {
        for m in RELAY_MARKERS {
            let words: Vec<&str> = m.split(' ').collect();
            assert!(words.contains(&words[key_position(&words)]));
            // At the start, after other words, and twice.
            assert!(relayed_attack(&format!("{m} they attack")), "{m}");
            assert!(
                relayed_attack(&format!("the the en {m} they attack")),
                "{m}"
            );
            assert!(relayed_attack(&format!("{m} {m} attack")), "{m}");
            // Not across a sentence end, and not from a later sentence.
            if words.len() > 1 && !words.iter().any(|w| RELAY_MARKERS.contains(w)) {
                let split = words.join(". ");
                assert!(!relayed_attack(&format!("{split} they attack")), "{m}");
            }
            assert!(!relayed_attack(&format!("they attack. {m}")), "{m}");
        }
        assert!(!relayed_attack("the defense will attack"));
    }

    #[test]
    fn marker_filter_lets_every_marker_through() {
        for list in [SHARED_TARGET_WORDS, RELAY_MARKERS] {
            let m = Markers::new(list);
            for entry in list {
                let first = entry.split(' ').next().unwrap_or("");
                assert!(m.may_start(first.as_bytes()), "{entry}");
                assert!(m.may_start(format!("{first}s").as_bytes()), "{entry}s");
            }
        }
        // The shared-target words all have three bytes, so their filter is on ("en vivo"
        // turns the relay markers' off; that rule uses the vocabulary's flag instead).
        assert!(Markers::new(SHARED_TARGET_WORDS).starts.is_on());
        let short = Markers::new(&["ab", "abcd"]);
        assert!(!short.starts.is_on() && short.may_start(b"zz"));
    }
}
