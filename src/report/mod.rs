//! The tone report: a [`Report`] model built from the streaming aggregates (phases, shifts with
//! bootstrap intervals, a detected turning point, dyads, categories, the most hostile and most
//! cooperative statements), and its renderers: [`html`], [`markdown`], [`terminal`], with the
//! charts in [`charts`], and the numbers behind the tone lines as CSV in [`series`].

pub mod charts;
mod events;
pub mod html;
pub mod json;
pub mod markdown;
mod read;
pub mod series;
pub mod terminal;

pub use events::{read_events, read_events_as};
pub use read::{
    ScoreColumns, parse_hits, report_from_reader, report_from_reopenable, score_columns,
};

use crate::analysis::dates::Day;
use crate::analysis::stats;
use crate::analysis::stats::{
    Interval, IntervalMethod, ToneStats, change_point, mean_interval_on, shift_interval_on,
};
use crate::analysis::{Accumulator, Aliases, Cell, Kept, Pair};
use crate::lexicon::Side;
use crate::score::batch::Pool;
use crate::score::{Hit, Label, Scorer};
use crate::table::Summary;
use ndarray::Array2;

/// A dated event to mark on the charts.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The day.
    pub day: Day,
    /// What happened.
    pub label: String,
}

/// A named span of days (inclusive) to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    /// Name shown in tables and headlines.
    pub name: String,
    /// First day.
    pub start: Day,
    /// Last day (inclusive).
    pub end: Day,
}

impl Phase {
    /// True when `day` falls in the phase.
    pub fn contains(&self, day: Day) -> bool {
        self.start <= day && day <= self.end
    }
}

/// What the user asked the report to show.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Title at the top.
    pub title: String,
    /// Events to mark.
    pub events: Vec<Event>,
    /// Phases to compare; empty means detect a turning point.
    pub phases: Vec<Phase>,
    /// Name of the input, for the method section.
    pub input: String,
    /// Speakers shown one by one, the most prolific first (also the number of speaker-target
    /// pairs shown); the others count in "All speakers" only. 0 shows every one.
    pub max_speakers: usize,
    /// How the input's date column is written (ISO `YYYY-MM-DD` by default).
    pub date_format: crate::analysis::dates::DateFormat,
    /// The time unit of the tone lines (daily, weekly or monthly means); `Auto` picks it from
    /// the span of the dates ([`crate::analysis::dates::TimeUnit::resolve`]).
    pub time_unit: crate::analysis::dates::TimeUnit,
    /// Bytes the per-speaker and per-pair day aggregates may take before
    /// [`read::report_from_reopenable`] reads its input again to keep them only for the
    /// speakers and pairs shown (`None`: [`crate::analysis::DEFAULT_BUDGET`], 16 MiB).
    pub memory_budget: Option<usize>,
    /// Which statements the report is about (`--speaker`, `--from`, `--to`). The others are
    /// read and checked (a bad row is still rejected) but not scored or counted anywhere but
    /// in [`Method::left_out`]. Its speakers are names after [`ReportOptions::aliases`].
    pub selection: Selection,
    /// Speaker and target names counted as other names (`--alias`, `--aliases`).
    pub aliases: Aliases,
}

/// The statements a report is about: by speaker and by a window of days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Speakers, as the report names them (trimmed; a blank speaker is `(unknown)`). Empty:
    /// every speaker.
    pub speakers: Vec<String>,
    /// First day kept (inclusive). With `from` or `to`, undated statements are left out.
    pub from: Option<Day>,
    /// Last day kept (inclusive).
    pub to: Option<Day>,
}

impl Selection {
    /// True when it keeps every statement.
    pub fn is_all(&self) -> bool {
        self.speakers.is_empty() && self.from.is_none() && self.to.is_none()
    }

    /// Whether a statement with this speaker field (as the row spells it) and day is kept,
    /// the speaker's name counted as `aliases` say.
    pub fn admits(&self, speaker: &[u8], day: Option<Day>, aliases: &Aliases) -> bool {
        if self.from.is_some() || self.to.is_some() {
            let Some(d) = day else { return false };
            if self.from.is_some_and(|f| d < f) || self.to.is_some_and(|t| d > t) {
                return false;
            }
        }
        if self.speakers.is_empty() {
            return true;
        }
        aliases.with_speaker(speaker, |name| self.speakers.iter().any(|s| s == name))
    }

    /// The selection in words, for the method section: `statements by A, B, dated 2026-01-01
    /// to 2026-02-28`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.speakers.is_empty() {
            parts.push(format!("statements by {}", self.speakers.join(", ")));
        }
        match (self.from, self.to) {
            (Some(f), Some(t)) => parts.push(format!("dated {f} to {t}")),
            (Some(f), None) => parts.push(format!("dated {f} or later")),
            (None, Some(t)) => parts.push(format!("dated {t} or earlier")),
            (None, None) => {}
        }
        if parts.is_empty() {
            "every statement".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl ReportOptions {
    /// [`ReportOptions::memory_budget`], or the default.
    pub fn budget(&self) -> usize {
        self.memory_budget
            .unwrap_or(crate::analysis::DEFAULT_BUDGET)
    }
}

/// What a report leaves out under [`ReportOptions::max_speakers`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Speakers not shown one by one.
    pub speakers: usize,
    /// Their statements (counted in "All speakers").
    pub statements: u64,
    /// Speaker-target pairs not shown.
    pub pairs: usize,
}

impl Omitted {
    /// The sentence under the speaker tables, when speakers were left out.
    pub fn speakers_note(&self) -> Option<String> {
        (self.speakers > 0).then(|| {
            format!(
                "{} more speaker{} ({} statement{}) are counted in {ALL} only; \
                 --top-speakers 0 lists every speaker.",
                self.speakers,
                if self.speakers == 1 { "" } else { "s" },
                self.statements,
                if self.statements == 1 { "" } else { "s" },
            )
        })
    }

