//! The section lists: practices, visits, reports and the PES of the network; the first three
//! cut into pages (see [`crate::render::views::pager`]).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::engine::routes::Listing;
use crate::render::family::{per_language, Family};
use crate::render::sort_key;
use crate::render::views::facets::PanelOnPage;
use crate::render::views::pager::{ListOf, Pager, Slice};
use crate::render::views::{Card, PesRow};
use crate::render::OutputFile;
use crate::render::{Change, Context};
use serde::Serialize;

/// The `id` of the practice list's cards, which its filter panel names.
const PRACTICE_LIST_ID: &str = "practice-list";

/// The section lists, one per section and language, each cut into pages but the PES's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Listings;

/// The list a listing paginates; none for the PES of the network, all on one page.
fn paginated(listing: Listing) -> Option<ListOf> {
    match listing {
        Listing::Practices => Some(ListOf::Section(Section::Practices)),
        Listing::Visits => Some(ListOf::Section(Section::Visits)),
        Listing::Reports => Some(ListOf::Section(Section::Reports)),
        Listing::Pes => None,
    }
}

impl Family for Listings {
    /// The listing, the language and, for paginated listings, the page.
    type Page = (Listing, Lang, Option<Slice>);

    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page> {
        per_language(cx, |lang| {
            Listing::ALL
                .into_iter()
                .flat_map(|listing| match paginated(listing) {
                    Some(list) => cx
                        .slices(&list, &lang)
                        .into_iter()
                        .map(|slice| (listing, lang.clone(), Some(slice)))
                        .collect(),
                    None => vec![(listing, lang.clone(), None)],
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect()
    }

    fn template(self, (listing, ..): &Self::Page) -> Option<&'static str> {
        Some(match listing {
            Listing::Pes => "pes_list.html",
            Listing::Practices => "practices.html",
            _ => "list.html",
        })
    }

    fn shows(self, (_, _, slice): &Self::Page, change: &Change) -> bool {
        match slice {
            // The practice catalogue's filter panel counts every practice: an edit that files
            // a practice elsewhere is `Refiled`, which reaches every page.
            Some(slice) => slice.shows(change),
            // The PES list shows figures and counts every member's documents.
            None => change.reaches_figures() || change.is_document_of(None),
        }
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        let (listing, lang, slice) = page;
        let template = self.template(page).unwrap_or_default();
        match slice {
            Some(slice) => Self::paged_listing(cx, template, *listing, lang, slice),
            None => Self::pes_listing(cx, template, lang),
        }
    }
}

impl Listings {
    /// A listing's title, description and page kind in `lang`.
    fn heading(
        cx: &Context<'_>,
        listing: Listing,
        lang: &Lang,
    ) -> Result<(&'static str, String, String), Diagnostics> {
        let (kind, title_key, intro_key) = match listing {
            Listing::Practices => ("practices", "nav.practices", "practices.intro"),
            Listing::Visits => ("visits", "nav.visits", "visits.intro"),
            Listing::Reports => ("reports", "nav.reports", "reports.intro"),
            Listing::Pes => ("pes-list", "nav.pes", "pes.intro"),
        };
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
        Ok((kind, cx.label(lang, title_key), intro))
    }

    fn pes_listing(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let (kind, title, intro) = Self::heading(cx, Listing::Pes, lang)?;
        let alternates = cx.alternates(|l| cx.routes.listing(Listing::Pes, l));
        let layout = cx.layout(lang, kind, title, intro, alternates);
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
        let path = cx.routes.listing(Listing::Pes, lang) + "index.html";
        cx.page(template, path, &layout, PesList { rows, compare_url })
    }

    fn paged_listing(
        cx: &Context<'_>,
        template: &'static str,
        listing: Listing,
        lang: &Lang,
        slice: &Slice,
    ) -> Result<OutputFile, Diagnostics> {
        let (kind, title, intro) = Self::heading(cx, listing, lang)?;
        let alternates = cx.paged_alternates(slice, |l| cx.routes.listing(listing, l));
        let title = cx.paged_title(lang, title, slice);
        let mut layout = cx.layout(lang, kind, title, intro, alternates);
        let first = cx.routes.listing(listing, lang);
        let pager = cx.pager(&mut layout, &first, slice, lang);
        let path = cx.routes.paged(&first, lang, slice.number) + "index.html";
        let items = cx.slice_cards(slice, lang);
        if listing != Listing::Practices {
            #[derive(Serialize)]
            struct CardList {
                items: Vec<Card>,
                pager: Option<Pager>,
            }
            return cx.page(template, path, &layout, CardList { items, pager });
        }
        #[derive(Serialize)]
        struct PracticeList<'a> {
            items: Vec<Card>,
            /// The `id` of the list, which its filter panel names.
            list_id: &'static str,
            filters: Option<PanelOnPage<'a>>,
            pager: Option<Pager>,
        }
        let filters = cx.practice_filters(lang, items.len());
        if filters.is_some() {
            layout.publishing.filter_script = Some(cx.routes.link("filters.js"));
        }
        let page = PracticeList {
            items,
            list_id: PRACTICE_LIST_ID,
            filters,
            pager,
        };
        cx.page(template, path, &layout, page)
    }
}
