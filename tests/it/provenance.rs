//! Provenance: every chart and every table of figures says where its figures come from (the
//! sources, the years, the date of the last update) and, where its dataset is illustrative,
//! that word; a chart says it inside its own SVG, so a copy of it keeps it.

use scraper::{ElementRef, Html};

use crate::common::{self, collapsed, parsed, select, Site};

/// The words a provenance line is made of, in one language of the example site.
struct Words {
    source: &'static str,
    year: &'static str,
    updated: &'static str,
    illustrative: &'static str,
}

fn words(page: &str) -> Words {
    if page.starts_with("en/") {
        Words {
            source: "Source",
            year: "Year",
            updated: "Updated",
            illustrative: "Illustrative data",
        }
    } else {
        Words {
            source: "Source",
            year: "Année",
            updated: "Mise à jour",
            illustrative: "Données illustratives",
        }
    }
}

/// What is missing from `text` for it to say where figures come from: a source, a year, a
/// date of update and, if `illustrative`, that word.
fn missing(text: &str, words: &Words, illustrative: bool) -> Vec<&'static str> {
    let text = collapsed(text);
    let after = |label: &str| {
        text.split_once(label)
            .map(|(_, rest)| rest.chars().take(40).collect::<String>())
    };
    let has_digits = |rest: Option<String>, count: usize| {
        rest.is_some_and(|rest| rest.chars().filter(char::is_ascii_digit).count() >= count)
    };
    let mut missing = Vec::new();
    if !text.contains(words.source) {
        missing.push("a source");
    }
    // "Années : 2020–2024" or "Année : 2024".
    let years = after(words.year).or_else(|| after(&words.year.to_lowercase()));
    if !has_digits(years, 4) {
        missing.push("a year");
    }
    if !has_digits(after(words.updated), 4) {
        missing.push("an updated date");
    }
    if illustrative && !text.contains(words.illustrative) {
        missing.push("the word illustrative");
    }
    missing
}

/// The provenance line said under a table: the paragraph right after its scrolling region.
fn line_under<'a>(table: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let region = table
        .parent()
        .and_then(ElementRef::wrap)
        .filter(|parent| parent.value().classes().any(|c| c == "table-scroll"))
        .unwrap_or(table);
    region
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .filter(|next| next.value().classes().any(|c| c == "provenance"))
}

/// The table an element sits in, if any.
fn table_of(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|ancestor| ancestor.value().name() == "table")
}

/// Every problem of provenance on one page: charts and figures tables that do not say where
/// their figures come from.
fn page_problems(name: &str, html: &Html, illustrative: bool) -> Vec<String> {
    let words = words(name);
    let mut problems = Vec::new();
    // A table of figures: one with a cell of numbers (not the table of practices).
    let figures_tables = select(html, "table.data-table")
        .into_iter()
        .filter(|table| table.select(&common::selector("td.num")).next().is_some());
    for (index, table) in figures_tables.enumerate() {
        let said = line_under(table).map(|line| line.text().collect::<String>());
        let lacks = said.map_or(vec!["a provenance line"], |text| {
            missing(&text, &words, illustrative)
        });
        if !lacks.is_empty() {
            problems.push(format!("{name}: table {index} lacks {}", lacks.join(", ")));
        }
    }
    for chart in select(html, "svg.chart") {
        let id = chart.value().id().unwrap_or_default().to_string();
        let is_sparkline = chart.value().classes().any(|c| c == "chart-sparkline");
        // A sparkline lives in a table cell: the line under its table is its provenance.
        let text = match table_of(chart) {
            Some(table) if is_sparkline => line_under(table)
                .map(|line| line.text().collect())
                .unwrap_or_default(),
            _ => chart.text().collect::<String>(),
        };
        let lacks = missing(&text, &words, illustrative);
        if !lacks.is_empty() {
            let title = select_title(chart);
            problems.push(format!(
                "{name}: chart {id} “{title}” lacks {}",
                lacks.join(", ")
            ));
        }
    }
    problems
}

fn select_title(chart: ElementRef<'_>) -> String {
    chart
        .children()
        .filter_map(ElementRef::wrap)
        .find(|child| child.value().name() == "title")
        .map(|title| title.text().collect())
        .unwrap_or_default()
}

#[test]
fn every_chart_and_figures_table_of_the_example_says_where_its_figures_come_from() {
    let output = common::built_example();
    let pages = common::html_pages(output);
    let mut problems = Vec::new();
    let mut views = 0;
    for (name, text) in &pages {
        let html = Html::parse_document(text);
        views += select(&html, "table.data-table, svg.chart").len();
        // Every dataset of the example site is illustrative.
        problems.extend(page_problems(name, &html, true));
    }
    assert!(views > 500, "only {views} charts and tables were found");
    assert!(
        problems.is_empty(),
        "{} views do not say where their figures come from:\n{}",
        problems.len(),
        problems[..problems.len().min(30)].join("\n")
    );
}

