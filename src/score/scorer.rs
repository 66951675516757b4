//! The [`Scorer`]: lexicon matching plus the rules in [`super::rules`], turning a statement into a
//! [`Score`]. Pure and `Send + Sync`; per-thread scratch buffers keep it allocation-light.

use super::context::{ContextWords, EntryRoles};
use super::rules::*;
use super::{Hit, Label, Rules, Score};
use crate::error::{Location, Result};
use crate::lexicon::{
    Categories, CategoryId, ContextRole, Entry, Lexicon, MatchScratch, MatchTarget, Matcher,
    ModifierKind, Side, WordTable,
};
use crate::text::{Lang, Token, TokenKind, Tokens, function_words, larger, vote_counts};
use std::cell::RefCell;
use std::sync::{Condvar, Mutex, PoisonError};

/// How the language of each statement is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangMode {
    /// Every statement is scored with this language's lexicon.
    Fixed(Lang),
    /// Each statement's language is guessed ([`crate::text::guess_lang`]); ties go to the
    /// given default.
    Auto(Lang),
}

/// What a unit of a statement does, in an [`Explanation`].
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A tone entry; the index into [`Score::hits`].
    Hit(usize),
    /// A negator.
    Negator,
    /// A negator that reaches the first entry after it anywhere in its clause ("never
    /// again").
    ClauseNegator,
    /// A reverser: undoing what follows ("lift sanctions").
    Reverser,
    /// A post-reverser: undoing the hostile entry before it ("the sanctions will be lifted").
    PostReverser,
    /// A booster (positive) or dampener (negative) scale.
    Intensity(f64),
    /// A contrast word.
    Contrast,
    /// A conditional word.
    Conditional,
    /// A function word skipped by the rule windows.
    Skip,
    /// A word with no lexicon role.
    Plain,
    /// A lexicon entry written as part of a proper name ("La Paz", "Puerto Esperanza"): not
    /// scored (see `PROPER_NAMES` in [`crate::score::rules`]).
    Name,
}

/// A word or matched phrase of a statement with its role.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// The text as written.
    pub text: String,
    /// Byte range in the statement.
    pub span: (u32, u32),
    /// What it does.
    pub role: Role,
    /// The context words among its words, in the statement's language (see
    /// `lexicons/*/context.tsv`): a relay marker, a shared target, a first-person or future
    /// word ... Sorted, each role once.
    pub context: Vec<ContextRole>,
}

/// A token-by-token account of a score, for `detente explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The score.
    pub score: Score,
    /// Every word or matched phrase in order.
    pub units: Vec<Unit>,
    /// How `--lang auto` chose the language (`None` when it was given).
    pub guess: Option<LangGuess>,
}

/// The evidence behind a guessed language, English first, then Spanish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LangGuess {
    /// Function words counted, with two votes added to Spanish for ñ, ¿ or ¡.
    pub votes: [usize; 2],
    /// On a tie of votes only: the words each language's tone entries cover. A tie here too
    /// leaves the default language.
    pub lexicon: Option<[usize; 2]>,
}

struct LangModel {
    /// The language's compiled lexicon, which keeps the lexicon itself
    /// ([`Matcher::lexicon`]).
    matcher: Matcher,
    /// Its relay and shared-target context words, compiled.
    context: ContextWords,
    /// What each of the matcher's entries holds for the statement-level rules
    /// ([`ContextWords::entry_roles`]: a condemnation word, a rejection word at its end).
    entry_roles: EntryRoles,
}

/// Scores statements. Build it once ([`Scorer::new`] or [`Scorer::builder`]) and share it across
/// threads.
pub struct Scorer {
    categories: Categories,
    models: Vec<LangModel>,
    /// Every exact word of every language's lexicon and the language guess's function words,
    /// so that each token is looked up once for the guess and the matching.
    vocab: WordTable<VocabEntry>,
    mode: LangMode,
    ids: RuleCategories,
    sources: Vec<String>,
}

/// What a word is in each language, indexed by [`Lang::index`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct VocabEntry {
    /// The word's id in that language's matcher ([`NO_WORD`] for none).
    ids: [u32; 2],
    /// Its flags in that language: [`FUNCTION_WORD`] and the context flags, [`RELAY_KEY`],
    /// [`FIRST_PERSON_WORD`], [`FUTURE_WORD`], [`FIRST_PERSON_FUTURE_WORD`],
    /// [`CONSEQUENCE_WORD`], [`BE_WORD`], [`FIRST_PERSON_BE_WORD`], [`RELATION_WORD`],
    /// [`SUBORDINATOR_WORD`], [`COMPARATIVE_WORD`], [`THAN_WORD`], [`BARRIER_WORD`],
    /// [`SARCASM_KEY`], [`HEDGE_WORD`], [`TOPIC_WORD`], [`EXISTENTIAL_WORD`],
    /// [`QUANTITY_WORD`], [`FIRST_PERSON_OBJECT_WORD`], [`CLITIC_WORD`], [`CONCESSIVE_WORD`],
    /// [`THIRD_PERSON_WORD`], [`PREPOSITION_WORD`], [`ADDITIVE_WORD`].
    marks: [u32; 2],
}

/// The key word of a relayed-report marker (see [`super::context::relayed`]).
pub(super) const RELAY_KEY: u32 = 1;
/// A `first-person` context word ("we", "nosotros").
pub(super) const FIRST_PERSON_WORD: u32 = 1 << 1;
/// A `future` context word ("will", "vamos").
pub(super) const FUTURE_WORD: u32 = 1 << 2;
/// A `first-person-future` context word ("we'll", "haremos").
pub(super) const FIRST_PERSON_FUTURE_WORD: u32 = 1 << 3;
/// A `consequence` context word ("then", "entonces").
pub(super) const CONSEQUENCE_WORD: u32 = 1 << 4;
/// A `be` context word ("am", "are").
pub(super) const BE_WORD: u32 = 1 << 5;
/// A `first-person-be` context word ("i'm", "somos").
pub(super) const FIRST_PERSON_BE_WORD: u32 = 1 << 6;
/// A `relation` context word ("enemy", "enemigos").
pub(super) const RELATION_WORD: u32 = 1 << 7;
/// A `subordinator` context word ("until", "than", "hasta"): a negator before it belongs to
/// the main clause and does not reach the entries after it.
pub(super) const SUBORDINATOR_WORD: u32 = 1 << 8;
/// A function word the language guess counts for that language ([`function_words`]).
const FUNCTION_WORD: u32 = 1 << 9;
/// A `comparative` context word ("greater", "mayor").
pub(super) const COMPARATIVE_WORD: u32 = 1 << 10;
/// A `than` context word ("than", "que").
pub(super) const THAN_WORD: u32 = 1 << 11;
/// A `barrier` context word ("forget", "olvidaremos"): a negator before it does not reach the
/// entries after it.
pub(super) const BARRIER_WORD: u32 = 1 << 12;
/// The key word of a `sarcasm` marker (its longest word, as for [`RELAY_KEY`]).
pub(super) const SARCASM_KEY: u32 = 1 << 13;
/// A `hedge` context word ("rule" in "not rule out", "descartamos").
pub(super) const HEDGE_WORD: u32 = 1 << 14;
/// A `topic` context word ("on", "about", "sobre").
pub(super) const TOPIC_WORD: u32 = 1 << 15;
/// An `existential` context word ("there", "has", "hay").
pub(super) const EXISTENTIAL_WORD: u32 = 1 << 16;
/// A `quantity` context word ("more"): a comparative the existential reading leaves alone.
pub(super) const QUANTITY_WORD: u32 = 1 << 17;
/// A `first-person-object` context word ("us", "nos").
pub(super) const FIRST_PERSON_OBJECT_WORD: u32 = 1 << 18;
/// A `clitic` context word ("te", "les"): right after a negator it takes no step of the
/// negation window.
pub(super) const CLITIC_WORD: u32 = 1 << 19;
/// A `concessive` context word ("although", "aunque"): opening its sentence, its clause is
/// the concession.
pub(super) const CONCESSIVE_WORD: u32 = 1 << 20;
/// A `third-person` context word ("they", "ellos"): after a first-person word, the future
/// after it is someone else's.
pub(super) const THIRD_PERSON_WORD: u32 = 1 << 21;
/// A `preposition` context word ("without", "sin"): as a negator it reaches a noun phrase,
/// not a predicate ([`PREDICATE_WORDS`], `past_predicate`).
pub(super) const PREPOSITION_WORD: u32 = 1 << 22;
/// An `additive` context word ("also", "también"): a contrast word shortly before it in its
/// clause adds instead of turning ("not only ..., but we will also ...").
pub(super) const ADDITIVE_WORD: u32 = 1 << 23;
/// A `commemoration` context word ("anniversary", "homenaje"): the statement remembers, and
/// the force it names is past ([`HISTORICAL_CATEGORIES`]).
pub(super) const COMMEMORATION_WORD: u32 = 1 << 24;
/// A `disaster` context word ("hurricane", "terremoto"): force it is the agent of is no
/// party's act ([`DISASTER_CATEGORIES`]).
pub(super) const DISASTER_WORD: u32 = 1 << 25;
/// The key word of a `retort` phrase (its longest word, as for [`RELAY_KEY`]): the retort
/// rule looks for the phrases only in a statement that has one.
pub(super) const RETORT_KEY: u32 = 1 << 26;
/// A `universal` context word ("any", "cualquier"): see [`universal`].
pub(super) const UNIVERSAL_WORD: u32 = 1 << 27;
/// A `complaint` context word ("concerned", "protesta"): see [`complained`].
pub(super) const COMPLAINT_WORD: u32 = 1 << 28;
/// A `document` context word ("treaty", "acuerdo"): see `Scorer::mentions`.
pub(super) const DOCUMENT_WORD: u32 = 1 << 29;
/// A `body` context word ("commission", "comité"): see `Scorer::mentions`.
pub(super) const BODY_WORD: u32 = 1 << 30;
/// The words that open a predicate, for [`PREPOSITION_WORD`]: a future, a form of "to be",
/// a first-person subject.
const PREDICATE_WORDS: u32 =
    FUTURE_WORD | BE_WORD | FIRST_PERSON_WORD | FIRST_PERSON_FUTURE_WORD | FIRST_PERSON_BE_WORD;

/// The flag of a one-word context role in [`VocabEntry::marks`] (relay markers are flagged by
/// their key word instead, shared-target terms not at all).
fn role_mark(role: ContextRole) -> u32 {
    match role {
        ContextRole::FirstPerson => FIRST_PERSON_WORD,
        ContextRole::Future => FUTURE_WORD,
        ContextRole::FirstPersonFuture => FIRST_PERSON_FUTURE_WORD,
        ContextRole::Consequence => CONSEQUENCE_WORD,
        ContextRole::Be => BE_WORD,
        ContextRole::FirstPersonBe => FIRST_PERSON_BE_WORD,
        ContextRole::FirstPersonObject => FIRST_PERSON_OBJECT_WORD,
        ContextRole::ThirdPerson => THIRD_PERSON_WORD,
        ContextRole::Clitic => CLITIC_WORD,
        ContextRole::Concessive => CONCESSIVE_WORD,
        ContextRole::Relation => RELATION_WORD,
        ContextRole::Subordinator => SUBORDINATOR_WORD,
        ContextRole::Comparative => COMPARATIVE_WORD,
        ContextRole::Than => THAN_WORD,
        ContextRole::Existential => EXISTENTIAL_WORD,
        ContextRole::Quantity => QUANTITY_WORD,
        ContextRole::Barrier => BARRIER_WORD,
        ContextRole::Preposition => PREPOSITION_WORD,
        ContextRole::Additive => ADDITIVE_WORD,
        ContextRole::Commemoration => COMMEMORATION_WORD,
        ContextRole::Disaster => DISASTER_WORD,
        ContextRole::Universal => UNIVERSAL_WORD,
        ContextRole::Complaint => COMPLAINT_WORD,
        ContextRole::Document => DOCUMENT_WORD,
        ContextRole::Body => BODY_WORD,
        ContextRole::Hedge => HEDGE_WORD,
        ContextRole::Topic => TOPIC_WORD,
        ContextRole::Relay
        | ContextRole::Report
        | ContextRole::SharedTarget
        | ContextRole::Sarcasm
        | ContextRole::Congratulation
        | ContextRole::Condemnation
        | ContextRole::Rejection
        | ContextRole::Calendar
        | ContextRole::Signing
        | ContextRole::Reciprocal
        | ContextRole::Retort => 0,
    }
}

/// Each token's context flags ([`VocabEntry::marks`]) in the language a statement is scored
/// in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marks<'a> {
    all: &'a [[u32; 2]],
    li: usize,
    /// Every flag some token has: what [`Marks::any`] answers from.
    present: u32,
}

impl<'a> Marks<'a> {
    /// The flags of language index `li` among `all` (one pair per token).
    pub(super) fn new(all: &'a [[u32; 2]], li: usize) -> Marks<'a> {
        let l = li.min(1);
        let present = all.iter().fold(0, |a, m| a | m[l]);
        Marks { all, li, present }
    }

    /// [`Marks::new`] with the union of the flags already known (`present`, as
    /// [`Scorer::look_up`] gathers it while it fills `all`): the rules ask [`Marks::any`]
    /// several times a statement, and each answer is then one test instead of a pass.
    fn with_present(all: &'a [[u32; 2]], li: usize, present: u32) -> Marks<'a> {
        Marks { all, li, present }
    }

    /// Token `i`'s flags (none past the end).
    #[inline]
    pub(super) fn get(&self, i: usize) -> u32 {
        self.all
            .get(i)
            .and_then(|m| m.get(self.li))
            .copied()
            .unwrap_or(0)
    }

    /// Whether some token has a flag of `bits`.
    pub(super) fn any(&self, bits: u32) -> bool {
        self.present & bits != 0
    }
}

/// "Not a word of this lexicon" in [`VocabEntry::ids`], as the matcher has it.
const NO_WORD: u32 = u32::MAX;

const UNKNOWN_WORD: VocabEntry = VocabEntry {
    ids: [NO_WORD; 2],
    marks: [0; 2],
};

impl VocabEntry {
    fn merge(a: VocabEntry, b: VocabEntry) -> VocabEntry {
        let id = |x: u32, y: u32| if x == NO_WORD { y } else { x };
        VocabEntry {
            ids: [id(a.ids[0], b.ids[0]), id(a.ids[1], b.ids[1])],
            marks: [a.marks[0] | b.marks[0], a.marks[1] | b.marks[1]],
        }
    }
}

/// Each token's exact-word id in the matcher of language index `li`, from the ids looked up
/// once per token for both languages.
fn id_in(ids: &[[u32; 2]], li: usize) -> impl Fn(usize) -> u32 + '_ {
    move |i| {
        ids.get(i)
            .and_then(|x| x.get(li))
            .copied()
            .unwrap_or(NO_WORD)
    }
}

/// The table behind [`Scorer::vocab`].
fn shared_vocab(models: &[LangModel]) -> WordTable<VocabEntry> {
    let mut entries: Vec<(&str, VocabEntry)> = Vec::new();
    for (li, (lang, model)) in Lang::ALL.iter().zip(models).enumerate() {
        for (w, id) in model.matcher.words() {
            let mut e = UNKNOWN_WORD;
            if let Some(slot) = e.ids.get_mut(li) {
                *slot = *id;
            }
            entries.push((w.as_str(), e));
        }
        // Flags: function words, a relay marker's key word, and the one-word context roles.
        let mut mark = |w, bit: u32| {
            let mut e = UNKNOWN_WORD;
            if let Some(slot) = e.marks.get_mut(li) {
                *slot = bit;
            }
            entries.push((w, e));
        };
        for w in function_words(*lang) {
            mark(w, FUNCTION_WORD);
        }
        for key in model.context.relay_key_words() {
            mark(key, RELAY_KEY);
        }
        for key in model.context.sarcasm_key_words() {
            mark(key, SARCASM_KEY);
        }
        for key in model.context.retort_key_words() {
            mark(key, RETORT_KEY);
        }
        for c in model.matcher.lexicon().context() {
            let bit = role_mark(c.role);
            if bit != 0 {
                mark(c.term.as_str(), bit);
            }
        }
    }
    WordTable::new(entries.into_iter(), UNKNOWN_WORD, VocabEntry::merge)
}

/// The categories named in [`super::rules`], resolved once.
struct RuleCategories {
    threat: Option<CategoryId>,
    conditional: CategorySet,
    endorsing: CategorySet,
    breaking: CategorySet,
    rejecting: CategorySet,
    rejected: CategorySet,
    demanding: CategorySet,
    offering: CategorySet,
    broken: CategorySet,
    named: CategorySet,
    endorsed: CategorySet,
    reversal_exempt: CategorySet,
    /// [`POST_REVERSED_CATEGORIES`].
    post_reversed: CategorySet,
    shared_partners: CategorySet,
    shared_targets: CategorySet,
    solidarity_partners: CategorySet,
    talk: CategorySet,
    schedule: CategorySet,
    denied: CategorySet,
    denial: Option<CategoryId>,
    defied: CategorySet,
    mocked: CategorySet,
    mockery: Option<CategoryId>,
    hedge: Option<CategoryId>,
    warning: CategorySet,
    historical: CategorySet,
    disaster: CategorySet,
    reciprocal: Option<CategoryId>,
    /// The strong kinds ([`crate::lexicon::Category::strong`]), for [`band`].
    strong: CategorySet,
    own_act: CategorySet,
    announced: CategorySet,
    universal: CategorySet,
    complained: CategorySet,
    accusation: Option<CategoryId>,
    conceded: Option<CategoryId>,
    mentioned: CategorySet,
    body: CategorySet,
    grievance: Option<CategoryId>,
}

/// A set of category ids as a bitmask (a bit for each of the 256 possible ids): the rules ask
/// whether a hit's category is in a list for every hit, and one bit test answers.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CategorySet([u64; 4]);

impl CategorySet {
    fn insert(&mut self, id: CategoryId) {
        if let Some(w) = self.0.get_mut(usize::from(id.0 >> 6)) {
            *w |= 1 << (id.0 & 63);
        }
    }

