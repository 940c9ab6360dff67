//! UI strings with arguments and plural forms, in the syntax of ICU MessageFormat that
//! translators know from other projects: `{file}` inserts an argument, and
//! `{count, plural, =0 {…} one {# service} other {# services}}` picks the form CLDR's plural
//! rules give the count in the page's language, `#` standing for the count as that language
//! writes numbers. A string without braces is plain text.
//!
//! Only what UI strings need is accepted: simple arguments and `plural` (exact `=N` and the
//! CLDR categories `zero`, `one`, `two`, `few`, `many`, `other`, the last required). As in
//! ICU, `'{'` writes a literal brace and `''` an apostrophe; any other apostrophe is text.

use std::borrow::Cow;
use std::collections::BTreeSet;

use icu_plurals::PluralCategory;

use super::formats::Formats;
use crate::model::typography::Typography;

/// A parsed UI string.
#[derive(Debug, Clone)]
pub struct Message {
    source: String,
    /// The text, when the message takes no argument.
    plain: Option<String>,
    pieces: Vec<Piece>,
}

/// A piece of a message or of one plural form.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Text(String),
    /// `{name}`: the argument's value.
    Argument(String),
    /// `#` in a plural form: the count, formatted.
    Count,
    Plural(Plural),
}

/// `{name, plural, …}`: forms by exact value and by plural category.
#[derive(Debug, Clone, PartialEq)]
struct Plural {
    argument: String,
    exact: Vec<(usize, Vec<Piece>)>,
    categories: Vec<(PluralCategory, Vec<Piece>)>,
    other: Vec<Piece>,
}

/// A value given to a message's argument.
#[derive(Debug, Clone, Copy)]
pub enum Value<'a> {
    /// A count, which plural forms select on and `#` prints.
    Count(usize),
    Text(&'a str),
}

/// What is wrong with a message, and where: a byte offset into its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub offset: usize,
    pub message: String,
}

/// The plural categories CLDR defines, by their keyword, for a form's selector.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl Message {
    /// Parses `source`, or says what is wrong at which offset.
    pub fn parse(source: &str) -> Result<Message, SyntaxError> {
        let mut parser = Parser {
            source,
            position: 0,
        };
        let pieces = parser.pieces(false)?;
        if parser.position < source.len() {
            return Err(parser.error("a `}` closes nothing; write '}' for a literal brace"));
        }
        Ok(Message {
            source: source.to_string(),
            plain: plain_text(&pieces),
            pieces,
        })
    }

    /// The message as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The text of a message that takes no argument.
    pub fn plain(&self) -> Option<&str> {
        self.plain.as_deref()
    }

    /// The names of the arguments the message uses, plural ones included.
    pub fn arguments(&self) -> BTreeSet<&str> {
        let mut names = BTreeSet::new();
        collect_arguments(&self.pieces, &mut names);
        names
    }

    /// The message with its text written in `typography` (arguments and `#` are left to be
    /// filled in), so labels read as the language is written ("Contact :" with its no-break
    /// space in French) wherever they are shown.
    pub fn typeset(&mut self, typography: Typography) {
        typeset_pieces(&mut self.pieces, typography);
        self.plain = plain_text(&self.pieces);
    }

    /// The message with `values` in place of its arguments, plural forms chosen by the
    /// rules of `formats`; or the name of an argument it needs and was not given.
    pub fn format(
        &self,
        values: &[(&str, Value<'_>)],
        formats: &Formats,
    ) -> Result<String, String> {
        let mut out = String::new();
        write_pieces(&self.pieces, values, formats, None, &mut out)?;
        Ok(out)
    }
}

fn typeset_pieces(pieces: &mut [Piece], typography: Typography) {
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                if let Cow::Owned(typeset) = typography.apply(text) {
                    *text = typeset;
                }
            }
            Piece::Plural(plural) => {
                for (_, form) in &mut plural.exact {
                    typeset_pieces(form, typography);
                }
                for (_, form) in &mut plural.categories {
                    typeset_pieces(form, typography);
                }
                typeset_pieces(&mut plural.other, typography);
            }
            Piece::Argument(_) | Piece::Count => {}
        }
    }
}

fn plain_text(pieces: &[Piece]) -> Option<String> {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(part) => text.push_str(part),
            _ => return None,
        }
    }
    Some(text)
}

fn collect_arguments<'a>(pieces: &'a [Piece], names: &mut BTreeSet<&'a str>) {
    for piece in pieces {
        match piece {
            Piece::Argument(name) => {
                names.insert(name);
            }
            Piece::Plural(plural) => {
                names.insert(&plural.argument);
                let forms = plural.exact.iter().map(|(_, f)| f);
                let forms = forms.chain(plural.categories.iter().map(|(_, f)| f));
                for form in forms.chain([&plural.other]) {
                    collect_arguments(form, names);
                }
            }
            Piece::Text(_) | Piece::Count => {}
        }
    }
}

