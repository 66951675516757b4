//! Scoring: the per-statement [`Score`], the [`Scorer`] that computes it, the rule constants
//! ([`rules`]) and the parallel batch map ([`batch`]).

pub mod batch;
mod context;
pub mod rules;
mod scorer;

pub use scorer::{
    Explanation, LONG_BUDGET, LONG_STATEMENT, LangGuess, LangMode, Role, Scorer, ScorerBuilder,
    Unit,
};

use crate::lexicon::CategoryId;
use crate::text::Lang;
use std::fmt;

/// The five tone labels, from the thresholds in [`rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    /// tone <= -0.5
    Hostile,
    /// -0.5 < tone <= -0.15
    Tense,
    /// -0.15 < tone < 0.15
    Neutral,
    /// 0.15 <= tone < 0.5
    Conciliatory,
    /// tone >= 0.5
    Cooperative,
}

impl Label {
    /// All labels from hostile to cooperative.
    pub const ALL: [Label; 5] = [
        Label::Hostile,
        Label::Tense,
        Label::Neutral,
        Label::Conciliatory,
        Label::Cooperative,
    ];

    /// The label for a tone.
    pub fn from_tone(tone: f64) -> Label {
        if tone <= rules::HOSTILE_MAX {
            Label::Hostile
        } else if tone <= rules::TENSE_MAX {
            Label::Tense
        } else if tone < rules::CONCILIATORY_MIN {
            Label::Neutral
        } else if tone < rules::COOPERATIVE_MIN {
            Label::Conciliatory
        } else {
            Label::Cooperative
        }
    }

    /// The lower-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Label::Hostile => "hostile",
            Label::Tense => "tense",
            Label::Neutral => "neutral",
            Label::Conciliatory => "conciliatory",
            Label::Cooperative => "cooperative",
        }
    }

    /// Parses a label name.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which rules changed a hit's weight, as bit flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Rules(u64);

impl Rules {
    /// Flipped by a negator, a reverser or a post-reverser.
    pub const NEGATED: Rules = Rules(1);
    /// Strengthened by a booster.
    pub const BOOSTED: Rules = Rules(1 << 1);
    /// Weakened by a dampener.
    pub const DAMPENED: Rules = Rules(1 << 2);
    /// Written in capitals.
    pub const CAPS: Rules = Rules(1 << 3);
    /// In a sentence with `!`.
    pub const EXCLAIMED: Rules = Rules(1 << 4);
    /// In a question.
    pub const QUESTION: Rules = Rules(1 << 5);
    /// Before a contrast word.
    pub const BEFORE_CONTRAST: Rules = Rules(1 << 6);
    /// After a contrast word.
    pub const AFTER_CONTRAST: Rules = Rules(1 << 7);
    /// Inside a condition clause ("if they ...").
    pub const IN_CONDITION: Rules = Rules(1 << 8);
    /// Force or coercion made conditional: reported as a threat.
    pub const CONDITIONAL_THREAT: Rules = Rules(1 << 9);
    /// Approval of a hostile act in the same clause: takes the act's side.
    pub const ENDORSES_HOSTILITY: Rules = Rules(1 << 10);

