//! Cards: documents as they appear in lists, on the home page and on PES profiles, and
//! performance frameworks as they appear in their list and on profiles.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::analysis::learning::Tagged;
use crate::analysis::progress;
use crate::model::data::{Framework, Kpi};
use crate::model::documents::{Document, Meta, PracticeMeta, Section};
use crate::model::lang::Lang;
use crate::render::views::facets::{Facet, FacetValue};
use crate::render::views::{Card, FrameworkLink, Labelled, NamedLink, PracticeFacts, Tag};
use crate::render::{Context, ListOrder};

/// A document's card, with what lists pick it by.
pub(crate) struct Listed {
    /// The file name's slug, shared by the document's translations.
    pub key: String,
    /// The member the document is about: a practice's PES, a visit's host.
    pub owner: String,
    /// The excellence areas a practice is filed under.
    pub areas: Vec<String>,
    /// The indicators a practice aims to improve.
    pub indicators: Vec<String>,
    /// A practice's facet values, for the practice list's filters.
    pub facets: Vec<FacetValue>,
    /// Where the card goes in the lists that show it.
    pub order: ListOrder,
    pub card: Card,
}

/// What a practice card's tags say: the practice's values of a facet, or its years.
#[derive(Debug, Clone, Copy)]
pub(crate) enum CardTag {
    Facet(Facet),
    Period,
}

impl CardTag {
    /// Its name in the practice index: the facet's, or `period`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            CardTag::Facet(facet) => facet.name(),
            CardTag::Period => "period",
        }
    }
}

/// The tags of a practice card, in order: its member, years, status, areas, indicators and
/// target groups.
pub(crate) const PRACTICE_TAGS: [CardTag; 6] = [
    CardTag::Facet(Facet::Pes),
    CardTag::Period,
    CardTag::Facet(Facet::Status),
    CardTag::Facet(Facet::Area),
    CardTag::Facet(Facet::Indicator),
    CardTag::Facet(Facet::TargetGroup),
];

/// Every document's card per section and language, newest first, built once per render:
/// catalogues, the home page, area pages and profiles show the same cards many times over.
#[derive(Default)]
pub(crate) struct CardIndex(BTreeMap<(Section, Lang), Vec<Listed>>);

impl CardIndex {
    pub(crate) fn build(renderer: &Context) -> CardIndex {
        let mut lists = BTreeMap::new();
        for lang in renderer.routes.languages() {
            for section in [Section::Practices, Section::Visits, Section::Reports] {
                let keys: Vec<&str> = renderer.routes.document_keys(section).collect();
                let mut listed: Vec<Listed> = keys
                    .par_iter()
                    .filter_map(|key| renderer.listed(section, key, lang))
                    .collect();
                // Newest first, then by title.
                listed.sort_by(|a, b| a.order.cmp(&b.order));
                lists.insert((section, lang.clone()), listed);
            }
        }
        CardIndex(lists)
    }
}

