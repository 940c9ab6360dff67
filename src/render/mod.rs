//! Rendering: turns the validated site into the files of the built site — every page in every
//! language, the root language picker, the 404 page and the theme's static files.

pub mod format;
pub mod markdown;
pub mod routes;
pub mod templates;
pub mod typography;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use minijinja::{Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::documents::{Document, Meta, PracticeMeta, Section, VisitMeta};
use crate::model::Site;
use crate::theme::Theme;
use routes::{Listing, Routes};
use views::*;

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
    "practice.since",
    "visit.officials",
    "visit.experts",
    "visit.observers",
    "visit.coordinators",
];

/// Renders every page of `site`; returns the files, or every problem met on the way.
pub fn render(
    site: &Site,
    theme: &Theme,
    strings: Strings,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let languages = site.config.language_codes();
    for lang in &languages {
        let keys = RUST_KEYS
            .iter()
            .map(|k| k.to_string())
            .chain(status_keys())
            .chain(
                crate::validate::TARGET_GROUPS
                    .iter()
                    .map(|g| format!("target_group.{g}")),
            );
        for key in keys {
            if strings.get(lang, &key).is_none() {
                problems.push(Diagnostic::in_path(
                    format!("themes/{}/i18n/{lang}.yaml", site.config.theme),
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
    let renderer = Renderer {
        site,
        routes: Routes::new(&site.config, &site.documents),
        strings,
        env,
        theme,
    };
    let jobs = renderer.jobs();
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

/// One page to render.
#[derive(Debug, Clone)]
enum Job {
    Root,
    NotFound,
    Home(String),
    Listing(Listing, String),
    Document(Section, String, String),
    Pes(String, String),
    Page(String, String),
}

struct Renderer<'a> {
    site: &'a Site,
    routes: Routes,
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
        }
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
        }
    }

    fn label(&self, lang: &str, key: &str) -> String {
        // Every key passed here is in RUST_KEYS or checked with it before rendering starts.
        self.strings.get(lang, key).unwrap_or(key).to_string()
    }

    /// Typography for text written in `lang`.
    fn text(&self, lang: &str, text: &str) -> String {
        if lang == "fr" {
            typography::french(text)
        } else {
            text.to_string()
        }
    }

    fn layout(
        &self,
        lang: &str,
        kind: &'static str,
        title: String,
        description: String,
        alternates: BTreeMap<String, String>,
    ) -> Layout {
        let config = &self.site.config;
        let current_path = alternates
            .get(lang)
            .cloned()
            .unwrap_or_else(|| self.routes.home(lang));
        let mut nav = vec![(self.label(lang, "nav.home"), self.routes.home(lang))];
        for (listing, key) in [
            (Listing::Practices, "nav.practices"),
            (Listing::Visits, "nav.visits"),
            (Listing::Reports, "nav.reports"),
            (Listing::Pes, "nav.pes"),
        ] {
            nav.push((self.label(lang, key), self.routes.listing(listing, lang)));
        }
        let mut menu_pages: Vec<&Document<_>> = self
            .site
            .documents
            .pages
            .iter()
            .filter(|page| {
                page.meta.menu
                    && self.routes.shown_language(Section::Pages, &page.key, lang)
                        == Some(page.lang.as_str())
            })
            .collect();
        menu_pages.sort_by(|a, b| (a.meta.weight, &a.key).cmp(&(b.meta.weight, &b.key)));
        for page in menu_pages {
            if let Some(path) = self.routes.document(Section::Pages, &page.key, lang) {
                nav.push((self.text(&page.lang, &page.meta.title.value), path));
            }
        }
        let nav = nav
            .into_iter()
            .map(|(label, path)| NavLink {
                current: current_path == path
                    || (path != self.routes.home(lang) && current_path.starts_with(&path)),
                label,
                url: self.routes.link(&path),
            })
            .collect();
        let languages = self
            .routes
            .languages()
            .iter()
            .map(|code| {
                let path = alternates
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| self.routes.home(code));
                LanguageLink {
                    code: code.clone(),
                    name: self.label(code, "language.name"),
                    url: self.routes.link(&path),
                    absolute: self.routes.absolute(&path),
                    current: code == lang,
                }
            })
            .collect();
        let default = self.routes.default_language();
        let x_default = alternates
            .get(default)
            .cloned()
            .unwrap_or_else(|| self.routes.home(default));
        Layout {
            lang: lang.to_string(),
            site: SiteView {
                title: self.text(lang, config.title.text(lang)),
                description: self.text(lang, config.description.text(lang)),
                home: self.routes.link(&self.routes.home(lang)),
                illustrative_data: config.options.illustrative_data,
            },
            kind,
            title,
            description,
            nav,
            languages,
            x_default: self.routes.absolute(&x_default),
            canonical: self.routes.absolute(&current_path),
            notice: None,
            stylesheet: self.routes.link("style.css"),
        }
    }

    /// Paths of a page that exists in every language at `path_of(lang)`.
    fn alternates(&self, path_of: impl Fn(&str) -> String) -> BTreeMap<String, String> {
        self.routes
            .languages()
            .iter()
            .map(|lang| (lang.clone(), path_of(lang)))
            .collect()
    }

    fn page<T: Serialize>(
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

    fn root(&self) -> Result<OutputFile, Vec<Diagnostic>> {
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

    fn language_entries(&self) -> Vec<LanguageEntry> {
        self.routes
            .languages()
            .iter()
            .map(|code| LanguageEntry {
                code: code.clone(),
                name: self.label(code, "language.name"),
                title: self.text(code, self.site.config.title.text(code)),
                description: self.text(code, self.site.config.description.text(code)),
                url: self.routes.link(&self.routes.home(code)),
            })
            .collect()
    }

    fn not_found(&self) -> Result<OutputFile, Vec<Diagnostic>> {
        let lang = self.routes.default_language().to_string();
        let alternates = self.alternates(|l| self.routes.home(l));
        let title = self.label(&lang, "nav.home");
        let layout = self.layout(&lang, "not-found", title, String::new(), alternates);
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

    fn home(&self, lang: &str) -> Result<OutputFile, Vec<Diagnostic>> {
        let config = &self.site.config;
        let alternates = self.alternates(|l| self.routes.home(l));
        let layout = self.layout(
            lang,
            "home",
            self.text(lang, config.title.text(lang)),
            self.text(lang, config.description.text(lang)),
            alternates,
        );
        let mut practices = self.cards(Section::Practices, lang, |key, l| {
            self.practice_card(key, l)
        });
        practices.sort_by(|a, b| b.date_iso.cmp(&a.date_iso).then(a.title.cmp(&b.title)));
        practices.truncate(6);
        let mut visits = self.cards(Section::Visits, lang, |key, l| self.visit_card(key, l));
        visits.truncate(3);
        let mut reports = self.cards(Section::Reports, lang, |key, l| self.report_card(key, l));
        reports.truncate(3);
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

    /// One card per document of `section`, in `lang` or its fallback.
    fn cards(
        &self,
        section: Section,
        lang: &str,
        card: impl Fn(&str, &str) -> Option<Card>,
    ) -> Vec<Card> {
        let mut cards: Vec<Card> = self
            .routes
            .document_keys(section)
            .filter_map(|key| card(key, lang))
            .collect();
        cards.sort_by(|a, b| {
            b.date_iso
                .cmp(&a.date_iso)
                .then_with(|| sort_key(&a.title).cmp(&sort_key(&b.title)))
        });
        cards
    }

    fn shown<'d, M>(
        &self,
        documents: &'d [Document<M>],
        section: Section,
        key: &str,
        lang: &str,
    ) -> Option<&'d Document<M>> {
        let shown = self.routes.shown_language(section, key, lang)?;
        documents.iter().find(|d| d.key == key && d.lang == shown)
    }

    fn base_card<M: Meta>(
        &self,
        document: &Document<M>,
        section: Section,
        lang: &str,
    ) -> Option<Card> {
        let meta = &document.meta;
        Some(Card {
            title: self.text(&document.lang, &meta.title().value),
            summary: self.text(&document.lang, meta.summary().unwrap_or("")),
            url: self
                .routes
                .link(&self.routes.document(section, &document.key, lang)?),
            text_lang: (document.lang != lang).then(|| document.lang.clone()),
            facts: Vec::new(),
            date: Some(meta.updated().value.long(lang)),
            date_iso: Some(meta.updated().value.to_string()),
        })
    }

    fn practice_card(&self, key: &str, lang: &str) -> Option<Card> {
        let practice = self.shown(
            &self.site.documents.practices,
            Section::Practices,
            key,
            lang,
        )?;
        let mut card = self.base_card(practice, Section::Practices, lang)?;
        let facts = self.practice_facts(practice, lang);
        if let Some(pes) = facts.pes {
            card.facts.push(format!("{} ({})", pes.name, pes.country));
        }
        card.facts.push(facts.period);
        card.facts.push(facts.status.label);
        card.facts.extend(
            facts
                .areas
                .into_iter()
                .map(|a| format!("{} · {}", a.id, a.label)),
        );
        Some(card)
    }

    fn visit_card(&self, key: &str, lang: &str) -> Option<Card> {
        let visit = self.shown(&self.site.documents.visits, Section::Visits, key, lang)?;
        let mut card = self.base_card(visit, Section::Visits, lang)?;
        let meta = &visit.meta;
        card.facts.push(meta.location.clone());
        card.date = Some(date_range(meta.start_date.value, meta.end_date.value, lang));
        card.date_iso = Some(meta.start_date.value.to_string());
        Some(card)
    }

    fn report_card(&self, key: &str, lang: &str) -> Option<Card> {
        let report = self.shown(&self.site.documents.reports, Section::Reports, key, lang)?;
        let mut card = self.base_card(report, Section::Reports, lang)?;
        card.date = Some(report.meta.date.value.long(lang));
        card.date_iso = Some(report.meta.date.value.to_string());
        Some(card)
    }

    fn listing(&self, listing: Listing, lang: &str) -> Result<OutputFile, Vec<Diagnostic>> {
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
                    format!("themes/{}/i18n/{lang}.yaml", self.site.config.theme),
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
                let mut cards = match listing {
                    Listing::Practices => {
                        self.cards(Section::Practices, lang, |k, l| self.practice_card(k, l))
                    }
                    Listing::Visits => {
                        self.cards(Section::Visits, lang, |k, l| self.visit_card(k, l))
                    }
                    _ => self.cards(Section::Reports, lang, |k, l| self.report_card(k, l)),
                };
                if listing == Listing::Practices {
                    cards.sort_by_key(|card| sort_key(&card.title));
                }
                self.page("list.html", path, &layout, CardList { items: cards })
            }
        }
    }

    fn pes_link(&self, id: &str, lang: &str) -> Option<PesLink> {
        let pes = self.site.data.pes_by_id(id)?;
        Some(PesLink {
            id: id.to_string(),
            name: pes.name.text(lang).to_string(),
            acronym: pes.acronym.clone(),
            country: pes.country.value.clone(),
            url: self.routes.link(&self.routes.pes(id, lang)),
        })
    }

    fn pes_row(&self, pes: &crate::model::data::Pes, lang: &str) -> PesRow {
        let id = pes.id.value.as_str();
        let documents = &self.site.documents;
        let count_keys = |keys: Vec<&str>| {
            let mut keys = keys;
            keys.sort_unstable();
            keys.dedup();
            keys.len()
        };
        PesRow {
            pes: self
                .pes_link(id, lang)
                .unwrap_or_else(|| unreachable_pes(id)),
            cluster: self
                .site
                .data
                .cluster_by_id(&pes.cluster.value)
                .map(|c| c.name.text(lang).to_string())
                .unwrap_or_default(),
            network: pes.network.clone(),
            practices: count_keys(
                documents
                    .practices
                    .iter()
                    .filter(|p| p.meta.pes.value == id)
                    .map(|p| p.key.as_str())
                    .collect(),
            ),
            visits: count_keys(
                documents
                    .visits
                    .iter()
                    .filter(|v| v.meta.host.value == id)
                    .map(|v| v.key.as_str())
                    .collect(),
            ),
        }
    }

    fn document(
        &self,
        section: Section,
        key: &str,
        lang: &str,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let documents = &self.site.documents;
        match section {
            Section::Practices => {
                let practice = self
                    .shown(&documents.practices, section, key, lang)
                    .ok_or_else(Vec::new)?;
                let facts = self.practice_facts(practice, lang);
                self.document_page("practice.html", "practice", practice, section, lang, facts)
            }
            Section::Visits => {
                let visit = self
                    .shown(&documents.visits, section, key, lang)
                    .ok_or_else(Vec::new)?;
                let facts = self.visit_facts(visit, lang);
                self.document_page("visit.html", "visit", visit, section, lang, facts)
            }
            Section::Reports => {
                let report = self
                    .shown(&documents.reports, section, key, lang)
                    .ok_or_else(Vec::new)?;
                #[derive(Serialize)]
                struct ReportFacts {
                    date: String,
                    date_iso: String,
                }
                let facts = ReportFacts {
                    date: report.meta.date.value.long(lang),
                    date_iso: report.meta.date.value.to_string(),
                };
                self.document_page("report.html", "report", report, section, lang, facts)
            }
            Section::Pages => {
                let page = self
                    .shown(&documents.pages, section, key, lang)
                    .ok_or_else(Vec::new)?;
                self.document_page("page.html", "page", page, section, lang, ())
            }
        }
    }

    fn document_page<M: Meta, F: Serialize>(
        &self,
        template: &str,
        kind: &'static str,
        document: &Document<M>,
        section: Section,
        lang: &str,
        facts: F,
    ) -> Result<OutputFile, Vec<Diagnostic>> {
        let context = markdown::Context {
            file: &document.file,
            body_offset: document.body_offset,
            page_lang: lang,
            text_lang: &document.lang,
            routes: &self.routes,
            allow_raw_html: self.site.config.options.allow_raw_html,
        };
        let (rendered, problems) = markdown::render(document.body(), &context);
        // A fallback page repeats the original's body: report its links once, from the original.
        if !problems.is_empty() {
            return Err(if document.lang == lang {
                problems
            } else {
                Vec::new()
            });
        }
        let meta = &document.meta;
        let alternates = self.alternates(|l| {
            self.routes
                .document(section, &document.key, l)
                .unwrap_or_else(|| self.routes.home(l))
        });
        let title = self.text(&document.lang, &meta.title().value);
        let summary = self.text(&document.lang, meta.summary().unwrap_or(""));
        let mut layout = self.layout(lang, kind, title.clone(), summary.clone(), alternates);
        if document.lang != lang {
            layout.notice = Some(TranslationNotice {
                shown_lang: document.lang.clone(),
                shown_lang_name: self.label(&document.lang, "language.name"),
            });
        }
        #[derive(Serialize)]
        struct DocumentPage<F: Serialize> {
            doc: DocView,
            facts: F,
        }
        let doc = DocView {
            title,
            summary,
            html: Value::from_safe_string(rendered.html),
            headings: rendered.headings,
            updated: meta.updated().value.long(lang),
            updated_iso: meta.updated().value.to_string(),
            text_lang: document.lang.clone(),
        };
        let path = self
            .routes
            .document(section, &document.key, lang)
            .unwrap_or_default()
            + "index.html";
        self.page(template, path, &layout, DocumentPage { doc, facts })
    }

    fn practice_facts(&self, practice: &Document<PracticeMeta>, lang: &str) -> PracticeFacts {
        let meta = &practice.meta;
        let areas = meta
            .areas
            .iter()
            .map(|area| Labelled {
                id: area.value.clone(),
                label: self
                    .site
                    .data
                    .area_by_id(&area.value)
                    .map(|a| a.name.text(lang).to_string())
                    .unwrap_or_default(),
            })
            .collect();
        let target_groups = meta
            .target_groups
            .iter()
            .map(|group| Labelled {
                id: group.value.clone(),
                label: self.label(lang, &format!("target_group.{}", group.value)),
            })
            .collect();
        let period = match &meta.end_year {
            Some(end) if end.value != meta.start_year.value => {
                format!("{}–{}", meta.start_year.value, end.value)
            }
            Some(_) => meta.start_year.value.to_string(),
            None => format!(
                "{} {}",
                self.label(lang, "practice.since"),
                meta.start_year.value
            ),
        };
        PracticeFacts {
            pes: self.pes_link(&meta.pes.value, lang),
            areas,
            target_groups,
            period,
            status: Labelled {
                id: meta.status.key().to_string(),
                label: self.label(lang, &format!("status.{}", meta.status.key())),
            },
            results: meta.results.as_ref().map(|r| self.text(&practice.lang, r)),
            contact: meta.contact.clone(),
        }
    }

    fn visit_facts(&self, visit: &Document<VisitMeta>, lang: &str) -> VisitFacts {
        let meta = &visit.meta;
        let p = &meta.participants;
        let participants: Vec<Count> = [
            ("visit.officials", p.officials),
            ("visit.experts", p.experts),
            ("visit.observers", p.observers),
            ("visit.coordinators", p.coordinators),
        ]
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(key, count)| Count {
            label: self.label(lang, key),
            count,
        })
        .collect();
        let text_list =
            |items: &[String]| items.iter().map(|i| self.text(&visit.lang, i)).collect();
        VisitFacts {
            host: self.pes_link(&meta.host.value, lang),
            dates: date_range(meta.start_date.value, meta.end_date.value, lang),
            start_iso: meta.start_date.value.to_string(),
            end_iso: meta.end_date.value.to_string(),
            location: meta.location.clone(),
            organiser: meta.organiser.clone(),
            participants_total: p.officials + p.experts + p.observers + p.coordinators,
            participants,
            experts: meta.experts.clone(),
            partners: meta.partners.clone(),
            objectives: text_list(&meta.objectives),
            kpis: text_list(&meta.kpis),
            next_steps: text_list(&meta.next_steps),
        }
    }

    fn pes_profile(&self, id: &str, lang: &str) -> Result<OutputFile, Vec<Diagnostic>> {
        let data = &self.site.data;
        let Some(pes) = data.pes_by_id(id) else {
            return Err(Vec::new());
        };
        let link = self
            .pes_link(id, lang)
            .unwrap_or_else(|| unreachable_pes(id));
        let alternates = self.alternates(|l| self.routes.pes(id, l));
        let description = data
            .cluster_by_id(&pes.cluster.value)
            .map(|c| c.name.text(lang).to_string())
            .unwrap_or_default();
        let layout = self.layout(lang, "pes", link.name.clone(), description, alternates);
        let cluster = data.cluster_by_id(&pes.cluster.value);
        let peers = data
            .pes
            .iter()
            .filter(|other| other.cluster.value == pes.cluster.value && other.id.value != id)
            .filter_map(|other| self.pes_link(&other.id.value, lang))
            .collect();
        let practices = self.cards(Section::Practices, lang, |key, l| {
            let practice =
                self.shown(&self.site.documents.practices, Section::Practices, key, l)?;
            (practice.meta.pes.value == id)
                .then(|| self.practice_card(key, l))
                .flatten()
        });
        let visits = self.cards(Section::Visits, lang, |key, l| {
            let visit = self.shown(&self.site.documents.visits, Section::Visits, key, l)?;
            (visit.meta.host.value == id)
                .then(|| self.visit_card(key, l))
                .flatten()
        });
        let profile = PesProfile {
            network: pes.network.clone(),
            cluster: cluster.map(|c| Labelled {
                id: c.id.value.clone(),
                label: c.name.text(lang).to_string(),
            }),
            cluster_description: cluster
                .map(|c| self.text(lang, c.description.text(lang)))
                .unwrap_or_default(),
            website: pes
                .website
                .as_ref()
                .map(|w| w.value.clone())
                .filter(|w| crate::validate::data::is_web_url(w)),
            peers,
            indicators: self.latest_values(id, lang),
            assessment: self.latest_assessment(id, lang),
            practices,
            visits,
            pes: link,
        };
        self.page(
            "pes.html",
            self.routes.pes(id, lang) + "index.html",
            &layout,
            profile,
        )
    }

    fn latest_values(&self, id: &str, lang: &str) -> Vec<IndicatorValue> {
        let data = &self.site.data;
        data.indicators
            .iter()
            .filter_map(|indicator| {
                let latest = data
                    .observations
                    .iter()
                    .filter(|o| {
                        o.pes.value == id
                            && o.indicator.value == indicator.id.value
                            && o.breakdown.is_empty()
                    })
                    .max_by_key(|o| o.year.value)?;
                Some(IndicatorValue {
                    name: indicator.name.text(lang).to_string(),
                    value: format::value(latest.value.value, indicator.unit, lang),
                    year: latest.year.value,
                })
            })
            .collect()
    }

    fn latest_assessment(&self, id: &str, lang: &str) -> Option<AssessmentView> {
        let data = &self.site.data;
        let assessment = data
            .assessments
            .iter()
            .filter(|a| a.pes == id)
            .max_by(|a, b| a.cycle.cmp(&b.cycle))?;
        let areas = data
            .areas
            .iter()
            .filter_map(|area| {
                let scores: Vec<_> = assessment
                    .body
                    .scores
                    .iter()
                    .filter(|s| area.enablers.iter().any(|e| e.id.value == s.enabler.value))
                    .collect();
                if scores.is_empty() {
                    return None;
                }
                let mean = |pick: &dyn Fn(&crate::model::data::Score) -> i64| {
                    scores.iter().map(|s| pick(s) as f64).sum::<f64>() / scores.len() as f64
                };
                Some(AreaScore {
                    id: area.id.value.clone(),
                    name: area.name.text(lang).to_string(),
                    self_score: format::number(mean(&|s| s.self_score.value), 1, lang),
                    peer_score: format::number(mean(&|s| s.peer.value), 1, lang),
                })
            })
            .collect();
        let list = |field: &Option<crate::model::text::Translated<Vec<String>>>| {
            field
                .as_ref()
                .and_then(|f| f.get(lang))
                .cloned()
                .unwrap_or_default()
        };
        Some(AssessmentView {
            cycle: assessment.cycle.clone(),
            areas,
            strengths: list(&assessment.body.strengths),
            improvements: list(&assessment.body.improvements),
        })
    }
}

/// Ids reach rendering only after validation found them, so this cannot happen.
fn unreachable_pes(id: &str) -> PesLink {
    PesLink {
        id: id.to_string(),
        name: id.to_string(),
        acronym: String::new(),
        country: String::new(),
        url: String::new(),
    }
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
    if start == end {
        start.long(lang)
    } else {
        format!("{} – {}", start.long(lang), end.long(lang))
    }
}
