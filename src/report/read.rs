//! Reading a quotes table into report aggregates: raw quotes are scored; the output of
//! `detente score` (it has `tone` and `hits` columns) is read as it is, not rescored.

use super::{Report, ReportOptions};
use crate::analysis::{Accumulator, RowObs, RowText};
use crate::error::quoted;
use crate::error::{ErrorKind, Result};
use crate::lexicon::Categories;
use crate::score::batch::Pool;
use crate::score::{Label, Scorer};
use crate::table::{Reject, RowError, Source, StreamOptions};
use std::io::Read;

thread_local! {
    /// The last score a worker thread computed, reused for the next row (see
    /// [`Scorer::score_reusing`]).
    static LAST_SCORE: std::cell::RefCell<crate::score::Score> =
        std::cell::RefCell::new(crate::score::Score::default());
}

/// Where the score columns of a pre-scored table are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreColumns {
    /// The `tone` column.
    pub tone: usize,
    /// The `hits` column.
    pub hits: usize,
}

/// Finds `tone` and `hits` columns (case-insensitive): the table is `detente score` output.
pub fn score_columns(headers: &[String]) -> Option<ScoreColumns> {
    let find = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    Some(ScoreColumns {
        tone: find("tone")?,
        hits: find("hits")?,
    })
}

/// Parses a `hits` field (`term:category:weight;...`) into (category id, |weight|) pairs.
pub fn parse_hits(
    field: &str,
    categories: &Categories,
) -> std::result::Result<Vec<(u8, f64)>, String> {
    let mut out = Vec::new();
    for hit in field.split(';').filter(|h| !h.trim().is_empty()) {
        let mut parts = hit.rsplitn(3, ':');
        let (Some(w), Some(cat), Some(_term)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("hit {} is not term:category:weight", quoted(hit)));
        };
        let weight: f64 = w
            .trim()
            .parse()
            .map_err(|_| format!("hit {} has a weight that is not a number", quoted(hit)))?;
        let id = categories
            .find(cat.trim())
            .ok_or_else(|| format!("hit {} has an unknown category", quoted(hit)))?;
        out.push((id.0, weight.abs()));
    }
    Ok(out)
}

fn bad(detail: String, col: usize) -> RowError {
    (ErrorKind::BadValue { detail }, Some(col))
}

/// Reads `input`, scoring rows unless they already carry scores, and builds the report.
/// Rejected rows go to `on_reject` (with [`crate::table::OnError::Skip`]).
pub fn report_from_reader<R: Read>(
    input: R,
    scorer: &Scorer,
    pool: &Pool,
    stream: &StreamOptions,
    opts: &ReportOptions,
    on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<Report> {
    let mut source = Source::open(input, stream)?;
    let cols = *source.columns();
    let scored = score_columns(source.headers());
    let categories = scorer.categories();
    let mut acc = Accumulator::new(categories);
    let summary = source.for_each(
        pool,
        |rec, text| {
            let day = match cols.date.and_then(|c| rec.get(c).map(|f| (c, f))) {
                Some((c, f)) => {
                    let s = std::str::from_utf8(f).unwrap_or("").trim();
                    if s.is_empty() {
                        None
                    } else {
                        Some(opts.date_format.parse(s).map_err(|e| bad(e, c))?)
                    }
                }
                None => None,
            };
            match scored {
                None => Ok(LAST_SCORE.with(|last| match last.try_borrow_mut() {
                    // Each thread's last score lends its hit buffer to the next row.
                    Ok(mut last) => {
                        scorer.score_reusing(text, &mut last);
                        RowObs::from_score(day, &last)
                    }
                    Err(_) => RowObs::from_score(day, &scorer.score(text)),
                })),
                Some(sc) => {
                    let tone_s = rec
                        .get(sc.tone)
                        .and_then(|f| std::str::from_utf8(f).ok())
                        .unwrap_or("");
                    let tone: f64 = tone_s
                        .trim()
                        .parse()
                        .ok()
                        .filter(|t: &f64| (-1.0..=1.0).contains(t))
                        .ok_or_else(|| {
                            bad(
                                format!("tone {} is not a number in -1..1", quoted(tone_s)),
                                sc.tone,
                            )
                        })?;
                    let hits = rec
                        .get(sc.hits)
                        .and_then(|f| std::str::from_utf8(f).ok())
                        .unwrap_or("");
                    let categories = parse_hits(hits, categories).map_err(|e| bad(e, sc.hits))?;
                    Ok(RowObs {
                        day,
                        tone,
                        label: Label::from_tone(tone),
                        categories,
                    })
                }
            }
        },
        |rec, obs| {
            let bytes = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or_default();
            acc.add(
                &obs,
                RowText {
                    id: cols.id.map(|c| rec.get(c).unwrap_or_default()),
                    speaker: bytes(cols.speaker),
                    target: bytes(cols.target),
                    text: bytes(Some(cols.text)),
                },
            );
            Ok(())
        },
        on_reject,
    )?;
    Ok(Report::build_on(
        pool,
        &acc,
        opts,
        scorer,
        summary,
        scored.is_none(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hits_fields() {
        let c = Categories::builtin().expect("categories");
        let h =
            parse_hits("take up arms:force:-3.50;thank you:gratitude:2.00", &c).expect("parses");
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].1, 3.5);
        assert!(parse_hits("x:nope:-1", &c).is_err());
        assert!(parse_hits("x:force:abc", &c).is_err());
        assert_eq!(parse_hits("", &c), Ok(Vec::new()));
    }
}
