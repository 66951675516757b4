//! Criterion benchmark of the per-statement scorer (`Scorer::score`: tokenize, guess the
//! language, match the lexicon, apply the rules, summarize) on typical statements, and on
//! long ones: a speech pasted as one field.
//!
//! Run: `cargo bench --bench scorer`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use detente::{Lang, LangMode, Scorer};
use std::hint::black_box;

#[path = "tokenizer.rs"]
#[allow(dead_code)]
mod tokenizer;

/// Repeated without punctuation into one long clause by the `score-long` group.
const LONG_CLAUSE: &str = "if they threaten us again we will strike and there is no greater \
    threat than their sanctions and we will not attack more than they do and we thank our \
    partners ";

fn score(c: &mut Criterion) {
    let auto = Scorer::new().expect("built-in lexicons");
    let fixed = Scorer::builder()
        .lang(LangMode::Fixed(Lang::En))
        .build()
        .expect("built-in lexicons");
    let mut group = c.benchmark_group("score");
    for &(name, text) in tokenizer::STATEMENTS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("auto/{name}"), |b| {
            b.iter(|| black_box(auto.score(black_box(text))).tone)
        });
    }
    let (_, en) = tokenizer::STATEMENTS[0];
    group.bench_function("fixed-en/en", |b| {
        b.iter(|| black_box(fixed.score(black_box(en))).tone)
    });
    group.finish();
    // One clause of 16, 64 and 256 KiB, dense in hits, conditionals, comparisons and
    // negations. Time linear in the length shows as the same throughput at every size (before
    // the twenty-fourth session it fell about 4x with each doubling: the rules read the whole
    // clause again for every hit).
    let mut long = c.benchmark_group("score-long");
    long.sample_size(10);
    for kib in [16usize, 64, 256] {
        let text = LONG_CLAUSE.repeat(kib * 1024 / LONG_CLAUSE.len() + 1);
        long.throughput(Throughput::Bytes(text.len() as u64));
        long.bench_function(format!("{kib}KiB"), |b| {
            b.iter(|| black_box(auto.score(black_box(&text))).tone)
        });
    }
    long.finish();
    c.bench_function("scorer/build", |b| {
        b.iter(|| Scorer::new().map(|s| s.checksum()).unwrap_or(0))
    });
}

criterion_group!(benches, score);
criterion_main!(benches);
