//! The named constants of the scoring rules. Each says what it does and why it has its value;
//! change them only with evidence from `detente eval`.

/// Spanish negative concord: in statements scored as Spanish, several negators before one entry
/// ("no queremos ni la guerra") are one negation, not two that cancel (see
/// `context::negated`). English keeps "two negatives cancel".
pub const SPANISH_NEGATIVE_CONCORD: bool = true;

/// Modifier windows count this many preceding units (words or matched phrases, not counting
/// `skip` words such as articles) within the same clause. Three is VADER's window and covers
/// "will not launch any attack" and "nadie quiere tocar las armas".
pub const NEGATION_WINDOW: usize = 3;

/// An aside between two clause breaks of at most this many units (not counting `skip` words),
/// all plain words, names or boosters, does not stop a negator right before it (or one plain
/// word before it): "We will not, under any circumstances, attack" negates the attack; "No
/// fue, digamos, constructiva" the praise; "we will never, ever, accept" the acceptance.
/// Three covers "under any circumstances", "to be honest" and "in my view"; a longer clause,
/// or one holding an entry, a negator, a contrast or a condition, is a clause of its own ("the
/// oil did not appear from nowhere; it came from their pipeline, and they must pay").
pub const ASIDE_MAX: usize = 3;

/// A hostile hit of these categories that names a past event is remembered, not done or
/// threatened: the historical rule ([`HISTORICAL_SCALAR`]). Force only: "the war of 1932",
/// "the 1950s war", "the invasion of 1919", "la guerra de 1932", and any force in a statement
/// with a `commemoration` word ("the massacre at Korvel will be commemorated with a reading
/// of the names", "mañana se cumple el aniversario del fin de la guerra"). A threat the
/// speaker makes stays one (the direct-threat rule has made force announced by the speaker
/// a threat before this rule looks).
pub const HISTORICAL_CATEGORIES: &[&str] = &["force"];

/// The words between an entry and the year after it that date it for the historical rule:
/// "the war of 1932", "the invasion in 1919", "la guerra de 1932", "en 1931".
pub const DATED_EVENT_WORDS: &[&str] = &["of", "in", "de", "en"];

/// A hit the historical rule applies to is multiplied by this: the event is named, and
/// remembering it still carries weight ("a minute of silence for the victims of the
/// massacre" is no cheerful statement), but no act is done or announced.
pub const HISTORICAL_SCALAR: f64 = 0.2;

/// A hostile hit of these categories whose agent is a natural disaster (a `disaster` word
/// right before it, or after "by" or "por" and at most two more words) is no party's act:
/// "every school and hospital destroyed by the hurricane", "las casas destruidas por las
/// inundaciones", "the earthquake destroyed 300 homes". Force and threat ("destroy*" is a
/// threat word; the direct-threat rule reads "we will rebuild every school destroyed by ..."
/// as the speaker's).
pub const DISASTER_CATEGORIES: &[&str] = &["force", "threat"];

/// The words that introduce the agent after a participle for the disaster rule: "destroyed by
/// the hurricane", "destruido por el huracán".
pub const DISASTER_AGENT_WORDS: &[&str] = &["by", "por"];

/// The relative pronouns that make a shared-target term right before them the subject of the
/// hostile hit right after them, for the shared-target rule: "the traffickers who threaten
/// both our nations", "los narcos que amenazan".
pub const RELATIVE_PRONOUNS: &[&str] = &["who", "that", "which", "que", "quien", "quienes"];

/// The object words of a denial aimed at no one, right after the threat word (or after
/// "a"), for the hollow-denial rule: "we are not threatening anyone", "no amenazamos a nadie".
pub const DENIED_TO_ANYONE: &[&str] = &["anyone", "anybody", "nadie"];

/// The subject words of a denial aimed at no one, within [`DENIED_BY_NO_ONE_REACH`] words
/// before the threat word, for the hollow-denial rule: "nadie está amenazando", "nobody is
/// threatening", "nadie aquí está amenazando".
pub const DENIED_BY_NO_ONE: &[&str] = &["nadie", "nobody"];

/// How far before the threat word [`DENIED_BY_NO_ONE`] is looked for.
pub const DENIED_BY_NO_ONE_REACH: usize = 3;

/// The category a denial aimed at no one is reported under when the statement makes no
/// threat (the hollow-denial rule): the formula introduces a grievance ("Valdoria is not
/// threatening anyone with sanctions. We are simply stating that Kestria has broken its
/// word"), so it keeps the hostile sign as a grievance, not as a threat that would put the
/// statement in the hostile band. Beside a threat it is reported as a threat.
pub const HOLLOW_GRIEVANCE_CATEGORY: &str = "accusation";

/// The passive auxiliaries that may stand between a shared-target term and a hostile hit
/// whose patient the target is, for the shared-target rule: "the terrorists will be hunted
/// down", "los narcos serán perseguidos".
pub const TARGET_PATIENT_WORDS: &[&str] = &[
    "are", "be", "been", "is", "must", "shall", "will", "sera", "seran", "son", "sido", "han",
];

