//! `check` and `build` across editions: a link a members-only document breaks is found by
//! `check` although the default (public) edition leaves that document out, and a public
//! document may not lead its readers to a members-only one.

use crate::common::Site;

/// A members-only free page in English, with `body`.
fn members_page(site: &Site, body: &str) {
    site.write(
        "content/pages/internal.en.md",
        &format!(
            "---\ntitle: \"Preparing the peer visit\"\nupdated: 2024-03-01\naudience: members\n---\n\n{body}\n"
        ),
    );
}

#[test]
fn check_finds_a_broken_link_in_a_members_only_document() {
    let site = Site::copy("minimal");
    members_page(&site, "See [the guide](@/practices/nowhere.md).");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(run.stderr.contains("internal.en.md"), "{}", run.stderr);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    // The public edition alone leaves the document out, link and all.
    site.run(&["check", "--edition", "public"]).assert_code(0);
    site.run(&["check", "--edition", "members"]).assert_code(1);
}

#[test]
fn a_public_document_linking_to_a_members_only_one_is_an_error_at_the_link() {
    let site = Site::copy("minimal");
    members_page(&site, "For members.");
    site.edit(
        "content/practices/coaching.en.md",
        "Intensive coaching for jobseekers.",
        "Intensive coaching for jobseekers, [prepared here](@/pages/internal.md).",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("members-only"), "{}", run.stderr);
    assert!(
        run.stderr.contains("coaching.en.md:13:36"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists(), "a failed build writes nothing");
    let members = site.run(&["build", "--edition", "members"]);
    members.assert_code(0);
    let page = site.read("output-members/en/good-practices/coaching/index.html");
    assert!(
        page.contains("/en/internal/"),
        "the members' edition keeps the link"
    );
}
