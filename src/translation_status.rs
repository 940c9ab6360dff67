//! Translation status: per language, which documents are missing, which translations are
//! stale, and which UI strings are missing — what an editor works through before publishing.
//!
//! A document in the default language is an original. A document in another language is a
//! translation of the default-language version with the same slug when there is one, or of
//! the language its front matter names with `translated_from`. A translation is *stale* when
//! its source's `updated` date is later than its own.

use crate::model::lang::Lang;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::i18n::Strings;
use crate::model::documents::{Document, Meta, Section};
use crate::model::Site;

/// The language `document` was translated from, or `None` if it is an original.
///
/// `has(lang)` tells whether the same document exists in `lang`.
pub fn source_language<M: Meta>(
    document: &Document<M>,
    default_language: &Lang,
    has: impl Fn(&Lang) -> bool,
) -> Option<Lang> {
    if let Some(source) = document.meta.translated_from() {
        return Some(Lang::new(&source.value));
    }
    (document.lang != default_language && has(default_language)).then(|| default_language.clone())
}

/// The status of every site language.
#[derive(Debug, Serialize)]
pub struct TranslationStatus {
    pub languages: Vec<LanguageStatus>,
}

/// What one language lacks.
#[derive(Debug, Serialize)]
pub struct LanguageStatus {
    pub lang: Lang,
    pub missing: Vec<Missing>,
    pub stale: Vec<Stale>,
    /// UI string keys defined for another language but not this one.
    pub missing_strings: Vec<String>,
    /// The theme's string file for this language, where missing keys go.
    pub strings_file: String,
}

/// A document that has no version in a language.
#[derive(Debug, Serialize)]
pub struct Missing {
    /// The section folder: `practices`, `visits`, `reports`, `pages`.
    pub section: &'static str,
    pub key: String,
    /// The file to create.
    pub file: String,
    /// The version to translate from.
    pub source_file: String,
}

/// A translation older than its source.
#[derive(Debug, Serialize)]
pub struct Stale {
    pub section: &'static str,
    pub key: String,
    pub file: String,
    pub updated: String,
    pub source_file: String,
    pub source_updated: String,
}

/// The translation status of `site`.
pub fn compute(site: &Site, strings: &Strings) -> TranslationStatus {
    let default = &site.config.default_lang();
    let documents = &site.documents;
    let languages = site
        .config
        .languages()
        .iter()
        .map(|lang| {
            let mut status = LanguageStatus {
                missing: Vec::new(),
                stale: Vec::new(),
                missing_strings: strings
                    .missing_keys(lang)
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                strings_file: format!("themes/{}/i18n/{lang}.yaml", site.config.theme.value),
                lang: lang.clone(),
            };
            add_section(
                &mut status,
                default,
                Section::Practices,
                &documents.practices,
            );
            add_section(&mut status, default, Section::Visits, &documents.visits);
            add_section(&mut status, default, Section::Reports, &documents.reports);
            add_section(&mut status, default, Section::Pages, &documents.pages);
            status
        })
        .collect();
    TranslationStatus { languages }
}

/// Adds the missing and stale documents of one section to a language's status.
fn add_section<M: Meta>(
    status: &mut LanguageStatus,
    default: &Lang,
    section: Section,
    documents: &[Document<M>],
) {
    let lang = status.lang.clone();
    // Key → language → document: sites have thousands of documents, looked up per key.
    let mut by_key: BTreeMap<&str, BTreeMap<&str, &Document<M>>> = BTreeMap::new();
    for document in documents {
        by_key
            .entry(document.key.as_str())
            .or_default()
            .entry(document.lang.as_str())
            .or_insert(document);
    }
    for (key, translations) in &by_key {
        let key = *key;
        let find = |lang: &str| translations.get(lang).copied();
        let Some(own) = find(&lang) else {
            let source = find(default).or_else(|| translations.values().next().copied());
            if let Some(source) = source {
                status.missing.push(Missing {
                    section: section.folder(),
                    key: key.to_string(),
                    file: path_text(&source.file.path.with_file_name(format!("{key}.{lang}.md"))),
                    source_file: path_text(&source.file.path),
                });
            }
            continue;
        };
        let has = |other: &Lang| find(other).is_some();
        let Some(source) = source_language(own, default, has).and_then(|l| find(&l)) else {
            continue;
        };
        let (updated, source_updated) = (own.meta.updated().value, source.meta.updated().value);
        if source_updated > updated {
            status.stale.push(Stale {
                section: section.folder(),
                key: key.to_string(),
                file: path_text(&own.file.path),
                updated: updated.to_string(),
                source_file: path_text(&source.file.path),
                source_updated: source_updated.to_string(),
            });
        }
    }
}

/// A path as shown to editors, with `/` on every platform.
fn path_text(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

impl TranslationStatus {
    /// Plain aligned tables, one per language, for the terminal.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for language in &self.languages {
            let _ = writeln!(
                out,
                "{}: {} missing, {} stale, {} UI strings missing",
                language.lang,
                language.missing.len(),
                language.stale.len(),
                language.missing_strings.len()
            );
            let mut rows = vec![[
                "status".to_string(),
                "kind".to_string(),
                "document".to_string(),
                "detail".to_string(),
            ]];
            for missing in &language.missing {
                rows.push([
                    "missing".into(),
                    missing.section.into(),
                    missing.key.clone(),
                    format!("create {} from {}", missing.file, missing.source_file),
                ]);
            }
            for stale in &language.stale {
                rows.push([
                    "stale".into(),
                    stale.section.into(),
                    stale.key.clone(),
                    format!(
                        "{} updated {}; {} updated {}",
                        stale.file, stale.updated, stale.source_file, stale.source_updated
                    ),
                ]);
            }
            for key in &language.missing_strings {
                rows.push([
                    "missing".into(),
                    "UI string".into(),
                    key.clone(),
                    format!("add it to {}", language.strings_file),
                ]);
            }
            if rows.len() > 1 {
                out.push_str(&aligned(&rows));
            }
            out.push('\n');
        }
        out
    }
}

/// Rows with every column padded to its widest cell (counted in characters).
fn aligned(rows: &[[String; 4]]) -> String {
    let mut widths = [0; 4];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("  ");
        for (index, (cell, width)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if index + 1 < row.len() {
                let padding = width - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', padding));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up() {
        let rows = [
            ["a".to_string(), "bb".into(), "é".into(), "x".into()],
            ["ccc".to_string(), "d".into(), "ee".into(), "y".into()],
        ];
        assert_eq!(aligned(&rows), "  a    bb  é   x\n  ccc  d   ee  y\n");
    }
}
