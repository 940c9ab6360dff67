//! Document pages: good practices, study visits, reports and free pages.

use crate::diagnostics::Diagnostics;
use crate::model::documents::Document;
use crate::model::documents::Meta;
use crate::model::documents::Quote;
use crate::model::documents::Section;
use crate::model::documents::VisitMeta;
use crate::model::lang::Lang;
use crate::render::engine::markdown;
use crate::render::family::Family;
use crate::render::files::citations::{Cited, CITED_SECTIONS};
use crate::render::views::citation::CiteView;
use crate::render::views::quotes::Quotes;
use crate::render::views::{
    Count, DocView, LeadGroupView, NamedLink, PageFacts, QuoteView, TranslationNotice, VisitFacts,
};
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
    /// Whether its body may quote figures from the data, which a change of the data changes.
    quotes_figures: bool,
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
                    let shown = cx.shown_position(section, key, lang)?;
                    Some(DocumentPage {
                        section,
                        key: key.to_string(),
                        lang: lang.clone(),
                        shown,
                        quotes_figures: Self::body(cx, section, shown).contains("{{"),
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
        let DocumentPage {
            section,
            key,
            quotes_figures,
            ..
        } = page;
        match change {
            // Every language: the other translation's switcher and notice point at this one.
            Change::Document {
                section: changed,
                key: changed_key,
                ..
            } if changed == section && changed_key == key => true,
            // A practice's facts name its areas and indicators.
            Change::Data(DataFile::Areas | DataFile::Indicators)
                if *section == Section::Practices =>
            {
                true
            }
            // A visit's facts name the performance framework that came out of it.
            Change::Measures if *section == Section::Visits => true,
            // Figures quoted in the text come from the data.
            change if *quotes_figures && change.reaches_figures() => true,
            change => change.reaches_every_page(),
        }
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        Self::document(cx, self.template(page).unwrap_or_default(), page)
    }
}

impl Documents {
    /// The Markdown body of the document at `shown` in `section`'s list.
    fn body<'c>(cx: &'c Context<'_>, section: Section, shown: usize) -> &'c str {
        let documents = &cx.site.documents;
        let body = match section {
            Section::Practices => documents.practices.get(shown).map(Document::body),
            Section::Visits => documents.visits.get(shown).map(Document::body),
            Section::Reports => documents.reports.get(shown).map(Document::body),
            Section::Pages => documents.pages.get(shown).map(Document::body),
        };
        body.unwrap_or_default()
    }

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
                let facts = PageFacts {
                    quote: page
                        .meta
                        .quote
                        .as_ref()
                        .map(|quote| Self::quote(cx, quote, &page.lang)),
                };
                Self::document_page(cx, template, "page", page, section, lang, facts)
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
        let quotes = Quotes {
            cx,
            text_lang: &document.lang,
            page_lang: lang,
        };
        let context = markdown::Context {
            file: &document.file,
            body_offset: document.body_offset,
            page_lang: lang,
            text_lang: &document.lang,
            routes: &cx.routes,
            allow_raw_html: cx.site.config.options.allow_raw_html,
            figures: &quotes,
        };
        let (rendered, problems) = markdown::render(document.body(), &context);
        // A fallback page repeats the original's body: report its links and figures once, from
        // the original.
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
            /// "Cite this page", on practices, visits and reports.
            citation: Option<CiteView>,
        }
        let cited = Cited::Document(section, document.key.clone());
        let citation = CITED_SECTIONS
            .contains(&section)
            .then(|| cx.cite_view(&cited, lang))
            .flatten();
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
        cx.page(
            template,
            path,
            &layout,
            DocumentPage {
                doc,
                facts,
                citation,
            },
        )
    }

    /// A quotation typeset in its own language, and its translation and source in the language
    /// of the file that quotes it (`text_lang`).
    fn quote(cx: &Context<'_>, quote: &Quote, text_lang: &Lang) -> QuoteView {
        let lang = quote
            .lang
            .as_ref()
            .map_or_else(|| text_lang.clone(), |lang| Lang::new(&lang.value));
        QuoteView {
            text: cx.text(&lang, &quote.text),
            lang,
            translation: quote.translation.as_ref().map(|t| cx.text(text_lang, t)),
            source: quote.source.as_ref().map(|s| cx.text(text_lang, s)),
        }
    }

    /// A link to the performance framework of `pes`, named by its title, if it has one
    /// (validation reports a visit naming a framework that does not exist).
    fn framework_link(cx: &Context<'_>, pes: &str, lang: &Lang) -> Option<NamedLink> {
        let framework = cx.site.data.frameworks.iter().find(|f| f.pes == pes)?;
        Some(NamedLink {
            name: cx.text(lang, framework.body.title.text(lang)),
            url: cx.routes.link(&cx.routes.framework(pes, lang)),
        })
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
            led_by: meta
                .led_by
                .iter()
                .map(|group| LeadGroupView {
                    role: cx.text(&visit.lang, &group.role),
                    count: group.names.len(),
                    names: group.names.clone(),
                })
                .collect(),
            framework: meta
                .framework
                .as_ref()
                .and_then(|pes| Self::framework_link(cx, &pes.value, lang)),
            partners: meta.partners.clone(),
            objectives: text_list(&meta.objectives),
            kpis: text_list(&meta.kpis),
            next_steps: text_list(&meta.next_steps),
        }
    }
}
