//! Editions and assessment scores (#18): the public edition, built by default, shows no score
//! of one PES anywhere — it shows how the scores spread (count, quartiles, median) in the
//! network and in the peer groups large enough, says which groups it leaves out and why, and
//! says what is kept for members — while the members' edition shows everything as before.
//!
//! The fixture (`tests/fixtures/editions_scores`) has five PES assessed in 2024: three in the
//! peer group `medium`, two in `small` (too few to show with the default threshold of 3).
//! `lu-lone` scored 6 everywhere, which no distribution of the fixture reaches: a "6.0" (or
//! "6,0") anywhere in the public edition is one PES's own score. Scores of enabler A1
//! (self / peer): fr-ft 3/1, de-ba 3/2, se-af 5/4, no-nav 2/5, lu-lone 6/6.

use std::io::Read;
use std::path::Path;

use serde_json::Value;

use crate::common::*;

const FIXTURE: &str = "editions_scores";

fn public() -> &'static Path {
    &built(FIXTURE).output
}

fn members() -> &'static Path {
    &built_members(FIXTURE).output
}

/// Every file of `output` as text (Pagefind's fragments gunzipped), by path.
fn every_text(output: &Path) -> Vec<(String, String)> {
    snapshot(output)
        .into_iter()
        .map(|(path, bytes)| {
            let text = if path.ends_with(".pf_fragment") || path.ends_with(".pf_meta") {
                let mut unzipped = Vec::new();
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut unzipped)
                    .unwrap_or_else(|e| panic!("{path} is not gzip: {e}"));
                String::from_utf8_lossy(&unzipped).into_owned()
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            (path, text)
        })
        .collect()
}

/// Whether `text` writes a score of 6 as a figure ("6.0", "6,0"), not as part of another
/// number ("16.0", "6.05", "2.6.0").
fn writes_six(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(2)).any(|i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 3);
        bytes[i] == b'6'
            && matches!(bytes[i + 1], b'.' | b',')
            && bytes[i + 2] == b'0'
            && !before.is_some_and(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && !after.is_some_and(u8::is_ascii_digit)
    })
}

/// The files of `output` holding a score of 6 written as a figure.
fn files_with_lone_score(output: &Path) -> Vec<String> {
    every_text(output)
        .into_iter()
        .filter(|(_, text)| writes_six(text))
        .map(|(path, _)| path)
        .collect()
}

/// The cells of the table row whose head holds `head`, in the table captioned by `caption`.
fn row_cells(html: &scraper::Html, caption: &str, head: &str) -> Vec<String> {
    let table = select(html, "table")
        .into_iter()
        .find(|t| {
            t.select(&selector("caption"))
                .next()
                .is_some_and(|c| text_of(&c).contains(caption))
        })
        .unwrap_or_else(|| panic!("no table captioned {caption:?}"));
    let row = table
        .select(&selector("tbody tr"))
        .find(|row| {
            row.select(&selector("th"))
                .next()
                .is_some_and(|th| collapsed(&text_of(&th)).contains(head))
        })
        .unwrap_or_else(|| panic!("no row {head:?} in {caption:?}"));
    row.select(&selector("td"))
        .map(|td| collapsed(&text_of(&td)))
        .collect()
}

#[test]
fn the_public_edition_holds_no_score_of_one_pes_in_any_file() {
    assert_eq!(files_with_lone_score(public()), Vec::<String>::new());
    let in_members = files_with_lone_score(members());
    for page in [
        "en/assessments/2024/index.html",
        "en/areas/a/index.html",
        "en/pes/lu-lone/index.html",
        "data/compare/en.json",
    ] {
        assert!(
            in_members.iter().any(|p| p == page),
            "the members' edition shows lone's scores in {page}: {in_members:?}"
        );
    }
}

