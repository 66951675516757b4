//! The compiled lexicon: a word table for exact words, a byte trie for `prefix*` wildcards,
//! and a trie over token elements for phrases. Matching is leftmost-longest: at each position the longest phrase wins,
//! and between phrases of equal length the one with more exact words (then longer prefixes).

use super::words::{StartFilter, WordTable};
use super::{Entry, Lexicon, Modifier};
use crate::error::{Error, ErrorKind, Result};
use crate::text::Tokens;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// A phrase element while building: an exact word or a prefix, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Elem {
    Word(u32),
    Prefix(u32),
    /// Any number (`<num>` in a term): "within <num> hours".
    Num,
}

/// What a match points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchTarget {
    /// Index into [`Matcher::entries`].
    Tone(u32),
    /// Index into [`Matcher::modifiers`].
    Modifier(u32),
}

/// A matched lexicon term over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entry or modifier matched.
    pub target: MatchTarget,
}

/// An edge of the phrase trie below the root, in an open-addressing table keyed by (node,
/// key): one probe where a search of the node's sorted edges took several steps.
#[derive(Debug, Clone, Copy)]
struct EdgeSlot {
    /// The parent node; [`NONE`] marks a free slot.
    node: u32,
    key: u32,
    child: u32,
}

const EMPTY_EDGE: EdgeSlot = EdgeSlot {
    node: NONE,
    key: 0,
    child: NONE,
};

/// The first slot to probe for edge (`node`, `key`) in a table of 2^(64 - `shift`) slots.
#[inline]
fn edge_home(node: u32, key: u32, shift: u32) -> usize {
    let k = (u64::from(node) << 32) | u64::from(key);
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

/// What [`Matcher::chain_at`] found at a token.
enum Chain {
    /// No term starts here.
    Nothing,
    /// The longest term here ends before this token, with this target.
    Found(usize, MatchTarget),
    /// A token on the way offers several edges: the full search decides.
    Branches,
}

/// The placeholder word that matches any number in a term.
pub const NUM: &str = "<num>";

/// True for a token that is a number: digits with inner `.` or `,` (48, 3.5, 1,000).
fn is_number(w: &[u8]) -> bool {
    w.first().is_some_and(u8::is_ascii_digit)
        && w.iter()
            .all(|&b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Reusable buffers for [`Matcher::find`], so matching allocates nothing per statement.
#[derive(Debug, Clone, Default)]
pub struct MatchScratch {
    slots: Vec<Slot>,
    prefixes: Vec<(u32, u32)>,
    stack: Vec<(u32, usize, u32, u32)>,
}

impl MatchScratch {
    /// Empties the buffers and gives back their room beyond `keep` tokens' worth.
    pub(crate) fn trim(&mut self, keep: usize) {
        use crate::text::empty_to;
        empty_to(&mut self.slots, keep);
        empty_to(&mut self.prefixes, keep);
        empty_to(&mut self.stack, keep);
    }
}

/// What the phrase search needs of an exact word of the lexicon, found when it is compiled.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    /// Its wildcard prefixes: a range of [`Matcher::prefix_items`].
    prefixes: (u32, u32),
    /// The phrase-trie node it leads to from the root, or [`NONE`].
    root: u32,
    /// It is a number (a lexicon may list one as a word, such as "911").
    number: bool,
}

/// What the phrase search needs of one token.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// Exact word id, or [`NONE`].
    id: u32,
    /// The phrase-trie node its exact word leads to from the root, or [`NONE`]: the first step
    /// of every search from this token, taken once here.
    root: u32,
    clause: u32,
    /// The token's wildcard prefixes: a range of [`MatchScratch::prefixes`].
    prefixes: (u32, u32),
    number: bool,
    /// More than the exact word leads on from here (a prefix or a number).
    branches: bool,
}

/// A slot before it is filled.
const EMPTY_SLOT: Slot = Slot {
    id: NONE,
    root: NONE,
    clause: 0,
    prefixes: (0, 0),
    number: false,
    branches: false,
};

/// "No such id or node" in the flat tables.
const NONE: u32 = u32::MAX;

/// A cell of the double-array byte trie over the folded vocabulary (exact words and wildcard
/// prefixes): the child of the node in cell `s` under byte `b` is the cell `cells[s].base + b`
/// if that cell's `check` is `s`. One load per byte walked.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The parent's cell, or [`NONE`] for a free cell (and the root).
    check: u32,
    /// Where this node's children start.
    base: u32,
    /// The wildcard prefix spelled by the path, or [`NONE`].
    prefix: u32,
}

