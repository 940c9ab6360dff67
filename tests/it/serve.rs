//! `benchlearn serve` end to end: the binary on a free port against a temporary copy of a
//! fixture site, edited the way editors save, checked over plain HTTP as a browser sees it.

use std::io::Read;
use std::time::{Duration, Instant};

use crate::common::*;
use crate::served::*;

const PRACTICE: &str = "content/practices/coaching.en.md";
const PRACTICE_PAGE: &str = "/en/good-practices/coaching/";

#[test]
fn saves_are_served_and_open_pages_told_to_reload() {
    let serve = Serve::start();
    let events = serve.events();
    let first = wait_for_builds(&events, 1);

    let page = serve.get(PRACTICE_PAGE);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Intensive coaching"));
    assert!(
        page.body.contains("/__benchlearn/events"),
        "live-reload script injected"
    );

    let original = serve.site.read(PRACTICE);
    serve.site.write(
        PRACTICE,
        &original.replace("Intensive coaching", "Coaching written in place"),
    );
    serve.wait_for(PRACTICE_PAGE, "the plain write", |r| {
        r.body.contains("Coaching written in place")
    });
    let after_write = wait_for_builds(&events, 2);
    assert_ne!(after_write[1], first[0], "a new build was announced");

    serve.write_by_rename(
        PRACTICE,
        &original.replace("Intensive coaching", "Coaching saved by rename"),
    );
    serve.wait_for(PRACTICE_PAGE, "the rename-over save", |r| {
        r.body.contains("Coaching saved by rename")
    });
    // The catalogue that lists the practice shows the new title too.
    serve.wait_for(
        "/en/good-practices/",
        "the new title in the catalogue",
        |r| r.body.contains("Coaching saved by rename"),
    );
    serve.wait_for("/en/pes/fr-ft/", "the new title on its PES profile", |r| {
        r.body.contains("Coaching saved by rename")
    });
    wait_for_builds(&events, 3);

    assert!(
        !serve.site.path("output").exists(),
        "serve must not write the build output folder"
    );
}

#[test]
fn a_burst_of_saves_becomes_few_rebuilds_ending_with_the_last_text() {
    let serve = Serve::start();
    let events = serve.events();
    wait_for_builds(&events, 1);
    let original = serve.site.read(PRACTICE);
    for n in 1..=20 {
        serve.site.write(
            PRACTICE,
            &original.replace("Intensive coaching", &format!("Coaching save {n}")),
        );
    }
    serve.wait_for(PRACTICE_PAGE, "the last save", |r| {
        r.body.contains("Coaching save 20")
    });
    let rebuilds = builds(&events).len() - 1;
    assert!(
        (1..10).contains(&rebuilds),
        "20 quick saves gave {rebuilds} rebuilds"
    );
}

#[test]
fn a_broken_file_shows_the_error_over_the_last_good_site_until_fixed() {
    let mut serve = Serve::start();
    let clusters = "content/data/clusters.yaml";
    let good = serve.site.read(clusters);
    serve
        .site
        .write(clusters, &good.replace("- id: medium", "- id: [medium"));

    let broken = serve.wait_for(PRACTICE_PAGE, "the error overlay", |r| {
        r.body.contains("benchlearn-error")
    });
    assert!(
        broken.body.contains("Intensive coaching"),
        "last good page still served"
    );
    assert!(broken.body.contains(clusters), "overlay names the file");
    assert!(
        broken.body.contains("line 1, column"),
        "overlay gives line and column"
    );
    assert!(
        broken.body.contains("1 | - id: [medium"),
        "overlay shows the line"
    );
    let french = serve.get("/fr/bonnes-pratiques/coaching/");
    assert!(
        french.body.contains("Le site n’a pas pu être reconstruit"),
        "overlay in the page's language"
    );
    assert!(
        serve.still_running(),
        "content errors never stop the server"
    );
    assert!(
        serve.log.lock().expect("serve log").contains(clusters),
        "error printed in the terminal"
    );

    serve.site.write(clusters, &good);
    let fixed = serve.wait_for(PRACTICE_PAGE, "recovery", |r| {
        !r.body.contains("benchlearn-error")
    });
    assert!(fixed.body.contains("Intensive coaching"));
}

/// The fixture's practice as written, before a test changes its copy.
fn fixture_practice() -> String {
    source_file(&format!("tests/fixtures/serve/{PRACTICE}"))
}

#[test]
fn a_site_broken_from_the_start_shows_the_error_then_the_site_once_fixed() {
    let practice_text = fixture_practice();
    let serve = Serve::start_after(|site| {
        site.write(PRACTICE, &practice_text.replace("pes: fr-ft", "pes: fr-pe"));
    });
    let waiting = serve.get(PRACTICE_PAGE);
    assert_eq!(waiting.status, 404);
    assert!(
        waiting.body.contains("benchlearn-error"),
        "overlay without a site"
    );
    assert!(waiting.body.contains("unknown PES `fr-pe`"));
    assert!(
        waiting.body.contains("/__benchlearn/events"),
        "reloads once fixed"
    );

    serve.site.write(PRACTICE, &practice_text);
    let fixed = serve.wait_for(PRACTICE_PAGE, "the site", |r| r.status == 200);
    assert!(fixed.body.contains("Intensive coaching"));
    assert!(!fixed.body.contains("benchlearn-error"));
}

