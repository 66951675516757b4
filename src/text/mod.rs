//! Text handling: the tokenizer that turns a statement into folded word tokens with sentence and
//! clause structure, and the English/Spanish language guess.

mod lang;

pub use lang::{Lang, guess_lang, is_function_word};
pub(crate) use lang::{function_words, larger, vote_counts};

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

/// Empties `v` and gives back its room beyond `keep` items: a buffer reused between
/// statements does not keep for good what one long statement needed.
pub(crate) fn empty_to<T>(v: &mut Vec<T>, keep: usize) {
    v.clear();
    v.shrink_to(keep);
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
    /// A quotation mark (' " ‘ ’ “ ” « ») stands outside a word.
    quotes: bool,
    /// A clock time ("10:00", "8:30") is written in the text.
    clock: bool,
}

impl Tokens {
    /// An empty token buffer.
    pub fn new() -> Tokens {
        Tokens::default()
    }

    /// Empties the buffer and gives back its room beyond `keep` tokens' worth (about six
    /// bytes of folded text each), after a long statement.
    pub(crate) fn trim(&mut self, keep: usize) {
        empty_to(&mut self.tokens, keep);
        empty_to(&mut self.sentences, keep);
        self.folded.clear();
        self.folded.shrink_to(keep.saturating_mul(6));
    }

