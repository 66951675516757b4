//! The lexicon: categories, tone entries and modifiers as data, loaded from TSV with
//! `file:line` errors and compiled into a [`Matcher`].
//!
//! The built-in lexicons under `lexicons/` are compiled into the binary, so detente works from any
//! folder. User files ([`Lexicon::add_source`]) add entries or replace built-in ones term by term.

pub mod import;
mod matcher;
mod tsv;
mod words;

pub use matcher::{Match, MatchScratch, MatchTarget, Matcher};
pub use tsv::{Parsed, check_lexicon, parse_categories, parse_lexicon};
pub(crate) use words::{StartFilter, WordTable};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::text::Lang;
use rustc_hash::FxHashMap;

/// Which end of the scale a category belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// Negative weights: threats, force, coercion ...
    Hostile,
    /// Positive weights: praise, dialogue, agreement ...
    Cooperative,
}

impl Side {
    /// `hostile` or `cooperative`.
    pub fn name(self) -> &'static str {
        match self {
            Side::Hostile => "hostile",
            Side::Cooperative => "cooperative",
        }
    }
}

/// Index of a category in [`Categories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryId(pub u8);

/// One category of language, defined in `lexicons/categories.tsv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Short name used in lexicon files and output (`threat`, `praise` ...).
    pub name: String,
    /// Hostile or cooperative.
    pub side: Side,
    /// CAMEO root code(s), for joining with event data.
    pub cameo: String,
    /// detente's Goldstein-style intensity of a full-strength statement of this kind (-10..+10).
    pub goldstein: f64,
    /// The category a negated hit of this category is reported under.
    pub when_negated: CategoryId,
    /// Strong (threat, force, insult; agreement, gratitude, partnership): a hit of this kind
    /// can carry a statement to the outer labels, hostile or cooperative. A statement whose
    /// hits on its side are all of mild kinds stays tense or conciliatory (see
    /// [`crate::score::rules::band`]).
    pub strong: bool,
    /// One-line definition.
    pub definition: String,
}

/// The category table shared by every language.
#[derive(Debug, Clone, PartialEq)]
pub struct Categories {
    list: Vec<Category>,
    checksum: u64,
}

impl Categories {
    /// The built-in categories (`lexicons/categories.tsv`).
    pub fn builtin() -> Result<Categories> {
        parse_categories(
            builtin::CATEGORIES,
            &Location::in_source(builtin::CATEGORIES_NAME),
        )
    }

    pub(crate) fn from_list(list: Vec<Category>, text: &str) -> Categories {
        Categories {
            list,
            checksum: fnv1a(FNV_OFFSET, text.as_bytes()),
        }
    }

    /// FNV-1a checksum of the table's text: a scorer's checksum covers it, as a category's
    /// side, strength and negated reading shape scores as much as the lexicons do.
    pub fn checksum(&self) -> u64 {
        self.checksum
    }

    /// Looks a category up by name.
    pub fn find(&self, name: &str) -> Option<CategoryId> {
        self.list
            .iter()
            .position(|c| c.name == name)
            .map(|i| CategoryId(i as u8))
    }

    /// The category with id `id`. Ids come from this table, so they are always in range; an
    /// out-of-range id (from another table) gets the first category rather than a panic.
    pub fn get(&self, id: CategoryId) -> &Category {
        self.list
            .get(id.0 as usize)
            .unwrap_or_else(|| &self.list[0])
    }

    /// All categories in file order.
    pub fn iter(&self) -> impl Iterator<Item = (CategoryId, &Category)> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, c)| (CategoryId(i as u8), c))
    }

    /// Number of categories.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// True when there are no categories.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The names of the strong kinds of `side`, in file order ([`Category::strong`]).
    pub fn strong_names(&self, side: Side) -> Vec<&str> {
        self.list
            .iter()
            .filter(|c| c.strong && c.side == side)
            .map(|c| c.name.as_str())
            .collect()
    }

    /// All names, for error messages.
    pub fn names(&self) -> Vec<String> {
        self.list.iter().map(|c| c.name.clone()).collect()
    }
}

/// One tone entry: a word, `prefix*` wildcard or phrase with its weight and category.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The term, folded (lowercase, accents folded), words separated by single spaces.
    pub term: String,
    /// Weight on -4..+4; negative is hostile.
    pub weight: f64,
    /// The category.
    pub category: CategoryId,
    /// Free-text justification from the file.
    pub note: String,
    /// Where it was defined.
    pub origin: Location,
}

