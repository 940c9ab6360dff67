//! YAML with positions: parse errors and located values become spans in the author's file.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::Location;

use crate::diagnostics::{Diagnostic, SourceFile, Span};

/// Parses YAML that starts `line_offset` lines into `file` (0 for a data file, the front
/// matter's first line for a Markdown document).
pub fn parse<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    parse_str(file, yaml_text(file, line_offset), line_offset)
}

/// Parses `yaml`, a slice of `file` starting `line_offset` lines in.
pub fn parse_str<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    yaml: &str,
    line_offset: usize,
) -> Result<T, Diagnostic> {
    // serde-saphyr's default options already refuse duplicate keys.
    serde_saphyr::from_str(yaml).map_err(|error| {
        let message = plain_message(&error.without_snippet().to_string());
        // A missing field has no line of its own: the parser points at the last key given. In
        // front matter (which has no nested required fields) the opening `---` is clearer.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.strip_suffix('`'))
            .map(str::to_string);
        let problem = match error.location() {
            _ if missing.is_some() && line_offset > 0 => {
                Diagnostic::at_line(file, line_offset, 1, message)
            }
            Some(location) if location.line() > 0 => {
                Diagnostic::at(file, span_of(file, line_offset, &location), message)
            }
            _ => Diagnostic::at_line(file, line_offset + 1, 1, message),
        };
        match missing {
            Some(field) if line_offset > 0 => {
                problem.with_help(format!("add `{field}: …` to the front matter"))
            }
            Some(field) => problem.with_help(format!("add `{field}: …` to this entry")),
            None => problem,
        }
    })
}

fn yaml_text(file: &SourceFile, line_offset: usize) -> &str {
    let start = file.offset_of(line_offset + 1, 1);
    &file.text[start..]
}

/// The span in `file` of a value located in YAML that starts `line_offset` lines in.
pub fn span_of(file: &SourceFile, line_offset: usize, location: &Location) -> Span {
    let line = location.line() as usize + line_offset;
    let column = (location.column() as usize).max(1);
    let offset = file.offset_of(line.max(1), column);
    let rest = &file.text[offset..];
    let len = rest
        .find(['\n', ',', '}', ']', '#'])
        .unwrap_or(rest.len())
        .max(1);
    Span::new(offset, len.min(rest.len().max(1)))
}

/// The parser's message without its own position suffix, and with Rust type names put in
/// words an author knows.
fn plain_message(message: &str) -> String {
    let message = message.lines().next().unwrap_or(message);
    let message = match message.rfind(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    let words = [
        ("invalid u16", "expected a whole number"),
        ("invalid u32", "expected a whole number"),
        ("invalid u64", "expected a whole number"),
        ("invalid i32", "expected a whole number"),
        ("invalid i64", "expected a whole number"),
        ("invalid f64", "expected a number"),
        ("invalid bool", "expected true or false"),
    ];
    for (from, to) in words {
        if let Some(rest) = message.strip_prefix(from) {
            return format!("{to}{rest}");
        }
    }
    // The parser's advice here is for programmers ("use Option<String>", "set DuplicateKeyPolicy").
    if message.starts_with("cannot deserialize null into string") {
        return "the value is empty; expected text".to_string();
    }
    if let Some(rest) = message.strip_prefix("duplicate mapping key") {
        return match rest
            .strip_prefix(": ")
            .and_then(|r| r.split(", set ").next())
        {
            Some(key) => format!("duplicate key `{key}`; a field may be given only once"),
            None => "duplicate key; a field may be given only once".to_string(),
        };
    }
    message.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Entry {
        #[allow(dead_code)]
        year: i32,
    }

    #[test]
    fn type_errors_point_at_the_value_in_words() {
        let file = SourceFile::new("x.yaml", "intro: x\n---\nyear: deux-mille\n");
        let error = parse::<Entry>(&file, 2).unwrap_err();
        assert_eq!(error.line_column(), Some((3, 7)));
        assert!(
            error.message.starts_with("expected a whole number"),
            "{}",
            error.message
        );
    }

    #[test]
    fn unknown_fields_are_named() {
        let file = SourceFile::new("x.yaml", "year: 2020\nyeer: 2021\n");
        let error = parse::<Entry>(&file, 0).unwrap_err();
        assert!(
            error.message.contains("unknown field `yeer`"),
            "{}",
            error.message
        );
        assert_eq!(error.line_column().map(|p| p.0), Some(2));
    }
}
