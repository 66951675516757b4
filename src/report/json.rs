//! The report as one JSON document: every number the HTML report shows, for programs
//! (dashboards, R, pandas) that would otherwise parse the Markdown tables. The shape is
//! documented in README.md ("report --format json") and is kept stable: fields may be added,
//! not renamed.
//!
//! Keys are written in sorted order, numbers as serde_json writes them (the shortest form
//! that reads back as the same value), dates as `YYYY-MM-DD`; the same input gives the same
//! bytes whatever the number of threads.

use super::{GroupTone, Highlighted, Report};
use crate::analysis::Kept;
use crate::analysis::dates::Day;
use crate::analysis::stats::{Interval, IntervalMethod};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Writes `r` as one JSON object followed by a newline.
pub fn render<W: Write>(r: &Report, out: &mut W) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(&value(r)).map_err(io::Error::other)?;
    bytes.push(b'\n');
    out.write_all(&bytes)
}

/// The document [`render`] writes.
pub fn value(r: &Report) -> Value {
    let mut v = value_whole(r);
    if r.summary.parts > 0 {
        // With --split: the statements the rows used were cut into.
        if let Some(rows) = v.get_mut("rows").and_then(Value::as_object_mut) {
            rows.insert("split_into".to_string(), r.summary.parts.into());
        }
    }
    v
}

/// [`value`] but for the split count.
fn value_whole(r: &Report) -> Value {
    let phase_name = |i: usize| r.phases.get(i).map(|p| p.name.clone());
    let m = &r.method;
    json!({
        "title": r.title,
        "input": m.input,
        "rows": {
            "read": r.summary.read,
            "used": r.summary.scored,
            "rejected": r.summary.rejected,
            "left_out": m.left_out,
            "undated": m.undated,
            "dated": r.dated,
        },
        "headlines": r.headlines,
        "detected": r.detected.map(|d| json!({
            "gain": d.gain,
            "p": d.p,
            "trend": d.trend,
            "clear": d.p < super::Detection::CLEAR_P,
            "drift": d.drift(),
            "sentence": d.sentence(),
        })),
        "events": r.events.iter().map(|e| json!({
            "date": day(e.day),
            "label": e.label,
        })).collect::<Vec<_>>(),
        "phases": r.phases.iter().map(|p| json!({
            "name": p.name,
            "start": day(p.start),
            "end": day(p.end),
        })).collect::<Vec<_>>(),
        "speakers": r.speakers.iter().map(|s| {
            let mut v = group(&s.tone);
            if let Some(o) = v.as_object_mut() {
                o.insert("name".into(), json!(s.name));
                o.insert("labels".into(), json!(crate::score::Label::ALL
                    .iter()
                    .zip(s.labels)
                    .map(|(l, n)| (l.name().to_string(), json!(n)))
                    .collect::<serde_json::Map<_, _>>()));
            }
            v
        }).collect::<Vec<_>>(),
        "omitted": {
            "speakers": r.omitted.speakers,
            "statements": r.omitted.statements,
            "pairs": r.omitted.pairs,
        },
        "phase_tones": r.phase_tones.iter().map(|t| {
            let mut v = group(&t.tone);
            if let Some(o) = v.as_object_mut() {
                o.insert("phase".into(), json!(phase_name(t.phase)));
                o.insert("speaker".into(), json!(t.speaker));
            }
            v
        }).collect::<Vec<_>>(),
        "shifts": r.shifts.iter().map(|s| json!({
            "speaker": s.speaker,
            "from": phase_name(s.from),
            "to": phase_name(s.to),
            "mean_from": s.mean_from,
            "mean_to": s.mean_to,
            "n_from": s.n.0,
            "n_to": s.n.1,
            "delta": s.delta,
            "ci": interval(s.ci.as_ref()),
        })).collect::<Vec<_>>(),
        "dyads": r.dyads.iter().map(|d| {
            let mut v = group(&d.tone);
            if let Some(o) = v.as_object_mut() {
                o.insert("from".into(), json!(d.from));
                o.insert("to".into(), json!(d.to));
            }
            v
        }).collect::<Vec<_>>(),
        "pair_shifts": r.pair_shifts.iter().map(|p| json!({
            "from": p.shift.speaker,
            "to": p.target,
            "phase_from": phase_name(p.shift.from),
            "phase_to": phase_name(p.shift.to),
            "mean_from": p.shift.mean_from,
            "mean_to": p.shift.mean_to,
            "n_from": p.shift.n.0,
            "n_to": p.shift.n.1,
            "delta": p.shift.delta,
            "ci": interval(p.shift.ci.as_ref()),
        })).collect::<Vec<_>>(),
        "series": series(r),
        "categories": {
            "rows": r.categories.rows,
            "columns": r.categories.names,
            "sides": r.categories.sides.iter().map(|s| s.name()).collect::<Vec<_>>(),
            "shares": r.categories.shares.outer_iter()
                .map(|row| row.iter().copied().collect::<Vec<f64>>())
                .collect::<Vec<_>>(),
        },
        "most_hostile": r.hostile.iter().map(highlighted).collect::<Vec<_>>(),
        "most_cooperative": r.cooperative.iter().map(highlighted).collect::<Vec<_>>(),
        "method": {
            "version": m.version,
            "lexicon_checksum": format!("{:016x}", m.checksum),
            "lexicon_sources": m.sources,
            "entries": { "en": m.entries.0, "es": m.entries.1 },
            "rescored": m.rescored,
            "date_format": m.date_format.describe(),
            "time_unit": super::series::unit_name(r.time_unit),
            "selection": {
                "speakers": m.selection.speakers,
                "from": m.selection.from.map(day),
                "to": m.selection.to.map(day),
                "unmatched": m.unmatched.iter().map(|u| json!({
                    "name": u.name,
                    "hint": u.hint,
                })).collect::<Vec<_>>(),
            },
            "aliases": m.aliases.iter().map(|(name, canonical)| json!({
                "name": name,
                "as": canonical,
            })).collect::<Vec<_>>(),
            "reread": m.reread,
            "lines": super::markdown::method_lines(r)
                .into_iter()
                .map(|(k, v)| json!({ "name": k, "value": v }))
                .collect::<Vec<_>>(),
        },
    })
}

