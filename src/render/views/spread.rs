//! What the assessment pages show where an edition keeps each PES's scores for members: how
//! the scores spread (how many PES, lower quartile, median, upper quartile; self and peer) in
//! the network and in each peer group with enough members assessed to stay anonymous, as range
//! charts, a heatmap of group medians and tables. A group with fewer members is named, and
//! the page says why it is not shown.

use serde::Serialize;

use crate::analysis::maturity::{self, Spread};
use crate::analysis::stats::Quartiles;
use crate::model::data::{Cluster, ValueFormat};
use crate::model::lang::Lang;
use crate::render::charts::{self, Column, Heatmap, HeatmapRow, Meta, RangeChart, RangeRow};
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::provenance::Provenance;
use crate::render::Context;

/// UI strings the spreads look up from Rust; checked before rendering starts.
pub(crate) const SPREAD_KEYS: &[&str] = &[
    "spread.median",
    "spread.areas_title",
    "spread.areas_desc",
    "spread.enablers_title",
    "spread.enablers_desc",
    "spread.groups_title",
    "spread.groups_desc",
    "spread.area_title",
    "spread.area_desc",
    "spread.position.lowest",
    "spread.position.below_median",
    "spread.position.above_median",
    "spread.position.highest",
    "groups.network",
];

/// The lower quartile, median and upper quartile of some scores, as table cells.
#[derive(Debug, Serialize)]
pub(crate) struct QuartileCells {
    pub q1: Cell,
    pub median: Cell,
    pub q3: Cell,
}

/// One row of a table of spreads: an area, an enabler or a peer group.
#[derive(Debug, Serialize)]
pub(crate) struct SpreadRow {
    /// The area's or enabler's id, shown as a tag; empty for a group.
    pub tag: String,
    pub name: String,
    pub url: Option<String>,
    /// The group it summarises, where a table has rows of several groups.
    pub group: Option<String>,
    pub count: Cell,
    pub peer: QuartileCells,
    pub self_scores: QuartileCells,
}

/// A chart and table of spreads, and the peer groups left out of them.
#[derive(Debug, Serialize)]
pub(crate) struct SpreadView {
    pub chart: Option<Figure>,
    pub rows: Vec<SpreadRow>,
    /// Whether the rows name the group each summarises (a column of its own).
    pub by_group: bool,
    /// The peer groups with members assessed, but too few to stay anonymous.
    pub withheld: Vec<String>,
}

/// The median peer score per area of the network and of each peer group large enough: the
/// heatmap that stands in for the one of each PES.
#[derive(Debug, Serialize)]
pub(crate) struct GroupMedians {
    pub chart: Figure,
    pub rows: Vec<GroupMedianRow>,
    pub withheld: Vec<String>,
}

/// A group's row of [`GroupMedians`].
#[derive(Debug, Serialize)]
pub(crate) struct GroupMedianRow {
    pub name: String,
    pub url: Option<String>,
    pub count: Cell,
    pub cells: Vec<Cell>,
}

/// A row's head: what it summarises, and its name.
struct Head {
    tag: String,
    name: String,
    url: Option<String>,
    group: Option<String>,
}

/// Which PES a spread summarises: the whole network or the members of a peer group.
#[derive(Clone, Copy)]
enum Scope<'d> {
    Network,
    Group(&'d Cluster),
}

impl Scope<'_> {
    fn includes(self, cx: &Context<'_>, pes: &str) -> bool {
        match self {
            Scope::Network => true,
            Scope::Group(cluster) => cx.cluster_of(pes) == cluster.id.value,
        }
    }
}

