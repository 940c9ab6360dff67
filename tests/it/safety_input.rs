//! Input that is valid in form but hostile or absurd in size: numbers no chart can draw,
//! impossible dates, folder names that make broken URLs, files that cost quadratic time or
//! print megabytes of errors, spreadsheet formulas in downloads, and YAML too large (or too
//! self-referential) to read. Each must end in a clear, positioned message or a correct site,
//! never in a panic, a hang or a flood.

use crate::common::*;
use crate::served::Serve;

const OBSERVATIONS_YAML: &str = "content/data/observations/fr-ft.yaml";
const OBSERVATIONS_CSV: &str = "content/data/observations/de-ba.csv";
const PRACTICE: &str = "content/practices/coaching.en.md";
const FRAMEWORK: &str = "content/data/frameworks/fr-ft.yaml";

/// Runs `check` and `build` and asserts both refuse the site (exit 1, no panic, nothing
/// written) and print every one of `expected`; returns what `check` printed.
fn refused(site: &Site, expected: &[&str]) -> String {
    let mut printed = String::new();
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_code(1);
        for text in expected {
            assert!(
                run.stderr.contains(text),
                "`{command}` did not print {text:?}\n--- stderr:\n{}",
                run.stderr
            );
        }
        assert!(!site.output().exists(), "`{command}` wrote the site");
        printed = run.stderr;
    }
    printed
}

/// The minimal site with `fr-ft.yaml`'s second value replaced by `value`.
fn site_with_yaml_value(value: &str) -> Site {
    let site = Site::copy("minimal");
    site.edit(OBSERVATIONS_YAML, "value: 45.5", &format!("value: {value}"));
    site
}

#[test]
fn a_value_too_large_for_a_chart_is_refused_where_it_is_written() {
    let site = site_with_yaml_value("1.6e308");
    refused(
        &site,
        &[
            "content/data/observations/fr-ft.yaml:8:10",
            "1.6e308 is too large",
            "from -1e15 to 1e15",
        ],
    );
}

#[test]
fn non_finite_yaml_values_are_refused_like_csv_refuses_them() {
    for (value, words) in [
        (".nan", "NaN is not a number"),
        (".inf", "infinity is not a number"),
        ("-.inf", "infinity is not a number"),
    ] {
        let site = site_with_yaml_value(value);
        refused(&site, &["content/data/observations/fr-ft.yaml:8:10", words]);
    }
}

#[test]
fn absurd_csv_values_are_refused_at_their_cell() {
    let site = Site::copy("minimal");
    site.edit(OBSERVATIONS_CSV, "55.1", "1e300");
    site.edit(OBSERVATIONS_CSV, "56.7", "-1e16");
    refused(
        &site,
        &[
            "content/data/observations/de-ba.csv:2:24",
            "1e300 is too large",
            "content/data/observations/de-ba.csv:3:24",
            "-1e16 is too large",
        ],
    );
}

/// A framework for `fr-ft` with one KPI; `baseline`, `target` and `actual` are written as given.
fn framework(baseline: &str, target: &str, actual: &str) -> String {
    format!(
        "title: {{fr: \"Cadre\", en: \"Framework\"}}\n\
         pillars:\n\
         \x20 - id: outcomes\n\
         \x20   name: {{fr: \"Résultats\", en: \"Outcomes\"}}\n\
         \x20   kpis:\n\
         \x20     - id: placements\n\
         \x20       name: {{fr: \"Placements\", en: \"Placements\"}}\n\
         \x20       unit: count\n\
         \x20       baseline: {{year: 2020, value: {baseline}}}\n\
         \x20       targets: {{2023: {target}}}\n\
         \x20       actuals: {{2023: {actual}}}\n"
    )
}

#[test]
fn a_framework_builds_with_ordinary_numbers() {
    let site = Site::copy("minimal");
    site.write(FRAMEWORK, &framework("100", "200", "150"));
    site.build_ok();
}

#[test]
fn absurd_framework_baselines_targets_and_actuals_are_refused_where_written() {
    for (text, place, words) in [
        (
            framework("1e300", "200", "150"),
            "fr-ft.yaml:9:39",
            "1e300 is too large",
        ),
        (
            framework("100", "1.6e308", "150"),
            "fr-ft.yaml:10:25",
            "1.6e308 is too large",
        ),
        (
            framework("100", "200", ".nan"),
            "fr-ft.yaml:11:25",
            "NaN is not a number",
        ),
    ] {
        let site = Site::copy("minimal");
        site.write(FRAMEWORK, &text);
        refused(&site, &[place, words]);
    }
}

#[test]
fn an_absurd_assessment_score_is_refused_without_a_panic() {
    let site = Site::copy("minimal");
    site.edit(
        "content/data/assessments/2024/fr-ft.yaml",
        "self: 5",
        "self: 1.6e308",
    );
    refused(&site, &["content/data/assessments/2024/fr-ft.yaml:7:11"]);
}

