//! Statement-level context rules that run after the per-hit rules: relayed reports of what
//! another party did ([`relayed`]), combative words aimed at a target shared with a partner
//! ([`shared_target`]), a condemnation beside solidarity ([`solidarity`]), praise and thanks
//! made mockery by a sarcasm marker ([`sarcasm`]), statements that only mention talks
//! ([`talk_only`]), and how negators combine per language ([`negated`]). Free functions over
//! the tokens and hits, so they stay independent of how the scorer builds its units.

use super::rules::{
    CONGRATULATION_HOSTILE_MIN, GENERIC_NAME_WORDS, NOTICE_SCALAR, QUOTED_SCALAR, QUOTED_WORDS,
    RELATIVE_PRONOUNS, RELAYED_SCALAR, REPORTED_SCALAR, SARCASM_SCALAR, SHARED_TARGET_SCALAR,
    SOLIDARITY_SCALAR, SPANISH_NEGATIVE_CONCORD, SPEAKER_TITLE_MIN_LETTERS,
    SPEAKER_TITLE_MIN_WORDS, SPEAKER_WORD_MIN, TALK_ONLY_MAX_BASE, TALK_ONLY_SCALAR,
    TARGET_PATIENT_MAX, TARGET_PATIENT_WORDS,
};
use super::scorer::{
    CategorySet, FIRST_PERSON_FUTURE_WORD, FIRST_PERSON_WORD, Marks, RELAY_KEY, RETORT_KEY,
    SARCASM_KEY,
};
use super::{Hit, Rules};
use crate::lexicon::{CategoryId, ContextRole, ContextWord, Entry, StartFilter};
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
fn phrase_at(tokens: &Tokens, i: usize, words: &[String]) -> bool {
    let toks = tokens.tokens();
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    words.iter().enumerate().all(|(n, w)| {
        toks.get(i + n)
            .is_some_and(|t| t.sentence == sentence && tokens.folded_bytes(i + n) == w.as_bytes())
    })
}

/// Whether the `retort` phrase `words`, whose key word (at `at` in it) is token `i`, occurs
/// there wholly within `range` and ends its clause.
fn retort_at(
    tokens: &Tokens,
    i: usize,
    words: &[String],
    at: usize,
    range: std::ops::Range<usize>,
) -> bool {
    let toks = tokens.tokens();
    let Some(start) = i.checked_sub(at) else {
        return false;
    };
    let end = start + words.len();
    start >= range.start
        && end <= range.end
        && phrase_at(tokens, start, words)
        && match (toks.get(end - 1), toks.get(end)) {
            (Some(last), Some(next)) => next.clause != last.clause,
            (Some(_), None) => true,
            (None, _) => false,
        }
}

/// A role's one-word context words, sorted for a binary search of a token's folded bytes.
#[derive(Debug)]
struct WordSet(Vec<String>);

impl WordSet {
    fn new<'a>(words: impl Iterator<Item = &'a str>) -> WordSet {
        let mut w: Vec<String> = words.map(str::to_owned).collect();
        w.sort_unstable();
        w.dedup();
        WordSet(w)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether word `w` (folded) is one of the set.
    fn contains(&self, w: &[u8]) -> bool {
        self.0.binary_search_by(|c| c.as_bytes().cmp(w)).is_ok()
    }
}

/// One language's context words (its lexicon's `relay`, `report`, `shared-target`, `sarcasm`,
/// `congratulation`, `condemnation`, `rejection`, `calendar`, `signing`, `reciprocal` and
/// `retort` lines),
/// compiled for the statement-level rules. The one-word roles
/// (`first-person`, `future`, ...) are flags in the scorer's vocabulary instead ([`Marks`]).
#[derive(Debug)]
pub(super) struct ContextWords {
    relay: RelayKeys,
    report: RelayKeys,
    shared: Markers,
    sarcasm: RelayKeys,
    /// The `congratulation` words: whole words or word beginnings (`congrat*`).
    congratulation: Vec<Marker>,
    /// The `condemnation` words: whole words or word beginnings (`condemn*`).
    condemnation: Vec<Marker>,
    /// The `rejection` words: whole words or word beginnings (`reject*`).
    rejection: Vec<Marker>,
    /// The `calendar` words: days and months.
    calendar: WordSet,
    /// The `signing` words: verbs of signing and ratifying.
    signing: WordSet,
    /// The `reciprocal` phrases, as words: an entry that holds one is reciprocal.
    reciprocal: Vec<Vec<String>>,
    /// The `retort` phrases ("get one", "la tendrán"), compared only where the retort rule
    /// asks (a hostile hit in a condition), at their key words ([`RETORT_KEY`]).
    retort: RelayKeys,
}

impl ContextWords {
    pub(super) fn new(words: &[ContextWord]) -> ContextWords {
        let of = |role: ContextRole| {
            words
                .iter()
                .filter(move |w| w.role == role)
                .map(|w| w.term.as_str())
        };
        ContextWords {
            relay: RelayKeys::new(of(ContextRole::Relay)),
            report: RelayKeys::new(of(ContextRole::Report)),
            shared: Markers::new(of(ContextRole::SharedTarget)),
            sarcasm: RelayKeys::new(of(ContextRole::Sarcasm)),
            congratulation: of(ContextRole::Congratulation).map(Marker::parse).collect(),
            condemnation: of(ContextRole::Condemnation).map(Marker::parse).collect(),
            rejection: of(ContextRole::Rejection).map(Marker::parse).collect(),
            calendar: WordSet::new(of(ContextRole::Calendar)),
            signing: WordSet::new(of(ContextRole::Signing)),
            reciprocal: of(ContextRole::Reciprocal)
                .map(|t| t.split(' ').map(str::to_owned).collect())
                .collect(),
            retort: RelayKeys::new(of(ContextRole::Retort)),
        }
    }

    /// Where the `retort` phrases in tokens `from..to` that end their clause lie ("they will
    /// get one.", not "we will get one step closer"): the smallest end and the largest start
    /// of them, `None` for none. Compared only at the tokens whose `marks` carry
    /// [`RETORT_KEY`]; asked by the retort rule once per sentence with a hostile hit in a
    /// condition, so for few statements.
    pub(super) fn retorts_in(
        &self,
        tokens: &Tokens,
        marks: Marks<'_>,
        from: usize,
        to: usize,
    ) -> Option<(usize, usize)> {
        let mut found: Option<(usize, usize)> = None;
        for i in (from..to).filter(|&i| marks.get(i) & RETORT_KEY != 0) {
            for (m, at) in self.retort.candidates(tokens.folded_bytes(i)) {
                if retort_at(tokens, i, m, at, from..to) {
                    let (start, end) = (i - at, i - at + m.len());
                    found = Some(found.map_or((end, start), |(e, s)| (e.min(end), s.max(start))));
                }
            }
        }
        found
    }

    /// The key word of each retort phrase, for the vocabulary's [`RETORT_KEY`] flag.
    pub(super) fn retort_key_words(&self) -> impl Iterator<Item = &str> {
        self.retort.key_words()
    }

    /// Whether a `signing` word stands before token `at` in its clause, at most `reach`
    /// tokens back ("signed the Kell River Flow Agreement"): what is signed there is no mere
    /// mention. Asked by the mentioned rule only when every hit of a statement is a
    /// mention, so for few statements.
    pub(super) fn signed_before(&self, tokens: &Tokens, at: usize, reach: usize) -> bool {
        let toks = tokens.tokens();
        let Some(clause) = toks.get(at).map(|t| t.clause) else {
            return false;
        };
        !self.signing.is_empty()
            && (at.saturating_sub(reach)..at)
                .rev()
                .take_while(|&i| toks.get(i).is_some_and(|t| t.clause == clause))
                .any(|i| self.signing.contains(tokens.folded_bytes(i)))
    }

    /// Whether word `w` (folded) is a `congratulation` word.
    fn is_congratulation(&self, w: &str) -> bool {
        self.congratulation.iter().any(|m| m.is_word(w))
    }

    /// Whether word `w` (folded) is a `condemnation` word.
    fn is_condemnation(&self, w: &str) -> bool {
        self.condemnation.iter().any(|m| m.is_word(w))
    }

    /// Whether word `w` (folded) is a `rejection` word.
    fn is_rejection(&self, w: &str) -> bool {
        self.rejection.iter().any(|m| m.is_word(w))
    }

