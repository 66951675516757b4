//! Parsing of the lexicon TSV formats (`categories.tsv`, tone entries, modifiers) with errors that
//! name the file and line.

use super::{
    Categories, Category, CategoryId, ContextRole, ContextWord, Entry, Modifier, ModifierKind,
    Side, check_weight,
};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::text::fold_term;
use rustc_hash::FxHashMap;

/// The shortest prefix a `prefix*` wildcard may have: shorter ones match too many unrelated words.
pub const MIN_WILDCARD_PREFIX: usize = 3;

/// Tone entries, modifiers and context words parsed from one source.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Tone entries in file order.
    pub entries: Vec<Entry>,
    /// Modifiers in file order.
    pub modifiers: Vec<Modifier>,
    /// Context words in file order.
    pub context: Vec<ContextWord>,
}

/// Data lines of a TSV file: (1-based line number, fields), skipping blanks and `#` comments.
/// A byte-order mark (Windows editors write one) and CRLF line ends are accepted.
fn data_lines(text: &str) -> impl Iterator<Item = (u64, Vec<&str>)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One pass over the bytes finds the line ends and the tabs (both ASCII, so every cut is
    // on a character boundary): the built-in lexicons are 300 KB, read at every start, and
    // `lines` with `split` searched each short line twice.
    let mut from = 0usize;
    let mut tabs: Vec<usize> = Vec::new();
    let mut number = 0u64;
    let bytes = text.as_bytes();
    std::iter::from_fn(move || {
        // `<=`: the text after the last line end is a line too (blank when the text ends
        // with one, and skipped as blank lines are).
        while from <= text.len() {
            let start = from;
            tabs.clear();
            let mut end = start;
            while let Some(&b) = bytes.get(end) {
                if b == b'\n' {
                    break;
                }
                if b == b'\t' {
                    tabs.push(end);
                }
                end += 1;
            }
            from = end + 1;
            number += 1;
            let line = text.get(start..end).unwrap_or("");
            let line = line.strip_suffix('\r').unwrap_or(line);
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut fields = Vec::with_capacity(tabs.len() + 1);
            let mut at = start;
            for &tab in tabs.iter() {
                fields.push(text.get(at..tab).unwrap_or("").trim());
                at = tab + 1;
            }
            fields.push(line.get(at - start..).unwrap_or("").trim());
            return Some((number, fields));
        }
        None
    })
}

fn format_error(loc: &Location, detail: String) -> Error {
    Error::new(ErrorKind::LexiconFormat { detail }, loc.clone())
}

fn category_error(loc: &Location, detail: String) -> Error {
    Error::new(ErrorKind::CategoryFormat { detail }, loc.clone())
}

/// Parses `categories.tsv`: name, side, cameo, goldstein, when_negated, strength, definition.
pub fn parse_categories(text: &str, origin: &Location) -> Result<Categories> {
    struct Raw {
        line: u64,
        name: String,
        side: Side,
        cameo: String,
        goldstein: f64,
        negated: String,
        strong: bool,
        definition: String,
    }
    let mut raws = Vec::new();
    for (line, f) in data_lines(text) {
        let loc = origin.at_line(line);
        if f.len() < 7 {
            return Err(category_error(
                &loc,
                format!(
                    "expected 7 tab-separated fields (name, side, cameo, goldstein, when_negated, strength, definition), found {}",
                    f.len()
                ),
            ));
        }
        let side = match f[1] {
            "hostile" => Side::Hostile,
            "cooperative" => Side::Cooperative,
            other => {
                return Err(category_error(
                    &loc,
                    format!("side must be hostile or cooperative, found {other:?}"),
                ));
            }
        };
        let goldstein: f64 = f[3]
            .parse()
            .ok()
            .filter(|g: &f64| (-10.0..=10.0).contains(g))
            .ok_or_else(|| {
                category_error(
                    &loc,
                    format!("goldstein must be a number in -10..10, found {:?}", f[3]),
                )
            })?;
        let strong = match f[5] {
            "strong" => true,
            "mild" => false,
            other => {
                return Err(category_error(
                    &loc,
                    format!("strength must be strong or mild, found {other:?}"),
                ));
            }
        };
        if raws.iter().any(|r: &Raw| r.name == f[0]) {
            return Err(category_error(
                &loc,
                format!("category {:?} defined twice", f[0]),
            ));
        }
        raws.push(Raw {
            line,
            name: f[0].to_string(),
            side,
            cameo: f[2].to_string(),
            goldstein,
            negated: f[4].to_string(),
            strong,
            definition: f[6].to_string(),
        });
    }
    if raws.is_empty() || raws.len() > usize::from(u8::MAX) {
        return Err(category_error(
            origin,
            "a category table needs 1 to 255 categories".to_string(),
        ));
    }
    let mut list = Vec::with_capacity(raws.len());
    for r in &raws {
        let Some(neg) = raws.iter().position(|x| x.name == r.negated) else {
            return Err(Error::new(
                ErrorKind::UnknownCategory {
                    found: r.negated.clone(),
                    known: raws.iter().map(|x| x.name.clone()).collect(),
                },
                origin.at_line(r.line),
            ));
        };
        list.push(Category {
            name: r.name.clone(),
            side: r.side,
            cameo: r.cameo.clone(),
            goldstein: r.goldstein,
            when_negated: CategoryId(neg as u8),
            strong: r.strong,
            definition: r.definition.clone(),
        });
    }
    Ok(Categories::from_list(list, text))
}

