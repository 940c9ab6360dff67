//! Indicator pages: the index by category, one page per indicator across the network, and the
//! same page restricted to one cluster (peer group).

use crate::model::lang::Lang;
use std::cmp::Ordering;

use serde::Serialize;

use crate::analysis::learning;
use crate::analysis::series::IndicatorTable;
use crate::analysis::stats;
use crate::diagnostics::Diagnostics;
use crate::model::data::{Cluster, Indicator};
use crate::model::documents::Section;
use crate::render::charts::{self, Bar, BarChart, Line, LineChart, Meta};
use crate::render::family::Family;
use crate::render::files::citations::Cited;
use crate::render::files::dictionary::{ColumnGuide, DataFile};
use crate::render::views::breakdowns::{self, BreakdownScope, BreakdownView};
use crate::render::views::citation::CiteView;
use crate::render::views::figures::{Cell, Figure, IndicatorHead};
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::{Labelled, PesLink};
use crate::render::{Change, Context, OutputFile};

#[derive(Serialize)]
struct IndexPage {
    categories: Vec<Category>,
    frameworks_url: String,
    download_all: String,
    /// What the columns of the downloads hold, in the page's language.
    column_guide: Option<ColumnGuide>,
}

#[derive(Serialize)]
struct Category {
    label: String,
    indicators: Vec<IndexRow>,
    /// Where the figures of the category's table come from.
    provenance: Option<Provenance>,
}

#[derive(Serialize)]
struct IndexRow {
    indicator: IndicatorHead,
    year: Option<i32>,
    median: Option<String>,
    first: Option<String>,
    sparkline: minijinja::Value,
    trend: String,
}

#[derive(Serialize)]
struct IndicatorPage {
    indicator: IndicatorHead,
    cluster: Option<ClusterHead>,
    network_url: String,
    index_url: String,
    year: Option<i32>,
    network_median: Option<String>,
    cluster_median: Option<String>,
    bars: Option<Figure>,
    bar_rows: Vec<BarRow>,
    lines: Option<Figure>,
    years: Vec<i32>,
    series_rows: Vec<SeriesRow>,
    median_row: Vec<Cell>,
    /// The values per sex and per age group, where the data has them.
    breakdowns: Vec<BreakdownView>,
    gaps: Vec<String>,
    notes: Vec<String>,
    clusters: Vec<ClusterLink>,
    /// The excellence areas whose practices bear most on the indicator.
    areas: Vec<AreaLink>,
    practices: Vec<IndicatorPractice>,
    csv: String,
    json: String,
    /// Where the indicators' page explains the columns of the downloads.
    columns_url: String,
    /// "Cite this page".
    citation: Option<CiteView>,
}

#[derive(Serialize)]
struct ClusterHead {
    name: String,
    description: String,
    /// The peer group's own page.
    url: String,
}

#[derive(Serialize)]
struct BarRow {
    pes: PesLink,
    cluster: Labelled,
    value: Cell,
    cluster_median: Cell,
    cluster_rank: Cell,
    network_rank: Cell,
}

#[derive(Serialize)]
struct SeriesRow {
    pes: PesLink,
    cells: Vec<Cell>,
}

/// An excellence area, by letter and name, linked to its page.
#[derive(Serialize)]
struct AreaLink {
    id: String,
    name: String,
    url: String,
}

/// A practice naming the indicator, with where its PES stands on it.
#[derive(Serialize)]
struct IndicatorPractice {
    title: String,
    url: String,
    /// Set when the practice's text is in another language than the page.
    text_lang: Option<Lang>,
    pes: PesLink,
    standing: Option<PracticeStanding>,
}

/// A PES's latest value on the indicator and its ranks.
#[derive(Serialize)]
struct PracticeStanding {
    year: i32,
    value: String,
    cluster_rank: String,
    network_rank: String,
}

#[derive(Serialize)]
struct ClusterLink {
    name: String,
    url: String,
    median: Option<String>,
    members: usize,
    current: bool,
}