impl Context<'_> {
    /// Whether the network's scores of `cycle` may be shown: always where each PES's scores
    /// are, else when enough PES were assessed.
    pub(crate) fn shows_network_spread(&self, cycle: &str) -> bool {
        self.site
            .edition
            .shows_group_of(maturity::assessed_count(&self.site.data, cycle, |_| true))
    }

    /// The network and each peer group large enough to show, in the order of the groups'
    /// file, with the names of the groups left out; groups nobody of which was assessed in
    /// `cycle` are neither.
    fn scopes(&self, cycle: &str, lang: &Lang) -> (Vec<Scope<'_>>, Vec<String>) {
        let mut shown = vec![Scope::Network];
        let mut withheld = Vec::new();
        for cluster in &self.site.data.clusters {
            let scope = Scope::Group(cluster);
            let count =
                maturity::assessed_count(&self.site.data, cycle, |p| scope.includes(self, p));
            if count == 0 {
                continue;
            }
            if self.site.edition.shows_group_of(count) {
                shown.push(scope);
            } else {
                withheld.push(self.text(lang, cluster.name.text(lang)));
            }
        }
        (shown, withheld)
    }

    fn scope_head(&self, scope: Scope<'_>, lang: &Lang) -> Head {
        match scope {
            Scope::Network => Head {
                tag: String::new(),
                name: self.label(lang, "groups.network"),
                url: None,
                group: None,
            },
            Scope::Group(cluster) => Head {
                tag: String::new(),
                name: self.text(lang, cluster.name.text(lang)),
                url: Some(
                    self.routes
                        .link(&self.routes.peer_group(&cluster.id.value, lang)),
                ),
                group: None,
            },
        }
    }

    /// The spread of each area's scores in `cycle` over the whole network.
    pub(crate) fn area_spreads(
        &self,
        cycle: &str,
        provenance: Option<&Provenance>,
        lang: &Lang,
    ) -> SpreadView {
        let data = &self.site.data;
        let rows: Vec<(Head, Spread)> = data
            .areas
            .iter()
            .filter_map(|area| {
                let id = area.id.value.as_str();
                let spread = maturity::area_spread(data, cycle, id, |_| true)?;
                let head = Head {
                    tag: id.to_string(),
                    name: self.text(lang, area.name.text(lang)),
                    url: Some(self.routes.link(&self.routes.area(id, lang))),
                    group: None,
                };
                Some((head, spread))
            })
            .collect();
        let title = format!("{} {cycle}", self.label(lang, "spread.areas_title"));
        let chart = self.spread_chart(
            "area-spreads",
            title,
            "spread.areas_desc",
            &rows,
            provenance,
            lang,
        );
        self.spread_view(chart, rows, Vec::new(), lang)
    }

    /// The spread of the scores of each enabler (of `area`, or all) in `cycle` over the whole
    /// network, charted; with `by_group`, the table also has a row per peer group large
    /// enough under each enabler.
    pub(crate) fn enabler_spreads(
        &self,
        cycle: &str,
        area: Option<&str>,
        by_group: bool,
        provenance: Option<&Provenance>,
        lang: &Lang,
    ) -> SpreadView {
        let data = &self.site.data;
        let (scopes, withheld) = if by_group {
            self.scopes(cycle, lang)
        } else {
            (vec![Scope::Network], Vec::new())
        };
        let mut charted = Vec::new();
        let mut rows = Vec::new();
        let enablers = data
            .areas
            .iter()
            .filter(|a| area.is_none_or(|id| a.id.value == id))
            .flat_map(|a| a.enablers.iter());
        for enabler in enablers {
            let id = enabler.id.value.as_str();
            let name = self.text(lang, enabler.name.text(lang));
            for scope in &scopes {
                let Some(spread) =
                    maturity::enabler_spread(data, cycle, id, |p| scope.includes(self, p))
                else {
                    continue;
                };
                let head = Head {
                    tag: id.to_string(),
                    name: name.clone(),
                    url: None,
                    group: by_group.then(|| self.scope_head(*scope, lang).name),
                };
                if matches!(scope, Scope::Network) {
                    charted.push((
                        Head {
                            tag: id.to_string(),
                            name: name.clone(),
                            url: None,
                            group: None,
                        },
                        spread,
                    ));
                }
                rows.push((head, spread));
            }
        }
        let title = format!("{} {cycle}", self.label(lang, "spread.enablers_title"));
        let chart = self.spread_chart(
            "enabler-spreads",
            title,
            "spread.enablers_desc",
            &charted,
            provenance,
            lang,
        );
        let mut view = self.spread_view(chart, rows, withheld, lang);
        view.by_group = by_group;
        view
    }

    /// The spread of the scores of `area` in `cycle` in the network and each peer group large
    /// enough.
    pub(crate) fn area_group_spreads(
        &self,
        cycle: &str,
        area: &str,
        provenance: Option<&Provenance>,
        lang: &Lang,
    ) -> SpreadView {
        let data = &self.site.data;
        let (scopes, withheld) = self.scopes(cycle, lang);
        let rows: Vec<(Head, Spread)> = scopes
            .into_iter()
            .filter_map(|scope| {
                let spread = maturity::area_spread(data, cycle, area, |p| scope.includes(self, p))?;
                Some((self.scope_head(scope, lang), spread))
            })
            .collect();
        let title = format!("{} {cycle}", self.label(lang, "spread.area_title"));
        let chart = self.spread_chart(
            "area-group-spreads",
            title,
            "spread.area_desc",
            &rows,
            provenance,
            lang,
        );
        self.spread_view(chart, rows, withheld, lang)
    }

    /// The median peer score per area in `cycle` of the network and each peer group large
    /// enough, as a heatmap and its table.
    pub(crate) fn group_medians(
        &self,
        cycle: &str,
        provenance: Option<&Provenance>,
        lang: &Lang,
    ) -> GroupMedians {
        let data = &self.site.data;
        let (scopes, withheld) = self.scopes(cycle, lang);
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        let medians = |scope: Scope<'_>| -> Vec<Option<f64>> {
            data.areas
                .iter()
                .map(|area| {
                    maturity::area_spread(data, cycle, &area.id.value, |p| scope.includes(self, p))
                        .map(|s| s.peer.median)
                })
                .collect()
        };
        let mut heat_rows = Vec::new();
        let mut rows = Vec::new();
        for scope in scopes {
            let head = self.scope_head(scope, lang);
            let values = medians(scope);
            let count = maturity::assessed_count(data, cycle, |p| scope.includes(self, p));
            // Each row under its name, written whole across the chart: group names are too
            // long for a column of labels on a phone.
            heat_rows.push(HeatmapRow {
                label: String::new(),
                full: None,
                cells: values
                    .iter()
                    .map(|v| v.map(|m| (level(m), score(m))))
                    .collect(),
                pes: None,
                group: Some(head.name.clone()),
            });
            rows.push(GroupMedianRow {
                name: head.name,
                url: head.url,
                count: self.count_cell(count, lang),
                cells: values.iter().map(|v| Cell::number(*v, score)).collect(),
            });
        }
        let chart = Heatmap {
            meta: Meta {
                id: "group-heatmap".to_string(),
                title: format!("{} {cycle}", self.label(lang, "spread.groups_title")),
                desc: self.label(lang, "spread.groups_desc"),
                provenance: Provenance::chart_line(provenance),
            },
            columns: data
                .areas
                .iter()
                .map(|a| Column {
                    label: a.id.value.clone(),
                    full: Some(a.name.text(lang).to_string()),
                })
                .collect(),
            rows: heat_rows,
            legend_title: self.label(lang, "bench.axis_score"),
            legend: (1..=6)
                .map(|s| (s, self.formats(lang).integer(usize::from(s))))
                .collect(),
        };
        GroupMedians {
            chart: Figure::new(
                charts::heatmap(&chart),
                chart.meta.title.clone(),
                provenance.cloned(),
            ),
            rows,
            withheld,
        }
    }

    /// Where `value` stands among `quartiles`, in words.
    pub(crate) fn position_words(&self, value: f64, quartiles: &Quartiles, lang: &Lang) -> String {
        let quarter = quartiles.quarter_of(value);
        self.label(lang, &format!("spread.position.{}", quarter.key()))
    }

    fn count_cell(&self, count: usize, lang: &Lang) -> Cell {
        Cell::number(Some(count as f64), |_| self.formats(lang).integer(count))
    }

    fn quartile_cells(&self, quartiles: &Quartiles, lang: &Lang) -> QuartileCells {
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        QuartileCells {
            q1: Cell::number(Some(quartiles.q1), score),
            median: Cell::number(Some(quartiles.median), score),
            q3: Cell::number(Some(quartiles.q3), score),
        }
    }

    fn spread_view(
        &self,
        chart: Option<Figure>,
        rows: Vec<(Head, Spread)>,
        withheld: Vec<String>,
        lang: &Lang,
    ) -> SpreadView {
        SpreadView {
            chart,
            rows: rows
                .into_iter()
                .map(|(head, spread)| SpreadRow {
                    tag: head.tag,
                    name: head.name,
                    url: head.url,
                    group: head.group,
                    count: self.count_cell(spread.count, lang),
                    peer: self.quartile_cells(&spread.peer, lang),
                    self_scores: self.quartile_cells(&spread.self_scores, lang),
                })
                .collect(),
            by_group: false,
            withheld,
        }
    }

    /// A range chart of `rows`, self and peer; none without rows.
    fn spread_chart(
        &self,
        id: &str,
        title: String,
        desc_key: &str,
        rows: &[(Head, Spread)],
        provenance: Option<&Provenance>,
        lang: &Lang,
    ) -> Option<Figure> {
        if rows.is_empty() {
            return None;
        }
        let chart = RangeChart {
            meta: Meta {
                id: id.to_string(),
                desc: self.label(lang, desc_key),
                provenance: Provenance::chart_line(provenance),
                title,
            },
            series: vec![
                (self.label(lang, "bench.self"), "series-self".to_string()),
                (self.label(lang, "bench.peer"), "series-peer".to_string()),
            ],
            rows: rows
                .iter()
                .map(|(head, spread)| {
                    let short = if head.tag.is_empty() {
                        head.name.clone()
                    } else {
                        head.tag.clone()
                    };
                    RangeRow {
                        full: (short != head.name).then(|| head.name.clone()),
                        label: short,
                        values: vec![Some(spread.self_scores), Some(spread.peer)],
                    }
                })
                .collect(),
            median_label: self.label(lang, "spread.median"),
            min: 1.0,
            max: 6.0,
        };
        Some(Figure::new(
            charts::range_chart(&chart, &self.chart_numbers(lang, ValueFormat::SCORE)),
            chart.meta.title.clone(),
            provenance.cloned(),
        ))
    }
}

/// The heat level of a median maturity score: its rounded value, 1–6.
fn level(score: f64) -> u8 {
    score.round().clamp(1.0, 6.0) as u8
}
