//! Rendering: turns the validated site into the files of the built site — every page in every
//! language, the root language picker, the 404 page and the theme's static files.

pub mod affected;
pub mod format;
pub mod markdown;
pub mod routes;
pub mod template_uses;
pub mod templates;
pub mod typography;
mod views;

mod cards;
mod documents;
mod layout;
mod listings;
mod pes;
mod search_page;

mod areas;
mod assessments;
pub mod charts;
mod downloads;
pub mod feeds;
mod figures;
mod frameworks;
mod head;
mod indicators;
mod profile;
pub mod sitemap;
pub mod structured_data;
mod translations;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::{Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::documents::{Document, Documents, Section};
use crate::model::Site;
use crate::theme::Theme;
use cards::CardIndex;
use routes::{Listing, Routes};
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
    "notfound.title",
    "practice.since",
    "visit.officials",
    "visit.experts",
    "visit.observers",
    "visit.coordinators",
    "publishing.feed",
    "publishing.translations_title",
];

/// Renders every page of `site`; returns the files, or every problem met on the way.
pub fn render(
    site: &Site,
    theme: &Theme,
    strings: Strings,
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_jobs(site, theme, strings, |_| true)
}

/// Renders only the pages that show something in `changes` (plus the theme's static files),
/// so `serve` can refresh one edited document without rendering the whole site again.
pub fn render_changed(
    site: &Site,
    theme: &Theme,
    strings: Strings,
    changes: &[affected::Change],
) -> Result<Vec<OutputFile>, Diagnostics> {
    render_jobs(site, theme, strings, |job| job.shows_any(changes))
}

