//! Translated data text: notes, sources, owners, responsibles and acronyms are either one
//! plain string, shown as is in every language, or one text per language, shown in the page's
//! language; a translated map (or CSV columns per language) must give every site language,
//! where it is written. On the example site, no page in one language carries a UI string or a
//! data text of another.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::{Html, Node};
use serde_json::Value;

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
fn main_text(output: &Path, relative: &str) -> String {
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
fn notes(output: &Path, relative: &str) -> Vec<String> {
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
    // The note and source columns; the country and name columns after them are checked in
    // languages_names.
    let lines: Vec<String> = download
        .lines()
        .take(3)
        .map(|line| line.split(',').take(13).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        lines,
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

/// The repository's example site: `site.yaml`, `content/` and `themes/` at its root.
fn example_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// YAML read as JSON, `NO` a string as in YAML 1.2.
fn yaml_value(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("a readable YAML file");
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options).expect("YAML")
}

/// The example site's languages, in the order of its `site.yaml`.
fn example_languages() -> Vec<String> {
    let site = yaml_value(&example_root().join("site.yaml"));
    site["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .filter_map(|lang| lang.as_str().map(str::to_string))
        .collect()
}

/// `text` with every run of whitespace, no-break spaces included, made one space.
fn spaced(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a reader of `lang` sees on a page: its text outside scripts and styles, less what is
/// marked as another language (a document shown untranslated in its original language).
fn text_in(html: &str, lang: &str) -> String {
    let document = Html::parse_document(html);
    let shown = document.tree.nodes().filter_map(|node| {
        let Node::Text(text) = node.value() else {
            return None;
        };
        let mut elements = node.ancestors().filter_map(|a| a.value().as_element());
        let hidden = elements
            .clone()
            .any(|e| matches!(e.name(), "script" | "style" | "template"));
        let marked = elements.find_map(|e| e.attr("lang"));
        (!hidden && marked.is_none_or(|marked| marked == lang)).then_some(&**text)
    });
    spaced(&shown.collect::<Vec<_>>().join(" "))
}

/// The text of every page written in `lang` (below `/<lang>/`), by path.
fn pages_in(output: &Path, lang: &str) -> BTreeMap<String, String> {
    html_pages(output)
        .into_iter()
        .filter(|(path, _)| path.starts_with(&format!("{lang}/")))
        .map(|(path, html)| (path, text_in(&html, lang)))
        .collect()
}

/// Whether `needle` is in `text` as whole words: not inside a longer word (`ANE` in `PLANE`).
fn has_words(text: &str, needle: &str) -> bool {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !is_word(before) && !is_word(after)
    })
}

/// A theme's UI strings in one language, flattened: `bench.owner` → "Owner".
fn ui_strings(lang: &str) -> BTreeMap<String, String> {
    fn flatten(prefix: &str, value: &Value, into: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let key = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    flatten(&key, child, into);
                }
            }
            Value::String(text) => {
                into.insert(prefix.to_string(), spaced(text));
            }
            _ => {}
        }
    }
    let path = example_root().join(format!("themes/default/i18n/{lang}.yaml"));
    let mut strings = BTreeMap::new();
    flatten("", &yaml_value(&path), &mut strings);
    strings
}

/// Whether a UI string is telling enough to search for on pages of another language: long
/// enough, of more than one word, and without placeholders (which pages show filled in).
fn is_telling(text: &str) -> bool {
    text.chars().count() >= 12 && text.contains(' ') && !text.contains('{')
}

