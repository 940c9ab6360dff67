//! Rendering: turns the validated site into the files of the built site — every page in every
//! language, the root language picker, the 404 page and the theme's static files.

pub mod charts;
pub mod engine;
mod family;
mod files;
mod pages;
mod views;

use crate::model::lang::Lang;
use crate::model::typography::Typography;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use minijinja::{Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::formats::{Formats, SiteFormats};
use crate::i18n::{Strings, Value as Argument};
use crate::model::countries::CountryNames;
use crate::model::data::ValueFormat;
use crate::model::documents::{Document, Documents, PracticeStatus, Section};
use crate::model::Site;
use crate::theme::Theme;
use engine::routes::Routes;
use family::{add, Planned};
pub use pages::changes::{Change, DataFile, ListOrder, Relisting};
use views::cards::CardIndex;
use views::compare::CompareIndex;
use views::Layout;

/// A file of the built site: its path below the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutputFile {
    pub path: PathBuf,
    pub bytes: Arc<Vec<u8>>,
}

/// UI string keys the Rust side uses to label data; checked once so none renders blank.
const RUST_KEYS: &[&str] = &[
    "language.name",
    "nav.home",
    "nav.practices",
    "nav.visits",
    "nav.reports",
    "nav.pes",
    "nav.peer_groups",
    "nav.frameworks",
    "notfound.title",
    "practice.since",
    "visit.officials",
    "visit.experts",
    "visit.observers",
    "visit.coordinators",
    "publishing.feed",
    "publishing.translations_title",
    "bench.points",
    "pager.page",
    "pager.title",
];

/// Renders every page of `site`; returns the files, or every problem met on the way.
pub fn render(
    site: &Site,
    theme: &Theme,
    strings: Strings,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_pages(site, theme, strings, |_| true)
}

/// Renders only the pages that show something in `changes` (plus the theme's static files),
/// so `serve` can refresh one edited document without rendering the whole site again.
pub fn render_changed(
    site: &Site,
    theme: &Theme,
    strings: Strings,
    changes: &[Change],
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_pages(site, theme, strings, |page| page.shows_any(changes))
}

