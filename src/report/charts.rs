//! The report's charts as self-contained SVG strings.
//!
//! Hand-written rather than drawn with a plotting crate: each plotted statement carries a
//! `<title>` with its quote (the hover text the report promises), every chart carries
//! `<title>`/`<desc>` for screen readers, and none needs fonts at build time; plotters'
//! SVG backend offers no per-element titles. All user text goes through [`esc`].

use super::{Phase, Report};
use crate::analysis::dates::{Day, TimeUnit};
use crate::lexicon::Side;
use crate::score::rules;
use std::fmt::Write as _;

/// Okabe-Ito colours, distinguishable with colour-blindness, for speakers in order.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7f7f7f", "#000000",
];

const HOSTILE_COLOURS: [&str; 7] = [
    "#7f0000", "#b30000", "#d7301f", "#ef6548", "#fc8d59", "#fdbb84", "#fdd49e",
];
const COOPERATIVE_COLOURS: [&str; 8] = [
    "#00441b", "#006d2c", "#238b45", "#41ab5d", "#74c476", "#2171b5", "#6baed6", "#9ecae1",
];

/// Escapes text for XML and HTML (element content and quoted attributes).
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// The colour of speaker `i` (in report order, without "All").
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Series past the palette's eight colours (the report shows 12 speakers by default) reuse
/// them: the second cycle of eight with hollow markers and dashed lines, the third with
/// dark-ringed markers and dotted lines, and so on in turn.
fn cycle(i: usize) -> usize {
    (i / PALETTE.len()) % 3
}

/// The fill and stroke attributes of series `i`'s markers: solid, hollow in the second colour
/// cycle, ringed in dark grey in the third.
fn marker(i: usize, solid_stroke: &str) -> String {
    match cycle(i) {
        1 => format!(
            r##"fill="#ffffff" stroke="{}" stroke-width="2""##,
            colour(i)
        ),
        2 => format!(
            r##"fill="{}" stroke="#222222" stroke-width="1.5""##,
            colour(i)
        ),
        _ => format!(r##"fill="{}" stroke="{solid_stroke}""##, colour(i)),
    }
}

/// [`marker`] of the phases chart's group `gi`: 0 is everyone (black), then the speakers.
fn group_marker(gi: usize, solid_stroke: &str) -> String {
    match gi.checked_sub(1) {
        Some(i) => marker(i, solid_stroke),
        None => format!(r##"fill="#222222" stroke="{solid_stroke}""##),
    }
}

/// The dash pattern of series `i`'s line: none, dashed in the second colour cycle, dotted in
/// the third.
fn dash(i: usize) -> &'static str {
    match cycle(i) {
        1 => r##" stroke-dasharray="7 4""##,
        2 => r##" stroke-dasharray="2 3""##,
        _ => "",
    }
}

/// The colour of category `i` on `side` among the categories of that side.
pub fn category_colour(side: Side, i: usize) -> &'static str {
    match side {
        Side::Hostile => HOSTILE_COLOURS[i % HOSTILE_COLOURS.len()],
        Side::Cooperative => COOPERATIVE_COLOURS[i % COOPERATIVE_COLOURS.len()],
    }
}

const W: f64 = 900.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 96.0;

struct Frame {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    d0: f64,
    d1: f64,
}

impl Frame {
    fn x(&self, day: f64) -> f64 {
        self.x0 + (day - self.d0) / (self.d1 - self.d0) * (self.x1 - self.x0)
    }
    fn y(&self, tone: f64) -> f64 {
        self.y1 - (tone.clamp(-1.0, 1.0) + 1.0) / 2.0 * (self.y1 - self.y0)
    }
}

fn open(o: &mut String, id: &str, h: f64, title: &str, desc: &str) {
    let _ = write!(
        o,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {h}" role="img" aria-labelledby="{id}-t {id}-d" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><rect x="0" y="0" width="{W}" height="{h}" fill="#ffffff"/>"##,
        esc(title),
        esc(desc)
    );
}