fn render_jobs(
    site: &Site,
    theme: &Theme,
    strings: Strings,
    keep: impl Fn(&Job) -> bool,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let languages = site.config.language_codes();
    for lang in &languages {
        let keys = RUST_KEYS
            .iter()
            .map(|k| k.to_string())
            .chain(status_keys())
            .chain(figures::BENCH_KEYS.iter().map(|k| k.to_string()))
            .chain(
                search_page::SEARCH_KEYS
                    .iter()
                    .filter(|_| site.config.search.enabled)
                    .map(|k| k.to_string()),
            )
            .chain(
                crate::validate::TARGET_GROUPS
                    .iter()
                    .map(|g| format!("target_group.{g}")),
            );
        for key in keys {
            if strings.get(lang, &key).is_none() {
                problems.push(Diagnostic::in_path(
                    format!("themes/{}/i18n/{lang}.yaml", site.config.theme.value),
                    format!("UI string `{key}` is missing for language `{lang}`"),
                ));
            }
        }
    }
    let strings = Arc::new(strings);
    let (env, template_problems) = templates::environment(theme, Arc::clone(&strings));
    problems.extend(template_problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut renderer = Renderer {
        site,
        routes: Routes::new(&site.config, &site.documents),
        positions: document_positions(&site.documents),
        cards: CardIndex::default(),
        strings,
        env,
        theme,
    };
    renderer.cards = CardIndex::build(&renderer);
    let jobs: Vec<Job> = renderer
        .jobs()
        .into_iter()
        .filter(|job| keep(job))
        .collect();
    let results: Vec<Result<OutputFile, Vec<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| renderer.render_job(job))
        .collect();
    let mut files = Vec::with_capacity(results.len() + theme.static_files.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(job_problems) => problems.extend(job_problems),
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

fn status_keys() -> impl Iterator<Item = String> {
    ["pilot", "ongoing", "completed", "discontinued"]
        .into_iter()
        .map(|s| format!("status.{s}"))
}

/// One page to render. A new variant also says, in `affected.rs`, which changes it shows.
#[derive(Debug, Clone)]
enum Job {
    Root,
    NotFound,
    Home(String),
    Listing(Listing, String),
    Document(Section, String, String),
    Pes(String, String),
    Page(String, String),
    Search(String),
    Feed(String),
    Sitemap,
    Robots,
    TranslationStatus(String),
    Indicators(String),
    /// Indicator id, optional cluster id, language.
    Indicator(String, Option<String>, String),
    Assessments(String),
    AssessmentCycle(String, String),
    Area(String, String),
    Frameworks(String),
    Framework(String, String),
    /// A CSV download: one indicator's, or (`None`) the whole dataset.
    Csv(Option<String>),
    Json(String),
}

struct Renderer<'a> {
    site: &'a Site,
    routes: Routes,
    /// Section → key → language → index in that section's document list, so finding a
    /// translation is a lookup rather than a scan (lists and profiles do it per card).
    positions: BTreeMap<Section, BTreeMap<String, BTreeMap<String, usize>>>,
    cards: CardIndex,
    strings: Arc<Strings>,
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

impl Renderer<'_> {
    fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Root, Job::NotFound];
        for lang in self.routes.languages() {
            jobs.push(Job::Home(lang.clone()));
            for listing in [
                Listing::Practices,
                Listing::Visits,
                Listing::Reports,
                Listing::Pes,
            ] {
                jobs.push(Job::Listing(listing, lang.clone()));
            }
            for section in [Section::Practices, Section::Visits, Section::Reports] {
                for key in self.routes.document_keys(section) {
                    jobs.push(Job::Document(section, key.to_string(), lang.clone()));
                }
            }
            for key in self.routes.document_keys(Section::Pages) {
                jobs.push(Job::Page(key.to_string(), lang.clone()));
            }
            for pes in &self.site.data.pes {
                jobs.push(Job::Pes(pes.id.value.clone(), lang.clone()));
            }
            if self.site.config.search.enabled {
                jobs.push(Job::Search(lang.clone()));
            }
            jobs.push(Job::Feed(lang.clone()));
            jobs.push(Job::TranslationStatus(lang.clone()));
            self.bench_jobs(lang, &mut jobs);
        }
        jobs.extend([Job::Sitemap, Job::Robots]);
        self.download_jobs(&mut jobs);
        jobs
    }

    fn render_job(&self, job: &Job) -> Result<OutputFile, Vec<Diagnostic>> {
        match job {
            Job::Root => self.root(),
            Job::NotFound => self.not_found(),
            Job::Home(lang) => self.home(lang),
            Job::Listing(listing, lang) => self.listing(*listing, lang),
            Job::Document(section, key, lang) => self.document(*section, key, lang),
            Job::Page(key, lang) => self.document(Section::Pages, key, lang),
            Job::Pes(id, lang) => self.pes_profile(id, lang),
            Job::Search(lang) => self.search_page(lang),
            Job::Feed(lang) => self.feed(lang),
            Job::Sitemap => self.sitemap(),
            Job::Robots => Ok(self.robots()),
            Job::TranslationStatus(lang) => self.translation_status(lang),
            Job::Indicators(lang) => self.indicators_index(lang),
            Job::Indicator(id, cluster, lang) => self.indicator_page(id, cluster.as_deref(), lang),
            Job::Assessments(lang) => self.assessments_index(lang),
            Job::AssessmentCycle(cycle, lang) => self.assessment_cycle(cycle, lang),
            Job::Area(id, lang) => self.area_page(id, lang),
            Job::Frameworks(lang) => self.frameworks_index(lang),
            Job::Framework(pes, lang) => self.framework_page(pes, lang),
            Job::Csv(indicator) => self.csv_download(indicator.as_deref()),
            Job::Json(id) => {
                let indicator = self.site.data.indicators.iter().find(|i| &i.id.value == id);
                indicator.map_or(Err(Vec::new()), |i| self.json_download(i))
            }
        }
    }

    pub(super) fn label(&self, lang: &str, key: &str) -> String {
        // Every key passed here is in RUST_KEYS or checked with it before rendering starts.
        self.strings.get(lang, key).unwrap_or(key).to_string()
    }

    /// Typography for text written in `lang`.
    pub(super) fn text(&self, lang: &str, text: &str) -> String {
        if lang == "fr" {
            typography::french(text)
        } else {
            text.to_string()
        }
    }

    pub(super) fn page<T: Serialize>(
        &self,
        template: &str,
        path: String,
        layout: &Layout,
        content: T,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let context = Value::from(minijinja::value::Serde(PageContext { layout, content }));
        let html =
            templates::render(&self.env, self.theme, template, context).map_err(|d| vec![d])?;
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(html.into_bytes()),
        })
    }
}

fn document_positions(
    documents: &Documents,
) -> BTreeMap<Section, BTreeMap<String, BTreeMap<String, usize>>> {
    fn add<M>(
        positions: &mut BTreeMap<Section, BTreeMap<String, BTreeMap<String, usize>>>,
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

fn date_range(
    start: crate::model::text::Date,
    end: crate::model::text::Date,
    lang: &str,
) -> String {
    let (from, to) = (start.long(lang), end.long(lang));
    if start == end {
        return from;
    }
    // "3–5 February 2020" rather than repeating a shared month and year.
    if start.0.year() == end.0.year() && start.0.month() == end.0.month() {
        let day = from.split(' ').next().unwrap_or_default();
        format!("{day}–{to}")
    } else {
        format!("{from} – {to}")
    }
}