    /// For each of a lexicon's `entries`, what its words say to the statement-level rules:
    /// [`ENTRY_CONDEMNS`] when one of its words is a `condemnation` word ("condemn*",
    /// "strongly condemn*"), [`ENTRY_REJECTS`] when its last word is a `rejection` word
    /// ("reject*", "se nieg*"; not "reject* the accusations"). A wildcard word is read
    /// without its `*`. Computed once per lexicon, so the rules look a hit's entry up instead
    /// of reading its words.
    pub(super) fn entry_roles(&self, entries: &[Entry]) -> EntryRoles {
        EntryRoles(
            entries
                .iter()
                .map(|e| {
                    let mut words = e.term.split(' ').map(|w| w.trim_end_matches('*'));
                    let condemns = words.clone().any(|w| self.is_condemnation(w));
                    let all: Vec<&str> = words.clone().collect();
                    let reciprocal = self.reciprocal.iter().any(|r| {
                        !r.is_empty() && all.windows(r.len()).any(|w| w.iter().eq(r.iter()))
                    });
                    let rejects = words.next_back().is_some_and(|w| self.is_rejection(w));
                    let mut roles = 0;
                    if reciprocal {
                        roles |= ENTRY_RECIPROCAL;
                    }
                    if condemns {
                        roles |= ENTRY_CONDEMNS;
                    }
                    if rejects {
                        roles |= ENTRY_REJECTS;
                    }
                    roles
                })
                .collect(),
        )
    }

    /// Whether `tokens` name a day or a month (a `calendar` word): asked by the schedule
    /// rule only when every hit is weak and in its categories, so not for most statements.
    pub(super) fn dated(&self, tokens: &Tokens) -> bool {
        !self.calendar.is_empty()
            && (0..tokens.tokens().len()).any(|i| self.calendar.contains(tokens.folded_bytes(i)))
    }

    /// Where the relay markers, shared-target terms and sarcasm markers occur in `tokens`, as
    /// (role, first token, end token), in text order of their key words (for `detente
    /// explain`; the rules themselves stop at the first).
    pub(super) fn occurrences(&self, tokens: &Tokens) -> Vec<(ContextRole, usize, usize)> {
        let mut out = Vec::new();
        for i in 0..tokens.tokens().len() {
            let w = tokens.folded_bytes(i);
            if self.calendar.contains(w) {
                out.push((ContextRole::Calendar, i, i + 1));
            }
            if self.signing.contains(w) {
                out.push((ContextRole::Signing, i, i + 1));
            }
            if self.is_congratulation(tokens.folded(i)) {
                out.push((ContextRole::Congratulation, i, i + 1));
            }
            if self.is_condemnation(tokens.folded(i)) {
                out.push((ContextRole::Condemnation, i, i + 1));
            }
            if self.is_rejection(tokens.folded(i)) {
                out.push((ContextRole::Rejection, i, i + 1));
            }
            for (m, at) in self.retort.candidates(w) {
                if retort_at(tokens, i, m, at, 0..tokens.tokens().len()) {
                    out.push((ContextRole::Retort, i - at, i - at + m.len()));
                }
            }
            for (keys, role) in [
                (&self.relay, ContextRole::Relay),
                (&self.report, ContextRole::Report),
                (&self.sarcasm, ContextRole::Sarcasm),
            ] {
                for (m, at) in keys.candidates(w) {
                    if i >= at && phrase_at(tokens, i - at, m) {
                        out.push((role, i - at, i - at + m.len()));
                    }
                }
            }
            if !self.shared.may_start(w) {
                continue;
            }
            let word = tokens.folded(i);
            for m in self.shared.candidates(word) {
                let end = match m {
                    Marker::Prefix(p) if word.starts_with(p.as_str()) => i + 1,
                    Marker::Words(ws) if phrase_at(tokens, i, ws) => i + ws.len(),
                    _ => continue,
                };
                out.push((ContextRole::SharedTarget, i, end));
            }
        }
        out
    }

    /// The key word of each relay and report marker (see [`RelayKeys`]), for the
    /// vocabulary's [`RELAY_KEY`] flag.
    pub(super) fn relay_key_words(&self) -> impl Iterator<Item = &str> {
        self.relay.key_words().chain(self.report.key_words())
    }

    /// The key word of each sarcasm marker, for the vocabulary's [`SARCASM_KEY`] flag.
    pub(super) fn sarcasm_key_words(&self) -> impl Iterator<Item = &str> {
        self.sarcasm.key_words()
    }
}

/// A shared-target term as the rule compares it.
#[derive(Debug)]
enum Marker {
    /// A word beginning (`terror*`).
    Prefix(String),
    /// Whole words: one (`junta`) or a phrase (`organized crime`).
    Words(Vec<String>),
}

impl Marker {
    /// A term as written in the lexicon: `terror*` is a word beginning, anything else whole
    /// words.
    fn parse(term: &str) -> Marker {
        match term.strip_suffix('*') {
            Some(p) => Marker::Prefix(p.to_string()),
            None => Marker::Words(term.split(' ').map(str::to_string).collect()),
        }
    }

    /// Whether a one-word marker is the folded word `w` (a prefix marker: begins it).
    fn is_word(&self, w: &str) -> bool {
        match self {
            Marker::Prefix(p) => w.starts_with(p.as_str()),
            Marker::Words(ws) => matches!(ws.as_slice(), [x] if x == w),
        }
    }

    fn first_word(&self) -> &str {
        match self {
            Marker::Prefix(p) => p,
            Marker::Words(w) => w.first().map_or("", String::as_str),
        }
    }
}

/// The shared-target terms, indexed by first byte, so that checking every token of every
/// statement against them costs one lookup for most tokens.
#[derive(Debug)]
struct Markers {
    markers: Vec<Marker>,
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
    fn new<'a>(terms: impl Iterator<Item = &'a str>) -> Markers {
        let markers: Vec<Marker> = terms.map(Marker::parse).collect();
        let mut by_first = vec![Vec::new(); 256];
        for (k, m) in markers.iter().enumerate() {
            if let Some(&b) = m.first_word().as_bytes().first() {
                by_first[usize::from(b)].push(k);
            }
        }
        let starts = StartFilter::new(markers.iter().map(|m| m.first_word().as_bytes()));
        Markers {
            markers,
            by_first,
            starts,
        }
    }

    /// False when no marker's first word can be `word` or a prefix of it.
    fn may_start(&self, word: &[u8]) -> bool {
        self.starts.may_start(word)
    }

    /// The markers whose first word may be a prefix of `word`.
    fn candidates<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Marker> + 'a {
        let ks = word
            .as_bytes()
            .first()
            .and_then(|&b| self.by_first.get(usize::from(b)))
            .map_or(&[][..], Vec::as_slice);
        ks.iter().filter_map(|&k| self.markers.get(k))
    }

    /// Whether one of the markers occurs in `tokens`.
    fn named_in(&self, tokens: &Tokens) -> bool {
        (0..tokens.tokens().len()).any(|i| {
            if !self.may_start(tokens.folded_bytes(i)) {
                return false;
            }
            let w = tokens.folded(i);
            self.candidates(w).any(|m| match m {
                Marker::Prefix(p) => w.starts_with(p.as_str()),
                Marker::Words(words) => phrase_at(tokens, i, words),
            })
        })
    }
}

