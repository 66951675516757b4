//! `detente explain`: a word-by-word account of one statement's score.
//!
//! Usage: detente explain [--lang en|es|auto] [--format text|json] TEXT...

use super::{EXIT_OK, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::lexicon::ContextRole;
use detente::lexicon::Side;
use detente::score::{Band, Role, Unit, rules};
use detente::table::fixed;
use detente::{Error, Explanation, LangMode, Location, Score, Scorer};
use std::io::{Read, Write};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExplainFormat {
    Text,
    Json,
}

/// Arguments of `detente explain`.
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  detente explain \"We will take up arms if they keep threatening us!\"\n  \
detente explain --lang es \"Nadie quiere tocar las armas, pero defenderemos la patria.\"\n  \
echo \"Thank you, President Petro\" | detente explain -"
)]
pub struct ExplainArgs {
    /// The statement (several words are joined with spaces); `-` reads it from stdin.
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Output: a readable table, or JSON for programs.
    #[arg(long, value_enum, default_value = "text")]
    format: ExplainFormat,

    /// Who said it, as a quotes table's speaker column names them (`score` and `report` read
    /// it from that column): a relayed sentence that names the speaker is the speaker's own
    /// act ("Petro acusó a Washington de injerencia" with --speaker Petro).
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
}

/// Runs `detente explain`.
pub fn run(args: &ExplainArgs) -> Result<u8, Error> {
    let scorer = args.lexicon.scorer()?;
    let text = if args.text.len() == 1 && args.text[0] == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::io(&e, Location::in_source("<stdin>")))?;
        s.trim_end().to_string()
    } else {
        args.text.join(" ")
    };
    let ex = scorer.explain_as(&text, args.speaker.as_deref().unwrap_or(""));
    // Written as it is made: a speech of a megabyte has a hundred thousand lines of units.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        ExplainFormat::Text => render_text(&mut out, &scorer, &text, &ex),
        ExplainFormat::Json => render_json(&mut out, &scorer, &text, &ex),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Error::io(&e, Location::in_source("<stdout>")))?;
    Ok(EXIT_OK)
}

fn num(x: f64, d: usize) -> String {
    let mut s = String::new();
    if x > 0.0 {
        s.push('+');
    }
    fixed(&mut s, x, d);
    if s == "+0.00" || s == "+0.000" {
        s.remove(0);
    }
    s
}