#[test]
fn the_public_pages_list_no_pes_beside_assessment_figures() {
    let cycle = parsed(public(), "en/assessments/2024/index.html");
    assert!(
        select(&cycle, "[data-pes]").is_empty(),
        "a PES row or chart row"
    );
    assert!(
        select(&cycle, "main a[href*='/pes/']").is_empty(),
        "a PES named"
    );
    let area = parsed(public(), "en/areas/a/index.html");
    assert!(select(&area, "[data-pes]").is_empty());
    for pes in ["fr-ft", "lu-lone"] {
        let profile = parsed(public(), &format!("en/pes/{pes}/index.html"));
        assert!(
            !has_id(&profile, "pes-assessment-caption"),
            "{pes}: its scores"
        );
        assert!(select(&profile, "svg.chart-grouped").is_empty(), "{pes}");
        assert!(
            !has_id(&profile, "learn-areas"),
            "{pes}: its place in areas"
        );
    }
    let members_cycle = parsed(members(), "en/assessments/2024/index.html");
    assert_eq!(select(&members_cycle, "tbody tr[data-pes]").len(), 10);
}

#[test]
fn the_public_downloads_and_comparison_data_hold_spreads_only() {
    assert!(!public().join("data/assessments.csv").exists());
    assert!(!members().join("data/assessment-spreads.csv").exists());
    let spreads = csv_file(public(), "data/assessment-spreads.csv");
    assert_eq!(
        spreads[0][..9],
        [
            "cycle",
            "peer_group",
            "area",
            "enabler",
            "assessment",
            "count",
            "q1",
            "median",
            "q3"
        ]
    );
    assert!(spreads.iter().all(|row| !row.iter().any(|c| c == "fr-ft")));
    let index = page(public(), "en/assessments/index.html");
    assert!(index.contains("/data/assessment-spreads.csv"));
    assert!(!index.contains("/data/assessments.csv"));
    let members_index = page(members(), "en/assessments/index.html");
    assert!(members_index.contains("/data/assessments.csv"));

    let data: Value = serde_json::from_str(&page(public(), "data/compare/en.json")).expect("JSON");
    assert_eq!(data["rows"]["areas"], Value::Array(Vec::new()));
    assert_eq!(data["rows"]["scores_kept"], Value::Bool(true));
    for (pes, column) in data["columns"].as_object().expect("columns") {
        assert_eq!(column["scores"], Value::Array(Vec::new()), "{pes}");
    }
    let data: Value = serde_json::from_str(&page(members(), "data/compare/en.json")).expect("JSON");
    assert_eq!(data["columns"]["lu-lone"]["scores"][0], "6.0");
    assert_eq!(data["rows"]["scores_kept"], Value::Bool(false));
}

#[test]
fn the_spreads_have_the_hand_computed_counts_and_quartiles() {
    // A1 over the network: peer 1, 2, 4, 5, 6 → 2, 4, 5; self 2, 3, 3, 5, 6 → 3, 3, 5.
    let cycle = parsed(public(), "en/assessments/2024/index.html");
    assert_eq!(
        row_cells(
            &cycle,
            "quartiles of their self- and peer-assessment scores per enabler",
            "A1"
        ),
        ["5", "2.0", "4.0", "5.0", "3.0", "3.0", "5.0"]
    );
    // Area A (mean of A1, A2) over the network: peer 1.5, 2.5, 4, 5, 6 → 2.5, 4, 5.
    assert_eq!(
        row_cells(
            &cycle,
            "peer-assessment scores per area",
            "Performance management"
        )[..4],
        ["5", "2.5", "4.0", "5.0"]
    );
    // The medium group's median peer score in A: 1.5, 2.5, 4 → 2.5.
    assert_eq!(
        row_cells(&cycle, "median peer score per area", "Medium unemployment"),
        ["3", "2.5"]
    );
    // The area page: A1 in the medium group, peer 1, 2, 4 → 1.5, 2, 3; self 3, 3, 5 → 3, 3, 4.
    let area = parsed(public(), "en/areas/a/index.html");
    let enablers = select(&area, "table")
        .into_iter()
        .find(|t| text_of(t).contains("per enabler of this area"))
        .expect("the enablers' table");
    let medium_a1: Vec<Vec<String>> = enablers
        .select(&selector("tbody tr"))
        .map(|row| {
            row.select(&selector("th, td"))
                .map(|c| collapsed(&text_of(&c)))
                .collect()
        })
        .filter(|cells: &Vec<String>| cells[0].contains("A1") && cells[1] == "Medium unemployment")
        .collect();
    assert_eq!(
        medium_a1,
        [[
            "A1 Objectives",
            "Medium unemployment",
            "3",
            "1.5",
            "2.0",
            "3.0",
            "3.0",
            "3.0",
            "4.0"
        ]]
    );
    // The download, to two decimals: the medium group's peer scores in A → 2, 2.5, 3.25.
    let spreads = csv_file(public(), "data/assessment-spreads.csv");
    let medium_a_peer = spreads
        .iter()
        .find(|r| r[1] == "medium" && r[2] == "A" && r[3].is_empty() && r[4] == "peer")
        .expect("the medium group's row of area A");
    assert_eq!(medium_a_peer[5..9], ["3", "2.0", "2.5", "3.25"]);
    // And in French, written the French way.
    let cycle = parsed(public(), "fr/evaluations/2024/index.html");
    assert_eq!(
        row_cells(&cycle, "par levier", "A1"),
        ["5", "2,0", "4,0", "5,0", "3,0", "3,0", "5,0"]
    );
}

