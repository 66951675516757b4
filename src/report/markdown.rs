//! The Markdown report: the same sections as the HTML report as tables, with the charts written
//! as SVG files beside it and linked.

use super::charts;
use super::{Detection, Excerpt, Report, ci_range, signed};
use crate::score::{Label, rules};
use std::io::{self, Write};

/// Escapes text for a Markdown table cell or paragraph.
pub fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => o.push_str("\\|"),
            '\n' | '\r' => o.push(' '),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '*' | '_' | '`' | '[' | ']' | '#' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            c => o.push(c),
        }
    }
    o
}

/// Aliases grouped by the name they count as: `Rubio, Trump as United States; Gustavo Petro
/// as Petro`, the first [`ALIAS_GROUPS_SHOWN`] groups and a count of the rest.
pub(crate) fn describe_aliases(aliases: &crate::analysis::Aliases) -> String {
    let mut groups: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for (name, canonical) in aliases.iter() {
        groups.entry(canonical).or_default().push(name);
    }
    let mut parts: Vec<String> = groups
        .iter()
        .take(ALIAS_GROUPS_SHOWN)
        .map(|(canonical, names)| format!("{} as {canonical}", names.join(", ")))
        .collect();
    if groups.len() > ALIAS_GROUPS_SHOWN {
        parts.push(format!(
            "and {} more names",
            groups
                .values()
                .skip(ALIAS_GROUPS_SHOWN)
                .map(Vec::len)
                .sum::<usize>()
        ));
    }
    format!(
        "{} names counted as others: {}",
        aliases.len(),
        parts.join("; ")
    )
}

/// The before, after, shift and interval cells of a shifts table row.
fn shift_cells(s: &super::Shift) -> String {
    format!(
        "{} | {} | **{}** | {}",
        signed(s.mean_from),
        signed(s.mean_to),
        signed(s.delta),
        ci_range(&s.ci)
    )
}

/// Groups of aliases the method section lists by name.
const ALIAS_GROUPS_SHOWN: usize = 12;

