//! Any bytes as the input of `detente report` (whole rows or, by the options byte, split into
//! sentences or paragraphs): no panic, every row read is scored or rejected, one thread gives
//! the same report as two, and the HTML page keeps every piece of user text inside its
//! escaping.
#![no_main]

use detente::report::{ReportOptions, html, markdown, report_from_reader};
use detente::score::batch::Pool;
use detente::table::{OnError, Split, StreamOptions};
use libfuzzer_sys::fuzz_target;

mod common;
use common::{on_both_pools, setup};

fn run(input: &[u8], pool: &Pool, opts: &StreamOptions) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut rejected = 0u64;
    let r = report_from_reader(
        input,
        &setup().scorer,
        pool,
        opts,
        &ReportOptions::default(),
        |_| {
            rejected += 1;
            Ok(())
        },
    )
    .map_err(|e| e.to_string())?;
    let s = &r.summary;
    assert_eq!(s.scored + s.rejected, s.read, "{s:?}");
    assert_eq!(s.rejected, rejected);
    let mut page = Vec::new();
    html::render(&r, &mut page).map_err(|e| e.to_string())?;
    let mut md = Vec::new();
    markdown::render(&r, &[], &mut md).map_err(|e| e.to_string())?;
    Ok((page, md))
}

fuzz_target!(|data: &[u8]| {
    let Some((&knobs, input)) = data.split_first() else {
        return;
    };
    let opts = StreamOptions {
        delimiter: if knobs & 1 == 0 { b',' } else { b';' },
        on_error: OnError::Skip,
        batch_size: 1 + usize::from((knobs >> 4) & 3),
        split: match knobs >> 6 {
            2 => Split::Sentences,
            3 => Split::Paragraphs,
            _ => Split::Whole,
        },
        ..StreamOptions::default()
    };
    match on_both_pools(|pool| run(input, pool, &opts)) {
        Ok((page, _)) => {
            let page = String::from_utf8(page).expect("the page is UTF-8");
            // User text never opens an element: the only `<script` is none at all.
            assert!(!page.contains("<script"), "a script element in the page");
        }
        Err(e) => assert!(!e.is_empty() && e.len() < 2000, "{e}"),
    }
});
