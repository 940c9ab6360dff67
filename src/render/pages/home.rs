//! The entry pages: the root language picker, the 404 page and each language's home.

use crate::model::lang::Lang;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::documents::Section;
use crate::render::engine::routes::Listing;
use crate::render::family::Family;
use crate::render::views::{Card, LanguageEntry};
use crate::render::{Change, Context, DataFile, OutputFile};

/// The root language picker, the 404 page and the home page of each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Home;

/// One entry page.
#[derive(Debug)]
pub(crate) enum EntryPage {
    Root,
    NotFound,
    Home(Lang),
}

impl Family for Home {
    type Page = EntryPage;

    fn pages(self, cx: &Context<'_>) -> Vec<EntryPage> {
        let homes = cx.routes.languages().iter().cloned().map(EntryPage::Home);
        [EntryPage::Root, EntryPage::NotFound]
            .into_iter()
            .chain(homes)
            .collect()
    }

    fn template(self, page: &EntryPage) -> Option<&'static str> {
        Some(match page {
            EntryPage::Root => "root.html",
            EntryPage::NotFound => "404.html",
            EntryPage::Home(_) => "home.html",
        })
    }

    fn shows(self, page: &EntryPage, change: &Change) -> bool {
        match page {
            EntryPage::Root | EntryPage::NotFound => change.reaches_every_page(),
            // The latest documents and the counts of members, practices, visits, indicators.
            EntryPage::Home(_) => {
                change.reaches_every_page()
                    || change.is_document_of(None)
                    || matches!(change, Change::Data(DataFile::Indicators | DataFile::Areas))
            }
        }
    }

    fn render(self, cx: &Context<'_>, page: &EntryPage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            EntryPage::Root => Self::root(cx, template),
            EntryPage::NotFound => Self::not_found(cx, template),
            EntryPage::Home(lang) => Self::home(cx, template, lang),
        }
    }
}

impl Home {
    fn root(cx: &Context<'_>, template: &'static str) -> Result<OutputFile, Diagnostics> {
        let lang = cx.routes.default_language().clone();
        let alternates = cx.alternates(|l| cx.routes.home(l));
        let mut layout = cx.layout(
            &lang,
            "root",
            cx.site.config.title.text(&lang).to_string(),
            cx.site.config.description.text(&lang).to_string(),
            alternates,
        );
        layout.canonical = cx.routes.absolute("");
        // The language picker is in no language yet: members are named on the next page.
        layout.my_pes = None;
        #[derive(Serialize)]
        struct Root {
            entries: Vec<LanguageEntry>,
        }
        cx.page(
            template,
            "index.html".into(),
            &layout,
            Root {
                entries: cx.language_entries(),
            },
        )
    }

    fn not_found(cx: &Context<'_>, template: &'static str) -> Result<OutputFile, Diagnostics> {
        let lang = cx.routes.default_language().clone();
        let alternates = cx.alternates(|l| cx.routes.home(l));
        let title = cx.label(&lang, "notfound.title");
        let mut layout = cx.layout(&lang, "not-found", title, String::new(), alternates);
        // The 404 page stands in for any address: no navigation entry is the current one.
        for item in &mut layout.nav {
            item.current = false;
        }
        #[derive(Serialize)]
        struct NotFound {
            entries: Vec<LanguageEntry>,
        }
        cx.page(
            template,
            "404.html".into(),
            &layout,
            NotFound {
                entries: cx.language_entries(),
            },
        )
    }

    fn home(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let config = &cx.site.config;
        let alternates = cx.alternates(|l| cx.routes.home(l));
        let layout = cx.layout(
            lang,
            "home",
            cx.text(lang, config.title.text(lang)),
            cx.text(lang, config.description.text(lang)),
            alternates,
        );
        let latest = |section, count| {
            let mut cards = cx.cards(section, lang, |_| true);
            cards.truncate(count);
            cards
        };
        let (practices, visits, reports) = (
            latest(Section::Practices, 6),
            latest(Section::Visits, 3),
            latest(Section::Reports, 3),
        );
        #[derive(Serialize)]
        struct Home {
            practices: Vec<Card>,
            visits: Vec<Card>,
            reports: Vec<Card>,
            practices_url: String,
            visits_url: String,
            reports_url: String,
            pes_url: String,
            counts: BTreeMap<&'static str, usize>,
        }
        let counts = BTreeMap::from([
            ("pes", cx.site.data.pes.len()),
            (
                "practices",
                cx.routes.document_keys(Section::Practices).count(),
            ),
            ("visits", cx.routes.document_keys(Section::Visits).count()),
            ("indicators", cx.site.data.indicators.len()),
        ]);
        cx.page(
            template,
            cx.routes.home(lang) + "index.html",
            &layout,
            Home {
                practices,
                visits,
                reports,
                practices_url: cx.routes.link(&cx.routes.listing(Listing::Practices, lang)),
                visits_url: cx.routes.link(&cx.routes.listing(Listing::Visits, lang)),
                reports_url: cx.routes.link(&cx.routes.listing(Listing::Reports, lang)),
                pes_url: cx.routes.link(&cx.routes.listing(Listing::Pes, lang)),
                counts,
            },
        )
    }
}