#[test]
fn a_chart_keeps_its_provenance_at_its_foot_and_in_its_description() {
    let output = common::built_example();
    let html = parsed(output, "en/indicators/vacancies-filled/index.html");
    let charts = select(&html, "svg.chart-bars, svg.chart-lines");
    assert_eq!(charts.len(), 2 * 3, "two charts, each drawn for 3 widths");
    for chart in charts {
        let foot: String = select_in(chart, "g.chart-provenance text").join(" ");
        let desc: String = select_in(chart, "desc").join(" ");
        for text in [&foot, &desc] {
            let lacks = missing(text, &words("en/"), true);
            assert!(lacks.is_empty(), "{text:?} lacks {lacks:?}");
        }
        assert!(foot.contains("30 June 2025"), "{foot}");
    }
}

fn select_in(element: ElementRef<'_>, css: &str) -> Vec<String> {
    element
        .select(&common::selector(css))
        .map(|found| found.text().collect())
        .collect()
}

#[test]
fn the_real_visit_does_not_call_itself_illustrative_and_data_pages_do() {
    let output = common::built_example();
    let notice = |page: &str| select(&parsed(output, page), "footer .illustrative").len();
    assert_eq!(notice("fr/visites-etude/cambodge-nea-2020/index.html"), 0);
    assert_eq!(notice("en/study-visits/cambodia-nea-2020/index.html"), 0);
    assert_eq!(notice("fr/indicateurs/vacancies-filled/index.html"), 1);
    assert_eq!(notice("fr/evaluations/2024/index.html"), 1);
    // A page with no figures at all has nothing to warn about.
    assert_eq!(notice("fr/index.html"), 0);
}

/// A site with one real dataset (a survey) and illustrative others.
fn mixed_site() -> Site {
    Site::overlay("minimal", "provenance")
}

#[test]
fn only_the_views_of_an_illustrative_dataset_say_illustrative() {
    let site = mixed_site();
    let output = site.build_ok();
    let real = "fr/indicateurs/satisfaction/index.html";
    let illustrative = "fr/indicateurs/transitions/index.html";
    for (page, is_illustrative) in [(real, false), (illustrative, true)] {
        let html = parsed(&output, page);
        let problems = page_problems(page, &html, is_illustrative);
        assert!(problems.is_empty(), "{problems:#?}");
        let said = html.root_element().text().collect::<String>();
        assert_eq!(
            said.contains("Données illustratives"),
            is_illustrative,
            "{page} says “Données illustratives”: {is_illustrative} expected"
        );
        assert_eq!(
            select(&html, "footer .illustrative").len(),
            usize::from(is_illustrative),
            "{page}'s footer"
        );
    }
    let real_line = collapsed(&common::texts(&parsed(&output, real), "p.provenance")[0]);
    assert_eq!(
        real_line,
        "Source\u{a0}: Enquête nationale de satisfaction · Année\u{a0}: 2023 · Mise à jour\u{a0}: 14 mars 2025"
    );
    // Rows with no source of their own show their dataset's; a dataset not in datasets.yaml
    // shows none and takes the site's `illustrative_data`.
    let illustrative_line =
        collapsed(&common::texts(&parsed(&output, illustrative), "p.provenance")[0]);
    assert!(
        illustrative_line
            .starts_with("Source\u{a0}: Registre de France Travail · Année\u{a0}: 2023"),
        "{illustrative_line}"
    );
    assert!(
        illustrative_line.ends_with("Mise à jour\u{a0}: 2 décembre 2024 · Données illustratives"),
        "{illustrative_line}"
    );
}

#[test]
fn a_document_says_whether_its_figures_are_illustrative() {
    let site = mixed_site();
    site.edit(
        "content/practices/coaching.fr.md",
        "updated: 2024-03-01",
        "updated: 2024-03-01\nillustrative: false",
    );
    let output = site.build_ok();
    let notice = |page: &str| select(&parsed(&output, page), "footer .illustrative").len();
    // Said false in French; the English text says nothing, so the site's option holds.
    assert_eq!(notice("fr/bonnes-pratiques/coaching/index.html"), 0);
    assert_eq!(notice("en/good-practices/coaching/index.html"), 1);
}

#[test]
fn datasets_yaml_names_datasets_that_exist() {
    let site = mixed_site();
    site.write(
        "content/data/datasets.yaml",
        "- dataset: observations/survey.yml\n  illustrative: false\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("unknown dataset `observations/survey.yml`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `observations/survey.yaml`?"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("datasets.yaml:1:"), "{}", run.stderr);
}
