use crate::util::{Workdir, col, founding_with, parse_csv, stderr, stdout};
use std::io::Read;
use std::process::Stdio;

const QUOTES: &str = "id,date,speaker,target,text\n\
1,2026-01-04,Trump,Petro,\"They will face sanctions and military action, or else!\"\n\
2,2026-01-07,Trump,Petro,\"A great call. I look forward to meeting him, thank you.\"\n\
3,2026-01-14,Petro,Trump,\"The statement was published on February 3.\"\n";

const SCORE_COLS: [&str; 9] = [
    "tone",
    "label",
    "hostility",
    "cooperation",
    "goldstein",
    "category",
    "cameo",
    "lang",
    "hits",
];

#[test]
fn csv_in_csv_out_keeps_columns_and_appends_scores() {
    let wd = Workdir::new();
    wd.write("quotes.csv", QUOTES);
    let out = wd.run(&["score", "quotes.csv", "-o", "scores.csv"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let (headers, rows) = parse_csv(&wd.read("scores.csv"));
    let mut want: Vec<String> = ["id", "date", "speaker", "target", "text"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    want.extend(SCORE_COLS.iter().map(|s| s.to_string()));
    assert_eq!(headers, want);
    assert_eq!(rows.len(), 3);
    assert_eq!(col(&headers, &rows[0], "id"), "1");
    let tone = |r: &[String]| {
        col(&headers, r, "tone")
            .parse::<f64>()
            .expect("tone is a number")
    };
    assert!(tone(&rows[0]) < -0.15, "threat row: {:?}", rows[0]);
    assert!(tone(&rows[1]) > 0.15, "call row: {:?}", rows[1]);
    assert_eq!(col(&headers, &rows[2], "label"), "neutral");
    assert!(
        col(&headers, &rows[0], "hits").contains(":coercion:"),
        "{:?}",
        rows[0]
    );
    assert!(
        stderr(&out).contains("read 3 rows: 3 scored, 0 rejected"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_to_stdout_jsonl() {
    let wd = Workdir::new();
    let out = wd.run(
        &["score", "-", "--format", "jsonl"],
        Some(QUOTES.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["id"], "3");
    assert_eq!(lines[2]["label"], "neutral");
    assert!(lines[0]["tone"].as_f64().expect("tone") < 0.0);
    let hits = lines[1]["hits"].as_array().expect("hits array");
    assert!(!hits.is_empty());
    assert!(hits[0]["term"].is_string() && hits[0]["weight"].is_number());
    assert_eq!(stderr(&out), "", "nothing on stderr when writing to stdout");
}

#[test]
fn finds_quote_column_case_insensitively_and_by_flag() {
    let wd = Workdir::new();
    let csv = "Who,Quote\nPetro,We reject these illegal threats\n";
    let out = wd.run(&["score"], Some(csv.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let (h, rows) = parse_csv(&stdout(&out));
    assert!(col(&h, &rows[0], "tone").parse::<f64>().expect("tone") < 0.0);

    let csv = "who,words\nPetro,Thank you for the call\n";
    let out = wd.run(&["score", "--text-col", "words"], Some(csv.as_bytes()));
    assert!(out.status.success(), "{}", stderr(&out));
    let (h, rows) = parse_csv(&stdout(&out));
    assert!(col(&h, &rows[0], "tone").parse::<f64>().expect("tone") > 0.0);
}

#[test]
fn missing_text_column_lists_the_columns() {
    let wd = Workdir::new();
    wd.write("q.csv", "who,words\nPetro,hello\n");
    let out = wd.run(&["score", "q.csv", "-o", "out.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("q.csv: no text column found"), "{err}");
    assert!(err.contains("\"who\", \"words\""), "{err}");
    assert!(err.contains("--text-col"), "{err}");
    assert!(!wd.path("out.csv").exists(), "no output file on error");
}

fn big_csv(rows: usize) -> String {
    let texts = [
        "They will face sanctions and military action, or else!",
        "Thank you President, a GREAT call; we will work together against trafficking.",
        "Nadie quiere tocar las armas, pero defenderemos la patria.",
        "We will not attack anyone, but we reject these illegal threats?",
        "La reunión será el 3 de febrero en Washington.",
        "If they do not stop the drugs, we will strike.",
    ];
    let mut s = String::from("id,speaker,text\n");
    for i in 0..rows {
        s.push_str(&format!(
            "{i},s{},\"{} #{i}\"\n",
            i % 7,
            texts[i % texts.len()]
        ));
    }
    s
}

#[test]
fn output_is_identical_with_one_or_two_threads_and_any_batch() {
    let wd = Workdir::new();
    wd.write("big.csv", big_csv(30_000));
    let mut outputs = Vec::new();
    for (threads, batch) in [("1", "8192"), ("2", "8192"), ("2", "7"), ("3", "1000")] {
        for format in ["csv", "jsonl"] {
            let name = format!("out-{threads}-{batch}.{format}");
            let out = wd.run(
                &[
                    "score",
                    "big.csv",
                    "-o",
                    &name,
                    "--threads",
                    threads,
                    "--batch",
                    batch,
                    "--format",
                    format,
                ],
                None,
            );
            assert!(out.status.success(), "{}", stderr(&out));
            outputs.push((format, std::fs::read(wd.path(&name)).expect("output")));
        }
    }
    for format in ["csv", "jsonl"] {
        let same: Vec<&Vec<u8>> = outputs
            .iter()
            .filter(|(f, _)| *f == format)
            .map(|(_, b)| b)
            .collect();
        assert!(
            same.windows(2).all(|w| w[0] == w[1]),
            "{format} outputs differ between thread counts"
        );
    }
    let (_, rows) = parse_csv(&String::from_utf8_lossy(&outputs[0].1));
    assert_eq!(rows.len(), 30_000);
    assert_eq!(rows[29_999][0], "29999", "order kept");
}

#[test]
fn ragged_row_is_an_error_naming_line_and_row() {
    let wd = Workdir::new();
    wd.write("q.csv", "id,text\n1,hello\n2,too,many\n3,fine\n");
    let out = wd.run(&["score", "q.csv", "-o", "out.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("q.csv:3 (row 2)"), "{err}");
    assert!(
        err.contains("expected 2 fields like the header, found 3"),
        "{err}"
    );
    assert!(err.contains("--skip-bad-rows"), "{err}");
    assert!(
        !wd.path("out.csv").exists(),
        "a failed run leaves no output"
    );
}

/// Regression: with Windows line ends (CRLF, as spreadsheet exports write them) the csv crate
/// reports each record one line early (BurntSushi/rust-csv#395); the lines named must be the
/// file's, also after a quoted field that spans lines.
#[test]
fn crlf_files_get_the_right_line_numbers() {
    let wd = Workdir::new();
    wd.write(
        "w.csv",
        "id,text\r\n1,\"two\r\nlines\"\r\n2,too,many\r\n3,fine\r\n4,x,y\r\n",
    );
    let out = wd.run(&["score", "w.csv", "-o", "out.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("w.csv:4 (row 2)"), "{}", stderr(&out));
    let out = wd.run(
        &[
            "score",
            "w.csv",
            "-o",
            "out.csv",
            "--skip-bad-rows",
            "--rejects",
            "r.csv",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (_, rows) = parse_csv(&wd.read("r.csv"));
    let lines: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(lines, ["4", "6"]);
}

/// Runs `score FILE -o out.csv --skip-bad-rows --rejects r.csv` with `extra` arguments and the
/// given threads and batch, checks that rows were rejected and the summary line says
/// `summary`, and returns the rejects file's rows and the output.
fn score_with_rejects(
    wd: &Workdir,
    file: &str,
    extra: &[&str],
    (threads, batch): (&str, &str),
    summary: &str,
) -> (Vec<Vec<String>>, String) {
    let mut args = vec![
        "score",
        file,
        "-o",
        "out.csv",
        "--skip-bad-rows",
        "--rejects",
        "r.csv",
        "--threads",
        threads,
        "--batch",
        batch,
    ];
    args.extend_from_slice(extra);
    let out = wd.run(&args, None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(summary), "{err}");
    (parse_csv(&wd.read("r.csv")).1, wd.read("out.csv"))
}

/// The input is cut into chunks of whole records that the threads parse on their own: lines
/// and rows named in rejects, and the output, must not depend on where the cuts fall, with a
/// byte-order mark, blank lines, CRLF and lone CR line ends, quoted fields over several
/// lines, escaped quotes and a last row without a line end.
#[test]
fn rejects_name_the_same_lines_wherever_chunks_are_cut() {
    let wd = Workdir::new();
    wd.write(
        "m.csv",
        concat!(
            "\u{feff}id,text\r\n",               // line 1
            "1,\"two\r\nlines\"\r\n",            // lines 2-3
            "\r\n",                              // line 4: blank
            "2,too,many\r\n",                    // line 5: ragged
            "\n",                                // line 6: blank
            "3,\"say \"\"hi\"\"\nthen\nbye\"\n", // lines 7-9
            "4,x,y\n",                           // line 10: ragged
            "5,ok\r6,a,b\r\n",                   // line 11: two rows, the second ragged
            "\"7\",\"fine, \"\"quoted\"\"\"\n",  // line 12
            "8,last,bad",                        // line 13: ragged, no line end
        ),
    );
    let mut outputs = Vec::new();
    for (threads, batch) in [
        ("1", "8192"),
        ("1", "1"),
        ("2", "1"),
        ("2", "2"),
        ("3", "3"),
    ] {
        let (rows, output) = score_with_rejects(
            &wd,
            "m.csv",
            &[],
            (threads, batch),
            "read 8 rows: 4 scored, 4 rejected",
        );
        let places: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r[0].as_str(), r[1].as_str()))
            .collect();
        assert_eq!(
            places,
            [("5", "2"), ("10", "4"), ("11", "6"), ("13", "8")],
            "threads {threads}, batch {batch}"
        );
        let (header, scored) = parse_csv(&output);
        assert_eq!(
            header[0], "id",
            "the byte-order mark is not part of the name"
        );
        assert_eq!(
            scored.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
            [
                "two\r\nlines",
                "say \"hi\"\nthen\nbye",
                "ok",
                "fine, \"quoted\""
            ]
        );
        outputs.push(output);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
}

#[test]
fn skip_bad_rows_accounts_for_every_row() {
    let wd = Workdir::new();
    let mut data = b"id,text\n1,hello\n2,too,many\n3,".to_vec();
    data.extend_from_slice(b"bad \xff utf8\n4,fine\n");
    wd.write("q.csv", &data);
    let out = wd.run(
        &[
            "score",
            "q.csv",
            "-o",
            "out.csv",
            "--skip-bad-rows",
            "--rejects",
            "rejects.csv",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "exit 1 when rows were rejected");
    let err = stderr(&out);
    assert!(err.contains("read 4 rows: 2 scored, 2 rejected"), "{err}");
    assert!(err.contains("q.csv:4 (row 3, column 2 (text))"), "{err}");
    let (_, rows) = parse_csv(&wd.read("out.csv"));
    assert_eq!(
        rows.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["1", "4"]
    );
    let (h, rej) = parse_csv(&wd.read("rejects.csv"));
    assert_eq!(h, ["line", "row", "column", "reason", "fields"]);
    assert_eq!(rej.len(), 2);
    assert_eq!(rej[0][1], "2");
    assert!(rej[1][3].contains("invalid UTF-8"), "{:?}", rej[1]);
}

#[test]
fn bad_rows_across_batches_and_threads_keep_order_and_count() {
    // 600 rows in batches of 7 on two threads: the bad rows sit in different batches and
    // chunks, and must be rejected (or stop the run) exactly where a single loop would.
    let wd = Workdir::new();
    let mut data = b"id,text\n".to_vec();
    for i in 1..=600u32 {
        match i {
            250 => data.extend_from_slice(b"250,too,many\n"),
            401 => data.extend_from_slice(b"401,bad \xff utf8\n"),
            _ => data.extend_from_slice(format!("{i},we thank them #{i}\n").as_bytes()),
        }
    }
    wd.write("q.csv", &data);
    let args = [
        "score",
        "q.csv",
        "-o",
        "out.csv",
        "--threads",
        "2",
        "--batch",
        "7",
    ];
    let out = wd.run(&args, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("q.csv:251 (row 250)"),
        "{}",
        stderr(&out)
    );
    assert!(!wd.path("out.csv").exists());

    let out = wd.run(&[&args[..], &["--skip-bad-rows", "-q"]].concat(), None);
    assert_eq!(out.status.code(), Some(1));
    let (_, rows) = parse_csv(&wd.read("out.csv"));
    let ids: Vec<u32> = rows.iter().map(|r| r[0].parse().expect("id")).collect();
    let expected: Vec<u32> = (1..=600).filter(|i| *i != 250 && *i != 401).collect();
    assert_eq!(ids, expected);
}

#[test]
fn oversized_field_is_rejected() {
    let wd = Workdir::new();
    let big = "war ".repeat(1000);
    wd.write("q.csv", format!("id,text\n1,{big}\n2,ok\n"));
    let out = wd.run(
        &[
            "score",
            "q.csv",
            "--max-field-bytes",
            "100",
            "--skip-bad-rows",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("exceeds the limit of 100"),
        "{}",
        stderr(&out)
    );
    assert_eq!(parse_csv(&stdout(&out)).1.len(), 1);
}

/// Regression: the rejects file was written with the csv crate's writer, which searches the
/// rest of a quoted field again each time its buffer fills (a 100 MB field took 22 s; now
/// about 1 s), and its last column lost the row's trailing spaces. The row comes back whole.
#[test]
fn rejects_file_keeps_a_large_row_whole() {
    let wd = Workdir::new();
    let big = "say \"war\", then\nmore ".repeat(100_000);
    let mut data = String::from("id,text,note\n1,ok,x\n2,\"");
    data.push_str(&big.replace('"', "\"\""));
    data.push_str("\",note \n3,a\n\"\"\n");
    wd.write("q.csv", &data);
    let (rows, _) = score_with_rejects(
        &wd,
        "q.csv",
        &[],
        ("0", "8192"),
        "read 4 rows: 1 scored, 3 rejected",
    );
    assert_eq!(rows.len(), 3, "the oversized row and two ragged ones");
    assert!(rows[0][3].contains("exceeds the limit"), "{:?}", rows[0][3]);
    let (_, inner) = parse_csv(&format!("a,b,c\n{}\n", rows[0][4]));
    assert_eq!(inner[0], ["2", big.as_str(), "note "]);
    assert_eq!(rows[1][4], "3,a");
    // A row of one empty field is written as a quoted empty field, not an empty line.
    assert_eq!(rows[2][4], "\"\"");
}

/// A row longer than any good row can be (more than the header's fields times twice
/// --max-field-bytes: an unclosed quote swallowing the rest of a file, say) is read to its end
/// without being kept, rejected with its first bytes, and the rows after it go on with the
/// right line numbers; memory stays bounded by the limit, not by the row.
#[test]
fn a_row_too_long_to_be_good_is_rejected_without_being_kept() {
    let wd = Workdir::new();
    // 300 KB over 1,500 lines: more than one read of the input, so it is still going on when
    // it passes the limit (a long row read whole is rejected by its field's length).
    let long = format!("{}\n", "word ".repeat(40)).repeat(1500);
    wd.write(
        "q.csv",
        format!("id,text\n1,fine\n2,\"{long}\"\n3,we welcome the talks\n4,too,many\n"),
    );
    let mut outputs = Vec::new();
    for (threads, batch) in [("1", "8192"), ("2", "1"), ("3", "2")] {
        let (rows, output) = score_with_rejects(
            &wd,
            "q.csv",
            &["--max-field-bytes", "100"],
            (threads, batch),
            "read 4 rows: 2 scored, 2 rejected",
        );
        let lines: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(lines, ["3", "1505"], "threads {threads}, batch {batch}");
        assert!(
            rows[0][3].contains("longer than 2 fields"),
            "{:?}",
            rows[0][3]
        );
        // The row's first 64 KiB as they are in the file, as one field.
        let excerpt = rows[0][4].get(..20).unwrap_or("");
        assert_eq!(excerpt, "\"2,\"\"word word word ", "{excerpt:?}");
        assert!(rows[0][4].len() < 70_000 + 100);
        assert!(rows[1][3].contains("expected 2 fields"), "{:?}", rows[1][3]);
        outputs.push(output);
    }
    assert!(outputs.windows(2).all(|w| w[0] == w[1]));
    let (_, scored) = parse_csv(&outputs[0]);
    assert_eq!(
        scored.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["1", "3"]
    );
}

/// The first row sets the number of fields, so one that does not end (an unclosed quote in
/// the header) is an error once it passes 16 MiB, not a read of the whole file into memory.
#[test]
fn a_first_row_that_does_not_end_is_an_error() {
    let wd = Workdir::new();
    let mut data = b"id,\"text\n".to_vec();
    data.extend(std::iter::repeat_n(b'x', 17 << 20));
    wd.write("q.csv", &data);
    let out = wd.run(&["score", "q.csv", "-o", "out.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the first row is longer than"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn empty_input_is_an_error() {
    let wd = Workdir::new();
    wd.write("empty.csv", "");
    let out = wd.run(&["score", "empty.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty.csv: the input is empty"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn header_only_gives_header_only() {
    let wd = Workdir::new();
    let out = wd.run(&["score"], Some(b"id,text\n"));
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn already_scored_input_is_refused_but_a_lang_column_is_kept() {
    let wd = Workdir::new();
    let first = wd.run(&["score"], Some(b"id,lang,text\n1,en,thank you\n"));
    assert!(first.status.success());
    let (h, _) = parse_csv(&stdout(&first));
    assert!(
        h.contains(&"lang".to_string()) && h.contains(&"score_lang".to_string()),
        "{h:?}"
    );
    let json = wd.run(
        &["score", "--format", "jsonl"],
        Some(b"id,lang,label,text\n1,en,mine,thank you\n"),
    );
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(v["lang"], "en");
    assert_eq!(v["label"], "mine", "the input's label is kept");
    let score_label = v["score_label"].as_str().unwrap_or("");
    assert!(
        ["conciliatory", "cooperative"].contains(&score_label),
        "the score's label is renamed, not duplicated: {v}"
    );
    let again = wd.run(&["score"], Some(&first.stdout));
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("detente output already"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn no_headers_mode_for_map_steps() {
    let wd = Workdir::new();
    let chunk = "7,\"We will strike, or else\"\n8,\"Thank you, friend\"\n";
    let out = wd.run(
        &["score", "--no-headers", "--text-col", "2"],
        Some(chunk.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "no header line: {text}");
    assert!(lines[0].starts_with("7,"));
    // Concatenated chunk outputs equal the output of the whole.
    let whole = wd.run(
        &["score", "--no-headers", "--text-col", "2"],
        Some(format!("{chunk}{chunk}").as_bytes()),
    );
    assert_eq!(whole.stdout, [out.stdout.clone(), out.stdout].concat());
}

#[test]
fn broken_pipe_exits_quietly() {
    let wd = Workdir::new();
    wd.write("big.csv", big_csv(200_000));
    let mut child = wd
        .command()
        .args(["score", "big.csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 1024];
    child
        .stdout
        .as_mut()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("read head");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn user_lexicon_changes_the_score() {
    let wd = Workdir::new();
    wd.write("extra.tsv", "fentanyl\t-3\taccusation\tour own entry\n");
    let base = wd.run(&["score", "--format", "jsonl"], Some(b"text\nfentanyl\n"));
    let with = wd.run(
        &["score", "--format", "jsonl", "--lexicon", "extra.tsv"],
        Some(b"text\nfentanyl\n"),
    );
    assert!(with.status.success(), "{}", stderr(&with));
    let v: serde_json::Value = serde_json::from_slice(&with.stdout).expect("json");
    let b: serde_json::Value = serde_json::from_slice(&base.stdout).expect("json");
    assert_eq!(b["label"], "neutral");
    assert_eq!(v["hits"][0]["term"], "fentanyl");
    assert_eq!(v["category"], "accusation");

    wd.write("bad.tsv", "fentanyl\t-3\taccusation\nkilling\t9\tforce\n");
    let bad = wd.run(&["score", "--lexicon", "bad.tsv"], Some(b"text\nx\n"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("bad.tsv:2: bad weight \"9\""),
        "{}",
        stderr(&bad)
    );
}

/// The JSON line of the one statement `out` scored: its label and its first hit's rules.
fn label_and_rules(out: &std::process::Output) -> (String, Vec<String>) {
    assert!(out.status.success(), "{}", stderr(out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules = v["hits"][0]["rules"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (v["label"].as_str().unwrap_or("").to_string(), rules)
}

#[test]
fn user_context_words_extend_the_rules() {
    let wd = Workdir::new();
    let relayed = b"text\nThe minister tweeted that they will attack us.\n";
    // "dispuestos" is a `future` word that is no first person ("vamos" is one since the
    // thirty-first session): the first person must come from "nosotras".
    let future = b"text\nNosotras dispuestos a imponer sanciones.\n";
    let score = |args: &[&str], input: &[u8]| {
        let mut all = vec!["score", "--format", "jsonl"];
        all.extend_from_slice(args);
        label_and_rules(&wd.run(&all, Some(input)))
    };
    // Built in, "tweeted" relays nothing and "nosotras" is no first-person word.
    assert_eq!(score(&[], relayed), ("hostile".to_string(), vec![]));
    assert_eq!(score(&[], future).1, Vec::<String>::new());
    wd.write("en.tsv", "tweeted\trelay\t-\tnews verb on social media\n");
    wd.write("es.tsv", "nosotras\tfirst-person\t-\n");
    let lex = ["--lexicon", "en=en.tsv", "--lexicon", "es=es.tsv"];
    assert_eq!(
        score(&lex, relayed),
        ("neutral".to_string(), vec!["relayed".to_string()])
    );
    assert_eq!(score(&lex, future).1, ["direct-threat"]);
    // A context word applies to its own language only: the Spanish file's word does nothing
    // in an English statement.
    wd.write("es-relay.tsv", "tweeted\trelay\t-\n");
    assert_eq!(
        score(&["--lexicon", "es=es-relay.tsv"], relayed).1,
        Vec::<String>::new()
    );

    // Without the built-in lexicons there are no context words but the user's.
    wd.write("own.tsv", "attack\t-2.5\tforce\n");
    wd.write("own-said.tsv", "attack\t-2.5\tforce\nsaid\trelay\t-\n");
    let said = b"text\nThey said they will attack us.\n";
    let own = |file: &str| score(&["--no-builtin", "--lexicon", file], said).1;
    assert_eq!(score(&[], said).1, ["relayed"]);
    assert_eq!(own("own.tsv"), Vec::<String>::new());
    assert_eq!(own("own-said.tsv"), ["relayed"]);

    // A context word in a role that does not allow its form is a located error.
    wd.write("bad.tsv", "we will\tfuture\t-\n");
    let bad = wd.run(&["score", "--lexicon", "bad.tsv"], Some(relayed));
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("bad.tsv:1: term \"we will\"")
            && stderr(&bad).contains("a future term is one word"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn random_bytes_never_crash_score_or_report() {
    let wd = Workdir::new();
    let mut state = 11u64;
    for case in 0..20 {
        let mut bytes = b"id,text\n".to_vec();
        for _ in 0..(200 + case * 10) {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let b = (state >> 33) as u8;
            // Bias towards CSV structure: quotes, commas, newlines.
            bytes.push(match b % 11 {
                0 => b'"',
                1 => b',',
                2 => b'\n',
                3 => b'\r',
                _ => b,
            });
        }
        let name = format!("fuzz{case}.csv");
        wd.write(&name, &bytes);
        let runs: [&[&str]; 5] = [
            &["score"],
            &["score", "--skip-bad-rows"],
            &["report", "-o", "r.html", "-q"],
            &["report", "--skip-bad-rows", "-o", "r.json", "-q"],
            &[
                "report",
                "--skip-bad-rows",
                "--format",
                "md",
                "-o",
                "r.md",
                "-q",
            ],
        ];
        for extra in runs {
            let mut args = vec![extra[0], name.as_str()];
            args.extend_from_slice(&extra[1..]);
            let out = wd.run(&args, None);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "case {case} {extra:?}: {code:?}\n{}",
                stderr(&out)
            );
            assert!(
                !stderr(&out).contains("panicked"),
                "case {case}: {}",
                stderr(&out)
            );
        }
    }
}

/// The map-reduce path of DESIGN.md run for real: chunks without headers scored by separate
/// processes (as Hadoop Streaming or Spark's `pipe` would), their outputs concatenated under
/// the header that `score` gives an empty input, and `report` over the result equals `report`
/// over the file scored in one piece.
#[test]
fn map_step_outputs_concatenate_into_a_report() {
    let wd = Workdir::new();
    let whole = big_csv(3_000);
    wd.write("whole.csv", &whole);
    let mut lines = whole.lines();
    let header = lines.next().expect("header");
    let body: Vec<&str> = lines.collect();
    // Three map tasks running at once, each on a chunk with no header.
    let children: Vec<_> = body
        .chunks(1_000)
        .map(|chunk| {
            let mut child = wd
                .command()
                .args(["score", "--no-headers", "--text-col", "3", "-q"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("spawn map task");
            let input = format!("{}\n", chunk.join("\n"));
            let mut stdin = child.stdin.take().expect("stdin");
            std::thread::spawn(move || {
                use std::io::Write;
                stdin.write_all(input.as_bytes()).expect("feed chunk");
            });
            child
        })
        .collect();
    let parts: Vec<Vec<u8>> = children
        .into_iter()
        .map(|c| {
            let out = c.wait_with_output().expect("map task");
            assert!(out.status.success());
            out.stdout
        })
        .collect();
    // The output header: what `score` writes for the input header alone.
    let head = wd.run(&["score", "-q"], Some(format!("{header}\n").as_bytes()));
    let mut reduced = head.stdout.clone();
    for p in &parts {
        reduced.extend_from_slice(p);
    }
    wd.write("reduced.csv", &reduced);
    let one_piece = wd.run(&["score", "whole.csv", "-q"], None);
    assert_eq!(
        reduced, one_piece.stdout,
        "concatenated map outputs equal one scoring pass"
    );
    let a = wd.run(
        &["report", "reduced.csv", "--format", "md", "--title", "t"],
        None,
    );
    let b = wd.run(
        &["report", "whole.csv", "--format", "md", "--title", "t"],
        None,
    );
    assert!(a.status.success(), "{}", stderr(&a));
    let strip = |o: &std::process::Output| {
        stdout(o)
            .lines()
            .filter(|l| {
                !l.contains("statements from")
                    && !l.starts_with("- **Input**")
                    && !l.starts_with("- **Scores**")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(
        strip(&a),
        strip(&b),
        "report over the reduced output equals report over the raw file"
    );
}

/// Runs `detente ARGS` in `w` on a pseudo-terminal (util-linux `script`), returning what the
/// terminal showed, or None when `script` is not installed.
fn on_terminal(w: &Workdir, args: &str) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_detente");
    let out = std::process::Command::new("script")
        .args(["-qec", &format!("{bin} {args}"), "/dev/null"])
        .current_dir(w.path("."))
        .env_remove("DETENTE_NO_PROGRESS")
        .stdin(std::process::Stdio::null())
        .output()
        .ok()?;
    assert!(out.status.success(), "{}", stderr(&out));
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn progress_bar_only_on_a_terminal_and_never_under_quiet() {
    let w = Workdir::new();
    w.write("big.csv", big_csv(3000));
    // Not a terminal: the summary line and nothing else, no escape sequences.
    let o = w.run(&["score", "big.csv", "-o", "out.csv"], None);
    assert!(o.status.success());
    let summary = stderr(&o);
    assert!(
        summary.starts_with("detente: read 3000 rows: 3000 scored, 0 rejected; scored as English ")
            && summary.ends_with('\n')
            && summary.lines().count() == 1,
        "{summary}"
    );
    let Some(shown) = on_terminal(&w, "score big.csv -o out.csv") else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    // The bar counts bytes of the file, then is erased before the summary line.
    let size = std::fs::metadata(w.path("big.csv")).expect("size").len();
    assert!(size > 1024, "the fixture is at least a KiB");
    assert!(shown.contains("KiB"), "{shown:?}");
    let summary = shown
        .rfind("detente: read 3000 rows")
        .expect("summary printed");
    assert!(
        shown[..summary].ends_with("\r\u{1b}[2K"),
        "the bar is cleared before the summary: {shown:?}"
    );
    assert_eq!(
        on_terminal(&w, "score big.csv -o out2.csv -q").as_deref(),
        Some("")
    );
    assert_eq!(w.read("out.csv"), w.read("out2.csv"));
}

/// Regression: `-o /dev/null` once renamed a temporary file onto /dev/null, replacing the
/// device with a regular file for every program on the machine. A named pipe stands in for
/// the device here: it must still be a pipe afterwards and must have carried the output.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_or_device_is_written_in_place_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let w = Workdir::new();
    w.write("in.csv", "id,text\n1,We will attack\n2,Thank you\n");
    let fifo = w.path("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
    };
    let o = w.run(&["score", "in.csv", "-o", "out.fifo", "-q"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    // Checked before waiting for the reader: had the pipe been replaced, the reader would
    // wait forever for a writer.
    let kind = std::fs::metadata(&fifo).expect("still there").file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by {kind:?}");
    let through = reader.join().expect("reader");
    let (header, rows) = parse_csv(&through);
    assert_eq!(header.first().map(String::as_str), Some("id"));
    assert_eq!(rows.len(), 2);
    // And no temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(w.path("."))
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".detente-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An output path that is a symbolic link stays a link: the file it points to is replaced
/// (atomically), not the link (`-o /dev/stdout` with stdout redirected to a file is this case).
#[cfg(unix)]
#[test]
fn output_through_a_symlink_replaces_the_file_and_keeps_the_link() {
    let w = Workdir::new();
    w.write("in.csv", "id,text\n1,We will attack\n");
    std::fs::create_dir(w.path("runs")).expect("mkdir");
    w.write("runs/a.csv", "old\n");
    std::os::unix::fs::symlink("runs/a.csv", w.path("latest.csv")).expect("symlink");
    let o = w.run(&["score", "in.csv", "-o", "latest.csv", "-q"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(w.path("latest.csv")).expect("link");
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let (_, rows) = parse_csv(&w.read("runs/a.csv"));
    assert_eq!(rows.len(), 1);
}

/// Long statements (speeches) fill batches by bytes, not only by rows: the same output as row
/// by row, and every row accounted for, when a batch ends before its row count.
#[test]
fn long_statements_batch_by_bytes_with_the_same_output() {
    let wd = Workdir::new();
    let mut csv = String::from("id,text\n");
    let sentence =
        "We will attack if they do not stop, but we thank our partners for the agreement. ";
    for i in 0..90 {
        // About 70 KB each: 90 of them are over the 4 MiB a batch holds.
        csv.push_str(&format!("{i},\"{}\"\n", sentence.repeat(840 + i)));
    }
    wd.write("long.csv", &csv);
    let whole = wd.run(&["score", "long.csv", "-q"], None);
    assert!(whole.status.success(), "{}", stderr(&whole));
    let by_row = wd.run(
        &["score", "long.csv", "-q", "--threads", "1", "--batch", "1"],
        None,
    );
    assert_eq!(whole.stdout, by_row.stdout);
    let (_, rows) = parse_csv(&stdout(&whole));
    assert_eq!(rows.len(), 90);
    assert_eq!(rows[89][0], "89");
}

/// Spreadsheets in many locales save with `;`, and tab-separated files are common: with
/// `--delimiter` they give the same scores, report and comma-separated output as the comma
/// file; without it, a header that splits into column names at `;` or a tab is an error that
/// names the flag, where the whole line used to be scored as one statement.
#[test]
fn semicolon_and_tab_separated_input_with_delimiter() {
    let wd = Workdir::new();
    let comma = founding_with(b',');
    let run = |args: &[&str], input: &[u8]| {
        let out = wd.run(args, Some(input));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out.stdout
    };
    let scored = run(&["score", "-", "-q"], &comma);
    let report = run(&["report", "-", "--format", "md", "-o", "-", "-q"], &comma);
    assert!(String::from_utf8_lossy(&scored).lines().count() > 5);
    for (d, flag) in [(b';', ";"), (b'\t', "tab"), (b'\t', "\\t"), (b'|', "|")] {
        let input = founding_with(d);
        assert_ne!(input, comma);
        assert_eq!(
            run(&["score", "-", "-q", "-d", flag], &input),
            scored,
            "{flag}"
        );
        assert_eq!(
            run(
                &[
                    "score",
                    "-",
                    "-q",
                    "--delimiter",
                    flag,
                    "--threads",
                    "1",
                    "--batch",
                    "2"
                ],
                &input
            ),
            scored,
            "{flag}, one thread, small chunks"
        );
        assert_eq!(
            run(
                &["report", "-", "--format", "md", "-o", "-", "-q", "-d", flag],
                &input
            ),
            report,
            "{flag}"
        );
    }
    // Without the flag.
    for (d, hint) in [(b';', "--delimiter ';'"), (b'\t', "--delimiter tab")] {
        wd.write("other.csv", founding_with(d));
        for cmd in ["score", "report"] {
            let out = wd.run(&[cmd, "other.csv", "-o", "out"], None);
            assert_eq!(out.status.code(), Some(2), "{cmd}");
            assert!(
                stderr(&out).contains("looks separated by") && stderr(&out).contains(hint),
                "{cmd}: {}",
                stderr(&out)
            );
        }
    }
    // A one-column file whose statements hold semicolons is still scored line by line.
    let out = wd.run(
        &["score", "-", "-q"],
        Some(b"quote\nWe reject; we will not yield\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("We reject; we will not yield"));
    // What cannot separate fields.
    // (A file, not stdin: the command stops before reading, which would close a pipe.)
    wd.write("comma.csv", &comma);
    for bad in ["\"", ";;", "", "é"] {
        let out = wd.run(&["score", "comma.csv", "-d", bad], None);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(
            stderr(&out).contains("cannot separate fields"),
            "{}",
            stderr(&out)
        );
    }
}

/// What spreadsheets save as "Unicode text" is UTF-16: the error says so and how to convert,
/// where it used to blame Latin-1 (with a byte-order mark) or list garbled column names
/// (without one).
#[test]
fn utf16_input_is_named_as_such() {
    let wd = Workdir::new();
    let text = "id,text\n1,We will attack\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases = [
        ("le-bom", [&[0xFF, 0xFE][..], &le].concat()),
        ("be-bom", [&[0xFE, 0xFF][..], &be].concat()),
        ("le", le.clone()),
        ("be", be),
    ];
    for (name, bytes) in cases {
        wd.write("u16.csv", &bytes);
        for cmd in ["score", "report"] {
            let out = wd.run(&[cmd, "u16.csv", "-o", "out"], None);
            assert_eq!(out.status.code(), Some(2), "{name} {cmd}");
            let err = stderr(&out);
            assert!(
                err.contains("u16.csv:1: the file is UTF-16")
                    && err.contains("pass --encoding utf-16"),
                "{name} {cmd}: {err}"
            );
        }
        // As the message says: the same scores as from UTF-8 (big-endian without a byte-order
        // mark needs its own label).
        let label = if name == "be" { "utf-16be" } else { "utf-16" };
        let out = wd.run(&["score", "u16.csv", "-q", "--encoding", label], None);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let utf8 = wd.run(&["score", "-", "-q"], Some(text.as_bytes()));
        assert_eq!(stdout(&out), stdout(&utf8), "{name}");
    }
    // UTF-8 with its byte-order mark (what spreadsheets save as "CSV UTF-8") still reads.
    wd.write("bom.csv", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat());
    let out = wd.run(&["score", "bom.csv", "-q"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    // The reverse: a UTF-8 file read with --encoding utf-16 (no byte-order mark, no NUL byte)
    // became one CJK-looking character per two bytes and a "no text column" error listing
    // them; it is now refused for what it is, by every command.
    wd.write("utf8.csv", text);
    for cmd in [
        vec!["score", "utf8.csv"],
        vec!["report", "utf8.csv"],
        vec!["lexicon", "coverage", "utf8.csv"],
    ] {
        for label in ["utf-16", "utf-16be"] {
            let mut args = cmd.clone();
            args.extend(["--encoding", label]);
            let out = wd.run(&args, None);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            let err = stderr(&out);
            assert!(
                err.contains("utf8.csv") && err.contains("it is not UTF-16"),
                "{args:?}: {err}"
            );
        }
    }
}

/// Western European text saved by Windows programs is Windows-1252 (Latin-1): refused with
/// the option to pass, and read with it exactly as the UTF-8 file is, by every command that
/// reads a quotes table.
#[test]
fn windows_1252_input_reads_with_encoding() {
    let wd = Workdir::new();
    let utf8 = "id,date,speaker,text\n\
                1,2026-01-05,Petro,\"¡Rechazamos las amenazas ilegales, señor Trump!\"\n\
                2,2026-01-07,Petro,Gracias por la conversación; fue muy cordial.\n";
    // Every character here is in Latin-1 (so in Windows-1252): one byte each, its code point.
    let latin1 = |text: &str| -> Vec<u8> {
        text.chars()
            .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
            .collect()
    };
    let cp1252 = latin1(utf8);
    assert_ne!(cp1252, utf8.as_bytes());
    wd.write("latin.csv", &cp1252);
    wd.write("utf8.csv", utf8);

    let out = wd.run(&["score", "latin.csv"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("latin.csv:2 (row 1, column 4 (text)): invalid UTF-8")
            && err.contains("pass --encoding windows-1252"),
        "{err}"
    );

    for label in ["windows-1252", "latin1", "ISO-8859-1", "cp1252"] {
        let out = wd.run(&["score", "latin.csv", "-q", "--encoding", label], None);
        assert!(out.status.success(), "{label}: {}", stderr(&out));
        let want = wd.run(&["score", "utf8.csv", "-q"], None);
        assert_eq!(stdout(&out), stdout(&want), "{label}");
        assert!(stdout(&out).contains("señor"), "{}", stdout(&out));
    }
    let md = |file: &str, extra: &[&str]| {
        let mut args = vec!["report", file, "--format", "md"];
        args.extend(extra);
        let out = wd.run(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).replace(file, "INPUT")
    };
    assert_eq!(
        md("latin.csv", &["--encoding", "latin1"]),
        md("utf8.csv", &[])
    );
    let out = wd.run(
        &["lexicon", "coverage", "latin.csv", "--encoding", "latin1"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("señor"), "{}", stdout(&out));

    let gold_utf8 = "label,text\n-2,\"¡Rechazamos las amenazas ilegales, señor Trump!\"\n1,Gracias por la conversación.\n";
    let gold = latin1(gold_utf8);
    wd.write("gold-latin.csv", &gold);
    wd.write("gold-utf8.csv", gold_utf8);
    let eval = |file: &str, extra: &[&str]| {
        let mut args = vec!["eval", file, "--format", "json"];
        args.extend(extra);
        let out = wd.run(&args, None);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).replace(file, "INPUT")
    };
    assert_eq!(
        eval("gold-latin.csv", &["--encoding", "windows-1252"]),
        eval("gold-utf8.csv", &[])
    );

    let out = wd.run(&["score", "utf8.csv", "--encoding", "klingon"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&out)
    );
}

/// Damaged bytes through the transcoders: a score, rejected rows or one error line, never a
/// panic; with --skip-bad-rows every row read is scored or rejected.
#[test]
fn damaged_files_through_encodings_never_panic() {
    let wd = Workdir::new();
    let base = std::fs::read(crate::util::founding_csv()).expect("founding csv");
    let mut seed = 0x0DDB_1A5E_5BAD_5EEDu64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..8 {
        let mut bytes = base.clone();
        for _ in 0..(1 + next() % 40) {
            if bytes.is_empty() {
                bytes.push(b'x');
            }
            let at = (next() % bytes.len() as u64) as usize;
            match next() % 4 {
                0 => bytes[at] = (next() % 256) as u8,
                1 => bytes.insert(at, [b'"', b'\n', 0, 0xFF, 0xFE][(next() % 5) as usize]),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes.truncate(at.max(1)),
            }
        }
        if case % 3 == 0 {
            bytes.splice(0..0, [0xFF, 0xFE]);
        }
        wd.write("damaged.csv", &bytes);
        for label in ["windows-1252", "utf-16", "utf-16be", "iso-8859-15"] {
            let out = wd.run(
                &[
                    "score",
                    "damaged.csv",
                    "--encoding",
                    label,
                    "--skip-bad-rows",
                    "-o",
                    "out.csv",
                ],
                None,
            );
            let err = stderr(&out);
            match out.status.code() {
                Some(0) | Some(1) => {
                    let summary = err.lines().last().unwrap_or("");
                    let nums: Vec<u64> = summary
                        .split(|c: char| !c.is_ascii_digit())
                        .filter_map(|n| n.parse().ok())
                        .collect();
                    assert!(
                        summary.starts_with("detente: read ") && nums.len() >= 3,
                        "case {case} {label}: {err}"
                    );
                    assert_eq!(nums[0], nums[1] + nums[2], "case {case} {label}: {summary}");
                }
                Some(2) => assert!(
                    err.starts_with("detente: ") && err.lines().count() == 1,
                    "case {case} {label}: {err}"
                ),
                other => panic!("case {case} {label}: exit {other:?}: {err}"),
            }
        }
        // The report's three readings (a memory budget of 0) on the same damaged file: the
        // report of one reading, or the same one error line.
        let report = |budget: &str| {
            wd.run(
                &[
                    "report",
                    "damaged.csv",
                    "--encoding",
                    "windows-1252",
                    "--skip-bad-rows",
                    "--format",
                    "md",
                    "--memory-budget",
                    budget,
                    "--top-speakers",
                    "1",
                ],
                None,
            )
        };
        let (once, again) = (report("16"), report("0"));
        assert!(matches!(once.status.code(), Some(0..=2)), "case {case}");
        assert_eq!(once.status.code(), again.status.code(), "case {case}");
        let strip = |o: &std::process::Output| -> String {
            stdout(o)
                .split_inclusive('\n')
                .filter(|l| !l.starts_with("- **Memory**"))
                .collect()
        };
        assert_eq!(strip(&once), strip(&again), "case {case}");
        assert_eq!(stderr(&once), stderr(&again), "case {case}");
    }
}

#[test]
fn escape_formulas_prefixes_only_what_a_spreadsheet_would_run() {
    let wd = Workdir::new();
    // Many rows, so that two threads cut the input into several chunks.
    let mut input = String::from("id,speaker,=cmd,text\n");
    for i in 0..3000 {
        let (speaker, text) = match i % 4 {
            0 => (
                "@petrogustavo",
                "\"=HYPERLINK(\"\"http://x\"\",\"\"go\"\") we will attack\"",
            ),
            1 => ("-3", "\"- We will respond, with force\""),
            2 => ("+57", "+1.5"),
            _ => ("Ana", "We thank our partners"),
        };
        input.push_str(&format!("{i},{speaker},x,{text}\n"));
    }
    wd.write("in.csv", &input);
    let run = |args: &[&str]| {
        let mut all = vec!["score", "in.csv", "-q"];
        all.extend_from_slice(args);
        let out = wd.run(&all, None);
        assert!(out.status.success(), "{}", stderr(&out));
        out.stdout
    };
    let plain = run(&[]);
    let escaped = run(&["--escape-formulas", "--threads", "1"]);
    assert_eq!(escaped, run(&["--escape-formulas", "--threads", "2"]));
    let (ph, prows) = crate::util::parse_csv(&String::from_utf8(plain).expect("utf-8"));
    let (eh, erows) = crate::util::parse_csv(&String::from_utf8(escaped).expect("utf-8"));
    assert_eq!(ph[2], "=cmd");
    assert_eq!(eh[2], "'=cmd");
    assert_eq!(ph.len(), eh.len());
    assert_eq!(prows.len(), 3000);
    assert_eq!(prows.len(), erows.len());
    // Every field is the same but for a ' before those that start a formula; the score
    // columns are untouched.
    let mut prefixed = 0;
    for (p, e) in prows.iter().zip(&erows) {
        for (a, b) in p.iter().zip(e) {
            let formula =
                a.starts_with(['=', '@']) || (a.starts_with('-') && a.parse::<f64>().is_err());
            if formula {
                assert_eq!(*b, format!("'{a}"));
                prefixed += 1;
            } else {
                assert_eq!(a, b);
            }
        }
    }
    // @petrogustavo and =HYPERLINK on 750 rows, "- We will respond" on 750; "-3" and "+1.5"
    // are numbers and stay.
    assert_eq!(prefixed, 750 * 3);
    assert_eq!(erows[1][1], "-3");
    assert_eq!(erows[2][3], "+1.5");

    let jsonl = wd.run(
        &["score", "in.csv", "--escape-formulas", "--format", "jsonl"],
        None,
    );
    assert_eq!(jsonl.status.code(), Some(2));
    assert!(stderr(&jsonl).contains("--escape-formulas: is for CSV output"));
}

/// The summary line says how many rows were scored in each language: a Spanish corpus read
/// as English would show at a glance.
#[test]
fn summary_counts_rows_per_language() {
    let wd = Workdir::new();
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/gold/dev5.csv");
    for threads in ["1", "2"] {
        let out = wd.run(
            &[
                "score",
                &gold.to_string_lossy(),
                "-o",
                "s.csv",
                "--threads",
                threads,
            ],
            None,
        );
        assert!(out.status.success(), "{}", stderr(&out));
        // dev5 has 100 English and 100 Spanish rows, and the guess matches its lang column.
        assert!(
            stderr(&out).contains(
                "read 200 rows: 200 scored, 0 rejected; scored as English 100, as Spanish 100\n"
            ),
            "{}",
            stderr(&out)
        );
    }
    let out = wd.run(
        &[
            "score",
            &gold.to_string_lossy(),
            "-o",
            "s.csv",
            "--lang",
            "es",
        ],
        None,
    );
    assert!(
        stderr(&out).contains("scored as English 0, as Spanish 200"),
        "{}",
        stderr(&out)
    );
}

/// A file that ends inside a quoted field (a truncated download, a stray quote) would have its
/// last row take in every line after the quote as text, rows and all: that row is rejected,
/// never scored, and with --skip-bad-rows it goes to the rejects file whole.
#[test]
fn an_unclosed_quote_at_the_end_of_the_input_is_a_rejected_row() {
    let wd = Workdir::new();
    bad_row_is_rejected_whole(
        b"id,text\n0,Thank you\n1,\"We will respond\n2,We reject the threats\n",
        "<stdin>:3 (row 2): the input ends inside a quoted field that opens in this row",
        &["0"],
        "We will respond\n2,We reject the threats",
    );
    // A quote closed at the very end is fine, and so is a header's closed quote.
    let out = wd.run(
        &["score", "-q", "--text-col", "2"],
        Some(b"id,\"te\"\"xt\"\n1,\"We will respond\""),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // A header row whose quote never closes cannot be read at all.
    let out = wd.run(&["score", "-q"], Some(b"id,\"text\n1,hi\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>:1: the header row opens a quoted field"),
        "{}",
        stderr(&out)
    );
}

/// `--header LINE`: a chunk without its header, read as the whole file is: columns by name,
/// JSON Lines keys as in one pass, no header in the CSV output, an empty chunk is no error.
#[test]
fn header_names_the_columns_of_a_chunk_without_one() {
    let wd = Workdir::new();
    let whole = founding_with(b',');
    let text = String::from_utf8(whole.clone()).expect("utf-8");
    let (header, body) = text.split_once('\n').expect("header line");
    for format in ["csv", "jsonl"] {
        let one = wd.run(&["score", "-q", "--format", format], Some(&whole));
        let chunk = wd.run(
            &["score", "-q", "--format", format, "--header", header],
            Some(body.as_bytes()),
        );
        assert!(chunk.status.success(), "{}", stderr(&chunk));
        let expected = match format {
            // The CSV output of a chunk has no header: the header line's own output goes on top.
            "csv" => stdout(&one)
                .split_once('\n')
                .map(|(_, rows)| rows.to_string())
                .expect("rows"),
            _ => stdout(&one),
        };
        assert_eq!(stdout(&chunk), expected, "{format}");
    }
    // JSONL keys are the names, and a score column clashing with one is renamed as in one pass.
    assert!(
        stdout(&wd.run(
            &["score", "-q", "--format", "jsonl", "--header", header],
            Some(body.as_bytes())
        ))
        .contains("\"speaker\":\"Trump\"")
    );

    // An empty chunk: nothing to write, exit 0 (with --no-headers too).
    for args in [&["--header", header][..], &["--no-headers"][..]] {
        let out = wd.run(&[&["score", "-q"][..], args].concat(), Some(b""));
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    // The header's names are checked even so: no text column is an error.
    let out = wd.run(&["score", "--header", "id,words"], Some(b""));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no text column found"),
        "{}",
        stderr(&out)
    );
    // Rows of another width than the header's are ragged, as under a header row.
    let out = wd.run(&["score", "--header", "id,text"], Some(b"1,hi,extra\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected 2 fields like the header, found 3"),
        "{}",
        stderr(&out)
    );
    // A header line that is not one line, or empty, or given with --no-headers.
    for (args, says) in [
        (
            &["--header", "id,\"text"][..],
            "--header: must be one header line",
        ),
        (
            &["--header", "id\ntext"][..],
            "--header: must be one header line",
        ),
        (&["--header", ""][..], "--header: is empty"),
        (
            &["--header", "id,text", "--no-headers"][..],
            "cannot be used with",
        ),
    ] {
        let out = wd.run(&[&["score"][..], args].concat(), Some(b"1,hi\n"));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

/// A stray quote opening a field mid-file runs, as the csv crate reads it, to the next quote in
/// the file (the one opening a later field), taking in the rows between as its text: a quoted
/// field that spans line breaks and closes in the middle of a field is rejected, naming its
/// column. A quoted field over several lines that closes properly is text like any other.
#[test]
fn a_stray_quote_that_takes_in_rows_is_rejected() {
    bad_row_is_rejected_whole(
        b"id,text,source\n1,\"We will respond,wire\n2,We reject the threats,wire\n\
          3,\"Thank you\",wire\n4,We welcome the talks,wire\n",
        "<stdin>:2 (row 1, column 2 (text)): a quoted field that runs over",
        &["4"],
        "2,We reject the threats,wire",
    );
    let wd = Workdir::new();
    // Well-formed: a quoted field over two lines, doubled quotes, text after a closing quote
    // on one line.
    let good = b"id,text,source\n1,\"We will respond\non two lines\",wire\n\
                 2,\"He said \"\"no\"\" today\",wire\n3,\"Hello\" world,wire\n";
    let out = wd.run(&["score", "-q"], Some(good));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(parse_csv(&stdout(&out)).1.len(), 3);
}

/// `input` holds one bad row that took in the lines after it: `score` stops on it with an
/// error saying `says`; with --skip-bad-rows it exits 1, scores the rows with the ids
/// `scored`, and keeps the bad row whole, `kept` among its text, in the rejects file.
fn bad_row_is_rejected_whole(input: &[u8], says: &str, scored: &[&str], kept: &str) {
    let wd = Workdir::new();
    let out = wd.run(&["score", "-q"], Some(input));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(says), "{}", stderr(&out));
    let rejects = wd.path("rejects.csv");
    let out = wd.run(
        &[
            "score",
            "--skip-bad-rows",
            "--rejects",
            &rejects.to_string_lossy(),
        ],
        Some(input),
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let (h, rows) = parse_csv(&stdout(&out));
    let ids: Vec<&str> = rows.iter().map(|r| col(&h, r, "id")).collect();
    assert_eq!(ids, scored);
    let summary = format!(
        "read {} rows: {} scored, 1 rejected",
        scored.len() + 1,
        scored.len()
    );
    assert!(stderr(&out).contains(&summary), "{}", stderr(&out));
    let rejected = std::fs::read_to_string(&rejects).expect("rejects file");
    assert!(
        rejected.contains(kept),
        "the lines taken in are kept in the rejected row: {rejected}"
    );
}

/// A thread count far past any machine's cores is refused at once instead of starting that
/// many threads (each holding chunks of input): `--threads 100000` took gigabytes before.
#[test]
fn threads_beyond_the_limit_are_refused() {
    let wd = Workdir::new();
    let out = wd.run(&["score", "--threads", "100000"], Some(b"id,text\n1,hi\n"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--threads: 100000 threads is more than detente runs (at most 256"),
        "{}",
        stderr(&out)
    );
    let out = wd.run(
        &["score", "--threads", "256", "-q"],
        Some(b"id,text\n1,hi\n"),
    );
    assert!(out.status.success(), "{}", stderr(&out));
}

/// `--split sentences`: one row per sentence, the text column holding it and a `sentence`
/// column numbering it; each sentence scored as a statement of its own.
#[test]
fn split_sentences_scores_each_sentence_in_its_own_row() {
    let wd = Workdir::new();
    wd.write(
        "speech.csv",
        "id,speaker,text\n\
         1,Trump,\"Thank you, Mr. President! The U.S. will strike the cartels. We are ready to talk.\"\n\
         2,Petro,\"¿Quieren guerra? No la tendrán.\n\nColombia no es colonia de nadie.\"\n\
         3,Nobody,\n",
    );
    let out = wd.run(
        &[
            "score",
            "speech.csv",
            "--split",
            "sentences",
            "-o",
            "out.csv",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (headers, rows) = parse_csv(&wd.read("out.csv"));
    let mut want: Vec<String> = ["id", "speaker", "text", "sentence"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    want.extend(SCORE_COLS.iter().map(|s| s.to_string()));
    assert_eq!(headers, want);
    let parts: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                col(&headers, r, "id"),
                col(&headers, r, "sentence"),
                col(&headers, r, "text"),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("1", "1", "Thank you, Mr. President!"),
            ("1", "2", "The U.S. will strike the cartels."),
            ("1", "3", "We are ready to talk."),
            ("2", "1", "¿Quieren guerra?"),
            ("2", "2", "No la tendrán."),
            ("2", "3", "Colombia no es colonia de nadie."),
            ("3", "1", ""),
        ]
    );
    // Each row's scores are its sentence's, as `score` gives them for that sentence alone.
    let scorer = detente::Scorer::new().expect("builtin lexicons");
    for r in &rows {
        let s = scorer.score(col(&headers, r, "text"));
        let tone: f64 = col(&headers, r, "tone").parse().expect("tone");
        assert!((tone - s.tone).abs() < 1e-4, "{r:?} against {}", s.tone);
    }
    assert!(
        stderr(&out).contains("read 3 rows: 3 scored as 7 sentences, 0 rejected"),
        "{}",
        stderr(&out)
    );
}

/// Paragraphs, JSON Lines (the part number is a number), a clash with an input column of the
/// same name, and the same bytes on one thread or three with small chunks.
#[test]
fn split_paragraphs_jsonl_and_threads() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "id,paragraph,text\n1,x,\"We thank Colombia.\n\nBut we reject these threats!\"\n",
    );
    let out = wd.run(
        &[
            "score",
            "p.csv",
            "--split",
            "paragraphs",
            "--format",
            "jsonl",
        ],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["paragraph"], "x", "the input column is kept");
    assert_eq!(lines[0]["score_paragraph"], 1);
    assert_eq!(lines[1]["score_paragraph"], 2);
    assert_eq!(lines[1]["text"], "But we reject these threats!");
    assert!(lines[0]["tone"].as_f64().expect("tone") > 0.0);
    assert!(lines[1]["tone"].as_f64().expect("tone") < 0.0);

    wd.write("big.csv", big_csv(5_000));
    let mut outputs = Vec::new();
    for (threads, batch) in [("1", "8192"), ("3", "7")] {
        for split in ["sentences", "paragraphs"] {
            let out = wd.run(
                &[
                    "score",
                    "big.csv",
                    "--split",
                    split,
                    "--threads",
                    threads,
                    "--batch",
                    batch,
                ],
                None,
            );
            assert!(out.status.success(), "{}", stderr(&out));
            outputs.push(out.stdout);
        }
    }
    assert_eq!(
        outputs[0], outputs[2],
        "sentences: one thread against three"
    );
    assert_eq!(
        outputs[1], outputs[3],
        "paragraphs: one thread against three"
    );
    // big_csv's texts hold one or two sentences: more rows than statements.
    let (_, rows) = parse_csv(&String::from_utf8_lossy(&outputs[0]));
    assert!(rows.len() > 5_000, "{} rows", rows.len());
}

/// `report` reads a split file's rows as statements.
#[test]
fn report_reads_split_rows() {
    let wd = Workdir::new();
    wd.write("q.csv", QUOTES);
    let out = wd.run(
        &["score", "q.csv", "--split", "sentences", "-o", "s.csv"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (_, rows) = parse_csv(&wd.read("s.csv"));
    let report = wd.run(&["report", "s.csv", "--format", "json"], None);
    assert!(report.status.success(), "{}", stderr(&report));
    let v: serde_json::Value = serde_json::from_str(&stdout(&report)).expect("JSON");
    assert_eq!(v["rows"]["used"].as_u64(), Some(rows.len() as u64));
    assert!(rows.len() > 3, "QUOTES' second statement has two sentences");
}