/// The benchmark pages: the list of indicators, and each indicator for the whole network and
/// within each peer group, in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Indicators;

/// One benchmark page.
#[derive(Debug)]
pub(crate) enum IndicatorsPage {
    /// The list of indicators, in a language.
    Index(Lang),
    /// An indicator, for the network or (`Some`) a peer group, in a language; each by its
    /// place in its data file.
    Indicator(usize, Option<usize>, Lang),
}

impl Family for Indicators {
    type Page = IndicatorsPage;

    fn pages(self, cx: &Context<'_>) -> Vec<IndicatorsPage> {
        let data = &cx.site.data;
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            pages.push(IndicatorsPage::Index(lang.clone()));
            for indicator in 0..data.indicators.len() {
                let clusters = (0..data.clusters.len()).map(Some);
                for cluster in std::iter::once(None).chain(clusters) {
                    pages.push(IndicatorsPage::Indicator(indicator, cluster, lang.clone()));
                }
            }
        }
        pages
    }

    fn template(self, page: &IndicatorsPage) -> Option<&'static str> {
        Some(match page {
            IndicatorsPage::Index(_) => "indicators.html",
            IndicatorsPage::Indicator(..) => "indicator.html",
        })
    }

    fn shows(self, page: &IndicatorsPage, change: &Change) -> bool {
        // An indicator's pages list the practices naming it.
        let lists_practices = matches!(page, IndicatorsPage::Indicator(..))
            && change.is_document_of(Some(Section::Practices));
        change.reaches_figures() || lists_practices
    }

    fn render(self, cx: &Context<'_>, page: &IndicatorsPage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            IndicatorsPage::Index(lang) => Self::indicators_index(cx, template, lang),
            IndicatorsPage::Indicator(indicator, cluster, lang) => {
                let data = &cx.site.data;
                let cited = Cited::Indicator(*indicator, *cluster);
                let cluster = cluster.map(|index| &data.clusters[index]);
                let indicator = &data.indicators[*indicator];
                Self::indicator_page(cx, template, indicator, cluster, &cited, lang)
            }
        }
    }
}

impl Indicators {
    fn indicators_index(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        // Categories in the order of categories.yaml, then any unknown one (validation reports
        // it) where its first indicator is.
        let mut groups: Vec<(&str, Vec<IndexRow>)> = data
            .categories
            .iter()
            .map(|category| (category.id.value.as_str(), Vec::new()))
            .collect();
        for indicator in &data.indicators {
            let id = indicator.category.value.as_str();
            let row = Self::index_row(cx, indicator, lang);
            match groups.iter_mut().find(|(group, _)| *group == id) {
                Some((_, rows)) => rows.push(row),
                None => groups.push((id, vec![row])),
            }
        }
        let categories: Vec<Category> = groups
            .into_iter()
            .filter(|(_, rows)| !rows.is_empty())
            .map(|(id, indicators)| {
                let mut shown = Shown::default();
                for row in &indicators {
                    shown.merge(Shown::totals(data, &row.indicator.id, |_, _| true));
                }
                Category {
                    label: cx.category_name(id, lang),
                    indicators,
                    provenance: cx.provenance(lang, &shown),
                }
            })
            .collect();
        let title = cx.label(lang, "bench.nav_indicators");
        let description = cx.label(lang, "bench.indicators_intro");
        let alternates = cx.alternates(|l| cx.routes.indicators(l));
        let mut layout = cx.layout(lang, "indicators", title, description, alternates);
        layout.illustrative = categories
            .iter()
            .filter_map(|c| c.provenance.as_ref())
            .any(Provenance::is_illustrative);
        cx.page(
            template,
            cx.routes.indicators(lang) + "index.html",
            &layout,
            IndexPage {
                categories,
                frameworks_url: cx.routes.link(&cx.routes.frameworks(lang)),
                download_all: cx.routes.link(&cx.routes.download("observations.csv")),
                column_guide: cx.column_guide(&[DataFile::Observations], lang),
            },
        )
    }