impl Context<'_> {
    /// Every document of `section` listed in `lang`, newest first.
    pub(crate) fn listed_in(&self, section: Section, lang: &Lang) -> &[Listed] {
        self.cards
            .0
            .get(&(section, lang.clone()))
            .map_or(&[], Vec::as_slice)
    }

    /// The cards of `section` in `lang` (or their fallback) that `pick` keeps, newest first.
    pub(crate) fn cards(
        &self,
        section: Section,
        lang: &Lang,
        pick: impl Fn(&Listed) -> bool,
    ) -> Vec<Card> {
        self.listed_in(section, lang)
            .iter()
            .filter(|listed| pick(listed))
            .map(|listed| listed.card.clone())
            .collect()
    }

    fn listed(&self, section: Section, key: &str, lang: &Lang) -> Option<Listed> {
        let documents = &self.site.documents;
        let listed = match section {
            Section::Practices => {
                let practice = self.shown(&documents.practices, section, key, lang)?;
                let facets = self.facet_values(practice, lang);
                Listed {
                    key: key.to_string(),
                    owner: practice.meta.pes.value.clone(),
                    areas: practice
                        .meta
                        .areas
                        .iter()
                        .map(|a| a.value.clone())
                        .collect(),
                    indicators: practice
                        .meta
                        .indicators
                        .iter()
                        .map(|i| i.value.clone())
                        .collect(),
                    card: self.practice_card(practice, &facets, lang)?,
                    order: ListOrder::of(practice),
                    facets,
                }
            }
            Section::Visits => {
                let visit = self.shown(&documents.visits, section, key, lang)?;
                Listed {
                    key: key.to_string(),
                    owner: visit.meta.host.value.clone(),
                    areas: Vec::new(),
                    indicators: Vec::new(),
                    facets: Vec::new(),
                    order: ListOrder::of(visit),
                    card: self.visit_card(key, lang)?,
                }
            }
            Section::Reports | Section::Pages => Listed {
                key: key.to_string(),
                owner: String::new(),
                areas: Vec::new(),
                indicators: Vec::new(),
                facets: Vec::new(),
                order: ListOrder::of(self.shown(&documents.reports, section, key, lang)?),
                card: self.report_card(key, lang)?,
            },
        };
        Some(listed)
    }

    /// The document a page in `lang` shows: its own version, or the fallback's.
    pub(crate) fn shown<'d, M>(
        &self,
        documents: &'d [Document<M>],
        section: Section,
        key: &str,
        lang: &Lang,
    ) -> Option<&'d Document<M>> {
        documents.get(self.shown_position(section, key, lang)?)
    }

    /// The place in its section's list of the document a page in `lang` shows.
    pub(crate) fn shown_position(&self, section: Section, key: &str, lang: &Lang) -> Option<usize> {
        let shown = self.routes.shown_language(section, key, lang)?;
        self.positions.get(&section)?.get(key)?.get(shown).copied()
    }

    pub(crate) fn base_card<M: Meta>(
        &self,
        document: &Document<M>,
        section: Section,
        lang: &Lang,
    ) -> Option<Card> {
        let meta = &document.meta;
        Some(Card {
            title: self.text(&document.lang, &meta.title().value),
            summary: self.text(&document.lang, meta.summary().unwrap_or("")),
            url: self
                .routes
                .link(&self.routes.document(section, &document.key, lang)?),
            text_lang: (document.lang != lang).then(|| document.lang.clone()),
            tags: Vec::new(),
            date: Some(self.formats(lang).date(meta.updated().value)),
            date_iso: Some(meta.updated().value.to_string()),
        })
    }

    /// A practice's card: its PES, period, status, areas, indicators and target groups as tags, each
    /// linked to its page where there is one; `facets` are the practice's facet values.
    fn practice_card(
        &self,
        practice: &Document<PracticeMeta>,
        facets: &[FacetValue],
        lang: &Lang,
    ) -> Option<Card> {
        let mut card = self.base_card(practice, Section::Practices, lang)?;
        for tag in PRACTICE_TAGS {
            match tag {
                CardTag::Facet(facet) => card.tags.extend(
                    facets
                        .iter()
                        .filter(|value| value.facet == facet)
                        .map(FacetValue::tag),
                ),
                CardTag::Period => card
                    .tags
                    .push(Tag::plain(self.practice_period(practice, lang))),
            }
        }
        Some(card)
    }

    pub(crate) fn visit_card(&self, key: &str, lang: &Lang) -> Option<Card> {
        let visit = self.shown(&self.site.documents.visits, Section::Visits, key, lang)?;
        let mut card = self.base_card(visit, Section::Visits, lang)?;
        let meta = &visit.meta;
        card.tags.push(Tag::plain(meta.location.clone()));
        card.date = Some(
            self.formats(lang)
                .date_range(meta.start_date.value, meta.end_date.value),
        );
        card.date_iso = Some(meta.start_date.value.to_string());
        Some(card)
    }

    pub(crate) fn report_card(&self, key: &str, lang: &Lang) -> Option<Card> {
        let report = self.shown(&self.site.documents.reports, Section::Reports, key, lang)?;
        let mut card = self.base_card(report, Section::Reports, lang)?;
        card.date = Some(self.formats(lang).date(report.meta.date.value));
        card.date_iso = Some(report.meta.date.value.to_string());
        Some(card)
    }
}

