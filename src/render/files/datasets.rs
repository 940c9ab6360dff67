//! Downloads of the data behind the assessment and framework pages, as CSV: every score of
//! every cycle (or, in an edition that keeps each PES's scores for members, only how they
//! spread: counts, quartiles and medians of the network and of the peer groups large
//! enough), every KPI figure (baseline, targets, actuals) and every step of the activity
//! plans. Like the observations' downloads, their columns are stable ids first, then the
//! texts and names of the coded columns once per site language (`pes_name.fr`,
//! `pes_name.en`), so a reader of any language finds names beside the codes. Column names
//! are a published interface (see `docs/benchmarks.md`); keep them stable.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::maturity::{self, Spread};
use crate::analysis::stats::Quartiles;
use crate::diagnostics::Diagnostics;
use crate::model::data::{Area, Data, Kpi};
use crate::model::lang::Lang;
use crate::model::text::{Localized, Spanned, Translated};
use crate::render::family::Family;
use crate::render::files::downloads::{csv_file, Cell, Row};
use crate::render::{Change, Context, OutputFile};

/// The downloads of assessments and frameworks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Datasets;

/// One dataset, one CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dataset {
    /// Self and peer scores per cycle, PES and enabler: only where each PES's scores are shown.
    Assessments,
    /// Where each PES's scores are kept for members: how many PES, quartiles and median of
    /// the self and peer scores per cycle, group (the network or a peer group large enough),
    /// area and enabler.
    AssessmentSpreads,
    /// The KPIs of every framework: baseline, targets and actuals, one figure per row.
    Kpis,
    /// The activity plans of every framework.
    Activities,
}

/// Every dataset, in the order pages list them.
const ALL: [Dataset; 4] = [
    Dataset::Assessments,
    Dataset::AssessmentSpreads,
    Dataset::Kpis,
    Dataset::Activities,
];

/// UI strings naming the datasets, checked before rendering starts.
pub(crate) fn dataset_keys() -> impl Iterator<Item = String> {
    ALL.iter().map(|dataset| dataset.label_key().to_string())
}

/// A link to a dataset's download, for the page that shows its data.
#[derive(Debug, Serialize)]
pub struct DatasetLink {
    pub label: String,
    pub url: String,
}

impl Context<'_> {
    /// Links to those of `datasets` the site publishes, labelled in `lang`.
    pub(crate) fn dataset_links(&self, datasets: &[Dataset], lang: &Lang) -> Vec<DatasetLink> {
        datasets
            .iter()
            .filter(|dataset| dataset.is_present(self))
            .map(|dataset| DatasetLink {
                label: self.label(lang, dataset.label_key()),
                url: self.routes.link(&self.routes.download(dataset.file())),
            })
            .collect()
    }
}