/// What a modifier does to the tone entries near it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ModifierKind {
    /// Flips and damps the next entry in a short window (`not`, `nunca`).
    Negator,
    /// A negator that reaches the first entry after it anywhere in its clause, not only in
    /// the short window (`never again`, `nunca más`: "never again will our two nations be
    /// enemies").
    ClauseNegator,
    /// A clause negator where it opens its clause and a `future` context word follows it
    /// there, as the negative subject of a future verb ("No civilian vessel will be
    /// attacked"); elsewhere a plain negator (`no`: "there is no threat").
    OpeningNegator,
    /// Undoes the next entry the way a negator does (`lift` sanctions, `end` the war,
    /// `levantar` el embargo), shown separately in explanations.
    Reverser,
    /// Undoes a hostile entry before it in its clause, as a reverser after it would ("the
    /// sanctions `will be lifted`", "the tariff war `is over`", "las sanciones `serán
    /// levantadas`"): no entry, negator, contrast, condition or subordinator between.
    PostReverser,
    /// Scales the next entry by `1 + value` (`very` +0.3, `slightly` -0.4).
    Intensity(f64),
    /// Entries after it weigh more, before it less (`but`, `pero`).
    Contrast,
    /// A contrast only where it opens its sentence, and then with the sentence before
    /// (`now`, `ahora`: "Thank you for the equipment. Now we expect the radar"); elsewhere
    /// ("release them now") a plain word.
    OpeningContrast,
    /// Opens a condition clause (`if`, `si`): entries inside it are hypothetical, hostile
    /// entries after it are a conditional threat.
    Conditional,
    /// A function word that does not count in the rule windows (`the`, `las`).
    Skip,
}

/// A modifier word or phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Modifier {
    /// The term, folded.
    pub term: String,
    /// What it does.
    pub kind: ModifierKind,
    /// Where it was defined.
    pub origin: Location,
}

