//! Checks of the structured data files.

use std::collections::BTreeMap;

use super::{duplicates, Checker, Place};
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Span};
use crate::model::breakdown::{Dimension, Sex, Subgroup};
use crate::model::data::{Assessment, Framework, Kpi, Located, Observation, Unit, MAX_DECIMALS};
use crate::model::text::{Spanned, Translated};

pub(super) fn check(checker: &mut Checker<'_>) {
    check_pes(checker);
    check_clusters(checker);
    check_networks(checker);
    check_categories(checker);
    check_indicators(checker);
    check_areas(checker);
    check_observations(checker);
    let site = checker.site;
    for assessment in &site.data.assessments {
        check_assessment(checker, assessment);
    }
    for framework in &site.data.frameworks {
        check_framework(checker, framework);
    }
    check_datasets(checker);
}

/// Each entry of `datasets.yaml` names a dataset of the site once, with a past date.
fn check_datasets(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let Some(file) = &data.datasets_file else {
        return;
    };
    let place = Place::data(file);
    let known: Vec<&str> = data
        .dataset_paths()
        .into_iter()
        .map(|dataset| dataset.0.as_str())
        .collect();
    for entry in &data.datasets {
        checker.reference(place, &entry.dataset, "dataset", known.iter().copied());
        if let Some(source) = &entry.source {
            checker.localized(place, source, "source");
        }
        if let Some(updated) = &entry.updated {
            checker.past_date(place, updated, "the update date");
        }
    }
    duplicates(
        checker,
        place,
        data.datasets.iter().map(|entry| &entry.dataset),
        "dataset",
    );
}

fn check_pes(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let Some(file) = &data.pes_file else { return };
    let place = Place::data(file);
    let clusters: Vec<&str> = data.clusters.iter().map(|c| c.id.value.as_str()).collect();
    let networks: Vec<&str> = data.networks.iter().map(|n| n.id.value.as_str()).collect();
    for pes in &data.pes {
        checker.slug(place, &pes.id, "PES id");
        checker.translations(place, &pes.name, "name");
        checker.localized(place, &pes.acronym, "acronym");
        let country = &pes.country.value;
        if !checker.countries.knows(country) {
            checker.report(
                place,
                &pes.country,
                format!("`{country}` is not a country code CLDR knows; expected an ISO 3166-1 alpha-2 code such as `FR` or `NO`"),
            );
        }
        checker.reference(place, &pes.network, "network", networks.iter().copied());
        checker.reference(place, &pes.cluster, "cluster", clusters.iter().copied());
        if let Some(website) = &pes.website {
            if !is_web_url(&website.value) {
                checker.report(
                    place,
                    website,
                    format!("`{}` is not an http(s) address", website.value),
                );
            }
        }
    }
    duplicates(checker, place, data.pes.iter().map(|p| &p.id), "PES id");
}

/// Whether a link from data may be published: only web addresses, never `javascript:` and co.
pub(crate) fn is_web_url(url: &str) -> bool {
    crate::web_address::check(url.trim()).is_ok()
}

fn check_clusters(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let Some(file) = &data.clusters_file else {
        return;
    };
    let place = Place::data(file);
    for cluster in &data.clusters {
        checker.slug(place, &cluster.id, "cluster id");
        checker.translations(place, &cluster.name, "name");
        checker.translations(place, &cluster.description, "description");
    }
    duplicates(
        checker,
        place,
        data.clusters.iter().map(|c| &c.id),
        "cluster id",
    );
}

/// Networks and categories: ids and names, nothing else.
fn check_named(
    checker: &mut Checker<'_>,
    file: Option<&std::sync::Arc<crate::diagnostics::SourceFile>>,
    entries: &[(&Spanned<String>, &Translated<String>)],
    kind: &str,
) {
    let Some(file) = file else { return };
    let place = Place::data(file);
    for (id, name) in entries {
        checker.slug(place, id, kind);
        checker.translations(place, name, "name");
    }
    duplicates(checker, place, entries.iter().map(|(id, _)| *id), kind);
}

fn check_networks(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let entries: Vec<_> = data.networks.iter().map(|n| (&n.id, &n.name)).collect();
    check_named(checker, data.networks_file.as_ref(), &entries, "network id");
}

fn check_categories(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let entries: Vec<_> = data.categories.iter().map(|c| (&c.id, &c.name)).collect();
    check_named(
        checker,
        data.categories_file.as_ref(),
        &entries,
        "category id",
    );
}

