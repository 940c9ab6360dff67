//! Breakdowns by sex and age group on the indicator pages, the full names behind the area
//! letters of grouped bars, and the data dictionaries of the downloads.

use crate::common::{
    built, built_members, collapsed, csv_file, parsed, select, text_of, texts, Site,
};

/// The minimal site with observations by sex and by age group (`tests/fixtures/breakdowns`).
fn site_with_breakdowns() -> Site {
    Site::overlay("minimal", "breakdowns")
}

/// The text of each row of a table (header row first), each cell's text collapsed.
fn table_rows(table: &scraper::ElementRef<'_>) -> Vec<Vec<String>> {
    table
        .select(&crate::common::selector("tr"))
        .map(|row| {
            row.select(&crate::common::selector("th, td"))
                .map(|cell| collapsed(&text_of(&cell)))
                .collect()
        })
        .collect()
}

#[test]
fn an_indicator_page_shows_each_service_by_sex_and_by_age_group_in_the_latest_year() {
    let site = site_with_breakdowns();
    let output = site.build_ok();
    let page = parsed(&output, "fr/indicateurs/transitions/index.html");
    assert_eq!(
        texts(&page, "h2[id^=breakdown-]"),
        ["Par sexe, 2023", "Par tranche d’âge, 2023"]
    );
    let tables = select(&page, "section[aria-labelledby=breakdown-sex] table");
    assert_eq!(tables.len(), 1);
    // Best total first, as the bar chart of the latest values; the 2022 value and the value
    // by sex and age at once are not shown.
    assert_eq!(
        table_rows(&tables[0]),
        [
            vec!["Service", "Femmes", "Hommes", "Total"],
            vec!["BA", "58,2\u{a0}%", "55,1\u{a0}%", "56,7\u{a0}%"],
            vec!["FT", "47,0\u{a0}%", "44,0\u{a0}%", "45,5\u{a0}%"],
        ]
    );
    let tables = select(&page, "section[aria-labelledby=breakdown-age] table");
    assert_eq!(
        table_rows(&tables[0]),
        [
            vec![
                "Service",
                "15–24 ans",
                "25–54 ans",
                "55 ans et plus",
                "Total"
            ],
            vec![
                "BA",
                "52,0\u{a0}%",
                "–pas de valeur",
                "60,0\u{a0}%",
                "56,7\u{a0}%"
            ],
            vec![
                "FT",
                "30,5\u{a0}%",
                "48,0\u{a0}%",
                "41,0\u{a0}%",
                "45,5\u{a0}%"
            ],
        ]
    );
    let legend = texts(
        &page,
        "section[aria-labelledby=breakdown-age] svg.layout-narrow .chart-legend",
    );
    assert_eq!(legend, ["15–24 ans", "25–54 ans", "55 ans et plus"]);
}

#[test]
fn subgroups_are_named_in_the_language_of_the_page() {
    let site = site_with_breakdowns();
    let output = site.build_ok();
    let page = parsed(&output, "en/indicators/transitions/index.html");
    assert_eq!(
        texts(&page, "h2[id^=breakdown-]"),
        ["By sex, 2023", "By age group, 2023"]
    );
    let headers = texts(&page, "section[aria-labelledby^=breakdown-] thead th");
    assert_eq!(
        headers,
        [
            "Service",
            "Women",
            "Men",
            "Total",
            "Service",
            "15–24 years",
            "25–54 years",
            "55 and over",
            "Total"
        ]
    );
}

#[test]
fn the_breakdowns_say_where_their_figures_come_from_and_that_they_are_illustrative() {
    let site = site_with_breakdowns();
    let output = site.build_ok();
    let page = parsed(&output, "en/indicators/transitions/index.html");
    for dimension in ["sex", "age"] {
        let section = format!("section[aria-labelledby=breakdown-{dimension}]");
        let line = texts(&page, &format!("{section} > p.provenance"));
        assert_eq!(
            line,
            ["Source: Follow-up survey (illustrative) · Year: 2023 · Updated: March 1, 2024 · Illustrative data"],
            "{dimension}"
        );
        let foot = texts(
            &page,
            &format!("{section} svg.layout-wide .chart-provenance"),
        );
        assert!(
            foot.iter().any(|text| text.contains("Illustrative data")),
            "{dimension}: {foot:?}"
        );
    }
    let site_without = built("minimal");
    let page = parsed(&site_without.output, "en/indicators/transitions/index.html");
    assert!(select(&page, "[id^=breakdown-]").is_empty());
}

