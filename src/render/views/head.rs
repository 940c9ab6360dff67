//! What a page's `<head>` tells other tools: its feeds, Open Graph and Twitter sharing
//! metadata, JSON-LD structured data, whether search engines may index it, and the small
//! scripts of some pages (print, sorting, chart downloads, comparison).

use crate::model::lang::Lang;
use minijinja::Value;
use serde::Serialize;

use crate::render::files::structured_data;
use crate::render::Context;

/// The publishing metadata of one page, shaped for `base.html`.
#[derive(Debug, Serialize)]
pub struct Publishing {
    /// The site's feeds, the page's language first.
    pub feeds: Vec<FeedLink>,
    /// `article` for documents, `website` for the rest.
    pub og_type: &'static str,
    /// `og:locale` of the page and of its other languages (`fr_FR`), where known.
    pub og_locale: Option<String>,
    pub og_locale_alternates: Vec<String>,
    /// JSON-LD, escaped for a `<script type="application/ld+json">` element.
    pub structured_data: Option<Value>,
    /// Pages for editors or errors that search engines should leave out.
    pub noindex: bool,
    /// The print script, on pages with a print button.
    pub print_script: Option<String>,
    /// The table-sorting script, on pages with sortable tables.
    pub sort_script: Option<String>,
    /// The chart-download script, on pages with charts that can be saved.
    pub chart_export_script: Option<String>,
    /// The script of the comparison page, which builds any comparison in the page.
    pub compare_script: Option<String>,
    /// The script of the practice list's filter panel, set by the list when it has one.
    pub filter_script: Option<String>,
}

/// A `<link rel="alternate" type="application/atom+xml">`, with the feed's absolute URL.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    pub lang: Lang,
    pub title: String,
    pub url: String,
}

/// Page kinds that are documents: shared as articles, printable.
const DOCUMENT_KINDS: [&str; 3] = ["practice", "visit", "report"];
/// Page kinds with tables a visitor can sort by any column.
const TABLE_KINDS: [&str; 7] = [
    "indicator",
    "peer-group",
    "indicators",
    "assessment",
    "area",
    "framework",
    "pes",
];
/// Page kinds with charts a visitor can save as SVG, PNG and CSV (figures of `bench.html`).
const CHART_KINDS: [&str; 5] = ["indicator", "peer-group", "assessment", "area", "pes"];
/// The kind of the comparison page, the only one with the comparison script.
pub(crate) const COMPARE_KIND: &str = "compare";
/// Page kinds search engines should not index.
const NOINDEX_KINDS: [&str; 3] = ["not-found", "translations", "search"];

impl Context<'_> {
    /// The Open Graph locale of a language: its CLDR locale with a territory, which Open
    /// Graph wants (`fr_FR`, `en_GB`).
    fn og_locale(&self, lang: &Lang) -> Option<String> {
        self.formats(lang).open_graph_locale().map(str::to_string)
    }

    /// The head metadata of a page of `kind` in `lang` at the absolute URL `canonical`.
    pub(crate) fn publishing(
        &self,
        kind: &str,
        lang: &Lang,
        title: &str,
        description: &str,
        canonical: &str,
    ) -> Publishing {
        let mut languages: Vec<&Lang> = self.routes.languages().iter().collect();
        languages.sort_by_key(|code| *code != lang);
        let feeds = languages
            .iter()
            .map(|code| FeedLink {
                lang: (*code).clone(),
                title: self.label(code, "publishing.feed"),
                url: self.routes.absolute(&self.routes.feed(code)),
            })
            .collect();
        let document = DOCUMENT_KINDS.contains(&kind);
        Publishing {
            feeds,
            og_type: if document { "article" } else { "website" },
            og_locale: self.og_locale(lang),
            og_locale_alternates: self
                .routes
                .languages()
                .iter()
                .filter(|code| *code != lang)
                .filter_map(|code| self.og_locale(code))
                .collect(),
            structured_data: self
                .page_structured_data(kind, title, description, canonical, lang)
                .map(|value| script_value(&value)),
            noindex: NOINDEX_KINDS.contains(&kind) || !self.site.edition.indexable(),
            print_script: document.then(|| self.routes.link("print.js")),
            sort_script: TABLE_KINDS
                .contains(&kind)
                .then(|| self.routes.link("sort.js")),
            chart_export_script: CHART_KINDS
                .contains(&kind)
                .then(|| self.routes.link("chart-export.js")),
            compare_script: (kind == COMPARE_KIND).then(|| self.routes.link("compare.js")),
            filter_script: None,
        }
    }
}

/// JSON-LD as a template value printed without HTML escaping (it is escaped for `<script>`).
pub(crate) fn script_value(value: &serde_json::Value) -> Value {
    Value::from_safe_string(structured_data::to_html(value))
}
