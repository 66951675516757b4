//! How fast could the scorer's front end be? Times, in one process on the text column of a
//! corpus held in memory, passes that every lexicon scorer must make at least once, next to
//! detente's own tokenizer and whole scorer:
//!
//! - `tokenize`: detente's [`Tokens::tokenize`] (words, folded forms, sentences, clauses, case);
//! - `byte scan`: the word boundaries only, a byte at a time (ASCII letters and digits, and
//!   any non-ASCII byte, make words);
//! - `vector scan`: the same boundaries from 16-byte vector compares and bit masks (SSE2 on
//!   x86_64; the byte scan elsewhere);
//! - `scan + probe`: the vector scan, an ASCII-lowercased copy of the text and one hash-map
//!   probe per word into every word of the built-in lexicons (`lexicons/*/*.tsv`);
//! - `score`: [`Scorer::score_reusing`] on every text (one thread).
//!
//! Each pass runs ROUNDS times (default 7); the lowest time is printed, with nanoseconds per
//! row and per word. No I/O is timed: the CSV side is `examples/csv_floor.rs`'s business.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 1000000 > big.csv
//! cargo run --release --example front_end_bound -- big.csv 7
//! ```
//!
//! Figures and what they say: docs/BENCHMARKS.md, "Where the time goes now".

use detente::text::Tokens;
use detente::{Score, Scorer};
use rustc_hash::FxHashMap;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("front_end_bound: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: front_end_bound CORPUS.csv [ROUNDS]")?;
    let rounds: usize = match args.next() {
        Some(r) => r
            .parse()
            .map_err(|_| format!("ROUNDS must be a number, not {r:?}"))?,
        None => 7,
    };
    let mut reader = csv::Reader::from_path(&path).map_err(|e| format!("{path}: {e}"))?;
    let column = reader
        .headers()
        .map_err(|e| format!("{path}: {e}"))?
        .iter()
        .position(|h| h == "text")
        .ok_or(format!("{path}: no column named text"))?;
    // One buffer for all texts, so that the passes read memory in order.
    let (mut all, mut ends) = (String::new(), Vec::new());
    for record in reader.records() {
        let record = record.map_err(|e| format!("{path}: {e}"))?;
        all.push_str(record.get(column).unwrap_or(""));
        ends.push(all.len());
    }
    let mut from = 0;
    let texts: Vec<&str> = ends
        .iter()
        .map(|&to| {
            let t = all.get(from..to).unwrap_or("");
            from = to;
            t
        })
        .collect();
    let vocab = lexicon_words()?;
    let scorer = Scorer::new().map_err(|e| e.to_string())?;
    eprintln!(
        "{} texts, {} bytes, {} lexicon words; {rounds} rounds, lowest time of each",
        texts.len(),
        all.len(),
        vocab.len()
    );

    let mut best = [f64::INFINITY; 5];
    let mut counts = [0usize; 5];
    let (mut tokens, mut bounds, mut lower) = (Tokens::new(), Vec::new(), String::new());
    let mut score = Score::default();
    for _ in 0..rounds {
        let mut pass = |k: usize, f: &mut dyn FnMut() -> usize| {
            let t = Instant::now();
            counts[k] = f();
            best[k] = best[k].min(t.elapsed().as_secs_f64());
        };
        pass(0, &mut || {
            texts
                .iter()
                .map(|t| {
                    tokens.tokenize(t);
                    tokens.tokens().len()
                })
                .sum()
        });
        pass(1, &mut || {
            texts
                .iter()
                .map(|t| {
                    byte_scan(t.as_bytes(), &mut bounds);
                    bounds.len()
                })
                .sum()
        });
        pass(2, &mut || {
            texts
                .iter()
                .map(|t| {
                    vector_scan(t.as_bytes(), &mut bounds);
                    bounds.len()
                })
                .sum()
        });
        pass(3, &mut || {
            let mut found = 0;
            for t in &texts {
                vector_scan(t.as_bytes(), &mut bounds);
                lower.clear();
                lower.push_str(t);
                lower.make_ascii_lowercase();
                let bytes = lower.as_bytes();
                for &(a, b) in &bounds {
                    let word = bytes.get(a as usize..b as usize).unwrap_or(&[]);
                    found += usize::from(vocab.contains_key(word));
                }
            }
            found
        });
        pass(4, &mut || {
            texts
                .iter()
                .map(|t| {
                    scorer.score_reusing(t, &mut score);
                    score.hits.len()
                })
                .sum()
        });
    }
    if counts[1] != counts[2] {
        return Err(format!(
            "the byte scan found {} words and the vector scan {}",
            counts[1], counts[2]
        ));
    }
    let rows = texts.len().max(1) as f64;
    let words = counts[1].max(1) as f64;
    let names = [
        ("tokenize", "tokens"),
        ("byte scan", "words"),
        ("vector scan", "words"),
        ("scan + probe", "lexicon words found"),
        ("score", "hits"),
    ];
    println!("| pass | lowest (s) | ns per row | ns per word | count |");
    println!("|---|---:|---:|---:|---:|");
    for ((name, what), (t, n)) in names.iter().zip(best.iter().zip(counts)) {
        println!(
            "| {name} | {t:.3} | {:.0} | {:.1} | {n} {what} |",
            t * 1e9 / rows,
            t * 1e9 / words
        );
    }
    Ok(())
}

