//! A seeded generator of realistic quotes CSVs for benchmarks and tests.
//!
//! Usage: `cargo run --release --example gen_corpus -- ROWS [--seed N] [--speakers N] > big.csv`
//!
//! Writes `id,date,speaker,target,text,source` rows: English and Spanish statements, hostile,
//! neutral and cooperative, with negations, boosters, capitals, multiword phrases, questions and
//! exclamations, 1 to 3 sentences (about 150 bytes of text per row), dates spread over 2025.
//! The sentence material below (templates and word lists) was written for detente. The output
//! depends only on ROWS and the seed: a small SplitMix64 generator keeps it identical on every
//! platform without a `rand` dependency.
//!
//! `--speakers N` names the speakers `Speaker 1` .. `Speaker N` in turn (row k is spoken by
//! speaker (k - 1) mod N + 1) instead of drawing from a dozen realistic names; every other
//! column is as without it. With N equal to ROWS every row has its own speaker: the corpus
//! `benches/compare.sh` measures `report`'s memory on.

use std::io;
use std::process::ExitCode;

/// SplitMix64: fixed by its definition, so a seed always gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform index in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `pct`%.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }
}

const SPEAKERS_EN: &[&str] = &[
    "President Harlan",
    "Secretary Voss",
    "Senator Okafor",
    "Prime Minister Lindqvist",
    "Ambassador Reyes-Grant",
    "Minister Tanaka",
];
const SPEAKERS_ES: &[&str] = &[
    "Presidenta Arce",
    "Canciller Montoya",
    "Ministro Quintero",
    "Senadora Villalba",
    "Presidente Saldaña",
];
const TARGETS: &[&str] = &[
    "Norland",
    "Costa Verde",
    "the Republic of Esterra",
    "Valdoria",
    "the northern alliance",
    "Puerto Alto",
    "Kestrel Islands",
];
const TARGETS_ES: &[&str] = &[
    "Norland",
    "Costa Verde",
    "la República de Esterra",
    "Valdoria",
    "la alianza del norte",
    "Puerto Alto",
];
const SOURCES: &[&str] = &[
    "press briefing",
    "speech",
    "social media",
    "interview",
    "communiqué",
];

const EN_HOSTILE: &[&str] = &[
    "We will {b}strike {t} if they do not stop the attacks",
    "{T} must pay a heavy price for this aggression",
    "All options are on the table and nothing is off the table",
    "This is our final warning to {t}",
    "We will impose sanctions and tariffs on {t} immediately",
    "Their leaders are corrupt criminals who lie to their own people",
    "We reject these illegal threats from {t}",
    "If they keep threatening us, we will take up arms",
    "Action against {t} sounds good to me",
    "The regime in {t} is a {b}dangerous enemy of freedom",
    "We condemn the invasion and we will retaliate",
    "They will face severe consequences for the blockade",
    "Nobody should trust a government that bombs civilians",
];
const EN_NEUTRAL: &[&str] = &[
    "The delegation will travel to {t} next week",
    "Officials reviewed the budget and the schedule for the summit",
    "The minister spoke to reporters in the capital on Tuesday",
    "The report covers trade figures for the last quarter",
    "Talks on fishing quotas are planned for the spring",
    "The committee published its annual statistics",
    "Elections in {t} are expected in November",
];
const EN_COOPERATIVE: &[&str] = &[
    "We thank {t} for their {b}generous support",
    "I look forward to meeting the leaders of {t}",
    "We will work together with {t} on trade and security",
    "It was a great call and we agreed to continue the dialogue",
    "We are {b}committed to peace and a lasting partnership",
    "We do not want war with {t}",
    "We will never attack our neighbours",
    "Our friends in {t} deserve respect and cooperation",
    "We welcome the ceasefire and the release of the prisoners",
    "Both sides signed an agreement to reduce tensions",
];
const ES_HOSTILE: &[&str] = &[
    "No aceptamos las amenazas ilegales de {t}",
    "Si nos atacan, tomaremos de nuevo las armas",
    "Es la última advertencia para {t}",
    "El gobierno de {t} es {b}corrupto y miente a su pueblo",
    "Basta de agresiones contra nuestro pueblo",
    "Vamos a imponer sanciones a {t}",
    "Condenamos la invasión y responderemos con fuerza",
    "Son unos criminales que bombardean a civiles",
    "No vamos a tolerar más chantajes de {t}",
];
const ES_NEUTRAL: &[&str] = &[
    "La delegación viajará a {t} la próxima semana",
    "El ministro habló con la prensa en la capital",
    "El informe presenta las cifras de comercio del trimestre",
    "Las elecciones en {t} serán en noviembre",
    "La comisión publicó sus estadísticas anuales",
];
const ES_COOPERATIVE: &[&str] = &[
    "Agradecemos a {t} su {b}generoso apoyo",
    "Fue una gran llamada y seguiremos el diálogo",
    "Nadie quiere tocar las armas",
    "Estamos {b}comprometidos con la paz y la cooperación",
    "Celebramos el acuerdo firmado con {t}",
    "Queremos trabajar juntos por la seguridad de la región",
    "Respetamos la soberanía de {t} y buscamos la reconciliación",
];
const EN_BOOSTERS: &[&str] = &["very ", "really ", "truly ", "extremely "];
const ES_BOOSTERS: &[&str] = &["muy ", "realmente ", "sumamente "];
const EN_TAILS: &[&str] = &[
    " in the coming days",
    " before the end of the year",
    " for the sake of our people",
    ", as we said last week",
];
const ES_TAILS: &[&str] = &[
    " en los próximos días",
    " antes de fin de año",
    " por el bien de nuestro pueblo",
    ", como dijimos la semana pasada",
];
const EN_OPENERS: &[&str] = &["However, ", "But ", "Frankly, ", "Today ", ""];
const ES_OPENERS: &[&str] = &["Sin embargo, ", "Pero ", "Hoy ", ""];

