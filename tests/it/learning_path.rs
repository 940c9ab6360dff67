//! The benchlearning path of a member: practices name the indicators they aim to improve; each
//! PES profile shows, per indicator and per weak excellence area, the peers ahead and their
//! practices; indicator pages list the practices naming them and where their services stand.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use scraper::Html;

use crate::common::*;

/// The base path of the example site's links (its `base_url` is below a folder).
const EXAMPLE_BASE: &str = "/benchlearning/";

/// A YAML file of the example site as JSON values.
fn example_yaml(relative: &str) -> serde_json::Value {
    let text = source_file(relative);
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A practice of the example site, in all its languages.
#[derive(Default)]
struct Practice {
    pes: String,
    indicators: BTreeSet<String>,
    /// Language → the segment of its address in that language.
    slugs: BTreeMap<String, String>,
}

/// The example's published practices by key, read from their front matter.
fn example_practices() -> BTreeMap<String, Practice> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/practices");
    let mut practices: BTreeMap<String, Practice> = BTreeMap::new();
    for entry in std::fs::read_dir(&folder).expect("the example's practices") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let (key, lang) = stem.rsplit_once('.').expect("<key>.<lang>.md");
        let text = source_file(&format!("content/practices/{name}"));
        let yaml = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
            .map(|(yaml, _)| yaml)
            .unwrap_or_else(|| panic!("{name} has no front matter"));
        let meta: serde_json::Value =
            serde_saphyr::from_str(yaml).unwrap_or_else(|e| panic!("{name}: {e}"));
        if meta["draft"] == serde_json::Value::Bool(true) {
            continue;
        }
        let practice = practices.entry(key.to_string()).or_default();
        practice.pes = meta["pes"].as_str().expect("pes").to_string();
        for indicator in meta["indicators"].as_array().into_iter().flatten() {
            practice
                .indicators
                .insert(indicator.as_str().expect("an id").to_string());
        }
        let slug = meta["slug"].as_str().unwrap_or(key).to_string();
        practice.slugs.insert(lang.to_string(), slug);
    }
    practices
}

/// Where a practice's page is in `lang`, as the site links it: its own version's address, or
/// that of the version it falls back to.
fn practice_href(practice: &Practice, lang: &str, section: &str) -> String {
    let slug = practice
        .slugs
        .get(lang)
        .or_else(|| practice.slugs.values().next())
        .expect("a version");
    format!("{EXAMPLE_BASE}{lang}/{section}/{slug}/")
}

/// Indicator → PES → year → total value, from the example's published observations.
type Values = BTreeMap<String, BTreeMap<String, BTreeMap<i32, f64>>>;

fn published_values(output: &Path) -> Values {
    let mut values = Values::new();
    let mut reader = csv::Reader::from_path(output.join("data/observations.csv")).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (indicator, pes, year, value, breakdown) = (
        column("indicator"),
        column("pes"),
        column("year"),
        column("value"),
        column("breakdown"),
    );
    for record in reader.records() {
        let record = record.expect("a record");
        if !record[breakdown].is_empty() {
            continue;
        }
        values
            .entry(record[indicator].to_string())
            .or_default()
            .entry(record[pes].to_string())
            .or_default()
            .insert(
                record[year].parse().expect("a year"),
                record[value].parse().expect("a value"),
            );
    }
    values
}

/// The PES with a strictly better value than `pes` in its own latest year.
fn stronger_peers(
    by_pes: &BTreeMap<String, BTreeMap<i32, f64>>,
    pes: &str,
    higher_is_better: bool,
) -> Option<BTreeSet<String>> {
    let (year, own) = by_pes.get(pes)?.iter().next_back()?;
    Some(
        by_pes
            .iter()
            .filter(|(other, _)| other.as_str() != pes)
            .filter(|(_, by_year)| {
                by_year.get(year).is_some_and(|value| {
                    if higher_is_better {
                        value > own
                    } else {
                        value < own
                    }
                })
            })
            .map(|(other, _)| other.clone())
            .collect(),
    )
}

