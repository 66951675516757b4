//! `detente eval`: measure detente against a hand-labelled gold CSV and report the agreement.
//!
//! Usage: detente eval GOLD.csv [--label-col label] [--text-col text] [--lang-col lang]
//!        [--split-col split] [--split test|dev|all] [--errors N] [--format text|json]
//!
//! Text output: metrics overall and per language, the confusion matrices, per-category
//! precision, and with `--errors N` the N rows detente gets most wrong. JSON carries the same
//! numbers for programs. The measures are defined in the library's `eval` module.

use super::io::{location, open_input_in};
use super::{EXIT_OK, LexiconArgs};
use clap::{Args, ValueEnum};
use detente::eval::{Class, Evaluation, Gold, GoldColumns, Metrics, RowResult, Split, evaluate};
use detente::score::rules;
use detente::table::fixed;
use detente::{Error, ErrorKind, LangMode, Location, Scorer};
use serde_json::{Value, json};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

/// Arguments of `detente eval`.
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  detente eval tests/data/gold/gold.csv\n  \
detente eval tests/data/gold/gold.csv --split dev --errors 20\n  \
detente eval my-labels.csv --label-col human --text-col quote --split all --format json\n\n\
Labels are integers from -2 (hostile) to 2 (cooperative). Tune lexicons on the dev split only; \
the test split is for measuring.")]
pub struct EvalArgs {
    /// The gold CSV (header row; one labelled statement per row); `-` reads stdin.
    #[arg(value_name = "GOLD.csv")]
    gold: String,

    /// The gold file's character encoding, when it is not UTF-8 (windows-1252, latin1,
    /// utf-16, or any WHATWG label).
    #[arg(long, value_name = "LABEL", value_parser = super::io::parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,

    /// Column with the human label, an integer from -2 (hostile) to 2 (cooperative). A name or
    /// a 1-based number.
    #[arg(long, default_value = "label", value_name = "NAME")]
    label_col: String,

    /// Column with the statement (default: the first of text, quote, statement, content, body,
    /// texto).
    #[arg(long, value_name = "NAME")]
    text_col: Option<String>,

    /// Column with each row's language, en or es (default: `lang` if the file has it).
    /// Per-language results group rows by it; rows without one count under the language
    /// detente scored them in.
    #[arg(long, value_name = "NAME")]
    lang_col: Option<String>,

    /// Column with each row's split (default: `split` if the file has it).
    #[arg(long, value_name = "NAME")]
    split_col: Option<String>,

    /// Column with the row id shown with --errors (default: `id` if the file has it, else the
    /// row number).
    #[arg(long, value_name = "NAME")]
    id_col: Option<String>,

    /// Which rows to evaluate: a value of the split column (test, dev, holdout, ...) or
    /// `all`. Default: test when the file has a split column, otherwise all rows.
    #[arg(long, value_name = "SPLIT")]
    split: Option<String>,

    /// Also list the N rows with the largest error |tone - label/2|, with their hits.
    #[arg(long, default_value_t = 0, value_name = "N")]
    errors: usize,

    /// Output: readable tables, or JSON for programs.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,

    #[command(flatten)]
    lexicon: LexiconArgs,
}

/// Everything a renderer needs.
struct Report<'a> {
    input: &'a str,
    split: String,
    scorer: &'a Scorer,
    eval: Evaluation,
    errors: usize,
}