/// Buffers [`normalize_term`] reuses from one term to the next: a lexicon has thousands of
/// terms, and a fresh token buffer for each one's round trip through the tokenizer made
/// loading the built-in lexicons slow.
#[derive(Default)]
pub(crate) struct TermScratch {
    tokens: crate::text::Tokens,
    plain: String,
}

/// Folds and checks a term: words of letters, digits and inner apostrophes, each optionally
/// ending in `*`, separated by spaces. Returns the folded term with single spaces.
pub(crate) fn normalize_term(
    raw: &str,
    loc: &Location,
    scratch: &mut TermScratch,
) -> Result<String> {
    let bad = |detail: &str| {
        Err(Error::new(
            ErrorKind::BadTerm {
                term: raw.to_string(),
                detail: detail.to_string(),
            },
            loc.clone(),
        ))
    };
    let folded = fold_term(raw);
    let words = || folded.split_whitespace();
    if words().next().is_none() {
        return bad("it is empty");
    }
    if words().all(|w| w == super::matcher::NUM) {
        return bad("a term needs a word besides <num>");
    }
    for w in words() {
        if w == super::matcher::NUM {
            continue;
        }
        let (body, wildcard) = match w.strip_suffix('*') {
            Some(b) => (b, true),
            None => (w, false),
        };
        if body.is_empty() {
            return bad("a lone `*` matches everything");
        }
        if wildcard && body.chars().count() < MIN_WILDCARD_PREFIX {
            return bad("a wildcard needs a prefix of at least 3 letters");
        }
        let mut prev: Option<char> = None;
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                let inner = prev.is_some_and(char::is_alphanumeric)
                    && chars.peek().is_some_and(|n| n.is_alphabetic());
                if !inner {
                    return bad("an apostrophe must stand between letters (don't, one's)");
                }
            } else if c == '*' {
                return bad("`*` may only end a word");
            } else if c == '-' {
                return bad("hyphens split words in text: write the parts separated by a space");
            } else if !c.is_alphanumeric() {
                return bad(
                    "punctuation never survives tokenization; use letters, digits and apostrophes",
                );
            }
            prev = Some(c);
        }
    }
    // The last word: the term must come out of the tokenizer as the same words, or it can
    // never match (a combining mark, a letter whose lower case is two characters ...).
    let TermScratch { tokens, plain } = scratch;
    plain.clear();
    for (i, w) in words().enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        plain.push_str(if w == super::matcher::NUM {
            "1"
        } else {
            w.trim_end_matches('*')
        });
    }
    tokens.tokenize(plain);
    let n = tokens.tokens().len();
    let same = (0..n).map(|i| tokens.folded(i)).eq(plain.split(' '));
    if !same {
        let round: Vec<&str> = (0..n).map(|i| tokens.folded(i)).collect();
        return bad(&format!(
            "the tokenizer reads it as {round:?}, so it can never match as written"
        ));
    }
    // Single-spaced already (nearly every term): the folded text is the term.
    if words().eq(folded.split(' ')) {
        return Ok(folded);
    }
    Ok(words().collect::<Vec<_>>().join(" "))
}

