//! `benchlearn build`: the site into the output folder, atomically.

use std::path::Path;
use std::time::Instant;

use super::{print_problems, print_warnings, Outcome};
use crate::diagnostics::Diagnostics;
use crate::output;
use crate::pipeline::{Options, Project};
use crate::render::OutputFile;
use crate::search;
use crate::terminal;

/// Builds the site at `root` into `destination` as `options` say (the edition, drafts, the
/// address); refuses a `destination` that is not benchlearn's to replace (see
/// [`output::Destination`]).
pub fn run(root: &Path, destination: &Path, options: Options) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let target = match output::Destination::check(root, destination) {
        Ok(target) => target,
        Err(error) => return write_failed(error),
    };
    for error in target.remove_leftovers() {
        terminal::stderr_line(format_args!("warning: {error}"));
    }
    let started = Instant::now();
    let project = Project::new(root, options);
    let (pages, search) = match compile(&project) {
        Ok(compiled) => compiled,
        Err(problems) => return not_built(problems, destination),
    };
    let page_count = pages
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    let mut file_count = pages.len();
    let staging = match output::Staging::new(&target) {
        Ok(staging) => staging,
        Err(error) => return write_failed(error),
    };
    // The pages are written (and freed) while the search index is built from its own copy of
    // their searchable parts.
    let (written, bundle) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_and_free(&staging, pages));
        let bundle = search.map(search::Pending::index).transpose();
        (writer.join(), bundle)
    });
    let bundle = match bundle {
        Ok(bundle) => bundle.unwrap_or_default(),
        Err(error) => return not_built(error.into_diagnostics(), destination),
    };
    file_count += bundle.len();
    let written = match written {
        Ok(written) => written.and_then(|()| staging.write(&bundle)),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    if let Err(error) = written.and_then(|()| staging.finish()) {
        return write_failed(error);
    }
    terminal::stderr_line(format_args!(
        "built {page_count} pages ({file_count} files) into {} in {} ms",
        destination.display(),
        started.elapsed().as_millis()
    ));
    Outcome::Success
}

/// The site's pages, with what its search index will be built from.
fn compile(project: &Project) -> Result<(Vec<OutputFile>, Option<search::Pending>), Diagnostics> {
    let loaded = project.load()?;
    print_warnings(loaded.warnings());
    let pages = loaded.render_all()?;
    let search = loaded.index(&pages);
    Ok((pages, search))
}

/// Writes `pages`, then lets them go: on large sites they are most of the memory in use.
fn write_and_free(
    staging: &output::Staging,
    pages: Vec<OutputFile>,
) -> Result<(), output::OutputError> {
    staging.write(&pages)
}

fn not_built(problems: Diagnostics, destination: &Path) -> Outcome {
    print_problems(
        problems,
        &format!(
            "the site was not built and {} was left unchanged",
            destination.display()
        ),
    );
    Outcome::ContentErrors
}

fn write_failed(error: impl std::fmt::Display) -> Outcome {
    terminal::stderr_line(format_args!("error: {error}"));
    Outcome::UsageOrIo
}