/// Tone bands, zero line and y axis.
fn bands(o: &mut String, f: &Frame) {
    let band = |o: &mut String, lo: f64, hi: f64, fill: &str, label: &str| {
        let _ = write!(
            o,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{fill}"/><text x="{:.1}" y="{:.1}" fill="#555" font-size="11">{label}</text>"##,
            f.x0,
            f.y(hi),
            f.x1 - f.x0,
            f.y(lo) - f.y(hi),
            f.x1 + 6.0,
            (f.y(lo) + f.y(hi)) / 2.0 + 4.0
        );
    };
    band(o, -1.0, rules::HOSTILE_MAX, "#f7d4cf", "hostile");
    band(o, rules::HOSTILE_MAX, rules::TENSE_MAX, "#fbe9e6", "tense");
    band(
        o,
        rules::TENSE_MAX,
        rules::CONCILIATORY_MIN,
        "#f6f6f6",
        "neutral",
    );
    band(
        o,
        rules::CONCILIATORY_MIN,
        rules::COOPERATIVE_MIN,
        "#e4f1e8",
        "conciliatory",
    );
    band(o, rules::COOPERATIVE_MIN, 1.0, "#cde7d5", "cooperative");
    for t in [-1.0, -0.5, 0.0, 0.5, 1.0] {
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#333">{}</text>"##,
            f.x0 - 6.0,
            f.y(t) + 4.0,
            if t == 0.0 {
                "0".to_string()
            } else {
                format!("{t:+.1}")
            }
        );
    }
    let _ = write!(
        o,
        r##"<line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#333" stroke-width="1"/><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle" fill="#333">tone</text>"##,
        f.x0,
        f.x1,
        f.y(0.0),
        f.y(0.0),
        (f.y0 + f.y1) / 2.0
    );
}

fn date_ticks(o: &mut String, f: &Frame) {
    let span = f.d1 - f.d0;
    let (first, last) = (f.d0.ceil() as i32, f.d1.floor() as i32);
    let mut ticks: Vec<(i32, String)> = Vec::new();
    if span <= 16.0 {
        ticks = (first..=last).map(|d| (d, Day(d).short())).collect();
    } else if span <= 70.0 {
        ticks = (first..=last)
            .filter(|d| (d - 3).rem_euclid(7) == 0)
            .map(|d| (d, Day(d).short()))
            .collect();
    } else {
        for d in first..=last {
            let (y, m, dd) = Day(d).ymd();
            let every = if span > 1100.0 {
                12
            } else if span > 400.0 {
                3
            } else {
                1
            };
            if dd == 1 && (m - 1) % every == 0 {
                let month = TimeUnit::month_name(m).get(..3).unwrap_or("");
                // Monthly ticks are about 60 units apart: "Mar 2025" on each ran into the
                // next, so the year goes on January and the first tick only.
                let label = if every > 1 || m == 1 || ticks.is_empty() {
                    format!("{month} {y}")
                } else {
                    month.to_string()
                };
                ticks.push((d, label));
            }
        }
    }
    for (d, label) in ticks {
        let x = f.x(f64::from(d));
        let _ = write!(
            o,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="#999"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#333">{}</text>"##,
            f.y1,
            f.y1 + 5.0,
            f.y1 + 18.0,
            esc(&label)
        );
    }
}

/// Assigns each label, given as (left, width), a row so that labels in a row do not overlap;
/// returns each label's row and the number of rows used.
fn stagger(labels: &[(f64, f64)]) -> (Vec<usize>, usize) {
    let mut rows: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut out = Vec::with_capacity(labels.len());
    for &(left, width) in labels {
        let right = left + width;
        let free = rows
            .iter()
            .position(|r| r.iter().all(|&(l, rr)| right + 4.0 < l || left > rr + 4.0));
        let row = match free {
            Some(r) => r,
            None => {
                rows.push(Vec::new());
                rows.len() - 1
            }
        };
        rows[row].push((left, right));
        out.push(row);
    }
    let n = rows.len();
    (out, n)
}

/// Where an event label goes: (left edge, width, text x, anchor). A label that would run past
/// the right edge is written to the left of its line.
fn event_label(x: f64, label: &str) -> (f64, f64, f64, &'static str) {
    let width = label.chars().count() as f64 * 6.2;
    if x + 3.0 + width > W {
        (x - 3.0 - width, width, x - 3.0, "end")
    } else {
        (x + 3.0, width, x + 3.0, "start")
    }
}

