//! PES side by side, shaped once per language for the precomputed comparison pages and for the
//! comparison page's script alike: the rows every comparison lines up on (indicators, the
//! excellence areas of the latest assessment cycle, good practices by area) and each PES's
//! column, every figure already written the way the language writes it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::maturity;
use crate::analysis::series::IndicatorTable;
use crate::model::data::{Indicator, Pes, ValueFormat};
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::charts::{self, Meta, SparkShape};
use crate::render::engine::routes::{PageGroup, PageId, PagePath};
use crate::render::views::figures::VerdictView;
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::{Card, PesLink};
use crate::render::Context;

/// UI strings of comparisons, looked up from Rust (the page's script gets them in its data
/// file); checked before rendering starts.
pub(crate) const COMPARE_KEYS: &[&str] = &[
    "compare.title",
    "compare.intro",
    "compare.pair_intro",
    "compare.select_1",
    "compare.select_2",
    "compare.select_3",
    "compare.select_4",
    "compare.indicators_title",
    "compare.indicators_caption",
    "compare.cell_note",
    "compare.areas_title",
    "compare.areas_caption",
    "compare.score_note",
    "compare.not_assessed",
    "compare.practices_title",
    "compare.practices_caption",
    "compare.no_area",
    "compare.no_practice",
    "compare.no_practices",
    "compare.choose_two",
    "compare.shown",
    "spread.kept",
    "bench.indicator",
    "bench.network_median",
    "bench.no_value",
    "bench.colon",
    "pes.area",
];

/// Every comparison's rows and every PES's column, in each language: built once per render,
/// as the precomputed pages show the same columns many times over.
#[derive(Debug, Default)]
pub(crate) struct CompareIndex(BTreeMap<Lang, Comparable>);

/// What can be compared in one language.
#[derive(Debug, Serialize)]
pub(crate) struct Comparable {
    pub rows: CompareRows,
    /// PES id → its column.
    pub columns: BTreeMap<String, CompareColumn>,
}

/// The rows of every comparison in one language, whichever PES are compared.
#[derive(Debug, Serialize)]
pub(crate) struct CompareRows {
    pub indicators: Vec<IndicatorRow>,
    /// Where the indicators' figures come from (the medians are of every PES).
    pub indicators_provenance: Option<Provenance>,
    /// The latest assessment cycle: area scores are compared within one cycle.
    pub cycle: Option<String>,
    pub cycle_url: Option<String>,
    /// Empty when nothing was ever assessed.
    pub areas: Vec<AreaRow>,
    /// Where the scores of the cycle come from.
    pub areas_provenance: Option<Provenance>,
    /// Set where each PES's scores are kept for members: no area rows, and a comparison
    /// says why.
    pub scores_kept: bool,
    /// The excellence areas, then the practices filed under none.
    pub practice_rows: Vec<PracticeRow>,
}

/// An indicator as a row head, with the network median of its latest year.
#[derive(Debug, Serialize)]
pub(crate) struct IndicatorRow {
    pub id: String,
    pub name: String,
    pub url: String,
    /// "higher is better" or "lower is better".
    pub better: String,
    pub median: Option<String>,
    pub median_year: Option<String>,
}

/// An excellence area as a row head, with the network median of its peer scores.
#[derive(Debug, Serialize)]
pub(crate) struct AreaRow {
    pub id: String,
    pub name: String,
    pub url: String,
    pub median: Option<String>,
}

/// A row of the practices table: an area, or (empty id, no address) no area at all.
#[derive(Debug, Serialize)]
pub(crate) struct PracticeRow {
    pub id: String,
    pub name: String,
    pub url: Option<String>,
}

/// One PES's column; its cells line up with [`CompareRows`] (`None`: no value).
#[derive(Debug, Serialize)]
pub(crate) struct CompareColumn {
    pub pes: PesLink,
    /// Its peer group's name.
    pub cluster: String,
    pub indicators: Vec<Option<IndicatorCell>>,
    /// Mean peer score per area in the latest cycle.
    pub scores: Vec<Option<String>>,
    pub practices: Vec<Vec<PracticeLink>>,
}

/// A PES's latest value of an indicator and its trend.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorCell {
    pub value: String,
    pub year: String,
    /// The change on the previous year, when both years have a value.
    pub change: Option<String>,
    /// Whether that change is an improvement, in words and as a class.
    pub verdict: Option<VerdictView>,
    pub trend: Trend,
}

/// A sparkline of a PES's values over the indicator's years, with its accessible title and
/// description (the values year by year).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Trend {
    /// Unique on a page: `spark-<pes>-<indicator>`.
    pub id: String,
    pub title: String,
    pub desc: String,
    #[serde(flatten)]
    pub shape: SparkShape,
}

impl Trend {
    /// The sparkline as SVG markup, for pages built without the script.
    pub(crate) fn svg(&self) -> String {
        let meta = Meta {
            id: self.id.clone(),
            title: self.title.clone(),
            desc: self.desc.clone(),
            // The table it sits in says where its figures come from.
            provenance: None,
        };
        charts::sparkline_of(&meta, &self.shape)
    }
}

