//! What the benchmark pages share: a chart with its caption, table cells that keep a raw
//! value for sorting, and the labels of units and directions and the names of categories.

use crate::model::lang::Lang;
use minijinja::Value;
use serde::Serialize;

use crate::analysis::stats::Verdict;
use crate::model::data::{Better, Indicator, Unit};
use crate::render::engine::routes::{PageGroup, PageId, PagePath};
use crate::render::views::provenance::Provenance;
use crate::render::Context;

/// UI strings the benchmark pages look up from Rust; checked before rendering starts.
pub(crate) const BENCH_KEYS: &[&str] = &[
    "bench.nav_indicators",
    "bench.nav_assessments",
    "bench.no_data",
    "bench.colon",
    "bench.median_line",
    "bench.network_median",
    "bench.cluster_median",
    "bench.self",
    "bench.peer",
    "bench.unit.percent",
    "bench.unit.count",
    "bench.unit.ratio",
    "bench.unit.score",
    "bench.unit.days",
    "bench.unit.months",
    "bench.better.higher",
    "bench.better.lower",
    "bench.change_verdict.better",
    "bench.change_verdict.worse",
    "bench.change_verdict.same",
    "bench.gap_verdict.better",
    "bench.gap_verdict.worse",
    "bench.gap_verdict.same",
    "bench.activity.planned",
    "bench.activity.in-progress",
    "bench.activity.done",
    "bench.activity.delayed",
    "bench.learn_basis_category",
    "bench.learn_basis_area",
];

/// A chart ready for a `<figure>`: its SVG, its visible caption, and where its figures come
/// from, for the table of the same figures beside it.
#[derive(Debug, Serialize)]
pub(crate) struct Figure {
    pub svg: Value,
    pub caption: String,
    pub provenance: Option<Provenance>,
}

impl Figure {
    pub fn new(svg: String, caption: String, provenance: Option<Provenance>) -> Figure {
        Figure {
            svg: Value::from_safe_string(svg),
            caption,
            provenance,
        }
    }
}

/// A table cell: the text shown (`None` is a gap) and a raw value for sorting scripts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Cell {
    pub text: Option<String>,
    pub sort: String,
    /// For a change or a gap: whether it is for the better, in words and as a class.
    pub verdict: Option<VerdictView>,
}

impl Cell {
    pub fn number(value: Option<f64>, text: impl Fn(f64) -> String) -> Cell {
        Cell {
            text: value.map(&text),
            sort: value.map(|v| v.to_string()).unwrap_or_default(),
            verdict: None,
        }
    }

    /// The cell with `verdict` said beside its figure.
    pub fn judged(mut self, verdict: Option<VerdictView>) -> Cell {
        self.verdict = verdict;
        self
    }
}

/// Whether a change or a gap is for the better: `class` (`is-better`, `is-worse`,
/// `is-same`) colours it, `word` says it, so colour is never the only sign.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct VerdictView {
    pub class: String,
    pub word: String,
}

/// An indicator's identity as its pages and lists show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorHead {
    pub id: String,
    pub name: String,
    pub definition: String,
    pub unit: String,
    pub better: String,
    pub category: String,
    pub url: String,
}

/// A page's path in a given language.
type PathOf<'a> = Box<dyn Fn(&Lang) -> PagePath + 'a>;