    fn index_row(cx: &Context<'_>, indicator: &Indicator, lang: &Lang) -> IndexRow {
        let table = IndicatorTable::new(&cx.site.data, indicator);
        let medians: Vec<Option<f64>> = table
            .years
            .iter()
            .map(|year| table.median(*year, |_| true))
            .collect();
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let head = cx.indicator_head(indicator, lang);
        let first = table.years.first().zip(medians.first().copied().flatten());
        let last = table.latest_year().zip(medians.last().copied().flatten());
        let colon = cx.label(lang, "bench.colon");
        let trend = match (first, last) {
            (Some((y0, v0)), Some((y1, v1))) => {
                format!("{y0}{colon} {} → {y1}{colon} {}", fmt(v0), fmt(v1))
            }
            _ => String::new(),
        };
        let meta = Meta {
            id: format!("spark-{}", head.id),
            title: format!("{} — {}", head.name, cx.label(lang, "bench.network_median")),
            desc: trend.clone(),
            // The table it sits in says where its figures come from.
            provenance: None,
        };
        IndexRow {
            year: table.latest_year(),
            median: last.map(|(_, v)| fmt(v)),
            first: first.map(|(_, v)| fmt(v)),
            sparkline: minijinja::Value::from_safe_string(charts::sparkline(&meta, &medians)),
            trend,
            indicator: head,
        }
    }

