//! Editions: one set of sources built for the open web and for the network's members. The
//! fixture `tests/fixtures/editions` writes a unique marker in every confidential field —
//! members-only documents of each kind, a members-only observations file, assessment cycle
//! and framework, the comments, strengths and improvements of every assessment — and the
//! public edition must hold none of them in any file, the search index decompressed, while
//! the members' edition shows them (so a marker the test looks for is one a build writes).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::common::*;
use crate::served::*;

/// The marker of each confidential text, as the fixture writes it: `Zqx<Field><Lang>7`. A
/// single word ending in a digit, so that search indexes it as written (no stemming).
fn markers_of(fields: &[&str], languages: &[&str]) -> Vec<String> {
    fields
        .iter()
        .flat_map(|field| {
            languages
                .iter()
                .map(move |lang| format!("Zqx{field}{lang}7"))
        })
        .collect()
}

/// Every marker the members' edition shows and the public one must not.
fn shown_to_members_only() -> Vec<String> {
    let per_language = [
        // A members-only good practice.
        "PracticeTitle",
        "PracticeSummary",
        "PracticeAuthor",
        "PracticeResults",
        "PracticeContact",
        "PracticeBody",
        // A members-only study visit.
        "VisitTitle",
        "VisitSummary",
        "VisitAuthor",
        "VisitLocation",
        "VisitOrganiser",
        "VisitExpert",
        "VisitRole",
        "VisitLeader",
        "VisitPartner",
        "VisitObjective",
        "VisitKpi",
        "VisitNextStep",
        "VisitBody",
        // A members-only report.
        "ReportTitle",
        "ReportSummary",
        "ReportAuthor",
        "ReportBody",
        "ReportHeading",
        // A members-only free page, in the main menu of the members' edition.
        "PageTitle",
        "PageSummary",
        "PageQuote",
        "PageQuoteSource",
        "PageBody",
        // The members-only observations file and assessment cycle.
        "DatasetSource",
        "ObservationNote",
        "CycleSource",
        "CycleStrength",
        // The members-only performance framework.
        "FrameworkTitle",
        "Pillar",
        "Kpi",
        "Formula",
        "Activity",
    ];
    let mut markers = markers_of(&per_language, &["Fr", "En"]);
    // What each PES's assessment says in words, which only an edition with each PES's
    // scores shows.
    let assessed = ["frft", "deba", "atams"];
    for field in ["Strength", "Improvement"] {
        for lang in ["Fr", "En"] {
            markers.extend(assessed.iter().map(|pes| format!("Zqx{field}{lang}{pes}7")));
        }
    }
    markers.extend(
        [
            // The French translation's own address.
            "zqxpracticeslugfr7",
            // A cell of the members-only observations file in one language for all.
            "ZqxObservationSource7",
            // Texts of the members-only framework in one language for all.
            "ZqxFrameworkDatasetSource7",
            "ZqxKpiSource7",
            "ZqxKpiOwner7",
            "ZqxResponsible7",
            "zqxpillar7",
            "zqxkpi7",
        ]
        .map(String::from),
    );
    markers
}

/// Comments on enabler scores: no edition shows them yet, and the public one never may.
fn shown_by_no_edition() -> Vec<String> {
    let mut markers: Vec<String> = ["frft", "deba", "atams"]
        .iter()
        .flat_map(|pes| [format!("ZqxCommentFr{pes}7"), format!("ZqxCommentEn{pes}7")])
        .collect();
    markers.extend(markers_of(&["CycleComment"], &["Fr", "En"]));
    markers
}

/// The figures of the members-only datasets (observations of a PES that has no others, a
/// framework's KPI), as a page of any language may write them.
fn members_only_figures() -> Vec<String> {
    (7_654_321..=7_654_325)
        .flat_map(|value: u32| {
            let digits = value.to_string();
            let mut forms = vec![digits.clone()];
            for separator in [",", ".", " ", "\u{a0}", "\u{202f}"] {
                forms.push(format!(
                    "{}{separator}{}{separator}{}",
                    &digits[..1],
                    &digits[1..4],
                    &digits[4..]
                ));
            }
            forms
        })
        .collect()
}