/// Parses a lexicon source: each data line is a tone entry
/// (`term<TAB>weight<TAB>category[<TAB>note]`), a modifier
/// (`term<TAB>kind<TAB>value[<TAB>note]`) or a context word (`term<TAB>role<TAB>-[<TAB>note]`),
/// told apart by the second field. Stops at the first error.
pub fn parse_lexicon(text: &str, origin: &Location, categories: &Categories) -> Result<Parsed> {
    let (parsed, mut errors) = parse_all(text, origin, categories, true);
    match errors.drain(..).next() {
        Some(e) => Err(e),
        None => Ok(parsed),
    }
}

/// Like [`parse_lexicon`], but goes on past bad lines and returns every error (for
/// `detente lexicon check`), with the lines that did parse.
pub fn check_lexicon(
    text: &str,
    origin: &Location,
    categories: &Categories,
) -> (Parsed, Vec<Error>) {
    parse_all(text, origin, categories, false)
}

fn parse_all(
    text: &str,
    origin: &Location,
    categories: &Categories,
    stop: bool,
) -> (Parsed, Vec<Error>) {
    let mut out = Parsed::default();
    let mut errors = Vec::new();
    let mut seen_tone: FxHashMap<String, u64> = FxHashMap::default();
    let mut seen_mod: FxHashMap<String, u64> = FxHashMap::default();
    let mut seen_context: FxHashMap<String, u64> = FxHashMap::default();
    let mut scratch = TermScratch::default();
    for (line, f) in data_lines(text) {
        let loc = origin.at_line(line);
        let seen = Seen {
            tone: &mut seen_tone,
            modifiers: &mut seen_mod,
            context: &mut seen_context,
        };
        match parse_line(&f, loc, categories, seen, &mut scratch) {
            Ok(Line::Tone(e)) => out.entries.push(e),
            Ok(Line::Modifier(m)) => out.modifiers.push(m),
            Ok(Line::Context(c)) => out.context.push(c),
            Err(e) => {
                errors.push(e);
                if stop {
                    break;
                }
            }
        }
    }
    (out, errors)
}

enum Line {
    Tone(Entry),
    Modifier(Modifier),
    Context(ContextWord),
}

/// The terms met so far in a source, by kind of line, with the line of each (a context word's
/// key is its role and term: one word may have several roles).
struct Seen<'a> {
    tone: &'a mut FxHashMap<String, u64>,
    modifiers: &'a mut FxHashMap<String, u64>,
    context: &'a mut FxHashMap<String, u64>,
}

/// Refuses `term` when it was seen before in `seen`, else records it at `line`.
fn first_time(
    seen: &mut FxHashMap<String, u64>,
    key: String,
    term: &str,
    line: u64,
    loc: &Location,
) -> Result<()> {
    if let Some(&first_line) = seen.get(&key) {
        return Err(Error::new(
            ErrorKind::DuplicateTerm {
                term: term.to_string(),
                first_line,
            },
            loc.clone(),
        ));
    }
    seen.insert(key, line);
    Ok(())
}

/// A context word's term, checked against what its role allows.
fn context_word(term: String, role: ContextRole, loc: Location) -> Result<Line> {
    let bad = |detail: String| {
        Err(Error::new(
            ErrorKind::BadTerm {
                term: term.clone(),
                detail,
            },
            loc.clone(),
        ))
    };
    let words = term.split(' ').count();
    if term.split(' ').any(|w| w == super::matcher::NUM) {
        return bad(format!("a {} term cannot hold <num>", role.name()));
    }
    if words > 1 && !role.allows_phrases() {
        return bad(format!(
            "a {} term is one word (only relay and shared-target terms may be phrases)",
            role.name()
        ));
    }
    if term.contains('*') && !(role.allows_wildcards() && words == 1) {
        return bad(format!(
            "a {} term cannot be a wildcard (only a one-word shared-target, congratulation, condemnation or rejection term may end in *)",
            role.name()
        ));
    }
    Ok(Line::Context(ContextWord {
        term,
        role,
        origin: loc,
    }))
}

