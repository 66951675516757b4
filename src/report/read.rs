//! Reading a quotes table into report aggregates: raw quotes are scored; the output of
//! `detente score` (it has `tone` and `hits` columns) is read as it is, not rescored.

use super::{Report, ReportOptions};
use crate::analysis::dates::Day;
use crate::analysis::{Accumulator, Census, RowObs, RowText};
use crate::error::quoted;
use crate::error::{ErrorKind, Result};
use crate::lexicon::Categories;
use crate::score::batch::Pool;
use crate::score::{LONG_STATEMENT, Label, Scorer};
use crate::table::{
    ColumnMap, Reject, Row, RowError, Source, Split, StreamOptions, Summary, speaker_of,
};
pub use crate::table::{ScoreColumns, score_columns};
use crate::text::Tokens;
use std::io::Read;

thread_local! {
    /// The last score a worker thread computed, reused for the next row (see
    /// [`Scorer::score_reusing`]).
    static LAST_SCORE: std::cell::RefCell<crate::score::Score> =
        std::cell::RefCell::new(crate::score::Score::default());
    /// With `--split`: a worker thread's tokens and part ranges, reused row to row.
    static SPLIT: std::cell::RefCell<(Tokens, Vec<(usize, usize)>)> =
        std::cell::RefCell::new((Tokens::new(), Vec::new()));
}

/// What a row gives the report: one statement, or with `--split` one per part of its text
/// (the part's byte range in the text field).
enum Obs {
    One(RowObs),
    Parts(Vec<(RowObs, (usize, usize))>),
}