/// The day range of the data (and the middles of its `unit`s), events and phases, padded.
fn day_range(r: &Report, clip: Option<(Day, Day)>, unit: TimeUnit) -> Option<(f64, f64)> {
    let mut days: Vec<f64> = r
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| f64::from(p.0.0)))
        .collect();
    days.extend(
        r.series
            .iter()
            .flat_map(|s| unit.merge(&s.points))
            .map(|p| unit.middle(p.0)),
    );
    days.extend(r.events.iter().map(|e| f64::from(e.day.0)));
    if let Some((a, b)) = clip {
        days.retain(|d| *d >= f64::from(a.0) && *d <= f64::from(b.0));
        days.extend([f64::from(a.0), f64::from(b.0)]);
    }
    let lo = days.iter().copied().reduce(f64::min)?;
    let hi = days.iter().copied().reduce(f64::max)?;
    let pad = ((hi - lo) * 0.03).max(0.6);
    Some((lo - pad, hi + pad))
}

/// The timeline: every plotted statement as a point with its quote on hover, daily means per
/// speaker, tone bands, zero line, phases and event markers. `clip` zooms to a day range.
pub fn timeline(r: &Report, clip: Option<(Day, Day)>, id: &str) -> Option<String> {
    // The zoom is on a few days: day by day, whatever the full timeline uses.
    let unit = if clip.is_some() {
        TimeUnit::Day
    } else {
        r.time_unit
    };
    let (d0, d1) = day_range(r, clip, unit)?;
    let events: Vec<&super::Event> = r
        .events
        .iter()
        .filter(|e| f64::from(e.day.0) >= d0 && f64::from(e.day.0) <= d1)
        .collect();
    let mut probe = Frame {
        x0: LEFT,
        x1: W - RIGHT,
        y0: 0.0,
        y1: 1.0,
        d0,
        d1,
    };
    let spans: Vec<(f64, f64)> = events
        .iter()
        .map(|e| {
            let (left, width, _, _) = event_label(probe.x(f64::from(e.day.0)), &e.label);
            (left, width)
        })
        .collect();
    let (rows, nrows) = stagger(&spans);
    let top = 16.0 + nrows as f64 * 15.0;
    let plot_h = 300.0;
    let legend_y = top + plot_h + 40.0;
    let names: Vec<&str> = r.series.iter().map(|s| s.name.as_str()).collect();
    let (_, legend_rows) = legend_layout(names.iter().copied(), 14.0);
    let legend_end = legend_y + (legend_rows - 1) as f64 * LEGEND_ROW;
    let h = legend_end + 24.0;
    probe.y0 = top;
    probe.y1 = top + plot_h;
    let f = probe;
    let title = if clip.is_some() {
        "Tone over time (zoom on the phases)"
    } else {
        "Tone over time"
    };
    let desc = format!(
        "Each dot is a statement (hover for the quote); lines are {} mean tone per speaker ({}). Shaded bands mark hostile (below {}), tense, neutral, conciliatory and cooperative (above {}) tone.{}",
        unit.adjective(),
        r.series
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        rules::HOSTILE_MAX,
        rules::COOPERATIVE_MIN,
        if events.is_empty() {
            String::new()
        } else {
            format!(
                " Events: {}.",
                events
                    .iter()
                    .map(|e| format!("{} {}", e.day, e.label))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        }
    );
    let mut o = String::new();
    open(&mut o, id, h, title, &desc);
    bands(&mut o, &f);
    for (i, p) in r.phases.iter().enumerate() {
        phase_band(&mut o, &f, p, i);
    }
    date_ticks(&mut o, &f);
    for (e, row) in events.iter().zip(&rows) {
        let x = f.x(f64::from(e.day.0));
        let ly = 14.0 + *row as f64 * 15.0;
        // A label that would run past the right edge is written to the left of its line.
        let (_, _, tx, anchor) = event_label(x, &e.label);
        let _ = write!(
            o,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="#444" stroke-dasharray="4 3"/><text x="{:.1}" y="{ly:.1}" text-anchor="{anchor}" fill="#222" font-size="11"><title>{} {}</title>{}</text>"##,
            ly + 3.0,
            f.y1,
            tx,
            e.day,
            esc(&e.label),
            esc(&e.label)
        );
    }
    // Mean lines, one point per day, week or month with statements, at its middle.
    for (i, s) in r.series.iter().enumerate() {
        let pts: Vec<String> = unit
            .merge(&s.points)
            .iter()
            .map(|p| (unit.middle(p.0), p.2))
            .filter(|&(x, _)| x >= d0 && x <= d1)
            .map(|(x, tone)| format!("{:.1},{:.1}", f.x(x), f.y(tone)))
            .collect();
        if pts.len() > 1 {
            let _ = write!(
                o,
                r##"<polyline points="{}" fill="none" stroke="{}" stroke-width="2" stroke-opacity="0.85"{}/>"##,
                pts.join(" "),
                colour(i),
                dash(i)
            );
        }
    }
    // Statements.
    for p in &r.points {
        let Some(day) = p.day else { continue };
        if f64::from(day.0) < d0 || f64::from(day.0) > d1 {
            continue;
        }
        let i = r
            .series
            .iter()
            .position(|s| s.name == p.speaker)
            .unwrap_or(0);
        let jitter = ((p.row.wrapping_mul(2_654_435_761) % 1000) as f64 / 1000.0 - 0.5) * 0.35;
        let target = if p.target.is_empty() {
            String::new()
        } else {
            format!(" → {}", p.target)
        };
        let _ = write!(
            o,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" {} fill-opacity="0.85"><title>{} · {}{} · tone {} ({})&#10;{}</title></circle>"##,
            f.x(f64::from(day.0) + jitter),
            f.y(p.tone),
            marker(i, "#fff"),
            day,
            esc(&p.speaker),
            esc(&target),
            super::signed(p.tone),
            p.label,
            esc(&p.text)
        );
    }
    legend(&mut o, &names, legend_y);
    if (r.points.len() as u64) < r.dated {
        let _ = write!(
            o,
            r##"<text x="{W}" y="{:.1}" text-anchor="end" fill="#555" font-size="11">showing a fixed sample of {} of {} dated statements; lines use all</text>"##,
            legend_end + 16.0,
            r.points.len(),
            r.dated
        );
    }
    o.push_str("</svg>");
    Some(o)
}

fn phase_band(o: &mut String, f: &Frame, p: &Phase, i: usize) {
    let (a, b) = (
        f.x(f64::from(p.start.0) - 0.45).max(f.x0),
        f.x(f64::from(p.end.0) + 0.45).min(f.x1),
    );
    if b <= a {
        return;
    }
    // Names only where they fit; the zoomed chart shows them when the phases are narrow.
    let name = if p.name.chars().count() as f64 * 6.6 < b - a + 8.0 {
        esc(&p.name)
    } else {
        String::new()
    };
    let _ = write!(
        o,
        r##"<rect x="{a:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#1f3b73" fill-opacity="{}"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#1f3b73" font-size="11" font-weight="600">{}</text>"##,
        f.y0,
        b - a,
        f.y1 - f.y0,
        if i.is_multiple_of(2) { "0.07" } else { "0.11" },
        (a + b) / 2.0,
        f.y1 - 6.0,
        name
    );
}

/// Height of one legend row.
const LEGEND_ROW: f64 = 18.0;

/// Where each legend entry goes, left to right and wrapped onto more rows when the next would
/// run past the chart's right edge: (x, row) per label, and the number of rows. An entry is
/// `mark` wide before its label (about 7 units a character).
fn legend_layout<'a>(
    labels: impl Iterator<Item = &'a str>,
    mark: f64,
) -> (Vec<(f64, usize)>, usize) {
    let mut out = Vec::new();
    let (mut x, mut row) = (LEFT, 0usize);
    for label in labels {
        let width = mark + label.chars().count() as f64 * 7.0;
        if x > LEFT && x + width > W - 8.0 {
            x = LEFT;
            row += 1;
        }
        out.push((x, row));
        x += width + 16.0;
    }
    (out, row + 1)
}

