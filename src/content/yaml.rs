//! YAML with positions: parse errors and located values become spans in the author's file.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_saphyr::{Error, Location};

use super::{flow, hints, recovery};
use crate::diagnostics::{suggest, Code, Diagnostic, SourceFile, Span, SHOWN_PER_FILE};

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
    let mut reading = Reading::new(file, yaml, line_offset);
    for _ in 0..READ_ATTEMPTS {
        if reading.problems.len() > SHOWN_PER_FILE {
            break;
        }
        // serde-saphyr's default options already refuse duplicate keys.
        match serde_saphyr::from_str_with_options(&reading.text, options_for(&reading.text)) {
            Ok(value) => {
                // A value read with stand-ins for missing fields is not the author's.
                let value = reading.stand_ins.is_empty().then_some(value);
                return Parsed {
                    value,
                    problems: reading.problems,
                };
            }
            Err(error) => {
                if !reading.go_past(&error) {
                    break;
                }
            }
        }
    }
    Parsed {
        value: None,
        problems: reading.problems,
    }
}

/// How many times a file is read again past its problems at most: some problems take several
/// readings (a missing field's stand-in values are tried in turn).
const READ_ATTEMPTS: usize = 4 * (SHOWN_PER_FILE + 1);

/// A YAML text being read past its problems: the working copy, changed after each problem so
/// that the next reading goes further, and the problems found so far.
struct Reading<'a> {
    file: &'a Arc<SourceFile>,
    line_offset: usize,
    /// The working copy: the author's text with each problem found so far set right or aside.
    text: String,
    /// The author's text with only its brackets set right: the structure the rest is read in.
    author_text: String,
    problems: Vec<Diagnostic>,
    /// Fields set aside: their absence found later is no new problem.
    set_aside: Vec<String>,
    /// Required fields the author left out, added to the working copy.
    stand_ins: recovery::StandIns,
    /// Where the first of them is reported.
    stand_ins_place: Option<Span>,
    /// Lines whose indentation the working copy writes otherwise (a tab made spaces).
    shifts: Vec<recovery::ColumnShift>,
}

impl<'a> Reading<'a> {
    fn new(file: &'a Arc<SourceFile>, yaml: &str, line_offset: usize) -> Self {
        Reading {
            file,
            line_offset,
            text: yaml.to_string(),
            author_text: yaml.to_string(),
            problems: Vec::new(),
            set_aside: Vec::new(),
            stand_ins: recovery::StandIns::default(),
            stand_ins_place: None,
            shifts: Vec::new(),
        }
    }

    /// Records `error` if it is the author's, and changes the working copy to read past it;
    /// `false` when the text cannot be read further.
    fn go_past(&mut self, error: &Error) -> bool {
        let inner = innermost(error);
        let line = error
            .location()
            .map_or(0, |location| location.line() as usize);
        // The parser places a missing field at the mapping's last field, which may be a stand-in.
        let missing = matches!(inner, Error::SerdeMissingField { .. });
        if self.stand_ins.holds(line) && !missing {
            return self.retry_stand_in(inner, line);
        }
        if code_of(inner) == Code::YamlSyntax {
            if let Some(unbalanced) = flow::first_unbalanced(&self.text)
                .filter(|unbalanced| line == 0 || unbalanced.opening().line <= line)
            {
                self.report(hints::unbalanced(self.file, self.line_offset, &unbalanced));
                self.text = flow::repair(&self.text, &unbalanced);
                // The working copy's other changes may have moved the bracket in its line.
                if let Some(own) = flow::first_unbalanced(&self.author_text) {
                    self.author_text = flow::repair(&self.author_text, &own);
                }
                return true;
            }
        }
        if hints::is_about_a_tab(&error.without_snippet().to_string()) {
            if let Some((untabbed, shift)) = recovery::untab(&self.text, line) {
                self.report(self.diagnose(error));
                self.text = untabbed;
                self.author_text = recovery::untab(&self.author_text, line)
                    .map_or(self.author_text.clone(), |(text, _)| text);
                self.shifts.push(shift);
                return true;
            }
        }
        let repair = recover(&self.text, inner, &mut self.set_aside);
        if let Error::SerdeMissingField { field, .. } = inner {
            if repair.is_none() {
                return self.stand_in(error, field);
            }
        }
        let Some(repaired) = repair.filter(|repaired| *repaired != self.text) else {
            // A word of the author's that is wrong is theirs wherever reading stops.
            if matches!(
                inner,
                Error::SerdeUnknownField { .. }
                    | Error::SerdeUnknownVariant { .. }
                    | Error::InvalidScalar { .. }
            ) {
                self.report(self.diagnose(error));
            }
            self.report_author_syntax_error(error);
            return false;
        };
        let consequence = matches!(inner, Error::SerdeMissingField { field, .. }
            if self.set_aside.iter().any(|aside| aside == field));
        if !consequence {
            self.report(self.diagnose(error));
        }
        self.text = repaired;
        true
    }

