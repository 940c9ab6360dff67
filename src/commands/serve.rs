//! `benchlearn serve`: the live preview; see [`crate::serve`].

use super::Outcome;
use crate::serve;
pub use crate::serve::Options;
use crate::terminal;

/// Runs the preview until interrupted; returns only if it cannot start or the watcher fails.
pub fn run(options: &Options) -> Outcome {
    match serve::run(options) {
        Ok(()) => Outcome::Success,
        Err(error) => {
            terminal::stderr_line(format_args!("error: {error}"));
            Outcome::UsageOrIo
        }
    }
}