#[test]
fn no_example_page_carries_a_ui_string_of_another_language() {
    let output = built_example();
    let languages = example_languages();
    let strings: BTreeMap<&str, BTreeMap<String, String>> = languages
        .iter()
        .map(|lang| (lang.as_str(), ui_strings(lang)))
        .collect();
    let mut found = Vec::new();
    for lang in &languages {
        let own = &strings[lang.as_str()];
        let pages = pages_in(output, lang);
        assert!(!pages.is_empty(), "no page in {lang}");
        for other in languages.iter().filter(|other| *other != lang) {
            let foreign = strings[other.as_str()]
                .iter()
                .filter(|(key, text)| is_telling(text) && own.get(*key) != Some(*text));
            for (key, text) in foreign {
                if let Some((page, _)) = pages.iter().find(|(_, page)| page.contains(text)) {
                    found.push(format!("{page} carries `{key}` in {other}: {text:?}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// One text of the example site's data, in each language it is given in.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct DataText {
    /// The texts by language; one entry under "" for a plain string.
    texts: BTreeMap<String, String>,
    /// Whether pages show it (an observation's source is only in the downloads).
    shown: bool,
}

/// The fields of the data whose text is for readers and may be given per language.
const DATA_TEXT_FIELDS: [&str; 5] = ["note", "source", "owner", "responsible", "acronym"];

/// Every data text of the YAML `value` (a data file read whole), found by its field name.
fn yaml_texts(value: &Value, observations: bool, into: &mut BTreeSet<(String, DataText)>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let texts = match child {
                    _ if !DATA_TEXT_FIELDS.contains(&key.as_str()) => None,
                    Value::String(text) => Some(BTreeMap::from([(String::new(), text.clone())])),
                    Value::Object(texts) => Some(
                        texts
                            .iter()
                            .filter_map(|(lang, t)| Some((lang.clone(), t.as_str()?.to_string())))
                            .collect(),
                    ),
                    _ => None,
                };
                match texts {
                    Some(texts) => {
                        let shown = !(observations && key == "source");
                        into.insert((key.clone(), DataText { texts, shown }));
                    }
                    None => yaml_texts(child, observations, into),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                yaml_texts(item, observations, into);
            }
        }
        _ => {}
    }
}

/// Every note and source of a CSV observations file: per language, or plain.
fn csv_texts(path: &Path, languages: &[String], into: &mut BTreeSet<(String, DataText)>) {
    let mut reader = csv::Reader::from_path(path).expect("a readable CSV file");
    let headers = reader.headers().expect("a header row").clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    for record in reader.records() {
        let record = record.expect("a CSV row");
        let cell = |name: &str| {
            column(name)
                .and_then(|index| record.get(index))
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        for field in ["note", "source"] {
            let per_language: BTreeMap<String, String> = languages
                .iter()
                .filter_map(|lang| Some((lang.clone(), cell(&format!("{field}.{lang}"))?)))
                .collect();
            let texts = match cell(field) {
                Some(plain) => BTreeMap::from([(String::new(), plain)]),
                None if per_language.is_empty() => continue,
                None => per_language,
            };
            let shown = field == "note";
            into.insert((field.to_string(), DataText { texts, shown }));
        }
    }
}

/// The example site's data texts, with the field each is given in.
fn example_data_texts(languages: &[String]) -> BTreeSet<(String, DataText)> {
    let data = example_root().join("content/data");
    let mut texts = BTreeSet::new();
    yaml_texts(&yaml_value(&data.join("pes.yaml")), false, &mut texts);
    for (folder, observations) in [("frameworks", false), ("observations", true)] {
        for (name, _) in snapshot(&data.join(folder)) {
            let path = data.join(folder).join(&name);
            if name.ends_with(".csv") {
                csv_texts(&path, languages, &mut texts);
            } else if name.ends_with(".yaml") {
                yaml_texts(&yaml_value(&path), observations, &mut texts);
            }
        }
    }
    texts
}

#[test]
fn example_pages_show_data_texts_in_their_own_language() {
    let languages = example_languages();
    let texts = example_data_texts(&languages);
    let one_language_only: Vec<String> = texts
        .iter()
        .filter(|(field, text)| field != "acronym" && text.texts.contains_key(""))
        .map(|(field, text)| format!("{field}: {:?}", text.texts[""]))
        .collect();
    assert!(
        one_language_only.is_empty(),
        "the example site gives these texts once for every language, though they are words, \
         not names; give them per language: {one_language_only:#?}"
    );
    let translated: Vec<&DataText> = texts
        .iter()
        .map(|(_, text)| text)
        .filter(|text| !text.texts.contains_key(""))
        .collect();
    assert!(translated.len() > 10, "the example's data texts are found");
    let output = built_example();
    let mut problems = Vec::new();
    for lang in &languages {
        let pages = pages_in(output, lang);
        for text in &translated {
            let own = text.texts[lang.as_str()].as_str();
            let own_shown = spaced(own);
            if text.shown && !pages.values().any(|page| has_words(page, &own_shown)) {
                problems.push(format!("no page in {lang} shows {own:?}"));
            }
            for (other, foreign) in &text.texts {
                let foreign = spaced(foreign);
                if other == lang || foreign == own_shown {
                    continue;
                }
                for (path, _) in pages.iter().filter(|(_, page)| has_words(page, &foreign)) {
                    problems.push(format!("{path} shows the {other} text {foreign:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