/// How many [`TARGET_PATIENT_WORDS`] may stand between the term and the hit ("will be",
/// "must be", "han sido").
pub const TARGET_PATIENT_MAX: usize = 3;

/// A hit the disaster rule applies to is multiplied by this: a disaster's damage is grim news,
/// not hostility.
pub const DISASTER_SCALAR: f64 = 0.2;

/// How many words may stand between "by" ("por") and a `disaster` word for the disaster rule
/// ("by the hurricane", "por las fuertes inundaciones").
pub const DISASTER_REACH: usize = 3;

/// The category a reciprocal entry ("respond in kind") is reported under when the statement's
/// other hits are cooperative: an answer in kind to goodwill is an intent to cooperate. Under
/// hostile ones it keeps its own (a threat).
pub const RECIPROCAL_CATEGORY: &str = "commitment";

/// A negated entry is multiplied by this: its sign flips and its strength drops, because "we will
/// not attack" reassures less than "we will attack" threatens. VADER's value (-0.74).
pub const NEGATION_SCALAR: f64 = -0.74;

/// An existential negation ("there is no", "has no", "no hay", "we do not have") makes a
/// comparative right after it a superlative ("there is no greater threat", "no hay mejor
/// amigo"): the negator and the `existential` word must both be among this many units before
/// the comparative (not counting `skip` words), one of them right before it. Three covers
/// "there is no" and "no ha habido"; "there will be no more" and "we do not think there is a
/// greater" are out of reach.
pub const EXISTENTIAL_REACH: usize = 3;

/// Boosters and dampeners act within this many preceding units.
pub const BOOSTER_WINDOW: usize = 3;

/// A booster's or dampener's scale is multiplied by this factor per distance (1, 2, 3 units
/// back), so "very" right before a word counts fully and two words back a little less.
pub const BOOSTER_DECAY: [f64; 3] = [1.0, 0.95, 0.9];

// The rules index BOOSTER_DECAY by the step within BOOSTER_WINDOW: a longer window needs more
// decay factors, or it does not compile.
const _: () = assert!(BOOSTER_DECAY.len() >= BOOSTER_WINDOW);

/// No combination of dampeners takes an entry below this fraction of its weight.
pub const INTENSITY_FLOOR: f64 = 0.1;

/// An entry written in capitals inside a statement that is not all capitals is stronger
/// ("they will PAY"); when everything is shouted, capitals carry no extra information.
pub const CAPS_SCALAR: f64 = 1.3;

/// Each `!` in a sentence makes its entries this much stronger ...
pub const EXCLAIM_STEP: f64 = 0.1;

/// ... up to this many marks ("!!!!!!" is no stronger than "!!!").
pub const EXCLAIM_MAX: u32 = 3;

/// Entries in a question are weaker: "will they attack?" asks rather than asserts. Rhetorical
/// questions keep most of their force, so the damping is mild.
pub const QUESTION_SCALAR: f64 = 0.8;

/// Before a contrast word ("but", "pero") entries count less ...
pub const CONTRAST_BEFORE: f64 = 0.5;

/// ... and after it more: "we respect the people, but the regime must go" is about the regime.
/// VADER's values.
pub const CONTRAST_AFTER: f64 = 1.5;

/// Entries inside a condition ("if they keep threatening us") describe a hypothesis, so they
/// count half. The consequence ("we will take up arms") keeps its full weight.
pub const CONDITION_SCALAR: f64 = 0.5;

/// Normalization of the raw sum `x` into a tone in (-1, 1): `x / sqrt(x^2 + ALPHA)`. VADER's
/// value: one strong entry (weight 3) gives about 0.61, two give 0.84.
pub const ALPHA: f64 = 15.0;

/// `x / sqrt(x^2 + ALPHA)` of the raw sum `x` (0 for 0): the tone before [`band`] places it.
pub fn normalize(raw: f64) -> f64 {
    if raw == 0.0 {
        0.0
    } else {
        raw / (raw * raw + ALPHA).sqrt()
    }
}

/// A hit sets its statement's band (see [`band`]) only when its weight after the rules is at
/// least this on the side the statement leans to: a threat the rules damped to a third
/// (relayed, hedged) does not make a statement hostile.
pub const STRONG_HIT_MIN: f64 = 1.0;

/// In the inner band (tense, conciliatory) a tone up to this is kept as it is; above it the
/// rest of the scale, up to 1, is compressed into the room left below the outer band.
pub const INNER_KNEE: f64 = 0.45;

/// The largest magnitude a tone of the inner band takes: below [`COOPERATIVE_MIN`] even
/// when printed with four decimals.
pub const INNER_CAP: f64 = 0.4999;