    /// Force or coercion announced by the speaker in the first person and the future.
    pub const DIRECT_THREAT: Rules = Rules(1 << 11);
    /// A hostile hit in a sentence that relays another party's act or words: damped.
    pub const RELAYED: Rules = Rules(1 << 12);
    /// A hostile hit aimed at a target shared with a partner: damped.
    pub const SHARED_TARGET: Rules = Rules(1 << 13);
    /// The statement's only hits are talk (meetings, rounds, summits): damped.
    pub const TALK_ONLY: Rules = Rules(1 << 14);
    /// A negated accusation or insult describing the speaker ("I am not a criminal"): a
    /// denial, kept hostile and reported as defiance instead of flipped.
    pub const DENIED: Rules = Rules(1 << 15);
    /// A negator before the entry did not reach it: a subordinator ("until"), a barrier
    /// ("forget") or a comparison ("no greater ... than", "there is no greater") stood
    /// between, or the entry opens a clause of its own. The entry keeps its sign; the flag says why.
    pub const NEGATION_STOPPED: Rules = Rules(1 << 16);
    /// Praise or thanks in a statement with a `sarcasm` marker ("congratulations on finally
    /// noticing ..."): mockery, reported as an accusation.
    pub const SARCASM: Rules = Rules(1 << 17);
    /// A hedged threat ("not rule out") before a cooperative entry in its clause: openness,
    /// reported as commitment.
    pub const HEDGED: Rules = Rules(1 << 18);
    /// A negated threat word in a statement that threatens ("we are not threatening anyone
    /// ... we will destroy them"): the denial is hollow, the hit stays a threat. A denial
    /// aimed at no one beside other hostile hits but no threat is hollow too, reported as the
    /// grievance it opens (an accusation).
    pub const HOLLOW_DENIAL: Rules = Rules(1 << 19);
    /// A hostile act named as the topic of a cooperative word just before it ("an agreement
    /// on tariffs", "talks about the missile strike"): damped, and approved by nothing.
    pub const TOPIC: Rules = Rules(1 << 20);
    /// An agreement or commitment right after an accusation in its clause ("breaches the
    /// agreement", "incumplido sus compromisos"): what was broken, reported as the accusation.
    pub const BREACHED: Rules = Rules(1 << 21);
    /// In an earlier sentence whose tone the statement's last sentence with hits turns
    /// against ("We came in good faith. ... we will close every crossing"): damped.
    pub const BEFORE_TURN: Rules = Rules(1 << 22);
    /// A cooperative hit in a sentence a news source or a record is credited with ("...,
    /// state media reported", "según el acta"): a report of warm words, damped.
    pub const REPORTED: Rules = Rules(1 << 23);
    /// A hit in quotation marks of its own, a quotation of a few words ("their 'peace
    /// plan'", "calificó el desembarco de «acto de piratería»"): a mocked or cited word,
    /// damped.
    pub const QUOTED: Rules = Rules(1 << 24);
    /// A cooperative hit in a statement that gives a clock time ("the joint commission meets
    /// at 10:00"): a notice, damped.
    pub const NOTICE: Rules = Rules(1 << 25);
    /// A weak hit of talk, partnership, coercion, force or a demand in a statement that names a
    /// day or a month and has no other hits ("the joint commission meets on 14 March", "the
    /// deportation flight has been moved to Friday"): a schedule, damped.
    pub const SCHEDULE: Rules = Rules(1 << 26);
    /// A negated threat, coercion or defiance with the speaker as its object ("they will not
    /// intimidate us", "no nos amenazan", "no one is going to tell us how to vote"): defiance
    /// of the pressure, kept hostile and reported as defiance instead of flipped.
    pub const DEFIED: Rules = Rules(1 << 27);
    /// A hit in a relayed sentence whose clause names the row's speaker ("Petro acusó a
    /// Washington de injerencia", said by Petro): the speaker's own words, kept whole where
    /// the relay rule would have counted a tenth ([`crate::Scorer::score_as`]).
    pub const SPEAKER_NAMED: Rules = Rules(1 << 28);
    /// A hostile hit in a statement that condemns an act and stands with someone ("we condemn
    /// the terrorist attack in Kabul and express our solidarity with the Afghan people"): the
    /// condemnation and the act condemned are aimed at a third party, damped.
    pub const SOLIDARITY: Rules = Rules(1 << 29);
    /// A cooperative act asked of the other side by a demand before it in its clause ("we
    /// demand that they honour the ceasefire", "we call on Russia to withdraw its troops"):
    /// damped, since the speaker asks for it rather than offers it.
    pub const DEMANDED: Rules = Rules(1 << 30);
    /// Force named as a past event: dated ("the war of 1932", "the 1950s war") or in a
    /// statement that commemorates ("the massacre at Korvel will be commemorated"): damped,
    /// since it is remembered, not done or threatened.
    pub const HISTORICAL: Rules = Rules(1 << 31);
    /// Force or a threat word whose agent is a natural disaster ("every school destroyed by
    /// the hurricane", "el terremoto destruyó 300 viviendas"): no party's act, damped.
    pub const DISASTER: Rules = Rules(1 << 32);
    /// A reciprocal entry ("respond in kind", "en reciprocidad") that takes the sign of the
    /// statement's other hits: like for like, goodwill for goodwill ("a helpful step, and we
    /// are prepared to respond in kind") or force for force ("if they attack, we will respond
    /// in kind"); nothing when the statement has no other hit.
    pub const RECIPROCAL: Rules = Rules(1 << 33);
    /// A hit in a quotation opened after a colon in a sentence that relays ("Asked about
    /// the border, the minister replied: “if they cross the line, they will pay dearly”"):
    /// the answer quoted whole is the speaker's own words, not relayed.
    pub const QUOTED_ANSWER: Rules = Rules(1 << 34);
    /// Coercion the speaker does itself, now ("desde hoy cerramos la frontera", "we impose
    /// tariffs"): the act, not a complaint about it, so a strong kind for the band
    /// ([`rules::band`]) as a threat would be. The weight is unchanged.
    pub const OWN_ACT: Rules = Rules(1 << 35);
    /// A hostile hit in the condition of a sentence whose main clause answers it in kind
    /// with a `retort` phrase ("if they want a trade war, they will get one", "si buscan
    /// pelea, la van a encontrar"): what the condition names is what is threatened, so the
    /// hit is a threat at full weight, not a condition's half.
    pub const RETORT: Rules = Rules(1 << 36);
    /// Force announced in the future passive ("any vessel entering the channel will be fired
    /// upon", "será interceptada"): a warning of what will be done, reported as a threat.
    pub const ANNOUNCED: Rules = Rules(1 << 37);
    /// Coercion or force promised in the future to a universal subject ("any tanker carrying
    /// their oil will be seized", "cualquier aeronave que viole nuestro espacio aéreo será
    /// derribada"): a warning to whoever does it, reported as a threat.
    pub const UNIVERSAL: Rules = Rules(1 << 38);
    /// Threat or force after a complaint word in its clause ("deeply concerned by the
    /// repeated incursions of their patrol boats", "protesta por el ataque"): the act
    /// complained of, reported as an accusation, weight unchanged.
    pub const COMPLAINED: Rules = Rules(1 << 39);
    /// A cooperative hit before a contrast word whose sentence turns to a part without any
    /// ("We value the gesture, but their explanations are still not enough"): a concession,
    /// so its sign turns, reported as an accusation (a disapproval).
    pub const CONCEDED: Rules = Rules(1 << 40);
    /// The statement's hits are all mentions: `document` words of an agreement matched alone
    /// and not signed ("The treaty has 42 articles and two annexes"), partnership or dialogue
    /// entries naming a `body` ("the joint border commission"), with plain talk beside them:
    /// a document or a body named, not a stance; damped.
    pub const MENTIONED: Rules = Rules(1 << 41);