fn render_pages(
    site: &Site,
    theme: &Theme,
    strings: Strings,
    keep: impl Fn(&dyn Planned) -> bool,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let languages = site.config.languages();
    for lang in languages.iter().filter(|lang| strings.has_language(lang)) {
        let keys = RUST_KEYS
            .iter()
            .map(|k| k.to_string())
            .chain(status_keys())
            .chain(views::figures::BENCH_KEYS.iter().map(|k| k.to_string()))
            .chain(views::compare::COMPARE_KEYS.iter().map(|k| k.to_string()))
            .chain(
                views::provenance::PROVENANCE_KEYS
                    .iter()
                    .map(|k| k.to_string()),
            )
            .chain(views::spread::SPREAD_KEYS.iter().map(|k| k.to_string()))
            .chain(views::facets::facet_keys())
            .chain(files::datasets::dataset_keys())
            .chain(files::dictionary::dictionary_keys())
            .chain(pages::peer_groups::GROUP_KEYS.iter().map(|k| k.to_string()))
            .chain(
                views::breakdowns::BREAKDOWN_KEYS
                    .iter()
                    .map(|k| k.to_string()),
            )
            .chain(
                pages::search_page::SEARCH_KEYS
                    .iter()
                    .filter(|_| site.config.search.enabled)
                    .map(|k| k.to_string()),
            )
            .chain(
                crate::model::documents::TargetGroup::ALL
                    .iter()
                    .map(|group| group.label_key()),
            );
        let file = format!("themes/{}/i18n/{lang}.yaml", site.config.theme.value);
        for key in keys {
            let expected = rust_arguments(&key);
            match strings.message(lang, &key) {
                None => problems.push(Diagnostic::in_path(
                    &file,
                    format!("UI string `{key}` is missing for language `{lang}`"),
                )),
                Some(message) if !message.arguments().into_iter().eq(expected.iter().copied()) => {
                    let wanted = match expected {
                        [] => "no argument".to_string(),
                        names => format!("{{{}}}", names.join("}, {")),
                    };
                    problems.push(Diagnostic::in_path(
                        &file,
                        format!("UI string `{key}` must take {wanted} in `{lang}`: the Rust side gives it that"),
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let strings = Arc::new(strings);
    let formats = match SiteFormats::new(site.config.locales().iter().map(|(l, c)| (l, c))) {
        Ok(formats) => Arc::new(formats),
        Err(problem) => {
            problems.push(Diagnostic::in_path("site.yaml", problem));
            return Err(problems);
        }
    };
    let (env, template_problems) =
        engine::templates::environment(theme, Arc::clone(&strings), Arc::clone(&formats));
    problems.extend(template_problems);
    // A language with no UI strings at all is reported once where they are loaded; its pages
    // would only repeat it for every label.
    let a_language_lacks_strings = languages.iter().any(|lang| !strings.has_language(lang));
    if a_language_lacks_strings || !problems.is_empty() {
        return Err(problems);
    }
    let mut cx = Context {
        site,
        routes: Routes::new(&site.config, &site.documents),
        positions: document_positions(&site.documents),
        cards: CardIndex::default(),
        comparisons: OnceLock::new(),
        filter_panels: OnceLock::new(),
        countries: CountryNames::new(languages, site.data.country_codes()),
        strings,
        formats,
        env,
        theme,
    };
    cx.cards = CardIndex::build(&cx);
    let planned: Vec<Box<dyn Planned>> = plan(&cx)
        .into_iter()
        .filter(|page| keep(page.as_ref()))
        .collect();
    let results: Vec<Result<OutputFile, Diagnostics>> =
        planned.par_iter().map(|page| page.render(&cx)).collect();
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(page_problems) => problems.extend(page_problems),
        }
    }
    for (name, file) in &theme.static_files {
        files.push(OutputFile {
            path: PathBuf::from(name),
            bytes: Arc::clone(&file.bytes),
        });
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The arguments the Rust side gives a UI string it uses: none but for these.
/// (`filters.shown` is also handed to filters.js as written, to fill as filters change.)
const RUST_ARGUMENTS: &[(&str, &[&str])] = &[
    ("bench.points", &["value"]),
    ("columns.in_language", &["language", "name"]),
    ("breakdown.age_band", &["from", "to"]),
    ("breakdown.age_over", &["from"]),
    ("filters.shown", &["shown", "total"]),
    ("pager.page", &["number"]),
    ("pager.title", &["number", "title", "total"]),
    ("provenance.sources", &["count"]),
    ("provenance.years", &["count"]),
];

fn rust_arguments(key: &str) -> &'static [&'static str] {
    RUST_ARGUMENTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, names)| names)
}

fn status_keys() -> impl Iterator<Item = String> {
    PracticeStatus::ALL
        .into_iter()
        .map(PracticeStatus::label_key)
}

/// Every page of the site, family by family: the registration of each family.
fn plan(cx: &Context<'_>) -> Vec<Box<dyn Planned>> {
    let mut planned = Vec::new();
    add(&mut planned, cx, pages::home::Home);
    add(&mut planned, cx, pages::listings::Listings);
    add(&mut planned, cx, pages::documents::Documents);
    add(&mut planned, cx, pages::pes::Profiles);
    add(&mut planned, cx, pages::search_page::SearchPages);
    add(&mut planned, cx, pages::translations::TranslationPages);
    add(&mut planned, cx, pages::indicators::Indicators);
    add(&mut planned, cx, pages::assessments::Assessments);
    add(&mut planned, cx, pages::areas::Areas);
    add(&mut planned, cx, pages::frameworks::Frameworks);
    add(&mut planned, cx, pages::compare::Comparisons);
    add(&mut planned, cx, pages::peer_groups::PeerGroups);
    add(&mut planned, cx, files::feeds::Feeds);
    add(&mut planned, cx, files::sitemap::Crawling);
    add(&mut planned, cx, files::downloads::Downloads);
    add(&mut planned, cx, files::datasets::Datasets);
    add(&mut planned, cx, files::dictionary::Dictionaries);
    add(&mut planned, cx, files::citations::Citations);
    add(&mut planned, cx, files::compare_data::CompareData);
    add(&mut planned, cx, files::practice_index::PracticeIndex);
    planned
}

/// What every page is rendered with: the site, its addresses, the documents' cards, the UI
/// strings and the templates. Shared read-only by the page families.
pub(crate) struct Context<'a> {
    site: &'a Site,
    routes: Routes,
    /// Section → key → language → index in that section's document list, so finding a
    /// translation is a lookup rather than a scan (lists and profiles do it per card).
    positions: BTreeMap<Section, BTreeMap<String, BTreeMap<Lang, usize>>>,
    cards: CardIndex,
    /// PES side by side, built the first time a comparison is rendered.
    comparisons: OnceLock<CompareIndex>,
    /// The practice catalogue's filter panel in each language, built once for all its pages.
    filter_panels: OnceLock<BTreeMap<Lang, views::facets::FilterPanel>>,
    /// Country names in each site language, loaded once for every page.
    countries: CountryNames,
    strings: Arc<Strings>,
    /// Each language's CLDR formats, built once for all pages.
    formats: Arc<SiteFormats>,
    env: Environment<'static>,
    theme: &'a Theme,
}

/// A page's layout fields and its own content, flattened into one template context.
#[derive(Serialize)]
struct PageContext<'a, T: Serialize> {
    #[serde(flatten)]
    layout: &'a Layout,
    #[serde(flatten)]
    content: T,
}

impl Context<'_> {
    pub(crate) fn label(&self, lang: &Lang, key: &str) -> String {
        // Every key passed here is in RUST_KEYS or checked with it before rendering starts.
        self.strings.get(lang, key).unwrap_or(key).to_string()
    }

    /// The UI string `key` with `values` for its arguments, in `lang`'s formats; every key
    /// the Rust side passes here is checked with [`RUST_KEYS`] before rendering starts.
    pub(crate) fn say(&self, lang: &Lang, key: &str, values: &[(&str, Argument<'_>)]) -> String {
        self.strings
            .format(lang, key, values, self.formats(lang))
            .unwrap_or_else(|_| key.to_string())
    }

    /// How `lang` writes numbers and dates.
    pub(crate) fn formats(&self, lang: &Lang) -> &Formats {
        self.formats.get(lang)
    }

    /// A value of the data in `lang`, in its unit with its decimals.
    pub(crate) fn value(&self, lang: &Lang, value: f64, format: ValueFormat) -> String {
        engine::format::value(self.formats(lang), value, format)
    }

    /// How a chart of values written in `format` writes its numbers in `lang`.
    pub(crate) fn chart_numbers<'s>(
        &'s self,
        lang: &'s Lang,
        format: ValueFormat,
    ) -> charts::Numbers<'s> {
        charts::Numbers {
            write: Box::new(move |value, decimals| {
                self.value(lang, value, ValueFormat { decimals, ..format })
            }),
            decimals: format.decimals,
            unit: self.axis_unit(lang, format.unit),
        }
    }

    /// The short name of `unit` written beside a chart's value axis (`%`, `days`, `score /6`).
    fn axis_unit(&self, lang: &Lang, unit: crate::model::data::Unit) -> String {
        use crate::model::data::Unit;
        let key = match unit {
            Unit::Percent => "bench.axis_percent",
            Unit::Count => "bench.axis_count",
            Unit::Ratio => "bench.axis_ratio",
            Unit::Score => "bench.axis_score",
            Unit::Days => "bench.axis_days",
            Unit::Months => "bench.axis_months",
        };
        self.label(lang, key)
    }

    /// A signed change of a value in `lang` (`+1,3 pt`).
    pub(crate) fn change(&self, lang: &Lang, delta: f64, format: ValueFormat) -> String {
        engine::format::change(self.formats(lang), delta, format, |figure| {
            self.say(lang, "bench.points", &[("value", Argument::Text(figure))])
        })
    }

    /// A share of the way to a target, as a whole percentage in `lang`.
    pub(crate) fn share(&self, lang: &Lang, ratio: f64) -> String {
        engine::format::share(self.formats(lang), ratio)
    }

    /// Every PES's column of comparisons and the rows they line up on, in every language.
    pub(crate) fn comparisons(&self) -> &CompareIndex {
        self.comparisons.get_or_init(|| CompareIndex::build(self))
    }

    /// Typography for text written in `lang`.
    pub(crate) fn text(&self, lang: &Lang, text: &str) -> String {
        Typography::of_lang(lang).apply(text).into_owned()
    }

    pub(crate) fn page<T: Serialize>(
        &self,
        template: &str,
        path: String,
        layout: &Layout,
        content: T,
    ) -> Result<OutputFile, Diagnostics> {
        let context = Value::from(minijinja::value::Serde(PageContext { layout, content }));
        let html = engine::templates::render(&self.env, self.theme, template, context)
            .map_err(Diagnostics::from)?;
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(html.into_bytes()),
        })
    }
}

fn document_positions(
    documents: &Documents,
) -> BTreeMap<Section, BTreeMap<String, BTreeMap<Lang, usize>>> {
    fn add<M>(
        positions: &mut BTreeMap<Section, BTreeMap<String, BTreeMap<Lang, usize>>>,
        section: Section,
        documents: &[Document<M>],
    ) {
        let by_key = positions.entry(section).or_default();
        for (index, document) in documents.iter().enumerate() {
            by_key
                .entry(document.key.clone())
                .or_default()
                .insert(document.lang.clone(), index);
        }
    }
    let mut positions = BTreeMap::new();
    add(&mut positions, Section::Practices, &documents.practices);
    add(&mut positions, Section::Visits, &documents.visits);
    add(&mut positions, Section::Reports, &documents.reports);
    add(&mut positions, Section::Pages, &documents.pages);
    positions
}

/// Escapes text for HTML and SVG content and attribute values, for markup built in Rust
/// (charts, the preview's error overlay) rather than by the templates.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Sorting that ignores case and accents, so « Évaluation » sorts with the E's.
fn sort_key(text: &str) -> String {
    slug::slugify(text)
}