/// The tone of a statement in its band. `tone` is `x / sqrt(x^2 + ALPHA)`; `strong` says
/// whether a hit of a strong category (`lexicons/categories.tsv`: threat, force, insult;
/// agreement, gratitude, partnership) with at least [`STRONG_HIT_MIN`] of weight lies on the
/// side the statement leans to.
///
/// The gold labels' scale puts threats, force and insults at -2 and accusation, demands and
/// rejection at -1; agreement, partnership and warm thanks at +2 and openness to talk,
/// measured welcome and reassurance at +1. The raw sum does not: three mild complaints weigh
/// as much as a threat. So the side and the order come from the sum, the band from the kinds:
/// a tone of magnitude [`CONCILIATORY_MIN`] or more with a strong hit is spread over the
/// outer band, 0.15..1 onto 0.5..1; one without is kept in the inner band, as it is up to
/// [`INNER_KNEE`] and compressed into [`INNER_KNEE`]..[`INNER_CAP`] above it. Tones nearer
/// zero, the neutral band, are left alone, so the three-class reading (hostile side, neutral,
/// cooperative side) is the same as without bands.
pub fn band(tone: f64, strong: bool) -> f64 {
    let x = tone.abs();
    if x < CONCILIATORY_MIN {
        return tone;
    }
    let x = x.min(1.0);
    let banded = if strong {
        COOPERATIVE_MIN
            + (x - CONCILIATORY_MIN) * (1.0 - COOPERATIVE_MIN) / (1.0 - CONCILIATORY_MIN)
    } else if x > INNER_KNEE {
        (INNER_KNEE + (x - INNER_KNEE) * (COOPERATIVE_MIN - INNER_KNEE) / (1.0 - INNER_KNEE))
            .min(INNER_CAP)
    } else {
        x
    };
    banded.copysign(tone)
}

/// Tone at or below this is `hostile`.
pub const HOSTILE_MAX: f64 = -0.5;

/// Tone at or below this (and above [`HOSTILE_MAX`]) is `tense`.
pub const TENSE_MAX: f64 = -0.15;

/// Tone at or above this (and below [`COOPERATIVE_MIN`]) is `conciliatory`.
pub const CONCILIATORY_MIN: f64 = 0.15;

/// Tone at or above this is `cooperative`.
pub const COOPERATIVE_MIN: f64 = 0.5;

/// The Goldstein estimate reaches its category's full value once the summed absolute weight of
/// a statement reaches this (one strong entry); weaker statements are scaled down linearly.
pub const GOLDSTEIN_SATURATION: f64 = 3.0;

/// Categories whose hit is the speaker's own act when a first-person subject does it
/// ([`crate::score::Rules::OWN_ACT`]): sanctions, tariffs and expulsions announced as done.
pub const OWN_ACT_CATEGORIES: &[&str] = &["coercion"];

/// Categories whose hit, announced in the future passive, is a threat
/// ([`crate::score::Rules::ANNOUNCED`]): "any vessel entering the channel will be fired upon",
/// "toda embarcación no autorizada será interceptada".
pub const ANNOUNCED_CATEGORIES: &[&str] = &["force"];

/// The word of a future passive right before a hit, after a `future` word in English ("will
/// be fired upon", "shall be shot down").
pub const PASSIVE_FUTURE_EN: &str = "be";

/// The future passive's auxiliary right before a hit in Spanish, folded ("será interceptada",
/// "serán derribados").
pub const PASSIVE_FUTURE_ES: &[&str] = &["sera", "seran"];

/// Categories whose hit, promised to a universal subject in the future, is a threat
/// ([`crate::score::Rules::UNIVERSAL`]): "any tanker carrying their oil past our coast will be
/// seized", "todo camión que lo intente será confiscado".
pub const UNIVERSAL_CATEGORIES: &[&str] = &["coercion", "force"];

/// How many tokens back from a hit the universal rule looks for its future word and its
/// universal subject ("any Kessarian ship that comes near the Merrow Islands will be sunk":
/// 10).
pub const UNIVERSAL_REACH: usize = 24;

/// Categories whose hit, after a `complaint` word in its clause, is the act complained of
/// ([`crate::score::Rules::COMPLAINED`]): "deeply concerned by the repeated incursions of
/// Castrenian patrol boats", "su más enérgica protesta por el ataque a un pesquero" ...
pub const COMPLAINED_CATEGORIES: &[&str] = &["threat", "force"];

/// ... the category they are reported under then: an accusation (CAMEO 11, disapprove), a
/// mild kind, so a complaint about the other side's force reads tense, not hostile ...
pub const COMPLAINED_CATEGORY: &str = "accusation";

/// ... and how many tokens back the complaint word may be ("protestar por el ataque
/// informático contra el registro civil": 3).
pub const COMPLAINT_REACH: usize = 12;

/// Spanish first-person plural endings of a verb ("cerramos", "imponemos", "prohibimos"): a
/// coercion hit opening with such a verb is the speaker's own act.
pub const FIRST_PLURAL_ENDINGS: &[&str] = &["amos", "emos", "imos"];

