//! An author's first hour (#19), mistake by mistake: each is made in a fresh copy of the
//! starter site `init` writes, and `check --format json` must report it at its file, line and
//! column, with a code and words an author can act on, and go on to the file's other problems.

use serde_json::Value;

use crate::common::{benchlearn, Site};

/// The starter site `benchlearn init` writes, in a temporary folder.
fn starter() -> Site {
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let root = dir.path().join("site");
    benchlearn(dir.path(), &["init", root.to_str().expect("UTF-8 path")]).assert_code(0);
    Site { dir, root }
}

/// The problems `check --format json` reports, which must make it fail.
fn problems(site: &Site) -> Vec<Value> {
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(1);
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .filter(|line: &Value| line["type"] == "diagnostic")
        .collect()
}

/// A problem as `file:line:column code: message (help)`, to compare and to show.
fn described(problem: &Value) -> String {
    let text = |key: &str| problem[key].as_str().unwrap_or_default().to_string();
    format!(
        "{}:{}:{} {}: {} ({})",
        text("file"),
        problem["line"],
        problem["column"],
        text("code"),
        text("message"),
        text("help")
    )
}

/// Asserts that one of `problems` is at `location` (`file:line:column`) with `code` and
/// every one of `words` in its message or help.
fn assert_problem(problems: &[Value], location: &str, code: &str, words: &[&str]) {
    let all: Vec<String> = problems.iter().map(described).collect();
    let found = all.iter().any(|problem| {
        problem.starts_with(&format!("{location} {code}: "))
            && words.iter().all(|word| problem.contains(word))
    });
    assert!(
        found,
        "no {code} problem at {location} saying {words:?} in:\n{}",
        all.join("\n")
    );
}

#[test]
fn a_category_without_a_name_is_an_error_in_categories_yaml() {
    let site = starter();
    let categories = "content/data/categories.yaml";
    site.write(categories, "- id: outcomes\n");
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{categories}:1:3"),
        "missing-field",
        &["missing field `name`", "add `name: …` to this entry"],
    );
    assert_eq!(
        found.len(),
        1,
        "the indicator's category is not reported too"
    );

    site.write(
        categories,
        "- id: outcomes\n  name: {fr: \"\", en: \" \"}\n",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{categories}:2:14"),
        "translation",
        &["`name` is empty in `fr`", "write the fr text"],
    );
    assert_problem(
        &found,
        &format!("{categories}:2:22"),
        "translation",
        &["`name` is empty in `en`"],
    );

    site.write(categories, "- id: outcomes\n  name: Outcomes\n");
    assert_problem(
        &problems(&site),
        &format!("{categories}:2:9"),
        "invalid-value",
        &[
            "expected a map",
            "one value per language",
            "`name: {fr: …, en: …}`",
        ],
    );
}

#[test]
fn every_missing_field_of_a_front_matter_is_reported_at_once() {
    let site = starter();
    let practice = "content/practices/example-practice.en.md";
    let text = site.read(practice);
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            !["pes:", "status:", "updated:"]
                .iter()
                .any(|f| line.starts_with(f))
        })
        .collect();
    let text = kept
        .join("\n")
        .replace("start_year: 2024", "start_year: soon");
    site.write(practice, &text);
    let found = problems(&site);
    for field in ["pes", "status", "updated"] {
        assert_problem(
            &found,
            &format!("{practice}:1:1"),
            "missing-field",
            &[
                &format!("missing field `{field}`"),
                &format!("add `{field}: …` to the front matter"),
            ],
        );
    }
    assert_problem(
        &found,
        &format!("{practice}:8:13"),
        "invalid-value",
        &["expected a whole number"],
    );
    assert_eq!(found.len(), 4, "{found:?}");

    let site = starter();
    let settings = site.read("site.yaml");
    let kept: Vec<&str> = settings
        .lines()
        .filter(|line| !line.starts_with("title:") && !line.starts_with("base_url:"))
        .collect();
    site.write("site.yaml", &kept.join("\n"));
    let found = problems(&site);
    for field in ["title", "base_url"] {
        assert_problem(
            &found,
            "site.yaml:11:1",
            "missing-field",
            &[
                &format!("missing field `{field}`"),
                &format!("add `{field}: …` to this file"),
            ],
        );
    }
}