/// Whether the one-word relay marker at token `i` is a participle before "by": "the so-called
/// humanitarian corridor announced by Lindovia is a cynical lie" judges the thing announced,
/// it relays nothing. A marker of several words there still relays ("decreed by").
#[cold]
#[inline(never)]
fn passive_participle(tokens: &Tokens, i: usize, relay: &RelayKeys) -> bool {
    i + 1 < tokens.tokens().len()
        && tokens.folded(i + 1) == "by"
        && !relay.phrase_keyed_at(tokens, i)
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
#[derive(Debug)]
struct RelayKeys {
    /// Each marker as words, with the position of its key word.
    markers: Vec<(Vec<String>, usize)>,
    /// For each first byte and length of a key word (as [`bucket`]), the markers it keys.
    by_key: Vec<Vec<usize>>,
}

impl RelayKeys {
    fn new<'a>(terms: impl Iterator<Item = &'a str>) -> RelayKeys {
        let mut markers = Vec::new();
        let mut by_key = vec![Vec::new(); 256 * LENGTHS];
        for m in terms {
            let words: Vec<String> = m.split(' ').map(str::to_string).collect();
            let at = key_position(&words);
            if let Some(&b) = words.get(at).and_then(|w| w.as_bytes().first()) {
                by_key[bucket(b, words[at].len())].push(markers.len());
            }
            markers.push((words, at));
        }
        RelayKeys { markers, by_key }
    }

    /// Each marker's key word.
    fn key_words(&self) -> impl Iterator<Item = &str> {
        self.markers
            .iter()
            .filter_map(|(words, at)| words.get(*at).map(String::as_str))
    }

    /// Whether a marker whose key word is token `i` occurs around it.
    fn keyed_at(&self, tokens: &Tokens, i: usize) -> bool {
        self.candidates(tokens.folded_bytes(i))
            .any(|(m, at)| i >= at && phrase_at(tokens, i - at, m))
    }

    /// Whether a marker of several words whose key word is token `i` occurs around it.
    fn phrase_keyed_at(&self, tokens: &Tokens, i: usize) -> bool {
        self.candidates(tokens.folded_bytes(i))
            .any(|(m, at)| m.len() > 1 && i >= at && phrase_at(tokens, i - at, m))
    }

    /// Whether a marker whose key word is token `i` occurs around it outside any longer hit
    /// of `hits` (see [`inside_longer_hit`]). Asked only once [`RelayKeys::keyed_at`] found
    /// one, so out of line.
    #[cold]
    #[inline(never)]
    fn marks_outside(&self, tokens: &Tokens, i: usize, hits: &[Hit]) -> bool {
        let toks = tokens.tokens();
        self.candidates(tokens.folded_bytes(i)).any(|(m, at)| {
            i >= at
                && phrase_at(tokens, i - at, m)
                && match (toks.get(i - at), toks.get(i - at + m.len().max(1) - 1)) {
                    (Some(first), Some(last)) => {
                        !inside_longer_hit(hits, (first.span.0, last.span.1))
                    }
                    _ => true,
                }
        })
    }

    /// Whether one of the markers occurs in `tokens`, comparing only at the tokens whose
    /// `marks` carry `key` (the vocabulary's flag for these markers' key words).
    fn found_in(&self, tokens: &Tokens, marks: Marks<'_>, key: u32) -> bool {
        (0..tokens.tokens().len()).any(|i| marks.get(i) & key != 0 && self.keyed_at(tokens, i))
    }

    /// The markers (as words, with their key word's position) whose key word may be `word`
    /// (same first byte and length).
    fn candidates<'a>(&'a self, word: &[u8]) -> impl Iterator<Item = (&'a [String], usize)> + 'a {
        let ks = word
            .first()
            .and_then(|&b| self.by_key.get(bucket(b, word.len())))
            .map_or(&[][..], Vec::as_slice);
        ks.iter()
            .filter_map(|&k| self.markers.get(k).map(|(w, at)| (w.as_slice(), *at)))
    }
}

/// The position of a marker's key word: its longest word, the first of equally long ones.
fn key_position(words: &[String]) -> usize {
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        if w.len() > words.get(at).map_or(0, |k| k.len()) {
            at = i;
        }
    }
    at
}

/// A statement that relays what another party did or said ("according to", "announced",
/// "took effect", "según", "anunció", a trial or hearing) describes the hostility rather than
/// adding to it: every hostile hit in a sentence with a `relay` marker of the statement's
/// language is multiplied by [`RELAYED_SCALAR`], unless its clause has a first-person word
/// (`first-person` or `first-person-future`: "we announced sanctions" is the speaker's own
/// act). Cooperative hits are left alone: an agreement reached is cooperative whoever
/// announces it. A `report` marker ("according to", "state media reported", "según el
/// acta", "informó la televisión pública") relays its sentence too, and also multiplies the
/// cooperative hits outside first-person clauses by [`REPORTED_SCALAR`]: a news source's
/// account of another leader's warm words is not the speaker's warmth.
///
/// `marks` holds each token's [`RELAY_KEY`], [`FIRST_PERSON_WORD`] and
/// [`FIRST_PERSON_FUTURE_WORD`] flags (looked up with the rest of the token's vocabulary): the
/// markers are compared only around tokens that are a marker's key word, and first-person
/// words are known from their flags. `in_phrase`, given when the statement has a contrast word
/// or a condition, tells the key words that mark nothing: those that belong to a contrast
/// phrase of several words ("that said"), and those inside a condition ("if a single crew
/// member is put on trial, ...": what would set the main clause off is no report). `speaker` is the row's speaker (empty for none): a clause that names them
/// ([`naming_clauses`]) is their own, as a first-person clause is. `text` is the statement:
/// a hit inside a quotation opened after a colon ([`colon_quotation`]) with no marker between
/// its opening and the hit is the answer quoted whole, the speaker's own (`quoted-answer`).
pub(super) fn relayed(
    text: &str,
    tokens: &Tokens,
    marks: Marks<'_>,
    words: &ContextWords,
    hits: &mut [Hit],
    in_phrase: Option<&dyn Fn(usize) -> bool>,
    speaker: &[u8],
) {
    // Most statements have no key word at all: one scan of the marks settles them.
    if !marks.any(RELAY_KEY) {
        return;
    }
    let toks = tokens.tokens();
    // Sentence and clause numbers count up along the tokens, so the lists below come out
    // sorted and are searched by bisection: a long text costs one pass, not a pass per hit.
    // A marker lies in one sentence, its key word's: key words in text order find the
    // relayed (and reported) sentences in order.
    let mut relayed_sentences: Vec<u32> = Vec::new();
    // The clause of each relayed sentence's first marker, beside `relayed_sentences`: the
    // clause of "said" in "The minister said that, if ..., they will pay".
    let mut marker_clauses: Vec<u32> = Vec::new();
    let mut reported_sentences: Vec<u32> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        // A token that is no marker's key word (by its flag) needs no comparison.
        if marks.get(i) & RELAY_KEY == 0 {
            continue;
        }
        // A marker found at a word of a contrast phrase ("that said") marks nothing, nor one
        // that lies inside a longer entry ("llamó a consultas a su embajador" is the recall
        // itself, not a report of name-calling).
        let marks_here = |keys: &RelayKeys| {
            in_phrase.is_none_or(|f| !f(i)) && keys.marks_outside(tokens, i, hits)
        };
        if reported_sentences.last() != Some(&t.sentence)
            && words.report.keyed_at(tokens, i)
            && marks_here(&words.report)
        {
            reported_sentences.push(t.sentence);
            if relayed_sentences.last() != Some(&t.sentence) {
                relayed_sentences.push(t.sentence);
                marker_clauses.push(t.clause);
            }
        } else if relayed_sentences.last() != Some(&t.sentence)
            && words.relay.keyed_at(tokens, i)
            && !passive_participle(tokens, i, &words.relay)
            && marks_here(&words.relay)
        {
            relayed_sentences.push(t.sentence);
            marker_clauses.push(t.clause);
        }
    }
    if relayed_sentences.is_empty() {
        return;
    }
    let mut first_person_clauses: Vec<u32> = Vec::new();
    let first_person =
        |j: usize| marks.get(j) & (FIRST_PERSON_WORD | FIRST_PERSON_FUTURE_WORD) != 0;
    for (j, t) in toks.iter().enumerate() {
        if first_person_clauses.last() != Some(&t.clause) && first_person(j) {
            first_person_clauses.push(t.clause);
        }
    }
    // The clauses that name the speaker, found the first time a hit would be relayed (most
    // rows have no speaker, or no hit to relay).
    let mut named = SpeakerClauses::new(tokens, speaker);
    // Cooperative hits matter only when a report marker was found (most relayed statements
    // have none): then they are not looked up at all.
    let any_reported = !reported_sentences.is_empty();
    for h in hits.iter_mut().filter(|h| h.weight < 0.0 || any_reported) {
        let Some(t) = token_at(tokens, h.span.0).and_then(|i| toks.get(i)) else {
            continue;
        };
        let (sentences, scalar, rule) = if h.weight < 0.0 {
            (&relayed_sentences, RELAYED_SCALAR, Rules::RELAYED)
        } else {
            (&reported_sentences, REPORTED_SCALAR, Rules::REPORTED)
        };
        if sentences.binary_search(&t.sentence).is_err()
            || first_person_clauses.binary_search(&t.clause).is_ok()
        {
            continue;
        }
        // A quotation opened after a colon is the answer quoted whole: "Asked about the
        // border, the minister replied: “if they cross the line, they will pay dearly”".
        // The quotation must relay nothing itself ("respondió: «el ministro de Aurencia
        // dijo que prohibiría nuestros vuelos»" still relays).
        // The quotation lies within COLON_QUOTE_REACH bytes before the hit: its tokens are
        // found by bisection, so a long statement of many quotations stays linear.
        if tokens.has_quotes()
            && let Some(open) = colon_quotation(text.as_bytes(), h.span.0 as usize)
            && !(toks.partition_point(|q| q.span.0 < open as u32)..toks.len())
                .take_while(|&i| toks[i].span.0 < h.span.0)
                .any(|i| {
                    marks.get(i) & RELAY_KEY != 0
                        && (words.relay.keyed_at(tokens, i) || words.report.keyed_at(tokens, i))
                })
        {
            h.rules.insert(Rules::QUOTED_ANSWER);
            continue;
        }
        // The speaker named in the clause makes it the speaker's own, as "we" does: "Petro
        // acusó a Washington de injerencia", in a paraphrase of Petro's words. So does the
        // speaker named in the clause of the sentence's marker, as the one who says it: "El
        // ministro de Defensa afirmó que, si ..., Calvera responderá con toda la fuerza".
        let marker_clause = relayed_sentences
            .binary_search(&t.sentence)
            .ok()
            .and_then(|n| marker_clauses.get(n).copied());
        if named.names(t.clause) || marker_clause.is_some_and(|c| c != t.clause && named.names(c)) {
            h.rules.insert(Rules::SPEAKER_NAMED);
            continue;
        }
        h.weight *= scalar;
        h.rules.insert(rule);
    }
}