/// Every file of an output as text, lower-cased, gzip files (Pagefind's index, fragments,
/// filters and metadata) decompressed: relative path → text.
fn every_file_as_text(output: &Path) -> BTreeMap<String, String> {
    snapshot(output)
        .into_iter()
        .map(|(name, bytes)| {
            let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
                let mut plain = Vec::new();
                flate2::read::GzDecoder::new(bytes.as_slice())
                    .read_to_end(&mut plain)
                    .unwrap_or_else(|e| panic!("{name} is not gzip: {e}"));
                plain
            } else {
                bytes
            };
            (name, String::from_utf8_lossy(&bytes).to_lowercase())
        })
        .collect()
}

/// The files of `files` that hold `needle` (lower-cased).
fn holding<'a>(files: &'a BTreeMap<String, String>, needle: &str) -> Vec<&'a str> {
    let needle = needle.to_lowercase();
    files
        .iter()
        .filter(|(_, text)| text.contains(&needle))
        .map(|(name, _)| name.as_str())
        .collect()
}

fn public_output() -> &'static Path {
    &built("editions").output
}

fn members_output() -> PathBuf {
    built_with("editions", &["--edition", "members"])
        .root
        .join("output-members")
}

#[test]
fn the_public_edition_holds_no_confidential_text_or_figure_in_any_file() {
    let files = every_file_as_text(public_output());
    let decompressed = files
        .iter()
        .filter(|(name, text)| name.ends_with(".pf_fragment") && text.contains("coaching"))
        .count();
    assert!(decompressed > 0, "the search fragments are read as text");
    let mut leaks = Vec::new();
    let markers = shown_to_members_only()
        .into_iter()
        .chain(shown_by_no_edition())
        .chain(members_only_figures());
    for marker in markers {
        let found = holding(&files, &marker);
        if !found.is_empty() {
            leaks.push(format!("{marker:?} in {found:?}"));
        }
    }
    assert!(
        leaks.is_empty(),
        "the public edition shows:\n{}",
        leaks.join("\n")
    );
}

#[test]
fn the_members_edition_shows_every_confidential_text_and_figure() {
    let files = every_file_as_text(&members_output());
    let missing: Vec<String> = shown_to_members_only()
        .into_iter()
        .filter(|marker| holding(&files, marker).is_empty())
        .collect();
    assert!(missing.is_empty(), "the members' edition lacks {missing:?}");
    for value in ["7654321", "7654325"] {
        assert!(!holding(&files, value).is_empty(), "{value} is shown");
    }
    let index = files
        .iter()
        .filter(|(name, _)| name.ends_with(".pf_index") || name.ends_with(".pf_fragment"));
    assert!(
        index
            .filter(|(_, text)| text.contains("zqxpracticebodyen7"))
            .count()
            >= 2,
        "members search the members-only documents (fragment and word index)"
    );
}

/// The addresses of the pages only the members' edition has, below the site's root.
fn members_only_addresses() -> Vec<String> {
    let public = snapshot(public_output());
    snapshot(&members_output())
        .into_keys()
        .filter(|name| name.ends_with("index.html") && !public.contains_key(name))
        .map(|name| format!("/{}", name.trim_end_matches("index.html")))
        .collect()
}