const FREE: Cell = Cell {
    check: NONE,
    base: 0,
    prefix: NONE,
};

/// A node of the phrase trie, whose edges are vocabulary elements.
#[derive(Debug, Clone, Copy)]
struct PhraseNode {
    /// Number of edges (in [`Matcher::root_edges`] for the root, [`Matcher::edges`] for the
    /// others).
    len: u32,
    target: Option<MatchTarget>,
    /// A bit ([`key_bit`]) for each of its edges' keys: most tokens continue no phrase, and a
    /// clear bit says so without a probe of the edge table.
    keys: u64,
}

/// The bit of an edge key in [`PhraseNode::keys`].
#[inline]
fn key_bit(key: u32) -> u64 {
    1 << (key.wrapping_mul(0x9E37_79B9) >> 26)
}

/// A compiled lexicon.
///
/// A token's exact word id comes from a word table (here, or from a table the caller shares
/// between matchers, see `Matcher::find_with`); the wildcard prefixes of a lexicon word are
/// found when compiling, those of other words by walking a double-array byte trie of the
/// prefixes. Phrases are a trie over those ids, keyed by one `u32` per element (a word id, or
/// the number of words plus a prefix id); the root's edges are a dense table because every
/// token asks it, the other edges a (node, key) hash table.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Exact words, by their folded bytes, to their ids.
    vocab: WordTable<u32>,
    /// The same words with their ids, for tables that serve several matchers.
    word_list: Vec<(String, u32)>,
    /// Double-array byte trie over the wildcard prefixes only (small, so its top levels stay
    /// in cache).
    cells: Vec<Cell>,
    /// Which three-byte beginnings some wildcard prefix has.
    prefix_starts: StartFilter,
    words: u32,
    root_edges: Vec<u32>,
    nodes: Vec<PhraseNode>,
    /// For each exact word id, what the phrase search needs of it.
    word_info: Vec<WordInfo>,
    /// (prefix id, length in characters), as [`Matcher::prefixes_of`] lists them.
    prefix_items: Vec<(u32, u32)>,
    /// The edges below the root, by (node, key): see [`EdgeSlot`].
    edges: Vec<EdgeSlot>,
    edge_shift: u32,
    /// The compiled lexicon: its entries and modifiers are what the targets index.
    lexicon: Lexicon,
    carries_negator: Vec<bool>,
}

/// The phrase trie as it is built, before it is flattened.
#[derive(Default)]
struct Builder {
    words: FxHashMap<String, u32>,
    prefixes: FxHashMap<String, u32>,
    elems: Vec<Vec<Elem>>,
    targets: Vec<Option<MatchTarget>>,
}

impl Builder {
    fn elem(&mut self, word: &str) -> Elem {
        if word == NUM {
            return Elem::Num;
        }
        // Looked up before inserting: most words recur, and `entry` would allocate the key.
        let id = |map: &mut FxHashMap<String, u32>, key: &str| match map.get(key) {
            Some(&id) => id,
            None => {
                let id = map.len() as u32;
                map.insert(key.to_string(), id);
                id
            }
        };
        match word.strip_suffix('*') {
            Some(prefix) => Elem::Prefix(id(&mut self.prefixes, prefix)),
            None => Elem::Word(id(&mut self.words, word)),
        }
    }

    fn insert(&mut self, term: &str, target: MatchTarget) {
        let elems: Vec<Elem> = term.split(' ').map(|w| self.elem(w)).collect();
        self.elems.push(elems);
        self.targets.push(Some(target));
    }
}