/// Which clauses of a statement name its speaker ([`naming_clauses`]), found the first time a
/// rule asks (most statements never do) and kept for the rule's later questions.
struct SpeakerClauses<'a> {
    tokens: &'a Tokens,
    speaker: &'a [u8],
    clauses: Option<Vec<u32>>,
}

impl<'a> SpeakerClauses<'a> {
    fn new(tokens: &'a Tokens, speaker: &'a [u8]) -> SpeakerClauses<'a> {
        SpeakerClauses {
            tokens,
            speaker,
            clauses: None,
        }
    }

    /// Whether clause `clause` names the speaker (never, without one).
    fn names(&mut self, clause: u32) -> bool {
        !self.speaker.is_empty()
            && self
                .clauses
                .get_or_insert_with(|| naming_clauses(self.tokens, self.speaker))
                .binary_search(&clause)
                .is_ok()
    }
}

/// The clauses of `tokens` (in order) with a capitalized word that is the speaker's
/// ([`speaker_word`]), or the two words of the speaker's office ([`speaker_title`]).
#[cold]
#[inline(never)]
fn naming_clauses(tokens: &Tokens, speaker: &[u8]) -> Vec<u32> {
    let word = speaker_word(speaker);
    let title = speaker_title(speaker);
    if word.is_none() && title.is_none() {
        return Vec::new();
    }
    let toks = tokens.tokens();
    let mut clauses: Vec<u32> = Vec::new();
    for (j, t) in toks.iter().enumerate() {
        if clauses.last() == Some(&t.clause) {
            continue;
        }
        let by_name = word
            .as_ref()
            .is_some_and(|w| t.capital && tokens.folded_bytes(j) == w.as_bytes());
        let by_title = title.as_ref().is_some_and(|(a, b)| {
            tokens.folded(j) == a
                && toks.get(j + 1).is_some_and(|n| n.clause == t.clause)
                && tokens.folded(j + 1) == b
        });
        if by_name || by_title {
            clauses.push(t.clause);
        }
    }
    clauses
}