/// Categories that become a threat when made conditional ("if ..., we will strike").
pub const CONDITIONAL_THREAT_CATEGORIES: &[&str] = &["force", "coercion"];

/// Approval ("sounds good", "we support") of a hostile act in the same clause is hostility, not
/// cooperation: "action against Colombia sounds good". Approval categories ...
pub const ENDORSING_CATEGORIES: &[&str] = &["agreement"];

/// An approval before the act counts only this close (in units, articles included): "we
/// fully support the sanctions" but not "the treaty has 42 articles and two annexes".
pub const ENDORSE_WINDOW: usize = 4;

/// Only approval entries weaker than this (lexicon weight) endorse: "sounds good", "we
/// support", "agreed", "de acuerdo" (1.5 to 2) approve what is next to them, while signing a
/// treaty or a peace agreement (2.5 and up) is an act of its own: "nations that fought three
/// wars sign a treaty of lasting peace" is not approval of the wars.
pub const ENDORSE_MAX_BASE: f64 = 2.5;

/// ... and the hostile acts whose approval takes their side.
pub const ENDORSED_CATEGORIES: &[&str] = &["threat", "force", "coercion"];

/// A hostile act (an `ENDORSED_CATEGORIES` hit) that is the topic of the cooperative hit just
/// before it in its clause, with a `topic` word between them and at most this many units
/// from it: "an agreement on tariffs" (3), "una reunión técnica sobre aranceles" (3), "the
/// bilateral meeting on the missile strike investigation" (4) ...
pub const TOPIC_WINDOW: usize = 5;

/// ... keeps this share of its weight, and no approval takes its side: the talks or the
/// agreement are about the act, they do not carry it out.
pub const TOPIC_SCALAR: f64 = 0.25;

/// An accusation (these categories) ...
pub const BREACH_CATEGORIES: &[&str] = &["accusation"];

/// ... breaks an agreement or a commitment (these categories) within this many units after
/// it in its clause: "breaches the veterinary agreement" (3), "has broken every promise" (2),
/// "ha incumplido todos sus compromisos" (3). The broken thing takes the accusation's side.
pub const BREACH_WINDOW: usize = 3;

/// ... the agreement and commitment categories an accusation breaks.
pub const BREACHED_CATEGORIES: &[&str] = &["agreement", "commitment"];

/// A rejection (a hit of these categories ending with a `rejection` word) ...
pub const REJECTION_CATEGORIES: &[&str] = &["defiance"];

/// ... refuses a hit of these categories right after it, as an accusation breaks an
/// agreement: "rejected the peace proposal", "rechazó la invitación al diálogo", "refused to
/// negotiate", "declinamos su invitación a la cumbre".
pub const REJECTED_CATEGORIES: &[&str] = &[
    "agreement",
    "commitment",
    "dialogue",
    "deescalation",
    "partnership",
];

/// The broken thing keeps this share of its weight, sign turned: the accusation carries the
/// statement, the broken agreement adds to it.
pub const BREACH_SCALAR: f64 = 0.5;

/// A demand (these categories) ...
pub const DEMAND_CATEGORIES: &[&str] = &["demand"];

/// ... asks for the cooperative act (any cooperative hit) within this many units after it in
/// its clause: "we demand that they honour the ceasefire", "we call on Russia to withdraw its
/// troops", "exigimos que respete el horario pactado", "urged President Putin to agree to a
/// ceasefire". The act is asked of the other side, not offered by the speaker (6 units left
/// out "urged President Putin to agree to a ceasefire" and "we urge both sides to return to
/// the negotiating table"; 12 brought one more tuning row and one row never tuned on into
/// their class) ...
pub const DEMAND_WINDOW: usize = 12;

/// ... and keeps this share of its weight: it says what the speaker wants, not what it does.
pub const DEMANDED_SCALAR: f64 = 0.25;

/// A demand word inside the speaker's own offer or an agreement (after a hit of these
/// categories in its clause) asks for nothing: "estamos dispuestos a reanudar de inmediato el
/// diálogo", "acordaron devolver en un plazo de 30 días ... y elogiaron ...".
pub const OFFER_CATEGORIES: &[&str] = &["commitment", "agreement"];

/// A statement whose tone turns between sentences with no contrast word ("We came in good
/// faith, and three times we extended our hand. Today I say it plainly: if ..., we will close
/// every crossing"; "A year ago we were trading threats. Today we signed a trade agreement"): the
/// hits of each earlier sentence whose net weight has the opposite sign of the last sentence
/// with hits keep this share of their weight. The statement ends where it means to.
pub const TURN_SCALAR: f64 = 0.5;

/// How much of its weight (already halved before the contrast) a conceded cooperative hit
/// keeps, with the sign turned, in a sentence whose turn leads to no cooperative hit (see
/// `Scorer::concessions`, [`crate::score::Rules::CONCEDED`]): "We value the gesture, but
/// their explanations are still not enough".
pub const CONCEDED_SCALAR: f64 = 1.0;