/// What a context word tells the statement-level rules (`src/score/context.rs` and the
/// direct-threat rule). Context words are not matched as units and carry no tone: they are
/// looked up beside the matching, so a word can be both a context word and part of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ContextRole {
    /// Marks its sentence as relaying what another party did or said (`according to`,
    /// `announced`, `según`, a trial or court): its hostile hits are damped.
    Relay,
    /// Attributes its sentence to a news source or a record (`according to`, `reported`,
    /// `state media`, `según el acta`, `informó`): the sentence is relayed (as [`ContextRole::Relay`])
    /// and its cooperative hits are damped too, since a report of warm words is not the
    /// speaker's warmth.
    Report,
    /// Names a target two governments fight together (`terror*`, `narco*`, `organized
    /// crime`): next to a partnership, force, coercion and accusation aim at it.
    SharedTarget,
    /// A first-person pronoun (`we`, `nosotros`).
    FirstPerson,
    /// After a first-person word in its clause, puts the act in the speaker's future
    /// (`will`, `ready`, `vamos`).
    Future,
    /// First person and future in one word (`we'll`, `haremos`).
    FirstPersonFuture,
    /// Ends a condition clause that has no comma (`then`, `we`, `entonces`).
    Consequence,
    /// A form of "to be" that, right after a `first-person` word, makes the speaker the
    /// subject of a description (`am`, `are`: "we are not terrorists").
    Be,
    /// First person and "to be" in one word (`i'm`, `we're`, `soy`, `somos`).
    FirstPersonBe,
    /// Names a hostile relation between the parties (`enemy`, `foe`, `enemigo`): "we are not
    /// your enemies" reassures, so the denial rule leaves such a word to the negation rule.
    Relation,
    /// Opens a subordinate clause (`until`, `unless`, `hasta`): an entry that starts with one
    /// is a clause of its own, not flipped by a negator before it.
    Subordinator,
    /// A comparative (`greater`, `worse`, `mayor`, `peor`): between a negator and an entry
    /// (or opening the entry), with a [`ContextRole::Than`] word after the entry in the same
    /// sentence or right after an existential negation ([`ContextRole::Existential`]), it
    /// makes the negation a superlative ("there is no greater threat than ...", "no hay mejor
    /// amigo") that leaves the entry's sign alone.
    Comparative,
    /// The particle of a comparison (`than`, `que`), for [`ContextRole::Comparative`].
    Than,
    /// A word that says something exists or is had (`there`, `has`, `hay`, `tenemos`): with
    /// a negator next to it and a [`ContextRole::Comparative`] just after, the negation is a
    /// superlative without any "than" ("there is no greater threat", "Valdoria has no better
    /// partner", "no hay mejor amigo").
    Existential,
    /// A first-person object pronoun (`us`, `me`, `nos`): right after a negated threat or
    /// coercion entry, or right before it, the speaker defies the pressure ("they
    /// will not intimidate us", "no nos intimidarán") rather than promising not to apply it.
    FirstPersonObject,
    /// A third-person subject pronoun (`they`, `he`, `she`, `ellos`): after a `first-person`
    /// word in its clause, it makes the future after it someone else's ("I don't think they
    /// will attack us"), not the speaker's announcement.
    ThirdPerson,
    /// An object pronoun that stands before its verb (`te`, `les`, `nos`, Spanish only): right
    /// after a negator it does not count towards the negation window, so that "no te vamos a
    /// amenazar" and "nadie nos va a chantajear" reach their entries as "no vamos a amenazar"
    /// does.
    Clitic,
    /// A concessive contrast word (`although`, `though`, `aunque`): opening its sentence, the
    /// clause it heads is the concession and weighs less, the clause after it more ("Although
    /// differences remain, it was a productive meeting"), as the words before and after "but"
    /// do.
    Concessive,
    /// A comparative of amount (`more`): after an existential negation it ends something
    /// ("there will be no more war") rather than ranking it, so the existential reading
    /// leaves it alone; with a "than" it is a comparative as before.
    Quantity,
    /// A word that makes a contrast word before it in its clause an addition (`also`,
    /// `también`): "not only will we honour the ceasefire, but we will also help rebuild",
    /// "no solo un socio sino también un amigo" weigh both halves alike.
    Additive,
    /// A negator that is a preposition (`without`, `sin`): it negates the noun phrase after
    /// it ("without threats", "sin condiciones", "without any prior consultation"), not a
    /// predicate: not past a word that opens one (a future, a form of "to be", a first-person
    /// subject), nor past another word into an entry that starts with one ("any aircraft
    /// entering without clearance will be shot down").
    Preposition,
    /// A word a negator before it does not reach past (`forget`, `olvidaremos`): "we will never
    /// forget your solidarity" keeps the solidarity cooperative, "we will never forget their
    /// crimes" the crimes hostile.
    Barrier,
    /// Marks the statement's praise and thanks as mockery (`finally noticing`, `at its
    /// finest`, `qué generosa`, `por descubrir`): "congratulations on finally noticing the
    /// smog" is a reproach.
    Sarcasm,
    /// A word of a hedged threat entry (`rule` in "not rule out", `descartamos` in "no
    /// descartamos"): when the next entry in its clause is cooperative, the hedge is openness
    /// ("we do not rule out a meeting between the two presidents"), not a threat.
    Hedge,
    /// Names what a cooperative word is about (`on`, `about`, `sobre`): a hostile act just
    /// after it is the topic of the talks or the agreement, not an act ("an agreement on
    /// tariffs", "una reunión técnica sobre aranceles").
    Topic,
    /// A word of congratulation (`congrat*`, `enhorabuena`, `felicit*`): in a statement that
    /// also has a hostile hit of some weight, the congratulation is mock praise and the sarcasm
    /// rule applies as if a `sarcasm` marker were there ("Congratulations to Pelloran on yet
    /// another missile test splashing down off our coast ... Pelloran will not enjoy it").
    Congratulation,
    /// A word of condemnation (`condemn*`, `deplor*`, `conden*`, `repudi*`): a hostile hit
    /// that holds one, in a statement that also stands with someone (partnership,
    /// thanks, respect or praise: "we condemn the terrorist attack in Kabul and express our
    /// solidarity with the Afghan people"), condemns a third party's act; see the solidarity
    /// rule.
    Condemnation,
    /// A word of rejection (`reject*`, `refus*`, `rechaz*`, `nieg*`): a defiance hit that
    /// ends with one refuses the cooperative hit right after it ("rejected the peace
    /// proposal", "rechazó la invitación al diálogo"), which takes the rejection's side; see
    /// the breach rule.
    Rejection,
    /// A day of the week or a month (`tuesday`, `october`, `martes`, `octubre`): a statement
    /// that names one and whose only hits are weak talk, partnership, coercion, force or
    /// demands ("the joint commission will meet on 14 March", "the decision takes effect in
    /// January") is a schedule; see the schedule rule.
    Calendar,
    /// A word of commemoration (`anniversary`, `commemorated`, `memorial`, `aniversario`,
    /// `homenaje`): the force a statement with one names is remembered, not done or
    /// threatened ("the massacre at Korvel will be commemorated", "the 75th anniversary of the
    /// end of the war"); see the historical rule.
    Commemoration,
    /// A natural disaster (`hurricane`, `earthquake`, `floods`, `huracán`, `terremoto`): force
    /// or a threat word whose agent it is ("every school destroyed by the hurricane", "el
    /// terremoto destruyó 300 viviendas") is no party's act; see the disaster rule.
    Disaster,
    /// A phrase that makes an entry holding it reciprocal (`in kind`, `en reciprocidad`):
    /// "we will respond in kind" answers like with like, so the entry takes the sign of the
    /// statement's other hits; see the reciprocity rule.
    Reciprocal,
    /// A phrase that answers a challenge in kind (`get one`, `have it`, `la tendrán`, `la
    /// van a encontrar`): in the main clause of a conditional sentence, it makes the hostile
    /// hits of the condition what is threatened ("if they want a trade war, they will get
    /// one"); see the retort rule.
    Retort,
    /// A universal subject (`any`, `every`, `anyone`, `whoever`, `cualquier`, `quien`,
    /// `toda`): coercion or force after it and a future word in its clause is promised to
    /// whoever does what the clause names ("any vessel entering our waters will be
    /// seized"); see the universal rule.
    Universal,
    /// A word of complaint or protest (`concerned`, `protest`, `condemn`, `preocupación`,
    /// `protestar`, `condenamos`): threat or force after it in its clause is the act
    /// complained of, an accusation ("deeply concerned by the repeated incursions of their
    /// patrol boats"); see the complained rule.
    Complaint,
    /// A document of agreement named as a thing (`treaty`, `agreement`, `ratification`,
    /// `acuerdo`, `tratado`): a statement whose hits are all such words alone names a
    /// document and takes no stance; see the mentioned rule.
    Document,
    /// A body of two governments named as a thing (`commission`, `committee`, `comisión`,
    /// `comité`): a partnership or dialogue entry naming it ("the joint border commission",
    /// "la comisión mixta") is a mention, as a document word alone is; see the mentioned
    /// rule.
    Body,
    /// A verb of signing or ratifying (`signed`, `ratified`, `firmaron`, `suscribieron`): a
    /// document word after it in its clause is the thing signed, not a mere mention ("the two
    /// governments signed the Lisk River Agreement"); see the mentioned rule.
    Signing,
}

