//! The self-contained HTML report: inline CSS and SVG, no scripts, no network; readable on a
//! phone, prints cleanly. Every piece of user text is escaped with [`charts::esc`].

use super::charts::{self, esc};
use super::{Excerpt, Highlighted, Report, ci_range, signed};
use crate::score::{Label, rules};
use std::io::{self, Write};

const CSS: &str = r#"
:root{--ink:#1d232b;--muted:#5b6470;--line:#d9dde3;--hostile:#b30000;--coop:#1a7f3c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fff}
main{max-width:980px;margin:0 auto;padding:24px 16px 48px}
h1{font-size:1.7rem;margin:0 0 4px}h2{font-size:1.25rem;margin:36px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 16px}
.headline{background:#f3f6fa;border-left:4px solid #1f3b73;padding:12px 16px;margin:16px 0}
.headline p{margin:4px 0}.headline .main{font-size:1.1rem;font-weight:600}
figure{margin:16px 0}figure svg{width:100%;height:auto;display:block}
figcaption{color:var(--muted);font-size:.9rem;margin-top:4px}
.table{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#f7f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.neg{color:var(--hostile)}.pos{color:var(--coop)}
.quote{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:10px 0}
.quote .meta{color:var(--muted);font-size:.85rem}
.quote blockquote{margin:6px 0;font-size:1rem}
mark{padding:0 2px;border-radius:3px}mark.h{background:#f7c6bf}mark.c{background:#bfe5cb}
.hits{font-size:.82rem;color:var(--muted)}
.detected{display:inline-block;background:#fff3cd;border:1px solid #e0c36a;border-radius:4px;padding:0 6px;font-size:.85rem}
dl.method{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:.9rem}dl.method dt{color:var(--muted)}dl.method dd{margin:0}
@media (max-width:600px){body{font-size:15px}h1{font-size:1.35rem}th,td{padding:4px 5px}figure{overflow-x:auto}figure svg{min-width:620px}}
@media print{main{max-width:none;padding:0}h2{break-after:avoid}figure,.quote,table{break-inside:avoid}.headline{border:1px solid #999}}
"#;

fn tone_class(t: f64) -> &'static str {
    if t <= rules::TENSE_MAX {
        "neg"
    } else if t >= rules::CONCILIATORY_MIN {
        "pos"
    } else {
        ""
    }
}

/// `word` with its first letter in capitals ("daily" -> "Daily").
fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn figure(o: &mut String, svg: Option<String>, caption: &str) {
    if let Some(svg) = svg {
        o.push_str("<figure>");
        o.push_str(&svg);
        o.push_str(&format!(
            "<figcaption>{}</figcaption></figure>\n",
            esc(caption)
        ));
    }
}

/// The statement's text with its hits wrapped in `<mark>` (escaped outside and inside).
pub fn highlight_html(h: &Highlighted, ex: Excerpt) -> String {
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
        o.push_str(&esc(&text[at..a]));
        o.push_str(&format!(
            r#"<mark class="{}" title="{}: {} {}">{}</mark>"#,
            if m.weight < 0.0 { "h" } else { "c" },
            esc(&m.term),
            esc(&m.category),
            signed(m.weight),
            esc(&text[a..b])
        ));
        at = b;
    }
    o.push_str(&esc(text.get(at..ex.end).unwrap_or("")));
    if ex.end < text.len() {
        o.push_str(" …");
    }
    o
}

fn statements(o: &mut String, list: &[Highlighted]) {
    if list.is_empty() {
        o.push_str("<p>None.</p>\n");
    }
    for h in list {
        let s = &h.statement;
        let date = s
            .day
            .map(|d| d.to_string())
            .unwrap_or_else(|| "undated".to_string());
        let target = if s.target.is_empty() {
            String::new()
        } else {
            format!(" → {}", esc(&s.target))
        };
        let ex = h.excerpt();
        let part = if ex.whole {
            String::new()
        } else {
            format!(" · excerpt of {} characters", ex.chars)
        };
        o.push_str(&format!(
            r#"<div class="quote"><div class="meta">{} · <strong>{}</strong>{} · id {} · tone <span class="{}">{}</span> ({}){}</div><blockquote>{}</blockquote><div class="hits">{}</div></div>"#,
            date,
            esc(&s.speaker),
            target,
            esc(&s.id),
            tone_class(s.tone),
            signed(s.tone),
            s.label,
            part,
            highlight_html(h, ex),
            h.hits_line(ex, " · ", |m| format!(
                "{} ({}) {}",
                esc(&m.term),
                esc(&m.category),
                signed(m.weight)
            ))
        ));
        o.push('\n');
    }
}

/// The before, after, shift and interval cells of a shifts table row.
fn shift_cells(s: &super::Shift) -> String {
    format!(
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num {}\"><strong>{}</strong></td><td>{}</td>",
        signed(s.mean_from),
        signed(s.mean_to),
        tone_class(s.delta),
        signed(s.delta),
        ci_range(&s.ci)
    )
}

/// Renders the whole report as one HTML document.
pub fn render<W: Write>(r: &Report, out: &mut W) -> io::Result<()> {
    let mut o = String::new();
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    o.push_str(&format!(
        "<title>{}</title><style>{CSS}</style></head><body><main>\n",
        esc(&r.title)
    ));
    o.push_str(&format!("<h1>{}</h1>\n", esc(&r.title)));
    o.push_str(&format!(
        "<p class=\"sub\">{} statements from {} · {} dated{} · scored with detente {}</p>\n",
        r.statements(),
        esc(&r.method.input),
        r.dated,
        if r.summary.rejected > 0 {
            format!(" · {} rows rejected", r.summary.rejected)
        } else {
            String::new()
        },
        r.method.version
    ));
    if let Some(scope) = r.scope() {
        o.push_str(&format!("<p class=\"sub\">{}</p>\n", esc(&scope)));
    }

    o.push_str("<section class=\"headline\" aria-label=\"Headline\">");
    for (i, h) in r.headlines.iter().enumerate() {
        o.push_str(&format!(
            "<p{}>{}</p>",
            if i == 0 { " class=\"main\"" } else { "" },
            esc(h)
        ));
    }
    if let Some(d) = r.detected {
        o.push_str(&format!(
            "<p><span class=\"detected\">detected</span> {}</p>",
            esc(&d.sentence())
        ));
    }
    o.push_str("</section>\n");

    o.push_str("<h2>Tone over time</h2>\n");
    figure(
        &mut o,
        charts::timeline(r, None, "timeline"),
        &format!(
            "Every dot is a statement; hover for the quote. Lines join each speaker's {} mean. Dashed vertical lines mark events; shaded columns mark phases.{}",
            r.time_unit.adjective(),
            if r.series.len() > 2 * charts::PALETTE.len() {
                " Speakers past the eighth reuse the colours with hollow dots and dashed lines, past the sixteenth with dark-ringed dots and dotted lines."
            } else if r.series.len() > charts::PALETTE.len() {
                " Speakers past the eighth reuse the colours with hollow dots and dashed lines."
            } else {
                ""
            }
        ),
    );
    if let (Some(first), Some(last)) = (r.phases.first(), r.phases.last())
        && let Some((lo, hi)) = data_span(r)
        && (last.end.0 - first.start.0 + 1) * 10 < (hi - lo + 1) * 4
    {
        let clip = (
            crate::analysis::dates::Day(first.start.0 - 2),
            crate::analysis::dates::Day(last.end.0 + 2),
        );
        figure(
            &mut o,
            charts::timeline(r, Some(clip), "timeline-zoom"),
            "The same chart zoomed on the phases.",
        );
    }

    if !r.phases.is_empty() {
        o.push_str("<h2>Phases</h2>\n");
        if r.detected.is_some() {
            o.push_str("<p><span class=\"detected\">detected</span> These phases come from change-point detection, not from you; pass <code>--phase</code> to compare your own.</p>\n");
        }
        figure(
            &mut o,
            charts::phases(r, "phases"),
            &format!(
                "Squares are mean tone; whiskers are 95% confidence intervals (seeded bootstrap, so the report is reproducible; normal approximation for groups over {} statements).",
                crate::analysis::stats::BOOTSTRAP_MAX_N
            ),
        );
        o.push_str("<div class=\"table\"><table><thead><tr><th>Phase</th><th>Days</th><th>Speaker</th><th class=\"num\">n</th><th class=\"num\">Mean tone</th><th>95% CI</th></tr></thead><tbody>\n");
        for t in &r.phase_tones {
            let p = &r.phases[t.phase];
            o.push_str(&format!(
                "<tr><td>{}</td><td>{} – {}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td><td>{}</td></tr>\n",
                esc(&p.name),
                p.start,
                p.end,
                esc(t.speaker.as_deref().unwrap_or(super::ALL)),
                t.tone.n,
                tone_class(t.tone.mean),
                signed(t.tone.mean),
                ci_range(&t.tone.ci)
            ));
        }
        o.push_str("</tbody></table></div>\n");
        if !r.shifts.is_empty() {
            o.push_str("<h3>Shifts between phases</h3><div class=\"table\"><table><thead><tr><th>Speaker</th><th>From</th><th>To</th><th class=\"num\">Before</th><th class=\"num\">After</th><th class=\"num\">Shift</th><th>95% CI of the shift</th></tr></thead><tbody>\n");
            for s in &r.shifts {
                o.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n",
                    esc(s.speaker.as_deref().unwrap_or(super::ALL)),
                    esc(&r.phases[s.from].name),
                    esc(&r.phases[s.to].name),
                    shift_cells(s)
                ));
            }
            o.push_str("</tbody></table></div>\n");
        }
    }

    if !r.dyads.is_empty() {
        o.push_str("<h2>Who to whom</h2>\n");
        figure(
            &mut o,
            charts::dyads(r, "dyads"),
            &format!(
                "{} mean tone of each speaker toward each target (A → B and B → A), in the speaker's colour on the timeline, one dash pattern per target.",
                capitalized(r.time_unit.adjective())
            ),
        );
        o.push_str("<div class=\"table\"><table><thead><tr><th>From</th><th>To</th><th class=\"num\">n</th><th class=\"num\">Mean tone</th><th>95% CI</th></tr></thead><tbody>\n");
        for d in &r.dyads {
            o.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td><td>{}</td></tr>\n",
                esc(&d.from),
                esc(&d.to),
                d.tone.n,
                tone_class(d.tone.mean),
                signed(d.tone.mean),
                ci_range(&d.tone.ci)
            ));
        }
        o.push_str("</tbody></table></div>\n");
        if let Some(note) = r.omitted.pairs_note() {
            o.push_str(&format!("<p class=\"sub\">{}</p>\n", esc(&note)));
        }
        if !r.pair_shifts.is_empty() {
            o.push_str("<h3>Shifts between phases, by pair</h3><div class=\"table\"><table><thead><tr><th>From</th><th>To</th><th>Phases</th><th class=\"num\">Before</th><th class=\"num\">After</th><th class=\"num\">Shift</th><th>95% CI of the shift</th></tr></thead><tbody>\n");
            for p in &r.pair_shifts {
                let s = &p.shift;
                o.push_str(&format!(
                    "<tr><td>{}</td><td>{}</td><td>{} → {}</td>{}</tr>\n",
                    esc(s.speaker.as_deref().unwrap_or("")),
                    esc(&p.target),
                    esc(&r.phases[s.from].name),
                    esc(&r.phases[s.to].name),
                    shift_cells(s)
                ));
            }
            o.push_str("</tbody></table></div>\n");
        }
    }

    o.push_str("<h2>Kinds of language</h2>\n");
    figure(
        &mut o,
        charts::categories(r, "categories"),
        "Share of the absolute weight of lexicon hits by category; reds are hostile categories, greens and blues cooperative ones.",
    );

    o.push_str("<h2>Most hostile statements</h2>\n");
    statements(&mut o, &r.hostile);
    o.push_str("<h2>Most cooperative statements</h2>\n");
    statements(&mut o, &r.cooperative);

    o.push_str("<h2>Speakers</h2><div class=\"table\"><table><thead><tr><th>Speaker</th><th class=\"num\">n</th><th class=\"num\">Mean tone</th><th>95% CI</th>");
    for l in Label::ALL {
        o.push_str(&format!("<th class=\"num\">{l}</th>"));
    }
    o.push_str("</tr></thead><tbody>\n");
    for s in &r.speakers {
        o.push_str(&format!(
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num {}\">{}</td><td>{}</td>",
            esc(&s.name),
            s.tone.n,
            tone_class(s.tone.mean),
            signed(s.tone.mean),
            ci_range(&s.tone.ci)
        ));
        for c in s.labels {
            o.push_str(&format!("<td class=\"num\">{c}</td>"));
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n");
    if let Some(note) = r.omitted.speakers_note() {
        o.push_str(&format!("<p class=\"sub\">{}</p>\n", esc(&note)));
    }

    o.push_str("<h2>Method and accounting</h2><dl class=\"method\">");
    for (k, v) in super::markdown::method_lines(r) {
        o.push_str(&format!("<dt>{}</dt><dd>{}</dd>", esc(&k), esc(&v)));
    }
    o.push_str("</dl>\n</main></body></html>\n");
    out.write_all(o.as_bytes())
}

fn data_span(r: &Report) -> Option<(i32, i32)> {
    let days: Vec<i32> = r
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0.0))
        .collect();
    Some((*days.iter().min()?, *days.iter().max()?))
}
