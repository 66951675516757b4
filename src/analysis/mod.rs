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
        use crate::table::as_written;
        // The tone and weights as `score` writes them (four and two decimals): a report over
        // the raw quotes and one over their scored output (the map-reduce path) then sum the
        // same numbers, where a mean on a rounding boundary once printed -0.28 for one and
        // -0.29 for the other.
        RowObs {
            day,
            tone: as_written::<4>(score.tone),
            label: score.label,
            categories: score
                .hits
                .iter()
                .map(|h| (h.category.0, as_written::<2>(h.weight.abs())))
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

/// A (speaker id, target id) pair of actor ids.
pub type Pair = (u32, u32);

/// A (speaker id, target id, day) key of [`Accumulator::dyads`].
pub type DyadDay = (u32, u32, Option<Day>);

/// Bytes that `report` lets the per-speaker and per-pair day aggregates take (see
/// [`Accumulator::detail_bytes`]) before it reads a file a second time, keeping them only
/// for the speakers and pairs it shows.
pub const DEFAULT_BUDGET: usize = 16 << 20;

/// Bytes counted for one group of day aggregates: key, statistics with a few statements'
/// histogram inline, the hash index entry and the lists' room to grow (measured: 200,000
/// one-statement speakers took about this much per speaker-day and pair-day).
const GROUP_BYTES: usize = 112;

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

    #[cfg(test)]
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

impl<K: Copy + Eq + Hash + Ord> Groups<K, ToneStats> {
    /// Adds `tone` to the group `key` (made by `new` the first time); returns the bytes this
    /// took: a new group's [`GROUP_BYTES`] and what its histogram grew on the heap.
    fn add_tone(&mut self, key: K, new: fn() -> ToneStats, tone: f64) -> usize {
        let groups = self.items.len();
        let stats = self.entry(key, new);
        let heap = stats.heap_bytes();
        stats.add(tone);
        let grown = stats.heap_bytes().saturating_sub(heap);
        grown
            + if self.items.len() > groups {
                GROUP_BYTES
            } else {
                0
            }
    }
}

/// The name of the speaker of a row whose speaker field is blank.
pub const UNKNOWN_SPEAKER: &str = "(unknown)";

/// Names counted as other names (`report --alias`): spellings of one speaker merged ("Gustavo
/// Petro" as "Petro"), or people grouped into the side they speak for ("Trump" and "Rubio" as
/// "United States"). One step only: a name an alias points to is not an alias itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aliases {
    map: std::collections::BTreeMap<String, String>,
}

impl Aliases {
    /// No aliases.
    pub fn new() -> Aliases {
        Aliases::default()
    }

    /// Counts `name` as `canonical` (both trimmed). Refused, with the reason: a blank name, a
    /// name given two different aliases, and chains (`A=B` with `B=C`: write `A=C`).
    pub fn insert(&mut self, name: &str, canonical: &str) -> std::result::Result<(), String> {
        let (name, canonical) = (name.trim(), canonical.trim());
        if name.is_empty() || canonical.is_empty() {
            return Err("a name and what it counts as are both needed: NAME=AS".to_string());
        }
        if name == canonical {
            return Ok(());
        }
        if let Some(old) = self.map.get(name) {
            if old == canonical {
                return Ok(());
            }
            return Err(format!(
                "{name:?} is already counted as {old:?}; a name has one alias"
            ));
        }
        if let Some(next) = self.map.get(canonical) {
            return Err(format!(
                "{canonical:?} is itself counted as {next:?}: aliases are not chained, so \
                 count {name:?} as {next:?} directly"
            ));
        }
        if let Some((first, _)) = self.map.iter().find(|(_, v)| v.as_str() == name) {
            return Err(format!(
                "{first:?} is counted as {name:?}, so {name:?} cannot be counted as \
                 {canonical:?}: aliases are not chained, so count {first:?} as {canonical:?} \
                 directly"
            ));
        }
        self.map.insert(name.to_string(), canonical.to_string());
        Ok(())
    }

    /// The name `name` is counted as (itself when it has no alias).
    pub fn resolve<'a>(&'a self, name: &'a str) -> &'a str {
        self.map.get(name).map_or(name, String::as_str)
    }