    /// Tokenizes `text`, replacing what the buffer held.
    ///
    /// Walks the bytes, dispatching on a byte-class table: an ASCII byte is a whole character,
    /// so only non-ASCII characters are decoded, and a word of ASCII letters and digits (nearly
    /// every word) is read by a loop that only classifies bytes. The rules are those of the
    /// character-by-character definition: the test `same_tokens_as_char_by_char` holds it to that.
    pub fn tokenize(&mut self, text: &str) {
        // ASCII folds in place: the buffer starts as the text with its ASCII capitals
        // lowercased (one vectorised pass; lowercasing only the words with capitals cost more),
        // so a word of ASCII letters and digits is folded already, at its own bytes. Any other
        // token (apostrophes, decimals, non-ASCII letters, hashtags, mentions) has its folded
        // form written out after the text.
        self.folded.clear();
        self.folded.push_str(text);
        self.folded.make_ascii_lowercase();
        self.tokens.clear();
        self.sentences.clear();
        let bytes = text.as_bytes();
        let mut at = Position::default();
        let mut letter_words = 0usize;
        let mut caps_words = 0usize;
        self.quotes = false;
        self.clock = false;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            let class = CLASS[usize::from(b)];
            if class == OTHER {
                // Spaces, the commonest bytes, do nothing here.
                i += 1;
                continue;
            }
            let word;
            if class & ALNUM != 0 {
                let mut seen = class;
                let mut j = i + 1;
                let next = loop {
                    let Some(&b) = bytes.get(j) else {
                        break OTHER;
                    };
                    let c = CLASS[usize::from(b)];
                    if c & ALNUM == 0 {
                        break c;
                    }
                    seen |= c;
                    j += 1;
                };
                if next & JOINS == 0 || !continues_word(text, j, next) {
                    // Only ASCII letters and digits: folded in place.
                    at.open(&mut self.sentences);
                    let lower = seen & LOWER != 0;
                    let caps = seen & (UPPER | LOWER) == UPPER
                        && bytes.get(i..j).is_some_and(two_capitals);
                    letter_words += usize::from(seen & (UPPER | LOWER) != 0);
                    caps_words += usize::from(caps);
                    self.tokens.push(Token {
                        span: (i as u32, j as u32),
                        norm: (i as u32, j as u32),
                        sentence: at.sentence_idx,
                        clause: at.clause_idx,
                        caps,
                        capital: class == UPPER && lower,
                        kind: TokenKind::Word,
                    });
                    // A byte that does nothing (a space, mostly) need not be read again.
                    i = j + usize::from(next == OTHER);
                    continue;
                }
                word = read_word(
                    &mut self.folded,
                    text,
                    i,
                    TokenKind::Word,
                    class == UPPER,
                    j,
                    seen,
                );
            } else if class == NON_ASCII {
                let Some((c, next)) = char_at(text, i) else {
                    break;
                };
                if is_word_char(c) {
                    word = read_word(
                        &mut self.folded,
                        text,
                        i,
                        TokenKind::Word,
                        c.is_uppercase(),
                        i,
                        0,
                    );
                } else {
                    if c == '¡' || c == '¿' {
                        // Spanish opening marks belong to the sentence they open.
                        at.open(&mut self.sentences);
                    }
                    match c {
                        '…' if !between_digits(bytes, i, next) => at.pending_end = true,
                        '¡' => at.sentence.exclamations += 1,
                        '¿' => at.sentence.question = true,
                        '—' | '–' => at.clause_idx += 1,
                        '‘' | '’' | '“' | '”' | '«' | '»' => self.quotes = true,
                        _ => {}
                    }
                    i = next;
                    continue;
                }
            } else if (class == HASH || class == AT) && word_char_at(text, i + 1) {
                let kind = if class == HASH {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Mention
                };
                word = read_word(&mut self.folded, text, i, kind, false, i + 1, 0);
            } else {
                match class {
                    STOP if !between_digits(bytes, i, i + 1)
                        && !abbreviation_period(bytes, i, &self.tokens) =>
                    {
                        at.pending_end = true
                    }
                    BANG => {
                        at.sentence.exclamations += 1;
                        at.pending_end = true;
                    }
                    QUESTION => {
                        at.sentence.question = true;
                        at.pending_end = true;
                    }
                    BREAK if b == b':' => {
                        at.clause_idx += 1;
                        if clock_time_at(bytes, i) {
                            self.clock = true;
                        }
                    }
                    COMMA | BREAK => at.clause_idx += 1,
                    NEWLINE if bytes.get(i + 1) == Some(&b'\n') => at.pending_end = true,
                    APOSTROPHE | QUOTE => self.quotes = true,
                    _ => {}
                }
                i += 1;
                continue;
            }
            at.open(&mut self.sentences);
            let start = i;
            i = word.end;
            if word.norm.1 == word.norm.0 {
                continue;
            }
            let caps = word.upper >= 2 && !word.lower;
            if word.upper > 0 || word.lower {
                letter_words += 1;
                caps_words += usize::from(caps);
            }
            self.tokens.push(Token {
                span: (start as u32, word.end as u32),
                norm: (word.norm.0 as u32, word.norm.1 as u32),
                sentence: at.sentence_idx,
                clause: at.clause_idx,
                caps,
                capital: word.capital,
                kind: word.kind,
            });
        }
        self.sentences.push(at.sentence);
        // Padding after the last folded form, so that every token's packed key is one 8-byte
        // load (`folded_and_packed`), the last word of the buffer included.
        self.folded.push_str(PACK_PADDING);
        self.letter_words = letter_words;
        self.caps_words = caps_words;
    }

    /// The byte ranges of the sentences of `text`, the statement last tokenized, in order,
    /// written to `out` (cleared first): each sentence from the first character that opens
    /// it (an opening mark or quote right before its first word: "¿", "¡", "\"") to the
    /// character before the next one's, trimmed of white space. A sentence ends where the
    /// rules' sentences end: at `.`, `!`, `?`, `…` and blank lines, not at an abbreviation's
    /// period ("Mr.", "U.S."). A statement with no words is one range, the whole text trimmed
    /// (empty for an empty text). Used by `detente score --split sentences`.
    pub fn sentence_ranges(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        out.clear();
        let mut start = 0usize;
        for pair in self.tokens.windows(2) {
            let (Some(before), Some(token)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            if token.sentence == before.sentence {
                continue;
            }
            // Back over the characters glued to the first word, down to a space, a terminator
            // or the previous word.
            let floor = before.span.1 as usize;
            let mut at = token.span.0 as usize;
            while at > floor {
                let Some(c) = text.get(..at).and_then(|t| t.chars().next_back()) else {
                    break;
                };
                if c.is_whitespace() || matches!(c, '.' | '!' | '?' | '…') {
                    break;
                }
                at -= c.len_utf8();
            }
            push_trimmed(text, start, at, out);
            start = at;
        }
        push_trimmed(text, start, text.len(), out);
        if out.is_empty() {
            push_trimmed_always(text, out);
        }
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

    /// True when token `i` is a word of ASCII letters and digits only, folded where it stands
    /// in the text (`norm == span`): it holds no apostrophe, separator or accented letter.
    /// Every other token's folded form is written after the text, so its `norm` differs.
    #[inline]
    pub(crate) fn folded_in_place(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.norm == t.span)
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
            // Not reached after `tokenize` (see `PACK_PADDING`); the same key, byte by byte.
            None => Some(
                word.iter()
                    .rev()
                    .fold(0u64, |acc, &b| (acc << 8) | u64::from(b)),
            ),
        };
        (word, packed)
    }

    /// The folded form of token `i` packed as by the language guess's table (a non-empty word
    /// of at most 8 bytes as a little-endian `u64`, zero-padded), read as one 8-byte load
    /// where the buffer allows.
    #[inline]
    pub(crate) fn packed(&self, i: usize) -> Option<u64> {
        self.folded_and_packed(i).1
    }

    /// True when a quotation mark (' " ‘ ’ “ ” « ») stands outside a word: an apostrophe
    /// inside one ("don't", "one's") does not count. Found while tokenizing, so a rule that
    /// looks for quotations costs nothing on a statement without one.
    pub fn has_quotes(&self) -> bool {
        self.quotes
    }

    /// True when the text gives a clock time: one or two digits, a colon, two digits, a time
    /// of day ("at 10:00", "a las 8:30", "18:30 h"). Found while tokenizing.
    pub fn has_clock_time(&self) -> bool {
        self.clock
    }

    /// True when the whole statement is shouted; then capitals carry no extra emphasis.
    pub fn all_caps(&self) -> bool {
        self.letter_words > 0 && self.caps_words == self.letter_words
    }
}

