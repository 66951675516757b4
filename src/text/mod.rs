//! Text handling: the tokenizer that turns a statement into folded word tokens with sentence and
//! clause structure, and the English/Spanish language guess.

mod lang;

pub use lang::{Lang, guess_lang, is_function_word};
pub(crate) use lang::{decide, function_words};

/// What kind of word a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An ordinary word (letters, digits, inner apostrophes).
    Word,
    /// A `#hashtag`; its folded form drops the `#` so `#peace` matches `peace`.
    Hashtag,
    /// An `@mention`; kept whole so names never match lexicon words.
    Mention,
}

/// One word of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte range of the word in the original text.
    pub span: (u32, u32),
    /// Byte range of the folded form in [`Tokens::folded`].
    pub norm: (u32, u32),
    /// Index of the sentence the token belongs to.
    pub sentence: u32,
    /// Index of the clause (sentences are split further at commas, semicolons, colons, dashes).
    pub clause: u32,
    /// The word is written in capitals (at least two letters, none lower case).
    pub caps: bool,
    /// The word starts with a capital letter and is not all capitals ("Paz", "La"): a
    /// candidate proper name when it does not open its clause.
    pub capital: bool,
    /// Word, hashtag or mention.
    pub kind: TokenKind,
}

/// Per-sentence punctuation facts used by the rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Number of `!` (and `¡`) in the sentence.
    pub exclamations: u32,
    /// The sentence is a question (`?` or `¿`).
    pub question: bool,
}

/// A tokenized statement. Reused between statements to avoid allocation: [`Tokens::tokenize`]
/// clears and refills it.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    folded: String,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    caps_words: usize,
    letter_words: usize,
}

impl Tokens {
    /// An empty token buffer.
    pub fn new() -> Tokens {
        Tokens::default()
    }