#[test]
fn a_group_too_small_is_left_out_and_the_page_says_why_in_its_language() {
    for (lang, cycle, area, groups, group, words, name) in [
        (
            "en",
            "en/assessments/2024/index.html",
            "en/areas/a/index.html",
            "en/peer-groups/small/index.html",
            "en/peer-groups/medium/index.html",
            "too few members to show without revealing who scored what",
            "Small group",
        ),
        (
            "fr",
            "fr/evaluations/2024/index.html",
            "fr/domaines/a/index.html",
            "fr/groupes-de-pairs/small/index.html",
            "fr/groupes-de-pairs/medium/index.html",
            "trop peu de membres pour être montrés sans révéler qui a obtenu quelle note",
            "Petit groupe",
        ),
    ] {
        for path in [cycle, area] {
            let html = parsed(public(), path);
            let withheld = texts(&html, ".withheld");
            assert!(
                withheld
                    .iter()
                    .any(|w| w.contains(words) && w.contains(name)),
                "{lang} {path}: {withheld:?}"
            );
            let tables: String = texts(&html, "table").concat();
            assert!(
                !tables.contains(name),
                "{lang} {path}: the small group in a table"
            );
        }
        let small = parsed(public(), groups);
        assert_eq!(
            select(&small, "#group-profile ~ svg, .chart-grouped").len(),
            0
        );
        assert!(
            texts(&small, ".withheld")
                .concat()
                .contains(if lang == "en" {
                    "too few members assessed"
                } else {
                    "trop peu de membres évalués"
                }),
            "{lang}: the small group's own page"
        );
        let medium = parsed(public(), group);
        assert_eq!(
            select(&medium, "svg.chart-grouped").len(),
            3,
            "{lang}: three layouts"
        );
    }
    let spreads = csv_file(public(), "data/assessment-spreads.csv");
    assert!(spreads.iter().all(|row| row[1] != "small"));
    assert!(spreads.iter().any(|row| row[1] == "medium"));
}

#[test]
fn each_page_that_keeps_scores_for_members_says_so_once() {
    let kept = "Each service's own assessment scores and the assessors' comments are kept for \
                the network's members.";
    for path in [
        "en/assessments/index.html",
        "en/assessments/2024/index.html",
        "en/areas/a/index.html",
        "en/pes/fr-ft/index.html",
        "en/peer-groups/medium/index.html",
        "en/compare/fr-ft--de-ba/index.html",
    ] {
        let html = parsed(public(), path);
        assert_eq!(texts(&html, ".kept-note"), [kept], "{path}");
        assert!(
            select(&parsed(members(), path), ".kept-note").is_empty(),
            "{path}"
        );
    }
    let html = parsed(public(), "fr/evaluations/2024/index.html");
    assert_eq!(
        texts(&html, ".kept-note"),
        [
            "Les notes d’évaluation de chaque service et les commentaires des évaluateurs sont \
          réservés aux membres du réseau."
        ]
    );
}

