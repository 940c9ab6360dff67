//! Where the figures of a view come from: the line under every chart and table of figures,
//! and at the foot of every chart's SVG, so that a chart copied out of the page keeps it.
//!
//! A view gathers what it shows in a [`Shown`] as it is built; [`Context::provenance`] turns
//! that into the sources, the years, the date of the last update and, where any dataset shown
//! is illustrative, that word, in the page's language.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::i18n::Value as Argument;
use crate::model::data::{Assessment, Data, DatasetPath, Framework, Kpi, Observation};
use crate::model::lang::Lang;
use crate::model::text::{Date, Localized};
use crate::render::Context;

/// UI strings the provenance line is made of; checked before rendering starts.
pub(crate) const PROVENANCE_KEYS: &[&str] = &[
    "provenance.sources",
    "provenance.years",
    "provenance.updated",
    "provenance.illustrative",
];

/// What one view shows, gathered while it is built: the datasets, the sources the figures
/// name themselves, and the years.
#[derive(Debug, Default)]
pub(crate) struct Shown<'d> {
    datasets: BTreeSet<&'d DatasetPath>,
    /// Sources named by the figures themselves (an observation's, a KPI's), in the order met.
    sources: Vec<&'d Localized>,
    /// Datasets with figures that name no source of their own: their entry's source stands in.
    unsourced: BTreeSet<&'d DatasetPath>,
    years: BTreeSet<i32>,
}

impl<'d> Shown<'d> {
    /// What a view of `observations` shows.
    pub fn observations(observations: impl IntoIterator<Item = &'d Observation>) -> Self {
        let mut shown = Shown::default();
        for observation in observations {
            shown.observation(observation);
        }
        shown
    }

    /// The totals of `indicator` (observations without a breakdown, as its tables hold) for
    /// the PES and years `include` keeps.
    pub fn totals(data: &'d Data, indicator: &str, include: impl Fn(&str, i32) -> bool) -> Self {
        Shown::observations(data.observations.iter().filter(|o| {
            o.indicator.value == indicator
                && o.breakdown.is_empty()
                && include(&o.pes.value, o.year.value)
        }))
    }

    /// `self`, or when it is empty (a peer group that reported nothing), `fallback`: a view
    /// with no figure still says where its figures would come from.
    pub fn or(self, fallback: impl FnOnce() -> Self) -> Self {
        if self.is_empty() {
            fallback()
        } else {
            self
        }
    }

    /// What a view of the scores of `assessments` shows.
    pub fn assessments(assessments: impl IntoIterator<Item = &'d Assessment>) -> Self {
        let mut shown = Shown::default();
        for assessment in assessments {
            shown.assessment(assessment);
        }
        shown
    }

    /// Adds one observation.
    pub fn observation(&mut self, observation: &'d Observation) {
        self.years.insert(observation.year.value);
        self.from(&observation.dataset, observation.source.as_ref());
    }

    /// Adds one assessment: its cycle, and the year it was made in (else the cycle's own,
    /// where its name starts with one, as `2024` or `2024-spring`).
    pub fn assessment(&mut self, assessment: &'d Assessment) {
        let year = match &assessment.body.date {
            Some(date) => Some(date.value.year()),
            None => leading_year(&assessment.cycle),
        };
        self.years.extend(year);
        self.from(&assessment.dataset, None);
    }

    /// Adds one KPI of `framework`: the years from its baseline to its last target or actual.
    pub fn kpi(&mut self, framework: &'d Framework, kpi: &'d Kpi) {
        self.years.insert(kpi.baseline.year.value);
        self.years
            .extend(kpi.targets.keys().chain(kpi.actuals.keys()));
        self.from(&framework.dataset, kpi.source.as_ref());
    }

    /// Adds the activity plan of `framework`: the years its activities are due in.
    pub fn activities(&mut self, framework: &'d Framework) {
        let due = framework
            .body
            .activities
            .iter()
            .filter_map(|a| a.due.map(|due| due.year()));
        self.years.extend(due);
        self.from(&framework.dataset, None);
    }

    /// Adds everything `other` shows.
    pub fn merge(&mut self, other: Shown<'d>) {
        self.datasets.extend(other.datasets);
        self.unsourced.extend(other.unsourced);
        self.years.extend(other.years);
        self.sources.extend(other.sources);
    }

    /// Whether nothing was shown.
    pub fn is_empty(&self) -> bool {
        self.datasets.is_empty()
    }

    fn from(&mut self, dataset: &'d DatasetPath, source: Option<&'d Localized>) {
        self.datasets.insert(dataset);
        match source {
            Some(source) => self.add_source(source),
            None => {
                self.unsourced.insert(dataset);
            }
        }
    }

    /// Keeps every source met; their texts are made unique once in the page's language.
    fn add_source(&mut self, source: &'d Localized) {
        self.sources.push(source);
    }
}

/// The year a cycle's name starts with: `2024` of `2024-spring`.
fn leading_year(cycle: &str) -> Option<i32> {
    cycle.get(..4)?.parse().ok()
}

/// The provenance of a view, ready for a template and for a chart's SVG.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Provenance {
    /// Sources, years and the last update, each with its label, in that order.
    pub parts: Vec<ProvenancePart>,
    /// "Illustrative data" in the page's language, where a dataset shown is illustrative.
    pub illustrative: Option<String>,
    /// The whole line as one text, for the foot and the description of a chart.
    pub line: String,
}

