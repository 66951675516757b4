//! Statistics for the report: a seeded random generator, bootstrap confidence intervals for a
//! mean and for a difference of means, and single change-point detection on a daily series.
//!
//! Bootstrap samples are drawn from a tone histogram (bins of [`BIN_WIDTH`]) so that memory per
//! group is fixed whatever the number of statements; the interval is centred on the exact mean
//! (the bootstrap gives the spread of `resampled mean - histogram mean`). Groups over
//! [`BOOTSTRAP_MAX_N`] statements get the normal interval (see there why that is enough).

use crate::score::batch::Pool;

/// Width of a tone histogram bin: 0.01 on the -1..1 scale.
pub const BIN_WIDTH: f64 = 0.01;

/// Number of histogram bins covering -1..1.
pub const BINS: usize = 201;

/// Bootstrap replicates per interval.
pub const REPLICATES: usize = 2000;

/// Replicates computed side by side on one thread (a divisor of [`REPLICATES`]).
const LANES: usize = 4;

/// Above this many statements a group's interval uses the normal approximation
/// (mean ± 1.96 standard errors), and in a shift whose other group is smaller the group is
/// resampled at this size with its deviation scaled by `sqrt(BOOTSTRAP_MAX_N / n)` (the spread
/// of a resample of n).
///
/// Why the normal interval is enough there: for tones in -1..1 the first-order (Edgeworth)
/// difference between a percentile-bootstrap endpoint and the normal one is
/// `(z² - 1) / 6 · skewness · sd / n`, and `|skewness| · sd` is at most the largest distance
/// of a tone from the mean, 2; so the difference is below `0.95 / n`, under 0.0005 above
/// this size: twenty times finer than the 0.01 the reports show, and of the order of the
/// bootstrap's own Monte Carlo error with [`REPLICATES`] replicates (about `0.06 · sd / √n`).
/// Resampling costs `REPLICATES` draws per statement, so this bound also bounds the work.
pub const BOOTSTRAP_MAX_N: u64 = 2_000;

/// The seed every interval starts from (mixed with the group's name, so results do not depend
/// on the order groups are computed in).
pub const SEED: u64 = 0x00de_7e47_e5ee_d001;

