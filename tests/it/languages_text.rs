//! Translated data text: a framework's owners, sources and responsibles are either one plain
//! string, shown as is in every language, or one text per language, shown in the page's
//! language; a translated map must give every site language, where it is written.

use crate::common::*;

const FRAMEWORK: &str = "content/data/frameworks/fr-ft.yaml";

/// A framework of `fr-ft` whose one KPI has `owner` and `source` and whose one activity has
/// `responsible`, each written as YAML.
fn framework(owner: &str, source: &str, responsible: &str) -> String {
    format!(
        "title: {{fr: \"Cadre\", en: \"Framework\"}}\n\
         pillars:\n  \
           - id: digital\n    \
             name: {{fr: \"Numérique\", en: \"Digital\"}}\n    \
             kpis:\n      \
               - id: online\n        \
                 name: {{fr: \"Services en ligne\", en: \"Online services\"}}\n        \
                 unit: count\n        \
                 baseline: {{year: 2020, value: 2}}\n        \
                 targets: {{2022: 6}}\n        \
                 actuals: {{2022: 5}}\n        \
                 owner: {owner}\n        \
                 source: {source}\n\
         activities:\n  \
           - name: {{fr: \"Ouvrir les services\", en: \"Open the services\"}}\n    \
             responsible: {responsible}\n    \
             due: 2022-06-30\n    \
             status: done\n"
    )
}

/// The text of a built page's `<main>`, whitespace collapsed.
fn main_text(output: &std::path::Path, relative: &str) -> String {
    texts(&parsed(output, relative), "main").join(" ")
}

#[test]
fn framework_texts_follow_the_page_language_and_names_stay_as_written() {
    let site = Site::copy("minimal");
    site.write(
        FRAMEWORK,
        &framework(
            "\"DARES\"",
            "{fr: \"Registre des demandeurs d’emploi\", en: \"Jobseeker register\"}",
            "{fr: \"Direction des opérations\", en: \"Operations department\"}",
        ),
    );
    let output = site.build_ok();
    let french = main_text(&output, "fr/cadres-performance/fr-ft/index.html");
    let english = main_text(&output, "en/frameworks/fr-ft/index.html");
    for (page, shown, hidden) in [
        (
            &french,
            [
                "Registre des demandeurs d’emploi",
                "Direction des opérations",
            ],
            ["Jobseeker register", "Operations department"],
        ),
        (
            &english,
            ["Jobseeker register", "Operations department"],
            [
                "Registre des demandeurs d’emploi",
                "Direction des opérations",
            ],
        ),
    ] {
        for text in shown {
            assert!(page.contains(text), "{text:?} is missing from {page}");
        }
        for text in hidden {
            assert!(
                !page.contains(text),
                "{text:?} is on a page of the other language: {page}"
            );
        }
        assert!(
            page.contains("DARES"),
            "the plain owner is shown as is: {page}"
        );
    }
}

#[test]
fn a_translated_framework_text_missing_a_language_is_an_error_at_its_place() {
    let site = Site::copy("minimal");
    site.write(
        FRAMEWORK,
        &framework(
            "{fr: \"Direction\"}",
            "{fr: \"Registre\", en: \"Register\", de: \"Register\"}",
            "\"NO\"",
        ),
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_code(1);
        for expected in [
            "content/data/frameworks/fr-ft.yaml:12:",
            "`owner` has no `en` translation",
            "content/data/frameworks/fr-ft.yaml:13:",
            "`de` is not a language of the site; `source` takes fr, en",
        ] {
            assert!(
                run.stderr.contains(expected),
                "{expected:?} in {}",
                run.stderr
            );
        }
    }
    assert!(!site.output().exists());
}

const OBSERVATIONS_CSV: &str = "content/data/observations/de-ba.csv";
const OBSERVATIONS_YAML: &str = "content/data/observations/fr-ft.yaml";

/// The notes listed under an indicator's table, as a reader sees them.
fn notes(output: &std::path::Path, relative: &str) -> Vec<String> {
    texts(&parsed(output, relative), ".notes li")
}

