//! Advice added to the parsers' own messages, for the mistakes authors make most: a tab, an
//! unquoted `: `, a decimal comma, a field indented wrongly, a misspelt name.

use std::sync::Arc;

use super::flow::{closer, Opening, Unbalanced};
use super::recovery::{self, key_line, scalar_length};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, SourceFile, Span};

/// The parser's problem with advice where its words alone do not say what to do.
pub fn advise(file: &Arc<SourceFile>, problem: Diagnostic) -> Diagnostic {
    let Some(span) = problem.span else {
        return problem;
    };
    if is_about_a_tab(&problem.message) {
        return tab(file, span).unwrap_or(problem);
    }
    if problem
        .message
        .starts_with("mapping values are not allowed")
    {
        let help = unquoted_colon(file, span);
        return problem.with_help(help);
    }
    let line_start = file.text[..span.offset]
        .rfind('\n')
        .map_or(0, |index| index + 1);
    let before = &file.text[line_start..span.offset];
    let word = &file.text[span.offset..];
    let word = &word[..scalar_length(before, word)];
    match decimal_point(word) {
        Some(number) => Diagnostic::at(
            file,
            Span::new(span.offset, word.len()),
            format!("`{word}` is not a number: YAML writes decimals with a point"),
        )
        .with_help(format!("write {number}")),
        None => problem,
    }
}

/// Whether a parser's message is about a tab where YAML takes spaces.
pub fn is_about_a_tab(message: &str) -> bool {
    ["found a tab", "tab character", "tabs disallowed"]
        .iter()
        .any(|words| message.contains(words))
}

/// A number written with a decimal comma (`41,5`), written with a point (`41.5`).
pub fn decimal_point(word: &str) -> Option<String> {
    let word = word.trim_matches(['"', '\'']);
    let (whole, fraction) = word.split_once(',')?;
    let digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
    (digits(whole_digits) && digits(fraction)).then(|| format!("{whole}.{fraction}"))
}

/// The problem placed on the tab itself, near where the parser stopped.
fn tab(file: &Arc<SourceFile>, span: Span) -> Option<Diagnostic> {
    let text = &file.text;
    let line_start = text[..span.offset].rfind('\n').map_or(0, |index| index + 1);
    let window_end = text[line_start..]
        .match_indices('\n')
        .nth(1)
        .map_or(text.len(), |(index, _)| line_start + index);
    let tab = line_start + text[line_start..window_end].find('\t')?;
    Some(
        Diagnostic::at(
            file,
            Span::new(tab, 1),
            "a tab here: YAML indents and separates with spaces only",
        )
        .with_help("replace the tab with spaces (two per level of indentation)"),
    )
}

/// How to quote the value on the line at `span` that holds a `: `.
fn unquoted_colon(file: &Arc<SourceFile>, span: Span) -> String {
    let (line, _) = file.line_column(span.offset);
    let general = "a value that contains `: ` must be in quotes".to_string();
    let Some(text) = file.line(line) else {
        return general;
    };
    let Some(key) = key_line(text) else {
        return general;
    };
    let after_key = &text[key.indent + key.key.len() + 1..];
    let value = after_key.trim();
    if value.is_empty() {
        return general;
    }
    let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
    format!("{general}: write `{}: \"{quoted}\"`", key.key)
}

/// Why a field the parser says is missing may be there after all: given on a later line of
/// the same entry, but indented differently from the entry's other fields.
pub fn misplaced_field(
    file: &Arc<SourceFile>,
    problem: &Diagnostic,
    field: &str,
) -> Option<String> {
    let (line, _) = problem.line_column()?;
    let entry = key_line(file.line(line)?)?;
    let mut number = line + 1;
    while let Some(text) = file.line(number) {
        let dash = text.len() - text.trim_start_matches(' ').len();
        if text[dash..].starts_with("- ") && dash < entry.indent {
            return None;
        }
        if let Some(found) = key_line(text) {
            if found.key == field && found.indent != entry.indent {
                return Some(format!(
                    "the indentation may be wrong: `{field}` on line {number} is not indented like the other fields of this entry"
                ));
            }
        }
        number += 1;
    }
    None
}

