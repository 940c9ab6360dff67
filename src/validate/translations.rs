//! Translated fields: one value per site language, no more, no less.

use crate::model::lang::Lang;
use std::sync::Arc;

use crate::content::yaml::span_of;
use crate::diagnostics::{did_you_mean, Diagnostic, SourceFile};
use crate::model::text::Translated;

/// A translated value that can be left empty by mistake: an empty name shows as nothing on
/// every page that names the thing.
pub trait Blank {
    fn is_blank(&self) -> bool;
}

impl Blank for String {
    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }
}

/// A list with an empty item, which would show as an empty bullet.
impl Blank for Vec<String> {
    fn is_blank(&self) -> bool {
        self.iter().any(Blank::is_blank)
    }
}

/// Reports a missing language, a key that is not a site language or an empty value in `field`.
pub fn check<T: Blank>(
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
        } else if value.value.is_blank() {
            problems.push(
                Diagnostic::at(
                    file,
                    span_of(file, line_offset, &value.referenced),
                    format!("`{name}` is empty in `{key}`"),
                )
                .with_help(format!("write the {key} text")),
            );
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