    /// The sentence under the speaker-target table, when pairs were left out.
    pub fn pairs_note(&self) -> Option<String> {
        (self.pairs > 0).then(|| {
            format!(
                "{} more speaker-target pair{} not shown; --top-speakers sets how many are.",
                self.pairs,
                if self.pairs == 1 { "" } else { "s" },
            )
        })
    }
}

/// Mean tone of a group with its interval.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTone {
    /// Statements.
    pub n: u64,
    /// Mean tone.
    pub mean: f64,
    /// 95% interval (none under two statements).
    pub ci: Option<Interval>,
}

impl GroupTone {
    fn of(pool: &Pool, t: &ToneStats, name: &str) -> GroupTone {
        GroupTone {
            n: t.n,
            mean: t.mean(),
            ci: mean_interval_on(pool, t, name),
        }
    }
}

/// One speaker's (or everyone's) overall numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRow {
    /// Speaker name, or "All speakers".
    pub name: String,
    /// Tone over all its statements.
    pub tone: GroupTone,
    /// Statements per label, hostile to cooperative.
    pub labels: [u64; 5],
}

/// A daily mean series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Whose statements.
    pub name: String,
    /// (day, statements, mean tone).
    pub points: Vec<(Day, u64, f64)>,
}

/// Tone of a group within one phase.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseTone {
    /// Index into [`Report::phases`].
    pub phase: usize,
    /// Speaker, or `None` for everyone.
    pub speaker: Option<String>,
    /// The numbers.
    pub tone: GroupTone,
}

/// The change of mean tone between two phases.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    /// Speaker, or `None` for everyone.
    pub speaker: Option<String>,
    /// Earlier phase index.
    pub from: usize,
    /// Later phase index.
    pub to: usize,
    /// Mean tone in the earlier phase.
    pub mean_from: f64,
    /// Mean tone in the later phase.
    pub mean_to: f64,
    /// Statements in each.
    pub n: (u64, u64),
    /// `mean_to - mean_from`.
    pub delta: f64,
    /// 95% interval of the shift.
    pub ci: Option<Interval>,
}

/// The change of mean tone from one speaker toward one target between two phases (given or
/// detected).
#[derive(Debug, Clone, PartialEq)]
pub struct PairShift {
    /// The target (the speaker is `shift.speaker`).
    pub target: String,
    /// The shift, as a speaker's.
    pub shift: Shift,
}

/// Tone from one speaker toward one target.
#[derive(Debug, Clone, PartialEq)]
pub struct Dyad {
    /// Speaker.
    pub from: String,
    /// Target.
    pub to: String,
    /// Statements and mean tone.
    pub tone: GroupTone,
    /// Daily means.
    pub series: Vec<(Day, u64, f64)>,
}

/// A matched span of a statement shown highlighted.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Byte range in the text.
    pub span: (usize, usize),
    /// Lexicon term.
    pub term: String,
    /// Category as reported.
    pub category: String,
    /// Weight after the rules.
    pub weight: f64,
}

/// A statement with the words that made its tone.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlighted {
    /// The statement.
    pub statement: Kept,
    /// Its hits inside [`Highlighted::excerpt`], in text order: all of them when the
    /// statement is quoted whole.
    pub marks: Vec<Mark>,
    /// How many hits the whole statement has.
    pub hits: usize,
    /// The part of the statement the report quotes.
    pub quoted: Excerpt,
}

/// A statement longer than this many characters is quoted in the report's lists of most
/// hostile and most cooperative statements as an excerpt of about this length around its
/// strongest hit: a speech pasted as one field stays readable, and the page stays small.
pub const QUOTE_CHARS: usize = 600;

/// How far an excerpt's ends move, at most, to fall between words (characters).
const QUOTE_SNAP: usize = 40;

/// The part of a [`Highlighted`] statement the report quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excerpt {
    /// Byte range of the quoted text, on character boundaries.
    pub start: usize,
    /// End of the range (exclusive).
    pub end: usize,
    /// Characters in the whole text.
    pub chars: usize,
    /// Whether the range is the whole text.
    pub whole: bool,
}

impl Highlighted {
    /// `statement` with its hits as `marks` (in text order): the excerpt is chosen
    /// ([`excerpt_of`]) and only the marks inside it are kept, so that a long speech's
    /// thousands of hits do not stay in memory for one quote.
    pub fn new(statement: Kept, marks: Vec<Mark>) -> Highlighted {
        Highlighted::of_hits(statement, &marks, |m| (m.span, m.weight), Mark::clone)
    }

    /// [`Highlighted::new`] from any kind of hit, given its span and weight: `mark` is called
    /// only for the hits inside the excerpt.
    fn of_hits<T>(
        statement: Kept,
        hits: &[T],
        span_weight: impl Fn(&T) -> ((usize, usize), f64),
        mark: impl Fn(&T) -> Mark,
    ) -> Highlighted {
        let quoted = excerpt_of(
            &statement.text,
            statement.tone,
            hits.iter().map(&span_weight),
        );
        let marks = hits
            .iter()
            .filter(|h| inside(&statement.text, quoted, span_weight(h).0))
            .map(mark)
            .collect();
        Highlighted {
            statement,
            marks,
            hits: hits.len(),
            quoted,
        }
    }

    /// The text the report quotes (see [`excerpt_of`]).
    pub fn excerpt(&self) -> Excerpt {
        self.quoted
    }

    /// The line of hits under a quote of `excerpt`: the marks inside it as `item` writes
    /// them, joined by `sep`, then for an excerpt how many more the whole statement has.
    pub fn hits_line(&self, excerpt: Excerpt, sep: &str, item: impl Fn(&Mark) -> String) -> String {
        let shown: Vec<String> = self.marks_in(excerpt).map(item).collect();
        let more = self.hits.saturating_sub(shown.len());
        let mut o = shown.join(sep);
        if more > 0 && !excerpt.whole {
            if !shown.is_empty() {
                o.push_str(sep);
            }
            o.push_str(&format!("and {more} more in the whole statement"));
        }
        o
    }