fn legend(o: &mut String, names: &[&str], y: f64) {
    let (at, _) = legend_layout(names.iter().copied(), 14.0);
    for (i, (n, (x, row))) in names.iter().zip(at).enumerate() {
        let y = y + row as f64 * LEGEND_ROW;
        let _ = write!(
            o,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" {}/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            x + 5.0,
            y - 4.0,
            marker(i, "none"),
            x + 14.0,
            y,
            esc(n)
        );
    }
}

/// Mean tone per phase and speaker with 95% intervals as whiskers.
pub fn phases(r: &Report, id: &str) -> Option<String> {
    if r.phases.is_empty() || r.phase_tones.is_empty() {
        return None;
    }
    let names: Vec<String> = std::iter::once(super::ALL.to_string())
        .chain(r.series.iter().map(|s| s.name.clone()))
        .collect();
    let (legend_at, legend_rows) = legend_layout(names.iter().map(String::as_str), 14.0);
    let legend_top = 360.0 - 22.0;
    let h = 360.0 + (legend_rows - 1) as f64 * LEGEND_ROW;
    let f = Frame {
        x0: LEFT,
        x1: W - RIGHT,
        y0: 20.0,
        y1: 290.0,
        d0: 0.0,
        d1: r.phases.len() as f64,
    };
    let mut o = String::new();
    let desc: Vec<String> = r
        .phase_tones
        .iter()
        .map(|t| {
            format!(
                "{} in {}: {} (n={})",
                t.speaker.as_deref().unwrap_or(super::ALL),
                r.phases[t.phase].name,
                super::signed(t.tone.mean),
                t.tone.n
            )
        })
        .collect();
    open(
        &mut o,
        id,
        h,
        "Mean tone per phase with 95% intervals",
        &desc.join("; "),
    );
    bands(&mut o, &f);
    let slot = (f.x1 - f.x0) / r.phases.len() as f64;
    for (p, phase) in r.phases.iter().enumerate() {
        let cx = f.x0 + slot * (p as f64 + 0.5);
        let _ = write!(
            o,
            r##"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="#222" font-weight="600">{}</text><text x="{cx:.1}" y="{:.1}" text-anchor="middle" fill="#555" font-size="11">{} – {}</text>"##,
            f.y1 + 20.0,
            esc(&phase.name),
            f.y1 + 35.0,
            phase.start.short(),
            phase.end.short()
        );
        let members: Vec<&super::PhaseTone> =
            r.phase_tones.iter().filter(|t| t.phase == p).collect();
        let width = slot * 0.7;
        for (j, t) in members.iter().enumerate() {
            let gi = names
                .iter()
                .position(|n| Some(n.as_str()) == t.speaker.as_deref())
                .unwrap_or(0);
            let x = cx - width / 2.0 + width * (j as f64 + 0.5) / members.len() as f64;
            let c = if gi == 0 { "#222222" } else { colour(gi - 1) };
            if let Some(ci) = t.tone.ci {
                let _ = write!(
                    o,
                    r##"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="2"/><line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="2"/><line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="2"/>"##,
                    f.y(ci.low),
                    f.y(ci.high),
                    x - 5.0,
                    x + 5.0,
                    f.y(ci.low),
                    f.y(ci.low),
                    x - 5.0,
                    x + 5.0,
                    f.y(ci.high),
                    f.y(ci.high)
                );
            }
            let who = t.speaker.as_deref().unwrap_or(super::ALL);
            let _ = write!(
                o,
                r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" {}><title>{} in {}: mean {} (n={}, {})</title></rect>"##,
                x - 5.0,
                f.y(t.tone.mean) - 5.0,
                group_marker(gi, "#fff"),
                esc(who),
                esc(&r.phases[p].name),
                super::signed(t.tone.mean),
                t.tone.n,
                super::ci_text(&t.tone.ci)
            );
        }
    }
    for (gi, (n, (x, row))) in names.iter().zip(legend_at).enumerate() {
        let y = legend_top + row as f64 * LEGEND_ROW;
        let _ = write!(
            o,
            r##"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" {}/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            group_marker(gi, "none"),
            x + 14.0,
            y + 9.0,
            esc(n)
        );
    }
    o.push_str("</svg>");
    Some(o)
}