/// The words of a speaker's name: its runs of letters and digits (none when it is not
/// UTF-8).
fn name_words(speaker: &[u8]) -> impl DoubleEndedIterator<Item = &str> {
    std::str::from_utf8(speaker)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The office a speaker's name opens with, as the first two of its words, folded: ("interior",
/// "minister") of "Interior Minister Cass Wendell", ("ministro", "de") of "Ministro de
/// Defensa Gonzalo Iturbe". A statement that relays "the interior minister said ..." in that
/// speaker's row paraphrases the speaker. Only for a name of [`SPEAKER_TITLE_MIN_WORDS`]
/// words or more (an office and a person's name), whose first word has
/// [`SPEAKER_TITLE_MIN_LETTERS`] letters or more: "President Harlan" is found by its last
/// word alone.
fn speaker_title(speaker: &[u8]) -> Option<(String, String)> {
    let mut words = name_words(speaker);
    let (first, second) = (words.next()?, words.next()?);
    (words.count() + 2 >= SPEAKER_TITLE_MIN_WORDS
        && first.chars().all(char::is_alphabetic)
        && second.chars().all(char::is_alphabetic)
        && first.chars().count() >= SPEAKER_TITLE_MIN_LETTERS)
        .then(|| {
            (
                crate::text::fold_term(first),
                crate::text::fold_term(second),
            )
        })
}

/// Whether the byte span `span` (a marker's words) lies inside a hit that covers more than
/// it (`hits` in text order): a relay marker that is part of a longer entry ("llamó" in
/// "llamó a consultas") is that entry's word, not a marker of reported speech. A marker that
/// starts before an entry ("según el comunicado" and "comunicado conjunto") still marks.
fn inside_longer_hit(hits: &[Hit], span: (u32, u32)) -> bool {
    let at = hits.partition_point(|h| h.span.0 <= span.0);
    at.checked_sub(1)
        .and_then(|i| hits.get(i))
        .is_some_and(|h| h.span.1 >= span.1 && (h.span.0, h.span.1) != span)
}

/// The word of a speaker's name that stands for the speaker in a statement, folded as
/// statements' words are ([`crate::text::fold_term`]): its last word ("petro" of "Gustavo
/// Petro", "harlan" of "President Harlan"), of [`SPEAKER_WORD_MIN`] letters or more and not a
/// word that names an office or a body rather than a person ([`GENERIC_NAME_WORDS`]: "US
/// government", "White House" name no one the text could call by that word alone). None for
/// no speaker. Asked once per statement with a hit to relay.
fn speaker_word(speaker: &[u8]) -> Option<String> {
    let last = name_words(speaker).next_back()?;
    if last.chars().filter(|c| c.is_alphabetic()).count() < SPEAKER_WORD_MIN {
        return None;
    }
    let folded = crate::text::fold_term(last);
    GENERIC_NAME_WORDS
        .binary_search(&folded.as_str())
        .is_err()
        .then_some(folded)
}

/// Whether hostile hit `h` may be aimed at a shared target rather than at the party
/// addressed: force, coercion or accusation (`targets`), or force or coercion the speaker
/// announces ("we will hunt down the smugglers"), which the direct-threat rule made a threat
/// but which, next to a partner and a named target, is still aimed at the target.
fn may_aim_at_target(h: &Hit, targets: CategorySet) -> bool {
    targets.contains(&h.category) || h.rules.contains(Rules::DIRECT_THREAT)
}

/// Combative words next to a partnership with the addressee are aimed at a shared target:
/// "together with Jordan we will hunt down terrorists", "excelente coordinación contra el
/// narco". When the statement names such a target (a `shared-target` term of its language)
/// and has a cooperative hit of a `partners` category (after the
/// rules), its hostile hits of a `targets` category are multiplied by
/// [`SHARED_TARGET_SCALAR`]. Without a named common target, partnership words next to an
/// accusation are a reproach to the partner ("is this what they call partnership?") and
/// nothing is damped. Threats, demands, insults and defiance are said to someone: when the
/// statement has any of them, nothing is damped either, except a direct threat (force or coercion
/// the speaker announces, see [`Rules::DIRECT_THREAT`]), which is aimed like the force it was,
/// and except a hostile hit whose subject is the target ("the traffickers who threaten both
/// our nations": [`acted_by_target`]), which is the target's act and damped with the rest.
pub(super) fn shared_target(
    tokens: &Tokens,
    words: &ContextWords,
    hits: &mut [Hit],
    partners: CategorySet,
    targets: CategorySet,
) {
    let partnered = hits
        .iter()
        .any(|h| h.weight > 0.0 && partners.contains(&h.category));
    let named = || words.shared.named_in(tokens);
    let aimed = |h: &Hit| may_aim_at_target(h, targets);
    // Nothing to damp without an aimed hit: then the terms are not looked for at all (most
    // statements with thanks or a partnership have no hostile hit).
    let any_aimed = hits.iter().any(|h| h.weight < 0.0 && aimed(h));
    if !partnered || !any_aimed {
        return;
    }
    // Any other hostile hit (a threat, demand, insult or defiance) says the statement is also
    // hostile to someone it addresses: then nothing is damped. Unless the target is its
    // subject ("the traffickers who threaten both our nations"): then it is the target's act.
    let mut subjects: Option<Vec<usize>> = None;
    let mut targets_act = |h: &Hit| {
        // Most hostile hits have no relative pronoun before them: then the terms are not
        // looked for.
        (word_before_in(tokens, h, RELATIVE_PRONOUNS)
            || word_before_in(tokens, h, TARGET_PATIENT_WORDS))
            && {
                let ends = subjects.get_or_insert_with(|| target_ends(tokens, words));
                acted_by_target(tokens, h, ends)
            }
    };
    let mut addressed = false;
    for h in hits.iter().filter(|h| h.weight < 0.0 && !aimed(h)) {
        if !targets_act(h) {
            addressed = true;
            break;
        }
    }
    if addressed || !named() {
        return;
    }
    for h in hits.iter_mut() {
        if h.weight < 0.0 && (aimed(h) || targets_act(h)) {
            h.weight *= SHARED_TARGET_SCALAR;
            h.rules.insert(Rules::SHARED_TARGET);
        }
    }
}

/// Where each shared-target term in `tokens` ends (the token after its last word), for
/// [`acted_by_target`]. Looked for only in a statement the shared-target rule would
/// otherwise leave alone.
#[cold]
#[inline(never)]
fn target_ends(tokens: &Tokens, words: &ContextWords) -> Vec<usize> {
    words
        .occurrences(tokens)
        .into_iter()
        .filter(|(role, _, _)| *role == ContextRole::SharedTarget)
        .map(|(_, _, end)| end)
        .collect()
}

/// Whether the word right before hit `h`'s first word is one of `words` (folded): a relative
/// pronoun ([`RELATIVE_PRONOUNS`]: "the traffickers who threaten") or a passive auxiliary
/// ([`TARGET_PATIENT_WORDS`]: "the terrorists will be hunted down").
fn word_before_in(tokens: &Tokens, h: &Hit, words: &[&str]) -> bool {
    token_at(tokens, h.span.0)
        .and_then(|first| first.checked_sub(1))
        .is_some_and(|i| words.contains(&tokens.folded(i)))
}

/// Whether hit `h` has a shared-target term as its subject, in its clause: the term ends
/// right before the relative pronoun before the hit's first word ([`word_before_in`]): "the
/// traffickers who threaten both our nations", "los narcos que amenazan a nuestros pueblos";
/// or only passive auxiliaries ([`TARGET_PATIENT_WORDS`], at most [`TARGET_PATIENT_MAX`])
/// stand between the term and the hit, whose patient the target is: "The terrorists will be
/// hunted down", "los narcos serán perseguidos".
fn acted_by_target(tokens: &Tokens, h: &Hit, ends: &[usize]) -> bool {
    let Some(first) = token_at(tokens, h.span.0) else {
        return false;
    };
    let toks = tokens.tokens();
    let clause = toks.get(first).map(|t| (t.sentence, t.clause));
    let same = |i: usize| toks.get(i).map(|t| (t.sentence, t.clause)) == clause;
    let patient = |end: usize| {
        end < first
            && first - end <= TARGET_PATIENT_MAX
            && (end..first).all(|i| same(i) && TARGET_PATIENT_WORDS.contains(&tokens.folded(i)))
    };
    ends.iter().any(|&end| {
        end.checked_sub(1).is_some_and(same)
            && ((end + 1 == first && same(end) && word_before_in(tokens, h, RELATIVE_PRONOUNS))
                || patient(end))
    })
}

/// [`ContextWords::entry_roles`] bit: the entry holds a `condemnation` word.
const ENTRY_CONDEMNS: u8 = 1;
/// [`ContextWords::entry_roles`] bit: the entry ends with a `rejection` word.
const ENTRY_REJECTS: u8 = 2;
/// [`ContextWords::entry_roles`] bit: the entry holds a `reciprocal` phrase.
const ENTRY_RECIPROCAL: u8 = 4;

/// What each entry of a lexicon holds for the statement-level rules, by entry index
/// ([`ContextWords::entry_roles`]).
#[derive(Debug, Default)]
pub(super) struct EntryRoles(Vec<u8>);

impl EntryRoles {
    /// Whether entry `entry` holds a `condemnation` word ("condemn*", "strongly condemn*").
    pub(super) fn condemns(&self, entry: u32) -> bool {
        self.0
            .get(entry as usize)
            .is_some_and(|&r| r & ENTRY_CONDEMNS != 0)
    }

    /// Whether entry `entry` holds a `reciprocal` phrase ("respond in kind").
    pub(super) fn reciprocal(&self, entry: u32) -> bool {
        self.0
            .get(entry as usize)
            .is_some_and(|&r| r & ENTRY_RECIPROCAL != 0)
    }

    /// Whether entry `entry` ends with a `rejection` word ("reject*", "se nieg*").
    pub(super) fn rejects(&self, entry: u32) -> bool {
        self.0
            .get(entry as usize)
            .is_some_and(|&r| r & ENTRY_REJECTS != 0)
    }
}

/// Condemnation beside solidarity: "we condemn the terrorist attack in Kabul and express our
/// solidarity with the Afghan people", "condenamos el atentado y expresamos nuestro respaldo
/// al gobierno ecuatoriano". When a hostile hit's entry holds a `condemnation` word
/// (`entry_roles`, [`ENTRY_CONDEMNS`]) and the statement also has a cooperative hit of a
/// `partners` category (partnership, thanks, respect or praise, after the rules), the
/// condemnation and the acts it condemns (hostile
/// hits of a `targets` category, or a direct threat) are aimed at a third party's act, not at
/// the party the statement stands with: each is multiplied by [`SOLIDARITY_SCALAR`]. As in
/// [`shared_target`], any other hostile hit (a threat, a demand, an insult, defiance that is
/// no condemnation) says the statement is hostile to someone it addresses, and nothing is
/// damped; a hit the shared-target rule damped already is left as it is. Most statements
/// have no hostile and cooperative hits together.
pub(super) fn solidarity(
    entry_roles: &EntryRoles,
    hits: &mut [Hit],
    partners: CategorySet,
    targets: CategorySet,
) {
    if hits.len() < 2
        || !hits.iter().any(|h| h.weight < 0.0)
        || !hits
            .iter()
            .any(|h| h.weight > 0.0 && partners.contains(&h.category))
    {
        return;
    }
    // A condemnation word anywhere in the hit's entry: "condemn*", "strongly condemn*".
    let condemns = |h: &Hit| entry_roles.condemns(h.entry);
    let aimed = |h: &Hit| may_aim_at_target(h, targets) || condemns(h);
    if !hits.iter().any(|h| h.weight < 0.0 && condemns(h))
        || hits.iter().any(|h| h.weight < 0.0 && !aimed(h))
    {
        return;
    }
    for h in hits.iter_mut() {
        if h.weight < 0.0 && !h.rules.contains(Rules::SHARED_TARGET) {
            h.weight *= SOLIDARITY_SCALAR;
            h.rules.insert(Rules::SOLIDARITY);
        }
    }
}

/// Mock praise: in a statement with a `sarcasm` marker of its language ("congratulations to
/// the ministry on finally noticing the smog", "democracy at its finest", "qué generosa es
/// Ostúa", "enhorabuena ... por descubrir, después de diez años, ..."), the praise, thanks and
/// partnership words (`mocked` categories, positive after the rules) are a reproach: each keeps
/// [`SARCASM_SCALAR`] of its weight with the sign turned and is reported under `mockery`.
/// The markers are looked for only in statements with such a hit and a [`SARCASM_KEY`] flag
/// among their tokens' `marks`, and compared only at the flagged tokens.
///
/// A mocked word that fills a quotation of its own (scare quotes: "la “generosidad” de
/// Ixtlandia") is a marker too. Without a marker, a congratulation is mockery when the
/// statement also has a hostile hit of at least [`CONGRATULATION_HOSTILE_MIN`]
/// ([`mock_congratulation`]).
pub(super) fn sarcasm(
    text: &str,
    tokens: &Tokens,
    marks: Marks<'_>,
    words: &ContextWords,
    hits: &mut [Hit],
    (mocked, mockery): (CategorySet, Option<CategoryId>),
    targets: CategorySet,
) {
    let Some(mockery) = mockery else {
        return;
    };
    let praised = |h: &Hit| h.weight > 0.0 && mocked.contains(&h.category);
    if !hits.iter().any(praised) {
        return;
    }
    let marked = marks.any(SARCASM_KEY) && words.sarcasm.found_in(tokens, marks, SARCASM_KEY);
    // Praise, thanks or partnership in scare quotes beside more of it mocks it all: "Thank
    // you, Beluria, for your generous “reconstruction loan”", "Agradecemos la «generosidad»".
    // Only a quotation the hit fills: "«atraviesa su mejor momento»" cites.
    let bytes = text.as_bytes();
    let scare_quoted = || {
        hits.iter().any(|h| {
            h.rules.contains(Rules::QUOTED)
                && h.base > 0.0
                && mocked.contains(&h.category)
                && opening_quote_before(bytes, h.span.0 as usize).is_some()
                && closing_quote_at(bytes, h.span.1 as usize).is_some()
        })
    };
    if !marked && !scare_quoted() && !mock_congratulation(tokens, words, hits, &praised, targets) {
        return;
    }
    for h in hits.iter_mut().filter(|h| praised(h)) {
        h.weight = -h.weight * SARCASM_SCALAR;
        h.category = mockery;
        h.rules.insert(Rules::SARCASM);
    }
}

/// Whether a congratulation among the `praised` hits is mock praise: the statement also has
/// a hostile hit of at least [`CONGRATULATION_HOSTILE_MIN`] after the earlier rules (so a
/// relayed or quoted word does not count). Force, coercion or accusation (`targets`) or a
/// direct threat may be aimed at a target the statement names with its partner ("we
/// congratulate Ostria and will fight the cartels together"): such a hit counts only when
/// no `shared-target` term is named. Asked only for statements with a praised hit and no
/// sarcasm marker; most have no hostile hit, and the words are compared only then.
fn mock_congratulation(
    tokens: &Tokens,
    words: &ContextWords,
    hits: &[Hit],
    praised: &dyn Fn(&Hit) -> bool,
    targets: CategorySet,
) -> bool {
    let hostile = |h: &Hit| h.weight <= -CONGRATULATION_HOSTILE_MIN;
    if words.congratulation.is_empty() || !hits.iter().any(hostile) {
        return false;
    }
    let toks = tokens.tokens();
    let congratulated = hits.iter().filter(|h| praised(h)).any(|h| {
        token_at(tokens, h.span.0).is_some_and(|first| {
            (first..toks.len())
                .take_while(|&i| toks.get(i).is_some_and(|t| t.span.1 <= h.span.1))
                .any(|i| words.is_congratulation(tokens.folded(i)))
        })
    });
    if !congratulated {
        return false;
    }
    hits.iter()
        .any(|h| hostile(h) && !may_aim_at_target(h, targets))
        || !words.shared.named_in(tokens)
}

/// A hit set in quotation marks of its own is someone else's word or a mocked one ("his love
/// of 'dialogue'", "another 'peace plan'", "thanked him for his 'true friendship'", "calificó
/// el desembarco de «acto de piratería»"): when a quotation mark opens right before the hit
/// or closes right after it, and the quotation it belongs to holds at most [`QUOTED_WORDS`]
/// words within one sentence, the hit is multiplied by [`QUOTED_SCALAR`]. A quoted sentence
/// (longer) is left to the relay rules. In a clause that names the row's `speaker`
/// ([`naming_clauses`], as the relay rule reads a paraphrase), the quotation is the speaker's
/// own word: "Trump calificó a Petro de 'líder del narcotráfico'", "Sheinbaum destacó el
/// 'diálogo respetuoso'" in rows whose speakers they are keep the hit whole (rule
/// `speaker-named`).
///
/// Runs only on a statement the tokenizer found a quotation mark in
/// ([`Tokens::has_quotes`]); there most hits have a space or a letter on both sides, and two
/// table lookups settle them.
fn quoted(text: &str, tokens: &Tokens, hits: &mut [Hit], speaker: &[u8]) {
    let mut speaker_clauses = SpeakerClauses::new(tokens, speaker);
    let bytes = text.as_bytes();
    for h in hits.iter_mut() {
        let (start, end) = (h.span.0 as usize, h.span.1 as usize);
        // The byte before the hit is the last of an opening mark, or the byte after it the
        // first of a closing one; otherwise (nearly always) nothing to look at.
        let edge = |at: Option<usize>, bit: u8| {
            at.and_then(|i| bytes.get(i))
                .is_some_and(|&b| QUOTE_EDGE[usize::from(b)] & bit != 0)
        };
        if !edge(start.checked_sub(1), OPENING_LAST) && !edge(Some(end), CLOSING_FIRST) {
            continue;
        }
        let inside = if let Some(open) = opening_quote_before(bytes, start) {
            closing_quote_from(bytes, end).is_some_and(|close| short_quotation(bytes, open, close))
                && !own_label(bytes, open)
        } else if let Some(close) = closing_quote_at(bytes, end) {
            opening_quote_back_from(bytes, start)
                .is_some_and(|open| short_quotation(bytes, open, close) && !own_label(bytes, open))
        } else {
            false
        };
        if !inside {
            continue;
        }
        let named = !speaker.is_empty()
            && token_at(tokens, h.span.0)
                .and_then(|i| tokens.tokens().get(i))
                .is_some_and(|t| speaker_clauses.names(t.clause));
        if named {
            h.rules.insert(Rules::SPEAKER_NAMED);
        } else {
            h.weight *= QUOTED_SCALAR;
            h.rules.insert(Rules::QUOTED);
        }
    }
}

/// Whether byte `at` lies inside a quotation that opens right after a colon (spaces between
/// allowed): the nearest quotation mark before it, within [`COLON_QUOTE_REACH`] bytes, is an
/// opening one (a straight double quote counts as one there) with a colon before it.
fn colon_quotation(bytes: &[u8], at: usize) -> Option<usize> {
    let from = at.saturating_sub(COLON_QUOTE_REACH);
    let window = bytes.get(from..at)?;
    for i in (0..window.len()).rev() {
        let head = window.get(..=i).unwrap_or(&[]);
        if let Some(q) = COLON_OPENING_QUOTES.iter().find(|q| head.ends_with(q)) {
            let open = from + i + 1 - q.len();
            let before = bytes.get(..open).unwrap_or(&[]);
            return (before.trim_ascii_end().last() == Some(&b':')).then_some(open);
        }
        if COLON_CLOSING_QUOTES.iter().any(|q| head.ends_with(q)) {
            return None;
        }
    }
    None
}

/// The quotation marks [`colon_quotation`] reads as opening one (a straight double quote is
/// taken as opening: before the hit, after a colon, it can only be that): " “ «. Single
/// quotes are left out, as an apostrophe is one too.
const COLON_OPENING_QUOTES: [&[u8]; 3] = [b"\"", "\u{201c}".as_bytes(), "\u{ab}".as_bytes()];
/// The closing marks that end the search of [`colon_quotation`]: ” ».
const COLON_CLOSING_QUOTES: [&[u8]; 2] = ["\u{201d}".as_bytes(), "\u{bb}".as_bytes()];

/// How far back [`colon_quotation`] looks for the quotation mark.
const COLON_QUOTE_REACH: usize = 400;

/// [`QUOTE_EDGE`] bit: the byte can be the last of an opening quotation mark.
const OPENING_LAST: u8 = 1;
/// [`QUOTE_EDGE`] bit: the byte can be the first of a closing quotation mark.
const CLOSING_FIRST: u8 = 2;

/// For each byte, whether it can end an opening quotation mark or start a closing one: one
/// load per side of a hit settles nearly every hit.
static QUOTE_EDGE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < OPENING_QUOTES.len() {
        let q = OPENING_QUOTES[i];
        table[q[q.len() - 1] as usize] |= OPENING_LAST;
        let c = CLOSING_QUOTES[i];
        table[c[0] as usize] |= CLOSING_FIRST;
        i += 1;
    }
    table
};