impl Dataset {
    /// The UI string that names its download.
    fn label_key(self) -> &'static str {
        match self {
            Dataset::Assessments => "bench.download_assessments",
            Dataset::AssessmentSpreads => "bench.download_assessment_spreads",
            Dataset::Kpis => "bench.download_kpis",
            Dataset::Activities => "bench.download_activities",
        }
    }

    /// Its file, under the site's `data/` folder.
    pub(crate) fn file(self) -> &'static str {
        match self {
            Dataset::Assessments => "assessments.csv",
            Dataset::AssessmentSpreads => "assessment-spreads.csv",
            Dataset::Kpis => "framework-kpis.csv",
            Dataset::Activities => "framework-activities.csv",
        }
    }

    /// Whether the edition publishes it and the site holds any of its data; an empty dataset
    /// is not published.
    pub(super) fn is_present(self, cx: &Context<'_>) -> bool {
        let data = &cx.site.data;
        match self {
            Dataset::Assessments => cx.site.edition.pes_scores && !data.assessments.is_empty(),
            Dataset::AssessmentSpreads => {
                !cx.site.edition.pes_scores
                    && maturity::cycles(data)
                        .iter()
                        .any(|cycle| cx.shows_network_spread(cycle))
            }
            Dataset::Kpis => data
                .frameworks
                .iter()
                .any(|f| f.body.pillars.iter().any(|p| !p.kpis.is_empty())),
            Dataset::Activities => data
                .frameworks
                .iter()
                .any(|f| !f.body.activities.is_empty()),
        }
    }

    /// Its columns: the stable ones, then those repeated per site language.
    pub(super) fn columns(self, languages: &[Lang]) -> Vec<String> {
        let (stable, per_language): (&[&str], &[&str]) = match self {
            Dataset::Assessments => (
                &["cycle", "pes", "area", "enabler", "self", "peer"],
                &["pes_name", "area_name", "enabler_name"],
            ),
            Dataset::AssessmentSpreads => (
                &[
                    "cycle",
                    "peer_group",
                    "area",
                    "enabler",
                    "assessment",
                    "count",
                    "q1",
                    "median",
                    "q3",
                ],
                &["peer_group_name", "area_name", "enabler_name"],
            ),
            Dataset::Kpis => (
                &["pes", "pillar", "kpi", "unit", "kind", "year", "value"],
                &["pes_name", "pillar_name", "kpi_name", "source", "owner"],
            ),
            Dataset::Activities => (
                &["pes", "kpi", "due", "status"],
                &["pes_name", "activity", "responsible"],
            ),
        };
        stable
            .iter()
            .map(|column| column.to_string())
            .chain(
                per_language
                    .iter()
                    .flat_map(|field| languages.iter().map(move |lang| format!("{field}.{lang}"))),
            )
            .collect()
    }

    /// Its rows, in a stable order: by cycle or PES, then as the data files list them.
    fn rows(self, cx: &Context<'_>) -> Vec<Row> {
        match self {
            Dataset::Assessments => assessment_rows(cx),
            Dataset::AssessmentSpreads => spread_rows(cx),
            Dataset::Kpis => kpi_rows(cx),
            Dataset::Activities => activity_rows(cx),
        }
    }
}

impl Family for Datasets {
    type Page = Dataset;

    fn pages(self, cx: &Context<'_>) -> Vec<Dataset> {
        ALL.into_iter()
            .filter(|dataset| dataset.is_present(cx))
            .collect()
    }

    fn template(self, _: &Dataset) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Dataset, change: &Change) -> bool {
        change.reaches_figures()
    }

    fn render(self, cx: &Context<'_>, dataset: &Dataset) -> Result<OutputFile, Diagnostics> {
        csv_file(
            cx.routes.download(dataset.file()),
            &dataset.columns(cx.site.config.languages()),
            dataset.rows(cx),
        )
    }
}

/// A text cell per site language.
fn in_each(cx: &Context<'_>, text: impl Fn(&Lang) -> String) -> Vec<Cell> {
    cx.site
        .config
        .languages()
        .iter()
        .map(|lang| Cell::Text(text(lang)))
        .collect()
}

/// The PES's name in each site language (its id where the data does not know it).
fn pes_names(cx: &Context<'_>, pes: &str) -> Vec<Cell> {
    let known = cx.site.data.pes_by_id(pes);
    in_each(cx, |lang| {
        known.map_or(pes.to_string(), |p| p.name.text(lang).to_string())
    })
}

fn names(cx: &Context<'_>, name: &Translated<String>) -> Vec<Cell> {
    in_each(cx, |lang| name.text(lang).to_string())
}

fn localized(cx: &Context<'_>, text: Option<&Localized>) -> Vec<Cell> {
    in_each(cx, |lang| text.map_or("", |t| t.text(lang)).to_string())
}

/// The area an enabler belongs to.
fn area_of<'d>(data: &'d Data, enabler: &str) -> Option<&'d Area> {
    data.areas
        .iter()
        .find(|area| area.enablers.iter().any(|e| e.id.value == enabler))
}

