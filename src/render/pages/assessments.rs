//! Assessment pages: the index of cycles and areas, and per cycle the heatmap of peer scores
//! (PES × area), the distribution of scores per enabler and the self–peer gaps; or, in an
//! edition that keeps each PES's scores for members, how the scores spread in the network
//! and its peer groups.

use crate::model::lang::Lang;
use serde::Serialize;

use std::collections::BTreeMap;

use crate::analysis::maturity::{self, AreaMean};
use crate::diagnostics::Diagnostics;
use crate::model::data::ValueFormat;
use crate::render::charts::{self, Column, Heatmap, HeatmapRow, Meta};
use crate::render::family::Family;
use crate::render::files::datasets::{Dataset, DatasetLink};
use crate::render::files::dictionary::{ColumnGuide, DataFile};
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::maturity::EnablerRow;
use crate::render::views::provenance::Provenance;
use crate::render::views::spread::{GroupMedians, SpreadView};
use crate::render::views::PesLink;
use crate::render::{Change, Context, OutputFile};

#[derive(Serialize)]
struct IndexPage {
    cycles: Vec<CycleLink>,
    areas: Vec<AreaLink>,
    downloads: Vec<DatasetLink>,
    /// What the columns of the downloads hold, in the page's language.
    column_guide: Option<ColumnGuide>,
    /// Whether each PES's scores are kept for members, which the page says.
    scores_kept: bool,
}

#[derive(Serialize)]
struct CycleLink {
    cycle: String,
    url: String,
    assessed: usize,
}

#[derive(Serialize)]
pub(crate) struct AreaLink {
    pub id: String,
    pub name: String,
    pub url: String,
    pub enablers: usize,
}

#[derive(Serialize)]
struct CyclePage {
    cycle: String,
    areas: Vec<AreaLink>,
    /// Each PES's scores, in an edition that shows them.
    scores: Option<PesScores>,
    /// How the scores spread, in an edition that keeps each PES's for members; none when
    /// too few PES were assessed to show even the network's.
    spreads: Option<CycleSpreads>,
    /// Whether each PES's scores are kept for members, which the page says.
    scores_kept: bool,
    others: Vec<CycleLink>,
}

/// The spreads of a cycle: the median per peer group and area, and the quartiles per area
/// and per enabler.
#[derive(Serialize)]
struct CycleSpreads {
    groups: GroupMedians,
    areas: SpreadView,
    enablers: SpreadView,
}

#[derive(Serialize)]
struct PesScores {
    heatmap: Figure,
    rows: Vec<ScoreRow>,
    medians: Vec<Cell>,
    gap_rows: Vec<GapRow>,
    /// Where the cycle's scores come from, for the table of gaps (the figures carry it too).
    provenance: Option<Provenance>,
    distribution: Figure,
    enablers: Vec<EnablerRow>,
}

#[derive(Serialize)]
struct ScoreRow {
    pes: PesLink,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct GapRow {
    pes: PesLink,
    cells: Vec<GapCell>,
    overrated: usize,
}

#[derive(Serialize)]
struct GapCell {
    text: Option<String>,
    sort: String,
    /// Self-assessment above the peer assessment.
    over: bool,
}

/// The PES of a cycle's heatmap by peer group (in the order of the peer groups' file), then
/// by mean peer score, highest first, then by id: each group reads as a ranking.
fn by_group_then_score<'h>(
    cx: &Context<'_>,
    heat: &'h BTreeMap<String, Vec<AreaMean>>,
) -> Vec<(&'h String, &'h Vec<AreaMean>)> {
    let clusters = &cx.site.data.clusters;
    let group_rank = |pes: &str| {
        clusters
            .iter()
            .position(|c| c.id.value == cx.cluster_of(pes))
            .unwrap_or(clusters.len())
    };
    let mean = |means: &[AreaMean]| {
        means.iter().map(|m| m.peer_mean).sum::<f64>() / means.len().max(1) as f64
    };
    let mut order: Vec<_> = heat.iter().collect();
    order.sort_by(|a, b| {
        group_rank(a.0)
            .cmp(&group_rank(b.0))
            .then(mean(b.1).total_cmp(&mean(a.1)))
            .then(a.0.cmp(b.0))
    });
    order
}

