//! `benchlearn build`: the site into the output folder, atomically.

use std::path::Path;
use std::time::Instant;

use super::{print_problems, Outcome};
use crate::diagnostics::Diagnostics;
use crate::eprintln_visible;
use crate::output;
use crate::pipeline;
use crate::render::OutputFile;
use crate::search;

/// Builds the site at `root` into `destination`, drafts included only when `drafts` is set.
pub fn run(root: &Path, destination: &Path, base_url: Option<&str>, drafts: bool) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let started = Instant::now();
    let (pages, search) = match pipeline::compile_pages(root, base_url, drafts) {
        Ok(compiled) => compiled,
        Err(problems) => return not_built(problems, destination),
    };
    let page_count = pages
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "html"))
        .count();
    let mut file_count = pages.len();
    let staging = match output::Staging::new(destination) {
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
    eprintln_visible!(
        "built {page_count} pages ({file_count} files) into {} in {} ms",
        destination.display(),
        started.elapsed().as_millis()
    );
    Outcome::Success
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

fn write_failed(error: output::OutputError) -> Outcome {
    eprintln_visible!("error: {error}");
    Outcome::UsageOrIo
}
