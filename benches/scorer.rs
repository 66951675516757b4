//! Criterion benchmark of the per-statement scorer (`Scorer::score`: tokenize, guess the
//! language, match the lexicon, apply the rules, summarize) on typical statements.
//!
//! Run: `cargo bench --bench scorer`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use detente::{Lang, LangMode, Scorer};
use std::hint::black_box;

#[path = "tokenizer.rs"]
#[allow(dead_code)]
mod tokenizer;

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
    c.bench_function("scorer/build", |b| {
        b.iter(|| Scorer::new().map(|s| s.checksum()).unwrap_or(0))
    });
}

criterion_group!(benches, score);
criterion_main!(benches);
