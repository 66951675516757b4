//! Reading lexicons users already have: a VADER-format file (`vader_lexicon.txt`: token, mean
//! rating, ...) or a LIWC dictionary (`.dic`: numbered categories, then words with their
//! category numbers), turned into detente tone entries with the categories and weights the
//! user chooses, ready to be written as a lexicon TSV ([`write_tsv`]) and reviewed.
//!
//! Nothing is lost: every entry of the source that would become a tone entry is either
//! imported or listed in [`Import::skipped`] with the reason (a term that can never match as
//! written, a weight too small, the same term twice once folded, a word detente has as a
//! modifier). Malformed lines are an error naming the file, line and field.

use super::tsv::{TermScratch, normalize_term};
use super::{Categories, CategoryId, Lexicon, ModifierKind, Side};
use crate::error::{Error, ErrorKind, Location, Result};
use rustc_hash::FxHashMap;
use std::io::{self, Write};

/// A tone entry made from a line of the source.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedEntry {
    /// Line of the source it came from (1-based).
    pub line: u64,
    /// The term as detente matches it (folded, single spaces).
    pub term: String,
    /// Weight on -4..+4, on the side of its category.
    pub weight: f64,
    /// The category.
    pub category: CategoryId,
    /// Where it came from and what it was there (for the TSV's note column).
    pub note: String,
}

/// An entry of the source that was not imported.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Line of the source (1-based).
    pub line: u64,
    /// The term as written in the source.
    pub term: String,
    /// Why it was not imported.
    pub reason: String,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// The entries, in source order.
    pub entries: Vec<ImportedEntry>,
    /// Entries of the source that were not imported, in source order.
    pub skipped: Vec<Skipped>,
    /// Words of the source read: `entries + skipped + unmapped`.
    pub read: usize,
    /// Entries the user asked for no category for, counted but not listed: words of a LIWC
    /// dictionary in none of the mapped categories, VADER entries on a side with no category
    /// given (`--hostile`, `--cooperative`).
    pub unmapped: usize,
    /// Lines of a LIWC dictionary with conditional category codes (`(02 134)125/464`,
    /// LIWC2007), which detente cannot express: those codes are left out, the plain ones kept.
    pub conditional_lines: usize,
}

/// What keeps a candidate out besides a term that cannot match.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Lexicons the imported file will be used with (usually the built-in ones): a term they
    /// have as a modifier cannot also be a tone entry, so it is skipped.
    pub with: Vec<Lexicon>,
    /// Also skip terms these lexicons already have as tone entries (import only new terms).
    pub skip_known: bool,
    /// Skip entries whose weight, after scaling, is smaller than this in absolute value.
    pub min_weight: f64,
}

/// How a VADER-format file is read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VaderOptions {
    /// Category for the negative entries (a hostile one); `None` leaves them out.
    pub hostile: Option<CategoryId>,
    /// Category for the positive entries (a cooperative one); `None` leaves them out.
    pub cooperative: Option<CategoryId>,
    /// Weight = mean rating x scale, rounded to two decimals and kept within -4..+4.
    pub scale: f64,
    /// Category for the negative entries whose mean is [`VaderOptions::strong_at`] or more
    /// in absolute value: a strong hostile one (threat, force, insult), so that a statement
    /// they score can reach the hostile band ([`crate::score::Band`]); `None` gives them
    /// [`VaderOptions::hostile`] as the others.
    pub hostile_strong: Option<CategoryId>,
    /// As [`VaderOptions::hostile_strong`], for the positive entries: a strong cooperative
    /// category (gratitude, agreement, partnership).
    pub cooperative_strong: Option<CategoryId>,
    /// The absolute mean rating from which an entry takes the strong category of its side
    /// (default [`VaderOptions::STRONG_AT`]).
    pub strong_at: f64,
}

impl VaderOptions {
    /// The default [`VaderOptions::strong_at`]: VADER's ratings run from -4 to +4, and
    /// 2.5 is about where its raters' means for words such as "hate" (-2.7), "kill" (-3.7),
    /// "love" (3.2) begin.
    pub const STRONG_AT: f64 = 2.5;
}

impl Default for VaderOptions {
    /// No category on either side (set at least one), scale 1, no strong categories.
    fn default() -> VaderOptions {
        VaderOptions {
            hostile: None,
            cooperative: None,
            scale: 1.0,
            hostile_strong: None,
            cooperative_strong: None,
            strong_at: VaderOptions::STRONG_AT,
        }
    }
}

/// One LIWC category mapped to a detente category and weight (`--map anger=insult:-2`).
#[derive(Debug, Clone, PartialEq)]
pub struct LiwcMap {
    /// The LIWC category's name (case does not matter) or number.
    pub liwc: String,
    /// The detente category.
    pub category: CategoryId,
    /// The weight every word of the LIWC category gets.
    pub weight: f64,
}

