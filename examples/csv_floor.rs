//! The physical floor for `detente score`: the same CSV read with the csv crate, every text
//! field touched (checked as UTF-8 and its letters counted) and one short line written per row,
//! with no scoring. `benches/compare.sh` reports detente's times as multiples of this one.
//!
//! Usage: `cargo run --release --example csv_floor -- big.csv > /dev/null` (`-` reads stdin).

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

fn run() -> Result<u64, String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: csv_floor INPUT.csv (- for stdin)")?;
    let input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?)
    };
    let mut rdr = csv::ReaderBuilder::new()
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let text_col = rdr
        .byte_headers()
        .map_err(|e| e.to_string())?
        .iter()
        .position(|h| h.eq_ignore_ascii_case(b"text"))
        .ok_or("no text column")?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    while rdr.read_byte_record(&mut rec).map_err(|e| e.to_string())? {
        rows += 1;
        let text = rec.get(text_col).unwrap_or(b"");
        let text = std::str::from_utf8(text).map_err(|e| format!("row {rows}: {e}"))?;
        let letters = text.bytes().filter(u8::is_ascii_alphabetic).count();
        writeln!(out, "{rows},{letters}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(rows)
}

fn main() -> ExitCode {
    match run() {
        Ok(rows) => {
            eprintln!("csv_floor: {rows} rows");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("csv_floor: {e}");
            ExitCode::from(2)
        }
    }
}