/// The parts of `text` for `split` ([`Split::ranges`]), with the thread's buffers.
fn parts_of(split: Split, text: &str) -> Vec<(usize, usize)> {
    SPLIT.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => {
            let (tokens, ranges) = &mut *buffers;
            split.ranges(text, tokens, ranges);
            ranges.clone()
        }
        Err(_) => {
            let mut ranges = Vec::new();
            split.ranges(text, &mut Tokens::new(), &mut ranges);
            ranges
        }
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
///
/// One reading, keeping every speaker and pair day by day: memory grows with speakers times
/// days (about 110 bytes each). [`report_from_reopenable`] keeps it bounded when the input
/// can be read again.
pub fn report_from_reader<R: Read>(
    input: R,
    scorer: &Scorer,
    pool: &Pool,
    stream: &StreamOptions,
    opts: &ReportOptions,
    on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<Report> {
    let mut acc = accumulator(scorer.categories(), opts);
    let (summary, scored) = read(input, scorer, pool, stream, opts, &mut acc, None, on_reject)?;
    Ok(Report::build_on(
        pool,
        &mut acc,
        opts,
        scorer,
        summary,
        scored.is_none(),
    ))
}

/// [`report_from_reader`] on an input that `open` can open again, in bounded memory: when the
/// per-speaker and per-pair day aggregates outgrow [`ReportOptions::budget`] (a corpus of
/// thousands of speakers over years), it stops, reads the input once more to count statements
/// per speaker and pair (no scoring), and reads it a last time keeping day-by-day aggregates
/// only for the speakers and pairs the report shows. The report is the same, to the byte,
/// as one reading would give (but for a line in its method section saying so), and each
/// rejected row goes to `on_reject` once.
///
/// With a budget that is never reached (the usual case: a few dozen speakers), `open` is
/// called once. An input that changes between readings is an error.
pub fn report_from_reopenable<R: Read>(
    mut open: impl FnMut() -> Result<R>,
    scorer: &Scorer,
    pool: &Pool,
    stream: &StreamOptions,
    opts: &ReportOptions,
    mut on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<Report> {
    let categories = scorer.categories();
    let build = |acc: &mut Accumulator, summary, scored: Option<ScoreColumns>| {
        Report::build_on(pool, acc, opts, scorer, summary, scored.is_none())
    };
    let budget = opts.budget();
    // Showing every speaker one by one needs every speaker's days: nothing to leave out.
    let limit = (opts.max_speakers > 0).then_some(budget);
    let mut acc = accumulator(categories, opts);
    let mut passed = 0u64;
    let (summary, scored) = read(open()?, scorer, pool, stream, opts, &mut acc, limit, |r| {
        passed += 1;
        on_reject(r)
    })?;
    if acc.detail_bytes() <= budget || limit.is_none() {
        return Ok(build(&mut acc, summary, scored));
    }
    drop(acc);
    let census = census_of(open()?, scorer, pool, stream, opts)?;
    let mut acc = Accumulator::focused(categories, census, opts.max_speakers);
    // The first reading handed on the rejects before where it stopped; rows come in the same
    // order every time.
    let mut skip = passed;
    let (summary, scored) = read(open()?, scorer, pool, stream, opts, &mut acc, None, |r| {
        if skip > 0 {
            skip -= 1;
            Ok(())
        } else {
            on_reject(r)
        }
    })?;
    if !acc.matches_census() {
        return Err(crate::Error::new(
            ErrorKind::InputChanged {
                detail: "the statements per speaker differ between its readings (report reads \
                         a file again when it has many speakers)"
                    .to_string(),
            },
            stream.input.clone(),
        ));
    }
    Ok(build(&mut acc, summary, scored))
}

/// An empty accumulator for `opts` (its aliases).
fn accumulator(categories: &Categories, opts: &ReportOptions) -> Accumulator {
    Accumulator::with_aliases(categories, opts.aliases.clone())
}

/// The day of a row (`None`: no date), or why the row is rejected.
fn row_day(
    rec: &Row<'_>,
    cols: &ColumnMap,
    opts: &ReportOptions,
) -> std::result::Result<Option<Day>, RowError> {
    match cols.date.and_then(|c| rec.get(c).map(|f| (c, f))) {
        Some((c, f)) => {
            let s = std::str::from_utf8(f).unwrap_or("").trim();
            if s.is_empty() {
                Ok(None)
            } else {
                opts.date_format.parse(s).map(Some).map_err(|detail| {
                    // Not a bad row but a wrong setting: skipping such rows would keep the
                    // ones whose day and month were silently swapped.
                    if opts.date_format.other_order_fits(s) {
                        (ErrorKind::BadSetting { detail }, Some(c))
                    } else {
                        bad(detail, c)
                    }
                })
            }
        }
        None => Ok(None),
    }
}

/// The tone and (category, |weight|) hits of a row of `detente score` output, or why the row
/// is rejected.
fn row_scores(
    rec: &Row<'_>,
    sc: ScoreColumns,
    categories: &Categories,
) -> std::result::Result<(f64, Vec<(u8, f64)>), RowError> {
    let field = |c: usize| {
        rec.get(c)
            .and_then(|f| std::str::from_utf8(f).ok())
            .unwrap_or("")
    };
    let tone_s = field(sc.tone);
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
    let hits = parse_hits(field(sc.hits), categories).map_err(|e| bad(e, sc.hits))?;
    Ok((tone, hits))
}

/// Whether the report's selection keeps a row of `speaker` (the row's field) on `day`.
fn selected(speaker: &[u8], opts: &ReportOptions, day: Option<Day>) -> bool {
    opts.selection.admits(speaker, day, &opts.aliases)
}

/// What the report takes from a row: its day and its scores, computed here (raw quotes) or
/// read from its score columns; `None` for a valid row the selection leaves out (not scored).
fn observe(
    rec: &Row<'_>,
    text: &str,
    cols: &ColumnMap,
    scored: Option<ScoreColumns>,
    scorer: &Scorer,
    opts: &ReportOptions,
    split: Split,
) -> std::result::Result<Option<Obs>, RowError> {
    let day = row_day(rec, cols, opts)?;
    // The speaker as the row names it (not its alias): for the selection, and for the relay
    // rule's reading of a paraphrase ("Petro acusó a Washington ...").
    let speaker = speaker_of(rec, cols.speaker);
    if !selected(speaker, opts, day) {
        // Still checked as a kept row is: a bad row is rejected whatever the selection.
        if let Some(sc) = scored {
            row_scores(rec, sc, scorer.categories())?;
        }
        return Ok(None);
    }
    if split != Split::Whole && scored.is_none() {
        let parts = parts_of(split, text)
            .into_iter()
            .map(|(a, b)| {
                let part = text.get(a..b).unwrap_or("");
                (score_text(scorer, part, speaker, day), (a, b))
            })
            .collect();
        return Ok(Some(Obs::Parts(parts)));
    }
    Ok(Some(Obs::One(match scored {
        None => score_text(scorer, text, speaker, day),
        Some(sc) => {
            let (tone, categories) = row_scores(rec, sc, scorer.categories())?;
            RowObs {
                day,
                tone,
                label: Label::from_tone(tone),
                categories,
            }
        }
    })))
}

/// `text`, attributed to `speaker`, scored into what the report keeps of it.
fn score_text(scorer: &Scorer, text: &str, speaker: &[u8], day: Option<Day>) -> RowObs {
    LAST_SCORE.with(|last| match last.try_borrow_mut() {
        // Each thread's last score lends its hit buffer to the next row.
        Ok(mut last) => {
            scorer.score_reusing_named(text, speaker, &mut last);
            let obs = RowObs::from_score(day, &last);
            if text.len() > LONG_STATEMENT {
                // A long statement's many hits are not kept for the rest of the run.
                last.hits = Vec::new();
            }
            obs
        }
        Err(_) => {
            let mut score = crate::score::Score::default();
            scorer.score_reusing_named(text, speaker, &mut score);
            RowObs::from_score(day, &score)
        }
    })
}

/// The checks of [`observe`] without the scoring (which never rejects a row): a row passes
/// one if and only if it passes the other, and is selected by one if and only if by the
/// other. Returns the statements the row makes (0 when the selection leaves it out; with
/// `--split`, its parts).
fn check(
    rec: &Row<'_>,
    text: &str,
    cols: &ColumnMap,
    scored: Option<ScoreColumns>,
    scorer: &Scorer,
    opts: &ReportOptions,
    split: Split,
) -> std::result::Result<usize, RowError> {
    let day = row_day(rec, cols, opts)?;
    if let Some(sc) = scored {
        row_scores(rec, sc, scorer.categories())?;
    }
    if !selected(speaker_of(rec, cols.speaker), opts, day) {
        return Ok(0);
    }
    Ok(if split != Split::Whole && scored.is_none() {
        parts_of(split, text).len()
    } else {
        1
    })
}

/// One reading into `acc`; with `limit`, it stops (and returns) once the day aggregates
/// take more than that many bytes ([`Accumulator::detail_bytes`]).
#[allow(clippy::too_many_arguments)]
fn read<R: Read>(
    input: R,
    scorer: &Scorer,
    pool: &Pool,
    stream: &StreamOptions,
    opts: &ReportOptions,
    acc: &mut Accumulator,
    limit: Option<usize>,
    on_reject: impl FnMut(Reject) -> Result<()>,
) -> Result<(Summary, Option<ScoreColumns>)> {
    let mut source = Source::open(input, stream)?;
    let cols = *source.columns();
    let scored = score_columns(source.headers());
    let split = stream.split;
    if split != Split::Whole && scored.is_some() {
        return Err(crate::Error::new(
            ErrorKind::BadSetting {
                detail: "splits raw quotes, and this file has score columns (tone, hits): report \
                         it without --split, or split when scoring (detente score --split ...)"
                    .to_string(),
            },
            crate::Location::in_source("--split"),
        ));
    }
    let mut over = false;
    let mut parts = 0u64;
    let result = source.for_each(
        pool,
        |rec, text| observe(rec, text, &cols, scored, scorer, opts, split),
        |rec, obs| {
            let Some(obs) = obs else {
                acc.leave_out();
                if !opts.selection.speakers.is_empty() {
                    // For a --speaker that matches nothing: what it may have meant.
                    let raw = cols.speaker.and_then(|c| rec.get(c)).unwrap_or_default();
                    opts.aliases
                        .with_speaker(raw, |name| acc.note_left_out(name));
                }
                return Ok(());
            };
            let bytes = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or_default();
            let id = cols.id.map(|c| rec.get(c).unwrap_or_default());
            let (speaker, target) = (bytes(cols.speaker), bytes(cols.target));
            let text = bytes(Some(cols.text));
            match obs {
                Obs::One(obs) => acc.add(
                    &obs,
                    RowText {
                        id,
                        speaker,
                        target,
                        text,
                    },
                ),
                Obs::Parts(all) => {
                    parts += all.len() as u64;
                    for (obs, (a, b)) in &all {
                        let text = text.get(*a..*b).unwrap_or_default();
                        acc.add(
                            obs,
                            RowText {
                                id,
                                speaker,
                                target,
                                text,
                            },
                        );
                    }
                }
            }
            if limit.is_some_and(|l| acc.detail_bytes() > l) {
                over = true;
                // Not a failure: the error only stops the reading, and the caller reads again.
                return Err(crate::Error::io(
                    &std::io::Error::other("memory budget reached"),
                    stream.input.clone(),
                ));
            }
            Ok(())
        },
        on_reject,
    );
    match result {
        Ok(summary) => Ok((Summary { parts, ..summary }, scored)),
        Err(_) if over => Ok((Summary::default(), scored)),
        Err(e) => Err(e),
    }
}

/// Statements per speaker and pair over `input`, each row checked as a report reading
/// checks it but not scored. Rejected rows are only counted out (the last reading reports them).
fn census_of<R: Read>(
    input: R,
    scorer: &Scorer,
    pool: &Pool,
    stream: &StreamOptions,
    opts: &ReportOptions,
) -> Result<Census> {
    let mut source = Source::open(input, stream)?;
    let cols = *source.columns();
    let scored = score_columns(source.headers());
    let mut census = Census::with_aliases(opts.aliases.clone());
    let split = stream.split;
    source.for_each(
        pool,
        |rec, text| check(rec, text, &cols, scored, scorer, opts, split),
        |rec, statements| {
            let bytes = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or_default();
            for _ in 0..statements {
                census.add(bytes(cols.speaker), bytes(cols.target));
            }
            Ok(())
        },
        |_| Ok(()),
    )?;
    Ok(census)
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

    /// Read again under a budget of 0 (three readings), the report equals one reading's but
    /// for the method's note of it; an input that changes between readings is an error.
    #[test]
    fn reading_again_gives_the_same_report_or_an_error_if_the_input_changed() {
        let scorer = Scorer::new().expect("scorer");
        let pool = Pool::single();
        let stream = StreamOptions::default();
        let first = "date,speaker,target,text\n\
                     2026-01-04,A,B,We will attack you\n\
                     2026-01-05,C,B,Thank you for the talks\n\
                     2026-01-07,A,,We welcome the agreement\n\
                     2026-01-07,A,B,We reject your threats\n";
        let opts = ReportOptions {
            max_speakers: 1,
            memory_budget: Some(0),
            ..ReportOptions::default()
        };
        let once = report_from_reader(first.as_bytes(), &scorer, &pool, &stream, &opts, |_| Ok(()))
            .expect("one reading");
        let reread = |later: &str| {
            let mut calls = 0;
            let report = report_from_reopenable(
                || {
                    calls += 1;
                    Ok(if calls < 3 { first } else { later }.as_bytes())
                },
                &scorer,
                &pool,
                &stream,
                &opts,
                |_| Ok(()),
            );
            (report, calls)
        };
        let (again, calls) = reread(first);
        let mut again = again.expect("three readings");
        assert_eq!(calls, 3);
        assert!(again.method.reread && !once.method.reread);
        assert_eq!(again.omitted.speakers, 1);
        again.method = once.method.clone();
        assert_eq!(again, once);
        // The third reading meets another target: the census no longer holds.
        let (changed, calls) = reread(&first.replace("C,B,", "C,D,"));
        assert_eq!(calls, 3);
        let err = changed.expect_err("changed input");
        assert!(
            matches!(err.kind(), ErrorKind::InputChanged { .. }),
            "{err}"
        );
        assert!(
            err.to_string().contains("changed while it was read"),
            "{err}"
        );
    }
}
