//! [`WordTable`]: exact folded words to a small value, the lookup every token of every
//! statement makes once (the scorer keeps one table for both languages' vocabularies and the
//! language guess's function words; each [`super::Matcher`] keeps its own for standalone use).

use crate::text::Tokens;
use std::collections::HashMap;

/// Exact words by their folded bytes, in an open-addressing table whose keys are the bytes
/// packed into two `u64`s (words of up to 16 bytes: nearly all of them; a folded word never
/// holds a NUL, so equal keys and lengths mean equal words). One hash and usually one probe per
/// token, where a byte trie over the whole vocabulary walks a node per byte. Longer words go to
/// a map.
#[derive(Debug, Clone)]
pub(crate) struct WordTable<V> {
    slots: Vec<Slot<V>>,
    shift: u32,
    long: HashMap<Box<[u8]>, V>,
    /// What a word not in the table gets.
    missing: V,
}

#[derive(Debug, Clone, Copy)]
struct Slot<V> {
    lo: u64,
    hi: u64,
    /// Length in bytes; 0 marks a free slot.
    len: u32,
    value: V,
}

/// The longest word kept in [`WordTable::slots`].
const PACKED_MAX: usize = 16;

/// `bytes` (at most [`PACKED_MAX`]) as two little-endian words, zero-padded. `short` is the
/// first word when the caller already has it ([`Tokens::packed`]).
#[inline]
fn pack16(bytes: &[u8], short: Option<u64>) -> (u64, u64) {
    let len = bytes.len();
    if len <= 8 {
        let lo = short.unwrap_or_else(|| {
            bytes
                .iter()
                .rev()
                .fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
        });
        return (lo, 0);
    }
    let word = |from: usize| {
        bytes
            .get(from..from + 8)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
            .map_or(0, u64::from_le_bytes)
    };
    // The last eight bytes, shifted so that the bytes also in `lo` drop out.
    (word(0), word(len - 8) >> (8 * (16 - len.min(16))))
}

impl<V: Copy> WordTable<V> {
    /// A table of `words`; a word listed twice gets `merge(old, new)`. Words not in the table
    /// get `missing`.
    pub(crate) fn new<'a>(
        words: impl Iterator<Item = (&'a str, V)> + Clone,
        missing: V,
        merge: impl Fn(V, V) -> V,
    ) -> WordTable<V> {
        let short = words.clone().filter(|(w, _)| w.len() <= PACKED_MAX).count();
        // At most half full, so that probes are short.
        let size = (2 * short).next_power_of_two().max(16);
        let mut table = WordTable {
            slots: vec![
                Slot {
                    lo: 0,
                    hi: 0,
                    len: 0,
                    value: missing,
                };
                size
            ],
            shift: 64 - size.trailing_zeros(),
            long: HashMap::new(),
            missing,
        };
        for (w, value) in words {
            let bytes = w.as_bytes();
            if bytes.is_empty() {
                continue;
            }
            if bytes.len() > PACKED_MAX {
                let v = match table.long.get(bytes) {
                    Some(&old) => merge(old, value),
                    None => value,
                };
                table.long.insert(bytes.into(), v);
                continue;
            }
            let (lo, hi) = pack16(bytes, None);
            let mask = size - 1;
            let mut at = table.home(lo, hi, bytes.len());
            loop {
                let slot = &mut table.slots[at];
                if slot.len == 0 {
                    *slot = Slot {
                        lo,
                        hi,
                        len: bytes.len() as u32,
                        value,
                    };
                    break;
                }
                if slot.lo == lo && slot.hi == hi && slot.len as usize == bytes.len() {
                    slot.value = merge(slot.value, value);
                    break;
                }
                at = (at + 1) & mask;
            }
        }
        table
    }

    #[inline]
    fn home(&self, lo: u64, hi: u64, len: usize) -> usize {
        let h = (lo ^ hi.rotate_left(29) ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> self.shift) as usize
    }

    /// The value of `bytes`; `short` as for [`pack16`].
    #[inline(always)]
    pub(crate) fn get(&self, bytes: &[u8], short: Option<u64>) -> V {
        let len = bytes.len();
        if len > PACKED_MAX {
            return self.long.get(bytes).copied().unwrap_or(self.missing);
        }
        if len == 0 {
            return self.missing;
        }
        let (lo, hi) = pack16(bytes, short);
        let mask = self.slots.len() - 1;
        let mut at = self.home(lo, hi, len);
        while let Some(slot) = self.slots.get(at) {
            if slot.len == 0 {
                return self.missing;
            }
            if slot.lo == lo && slot.hi == hi && slot.len as usize == len {
                return slot.value;
            }
            at = (at + 1) & mask;
        }
        self.missing
    }

