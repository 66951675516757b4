//! Evaluation against a hand-labelled gold standard: reading gold rows from CSV ([`Gold`]) and
//! measuring how detente's tone agrees with the human labels ([`evaluate`]), overall and per
//! language.
//!
//! A gold row has a statement and a human label on -2 (hostile) .. +2 (cooperative). The
//! measures, each in an [`Metrics`]:
//!
//! - **Spearman** and **Pearson** correlation of tone with the label ([`spearman`] gives tied
//!   values their average rank, which matters: the label has only five values).
//! - **Mean absolute error** between tone and the label rescaled to tone's range, `label / 2`.
//! - **Three-class accuracy** and the 3x3 [`Confusion`] matrix: the human class is the label's
//!   sign; detente's class is hostile for tone <= [`TENSE_MAX`], cooperative for
//!   tone >= [`CONCILIATORY_MIN`] and neutral in between (see [`Class`]): detente's own label
//!   thresholds, so `tense` counts as hostile and `conciliatory` as cooperative.
//! - **Label accuracy**: the share of rows whose five-class [`Label`] (hostile, tense,
//!   neutral, conciliatory, cooperative) is the human label (-2 .. +2).
//! - **Per-category precision** ([`CategoryPrecision`]): of all hits of a category (as reported
//!   after the rules, [`Hit::category`](crate::Hit::category)), the share that sit in a row whose
//!   human label is on that category's side (label < 0 for hostile categories, > 0 for
//!   cooperative ones; a neutral row counts against every hit in it).
//!
//! Nothing here prints or opens files: [`Gold::read`] takes any reader.
//!
//! [`TENSE_MAX`]: crate::score::rules::TENSE_MAX
//! [`CONCILIATORY_MIN`]: crate::score::rules::CONCILIATORY_MIN
//!
//! # Example
//!
//! ```
//! use detente::eval::{Gold, GoldColumns, Split, evaluate};
//! use detente::{Location, Scorer};
//!
//! # fn main() -> Result<(), detente::Error> {
//! let csv = "id,split,label,text\n\
//!            a,test,-2,\"If they cross the line, we will strike.\"\n\
//!            b,test,2,\"Thank you, President Petro, for a great call.\"\n\
//!            c,dev,0,The meeting starts at nine.\n";
//! let gold = Gold::read(csv.as_bytes(), &GoldColumns::default(), &Location::in_source("inline"))?;
//! let scorer = Scorer::new()?;
//! let eval = evaluate(&scorer, gold.select(&Split::Only("test".to_string())));
//! assert_eq!(eval.overall.rows, 2);
//! assert_eq!(eval.overall.accuracy, Some(1.0));
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, ErrorKind, Location, Result};
use crate::lexicon::{CategoryId, Side};
use crate::score::{Label, Score, Scorer};
use crate::table::{Role, lookup};
use crate::text::Lang;
use std::io::Read;

/// The lowest human label (hostile).
pub const LABEL_MIN: i8 = -2;

/// The highest human label (cooperative).
pub const LABEL_MAX: i8 = 2;

/// One hand-labelled statement.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldRow {
    /// The row's id (the id column's value, or the row number when there is none).
    pub id: String,
    /// The physical line the row starts on, for messages.
    pub line: u64,
    /// The statement.
    pub text: String,
    /// The human label, -2 (hostile) .. +2 (cooperative).
    pub label: i8,
    /// The language the row says it is in; `None` when the file has no language column or the
    /// cell is empty (the row then counts under the language detente scored it in).
    pub lang: Option<Lang>,
    /// The row's split (`test`, `dev` ...), or `None` when the file has no split column.
    pub split: Option<String>,
}

/// Which columns of a gold CSV hold what. Each is a header name (matched case-insensitively) or
/// a 1-based column number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldColumns {
    /// The statement (required); `None` tries the names `detente score` knows (text, quote,
    /// statement, content, body, texto).
    pub text: Option<String>,
    /// The human label (required).
    pub label: String,
    /// The language; `None` uses a column named `lang` if there is one.
    pub lang: Option<String>,
    /// The split; `None` uses a column named `split` if there is one.
    pub split: Option<String>,
    /// The row id; `None` uses a column named `id` if there is one.
    pub id: Option<String>,
}

