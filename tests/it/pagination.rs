//! Lists cut into pages: a copy of `minimal` with 30 practices in French and English and
//! `pagination.page_size: 10`. Addresses, order, titles, `rel` links, the pager, hreflang
//! between lists of different lengths, the sitemap, the practice index the filters read, and
//! `serve` rendering again the pages an edit reaches.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use scraper::Html;

use crate::common::*;
use crate::served::*;

const PRACTICES: usize = 30;
const BASE: &str = "https://example.org/";

/// The French title of practice `n`; the seventh carries markup, to be shown as text.
fn french_title(n: usize) -> String {
    if n == 7 {
        "Pratique 07 <script>alert(1)</script>".to_string()
    } else {
        format!("Pratique {n:02}")
    }
}

/// `minimal` with 30 practices, practice `n` updated on day `n` of January 2024 (so the
/// newest is the 30th), odd ones by fr-ft and even ones by de-ba, all in area A; in area B
/// every French version but only the English versions of practices 19 to 30, so area B's
/// list is three pages long in French and two in English.
fn paginated_site() -> Site {
    let site = Site::copy("minimal");
    site.remove("content/practices/coaching.fr.md");
    site.remove("content/practices/coaching.en.md");
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "pagination:\n  page_size: 10\n"),
    );
    site.write(
        "content/data/areas.yaml",
        &(site.read("content/data/areas.yaml")
            + "- id: B\n  name: {fr: \"Partenariats\", en: \"Partnerships\"}\n  enablers:\n    - id: B1\n      name: {fr: \"Réseaux\", en: \"Networks\"}\n"),
    );
    for n in 1..=PRACTICES {
        let pes = if n % 2 == 1 { "fr-ft" } else { "de-ba" };
        let english_areas = if n > 18 { "[A, B]" } else { "[A]" };
        let practice = |title: &str, areas: &str| {
            format!(
                "---\ntitle: {title:?}\nsummary: \"Summary {n}.\"\npes: {pes}\nareas: {areas}\nstart_year: 2020\nstatus: ongoing\nupdated: 2024-01-{n:02}\n---\n\nBody {n}.\n"
            )
        };
        site.write(
            &format!("content/practices/p{n:02}.fr.md"),
            &practice(&french_title(n), "[A, B]"),
        );
        site.write(
            &format!("content/practices/p{n:02}.en.md"),
            &practice(&format!("Practice {n:02}"), english_areas),
        );
    }
    site
}

/// The built site, shared by the tests that only read it.
fn built_site() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let site = paginated_site();
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pagination-site");
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("remove the previous run's site");
        }
        copy_dir(&site.root, &root);
        benchlearn(&root, &["build"]).assert_code(0);
        root.join("output")
    })
}

fn card_titles(html: &Html) -> Vec<String> {
    texts(html, ".cards > li.card .card-title")
}

