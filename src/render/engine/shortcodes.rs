//! The syntax of figures quoted in Markdown: inline shortcodes as Zola writes them,
//! `{{ median(indicator="vacancies-filled", year=2024) }}`, found outside code spans, code
//! blocks and raw HTML, with the position of every part so a problem points at it.
//!
//! `{{/* … */}}` writes the braces themselves: `{{/* median() */}}` shows `{{ median() }}`.
//! What a call means is decided elsewhere (see `render::views::quotes`); this module only
//! reads it.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A shortcode call: `name(key=value, …)` between `{{` and `}}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    /// Where the name is, in the body.
    pub name_span: Range<usize>,
    pub arguments: Vec<Argument>,
}

/// One `key=value` of a call.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    pub key: String,
    pub value: ArgumentValue,
    /// Where the whole `key=value` is, in the body.
    pub span: Range<usize>,
}

/// A quoted text or a whole number, the two kinds of values a call takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgumentValue {
    Text(String),
    Integer(i64),
}

/// A call that could not be read: where, and what was expected.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub span: Range<usize>,
    pub message: String,
}

/// What stands between `{{` and `}}` somewhere in a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// A call to evaluate.
    Call(Call),
    /// `{{/* … */}}`: the braces and the text between them, written as they are.
    Literal(String),
    /// Braces that do not hold a call.
    Invalid(SyntaxError),
}

/// Everything between `{{` and `}}` in `body` outside code and raw HTML, in order, each with
/// the byte range it covers (braces included).
pub fn find(body: &str) -> Vec<(Range<usize>, Found)> {
    // Most bodies quote nothing: they are not parsed a second time.
    if !body.contains("{{") {
        return Vec::new();
    }
    let verbatim = verbatim_ranges(body);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(relative) = body[from..].find("{{") {
        let start = from + relative;
        if let Some(skip) = verbatim.iter().find(|range| range.contains(&start)) {
            from = skip.end.max(start + 2);
            continue;
        }
        let (end, item) = read_at(body, start);
        found.push((start..end, item));
        from = end;
    }
    found
}

/// The byte ranges of code spans, code blocks and raw HTML, where braces are text.
fn verbatim_ranges(body: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut ranges = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_) => ranges.push(range),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {}
            _ => {}
        }
    }
    ranges
}

/// Reads what starts with `{{` at `start`: the end of what it covers and what it is.
fn read_at(body: &str, start: usize) -> (usize, Found) {
    if body[start..].starts_with("{{/*") {
        if let Some(close) = body[start..].find("*/}}") {
            let inner = &body[start + 4..start + close];
            return (
                start + close + 4,
                Found::Literal(format!("{{{{{inner}}}}}")),
            );
        }
    }
    match closing_braces(body, start + 2) {
        Some(close) => {
            let item = match Reader::new(body, start + 2, close).call() {
                Ok(call) => Found::Call(call),
                Err(error) => Found::Invalid(error),
            };
            (close + 2, item)
        }
        None => {
            let end = body[start..].find('\n').map_or(body.len(), |n| start + n);
            (
                end,
                Found::Invalid(SyntaxError {
                    span: start..start + 2,
                    message: "`{{` is not closed: a figure is written `{{ name(key=value, …) }}`"
                        .to_string(),
                }),
            )
        }
    }
}

/// Where the `}}` that closes a call opened before `from` starts, skipping quoted text;
/// `None` when another `{{` or the end comes first.
fn closing_braces(body: &str, from: usize) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut quote: Option<u8> = None;
    let mut index = from;
    while index < bytes.len() {
        let byte = bytes[index];
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) if byte == b'\n' => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte == b'}' && bytes.get(index + 1) == Some(&b'}') => return Some(index),
            // A new opening before any closing: this one was left open.
            None if byte == b'{' && bytes.get(index + 1) == Some(&b'{') => return None,
            None => {}
        }
        index += 1;
    }
    None
}

/// Reads a call between two offsets of a body.
struct Reader<'a> {
    body: &'a str,
    at: usize,
    end: usize,
}

const CALL_FORM: &str = "a figure is written `{{ name(key=value, …) }}`, e.g. \
                         `{{ median(indicator=\"vacancies-filled\", year=2024) }}`";