#[test]
fn serve_survives_a_value_too_large_for_a_chart_and_shows_where_it_is() {
    let site = site_with_yaml_value("1.6e308");
    let mut serve = Serve::on(site, &[], &[]);
    let body = serve.get("/en/good-practices/coaching/").body;
    assert!(body.contains("benchlearn-error"), "{body}");
    assert!(body.contains("content/data/observations/fr-ft.yaml"));
    assert!(body.contains("1.6e308 is too large"));
    assert!(serve.still_running());
}

#[test]
fn impossible_dates_are_refused_where_written() {
    for (file, from, to, place) in [
        (
            PRACTICE,
            "updated: 2024-03-01",
            "updated: 0000-01-01",
            "content/practices/coaching.en.md:8:10",
        ),
        (
            "content/data/assessments/2024/fr-ft.yaml",
            "date: 2024-03-05",
            "date: -2023-01-01",
            "content/data/assessments/2024/fr-ft.yaml:1:7",
        ),
        (
            PRACTICE,
            "updated: 2024-03-01",
            "updated: 1899-12-31",
            "content/practices/coaching.en.md:8:10",
        ),
    ] {
        let site = Site::copy("minimal");
        site.edit(file, from, to);
        refused(
            &site,
            &[place, "expected a date from 1900-01-01 to 2100-12-31"],
        );
    }
}

#[test]
fn assessment_cycle_folders_must_be_url_safe() {
    for cycle in ["A B", "x?y#z", "index.html", "2024_spring"] {
        let site = Site::copy("minimal");
        std::fs::rename(
            site.path("content/data/assessments/2024"),
            site.path(&format!("content/data/assessments/{cycle}")),
        )
        .expect("rename the cycle folder");
        refused(
            &site,
            &[&format!(
                "content/data/assessments/{cycle}: `{cycle}` is not a valid assessment cycle"
            )],
        );
    }
}

#[test]
fn a_lower_case_cycle_with_hyphens_is_accepted() {
    let site = Site::copy("minimal");
    std::fs::rename(
        site.path("content/data/assessments/2024"),
        site.path("content/data/assessments/2024-spring"),
    )
    .expect("rename the cycle folder");
    let output = site.build_ok();
    assert!(output
        .join("en/assessments/2024-spring/index.html")
        .is_file());
}

#[test]
fn framework_file_names_must_name_a_pes() {
    for name in ["A B", "fr-ft?x", "index"] {
        let site = Site::copy("minimal");
        site.write(
            &format!("content/data/frameworks/{name}.yaml"),
            &framework("100", "200", "150"),
        );
        refused(
            &site,
            &[
                &format!("content/data/frameworks/{name}.yaml"),
                &format!("unknown PES `{name}`"),
            ],
        );
    }
}

#[test]
fn a_hundred_thousand_identical_headings_get_unique_ids() {
    let site = Site::copy("minimal");
    // Pagefind's own indexing of 100,000 anchors (seconds in a debug build) is not under test.
    let settings = site.read("site.yaml") + "search: {enabled: false}\n";
    site.write("site.yaml", &settings);
    let mut practice = site.read(PRACTICE);
    for _ in 0..100_000 {
        practice.push_str("\n## Same\n");
    }
    site.write(PRACTICE, &practice);
    let output = site.build_ok();
    let page = page(&output, "en/good-practices/coaching/index.html");
    assert!(page.contains("id=\"same\""));
    assert!(page.contains("id=\"same-1\""));
    assert!(page.contains("id=\"same-99999\""));
    assert!(!page.contains("id=\"same-100000\""));
}

/// The minimal site with `rows` CSV rows whose year is not a number.
fn site_with_bad_csv_rows(rows: usize) -> Site {
    let site = Site::copy("minimal");
    let mut csv = String::from("pes,indicator,year,value\n");
    for _ in 0..rows {
        csv.push_str("de-ba,transitions,someday,1\n");
    }
    site.write(OBSERVATIONS_CSV, &csv);
    site
}

#[test]
fn a_hundred_thousand_bad_cells_are_counted_but_fifty_shown() {
    let site = site_with_bad_csv_rows(100_000);
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_eq!(
        run.stderr.matches("`someday` is not a year").count(),
        50,
        "{}",
        &run.stderr[..run.stderr.len().min(4000)]
    );
    assert!(
        run.stderr
            .contains("… and 99950 more problems in content/data/observations/de-ba.csv"),
        "{}",
        &run.stderr[run.stderr.len().saturating_sub(4000)..]
    );
    assert!(run.stderr.contains("error: 100000 problems found"));
    assert!(
        run.stderr.len() < 100_000,
        "{} bytes printed",
        run.stderr.len()
    );
}