    const NAMES: [(Rules, &'static str); 42] = [
        (Rules::NEGATED, "negated"),
        (Rules::BOOSTED, "boosted"),
        (Rules::DAMPENED, "dampened"),
        (Rules::CAPS, "caps"),
        (Rules::EXCLAIMED, "exclaimed"),
        (Rules::QUESTION, "question"),
        (Rules::BEFORE_CONTRAST, "before-contrast"),
        (Rules::AFTER_CONTRAST, "after-contrast"),
        (Rules::IN_CONDITION, "in-condition"),
        (Rules::CONDITIONAL_THREAT, "conditional-threat"),
        (Rules::ENDORSES_HOSTILITY, "endorses-hostility"),
        (Rules::DIRECT_THREAT, "direct-threat"),
        (Rules::RELAYED, "relayed"),
        (Rules::SHARED_TARGET, "shared-target"),
        (Rules::TALK_ONLY, "talk-only"),
        (Rules::DENIED, "denied"),
        (Rules::NEGATION_STOPPED, "negation-stopped"),
        (Rules::SARCASM, "sarcasm"),
        (Rules::HEDGED, "hedged"),
        (Rules::HOLLOW_DENIAL, "hollow-denial"),
        (Rules::TOPIC, "topic"),
        (Rules::BREACHED, "breached"),
        (Rules::BEFORE_TURN, "before-turn"),
        (Rules::REPORTED, "reported"),
        (Rules::QUOTED, "quoted"),
        (Rules::NOTICE, "notice"),
        (Rules::SCHEDULE, "schedule"),
        (Rules::DEFIED, "defied"),
        (Rules::SPEAKER_NAMED, "speaker-named"),
        (Rules::SOLIDARITY, "solidarity"),
        (Rules::DEMANDED, "demanded"),
        (Rules::HISTORICAL, "historical"),
        (Rules::DISASTER, "disaster"),
        (Rules::RECIPROCAL, "reciprocal"),
        (Rules::QUOTED_ANSWER, "quoted-answer"),
        (Rules::OWN_ACT, "own-act"),
        (Rules::RETORT, "retort"),
        (Rules::ANNOUNCED, "announced"),
        (Rules::UNIVERSAL, "universal"),
        (Rules::COMPLAINED, "complained"),
        (Rules::CONCEDED, "conceded"),
        (Rules::MENTIONED, "mentioned"),
    ];

    /// Every rule at once: `Rules::ALL.names()` lists every name a hit's rules can have.
    pub const ALL: Rules = Rules((1 << Self::NAMES.len()) - 1);

    /// True when every flag of `other` is set.
    pub fn contains(self, other: Rules) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: Rules) {
        self.0 |= other.0;
    }