fn assessment_rows(cx: &Context<'_>) -> Vec<Row> {
    let data = &cx.site.data;
    let mut assessments: Vec<_> = data.assessments.iter().collect();
    assessments.sort_by(|a, b| (&a.cycle, &a.pes).cmp(&(&b.cycle, &b.pes)));
    assessments
        .into_iter()
        .flat_map(|assessment| {
            assessment.body.scores.iter().map(move |score| {
                let enabler = score.enabler.value.as_str();
                let area = area_of(data, enabler);
                let enabler_name = area
                    .and_then(|a| a.enablers.iter().find(|e| e.id.value == enabler))
                    .map(|e| &e.name);
                let stable = [
                    Cell::Text(assessment.cycle.clone()),
                    Cell::Text(assessment.pes.clone()),
                    Cell::Text(area.map_or("", |a| a.id.value.as_str()).to_string()),
                    Cell::Text(enabler.to_string()),
                    Cell::Integer(score.self_score.value),
                    Cell::Integer(score.peer.value),
                ];
                let area_names =
                    area.map_or_else(|| in_each(cx, |_| String::new()), |a| names(cx, &a.name));
                let enabler_names =
                    enabler_name.map_or_else(|| in_each(cx, |_| String::new()), |n| names(cx, n));
                Row(stable
                    .into_iter()
                    .chain(pes_names(cx, &assessment.pes))
                    .chain(area_names)
                    .chain(enabler_names)
                    .collect())
            })
        })
        .collect()
}

/// The peer groups of `cycle` whose spreads an edition shows, by id, with their names in each
/// site language; `""` is the whole network.
fn spread_groups<'d>(cx: &Context<'d>, cycle: &str) -> Vec<(&'d str, Vec<Cell>)> {
    let data = &cx.site.data;
    let mut groups = vec![("", in_each(cx, |lang| cx.label(lang, "groups.network")))];
    for cluster in &data.clusters {
        let id = cluster.id.value.as_str();
        let count = maturity::assessed_count(data, cycle, |pes| cx.cluster_of(pes) == id);
        if count > 0 && cx.site.edition.shows_group_of(count) {
            groups.push((id, names(cx, &cluster.name)));
        }
    }
    groups
}

/// The rows of a spread: one for the self scores, one for the peer scores. Figures are
/// rounded to two decimals, the precision a mean of 1–6 scores needs.
fn spread_pair(stable: [Cell; 4], spread: &Spread, names: Vec<Cell>) -> [Row; 2] {
    let round = |value: f64| (value * 100.0).round() / 100.0;
    let row = |kind: &str, quartiles: &Quartiles| {
        let [cycle, group, area, enabler] = stable.clone();
        Row([
            cycle,
            group,
            area,
            enabler,
            Cell::Text(kind.to_string()),
            Cell::Integer(i64::try_from(spread.count).unwrap_or(i64::MAX)),
            Cell::Value(round(quartiles.q1)),
            Cell::Value(round(quartiles.median)),
            Cell::Value(round(quartiles.q3)),
        ]
        .into_iter()
        .chain(names.iter().cloned())
        .collect())
    };
    [row("self", &spread.self_scores), row("peer", &spread.peer)]
}