    /// Whether `id` is in the set.
    #[inline]
    pub(super) fn contains(&self, id: &CategoryId) -> bool {
        self.0
            .get(usize::from(id.0 >> 6))
            .is_some_and(|w| w >> (id.0 & 63) & 1 != 0)
    }
}

impl RuleCategories {
    fn resolve(c: &Categories) -> RuleCategories {
        let ids = |names: &[&str]| {
            let mut set = CategorySet::default();
            for id in names.iter().filter_map(|n| c.find(n)) {
                set.insert(id);
            }
            set
        };
        RuleCategories {
            threat: c.find("threat"),
            conditional: ids(CONDITIONAL_THREAT_CATEGORIES),
            endorsing: ids(ENDORSING_CATEGORIES),
            breaking: ids(BREACH_CATEGORIES),
            rejecting: ids(REJECTION_CATEGORIES),
            rejected: ids(REJECTED_CATEGORIES),
            demanding: ids(DEMAND_CATEGORIES),
            offering: ids(OFFER_CATEGORIES),
            named: ids(NAMED_CATEGORIES),
            broken: ids(BREACHED_CATEGORIES),
            endorsed: ids(ENDORSED_CATEGORIES),
            reversal_exempt: ids(REVERSAL_EXEMPT_CATEGORIES),
            post_reversed: ids(POST_REVERSED_CATEGORIES),
            shared_partners: ids(SHARED_TARGET_PARTNERS),
            shared_targets: ids(SHARED_TARGET_CATEGORIES),
            solidarity_partners: ids(SOLIDARITY_PARTNERS),
            talk: ids(TALK_CATEGORIES),
            schedule: ids(SCHEDULE_CATEGORIES),
            denied: ids(DENIAL_CATEGORIES),
            denial: c.find(DENIAL_CATEGORY),
            defied: ids(DEFIED_CATEGORIES),
            mocked: ids(SARCASM_CATEGORIES),
            mockery: c.find(SARCASM_CATEGORY),
            hedge: c.find(HEDGE_CATEGORY),
            warning: ids(NOTICE_WARNING_CATEGORIES),
            historical: ids(HISTORICAL_CATEGORIES),
            disaster: ids(DISASTER_CATEGORIES),
            reciprocal: c.find(RECIPROCAL_CATEGORY),
            own_act: ids(OWN_ACT_CATEGORIES),
            announced: ids(ANNOUNCED_CATEGORIES),
            universal: ids(UNIVERSAL_CATEGORIES),
            complained: ids(COMPLAINED_CATEGORIES),
            accusation: c.find(COMPLAINED_CATEGORY),
            conceded: c.find(CONCEDED_CATEGORY),
            mentioned: ids(MENTION_CATEGORIES),
            body: ids(BODY_CATEGORIES),
            grievance: c.find(HOLLOW_GRIEVANCE_CATEGORY),
            strong: ids(&[
                c.strong_names(Side::Hostile),
                c.strong_names(Side::Cooperative),
            ]
            .concat()),
        }
    }
}

impl std::fmt::Debug for Scorer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scorer")
            .field("mode", &self.mode)
            .field("checksum", &self.checksum())
            .finish()
    }
}

/// Options for a [`Scorer`]: language mode and user lexicon files.
#[derive(Debug, Clone)]
pub struct ScorerBuilder {
    mode: LangMode,
    sources: Vec<(Option<Lang>, String, Location)>,
    builtin: bool,
}

impl Default for ScorerBuilder {
    fn default() -> ScorerBuilder {
        ScorerBuilder {
            mode: LangMode::Auto(Lang::En),
            sources: Vec::new(),
            builtin: true,
        }
    }
}

impl ScorerBuilder {
    /// Sets how languages are chosen (default: auto, ties to English).
    pub fn lang(&mut self, mode: LangMode) -> &mut ScorerBuilder {
        self.mode = mode;
        self
    }

    /// Adds a user lexicon source (TSV text) for one language, or for all when `lang` is `None`.
    /// Its entries replace built-in entries with the same term and add new ones.
    pub fn lexicon(
        &mut self,
        lang: Option<Lang>,
        text: &str,
        origin: Location,
    ) -> &mut ScorerBuilder {
        self.sources.push((lang, text.to_string(), origin));
        self
    }

    /// Starts from empty lexicons instead of the built-in ones.
    pub fn without_builtin(&mut self) -> &mut ScorerBuilder {
        self.builtin = false;
        self
    }

    /// Loads, validates and compiles the lexicons.
    pub fn build(&self) -> Result<Scorer> {
        let categories = Categories::builtin()?;
        let mut models = Vec::new();
        for lang in Lang::ALL {
            let mut lexicon = if self.builtin {
                Lexicon::builtin(lang, &categories)?
            } else {
                Lexicon::empty(lang)
            };
            for (l, text, origin) in &self.sources {
                if l.is_none_or(|l| l == lang) {
                    lexicon.add_source(text, origin, &categories)?;
                }
            }
            let context = ContextWords::new(lexicon.context());
            let matcher = Matcher::from_lexicon(lexicon)?;
            let entry_roles = context.entry_roles(matcher.entries());
            models.push(LangModel {
                matcher,
                context,
                entry_roles,
            });
        }
        let mut sources = Vec::new();
        if self.builtin {
            sources.push("built-in".to_string());
        }
        for (l, _, origin) in &self.sources {
            let name = match (&origin.path, &origin.source) {
                (Some(p), _) => p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                (None, Some(s)) => s.clone(),
                (None, None) => "user lexicon".to_string(),
            };
            sources.push(match l {
                Some(l) => format!("{name} ({l})"),
                None => name,
            });
        }
        Ok(Scorer {
            sources,
            ids: RuleCategories::resolve(&categories),
            categories,
            vocab: shared_vocab(&models),
            models,
            mode: self.mode,
        })
    }
}

/// A statement longer than this many bytes is long: it waits for room in [`LONG_BUDGET`]
/// before it is scored, and its thread's buffers are trimmed after it (see
/// [`Scorer::score_reusing`]). Speeches of a few pages are shorter and score on every thread
/// at once.
pub const LONG_STATEMENT: usize = 128 << 10;

/// The long statements being scored at any one time total at most this many bytes (a longer
/// one is scored alone), whatever the number of threads.
pub const LONG_BUDGET: usize = 1 << 20;

/// Tokens' worth of room each buffer of [`Scratch`] keeps after a long statement: about that
/// of a [`LONG_STATEMENT`] statement of short words.
const KEEP_TOKENS: usize = 32 << 10;

/// The bytes of long statements being scored, with a wait for room: see
/// [`Scorer::score_reusing`].
struct LongGate {
    in_use: Mutex<usize>,
    freed: Condvar,
}

static LONG_GATE: LongGate = LongGate {
    in_use: Mutex::new(0),
    freed: Condvar::new(),
};

impl LongGate {
    /// Waits until a statement of `bytes` fits in [`LONG_BUDGET`] with the others being
    /// scored (at once, when none is), and takes its room until the turn is dropped.
    fn enter(&'static self, bytes: usize) -> LongTurn {
        let bytes = bytes.min(LONG_BUDGET);
        // Nothing panics while the lock is held, and a count is still right after a panic
        // elsewhere: poisoning is ignored.
        let mut in_use = self.in_use.lock().unwrap_or_else(PoisonError::into_inner);
        while *in_use > 0 && *in_use + bytes > LONG_BUDGET {
            in_use = self
                .freed
                .wait(in_use)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *in_use += bytes;
        LongTurn { gate: self, bytes }
    }
}

/// A long statement's room in [`LONG_GATE`], given back when dropped.
struct LongTurn {
    gate: &'static LongGate,
    bytes: usize,
}

impl Drop for LongTurn {
    fn drop(&mut self) {
        let mut in_use = self
            .gate
            .in_use
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *in_use = in_use.saturating_sub(self.bytes);
        self.gate.freed.notify_all();
    }
}

/// Per-thread buffers reused between statements.
#[derive(Default)]
struct Scratch {
    tokens: Tokens,
    /// Each token's [`VocabEntry::ids`].
    word_ids: Vec<[u32; 2]>,
    /// Each token's [`VocabEntry::marks`].
    marks: Vec<[u32; 2]>,
    /// The union of `marks`, per language: [`Marks::any`] without a pass over the tokens.
    present: [u32; 2],
    match_scratch: MatchScratch,
    units: Vec<RawUnit>,
    per_cat: Vec<f64>,
    rules: RuleScratch,
}

/// Buffers of [`Scorer::apply_rules`], kept between statements.
#[derive(Default)]
struct RuleScratch {
    /// The buffer the hits go into, handed over by [`Scorer::score_reusing`].
    recycled: Vec<Hit>,
    /// What [`Units`] counted for this statement.
    counts: UnitCounts,
    contrast_at: Vec<Option<usize>>,
    opens_sentence: Vec<bool>,
    conditions: Vec<(usize, usize, u32)>,
    clauses: Vec<(u32, usize)>,
}

impl Scratch {
    /// Empties the buffers and gives back the room a long statement took beyond
    /// [`KEEP_TOKENS`] tokens.
    fn trim(&mut self) {
        use crate::text::empty_to;
        const KEEP: usize = KEEP_TOKENS;
        self.tokens.trim(KEEP);
        empty_to(&mut self.word_ids, KEEP);
        empty_to(&mut self.marks, KEEP);
        self.match_scratch.trim(KEEP);
        empty_to(&mut self.units, KEEP);
        let r = &mut self.rules;
        empty_to(&mut r.recycled, KEEP);
        empty_to(&mut r.contrast_at, KEEP);
        empty_to(&mut r.opens_sentence, KEEP);
        empty_to(&mut r.conditions, KEEP);
        empty_to(&mut r.clauses, KEEP);
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Tone(u32),
    Negator,
    ClauseNegator,
    Reverser,
    /// Undoes the hostile entry before it ([`ModifierKind::PostReverser`]).
    PostReverser,
    Intensity(f64),
    /// A contrast word; `opening` for an `opening-contrast` one (which opens its sentence).
    Contrast {
        opening: bool,
    },
    Conditional,
    Skip,
    Plain,
    /// A tone entry that is part of a proper name: not scored, but it still ends the rule
    /// windows of the entries after it, as an entry does.
    Name,
}

/// A unit: tokens `start..end`, with the clause and sentence of its first token kept here
/// because the rule windows compare them for every unit they step over.
#[derive(Debug, Clone, Copy)]
struct RawUnit {
    start: u32,
    end: u32,
    clause: u32,
    sentence: u32,
    kind: Kind,
}

impl RawUnit {
    fn tokens(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Scorer {
    /// A scorer with the built-in English and Spanish lexicons and automatic language choice.
    pub fn new() -> Result<Scorer> {
        Scorer::builder().build()
    }

    /// A builder for options.
    pub fn builder() -> ScorerBuilder {
        ScorerBuilder::default()
    }

    /// The lexicon sources in use, in load order: "built-in" and user file names.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The category table.
    pub fn categories(&self) -> &Categories {
        &self.categories
    }

    /// The language mode.
    pub fn mode(&self) -> LangMode {
        self.mode
    }

    /// The lexicon used for `lang`.
    pub fn lexicon(&self, lang: Lang) -> &Lexicon {
        self.model(lang).matcher.lexicon()
    }

    fn model(&self, lang: Lang) -> &LangModel {
        // Built with one model per Lang::ALL entry, in order.
        &self.models[lang.index()]
    }

    /// A checksum over every lexicon source in use and the category table, for reports and
    /// reproducibility.
    pub fn checksum(&self) -> u64 {
        let lexicons = self.models.iter().fold(0u64, |acc, m| {
            acc.rotate_left(17) ^ m.matcher.lexicon().checksum()
        });
        lexicons.rotate_left(17) ^ self.categories.checksum()
    }

    /// Whether `hit` sets the outer band of a statement whose weights sum to `raw`: it lies on
    /// the side the sum leans to with at least [`STRONG_HIT_MIN`] of weight, its category is a
    /// strong kind (or it is the speaker's own coercive act, [`Rules::OWN_ACT`]), and no rule
    /// turned it to the other side (a negated truce reported as a threat is not a threat
    /// made). See [`band`].
    pub fn sets_band(&self, hit: &Hit, raw: f64) -> bool {
        let lean = raw.signum();
        raw != 0.0
            && hit.weight * lean >= STRONG_HIT_MIN
            && hit.base * lean > 0.0
            && (self.ids.strong.contains(&hit.category) || hit.rules.contains(Rules::OWN_ACT))
    }

    /// The lexicon term of a hit in a statement scored as `lang`.
    pub fn term(&self, lang: Lang, hit: &Hit) -> &str {
        self.model(lang)
            .matcher
            .entries()
            .get(hit.entry as usize)
            .map_or("", |e| e.term.as_str())
    }

    /// The lexicon terms of `lang` in the order of [`Hit::entry`]: what [`Scorer::term`] gives
    /// for each entry.
    pub(crate) fn terms(&self, lang: Lang) -> impl Iterator<Item = &str> {
        self.model(lang)
            .matcher
            .entries()
            .iter()
            .map(|e| e.term.as_str())
    }

    /// Scores one statement.
    pub fn score(&self, text: &str) -> Score {
        let mut out = Score::default();
        self.score_reusing(text, &mut out);
        out
    }

    /// Scores one statement attributed to `speaker` (a name, as in a quotes table's speaker
    /// column): a sentence that relays an act is the speaker's own when the speaker is named
    /// in its clause ("Petro acusó a Washington de injerencia", speaker "Petro"), as it is
    /// with a first-person word, and its hostile hits are not relayed. An empty name is no
    /// speaker: the same as [`Scorer::score`].
    pub fn score_as(&self, text: &str, speaker: &str) -> Score {
        let mut out = Score::default();
        self.score_reusing_as(text, speaker, &mut out);
        out
    }

    /// Scores `text` into `out`, reusing the memory of `out`'s hits: the same [`Score`] as
    /// [`Scorer::score`] gives, without an allocation per statement when scoring many.
    ///
    /// A statement longer than [`LONG_STATEMENT`] bytes waits for its turn at the long
    /// statements' budget ([`LONG_BUDGET`]: a few such statements, on any threads, at once), and
    /// its thread's buffers are given back once it is scored: the memory a statement takes
    /// grows with its length (some 40 bytes per byte of text), so that is what keeps a
    /// process's memory bounded whatever the number of threads.
    pub fn score_reusing(&self, text: &str, out: &mut Score) {
        self.score_reusing_as(text, "", out);
    }

    /// [`Scorer::score_reusing`] for a statement attributed to `speaker` (see
    /// [`Scorer::score_as`]).
    pub fn score_reusing_as(&self, text: &str, speaker: &str, out: &mut Score) {
        self.score_reusing_named(text, speaker.as_bytes(), out);
    }

    /// [`Scorer::score_reusing_as`] with the speaker's name as bytes, as a table's field holds
    /// it (checked as UTF-8 with its row; read as text only when a relayed sentence asks).
    pub(crate) fn score_reusing_named(&self, text: &str, speaker: &[u8], out: &mut Score) {
        let mut hits = std::mem::take(&mut out.hits);
        let long = text.len() > LONG_STATEMENT;
        if !long && hits.capacity() > KEEP_TOKENS {
            // The last statement scored into `out` was long; this one does not need its room.
            hits = Vec::new();
        }
        let _turn = long.then(|| LONG_GATE.enter(text.len()));
        *out = SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                let score = self.score_into(text, speaker, &mut s, hits);
                if long {
                    s.trim();
                }
                score
            }
            // Re-entrant use from the same thread cannot happen through this API; fall back to
            // fresh buffers rather than panic.
            Err(_) => self.score_into(text, speaker, &mut Scratch::default(), hits),
        });
    }