#[test]
fn the_members_edition_shows_each_pes_scores_and_comments() {
    let profile = page(members(), "en/pes/lu-lone/index.html");
    for shown in ["Strength STRENGTH-lu-lone", "Improvement IMPROVE-lu-lone"] {
        assert!(profile.contains(shown), "{shown}");
    }
    let html = parsed(members(), "en/pes/lu-lone/index.html");
    assert_eq!(
        row_cells(&html, "", "Performance management")[..2],
        ["6.0", "6.0"]
    );
    let rows = csv_file(members(), "data/assessments.csv");
    assert!(rows
        .iter()
        .any(|r| r[..6] == ["2024", "lu-lone", "A", "A1", "6", "6"]));
    for (_, text) in every_text(public()) {
        for hidden in ["STRENGTH-", "IMPROVE-", "COMMENT-"] {
            assert!(!text.contains(hidden), "{hidden}");
        }
    }
}

#[test]
fn with_own_position_a_profile_says_which_quarter_never_the_score() {
    let site = Site::copy(FIXTURE);
    let yaml = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!(
            "{yaml}editions:\n  public: {{audience: public, own_position: true}}\n  members: {{audience: members}}\n"
        ),
    );
    let output = site.build_ok();
    assert_eq!(files_with_lone_score(&output), Vec::<String>::new());
    let lone = parsed(&output, "en/pes/lu-lone/index.html");
    assert_eq!(
        row_cells(&lone, "Where this service stands", "Performance management"),
        [
            "highest quarter of the network",
            "highest quarter of the network"
        ]
    );
    // fr-ft's peer mean in A is 1.5, under the network's lower quartile 2.5: an area to learn
    // in, with the network median but not its own score.
    let ft = parsed(&output, "en/pes/fr-ft/index.html");
    assert_eq!(
        row_cells(&ft, "Where this service stands", "Performance management")[0],
        "lowest quarter of the network"
    );
    let standing = texts(
        &ft,
        "#learn-area-A ~ .standing, article[aria-labelledby='learn-area-A'] .standing",
    );
    assert_eq!(
        standing.iter().map(|s| collapsed(s)).collect::<Vec<_>>(),
        ["Peer score: lowest quarter of the network · Network median 4.0"]
    );
}

#[test]
fn with_too_few_pes_assessed_a_cycle_shows_no_figure_and_no_quote() {
    let site = Site::copy(FIXTURE);
    for pes in ["de-ba", "se-af", "no-nav"] {
        site.remove(&format!("content/data/assessments/2024/{pes}.yaml"));
    }
    let output = site.build_ok();
    let cycle = parsed(&output, "en/assessments/2024/index.html");
    assert_eq!(
        texts(&cycle, "p.withheld"),
        ["Too few services were assessed in this cycle to show their scores without revealing who scored what."]
    );
    assert!(select(&cycle, "svg.chart, table").is_empty());
    assert!(!output.join("data/assessment-spreads.csv").exists());
    site.write(
        "content/pages/outcomes.en.md",
        "---\ntitle: Outcomes\nupdated: 2025-01-01\n---\nThe median of A is {{ median(area=\"A\", cycle=2024) }}.\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/pages/outcomes.en.md:5:")
            && run
                .stderr
                .contains("too few PES were assessed in cycle 2024"),
        "{}",
        run.stderr
    );
    site.run(&["build", "--edition", "members"]).assert_code(0);
}

#[test]
fn a_page_of_the_public_edition_cannot_quote_one_pes_score() {
    let site = Site::copy(FIXTURE);
    site.write(
        "content/pages/lone.en.md",
        "---\ntitle: Lone\nupdated: 2025-01-01\n---\nLone scored {{ value(area=\"A\", pes=\"lu-lone\", cycle=2024) }}.\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/pages/lone.en.md:5:")
            && run.stderr.contains("kept for members"),
        "{}",
        run.stderr
    );
    let run = site.run(&["build", "--edition", "members"]);
    run.assert_code(0);
    let page = site.read("output-members/en/lone/index.html");
    assert!(page.contains("Lone scored") && writes_six(&page), "{page}");
}