fn day(d: Day) -> String {
    d.to_string()
}

/// `[low, high]` with how it was made, or null.
fn interval(ci: Option<&Interval>) -> Value {
    ci.map_or(Value::Null, |c| {
        json!({
            "low": c.low,
            "high": c.high,
            "method": match c.method {
                IntervalMethod::Bootstrap => "bootstrap",
                IntervalMethod::Normal => "normal",
            },
        })
    })
}

fn group(t: &GroupTone) -> Value {
    json!({
        "n": t.n,
        "mean": t.mean,
        "ci": interval(t.ci.as_ref()),
    })
}

fn statement(k: &Kept) -> Value {
    json!({
        "id": k.id,
        "date": k.day.map(day),
        "speaker": k.speaker,
        "target": k.target,
        "text": k.text,
        "tone": k.tone,
        "label": k.label.name(),
    })
}

fn highlighted(h: &Highlighted) -> Value {
    let mut v = statement(&h.statement);
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "hits".into(),
            h.marks
                .iter()
                .map(|m| {
                    json!({
                        "term": m.term,
                        "category": m.category,
                        "weight": m.weight,
                        "start": m.span.0,
                        "end": m.span.1,
                    })
                })
                .collect(),
        );
        // A long statement is quoted as an excerpt: its hits above are those inside it.
        let ex = h.excerpt();
        if !ex.whole {
            o.insert("hits_total".into(), h.hits.into());
            o.insert("excerpt_start".into(), ex.start.into());
            o.insert("excerpt_end".into(), ex.end.into());
        }
    }
    v
}

/// The tone lines per time unit, as `--series` writes them: everyone, each speaker shown, each
/// pair shown.
fn series(r: &Report) -> Value {
    let unit = r.time_unit;
    let lines =
        |kind: &str, speaker: Option<&str>, target: Option<&str>, daily: &[(Day, u64, f64)]| {
            json!({
                "kind": kind,
                "speaker": speaker,
                "target": target,
                "unit": super::series::unit_name(unit),
                "points": unit.merge(daily).into_iter().map(|(start, n, mean)| json!({
                    "period": day(start),
                    "statements": n,
                    "mean_tone": mean,
                })).collect::<Vec<_>>(),
            })
        };
    let mut v = vec![lines("all", None, None, &r.overall.points)];
    v.extend(
        r.series
            .iter()
            .map(|s| lines("speaker", Some(&s.name), None, &s.points)),
    );
    v.extend(
        r.dyads
            .iter()
            .map(|d| lines("pair", Some(&d.from), Some(&d.to), &d.series)),
    );
    Value::Array(v)
}