    fn indicator_page(
        cx: &Context<'_>,
        template: &'static str,
        indicator: &Indicator,
        cluster: Option<&Cluster>,
        cited: &Cited,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        let id = indicator.id.value.as_str();
        let head = cx.indicator_head(indicator, lang);
        let table = IndicatorTable::new(data, indicator);
        let members: Vec<&str> = data
            .pes
            .iter()
            .filter(|p| cluster.is_none_or(|c| p.cluster.value == c.id.value))
            .map(|p| p.id.value.as_str())
            .collect();
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let year = table.latest_year();
        let network_median = year.and_then(|y| table.median(y, |_| true));
        let cluster_median = cluster
            .and_then(|c| year.and_then(|y| table.median(y, |p| cx.cluster_of(p) == c.id.value)));
        let (bars, bar_rows) = match year {
            Some(year) => {
                Self::latest_bars(cx, indicator, &head, &table, &members, year, cluster, lang)
            }
            None => (None, Vec::new()),
        };
        let (lines, series_rows, median_row) =
            Self::time_series(cx, indicator, &head, &table, &members, cluster, lang);
        let scope = BreakdownScope {
            indicator,
            head: &head,
            totals: &table,
            members: &members,
        };
        let breakdowns = cx.breakdowns(&scope, lang);
        let colon = cx.label(lang, "bench.colon");
        let gaps = members
            .iter()
            .filter_map(|pes| {
                let missing: Vec<String> = table
                    .years
                    .iter()
                    .filter(|y| table.value(pes, **y).is_none())
                    .map(i32::to_string)
                    .collect();
                (!missing.is_empty()).then(|| {
                    format!(
                        "{}{colon} {}",
                        cx.chart_label(pes, lang),
                        missing.join(", ")
                    )
                })
            })
            .collect();
        let notes = Self::observation_notes(cx, id, &members, lang);
        let clusters = data
            .clusters
            .iter()
            .map(|c| ClusterLink {
                name: c.name.text(lang).to_string(),
                url: cx
                    .routes
                    .link(&cx.routes.indicator_cluster(id, &c.id.value, lang)),
                median: year
                    .and_then(|y| table.median(y, |p| cx.cluster_of(p) == c.id.value))
                    .map(fmt),
                members: data
                    .pes
                    .iter()
                    .filter(|p| p.cluster.value == c.id.value)
                    .count(),
                current: cluster.is_some_and(|current| current.id.value == c.id.value),
            })
            .collect();
        let cluster_id = cluster.map(|c| c.id.value.as_str());
        let path_of = |l: &Lang| match cluster_id {
            Some(c) => cx.routes.indicator_cluster(id, c, l),
            None => cx.routes.indicator(id, l),
        };
        let title = match cluster {
            Some(c) => format!("{} — {}", head.name, c.name.text(lang)),
            None => head.name.clone(),
        };
        let alternates = cx.alternates(path_of);
        let mut layout = cx.layout(
            lang,
            "indicator",
            title.clone(),
            head.definition.clone(),
            alternates,
        );
        let downloads = ["csv", "json"].map(|extension| {
            cx.routes
                .absolute(&cx.routes.download(&format!("indicators/{id}.{extension}")))
        });
        let dataset = crate::render::files::structured_data::dataset(
            &title,
            &head.definition,
            &cx.routes.absolute(&path_of(lang)),
            lang,
            &downloads.each_ref().map(String::as_str),
        );
        layout.publishing.structured_data =
            Some(crate::render::views::head::script_value(&dataset));
        layout.illustrative = [&bars, &lines]
            .into_iter()
            .filter_map(|figure| figure.as_ref()?.provenance.as_ref())
            .any(Provenance::is_illustrative)
            || breakdowns::any_illustrative(&breakdowns);
        // The network view is searchable; its peer-group views would only repeat it.
        if cluster.is_none() {
            layout.index = cx.typed_record(lang, "bench.indicator");
        }
        let page = IndicatorPage {
            cluster: cluster.map(|c| ClusterHead {
                name: c.name.text(lang).to_string(),
                description: cx.text(lang, c.description.text(lang)),
                url: cx.routes.link(&cx.routes.peer_group(&c.id.value, lang)),
            }),
            network_url: head.url.clone(),
            index_url: cx.routes.link(&cx.routes.indicators(lang)),
            year,
            network_median: network_median.map(fmt),
            cluster_median: cluster_median.map(fmt),
            bars,
            bar_rows,
            lines,
            years: table.years.clone(),
            series_rows,
            median_row,
            breakdowns,
            gaps,
            notes,
            clusters,
            areas: indicator
                .areas
                .iter()
                .filter_map(|area| {
                    let found = data.area_by_id(&area.value)?;
                    Some(AreaLink {
                        id: area.value.clone(),
                        name: cx.text(lang, found.name.text(lang)),
                        url: cx.routes.link(&cx.routes.area(&area.value, lang)),
                    })
                })
                .collect(),
            practices: Self::practices_on(cx, indicator, lang),
            csv: cx
                .routes
                .link(&cx.routes.download(&format!("indicators/{id}.csv"))),
            json: cx
                .routes
                .link(&cx.routes.download(&format!("indicators/{id}.json"))),
            columns_url: format!(
                "{}#column-guide",
                cx.routes.link(&cx.routes.indicators(lang))
            ),
            indicator: head,
            citation: cx.cite_view(cited, lang),
        };
        cx.page(template, path_of(lang) + "index.html", &layout, page)
    }

