//! The per-statement language guess used by `--lang auto`.
//!
//! Method: count the statement's tokens that are frequent function words of English and of
//! Spanish (lists below, chosen because they are short, very frequent and rarely shared), add
//! [`SPANISH_MARK_VOTES`] when the text has a character that only Spanish uses here (ñ, ¿, ¡),
//! and pick the language with more votes; ties go to the default language given by the caller.

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
    let mut en = 0usize;
    let mut es = 0usize;
    for i in 0..tokens.tokens().len() {
        let w = tokens.folded(i);
        if EN_WORDS.contains(&w) {
            en += 1;
        }
        if ES_WORDS.contains(&w) {
            es += 1;
        }
    }
    if text.contains(['ñ', 'Ñ', '¿', '¡']) {
        es += SPANISH_MARK_VOTES;
    }
    match en.cmp(&es) {
        std::cmp::Ordering::Greater => Lang::En,
        std::cmp::Ordering::Less => Lang::Es,
        std::cmp::Ordering::Equal => default,
    }
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
}
