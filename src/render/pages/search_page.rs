//! The search page of each language, which loads Pagefind's UI over the site's index (what
//! each page tells the index is in [`crate::render::views::search`]).

use crate::model::lang::Lang;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::render::family::{per_language, Family};
use crate::render::views::Layout;
use crate::render::OutputFile;
use crate::render::{Change, Context, DataFile};

/// UI strings the Rust side uses for facet names and types, checked before rendering.
pub(crate) const SEARCH_KEYS: &[&str] = &[
    "search.filter_type",
    "search.filter_pes",
    "search.filter_country",
    "search.filter_area",
    "search.filter_year",
    "search.filter_target_group",
    "search.kind_page",
    "practice.kind",
    "visit.kind",
    "report.kind",
    "pes.kind",
];

/// The search page's own content.
#[derive(Debug, Serialize)]
struct SearchView {
    /// Folder of Pagefind's bundle, with a trailing slash.
    bundle: String,
    ui_script: String,
    ui_stylesheet: String,
    script: String,
    /// The same search in the site's other languages.
    other_languages: Vec<OtherSearch>,
}

#[derive(Debug, Serialize)]
struct OtherSearch {
    code: Lang,
    name: String,
    url: String,
}

/// The search page of each language, when the site has search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SearchPages;

impl Family for SearchPages {
    /// The language.
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        if !cx.site.config.search.enabled {
            return Vec::new();
        }
        per_language(cx, |lang| lang)
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        Some("search.html")
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        // Area names are search facets.
        change.reaches_every_page() || *change == Change::Data(DataFile::Areas)
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        Self::search_page(cx, self.template(lang).unwrap_or_default(), lang)
    }
}

impl SearchPages {
    fn search_page(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let alternates = cx.alternates(|l| cx.routes.search(l));
        let title = cx.label(lang, "search.title");
        let description = cx.label(lang, "search.intro");
        let layout: Layout = cx.layout(lang, "search", title, description, alternates);
        let bundle = cx
            .routes
            .link(&format!("{}/", cx.site.config.search.folder.value));
        let other_languages = cx
            .routes
            .languages()
            .iter()
            .filter(|code| *code != lang)
            .map(|code| OtherSearch {
                code: code.clone(),
                name: cx.label(code, "language.name"),
                url: cx.routes.link(&cx.routes.search(code)),
            })
            .collect();
        let view = SearchView {
            ui_script: format!("{bundle}pagefind-ui.js"),
            ui_stylesheet: format!("{bundle}pagefind-ui.css"),
            script: cx.routes.link("search.js"),
            bundle,
            other_languages,
        };
        cx.page(
            template,
            cx.routes.search(lang) + "index.html",
            &layout,
            view,
        )
    }
}