/// Runs `detente eval`.
pub fn run(args: &EvalArgs) -> Result<u8, Error> {
    let scorer = args.lexicon.scorer()?;
    let source = location(&args.gold);
    let columns = GoldColumns {
        text: args.text_col.clone(),
        label: args.label_col.clone(),
        lang: args.lang_col.clone(),
        split: args.split_col.clone(),
        id: args.id_col.clone(),
    };
    let gold = Gold::read(open_input_in(&args.gold, args.encoding)?, &columns, &source)?;
    let wanted = args.split.as_deref().map(str::trim);
    let (split, name) = match (wanted, gold.has_split) {
        (Some(all), _) if all.eq_ignore_ascii_case("all") => (Split::All, "all"),
        (None, false) => (Split::All, "all"),
        (None, true) => (Split::Only("test".to_string()), "test"),
        (Some(name), true) => (Split::Only(name.to_string()), name),
        (Some(_), false) => {
            return Err(Error::new(
                ErrorKind::MissingColumn {
                    role: "split".to_string(),
                    wanted: Some(args.split_col.clone().unwrap_or("split".to_string())),
                    available: gold.headers.clone(),
                },
                source,
            ));
        }
    };
    let eval = evaluate(&scorer, gold.select(&split));
    if eval.rows.is_empty() {
        return Err(Error::new(
            ErrorKind::NoRows {
                split: name.to_string(),
                available: gold.splits(),
            },
            source,
        ));
    }
    let report = Report {
        input: &args.gold,
        split: name.to_string(),
        scorer: &scorer,
        eval,
        errors: args.errors,
    };
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    match args.format {
        EvalFormat::Text => render_text(&mut out, &report),
        EvalFormat::Json => render_json(&mut out, &report),
    }
    .and_then(|()| out.flush())
    .map_err(|e| Error::io(&e, Location::in_source("<stdout>")))?;
    Ok(EXIT_OK)
}

/// A number with `d` decimals, `-` when undefined.
fn opt(x: Option<f64>, d: usize) -> String {
    match x {
        Some(x) => {
            let mut s = String::new();
            fixed(&mut s, x, d);
            s
        }
        None => "-".to_string(),
    }
}

/// A signed number with `d` decimals (`+0.431`, `-0.200`, `0.000`).
fn signed(x: f64, d: usize) -> String {
    let mut s = String::new();
    fixed(&mut s, x, d);
    if x > 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        s.insert(0, '+');
    }
    s
}

/// The groups shown: overall, then each language that has rows.
fn groups(eval: &Evaluation) -> Vec<(&str, &Metrics)> {
    let mut g = vec![("overall", &eval.overall)];
    for (lang, m) in &eval.by_lang {
        if m.rows > 0 {
            g.push((lang.code(), m));
        }
    }
    g
}

fn lang_mode(scorer: &Scorer) -> String {
    match scorer.mode() {
        LangMode::Fixed(l) => l.code().to_string(),
        LangMode::Auto(_) => "auto".to_string(),
    }
}