    /// Scores one statement and lists every word or phrase with its role.
    pub fn explain(&self, text: &str) -> Explanation {
        self.explain_as(text, "")
    }

    /// [`Scorer::explain`] for a statement attributed to `speaker` (see
    /// [`Scorer::score_as`]).
    pub fn explain_as(&self, text: &str, speaker: &str) -> Explanation {
        let mut s = Scratch::default();
        let score = self.score_into(text, speaker.as_bytes(), &mut s, Vec::new());
        // The same lookups again, on the tokens score_into left, for the evidence.
        let (_, guess) = self.look_up_why(text, &mut s);
        let roles = self.context_roles(score.lang, &s);
        let mut hit = 0usize;
        let units = s
            .units
            .iter()
            .map(|u| {
                let toks = s.tokens.tokens();
                let span = (
                    toks[u.start as usize].span.0,
                    toks[u.end as usize - 1].span.1,
                );
                let role = match u.kind {
                    Kind::Tone(_) => {
                        hit += 1;
                        Role::Hit(hit - 1)
                    }
                    Kind::Negator => Role::Negator,
                    Kind::ClauseNegator => Role::ClauseNegator,
                    Kind::Reverser => Role::Reverser,
                    Kind::PostReverser => Role::PostReverser,
                    Kind::Intensity(v) => Role::Intensity(v),
                    Kind::Contrast { .. } => Role::Contrast,
                    Kind::Conditional => Role::Conditional,
                    Kind::Skip => Role::Skip,
                    Kind::Plain => Role::Plain,
                    Kind::Name => Role::Name,
                };
                let mut context: Vec<ContextRole> = roles
                    .get(u.tokens())
                    .unwrap_or(&[])
                    .iter()
                    .flatten()
                    .copied()
                    .collect();
                // A clitic acts only as a word of its own (right after a negator), not
                // inside an entry ("hasta que se arrodillen").
                if !matches!(role, Role::Plain) {
                    context.retain(|&r| r != ContextRole::Clitic);
                }
                context.sort();
                context.dedup();
                Unit {
                    text: text
                        .get(span.0 as usize..span.1 as usize)
                        .unwrap_or("")
                        .to_string(),
                    span,
                    role,
                    context,
                }
            })
            .collect();
        Explanation {
            score,
            units,
            guess,
        }
    }

    /// Calls `f` with the language and each folded word of `text` that no lexicon entry,
    /// modifier or context word covers (for `detente lexicon coverage`).
    pub fn uncovered(&self, text: &str, mut f: impl FnMut(Lang, &str)) {
        let mut s = Scratch::default();
        s.tokens.tokenize(text);
        let lang = self.look_up(text, &mut s);
        // Context words ("said", "según", "we") are covered too: the rules look for them.
        let roles = self.context_roles(lang, &s);
        let tokens = &s.tokens;
        self.model(lang)
            .matcher
            .walk(tokens, &mut s.match_scratch, |start, _, target| {
                if target.is_none() && roles.get(start).is_none_or(Vec::is_empty) {
                    f(lang, tokens.folded(start));
                }
            });
    }

    /// Each token's context roles in `lang` (the tokens and marks of `s`, as
    /// [`Scorer::look_up`] left them): the one-word roles from the vocabulary's flags, relay
    /// markers and shared targets where they occur. For explain and coverage, not scoring.
    fn context_roles(&self, lang: Lang, s: &Scratch) -> Vec<Vec<ContextRole>> {
        let mut roles: Vec<Vec<ContextRole>> = vec![Vec::new(); s.tokens.tokens().len()];
        let marks = Marks::new(&s.marks, lang.index());
        let toks = s.tokens.tokens();
        // A `than` word ("que" in most Spanish sentences) is shown only where a comparative
        // before it in its sentence could use it.
        let compared = |i: usize| {
            let sentence = toks.get(i).map(|t| t.sentence);
            (0..i)
                .rev()
                .take_while(|&j| toks.get(j).map(|t| t.sentence) == sentence)
                .any(|j| marks.get(j) & COMPARATIVE_WORD != 0)
        };
        for (i, r) in roles.iter_mut().enumerate() {
            for role in ContextRole::ALL {
                let bit = role_mark(role);
                if bit != 0 && marks.get(i) & bit != 0 && (role != ContextRole::Than || compared(i))
                {
                    r.push(role);
                }
            }
        }
        for (role, from, to) in self.model(lang).context.occurrences(&s.tokens) {
            for r in roles.iter_mut().take(to).skip(from) {
                r.push(role);
            }
        }
        roles
    }

    /// Looks up each token of `s.tokens` once (its word ids and marks into `s`) and returns the
    /// statement's language: the fixed one, or under `--lang auto` the guess from function
    /// words ([`crate::text::guess_lang`]'s votes), a tie broken by [`Scorer::lexicon_cover`],
    /// and a tie there by the default.
    fn look_up(&self, text: &str, s: &mut Scratch) -> Lang {
        self.look_up_why(text, s).0
    }

    /// [`Scorer::look_up`] with the evidence of the guess ([`Explanation::guess`]).
    fn look_up_why(&self, text: &str, s: &mut Scratch) -> (Lang, Option<LangGuess>) {
        // The buffers are sized first and filled in place: no capacity check or length update
        // per token.
        let n = s.tokens.tokens().len();
        s.word_ids.clear();
        s.word_ids.resize(n, [NO_WORD; 2]);
        s.marks.clear();
        s.marks.resize(n, [0; 2]);
        let (mut en, mut es) = (0usize, 0usize);
        let mut present = [0u32; 2];
        for (i, (ids, marks)) in s.word_ids.iter_mut().zip(s.marks.iter_mut()).enumerate() {
            let e = self.vocab.token(&s.tokens, i);
            en += usize::from(e.marks[Lang::En.index()] & FUNCTION_WORD != 0);
            es += usize::from(e.marks[Lang::Es.index()] & FUNCTION_WORD != 0);
            present[0] |= e.marks[0];
            present[1] |= e.marks[1];
            *ids = e.ids;
            *marks = e.marks;
        }
        s.present = present;
        match self.mode {
            LangMode::Fixed(l) => (l, None),
            LangMode::Auto(default) => {
                let votes = vote_counts(text, en, es);
                match larger(votes) {
                    Some(l) => (
                        l,
                        Some(LangGuess {
                            votes,
                            lexicon: None,
                        }),
                    ),
                    None => {
                        let covered = self.lexicon_cover(s);
                        let guess = LangGuess {
                            votes,
                            lexicon: Some(covered),
                        };
                        (larger(covered).unwrap_or(default), Some(guess))
                    }
                }
            }
        }
    }

    /// For a statement the function words leave undecided (often a short one with none at
    /// all: "Amenazas ilegales", "Gracias, presidente", "Great talk"): how many of its words
    /// each language's tone entries cover, English then Spanish; the larger wins.
    fn lexicon_cover(&self, s: &mut Scratch) -> [usize; 2] {
        let mut covered = [0usize; 2];
        for lang in Lang::ALL {
            let li = lang.index();
            let mut n = 0;
            self.model(lang).matcher.walk_with(
                &s.tokens,
                id_in(&s.word_ids, li),
                &mut s.match_scratch,
                |start, end, target| {
                    if matches!(target, Some(MatchTarget::Tone(_))) {
                        n += end - start;
                    }
                },
            );
            if let Some(c) = covered.get_mut(li) {
                *c = n;
            }
        }
        covered
    }

    /// Scores `text`, attributed to `speaker` (empty for none), with the buffers of `s`; the
    /// hits go into `hits` (cleared first).
    fn score_into(&self, text: &str, speaker: &[u8], s: &mut Scratch, hits: Vec<Hit>) -> Score {
        s.rules.recycled = hits;
        s.tokens.tokenize(text);
        // One lookup per token serves the language guess and the matcher.
        let lang = self.look_up(text, s);
        let model = self.model(lang);
        let (ids, li) = (&s.word_ids, lang.index());
        let marks = Marks::with_present(&s.marks, li, s.present[li.min(1)]);
        // The units are built as the phrase search reports each match and each word between.
        s.units.clear();
        // A unit per token at most: room for that, not twice what a long statement needs.
        s.units.reserve_exact(s.tokens.tokens().len());
        let mut units = Units {
            tokens: &s.tokens,
            marks,
            matcher: &model.matcher,
            out: &mut s.units,
            counts: UnitCounts::default(),
            named: self.ids.named,
        };
        model.matcher.walk_with(
            &s.tokens,
            id_in(ids, li),
            &mut s.match_scratch,
            |start, end, target| units.push(start, end, target),
        );
        s.rules.counts = units.counts;
        let hits = self.apply_rules(
            lang,
            text,
            speaker,
            &s.tokens,
            &s.units,
            model,
            marks,
            &mut s.rules,
        );
        self.summarize(lang, hits, &mut s.per_cat)
    }

