//! `benchlearn check`: every validation of a build, nothing written.

use std::path::Path;

use super::{print_json, print_problems, print_warnings, print_warnings_about, Format, Outcome};
use std::collections::BTreeSet;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::{Loaded, Options, Project};
use crate::render::OutputFile;
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
            edition: edition.clone(),
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
    let mut rendered = loaded.render_all();
    if edition.is_none() {
        rendered = with_other_editions(rendered, &project, &loaded);
    }
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

/// `rendered` with the problems only the site's other editions show (a broken link in a
/// members-only document, which the public edition leaves out): `check` without `--edition`
/// vouches for every edition `build` can make.
fn with_other_editions(
    rendered: Result<Vec<OutputFile>, Diagnostics>,
    project: &Project,
    checked: &Loaded,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = rendered.as_ref().err().cloned().unwrap_or_default();
    let mut seen: BTreeSet<String> = problems.iter().map(Diagnostic::to_json_line).collect();
    let others = checked
        .site
        .config
        .editions
        .keys()
        .filter(|name| **name != checked.site.edition.name);
    for name in others {
        let options = Options {
            edition: Some(name.clone()),
            ..project.options().clone()
        };
        let found = match Project::new(project.root(), options).load() {
            Ok(loaded) => loaded.render_all().err(),
            Err(problems) => Some(problems),
        };
        for problem in found.into_iter().flatten() {
            if seen.insert(problem.to_json_line()) {
                problems.extend([problem]);
            }
        }
    }
    match rendered {
        Ok(files) if problems.is_empty() => Ok(files),
        _ => Err(problems),
    }
}

/// The warnings, then the problems, then how it went, for a person.
fn print_human(loaded: &Loaded, rendered: Result<Vec<OutputFile>, Diagnostics>) {
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
