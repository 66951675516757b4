//! The benchmark corpus generator (examples/gen_corpus.rs): deterministic for a seed, the
//! documented columns, and input `detente score` accepts.

use crate::util::{Workdir, parse_csv, stdout};
use std::path::PathBuf;
use std::process::Command;

/// The gen_corpus binary, which `cargo test` builds with the examples, next to the test binary.
fn gen_corpus() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    let path = profile_dir
        .join("examples")
        .join(format!("gen_corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run the whole `cargo test` (it builds the examples) or `cargo build --examples`",
        path.display()
    );
    path
}

fn generate(rows: &str, seed: &str) -> Vec<u8> {
    generate_with(&[rows, "--seed", seed])
}

fn generate_with(args: &[&str]) -> Vec<u8> {
    let out = Command::new(gen_corpus())
        .args(args)
        .output()
        .expect("run gen_corpus");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn same_seed_same_corpus_with_the_documented_columns() {
    let a = generate("200", "7");
    let b = generate("200", "7");
    assert_eq!(a, b, "same seed, same bytes");
    assert_ne!(a, generate("200", "8"), "another seed, another corpus");

    let text = String::from_utf8(a).expect("UTF-8");
    let (headers, rows) = parse_csv(&text);
    assert_eq!(
        headers,
        ["id", "date", "speaker", "target", "text", "source"]
    );
    assert_eq!(rows.len(), 200);
    assert!(rows.iter().all(|r| r.len() == 6 && !r[4].is_empty()));
    assert!(
        rows.iter()
            .all(|r| r[1].starts_with("2025-") && r[1].len() == 10)
    );
    // Both languages show up.
    assert!(rows.iter().any(|r| r[4].contains("the")));
    assert!(
        rows.iter()
            .any(|r| r[4].contains(" la ") || r[4].contains(" el "))
    );

    let w = Workdir::new();
    w.write("corpus.csv", &text);
    let out = w.run(&["score", "corpus.csv", "-q"], None);
    assert!(out.status.success());
    let (scored_headers, scored) = parse_csv(&stdout(&out));
    assert_eq!(scored.len(), 200);
    assert_eq!(scored_headers.last().map(String::as_str), Some("hits"));
    let labels: std::collections::BTreeSet<&str> = scored.iter().map(|r| r[7].as_str()).collect();
    assert!(
        labels.contains("hostile") && labels.contains("cooperative"),
        "{labels:?}"
    );
}

/// `--speakers N` numbers the speakers in turn and leaves every other column as it was: the
/// many-speakers corpus of benches/compare.sh.
#[test]
fn numbered_speakers_change_only_the_speaker_column() {
    let plain = String::from_utf8(generate("300", "7")).expect("UTF-8");
    let numbered = String::from_utf8(generate_with(&["300", "--seed", "7", "--speakers", "120"]))
        .expect("UTF-8");
    let ((h1, a), (h2, b)) = (parse_csv(&plain), parse_csv(&numbered));
    assert_eq!(h1, h2);
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(&b).enumerate() {
        assert_eq!(y[2], format!("Speaker {}", k % 120 + 1));
        assert_eq!((&x[..2], &x[3..]), (&y[..2], &y[3..]), "row {k}");
    }
    let distinct: std::collections::BTreeSet<&str> = b.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(distinct.len(), 120);
    for bad in ["0", "x"] {
        let out = Command::new(gen_corpus())
            .args(["10", "--speakers", bad])
            .output()
            .expect("run gen_corpus");
        assert!(!out.status.success(), "--speakers {bad}");
    }
}
