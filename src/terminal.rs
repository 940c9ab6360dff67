//! What the commands print. `println!` and `eprintln!` panic when the reader has gone away
//! (`benchlearn build 2>&1 | head -1`); these helpers carry on instead, since a message nobody
//! reads is no reason to stop a build half-way or to exit with a panic.

use std::fmt::Display;
use std::io::{self, Write};

/// Writes `text` and a line break to standard error: messages, problems, progress.
pub fn stderr_line(text: impl Display) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Writes `text` and a line break to standard output: what a command produces.
pub fn stdout_line(text: impl Display) {
    let _ = writeln!(io::stdout().lock(), "{text}");
}

/// Writes `text` as it is to standard output (for text that ends its own lines).
pub fn stdout_text(text: impl Display) {
    let mut stdout = io::stdout().lock();
    let _ = write!(stdout, "{text}").and_then(|()| stdout.flush());
}