/// Summaries of performance frameworks, for the frameworks list and PES profiles.
impl Context<'_> {
    pub(crate) fn framework_link(&self, framework: &Framework, lang: &Lang) -> FrameworkLink {
        let kpis: Vec<&Kpi> = framework
            .body
            .pillars
            .iter()
            .flat_map(|p| p.kpis.iter())
            .collect();
        FrameworkLink {
            pes: self.pes_link(&framework.pes, lang),
            title: self.text(lang, framework.body.title.text(lang)),
            url: self
                .routes
                .link(&self.routes.framework(&framework.pes, lang)),
            on_track: kpis
                .iter()
                .filter_map(|k| progress::latest(k)?.progress)
                .filter(|p| *p >= 1.0)
                .count(),
            kpis: kpis.len(),
        }
    }

    /// The link to `pes`'s framework, if it has one.
    pub(crate) fn framework_of(&self, pes: &str, lang: &Lang) -> Option<FrameworkLink> {
        self.site
            .data
            .frameworks
            .iter()
            .find(|f| f.pes == pes)
            .map(|f| self.framework_link(f, lang))
    }
}

impl Context<'_> {
    /// The practices shown in `lang`, newest first, as the learning path reads them.
    pub(crate) fn tagged_practices(&self, lang: &Lang) -> Vec<Tagged<'_>> {
        self.listed_in(Section::Practices, lang)
            .iter()
            .map(|listed| Tagged {
                key: &listed.key,
                pes: &listed.owner,
                areas: &listed.areas,
                indicators: &listed.indicators,
            })
            .collect()
    }

    /// The cards of the practices shown in `lang`, by key: to link the practices the learning
    /// path names.
    pub(crate) fn practice_cards(&self, lang: &Lang) -> BTreeMap<&str, &Card> {
        self.listed_in(Section::Practices, lang)
            .iter()
            .map(|listed| (listed.key.as_str(), &listed.card))
            .collect()
    }

    /// The practices filed under `area`, newest first.
    pub(crate) fn area_practices(&self, area: &str, pes: Option<&str>, lang: &Lang) -> Vec<Card> {
        self.cards(Section::Practices, lang, |listed| {
            listed.areas.iter().any(|a| a == area) && pes.is_none_or(|p| listed.owner == p)
        })
    }
}

impl Context<'_> {
    /// The years a practice runs: "2021–2023", "2021", "since 2021".
    pub(crate) fn practice_period(&self, practice: &Document<PracticeMeta>, lang: &Lang) -> String {
        let meta = &practice.meta;
        match &meta.end_year {
            Some(end) if end.value != meta.start_year.value => {
                format!("{}–{}", meta.start_year.value, end.value)
            }
            Some(_) => meta.start_year.value.to_string(),
            None => format!(
                "{} {}",
                self.label(lang, "practice.since"),
                meta.start_year.value
            ),
        }
    }

    pub(crate) fn practice_facts(
        &self,
        practice: &Document<PracticeMeta>,
        lang: &Lang,
    ) -> PracticeFacts {
        let meta = &practice.meta;
        let areas = meta
            .areas
            .iter()
            .map(|area| Labelled {
                id: area.value.clone(),
                label: self
                    .site
                    .data
                    .area_by_id(&area.value)
                    .map(|a| a.name.text(lang).to_string())
                    .unwrap_or_default(),
            })
            .collect();
        let target_groups = meta
            .groups()
            .map(|group| Labelled {
                id: group.id().to_string(),
                label: self.label(lang, &group.label_key()),
            })
            .collect();
        let indicators = meta
            .indicators
            .iter()
            .filter_map(|id| {
                let indicator = self
                    .site
                    .data
                    .indicators
                    .iter()
                    .find(|i| i.id.value == id.value)?;
                Some(NamedLink {
                    name: self.text(lang, indicator.name.text(lang)),
                    url: self.routes.link(&self.routes.indicator(&id.value, lang)),
                })
            })
            .collect();
        PracticeFacts {
            pes: self.pes_link(&meta.pes.value, lang),
            areas,
            indicators,
            target_groups,
            period: self.practice_period(practice, lang),
            status: Labelled {
                id: meta.status.key().to_string(),
                label: self.label(lang, &meta.status.label_key()),
            },
            results: meta.results.as_ref().map(|r| self.text(&practice.lang, r)),
            contact: meta.contact.clone(),
        }
    }
}
