//! `check --format json`: one JSON object a line for editors and CI, each problem with its
//! file, position, severity and stable code, then a summary.

use serde_json::Value;

use crate::common::Site;

fn lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[test]
fn each_problem_is_a_json_line_with_its_code_and_position_then_a_summary() {
    let site = Site::copy("minimal");
    site.edit(
        "content/practices/coaching.fr.md",
        "pes: fr-ft",
        "pes: fr-pe",
    );
    site.edit(
        "content/data/indicators.yaml",
        "  unit: percent",
        "  unit: percent\n  colour: red",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(1);
    let lines = lines(&run.stdout);
    let (summary, problems) = lines.split_last().expect("a summary line");
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["errors"], problems.len());
    assert_eq!(summary["warnings"], 0);
    let reference = problems
        .iter()
        .find(|p| p["code"] == "unknown-reference")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(reference["type"], "diagnostic");
    assert_eq!(reference["severity"], "error");
    assert_eq!(reference["file"], "content/practices/coaching.fr.md");
    assert_eq!(reference["line"], 4);
    assert_eq!(reference["column"], 6);
    assert_eq!(reference["end_line"], 4);
    assert_eq!(reference["end_column"], 11);
    assert_eq!(reference["message"], "unknown PES `fr-pe`");
    assert_eq!(reference["help"], "did you mean `fr-ft`?");
    let field = problems
        .iter()
        .find(|p| p["code"] == "unknown-field")
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(field["file"], "content/data/indicators.yaml");
    assert_eq!(field["line"], 5);
    assert!(run.stderr.is_empty(), "nothing for people: {}", run.stderr);
}

#[test]
fn a_clean_site_is_only_a_summary_and_drafts_left_to_write_are_warnings() {
    let site = Site::copy("minimal");
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "{\"type\":\"summary\",\"errors\":0,\"warnings\":0}\n"
    );
    site.run(&["new", "visit", "lyon"]).assert_code(0);
    let run = site.run(&["check", "--format", "json"]);
    run.assert_code(0);
    let lines = lines(&run.stdout);
    let (summary, problems) = lines.split_last().expect("a summary line");
    assert_eq!(summary["warnings"], 6, "{}", run.stdout);
    assert!(problems
        .iter()
        .all(|p| p["code"] == "placeholder" && p["severity"] == "warning"));
}

#[test]
fn json_and_the_translation_table_cannot_share_standard_output() {
    let site = Site::copy("minimal");
    site.run(&["check", "--format", "json", "--translations"])
        .assert_code(2);
}
