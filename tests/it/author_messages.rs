//! Messages an author can act on (#19): each common mistake, made in a copy of the `minimal`
//! site, is reported at its file, line and column with advice, and one mistake does not hide
//! the others.

use crate::common::{Run, Site};

/// `minimal` with `files` written over it (path, text).
fn site_with(files: &[(&str, &str)]) -> Site {
    let site = Site::copy("minimal");
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

/// `check` on the site, which must fail.
fn failed_check(site: &Site) -> Run {
    let run = site.run(&["check"]);
    run.assert_code(1);
    run
}

/// Asserts that the report has a problem at `location` whose block holds every one of `words`.
fn assert_problem(run: &Run, location: &str, words: &[&str]) {
    let report = &run.stderr;
    let blocks: Vec<&str> = report.split("\n\n").collect();
    let block = blocks
        .iter()
        .find(|block| {
            block.contains(&format!("{location}]")) || block.contains(&format!("{location}:"))
        })
        .unwrap_or_else(|| panic!("no problem at {location}:\n{report}"));
    for word in words {
        assert!(
            block.contains(word),
            "{location}: no {word:?} in\n{block}\n---\n{report}"
        );
    }
}

#[test]
fn a_tab_is_shown_where_it_is() {
    let site = site_with(&[(
        "content/data/categories.yaml",
        "- id: outcomes\n\tname: {fr: \"Résultats\", en: \"Outcomes\"}\n",
    )]);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/data/categories.yaml:2:1",
        &["a tab here", "YAML indents", "replace the tab with spaces"],
    );
}

#[test]
fn a_value_with_a_colon_is_to_be_quoted() {
    let site = site_with(&[(
        "content/data/clusters.yaml",
        "- id: medium\n  name: {fr: \"Moyen\", en: \"Medium\"}\n  description:\n    fr: Note: proche de la moyenne\n    en: \"Close to the average.\"\n",
    )]);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/data/clusters.yaml:4:13",
        &[
            "mapping values are not allowed",
            "must be in quotes",
            "fr: \"Note: proche de la moyenne\"",
        ],
    );
}

#[test]
fn decimal_commas_say_how_to_write_the_number() {
    let site = site_with(&[
        (
            "content/data/observations/fr-ft.yaml",
            "- pes: fr-ft\n  indicator: transitions\n  year: 2022\n  value: 41,5\n- pes: fr-ft\n  indicator: transitions\n  year: 2023\n  value: 43,7\n",
        ),
        (
            "content/data/observations/de-ba.csv",
            "pes,indicator,year,value\nde-ba,transitions,2022,48,2\nxx-ba,transitions,2023,56.7\n",
        ),
    ]);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/data/observations/fr-ft.yaml:4:10",
        &["`41,5` is not a number", "write 41.5"],
    );
    // The second value is not hidden by the first.
    assert_problem(
        &run,
        "content/data/observations/fr-ft.yaml:8:10",
        &["write 43.7"],
    );
    assert_problem(
        &run,
        "content/data/observations/de-ba.csv:2:1",
        &["this row has 5 cells", "put the value in quotes, \"48,2\""],
    );
    // The good rows of a file with a bad one are still checked.
    assert_problem(
        &run,
        "content/data/observations/de-ba.csv:3:1",
        &["unknown PES `xx-ba`"],
    );
}

#[test]
fn a_field_missing_for_its_indentation_says_so() {
    let site = site_with(&[(
        "content/data/networks.yaml",
        "- id: eu-pes\nname: {fr: \"Réseau\", en: \"Network\"}\n",
    )]);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/data/networks.yaml:1:3",
        &[
            "missing field `name`",
            "the indentation may be wrong: `name` on line 2",
        ],
    );
}