/// The readable explanation of `text`, `ex` being the scorer's.
pub fn render_text(
    w: &mut impl Write,
    scorer: &Scorer,
    text: &str,
    ex: &Explanation,
) -> std::io::Result<()> {
    let s = &ex.score;
    let cats = scorer.categories();
    let how = match (scorer.mode(), ex.guess) {
        (LangMode::Auto(_), Some(g)) => {
            let mut why = format!(
                "guessed: function-word votes en {}, es {}",
                g.votes[0], g.votes[1]
            );
            if let Some([en, es]) = g.lexicon {
                why.push_str(&format!("; a tie, so lexicon words en {en}, es {es}"));
                if en == es {
                    why.push_str("; a tie again, so the default");
                }
            }
            why
        }
        (LangMode::Auto(_), None) => "guessed".to_string(),
        (LangMode::Fixed(_), _) => "given".to_string(),
    };
    writeln!(w, "statement  {text}")?;
    writeln!(w, "language   {} ({how})", s.lang)?;
    write!(
        w,
        "tone       {}  {}   goldstein {}   category {}\n\n",
        num(s.tone, 3),
        s.label,
        num(s.goldstein, 1),
        s.category
            .map(|c| format!("{} (CAMEO {})", cats.get(c).name, cats.get(c).cameo))
            .unwrap_or_else(|| "-".to_string())
    )?;
    let head = [
        "words", "role", "entry", "category", "base", "weight", "rules",
    ];
    writeln!(
        w,
        "{:<26} {:<11} {:<24} {:<13} {:>6} {:>7}  {}",
        head[0], head[1], head[2], head[3], head[4], head[5], head[6]
    )?;
    for u in &ex.units {
        let words = if u.text.chars().count() > 26 {
            format!("{}…", u.text.chars().take(25).collect::<String>())
        } else {
            u.text.clone()
        };
        let line = match &u.role {
            Role::Hit(i) => match s.hits.get(*i) {
                Some(h) => format!(
                    "{:<26} {:<11} {:<24} {:<13} {:>6} {:>7}  {}",
                    words,
                    "entry",
                    scorer.term(s.lang, h),
                    cats.get(h.category).name,
                    num(h.base, 2),
                    num(h.weight, 2),
                    h.rules.names().collect::<Vec<_>>().join(", ")
                ),
                None => continue,
            },
            Role::Negator => format!("{words:<26} negator"),
            Role::ClauseNegator => format!("{words:<26} clause-negator"),
            Role::Reverser => format!("{words:<26} reverser"),
            Role::PostReverser => format!("{words:<26} post-reverser"),
            Role::Intensity(v) if *v > 0.0 => format!("{words:<26} booster     x{:.2}", 1.0 + v),
            Role::Intensity(v) => format!("{words:<26} dampener    x{:.2}", 1.0 + v),
            Role::Contrast => format!("{words:<26} contrast"),
            Role::Conditional => format!("{words:<26} conditional"),
            Role::Skip | Role::Plain if !u.context.is_empty() => {
                format!("{words:<26} context     {}", context_names(&u.context))
            }
            Role::Skip => format!("{words:<26} ."),
            Role::Plain => format!("{words:<26} ."),
            Role::Name => format!("{words:<26} name        (part of a proper name: not scored)"),
        };
        w.write_all(line.trim_end().as_bytes())?;
        // A matched unit that is also a context word ("smuggling": an entry and a shared
        // target) says so after its line.
        if !u.context.is_empty() && !matches!(u.role, Role::Skip | Role::Plain) {
            write!(w, "  [context: {}]", context_names(&u.context))?;
        }
        w.write_all(b"\n")?;
    }
    let normalized = rules::normalize(s.raw);
    writeln!(
        w,
        "\nsum of weights {} -> sum / sqrt(sum^2 + {}) = {}",
        num(s.raw, 2),
        rules::ALPHA,
        num(normalized, 3)
    )?;
    writeln!(w, "{}", band_line(scorer, s, normalized))?;
    writeln!(
        w,
        "hostility {}  cooperation {}  (labels: hostile <= {}, tense <= {}, conciliatory >= {}, cooperative >= {})",
        num(s.hostility, 2).trim_start_matches('+'),
        num(s.cooperation, 2).trim_start_matches('+'),
        rules::HOSTILE_MAX,
        rules::TENSE_MAX,
        rules::CONCILIATORY_MIN,
        rules::COOPERATIVE_MIN
    )?;
    Ok(())
}

/// Why the tone lies in its band: the hits of strong kinds that put it in the outer band, or
/// the strong kinds the statement's side lacks.
fn band_line(scorer: &Scorer, s: &Score, normalized: f64) -> String {
    let cats = scorer.categories();
    let (outer, inner) = if s.raw < 0.0 {
        ("hostile", "tense")
    } else {
        ("cooperative", "conciliatory")
    };
    match s.band() {
        Band::Neutral => format!(
            "band neutral: nearer zero than {}, the tone is the sum's",
            rules::CONCILIATORY_MIN
        ),
        Band::Outer => {
            let mut kinds: Vec<&str> = Vec::new();
            let own = |name: &str| format!("{name} as its own act");
            let mut owned: Vec<String> = Vec::new();
            for h in s.hits.iter().filter(|h| scorer.sets_band(h, s.raw)) {
                let cat = cats.get(h.category);
                if cat.strong {
                    if !kinds.contains(&cat.name.as_str()) {
                        kinds.push(cat.name.as_str());
                    }
                } else if !owned.contains(&own(&cat.name)) {
                    owned.push(own(&cat.name));
                }
            }
            kinds.extend(owned.iter().map(String::as_str));
            format!(
                "band outer ({outer}): a strong kind on its side ({}) -> tone {}",
                kinds.join(", "),
                num(s.tone, 3)
            )
        }
        Band::Inner => {
            let side = if s.raw < 0.0 {
                Side::Hostile
            } else {
                Side::Cooperative
            };
            let strong = cats.strong_names(side);
            let moved = if (s.tone - normalized).abs() < 5e-4 {
                "kept".to_string()
            } else {
                format!("compressed above {}", rules::INNER_KNEE)
            };
            format!(
                "band inner ({inner}): no hit of a strong kind ({}) of weight {} or more on its side -> tone {} ({moved})",
                strong.join(", "),
                rules::STRONG_HIT_MIN,
                num(s.tone, 3)
            )
        }
    }
}