/// SplitMix64: a tiny generator whose output is fixed by its definition, so intervals are the
/// same on every platform and with every version of every dependency.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// The generator `new(seed)` becomes after `k` draws: its state only ever adds a constant,
    /// so any draw can be reached at once. Bootstrap replicates use it to run in parallel and
    /// still draw exactly the numbers they drew one after the other.
    pub fn after(seed: u64, k: u64) -> SplitMix64 {
        SplitMix64(seed.wrapping_add(k.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
    }

    /// A uniform integer in `0..n` (n > 0), by multiply-shift (bias below 2^-32 for our n).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// A seed for a named group.
pub fn seed_for(name: &str) -> u64 {
    name.bytes().fold(SEED, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Running statistics of a group of tones: exact count, sum and sum of squares, plus a
/// histogram for the bootstrap.
#[derive(Debug, Clone, PartialEq)]
pub struct ToneStats {
    /// Number of statements.
    pub n: u64,
    /// Sum of tones.
    pub sum: f64,
    /// Sum of squared tones.
    pub sumsq: f64,
    hist: Hist,
}

/// Up to this many statements a histogram keeps each statement's bin (a byte each) instead of
/// the [`BINS`] counts (804 bytes): most groups of a corpus with many speakers, days or pairs
/// hold a few statements, and dense counts made `report`'s memory grow by kilobytes per
/// speaker.
const SPARSE_MAX: usize = 64;

/// Up to this many statements a histogram keeps their bins inline, with no allocation: in a
/// corpus with many speakers most cells and pairs hold one or two statements, and a heap
/// block each cost more than the bins.
const FEW: usize = 22;

/// A tone histogram: none, the bins of a few statements (inline, then on the heap), or counts
/// per bin. Two histograms are equal when their counts are.
#[derive(Debug, Clone)]
enum Hist {
    Off,
    Few { len: u8, bins: [u8; FEW] },
    Bins(Vec<u8>),
    Counts(Vec<u32>),
}

impl Hist {
    /// The bins of each statement, while the histogram keeps them.
    fn sparse(&self) -> Option<&[u8]> {
        match self {
            Hist::Few { len, bins } => bins.get(..usize::from(*len)),
            Hist::Bins(bins) => Some(bins),
            Hist::Off | Hist::Counts(_) => None,
        }
    }

    /// Counts per bin ([`BINS`] of them; none when off).
    fn counts(&self) -> std::borrow::Cow<'_, [u32]> {
        if let Some(bins) = self.sparse() {
            let mut counts = vec![0u32; BINS];
            for &b in bins {
                if let Some(c) = counts.get_mut(usize::from(b)) {
                    *c += 1;
                }
            }
            return std::borrow::Cow::Owned(counts);
        }
        match self {
            Hist::Counts(c) => std::borrow::Cow::Borrowed(c),
            _ => std::borrow::Cow::Borrowed(&[]),
        }
    }

    /// The counts of a histogram that is on, turned dense first.
    fn dense(&mut self) -> Option<&mut Vec<u32>> {
        if self.sparse().is_some() {
            *self = Hist::Counts(self.counts().into_owned());
        }
        match self {
            Hist::Counts(c) => Some(c),
            _ => None,
        }
    }

    /// Adds the statements of `more` (bins) when they still fit a sparse histogram; false
    /// when this one is off or dense or they do not fit.
    fn extend_sparse(&mut self, more: &[u8]) -> bool {
        let Some(held) = self.sparse().map(<[u8]>::len) else {
            return false;
        };
        let total = held + more.len();
        if total > SPARSE_MAX {
            return false;
        }
        match self {
            Hist::Few { len, bins } if total <= FEW => {
                if let Some(slot) = bins.get_mut(usize::from(*len)..total) {
                    slot.copy_from_slice(more);
                }
                *len = total as u8;
            }
            Hist::Bins(bins) => bins.extend_from_slice(more),
            _ => {
                let mut bins = Vec::with_capacity(total);
                bins.extend_from_slice(self.sparse().unwrap_or(&[]));
                bins.extend_from_slice(more);
                *self = Hist::Bins(bins);
            }
        }
        true
    }

    fn add(&mut self, bin: usize) {
        if matches!(self, Hist::Off) || self.extend_sparse(&[bin as u8]) {
            return;
        }
        if let Some(c) = self.dense().and_then(|c| c.get_mut(bin)) {
            *c += 1;
        }
    }

    fn merge(&mut self, other: &Hist) {
        if matches!(self, Hist::Off) || matches!(other, Hist::Off) {
            return;
        }
        if let Some(theirs) = other.sparse()
            && self.extend_sparse(theirs)
        {
            return;
        }
        let theirs = other.counts();
        if let Some(mine) = self.dense() {
            for (a, b) in mine.iter_mut().zip(theirs.iter()) {
                *a += b;
            }
        }
    }
}

impl PartialEq for Hist {
    fn eq(&self, other: &Hist) -> bool {
        self.counts() == other.counts()
    }
}

impl Default for ToneStats {
    fn default() -> ToneStats {
        ToneStats {
            n: 0,
            sum: 0.0,
            sumsq: 0.0,
            hist: Hist::Few {
                len: 0,
                bins: [0; FEW],
            },
        }
    }
}

impl ToneStats {
    /// Empty statistics that keep count, sum and sum of squares but no histogram (which is
    /// 800 bytes), for the many small groups that are only ever shown as means.
    pub fn without_histogram() -> ToneStats {
        ToneStats {
            n: 0,
            sum: 0.0,
            sumsq: 0.0,
            hist: Hist::Off,
        }
    }

    /// Counts per bin of [`BIN_WIDTH`] from -1 to 1 ([`BINS`] of them); empty for statistics
    /// kept without a histogram ([`ToneStats::without_histogram`]).
    pub fn histogram(&self) -> Vec<u32> {
        self.hist.counts().into_owned()
    }

    /// Bytes its histogram holds on the heap (none while it keeps a few statements inline):
    /// what the report counts against its memory budget.
    pub fn heap_bytes(&self) -> usize {
        match &self.hist {
            Hist::Off | Hist::Few { .. } => 0,
            Hist::Bins(b) => b.capacity(),
            Hist::Counts(c) => c.capacity() * std::mem::size_of::<u32>(),
        }
    }

    /// Adds one tone.
    pub fn add(&mut self, tone: f64) {
        self.n += 1;
        self.sum += tone;
        self.sumsq += tone * tone;
        let bin = ((tone.clamp(-1.0, 1.0) + 1.0) / BIN_WIDTH).round() as usize;
        self.hist.add(bin.min(BINS - 1));
    }

    /// Adds another group's statistics.
    pub fn merge(&mut self, other: &ToneStats) {
        self.n += other.n;
        self.sum += other.sum;
        self.sumsq += other.sumsq;
        self.hist.merge(&other.hist);
    }

    /// The exact mean (0 when empty).
    pub fn mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.sum / self.n as f64
        }
    }

    /// Sample standard deviation (0 with fewer than two statements).
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        ((self.sumsq - self.sum * self.sum / n) / (n - 1.0))
            .max(0.0)
            .sqrt()
    }

    fn hist_mean(&self) -> f64 {
        let counts = self.hist.counts();
        let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        if total == 0 {
            return 0.0;
        }
        counts
            .iter()
            .enumerate()
            .map(|(i, &c)| f64::from(c) * bin_value(i))
            .sum::<f64>()
            / total as f64
    }

    /// Draws the mean of a resample of size n from the histogram: `values` holds, for each
    /// r in 0..n, the value of the bin that r falls in (see [`ToneStats::draw_table`]). The
    /// one-replicate form that the tests hold [`ToneStats::resample_means`] to.
    #[cfg(test)]
    fn resample_mean(values: &[f64], rng: &mut SplitMix64) -> f64 {
        let total = values.len() as u64;
        if total == 0 {
            return 0.0;
        }
        let mut s = 0.0;
        for _ in 0..total {
            let r = rng.below(total);
            s += values.get(r as usize).copied().unwrap_or(0.0);
        }
        s / total as f64
    }

    /// [`ToneStats::resample_mean`] for `LANES` replicates at once, each with its own
    /// generator: each replicate's sum still adds its own draws in its own order (so the result
    /// is bit for bit the same), but the lanes' additions overlap instead of waiting on one
    /// another.
    fn resample_means(values: &[f64], rngs: &mut [SplitMix64; LANES]) -> [f64; LANES] {
        let total = values.len() as u64;
        resample_means_with(total, total, rngs, |r| {
            values.get(r as usize).copied().unwrap_or(0.0)
        })
    }

    /// The value drawn for each r in 0..n: bin b's value repeated count(b) times, in bin
    /// order. Looking a draw up here gives the bin a binary search over the cumulative counts
    /// gave (the first bin whose cumulative count exceeds r), in one load instead of eight
    /// mispredicted branches: the bootstrap was most of `report`'s time.
    fn draw_table(&self) -> Vec<f64> {
        let mut values = Vec::with_capacity(self.n.min(BOOTSTRAP_MAX_N) as usize);
        for (i, &c) in self.hist.counts().iter().enumerate() {
            values.extend(std::iter::repeat_n(bin_value(i), c as usize));
        }
        values
    }
}

