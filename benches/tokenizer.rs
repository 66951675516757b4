//! Criterion benchmark of the tokenizer (`detente::text::Tokens::tokenize`) on typical
//! statements: English, Spanish with accents and inverted marks, and a shouted one.
//!
//! Run: `cargo bench --bench tokenizer`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use detente::text::Tokens;
use std::hint::black_box;

/// (name, statement): written for this benchmark, about the size of a corpus row's text.
pub const STATEMENTS: &[(&str, &str)] = &[
    (
        "en",
        "If they keep threatening us, we will take up arms. However, we are truly committed \
         to peace and we look forward to meeting the leaders of Valdoria.",
    ),
    (
        "es",
        "¿Por qué nos amenazan? No aceptamos las amenazas ilegales de Costa Verde, pero \
         estamos muy comprometidos con la paz y la cooperación.",
    ),
    (
        "caps",
        "WE WILL NOT TOLERATE THIS AGGRESSION!!! They must pay a HEAVY price, as we said \
         last week.",
    ),
];

fn tokenize(c: &mut Criterion) {
    let mut group = c.benchmark_group("tokenize");
    for &(name, text) in STATEMENTS {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            let mut tokens = Tokens::new();
            b.iter(|| {
                tokens.tokenize(black_box(text));
                black_box(tokens.tokens().len())
            });
        });
    }
    group.finish();
}

criterion_group!(benches, tokenize);
criterion_main!(benches);
