//! The error overlay: a failed rebuild shown over the last good page, in the page's language,
//! with each problem's file, line, column and the lines around it.

use crate::model::lang::Lang;
use std::collections::BTreeMap;
use std::fmt::Write;

use crate::diagnostics::{Diagnostic, Report};
use crate::i18n::Strings;
use crate::render::escape_markup as escape;

/// The overlay's own words, for themes whose UI strings do not define `serve.*`.
const FALLBACK: &[(&str, &str)] = &[
    ("serve.error_title", "The site could not be rebuilt"),
    (
        "serve.error_kept",
        "You are seeing the last good version. Fix the problem and save: this page reloads by itself.",
    ),
    ("serve.error_line", "line"),
    ("serve.error_column", "column"),
    ("serve.error_close", "Hide"),
    ("serve.error_more", "… and {count} more problems in {file}"),
];

/// The overlay for each of `languages`, ready to inject into pages of that language: the
/// problems `report` shows (a few per file), under a title counting all of them.
pub fn render(
    report: &Report,
    strings: Option<&Strings>,
    languages: &[Lang],
) -> BTreeMap<String, String> {
    languages
        .iter()
        .map(|lang| (lang.to_string(), overlay(report, strings, lang)))
        .collect()
}

fn overlay(report: &Report, strings: Option<&Strings>, lang: &Lang) -> String {
    let t = |key: &str| -> String {
        let fallback = FALLBACK
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, text)| text);
        escape(strings.and_then(|s| s.get(lang, key)).unwrap_or(fallback))
    };
    let mut html = String::new();
    let _ = write!(
        html,
        "<div id=\"benchlearn-error\" role=\"alertdialog\" aria-modal=\"false\" aria-labelledby=\"benchlearn-error-title\" lang=\"{lang}\" style=\"{OVERLAY}\">\
<div style=\"{PANEL}\"><button type=\"button\" style=\"{BUTTON}\" onclick=\"this.closest('#benchlearn-error').hidden = true\">{close}</button>\
<h2 id=\"benchlearn-error-title\" style=\"margin:0 0 .5rem;font-size:1.25rem\">{title} ({count})</h2><p style=\"margin:0 0 1rem\">{kept}</p>",
        lang = escape(lang),
        close = t("serve.error_close"),
        title = t("serve.error_title"),
        count = report.total,
        kept = t("serve.error_kept"),
    );
    for file in &report.files {
        for problem in &file.problems {
            write_problem(&mut html, problem, &t);
        }
        if file.more > 0 {
            let path = file.path().map(|p| p.display().to_string());
            let _ = write!(
                html,
                "<p style=\"margin:0 0 1rem\">{}</p>",
                t("serve.error_more")
                    .replace("{count}", &file.more.to_string())
                    .replace("{file}", &escape(path.as_deref().unwrap_or_default()))
            );
        }
    }
    html.push_str("</div></div>");
    html
}

/// One problem: its file, line and column, message, snippet and help.
fn write_problem(html: &mut String, problem: &Diagnostic, t: &impl Fn(&str) -> String) {
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
        let _ = write!(
            html,
            " — {} {line}, {} {column}",
            t("serve.error_line"),
            t("serve.error_column")
        );
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
        let _ = write!(html, "<p style=\"margin:.25rem 0\">{}</p>", escape(help));
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
        let html = overlay(&problems.into_report(), None, &Lang::new("en"));
        assert!(html.contains("content/data/pes.yaml"));
        assert!(html.contains("line 2, column 9"), "{html}");
        assert!(html.contains("bad &lt;value&gt;"));
        assert!(html.contains("2 |   name: &lt;b&gt;"), "{html}");
        assert!(html.contains("  |         ^^^"), "{html}");
    }
}