    /// Calls `f` with the name the report counts a row's speaker field as: trimmed,
    /// [`UNKNOWN_SPEAKER`] when blank, then its alias.
    pub fn with_speaker<R>(&self, raw: &[u8], f: impl FnOnce(&str) -> R) -> R {
        let name = String::from_utf8_lossy(raw);
        let name = match name.trim() {
            "" => UNKNOWN_SPEAKER,
            n => n,
        };
        f(self.resolve(name))
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// How many names have an alias.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// (name, counted as), by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// Speaker and target names, each an id in order of first appearance.
#[derive(Debug, Default)]
struct Actors {
    /// Names counted as others before they get an id.
    aliases: Aliases,
    names: Vec<Box<str>>,
    /// Actor ids by the hash of their name ([`name_hash`]): each name is stored once, in
    /// `names`, and found by its hash and a comparison.
    index: FxHashMap<u64, u32>,
    /// Names whose hash another name already has (rare), by name.
    collided: FxHashMap<Box<str>, u32>,
    /// Actor ids (`None`: blank) by a name spelled as rows give it when that is not the
    /// actor's name itself: padded with spaces, or counted as another by an alias. Most rows
    /// spell a name as it is and are found in `index` with no UTF-8 check or trim.
    spellings: FxHashMap<Box<[u8]>, Option<u32>>,
}

/// The hash of a name's bytes in [`Actors::index`].
fn name_hash(name: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(name);
    h.write_usize(name.len());
    h.finish()
}

impl Actors {
    /// The id of the actor whose name is exactly `name`, if there is one.
    fn find(&self, name: &[u8]) -> Option<u32> {
        let &id = self.index.get(&name_hash(name))?;
        if self
            .names
            .get(id as usize)
            .is_some_and(|n| n.as_bytes() == name)
        {
            return Some(id);
        }
        let name = std::str::from_utf8(name).ok()?;
        self.collided.get(name).copied()
    }

    /// The id of actor `name` (trimmed, not blank), a new one the first time.
    fn id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.find(name.as_bytes()) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.into());
        match self.index.entry(name_hash(name.as_bytes())) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(name.into(), id);
            }
        }
        id
    }

    /// The actor id of a name as a row spells it; `None` when it is blank.
    fn spelled(&mut self, raw: &[u8]) -> Option<u32> {
        // A name spelled as it is, with no alias: an actor's own name.
        if let Some(id) = self.find(raw) {
            return Some(id);
        }
        if let Some(&id) = self.spellings.get(raw) {
            return id;
        }
        let name = String::from_utf8_lossy(raw);
        let name = name.trim();
        let id = (!name.is_empty()).then(|| self.canonical_id(name));
        // Spelled as the actor's name: found in the index from now on.
        let own = id
            .and_then(|i| self.names.get(i as usize))
            .is_some_and(|n| n.as_bytes() == raw);
        if !own {
            self.spellings.insert(raw.into(), id);
        }
        id
    }

    /// [`Actors::id`] of the name `name` is counted as.
    fn canonical_id(&mut self, name: &str) -> u32 {
        if self.aliases.is_empty() {
            return self.id(name);
        }
        let canonical = self.aliases.resolve(name).to_string();
        self.id(&canonical)
    }

    /// The ids of a row's speaker (a blank one is `(unknown)`) and target (`None`: blank).
    fn row(&mut self, speaker: &[u8], target: &[u8]) -> (u32, Option<u32>) {
        let speaker = match self.spelled(speaker) {
            Some(id) => id,
            None => self.canonical_id(UNKNOWN_SPEAKER),
        };
        (speaker, self.spelled(target))
    }
}