impl Default for GoldColumns {
    fn default() -> GoldColumns {
        GoldColumns {
            text: None,
            label: "label".to_string(),
            lang: None,
            split: None,
            id: None,
        }
    }
}

/// Which rows to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Split {
    /// Every row.
    All,
    /// Rows whose split is this value (compared case-insensitively, ignoring spaces around it).
    Only(String),
}

impl Split {
    /// True when a row with split `value` belongs to this selection.
    pub fn admits(&self, value: Option<&str>) -> bool {
        match self {
            Split::All => true,
            Split::Only(want) => value.is_some_and(|v| v.trim().eq_ignore_ascii_case(want.trim())),
        }
    }
}

/// A gold file as read: its header and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// The header names.
    pub headers: Vec<String>,
    /// The file has a language column.
    pub has_lang: bool,
    /// The file has a split column.
    pub has_split: bool,
    /// The rows, in file order.
    pub rows: Vec<GoldRow>,
}

impl Gold {
    /// Reads a gold CSV with a header row. `source` names the input in errors. A label that is
    /// not an integer in -2..2, a language other than en or es, a row with the wrong number of
    /// fields or invalid UTF-8 is an error naming the line, row and column; a missing text or
    /// label column (or a lang, split or id column asked for by name) lists the columns there
    /// are.
    pub fn read<R: Read>(input: R, columns: &GoldColumns, source: &Location) -> Result<Gold> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(crate::table::LineEnds::new(input));
        let mut rec = csv::ByteRecord::new();
        if !crate::table::read_record(&mut rdr, &mut rec)
            .map_err(|e| crate::table::csv_error(e, source))?
        {
            return Err(Error::new(ErrorKind::EmptyInput, source.clone()));
        }
        let headers = crate::table::header_names(rec.iter(), source)?;
        let required = |role: &str, wanted: &str| {
            lookup(&headers, wanted).ok_or_else(|| missing(role, wanted, &headers, source))
        };
        let optional = |role: &str, wanted: &Option<String>| match wanted {
            Some(w) => required(role, w).map(Some),
            None => Ok(lookup(&headers, role)),
        };
        let label_col = required("label", &columns.label)?;
        let text_col = match &columns.text {
            Some(w) => required("text", w)?,
            None => Role::Text
                .aliases()
                .iter()
                .find_map(|a| lookup(&headers, a))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::MissingColumn {
                            role: "text".to_string(),
                            wanted: None,
                            available: headers.clone(),
                        },
                        source.clone(),
                    )
                })?,
        };
        let lang_col = optional("lang", &columns.lang)?;
        let split_col = optional("split", &columns.split)?;
        let id_col = optional("id", &columns.id)?;

        let width = headers.len();
        let mut rows = Vec::new();
        let mut row = 0u64;
        while crate::table::read_record(&mut rdr, &mut rec)
            .map_err(|e| crate::table::csv_error(e, source))?
        {
            row += 1;
            let line = rec.position().map_or(0, |p| p.line());
            let at = |column: Option<usize>| Location {
                line: Some(line),
                row: Some(row),
                column: column.map(|c| c + 1),
                column_name: column.and_then(|c| headers.get(c).cloned()),
                ..source.clone()
            };
            if rec.len() != width {
                return Err(Error::new(
                    ErrorKind::Csv {
                        detail: format!(
                            "expected {width} fields like the header, found {}",
                            rec.len()
                        ),
                    },
                    at(None),
                ));
            }
            let field = |c: usize| -> Result<&str> {
                let bytes = rec.get(c).unwrap_or_default();
                std::str::from_utf8(bytes).map_err(|e| {
                    Error::new(
                        ErrorKind::InvalidUtf8 {
                            valid_up_to: e.valid_up_to(),
                        },
                        at(Some(c)),
                    )
                })
            };
            let label_text = field(label_col)?;
            let label = parse_label(label_text).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidValue {
                        found: label_text.to_string(),
                        expected: format!(
                            "a label: an integer from {LABEL_MIN} (hostile) to {LABEL_MAX} (cooperative)"
                        ),
                    },
                    at(Some(label_col)),
                )
            })?;
            let lang = match lang_col {
                Some(c) => {
                    let v = field(c)?.trim();
                    if v.is_empty() {
                        None
                    } else {
                        Some(v.parse::<Lang>().map_err(|_| {
                            Error::new(
                                ErrorKind::InvalidValue {
                                    found: v.to_string(),
                                    expected: "a language detente has lexicons for: en or es"
                                        .to_string(),
                                },
                                at(Some(c)),
                            )
                        })?)
                    }
                }
                None => None,
            };
            let split = match split_col {
                Some(c) => Some(field(c)?.trim().to_string()),
                None => None,
            };
            let id = match id_col {
                Some(c) => field(c)?.to_string(),
                None => row.to_string(),
            };
            rows.push(GoldRow {
                id,
                line,
                text: field(text_col)?.to_string(),
                label,
                lang,
                split,
            });
        }
        Ok(Gold {
            headers,
            has_lang: lang_col.is_some(),
            has_split: split_col.is_some(),
            rows,
        })
    }

    /// The distinct split values, in order of first appearance.
    pub fn splits(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for r in &self.rows {
            if let Some(s) = &r.split
                && !seen.iter().any(|x| x.eq_ignore_ascii_case(s))
            {
                seen.push(s.clone());
            }
        }
        seen
    }

    /// The rows in `split`.
    pub fn select<'a>(&'a self, split: &'a Split) -> impl Iterator<Item = &'a GoldRow> + 'a {
        self.rows
            .iter()
            .filter(move |r| split.admits(r.split.as_deref()))
    }
}

