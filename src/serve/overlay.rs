//! The error overlay: a failed rebuild shown over the last good page, in the page's language,
//! with each problem's file, line, column and the lines around it.

use crate::model::lang::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;

use icu_locale_core::Locale;

use crate::diagnostics::{Diagnostic, Report};
use crate::i18n::formats::Formats;
use crate::i18n::{Message, Strings, Value};
use crate::render::escape_markup as escape;

/// The overlay's own words, for themes whose UI strings do not define `serve.*`.
const FALLBACK: &[(&str, &str)] = &[
    ("serve.error_title", "The site could not be rebuilt"),
    (
        "serve.error_kept",
        "You are seeing the last good version. Fix the problem and save: this page reloads by itself.",
    ),
    (
        "serve.error_count",
        "{count, plural, one {# problem found.} other {# problems found.}}",
    ),
    ("serve.error_place", "line {line}, column {column}"),
    ("serve.error_help", "Hint: {help}"),
    ("serve.error_close", "Hide"),
    (
        "serve.error_more",
        "{count, plural, one {… and # more problem in {file}} other {… and # more problems in {file}}}",
    ),
];

/// The overlay for each of `locales`' languages, ready to inject into pages of that language:
/// the problems `report` shows (a few per file), under a title counting all of them.
pub fn render(
    report: &Report,
    strings: Option<&Strings>,
    locales: &[(Lang, Locale)],
) -> BTreeMap<String, String> {
    locales
        .iter()
        .map(|(lang, locale)| {
            let formats = Formats::new(locale).ok();
            let words = Words {
                strings,
                formats: formats.as_ref(),
                lang,
            };
            (lang.to_string(), overlay(report, &words))
        })
        .collect()
}

/// The overlay's words in one language: the theme's UI strings, else [`FALLBACK`].
struct Words<'a> {
    strings: Option<&'a Strings>,
    formats: Option<&'a Formats>,
    lang: &'a Lang,
}