    #[allow(clippy::too_many_arguments)]
    fn apply_rules(
        &self,
        lang: Lang,
        text: &str,
        speaker: &[u8],
        tokens: &Tokens,
        units: &[RawUnit],
        model: &LangModel,
        marks: Marks<'_>,
        scratch: &mut RuleScratch,
    ) -> Vec<Hit> {
        let matcher = &model.matcher;
        let RuleScratch {
            recycled,
            counts,
            contrast_at,
            opens_sentence,
            conditions,
            clauses,
        } = scratch;
        let counts = *counts;
        let toks = tokens.tokens();
        let sentences = tokens.sentences();
        let all_caps = tokens.all_caps();
        let clause_of = |u: &RawUnit| u.clause;
        let sentence_of = |u: &RawUnit| u.sentence;

        // Per sentence, the last contrast word decides before/after. A contrast word that opens
        // a sentence ("... . However, ...") contrasts it with the sentence before.
        let n_sent = sentences.len().max(1);
        contrast_at.clear();
        contrast_at.resize(n_sent, None);
        opens_sentence.clear();
        opens_sentence.resize(n_sent, false);
        let additive = counts.contrasts > 0 && marks.any(ADDITIVE_WORD);
        for (k, u) in units.iter().enumerate().filter(|_| counts.contrasts > 0) {
            // "..., but we will also help": an addition, not a turn (a contrast only where it
            // opens its sentence, "Now return the ship too", still turns).
            if matches!(u.kind, Kind::Contrast { opening: false })
                && additive
                && added(units, &marks, k)
            {
                continue;
            }
            if matches!(u.kind, Kind::Contrast { .. }) {
                let sent = sentence_of(u) as usize;
                if let Some(slot) = contrast_at.get_mut(sent) {
                    *slot = Some(k);
                }
                let mut first = sentence_opening(&units[..k], u.sentence).is_some();
                // A concession opening its sentence ("Although differences remain, it was a
                // productive meeting"): the turn is where its clause ends, so the concession
                // weighs less and the main clause more, as around "but"; the sentence before
                // is left alone.
                if first
                    && marks.get(u.start as usize) & CONCESSIVE_WORD != 0
                    && let Some(main) = main_clause_after(units, k)
                {
                    first = false;
                    if let Some(slot) = contrast_at.get_mut(sent) {
                        *slot = Some(main);
                    }
                }
                if let Some(o) = opens_sentence.get_mut(sent) {
                    *o = first;
                }
            }
        }
        // Condition regions: unit index ranges [from, to) after each conditional word.
        conditions.clear();
        // The region before it in the same clause, (clause, end): when it ends past this
        // word's first unit, it ends where this one's does, as nothing stopped it in between
        // (so a long clause full of conditional words is read once).
        let mut before: Option<(u32, usize)> = None;
        for (k, u) in units.iter().enumerate().filter(|_| counts.conditionals > 0) {
            if !matches!(u.kind, Kind::Conditional) {
                continue;
            }
            let clause = clause_of(u);
            if let Some((c, end)) = before
                && c == clause
                && end >= k + 2
            {
                conditions.push((k + 1, end, sentence_of(u)));
                continue;
            }
            let mut end = k + 1;
            while end < units.len() && clause_of(&units[end]) == clause {
                if end >= k + 2
                    && matches!(units[end].kind, Kind::Plain)
                    && marks.get(units[end].start as usize) & CONSEQUENCE_WORD != 0
                {
                    break;
                }
                end += 1;
            }
            before = Some((clause, end));
            conditions.push((k + 1, end, sentence_of(u)));
        }

        // At most one allocation for the hits the statement will have (growing one by one
        // cost more), none when the caller's buffer is large enough.
        let mut hits = std::mem::take(recycled);
        hits.clear();
        hits.reserve(counts.tones);
        clauses.clear();
        // One pair per hit; exactly, not doubled, as the hits of a long statement are many.
        clauses.reserve_exact(counts.tones);
        let mut threat_scan = ThreatScan::default();
        let mut retorts = RetortScan::default();
        // A clitic takes no step only right after a negator: most statements have none.
        let proclitics = counts.negators + counts.clause_negators > 0 && marks.any(CLITIC_WORD);
        // How many condition regions start at or before the hit, the furthest end among them,
        // and the first region not in a sentence before the hit's.
        let mut cursors = ConditionCursors::default();
        let post_reversers = counts.post_reversers > 0;
        let universals = marks.any(UNIVERSAL_WORD);
        let complaints = marks.any(COMPLAINT_WORD);
        let (mut than, mut compared) = (Ahead::default(), Ahead::default());
        for (k, u) in units.iter().enumerate() {
            let Kind::Tone(entry_idx) = u.kind else {
                continue;
            };
            let Some(entry) = matcher.entries().get(entry_idx as usize) else {
                continue;
            };
            let mut rules = Rules::default();
            let mut weight = entry.weight;
            let mut category = entry.category;

            // Negators and intensity words in the window before the hit.
            let (mut negators, mut intensity, mut steps) = (0usize, 0.0f64, 0usize);
            let mut reversers = 0usize;
            let mut blocked = false;
            // Blocked by a subordinator, barrier or comparison word with no entry between it
            // and this one; and a negator seen beyond such a word (the `negation-stopped`
            // rule, so that explain says why a negator did not act).
            let (mut shielded, mut stopped) = (false, false);
            // The plain words within the negation window, for the denial rule: a description
            // of the speaker ("I am", "we're", "soy") among them. Looked at only when the
            // entry turns out negated.
            let mut plain_in_window = [usize::MAX; NEGATION_WINDOW];
            // A first-person clitic passed over right after a negator ("nadie nos va a
            // chantajear"): the speaker is the object, as in `speaker_as_object`.
            let mut object_clitic = false;
            let (clause, sentence) = (clause_of(u), sentence_of(u));
            for j in (0..k).rev() {
                let p = &units[j];
                if clause_of(p) != clause || sentence_of(p) != sentence {
                    // "We will not, under any circumstances, attack": a negator just before a
                    // short aside reaches past it ([`ASIDE_MAX`]).
                    if !blocked
                        && sentence_of(p) == sentence
                        && let Some(distance) = negator_before_aside(units, &marks, j)
                        && steps + distance <= NEGATION_WINDOW
                    {
                        negators += 1;
                    }
                    break;
                }
                if matches!(p.kind, Kind::Contrast { .. } | Kind::Conditional) {
                    break;
                }
                if matches!(p.kind, Kind::Skip) {
                    continue;
                }
                // A clitic right after a negator takes no step: "no te vamos a amenazar"
                // reaches its entry as "no vamos a amenazar" does.
                if proclitics && matches!(p.kind, Kind::Plain) {
                    let m = marks.get(p.start as usize);
                    if m & CLITIC_WORD != 0 && after_negator(units, j) {
                        object_clitic |=
                            m & FIRST_PERSON_OBJECT_WORD != 0 && !reflexive(tokens, p.end as usize);
                        continue;
                    }
                }
                steps += 1;
                // Past the windows only a clause negator ("never again will our nations be
                // enemies") can still act, and only until an entry or a subordinator.
                if steps > NEGATION_WINDOW.max(BOOSTER_WINDOW)
                    && (counts.clause_negators == 0 || blocked)
                {
                    break;
                }
                if matches!(p.kind, Kind::Plain)
                    && let Some(slot) = plain_in_window.get_mut(steps - 1)
                {
                    *slot = p.start as usize;
                }
                match p.kind {
                    // A `preposition` negator reaches a noun phrase ("without any prior
                    // consultation"), not a predicate after it. Tested only where it would
                    // act, so the words between are few (and each region is scanned for the
                    // hit after it alone: linear in a long statement).
                    Kind::Negator
                        if steps <= NEGATION_WINDOW
                            && !blocked
                            && marks.get(p.start as usize) & PREPOSITION_WORD != 0
                            && past_predicate(units, &marks, j, k) => {}
                    // A negator belongs to the first entry after it: "wouldn't negotiate with
                    // that clown" negates the negotiation, not the insult.
                    Kind::Negator if steps <= NEGATION_WINDOW && !blocked => negators += 1,
                    Kind::ClauseNegator if !blocked => negators += 1,
                    Kind::Negator if steps <= NEGATION_WINDOW && shielded => stopped = true,
                    Kind::ClauseNegator if shielded => stopped = true,
                    // Undoing an accusation or insult ("eliminate the terrorists") is no
                    // de-escalation: reversers leave those categories alone.
                    Kind::Reverser
                        if steps <= NEGATION_WINDOW
                            && !blocked
                            && !self.ids.reversal_exempt.contains(&category) =>
                    {
                        reversers += 1
                    }
                    Kind::Intensity(v) if steps <= BOOSTER_WINDOW => {
                        intensity += v * BOOSTER_DECAY[steps - 1];
                    }
                    Kind::Tone(e) => {
                        // Negative concord with the negator an entry carries: "no toleraremos
                        // ninguna agresión" is one negation, spent on the entry; the aggression
                        // is what is not tolerated, not denied. A cooperative object is still
                        // refused: "no firmaremos ningún protocolo".
                        if negators > 0
                            && entry.weight < 0.0
                            && concord_after(lang, matcher, units, j, e)
                        {
                            negators = 0;
                            stopped = true;
                        }
                        blocked = true;
                        shielded = false;
                    }
                    Kind::Name => {
                        blocked = true;
                        shielded = false;
                    }
                    _ => {}
                }
                // A subordinator opens a clause of its own: a negator before it belongs to
                // the main clause ("we will not stop until peace comes", "not bigger than
                // our friendship"); a barrier's object is not negated ("we will never forget
                // your solidarity").
                let m = marks.get(p.start as usize);
                // A comparative with "than" after the entry makes the negation a superlative:
                // "there is no greater threat than ...", "no hay mayor amenaza ... que"; so
                // does one right after an existential negation: "there is no greater threat".
                if m & (SUBORDINATOR_WORD | BARRIER_WORD) != 0
                    || (m & COMPARATIVE_WORD != 0
                        && (than_after(toks, marks, u.end as usize, &mut than)
                            || existential_negation(units, marks, j)))
                {
                    shielded |= !blocked;
                    blocked = true;
                }
            }
            if intensity > 0.0 {
                rules.insert(Rules::BOOSTED);
            } else if intensity < 0.0 {
                rules.insert(Rules::DAMPENED);
            }
            weight *= (1.0 + intensity).max(INTENSITY_FLOOR);

            if !all_caps && toks[u.tokens()].iter().all(|t| t.caps) {
                weight *= CAPS_SCALAR;
                rules.insert(Rules::CAPS);
            }
            if let Some(sent) = sentences.get(sentence as usize) {
                if sent.exclamations > 0 {
                    weight *= 1.0 + EXCLAIM_STEP * f64::from(sent.exclamations.min(EXCLAIM_MAX));
                    rules.insert(Rules::EXCLAIMED);
                }
                if sent.question {
                    weight *= QUESTION_SCALAR;
                    rules.insert(Rules::QUESTION);
                }
            }
            let sent = sentence as usize;
            let here = contrast_at.get(sent).copied().flatten();
            let next_opens = contrast_at.get(sent + 1).copied().flatten().is_some()
                && opens_sentence.get(sent + 1).copied().unwrap_or(false);
            match here {
                // At or after the turn: a contrast word is no hit, but a concession's turn is
                // the main clause's first unit, which may be one.
                Some(c) if k >= c => {
                    weight *= CONTRAST_AFTER;
                    rules.insert(Rules::AFTER_CONTRAST);
                }
                Some(c) if k < c && !opens_sentence.get(sent).copied().unwrap_or(false) => {
                    weight *= CONTRAST_BEFORE;
                    rules.insert(Rules::BEFORE_CONTRAST);
                }
                _ if next_opens => {
                    weight *= CONTRAST_BEFORE;
                    rules.insert(Rules::BEFORE_CONTRAST);
                }
                _ => {}
            }
            // The regions in order of their starts, and the hits in text order: cursors
            // instead of a search of every region per hit (most statements have none).
            let (in_condition, conditional_sentence) = if conditions.is_empty() {
                (false, false)
            } else {
                condition_cursors(conditions, k, sentence, &mut cursors)
            };
            if in_condition
                && entry.weight < 0.0
                && marks.any(RETORT_KEY)
                && let Some(threat) = self.ids.threat
                && retorted(
                    &model.context,
                    tokens,
                    marks,
                    units,
                    conditions,
                    k,
                    &mut retorts,
                )
            {
                // "If they want a trade war, they will get one": the condition names what
                // is threatened.
                category = threat;
                rules.insert(Rules::RETORT);
            } else if in_condition {
                weight *= CONDITION_SCALAR;
                rules.insert(Rules::IN_CONDITION);
            } else if conditional_sentence
                && self.ids.conditional.contains(&category)
                && let Some(threat) = self.ids.threat
            {
                category = threat;
                rules.insert(Rules::CONDITIONAL_THREAT);
            } else if self.ids.conditional.contains(&category)
                && direct_threat(lang, tokens, marks, units, k, clause, &mut threat_scan)
                && let Some(threat) = self.ids.threat
            {
                // "We will strike", "atacaremos": force announced by the speaker is a threat.
                category = threat;
                rules.insert(Rules::DIRECT_THREAT);
            } else if self.ids.announced.contains(&category)
                && announced(lang, tokens, marks, u.start as usize)
                && let Some(threat) = self.ids.threat
            {
                // "Any vessel entering the channel will be fired upon": a warning.
                category = threat;
                rules.insert(Rules::ANNOUNCED);
            } else if universals
                && self.ids.universal.contains(&category)
                && universal(lang, tokens, marks, u.start as usize)
                && let Some(threat) = self.ids.threat
            {
                // "Any tanker carrying their oil will be seized": promised to whoever does it.
                category = threat;
                rules.insert(Rules::UNIVERSAL);
            } else if complaints
                && self.ids.complained.contains(&category)
                && complained(tokens, marks, u.start as usize, u.end as usize)
                && let Some(accusation) = self.ids.accusation
            {
                // "Deeply concerned by the repeated incursions of their patrol boats": the
                // act complained of is an accusation, not force used or threatened.
                category = accusation;
                rules.insert(Rules::COMPLAINED);
            }
            // "The sanctions ... will be lifted", "the tariff war is over": a post-reverser
            // later in the clause undoes a hostile entry as a reverser before it would.
            if post_reversers && self.post_reversed(entry, units, &marks, k) {
                reversers += 1;
            }
            // Negative concord: "no es patio trasero de nadie" is one negative, not two.
            let would_negate = super::context::negated(lang, negators, reversers)
                && !matcher.carries_negator(entry_idx as usize);
            // An entry opening a clause of its own ("until they beg"), or followed by a
            // comparison ("nothing threatens us more than ..."), keeps its sign; so does one
            // that opens with a comparative in a superlative ("no hay mejor amigo que ...",
            // "no hay mejor amigo").
            let first = marks.get(u.start as usize);
            if would_negate
                && (first & SUBORDINATOR_WORD != 0
                    || compared_after(toks, marks, u.end as usize, &mut compared)
                    || (first & COMPARATIVE_WORD != 0
                        && (than_after(toks, marks, u.end as usize, &mut than)
                            || existential_negation(units, marks, k))))
            {
                stopped = true;
            } else if would_negate {
                // A one-word hostile relation ("we are not your enemies") reassures instead.
                let relation =
                    || u.end == u.start + 1 && marks.get(u.start as usize) & RELATION_WORD != 0;
                let described = || {
                    plain_in_window
                        .iter()
                        .any(|&i| i != usize::MAX && describes_speaker(marks, i))
                };
                if self.ids.denied.contains(&category)
                    && let Some(denial) = self.ids.denial
                    && described()
                    && !relation()
                {
                    // "I am not a criminal", "no soy narco": the speaker rejects a label.
                    weight *= DENIAL_SCALAR;
                    category = denial;
                    rules.insert(Rules::DENIED);
                } else if self.ids.defied.contains(&category)
                    && let Some(denial) = self.ids.denial
                    && (object_clitic || speaker_as_object(tokens, marks, u))
                {
                    // "They will not intimidate us", "no nos intimidarán": the speaker defies
                    // the pressure.
                    weight *= DEFIED_SCALAR;
                    category = denial;
                    rules.insert(Rules::DEFIED);
                } else {
                    weight *= NEGATION_SCALAR;
                    category = self.categories.get(category).when_negated;
                    rules.insert(Rules::NEGATED);
                }
            }
            if stopped {
                rules.insert(Rules::NEGATION_STOPPED);
            }
            // After negation: a negated sanction is reported as de-escalation and is no act.
            if !in_condition
                && !rules.contains(Rules::DIRECT_THREAT)
                && self.ids.own_act.contains(&category)
                && own_act(lang, tokens, marks, u.start as usize)
            {
                rules.insert(Rules::OWN_ACT);
            }
            clauses.push((clause, k));
            hits.push(Hit {
                entry: entry_idx,
                span: (
                    toks[u.start as usize].span.0,
                    toks[u.end as usize - 1].span.1,
                ),
                category,
                base: entry.weight,
                weight,
                rules,
            });
        }
        // Quotation marks and clock times are rare: one test passes most statements by.
        if tokens.has_quotes() || tokens.has_clock_time() {
            super::context::quoted_and_notice(text, tokens, &mut hits, &self.ids.warning, speaker);
        }
        if hits.len() > 1 && marks.any(TOPIC_WORD) {
            self.topics(&mut hits, clauses, units, marks);
        }
        // The historical rule ([`HISTORICAL_CATEGORIES`]): force that is dated
        // ([`dated_event`]), or any in a statement with a `commemoration` word, is past. Most
        // statements have no force hit.
        if hits
            .iter()
            .any(|h| h.weight < 0.0 && self.ids.historical.contains(&h.category))
        {
            let commemorated = marks.any(COMMEMORATION_WORD);
            let rule = (HISTORICAL_SCALAR, Rules::HISTORICAL);
            damp_hostile(
                &mut hits,
                clauses,
                units,
                &self.ids.historical,
                rule,
                |_, u| commemorated || dated_event(tokens, u),
            );
        }
        // The disaster rule ([`DISASTER_CATEGORIES`]): force or a threat word whose agent is
        // a `disaster` word ([`disaster_agent`]) is no party's act. Most statements name none.
        if marks.any(DISASTER_WORD) {
            let rule = (DISASTER_SCALAR, Rules::DISASTER);
            damp_hostile(
                &mut hits,
                clauses,
                units,
                &self.ids.disaster,
                rule,
                |k, u| disaster_agent(units, tokens, &marks, k, u),
            );
        }
        // Statements without a threat hit (most) skip the scan for hedge words.
        if hits.iter().any(|h| Some(h.category) == self.ids.threat) && marks.any(HEDGE_WORD) {
            self.hedges(&mut hits, clauses, units, marks);
        }
        self.endorsements(&mut hits, clauses);
        self.breaches(&mut hits, clauses, &model.entry_roles);
        self.hollow_denials(&mut hits, clauses, units, tokens, model.matcher.entries());
        // A marker's key word inside a contrast phrase of several words belongs to it
        // ("That said, their refusal is unacceptable" contrasts, it relays nothing).
        // Most statements have no contrast word: then there is nothing to look up (and the
        // test stays out of line, so the common path's code does not grow).
        let in_contrast = |i: usize| {
            units.iter().any(|u| {
                u.end - u.start > 1
                    && matches!(u.kind, Kind::Contrast { .. })
                    && u.tokens().contains(&i)
            })
        };
        // Nor does one inside a condition: "if a single crew member is put on trial, the
        // ambassador can pack his bags" reports no procedure, it names what would set off
        // the threat.
        // The regions as token ranges, in order and merged, for a search by bisection: a
        // long statement of many conditions and markers costs a pass, not a pass per marker.
        // Only when there is a marker to ask about.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        if marks.any(RELAY_KEY) {
            for &(from, to, _) in conditions.iter() {
                let Some((start, end)) = region_tokens(units, from, to) else {
                    continue;
                };
                match spans.last_mut() {
                    Some(last) if start <= last.1 => last.1 = last.1.max(end),
                    _ => spans.push((start, end)),
                }
            }
        }
        let in_condition = |i: usize| {
            let n = spans.partition_point(|&(start, _)| start <= i);
            n.checked_sub(1)
                .and_then(|n| spans.get(n))
                .is_some_and(|&(_, end)| i < end)
        };
        let either = |i: usize| (counts.contrasts > 0 && in_contrast(i)) || in_condition(i);
        let in_phrase: Option<&dyn Fn(usize) -> bool> = if !conditions.is_empty() {
            Some(&either)
        } else if counts.contrasts > 0 {
            Some(&in_contrast)
        } else {
            None
        };
        super::context::relayed(
            text,
            tokens,
            marks,
            &model.context,
            &mut hits,
            in_phrase,
            speaker,
        );
        self.demanded(&mut hits, clauses);
        super::context::sarcasm(
            text,
            tokens,
            marks,
            &model.context,
            &mut hits,
            (self.ids.mocked, self.ids.mockery),
            self.ids.shared_targets,
        );
        super::context::shared_target(
            tokens,
            &model.context,
            &mut hits,
            self.ids.shared_partners,
            self.ids.shared_targets,
        );
        super::context::solidarity(
            &model.entry_roles,
            &mut hits,
            self.ids.solidarity_partners,
            self.ids.shared_targets,
        );
        // Talk the speaker offers in the first person ("I will call", "llamaré") is no schedule;
        // looked for only in a statement whose hits are all talk (or all documents).
        let first_person = || {
            marks.any(FIRST_PERSON_WORD | FIRST_PERSON_FUTURE_WORD)
                || (lang == Lang::Es
                    && (0..tokens.tokens().len()).any(|i| future_verb_at(tokens, i)))
        };
        let dated = || model.context.dated(tokens);
        // Whether the statement is the speaker's own offer: worked out once, by whichever of
        // the two rules asks first.
        let mut offer: Option<bool> = None;
        let mut offered = || *offer.get_or_insert_with(first_person);
        super::context::talk_only(
            &mut hits,
            (self.ids.talk, self.ids.schedule),
            &mut offered,
            dated,
        );
        if marks.any(DOCUMENT_WORD | BODY_WORD) {
            self.mentions(
                &mut hits,
                clauses,
                units,
                (tokens, &model.context),
                marks,
                &mut offered,
            );
        }
        if hits.len() > 1 {
            turns(&mut hits, clauses, units);
        }
        // A concession: cooperative words before a turn to a part without any ("We value the
        // gesture, but their explanations are still not enough"). Only with a contrast word.
        if counts.contrasts > 0
            && hits
                .iter()
                .any(|h| h.rules.contains(Rules::BEFORE_CONTRAST))
        {
            self.concessions(
                &mut hits,
                clauses,
                units,
                marks,
                contrast_at,
                opens_sentence,
            );
        }
        // Reciprocal entries are few: most statements have no such hit.
        if hits.iter().any(|h| model.entry_roles.reciprocal(h.entry)) {
            self.reciprocity(&mut hits, &model.entry_roles);
        }
        hits
    }

