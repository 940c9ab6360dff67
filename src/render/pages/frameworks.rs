//! Performance framework pages: KPIs grouped by pillar with baseline, targets, actuals and
//! progress, and the activity plan with its status.

use crate::model::lang::Lang;
use serde::Serialize;

use crate::analysis::progress;
use crate::diagnostics::Diagnostics;
use crate::model::data::{Framework, Kpi};
use crate::render::charts::{self, Meta};
use crate::render::family::Family;
use crate::render::files::datasets::{Dataset, DatasetLink};
use crate::render::files::dictionary::{ColumnGuide, DataFile};
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::{FrameworkLink, Labelled, PesLink};
use crate::render::{Change, Context, OutputFile};

#[derive(Debug, Serialize)]
struct IndexPage {
    frameworks: Vec<FrameworkLink>,
    downloads: Vec<DatasetLink>,
    /// What the columns of the downloads hold, in the page's language.
    column_guide: Option<ColumnGuide>,
}

#[derive(Debug, Serialize)]
struct FrameworkPage {
    pes: Option<PesLink>,
    title: String,
    pillars: Vec<PillarView>,
    activities: Vec<ActivityRow>,
    /// Where the activity plan comes from.
    activities_provenance: Option<Provenance>,
    index_url: String,
}

#[derive(Debug, Serialize)]
struct PillarView {
    id: String,
    name: String,
    kpis: Vec<KpiView>,
}

#[derive(Debug, Serialize)]
struct KpiView {
    id: String,
    name: String,
    formula: Option<String>,
    unit: String,
    baseline: String,
    baseline_year: i32,
    years: Vec<KpiYearRow>,
    latest: Option<Latest>,
    source: Option<String>,
    owner: Option<String>,
    /// Where the KPI's figures come from, under its table.
    provenance: Option<Provenance>,
}

#[derive(Debug, Serialize)]
struct KpiYearRow {
    year: i32,
    target: Cell,
    actual: Cell,
    progress: Cell,
}

#[derive(Debug, Serialize)]
struct Latest {
    year: i32,
    progress: String,
    bar: Figure,
    reached: bool,
}

#[derive(Debug, Serialize)]
struct ActivityRow {
    name: String,
    kpi: Option<String>,
    responsible: String,
    /// Absent for a step planned without a date.
    due: Option<String>,
    due_iso: String,
    status: Labelled,
}

/// The performance framework pages: their list and each PES's framework, in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frameworks;

/// One framework page.
#[derive(Debug)]
pub(crate) enum FrameworksPage {
    /// The list of frameworks, in a language.
    Index(Lang),
    /// A framework (its place among the frameworks), in a language.
    Framework(usize, Lang),
}

impl Family for Frameworks {
    type Page = FrameworksPage;

    fn pages(self, cx: &Context<'_>) -> Vec<FrameworksPage> {
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            pages.push(FrameworksPage::Index(lang.clone()));
            pages.extend(
                cx.site
                    .data
                    .frameworks
                    .iter()
                    .enumerate()
                    .map(|(index, _)| FrameworksPage::Framework(index, lang.clone())),
            );
        }
        pages
    }

    fn template(self, page: &FrameworksPage) -> Option<&'static str> {
        Some(match page {
            FrameworksPage::Index(_) => "frameworks.html",
            FrameworksPage::Framework(..) => "framework.html",
        })
    }

    fn shows(self, _: &FrameworksPage, change: &Change) -> bool {
        change.reaches_figures()
    }

    fn render(self, cx: &Context<'_>, page: &FrameworksPage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            FrameworksPage::Index(lang) => Self::frameworks_index(cx, template, lang),
            FrameworksPage::Framework(index, lang) => {
                Self::framework_page(cx, template, &cx.site.data.frameworks[*index], lang)
            }
        }
    }
}

impl Frameworks {
    fn frameworks_index(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let mut frameworks: Vec<FrameworkLink> = cx
            .site
            .data
            .frameworks
            .iter()
            .map(|f| cx.framework_link(f, lang))
            .collect();
        frameworks.sort_by(|a, b| a.url.cmp(&b.url));
        let title = cx.label(lang, "bench.frameworks_title");
        let description = cx.label(lang, "bench.frameworks_intro");
        let alternates = cx.alternates(|l| cx.routes.frameworks(l));
        let layout = cx.layout(lang, "frameworks", title, description, alternates);
        cx.page(
            template,
            cx.routes.frameworks(lang) + "index.html",
            &layout,
            IndexPage {
                frameworks,
                downloads: cx.dataset_links(&[Dataset::Kpis, Dataset::Activities], lang),
                column_guide: cx.column_guide(
                    &[
                        DataFile::Of(Dataset::Kpis),
                        DataFile::Of(Dataset::Activities),
                    ],
                    lang,
                ),
            },
        )
    }