/// Parses a label cell: an integer in [`LABEL_MIN`]..=[`LABEL_MAX`], spaces around it and a
/// leading `+` allowed.
fn parse_label(s: &str) -> Option<i8> {
    s.trim()
        .parse::<i8>()
        .ok()
        .filter(|l| (LABEL_MIN..=LABEL_MAX).contains(l))
}

fn missing(role: &str, wanted: &str, headers: &[String], source: &Location) -> Error {
    Error::new(
        ErrorKind::MissingColumn {
            role: role.to_string(),
            wanted: Some(wanted.to_string()),
            available: headers.to_vec(),
        },
        source.clone(),
    )
}

/// The three classes accuracy is measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// Human label < 0; tone <= [`TENSE_MAX`](crate::score::rules::TENSE_MAX) (detente's
    /// `hostile` and `tense`).
    Hostile,
    /// Human label 0; tone strictly between the two thresholds (detente's `neutral`).
    Neutral,
    /// Human label > 0; tone >= [`CONCILIATORY_MIN`](crate::score::rules::CONCILIATORY_MIN)
    /// (`conciliatory` and `cooperative`).
    Cooperative,
}

impl Class {
    /// The classes from hostile to cooperative.
    pub const ALL: [Class; 3] = [Class::Hostile, Class::Neutral, Class::Cooperative];

    /// The class of a human label.
    pub fn of_label(label: i8) -> Class {
        match label.signum() {
            -1 => Class::Hostile,
            0 => Class::Neutral,
            _ => Class::Cooperative,
        }
    }

    /// The class of a tone, by detente's own label thresholds.
    pub fn of_tone(tone: f64) -> Class {
        match Label::from_tone(tone) {
            Label::Hostile | Label::Tense => Class::Hostile,
            Label::Neutral => Class::Neutral,
            Label::Conciliatory | Label::Cooperative => Class::Cooperative,
        }
    }

    /// The lower-case name used in output.
    pub fn name(self) -> &'static str {
        match self {
            Class::Hostile => "hostile",
            Class::Neutral => "neutral",
            Class::Cooperative => "cooperative",
        }
    }

    /// The position in [`Class::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Counts of (human class, detente class) pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// `counts[human][detente]`, both indexed by [`Class::index`].
    pub counts: [[u64; 3]; 3],
}