#[test]
fn a_bracket_left_open_or_closed_wrongly_is_shown_and_the_rest_still_reported() {
    let site = starter();
    let practice = "content/practices/example-practice.en.md";
    site.edit(practice, "areas: [A]", "areas: [A");
    site.edit(practice, "status: pilot", "status: pilto");
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{practice}:6:8"),
        "yaml-syntax",
        &["the list `[` opened here is never closed", "`areas: [A]`"],
    );
    assert_problem(
        &found,
        &format!("{practice}:10:9"),
        "invalid-value",
        &["unknown value `pilto`", "pilot"],
    );

    site.edit(practice, "areas: [A", "areas: [A}");
    site.edit(
        practice,
        "target_groups: [all-jobseekers]",
        "target_groups: {a: 1}",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{practice}:6:8"),
        "yaml-syntax",
        &[
            "the list `[` opened here is closed by `}`",
            "close it with `]`",
        ],
    );
    assert_problem(
        &found,
        &format!("{practice}:8:16"),
        "invalid-value",
        &["expected a list", "`target_groups: [a, b]`"],
    );
    assert_problem(
        &found,
        &format!("{practice}:10:9"),
        "invalid-value",
        &["pilto"],
    );
}

#[test]
fn observations_in_braces_report_each_entry_and_a_map_left_open() {
    let site = starter();
    let observations = "content/data/observations/example-pes.yaml";
    site.write(
        observations,
        "- {pes: example-pes, indicator: example-indicator, year: 2022, value: 41,5}\n\
         - {pes: example-pes, indicator: example-indicator, year: 2023, value: 40, sexe: f}\n\
         - {pes: example-pes, indicator: example-indicator, year: 2024, value: 42\n\
         - {pes: example-pes, indicator: example-indicator, year: 2021, value: x}\n",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{observations}:1:71"),
        "invalid-value",
        &["`41,5` is not a number", "write 41.5"],
    );
    assert_problem(
        &found,
        &format!("{observations}:2:75"),
        "unknown-field",
        &["unknown field `sexe`"],
    );
    assert_problem(
        &found,
        &format!("{observations}:3:3"),
        "yaml-syntax",
        &["the map `{` opened here is never closed", "value: 42}`"],
    );
    assert_problem(
        &found,
        &format!("{observations}:4:71"),
        "invalid-value",
        &["expected a number"],
    );
}

#[test]
fn a_percentage_outside_0_to_100_is_out_of_range_at_its_value_or_cell() {
    let site = starter();
    site.edit(
        "content/data/observations/example-pes.yaml",
        "value: 42.5",
        "value: 120",
    );
    site.write(
        "content/data/observations/more.csv",
        "\"pes\",\"indicator\",\"year\",\"value\"\n\
         \"example-pes\",\"example-indicator\",\"2021\",\"-5\"\n\
         example-pes, \"example-indicator\", 2020 , 100\n",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        "content/data/observations/example-pes.yaml:10:10",
        "out-of-range",
        &[
            "120 is not a percentage; expected a value from 0 to 100",
            "indicator `example-indicator` is in percent",
        ],
    );
    assert_problem(
        &found,
        "content/data/observations/more.csv:2:43",
        "out-of-range",
        &["-5 is not a percentage"],
    );
    assert_eq!(
        found.len(),
        2,
        "a space before a quoted cell keeps its text: {found:?}"
    );
}

#[test]
fn a_tab_in_the_indentation_does_not_hide_the_other_problems_of_the_file() {
    let site = starter();
    let indicators = "content/data/indicators.yaml";
    site.edit(indicators, "  unit: percent", "\tunit: percentage");
    site.edit(indicators, "  better: higher", "  better: more");
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{indicators}:8:1"),
        "yaml-syntax",
        &["a tab here", "replace the tab with spaces"],
    );
    assert_problem(
        &found,
        &format!("{indicators}:8:8"),
        "invalid-value",
        &["unknown value `percentage`", "percent"],
    );
    assert_problem(
        &found,
        &format!("{indicators}:9:11"),
        "invalid-value",
        &["unknown value `more`", "higher, lower"],
    );
}

#[test]
fn words_that_are_not_yaml_values_are_explained_in_words() {
    let site = starter();
    let practice = "content/practices/example-practice.en.md";
    site.edit(practice, "status: pilot", "status: pilot\ndraft: maybe");
    site.edit(
        "content/data/observations/example-pes.yaml",
        "value: 42.5",
        "value: 42,5",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        &format!("{practice}:11:8"),
        "invalid-value",
        &["expected true or false ("],
    );
    assert_problem(
        &found,
        "content/data/observations/example-pes.yaml:10:10",
        "invalid-value",
        &["write 42.5"],
    );
}