impl Words<'_> {
    /// The message for `key`, from the theme or the fallback.
    fn message(&self, key: &str) -> Option<Message> {
        let own = self.strings.and_then(|s| s.message(self.lang, key));
        own.cloned().or_else(|| {
            let (_, text) = FALLBACK.iter().find(|(k, _)| *k == key)?;
            Message::parse(text).ok()
        })
    }

    /// The text of `key` with `values`, escaped for HTML; the key itself if it cannot be said.
    fn say(&self, key: &str, values: &[(&str, Value<'_>)]) -> String {
        let text = self
            .message(key)
            .zip(self.formats)
            .and_then(|(message, formats)| message.format(values, formats).ok());
        escape(&text.unwrap_or_else(|| key.to_string()))
    }
}

fn overlay(report: &Report, words: &Words<'_>) -> String {
    let lang = words.lang;
    let t = |key: &str| words.say(key, &[]);
    let mut html = String::new();
    let _ = write!(
        html,
        "<div id=\"benchlearn-error\" role=\"alertdialog\" aria-modal=\"false\" aria-labelledby=\"benchlearn-error-title\" lang=\"{lang}\" style=\"{OVERLAY}\">\
<div style=\"{PANEL}\"><button type=\"button\" style=\"{BUTTON}\" onclick=\"this.closest('#benchlearn-error').hidden = true\">{close}</button>\
<h2 id=\"benchlearn-error-title\" style=\"margin:0 0 .5rem;font-size:1.25rem\">{title}</h2><p style=\"margin:0 0 1rem\"><strong>{count}</strong> {kept}</p>",
        lang = escape(lang),
        close = t("serve.error_close"),
        title = t("serve.error_title"),
        count = words.say("serve.error_count", &[("count", Value::Count(report.total))]),
        kept = t("serve.error_kept"),
    );
    for file in &report.files {
        for problem in &file.problems {
            write_problem(&mut html, problem, words);
        }
        if file.more > 0 {
            let path = file.path().map(|p| p.display().to_string());
            let values = [
                ("count", Value::Count(file.more)),
                ("file", Value::Text(path.as_deref().unwrap_or_default())),
            ];
            let _ = write!(
                html,
                "<p style=\"margin:0 0 1rem\">{}</p>",
                words.say("serve.error_more", &values)
            );
        }
    }
    html.push_str("</div></div>");
    html
}

/// One problem: its file, line and column, message, snippet and help. The message and help
/// are the author's language-neutral report, as the terminal shows them; the words around them
/// are in the page's language.
fn write_problem(html: &mut String, problem: &Diagnostic, words: &Words<'_>) {
    let _ = write!(
        html,
        "<section style=\"margin:0 0 1rem\"><p style=\"margin:0\"><strong>{}</strong>",
        escape(
            &problem
                .file_path()
                .map(|p| p.display().to_string())
                .unwrap_or_default()
        )
    );
    if let Some((line, column)) = problem.line_column() {
        let place = [
            ("line", Value::Count(line)),
            ("column", Value::Count(column)),
        ];
        let _ = write!(html, " — {}", words.say("serve.error_place", &place));
    }
    let _ = write!(
        html,
        "</p><p style=\"margin:.25rem 0\">{}</p>",
        escape(&problem.message)
    );
    if let Some(snippet) = snippet(problem) {
        let _ = write!(html, "<pre style=\"{SNIPPET}\">{}</pre>", escape(&snippet));
    }
    if let Some(help) = &problem.help {
        let _ = write!(
            html,
            "<p style=\"margin:.25rem 0\">{}</p>",
            words.say("serve.error_help", &[("help", Value::Text(help))])
        );
    }
    html.push_str("</section>");
}

/// The problem's line with the one before and after, numbered, and a caret under the span.
fn snippet(problem: &Diagnostic) -> Option<String> {
    let file = problem.file.as_ref()?;
    let span = problem.span?;
    let (line, column) = file.line_column(span.offset);
    let first = line.saturating_sub(2).max(1);
    let last = if file.line(line + 1).is_some() {
        line + 1
    } else {
        line
    };
    let width = last.to_string().len();
    let mut out = String::new();
    for number in first..=last {
        let text = file.line(number).unwrap_or("");
        let _ = writeln!(out, "{number:>width$} | {text}");
        if number == line {
            let marked = text.chars().skip(column - 1).count().max(1);
            let length = file.text[span.offset..(span.offset + span.len).min(file.text.len())]
                .chars()
                .count()
                .clamp(1, marked);
            let _ = writeln!(
                out,
                "{:width$} | {}{}",
                "",
                " ".repeat(column - 1),
                "^".repeat(length)
            );
        }
    }
    Some(out)
}

// Inline styles, so the overlay looks the same whatever the theme (or a broken stylesheet) does.
const OVERLAY: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.6);padding:1rem;font:16px/1.5 system-ui,sans-serif";
const PANEL: &str = "max-width:60rem;margin:2rem auto;background:#fff;color:#1a1a1a;border-top:6px solid #b00020;border-radius:4px;padding:1.25rem;box-shadow:0 4px 24px rgba(0,0,0,.4)";
const BUTTON: &str = "float:right;font:inherit;padding:.25rem .75rem;cursor:pointer";
const SNIPPET: &str = "margin:.25rem 0;padding:.5rem;overflow:auto;background:#f4f4f4;color:#1a1a1a;font:14px/1.4 ui-monospace,monospace;white-space:pre";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{SourceFile, Span};

    #[test]
    fn shows_place_snippet_and_escapes_text() {
        let file = SourceFile::new("content/data/pes.yaml", "- id: a\n  name: <b>\n  x: [\n");
        let problem = Diagnostic::at(&file, Span::new(16, 3), "bad <value>");
        let mut problems = crate::diagnostics::Diagnostics::default();
        problems.push(problem);
        let formats = Formats::new(&Locale::UNKNOWN).ok();
        let words = Words {
            strings: None,
            formats: formats.as_ref(),
            lang: &Lang::new("en"),
        };
        let html = overlay(&problems.into_report(), &words);
        assert!(html.contains("content/data/pes.yaml"));
        assert!(html.contains("line 2, column 9"), "{html}");
        assert!(html.contains("bad &lt;value&gt;"));
        assert!(html.contains("2 |   name: &lt;b&gt;"), "{html}");
        assert!(html.contains("  |         ^^^"), "{html}");
    }
}