impl Confusion {
    /// Rows with human class `human` that detente put in `detente`.
    pub fn get(&self, human: Class, detente: Class) -> u64 {
        self.counts[human.index()][detente.index()]
    }

    fn add(&mut self, human: Class, detente: Class) {
        self.counts[human.index()][detente.index()] += 1;
    }

    /// Rows where both agree.
    pub fn correct(&self) -> u64 {
        Class::ALL.iter().map(|&c| self.get(c, c)).sum()
    }

    /// All rows counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }
}

/// How often one category's hits sit in rows the human put on that category's side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryPrecision {
    /// The category.
    pub category: CategoryId,
    /// Its name.
    pub name: String,
    /// Its side.
    pub side: Side,
    /// Hits of the category (after the rules) in the rows evaluated.
    pub hits: u64,
    /// Of those, hits in a row whose human label is on the category's side.
    pub right: u64,
}

impl CategoryPrecision {
    /// `right / hits`, or `None` when the category never hit.
    pub fn precision(&self) -> Option<f64> {
        (self.hits > 0).then(|| self.right as f64 / self.hits as f64)
    }
}

/// The measures for one group of rows. A measure that is undefined for the group (no rows, or
/// a correlation where tone or label does not vary) is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Rows in the group.
    pub rows: usize,
    /// Spearman rank correlation of tone with the label (ties get average ranks).
    pub spearman: Option<f64>,
    /// Pearson correlation of tone with the label.
    pub pearson: Option<f64>,
    /// Mean of `|tone - label / 2|`.
    pub mae: Option<f64>,
    /// Share of rows whose [`Class`] detente got right.
    pub accuracy: Option<f64>,
    /// Share of rows whose five-class [`Label`] is the human label ([`label_value`]).
    pub label_accuracy: Option<f64>,
    /// 95% interval of `spearman` (see [`INTERVAL_DRAWS`]).
    pub spearman_ci: Option<Range95>,
    /// 95% interval of `accuracy`.
    pub accuracy_ci: Option<Range95>,
    /// Human class against detente's class.
    pub confusion: Confusion,
    /// One entry per category, sorted by name, including categories that never hit.
    pub categories: Vec<CategoryPrecision>,
    /// Rows whose language column names another language than the one detente scored them in
    /// (with `--lang auto`, a wrong guess).
    pub lang_mismatches: usize,
}

/// One evaluated row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowResult {
    /// The gold row's id.
    pub id: String,
    /// The line the row starts on.
    pub line: u64,
    /// The statement.
    pub text: String,
    /// The human label.
    pub label: i8,
    /// The language group the row counts in: its language column, or else the language it was
    /// scored in.
    pub lang: Lang,
    /// detente's score.
    pub score: Score,
    /// `|tone - label / 2|`.
    pub error: f64,
}

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// All rows.
    pub overall: Metrics,
    /// Per language, in [`Lang::ALL`] order (a language with no rows has `rows == 0`).
    pub by_lang: Vec<(Lang, Metrics)>,
    /// Every row, in input order.
    pub rows: Vec<RowResult>,
}

impl Evaluation {
    /// The `n` rows with the largest error, largest first; equal errors keep input order.
    pub fn worst(&self, n: usize) -> Vec<&RowResult> {
        let mut all: Vec<&RowResult> = self.rows.iter().collect();
        all.sort_by(|a, b| b.error.total_cmp(&a.error));
        all.truncate(n);
        all
    }
}