/// Written after the folded forms: as long as a packed key ([`Tokens::packed`]), so the key of
/// a word near the end of the buffer is read in one load like any other. NUL bytes, which no
/// folded form holds.
const PACK_PADDING: &str = "\0\0\0\0\0\0\0\0";

// Byte classes for the tokenizer's dispatch. The three word classes are single bits so a run of
// ASCII letters and digits tests one mask per byte; `JOINS` marks the bytes that may carry a
// word on (non-ASCII, `.`, `,`, `'`), so the end of a plain word is told by one more test.
const OTHER: u8 = 0;
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;
const ALNUM: u8 = UPPER | LOWER | DIGIT;
const JOINS: u8 = 0x80;
const NON_ASCII: u8 = JOINS | 8;
const STOP: u8 = JOINS | 16;
const COMMA: u8 = JOINS | 24;
const APOSTROPHE: u8 = JOINS | 32;
const BANG: u8 = 40;
const QUESTION: u8 = 48;
/// `;`, `:`, `(`, `)`: clause breaks that are never part of a number.
const BREAK: u8 = 56;
const NEWLINE: u8 = 64;
const HASH: u8 = 72;
const AT: u8 = 80;
/// `"`: a quotation mark, noted for [`Tokens::has_quotes`].
const QUOTE: u8 = 88;