    /// The mentioned rule: a statement whose hits are all a `document` word matched alone, an
    /// entry of [`MENTION_CATEGORIES`] ("treaty", "acuerdo", "ratification"), names a document
    /// and takes no stance towards it ("The treaty has 42 articles and two annexes, and will
    /// enter into force thirty days after ratification", "El texto del acuerdo se publicará
    /// en el Diario Oficial"): each hit counts [`MENTION_SCALAR`], unless the statement is
    /// the speaker's own (a first-person word, or a Spanish first-person future: `offered`).
    /// A verb of agreeing ("firmaron hoy el tratado") and a phrase ("signed the agreement",
    /// "acuerdo histórico") are not mentions, nor is a document word with a `signing` word
    /// before it in its clause, at most [`SIGNING_REACH`] tokens back ("signed the Lisk River
    /// Agreement": the thing signed). A partnership or dialogue entry
    /// ([`BODY_CATEGORIES`]) naming a body of the two governments is a mention too: a `body`
    /// word in its match ("comisión mixta"), at most [`BODY_REACH`] tokens after it ("joint
    /// border commission") or right before it ("comité mixto"), in its clause. Plain talk
    /// (the `talk-only` rule's hits: talk entries weaker than [`TALK_ONLY_MAX_BASE`]) may
    /// stand beside them: "The Foreign Minister will travel to Orelia for the fourth round of
    /// consultations on the Hollen basin agreement". `places` holds each hit's clause and
    /// unit.
    #[inline(never)]
    fn mentions(
        &self,
        hits: &mut [Hit],
        places: &[(u32, usize)],
        units: &[RawUnit],
        (tokens, context): (&Tokens, &ContextWords),
        marks: Marks<'_>,
        offered: impl FnOnce() -> bool,
    ) {
        let body =
            |j: usize, at: usize| marks.get(j) & BODY_WORD != 0 && same_clause(tokens, j, at);
        let bare = |(i, h): (usize, &Hit)| {
            h.weight > 0.0
                && hit_unit(places, units, i).is_some_and(|u| {
                    let (start, end) = (u.start as usize, u.end as usize);
                    (self.ids.mentioned.contains(&h.category)
                        && end == start + 1
                        && marks.get(start) & DOCUMENT_WORD != 0
                        && !context.signed_before(tokens, start, SIGNING_REACH))
                        || (self.ids.body.contains(&h.category)
                            && ((start..end + BODY_REACH).any(|j| body(j, start))
                                || start.checked_sub(1).is_some_and(|j| body(j, start))))
                })
        };
        // Plain talk beside a document or a body is part of the notice: "a round of
        // consultations on the Hollen basin agreement".
        let talk = |h: &Hit| {
            h.weight > 0.0
                && self.ids.talk.contains(&h.category)
                && h.base.abs() < TALK_ONLY_MAX_BASE
        };
        // Every hit a mention or plain talk, and at least one a mention.
        let mut mentioned = false;
        for (i, h) in hits.iter().enumerate() {
            if bare((i, h)) {
                mentioned = true;
            } else if !talk(h) {
                return;
            }
        }
        if !mentioned || offered() {
            return;
        }
        for h in hits.iter_mut() {
            h.weight *= MENTION_SCALAR;
            h.rules.insert(Rules::MENTIONED);
        }
    }

    /// The conceded rule: in a sentence that turns at a contrast word (`contrast_at`), when the
    /// part before the turn has cooperative words and nothing hostile (no hostile hit, no
    /// negated one) and the part after it, which has words, has no cooperative hit, the
    /// cooperative words were a concession and the sentence's point is the reservation after
    /// it: each such hit turns its sign ([`CONCEDED_SCALAR`] of its weight) and is reported as
    /// [`CONCEDED_CATEGORY`]. "Valoramos el gesto de Istmira, pero sus explicaciones siguen
    /// siendo insuficientes", "We welcome the talk of dialogue, but words do not fill
    /// reservoirs". A concessive word inside its sentence ("respectful and useful, though no
    /// agreement was reached") heads the concession itself, so what comes before it is the
    /// point and is left alone. For a contrast word that opens its sentence
    /// (`opens_sentence`), the part before is the sentence before. `places` holds each hit's
    /// clause and unit, in text order.
    #[inline(never)]
    fn concessions(
        &self,
        hits: &mut [Hit],
        places: &[(u32, usize)],
        units: &[RawUnit],
        marks: Marks<'_>,
        contrast_at: &[Option<usize>],
        opens_sentence: &[bool],
    ) {
        // The hits are in text order, so each sentence's hits, and those before a unit, are
        // found by bisection: linear in a long statement of many sentences with a turn.
        let unit = |i: usize| places.get(i).map_or(usize::MAX, |&(_, k)| k);
        let sentence_of =
            |i: usize| hit_unit(places, units, i).map_or(usize::MAX, |u| u.sentence as usize);
        let n = hits.len();
        let first = |pred: &dyn Fn(usize) -> bool| {
            let (mut lo, mut hi) = (0, n);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if pred(mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            lo
        };
        for (s, &c) in contrast_at.iter().enumerate() {
            let Some(c) = c else { continue };
            // The turn must lead somewhere: a word after the contrast word in its sentence
            // (a concession's turn is a main clause's first unit, a word itself).
            let Some(turn) = units.get(c) else { continue };
            let contrast_word = matches!(turn.kind, Kind::Contrast { .. });
            let leads =
                !contrast_word || units.get(c + 1).is_some_and(|u| u.sentence as usize == s);
            let concessive =
                contrast_word && turn.tokens().any(|i| marks.get(i) & CONCESSIVE_WORD != 0);
            if !leads || concessive {
                continue;
            }
            let opens = opens_sentence.get(s).copied().unwrap_or(false);
            // This sentence's hits are `lo..hi`, those at or after the turn `turn_at..hi`.
            let lo = first(&|i| sentence_of(i) >= s);
            let hi = first(&|i| sentence_of(i) > s);
            let turn_at = first(&|i| sentence_of(i) > s || (sentence_of(i) == s && unit(i) >= c));
            let before = if opens {
                // The sentence before: its hits end where this one's start.
                first(&|i| sentence_of(i).saturating_add(1) >= s)..lo
            } else {
                lo..turn_at
            };
            // A negated hostile word ("we will not close the border") is no concession.
            let praise = |h: &Hit| h.weight > 0.0 && h.base > 0.0;
            let (Some(part), Some(rest)) = (hits.get(before.clone()), hits.get(turn_at..hi)) else {
                continue;
            };
            let cooperative = part.iter().any(praise);
            let hostile = part.iter().any(|h| h.weight < 0.0 || h.base < 0.0);
            let answered = rest.iter().any(|h| h.weight > 0.0);
            if !cooperative || hostile || answered {
                continue;
            }
            for h in hits.get_mut(before).into_iter().flatten() {
                if praise(h) {
                    h.weight *= -CONCEDED_SCALAR;
                    if let Some(c) = self.ids.conceded {
                        h.category = c;
                    }
                    h.rules.insert(Rules::CONCEDED);
                }
            }
        }
    }

    /// The reciprocity rule: a hit whose entry holds a `reciprocal` phrase ("respond in kind"),
    /// not negated, takes the sign of the sum of the statement's other hits that are not such
    /// (after every other rule), at its entry's strength: under cooperative hits it is
    /// reported as [`RECIPROCAL_CATEGORY`], under hostile ones it keeps its category, and
    /// alone it counts nothing. "I will not answer in kind" stays a refusal to retaliate.
    #[inline(never)]
    fn reciprocity(&self, hits: &mut [Hit], entry_roles: &EntryRoles) {
        let answers =
            |h: &Hit| entry_roles.reciprocal(h.entry) && !h.rules.contains(Rules::NEGATED);
        // What is answered: every other hit, so that two answers in one statement follow the
        // same sign whatever their order.
        let others: f64 = hits.iter().filter(|h| !answers(h)).map(|h| h.weight).sum();
        for h in hits.iter_mut() {
            if !answers(h) {
                continue;
            }
            if others > 0.0 {
                h.weight = h.weight.abs();
                if let Some(c) = self.ids.reciprocal {
                    h.category = c;
                }
            } else if others < 0.0 {
                h.weight = -h.weight.abs();
            } else {
                h.weight = 0.0;
            }
            h.rules.insert(Rules::RECIPROCAL);
        }
    }

    /// A hostile act named as the topic of the cooperative hit just before it in its clause,
    /// with a `topic` word between them within [`TOPIC_WINDOW`] units ("an agreement on
    /// tariffs", "talks about the missile strike", "el acuerdo sobre los aranceles"), keeps
    /// [`TOPIC_SCALAR`] of its weight and is marked so that no approval takes its side: the
    /// talks or the agreement are about the act. `places` holds each hit's clause and unit.
    fn topics(
        &self,
        hits: &mut [Hit],
        places: &[(u32, usize)],
        units: &[RawUnit],
        marks: Marks<'_>,
    ) {
        for i in 1..hits.len() {
            let Some((k0, k1)) = close_pair(places, i, TOPIC_WINDOW) else {
                continue;
            };
            let about = hits[i - 1].weight > 0.0
                && hits[i].weight < 0.0
                && self.ids.endorsed.contains(&hits[i].category)
                && units.get(k0 + 1..k1).is_some_and(|between| {
                    between
                        .iter()
                        .any(|u| marks.get(u.start as usize) & TOPIC_WORD != 0)
                });
            if about {
                let h = &mut hits[i];
                h.weight *= TOPIC_SCALAR;
                h.rules.insert(Rules::TOPIC);
            }
        }
    }

    /// A hedged threat ("not rule out", "no descartamos": a threat entry with a `hedge` word in
    /// it) whose next hit in its clause is cooperative is openness, not a threat: it keeps
    /// [`HEDGE_SCALAR`] of its weight with the sign turned, reported under [`HEDGE_CATEGORY`]
    /// ("we do not rule out a meeting between the two presidents"). "No descartamos ninguna
    /// opción", "we do not rule out military action" stay threats. Runs before
    /// [`Scorer::endorsements`], so the cooperative hit is not read as approving the threat.
    fn hedges(
        &self,
        hits: &mut [Hit],
        places: &[(u32, usize)],
        units: &[RawUnit],
        marks: Marks<'_>,
    ) {
        let (Some(threat), Some(openness)) = (self.ids.threat, self.ids.hedge) else {
            return;
        };
        for i in 0..hits.len() {
            let h = &hits[i];
            if h.category != threat || h.weight >= 0.0 {
                continue;
            }
            let Some(&(_, k)) = places.get(i) else {
                continue;
            };
            let hedged = units
                .get(k)
                .is_some_and(|u| (u.start..u.end).any(|t| marks.get(t as usize) & HEDGE_WORD != 0));
            // The next hit, in the same clause at any distance.
            let opens = hedged
                && close_pair(places, i + 1, usize::MAX).is_some()
                && hits.get(i + 1).is_some_and(|o| o.weight > 0.0);
            if opens {
                let h = &mut hits[i];
                h.weight = -h.weight * HEDGE_SCALAR;
                h.category = openness;
                h.rules.insert(Rules::HEDGED);
            }
        }
    }

    /// A denial of threatening in a statement that threatens ("We are not threatening anyone.
    /// ... our air defences will destroy them", "No es una amenaza, es un aviso: ... será
    /// derribado") is no reassurance: a negated `threat` entry, in a statement with a threat
    /// hit after the rules, keeps its negated weight with the hostile sign and is reported as
    /// a threat. Without such a hit ("the exercise is not a threat to anyone; we have invited
    /// observers") the negation stands. A denial aimed at no one ("we are not threatening
    /// anyone", "no amenazamos a nadie", "nadie está amenazando": [`DENIED_TO_ANYONE`] right
    /// after the threat word or [`DENIED_BY_NO_ONE`] just before it) is the formula that
    /// introduces a grievance, and is hollow beside any hostile hit: "Valdoria is not
    /// threatening anyone with sanctions. We are simply stating that Kestria has broken its
    /// word"; beside no threat hit it is reported as the grievance
    /// ([`HOLLOW_GRIEVANCE_CATEGORY`]), not as a threat.
    fn hollow_denials(
        &self,
        hits: &mut [Hit],
        places: &[(u32, usize)],
        units: &[RawUnit],
        tokens: &Tokens,
        entries: &[Entry],
    ) {
        let Some(threat) = self.ids.threat else {
            return;
        };
        let threatens = hits.iter().any(|h| h.category == threat && h.weight < 0.0);
        if !threatens && !hits.iter().any(|h| h.weight < 0.0) {
            return;
        }
        // `Tokens::folded` is empty past the last token.
        let to_anyone = |k: usize| {
            units.get(k).is_some_and(|u| {
                let (start, end) = (u.start as usize, u.end as usize);
                let after = |n: usize| tokens.folded(end + n);
                DENIED_TO_ANYONE.contains(&after(0))
                    || (after(0) == "a" && DENIED_TO_ANYONE.contains(&after(1)))
                    || (1..=DENIED_BY_NO_ONE_REACH).any(|n| {
                        start
                            .checked_sub(n)
                            .is_some_and(|i| DENIED_BY_NO_ONE.contains(&tokens.folded(i)))
                    })
            })
        };
        for (h, &(_, k)) in hits.iter_mut().zip(places) {
            let denied_threat = h.rules.contains(Rules::NEGATED)
                && h.weight > 0.0
                && entries
                    .get(h.entry as usize)
                    .is_some_and(|e| e.category == threat)
                && (threatens || to_anyone(k));
            if denied_threat {
                h.weight = -h.weight;
                // A denial aimed at no one beside no threat opens a grievance.
                h.category = if threatens {
                    threat
                } else {
                    self.ids.grievance.unwrap_or(threat)
                };
                h.rules.insert(Rules::HOLLOW_DENIAL);
            }
        }
    }

    /// Approval of a hostile act in the same clause takes the act's side and category: when
    /// the approval follows the act ("action against Colombia sounds good") or comes just
    /// before it ("we support sanctions"), within [`ENDORSE_WINDOW`] units. Only approval
    /// entries weaker than [`ENDORSE_MAX_BASE`] approve: signing a treaty is an act of its own.
    fn endorsements(&self, hits: &mut [Hit], places: &[(u32, usize)]) {
        let is_act = |o: &Hit| {
            o.weight < 0.0
                && !o.rules.contains(Rules::TOPIC)
                && !o.rules.contains(Rules::HISTORICAL)
                && self.ids.endorsed.contains(&o.category)
        };
        // Hits come in text order, so a clause's hits are one run. The act an approval takes
        // the side of is the first act of its clause (the earliest, acts before it or up to
        // ENDORSE_WINDOW units after it): found once per clause, and moved when an approval
        // becomes an act itself, as one before the first act can. Time linear in the hits,
        // however many a clause has.
        let mut run: Option<(u32, Option<usize>)> = None;
        for i in 0..hits.len() {
            let h = &hits[i];
            if h.rules.contains(Rules::NEGATED)
                || h.weight <= 0.0
                || h.base.abs() >= ENDORSE_MAX_BASE
                || !self.ids.endorsing.contains(&h.category)
            {
                continue;
            }
            let (clause, at) = places[i];
            let first = match run {
                Some((c, first)) if c == clause => first,
                _ => {
                    let lo = places.partition_point(|(c, _)| *c < clause);
                    let hi = places.partition_point(|(c, _)| *c <= clause);
                    let first = (lo..hi).find(|&j| hits.get(j).is_some_and(is_act));
                    run = Some((clause, first));
                    first
                }
            };
            let act = first.filter(|&j| {
                places
                    .get(j)
                    .is_some_and(|&(_, k)| k <= at + ENDORSE_WINDOW)
            });
            if let Some(j) = act {
                let category = hits[j].category;
                let h = &mut hits[i];
                h.weight = -h.weight;
                h.category = category;
                h.rules.insert(Rules::ENDORSES_HOSTILITY);
                if is_act(h) && first.is_none_or(|f| i < f) {
                    run = Some((clause, Some(i)));
                }
            }
        }
    }

    /// What an accusation breaks is no cooperation: an agreement or commitment hit within
    /// [`BREACH_WINDOW`] units after an accusation hit in its clause ("breaches the veterinary
    /// agreement", "has broken every promise", "ha incumplido todos sus compromisos") takes
    /// the accusation's side and category at [`BREACH_SCALAR`] of its weight, as does one
    /// right after such a hit ("viola el
    /// convenio que firmamos"). A negated accusation ("we have never violated the agreement")
    /// is no longer hostile and breaks nothing.
    ///
    /// What a rejection refuses is no cooperation either: a cooperative hit of
    /// [`REJECTED_CATEGORIES`] within the same window after a defiance hit that ends with a
    /// `rejection` word ("rejected the peace proposal", "rechazó la invitación al diálogo",
    /// "refused to negotiate") is turned the same way. A rejection entry that names its own
    /// object ("reject the accusations") does not end with the word, and the cooperative hit
    /// after it ("and remain committed to dialogue") is left alone.
    fn breaches(&self, hits: &mut [Hit], places: &[(u32, usize)], entry_roles: &EntryRoles) {
        for i in 1..hits.len() {
            if close_pair(places, i, BREACH_WINDOW).is_none() {
                continue;
            }
            let (before, h) = (&hits[i - 1], &hits[i]);
            let broken = before.weight < 0.0
                && h.weight > 0.0
                && ((self.ids.breaking.contains(&before.category)
                    && self.ids.broken.contains(&h.category))
                    || (self.ids.rejecting.contains(&before.category)
                        && self.ids.rejected.contains(&h.category)
                        && entry_roles.rejects(before.entry)));
            if broken {
                let category = before.category;
                let h = &mut hits[i];
                h.weight = -h.weight * BREACH_SCALAR;
                h.category = category;
                h.rules.insert(Rules::BREACHED);
            }
        }
    }

    /// A cooperative hit within [`DEMAND_WINDOW`] units after a demand in its clause is the
    /// act demanded ("we demand that they honour the ceasefire", "exigimos que respete el
    /// horario pactado"): it keeps [`DEMANDED_SCALAR`] of its weight. A relayed demand asks
    /// nothing of the party addressed, and a demand word after the speaker's own offer or an
    /// agreement in its clause ([`OFFER_CATEGORIES`]: "estamos dispuestos a reanudar de
    /// inmediato el diálogo") is part of it. Runs after the relay rule; most statements have no demand, and
    /// one pass finds none.
    fn demanded(&self, hits: &mut [Hit], places: &[(u32, usize)]) {
        let demands = |h: &Hit| {
            h.weight < 0.0
                && self.ids.demanding.contains(&h.category)
                && !h.rules.contains(Rules::RELAYED)
        };
        if !hits.iter().any(demands) {
            return;
        }
        let mut demand: Option<(u32, usize)> = None;
        let mut offered: Option<u32> = None;
        for i in 0..hits.len() {
            let (Some(h), Some(&(clause, k))) = (hits.get_mut(i), places.get(i)) else {
                break;
            };
            if h.weight > 0.0 && self.ids.offering.contains(&h.category) {
                offered = Some(clause);
            }
            if demands(h) {
                if offered != Some(clause) {
                    demand = Some((clause, k));
                }
            } else if h.weight > 0.0
                && self.categories.get(h.category).side == Side::Cooperative
                && demand.is_some_and(|(c, d)| c == clause && k.saturating_sub(d) <= DEMAND_WINDOW)
            {
                h.weight *= DEMANDED_SCALAR;
                h.rules.insert(Rules::DEMANDED);
            }
        }
    }

    /// Sums the hits into a [`Score`]; `per_cat` is a reused buffer.
    fn summarize(&self, lang: Lang, hits: Vec<Hit>, per_cat: &mut Vec<f64>) -> Score {
        // One pass for both sums. They start at -0.0, as `Iterator::sum` does, so that a side
        // without hits keeps the sign it always had.
        let (mut pos, mut neg) = (-0.0f64, -0.0f64);
        for h in &hits {
            if h.weight > 0.0 {
                pos += h.weight;
            } else if h.weight < 0.0 {
                neg += -h.weight;
            }
        }
        let raw = pos - neg;
        let tone = normalize(raw);
        // The band (only beyond the neutral one does it matter).
        let strong = tone.abs() >= CONCILIATORY_MIN && hits.iter().any(|h| self.sets_band(h, raw));
        let tone = band(tone, strong);
        let total = pos + neg;
        let (hostility, cooperation) = if total > 0.0 {
            (neg / total, pos / total)
        } else {
            (0.0, 0.0)
        };

        // Dominant category: most absolute weight among hits on the statement's side, the
        // first category (by id) on a tie. `per_cat` is all zeros between statements: only
        // the categories of the hits are summed, compared and cleared, not every category.
        if per_cat.len() != self.categories.len() {
            per_cat.clear();
            per_cat.resize(self.categories.len(), 0.0);
        }
        let on_side = |h: &Hit| {
            let side = self.categories.get(h.category).side;
            match raw.partial_cmp(&0.0) {
                Some(std::cmp::Ordering::Less) => side == Side::Hostile,
                Some(std::cmp::Ordering::Greater) => side == Side::Cooperative,
                _ => true,
            }
        };
        for h in hits.iter().filter(|h| on_side(h)) {
            if let Some(slot) = per_cat.get_mut(h.category.0 as usize) {
                *slot += h.weight.abs();
            }
        }
        let mut best: Option<(u8, f64)> = None;
        for h in &hits {
            let c = h.category.0;
            let Some(slot) = per_cat.get_mut(c as usize) else {
                continue;
            };
            let w = std::mem::take(slot);
            if w > 0.0 && best.is_none_or(|(bc, bw)| w > bw || (w == bw && c < bc)) {
                best = Some((c, w));
            }
        }
        let category = best.map(|(c, _)| CategoryId(c));

        let goldstein = if total > 0.0 {
            let mean: f64 = hits
                .iter()
                .map(|h| h.weight.abs() * self.categories.get(h.category).goldstein)
                .sum::<f64>()
                / total;
            (mean * (total / GOLDSTEIN_SATURATION).min(1.0)).clamp(-10.0, 10.0)
        } else {
            0.0
        };
        Score {
            tone,
            raw,
            strong,
            label: Label::from_tone(tone),
            hostility,
            cooperation,
            goldstein,
            category,
            lang,
            hits,
        }
    }
}

/// The unit of hit `i`, where `places` holds each hit's clause and unit.
fn hit_unit<'u>(places: &[(u32, usize)], units: &'u [RawUnit], i: usize) -> Option<&'u RawUnit> {
    places.get(i).and_then(|&(_, k)| units.get(k))
}

