//! Excellence-area pages: the area's enablers, how the network scores in it (each PES's
//! scores, or where each PES's are kept for members how the scores spread in the network and
//! its peer groups) and the good practices filed under it.

use crate::model::lang::Lang;
use std::cmp::Ordering;

use serde::Serialize;

use crate::analysis::maturity;
use crate::diagnostics::Diagnostics;
use crate::model::data::{Area, ValueFormat};
use crate::render::charts::{self, Bar, BarChart, Meta};
use crate::render::family::Family;
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::maturity::EnablerRow;
use crate::render::views::pager::{ListOf, Pager, Slice, CONTINUED_TEMPLATE};
use crate::render::views::provenance::Provenance;
use crate::render::views::spread::SpreadView;
use crate::render::views::{Card, PesLink};
use crate::render::{Change, Context, OutputFile};

#[derive(Serialize)]
struct AreaPage {
    id: String,
    name: String,
    cycle: Option<String>,
    cycle_url: Option<String>,
    scores: Option<Figure>,
    score_rows: Vec<AreaScoreRow>,
    median: Option<String>,
    distribution: Option<Figure>,
    enablers: Vec<EnablerRow>,
    /// How the latest cycle's scores spread, where each PES's are kept for members.
    spreads: Option<AreaSpreads>,
    /// Whether each PES's scores are kept for members, which the page says.
    scores_kept: bool,
    practices: Vec<Card>,
    pager: Option<Pager>,
    assessments_url: String,
}

/// The spread of an area's scores in the network and its peer groups, and of each of its
/// enablers'.
#[derive(Serialize)]
struct AreaSpreads {
    groups: SpreadView,
    enablers: SpreadView,
}

#[derive(Serialize)]
struct AreaScoreRow {
    pes: PesLink,
    peer: Cell,
    self_score: Cell,
}

/// The page of each excellence area, in each language, its practices cut into pages: the
/// first under the area's figures, the others on pages of their own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Areas;

impl Family for Areas {
    /// The area's place in `areas.yaml`, the language and the page of its practices.
    type Page = (usize, Lang, Slice);

    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page> {
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            for (index, area) in cx.site.data.areas.iter().enumerate() {
                let list = ListOf::Area(area.id.value.clone());
                pages.extend(
                    cx.slices(&list, lang)
                        .into_iter()
                        .map(|slice| (index, lang.clone(), slice)),
                );
            }
        }
        pages
    }

    fn template(self, (_, _, slice): &Self::Page) -> Option<&'static str> {
        Some(if slice.number == 1 {
            "area.html"
        } else {
            CONTINUED_TEMPLATE
        })
    }

    fn shows(self, (_, _, slice): &Self::Page, change: &Change) -> bool {
        // The first page shows the area's figures; every page the practices filed under it.
        (slice.number == 1 && change.reaches_figures()) || slice.shows(change)
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        let (index, lang, slice) = page;
        let area = &cx.site.data.areas[*index];
        if slice.number > 1 {
            let id = area.id.value.as_str();
            return cx.continued_list(
                Self::title(area, lang),
                cx.label(lang, "bench.area_practices"),
                slice,
                lang,
                |l| cx.routes.area(id, l),
            );
        }
        Self::area_page(
            cx,
            self.template(page).unwrap_or_default(),
            area,
            lang,
            slice,
        )
    }
}

impl Areas {
    /// The area's title: its letter and name (`A — Strategic performance management`).
    fn title(area: &Area, lang: &Lang) -> String {
        format!("{} — {}", area.id.value, area.name.text(lang))
    }

