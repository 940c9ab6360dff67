//! The subcommands, thin layers over the pipeline that decide what to print and exit with.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod schema;
pub mod serve;

use std::io::IsTerminal;

use crate::diagnostics::{Diagnostics, Report};
use crate::terminal;

/// How a command ended, mapped to the process exit code.
#[derive(Debug)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1: the content has problems, all printed.
    ContentErrors,
    /// Exit 2: the command could not run (bad arguments, unwritable folder).
    UsageOrIo,
}

impl Outcome {
    pub fn exit_code(&self) -> i32 {
        match self {
            Outcome::Success => 0,
            Outcome::ContentErrors => 1,
            Outcome::UsageOrIo => 2,
        }
    }
}

/// Whether `root` is a site folder; a wrong `--root` is a usage error, not a content error.
pub fn require_site(root: &std::path::Path) -> Result<(), Outcome> {
    let config = root.join(crate::content::CONFIG_FILE);
    // A link is read, and refused if it leads out of the site or nowhere, not taken for none.
    if config.is_file() || config.is_symlink() {
        return Ok(());
    }
    terminal::stderr_line(format_args!(
        "error: there is no {} in {}: run benchlearn in a site folder, or pass --root DIR",
        crate::content::CONFIG_FILE,
        root.display()
    ));
    Err(Outcome::UsageOrIo)
}

/// Prints the problems (the first ones of each file, see [`Diagnostics::into_report`]), then
/// how many there were in all.
pub fn print_problems(problems: Diagnostics, consequence: &str) {
    let report = problems.into_report();
    print_report(&report);
    let count = report.total;
    let noun = if count == 1 { "problem" } else { "problems" };
    terminal::stderr_line(format_args!("error: {count} {noun} found; {consequence}"));
}

/// Prints the warnings about figures, if any, then how many there were: they do not stop the
/// command.
pub fn print_warnings(warnings: &Diagnostics) {
    print_warnings_about(
        warnings,
        "figures that contradict each other (see above); they do not stop the build",
    );
}

/// Prints `warnings`, if any, then how many there were and `what` they are about.
pub fn print_warnings_about(warnings: &Diagnostics, what: &str) {
    if warnings.is_empty() {
        return;
    }
    let report = warnings.clone().into_report();
    print_report(&report);
    let count = report.total;
    let noun = if count == 1 { "warning" } else { "warnings" };
    terminal::stderr_line(format_args!("warning: {count} {noun}: {what}"));
}

/// How `check` prints the problems it finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// For a person: each problem with its snippet, on standard error.
    #[default]
    Human,
    /// For tools: one JSON object a line on standard output, then a summary object.
    Json,
}

/// Prints every problem of `problems` as a JSON line, sorted, then the summary line that
/// counts errors and warnings.
pub fn print_json(problems: Diagnostics) {
    let (mut errors, mut warnings) = (0, 0);
    for problem in problems.into_sorted() {
        match problem.severity {
            crate::diagnostics::Severity::Error => errors += 1,
            crate::diagnostics::Severity::Warning => warnings += 1,
        }
        terminal::stdout_line(format_args!("{}", problem.to_json_line()));
    }
    terminal::stdout_line(format_args!(
        "{{\"type\":\"summary\",\"errors\":{errors},\"warnings\":{warnings}}}"
    ));
}

/// Prints each shown problem of `report`, and a line for those of a file left out.
pub fn print_report(report: &Report) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for file in &report.files {
        for problem in &file.problems {
            terminal::stderr_rendered(&problem.render(colour));
        }
        if let Some(more) = file.more_line() {
            terminal::stderr_line(format_args!("{more}\n"));
        }
    }
}
