//! Comparisons of PES side by side: builds the `bench` fixture (peer groups north: a1, a2, a3;
//! south: b1, b2; known values) and checks the precomputed comparison pages of same-group
//! pairs, the figures in their columns, the comparison page and its data file in both
//! languages, and the links from profiles and the sitemap. Area scores are each PES's own:
//! the tests that read them build the members' edition.

use std::fs;

use scraper::Html;
use serde_json::Value;

use crate::common::*;

/// The same-group pairs of the fixture, each once, in the order of `pes.yaml`.
const PAIRS: [&str; 4] = ["a1--a2", "a1--a3", "a2--a3", "b1--b2"];

/// The rows of the table captioned `caption` (starting with), each as its cells' texts.
fn table(html: &Html, caption: &str) -> Vec<Vec<String>> {
    let rows = selector("tr");
    let cells = selector("th, td");
    let captions = selector("caption");
    let found = select(html, "table").into_iter().find(|table| {
        table
            .select(&captions)
            .next()
            .is_some_and(|c| collapsed(&text_of(&c)).starts_with(caption))
    });
    let found = found.unwrap_or_else(|| panic!("no table captioned `{caption}`"));
    found
        .select(&rows)
        .map(|tr| {
            tr.select(&cells)
                .map(|c| collapsed(&c.text().collect::<Vec<_>>().join(" ")))
                .collect()
        })
        .collect()
}

/// The row whose head starts with `name`.
fn row(rows: &[Vec<String>], name: &str) -> Vec<String> {
    rows.iter()
        .find(|cells| cells.first().is_some_and(|head| head.starts_with(name)))
        .unwrap_or_else(|| panic!("no row `{name}` in {rows:?}"))
        .clone()
}

fn compare_data(lang: &str) -> Value {
    let out = &built_members("bench").output;
    let text = page(out, &format!("data/compare/{lang}.json"));
    serde_json::from_str(&text).expect("the comparison data is JSON")
}

#[test]
fn each_pair_of_a_peer_group_has_its_comparison_in_each_language() {
    let out = &built("bench").output;
    for folder in ["fr/comparer", "en/compare"] {
        let mut found: Vec<String> = fs::read_dir(out.join(folder))
            .unwrap_or_else(|e| panic!("{folder}: {e}"))
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name != "index.html")
            .collect();
        found.sort();
        // Members of different groups (a1 and b1) are compared only with JavaScript.
        assert_eq!(found, PAIRS, "{folder}");
        for pair in PAIRS {
            page(out, &format!("{folder}/{pair}/index.html"));
        }
    }
}

#[test]
fn a_comparison_shows_each_pes_in_a_column_with_its_figures() {
    let out = &built_members("bench").output;
    let html = parsed(out, "en/compare/a1--a2/index.html");
    assert_eq!(
        texts(&html, "h1"),
        ["Alpha Service / Bravo Service"],
        "the title names both"
    );
    let indicators = table(&html, "Latest value of each indicator");
    assert_eq!(
        indicators[0],
        [
            "Indicator",
            "Alpha Service France · North",
            "Bravo Service Belgium · North",
            "Network median"
        ]
    );
    // a1: 40 then 44; a2: 50 twice; the network median of 2024 (44, 50, 36, 36) is 40.
    let placement = row(&indicators, "Placement");
    assert_eq!(
        placement[1],
        "44.0% 2024 +4.0\u{202f}pp improvement Placement — ALF 2023 40.0%, 2024 44.0%"
    );
    assert_eq!(
        placement[2],
        "50.0% 2024 0.0\u{202f}pp no change Placement — BRV 2023 50.0%, 2024 50.0%"
    );
    assert_eq!(placement[3], "40.0% 2024");
    assert!(placement[0].contains("higher is better"), "{placement:?}");
    // Duration has 2024 only: no change; the median of 300, 200, 200 is 200.
    let duration = row(&indicators, "Duration");
    assert_eq!(duration[1], "300 2024 Duration — ALF 2024 300");
    assert_eq!(duration[3], "200 2024");
    assert!(duration[0].contains("lower is better"), "{duration:?}");
    // Peer means in 2024: A (a1 3, a2 4, a3 5.5, b1 5: median 4.5), B (2, 5, 4, 2: median 3).
    let areas = table(&html, "Mean peer score per excellence area");
    assert_eq!(
        row(&areas, "A Steering"),
        ["A Steering", "3.0", "4.0", "4.5"]
    );
    assert_eq!(
        row(&areas, "B Processes"),
        ["B Processes", "2.0", "5.0", "3.0"]
    );
    assert!(
        texts(&html, "h2").contains(&"Excellence areas, cycle 2024".to_string()),
        "{:?}",
        texts(&html, "h2")
    );
    // Neither published a practice.
    assert!(texts(&html, ".empty")
        .contains(&"None of these services has published a good practice yet.".to_string()));
    // Each column head links to the profile, in the indicators' and the areas' tables.
    let heads: Vec<String> = select(&html, "th.compare-pes a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        heads,
        ["/en/pes/a1/", "/en/pes/a2/", "/en/pes/a1/", "/en/pes/a2/"]
    );
}