/// The category a conceded hit is reported under: the reservation is a disapproval (CAMEO
/// 11), as mock praise is ([`SARCASM_CATEGORY`]).
pub const CONCEDED_CATEGORY: &str = "accusation";

/// A hedged threat ("not rule out", "no descartamos") before a cooperative entry in its clause
/// is openness ("we do not rule out a meeting"): it keeps this share of its weight, sign
/// turned ...
pub const HEDGE_SCALAR: f64 = 0.5;

/// ... and is reported under this category.
pub const HEDGE_CATEGORY: &str = "commitment";

/// Categories a reverser ("lift", "remove", "levantar") does not undo: removing a person
/// labelled a criminal is not de-escalation.
pub const REVERSAL_EXEMPT_CATEGORIES: &[&str] = &["accusation", "insult"];

/// How many units (skipped words not counted) after a hostile entry a post-reverser may come
/// and still undo it ("the sanctions that have weighed on the relationship for ten years will
/// be lifted" is 11), in its clause, with no entry, negator, contrast, condition or subordinator
/// between them.
pub const POST_REVERSER_WINDOW: usize = 12;

/// How many units (skipped words not counted) after a contrast word an `additive` word
/// ("also", "también") may come and make it an addition: "but we will also" is 3.
pub const ADDITIVE_WINDOW: usize = 4;

/// The categories a post-reverser undoes: measures and force that can be lifted or end
/// ("the sanctions will be lifted", "the war is over"). Not a demand ("we demand that the
/// licences be cancelled" still demands), nor a defiance, accusation or insult.
pub const POST_REVERSED_CATEGORIES: &[&str] = &["coercion", "force", "threat"];

/// Categories whose negation in a description of the speaker is a denial, not a reversal: "I am
/// not a criminal", "no soy narco", "we are not terrorists" reject a label (gold rows such as
/// "Our citizens are not cargo" and "NO SOMOS COLONIA DE NADIE" are labelled defiant), where
/// "they are not our enemies" and "I don't blame them" de-escalate. The speaker is described
/// when a `first-person-be` word, or a `be` word right after a `first-person` word, is among the
/// [`NEGATION_WINDOW`] units before the entry (context words, `lexicons/*/context.tsv`): "we are
/// not looking for enemies" is too far to describe anyone. A one-word entry that is a `relation`
/// context word is no charge to reject: "we are not your enemies" reassures, as negation has it.
pub const DENIAL_CATEGORIES: &[&str] = &["accusation", "insult"];

/// The category a denial is reported under: rejection of the other party's charge.
pub const DENIAL_CATEGORY: &str = "defiance";

/// Categories whose negation with the speaker as the object is defiance, not a promise: "they
/// will not intimidate us", "nobody is going to blackmail us", "no nos intimidarán" reject the
/// pressure (reported under [`DENIAL_CATEGORY`] at [`DEFIED_SCALAR`], rule `defied`), where
/// "we will not threaten anyone" de-escalates. So does a defiance entry with the speaker in
/// it: "no one is going to tell us how to vote" keeps its sign instead of turning into
/// agreement. The object is a `first-person-object` context word right after the entry, right
/// before it (a Spanish clitic, "nadie nos chantajea") or inside it ("tell us how to"); a
/// "nos" further away is as often reflexive ("en ningún momento nos hemos planteado romper
/// relaciones"). Force is left out: "they will not attack us" is as often a reassurance.
pub const DEFIED_CATEGORIES: &[&str] = &["threat", "coercion", "defiance"];

/// Defiance of pressure keeps the entry's whole weight, with its hostile sign: "they will not
/// intimidate us" is a confrontation, not the milder rebuttal of a label a denial is. The two
/// tuning rows of the kind ("SIERRAMAR NO NOS VA A INTIMIDAR!!!", "Montelar no nos va a
/// chantajear con sus aranceles") are labelled -2.
pub const DEFIED_SCALAR: f64 = 1.0;

/// A denial keeps its hostile sign at this share of the entry's weight: "no soy narco" is a
/// rebuttal, milder than the charge it rejects (such gold rows are labelled -1, not -2).
pub const DENIAL_SCALAR: f64 = 0.5;

/// Endings of Spanish first-person future verbs ("atacaremos", "responderé"), checked only in
/// statements scored as Spanish and on words at least three letters longer than the ending.
/// Irregular futures ("haremos", "impondré") and the English "we'll" are `first-person-future`
/// words, and the other words of the direct-threat, relay, shared-target and condition rules
/// are context words, in `lexicons/*/context.tsv`.
/// Accents are folded away, so "-ere" also ends "quiere", "requiere", "muere", "prefiere":
/// see [`NOT_FUTURE_BEFORE_ERE`].
pub const FIRST_PERSON_FUTURE_SUFFIXES: &[&str] =
    &["aremos", "eremos", "iremos", "are", "ere", "ire"];

