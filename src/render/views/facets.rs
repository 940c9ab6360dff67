//! Practice facets: what a practice is filed under (area, PES, indicator, target group,
//! status, start year), shaped once per practice and language for three uses: its card's tags,
//! linked to the page of each value that has one; the practice index that `filters.js` reads
//! (`data/practices/<lang>.json`, see [`crate::render::files::practice_index`]); and the
//! catalogue's filter panel, which counts the practices per value and, for readers without
//! JavaScript, links the pages of the values that have one.
//!
//! A new facet is one more [`Facet`] variant: its name, its UI string, and the values a
//! practice holds in [`Context::facet_values`]; the panel, the index and `filters.js` follow.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::i18n::Value as Argument;
use crate::model::documents::{Document, PracticeMeta, PracticeStatus, Section, TargetGroup};
use crate::model::lang::Lang;
use crate::render::engine::routes::Listing;
use crate::render::views::Tag;
use crate::render::{sort_key, Context};

/// A way to narrow the practice list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Facet {
    Area,
    Pes,
    Indicator,
    TargetGroup,
    Status,
    Year,
}

impl Facet {
    /// Every facet, in the order of the filter panel.
    pub(crate) const ALL: [Facet; 6] = [
        Facet::Area,
        Facet::Pes,
        Facet::Indicator,
        Facet::TargetGroup,
        Facet::Status,
        Facet::Year,
    ];

    /// Its name: in the practice index, `<name>=` in the list's address, `data-facet="<name>"`
    /// on its fieldset.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Facet::Area => "area",
            Facet::Pes => "pes",
            Facet::Indicator => "indicator",
            Facet::TargetGroup => "target-group",
            Facet::Status => "status",
            Facet::Year => "year",
        }
    }

    /// The UI string naming the facet.
    pub(crate) fn label_key(self) -> &'static str {
        match self {
            Facet::Area => "filters.area",
            Facet::Pes => "filters.pes",
            Facet::Indicator => "filters.indicator",
            Facet::TargetGroup => "filters.target_group",
            Facet::Status => "filters.status",
            Facet::Year => "filters.year",
        }
    }
}

/// UI strings the facets use from Rust, checked before rendering starts.
pub(crate) fn facet_keys() -> impl Iterator<Item = String> {
    Facet::ALL
        .iter()
        .map(|facet| facet.label_key().to_string())
        .chain(["filters.shown".to_string()])
}

/// One value a practice is filed under.
#[derive(Debug, Clone)]
pub(crate) struct FacetValue {
    pub facet: Facet,
    /// The value as the data writes it (`A`, `fr-ft`, `youth`, `ongoing`, `2021`).
    pub id: String,
    /// The value as a reader sees it in the filter panel, in the page's language.
    pub label: String,
    /// The value as a card's tag says it: the label, or more (a PES's country).
    pub tag: String,
    /// The page of this value (an area's page, a PES profile), where there is one.
    pub url: Option<String>,
    /// Where the value goes among its facet's values in the panel.
    order: (i64, String),
}

/// Where a value goes in the panel: its facet, its place among the facet's values, its id.
type PanelPlace = (Facet, (i64, String), String);

impl FacetValue {
    fn panel_place(&self) -> PanelPlace {
        (self.facet, self.order.clone(), self.id.clone())
    }

    /// The value as a card's tag: linked to its page where there is one.
    pub(crate) fn tag(&self) -> Tag {
        Tag {
            text: self.tag.clone(),
            url: self.url.clone(),
        }
    }
}

/// The practice catalogue's filter panel, the same on each of its pages: its values are
/// counted over the whole catalogue.
#[derive(Debug, Serialize)]
pub struct FilterPanel {
    /// Every facet with at least one value, for `filters.js`.
    pub facets: Vec<FacetView>,
    /// The facets whose every value has a page, linked for readers without JavaScript.
    pub browse: Vec<FacetView>,
    /// `filters.shown` with `{shown}` and `{total}` left in, for `filters.js` to fill.
    pub shown_template: String,
    /// The practice index `filters.js` loads when a filter is chosen.
    pub index_url: String,
    /// The catalogue's first page, whose address keeps the choice of filters.
    pub list_url: String,
    /// How many matching practices `filters.js` shows at a time: a page's worth.
    pub batch: usize,
    /// The practices of the catalogue.
    #[serde(skip)]
    total: usize,
}

/// The filter panel on one page of the catalogue.
#[derive(Debug, Serialize)]
pub struct PanelOnPage<'a> {
    #[serde(flatten)]
    pub panel: &'a FilterPanel,
    /// "Practices shown: 24 of 5,000", before any filter is chosen.
    pub shown: String,
}

/// One facet of the panel and its values.
#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub name: &'static str,
    pub label: String,
    pub values: Vec<FacetOption>,
}

/// One value of a facet in the panel, with how many practices of the list hold it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetOption {
    pub id: String,
    /// The checkbox's `id`, unique in the page.
    pub input_id: String,
    pub label: String,
    pub url: Option<String>,
    /// The count, written in the page's language.
    pub count: String,
}