impl ContextRole {
    /// Every role, in the order `lexicon stats` lists them.
    pub const ALL: [ContextRole; 38] = [
        ContextRole::Relay,
        ContextRole::Report,
        ContextRole::SharedTarget,
        ContextRole::FirstPerson,
        ContextRole::Future,
        ContextRole::FirstPersonFuture,
        ContextRole::Consequence,
        ContextRole::Be,
        ContextRole::FirstPersonBe,
        ContextRole::FirstPersonObject,
        ContextRole::ThirdPerson,
        ContextRole::Clitic,
        ContextRole::Concessive,
        ContextRole::Relation,
        ContextRole::Subordinator,
        ContextRole::Comparative,
        ContextRole::Than,
        ContextRole::Existential,
        ContextRole::Quantity,
        ContextRole::Barrier,
        ContextRole::Preposition,
        ContextRole::Additive,
        ContextRole::Sarcasm,
        ContextRole::Hedge,
        ContextRole::Topic,
        ContextRole::Congratulation,
        ContextRole::Condemnation,
        ContextRole::Rejection,
        ContextRole::Calendar,
        ContextRole::Commemoration,
        ContextRole::Disaster,
        ContextRole::Reciprocal,
        ContextRole::Retort,
        ContextRole::Universal,
        ContextRole::Complaint,
        ContextRole::Document,
        ContextRole::Body,
        ContextRole::Signing,
    ];