/// The heat level of a mean maturity score: its rounded value, 1–6.
fn level(score: f64) -> u8 {
    score.round().clamp(1.0, 6.0) as u8
}

/// The assessment pages: the list of cycles and each cycle, in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Assessments;

/// One assessment page.
#[derive(Debug)]
pub(crate) enum AssessmentsPage {
    /// The list of cycles, in a language.
    Index(Lang),
    /// A cycle, in a language.
    Cycle(String, Lang),
}

impl Family for Assessments {
    type Page = AssessmentsPage;

    fn pages(self, cx: &Context<'_>) -> Vec<AssessmentsPage> {
        let cycles = maturity::cycles(&cx.site.data);
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            pages.push(AssessmentsPage::Index(lang.clone()));
            pages.extend(
                cycles
                    .iter()
                    .map(|cycle| AssessmentsPage::Cycle(cycle.clone(), lang.clone())),
            );
        }
        pages
    }

    fn template(self, page: &AssessmentsPage) -> Option<&'static str> {
        Some(match page {
            AssessmentsPage::Index(_) => "assessments.html",
            AssessmentsPage::Cycle(..) => "assessment.html",
        })
    }

    fn shows(self, _: &AssessmentsPage, change: &Change) -> bool {
        change.reaches_figures()
    }

    fn render(self, cx: &Context<'_>, page: &AssessmentsPage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            AssessmentsPage::Index(lang) => Self::assessments_index(cx, template, lang),
            AssessmentsPage::Cycle(cycle, lang) => {
                Self::assessment_cycle(cx, template, cycle, lang)
            }
        }
    }
}

impl Assessments {
    fn area_links(cx: &Context<'_>, lang: &Lang) -> Vec<AreaLink> {
        cx.site
            .data
            .areas
            .iter()
            .map(|area| AreaLink {
                id: area.id.value.clone(),
                name: area.name.text(lang).to_string(),
                url: cx.routes.link(&cx.routes.area(&area.id.value, lang)),
                enablers: area.enablers.len(),
            })
            .collect()
    }

    fn cycle_links(cx: &Context<'_>, lang: &Lang) -> Vec<CycleLink> {
        let data = &cx.site.data;
        maturity::cycles(data)
            .into_iter()
            .rev()
            .map(|cycle| CycleLink {
                url: cx.routes.link(&cx.routes.assessment_cycle(&cycle, lang)),
                assessed: maturity::in_cycle(data, &cycle).len(),
                cycle,
            })
            .collect()
    }

    fn assessments_index(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let title = cx.label(lang, "bench.nav_assessments");
        let description = cx.label(lang, "bench.assessments_intro");
        let alternates = cx.alternates(|l| cx.routes.assessments(l));
        let layout = cx.layout(lang, "assessments", title, description, alternates);
        cx.page(
            template,
            cx.routes.assessments(lang) + "index.html",
            &layout,
            IndexPage {
                cycles: Self::cycle_links(cx, lang),
                areas: Self::area_links(cx, lang),
                downloads: cx
                    .dataset_links(&[Dataset::Assessments, Dataset::AssessmentSpreads], lang),
                column_guide: cx.column_guide(
                    &[
                        DataFile::Of(Dataset::Assessments),
                        DataFile::Of(Dataset::AssessmentSpreads),
                    ],
                    lang,
                ),
                scores_kept: !cx.site.edition.pes_scores,
            },
        )
    }