/// Scores every row with `scorer` and measures the agreement, overall and per language.
pub fn evaluate<'a>(scorer: &Scorer, rows: impl IntoIterator<Item = &'a GoldRow>) -> Evaluation {
    let results: Vec<RowResult> = rows
        .into_iter()
        .map(|r| {
            let score = scorer.score(&r.text);
            RowResult {
                id: r.id.clone(),
                line: r.line,
                text: r.text.clone(),
                label: r.label,
                lang: r.lang.unwrap_or(score.lang),
                error: (score.tone - f64::from(r.label) / 2.0).abs(),
                score,
            }
        })
        .collect();
    let all: Vec<&RowResult> = results.iter().collect();
    let overall = metrics(scorer, &all);
    let by_lang = Lang::ALL
        .into_iter()
        .map(|lang| {
            let group: Vec<&RowResult> = results.iter().filter(|r| r.lang == lang).collect();
            (lang, metrics(scorer, &group))
        })
        .collect();
    Evaluation {
        overall,
        by_lang,
        rows: results,
    }
}

fn metrics(scorer: &Scorer, rows: &[&RowResult]) -> Metrics {
    let tones: Vec<f64> = rows.iter().map(|r| r.score.tone).collect();
    let labels: Vec<f64> = rows.iter().map(|r| f64::from(r.label)).collect();
    let n = rows.len();
    let mut confusion = Confusion::default();
    for r in rows {
        confusion.add(Class::of_label(r.label), Class::of_tone(r.score.tone));
    }
    let cats = scorer.categories();
    let mut categories: Vec<CategoryPrecision> = cats
        .iter()
        .map(|(id, c)| CategoryPrecision {
            category: id,
            name: c.name.clone(),
            side: c.side,
            hits: 0,
            right: 0,
        })
        .collect();
    for r in rows {
        for h in &r.score.hits {
            if let Some(slot) = categories.get_mut(usize::from(h.category.0)) {
                slot.hits += 1;
                let on_side = match slot.side {
                    Side::Hostile => r.label < 0,
                    Side::Cooperative => r.label > 0,
                };
                if on_side {
                    slot.right += 1;
                }
            }
        }
    }
    categories.sort_by(|a, b| a.name.cmp(&b.name));
    let (spearman_ci, accuracy_ci) = intervals(&tones, &labels);
    Metrics {
        rows: n,
        spearman_ci,
        accuracy_ci,
        spearman: spearman(&tones, &labels),
        pearson: pearson(&tones, &labels),
        mae: (n > 0).then(|| rows.iter().map(|r| r.error).sum::<f64>() / n as f64),
        accuracy: (n > 0).then(|| confusion.correct() as f64 / n as f64),
        label_accuracy: (n > 0).then(|| {
            let right = rows
                .iter()
                .filter(|r| label_value(r.score.label) == r.label)
                .count();
            right as f64 / n as f64
        }),
        confusion,
        categories,
        lang_mismatches: rows.iter().filter(|r| r.lang != r.score.lang).count(),
    }
}

/// The human label (-2 .. +2) a five-class [`Label`] stands for: hostile -2, tense -1,
/// neutral 0, conciliatory +1, cooperative +2.
pub fn label_value(label: Label) -> i8 {
    match label {
        Label::Hostile => -2,
        Label::Tense => -1,
        Label::Neutral => 0,
        Label::Conciliatory => 1,
        Label::Cooperative => 2,
    }
}

/// A 95% interval: (low, high).
pub type Range95 = (f64, f64);

/// Bootstrap resamples behind [`Metrics::spearman_ci`] and [`Metrics::accuracy_ci`]: rows drawn
/// with replacement from a fixed seed, so the intervals are the same on every run.
pub const INTERVAL_DRAWS: usize = 1000;