#[test]
fn no_public_file_links_to_a_page_only_members_can_read() {
    let addresses = members_only_addresses();
    for expected in [
        "/en/good-practices/members-practice/",
        "/fr/bonnes-pratiques/zqxpracticeslugfr7/",
        "/en/study-visits/members-visit/",
        "/en/reports/members-report/",
        "/fr/members-page/",
        "/en/frameworks/se-af/",
        "/fr/evaluations/2023/",
    ] {
        assert!(
            addresses.iter().any(|a| a == expected),
            "{expected} is a members' page: {addresses:?}"
        );
    }
    let files = every_file_as_text(public_output());
    for address in &addresses {
        let found = holding(&files, address);
        assert!(found.is_empty(), "{address} is named in {found:?}");
    }
}

#[test]
fn the_members_edition_is_published_at_its_own_address_and_kept_out_of_search_engines() {
    let members = members_output();
    assert_eq!(
        std::fs::read_to_string(members.join("robots.txt")).expect("robots.txt"),
        "User-agent: *\nDisallow: /\n"
    );
    let pages = html_pages(&members);
    let indexable: Vec<&String> = pages
        .iter()
        .filter(|(_, html)| !html.contains(r#"<meta name="robots" content="noindex"#))
        .map(|(name, _)| name)
        .collect();
    assert!(indexable.is_empty(), "pages without noindex: {indexable:?}");
    let practice = page(&members, "en/good-practices/members-practice/index.html");
    assert!(
        practice
            .contains(r#"href="https://members.example.org/en/good-practices/members-practice/""#),
        "its canonical address is the members' edition's"
    );
    let public = public_output();
    let robots = std::fs::read_to_string(public.join("robots.txt")).expect("robots.txt");
    assert!(robots.contains("Allow: /"), "{robots}");
    let coaching = page(public, "en/good-practices/coaching/index.html");
    assert!(
        !coaching.contains("noindex"),
        "the public edition is indexed"
    );
}

#[test]
fn a_public_visit_naming_a_members_only_framework_is_published_without_it() {
    let public = page(public_output(), "en/study-visits/public-visit/index.html");
    assert!(public.contains("Visit to AMS"));
    assert!(
        !public.contains("frameworks/se-af"),
        "no link to the framework"
    );
    let members = page(&members_output(), "en/study-visits/public-visit/index.html");
    assert!(
        members.contains("ZqxFrameworkTitleEn7") && members.contains("frameworks/se-af/"),
        "members see the framework the visit produced"
    );
}

#[test]
fn a_link_from_a_public_document_to_a_members_only_one_is_an_error_at_its_position() {
    let site = Site::copy("editions");
    site.edit(
        "content/practices/coaching.en.md",
        "A counsellor follows each jobseeker.",
        "A counsellor follows each jobseeker, see [the pilot](@/practices/members-practice.md).",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("link to a members-only document")
            && run.stderr.contains("coaching.en.md:13:"),
        "names the problem and its position:\n{}",
        run.stderr
    );
    let members = site.run(&["build", "--edition", "members"]);
    members.assert_code(0);
    assert!(site.path("output-members/en/index.html").exists());
    assert!(!site.output().exists(), "the public output is left alone");
}

#[test]
fn translations_of_one_document_share_its_audience() {
    let site = Site::copy("editions");
    site.edit(
        "content/reports/members-report.en.md",
        "audience: members\n",
        "",
    );
    let run = site.run(&["check", "--edition", "members"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("members-report.en.md:2:")
            && run.stderr.contains("members-report.fr.md"),
        "the public translation is named with its sibling for members:\n{}",
        run.stderr
    );
}

#[test]
fn an_unknown_edition_is_an_error_listing_the_declared_ones() {
    let run = built("editions").run(&["check", "--edition", "staff"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("no edition `staff`") && run.stderr.contains("members, public"),
        "{}",
        run.stderr
    );
}

#[test]
fn serve_previews_the_public_edition_and_an_edited_members_document_stays_out() {
    let serve = Serve::on(Site::copy("editions"), &[], &[]);
    let members_page = "/en/good-practices/members-practice/";
    assert_eq!(serve.get(members_page).status, 404);
    serve.site.edit(
        "content/practices/members-practice.en.md",
        "ZqxPracticeBodyEn7",
        "ZqxEditedBody7",
    );
    // An edit of a public document after it: once it shows, the first was handled too.
    serve.site.edit(
        "content/practices/coaching.en.md",
        "A counsellor follows each jobseeker.",
        "A counsellor follows each jobseeker closely.",
    );
    serve.wait_for("/en/good-practices/coaching/", "the public edit", |r| {
        r.body.contains("each jobseeker closely")
    });
    assert_eq!(serve.get(members_page).status, 404);
    let catalogue = serve.get("/en/good-practices/");
    assert!(
        !catalogue.body.contains("ZqxPracticeTitleEn7") && !catalogue.body.contains("ZqxEdited"),
        "the catalogue lists no members' practice"
    );
    // A members' document written while serving stays out too, and a link to it from a
    // public one is reported as in `build`.
    let members_only = serve.site.read("content/practices/members-practice.en.md");
    serve
        .site
        .write("content/practices/new-pilot.en.md", &members_only);
    serve.site.edit(
        "content/practices/coaching.en.md",
        "each jobseeker closely.",
        "each jobseeker closely, see [the pilot](@/practices/new-pilot.md).",
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !serve
        .log
        .lock()
        .expect("serve log")
        .contains("link to a members-only document")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the link is not reported:\n{}",
            serve.log.lock().expect("serve log")
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(serve.get("/en/good-practices/new-pilot/").status, 404);
}

#[test]
fn serve_with_the_members_edition_previews_members_content() {
    let serve = Serve::on(Site::copy("editions"), &["--edition", "members"], &[]);
    let practice = serve.get("/en/good-practices/members-practice/");
    assert_eq!(practice.status, 200);
    assert!(practice.body.contains("ZqxPracticeBodyEn7"));
    assert!(practice
        .body
        .contains(r#"<meta name="robots" content="noindex"#));
    serve.site.edit(
        "content/practices/members-practice.en.md",
        "ZqxPracticeBodyEn7",
        "ZqxEditedBody7",
    );
    serve.wait_for(
        "/en/good-practices/members-practice/",
        "the members' edit",
        |r| r.body.contains("ZqxEditedBody7"),
    );
}

#[test]
fn a_public_document_cannot_quote_figures_kept_for_members() {
    let site = Site::copy("editions");
    site.edit(
        "content/reports/public-report.en.md",
        "services; median",
        "services ({{ count(cycle=2023) }} in 2023, {{ value(pes=\"se-af\", indicator=\"placements\", year=2023) }} placements; \
         France Travail {{ value(pes=\"fr-ft\", area=\"A\", cycle=2024) }}); median",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    for expected in [
        "the assessment cycle `2023` is for members",
        "figures of `placements` in the datasets for members (`observations/zqxdatasetfile7.csv`)",
        "the `public` edition does not show each PES's own assessment scores",
        "public-report.en.md:8:",
    ] {
        assert!(run.stderr.contains(expected), "{expected}:\n{}", run.stderr);
    }
    let members = site.run(&["build", "--edition", "members"]);
    members.assert_code(0);
    let report = page(
        &site.path("output-members"),
        "en/reports/public-report/index.html",
    );
    assert!(report.contains(">7,654,321<"), "members read the figures");
}

#[test]
fn the_nginx_configuration_the_deployment_guide_shows_is_the_one_tested() {
    let guide = source_file("docs/deploy.md");
    let config = source_file("docs/deploy/nginx-members.conf");
    assert!(
        guide.contains(&format!("```nginx\n{config}```")),
        "docs/deploy.md quotes docs/deploy/nginx-members.conf as it is"
    );
    let test = source_file("tests/deploy/basic_auth.sh");
    assert!(test.contains("include $ROOT/docs/deploy/nginx-members.conf;"));
    assert!(source_file(".ci/run").contains("bash tests/deploy/basic_auth.sh"));
}
