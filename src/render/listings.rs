//! Pages that list or introduce: the root language picker, the 404 page, homes and section lists.

use super::routes::Listing;
use super::sort_key;
use super::views::{Card, LanguageEntry, PesRow};
use super::OutputFile;
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::model::documents::Section;
use serde::Serialize;
use std::collections::BTreeMap;

impl Renderer<'_> {
    pub(super) fn root(&self) -> Result<OutputFile, Vec<Diagnostic>> {
        let lang = self.routes.default_language().to_string();
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
            "root.html",
            "index.html".into(),
            &layout,
            Root {
                entries: self.language_entries(),
            },
        )
    }

    pub(super) fn not_found(&self) -> Result<OutputFile, Vec<Diagnostic>> {
        let lang = self.routes.default_language().to_string();
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
            "404.html",
            "404.html".into(),
            &layout,
            NotFound {
                entries: self.language_entries(),
            },
        )
    }

    pub(super) fn home(&self, lang: &str) -> Result<OutputFile, Vec<Diagnostic>> {
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
            "home.html",
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

    pub(super) fn listing(
        &self,
        listing: Listing,
        lang: &str,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let alternates = self.alternates(|l| self.routes.listing(listing, l));
        let (kind, title_key, intro_key) = match listing {
            Listing::Practices => ("practices", "nav.practices", "practices.intro"),
            Listing::Visits => ("visits", "nav.visits", "visits.intro"),
            Listing::Reports => ("reports", "nav.reports", "reports.intro"),
            Listing::Pes => ("pes-list", "nav.pes", "pes.intro"),
        };
        let title = self.label(lang, title_key);
        let intro = self
            .strings
            .get(lang, intro_key)
            .map(str::to_string)
            .ok_or_else(|| {
                vec![Diagnostic::in_path(
                    format!("themes/{}/i18n/{lang}.yaml", self.site.config.theme.value),
                    format!("UI string `{intro_key}` is missing for language `{lang}`"),
                )]
            })?;
        let layout = self.layout(lang, kind, title, intro, alternates);
        let path = self.routes.listing(listing, lang) + "index.html";
        match listing {
            Listing::Pes => {
                #[derive(Serialize)]
                struct PesList {
                    rows: Vec<PesRow>,
                }
                let mut rows: Vec<PesRow> = self
                    .site
                    .data
                    .pes
                    .iter()
                    .map(|pes| self.pes_row(pes, lang))
                    .collect();
                rows.sort_by_key(|row| sort_key(&row.pes.name));
                self.page("pes_list.html", path, &layout, PesList { rows })
            }
            _ => {
                #[derive(Serialize)]
                struct CardList {
                    items: Vec<Card>,
                }
                let section = match listing {
                    Listing::Practices => Section::Practices,
                    Listing::Visits => Section::Visits,
                    _ => Section::Reports,
                };
                let mut cards = self.cards(section, lang, |_| true);
                if listing == Listing::Practices {
                    cards.sort_by_key(|card| sort_key(&card.title));
                }
                self.page("list.html", path, &layout, CardList { items: cards })
            }
        }
    }
}