#[test]
fn the_serve_overlay_shows_fifty_problems_of_a_file_and_counts_the_rest() {
    let site = site_with_bad_csv_rows(2_000);
    let mut serve = Serve::on(site, &[], &[]);
    let body = serve.get("/en/good-practices/coaching/").body;
    assert!(body.contains("benchlearn-error"), "{body}");
    assert_eq!(body.matches("`someday` is not a year").count(), 50);
    // Without a good build the overlay comes in the default language, French.
    assert!(
        body.contains(
            "… et 1\u{202f}950 autres problèmes dans content/data/observations/de-ba.csv"
        ),
        "{}",
        &body[body.len().saturating_sub(3000)..]
    );
    assert!(
        body.contains("2\u{202f}000 problèmes trouvés."),
        "the overlay counts every problem, in French digits and words"
    );
    assert!(serve.still_running());
}

#[test]
fn csv_downloads_neutralise_spreadsheet_formulas() {
    let site = Site::copy("minimal");
    site.write(
        OBSERVATIONS_YAML,
        "- pes: fr-ft\n  indicator: transitions\n  year: 2022\n  value: 43.5\n  \
         note: '=HYPERLINK(\"https://evil.example\",\"click\")'\n  source: '+1'\n  \
         breakdown: {sex: female}\n\
         - pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 45.5\n  \
         note: \"\\tTAB\"\n  source: \"\\rCR\"\n",
    );
    site.write(
        OBSERVATIONS_CSV,
        "pes,indicator,year,value,note,source\n\
         de-ba,transitions,2022,55.1,-cmd,@SUM(1+1)\n\
         de-ba,transitions,2023,56.7,plain note,\n",
    );
    let output = site.build_ok();
    for download in ["data/observations.csv", "data/indicators/transitions.csv"] {
        let text = std::fs::read_to_string(output.join(download)).expect("the CSV download");
        let rows = csv_cells(&text);
        let column = |name: &str| {
            rows[0]
                .iter()
                .position(|h| h == name)
                .unwrap_or_else(|| panic!("no column {name}"))
        };
        let (note, source, value) = (column("note"), column("source"), column("value"));
        let notes: Vec<&str> = rows[1..].iter().map(|r| r[note].as_str()).collect();
        let sources: Vec<&str> = rows[1..].iter().map(|r| r[source].as_str()).collect();
        assert_eq!(
            notes,
            [
                "'-cmd",
                "plain note",
                "'=HYPERLINK(\"https://evil.example\",\"click\")",
                "'\tTAB"
            ],
            "{download}"
        );
        assert_eq!(sources, ["'@SUM(1+1)", "", "'+1", "'\rCR"], "{download}");
        for row in &rows[1..] {
            assert!(
                row[value].parse::<f64>().is_ok(),
                "{download}: value {:?} is not a plain number",
                row[value]
            );
        }
    }
    let json = std::fs::read_to_string(output.join("data/indicators/transitions.json"))
        .expect("the JSON download");
    assert!(
        json.contains(r#""note": "=HYPERLINK(\"https://evil.example\",\"click\")""#),
        "JSON keeps the text as written: {json}"
    );
}

#[test]
fn sixty_thousand_observations_in_one_yaml_file_load() {
    let site = Site::copy("minimal");
    let mut yaml = String::new();
    for index in 0..60_000 {
        yaml.push_str(&format!(
            "- pes: fr-ft\n  indicator: transitions\n  year: 2022\n  value: 43.5\n  breakdown: {{sex: female, age: {index}+}}\n"
        ));
    }
    site.write(OBSERVATIONS_YAML, &yaml);
    let run = site.run(&["check"]);
    run.assert_code(0);
}

/// A billion laughs: nine levels of ten aliases each, a few hundred bytes that would expand
/// to a billion strings.
fn alias_bomb() -> String {
    let mut yaml = String::from("a: &a {");
    for key in 0..10 {
        yaml.push_str(&format!("k{key}: lol, "));
    }
    yaml.push_str("}\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (previous, name) = (pair[0], pair[1]);
        yaml.push_str(&format!("{name}: &{name} {{"));
        for key in 0..10 {
            yaml.push_str(&format!("k{key}: *{previous}, "));
        }
        yaml.push_str("}\n");
    }
    yaml
}

#[test]
fn an_alias_bomb_is_refused_in_words_an_author_understands() {
    let site = Site::copy("minimal");
    site.write("themes/default/i18n/en.yaml", &alias_bomb());
    let printed = refused(
        &site,
        &[
            "themes/default/i18n/en.yaml",
            "too large to read safely",
            "split the file",
        ],
    );
    assert!(!printed.contains("budget breached"), "{printed}");
}
