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
            EntryPage::Root => cx.root(template),
            EntryPage::NotFound => cx.not_found(template),
            EntryPage::Home(lang) => cx.home(template, lang),
        }
    }
}

impl Context<'_> {
    fn root(&self, template: &'static str) -> Result<OutputFile, Diagnostics> {
        let lang = self.routes.default_language().clone();
        let alternates = self.alternates(|l| self.routes.home(l));
        let mut layout = self.layout(
            &lang,
            "root",
            self.site.config.title.text(&lang).to_string(),
            self.site.config.description.text(&lang).to_string(),
            alternates,
        );
        layout.canonical = self.routes.absolute("");
        #[derive(Serialize)]
        struct Root {
            entries: Vec<LanguageEntry>,
        }
        self.page(
            template,
            "index.html".into(),
            &layout,
            Root {
                entries: self.language_entries(),
            },
        )
    }

    fn not_found(&self, template: &'static str) -> Result<OutputFile, Diagnostics> {
        let lang = self.routes.default_language().clone();
        let alternates = self.alternates(|l| self.routes.home(l));
        let title = self.label(&lang, "notfound.title");
        let mut layout = self.layout(&lang, "not-found", title, String::new(), alternates);
        // The 404 page stands in for any address: no navigation entry is the current one.
        for item in &mut layout.nav {
            item.current = false;
        }
        #[derive(Serialize)]
        struct NotFound {
            entries: Vec<LanguageEntry>,
        }
        self.page(
            template,
            "404.html".into(),
            &layout,
            NotFound {
                entries: self.language_entries(),
            },
        )
    }

    fn home(&self, template: &'static str, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        let config = &self.site.config;
        let alternates = self.alternates(|l| self.routes.home(l));
        let layout = self.layout(
            lang,
            "home",
            self.text(lang, config.title.text(lang)),
            self.text(lang, config.description.text(lang)),
            alternates,
        );
        let latest = |section, count| {
            let mut cards = self.cards(section, lang, |_| true);
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
            ("pes", self.site.data.pes.len()),
            (
                "practices",
                self.routes.document_keys(Section::Practices).count(),
            ),
            ("visits", self.routes.document_keys(Section::Visits).count()),
            ("indicators", self.site.data.indicators.len()),
        ]);
        self.page(
            template,
            self.routes.home(lang) + "index.html",
            &layout,
            Home {
                practices,
                visits,
                reports,
                practices_url: self
                    .routes
                    .link(&self.routes.listing(Listing::Practices, lang)),
                visits_url: self
                    .routes
                    .link(&self.routes.listing(Listing::Visits, lang)),
                reports_url: self
                    .routes
                    .link(&self.routes.listing(Listing::Reports, lang)),
                pes_url: self.routes.link(&self.routes.listing(Listing::Pes, lang)),
                counts,
            },
        )
    }
}