/// A good practice in a comparison: its title and address.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PracticeLink {
    pub title: String,
    pub url: String,
    /// The title's language, when the practice is not translated into the page's.
    pub lang: Option<Lang>,
}

impl CompareIndex {
    /// Rows and columns in every site language.
    pub(crate) fn build(cx: &Context<'_>) -> CompareIndex {
        let tables: Vec<IndicatorTable> = cx
            .site
            .data
            .indicators
            .iter()
            .map(|indicator| IndicatorTable::new(&cx.site.data, indicator))
            .collect();
        CompareIndex(
            cx.routes
                .languages()
                .iter()
                .map(|lang| (lang.clone(), cx.comparable(&tables, lang)))
                .collect(),
        )
    }

    /// What can be compared in `lang` (a site language).
    pub(crate) fn of(&self, lang: &Lang) -> Option<&Comparable> {
        self.0.get(lang)
    }
}

impl Context<'_> {
    /// Whether comparisons in `lang` show illustrative figures, which their footer then says.
    pub(crate) fn comparisons_illustrative(&self, lang: &Lang) -> bool {
        self.comparisons().of(lang).is_some_and(|c| {
            [&c.rows.indicators_provenance, &c.rows.areas_provenance]
                .into_iter()
                .flatten()
                .any(Provenance::is_illustrative)
        })
    }
}

impl Comparable {
    /// The columns of `ids`, in that order, leaving out unknown ids.
    pub(crate) fn columns_of<'c>(&'c self, ids: &[&str]) -> Vec<&'c CompareColumn> {
        ids.iter().filter_map(|id| self.columns.get(*id)).collect()
    }
}

