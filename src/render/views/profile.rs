//! The benchmarking part of a PES profile: where the PES stands on each indicator, its
//! maturity profile self vs peer, what it could learn from whom, and its framework.

use crate::model::lang::Lang;
use serde::Serialize;

use crate::analysis::series::IndicatorTable;
use crate::analysis::{learning, maturity};
use crate::model::data::ValueFormat;
use crate::render::charts::{self, Group, GroupedBars, Meta};
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::FrameworkLink;
use crate::render::views::{Card, PesLink};
use crate::render::Context;

/// How many good practices a learn-from suggestion lists, so a profile stays readable.
const PRACTICES_PER_AREA: usize = 3;

#[derive(Debug, Serialize)]
pub(crate) struct PesBench {
    standings: Vec<StandingRow>,
    maturity: Option<MaturityView>,
    learn_from: Vec<LearnView>,
    framework: Option<FrameworkLink>,
    indicators_url: String,
}

#[derive(Debug, Serialize)]
struct StandingRow {
    name: String,
    url: String,
    year: i32,
    value: String,
    cluster_rank: String,
    network_rank: String,
    change: Cell,
    sparkline: minijinja::Value,
}

#[derive(Debug, Serialize)]
struct MaturityView {
    cycle: String,
    chart: Figure,
    rows: Vec<MaturityRow>,
}

#[derive(Debug, Serialize)]
struct MaturityRow {
    id: String,
    name: String,
    url: String,
    self_score: String,
    peer_score: String,
    gap: String,
    over: bool,
}

#[derive(Debug, Serialize)]
struct LearnView {
    id: String,
    name: String,
    url: String,
    own: String,
    median: String,
    peers: Vec<LearnPeer>,
    practices: Vec<Card>,
}

#[derive(Debug, Serialize)]
struct LearnPeer {
    pes: PesLink,
    score: String,
    same_cluster: bool,
}

impl Context<'_> {
    pub(crate) fn pes_bench(&self, id: &str, lang: &Lang) -> PesBench {
        PesBench {
            standings: self.standings(id, lang),
            maturity: self.maturity(id, lang),
            learn_from: self.learn_views(id, lang),
            framework: self.framework_of(id, lang),
            indicators_url: self.routes.link(&self.routes.indicators(lang)),
        }
    }

    fn standings(&self, id: &str, lang: &Lang) -> Vec<StandingRow> {
        let data = &self.site.data;
        let cluster = self.cluster_of(id);
        data.indicators
            .iter()
            .filter_map(|indicator| {
                let table = IndicatorTable::new(data, indicator);
                let standing = table.standing(id, |p| self.cluster_of(p) == cluster)?;
                let fmt = |v: f64| self.value(lang, v, indicator.value_format());
                let name = self.text(lang, indicator.name.text(lang));
                let values: Vec<Option<f64>> =
                    table.years.iter().map(|y| table.value(id, *y)).collect();
                let meta = Meta {
                    id: format!("spark-{}", indicator.id.value),
                    title: format!("{name} — {}", self.chart_label(id, lang)),
                    desc: table
                        .years
                        .iter()
                        .zip(&values)
                        .map(|(y, v)| format!("{y} {}", v.map(fmt).unwrap_or_else(|| "–".into())))
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                Some(StandingRow {
                    url: self
                        .routes
                        .link(&self.routes.indicator(&indicator.id.value, lang)),
                    year: standing.year,
                    value: fmt(standing.value),
                    cluster_rank: self.rank_text(
                        standing.cluster_rank,
                        standing.cluster_count,
                        lang,
                    ),
                    network_rank: self.rank_text(
                        standing.network_rank,
                        standing.network_count,
                        lang,
                    ),
                    change: Cell::number(standing.change, |c| {
                        self.change(lang, c, indicator.value_format())
                    }),
                    sparkline: minijinja::Value::from_safe_string(charts::sparkline(
                        &meta, &values,
                    )),
                    name,
                })
            })
            .collect()
    }

    fn maturity(&self, id: &str, lang: &Lang) -> Option<MaturityView> {
        let data = &self.site.data;
        let assessment = maturity::latest(data, id)?;
        let means = maturity::area_means(&data.areas, assessment);
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        let self_label = self.label(lang, "bench.self");
        let peer_label = self.label(lang, "bench.peer");
        let chart = GroupedBars {
            meta: Meta {
                id: "maturity".to_string(),
                title: format!(
                    "{} {}",
                    self.label(lang, "bench.maturity_title"),
                    assessment.cycle
                ),
                desc: self.text(
                    lang,
                    &means
                        .iter()
                        .map(|m| {
                            format!(
                                "{}: {self_label} {}, {peer_label} {}",
                                m.area,
                                score(m.self_mean),
                                score(m.peer_mean)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            },
            series: vec![
                (self_label, "series-self".to_string()),
                (peer_label, "series-peer".to_string()),
            ],
            groups: means
                .iter()
                .map(|m| Group {
                    label: m.area.clone(),
                    values: vec![Some(m.self_mean), Some(m.peer_mean)],
                })
                .collect(),
            max: 6.0,
        };
        let rows = means
            .iter()
            .map(|m| MaturityRow {
                name: data
                    .area_by_id(&m.area)
                    .map(|a| a.name.text(lang).to_string())
                    .unwrap_or_default(),
                url: self.routes.link(&self.routes.area(&m.area, lang)),
                self_score: score(m.self_mean),
                peer_score: score(m.peer_mean),
                gap: self.change(lang, m.gap(), ValueFormat::SCORE),
                over: m.gap() >= 0.05,
                id: m.area.clone(),
            })
            .collect();
        Some(MaturityView {
            cycle: assessment.cycle.clone(),
            chart: Figure::new(
                charts::grouped_bars(&chart, &self.chart_numbers(lang, ValueFormat::SCORE)),
                chart.meta.title.clone(),
            ),
            rows,
        })
    }

    fn learn_views(&self, id: &str, lang: &Lang) -> Vec<LearnView> {
        let data = &self.site.data;
        let Some(assessment) = maturity::latest(data, id) else {
            return Vec::new();
        };
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        learning::learn_from(data, &assessment.cycle, id)
            .into_iter()
            .map(|suggestion| {
                let area = suggestion.area.as_str();
                let mut practices: Vec<Card> = suggestion
                    .peers
                    .iter()
                    .flat_map(|peer| self.area_practices(area, Some(&peer.pes), lang))
                    .collect();
                practices.truncate(PRACTICES_PER_AREA);
                LearnView {
                    name: data
                        .area_by_id(area)
                        .map(|a| a.name.text(lang).to_string())
                        .unwrap_or_default(),
                    url: self.routes.link(&self.routes.area(area, lang)),
                    own: score(suggestion.own),
                    median: score(suggestion.network_median),
                    peers: suggestion
                        .peers
                        .iter()
                        .filter_map(|peer| {
                            Some(LearnPeer {
                                pes: self.pes_link(&peer.pes, lang)?,
                                score: score(peer.score),
                                same_cluster: peer.same_cluster,
                            })
                        })
                        .collect(),
                    practices,
                    id: suggestion.area,
                }
            })
            .collect()
    }
}