    /// The bar chart of `year`, best first and gaps last, and its table.
    #[allow(clippy::too_many_arguments)]
    fn latest_bars(
        cx: &Context<'_>,
        indicator: &Indicator,
        head: &IndicatorHead,
        table: &IndicatorTable,
        members: &[&str],
        year: i32,
        cluster: Option<&Cluster>,
        lang: &Lang,
    ) -> (Option<Figure>, Vec<BarRow>) {
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let mut order: Vec<(&str, Option<f64>)> =
            members.iter().map(|p| (*p, table.value(p, year))).collect();
        order.sort_by(|a, b| match (a.1, b.1) {
            (Some(x), Some(y)) => stats::compare(x, y, indicator.better).then(a.0.cmp(b.0)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.0.cmp(b.0),
        });
        let network = table.values_in(year, |_| true);
        let cluster_median_of =
            |pes: &str| table.median(year, |p| cx.cluster_of(p) == cx.cluster_of(pes));
        let bars = order
            .iter()
            .map(|(pes, value)| Bar {
                label: cx.chart_label(pes, lang),
                full: cx.chart_name(pes, lang),
                value: *value,
                marker: if cluster.is_none() {
                    cluster_median_of(pes)
                } else {
                    None
                },
                highlight: false,
                pes: Some(pes.to_string()),
            })
            .collect();
        let (reference, reference_label) = match cluster {
            Some(_) => (
                table.median(year, |p| members.contains(&p)),
                cx.label(lang, "bench.cluster_median"),
            ),
            None => (
                table.median(year, |_| true),
                cx.label(lang, "bench.network_median"),
            ),
        };
        let caption = format!("{} — {year}", head.name);
        let shown = Shown::totals(&cx.site.data, &indicator.id.value, |pes, y| {
            y == year && members.contains(&pes)
        })
        .or(|| Shown::totals(&cx.site.data, &indicator.id.value, |_, y| y == year));
        let provenance = cx.provenance(lang, &shown);
        let chart = BarChart {
            meta: Meta {
                id: "bars".to_string(),
                title: caption.clone(),
                desc: format!(
                    "{} {} {}",
                    cx.label(lang, "bench.bars_desc"),
                    reference_label,
                    reference.map(fmt).unwrap_or_default()
                ),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            bars,
            reference,
            reference_label,
            marker_label: cx.label(lang, "bench.cluster_median"),
            gap_label: format!("{} {year}", cx.label(lang, "bench.no_data")),
            domain: None,
        };
        let svg = charts::bar_chart(&chart, &cx.chart_numbers(lang, indicator.value_format()));
        let rank_cell = |value: Option<f64>, all: &[f64]| Cell {
            text: value
                .map(|v| cx.rank_text(stats::rank(v, all, indicator.better), all.len(), lang)),
            sort: value
                .map(|v| stats::rank(v, all, indicator.better).to_string())
                .unwrap_or_default(),
            verdict: None,
        };
        let rows = order
            .iter()
            .filter_map(|(pes, value)| {
                let link = cx.pes_link(pes, lang)?;
                let cluster_id = cx.cluster_of(pes);
                let in_cluster = table.values_in(year, |p| cx.cluster_of(p) == cluster_id);
                Some(BarRow {
                    pes: link,
                    cluster: Labelled {
                        id: cluster_id.to_string(),
                        label: cx
                            .site
                            .data
                            .cluster_by_id(cluster_id)
                            .map(|c| c.name.text(lang).to_string())
                            .unwrap_or_default(),
                    },
                    value: Cell::number(*value, fmt),
                    cluster_median: Cell::number(cluster_median_of(pes), fmt),
                    cluster_rank: rank_cell(*value, &in_cluster),
                    network_rank: rank_cell(*value, &network),
                })
            })
            .collect();
        let figure = Figure::new(svg, chart.meta.title.clone(), provenance);
        (Some(figure), rows)
    }

    /// The time-series chart of the members and their median, and its table.
    fn time_series(
        cx: &Context<'_>,
        indicator: &Indicator,
        head: &IndicatorHead,
        table: &IndicatorTable,
        members: &[&str],
        cluster: Option<&Cluster>,
        lang: &Lang,
    ) -> (Option<Figure>, Vec<SeriesRow>, Vec<Cell>) {
        if table.years.is_empty() {
            return (None, Vec::new(), Vec::new());
        }
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let reported: Vec<&str> = members
            .iter()
            .copied()
            .filter(|p| table.values.contains_key(*p))
            .collect();
        let medians: Vec<Option<f64>> = table
            .years
            .iter()
            .map(|y| table.median(*y, |p| reported.contains(&p)))
            .collect();
        let median_label = cx.label(
            lang,
            if cluster.is_some() {
                "bench.cluster_median"
            } else {
                "bench.network_median"
            },
        );
        let mut lines: Vec<Line> = reported
            .iter()
            .map(|pes| Line {
                label: cx.chart_label(pes, lang),
                full: cx.chart_name(pes, lang),
                values: table.years.iter().map(|y| table.value(pes, *y)).collect(),
                reference: false,
                highlight: false,
                pes: Some(pes.to_string()),
            })
            .collect();
        // The median goes first so that it is drawn under the lines of the PES.
        lines.insert(
            0,
            Line {
                label: cx.label(lang, "bench.median_line"),
                full: Some(median_label.clone()),
                values: medians.clone(),
                reference: true,
                highlight: false,
                pes: None,
            },
        );
        let first = table.years.first().copied().unwrap_or_default();
        let last = table.latest_year().unwrap_or_default();
        let caption = format!("{} — {first}–{last}", head.name);
        let shown = Shown::totals(&cx.site.data, &indicator.id.value, |pes, _| {
            reported.contains(&pes)
        })
        .or(|| Shown::totals(&cx.site.data, &indicator.id.value, |_, _| true));
        let provenance = cx.provenance(lang, &shown);
        let chart = LineChart {
            meta: Meta {
                id: "lines".to_string(),
                title: caption.clone(),
                desc: format!("{} {median_label}.", cx.label(lang, "bench.lines_desc")),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            years: table.years.clone(),
            lines,
        };
        let svg = charts::line_chart(&chart, &cx.chart_numbers(lang, indicator.value_format()));
        let rows = reported
            .iter()
            .filter_map(|pes| {
                Some(SeriesRow {
                    pes: cx.pes_link(pes, lang)?,
                    cells: table
                        .years
                        .iter()
                        .map(|y| Cell::number(table.value(pes, *y), fmt))
                        .collect(),
                })
            })
            .collect();
        let median_row = medians.iter().map(|m| Cell::number(*m, fmt)).collect();
        (
            Some(Figure::new(svg, caption, provenance)),
            rows,
            median_row,
        )
    }

    /// The practices naming the indicator, best-placed PES first, each with its standing.
    fn practices_on(
        cx: &Context<'_>,
        indicator: &Indicator,
        lang: &Lang,
    ) -> Vec<IndicatorPractice> {
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let cards = cx.practice_cards(lang);
        let tagged = cx.tagged_practices(lang);
        learning::practices_on(&cx.site.data, indicator, &tagged)
            .into_iter()
            .filter_map(|(practice, standing)| {
                let card = cards.get(practice.key)?;
                Some(IndicatorPractice {
                    title: card.title.clone(),
                    url: card.url.clone(),
                    text_lang: card.text_lang.clone(),
                    pes: cx.pes_link(practice.pes, lang)?,
                    standing: standing.map(|s| PracticeStanding {
                        year: s.year,
                        value: fmt(s.value),
                        cluster_rank: cx.rank_text(s.cluster_rank, s.cluster_count, lang),
                        network_rank: cx.rank_text(s.network_rank, s.network_count, lang),
                    }),
                })
            })
            .collect()
    }

    /// Notes attached to this indicator's observations of `members`, each with PES and year.
    fn observation_notes(cx: &Context<'_>, id: &str, members: &[&str], lang: &Lang) -> Vec<String> {
        let mut notes: Vec<(String, i32, String)> = cx
            .site
            .data
            .observations
            .iter()
            .filter(|o| o.indicator.value == id && members.contains(&o.pes.value.as_str()))
            .filter_map(|o| {
                let note = o.note.as_ref()?;
                let note = cx.text(lang, note.text(lang));
                Some((cx.chart_label(&o.pes.value, lang), o.year.value, note))
            })
            .collect();
        notes.sort();
        notes.dedup();
        let colon = cx.label(lang, "bench.colon");
        notes
            .into_iter()
            .map(|(pes, year, note)| format!("{pes}, {year}{colon} {note}"))
            .collect()
    }
}
