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
