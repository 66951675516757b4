//! The founding case end to end through the library API: score the Petro-Trump statements of
//! October 2025 to February 2026, print how tone moved between the phases and between the two
//! sides, and write the HTML report.
//!
//! ```sh
//! cargo run --example petro_trump                 # report in target/petro_trump_report.html
//! cargo run --example petro_trump -- report.html  # or where you say
//! ```

use detente::analysis::Aliases;
use detente::report::{ReportOptions, html, read_events, report_from_reader, terminal};
use detente::score::batch::Pool;
use detente::table::StreamOptions;
use detente::{Location, Scorer};
use std::fs::File;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let quotes = data.join("petro_trump_2026.csv");
    let events_file = data.join("petro_trump_events.csv");
    let out: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/petro_trump_report.html")
        });

    let located = |p: &Path| Location {
        path: Some(p.to_path_buf()),
        ..Location::default()
    };
    let (events, phases) = read_events(File::open(&events_file)?, &located(&events_file))?;
    let options = ReportOptions {
        title: "From threats to a White House meeting: Petro and Trump".to_string(),
        events,
        phases,
        input: "petro_trump_2026.csv".to_string(),
        // Every speaker one by one (there are three); `detente report` shows the 12 most
        // prolific by default.
        max_speakers: 0,
        // The data set's dates are YYYY-MM-DD.
        ..ReportOptions::default()
    };
    let scorer = Scorer::new()?;
    let pool = Pool::new(0)?;
    let stream = StreamOptions {
        input: located(&quotes),
        ..StreamOptions::default()
    };
    let report = report_from_reader(
        File::open(&quotes)?,
        &scorer,
        &pool,
        &stream,
        &options,
        |_| Ok(()),
    )?;

    // The terminal summary: headlines, the per-phase table, sparklines.
    terminal::render(&report, &mut std::io::stdout().lock())?;
    println!();
    for t in report.phase_tones.iter().filter(|t| t.speaker.is_none()) {
        println!(
            "{:<13} mean tone {:+.2} over {} statements",
            report.phases[t.phase].name, t.tone.mean, t.tone.n
        );
    }

    // The same statements by side: Trump and the US government speak for the United States,
    // Petro for Colombia (what `detente report --aliases examples/data/petro_trump_sides.csv`
    // reads). Every figure then counts sides, and the pairs are the tone between them.
    let mut sides = Aliases::new();
    for (name, side) in [
        ("Trump", "United States"),
        ("US government", "United States"),
        ("Petro", "Colombia"),
    ] {
        sides.insert(name, side)?;
    }
    let by_side = report_from_reader(
        File::open(&quotes)?,
        &scorer,
        &pool,
        &stream,
        &ReportOptions {
            aliases: sides,
            ..options.clone()
        },
        |_| Ok(()),
    )?;
    println!();
    for d in &by_side.dyads {
        println!(
            "{} → {}: mean tone {:+.2} over {} statements",
            d.from, d.to, d.tone.mean, d.tone.n
        );
    }

    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::io::BufWriter::new(File::create(&out)?);
    html::render(&report, &mut file)?;
    std::io::Write::flush(&mut file)?;
    println!("\nreport written to {}", out.display());
    Ok(())
}