/// The tone a row leans to.
#[derive(Clone, Copy)]
enum Lean {
    Hostile,
    Neutral,
    Cooperative,
}

fn sentence(rng: &mut Rng, spanish: bool, lean: Lean, out: &mut String) {
    let list = match (spanish, lean) {
        (false, Lean::Hostile) => EN_HOSTILE,
        (false, Lean::Neutral) => EN_NEUTRAL,
        (false, Lean::Cooperative) => EN_COOPERATIVE,
        (true, Lean::Hostile) => ES_HOSTILE,
        (true, Lean::Neutral) => ES_NEUTRAL,
        (true, Lean::Cooperative) => ES_COOPERATIVE,
    };
    let template = rng.pick(list);
    let target = rng.pick(if spanish { TARGETS_ES } else { TARGETS });
    let start = out.len();
    let mut opened = false;
    if rng.chance(20) {
        let opener = rng.pick(if spanish { ES_OPENERS } else { EN_OPENERS });
        out.push_str(opener);
        opened = !opener.is_empty();
    }
    let body = out.len();
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let slot = rest.get(i + 1..i + 2).unwrap_or("");
        match slot {
            "t" => out.push_str(target),
            "T" => {
                let mut c = target.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            }
            _ => {
                if rng.chance(40) {
                    out.push_str(rng.pick(if spanish { ES_BOOSTERS } else { EN_BOOSTERS }));
                }
            }
        }
        rest = rest.get(i + 3..).unwrap_or("");
    }
    out.push_str(rest);
    if rng.chance(30) {
        out.push_str(rng.pick(if spanish { ES_TAILS } else { EN_TAILS }));
    }
    // After an opener the sentence goes on in lower case ("However, we will ..."), except
    // for "I" and names; without one it starts with a capital.
    let first = out[body..].chars().next();
    if let Some(first) = first {
        let name = template.starts_with("{T}") || template.starts_with("I ");
        let fixed: String = if opened && !name {
            first.to_lowercase().collect()
        } else {
            first.to_uppercase().collect()
        };
        out.replace_range(body..body + first.len_utf8(), &fixed);
    }
    // Emphasis: one word in capitals now and then.
    if rng.chance(8) {
        let words: Vec<(usize, usize)> = word_spans(&out[start..]);
        if !words.is_empty() {
            let (a, b) = words[rng.below(words.len())];
            let upper = out[start + a..start + b].to_uppercase();
            out.replace_range(start + a..start + b, &upper);
        }
    }
    let end = match (lean, rng.below(10)) {
        (Lean::Hostile, 0..=2) => "!!",
        (Lean::Hostile, 3) => "?",
        (_, 0) => "!",
        (_, 1) => "?",
        _ => ".",
    };
    if spanish && end.starts_with('!') {
        out.insert(start, '¡');
    } else if spanish && end == "?" {
        out.insert(start, '¿');
    }
    out.push_str(end);
}

