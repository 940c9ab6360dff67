//! Sites with mistakes: each folder of `tests/fixtures/bad/` is an overlay of
//! `tests/fixtures/minimal/` holding only what differs — the files that carry one defect (or,
//! for `three-defects`, three), a `remove.txt` listing the paths it deletes, if any — and an
//! `expected.txt` listing text that must appear in what the author is told.
//!
//! Each case must make `build` and `check` exit with code 1 (2 for a folder that is no site)
//! without panicking, print every line of `expected.txt` (file:line:column, message, help,
//! problem count), and write no output.

use crate::common::*;

/// Runs `build` then `check` on a copy of `tests/fixtures/minimal` with the overlay
/// `tests/fixtures/bad/<case>` laid over it.
fn run_case(case: &str, exit_code: i32) {
    let site = Site::overlay("minimal", &format!("bad/{case}"));
    let expected = std::fs::read_to_string(fixture(&format!("bad/{case}/expected.txt")))
        .unwrap_or_else(|e| panic!("{case}: cannot read expected.txt: {e}"));
    let expected: Vec<&str> = expected
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert!(!expected.is_empty(), "{case}: expected.txt is empty");
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        run.assert_code(exit_code);
        let missing: Vec<&&str> = expected
            .iter()
            .filter(|line| !run.stderr.contains(**line))
            .collect();
        assert!(
            missing.is_empty(),
            "{case}: `{command}` did not print {missing:#?}\n--- stderr:\n{}",
            run.stderr
        );
        assert!(
            !site.output().exists(),
            "{case}: `{command}` wrote {}",
            site.output().display()
        );
    }
}

macro_rules! cases {
    ($($name:ident => $exit_code:expr),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                run_case(&stringify!($name).replace('_', "-"), $exit_code);
            }
        )*

        /// Every case above, as its folder is named.
        const CASES: &[&str] = &[$(stringify!($name)),*];
    };
}

cases! {
    malformed_yaml_data => 1,
    malformed_yaml_front_matter => 1,
    wrong_type_yaml => 1,
    wrong_type_csv => 1,
    score_out_of_range => 1,
    unknown_pes_in_practice => 1,
    unknown_indicator_in_observation => 1,
    unknown_enabler_in_assessment => 1,
    duplicate_pes_id => 1,
    duplicate_observation => 1,
    duplicate_key => 1,
    empty_value => 1,
    missing_required_field => 1,
    unknown_language_key => 1,
    missing_translation => 1,
    front_matter_not_closed => 1,
    no_front_matter => 1,
    non_utf8 => 1,
    dotdot_slug => 1,
    slash_in_pes_id => 1,
    unknown_language_in_file_name => 1,
    broken_content_link => 1,
    link_to_unloaded_document => 1,
    percent_out_of_range => 1,
    unknown_field => 1,
    future_year => 1,
    empty_content => 1,
    // Without site.yaml nothing can be read: reported like a content error, naming the file.
    missing_site_yaml => 2,
    three_defects => 1,
}

#[test]
fn every_case_folder_has_a_test() {
    let mut folders: Vec<String> = std::fs::read_dir(fixture("bad"))
        .expect("read tests/fixtures/bad")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().replace('-', "_"))
        .collect();
    folders.sort();
    let mut cases: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    cases.sort();
    assert_eq!(
        folders, cases,
        "tests/fixtures/bad/ and the cases of bad_input.rs differ"
    );
}

/// A case folder holds only what differs from `minimal`, so a change to `minimal` reaches
/// every case and each case shows its defect alone.
#[test]
fn every_case_holds_only_what_differs_from_minimal() {
    let minimal = snapshot(&fixture("minimal"));
    for case in CASES {
        let case = case.replace('_', "-");
        let overlay = snapshot(&fixture(&format!("bad/{case}")));
        assert!(
            overlay.contains_key("expected.txt"),
            "{case}: no expected.txt"
        );
        for (name, bytes) in &overlay {
            assert!(
                minimal.get(name) != Some(bytes),
                "bad/{case}/{name} is the same as minimal/{name}: delete it"
            );
        }
    }
}

/// The site every case starts from builds, so each case's problems come from its defect alone.
#[test]
fn minimal_site_is_valid() {
    let site = Site::copy("minimal");
    let run = site.run(&["check"]);
    run.assert_code(0);
    site.build_ok();
}

#[test]
fn non_utf8_fixture_really_is_latin_1() {
    let bytes =
        std::fs::read(fixture("bad/non-utf8/content/practices/coaching.fr.md")).expect("read");
    assert!(std::str::from_utf8(&bytes).is_err());
    assert!(
        bytes.windows(3).any(|w| w == b"d\xe9d"),
        "the Latin-1 `é` is gone"
    );
}