fn check_indicators(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let Some(file) = &data.indicators_file else {
        return;
    };
    let place = Place::data(file);
    let categories: Vec<&str> = data
        .categories
        .iter()
        .map(|c| c.id.value.as_str())
        .collect();
    let areas: Vec<&str> = data.areas.iter().map(|a| a.id.value.as_str()).collect();
    for indicator in &data.indicators {
        checker.slug(place, &indicator.id, "indicator id");
        checker.translations(place, &indicator.name, "name");
        checker.translations(place, &indicator.definition, "definition");
        checker.reference(
            place,
            &indicator.category,
            "category",
            categories.iter().copied(),
        );
        decimals_in_range(checker, place, indicator.decimals.as_ref());
        for area in &indicator.areas {
            checker.reference(place, area, "excellence area", areas.iter().copied());
        }
    }
    duplicates(
        checker,
        place,
        data.indicators.iter().map(|i| &i.id),
        "indicator id",
    );
}

fn check_areas(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let Some(file) = &data.areas_file else { return };
    let place = Place::data(file);
    for area in &data.areas {
        let id = &area.id.value;
        if !(id.len() == 1 && ("A"..="Z").contains(&id.as_str())) {
            checker.report(
                place,
                &area.id,
                format!("`{id}` is not an area id; expected one capital letter such as `A`"),
            );
        }
        checker.translations(place, &area.name, "name");
        for enabler in &area.enablers {
            let valid = enabler
                .id
                .value
                .strip_prefix(id.as_str())
                .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()));
            if !valid {
                checker.report(
                    place,
                    &enabler.id,
                    format!(
                        "`{}` is not an enabler id of area {id}; expected `{id}1`, `{id}2` …",
                        enabler.id.value
                    ),
                );
            }
            checker.translations(place, &enabler.name, "name");
        }
    }
    duplicates(checker, place, data.areas.iter().map(|a| &a.id), "area id");
    duplicates(
        checker,
        place,
        data.areas
            .iter()
            .flat_map(|a| a.enablers.iter().map(|e| &e.id)),
        "enabler id",
    );
}

fn located_problem<T>(located: &Located<T>, message: String) -> Diagnostic {
    Diagnostic::at(
        &located.file,
        Span::new(located.offset, located.len),
        message,
    )
}

/// What makes an observation unique: PES, indicator, year and breakdown.
type ObservationKey<'a> = (&'a str, &'a str, i32, &'a BTreeMap<String, String>);

fn check_observations(checker: &mut Checker<'_>) {
    let data = &checker.site.data;
    let pes_ids: Vec<&str> = data.pes.iter().map(|p| p.id.value.as_str()).collect();
    let indicator_ids: Vec<&str> = data
        .indicators
        .iter()
        .map(|i| i.id.value.as_str())
        .collect();
    let this_year = checker.today.year();
    let any = !data.observations.is_empty();
    let (check_pes, check_indicator) = (
        any && checker.checkable("PES"),
        any && checker.checkable("indicator"),
    );
    let mut seen: BTreeMap<ObservationKey, &Located<i32>> = BTreeMap::new();
    for observation in &data.observations {
        if check_pes && !pes_ids.contains(&observation.pes.value.as_str()) {
            let mut problem = located_problem(
                &observation.pes,
                format!("unknown PES `{}`", observation.pes.value),
            );
            if let Some(help) = did_you_mean(&observation.pes.value, pes_ids.iter().copied()) {
                problem = problem.with_help(help);
            }
            checker.problems.push(problem);
        }
        let indicator = data
            .indicators
            .iter()
            .find(|i| i.id.value == observation.indicator.value);
        if check_indicator && indicator.is_none() {
            let mut problem = located_problem(
                &observation.indicator,
                format!("unknown indicator `{}`", observation.indicator.value),
            );
            if let Some(help) =
                did_you_mean(&observation.indicator.value, indicator_ids.iter().copied())
            {
                problem = problem.with_help(help);
            }
            checker.problems.push(problem);
        }
        // A CSV file's texts are checked as it is read; a YAML file's are checked here.
        let place = Place::data(&observation.pes.file);
        for (field, name) in [(&observation.note, "note"), (&observation.source, "source")] {
            if let Some(text) = field {
                checker.localized(place, text, name);
            }
        }
        let year = observation.year.value;
        if !(1900..=this_year).contains(&year) {
            checker.problems.push(
                located_problem(
                    &observation.year,
                    format!(
                        "year {year} is out of range; expected a year from 1900 to {this_year}"
                    ),
                )
                .with_code(Code::OutOfRange),
            );
        }
        if let Some(indicator) = indicator {
            let measured = format!("indicator `{}`", indicator.id.value);
            let at = |message| located_problem(&observation.value, message);
            if let Some(problem) =
                unit_problem(indicator.unit, observation.value.value, &measured, at)
            {
                checker.problems.push(problem);
            }
        }
        checker.problems.extend(breakdown_problems(observation));
        let key = (
            observation.pes.value.as_str(),
            observation.indicator.value.as_str(),
            year,
            &observation.breakdown,
        );
        if let Some(first) = seen.get(&key) {
            let (line, _) = first.file.line_column(first.offset);
            checker.problems.push(located_problem(
                &observation.year,
                format!(
                    "duplicate observation of `{}` for `{}` in {year}; the first is in {} line {line}",
                    key.1,
                    key.0,
                    first.file.path.display()
                ),
            ));
        } else {
            seen.insert(key, &observation.year);
        }
    }
}