    /// The marks inside `excerpt`, in text order.
    pub fn marks_in(&self, excerpt: Excerpt) -> impl Iterator<Item = &Mark> {
        self.marks
            .iter()
            .filter(move |m| inside(&self.statement.text, excerpt, m.span))
    }
}

/// The part of a statement of tone `tone` the report quotes, given its hits' spans and
/// weights: all of it up to [`QUOTE_CHARS`] characters; beyond that about [`QUOTE_CHARS`]
/// characters around the strongest hit on the side of the statement's tone (the most hostile
/// hit of a hostile statement, the most cooperative of a cooperative one; the first such hit
/// when several weigh the same), half of them before it, with the ends moved to fall between
/// words.
pub fn excerpt_of(
    text: &str,
    tone: f64,
    hits: impl Iterator<Item = ((usize, usize), f64)>,
) -> Excerpt {
    let chars = text.chars().count();
    if chars <= QUOTE_CHARS {
        return Excerpt {
            start: 0,
            end: text.len(),
            chars,
            whole: true,
        };
    }
    let sign = if tone < 0.0 { -1.0 } else { 1.0 };
    let mut anchor: Option<((usize, usize), f64)> = None;
    for (span, weight) in hits.filter(|&(span, _)| quotable(text, span)) {
        if anchor.is_none_or(|(_, a)| weight * sign > a * sign) {
            anchor = Some((span, weight));
        }
    }
    let at = anchor.map_or(0, |(span, _)| span.0);
    // Byte index `n` characters before or after byte index `i` (or the text's end).
    let back = |i: usize, n: usize| {
        text[..i]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(j, _)| j)
    };
    let ahead = |i: usize, n: usize| {
        text[i..]
            .char_indices()
            .nth(n)
            .map_or(text.len(), |(j, _)| i + j)
    };
    let mut start = back(at, QUOTE_CHARS / 2);
    let mut end = ahead(start, QUOTE_CHARS);
    if end == text.len() {
        start = back(end, QUOTE_CHARS);
    }
    // Between words: the start after a space within QUOTE_SNAP characters, the end at one.
    if start > 0 {
        let limit = ahead(start, QUOTE_SNAP);
        if let Some(j) = text[start..limit].find(char::is_whitespace) {
            start += j;
            start = ahead(start, 1);
        }
    }
    if end < text.len() {
        let limit = back(end, QUOTE_SNAP);
        if let Some(j) = text[limit..end].rfind(char::is_whitespace) {
            end = limit + j;
        }
    }
    Excerpt {
        start,
        end,
        chars,
        whole: false,
    }
}

/// Whether `span` is a range of `text` on character boundaries inside `excerpt`.
fn inside(text: &str, excerpt: Excerpt, span: (usize, usize)) -> bool {
    quotable(text, span) && span.0 >= excerpt.start && span.1 <= excerpt.end
}

/// Whether `span` is a range of `text` on character boundaries.
fn quotable(text: &str, (a, b): (usize, usize)) -> bool {
    a <= b && text.get(a..b).is_some()
}

/// Categories per phase: each row's shares of absolute hit weight.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryTable {
    /// Row names (phases, or "All statements").
    pub rows: Vec<String>,
    /// Category names (columns).
    pub names: Vec<String>,
    /// Category sides.
    pub sides: Vec<Side>,
    /// Shares, rows × categories; each non-empty row sums to 1.
    pub shares: Array2<f64>,
}

/// How the numbers were made.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    /// detente version.
    pub version: &'static str,
    /// Lexicon checksum (all sources in use).
    pub checksum: u64,
    /// Entries in use per language (en, es).
    pub entries: (usize, usize),
    /// Lexicon sources ("built-in", user file names).
    pub sources: Vec<String>,
    /// Scores were computed here (true) or read from the input's score columns.
    pub rescored: bool,
    /// Rows without a date (left out of timeline and phases).
    pub undated: u64,
    /// Input name.
    pub input: String,
    /// How the input's dates were read.
    pub date_format: crate::analysis::dates::DateFormat,
    /// The input was read again (twice) so that only the speakers and pairs shown kept their
    /// day-by-day aggregates: it had more than the memory budget holds.
    pub reread: bool,
    /// Estimated bytes the per-speaker and per-pair day aggregates took (see
    /// [`Accumulator::detail_bytes`]).
    pub detail_bytes: usize,
    /// The budget for them ([`ReportOptions::budget`]).
    pub memory_budget: usize,
    /// The statements the report is about ([`ReportOptions::selection`]).
    pub selection: Selection,
    /// Rows read, valid, and left out by the selection.
    pub left_out: u64,
    /// Speakers of the selection with no statement in it (a misspelt name, or none in the
    /// window of days), each with a hint when one can be given.
    pub unmatched: Vec<Unmatched>,
    /// Names counted as other names ([`ReportOptions::aliases`]).
    pub aliases: Aliases,
    /// The strong kinds of each side, hostile then cooperative
    /// ([`crate::lexicon::Categories::strong_names`]), for the method's note on bands.
    pub strong_kinds: [Vec<String>; 2],
}

/// A `--speaker` with no statement in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The name given.
    pub name: String,
    /// Why, when it can be told: `did you mean "Petro"?` (a speaker of the file whose name
    /// differs only in case, accents or a few letters), or that its statements all fall
    /// outside the window of days.
    pub hint: Option<String>,
}

impl Unmatched {
    /// The hint for `name` among the speakers of the report (`kept`) and of the rows left out
    /// (`left_out`).
    fn new<'a>(
        name: &str,
        kept: impl Iterator<Item = &'a str>,
        left_out: impl Iterator<Item = &'a str> + Clone,
        dated_window: bool,
    ) -> Unmatched {
        let hint = if dated_window && left_out.clone().any(|n| n == name) {
            Some("its statements all fall outside --from/--to".to_string())
        } else {
            closest(name, kept.chain(left_out)).map(|n| format!("did you mean {n:?}?"))
        };
        Unmatched {
            name: name.to_string(),
            hint,
        }
    }
}