#[test]
fn the_server_stays_inside_the_site() {
    let serve = Serve::start();
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/%2fetc%2fpasswd",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/content/data/clusters.yaml",
        "/site.yaml",
    ];
    for path in attempts {
        let reply = serve.get(path);
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path} answered {}",
            reply.status
        );
        assert!(
            !reply.body.contains("TOP-SECRET-OUTSIDE"),
            "{path} leaked a file"
        );
        assert!(
            !reply.body.contains("- id: medium"),
            "{path} leaked a source file"
        );
    }

    let post = serve.request("POST /en/ HTTP/1.1");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), Some("GET, HEAD"));

    let head = serve.request("HEAD /en/ HTTP/1.1");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());

    let folder = serve.get("/en/good-practices");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some("/en/good-practices/"));

    let missing = serve.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        !missing.body.contains("<a href=\"coaching/\""),
        "no directory listing"
    );

    let page = serve.get("/en/");
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(page.header("access-control-allow-origin"), None);
    let style = serve.get("/style.css");
    assert_eq!(style.status, 200);
    assert_eq!(
        style.header("content-type"),
        Some("text/css; charset=utf-8")
    );
    assert!(!style.body.contains("__benchlearn"));
}

#[test]
fn build_output_never_carries_the_live_reload_script() {
    let page = page(
        &built("serve").output,
        "en/good-practices/coaching/index.html",
    );
    assert!(page.contains("Intensive coaching"));
    assert!(!page.contains("__benchlearn"));
}

/// The built-in theme's source of `template`.
fn built_in_template(template: &str) -> String {
    source_file(&format!("themes/default/templates/{template}"))
}

#[test]
fn a_template_edit_re_renders_only_the_pages_using_it() {
    let practice = built_in_template("practice.html").replacen(
        "{% block content %}",
        r#"{% block content %}{% include "practice_note.html" %}"#,
        1,
    );
    let serve = Serve::start_after(|site| {
        site.write("templates/practice.html", &practice);
        site.write("templates/practice_note.html", "<p>NOTE-ONE</p>");
    });
    let everything = serve.rendered("initial build");
    assert!(serve.get(PRACTICE_PAGE).body.contains("NOTE-ONE"));

    serve
        .site
        .write("templates/practice_note.html", "<p>NOTE-TWO</p>");
    serve.wait_for(PRACTICE_PAGE, "the edited partial", |r| {
        r.body.contains("NOTE-TWO")
    });
    assert_eq!(
        serve.rendered("templates/practice_note.html"),
        2,
        "only the practice, in French and English (of {everything} pages)"
    );

    // A template every page extends re-renders every page.
    serve.site.write(
        "templates/base.html",
        &built_in_template("base.html").replacen("<main", "<!-- BASE-MARK --><main", 1),
    );
    serve.wait_for("/en/", "the edited base template", |r| {
        r.body.contains("BASE-MARK")
    });
    assert_eq!(serve.rendered("templates/base.html"), everything);
}

#[test]
fn a_data_edit_re_renders_the_pages_that_show_it() {
    let serve = Serve::start();
    let everything = serve.rendered("initial build");

    let indicators = "content/data/indicators.yaml";
    let text = serve.site.read(indicators);
    serve.site.write(
        indicators,
        &text.replace("Transitions to employment", "Moves into work"),
    );
    serve.wait_for("/en/indicators/transitions/", "the new name", |r| {
        r.body.contains("Moves into work")
    });
    let rendered = serve.rendered(indicators);
    assert!(
        rendered < everything,
        "an indicator name re-rendered {rendered} of {everything} pages"
    );

    let areas = "content/data/areas.yaml";
    let text = serve.site.read(areas);
    serve.site.write(
        areas,
        &text.replace("Performance management", "Steering performance"),
    );
    serve.wait_for(PRACTICE_PAGE, "the new area name on the practice", |r| {
        r.body.contains("Steering performance")
    });
    assert!(serve.rendered(areas) < everything);

    // A new id adds pages: everything is rendered again.
    serve.site.write(
        indicators,
        &format!(
            "{text}- id: placements\n  name: {{fr: \"Placements\", en: \"Placements\"}}\n  definition: {{fr: \"Nombre.\", en: \"Number.\"}}\n  unit: count\n  better: higher\n  category: outcomes\n",
            text = serve.site.read(indicators)
        ),
    );
    serve.wait_for("/en/indicators/placements/", "the new indicator", |r| {
        r.status == 200
    });
}

/// The gunzipped bytes of a served Pagefind file; `None` if there is no such file.
fn gunzipped(serve: &Serve, path: &str) -> Option<Vec<u8>> {
    let raw = serve.raw_reply(&format!("GET {path} HTTP/1.1"));
    if !raw.starts_with(b"HTTP/1.1 200") {
        return None;
    }
    let start = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("reply head")
        + 4;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&raw[start..])
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{path} is not gzip: {e}"));
    Some(bytes)
}

