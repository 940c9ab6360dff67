//! An author's first hour: `init` makes a site that builds at once, `new` adds drafts whose
//! placeholders `check` lists and the build never publishes, and the preview works under the
//! address the site will have.

use crate::common::{benchlearn, html_pages, snapshot, Run};
use crate::served::Serve;

/// A new, empty temporary folder and `benchlearn init` run on `site` inside it.
fn init() -> (tempfile::TempDir, std::path::PathBuf, Run) {
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let root = dir.path().join("site");
    let run = benchlearn(dir.path(), &["init", root.to_str().expect("UTF-8 path")]);
    (dir, root, run)
}

#[test]
fn init_builds_new_drafts_stay_unpublished_and_check_lists_their_placeholders() {
    let (_dir, root, run) = init();
    run.assert_code(0);
    for next in ["benchlearn serve", "benchlearn new", "benchlearn build"] {
        assert!(
            run.stderr.contains(next),
            "says what to do next: {}",
            run.stderr
        );
    }
    let practice = std::fs::read_to_string(root.join("content/practices/example-practice.en.md"))
        .expect("the example practice");
    assert!(practice.contains("$schema=../../schemas/practice.schema.json"));
    assert!(root.join("schemas/practice.schema.json").is_file());
    assert!(std::fs::read_to_string(root.join("content/data/pes.yaml"))
        .expect("pes.yaml")
        .contains("Example public employment service"));
    benchlearn(&root, &["build"]).assert_code(0);
    let indicator =
        std::fs::read_to_string(root.join("output/en/indicators/example-indicator/index.html"))
            .expect("the example indicator's page");
    assert!(
        indicator.contains("illustrative"),
        "the figures are said to be illustrative"
    );

    benchlearn(&root, &["new", "practice", "my-idea"]).assert_code(0);
    benchlearn(&root, &["build"]).assert_code(0);
    for (path, text) in html_pages(&root.join("output")) {
        for placeholder in ["Titre à compléter", "Title to fill in", "my-idea"] {
            assert!(!text.contains(placeholder), "{path} publishes the draft");
        }
    }
    let check = benchlearn(&root, &["check"]);
    check.assert_code(0);
    for placeholder in [
        "`Titre à compléter`",
        "`Title to fill in`",
        "`Describe here…`",
    ] {
        assert!(check.stderr.contains(placeholder), "{}", check.stderr);
    }
    assert!(
        check.stderr.contains("content/practices/my-idea.fr.md:3:"),
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("warning: 6 warnings: placeholders left in drafts"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_published_placeholder_is_an_error_at_its_place_and_stops_the_build() {
    let (_dir, root, run) = init();
    run.assert_code(0);
    benchlearn(&root, &["build"]).assert_code(0);
    let before = snapshot(&root.join("output"));
    benchlearn(&root, &["new", "page", "contact"]).assert_code(0);
    let french = root.join("content/pages/contact.fr.md");
    let text = std::fs::read_to_string(&french).expect("the new page");
    std::fs::write(&french, text.replace("draft: true\n", "")).expect("publish it");

    let build = benchlearn(&root, &["build"]);
    build.assert_code(1);
    assert!(
        build
            .stderr
            .contains("the title is still the placeholder `Titre à compléter`"),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains("content/pages/contact.fr.md:3:9"),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains("3 problems found"),
        "{}",
        build.stderr
    );
    assert_eq!(before, snapshot(&root.join("output")), "nothing published");
}

#[test]
fn init_refuses_to_overwrite_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("create a temporary folder");
    let root = dir.path();
    std::fs::create_dir_all(root.join("content/pages")).expect("folder");
    std::fs::write(root.join("content/pages/about.en.md"), "mine").expect("an author's file");
    let run = benchlearn(root, &["init"]);
    run.assert_code(2);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(run.stderr.contains("about.en.md"), "{}", run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    let left: Vec<String> = snapshot(root).into_keys().collect();
    assert_eq!(left, ["content/pages/about.en.md"]);
    assert_eq!(
        std::fs::read_to_string(root.join("content/pages/about.en.md")).expect("kept"),
        "mine"
    );
}

#[test]
fn serve_base_url_makes_links_for_that_address_and_serves_under_its_path() {
    let serve = Serve::start_with(&["-u", "https://preview.example.org/pr-12/"], |_| {});
    let home = serve.get("/pr-12/en/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(
        home.body.contains("href=\"/pr-12/style.css\""),
        "{}",
        home.body
    );
    assert!(
        home.body.contains("https://preview.example.org/pr-12/en/"),
        "canonical address: {}",
        home.body
    );
    let root = serve.get("/");
    assert_eq!(root.status, 301);
    assert_eq!(root.header("location"), Some("/pr-12/"));
    assert_eq!(serve.get("/pr-12/style.css").status, 200);
    assert_eq!(serve.get("/en/").status, 404, "only under the path");
    assert!(serve
        .log
        .lock()
        .expect("serve log")
        .contains("/pr-12/ — watching"));
}