/// 95% percentile-bootstrap intervals of Spearman and three-class accuracy over the rows
/// (`tones[i]` against `labels[i]`). None with fewer than 10 rows, or when a measure is
/// undefined in most resamples.
fn intervals(tones: &[f64], labels: &[f64]) -> (Option<Range95>, Option<Range95>) {
    let n = tones.len();
    if n < 10 || labels.len() != n {
        return (None, None);
    }
    let mut rng = crate::analysis::stats::SplitMix64::new(crate::analysis::stats::seed_for(
        "detente eval intervals",
    ));
    let (mut rhos, mut accs) = (Vec::with_capacity(INTERVAL_DRAWS), Vec::new());
    let (mut t, mut l) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..INTERVAL_DRAWS {
        let mut right = 0usize;
        for k in 0..n {
            let i = rng.below(n as u64) as usize;
            let (tone, label) = (tones.get(i).copied(), labels.get(i).copied());
            let (Some(tone), Some(label)) = (tone, label) else {
                continue;
            };
            t[k] = tone;
            l[k] = label;
            right += usize::from(Class::of_tone(tone) == Class::of_label(label as i8));
        }
        if let Some(rho) = spearman(&t, &l) {
            rhos.push(rho);
        }
        accs.push(right as f64 / n as f64);
    }
    (percentiles(rhos), percentiles(accs))
}

/// The 2.5th and 97.5th percentiles of `values`, when there are enough of them (at least 90%
/// of [`INTERVAL_DRAWS`]).
fn percentiles(mut values: Vec<f64>) -> Option<Range95> {
    if values.len() * 10 < INTERVAL_DRAWS * 9 {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        values
            .get(((values.len() - 1) as f64 * q).round() as usize)
            .copied()
    };
    Some((at(0.025)?, at(0.975)?))
}

