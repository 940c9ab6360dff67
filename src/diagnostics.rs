//! Errors about content, with the file, position and source snippet an author needs to fix them.
//!
//! The pipeline never stops at the first problem: every stage pushes into [`Diagnostics`] and
//! the command prints them all together, like a compiler.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use miette::{GraphicalReportHandler, GraphicalTheme, NamedSource, SourceSpan};

use crate::terminal::{visible, visible_source};

/// One file's text, shared by every diagnostic that points into it.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the site root, as the author knows it.
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of each line's start, found once: positions of a file with many values or
    /// many problems then cost a search, not a scan of the text before them.
    line_starts: OnceLock<Vec<usize>>,
    /// Whether the text holds control characters that snippets must show as escapes.
    controls: OnceLock<bool>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(SourceFile {
            path: path.into(),
            text: text.into(),
            line_starts: OnceLock::new(),
            controls: OnceLock::new(),
        })
    }

    /// Whether the text holds control characters a terminal would obey, found once.
    fn has_controls(&self) -> bool {
        *self
            .controls
            .get_or_init(|| crate::terminal::has_hidden_controls(&self.text))
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(index, _)| index + 1))
                .collect()
        })
    }

    /// Byte offset of a 1-based line and character column, clamped to the text (a column past
    /// the end of the line stops after its line break).
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let starts = self.line_starts();
        let Some(&start) = line.checked_sub(1).and_then(|index| starts.get(index)) else {
            return self.text.len();
        };
        let end = starts.get(line).copied().unwrap_or(self.text.len());
        let in_line: usize = self.text[start..end]
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + in_line
    }

    /// The text of a 1-based line, without its line break; `None` past the last line.
    pub fn line(&self, number: usize) -> Option<&str> {
        let starts = self.line_starts();
        let start = *starts.get(number.checked_sub(1)?)?;
        if start == self.text.len() && number > 1 {
            return None;
        }
        let end = starts.get(number).copied().unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// `span` moved inside the text and onto character boundaries, so any position a parser
    /// reports can be shown without slicing a character in two.
    pub fn clamp(&self, span: Span) -> Span {
        let text = &self.text;
        let start = floor_char_boundary(text, span.offset.min(text.len()));
        let mut end = span
            .offset
            .saturating_add(span.len)
            .min(text.len())
            .max(start);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end - start)
    }

    /// 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset);
        let line_start = starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where in a file a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub offset: usize,
    pub len: usize,
}

impl Span {
    pub fn new(offset: usize, len: usize) -> Self {
        Span { offset, len }
    }
}

/// Whether a problem stops the build: an error does; a warning (a figure that contradicts
/// another) is reported by `check` and `build`, and the site is still built.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

/// What kind of problem a diagnostic is, as a stable name that editors and CI can match on
/// (`check --format json`); the list is documented in docs/commands.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    /// `site.yaml`: a missing or wrong setting.
    SiteConfig,
    /// A file or folder that cannot be read, is not UTF-8, or leads out of the site.
    File,
    /// YAML that does not parse (indentation, quoting, tabs, duplicate keys).
    YamlSyntax,
    /// A field the format does not have.
    UnknownField,
    /// A required field left out.
    MissingField,
    /// A value of the wrong type or badly formed.
    InvalidValue,
    /// A value that reads but lies outside what it may be: a percentage over 100, a maturity
    /// score of 7, a year or date to come.
    OutOfRange,
    /// A Markdown document's front matter (`---` block) missing or unclosed.
    FrontMatter,
    /// An observations table (CSV or YAML) that cannot be read.
    Observations,
    /// An id that names nothing: an unknown PES, indicator, area, document…
    UnknownReference,
    /// A translated field missing a language, or a document's languages at odds.
    Translation,
    /// Two documents in conflict, or a document that cannot be published as it is.
    Document,
    /// A text `benchlearn new` wrote, still to be replaced.
    Placeholder,
    /// Figures written twice that disagree (a warning).
    ContradictingFigures,
    /// A link or image in Markdown that leads nowhere.
    BrokenLink,
    /// A figure, chart or quote written in Markdown that cannot be drawn.
    Markdown,
    /// A template of the theme that does not parse or render.
    Template,
    /// The theme's UI strings: missing, or not valid messages.
    UiStrings,
    /// The search settings or the search index.
    Search,
    /// A page or file that cannot be rendered from otherwise valid content.
    Render,
}