fn link(html: &Html, rel: &str) -> Option<String> {
    select(html, &format!(r#"head link[rel="{rel}"]"#))
        .first()
        .and_then(|element| element.value().attr("href"))
        .map(str::to_string)
}

fn alternate(html: &Html, lang: &str) -> String {
    attribute(
        html,
        &format!(r#"head link[rel="alternate"][hreflang="{lang}"]"#),
        "href",
    )
}

#[test]
fn the_catalogue_is_cut_into_pages_at_translated_addresses_newest_first() {
    let output = built_site();
    for (lang, list, title) in [
        ("fr", "fr/bonnes-pratiques/", "Pratique"),
        ("en", "en/good-practices/", "Practice"),
    ] {
        let first = parsed(output, &format!("{list}index.html"));
        let second = parsed(output, &format!("{list}page/2/index.html"));
        let third = parsed(output, &format!("{list}page/3/index.html"));
        assert!(
            !output.join(format!("{list}page/1")).exists(),
            "no page 1 of its own"
        );
        assert!(
            !output.join(format!("{list}page/4")).exists(),
            "{lang}: three pages"
        );

        let titles: Vec<String> = [&first, &second, &third]
            .into_iter()
            .flat_map(card_titles)
            .collect();
        let expected: Vec<String> = (1..=PRACTICES)
            .rev()
            .map(|n| match lang {
                "fr" => french_title(n),
                _ => format!("{title} {n:02}"),
            })
            .collect();
        assert_eq!(
            titles, expected,
            "{lang}: every practice once, newest first"
        );
        assert_eq!(card_titles(&first).len(), 10);

        let page_title = texts(&second, "title").join("");
        let expected_title = match lang {
            "fr" => "Bonnes pratiques (page 2 sur 3)",
            _ => "Good practices (page 2 of 3)",
        };
        assert!(
            page_title.starts_with(expected_title),
            "{lang}: {page_title}"
        );
        assert_eq!(
            link(&second, "canonical").as_deref(),
            Some(format!("{BASE}{list}page/2/").as_str())
        );
        assert_eq!(link(&first, "prev"), None);
        assert_eq!(link(&first, "next"), Some(format!("{BASE}{list}page/2/")));
        assert_eq!(link(&second, "prev"), Some(format!("{BASE}{list}")));
        assert_eq!(link(&second, "next"), Some(format!("{BASE}{list}page/3/")));
        assert_eq!(link(&third, "next"), None);
    }
}

#[test]
fn the_pager_names_itself_marks_the_current_page_and_words_previous_and_next() {
    let output = built_site();
    let second = parsed(output, "fr/bonnes-pratiques/page/2/index.html");
    let pager = select(&second, "nav.pager");
    assert_eq!(pager.len(), 1, "one pager");
    assert_eq!(pager[0].value().attr("aria-label"), Some("Pagination"));
    assert_eq!(
        texts(&second, "nav.pager a[aria-current=page]"),
        ["2"],
        "the current page"
    );
    assert_eq!(
        attribute(&second, "nav.pager a[aria-current=page]", "aria-label"),
        "Page 2"
    );
    assert_eq!(
        texts(&second, r#"nav.pager a[rel="prev"]"#),
        ["Page précédente"]
    );
    assert_eq!(
        texts(&second, r#"nav.pager a[rel="next"]"#),
        ["Page suivante"]
    );
    let numbers: Vec<String> = select(&second, "nav.pager a[aria-label]")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        numbers,
        [
            "/fr/bonnes-pratiques/",
            "/fr/bonnes-pratiques/page/2/",
            "/fr/bonnes-pratiques/page/3/"
        ]
    );
    let first = parsed(output, "en/good-practices/index.html");
    assert!(select(&first, r#"nav.pager a[rel="prev"]"#).is_empty());
    assert_eq!(texts(&first, r#"nav.pager a[rel="next"]"#), ["Next page"]);
}

#[test]
fn areas_profiles_and_peer_groups_continue_their_practices_on_pages_of_their_own() {
    let output = built_site();
    // Area A: 30 practices. Its figures stay on the first page.
    let first = parsed(output, "en/areas/a/index.html");
    let second = parsed(output, "en/areas/a/page/2/index.html");
    assert_eq!(
        card_titles(&first).first().map(String::as_str),
        Some("Practice 30")
    );
    assert_eq!(
        card_titles(&second).first().map(String::as_str),
        Some("Practice 20")
    );
    assert!(!select(&first, "#enablers").is_empty());
    assert!(
        select(&second, "#enablers").is_empty(),
        "figures on the first page only"
    );
    assert_eq!(
        texts(&second, "h1"),
        ["A — Performance management (page 2 of 3)"]
    );
    assert_eq!(link(&second, "prev"), Some(format!("{BASE}en/areas/a/")));
    // Each member's 15 practices: two pages of its profile.
    let profile = parsed(output, "fr/spe/fr-ft/page/2/index.html");
    assert_eq!(card_titles(&profile).len(), 5);
    assert_eq!(
        card_titles(&profile).last().map(String::as_str),
        Some("Pratique 01")
    );
    assert!(!output.join("fr/spe/fr-ft/page/3").exists());
    // The peer group's 30 practices.
    let group = parsed(output, "en/peer-groups/medium/page/3/index.html");
    assert_eq!(card_titles(&group).len(), 10);
}

#[test]
fn hreflang_joins_the_same_page_where_the_other_list_has_it_else_its_first() {
    let output = built_site();
    let second = parsed(output, "fr/bonnes-pratiques/page/2/index.html");
    assert_eq!(
        alternate(&second, "en"),
        format!("{BASE}en/good-practices/page/2/")
    );
    assert_eq!(
        alternate(&second, "fr"),
        format!("{BASE}fr/bonnes-pratiques/page/2/")
    );
    // Area B: three pages in French, two in English.
    assert!(output.join("fr/domaines/b/page/3/index.html").exists());
    assert!(!output.join("en/areas/b/page/3").exists());
    let french_second = parsed(output, "fr/domaines/b/page/2/index.html");
    assert_eq!(
        alternate(&french_second, "en"),
        format!("{BASE}en/areas/b/page/2/")
    );
    let french_third = parsed(output, "fr/domaines/b/page/3/index.html");
    assert_eq!(alternate(&french_third, "en"), format!("{BASE}en/areas/b/"));
    assert_eq!(
        alternate(&french_third, "x-default"),
        format!("{BASE}fr/domaines/b/page/3/")
    );
    let switcher = select(&french_third, r#".lang-switch a[hreflang="en"]"#);
    assert_eq!(switcher[0].value().attr("href"), Some("/en/areas/b/"));
}

#[test]
fn the_sitemap_lists_the_first_page_of_each_list_only() {
    let sitemap = page(built_site(), "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{BASE}fr/bonnes-pratiques/</loc>")));
    assert!(sitemap.contains(&format!("<loc>{BASE}en/areas/a/</loc>")));
    assert!(!sitemap.contains("/page/"), "no later page in the sitemap");
}

#[test]
fn the_practice_index_holds_every_practice_newest_first_and_its_markup_as_text() {
    let output = built_site();
    let raw = page(output, "data/practices/fr.json");
    assert!(!raw.contains('<'), "markup characters are escaped");
    assert!(raw.contains("\\u003cscript\\u003e"));
    let index: serde_json::Value = serde_json::from_str(&raw).expect("JSON");
    assert_eq!(
        index["facets"],
        serde_json::json!(["area", "pes", "indicator", "target-group", "status", "year"])
    );
    assert_eq!(
        index["tags"],
        serde_json::json!([
            "pes",
            "period",
            "status",
            "area",
            "indicator",
            "target-group"
        ])
    );
    assert_eq!(index["values"]["area"]["B"]["url"], "/fr/domaines/b/");
    assert_eq!(
        index["values"]["pes"]["fr-ft"]["tag"],
        "France Travail (France)"
    );
    let practices = index["practices"].as_array().expect("practices");
    assert_eq!(practices.len(), PRACTICES);
    assert_eq!(practices[0]["title"], "Pratique 30");
    let seventh = &practices[PRACTICES - 7];
    assert_eq!(seventh["title"], french_title(7));
    assert_eq!(seventh["url"], "/fr/bonnes-pratiques/p07/");
    assert_eq!(seventh["date_iso"], "2024-01-07");
    assert_eq!(
        seventh["values"],
        serde_json::json!([["A", "B"], ["fr-ft"], [], [], ["ongoing"], ["2020"]])
    );
    for practice in practices {
        let url = practice["url"].as_str().expect("url");
        let file = file_for(url.trim_start_matches('/'));
        assert!(output.join(&file).exists(), "{url} is a page of the site");
    }
    // In an HTML page the same title is text too.
    let third = page(output, "fr/bonnes-pratiques/page/3/index.html");
    assert!(third.contains("Pratique 07 &lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn a_page_size_of_zero_is_an_error_at_its_place() {
    let site = Site::copy("minimal");
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "pagination:\n  page_size: 0\n"),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("`pagination.page_size` is 0"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("[site.yaml:7:14]"), "{}", run.stderr);
}

#[test]
fn a_language_without_defaults_names_its_list_page_segment() {
    let site = Site::copy("rtl");
    site.edit("site.yaml", "  list_page:   {ar: safha}\n", "");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("language `ar` has no address segment for the sections list_page"),
        "{}",
        run.stderr
    );
}

/// The card titles of each page of the lists a practice edit can reach, as served.
fn served_lists(serve: &Serve) -> Vec<(String, Vec<String>)> {
    list_pages()
        .into_iter()
        .map(|path| {
            let reply = serve.get(&format!("/{path}"));
            assert_eq!(reply.status, 200, "{path}");
            (path, card_titles(&Html::parse_document(&reply.body)))
        })
        .collect()
}

/// The same from a fresh build of the site as it is now.
fn built_lists(site: &Site, port: u16) -> Vec<(String, Vec<String>)> {
    let output = site.beside("fresh");
    let target = output.to_str().expect("UTF-8 path");
    let base = format!("http://127.0.0.1:{port}/");
    site.run(&["build", "--output", target, "--base-url", &base])
        .assert_code(0);
    list_pages()
        .into_iter()
        .map(|path| {
            let cards = card_titles(&parsed(&output, &format!("{path}index.html")));
            (path, cards)
        })
        .collect()
}

fn list_pages() -> Vec<String> {
    let mut pages = Vec::new();
    for (lang, catalogue, areas, pes, groups) in [
        (
            "fr",
            "bonnes-pratiques",
            "domaines",
            "spe",
            "groupes-de-pairs",
        ),
        ("en", "good-practices", "areas", "pes", "peer-groups"),
    ] {
        for first in [
            format!("{lang}/{catalogue}/"),
            format!("{lang}/{areas}/a/"),
            format!("{lang}/{pes}/fr-ft/"),
            format!("{lang}/{groups}/medium/"),
        ] {
            pages.push(first.clone());
            pages.push(format!("{first}page/2/"));
        }
        pages.push(format!("{lang}/{catalogue}/page/3/"));
    }
    pages
}

#[test]
fn serve_renders_again_the_pages_an_edit_reaches_and_they_match_a_full_build() {
    let serve = Serve::on(paginated_site(), &[], &[]);
    serve.rendered("initial build");
    let practice = "content/practices/p15.en.md";

    // A new title, same date: the practice stays in place; only the pages holding its card.
    // Saved by renaming over the file, so no rebuild reads it half written.
    let edit = |from: &str, to: &str| {
        let text = serve.site.read(practice);
        assert!(text.contains(from), "{from}");
        serve.write_by_rename(practice, &text.replacen(from, to, 1));
    };
    edit("title: \"Practice 15\"", "title: \"Practice 15 renamed\"");
    serve.wait_for("/en/good-practices/page/2/", "the new title", |r| {
        r.body.contains("Practice 15 renamed")
    });
    let kept = serve.rendered(practice);

    // A new date: it moves to the front, every card between shifts by one.
    edit("updated: 2024-01-15", "updated: 2024-02-01");
    serve.wait_for("/en/good-practices/", "the practice first", |r| {
        card_titles(&Html::parse_document(&r.body))
            .first()
            .map(String::as_str)
            == Some("Practice 15 renamed")
    });
    let moved = serve.rendered(practice);
    assert_eq!(served_lists(&serve), built_lists(&serve.site, serve.port));

    // Another status: filed differently, every page of the practice lists.
    edit("status: ongoing", "status: completed");
    serve.wait_for(
        "/en/good-practices/page/3/",
        "the new status counted",
        |r| r.body.contains(r#"id="filter-status-completed""#),
    );
    let refiled = serve.rendered(practice);
    assert_eq!(served_lists(&serve), built_lists(&serve.site, serve.port));

    assert!(
        kept < moved && moved < refiled,
        "pages rendered: {kept} for a title, {moved} for a date, {refiled} for a status"
    );
    // The date moved it within the first two pages of each catalogue, not the third.
    assert!(
        refiled - moved >= 2,
        "the third pages are left alone by the date: {moved} against {refiled}"
    );
}