/// A tone that turns between sentences: when the last sentence with hits has a net weight of
/// one sign, the hits of every earlier sentence whose net weight has the other sign keep
/// [`TURN_SCALAR`] of their weight. A statement with a contrast word is left to the contrast
/// rule, which already says where it turns. `places` holds each hit's clause and unit, in
/// text order.
fn turns(hits: &mut [Hit], places: &[(u32, usize)], units: &[RawUnit]) {
    // One pass decides most statements: a contrast word, or hits all of one sign (no sentence
    // can then have a net of the other sign), leaves nothing to do.
    let (mut cooperative, mut hostile) = (false, false);
    for h in hits.iter() {
        if h.rules.contains(Rules::BEFORE_CONTRAST) || h.rules.contains(Rules::AFTER_CONTRAST) {
            return;
        }
        cooperative |= h.weight > 0.0;
        hostile |= h.weight < 0.0;
    }
    if !(cooperative && hostile) {
        return;
    }
    let sentence = |i: usize| hit_unit(places, units, i).map(|u| u.sentence);
    // The net weight of each run of hits in one sentence, from the last run back.
    let mut end = hits.len();
    let mut last_sign = 0.0f64;
    while end > 0 {
        let s = sentence(end - 1);
        let mut start = end - 1;
        while start > 0 && sentence(start - 1) == s {
            start -= 1;
        }
        let net: f64 = hits[start..end].iter().map(|h| h.weight).sum();
        if last_sign == 0.0 {
            if net != 0.0 {
                last_sign = net.signum();
            }
        } else if net * last_sign < 0.0 {
            for h in &mut hits[start..end] {
                h.weight *= TURN_SCALAR;
                h.rules.insert(Rules::BEFORE_TURN);
            }
        }
        end = start;
    }
}

/// A tone word written with a capital inside its clause is part of a name ("La Paz",
/// "Puerto Esperanza", "paso de Concordia"), unless the sentence is in title case (more than
/// [`PROPER_NAME_MAX_CAPITAL_SHARE`] of its words capitalised, as in headlines). Only the
/// candidate's sentence is walked, and only for a capitalised hit.
fn proper_name(tokens: &Tokens, start: usize, end: usize) -> bool {
    let toks = tokens.tokens();
    let t = &toks[start];
    if !t.capital || start == 0 || toks[start - 1].clause != t.clause {
        return false;
    }
    // A quantity names no place: "every product will pay a 35% Tariff" capitalizes a
    // common noun, as posts often do. An ordinal is part of a name ("the 5th Armoured
    // Brigade").
    let before = tokens.folded_bytes(start - 1);
    if !before.is_empty()
        && before
            .iter()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b','))
    {
        return false;
    }
    // A name is written with capitals throughout: an entry that runs on into a lower-case
    // word ("La Armada está lista", "Our Army is ready") is a sentence, not a name.
    if toks
        .get(start + 1..end)
        .is_some_and(|rest| rest.iter().any(|o| !o.capital && !o.caps))
    {
        return false;
    }
    let (mut words, mut capitals) = (0usize, 0usize);
    for o in toks.iter().filter(|o| o.sentence == t.sentence) {
        words += 1;
        capitals += usize::from(o.capital);
    }
    (capitals as f64) <= PROPER_NAME_MAX_CAPITAL_SHARE * words as f64
}

/// True when the speaker announces the act in the first person and the future before or at
/// unit `k` in its clause: a `first-person` word followed by a `future` word ("we will", "I am
/// ready to", "nosotros vamos a") with no `third-person` word between ("I don't think they
/// will attack us" announces nothing), a `first-person-future` word ("we'll", "haremos"), or, in
/// Spanish, a regular first-person future verb ("atacaremos", [`first_person_future`]).
#[inline(never)]
fn direct_threat(
    lang: Lang,
    tokens: &Tokens,
    marks: Marks<'_>,
    units: &[RawUnit],
    k: usize,
    clause: u32,
    scan: &mut ThreatScan,
) -> bool {
    let Some(end) = units.get(k).map(|u| u.end as usize) else {
        return false;
    };
    let toks = tokens.tokens();
    // The hits of a clause come in text order: each reads on from where the one before it
    // stopped, so a clause's tokens are read once however many hits it holds (a speech
    // pasted as one field without punctuation is one long clause).
    if scan.clause != Some(clause) || end < scan.next {
        *scan = ThreatScan {
            clause: Some(clause),
            // Clause numbers count up along the tokens: the clause's tokens start here.
            next: toks.partition_point(|t| t.clause < clause),
            first_person: false,
            found: false,
        };
    }
    if scan.found {
        return true;
    }
    let mut first_person = scan.first_person;
    for i in scan.next..end {
        if toks.get(i).is_none_or(|t| t.clause != clause) {
            continue;
        }
        let m = marks.get(i);
        if (m & FIRST_PERSON_FUTURE_WORD != 0
            || (lang == Lang::Es && future_verb_at(tokens, i))
            || (first_person
                && m & (FIRST_PERSON_WORD | FIRST_PERSON_BE_WORD) == 0
                && m & FUTURE_WORD != 0))
            && !negated_future(units, i)
        {
            scan.found = true;
            return true;
        }
        if m & (FIRST_PERSON_WORD | FIRST_PERSON_BE_WORD) != 0 {
            first_person = true;
        } else if m & THIRD_PERSON_WORD != 0 {
            // "I don't think they will attack us": the future is theirs.
            first_person = false;
        }
    }
    scan.next = scan.next.max(end);
    scan.first_person = first_person;
    false
}

/// Whether tokens `i` and `j` exist and lie in one clause.
fn same_clause(tokens: &Tokens, i: usize, j: usize) -> bool {
    let toks = tokens.tokens();
    matches!((toks.get(i), toks.get(j)), (Some(a), Some(b)) if a.clause == b.clause)
}

/// The tokens a condition region (units `from..to`) covers, as a range of token indices.
fn region_tokens(units: &[RawUnit], from: usize, to: usize) -> Option<(usize, usize)> {
    let first = units.get(from)?;
    let last = units.get(to.checked_sub(1)?)?;
    Some((first.start as usize, last.end as usize))
}

/// Whether the hit starting at token `start` is announced in the future passive, in its
/// clause: a `future` word and "be" right before it in English ("will be fired upon"), "será"
/// or "serán" right before it in Spanish ("será interceptada").
fn announced(lang: Lang, tokens: &Tokens, marks: Marks<'_>, start: usize) -> bool {
    let in_clause = |i: usize| same_clause(tokens, i, start);
    match lang {
        Lang::En => {
            start >= 2
                && in_clause(start - 2)
                && tokens.folded(start - 1) == PASSIVE_FUTURE_EN
                && marks.get(start - 2) & FUTURE_WORD != 0
        }
        Lang::Es => {
            start >= 1
                && in_clause(start - 1)
                && PASSIVE_FUTURE_ES.contains(&tokens.folded(start - 1))
        }
    }
}

/// Whether the hit starting at token `start` is coercion or force promised to a universal
/// subject: a `future` word (or, in Spanish, "será", "serán") at the hit's start or before
/// it in its clause, and a `universal` word before that, at most [`UNIVERSAL_REACH`] tokens
/// back ("any vessel that enters our waters will be seized", "cualquier aeronave que viole
/// nuestro espacio aéreo será derribada"). What the universal subject does before the future
/// ("any attack on our embassy ...") is the condition, not the promise: the future must come
/// after the universal word and not after the hit's first word.
fn universal(lang: Lang, tokens: &Tokens, marks: Marks<'_>, start: usize) -> bool {
    let future = |i: usize| {
        marks.get(i) & FUTURE_WORD != 0
            || (lang == Lang::Es && PASSIVE_FUTURE_ES.contains(&tokens.folded(i)))
    };
    // The future at the hit's first word ("will be seized") or before it in its clause.
    let lowest = start.saturating_sub(UNIVERSAL_REACH);
    let Some(f) = (lowest..=start)
        .rev()
        .take_while(|&i| same_clause(tokens, i, start))
        .find(|&i| future(i))
    else {
        return false;
    };
    (lowest..f)
        .rev()
        .take_while(|&i| same_clause(tokens, i, start))
        .any(|i| marks.get(i) & UNIVERSAL_WORD != 0)
}

/// Whether the hit at tokens `start..end` is the act a complaint is about: a `complaint` word
/// before it in its clause, at most [`COMPLAINT_REACH`] tokens back, with no `first-person`,
/// `first-person-future` or `future` word between or in the hit ("we are deeply concerned by
/// the incursions of their patrol boats", "para protestar por el ataque a un pesquero"; not
/// "we condemn the attack and will strike back" or "... and we will strike", where the strike
/// is the speaker's own).
fn complained(tokens: &Tokens, marks: Marks<'_>, start: usize, end: usize) -> bool {
    const SPEAKER_OR_FUTURE: u32 = FIRST_PERSON_WORD | FIRST_PERSON_FUTURE_WORD | FUTURE_WORD;
    if (start..end).any(|i| marks.get(i) & SPEAKER_OR_FUTURE != 0) {
        return false;
    }
    for i in (start.saturating_sub(COMPLAINT_REACH)..start).rev() {
        if !same_clause(tokens, i, start) {
            return false;
        }
        let m = marks.get(i);
        if m & COMPLAINT_WORD != 0 {
            return true;
        }
        if m & SPEAKER_OR_FUTURE != 0 {
            return false;
        }
    }
    false
}

/// Whether the hit starting at token `start` is the speaker's own act: a first-person word
/// right before it, or one word of "to be" between ("we impose", "we are imposing"), or, in
/// Spanish, its first word a first-person plural verb ("cerramos la frontera").
fn own_act(lang: Lang, tokens: &Tokens, marks: Marks<'_>, start: usize) -> bool {
    let first_person = |i: usize| marks.get(i) & (FIRST_PERSON_WORD | FIRST_PERSON_BE_WORD) != 0;
    let same_clause = |i: usize| same_clause(tokens, i, start);
    if start >= 1 && same_clause(start - 1) {
        if first_person(start - 1) {
            return true;
        }
        if start >= 2
            && marks.get(start - 1) & BE_WORD != 0
            && same_clause(start - 2)
            && first_person(start - 2)
        {
            return true;
        }
    }
    lang == Lang::Es && {
        let w = tokens.folded(start);
        w.len() > 6 && FIRST_PLURAL_ENDINGS.iter().any(|e| w.ends_with(e))
    }
}

