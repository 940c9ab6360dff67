//! `benchlearn check`: every validation of a build, nothing written.

use std::path::Path;

use super::{print_problems, print_warnings, Outcome};
use crate::pipeline::{Options, Project};
use crate::terminal;

/// Validates the site at `root`, including links and templates, without writing the site.
///
/// With `translations`, first prints each language's missing and stale translations and
/// missing UI strings; they are for editors to plan, not errors. With `drafts`, documents
/// marked `draft: true` are checked too (otherwise they are set aside, as `build` does).
pub fn run(root: &Path, translations: bool, drafts: bool) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let project = Project::new(
        root,
        Options {
            base_url: None,
            drafts,
        },
    );
    let loaded = match project.load() {
        Ok(loaded) => loaded,
        Err(problems) => {
            print_problems(problems, "fix site.yaml first");
            return Outcome::ContentErrors;
        }
    };
    print_warnings(loaded.warnings());
    if translations {
        terminal::stdout_text(loaded.translation_status().table());
    }
    match loaded.render_all() {
        Ok(files) => {
            let index = if loaded.site.config.search.enabled {
                " and the search index"
            } else {
                ""
            };
            terminal::stderr_line(format_args!(
                "no problems found ({} files would be written{index})",
                files.len()
            ));
            Outcome::Success
        }
        Err(problems) => {
            print_problems(problems, "fix them and run `benchlearn check` again");
            Outcome::ContentErrors
        }
    }
}
