//! The section lists: practices, visits, reports and the PES of the network.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::engine::routes::Listing;
use crate::render::family::{per_language, Family};
use crate::render::sort_key;
use crate::render::views::cards::Listed;
use crate::render::views::facets::{self, FacetValue, FilterPanel};
use crate::render::views::{Card, PesRow};

/// The `id` of the practice list's cards, which its filter panel names.
const PRACTICE_LIST_ID: &str = "practice-list";
use crate::render::OutputFile;
use crate::render::{Change, Context, DataFile};
use serde::Serialize;

/// The section lists, one per section and language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Listings;

impl Family for Listings {
    type Page = (Listing, Lang);

    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page> {
        let listings = [
            Listing::Practices,
            Listing::Visits,
            Listing::Reports,
            Listing::Pes,
        ];
        per_language(cx, |lang| listings.map(|listing| (listing, lang.clone())))
            .into_iter()
            .flatten()
            .collect()
    }

    fn template(self, (listing, _): &Self::Page) -> Option<&'static str> {
        Some(match listing {
            Listing::Pes => "pes_list.html",
            Listing::Practices => "practices.html",
            _ => "list.html",
        })
    }

    fn shows(self, (listing, _): &Self::Page, change: &Change) -> bool {
        if change.reaches_every_page() {
            return true;
        }
        match change {
            // The PES list shows figures and counts every member's documents.
            _ if *listing == Listing::Pes => {
                change.reaches_figures() || change.is_document_of(None)
            }
            Change::Document { section, .. } => listing_of(*section) == Some(*listing),
            // Practice cards name their areas.
            Change::Data(DataFile::Areas) => *listing == Listing::Practices,
            _ => false,
        }
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        let (listing, lang) = page;
        let template = self.template(page).unwrap_or_default();
        Self::listing(cx, template, *listing, lang)
    }
}

/// The list that shows a section's documents; free pages have none.
fn listing_of(section: Section) -> Option<Listing> {
    match section {
        Section::Practices => Some(Listing::Practices),
        Section::Visits => Some(Listing::Visits),
        Section::Reports => Some(Listing::Reports),
        Section::Pages => None,
    }
}

impl Listings {
    fn listing(
        cx: &Context<'_>,
        template: &'static str,
        listing: Listing,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let alternates = cx.alternates(|l| cx.routes.listing(listing, l));
        let (kind, title_key, intro_key) = match listing {
            Listing::Practices => ("practices", "nav.practices", "practices.intro"),
            Listing::Visits => ("visits", "nav.visits", "visits.intro"),
            Listing::Reports => ("reports", "nav.reports", "reports.intro"),
            Listing::Pes => ("pes-list", "nav.pes", "pes.intro"),
        };
        let title = cx.label(lang, title_key);
        let intro = cx
            .strings
            .get(lang, intro_key)
            .map(str::to_string)
            .ok_or_else(|| {
                Diagnostics::from(Diagnostic::in_path(
                    format!("themes/{}/i18n/{lang}.yaml", cx.site.config.theme.value),
                    format!("UI string `{intro_key}` is missing for language `{lang}`"),
                ))
            })?;
        let mut layout = cx.layout(lang, kind, title, intro, alternates);
        let path = cx.routes.listing(listing, lang) + "index.html";
        match listing {
            Listing::Pes => {
                #[derive(Serialize)]
                struct PesList {
                    rows: Vec<PesRow>,
                    compare_url: String,
                }
                let mut rows: Vec<PesRow> = cx
                    .site
                    .data
                    .pes
                    .iter()
                    .map(|pes| cx.pes_row(pes, lang))
                    .collect();
                rows.sort_by_key(|row| sort_key(&row.pes.name));
                let compare_url = cx.routes.link(&cx.routes.compare(lang));
                cx.page(template, path, &layout, PesList { rows, compare_url })
            }
            Listing::Practices => {
                #[derive(Serialize)]
                struct PracticeList {
                    items: Vec<Card>,
                    /// The `id` of the list, which its filter panel names.
                    list_id: &'static str,
                    filters: Option<FilterPanel>,
                }
                let mut listed: Vec<&Listed> =
                    cx.listed_in(Section::Practices, lang).iter().collect();
                listed.sort_by_cached_key(|listed| sort_key(&listed.card.title));
                let values: Vec<&[FacetValue]> = listed
                    .iter()
                    .map(|listed| listed.facets.as_slice())
                    .collect();
                let filters = cx.filter_panel(&values, lang);
                if filters.is_some() {
                    layout.publishing.filter_script = Some(cx.routes.link("filters.js"));
                }
                let page = PracticeList {
                    list_id: PRACTICE_LIST_ID,
                    filters,
                    items: listed
                        .into_iter()
                        .map(|listed| facets::filterable(listed.card.clone(), &listed.facets))
                        .collect(),
                };
                cx.page(template, path, &layout, page)
            }
            _ => {
                #[derive(Serialize)]
                struct CardList {
                    items: Vec<Card>,
                }
                let section = match listing {
                    Listing::Visits => Section::Visits,
                    _ => Section::Reports,
                };
                let cards = cx.cards(section, lang, |_| true);
                cx.page(template, path, &layout, CardList { items: cards })
            }
        }
    }
}