    /// A problem with a stand-in value: another value is tried, or reading stops when none
    /// reads (the field belongs to a nested mapping, not the top-level one).
    fn retry_stand_in(&mut self, inner: &Error, line: usize) -> bool {
        let expected = match inner {
            Error::SerdeUnknownField { .. } => return false,
            Error::SerdeUnknownVariant { expected, .. } => expected.first().copied(),
            _ => None,
        };
        match self.stand_ins.problem(&self.text, line, expected) {
            recovery::StandInProblem::Retry(text) => {
                self.text = text;
                true
            }
            recovery::StandInProblem::NotOurs | recovery::StandInProblem::GiveUp => false,
        }
    }

    /// A required field missing from the top-level mapping, which has no list item to set
    /// aside: reported, and given a stand-in so that the parser names the next one.
    fn stand_in(&mut self, error: &Error, field: &str) -> bool {
        if self.stand_ins.has(field) {
            return false;
        }
        if !self.set_aside.iter().any(|aside| aside == field) {
            let mut problem = self.diagnose(error);
            // A data file's own field, not a list entry's (a front matter says so itself).
            let entry_help = format!("add `{field}: …` to this entry");
            if problem.help.as_ref() == Some(&entry_help) {
                problem = problem.with_help(format!("add `{field}: …` to this file"));
            }
            // The parser places the next missing fields on the stand-ins: they go where the
            // first one is, in the author's text.
            match self.stand_ins_place {
                Some(place) => problem.span = Some(place),
                None => self.stand_ins_place = problem.span,
            }
            self.report(problem);
        }
        self.text = self.stand_ins.add(&self.text, field);
        true
    }

    /// Past a change of the working copy that the parser cannot read further, a syntax error
    /// of the author's own text (brackets set right) is reported, if there is one: setting
    /// values aside may have broken the structure of the rest.
    fn report_author_syntax_error(&mut self, error: &Error) {
        if self.text == self.author_text {
            self.report(self.diagnose(error));
            return;
        }
        let author_text = &self.author_text;
        if let Err(error) = serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(
            author_text,
            options_for(author_text),
        ) {
            let problem = diagnose(self.file, self.line_offset, &error, &[]);
            self.report(problem);
        }
    }

    /// The problem `error` is, at the author's position (see [`recovery::ColumnShift`]).
    fn diagnose(&self, error: &Error) -> Diagnostic {
        diagnose(self.file, self.line_offset, error, &self.shifts)
    }

    /// Adds `problem` unless the same was found already.
    fn report(&mut self, problem: Diagnostic) {
        let known = self
            .problems
            .iter()
            .any(|p| p.span == problem.span && p.message == problem.message);
        if !known {
            self.problems.push(problem);
        }
    }
}

/// What kind of problem a parser error is, from its kind rather than its words.
fn code_of(error: &Error) -> Code {
    match error {
        Error::SerdeUnknownField { .. } => Code::UnknownField,
        Error::SerdeMissingField { .. } => Code::MissingField,
        Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::SerdeUnknownVariant { .. }
        | Error::SerdeVariantId { .. }
        | Error::InvalidScalar { .. }
        | Error::InvalidBooleanStrict { .. }
        | Error::NonFiniteFloat { .. }
        | Error::NullIntoString { .. }
        | Error::Unexpected { .. }
        | Error::Message { .. } => Code::InvalidValue,
        _ => Code::YamlSyntax,
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
        if let Some((text, key)) = recovery::set_aside_flow_entry(text, place) {
            set_aside.extend(key);
            return Some(text);
        }
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
            _ if lines.get(place.line - 1).is_some_and(|line| {
                recovery::split_decimal(line, place.column, field).is_some()
            }) =>
            {
                recovery::join_decimal(text, place)
            }
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
        // The parser places a missing field at the last field of its mapping: at the left
        // margin, that mapping is the whole text, and no list item is to be set aside.
        Error::SerdeMissingField { .. }
            if lines
                .get(place.line - 1)
                .and_then(|line| recovery::key_line(line))
                .is_some_and(|key| key.indent == 0) =>
        {
            None
        }
        Error::SerdeMissingField { .. } => recovery::set_aside_item(text, place),
        Error::SerdeInvalidType { .. }
        | Error::SerdeInvalidValue { .. }
        | Error::SerdeInvalidLength { .. }
        | Error::NullIntoString { .. }
        | Error::Message { .. } => set_field_aside(set_aside),
        // A list or map in the wrong place may start on a line of its own: the field it is
        // the value of is set aside; a whole text of the wrong kind cannot be read further.
        Error::Unexpected { .. } => {
            let (line, indent) = recovery::owner_line(&lines, place)?;
            if let Some(key) = lines.get(line - 1).and_then(|l| recovery::key_line(l)) {
                set_aside.push(key.key.to_string());
            }
            Some(recovery::set_aside_field(text, line, indent))
        }
        _ => None,
    }
}

