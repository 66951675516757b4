//! `detente explain`: a word-by-word account of one statement's score.
//!
//! Usage: detente explain [--lang en|es|auto] [--format text|json] TEXT...

use super::{EXIT_OK, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::lexicon::ContextRole;
use detente::score::{Role, rules};
use detente::table::fixed;
use detente::{Error, LangMode, Location, Scorer};
use std::io::Read;

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
    let out = match args.format {
        ExplainFormat::Text => render_text(&scorer, &text),
        ExplainFormat::Json => render_json(&scorer, &text),
    };
    super::write_stdout(out.as_bytes())?;
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

/// The readable explanation.
pub fn render_text(scorer: &Scorer, text: &str) -> String {
    let ex = scorer.explain(text);
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
    let mut o = String::new();
    o.push_str(&format!("statement  {text}\n"));
    o.push_str(&format!("language   {} ({how})\n", s.lang));
    o.push_str(&format!(
        "tone       {}  {}   goldstein {}   category {}\n\n",
        num(s.tone, 3),
        s.label,
        num(s.goldstein, 1),
        s.category
            .map(|c| format!("{} (CAMEO {})", cats.get(c).name, cats.get(c).cameo))
            .unwrap_or_else(|| "-".to_string())
    ));
    o.push_str(&format!(
        "{:<26} {:<11} {:<24} {:<13} {:>6} {:>7}  {}\n",
        "words", "role", "entry", "category", "base", "weight", "rules"
    ));
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
        o.push_str(line.trim_end());
        // A matched unit that is also a context word ("smuggling": an entry and a shared
        // target) says so after its line.
        if !u.context.is_empty() && !matches!(u.role, Role::Skip | Role::Plain) {
            o.push_str(&format!("  [context: {}]", context_names(&u.context)));
        }
        o.push('\n');
    }
    o.push_str(&format!(
        "\nsum of weights {} -> tone = sum / sqrt(sum^2 + {}) = {}\n",
        num(s.raw, 2),
        rules::ALPHA,
        num(s.tone, 3)
    ));
    o.push_str(&format!(
        "hostility {}  cooperation {}  (labels: hostile <= {}, tense <= {}, conciliatory >= {}, cooperative >= {})\n",
        num(s.hostility, 2).trim_start_matches('+'),
        num(s.cooperation, 2).trim_start_matches('+'),
        rules::HOSTILE_MAX,
        rules::TENSE_MAX,
        rules::CONCILIATORY_MIN,
        rules::COOPERATIVE_MIN
    ));
    o
}

/// Context roles as `relay, first-person`.
fn context_names(roles: &[ContextRole]) -> String {
    roles
        .iter()
        .map(|r| r.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_json(scorer: &Scorer, text: &str) -> String {
    let ex = scorer.explain(text);
    let s = &ex.score;
    let cats = scorer.categories();
    let units: Vec<serde_json::Value> = ex
        .units
        .iter()
        .map(|u| {
            let (role, extra) = match &u.role {
                Role::Hit(i) => {
                    let Some(h) = s.hits.get(*i) else {
                        return serde_json::json!({ "text": u.text, "span": [u.span.0, u.span.1], "role": "plain", "hit": null });
                    };
                    (
                        "entry",
                        serde_json::json!({
                            "term": scorer.term(s.lang, h),
                            "category": cats.get(h.category).name,
                            "base": h.base,
                            "weight": rounded(h.weight, 1000.0),
                            "rules": h.rules.names().collect::<Vec<_>>(),
                        }),
                    )
                }
                Role::Negator => ("negator", serde_json::Value::Null),
                Role::ClauseNegator => ("clause-negator", serde_json::Value::Null),
                Role::Reverser => ("reverser", serde_json::Value::Null),
                Role::Intensity(v) => ("intensity", serde_json::json!({ "scale": v })),
                Role::Contrast => ("contrast", serde_json::Value::Null),
                Role::Conditional => ("conditional", serde_json::Value::Null),
                Role::Skip => ("skip", serde_json::Value::Null),
                Role::Plain => ("plain", serde_json::Value::Null),
                Role::Name => ("name", serde_json::Value::Null),
            };
            let context: Vec<&str> = u.context.iter().map(|r| r.name()).collect();
            serde_json::json!({ "text": u.text, "span": [u.span.0, u.span.1], "role": role, "hit": extra, "context": context })
        })
        .collect();
    let v = serde_json::json!({
        "text": text,
        "lang": s.lang.code(),
        "lang_guess": ex.guess.map(|g| serde_json::json!({
            "votes": { "en": g.votes[0], "es": g.votes[1] },
            "lexicon_words": g.lexicon.map(|[en, es]| serde_json::json!({ "en": en, "es": es })),
        })),
        "tone": rounded(s.tone, 10000.0),
        "label": s.label.name(),
        "hostility": rounded(s.hostility, 1000.0),
        "cooperation": rounded(s.cooperation, 1000.0),
        "goldstein": rounded(s.goldstein, 100.0),
        "category": s.category.map(|c| cats.get(c).name.clone()),
        "units": units,
    });
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
    out.push('\n');
    out
}

/// `x` rounded to the precision `scale` (1000.0: three decimals), never -0.0: an empty float
/// sum is -0.0 in Rust, and JSON readers would print it as "-0".
fn rounded(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale + 0.0
}
