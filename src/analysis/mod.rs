//! Aggregates for the report, in bounded memory: per speaker and day (tone statistics, category
//! weights as ndarray vectors, label counts), per directed speaker→target pair and day, a
//! deterministic sample of statements for the timeline, and the most hostile and most
//! cooperative statements. Nothing here keeps every row.

pub mod dates;
pub mod stats;

use crate::lexicon::Categories;
use crate::score::{Label, Score};
use dates::Day;
use ndarray::Array1;
use rustc_hash::FxHashMap;
use stats::{SplitMix64, ToneStats};
use std::collections::BinaryHeap;
use std::hash::Hash;

/// How many statements the timeline plots at most; beyond that a deterministic sample.
pub const MAX_POINTS: usize = 2000;

/// How many statements each "most hostile" / "most cooperative" list keeps.
pub const TOP_K: usize = 8;

/// Longest text kept for a plotted point's tooltip, in characters.
const POINT_TEXT: usize = 280;

/// What the report needs from one row, computed in parallel.
#[derive(Debug, Clone, PartialEq)]
pub struct RowObs {
    /// The day, if the row has a date.
    pub day: Option<Day>,
    /// The tone.
    pub tone: f64,
    /// The label.
    pub label: Label,
    /// Absolute hit weight per category (index = category id).
    pub categories: Vec<(u8, f64)>,
}

impl RowObs {
    /// The observation for a freshly computed score.
    pub fn from_score(day: Option<Day>, score: &Score) -> RowObs {
        RowObs {
            day,
            tone: score.tone,
            label: score.label,
            categories: score
                .hits
                .iter()
                .map(|h| (h.category.0, h.weight.abs()))
                .collect(),
        }
    }
}

/// One row's descriptive fields, borrowed from the record as it holds them: valid UTF-8 (the
/// reader checks every field), turned into text only where needed (names the first time a
/// spelling is seen, the rest for the few statements kept for display).
#[derive(Debug, Clone, Copy)]
pub struct RowText<'a> {
    /// Row id; `None` without an id column (the row number, from 1, stands in).
    pub id: Option<&'a [u8]>,
    /// Speaker (empty when unknown).
    pub speaker: &'a [u8],
    /// Target (empty when unknown).
    pub target: &'a [u8],
    /// The statement.
    pub text: &'a [u8],
}

/// Tone statistics and category weights of a group of statements.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Tone statistics.
    pub tones: ToneStats,
    /// Summed absolute weight per category.
    pub categories: Array1<f64>,
    /// Statements per label, hostile to cooperative.
    pub labels: [u64; 5],
}

impl Cell {
    fn new(k: usize) -> Cell {
        Cell {
            tones: ToneStats::default(),
            categories: Array1::zeros(k),
            labels: [0; 5],
        }
    }

    /// Adds another cell.
    pub fn merge(&mut self, other: &Cell) {
        self.tones.merge(&other.tones);
        self.categories += &other.categories;
        for (a, b) in self.labels.iter_mut().zip(other.labels) {
            *a += b;
        }
    }
}

/// A statement kept for display.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// Input order.
    pub row: u64,
    /// Row id.
    pub id: String,
    /// Date.
    pub day: Option<Day>,
    /// Speaker.
    pub speaker: String,
    /// Target.
    pub target: String,
    /// Text (full for the top lists, shortened for plotted points).
    pub text: String,
    /// Tone.
    pub tone: f64,
    /// Label.
    pub label: Label,
}

#[derive(Debug, PartialEq)]
struct Ranked {
    key: f64,
    row: u64,
    kept: Kept,
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    // Max-heap on (key, row): the worst kept element is on top and is evicted first.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key
            .total_cmp(&other.key)
            .then(self.row.cmp(&other.row))
    }
}

/// A (speaker id, target id, day) key of [`Accumulator::dyads`].
pub type DyadDay = (u32, u32, Option<Day>);

/// Groups found by key as rows come (a hash lookup per row, on the thread that hands rows on
/// in order) and listed in key order at the end.
#[derive(Debug)]
struct Groups<K, V> {
    index: FxHashMap<K, usize>,
    items: Vec<(K, V)>,
}

impl<K: Copy + Eq + Hash + Ord, V> Groups<K, V> {
    fn new() -> Groups<K, V> {
        Groups {
            index: FxHashMap::default(),
            items: Vec::new(),
        }
    }

    fn entry(&mut self, key: K, new: impl FnOnce() -> V) -> &mut V {
        let items = &mut self.items;
        let i = *self.index.entry(key).or_insert_with(|| {
            items.push((key, new()));
            items.len() - 1
        });
        &mut items[i].1
    }

    fn get(&self, key: &K) -> Option<&V> {
        self.index
            .get(key)
            .and_then(|&i| self.items.get(i))
            .map(|(_, v)| v)
    }

    fn sorted(&self) -> Vec<(&K, &V)> {
        let mut v: Vec<(&K, &V)> = self.items.iter().map(|(k, v)| (k, v)).collect();
        v.sort_unstable_by(|a, b| a.0.cmp(b.0));
        v
    }
}

