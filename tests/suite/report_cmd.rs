use crate::util::{Workdir, fixture, stderr, stdout};

/// Report flags that make the output independent of the built-in lexicons.
fn fixed_lexicon() -> Vec<String> {
    vec![
        "--no-builtin".into(),
        "--lexicon".into(),
        fixture("rules.tsv"),
        "--lang".into(),
        "en".into(),
    ]
}

fn run_report(wd: &Workdir, extra: &[&str]) -> std::process::Output {
    let input = fixture("report_small.csv");
    let events = fixture("report_events.csv");
    let mut args: Vec<String> = vec![
        "report".into(),
        input,
        "--events".into(),
        events,
        "--title".into(),
        "Small <case>".into(),
    ];
    args.extend(fixed_lexicon());
    args.extend(extra.iter().map(|s| s.to_string()));
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    wd.run(&refs, None)
}

/// The lines of a Markdown report without the paragraph under its title that states a
/// selection or aliases (and the blank line after it), and without the method lines starting
/// with one of `method`: what a report on a filtered or rewritten file must match.
fn without_scope(report: &str, method: &[&str]) -> Vec<String> {
    let scope = report.lines().find(|l| {
        l.starts_with("Only statements by ")
            || (l.contains(" names counted as others: ") && !l.starts_with("- "))
    });
    let report = match scope {
        Some(scope) => report.replacen(&format!("{scope}\n\n"), "", 1),
        None => report.to_string(),
    };
    report
        .lines()
        .filter(|l| !method.iter().any(|m| l.starts_with(m)))
        .map(str::to_string)
        .collect()
}

/// `detente report` on the founding case with its events and phases, and `extra`; its stdout.
fn founding_report(wd: &Workdir, extra: &[&str]) -> Vec<u8> {
    let founding = crate::util::founding_csv();
    let events = founding.with_file_name("petro_trump_events.csv");
    let (founding, events) = (founding.to_string_lossy(), events.to_string_lossy());
    let mut args = vec!["report", &founding, "--events", &events, "-q"];
    args.extend_from_slice(extra);
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    out.stdout
}

