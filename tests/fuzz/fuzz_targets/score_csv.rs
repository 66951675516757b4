//! Any bytes as the input of `detente score`: no panic, every row read is scored or rejected,
//! the CSV output reads back with a record per scored row (per part with `--split`), and one
//! thread gives the same bytes as two.
#![no_main]

use detente::score::batch::Pool;
use detente::table::{Format, OnError, Reject, Split, StreamOptions, Summary, score_stream};
use libfuzzer_sys::fuzz_target;

mod common;
use common::{on_both_pools, setup};

type Run = Result<(Vec<u8>, Vec<Reject>, Summary), String>;

fn run(input: &[u8], pool: &Pool, opts: &StreamOptions) -> Run {
    let mut out = Vec::new();
    let mut rejects = Vec::new();
    let summary = score_stream(input, &mut out, &setup().scorer, pool, opts, |r| {
        rejects.push(r);
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok((out, rejects, summary))
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, the rest is the file.
    let Some((&knobs, input)) = data.split_first() else {
        return;
    };
    let opts = StreamOptions {
        delimiter: if knobs & 1 == 0 { b',' } else { b';' },
        on_error: if knobs & 2 == 0 {
            OnError::Skip
        } else {
            StreamOptions::default().on_error
        },
        format: if knobs & 4 == 0 {
            Format::Csv
        } else {
            Format::Jsonl
        },
        max_field_bytes: if knobs & 8 == 0 { 1 << 20 } else { 64 },
        batch_size: 1 + usize::from((knobs >> 4) & 3),
        split: match knobs >> 6 {
            2 => Split::Sentences,
            3 => Split::Paragraphs,
            _ => Split::Whole,
        },
        ..StreamOptions::default()
    };
    match on_both_pools(|pool| run(input, pool, &opts)) {
        Ok((out, rejects, summary)) => {
            // Output rows: one a scored row, or one a part of it with a split (at least one).
            let rows = if opts.split == Split::Whole {
                summary.scored
            } else {
                assert!(summary.parts >= summary.scored, "{summary:?}");
                summary.parts
            };
            assert_eq!(
                summary.scored + summary.rejected,
                summary.read,
                "{summary:?}"
            );
            assert_eq!(rejects.len() as u64, summary.rejected);
            if opts.format == Format::Csv {
                let mut rdr = csv::ReaderBuilder::new().from_reader(&out[..]);
                let records = rdr
                    .byte_records()
                    .collect::<Result<Vec<_>, _>>()
                    .expect("the output is CSV");
                assert_eq!(records.len() as u64, rows);
            } else {
                let lines = out.split(|&b| b == b'\n').filter(|l| !l.is_empty());
                let mut n = 0u64;
                for line in lines {
                    let text = std::str::from_utf8(line).expect("JSON Lines are UTF-8");
                    assert!(text.starts_with('{') && text.ends_with('}'), "{text}");
                    n += 1;
                }
                assert_eq!(n, rows);
            }
        }
        Err(e) => assert!(!e.is_empty() && e.len() < 2000, "{e}"),
    }
});