#[test]
fn a_misspelt_language_code_says_which_code_was_meant() {
    let site = starter();
    site.edit("site.yaml", "languages: [fr, en]", "languages: [fr, eng]");
    let found = problems(&site);
    assert_problem(
        &found,
        "site.yaml:10:17",
        "site-config",
        &["`eng` is not a language code", "did you mean `en`?"],
    );
    assert_eq!(
        found.len(),
        1,
        "the translations are not reported against `eng`: {found:?}"
    );

    let site = starter();
    let practice = site.path("content/practices/example-practice.en.md");
    std::fs::rename(
        &practice,
        practice.with_extension("").with_extension("EN.md"),
    )
    .expect("rename the practice");
    let found = problems(&site);
    assert_problem(
        &found,
        "content/practices/example-practice.EN.md:null:null",
        "file",
        &["`EN`", "rename the file example-practice.en.md"],
    );
}

#[test]
fn a_decimal_comma_after_a_space_in_csv_says_to_remove_the_space() {
    let site = starter();
    site.write(
        "content/data/observations/more.csv",
        "pes,indicator,year,value\nexample-pes,example-indicator,2021, \"48,2\"\n",
    );
    assert_problem(
        &problems(&site),
        "content/data/observations/more.csv:2:1",
        "observations",
        &["this row has 5 cells", "remove the space before \"48,2\""],
    );
}

#[test]
fn a_file_or_field_of_the_wrong_kind_says_how_to_write_it() {
    let site = starter();
    site.write(
        "content/data/pes.yaml",
        "id: example-pes\nname: {fr: \"Exemple\", en: \"Example\"}\n",
    );
    site.write(
        "content/data/areas.yaml",
        "- id: A\n  name: {fr: \"Domaine\", en: \"Area\"}\n  enablers:\n    id: A1\n    name: {fr: \"Levier\", en: \"Enabler\"}\n- id: B\n",
    );
    let found = problems(&site);
    assert_problem(
        &found,
        "content/data/pes.yaml:1:1",
        "invalid-value",
        &[
            "expected a list",
            "this file is a list: start each entry with `- `",
        ],
    );
    assert_problem(
        &found,
        "content/data/areas.yaml:4:5",
        "invalid-value",
        &["expected a list", "below `enablers:`, after `- `"],
    );
    assert_problem(
        &found,
        "content/data/areas.yaml:6:3",
        "missing-field",
        &["missing field `name`"],
    );
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_kpi_percentage_over_100_is_flagged_by_its_schema_and_by_check() {
    let site = starter();
    site.run(&["schema"]).assert_code(0);
    let schema: Value =
        serde_json::from_str(&site.read("schemas/framework.schema.json")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid JSON Schema");
    let framework = |unit: &str, actual: f64| {
        serde_json::json!({
            "title": {"fr": "Cadre", "en": "Framework"},
            "pillars": [{
                "id": "reintegration",
                "name": {"fr": "Réinsertion", "en": "Reintegration"},
                "kpis": [{
                    "id": "job-uptake",
                    "name": {"fr": "Reprises", "en": "Uptake"},
                    "unit": unit,
                    "baseline": {"year": 2020, "value": 40},
                    "actuals": {"2021": actual},
                }],
            }],
        })
    };
    assert!(validator.is_valid(&framework("percent", 48.2)));
    assert!(!validator.is_valid(&framework("percent", 120.0)));
    assert!(validator.is_valid(&framework("count", 120.0)));
    assert!(!validator.is_valid(&framework("count", -1.0)));

    site.write(
        "content/data/frameworks/example-pes.yaml",
        "title: {fr: \"Cadre\", en: \"Framework\"}\npillars:\n  - id: reintegration\n    name: {fr: \"Réinsertion\", en: \"Reintegration\"}\n    kpis:\n      - id: job-uptake\n        name: {fr: \"Reprises\", en: \"Uptake\"}\n        unit: percent\n        baseline: {year: 2020, value: 40}\n        actuals: {2021: 120}\n",
    );
    assert_problem(
        &problems(&site),
        "content/data/frameworks/example-pes.yaml:10:25",
        "out-of-range",
        &["120 is not a percentage", "KPI `job-uptake` is in percent"],
    );
}