    /// The name written in the second field of a lexicon line.
    pub fn name(self) -> &'static str {
        match self {
            ContextRole::Relay => "relay",
            ContextRole::Report => "report",
            ContextRole::SharedTarget => "shared-target",
            ContextRole::FirstPerson => "first-person",
            ContextRole::Future => "future",
            ContextRole::FirstPersonFuture => "first-person-future",
            ContextRole::Consequence => "consequence",
            ContextRole::Be => "be",
            ContextRole::FirstPersonBe => "first-person-be",
            ContextRole::FirstPersonObject => "first-person-object",
            ContextRole::ThirdPerson => "third-person",
            ContextRole::Clitic => "clitic",
            ContextRole::Concessive => "concessive",
            ContextRole::Relation => "relation",
            ContextRole::Subordinator => "subordinator",
            ContextRole::Comparative => "comparative",
            ContextRole::Than => "than",
            ContextRole::Existential => "existential",
            ContextRole::Quantity => "quantity",
            ContextRole::Barrier => "barrier",
            ContextRole::Preposition => "preposition",
            ContextRole::Additive => "additive",
            ContextRole::Sarcasm => "sarcasm",
            ContextRole::Hedge => "hedge",
            ContextRole::Topic => "topic",
            ContextRole::Congratulation => "congratulation",
            ContextRole::Condemnation => "condemnation",
            ContextRole::Rejection => "rejection",
            ContextRole::Calendar => "calendar",
            ContextRole::Commemoration => "commemoration",
            ContextRole::Disaster => "disaster",
            ContextRole::Reciprocal => "reciprocal",
            ContextRole::Retort => "retort",
            ContextRole::Universal => "universal",
            ContextRole::Complaint => "complaint",
            ContextRole::Document => "document",
            ContextRole::Body => "body",
            ContextRole::Signing => "signing",
        }
    }

    /// The role named `name`, if any.
    pub fn from_name(name: &str) -> Option<ContextRole> {
        ContextRole::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Whether a term of this role may be a phrase of several words.
    pub fn allows_phrases(self) -> bool {
        matches!(
            self,
            ContextRole::Relay
                | ContextRole::Report
                | ContextRole::SharedTarget
                | ContextRole::Sarcasm
                | ContextRole::Reciprocal
                | ContextRole::Retort
        )
    }

    /// Whether a term of this role may be a `prefix*` wildcard (one word only).
    pub fn allows_wildcards(self) -> bool {
        matches!(
            self,
            ContextRole::SharedTarget
                | ContextRole::Congratulation
                | ContextRole::Condemnation
                | ContextRole::Rejection
        )
    }
}

/// A context word or phrase (see [`ContextRole`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ContextWord {
    /// The term, folded, words separated by single spaces.
    pub term: String,
    /// What it tells the rules.
    pub role: ContextRole,
    /// Where it was defined.
    pub origin: Location,
}

/// A language's lexicon: tone entries, modifiers and context words, ready to compile.
#[derive(Debug, Clone)]
pub struct Lexicon {
    lang: Lang,
    entries: Vec<Entry>,
    modifiers: Vec<Modifier>,
    context: Vec<ContextWord>,
    checksum: u64,
}

impl Lexicon {
    /// The built-in lexicon for `lang`.
    pub fn builtin(lang: Lang, categories: &Categories) -> Result<Lexicon> {
        let mut lex = Lexicon {
            lang,
            entries: Vec::new(),
            modifiers: Vec::new(),
            context: Vec::new(),
            checksum: FNV_OFFSET,
        };
        for (name, text) in builtin::sources(lang) {
            lex.add_source(text, &Location::in_source(name), categories)?;
        }
        Ok(lex)
    }

    /// An empty lexicon for `lang`, for building one entirely from user files.
    pub fn empty(lang: Lang) -> Lexicon {
        Lexicon {
            lang,
            entries: Vec::new(),
            modifiers: Vec::new(),
            context: Vec::new(),
            checksum: FNV_OFFSET,
        }
    }