impl LiwcMap {
    /// Parses `NAME=CATEGORY:WEIGHT`, checking the category and that the weight suits it.
    pub fn parse(spec: &str, categories: &Categories) -> Result<LiwcMap> {
        let bad = |detail: String| setting_error(format!("--map {spec:?}: {detail}"));
        let (liwc, rest) = spec.split_once('=').ok_or_else(|| {
            bad("write LIWC_CATEGORY=CATEGORY:WEIGHT, as in anger=insult:-2".into())
        })?;
        let (cat, weight) = rest.split_once(':').ok_or_else(|| {
            bad("write LIWC_CATEGORY=CATEGORY:WEIGHT, as in anger=insult:-2".into())
        })?;
        let (liwc, cat, weight) = (liwc.trim(), cat.trim(), weight.trim());
        if liwc.is_empty() {
            return Err(bad("the LIWC category is missing before `=`".into()));
        }
        let id = categories.find(cat).ok_or_else(|| {
            bad(format!(
                "unknown category {cat:?}; the categories are {}",
                categories.names().join(", ")
            ))
        })?;
        let w: f64 = weight
            .parse()
            .map_err(|_| bad(format!("the weight {weight:?} is not a number")))?;
        super::check_weight(w, weight, categories.get(id), &Location::default()).map_err(|e| {
            bad(match e.kind() {
                ErrorKind::BadWeight { detail, .. } => format!("weight {weight}: {detail}"),
                _ => e.to_string(),
            })
        })?;
        Ok(LiwcMap {
            liwc: liwc.to_string(),
            category: id,
            weight: w,
        })
    }
}

/// The name used for `origin` in notes: the file name without its folders.
fn source_name(origin: &Location) -> String {
    match (&origin.path, &origin.source) {
        (Some(p), _) => p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        (None, Some(s)) => s.clone(),
        (None, None) => "<stdin>".to_string(),
    }
}

fn format_error(format: &str, loc: Location, detail: String) -> Error {
    Error::new(
        ErrorKind::ImportFormat {
            format: format.to_string(),
            detail,
        },
        loc,
    )
}

/// Where a setting given on the command line (or by a caller) is reported.
fn setting_error(detail: String) -> Error {
    Error::new(
        ErrorKind::BadSetting { detail },
        Location::in_source("command line"),
    )
}

/// The lines of `text` with their 1-based numbers, a byte-order mark and CR line ends taken off.
fn numbered_lines(text: &str) -> impl Iterator<Item = (u64, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n')
        .enumerate()
        .map(|(i, l)| (i as u64 + 1, l.strip_suffix('\r').unwrap_or(l)))
}

/// A term, weight and category on their way to becoming an entry.
struct Candidate {
    line: u64,
    raw: String,
    weight: f64,
    category: CategoryId,
    note: String,
}

/// Imports a VADER-format file: one `token<TAB>mean<TAB>...` line per entry (the fields after
/// the mean, standard deviation and raw ratings, are not used). Blank lines are skipped; a line
/// without a numeric mean is an error.
pub fn vader(
    text: &str,
    origin: &Location,
    opts: &VaderOptions,
    categories: &Categories,
    filter: &Filter,
) -> Result<Import> {
    for (id, side) in [
        (opts.hostile, Side::Hostile),
        (opts.cooperative, Side::Cooperative),
    ] {
        if let Some(id) = id
            && categories.get(id).side != side
        {
            return Err(setting_error(format!(
                "category {} is not {}",
                categories.get(id).name,
                if side == Side::Hostile {
                    "hostile (the negative entries need a hostile category: --hostile)"
                } else {
                    "cooperative (the positive entries need a cooperative category: --cooperative)"
                }
            )));
        }
    }
    for (id, side, flag) in [
        (opts.hostile_strong, Side::Hostile, "--hostile-strong"),
        (
            opts.cooperative_strong,
            Side::Cooperative,
            "--cooperative-strong",
        ),
    ] {
        let Some(id) = id else { continue };
        let c = categories.get(id);
        if c.side != side || !c.strong {
            return Err(setting_error(format!(
                "{flag} {}: the category must be a strong {} one ({})",
                c.name,
                side.name(),
                categories.strong_names(side).join(", ")
            )));
        }
    }
    if !opts.strong_at.is_finite() || opts.strong_at <= 0.0 {
        return Err(setting_error(format!(
            "--strong-at must be a positive number, not {}",
            opts.strong_at
        )));
    }
    if !opts.scale.is_finite() || opts.scale <= 0.0 {
        return Err(setting_error(format!(
            "the scale must be a positive number, not {}",
            opts.scale
        )));
    }
    let name = source_name(origin);
    let mut candidates = Vec::new();
    let mut skipped = Vec::new();
    let mut unmapped = 0usize;
    for (line, l) in numbered_lines(text) {
        if l.trim().is_empty() {
            continue;
        }
        let loc = origin.at_line(line);
        let mut fields = l.split('\t');
        let token = fields.next().unwrap_or("").trim();
        let Some(mean_text) = fields.next().map(str::trim) else {
            return Err(format_error(
                "VADER",
                loc,
                "expected `token<TAB>mean rating<TAB>...`; found no tab".to_string(),
            ));
        };
        let mean: f64 = match mean_text.parse::<f64>() {
            Ok(m) if m.is_finite() => m,
            _ => {
                return Err(format_error(
                    "VADER",
                    Location {
                        column: Some(2),
                        ..loc
                    },
                    format!("the mean rating must be a number, found {mean_text:?}"),
                ));
            }
        };
        let scaled = (mean * opts.scale * 100.0).round() / 100.0;
        let weight = scaled.clamp(-4.0, 4.0);
        let mut note = format!("VADER mean {mean} ({name}:{line})");
        if weight != scaled {
            note.push_str(&format!("; {scaled} kept within -4..+4"));
        }
        if weight == 0.0 {
            skipped.push(Skipped {
                line,
                term: token.to_string(),
                reason: format!("weight {mean} x {} rounds to 0: no tone", opts.scale),
            });
            continue;
        }
        let (plain, strong) = if weight < 0.0 {
            (opts.hostile, opts.hostile_strong)
        } else {
            (opts.cooperative, opts.cooperative_strong)
        };
        let category = match strong.filter(|_| mean.abs() >= opts.strong_at) {
            Some(c) => {
                note.push_str(&format!("; strong from {}", opts.strong_at));
                c
            }
            None => match plain {
                Some(c) => c,
                // A side (or a strength) the user gave no category for is not wanted, like
                // a LIWC category that is not mapped: counted, not listed.
                None => {
                    unmapped += 1;
                    continue;
                }
            },
        };
        candidates.push(Candidate {
            line,
            raw: token.to_string(),
            weight,
            category,
            note,
        });
    }
    Ok(finish(
        candidates, skipped, unmapped, 0, origin, categories, filter,
    ))
}