/// The text of every English search fragment (one per indexed page) the server holds now;
/// empty before the first index is served.
fn english_fragments(serve: &Serve) -> String {
    let entry = serve.get("/pagefind/pagefind-entry.json").body;
    let Some(hash) = entry
        .split("\"hash\":\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default())
        .find(|hash| hash.starts_with("en_"))
    else {
        return String::new();
    };
    let meta = gunzipped(serve, &format!("/pagefind/pagefind.{hash}.pf_meta")).expect("meta");
    // The metadata names each page's fragment (`en_` and hexadecimal digits) among the
    // names of other files.
    let meta = String::from_utf8_lossy(&meta).into_owned();
    let mut text = String::new();
    for part in meta.split("en_").skip(1) {
        let digits: String = part.chars().take_while(char::is_ascii_hexdigit).collect();
        let path = format!("/pagefind/fragment/en_{digits}.pf_fragment");
        if let Some(fragment) = gunzipped(serve, &path) {
            text.push_str(&String::from_utf8_lossy(&fragment));
        }
    }
    text
}

#[test]
fn the_search_index_follows_an_incremental_rebuild() {
    let serve = Serve::start();
    let events = serve.events();
    wait_for_builds(&events, 1);
    // The pages are served first; the index follows in the background.
    wait_for_index(&serve, "Intensive coaching");
    let original = serve.site.read(PRACTICE);
    serve.site.write(
        PRACTICE,
        &original.replace("Intensive coaching", "Quokkaspring coaching"),
    );
    serve.wait_for(PRACTICE_PAGE, "the new title", |r| {
        r.body.contains("Quokkaspring")
    });
    wait_for_index(&serve, "Quokkaspring");
    assert!(!english_fragments(&serve).contains("Intensive coaching"));
    assert!(serve
        .log
        .lock()
        .expect("serve log")
        .contains("search index refreshed"));
    assert_eq!(
        wait_for_builds(&events, 2).len(),
        2,
        "the page reloaded once; the index needs no reload"
    );
}

/// Waits until the served English search index holds `word`.
fn wait_for_index(serve: &Serve, word: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !english_fragments(serve).contains(word) {
        assert!(
            Instant::now() < deadline,
            "{word} never reached the search index:\n{}",
            serve.log.lock().expect("serve log")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn template_and_static_folders_created_while_serving_are_watched() {
    let serve = Serve::start();
    let events = serve.events();
    wait_for_builds(&events, 1);
    assert!(!serve.site.path("templates").exists());
    let practice = built_in_template("practice.html");
    let marked = |mark: &str| {
        practice.replacen(
            "{% block content %}",
            &format!("{{% block content %}}<p>{mark}</p>"),
            1,
        )
    };

    std::fs::create_dir(serve.site.path("templates")).expect("templates folder");
    serve
        .site
        .write("templates/practice.html", &marked("LATE-ONE"));
    serve.wait_for(PRACTICE_PAGE, "the new folder's template", |r| {
        r.body.contains("LATE-ONE")
    });
    serve
        .site
        .write("templates/practice.html", &marked("LATE-TWO"));
    serve.wait_for(PRACTICE_PAGE, "an edit inside the new folder", |r| {
        r.body.contains("LATE-TWO")
    });

    std::fs::create_dir(serve.site.path("static")).expect("static folder");
    serve
        .site
        .write("static/extra.css", "body { color: teal; }");
    serve.wait_for("/extra.css", "the new static file", |r| r.status == 200);
    serve
        .site
        .write("static/extra.css", "body { color: navy; }");
    serve.wait_for("/extra.css", "the edited static file", |r| {
        r.body.contains("navy")
    });
}

#[test]
fn drafts_are_hidden_unless_asked_for_and_then_badged() {
    let practice = fixture_practice();
    let draft = practice
        .replace("Intensive coaching", "Draft mentoring")
        .replace("updated:", "draft: true\nupdated:");
    let add_draft = |site: &Site| site.write("content/practices/mentoring.en.md", &draft);
    let hidden = Serve::start_after(add_draft);
    assert_eq!(hidden.get("/en/good-practices/mentoring/").status, 404);
    assert!(!hidden
        .get("/en/good-practices/")
        .body
        .contains("Draft mentoring"));
    // Publishing it (removing the flag) shows it without a restart.
    hidden.site.write(
        "content/practices/mentoring.en.md",
        &draft.replace("draft: true\n", ""),
    );
    hidden.wait_for(
        "/en/good-practices/mentoring/",
        "the published draft",
        |r| r.status == 200 && !r.body.contains("draft-badge"),
    );

    let shown = Serve::start_with(&["--drafts"], add_draft);
    let page = shown.get("/en/good-practices/mentoring/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Draft mentoring"));
    assert!(page.body.contains(r#"class="draft-badge""#));
    let french = shown.get("/fr/bonnes-pratiques/mentoring/");
    assert!(
        french.body.contains("Brouillon"),
        "badge in the page's language"
    );
    assert!(!shown.get(PRACTICE_PAGE).body.contains("draft-badge"));
}