/// Letters that never come before the "-eré" of a future (no Spanish verb ends in "-ier" or
/// "-uer"), and that end the stems of present forms such as "quiere", "requiere", "hiere",
/// "sugiere", "muere": a word ending in one of them and "ere" is not a first-person future.
pub const NOT_FUTURE_BEFORE_ERE: &[u8] = b"iu";

/// A hostile hit in a relayed sentence counts this much: "the United States announced tariffs
/// on our exports" reports coercion without adding any. One strong entry (-2.5, "sanctions")
/// then scores about -0.06, neutral; a report full of charged words ("called our president
/// a liar and a coward and threatened to close the crossing") stays neutral too, where at 0.2
/// three such hits reached -0.15 (tense). The sixteenth session's measurement: 0.2 -> 0.1
/// put 20 more of the 2,770 tuning rows in their class, Spearman unchanged.
pub const RELAYED_SCALAR: f64 = 0.1;

/// Letters a word of a speaker's name needs to stand for the speaker in a relayed sentence
/// ([`crate::Scorer::score_as`]): "Petro", "Trump", "Gustavo"; not "US" or "El".
pub const SPEAKER_WORD_MIN: usize = 3;

/// Words a speaker's name needs for its first two to be read as an office ("Interior
/// Minister Cass Wendell": "the interior minister said ..." in its statements is the
/// speaker): an office of two words and a name of at least one.
pub const SPEAKER_TITLE_MIN_WORDS: usize = 3;

/// Letters the first word of a speaker's office needs ("foreign", "ministro", "prime"; not
/// "Dr" or "El").
pub const SPEAKER_TITLE_MIN_LETTERS: usize = 4;

/// Last words of a speaker's name that name an office or a body, not a person: such a name
/// ("US government", "White House", "Ministerio de Defensa") is not looked for in its
/// statements' relayed sentences, as the word alone ("the Colombian Government", "the
/// House") is as often someone else. Folded (no accents, lower case) and sorted, for a
/// binary search.
pub const GENERIC_NAME_WORDS: &[&str] = &[
    "administracion",
    "administration",
    "agency",
    "ambassador",
    "army",
    "cabinet",
    "canciller",
    "cancilleria",
    "casa",
    "chancellery",
    "chancellor",
    "congreso",
    "congress",
    "consejo",
    "council",
    "defensa",
    "departamento",
    "department",
    "ejercito",
    "embajada",
    "embajador",
    "embajadora",
    "embassy",
    "estado",
    "estados",
    "exteriores",
    "gobierno",
    "government",
    "house",
    "minister",
    "ministerio",
    "ministra",
    "ministro",
    "ministry",
    "office",
    "oficina",
    "parliament",
    "partido",
    "party",
    "people",
    "portavoz",
    "presidencia",
    "presidency",
    "president",
    "presidenta",
    "presidente",
    "pueblo",
    "secretaria",
    "secretary",
    "senado",
    "senate",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "states",
];

/// A cooperative hit in a sentence with a `report` marker (a news source or a record credited
/// with it: "according to", "state media reported", "según", "informó") counts this much:
/// "the King called the prime minister 'a loyal friend and brother', state television
/// reported" is a report, label 0, not the speaker's warmth. Decided on the tuning rows in
/// the nineteenth session: 0.5 and 0.25 moved the same 18 of 3,610 rows (15 towards their
/// label); 0.25 put 4 more in their class, 0.5 two.
pub const REPORTED_SCALAR: f64 = 0.25;

/// A hit whose words are set in quotation marks of their own, a quotation of at most
/// [`QUOTED_WORDS`] words ("his love of 'dialogue'", "their 'peace plan'", "calificó el
/// desembarco de «acto de piratería»", "thanked him for his 'true friendship'"), counts this
/// much: scare quotes mock the word, and a short quotation cites someone else's word. Either
/// way the word is not the speaker's own tone. Decided on the 3,730 tuning rows (twentieth
/// session): 0 and 0.25 moved the same 60 rows, 52 towards their label; 0 put 16 into their
/// class and 3 out, 0.25 12 and 2.
pub const QUOTED_SCALAR: f64 = 0.0;

/// A statement that gives a clock time ("sessions begin at 09:00", "a las 11:00 horas en la
/// Casa de Gobierno") is a notice: a schedule, a closure, an accreditation deadline. Its
/// cooperative hits count this much ("the joint commission meets Tuesday at 10:00", "firma
/// del Tratado de Amistad ... a las 11:00" are logistics, label 0). Hostile hits keep their
/// weight when the statement warns (a hit of [`NOTICE_WARNING_CATEGORIES`]: an ultimatum
/// names its hour, "until 18:00 on Friday to release ..."); otherwise they count this much
/// too ("the crossing will be closed from 06:00 to 14:00", "the exchange of prisoners will
/// take place at 07:00"). Decided on the 3,850 tuning rows (twentieth session): 0.25 and 0.5
/// moved the same 69 rows, 64 towards their label; 0.25 put 24 into their class and 1 out,
/// 0.5 13 and none.
pub const NOTICE_SCALAR: f64 = 0.25;