/// Imports a LIWC dictionary (`.dic`): a `%` line, the categories (`number<TAB>name`), a `%`
/// line, then one word per line with its category numbers. Words in several mapped
/// categories take the first map given; words in none are counted, not imported.
pub fn liwc(
    text: &str,
    origin: &Location,
    maps: &[LiwcMap],
    categories: &Categories,
    filter: &Filter,
) -> Result<Import> {
    let name = source_name(origin);
    let mut lines = numbered_lines(text).filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        Some((_, l)) if l.trim() == "%" => {}
        Some((line, _)) => {
            return Err(format_error(
                "LIWC",
                origin.at_line(line),
                "a LIWC dictionary starts with a `%` line, then the categories \
                 (`number<TAB>name`), then `%` and the words; this is not one"
                    .to_string(),
            ));
        }
        None => {
            return Err(format_error(
                "LIWC",
                origin.clone(),
                "the file is empty: a LIWC dictionary starts with a `%` line".to_string(),
            ));
        }
    }
    // The header: category number -> name.
    let mut numbers: FxHashMap<String, (String, u64)> = FxHashMap::default();
    let mut closed = false;
    for (line, l) in lines.by_ref() {
        if l.trim() == "%" {
            closed = true;
            break;
        }
        let loc = origin.at_line(line);
        let mut parts = l.split_whitespace();
        let (Some(num), Some(cat)) = (parts.next(), parts.next()) else {
            return Err(format_error(
                "LIWC",
                loc,
                "expected a category line `number<TAB>name` (or `%` to end the categories)"
                    .to_string(),
            ));
        };
        if !num.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format_error(
                "LIWC",
                Location {
                    column: Some(1),
                    ..loc
                },
                format!("a category number must be digits, found {num:?}"),
            ));
        }
        let num = canonical_number(num);
        if let Some((_, first)) = numbers.get(&num) {
            return Err(format_error(
                "LIWC",
                loc,
                format!("category number {num} is defined twice (first at line {first})"),
            ));
        }
        numbers.insert(num, (cat.to_string(), line));
    }
    if !closed {
        return Err(format_error(
            "LIWC",
            origin.clone(),
            "the categories never end: a `%` line must follow them, before the words".to_string(),
        ));
    }
    // Each map's LIWC category number and name.
    let mut mapped: Vec<(String, &str, &LiwcMap)> = Vec::new();
    for m in maps {
        let wanted = m.liwc.trim();
        let found = numbers.iter().find(|(num, (cat, _))| {
            cat.eq_ignore_ascii_case(wanted)
                || (wanted.bytes().all(|b| b.is_ascii_digit()) && **num == canonical_number(wanted))
        });
        let Some((num, (liwc_name, _))) = found else {
            let mut known: Vec<&(String, u64)> = numbers.values().collect();
            known.sort_by_key(|(_, line)| *line);
            let known: Vec<&str> = known.iter().map(|(c, _)| c.as_str()).collect();
            return Err(setting_error(format!(
                "--map {}: {name} has no category {wanted:?}; it has {}",
                m.liwc,
                known.join(", ")
            )));
        };
        mapped.push((num.clone(), liwc_name.as_str(), m));
    }

    let (mut candidates, mut unmapped, mut conditional_lines) = (Vec::new(), 0usize, 0usize);
    for (line, l) in lines {
        let loc = origin.at_line(line);
        // Tabs separate the word from its codes (a word may be a phrase with spaces); files
        // written with spaces only have the word first and the codes after it.
        let (term, codes): (String, Vec<&str>) = match l.split_once('\t') {
            Some((w, rest)) => (w.trim().to_string(), rest.split_whitespace().collect()),
            None => {
                let parts: Vec<&str> = l.split_whitespace().collect();
                let cut = parts
                    .iter()
                    .position(|p| p.starts_with(|c: char| c.is_ascii_digit() || c == '('))
                    .unwrap_or(parts.len());
                (parts[..cut].join(" "), parts[cut..].to_vec())
            }
        };
        if term.is_empty() {
            return Err(format_error(
                "LIWC",
                loc,
                "expected a word and its category numbers; found no word".to_string(),
            ));
        }
        let mut plain = Vec::new();
        let mut conditional = false;
        for (k, code) in codes.iter().enumerate() {
            if code.bytes().all(|b| b.is_ascii_digit()) {
                let num = canonical_number(code);
                if !numbers.contains_key(&num) {
                    return Err(format_error(
                        "LIWC",
                        Location {
                            column: Some(k + 2),
                            ..loc
                        },
                        format!(
                            "category {code} of {term:?} is not defined in the dictionary's header"
                        ),
                    ));
                }
                plain.push(num);
            } else {
                conditional = true;
            }
        }
        conditional_lines += usize::from(conditional);
        let mut hits = mapped.iter().filter(|(num, _, _)| plain.contains(num));
        let Some((_, first_name, first)) = hits.next() else {
            unmapped += 1;
            continue;
        };
        let also: Vec<&str> = hits.map(|(_, n, _)| *n).collect();
        let mut note = format!("LIWC {first_name}");
        if !also.is_empty() {
            note.push_str(&format!(" (also {})", also.join(", ")));
        }
        note.push_str(&format!(" ({name}:{line})"));
        candidates.push(Candidate {
            line,
            raw: term,
            weight: first.weight,
            category: first.category,
            note,
        });
    }
    Ok(finish(
        candidates,
        Vec::new(),
        unmapped,
        conditional_lines,
        origin,
        categories,
        filter,
    ))
}

