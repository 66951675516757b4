//! The progress bar of long runs (`score`, `report`): how much of the input has been read, the
//! rate and the time left, drawn on stderr only when stderr is a terminal and `--quiet` is off.
//!
//! It counts the bytes read from the input (indicatif's `wrap_read`) as the calling thread
//! reads them to cut into chunks, so it costs one atomic add per read (8 to 64 KiB) and
//! nothing per row; the bar redraws at most a few times a second. A file shows a bar with its size; stdin shows a counter of bytes.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Read};
use std::time::Duration;

/// Redraws per second: enough to look alive, few enough to cost nothing.
const REFRESH_HZ: u8 = 4;

/// A progress bar over an input, cleared from the terminal when dropped (also on an error,
/// so the error line is not drawn over a bar).
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for reading `path` (`-` is stdin), or none under `quiet`, when stderr is not a
    /// terminal, or when `DETENTE_NO_PROGRESS` is set.
    pub fn new(path: &str, quiet: bool) -> Progress {
        let wanted = !quiet
            && std::io::stderr().is_terminal()
            && std::env::var_os("DETENTE_NO_PROGRESS").is_none();
        if !wanted {
            return Progress { bar: None };
        }
        let size = (path != "-")
            .then(|| std::fs::metadata(path).ok())
            .flatten()
            .map(|m| m.len());
        let target = ProgressDrawTarget::stderr_with_hz(REFRESH_HZ);
        let (bar, template) = match size {
            Some(len) => (
                ProgressBar::with_draw_target(Some(len), target),
                "{spinner} {msg}{wide_bar} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
            ),
            None => (
                ProgressBar::with_draw_target(None, target),
                "{spinner} {msg}{bytes} read, {binary_bytes_per_sec}, {elapsed}",
            ),
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress { bar: Some(bar) }
    }

    /// `input`, counted by the bar when there is one.
    pub fn wrap(&self, input: Box<dyn Read>) -> Box<dyn Read> {
        match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(input)),
            None => input,
        }
    }
}

impl Progress {
    /// Starts the bar over for another reading of the same input, saying what it is for.
    pub fn again(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_position(0);
            bar.set_message(format!("{what} "));
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