#[test]
fn markdown_matches_the_golden_file() {
    let wd = Workdir::new();
    let out = run_report(
        &wd,
        &["--format", "md", "-o", "report.md", "--threads", "1"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let got = wd.read("report.md");
    let golden_path = fixture("report_small.golden.md");
    if std::env::var_os("DETENTE_BLESS").is_some() {
        std::fs::write(&golden_path, &got).expect("bless");
    }
    let want = std::fs::read_to_string(&golden_path)
        .expect("golden file (run with DETENTE_BLESS=1 to create)");
    assert_eq!(
        got, want,
        "Markdown differs from tests/fixtures/report_small.golden.md"
    );
    for svg in [
        "report-timeline.svg",
        "report-phases.svg",
        "report-dyads.svg",
        "report-categories.svg",
    ] {
        let text = wd.read(svg);
        assert!(
            text.starts_with("<svg") && text.ends_with("</svg>"),
            "{svg}"
        );
        assert!(got.contains(&format!("]({svg})")), "{svg} is linked");
    }
}

#[test]
fn html_has_charts_events_and_escapes_user_text() {
    let wd = Workdir::new();
    let out = run_report(&wd, &["-o", "report.html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = wd.read("report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.matches("<svg").count() >= 4,
        "timeline, phases, dyads, categories"
    );
    for title in [
        "Tone over time",
        "Mean tone per phase",
        "Tone from each speaker toward each target",
        "Kinds of language",
    ] {
        assert!(html.contains(title), "{title}");
    }
    assert!(html.contains("<desc"), "charts have text alternatives");
    assert!(
        !html.contains("<script"),
        "no script, not even from a quote"
    );
    assert!(
        html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "the quote is escaped"
    );
    assert!(
        html.contains("Ultimatum &lt;b&gt;issued&lt;/b&gt;"),
        "event labels are escaped"
    );
    assert!(html.contains("Small &lt;case&gt;"), "the title is escaped");
    assert!(
        !html.contains("http://")
            || html.matches("http://").count()
                == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        "no network references"
    );
    assert!(
        html.contains("Between Standoff and Talks, mean tone of all speakers moved from"),
        "headline"
    );
    assert!(
        html.contains("<mark class=\"h\""),
        "hostile words highlighted"
    );
    assert!(
        html.contains("11 read, 11 used, 0 rejected; 1 without a date"),
        "accounting"
    );
}

#[test]
fn scored_input_is_not_rescored() {
    let wd = Workdir::new();
    let mut args = vec![
        "score".to_string(),
        fixture("report_small.csv"),
        "-o".into(),
        "scores.csv".into(),
    ];
    args.extend(fixed_lexicon());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(wd.run(&refs, None).status.success());
    let from_raw = run_report(&wd, &["--format", "text"]);
    // A different lexicon would change every score if the report rescored.
    let from_scores = wd.run(
        &[
            "report",
            "scores.csv",
            "--events",
            &fixture("report_events.csv"),
            "--title",
            "Small <case>",
            "--format",
            "text",
            "--lexicon",
            &fixture("rules.tsv"),
            "--lang",
            "es",
        ],
        None,
    );
    assert!(from_scores.status.success(), "{}", stderr(&from_scores));
    let strip = |s: String| s.lines().skip(2).collect::<Vec<_>>().join("\n");
    assert_eq!(
        strip(stdout(&from_raw)),
        strip(stdout(&from_scores)).replace("scores.csv", "report_small.csv")
    );
    let md = wd.run(&["report", "scores.csv", "--format", "md"], None);
    assert!(
        stdout(&md).contains("read from the input's score columns"),
        "{}",
        stdout(&md)
    );
}

#[test]
fn without_phases_a_turning_point_is_detected() {
    let wd = Workdir::new();
    let mut csv = String::from("id,date,speaker,text\n");
    for d in 1..=18 {
        let text = if d <= 10 {
            "They will attack and face sanctions"
        } else {
            "Good talks, thank you"
        };
        for k in 0..3 {
            csv.push_str(&format!("{d}-{k},2026-03-{d:02},A,\"{text}\"\n"));
        }
    }
    wd.write("turn.csv", csv);
    let mut args: Vec<String> = vec![
        "report".into(),
        "turn.csv".into(),
        "--format".into(),
        "text".into(),
    ];
    args.extend(fixed_lexicon());
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = wd.run(&refs, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Between Before (detected) and After (detected)"),
        "{text}"
    );
    assert!(text.contains("DETECTED"), "{text}");
    let html_args: Vec<&str> = refs
        .iter()
        .map(|a| if *a == "text" { "html" } else { a })
        .collect();
    let html = wd.run(&html_args, None);
    assert!(html.status.success(), "{}", stderr(&html));
    let html = stdout(&html);
    assert!(
        html.contains("2026-03-11 – 2026-03-18"),
        "the split falls on the first cooperative day"
    );
    assert!(html.contains("class=\"detected\""));
    // Ten hostile days then eight cooperative ones: no shuffle of the days splits as well.
    assert!(
        html.contains("in 0.1% of 999 shuffles: a clear turning point"),
        "{html}"
    );
    // Regression: on days whose tone does not move (hostile and cooperative days alternating)
    // the best split was presented as a turning point like any other; shuffles now say it is
    // not a clear one.
    let mut csv = String::from("id,date,speaker,text\n");
    for d in 1..=18 {
        let text = if d % 2 == 0 {
            "They will attack and face sanctions"
        } else {
            "Good talks, thank you"
        };
        csv.push_str(&format!("{d},2026-03-{d:02},A,\"{text}\"\n"));
    }
    wd.write("turn.csv", csv);
    let out = wd.run(&refs, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("so it is not a clear turning point") && text.contains("may be noise"),
        "{text}"
    );
    assert!(!text.contains("drifted"), "{text}");
    // Regression: a tone that moves steadily (two days on each of eight rising levels) was
    // called a clear turning point at its middle; a line through the days explains it better
    // than any split, and the report says it drifted.
    // Raw sums under the fixture lexicon: -5.5, -3, -2, -1, 0, 1, 2, 4.
    let levels = [
        "Attack and sanctions",
        "Attack",
        "Arms",
        "Defenders",
        "A quiet day",
        "Talks",
        "Thank you",
        "Thank you, good talks",
    ];
    let mut csv = String::from("id,date,speaker,text\n");
    for d in 1..=16 {
        csv.push_str(&format!(
            "{d},2026-03-{d:02},A,\"{}\"\n",
            levels[(d - 1) / 2]
        ));
    }
    wd.write("turn.csv", csv);
    let out = wd.run(&refs, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("in 0.1% of 999 shuffles; but a steady trend over the whole period explains")
            && text.contains("at least as much: the tone drifted rather than turned"),
        "{text}"
    );
    // The step above: the line explains less than the split.
    assert!(
        html.contains("(a steady trend over the whole period: ") && !html.contains("drifted"),
        "{html}"
    );
}

#[test]
fn bad_dates_are_located_or_set_aside() {
    let wd = Workdir::new();
    wd.write(
        "q.csv",
        "id,date,text\n1,2026-01-04,They will attack\n2,04/01/2026,Thank you\n",
    );
    let out = wd.run(&["report", "q.csv", "-o", "r.html"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("q.csv:3 (row 2, column 2 (date))"), "{err}");
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    assert!(!wd.path("r.html").exists());
    let out = wd.run(
        &[
            "report",
            "q.csv",
            "-o",
            "r.html",
            "--skip-bad-rows",
            "--rejects",
            "rej.csv",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("read 2 rows: 1 scored, 1 rejected"),
        "{}",
        stderr(&out)
    );
    assert!(wd.read("r.html").contains("2 read, 1 used, 1 rejected"));
    assert!(wd.read("rej.csv").contains("04/01/2026"));
}

#[test]
fn bad_phase_and_event_arguments_are_explained() {
    let wd = Workdir::new();
    wd.write("q.csv", "text\nhello\n");
    let out = wd.run(
        &[
            "report",
            "q.csv",
            "--phase",
            "Threats=2026-01-05..2026-01-04",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ends before it starts"),
        "{}",
        stderr(&out)
    );
    let out = wd.run(&["report", "q.csv", "--event", "Jan 4=warning"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    wd.write(
        "ev.csv",
        "kind,date,end,label\nevent,2026-01-04,,ok\nperiod,2026-01-05,,bad\n",
    );
    let out = wd.run(&["report", "q.csv", "--events", "ev.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("ev.csv:3 (row 2, column 1 (kind))"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn events_file_without_kind_and_settings_errors_without_row_advice() {
    let wd = Workdir::new();
    wd.write(
        "q.csv",
        "date,speaker,text\n2026-01-04,A,We will attack you\n2026-01-08,A,Thank you friend\n",
    );
    // date,label only: events; a row with an end date: a phase.
    wd.write(
        "ev.csv",
        "date,end,label\n2026-01-04,,Warning\n2026-01-07,2026-01-09,Talks\n",
    );
    let out = wd.run(
        &[
            "report", "q.csv", "--events", "ev.csv", "--format", "md", "-o", "-",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    assert!(md.contains("Warning") && md.contains("Talks"), "{md}");
    // A file without a label column says what an events file needs.
    wd.write("bad.csv", "date,what\n2026-01-04,x\n");
    let out = wd.run(&["report", "q.csv", "--events", "bad.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("needs the columns date and label"), "{err}");
    assert!(!err.contains("-col NAME"), "{err}");
    // Settings errors do not suggest skipping rows.
    for args in [
        &["report", "q.csv", "--phase", "X=2026-01-05..2026-01-04"][..],
        &["report", "q.csv", "--event", "Jan 4=warning"][..],
    ] {
        let out = wd.run(args, None);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.starts_with("detente: command line:"), "{err}");
        assert!(!err.contains("--skip-bad-rows"), "{err}");
    }
}

#[test]
fn terminal_summary_has_table_and_sparkline() {
    let wd = Workdir::new();
    let out = run_report(&wd, &["--format", "text"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Standoff") && text.contains("Talks"),
        "{text}"
    );
    assert!(
        text.chars().any(|c| ('▁'..='█').contains(&c)),
        "sparkline: {text}"
    );
    assert!(text.contains("most hostile:"), "{text}");
}

/// The Markdown report of `file` in the work dir, with `extra` arguments; the run must succeed.
fn markdown_of(wd: &Workdir, file: &str, extra: &[&str]) -> String {
    let mut args = vec!["report", file, "--format", "md", "-o", "-"];
    args.extend_from_slice(extra);
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn report_is_identical_with_one_or_two_threads() {
    let wd = Workdir::new();
    let a = run_report(&wd, &["--format", "html", "--threads", "1", "--batch", "3"]);
    let b = run_report(&wd, &["--format", "html", "--threads", "2"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
}

/// Regression: with thousands of speakers the report listed each one (a headline, a table row,
/// a timeline line each) and took minutes. `--top-speakers N` keeps the N most prolific
/// speakers and pairs; the others count in "All speakers", and the report says how many.
#[test]
fn many_speakers_are_capped_and_counted() {
    let wd = Workdir::new();
    let mut csv = String::from("date,speaker,target,text\n");
    for i in 0..60 {
        // Speaker S0 has the most statements, then S1, ...
        // Each speaker's statements fall on both days, so that its cells are several.
        for j in 0..(60 - i) / 10 + 1 {
            let (day, text) = if (i + j) % 2 == 0 {
                ("2026-01-04", "We will attack you")
            } else {
                ("2026-01-09", "Thank you for the agreement")
            };
            csv.push_str(&format!("{day},S{i},T{},{text}\n", i % 7));
        }
    }
    wd.write("many.csv", &csv);
    let total = csv.lines().count() - 1;
    let markdown = |top: &str| markdown_of(&wd, "many.csv", &["--top-speakers", top]);
    let md = markdown("3");
    let speaker_rows = md.lines().filter(|l| l.starts_with("| S")).count();
    assert!(md.contains("| S0 |") && md.contains("| S1 |"), "{md}");
    assert!(!md.contains("| S59 |"), "{md}");
    let shown: usize = (0..3).map(|i| (60 - i) / 10 + 1).sum();
    assert!(
        md.contains(&format!(
            "57 more speakers ({} statements) are counted in All speakers only",
            total - shown
        )),
        "{md}"
    );
    assert!(md.contains("more speaker-target pairs not shown"), "{md}");
    // A row per shown speaker or pair in five tables at most (speakers, tone per phase,
    // shifts, pairs, pairs' shifts between the detected phases).
    assert!(speaker_rows <= 3 * 5, "{speaker_rows} rows: {md}");
    // 0 shows every speaker.
    let all = markdown("0");
    assert!(
        all.contains("| S59 |") && !all.contains("more speakers"),
        "{all}"
    );
    // A speaker shown either way has the same rows (counts, tones, intervals, pairs): the
    // cap chooses whom to show, it does not change their numbers.
    let rows_of = |md: &str| -> Vec<String> {
        md.lines()
            .filter(|l| l.starts_with("| S0 |") || l.contains("| S0 | T0 |"))
            .map(str::to_string)
            .collect()
    };
    let (capped, every) = (rows_of(&md), rows_of(&all));
    assert!(capped.len() >= 2, "{md}");
    // S0's seven statements alternate between the days, hostile first: 4 hostile and 3
    // cooperative over its two cells.
    assert!(
        capped
            .iter()
            .any(|r| r.starts_with("| S0 | 7 |") && r.ends_with("| 4 | 0 | 0 | 0 | 3 |")),
        "{md}"
    );
    for row in &capped {
        assert!(every.contains(row), "{row} not in the full report:\n{all}");
    }
}

/// Groups on both sides of the bootstrap's size limit (2,000 statements): a speaker with 2,400
/// statements after a phase of 300, another under the limit in both phases, and everyone over
/// it in both. The shift of the
/// small phase against the large one is still a bootstrap, two large phases use the normal
/// interval, and the report is the same with one thread or two.
#[test]
fn intervals_across_the_bootstrap_limit_are_labelled_and_thread_independent() {
    let wd = Workdir::new();
    let mut csv = String::from("date,speaker,target,text\n");
    let texts = [
        "We will attack you",
        "We reject these illegal threats",
        "Thank you for the agreement",
        "We look forward to meeting",
        "The meeting is on Tuesday",
    ];
    // A: 300 early, 2,400 late; B: 1,900 early, 1,500 late; everyone: 2,200 and 3,900.
    let mut i = 0usize;
    for (speaker, early, n) in [
        ("A", true, 300),
        ("B", true, 1_900),
        ("A", false, 2_400),
        ("B", false, 1_500),
    ] {
        for _ in 0..n {
            let day = if early { 4 + i % 3 } else { 10 + i % 20 };
            let text = texts[(i * 7 + usize::from(early) * 3) % texts.len()];
            csv.push_str(&format!("2026-01-{day:02},{speaker},T,{text}\n"));
            i += 1;
        }
    }
    wd.write("big.csv", &csv);
    let report = |threads: &str| {
        markdown_of(
            &wd,
            "big.csv",
            &[
                "--threads",
                threads,
                "--phase",
                "Early=2026-01-04..2026-01-06",
                "--phase",
                "Late=2026-01-10..2026-01-29",
            ],
        )
    };
    let md = report("1");
    assert_eq!(md, report("2"), "one thread and two give the same report");
    let line = |who: &str| {
        md.lines()
            .find(|l| l.contains(&format!("mean tone of {who} moved")))
            .unwrap_or_else(|| panic!("no headline for {who}: {md}"))
            .to_string()
    };
    let a = line("A");
    let b = line("B");
    let all = line("all speakers");
    let sizes = |l: &str| {
        let tail = l.rsplit("n = ").next().unwrap_or("");
        let nums: Vec<u64> = tail
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|s| s.parse().ok())
            .collect();
        (nums[0], nums[1])
    };
    let (a0, a1) = sizes(&a);
    assert!(a0 <= 2_000 && a1 > 2_000, "{a}");
    assert!(a.contains("95% CI") && !a.contains("normal approx."), "{a}");
    let (b0, b1) = sizes(&b);
    assert!(b0 <= 2_000 && b1 <= 2_000, "{b}");
    assert!(!b.contains("normal approx."), "{b}");
    let (n0, n1) = sizes(&all);
    assert!(n0 > 2_000 && n1 > 2_000, "{all}");
    assert!(all.contains("normal approx."), "{all}");
}

/// The founding case with its dates rewritten by `f` (the `date` column, second field).
fn founding_dates_as(f: impl Fn(&str) -> String) -> Vec<u8> {
    let text = std::fs::read_to_string(crate::util::founding_csv()).expect("founding csv");
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let (id, rest) = line.split_once(',').expect("id");
        let (date, rest) = rest.split_once(',').expect("date");
        let date = if i == 0 { date.to_string() } else { f(date) };
        out.push_str(&format!("{id},{date},{rest}\n"));
    }
    out.into_bytes()
}

#[test]
fn date_formats_give_the_report_of_iso_dates() {
    let wd = Workdir::new();
    let ymd = |d: &str| -> (u32, u32, u32) {
        let p: Vec<u32> = d.split('-').map(|x| x.parse().expect("iso")).collect();
        (p[0], p[1], p[2])
    };
    const MONTHS: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let report = |input: &[u8], format: &str| {
        let out = wd.run(
            &["report", "-", "--format", "md", "--date-format", format],
            Some(input),
        );
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        stdout(&out)
    };
    let iso = report(&founding_dates_as(|d| d.to_string()), "iso");
    assert!(!iso.contains("**Dates**"), "the default is not stated");
    assert!(iso.contains("2026-01-07"), "{iso}");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "dmy",
            founding_dates_as(|d| {
                let (y, m, d) = ymd(d);
                format!("{d:02}/{m:02}/{y}")
            }),
            "day, month, year",
        ),
        (
            "dmy",
            founding_dates_as(|d| {
                let (y, m, d) = ymd(d);
                format!("{d} de {} de {y}", MONTHS[m as usize - 1])
            }),
            "day, month, year",
        ),
        (
            "mdy",
            founding_dates_as(|d| {
                let (y, m, d) = ymd(d);
                format!("{m}/{d}/{y} 9:30 AM")
            }),
            "month, day, year",
        ),
        (
            "unix",
            founding_dates_as(|d| {
                let (y, m, d) = ymd(d);
                // Noon UTC of the day, from the civil date (days since 1970-01-01).
                let days = detente::analysis::dates::Day::from_ymd(y as i32, m, d)
                    .expect("day")
                    .0;
                (i64::from(days) * 86_400 + 43_200).to_string()
            }),
            "Unix time",
        ),
    ];
    for (format, input, said) in cases {
        let md = report(&input, format);
        let dates_line = format!("- **Dates**: read as {said}");
        assert!(md.contains(&dates_line), "{format}: {md}");
        let without: String = md
            .lines()
            .filter(|l| !l.starts_with("- **Dates**"))
            .map(|l| format!("{l}\n"))
            .collect();
        let iso_lines: String = iso.lines().map(|l| format!("{l}\n")).collect();
        assert_eq!(without, iso_lines, "{format}");
    }

    // Dates in another order than the one given are refused with the row and the column.
    let dmy_input = founding_dates_as(|d| {
        let (y, m, d) = ymd(d);
        format!("{d:02}/{m:02}/{y}")
    });
    let out = wd.run(&["report", "-", "--format", "md"], Some(&dmy_input));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("(row 1, column 2 (date))"), "{err}");
    assert!(err.contains("--date-format"), "{err}");
    let out = wd.run(
        &["report", "-", "--format", "md", "--date-format", "mdy"],
        Some(&dmy_input),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("\"14/01/2026\" has 14 as its month")
            && stderr(&out).contains("they look like --date-format dmy")
            && !stderr(&out).contains("--skip-bad-rows"),
        "{}",
        stderr(&out)
    );
    // Regression: with --skip-bad-rows, the rows whose day was above 12 were set aside and
    // the others (4 and 5 January read as 1 April and 1 May) made a report. A date that fits
    // the other order is a wrong setting, not a bad row: it stops the run all the same, and
    // no report is written.
    let out = wd.run(
        &[
            "report",
            "-",
            "--format",
            "md",
            "--date-format",
            "mdy",
            "--skip-bad-rows",
            "-o",
            "wrong.md",
        ],
        Some(&dmy_input),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("they look like --date-format dmy"),
        "{}",
        stderr(&out)
    );
    assert!(!wd.path("wrong.md").exists());
    // A date that is bad in both orders is still a bad row that can be set aside.
    let mut bad_day = dmy_input.clone();
    bad_day.extend_from_slice(b"pt-99,31/31/2026,Someone,Someone,We will attack,x,quote,en\n");
    let out = wd.run(
        &[
            "report",
            "-",
            "--format",
            "md",
            "--date-format",
            "dmy",
            "--skip-bad-rows",
        ],
        Some(&bad_day),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("31/31/2026"), "{}", stderr(&out));
}

/// Drops the method section's "Memory" line (Markdown or HTML): the one place where a report
/// read again differs from one read once.
fn without_memory_line(report: &str) -> String {
    match report.find("<dt>Memory</dt>") {
        Some(start) => {
            let end = report[start..]
                .find("</dd>")
                .map_or(report.len(), |e| start + e + 5);
            format!("{}{}", &report[..start], &report[end..])
        }
        None => report
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("- **Memory**"))
            .collect(),
    }
}

/// A file with more speakers day by day than `--memory-budget` holds is read again to keep
/// only the speakers and pairs shown: the same report to the byte (but for the line saying
/// so), from raw quotes and from `detente score` output, in Markdown and HTML, and every
/// rejected row set aside once, also those before the point where the first reading stopped.
/// From stdin it cannot be read again: the report is the same and a warning says memory grew.
#[test]
fn a_file_over_the_memory_budget_is_read_again_for_the_same_report() {
    let wd = Workdir::new();
    let mut csv = String::from("id,date,speaker,target,text\n");
    let texts = [
        "We will attack you",
        "Thank you for the agreement",
        "The meeting is on Tuesday",
        "We will not attack",
    ];
    // 6,000 rows: speakers S0..S199 with from 1 to 200 statements (S0 the most), spelled
    // with stray spaces at times, some blank; targets T0..T40, some blank; three rows with a
    // bad date, at rows 10 and 2,000 (before a 1 MiB budget is reached, about row 3,000: each
    // row here adds a speaker-day, a pair-day and often a pair) and 5,000 (after).
    for row in 1..=6000usize {
        let sp = (row * 7919) % 6000;
        let speaker = match sp % 97 {
            0 => String::new(),
            1 => format!(" S{} ", (sp as f64).sqrt() as usize),
            _ => format!("S{}", (sp as f64).sqrt() as usize),
        };
        let target = if row % 13 == 0 {
            String::new()
        } else {
            format!("T{}", row % 41)
        };
        let date = match row {
            10 | 2000 | 5000 => "2026-02-30".to_string(),
            _ => format!("2025-{:02}-{:02}", row % 12 + 1, row % 28 + 1),
        };
        csv.push_str(&format!(
            "r{row},{date},{speaker},{target},{}\n",
            texts[row % texts.len()]
        ));
    }
    wd.write("many.csv", &csv);
    let report = |file: &str, format: &str, extra: &[&str], rejects: &str| {
        let mut args = vec![
            "report",
            file,
            "--format",
            format,
            "-o",
            "-",
            "--title",
            "Many",
            "--skip-bad-rows",
            "--rejects",
            rejects,
        ];
        args.extend_from_slice(extra);
        let out = wd.run(&args, None);
        assert!(out.status.code() == Some(1), "{}", stderr(&out));
        (stdout(&out), wd.read(rejects))
    };
    // `score` does not read dates: the bad ones reach the report in its output too.
    let score = wd.run(&["score", "many.csv", "-o", "scored.csv", "-q"], None);
    assert!(score.status.success(), "{}", stderr(&score));
    for (file, format) in [
        ("many.csv", "md"),
        ("many.csv", "html"),
        ("scored.csv", "md"),
    ] {
        {
            let (once, rejected_once) = report(file, format, &[], "once.csv");
            let (again, rejected_again) =
                report(file, format, &["--memory-budget", "1"], "again.csv");
            let (at_once, rejected_at_once) =
                report(file, format, &["--memory-budget", "0"], "zero.csv");
            assert!(!once.contains("Memory"), "{once}");
            for r in [&again, &at_once] {
                assert!(r.contains("Memory") && r.contains("read once more"), "{r}");
                assert_eq!(without_memory_line(r), without_memory_line(&once));
            }
            assert_eq!(rejected_once, rejected_again);
            assert_eq!(rejected_once, rejected_at_once);
            if file == "many.csv" {
                assert_eq!(rejected_once.lines().count(), 4, "{rejected_once}");
                assert!(once.contains("6000 read, 5997 used, 3 rejected"), "{once}");
                assert!(once.contains("more speakers"), "{once}");
            }
        }
    }
    // From stdin: one reading, the same report, a warning.
    let out = wd.run(
        &[
            "report",
            "-",
            "--format",
            "md",
            "--title",
            "Many",
            "--skip-bad-rows",
            "--memory-budget",
            "0",
        ],
        Some(csv.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning") && stderr(&out).contains("--memory-budget"),
        "{}",
        stderr(&out)
    );
    let (once, _) = report("many.csv", "md", &[], "once.csv");
    assert_eq!(stdout(&out).replace("stdin", "many.csv"), once);
}

/// Events and phases are read in the data's `--date-format` (and as `YYYY-MM-DD` in every
/// format): the founding case in day/month/year with its events file, an `--event` and a
/// `--phase` written the same way gives the report of the ISO files, but for the method's line
/// naming the order. Under `unix` they stay `YYYY-MM-DD`.
#[test]
fn events_and_phases_follow_the_date_format() {
    let wd = Workdir::new();
    let dmy = |d: &str| -> String {
        match d.split('-').collect::<Vec<_>>()[..] {
            [y, m, d] => format!("{d}/{m}/{y}"),
            _ => d.to_string(),
        }
    };
    let events = std::fs::read_to_string(
        crate::util::founding_csv().with_file_name("petro_trump_events.csv"),
    )
    .expect("events");
    let events_dmy: String = events
        .lines()
        .map(|l| {
            let f: Vec<String> = l.split(',').map(|x| x.to_string()).collect();
            match &f[..] {
                [k, d, e, label] if k != "kind" => format!("{k},{},{},{label}\n", dmy(d), dmy(e)),
                _ => format!("{l}\n"),
            }
        })
        .collect();
    assert!(
        events_dmy.contains("event,04/01/2026,,Trump warning"),
        "{events_dmy}"
    );
    wd.write("events.csv", &events);
    wd.write("events-dmy.csv", &events_dmy);
    let run = |input: Vec<u8>, args: &[&str]| {
        let mut all = vec!["report", "-", "--format", "md"];
        all.extend_from_slice(args);
        let out = wd.run(&all, Some(&input));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let iso = run(
        founding_dates_as(|d| d.to_string()),
        &[
            "--events",
            "events.csv",
            "--event",
            "2026-01-06=Statements",
            "--phase",
            "Meeting=2026-02-03..2026-02-03",
        ],
    );
    let day_first = run(
        founding_dates_as(dmy),
        &[
            "--date-format",
            "dmy",
            "--events",
            "events-dmy.csv",
            "--event",
            "06/01/2026=Statements",
            "--phase",
            "Meeting=03/02/2026..03/02/2026",
        ],
    );
    assert!(
        iso.contains("Statements") && iso.contains("Meeting"),
        "{iso}"
    );
    let without_dates_line = |md: &str| -> String {
        md.split_inclusive('\n')
            .filter(|l| !l.starts_with("- **Dates**"))
            .collect()
    };
    assert_eq!(without_dates_line(&day_first), iso);
    // ISO beside a non-ISO order, and under unix, where a day in seconds makes no sense.
    let mixed = run(
        founding_dates_as(dmy),
        &[
            "--date-format",
            "dmy",
            "--events",
            "events.csv",
            "--event",
            "2026-01-06=Statements",
            "--phase",
            "Meeting=2026-02-03",
        ],
    );
    assert_eq!(without_dates_line(&mixed), iso);
    let out = wd.run(
        &[
            "report",
            "-",
            "--date-format",
            "unix",
            "--event",
            "04/01/2026=x",
        ],
        Some(&founding_dates_as(|d| d.to_string())),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--event"), "{}", stderr(&out));
}

/// Regression: over a year, daily means drew a zigzag of hundreds of points per speaker. The
/// lines now join weekly means past 92 days (monthly past three years, `--time-unit` to
/// choose), which the captions and the method section say; the zoom on the phases stays daily.
#[test]
fn long_periods_draw_weekly_or_monthly_lines() {
    let wd = Workdir::new();
    let mut csv = String::from("date,speaker,target,text\n");
    // 200 days from 2025-03-03 (a Monday), two speakers, a statement each every day.
    for d in 0..200u32 {
        // Day 61 of 2025, counting 1 January as day 0, is 2025-03-03, a Monday.
        let day = 61 + d;
        let (m, dd) = {
            let months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
            let (mut m, mut left) = (0usize, day);
            while left >= months[m] {
                left -= months[m];
                m += 1;
            }
            (m + 1, left + 1)
        };
        for (who, to, text) in [
            ("Alpha", "Beta", "We will attack"),
            ("Beta", "Alpha", "Thank you for the agreement"),
        ] {
            csv.push_str(&format!("2025-{m:02}-{dd:02},{who},{to},{text}\n"));
        }
    }
    wd.write("year.csv", &csv);
    let html = |unit: &str| {
        let out = wd.run(
            &[
                "report",
                "year.csv",
                "--format",
                "html",
                "--time-unit",
                unit,
                "-q",
            ],
            None,
        );
        assert!(out.status.success(), "{unit}: {}", stderr(&out));
        stdout(&out)
    };
    // The points of the timeline's first line (Alpha's).
    let line_points = |h: &str| -> usize {
        let timeline = &h[h.find("Tone over time</title>").expect("timeline")..];
        let poly = &timeline[timeline.find("<polyline points=\"").expect("line") + 18..];
        poly[..poly.find('"').expect("end")].split(' ').count()
    };
    let auto = html("auto");
    assert!(
        auto.contains("Lines join each speaker&#39;s weekly mean"),
        "caption"
    );
    assert!(
        auto.contains("<dt>Lines</dt><dd>weekly means, weeks from Monday"),
        "method"
    );
    assert!(auto.contains("Weekly mean tone of each speaker"), "{auto}");
    // 200 days from a Monday are 29 weeks (28 whole and 4 days).
    assert_eq!(line_points(&auto), 29);
    let daily = html("day");
    assert_eq!(line_points(&daily), 200);
    assert!(daily.contains("speaker&#39;s daily mean") && !daily.contains("<dt>Lines</dt>"));
    let monthly = html("month");
    // March to September 2025.
    assert_eq!(line_points(&monthly), 7);
    assert!(
        monthly.contains("<dt>Lines</dt><dd>monthly means on"),
        "month"
    );
    // The numbers behind the lines, as CSV: every dated statement once per group, by week.
    let out = wd.run(
        &[
            "report",
            "year.csv",
            "-o",
            "year.html",
            "--series",
            "series.csv",
            "-q",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (headers, rows) = crate::util::parse_csv(&wd.read("series.csv"));
    assert_eq!(
        headers,
        [
            "kind",
            "speaker",
            "target",
            "period",
            "unit",
            "statements",
            "mean_tone"
        ]
    );
    let total = |kind: &str, speaker: &str| -> u64 {
        rows.iter()
            .filter(|r| r[0] == kind && r[1] == speaker)
            .map(|r| r[5].parse::<u64>().expect("count"))
            .sum()
    };
    assert_eq!(total("all", "All speakers"), 400);
    assert_eq!(total("speaker", "Alpha"), 200);
    assert_eq!(total("pair", "Beta"), 200);
    assert_eq!(rows.iter().filter(|r| r[0] == "all").count(), 29);
    assert!(rows.iter().all(|r| r[4] == "week"));
    // Alpha says the same thing every day: every week's mean is that statement's tone.
    let alpha: Vec<&str> = rows
        .iter()
        .filter(|r| r[0] == "speaker" && r[1] == "Alpha")
        .map(|r| r[6].as_str())
        .collect();
    assert!(
        alpha.iter().all(|m| *m == alpha[0] && m.starts_with('-')),
        "{alpha:?}"
    );
    assert_eq!(
        rows.iter()
            .find(|r| r[0] == "pair")
            .map(|r| (r[1].as_str(), r[2].as_str(), r[3].as_str())),
        Some(("Alpha", "Beta", "2025-03-03"))
    );
    let bad = wd.run(&["report", "year.csv", "--time-unit", "fortnight"], None);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("use auto, day, week or month"),
        "{}",
        stderr(&bad)
    );
    // The founding case spans four months but has statements on six days only: a week would
    // merge Petro's reply (Monday 5 January) with the call two days later. By day.
    let out = wd.run(
        &[
            "report",
            &crate::util::founding_csv().to_string_lossy(),
            "--format",
            "text",
            "-q",
        ],
        None,
    );
    assert!(stdout(&out).contains("daily mean tone"), "{}", stdout(&out));
}

/// Regression: the palette has eight colours and the report shows twelve speakers by default,
/// so speakers 9 to 12 were drawn exactly like speakers 1 to 4. They now have dashed lines and
/// hollow markers (on the timeline, its legend and the phases chart); speakers 17 to 24 (with
/// --top-speakers) dotted lines and dark-ringed markers.
#[test]
fn speakers_past_eight_colours_are_told_apart() {
    let wd = Workdir::new();
    let mut csv = String::from("date,speaker,text\n");
    // A real turn after the second day, so that there are phases to chart (a tone that never
    // changes has none since the thirty-second session: it was rounding noise).
    for s in 0..12 {
        for d in 1..=4 {
            let text = if d <= 2 {
                "We will attack"
            } else {
                "Thank you for the talks"
            };
            for _ in 0..(20 - s) {
                csv.push_str(&format!("2026-01-{d:02},S{s:02},{text}\n"));
            }
        }
    }
    wd.write("twelve.csv", &csv);
    let out = wd.run(&["report", "twelve.csv", "--format", "html", "-q"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    let timeline = &html[html.find("Tone over time</title>").expect("timeline")..];
    let timeline = &timeline[..timeline.find("</svg>").expect("end")];
    assert_eq!(timeline.matches("<polyline").count(), 12);
    assert_eq!(timeline.matches(r#"stroke-dasharray="7 4""#).count(), 4);
    // Legend: four hollow circles (the statements' hollow dots come on top of them).
    let legend = &timeline[timeline.rfind("S00</text>").expect("legend") - 200..];
    assert_eq!(
        legend.matches(r##"fill="#ffffff" stroke="##).count(),
        4,
        "{legend}"
    );
    let phases = &html[html.find("Mean tone per phase").expect("phases chart")..];
    let phases = &phases[..phases.find("</svg>").expect("end")];
    assert!(phases.contains(r##"fill="#ffffff" stroke="#0072B2" stroke-width="2""##));
    // The headline block: everyone's and the five most prolific speakers' shifts, then a
    // count of the others (thirteen sentences before).
    assert_eq!(html.matches(" moved from ").count(), 6, "{html}");
    assert!(html.contains("The shifts of 7 other speakers shown are in the table"));

    // Twenty speakers shown: the third cycle (17 to 20) has ringed dots and dotted lines, not
    // the first cycle's look again.
    let mut csv = String::from("date,speaker,text\n");
    for s in 0..20 {
        for d in 1..=3 {
            for _ in 0..(30 - s) {
                csv.push_str(&format!("2026-01-{d:02},S{s:02},We will attack\n"));
            }
        }
    }
    wd.write("twenty.csv", &csv);
    let out = wd.run(
        &[
            "report",
            "twenty.csv",
            "--format",
            "html",
            "--top-speakers",
            "20",
            "-q",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    let timeline = &html[html.find("Tone over time</title>").expect("timeline")..];
    let timeline = &timeline[..timeline.find("</svg>").expect("end")];
    assert_eq!(timeline.matches("<polyline").count(), 20);
    assert_eq!(timeline.matches(r#"stroke-dasharray="7 4""#).count(), 8);
    assert_eq!(timeline.matches(r#"stroke-dasharray="2 3""#).count(), 4);
    assert!(timeline.contains(r##"fill="#0072B2" stroke="#222222" stroke-width="1.5""##));
    assert!(html.contains("past the sixteenth with dark-ringed dots and dotted lines"));
}

#[test]
fn series_escapes_formula_names_only_when_asked() {
    let wd = Workdir::new();
    wd.write(
        "q.csv",
        "date,speaker,target,text\n\
         2026-01-04,@petrogustavo,=Trump,We will attack\n\
         2026-01-05,@petrogustavo,=Trump,We thank you\n\
         2026-01-05,-57,Ana,We thank you\n",
    );
    let series = |extra: &[&str]| {
        let mut args = vec!["report", "q.csv", "-o", "r.md", "--series", "s.csv", "-q"];
        args.extend_from_slice(extra);
        let out = wd.run(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        crate::util::parse_csv(&wd.read("s.csv")).1
    };
    let names = |rows: &[Vec<String>]| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r[0] != "all")
            .map(|r| (r[1].clone(), r[2].clone()))
            .collect()
    };
    let plain = series(&[]);
    let escaped = series(&["--escape-formulas"]);
    assert!(names(&plain).contains(&("@petrogustavo".into(), "=Trump".into())));
    assert!(names(&escaped).contains(&("'@petrogustavo".into(), "'=Trump".into())));
    // A number is no formula; everything but the names is the same.
    assert!(names(&escaped).iter().any(|(s, _)| s == "-57"));
    assert_eq!(plain.len(), escaped.len());
    for (p, e) in plain.iter().zip(&escaped) {
        assert_eq!((&p[0], &p[3..]), (&e[0], &e[3..]));
    }
    // Without --series the option has nothing to act on.
    let lone = wd.run(&["report", "q.csv", "--escape-formulas", "-q"], None);
    assert_eq!(lone.status.code(), Some(2));
    assert!(stderr(&lone).contains("--series"), "{}", stderr(&lone));
}

#[test]
fn speaker_and_date_selection_reports_as_a_filtered_file_would() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("pre")).expect("dir");
    let speakers = ["Petro", "Trump", " Rubio ", ""];
    let texts = [
        "We will attack and impose sanctions",
        "Thank you for the good talks",
        "We reject their threats",
        "We welcome the agreement",
        "The meeting is on Tuesday",
    ];
    let (mut all, mut pre) = (String::new(), String::new());
    all.push_str("id,date,speaker,target,text\n");
    pre.push_str("id,date,speaker,target,text\n");
    for i in 0..120usize {
        let speaker = speakers[i % 4];
        let day = 1 + (i * 5) % 28;
        let date = if i % 11 == 0 {
            String::new()
        } else {
            format!("2026-02-{day:02}")
        };
        let line = format!(
            "{i},{date},{speaker},{},\"{}\"\n",
            speakers[(i + 1) % 4].trim(),
            texts[i % 5]
        );
        all.push_str(&line);
        // Rubio (spelled with spaces) and the blank speaker, from Feb 5 to Feb 20.
        let kept = matches!(speaker, " Rubio " | "") && (5..=20).contains(&day) && !date.is_empty();
        if kept {
            pre.push_str(&line);
        }
    }
    wd.write("q.csv", &all);
    wd.write("pre/q.csv", &pre);
    let md = |file: &str, extra: &[&str]| {
        let mut args = vec!["report", file, "--format", "md", "--title", "T", "-q"];
        args.extend_from_slice(extra);
        let out = wd.run(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let select = [
        "--speaker",
        "Rubio",
        "--speaker",
        "(unknown)",
        "--from",
        "2026-02-05",
        "--to",
        "20/02/2026",
        "--date-format",
        "dmy",
    ];
    // The dates in the file are ISO, read in every order; the selection's days as dmy says.
    let selected = md("q.csv", &select);
    let filtered = md("pre/q.csv", &["--date-format", "dmy"]);
    // The selection is said at the top and in the method section; the rest is the same.
    let body = |s: &str| without_scope(s, &["- **Rows**", "- **Selection**"]);
    assert_eq!(body(&selected), body(&filtered));
    let kept = pre.lines().count() - 1;
    assert!(kept > 10, "{kept}");
    assert!(
        selected.contains(&format!(
            "- **Rows**: 120 read, {kept} used, 0 rejected, {} left out by the selection; 0 without a date",
            120 - kept
        )),
        "{selected}"
    );
    assert!(
        selected.contains(
            "- **Selection**: statements by Rubio, (unknown), dated 2026-02-05 to 2026-02-20\n"
        ),
        "{selected}"
    );
    // And under the title, so that the report is not read as the whole file (HTML too).
    let html = wd.run(
        &[
            &["report", "q.csv", "--format", "html", "-q"][..],
            &select[..],
        ]
        .concat(),
        None,
    );
    assert!(
        stdout(&html).contains(
            "<p class=\"sub\">Only statements by Rubio, (unknown), dated 2026-02-05 to 2026-02-20: "
        ),
        "{}",
        stdout(&html)
    );
    assert!(
        selected.contains(&format!(
            "\nOnly statements by Rubio, (unknown), dated 2026-02-05 to 2026-02-20: {} rows left out.\n",
            120 - kept
        )),
        "{selected}"
    );
    // Read three times (a budget of 0 bytes), the same report but for the memory line.
    let again = md(
        "q.csv",
        &[
            &select[..],
            &["--memory-budget", "0", "--top-speakers", "1"],
        ]
        .concat(),
    );
    let once = md("q.csv", &[&select[..], &["--top-speakers", "1"]].concat());
    let no_memory = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| !l.starts_with("- **Memory**"))
            .map(str::to_string)
            .collect()
    };
    assert!(again.contains("- **Memory**"));
    assert_eq!(no_memory(&again), no_memory(&once));

    // A misspelt speaker is warned about and noted; a bad row of a speaker left out is still
    // rejected; --to before --from is refused.
    wd.write(
        "bad.csv",
        "date,speaker,text\n2026-02-30,Trump,We will attack\n2026-02-03,Petro,Good talks\n",
    );
    let out = wd.run(
        &[
            "report",
            "bad.csv",
            "--speaker",
            "Petro",
            "--speaker",
            "Petr0",
            "--skip-bad-rows",
            "--format",
            "md",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("- **Rows**: 2 read, 1 used, 1 rejected, 0 left out"),
        "{text}"
    );
    assert!(
        text.contains("; no statement by \"Petr0\" (did you mean \"Petro\"?)"),
        "{text}"
    );
    assert!(
        stderr(&out).contains("warning: --speaker \"Petr0\" has no statement"),
        "{}",
        stderr(&out)
    );
    let out = wd.run(
        &[
            "report",
            "q.csv",
            "--from",
            "2026-02-10",
            "--to",
            "2026-02-01",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--to 2026-02-01 is before --from 2026-02-10"),
        "{}",
        stderr(&out)
    );
}

/// Without given phases, the pairs' shifts are taken between the detected ones: the pairs'
/// day groups keep histograms, so they merge into phases found after reading.
#[test]
fn pairs_shift_between_detected_phases() {
    let wd = Workdir::new();
    let founding = crate::util::founding_csv();
    let founding = founding.to_string_lossy();
    let out = wd.run(&["report", &founding, "--format", "json", "-q"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(v["detected"].is_object(), "{}", v["detected"]);
    let shifts = v["pair_shifts"].as_array().expect("pair shifts");
    let trump = shifts
        .iter()
        .find(|p| p["from"] == "Trump" && p["to"] == "Petro")
        .unwrap_or_else(|| panic!("Trump -> Petro in {shifts:?}"));
    assert_eq!(
        (trump["phase_from"].as_str(), trump["phase_to"].as_str()),
        (Some("Before (detected)"), Some("After (detected)"))
    );
    assert!(trump["delta"].as_f64() > Some(0.5), "{trump}");
    // The same numbers in the Markdown table.
    let out = wd.run(&["report", &founding, "--format", "md", "-q"], None);
    let md = String::from_utf8(out.stdout).expect("utf-8");
    let row = format!(
        "| Trump | Petro | Before (detected) → After (detected) | {:+.2} | {:+.2} | **{:+.2}** |",
        trump["mean_from"].as_f64().expect("from"),
        trump["mean_to"].as_f64().expect("to"),
        trump["delta"].as_f64().expect("delta"),
    );
    assert!(md.contains(&row), "{row} not in\n{md}");
}

#[test]
fn json_report_has_the_numbers_the_markdown_shows() {
    let wd = Workdir::new();
    let run = |extra: &[&str]| founding_report(&wd, extra);
    let one = run(&["--format", "json", "--threads", "1"]);
    assert_eq!(one, run(&["--format", "json", "--threads", "2"]), "threads");
    // The extension picks the format.
    run(&["-o", &wd.path("r.json").to_string_lossy()]);
    assert_eq!(wd.read("r.json").into_bytes(), one);
    let v: serde_json::Value = serde_json::from_slice(&one).expect("json");
    let md = String::from_utf8(run(&["--format", "md"])).expect("utf-8");

    assert_eq!(v["rows"]["read"], 10);
    assert_eq!(v["rows"]["used"], 10);
    assert_eq!(v["detected"], serde_json::Value::Null);
    let phases: Vec<&str> = v["phases"]
        .as_array()
        .expect("phases")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(phases, ["Threats", "Call", "Confirmation"]);
    // Everyone's shift from the threats to the call: the turn of the founding case, as the
    // Markdown table prints it (two decimals).
    let shift = &v["shifts"][0];
    assert_eq!(
        (shift["from"].as_str(), shift["to"].as_str()),
        (Some("Threats"), Some("Call"))
    );
    assert!(shift["speaker"].is_null());
    let delta = shift["delta"].as_f64().expect("delta");
    let (low, high) = (
        shift["ci"]["low"].as_f64().expect("low"),
        shift["ci"]["high"].as_f64().expect("high"),
    );
    assert!(
        delta > 0.5 && low > 0.0 && low < delta && delta < high,
        "{shift}"
    );
    let row = format!(
        "| All speakers | Threats | Call | {:+.2} | {:+.2} | **{:+.2}** | {:+.2} to {:+.2} |",
        shift["mean_from"].as_f64().expect("from"),
        shift["mean_to"].as_f64().expect("to"),
        delta,
        low,
        high
    );
    assert!(md.contains(&row), "{row} not in\n{md}");
    // Between the given phases, the pairs turned too: Trump → Petro from the threats to the
    // call, Petro → Trump from the threats to the confirmation.
    let pair = |from: &str, to: &str| {
        v["pair_shifts"]
            .as_array()
            .expect("pair shifts")
            .iter()
            .find(|p| p["from"] == from && p["to"] == to)
            .unwrap_or_else(|| panic!("{from} -> {to}"))
            .clone()
    };
    let trump = pair("Trump", "Petro");
    assert_eq!(
        (trump["phase_from"].as_str(), trump["phase_to"].as_str()),
        (Some("Threats"), Some("Call"))
    );
    assert!(trump["delta"].as_f64() > Some(0.5), "{trump}");
    let petro = pair("Petro", "Trump");
    assert_eq!(petro["phase_to"], "Confirmation");
    assert!(petro["delta"].as_f64() > Some(0.5), "{petro}");
    // Each speaker's label counts add up to its statements.
    for s in v["speakers"].as_array().expect("speakers") {
        let sum: u64 = s["labels"]
            .as_object()
            .expect("labels")
            .values()
            .filter_map(serde_json::Value::as_u64)
            .sum();
        assert_eq!(Some(sum), s["n"].as_u64(), "{s}");
    }
    // Hits point into their statement's text (byte offsets).
    let top = &v["most_hostile"][0];
    let text = top["text"].as_str().expect("text");
    for h in top["hits"].as_array().expect("hits") {
        let (a, b) = (
            h["start"].as_u64().expect("start"),
            h["end"].as_u64().expect("end"),
        );
        let span = &text[a as usize..b as usize];
        assert!(
            !span.is_empty()
                && span
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == ' ' || c == '\''),
            "{span:?}"
        );
    }
    // The series are --series's rows.
    let all = &v["series"][0];
    assert_eq!(all["kind"], "all");
    let statements: u64 = all["points"]
        .as_array()
        .expect("points")
        .iter()
        .filter_map(|p| p["statements"].as_u64())
        .sum();
    assert_eq!(statements, 10);
}

#[test]
fn aliases_report_as_a_file_with_the_names_rewritten_would() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("pre")).expect("dir");
    let people = [
        "Trump",
        "Rubio",
        "US government",
        "Petro",
        "Gustavo Petro",
        "Colombia",
    ];
    fn side(p: &str) -> &str {
        match p {
            "Trump" | "Rubio" | "US government" => "United States",
            "Gustavo Petro" => "Petro",
            other => other,
        }
    }
    let texts = [
        "We will attack and impose sanctions",
        "Thank you for the good talks",
        "We reject their threats",
        "We welcome the agreement",
    ];
    let (mut raw, mut rewritten) = (
        String::from("id,date,speaker,target,text\n"),
        String::from("id,date,speaker,target,text\n"),
    );
    for i in 0..80usize {
        let (s, t) = (people[i % 6], people[(i * 5 + 3) % 6]);
        let date = format!("2026-01-{:02}", 1 + (i * 3) % 28);
        let text = texts[i % 4];
        raw.push_str(&format!("{i},{date},{s},{t},{text}\n"));
        rewritten.push_str(&format!("{i},{date},{},{},{text}\n", side(s), side(t)));
    }
    wd.write("q.csv", &raw);
    wd.write("pre/q.csv", &rewritten);
    wd.write(
        "aliases.csv",
        "name,as,note\nTrump,United States,\nRubio,United States,secretary of state\n\"US government\",United States,\n\nGustavo Petro,Petro,\n",
    );
    let md = |file: &str, extra: &[&str]| {
        let mut args = vec!["report", file, "--format", "md", "--title", "T", "-q"];
        args.extend_from_slice(extra);
        let out = wd.run(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // The aliases are said at the top and in the method section; the rest is the same.
    let body = |s: &str| without_scope(s, &["- **Aliases**", "- **Memory**"]);
    let aliased = md("q.csv", &["--aliases", "aliases.csv"]);
    assert_eq!(body(&aliased), body(&md("pre/q.csv", &[])));
    assert!(
        aliased.contains(
            "- **Aliases**: 4 names counted as others: Gustavo Petro as Petro; Rubio, Trump, US government as United States\n"
        ),
        "{aliased}"
    );
    assert!(
        aliased.contains(
            "\n4 names counted as others: Gustavo Petro as Petro; Rubio, Trump, US government as United States.\n"
        ),
        "{aliased}"
    );
    // --alias on the command line, through three readings, and --speaker by a name that is
    // an alias (it selects its side).
    let flags = [
        "--alias",
        "Trump=United States",
        "--alias",
        "Rubio=United States",
        "--alias",
        "US government=United States",
        "--alias",
        "Gustavo Petro=Petro",
    ];
    // With given phases, so that the pairs' shifts between them are compared too.
    let phases = [
        "--phase",
        "Early=2026-01-01..2026-01-12",
        "--phase",
        "Late=2026-01-13..2026-01-28",
    ];
    let again = md(
        "q.csv",
        &[
            &flags[..],
            &phases[..],
            &["--memory-budget", "0", "--top-speakers", "2"],
        ]
        .concat(),
    );
    let rewritten = md(
        "pre/q.csv",
        &[&phases[..], &["--top-speakers", "2"]].concat(),
    );
    assert!(rewritten.contains("| Early → Late |"), "{rewritten}");
    assert_eq!(body(&again), body(&rewritten));
    let side_of = md("q.csv", &[&flags[..], &["--speaker", "Rubio"]].concat());
    assert_eq!(
        body(&side_of)
            .into_iter()
            .filter(|l| !l.starts_with("- **Selection**") && !l.starts_with("- **Rows**"))
            .collect::<Vec<_>>(),
        body(&md("pre/q.csv", &["--speaker", "United States"]))
            .into_iter()
            .filter(|l| !l.starts_with("- **Selection**") && !l.starts_with("- **Rows**"))
            .collect::<Vec<_>>()
    );
    // A chain or a file without the columns stops with the file and line.
    wd.write(
        "chain.csv",
        "name,as\nTrump,United States\nUnited States,USA\n",
    );
    let out = wd.run(&["report", "q.csv", "--aliases", "chain.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("chain.csv:3: \"Trump\" is counted as \"United States\""),
        "{}",
        stderr(&out)
    );
    wd.write("latin1.csv", b"name,as\nGustavo Petro,Petr\xf3n\n");
    let out = wd.run(&["report", "q.csv", "--aliases", "latin1.csv"], None);
    assert!(
        stderr(&out)
            .contains("latin1.csv:2: invalid UTF-8 in field 2; re-encode the file as UTF-8"),
        "{}",
        stderr(&out)
    );
    wd.write("cols.csv", "who,side\nTrump,United States\n");
    let out = wd.run(&["report", "q.csv", "--aliases", "cols.csv"], None);
    assert!(
        stderr(&out).contains("cols.csv:1: an aliases file needs the columns name and as"),
        "{}",
        stderr(&out)
    );
}

/// The text report lists who spoke to whom and, with given phases, the pairs' shifts.
#[test]
fn text_report_lists_pairs_and_their_shifts() {
    let wd = Workdir::new();
    let text = String::from_utf8(founding_report(&wd, &[])).expect("utf-8");
    let line = |start: &str| text.lines().find(|l| l.starts_with(start)).unwrap_or("");
    let pair = line("Trump → Petro ");
    assert!(pair.split_whitespace().rev().nth(1) == Some("3"), "{text}");
    let shift = line("Trump → Petro shift Threats -> Call: +");
    assert!(
        shift.ends_with("(no interval: fewer than 2 statements)"),
        "{text}"
    );
}

/// The founding case by sides (examples/data/petro_trump_sides.csv): two pairs, five
/// statements each way, and each side's turn from the threats to the call.
#[test]
fn founding_case_by_sides_shows_the_turn_between_two_sides() {
    let wd = Workdir::new();
    let sides = crate::util::founding_csv().with_file_name("petro_trump_sides.csv");
    let out = founding_report(
        &wd,
        &["--aliases", &sides.to_string_lossy(), "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let pairs: Vec<(String, String, u64)> = v["dyads"]
        .as_array()
        .expect("dyads")
        .iter()
        .map(|d| {
            (
                d["from"].as_str().unwrap_or("").to_string(),
                d["to"].as_str().unwrap_or("").to_string(),
                d["n"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [
            ("United States".to_string(), "Colombia".to_string(), 5),
            ("Colombia".to_string(), "United States".to_string(), 5),
        ]
    );
    let us = v["shifts"]
        .as_array()
        .expect("shifts")
        .iter()
        .find(|s| s["speaker"] == "United States" && s["from"] == "Threats" && s["to"] == "Call")
        .expect("the United States' shift from the threats to the call");
    assert!(
        us["mean_from"].as_f64() < Some(0.0) && us["mean_to"].as_f64() > Some(0.0),
        "{us}"
    );
    assert!(us["ci"]["low"].as_f64() > Some(0.0), "{us}");
}

/// Regression: the who-to-whom chart coloured pairs by their rank, so "Trump → Petro" could be
/// drawn in Petro's timeline colour. A pair now takes its speaker's colour, and one speaker's
/// pairs differ by dash pattern.
#[test]
fn pairs_are_drawn_in_their_speakers_colours() {
    let wd = Workdir::new();
    let founding = crate::util::founding_csv();
    let out = wd.run(
        &[
            "report",
            &founding.to_string_lossy(),
            "--format",
            "html",
            "-q",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    // The timeline's colour of each speaker, from its statements' dots.
    let dot_colour = |speaker: &str| -> String {
        let at = html
            .find(&format!(" · {speaker} → "))
            .unwrap_or_else(|| panic!("a dot of {speaker}"));
        let circle = html[..at].rfind("<circle").expect("circle");
        let fill = html[circle..at].find("fill=\"").expect("fill") + circle + 6;
        html[fill..fill + 7].to_string()
    };
    // A pair's legend line: its stroke and its dash pattern.
    let legend = |pair: &str| -> (String, Option<String>) {
        let at = html
            .find(&format!(">{pair}</text>"))
            .unwrap_or_else(|| panic!("legend of {pair}"));
        let line = &html[html[..at].rfind("<line").expect("line")..at];
        let stroke = line.find("stroke=\"").expect("stroke") + 8;
        let dash = line
            .find("stroke-dasharray=\"")
            .map(|d| line[d + 18..].split('"').next().unwrap_or("").to_string());
        (line[stroke..stroke + 7].to_string(), dash)
    };
    let (petro, trump) = (dot_colour("Petro"), dot_colour("Trump"));
    assert_ne!(petro, trump);
    let to_trump = legend("Petro → Trump");
    let to_us = legend("Petro → United States");
    assert_eq!(
        (to_trump.0.as_str(), to_us.0.as_str()),
        (petro.as_str(), petro.as_str())
    );
    assert_ne!(to_trump.1, to_us.1, "one speaker's pairs differ by dash");
    assert_eq!(legend("Trump → Petro").0, trump);
    assert_eq!(
        legend("US government → Petro").0,
        dot_colour("US government")
    );
}

/// Regression: the lists of most hostile and most cooperative statements quoted every
/// statement whole, with every hit marked and listed, so two speeches of 1 MB pasted as one
/// field each made a 20 MB page. A statement longer than `QUOTE_CHARS` (600 characters) is
/// quoted as an excerpt around its strongest hit, and the report says so.
#[test]
fn long_statements_are_quoted_as_excerpts_around_their_strongest_hit() {
    let wd = Workdir::new();
    let filler = "the delegation met in the capital to review the schedule ".repeat(30);
    let long = format!("sanctions {filler}they will attack the port {filler}");
    let chars = long.chars().count();
    wd.write(
        "long.csv",
        format!(
            "id,date,speaker,target,text\nl1,2026-01-04,A,B,{long}\ns1,2026-01-05,B,A,We thank you\n"
        ),
    );
    let mut args = vec!["report", "long.csv", "-o", "long.html"];
    let fixed = fixed_lexicon();
    args.extend(fixed.iter().map(String::as_str));
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = wd.read("long.html");
    let quote = |from: &str| {
        let at = html.find(from).expect("the list");
        let a = at + html[at..].find("<blockquote>").expect("a quote") + "<blockquote>".len();
        let b = a + html[a..].find("</blockquote>").expect("its end");
        html[a..b].to_string()
    };
    let hostile = quote("Most hostile statements");
    assert!(
        hostile.starts_with("… ") && hostile.ends_with(" …"),
        "{hostile}"
    );
    assert!(
        hostile.contains(r#"<mark class="h" title="attack: force -3.00">attack</mark>"#),
        "the strongest hit is quoted and marked: {hostile}"
    );
    assert!(
        !hostile.contains("sanctions"),
        "the first hit is far outside"
    );
    assert!(hostile.len() < 800, "{} bytes quoted", hostile.len());
    assert!(html.contains(&format!(" · excerpt of {chars} characters</div>")));
    assert!(
        html.contains("attack (force) -3.00 · and 1 more in the whole statement</div>"),
        "the hits under the quote"
    );
    // A short statement is quoted whole, as before.
    assert_eq!(
        quote("Most cooperative statements"),
        r#"We <mark class="c" title="thank: gratitude +2.00">thank</mark> you"#
    );
    let md = markdown_of(
        &wd,
        "long.csv",
        &fixed.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(
        md.contains(&format!("(hostile, excerpt of {chars} characters)")),
        "{md}"
    );
    assert!(md.contains("… ") && md.contains("**attack**"));
    assert!(md.contains("hits: attack (force) -3.00, and 1 more in the whole statement"));
    assert!(md.len() < html.len() && !md.contains(&filler));
    // JSON keeps the whole text; for an excerpt, its hits are those inside it, with the
    // count of all and the excerpt's byte range.
    let mut args = vec!["report", "long.csv", "--format", "json", "-q"];
    args.extend(fixed.iter().map(String::as_str));
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let h = &v["most_hostile"][0];
    assert_eq!(h["text"], long.as_str());
    let hits = h["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["term"], "attack");
    assert_eq!(h["hits_total"], 2);
    let (a, b) = (
        h["excerpt_start"].as_u64().expect("start") as usize,
        h["excerpt_end"].as_u64().expect("end") as usize,
    );
    let at = hits[0]["start"].as_u64().expect("hit start") as usize;
    assert!(
        a <= at && at < b && b - a < 800 && long.get(a..b).is_some(),
        "{a}..{b}"
    );
    // A statement quoted whole has neither field.
    let c = &v["most_cooperative"][0];
    assert!(
        c.get("hits_total").is_none() && c.get("excerpt_start").is_none(),
        "{c}"
    );
    assert_eq!(c["hits"][0]["term"], "thank");
}

#[test]
fn long_statements_give_the_same_bytes_on_one_thread_or_two() {
    // Statements over LONG_STATEMENT (128 KiB) wait for room in the long statements' budget
    // (1 MiB at a time) and chunks of them are read a few at a time: on two threads, some
    // of these wait and some run side by side. Neither may change a byte or lose a row.
    let wd = Workdir::new();
    let unit = "they will attack the port and we thank our partners for the agreement ";
    let mut csv = String::from("id,date,speaker,target,text\n");
    for (i, kb) in [700usize, 200, 900, 150, 1000, 300, 2, 600]
        .iter()
        .enumerate()
    {
        let text = unit.repeat(kb * 1024 / unit.len());
        csv.push_str(&format!("r{i},2026-01-0{},A,B,{text}\n", i + 1));
    }
    wd.write("speeches.csv", csv);
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = wd.run(
            &[
                "score",
                "speeches.csv",
                "--threads",
                threads,
                "-q",
                "-o",
                "-",
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let report = wd.run(
            &[
                "report",
                "speeches.csv",
                "--threads",
                threads,
                "--format",
                "json",
                "-q",
            ],
            None,
        );
        assert!(report.status.success(), "{}", stderr(&report));
        outputs.push((out.stdout, report.stdout));
    }
    assert_eq!(
        outputs[0].0.split(|&b| b == b'\n').count(),
        10,
        "header, 8 rows, end"
    );
    assert!(outputs[0] == outputs[1], "one thread and two differ");
}

/// Regression: `score` accepted a statement just under `--max-field-bytes`, made only of
/// hits, and wrote a `hits` field three times as long, which `report` then rejected as over
/// the limit. The `hits` column of score output may be `HITS_FIELD_FACTOR` times the limit.
#[test]
fn report_reads_back_the_hits_of_a_statement_near_the_field_limit() {
    let wd = Workdir::new();
    let text = "attack strike thank ".repeat(4_000); // 80,000 bytes
    wd.write(
        "long.csv",
        format!("id,date,speaker,text\n1,2026-01-04,A,{text}\n2,2026-01-05,B,We thank you\n"),
    );
    let limit = ["--max-field-bytes", "100000"];
    let fixed = fixed_lexicon();
    let mut score = limit.to_vec();
    score.extend(fixed.iter().map(String::as_str));
    let (scores, hits, report) = score_then_report(&wd, "long.csv", &score, &limit);
    assert!(hits > 100_000, "the hits field is over the limit: {hits}");
    assert!(report.contains("2 read, 2 used, 0 rejected"), "{report}");
    // Any other column keeps the limit.
    let padded = scores.replacen("\n1,", &format!("\n{},", "9".repeat(100_001)), 1);
    wd.write("padded.csv", padded);
    let mut args = vec!["report", "padded.csv", "--format", "md", "-o", "-"];
    args.extend(limit);
    let out = wd.run(&args, None);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("(id)): field of 100001 bytes exceeds the limit of 100000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn report_reads_back_the_hits_of_one_letter_entries_in_the_longest_category() {
    // The worst case for the hits field: a one-letter entry ("a", two bytes of text with its
    // space) in the longest category name (deescalation) writes "a:deescalation:1.50;",
    // ten times the text; HITS_FIELD_FACTOR (12) must cover it.
    let wd = Workdir::new();
    wd.write("one.tsv", "a\t1.5\tdeescalation\n");
    let text = "a ".repeat(500);
    wd.write("one.csv", format!("id,text\n1,{}\n", text.trim_end()));
    let args = [
        "--no-builtin",
        "--lexicon",
        "one.tsv",
        "--lang",
        "en",
        "--max-field-bytes",
        "1000",
        "-q",
    ];
    let (_, hits, report) = score_then_report(&wd, "one.csv", &args, &args);
    assert!(hits > 9_000, "{hits}");
    assert!(report.contains("1 read, 1 used, 0 rejected"), "{report}");
}

/// Scores `input` into scores.csv with `score_args`, then reports on that file as Markdown
/// with `report_args`, both required to succeed: the score file, the length of its first
/// row's `hits` field (the last), and the report.
fn score_then_report(
    wd: &Workdir,
    input: &str,
    score_args: &[&str],
    report_args: &[&str],
) -> (String, usize, String) {
    let mut args = vec!["score", input, "-o", "scores.csv"];
    args.extend(score_args);
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let scores = wd.read("scores.csv");
    let hits = scores
        .lines()
        .nth(1)
        .and_then(|l| l.rsplit(',').next())
        .map_or(0, str::len);
    let mut args = vec!["report", "scores.csv", "--format", "md", "-o", "-"];
    args.extend(report_args);
    let out = wd.run(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    (scores, hits, stdout(&out))
}

/// `report --split sentences` reports each sentence as a statement: the same report as
/// `score --split sentences` then `report` on its output (but for the method lines that say
/// how the scores were had and how the rows were cut), also when a small memory budget makes
/// it read the file again; a file with score columns is refused.
#[test]
fn report_split_matches_score_split_then_report() {
    let wd = Workdir::new();
    let mut csv = String::from("id,date,speaker,target,text\n");
    let texts = [
        "We will attack you! Thank you for nothing. Mr. Petro, talk to us.",
        "Thank you for the agreement. We will not attack.",
        "The meeting is on Tuesday.\n\nWe welcome the U.S. offer.",
        "Relations have never been worse",
    ];
    for row in 1..=1500usize {
        csv.push_str(&format!(
            "r{row},2025-{:02}-{:02},S{},T{},\"{}\"\n",
            row % 12 + 1,
            row % 28 + 1,
            row % 150,
            row % 31,
            texts[row % texts.len()]
        ));
    }
    wd.write("speeches.csv", &csv);
    let score = wd.run(
        &[
            "score",
            "speeches.csv",
            "--split",
            "sentences",
            "-o",
            "parts.csv",
            "-q",
        ],
        None,
    );
    assert!(score.status.success(), "{}", stderr(&score));
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["report", "--format", "json", "--title", "Split"];
        all.extend_from_slice(args);
        let out = wd.run(&all, None);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).expect("JSON")
    };
    let direct = json(&["speeches.csv", "--split", "sentences"]);
    let again = json(&[
        "speeches.csv",
        "--split",
        "sentences",
        "--memory-budget",
        "0",
    ]);
    let scored = json(&["parts.csv"]);
    let (_, parts) = crate::util::parse_csv(&wd.read("parts.csv"));
    assert_eq!(direct["rows"]["used"], 1500);
    assert_eq!(direct["rows"]["split_into"], parts.len() as u64);
    assert_eq!(scored["rows"]["used"], parts.len() as u64);
    // Everything but the method and the counts of rows; `score` writes tones to four decimals,
    // which the report on its output reads: means and intervals agree within 0.001.
    fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        use serde_json::Value;
        match (a, b) {
            (Value::Number(x), Value::Number(y)) => {
                (x.as_f64().unwrap_or(f64::NAN) - y.as_f64().unwrap_or(f64::NAN)).abs() < 1e-3
            }
            (Value::Array(x), Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| close(p, q))
            }
            (Value::Object(x), Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
            }
            _ => a == b,
        }
    }
    let body = |v: &serde_json::Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("method");
            o.remove("rows");
            o.remove("input");
        }
        v
    };
    assert!(close(&body(&direct), &body(&scored)));
    // Read again past the memory budget (the census counts the parts too): the same numbers
    // to the last digit.
    let lines = again["method"]["lines"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(lines.iter().any(|l| l["name"] == "Memory"), "{lines:?}");
    assert_eq!(body(&direct), body(&again));
    // Paragraphs: the third text has two.
    let paragraphs = json(&["speeches.csv", "--split", "paragraphs"]);
    assert_eq!(paragraphs["rows"]["split_into"], 1500 + 375);

    let out = wd.run(&["report", "parts.csv", "--split", "sentences"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--split"), "{}", stderr(&out));
}
