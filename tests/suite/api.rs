use detente::{Label, Lang, Location, Scorer};

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
    for (lang, min_entries) in [(Lang::En, 2000), (Lang::Es, 1500)] {
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
        assert!(phrases >= 300, "{lang}: {phrases} phrases");
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

/// A tiny deterministic generator for the robustness tests below.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[test]
fn random_text_never_panics_and_stays_in_range() {
    let scorer = Scorer::new().expect("builtin");
    // Pieces that exercise every rule, glued at random with random punctuation and bytes.
    let pieces = [
        "no",
        "not",
        "nunca",
        "nadie",
        "very",
        "muy",
        "but",
        "pero",
        "if",
        "si",
        "THREAT",
        "attack",
        "¡",
        "¿",
        "?",
        "!",
        "'",
        "’",
        "-",
        "#paz",
        "@x",
        "3.5",
        "take up arms",
        "sounds good",
        "lift",
        "sanctions",
        ",",
        ".",
        "…",
        "\n\n",
        "ñ",
        "é",
        "\u{301}",
        "🙂",
        "we will",
        "atacaremos",
        "with all due respect",
        "La Paz",
        "Puerto Esperanza",
        "Peace",
        "according to",
        "según",
        "terroristas",
        "together with",
        "the talks",
    ];
    let mut state = 7u64;
    for _ in 0..5000 {
        let n = (next(&mut state) % 25) as usize;
        let mut text = String::new();
        for _ in 0..n {
            let r = next(&mut state);
            if r.is_multiple_of(7) {
                text.push(char::from_u32((r >> 8) as u32 % 0x3000).unwrap_or(' '));
            } else {
                text.push_str(pieces[(r as usize / 7) % pieces.len()]);
            }
            if r.is_multiple_of(3) {
                text.push(' ');
            }
        }
        let s = scorer.score(&text);
        assert!(
            s.tone > -1.0 && s.tone < 1.0 && s.tone.is_finite(),
            "{text:?}: {}",
            s.tone
        );
        assert!((-10.0..=10.0).contains(&s.goldstein), "{text:?}");
        for h in &s.hits {
            assert!(
                text.get(h.span.0 as usize..h.span.1 as usize).is_some(),
                "span on char boundaries: {text:?}"
            );
        }
        // The explanation agrees with the score and pairs each hit with its unit.
        let ex = scorer.explain(&text);
        assert_eq!(ex.score.tone.to_bits(), s.tone.to_bits(), "{text:?}");
        assert_eq!(
            hit_roles(&ex),
            (0..s.hits.len()).collect::<Vec<_>>(),
            "{text:?}"
        );
    }
}

/// The hit indices of an explanation's units, in unit order.
fn hit_roles(ex: &detente::Explanation) -> Vec<usize> {
    ex.units
        .iter()
        .filter_map(|u| match u.role {
            detente::score::Role::Hit(i) => Some(i),
            _ => None,
        })
        .collect()
}

/// The texts of the statements in the gold files `files` (under tests/data/gold), with the
/// file each comes from.
fn gold_texts(files: &[&str]) -> Vec<(String, String)> {
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold");
    let mut texts = Vec::new();
    for file in files {
        let mut r = csv::Reader::from_path(gold.join(file)).expect("gold file");
        let text_col = r
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == "text")
            .expect("text column");
        for rec in r.records() {
            let rec = rec.expect("record");
            texts.push((
                file.to_string(),
                rec.get(text_col).expect("text").to_string(),
            ));
        }
    }
    texts
}

/// Every unit of an explanation that is a hit points at its own hit, in order, and every hit
/// has its unit, on every statement of every gold file (1,640 statements of all kinds).
#[test]
fn explanations_pair_each_hit_with_its_unit() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    let texts = gold_texts(&[
        "gold.csv",
        "dev2.csv",
        "dev3.csv",
        "dev4.csv",
        "dev5.csv",
        "holdout.csv",
    ]);
    for (file, text) in &texts {
        let ex = scorer.explain(text);
        let expected: Vec<usize> = (0..ex.score.hits.len()).collect();
        assert_eq!(hit_roles(&ex), expected, "{file}: {text}");
        for (u, h) in ex
            .units
            .iter()
            .filter(|u| matches!(u.role, detente::score::Role::Hit(_)))
            .zip(&ex.score.hits)
        {
            assert_eq!(u.span, h.span, "{file}: {text}");
        }
    }
    assert_eq!(texts.len(), 1640);
}

#[test]
fn score_reusing_gives_what_score_gives() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    // One Score carried from statement to statement, as `detente score` does, so that a
    // statement with fewer hits follows one with more.
    let mut reused = detente::Score::default();
    assert_eq!(
        reused,
        scorer.score(""),
        "the default is the empty statement's score"
    );
    let texts = gold_texts(&["dev2.csv", "dev3.csv", "dev4.csv", "dev5.csv"]);
    for (file, text) in &texts {
        scorer.score_reusing(text, &mut reused);
        assert_eq!(reused, scorer.score(text), "{file}: {text}");
    }
    assert!(texts.len() >= 1000, "{}", texts.len());
}

/// The rule names a hit can carry (`explain`, JSONL, the report's JSON) are the ones
/// lexicons/README.md lists under "Rule names", no more and no fewer.
#[test]
fn every_rule_name_is_documented() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/README.md"),
    )
    .expect("lexicons/README.md");
    let section = readme
        .split("### Rule names")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a Rule names section");
    let mut documented: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    documented.sort_unstable();
    let mut names: Vec<&str> = detente::score::Rules::ALL.names().collect();
    names.sort_unstable();
    assert_eq!(documented, names);
}