fn write_pieces(
    pieces: &[Piece],
    values: &[(&str, Value<'_>)],
    formats: &Formats,
    count: Option<usize>,
    out: &mut String,
) -> Result<(), String> {
    let value_of = |name: &str| {
        values
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| name.to_string())
    };
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Count => {
                if let Some(count) = count {
                    out.push_str(&formats.integer(count));
                }
            }
            Piece::Argument(name) => match value_of(name)? {
                Value::Count(n) => out.push_str(&formats.integer(n)),
                Value::Text(text) => out.push_str(text),
            },
            Piece::Plural(plural) => {
                let Value::Count(n) = value_of(&plural.argument)? else {
                    return Err(plural.argument.clone());
                };
                write_pieces(plural.form(n, formats), values, formats, Some(n), out)?;
            }
        }
    }
    Ok(())
}

impl Plural {
    /// The form for `count`: its exact value's, else its plural category's, else `other`.
    fn form(&self, count: usize, formats: &Formats) -> &[Piece] {
        if let Some((_, form)) = self.exact.iter().find(|(n, _)| *n == count) {
            return form;
        }
        let category = formats.plural_category(count);
        self.categories
            .iter()
            .find(|(c, _)| *c == category)
            .map_or(&self.other, |(_, form)| form)
    }
}

struct Parser<'s> {
    source: &'s str,
    position: usize,
}