/// What is wrong with an observation's breakdown: a key that is not `sex` or `age`, or a value
/// that names no subgroup the pages can name in every language. Said at the observation's PES,
/// where its entry or row begins.
fn breakdown_problems(observation: &Observation) -> Vec<Diagnostic> {
    observation
        .breakdown
        .iter()
        .filter_map(|(key, value)| {
            let problem = match Dimension::from_key(key) {
                None => located_problem(
                    &observation.pes,
                    format!("unknown breakdown `{key}`; an observation may be broken down by `sex` or `age`"),
                ),
                Some(dimension) => {
                    let message = Subgroup::parse(dimension, value).err()?;
                    let problem = located_problem(&observation.pes, message);
                    let help = match dimension {
                        Dimension::Sex => did_you_mean(value, Sex::ALL.map(Sex::key)),
                        Dimension::Age => None,
                    };
                    match help {
                        Some(help) => problem.with_help(help),
                        None => problem,
                    }
                }
            };
            Some(problem)
        })
        .collect()
}

/// Why a value cannot be in `unit`, if it cannot, as a problem at the value with what it is
/// measured in: `measured` names the indicator or KPI (`indicator `x``).
fn unit_problem(
    unit: Unit,
    value: f64,
    measured: &str,
    at: impl FnOnce(String) -> Diagnostic,
) -> Option<Diagnostic> {
    let key = unit.key();
    let (message, help) = match unit {
        Unit::Percent if !(0.0..=100.0).contains(&value) => (
            format!("{value} is not a percentage; expected a value from 0 to 100"),
            format!("{measured} is in percent (`unit: {key}`): a share of 48.2 % is written 48.2"),
        ),
        Unit::Count | Unit::Days | Unit::Months | Unit::Ratio | Unit::Score if value < 0.0 => (
            format!("{value} is negative; expected 0 or more"),
            format!("{measured} is in `{key}`, which is never below 0"),
        ),
        _ => return None,
    };
    Some(at(message).with_help(help).with_code(Code::OutOfRange))
}

fn check_assessment(checker: &mut Checker<'_>, assessment: &Assessment) {
    let site = checker.site;
    let place = Place::data(&assessment.file);
    let pes_ids: Vec<&str> = site.data.pes.iter().map(|p| p.id.value.as_str()).collect();
    if !pes_ids.contains(&assessment.pes.as_str()) && checker.checkable("PES") {
        let mut problem = Diagnostic::in_path(
            &assessment.file.path,
            format!(
                "unknown PES `{}` (the file name names the PES)",
                assessment.pes
            ),
        );
        if let Some(help) = did_you_mean(&assessment.pes, pes_ids.iter().copied()) {
            problem = problem.with_help(help);
        }
        checker.problems.push(problem);
    }
    let enablers: Vec<&str> = site
        .data
        .areas
        .iter()
        .flat_map(|a| a.enablers.iter().map(|e| e.id.value.as_str()))
        .collect();
    let body = &assessment.body;
    if let Some(date) = &body.date {
        checker.past_date(place, date, "the assessment date");
    }
    for score in &body.scores {
        checker.reference(place, &score.enabler, "enabler", enablers.iter().copied());
        for (name, value) in [("self", &score.self_score), ("peer", &score.peer)] {
            score_in_range(checker, place, value, name);
        }
        if let Some(comment) = &score.comment {
            checker.translations(place, comment, "comment");
        }
    }
    duplicates(
        checker,
        place,
        body.scores.iter().map(|s| &s.enabler),
        "score for enabler",
    );
    if let Some(strengths) = &body.strengths {
        checker.translations(place, strengths, "strengths");
    }
    if let Some(improvements) = &body.improvements {
        checker.translations(place, improvements, "improvements");
    }
}

fn score_in_range(checker: &mut Checker<'_>, place: Place<'_>, value: &Spanned<i64>, name: &str) {
    if !(1..=6).contains(&value.value) {
        checker.out_of_range(
            place,
            value,
            format!(
                "{name} score {} is out of range; maturity scores run from 1 to 6",
                value.value
            ),
        );
    }
}