/// The links of the elements matching `css`.
fn hrefs(html: &Html, css: &str) -> BTreeSet<String> {
    select(html, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn every_profile_links_in_sight_the_practices_stronger_peers_published_on_each_indicator() {
    let output = built_example();
    let values = published_values(output);
    let practices = example_practices();
    let indicators = example_yaml("content/data/indicators.yaml");
    let members = example_yaml("content/data/pes.yaml");
    let mut checked = 0;
    for (lang, pes_section, practice_section) in [
        ("fr", "spe", "bonnes-pratiques"),
        ("en", "pes", "good-practices"),
    ] {
        for member in members.as_array().expect("a list") {
            let pes = member["id"].as_str().expect("an id");
            let html = parsed(output, &format!("{lang}/{pes_section}/{pes}/index.html"));
            assert_eq!(
                select(&html, "section.learning").len(),
                1,
                "{lang} {pes}: no learning section"
            );
            for indicator in indicators.as_array().expect("a list") {
                let id = indicator["id"].as_str().expect("an id");
                let higher = indicator["better"] == "higher";
                let Some(ahead) = values
                    .get(id)
                    .and_then(|by_pes| stronger_peers(by_pes, pes, higher))
                else {
                    continue;
                };
                let article = format!("article[aria-labelledby=\"learn-indicator-{id}\"]");
                let listed = select(&html, &format!("{article} .ahead > li")).len();
                assert_eq!(
                    listed,
                    ahead.len(),
                    "{lang} {pes} {id}: the peers listed are not the {} ahead",
                    ahead.len()
                );
                // In sight: not folded away in the list of the other services ahead.
                let in_sight = hrefs(&html, &format!("{article} > .ahead a"));
                for (key, practice) in &practices {
                    if ahead.contains(&practice.pes) && practice.indicators.contains(id) {
                        let href = practice_href(practice, lang, practice_section);
                        assert!(
                            in_sight.contains(&href),
                            "{lang} {pes} {id}: no link in sight to {key} ({href}) of {}",
                            practice.pes
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked >= 100, "only {checked} links checked");
}

/// The bench fixture with practices naming indicators, a satisfaction indicator whose related
/// area is B, and a fifth assessment: known numbers to read the learning path against.
fn learning_site() -> Site {
    let site = Site::copy("bench");
    let practice = |key: &str, pes: &str, areas: &str, indicators: &str, title: &str| {
        for lang in ["fr", "en"] {
            site.write(
                &format!("content/practices/{key}.{lang}.md"),
                &format!(
                    "---\ntitle: \"{title}\"\npes: {pes}\nareas: {areas}\nindicators: {indicators}\n\
                     start_year: 2022\nstatus: ongoing\nupdated: 2025-01-10\n---\n\nText.\n"
                ),
            );
        }
    };
    practice(
        "bravo-placement",
        "a2",
        "[B]",
        "[placement]",
        "Bravo's placement",
    );
    practice(
        "delta-duration",
        "b1",
        "[A]",
        "[duration]",
        "Delta's spells",
    );
    practice("echo-coaching", "b2", "[B]", "[]", "Echo's coaching");
    // Charlie's dashboards leave area A for B, so no top peer in A has a practice there.
    for lang in ["fr", "en"] {
        site.edit(
            &format!("content/practices/charlie-dashboards.{lang}.md"),
            "areas: [A]",
            "areas: [B]",
        );
    }
    let indicators = "content/data/indicators.yaml";
    let text = site.read(indicators);
    site.write(
        indicators,
        &format!(
            "{text}- id: satisfaction\n  name: {{fr: \"Satisfaction\", en: \"Satisfaction\"}}\n  \
             definition: {{fr: \"Note.\", en: \"Rating.\"}}\n  unit: score\n  better: higher\n  \
             category: satisfaction\n  areas: [B]\n"
        ),
    );
    let categories = "content/data/categories.yaml";
    let text = site.read(categories);
    site.write(
        categories,
        &format!(
            "{text}- id: satisfaction\n  name: {{fr: \"Satisfaction\", en: \"Satisfaction\"}}\n"
        ),
    );
    site.write(
        "content/data/observations/satisfaction.yaml",
        "- {pes: a1, indicator: satisfaction, year: 2024, value: 5}\n\
         - {pes: b2, indicator: satisfaction, year: 2024, value: 8}\n",
    );
    site.write(
        "content/data/assessments/2024/b2.yaml",
        "scores:\n  - {enabler: A1, self: 6, peer: 6}\n  - {enabler: A2, self: 6, peer: 6}\n  \
         - {enabler: B1, self: 3, peer: 3}\n",
    );
    site
}

/// The texts of `css` inside the learning article about `item` (`indicator-<id>`, `area-<id>`).
fn in_article(html: &Html, item: &str, css: &str) -> Vec<String> {
    texts(
        html,
        &format!("article[aria-labelledby=\"learn-{item}\"] {css}"),
    )
}

#[test]
fn a_profile_names_the_peers_ahead_and_their_practices_then_the_category_and_related_area() {
    let site = learning_site();
    let out = site.build_members_ok();
    let alpha = parsed(&out, "en/pes/a1/index.html");
    assert_eq!(
        texts(&alpha, "#pes-learn"),
        ["Where do we stand, and who do we learn from?"]
    );
    // Placement 2024: Alpha 44, Bravo 50 (north, like Alpha), Delta and Echo 36.
    assert_eq!(
        in_article(&alpha, "indicator-placement", ".standing"),
        ["44.0% (2024) · Rank in group 2 / 2 · Rank in network 2 / 4"]
    );
    assert_eq!(
        in_article(&alpha, "indicator-placement", ".peer"),
        ["Bravo Service — 50.0% same peer group"]
    );
    assert_eq!(
        in_article(&alpha, "indicator-placement", ".learn-practices li"),
        ["Bravo's placement"]
    );
    // Duration 2024 (lower is better): Alpha 300, Bravo and Delta 200. Bravo named no practice
    // on duration, but one on placement, of the same category.
    assert_eq!(
        in_article(&alpha, "indicator-duration", ".peer"),
        ["Bravo Service — 200 same peer group", "Delta Service — 200"]
    );
    assert_eq!(
        in_article(&alpha, "indicator-duration", ".learn-practices li"),
        [
            "Bravo's placement (same category: Outcomes)",
            "Delta's spells"
        ]
    );
    // Satisfaction: Echo is ahead; its only practice names no indicator but is filed under B,
    // the indicator's related area. Satisfaction has no other indicator in its category.
    assert_eq!(
        in_article(&alpha, "indicator-satisfaction", ".learn-practices li"),
        ["Echo's coaching (related area: B Processes)"]
    );
    // Area A: peer 3 against a median of 5; the three best (Echo 6, Charlie 5.5, Bravo 4, own
    // group first) published nothing in A, so Delta's practice in A is offered.
    assert_eq!(
        in_article(&alpha, "area-A", ".peer"),
        [
            "Charlie Service — 5.5 same peer group",
            "Bravo Service — 4.0 same peer group",
            "Echo Service — 6.0",
            "Delta Service — 5.0"
        ]
    );
    assert_eq!(
        in_article(&alpha, "area-A", ".learn-practices a"),
        ["Delta's spells"]
    );
    assert!(in_article(&alpha, "area-A", ".learn-none").is_empty());
    // Bravo leads on placement: nobody to learn from there, said plainly.
    let bravo = parsed(&out, "en/pes/a2/index.html");
    assert_eq!(
        in_article(&bravo, "indicator-placement", ".learn-none"),
        ["No service did better that year: nobody to learn from here yet."]
    );
    // Echo was assessed but reported nothing on most indicators; Delta leads on duration.
    let french = parsed(&out, "fr/spe/a1/index.html");
    assert_eq!(
        in_article(&french, "indicator-duration", ".basis"),
        ["(même catégorie\u{a0}: Résultats)"]
    );
}

#[test]
fn a_profile_with_nothing_to_compare_says_so() {
    let site = learning_site();
    site.write(
        "content/data/pes.yaml",
        &format!(
            "{}- {{id: c1, name: {{fr: \"Service Foxtrot\", en: \"Foxtrot Service\"}}, acronym: FOX, country: IT, network: test, cluster: south}}\n",
            site.read("content/data/pes.yaml")
        ),
    );
    let out = site.build_members_ok();
    let foxtrot = parsed(&out, "en/pes/c1/index.html");
    assert_eq!(
        texts(&foxtrot, "section.learning .empty"),
        ["Nothing to compare yet: this service has no indicator value and no assessment so far."]
    );
    let echo = parsed(&out, "en/pes/b2/index.html");
    assert!(texts(&echo, "section.learning h3")
        .contains(&"Excellence areas, assessment 2024".to_string()));
}

#[test]
fn indicator_pages_list_the_practices_naming_them_and_where_their_services_stand() {
    let site = learning_site();
    let out = site.build_ok();
    let placement = parsed(&out, "en/indicators/placement/index.html");
    assert_eq!(
        texts(&placement, ".indicator-practices > li"),
        ["Bravo's placement Bravo Service — 50.0% (2024) · Rank in group 1 / 2 · Rank in network 1 / 4"]
    );
    assert_eq!(
        hrefs(&placement, ".indicator-practices a"),
        BTreeSet::from([
            "/en/good-practices/bravo-placement/".to_string(),
            "/en/pes/a2/".to_string()
        ])
    );
    // The peer-group view lists the same practices.
    let south = parsed(&out, "en/indicators/placement/south/index.html");
    assert_eq!(
        texts(&south, ".indicator-practices > li > a"),
        ["Bravo's placement"]
    );
    // Lower is better: Delta's 200 ranks first of three, and alone in its group.
    let duration = parsed(&out, "fr/indicateurs/duration/index.html");
    assert_eq!(
        texts(&duration, ".indicator-practices .practice-by"),
        ["Service Delta — 200 (2024) · Rang dans le groupe 1 / 1 · Rang dans le réseau 1 / 3"]
    );
    let satisfaction = parsed(&out, "en/indicators/satisfaction/index.html");
    assert_eq!(
        texts(&satisfaction, "#indicator-practices ~ .empty"),
        ["No good practice names this indicator yet."]
    );
    let facts = texts(&satisfaction, ".facts div");
    assert!(
        facts.contains(&"Related excellence areas B Processes".to_string()),
        "{facts:?}"
    );
    // A practice's page names the indicators it aims to improve, linked to their pages.
    let practice = parsed(&out, "en/good-practices/bravo-placement/index.html");
    let facts = texts(&practice, ".facts div");
    assert!(
        facts.contains(&"Indicators it aims to improve Placement".to_string()),
        "{facts:?}"
    );
    assert!(hrefs(&practice, ".facts a").contains("/en/indicators/placement/"));
}

#[test]
fn an_unknown_indicator_or_area_is_reported_where_it_is_written_with_a_suggestion() {
    let site = Site::copy("minimal");
    site.edit(
        "content/practices/coaching.en.md",
        "areas: [A]\n",
        "areas: [A]\nindicators: [transitions, transition]\n",
    );
    site.edit(
        "content/data/indicators.yaml",
        "category: outcomes\n",
        "category: outcomes\n  areas: [A, Z]\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "content/practices/coaching.en.md:6:27",
        "unknown indicator `transition`",
        "did you mean `transitions`?",
        "content/data/indicators.yaml:7:14",
        "unknown excellence area `Z`",
        "2 problems found",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_new_practice_offers_the_indicators_field() {
    let site = Site::copy("minimal");
    site.run(&["new", "practice", "job-fairs"]).assert_code(0);
    for lang in ["fr", "en"] {
        let text = site.read(&format!("content/practices/job-fairs.{lang}.md"));
        assert!(text.contains("\nindicators: []\n"), "{text}");
    }
    let schemas = site.beside("schemas");
    site.run(&["schema", "--output", schemas.to_str().expect("UTF-8 path")])
        .assert_code(0);
    let practice: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schemas.join("practice.schema.json")).expect("schema"),
    )
    .expect("JSON");
    assert_eq!(
        practice["properties"]["indicators"]["items"]["type"],
        "string"
    );
    let indicators: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(schemas.join("indicators.schema.json")).expect("schema"),
    )
    .expect("JSON");
    assert!(indicators.to_string().contains("\"areas\""), "{indicators}");
}
