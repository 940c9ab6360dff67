//! `benchlearn build`: the site into the output folder, atomically.

use std::path::Path;
use std::time::Instant;

use super::{print_problems, Outcome};
use crate::output;
use crate::pipeline;

/// Builds the site at `root` into `destination`, drafts included only when `drafts` is set.
pub fn run(root: &Path, destination: &Path, base_url: Option<&str>, drafts: bool) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let started = Instant::now();
    let files = match pipeline::compile(root, base_url, drafts) {
        Ok(files) => files,
        Err(problems) => {
            print_problems(
                problems,
                &format!(
                    "the site was not built and {} was left unchanged",
                    destination.display()
                ),
            );
            return Outcome::ContentErrors;
        }
    };
    if let Err(error) = output::write_site(destination, &files) {
        eprintln!("error: {error}");
        return Outcome::UsageOrIo;
    }
    let pages = files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    eprintln!(
        "built {pages} pages ({} files) into {} in {} ms",
        files.len(),
        destination.display(),
        started.elapsed().as_millis()
    );
    Outcome::Success
}