    /// Names of the set flags, in a fixed order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Rules::NAMES
            .into_iter()
            .filter(move |(r, _)| self.contains(*r))
            .map(|(_, n)| n)
    }
}

/// One lexicon entry found in a statement, with its weight after the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index of the entry in the scorer's lexicon for [`Score::lang`]; see [`Scorer::term`].
    pub entry: u32,
    /// Byte range of the matched words in the statement.
    pub span: (u32, u32),
    /// The category the hit is reported under (after negation or conditional-threat rules).
    pub category: CategoryId,
    /// The entry's weight in the lexicon.
    pub base: f64,
    /// The weight after the rules.
    pub weight: f64,
    /// The rules that applied.
    pub rules: Rules,
}

/// The tone of one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// Normalized tone in (-1, 1): negative hostile, positive cooperative.
    pub tone: f64,
    /// The raw sum of hit weights before normalization.
    pub raw: f64,
    /// A hit of a strong category (threat, force, insult; agreement, gratitude, partnership)
    /// with weight enough lies on the side the statement leans to, so its tone is in the outer
    /// band (hostile, cooperative) rather than the inner one: [`rules::band`]. Looked for only
    /// when the tone is beyond the neutral band (false there).
    pub strong: bool,
    /// The label for `tone`.
    pub label: Label,
    /// Share of the absolute weight on the hostile side, 0..1 (0 when there are no hits).
    pub hostility: f64,
    /// Share of the absolute weight on the cooperative side, 0..1.
    pub cooperation: f64,
    /// Goldstein-style estimate on -10..+10.
    pub goldstein: f64,
    /// The dominant category, if any hit.
    pub category: Option<CategoryId>,
    /// The language the statement was scored as.
    pub lang: Lang,
    /// The hits, in text order.
    pub hits: Vec<Hit>,
}

/// Which band of the scale a statement's tone lies in ([`rules::band`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// Tone nearer zero than [`rules::CONCILIATORY_MIN`]: left as the sum gives it.
    Neutral,
    /// Tense or conciliatory: no hit of a strong kind on the statement's side.
    Inner,
    /// Hostile or cooperative: a hit of a strong kind on the statement's side.
    Outer,
}

impl Band {
    /// The lower-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Band::Neutral => "neutral",
            Band::Inner => "inner",
            Band::Outer => "outer",
        }
    }
}

impl Score {
    /// The band the tone lies in.
    pub fn band(&self) -> Band {
        if self.tone.abs() < rules::CONCILIATORY_MIN {
            Band::Neutral
        } else if self.strong {
            Band::Outer
        } else {
            Band::Inner
        }
    }
}

impl Default for Score {
    /// The score of a statement with no hits: neutral, English, no category.
    fn default() -> Score {
        Score {
            tone: 0.0,
            raw: 0.0,
            strong: false,
            label: Label::Neutral,
            hostility: 0.0,
            cooperation: 0.0,
            goldstein: 0.0,
            category: None,
            lang: crate::text::Lang::En,
            hits: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rules;

    /// `Rules::ALL` is built from the number of names, so every flag must be the next bit:
    /// a new rule whose flag skips a bit, or repeats one, fails here.
    #[test]
    fn rule_flags_are_consecutive_bits() {
        for (i, (flag, name)) in Rules::NAMES.iter().enumerate() {
            assert_eq!(flag.0, 1 << i, "rule {name} should be bit {i}");
        }
        assert_eq!(Rules::ALL.names().count(), Rules::NAMES.len());
    }
}