/// The class of every byte; every non-ASCII byte (lead or continuation) is `NON_ASCII`.
static CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0usize;
    while b < 256 {
        table[b] = match b as u8 {
            b'A'..=b'Z' => UPPER,
            b'a'..=b'z' => LOWER,
            b'0'..=b'9' => DIGIT,
            0x80..=0xff => NON_ASCII,
            b'.' => STOP,
            b'!' => BANG,
            b'?' => QUESTION,
            b',' => COMMA,
            b';' | b':' | b'(' | b')' => BREAK,
            b'\n' => NEWLINE,
            b'#' => HASH,
            b'@' => AT,
            b'\'' => APOSTROPHE,
            b'"' => QUOTE,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// Where the tokenizer is in the sentence structure.
#[derive(Default)]
struct Position {
    /// Facts of the current sentence.
    sentence: Sentence,
    sentence_idx: u32,
    clause_idx: u32,
    /// A sentence ends at the first non-terminal character after a run of terminators, so
    /// "!!!" counts three exclamations in one sentence.
    pending_end: bool,
}

impl Position {
    /// Ends the sentence if a terminator was seen: called before a token or an opening mark.
    #[inline]
    fn open(&mut self, sentences: &mut Vec<Sentence>) {
        if self.pending_end {
            sentences.push(self.sentence);
            self.sentence = Sentence::default();
            self.sentence_idx += 1;
            self.clause_idx += 1;
            self.pending_end = false;
        }
    }
}

/// A word as read: where it ends, its folded form's range in the buffer and its letter case.
struct Word {
    end: usize,
    norm: (usize, usize),
    /// Capitals, counted up to two (all that [`Token::caps`] needs).
    upper: u32,
    lower: bool,
    capital: bool,
    kind: TokenKind,
}

/// `word` has at least two ASCII capitals.
fn two_capitals(word: &[u8]) -> bool {
    word.iter()
        .filter(|b| b.is_ascii_uppercase())
        .nth(1)
        .is_some()
}

/// After an ASCII word ending before byte `j`, of class `class`, the word goes on: a decimal
/// or thousands separator between digits (3.5, 1,000), an apostrophe before a letter (don't,
/// one's), or a non-ASCII letter, digit or apostrophe.
fn continues_word(text: &str, j: usize, class: u8) -> bool {
    let bytes = text.as_bytes();
    match class {
        STOP | COMMA => {
            j > 0
                && bytes.get(j - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
        }
        APOSTROPHE => alphabetic_at(text, j + 1),
        NON_ASCII => match char_at(text, j) {
            Some((d, after)) => is_word_char(d) || (d == '’' && alphabetic_at(text, after)),
            None => false,
        },
        _ => false,
    }
}

/// Reads the token starting at byte `start`, writing its folded form at the end of `folded`.
/// `capital_first`: the first character is upper case. The token's bytes before `j` are ASCII
/// (for a word, letters and digits of classes `seen`), read already.
#[cold]
#[inline(never)]
fn read_word(
    folded: &mut String,
    text: &str,
    start: usize,
    kind: TokenKind,
    capital_first: bool,
    mut j: usize,
    seen: u8,
) -> Word {
    let bytes = text.as_bytes();
    let norm_start = folded.len();
    // A hashtag's `#` is left out; a mention's `@` is kept.
    let from = if kind == TokenKind::Hashtag {
        start + 1
    } else {
        start
    };
    push_ascii(folded, text, from, j);
    let mut upper = capitals(bytes, from, j, seen);
    let mut lower = seen & LOWER != 0;
    while let Some(&b) = bytes.get(j) {
        let class = CLASS[usize::from(b)];
        if class & ALNUM != 0 {
            let run = j;
            let mut seen = 0u8;
            while let Some(&b) = bytes.get(j) {
                let c = CLASS[usize::from(b)];
                if c & ALNUM == 0 {
                    break;
                }
                seen |= c;
                j += 1;
            }
            upper += capitals(bytes, run, j, seen);
            lower |= seen & LOWER != 0;
            push_ascii(folded, text, run, j);
            continue;
        }
        match class {
            // Decimal and thousands separators stay inside numbers: 3.5, 1,000.
            STOP | COMMA
                if folded.len() > norm_start
                    && folded.as_bytes().last().is_some_and(u8::is_ascii_digit)
                    && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) =>
            {
                folded.push(char::from(b));
                j += 1;
            }
            // An apostrophe stays inside a word only between letters: don't, one's.
            APOSTROPHE if alphabetic_at(text, j + 1) => {
                folded.push('\'');
                j += 1;
            }
            NON_ASCII => {
                let Some((d, after)) = char_at(text, j) else {
                    break;
                };
                if d == '’' {
                    if !alphabetic_at(text, after) {
                        break;
                    }
                    folded.push('\'');
                } else if let Some((up, low)) = latin1_letter(d) {
                    upper += u32::from(up);
                    lower |= !up;
                    folded.push(fold_accent(low));
                } else if is_word_char(d) {
                    if d.is_uppercase() {
                        upper += 1;
                    } else if d.is_lowercase() {
                        lower = true;
                    }
                    for l in d.to_lowercase() {
                        folded.push(fold_accent(l));
                    }
                } else {
                    break;
                }
                j = after;
            }
            _ => break,
        }
    }
    Word {
        end: j,
        norm: (norm_start, folded.len()),
        upper: upper.min(2),
        lower,
        capital: capital_first && lower,
        kind,
    }
}

/// Appends bytes `from..to` of `text` (ASCII) to `folded`, lowercased.
fn push_ascii(folded: &mut String, text: &str, from: usize, to: usize) {
    // Byte by byte: for the few bytes of a word a copy and a lowercasing pass cost more.
    for &b in text.as_bytes().get(from..to).unwrap_or(&[]) {
        folded.push(char::from(b.to_ascii_lowercase() & 0x7f));
    }
}

/// Capitals among ASCII letters and digits `from..to` of classes `seen`, counted up to two.
fn capitals(bytes: &[u8], from: usize, to: usize, seen: u8) -> u32 {
    if seen & UPPER == 0 {
        0
    } else if bytes.get(from..to).is_some_and(two_capitals) {
        2
    } else {
        1
    }
}

/// A Latin-1 letter (À to ÿ, but × and ÷): whether it is upper case, and its lower case. Spares
/// the Unicode tables the accented letters of Spanish.
fn latin1_letter(c: char) -> Option<(bool, char)> {
    match c {
        '\u{d7}' | '\u{f7}' => None,
        '\u{c0}'..='\u{de}' => Some((true, char::from_u32(u32::from(c) + 0x20)?)),
        '\u{df}'..='\u{ff}' => Some((false, c)),
        _ => None,
    }
}

/// The character starting at byte `i` of `text` and the byte just after it; `None` at the end.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, i + c.len_utf8()))
}

/// A letter or digit starts at byte `i`.
fn word_char_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => char_at(text, i).is_some_and(|(c, _)| is_word_char(c)),
        None => false,
    }
}

/// A letter starts at byte `i`.
fn alphabetic_at(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => b.is_ascii_alphabetic(),
        Some(_) => char_at(text, i).is_some_and(|(c, _)| c.is_alphabetic()),
        None => false,
    }
}

/// The full stop or ellipsis at bytes `i..next` stands between digits: a decimal point, not a
/// sentence end. An ASCII byte is never part of a longer character, so bytes tell.
/// The colon at byte `i` is inside a clock time: one or two digits before it (an hour up to
/// 24), exactly two after it (minutes up to 59), and no digit around that.
fn clock_time_at(bytes: &[u8], i: usize) -> bool {
    let digit = |k: usize| bytes.get(k).copied().filter(u8::is_ascii_digit);
    let value = |b: u8| u32::from(b - b'0');
    let (Some(m1), Some(_)) = (digit(i + 1), digit(i + 2)) else {
        return false;
    };
    if digit(i + 3).is_some() || value(m1) > 5 {
        return false;
    }
    let Some(h2) = i.checked_sub(1).and_then(digit) else {
        return false;
    };
    let hour = match i.checked_sub(2).and_then(digit) {
        Some(h1) => {
            if i.checked_sub(3).and_then(digit).is_some() {
                return false;
            }
            value(h1) * 10 + value(h2)
        }
        None => value(h2),
    };
    hour <= 24
}