impl Context<'_> {
    /// The verdict on a change over time of `indicator`, worded in `lang` ("improvement").
    pub(crate) fn change_verdict(
        &self,
        delta: f64,
        indicator: &Indicator,
        lang: &Lang,
    ) -> VerdictView {
        self.verdict(delta, indicator, lang, "bench.change_verdict")
    }

    /// The verdict on a gap between a value and a reference (a median), worded in `lang`
    /// ("better").
    pub(crate) fn gap_verdict(
        &self,
        delta: f64,
        indicator: &Indicator,
        lang: &Lang,
    ) -> VerdictView {
        self.verdict(delta, indicator, lang, "bench.gap_verdict")
    }

    fn verdict(&self, delta: f64, indicator: &Indicator, lang: &Lang, words: &str) -> VerdictView {
        let verdict = Verdict::of(delta, indicator.better, indicator.value_format().decimals);
        VerdictView {
            class: format!("is-{}", verdict.key()),
            word: self.label(lang, &format!("{words}.{}", verdict.key())),
        }
    }

    pub(crate) fn unit_label(&self, unit: Unit, lang: &Lang) -> String {
        let key = match unit {
            Unit::Percent => "bench.unit.percent",
            Unit::Count => "bench.unit.count",
            Unit::Ratio => "bench.unit.ratio",
            Unit::Score => "bench.unit.score",
            Unit::Days => "bench.unit.days",
            Unit::Months => "bench.unit.months",
        };
        self.label(lang, key)
    }

    pub(crate) fn better_label(&self, better: Better, lang: &Lang) -> String {
        self.label(
            lang,
            match better {
                Better::Higher => "bench.better.higher",
                Better::Lower => "bench.better.lower",
            },
        )
    }

    /// A category's name in `lang`, from `categories.yaml` (the id of a category that is not
    /// there, which validation reports).
    pub(crate) fn category_name(&self, id: &str, lang: &Lang) -> String {
        self.site
            .data
            .category_by_id(id)
            .map_or_else(|| id.to_string(), |c| self.text(lang, c.name.text(lang)))
    }

    /// An excellence area's name in `lang`, behind its letter in charts; none when unknown.
    pub(crate) fn area_name(&self, id: &str, lang: &Lang) -> Option<String> {
        self.site
            .data
            .area_by_id(id)
            .map(|area| self.text(lang, area.name.text(lang)))
    }

    pub(crate) fn indicator_head(&self, indicator: &Indicator, lang: &Lang) -> IndicatorHead {
        let id = indicator.id.value.as_str();
        IndicatorHead {
            id: id.to_string(),
            name: self.text(lang, indicator.name.text(lang)),
            definition: self.text(lang, indicator.definition.text(lang)),
            unit: self.unit_label(indicator.unit, lang),
            better: self.better_label(indicator.better, lang),
            category: self.category_name(&indicator.category.value, lang),
            url: self.routes.link(&self.routes.indicator(id, lang)),
        }
    }

    /// The short label of a PES in charts: its acronym in `lang`, or its id if it has none.
    pub(crate) fn chart_label(&self, pes: &str, lang: &Lang) -> String {
        self.site
            .data
            .pes_by_id(pes)
            .map(|p| p.acronym.text(lang).to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| pes.to_string())
    }

    /// The full name of a PES in `lang`, behind its short label in charts; none when unknown.
    pub(crate) fn chart_name(&self, pes: &str, lang: &Lang) -> Option<String> {
        self.site
            .data
            .pes_by_id(pes)
            .map(|p| p.name.text(lang).to_string())
    }

    /// The cluster id of a PES, empty when unknown.
    pub(crate) fn cluster_of(&self, pes: &str) -> &str {
        self.site
            .data
            .pes_by_id(pes)
            .map_or("", |p| p.cluster.value.as_str())
    }

    /// "3 / 12", a rank out of how many.
    pub(crate) fn rank_text(&self, rank: usize, count: usize, lang: &Lang) -> String {
        let formats = self.formats(lang);
        format!("{} / {}", formats.integer(rank), formats.integer(count))
    }
}

impl Context<'_> {
    /// The benchmark pages (indicators, assessments, areas, frameworks, peer groups) as
    /// hreflang groups
    /// for the sitemap.
    pub(crate) fn bench_page_groups(&self) -> Vec<PageGroup> {
        let data = &self.site.data;
        let routes = &self.routes;
        let mut pages: Vec<PathOf<'_>> = vec![
            Box::new(|lang| routes.indicators(lang)),
            Box::new(|lang| routes.assessments(lang)),
            Box::new(|lang| routes.frameworks(lang)),
            Box::new(|lang| routes.peer_groups(lang)),
        ];
        for cluster in &data.clusters {
            let cluster = cluster.id.value.as_str();
            pages.push(Box::new(move |lang| routes.peer_group(cluster, lang)));
        }
        for indicator in &data.indicators {
            let id = indicator.id.value.as_str();
            pages.push(Box::new(move |lang| routes.indicator(id, lang)));
            for cluster in &data.clusters {
                let cluster = cluster.id.value.as_str();
                pages.push(Box::new(move |lang| {
                    routes.indicator_cluster(id, cluster, lang)
                }));
            }
        }
        for cycle in crate::analysis::maturity::cycles(data) {
            pages.push(Box::new(move |lang| routes.assessment_cycle(&cycle, lang)));
        }
        for area in &data.areas {
            let id = area.id.value.as_str();
            pages.push(Box::new(move |lang| routes.area(id, lang)));
        }
        for framework in &data.frameworks {
            let pes = framework.pes.as_str();
            pages.push(Box::new(move |lang| routes.framework(pes, lang)));
        }
        pages
            .into_iter()
            .map(|path_of| PageGroup {
                id: PageId::Benchmark(path_of(routes.default_language())),
                paths: routes
                    .languages()
                    .iter()
                    .map(|lang| (lang.clone(), path_of(lang)))
                    .collect(),
            })
            .collect()
    }
}