/// Constructions the built-in lexicons and context words handle (thirteenth session's tuning
/// round): a label each, so a later lexicon change that undoes one fails here and not only in
/// the evaluation's numbers. Since the thirty-second session the band (hostile or tense,
/// cooperative or conciliatory) follows the kinds of the hits (`lexicons/categories.tsv`,
/// strength): 115 of these labels moved within their side then, none across it; with the
/// ultimatum entries and the `own-act` rule two of them moved back and one more moved ("We pull
/// the plug on their power line tonight": tense, now hostile).
#[test]
fn builtin_lexicons_read_these_constructions() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    let cases = [
        // A comparative with "than": a superlative, the threat is asserted.
        (
            "There is no greater threat than this regime.",
            Label::Hostile,
        ),
        (
            "No hay mayor amenaza para nuestros agricultores que la irresponsabilidad de Rioseco.",
            Label::Hostile,
        ),
        // Without "than" the negation stands.
        ("No more war.", Label::Conciliatory),
        // ... unless it says something exists or is had (twenty-sixth session).
        ("There is no greater threat to our region.", Label::Hostile),
        ("No hay mejor amigo que Colombia.", Label::Cooperative),
        ("No hay mayor amenaza para la región.", Label::Hostile),
        ("There are no more threats.", Label::Conciliatory),
        ("Colombia has not been a better partner.", Label::Tense),
        // Idioms (twenty-sixth session): sneers and complaints, not thanks or neutral words.
        ("Thank you for nothing.", Label::Hostile),
        ("Gracias por nada.", Label::Hostile),
        ("Relations have never been worse.", Label::Tense),
        ("Colombia will never again be a colony.", Label::Tense),
        ("Petro es un líder de las drogas.", Label::Tense),
        ("We will cut off all aid immediately.", Label::Hostile),
        ("Que no se metan con Colombia.", Label::Hostile),
        ("El diálogo es el único camino.", Label::Conciliatory),
        (
            "Respetamos a Estados Unidos, pero no somos su colonia.",
            Label::Tense,
        ),
        ("Estamos profundamente preocupados.", Label::Tense),
        ("No more free rides.", Label::Tense),
        ("Relations are at an all-time low.", Label::Tense),
        ("The peso is at an all-time low.", Label::Neutral),
        ("Las relaciones han mejorado mucho.", Label::Cooperative),
        ("Their actions undermine regional stability.", Label::Tense),
        (
            "Los narcos son nuestros enemigos comunes.",
            Label::Cooperative,
        ),
        ("Trump no sabe nada de Colombia.", Label::Hostile),
        (
            "Colombia should be grateful for everything we've done.",
            Label::Tense,
        ),
        (
            "El imperio quiere someter a nuestros pueblos.",
            Label::Tense,
        ),
        // A negated threat aimed at the speaker is defiance; aimed at no one, de-escalation.
        ("They will not intimidate us.", Label::Tense),
        ("Nobody is going to blackmail us.", Label::Tense),
        ("We will not threaten anyone.", Label::Conciliatory),
        // A Spanish clitic after the negator takes no step of its window (twenty-seventh
        // session): the promise reaches its verb; "nos" before a third-person verb is still
        // the speaker as the object, before a first-person plural verb reflexive.
        ("No te vamos a amenazar.", Label::Conciliatory),
        ("Nunca te vamos a traicionar.", Label::Conciliatory),
        ("Nadie nos va a chantajear.", Label::Tense),
        ("Nadie va a intimidarnos.", Label::Tense),
        ("Nobody is going to push us around.", Label::Tense),
        // The speaker inside a negated defiance or threat entry (twenty-eighth session):
        // still defiance, not agreement; a reflexive "nos" is not the speaker as the object.
        (
            "No one in Washington is going to tell us how to run our elections.",
            Label::Tense,
        ),
        ("We will not let anyone lecture us.", Label::Tense),
        ("Don't try us.", Label::Tense),
        ("Nadie nos va a decir cómo gobernar.", Label::Tense),
        ("No nos levantamos de la mesa.", Label::Conciliatory),
        // A condemnation beside solidarity aims at a third party's act (twenty-eighth
        // session); without support, or beside a demand, it is hostile as before.
        (
            "We condemn the terrorist attack in Kabul and express our solidarity with the Afghan people.",
            Label::Cooperative,
        ),
        (
            "Condenamos el atentado terrorista y expresamos nuestro respaldo total al gobierno ecuatoriano.",
            Label::Cooperative,
        ),
        (
            "We strongly condemn the attack on the Indian embassy and stand with the government of India.",
            Label::Cooperative,
        ),
        // The act condemned is an accusation (the complained rule, thirty-fourth session:
        // hostile before, as four gold rows that condemn an attack are labelled tense).
        ("We condemn Russia's invasion of Ukraine.", Label::Tense),
        (
            "We condemn the coup in Niamey in the strongest terms and commend Nigeria for its leadership.",
            Label::Conciliatory,
        ),
        (
            "We condemn the attack, thank our allies and demand that Ruritania withdraw.",
            Label::Tense,
        ),
        // Rhetorical questions (twenty-eighth session): distrust asked, ties affirmed.
        (
            "How can we trust a government that signs an agreement on Monday and breaks it on Friday?",
            Label::Tense,
        ),
        (
            "¿Quién no querría estrechar lazos con un pueblo tan trabajador y generoso como el uruguayo?",
            Label::Cooperative,
        ),
        (
            "Who would not want closer ties with a neighbor as dynamic as Portugal?",
            Label::Cooperative,
        ),
        // Someone else's future is no announcement of the speaker's (twenty-eighth session).
        ("I don't think they will attack us.", Label::Conciliatory),
        // Cuts undo what follows; a policy's name and a ceremony are no war and no cut
        // (twenty-eighth session).
        (
            "We have agreed with Colombia to cut tariffs on cut flowers by 25% over three years.",
            Label::Cooperative,
        ),
        (
            "Acordamos con Brasil reducir un 30 % los aranceles al etanol.",
            Label::Cooperative,
        ),
        ("We will reduce cooperation with them.", Label::Tense),
        (
            "The committee approved the war on drugs budget for fiscal year 2026.",
            Label::Neutral,
        ),
        (
            "The two presidents will cut the ribbon together.",
            Label::Cooperative,
        ),
        // A post's capitalised noun after a number is no name; its sign-off is no thanks
        // (twenty-eighth session).
        // Hostile since the universal rule (thirty-fourth session): coercion promised to
        // every one of a kind is a threat; tense before.
        (
            "Every Canadian product will pay a 35% Tariff.",
            Label::Hostile,
        ),
        (
            "A team of four inspectors will inspect the 5th Armoured Brigade on 22 September.",
            Label::Neutral,
        ),
        (
            "Canada has been ripping off the United States for DECADES! Starting Monday, every Canadian product will pay a 35% Tariff, and if they retaliate, it will go MUCH higher! Thank you for your attention to this matter!",
            Label::Hostile,
        ),
        // A relationship at its lowest, with its subject apart (twenty-eighth session).
        ("Relations with Rome have hit rock bottom.", Label::Tense),
        ("Las relaciones con Caracas han tocado fondo.", Label::Tense),
        // A negation raised to "think" reaches the clause after it (twenty-eighth session).
        (
            "Frankly, I don't think the Prime Minister's remarks were helpful.",
            Label::Tense,
        ),
        // What a rejection refuses is no cooperation (twenty-eighth session).
        ("They rejected the peace proposal.", Label::Tense),
        ("Venezuela rechazó la invitación al diálogo.", Label::Tense),
        ("Se niegan a dialogar con nosotros.", Label::Tense),
        (
            "We reject the accusations and remain committed to dialogue.",
            Label::Conciliatory,
        ),
        ("¡No vamos a arrodillarnos ante nadie!", Label::Tense),
        // A cooperative act a demand asks for is not offered (twenty-eighth session).
        ("We demand that they honour the ceasefire.", Label::Tense),
        (
            "We call on Russia to withdraw its troops from Ukraine.",
            Label::Tense,
        ),
        ("Exigimos que respete el horario pactado.", Label::Tense),
        // ... but expecting good talks is no demand.
        (
            "We expect a productive meeting with President Lula.",
            Label::Conciliatory,
        ),
        (
            "Estamos dispuestos a reanudar de inmediato el diálogo político.",
            Label::Conciliatory,
        ),
        // Diplomatic formulas (twenty-eighth session): condolences, recalls, a grievance.
        (
            "España se une al dolor del pueblo chileno por los incendios.",
            Label::Conciliatory,
        ),
        (
            "La Cancillería lamenta las pérdidas humanas ocasionadas por el huracán.",
            Label::Conciliatory,
        ),
        (
            "France has recalled its ambassadors to the United States and Australia for consultations.",
            Label::Tense,
        ),
        (
            "We recalled our ambassador in light of the exceptional seriousness of these announcements.",
            Label::Hostile,
        ),
        // What cannot happen is negated; litotes is not (twenty-eighth session).
        (
            "It is impossible to reach an agreement with them.",
            Label::Tense,
        ),
        (
            "It is all but impossible to reach an agreement with them.",
            Label::Tense,
        ),
        ("Es imposible llegar a un acuerdo con ellos.", Label::Tense),
        (
            "It is not impossible that we will reach a deal.",
            Label::Cooperative,
        ),
        (
            "No es imposible que lleguemos a un acuerdo con Paraguay.",
            Label::Cooperative,
        ),
        (
            "Ofrecemos nuestras disculpas al presidente.",
            Label::Conciliatory,
        ),
        (
            "Celebramos que Bolivia haya levantado los bloqueos.",
            Label::Conciliatory,
        ),
        ("El puente que hemos levantado juntos.", Label::Cooperative),
        (
            "Tendremos que reconsiderar nuestra cooperación.",
            Label::Hostile,
        ),
        ("We have no intention of backing down.", Label::Tense),
        ("This is anything but a friendly gesture.", Label::Tense),
        ("Nadie va a venir a darnos órdenes.", Label::Tense),
        ("No vamos a amenazarlos.", Label::Conciliatory),
        (
            "Los Estados Unidos deberían respetar nuestra soberanía.",
            Label::Tense,
        ),
        (
            "En ningún momento nos hemos planteado romper relaciones con Valdecira.",
            Label::Conciliatory,
        ),
        // The verb is negated, not its object: a barrier.
        (
            "Que luego no se quejen de las consecuencias.",
            Label::Hostile,
        ),
        // Negative concord with an entry's own negator: the aggression is what is not
        // tolerated; a cooperative object is still refused.
        ("No toleraremos ninguna agresión.", Label::Hostile),
        ("No se tolerará ninguna agresión.", Label::Hostile),
        ("We will tolerate no aggression.", Label::Hostile),
        // Promises and rebuffs (twenty-seventh session).
        ("We won't let them down.", Label::Conciliatory),
        ("No les vamos a fallar.", Label::Conciliatory),
        ("No los vamos a defraudar.", Label::Conciliatory),
        ("Nos defraudaron.", Label::Tense),
        ("Nobody is going to tell us what to do.", Label::Tense),
        ("The door to dialogue remains open.", Label::Conciliatory),
        ("La puerta del diálogo sigue abierta.", Label::Conciliatory),
        ("We demand an immediate apology.", Label::Tense),
        ("We offer our apology.", Label::Conciliatory),
        (
            "No es momento de amenazas sino de diálogo.",
            Label::Conciliatory,
        ),
        ("La relación nunca ha sido más fuerte.", Label::Cooperative),
        ("Nada nos detendrá.", Label::Tense),
        ("Colombia llamó a consultas a su embajador.", Label::Tense),
        ("No se puede amenazar a un país soberano.", Label::Tense),
        // Posts in the founding case's style (twenty-seventh session).
        (
            "Petro is a very bad leader, and that's putting it mildly.",
            Label::Hostile,
        ),
        ("This will not end well for them.", Label::Hostile),
        ("Esto no va a terminar bien para ellos.", Label::Hostile),
        (
            "Things are going very well with Colombia.",
            Label::Cooperative,
        ),
        // A concession opening its sentence weighs less than the main clause.
        (
            "Although differences remain, it was a productive meeting.",
            Label::Conciliatory,
        ),
        (
            "Aunque hay diferencias, el diálogo fue productivo.",
            Label::Conciliatory,
        ),
        ("Nos han negado el diálogo.", Label::Tense),
        ("No te vamos a abandonar, Colombia.", Label::Conciliatory),
        ("Jamás les vamos a declarar la guerra.", Label::Conciliatory),
        ("Trump mocked Petro on social media.", Label::Hostile),
        (
            "Las relaciones se deterioraron bruscamente en enero.",
            Label::Tense,
        ),
        (
            "Las tensiones se calmaron tras la llamada telefónica.",
            Label::Conciliatory,
        ),
        (
            "No firmaremos ningún protocolo redactado a nuestras espaldas.",
            Label::Tense,
        ),
        // "Will not hesitate" before a cooperative act is a commitment, before force a threat.
        (
            "We will not hesitate to help our neighbours.",
            Label::Cooperative,
        ),
        (
            "No dudaremos en ayudar a nuestros hermanos.",
            Label::Cooperative,
        ),
        ("We will not hesitate to use force.", Label::Hostile),
        // A barrier: never forgetting keeps the object's sign.
        (
            "We will never forget your solidarity, Estlandia.",
            Label::Cooperative,
        ),
        ("Nunca olvidaremos su solidaridad.", Label::Cooperative),
        // A clause negator reaches past the window.
        (
            "Never again will our two nations be enemies; this peace belongs to our children.",
            Label::Conciliatory,
        ),
        // A denial of the aggressor label, not de-escalation.
        ("No somos los agresores.", Label::Tense),
        (
            "Nuestras fuerzas armadas no dudaremos en actuar.",
            Label::Hostile,
        ),
        // Logistics notices relay: a committee's name is a topic, not an act.
        (
            "Parking for the sanctions committee is available in the east lot.",
            Label::Neutral,
        ),
        // A time, not a deadline.
        (
            "Thank you for sending rescue teams within hours of the earthquake.",
            Label::Cooperative,
        ),
        // The seventh round (dev8). "Nobody", "no one", "nadie" reach past the window.
        (
            "Nobody in this government wants a trade war with Canada.",
            Label::Conciliatory,
        ),
        (
            "Nadie en este Gobierno quiere una guerra comercial con sus vecinos.",
            Label::Conciliatory,
        ),
        // Reassurance, not the denial of a charge.
        (
            "We are not looking for a fight over the pipeline.",
            Label::Conciliatory,
        ),
        // Extradition is legal cooperation unless other words say otherwise.
        (
            "The extradition treaty ratified today is the result of excellent cooperation.",
            Label::Cooperative,
        ),
        // Procedure, not retaliation; a notice's requirement, not a demand.
        (
            "Our teams are reviewing the request, and we will respond once the review is complete.",
            Label::Neutral,
        ),
        (
            "ATENCIÓN: desde el lunes se exige pasaporte vigente para cruzar el puente.",
            Label::Neutral,
        ),
        // "Sin" inside "sin cuya" does not negate the help.
        (
            "Sin cuya ayuda no habría sido posible restablecer el agua potable.",
            Label::Cooperative,
        ),
        // Veiled threats.
        (
            "We have many ways to protect our share of the river, and not all of them are diplomatic.",
            Label::Hostile,
        ),
        (
            "I would hate to see anything happen to their trade mission.",
            Label::Hostile,
        ),
        (
            "No respondo de lo que pueda pasarle a su misión.",
            Label::Hostile,
        ),
        // Another party's words or acts, reported: relay markers.
        (
            "Their defence minister described our exercises as provocative.",
            Label::Neutral,
        ),
        (
            "El gobierno del norte comunicó que sus fuerzas atacaron una lancha en aguas internacionales.",
            Label::Neutral,
        ),
        (
            "The Government has been informed that the neighbouring state is recalling its ambassador.",
            Label::Neutral,
        ),
        // The speaker's own description is not relayed.
        ("We described their attack as cowardly.", Label::Hostile),
        // The eighth round (dev9). Mock praise: a sarcasm marker.
        (
            "Congratulations to the ministry on finally noticing the smog it sends over our border.",
            Label::Tense,
        ),
        (
            "Qué generosa es Ostúa: primero nos deja sin agua.",
            Label::Tense,
        ),
        (
            "Congratulations to the people of Estmark on a free and fair election.",
            Label::Conciliatory,
        ),
        // Thanks for joining a measure against a third party: cooperative to the partner.
        (
            "Our deepest thanks to Lunaris for joining the sanctions on the regime. Together we are stronger.",
            Label::Cooperative,
        ),
        (
            "Nuestro más sincero agradecimiento a Rioseco por sumarse a las sanciones contra el régimen.",
            Label::Cooperative,
        ),
        // A veiled threat (hostile since the eleventh round made "should think carefully" a
        // warning of its own); a schedule relays its committee's topic.
        (
            "Ithvane should think carefully. Accidents happen near borders.",
            Label::Hostile,
        ),
        (
            "The sanctions committee will meet on 12 April at 10:00 in Room B.",
            Label::Neutral,
        ),
        // The ninth round (dev10). A proverb said as a warning.
        (
            "Orbanza también tiene secretos. Lo que se filtra una vez se puede filtrar dos veces. Quien avisa no es traidor.",
            Label::Hostile,
        ),
        // History recalled is reported, not done now (a relay marker).
        (
            "Hace cuarenta años nos separó una guerra absurda. Hoy les damos las gracias de corazón.",
            Label::Cooperative,
        ),
        // An aid worker is a person; a deadline and what follows it.
        (
            "Brenmoor has until Friday to release the aid worker. After that, our government will consider itself free to act.",
            Label::Hostile,
        ),
        // "De inmediato" belongs to the reverser, which lifts the tariff.
        (
            "Estamos dispuestos a levantar de inmediato el arancel a sus lácteos.",
            Label::Conciliatory,
        ),
        // A schedule, not a commitment.
        (
            "El canciller no podrá asistir por compromisos de agenda; la delegación estará encabezada por la viceministra.",
            Label::Neutral,
        ),
        // The tenth round (dev11). Threats in few words; veiled threats.
        ("Corvath hacked our election. They'll pay.", Label::Hostile),
        (
            "It would be a shame if something happened to their mines.",
            Label::Hostile,
        ),
        // A topic, not talks: the clause negator reaches the sanctions.
        (
            "Nobody here is talking about sanctions or penalties.",
            Label::Conciliatory,
        ),
        // Thanks, then a demand opened by "ahora": the turn is a contrast.
        (
            "Gracias por devolver a los tripulantes. Ahora que devuelva también el barco.",
            Label::Tense,
        ),
        // A reference to an old agreement is procedure.
        (
            "Under the rotation agreed in 2015, the chair passes to Taloria in January.",
            Label::Neutral,
        ),
        // The eleventh round (dev12). Proverbs and veiled warnings.
        ("Quien siembra vientos recoge tempestades.", Label::Hostile),
        ("Tamaranda sabrá lo que hace con ese túnel.", Label::Hostile),
        (
            "Iremos nosotros a buscarlos, y no precisamente con flores.",
            Label::Hostile,
        ),
        (
            "Wendmark should think very carefully about the tunnel.",
            Label::Hostile,
        ),
        // A negative subject reaches its verb past the window.
        (
            "Ningún trabajador con contrato en regla será expulsado.",
            Label::Conciliatory,
        ),
        (
            "We are ready to sit at the same table next week.",
            Label::Conciliatory,
        ),
        (
            "Diez años sin un solo incidente en la frontera.",
            Label::Conciliatory,
        ),
        // Working as usual is a notice, not a return to calm.
        ("Las embajadas funcionan con normalidad.", Label::Neutral),
        // Thanks for an offer, then mock advice.
        (
            "Many thanks for the generous offer to observe our elections. Perhaps it could begin by holding one of its own.",
            Label::Tense,
        ),
        // The twelfth round (dev13). A hedged threat before a cooperative object is openness;
        // a denial of threatening next to a threat is hollow.
        (
            "The government does not rule out a new trade arrangement with its neighbours.",
            Label::Cooperative,
        ),
        (
            "We are not threatening anyone. If their drones return, our air defences will destroy them.",
            Label::Hostile,
        ),
        // Words that are something else here: a place, firefighting aircraft.
        (
            "The excavation lies across the old boundary line.",
            Label::Neutral,
        ),
        (
            // An offer since the twenty-second round ("we have offered"); the aircraft must
            // still not read as bombers.
            "We have offered our water bombers and crews to the neighbouring province.",
            Label::Conciliatory,
        ),
        ("A buen entendedor, pocas palabras bastan.", Label::Hostile),
        ("Con Puertoleña somos uña y carne.", Label::Cooperative),
        // The two negations cancel: no refusal.
        ("No es que no queramos negociar el peaje.", Label::Neutral),
        // Reported name-calling is relayed.
        (
            "The ambassador read out their statement: it called our minister a liar.",
            Label::Neutral,
        ),
        ("Our patience is now exhausted.", Label::Tense),
        // The thirteenth round (dev14): official language.
        (
            "The accounts of their state enterprises in our banks are frozen. This is only the first step.",
            Label::Hostile,
        ),
        (
            "Any armed unit found near the line after midnight will be engaged by our forces without further warning.",
            Label::Hostile,
        ),
        (
            "We are not entirely satisfied with the explanations provided so far.",
            Label::Tense,
        ),
        (
            "Las Partes convienen en que el régimen se aplicará con carácter provisional.",
            Label::Cooperative,
        ),
        (
            "Navigational warning: the Navy will conduct live fire exercises in sectors 4 to 7.",
            Label::Neutral,
        ),
        (
            "Estamos abiertos a estudiar un mecanismo bilateral de notificación.",
            Label::Conciliatory,
        ),
        (
            "Deeply saddened by the loss of life in the floods. Whatever our disagreements, our thoughts tonight are with their people.",
            Label::Conciliatory,
        ),
        // The fourteenth round (dev15): a dispute and thaw in the manner of the founding case.
        (
            "Sería una pena que esas cuentas dejaran de estar disponibles.",
            Label::Hostile,
        ),
        (
            "Wonderful news: they have finally discovered that our country exists. What a coincidence!",
            Label::Tense,
        ),
        (
            "La Cancillería desmiente que el embajador haya sido expulsado.",
            Label::Neutral,
        ),
        (
            "Any boat carrying contraband toward our shores will be blown out of the water.",
            Label::Hostile,
        ),
        (
            "Respect is not enough: they must extradite the suspects this month.",
            Label::Tense,
        ),
        (
            "We are prepared to receive their delegation and to look at the visa issue with an open mind.",
            Label::Conciliatory,
        ),
        // The fifteenth round (dev16). "mientras" opens a clause of its own: the negative
        // subject does not reach "detenidos".
        (
            "Ningún miembro del Gobierno viajará a Lusterna mientras nuestros periodistas sigan detenidos.",
            Label::Tense,
        ),
        (
            "Valdoria notes with some surprise the decision to rename our shared strait.",
            Label::Tense,
        ),
        (
            "Not a bad day's work: the border treaty is finally signed.",
            Label::Cooperative,
        ),
        (
            "Nuestra mano está tendida a Farnesia para hablar de las cuotas.",
            Label::Conciliatory,
        ),
        (
            "The delegation left the room after describing the proposal as an insult to our sovereignty.",
            Label::Neutral,
        ),
        (
            "Gaudenia dispone de cuarenta y ocho horas para restablecer el caudal.",
            Label::Hostile,
        ),
        (
            "We welcome the release of our citizen accused of spying.",
            Label::Conciliatory,
        ),
        // The sixteenth round (dev17): veiled threats, a dare, a demand wrapped in thanks, a
        // prisoner exchange agreed, understatement.
        (
            "Orlavia should remember that half its winter electricity comes through our interconnector.",
            Label::Hostile,
        ),
        (
            "Montelar lleva años tomándonos el pelo. Vamos a apretarles las tuercas.",
            Label::Hostile,
        ),
        (
            "We would be even more grateful if the wages owed were actually paid.",
            Label::Tense,
        ),
        (
            "Tierralta y Montelar han completado el intercambio de ciudadanos detenidos acordado el mes pasado.",
            Label::Cooperative,
        ),
        (
            "We were not exactly thrilled to learn of it from the newspapers. A phone call would have been appreciated.",
            Label::Tense,
        ),
        // The seventeenth round (dev18): public disputes between heads of state.
        (
            "Kell keeps poking the bear. He will not enjoy what comes next.",
            Label::Hostile,
        ),
        (
            "Idris Kell is a small, frightened man running a cartel with a flag.",
            Label::Hostile,
        ),
        (
            "Larrauri, o paras los vuelos o te cierro el comercio. Tú eliges.",
            Label::Hostile,
        ),
        (
            "Lamentamos la expulsión de nuestro cónsul. Aun así, esto se tiene que arreglar hablando.",
            Label::Conciliatory,
        ),
        // Without a trial is an accusation, not a court report.
        (
            "Expulsan a nuestros trabajadores sin juicio ni explicación.",
            Label::Tense,
        ),
        (
            "Notice: consular services are suspended. Citizens in need of assistance should call the number below.",
            Label::Neutral,
        ),
        // The eighteenth round (dev19): restrained formal wording, insults, a warning, an
        // annex and a committee's schedule.
        ("His government is a gang with a flag.", Label::Hostile),
        (
            "Que el señor Berrocal no juegue con fuego, porque se va a quemar.",
            Label::Hostile,
        ),
        (
            "Tamsfeld takes note of the report. It does not share its conclusions and will not consider itself bound by them.",
            Label::Tense,
        ),
        (
            "Nadie en este gobierno quiere un conflicto con Arbolán.",
            Label::Conciliatory,
        ),
        ("The figures are annexed to the report.", Label::Neutral),
        (
            "Sanctions Committee on Corlund: closed session at 15:00 in Room 4.",
            Label::Neutral,
        ),
        // The nineteenth round (dev20): soldiers are people, not an act; an agreement named
        // with capitals is still an agreement (a capitalised "Paz" is still a place).
        (
            "Our soldiers and theirs worked side by side after the earthquake.",
            Label::Cooperative,
        ),
        (
            "Today the two governments signed the Lisk River Agreement after long negotiations.",
            Label::Cooperative,
        ),
        ("Viajamos esta noche a La Paz.", Label::Neutral),
        (
            "Halvoria keeps moving the goalposts in the withdrawal talks.",
            Label::Tense,
        ),
        (
            "Valdemora: sacad vuestros tanques de Orujales o los sacaremos nosotros.",
            Label::Hostile,
        ),
        // "trial" alone is no relay marker: a protest names the trial it protests.
        (
            "The ministry protests the sentencing of our citizen after a closed espionage trial.",
            Label::Tense,
        ),
        // The twentieth round (dev21): sarcasm and understatement that accuse, procedure
        // and market terms that are not coercion, a seizure, warnings, a negated reprisal.
        (
            "How touching that Merovia suddenly cares about our pensions.",
            Label::Tense,
        ),
        (
            "Their trade statistics were, to put it mildly, creative.",
            Label::Tense,
        ),
        (
            "The price war between our dairies is over, and I thank Minister Oren for it.",
            Label::Cooperative,
        ),
        (
            "Applications must be lodged at the consulate by 3 June.",
            Label::Neutral,
        ),
        (
            "Farmers on both sides of the river can sleep easy: the water deal stands.",
            Label::Conciliatory,
        ),
        // The universal rule: a seizure promised to any ship that breaks the quota is a
        // threat (tense before the thirty-fourth session).
        (
            "Any ship that breaks the quota will be seized.",
            Label::Hostile,
        ),
        (
            "We pull the plug on their power line tonight.",
            Label::Hostile,
        ),
        (
            "Qué casualidad que las inspecciones solo encuentren fallos en nuestros camiones.",
            Label::Tense,
        ),
        (
            "Indignación en el Ministerio: el puente sigue cerrado y eso tiene que corregirse ya.",
            Label::Tense,
        ),
        (
            "Que se lo piensen antes de tocar nuestras exportaciones.",
            Label::Hostile,
        ),
        ("Tres reuniones con Corvalia, cero acuerdos.", Label::Tense),
        (
            "Tarsia no va a responder con represalias; preferimos negociar.",
            Label::Conciliatory,
        ),
        // The twenty-first round (dev22): a negated confrontation, veiled warnings, accusing
        // questions and idioms, a procedure, reported speech, a withdrawn complaint.
        (
            "We are not seeking a confrontation with Norvia.",
            Label::Conciliatory,
        ),
        (
            "Norvia may wish to remember that its gas comes through our pipes.",
            Label::Hostile,
        ),
        ("The report was cooked up in their ministry.", Label::Tense),
        ("Arlen cannot lecture us on human rights.", Label::Tense),
        ("Why did their coast guard board our ship?", Label::Tense),
        (
            "Observers must register with the electoral office by Friday.",
            Label::Neutral,
        ),
        (
            "Yesterday their minister spoke of punishing our exporters; we have nothing to add.",
            Label::Neutral,
        ),
        (
            "En ningún momento hemos pensado en cerrar la frontera con Galdia.",
            Label::Conciliatory,
        ),
        ("A Corvalia se le ve el plumero.", Label::Tense),
        ("La extradición no se va a conceder.", Label::Tense),
        (
            "Retiraremos la queja ante el tribunal.",
            Label::Conciliatory,
        ),
        // The twenty-second round (dev23): condolence, counterfactual thanks, offers, silence
        // reproached, idiomatic threats, evidence that "does not lie", and fire-fighting,
        // water pumps and an open investigation that are not hostile.
        (
            "We mourn with Velland the nine firefighters who died on the ridge.",
            Label::Conciliatory,
        ),
        (
            "Thank you, Norvia, for the lovely gift of toxic smoke.",
            Label::Tense,
        ),
        (
            "Without your help the dam would have burst.",
            Label::Cooperative,
        ),
        (
            "Sin la ayuda de Galdia no habríamos apagado el incendio.",
            Label::Cooperative,
        ),
        (
            "Still no answer from Arlen about our missing sailors.",
            Label::Tense,
        ),
        ("That is not how neighbours behave.", Label::Tense),
        ("Their proposal will not be considered.", Label::Tense),
        ("A Galdia se le va a caer el pelo.", Label::Hostile),
        ("Que luego no diga que no avisamos.", Label::Hostile),
        ("Las cifras no mienten: el vertido es suyo.", Label::Tense),
        ("Enviaremos las bombas de agua mañana.", Label::Neutral),
        (
            "Por ahora no descartamos ninguna hipótesis.",
            Label::Neutral,
        ),
        (
            "Our crews attacked the fire on three fronts.",
            Label::Neutral,
        ),
        ("¿Cómo explica Galdia este retraso?", Label::Tense),
        (
            "Any boat that crosses the line will be boarded.",
            Label::Hostile,
        ),
        (
            "We are prepared to send doctors to Arlen.",
            Label::Conciliatory,
        ),
        ("Vecinos de Galdia: aquí tenéis casa.", Label::Cooperative),
        // The twenty-third round (dev24): force that a reverser must not undo, gratitude that
        // will not forget, protests, snubs and veiled warnings, a history commission's agenda.
        (
            "If their troops cross again, we will remove them by force.",
            Label::Hostile,
        ),
        ("Our people will never forget it.", Label::Cooperative),
        (
            "Varnia formally protests the closure of our consulate.",
            Label::Tense,
        ),
        (
            "Norvia might remember that its water comes from our hills.",
            Label::Hostile,
        ),
        (
            "Their state broadcasters are banned from our airwaves.",
            Label::Tense,
        ),
        (
            "I will not be attending their parade this year.",
            Label::Tense,
        ),
        (
            "The Historical Commission will review the files on the 1923 massacre.",
            Label::Neutral,
        ),
        (
            "Estamos cansados de que Galdia aplace la reunión.",
            Label::Tense,
        ),
        (
            "Galdia retirará su demanda ante el tribunal.",
            Label::Conciliatory,
        ),
        ("No hay nada firmado todavía.", Label::Neutral),
        ("¿Cuántos años más tendremos que esperar?", Label::Tense),
        // The twenty-fourth round (dev25): defiance that negation must not undo, snubs and
        // protests, offers and toasts, costly warnings, a wire report, a treaty signed.
        ("We will not be humiliated again.", Label::Tense),
        (
            "Our minister was kept waiting for an hour. This discourtesy will be raised formally.",
            Label::Tense,
        ),
        (
            "The President would be glad to receive their foreign minister next month.",
            Label::Conciliatory,
        ),
        (
            "We will suspend all trade until a formal apology is made.",
            Label::Hostile,
        ),
        ("I raise my glass to our neighbours.", Label::Cooperative),
        (
            "Cada gesto tiene su precio, y este les va a salir muy caro.",
            Label::Hostile,
        ),
        ("¡Ni una humillación más!", Label::Tense),
        (
            "Una embajada reabierta y un puente inaugurado: no ha estado mal.",
            Label::Conciliatory,
        ),
        (
            "Agencia Norte: el ministro exigió disculpas y advirtió que habrá consecuencias.",
            Label::Tense,
        ),
        (
            "Acabamos de firmar el tratado de límites.",
            Label::Cooperative,
        ),
        // The twenty-fifth round (dev26): "not only" adds, a withdrawal reverses the weapon,
        // ultimatums and veiled threats at the table, notices and treaty annexes relay.
        (
            "Both armies will pull back their guns.",
            Label::Conciliatory,
        ),
        (
            "Hoy puedo decir que no solo tengo un interlocutor: tengo un amigo.",
            Label::Cooperative,
        ),
        ("Sabemos dónde guardan sus baterías.", Label::Hostile),
        (
            "Las Fuerzas Militares retomarán las operaciones en el norte.",
            Label::Hostile,
        ),
        (
            "Delegations are reminded that phones must be left at the security desk.",
            Label::Neutral,
        ),
        (
            "Credit where it is due: their team delivered the list on time.",
            Label::Conciliatory,
        ),
        (
            "We are not satisfied with the pace of the prisoner releases.",
            Label::Tense,
        ),
        (
            "Orivela y Pradoluna ponen fin a las hostilidades.",
            Label::Conciliatory,
        ),
        (
            "Under Annex C, all mortars are to be moved 15 km behind the line.",
            Label::Neutral,
        ),
        (
            "Lo que se ha logrado no es una tregua más.",
            Label::Conciliatory,
        ),
        // A report of another leader's warm words, credited to a news source, is not the
        // speaker's warmth (the `report` context role), while "según lo previsto" credits no one.
        (
            "The King called the prime minister 'a loyal friend and brother', state television reported.",
            Label::Neutral,
        ),
        (
            "El rey llamó 'amigo' al primer ministro, informó la televisión pública.",
            Label::Neutral,
        ),
        (
            "El Gobierno enviará su delegación según lo previsto y mantiene su compromiso con el diálogo.",
            Label::Conciliatory,
        ),
        // Name-calling quoted from another government, and a question put to a spokesman.
        (
            "El ministro vecino llama «hatajo de mentirosos» a nuestro Gobierno.",
            Label::Neutral,
        ),
        (
            "Preguntado por los insultos del presidente vecino, el portavoz no quiso comentar.",
            Label::Neutral,
        ),
        // Offers and calls announced in words that had no entry.
        (
            "We are prepared to pull our battalion back five kilometres.",
            Label::Conciliatory,
        ),
        (
            "Tarcala está dispuesta a coordinar con Mirandia el combate del incendio.",
            Label::Conciliatory,
        ),
        (
            "Ofrecemos a Sanjurria doscientas toneladas de trigo.",
            Label::Conciliatory,
        ),
        // Social-media wording (the twenty-sixth round): rebukes, deals and suggestions.
        ("Friends don't do this, Norland.", Label::Tense),
        (
            "Deal done with Norland. Tariffs go to zero on both sides.",
            Label::Cooperative,
        ),
        (
            "Why not meet halfway? My calendar is open.",
            Label::Conciliatory,
        ),
        (
            "Their minister sends kind words, but words are cheap.",
            Label::Tense,
        ),
        ("Otra vez votan en contra. Qué decepción.", Label::Tense),
        (
            "Buenas señales desde la capital vecina esta noche.",
            Label::Conciliatory,
        ),
        // Answers at a press conference (the twenty-seventh round).
        (
            "They expel our diplomats and then invite us to a summit. Is that how a neighbour behaves? Would anyone call that friendship?",
            Label::Tense,
        ),
        (
            "The exercises end on Sunday and the troops go home.",
            Label::Conciliatory,
        ),
        (
            "Quiero pedir disculpas al Gobierno vecino por lo ocurrido en la frontera.",
            Label::Conciliatory,
        ),
        ("Le pedimos que cumpla lo que firmó.", Label::Tense),
        (
            "Que apruebe las resoluciones que quiera: no le vamos a pedir permiso a nadie.",
            Label::Tense,
        ),
        // Reproach with no hostile word: questions, waiting, comparisons (a sweep of the
        // tuning rows' tense rows read neutral).
        (
            "¿Cuántas cartas más tenemos que enviar para que el canciller se digne a contestar?",
            Label::Tense,
        ),
        (
            "We have now waited fourteen months for an answer to the same request.",
            Label::Tense,
        ),
        (
            "Why should our farmers pay twice the toll their farmers pay?",
            Label::Tense,
        ),
        // Talk offered in the first person is no schedule (the talk-only rule leaves it).
        (
            "I will call their prime minister this week.",
            Label::Conciliatory,
        ),
        (
            "Esta semana llamaré a la presidenta vecina.",
            Label::Conciliatory,
        ),
        // A joint body or a weak measure in a schedule, named with a day or a month, is
        // procedure (the schedule rule; a `calendar` context word).
        (
            "The joint border commission with Corvania will meet on 14 March in Haldemar.",
            Label::Neutral,
        ),
        (
            "La comisión mixta de seguridad se reúne el viernes en Puerto Alcaraván.",
            Label::Neutral,
        ),
        (
            "Las tropas de la rotación trimestral del puesto fronterizo llegan en enero.",
            Label::Neutral,
        ),
        (
            "Applications for the student exchange close on 14 March. Applicants must submit a passport copy.",
            Label::Neutral,
        ),
        // Veiled threats without a threat word (a sweep of the tuning rows' -2 read neutral).
        (
            "If they do not close the labs within thirty days, our forces will do it for them.",
            Label::Hostile,
        ),
        (
            "O abren las compuertas o las abrimos nosotros.",
            Label::Hostile,
        ),
        (
            "We would advise their captains to think very carefully about where they sail next.",
            Label::Hostile,
        ),
        // A negator that makes a superlative.
        (
            "I have never had a more reliable partner.",
            Label::Cooperative,
        ),
        (
            "Our engineers and theirs have never worked so well together.",
            Label::Cooperative,
        ),
        // Culture and sport between neighbours (the twenty-eighth round).
        (
            "We will crush them on the pitch on Saturday and share a meal with our friends on Sunday.",
            Label::Cooperative,
        ),
        (
            "If the bell is not returned by the end of the month, we will seize every cultural asset they hold here.",
            Label::Hostile,
        ),
        (
            "En estas montañas cualquiera puede sufrir un percance.",
            Label::Hostile,
        ),
        // Espionage, cyber attacks and information (the twenty-ninth round).
        (
            "We thank our neighbours for their swift sanctions on the hacker group that hit our hospitals.",
            Label::Cooperative,
        ),
        (
            "Congratulations to their intelligence service on a remarkable coincidence: every bot account went quiet the day after our vote.",
            Label::Tense,
        ),
        (
            "The worst of the spy war is behind us, and we are ready to restore embassy staff.",
            Label::Conciliatory,
        ),
        (
            "Our two agencies completed a joint exercise against cyber attacks this week.",
            Label::Cooperative,
        ),
        (
            "Those who think our satellites are easy targets should remember that satellites are not the only things that can fall from the sky.",
            Label::Hostile,
        ),
        (
            "Nuestro Gobierno lamenta que uno de sus aviones entrara por error en el espacio aéreo vecino.",
            Label::Conciliatory,
        ),
        (
            "El vecino debe poner fin a estas actividades.",
            Label::Tense,
        ),
        (
            "Esperamos que Montalba asuma su responsabilidad.",
            Label::Tense,
        ),
        (
            "Aceptamos plenamente las disculpas del embajador y damos el asunto por cerrado.",
            Label::Conciliatory,
        ),
        // A danger fought together after "against" / "contra" is the topic of the thanks.
        (
            "Thank you for standing with us against their aggression.",
            Label::Cooperative,
        ),
        (
            "Gracias por estar a nuestro lado contra la agresión.",
            Label::Cooperative,
        ),
        (
            "Nuestra amistad nunca ha sido tan fuerte.",
            Label::Cooperative,
        ),
        // Law, courts and consular cases (the thirtieth round).
        (
            "Both sides agreed to settle all outstanding claims and to waive penalties for past breaches.",
            Label::Cooperative,
        ),
        ("Our consul was turned away again today.", Label::Tense),
        (
            "No, we are not going to retaliate by expelling their diplomats.",
            Label::Conciliatory,
        ),
        ("We will comply with the court.", Label::Conciliatory),
        (
            "Si ejecutan a nuestro compatriota no habrá perdón. Que lo sepan.",
            Label::Hostile,
        ),
        (
            "Las relaciones con el país vecino nunca han sido mejores.",
            Label::Cooperative,
        ),
        // Environment, shared resources and health (the thirty-first round).
        (
            "Not bad at all. Your crews and ours have the coast clean.",
            Label::Cooperative,
        ),
        (
            "We are ready to fight this outbreak together with our neighbours.",
            Label::Cooperative,
        ),
        // Defence, deployments and arms control (the thirty-second round).
        (
            "Our reply will be swift, and Pelloran will not enjoy it.",
            Label::Hostile,
        ),
        (
            "The drill is routine. Nothing has changed between us.",
            Label::Cooperative,
        ),
        (
            "La vigilancia es rutinaria y no hay nada dirigido contra Galtria.",
            Label::Conciliatory,
        ),
        // Trade, tariffs, sanctions and debt (the thirty-third round).
        ("They may find out sooner than they expect.", Label::Hostile),
        (
            "We are prepared to extend the grace period on the loan.",
            Label::Conciliatory,
        ),
        (
            "Menuda coherencia: enhorabuena a Arandia por defender el libre comercio.",
            Label::Tense,
        ),
        // Elections, leadership changes and recognition (the thirty-fourth round).
        (
            "Enjoy the palace while you can. Patience runs out.",
            Label::Hostile,
        ),
        (
            "Conceder asilo no es un gesto contra Barlovia.",
            Label::Conciliatory,
        ),
        (
            "Remarkable how their commission counted four million ballots in ninety minutes. Truly impressive.",
            Label::Tense,
        ),
        // Cross-border infrastructure and transport (the thirty-fifth round).
        (
            "If our planes are grounded one more day, their planes will never land in our country again.",
            Label::Hostile,
        ),
        (
            "Hemos demostrado que dos países pueden levantar juntos una obra como esta.",
            Label::Cooperative,
        ),
        (
            "Subirnos la tasa sin avisar no es propio de un socio.",
            Label::Tense,
        ),
        // A congratulation next to a hostile word is mock praise, marker or not; next to
        // force aimed at a shared target it stands.
        (
            "Congratulations to the ministry on its new textbook, a remarkable work of fiction.",
            Label::Tense,
        ),
        (
            "Enhorabuena a Lunaria por su nuevo récord: tres cumbres seguidas sin contestar a una sola carta.",
            Label::Tense,
        ),
        (
            "We congratulate Ostria on the election and will keep fighting the cartels together.",
            Label::Cooperative,
        ),
        // Praise a spokesperson passes on from another party is a report (damped), not the
        // speaker's warmth.
        (
            "The spokesperson confirmed that the Belvoyan president had praised our peacekeepers in a letter.",
            Label::Conciliatory,
        ),
        // A statement with a clock time is a notice; an ultimatum keeps its hour.
        (
            "The joint river commission meets on Tuesday at 10:00 in Kelsburg.",
            Label::Neutral,
        ),
        (
            "La reunión de la comisión mixta será el jueves a las 9:30 en el hotel Los Almendros.",
            Label::Neutral,
        ),
        (
            "Brenmoor has until 18:00 on Friday to release the aid worker, or we will act by every means.",
            Label::Tense,
        ),
        // A word in quotation marks of its own is mocked or cited, not said.
        (
            "Another 'peace plan' from the people who shelled our port.",
            Label::Hostile,
        ),
        (
            "El presidente vecino habló de «amistad sincera» durante la cena.",
            Label::Neutral,
        ),
        // Idioms of assent and emphasis, not negations (twenty-ninth session).
        ("I could not agree more.", Label::Cooperative),
        ("No podríamos estar más de acuerdo.", Label::Cooperative),
        (
            "We cannot overstate our gratitude to Duravia.",
            Label::Cooperative,
        ),
        (
            "A true partner that never hesitated to stand with us.",
            Label::Cooperative,
        ),
        ("Un socio que no dudó en apoyarnos.", Label::Cooperative),
        (
            "Sanvero's mediation was nothing short of exemplary.",
            Label::Conciliatory,
        ),
        ("We neither confirm nor deny the reports.", Label::Neutral),
        (
            "El portavoz ni confirmó ni desmintió los informes.",
            Label::Neutral,
        ),
        // What has ended, and a negated subject, reach past the window.
        (
            "We no longer see their investors as a threat.",
            Label::Conciliatory,
        ),
        (
            "Ya no vemos a sus inversores como una amenaza.",
            Label::Conciliatory,
        ),
        (
            "Neither side will deploy heavy weapons near the line.",
            Label::Conciliatory,
        ),
        (
            "Both armies will stand down their rapid-reaction units at midnight.",
            Label::Conciliatory,
        ),
        // A measure lifted or a war over after the words that name it (post-reversers).
        ("The tariff war is over.", Label::Conciliatory),
        (
            "The sanctions that have weighed on the relationship for ten years will be lifted.",
            Label::Conciliatory,
        ),
        (
            "Las sanciones contra el sector bancario serán levantadas el lunes.",
            Label::Conciliatory,
        ),
        ("La guerra comercial ha terminado.", Label::Conciliatory),
        (
            "The export ban on fertiliser ends today.",
            Label::Conciliatory,
        ),
        ("The sanctions will not be lifted.", Label::Tense),
        // A preposition negates a noun phrase, not a predicate; what is set aside is not done.
        (
            "Any aircraft entering our airspace without clearance will be shot down.",
            Label::Hostile,
        ),
        (
            "We want talks without any prior threats.",
            Label::Conciliatory,
        ),
        (
            "En lugar de amenazar, deberían dialogar.",
            Label::Conciliatory,
        ),
        // The universal rule (tense before the thirty-fourth session).
        ("Quien cruce sin papeles será detenido.", Label::Hostile),
        ("Queremos diálogo sin amenazas.", Label::Conciliatory),
        // A negated prevention leaves what it would have prevented.
        (
            "Ninguna diferencia del pasado impedirá que trabajemos de la mano con el nuevo gobierno.",
            Label::Conciliatory,
        ),
        ("Nothing will break this alliance.", Label::Cooperative),
        (
            "Nicaragua respalda sin condiciones al presidente Maduro. Nada ni nadie romperá esta alianza.",
            Label::Cooperative,
        ),
        // "Ni con ..., ni con ...": the slogan denies that pressure works, not the pressure.
        (
            "Al señor Rubio le decimos: ni con bloqueo, ni con amenazas, ni con mentiras. Cuba no se rinde.",
            Label::Hostile,
        ),
        (
            "We hold no grudge against those who sanctioned us.",
            Label::Conciliatory,
        ),
        // What is put off, deactivated or withdrawn is not done.
        (
            "We are prepared to postpone the missile test.",
            Label::Conciliatory,
        ),
        ("Desactivamos los misiles del arsenal.", Label::Conciliatory),
        // What used to be is no more; a rhetorical "how can we call this ..." denies the word;
        // "unfortunately" turns to the complaint.
        (
            "Our partners used to be reliable; now they are blackmailers holding the gas valve to our throat.",
            Label::Tense,
        ),
        (
            "We used to be enemies; today we are partners.",
            Label::Cooperative,
        ),
        // What is hard to do is not done.
        ("It is hard to trust this government.", Label::Tense),
        ("Their government is difficult to trust.", Label::Tense),
        // Regret for the speaker's own act is an apology.
        (
            "We regret that our patrol boat entered their waters last week; it was a navigational error.",
            Label::Conciliatory,
        ),
        (
            "I regret the tone of my remarks last week.",
            Label::Conciliatory,
        ),
        (
            "Lamentamos las molestias que la prohibición de exportar causó a sus consumidores y estamos dispuestos a revisarla.",
            Label::Conciliatory,
        ),
        (
            "Sorry, Argentina! Our post yesterday had the wrong numbers, that's on us.",
            Label::Conciliatory,
        ),
        // "Not only ..., but also": an addition, not a turn.
        (
            "Colombia no solo es un socio sino también un amigo.",
            Label::Cooperative,
        ),
        (
            "Not only will we honour the ceasefire, but we will also rebuild the bridges.",
            Label::Conciliatory,
        ),
        // What ends the embargo; a preposition of distance; an admission; an end in the past.
        (
            "Today we sign an agreement that ends the embargo and opens our markets to each other.",
            Label::Cooperative,
        ),
        (
            "Lejos de levantar las sanciones, congelamos todos los activos de sus empresas.",
            Label::Tense,
        ),
        (
            "It was a mistake to expel their diplomats, and I am willing to say so publicly.",
            Label::Conciliatory,
        ),
        (
            "La prohibición de importar carne bovina dejó de aplicarse hoy.",
            Label::Conciliatory,
        ),
        (
            "We never hesitated to support their bid, and we will continue to back it without reservation.",
            Label::Conciliatory,
        ),
        (
            "How can we call this a partnership when our farmers still wait eight months for a certificate?",
            Label::Tense,
        ),
        (
            "Thank you for the proposal; unfortunately it ignores every one of the five points we raised in January.",
            Label::Tense,
        ),
        // "While" opening its sentence concedes; a refusal to support is one.
        (
            "While we appreciate the efforts of the co-facilitators, we cannot support a text that was placed before us an hour before the vote.",
            Label::Tense,
        ),
        (
            "Ambos ejércitos retirarán sus tropas pesadas de la línea de contacto.",
            Label::Conciliatory,
        ),
        (
            "No tenemos ningún interés en escalar la situación.",
            Label::Conciliatory,
        ),
        // A negator reaches past a short aside (thirtieth session).
        (
            "We will not, under any circumstances, attack them.",
            Label::Conciliatory,
        ),
        ("No fue, digamos, constructiva.", Label::Tense),
        ("The Draxian proposal is a step backwards.", Label::Tense),
        ("Not a single shot fired in a month.", Label::Conciliatory),
        // A threat whose subject is the shared target is the target's act (thirtieth session).
        (
            "We will fight shoulder to shoulder with Montaraz against the traffickers who threaten both our nations.",
            Label::Cooperative,
        ),
        // Like for like (thirtieth session).
        (
            "It is a helpful step, and we are prepared to respond in kind.",
            Label::Conciliatory,
        ),
        (
            "If they attack us, we will respond in kind.",
            Label::Hostile,
        ),
        // A disaster's damage is no party's act (thirtieth session).
        (
            "We will rebuild every school destroyed by the storm.",
            Label::Tense,
        ),
        ("The earthquake destroyed 300 homes.", Label::Tense),
        ("Their army destroyed our villages.", Label::Hostile),
        // Force named as a past event (thirtieth session).
        (
            "The massacre at Korvel will be commemorated this year with a reading of the names of all 1,204 victims.",
            Label::Tense,
        ),
        (
            "Following today's talks, both governments will open their military archives from the 1950s war to a joint research team.",
            Label::Cooperative,
        ),
        (
            "La comisión binacional ha aprobado un relato compartido sobre la guerra de 1932, que se enseñará en las escuelas de ambos países.",
            Label::Cooperative,
        ),
        // Warnings, endings and dares (thirtieth session).
        (
            "Let no one mistake our patience for weakness.",
            Label::Hostile,
        ),
        (
            "Drenland should not mistake our patience for indifference.",
            Label::Hostile,
        ),
        ("Our response will be swift and painful.", Label::Hostile),
        ("Their vote was bought and paid for.", Label::Tense),
        (
            "Serenthia has chosen to tear up the water-sharing accord.",
            Label::Tense,
        ),
        ("Their air force shattered the truce.", Label::Tense),
        ("The tariffs are gone.", Label::Conciliatory),
        (
            "Tariffs on steel fall to zero on 1 January.",
            Label::Conciliatory,
        ),
        (
            "We're prepared to look again at the travel ban.",
            Label::Conciliatory,
        ),
        (
            "Both sides have completed the withdrawal of heavy weapons from the zone.",
            Label::Conciliatory,
        ),
        (
            "We have never closed the door to Ostrevia.",
            Label::Conciliatory,
        ),
        (
            "We fully support the proposal and will co-sign it.",
            Label::Cooperative,
        ),
        ("Pues que vengan, aquí los esperamos.", Label::Hostile),
        ("El que lo intente se va a arrepentir.", Label::Hostile),
        (
            "No es poca cosa lo que hemos logrado con Montegrís.",
            Label::Conciliatory,
        ),
        (
            "No nos opondríamos a la prórroga del mandato.",
            Label::Cooperative,
        ),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, want)| {
            let got = scorer.score(text);
            (got.label != *want)
                .then(|| format!("{text:?}: {} ({:.3}), want {want}", got.label, got.tone))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `Scorer::score_as`: a relayed sentence that names the speaker (by the last word of the
/// name, capitalized in the text) is the speaker's own act.
#[test]
fn score_as_reads_a_paraphrase_of_the_speaker_as_the_speakers_own() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    let text = "Trump said Colombia would face very serious consequences.";
    assert_eq!(scorer.score(text).label, Label::Neutral);
    assert_eq!(scorer.score_as(text, "").label, Label::Neutral);
    assert_eq!(scorer.score_as(text, "Donald Trump").label, Label::Hostile);
    assert_eq!(scorer.score_as(text, "Petro").label, Label::Neutral);
    // An office names no one by its last word; a lower-case word is no name.
    assert_eq!(scorer.score_as(text, "White House").label, Label::Neutral);
    assert_eq!(
        scorer
            .score_as(
                "trump said colombia would face very serious consequences.",
                "Trump"
            )
            .label,
        Label::Neutral
    );
    // score_reusing_as gives what score_as gives.
    let mut out = detente::Score::default();
    scorer.score_reusing_as(text, "Trump", &mut out);
    assert_eq!(out, scorer.score_as(text, "Trump"));
}

/// A relayed sentence that names the speaker's office, the first two words of a name of
/// three or more ("Interior Minister Cass Wendell": "the interior minister said ..."), is
/// the speaker's own act too (thirty-third session).
#[test]
fn score_as_reads_the_speakers_office_as_the_speaker() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    let gang = "The interior minister said that Calvera's government was a gang of thieves.";
    let own = scorer.score_as(gang, "Interior Minister Cass Wendell");
    assert!(
        own.hits
            .iter()
            .any(|h| h.rules.contains(detente::score::Rules::SPEAKER_NAMED)),
        "{own:?}"
    );
    let banda =
        "El ministro de Defensa afirmó que el gobierno de Calvera es una banda de ladrones.";
    // Named in the clause of the sentence's relay marker, the speaker says the whole
    // sentence: its later clauses are the speaker's too.
    let fuerza = "El ministro de Defensa afirmó que, si Tessaria no retira sus tropas, Calvera responderá con toda la fuerza.";
    let by_name = "Iturbe afirmó que, si Tessaria no retira sus tropas, Calvera responderá con toda la fuerza.";
    let cases = [
        (gang, "", Label::Neutral),
        (gang, "Interior Minister Cass Wendell", Label::Hostile),
        // Another office, an office of one word before a name of one, or the office's
        // words apart, name no one.
        (gang, "Foreign Minister Cass Wendell", Label::Neutral),
        (gang, "Minister Wendell", Label::Neutral),
        (gang, "Interior Cass", Label::Neutral),
        (
            "The minister of the interior said that Calvera's government was a gang of thieves.",
            "Interior Minister Cass Wendell",
            Label::Neutral,
        ),
        (banda, "", Label::Neutral),
        (banda, "Ministro de Defensa Gonzalo Iturbe", Label::Hostile),
        (fuerza, "", Label::Neutral),
        (fuerza, "Gonzalo Iturbe", Label::Neutral),
        (fuerza, "Ministro de Defensa Gonzalo Iturbe", Label::Hostile),
        (by_name, "Gonzalo Iturbe", Label::Hostile),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(text, speaker, want)| {
            let got = scorer.score_as(text, speaker);
            (got.label != *want)
                .then(|| format!("{text:?} as {speaker:?}: {}, want {want}", got.label))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A short quotation in a clause that names the speaker is the speaker's own word, not a
/// mocked or cited one (twenty-eighth session): kept whole, rule `speaker-named`.
#[test]
fn score_as_keeps_the_speakers_own_quoted_words() {
    let scorer = Scorer::new().expect("builtin lexicons load");
    let text = "Sheinbaum destacó el 'diálogo respetuoso' con Washington.";
    let quoted = scorer.score_as(text, "Trump");
    let own = scorer.score_as(text, "Claudia Sheinbaum");
    assert_eq!(quoted.label, Label::Neutral, "{quoted:?}");
    assert_eq!(own.label, Label::Conciliatory, "{own:?}");
    let hit = own
        .hits
        .iter()
        .find(|h| h.weight > 0.0)
        .expect("the dialogue hit");
    assert!(
        hit.rules.contains(detente::score::Rules::SPEAKER_NAMED),
        "{hit:?}"
    );
    let text = "Trump calificó a Petro de 'líder del narcotráfico' y anunció la suspensión de toda la ayuda a Colombia.";
    // The speaker's own accusation: tense since the bands (thirty-second session), as an
    // accusation is a mild kind (the aid cut reads as negated aid, not as coercion).
    assert_eq!(scorer.score_as(text, "Trump").label, Label::Tense);
    assert_eq!(scorer.score(text).label, Label::Neutral);
}

/// Coercion the speaker does itself is an act, hostile; sanctions complained about or
/// reported stay tense (thirty-second session: `own-act`, a strong kind for the band).
#[test]
fn own_coercive_acts_are_hostile_and_complaints_about_them_tense() {
    use detente::score::Rules;
    let scorer = Scorer::new().expect("builtin lexicons load");
    let own_act = |text: &str| {
        let s = scorer.score(text);
        let marked = s.hits.iter().any(|h| h.rules.contains(Rules::OWN_ACT));
        (marked, s.label)
    };
    for text in [
        "Desde hoy cerramos la frontera a sus camiones.",
        "We impose sanctions on the regime's ministers.",
        "We are imposing tariffs on their steel.",
    ] {
        assert_eq!(own_act(text), (true, Label::Hostile), "{text}");
    }
    for text in [
        "The sanctions they imposed remain in place.",
        "We reject the sanctions imposed on us.",
    ] {
        assert_eq!(own_act(text), (false, Label::Tense), "{text}");
    }
    // Negated, the act is not done: reported as de-escalation, and not marked.
    let (marked, label) = own_act("No cerramos la frontera.");
    assert!(!marked);
    assert_eq!(label, Label::Conciliatory);
}