/// A running hash of the (speaker, target) ids row after row: two readings with the same
/// trace met the same speakers and targets in the same order.
fn trace(t: u64, speaker: u32, target: Option<u32>) -> u64 {
    let key = (u64::from(speaker) << 32) | u64::from(target.unwrap_or(u32::MAX));
    (t.rotate_left(5) ^ key).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Who speaks to whom and how often: speaker and target names (ids in order of first
/// appearance), statements per speaker and per directed speaker → target pair.
///
/// `report` keeps one as it reads. On a file with more speakers than its memory budget holds,
/// it first reads the file once for a census alone (no scoring), and the ranking the census
/// gives ([`Census::speakers`], [`Census::pairs`]) tells [`Accumulator::focused`] which
/// speakers and pairs to keep day by day on the second reading.
#[derive(Debug, Default)]
pub struct Census {
    actors: Actors,
    /// Statements per actor id (0 for those only ever targets).
    spoken: Vec<u64>,
    pairs: FxHashMap<Pair, u64>,
    rows: u64,
    trace: u64,
}

impl Census {
    /// An empty census.
    pub fn new() -> Census {
        Census::default()
    }

    /// An empty census that counts the names of `aliases` as their aliases.
    pub fn with_aliases(aliases: Aliases) -> Census {
        let mut c = Census::default();
        c.actors.aliases = aliases;
        c
    }

    /// Counts one row by its speaker and target fields as the row holds them (names are
    /// trimmed; a blank speaker is `(unknown)`, a blank target none). Returns their ids.
    pub fn add(&mut self, speaker: &[u8], target: &[u8]) -> (u32, Option<u32>) {
        self.rows += 1;
        let (speaker, target) = self.actors.row(speaker, target);
        self.trace = trace(self.trace, speaker, target);
        let at = speaker as usize;
        if self.spoken.len() <= at {
            self.spoken.resize(at + 1, 0);
        }
        if let Some(n) = self.spoken.get_mut(at) {
            *n += 1;
        }
        if let Some(t) = target {
            *self.pairs.entry((speaker, t)).or_insert(0) += 1;
        }
        (speaker, target)
    }

    /// Rows counted.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Speaker and target names, by id.
    pub fn actors(&self) -> &[Box<str>] {
        &self.actors.names
    }

    /// Statements by the speaker named `name` (trimmed, as [`Census::actors`] has it).
    pub fn spoken_by(&self, name: &str) -> u64 {
        match self.actors.find(name.as_bytes()) {
            Some(id) => self.spoken.get(id as usize).copied().unwrap_or(0),
            None => 0,
        }
    }

    /// Speakers with their statements, the most prolific first (ties by name).
    pub fn speakers(&self) -> Vec<(u32, u64)> {
        let mut v: Vec<(u32, u64)> = (0u32..)
            .zip(self.spoken.iter().copied())
            .filter(|&(_, n)| n > 0)
            .collect();
        let name = |id: u32| self.actors.names.get(id as usize).map_or("", |n| &**n);
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
        v
    }

    /// Directed pairs with their statements, the most statements first (ties by the speaker's,
    /// then the target's order of first appearance).
    pub fn pairs(&self) -> Vec<(Pair, u64)> {
        let mut v: Vec<(Pair, u64)> = self.pairs.iter().map(|(&p, &n)| (p, n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// Which speakers and pairs an [`Accumulator::focused`] keeps day by day, and where the
/// second reading stands against the first.
#[derive(Debug)]
struct Focus {
    /// By actor id: the shown speaker's place (its slot in `labels`), or `u32::MAX`.
    slot: Vec<u32>,
    pairs: rustc_hash::FxHashSet<Pair>,
    /// This reading's rows and trace, to match against the census's.
    rows: u64,
    trace: u64,
}

/// Streaming aggregates over scored rows.
///
/// Everything is added row by row in input order, and what the report shows of a speaker or
/// pair is made from that speaker's or pair's own groups, so an [`Accumulator::focused`]
/// one gives the same report, to the byte, as one that keeps every speaker.
#[derive(Debug)]
pub struct Accumulator {
    k: usize,
    /// Counted row by row, or (focused) the first reading's, complete.
    census: Census,
    /// Statements per label, hostile to cooperative: by actor id, or (focused) by the shown
    /// speaker's place.
    labels: Vec<[u64; 5]>,
    /// Everyone's statements per day (`None`: undated).
    days: Groups<Option<Day>, Cell>,
    cells: Groups<(u32, Option<Day>), ToneStats>,
    /// Shown pairs' statements per day, with histograms (a few bytes inline for the few
    /// statements most pair-days hold), so a pair's interval and its shift between any two
    /// phases, given or detected after reading, come from merging its days.
    dyads: Groups<DyadDay, ToneStats>,
    focus: Option<Focus>,
    detail_bytes: usize,
    points: BinaryHeap<Ranked>,
    hostile: BinaryHeap<Ranked>,
    cooperative: BinaryHeap<Ranked>,
    rows: u64,
    dated: u64,
    /// Valid rows a report's selection left out ([`Accumulator::leave_out`]).
    left_out: u64,
    /// The speakers of those rows, up to [`LEFT_OUT_NAMES`] ([`Accumulator::note_left_out`]).
    left_out_names: rustc_hash::FxHashSet<Box<str>>,
}

/// Distinct speakers of left-out rows an [`Accumulator`] keeps, to tell a misspelt
/// `--speaker` what it may have meant.
pub const LEFT_OUT_NAMES: usize = 4096;

impl Accumulator {
    /// [`Accumulator::new`] counting the names of `aliases` as their aliases.
    pub fn with_aliases(categories: &Categories, aliases: Aliases) -> Accumulator {
        let mut acc = Accumulator::new(categories);
        acc.census = Census::with_aliases(aliases);
        acc
    }

    /// An empty accumulator for `categories` that keeps every speaker and pair day by day.
    pub fn new(categories: &Categories) -> Accumulator {
        Accumulator {
            k: categories.len(),
            census: Census::new(),
            labels: Vec::new(),
            days: Groups::new(),
            cells: Groups::new(),
            dyads: Groups::new(),
            focus: None,
            detail_bytes: 0,
            points: BinaryHeap::new(),
            hostile: BinaryHeap::new(),
            cooperative: BinaryHeap::new(),
            rows: 0,
            dated: 0,
            left_out: 0,
            left_out_names: Default::default(),
        }
    }

    /// An empty accumulator for a second reading of the rows `census` counted: it keeps day
    /// by day only the `shown` speakers and the `shown` pairs the census ranks first (all of
    /// them when `shown` is 0), and everyone else only in the per-day totals. Its memory then
    /// grows with days and the number of speakers, not with speakers times days.
    pub fn focused(categories: &Categories, census: Census, shown: usize) -> Accumulator {
        let take = if shown == 0 { usize::MAX } else { shown };
        let mut slot = vec![u32::MAX; census.actors.names.len()];
        let speakers = census.speakers();
        for (place, &(id, _)) in (0u32..).zip(speakers.iter().take(take)) {
            if let Some(s) = slot.get_mut(id as usize) {
                *s = place;
            }
        }
        let pairs = census
            .pairs()
            .into_iter()
            .take(take)
            .map(|(p, _)| p)
            .collect();
        let mut acc = Accumulator::new(categories);
        acc.labels = vec![[0; 5]; speakers.len().min(take)];
        acc.census = census;
        acc.focus = Some(Focus {
            slot,
            pairs,
            rows: 0,
            trace: 0,
        });
        acc
    }

    /// Whether this accumulator keeps only some speakers and pairs day by day.
    pub fn is_focused(&self) -> bool {
        self.focus.is_some()
    }

    /// Whether the rows added met the speakers and targets the census of a focused
    /// accumulator counted, in the same order; always true for one that keeps everyone.
    /// False means the input changed between the two readings.
    pub fn matches_census(&self) -> bool {
        self.focus
            .as_ref()
            .is_none_or(|f| f.rows == self.census.rows && f.trace == self.census.trace)
    }

    /// Estimated bytes of the per-speaker and per-pair day aggregates, the part of the
    /// memory that grows with speakers times days (the rest grows with days, or is bounded).
    pub fn detail_bytes(&self) -> usize {
        self.detail_bytes
    }

    /// Where speaker `id`'s labels are counted, if it is shown.
    fn slot(&self, id: u32) -> Option<usize> {
        match &self.focus {
            None => Some(id as usize),
            Some(f) => f
                .slot
                .get(id as usize)
                .filter(|&&s| s != u32::MAX)
                .map(|&s| s as usize),
        }
    }

    fn shows_pair(&self, pair: &Pair) -> bool {
        self.focus.as_ref().is_none_or(|f| f.pairs.contains(pair))
    }

    /// Counts a valid row that a report's selection leaves out (it is added nowhere else).
    pub fn leave_out(&mut self) {
        self.left_out += 1;
    }

    /// Rows counted by [`Accumulator::leave_out`].
    pub fn left_out(&self) -> u64 {
        self.left_out
    }

    /// Keeps the name of a left-out row's speaker (as the report names it), up to
    /// [`LEFT_OUT_NAMES`] distinct names.
    pub fn note_left_out(&mut self, speaker: &str) {
        if self.left_out_names.len() < LEFT_OUT_NAMES && !self.left_out_names.contains(speaker) {
            self.left_out_names.insert(speaker.into());
        }
    }

    /// The names kept by [`Accumulator::note_left_out`].
    pub fn left_out_names(&self) -> impl Iterator<Item = &str> + Clone {
        self.left_out_names.iter().map(|n| &**n)
    }

    /// Adds one row, in input order.
    pub fn add(&mut self, obs: &RowObs, text: RowText<'_>) {
        let row = self.rows;
        self.rows += 1;
        if obs.day.is_some() {
            self.dated += 1;
        }
        let (speaker, target) = match &mut self.focus {
            None => self.census.add(text.speaker, text.target),
            Some(f) => {
                // The census has counted this row already: only its ids are wanted.
                let (s, t) = self.census.actors.row(text.speaker, text.target);
                f.rows += 1;
                f.trace = trace(f.trace, s, t);
                (s, t)
            }
        };
        let label_idx = Label::ALL.iter().position(|l| *l == obs.label).unwrap_or(2);
        let slot = self.slot(speaker);
        if let Some(at) = slot {
            if self.labels.len() <= at {
                self.labels.resize(at + 1, [0; 5]);
            }
            if let Some(l) = self.labels.get_mut(at).and_then(|l| l.get_mut(label_idx)) {
                *l += 1;
            }
        }
        let k = self.k;
        let day = self.days.entry(obs.day, || Cell::new(k));
        day.tones.add(obs.tone);
        for &(c, w) in &obs.categories {
            if let Some(slot) = day.categories.get_mut(c as usize) {
                *slot += w;
            }
        }
        day.labels[label_idx] += 1;
        if slot.is_some() {
            self.detail_bytes +=
                self.cells
                    .add_tone((speaker, obs.day), ToneStats::default, obs.tone);
        }
        if let Some(target) = target
            && self.shows_pair(&(speaker, target))
        {
            self.detail_bytes +=
                self.dyads
                    .add_tone((speaker, target, obs.day), ToneStats::default, obs.tone);
        }
        let kept = |s: &Self, chars: Option<usize>| Kept {
            row,
            id: match text.id {
                Some(id) => String::from_utf8_lossy(id).into_owned(),
                None => (row + 1).to_string(),
            },
            day: obs.day,
            speaker: s
                .census
                .actors
                .names
                .get(speaker as usize)
                .map_or_else(String::new, |n| n.to_string()),
            // The target as the report counts it (after aliases), as the speaker is.
            target: target
                .and_then(|t| s.census.actors.names.get(t as usize))
                .map_or_else(String::new, |n| n.to_string()),
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
    pub fn actors(&self) -> &[Box<str>] {
        self.census.actors()
    }

    /// Who spoke to whom, how often: over the rows added, or (focused) the census it was
    /// made from.
    pub fn census(&self) -> &Census {
        &self.census
    }

    /// Statements per label, hostile to cooperative, of speaker `id` (zeros for a speaker a
    /// focused accumulator does not show).
    pub fn labels(&self, id: u32) -> [u64; 5] {
        self.slot(id)
            .and_then(|at| self.labels.get(at))
            .copied()
            .unwrap_or_default()
    }

    /// Everyone's statements per day, in day order (undated first, as `None`).
    pub fn days(&self) -> Vec<(&Option<Day>, &Cell)> {
        self.days.sorted()
    }

    /// Per (speaker id, day) tone statistics, in key order: every speaker's, or a focused
    /// accumulator's shown speakers'.
    pub fn cells(&self) -> Vec<(&(u32, Option<Day>), &ToneStats)> {
        self.cells.sorted()
    }

    /// Per (speaker id, target id, day) tone statistics with histograms, in key order: every
    /// pair's, or a focused accumulator's shown pairs'. A pair's days are one run.
    pub fn dyads(&self) -> Vec<(&DyadDay, &ToneStats)> {
        self.dyads.sorted()
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

    /// The most hostile and the most cooperative statements, as [`Accumulator::most_hostile`]
    /// and [`Accumulator::most_cooperative`] give them, moved out: the lists are left empty,
    /// and their statements (speeches of a megabyte, perhaps) are not copied.
    pub fn take_extremes(&mut self) -> (Vec<Kept>, Vec<Kept>) {
        let take = |h: &mut BinaryHeap<Ranked>| {
            let mut v = std::mem::take(h).into_vec();
            v.sort();
            v.into_iter().map(|r| r.kept).collect()
        };
        (take(&mut self.hostile), take(&mut self.cooperative))
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
    fn aliases_are_one_step_and_one_per_name() {
        let mut a = Aliases::new();
        a.insert(" Trump ", "United States").expect("alias");
        a.insert("Rubio", "United States")
            .expect("second name, same side");
        a.insert("Trump", "United States")
            .expect("the same alias again");
        a.insert("Petro", "Petro")
            .expect("a name as itself is nothing");
        assert_eq!(a.len(), 2);
        assert_eq!(a.resolve("Trump"), "United States");
        assert_eq!(a.resolve("Petro"), "Petro");
        let err = |r: std::result::Result<(), String>| r.expect_err("refused");
        assert!(err(a.insert("Trump", "USA")).contains("already counted as \"United States\""));
        assert!(
            err(a.insert("Biden", "Trump"))
                .contains("count \"Biden\" as \"United States\" directly")
        );
        assert!(
            err(a.insert("United States", "USA")).contains("count \"Rubio\" as \"USA\" directly")
        );
        assert!(err(a.insert("", "USA")).contains("NAME=AS"));
        // Counted through the census: speakers and targets alike, however padded.
        let mut c = Census::with_aliases(a);
        c.add(b"Trump", b"Petro");
        c.add(b" Rubio", b"Petro");
        c.add(b"Petro", b"Trump ");
        assert_eq!(c.actors(), ["United States".into(), "Petro".into()]);
        assert_eq!(c.spoken_by("United States"), 2);
        assert_eq!(c.pairs().len(), 2);
    }

    #[test]
    fn names_sharing_a_hash_stay_apart() {
        let mut a = Actors::default();
        let petro = a.id("Petro");
        // Make "Trump" hash to Petro's slot, as a collision would.
        a.index.insert(name_hash(b"Trump"), petro);
        let trump = a.id("Trump");
        assert_ne!(trump, petro);
        assert_eq!(a.find(b"Trump"), Some(trump));
        assert_eq!(a.find(b"Petro"), Some(petro));
        assert_eq!(a.id("Trump"), trump);
        assert_eq!(a.spelled(b" Trump "), Some(trump));
        assert_eq!(a.spelled(b"  "), None);
        // Only spellings that are not an actor's own name are kept as spellings.
        assert_eq!(a.spelled(b"Colombia"), Some(2));
        assert_eq!(a.spelled(b"Petro"), Some(petro));
        assert!(!a.spellings.contains_key(&b"Colombia"[..]));
        assert!(!a.spellings.contains_key(&b"Petro"[..]));
        assert!(a.spellings.contains_key(&b" Trump "[..]));
    }

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
        let names: Vec<&str> = acc.actors().iter().map(|n| &**n).collect();
        assert_eq!(names, ["Trump", "Petro", "(unknown)"]);
        let pair_n = |pair: Pair| -> u64 {
            acc.dyads()
                .iter()
                .filter(|((s, t, _), _)| (*s, *t) == pair)
                .map(|(_, st)| st.n)
                .sum()
        };
        assert_eq!(pair_n((0, 1)), 3);
        assert_eq!(pair_n((2, 0)), 1);
        assert_eq!(acc.dyads().len(), 2);
        let ids: Vec<String> = acc.most_hostile().into_iter().map(|k| k.id).collect();
        assert_eq!(ids.len(), 6);
        assert!(
            ids.iter().all(|id| (1..=6).any(|n| *id == n.to_string())),
            "{ids:?}"
        );
        // Taken out, the lists are the same, in the same order, and left empty.
        let hostile = acc.most_hostile();
        assert_eq!(acc.take_extremes(), (hostile, Vec::new()));
        assert!(acc.most_hostile().is_empty() && acc.most_cooperative().is_empty());
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
