//! What the commands print, and how. Two dangers are kept out of the terminal:
//! - `println!` and `eprintln!` panic when the reader has gone away (`benchlearn build 2>&1 |
//!   head -1`); these helpers carry on instead, since a message nobody reads is no reason to
//!   stop a build half-way or to exit with a panic;
//! - messages quote content (values, file names, lines of a file), and a control character in
//!   it would reach the terminal as a command: an escape sequence can clear the screen,
//!   retitle the window or show a link to another address than its text, a carriage return
//!   can overwrite what was printed. Such characters are shown as visible escapes (`\u{1b}`,
//!   `\r`) instead; line feeds and tabs stay, for layout.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};

/// Writes `text`, made [`visible`], and a line break to standard error: messages, progress.
pub fn stderr_line(text: impl Display) {
    let text = text.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", visible(&text));
}

/// Writes `text` and a line break to standard error as it is: for diagnostics, which make the
/// content they quote [`visible`] themselves and may carry their own colours.
pub fn stderr_rendered(text: &str) {
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// Writes `text`, made [`visible`], and a line break to standard output: what a command
/// produces.
pub fn stdout_line(text: impl Display) {
    let text = text.to_string();
    let _ = writeln!(io::stdout().lock(), "{}", visible(&text));
}

/// Writes `text`, made [`visible`], as it is to standard output (for text that ends its own
/// lines).
pub fn stdout_text(text: impl Display) {
    let text = text.to_string();
    let mut stdout = io::stdout().lock();
    let _ = write!(stdout, "{}", visible(&text)).and_then(|()| stdout.flush());
}

/// `text` with its control characters, but line feeds and tabs, written as escapes.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_hidden_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push_visible(&mut out, c);
    }
    Cow::Owned(out)
}

/// A file's text made [`visible`] for a snippet, with `\r\n` line ends kept (the snippet
/// drawer reads them as line ends), and the byte range `start..end` of the original moved
/// onto the same characters of the result.
pub fn visible_source(text: &str, start: usize, end: usize) -> (String, usize, usize) {
    let mut out = String::with_capacity(text.len() + 16);
    let (mut new_start, mut new_end) = (None, None);
    for (at, c) in text.char_indices() {
        if at >= start && new_start.is_none() {
            new_start = Some(out.len());
        }
        if at >= end && new_end.is_none() {
            new_end = Some(out.len());
        }
        if c == '\r' && text[at + 1..].starts_with('\n') {
            out.push(c);
        } else {
            push_visible(&mut out, c);
        }
    }
    let new_start = new_start.unwrap_or(out.len());
    let new_end = new_end.unwrap_or(out.len()).max(new_start);
    (out, new_start, new_end)
}

/// Whether `text` holds a control character that [`visible`] would escape.
pub fn has_hidden_controls(text: &str) -> bool {
    text.chars().any(is_hidden_control)
}

fn is_hidden_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn push_visible(out: &mut String, c: char) {
    if is_hidden_control(c) {
        out.extend(c.escape_debug());
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_escapes_but_layout_stays() {
        assert_eq!(
            visible("a\u{1b}[2J\tb\r\nc\u{7}\u{9b}d\u{7f}"),
            "a\\u{1b}[2J\tb\\r\nc\\u{7}\\u{9b}d\\u{7f}"
        );
        assert!(matches!(visible("plain é ’ text\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_source_keeps_its_crlf_and_its_span_follows_the_escapes() {
        let text = "a: \u{1b}x\r\nb: bad\r\n";
        let start = text.find("bad").unwrap();
        let (shown, from, to) = visible_source(text, start, start + 3);
        assert_eq!(shown, "a: \\u{1b}x\r\nb: bad\r\n");
        assert_eq!(&shown[from..to], "bad");
        let esc = text.find('\u{1b}').unwrap();
        let (shown, from, to) = visible_source(text, esc, esc + 1);
        assert_eq!(&shown[from..to], "\\u{1b}");
        assert_eq!(visible_source("ab", 2, 2), ("ab".to_string(), 2, 2));
    }
}