impl Context<'_> {
    fn comparable(&self, tables: &[IndicatorTable], lang: &Lang) -> Comparable {
        let data = &self.site.data;
        let pes_scores = self.site.edition.pes_scores;
        let cycle = maturity::cycles(data).pop();
        let heat = cycle
            .as_ref()
            .filter(|_| pes_scores)
            .map(|cycle| maturity::heatmap(data, cycle))
            .unwrap_or_default();
        let rows = self.compare_rows(tables, cycle, lang);
        let columns = data
            .pes
            .iter()
            .map(|pes| {
                let id = pes.id.value.clone();
                let scores = rows
                    .areas
                    .iter()
                    .map(|area| {
                        let mean = heat.get(&id)?.iter().find(|m| m.area == area.id)?;
                        Some(self.value(lang, mean.peer_mean, ValueFormat::SCORE))
                    })
                    .collect();
                let column = CompareColumn {
                    pes: self.link_to(pes, lang),
                    cluster: self.cluster_name(pes, lang),
                    indicators: data
                        .indicators
                        .iter()
                        .zip(tables)
                        .map(|(indicator, table)| self.indicator_cell(pes, indicator, table, lang))
                        .collect(),
                    scores,
                    practices: rows
                        .practice_rows
                        .iter()
                        .map(|row| self.practice_links(&id, &row.id, lang))
                        .collect(),
                };
                (id, column)
            })
            .collect();
        Comparable { rows, columns }
    }

    fn compare_rows(
        &self,
        tables: &[IndicatorTable],
        cycle: Option<String>,
        lang: &Lang,
    ) -> CompareRows {
        let data = &self.site.data;
        let indicators = data
            .indicators
            .iter()
            .zip(tables)
            .map(|(indicator, table)| {
                let id = indicator.id.value.as_str();
                let year = table.latest_year();
                let median = year.and_then(|y| table.median(y, |_| true));
                IndicatorRow {
                    id: id.to_string(),
                    name: self.text(lang, indicator.name.text(lang)),
                    url: self.routes.link(&self.routes.indicator(id, lang)),
                    better: self.better_label(indicator.better, lang),
                    median: median.map(|m| self.value(lang, m, indicator.value_format())),
                    median_year: median.and(year).map(|y| y.to_string()),
                }
            })
            .collect();
        let area_name = |id: &str| {
            data.area_by_id(id)
                .map(|a| self.text(lang, a.name.text(lang)))
                .unwrap_or_default()
        };
        let areas = cycle
            .as_ref()
            .filter(|_| self.site.edition.pes_scores)
            .map(|cycle| {
                data.areas
                    .iter()
                    .map(|area| {
                        let id = area.id.value.as_str();
                        AreaRow {
                            id: id.to_string(),
                            name: area_name(id),
                            url: self.routes.link(&self.routes.area(id, lang)),
                            median: maturity::area_median(data, cycle, id)
                                .map(|m| self.value(lang, m, ValueFormat::SCORE)),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        let practice_rows = data
            .areas
            .iter()
            .map(|area| {
                let id = area.id.value.as_str();
                PracticeRow {
                    id: id.to_string(),
                    name: area_name(id),
                    url: Some(self.routes.link(&self.routes.area(id, lang))),
                }
            })
            .chain([PracticeRow {
                id: String::new(),
                name: self.label(lang, "compare.no_area"),
                url: None,
            }])
            .collect();
        let mut shown = Shown::default();
        for indicator in &data.indicators {
            shown.merge(Shown::totals(data, &indicator.id.value, |_, _| true));
        }
        CompareRows {
            indicators,
            indicators_provenance: self.provenance(lang, &shown),
            areas_provenance: cycle.as_ref().and_then(|c| self.cycle_provenance(c, lang)),
            cycle_url: cycle
                .as_ref()
                .map(|c| self.routes.link(&self.routes.assessment_cycle(c, lang))),
            scores_kept: !self.site.edition.pes_scores && cycle.is_some(),
            cycle,
            areas,
            practice_rows,
        }
    }

    fn cluster_name(&self, pes: &Pes, lang: &Lang) -> String {
        self.site
            .data
            .cluster_by_id(&pes.cluster.value)
            .map(|c| self.text(lang, c.name.text(lang)))
            .unwrap_or_default()
    }

    fn indicator_cell(
        &self,
        pes: &Pes,
        indicator: &Indicator,
        table: &IndicatorTable,
        lang: &Lang,
    ) -> Option<IndicatorCell> {
        let id = pes.id.value.as_str();
        let (&year, &value) = table.values.get(id)?.iter().next_back()?;
        let fmt = |v: f64| self.value(lang, v, indicator.value_format());
        let values: Vec<Option<f64>> = table.years.iter().map(|y| table.value(id, *y)).collect();
        let desc = table
            .years
            .iter()
            .zip(&values)
            .map(|(y, v)| format!("{y} {}", v.map(fmt).unwrap_or_else(|| "–".into())))
            .collect::<Vec<_>>()
            .join(", ");
        Some(IndicatorCell {
            value: fmt(value),
            year: year.to_string(),
            change: table
                .change(id, year)
                .map(|c| self.change(lang, c, indicator.value_format())),
            verdict: table
                .change(id, year)
                .map(|c| self.change_verdict(c, indicator, lang)),
            trend: Trend {
                id: format!("spark-{id}-{}", indicator.id.value),
                title: format!(
                    "{} — {}",
                    self.text(lang, indicator.name.text(lang)),
                    self.chart_label(id, lang)
                ),
                desc,
                shape: charts::spark_shape(&values),
            },
        })
    }

    /// The practices of `pes` filed under `area` (under none when `area` is empty).
    fn practice_links(&self, pes: &str, area: &str, lang: &Lang) -> Vec<PracticeLink> {
        let cards: Vec<Card> = if area.is_empty() {
            self.cards(Section::Practices, lang, |listed| {
                listed.owner == pes && listed.areas.is_empty()
            })
        } else {
            self.area_practices(area, Some(pes), lang)
        };
        cards
            .into_iter()
            .map(|card| PracticeLink {
                title: card.title,
                url: card.url,
                lang: card.text_lang,
            })
            .collect()
    }
}

/// A link to a precomputed comparison, named by the PES it compares.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ComparisonLink {
    pub title: String,
    pub url: String,
}

impl Context<'_> {
    /// Every pair of PES of one peer group, each once, in the order of `pes.yaml`: the
    /// comparisons built as pages, so a member reaches them without JavaScript.
    pub(crate) fn peer_pairs(&self) -> Vec<(&str, &str)> {
        let pes = &self.site.data.pes;
        pes.iter()
            .enumerate()
            .flat_map(|(index, first)| {
                pes[index + 1..]
                    .iter()
                    .filter(move |second| second.cluster.value == first.cluster.value)
                    .map(move |second| (first.id.value.as_str(), second.id.value.as_str()))
            })
            .collect()
    }

    /// The title of a comparison: the PES's names (`France Travail / Arbetsförmedlingen`).
    pub(crate) fn comparison_title(&self, ids: &[&str], lang: &Lang) -> String {
        ids.iter()
            .filter_map(|id| self.site.data.pes_by_id(id))
            .map(|pes| pes.name.text(lang).to_string())
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The comparison page and every precomputed comparison, as hreflang groups for the
    /// sitemap.
    pub(crate) fn compare_page_groups(&self) -> Vec<PageGroup> {
        let routes = &self.routes;
        let group = |path_of: &dyn Fn(&Lang) -> PagePath| PageGroup {
            id: PageId::Benchmark(path_of(routes.default_language())),
            paths: routes
                .languages()
                .iter()
                .map(|lang| (lang.clone(), path_of(lang)))
                .collect(),
        };
        let mut groups = vec![group(&|lang| routes.compare(lang))];
        for (first, second) in self.peer_pairs() {
            groups.push(group(&|lang| routes.comparison(first, second, lang)));
        }
        groups
    }

    /// The precomputed comparisons of `pes` with each PES of its peer group.
    pub(crate) fn comparisons_of(&self, pes: &str, lang: &Lang) -> Vec<ComparisonLink> {
        self.peer_pairs()
            .into_iter()
            .filter(|(first, second)| *first == pes || *second == pes)
            .map(|(first, second)| ComparisonLink {
                title: self.comparison_title(&[first, second], lang),
                url: self
                    .routes
                    .link(&self.routes.comparison(first, second, lang)),
            })
            .collect()
    }
}