fn decimals_in_range(checker: &mut Checker<'_>, place: Place<'_>, decimals: Option<&Spanned<u8>>) {
    let Some(decimals) = decimals.filter(|d| d.value > MAX_DECIMALS) else {
        return;
    };
    checker.out_of_range(
        place,
        decimals,
        format!(
            "`decimals` is {}; values are written with 0 to {MAX_DECIMALS} decimals",
            decimals.value
        ),
    );
}

/// Targets and actuals measure progress from the baseline, so they cannot predate it.
fn before_baseline(checker: &mut Checker<'_>, place: Place<'_>, kpi: &Kpi) {
    let baseline = kpi.baseline.year.value;
    for (kind, values) in [("target", &kpi.targets), ("actual", &kpi.actuals)] {
        let article = if kind == "actual" { "an" } else { "a" };
        for (year, value) in values.range(..baseline) {
            checker.out_of_range(
                place,
                value,
                format!(
                    "KPI `{}` has {article} {kind} for {year}, before its baseline year {baseline}; progress is measured from the baseline",
                    kpi.id.value
                ),
            );
        }
    }
}

/// A KPI's `indicator` is a known indicator counted in the KPI's unit: its figures are
/// compared with the observations, which only makes sense for the same measure.
fn measured_indicator(checker: &mut Checker<'_>, place: Place<'_>, kpi: &Kpi) {
    let Some(id) = &kpi.indicator else { return };
    let indicators = &checker.site.data.indicators;
    let known = indicators.iter().map(|i| i.id.value.as_str());
    if !checker.reference(place, id, "indicator", known) {
        return;
    }
    let Some(indicator) = indicators.iter().find(|i| i.id.value == id.value) else {
        return;
    };
    if indicator.unit != kpi.unit {
        checker.report(
            place,
            id,
            format!(
                "KPI `{}` is in {} but indicator `{}` is in {}; a KPI measures an indicator only in its unit",
                kpi.id.value,
                kpi.unit.key(),
                id.value,
                indicator.unit.key()
            ),
        );
    }
}

fn check_framework(checker: &mut Checker<'_>, framework: &Framework) {
    let site = checker.site;
    let place = Place::data(&framework.file);
    if site.data.pes_by_id(&framework.pes).is_none() && checker.checkable("PES") {
        let pes_ids = site.data.pes.iter().map(|p| p.id.value.as_str());
        let mut problem = Diagnostic::in_path(
            &framework.file.path,
            format!(
                "unknown PES `{}` (the file name names the PES)",
                framework.pes
            ),
        );
        if let Some(help) = did_you_mean(&framework.pes, pes_ids) {
            problem = problem.with_help(help);
        }
        checker.problems.push(problem);
    }
    let body = &framework.body;
    checker.translations(place, &body.title, "title");
    for pillar in &body.pillars {
        checker.slug(place, &pillar.id, "pillar id");
        checker.translations(place, &pillar.name, "name");
        for kpi in &pillar.kpis {
            checker.slug(place, &kpi.id, "KPI id");
            checker.translations(place, &kpi.name, "name");
            if let Some(formula) = &kpi.formula {
                checker.translations(place, formula, "formula");
            }
            for (field, name) in [(&kpi.source, "source"), (&kpi.owner, "owner")] {
                if let Some(text) = field {
                    checker.localized(place, text, name);
                }
            }
            decimals_in_range(checker, place, kpi.decimals.as_ref());
            measured_indicator(checker, place, kpi);
            checker.past_year(place, &kpi.baseline.year, "baseline year");
            let this_year = checker.today.year();
            for (year, actual) in &kpi.actuals {
                if *year > this_year {
                    checker.out_of_range(
                        place,
                        actual,
                        format!("an actual for {year} is in the future"),
                    );
                }
            }
            let measured = format!("KPI `{}`", kpi.id.value);
            for value in kpi.actuals.values().chain(kpi.targets.values()) {
                let at = |message| checker.problem(place, value, message);
                if let Some(problem) = unit_problem(kpi.unit, value.value, &measured, at) {
                    checker.problems.push(problem);
                }
            }
            before_baseline(checker, place, kpi);
        }
    }
    duplicates(
        checker,
        place,
        body.pillars.iter().map(|p| &p.id),
        "pillar id",
    );
    let kpi_ids: Vec<&Spanned<String>> = body
        .pillars
        .iter()
        .flat_map(|p| p.kpis.iter().map(|k| &k.id))
        .collect();
    duplicates(checker, place, kpi_ids.iter().copied(), "KPI id");
    for activity in &body.activities {
        checker.translations(place, &activity.name, "name");
        checker.localized(place, &activity.responsible, "responsible");
        if let Some(kpi) = &activity.kpi {
            checker.reference(place, kpi, "KPI", kpi_ids.iter().map(|k| k.value.as_str()));
        }
    }
}