impl<'s> Parser<'s> {
    fn rest(&self) -> &str {
        &self.source[self.position..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn error(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(self.position, message)
    }

    fn error_at(&self, offset: usize, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset,
            message: message.into(),
        }
    }

    /// Text and arguments up to a `}` or the end; `in_plural` makes `#` the count.
    fn pieces(&mut self, in_plural: bool) -> Result<Vec<Piece>, SyntaxError> {
        let mut pieces = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '}' => break,
                '{' => {
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(self.argument()?);
                }
                '#' if in_plural => {
                    self.position += 1;
                    if !text.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    pieces.push(Piece::Count);
                }
                '\'' => self.apostrophe(in_plural, &mut text),
                _ => {
                    self.position += c.len_utf8();
                    text.push(c);
                }
            }
        }
        if !text.is_empty() {
            pieces.push(Piece::Text(text));
        }
        Ok(pieces)
    }

    /// `''` is an apostrophe; `'` before a brace (or `#` in a plural form) quotes up to the
    /// next lone `'`; any other apostrophe is itself.
    fn apostrophe(&mut self, in_plural: bool, text: &mut String) {
        self.position += 1;
        match self.peek() {
            Some('\'') => {
                self.position += 1;
                text.push('\'');
            }
            Some(c) if c == '{' || c == '}' || (in_plural && c == '#') => {
                while let Some(c) = self.peek() {
                    self.position += c.len_utf8();
                    if c != '\'' {
                        text.push(c);
                    } else if self.peek() == Some('\'') {
                        self.position += 1;
                        text.push('\'');
                    } else {
                        break;
                    }
                }
            }
            _ => text.push('\''),
        }
    }

    fn skip_spaces(&mut self) {
        let trimmed = self.rest().trim_start();
        self.position = self.source.len() - trimmed.len();
    }

    /// A run of letters, digits and `_`.
    fn word(&mut self) -> &'s str {
        let start = self.position;
        let length = self
            .rest()
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.rest().len());
        self.position += length;
        &self.source[start..self.position]
    }

    fn expect(&mut self, wanted: char, what: &str) -> Result<(), SyntaxError> {
        self.skip_spaces();
        if self.peek() == Some(wanted) {
            self.position += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected `{wanted}` {what}")))
        }
    }

    /// `{name}` or `{name, plural, …}`, starting at its `{`.
    fn argument(&mut self) -> Result<Piece, SyntaxError> {
        let start = self.position;
        self.position += 1;
        self.skip_spaces();
        let name = self.word().to_string();
        if name.is_empty() {
            return Err(
                self.error("expected an argument name after `{`; write '{' for a literal brace")
            );
        }
        self.skip_spaces();
        match self.peek() {
            Some('}') => {
                self.position += 1;
                Ok(Piece::Argument(name))
            }
            Some(',') => {
                self.position += 1;
                self.skip_spaces();
                let kind_at = self.position;
                let kind = self.word();
                if kind != "plural" {
                    return Err(self.error_at(
                        kind_at,
                        format!("`{kind}` is not a message type here; expected `plural`"),
                    ));
                }
                self.expect(',', "after `plural`")?;
                self.plural(name, start).map(Piece::Plural)
            }
            _ => Err(self.error(format!("expected `}}` or `, plural,` after `{name}`"))),
        }
    }

    /// The forms of a plural up to its closing `}`; `start` is its opening `{`.
    fn plural(&mut self, argument: String, start: usize) -> Result<Plural, SyntaxError> {
        let mut exact = Vec::new();
        let mut categories = Vec::new();
        let mut other = None;
        loop {
            self.skip_spaces();
            let selector_at = self.position;
            let (selector, value) = match self.peek() {
                Some('}') => {
                    self.position += 1;
                    break;
                }
                None => return Err(self.error_at(start, "this plural has no closing `}`")),
                Some('=') => {
                    self.position += 1;
                    let digits = self.word().to_string();
                    let Ok(value) = digits.parse::<usize>() else {
                        return Err(self.error_at(
                            selector_at,
                            format!("`={digits}` is not an exact count; expected `=0`, `=1`…"),
                        ));
                    };
                    (format!("={value}"), Some(value))
                }
                Some(_) => (self.word().to_string(), None),
            };
            let category = match value {
                Some(_) => None,
                None if selector == "other" => None,
                None => Some(
                    PluralCategory::get_for_cldr_string(&selector).ok_or_else(|| {
                        self.error_at(
                            selector_at,
                            format!(
                                "`{selector}` is not a plural form; expected `=N` or one of {}",
                                CATEGORIES.join(", ")
                            ),
                        )
                    })?,
                ),
            };
            let taken = value.is_some_and(|v| exact.iter().any(|(n, _)| *n == v))
                || category.is_some_and(|c| categories.iter().any(|(k, _)| *k == c))
                || (selector == "other" && other.is_some());
            if taken {
                return Err(self.error_at(selector_at, format!("`{selector}` is given twice")));
            }
            self.expect('{', &format!("to open the `{selector}` form"))?;
            let form = self.pieces(true)?;
            if self.peek() != Some('}') {
                return Err(self.error_at(
                    selector_at,
                    format!("the `{selector}` form has no closing `}}`"),
                ));
            }
            self.position += 1;
            match (value, category) {
                (Some(value), _) => exact.push((value, form)),
                (None, Some(category)) => categories.push((category, form)),
                (None, None) => other = Some(form),
            }
        }
        let Some(other) = other else {
            return Err(self.error_at(
                start,
                format!(
                    "the plural of `{argument}` has no `other` form, which every language needs"
                ),
            ));
        };
        Ok(Plural {
            argument,
            exact,
            categories,
            other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(code: &str) -> Formats {
        Formats::new(&code.parse().expect("a valid locale")).expect("compiled data")
    }

    fn say(message: &str, code: &str, count: usize) -> String {
        Message::parse(message)
            .expect("a valid message")
            .format(&[("count", Value::Count(count))], &formats(code))
            .expect("every argument given")
    }

    const SERVICES: &str = "{count, plural, one {# service} other {# services}}";

    #[test]
    fn plural_forms_follow_cldr_categories() {
        assert_eq!(say(SERVICES, "en", 0), "0 services");
        assert_eq!(say(SERVICES, "en", 1), "1 service");
        assert_eq!(say(SERVICES, "fr", 0), "0 service");
        assert_eq!(say(SERVICES, "fr", 1234), "1\u{202f}234 services");
        let exact = "{count, plural, =0 {none} one {# one} other {# many}}";
        assert_eq!(say(exact, "en", 0), "none");
        assert_eq!(say(exact, "en", 7), "7 many");
    }

    #[test]
    fn arguments_and_quotes() {
        let message = Message::parse(
            "… and {count, plural, one {# more problem} other {# more problems}} in {file}",
        )
        .expect("valid");
        let text = message
            .format(
                &[("count", Value::Count(2)), ("file", Value::Text("a.yaml"))],
                &formats("en"),
            )
            .expect("all given");
        assert_eq!(text, "… and 2 more problems in a.yaml");
        assert_eq!(
            message.arguments().into_iter().collect::<Vec<_>>(),
            ["count", "file"]
        );
        assert_eq!(
            message.format(&[("count", Value::Count(2))], &formats("en")),
            Err("file".to_string())
        );
        let quoted = Message::parse("l'a dit, '{braces}' and ''quotes'' #1").expect("valid");
        assert_eq!(quoted.plain(), Some("l'a dit, {braces} and 'quotes' #1"));
    }

    #[test]
    fn malformed_messages_say_where() {
        let cases = [
            ("{count, plural, one {# x}}", 0, "no `other` form"),
            ("ab {count, plural, other {x}", 3, "no closing `}`"),
            (
                "{count, plural, few {x} other {y} lots {z}}",
                34,
                "`lots` is not a plural form",
            ),
            (
                "{count, select, other {x}}",
                8,
                "`select` is not a message type",
            ),
            ("x } y", 2, "closes nothing"),
            ("{ }", 2, "expected an argument name"),
            (
                "{count, plural, one {a} one {b} other {c}}",
                24,
                "given twice",
            ),
            (
                "{count, plural, =x {a} other {c}}",
                16,
                "not an exact count",
            ),
        ];
        for (source, offset, words) in cases {
            let error = Message::parse(source).expect_err(source);
            assert_eq!(error.offset, offset, "{source}: {error:?}");
            assert!(error.message.contains(words), "{source}: {error:?}");
        }
    }
}