/// How far [`direct_threat`] has read a clause: the next token to read, whether a
/// first-person word has been seen and whether the threat's words were found.
#[derive(Debug, Default, Clone, Copy)]
struct ThreatScan {
    clause: Option<u32>,
    next: usize,
    first_person: bool,
    found: bool,
}

/// True when token `i` makes the speaker the subject of a description: a `first-person-be`
/// word ("i'm", "we're", "soy", "somos"), or a `be` word right after a `first-person` word
/// ("we are", "I am"). Looked for within the negation window before a negated accusation or
/// insult ([`DENIAL_CATEGORIES`]): "I am not a criminal", "no soy narco", but not "we are not
/// looking for terrorists" (four units away) or "they are not terrorists". (A one-word
/// `relation` entry, "we are not your enemies", is left to negation by the caller.)
fn describes_speaker(marks: Marks<'_>, i: usize) -> bool {
    let m = marks.get(i);
    m & FIRST_PERSON_BE_WORD != 0
        || (m & BE_WORD != 0 && i > 0 && marks.get(i - 1) & FIRST_PERSON_WORD != 0)
}

/// Whether a `first-person-object` word ([`FIRST_PERSON_OBJECT_WORD`]) stands right after
/// unit `u`, right before it (in its clause) or inside it ("tell us how to", "push us
/// around"), or one of its words carries the speaker as a Spanish enclitic
/// ([`ENCLITIC_FIRST_PERSON`]: "intimidarnos", "amenazándonos"): the speaker is the object of
/// the act ("they will not intimidate us", "nadie nos chantajea", "nadie va a intimidarnos",
/// "no one is going to tell us how to vote"). A "nos" before or inside it, followed by a
/// first-person plural verb, is reflexive ("no nos levantamos de la mesa"). Asked only of
/// negated hits.
#[inline(never)]
fn speaker_as_object(tokens: &Tokens, marks: Marks<'_>, u: &RawUnit) -> bool {
    let toks = tokens.tokens();
    // The word before is a clitic: reflexive before a first-person plural verb.
    let before = (u.start as usize)
        .checked_sub(1)
        .filter(|_| !reflexive(tokens, u.start as usize));
    [Some(u.end as usize), before]
        .into_iter()
        .flatten()
        .any(|i| {
            toks.get(i).is_some_and(|t| t.clause == u.clause)
                && marks.get(i) & FIRST_PERSON_OBJECT_WORD != 0
        })
        || (u.start as usize..u.end as usize).any(|i| {
            let w = tokens.folded_bytes(i);
            (marks.get(i) & FIRST_PERSON_OBJECT_WORD != 0 && !reflexive(tokens, i + 1))
                || (w != b"firme" && ENCLITIC_FIRST_PERSON.iter().any(|e| w.ends_with(e)))
        })
}

/// Endings of a Spanish infinitive or gerund that carries "nos" or "me" as its object
/// ("intimidarnos", "chantajearme", "amenazándonos" folded): with one in a negated threat or
/// coercion entry, the speaker is the object ("nadie va a intimidarnos"). "Firme" (firm), which
/// ends like one, is left out by the caller.
const ENCLITIC_FIRST_PERSON: [&[u8]; 10] = [
    b"arnos",
    b"ernos",
    b"irnos",
    b"andonos",
    b"iendonos",
    b"arme",
    b"erme",
    b"irme",
    b"andome",
    b"iendome",
];

/// The first unit after unit `at` in its sentence but not in its clause: where the clause a
/// concessive word opens ends ("Although differences remain, | it was ..."). None when the
/// sentence has one clause.
fn main_clause_after(units: &[RawUnit], at: usize) -> Option<usize> {
    let u = units.get(at)?;
    units
        .iter()
        .enumerate()
        .skip(at + 1)
        .take_while(|(_, p)| p.sentence == u.sentence)
        .find(|(_, p)| p.clause != u.clause)
        .map(|(i, _)| i)
}

impl Scorer {
    /// Whether a post-reverser undoes `entry` at unit `at`: a hostile entry of
    /// [`POST_REVERSED_CATEGORIES`] with one after it ([`ended_after`]).
    #[cold]
    #[inline(never)]
    fn post_reversed(&self, entry: &Entry, units: &[RawUnit], marks: &Marks, at: usize) -> bool {
        entry.weight < 0.0
            && self.ids.post_reversed.contains(&entry.category)
            && ended_after(units, marks, at)
    }
}

/// Whether unit `last` ends an aside that a negator just before it reaches past
/// ([`ASIDE_MAX`]): its clause holds at most that many units that are not skipped, all plain
/// words, names or intensity words, and the clause before it, in the same sentence, ends in
/// a negator that is not a `preposition` ("not", "never", "no"), or in a negator and one plain
/// word ("No fue, digamos, constructiva"). Returns how many units back from the aside the
/// negator is (1 or 2). Looked at only where a negation window meets a clause break.
#[inline(never)]
fn negator_before_aside(units: &[RawUnit], marks: &Marks, last: usize) -> Option<usize> {
    let aside = units.get(last)?;
    let mut counted = 0;
    let mut before = None;
    for j in (0..=last).rev() {
        let p = units.get(j)?;
        if p.clause != aside.clause || p.sentence != aside.sentence {
            before = (p.sentence == aside.sentence).then_some(j);
            break;
        }
        match p.kind {
            Kind::Skip => {}
            Kind::Plain | Kind::Name | Kind::Intensity(_) => counted += 1,
            _ => return None,
        }
        if counted > ASIDE_MAX {
            return None;
        }
    }
    let mut distance = 0;
    for j in (0..=before?).rev() {
        let p = units.get(j)?;
        if p.clause != units.get(before?)?.clause {
            return None;
        }
        match p.kind {
            Kind::Skip => continue,
            Kind::Negator | Kind::ClauseNegator
                if marks.get(p.start as usize) & PREPOSITION_WORD == 0 =>
            {
                return Some(distance + 1);
            }
            Kind::Plain if distance == 0 => distance = 1,
            _ => return None,
        }
    }
    None
}

/// Whether the future word at token `i` is negated: a negator unit (the lexicon's
/// `negator` or `clause-negator` modifiers) right after it ("we will not retaliate for the
/// expulsions", "we'll never") or right before it ("no vamos a responder a sus
/// provocaciones"). A negated future announces nothing, so the force or coercion after it in
/// its clause is no direct threat (the expulsions are theirs). An entry that holds its
/// negator ("will not hesitate") is one tone unit, not a negator, and is read as a whole.
fn negated_future(units: &[RawUnit], i: usize) -> bool {
    let negator = |u: &RawUnit| matches!(u.kind, Kind::Negator | Kind::ClauseNegator);
    // Units cover the tokens in order: the unit holding token `i` and its neighbours.
    let at = units.partition_point(|u| (u.end as usize) <= i);
    units.get(at + 1).is_some_and(negator)
        || at
            .checked_sub(1)
            .and_then(|j| units.get(j))
            .is_some_and(negator)
}

/// Multiplies each hostile hit of `categories` whose unit (`places` holds each hit's clause
/// and unit) passes `applies` by `rule.0` and flags it `rule.1`: the historical rule
/// ([`HISTORICAL_SCALAR`]) and the disaster rule ([`DISASTER_SCALAR`]). Out of line, as the
/// statement-level rules are, so the common path's code does not grow.
#[inline(never)]
fn damp_hostile(
    hits: &mut [Hit],
    places: &[(u32, usize)],
    units: &[RawUnit],
    categories: &CategorySet,
    rule: (f64, Rules),
    mut applies: impl FnMut(usize, &RawUnit) -> bool,
) {
    for (h, &(_, k)) in hits.iter_mut().zip(places) {
        if h.weight < 0.0
            && categories.contains(&h.category)
            && units.get(k).is_some_and(|u| applies(k, u))
        {
            h.weight *= rule.0;
            h.rules.insert(rule.1);
        }
    }
}

/// Whether the agent of entry unit `u` (unit `k`) is a natural disaster: a `disaster` word
/// as the unit right before it ("the earthquake destroyed"), or "by" / "por" right after it
/// and a `disaster` word within [`DISASTER_REACH`] units after that, in its clause ("destroyed
/// by the hurricane", "destruidas por las inundaciones").
fn disaster_agent(
    units: &[RawUnit],
    tokens: &Tokens,
    marks: &Marks,
    k: usize,
    u: &RawUnit,
) -> bool {
    let same = |p: &&RawUnit| p.clause == u.clause && p.sentence == u.sentence;
    let disaster = |p: &RawUnit| marks.get(p.start as usize) & DISASTER_WORD != 0;
    if k > 0 && units.get(k - 1).filter(same).is_some_and(disaster) {
        return true;
    }
    let mut after = units.iter().skip(k + 1).take_while(|p| same(p));
    let agent = after
        .next()
        .is_some_and(|p| DISASTER_AGENT_WORDS.contains(&tokens.folded(p.start as usize)));
    agent && after.take(DISASTER_REACH).any(disaster)
}

/// Whether unit `u` names a dated event: a year right before it ("the 1950s war", "the 1911
/// siege") or one of [`DATED_EVENT_WORDS`] and a year right after it ("the war of 1932", "la
/// guerra de 1932"). A year is four digits from 1000 to 2099, or a decade ("1950s").
fn dated_event(tokens: &Tokens, u: &RawUnit) -> bool {
    // `Tokens::folded` is empty past the last token: no year, no dated-event word.
    let year = |i: usize| {
        let w = tokens.folded(i);
        let digits = w.strip_suffix('s').unwrap_or(w);
        digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits.starts_with('1') || digits.starts_with("20"))
    };
    let (start, end) = (u.start as usize, u.end as usize);
    (start > 0 && year(start - 1))
        || (DATED_EVENT_WORDS.contains(&tokens.folded(end)) && year(end + 1))
}

/// The units after unit `at` in its clause and sentence, skipped words left out: what the
/// post-reverser ([`ended_after`]) and additive ([`added`]) rules look ahead through.
fn clause_after(units: &[RawUnit], at: usize) -> impl Iterator<Item = &RawUnit> {
    let here = units.get(at).map(|u| (u.clause, u.sentence));
    units
        .iter()
        .skip(at + 1)
        .take_while(move |p| Some((p.clause, p.sentence)) == here)
        .filter(|p| !matches!(p.kind, Kind::Skip))
}

/// Whether a post-reverser follows entry unit `at` in its clause and sentence with no entry,
/// name, negator, contrast, condition or subordinator between them and within
/// [`POST_REVERSER_WINDOW`] units that are not skipped: "the sanctions that have weighed on
/// the relationship for ten years will be lifted", "the tariff war is over".
#[inline(never)]
fn ended_after(units: &[RawUnit], marks: &Marks, at: usize) -> bool {
    for p in clause_after(units, at).take(POST_REVERSER_WINDOW + 1) {
        match p.kind {
            Kind::PostReverser => return true,
            // "The sanctions will not be lifted": the entry stands.
            Kind::Tone(_)
            | Kind::Name
            | Kind::Contrast { .. }
            | Kind::Conditional
            | Kind::Negator
            | Kind::ClauseNegator => return false,
            _ if marks.get(p.start as usize) & SUBORDINATOR_WORD != 0 => return false,
            _ => {}
        }
    }
    false
}

/// Whether a `preposition` negator at unit `negator` stops short of entry unit `entry`: a
/// plain word between them opens a predicate ([`PREDICATE_WORDS`]), or the entry does and a
/// plain word stands between them ("without clearance will be shot down"). Looked at only
/// for such a negator in an entry's window, so the scan of the words between is rare.
#[inline(never)]
fn past_predicate(units: &[RawUnit], marks: &Marks, negator: usize, entry: usize) -> bool {
    let between = units.get(negator + 1..entry).unwrap_or_default();
    let predicate = |u: &RawUnit| marks.get(u.start as usize) & PREDICATE_WORDS != 0;
    let mut plain = between.iter().filter(|p| matches!(p.kind, Kind::Plain));
    match units.get(entry) {
        Some(e) if predicate(e) => plain.next().is_some(),
        _ => plain.any(predicate),
    }
}

/// Whether an `additive` word ("also", "también") follows contrast unit `at` in its clause
/// and sentence within [`ADDITIVE_WINDOW`] units that are not skipped: "but we will also",
/// "sino también".
#[inline(never)]
fn added(units: &[RawUnit], marks: &Marks, at: usize) -> bool {
    clause_after(units, at)
        .take(ADDITIVE_WINDOW)
        .any(|p| matches!(p.kind, Kind::Plain) && marks.get(p.start as usize) & ADDITIVE_WORD != 0)
}

/// Whether unit `at` comes right after a negator in its clause: for a `clitic` word
/// ([`CLITIC_WORD`]), "no te vamos a amenazar", "nadie nos va a chantajear".
#[inline(never)]
fn after_negator(units: &[RawUnit], at: usize) -> bool {
    let (Some(u), Some(before)) = (units.get(at), at.checked_sub(1).and_then(|b| units.get(b)))
    else {
        return false;
    };
    matches!(before.kind, Kind::Negator | Kind::ClauseNegator)
        && before.clause == u.clause
        && before.sentence == u.sentence
}

/// Whether the negator right after entry unit `at` (entry `entry`) agrees with a negator the
/// entry carries, in Spanish negative concord: "no toleraremos ninguna agresión", "no
/// aceptaremos ninguna amenaza". Such a negator repeats the entry's negation and does not
/// negate a hostile entry after it (the caller checks the sign).
#[inline(never)]
fn concord_after(lang: Lang, matcher: &Matcher, units: &[RawUnit], at: usize, entry: u32) -> bool {
    lang == Lang::Es
        && SPANISH_NEGATIVE_CONCORD
        && matcher.carries_negator(entry as usize)
        && units
            .get(at + 1)
            .is_some_and(|n| matches!(n.kind, Kind::Negator | Kind::ClauseNegator))
}

/// Whether token `verb`, after a first-person clitic, is a first-person plural verb ("nos
/// hemos planteado", "no nos rendimos"): the clitic is then reflexive, not the speaker as the
/// object of someone else's act ("nadie nos va a chantajear").
fn reflexive(tokens: &Tokens, verb: usize) -> bool {
    verb < tokens.tokens().len() && tokens.folded_bytes(verb).ends_with(b"mos")
}

/// Whether the comparative that opens unit `at` follows an existential negation: a negator
/// and an `existential` word ([`EXISTENTIAL_WORD`]) among the [`EXISTENTIAL_REACH`] units
/// before it in its clause (articles and other `skip` words not counted), one of them right
/// before it: "there is no greater threat", "Valdoria has no better partner", "we do not
/// have a better friend", "no hay mejor amigo", "no ha habido mayor amenaza". Such a
/// negation ranks what follows rather than denying it, with or without "than". A word
/// between ("Colombia has not been a better partner"), a `quantity` comparative ("there
/// will be no more war") or no existential word ("we do not want a greater threat") leave
/// the negation as it is.
fn existential_negation(units: &[RawUnit], marks: Marks<'_>, at: usize) -> bool {
    let Some(u) = units.get(at) else {
        return false;
    };
    if marks.get(u.start as usize) & QUANTITY_WORD != 0 {
        return false;
    }
    let (mut negator, mut existential, mut steps) = (false, false, 0usize);
    for p in units.get(..at).unwrap_or(&[]).iter().rev() {
        if p.clause != u.clause || p.sentence != u.sentence {
            break;
        }
        match p.kind {
            Kind::Skip => continue,
            Kind::Negator | Kind::ClauseNegator => negator = true,
            Kind::Plain if marks.get(p.start as usize) & EXISTENTIAL_WORD != 0 => {
                existential = true
            }
            Kind::Plain => {}
            _ => break,
        }
        steps += 1;
        if negator && existential {
            return true;
        }
        if (steps == 1 && !negator && !existential) || steps >= EXISTENTIAL_REACH {
            break;
        }
    }
    false
}

/// Whether a `than` word ([`THAN_WORD`]) follows token `from` in its sentence: the second half
/// of a comparison ("no greater threat than ...").
fn than_after(toks: &[Token], marks: Marks<'_>, from: usize, ahead: &mut Ahead) -> bool {
    ahead.any(
        toks,
        from,
        |t| t.sentence,
        |i| marks.get(i) & THAN_WORD != 0,
    )
}

