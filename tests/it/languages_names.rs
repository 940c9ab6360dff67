//! Names, not codes: countries named by CLDR in each page's language, networks and indicator
//! categories named in the data, and no ISO code or data id shown where a name belongs.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use scraper::Html;

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
            cell("country_name.fr"),
            cell("country_name.en")
        ],
        ["DE", "Allemagne", "Germany"]
    );
    assert_eq!(
        [cell("pes_name.fr"), cell("pes_name.en")],
        ["Agence fédérale pour l’emploi", "Federal Employment Agency"]
    );
    let json = fs::read_to_string(output.join("data/indicators/transitions.json"))
        .expect("the JSON download");
    assert!(
        json.contains(r#""country": "DE""#) && json.contains(r#""country_name.fr": "Allemagne""#),
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
    // Said once for the missing file, not once per PES that names a network (#19).
    assert_reported(
        &stderr,
        "this file is missing; it defines the network ids that other files refer to",
        "content/data/networks.yaml",
    );
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

/// The ids of the example site's data: each with what it identifies, for messages.
struct DataIds {
    /// Country codes and the ids of members, networks, clusters, categories, indicators,
    /// framework pillars and KPIs: never shown as a name, not even inside a longer text
    /// ("France Travail (FR)").
    codes: BTreeMap<String, &'static str>,
    /// Area letters and enabler numbers (`A`, `A1`): the assessment model's own short
    /// designations, shown like acronyms in charts and beside names ("A · Strategic
    /// performance management"); never alone where a name belongs, unless an `<abbr title>`
    /// gives the name.
    designations: BTreeMap<String, &'static str>,
}

/// A YAML data file of the example site, read as the site reads it (`NO` is a string); null
/// if there is none.
fn example_data(relative: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/data")
        .join(relative);
    let Ok(text) = fs::read_to_string(&path) else {
        return serde_json::Value::Null;
    };
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(&text, options)
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The strings at `field` of each item of a list.
fn each<'v>(list: &'v serde_json::Value, field: &str) -> Vec<&'v str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item[field].as_str())
        .collect()
}

/// Every id the example site's data defines or refers to, with what it identifies.
fn example_ids() -> DataIds {
    let mut codes = BTreeMap::new();
    let mut add = |ids: Vec<&str>, kind: &'static str| {
        for id in ids {
            codes.insert(id.to_string(), kind);
        }
    };
    let pes = example_data("pes.yaml");
    add(each(&pes, "id"), "PES id");
    add(each(&pes, "country"), "country code");
    add(each(&pes, "network"), "network id");
    add(each(&pes, "cluster"), "cluster id");
    add(each(&example_data("networks.yaml"), "id"), "network id");
    add(each(&example_data("clusters.yaml"), "id"), "cluster id");
    add(each(&example_data("categories.yaml"), "id"), "category id");
    let indicators = example_data("indicators.yaml");
    add(each(&indicators, "id"), "indicator id");
    add(each(&indicators, "category"), "category id");
    let frameworks = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/frameworks");
    for entry in fs::read_dir(frameworks).expect("the example's frameworks") {
        let name = entry.expect("a framework").file_name();
        let framework = example_data(&format!("frameworks/{}", name.to_string_lossy()));
        let pillars = &framework["pillars"];
        add(each(pillars, "id"), "pillar id");
        for pillar in pillars.as_array().into_iter().flatten() {
            add(each(&pillar["kpis"], "id"), "KPI id");
        }
    }
    let mut designations = BTreeMap::new();
    for area in example_data("areas.yaml").as_array().into_iter().flatten() {
        if let Some(id) = area["id"].as_str() {
            designations.insert(id.to_string(), "area id");
        }
        for enabler in each(&area["enablers"], "id") {
            designations.insert(enabler.to_string(), "enabler id");
        }
    }
    DataIds {
        codes,
        designations,
    }
}

/// Elements that hold a name by themselves: table cells, terms and their descriptions, list
/// items, headings, captions, paragraphs, links, controls, titles, and the facet values and
/// result labels given to the search index.
const NAME_HOLDERS: &str = "td, th, dt, dd, li, h1, h2, h3, h4, h5, h6, caption, figcaption, p, \
     a, button, label, summary, option, legend, title, [data-pagefind-filter], \
     [data-pagefind-meta]";

/// Elements whose text is not words for a reader: code is shown as written.
const NOT_WORDS: [&str; 5] = ["script", "style", "code", "pre", "template"];

