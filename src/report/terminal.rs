//! The terminal summary: headlines, a compact per-speaker, per-phase table and a sparkline of
//! daily mean tone per speaker.

use super::charts::sparkline;
use super::{Report, ci_text, signed};
use std::io::{self, Write};

/// Renders the summary as plain text.
pub fn render<W: Write>(r: &Report, out: &mut W) -> io::Result<()> {
    let mut o = String::new();
    o.push_str(&format!(
        "{}\n{}\n",
        r.title,
        "=".repeat(r.title.chars().count().min(78))
    ));
    o.push_str(&format!(
        "{} statements ({} dated) from {}; {} rows rejected\n",
        r.statements(),
        r.dated,
        r.method.input,
        r.summary.rejected
    ));
    let m = &r.method;
    if !m.aliases.is_empty() {
        o.push_str(&format!(
            "Aliases: {}\n",
            super::markdown::describe_aliases(&m.aliases)
        ));
    }
    if !m.selection.is_all() {
        o.push_str(&format!(
            "Selection: {}; {} rows left out\n",
            m.selection.describe(),
            m.left_out
        ));
    }
    o.push('\n');
    for h in &r.headlines {
        o.push_str(&format!("* {h}\n"));
    }
    if let Some(d) = r.detected {
        o.push_str(&format!("  DETECTED: {}\n", d.sentence()));
    }
    o.push('\n');
    let name_w = r
        .speakers
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 24);
    // Lookups by name, so that a report of many speakers is not quadratic.
    // Built in reverse so that, as with a search from the front, the first entry of a name
    // wins (a speaker called "All speakers" does not replace the group).
    let tones: std::collections::HashMap<(&str, usize), &super::PhaseTone> = r
        .phase_tones
        .iter()
        .rev()
        .map(|t| ((t.speaker.as_deref().unwrap_or(super::ALL), t.phase), t))
        .collect();
    let series: std::collections::HashMap<&str, &super::Series> = std::iter::once(&r.overall)
        .chain(&r.series)
        .rev()
        .map(|x| (x.name.as_str(), x))
        .collect();
    if !r.phases.is_empty() {
        o.push_str(&format!("{:<name_w$}", "speaker"));
        for p in &r.phases {
            o.push_str(&format!(" {:>16}", truncate(&p.name, 16)));
        }
        o.push('\n');
        for s in &r.speakers {
            o.push_str(&format!("{:<name_w$}", truncate(&s.name, name_w)));
            for (pi, _) in r.phases.iter().enumerate() {
                let cell = tones
                    .get(&(s.name.as_str(), pi))
                    .map(|t| format!("{} (n={})", signed(t.tone.mean), t.tone.n))
                    .unwrap_or_else(|| "-".to_string());
                o.push_str(&format!(" {cell:>16}"));
            }
            o.push('\n');
        }
        o.push('\n');
        for sh in r.shifts.iter().filter(|s| s.speaker.is_none()) {
            o.push_str(&format!(
                "shift {} -> {}: {} ({})\n",
                r.phases[sh.from].name,
                r.phases[sh.to].name,
                signed(sh.delta),
                ci_text(&sh.ci)
            ));
        }
        o.push('\n');
    }
    o.push_str(&format!(
        "{:<name_w$} {:>6} {:>6}  {} mean tone\n",
        "speaker",
        "n",
        "mean",
        r.time_unit.adjective()
    ));
    for s in &r.speakers {
        let spark = series
            .get(s.name.as_str())
            .map(|x| sparkline(&r.time_unit.merge(&x.points)))
            .unwrap_or_default();
        o.push_str(&format!(
            "{:<name_w$} {:>6} {:>6}  {}\n",
            truncate(&s.name, name_w),
            s.tone.n,
            signed(s.tone.mean),
            spark
        ));
    }
    if let Some(note) = r.omitted.speakers_note() {
        o.push_str(&format!("{note}\n"));
    }
    // Who to whom: each pair's statements and mean tone, then its shifts between the phases
    // given.
    if !r.dyads.is_empty() {
        let label = |from: &str, to: &str| format!("{from} → {to}");
        let pair_w = r
            .dyads
            .iter()
            .map(|d| label(&d.from, &d.to).chars().count())
            .max()
            .unwrap_or(0)
            .clamp(4, 40);
        o.push_str(&format!("\n{:<pair_w$} {:>6} {:>6}\n", "pair", "n", "mean"));
        for d in &r.dyads {
            o.push_str(&format!(
                "{:<pair_w$} {:>6} {:>6}\n",
                truncate(&label(&d.from, &d.to), pair_w),
                d.tone.n,
                signed(d.tone.mean)
            ));
        }
        for p in &r.pair_shifts {
            let sh = &p.shift;
            o.push_str(&format!(
                "{} shift {} -> {}: {} ({})\n",
                label(sh.speaker.as_deref().unwrap_or(""), &p.target),
                r.phases[sh.from].name,
                r.phases[sh.to].name,
                signed(sh.delta),
                ci_text(&sh.ci)
            ));
        }
        if let Some(note) = r.omitted.pairs_note() {
            o.push_str(&format!("{note}\n"));
        }
    }
    if let Some(h) = r.hostile.first() {
        o.push_str(&format!(
            "\nmost hostile:     {} {}: {}\n",
            signed(h.statement.tone),
            h.statement.speaker,
            truncate(&h.statement.text, 90)
        ));
    }
    if let Some(c) = r.cooperative.first() {
        o.push_str(&format!(
            "most cooperative: {} {}: {}\n",
            signed(c.statement.tone),
            c.statement.speaker,
            truncate(&c.statement.text, 90)
        ));
    }
    out.write_all(o.as_bytes())
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}