/// The name among `names` closest to `name`: equal but for case and accents, else one being a
/// word of the other, else within a few edits (a third of its length, at least one); `None`
/// when none is that close. Ties go
/// to the alphabetically first, so the hint does not depend on reading order.
fn closest<'a>(name: &str, names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let fold = |s: &str| crate::text::fold_term(s);
    let folded = fold(name);
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for n in names {
        if n == name {
            continue;
        }
        let other = fold(n);
        // A name one of whose words is the other's whole name ("Gustavo Petro", "Petro") is
        // as close as one edit.
        let within = |a: &str, b: &str| a.split_whitespace().any(|w| w == b);
        let d = if other == folded {
            0
        } else if within(&other, &folded) || within(&folded, &other) {
            1
        } else {
            edit_distance(&folded, &other)
        };
        if d <= limit && best.is_none_or(|(bd, bn)| d < bd || (d == bd && n < bn)) {
            best = Some((d, n));
        }
    }
    best.map(|(_, n)| n)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Title.
    pub title: String,
    /// Rows read, used and rejected.
    pub summary: Summary,
    /// One sentence per group on how tone moved.
    pub headlines: Vec<String>,
    /// Speakers and pairs left out (see [`ReportOptions::max_speakers`]).
    pub omitted: Omitted,
    /// Everyone, then each speaker by number of statements.
    pub speakers: Vec<SpeakerRow>,
    /// Daily means per speaker (same order as `speakers`, without "All").
    pub series: Vec<Series>,
    /// The unit the timeline and the who-to-whom chart draw their lines in (never `Auto`):
    /// the daily series are merged into it when drawn.
    pub time_unit: crate::analysis::dates::TimeUnit,
    /// Daily means over all speakers.
    pub overall: Series,
    /// Plotted statements (a deterministic sample when large).
    pub points: Vec<Kept>,
    /// Dated statements in all.
    pub dated: u64,
    /// Events.
    pub events: Vec<Event>,
    /// Phases compared (given, or detected).
    pub phases: Vec<Phase>,
    /// The phases were detected, not given: how well the split separates the days.
    pub detected: Option<Detection>,
    /// Tone per phase, everyone first, then per speaker.
    pub phase_tones: Vec<PhaseTone>,
    /// Shifts between consecutive phases, everyone first, then per speaker.
    pub shifts: Vec<Shift>,
    /// Directed speaker → target pairs.
    pub dyads: Vec<Dyad>,
    /// The shown pairs' shifts between consecutive phases (given or detected) in which they
    /// spoke, in the order of [`Report::dyads`].
    pub pair_shifts: Vec<PairShift>,
    /// Categories per phase.
    pub categories: CategoryTable,
    /// Most hostile statements.
    pub hostile: Vec<Highlighted>,
    /// Most cooperative statements.
    pub cooperative: Vec<Highlighted>,
    /// Method and accounting.
    pub method: Method,
}

/// (day, statements, mean tone) per day.
type DailyMeans = Vec<(Day, u64, f64)>;

/// A turning point found by [`stats::change_point`] when no phases were given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// The share of the statements' squared error around the mean that the split removes.
    pub gain: f64,
    /// How often the same days in a random order split as well
    /// ([`stats::change_point_p`]): small means unlikely to be noise.
    pub p: f64,
    /// The share a straight line through the days explains ([`stats::trend_gain`]): when it
    /// reaches [`Detection::gain`], the tone drifted rather than turned.
    pub trend: f64,
}

impl Detection {
    /// Below this [`Detection::p`], the report calls the turning point clear.
    pub const CLEAR_P: f64 = 0.05;

    /// Whether a straight line explains the change at least as well as the split: a drift,
    /// not a turn.
    pub fn drift(&self) -> bool {
        self.trend >= self.gain
    }

    /// The sentence every renderer shows under the headlines.
    pub fn sentence(&self) -> String {
        let shuffled = format!(
            "the same days in a random order split as well in {:.1}% of {} shuffles",
            self.p * 100.0,
            stats::SHUFFLES
        );
        if self.p < Self::CLEAR_P && self.drift() {
            format!(
                "No phases were given: the split of the daily series that best separates mean tone explains {:.0}% of the variation of statement tones, and {shuffled}; but a steady trend over the whole period explains {:.0}%, at least as much: the tone drifted rather than turned at one point, and the phases below cut that drift in two. Pass --phase to compare periods you choose.",
                self.gain * 100.0,
                self.trend * 100.0
            )
        } else if self.p < Self::CLEAR_P {
            format!(
                "No phases were given: the turning point was detected as the split of the daily series that best separates mean tone. It explains {:.0}% of the variation of statement tones (a steady trend over the whole period: {:.0}%), and {shuffled}: a clear turning point.",
                self.gain * 100.0,
                self.trend * 100.0
            )
        } else {
            format!(
                "No phases were given: the split of the daily series that best separates mean tone explains {:.0}% of the variation of statement tones, but {shuffled}, so it is not a clear turning point (too few days, or too little change). The phases below may be noise; pass --phase to compare periods you choose.",
                self.gain * 100.0
            )
        }
    }
}

/// Speakers with a headline of their own after everyone's: the first lines of a report should
/// read at a glance (twelve speakers made thirteen sentences); the shifts table has them all.
pub const HEADLINE_SPEAKERS: usize = 5;

/// Name of the all-speakers group.
pub const ALL: &str = "All speakers";

impl Report {
    /// The statements the report counts: the rows used, or with `--split` the parts they
    /// were cut into.
    pub fn statements(&self) -> u64 {
        match self.summary.parts {
            0 => self.summary.scored,
            n => n,
        }
    }