fn hits_text(scorer: &Scorer, r: &RowResult) -> String {
    let cats = scorer.categories();
    r.score
        .hits
        .iter()
        .map(|h| {
            let mut s = format!(
                "{}:{}:",
                scorer.term(r.score.lang, h),
                cats.get(h.category).name
            );
            fixed(&mut s, h.weight, 2);
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Longest statement shown in the error list, in characters.
const TEXT_SHOWN: usize = 90;

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        format!(
            "{}…",
            text.chars().take(max.saturating_sub(1)).collect::<String>()
        )
    } else {
        text.to_string()
    }
}

/// The readable report.
/// An interval as "0.685-0.834", or "-".
fn interval(ci: Option<(f64, f64)>) -> String {
    ci.map_or_else(
        || "-".to_string(),
        |(lo, hi)| format!("{}-{}", opt(Some(lo), 3), opt(Some(hi), 3)),
    )
}

fn render_text(w: &mut impl Write, r: &Report) -> std::io::Result<()> {
    let groups = groups(&r.eval);
    let counts = groups
        .iter()
        .skip(1)
        .map(|(name, m)| format!("{name} {}", m.rows))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        w,
        "detente eval {}: split {}, {} rows ({counts}); language {}; lexicon checksum {:016x}",
        r.input,
        r.split,
        r.eval.overall.rows,
        lang_mode(r.scorer),
        r.scorer.checksum()
    )?;
    writeln!(w)?;
    writeln!(
        w,
        "{:<8} {:>5} {:>9} {:>8} {:>6} {:>9}  {:>13} {:>13} {:>7}",
        "group",
        "rows",
        "spearman",
        "pearson",
        "mae",
        "accuracy",
        "spearman 95%",
        "accuracy 95%",
        "labels"
    )?;
    for (name, m) in &groups {
        writeln!(
            w,
            "{:<8} {:>5} {:>9} {:>8} {:>6} {:>9}  {:>13} {:>13} {:>7}",
            name,
            m.rows,
            opt(m.spearman, 3),
            opt(m.pearson, 3),
            opt(m.mae, 3),
            opt(m.accuracy, 3),
            interval(m.spearman_ci),
            interval(m.accuracy_ci),
            opt(m.label_accuracy, 3)
        )?;
    }
    writeln!(
        w,
        "spearman, pearson: tone vs label; mae: mean |tone - label/2|; accuracy: 3 classes, \
tone <= {} hostile, >= {} cooperative, neutral between; 95%: bootstrap over rows ({} draws, \
fixed seed); labels: share of rows whose label (hostile, tense, neutral, conciliatory, \
cooperative) is the human one (-2 .. +2)",
        rules::TENSE_MAX,
        rules::CONCILIATORY_MIN,
        detente::eval::INTERVAL_DRAWS
    )?;
    for (name, m) in &groups {
        if m.lang_mismatches > 0 {
            writeln!(
                w,
                "note: {}: {} rows were scored as another language than their lang column says (--lang forces one)",
                name, m.lang_mismatches
            )?;
        }
    }

    writeln!(w)?;
    writeln!(
        w,
        "confusion: rows are the human class, columns detente's (hos = hostile, neu = neutral, coo = cooperative)"
    )?;
    let mut line = format!("{:<12}", "");
    for (name, _) in &groups {
        let _ = write!(line, "  {name:<14}");
    }
    writeln!(w, "{}", line.trim_end())?;
    line = format!("{:<12}", "human");
    for _ in &groups {
        let _ = write!(line, "  {:>4} {:>4} {:>4}", "hos", "neu", "coo");
    }
    writeln!(w, "{line}")?;
    for human in Class::ALL {
        line = format!("{:<12}", human.name());
        for (_, m) in &groups {
            line.push(' ');
            for detente in Class::ALL {
                let _ = write!(line, " {:>4}", m.confusion.get(human, detente));
            }
        }
        writeln!(w, "{line}")?;
    }

    writeln!(w)?;
    writeln!(
        w,
        "category precision: of each category's hits (after the rules), the share in rows the human labelled on its side"
    )?;
    line = format!("{:<25}", "");
    for (name, _) in &groups {
        let _ = write!(line, "  {name:<15}");
    }
    writeln!(w, "{}", line.trim_end())?;
    line = format!("{:<13} {:<11}", "category", "side");
    for _ in &groups {
        let _ = write!(line, "  {:>5} {:>9}", "hits", "precision");
    }
    writeln!(w, "{line}")?;
    for (i, c) in r.eval.overall.categories.iter().enumerate() {
        line = format!("{:<13} {:<11}", c.name, c.side.name());
        for (_, m) in &groups {
            let _ = match m.categories.get(i) {
                Some(g) => write!(line, "  {:>5} {:>9}", g.hits, opt(g.precision(), 3)),
                None => write!(line, "  {:>5} {:>9}", "-", "-"),
            };
        }
        writeln!(w, "{line}")?;
    }

    if r.errors > 0 {
        writeln!(w)?;
        writeln!(
            w,
            "largest errors |tone - label/2| (top {} of {} rows)",
            r.errors.min(r.eval.rows.len()),
            r.eval.rows.len()
        )?;
        for row in r.eval.worst(r.errors) {
            writeln!(
                w,
                "{}  label {:>2}  tone {:>6}  error {}  {}",
                row.id,
                row.label,
                signed(row.score.tone, 3),
                opt(Some(row.error), 3),
                truncate(&row.text, TEXT_SHOWN)
            )?;
            let hits = hits_text(r.scorer, row);
            writeln!(
                w,
                "    hits: {}",
                if hits.is_empty() { "none" } else { &hits }
            )?;
        }
    }
    Ok(())
}

