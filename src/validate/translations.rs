//! Translated fields: one value per site language, no more, no less.

use crate::model::lang::Lang;
use std::sync::Arc;

use crate::content::yaml::span_of;
use crate::diagnostics::{did_you_mean, Diagnostic, SourceFile};
use crate::model::text::Translated;

/// Reports a missing language or a key that is not a site language in `field`.
pub fn check<T>(
    field: &Translated<T>,
    languages: &[Lang],
    file: &Arc<SourceFile>,
    line_offset: usize,
    name: &str,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, value) in &field.0 {
        if !languages.iter().any(|lang| lang == key) {
            let mut problem = Diagnostic::at(
                file,
                span_of(file, line_offset, &value.referenced),
                format!(
                    "`{key}` is not a language of the site; `{name}` takes {}",
                    join(languages)
                ),
            );
            if let Some(help) = did_you_mean(key, languages.iter().map(Lang::as_str)) {
                problem = problem.with_help(help);
            }
            problems.push(problem);
        }
    }
    let anchor = field
        .0
        .values()
        .next()
        .map(|value| span_of(file, line_offset, &value.referenced));
    for lang in languages {
        if !field.0.contains_key(lang.as_str()) {
            let message = format!("`{name}` has no `{lang}` translation");
            let problem = match anchor {
                Some(span) => Diagnostic::at(file, span, message),
                None => Diagnostic::at_line(file, line_offset + 1, 1, message),
            };
            problems.push(problem.with_help(format!("add `{lang}: …` beside the other languages")));
        }
    }
    problems
}

/// The codes of `languages`, comma-separated, for messages.
pub(crate) fn join(languages: &[Lang]) -> String {
    languages
        .iter()
        .map(Lang::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}