    fn area_page(
        cx: &Context<'_>,
        template: &'static str,
        area: &Area,
        lang: &Lang,
        slice: &Slice,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        let id = area.id.value.as_str();
        let name = area.name.text(lang).to_string();
        let cycle = maturity::cycles(data).pop();
        let score = |v: f64| cx.value(lang, v, ValueFormat::SCORE);
        let mut scores = None;
        let mut score_rows = Vec::new();
        let mut median = None;
        let mut distribution = None;
        let mut enablers = cx.enabler_rows("", Some(id), lang);
        let provenance = cycle.as_ref().and_then(|c| cx.cycle_provenance(c, lang));
        let pes_scores = cx.site.edition.pes_scores;
        let spreads = cycle
            .as_ref()
            .filter(|c| !pes_scores && cx.shows_network_spread(c))
            .map(|c| AreaSpreads {
                groups: cx.area_group_spreads(c, id, provenance.as_ref(), lang),
                enablers: cx.enabler_spreads(c, Some(id), true, provenance.as_ref(), lang),
            });
        if let Some(cycle) = cycle.as_ref().filter(|_| pes_scores) {
            let peer = maturity::peer_means_of_area(data, cycle, id);
            let heat = maturity::heatmap(data, cycle);
            let network_median = maturity::area_median(data, cycle, id);
            median = network_median.map(score);
            let mut order: Vec<(&String, f64)> = peer.iter().map(|(p, s)| (p, *s)).collect();
            order.sort_by(|a, b| {
                b.1.partial_cmp(&a.1)
                    .unwrap_or(Ordering::Equal)
                    .then(a.0.cmp(b.0))
            });
            let chart = BarChart {
                meta: Meta {
                    id: "area-scores".to_string(),
                    title: format!("{id} — {name} — {cycle}"),
                    desc: cx.label(lang, "bench.area_scores_desc"),
                    provenance: Provenance::chart_line(provenance.as_ref()),
                },
                bars: order
                    .iter()
                    .map(|(pes, value)| Bar {
                        label: cx.chart_label(pes, lang),
                        full: cx.chart_name(pes, lang),
                        value: Some(*value),
                        marker: None,
                        highlight: false,
                        pes: Some(pes.to_string()),
                    })
                    .collect(),
                reference: network_median,
                reference_label: cx.label(lang, "bench.network_median"),
                marker_label: String::new(),
                gap_label: cx.label(lang, "bench.no_data"),
                domain: Some((1.0, 6.0)),
            };
            scores = Some(Figure::new(
                charts::bar_chart(&chart, &cx.chart_numbers(lang, ValueFormat::SCORE)),
                chart.meta.title.clone(),
                provenance.clone(),
            ));
            score_rows = order
                .iter()
                .filter_map(|(pes, value)| {
                    let self_mean = heat
                        .get(*pes)?
                        .iter()
                        .find(|m| m.area == id)
                        .map(|m| m.self_mean);
                    Some(AreaScoreRow {
                        pes: cx.pes_link(pes, lang)?,
                        peer: Cell::number(Some(*value), score),
                        self_score: Cell::number(self_mean, score),
                    })
                })
                .collect();
            enablers = cx.enabler_rows(cycle, Some(id), lang);
            distribution = Some(cx.distribution_chart(
                "area-distribution",
                cycle,
                &enablers,
                provenance.clone(),
                lang,
            ));
        }
        let alternates = cx.paged_alternates(slice, |l| cx.routes.area(id, l));
        let title = Self::title(area, lang);
        let mut layout = cx.layout(lang, "area", title, name.clone(), alternates);
        let pager = cx.pager(&mut layout, &cx.routes.area(id, lang), slice, lang);
        layout.illustrative = provenance.as_ref().is_some_and(Provenance::is_illustrative);
        let page = AreaPage {
            id: id.to_string(),
            name,
            cycle_url: cycle
                .as_ref()
                .map(|c| cx.routes.link(&cx.routes.assessment_cycle(c, lang))),
            cycle,
            scores,
            score_rows,
            median,
            distribution,
            enablers,
            spreads,
            scores_kept: !pes_scores,
            practices: cx.slice_cards(slice, lang),
            pager,
            assessments_url: cx.routes.link(&cx.routes.assessments(lang)),
        };
        cx.page(
            template,
            cx.routes.area(id, lang) + "index.html",
            &layout,
            page,
        )
    }
}