/// Appends the range `from..to` of `text` without the white space at its ends, unless
/// nothing is left.
fn push_trimmed(text: &str, from: usize, to: usize, out: &mut Vec<(usize, usize)>) {
    let Some(part) = text.get(from..to) else {
        return;
    };
    let lead = part.len() - part.trim_start().len();
    let trail = part.len() - part.trim_end().len();
    if lead < part.len() {
        out.push((from + lead, to - trail));
    }
}

/// The whole of `text`, trimmed, as one range (an empty one for a text of white space).
fn push_trimmed_always(text: &str, out: &mut Vec<(usize, usize)>) {
    let lead = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(lead);
    out.push((lead, end));
}

/// The byte ranges of the paragraphs of `text` into `out` (cleared first): the stretches
/// between blank lines (a line break, spaces or tabs at most, another line break), trimmed,
/// empty ones left out; a text without any is one range, the whole text trimmed. Used by
/// `detente score --split paragraphs`.
pub fn paragraph_ranges(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        if b == b'\n' {
            // A blank line: another line break after nothing but spaces, tabs and CRs.
            let mut j = i + 1;
            while bytes
                .get(j)
                .is_some_and(|&c| c == b' ' || c == b'\t' || c == b'\r')
            {
                j += 1;
            }
            if bytes.get(j) == Some(&b'\n') {
                push_trimmed(text, start, i, out);
                while bytes
                    .get(j)
                    .is_some_and(|&c| c == b'\n' || c == b' ' || c == b'\t' || c == b'\r')
                {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), out);
    if out.is_empty() {
        push_trimmed_always(text, out);
    }
}

/// Titles and ranks written with a period that ends no sentence ("Mr. President", "Sra.
/// Ministra", "Gen. Ortiz"), English and Spanish, compared without letter case. "No." (a
/// number) is left out: "no." ends many sentences.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "adm", "amb", "capt", "cmdr", "col", "dr", "dra", "gen", "gov", "hon", "ing", "lic", "lt",
    "mr", "mrs", "ms", "pres", "prof", "rep", "sen", "sgt", "sr", "sra", "srta", "st",
];

/// Abbreviations written in lower case that end no sentence when a lower-case word or a
/// digit follows ("el 3 de feb. de 2026", "sanctions, tariffs, etc. and more", "vol. 2"),
/// compared without letter case. Before a capital they end one ("... etc. The"). Words that
/// also end sentences in lower-case writing ("ago", Spanish "mar") are left out.
const LOWER_ABBREVIATIONS: &[&str] = &[
    "abr", "apr", "art", "aug", "av", "cap", "dec", "dept", "dic", "ed", "ej", "ene", "etc", "feb",
    "jan", "jul", "jun", "nov", "oct", "pag", "sep", "sept", "tel", "vol", "vs",
];

/// Whether the period at byte `i` ends no sentence, given the tokens read so far: it joins
/// letters ("U.S", "EE.UU", "a.m"), or closes an abbreviation written right before it: the
/// last letters of an initialism ("U.S.", "EE.UU.", "a.m."), a capital initial between a
/// capitalized word and a capitalized word ("Donald J. Trump"), a title that opens with a
/// capital ("Mr.", "Sra.") or, in lower case, comes before a capital ("el sr. López"), or a
/// [`LOWER_ABBREVIATIONS`] word before a lower-case word or a digit ("feb. de"). The rules
/// read sentences (questions, exclamations, contrast, the windows): "The U.S. will respond"
/// is one sentence, not three. The common case (a period
/// after a word longer than any abbreviation, then a space) is decided here; the rest out of
/// line, so that the tokenizer's loop stays small.
#[inline(always)]
fn abbreviation_period(bytes: &[u8], i: usize, tokens: &[Token]) -> bool {
    if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
        return true;
    }
    // No abbreviation here is longer than four letters.
    match tokens.last() {
        Some(t) if t.span.1 as usize == i && t.span.1 - t.span.0 <= 4 => {
            abbreviation_before(bytes, i, tokens, t.span.0 as usize)
        }
        _ => false,
    }
}