/// One part of a provenance line: `Sources: …`, `Years: 2020–2024`, `Updated: 3 March 2026`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProvenancePart {
    pub label: String,
    pub text: String,
    /// The machine-readable date of the last update, for `<time>`.
    pub datetime: Option<String>,
}

impl Provenance {
    /// Whether the view shows illustrative figures.
    pub fn is_illustrative(&self) -> bool {
        self.illustrative.is_some()
    }

    /// The line a chart writes at its foot, if there is one.
    pub fn chart_line(provenance: Option<&Provenance>) -> Option<String> {
        provenance.map(|p| p.line.clone())
    }
}

impl Context<'_> {
    /// The provenance of what a view shows, in `lang`; none for a view that shows no data.
    pub(crate) fn provenance(&self, lang: &Lang, shown: &Shown<'_>) -> Option<Provenance> {
        if shown.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        let sources = self.source_texts(lang, shown);
        if !sources.is_empty() {
            let text = self.text(lang, &sources.join("; "));
            parts.push(self.part(lang, "provenance.sources", sources.len(), text));
        }
        if !shown.years.is_empty() {
            let years = year_span(&shown.years);
            parts.push(self.part(lang, "provenance.years", shown.years.len(), years));
        }
        if let Some(updated) = self.last_update(shown) {
            parts.push(ProvenancePart {
                label: self.label(lang, "provenance.updated"),
                text: self.formats(lang).date(updated),
                datetime: Some(updated.to_string()),
            });
        }
        let illustrative = shown
            .datasets
            .iter()
            .any(|dataset| self.is_illustrative(dataset))
            .then(|| self.label(lang, "provenance.illustrative"));
        let colon = self.label(lang, "bench.colon");
        let line = parts
            .iter()
            .map(|part| format!("{}{colon} {}", part.label, part.text))
            .chain(illustrative.clone())
            .collect::<Vec<_>>()
            .join(" · ");
        Some(Provenance {
            parts,
            illustrative,
            line,
        })
    }

    /// The provenance of the scores of an assessment cycle, in `lang`.
    pub(crate) fn cycle_provenance(&self, cycle: &str, lang: &Lang) -> Option<Provenance> {
        let assessments = crate::analysis::maturity::in_cycle(&self.site.data, cycle);
        self.provenance(lang, &Shown::assessments(assessments.into_values()))
    }

    /// Whether `dataset`'s figures are illustrative: as `datasets.yaml` says, else as the site
    /// says of all its data.
    pub(crate) fn is_illustrative(&self, dataset: &DatasetPath) -> bool {
        self.site
            .data
            .dataset(dataset)
            .and_then(|entry| entry.illustrative)
            .unwrap_or(self.site.config.options.illustrative_data)
    }

    fn part(&self, lang: &Lang, key: &str, count: usize, text: String) -> ProvenancePart {
        ProvenancePart {
            label: self.say(lang, key, &[("count", Argument::Count(count))]),
            text,
            datetime: None,
        }
    }

    /// The sources the figures name, then those of the datasets whose figures name none; each
    /// text once.
    fn source_texts(&self, lang: &Lang, shown: &Shown<'_>) -> Vec<String> {
        let own = shown.sources.iter().copied();
        let of_datasets = shown
            .unsourced
            .iter()
            .filter_map(|dataset| self.site.data.dataset(dataset)?.source.as_ref());
        let mut texts: Vec<String> = Vec::new();
        for source in own.chain(of_datasets) {
            let text = self.text(lang, source.text(lang));
            if !text.is_empty() && !texts.contains(&text) {
                texts.push(text);
            }
        }
        texts
    }

    /// The latest update of the datasets shown, where `datasets.yaml` gives one.
    fn last_update(&self, shown: &Shown<'_>) -> Option<Date> {
        shown
            .datasets
            .iter()
            .filter_map(|dataset| Some(self.site.data.dataset(dataset)?.updated.as_ref()?.value))
            .max()
    }
}

/// Years as runs: `2024`, `2020–2024`, `2020–2022, 2024`.
fn year_span(years: &BTreeSet<i32>) -> String {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &year in years {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == year => *end = year,
            _ => runs.push((year, year)),
        }
    }
    runs.iter()
        .map(|&(start, end)| match end - start {
            0 => start.to_string(),
            _ => format!("{start}–{end}"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_written_as_runs() {
        let span = |years: &[i32]| year_span(&years.iter().copied().collect());
        assert_eq!(span(&[2024]), "2024");
        assert_eq!(span(&[2020, 2021, 2022, 2023]), "2020–2023");
        assert_eq!(span(&[2020, 2021, 2022, 2024]), "2020–2022, 2024");
        assert_eq!(span(&[2019, 2021]), "2019, 2021");
    }

    #[test]
    fn a_cycle_named_by_its_year_gives_it() {
        assert_eq!(leading_year("2024"), Some(2024));
        assert_eq!(leading_year("2024-spring"), Some(2024));
        assert_eq!(leading_year("spring"), None);
        assert_eq!(leading_year("é"), None);
    }
}