    /// The value of token `i`'s folded form.
    #[inline(always)]
    pub(crate) fn token(&self, tokens: &Tokens, i: usize) -> V {
        let (bytes, packed) = tokens.folded_and_packed(i);
        self.get(bytes, packed)
    }
}

/// A filter in front of a search by word beginnings: a bit per hashed three-byte beginning of
/// the items (wildcard prefixes, marker words). Most words begin like no item, and one bit in
/// a table that stays in the first-level cache rules them out. An item shorter than three
/// bytes turns the filter off (every word may start one).
#[derive(Debug, Clone)]
pub(crate) struct StartFilter {
    bits: Vec<u64>,
    off: bool,
}

/// log2 of the number of bits in a [`StartFilter`] (8 KiB).
const START_BITS: u32 = 16;

impl StartFilter {
    /// A filter for `items`.
    pub(crate) fn new<'a>(items: impl Iterator<Item = &'a [u8]>) -> StartFilter {
        let mut f = StartFilter {
            bits: vec![0; 1 << (START_BITS - 6)],
            off: false,
        };
        for item in items {
            match Self::bit(item) {
                Some(bit) => {
                    if let Some(w) = f.bits.get_mut(bit / 64) {
                        *w |= 1 << (bit % 64);
                    }
                }
                None => f.off = true,
            }
        }
        f
    }

    /// The bit of a word's first three bytes; `None` for a shorter word.
    #[inline]
    fn bit(word: &[u8]) -> Option<usize> {
        let &[a, b, c, ..] = word else {
            return None;
        };
        let key = u64::from(a) | u64::from(b) << 8 | u64::from(c) << 16;
        Some((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - START_BITS)) as usize)
    }

    /// False when no item can begin `word` (or be `word`).
    #[inline]
    pub(crate) fn may_start(&self, word: &[u8]) -> bool {
        if self.off {
            return true;
        }
        match Self::bit(word) {
            Some(bit) => self
                .bits
                .get(bit / 64)
                .is_some_and(|w| w & (1 << (bit % 64)) != 0),
            None => false,
        }
    }

    /// Whether the filter rules anything out (no item was shorter than three bytes).
    #[cfg(test)]
    pub(crate) fn is_on(&self) -> bool {
        !self.off
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Words around the packed keys' limits (8 and 16 bytes) and past them, words that share
    /// their first 8 or 16 bytes, and two-byte characters (also used by the matcher's tests).
    pub(crate) const EDGE_WORDS: [&str; 12] = [
        "a",
        "ab",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "abcdefghij",
        "abcdefghijklmnop",
        "abcdefghijklmnopq",
        "abcdefghijklmnopqr",
        "compañeros",
        "acompañamientos",
        "desestabilizadoras",
    ];

    #[test]
    fn finds_every_word_and_only_them() {
        let words = EDGE_WORDS;
        let t = WordTable::new(
            words.iter().enumerate().map(|(i, w)| (*w, i as u32)),
            u32::MAX,
            |_, n| n,
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.get(w.as_bytes(), None), i as u32, "{w}");
            for other in [format!("{w}z"), format!("z{w}"), w[1..].to_string()] {
                if !words.contains(&other.as_str()) {
                    assert_eq!(t.get(other.as_bytes(), None), u32::MAX, "{other}");
                }
            }
        }
        assert_eq!(t.get(b"", None), u32::MAX);
        assert_eq!(t.get(b"abcdefghijklmnoq", None), u32::MAX);
    }

    #[test]
    fn merges_a_word_given_twice() {
        let t = WordTable::new(
            [
                ("we", 1u8),
                ("la", 2),
                ("we", 4),
                ("abcdefghijklmnopqrstu", 8),
            ]
            .into_iter()
            .chain([("abcdefghijklmnopqrstu", 16)]),
            0,
            |a, b| a | b,
        );
        assert_eq!(t.get(b"we", None), 5);
        assert_eq!(t.get(b"la", None), 2);
        assert_eq!(t.get(b"abcdefghijklmnopqrstu", None), 24);
        assert_eq!(t.get(b"the", None), 0);
    }
}
