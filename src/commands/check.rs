//! `benchlearn check`: every validation of a build, nothing written.

use std::path::Path;

use super::{print_json, print_problems, print_warnings, print_warnings_about, Format, Outcome};
use crate::diagnostics::Diagnostics;
use crate::pipeline::{Loaded, Options, Project};
use crate::terminal;

/// Validates the site at `root`, including links and templates, without writing the site.
///
/// With `translations`, first prints each language's missing and stale translations and
/// missing UI strings; they are for editors to plan, not errors. With `drafts`, documents
/// marked `draft: true` are checked too (otherwise they are set aside, as `build` does).
/// Placeholders left in drafts are listed as warnings either way. `format` says whether
/// problems are printed for a person or as JSON lines for tools.
pub fn run(
    root: &Path,
    translations: bool,
    drafts: bool,
    edition: Option<String>,
    format: Format,
) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let project = Project::new(
        root,
        Options {
            base_url: None,
            drafts,
            edition,
        },
    );
    let loaded = match project.load() {
        Ok(loaded) => loaded,
        Err(problems) => {
            match format {
                Format::Human => print_problems(problems, "fix site.yaml first"),
                Format::Json => print_json(problems),
            }
            return Outcome::ContentErrors;
        }
    };
    if translations {
        terminal::stdout_text(loaded.translation_status().table());
    }
    let rendered = loaded.render_all();
    let outcome = match rendered {
        Ok(_) => Outcome::Success,
        Err(_) => Outcome::ContentErrors,
    };
    match format {
        Format::Human => print_human(&loaded, rendered),
        Format::Json => print_json(everything(&loaded, rendered.err())),
    }
    outcome
}

/// The warnings, then the problems, then how it went, for a person.
fn print_human(loaded: &Loaded, rendered: Result<Vec<crate::render::OutputFile>, Diagnostics>) {
    print_warnings(loaded.warnings());
    print_warnings_about(
        loaded.unfinished_drafts(),
        "placeholders left in drafts (see above); a draft is published once its `draft: true` line is deleted",
    );
    match rendered {
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
        }
        Err(problems) => print_problems(problems, "fix them and run `benchlearn check` again"),
    }
}

/// The warnings and, if rendering failed, the problems: everything a tool is told.
fn everything(loaded: &Loaded, problems: Option<Diagnostics>) -> Diagnostics {
    let mut all = loaded.warnings().clone();
    all.extend(loaded.unfinished_drafts().clone());
    all.extend(problems.unwrap_or_default());
    all
}