#[test]
fn a_breakdown_the_pages_cannot_name_is_an_error_at_its_observation() {
    let site = site_with_breakdowns();
    site.write(
        "content/data/observations/fr-ft.yaml",
        "- pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 45.5\n  breakdown: {sex: woman}\n\
         - pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 45.5\n  breakdown: {region: north}\n\
         - pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 45.5\n  breakdown: {age: 24-15}\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "fr-ft.yaml:1:8",
        "`woman` is not a breakdown by sex; expected `female` or `male`",
        "fr-ft.yaml:6:8",
        "unknown breakdown `region`; an observation may be broken down by `sex` or `age`",
        "fr-ft.yaml:11:8",
        "`24-15` is not a breakdown by age",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
}

#[test]
fn the_letters_of_grouped_bars_and_heatmaps_carry_the_name_of_their_area() {
    // Each PES's scores, and the assessments download, are in the members' edition.
    let site = built_members("minimal");
    for (page, chart) in [
        ("fr/spe/fr-ft/index.html", "svg[aria-labelledby^=maturity-]"),
        (
            "fr/groupes-de-pairs/medium/index.html",
            "svg[aria-labelledby^=group-profile-]",
        ),
        (
            "fr/evaluations/2024/index.html",
            "svg[aria-labelledby^=heatmap-]",
        ),
    ] {
        let html = parsed(&site.output, page);
        let charts = select(&html, chart);
        assert_eq!(charts.len(), 3, "{page}: one drawing per layout");
        for svg in charts {
            let named: Vec<(String, String)> = svg
                .select(&crate::common::selector("g.chart-name"))
                .map(|name| {
                    let part = |css: &str| {
                        name.select(&crate::common::selector(css))
                            .map(|e| text_of(&e))
                            .collect::<String>()
                    };
                    (part("title"), part("text"))
                })
                .collect();
            assert!(
                named.contains(&("Gestion de la performance".to_string(), "A".to_string())),
                "{page}: {named:?}"
            );
        }
    }
}

#[test]
fn a_dictionary_per_language_explains_every_column_of_the_downloads_under_their_stable_headers() {
    // Each PES's scores, and the assessments download, are in the members' edition.
    let site = built_members("minimal");
    let output = &site.output;
    for lang in ["fr", "en"] {
        let dictionary = csv_file(output, &format!("data/columns.{lang}.csv"));
        assert_eq!(dictionary[0], ["file", "column", "name", "meaning", "unit"]);
        // Every column of every published file, in the file's order, and nothing else: the
        // minimal site has no framework, so no KPI or activity file.
        for file in ["observations.csv", "assessments.csv"] {
            let header = &csv_file(output, &format!("data/{file}"))[0];
            let explained: Vec<&String> = dictionary
                .iter()
                .filter(|row| row[0] == file)
                .map(|row| &row[1])
                .collect();
            assert_eq!(
                explained,
                header.iter().collect::<Vec<_>>(),
                "{lang}: {file}"
            );
        }
        assert!(dictionary[1..]
            .iter()
            .all(
                |row| ["observations.csv", "assessments.csv"].contains(&row[0].as_str())
                    && !row[2].is_empty()
                    && !row[3].is_empty()
            ));
    }
    // The data files keep their stable ids as headers.
    assert_eq!(
        csv_file(output, "data/observations.csv")[0][..4],
        ["indicator", "pes", "cluster", "year"]
    );
    let row = |lang: &str, column: &str| -> Vec<String> {
        csv_file(output, &format!("data/columns.{lang}.csv"))
            .into_iter()
            .find(|row| row[0] == "observations.csv" && row[1] == column)
            .unwrap_or_else(|| panic!("no {column} in the {lang} dictionary"))
    };
    assert_eq!(
        row("fr", "pes_name.en")[2..],
        ["Nom du service (anglais)", "Le nom du service.", ""]
    );
    assert_eq!(
        row("en", "pes_name.fr")[2..],
        ["Service name (French)", "The service’s name.", ""]
    );
    // `note` holds the text in the site's default language.
    assert_eq!(row("en", "note")[2], "Note (French)");
    assert_eq!(row("en", "value")[4], "that of the row’s unit column");
    assert_eq!(row("fr", "year")[4], "année");
}

#[test]
fn the_pages_linking_the_downloads_explain_their_columns_in_the_language_of_the_page() {
    // Each PES's scores, and the assessments download, are in the members' edition.
    let site = built_members("minimal");
    let index = parsed(&site.output, "fr/indicateurs/index.html");
    let guide = select(&index, "details#column-guide");
    assert_eq!(guide.len(), 1);
    assert_eq!(
        texts(&index, "#column-guide caption"),
        ["observations.csv"],
        "the indicators' page explains the observations"
    );
    let rows: Vec<String> = texts(&index, "#column-guide tbody tr");
    assert!(
        rows.contains(&"pes_name.en Nom du service (anglais) Le nom du service.".to_string()),
        "{rows:?}"
    );
    assert_eq!(
        crate::common::attribute(&index, "#column-guide a[download]", "href"),
        "/data/columns.fr.csv"
    );
    let assessments = parsed(&site.output, "en/assessments/index.html");
    assert_eq!(
        texts(&assessments, "#column-guide caption"),
        ["assessments.csv"]
    );
    assert!(texts(&assessments, "#column-guide tbody tr").contains(
        &"self Self-assessment The score the service gave itself. score from 1 to 6".to_string()
    ));
    let indicator = parsed(&site.output, "en/indicators/transitions/index.html");
    assert_eq!(
        crate::common::attribute(&indicator, ".facts a[href$='#column-guide']", "href"),
        "/en/indicators/#column-guide"
    );
}

#[test]
fn the_public_dictionary_explains_the_assessment_spreads_instead_of_each_score() {
    let output = crate::common::built_example();
    let dictionary = csv_file(output, "data/columns.en.csv");
    let explained: Vec<&String> = dictionary
        .iter()
        .filter(|row| row[0] == "assessment-spreads.csv")
        .map(|row| &row[1])
        .collect();
    let header = &csv_file(output, "data/assessment-spreads.csv")[0];
    assert_eq!(explained, header.iter().collect::<Vec<_>>());
    assert!(!dictionary.iter().any(|row| row[0] == "assessments.csv"));
    let median = dictionary
        .iter()
        .find(|row| row[0] == "assessment-spreads.csv" && row[1] == "median")
        .expect("the median column is explained");
    assert_eq!(
        median[2..],
        [
            "Median",
            "Half of the scores are at or below this value.",
            "score from 1 to 6"
        ]
    );
}
