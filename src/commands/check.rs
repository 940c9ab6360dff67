//! `benchlearn check`: every validation of a build, nothing written.

use std::path::Path;

use super::{print_problems, Outcome};
use crate::pipeline;
use crate::terminal::visible;
use crate::translation_status;

/// Validates the site at `root`, including links and templates, without writing the site.
///
/// With `translations`, first prints each language's missing and stale translations and
/// missing UI strings; they are for editors to plan, not errors. With `drafts`, documents
/// marked `draft: true` are checked too (otherwise they are set aside, as `build` does).
pub fn run(root: &Path, translations: bool, drafts: bool) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    if translations {
        match translation_status::load(root) {
            Ok(status) => print!("{}", visible(&status.table())),
            Err(problems) => {
                print_problems(problems, "fix site.yaml first");
                return Outcome::ContentErrors;
            }
        }
    }
    match pipeline::compile(root, None, drafts) {
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
