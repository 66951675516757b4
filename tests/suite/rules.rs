use crate::util::{fixture_scorer, hits};
use detente::{Label, Lang};

/// (case, language, statement, expected hits as `term:category:weight`, expected label)
const CASES: &[(&str, Lang, &str, &str, Label)] = &[
    (
        "plain entry",
        Lang::En,
        "They will attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    // -3 * -0.74 = +2.22, reported as de-escalation.
    (
        "negation flips and damps",
        Lang::En,
        "We will not attack",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "n't negates by rule",
        Lang::En,
        "We won't attack",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "negation window skips articles",
        Lang::En,
        "never an attack",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "negation window is 3 units",
        Lang::En,
        "no one knows they would attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    // An `opening-negator` ("no") opening its clause, with a future word after it, is the
    // negative subject of a future verb: it reaches the verb as a clause negator does.
    (
        "a negative subject reaches its future verb",
        Lang::En,
        "No soldier of ours will ever strike",
        "strike:deescalation:1.85",
        Label::Conciliatory,
    ),
    (
        "a negative subject without a future word keeps the window",
        Lang::En,
        "No soldier of ours has ever dared to strike",
        "strike:force:-2.50",
        Label::Hostile,
    ),
    (
        "an opening negator inside its clause keeps the window",
        Lang::En,
        "There is no soldier of ours who will ever strike",
        "strike:force:-2.50",
        Label::Hostile,
    ),
    // A barrier ("right") stops a negation, a subordinator ("why") too.
    (
        "a right denied is no act denied",
        Lang::En,
        "They have no right to attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "negation does not reach past why",
        Lang::En,
        "never again will we ask why they attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "negation stops at a comma",
        Lang::En,
        "No, they will attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "double negation cancels",
        Lang::En,
        "not never attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "negated cooperative word",
        Lang::En,
        "We will not thank them",
        "thank:defiance:-1.48",
        Label::Tense,
    ),
    (
        "booster",
        Lang::En,
        "a very good outcome",
        "good:praise:1.30",
        Label::Conciliatory,
    ),
    (
        "booster stops at a comma",
        Lang::En,
        "very good, good",
        "good:praise:1.30;good:praise:1.00",
        Label::Conciliatory,
    ),
    // 2 * (1 + 0.3 * 0.95)
    (
        "booster two units back decays",
        Lang::En,
        "very warm thank",
        "thank:gratitude:2.57",
        Label::Cooperative,
    ),
    (
        "dampener",
        Lang::En,
        "somewhat good",
        "good:praise:0.70",
        Label::Conciliatory,
    ),
    // Cooperative words before a turn to a part without any are conceded (the conceded
    // rule, thirty-fourth session): weighed as before the turn, with the sign turned.
    (
        "contrast: after weighs more, before less",
        Lang::En,
        "Good talks, but they will attack",
        "good:accusation:-0.50;talks:accusation:-0.50;attack:force:-4.50",
        Label::Hostile,
    ),
    (
        "contrast opening a sentence reaches back",
        Lang::En,
        "Good talks. However, sanctions.",
        "good:accusation:-0.50;talks:accusation:-0.50;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "contrast does not reach other sentences",
        Lang::En,
        "Good talks. Good but sanctions",
        "good:praise:1.00;talks:dialogue:1.00;good:accusation:-0.50;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "caps emphasis",
        Lang::En,
        "They will ATTACK",
        "attack:force:-3.90",
        Label::Hostile,
    ),
    (
        "all caps statement gets no emphasis",
        Lang::En,
        "THEY WILL ATTACK",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "exclamation",
        Lang::En,
        "They will attack!!",
        "attack:force:-3.60",
        Label::Hostile,
    ),
    (
        "a title's period ends no sentence: the exclamation reaches the thanks",
        Lang::En,
        "thank you, Mr. President!",
        "thank:gratitude:2.20",
        Label::Cooperative,
    ),
    (
        "an initialism's periods end no sentence",
        Lang::En,
        "the U.S. will attack!",
        "attack:force:-3.30",
        Label::Hostile,
    ),
    (
        "exclamation caps at three",
        Lang::En,
        "They will attack!!!!!!",
        "attack:force:-3.90",
        Label::Hostile,
    ),
    (
        "question damps",
        Lang::En,
        "Will they attack?",
        "attack:force:-2.40",
        Label::Hostile,
    ),
    (
        "phrase over word",
        Lang::En,
        "They take up arms",
        "take up arms:force:-3.50",
        Label::Hostile,
    ),
    (
        "word alone",
        Lang::En,
        "They have arms",
        "arms:force:-2.00",
        Label::Hostile,
    ),
    (
        "wildcard",
        Lang::En,
        "threatening threats",
        "threat*:threat:-3.00;threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "approval phrase",
        Lang::En,
        "That sounds good",
        "sounds good:agreement:1.50",
        Label::Cooperative,
    ),
    (
        "spanish negation nadie",
        Lang::Es,
        "Nadie quiere tocar las armas",
        "armas:deescalation:1.48",
        Label::Conciliatory,
    ),
    // Since the conceded rule (thirty-fourth session) the peace before the turn is a
    // concession: its sign turns (neutral before).
    (
        "spanish contrast pero",
        Lang::Es,
        "Queremos la paz, pero defenderemos la patria",
        "paz:accusation:-1.50;defender*:defiance:-1.50",
        Label::Tense,
    ),
    (
        "spanish wildcard and accents",
        Lang::Es,
        "Nos AMENAZÓ",
        "amenaz*:threat:-3.90",
        Label::Hostile,
    ),
    (
        "conditional threat with comma",
        Lang::En,
        "If they do not stop, we will strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "conditional threat without comma",
        Lang::En,
        "If they don't stop we will strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "condition clause counts half",
        Lang::En,
        "We will strike if they keep threatening us",
        "strike:threat:-2.50;threat*:threat:-1.50",
        Label::Hostile,
    ),
    // A retort phrase ending the main clause makes the condition's hostile hits the threat
    // (rule retort), at full weight.
    (
        "a condition answered in kind is a threat",
        Lang::En,
        "If they want sanctions, they will get one",
        "sanctions:threat:-2.50",
        Label::Hostile,
    ),
    (
        "a retort phrase that does not end its clause answers nothing",
        Lang::En,
        "If they want sanctions, they will get one more",
        "sanctions:coercion:-1.25",
        Label::Tense,
    ),
    (
        "a retort phrase inside the condition answers nothing",
        Lang::En,
        "If they want sanctions or get one, talks",
        "sanctions:coercion:-1.25;talks:dialogue:1.00",
        Label::Neutral,
    ),
    (
        "a retort in another sentence answers nothing",
        Lang::En,
        "If they want sanctions. They will get one",
        "sanctions:coercion:-1.25",
        Label::Tense,
    ),
    (
        "a cooperative condition answered in kind is left as it is",
        Lang::En,
        "If they want talks, they will get one",
        "talks:dialogue:0.25",
        Label::Neutral,
    ),
    (
        "spanish retort",
        Lang::Es,
        "Si quieren armas, las tendrán",
        "armas:threat:-2.00",
        Label::Hostile,
    ),
    // Force announced in the future passive is a warning (rule announced).
    (
        "force in the future passive is a threat",
        Lang::En,
        "Any vessel in the channel will be fired upon",
        "fired upon:threat:-3.00",
        Label::Hostile,
    ),
    // Coercion or force promised in the future to a universal subject is a threat (rule
    // universal); what the subject does before the future is the condition.
    (
        "coercion promised to any who do it is a threat",
        Lang::En,
        "Any ship that enters will face sanctions",
        "sanctions:threat:-2.50",
        Label::Hostile,
    ),
    (
        "a universal word after the future promises nothing",
        Lang::En,
        "They will impose sanctions on any ship",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a universal subject without a future promises nothing",
        Lang::En,
        "Any ship that enters faces sanctions",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "the universal subject's own act is the condition",
        Lang::En,
        "Any sanctions on our ships will be answered",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "spanish universal subject",
        Lang::Es,
        "Cualquier barco que entre será recibido con armas",
        "armas:threat:-2.00",
        Label::Hostile,
    ),
    // Threat or force after a complaint word in its clause is the act complained of, an
    // accusation (rule complained: "We condemn the attack" above); the speaker's own act
    // after it is not.
    (
        "the speaker's own force after a complaint is no complaint",
        Lang::En,
        "We condemn the attack and we will strike",
        "condemn*:defiance:-2.00;attack:accusation:-3.00;strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "force in another clause than the complaint is not complained of",
        Lang::En,
        "We condemn nothing, they attack",
        "condemn*:defiance:-2.00;attack:force:-3.00",
        Label::Hostile,
    ),
    // Cooperative words before a turn to a part without any were a concession (rule
    // conceded): their sign turns, reported as an accusation.
    (
        "praise before a turn to a reservation is conceded",
        Lang::En,
        "We thank them, but the work goes on",
        "thank:accusation:-1.00",
        Label::Tense,
    ),
    (
        "praise before a turn to more praise stands",
        Lang::En,
        "We thank them, but good talks",
        "thank:gratitude:1.00;good:praise:1.50;talks:dialogue:1.50",
        Label::Cooperative,
    ),
    (
        "a negated hostile word before a turn is no concession",
        Lang::En,
        "We will not attack, but the work goes on",
        "attack:deescalation:1.11",
        Label::Conciliatory,
    ),
    (
        "a concessive word inside its sentence heads the concession",
        Lang::En,
        "We thank them, although the work goes on",
        "thank:gratitude:1.00",
        Label::Cooperative,
    ),
    (
        "a turn that leads nowhere concedes nothing",
        Lang::En,
        "We thank them, but",
        "thank:gratitude:1.00",
        Label::Cooperative,
    ),
    // A statement whose hits are all document words alone names a document (rule
    // mentioned): a quarter of the weight.
    (
        "a document named alone is a mention",
        Lang::En,
        "The treaty has two annexes",
        "treaty:agreement:0.50",
        Label::Neutral,
    ),
    (
        "a document named beside praise is no mere mention",
        Lang::En,
        "The treaty is good",
        "treaty:agreement:2.00;good:praise:1.00",
        Label::Cooperative,
    ),
    // A partnership word naming a body of the two governments (a `body` word in it, one or
    // two words after it, or right before it) is a mention as well.
    (
        "a joint body named is a mention",
        Lang::En,
        "The joint border commission meets in May",
        "joint:partnership:0.25",
        Label::Neutral,
    ),
    (
        "a body named beside a document is a mention",
        Lang::En,
        "The joint commission reviews the treaty",
        "joint:partnership:0.25;treaty:agreement:0.50",
        // 0.75 in all: +0.19, conciliatory (without the rule +3.00, cooperative).
        Label::Conciliatory,
    ),
    // Plain talk beside a document or a body is part of the notice; beside no document it is
    // the talk-only rule's (half), and warm words beside a document keep both whole.
    (
        "plain talk beside a document is part of the mention",
        Lang::En,
        "The talks on the treaty resume",
        "talks:dialogue:0.25;treaty:agreement:0.50",
        // +0.19 (without the rule 1 + 2: +0.61, cooperative).
        Label::Conciliatory,
    ),
    (
        "plain talk alone is the talk-only rule's",
        Lang::En,
        "The talks resume",
        "talks:dialogue:0.50",
        Label::Neutral,
    ),
    (
        "a joint act is no body",
        Lang::En,
        "The joint patrol of the border starts, and the commission meets",
        "joint:partnership:1.00",
        Label::Cooperative,
    ),
    (
        "a body set up by the speaker is no mere mention",
        Lang::En,
        "We set up a joint commission",
        "joint:partnership:1.00",
        Label::Cooperative,
    ),
    (
        "a document signed is no mere mention",
        Lang::En,
        "They signed the Kell River treaty",
        "treaty:agreement:2.00",
        Label::Cooperative,
    ),
    (
        "the speaker's own document is no mere mention",
        Lang::En,
        "We have the treaty",
        "treaty:agreement:2.00",
        Label::Cooperative,
    ),
    // A refusal to sign refuses what it names (the breach rule, a `rejection` word ending the
    // defiance hit).
    (
        "a refusal to sign refuses the treaty",
        Lang::En,
        "We will not sign the treaty",
        "will not sign:defiance:-2.00;treaty:defiance:-1.00",
        Label::Tense,
    ),
    (
        "force in the past passive is no announcement",
        Lang::En,
        "The vessel was fired upon",
        "fired upon:force:-3.00",
        Label::Hostile,
    ),
    (
        "coercion in the future passive stays coercion",
        Lang::En,
        "There will be sanctions",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "spanish force in the future passive is a threat",
        Lang::Es,
        "Toda aeronave será derribada",
        "derribad*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "spanish future passive in another clause announces nothing",
        Lang::Es,
        "Será así, derribada",
        "derribad*:force:-3.00",
        Label::Hostile,
    ),
    (
        "spanish conditional threat",
        Lang::Es,
        "Si no detienen la droga, habrá un strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "approval in another sentence stays approval",
        Lang::En,
        "Sanctions? That sounds good",
        // The sanctions' sentence is before a turn (TURN_SCALAR), not approved.
        "sanctions:coercion:-1.00;sounds good:agreement:1.50",
        Label::Neutral,
    ),
    (
        "approval in the same clause takes its side",
        Lang::En,
        "Sanctions sounds good",
        "sanctions:coercion:-2.50;sounds good:coercion:-1.50",
        Label::Tense,
    ),
    (
        "a negator belongs to the first entry after it",
        Lang::En,
        "I wouldn't thank that clown",
        "thank:defiance:-1.48;clown:insult:-2.00",
        Label::Hostile,
    ),
    (
        "reverser undoes coercion",
        Lang::En,
        "They lifted the sanctions",
        "sanctions:deescalation:1.85",
        Label::Conciliatory,
    ),
    (
        "a post-reverser undoes the coercion before it in its clause",
        Lang::En,
        "The sanctions on our banks will be lifted",
        "sanctions:deescalation:1.85",
        Label::Conciliatory,
    ),
    (
        "a negated post-reverser leaves the coercion",
        Lang::En,
        "The sanctions will not be lifted",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a post-reverser does not reach past another entry",
        Lang::En,
        "The sanctions and the talks will be lifted",
        "sanctions:coercion:-2.50;talks:dialogue:1.00",
        Label::Tense,
    ),
    (
        "a post-reverser leaves a demand alone",
        Lang::En,
        "We demand it is over",
        "we demand:demand:-2.50",
        Label::Tense,
    ),
    (
        "a post-reverser leaves an insult alone",
        Lang::En,
        "The clown is over",
        "clown:insult:-2.00",
        Label::Hostile,
    ),
    (
        "a post-reverser undoes force",
        Lang::En,
        "The attack is over",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a post-reverser does not reach into the next sentence",
        Lang::En,
        "The sanctions stay. It is over",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a preposition negator negates the noun phrase after it",
        Lang::En,
        "Talks without the attack",
        "talks:dialogue:1.00;attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a preposition negator does not reach a predicate past another word",
        Lang::En,
        "Without clearance we attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a plain negator does",
        Lang::En,
        "Not clearance we attack",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a contrast word turns",
        Lang::En,
        "Talks, but sanctions",
        "talks:accusation:-0.50;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "an additive word after a contrast word makes it an addition",
        Lang::En,
        "Talks, but also sanctions",
        "talks:dialogue:1.00;sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a negator reaches past a short aside",
        Lang::En,
        "We will not, frankly, attack",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a negator and one word before a short aside reach past it",
        Lang::Es,
        "No es, digamos, paz",
        "paz:threat:-2.22",
        Label::Tense,
    ),
    (
        "a negator does not reach past a long aside",
        Lang::En,
        "We will not, for all the reasons we gave, attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a negator does not reach past an aside with an entry",
        Lang::En,
        "We will not, thank you, attack",
        "thank:gratitude:2.00;attack:force:-3.00",
        Label::Hostile,
    ),
    // 3 * 0.2 = 0.60: force named as a past event.
    (
        "force dated by a year after it is historical",
        Lang::En,
        "The attack of 1932",
        "attack:force:-0.60",
        Label::Tense,
    ),
    (
        "force dated by a decade before it is historical",
        Lang::En,
        "The 1950s attack",
        "attack:force:-0.60",
        Label::Tense,
    ),
    (
        "force without a year is not historical",
        Lang::En,
        "The attack of the army",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "force in a statement that commemorates is historical",
        Lang::En,
        "On the anniversary of the attack",
        "attack:force:-0.60",
        Label::Tense,
    ),
    (
        "a threat the speaker makes stays one beside a commemoration",
        Lang::En,
        "On the anniversary we will attack",
        "attack:threat:-3.00",
        Label::Hostile,
    ),
    // 3 * 0.2 = 0.60: force whose agent is a natural disaster.
    (
        "force by a disaster is no party's act",
        Lang::En,
        "The attack by the storm",
        "attack:force:-0.60",
        Label::Tense,
    ),
    (
        "force right after a disaster word is no party's act",
        Lang::En,
        "The storm attack",
        "attack:force:-0.60",
        Label::Tense,
    ),
    (
        "force by an army is an act",
        Lang::En,
        "The attack by the army",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a disaster too far after the by does not count",
        Lang::En,
        "The attack by the army of the coast in the storm",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    // A reciprocal entry takes the sign of the statement's other hits.
    (
        "a reciprocal entry alone counts nothing",
        Lang::En,
        "They respond in kind",
        "respond in kind:threat:0.00",
        Label::Neutral,
    ),
    (
        "a reciprocal entry after cooperative hits is cooperative",
        Lang::En,
        "Thank you, we respond in kind",
        "thank:gratitude:2.00;respond in kind:commitment:2.50",
        Label::Cooperative,
    ),
    (
        "a reciprocal entry after hostile hits stays hostile",
        Lang::En,
        "They attack, we respond in kind",
        "attack:force:-3.00;respond in kind:threat:-2.50",
        Label::Hostile,
    ),
    (
        "a negated reciprocal entry is a refusal to retaliate",
        Lang::En,
        "We will not respond in kind",
        "respond in kind:deescalation:1.85",
        Label::Conciliatory,
    ),
    (
        "a negated future announces nothing: the force after it is no direct threat",
        Lang::En,
        "We will not forget the attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "reverser leaves insults alone",
        Lang::En,
        "We will eliminate the clown",
        "clown:insult:-2.00",
        Label::Hostile,
    ),
    (
        "politeness marker is not respect",
        Lang::En,
        "With all due respect, sanctions",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "respect alone is respect",
        Lang::En,
        "We respect them",
        "respect:respect:1.00",
        Label::Conciliatory,
    ),
    (
        "approval just before a hostile act",
        Lang::En,
        "We support sanctions",
        "support:coercion:-1.00;sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "approval far before a hostile act stays approval",
        Lang::En,
        "We support the long and careful review of old sanctions",
        "support:agreement:1.00;sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "negative concord: an idiom's own negator",
        Lang::Es,
        "No somos colonia de nadie",
        "colonia de nadie:defiance:-2.00",
        Label::Tense,
    ),
    (
        "direct threat: first person and future",
        Lang::En,
        "We will strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "direct threat with a contraction",
        Lang::En,
        "We'll impose sanctions",
        "sanctions:threat:-2.50",
        Label::Hostile,
    ),
    (
        "reported force stays force",
        Lang::En,
        "They will strike",
        "strike:force:-2.50",
        Label::Hostile,
    ),
    (
        "spanish first-person future is a direct threat",
        Lang::Es,
        "Defenderemos con armas",
        "defender*:defiance:-1.00;armas:threat:-2.00",
        Label::Hostile,
    ),
    (
        "a spanish future in -eré is a direct threat",
        Lang::Es,
        "Responderé con armas",
        "armas:threat:-2.00",
        Label::Hostile,
    ),
    (
        "a spanish irregular future is a direct threat",
        Lang::Es,
        "Tendremos que usar las armas",
        "armas:threat:-2.00",
        Label::Hostile,
    ),
    // Regression: folded, "quiere", "requiere" and "muere" end like "responderé".
    (
        "spanish present forms in -iere and -uere are not a future",
        Lang::Es,
        "El pueblo quiere armas y requiere armas",
        "armas:force:-2.00;armas:force:-2.00",
        Label::Hostile,
    ),
    // Regression: "Harrowmere" ends like "responderé" (twenty-first session).
    (
        "a spanish place name ending like a future is not a direct threat",
        Lang::Es,
        "El puerto de Harrowmere recibe armas",
        "armas:force:-2.00",
        Label::Hostile,
    ),
    // Several hits in one clause or sentence: the rules read a clause once and remember
    // what they found (a speech pasted as one field made them quadratic before the
    // twenty-fourth session); each case below fails if a remembered answer outlives the
    // clause, sentence or position it holds for.
    (
        "a direct threat found for one hit holds for the later hits of its clause",
        Lang::En,
        "They attack and we will strike and attack",
        "attack:force:-3.00;strike:threat:-2.50;attack:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a third-person subject makes the future someone else's",
        Lang::En,
        "we know they will attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a first-person subject after it announces again",
        Lang::En,
        "they know we will attack",
        "attack:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a direct threat in one clause does not carry into the next",
        Lang::En,
        "They attack, we will strike, they attack",
        "attack:force:-3.00;strike:threat:-2.50;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a second conditional in a clause shares the first one's region",
        Lang::En,
        "We will strike if they attack if they strike",
        "strike:threat:-2.50;attack:force:-1.50;strike:force:-1.25",
        Label::Hostile,
    ),
    (
        "conditional regions end at a consequence word, hit after hit",
        Lang::En,
        "If they attack if they strike we attack",
        "attack:force:-1.50;strike:force:-1.25;attack:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a than found for one negated hit is not reused past it",
        Lang::En,
        "not a greater attack than sanctions and not a greater strike",
        "attack:force:-3.00;sanctions:coercion:-2.50;strike:deescalation:1.85",
        Label::Hostile,
    ),
    (
        "a comparison found for one negated hit is not reused past it",
        Lang::En,
        // (A negated future announces nothing: the attack and the sanctions stay force and
        // coercion.)
        "we will not attack more than sanctions and not strike",
        "attack:force:-3.00;sanctions:coercion:-2.50;strike:deescalation:1.85",
        Label::Hostile,
    ),
    (
        "approvals take the first act of their clause, before them or up to four units after \
         (\"we\" is a unit)",
        Lang::En,
        "we support we support we support we support we support sanctions we support",
        "support:agreement:1.00;support:agreement:1.00;support:agreement:1.00;\
         support:coercion:-1.00;support:coercion:-1.00;sanctions:coercion:-2.50;\
         support:coercion:-1.00",
        Label::Tense,
    ),
    (
        "the act an approval took does not carry into the next clause",
        Lang::En,
        "sanctions we support, we support",
        "sanctions:coercion:-2.50;support:coercion:-1.00;support:agreement:1.00",
        Label::Tense,
    ),
    (
        "english words ending like a spanish future are not",
        Lang::En,
        "They declare sanctions",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "no hits is neutral",
        Lang::En,
        "The meeting will take place on February 3",
        "",
        Label::Neutral,
    ),
    // Spanish negative concord (SPANISH_NEGATIVE_CONCORD): -2 * -0.74 = +1.48.
    (
        "spanish negators agree instead of cancelling",
        Lang::Es,
        "No queremos nunca armas",
        "armas:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "english negators still cancel",
        Lang::En,
        "not never arms",
        "arms:force:-2.00",
        Label::Hostile,
    ),
    // Relayed reports (RELAYED_SCALAR 0.1): -2.5 * 0.1 = -0.25, tone -0.06.
    (
        "a relayed hostile act is damped",
        Lang::En,
        "They announced sanctions",
        "sanctions:coercion:-0.25",
        Label::Neutral,
    ),
    (
        "a relay word before by is a participle and relays nothing",
        Lang::En,
        "The sanctions announced by them",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a multiword relay marker",
        Lang::En,
        "According to them, sanctions",
        "sanctions:coercion:-0.25",
        Label::Neutral,
    ),
    // A quotation opened after a colon is the answer quoted whole (rule quoted-answer),
    // unless a relay marker lies inside it before the hit.
    (
        "a quotation after a colon is the speaker's own answer",
        Lang::En,
        "Asked about it, the minister said: \"the sanctions stay\"",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a quotation that relays in turn still relays",
        Lang::En,
        "Asked about it, the minister said: \"they announced sanctions today\"",
        "sanctions:coercion:-0.25",
        Label::Neutral,
    ),
    (
        "a quotation without a colon before it is relayed",
        Lang::En,
        "The minister said \"the sanctions stay\"",
        "sanctions:coercion:-0.25",
        Label::Neutral,
    ),
    // A relay marker inside a condition names what would set the main clause off; it
    // reports nothing.
    (
        "a relay marker inside a condition relays nothing",
        Lang::En,
        "If they announced it, sanctions",
        "sanctions:threat:-2.50",
        Label::Hostile,
    ),
    (
        "the same marker outside the condition relays",
        Lang::En,
        "They announced it, sanctions",
        "sanctions:coercion:-0.25",
        Label::Neutral,
    ),
    (
        "a first-person clause is the speaker's own act",
        Lang::En,
        "We announced sanctions",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "relayed cooperation keeps its weight",
        Lang::En,
        "They announced good talks",
        "good:praise:1.00;talks:dialogue:1.00",
        Label::Conciliatory,
    ),
    (
        "a relay word inside a contrast phrase relays nothing",
        Lang::En,
        "We thank them. That said, sanctions",
        "thank:accusation:-1.00;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "the same word outside the contrast phrase relays",
        Lang::En,
        "We thank them. They said sanctions",
        "thank:gratitude:1.00;sanctions:coercion:-0.25",
        Label::Cooperative,
    ),
    (
        "a relay marker reaches its own sentence only",
        Lang::En,
        "They announced it. They will attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "spanish relay marker",
        Lang::Es,
        "Según ellos, armas",
        "armas:force:-0.20",
        Label::Neutral,
    ),
    (
        "said relays another party's words",
        Lang::En,
        "Their minister said they will strike",
        "strike:force:-0.25",
        Label::Neutral,
    ),
    (
        "said in a first-person clause is not a relay",
        Lang::En,
        "We said we will strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    (
        "dijo relays in Spanish",
        Lang::Es,
        "El ministro dijo que habrá armas",
        "armas:force:-0.20",
        Label::Neutral,
    ),
    (
        "declared that relays a reported declaration",
        Lang::En,
        "Their minister declared that they will strike",
        "strike:force:-0.25",
        Label::Neutral,
    ),
    (
        "declaró que relays in Spanish",
        Lang::Es,
        "El canciller declaró que habrá armas",
        "armas:force:-0.20",
        Label::Neutral,
    ),
    // Shared target (SHARED_TARGET_SCALAR 0.25): partnership plus a named common target.
    (
        "force against a shared target is damped",
        Lang::En,
        "The alliance will attack the terrorists",
        "alliance:partnership:2.00;attack:force:-0.75;terrorists:accusation:-0.50",
        Label::Cooperative,
    ),
    // 3 * 0.25 = 0.75: a threat whose subject is the shared target is the target's act.
    (
        "a threat by the shared target is aimed at it",
        Lang::En,
        "The alliance fights the terrorists who threaten us",
        "alliance:partnership:2.00;terrorists:accusation:-0.50;threat*:threat:-0.75",
        Label::Cooperative,
    ),
    // The target as the patient of a passive (TARGET_PATIENT_WORDS between): aimed at it.
    (
        "a threat whose patient is the shared target is aimed at it",
        Lang::En,
        "The alliance stands firm. The terrorists will be threatened",
        "alliance:partnership:1.00;terrorists:accusation:-0.50;threat*:threat:-0.75",
        Label::Neutral,
    ),
    (
        "a threat after another word than an auxiliary still turns the rule off",
        Lang::En,
        "The alliance stands firm. The terrorists and we will be threatened",
        "alliance:partnership:1.00;terrorists:accusation:-2.00;threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a threat by someone else still turns the rule off",
        Lang::En,
        "The alliance fights the terrorists and they threaten us",
        "alliance:partnership:2.00;terrorists:accusation:-2.00;threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "without a named target nothing is damped",
        Lang::En,
        "The alliance will attack",
        "alliance:partnership:2.00;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a named target without partnership is not damped",
        Lang::En,
        "They will attack the terrorists",
        "attack:force:-3.00;terrorists:accusation:-2.00",
        Label::Hostile,
    ),
    (
        "a threat in the statement turns the rule off",
        Lang::En,
        "The alliance threatens the terrorists",
        "alliance:partnership:2.00;threat*:threat:-3.00;terrorists:accusation:-2.00",
        Label::Hostile,
    ),
    // A rejection refuses what follows it (BREACH_SCALAR 0.5, sign turned, as a breach).
    (
        "a rejection refuses the cooperative hit after it",
        Lang::En,
        "they rejected the talks",
        "rejected:defiance:-2.00;talks:defiance:-0.50",
        Label::Tense,
    ),
    (
        "a rejection does not reach into the next clause",
        Lang::En,
        "they rejected it, talks",
        "rejected:defiance:-2.00;talks:dialogue:1.00",
        Label::Tense,
    ),
    // Demanded (DEMANDED_SCALAR 0.25): the cooperative act a demand asks for is not offered.
    (
        "a cooperative act after a demand is damped",
        Lang::En,
        "we demand talks",
        "we demand:demand:-2.50;talks:dialogue:0.25",
        Label::Tense,
    ),
    (
        "a demand inside an agreement asks for nothing",
        Lang::En,
        "we signed a treaty and we demand talks",
        "signed a treaty:agreement:3.00;we demand:demand:-2.50;talks:dialogue:1.00",
        Label::Cooperative,
    ),
    (
        "a demand does not reach into the next clause",
        Lang::En,
        "we demand, talks",
        "we demand:demand:-2.50;talks:dialogue:1.00",
        Label::Tense,
    ),
    // Solidarity (SOLIDARITY_SCALAR 0.1): a condemnation beside support aims at a third party.
    (
        "a condemnation beside solidarity is damped",
        Lang::En,
        "We condemn the attack and send our solidarity",
        "condemn*:defiance:-0.20;attack:accusation:-0.30;solidarity:partnership:2.00",
        Label::Cooperative,
    ),
    // The attack condemned is an accusation (the complained rule, thirty-fourth session:
    // hostile before), at its whole weight.
    (
        "a condemnation without support is not damped",
        Lang::En,
        "We condemn the attack",
        "condemn*:defiance:-2.00;attack:accusation:-3.00",
        Label::Tense,
    ),
    (
        "support without a condemnation damps nothing",
        Lang::En,
        "The attack, and our solidarity",
        "attack:force:-3.00;solidarity:partnership:2.00",
        Label::Hostile,
    ),
    (
        "a threat beside a condemnation turns the solidarity rule off",
        Lang::En,
        "We condemn the attack, send our solidarity and threaten them",
        "condemn*:defiance:-2.00;attack:accusation:-3.00;solidarity:partnership:2.00;threat*:threat:-3.00",
        Label::Hostile,
    ),
    // A direct threat (force the speaker announces) is still aimed at the shared target.
    (
        "a direct threat against a shared target is damped",
        Lang::En,
        "With the alliance we will attack the terrorists",
        "alliance:partnership:2.00;attack:threat:-0.75;terrorists:accusation:-0.50",
        Label::Cooperative,
    ),
    (
        "a direct threat without a named target is not damped",
        Lang::En,
        "With the alliance we will attack",
        "alliance:partnership:2.00;attack:threat:-3.00",
        Label::Hostile,
    ),
    // An opening contrast ("now") acts only where it opens its sentence, and then with the
    // sentence before: thanks, then a demand.
    (
        "an opening contrast turns from the sentence before",
        Lang::En,
        "Thank the alliance. Now sanctions",
        "thank:accusation:-1.00;alliance:accusation:-1.00;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    // ... or where only the sentence's first-person subject comes before it.
    (
        "an opening contrast after the subject turns from the sentence before",
        Lang::En,
        "Thank the alliance. We now sanctions",
        "thank:accusation:-1.00;alliance:accusation:-1.00;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "an opening contrast after another first word is plain",
        Lang::En,
        "Thank the alliance. They now sanctions",
        // No contrast: the sanctions keep their weight; the thanks are before a turn.
        "thank:gratitude:1.00;alliance:partnership:1.00;sanctions:coercion:-2.50",
        Label::Neutral,
    ),
    // A contrast word after one plain word, the sentence's subject, also turns from the
    // sentence before; after an entry it is a contrast inside its sentence only.
    (
        "a contrast word after the subject turns from the sentence before",
        Lang::En,
        "Thank the alliance. Moscow, however, sanctions",
        "thank:accusation:-1.00;alliance:accusation:-1.00;sanctions:coercion:-3.75",
        Label::Tense,
    ),
    (
        "a contrast word after an entry contrasts inside its sentence",
        Lang::En,
        "Thank the alliance. Good, but sanctions",
        "thank:gratitude:2.00;alliance:partnership:2.00;good:accusation:-0.50;sanctions:coercion:-3.75",
        Label::Neutral,
    ),
    (
        "an opening-contrast word elsewhere is plain",
        Lang::En,
        "Thank the alliance. Sanctions now",
        "thank:gratitude:1.00;alliance:partnership:1.00;sanctions:coercion:-2.50",
        Label::Neutral,
    ),
    // A hedged threat ("not rule out") before a cooperative entry in its clause is openness
    // (HEDGE_SCALAR 0.5, HEDGE_CATEGORY commitment); before a hostile one it stays a threat.
    (
        "a hedged threat before a cooperative entry is openness",
        Lang::En,
        "We do not rule out an alliance",
        "not rule out:commitment:1.00;alliance:partnership:2.00",
        Label::Cooperative,
    ),
    (
        "a hedged threat before a hostile entry stays a threat",
        Lang::En,
        "We do not rule out sanctions",
        "not rule out:threat:-2.00;sanctions:coercion:-2.50",
        Label::Hostile,
    ),
    (
        "a hedged threat with a cooperative entry in another clause stays a threat",
        Lang::En,
        "We do not rule out anything, and the alliance holds",
        "not rule out:threat:-2.00;alliance:partnership:2.00",
        Label::Neutral,
    ),
    // A denial of threatening in a statement that threatens is hollow: the negated threat
    // word keeps its negated weight with the hostile sign.
    (
        "a denial of threatening next to a threat is hollow",
        Lang::En,
        "We are not threatening anyone. We will strike",
        "threat*:threat:-2.22;strike:threat:-2.50",
        Label::Hostile,
    ),
    // A denial aimed at no one ("not threatening anyone", "nadie está amenazando") opens a
    // grievance: hollow beside any hostile hit, not only a threat; beside no threat it is
    // reported as the grievance (HOLLOW_GRIEVANCE_CATEGORY), so the statement is tense
    // (hostile until the thirty-fifth session).
    (
        "a denial of threatening anyone beside an accusation is hollow",
        Lang::En,
        "We are not threatening anyone. They violated the treaty",
        "threat*:accusation:-2.22;violated:accusation:-2.00;treaty:accusation:-1.00",
        Label::Tense,
    ),
    (
        "a denial of threatening someone named beside an accusation stands",
        Lang::En,
        "We are not threatening them. They violated the treaty",
        "threat*:deescalation:1.11;violated:accusation:-2.00;treaty:accusation:-1.00",
        Label::Tense,
    ),
    (
        "nadie amenaza beside an accusation is hollow",
        Lang::Es,
        "Nadie está amenazando a Montebruno. Son unos narco",
        "amenaz*:accusation:-2.22;narco:accusation:-2.00",
        Label::Tense,
    ),
    (
        "a denial of threatening without a threat reassures",
        Lang::En,
        "We are not threatening anyone. We want talks",
        "threat*:deescalation:2.22;talks:dialogue:1.00",
        Label::Conciliatory,
    ),
    // A hostile act after a cooperative hit and a `topic` word in its clause is the topic
    // (TOPIC_SCALAR 0.25): no approval takes its side.
    (
        "a hostile act after talks on it is the topic",
        Lang::En,
        "We support talks on sanctions",
        "support:agreement:1.00;talks:dialogue:1.00;sanctions:coercion:-0.62",
        Label::Cooperative,
    ),
    (
        "a hostile act beside talks without a topic word is an act",
        Lang::En,
        "We support talks and sanctions",
        "support:coercion:-1.00;talks:dialogue:1.00;sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a topic word does not reach into the next clause",
        Lang::En,
        "We hold talks, then on sanctions",
        "talks:dialogue:1.00;sanctions:coercion:-2.50",
        Label::Tense,
    ),
    // An agreement right after an accusation in its clause is what was broken
    // (BREACH_WINDOW 3, BREACH_SCALAR 0.5); a negated accusation breaks nothing.
    (
        "an agreement an accusation breaks is no cooperation",
        Lang::En,
        "They violated the treaty",
        "violated:accusation:-2.00;treaty:accusation:-1.00",
        Label::Tense,
    ),
    (
        "a negated accusation breaks nothing",
        Lang::En,
        "They never violated the treaty",
        "violated:deescalation:1.48;treaty:agreement:2.00",
        Label::Cooperative,
    ),
    (
        "an agreement beyond the breach window stands",
        Lang::En,
        "They violated one old rule and later the treaty",
        "violated:accusation:-2.00;treaty:agreement:2.00",
        Label::Neutral,
    ),
    // A tone that turns between sentences (TURN_SCALAR 0.5): an earlier sentence whose net
    // weight opposes the last sentence with hits keeps half its weight; sentences of the same
    // sign, a statement of one sentence, or one with a contrast word, are left alone.
    (
        "an earlier sentence the last one turns against is damped",
        Lang::En,
        "We signed a treaty. They attack",
        "signed a treaty:agreement:1.50;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a turn towards cooperation",
        Lang::En,
        "They attack. We signed a treaty",
        "attack:force:-1.50;signed a treaty:agreement:3.00",
        Label::Cooperative,
    ),
    (
        "sentences of the same sign are not a turn",
        Lang::En,
        "They attack. They strike",
        "attack:force:-3.00;strike:force:-2.50",
        Label::Hostile,
    ),
    (
        "within one sentence there is no turn",
        Lang::En,
        "We signed a treaty and they attack",
        "signed a treaty:agreement:3.00;attack:force:-3.00",
        Label::Neutral,
    ),
    // A hit in quotation marks of its own, a quotation of at most QUOTED_WORDS 4 words, is a
    // mocked or cited word (QUOTED_SCALAR 0): scare quotes, a label quoted from someone else.
    (
        "scare quotes: the word is mocked, not said",
        Lang::En,
        "Another 'treaty' from them",
        "treaty:agreement:0.00",
        Label::Neutral,
    ),
    (
        "a cited label in curly quotes",
        Lang::En,
        "They called our patrol an \u{201c}attack\u{201d} and a “strike on the border”",
        "attack:force:0.00;strike:force:0.00",
        Label::Neutral,
    ),
    (
        "guillemets, the quotation mark closing right after the hit",
        Lang::Es,
        "Lo llaman «la paz» y siguen con las armas",
        "paz:deescalation:0.00;armas:force:-2.00",
        Label::Hostile,
    ),
    (
        "a quoted sentence is not a cited word",
        Lang::En,
        "'attack every border post at dawn' is their plan",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "the word must touch the quotation mark",
        Lang::En,
        "The 'new treaty' and the 'lasting treaty of ours'",
        "treaty:agreement:0.00;treaty:agreement:2.00",
        Label::Cooperative,
    ),
    (
        "a possessive apostrophe is no quotation mark",
        Lang::En,
        "The 'new' talks' agenda",
        // Half weight by the talk-only rule, not the quoted rule's zero.
        "talks:dialogue:0.50",
        Label::Neutral,
    ),
    // Talk-only with a date (twenty-first session): a weak partnership word (a joint act) in
    // a statement that names a day or a month is a schedule; without one it keeps its weight.
    // (A joint body, "the joint commission", is a mention besides since the thirty-fifth
    // session: both rules apply, 1 x 0.5 x 0.25.)
    (
        "a joint act named with a day is a schedule",
        Lang::En,
        "The joint patrol starts on Tuesday",
        "joint:partnership:0.50",
        Label::Neutral,
    ),
    (
        "a joint act without a date keeps its weight",
        Lang::En,
        "The joint patrol starts soon",
        "joint:partnership:1.00",
        Label::Cooperative,
    ),
    (
        "a joint body named with a day is a schedule and a mention",
        Lang::En,
        "The joint commission meets on Tuesday",
        "joint:partnership:0.12",
        Label::Neutral,
    ),
    (
        "a weak measure named with a day is a schedule",
        Lang::En,
        "The tariffs start on Tuesday",
        "tariffs:coercion:-0.50",
        Label::Neutral,
    ),
    (
        "a weak measure without a date keeps its weight",
        Lang::En,
        "The tariffs start soon",
        "tariffs:coercion:-1.00",
        Label::Tense,
    ),
    (
        "a strong measure named with a day keeps its weight",
        Lang::En,
        "The sanctions start on Tuesday",
        "sanctions:coercion:-2.50",
        Label::Tense,
    ),
    (
        "a joint body the speaker offers keeps its weight with a date",
        Lang::En,
        "We propose a joint commission on Tuesday",
        "joint:partnership:1.00",
        Label::Cooperative,
    ),
    // A statement with a clock time is a notice (NOTICE_SCALAR 0.25): its hits are damped,
    // unless it warns (a threat or demand hit: an ultimatum names its hour).
    (
        "a clock time makes a schedule of the alliance",
        Lang::En,
        "The alliance signing is at 10:00",
        "alliance:partnership:0.50",
        Label::Neutral,
    ),
    (
        "without the clock time the alliance counts",
        Lang::En,
        "The alliance signing is on Tuesday",
        "alliance:partnership:2.00",
        Label::Cooperative,
    ),
    (
        "a notice's hostile words are damped too",
        Lang::En,
        "Report: they attack the border post at 06:00",
        "attack:force:-0.75",
        Label::Tense,
    ),
    (
        "a threat with its hour is no notice",
        Lang::En,
        "The threat stands: at 06:00 the attack",
        "threat*:threat:-3.00;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a ratio is no clock time",
        Lang::En,
        "The alliance passed 3:1",
        "alliance:partnership:2.00",
        Label::Cooperative,
    ),
    // Thanks to a partner count as partnership for the shared target (SHARED_TARGET_PARTNERS).
    (
        "thanks next to a named target aim the force at it",
        Lang::En,
        "We thank them as they attack the terrorists",
        "thank:gratitude:2.00;attack:force:-0.75;terrorists:accusation:-0.50",
        Label::Cooperative,
    ),
    // Sarcasm (SARCASM_SCALAR 0.74): a marker makes praise, thanks and partnership mockery;
    // other categories, and hostile hits, are left alone.
    (
        "a sarcasm marker turns thanks into an accusation",
        Lang::En,
        "Thank you for finally noticing the attack",
        "thank:accusation:-1.48;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "without the marker the thanks stand",
        Lang::En,
        "Thank you for noticing the attack",
        "thank:gratitude:2.00;attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a sarcasm marker turns partnership too but leaves talks alone",
        Lang::En,
        "Good, finally noticing the alliance and the talks",
        "good:accusation:-0.74;alliance:accusation:-1.48;talks:dialogue:1.00",
        Label::Tense,
    ),
    // A praise, thanks or partnership word filling a quotation of its own (scare quotes)
    // mocks the rest: the quoted word counts nothing, the others turn.
    (
        "a scare-quoted alliance makes the thanks mockery",
        Lang::En,
        "Thank you for the 'alliance'",
        "thank:accusation:-1.48;alliance:partnership:0.00",
        Label::Tense,
    ),
    (
        "a quotation the praise word does not fill cites and mocks nothing",
        Lang::En,
        "Thank you, they said 'the alliance is good'",
        "thank:gratitude:2.00;alliance:partnership:2.00;good:praise:0.00",
        Label::Cooperative,
    ),
    // A congratulation with a hostile hit of at least CONGRATULATION_HOSTILE_MIN (0.5) is
    // mock praise without a marker; a relayed hostile word does not count, nor force aimed at
    // a named shared target.
    (
        "a congratulation next to an insult is mockery",
        Lang::En,
        "Congratulations, liar",
        "congratulations:accusation:-1.48;liar:insult:-2.00",
        Label::Hostile,
    ),
    (
        "a congratulation without a hostile hit stands",
        Lang::En,
        "Congratulations on the treaty",
        "congratulations:praise:2.00;treaty:agreement:2.00",
        Label::Cooperative,
    ),
    (
        "a relayed insult does not make the congratulation mockery",
        Lang::En,
        "Congratulations. They said liar",
        "congratulations:praise:1.00;liar:insult:-0.20",
        Label::Conciliatory,
    ),
    (
        "force aimed at a named shared target does not make it mockery",
        Lang::En,
        "Congratulations as they attack the terrorists",
        "congratulations:praise:2.00;attack:force:-3.00;terrorists:accusation:-2.00",
        Label::Hostile,
    ),
    // Endorsement: only approval entries weaker than ENDORSE_MAX_BASE 2.5 approve.
    (
        "signing a treaty after an attack does not endorse it",
        Lang::En,
        "After the attack they signed a treaty",
        "attack:force:-3.00;signed a treaty:agreement:3.00",
        Label::Neutral,
    ),
    (
        "plain approval still endorses",
        Lang::En,
        "The attack sounds good",
        "attack:force:-3.00;sounds good:force:-1.50",
        Label::Hostile,
    ),
    // Talk only (TALK_ONLY_SCALAR 0.5).
    (
        "talk alone counts half",
        Lang::En,
        "Talks on Monday",
        "talks:dialogue:0.50",
        Label::Neutral,
    ),
    (
        "talk with praise keeps its weight",
        Lang::En,
        "Good talks",
        "good:praise:1.00;talks:dialogue:1.00",
        Label::Conciliatory,
    ),
    // ... unless the speaker offers it in the first person: an offer, not a schedule.
    (
        "talk the speaker offers keeps its weight",
        Lang::En,
        "We want talks on Monday",
        "talks:dialogue:1.00",
        Label::Conciliatory,
    ),
    // Proper names (PROPER_NAMES): a capitalised tone word inside its clause is a name.
    (
        "an entry that runs on into lower case is no name",
        Lang::En,
        "they marched in the old town square under a banner saying Take up arms",
        "take up arms:force:-3.50",
        Label::Hostile,
    ),
    (
        "the same words all capitalised are a name",
        Lang::En,
        "they marched in the old town square under a banner saying Take Up Arms",
        "",
        Label::Neutral,
    ),
    (
        "a capitalised tone word inside a clause is a place name",
        Lang::Es,
        "La ministra viaja a La Paz",
        "",
        Label::Neutral,
    ),
    (
        "the same word in lower case keeps its tone",
        Lang::Es,
        "La ministra viaja por la paz",
        "paz:deescalation:3.00",
        Label::Conciliatory,
    ),
    (
        "a capitalised word opening its clause is not a name",
        Lang::Es,
        "Ante todo, Paz",
        "paz:deescalation:3.00",
        Label::Conciliatory,
    ),
    // Denials: a negated accusation or insult describing the speaker keeps its sign at half
    // weight, as defiance (-2 * 0.5 = -1).
    (
        "a denial by the speaker stays hostile",
        Lang::En,
        "I am not a liar",
        "liar:defiance:-1.00",
        Label::Tense,
    ),
    (
        "a denial in one word of first person and be",
        Lang::Es,
        "No soy narco",
        "narco:defiance:-1.00",
        Label::Tense,
    ),
    (
        "i'm is first person and be",
        Lang::En,
        "i'm not a liar",
        "liar:defiance:-1.00",
        Label::Tense,
    ),
    (
        "be after another subject is no denial",
        Lang::En,
        "they are not terrorists",
        "terrorists:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "be must follow the first-person word",
        Lang::En,
        "we know they are not terrorists",
        "terrorists:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "a description beyond the negation window is no denial",
        Lang::En,
        "we are not looking for terrorists",
        "terrorists:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "denying a hostile relation reassures",
        Lang::En,
        "we are not your enemies",
        "enemies:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "a first-person-be word counts as first person for direct threats",
        Lang::En,
        "i'm ready to strike",
        "strike:threat:-2.50",
        Label::Hostile,
    ),
    // An entry opening a clause of its own is not negated from the main clause.
    (
        "a negator does not reach into an until-clause",
        Lang::En,
        "we will not stop until they beg",
        "until they beg:insult:-2.50",
        Label::Hostile,
    ),
    // Nor past one to the entries after it.
    (
        "a negator does not reach past until to the entry after it",
        Lang::En,
        "we will not rest until the terrorists are gone",
        "terrorists:accusation:-2.00",
        Label::Tense,
    ),
    (
        "a negated comparison leaves what follows than alone",
        Lang::En,
        "we want no more than talks",
        // Not negated; full weight, as the speaker's own offer (no talk-only halving).
        "talks:dialogue:1.00",
        Label::Conciliatory,
    ),
    // "No greater X than": the negation makes a superlative, the entry keeps its sign.
    (
        "a comparative with than after it turns the negation into a superlative",
        Lang::En,
        "there is no greater threat than this",
        "threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a comparative without than leaves the negation",
        Lang::En,
        "we do not want a greater threat",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a comparative and than after the entry make a superlative too",
        Lang::En,
        "no one threatens us more than they do",
        "threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "no more without than is a negation",
        Lang::En,
        "no more threats",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a Spanish comparative with que",
        Lang::Es,
        "no hay mayor amenaza que esta",
        "amenaz*:threat:-3.00",
        Label::Hostile,
    ),
    // An existential negation ("there is no", "we have no", "no hay") before a comparative
    // is a superlative without "than" too; an entry may open with the comparative.
    (
        "an existential negation before a comparative is a superlative",
        Lang::En,
        "there is no greater threat to the region",
        "threat*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a negated have before a comparative is a superlative",
        Lang::En,
        "we have no better alliance",
        "alliance:partnership:2.00",
        Label::Cooperative,
    ),
    (
        "a Spanish existential negation before a comparative",
        Lang::Es,
        "no hay mayor amenaza para la región",
        "amenaz*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "an entry opening with a comparative keeps its sign with que after it",
        Lang::Es,
        "no hay mejor amigo que este",
        "mejor amigo:partnership:2.50",
        Label::Cooperative,
    ),
    (
        "an entry opening with a comparative keeps its sign after an existential negation",
        Lang::Es,
        "no hay mejor amigo",
        "mejor amigo:partnership:2.50",
        Label::Cooperative,
    ),
    (
        "a word between the negation and the comparative leaves the negation",
        Lang::En,
        "they have not been a greater threat",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a quantity comparative after an existential negation stays a negation",
        Lang::En,
        "there are no more threats",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "an entry opening with a comparative is negated without an existential word",
        Lang::Es,
        "no quiero mejor amigo",
        "mejor amigo:defiance:-1.85",
        Label::Tense,
    ),
    // A negated threat or coercion with the speaker as its object is defiance.
    (
        "a negated threat aimed at the speaker is defiance",
        Lang::En,
        "they will not threaten us",
        "threat*:defiance:-3.00",
        Label::Tense,
    ),
    (
        "a negated threat aimed at no one is de-escalation",
        Lang::En,
        "we will not threaten anyone",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a Spanish clitic right before the negated threat is defiance",
        Lang::Es,
        "no nos amenazan",
        "amenaz*:defiance:-3.00",
        Label::Tense,
    ),
    // A concession opening its sentence weighs less, the main clause after it more
    // (twenty-seventh session).
    (
        "a concession opening its sentence weighs less than the clause after it",
        Lang::En,
        "although they attack, we thank you",
        "attack:force:-1.50;thank:gratitude:3.00",
        Label::Cooperative,
    ),
    (
        "a main clause that opens with an entry counts it after the turn",
        Lang::En,
        "although they attack, thank you",
        "attack:force:-1.50;thank:gratitude:3.00",
        Label::Cooperative,
    ),
    (
        "a concession without a clause after it is an opening contrast",
        Lang::En,
        "although they attack we thank you",
        "attack:force:-4.50;thank:gratitude:3.00",
        Label::Hostile,
    ),
    (
        "a concession in mid-sentence is read as a contrast",
        Lang::En,
        "we thank you, although they attack",
        "thank:gratitude:1.00;attack:force:-4.50",
        Label::Hostile,
    ),
    // A relay word that is part of a longer entry is that entry's word (twenty-seventh
    // session): "llamó a consultas a su embajador" is the recall, not reported name-calling.
    (
        "a relay word inside a longer entry marks nothing",
        Lang::Es,
        "el pueblo dijo basta",
        "dijo basta:defiance:-2.00",
        Label::Tense,
    ),
    (
        "a relay word outside any entry still relays",
        Lang::Es,
        "el pueblo dijo que basta de armas",
        "armas:force:-0.20",
        Label::Neutral,
    ),
    // A clitic right after a negator takes no step of the window (twenty-seventh session).
    (
        "a clitic after the negator takes no step",
        Lang::Es,
        "no te vamos a volver a amenazar",
        "amenaz*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a clitic after another word takes its step",
        Lang::Es,
        "no creen que te vamos a amenazar",
        "amenaz*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a first-person clitic passed over is the speaker as the object",
        Lang::Es,
        "nadie nos va a volver a amenazar",
        "amenaz*:defiance:-3.00",
        Label::Tense,
    ),
    (
        "a first-person enclitic on the negated threat is the speaker as the object",
        Lang::Es,
        "nadie va a amenazarnos",
        "amenaz*:defiance:-3.00",
        Label::Tense,
    ),
    (
        "a third-person enclitic leaves the promise",
        Lang::Es,
        "no vamos a amenazarlos",
        "amenaz*:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a first-person clitic before a first-person plural verb is reflexive",
        Lang::Es,
        "no nos hemos planteado amenazar",
        "amenaz*:deescalation:2.22",
        Label::Conciliatory,
    ),
    // Negative concord with an entry's own negator (twenty-seventh session).
    (
        "a negator agreeing with the entry's own leaves a hostile object as it is",
        Lang::Es,
        "no toleraremos ninguna amenaza",
        "no toler*:threat:-2.50;amenaz*:threat:-3.00",
        Label::Hostile,
    ),
    (
        "a negator agreeing with the entry's own still refuses a cooperative object",
        Lang::Es,
        "no toleraremos ninguna paz",
        "no toler*:threat:-2.50;paz:threat:-2.22",
        Label::Hostile,
    ),
    (
        "concord is Spanish: in English the second negator negates (a hollow denial here)",
        Lang::En,
        "no toleraremos ninguna amenaza",
        "no toler*:threat:-2.50;amenaz*:threat:-2.22",
        Label::Hostile,
    ),
    (
        "negated force aimed at the speaker stays a negation",
        Lang::En,
        "they will not attack us",
        "attack:deescalation:2.22",
        Label::Conciliatory,
    ),
    (
        "a first-person word in the next sentence is no object",
        Lang::En,
        "they will not threaten. us, never",
        "threat*:deescalation:2.22",
        Label::Conciliatory,
    ),
    // A barrier's object is not negated: never forgetting something keeps it as it is.
    (
        "never forget keeps the solidarity cooperative",
        Lang::En,
        "we will never forget your solidarity",
        "solidarity:partnership:2.00",
        Label::Cooperative,
    ),
    (
        "never forget keeps the attack hostile",
        Lang::En,
        "we never forget the attack",
        "attack:force:-3.00",
        Label::Hostile,
    ),
    (
        "a Spanish barrier",
        Lang::Es,
        "nunca olvidaremos la paz",
        "paz:deescalation:3.00",
        Label::Conciliatory,
    ),
    (
        "without a barrier the negator flips the solidarity",
        Lang::En,
        "we will never need your solidarity",
        "solidarity:defiance:-1.48",
        Label::Tense,
    ),
    // A clause negator reaches past the window, to the first entry after it in its clause.
    (
        "a clause negator reaches an entry past the window",
        Lang::En,
        "never again will our two nations be enemies",
        "enemies:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "a plain negator does not reach so far",
        Lang::En,
        "never will our two nations be enemies",
        "enemies:accusation:-2.00",
        Label::Tense,
    ),
    (
        "a clause negator stops at the first entry",
        Lang::En,
        "never again will our alliance face enemies",
        "alliance:defiance:-1.48;enemies:accusation:-2.00",
        Label::Tense,
    ),
    (
        "a clause negator stops at the clause end",
        Lang::En,
        "never again, they said, will we have enemies",
        "enemies:accusation:-2.00",
        Label::Tense,
    ),
    (
        "a Spanish clause negator",
        Lang::Es,
        "nunca más nuestros pueblos volverán a tomar las armas",
        "armas:deescalation:1.48",
        Label::Conciliatory,
    ),
    (
        "without a subordinator between them the negator still flips",
        Lang::En,
        "they are not our alliance",
        "alliance:defiance:-1.48",
        Label::Tense,
    ),
    (
        "title case is not read as names",
        Lang::En,
        "Leaders Hold Talks",
        "talks:dialogue:0.50",
        Label::Neutral,
    ),
];

#[test]
fn rule_table() {
    let en = fixture_scorer(Lang::En);
    let es = fixture_scorer(Lang::Es);
    let mut failures = Vec::new();
    for (name, lang, text, want_hits, want_label) in CASES {
        let scorer = if *lang == Lang::En { &en } else { &es };
        let got = hits(scorer, text);
        let label = scorer.score(text).label;
        if got != *want_hits || label != *want_label {
            failures.push(format!(
                "{name}: {text:?}\n   hits  {got:?} (want {want_hits:?})\n   label {label} (want {want_label})"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rule cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn tone_is_normalized_sum_in_its_band() {
    let scorer = fixture_scorer(Lang::En);
    let s = scorer.score("They will attack");
    // -3 / sqrt(9 + 15) = -0.612; force is a strong kind, so 0.15..1 is spread over 0.5..1.
    let normalized = 3.0 / 24f64.sqrt();
    assert_eq!(s.raw, -3.0);
    assert!(s.strong);
    assert!((s.tone + (0.5 + (normalized - 0.15) * 0.5 / 0.85)).abs() < 1e-12);
    assert_eq!(s.label, Label::Hostile);
    // Sanctions are a mild kind: -2.5 / sqrt(6.25 + 15) = -0.542 stays tense, compressed above
    // the knee at 0.45 into 0.45..0.5.
    let mild = scorer.score("They declare sanctions");
    let normalized = 2.5 / 21.25f64.sqrt();
    assert!(!mild.strong);
    assert!((mild.tone + (0.45 + (normalized - 0.45) * 0.05 / 0.55)).abs() < 1e-12);
    assert_eq!(mild.label, Label::Tense);
    assert_eq!(s.hostility, 1.0);
    assert_eq!(s.cooperation, 0.0);
    assert!(
        s.goldstein < -8.0,
        "one full-strength force hit: {}",
        s.goldstein
    );
}

#[test]
fn shares_and_dominant_category() {
    let scorer = fixture_scorer(Lang::En);
    // A cooperative word after the turn too, so that nothing before it is conceded.
    let s = scorer.score("Good talks, thank you, but sanctions, good");
    // 0.5 + 0.5 + 1.0 cooperative before the contrast, -3.75 hostile and 1.5 cooperative
    // after it.
    assert!((s.hostility - 3.75 / 7.25).abs() < 1e-9, "{}", s.hostility);
    assert!((s.cooperation - 3.5 / 7.25).abs() < 1e-9);
    let cat = s.category.map(|c| scorer.categories().get(c).name.clone());
    assert_eq!(cat.as_deref(), Some("coercion"));
}

/// A hit a negator did not reach says so (`negation-stopped`), and only then: the rules
/// column of `explain` then tells why "no" in "no greater threat than" did not flip it.
#[test]
fn a_stopped_negation_is_named_on_the_hit() {
    use detente::score::Rules;
    let en = fixture_scorer(Lang::En);
    let es = fixture_scorer(Lang::Es);
    let stopped = |scorer: &detente::Scorer, text: &str| -> Vec<bool> {
        scorer
            .score(text)
            .hits
            .iter()
            .map(|h| h.rules.contains(Rules::NEGATION_STOPPED))
            .collect()
    };
    // A comparison, a barrier, a subordinator in the window, an entry opening its clause.
    assert_eq!(stopped(&en, "there is no greater threat than this"), [true]);
    assert_eq!(stopped(&en, "we will never forget your solidarity"), [true]);
    assert_eq!(
        stopped(&en, "we will not rest until the terrorists are gone"),
        [true]
    );
    assert_eq!(stopped(&en, "we will not stop until they beg"), [true]);
    assert_eq!(
        stopped(&en, "no one threatens us more than they do"),
        [true]
    );
    assert_eq!(stopped(&es, "no hay mayor amenaza que esta"), [true]);
    assert_eq!(
        stopped(&en, "there is no greater threat to the region"),
        [true]
    );
    assert_eq!(stopped(&es, "no hay mejor amigo"), [true]);
    assert_eq!(stopped(&en, "there are no more threats"), [false]);
    // Not when the negator acts, when there is none, or when an entry stands between.
    assert_eq!(stopped(&en, "we will never need your solidarity"), [false]);
    assert_eq!(stopped(&en, "there is a greater threat than this"), [false]);
    assert_eq!(
        stopped(&en, "we will not forget the alliance and the attack"),
        [true, false]
    );
}