impl Code {
    /// Every code, in the order the documentation lists them.
    pub const ALL: [Code; 20] = [
        Code::SiteConfig,
        Code::File,
        Code::YamlSyntax,
        Code::UnknownField,
        Code::MissingField,
        Code::InvalidValue,
        Code::OutOfRange,
        Code::FrontMatter,
        Code::Observations,
        Code::UnknownReference,
        Code::Translation,
        Code::Document,
        Code::Placeholder,
        Code::ContradictingFigures,
        Code::BrokenLink,
        Code::Markdown,
        Code::Template,
        Code::UiStrings,
        Code::Search,
        Code::Render,
    ];

    /// The stable name printed in JSON diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::SiteConfig => "site-config",
            Code::File => "file",
            Code::YamlSyntax => "yaml-syntax",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::InvalidValue => "invalid-value",
            Code::OutOfRange => "out-of-range",
            Code::FrontMatter => "front-matter",
            Code::Observations => "observations",
            Code::UnknownReference => "unknown-reference",
            Code::Translation => "translation",
            Code::Document => "document",
            Code::Placeholder => "placeholder",
            Code::ContradictingFigures => "contradicting-figures",
            Code::BrokenLink => "broken-link",
            Code::Markdown => "markdown",
            Code::Template => "template",
            Code::UiStrings => "ui-strings",
            Code::Search => "search",
            Code::Render => "render",
        }
    }

    /// The code of a problem made in `source` (the Rust file that found it) saying `message`:
    /// each stage of the pipeline finds one kind of problem, so call sites need not name it;
    /// those that find a more precise kind say so with [`Diagnostic::with_code`].
    fn found_in(source: &str, message: &str) -> Code {
        let source = source.replace('\\', "/");
        let module = source
            .rsplit_once("src/")
            .map_or(source.as_str(), |(_, m)| m);
        match module {
            _ if module.starts_with("config/") => Code::SiteConfig,
            "content/yaml.rs" => Code::of_parser_message(message),
            "content/front_matter.rs" => Code::FrontMatter,
            "content/observations.rs" => Code::Observations,
            "validate/translations.rs" => Code::Translation,
            "validate/consistency.rs" => Code::ContradictingFigures,
            "validate/documents.rs" => Code::Document,
            "validate/search.rs" | "search.rs" => Code::Search,
            "render/engine/markdown.rs" => Code::Markdown,
            "render/engine/templates.rs" | "theme.rs" => Code::Template,
            "i18n.rs" => Code::UiStrings,
            _ if module.starts_with("content/") => Code::File,
            _ if module.starts_with("render/") => Code::Render,
            _ => Code::InvalidValue,
        }
    }

    /// The kind of a YAML parser's message, which names it in its first words.
    fn of_parser_message(message: &str) -> Code {
        if message.starts_with("unknown field") {
            Code::UnknownField
        } else if message.starts_with("missing field") {
            Code::MissingField
        } else if message.starts_with("invalid") {
            Code::InvalidValue
        } else {
            Code::YamlSyntax
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem found in the site's files.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub file: Option<Arc<SourceFile>>,
    /// For files with no readable text (missing, not UTF-8 before decoding), the path alone.
    pub path: Option<PathBuf>,
    pub span: Option<Span>,
    pub message: String,
    pub help: Option<String>,
    pub severity: Severity,
    /// What kind of problem it is, for tools.
    pub code: Code,
}

impl Diagnostic {
    /// A problem at a place in a file whose text we have.
    #[track_caller]
    pub fn at(file: &Arc<SourceFile>, span: Span, message: impl Into<String>) -> Self {
        let message = message.into();
        Diagnostic {
            file: Some(Arc::clone(file)),
            path: None,
            span: Some(file.clamp(span)),
            code: Code::found_in(std::panic::Location::caller().file(), &message),
            message,
            help: None,
            severity: Severity::Error,
        }
    }

    /// A problem at a 1-based line and column of a file.
    #[track_caller]
    pub fn at_line(
        file: &Arc<SourceFile>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let offset = file.offset_of(line, column);
        let len = token_length(&file.text[offset..]);
        Self::at(file, Span::new(offset, len), message)
    }

    /// A problem with a whole file that has no useful position (unreadable, empty folder…).
    #[track_caller]
    pub fn in_path(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        let message = message.into();
        Diagnostic {
            file: None,
            path: Some(path.into()),
            span: None,
            code: Code::found_in(std::panic::Location::caller().file(), &message),
            message,
            help: None,
            severity: Severity::Error,
        }
    }

    /// The same problem with a more precise code than its stage's.
    pub fn with_code(mut self, code: Code) -> Self {
        self.code = code;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem as a warning, which does not stop the build.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The file the problem is in, relative to the site root.
    pub fn file_path(&self) -> Option<&Path> {
        self.file
            .as_ref()
            .map(|file| file.path.as_path())
            .or(self.path.as_deref())
    }

    /// 1-based line and column, where the problem has a position.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        Some(self.file.as_ref()?.line_column(self.span?.offset))
    }

    /// 1-based line and column just after the problem's span, where it has a position.
    pub fn end_line_column(&self) -> Option<(usize, usize)> {
        let span = self.span?;
        Some(self.file.as_ref()?.line_column(span.offset + span.len))
    }

    /// The problem as one line of JSON for editors and CI (`check --format json`): the fields
    /// always come in the same order, and those without a value are left out.
    pub fn to_json_line(&self) -> String {
        let start = self.line_column();
        let end = self.end_line_column();
        let line = JsonDiagnostic {
            kind: "diagnostic",
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: self.code.as_str(),
            file: self
                .file_path()
                .map(|path| path.to_string_lossy().replace('\\', "/")),
            line: start.map(|(line, _)| line),
            column: start.map(|(_, column)| column),
            end_line: end.map(|(line, _)| line),
            end_column: end.map(|(_, column)| column),
            message: &self.message,
            help: self.help.as_deref(),
        };
        // A struct of strings and numbers always serializes.
        serde_json::to_string(&line).unwrap_or_default()
    }

    /// `file:line:column` as editors and terminals link it.
    pub fn location(&self) -> String {
        let path = self
            .file_path()
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        match self.line_column() {
            Some((line, column)) => format!("{path}:{line}:{column}"),
            None => path,
        }
    }

    /// The report as a person reads it in a terminal: location, message, snippet with a caret,
    /// help; control characters from the content are shown as escapes ([`crate::terminal`]).
    pub fn render(&self, colour: bool) -> String {
        let theme = if colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
        let mut out = String::new();
        if handler
            .render_report(&mut out, &self.terminal_view())
            .is_err()
        {
            let word = match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            out = format!(
                "{word}: {}: {}\n",
                visible(&self.location()),
                visible(&self.message)
            );
        }
        out
    }

    /// What miette draws: the texts made visible, the span moved onto the visible snippet.
    fn terminal_view(&self) -> MietteView {
        let snippet = self.file.as_ref().zip(self.span).map(|(file, span)| {
            let name = visible(&file.path.display().to_string()).into_owned();
            if !file.has_controls() {
                let text = SnippetText::Shared(Arc::clone(file));
                return (NamedSource::new(name, text), span);
            }
            let (text, start, end) =
                visible_source(&file.text, span.offset, span.offset + span.len);
            let text = SnippetText::Visible(text);
            (NamedSource::new(name, text), Span::new(start, end - start))
        });
        // Without a snippet, miette shows no file name: the message carries the location.
        let message = if snippet.is_some() {
            visible(&self.message).into_owned()
        } else {
            visible(&format!("{}: {}", self.location(), self.message)).into_owned()
        };
        let (source, span) = snippet.unzip();
        MietteView {
            message,
            severity: self.severity,
            help: self.help.as_deref().map(|help| visible(help).into_owned()),
            source,
            span,
        }
    }
}

/// Length of the token at the start of `text`, so a caret underlines a word rather than a point.
fn token_length(text: &str) -> usize {
    let line = text.lines().next().unwrap_or("");
    let trimmed = line.trim_end();
    trimmed.len().clamp(1, 80).min(text.len().max(1))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// The fields of a diagnostic's JSON line, in the order they are written.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    severity: &'static str,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

/// Adapter that lets miette draw a [`Diagnostic`] with its snippet and file name.
#[derive(Debug)]
struct MietteView {
    message: String,
    severity: Severity,
    help: Option<String>,
    source: Option<NamedSource<SnippetText>>,
    span: Option<Span>,
}

/// A file's text as miette reads it: shared rather than copied for each problem drawn, or,
/// where the file holds control characters, a copy with them made visible.
#[derive(Debug)]
enum SnippetText {
    Shared(Arc<SourceFile>),
    Visible(String),
}

impl miette::SourceCode for SnippetText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = match self {
            SnippetText::Shared(file) => file.text.as_str(),
            SnippetText::Visible(text) => text.as_str(),
        };
        text.read_span(span, context_lines_before, context_lines_after)
    }
}