impl Matcher {
    /// Compiles `lex`. Fails when a term is both a tone entry and a modifier.
    pub fn build(lex: &Lexicon) -> Result<Matcher> {
        Matcher::from_lexicon(lex.clone())
    }

    /// [`Matcher::build`], keeping `lex` (its entries and modifiers are the matcher's, not
    /// copies: [`Matcher::lexicon`]).
    pub fn from_lexicon(lex: Lexicon) -> Result<Matcher> {
        let carries_negator = carries_negator(&lex);
        let mut b = Builder::default();
        let mut tone_terms: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, e) in lex.entries().iter().enumerate() {
            tone_terms.insert(e.term.as_str(), i);
            b.insert(&e.term, MatchTarget::Tone(i as u32));
        }
        for (i, md) in lex.modifiers().iter().enumerate() {
            if let Some(&t) = tone_terms.get(md.term.as_str()) {
                let tone = &lex.entries()[t];
                return Err(Error::new(
                    ErrorKind::BadTerm {
                        term: md.term.clone(),
                        detail: format!(
                            "it is both a modifier and a tone entry (at {}); keep one",
                            tone.origin
                        ),
                    },
                    md.origin.clone(),
                ));
            }
            b.insert(&md.term, MatchTarget::Modifier(i as u32));
        }
        let words = b.words.len() as u32;
        let num_key = words + b.prefixes.len() as u32;
        let key = |e: Elem| match e {
            Elem::Word(w) => w,
            Elem::Prefix(p) => words + p,
            Elem::Num => num_key,
        };

        // Phrase trie: nodes in creation order, as the terms come; a later term with the
        // same elements replaces the target, as inserting into a map did. The edges are one
        // map by (node, key) while building, then a list sorted by node and key.
        let mut edge_map: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut node_targets: Vec<Option<MatchTarget>> = vec![None];
        for (elems, target) in b.elems.iter().zip(&b.targets) {
            let mut node = 0u32;
            for &e in elems {
                let next = node_targets.len() as u32;
                let child = *edge_map.entry((node, key(e))).or_insert(next);
                if child == next {
                    node_targets.push(None);
                }
                node = child;
            }
            if let Some(t) = node_targets.get_mut(node as usize) {
                *t = *target;
            }
        }
        let mut edge_list: Vec<(u32, u32, u32)> = edge_map
            .into_iter()
            .map(|((node, key), child)| (node, key, child))
            .collect();
        edge_list.sort_unstable();
        let mut root_edges = vec![NONE; num_key as usize + 1];
        let mut nodes: Vec<PhraseNode> = node_targets
            .iter()
            .map(|t| PhraseNode {
                len: 0,
                target: *t,
                keys: 0,
            })
            .collect();
        for &(node, key, child) in &edge_list {
            if node == 0
                && let Some(slot) = root_edges.get_mut(key as usize)
            {
                *slot = child;
            }
            if let Some(n) = nodes.get_mut(node as usize) {
                n.len += 1;
                n.keys |= key_bit(key);
            }
        }
        let below_root = edge_list.iter().filter(|e| e.0 != 0).count();
        // At most half full, so that probes are short.
        let size = (2 * below_root).next_power_of_two().max(16);
        let edge_shift = 64 - size.trailing_zeros();
        let mut edges = vec![EMPTY_EDGE; size];
        for &(node, key, child) in edge_list.iter().filter(|e| e.0 != 0) {
            let mut at = edge_home(node, key, edge_shift);
            while edges[at].node != NONE {
                at = (at + 1) & (size - 1);
            }
            edges[at] = EdgeSlot { node, key, child };
        }