#[test]
fn a_comparison_shows_gaps_and_practices_by_area() {
    let out = &built_members("bench").output;
    let html = parsed(out, "en/compare/a1--a3/index.html");
    let indicators = table(&html, "Latest value of each indicator");
    // a3 reported placement in 2023 only, and no duration.
    assert_eq!(
        row(&indicators, "Placement")[2],
        "60.0% 2023 Placement — CHA 2023 60.0%, 2024 –"
    );
    assert_eq!(row(&indicators, "Duration")[2], "– no value");
    let practices = table(&html, "Good practices of each service");
    assert_eq!(
        practices.len(),
        2,
        "the head and area A only: {practices:?}"
    );
    assert_eq!(
        row(&practices, "A Steering"),
        ["A Steering", "– none", "Charlie's dashboards"]
    );
    let link = attribute(&html, "td ul.compare-practices a", "href");
    assert_eq!(link, "/en/good-practices/charlie-dashboards/");
    // b2 was not assessed in 2024.
    let south = parsed(out, "en/compare/b1--b2/index.html");
    let areas = table(&south, "Mean peer score per excellence area");
    assert_eq!(
        row(&areas, "A Steering"),
        ["A Steering", "5.0", "– not assessed in this cycle", "4.5"]
    );
}

#[test]
fn french_comparisons_write_figures_and_words_in_french() {
    let out = &built_members("bench").output;
    let html = parsed(out, "fr/comparer/a1--a2/index.html");
    assert_eq!(texts(&html, "h1"), ["Service Alpha / Service Bravo"]);
    let indicators = table(&html, "Dernière valeur de chaque indicateur");
    let placement = row(&indicators, "Placement");
    assert!(
        placement[1].starts_with("44,0\u{a0}% 2024 +4,0\u{202f}pt"),
        "{placement:?}"
    );
    assert!(
        placement[0].contains("plus haut, c’est mieux"),
        "{placement:?}"
    );
    let areas = table(&html, "Score moyen des pairs");
    assert_eq!(
        row(&areas, "A Pilotage"),
        ["A Pilotage", "3,0", "4,0", "4,5"]
    );
}

#[test]
fn the_data_file_holds_every_column_formatted_for_its_language() {
    for (lang, value, change, median, caption) in [
        (
            "en",
            "44.0%",
            "+4.0\u{202f}pp",
            "4.5",
            "Latest value of each indicator",
        ),
        (
            "fr",
            "44,0\u{a0}%",
            "+4,0\u{202f}pt",
            "4,5",
            "Dernière valeur de chaque indicateur",
        ),
    ] {
        let data = compare_data(lang);
        let columns = data["columns"].as_object().expect("columns");
        let ids: Vec<&String> = columns.keys().collect();
        assert_eq!(ids, ["a1", "a2", "a3", "b1", "b2"], "{lang}: every PES");
        let rows = &data["rows"];
        assert_eq!(rows["indicators"][0]["id"], "placement");
        assert_eq!(
            rows["indicators"][0]["median"],
            if lang == "en" { "40.0%" } else { "40,0\u{a0}%" }
        );
        assert_eq!(rows["areas"][0]["median"], median);
        assert_eq!(rows["cycle"], "2024");
        let placement = &columns["a1"]["indicators"][0];
        assert_eq!(placement["value"], value, "{lang}");
        assert_eq!(placement["year"], "2024");
        assert_eq!(placement["change"], change, "{lang}");
        assert!(placement["trend"]["path"]
            .as_str()
            .is_some_and(|d| d.starts_with('M')));
        assert_eq!(columns["a3"]["indicators"][1], Value::Null, "{lang}: a gap");
        assert_eq!(
            columns["b2"]["scores"][0],
            Value::Null,
            "{lang}: not assessed"
        );
        assert!(columns["a1"]["pes"]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&format!("/{lang}/"))));
        let practices = &columns["a3"]["practices"][0];
        assert_eq!(
            practices[0]["url"],
            format!(
                "/{lang}/{}/charlie-dashboards/",
                if lang == "en" {
                    "good-practices"
                } else {
                    "bonnes-pratiques"
                }
            )
        );
        assert_eq!(
            data["labels"]["compare.indicators_caption"]
                .as_str()
                .map(|c| c.starts_with(caption)),
            Some(true)
        );
        assert_eq!(data["spark_view_box"], "0 0 96 26");
    }
}

