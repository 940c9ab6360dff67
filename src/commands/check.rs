//! `benchlearn check`: every validation of a build, nothing written.

use std::path::Path;

use super::{print_problems, Outcome};
use crate::pipeline;

/// Validates the site at `root`, including links and templates, without writing the site.
pub fn run(root: &Path) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    match pipeline::compile(root, None) {
        Ok(files) => {
            eprintln!("no problems found ({} files would be written)", files.len());
            Outcome::Success
        }
        Err(problems) => {
            print_problems(problems, "fix them and run `benchlearn check` again");
            Outcome::ContentErrors
        }
    }
}
