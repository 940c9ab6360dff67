//! Cards: documents as they appear in lists, on the home page and on PES profiles.

use std::cmp::Reverse;

use super::date_range;
use super::sort_key;
use super::views::Card;
use super::Renderer;
use crate::model::documents::Document;
use crate::model::documents::Meta;
use crate::model::documents::Section;

impl Renderer<'_> {
    /// One card per document of `section`, in `lang` or its fallback.
    pub(super) fn cards(
        &self,
        section: Section,
        lang: &str,
        card: impl Fn(&str, &str) -> Option<Card>,
    ) -> Vec<Card> {
        let mut cards: Vec<Card> = self
            .routes
            .document_keys(section)
            .filter_map(|key| card(key, lang))
            .collect();
        // Newest first, then by title; keys computed once per card, not per comparison.
        cards.sort_by_cached_key(|card| (Reverse(card.date_iso.clone()), sort_key(&card.title)));
        cards
    }

    pub(super) fn shown<'d, M>(
        &self,
        documents: &'d [Document<M>],
        section: Section,
        key: &str,
        lang: &str,
    ) -> Option<&'d Document<M>> {
        let shown = self.routes.shown_language(section, key, lang)?;
        let position = *self.positions.get(&section)?.get(key)?.get(shown)?;
        documents.get(position)
    }

    pub(super) fn base_card<M: Meta>(
        &self,
        document: &Document<M>,
        section: Section,
        lang: &str,
    ) -> Option<Card> {
        let meta = &document.meta;
        Some(Card {
            title: self.text(&document.lang, &meta.title().value),
            summary: self.text(&document.lang, meta.summary().unwrap_or("")),
            url: self
                .routes
                .link(&self.routes.document(section, &document.key, lang)?),
            text_lang: (document.lang != lang).then(|| document.lang.clone()),
            facts: Vec::new(),
            date: Some(meta.updated().value.long(lang)),
            date_iso: Some(meta.updated().value.to_string()),
        })
    }

    pub(super) fn practice_card(&self, key: &str, lang: &str) -> Option<Card> {
        let practice = self.shown(
            &self.site.documents.practices,
            Section::Practices,
            key,
            lang,
        )?;
        let mut card = self.base_card(practice, Section::Practices, lang)?;
        let facts = self.practice_facts(practice, lang);
        if let Some(pes) = facts.pes {
            card.facts.push(format!("{} ({})", pes.name, pes.country));
        }
        card.facts.push(facts.period);
        card.facts.push(facts.status.label);
        card.facts.extend(
            facts
                .areas
                .into_iter()
                .map(|a| format!("{} · {}", a.id, a.label)),
        );
        Some(card)
    }

    pub(super) fn visit_card(&self, key: &str, lang: &str) -> Option<Card> {
        let visit = self.shown(&self.site.documents.visits, Section::Visits, key, lang)?;
        let mut card = self.base_card(visit, Section::Visits, lang)?;
        let meta = &visit.meta;
        card.facts.push(meta.location.clone());
        card.date = Some(date_range(meta.start_date.value, meta.end_date.value, lang));
        card.date_iso = Some(meta.start_date.value.to_string());
        Some(card)
    }

    pub(super) fn report_card(&self, key: &str, lang: &str) -> Option<Card> {
        let report = self.shown(&self.site.documents.reports, Section::Reports, key, lang)?;
        let mut card = self.base_card(report, Section::Reports, lang)?;
        card.date = Some(report.meta.date.value.long(lang));
        card.date_iso = Some(report.meta.date.value.to_string());
        Some(card)
    }
}