#[test]
fn the_data_file_draws_the_sparklines_the_pages_draw() {
    let out = &built("bench").output;
    let html = parsed(out, "en/compare/a1--a2/index.html");
    let drawn = attribute(
        &html,
        "svg[aria-labelledby^='spark-a1-placement'] path",
        "d",
    );
    let data = compare_data("en");
    assert_eq!(
        data["columns"]["a1"]["indicators"][0]["trend"]["path"],
        drawn
    );
    assert_eq!(
        data["columns"]["a1"]["indicators"][0]["trend"]["id"],
        "spark-a1-placement"
    );
}

#[test]
fn the_comparison_page_offers_every_pes_and_lists_the_precomputed_comparisons() {
    let out = &built("bench").output;
    for (lang, folder) in [("en", "compare"), ("fr", "comparer")] {
        let html = parsed(out, &format!("{lang}/{folder}/index.html"));
        let form = select(&html, "form#compare-form");
        assert_eq!(form.len(), 1, "{lang}");
        assert!(
            form[0].value().attr("hidden").is_some(),
            "hidden until the script runs"
        );
        assert_eq!(form[0].value().attr("method"), Some("get"));
        let data = form[0].value().attr("data-compare").expect("data-compare");
        assert_eq!(data, format!("/data/compare/{lang}.json"));
        let names: Vec<&str> = select(&html, "form select")
            .iter()
            .filter_map(|s| s.value().attr("name"))
            .collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        let options: Vec<&str> = select(&html, "select[name=a] option")
            .iter()
            .filter_map(|o| o.value().attr("value"))
            .filter(|v| !v.is_empty())
            .collect();
        assert_eq!(options, ["a1", "a2", "a3", "b1", "b2"], "{lang}");
        let pairs: Vec<String> = select(&html, ".comparison-list a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_string))
            .collect();
        let expected: Vec<String> = PAIRS
            .iter()
            .map(|pair| format!("/{lang}/{folder}/{pair}/"))
            .collect();
        assert_eq!(pairs, expected);
        let script = attribute(&html, "script[src$='compare.js']", "src");
        assert_eq!(script, "/compare.js");
    }
    assert!(out.join("compare.js").exists());
}

#[test]
fn profiles_link_to_their_group_comparisons() {
    let out = &built("bench").output;
    let links = |relative: &str| -> Vec<String> {
        select(
            &parsed(out, relative),
            "section[aria-labelledby=pes-compare] a",
        )
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
    };
    assert_eq!(
        links("en/pes/a2/index.html"),
        [
            "/en/compare/a1--a2/",
            "/en/compare/a2--a3/",
            "/en/compare/?a=a2"
        ]
    );
    assert_eq!(
        links("fr/spe/b2/index.html"),
        ["/fr/comparer/b1--b2/", "/fr/comparer/?a=b2"]
    );
    let list = parsed(out, "en/pes/index.html");
    assert_eq!(
        attribute(&list, "main a[href='/en/compare/']", "href"),
        "/en/compare/"
    );
}

#[test]
fn the_sitemap_lists_the_comparisons_with_their_translations() {
    let out = &built("bench").output;
    let sitemap = page(out, "sitemap.xml");
    for path in [
        "fr/comparer/",
        "en/compare/",
        "fr/comparer/a1--a2/",
        "en/compare/b1--b2/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{path}</loc>")),
            "{path} is not in the sitemap"
        );
    }
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/compare/a1--a2/"/>"#
    ));
    let html = parsed(out, "fr/comparer/a1--a2/index.html");
    assert_eq!(
        attribute(&html, "link[hreflang=en]", "href"),
        "https://example.org/en/compare/a1--a2/"
    );
}