        // Byte trie over every word and prefix.
        let mut trie: Vec<(BTreeMap<u8, u32>, u32, u32)> = vec![(BTreeMap::new(), NONE, NONE)];
        let mut add = |s: &str| -> usize {
            let mut node = 0usize;
            for &byte in s.as_bytes() {
                let next = trie.len() as u32;
                let child = *trie[node].0.entry(byte).or_insert(next);
                if child == next {
                    trie.push((BTreeMap::new(), NONE, NONE));
                }
                node = child as usize;
            }
            node
        };
        let mut prefix_nodes = Vec::new();
        for (p, &id) in &b.prefixes {
            prefix_nodes.push((add(p), id));
        }
        for (node, id) in prefix_nodes {
            trie[node].2 = id;
        }
        let mut word_list: Vec<(String, u32)> = std::mem::take(&mut b.words).into_iter().collect();
        word_list.sort_by_key(|&(_, id)| id);
        let vocab = WordTable::new(
            word_list.iter().map(|(w, id)| (w.as_str(), *id)),
            NONE,
            |_, n| n,
        );
        let prefix_starts = StartFilter::new(b.prefixes.keys().map(String::as_bytes));
        // An empty prefix ("*") never matched: prefixes were looked up from one character on.
        trie[0].2 = NONE;
        let cells = double_array(&trie);
        let mut m = Matcher {
            vocab,
            word_list,
            cells,
            prefix_starts,
            words,
            root_edges,
            nodes,
            edges,
            edge_shift,
            lexicon: lex,
            carries_negator,
            word_info: Vec::new(),
            prefix_items: Vec::new(),
        };
        // The prefixes of each exact word, found once here rather than per token.
        let mut items = Vec::new();
        let mut ranges = Vec::with_capacity(m.word_list.len());
        for (w, id) in &m.word_list {
            debug_assert_eq!(*id as usize, ranges.len());
            let from = items.len() as u32;
            if m.prefix_starts.may_start(w.as_bytes()) {
                m.prefixes_of(w.as_bytes(), &mut items);
            }
            ranges.push(WordInfo {
                prefixes: (from, items.len() as u32),
                root: m.root_edges.get(*id as usize).copied().unwrap_or(NONE),
                number: is_number(w.as_bytes()),
            });
        }
        m.word_info = ranges;
        m.prefix_items = items;
        Ok(m)
    }

    /// True when entry `i` contains a negator of its own ("no one's colony", "no es patio
    /// trasero de nadie"): a negator before it agrees with it rather than flipping it.
    pub fn carries_negator(&self, i: usize) -> bool {
        self.carries_negator.get(i).copied().unwrap_or(false)
    }

    /// The phrase-trie key of the `<num>` element.
    fn num_key(&self) -> u32 {
        self.root_edges.len().saturating_sub(1) as u32
    }

    /// Tone entries, indexed by [`MatchTarget::Tone`].
    pub fn entries(&self) -> &[Entry] {
        self.lexicon.entries()
    }

    /// Modifiers, indexed by [`MatchTarget::Modifier`].
    pub fn modifiers(&self) -> &[Modifier] {
        self.lexicon.modifiers()
    }

    /// The lexicon it was compiled from.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Appends every wildcard prefix `bytes` starts with, shortest first, with its length in
    /// characters, to `prefixes`.
    #[inline]
    fn prefixes_of(&self, bytes: &[u8], prefixes: &mut Vec<(u32, u32)>) {
        let mut s = 0u32;
        let Some(mut cell) = self.cells.first().copied() else {
            return;
        };
        for (depth, &byte) in bytes.iter().enumerate() {
            let t = cell.base.wrapping_add(u32::from(byte));
            match self.cells.get(t as usize) {
                Some(c) if c.check == s => {
                    s = t;
                    cell = *c;
                }
                _ => return,
            }
            if cell.prefix != NONE {
                // A prefix ends on a character boundary; its length counts characters by
                // their first bytes (counted here only, as prefixes are rare).
                let chars = bytes
                    .get(..=depth)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|&&b| b & 0xC0 != 0x80)
                    .count();
                prefixes.push((cell.prefix, chars as u32));
            }
        }
    }

    /// The phrase-trie child of `node` under element key `key`.
    #[inline]
    fn edge(&self, node: u32, key: u32) -> Option<u32> {
        if node == 0 {
            return self
                .root_edges
                .get(key as usize)
                .copied()
                .filter(|&c| c != NONE);
        }
        let mask = self.edges.len().wrapping_sub(1);
        let mut at = edge_home(node, key, self.edge_shift);
        while let Some(e) = self.edges.get(at) {
            if e.node == node && e.key == key {
                return Some(e.child);
            }
            if e.node == NONE {
                return None;
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// Finds the leftmost-longest, non-overlapping matches in `tokens`, appending to `out`.
    pub fn find(&self, tokens: &Tokens, scratch: &mut MatchScratch, out: &mut Vec<Match>) {
        self.find_with(tokens, |i| self.vocab.token(tokens, i), scratch, out);
    }

    /// [`Matcher::walk_with`] with this matcher's own word table.
    pub(crate) fn walk(
        &self,
        tokens: &Tokens,
        scratch: &mut MatchScratch,
        step: impl FnMut(usize, usize, Option<MatchTarget>),
    ) {
        self.walk_with(tokens, |i| self.vocab.token(tokens, i), scratch, step);
    }

    /// Every exact word of the lexicon with its id, in id order: the ids
    /// [`Matcher::find_with`] expects.
    pub(crate) fn words(&self) -> &[(String, u32)] {
        &self.word_list
    }

    /// [`Matcher::find`] with each token's exact word id given by `id_of` (from a table that
    /// serves several matchers, built from [`Matcher::words`]; `u32::MAX` for none).
    pub(crate) fn find_with(
        &self,
        tokens: &Tokens,
        id_of: impl Fn(usize) -> u32,
        scratch: &mut MatchScratch,
        out: &mut Vec<Match>,
    ) {
        self.walk_with(tokens, id_of, scratch, |start, end, target| {
            if let Some(target) = target {
                out.push(Match { start, end, target });
            }
        });
    }

    /// The search of [`Matcher::find_with`], reporting every stretch of tokens in text order
    /// to `step(start, end, target)`: each match with its target, and each token no match
    /// covers on its own with `None`. A caller that needs both (the scorer's units) gets them
    /// from one pass instead of walking the tokens again beside a list of matches.
    #[inline]
    pub(crate) fn walk_with(
        &self,
        tokens: &Tokens,
        id_of: impl Fn(usize) -> u32,
        scratch: &mut MatchScratch,
        mut step: impl FnMut(usize, usize, Option<MatchTarget>),
    ) {
        let toks = tokens.tokens();
        let n = toks.len();
        let MatchScratch {
            slots,
            prefixes,
            stack,
        } = scratch;
        // Sized first and filled in place: no capacity check or length update per token.
        slots.clear();
        slots.resize(n, EMPTY_SLOT);
        prefixes.clear();
        for (i, (t, slot)) in toks.iter().zip(slots.iter_mut()).enumerate() {
            let from = prefixes.len() as u32;
            let id = id_of(i);
            let (number, root) = match self.word_info.get(id as usize) {
                // A word of the lexicon: its prefixes were found, whether it is a number
                // decided and its first step taken, when it was built.
                Some(info) => {
                    let (a, b) = info.prefixes;
                    if a != b {
                        prefixes.extend_from_slice(
                            self.prefix_items.get(a as usize..b as usize).unwrap_or(&[]),
                        );
                    }
                    (info.number, info.root)
                }
                None => {
                    let w = tokens.folded_bytes(i);
                    if self.prefix_starts.may_start(w) {
                        self.prefixes_of(w, prefixes);
                    }
                    (is_number(w), NONE)
                }
            };
            let to = prefixes.len() as u32;
            *slot = Slot {
                id,
                root,
                clause: t.clause,
                prefixes: (from, to),
                number,
                branches: number || to != from,
            };
        }
        let slots = &slots[..];
        let mut i = 0;
        while i < n {
            let found = match self.chain_at(i, slots, prefixes) {
                Chain::Nothing => None,
                Chain::Found(end, target) => Some((end, target)),
                Chain::Branches => self.longest_at(i, slots, prefixes, stack),
            };
            match found {
                Some((end, target)) => {
                    step(i, end, Some(target));
                    i = end;
                }
                None => {
                    step(i, i + 1, None);
                    i += 1;
                }
            }
        }
    }

    /// The match at token `start` when the way through the phrase trie is a single path: at
    /// every step at most one of the edges the token offers (its exact word, its wildcard
    /// prefixes, the number placeholder) exists, so the longest target on the path wins, as
    /// the full search would find. Most tokens end here after a table lookup or two; when a
    /// step offers two edges the search goes to [`Matcher::longest_at`].
    #[inline(always)]
    fn chain_at(&self, start: usize, slots: &[Slot], prefixes: &[(u32, u32)]) -> Chain {
        let Some(first) = slots.get(start) else {
            return Chain::Nothing;
        };
        if first.branches {
            return self.chain_from(0, start, start, first.clause, slots, prefixes);
        }
        // A token with only its exact word to offer: its first step was taken when its slot
        // was made, and most tokens that start nothing stop here.
        if first.root == NONE {
            return Chain::Nothing;
        }
        self.chain_from(first.root, start + 1, start, first.clause, slots, prefixes)
    }

    /// [`Matcher::chain_at`] from `node`, reached with the tokens `start..pos`.
    #[inline(always)]
    fn chain_from(
        &self,
        mut node: u32,
        mut pos: usize,
        start: usize,
        clause: u32,
        slots: &[Slot],
        prefixes: &[(u32, u32)],
    ) -> Chain {
        let mut best = Chain::Nothing;
        while let Some(nd) = self.nodes.get(node as usize) {
            if pos > start
                && let Some(t) = nd.target
            {
                best = Chain::Found(pos, t);
            }
            if nd.len == 0 {
                break;
            }
            // A phrase never crosses a comma, a clause or a sentence end.
            let Some(slot) = slots.get(pos).filter(|s| s.clause == clause) else {
                break;
            };
            let mut next = if slot.id == NONE || nd.keys & key_bit(slot.id) == 0 {
                None
            } else {
                self.edge(node, slot.id)
            };
            if slot.branches {
                let mut ways = usize::from(next.is_some());
                if slot.number
                    && let Some(c) = self.edge(node, self.num_key())
                {
                    next = Some(c);
                    ways += 1;
                }
                let (from, to) = slot.prefixes;
                for &(pid, _) in prefixes.get(from as usize..to as usize).unwrap_or(&[]) {
                    if let Some(c) = self.edge(node, self.words + pid) {
                        next = Some(c);
                        ways += 1;
                    }
                }
                if ways > 1 {
                    return Chain::Branches;
                }
            }
            match next {
                Some(child) => {
                    node = child;
                    pos += 1;
                }
                None => break,
            }
        }
        best
    }

    /// The best match starting at token `start` (end, target), searching every edge a token
    /// offers: its exact word, its wildcard prefixes, the number placeholder.
    fn longest_at(
        &self,
        start: usize,
        slots: &[Slot],
        prefixes: &[(u32, u32)],
        stack: &mut Vec<(u32, usize, u32, u32)>,
    ) -> Option<(usize, MatchTarget)> {
        let clause = slots.get(start)?.clause;
        // Rank: tokens covered, then exact words, then prefix letters.
        let mut best: Option<((usize, u32, u32), MatchTarget)> = None;
        stack.clear();
        stack.push((0, start, 0, 0));
        while let Some((node, pos, exact, letters)) = stack.pop() {
            let Some(node_ref) = self.nodes.get(node as usize) else {
                continue;
            };
            if pos > start
                && let Some(t) = node_ref.target
            {
                let rank = (pos - start, exact, letters);
                if best.as_ref().is_none_or(|(r, _)| rank > *r) {
                    best = Some((rank, t));
                }
            }
            // A phrase never crosses a comma, a clause or a sentence end: "si es así, no hay"
            // holds no "así no".
            if node_ref.len == 0 {
                continue;
            }
            let Some(slot) = slots.get(pos).filter(|s| s.clause == clause) else {
                continue;
            };
            if slot.number
                && let Some(child) = self.edge(node, self.num_key())
            {
                stack.push((child, pos + 1, exact + 1, letters));
            }
            if slot.id != NONE
                && node_ref.keys & key_bit(slot.id) != 0
                && let Some(child) = self.edge(node, slot.id)
            {
                stack.push((child, pos + 1, exact + 1, letters));
            }
            let (from, to) = slot.prefixes;
            for &(pid, len) in prefixes.get(from as usize..to as usize).unwrap_or(&[]) {
                if let Some(child) = self.edge(node, self.words + pid) {
                    stack.push((child, pos + 1, exact, letters + len));
                }
            }
        }
        best.map(|((len, _, _), t)| (start + len, t))
    }
}

/// For each entry: whether its words contain a negator modifier (or a word ending in n't).
fn carries_negator(lex: &Lexicon) -> Vec<bool> {
    let negators: Vec<Vec<&str>> = lex
        .modifiers()
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                super::ModifierKind::Negator
                    | super::ModifierKind::ClauseNegator
                    | super::ModifierKind::OpeningNegator
            )
        })
        .map(|m| m.term.split(' ').collect())
        .collect();
    lex.entries()
        .iter()
        .map(|e| {
            let words: Vec<&str> = e.term.split(' ').collect();
            words.iter().any(|w| w.ends_with("n't"))
                || negators
                    .iter()
                    .any(|nw| words.windows(nw.len()).any(|win| win == nw.as_slice()))
        })
        .collect()
}