fn parse_line(
    f: &[&str],
    loc: Location,
    categories: &Categories,
    seen: Seen<'_>,
    scratch: &mut TermScratch,
) -> Result<Line> {
    if f.len() < 3 {
        return Err(format_error(
            &loc,
            format!(
                "expected at least 3 tab-separated fields, found {}",
                f.len()
            ),
        ));
    }
    let line = loc.line.unwrap_or(0);
    let term = normalize_term(f[0], &loc, scratch)?;
    let note = f.get(3).copied().unwrap_or("").to_string();
    if let Some(role) = ContextRole::from_name(f[1]) {
        let key = format!("{}\t{term}", role.name());
        first_time(seen.context, key, &term, line, &loc)?;
        return context_word(term, role, loc);
    }
    // A known category in the third field makes it a tone line even when the weight is bad.
    let kind = if categories.find(f[2]).is_some() {
        None
    } else {
        modifier_kind(f[1], f[2], &loc)?
    };
    let seen = if kind.is_some() {
        seen.modifiers
    } else {
        seen.tone
    };
    first_time(seen, term.clone(), &term, line, &loc)?;
    if let Some(kind) = kind {
        return Ok(Line::Modifier(Modifier {
            term,
            kind,
            origin: loc,
        }));
    }
    let weight: f64 = f[1].parse().map_err(|_| {
        Error::new(
            ErrorKind::BadWeight {
                found: f[1].to_string(),
                detail: "not a number (nor a modifier kind)".to_string(),
            },
            loc.clone(),
        )
    })?;
    let Some(category) = categories.find(f[2]) else {
        return Err(Error::new(
            ErrorKind::UnknownCategory {
                found: f[2].to_string(),
                known: categories.names(),
            },
            loc.clone(),
        ));
    };
    check_weight(weight, f[1], categories.get(category), &loc)?;
    Ok(Line::Tone(Entry {
        term,
        weight,
        category,
        note,
        origin: loc,
    }))
}