/// Pearson's correlation coefficient of `x` and `y`. `None` when they differ in length, have
/// fewer than two values, or either does not vary.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        let (dx, dy) = (a - mx, b - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if sxx <= 0.0 || syy <= 0.0 {
        return None;
    }
    // Rounding can take a perfect correlation a hair past 1.
    Some((sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's rank correlation: Pearson's correlation of the [`average_ranks`] of `x` and `y`,
/// so ties are handled correctly. `None` in the same cases as [`pearson`].
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() {
        return None;
    }
    pearson(&average_ranks(x), &average_ranks(y))
}

/// 1-based ranks of `values`, tied values sharing the mean of the ranks they span:
/// `[10, 20, 20, 30]` ranks as `[1, 2.5, 2.5, 4]`.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end (0-based) hold equal values: ranks start+1 ..= end.
        let rank = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = rank;
        }
        start = end;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::rules;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn perfect_and_inverse() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let up = [2.0, 4.0, 6.0, 8.0, 10.0];
        let down = [5.0, 4.0, 3.0, 2.0, 1.0];
        assert!(close(pearson(&x, &up), 1.0));
        assert!(close(pearson(&x, &down), -1.0));
        assert!(close(spearman(&x, &up), 1.0));
        assert!(close(spearman(&x, &down), -1.0));
        // Monotone but not linear: Spearman is exactly 1, Pearson is not.
        let cubes = [1.0, 8.0, 27.0, 64.0, 125.0];
        assert!(close(spearman(&x, &cubes), 1.0));
        assert!(pearson(&x, &cubes).is_some_and(|r| r < 1.0 && r > 0.9));
    }

    #[test]
    fn known_pearson_value() {
        // x = 1..5, y = 2,4,5,4,5: mean x 3, mean y 4; sxy = 6, sxx = 10, syy = 6.
        // r = 6 / sqrt(60) = 0.7745966692...
        let r = pearson(&[1.0, 2.0, 3.0, 4.0, 5.0], &[2.0, 4.0, 5.0, 4.0, 5.0]);
        assert!(close(r, 6.0 / 60f64.sqrt()), "{r:?}");
        assert!(close(r, 0.774_596_669_241_483_4));
    }

    #[test]
    fn ties_get_average_ranks() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 20.0, 30.0]),
            [1.0, 2.5, 2.5, 4.0]
        );
        assert_eq!(average_ranks(&[3.0, 1.0, 3.0, 3.0]), [3.0, 1.0, 3.0, 3.0]);
        assert_eq!(average_ranks(&[]), Vec::<f64>::new());
    }

    #[test]
    fn spearman_with_ties() {
        // x = 1,2,3,4 ranks 1,2,3,4; y = 1,2,2,3 ranks 1, 2.5, 2.5, 4.
        // Rank deviations: x -1.5,-0.5,0.5,1.5 ; y -1.5,0,0,1.5.
        // sxy = 2.25 + 2.25 = 4.5; sxx = 5; syy = 4.5; rho = 4.5 / sqrt(22.5) = 0.9486832980...
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 2.0, 3.0]);
        assert!(close(rho, 4.5 / 22.5f64.sqrt()), "{rho:?}");
        // The textbook formula 1 - 6 sum d^2 / (n (n^2 - 1)) ignores ties and would give 0.95:
        // average ranks must be used.
        assert!(rho.is_some_and(|r| (r - 0.95).abs() > 1e-3));
    }

    #[test]
    fn undefined_cases() {
        assert_eq!(pearson(&[1.0], &[1.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[3.0, 3.0]), None);
        assert_eq!(pearson(&[1.0, 2.0], &[1.0]), None);
        assert_eq!(spearman(&[], &[]), None);
    }

    #[test]
    fn classes_follow_label_thresholds() {
        assert_eq!(Class::of_tone(rules::TENSE_MAX), Class::Hostile);
        assert_eq!(Class::of_tone(rules::TENSE_MAX + 1e-9), Class::Neutral);
        assert_eq!(Class::of_tone(0.0), Class::Neutral);
        assert_eq!(
            Class::of_tone(rules::CONCILIATORY_MIN - 1e-9),
            Class::Neutral
        );
        assert_eq!(Class::of_tone(rules::CONCILIATORY_MIN), Class::Cooperative);
        assert_eq!(Class::of_label(-1), Class::Hostile);
        assert_eq!(Class::of_label(0), Class::Neutral);
        assert_eq!(Class::of_label(2), Class::Cooperative);
    }

    #[test]
    fn labels_parse_strictly() {
        assert_eq!(parse_label(" +1 "), Some(1));
        assert_eq!(parse_label("-2"), Some(-2));
        for bad in ["3", "-3", "1.0", "", "hostile", "1e0"] {
            assert_eq!(parse_label(bad), None, "{bad}");
        }
    }

    #[test]
    fn read_reports_line_row_and_column() {
        let csv = "id,label,text\na,1,ok\nb,\"two\",\"multi\nline\"\n";
        let e = Gold::read(
            csv.as_bytes(),
            &GoldColumns::default(),
            &Location::in_source("g.csv"),
        )
        .expect_err("bad label");
        assert_eq!(e.location().line, Some(3));
        assert_eq!(e.location().row, Some(2));
        assert_eq!(e.location().column, Some(2));
        let msg = e.to_string();
        assert!(
            msg.starts_with("g.csv:3 (row 2, column 2 (label))"),
            "{msg}"
        );
    }

    #[test]
    fn read_finds_text_by_alias() {
        let gold = Gold::read(
            "Quote,label\nWe agree.,2\n".as_bytes(),
            &GoldColumns::default(),
            &Location::default(),
        )
        .expect("reads");
        assert_eq!(
            gold.rows.first().map(|r| r.text.as_str()),
            Some("We agree.")
        );
    }

    #[test]
    fn read_lists_columns_when_label_missing() {
        let e = Gold::read(
            "id,text,score\n".as_bytes(),
            &GoldColumns::default(),
            &Location::in_source("g.csv"),
        )
        .expect_err("no label");
        let msg = e.to_string();
        assert!(msg.contains("\"id\", \"text\", \"score\""), "{msg}");
        assert!(msg.contains("--label-col"), "{msg}");
    }

    #[test]
    fn split_selection_and_optional_columns() {
        let csv = "Text,Label,Split\nx,0,test\ny,1,DEV\nz,-1,Test\n";
        let gold = Gold::read(
            csv.as_bytes(),
            &GoldColumns::default(),
            &Location::default(),
        )
        .expect("reads");
        assert!(gold.has_split && !gold.has_lang);
        assert_eq!(gold.splits(), ["test", "DEV"]);
        let test = Split::Only("test".to_string());
        let ids: Vec<&str> = gold.select(&test).map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
        assert_eq!(gold.select(&Split::All).count(), 3);
    }
}