/// A category number without leading zeros (`02` and `2` are the same category).
fn canonical_number(num: &str) -> String {
    let t = num.trim_start_matches('0');
    if t.is_empty() { "0" } else { t }.to_string()
}

/// Checks the candidates as a lexicon load would and keeps the ones that can be entries.
fn finish(
    candidates: Vec<Candidate>,
    mut skipped: Vec<Skipped>,
    unmapped: usize,
    conditional_lines: usize,
    origin: &Location,
    categories: &Categories,
    filter: &Filter,
) -> Import {
    let mut modifiers: FxHashMap<&str, (String, ModifierKind)> = FxHashMap::default();
    let mut known: FxHashMap<&str, String> = FxHashMap::default();
    for lex in &filter.with {
        for m in lex.modifiers() {
            modifiers
                .entry(m.term.as_str())
                .or_insert_with(|| (lex.lang().to_string(), m.kind));
        }
        for e in lex.entries() {
            known.entry(e.term.as_str()).or_insert_with(|| {
                format!(
                    "{} ({} {} {})",
                    e.term,
                    lex.lang(),
                    categories.get(e.category).name,
                    e.weight
                )
            });
        }
    }
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    let mut scratch = TermScratch::default();
    let mut entries = Vec::new();
    let read_here = candidates.len() + skipped.len();
    for mut c in candidates {
        // Hyphens split words in text ("cease-fire" is read as "cease fire"), so a hyphenated
        // term is imported as the words it is read as.
        let unhyphenated = inner_hyphens_to_spaces(&c.raw);
        if unhyphenated != c.raw {
            c.note = format!("written {:?}; {}", c.raw, c.note);
        }
        let skip = |reason: String| Skipped {
            line: c.line,
            term: c.raw.clone(),
            reason,
        };
        let term = match normalize_term(&unhyphenated, &origin.at_line(c.line), &mut scratch) {
            Ok(t) => t,
            Err(e) => {
                let reason = match e.kind() {
                    ErrorKind::BadTerm { detail, .. } => format!("cannot match: {detail}"),
                    _ => e.to_string(),
                };
                skipped.push(skip(reason));
                continue;
            }
        };
        if c.weight.abs() < filter.min_weight {
            skipped.push(skip(format!(
                "weight {} is below --min-weight {}",
                c.weight, filter.min_weight
            )));
            continue;
        }
        if let Some(first) = seen.get(&term) {
            skipped.push(skip(format!(
                "the same term as line {first} once folded ({term:?})"
            )));
            continue;
        }
        if let Some((lang, kind)) = modifiers.get(term.as_str()) {
            skipped.push(skip(format!(
                "a built-in {lang} modifier ({}): a term cannot be both",
                modifier_name(*kind)
            )));
            continue;
        }
        if filter.skip_known
            && let Some(what) = covered(&known, &term)
        {
            skipped.push(skip(format!(
                "the built-in entry {what} covers it; kept out by --skip-builtin"
            )));
            continue;
        }
        seen.insert(term.clone(), c.line);
        entries.push(ImportedEntry {
            line: c.line,
            term,
            weight: c.weight,
            category: c.category,
            note: c.note,
        });
    }
    skipped.sort_by_key(|s| s.line);
    Import {
        entries,
        skipped,
        read: read_here + unmapped,
        unmapped,
        conditional_lines,
    }
}