/// Opening quotation marks: ' " ‘ “ « (as their last byte, with the bytes before it).
const OPENING_QUOTES: [&[u8]; 5] = [
    b"'",
    b"\"",
    "\u{2018}".as_bytes(),
    "\u{201c}".as_bytes(),
    "\u{ab}".as_bytes(),
];
/// Closing quotation marks: ' " ’ ” ».
const CLOSING_QUOTES: [&[u8]; 5] = [
    b"'",
    b"\"",
    "\u{2019}".as_bytes(),
    "\u{201d}".as_bytes(),
    "\u{bb}".as_bytes(),
];

/// The byte where a word could start: the text's start, or after an ASCII byte that is no
/// letter or digit (a space, a bracket, a dash).
fn word_boundary_before(bytes: &[u8], at: usize) -> bool {
    at == 0
        || bytes
            .get(at - 1)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
}

/// ... and where a word could end: the text's end, or before an ASCII byte that is no letter
/// or digit.
fn word_boundary_after(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at)
        .is_none_or(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
}

/// The start of an opening quotation mark that ends right at byte `at`, itself at a word
/// boundary.
fn opening_quote_before(bytes: &[u8], at: usize) -> Option<usize> {
    let head = bytes.get(..at)?;
    OPENING_QUOTES.iter().find_map(|q| {
        let open = at.checked_sub(q.len())?;
        (head.ends_with(q) && word_boundary_before(bytes, open)).then_some(open)
    })
}

/// The end of a closing quotation mark that starts right at byte `at`, followed by a word
/// boundary.
fn closing_quote_at(bytes: &[u8], at: usize) -> Option<usize> {
    let tail = bytes.get(at..)?;
    CLOSING_QUOTES.iter().find_map(|q| {
        let close = at + q.len();
        (tail.starts_with(q) && word_boundary_after(bytes, close)).then_some(close)
    })
}

/// Longest stretch searched for the other quotation mark, in bytes.
const QUOTE_REACH: usize = 80;