/// [`abbreviation_period`] for a word of at most four bytes, `bytes[start..i]`, right before
/// the period.
#[cold]
#[inline(never)]
fn abbreviation_before(bytes: &[u8], i: usize, tokens: &[Token], start: usize) -> bool {
    let Some(word) = bytes.get(start..i) else {
        return false;
    };
    if !word.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    // The end of an initialism: "U.S.", "EE.UU.", "a.m.".
    if word.len() <= 2 && start > 0 && bytes.get(start - 1) == Some(&b'.') {
        return true;
    }
    let capital = word.first().is_some_and(u8::is_ascii_uppercase);
    // A middle initial: "Donald J. Trump", "George W. Bush".
    if word.len() == 1
        && capital
        && tokens.len() >= 2
        && tokens.get(tokens.len() - 2).is_some_and(|t| t.capital)
        && bytes.get(i + 1) == Some(&b' ')
        && bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase)
    {
        return true;
    }
    let mut key = [0u8; 4];
    for (k, b) in key.iter_mut().zip(word) {
        *k = b.to_ascii_lowercase();
    }
    let key = u32::from_le_bytes(key);
    let next = (bytes.get(i + 1) == Some(&b' '))
        .then(|| bytes.get(i + 2).copied())
        .flatten();
    if TITLE_KEYS.contains(&key) {
        // "Mr. President", and in lower case before a name: "el sr. López".
        return capital || next.is_some_and(|b| b.is_ascii_uppercase());
    }
    next.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) && LOWER_KEYS.contains(&key)
}

/// Packs each of the first `N` of `words` (at most four ASCII bytes each: a longer one stops
/// the build, as the constant is evaluated at compile time) into four bytes, zero-padded,
/// for one comparison a word.
const fn keys<const N: usize>(words: &[&str]) -> [u32; N] {
    let mut keys = [0u32; N];
    let mut i = 0;
    while i < N {
        let t = words[i].as_bytes();
        let mut key = [0u8; 4];
        let mut j = 0;
        while j < t.len() {
            key[j] = t[j];
            j += 1;
        }
        keys[i] = u32::from_le_bytes(key);
        i += 1;
    }
    keys
}

/// [`LOWER_ABBREVIATIONS`] as four bytes each (zero-padded).
const LOWER_KEYS: [u32; LOWER_ABBREVIATIONS.len()] = keys(LOWER_ABBREVIATIONS);

/// [`TITLE_ABBREVIATIONS`] as four bytes each (zero-padded), for one comparison a title.
const TITLE_KEYS: [u32; TITLE_ABBREVIATIONS.len()] = keys(TITLE_ABBREVIATIONS);

fn between_digits(bytes: &[u8], i: usize, next: usize) -> bool {
    i > 0
        && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
        && bytes.get(next).is_some_and(u8::is_ascii_digit)
}