    fn assessment_cycle(
        cx: &Context<'_>,
        template: &'static str,
        cycle: &str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let provenance = cx.cycle_provenance(cycle, lang);
        let areas = Self::area_links(cx, lang);
        let pes_scores = cx.site.edition.pes_scores;
        let title = format!("{} {cycle}", cx.label(lang, "bench.cycle_title"));
        let alternates = cx.alternates(|l| cx.routes.assessment_cycle(cycle, l));
        let description = cx.label(
            lang,
            if pes_scores {
                "bench.cycle_intro"
            } else {
                "spread.cycle_intro"
            },
        );
        let mut layout = cx.layout(lang, "assessment", title, description, alternates);
        layout.illustrative = provenance.as_ref().is_some_and(Provenance::is_illustrative);
        let page = CyclePage {
            cycle: cycle.to_string(),
            scores: pes_scores.then(|| Self::pes_scores(cx, cycle, &areas, &provenance, lang)),
            spreads: (!pes_scores && cx.shows_network_spread(cycle)).then(|| CycleSpreads {
                groups: cx.group_medians(cycle, provenance.as_ref(), lang),
                areas: cx.area_spreads(cycle, provenance.as_ref(), lang),
                enablers: cx.enabler_spreads(cycle, None, false, provenance.as_ref(), lang),
            }),
            scores_kept: !pes_scores,
            areas,
            others: Self::cycle_links(cx, lang)
                .into_iter()
                .filter(|c| c.cycle != cycle)
                .collect(),
        };
        cx.page(
            template,
            cx.routes.assessment_cycle(cycle, lang) + "index.html",
            &layout,
            page,
        )
    }

    /// Each PES's scores of `cycle`: the heatmap of peer scores, the gaps and the
    /// distribution per enabler.
    fn pes_scores(
        cx: &Context<'_>,
        cycle: &str,
        areas: &[AreaLink],
        provenance: &Option<Provenance>,
        lang: &Lang,
    ) -> PesScores {
        let data = &cx.site.data;
        let score = |v: f64| cx.value(lang, v, ValueFormat::SCORE);
        let heat = maturity::heatmap(data, cycle);
        let mut rows = Vec::new();
        let mut heat_rows = Vec::new();
        let mut gap_rows = Vec::new();
        for (pes, means) in by_group_then_score(cx, &heat) {
            let Some(link) = cx.pes_link(pes, lang) else {
                continue;
            };
            let find = |area: &str| means.iter().find(|m| m.area == area);
            heat_rows.push(HeatmapRow {
                label: cx.chart_label(pes, lang),
                full: cx.chart_name(pes, lang),
                group: data
                    .cluster_by_id(cx.cluster_of(pes))
                    .map(|c| c.name.text(lang).to_string()),
                pes: Some(pes.clone()),
                cells: areas
                    .iter()
                    .map(|a| find(&a.id).map(|m| (level(m.peer_mean), score(m.peer_mean))))
                    .collect(),
            });
            rows.push(ScoreRow {
                pes: link.clone(),
                cells: areas
                    .iter()
                    .map(|a| Cell::number(find(&a.id).map(|m| m.peer_mean), score))
                    .collect(),
            });
            let cells: Vec<GapCell> = areas
                .iter()
                .map(|a| {
                    let gap = find(&a.id).map(|m| m.gap());
                    GapCell {
                        text: gap.map(|g| cx.change(lang, g, ValueFormat::SCORE)),
                        sort: gap.map(|g| g.to_string()).unwrap_or_default(),
                        over: gap.is_some_and(|g| g >= 0.05),
                    }
                })
                .collect();
            gap_rows.push(GapRow {
                pes: link,
                overrated: cells.iter().filter(|c| c.over).count(),
                cells,
            });
        }
        let medians = areas
            .iter()
            .map(|a| Cell::number(maturity::area_median(data, cycle, &a.id), score))
            .collect();
        let heatmap = Heatmap {
            meta: Meta {
                id: "heatmap".to_string(),
                title: format!("{} {cycle}", cx.label(lang, "bench.heatmap_title")),
                desc: cx.label(lang, "bench.heatmap_desc"),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            columns: areas
                .iter()
                .map(|a| Column {
                    label: a.id.clone(),
                    full: Some(a.name.clone()),
                })
                .collect(),
            rows: heat_rows,
            legend_title: cx.label(lang, "bench.axis_score"),
            legend: (1..=6)
                .map(|s| (s, cx.formats(lang).integer(usize::from(s))))
                .collect(),
        };
        let enablers = cx.enabler_rows(cycle, None, lang);
        let distribution =
            cx.distribution_chart("distribution", cycle, &enablers, provenance.clone(), lang);
        PesScores {
            heatmap: Figure::new(
                charts::heatmap(&heatmap),
                heatmap.meta.title.clone(),
                provenance.clone(),
            ),
            rows,
            medians,
            gap_rows,
            provenance: provenance.clone(),
            distribution,
            enablers,
        }
    }
}
