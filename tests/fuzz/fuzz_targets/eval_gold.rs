//! Any bytes as a gold file for `detente eval`: an error that names the file, or rows that
//! evaluate without a panic, with every number in its range and one row result per row.
#![no_main]

use detente::Location;
use detente::eval::{Gold, GoldColumns, Split, evaluate};
use libfuzzer_sys::fuzz_target;

mod common;
use common::setup;

fn in_range(x: Option<f64>, lo: f64, hi: f64) {
    if let Some(x) = x {
        assert!(
            x.is_finite() && (lo..=hi).contains(&x),
            "{x} outside {lo}..{hi}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let loc = Location::in_source("gold.csv");
    match Gold::read(data, &GoldColumns::default(), &loc) {
        Ok(gold) => {
            let split = Split::All;
            let rows: Vec<_> = gold.select(&split).collect();
            let ev = evaluate(&setup().scorer, rows.iter().copied());
            assert_eq!(ev.rows.len(), rows.len());
            let m = &ev.overall;
            assert_eq!(m.rows, rows.len());
            in_range(m.spearman, -1.0, 1.0);
            in_range(m.pearson, -1.0, 1.0);
            in_range(m.mae, 0.0, 2.0);
            in_range(m.accuracy, 0.0, 1.0);
            assert_eq!(m.confusion.total() as usize, m.rows);
            let _ = ev.worst(10);
            let _ = gold.splits();
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(msg.contains("gold.csv"), "the error names the file: {msg}");
            assert!(msg.len() < 2000, "{msg}");
        }
    }
});
