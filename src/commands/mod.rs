//! The subcommands, thin layers over the pipeline that decide what to print and exit with.

pub mod build;
pub mod check;
pub mod new;
pub mod schema;
pub mod serve;

use std::io::IsTerminal;

use crate::diagnostics::Diagnostics;
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

/// Prints every problem, then how many there were.
pub fn print_problems(problems: Diagnostics, consequence: &str) {
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let problems = problems.into_sorted();
    for problem in &problems {
        terminal::stderr_rendered(&problem.render(colour));
    }
    let count = problems.len();
    let noun = if count == 1 { "problem" } else { "problems" };
    terminal::stderr_line(format_args!("error: {count} {noun} found; {consequence}"));
}