/// Dash patterns told apart on one speaker's pairs: the first is solid.
const PAIR_DASHES: [&str; 4] = [
    "",
    r##" stroke-dasharray="6 3""##,
    r##" stroke-dasharray="2 3""##,
    r##" stroke-dasharray="9 3 2 3""##,
];

/// The colour and dash of each pair's line: the speaker's colour on the timeline (so that
/// "United States → Colombia" is drawn in the United States' colour), and a dash pattern per
/// target among that speaker's pairs. A speaker not shown on the timeline takes a colour
/// after theirs.
fn pair_styles(r: &Report, pairs: &[&super::Dyad]) -> Vec<(&'static str, &'static str)> {
    let mut extra: Vec<&str> = Vec::new();
    let mut nth: Vec<(&str, usize)> = Vec::new();
    pairs
        .iter()
        .map(|d| {
            let at = match r.series.iter().position(|s| s.name == d.from) {
                Some(i) => i,
                None => {
                    let k = extra.iter().position(|n| *n == d.from).unwrap_or_else(|| {
                        extra.push(&d.from);
                        extra.len() - 1
                    });
                    r.series.len() + k
                }
            };
            let k = match nth.iter_mut().find(|(n, _)| *n == d.from) {
                Some((_, k)) => {
                    *k += 1;
                    *k
                }
                None => {
                    nth.push((&d.from, 0));
                    0
                }
            };
            (colour(at), PAIR_DASHES[k % PAIR_DASHES.len()])
        })
        .collect()
}