/// Rounds for JSON: six decimals are far below any difference that matters here.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

fn metrics_json(m: &Metrics) -> Value {
    let categories: Vec<Value> = m
        .categories
        .iter()
        .map(|c| {
            json!({
                "category": c.name,
                "side": c.side.name(),
                "hits": c.hits,
                "right": c.right,
                "precision": c.precision().map(round),
            })
        })
        .collect();
    json!({
        "rows": m.rows,
        "spearman": m.spearman.map(round),
        "pearson": m.pearson.map(round),
        "mae": m.mae.map(round),
        "accuracy": m.accuracy.map(round),
        "label_accuracy": m.label_accuracy.map(round),
        "spearman_ci": m.spearman_ci.map(|(lo, hi)| [round(lo), round(hi)]),
        "accuracy_ci": m.accuracy_ci.map(|(lo, hi)| [round(lo), round(hi)]),
        "lang_mismatches": m.lang_mismatches,
        "confusion": {
            "classes": Class::ALL.map(Class::name),
            "rows": "human",
            "columns": "detente",
            "counts": m.confusion.counts,
        },
        "categories": categories,
    })
}

/// The JSON report.
fn render_json(w: &mut impl Write, r: &Report) -> std::io::Result<()> {
    let cats = r.scorer.categories();
    let by_lang: serde_json::Map<String, Value> = r
        .eval
        .by_lang
        .iter()
        .map(|(lang, m)| (lang.code().to_string(), metrics_json(m)))
        .collect();
    let errors: Vec<Value> = r
        .eval
        .worst(r.errors)
        .into_iter()
        .map(|row| {
            let hits: Vec<Value> = row
                .score
                .hits
                .iter()
                .map(|h| {
                    json!({
                        "term": r.scorer.term(row.score.lang, h),
                        "category": cats.get(h.category).name,
                        "weight": round(h.weight),
                    })
                })
                .collect();
            json!({
                "id": row.id,
                "line": row.line,
                "lang": row.lang.code(),
                "label": row.label,
                "tone": round(row.score.tone),
                "error": round(row.error),
                "text": row.text,
                "hits": hits,
            })
        })
        .collect();
    let v = json!({
        "input": r.input,
        "split": r.split,
        "lang_mode": lang_mode(r.scorer),
        "detente_version": env!("CARGO_PKG_VERSION"),
        "lexicon_checksum": format!("{:016x}", r.scorer.checksum()),
        "thresholds": {
            "hostile_max": rules::TENSE_MAX,
            "cooperative_min": rules::CONCILIATORY_MIN,
        },
        "overall": metrics_json(&r.eval.overall),
        "by_lang": by_lang,
        "errors": errors,
    });
    serde_json::to_writer_pretty(&mut *w, &v)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_and_truncated() {
        assert_eq!(signed(0.4312, 3), "+0.431");
        assert_eq!(signed(-0.2, 3), "-0.200");
        assert_eq!(signed(0.0, 3), "0.000");
        assert_eq!(signed(0.0001, 3), "0.000");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }

    #[test]
    fn text_report_renders_into_a_buffer() -> Result<(), Error> {
        let scorer = Scorer::new()?;
        let csv = "id,label,text\na,-2,We will bomb them.\nb,2,Thank you for a great agreement.\n";
        let gold = Gold::read(
            csv.as_bytes(),
            &GoldColumns::default(),
            &Location::default(),
        )?;
        let report = Report {
            input: "inline.csv",
            split: "all".to_string(),
            scorer: &scorer,
            eval: evaluate(&scorer, gold.select(&Split::All)),
            errors: 1,
        };
        let mut buf = Vec::new();
        render_text(&mut buf, &report).map_err(|e| Error::io(&e, Location::default()))?;
        let text = String::from_utf8_lossy(&buf);
        assert!(text.contains("split all, 2 rows (en 2)"), "{text}");
        assert!(
            text.contains("largest errors |tone - label/2| (top 1 of 2 rows)"),
            "{text}"
        );
        Ok(())
    }
}
