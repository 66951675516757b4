//! The compiled lexicon: a word map, a prefix map for `prefix*` wildcards and a trie over token
//! elements for phrases. Matching is leftmost-longest: at each position the longest phrase wins,
//! and between phrases of equal length the one with more exact words (then longer prefixes).

use super::{Entry, Lexicon, Modifier};
use crate::error::{Error, ErrorKind, Result};
use crate::text::Tokens;
use std::collections::HashMap;

/// A phrase element: an exact word or a prefix, by id.
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

#[derive(Debug, Clone, Default)]
struct Node {
    children: HashMap<Elem, u32>,
    target: Option<MatchTarget>,
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

/// The placeholder word that matches any number in a term.
pub const NUM: &str = "<num>";

/// True for a token that is a number: digits with inner `.` or `,` (48, 3.5, 1,000).
fn is_number(w: &str) -> bool {
    w.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Reusable buffers for [`Matcher::find`], so matching allocates nothing per statement.
#[derive(Debug, Clone, Default)]
pub struct MatchScratch {
    word_ids: Vec<Option<u32>>,
    numbers: Vec<bool>,
    clauses: Vec<u32>,
    prefix_start: Vec<u32>,
    prefixes: Vec<(u32, u32)>,
    stack: Vec<(u32, usize, u32, u32)>,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Matcher {
    words: HashMap<Box<str>, u32>,
    prefixes: HashMap<Box<str>, u32>,
    prefix_lens: Vec<usize>,
    nodes: Vec<Node>,
    entries: Vec<Entry>,
    modifiers: Vec<Modifier>,
    carries_negator: Vec<bool>,
}

impl Matcher {
    /// Compiles `lex`. Fails when a term is both a tone entry and a modifier.
    pub fn build(lex: &Lexicon) -> Result<Matcher> {
        let mut m = Matcher {
            words: HashMap::new(),
            prefixes: HashMap::new(),
            prefix_lens: Vec::new(),
            nodes: vec![Node::default()],
            entries: lex.entries().to_vec(),
            modifiers: lex.modifiers().to_vec(),
            carries_negator: Vec::new(),
        };
        let negators: Vec<&str> = lex
            .modifiers()
            .iter()
            .filter(|m| m.kind == super::ModifierKind::Negator)
            .map(|m| m.term.as_str())
            .collect();
        m.carries_negator = lex
            .entries()
            .iter()
            .map(|e| {
                let words: Vec<&str> = e.term.split(' ').collect();
                words.iter().any(|w| w.ends_with("n't"))
                    || negators.iter().any(|n| {
                        let nw: Vec<&str> = n.split(' ').collect();
                        words.windows(nw.len()).any(|win| win == nw.as_slice())
                    })
            })
            .collect();
        let mut tone_terms: HashMap<&str, usize> = HashMap::new();
        for (i, e) in lex.entries().iter().enumerate() {
            tone_terms.insert(e.term.as_str(), i);
            m.insert(&e.term, MatchTarget::Tone(i as u32));
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
            m.insert(&md.term, MatchTarget::Modifier(i as u32));
        }
        m.prefix_lens.sort_unstable();
        m.prefix_lens.dedup();
        Ok(m)
    }

    fn elem(&mut self, word: &str) -> Elem {
        if word == NUM {
            return Elem::Num;
        }
        match word.strip_suffix('*') {
            Some(prefix) => {
                let next = self.prefixes.len() as u32;
                let id = *self.prefixes.entry(prefix.into()).or_insert(next);
                self.prefix_lens.push(prefix.chars().count());
                Elem::Prefix(id)
            }
            None => {
                let next = self.words.len() as u32;
                Elem::Word(*self.words.entry(word.into()).or_insert(next))
            }
        }
    }

    fn insert(&mut self, term: &str, target: MatchTarget) {
        let mut node = 0usize;
        for word in term.split(' ') {
            let e = self.elem(word);
            let next = self.nodes.len() as u32;
            let child = *self.nodes[node].children.entry(e).or_insert(next);
            if child == next {
                self.nodes.push(Node::default());
            }
            node = child as usize;
        }
        self.nodes[node].target = Some(target);
    }

    /// Tone entries, indexed by [`MatchTarget::Tone`].
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// True when entry `i` contains a negator of its own ("no one's colony", "no es patio
    /// trasero de nadie"): a negator before it agrees with it rather than flipping it.
    pub fn carries_negator(&self, i: usize) -> bool {
        self.carries_negator.get(i).copied().unwrap_or(false)
    }

    /// Modifiers, indexed by [`MatchTarget::Modifier`].
    pub fn modifiers(&self) -> &[Modifier] {
        &self.modifiers
    }

    /// Finds the leftmost-longest, non-overlapping matches in `tokens`, appending to `out`.
    pub fn find(&self, tokens: &Tokens, scratch: &mut MatchScratch, out: &mut Vec<Match>) {
        let n = tokens.tokens().len();
        scratch.word_ids.clear();
        scratch.numbers.clear();
        scratch.clauses.clear();
        scratch.prefix_start.clear();
        scratch.prefixes.clear();
        for i in 0..n {
            let w = tokens.folded(i);
            scratch.word_ids.push(self.words.get(w).copied());
            scratch.numbers.push(is_number(w));
            scratch.clauses.push(tokens.tokens()[i].clause);
            scratch.prefix_start.push(scratch.prefixes.len() as u32);
            if !self.prefixes.is_empty() {
                let mut chars = 0usize;
                let mut lens = self.prefix_lens.iter().peekable();
                for (b, c) in w.char_indices() {
                    chars += 1;
                    let end = b + c.len_utf8();
                    while let Some(&&l) = lens.peek() {
                        if l < chars {
                            lens.next();
                        } else {
                            break;
                        }
                    }
                    if lens.peek().is_some_and(|&&l| l == chars)
                        && let Some(&id) = self.prefixes.get(&w[..end])
                    {
                        scratch.prefixes.push((id, chars as u32));
                    }
                }
            }
        }
        scratch.prefix_start.push(scratch.prefixes.len() as u32);
        let mut i = 0;
        while i < n {
            match self.longest_at(i, n, scratch) {
                Some((end, target)) => {
                    out.push(Match {
                        start: i,
                        end,
                        target,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// The best match starting at token `start`: (end, target).
    fn longest_at(
        &self,
        start: usize,
        n: usize,
        s: &mut MatchScratch,
    ) -> Option<(usize, MatchTarget)> {
        // Rank: tokens covered, then exact words, then prefix letters.
        let mut best: Option<((usize, u32, u32), MatchTarget)> = None;
        s.stack.clear();
        s.stack.push((0, start, 0, 0));
        while let Some((node, pos, exact, letters)) = s.stack.pop() {
            let node_ref = &self.nodes[node as usize];
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
            if pos >= n
                || node_ref.children.is_empty()
                || s.clauses.get(pos) != s.clauses.get(start)
            {
                continue;
            }
            if let Some(Some(w)) = s.word_ids.get(pos)
                && let Some(&child) = node_ref.children.get(&Elem::Word(*w))
            {
                s.stack.push((child, pos + 1, exact + 1, letters));
            }
            if s.numbers.get(pos).copied().unwrap_or(false)
                && let Some(&child) = node_ref.children.get(&Elem::Num)
            {
                s.stack.push((child, pos + 1, exact + 1, letters));
            }
            let from = s.prefix_start[pos] as usize;
            let to = s.prefix_start[pos + 1] as usize;
            for k in from..to {
                let (pid, len) = s.prefixes[k];
                if let Some(&child) = node_ref.children.get(&Elem::Prefix(pid)) {
                    s.stack.push((child, pos + 1, exact, letters + len));
                }
            }
        }
        best.map(|((len, _, _), t)| (start + len, t))
    }
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