/// The method and accounting facts, as (name, value) pairs shared by every renderer.
pub fn method_lines(r: &Report) -> Vec<(String, String)> {
    let m = &r.method;
    // With --split, the rows used became more statements than rows.
    let used = match r.summary.parts {
        0 => format!("{} used", r.summary.scored),
        n => format!("{} used (split into {n} statements)", r.summary.scored),
    };
    let mut lines = vec![
        ("Input".to_string(), m.input.clone()),
        (
            "Rows".to_string(),
            if m.selection.is_all() {
                format!(
                    "{} read, {used}, {} rejected; {} without a date (left out of the timeline and phases)",
                    r.summary.read, r.summary.rejected, m.undated
                )
            } else {
                format!(
                    "{} read, {used}, {} rejected, {} left out by the selection; {} without a date (left out of the timeline and phases)",
                    r.summary.read, r.summary.rejected, m.left_out, m.undated
                )
            },
        ),
    ];
    if !m.aliases.is_empty() {
        lines.push(("Aliases".to_string(), describe_aliases(&m.aliases)));
    }
    if !m.selection.is_all() {
        let mut v = m.selection.describe();
        if !m.unmatched.is_empty() {
            let names: Vec<String> = m
                .unmatched
                .iter()
                .map(|u| match &u.hint {
                    Some(h) => format!("{:?} ({h})", u.name),
                    None => format!("{:?}", u.name),
                })
                .collect();
            v.push_str(&format!("; no statement by {}", names.join(", ")));
        }
        lines.push(("Selection".to_string(), v));
    }
    lines.extend([
        (
            "Scores".to_string(),
            if m.rescored {
                "computed by this run".to_string()
            } else {
                "read from the input's score columns (tone, hits); highlights recomputed"
                    .to_string()
            },
        ),
        (
            "Lexicon".to_string(),
            format!(
                "{} (en {} entries, es {}), checksum {:016x}; detente {}",
                m.sources.join(" + "),
                m.entries.0,
                m.entries.1,
                m.checksum,
                m.version
            ),
        ),
        (
            "Tone".to_string(),
            format!(
                "sum of hit weights x normalized as x / sqrt(x² + {}), then placed in its band: a statement with a hit of a strong kind on its side ({}; {}) in the outer one, without in the inner one; labels: hostile ≤ {}, tense ≤ {}, neutral, conciliatory ≥ {}, cooperative ≥ {}",
                rules::ALPHA,
                m.strong_kinds[0].join(", "),
                m.strong_kinds[1].join(", "),
                rules::HOSTILE_MAX,
                rules::TENSE_MAX,
                rules::CONCILIATORY_MIN,
                rules::COOPERATIVE_MIN
            ),
        ),
        (
            "Intervals".to_string(),
            format!(
                "95% percentile bootstrap, {} replicates, seeded (SplitMix64 from a fixed seed and the group name), drawn from a tone histogram of bin {}; groups over {} statements use mean ± 1.96 SE (in a shift with a smaller group, they are resampled at that size and scaled to their own)",
                crate::analysis::stats::REPLICATES,
                crate::analysis::stats::BIN_WIDTH,
                crate::analysis::stats::BOOTSTRAP_MAX_N
            ),
        ),
        (
            "Turning point".to_string(),
            format!(
                "when no phases are given: the single split between days that minimizes the within-segment squared error of statement tones; called clear when fewer than {}% of {} seeded shuffles of the days split as well, and a drift rather than a turn when a least-squares line through the calendar days explains as much",
                Detection::CLEAR_P * 100.0,
                crate::analysis::stats::SHUFFLES
            ),
        ),
        (
            "Timeline".to_string(),
            format!(
                "{} of {} dated statements plotted (a fixed sample above {})",
                r.points.len(),
                r.dated,
                crate::analysis::MAX_POINTS
            ),
        ),
    ]);
    // Said only when it is not the default, so that a reader of a report made from
    // 04/01/2026-style dates knows which order they were read in.
    if m.date_format != crate::analysis::dates::DateFormat::Iso {
        lines.insert(
            2,
            (
                "Dates".to_string(),
                format!("read as {}", m.date_format.describe()),
            ),
        );
    }
    if r.time_unit != crate::analysis::dates::TimeUnit::Day {
        lines.push((
            "Lines".to_string(),
            format!(
                "{} means{} on the timeline and the who-to-whom chart (--time-unit; the zoom on the phases is by day)",
                r.time_unit.adjective(),
                if r.time_unit == crate::analysis::dates::TimeUnit::Week {
                    ", weeks from Monday"
                } else {
                    ""
                }
            ),
        ));
    }
    if m.reread {
        lines.push((
            "Memory".to_string(),
            format!(
                "more speakers and pairs day by day than the memory budget ({}) holds: the input was read once more to count statements per speaker and pair, and again keeping day-by-day figures only for those shown (the same report as keeping all)",
                if m.memory_budget.is_multiple_of(1 << 20) {
                    format!("{} MiB", m.memory_budget >> 20)
                } else {
                    format!("{} bytes", m.memory_budget)
                }
            ),
        ));
    }
    lines
}

