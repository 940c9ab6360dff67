//! YAML with positions: parse errors and located values become spans in the author's file.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

use super::{hints, recovery};
use crate::diagnostics::{suggest, Diagnostic, SourceFile, Span};

/// Parses YAML that starts `line_offset` lines into `file` (0 for a data file, the front
/// matter's first line for a Markdown document), with every problem found in it.
pub fn parse<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    line_offset: usize,
) -> Result<T, Vec<Diagnostic>> {
    parse_str(file, yaml_text(file, line_offset), line_offset)
}

/// Parses `yaml`, a slice of `file` starting `line_offset` lines in, with every problem found.
pub fn parse_str<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    yaml: &str,
    line_offset: usize,
) -> Result<T, Vec<Diagnostic>> {
    read(file, yaml, line_offset).into_result()
}

/// What reading a YAML text gave: every problem found, and the value read once the wrong
/// values were set aside (see [`recovery`]), for the checks that need the rest of the file.
pub struct Parsed<T> {
    pub value: Option<T>,
    pub problems: Vec<Diagnostic>,
}

impl<T> Parsed<T> {
    /// The value if the text had no problem, else the problems.
    pub fn into_result(self) -> Result<T, Vec<Diagnostic>> {
        match self.value {
            Some(value) if self.problems.is_empty() => Ok(value),
            _ => Err(self.problems),
        }
    }
}

/// Reads `yaml` (a slice of `file` starting `line_offset` lines in), going on past each wrong
/// value to find the next one: one mistake does not hide the others.
pub fn read<T: DeserializeOwned>(
    file: &Arc<SourceFile>,
    yaml: &str,
    line_offset: usize,
) -> Parsed<T> {
    let mut text = yaml.to_string();
    let mut problems = Vec::new();
    // Fields set aside: their absence found later is no new problem.
    let mut set_aside: Vec<String> = Vec::new();
    for _ in 0..=crate::diagnostics::SHOWN_PER_FILE {
        // serde-saphyr's default options already refuse duplicate keys.
        let error = match serde_saphyr::from_str_with_options(&text, options_for(&text)) {
            Ok(value) => {
                return Parsed {
                    value: Some(value),
                    problems,
                }
            }
            Err(error) => error,
        };
        let inner = innermost(&error);
        let repair = recover(&text, inner, &mut set_aside);
        let missing_field = matches!(inner, Error::SerdeMissingField { .. });
        if repair.is_none() && !missing_field && text != yaml {
            // Setting values aside may break the structure of the rest: past that, only a
            // syntax error of the author's own text is reported.
            if let Err(error) = serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(
                yaml,
                options_for(yaml),
            ) {
                problems.push(diagnose(file, line_offset, &error));
            }
            break;
        }
        let consequence = matches!(inner, Error::SerdeMissingField { field, .. }
            if set_aside.iter().any(|aside| aside == field));
        if !consequence {
            problems.push(diagnose(file, line_offset, &error));
        }
        match repair {
            Some(repaired) if repaired != text => text = repaired,
            _ => break,
        }
    }
    Parsed {
        value: None,
        problems,
    }
}

/// The error itself, without the snippet or alias that wrap it.
fn innermost(mut error: &Error) -> &Error {
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    error
}

/// The working text changed so that reading goes on past `error`, or `None` when the text
/// cannot be read further (a syntax error, or a missing field outside any list).
fn recover(text: &str, error: &Error, set_aside: &mut Vec<String>) -> Option<String> {
    let location = error.location().filter(|location| location.line() > 0)?;
    let place = recovery::Place {
        line: location.line() as usize,
        column: (location.column() as usize).max(1),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let set_field_aside = |set_aside: &mut Vec<String>| {
        let (line, indent) = recovery::field_line(&lines, place)?;
        if let Some(key) = lines.get(line - 1).and_then(|l| recovery::key_line(l)) {
            set_aside.push(key.key.to_string());
        }
        Some(recovery::set_aside_field(text, line, indent))
    };
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => match suggest(field, expected.iter().copied()) {
            Some(near) => recovery::rename_key(text, place, field, near)
                .or_else(|| set_field_aside(set_aside)),
            None => set_field_aside(set_aside),
        },
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let near = suggest(variant, expected.iter().copied()).or(expected.first().copied());
            near.and_then(|near| recovery::replace_word(text, place, near))
        }
        Error::InvalidScalar { ty, .. } => match *ty {
            "bool" => recovery::replace_word(text, place, "false"),
            _ => recovery::replace_word(text, place, "1"),
        },
        Error::SerdeMissingField { .. } => recovery::set_aside_item(text, place),
        Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::NullIntoString { .. }
        | Error::Message { .. } => set_field_aside(set_aside),
        _ => None,
    }
}

/// The problem `error` is, in the author's words, at its place in `file`, with advice.
fn diagnose(file: &Arc<SourceFile>, line_offset: usize, error: &Error) -> Diagnostic {
    if let Some(problem) = size_problem(error) {
        let position = error.location().filter(|location| location.line() > 0);
        let problem = match position {
            Some(location) => Diagnostic::at(file, span_of(file, line_offset, &location), problem),
            None => Diagnostic::at_line(file, line_offset + 1, 1, problem),
        };
        return problem.with_help(SIZE_HELP);
    }
    let message = plain_message(&error.without_snippet().to_string());
    let inner = innermost(error);
    let located = match error.location().filter(|location| location.line() > 0) {
        Some(location) => Diagnostic::at(file, span_of(file, line_offset, &location), message),
        None => Diagnostic::at_line(file, line_offset + 1, 1, message),
    };
    match inner {
        // A missing field has no line of its own: the parser points at the entry. In front
        // matter (which has no nested required fields) the opening `---` is clearer.
        Error::SerdeMissingField { field, .. } if line_offset > 0 => {
            Diagnostic::at_line(file, line_offset, 1, located.message)
                .with_help(format!("add `{field}: …` to the front matter"))
        }
        Error::SerdeMissingField { field, .. } => {
            let help = hints::misplaced_field(file, &located, field)
                .unwrap_or_else(|| format!("add `{field}: …` to this entry"));
            located.with_help(help)
        }
        Error::SerdeUnknownField {
            field, expected, ..
        } => hints::unknown_name(located, "field", field, expected),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => hints::unknown_name(located, "value", variant, expected),
        _ => hints::advise(file, located),
    }
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
fn size_problem(mut error: &Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach;
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

/// The YAML of `file`, from `line_offset` lines in.
pub fn yaml_text(file: &SourceFile, line_offset: usize) -> &str {
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
        let errors = parse::<Entry>(&file, 2).unwrap_err();
        let error = &errors[0];
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
        let errors = parse::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(&file, 0)
            .unwrap_err();
        let error = &errors[0];
        assert!(
            error
                .message
                .starts_with("this file is too large to read safely"),
            "{}",
            error.message
        );
        assert!(error
            .help
            .as_ref()
            .is_some_and(|help| help.contains("split the file")));
    }

    #[test]
    fn unknown_fields_are_named() {
        let file = SourceFile::new("x.yaml", "year: 2020\nyeer: 2021\n");
        let errors = parse::<Entry>(&file, 0).unwrap_err();
        let error = &errors[0];
        assert!(
            error.message.contains("unknown field `yeer`"),
            "{}",
            error.message
        );
        assert_eq!(error.line_column().map(|p| p.0), Some(2));
    }
}
