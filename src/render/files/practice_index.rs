//! The practice index of each language (`data/practices/fr.json`), which the catalogue's
//! filters load when a reader chooses one: every practice's card and facet values, newest
//! first, so that the filters search the whole catalogue from whichever of its pages the
//! reader is on. The words of each facet value (its tag, its page) are written once; each
//! practice names its values by id. `<`, `>` and `&` are written as JSON escapes, so no text
//! of the content reads as markup wherever the file is shown; `filters.js` puts every string
//! in the page as text, never as markup.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::family::{per_language, Family};
use crate::render::files::structured_data;
use crate::render::views::cards::{Listed, PRACTICE_TAGS};
use crate::render::views::facets::Facet;
use crate::render::{Change, Context, DataFile, OutputFile};

/// The practice index of each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PracticeIndex;

#[derive(Serialize)]
struct IndexFile<'a> {
    /// The facets, in the order of each practice's `values`.
    facets: Vec<&'static str>,
    /// What a card's tags say, in order: a facet's values, or `period`, the practice's years.
    tags: Vec<&'static str>,
    /// Each facet's values by id: what a card's tag says, and the page it links to.
    values: BTreeMap<&'static str, BTreeMap<&'a str, IndexedValue<'a>>>,
    /// Every practice, newest first, as the catalogue lists them.
    practices: Vec<IndexedPractice<'a>>,
}

#[derive(Serialize)]
struct IndexedValue<'a> {
    tag: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct IndexedPractice<'a> {
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_iso: Option<&'a str>,
    period: String,
    /// The language of the card's text, and its direction, where it is not the page's.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dir: Option<&'static str>,
    /// The ids of its values, facet by facet in the order of `facets`.
    values: Vec<Vec<&'a str>>,
}

impl Family for PracticeIndex {
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        per_language(cx, |lang| lang)
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        change.reaches_every_page()
            || change.is_document_of(Some(Section::Practices))
            || matches!(change, Change::Data(DataFile::Areas | DataFile::Indicators))
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        let path = cx.routes.practice_index(lang);
        let listed = cx.listed_in(Section::Practices, lang);
        let mut values: BTreeMap<&'static str, BTreeMap<&str, IndexedValue>> = BTreeMap::new();
        for value in listed.iter().flat_map(|listed| &listed.facets) {
            values
                .entry(value.facet.name())
                .or_default()
                .entry(&value.id)
                .or_insert(IndexedValue {
                    tag: &value.tag,
                    url: value.url.as_deref(),
                });
        }
        let file = IndexFile {
            facets: Facet::ALL.iter().map(|facet| facet.name()).collect(),
            tags: PRACTICE_TAGS.iter().map(|tag| tag.name()).collect(),
            values,
            practices: listed
                .iter()
                .map(|listed| Self::practice(cx, listed, lang))
                .collect(),
        };
        let problem = |message: String| Diagnostics::from(Diagnostic::in_path(&path, message));
        let value = serde_json::to_value(&file)
            .map_err(|error| problem(format!("cannot write the practice index: {error}")))?;
        Ok(OutputFile {
            path: PathBuf::from(&path),
            bytes: Arc::new(structured_data::to_html(&value).into_bytes()),
        })
    }
}

impl PracticeIndex {
    fn practice<'a>(cx: &Context<'_>, listed: &'a Listed, lang: &Lang) -> IndexedPractice<'a> {
        let card = &listed.card;
        let practices = &cx.site.documents.practices;
        let period = cx
            .shown(practices, Section::Practices, &listed.key, lang)
            .map(|practice| cx.practice_period(practice, lang))
            .unwrap_or_default();
        IndexedPractice {
            url: &card.url,
            title: &card.title,
            summary: &card.summary,
            date: card.date.as_deref(),
            date_iso: card.date_iso.as_deref(),
            period,
            lang: card.text_lang.as_ref(),
            dir: card.text_lang.as_ref().map(|l| l.direction().as_str()),
            values: Facet::ALL
                .iter()
                .map(|facet| {
                    listed
                        .facets
                        .iter()
                        .filter(|value| value.facet == *facet)
                        .map(|value| value.id.as_str())
                        .collect()
                })
                .collect(),
        }
    }
}