/// Streaming aggregates over scored rows.
#[derive(Debug)]
pub struct Accumulator {
    k: usize,
    actors: Vec<String>,
    /// Actor ids by a name spelled exactly as rows give it (before trimming): most rows repeat
    /// a spelling already seen and need no UTF-8 check or trim. `None`: a blank name. Each
    /// actor's trimmed name is in it too.
    spellings: FxHashMap<Vec<u8>, Option<u32>>,
    cells: Groups<(u32, Option<Day>), Cell>,
    dyads: Groups<DyadDay, ToneStats>,
    dyad_totals: Groups<(u32, u32), ToneStats>,
    points: BinaryHeap<Ranked>,
    hostile: BinaryHeap<Ranked>,
    cooperative: BinaryHeap<Ranked>,
    rows: u64,
    dated: u64,
}

impl Accumulator {
    /// An empty accumulator for `categories`.
    pub fn new(categories: &Categories) -> Accumulator {
        Accumulator {
            k: categories.len(),
            actors: Vec::new(),
            spellings: FxHashMap::default(),
            cells: Groups::new(),
            dyads: Groups::new(),
            dyad_totals: Groups::new(),
            points: BinaryHeap::new(),
            hostile: BinaryHeap::new(),
            cooperative: BinaryHeap::new(),
            rows: 0,
            dated: 0,
        }
    }

    /// The id of actor `name` (trimmed, not blank), a new one the first time.
    /// A trimmed name is also a spelling of itself, so one map serves both lookups.
    fn actor(&mut self, name: &str) -> u32 {
        if let Some(&Some(id)) = self.spellings.get(name.as_bytes()) {
            return id;
        }
        let id = self.actors.len() as u32;
        self.actors.push(name.to_string());
        self.spellings.insert(name.as_bytes().to_vec(), Some(id));
        id
    }

    /// The actor id of a name as a row spells it; `None` when it is blank.
    fn actor_spelled(&mut self, raw: &[u8]) -> Option<u32> {
        if let Some(&id) = self.spellings.get(raw) {
            return id;
        }
        let name = String::from_utf8_lossy(raw);
        let name = name.trim();
        let id = (!name.is_empty()).then(|| self.actor(name));
        self.spellings.insert(raw.to_vec(), id);
        id
    }

    /// Adds one row, in input order.
    pub fn add(&mut self, obs: &RowObs, text: RowText<'_>) {
        let row = self.rows;
        self.rows += 1;
        if obs.day.is_some() {
            self.dated += 1;
        }
        let speaker = match self.actor_spelled(text.speaker) {
            Some(id) => id,
            None => self.actor("(unknown)"),
        };
        let k = self.k;
        let cell = self.cells.entry((speaker, obs.day), || Cell::new(k));
        cell.tones.add(obs.tone);
        for &(c, w) in &obs.categories {
            if let Some(slot) = cell.categories.get_mut(c as usize) {
                *slot += w;
            }
        }
        let label_idx = Label::ALL.iter().position(|l| *l == obs.label).unwrap_or(2);
        cell.labels[label_idx] += 1;
        if let Some(target) = self.actor_spelled(text.target) {
            // Pairs times days can be tens of thousands of groups: they keep no histogram,
            // and one histogram per pair serves the pair's interval.
            self.dyads
                .entry((speaker, target, obs.day), ToneStats::without_histogram)
                .add(obs.tone);
            self.dyad_totals
                .entry((speaker, target), ToneStats::default)
                .add(obs.tone);
        }
        let kept = |s: &Self, chars: Option<usize>| Kept {
            row,
            id: match text.id {
                Some(id) => String::from_utf8_lossy(id).into_owned(),
                None => (row + 1).to_string(),
            },
            day: obs.day,
            speaker: s.actors[speaker as usize].clone(),
            target: String::from_utf8_lossy(text.target).trim().to_string(),
            text: {
                let full = String::from_utf8_lossy(text.text);
                match chars {
                    Some(n) if full.chars().count() > n => {
                        format!("{}…", full.chars().take(n).collect::<String>())
                    }
                    _ => full.into_owned(),
                }
            },
            tone: obs.tone,
            label: obs.label,
        };
        // Timeline sample: the MAX_POINTS rows with the smallest hash of their row number, a
        // sample that does not depend on threads or batches.
        let key = SplitMix64::new(row).next_u64() as f64;
        if obs.day.is_some() && offer(&self.points, key, row, MAX_POINTS) {
            let k = kept(self, Some(POINT_TEXT));
            push(&mut self.points, key, row, k, MAX_POINTS);
        }
        if obs.tone < 0.0 && offer(&self.hostile, obs.tone, row, TOP_K) {
            let k = kept(self, None);
            push(&mut self.hostile, obs.tone, row, k, TOP_K);
        }
        if obs.tone > 0.0 && offer(&self.cooperative, -obs.tone, row, TOP_K) {
            let k = kept(self, None);
            push(&mut self.cooperative, -obs.tone, row, k, TOP_K);
        }
    }

