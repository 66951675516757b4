use crate::util::{Workdir, col, fixture, parse_csv, stderr, stdout};

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
    // "we", "will", "if", "they", "us".
    assert!(
        text.contains("language   en (guessed: function-word votes en 5, es 0)"),
        "{text}"
    );
    assert!(text.contains("conditional"), "{text}");
    assert!(text.contains("sum of weights"), "{text}");
    assert!(text.contains("hostile") || text.contains("tense"), "{text}");
    // The evidence of a tie: lexicon words decide, then the default; in JSON too.
    let explain = |args: &[&str]| {
        let out = wd.run(args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert!(explain(&["explain", "Amenazas ilegales"]).contains(
        "language   es (guessed: function-word votes en 0, es 0; a tie, so lexicon words en 0, es 2)"
    ));
    assert!(
        explain(&["explain", "Colombia"])
            .contains("lexicon words en 0, es 0; a tie again, so the default")
    );
    let json: serde_json::Value = serde_json::from_str(&explain(&[
        "explain",
        "--format",
        "json",
        "Amenazas ilegales",
    ]))
    .expect("json");
    assert_eq!(json["lang_guess"]["votes"]["es"], 0);
    assert_eq!(json["lang_guess"]["lexicon_words"]["es"], 2);
    let given = explain(&["explain", "--lang", "es", "Amenazas ilegales"]);
    assert!(given.contains("language   es (given)"), "{given}");
    // The band line says which kinds put the tone where it is.
    let band = |text: &str| {
        explain(&["explain", text])
            .lines()
            .find(|l| l.starts_with("band "))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        band("We will take up arms if they keep threatening us!"),
        "band outer (hostile): a strong kind on its side (threat) -> tone -0.875",
    );
    assert_eq!(
        band(
            "We are deeply concerned by the arrests and urge the government to release them without delay."
        ),
        "band inner (tense): no hit of a strong kind (threat, force, insult) of weight 1 or more on its side -> tone -0.490 (compressed above 0.45)",
    );
    assert_eq!(
        band("Desde hoy cerramos la frontera."),
        "band outer (hostile): a strong kind on its side (coercion as its own act) -> tone -0.731",
    );
    assert_eq!(
        band("Great talk"),
        "band neutral: nearer zero than 0.15, the tone is the sum's"
    );
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
    let roles = unit_roles(&v);
    // "Nadie" reaches past the 3-unit window: a clause negator (dev8 tuning).
    assert!(roles.contains(&"clause-negator"), "{roles:?}");
    assert!(roles.contains(&"contrast"), "{roles:?}");
}

/// The `role` of every unit of an `explain --format json` answer.
fn unit_roles(v: &serde_json::Value) -> Vec<&str> {
    v["units"]
        .as_array()
        .expect("units")
        .iter()
        .filter_map(|u| u["role"].as_str())
        .collect()
}

/// A post-reverser is named as such, in text and JSON, and its entry is marked negated.
#[test]
fn explain_names_a_post_reverser() {
    let wd = Workdir::new();
    let text = "The sanctions on our banks will be lifted.";
    let out = wd.run(&["explain", "--lang", "en", text], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout);
    let line = |w: &str| {
        shown
            .lines()
            .find(|l| l.starts_with(w))
            .unwrap_or("")
            .to_string()
    };
    assert!(line("be lifted").ends_with("post-reverser"), "{shown}");
    assert!(line("sanctions").contains("negated"), "{shown}");
    let out = wd.run(&["explain", "--lang", "en", "--format", "json", text], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let roles = unit_roles(&v);
    assert!(roles.contains(&"post-reverser"), "{roles:?}");
}

#[test]
fn explain_json_keeps_its_bytes() {
    // tests/fixtures/explain.json was written by the build before explain streamed its
    // JSON (serde_json's map, keys in alphabetical order): the streamed output is the same.
    // Rewritten in the thirty-second session for the bands (keys `band`, `normalized`, `raw`;
    // the tone placed in its band).
    let wd = Workdir::new();
    let out = wd.run(
        &[
            "explain",
            "--format",
            "json",
            "They will very likely attack, but we thank you",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let want = std::fs::read(fixture("explain.json")).expect("the fixture");
    assert!(
        out.stdout == want,
        "explain JSON changed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
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
    // Context words are covered: the rules look for them ("said" relays, "terrorists" is a
    // shared target); other words are not.
    wd.write(
        "ctx.csv",
        "text\nThe minister said zorblax\nThe minister said the terrorists zorblax\n",
    );
    let out = wd.run(&["lexicon", "coverage", "ctx.csv", "--top", "10"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = stdout(&out);
    let words: Vec<&str> = listed
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        words.contains(&"minister") && words.contains(&"zorblax"),
        "{words:?}"
    );
    assert!(
        !words.contains(&"said") && !words.contains(&"terrorists"),
        "{words:?}"
    );
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

fn import_fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn lexicon_import_vader_writes_a_lexicon_that_scores() {
    let wd = Workdir::new();
    let src = import_fixture("vader_format.txt");
    let import = |extra: &[&str]| {
        let mut args = vec!["lexicon", "import", "vader", src.as_str()];
        args.extend_from_slice(extra);
        wd.run(&args, None)
    };
    let out = import(&[
        "--hostile",
        "accusation",
        "--cooperative",
        "praise",
        "-o",
        "mine.tsv",
    ]);
    // Entries were left out (listed in the file), so exit 1.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("read 11 entries") && err.contains("7 imported, 4 not imported"),
        "{err}"
    );
    let tsv = wd.read("mine.tsv");
    let data: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        data,
        [
            "threaten\t-2.8\taccusation\tVADER mean -2.8 (vader_format.txt:1)",
            "grateful\t2.6\tpraise\tVADER mean 2.6 (vader_format.txt:2)",
            "naive\t-0.4\taccusation\tVADER mean -0.4 (vader_format.txt:4)",
            "cooperate\t1.9\tpraise\tVADER mean 1.9 (vader_format.txt:7)",
            "hi five\t1.5\tpraise\twritten \"hi-five\"; VADER mean 1.5 (vader_format.txt:8)",
            "turncoat\t-3.1\taccusation\tVADER mean -3.1 (vader_format.txt:10)",
            "warmonger\t-3.3\taccusation\tVADER mean -3.3 (vader_format.txt:12)",
        ]
    );
    for (line, term) in [(3, ":)"), (5, "naive"), (6, "not"), (9, "meh")] {
        assert!(
            tsv.lines()
                .any(|l| l.starts_with(&format!("# {line}\t{term}\t"))),
            "line {line} not listed:\n{tsv}"
        );
    }
    let check = wd.run(&["lexicon", "check", "mine.tsv"], None);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(stdout(&check).contains("0 errors"), "{}", stdout(&check));

    // The built-in lexicon does not know "turncoat"; with the file it is an accusation.
    let csv = b"text\nHe is a turncoat.\n";
    let before = wd.run(&["score", "-", "-q"], Some(csv));
    assert!(
        !stdout(&before).contains("turncoat:"),
        "{}",
        stdout(&before)
    );
    let after = wd.run(&["score", "-", "-q", "--lexicon", "mine.tsv"], Some(csv));
    assert!(after.status.success(), "{}", stderr(&after));
    let (h, rows) = crate::util::parse_csv(&stdout(&after));
    assert_eq!(
        crate::util::col(&h, &rows[0], "hits"),
        "turncoat:accusation:-3.10"
    );
    // An accusation is a mild kind: tense, not hostile, without a threat, force or insult
    // (lexicons/README.md, "Bands").
    assert_eq!(crate::util::col(&h, &rows[0], "label"), "tense");

    // With a strong category for the entries rated 2.5 or more, "turncoat" (-3.1) is an
    // insult, a strong kind, and the statement reads hostile; "naive" (-0.4) stays an
    // accusation.
    let out = import(&[
        "--hostile",
        "accusation",
        "--hostile-strong",
        "insult",
        "-o",
        "strong.tsv",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let tsv = wd.read("strong.tsv");
    for want in [
        "turncoat\t-3.1\tinsult\tVADER mean -3.1 (vader_format.txt:10); strong from 2.5",
        "naive\t-0.4\taccusation\tVADER mean -0.4 (vader_format.txt:4)",
    ] {
        assert!(tsv.lines().any(|l| l == want), "{want:?} not in:\n{tsv}");
    }
    let after = wd.run(&["score", "-", "-q", "--lexicon", "strong.tsv"], Some(csv));
    let (h, rows) = crate::util::parse_csv(&stdout(&after));
    assert_eq!(crate::util::col(&h, &rows[0], "label"), "hostile");
}

#[test]
fn lexicon_import_liwc_maps_categories() {
    let wd = Workdir::new();
    let src = import_fixture("liwc_format.dic");
    let out = wd.run(
        &[
            "lexicon",
            "import",
            "liwc",
            &src,
            "--map",
            "hostility=threat:-2.5",
            "--map",
            "3=dialogue:1",
            "--map",
            "warmth=partnership:1.5",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let tsv = stdout(&out);
    let data: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        data,
        [
            "threat*\t-2.5\tthreat\tLIWC hostility (liwc_format.dic:7)",
            "menace\t-2.5\tthreat\tLIWC hostility (liwc_format.dic:8)",
            "friend*\t1.5\tpartnership\tLIWC warmth (liwc_format.dic:9)",
            "thank you\t1\tdialogue\tLIWC talk (also warmth) (liwc_format.dic:10)",
            "negotiat*\t1\tdialogue\tLIWC talk (also warmth) (liwc_format.dic:11)",
            "cease fire\t1.5\tpartnership\twritten \"cease-fire\"; LIWC warmth (liwc_format.dic:16)",
        ]
    );
    assert!(
        tsv.contains("# 12\tab*\tcannot match: a wildcard needs a prefix"),
        "{tsv}"
    );
    assert!(
        tsv.contains("# 15\tbut\ta built-in en modifier (contrast)"),
        "{tsv}"
    );
    let err = stderr(&out);
    assert!(err.contains("2 not asked for"), "{err}");
    assert!(
        err.contains("1 line had LIWC2007 conditional codes"),
        "{err}"
    );

    // Everything imported: exit 0.
    let dic = wd.write("small.dic", "%\n1\tanger\n%\nmenace\t1\n");
    let out = wd.run(
        &[
            "lexicon",
            "import",
            "liwc",
            &dic.to_string_lossy(),
            "--map",
            "anger=insult:-2",
            "-q",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("menace\t-2\tinsult\t"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn lexicon_import_refuses_bad_files_and_settings_and_writes_nothing() {
    let wd = Workdir::new();
    let vader = import_fixture("vader_format.txt");
    let bad = wd.write("bad.txt", "ok\t1.5\nbroken\tx\n");
    let bad = bad.to_string_lossy();
    let latin1 = wd.write("latin1.txt", b"ok\t1.5\ncaf\xe9\t1.0\n");
    let latin1 = latin1.to_string_lossy();
    let dic = import_fixture("liwc_format.dic");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["vader", &bad, "--hostile", "insult"],
            "bad.txt:2 (column 2): the mean rating must be a number, found \"x\"",
        ),
        (
            vec!["vader", &latin1, "--hostile", "insult"],
            "latin1.txt:2: invalid UTF-8 at byte 10",
        ),
        (
            vec!["vader", &vader],
            "say which categories the entries get",
        ),
        (
            vec!["vader", &vader, "--hostile", "rage"],
            "unknown category \"rage\"",
        ),
        (
            vec!["vader", &vader, "--hostile", "praise"],
            "category praise is not hostile",
        ),
        (
            vec!["vader", &vader, "--hostile-strong", "coercion"],
            "--hostile-strong coercion: the category must be a strong hostile one (threat, force, insult)",
        ),
        (
            vec![
                "vader",
                &vader,
                "--cooperative-strong",
                "gratitude",
                "--strong-at",
                "0",
            ],
            "--strong-at must be a positive number",
        ),
        (
            vec![
                "vader",
                &vader,
                "--hostile",
                "insult",
                "--map",
                "a=insult:-1",
            ],
            "--map is for LIWC dictionaries",
        ),
        (
            vec!["vader", &vader, "--hostile", "insult", "--lang", "fr"],
            "fr",
        ),
        (
            vec!["vader", &vader, "--hostile", "insult", "--min-weight=-1"],
            "--min-weight must be 0 or more",
        ),
        (vec!["liwc", &dic], "say what the LIWC categories become"),
        (
            vec!["liwc", &dic, "--map", "anger=insult:-2"],
            "has no category \"anger\"; it has hostility, warmth, talk, filler",
        ),
        (
            vec!["liwc", &vader, "--map", "anger=insult:-2"],
            "a LIWC dictionary starts with a `%` line",
        ),
        (
            vec!["liwc", &dic, "--hostile", "insult"],
            "--hostile, --cooperative, --hostile-strong and --cooperative-strong are for VADER files",
        ),
    ];
    // The Latin-1 file reads with its encoding named.
    let out = wd.run(
        &[
            "lexicon",
            "import",
            "vader",
            &latin1,
            "--hostile",
            "insult",
            "--cooperative",
            "praise",
            "--encoding",
            "latin1",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\ncafe\t1\tpraise\t"),
        "{}",
        stdout(&out)
    );

    for (args, want) in cases {
        let mut all = vec!["lexicon", "import"];
        all.extend(args.iter().copied());
        all.extend(["-o", "out.tsv"]);
        let out = wd.run(&all, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!wd.path("out.tsv").exists(), "{args:?} wrote a file");
    }
}

#[test]
fn completions_complete_subcommands_and_options() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = wd.run(&["completions", shell], None);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = String::from_utf8(out.stdout).expect("utf-8");
        for word in ["detente", "score", "report", "explain", "escape-formulas"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    // The bash script parses, and completes as a user types.
    wd.write(
        "detente.bash",
        wd.run(&["completions", "bash"], None).stdout,
    );
    let complete = |words: &str| {
        let script = format!(
            "source detente.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _detente detente \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             echo \"${{COMPREPLY[@]}}\""
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(script)
            .current_dir(wd.path(""))
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(complete("detente rep"), "report");
    assert_eq!(complete("detente score --esc"), "--escape-formulas");
    assert_eq!(complete("detente lexicon im"), "import");
    let bad = wd.run(&["completions", "tcsh"], None);
    assert_eq!(bad.status.code(), Some(2));
}

/// Regression: explain showed the rule a statement-level rule applied ("relayed",
/// "shared-target") on the hit, but not the word that made it apply: a relay marker, a shared
/// target, the first-person and future words of a direct threat were shown as plain words.
#[test]
fn explain_names_the_context_words_behind_the_rules() {
    let wd = Workdir::new();
    let explain = |args: &[&str]| {
        let out = wd.run(args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let text = explain(&["explain", "The minister said they will attack us."]);
    let line = |word: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(word))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    assert_eq!(line("said"), "context relay");
    assert_eq!(line("will"), "context future");
    assert_eq!(line("minister"), ".");
    assert!(line("attack").ends_with("relayed"), "{text}");
    // A phrase marker marks each of its words; an entry that is also a context word says so
    // after its line; Spanish words in a Spanish statement.
    let json: serde_json::Value = serde_json::from_str(&explain(&[
        "explain",
        "--format",
        "json",
        "Según el canciller, haremos frente al crimen organizado y a los narcos",
    ]))
    .expect("json");
    let context = |word: &str| -> Vec<String> {
        json["units"]
            .as_array()
            .expect("units")
            .iter()
            .find(|u| u["text"].as_str().is_some_and(|t| t.ends_with(word)))
            .and_then(|u| u["context"].as_array())
            .map(|c| {
                c.iter()
                    .filter_map(|r| r.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(context("Según"), ["relay"]);
    assert_eq!(context("haremos"), ["first-person-future"]);
    assert_eq!(context("crimen"), ["shared-target"]);
    assert_eq!(context("organizado"), ["shared-target"]);
    assert_eq!(context("narcos"), ["shared-target"]);
    assert_eq!(context("canciller"), Vec::<String>::new());
    let shared = explain(&[
        "explain",
        "Side by side with Morocco we will hit the smuggling networks",
    ]);
    assert!(
        shared.lines().any(|l| l.starts_with("smuggling")
            && l.ends_with("shared-target  [context: shared-target]")),
        "{shared}"
    );
    assert!(
        shared
            .lines()
            .any(|l| l.starts_with("we ") && l.ends_with("context     first-person, consequence")),
        "{shared}"
    );
    // Explain names the context words inside an entry ("hasta" a subordinator; "que", the
    // particle of a comparison, is not named without a comparative before it), and the entry a
    // subordinator opens is not negated ("denied"/"negated" absent) but says that the
    // negator before it was stopped.
    let until = explain(&[
        "explain",
        "Hemos cortado el gas y no lo reanudaremos hasta que se arrodillen.",
    ]);
    assert!(
        until
            .lines()
            .any(|l| l.starts_with("hasta que se arrodillen")
                && l.ends_with("-3.00  negation-stopped  [context: subordinator]")),
        "{until}"
    );
}

/// Every command that writes a report to standard output ends quietly (exit 0, nothing on
/// stderr) when the reader has gone (`detente lexicon stats | head -1`): `print!` would panic.
/// The pipe's read end is closed before the command starts, so its first write fails.
#[test]
fn every_command_ends_quietly_on_a_closed_pipe() {
    let wd = Workdir::new();
    let founding = crate::util::founding_csv();
    let founding = founding.to_string_lossy();
    let gold = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/gold/dev6.csv");
    let commands: [&[&str]; 8] = [
        &["lexicon", "stats"],
        &["lexicon", "check"],
        &["lexicon", "coverage", &founding],
        &["explain", "We will strike"],
        &["completions", "bash"],
        &["report", &founding, "--format", "text"],
        &["eval", gold, "--split", "dev6"],
        &["score", &founding],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = wd
            .command()
            .args(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

/// A paraphrase whose relayed sentence names the row's speaker is the speaker's own act, as a
/// first-person word makes it: `score` and `report` read the speaker column, `explain` takes
/// `--speaker`. Another speaker's row, a row without a speaker column and a speaker named by
/// an office ("US government") leave the sentence relayed.
#[test]
fn a_paraphrase_naming_its_speaker_is_not_relayed() {
    let wd = Workdir::new();
    let text = "Petro acusó a Washington de injerencia.";
    wd.write(
        "p.csv",
        format!(
            "id,date,speaker,text\n1,2026-01-05,Petro,{text}\n2,2026-01-05,Trump,{text}\n\
             3,2026-01-05,Gustavo Petro,{text}\n4,2026-01-05,US government,{text}\n"
        ),
    );
    let out = wd.run(&["score", "p.csv"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let (h, rows) = parse_csv(&stdout(&out));
    let labels: Vec<&str> = rows.iter().map(|r| col(&h, r, "label")).collect();
    assert_eq!(labels, ["tense", "neutral", "tense", "neutral"]);
    assert_eq!(
        col(&h, &rows[0], "hits"),
        "acuso:accusation:-2.00;injerenci*:defiance:-2.50"
    );
    assert_eq!(
        col(&h, &rows[1], "hits"),
        "acuso:accusation:-0.20;injerenci*:defiance:-0.25"
    );
    // Without a speaker column the sentence is relayed, as before.
    wd.write("q.csv", format!("id,text\n1,{text}\n"));
    let out = wd.run(&["score", "q.csv"], None);
    let (h, rows) = parse_csv(&stdout(&out));
    assert_eq!(col(&h, &rows[0], "label"), "neutral");
    // The report scores raw quotes the same way: Petro's mean is his row's tone.
    let out = wd.run(
        &["report", "p.csv", "--format", "json", "-o", "p.json"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&wd.read("p.json")).expect("report JSON");
    let mean = |name: &str| {
        json["speakers"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["name"] == name))
            .and_then(|s| s["mean"].as_f64())
            .unwrap_or(f64::NAN)
    };
    assert!(
        (mean("Petro") - (-0.4780)).abs() < 1e-3,
        "{}",
        mean("Petro")
    );
    assert!(
        (mean("Trump") - (-0.1154)).abs() < 1e-3,
        "{}",
        mean("Trump")
    );
    // explain --speaker.
    let label_of = |args: &[&str]| {
        let out = wd.run(args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
            .lines()
            .find(|l| l.starts_with("tone"))
            .and_then(|l| l.split_whitespace().nth(2).map(str::to_owned))
            .unwrap_or_default()
    };
    assert_eq!(label_of(&["explain", "--speaker", "Petro", text]), "tense");
    assert_eq!(label_of(&["explain", text]), "neutral");
    // explain says why the hits kept their weight; score's JSON Lines too.
    let out = wd.run(&["explain", "--speaker", "Gustavo Petro", text], None);
    let entry_lines: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.contains(" entry ") && !l.starts_with("words "))
        .map(str::to_owned)
        .collect();
    assert_eq!(entry_lines.len(), 2, "{entry_lines:?}");
    assert!(
        entry_lines.iter().all(|l| l.contains("speaker-named")),
        "{entry_lines:?}"
    );
    let out = wd.run(&["score", "p.csv", "--format", "jsonl"], None);
    let first = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert!(first.contains(r#""rules":["speaker-named"]"#), "{first}");
}
