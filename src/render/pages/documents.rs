//! Document pages: good practices, study visits, reports and free pages.

use crate::diagnostics::Diagnostics;
use crate::model::documents::Document;
use crate::model::documents::Meta;
use crate::model::documents::Section;
use crate::model::documents::VisitMeta;
use crate::model::lang::Lang;
use crate::render::engine::markdown;
use crate::render::family::Family;
use crate::render::views::{Count, DocView, TranslationNotice, VisitFacts};
use crate::render::OutputFile;
use crate::render::{Change, Context, DataFile};
use minijinja::Value;
use serde::Serialize;

/// The page of each document in each language: good practices, study visits, reports and
/// free pages. A document missing in a language is shown in another, with a notice.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Documents;

/// A document's page in one language.
#[derive(Debug)]
pub(crate) struct DocumentPage {
    section: Section,
    key: String,
    lang: Lang,
    /// The place, in its section's list, of the version the page shows: the page's own
    /// language, or the fallback's.
    shown: usize,
}

impl Family for Documents {
    type Page = DocumentPage;

    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page> {
        let sections = [
            Section::Practices,
            Section::Visits,
            Section::Reports,
            Section::Pages,
        ];
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            for section in sections {
                pages.extend(cx.routes.document_keys(section).filter_map(|key| {
                    Some(DocumentPage {
                        section,
                        key: key.to_string(),
                        lang: lang.clone(),
                        shown: cx.shown_position(section, key, lang)?,
                    })
                }));
            }
        }
        pages
    }

    fn template(self, page: &Self::Page) -> Option<&'static str> {
        Some(match page.section {
            Section::Practices => "practice.html",
            Section::Visits => "visit.html",
            Section::Reports => "report.html",
            Section::Pages => "page.html",
        })
    }

    fn shows(self, page: &Self::Page, change: &Change) -> bool {
        let DocumentPage { section, key, .. } = page;
        match change {
            // Every language: the other translation's switcher and notice point at this one.
            Change::Document {
                section: changed,
                key: changed_key,
                ..
            } if changed == section && changed_key == key => true,
            // A practice's facts name its areas and indicators.
            Change::Data(DataFile::Areas | DataFile::Indicators) => *section == Section::Practices,
            change => change.reaches_every_page(),
        }
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        Self::document(cx, self.template(page).unwrap_or_default(), page)
    }
}

impl Documents {
    fn document(
        cx: &Context<'_>,
        template: &'static str,
        page: &DocumentPage,
    ) -> Result<OutputFile, Diagnostics> {
        let DocumentPage {
            section,
            lang,
            shown,
            ..
        } = page;
        let section = *section;
        let documents = &cx.site.documents;
        match section {
            Section::Practices => {
                let practice = &documents.practices[*shown];
                let facts = cx.practice_facts(practice, lang);
                Self::document_page(cx, template, "practice", practice, section, lang, facts)
            }
            Section::Visits => {
                let visit = &documents.visits[*shown];
                let facts = Self::visit_facts(cx, visit, lang);
                Self::document_page(cx, template, "visit", visit, section, lang, facts)
            }
            Section::Reports => {
                let report = &documents.reports[*shown];
                #[derive(Serialize)]
                struct ReportFacts {
                    date: String,
                    date_iso: String,
                }
                let facts = ReportFacts {
                    date: cx.formats(lang).date(report.meta.date.value),
                    date_iso: report.meta.date.value.to_string(),
                };
                Self::document_page(cx, template, "report", report, section, lang, facts)
            }
            Section::Pages => {
                let page = &documents.pages[*shown];
                Self::document_page(cx, template, "page", page, section, lang, ())
            }
        }
    }

    fn document_page<M: Meta, F: Serialize>(
        cx: &Context<'_>,
        template: &str,
        kind: &'static str,
        document: &Document<M>,
        section: Section,
        lang: &Lang,
        facts: F,
    ) -> Result<OutputFile, Diagnostics> {
        let context = markdown::Context {
            file: &document.file,
            body_offset: document.body_offset,
            page_lang: lang,
            text_lang: &document.lang,
            routes: &cx.routes,
            allow_raw_html: cx.site.config.options.allow_raw_html,
        };
        let (rendered, problems) = markdown::render(document.body(), &context);
        // A fallback page repeats the original's body: report its links once, from the original.
        if !problems.is_empty() {
            return Err(if document.lang == lang {
                Diagnostics::from(problems)
            } else {
                Diagnostics::default()
            });
        }
        let meta = &document.meta;
        let alternates = cx.alternates(|l| {
            cx.routes
                .document(section, &document.key, l)
                .unwrap_or_else(|| cx.routes.home(l))
        });
        let title = cx.text(&document.lang, &meta.title().value);
        let summary = cx.text(&document.lang, meta.summary().unwrap_or(""));
        let mut layout = cx.layout(lang, kind, title.clone(), summary.clone(), alternates);
        layout.draft = meta.draft();
        layout.illustrative = meta
            .illustrative()
            .unwrap_or(cx.site.config.options.illustrative_data);
        layout.index = cx.document_record(section, &document.key, lang);
        layout.publishing.structured_data = cx
            .document_structured_data(section, &document.key, lang)
            .map(|value| crate::render::views::head::script_value(&value));
        if document.lang != lang {
            layout.notice = Some(TranslationNotice {
                shown_lang: document.lang.clone(),
                shown_lang_name: cx.label(&document.lang, "language.name"),
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
            updated: cx.formats(lang).date(meta.updated().value),
            updated_iso: meta.updated().value.to_string(),
            text_lang: document.lang.clone(),
        };
        let path = cx
            .routes
            .document(section, &document.key, lang)
            .unwrap_or_default()
            + "index.html";
        cx.page(template, path, &layout, DocumentPage { doc, facts })
    }

    fn visit_facts(cx: &Context<'_>, visit: &Document<VisitMeta>, lang: &Lang) -> VisitFacts {
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
            label: cx.label(lang, key),
            count,
        })
        .collect();
        let text_list = |items: &[String]| items.iter().map(|i| cx.text(&visit.lang, i)).collect();
        VisitFacts {
            host: cx.pes_link(&meta.host.value, lang),
            dates: cx
                .formats(lang)
                .date_range(meta.start_date.value, meta.end_date.value),
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
}