impl<'a> Reader<'a> {
    fn new(body: &'a str, at: usize, end: usize) -> Reader<'a> {
        Reader { body, at, end }
    }

    fn call(mut self) -> Result<Call, SyntaxError> {
        self.skip_spaces();
        let name_start = self.at;
        let name = self.word();
        if name.is_empty() {
            return Err(self.error_here(format!("expected the name of a figure; {CALL_FORM}")));
        }
        let name_span = name_start..self.at;
        self.skip_spaces();
        if !self.eat('(') {
            return Err(self.error_here(format!("expected `(` after `{name}`; {CALL_FORM}")));
        }
        let mut arguments = Vec::new();
        loop {
            self.skip_spaces();
            if self.eat(')') {
                break;
            }
            arguments.push(self.argument()?);
            self.skip_spaces();
            if self.eat(')') {
                break;
            }
            if !self.eat(',') {
                return Err(self.error_here(format!(
                    "expected `,` or `)` after an argument; {CALL_FORM}"
                )));
            }
        }
        self.skip_spaces();
        if self.at < self.end {
            return Err(self.error_here(format!(
                "unexpected text after the call, before `}}}}`; {CALL_FORM}"
            )));
        }
        Ok(Call {
            name: name.to_string(),
            name_span,
            arguments,
        })
    }

    fn argument(&mut self) -> Result<Argument, SyntaxError> {
        let start = self.at;
        let key = self.word();
        if key.is_empty() {
            return Err(self.error_here(format!("expected an argument name; {CALL_FORM}")));
        }
        self.skip_spaces();
        if !self.eat('=') {
            return Err(self.error_here(format!("expected `=` after `{key}`; {CALL_FORM}")));
        }
        self.skip_spaces();
        let value = self.value()?;
        Ok(Argument {
            key: key.to_string(),
            value,
            span: start..self.at,
        })
    }

    fn value(&mut self) -> Result<ArgumentValue, SyntaxError> {
        let rest = &self.body[self.at..self.end];
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let Some(close) = rest[1..].find(quote) else {
                return Err(self.error_here(format!("the text is not closed with {quote}")));
            };
            let text = rest[1..1 + close].to_string();
            self.at += close + 2;
            return Ok(ArgumentValue::Text(text));
        }
        let start = self.at;
        let digits = rest
            .char_indices()
            .take_while(|(i, c)| c.is_ascii_digit() || (*i == 0 && *c == '-'))
            .count();
        self.at += digits;
        match self.body[start..self.at].parse::<i64>() {
            Ok(number) => Ok(ArgumentValue::Integer(number)),
            Err(_) => {
                self.at = start;
                Err(self.error_here(
                    "expected a value: a text in quotes (\"fr-ft\") or a whole number (2024)"
                        .to_string(),
                ))
            }
        }
    }

    /// A name: letters, digits and `_`, starting with a letter.
    fn word(&mut self) -> &'a str {
        let rest = &self.body[self.at..self.end];
        let length = rest
            .char_indices()
            .take_while(|(i, c)| {
                c.is_ascii_alphabetic() || (*i > 0 && (c.is_ascii_digit() || *c == '_'))
            })
            .count();
        self.at += length;
        &rest[..length]
    }

    fn skip_spaces(&mut self) {
        let rest = &self.body[self.at..self.end];
        self.at += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, expected: char) -> bool {
        let found = self.body[self.at..self.end].starts_with(expected);
        if found {
            self.at += expected.len_utf8();
        }
        found
    }

    fn error_here(&self, message: String) -> SyntaxError {
        let length = self.body[self.at..self.end]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        SyntaxError {
            span: self.at..self.at + length.max(1),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(body: &str) -> Vec<Found> {
        find(body).into_iter().map(|(_, found)| found).collect()
    }

    #[test]
    fn reads_names_texts_and_numbers_with_their_places() {
        let body = "A {{ median(indicator=\"v-f\", year=2024) }} b";
        let found = find(body);
        assert_eq!(found.len(), 1);
        let (range, Found::Call(call)) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            &body[range.clone()],
            "{{ median(indicator=\"v-f\", year=2024) }}"
        );
        assert_eq!(&body[call.name_span.clone()], "median");
        assert_eq!(
            call.arguments
                .iter()
                .map(|a| (&body[a.span.clone()], a.value.clone()))
                .collect::<Vec<_>>(),
            [
                ("indicator=\"v-f\"", ArgumentValue::Text("v-f".into())),
                ("year=2024", ArgumentValue::Integer(2024)),
            ]
        );
    }

    #[test]
    fn code_and_html_keep_their_braces() {
        let body = "`{{ a() }}` and\n\n```\n{{ b() }}\n```\n\n<div>{{ c() }}</div>\n\n{{ d() }}";
        let names: Vec<String> = calls(body)
            .into_iter()
            .filter_map(|f| match f {
                Found::Call(call) => Some(call.name),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["d"]);
    }

    #[test]
    fn braces_in_quotes_and_literal_shortcodes() {
        let body = "{{ value(pes=\"}}\") }} {{/* median() */}}";
        let found = calls(body);
        assert!(
            matches!(&found[0], Found::Call(c) if c.arguments[0].value == ArgumentValue::Text("}}".into()))
        );
        assert_eq!(found[1], Found::Literal("{{ median() }}".into()));
    }

    #[test]
    fn malformed_calls_point_at_the_problem() {
        let body = "x {{ median(year 2024) }} y {{ open";
        let found = find(body);
        let Found::Invalid(error) = &found[0].1 else {
            panic!("{found:?}")
        };
        assert_eq!(&body[error.span.clone()], "2");
        assert!(
            error.message.contains("expected `=` after `year`"),
            "{}",
            error.message
        );
        let Found::Invalid(error) = &found[1].1 else {
            panic!("{found:?}")
        };
        assert_eq!(&body[error.span.clone()], "{{");
    }
}
