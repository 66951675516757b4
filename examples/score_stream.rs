//! Scoring in a pipe: quotes CSV on stdin, JSON Lines on stdout, through the library's
//! streaming scorer (batches in parallel, input order kept).
//!
//! ```sh
//! cat examples/data/petro_trump_2026.csv | cargo run --example score_stream
//! ```

use detente::Scorer;
use detente::score::batch::Pool;
use detente::table::{Format, StreamOptions, score_stream};

fn main() -> std::process::ExitCode {
    let run = || -> Result<(), detente::Error> {
        let scorer = Scorer::new()?;
        let pool = Pool::new(0).map_err(|detail| {
            detente::Error::new(
                detente::ErrorKind::Io {
                    detail,
                    broken_pipe: false,
                },
                detente::Location::default(),
            )
        })?;
        let opts = StreamOptions {
            format: Format::Jsonl,
            input: detente::Location::in_source("<stdin>"),
            ..StreamOptions::default()
        };
        let summary = score_stream(
            std::io::stdin().lock(),
            std::io::stdout().lock(),
            &scorer,
            &pool,
            &opts,
            |_| Ok(()),
        )?;
        eprintln!("scored {} of {} rows", summary.scored, summary.read);
        Ok(())
    };
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("score_stream: {e}");
            std::process::ExitCode::from(2)
        }
    }
}