/// Paths of the chart files written beside a Markdown report `stem.md`.
pub fn chart_names(stem: &str) -> [(String, &'static str); 4] {
    [
        (format!("{stem}-timeline.svg"), "timeline"),
        (format!("{stem}-phases.svg"), "phases"),
        (format!("{stem}-dyads.svg"), "dyads"),
        (format!("{stem}-categories.svg"), "categories"),
    ]
}

/// The charts to write beside the Markdown file: (file name, SVG).
pub fn charts_for(r: &Report, stem: &str) -> Vec<(String, String)> {
    let [t, p, d, c] = chart_names(stem);
    [
        (t.0, charts::timeline(r, None, t.1)),
        (p.0, charts::phases(r, p.1)),
        (d.0, charts::dyads(r, d.1)),
        (c.0, charts::categories(r, c.1)),
    ]
    .into_iter()
    .filter_map(|(n, svg)| svg.map(|s| (n, s)))
    .collect()
}

/// Renders the report as Markdown; `charts` lists the chart files (names relative to the
/// Markdown file) that exist beside it.
pub fn render<W: Write>(r: &Report, charts: &[String], out: &mut W) -> io::Result<()> {
    let mut o = String::new();
    let chart = |o: &mut String, suffix: &str, alt: &str| {
        if let Some(name) = charts.iter().find(|c| c.ends_with(suffix)) {
            o.push_str(&format!("![{alt}]({name})\n\n"));
        }
    };
    o.push_str(&format!("# {}\n\n", md(&r.title)));
    o.push_str(&format!(
        "{} statements from {}, {} dated.\n\n",
        r.statements(),
        md(&r.method.input),
        r.dated
    ));
    if let Some(scope) = r.scope() {
        o.push_str(&format!("{}\n\n", md(&scope)));
    }
    for h in &r.headlines {
        o.push_str(&format!("> {}\n>\n", md(h)));
    }
    if let Some(d) = r.detected {
        o.push_str(&format!("> **Detected**: {}\n", md(&d.sentence())));
    }
    o.push('\n');
    o.push_str("## Tone over time\n\n");
    chart(
        &mut o,
        "-timeline.svg",
        &format!(
            "Tone over time: statements and {} means per speaker, with events",
            r.time_unit.adjective()
        ),
    );
    if !r.events.is_empty() {
        o.push_str("| Date | Event |\n|---|---|\n");
        for e in &r.events {
            o.push_str(&format!("| {} | {} |\n", e.day, md(&e.label)));
        }
        o.push('\n');
    }
    if !r.phases.is_empty() {
        o.push_str("## Phases\n\n");
        chart(
            &mut o,
            "-phases.svg",
            "Mean tone per phase with 95% intervals",
        );
        o.push_str(
            "| Phase | Days | Speaker | n | Mean tone | 95% CI |\n|---|---|---|---:|---:|---|\n",
        );
        for t in &r.phase_tones {
            let p = &r.phases[t.phase];
            o.push_str(&format!(
                "| {} | {} – {} | {} | {} | {} | {} |\n",
                md(&p.name),
                p.start,
                p.end,
                md(t.speaker.as_deref().unwrap_or(super::ALL)),
                t.tone.n,
                signed(t.tone.mean),
                ci_range(&t.tone.ci)
            ));
        }
        o.push('\n');
        if !r.shifts.is_empty() {
            o.push_str("| Speaker | From | To | Before | After | Shift | 95% CI of the shift |\n|---|---|---|---:|---:|---:|---|\n");
            for s in &r.shifts {
                o.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    md(s.speaker.as_deref().unwrap_or(super::ALL)),
                    md(&r.phases[s.from].name),
                    md(&r.phases[s.to].name),
                    shift_cells(s)
                ));
            }
            o.push('\n');
        }
    }
    if !r.dyads.is_empty() {
        o.push_str("## Who to whom\n\n");
        chart(
            &mut o,
            "-dyads.svg",
            "Tone from each speaker toward each target",
        );
        o.push_str("| From | To | n | Mean tone | 95% CI |\n|---|---|---:|---:|---|\n");
        for d in &r.dyads {
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                md(&d.from),
                md(&d.to),
                d.tone.n,
                signed(d.tone.mean),
                ci_range(&d.tone.ci)
            ));
        }
        o.push('\n');
        if let Some(note) = r.omitted.pairs_note() {
            o.push_str(&format!("{}\n\n", md(&note)));
        }
        if !r.pair_shifts.is_empty() {
            o.push_str("| From | To | Phases | Before | After | Shift | 95% CI of the shift |\n|---|---|---|---:|---:|---:|---|\n");
            for p in &r.pair_shifts {
                let s = &p.shift;
                o.push_str(&format!(
                    "| {} | {} | {} → {} | {} |\n",
                    md(s.speaker.as_deref().unwrap_or("")),
                    md(&p.target),
                    md(&r.phases[s.from].name),
                    md(&r.phases[s.to].name),
                    shift_cells(s)
                ));
            }
            o.push('\n');
        }
    }
    o.push_str("## Kinds of language\n\n");
    chart(
        &mut o,
        "-categories.svg",
        "Share of hit weight per category and phase",
    );
    let t = &r.categories;
    o.push_str("| | ");
    o.push_str(&t.names.join(" | "));
    o.push_str(" |\n|---|");
    o.push_str(&"---:|".repeat(t.names.len()));
    o.push('\n');
    for (ri, row) in t.rows.iter().enumerate() {
        o.push_str(&format!("| {} |", md(row)));
        for c in 0..t.names.len() {
            let s = t.shares[[ri, c]];
            o.push_str(&if s > 0.0 {
                format!(" {:.0}% |", s * 100.0)
            } else {
                " |".to_string()
            });
        }
        o.push('\n');
    }
    o.push('\n');
    for (title, list) in [
        ("Most hostile statements", &r.hostile),
        ("Most cooperative statements", &r.cooperative),
    ] {
        o.push_str(&format!("## {title}\n\n"));
        if list.is_empty() {
            o.push_str("None.\n\n");
        }
        for h in list {
            let s = &h.statement;
            let ex = h.excerpt();
            let hits = h.hits_line(ex, ", ", |m| {
                format!("{} ({}) {}", md(&m.term), m.category, signed(m.weight))
            });
            let part = if ex.whole {
                String::new()
            } else {
                format!(", excerpt of {} characters", ex.chars)
            };
            o.push_str(&format!(
                "- **{}** ({}{}, {}): tone {} ({}{})  \n  {}  \n  hits: {}\n",
                md(&s.speaker),
                s.day
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "undated".to_string()),
                if s.target.is_empty() {
                    String::new()
                } else {
                    format!(", to {}", md(&s.target))
                },
                md(&s.id),
                signed(s.tone),
                s.label,
                part,
                highlight_md(h, ex),
                hits
            ));
        }
        o.push('\n');
    }
    o.push_str("## Speakers\n\n| Speaker | n | Mean tone | 95% CI |");
    for l in Label::ALL {
        o.push_str(&format!(" {l} |"));
    }
    o.push_str("\n|---|---:|---:|---|");
    o.push_str(&"---:|".repeat(Label::ALL.len()));
    o.push('\n');
    for s in &r.speakers {
        o.push_str(&format!(
            "| {} | {} | {} | {} |",
            md(&s.name),
            s.tone.n,
            signed(s.tone.mean),
            ci_range(&s.tone.ci)
        ));
        for c in s.labels {
            o.push_str(&format!(" {c} |"));
        }
        o.push('\n');
    }
    if let Some(note) = r.omitted.speakers_note() {
        o.push_str(&format!("\n{}\n", md(&note)));
    }
    o.push_str("\n## Method and accounting\n\n");
    for (k, v) in method_lines(r) {
        o.push_str(&format!("- **{k}**: {}\n", md(&v)));
    }
    out.write_all(o.as_bytes())
}

fn highlight_md(h: &super::Highlighted, ex: Excerpt) -> String {
    let text = &h.statement.text;
    let mut o = String::new();
    if ex.start > 0 {
        o.push_str("… ");
    }
    let mut at = ex.start;
    for m in h.marks_in(ex) {
        let (a, b) = m.span;
        if a < at {
            continue;
        }
        o.push_str(&md(&text[at..a]));
        o.push_str(&format!("**{}**", md(&text[a..b])));
        at = b;
    }
    o.push_str(&md(text.get(at..ex.end).unwrap_or("")));
    if ex.end < text.len() {
        o.push_str(" …");
    }
    o
}
