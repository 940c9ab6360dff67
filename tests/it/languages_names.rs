//! Names, not codes: countries named by CLDR in each page's language, networks and indicator
//! categories named in the data, and no ISO code or data id shown where a name belongs.

use std::fs;

use crate::common::*;

/// Checks `site` and returns what the author is told, failing unless the check fails.
fn check_fails(site: &Site) -> String {
    let run = site.run(&["check"]);
    run.assert_code(1);
    run.stderr
}

/// Asserts `stderr` holds `message` at `place` (`file:line:column`).
fn assert_reported(stderr: &str, message: &str, place: &str) {
    assert!(
        stderr.contains(message),
        "missing `{message}` in:\n{stderr}"
    );
    assert!(stderr.contains(place), "missing `{place}` in:\n{stderr}");
}

#[test]
fn countries_are_named_in_the_language_of_each_page() {
    let output = &built("minimal").output;
    for (list, germany) in [
        ("fr/spe/index.html", "Allemagne"),
        ("en/pes/index.html", "Germany"),
    ] {
        let cells = texts(&parsed(output, list), ".pes-table td");
        assert!(cells.contains(&germany.to_string()), "{list}: {cells:?}");
    }
    let cards = parsed(output, "en/good-practices/index.html");
    let facts = texts(&cards, ".card .tags li");
    assert!(
        facts.contains(&"France Travail (France)".to_string()),
        "{facts:?}"
    );
    let practice = parsed(output, "fr/bonnes-pratiques/coaching/index.html");
    assert_eq!(
        texts(&practice, r#"[data-pagefind-filter="Pays"]"#),
        ["France"]
    );
    let profile = parsed(output, "en/pes/de-ba/index.html");
    assert!(texts(&profile, ".facts dd").contains(&"Germany".to_string()));
    assert_eq!(
        texts(&profile, r#"[data-pagefind-filter="Country"]"#),
        ["Germany"]
    );
    let structured = texts(&profile, r#"script[type="application/ld+json"]"#).join(" ");
    assert!(
        structured.contains(r#""addressCountry":"DE""#),
        "JSON-LD keeps the ISO code: {structured}"
    );
}

#[test]
fn downloads_keep_the_country_code_beside_its_name_in_each_language() {
    let output = &built("minimal").output;
    let csv = fs::read_to_string(output.join("data/observations.csv")).expect("the CSV download");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let row: Vec<&str> = lines
        .find(|line| line.contains(",de-ba,"))
        .expect("a row of de-ba")
        .split(',')
        .collect();
    let cell = |column: &str| {
        let at = header.iter().position(|h| *h == column);
        row[at.unwrap_or_else(|| panic!("no column {column} in {header:?}"))]
    };
    assert_eq!(
        [
            cell("country"),
            cell("country_name_fr"),
            cell("country_name_en")
        ],
        ["DE", "Allemagne", "Germany"]
    );
    assert_eq!(
        [cell("pes_name_fr"), cell("pes_name_en")],
        ["Agence fédérale pour l’emploi", "Federal Employment Agency"]
    );
    let json = fs::read_to_string(output.join("data/indicators/transitions.json"))
        .expect("the JSON download");
    assert!(
        json.contains(r#""country": "DE""#) && json.contains(r#""country_name_fr": "Allemagne""#),
        "{json}"
    );
}

#[test]
fn a_country_code_cldr_does_not_know_is_an_error_in_pes_yaml() {
    let site = Site::copy("minimal");
    site.edit("content/data/pes.yaml", "country: DE", "country: XX");
    site.edit("content/data/pes.yaml", "country: FR", "country: fr");
    let stderr = check_fails(&site);
    assert_reported(
        &stderr,
        "`XX` is not a country code CLDR knows",
        "content/data/pes.yaml:10:12",
    );
    assert_reported(
        &stderr,
        "`fr` is not a country code CLDR knows",
        "content/data/pes.yaml:4:12",
    );
}

#[test]
fn networks_and_categories_show_the_names_the_data_gives_them() {
    let output = &built("minimal").output;
    for (profile, network) in [
        (
            "fr/spe/fr-ft/index.html",
            "Réseau européen des services publics de l’emploi",
        ),
        (
            "en/pes/fr-ft/index.html",
            "European Network of Public Employment Services",
        ),
    ] {
        let facts = texts(&parsed(output, profile), ".facts dd");
        assert!(facts.contains(&network.to_string()), "{profile}: {facts:?}");
    }
    for (index, indicator, category) in [
        (
            "fr/indicateurs/index.html",
            "fr/indicateurs/transitions/index.html",
            "Résultats",
        ),
        (
            "en/indicators/index.html",
            "en/indicators/transitions/index.html",
            "Outcomes",
        ),
    ] {
        assert_eq!(texts(&parsed(output, index), "main h2")[0], category);
        let facts = texts(&parsed(output, indicator), ".facts dd");
        assert!(
            facts.contains(&category.to_string()),
            "{indicator}: {facts:?}"
        );
    }
    let json = fs::read_to_string(output.join("data/indicators/transitions.json"))
        .expect("the JSON download");
    assert!(
        json.contains(r#""category": "outcomes""#) && json.contains(r#""fr": "Résultats""#),
        "{json}"
    );
}

#[test]
fn a_category_named_in_the_data_groups_indicators_whatever_the_theme_says() {
    let site = Site::copy("minimal");
    site.write(
        "content/data/categories.yaml",
        "- id: outcomes\n  name: {fr: \"Effets sur l’emploi\", en: \"Employment effects\"}\n",
    );
    let output = site.build_ok();
    let index = parsed(&output, "en/indicators/index.html");
    assert_eq!(texts(&index, "main h2")[0], "Employment effects");
}

#[test]
fn a_network_or_category_that_names_no_entry_is_an_error_where_it_is_named() {
    let site = Site::copy("minimal");
    site.edit(
        "content/data/pes.yaml",
        "network: eu-pes",
        "network: eu-pse",
    );
    site.edit(
        "content/data/indicators.yaml",
        "category: outcomes",
        "category: outcome",
    );
    let stderr = check_fails(&site);
    assert_reported(
        &stderr,
        "unknown network `eu-pse`",
        "content/data/pes.yaml:5:12",
    );
    assert_reported(
        &stderr,
        "unknown category `outcome`",
        "content/data/indicators.yaml:6:13",
    );
    assert!(stderr.contains("did you mean `eu-pes`?"), "{stderr}");
}

#[test]
fn without_networks_yaml_a_network_is_unknown() {
    let site = Site::copy("minimal");
    site.remove("content/data/networks.yaml");
    let stderr = check_fails(&site);
    assert_reported(
        &stderr,
        "unknown network `eu-pes`",
        "content/data/pes.yaml:5:12",
    );
    assert!(stderr.contains("no network is defined yet"), "{stderr}");
}

#[test]
fn a_network_or_category_without_a_name_in_every_language_is_an_error_in_its_file() {
    let site = Site::copy("minimal");
    site.write(
        "content/data/networks.yaml",
        "- id: eu-pes\n  name: {fr: \"Réseau européen\"}\n- id: eu-pes\n  name: {fr: \"Doublon\", en: \"Duplicate\"}\n",
    );
    site.write(
        "content/data/categories.yaml",
        "- id: outcomes\n  name: {en: \"Outcomes\", de: \"Ergebnisse\"}\n- id: Bad Id\n  name: {fr: \"x\", en: \"x\"}\n",
    );
    let stderr = check_fails(&site);
    assert_reported(
        &stderr,
        "`name` has no `en` translation",
        "content/data/networks.yaml:2:",
    );
    assert_reported(
        &stderr,
        "duplicate network id `eu-pes`",
        "content/data/networks.yaml:3:7",
    );
    assert_reported(
        &stderr,
        "`name` has no `fr` translation",
        "content/data/categories.yaml:2:",
    );
    assert_reported(
        &stderr,
        "`de` is not a language of the site",
        "content/data/categories.yaml:2:",
    );
    assert_reported(
        &stderr,
        "`Bad Id` is not a valid category id",
        "content/data/categories.yaml:3:7",
    );
}