    /// Tokenizes `text`, replacing what the buffer held.
    ///
    /// Walks the bytes with an ASCII fast path: an ASCII byte is a whole character, so only
    /// non-ASCII characters are decoded. The rules are those of the character-by-character
    /// definition: the test `same_tokens_as_char_by_char` holds it to that.
    pub fn tokenize(&mut self, text: &str) {
        self.folded.clear();
        self.tokens.clear();
        self.sentences.clear();
        self.caps_words = 0;
        self.letter_words = 0;
        let bytes = text.as_bytes();
        let mut sentence = Sentence::default();
        let mut sentence_idx = 0u32;
        let mut clause_idx = 0u32;
        // A sentence ends at the first non-terminal character after a run of terminators, so
        // "!!!" counts three exclamations in one sentence.
        let mut pending_end = false;
        let mut i = 0usize;
        while let Some((c, next)) = char_at(text, i) {
            if c == ' ' {
                // The commonest character does nothing here.
                i = next;
                continue;
            }
            if is_word_char(c)
                || ((c == '#' || c == '@')
                    && char_at(text, next).is_some_and(|(n, _)| is_word_char(n)))
            {
                if pending_end {
                    self.sentences.push(sentence);
                    sentence = Sentence::default();
                    sentence_idx += 1;
                    clause_idx += 1;
                    pending_end = false;
                }
                let kind = match c {
                    '#' => TokenKind::Hashtag,
                    '@' => TokenKind::Mention,
                    _ => TokenKind::Word,
                };
                let norm_start = self.folded.len();
                let mut end = next;
                let mut upper = 0usize;
                let mut lower = 0usize;
                // An ASCII first letter is left to the run loop below.
                let mut j = next;
                match kind {
                    TokenKind::Hashtag => {}
                    TokenKind::Mention => self.folded.push('@'),
                    TokenKind::Word if c.is_ascii() => j = i,
                    TokenKind::Word => push_folded(&mut self.folded, c, &mut upper, &mut lower),
                }
                while let Some(&b) = bytes.get(j) {
                    if b.is_ascii_alphanumeric() {
                        // A run of ASCII letters and digits: counted and lowercased in one pass.
                        for &b in bytes.get(j..).unwrap_or(&[]) {
                            match b {
                                b'a'..=b'z' => lower += 1,
                                b'A'..=b'Z' => upper += 1,
                                b'0'..=b'9' => {}
                                _ => break,
                            }
                            self.folded.push(char::from(b.to_ascii_lowercase()));
                            j += 1;
                        }
                        end = j;
                        continue;
                    }
                    let Some((d, after)) = char_at(text, j) else {
                        break;
                    };
                    if is_word_char(d) {
                        push_folded(&mut self.folded, d, &mut upper, &mut lower);
                        j = after;
                        end = j;
                    } else if (d == '.' || d == ',')
                        && self
                            .folded
                            .as_bytes()
                            .last()
                            .is_some_and(u8::is_ascii_digit)
                    {
                        // Decimal and thousands separators stay inside numbers: 3.5, 1,000.
                        if bytes.get(after).is_some_and(u8::is_ascii_digit) {
                            self.folded.push(d);
                            j = after;
                            end = j;
                        } else {
                            break;
                        }
                    } else if is_apostrophe(d) {
                        // An apostrophe stays inside a word only between letters: don't, one's.
                        if char_at(text, after).is_some_and(|(e, _)| e.is_alphabetic()) {
                            self.folded.push('\'');
                            j = after;
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let start = i;
                i = j;
                let norm_end = self.folded.len();
                if norm_end == norm_start {
                    continue;
                }
                let caps = upper >= 2 && lower == 0;
                let capital = kind == TokenKind::Word && c.is_uppercase() && lower > 0;
                if upper + lower > 0 {
                    self.letter_words += 1;
                    if caps {
                        self.caps_words += 1;
                    }
                }
                self.tokens.push(Token {
                    span: (start as u32, end as u32),
                    norm: (norm_start as u32, norm_end as u32),
                    sentence: sentence_idx,
                    clause: clause_idx,
                    caps,
                    capital,
                    kind,
                });
                continue;
            }
            if pending_end && (c == '¡' || c == '¿') {
                // Spanish opening marks belong to the sentence they open.
                self.sentences.push(sentence);
                sentence = Sentence::default();
                sentence_idx += 1;
                clause_idx += 1;
                pending_end = false;
            }
            match c {
                '.' | '…' => {
                    // A full stop between digits is a decimal point, not a sentence end. An
                    // ASCII byte is never part of a longer character, so bytes tell.
                    let prev_digit = i > 0 && bytes.get(i - 1).is_some_and(u8::is_ascii_digit);
                    let next_digit = bytes.get(next).is_some_and(u8::is_ascii_digit);
                    if !(prev_digit && next_digit) {
                        pending_end = true;
                    }
                }
                '!' => {
                    sentence.exclamations += 1;
                    pending_end = true;
                }
                '¡' => sentence.exclamations += 1,
                '?' => {
                    sentence.question = true;
                    pending_end = true;
                }
                '¿' => sentence.question = true,
                ',' | ';' | ':' | '—' | '–' | '(' | ')' => clause_idx += 1,
                '\n' if bytes.get(next) == Some(&b'\n') => pending_end = true,
                _ => {}
            }
            i = next;
        }
        self.sentences.push(sentence);
    }

    /// The tokens in order.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// Sentence facts, indexed by [`Token::sentence`].
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The folded (lowercased, accent-folded) form of token `i`.
    pub fn folded(&self, i: usize) -> &str {
        match self.tokens.get(i) {
            Some(t) => self
                .folded
                .get(t.norm.0 as usize..t.norm.1 as usize)
                .unwrap_or(""),
            None => "",
        }
    }

    /// The folded form of token `i` as UTF-8 bytes, without the character-boundary checks
    /// of [`Tokens::folded`] (token ranges always fall on boundaries): for the lookups every
    /// token goes through.
    #[inline]
    pub(crate) fn folded_bytes(&self, i: usize) -> &[u8] {
        match self.tokens.get(i) {
            Some(t) => self
                .folded
                .as_bytes()
                .get(t.norm.0 as usize..t.norm.1 as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// [`Tokens::folded_bytes`] and [`Tokens::packed`] of token `i` at once (the vocabulary
    /// lookup needs both).
    #[inline]
    pub(crate) fn folded_and_packed(&self, i: usize) -> (&[u8], Option<u64>) {
        let Some(t) = self.tokens.get(i) else {
            return (&[], None);
        };
        let (from, to) = (t.norm.0 as usize, t.norm.1 as usize);
        let bytes = self.folded.as_bytes();
        let word = bytes.get(from..to).unwrap_or(&[]);
        let len = word.len();
        if len == 0 || len > 8 {
            return (word, None);
        }
        let packed = match bytes.get(from..from + 8) {
            Some(chunk) => <[u8; 8]>::try_from(chunk)
                .ok()
                .map(|c| u64::from_le_bytes(c) & (u64::MAX >> (64 - 8 * len))),
            None => std::str::from_utf8(word).ok().and_then(lang::pack),
        };
        (word, packed)
    }

    /// The folded form of token `i` packed as by the language guess's table (a non-empty word
    /// of at most 8 bytes as a little-endian `u64`, zero-padded), read as one 8-byte load
    /// where the buffer allows.
    #[inline]
    pub(crate) fn packed(&self, i: usize) -> Option<u64> {
        let t = self.tokens.get(i)?;
        let (from, to) = (t.norm.0 as usize, t.norm.1 as usize);
        let len = to.checked_sub(from)?;
        if len == 0 || len > 8 {
            return None;
        }
        match self.folded.as_bytes().get(from..from + 8) {
            Some(chunk) => {
                let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
                Some(word & (u64::MAX >> (64 - 8 * len)))
            }
            None => lang::pack(self.folded(i)),
        }
    }

    /// True when the whole statement is shouted; then capitals carry no extra emphasis.
    pub fn all_caps(&self) -> bool {
        self.letter_words > 0 && self.caps_words == self.letter_words
    }
}

/// The character starting at byte `i` of `text` and the byte just after it; `None` at the end.
/// ASCII is read straight from the byte.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), i + 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, i + c.len_utf8()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Lowercases `c` and folds the accents Spanish and English writers often omit (á é í ó ú ü),
/// keeping ñ, which changes meaning (año/ano).
fn push_folded(out: &mut String, c: char, upper: &mut usize, lower: &mut usize) {
    if c.is_ascii() {
        if c.is_ascii_uppercase() {
            *upper += 1;
        } else if c.is_ascii_lowercase() {
            *lower += 1;
        }
        out.push(c.to_ascii_lowercase());
        return;
    }
    if c.is_uppercase() {
        *upper += 1;
    } else if c.is_lowercase() {
        *lower += 1;
    }
    for l in c.to_lowercase() {
        out.push(fold_accent(l));
    }
}

/// Maps an accented lower-case letter to its base letter; ñ and other letters are kept.
pub fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        '’' => '\'',
        other => other,
    }
}

/// Folds a lexicon term the same way the tokenizer folds text (lowercase, accents, apostrophes).
pub fn fold_term(term: &str) -> String {
    term.chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut t = Tokens::new();
        t.tokenize(text);
        (0..t.tokens().len())
            .map(|i| t.folded(i).to_string())
            .collect()
    }

    #[test]
    fn folds_case_accents_and_keeps_enye() {
        assert_eq!(words("JAMÁS Diálogo año"), ["jamas", "dialogo", "año"]);
    }

    #[test]
    fn keeps_inner_apostrophes_and_splits_hyphens() {
        assert_eq!(
            words("We won’t cease-fire, Colombia is no one's 'colony'"),
            [
                "we", "won't", "cease", "fire", "colombia", "is", "no", "one's", "colony"
            ]
        );
    }

    #[test]
    fn hashtags_fold_and_mentions_stay_whole() {
        assert_eq!(
            words("#Peace now @petrogustavo"),
            ["peace", "now", "@petrogustavo"]
        );
    }

    #[test]
    fn sentences_clauses_and_punctuation() {
        let mut t = Tokens::new();
        t.tokenize("Stop now!!! Why? It costs 3.5 million, they said");
        let s = t.sentences();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].exclamations, 3);
        assert!(s[1].question);
        let toks = t.tokens();
        assert_eq!(toks[0].sentence, 0);
        assert_eq!(toks[2].sentence, 1);
        // "3.5" stays in one sentence and "they" is in a later clause than "million".
        assert_eq!(toks[4].sentence, 2);
        assert_eq!(toks[6].sentence, 2);
        assert!(toks[7].clause > toks[6].clause);
    }

    #[test]
    fn caps_flag_and_all_caps_statement() {
        let mut t = Tokens::new();
        t.tokenize("They will PAY a price");
        assert!(t.tokens()[2].caps);
        assert!(!t.tokens()[0].caps);
        assert!(!t.all_caps());
        t.tokenize("STOP THE THREATS");
        assert!(t.all_caps());
    }

    #[test]
    fn spanish_inverted_marks() {
        let mut t = Tokens::new();
        t.tokenize("¿Por qué nos amenazan? ¡Basta!");
        assert!(t.sentences()[0].question);
        assert_eq!(t.sentences()[1].exclamations, 2);
    }

    /// The original character-by-character tokenizer, kept as the reference the byte-walking
    /// one must agree with.
    fn tokenize_chars(this: &mut Tokens, text: &str) {
        this.folded.clear();
        this.tokens.clear();
        this.sentences.clear();
        this.caps_words = 0;
        this.letter_words = 0;
        let mut sentence = Sentence::default();
        let mut sentence_idx = 0u32;
        let mut clause_idx = 0u32;
        // A sentence ends at the first non-terminal character after a run of terminators, so
        // "!!!" counts three exclamations in one sentence.
        let mut pending_end = false;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_word_char(c) || ((c == '#' || c == '@') && next_is_word(&mut chars)) {
                if pending_end {
                    this.sentences.push(sentence);
                    sentence = Sentence::default();
                    sentence_idx += 1;
                    clause_idx += 1;
                    pending_end = false;
                }
                let kind = match c {
                    '#' => TokenKind::Hashtag,
                    '@' => TokenKind::Mention,
                    _ => TokenKind::Word,
                };
                let norm_start = this.folded.len();
                let mut end = i + c.len_utf8();
                let mut upper = 0usize;
                let mut lower = 0usize;
                match kind {
                    TokenKind::Hashtag => {}
                    TokenKind::Mention => this.folded.push('@'),
                    TokenKind::Word => push_folded(&mut this.folded, c, &mut upper, &mut lower),
                }
                while let Some(&(j, d)) = chars.peek() {
                    if is_word_char(d) {
                        push_folded(&mut this.folded, d, &mut upper, &mut lower);
                        end = j + d.len_utf8();
                        chars.next();
                    } else if (d == '.' || d == ',')
                        && this.folded.ends_with(|p: char| p.is_ascii_digit())
                    {
                        // Decimal and thousands separators stay inside numbers: 3.5, 1,000.
                        let mut look = chars.clone();
                        look.next();
                        match look.peek() {
                            Some(&(k, e)) if e.is_ascii_digit() => {
                                this.folded.push(d);
                                end = k;
                                chars.next();
                            }
                            _ => break,
                        }
                    } else if is_apostrophe(d) {
                        // An apostrophe stays inside a word only between letters: don't, one's.
                        let mut look = chars.clone();
                        look.next();
                        match look.peek() {
                            Some(&(_, e)) if e.is_alphabetic() => {
                                this.folded.push('\'');
                                chars.next();
                            }
                            _ => break,
                        }
                    } else {
                        break;
                    }
                }
                let norm_end = this.folded.len();
                if norm_end == norm_start {
                    continue;
                }
                let caps = upper >= 2 && lower == 0;
                let capital = kind == TokenKind::Word && c.is_uppercase() && lower > 0;
                if upper + lower > 0 {
                    this.letter_words += 1;
                    if caps {
                        this.caps_words += 1;
                    }
                }
                this.tokens.push(Token {
                    span: (i as u32, end as u32),
                    norm: (norm_start as u32, norm_end as u32),
                    sentence: sentence_idx,
                    clause: clause_idx,
                    caps,
                    capital,
                    kind,
                });
                continue;
            }
            if pending_end && (c == '¡' || c == '¿') {
                // Spanish opening marks belong to the sentence they open.
                this.sentences.push(sentence);
                sentence = Sentence::default();
                sentence_idx += 1;
                clause_idx += 1;
                pending_end = false;
            }
            match c {
                '.' | '…' => {
                    // A full stop between digits is a decimal point, not a sentence end.
                    let prev_digit = text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_digit());
                    let next_digit = chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
                    if !(prev_digit && next_digit) {
                        pending_end = true;
                    }
                }
                '!' => {
                    sentence.exclamations += 1;
                    pending_end = true;
                }
                '¡' => sentence.exclamations += 1,
                '?' => {
                    sentence.question = true;
                    pending_end = true;
                }
                '¿' => sentence.question = true,
                ',' | ';' | ':' | '—' | '–' | '(' | ')' => clause_idx += 1,
                '\n' if chars.peek().is_some_and(|&(_, n)| n == '\n') => pending_end = true,
                _ => {}
            }
        }
        this.sentences.push(sentence);
    }

    fn next_is_word(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> bool {
        chars.peek().is_some_and(|&(_, n)| is_word_char(n))
    }

    fn same(a: &Tokens, b: &Tokens) -> bool {
        a.folded == b.folded
            && a.tokens == b.tokens
            && a.sentences == b.sentences
            && a.caps_words == b.caps_words
            && a.letter_words == b.letter_words
    }

    #[test]
    fn same_tokens_as_char_by_char() {
        const ALPHABET: &[char] = &[
            'a', 'Z', 'e', 'T', '9', '0', ' ', ' ', '.', ',', '\'', '’', '!', '?', '¡', '¿', '#',
            '@', '\n', '—', '–', '(', ')', '…', 'ñ', 'Ñ', 'Á', 'é', 'ü', 'ǅ', 'ß', 'İ', '١', '-',
            ';', ':', '"', '\t',
        ];
        let mut cases: Vec<String> = [
            "Stop now!!! Why? It costs 3.5 million, they said",
            "We won’t cease-fire, Colombia is no one's 'colony'",
            "#Peace now @petrogustavo # @ #1 1,000 3. .5 a.b ¡¿Qué?! JAMÁS",
            "end.\n\nNew para 2.0… ok",
            "",
            "...",
            "'quoted' don''t 12'",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..5000 {
            let mut s = String::new();
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                s.push(ALPHABET[(state % ALPHABET.len() as u64) as usize]);
            }
            cases.push(s);
        }
        let (mut fast, mut slow) = (Tokens::new(), Tokens::new());
        for text in &cases {
            fast.tokenize(text);
            tokenize_chars(&mut slow, text);
            assert!(same(&fast, &slow), "{text:?}");
        }
    }
}