/// Whether the entry ending before token `from` is followed in its clause by a comparative
/// and "than" ("nothing threatens our farmers more than ..."): the negation before the entry
/// is a superlative, not a denial.
fn compared_after(toks: &[Token], marks: Marks<'_>, from: usize, ahead: &mut Ahead) -> bool {
    ahead.any(
        toks,
        from,
        |t| t.clause,
        |i| marks.get(i) & COMPARATIVE_WORD != 0 && marks.get(i + 1) & THAN_WORD != 0,
    )
}

/// The `retort` phrases of the sentence a retort question was last asked about: the
/// smallest end and the largest start of them ([`ContextWords::retorts_in`]), so that a
/// sentence with many hostile hits in conditions (a speech pasted as one field) is read once,
/// not once a hit.
#[derive(Debug, Default, Clone, Copy)]
struct RetortScan {
    sentence: Option<u32>,
    found: Option<(usize, usize)>,
}

/// Whether the sentence of unit `k`, which lies in a condition region, answers it with a
/// `retort` phrase outside the region ("if they want a trade war, they will get one"). Asked
/// only for a hostile hit in a condition of a statement with a retort phrase's key word, so
/// out of line.
#[cold]
#[inline(never)]
fn retorted(
    context: &ContextWords,
    tokens: &Tokens,
    marks: Marks<'_>,
    units: &[RawUnit],
    conditions: &[(usize, usize, u32)],
    k: usize,
    scan: &mut RetortScan,
) -> bool {
    let toks = tokens.tokens();
    let (Some(&(from, to, _)), Some(u)) = (
        // The regions are in order of their starts: the last one started at or before `k`
        // that reaches past it.
        conditions[..conditions.partition_point(|&(f, _, _)| f <= k)]
            .iter()
            .rev()
            .find(|&&(_, t, _)| k < t),
        units.get(k),
    ) else {
        return false;
    };
    if scan.sentence != Some(u.sentence) {
        // Sentence numbers count up along the tokens.
        let first = toks.partition_point(|t| t.sentence < u.sentence);
        let last = toks.partition_point(|t| t.sentence <= u.sentence);
        *scan = RetortScan {
            sentence: Some(u.sentence),
            found: context.retorts_in(tokens, marks, first, last),
        };
    }
    let (Some((min_end, max_start)), Some((start, end))) =
        (scan.found, region_tokens(units, from, to))
    else {
        return false;
    };
    min_end <= start || max_start >= end
}

/// Where [`condition_cursors`] stands in a statement's condition regions: how many start at
/// or before the hit, the furthest end among them, and the first region not in a sentence
/// before the hit's.
#[derive(Debug, Default, Clone, Copy)]
struct ConditionCursors {
    started: usize,
    reach: usize,
    in_sentence: usize,
}

/// Whether unit `k` lies in a condition region, and whether its sentence holds one. The
/// regions (`(from, to, sentence)`, in order of `from`) are asked about in text order, so
/// the cursors only move forward.
#[inline(never)]
fn condition_cursors(
    conditions: &[(usize, usize, u32)],
    k: usize,
    sentence: u32,
    c: &mut ConditionCursors,
) -> (bool, bool) {
    while let Some(&(from, to, _)) = conditions.get(c.started) {
        if from > k {
            break;
        }
        c.reach = c.reach.max(to);
        c.started += 1;
    }
    while conditions
        .get(c.in_sentence)
        .is_some_and(|&(_, _, s)| s < sentence)
    {
        c.in_sentence += 1;
    }
    let in_sentence = conditions
        .get(c.in_sentence)
        .is_some_and(|&(_, _, s)| s == sentence);
    (k < c.reach, in_sentence)
}

/// The first token at or after a position, within the sentence or clause (the scope) of the
/// token before it, for which a test holds: remembered between questions about one
/// statement. Its hits ask in text order, so a long sentence is read once, not once a hit.
/// One `Ahead` serves one test and one scope, for one statement.
#[derive(Debug, Default, Clone, Copy)]
struct Ahead {
    /// The scope asked about last, where the search began, and what it found.
    home: Option<u32>,
    from: usize,
    found: Option<usize>,
}

impl Ahead {
    /// Whether `test` holds for a token from `from` on within the `scope` of token `from - 1`.
    #[inline(never)]
    fn any(
        &mut self,
        toks: &[Token],
        from: usize,
        scope: impl Fn(&Token) -> u32,
        test: impl Fn(usize) -> bool,
    ) -> bool {
        let Some(home) = from.checked_sub(1).and_then(|i| toks.get(i)).map(&scope) else {
            return false;
        };
        // The last answer holds for a later start in the same scope until the start passes
        // the token it found (a scope's tokens are contiguous).
        let known =
            self.home == Some(home) && self.from <= from && self.found.is_none_or(|f| f >= from);
        if !known {
            self.found = (from..toks.len())
                .take_while(|&i| toks.get(i).is_some_and(|t| scope(t) == home))
                .find(|&i| test(i));
            self.home = Some(home);
            self.from = from;
        }
        self.found.is_some()
    }
}

/// Whether token `i` is a word that looks like a regular Spanish first-person future verb
/// ([`first_person_future`]) and is not a name: a word with a capital inside its clause
/// ("las autoridades de Harrowmere", "en Belvere") is a place or a person, while a verb opening
/// a clause may have one ("Responderemos con firmeza").
fn future_verb_at(tokens: &Tokens, i: usize) -> bool {
    let toks = tokens.tokens();
    let Some(t) = toks.get(i) else {
        return false;
    };
    let inside_clause = i
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .is_some_and(|p| p.clause == t.clause);
    t.kind == TokenKind::Word
        && !(t.capital && inside_clause)
        && first_person_future(tokens.folded_bytes(i))
}

/// Whether folded word `w` looks like a regular Spanish first-person future verb
/// ("atacaremos", "responderé"): one of [`FIRST_PERSON_FUTURE_SUFFIXES`] after at least three
/// letters and not "-iere"/"-uere" ([`NOT_FUTURE_BEFORE_ERE`]). Irregular ones ("impondremos")
/// are `first-person-future` words of `lexicons/es/context.tsv`.
fn first_person_future(w: &[u8]) -> bool {
    FIRST_PERSON_FUTURE_SUFFIXES.iter().any(|s| {
        let s = s.as_bytes();
        w.len() > s.len() + 2
            && w.ends_with(s)
            && !(s == b"ere"
                && w.len()
                    .checked_sub(4)
                    .and_then(|i| w.get(i))
                    .is_some_and(|b| NOT_FUTURE_BEFORE_ERE.contains(b)))
    })
}

/// Where a unit of sentence `sentence` stands when `before` are the units ahead of it: `None`
/// past the sentence's start, `Some(None)` opening it, `Some(Some(p))` after only one plain
/// word `p` of it, the sentence's subject. A contrast word there turns from the sentence before
/// ("However, ...", "Moscow, however, ...", "Usted, en cambio, ..."; not "Thanks, but no
/// thanks"), and an `opening-contrast` word acts there when `p` is a first-person word ("Now
/// we expect ...", "We now expect ...").
fn sentence_opening(before: &[RawUnit], sentence: u32) -> Option<Option<&RawUnit>> {
    let in_sentence = |u: &&RawUnit| u.sentence == sentence;
    let mut rev = before.iter().rev();
    match (
        rev.next().filter(in_sentence),
        rev.next().filter(in_sentence),
    ) {
        (None, _) => Some(None),
        (Some(p), None) if matches!(p.kind, Kind::Plain) => Some(Some(p)),
        _ => None,
    }
}

/// The units of hit `i - 1` and hit `i` (`places` holds each hit's clause and unit), when the
/// two are in one clause at most `window` units apart: the pairs the topic and breach rules
/// look at.
fn close_pair(places: &[(u32, usize)], i: usize, window: usize) -> Option<(usize, usize)> {
    let (&(c0, k0), &(c1, k1)) = (places.get(i.checked_sub(1)?)?, places.get(i)?);
    (c0 == c1 && k1.saturating_sub(k0) <= window).then_some((k0, k1))
}

/// Splits the tokens into units as the phrase search reports them: matched terms (one unit
/// per match, whatever its length) and the plain words between them. Words ending in "n't" are
/// negators by rule; an entry written as part of a proper name (`PROPER_NAMES`), unless its
/// category is one a name keeps (`NAMED_CATEGORIES`: an agreement), is a name
/// unit, not a tone unit.
struct Units<'a> {
    tokens: &'a Tokens,
    marks: Marks<'a>,
    matcher: &'a Matcher,
    out: &'a mut Vec<RawUnit>,
    counts: UnitCounts,
    /// Categories an entry keeps inside a proper name ([`NAMED_CATEGORIES`]).
    named: CategorySet,
}

impl Units<'_> {
    /// Whether the word at token `start` opens its clause and a `future` word follows it in
    /// that clause: an `opening-negator` that is the negative subject of a future verb.
    fn negative_subject(&self, start: usize) -> bool {
        let toks = self.tokens.tokens();
        let Some(t) = toks.get(start) else {
            return false;
        };
        // Clause numbers run on across sentences, so one number names a clause.
        let opens = self.out.last().is_none_or(|p| p.clause != t.clause);
        opens
            && toks
                .iter()
                .enumerate()
                .skip(start + 1)
                .take_while(|(_, n)| n.clause == t.clause)
                .any(|(i, _)| self.marks.get(i) & FUTURE_WORD != 0)
    }

    /// Adds the unit of tokens `start..end`: a match of `target`, or a word no match covers.
    #[inline]
    fn push(&mut self, start: usize, end: usize, target: Option<MatchTarget>) {
        let toks = self.tokens.tokens();
        let kind = match target {
            // "viaja a La Paz", "aeropuerto Paz Estenssoro": an entry inside a proper name is
            // a unit of its own kind, so units and hits stay in step for `explain`.
            Some(MatchTarget::Tone(e))
                if PROPER_NAMES
                    && proper_name(self.tokens, start, end)
                    && !self
                        .matcher
                        .entries()
                        .get(e as usize)
                        .is_some_and(|x| self.named.contains(&x.category)) =>
            {
                Kind::Name
            }
            Some(MatchTarget::Tone(e)) => {
                self.counts.tones += 1;
                Kind::Tone(e)
            }
            Some(MatchTarget::Modifier(k)) => {
                match self.matcher.modifiers().get(k as usize).map(|m| m.kind) {
                    Some(ModifierKind::Negator) => {
                        self.counts.negators += 1;
                        Kind::Negator
                    }
                    Some(ModifierKind::ClauseNegator) => {
                        self.counts.clause_negators += 1;
                        Kind::ClauseNegator
                    }
                    // "No civilian vessel will be attacked": the negative subject of a future
                    // verb reaches it as `nobody` does; "there is no threat", "no decision has
                    // been taken on countermeasures" and "no country has been more generous"
                    // keep a plain negator.
                    Some(ModifierKind::OpeningNegator) if self.negative_subject(start) => {
                        self.counts.clause_negators += 1;
                        Kind::ClauseNegator
                    }
                    Some(ModifierKind::OpeningNegator) => {
                        self.counts.negators += 1;
                        Kind::Negator
                    }
                    Some(ModifierKind::Reverser) => Kind::Reverser,
                    Some(ModifierKind::PostReverser) => {
                        self.counts.post_reversers += 1;
                        Kind::PostReverser
                    }
                    Some(ModifierKind::Intensity(v)) => Kind::Intensity(v),
                    Some(ModifierKind::Contrast) => {
                        self.counts.contrasts += 1;
                        Kind::Contrast { opening: false }
                    }
                    // "Now we expect ...", "We now expect ...": a contrast with the sentence
                    // before only where it opens its own; "release them now" is a plain word.
                    Some(ModifierKind::OpeningContrast)
                        if toks
                            .get(start)
                            .and_then(|t| sentence_opening(self.out, t.sentence))
                            .is_some_and(|p| {
                                p.is_none_or(|p| {
                                    self.marks.get(p.start as usize) & FIRST_PERSON_WORD != 0
                                })
                            }) =>
                    {
                        self.counts.contrasts += 1;
                        Kind::Contrast { opening: true }
                    }
                    Some(ModifierKind::OpeningContrast) => Kind::Plain,
                    Some(ModifierKind::Conditional) => {
                        self.counts.conditionals += 1;
                        Kind::Conditional
                    }
                    Some(ModifierKind::Skip) => Kind::Skip,
                    None => Kind::Plain,
                }
            }
            // Only a word the tokenizer folded apart from the text can hold an apostrophe.
            None if !self.tokens.folded_in_place(start)
                && self.tokens.folded_bytes(start).ends_with(b"n't") =>
            {
                Kind::Negator
            }
            None => Kind::Plain,
        };
        let (clause, sentence) = toks.get(start).map_or((0, 0), |t| (t.clause, t.sentence));
        self.out.push(RawUnit {
            start: start as u32,
            end: end as u32,
            clause,
            sentence,
            kind,
        });
    }
}

/// How many units of the kinds the rules look for [`Units`] made: the passes for
/// contrast and condition words are skipped when there are none, and the hits are allocated
/// at their final size.
#[derive(Debug, Clone, Copy, Default)]
struct UnitCounts {
    tones: usize,
    /// Word negators (not clause negators).
    negators: usize,
    contrasts: usize,
    conditionals: usize,
    clause_negators: usize,
    post_reversers: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn the_long_gate_keeps_statements_in_progress_within_the_budget() {
        static GATE: LongGate = LongGate {
            in_use: Mutex::new(0),
            freed: Condvar::new(),
        };
        static NOW: AtomicUsize = AtomicUsize::new(0);
        static MOST: AtomicUsize = AtomicUsize::new(0);
        static ALONE_WITH: AtomicUsize = AtomicUsize::new(usize::MAX);
        // Sizes over the budget run alone; the others share it.
        let sizes = [
            600_000, 300_000, 2_000_000, 700_000, 200_000, 1_048_576, 500_000, 400_000,
        ];
        std::thread::scope(|scope| {
            for round in 0..4 {
                for (i, &bytes) in sizes.iter().enumerate() {
                    scope.spawn(move || {
                        let turn = GATE.enter(bytes);
                        let held = bytes.min(LONG_BUDGET);
                        let now = NOW.fetch_add(held, Ordering::SeqCst) + held;
                        MOST.fetch_max(now, Ordering::SeqCst);
                        if held == LONG_BUDGET {
                            ALONE_WITH.fetch_min(now - held, Ordering::SeqCst);
                        }
                        // Long enough for the others to try their turn meanwhile.
                        std::thread::sleep(std::time::Duration::from_millis(
                            ((i + round) % 3) as u64,
                        ));
                        NOW.fetch_sub(held, Ordering::SeqCst);
                        drop(turn);
                    });
                }
            }
        });
        let most = MOST.load(Ordering::SeqCst);
        assert!(most <= LONG_BUDGET, "{most} bytes in progress at once");
        assert!(most > 700_000, "statements shared the budget: {most}");
        assert_eq!(
            ALONE_WITH.load(Ordering::SeqCst),
            0,
            "a full-budget turn ran alone"
        );
        assert_eq!(
            *GATE.in_use.lock().expect("lock"),
            0,
            "every turn given back"
        );
    }

    #[test]
    fn a_long_statement_gives_its_buffers_back_and_scores_as_before() {
        let scorer = Scorer::new().expect("the built-in lexicons load");
        let unit = "they will attack the port and we thank our partners for the agreement ";
        // More tokens and hits than the buffers keep after it, so that trimming shows.
        let long = unit.repeat(5 * LONG_STATEMENT / unit.len());
        let short = "We thank you for the agreement";
        let before = scorer.score(short);
        let mut out = Score::default();
        scorer.score_reusing(&long, &mut out);
        assert!(out.hits.len() > KEEP_TOKENS, "{} hits", out.hits.len());
        let first = out.clone();
        SCRATCH.with(|s| {
            let s = s.borrow();
            assert!(s.units.capacity() <= KEEP_TOKENS, "{}", s.units.capacity());
            assert!(s.word_ids.capacity() <= KEEP_TOKENS);
            assert!(s.tokens.tokens().is_empty());
        });
        // The next short statement drops the long one's hit buffer and scores as before.
        scorer.score_reusing(short, &mut out);
        assert!(
            out.hits.capacity() <= KEEP_TOKENS,
            "{}",
            out.hits.capacity()
        );
        assert_eq!(out, before);
        // Trimmed buffers score the long statement again to the same result.
        assert_eq!(scorer.score(&long), first);
    }
}
