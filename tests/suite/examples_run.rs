use crate::util::{Workdir, founding_csv};
use detente::report::{ReportOptions, read_events, report_from_reader};
use detente::score::batch::Pool;
use detente::table::StreamOptions;
use detente::{Location, Scorer};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// `target/<profile>/examples/NAME`, built by `cargo test` alongside this test binary.
fn example(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>");
    profile_dir.join("examples").join(name)
}

fn run(name: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(example(name))
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run example {name}: {e}"));
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

#[test]
fn petro_trump_writes_the_report_and_shows_the_turn() {
    let wd = Workdir::new();
    let out_path = wd.path("founding.html");
    let out = run("petro_trump", &[&out_path.to_string_lossy()], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("report written to {}", out_path.display())),
        "{stdout}"
    );
    let html = std::fs::read_to_string(&out_path).expect("report file exists");
    assert!(html.contains("Phone call") && html.contains("<svg"));
    assert!(stdout.contains("Between Threats and Call"), "{stdout}");
    // By side: the tone between the two sides, both ways.
    for pair in ["United States → Colombia", "Colombia → United States"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with(&format!("{pair}: mean tone "))
                    && l.ends_with(" over 5 statements")),
            "{pair}: {stdout}"
        );
    }

    // The founding case, computed again through the library: Jan 4-5 below zero, Jan 7 above.
    let events = founding_csv().with_file_name("petro_trump_events.csv");
    let (_, phases) = read_events(
        std::fs::File::open(&events).expect("events"),
        &Location::default(),
    )
    .expect("events parse");
    let opts = ReportOptions {
        phases,
        ..ReportOptions::default()
    };
    let scorer = Scorer::new().expect("scorer");
    let report = report_from_reader(
        std::fs::File::open(founding_csv()).expect("data"),
        &scorer,
        &Pool::new(1).expect("pool"),
        &StreamOptions::default(),
        &opts,
        |_| Ok(()),
    )
    .expect("report");
    let mean = |name: &str| {
        report
            .phase_tones
            .iter()
            .find(|t| t.speaker.is_none() && report.phases[t.phase].name == name)
            .map(|t| t.tone.mean)
            .unwrap_or_else(|| panic!("phase {name}"))
    };
    assert!(mean("Threats") < 0.0, "Jan 4-5: {}", mean("Threats"));
    assert!(mean("Call") > 0.0, "Jan 7: {}", mean("Call"));
}

#[test]
fn custom_lexicon_shows_the_change() {
    let out = run("custom_lexicon", &[], None);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(!lines[0].contains("fentanyl flood"), "{text}");
    assert!(
        lines[1].contains("fentanyl flood (accusation) -2.50"),
        "{text}"
    );
    assert!(lines[2].contains("tariffs (coercion) -1.00"), "{text}");
}

#[test]
fn score_stream_turns_csv_into_json_lines() {
    let data = std::fs::read(founding_csv()).expect("data");
    let out = run("score_stream", &[], Some(&data));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[0]["id"], "pt-01");
    assert!(
        rows.iter()
            .all(|r| r["tone"].is_number() && r["hits"].is_array())
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("scored 10 of 10 rows"));
}

#[test]
fn front_end_bound_times_every_pass_and_checks_its_scans_agree() {
    let wd = Workdir::new();
    // Words at the edges of 64-byte blocks, accented letters, digits and punctuation, so that
    // the vector scan's masks are held to the byte scan (the example fails when their word
    // counts differ).
    let long = "a".repeat(63);
    let corpus = wd.write(
        "texts.csv",
        format!(
            "id,text\n1,\"We will strike, {long} now!\"\n2,Acción inmediata: ¡no aceptamos \
             amenazas! 3.5 millones\n3,\"Thank you, President Petro, for a great call\"\n"
        ),
    );
    let out = run("front_end_bound", &[&corpus.to_string_lossy(), "1"], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<&str> = stdout.lines().filter(|l| l.starts_with("| ")).collect();
    let passes: Vec<&str> = rows
        .iter()
        .skip(1)
        .filter_map(|l| l.split(" | ").next())
        .collect();
    assert_eq!(
        passes,
        [
            "| tokenize",
            "| byte scan",
            "| vector scan",
            "| scan + probe",
            "| score"
        ],
        "{stdout}"
    );
    // The same words both ways, and the scorer found hits in these statements.
    let count = |pass: &str| {
        rows.iter()
            .find(|l| l.starts_with(pass))
            .and_then(|l| l.rsplit(" | ").next())
            .and_then(|c| c.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("{pass}: {stdout}"))
    };
    assert_eq!(count("| byte scan"), count("| vector scan"));
    // 5 + 8 + 8: the scans split "3.5" in two and keep "¡no" whole (any non-ASCII byte is a
    // word byte to them); the tokenizer does neither.
    assert_eq!(count("| byte scan"), 21, "{stdout}");
    assert_eq!(count("| tokenize"), 20, "{stdout}");
    assert!(count("| score") >= 3, "{stdout}");

    let missing = run(
        "front_end_bound",
        &[&wd.path("nope.csv").to_string_lossy()],
        None,
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.csv"));
}