/// Context roles as `relay, first-person`.
fn context_names(roles: &[ContextRole]) -> String {
    roles
        .iter()
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON explanation, written as it is serialized (no tree of the whole output in memory).
/// Keys are in alphabetical order, as serde_json's map without `preserve_order` wrote them
/// before.
fn render_json(
    w: &mut impl Write,
    scorer: &Scorer,
    text: &str,
    ex: &Explanation,
) -> std::io::Result<()> {
    let s = &ex.score;
    let cats = scorer.categories();
    let v = ExplainJson {
        band: s.band().name(),
        category: s.category.map(|c| cats.get(c).name.as_str()),
        cooperation: rounded(s.cooperation, 1000.0),
        goldstein: rounded(s.goldstein, 100.0),
        hostility: rounded(s.hostility, 1000.0),
        label: s.label.name(),
        lang: s.lang.code(),
        lang_guess: ex.guess.map(|g| GuessJson {
            lexicon_words: g.lexicon.map(|[en, es]| Votes { en, es }),
            votes: Votes {
                en: g.votes[0],
                es: g.votes[1],
            },
        }),
        normalized: rounded(rules::normalize(s.raw), 10000.0),
        raw: rounded(s.raw, 1000.0),
        text,
        tone: rounded(s.tone, 10000.0),
        units: Units {
            units: &ex.units,
            score: s,
            scorer,
        },
    };
    serde_json::to_writer_pretty(&mut *w, &v)?;
    w.write_all(b"\n")
}

#[derive(serde::Serialize)]
struct ExplainJson<'a> {
    band: &'a str,
    category: Option<&'a str>,
    cooperation: f64,
    goldstein: f64,
    hostility: f64,
    label: &'a str,
    lang: &'a str,
    lang_guess: Option<GuessJson>,
    normalized: f64,
    raw: f64,
    text: &'a str,
    tone: f64,
    units: Units<'a>,
}

#[derive(serde::Serialize)]
struct GuessJson {
    lexicon_words: Option<Votes>,
    votes: Votes,
}

#[derive(serde::Serialize)]
struct Votes {
    en: usize,
    es: usize,
}

#[derive(serde::Serialize)]
struct UnitJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    context: Option<Vec<&'a str>>,
    hit: Option<HitJson<'a>>,
    role: &'a str,
    span: [u32; 2],
    text: &'a str,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum HitJson<'a> {
    Entry {
        base: f64,
        category: &'a str,
        rules: Vec<&'a str>,
        term: &'a str,
        weight: f64,
    },
    Scale {
        scale: f64,
    },
}

/// One unit of [`render_json`]'s `units`.
fn unit_json<'a>(u: &'a Unit, s: &'a Score, scorer: &'a Scorer) -> UnitJson<'a> {
    let cats = scorer.categories();
    let hit = match &u.role {
        Role::Hit(i) => s.hits.get(*i).map(|h| HitJson::Entry {
            base: h.base,
            category: &cats.get(h.category).name,
            rules: h.rules.names().collect(),
            term: scorer.term(s.lang, h),
            weight: rounded(h.weight, 1000.0),
        }),
        Role::Intensity(v) => Some(HitJson::Scale { scale: *v }),
        _ => None,
    };
    let role = match &u.role {
        Role::Hit(i) if s.hits.get(*i).is_some() => "entry",
        Role::Hit(_) | Role::Plain => "plain",
        Role::Negator => "negator",
        Role::ClauseNegator => "clause-negator",
        Role::Reverser => "reverser",
        Role::PostReverser => "post-reverser",
        Role::Intensity(_) => "intensity",
        Role::Contrast => "contrast",
        Role::Conditional => "conditional",
        Role::Skip => "skip",
        Role::Name => "name",
    };
    // A unit whose hit is missing had no context key before.
    let context = match &u.role {
        Role::Hit(i) if s.hits.get(*i).is_none() => None,
        _ => Some(u.context.iter().map(|r| r.name()).collect()),
    };
    UnitJson {
        context,
        hit,
        role,
        span: [u.span.0, u.span.1],
        text: &u.text,
    }
}

/// The units, each made as the serializer reaches it.
struct Units<'a> {
    units: &'a [Unit],
    score: &'a Score,
    scorer: &'a Scorer,
}

impl serde::Serialize for Units<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.units
                .iter()
                .map(|u| unit_json(u, self.score, self.scorer)),
        )
    }
}

/// `x` rounded to the precision `scale` (1000.0: three decimals), never -0.0: an empty float
/// sum is -0.0 in Rust, and JSON readers would print it as "-0".
fn rounded(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale + 0.0
}