    /// Builds the report from the aggregates. The most hostile and most cooperative
    /// statements are moved out of `acc` ([`Accumulator::take_extremes`]).
    pub fn build(
        acc: &mut Accumulator,
        opts: &ReportOptions,
        scorer: &Scorer,
        summary: Summary,
        rescored: bool,
    ) -> Report {
        Report::build_on(&Pool::single(), acc, opts, scorer, summary, rescored)
    }

    /// [`Report::build`], computing the bootstrap intervals on `pool`. The report does not
    /// depend on the pool.
    pub fn build_on(
        pool: &Pool,
        acc: &mut Accumulator,
        opts: &ReportOptions,
        scorer: &Scorer,
        summary: Summary,
        rescored: bool,
    ) -> Report {
        let (hostile, cooperative) = acc.take_extremes();
        let acc = &*acc;
        // Rows the selection left out were valid but are in no figure: not "used".
        let summary = Summary {
            scored: summary.scored.saturating_sub(acc.left_out()),
            ..summary
        };
        let actors = acc.actors();
        let name = |id: u32| {
            actors
                .get(id as usize)
                .map(|n| n.to_string())
                .unwrap_or_default()
        };
        let k = acc.categories();

        // Speakers, the most prolific first: the first `max_speakers` are shown one by one.
        let mut counts = acc.census().speakers();
        let mut omitted = Omitted::default();
        if opts.max_speakers > 0 && counts.len() > opts.max_speakers {
            let rest = counts.split_off(opts.max_speakers);
            omitted.speakers = rest.len();
            omitted.statements = rest.iter().map(|&(_, n)| n).sum();
        }
        // Speaker id -> its place in `per_speaker`: a lookup per cell, not a scan.
        let mut place = vec![usize::MAX; actors.len()];
        for (i, &(sp, _)) in counts.iter().enumerate() {
            if let Some(slot) = place.get_mut(sp as usize) {
                *slot = i;
            }
        }
        let place_of = |sp: u32| place.get(sp as usize).copied().filter(|&i| i != usize::MAX);
        // Cells are ordered by speaker, then day: each speaker's cells are one run, merged
        // in day order.
        let cells = acc.cells();
        let mut per_speaker: Vec<(u32, ToneStats)> = counts
            .iter()
            .map(|&(sp, _)| (sp, ToneStats::default()))
            .collect();
        for &((sp, _), stats) in &cells {
            if let Some((_, t)) = place_of(*sp).and_then(|i| per_speaker.get_mut(i)) {
                t.merge(stats);
            }
        }
        // Everyone's statements, day by day (undated first).
        let days = acc.days();
        let mut all = empty_cell(k);
        for (_, cell) in &days {
            all.merge(cell);
        }
        let mut speakers = vec![SpeakerRow {
            name: ALL.to_string(),
            tone: GroupTone::of(pool, &all.tones, ALL),
            labels: all.labels,
        }];
        for (sp, stats) in &per_speaker {
            speakers.push(SpeakerRow {
                name: name(*sp),
                tone: GroupTone::of(pool, stats, &name(*sp)),
                labels: acc.labels(*sp),
            });
        }
        let mut series: Vec<Series> = per_speaker
            .iter()
            .map(|(sp, _)| Series {
                name: name(*sp),
                points: Vec::new(),
            })
            .collect();
        for &((sp, d), c) in &cells {
            if let (Some(day), Some(i)) = (d, place_of(*sp))
                && let Some(series) = series.get_mut(i)
            {
                series.points.push((*day, c.n, c.mean()));
            }
        }

        // Daily cells over everyone, for the change point and the phases.
        let daily: std::collections::BTreeMap<Day, &Cell> = days
            .iter()
            .filter_map(|&(d, cell)| d.map(|day| (day, cell)))
            .collect();
        let overall = Series {
            name: ALL.to_string(),
            points: daily
                .iter()
                .map(|(d, c)| (*d, c.tones.n, c.tones.mean()))
                .collect(),
        };
        let (phases, detected) = if opts.phases.is_empty() {
            detect_phases(&daily)
        } else {
            (opts.phases.clone(), None)
        };

        // Tone per phase and shifts, for everyone and each speaker.
        let mut groups: Vec<(Option<u32>, Vec<ToneStats>)> = Vec::new();
        let phase_of = |day: Day| phases.iter().position(|p| p.contains(day));
        let mut everyone = vec![ToneStats::default(); phases.len()];
        let mut per_phase_speaker: Vec<Vec<ToneStats>> =
            vec![vec![ToneStats::default(); phases.len()]; per_speaker.len()];
        let mut cat_rows = Array2::<f64>::zeros((phases.len().max(1), k));
        for (day, cell) in &daily {
            let Some(p) = phase_of(*day) else { continue };
            everyone[p].merge(&cell.tones);
            let mut row = cat_rows.row_mut(p);
            row += &cell.categories;
        }
        for &((sp, d), stats) in &cells {
            let (Some(day), Some(i)) = (d, place_of(*sp)) else {
                continue;
            };
            if let Some(p) = phase_of(*day) {
                per_phase_speaker[i][p].merge(stats);
            }
        }
        groups.push((None, everyone));
        for (i, (sp, _)) in per_speaker.iter().enumerate() {
            groups.push((Some(*sp), std::mem::take(&mut per_phase_speaker[i])));
        }
        let mut phase_tones = Vec::new();
        let mut shifts = Vec::new();
        let mut headlines = Vec::new();
        let mut more_headlines = 0usize;
        for (sp, stats) in &groups {
            let gname = sp.map_or_else(|| ALL.to_string(), name);
            for (p, st) in stats.iter().enumerate() {
                if st.n > 0 {
                    phase_tones.push(PhaseTone {
                        phase: p,
                        speaker: sp.map(name),
                        tone: GroupTone::of(pool, st, &format!("{gname}/{}", phases[p].name)),
                    });
                }
            }
            let present: Vec<usize> = (0..stats.len()).filter(|&p| stats[p].n > 0).collect();
            let first = shifts.len();
            for w in present.windows(2) {
                let (a, b) = (w[0], w[1]);
                shifts.push(make_shift(
                    pool,
                    sp.map(name),
                    a,
                    b,
                    &stats[a],
                    &stats[b],
                    &phases,
                    &gname,
                ));
            }
            // The headline is the group's first shift, already computed above: everyone's and
            // the first HEADLINE_SPEAKERS speakers' (the most prolific), the others counted.
            if let Some(s) = shifts.get(first) {
                if headlines.len() <= HEADLINE_SPEAKERS {
                    headlines.push(headline(s, &phases, &gname));
                } else {
                    more_headlines += 1;
                }
            }
        }
        if more_headlines > 0 {
            headlines.push(format!(
                "The shifts of {more_headlines} other speaker{} shown are in the table of shifts between phases.",
                if more_headlines == 1 { "" } else { "s" }
            ));
        }
        if opts.phases.is_empty() && phases.is_empty() {
            headlines.push(if daily.len() >= 2 {
                "The tone is the same on every dated statement: no turning point to detect."
                    .to_string()
            } else {
                "Too few dated statements to compare phases or detect a turning point.".to_string()
            });
        }

        // Categories per phase (or overall when there are no phases).
        let cat_row_names: Vec<String> = if phases.is_empty() {
            cat_rows.row_mut(0).assign(&all.categories);
            vec!["All statements".to_string()]
        } else {
            phases.iter().map(|p| p.name.clone()).collect()
        };
        for mut row in cat_rows.rows_mut() {
            let total = row.sum();
            if total > 0.0 {
                row /= total;
            }
        }
        let cats = scorer.categories();
        let categories = CategoryTable {
            rows: cat_row_names,
            names: cats.iter().map(|(_, c)| c.name.clone()).collect(),
            sides: cats.iter().map(|(_, c)| c.side).collect(),
            shares: cat_rows,
        };

        // Dyads: every directed pair, most statements first. Dyad cells are ordered by pair,
        // then day: each pair's cells are one run.
        let dyad_days = acc.dyads();
        let mut pair_counts = acc.census().pairs();
        if opts.max_speakers > 0 && pair_counts.len() > opts.max_speakers {
            omitted.pairs = pair_counts.len() - opts.max_speakers;
            pair_counts.truncate(opts.max_speakers);
        }
        let shown: rustc_hash::FxHashMap<Pair, usize> = pair_counts
            .iter()
            .enumerate()
            .map(|(i, &(pair, _))| (pair, i))
            .collect();
        let mut pairs: Vec<(Pair, ToneStats, DailyMeans)> = pair_counts
            .iter()
            .map(|&(pair, _)| (pair, ToneStats::default(), Vec::new()))
            .collect();
        for ((s, t, d), st) in &dyad_days {
            let Some((_, stats, series)) = shown.get(&(*s, *t)).and_then(|&i| pairs.get_mut(i))
            else {
                continue;
            };
            stats.merge(st);
            if let Some(day) = d {
                series.push((*day, st.n, st.mean()));
            }
        }
        // Each shown pair's shifts between the phases it spoke in, given or detected: its
        // days merged per phase (a day in several given phases counts in the first).
        let mut pair_shifts = Vec::new();
        if !phases.is_empty() {
            let mut per_pair: Vec<Vec<ToneStats>> =
                vec![vec![ToneStats::default(); phases.len()]; pairs.len()];
            for ((s, t, d), st) in &dyad_days {
                if let Some(slot) = d
                    .and_then(phase_of)
                    .zip(shown.get(&(*s, *t)))
                    .and_then(|(p, &i)| per_pair.get_mut(i).and_then(|v| v.get_mut(p)))
                {
                    slot.merge(st);
                }
            }
            for ((s, t), stats) in pairs.iter().map(|(pair, _, _)| *pair).zip(&per_pair) {
                let present: Vec<usize> = (0..stats.len()).filter(|&p| stats[p].n > 0).collect();
                let gname = format!("{}->{}", name(s), name(t));
                for w in present.windows(2) {
                    pair_shifts.push(PairShift {
                        target: name(t),
                        shift: make_shift(
                            pool,
                            Some(name(s)),
                            w[0],
                            w[1],
                            &stats[w[0]],
                            &stats[w[1]],
                            &phases,
                            &gname,
                        ),
                    });
                }
            }
        }
        let dyads = pairs
            .into_iter()
            .map(|((s, t), st, series)| Dyad {
                from: name(s),
                to: name(t),
                tone: GroupTone::of(pool, &st, &format!("{}->{}", name(s), name(t))),
                series,
            })
            .collect();

        // Marks are made only for the hits inside the excerpt: a speech of a million bytes
        // has a hundred thousand hits, and the lists hold sixteen statements.
        let highlight = |k: Kept| {
            let score = scorer.score(&k.text);
            let span = |h: &Hit| (h.span.0 as usize, h.span.1 as usize);
            Highlighted::of_hits(
                k,
                &score.hits,
                |h| (span(h), h.weight),
                |h| Mark {
                    span: span(h),
                    term: scorer.term(score.lang, h).to_string(),
                    category: cats.get(h.category).name.clone(),
                    weight: h.weight,
                },
            )
        };
        let checksum = scorer.checksum();
        let time_unit = match (daily.keys().next(), daily.keys().next_back()) {
            (Some(&first), Some(&last)) => opts.time_unit.resolve(first, last, daily.len()),
            _ => crate::analysis::dates::TimeUnit::Day,
        };
        Report {
            title: opts.title.clone(),
            summary,
            headlines,
            omitted,
            speakers,
            series,
            time_unit,
            overall,
            points: acc.points(),
            dated: acc.dated(),
            events: opts.events.clone(),
            phases,
            detected,
            phase_tones,
            shifts,
            dyads,
            pair_shifts,
            categories,
            hostile: hostile.into_iter().map(highlight).collect(),
            cooperative: cooperative.into_iter().map(highlight).collect(),
            method: Method {
                version: env!("CARGO_PKG_VERSION"),
                checksum,
                entries: (
                    scorer.lexicon(crate::Lang::En).entries().len(),
                    scorer.lexicon(crate::Lang::Es).entries().len(),
                ),
                sources: scorer.sources().to_vec(),
                rescored,
                undated: acc.rows() - acc.dated(),
                input: opts.input.clone(),
                date_format: opts.date_format,
                reread: acc.is_focused(),
                detail_bytes: acc.detail_bytes(),
                memory_budget: opts.budget(),
                selection: opts.selection.clone(),
                aliases: opts.aliases.clone(),
                strong_kinds: [Side::Hostile, Side::Cooperative].map(|side| {
                    let names = scorer.categories().strong_names(side);
                    names.into_iter().map(str::to_string).collect()
                }),
                left_out: acc.left_out(),
                unmatched: {
                    let census = acc.census();
                    let kept = || {
                        census
                            .speakers()
                            .into_iter()
                            .filter_map(|(id, _)| census.actors().get(id as usize).cloned())
                            .collect::<Vec<Box<str>>>()
                    };
                    let window = opts.selection.from.is_some() || opts.selection.to.is_some();
                    let mut out = Vec::new();
                    let mut names: Option<Vec<Box<str>>> = None;
                    for s in &opts.selection.speakers {
                        if census.spoken_by(s) > 0 {
                            continue;
                        }
                        let names = names.get_or_insert_with(kept);
                        out.push(Unmatched::new(
                            s,
                            names.iter().map(|n| &**n),
                            acc.left_out_names(),
                            window,
                        ));
                    }
                    out
                },
            },
        }
    }