/// A letter or digit. The Latin letters of Spanish and its neighbours (U+00C0 to U+024F, all
/// letters but × and ÷) are answered without Unicode's tables, which cost a search each.
fn is_word_char(c: char) -> bool {
    match c {
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
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
    let mut out = String::with_capacity(term.len());
    out.extend(term.chars().flat_map(char::to_lowercase).map(fold_accent));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sentence_ranges_cover_each_sentence_with_its_marks() {
        let ranges = |text: &str| -> Vec<String> {
            let mut t = Tokens::new();
            t.tokenize(text);
            let mut out = Vec::new();
            t.sentence_ranges(text, &mut out);
            out.iter().map(|&(a, b)| text[a..b].to_string()).collect()
        };
        assert_eq!(
            ranges("Thank you, Mr. President!  ¿Qué quieren?\n\nHe said: \"No.\" Fine..."),
            [
                "Thank you, Mr. President!",
                "¿Qué quieren?",
                "He said: \"No.\"",
                "Fine...",
            ]
        );
        assert_eq!(ranges("Stop!!!Why?"), ["Stop!!!", "Why?"]);
        assert_eq!(
            ranges("  one sentence without an end  "),
            ["one sentence without an end"]
        );
        assert_eq!(
            ranges("The U.S. will pay 3.5 million."),
            ["The U.S. will pay 3.5 million."]
        );
        // No words: the whole text, trimmed; an empty text gives one empty range.
        assert_eq!(ranges(" ?! "), ["?!"]);
        assert_eq!(ranges(""), [""]);
        assert_eq!(ranges("   "), [""]);
    }

    #[test]
    fn paragraph_ranges_split_at_blank_lines() {
        let ranges = |text: &str| -> Vec<String> {
            let mut out = Vec::new();
            paragraph_ranges(text, &mut out);
            out.iter().map(|&(a, b)| text[a..b].to_string()).collect()
        };
        assert_eq!(
            ranges("First one.\nStill first.\n\n  Second.\r\n \t\r\nThird\n\n\n"),
            ["First one.\nStill first.", "Second.", "Third"]
        );
        assert_eq!(ranges("no blank line"), ["no blank line"]);
        assert_eq!(ranges("\n\n"), [""]);
        assert_eq!(ranges(""), [""]);
    }

    #[test]
    fn abbreviations_end_no_sentence() {
        // Each word's sentence, by its folded form.
        let sentences = |text: &str| -> Vec<(String, u32)> {
            let mut t = Tokens::new();
            t.tokenize(text);
            (0..t.tokens().len())
                .map(|i| (t.folded(i).to_owned(), t.tokens()[i].sentence))
                .collect()
        };
        let last_sentence = |text: &str| sentences(text).last().map(|w| w.1);
        // Titles, initialisms and middle initials.
        assert_eq!(last_sentence("Thanks, Mr. President."), Some(0));
        assert_eq!(last_sentence("The U.S. will pay."), Some(0));
        assert_eq!(last_sentence("EE.UU. respondió."), Some(0));
        assert_eq!(last_sentence("We meet at 10 a.m. today."), Some(0));
        assert_eq!(last_sentence("President Donald J. Trump spoke."), Some(0));
        assert_eq!(last_sentence("La Sra. Ministra habló."), Some(0));
        assert_eq!(
            sentences("Thanks, Mr. President. The U.S. will pay 3.5 million. Great!")
                .iter()
                .map(|w| w.1)
                .max(),
            Some(2)
        );
        // Sentences still end after short words and lower-case letters, and after "no".
        assert_eq!(last_sentence("We have a plan b. We will use it."), Some(1));
        assert_eq!(last_sentence("He said no. Then he left."), Some(1));
        assert_eq!(last_sentence("We waited a week. Then we left."), Some(1));
        assert_eq!(last_sentence("They came in May. We met."), Some(1));
        // Lower-case abbreviations before a lower-case word or a digit, and lower-case
        // titles before a name, end none; before a capital they end one.
        assert_eq!(last_sentence("Nos vimos el 3 de feb. de 2026."), Some(0));
        assert_eq!(last_sentence("Tariffs, quotas, etc. and more."), Some(0));
        assert_eq!(last_sentence("See vol. 2 of the report."), Some(0));
        assert_eq!(last_sentence("Habló el sr. López."), Some(0));
        assert_eq!(
            last_sentence("Tariffs, quotas, etc. They will pay."),
            Some(1)
        );
        assert_eq!(
            last_sentence("It happened two years ago. then we met."),
            Some(1)
        );
        assert_eq!(
            last_sentence("We need a doctor, not a dr. we trust."),
            Some(1)
        );
    }

    #[test]
    fn latin_letters_are_word_chars_as_unicode_says() {
        for c in ('\u{80}'..='\u{2FF}').chain(['€', '’', '«', '»', '¿', '¡']) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
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
    fn quotation_marks_and_clock_times_are_noted() {
        let mut t = Tokens::new();
        // (text, a quotation mark outside a word, a clock time)
        for (text, quotes, clock) in [
            ("We don't and it's one's own", false, false),
            ("No quotes here, none at all.", false, false),
            ("their 'peace plan'", true, false),
            ("their \"peace plan\"", true, false),
            ("su «paz»", true, false),
            ("their ‘peace’", true, false),
            ("their “peace”", true, false),
            ("the leaders' talks", true, false),
            ("The session begins at 09:30 on Thursday.", false, true),
            ("a las 8:00 h", false, true),
            ("at 24:00", false, true),
            ("Ratio 3.5, page 10, 1,000", false, false),
            ("Score 25:10 and 9:75 and 123:45 and 10:305", false, false),
            ("Article 4: the parties", false, false),
            (":30 and 10:", false, false),
            ("'Talks' at 10:00", true, true),
        ] {
            t.tokenize(text);
            assert_eq!(
                (t.has_quotes(), t.has_clock_time()),
                (quotes, clock),
                "{text}"
            );
        }
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
        this.quotes = false;
        this.clock = false;
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
                    let prev_digit = text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_ascii_digit());
                    let next_digit = chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
                    let abbreviated = c == '.' && abbreviation(this, text, i);
                    if !(prev_digit && next_digit || abbreviated) {
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
                ':' => {
                    clause_idx += 1;
                    this.clock |= clock_time_at(text.as_bytes(), i);
                }
                ',' | ';' | '—' | '–' | '(' | ')' => clause_idx += 1,
                '\n' if chars.peek().is_some_and(|&(_, n)| n == '\n') => pending_end = true,
                '\'' | '"' | '‘' | '’' | '“' | '”' | '«' | '»' => this.quotes = true,
                _ => {}
            }
        }
        this.sentences.push(sentence);
    }

    /// The reference's reading of a period at byte `i` that ends no sentence, written from
    /// the rule's description over `str` rather than bytes.
    fn abbreviation(this: &Tokens, text: &str, i: usize) -> bool {
        let after = &text[i + 1..];
        if after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return true;
        }
        let n = this.tokens.len();
        let Some(last) = this.tokens.last() else {
            return false;
        };
        if last.span.1 as usize != i {
            return false;
        }
        let word = &text[last.span.0 as usize..i];
        if word.len() > 4 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return false;
        }
        if word.len() <= 2 && text[..last.span.0 as usize].ends_with('.') {
            return true;
        }
        let capital = word.starts_with(|c: char| c.is_ascii_uppercase());
        let mut rest = after.chars();
        if word.len() == 1
            && capital
            && n >= 2
            && this.tokens[n - 2].capital
            && rest.next() == Some(' ')
            && rest.next().is_some_and(|c| c.is_ascii_uppercase())
        {
            return true;
        }
        let lower = word.to_ascii_lowercase();
        let next = after.strip_prefix(' ').and_then(|r| r.chars().next());
        if TITLE_ABBREVIATIONS.contains(&lower.as_str()) {
            return capital || next.is_some_and(|c| c.is_ascii_uppercase());
        }
        next.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && LOWER_ABBREVIATIONS.contains(&lower.as_str())
    }

    fn next_is_word(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> bool {
        chars.peek().is_some_and(|&(_, n)| is_word_char(n))
    }

    /// The same tokens, folded forms and sentences; where in the buffer a folded form is kept
    /// (`Token::norm`) is the tokenizer's own business.
    fn same(a: &Tokens, b: &Tokens) -> bool {
        let unplaced = |t: &Tokens| -> Vec<(Token, String)> {
            (0..t.tokens.len())
                .filter_map(|i| {
                    let token = Token {
                        norm: (0, 0),
                        ..*t.tokens.get(i)?
                    };
                    Some((token, t.folded(i).to_string()))
                })
                .collect()
        };
        unplaced(a) == unplaced(b)
            && a.quotes == b.quotes
            && a.clock == b.clock
            && a.sentences == b.sentences
            && a.caps_words == b.caps_words
            && a.letter_words == b.letter_words
    }

    #[test]
    fn same_tokens_as_char_by_char() {
        // Punctuation the tokenizer treats specially, the ASCII bytes next to the letter and
        // digit ranges, Latin-1 letters at the edges of its fast path, and other scripts.
        const ALPHABET: &[char] = &[
            'a', 'Z', 'e', 'T', '9', '0', ' ', ' ', '.', ',', '\'', '’', '!', '?', '¡', '¿', '#',
            '@', '\n', '—', '–', '(', ')', '…', 'ñ', 'Ñ', 'Á', 'é', 'ü', 'ǅ', 'ß', 'İ', '١', '-',
            ';', ':', '"', '\t', 'A', 'z', '`', '[', '{', '/', '~', '\0', 'À', 'Þ', 'ÿ', '×', '÷',
            'µ', 'ª', 'Ÿ',
        ];
        // Mostly letters, so words run past eight bytes and capitals cluster.
        const WORDY: &[char] = &[
            'a', 'b', 'Q', 'R', 'S', '1', '2', ' ', '.', ',', '\'', 'É', 'ó', '’',
        ];
        let mut cases: Vec<String> = [
            "Stop now!!! Why? It costs 3.5 million, they said",
            "We won’t cease-fire, Colombia is no one's 'colony'",
            "#Peace now @petrogustavo # @ #1 1,000 3. .5 a.b ¡¿Qué?! JAMÁS",
            "end.\n\nNew para 2.0… ok",
            "",
            "...",
            "'quoted' don''t 12'",
            "I A NATO IT'S Ünited ÀB ÑO O'NEILL INTERNATIONALIZATION internationalization",
            "1,000,000.50 2.5.6 v1.2 a1,2 x'y x’y x’ 'x DIÁLOGO-ABIERTO",
            "ends with a word",
            "ends with a digit 7",
            "Mr. Petro. The U.S. and EE.UU. at 10 a.m. Donald J. Trump. Sra. X. plan B. Dr.",
            "Gen.. MR. mr. A.B.C. J. K. Lee. 3.b. a.5",
            "feb. de 2026, etc. and ETC. x sr. López dr. 4 vol. 2 vs. them ago. now Sept. 9 ej. a",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for alphabet in [ALPHABET, WORDY] {
            for _ in 0..5000 {
                let len = (next() % 40) as usize;
                let s: String = (0..len)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect();
                cases.push(s);
            }
        }
        let (mut fast, mut slow) = (Tokens::new(), Tokens::new());
        for text in &cases {
            fast.tokenize(text);
            tokenize_chars(&mut slow, text);
            assert!(same(&fast, &slow), "{text:?}");
            // What the scorer takes from `folded_in_place`: such a word is ASCII letters and
            // digits only (so it cannot end in "n't").
            for i in 0..fast.tokens().len() {
                if fast.folded_in_place(i) {
                    assert!(
                        fast.folded(i).bytes().all(|b| b.is_ascii_alphanumeric()),
                        "{text:?}"
                    );
                }
            }
        }
    }
}