impl fmt::Display for MietteView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MietteView {}

impl miette::Diagnostic for MietteView {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        let span = self.span?;
        let label = miette::LabeledSpan::new_primary_with_span(
            Some("here".to_string()),
            SourceSpan::new(span.offset.into(), span.len),
        );
        Some(Box::new(std::iter::once(label)))
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        None
    }
}

/// Every problem of one run, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Adds the problems of a later stage, leaving out those at the very place of a problem
    /// already found: a value that could not be read is not reported again for what it was
    /// read as.
    pub fn extend_elsewhere(&mut self, later: impl IntoIterator<Item = Diagnostic>) {
        let places: Vec<(Option<PathBuf>, usize)> = self
            .items
            .iter()
            .filter_map(|problem| {
                Some((
                    problem.file_path().map(Path::to_path_buf),
                    problem.span?.offset,
                ))
            })
            .collect();
        for problem in later {
            let place = problem
                .span
                .map(|span| (problem.file_path().map(Path::to_path_buf), span.offset));
            if !place.is_some_and(|place| places.contains(&place)) {
                self.items.push(problem);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file and position so reports read top to bottom and are reproducible; a
    /// problem found twice (same place, same words) is kept once.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup_by(|a, b| a.sort_key() == b.sort_key());
        self.items
    }

    /// The problems as they are shown: sorted, grouped by file, at most [`SHOWN_PER_FILE`] of
    /// each file, so that one broken file cannot flood a terminal or the `serve` overlay.
    pub fn into_report(self) -> Report {
        let mut report = Report::default();
        for problem in self.into_sorted() {
            report.total += 1;
            match report.files.last_mut() {
                Some(file) if file.path() == problem.file_path() => file.problems.push(problem),
                _ => report.files.push(FileProblems {
                    problems: vec![problem],
                    more: 0,
                }),
            }
        }
        for file in &mut report.files {
            // One problem more than the limit is shown rather than counted.
            if file.problems.len() > SHOWN_PER_FILE + 1 {
                file.more = file.problems.len() - SHOWN_PER_FILE;
                file.problems.truncate(SHOWN_PER_FILE);
            }
        }
        report
    }
}

impl Diagnostic {
    /// What orders problems, and makes two of them the same problem.
    fn sort_key(&self) -> (Option<&Path>, Option<usize>, &str, Option<&str>) {
        (
            self.file_path(),
            self.span.map(|span| span.offset),
            &self.message,
            self.help.as_deref(),
        )
    }
}

/// The most problems of one file that are shown; the others are counted.
pub const SHOWN_PER_FILE: usize = 50;

/// The problems of a run as they are shown, with how many there were in all.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileProblems>,
    /// Every problem found, shown or not.
    pub total: usize,
}