/// Whether one of `nodes` (a node's ancestors) is code, a script or a style.
fn in_code<'a>(nodes: impl IntoIterator<Item = &'a scraper::Node>) -> bool {
    nodes
        .into_iter()
        .filter_map(scraper::Node::as_element)
        .any(|element| NOT_WORDS.contains(&element.name()))
}

/// The parts of a text that a name could fill on its own: the text cut at brackets,
/// separators and punctuation, web addresses left out. "France Travail (FR)" holds
/// "France Travail" and "FR".
fn segments(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|word| !word.contains("://"))
        .collect();
    words
        .join(" ")
        .split(|c: char| "()[]{}·—–,;:/|«»\"“”".contains(c))
        .map(|part| part.trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

/// Where `page` shows a data id where a name belongs, one line each.
fn ids_shown(page: &str, html: &Html, ids: &DataIds) -> Vec<String> {
    let mut found = Vec::new();
    for node in html.tree.nodes() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        if in_code(node.ancestors().map(|n| n.value())) {
            continue;
        }
        for part in segments(text) {
            if let Some(kind) = ids.codes.get(&part) {
                found.push(format!("{page}: {kind} `{part}` in {:?}", collapsed(text)));
            }
        }
    }
    for element in select(html, NAME_HOLDERS) {
        let code = NOT_WORDS.contains(&element.value().name())
            || in_code(element.ancestors().map(|n| n.value()));
        if code || !select_in(&element, "abbr[title]").is_empty() {
            continue;
        }
        let text = collapsed(&element.text().collect::<Vec<_>>().join(" "));
        if let Some(kind) = ids.designations.get(&text) {
            let name = element.value().name();
            found.push(format!("{page}: {kind} `{text}` alone in <{name}>"));
        }
    }
    found
}

/// The elements below `element` matching `css`.
fn select_in<'a>(element: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element.select(&selector(css)).collect()
}

#[test]
fn the_example_site_shows_names_where_names_belong_in_every_language() {
    let ids = example_ids();
    for (id, kind) in [
        ("NO", "country code"),
        ("eu-pes", "network id"),
        ("no-nav", "PES id"),
    ] {
        assert_eq!(ids.codes.get(id), Some(&kind), "the example's ids are read");
    }
    assert!(
        ids.designations.contains_key("A1"),
        "the example's enablers are read"
    );
    let pages = html_pages(built_example());
    for (lang, at_least) in [("fr/", 80), ("en/", 80)] {
        let count = pages.keys().filter(|name| name.starts_with(lang)).count();
        assert!(count >= at_least, "{count} pages in {lang}");
    }
    let found: Vec<String> = pages
        .iter()
        .flat_map(|(page, text)| ids_shown(page, &Html::parse_document(text), &ids))
        .collect();
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for kind in ids.codes.values().chain(ids.designations.values()) {
        let count = found
            .iter()
            .filter(|line| line.contains(&format!(": {kind} `")))
            .count();
        if count > 0 {
            by_kind.insert(kind, count);
        }
    }
    assert!(
        found.is_empty(),
        "{} ids where names belong ({by_kind:?}), among them:\n{}",
        found.len(),
        found[..found.len().min(40)].join("\n")
    );
}

#[test]
fn the_names_check_sees_codes_in_texts_and_designations_alone_but_not_code_or_addresses() {
    let ids = DataIds {
        codes: BTreeMap::from([
            ("FR".to_string(), "country code"),
            ("eu-pes".to_string(), "network id"),
        ]),
        designations: BTreeMap::from([("A1".to_string(), "enabler id")]),
    };
    let html = Html::parse_document(
        r#"<html lang="en"><head><title>FR · Site</title></head><body>
        <ul><li>France Travail (FR)</li><li>Network: eu-pes</li></ul>
        <div hidden><span data-pagefind-filter="Country">FR</span></div>
        <table><tr><th>A1</th><th><span>A1</span> Profiling</th>
        <th><abbr title="Profiling">A1</abbr></th></tr></table>
        <svg><text>A1</text></svg>
        <p>FRANCE, Frankreich, fr-ft, eu-pes-2 and a1</p>
        <pre><code>country: FR
network: eu-pes</code></pre>
        <p><a href="/eu-pes/FR/" title="FR">https://example.org/eu-pes/</a> <span lang="FR">NAV</span></p>
        </body></html>"#,
    );
    assert_eq!(
        ids_shown("p", &html, &ids),
        [
            "p: country code `FR` in \"FR · Site\"",
            "p: country code `FR` in \"France Travail (FR)\"",
            "p: network id `eu-pes` in \"Network: eu-pes\"",
            "p: country code `FR` in \"FR\"",
            "p: enabler id `A1` alone in <th>",
        ]
    );
}
