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
    serde_saphyr::from_str_with_options(yaml, options_for(yaml)).map_err(|error| {
        if let Some(problem) = size_problem(&error) {
            let position = error.location().filter(|location| location.line() > 0);
            let problem = match position {
                Some(location) => {
                    Diagnostic::at(file, span_of(file, line_offset, &location), problem)
                }
                None => Diagnostic::at_line(file, line_offset + 1, 1, problem),
            };
            return problem.with_help(SIZE_HELP);
        }
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

/// The most values (nodes) a YAML file may hold however small it is, counting every copy an
/// alias (`*name`) makes: room for aliases in a small file, while a billion-laughs file of a
/// few hundred bytes stops at once.
pub const MIN_NODE_LIMIT: usize = 50_000;

/// Parse limits for `yaml`: at most [`MIN_NODE_LIMIT`] values, or one per byte of a larger
/// text (and twice as many parser events). Written-out YAML takes at least a byte per value,
/// so a real file of any size fits, while aliases, which repeat values without bytes, cannot
/// make a file cost more than its size allows.
fn options_for(yaml: &str) -> serde_saphyr::Options {
    let nodes = MIN_NODE_LIMIT.max(yaml.len());
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: nodes,
            max_events: nodes.saturating_mul(2),
        },
    }
}

/// What an author can do about a file over the parse limits.
const SIZE_HELP: &str = "split the file into smaller ones (observations may fill any number of \
files in content/data/observations/, or be written as CSV, which has no such limit), and write \
values out instead of repeating them with aliases; docs/content.md, “Size limits”, gives the limits";

/// In an author's words, why a parse stopped at one of its limits (see [`options_for`]), if it did.
fn size_problem(mut error: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
    use serde_saphyr::Error;
    // A limit reached while repeating an alias comes wrapped with the alias's positions.
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    let detail = match error {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => {
                return Some(
                    "this file is nested too deeply to read safely (more than 64 levels)"
                        .to_string(),
                )
            }
            BudgetBreach::Aliases { .. }
            | BudgetBreach::Anchors { .. }
            | BudgetBreach::AliasAnchorRatio { .. } => {
                "it uses too many aliases (`*name`) or anchors (`&name`)"
            }
            BudgetBreach::Documents { .. } => "it holds too many YAML documents (`---`)",
            _ => "it holds more values than a file of its size may, counting every copy an alias (`*name`) makes",
        },
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => {
            "its aliases (`*name`) repeat more values than may be read"
        }
        _ => return None,
    };
    Some(format!("this file is too large to read safely: {detail}"))
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
    fn large_files_load_and_alias_bombs_are_refused_in_words() {
        let numbers: Vec<String> = (0..MIN_NODE_LIMIT + 10_000)
            .map(|n| n.to_string())
            .collect();
        let file = SourceFile::new("x.yaml", format!("[{}]\n", numbers.join(", ")));
        let read = parse::<Vec<u32>>(&file, 0).map(|numbers| numbers.len());
        assert_eq!(read.ok(), Some(MIN_NODE_LIMIT + 10_000));

        let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (previous, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{previous}"); 10].join(", ")
            ));
        }
        let file = SourceFile::new("x.yaml", bomb);
        let error = parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(&file, 0)
            .unwrap_err();
        assert!(
            error
                .message
                .starts_with("this file is too large to read safely"),
            "{}",
            error.message
        );
        assert!(error
            .help
            .is_some_and(|help| help.contains("split the file")));
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