/// The built-in entry that would match `term` (folded) as a whole: the same term, or for a
/// plain word, a wildcard whose prefix it starts with (`threaten*` covers "threatens").
fn covered<'a>(known: &'a FxHashMap<&str, String>, term: &str) -> Option<&'a String> {
    if let Some(what) = known.get(term) {
        return Some(what);
    }
    if term.contains([' ', '*']) {
        return None;
    }
    let mut prefix = String::with_capacity(term.len() + 1);
    for c in term.chars() {
        prefix.push(c);
        prefix.push('*');
        if let Some(what) = known.get(prefix.as_str()) {
            return Some(what);
        }
        prefix.pop();
    }
    None
}

/// `term` with every hyphen between two letters or digits made a space.
fn inner_hyphens_to_spaces(term: &str) -> String {
    let chars: Vec<char> = term.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let inner = c == '-'
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if inner { ' ' } else { c }
        })
        .collect()
}

fn modifier_name(kind: ModifierKind) -> &'static str {
    match kind {
        ModifierKind::Negator => "negator",
        ModifierKind::ClauseNegator => "clause-negator",
        ModifierKind::OpeningNegator => "opening-negator",
        ModifierKind::Reverser => "reverser",
        ModifierKind::PostReverser => "post-reverser",
        ModifierKind::Intensity(v) if v > 0.0 => "booster",
        ModifierKind::Intensity(_) => "dampener",
        ModifierKind::Contrast => "contrast",
        ModifierKind::OpeningContrast => "opening-contrast",
        ModifierKind::Conditional => "conditional",
        ModifierKind::Skip => "skip",
    }
}