    /// What the report is limited to, said under its title so that nobody reads a selection
    /// as the whole file: `Only statements by Petro, dated 2026-01-01 or later: 93 rows left
    /// out. 3 names counted as others: ...`. `None` for every statement under its own name.
    pub fn scope(&self) -> Option<String> {
        let m = &self.method;
        let mut parts = Vec::new();
        if !m.selection.is_all() {
            let what = m.selection.describe();
            let what = what.strip_prefix("statements ").unwrap_or(&what);
            parts.push(format!(
                "Only statements {what}: {} row{} left out.",
                m.left_out,
                if m.left_out == 1 { "" } else { "s" }
            ));
        }
        if !m.aliases.is_empty() {
            parts.push(format!("{}.", markdown::describe_aliases(&m.aliases)));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The label for a tone, for renderers.
    pub fn label(tone: f64) -> Label {
        Label::from_tone(tone)
    }
}

fn empty_cell(k: usize) -> Cell {
    Cell {
        tones: ToneStats::default(),
        categories: ndarray::Array1::zeros(k),
        labels: [0; 5],
    }
}

fn detect_phases(
    daily: &std::collections::BTreeMap<Day, &Cell>,
) -> (Vec<Phase>, Option<Detection>) {
    let days: Vec<(Day, &Cell)> = daily.iter().map(|(d, c)| (*d, *c)).collect();
    let series: Vec<(u64, f64, f64)> = days
        .iter()
        .map(|(_, c)| (c.tones.n, c.tones.sum, c.tones.sumsq))
        .collect();
    let Some((k, gain)) = change_point(&series) else {
        return (Vec::new(), None);
    };
    let (first, last) = (days[0].0, days[days.len() - 1].0);
    let phases = vec![
        Phase {
            name: "Before (detected)".to_string(),
            start: first,
            end: days[k - 1].0,
        },
        Phase {
            name: "After (detected)".to_string(),
            start: days[k].0,
            end: last,
        },
    ];
    let p = stats::change_point_p(&series, gain);
    let xs: Vec<f64> = days.iter().map(|(d, _)| f64::from(d.0)).collect();
    let trend = stats::trend_gain(&series, &xs);
    (phases, Some(Detection { gain, p, trend }))
}

#[allow(clippy::too_many_arguments)]
fn make_shift(
    pool: &Pool,
    speaker: Option<String>,
    a: usize,
    b: usize,
    sa: &ToneStats,
    sb: &ToneStats,
    phases: &[Phase],
    gname: &str,
) -> Shift {
    Shift {
        speaker,
        from: a,
        to: b,
        mean_from: sa.mean(),
        mean_to: sb.mean(),
        n: (sa.n, sb.n),
        delta: sb.mean() - sa.mean(),
        ci: shift_interval_on(
            pool,
            sa,
            sb,
            &format!("{gname}/{}->{}", phases[a].name, phases[b].name),
        ),
    }
}

/// `+0.55`, `-0.62`.
pub fn signed(x: f64) -> String {
    let s = format!("{x:+.2}");
    if s == "-0.00" { "+0.00".to_string() } else { s }
}

/// "95% CI +0.90 to +1.40" or why there is none.
pub fn ci_text(ci: &Option<Interval>) -> String {
    match ci {
        Some(_) => format!("95% CI {}", ci_range(ci)),
        None => "no interval: fewer than 2 statements".to_string(),
    }
}

/// "+0.90 to +1.40" (for table cells under a "95% CI" heading), or "n < 2".
pub fn ci_range(ci: &Option<Interval>) -> String {
    match ci {
        Some(i) => format!(
            "{} to {}{}",
            signed(i.low),
            signed(i.high),
            if i.method == IntervalMethod::Normal {
                " (normal approx.)"
            } else {
                ""
            }
        ),
        None => "n < 2".to_string(),
    }
}

fn headline(s: &Shift, phases: &[Phase], gname: &str) -> String {
    let who = if s.speaker.is_none() {
        "all speakers".to_string()
    } else {
        gname.to_string()
    };
    format!(
        "Between {} and {}, mean tone of {} moved from {} to {} (shift {}, {}; n = {} and {}).",
        phases[s.from].name,
        phases[s.to].name,
        who,
        signed(s.mean_from),
        signed(s.mean_to),
        signed(s.delta),
        ci_text(&s.ci),
        s.n.0,
        s.n.1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlighted(text: &str, tone: f64, marks: &[(&str, f64)]) -> Highlighted {
        let marks = marks
            .iter()
            .map(|&(word, weight)| {
                let a = text.find(word).expect("the word is in the text");
                Mark {
                    span: (a, a + word.len()),
                    term: word.to_string(),
                    category: "c".to_string(),
                    weight,
                }
            })
            .collect();
        Highlighted::new(
            Kept {
                row: 0,
                id: "1".to_string(),
                day: None,
                speaker: "A".to_string(),
                target: String::new(),
                text: text.to_string(),
                tone,
                label: Label::Neutral,
            },
            marks,
        )
    }

    #[test]
    fn a_long_statement_is_quoted_around_its_strongest_hit_between_words() {
        // Multi-byte letters throughout: every cut must fall on a character boundary.
        let filler = "la señora ministra habló ".repeat(60);
        let text = format!("amenaza {filler}ATAQUE {filler}gracias");
        let h = highlighted(
            &text,
            -0.5,
            &[("amenaza", -1.0), ("ATAQUE", -3.0), ("gracias", 2.0)],
        );
        let ex = h.excerpt();
        assert!(!ex.whole);
        assert_eq!(ex.chars, text.chars().count());
        let quoted = &text[ex.start..ex.end];
        assert!(
            quoted.contains("ATAQUE"),
            "the strongest hostile hit is quoted"
        );
        let n = quoted.chars().count();
        assert!(
            n <= QUOTE_CHARS && n + 2 * QUOTE_SNAP >= QUOTE_CHARS,
            "{n} characters"
        );
        assert!(text[..ex.start].ends_with(' ') && text[ex.end..].starts_with(' '));
        let shown: Vec<&str> = h.marks_in(ex).map(|m| m.term.as_str()).collect();
        assert_eq!(shown, ["ATAQUE"]);
        // A cooperative statement is quoted around its most cooperative hit, here at the end.
        let h = highlighted(
            &text,
            0.5,
            &[("amenaza", -1.0), ("ATAQUE", -3.0), ("gracias", 2.0)],
        );
        let ex = h.excerpt();
        assert_eq!(ex.end, text.len());
        assert!(text[ex.start..].ends_with("gracias"));
        // Up to QUOTE_CHARS characters the whole text.
        let short = "ñ".repeat(QUOTE_CHARS);
        let ex = highlighted(&short, 0.0, &[]).excerpt();
        assert!(ex.whole && ex.start == 0 && ex.end == short.len());
        // No hit, or no space to cut at: still a valid range of about QUOTE_CHARS characters.
        let long = "ñ".repeat(3 * QUOTE_CHARS);
        let ex = highlighted(&long, 0.0, &[]).excerpt();
        assert_eq!(
            (ex.start, long[ex.start..ex.end].chars().count()),
            (0, QUOTE_CHARS)
        );
    }

    #[test]
    fn a_misspelt_speaker_gets_the_closest_name() {
        let names = ["Petro", "Trump", "US government", "Marco Rubio"];
        let close = |n: &str| closest(n, names.iter().copied());
        assert_eq!(close("petro"), Some("Petro"));
        assert_eq!(close("Pétro"), Some("Petro"));
        assert_eq!(close("Petr0"), Some("Petro"));
        assert_eq!(close("Trumpp"), Some("Trump"));
        assert_eq!(close("Gustavo Petro"), Some("Petro"));
        assert_eq!(close("Rubio"), Some("Marco Rubio"));
        assert_eq!(close("Zelensky"), None);
        assert_eq!(close("Petro"), None, "itself is no hint");
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        // Outside the window: said so rather than a spelling.
        let u = Unmatched::new("Petro", std::iter::empty(), ["Petro"].into_iter(), true);
        assert_eq!(
            u.hint.as_deref(),
            Some("its statements all fall outside --from/--to")
        );
        let u = Unmatched::new("Petr0", std::iter::empty(), ["Petro"].into_iter(), true);
        assert_eq!(u.hint.as_deref(), Some("did you mean \"Petro\"?"));
    }

    #[test]
    fn selection_admits_by_trimmed_speaker_and_window() {
        let day = |d: u32| Day::from_ymd(2026, 1, d);
        let all = Selection::default();
        let none = Aliases::new();
        assert!(all.is_all() && all.admits(b"", None, &none));
        let by = Selection {
            speakers: vec!["Petro".into(), crate::analysis::UNKNOWN_SPEAKER.into()],
            ..Selection::default()
        };
        assert!(by.admits(b" Petro ", None, &none));
        assert!(by.admits(b"  ", day(3), &none));
        assert!(!by.admits(b"petro", day(3), &none));
        assert!(!by.admits(b"Trump", day(3), &none));
        let window = Selection {
            from: day(5),
            to: day(7),
            ..Selection::default()
        };
        assert!(!window.is_all());
        assert!(window.admits(b"Trump", day(5), &none) && window.admits(b"Trump", day(7), &none));
        assert!(!window.admits(b"Trump", day(4), &none) && !window.admits(b"Trump", day(8), &none));
        // A window says nothing about a statement without a date: it is left out.
        assert!(!window.admits(b"Trump", None, &none));
        let open = Selection {
            from: day(5),
            ..Selection::default()
        };
        assert!(open.admits(b"x", day(31), &none) && !open.admits(b"x", day(4), &none));
        assert_eq!(
            Selection {
                speakers: vec!["A".into(), "B".into()],
                ..window
            }
            .describe(),
            "statements by A, B, dated 2026-01-05 to 2026-01-07"
        );
        assert_eq!(open.describe(), "dated 2026-01-05 or later");
    }
}
