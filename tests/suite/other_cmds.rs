use crate::util::{Workdir, stderr, stdout};

#[test]
fn explain_lists_hits_rules_and_formula() {
    let wd = Workdir::new();
    let out = wd.run(
        &[
            "explain",
            "We will take up arms if they keep threatening us!",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("language   en (guessed)"), "{text}");
    assert!(text.contains("conditional"), "{text}");
    assert!(text.contains("sum of weights"), "{text}");
    assert!(text.contains("hostile") || text.contains("tense"), "{text}");
}

#[test]
fn explain_spanish_json() {
    let wd = Workdir::new();
    let out = wd.run(
        &[
            "explain",
            "--lang",
            "es",
            "--format",
            "json",
            "Nadie quiere tocar las armas, pero defenderemos la patria.",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["lang"], "es");
    let roles: Vec<&str> = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .filter_map(|u| u["role"].as_str())
        .collect();
    assert!(roles.contains(&"negator"), "{roles:?}");
    assert!(roles.contains(&"contrast"), "{roles:?}");
}

#[test]
fn lexicon_check_reports_file_and_line() {
    let wd = Workdir::new();
    wd.write("good.tsv", "fentanyl\t-3\taccusation\n");
    wd.write(
        "dup.tsv",
        "fentanyl\t-3\taccusation\nFentanyl\t-2\taccusation\n",
    );
    wd.write("cat.tsv", "fentanyl\t-3\tnarco\n");
    let ok = wd.run(&["lexicon", "check", "good.tsv"], None);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let bad = wd.run(&["lexicon", "check", "dup.tsv", "cat.tsv"], None);
    assert_eq!(bad.status.code(), Some(1));
    let text = stdout(&bad);
    assert!(
        text.contains("dup.tsv:2: duplicate term \"fentanyl\" (first defined on line 1)"),
        "{text}"
    );
    assert!(
        text.contains("cat.tsv:1: unknown category \"narco\""),
        "{text}"
    );
    assert!(
        text.contains("2 errors"),
        "every error is reported, not only the first: {text}"
    );
    wd.write(
        "side.tsv",
        "threaten*\t2\tdeescalation\nthreat\t-1\tthreat\nthreat*\t1\tdialogue\n",
    );
    let warn = wd.run(&["lexicon", "check", "side.tsv"], None);
    let text = stdout(&warn);
    assert_eq!(warn.status.code(), Some(0), "warnings do not fail: {text}");
    assert!(text.contains("replaces the built-in en entry"), "{text}");
    assert!(
        text.contains("is also matched by \"threat*\" (dialogue) on the other side"),
        "{text}"
    );
}

#[test]
fn lexicon_coverage_lists_uncovered_words() {
    let wd = Workdir::new();
    wd.write("c.csv", "text\nThe zorblax treaty angered the zorblax people\n\"Zorblax again, and they attack\"\nthe of and\n");
    let out = wd.run(&["lexicon", "coverage", "c.csv", "--top", "3"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let first = text.lines().nth(2).unwrap_or("");
    assert!(
        first.starts_with("zorblax") && first.contains(" 3 ") && first.trim_end().ends_with('2'),
        "{text}"
    );
    assert!(
        !text.contains("attack"),
        "covered words are not listed: {text}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with("the ")),
        "function words are left out: {text}"
    );
    assert!(!text.contains("every word"), "{text}");
    // Nothing uncovered: said, not silence.
    wd.write("all.csv", "text\nWe will attack\nThank you\n");
    let out = wd.run(&["lexicon", "coverage", "all.csv"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("every word of the 2 rows of all.csv is covered"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn lexicon_stats_counts_every_category() {
    let wd = Workdir::new();
    let out = wd.run(&["lexicon", "stats"], None);
    assert!(out.status.success());
    let text = stdout(&out);
    for cat in [
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
        let line = text
            .lines()
            .find(|l| l.starts_with(cat))
            .unwrap_or_else(|| panic!("{cat} missing:\n{text}"));
        let counts: Vec<usize> = line
            .split_whitespace()
            .skip(2)
            .map(|n| n.parse().expect("count"))
            .collect();
        assert!(counts.iter().all(|&c| c >= 20), "{cat} is thin: {line}");
    }
}

/// Regression: a tone word read as part of a proper name ("La Paz") was dropped from the hits
/// but not from the units, so `explain` paired every later unit with the wrong hit, hid the
/// name, and `--format json` panicked on the missing hit.
#[test]
fn explain_shows_proper_names_and_keeps_units_and_hits_in_step() {
    let wd = Workdir::new();
    let text = "Desde La Paz agradecemos el acuerdo.";
    let out = wd.run(&["explain", "--format", "json", text], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let units = v["units"].as_array().expect("units");
    let role_of = |word: &str| {
        units
            .iter()
            .find(|u| u["text"].as_str().is_some_and(|t| t.contains(word)))
            .map(|u| u["role"].as_str().unwrap_or("").to_string())
    };
    assert_eq!(role_of("Paz").as_deref(), Some("name"), "{v}");
    // Every entry unit carries the hit whose span it covers.
    for u in units.iter().filter(|u| u["role"] == "entry") {
        let term = u["hit"]["term"].as_str().expect("term");
        let written = u["text"].as_str().expect("text").to_lowercase();
        let stem = term.trim_end_matches('*').split(' ').next().unwrap_or("");
        assert!(
            written.starts_with(stem),
            "unit {written:?} paired with {term:?}"
        );
    }
    assert_eq!(v["hostility"], serde_json::json!(0.0), "no -0.0: {v}");
    assert!(!stdout(&out).contains("-0.0"), "{}", stdout(&out));

    let plain = wd.run(&["explain", text], None);
    let shown = stdout(&plain);
    assert!(
        shown.contains("Paz") && shown.contains("proper name"),
        "{shown}"
    );
}