    /// Parses `text` (a lexicon TSV: tone entries, modifiers and/or context words) and merges
    /// it: a term already present is replaced, a new term is added (a context word is the same
    /// when both its term and its role are). Duplicates inside `text` are an error.
    pub fn add_source(
        &mut self,
        text: &str,
        origin: &Location,
        categories: &Categories,
    ) -> Result<()> {
        let mut parsed = parse_lexicon(text, origin, categories)?;
        self.checksum = fnv1a(self.checksum, text.as_bytes());
        // Nothing to replace in an empty lexicon (a built-in one's first source): the entries
        // are taken as they are, without an index of their terms.
        if self.entries.is_empty() {
            self.entries = std::mem::take(&mut parsed.entries);
        }
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        if !parsed.entries.is_empty() {
            index = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.term.clone(), i))
                .collect();
        }
        for e in parsed.entries {
            match index.get(&e.term) {
                Some(&i) => self.entries[i] = e,
                None => {
                    index.insert(e.term.clone(), self.entries.len());
                    self.entries.push(e);
                }
            }
        }
        for m in parsed.modifiers {
            match self.modifiers.iter_mut().find(|x| x.term == m.term) {
                Some(x) => *x = m,
                None => self.modifiers.push(m),
            }
        }
        for c in parsed.context {
            match self
                .context
                .iter_mut()
                .find(|x| x.term == c.term && x.role == c.role)
            {
                Some(x) => *x = c,
                None => self.context.push(c),
            }
        }
        Ok(())
    }

    /// Adds one entry in code (replacing an entry with the same term).
    pub fn insert(
        &mut self,
        term: &str,
        weight: f64,
        category: &str,
        categories: &Categories,
    ) -> Result<()> {
        let line = format!("{term}\t{weight}\t{category}\n");
        self.add_source(&line, &Location::in_source("inline"), categories)
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Tone entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Modifiers.
    pub fn modifiers(&self) -> &[Modifier] {
        &self.modifiers
    }

    /// Context words, in the order they were added.
    pub fn context(&self) -> &[ContextWord] {
        &self.context
    }

    /// The terms of the context words of `role`, in the order they were added.
    pub fn context_terms(&self, role: ContextRole) -> impl Iterator<Item = &str> {
        self.context
            .iter()
            .filter(move |c| c.role == role)
            .map(|c| c.term.as_str())
    }

    /// FNV-1a checksum over every source text merged into this lexicon, in order.
    pub fn checksum(&self) -> u64 {
        self.checksum
    }

    /// Compiles the lexicon into a matcher.
    pub fn compile(&self) -> Result<Matcher> {
        Matcher::build(self)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Checks that a weight is usable for `category`: non-zero, within -4..+4, sign on its side.
pub(crate) fn check_weight(weight: f64, found: &str, cat: &Category, loc: &Location) -> Result<()> {
    let bad = |detail: String| {
        Err(Error::new(
            ErrorKind::BadWeight {
                found: found.to_string(),
                detail,
            },
            loc.clone(),
        ))
    };
    if !weight.is_finite() || !(-4.0..=4.0).contains(&weight) {
        return bad("out of range".to_string());
    }
    if weight == 0.0 {
        return bad("zero carries no tone; drop the line".to_string());
    }
    let negative = weight < 0.0;
    match (cat.side, negative) {
        (Side::Hostile, false) => bad(format!(
            "category {} is hostile, so the weight must be negative",
            cat.name
        )),
        (Side::Cooperative, true) => bad(format!(
            "category {} is cooperative, so the weight must be positive",
            cat.name
        )),
        _ => Ok(()),
    }
}

/// The lexicon files compiled into the binary.
pub mod builtin {
    use crate::text::Lang;

    /// Name under which the category table is reported.
    pub const CATEGORIES_NAME: &str = "builtin:categories.tsv";
    /// `lexicons/categories.tsv`.
    pub const CATEGORIES: &str = include_str!("../../lexicons/categories.tsv");
    const EN_TONE: &str = include_str!("../../lexicons/en/tone.tsv");
    const EN_MODIFIERS: &str = include_str!("../../lexicons/en/modifiers.tsv");
    const ES_TONE: &str = include_str!("../../lexicons/es/tone.tsv");
    const ES_MODIFIERS: &str = include_str!("../../lexicons/es/modifiers.tsv");
    const EN_CONTEXT: &str = include_str!("../../lexicons/en/context.tsv");
    const ES_CONTEXT: &str = include_str!("../../lexicons/es/context.tsv");

    /// The (name, text) of each built-in source for `lang`, in load order.
    pub fn sources(lang: Lang) -> [(&'static str, &'static str); 3] {
        match lang {
            Lang::En => [
                ("builtin:en/tone.tsv", EN_TONE),
                ("builtin:en/modifiers.tsv", EN_MODIFIERS),
                ("builtin:en/context.tsv", EN_CONTEXT),
            ],
            Lang::Es => [
                ("builtin:es/tone.tsv", ES_TONE),
                ("builtin:es/modifiers.tsv", ES_MODIFIERS),
                ("builtin:es/context.tsv", ES_CONTEXT),
            ],
        }
    }
}