#[test]
fn observation_notes_follow_the_page_language_in_yaml_and_csv() {
    let site = Site::copy("minimal");
    site.write(
        OBSERVATIONS_CSV,
        "pes,indicator,year,value,note.fr,note.en,source.fr,source.en,source\n\
         de-ba,transitions,2022,55.1,Nouvelle méthode,New method,,,Eurostat\n\
         de-ba,transitions,2023,56.7,,,Registre,Register,\n",
    );
    site.write(
        OBSERVATIONS_YAML,
        "- pes: fr-ft\n  indicator: transitions\n  year: 2022\n  value: 43.5\n  \
         note: {fr: \"Rupture de série\", en: \"Break in series\"}\n\
         - pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 45.5\n  \
         note: \"DARES\"\n",
    );
    let output = site.build_ok();
    assert_eq!(
        notes(&output, "fr/indicateurs/transitions/index.html"),
        [
            "BA, 2022\u{a0}: Nouvelle méthode",
            "FT, 2022\u{a0}: Rupture de série",
            "FT, 2023\u{a0}: DARES"
        ]
    );
    assert_eq!(
        notes(&output, "en/indicators/transitions/index.html"),
        [
            "BA, 2022: New method",
            "FT, 2022: Break in series",
            "FT, 2023: DARES"
        ]
    );
    let download = std::fs::read_to_string(output.join("data/indicators/transitions.csv"))
        .expect("the CSV download");
    let lines: Vec<&str> = download.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "indicator,pes,cluster,year,value,unit,breakdown,note,source,\
             note.fr,note.en,source.fr,source.en",
            "transitions,de-ba,medium,2022,55.1,percent,,Nouvelle méthode,Eurostat,\
             Nouvelle méthode,New method,Eurostat,Eurostat",
            "transitions,de-ba,medium,2023,56.7,percent,,,Registre,,,Registre,Register",
        ]
    );
}

/// Builds and checks the site, expecting each of `expected` in what the author is told.
fn refused(site: &Site, expected: &[&str]) {
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_code(1);
        for text in expected {
            assert!(run.stderr.contains(text), "{text:?} in {}", run.stderr);
        }
    }
    assert!(!site.output().exists());
}

#[test]
fn a_csv_text_given_per_language_needs_a_column_for_each_site_language() {
    let site = Site::copy("minimal");
    site.write(
        OBSERVATIONS_CSV,
        "pes,indicator,year,value,note.fr,source.en,source.de\n\
         de-ba,transitions,2022,55.1,Nouvelle méthode,Register,Register\n",
    );
    refused(
        &site,
        &[
            "de-ba.csv:1:26]",
            "the header row has a `note.fr` column but no `note.en` column",
            "de-ba.csv:1:34]",
            "the header row has a `source.en` column but no `source.fr` column",
            "de-ba.csv:1:44]",
            "unknown column `source.de`: `de` is not a language of the site; `source` takes fr, en",
        ],
    );
}

#[test]
fn a_csv_row_with_an_empty_language_cell_is_an_error_at_the_cell() {
    let site = Site::copy("minimal");
    site.write(
        OBSERVATIONS_CSV,
        "pes,indicator,year,value,note.en,note.fr,source,source.fr,source.en\n\
         de-ba,transitions,2022,55.1,New method,,,Registre,Register\n\
         de-ba,transitions,2023,56.7,,,Eurostat,Registre,Register\n",
    );
    refused(
        &site,
        &[
            "content/data/observations/de-ba.csv:2:40]",
            "`note.fr` is empty while `note.en` is given",
            "content/data/observations/de-ba.csv:3:31]",
            "this row gives its source both in `source` and per language",
        ],
    );
}

#[test]
fn a_yaml_note_missing_a_language_is_an_error_at_its_place() {
    let site = Site::copy("minimal");
    site.write(
        OBSERVATIONS_YAML,
        "- pes: fr-ft\n  indicator: transitions\n  year: 2022\n  value: 43.5\n  \
         note: {fr: \"Rupture de série\"}\n  source: {fr: \"Registre\", en: \"Register\", es: \"Registro\"}\n",
    );
    refused(
        &site,
        &[
            "content/data/observations/fr-ft.yaml:5:",
            "`note` has no `en` translation",
            "content/data/observations/fr-ft.yaml:6:",
            "`es` is not a language of the site; `source` takes fr, en",
        ],
    );
}

#[test]
fn an_acronym_may_differ_by_language() {
    let site = Site::copy("minimal");
    site.edit(
        "content/data/pes.yaml",
        "acronym: BA",
        "acronym: {fr: \"AFE\", en: \"BA\"}",
    );
    let output = site.build_ok();
    for (page, acronyms) in [
        ("fr/spe/index.html", ["AFE", "FT"]),
        ("en/pes/index.html", ["BA", "FT"]),
    ] {
        let mut shown = texts(&parsed(&output, page), ".acronym");
        shown.sort();
        assert_eq!(shown, acronyms, "{page}");
    }
}