/// Mean tone of each directed speaker → target pair per day, week or month
/// ([`Report::time_unit`]).
pub fn dyads(r: &Report, id: &str) -> Option<String> {
    let unit = r.time_unit;
    let pairs: Vec<&super::Dyad> = r
        .dyads
        .iter()
        .filter(|d| !d.series.is_empty())
        .take(PALETTE.len())
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let days: Vec<f64> = pairs
        .iter()
        .flat_map(|d| unit.merge(&d.series))
        .map(|p| unit.middle(p.0))
        .collect();
    let lo = days.iter().copied().reduce(f64::min)?;
    let hi = days.iter().copied().reduce(f64::max)?;
    let pad = ((hi - lo) * 0.03).max(0.6);
    let labels: Vec<String> = pairs
        .iter()
        .map(|d| format!("{} → {}", d.from, d.to))
        .collect();
    let (legend_at, legend_rows) = legend_layout(labels.iter().map(String::as_str), 22.0);
    let legend_top = 380.0 - 18.0;
    let h = 380.0 + (legend_rows - 1) as f64 * LEGEND_ROW;
    let f = Frame {
        x0: LEFT,
        x1: W - RIGHT,
        y0: 16.0,
        y1: 316.0,
        d0: lo - pad,
        d1: hi + pad,
    };
    let mut o = String::new();
    let desc: Vec<String> = pairs
        .iter()
        .map(|d| {
            format!(
                "{} → {}: mean {} over {} statements",
                d.from,
                d.to,
                super::signed(d.tone.mean),
                d.tone.n
            )
        })
        .collect();
    open(
        &mut o,
        id,
        h,
        "Tone from each speaker toward each target",
        &desc.join("; "),
    );
    bands(&mut o, &f);
    date_ticks(&mut o, &f);
    let styles = pair_styles(r, &pairs);
    for (d, (c, dash)) in pairs.iter().zip(&styles) {
        let (c, dash) = (*c, *dash);
        let points = unit.merge(&d.series);
        let pts: Vec<String> = points
            .iter()
            .map(|p| format!("{:.1},{:.1}", f.x(unit.middle(p.0)), f.y(p.2)))
            .collect();
        if pts.len() > 1 {
            let _ = write!(
                o,
                r##"<polyline points="{}" fill="none" stroke="{c}" stroke-width="2"{dash}/>"##,
                pts.join(" ")
            );
        }
        for p in &points {
            let _ = write!(
                o,
                r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{c}"><title>{} → {}, {}: mean {} (n={})</title></circle>"##,
                f.x(unit.middle(p.0)),
                f.y(p.2),
                esc(&d.from),
                esc(&d.to),
                unit.label(p.0),
                super::signed(p.2),
                p.1
            );
        }
    }
    for ((label, (x, row)), (c, dash)) in labels.iter().zip(legend_at).zip(&styles) {
        let y = legend_top + row as f64 * LEGEND_ROW;
        let _ = write!(
            o,
            r##"<line x1="{x:.1}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="{c}" stroke-width="3"{dash}/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            x + 18.0,
            x + 22.0,
            y + 4.0,
            esc(label)
        );
    }
    o.push_str("</svg>");
    Some(o)
}

