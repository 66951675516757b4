//! The per-statement language guess used by `--lang auto`.
//!
//! Method: count the statement's tokens that are frequent function words of English and of
//! Spanish (lists below, chosen because they are short, very frequent and rarely shared), add
//! [`SPANISH_MARK_VOTES`] when the text has a character that only Spanish uses here (ñ, ¿, ¡),
//! and pick the language with more votes; ties go to the default language given by the caller.
//! (The scorer breaks a tie first by which lexicon covers more of the statement's words; see
//! `Scorer`'s language guess.)

use super::Tokens;
use std::fmt;
use std::str::FromStr;

/// A language detente has lexicons for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English.
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// All supported languages, in output order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Index for per-language tables.
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Ok(Lang::En),
            "es" | "spa" | "spanish" | "español" => Ok(Lang::Es),
            _ => Err(format!("unknown language {s:?}; use en or es")),
        }
    }
}

/// Votes a Spanish-only character (ñ, ¿, ¡) adds to Spanish.
pub const SPANISH_MARK_VOTES: usize = 2;

/// Frequent English function words that are not Spanish words.
const EN_WORDS: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "was", "were", "will", "would", "we", "they", "you",
    "he", "she", "it", "this", "that", "with", "for", "on", "have", "has", "not", "our", "their",
    "be", "been", "if", "but", "from", "at", "by", "an", "who", "what", "which", "all", "can",
    "must", "should", "there", "them", "us", "his", "her", "my", "your", "i", "do", "does", "did",
    "or", "so", "than", "into", "about", "after", "against", "very", "never", "nobody",
];

/// Frequent Spanish function words that are not English words.
const ES_WORDS: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "que", "y", "en", "un", "una", "es", "son", "por",
    "para", "con", "se", "su", "sus", "lo", "al", "como", "mas", "pero", "muy", "nos", "nuestro",
    "nuestra", "este", "esta", "ese", "esa", "fue", "ha", "han", "hay", "si", "sin", "sobre",
    "entre", "cuando", "tambien", "nunca", "jamas", "nadie", "ni", "porque", "donde", "todo",
    "todos", "ya", "le", "les", "usted", "ustedes", "yo", "ellos", "somos", "estamos", "va",
];

/// True for the frequent function words of `lang` used by the guess (and by
/// `detente lexicon coverage` to leave them out).
pub fn is_function_word(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::En => EN_WORDS.contains(&word),
        Lang::Es => ES_WORDS.contains(&word),
    }
}

/// Guesses whether tokenized `text` is English or Spanish; `default` wins ties (including
/// statements with no function words at all).
pub fn guess_lang(text: &str, tokens: &Tokens, default: Lang) -> Lang {
    let table = FunctionWords::get();
    let mut en = 0usize;
    let mut es = 0usize;
    for i in 0..tokens.tokens().len() {
        let (is_en, is_es) = match tokens.packed(i) {
            Some(key) => table.lookup_key(key),
            None => (false, false),
        };
        en += usize::from(is_en);
        es += usize::from(is_es);
    }
    decide(text, en, es, default)
}

/// The frequent function words of `lang` that the guess counts.
pub(crate) fn function_words(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::En => EN_WORDS,
        Lang::Es => ES_WORDS,
    }
}

/// The guess from the counts of English and Spanish function words among the tokens of
/// `text` (for callers that looked the words up themselves, as the scorer does).
pub(crate) fn decide(text: &str, en: usize, es: usize, default: Lang) -> Lang {
    votes(text, en, es).unwrap_or(default)
}

/// The language with more votes (function words, plus [`SPANISH_MARK_VOTES`] for a
/// Spanish-only character); `None` on a tie, including no votes at all.
pub(crate) fn votes(text: &str, en: usize, es: usize) -> Option<Lang> {
    larger(vote_counts(text, en, es))
}

/// The votes of `en` and `es` function words, English then Spanish, with
/// [`SPANISH_MARK_VOTES`] added to Spanish for a Spanish-only character.
pub(crate) fn vote_counts(text: &str, en: usize, es: usize) -> [usize; 2] {
    let mark = if has_spanish_mark(text) {
        SPANISH_MARK_VOTES
    } else {
        0
    };
    [en, es + mark]
}

/// The language with the larger count (English first, then Spanish); `None` when equal.
pub(crate) fn larger(counts: [usize; 2]) -> Option<Lang> {
    match counts[0].cmp(&counts[1]) {
        std::cmp::Ordering::Greater => Some(Lang::En),
        std::cmp::Ordering::Less => Some(Lang::Es),
        std::cmp::Ordering::Equal => None,
    }
}