fn spread_rows(cx: &Context<'_>) -> Vec<Row> {
    let data = &cx.site.data;
    let blank = || in_each(cx, |_| String::new());
    let mut rows = Vec::new();
    for cycle in maturity::cycles(data)
        .into_iter()
        .filter(|cycle| cx.shows_network_spread(cycle))
    {
        for (group, group_names) in spread_groups(cx, &cycle) {
            let include = |pes: &str| group.is_empty() || cx.cluster_of(pes) == group;
            for area in &data.areas {
                let area_id = area.id.value.as_str();
                let stable = |enabler: &str| {
                    [
                        Cell::Text(cycle.clone()),
                        Cell::Text(group.to_string()),
                        Cell::Text(area_id.to_string()),
                        Cell::Text(enabler.to_string()),
                    ]
                };
                let area_names = || {
                    group_names
                        .iter()
                        .cloned()
                        .chain(names(cx, &area.name))
                        .collect::<Vec<_>>()
                };
                if let Some(spread) = maturity::area_spread(data, &cycle, area_id, include) {
                    let named = area_names().into_iter().chain(blank()).collect();
                    rows.extend(spread_pair(stable(""), &spread, named));
                }
                for enabler in &area.enablers {
                    let id = enabler.id.value.as_str();
                    if let Some(spread) = maturity::enabler_spread(data, &cycle, id, include) {
                        let named = area_names()
                            .into_iter()
                            .chain(names(cx, &enabler.name))
                            .collect();
                        rows.extend(spread_pair(stable(id), &spread, named));
                    }
                }
            }
        }
    }
    rows
}

/// One figure of a KPI: its kind (`baseline`, `target`, `actual`), year and value.
fn kpi_figures(kpi: &Kpi) -> Vec<(&'static str, i32, f64)> {
    let baseline = [("baseline", kpi.baseline.year.value, kpi.baseline.value)];
    let by_year = |kind: &'static str, values: &BTreeMap<i32, Spanned<f64>>| {
        values
            .iter()
            .map(|(year, value)| (kind, *year, value.value))
            .collect::<Vec<_>>()
    };
    baseline
        .into_iter()
        .chain(by_year("target", &kpi.targets))
        .chain(by_year("actual", &kpi.actuals))
        .collect()
}

fn kpi_rows(cx: &Context<'_>) -> Vec<Row> {
    let mut frameworks: Vec<_> = cx.site.data.frameworks.iter().collect();
    frameworks.sort_by(|a, b| a.pes.cmp(&b.pes));
    let mut rows = Vec::new();
    for framework in frameworks {
        for pillar in &framework.body.pillars {
            for kpi in &pillar.kpis {
                for (kind, year, value) in kpi_figures(kpi) {
                    let stable = [
                        Cell::Text(framework.pes.clone()),
                        Cell::Text(pillar.id.value.clone()),
                        Cell::Text(kpi.id.value.clone()),
                        Cell::Text(kpi.unit.key().to_string()),
                        Cell::Text(kind.to_string()),
                        Cell::Year(year),
                        Cell::Value(value),
                    ];
                    rows.push(Row(stable
                        .into_iter()
                        .chain(pes_names(cx, &framework.pes))
                        .chain(names(cx, &pillar.name))
                        .chain(names(cx, &kpi.name))
                        .chain(localized(cx, kpi.source.as_ref()))
                        .chain(localized(cx, kpi.owner.as_ref()))
                        .collect()));
                }
            }
        }
    }
    rows
}

fn activity_rows(cx: &Context<'_>) -> Vec<Row> {
    let mut frameworks: Vec<_> = cx.site.data.frameworks.iter().collect();
    frameworks.sort_by(|a, b| a.pes.cmp(&b.pes));
    frameworks
        .into_iter()
        .flat_map(|framework| {
            framework.body.activities.iter().map(move |activity| {
                let stable = [
                    Cell::Text(framework.pes.clone()),
                    Cell::Text(
                        activity
                            .kpi
                            .as_ref()
                            .map_or("", |k| k.value.as_str())
                            .to_string(),
                    ),
                    Cell::Text(activity.due.map(|due| due.to_string()).unwrap_or_default()),
                    Cell::Text(activity.status.key().to_string()),
                ];
                Row(stable
                    .into_iter()
                    .chain(pes_names(cx, &framework.pes))
                    .chain(names(cx, &activity.name))
                    .chain(localized(cx, Some(&activity.responsible)))
                    .collect())
            })
        })
        .collect()
}
