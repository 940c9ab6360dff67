//! Consistency checks: a framework KPI that names the indicator it measures must agree with
//! the PES's observations of it; `check` and `build` warn, with the KPI's position, and still
//! succeed.

use std::path::Path;

use crate::common::{benchlearn, Site};

const FRAMEWORK: &str = "content/data/frameworks/fr-ft.yaml";

/// A framework of France Travail (`fr-ft`, whose observations of `transitions` are 43.5 in
/// 2022 and 45.5 in 2023 in the minimal fixture) with one KPI measuring that indicator.
fn site_with_kpi(kpi_lines: &str) -> Site {
    let site = Site::copy("minimal");
    site.write(
        FRAMEWORK,
        &format!(
            "title: {{fr: \"Cadre\", en: \"Framework\"}}\n\
             pillars:\n\
             \x20 - id: outcomes\n\
             \x20   name: {{fr: \"Résultats\", en: \"Outcomes\"}}\n\
             \x20   kpis:\n\
             \x20     - id: placements\n\
             \x20       name: {{fr: \"Placements\", en: \"Placements\"}}\n\
             \x20       unit: percent\n\
             \x20       baseline: {{year: 2021, value: 40}}\n\
             {kpi_lines}"
        ),
    );
    site
}

/// The 1-based line and column of the first `needle` in the framework of `site`.
fn position(site: &Site, needle: &str) -> String {
    let text = site.read(FRAMEWORK);
    let offset = text.find(needle).expect("the needle is in the framework");
    let line = text[..offset].matches('\n').count() + 1;
    let column = text[..offset]
        .rfind('\n')
        .map_or(offset, |n| offset - n - 1)
        + 1;
    format!("{FRAMEWORK}:{line}:{column}")
}

#[test]
fn an_actual_that_contradicts_the_observation_is_a_warning_at_the_actual() {
    let site = site_with_kpi(
        "        indicator: transitions\n        targets: {2022: 44, 2023: 46}\n        actuals: {2022: 43.5, 2023: 46.0}\n\
         \x20     - id: unlinked\n\
         \x20       name: {fr: \"Autre\", en: \"Other\"}\n\
         \x20       unit: percent\n\
         \x20       baseline: {year: 2021, value: 40}\n\
         \x20       actuals: {2023: 99.0}\n",
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        run.assert_code(0);
        assert!(
            run.stderr.contains(&position(&site, "46.0")),
            "{command}: no warning at the 2023 actual:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("gives 46.0 as its actual for 2023")
                && run.stderr.contains("in 2023 is 45.5"),
            "{command}: the warning does not give both values:\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("for 2022"),
            "{command}: 43.5 agrees with the observation:\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("KPI `unlinked`"),
            "{command}: a KPI that names no indicator is not compared:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("1 warning"),
            "{command}: the warnings are not counted:\n{}",
            run.stderr
        );
    }
}

#[test]
fn an_observed_year_the_kpi_has_no_actual_for_is_a_warning() {
    let site = site_with_kpi(
        "        indicator: transitions\n        targets: {2022: 44, 2023: 46}\n        actuals: {2022: 43.5}\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert!(
        run.stderr.contains("has no actual for 2023") && run.stderr.contains("45.5"),
        "no warning for the 2023 observation the KPI leaves out:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&position(&site, "46}")),
        "the warning is not at the 2023 target:\n{}",
        run.stderr
    );
}

#[test]
fn a_kpi_naming_an_unknown_indicator_or_another_unit_is_an_error() {
    let site = site_with_kpi("        indicator: transition\n        actuals: {2022: 43.5}\n");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("unknown indicator `transition`")
            && run.stderr.contains("transitions")
            && run.stderr.contains(&position(&site, "transition\n")),
        "{}",
        run.stderr
    );
    let site = site_with_kpi("        indicator: transitions\n        actuals: {2022: 43.5}\n");
    site.edit(FRAMEWORK, "unit: percent", "unit: count");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("is in count but indicator `transitions` is in percent"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_frameworks_agree_with_the_observations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = benchlearn(root, &["check"]);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("warning"),
        "the example site's figures contradict each other:\n{}",
        run.stderr
    );
    let nea = crate::common::source_file("content/data/frameworks/kh-nea.yaml");
    assert!(
        nea.contains("indicator: vacancies-filled"),
        "NEA's vacancies KPI no longer names the indicator it measures"
    );
}