/// The problem `error` is, in the author's words, at its place in `file`, with advice.
/// `shifts` move positions on lines whose indentation the working copy changed back to the
/// author's columns.
fn diagnose(
    file: &Arc<SourceFile>,
    line_offset: usize,
    error: &Error,
    shifts: &[recovery::ColumnShift],
) -> Diagnostic {
    let at = |message: String| match error.location().filter(|location| location.line() > 0) {
        Some(location) => {
            let line = location.line() as usize;
            let column = recovery::ColumnShift::author_column(
                shifts,
                line,
                (location.column() as usize).max(1),
            );
            Diagnostic::at(file, span_at(file, line_offset + line, column), message)
        }
        None => Diagnostic::at_line(file, line_offset + 1, 1, message),
    };
    if let Some(problem) = size_problem(error) {
        return at(problem).with_help(SIZE_HELP);
    }
    let message = plain_message(&error.without_snippet().to_string());
    let inner = innermost(error);
    let located = at(message);
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
        } => match hints::split_decimal(file, &located, field) {
            Some(decimal) => return decimal.with_code(Code::InvalidValue),
            None => hints::unknown_name(located, "field", field, expected),
        },
        Error::Unexpected { expected, .. } => hints::unexpected_node(file, located, expected),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => hints::unknown_name(located, "value", variant, expected),
        _ => hints::advise(file, located),
    }
    .with_code(code_of(inner))
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
    span_at(file, line, (location.column() as usize).max(1))
}

/// The span of the value at 1-based `line` and character `column` of `file`.
fn span_at(file: &SourceFile, line: usize, column: usize) -> Span {
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
        ("invalid u8", "expected a whole number"),
        ("invalid i8", "expected a whole number"),
        ("invalid i16", "expected a whole number"),
        ("invalid usize", "expected a whole number"),
        ("invalid f64", "expected a number"),
        ("invalid f32", "expected a number"),
        ("invalid floating point", "expected a number"),
        ("invalid boolean", "expected true or false"),
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

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Status {
        Pilot,
        Ongoing,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Record {
        title: String,
        status: Status,
        areas: Vec<String>,
        name: std::collections::BTreeMap<String, String>,
        value: f64,
        #[serde(default)]
        items: Vec<Entry>,
    }

    #[test]
    fn mistakes_mixed_on_a_line_never_panic_and_are_all_placed() {
        let lines = [
            "title: \"é: [x\"",
            "title: Prénom: {a",
            "status: pilto",
            "\tstatus: ongoing",
            "areas: [A, é, B}",
            "areas: [Ä",
            "name: {fr: é, en: 4,5, de: [x}",
            "name:",
            "value: 4,5",
            "value: é",
            "items:",
            "  - {year: 41,5, month: é}",
            "  - year: deux",
            "\t- year: 2020",
            "colour: red",
            "",
        ];
        let mut seed = 7_u64;
        for _ in 0..200 {
            let mut text = String::new();
            for _ in 0..6 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                text.push_str(lines[(seed >> 33) as usize % lines.len()]);
                text.push('\n');
            }
            let file = SourceFile::new("x.yaml", format!("---\n{text}---\n"));
            let yaml = &file.text[4..file.text.len() - 4];
            let parsed = read::<Record>(&file, yaml, 1);
            assert!(!parsed.problems.is_empty(), "{text}");
            for problem in &parsed.problems {
                assert!(problem.line_column().is_some(), "{text}: {problem:?}");
            }
        }
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