/// Byte spans of words of at least four letters.
fn word_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (start, c.is_alphabetic()) {
            (None, true) => start = Some(i),
            (Some(a), false) => {
                if s[a..i].chars().count() >= 4 {
                    spans.push((a, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    spans
}

fn statement(rng: &mut Rng, spanish: bool, out: &mut String) {
    out.clear();
    let lean = match rng.below(100) {
        0..=34 => Lean::Hostile,
        35..=64 => Lean::Neutral,
        _ => Lean::Cooperative,
    };
    // One sentence in ten rows, two in three, three in six: about 150 bytes on average.
    let sentences = match rng.below(10) {
        0 => 1,
        1..=3 => 2,
        _ => 3,
    };
    for k in 0..sentences {
        if k > 0 {
            out.push(' ');
        }
        // Most sentences follow the row's lean; some turn (threat then offer, and so on).
        let l = if k > 0 && rng.chance(25) {
            match rng.below(3) {
                0 => Lean::Hostile,
                1 => Lean::Neutral,
                _ => Lean::Cooperative,
            }
        } else {
            lean
        };
        sentence(rng, spanish, l, out);
    }
    if rng.chance(3) {
        *out = out.to_uppercase();
    }
    if rng.chance(4) {
        // A quoted remark: exercises CSV quoting.
        out.push_str(if spanish {
            " Dijo: \"ya veremos\"."
        } else {
            " He added: \"we shall see\"."
        });
    }
}

fn run() -> Result<(), String> {
    let usage = "usage: gen_corpus ROWS [--seed N] [--speakers N]";
    let mut args = std::env::args().skip(1);
    let mut rows: Option<u64> = None;
    let mut seed: u64 = 42;
    let mut speakers: Option<u64> = None;
    while let Some(a) = args.next() {
        if a == "--seed" {
            let v = args.next().ok_or(usage)?;
            seed = v.parse().map_err(|_| format!("bad seed {v:?}; {usage}"))?;
        } else if a == "--speakers" {
            let v = args.next().ok_or(usage)?;
            speakers = Some(
                v.parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("bad speaker count {v:?}; {usage}"))?,
            );
        } else {
            rows = Some(
                a.parse()
                    .map_err(|_| format!("bad row count {a:?}; {usage}"))?,
            );
        }
    }
    let rows = rows.ok_or(usage)?;
    let mut rng = Rng(seed);
    let stdout = io::stdout();
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(1 << 16)
        .from_writer(stdout.lock());
    let err = |e: csv::Error| e.to_string();
    w.write_record(["id", "date", "speaker", "target", "text", "source"])
        .map_err(err)?;
    let mut text = String::new();
    let mut id = String::new();
    let mut numbered = String::new();
    for row in 1..=rows {
        let spanish = rng.chance(40);
        // Drawn in any case, so that the other columns do not depend on `--speakers`.
        let mut speaker = rng.pick(if spanish { SPEAKERS_ES } else { SPEAKERS_EN });
        if let Some(n) = speakers {
            numbered.clear();
            numbered.push_str(&format!("Speaker {}", (row - 1) % n + 1));
            speaker = numbered.as_str();
        }
        let target = rng.pick(TARGETS);
        // Dates spread over 2025: month lengths of a common year.
        const MONTHS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let mut day = rng.below(365);
        let mut month = 0;
        while month < 11 && day >= MONTHS[month] {
            day -= MONTHS[month];
            month += 1;
        }
        let date = format!("2025-{:02}-{:02}", month + 1, day + 1);
        statement(&mut rng, spanish, &mut text);
        id.clear();
        id.push_str(&format!("q{row}"));
        let source = rng.pick(SOURCES);
        w.write_record([id.as_str(), &date, speaker, target, &text, source])
            .map_err(err)?;
    }
    match w.flush() {
        Ok(()) => Ok(()),
        // `gen_corpus 1000000 | head` is fine.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}