/// The first problems of one file (or of no file), and how many more it has.
#[derive(Debug)]
pub struct FileProblems {
    /// Never empty.
    pub problems: Vec<Diagnostic>,
    /// Problems not shown: 0, or 2 and more.
    pub more: usize,
}

impl FileProblems {
    pub fn path(&self) -> Option<&Path> {
        self.problems.first().and_then(Diagnostic::file_path)
    }

    /// The line that stands for the problems not shown: `… and 12 more problems in a.csv`.
    pub fn more_line(&self) -> Option<String> {
        let place = self
            .path()
            .map(|path| format!(" in {}", path.display()))
            .unwrap_or_default();
        (self.more > 0).then(|| format!("… and {} more problems{place}", self.more))
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics {
            items: vec![diagnostic],
        }
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Diagnostics {
        Diagnostics { items }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// The nearest known name to an unknown one, for "did you mean …?".
pub fn suggest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(unknown, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" where a near name exists.
pub fn did_you_mean<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggest(unknown, known).map(|near| format!("did you mean `{near}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip() {
        let file = SourceFile::new("a.yaml", "id: x\nname: é\n  bad\n");
        let offset = file.offset_of(2, 7);
        assert_eq!(&file.text[offset..offset + 2], "é");
        assert_eq!(file.line_column(offset), (2, 7));
        assert_eq!(file.line_column(0), (1, 1));
    }

    #[test]
    fn spans_are_kept_on_character_boundaries() {
        let file = SourceFile::new("a.csv", "é,à\n");
        assert_eq!(file.clamp(Span::new(1, 1)), Span::new(0, 2));
        assert_eq!(file.clamp(Span::new(40, 3)), Span::new(6, 0));
        let diagnostic = Diagnostic::at(&file, Span::new(4, 1), "x");
        assert_eq!(diagnostic.line_column(), Some((1, 3)));
        assert!(diagnostic.render(false).contains("a.csv:1:"));
    }

    #[test]
    fn positions_of_the_last_line_and_past_the_end() {
        let file = SourceFile::new("a.yaml", "ab\ncd\n");
        assert_eq!(file.offset_of(2, 2), 4);
        assert_eq!(
            file.offset_of(2, 9),
            6,
            "a column past the line ends after its break"
        );
        assert_eq!(file.offset_of(3, 1), 6);
        assert_eq!(file.offset_of(9, 1), 6);
        assert_eq!(file.offset_of(0, 1), 6);
        assert_eq!(file.line_column(6), (3, 1));
        assert_eq!(file.line_column(60), (3, 1));
        assert_eq!(file.line_column(2), (1, 3));
        assert_eq!(file.line(2), Some("cd"));
        assert_eq!(file.line(3), None);
        assert_eq!(SourceFile::new("b", "a\r\nb").line(1), Some("a"));
    }

    #[test]
    fn a_report_shows_fifty_problems_a_file_and_counts_them_all() {
        let crowded = SourceFile::new("a.csv", "x\n".repeat(200));
        let quiet = SourceFile::new("b.csv", "y\n");
        let mut problems = Diagnostics::default();
        for line in (1..=120).rev() {
            problems.push(Diagnostic::at_line(&crowded, line, 1, "bad"));
        }
        problems.push(Diagnostic::at_line(&crowded, 7, 1, "bad"));
        problems.push(Diagnostic::at_line(&quiet, 1, 1, "bad"));
        problems.push(Diagnostic::in_path("c.yaml", "unreadable"));
        let just_over = SourceFile::new("d.csv", "z\n".repeat(60));
        for line in 1..=51 {
            problems.push(Diagnostic::at_line(&just_over, line, 1, "bad"));
        }
        let report = problems.into_report();
        assert_eq!(report.total, 173, "the repeated problem counts once");
        let shown: Vec<usize> = report.files.iter().map(|f| f.problems.len()).collect();
        assert_eq!(shown, [50, 1, 1, 51], "one more than the limit is shown");
        assert_eq!(report.files[0].problems[0].line_column(), Some((1, 1)));
        assert_eq!(
            report.files[0].more_line().as_deref(),
            Some("… and 70 more problems in a.csv")
        );
        assert_eq!(report.files[1].more_line(), None);
    }

    #[test]
    fn codes_follow_the_stage_that_found_the_problem() {
        let file = SourceFile::new("a.yaml", "x: 1\n");
        assert_eq!(
            Diagnostic::at_line(&file, 1, 1, "x").code,
            Code::InvalidValue
        );
        let cases = [
            ("src/config/mod.rs", "x", Code::SiteConfig),
            ("src/config/editions.rs", "x", Code::SiteConfig),
            (
                "src/content/yaml.rs",
                "unknown field `sumary`",
                Code::UnknownField,
            ),
            (
                "src/content/yaml.rs",
                "missing field `updated`",
                Code::MissingField,
            ),
            (
                "src/content/yaml.rs",
                "did not find expected key",
                Code::YamlSyntax,
            ),
            ("src/content/paths.rs", "x", Code::File),
            ("src/render/pages/home.rs", "x", Code::Render),
            ("src\\i18n.rs", "x", Code::UiStrings),
        ];
        for (source, message, code) in cases {
            assert_eq!(Code::found_in(source, message), code, "{source}");
        }
        let names: std::collections::BTreeSet<&str> =
            Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len(), "every code has its own name");
    }

    #[test]
    fn a_json_line_has_its_fields_in_order() {
        let file = SourceFile::new("content/x.yaml", "pes: fr-pe\n");
        let line = Diagnostic::at(&file, Span::new(5, 5), "unknown \"PES\"")
            .with_code(Code::UnknownReference)
            .to_json_line();
        assert_eq!(
            line,
            r#"{"type":"diagnostic","severity":"error","code":"unknown-reference","file":"content/x.yaml","line":1,"column":6,"end_line":1,"end_column":11,"message":"unknown \"PES\""}"#
        );
        let line = Diagnostic::in_path("a.csv", "unreadable")
            .as_warning()
            .to_json_line();
        assert_eq!(
            line,
            r#"{"type":"diagnostic","severity":"warning","code":"invalid-value","file":"a.csv","message":"unreadable"}"#
        );
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(suggest("fr-pe", ["fr-ft", "de-ba", "se-af"]), Some("fr-ft"));
        assert_eq!(suggest("zzzz", ["fr-ft", "de-ba"]), None);
    }

    #[test]
    fn control_characters_are_escaped_and_the_caret_follows() {
        let file = SourceFile::new("a\u{1b}]0;t\u{7}.yaml", "id: x\r\n\u{1b}[2J\tbad: 1\r\n");
        let offset = file.text.find("bad").unwrap();
        let d = Diagnostic::at(&file, Span::new(offset, 3), "bad \u{9b}value\r")
            .with_help("not \u{7}this");
        let text = d.render(false);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\u{9b}', '\r']),
            "{text:?}"
        );
        assert!(text.contains("a\\u{1b}]0;t\\u{7}.yaml:2:"), "{text}");
        assert!(text.contains("bad \\u{9b}value\\r"), "{text}");
        assert!(text.contains("not \\u{7}this"), "{text}");
        let line = text.lines().find(|l| l.contains("bad: 1")).unwrap();
        assert!(
            line.ends_with("\\u{1b}[2J   bad: 1"),
            "the tab is laid out: {line:?}"
        );
        let caret = text.lines().find(|l| l.contains('┬')).unwrap();
        assert_eq!(
            caret.find('┬').map(|at| caret[..at].chars().count()),
            line.find("bad").map(|at| line[..at].chars().count() + 1),
            "{text}"
        );
    }

    #[test]
    fn renders_location_and_snippet() {
        let file = SourceFile::new("content/x.yaml", "pes: fr-pe\n");
        let d = Diagnostic::at(&file, Span::new(5, 5), "unknown PES `fr-pe`")
            .with_help("did you mean `fr-ft`?");
        let text = d.render(false);
        assert!(text.contains("content/x.yaml:1:6"), "{text}");
        assert!(text.contains("unknown PES `fr-pe`"), "{text}");
        assert!(text.contains("did you mean `fr-ft`?"), "{text}");
    }
}
