//! `benchlearn serve`: the live preview; see [`crate::serve`].

use super::Outcome;
use crate::eprintln_visible;
use crate::serve;
pub use crate::serve::Options;

/// Runs the preview until interrupted; returns only if it cannot start or the watcher fails.
pub fn run(options: &Options) -> Outcome {
    match serve::run(options) {
        Ok(()) => Outcome::Success,
        Err(error) => {
            eprintln_visible!("error: {error}");
            Outcome::UsageOrIo
        }
    }
}