/// ... the categories that make a statement with a clock time a warning rather than a notice.
pub const NOTICE_WARNING_CATEGORIES: &[&str] = &["threat", "demand"];

/// ... a quotation this long or shorter; a longer one is a quoted sentence, left to the
/// relay rules.
pub const QUOTED_WORDS: usize = 4;

/// Cooperative categories that name a partnership with the addressee ("side by side with",
/// "alliance", "colaboración") or thank it ("thank you for joining the sanctions on the
/// regime": gratitude to the partner for a measure taken with it) ...
pub const SHARED_TARGET_PARTNERS: &[&str] = &["partnership", "gratitude"];

/// ... and the hostile categories that, next to such a partnership, are aimed at a shared
/// target (terrorists, smugglers, cartels, a junta) rather than at the addressee.
pub const SHARED_TARGET_CATEGORIES: &[&str] = &["accusation", "force", "coercion"];

/// A hostile hit aimed at a shared target counts this much (see `context::shared_target`).
pub const SHARED_TARGET_SCALAR: f64 = 0.25;

/// Cooperative categories that, in a statement with a condemnation ("we condemn the attack"),
/// say whom the statement stands with: solidarity and support ("express our solidarity with
/// the Afghan people", "nuestro respaldo total al gobierno ecuatoriano"), thanks, respect and
/// condolences ("our thoughts are with the victims"), praise ("commend Nigeria for its
/// leadership") ...
pub const SOLIDARITY_PARTNERS: &[&str] = &["partnership", "gratitude", "respect", "praise"];

/// ... and how much the condemnation and the acts it condemns count then (see
/// `context::solidarity`): another party's act, condemned beside support for the party
/// addressed, says as little about the speaker's tone towards it as another party's act
/// relayed ([`RELAYED_SCALAR`]). At 0.25, as a shared target's hits, the three hits of one act
/// ("condena enérgicamente el atentado terrorista") outweighed the solidarity beside them
/// ("y expresa su solidaridad con el pueblo y el gobierno de Ecuador" read 0.00). No gold row
/// has the construction (one tuning row condemns beside a dialogue word, which is no
/// partner), so the value is this reasoning's, not a measurement's.
pub const SOLIDARITY_SCALAR: f64 = 0.1;

/// Cooperative categories that a `sarcasm` marker in the statement turns into mockery
/// ("congratulations on finally noticing the smog", "qué generosa es Ostúa", "keeps our
/// money and calls it friendship": see `context::sarcasm`) ...
pub const SARCASM_CATEGORIES: &[&str] = &["praise", "gratitude", "partnership"];

/// ... the category they are reported under then ...
pub const SARCASM_CATEGORY: &str = "accusation";

/// ... and how much of their weight they keep, with the sign turned: mock praise reproaches
/// about as strongly as plain praise would have praised, a little less.
pub const SARCASM_SCALAR: f64 = 0.74;

/// A `congratulation` word makes the sarcasm rule apply when the statement also has a hit of
/// at least this hostile weight (after the earlier rules, so a relayed or quoted word does not
/// count): "Congratulations to Pelloran on yet another missile test ... Pelloran will not
/// enjoy it". Over the tuning files, every statement with a congratulation and such a hit is
/// labelled on the hostile side (see `context::sarcasm`).
pub const CONGRATULATION_HOSTILE_MIN: f64 = 0.5;

/// Categories that only say the parties talk or meet. A statement whose hits are all in them
/// (after the rules) is multiplied by [`TALK_ONLY_SCALAR`] (see `context::talk_only`).
pub const TALK_CATEGORIES: &[&str] = &["dialogue"];

/// A statement that names a day or a month (a `calendar` context word) and whose hits are all
/// weaker than [`TALK_ONLY_MAX_BASE`] and in these categories is a schedule, not a stance: a
/// joint body that meets ("the joint border commission will meet on 14 March", "la comisión
/// mixta se reúne el martes"), a measure that takes effect ("the decision takes effect in
/// January"), a flight moved ("el vuelo de deportación ... se ha reprogramado para el
/// viernes"), what applicants must bring. Its hits count [`TALK_ONLY_SCALAR`], unless a
/// first-person word or a Spanish first-person future makes it the speaker's own act, as for
/// talk only. Threats and stronger entries keep their weight: an ultimatum names its day
/// ("has until Friday") with a threat. Twenty-first session: partnership with talk in every
/// statement moved 66 tuning rows, 33 towards their label ("hoy somos socios" is warmth);
/// only where a date is named, 22 moved, 20 towards; coercion, force and demands added, 24
/// more moved, 20 towards.
pub const SCHEDULE_CATEGORIES: &[&str] =
    &["dialogue", "partnership", "coercion", "demand", "force"];

