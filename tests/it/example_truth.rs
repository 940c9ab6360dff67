//! The example site tells the truth: what its seeds (the Cambodia visit report, the Nairobi
//! slides) say stays as they say it. Steps the report calls planned are not shown as done nor
//! given a date it does not give, the
//! visit page says who led the group exercises and links to the framework that came out of it,
//! and the page presenting the model quotes its definition in the language it was given in.

use scraper::Html;

use crate::common::*;

const VISIT_EN: &str = "en/study-visits/cambodia-nea-2020/index.html";
const VISIT_FR: &str = "fr/visites-etude/cambodge-nea-2020/index.html";

/// The text of each row of the activity plan on a framework page, and the status it shows.
fn activity_statuses(html: &Html) -> Vec<(String, String)> {
    select(html, "section[aria-labelledby=activities] tbody tr")
        .iter()
        .map(|row| {
            let status = row
                .select(&selector("span.activity"))
                .next()
                .and_then(|span| span.value().attr("class"))
                .unwrap_or_default()
                .to_string();
            (collapsed(&text_of(row)), status)
        })
        .collect()
}

#[test]
fn the_nea_framework_shows_the_steps_the_visit_report_planned_as_planned() {
    let html = parsed(built_example(), "en/frameworks/kh-nea/index.html");
    let rows = activity_statuses(&html);
    for step in [
        "consultation conference",
        "second study visit",
        "Test the prototype",
    ] {
        let (text, status) = rows
            .iter()
            .find(|(text, _)| text.contains(step))
            .unwrap_or_else(|| panic!("no activity about `{step}` in {rows:?}"));
        assert!(
            status.contains("activity-planned"),
            "the report only plans `{step}`, but the framework shows `{status}`: {text}"
        );
        assert!(
            text.contains("No date set"),
            "the report gives `{step}` no due date, but the framework shows one: {text}"
        );
    }
}

/// The rows (role, count, names) of the table of who led the work on a visit page.
fn led_by(html: &Html) -> Vec<Vec<String>> {
    select(html, "section.visit-led-by tbody tr")
        .iter()
        .map(|row| {
            row.select(&selector("th, td"))
                .map(|cell| collapsed(&text_of(&cell)))
                .collect()
        })
        .collect()
}

#[test]
fn the_cambodia_visit_page_says_who_led_the_group_exercises() {
    let html = parsed(built_example(), VISIT_EN);
    let rows = led_by(&html);
    assert_eq!(rows.len(), 2, "experts and NEA advisers: {rows:?}");
    assert_eq!(rows[0][..2], ["Experts", "3"], "{rows:?}");
    assert!(rows[0][2].contains("LEE Sang Hyon"), "{rows:?}");
    assert_eq!(rows[1][..2], ["NEA advisers", "2"], "{rows:?}");
    assert!(rows[1][2].contains("OUCH Cheachanmolika"), "{rows:?}");
    assert!(
        !texts(&html, "dt")
            .iter()
            .any(|dt| dt == "Contributing experts"),
        "three names must not be called the experts beside a count of five"
    );
}

#[test]
fn the_cambodia_visit_page_links_to_the_framework_that_came_out_of_it() {
    for (page, target) in [
        (VISIT_EN, "/en/frameworks/kh-nea/"),
        (VISIT_FR, "/fr/cadres-performance/kh-nea/"),
    ] {
        let html = parsed(built_example(), page);
        let links: Vec<String> = select(&html, "main a[href]")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        assert!(
            links.iter().any(|href| href.ends_with(target)),
            "{page} has no link to {target}: {links:?}"
        );
    }
}

const DEFINITION: &str = "processus de création d’un lien systématique et intégré";

#[test]
fn the_definition_of_benchlearning_is_quoted_in_french() {
    let html = parsed(built_example(), "fr/benchlearning/index.html");
    let quotes = texts(&html, "blockquote[lang=fr]");
    assert!(
        quotes.iter().any(|quote| quote.contains(DEFINITION)),
        "{quotes:?}"
    );
}

#[test]
fn the_english_page_quotes_the_french_definition_and_marks_its_translation() {
    let html = parsed(built_example(), "en/benchlearning/index.html");
    let quotes = texts(&html, "blockquote[lang=fr]");
    assert!(
        quotes.iter().any(|quote| quote.contains(DEFINITION)),
        "{quotes:?}"
    );
    let translations = texts(&html, ".quote-translation[lang=en]");
    assert!(
        translations
            .iter()
            .any(|t| t.starts_with("Translation") && t.contains("systematic and integrated link")),
        "{translations:?}"
    );
}

/// A visit of `fr-ft` in `lang` that names `framework` as the one that came out of it.
fn visit_naming(framework: &str, lang: &str) -> String {
    format!(
        "---\ntitle: \"Visit\"\nhost: fr-ft\nstart_date: 2020-02-03\nend_date: 2020-02-05\n\
         location: \"Paris\"\norganiser: \"FT\"\nframework: {framework}\nupdated: 2020-03-01\n---\n\n\
         Text ({lang}).\n"
    )
}

#[test]
fn a_visit_naming_a_framework_that_does_not_exist_and_a_quote_in_no_language_are_errors() {
    let site = Site::copy("minimal");
    for lang in ["fr", "en"] {
        site.write(
            &format!("content/visits/study.{lang}.md"),
            &visit_naming("fr-fr", lang),
        );
    }
    site.write(
        "content/pages/defined.fr.md",
        "---\ntitle: \"Définition\"\nupdated: 2020-03-01\nquote:\n  text: \"mots\"\n  lang: \"not a tag\"\n---\n\nTexte.\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "study.fr.md:8:12",
        "unknown performance framework `fr-fr`",
        "defined.fr.md:6:9",
        "the quote's `lang` `not a tag` is not a language tag",
    ] {
        assert!(
            run.stderr.contains(expected),
            "no `{expected}` in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_visit_naming_a_framework_that_failed_to_load_is_not_reported_twice() {
    let site = Site::copy("minimal");
    site.write(
        "content/data/frameworks/fr-ft.yaml",
        "title: [not, a, map\n",
    );
    for lang in ["fr", "en"] {
        site.write(
            &format!("content/visits/study.{lang}.md"),
            &visit_naming("fr-ft", lang),
        );
    }
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("fr-ft.yaml"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("unknown performance framework"),
        "{}",
        run.stderr
    );
}