#[test]
fn every_problem_of_a_front_matter_at_once() {
    let site = Site::copy("minimal");
    site.edit(
        "content/practices/coaching.en.md",
        "summary: \"A dedicated counsellor.\"",
        "sumary: \"A dedicated counsellor.\"",
    );
    site.edit(
        "content/practices/coaching.en.md",
        "status: ongoing",
        "status: on-going",
    );
    site.edit(
        "content/practices/coaching.en.md",
        "updated: 2024-03-01\n",
        "",
    );
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/practices/coaching.en.md:3:1",
        &["unknown field `sumary`", "did you mean `summary`?"],
    );
    assert_problem(
        &run,
        "content/practices/coaching.en.md:7:9",
        &["unknown value `on-going`", "did you mean `ongoing`?"],
    );
    assert_problem(
        &run,
        "content/practices/coaching.en.md:1:1",
        &["missing field `updated`"],
    );
    assert!(
        !run.stderr.contains("missing field `summary`"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_score_of_an_assessment_at_once() {
    let site = site_with(&[(
        "content/data/assessments/2024/fr-ft.yaml",
        "date: 2024-03-05\nscores:\n  - enabler: A1\n    self: 4.5\n    peer: 4\n  - enabler: A2\n    self: 0\n    peer: 7\n",
    )]);
    let run = failed_check(&site);
    let file = "content/data/assessments/2024/fr-ft.yaml";
    assert_problem(&run, &format!("{file}:4:11"), &["expected a whole number"]);
    assert_problem(
        &run,
        &format!("{file}:7:11"),
        &["self score 0 is out of range"],
    );
    assert_problem(
        &run,
        &format!("{file}:8:11"),
        &["peer score 7 is out of range"],
    );
}

#[test]
fn a_missing_pes_file_is_reported_once() {
    let site = Site::copy("minimal");
    site.remove("content/data/pes.yaml");
    let run = failed_check(&site);
    assert_problem(&run, "content/data/pes.yaml", &["this file is missing"]);
    assert!(!run.stderr.contains("unknown PES"), "{}", run.stderr);
}

#[test]
fn a_date_out_of_range_names_the_part() {
    let site = Site::copy("minimal");
    site.edit(
        "content/practices/coaching.fr.md",
        "updated: 2024-03-01",
        "updated: 2024-13-01",
    );
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/practices/coaching.fr.md:8:10",
        &["`2024-13-01` is not a date: the month 13 is out of range; expected 01 to 12"],
    );
}

#[test]
fn a_badly_named_document_gets_a_slug() {
    let site = Site::copy("minimal");
    let text = site.read("content/practices/coaching.fr.md");
    site.write("content/practices/Pratique été.fr.md", &text);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/practices/Pratique été.fr.md",
        &["not a valid slug", "rename the file pratique-ete.fr.md"],
    );
}

#[test]
fn links_to_content_files_are_resolved_or_reported() {
    let site = Site::copy("minimal");
    let body = "\n[French](coaching.fr.md#contexte), [women](women-return-to-work.en.md), [other](@/practice/coaching.md).\n";
    let text = site.read("content/practices/coaching.en.md") + body;
    site.write("content/practices/coaching.en.md", &text);
    let run = failed_check(&site);
    assert_problem(
        &run,
        "content/practices/coaching.en.md:15:36",
        &["no document `practices/women-return-to-work`"],
    );
    assert_problem(
        &run,
        "content/practices/coaching.en.md:15:73",
        &[
            "names no section `practice`",
            "did you mean `@/practices/coaching.md`?",
        ],
    );
    // The link to the French file is resolved like `@/practices/coaching.md`.
    assert!(
        !run.stderr.contains("coaching.en.md:15:2]"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches('×').count(), 2, "{}", run.stderr);
}

#[test]
fn editor_and_system_litter_is_passed_over() {
    let site = Site::copy("minimal");
    for name in [
        "Thumbs.db",
        "desktop.ini",
        ".DS_Store",
        "~$aching.fr.md",
        "coaching.fr.md.swp",
        "coaching.fr.md~",
    ] {
        site.write(&format!("content/practices/{name}"), "\u{0}litter");
        site.write(&format!("content/data/observations/{name}"), "\u{0}litter");
    }
    site.build_ok();
}

#[test]
fn schemas_flag_a_score_of_seven() {
    let site = Site::copy("minimal");
    site.run(&["schema"]).assert_code(0);
    let schema: serde_json::Value =
        serde_json::from_str(&site.read("schemas/assessment.schema.json")).expect("JSON");
    let score = &schema["definitions"]["Score"]["properties"]["self"];
    assert_eq!(
        (score["minimum"].as_i64(), score["maximum"].as_i64()),
        (Some(1), Some(6))
    );
    let pes: serde_json::Value =
        serde_json::from_str(&site.read("schemas/pes.schema.json")).expect("JSON");
    assert!(pes["definitions"]["Pes"]["properties"]["id"]["pattern"].is_string());
}
