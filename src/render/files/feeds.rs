//! Atom feeds (RFC 4287), one per language: the latest new and updated good practices, study
//! visits and reports, so members follow the network in their feed reader.
//!
//! Only documents written in the feed's language are entries: a reader of the English feed
//! gets English text. Dates come from the front matter (`updated`, `created`), never from the
//! clock, so two builds give the same bytes.

use crate::model::lang::Lang;
use std::path::PathBuf;
use std::sync::Arc;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::{Document, Meta, Section};
use crate::model::text::Date;
use crate::render::family::{per_language, Family};
use crate::render::{Change, Context, OutputFile};

/// How many entries a feed keeps: the most recently updated ones.
pub const FEED_LENGTH: usize = 50;

/// An entry before it becomes Atom, with the keys it is sorted by.
struct FeedItem {
    updated: Date,
    url: String,
    entry: Entry,
}

/// The Atom feed of each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Feeds;

impl Family for Feeds {
    /// The language.
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        per_language(cx, |lang| lang)
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        // Feeds list documents with their dates.
        change.reaches_every_page() || change.is_document_of(None)
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        Self::feed(cx, lang)
    }
}

fn newest<M: Meta>(documents: &[Document<M>]) -> Option<Date> {
    documents.iter().map(|d| d.meta.updated().value).max()
}

/// A front-matter date as an Atom timestamp: midnight UTC of that day.
fn midnight(date: Date) -> FixedDateTime {
    let text = format!("{date}T00:00:00Z");
    // `Date` always prints as a valid YYYY-MM-DD, so this RFC 3339 text always parses.
    text.parse().unwrap_or_default()
}

impl Feeds {
    /// `<lang>/atom.xml`.
    fn feed(cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        let documents = &cx.site.documents;
        let mut items = Vec::new();
        items.extend(Self::feed_items(
            cx,
            &documents.practices,
            Section::Practices,
            lang,
        ));
        items.extend(Self::feed_items(
            cx,
            &documents.visits,
            Section::Visits,
            lang,
        ));
        items.extend(Self::feed_items(
            cx,
            &documents.reports,
            Section::Reports,
            lang,
        ));
        items.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
        items.truncate(FEED_LENGTH);
        let updated = items
            .first()
            .map(|item| item.updated)
            .or_else(|| Self::newest_update(cx))
            .map_or_else(FixedDateTime::default, midnight);
        let home = cx.routes.absolute(&cx.routes.home(lang));
        let config = &cx.site.config;
        let feed = Feed {
            title: Text::plain(cx.text(lang, config.title.text(lang))),
            subtitle: Some(Text::plain(cx.text(lang, config.description.text(lang)))),
            id: home.clone(),
            updated,
            authors: vec![Person {
                name: cx.text(lang, config.title.text(lang)),
                uri: Some(home.clone()),
                ..Person::default()
            }],
            links: vec![
                Link {
                    href: cx.routes.absolute(&cx.routes.feed(lang)),
                    rel: "self".to_string(),
                    mime_type: Some("application/atom+xml".to_string()),
                    ..Link::default()
                },
                Link {
                    href: home,
                    rel: "alternate".to_string(),
                    hreflang: Some(lang.to_string()),
                    mime_type: Some("text/html".to_string()),
                    ..Link::default()
                },
            ],
            lang: Some(lang.to_string()),
            entries: items.into_iter().map(|item| item.entry).collect(),
            ..Feed::default()
        };
        let config = WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        };
        let mut bytes = feed
            .write_with_config(Vec::new(), config)
            .map_err(|error| {
                Diagnostics::from(Diagnostic::in_path(
                    cx.routes.feed(lang),
                    format!("cannot write the feed: {error}"),
                ))
            })?;
        bytes.push(b'\n');
        Ok(OutputFile {
            path: PathBuf::from(cx.routes.feed(lang)),
            bytes: Arc::new(bytes),
        })
    }

    fn feed_items<M: Meta>(
        cx: &Context<'_>,
        documents: &[Document<M>],
        section: Section,
        lang: &Lang,
    ) -> Vec<FeedItem> {
        let label = match section {
            Section::Practices => cx.label(lang, "nav.practices"),
            Section::Visits => cx.label(lang, "nav.visits"),
            _ => cx.label(lang, "nav.reports"),
        };
        documents
            .iter()
            .filter(|document| document.lang == lang)
            .filter_map(|document| {
                let meta = &document.meta;
                let url = cx
                    .routes
                    .absolute(&cx.routes.document(section, &document.key, lang)?);
                let entry = Entry {
                    title: Text::plain(cx.text(lang, &meta.title().value)),
                    id: url.clone(),
                    updated: midnight(meta.updated().value),
                    published: meta.created().map(|created| midnight(created.value)),
                    links: vec![Link {
                        href: url.clone(),
                        rel: "alternate".to_string(),
                        hreflang: Some(lang.to_string()),
                        mime_type: Some("text/html".to_string()),
                        ..Link::default()
                    }],
                    summary: meta
                        .summary()
                        .filter(|summary| !summary.trim().is_empty())
                        .map(|summary| Text::plain(cx.text(lang, summary))),
                    categories: vec![Category {
                        term: section.folder().to_string(),
                        label: Some(label.clone()),
                        ..Category::default()
                    }],
                    ..Entry::default()
                };
                Some(FeedItem {
                    updated: meta.updated().value,
                    url,
                    entry,
                })
            })
            .collect()
    }

    /// The latest `updated` of any announced document, for a feed with no entry of its own.
    fn newest_update(cx: &Context<'_>) -> Option<Date> {
        let documents = &cx.site.documents;
        [
            newest(&documents.practices),
            newest(&documents.visits),
            newest(&documents.reports),
        ]
        .into_iter()
        .flatten()
        .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_utc_midnight() {
        let date = Date::parse("2024-09-12").expect("valid date");
        assert_eq!(midnight(date).to_rfc3339(), "2024-09-12T00:00:00+00:00");
    }
}