/// The means of `LANES` resamples of `size` draws each, a draw being `value(r)` for r uniform
/// in `0..total`; each lane adds its own draws in its own order.
#[inline]
fn resample_means_with(
    total: u64,
    size: u64,
    rngs: &mut [SplitMix64; LANES],
    value: impl Fn(u64) -> f64,
) -> [f64; LANES] {
    if total == 0 || size == 0 {
        return [0.0; LANES];
    }
    let mut sums = [0.0; LANES];
    for _ in 0..size {
        for (s, rng) in sums.iter_mut().zip(rngs.iter_mut()) {
            *s += value(rng.below(total));
        }
    }
    sums.map(|s| s / size as f64)
}

/// One group's side of a bootstrap: draws from its tone histogram, and how a resample's mean
/// becomes a replicate's deviation from the histogram mean.
enum Resample {
    /// Up to [`BOOTSTRAP_MAX_N`] statements: resamples of the group's size from the draw table
    /// ([`ToneStats::draw_table`]).
    Whole { values: Vec<f64>, centre: f64 },
    /// A larger group: resamples of [`BOOTSTRAP_MAX_N`] draws, their deviation from the
    /// histogram mean scaled by `scale = sqrt(BOOTSTRAP_MAX_N / n)`, so that it has the spread
    /// of a resample of n. (The table for n draws would grow with the input.)
    Scaled {
        bins: BinSearch,
        centre: f64,
        scale: f64,
    },
}

/// The bin of a draw r in `0..n` (the first bin whose cumulative count exceeds r), found from
/// a guide table (indexed search): `guide[r >> shift]` is the bin of the smallest r with that
/// index, and a short forward scan finishes. Gives what a binary search over the cumulative
/// counts gives, in a load and a compare or two instead of eight mispredicted branches.
struct BinSearch {
    cumulative: Vec<u64>,
    guide: Vec<u8>,
    shift: u32,
    n: u64,
}

/// Entries of a guide table, at most: several per bin, so the scan rarely moves.
const GUIDE: u64 = 1024;

impl BinSearch {
    fn new(hist: &[u32]) -> BinSearch {
        let cumulative: Vec<u64> = hist
            .iter()
            .scan(0u64, |acc, &c| {
                *acc += u64::from(c);
                Some(*acc)
            })
            .collect();
        let n = cumulative.last().copied().unwrap_or(0);
        let shift = (u64::BITS - (n / GUIDE).leading_zeros()).min(63);
        let mut guide = Vec::with_capacity((n >> shift) as usize + 1);
        let mut bin = 0usize;
        for j in 0..=(n >> shift) {
            let r = j << shift;
            while cumulative.get(bin).is_some_and(|&c| c <= r) {
                bin += 1;
            }
            // BINS < 256: every bin index fits a byte.
            guide.push(bin.min(BINS - 1) as u8);
        }
        BinSearch {
            cumulative,
            guide,
            shift,
            n,
        }
    }

