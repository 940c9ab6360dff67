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