/// Reads a modifier line's kind and value; `None` when the second field is not a modifier kind
/// (then the line is a tone entry).
fn modifier_kind(kind: &str, value: &str, loc: &Location) -> Result<Option<ModifierKind>> {
    let scale = |want_positive: bool| -> Result<f64> {
        let v: f64 = value.parse().map_err(|_| {
            Error::new(
                ErrorKind::BadWeight {
                    found: value.to_string(),
                    detail: format!("a {kind} needs a numeric scale"),
                },
                loc.clone(),
            )
        })?;
        let ok = if want_positive {
            v > 0.0 && v <= 2.0
        } else {
            v < 0.0 && v > -1.0
        };
        if !ok {
            return Err(Error::new(
                ErrorKind::BadWeight {
                    found: value.to_string(),
                    detail: if want_positive {
                        "a booster scale is in (0, 2]".to_string()
                    } else {
                        "a dampener scale is in (-1, 0)".to_string()
                    },
                },
                loc.clone(),
            ));
        }
        Ok(v)
    };
    Ok(Some(match kind {
        "negator" => ModifierKind::Negator,
        "clause-negator" => ModifierKind::ClauseNegator,
        "opening-negator" => ModifierKind::OpeningNegator,
        "reverser" => ModifierKind::Reverser,
        "post-reverser" => ModifierKind::PostReverser,
        "booster" => ModifierKind::Intensity(scale(true)?),
        "dampener" => ModifierKind::Intensity(scale(false)?),
        "contrast" => ModifierKind::Contrast,
        "opening-contrast" => ModifierKind::OpeningContrast,
        "conditional" => ModifierKind::Conditional,
        "skip" => ModifierKind::Skip,
        other => {
            if other.parse::<f64>().is_ok() {
                return Ok(None);
            }
            if other.chars().all(|c| c.is_ascii_lowercase()) && !other.is_empty() {
                return Err(Error::new(
                    ErrorKind::UnknownModifier {
                        found: other.to_string(),
                    },
                    loc.clone(),
                ));
            }
            return Ok(None);
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cats() -> Categories {
        Categories::builtin().expect("builtin categories parse")
    }

    fn parse(text: &str) -> Result<Parsed> {
        parse_lexicon(text, &Location::in_source("test.tsv"), &cats())
    }

    fn err(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn parses_entries_and_modifiers() {
        let p = parse(
            "# c\nThreaten*\t-3\tthreat\tnote\ntake up arms\t-3.5\tforce\nvery\tbooster\t0.3\n",
        )
        .expect("parses");
        assert_eq!(p.entries.len(), 2);
        assert_eq!(p.entries[0].term, "threaten*");
        assert_eq!(p.entries[1].origin.line, Some(3));
        assert_eq!(p.modifiers[0].kind, ModifierKind::Intensity(0.3));
        let p = parse(
            "never again\tclause-negator\t-\tnote\nnever\tnegator\t-\nnow\topening-contrast\t-\n",
        )
        .expect("parses");
        let kinds: Vec<_> = p
            .modifiers
            .iter()
            .map(|m| (m.term.as_str(), m.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("never again", ModifierKind::ClauseNegator),
                ("never", ModifierKind::Negator),
                ("now", ModifierKind::OpeningContrast)
            ]
        );
    }

    #[test]
    fn parses_context_words_by_role() {
        let p = parse(
            "según\trelay\t-\tattribution\nterror*\tshared-target\t-\n\
             organized crime\tshared-target\t-\nwe\tfirst-person\t-\n\
             we\tconsequence\t-\nwe'll\tfirst-person-future\t-\nattack\t-2\tforce\n",
        )
        .expect("parses");
        let got: Vec<(&str, ContextRole)> = p
            .context
            .iter()
            .map(|c| (c.term.as_str(), c.role))
            .collect();
        assert_eq!(
            got,
            [
                ("segun", ContextRole::Relay),
                ("terror*", ContextRole::SharedTarget),
                ("organized crime", ContextRole::SharedTarget),
                ("we", ContextRole::FirstPerson),
                ("we", ContextRole::Consequence),
                ("we'll", ContextRole::FirstPersonFuture),
            ]
        );
        assert_eq!(p.context[4].origin.line, Some(5));
        // Context words are neither entries nor modifiers.
        assert_eq!((p.entries.len(), p.modifiers.len()), (1, 0));
    }

    #[test]
    fn windows_files_parse_byte_order_mark_and_crlf() {
        let p = parse("\u{feff}menace\t-3\tthreat\r\nmerci beaucoup\t2\tgratitude\r\n")
            .expect("parses");
        assert_eq!(p.entries[0].term, "menace");
        assert_eq!(p.entries[1].term, "merci beaucoup");
        assert_eq!(p.entries[1].origin.line, Some(2));
    }

    #[test]
    fn data_lines_number_every_line_and_split_at_tabs() {
        let text = "\u{feff}# comment\n\na\tb\r\n  \t \n c \t d\t\tnote \n\n#x\tz\nlast\tline";
        let lines: Vec<(u64, Vec<&str>)> = data_lines(text).collect();
        assert_eq!(
            lines,
            [
                (3, vec!["a", "b"]),
                (5, vec!["c", "d", "", "note"]),
                (8, vec!["last", "line"]),
            ]
        );
        assert_eq!(data_lines("").count(), 0);
        assert_eq!(data_lines("\n\n").count(), 0);
        assert_eq!(data_lines("x\n").collect::<Vec<_>>(), [(1, vec!["x"])]);
    }

    #[test]
    fn terms_come_out_single_spaced() {
        let p = parse("  take   up arms \t-3\tforce\nno\u{a0}way\t-1\tdefiance\n").expect("parses");
        assert_eq!(p.entries[0].term, "take up arms");
        // Any white space between words is one space in the term.
        assert_eq!(p.entries[1].term, "no way");
        assert!(err("co-operate\t2\tagreement\n").contains("hyphens"));
    }

    #[test]
    fn folds_accents_in_terms() {
        let p = parse("diálogo\t1\tdialogue\n").expect("parses");
        assert_eq!(p.entries[0].term, "dialogo");
    }

    // Table of bad lines and the words their error must contain.
    const BAD: &[(&str, &str, &str)] = &[
        (
            "bad weight",
            "attack\tbig\tforce\n",
            "test.tsv:1: bad weight \"big\"",
        ),
        ("out of range", "attack\t-5\tforce\n", "out of range"),
        ("zero", "attack\t0\tforce\n", "zero carries no tone"),
        ("wrong sign", "attack\t2\tforce\n", "must be negative"),
        (
            "unknown category",
            "attack\t-2\tviolence\n",
            "unknown category \"violence\"",
        ),
        (
            "duplicate",
            "x\t-1\tthreat\nattack\t-2\tforce\nATTACK\t-2\tforce\n",
            "test.tsv:3: duplicate term \"attack\" (first defined on line 2)",
        ),
        ("short wildcard", "at*\t-2\tforce\n", "prefix of at least 3"),
        (
            "hyphen",
            "cease-fire\t3\tdeescalation\n",
            "hyphens split words",
        ),
        (
            "too few fields",
            "attack\t-2\n",
            "expected at least 3 tab-separated fields, found 2; a lexicon line is a tone entry `term<TAB>weight<TAB>category[<TAB>note]`, a modifier `term<TAB>kind<TAB>value[<TAB>note]` or a context word `term<TAB>role<TAB>-[<TAB>note]`",
        ),
        (
            "unknown modifier",
            "very\tbooost\t0.3\n",
            "unknown modifier kind",
        ),
        ("bad booster", "very\tbooster\t-0.3\n", "booster scale"),
        (
            "context word twice in one role",
            "we\tfirst-person\t-\nWe\tfirst-person\t-\n",
            "test.tsv:2: duplicate term \"we\" (first defined on line 1)",
        ),
        (
            "context phrase in a one-word role",
            "we will\tfuture\t-\n",
            "a future term is one word",
        ),
        (
            "context wildcard outside shared-target",
            "announc*\trelay\t-\n",
            "a relay term cannot be a wildcard",
        ),
        (
            "context wildcard in a phrase",
            "organi* crime\tshared-target\t-\n",
            "only a one-word shared-target, congratulation, condemnation or rejection term may end in *",
        ),
        (
            "context number",
            "<num> dead\trelay\t-\n",
            "cannot hold <num>",
        ),
        (
            "misspelt role",
            "said\trelays\t-\n",
            "context role (relay, report, shared-target",
        ),
    ];

    #[test]
    fn bad_lines_give_located_errors() {
        for (name, text, want) in BAD {
            let e = err(text);
            assert!(e.contains(want), "{name}: {e:?} lacks {want:?}");
        }
    }

    #[test]
    fn category_strength_is_read_and_checked() {
        let c = cats();
        let strong = |side| c.strong_names(side).join(",");
        assert_eq!(strong(Side::Hostile), "threat,force,insult");
        assert_eq!(strong(Side::Cooperative), "gratitude,agreement,partnership");
        let loc = Location::in_source("categories.tsv");
        let line = |strength: &str| {
            format!("threat\thostile\t13\t-6\tthreat\t{strength}\tHarm announced.\n")
        };
        assert!(parse_categories(&line("mild"), &loc).is_ok());
        let e = parse_categories(&line("strongest"), &loc)
            .expect_err("a bad strength")
            .to_string();
        assert!(e.starts_with("categories.tsv:1: "), "{e}");
        assert!(
            e.contains(r#"strength must be strong or mild, found "strongest""#),
            "{e}"
        );
        // The six-column format of earlier versions names the column it lacks.
        let e = parse_categories("threat\thostile\t13\t-6\tthreat\tHarm.\n", &loc)
            .expect_err("six fields")
            .to_string();
        assert!(e.contains("expected 7 tab-separated fields"), "{e}");
        assert!(e.contains("strength"), "{e}");
        // The hint names the category table's format, not a lexicon line's.
        assert!(
            e.contains("a category line is `name<TAB>side<TAB>cameo<TAB>goldstein<TAB>when_negated<TAB>strength<TAB>definition`"),
            "{e}"
        );
        assert!(!e.contains("a lexicon line is"), "{e}");
    }

    #[test]
    fn builtin_categories_are_complete() {
        let c = cats();
        for name in [
            "threat",
            "force",
            "coercion",
            "demand",
            "accusation",
            "insult",
            "defiance",
            "praise",
            "gratitude",
            "respect",
            "dialogue",
            "agreement",
            "commitment",
            "partnership",
            "deescalation",
        ] {
            assert!(c.find(name).is_some(), "{name} missing");
        }
    }
}