/// The first closing quotation mark at or after byte `from` (within [`QUOTE_REACH`] bytes,
/// before the sentence ends and before another quotation opens), as the end of its bytes.
fn closing_quote_from(bytes: &[u8], from: usize) -> Option<usize> {
    let last = bytes.len().min(from + QUOTE_REACH);
    for at in from..last {
        match bytes[at] {
            b'.' | b'!' | b'?' | b';' | b'\n' => return None,
            b'\'' | b'"' | 0xe2 | 0xc2 => {
                if let Some(close) = closing_quote_at(bytes, at) {
                    return Some(close);
                }
                let opens = OPENING_QUOTES
                    .iter()
                    .any(|q| bytes[at..].starts_with(q) && word_boundary_before(bytes, at));
                if opens {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// The last opening quotation mark that ends at or before byte `to` (within [`QUOTE_REACH`]
/// bytes, after the sentence starts and after the quotation before it closed), as its first
/// byte.
fn opening_quote_back_from(bytes: &[u8], to: usize) -> Option<usize> {
    let first = to.saturating_sub(QUOTE_REACH);
    for at in (first..to).rev() {
        match bytes[at] {
            b'.' | b'!' | b'?' | b';' | b'\n' => return None,
            // The last byte of a quotation mark, opening or closing.
            b'\'' | b'"' | 0x98 | 0x9c | 0xab | 0x99 | 0x9d | 0xbb => {
                if let Some(open) = opening_quote_before(bytes, at + 1) {
                    return Some(open);
                }
                let closes = CLOSING_QUOTES
                    .iter()
                    .any(|q| bytes[..=at].ends_with(q) && word_boundary_after(bytes, at + 1));
                if closes {
                    return None;
                }
            }
            _ => {}
        }
    }
    None
}

/// Words that, right before a quotation, give it to the sentence's subject as their own label:
/// "Petro rejected what he called “illegal threats”" is a news paraphrase of Petro's words,
/// scored as Petro's statement, not a mocked or cited word.
const OWN_LABEL_BEFORE: [&str; 10] = [
    "what he called ",
    "what she called ",
    "what they called ",
    "what he described as ",
    "what she described as ",
    "lo que llamó ",
    "lo que calificó de ",
    "lo que calificó como ",
    "lo que denominó ",
    "lo que describió como ",
];

/// The quotation opening at byte `open` follows one of [`OWN_LABEL_BEFORE`].
fn own_label(bytes: &[u8], open: usize) -> bool {
    let head = bytes.get(..open).unwrap_or_default();
    OWN_LABEL_BEFORE.iter().any(|w| {
        head.len() >= w.len() && head[head.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    })
}

/// The quotation from byte `open` to byte `close` holds at most [`QUOTED_WORDS`] words.
fn short_quotation(bytes: &[u8], open: usize, close: usize) -> bool {
    let Some(inner) = bytes.get(open..close) else {
        return false;
    };
    let mut words = 0usize;
    let mut in_word = false;
    for &b in inner {
        let space = b.is_ascii_whitespace();
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    words <= QUOTED_WORDS
}

/// The rules for statements with a quotation mark ([`quoted`]) or a clock time ([`notice`]),
/// which the tokenizer notes ([`Tokens::has_quotes`], [`Tokens::has_clock_time`]): kept out
/// of line, so the scorer's common path carries one test for both. `speaker` is the row's
/// speaker (empty when unknown), for [`quoted`].
#[cold]
#[inline(never)]
pub(super) fn quoted_and_notice(
    text: &str,
    tokens: &Tokens,
    hits: &mut [Hit],
    warning: &CategorySet,
    speaker: &[u8],
) {
    if tokens.has_quotes() {
        quoted(text, tokens, hits, speaker);
    }
    if tokens.has_clock_time() {
        notice(hits, warning);
    }
}

/// A statement that gives a clock time is a notice (a schedule, a closure, an accreditation
/// deadline): its hits are multiplied by [`NOTICE_SCALAR`], so "the joint commission meets
/// Tuesday at 10:00" and "the crossing will be closed from 06:00 to 14:00" stay neutral. When
/// it has a hit of a `warning` category (threat, demand), its hostile hits keep their weight:
/// an ultimatum names its hour ("has until 18:00 on Friday to release ..."). The tokenizer
/// notes the clock time ([`Tokens::has_clock_time`]).
fn notice(hits: &mut [Hit], warning: &CategorySet) {
    let warns = hits.iter().any(|h| warning.contains(&h.category));
    for h in hits.iter_mut().filter(|h| h.weight > 0.0 || !warns) {
        h.weight *= NOTICE_SCALAR;
        h.rules.insert(Rules::NOTICE);
    }
}

/// Talk alone is not warmth: a statement whose only hits are plain mentions of talk (a
/// meeting, a round of talks, a summit: `talk.0` categories with a lexicon weight below
/// [`TALK_ONLY_MAX_BASE`]) usually announces or schedules it. Its hits are multiplied by
/// [`TALK_ONLY_SCALAR`], so "the bilateral meeting is confirmed for Tuesday" stays neutral,
/// while "we are ready to talk" (commitment), "a great call" and "I look forward to meeting
/// him" (dialogue entries of weight 2, warm by themselves) keep their weight. Nor does a
/// statement the speaker makes an offer of (`offered`, asked only when every hit qualifies: a
/// first-person word, or a Spanish first-person future): "I will call Prime Minister Holt
/// this week", "we have proposed that the two coast guards exchange numbers", "Esta semana
/// llamaré a la presidenta Quiroga" are offers, not schedules.
///
/// The same holds, flagged `schedule`, for a statement whose weak hits are all in the wider
/// `talk.1` (talk, partnership, coercion, force, demands: [`super::rules::SCHEDULE_CATEGORIES`])
/// when it names a day or a month (`dated`, a `calendar` context word): "the joint
/// commission will meet on 14 March", "the decision takes effect in January".
pub(super) fn talk_only(
    hits: &mut [Hit],
    talk: (CategorySet, CategorySet),
    offered: impl FnOnce() -> bool,
    dated: impl FnOnce() -> bool,
) {
    // One pass that stops at the first hit outside the wider set (plain talk is in both).
    let mut plain = true;
    for h in hits.iter() {
        if !(talk.1.contains(&h.category) && h.base.abs() < TALK_ONLY_MAX_BASE) {
            return;
        }
        plain &= talk.0.contains(&h.category);
    }
    if hits.is_empty() || !(plain || dated()) || offered() {
        return;
    }
    let rule = if plain {
        Rules::TALK_ONLY
    } else {
        Rules::SCHEDULE
    };
    for h in hits.iter_mut() {
        h.weight *= TALK_ONLY_SCALAR;
        h.rules.insert(rule);
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

    #[test]
    fn generic_name_words_are_sorted_and_folded_for_the_binary_search() {
        let words = super::super::rules::GENERIC_NAME_WORDS;
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(words.iter().all(|w| crate::text::fold_term(w) == *w));
        let word = |name: &str| speaker_word(name.as_bytes());
        assert_eq!(word("Gustavo Petro").as_deref(), Some("petro"));
        assert_eq!(word("Ministro Pérez").as_deref(), Some("perez"));
        assert_eq!(word("US government"), None);
        assert_eq!(word("Gobierno de Colombia").as_deref(), Some("colombia"));
        assert_eq!(word("UN"), None);
        assert_eq!(word(""), None);
    }
    use crate::lexicon::{Categories, CategoryId, Lexicon};

    /// The built-in context words of `lang`.
    fn builtin(lang: Lang) -> Vec<ContextWord> {
        let cats = Categories::builtin().unwrap();
        Lexicon::builtin(lang, &cats).unwrap().context().to_vec()
    }

    fn terms(words: &[ContextWord], role: ContextRole) -> Vec<String> {
        words
            .iter()
            .filter(|w| w.role == role)
            .map(|w| w.term.clone())
            .collect()
    }

    /// Whether a hostile hit on the word "attack" in `text` is relayed by `words`, with marks
    /// from the key words (as the scorer's vocabulary gives them).
    fn relayed_attack(words: &ContextWords, text: &str) -> bool {
        relayed_hit(words, text, -2.0)
            .rules
            .contains(Rules::RELAYED)
    }

    /// A hit of `weight` on the word "attack" in `text` after the relayed-report rule.
    fn relayed_hit(words: &ContextWords, text: &str, weight: f64) -> Hit {
        let mut tokens = Tokens::new();
        tokens.tokenize(text);
        let keys: Vec<&str> = words.relay_key_words().collect();
        let marks: Vec<[u32; 2]> = (0..tokens.tokens().len())
            .map(|i| [u32::from(keys.contains(&tokens.folded(i))) * RELAY_KEY, 0])
            .collect();
        let at = (0..tokens.tokens().len()).find(|&i| tokens.folded(i) == "attack");
        let last = at.map_or((0, 0), |i| tokens.tokens()[i].span);
        let mut hits = [Hit {
            entry: 0,
            span: last,
            category: CategoryId(0),
            base: weight,
            weight,
            rules: Rules::default(),
        }];
        relayed(
            text,
            &tokens,
            Marks::new(&marks, 0),
            words,
            &mut hits,
            None,
            b"",
        );
        let [hit] = hits;
        hit
    }

    /// A warm hit of weight 2 over bytes `start..end`.
    fn warm_hit(start: usize, end: usize) -> Hit {
        Hit {
            entry: 0,
            span: (start as u32, end as u32),
            category: CategoryId(0),
            base: 2.0,
            weight: 2.0,
            rules: Rules::default(),
        }
    }

    /// Whether a hit on the first `word` in `text` is read as quoted.
    fn quoted_word(text: &str, word: &str) -> bool {
        let start = text.find(word).expect("the word is in the text");
        let mut hits = [warm_hit(start, start + word.len())];
        quoted(text, &Tokens::new(), &mut hits, b"");
        let [hit] = hits;
        assert_eq!(
            hit.rules.contains(Rules::QUOTED),
            hit.weight == 2.0 * QUOTED_SCALAR
        );
        hit.rules.contains(Rules::QUOTED)
    }

    #[test]
    fn quotation_marks_of_every_kind_around_a_few_words() {
        for text in [
            "their 'friendship' again",
            "their \"friendship\" again",
            "their \u{2018}friendship\u{2019} again",
            "their \u{201c}friendship\u{201d} again",
            "su \u{ab}friendship\u{bb} otra vez",
            "'friendship'",
            "(\"friendship tour\")",
            "a 'friendship of four words' and more",
            "a 'true friendship' and more",
        ] {
            assert!(quoted_word(text, "friendship"), "{text}");
        }
        for text in [
            "friendship",
            "their friendship again",
            "he praised what he called 'friendship'",
            "elogió lo que llamó «friendship»",
            "a 'friendship of five more words' and more",
            "the leaders' friendship",
            "the friendship' of",
            "the 'old' friendship' of",
            "a 'pact'. friendship' he said",
            "they'friendship'",
        ] {
            assert!(!quoted_word(text, "friendship"), "{text}");
        }
    }

    #[test]
    fn the_quotation_search_stays_inside_the_text() {
        // Hits at every character boundary of texts full of quotation marks and multi-byte
        // characters: no index leaves the text.
        for text in [
            "'\"«»‘’“”'",
            "«a»",
            "\u{201c}",
            "x'",
            "'x",
            "ñ'ñ'ñ «ñ» ‘ñ’ “ñ” ñ",
        ] {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &a) in bounds.iter().enumerate() {
                for &b in &bounds[n..] {
                    let mut hits = [warm_hit(a, b)];
                    quoted(text, &Tokens::new(), &mut hits, b"Trump");
                }
            }
        }
    }

    /// A warm hit of weight 2 that no rule changed.
    fn untouched(hit: &Hit) -> bool {
        hit.rules == Rules::default() && hit.weight == 2.0
    }

    #[test]
    fn a_report_marker_relays_its_sentence_and_damps_warm_words() {
        for lang in Lang::ALL {
            let all = builtin(lang);
            let words = ContextWords::new(&all);
            let reports = terms(&all, ContextRole::Report);
            assert!(reports.len() >= 5, "{lang}: {}", reports.len());
            for m in &reports {
                assert!(relayed_attack(&words, &format!("{m} they attack")), "{m}");
                let warm = relayed_hit(&words, &format!("they attack, {m}"), 2.0);
                assert!(warm.rules.contains(Rules::REPORTED), "{m}");
                assert!((warm.weight - 2.0 * REPORTED_SCALAR).abs() < 1e-12, "{m}");
                // Not the next sentence's warm words.
                let apart = relayed_hit(&words, &format!("{m} it. They attack"), 2.0);
                assert!(untouched(&apart), "{m}");
            }
            // A relay marker leaves warm words alone (unless it holds a report marker:
            // "denied reports that").
            let holds_report = |m: &str| {
                reports
                    .iter()
                    .any(|r| format!(" {m} ").contains(&format!(" {r} ")))
            };
            for m in terms(&all, ContextRole::Relay) {
                if holds_report(&m) {
                    continue;
                }
                assert!(
                    untouched(&relayed_hit(&words, &format!("{m} they attack"), 2.0)),
                    "{m}"
                );
            }
        }
    }

    #[test]
    fn every_relay_marker_is_found_by_its_key_word() {
        for lang in Lang::ALL {
            let all = builtin(lang);
            let words = ContextWords::new(&all);
            let markers = terms(&all, ContextRole::Relay);
            assert!(markers.len() > 20, "{lang}: {}", markers.len());
            for m in &markers {
                let split: Vec<String> = m.split(' ').map(str::to_string).collect();
                assert!(split.contains(&split[key_position(&split)]));
                // At the start, after other words, and twice.
                assert!(relayed_attack(&words, &format!("{m} they attack")), "{m}");
                assert!(
                    relayed_attack(&words, &format!("the the en {m} they attack")),
                    "{m}"
                );
                assert!(relayed_attack(&words, &format!("{m} {m} attack")), "{m}");
                // Not across a sentence end, and not from a later sentence.
                if split.len() > 1 && !split.iter().any(|w| markers.contains(w)) {
                    let apart = split.join(". ");
                    assert!(
                        !relayed_attack(&words, &format!("{apart} they attack")),
                        "{m}"
                    );
                }
                assert!(!relayed_attack(&words, &format!("they attack. {m}")), "{m}");
            }
        }
        let en = ContextWords::new(&builtin(Lang::En));
        assert!(!relayed_attack(&en, "the defense will attack"));
        // A marker of the other language relays nothing.
        assert!(!relayed_attack(&en, "según they attack"));
    }

    #[test]
    fn entry_roles_read_condemnation_anywhere_and_rejection_at_the_end() {
        let entry = |term: &str| Entry {
            term: term.to_string(),
            weight: -2.0,
            category: CategoryId(0),
            note: String::new(),
            origin: crate::Location::default(),
        };
        let en = ContextWords::new(&builtin(Lang::En));
        let es = ContextWords::new(&builtin(Lang::Es));
        let roles = |words: &ContextWords, term: &str| words.entry_roles(&[entry(term)]).0[0];
        assert_eq!(roles(&en, "condemn*"), ENTRY_CONDEMNS);
        assert_eq!(roles(&en, "strongly condemn*"), ENTRY_CONDEMNS);
        assert_eq!(roles(&en, "in the strongest terms"), ENTRY_CONDEMNS);
        assert_eq!(roles(&en, "reject*"), ENTRY_REJECTS);
        // A rejection that names its own object refuses nothing after it.
        assert_eq!(roles(&en, "reject* the accusations"), 0);
        assert_eq!(roles(&en, "attack*"), 0);
        assert_eq!(roles(&es, "se nieg*"), ENTRY_REJECTS);
        assert_eq!(roles(&es, "condena* energicamente"), ENTRY_CONDEMNS);
        // The roles are per language: an English word in a Spanish lexicon is no role.
        assert_eq!(roles(&es, "reject*"), 0);
    }

    #[test]
    fn marker_filter_lets_every_marker_through() {
        for lang in Lang::ALL {
            let all = builtin(lang);
            for role in [ContextRole::SharedTarget, ContextRole::Relay] {
                let list = terms(&all, role);
                let m = Markers::new(list.iter().map(String::as_str));
                for entry in &list {
                    let first = entry.split(' ').next().unwrap_or("").trim_end_matches('*');
                    assert!(m.may_start(first.as_bytes()), "{entry}");
                    assert!(m.may_start(format!("{first}s").as_bytes()), "{entry}s");
                }
            }
            // The shared-target words all have three bytes, so their filter is on ("en vivo"
            // turns the relay markers' off; that rule uses the vocabulary's flag instead).
            let shared = terms(&all, ContextRole::SharedTarget);
            assert!(
                Markers::new(shared.iter().map(String::as_str))
                    .starts
                    .is_on()
            );
        }
        let short = Markers::new(["ab", "abcd"].into_iter());
        assert!(!short.starts.is_on() && short.may_start(b"zz"));
    }

    #[test]
    fn shared_target_terms_match_as_written() {
        let named = |terms: &[&str], text: &str| {
            let mut tokens = Tokens::new();
            tokens.tokenize(text);
            Markers::new(terms.iter().copied()).named_in(&tokens)
        };
        // A wildcard is a word beginning; a word without one is the whole word.
        assert!(named(&["terror*"], "the terrorists fled"));
        assert!(named(&["junta"], "the junta fell"));
        assert!(!named(&["junta"], "the juntas fell"));
        // A phrase is whole words in one sentence.
        assert!(named(&["organized crime"], "against organized crime"));
        assert!(!named(&["organized crime"], "well organized. crime fell"));
        assert!(!named(&["organized crime"], "organized crimes"));
    }
}