/// Announcing or scheduling talks is mostly logistics: "the summit will be held in Cartagena"
/// is neutral, so a statement with plain talk and nothing else counts half, unless it has a
/// first-person word or a Spanish first-person future ("I will call Prime Minister Holt this
/// week", "llamaré a la presidenta" are offers; twentieth session: 24 tuning rows moved, 20
/// towards their label).
pub const TALK_ONLY_SCALAR: f64 = 0.5;

/// Only talk entries weaker than this are plain mentions. Weight 2 and up are warm by
/// themselves ("great call", "productive talks", "look forward to meeting") and keep their
/// weight: the founding example's "A great call with President Petro" is cooperative talk.
pub const TALK_ONLY_MAX_BASE: f64 = 2.0;

/// Categories whose entries, matched as one `document` word and all a statement's hits, name a
/// document rather than take a stance ([`crate::score::Rules::MENTIONED`]): "The treaty has 42
/// articles and two annexes" ...
pub const MENTION_CATEGORIES: &[&str] = &["agreement"];

/// Categories whose entries name a body of two governments when a `body` word is in the
/// match, right after it (one word may stand between: "joint border commission") or right
/// before it ("comité mixto"): such a hit is a mention too, as a document word alone is
/// ([`crate::score::Rules::MENTIONED`]): "The joint border commission will meet in Haldemar on
/// 14 March", "La comisión mixta de seguimiento celebró su primera reunión".
pub const BODY_CATEGORIES: &[&str] = &["partnership", "dialogue"];

/// How many tokens after a hit a `body` word may stand for the hit to name it: the next one,
/// or the one after ("joint border commission", "joint tracking committee").
pub const BODY_REACH: usize = 2;

/// How many tokens back from a document word a `signing` word may stand for the document to
/// be the thing signed rather than a mention ("signed the Kell River Flow Agreement": 5).
pub const SIGNING_REACH: usize = 8;

/// ... and how much such a hit counts then, as a notice's hits do ([`NOTICE_SCALAR`]): "the
/// treaty" (1.5) alone reads 0.09, neutral, where it read +0.62 with its band.
pub const MENTION_SCALAR: f64 = 0.25;

/// A tone word with a capital initial that does not open its clause is read as part of a
/// proper name and not scored ("viaja a La Paz", "aeropuerto Paz Estenssoro", "Puerto
/// Esperanza", "the border post at Concordia"), unless the entry runs on into a lower-case
/// word ("La Armada está lista": a name is capitalised throughout) or follows a number ("will
/// pay a 35% Tariff": a post's capitalised common noun).
pub const PROPER_NAMES: bool = true;

/// ... except entries of these categories: an agreement named with capitals is still an
/// agreement ("signed the Greyhollow Incidents at Sea Agreement", "la firma del Tratado de
/// Amistad").
pub const NAMED_CATEGORIES: &[&str] = &["agreement"];

/// A sentence with more than this share of capitalised words is in title case (a headline):
/// capitals there say nothing about names, and [`PROPER_NAMES`] does not apply.
pub const PROPER_NAME_MAX_CAPITAL_SHARE: f64 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Label;

    #[test]
    fn bands_keep_the_side_and_the_order_and_set_the_label() {
        let steps: Vec<f64> = (0..=1000).map(|i| f64::from(i) / 1000.0).collect();
        for strong in [false, true] {
            let mut last = f64::NEG_INFINITY;
            for &x in &steps {
                for tone in [x, -x] {
                    let b = band(tone, strong);
                    // The side, and the three-class reading, never change.
                    assert_eq!(b < 0.0, tone < 0.0, "{tone} {strong}");
                    assert_eq!(
                        b.abs() < CONCILIATORY_MIN,
                        tone.abs() < CONCILIATORY_MIN,
                        "{tone}"
                    );
                    if tone.abs() < CONCILIATORY_MIN {
                        assert_eq!(b, tone);
                        continue;
                    }
                    let label = Label::from_tone(b);
                    let outer = matches!(label, Label::Hostile | Label::Cooperative);
                    assert_eq!(outer, strong, "{tone} {strong} -> {b} {label}");
                }
                // Within a band the order of the sums is kept.
                let b = band(x, strong);
                assert!(b >= last, "{x} {strong}");
                last = b;
            }
        }
        // The inner band is left as it is up to the knee, and stays below the outer band even
        // for a saturated tone (and when printed with four decimals).
        assert_eq!(band(-0.3, false), -0.3);
        assert_eq!(band(INNER_KNEE, false), INNER_KNEE);
        assert_eq!(band(1.0, false), INNER_CAP);
        assert_eq!(band(-1.0, false), -INNER_CAP);
        assert!((band(0.725, false) - 0.475).abs() < 1e-12);
        // The outer band spreads 0.15..1 over 0.5..1.
        assert_eq!(band(0.15, true), 0.5);
        assert!((band(-0.575, true) + 0.75).abs() < 1e-12);
        assert_eq!(band(1.0, true), 1.0);
    }
}
