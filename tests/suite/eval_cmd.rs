//! `detente eval` run as a user would: the bundled gold standard, a hand-made gold file with
//! numbers computed by hand, and the errors for bad labels, missing columns and empty splits.

use crate::util::{Workdir, stderr, stdout};
use std::path::Path;

fn gold_csv() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/gold/gold.csv")
        .to_string_lossy()
        .into_owned()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
    serde_json::from_slice(&out.stdout).expect("eval prints JSON")
}

fn num(v: &serde_json::Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number in {v}"))
}

/// Checks one metrics object: every number defined and in its range, counts consistent.
fn check_metrics(m: &serde_json::Value, rows: u64) {
    assert_eq!(m["rows"].as_u64(), Some(rows), "{m}");
    for key in ["spearman", "pearson"] {
        let r = num(m, key);
        assert!((-1.0..=1.0).contains(&r), "{key} {r}");
    }
    let mae = num(m, "mae");
    assert!((0.0..=2.0).contains(&mae), "mae {mae}");
    let acc = num(m, "accuracy");
    assert!((0.0..=1.0).contains(&acc), "accuracy {acc}");
    let counts: Vec<u64> = m["confusion"]["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .flat_map(|row| row.as_array().expect("row").iter())
        .map(|c| c.as_u64().expect("count"))
        .collect();
    assert_eq!(counts.len(), 9);
    assert_eq!(counts.iter().sum::<u64>(), rows);
    let diagonal = counts[0] + counts[4] + counts[8];
    assert!((acc - diagonal as f64 / rows as f64).abs() < 1e-6);
    // The 95% intervals hold their point estimate and stay in range.
    for (key, ci) in [("spearman", "spearman_ci"), ("accuracy", "accuracy_ci")] {
        let point = num(m, key);
        let lo = m[ci][0].as_f64().expect("interval low");
        let hi = m[ci][1].as_f64().expect("interval high");
        assert!(
            -1.0 <= lo && lo <= point && point <= hi && hi <= 1.0 && lo < hi,
            "{ci} {lo}..{hi} around {point}"
        );
    }
    let cats = m["categories"].as_array().expect("categories");
    assert_eq!(cats.len(), 15);
    let names: Vec<&str> = cats.iter().filter_map(|c| c["category"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted, "categories sorted by name");
    for c in cats {
        let (hits, right) = (
            c["hits"].as_u64().expect("hits"),
            c["right"].as_u64().expect("right"),
        );
        assert!(right <= hits, "{c}");
        match c["precision"].as_f64() {
            Some(p) => assert!((p - right as f64 / hits as f64).abs() < 1e-6, "{c}"),
            None => assert_eq!(hits, 0, "{c}"),
        }
    }
}

#[test]
fn gold_test_split_json_is_in_range() {
    let wd = Workdir::new();
    let v = json(&wd.run(&["eval", &gold_csv(), "--format", "json"], None));
    assert_eq!(v["split"], "test");
    check_metrics(&v["overall"], 200);
    check_metrics(&v["by_lang"]["en"], 120);
    check_metrics(&v["by_lang"]["es"], 80);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn gold_splits_and_worst_rows() {
    let wd = Workdir::new();
    let dev = json(&wd.run(
        &["eval", &gold_csv(), "--split", "dev", "--format", "json"],
        None,
    ));
    check_metrics(&dev["overall"], 240);
    let all = json(&wd.run(
        &[
            "eval",
            &gold_csv(),
            "--split",
            "all",
            "--errors",
            "5",
            "--format",
            "json",
        ],
        None,
    ));
    check_metrics(&all["overall"], 440);
    let errors: Vec<f64> = all["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .map(|e| num(e, "error"))
        .collect();
    assert_eq!(errors.len(), 5);
    assert!(errors.windows(2).all(|w| w[0] >= w[1]), "{errors:?}");
}

/// Nonsense words that no built-in entry matches, given weights by a user lexicon: each
/// statement's tone is known exactly.
const LEXICON: &str = "zorblaxx\t-3\tthreat\nquimbleth\t3\tpraise\n";
const FIXTURE: &str = "id,lang,split,label,text
a,en,test,-2,zorblaxx
b,en,test,2,quimbleth
c,en,test,0,vrrmpf
d,en,test,1,zorblaxx
e,es,test,-1,vrrmpf
f,en,dev,2,zorblaxx
";

#[test]
fn hand_made_gold_gives_exact_numbers() {
    let wd = Workdir::new();
    wd.write("mine.tsv", LEXICON);
    wd.write("gold.csv", FIXTURE);
    let v = json(&wd.run(
        &[
            "eval",
            "gold.csv",
            "--lang",
            "en",
            "--lexicon",
            "mine.tsv",
            "--errors",
            "2",
            "--format",
            "json",
        ],
        None,
    ));
    // Rows a..e (f is dev). detente: a hostile, b cooperative, c neutral, d hostile (human:
    // cooperative), e neutral (human: hostile). 3 of 5 right.
    let m = &v["overall"];
    assert_eq!(m["rows"].as_u64(), Some(5));
    assert!((num(m, "accuracy") - 0.6).abs() < 1e-9, "{m}");
    // Five classes: a hostile (threat, a strong kind) and c neutral are right; b is
    // conciliatory (praise is a mild kind) against a human 2, d hostile against 1, e neutral
    // against -1.
    assert!((num(m, "label_accuracy") - 0.4).abs() < 1e-9, "{m}");
    assert_eq!(
        m["confusion"]["counts"],
        serde_json::json!([[1, 1, 0], [0, 1, 0], [1, 0, 1]])
    );
    // One weight-3 entry: 3 / sqrt(9 + 15) = 0.612, placed in its band. A threat is a strong
    // kind: 0.15..1 spread over 0.5..1. Praise is mild: above the knee at 0.45, compressed
    // into 0.45..0.5.
    let x = 3.0 / 24f64.sqrt();
    let strong = 0.5 + (x - 0.15) * 0.5 / 0.85;
    let mild = 0.45 + (x - 0.45) * 0.05 / 0.55;
    let mae = ((1.0 - strong) + (1.0 - mild) + 0.0 + (strong + 0.5) + 0.5) / 5.0;
    assert!((num(m, "mae") - mae).abs() < 1e-5, "{m}");
    let cat = |name: &str| {
        m["categories"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["category"] == name))
            .cloned()
            .expect("category listed")
    };
    assert_eq!(
        (
            cat("threat")["hits"].as_u64(),
            cat("threat")["right"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(cat("praise")["precision"].as_f64(), Some(1.0));
    assert_eq!(cat("insult")["precision"], serde_json::Value::Null);
    // Grouped by the lang column; e is Spanish by the file, scored as English.
    assert_eq!(v["by_lang"]["en"]["rows"].as_u64(), Some(4));
    assert_eq!(v["by_lang"]["es"]["rows"].as_u64(), Some(1));
    assert_eq!(v["by_lang"]["es"]["lang_mismatches"].as_u64(), Some(1));
    assert!((num(&v["by_lang"]["en"], "accuracy") - 0.75).abs() < 1e-9);
    // Errors: a 1 - 0.772 = 0.228, b 1 - 0.465 = 0.535, c 0, d 0.772 + 0.5 = 1.272, e 0.5:
    // the worst two are d, b.
    let ids: Vec<&str> = v["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e["id"].as_str())
        .collect();
    assert_eq!(ids, ["d", "b"]);
    assert_eq!(v["errors"][0]["hits"][0]["term"], "zorblaxx");

    let all = json(&wd.run(
        &[
            "eval",
            "gold.csv",
            "--lang",
            "en",
            "--lexicon",
            "mine.tsv",
            "--split",
            "all",
            "--format",
            "json",
        ],
        None,
    ));
    assert_eq!(all["overall"]["rows"].as_u64(), Some(6));
    assert!((num(&all["overall"], "accuracy") - 0.5).abs() < 1e-9);
}

#[test]
fn text_output_has_tables_and_worst_rows() {
    let wd = Workdir::new();
    wd.write("mine.tsv", LEXICON);
    wd.write("gold.csv", FIXTURE);
    let out = wd.run(
        &[
            "eval",
            "gold.csv",
            "--lang",
            "en",
            "--lexicon",
            "mine.tsv",
            "--errors",
            "1",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("split test, 5 rows (en 4, es 1)"), "{text}");
    assert!(text.contains("overall      5"), "{text}");
    assert!(text.contains("  labels\n"), "{text}");
    assert!(text.contains("   0.400\n"), "{text}");
    assert!(text.contains("confusion"), "{text}");
    assert!(text.contains("threat        hostile"), "{text}");
    assert!(text.contains("d  label  1  tone -0.772"), "{text}");
    assert!(text.contains("hits: zorblaxx:threat:-3.00"), "{text}");
}

#[test]
fn bad_label_names_file_line_row_and_column() {
    let wd = Workdir::new();
    wd.write(
        "gold.csv",
        "id,label,text\na,1,fine\nb,\"multi\nline\",x\nc,+3,too high\n",
    );
    let out = wd.run(&["eval", "gold.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("gold.csv:3 (row 2, column 2 (label)): \"multi\\nline\" is not a label"),
        "{err}"
    );
    assert!(err.contains("an integer from -2"), "{err}");
    assert!(stdout(&out).is_empty());

    wd.write("gold2.csv", "id,label,text\na,1,fine\nb,2.0,x\n");
    let out = wd.run(&["eval", "gold2.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("gold2.csv:3 (row 2, column 2 (label)): \"2.0\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn missing_label_column_lists_the_columns() {
    let wd = Workdir::new();
    wd.write("gold.csv", "id,tone_human,text\na,1,fine\n");
    let out = wd.run(&["eval", "gold.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no column named \"label\""), "{err}");
    assert!(err.contains("\"id\", \"tone_human\", \"text\""), "{err}");
    assert!(err.contains("--label-col"), "{err}");
    let ok = wd.run(&["eval", "gold.csv", "--label-col", "tone_human"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
}

#[test]
fn empty_split_lists_the_splits() {
    let wd = Workdir::new();
    wd.write("gold.csv", "split,label,text\ntrain,1,fine\n");
    let out = wd.run(&["eval", "gold.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no rows in the split \"test\""), "{err}");
    assert!(err.contains("\"train\""), "{err}");
}

#[test]
fn any_split_name_selects_its_rows() {
    let wd = Workdir::new();
    wd.write(
        "gold.csv",
        "split,label,text\ntrain,2,Thank you for the agreement\nholdout,-2,We will attack you\nHoldout,0,The meeting is on Monday\n",
    );
    let out = wd.run(
        &["eval", "gold.csv", "--split", "holdout", "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["split"], "holdout");
    assert_eq!(v["overall"]["rows"], 2, "{v}");
    let all = wd.run(
        &["eval", "gold.csv", "--split", "ALL", "--format", "json"],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&all)).expect("json");
    assert_eq!(v["overall"]["rows"], 3, "{v}");
}

/// Every bundled gold file is read whole by `eval` (no row refused), with its labels balanced
/// per language as tests/data/gold/README.md says: the same number of rows of each label.
#[test]
fn every_bundled_gold_file_reads_whole_and_balanced() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("gold folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 9, "{files:?}");
    let wd = Workdir::new();
    for path in files {
        let out = wd.run(
            &[
                "eval",
                &path.to_string_lossy(),
                "--split",
                "all",
                "--format",
                "json",
            ],
            None,
        );
        assert!(out.status.success(), "{}: {}", path.display(), stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
        let rows = v["overall"]["rows"].as_u64().expect("rows");
        let mut reader = csv::Reader::from_path(&path).expect("csv");
        let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(
            rows as usize,
            records.len(),
            "{}: every row evaluated",
            path.display()
        );
        for lang in ["en", "es"] {
            let mut per_label = [0usize; 5];
            for r in records.iter().filter(|r| &r[1] == lang) {
                let label: i64 = r[3].parse().expect("label");
                per_label[(label + 2) as usize] += 1;
            }
            assert!(
                per_label.iter().all(|&n| n == per_label[0]),
                "{} {lang}: labels not balanced: {per_label:?}",
                path.display()
            );
        }
    }
}