/// Whether `text` has ñ, Ñ, ¿ or ¡ (their two-byte UTF-8 forms).
fn has_spanish_mark(text: &str) -> bool {
    // Every one starts with byte C2 or C3: memchr jumps to those (most text has few).
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC2, 0xC3, bytes).any(|i| {
        matches!(
            (bytes.get(i), bytes.get(i + 1)),
            (Some(0xC3), Some(0xB1 | 0x91)) | (Some(0xC2), Some(0xBF | 0xA1))
        )
    })
}

/// Both function-word lists in one small open-addressing table keyed by the word's bytes
/// packed into a `u64` (every listed word has at most 8 bytes, and a folded word never holds a
/// NUL, so equal keys mean equal words). One multiply and a probe or two per token, where
/// scanning the lists compared each token with 120 words.
struct FunctionWords {
    slots: Vec<(u64, bool, bool)>,
}

const FUNCTION_SLOTS: usize = 512;

impl FunctionWords {
    fn get() -> &'static FunctionWords {
        static TABLE: std::sync::OnceLock<FunctionWords> = std::sync::OnceLock::new();
        TABLE.get_or_init(FunctionWords::build)
    }

    fn build() -> FunctionWords {
        let mut t = FunctionWords {
            slots: vec![(0, false, false); FUNCTION_SLOTS],
        };
        for (list, spanish) in [(EN_WORDS, false), (ES_WORDS, true)] {
            for w in list {
                // The lists hold short ASCII words; a longer one could never match a key.
                let Some(key) = pack(w) else { continue };
                let mut i = slot(key);
                loop {
                    let s = &mut t.slots[i];
                    if s.0 == 0 || s.0 == key {
                        s.0 = key;
                        if spanish {
                            s.2 = true;
                        } else {
                            s.1 = true;
                        }
                        break;
                    }
                    i = (i + 1) % FUNCTION_SLOTS;
                }
            }
        }
        t
    }

    /// (is an English function word, is a Spanish function word).
    #[inline]
    #[cfg(test)]
    fn lookup(&self, word: &str) -> (bool, bool) {
        match pack(word) {
            Some(key) => self.lookup_key(key),
            None => (false, false),
        }
    }

    /// [`FunctionWords::lookup`] by the word's packed key.
    #[inline]
    fn lookup_key(&self, key: u64) -> (bool, bool) {
        let mut i = slot(key);
        loop {
            match self.slots.get(i) {
                Some(&(k, en, es)) if k == key => return (en, es),
                Some(&(0, _, _)) | None => return (false, false),
                Some(_) => i = (i + 1) % FUNCTION_SLOTS,
            }
        }
    }
}

/// A non-empty word of at most 8 bytes as a little-endian `u64`, zero-padded.
#[inline]
pub(crate) fn pack(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    Some(u64::from_le_bytes(buf))
}

#[inline]
fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % FUNCTION_SLOTS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guess(text: &str) -> Lang {
        let mut t = Tokens::new();
        t.tokenize(text);
        guess_lang(text, &t, Lang::En)
    }

    #[test]
    fn guesses_each_language() {
        assert_eq!(
            guess("We will take up arms if they keep threatening us"),
            Lang::En
        );
        assert_eq!(
            guess("Nadie quiere tocar las armas, pero defenderemos la patria"),
            Lang::Es
        );
        assert_eq!(guess("¡Basta!"), Lang::Es);
        assert_eq!(guess("Colombia"), Lang::En);
    }

    #[test]
    fn packed_tokens_agree_with_pack() {
        let mut t = Tokens::new();
        for text in [
            "a bb ccc dddd eeeee ffffff ggggggg hhhhhhhh iiiiiiiii",
            "Año, ¿QUÉ? él. x",
            "nadie",
            "",
        ] {
            t.tokenize(text);
            for i in 0..t.tokens().len() {
                assert_eq!(t.packed(i), pack(t.folded(i)), "{text:?} token {i}");
                assert_eq!(
                    t.folded_and_packed(i),
                    (t.folded(i).as_bytes(), t.packed(i)),
                    "{text:?} token {i}"
                );
            }
        }
    }

    #[test]
    fn table_agrees_with_the_lists() {
        let t = FunctionWords::get();
        for w in EN_WORDS.iter().chain(ES_WORDS) {
            assert_eq!(
                t.lookup(w),
                (EN_WORDS.contains(w), ES_WORDS.contains(w)),
                "{w}"
            );
        }
        for w in ["", "thee", "tha", "a", "nuestros", "something", "año"] {
            assert_eq!(
                t.lookup(w),
                (EN_WORDS.contains(&w), ES_WORDS.contains(&w)),
                "{w}"
            );
        }
        assert!(has_spanish_mark("¿qué?") && has_spanish_mark("año") && has_spanish_mark("¡ya"));
        assert!(has_spanish_mark("AÑO") && !has_spanish_mark("café") && !has_spanish_mark("no"));
    }
}