impl Context<'_> {
    /// The facet values of `practice` for a page in `lang`: those the site's data knows
    /// (validation reports the others), in the order the practice writes them.
    pub(crate) fn facet_values(
        &self,
        practice: &Document<PracticeMeta>,
        lang: &Lang,
    ) -> Vec<FacetValue> {
        let meta = &practice.meta;
        let data = &self.site.data;
        let mut values = Vec::new();
        for (position, area) in data.areas.iter().enumerate() {
            let id = area.id.value.as_str();
            if meta.areas.iter().any(|a| a.value == id) {
                let label = format!("{id} · {}", area.name.text(lang));
                values.push(FacetValue {
                    facet: Facet::Area,
                    id: id.to_string(),
                    tag: label.clone(),
                    label,
                    url: Some(self.routes.link(&self.routes.area(id, lang))),
                    order: (position as i64, String::new()),
                });
            }
        }
        if let Some(pes) = self.pes_link(&meta.pes.value, lang) {
            values.push(FacetValue {
                facet: Facet::Pes,
                order: (0, sort_key(&pes.name)),
                tag: format!("{} ({})", pes.name, pes.country),
                label: pes.name,
                id: pes.id,
                url: Some(pes.url),
            });
        }
        for (position, indicator) in data.indicators.iter().enumerate() {
            let id = indicator.id.value.as_str();
            if meta.indicators.iter().any(|i| i.value == id) {
                let label = self.text(lang, indicator.name.text(lang));
                values.push(FacetValue {
                    facet: Facet::Indicator,
                    id: id.to_string(),
                    tag: label.clone(),
                    label,
                    url: Some(self.routes.link(&self.routes.indicator(id, lang))),
                    order: (position as i64, String::new()),
                });
            }
        }
        for group in meta.groups() {
            let position = TargetGroup::ALL.iter().position(|g| *g == group);
            let label = self.label(lang, &group.label_key());
            values.push(FacetValue {
                facet: Facet::TargetGroup,
                id: group.id().to_string(),
                tag: label.clone(),
                label,
                url: None,
                order: (position.unwrap_or_default() as i64, String::new()),
            });
        }
        let status = meta.status;
        let position = PracticeStatus::ALL.iter().position(|s| *s == status);
        let label = self.label(lang, &status.label_key());
        values.push(FacetValue {
            facet: Facet::Status,
            id: status.key().to_string(),
            tag: label.clone(),
            label,
            url: None,
            order: (position.unwrap_or_default() as i64, String::new()),
        });
        let year = meta.start_year.value;
        values.push(FacetValue {
            facet: Facet::Year,
            id: year.to_string(),
            label: year.to_string(),
            tag: year.to_string(),
            url: None,
            // Newest first.
            order: (-i64::from(year), String::new()),
        });
        values
    }

    /// The filter panel of a page of the practice catalogue in `lang` that shows `shown`
    /// cards; none for an empty catalogue.
    pub(crate) fn practice_filters(&self, lang: &Lang, shown: usize) -> Option<PanelOnPage<'_>> {
        let panels = self.filter_panels.get_or_init(|| {
            self.routes
                .languages()
                .iter()
                .filter_map(|lang| Some((lang.clone(), self.filter_panel(lang)?)))
                .collect()
        });
        let panel = panels.get(lang)?;
        let formats = self.formats(lang);
        let (shown, total) = (formats.integer(shown), formats.integer(panel.total));
        Some(PanelOnPage {
            panel,
            shown: self.say(
                lang,
                "filters.shown",
                &[
                    ("shown", Argument::Text(&shown)),
                    ("total", Argument::Text(&total)),
                ],
            ),
        })
    }

    /// The filter panel of the practice catalogue in `lang`, counted over all its practices;
    /// none for an empty catalogue.
    fn filter_panel(&self, lang: &Lang) -> Option<FilterPanel> {
        let values: Vec<&[FacetValue]> = self
            .listed_in(Section::Practices, lang)
            .iter()
            .map(|listed| listed.facets.as_slice())
            .collect();
        if values.is_empty() {
            return None;
        }
        let mut counted: BTreeMap<PanelPlace, (&FacetValue, usize)> = BTreeMap::new();
        for card in &values {
            for value in card.iter() {
                counted.entry(value.panel_place()).or_insert((value, 0)).1 += 1;
            }
        }
        let facets: Vec<FacetView> = Facet::ALL
            .iter()
            .map(|&facet| FacetView {
                name: facet.name(),
                label: self.label(lang, facet.label_key()),
                values: counted
                    .iter()
                    .filter(|((f, ..), _)| *f == facet)
                    .map(|(_, (value, count))| FacetOption {
                        input_id: format!("filter-{}-{}", facet.name(), value.id),
                        id: value.id.clone(),
                        label: value.label.clone(),
                        url: value.url.clone(),
                        count: self.formats(lang).integer(*count),
                    })
                    .collect(),
            })
            .filter(|view| !view.values.is_empty())
            .collect();
        let browse = facets
            .iter()
            .filter(|view| view.values.iter().all(|value| value.url.is_some()))
            .cloned()
            .collect();
        Some(FilterPanel {
            facets,
            browse,
            shown_template: self.text(lang, &self.label(lang, "filters.shown")),
            index_url: self.routes.link(&self.routes.practice_index(lang)),
            list_url: self
                .routes
                .link(&self.routes.listing(Listing::Practices, lang)),
            batch: self.page_size(),
            total: values.len(),
        })
    }
}
