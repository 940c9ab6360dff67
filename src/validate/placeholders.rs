//! Texts `benchlearn new` writes for the author to replace: a published document that still
//! holds one is an error (so "Titre à compléter" never reaches the site), a draft that holds
//! one is a warning (so `check` lists what is left to write).

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity, Span};
use crate::i18n::Strings;
use crate::model::documents::{Document, Documents, Meta};
use crate::model::lang::Lang;

/// The UI strings `new` fills a document with, by the part of the document they stand in. The
/// first heading (`new.heading`) is left out: "Context" is a fine heading to keep.
const PARTS: [(&str, Part); 3] = [
    ("new.title", Part::Title),
    ("new.summary", Part::Summary),
    ("new.body", Part::Body),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Title,
    Summary,
    Body,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Summary => "summary",
            Part::Body => "text",
        }
    }
}

/// One placeholder text, in one of the site's languages.
struct Placeholder {
    part: Part,
    text: String,
}

/// The placeholders found, split by whether they would be published.
#[derive(Debug, Default)]
pub struct Found {
    /// In documents without `draft: true`: errors, which stop the build.
    pub published: Diagnostics,
    /// In drafts: warnings, listing what is left to write.
    pub drafts: Diagnostics,
}

/// Every document of `documents` (drafts included) that still holds a placeholder of any of
/// the site's `languages` (an author may copy a file of another language to start from).
pub fn check(documents: &Documents, strings: &Strings, languages: &[Lang]) -> Found {
    let placeholders: Vec<Placeholder> = languages
        .iter()
        .flat_map(|lang| {
            PARTS.iter().filter_map(move |(key, part)| {
                let text = strings.get(lang, key)?.trim();
                (!text.is_empty()).then(|| Placeholder {
                    part: *part,
                    text: text.to_string(),
                })
            })
        })
        .collect();
    let mut problems = Vec::new();
    for practice in &documents.practices {
        problems.extend(in_document(practice, &placeholders));
    }
    for visit in &documents.visits {
        problems.extend(in_document(visit, &placeholders));
    }
    for report in &documents.reports {
        problems.extend(in_document(report, &placeholders));
    }
    for page in &documents.pages {
        problems.extend(in_document(page, &placeholders));
    }
    let (drafts, published): (Vec<_>, Vec<_>) = problems
        .into_iter()
        .partition(|problem| problem.severity == Severity::Warning);
    Found {
        published: published.into(),
        drafts: drafts.into(),
    }
}

/// The placeholders left in one document, each at its first place in the file.
fn in_document<M: Meta>(document: &Document<M>, placeholders: &[Placeholder]) -> Vec<Diagnostic> {
    let meta = &document.meta;
    placeholders
        .iter()
        .filter(|placeholder| match placeholder.part {
            Part::Title => meta.title().value.trim() == placeholder.text,
            Part::Summary => meta.summary().is_some_and(|s| s.trim() == placeholder.text),
            Part::Body => document.body().contains(&placeholder.text),
        })
        .map(|placeholder| problem(document, placeholder))
        .collect()
}

fn problem<M: Meta>(document: &Document<M>, placeholder: &Placeholder) -> Diagnostic {
    let file = &document.file;
    let from = match placeholder.part {
        Part::Body => document.body_offset,
        Part::Title | Part::Summary => 0,
    };
    let span = file.text[from..]
        .find(&placeholder.text)
        .map(|at| Span::new(from + at, placeholder.text.len()))
        .unwrap_or(Span::new(0, 3));
    let part = placeholder.part.name();
    let message = format!(
        "the {part} is still the placeholder `{}` written by `benchlearn new`",
        placeholder.text
    );
    let problem = Diagnostic::at(file, span, message).with_code(Code::Placeholder);
    if document.meta.draft() {
        problem
            .with_help(format!(
                "this draft is not published; replace its {part} before deleting `draft: true`"
            ))
            .as_warning()
    } else {
        problem.with_help(format!(
            "write the document's own {part}, or put back `draft: true` to keep it unpublished"
        ))
    }
}