/// Lays the byte trie (children by byte, word id, prefix id per node) out as a double array:
/// nodes in breadth-first order, each at the first base where all its children's cells are free.
fn double_array(trie: &[(BTreeMap<u8, u32>, u32, u32)]) -> Vec<Cell> {
    let mut cells = vec![FREE; 256];
    let Some(root) = trie.first() else {
        return cells;
    };
    cells[0] = Cell {
        check: NONE,
        base: 1,
        prefix: root.2,
    };
    // (trie node, its cell), breadth first. Free cells are kept in a set so that the search
    // for a base only visits holes: scanning cell by cell made building a lexicon slow.
    let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
    let mut free: std::collections::BTreeSet<usize> = (1..cells.len()).collect();
    while let Some((node, at)) = queue.pop_front() {
        let Some((children, _, _)) = trie.get(node) else {
            continue;
        };
        let labels: Vec<usize> = children.keys().map(|&b| usize::from(b)).collect();
        let (Some(&first), Some(&last)) = (labels.first(), labels.last()) else {
            continue;
        };
        let fits = |base: usize, cells: &[Cell]| {
            labels
                .iter()
                .all(|&l| cells.get(base + l).is_none_or(|c| c.check == NONE))
        };
        let base = free
            .range(first + 1..)
            .map(|&f| f - first)
            .find(|&b| fits(b, &cells))
            .unwrap_or_else(|| cells.len().saturating_sub(first).max(1));
        if cells.len() < base + last + 1 {
            free.extend(cells.len()..base + last + 1);
            cells.resize(base + last + 1, FREE);
        }
        cells[at].base = base as u32;
        for (&label, &child) in children {
            let t = base + usize::from(label);
            let prefix = trie.get(child as usize).map_or(NONE, |n| n.2);
            cells[t] = Cell {
                check: at as u32,
                base: 0,
                prefix,
            };
            free.remove(&t);
            queue.push_back((child as usize, t));
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Categories;
    use crate::text::Lang;

    fn matcher(src: &str) -> Matcher {
        let cats = Categories::builtin().expect("categories");
        let mut lex = Lexicon::empty(Lang::En);
        lex.add_source(src, &crate::error::Location::in_source("t"), &cats)
            .expect("parses");
        lex.compile().expect("compiles")
    }

    fn terms(m: &Matcher, text: &str) -> Vec<String> {
        let mut t = Tokens::new();
        t.tokenize(text);
        let mut out = Vec::new();
        m.find(&t, &mut MatchScratch::default(), &mut out);
        out.iter()
            .map(|x| match x.target {
                MatchTarget::Tone(i) => m.entries()[i as usize].term.clone(),
                MatchTarget::Modifier(i) => format!("mod:{}", m.modifiers()[i as usize].term),
            })
            .collect()
    }

    const LEX: &str = "arms\t-2\tforce\ntake up arms\t-3.5\tforce\nthreat*\t-3\tthreat\nthreats\t-2.5\tthreat\nimpos* sanction*\t-3\tcoercion\nsanction*\t-2.5\tcoercion\nno\tnegator\t-\nno one\tnegator\t-\nno one's colony\t-2\tdefiance\n";

    #[test]
    fn longest_phrase_wins() {
        let m = matcher(LEX);
        assert_eq!(terms(&m, "They will take up arms"), ["take up arms"]);
        assert_eq!(terms(&m, "arms"), ["arms"]);
        assert_eq!(
            terms(&m, "we impose sanctions, sanctions"),
            ["impos* sanction*", "sanction*"]
        );
        assert_eq!(terms(&m, "no one wants"), ["mod:no one"]);
        assert_eq!(
            terms(&m, "Colombia is no one's colony"),
            ["no one's colony"]
        );
    }

    #[test]
    fn number_placeholder_matches_any_number() {
        let m = matcher("within <num> hours\t-2.5\tdemand\nhours\t-1\tdemand\n");
        assert_eq!(terms(&m, "Leave within 48 hours"), ["within <num> hours"]);
        assert_eq!(terms(&m, "within 2.5 hours"), ["within <num> hours"]);
        assert_eq!(terms(&m, "within forty hours"), ["hours"]);
    }

    #[test]
    fn phrases_do_not_cross_commas() {
        let m = matcher(LEX);
        assert_eq!(terms(&m, "take up, arms"), ["arms"]);
    }

    #[test]
    fn words_of_every_length_are_found_and_only_themselves() {
        let words = crate::lexicon::words::tests::EDGE_WORDS;
        let src: String = words.iter().map(|w| format!("{w}\t1\tpraise\n")).collect();
        let m = matcher(&src);
        for w in words {
            assert_eq!(terms(&m, w), [w], "{w}");
            // One byte more or less is another word (unless it is in the list too).
            for other in [format!("{w}z"), format!("z{w}")] {
                assert!(terms(&m, &other).is_empty(), "{other}");
            }
        }
        assert!(terms(&m, "abcdefghijklmnoq").is_empty());
        assert!(terms(&m, "abcdefghijklmnopqs").is_empty());
    }

    #[test]
    fn prefix_filter_lets_every_prefix_through() {
        // Wildcards need three letters; the filter keys on three bytes.
        let m = matcher("abc*\t-1\tthreat\nabcd*\t-2\tthreat\nñoñ*\t1\tpraise\n");
        assert_eq!(
            terms(&m, "abc abcd abcdef abd ab ñoño ñoñ ño"),
            ["abc*", "abcd*", "abcd*", "ñoñ*", "ñoñ*"]
        );
        let f = StartFilter::new([&b"ab"[..]].into_iter());
        assert!(!f.is_on() && f.may_start(b"x"));
    }

    #[test]
    fn exact_word_beats_wildcard() {
        let m = matcher(LEX);
        assert_eq!(terms(&m, "threats threatening"), ["threats", "threat*"]);
    }

    #[test]
    fn term_both_tone_and_modifier_is_an_error() {
        let cats = Categories::builtin().expect("categories");
        let mut lex = Lexicon::empty(Lang::En);
        lex.add_source(
            "very\t1\tpraise\nvery\tbooster\t0.3\n",
            &crate::error::Location::in_source("t"),
            &cats,
        )
        .expect("parses");
        let e = lex.compile().expect_err("conflict");
        assert!(e.to_string().contains("both a modifier and a tone entry"));
    }
}
