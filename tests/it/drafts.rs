//! Drafts: documents with `draft: true` are left out of `build` entirely, are an error to link
//! to from a published page, and appear, with a badge, under `--drafts`.

use crate::common::{built, built_with, html_pages, page, snapshot, Site};

const DRAFT_EN: &str = "en/good-practices/mentoring/index.html";
const DRAFT_FR: &str = "fr/bonnes-pratiques/mentoring/index.html";

/// Every file of the output that is text, for "the draft is nowhere" checks.
fn text_files(output: &std::path::Path) -> Vec<(String, String)> {
    snapshot(output)
        .into_iter()
        .filter_map(|(name, bytes)| Some((name, String::from_utf8(bytes).ok()?)))
        .collect()
}

#[test]
fn a_build_leaves_drafts_out_everywhere() {
    let output = &built("drafts").output;
    assert!(!output.join(DRAFT_EN).exists(), "no English draft page");
    assert!(!output.join(DRAFT_FR).exists(), "no French draft page");
    assert!(output
        .join("en/good-practices/coaching/index.html")
        .exists());
    for (path, text) in text_files(output) {
        for word in ["Zebrafish", "zébrure", "mentoring"] {
            assert!(!text.contains(word), "{path} mentions the draft ({word})");
        }
    }
}

#[test]
fn drafts_flag_builds_drafts_with_a_translated_badge() {
    let output = &built_with("drafts", &["--drafts"]).output;
    let english = page(output, DRAFT_EN);
    assert!(english.contains("Zebrafish mentoring"));
    assert!(english.contains(r#"class="draft-badge""#), "English badge");
    assert!(english.contains("Draft"));
    let french = page(output, DRAFT_FR);
    assert!(french.contains(r#"class="draft-badge""#), "French badge");
    assert!(french.contains("Brouillon"));
    assert!(page(output, "en/good-practices/index.html").contains("Zebrafish mentoring"));
    let published = page(output, "en/good-practices/coaching/index.html");
    assert!(
        !published.contains("draft-badge"),
        "no badge on published pages"
    );
    let badges = html_pages(output)
        .values()
        .filter(|html| html.contains(r#"class="draft-badge""#))
        .count();
    assert_eq!(badges, 2, "only the two draft pages carry the badge");
}

#[test]
fn a_link_to_a_draft_is_an_error_naming_the_file_and_position() {
    let site = Site::copy("drafts");
    site.edit(
        "content/practices/coaching.en.md",
        "Intensive coaching for jobseekers.",
        "Intensive coaching, see [mentoring](@/practices/mentoring.md).",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("link to a draft"),
        "names the problem:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("coaching.en.md:13:"),
        "names file, line and column:\n{}",
        run.stderr
    );
    site.run(&["build", "--drafts"]).assert_code(0);
}

#[test]
fn a_translation_can_be_published_before_its_draft_source() {
    let site = Site::copy("drafts");
    site.edit(
        "content/practices/mentoring.en.md",
        "draft: true",
        "translated_from: fr",
    );
    let output = site.build_ok();
    assert!(page(&output, DRAFT_EN).contains("Zebrafish mentoring"));
    // The French address shows the English text with the usual notice, as for any document
    // not (yet) translated; the French draft's text is nowhere.
    let french = page(&output, DRAFT_FR);
    assert!(french.contains("Zebrafish mentoring"));
    assert!(french.contains("translation-notice"));
    for (path, text) in text_files(&output) {
        assert!(!text.contains("zébrure"), "{path} shows the French draft");
    }
}

#[test]
fn check_sets_drafts_aside_unless_asked_to_check_them() {
    let site = Site::copy("drafts");
    site.edit(
        "content/practices/mentoring.en.md",
        "pes: fr-ft",
        "pes: nowhere",
    );
    site.run(&["check"]).assert_code(0);
    let run = site.run(&["check", "--drafts"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("mentoring.en.md:4:") && run.stderr.contains("nowhere"),
        "names the draft's unknown PES and its position:\n{}",
        run.stderr
    );
}

/// `check --translations` once loaded the site a second time with its drafts, and listed a
/// draft's missing translation that the published translations page leaves out.
#[test]
fn check_translations_reports_the_documents_the_site_publishes() {
    let site = Site::copy("drafts");
    std::fs::remove_file(site.path("content/practices/mentoring.fr.md")).expect("remove");
    let run = site.run(&["check", "--translations"]);
    run.assert_code(0);
    assert!(
        !run.stdout.contains("mentoring"),
        "the draft is set aside:\n{}",
        run.stdout
    );
    let output = site.build_ok();
    let published = page(&output, "fr/translations/index.html");
    assert!(
        !published.contains("mentoring"),
        "nor on the published page"
    );
    let run = site.run(&["check", "--translations", "--drafts"]);
    assert!(
        run.stdout.contains("mentoring"),
        "with --drafts the draft's missing French version is listed:\n{}",
        run.stdout
    );
}