    #[inline]
    fn bin(&self, r: u64) -> usize {
        let mut b = self
            .guide
            .get((r >> self.shift) as usize)
            .map_or(0, |&g| usize::from(g));
        while self.cumulative.get(b).is_some_and(|&c| c <= r) {
            b += 1;
        }
        b
    }
}

impl Resample {
    fn of(g: &ToneStats) -> Resample {
        let centre = g.hist_mean();
        if g.n <= BOOTSTRAP_MAX_N {
            return Resample::Whole {
                values: g.draw_table(),
                centre,
            };
        }
        let bins = BinSearch::new(&g.hist.counts());
        let scale = (BOOTSTRAP_MAX_N as f64 / bins.n.max(1) as f64).sqrt();
        Resample::Scaled {
            bins,
            centre,
            scale,
        }
    }

    /// Draws per replicate.
    fn size(&self) -> u64 {
        match self {
            Resample::Whole { values, .. } => values.len() as u64,
            Resample::Scaled { .. } => BOOTSTRAP_MAX_N,
        }
    }

    /// The resample means of `LANES` replicates.
    fn means(&self, rngs: &mut [SplitMix64; LANES]) -> [f64; LANES] {
        match self {
            Resample::Whole { values, .. } => ToneStats::resample_means(values, rngs),
            Resample::Scaled { bins, .. } => {
                resample_means_with(bins.n, BOOTSTRAP_MAX_N, rngs, |r| bin_value(bins.bin(r)))
            }
        }
    }

    /// The histogram mean.
    fn centre(&self) -> f64 {
        match self {
            Resample::Whole { centre, .. } | Resample::Scaled { centre, .. } => *centre,
        }
    }

    /// A resample mean's deviation from the histogram mean, at the group's size.
    fn deviation(&self, mean: f64) -> f64 {
        match self {
            Resample::Whole { centre, .. } => mean - centre,
            Resample::Scaled { centre, scale, .. } => (mean - centre) * scale,
        }
    }
}

fn bin_value(i: usize) -> f64 {
    i as f64 * BIN_WIDTH - 1.0
}

/// A 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// How it was computed.
    pub method: IntervalMethod,
}

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalMethod {
    /// Percentile bootstrap, [`REPLICATES`] replicates, seeded.
    Bootstrap,
    /// Normal approximation for large groups.
    Normal,
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let frac = pos - lo as f64;
    sorted[lo] * (1.0 - frac) + sorted[hi.min(sorted.len() - 1)] * frac
}

/// 95% interval for the mean of `g`; `None` with fewer than two statements.
pub fn mean_interval(g: &ToneStats, name: &str) -> Option<Interval> {
    mean_interval_on(&Pool::single(), g, name)
}

/// [`mean_interval`], with the bootstrap replicates spread over `pool`. The result does not
/// depend on the pool: replicate `j` draws the same numbers it would in a plain loop.
pub fn mean_interval_on(pool: &Pool, g: &ToneStats, name: &str) -> Option<Interval> {
    if g.n < 2 {
        return None;
    }
    if g.n > BOOTSTRAP_MAX_N {
        let se = g.sd() / (g.n as f64).sqrt();
        return Some(Interval {
            low: g.mean() - 1.96 * se,
            high: g.mean() + 1.96 * se,
            method: IntervalMethod::Normal,
        });
    }
    let seed = seed_for(name);
    // Up to BOOTSTRAP_MAX_N statements: the whole group is resampled.
    let resample = Resample::of(g);
    let per = resample.size();
    let groups: Vec<u64> = (0..(REPLICATES / LANES) as u64).collect();
    let mut lanes = Vec::with_capacity(groups.len());
    pool.map_into(&groups, &mut lanes, |&g| {
        let mut rngs: [SplitMix64; LANES] =
            std::array::from_fn(|k| SplitMix64::after(seed, (g * LANES as u64 + k as u64) * per));
        resample.means(&mut rngs).map(|m| resample.deviation(m))
    });
    let mut draws: Vec<f64> = lanes.into_iter().flatten().collect();
    draws.sort_by(f64::total_cmp);
    Some(Interval {
        low: g.mean() + percentile(&draws, 0.025),
        high: g.mean() + percentile(&draws, 0.975),
        method: IntervalMethod::Bootstrap,
    })
}

/// 95% interval for `mean(b) - mean(a)`, resampling each group independently; `None` when
/// either group has fewer than two statements. When both groups have more than
/// [`BOOTSTRAP_MAX_N`] statements, the normal interval; when one has, that group is resampled
/// at [`BOOTSTRAP_MAX_N`] draws with its deviation scaled to its own size (the smaller group
/// is the one whose skew matters).
pub fn shift_interval(a: &ToneStats, b: &ToneStats, name: &str) -> Option<Interval> {
    shift_interval_on(&Pool::single(), a, b, name)
}