/// Shares of hit weight per category, one stacked bar per phase.
pub fn categories(r: &Report, id: &str) -> Option<String> {
    let t = &r.categories;
    if t.shares.sum() <= 0.0 {
        return None;
    }
    let bar_h = 26.0;
    let label_w = 150.0;
    let rows = t.rows.len() as f64;
    let legend_rows = t.names.len().div_ceil(5) as f64;
    let h = 20.0 + rows * (bar_h + 12.0) + 16.0 + legend_rows * 18.0 + 10.0;
    let mut o = String::new();
    let mut desc = Vec::new();
    let (mut hi, mut ci) = (0usize, 0usize);
    let colours: Vec<&str> = t
        .sides
        .iter()
        .map(|s| match s {
            Side::Hostile => {
                hi += 1;
                category_colour(*s, hi - 1)
            }
            Side::Cooperative => {
                ci += 1;
                category_colour(*s, ci - 1)
            }
        })
        .collect();
    for (ri, row) in t.rows.iter().enumerate() {
        let mut parts: Vec<(usize, f64)> = (0..t.names.len())
            .map(|c| (c, t.shares[[ri, c]]))
            .filter(|p| p.1 > 0.0)
            .collect();
        parts.sort_by(|a, b| b.1.total_cmp(&a.1));
        desc.push(format!(
            "{row}: {}",
            parts
                .iter()
                .take(4)
                .map(|(c, s)| format!("{} {:.0}%", t.names[*c], s * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    open(
        &mut o,
        id,
        h,
        "Kinds of language per phase (share of hit weight)",
        &desc.join("; "),
    );
    let x0 = label_w;
    let x1 = W - 20.0;
    for (ri, row) in t.rows.iter().enumerate() {
        let y = 20.0 + ri as f64 * (bar_h + 12.0);
        let _ = write!(
            o,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#222" font-weight="600">{}</text>"##,
            x0 - 8.0,
            y + bar_h / 2.0 + 4.0,
            esc(row)
        );
        let mut x = x0;
        for (c, (name, colour)) in t.names.iter().zip(&colours).enumerate() {
            let s = t.shares[[ri, c]];
            if s <= 0.0 {
                continue;
            }
            let w = s * (x1 - x0);
            let _ = write!(
                o,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{bar_h}" fill="{}"><title>{}: {} {:.0}%</title></rect>"##,
                colour,
                esc(row),
                name,
                s * 100.0
            );
            if w > 44.0 {
                let _ = write!(
                    o,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#fff" font-size="11">{} {:.0}%</text>"##,
                    x + w / 2.0,
                    y + bar_h / 2.0 + 4.0,
                    name,
                    s * 100.0
                );
            }
            x += w;
        }
    }
    let ly = 20.0 + rows * (bar_h + 12.0) + 10.0;
    for (c, name) in t.names.iter().enumerate() {
        let (col, row) = (c % 5, c / 5);
        let x = x0 + col as f64 * 140.0;
        let y = ly + row as f64 * 18.0;
        let _ = write!(
            o,
            r##"<rect x="{x:.1}" y="{y:.1}" width="11" height="11" fill="{}"/><text x="{:.1}" y="{:.1}" fill="#222" font-size="11">{}</text>"##,
            colours[c],
            x + 15.0,
            y + 10.0,
            name
        );
    }
    o.push_str("</svg>");
    Some(o)
}

/// A sparkline of means for the terminal: one block per point (a day, week or month with
/// data).
pub fn sparkline(points: &[(Day, u64, f64)]) -> String {
    const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    points
        .iter()
        .map(|p| BLOCKS[(((p.2.clamp(-1.0, 1.0) + 1.0) / 2.0 * 7.0).round() as usize).min(7)])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn stagger_separates_overlapping_labels() {
        let (rows, n) = stagger(&[(10.0, 60.0), (20.0, 60.0), (200.0, 30.0), (150.0, 60.0)]);
        assert_eq!(rows, vec![0, 1, 0, 1]);
        assert_eq!(n, 2);
    }
}