/// A bracket of a list or map written in brackets that is never closed, or closed by the
/// other kind, at the bracket itself: the parser's own words come where it gave up, often
/// lines below and about something else.
pub fn unbalanced(file: &Arc<SourceFile>, line_offset: usize, problem: &Unbalanced) -> Diagnostic {
    let opening = problem.opening();
    let line_start = |line: usize| file.offset_of(line_offset + line, 1);
    let span = Span::new(line_start(opening.line) + opening.byte, 1);
    let what = collection(opening);
    let close = closer(opening.bracket);
    let (message, help) = match problem {
        Unbalanced::Unclosed { end, open, .. } => {
            let message = format!("the {what} opened here is never closed");
            // The line as the author wrote it, if the working copy's bracket position fits it.
            let before = file
                .line(line_offset + end.line)
                .and_then(|line| line.get(..end.byte))
                .filter(|_| open.iter().all(|o| o.line == end.line));
            let help = if let Some(before) = before {
                let closers: String = open.iter().rev().map(|o| closer(o.bracket)).collect();
                format!(
                    "close it with `{close}` after its last value: `{}{closers}`",
                    before.trim_start()
                )
            } else {
                format!(
                    "close it with `{close}` after its last value, on line {}",
                    line_offset + end.line
                )
            };
            (message, help)
        }
        Unbalanced::Mismatched { found, .. } => (
            format!("the {what} opened here is closed by `{found}`"),
            format!("close it with `{close}`: a list is written `[a, b]`, a map `{{a: 1, b: 2}}`"),
        ),
    };
    Diagnostic::at(file, span, message)
        .with_help(help)
        .with_code(Code::YamlSyntax)
}

/// What a bracket opens, in an author's words.
fn collection(opening: Opening) -> String {
    match opening.bracket {
        '[' => "list `[`".to_string(),
        _ => "map `{`".to_string(),
    }
}

/// A number with a decimal comma inside a map in braces, which YAML reads as a number and a
/// field (`{value: 41,5}`: `value: 41` and a field `5`), as the decimal comma it is.
pub fn split_decimal(
    file: &Arc<SourceFile>,
    problem: &Diagnostic,
    field: &str,
) -> Option<Diagnostic> {
    let (line, column) = problem.line_column()?;
    let text = file.line(line)?;
    let range = recovery::split_decimal(text, column, field)?;
    let word = &text[range.clone()];
    let number = decimal_point(word)?;
    let start = file.offset_of(line, 1) + range.start;
    Some(
        Diagnostic::at(
            file,
            Span::new(start, range.len()),
            format!("`{word}` is not a number: YAML writes decimals with a point"),
        )
        .with_help(format!("write {number}")),
    )
}

/// A single value where a list or a map is expected (`areas: A`, `name: Outcomes`), or
/// the other way round, in an author's words with the way to write it.
pub fn unexpected_node(file: &Arc<SourceFile>, problem: Diagnostic, expected: &str) -> Diagnostic {
    let lines: Vec<&str> = file.text.split('\n').collect();
    let owner = problem.line_column().and_then(|(line, column)| {
        let (line, _) = recovery::owner_line(&lines, recovery::Place { line, column })?;
        Some(key_line(lines.get(line - 1)?)?.key)
    });
    let (message, help) = match (expected, owner) {
        ("sequence start", Some(key)) => (
            "expected a list",
            format!(
                "write `{key}: [a, b]`, or each item on a line of its own below `{key}:`, after `- `"
            ),
        ),
        ("sequence start", None) => (
            "expected a list",
            "this file is a list: start each entry with `- `, as in `- id: …`".to_string(),
        ),
        ("mapping start", Some(key)) => (
            "expected a map of `name: value` pairs",
            format!(
                "a translated text takes one value per language of site.yaml: \
                 `{key}: {{fr: …, en: …}}`; other maps are written `{key}: {{a: …, b: …}}` \
                 or one `a: …` per line below `{key}:`, indented"
            ),
        ),
        ("mapping start", None) => (
            "expected a map of `name: value` pairs",
            "this file is a map: one `name: value` per line, without `- ` before the first"
                .to_string(),
        ),
        _ => return problem,
    };
    Diagnostic {
        message: message.to_string(),
        ..problem
    }
    .with_help(help)
}

/// A misspelt field or value: the parser's list of expected names becomes a "did you mean".
pub fn unknown_name(problem: Diagnostic, kind: &str, name: &str, expected: &[&str]) -> Diagnostic {
    let message = format!("unknown {kind} `{name}`");
    let help = match did_you_mean(name, expected.iter().copied()) {
        Some(near) => near,
        None if expected.is_empty() => format!("this {kind} is not expected here"),
        None => format!("expected one of: {}", expected.join(", ")),
    };
    Diagnostic { message, ..problem }.with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_commas_are_rewritten() {
        assert_eq!(decimal_point("41,5").as_deref(), Some("41.5"));
        assert_eq!(decimal_point("-3,25").as_deref(), Some("-3.25"));
        assert_eq!(decimal_point("a,b"), None);
        assert_eq!(decimal_point("41"), None);
    }
}