/// Every word of every term of the built-in lexicons (tone entries, modifiers, context words),
/// a wildcard's prefix without its `*`.
fn lexicon_words() -> Result<FxHashMap<Vec<u8>, ()>, String> {
    let mut words = FxHashMap::default();
    for lang in ["en", "es"] {
        for file in ["tone", "modifiers", "context"] {
            let path = format!("{}/lexicons/{lang}/{file}.tsv", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            for line in text
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
            {
                let term = line.split('\t').next().unwrap_or("");
                for w in term.split(' ') {
                    words.insert(w.trim_end_matches('*').as_bytes().to_vec(), ());
                }
            }
        }
    }
    Ok(words)
}

/// A word byte: an ASCII letter or digit, or any byte of a non-ASCII character.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// The words of `bytes` (runs of [`is_word_byte`]) as byte ranges, a byte at a time.
fn byte_scan(bytes: &[u8], out: &mut Vec<(u32, u32)>) {
    out.clear();
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i).copied().is_some_and(is_word_byte) {
            let start = i;
            while bytes.get(i).copied().is_some_and(is_word_byte) {
                i += 1;
            }
            out.push((start as u32, i as u32));
        } else {
            i += 1;
        }
    }
}

/// [`byte_scan`] from a bit mask of the word bytes, 64 bytes at a time.
fn vector_scan(bytes: &[u8], out: &mut Vec<(u32, u32)>) {
    out.clear();
    let mut open: Option<usize> = None;
    for (block, chunk) in bytes.chunks(64).enumerate() {
        let base = 64 * block;
        let mut padded = [0u8; 64];
        if let Some(dst) = padded.get_mut(..chunk.len()) {
            dst.copy_from_slice(chunk);
        }
        let mask = word_mask(&padded);
        let mut at = 0u32;
        while at < 64 {
            let rest = mask >> at;
            match open {
                None => {
                    let skip = rest.trailing_zeros();
                    if at + skip >= 64 {
                        break;
                    }
                    at += skip;
                    open = Some(base + at as usize);
                }
                Some(start) => {
                    let run = rest.trailing_ones();
                    if at + run >= 64 {
                        break;
                    }
                    at += run;
                    out.push((start as u32, (base + at as usize) as u32));
                    open = None;
                }
            }
        }
    }
    if let Some(start) = open {
        out.push((start as u32, bytes.len() as u32));
    }
}

/// One bit per byte of `block`: set for a word byte ([`is_word_byte`]).
fn word_mask(block: &[u8; 64]) -> u64 {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    {
        // SAFETY: SSE2 is part of this build's target (the cfg above); every x86_64 has it.
        unsafe { word_mask_sse2(block) }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    {
        block
            .iter()
            .enumerate()
            .fold(0, |m, (k, &b)| m | (u64::from(is_word_byte(b)) << k))
    }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn word_mask_sse2(block: &[u8; 64]) -> u64 {
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_cmpgt_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set_epi64x, _mm_set1_epi8, _mm_setzero_si128,
    };
    // Bytes from 0x80 compare as negative: they fall in no range and are caught by the sign.
    let in_range = |v: __m128i, first: u8, last: u8| {
        _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(first as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(last as i8 + 1)),
        )
    };
    let mut mask = 0u64;
    for (k, part) in block.chunks_exact(16).enumerate() {
        let half = |from: usize| {
            part.get(from..from + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
                .map_or(0, i64::from_le_bytes)
        };
        let v = _mm_set_epi64x(half(8), half(0));
        let letter = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), b'a', b'z');
        let digit = in_range(v, b'0', b'9');
        let high = _mm_cmplt_epi8(v, _mm_setzero_si128());
        let word = _mm_or_si128(_mm_or_si128(letter, digit), high);
        mask |= u64::from(_mm_movemask_epi8(word) as u16) << (16 * k);
    }
    mask
}