/// Writes `import` as a detente lexicon TSV: `header` lines as comments, the entries
/// (`term<TAB>weight<TAB>category<TAB>note`), then the entries not imported, as comments with
/// their line and reason, so the file shows everything the source had.
pub fn write_tsv(
    import: &Import,
    categories: &Categories,
    header: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for h in header {
        writeln!(out, "# {}", clean(h))?;
    }
    for e in &import.entries {
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            e.term,
            e.weight,
            categories.get(e.category).name,
            clean(&e.note)
        )?;
    }
    if !import.skipped.is_empty() {
        writeln!(out, "#")?;
        writeln!(
            out,
            "# Not imported ({}): line, term as written, reason",
            import.skipped.len()
        )?;
        for s in &import.skipped {
            writeln!(
                out,
                "# {}\t{}\t{}",
                s.line,
                clean(&s.term),
                clean(&s.reason)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    fn cats() -> Categories {
        Categories::builtin().expect("categories")
    }

    fn origin() -> Location {
        Location::in_source("test.txt")
    }

    fn id(name: &str) -> CategoryId {
        cats().find(name).expect("category")
    }

    fn vader_with(text: &str, filter: &Filter) -> Result<Import> {
        let opts = VaderOptions {
            hostile: Some(id("accusation")),
            cooperative: Some(id("praise")),
            ..VaderOptions::default()
        };
        vader(text, &origin(), &opts, &cats(), filter)
    }

    fn terms(i: &Import) -> Vec<(&str, f64)> {
        i.entries
            .iter()
            .map(|e| (e.term.as_str(), e.weight))
            .collect()
    }

    fn reasons(i: &Import) -> Vec<(u64, &str, &str)> {
        i.skipped
            .iter()
            .map(|s| (s.line, s.term.as_str(), s.reason.as_str()))
            .collect()
    }

    /// Every word read is imported, listed as skipped, or counted as not asked for.
    fn accounted(i: &Import) {
        assert_eq!(
            i.read,
            i.entries.len() + i.skipped.len() + i.unmapped,
            "{i:?}"
        );
    }

    #[test]
    fn vader_sign_picks_the_category_and_the_mean_is_the_weight() {
        let text =
            "\u{feff}betray\t-2.45\t0.8\t[-2, -3]\r\nthankful\t2.1\t0.5\t[2, 2]\n\nmeh\t0.001\n";
        let i = vader_with(text, &Filter::default()).expect("import");
        assert_eq!(terms(&i), [("betray", -2.45), ("thankful", 2.1)]);
        assert_eq!(i.entries[0].category, id("accusation"));
        assert_eq!(i.entries[1].category, id("praise"));
        assert_eq!(i.entries[1].line, 2);
        assert_eq!(i.entries[0].note, "VADER mean -2.45 (test.txt:1)");
        // 0.001 rounds to 0 at two decimals: no tone, listed.
        assert_eq!(
            reasons(&i),
            [(4, "meh", "weight 0.001 x 1 rounds to 0: no tone")]
        );
        accounted(&i);
    }

    #[test]
    fn vader_scale_rounds_and_keeps_weights_in_range() {
        let opts = VaderOptions {
            hostile: Some(id("insult")),
            cooperative: None,
            scale: 1.5,
            ..VaderOptions::default()
        };
        let i = vader(
            "scum\t-3.1\nsnob\t-1.234\nkind\t2.0\n",
            &origin(),
            &opts,
            &cats(),
            &Filter::default(),
        )
        .expect("import");
        assert_eq!(terms(&i), [("scum", -4.0), ("snob", -1.85)]);
        assert!(
            i.entries[0].note.contains("-4.65 kept within -4..+4"),
            "{:?}",
            i.entries[0]
        );
        // No cooperative category: the positive entry is not asked for, not an error.
        assert_eq!(i.unmapped, 1);
        assert!(i.skipped.is_empty());
        accounted(&i);
    }

    #[test]
    fn vader_bad_lines_name_line_and_field() {
        let e = vader_with("ok\t1.0\nno tab here\n", &Filter::default()).unwrap_err();
        assert_eq!(e.location().line, Some(2));
        assert!(e.to_string().contains("found no tab"), "{e}");
        let e = vader_with("ok\t1.0\n\nbad\tabc\t0.5\n", &Filter::default()).unwrap_err();
        assert_eq!((e.location().line, e.location().column), (Some(3), Some(2)));
        assert!(e.to_string().contains("\"abc\""), "{e}");
        let e = vader_with("inf\tinf\n", &Filter::default()).unwrap_err();
        assert_eq!(e.location().line, Some(1));
    }

    #[test]
    fn vader_strong_entries_take_the_strong_category_of_their_side() {
        let opts = VaderOptions {
            hostile: Some(id("accusation")),
            cooperative: None,
            cooperative_strong: Some(id("gratitude")),
            hostile_strong: Some(id("insult")),
            strong_at: 2.5,
            ..VaderOptions::default()
        };
        let text = "scum\t-3.1\nsnob\t-1.2\nedge\t-2.5\nlove\t3.2\nnice\t1.8\n";
        let i = vader(text, &origin(), &opts, &cats(), &Filter::default()).expect("import");
        let table = cats();
        let got: Vec<(&str, &str)> = i
            .entries
            .iter()
            .map(|e| (e.term.as_str(), table.get(e.category).name.as_str()))
            .collect();
        // -2.5 is at the threshold: strong. A weak positive entry has no cooperative
        // category: not asked for.
        assert_eq!(
            got,
            [
                ("scum", "insult"),
                ("snob", "accusation"),
                ("edge", "insult"),
                ("love", "gratitude")
            ]
        );
        assert_eq!(i.unmapped, 1);
        assert!(
            i.entries[0].note.ends_with("; strong from 2.5"),
            "{:?}",
            i.entries[0]
        );
        assert!(!i.entries[1].note.contains("strong"), "{:?}", i.entries[1]);
        accounted(&i);
        // A mild or wrong-sided strong category, or a bad threshold, is refused.
        for (opts, want) in [
            (
                VaderOptions {
                    hostile_strong: Some(id("coercion")),
                    ..opts
                },
                "--hostile-strong coercion: the category must be a strong hostile one (threat, force, insult)",
            ),
            (
                VaderOptions {
                    cooperative_strong: Some(id("insult")),
                    ..opts
                },
                "--cooperative-strong insult: the category must be a strong cooperative one",
            ),
            (
                VaderOptions {
                    strong_at: 0.0,
                    ..opts
                },
                "--strong-at must be a positive number",
            ),
        ] {
            let e = vader(text, &origin(), &opts, &cats(), &Filter::default()).unwrap_err();
            assert!(e.to_string().contains(want), "{e}");
        }
    }

    #[test]
    fn vader_categories_must_be_on_their_side() {
        let opts = VaderOptions {
            hostile: Some(id("praise")),
            cooperative: None,
            scale: 1.0,
            ..VaderOptions::default()
        };
        let e = vader("a\t-1\n", &origin(), &opts, &cats(), &Filter::default()).unwrap_err();
        assert!(e.to_string().contains("praise is not hostile"), "{e}");
        let opts = VaderOptions {
            hostile: None,
            cooperative: Some(id("insult")),
            scale: 1.0,
            ..VaderOptions::default()
        };
        let e = vader("a\t1\n", &origin(), &opts, &cats(), &Filter::default()).unwrap_err();
        assert!(e.to_string().contains("insult is not cooperative"), "{e}");
        let opts = VaderOptions {
            hostile: Some(id("insult")),
            cooperative: None,
            scale: 0.0,
            ..VaderOptions::default()
        };
        let e = vader("a\t1\n", &origin(), &opts, &cats(), &Filter::default()).unwrap_err();
        assert!(
            e.to_string().contains("scale must be a positive number"),
            "{e}"
        );
    }

    #[test]
    fn terms_are_checked_as_a_lexicon_load_checks_them() {
        let with = vec![Lexicon::builtin(Lang::En, &cats()).expect("en")];
        let filter = Filter {
            with,
            skip_known: false,
            min_weight: 0.5,
        };
        let text = "\
:)\t2.0
Naïve\t-1.0
naive\t-1.5
not\t-1.2
very\t0.3
well-being\t1.6
bit\t-0.4
ab*\t-1.0
threaten\t-2.0
";
        let i = vader_with(text, &filter).expect("import");
        assert_eq!(
            terms(&i),
            [("naive", -1.0), ("well being", 1.6), ("threaten", -2.0)]
        );
        assert_eq!(
            i.entries[1].note,
            "written \"well-being\"; VADER mean 1.6 (test.txt:6)"
        );
        let r = reasons(&i);
        assert_eq!(r.len(), 6, "{r:?}");
        assert!(r[0].2.starts_with("cannot match: punctuation"), "{r:?}");
        assert_eq!(
            r[1],
            (
                3,
                "naive",
                "the same term as line 2 once folded (\"naive\")"
            )
        );
        assert_eq!(
            r[2],
            (
                4,
                "not",
                "a built-in en modifier (negator): a term cannot be both"
            )
        );
        // `very` is a booster; its weight (0.3) is also under --min-weight, which is told first.
        assert_eq!(r[3], (5, "very", "weight 0.3 is below --min-weight 0.5"));
        assert_eq!(r[4], (7, "bit", "weight -0.4 is below --min-weight 0.5"));
        assert!(r[5].2.contains("prefix of at least 3 letters"), "{r:?}");
        accounted(&i);

        // --skip-builtin: terms the built-in lexicon has are left to it.
        let filter = Filter {
            skip_known: true,
            ..filter
        };
        let i = vader_with(
            "threatens\t-2.0\nturncoat\t-3.0\nthreat*\t-2\nwhite house meeting\t1\n",
            &filter,
        )
        .expect("import");
        assert_eq!(terms(&i), [("turncoat", -3.0), ("threat*", -2.0)]);
        let r = reasons(&i);
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(
            r[0].2
                .starts_with("the built-in entry threaten* (en threat -"),
            "{r:?}"
        );
        assert!(
            r[1].2
                .starts_with("the built-in entry white house meeting (en dialogue"),
            "{r:?}"
        );
    }

    const DIC: &str = "\
%
1\thostility
2\twarmth
03\ttalk
4\tfiller
%
threat*\t1
menace\t1\t4
friend*\t2
thank you\t2\t3
negotiat*\t3\t2
kind\t(02 134)2/3\t4
and\t4
";

    fn map(spec: &str) -> LiwcMap {
        LiwcMap::parse(spec, &cats()).expect("map")
    }

    #[test]
    fn liwc_words_take_the_first_mapped_category() {
        let maps = [
            map("talk=dialogue:1.2"),
            map("WARMTH=partnership:1.5"),
            map("1=threat:-2.5"),
        ];
        let i = liwc(DIC, &origin(), &maps, &cats(), &Filter::default()).expect("import");
        assert_eq!(
            terms(&i),
            [
                ("threat*", -2.5),
                ("menace", -2.5),
                ("friend*", 1.5),
                ("thank you", 1.2),
                ("negotiat*", 1.2),
            ]
        );
        assert_eq!(i.entries[3].category, id("dialogue"));
        assert_eq!(i.entries[3].note, "LIWC talk (also warmth) (test.txt:10)");
        // "kind" has only a conditional code for a mapped category and "and" is filler.
        assert_eq!((i.unmapped, i.conditional_lines, i.read), (2, 1, 7));
        accounted(&i);
    }

    #[test]
    fn liwc_files_written_with_spaces_read_the_same() {
        let spaced = "%\n1 hostility\n2 warmth\n%\nthreat* 1\nthank you 2\n";
        let maps = [map("hostility=threat:-2"), map("warmth=gratitude:2")];
        let i = liwc(spaced, &origin(), &maps, &cats(), &Filter::default()).expect("import");
        assert_eq!(terms(&i), [("threat*", -2.0), ("thank you", 2.0)]);
    }

    #[test]
    fn liwc_format_errors_name_line_and_field() {
        let maps = [map("hostility=threat:-2")];
        let run = |text: &str| liwc(text, &origin(), &maps, &cats(), &Filter::default());
        let e = run("word\t1\n").unwrap_err();
        assert!(e.to_string().contains("starts with a `%` line"), "{e}");
        let e = run("").unwrap_err();
        assert!(e.to_string().contains("the file is empty"), "{e}");
        let e = run("%\n1\thostility\nthreat\t1\n").unwrap_err();
        assert_eq!(e.location().line, Some(3));
        let e = run("%\nx\thostility\n%\n").unwrap_err();
        assert_eq!((e.location().line, e.location().column), (Some(2), Some(1)));
        let e = run("%\n1\thostility\n01\tagain\n%\n").unwrap_err();
        assert!(
            e.to_string().contains("defined twice (first at line 2)"),
            "{e}"
        );
        let e = run("%\n1\thostility\n%\n").map(|i| i.read);
        assert_eq!(e, Ok(0));
        let e = run("%\n1\thostility\n").unwrap_err();
        assert!(e.to_string().contains("never end"), "{e}");
        let e = run("%\n1\thostility\n%\nthreat\t1\t7\n").unwrap_err();
        assert_eq!((e.location().line, e.location().column), (Some(4), Some(3)));
        assert!(e.to_string().contains("category 7"), "{e}");
        assert!(e.to_string().contains("LIWC file"), "{e}");
        let e = run("%\n1\thostility\n%\n\t1\n").unwrap_err();
        assert!(e.to_string().contains("found no word"), "{e}");
        // A map naming a category the file does not have lists the ones it has.
        let maps = [map("anger=insult:-2")];
        let e = liwc(DIC, &origin(), &maps, &cats(), &Filter::default()).unwrap_err();
        assert!(
            e.to_string()
                .contains("has no category \"anger\"; it has hostility, warmth, talk, filler"),
            "{e}"
        );
    }

    /// Any text: an import or an error, never a panic, and every word read accounted for.
    #[test]
    fn no_text_makes_an_import_panic() {
        let pieces = [
            "%",
            "\n",
            "\t",
            " ",
            "1",
            "02",
            "hostility",
            "warmth",
            "(02 134)1/2",
            "threat*",
            "ab*",
            "thank you",
            "-2.5",
            "x",
            "é",
            "ñ",
            ":)",
            "\r",
            "\u{feff}",
            "not",
            "-",
            "*",
        ];
        let maps = [map("hostility=threat:-2"), map("warmth=gratitude:1")];
        let filter = Filter {
            with: vec![Lexicon::builtin(Lang::En, &cats()).expect("en")],
            skip_known: true,
            min_weight: 0.5,
        };
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..600 {
            let mut text = String::from(if seed.is_multiple_of(2) {
                "%\n1\thostility\n2\twarmth\n%\n"
            } else {
                ""
            });
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed.wrapping_add(1);
            if let Ok(i) = liwc(&text, &origin(), &maps, &cats(), &filter) {
                accounted(&i);
            }
            if let Ok(i) = vader_with(&text, &filter) {
                accounted(&i);
            }
        }
    }

    #[test]
    fn maps_are_checked() {
        let c = cats();
        for (spec, want) in [
            ("anger", "write LIWC_CATEGORY=CATEGORY:WEIGHT"),
            ("anger=insult", "write LIWC_CATEGORY=CATEGORY:WEIGHT"),
            ("=insult:-2", "missing before `=`"),
            ("anger=rage:-2", "unknown category \"rage\""),
            ("anger=insult:x", "not a number"),
            ("anger=insult:2", "must be negative"),
            ("anger=insult:-5", "out of range"),
            ("anger=insult:0", "zero carries no tone"),
        ] {
            let e = LiwcMap::parse(spec, &c).unwrap_err().to_string();
            assert!(e.contains(want), "{spec}: {e}");
            assert!(e.starts_with("command line: --map"), "{e}");
        }
        assert_eq!(map(" anger = insult : -2 ").weight, -2.0);
    }

    #[test]
    fn the_tsv_loads_as_a_lexicon_and_lists_what_was_left_out() {
        let c = cats();
        let i = vader_with(
            "backstabber\t-3.1\n:(\t-1.9\nthankful\t2.25\n",
            &Filter::default(),
        )
        .expect("import");
        let mut out = Vec::new();
        write_tsv(&i, &c, &["made\tby a test".to_string()], &mut out).expect("write");
        let tsv = String::from_utf8(out).expect("utf-8");
        assert_eq!(
            tsv,
            "# made by a test\n\
             backstabber\t-3.1\taccusation\tVADER mean -3.1 (test.txt:1)\n\
             thankful\t2.25\tpraise\tVADER mean 2.25 (test.txt:3)\n\
             #\n\
             # Not imported (1): line, term as written, reason\n\
             # 2\t:(\tcannot match: punctuation never survives tokenization; use letters, digits and apostrophes\n"
        );
        let mut lex = Lexicon::builtin(Lang::En, &c).expect("en");
        lex.add_source(&tsv, &origin(), &c).expect("loads");
        let e = lex
            .entries()
            .iter()
            .find(|e| e.term == "backstabber")
            .expect("entry");
        assert_eq!((e.weight, e.category), (-3.1, id("accusation")));
        lex.compile().expect("compiles");
    }
}