    /// Rows added.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows with a date.
    pub fn dated(&self) -> u64 {
        self.dated
    }

    /// Speaker and target names, by id.
    pub fn actors(&self) -> &[String] {
        &self.actors
    }

    /// Per (speaker id, day) cells, in key order.
    pub fn cells(&self) -> Vec<(&(u32, Option<Day>), &Cell)> {
        self.cells.sorted()
    }

    /// Per (speaker id, target id, day) tone statistics, in key order.
    /// These keep no histogram (see [`Accumulator::dyad_total`]).
    pub fn dyads(&self) -> Vec<(&DyadDay, &ToneStats)> {
        self.dyads.sorted()
    }

    /// The tone statistics of (speaker id, target id) over all days, with the histogram.
    pub fn dyad_total(&self, pair: &(u32, u32)) -> Option<&ToneStats> {
        self.dyad_totals.get(pair)
    }

    /// The sampled statements for the timeline, in input order.
    pub fn points(&self) -> Vec<Kept> {
        let mut v: Vec<Kept> = self.points.iter().map(|r| r.kept.clone()).collect();
        v.sort_by_key(|k| k.row);
        v
    }

    /// The most hostile statements, most hostile first.
    pub fn most_hostile(&self) -> Vec<Kept> {
        sorted(&self.hostile)
    }

    /// The most cooperative statements, most cooperative first.
    pub fn most_cooperative(&self) -> Vec<Kept> {
        sorted(&self.cooperative)
    }

    /// Number of categories.
    pub fn categories(&self) -> usize {
        self.k
    }
}

fn sorted(h: &BinaryHeap<Ranked>) -> Vec<Kept> {
    let mut v: Vec<&Ranked> = h.iter().collect();
    v.sort();
    v.into_iter().map(|r| r.kept.clone()).collect()
}

/// Whether (key, row) would enter a heap bounded at `cap` (smallest keys kept).
fn offer(h: &BinaryHeap<Ranked>, key: f64, row: u64, cap: usize) -> bool {
    h.len() < cap
        || h.peek().is_some_and(|top| {
            key.total_cmp(&top.key).then(row.cmp(&top.row)) == std::cmp::Ordering::Less
        })
}

fn push(h: &mut BinaryHeap<Ranked>, key: f64, row: u64, kept: Kept, cap: usize) {
    h.push(Ranked { key, row, kept });
    if h.len() > cap {
        h.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_actor_however_rows_pad_them() {
        let cats = Categories::builtin().expect("categories");
        let mut acc = Accumulator::new(&cats);
        let obs = RowObs {
            day: None,
            tone: -0.5,
            label: Label::from_tone(-0.5),
            categories: Vec::new(),
        };
        let row = |speaker: &'static str, target: &'static str| RowText {
            id: None,
            speaker: speaker.as_bytes(),
            target: target.as_bytes(),
            text: b"We will attack",
        };
        for (s, t) in [
            (" Trump", "Petro"),
            ("Trump ", " Petro"),
            ("\u{a0}Trump", ""),
            ("", "   "),
            ("Trump", "Petro\u{2003}"),
            ("  ", "Trump"),
        ] {
            acc.add(&obs, row(s, t));
        }
        assert_eq!(acc.actors(), ["Trump", "Petro", "(unknown)"]);
        assert_eq!(acc.dyad_total(&(0, 1)).map(|t| t.n), Some(3));
        assert_eq!(acc.dyad_total(&(2, 0)).map(|t| t.n), Some(1));
        assert_eq!(acc.dyads().len(), 2);
        let ids: Vec<String> = acc.most_hostile().into_iter().map(|k| k.id).collect();
        assert_eq!(ids.len(), 6);
        assert!(
            ids.iter().all(|id| (1..=6).any(|n| *id == n.to_string())),
            "{ids:?}"
        );
    }

    #[test]
    fn groups_make_each_key_once_and_list_them_in_key_order() {
        let mut g: Groups<(u32, Option<Day>), u32> = Groups::new();
        let keys = [
            (2, Some(Day(5))),
            (1, None),
            (2, None),
            (1, Some(Day(3))),
            (2, Some(Day(5))),
            (1, Some(Day(-4))),
        ];
        for k in keys {
            *g.entry(k, || 0) += 1;
        }
        let listed: Vec<((u32, Option<Day>), u32)> =
            g.sorted().into_iter().map(|(k, v)| (*k, *v)).collect();
        assert_eq!(
            listed,
            vec![
                ((1, None), 1),
                ((1, Some(Day(-4))), 1),
                ((1, Some(Day(3))), 1),
                ((2, None), 1),
                ((2, Some(Day(5))), 2),
            ]
        );
        assert_eq!(g.get(&(2, Some(Day(5)))), Some(&2));
        assert_eq!(g.get(&(3, None)), None);
    }
}