/// [`shift_interval`], with the bootstrap replicates spread over `pool` (same result).
pub fn shift_interval_on(
    pool: &Pool,
    a: &ToneStats,
    b: &ToneStats,
    name: &str,
) -> Option<Interval> {
    if a.n < 2 || b.n < 2 {
        return None;
    }
    let delta = b.mean() - a.mean();
    if a.n > BOOTSTRAP_MAX_N && b.n > BOOTSTRAP_MAX_N {
        let se = (a.sd().powi(2) / a.n as f64 + b.sd().powi(2) / b.n as f64).sqrt();
        return Some(Interval {
            low: delta - 1.96 * se,
            high: delta + 1.96 * se,
            method: IntervalMethod::Normal,
        });
    }
    let seed = seed_for(name);
    let (ra, rb) = (Resample::of(a), Resample::of(b));
    // Each replicate draws b's resample, then a's.
    let per = ra.size() + rb.size();
    let both_whole = matches!((&ra, &rb), (Resample::Whole { .. }, Resample::Whole { .. }));
    let centre = rb.centre() - ra.centre();
    let groups: Vec<u64> = (0..(REPLICATES / LANES) as u64).collect();
    let mut lanes = Vec::with_capacity(groups.len());
    pool.map_into(&groups, &mut lanes, |&g| {
        let mut rngs: [SplitMix64; LANES] =
            std::array::from_fn(|k| SplitMix64::after(seed, (g * LANES as u64 + k as u64) * per));
        let mb = rb.means(&mut rngs);
        let ma = ra.means(&mut rngs);
        std::array::from_fn::<f64, LANES, _>(|k| {
            // The same value either way but for rounding: two whole groups keep the
            // arithmetic they always had, so their intervals keep their bits.
            if both_whole {
                mb[k] - ma[k] - centre
            } else {
                rb.deviation(mb[k]) - ra.deviation(ma[k])
            }
        })
    });
    let mut draws: Vec<f64> = lanes.into_iter().flatten().collect();
    draws.sort_by(f64::total_cmp);
    Some(Interval {
        low: delta + percentile(&draws, 0.025),
        high: delta + percentile(&draws, 0.975),
        method: IntervalMethod::Bootstrap,
    })
}