    fn framework_page(
        cx: &Context<'_>,
        template: &'static str,
        framework: &Framework,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let pes = framework.pes.as_str();
        let body = &framework.body;
        let pillars = body
            .pillars
            .iter()
            .map(|pillar| PillarView {
                id: pillar.id.value.clone(),
                name: cx.text(lang, pillar.name.text(lang)),
                kpis: pillar
                    .kpis
                    .iter()
                    .map(|k| Self::kpi_view(cx, framework, k, lang))
                    .collect(),
            })
            .collect();
        let kpi_name = |id: &str| {
            body.pillars
                .iter()
                .flat_map(|p| p.kpis.iter())
                .find(|k| k.id.value == id)
                .map(|k| cx.text(lang, k.name.text(lang)))
        };
        let activities = body
            .activities
            .iter()
            .map(|activity| {
                let status = activity.status.key();
                ActivityRow {
                    name: cx.text(lang, activity.name.text(lang)),
                    kpi: activity.kpi.as_ref().and_then(|k| kpi_name(&k.value)),
                    responsible: cx.text(lang, activity.responsible.text(lang)),
                    due: activity.due.map(|due| cx.formats(lang).date(due)),
                    due_iso: activity.due.map(|due| due.to_string()).unwrap_or_default(),
                    status: Labelled {
                        id: status.to_string(),
                        label: cx.label(lang, &format!("bench.activity.{status}")),
                    },
                }
            })
            .collect();
        let title = cx.text(lang, body.title.text(lang));
        let alternates = cx.alternates(|l| cx.routes.framework(pes, l));
        let mut shown = Shown::default();
        shown.activities(framework);
        let activities_provenance = cx.provenance(lang, &shown);
        let mut layout = cx.layout(lang, "framework", title.clone(), String::new(), alternates);
        layout.illustrative = cx.is_illustrative(&framework.dataset);
        cx.page(
            template,
            cx.routes.framework(pes, lang) + "index.html",
            &layout,
            FrameworkPage {
                pes: cx.pes_link(pes, lang),
                title,
                pillars,
                activities,
                activities_provenance,
                index_url: cx.routes.link(&cx.routes.frameworks(lang)),
            },
        )
    }

    fn kpi_view(cx: &Context<'_>, framework: &Framework, kpi: &Kpi, lang: &Lang) -> KpiView {
        let mut shown = Shown::default();
        shown.kpi(framework, kpi);
        let provenance = cx.provenance(lang, &shown);
        let fmt = |v: f64| cx.value(lang, v, kpi.value_format());
        let share = |p: f64| cx.share(lang, p);
        let name = cx.text(lang, kpi.name.text(lang));
        let latest = progress::latest(kpi).and_then(|latest| {
            let ratio = latest.progress?;
            let text = share(ratio);
            let meta = Meta {
                id: format!("progress-{}", kpi.id.value),
                title: format!("{name} — {}", latest.year),
                desc: format!("{} {text}", cx.label(lang, "bench.progress")),
                provenance: Provenance::chart_line(provenance.as_ref()),
            };
            Some(Latest {
                year: latest.year,
                bar: Figure::new(
                    charts::progress_bar(&meta, progress::clamped(ratio), &text),
                    meta.title.clone(),
                    provenance.clone(),
                ),
                progress: text,
                reached: ratio >= 1.0,
            })
        });
        KpiView {
            id: kpi.id.value.clone(),
            formula: kpi.formula.as_ref().map(|f| cx.text(lang, f.text(lang))),
            unit: cx.unit_label(kpi.unit, lang),
            baseline: fmt(kpi.baseline.value),
            baseline_year: kpi.baseline.year.value,
            years: progress::years(kpi)
                .into_iter()
                .map(|y| KpiYearRow {
                    year: y.year,
                    target: Cell::number(y.target, fmt),
                    actual: Cell::number(y.actual, fmt),
                    progress: Cell::number(y.progress, share),
                })
                .collect(),
            latest,
            source: kpi.source.as_ref().map(|s| cx.text(lang, s.text(lang))),
            owner: kpi.owner.as_ref().map(|o| cx.text(lang, o.text(lang))),
            provenance,
            name,
        }
    }
}