/// The single split of a daily series that best separates its mean: the index `k` (the first
/// day of the second segment) minimizing the summed within-segment squared error of the
/// statements' tones, computed exactly from each day's count, sum and sum of squares. Returns
/// `(k, reduction of squared error as a share of the total)`; `None` with fewer than two days
/// or no variation.
pub fn change_point(days: &[(u64, f64, f64)]) -> Option<(usize, f64)> {
    if days.len() < 2 {
        return None;
    }
    let sse = |n: u64, s: f64, q: f64| if n == 0 { 0.0 } else { q - s * s / n as f64 };
    let (tn, ts, tq) = days
        .iter()
        .fold((0u64, 0.0, 0.0), |(n, s, q), &(dn, ds, dq)| {
            (n + dn, s + ds, q + dq)
        });
    let total = sse(tn, ts, tq);
    // No variation: the same tone on every statement leaves only rounding error in `total`,
    // which grows with the sum of squares (a tenth of a million identical tones once
    // "explained 0%" of such noise and made two phases of it).
    if total <= 1e-12_f64.max(1e-10 * tq) {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    let (mut ln, mut ls, mut lq) = (0u64, 0.0, 0.0);
    for k in 1..days.len() {
        let (dn, ds, dq) = days[k - 1];
        ln += dn;
        ls += ds;
        lq += dq;
        let within = sse(ln, ls, lq) + sse(tn - ln, ts - ls, tq - lq);
        let gain = (total - within) / total;
        if best.is_none_or(|(_, g)| gain > g + 1e-12) {
            best = Some((k, gain));
        }
    }
    best
}

/// The share of the statements' squared error around their mean that a straight line through
/// time removes: the tones regressed on their day, `xs[i]` being the day of `days[i]` (count,
/// sum and sum of squares of its tones) in calendar days, so gaps between days count. Exact
/// from the daily sums. 0 with fewer than two distinct days or no variation.
///
/// Beside [`change_point`]'s gain it tells a turn from a drift: a tone that steps from one
/// level to another is explained better by the best split than by a line, a tone that moves
/// steadily better by the line (the best split of a ramp explains about three quarters of it).
pub fn trend_gain(days: &[(u64, f64, f64)], xs: &[f64]) -> f64 {
    let (mut n, mut sx, mut s, mut q) = (0u64, 0.0, 0.0, 0.0);
    for (&(dn, ds, dq), &x) in days.iter().zip(xs) {
        n += dn;
        sx += dn as f64 * x;
        s += ds;
        q += dq;
    }
    if n == 0 {
        return 0.0;
    }
    let total = q - s * s / n as f64;
    let xbar = sx / n as f64;
    // Centred sums: Sxx = sum n_d (x_d - xbar)^2, Sxy = sum (x_d - xbar) s_d (the mean of y
    // drops out because the weights n_d (x_d - xbar) sum to zero).
    let (mut sxx, mut sxy) = (0.0, 0.0);
    for (&(dn, ds, _), &x) in days.iter().zip(xs) {
        let dx = x - xbar;
        sxx += dn as f64 * dx * dx;
        sxy += dx * ds;
    }
    if total <= 1e-12 || sxx <= 1e-12 {
        return 0.0;
    }
    (sxy * sxy / sxx / total).clamp(0.0, 1.0)
}

/// Shuffles [`change_point_p`] draws.
pub const SHUFFLES: u32 = 999;

/// How often the days of `days` in a random order split as well as they do in their own
/// order: the share of [`SHUFFLES`] seeded shuffles whose best split ([`change_point`]) reduces
/// the squared error by at least `gain`, counting the observed order as one of them
/// (`(k + 1) / (SHUFFLES + 1)`). Small means the turning point is unlikely to be noise:
/// shuffling whole days keeps each day's statements together (so same-day statements, often
/// alike, are not taken for independent evidence) and finds the best split again each time
/// (so picking the best of many splits is accounted for). The same days give the same value.
pub fn change_point_p(days: &[(u64, f64, f64)], gain: f64) -> f64 {
    let mut order: Vec<(u64, f64, f64)> = days.to_vec();
    let mut rng = SplitMix64::new(SEED ^ days.len() as u64);
    let mut as_good = 0u32;
    for _ in 0..SHUFFLES {
        // Fisher-Yates.
        for i in (1..order.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            order.swap(i, j);
        }
        if change_point(&order).is_some_and(|(_, g)| g >= gain - 1e-12) {
            as_good += 1;
        }
    }
    f64::from(as_good + 1) / f64::from(SHUFFLES + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(tones: &[f64]) -> ToneStats {
        let mut g = ToneStats::default();
        for &t in tones {
            g.add(t);
        }
        g
    }

    #[test]
    fn bootstrap_is_deterministic_and_covers_the_mean() {
        let g = group(&[-0.6, -0.5, -0.7, -0.2, -0.9, -0.4, -0.55, -0.65]);
        let a = mean_interval(&g, "Trump/Threats").expect("interval");
        let b = mean_interval(&g, "Trump/Threats").expect("interval");
        assert_eq!(a, b, "same seed, same interval");
        assert!(
            a.low < g.mean() && g.mean() < a.high,
            "{a:?} around {}",
            g.mean()
        );
        assert!(a.high - a.low < 0.5);
        let other = mean_interval(&g, "Petro/Threats").expect("interval");
        assert_ne!(a, other, "groups get their own streams");
    }

    #[test]
    fn shift_interval_excludes_zero_for_a_clear_shift() {
        let a = group(&[-0.6, -0.5, -0.7, -0.8, -0.65, -0.55]);
        let b = group(&[0.5, 0.6, 0.4, 0.7, 0.55, 0.65]);
        let i = shift_interval(&a, &b, "x").expect("interval");
        assert!(i.low > 0.9 && i.high < 1.5, "{i:?}");
        let same = shift_interval(&a, &a, "y").expect("interval");
        assert!(same.low < 0.0 && same.high > 0.0, "{same:?}");
    }

    #[test]
    fn parallel_bootstrap_draws_what_the_loop_drew() {
        let a = group(&[-0.6, -0.5, -0.7, -0.8, -0.65, -0.55, 0.1]);
        let b = group(&[0.5, 0.6, 0.4, 0.7, 0.55, 0.65, -0.2, 0.3]);
        // The loop as it was: one generator, replicates one after the other.
        let mut rng = SplitMix64::new(seed_for("g"));
        let values = a.draw_table();
        let mut draws: Vec<f64> = (0..REPLICATES)
            .map(|_| ToneStats::resample_mean(&values, &mut rng) - a.hist_mean())
            .collect();
        draws.sort_by(f64::total_cmp);
        let expected = a.mean() + percentile(&draws, 0.025);
        let pool = Pool::new(2).expect("pool");
        let got = mean_interval_on(&pool, &a, "g").expect("interval");
        assert_eq!(got.low.to_bits(), expected.to_bits());
        assert_eq!(mean_interval(&a, "g"), Some(got));
        assert_eq!(
            shift_interval_on(&pool, &a, &b, "s"),
            shift_interval(&a, &b, "s")
        );
    }

    #[test]
    fn large_groups_use_the_normal_interval() {
        let mut g = ToneStats::default();
        for i in 0..(BOOTSTRAP_MAX_N + 10) {
            g.add(if i % 2 == 0 { 0.5 } else { -0.5 });
        }
        let i = mean_interval(&g, "big").expect("interval");
        assert_eq!(i.method, IntervalMethod::Normal);
        assert!((i.low + i.high).abs() < 1e-3);
    }

    /// `n` tones spread over -0.9..0.9 by a fixed generator.
    fn spread(n: u64, seed: u64) -> ToneStats {
        let mut rng = SplitMix64::new(seed);
        let mut g = ToneStats::default();
        for _ in 0..n {
            g.add(rng.below(181) as f64 / 100.0 - 0.9);
        }
        g
    }

    #[test]
    fn shift_against_a_large_group_resamples_it_at_its_own_spread() {
        let small = spread(1_500, 1);
        let large = spread(100_000, 2);
        let got = shift_interval(&small, &large, "s").expect("interval");
        assert_eq!(got.method, IntervalMethod::Bootstrap);
        let pool = Pool::new(2).expect("pool");
        assert_eq!(shift_interval_on(&pool, &small, &large, "s"), Some(got));
        assert_eq!(
            shift_interval(&large, &small, "t").map(|i| i.method),
            Some(IntervalMethod::Bootstrap)
        );
        // The normal width for these sizes; resampling the large group at 2,000 without the
        // scale would be 31% wider.
        let se = (small.sd().powi(2) / small.n as f64 + large.sd().powi(2) / large.n as f64).sqrt();
        let width = got.high - got.low;
        assert!(
            (width / (2.0 * 1.96 * se) - 1.0).abs() < 0.08,
            "width {width} against normal {}",
            2.0 * 1.96 * se
        );
        let delta = large.mean() - small.mean();
        assert!(
            got.low < delta && delta < got.high,
            "{got:?} around {delta}"
        );
        // Two large groups: the normal interval.
        let both = shift_interval(&large, &spread(50_000, 3), "u").expect("interval");
        assert_eq!(both.method, IntervalMethod::Normal);
    }

    #[test]
    fn histograms_count_the_same_kept_sparse_or_dense_and_merged_any_way() {
        // Tones by a fixed generator; the reference counts each tone's bin directly.
        let tones = |n: usize, seed: u64| -> Vec<f64> {
            let mut rng = SplitMix64::new(seed);
            (0..n)
                .map(|_| rng.below(2_001) as f64 / 1_000.0 - 1.0)
                .collect()
        };
        let reference = |ts: &[f64]| {
            let mut counts = vec![0u32; BINS];
            for &t in ts {
                counts[((t + 1.0) / BIN_WIDTH).round() as usize] += 1;
            }
            counts
        };
        for (a, b) in [
            (0, 0),
            (1, 1),
            (3, 5),
            (FEW, 0),
            (FEW, 1),
            (FEW - 1, 1),
            (1, FEW),
            (FEW + 1, 30),
            (40, 24),
            (40, 25),
            (64, 1),
            (1, 64),
            (200, 3),
            (3, 200),
            (500, 700),
        ] {
            let (ta, tb) = (tones(a, 1), tones(b, 2));
            let (ga, gb) = (group(&ta), group(&tb));
            assert_eq!(ga.histogram(), reference(&ta), "{a}");
            let mut m = ga.clone();
            m.merge(&gb);
            let both: Vec<f64> = ta.iter().chain(&tb).copied().collect();
            assert_eq!(m.histogram(), reference(&both), "{a} + {b}");
            assert_eq!(m.n, both.len() as u64);
            // Without a histogram on either side, merging leaves the histogram as it was.
            let mut off = ToneStats::without_histogram();
            off.merge(&gb);
            assert!(off.histogram().is_empty());
            let mut kept = ga.clone();
            kept.merge(&ToneStats::without_histogram());
            assert_eq!(kept.histogram(), reference(&ta));
        }
    }

    #[test]
    fn guide_table_finds_the_bin_a_binary_search_finds() {
        let mut rng = SplitMix64::new(7);
        for n in [1u64, 2, 5, 1_000, 2_001, 50_000, 3_000_000] {
            let mut hist = vec![0u32; BINS];
            for _ in 0..n.min(100_000) {
                // Lumpy: most draws in a few bins, some bins empty.
                let b = if rng.below(4) == 0 {
                    rng.below(BINS as u64)
                } else {
                    90 + rng.below(5)
                };
                hist[b as usize] += 1;
            }
            if n > 100_000 {
                hist[0] += (n - 100_000) as u32;
            }
            let s = BinSearch::new(&hist);
            for _ in 0..20_000 {
                let r = rng.below(s.n);
                assert_eq!(
                    s.bin(r),
                    s.cumulative.partition_point(|&c| c <= r),
                    "n {n} r {r}"
                );
            }
            for r in [0, s.n - 1] {
                assert_eq!(
                    s.bin(r),
                    s.cumulative.partition_point(|&c| c <= r),
                    "n {n} r {r}"
                );
            }
        }
    }

    #[test]
    fn normal_and_bootstrap_intervals_agree_at_the_switch() {
        // Just under the switch the bootstrap, just over it the normal interval: their ends
        // differ by less than the 0.01 the reports show.
        let under = spread(BOOTSTRAP_MAX_N, 4);
        let over = spread(BOOTSTRAP_MAX_N + 1, 4);
        let b = mean_interval(&under, "g").expect("interval");
        let n = mean_interval(&over, "g").expect("interval");
        assert_eq!(b.method, IntervalMethod::Bootstrap);
        assert_eq!(n.method, IntervalMethod::Normal);
        assert!(
            (b.low - n.low).abs() < 0.005 && (b.high - n.high).abs() < 0.005,
            "{b:?} {n:?}"
        );
    }

    #[test]
    fn shuffles_tell_a_turning_point_from_noise() {
        // Twenty hostile days, then twenty cooperative ones: no shuffle splits as well.
        let day = |t: f64| (3u64, 3.0 * t, 3.0 * t * t + 0.05);
        let shift: Vec<(u64, f64, f64)> = (0..40)
            .map(|d| day(if d < 20 { -0.5 } else { 0.5 }))
            .collect();
        let (_, gain) = change_point(&shift).expect("split");
        assert_eq!(change_point_p(&shift, gain), 1.0 / 1000.0);
        // The same days alternating: the best split is weak and shuffles often beat it.
        let noise: Vec<(u64, f64, f64)> = (0..40)
            .map(|d| day(if d % 2 == 0 { -0.5 } else { 0.5 }))
            .collect();
        let (_, gain) = change_point(&noise).expect("split");
        let p = change_point_p(&noise, gain);
        assert!(p > 0.5, "{p}");
        assert_eq!(p, change_point_p(&noise, gain), "seeded");
    }

    #[test]
    fn a_line_explains_a_drift_better_than_a_split_and_a_step_worse() {
        let day = |t: f64| (2u64, 2.0 * t, 2.0 * t * t);
        let xs: Vec<f64> = (0..30).map(f64::from).collect();
        // A steady drift from -0.6 to +0.6.
        let ramp: Vec<(u64, f64, f64)> = (0..30)
            .map(|d| day(-0.6 + 1.2 * f64::from(d) / 29.0))
            .collect();
        let (_, split) = change_point(&ramp).expect("split");
        let line = trend_gain(&ramp, &xs);
        assert!((line - 1.0).abs() < 1e-9, "{line}");
        assert!((0.7..0.8).contains(&split), "{split}");
        // A step from -0.5 to +0.5 halfway.
        let step: Vec<(u64, f64, f64)> = (0..30)
            .map(|d| day(if d < 15 { -0.5 } else { 0.5 }))
            .collect();
        let (_, split) = change_point(&step).expect("split");
        let line = trend_gain(&step, &xs);
        assert!((split - 1.0).abs() < 1e-9, "{split}");
        assert!((0.7..0.8).contains(&line), "{line}");
        // Calendar gaps count: the same step with the second half a year later is nearly all
        // explained by a line through two distant clusters.
        let far: Vec<f64> = (0..30)
            .map(|d| f64::from(if d < 15 { d } else { d + 365 }))
            .collect();
        assert!(trend_gain(&step, &far) > 0.99);
        // No variation, one day: nothing to explain.
        assert_eq!(trend_gain(&[day(0.3), day(0.3)], &[0.0, 1.0]), 0.0);
        assert_eq!(trend_gain(&[day(0.3)], &[0.0]), 0.0);
    }

    #[test]
    fn change_point_finds_a_known_shift() {
        // Ten hostile days, then eight cooperative ones.
        let mut days = Vec::new();
        for d in 0..18 {
            let t = if d < 10 { -0.6 } else { 0.5 };
            let n = 3u64;
            days.push((n, t * n as f64, t * t * n as f64 + 0.01 * d as f64));
        }
        let (k, gain) = change_point(&days).expect("found");
        assert_eq!(k, 10);
        assert!(gain > 0.9, "{gain}");
        assert_eq!(change_point(&days[..1]), None);
        assert_eq!(
            change_point(&[(2, 0.0, 0.0), (2, 0.0, 0.0)]),
            None,
            "no variation"
        );
        // The same tone on every statement, summed in floating point over days of different
        // sizes: what is left is rounding error, not a turning point.
        let t = -0.771_806_034_784_596_5_f64;
        let same: Vec<(u64, f64, f64)> = (0..48)
            .map(|d| {
                let n = 9 + d % 12;
                let (mut s, mut q) = (0.0, 0.0);
                for _ in 0..n {
                    s += t;
                    q += t * t;
                }
                (n, s, q)
            })
            .collect();
        assert_eq!(change_point(&same), None, "one tone throughout");
    }
}
