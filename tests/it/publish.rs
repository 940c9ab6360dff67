//! Publishing: feeds, sitemap, robots.txt, structured data, sharing metadata, translation
//! status, print support and editor schemas, checked on a built fixture site the way a feed
//! reader, a search engine or an editor's tools would read them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use scraper::Html;
use serde_json::Value;

use crate::common::*;

const BASE: &str = "https://members.example.net/preview/pr-7/";
const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// The publish fixture, built once at a sub-path address.
fn site() -> &'static Built {
    built_with("publish", &["--base-url", BASE])
}

/// Every HTML file of the output, relative and with `/` separators.
fn html_files(site: &Built) -> Vec<String> {
    html_pages(&site.output).into_keys().collect()
}

/// The value of `name` on the first element matching `css`, if there is one.
fn attr(document: &Html, css: &str, name: &str) -> Option<String> {
    select(document, css)
        .first()
        .and_then(|e| e.value().attr(name))
        .map(str::to_string)
}

/// The `src` of each script of a page, in page order.
fn script_sources(document: &Html) -> Vec<String> {
    select(document, "script[src]")
        .iter()
        .filter_map(|e| e.value().attr("src"))
        .map(str::to_string)
        .collect()
}

fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children()
        .find(|c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
}

fn children<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    node.children()
        .filter(move |c| c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
}

fn child_text(node: roxmltree::Node<'_, '_>, ns: &str, name: &str) -> String {
    child(node, ns, name)
        .and_then(|c| c.text())
        .unwrap_or_else(|| panic!("<{name}> is missing"))
        .to_string()
}

#[test]
fn feeds_are_atom_with_entries_dates_and_absolute_urls() {
    let site = site();
    let mut expected = BTreeMap::new();
    expected.insert(
        "fr",
        vec![
            ("bonnes-pratiques/beta/", "2024-06-15"),
            ("bonnes-pratiques/alpha/", "2024-05-01"),
            ("rapports/cycle-2024/", "2024-11-20"),
            ("visites-etude/oslo-2023/", "2023-05-02"),
        ],
    );
    expected.insert(
        "en",
        vec![
            ("good-practices/alpha/", "2024-03-01"),
            ("reports/cycle-2024/", "2024-11-22"),
            ("study-visits/oslo-2023/", "2023-05-20"),
        ],
    );
    for (lang, entries) in expected {
        let text = page(&site.output, &format!("{lang}/atom.xml"));
        let document = roxmltree::Document::parse(&text).expect("well-formed XML");
        let feed = document.root_element();
        assert_eq!(feed.tag_name().namespace(), Some(ATOM));
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
        // RFC 4287 §4.1.1: exactly one id, title and updated; an author for entries without one.
        for name in ["id", "title", "updated"] {
            assert_eq!(children(feed, ATOM, name).count(), 1, "feed <{name}>");
        }
        assert!(child(feed, ATOM, "author").is_some_and(|a| child(a, ATOM, "name").is_some()));
        assert_eq!(child_text(feed, ATOM, "id"), format!("{BASE}{lang}/"));
        let self_link = children(feed, ATOM, "link")
            .find(|l| l.attribute("rel") == Some("self"))
            .expect("a self link");
        assert_eq!(
            self_link.attribute("href"),
            Some(format!("{BASE}{lang}/atom.xml").as_str())
        );

        let found: Vec<(String, String)> = children(feed, ATOM, "entry")
            .map(|entry| {
                for name in ["id", "title", "updated"] {
                    assert_eq!(children(entry, ATOM, name).count(), 1, "entry <{name}>");
                }
                let link = children(entry, ATOM, "link")
                    .find(|l| l.attribute("rel") == Some("alternate"))
                    .expect("an alternate link");
                let href = link.attribute("href").expect("href").to_string();
                assert_eq!(child_text(entry, ATOM, "id"), href);
                assert!(href.starts_with(BASE), "{href} is not under {BASE}");
                let updated = child_text(entry, ATOM, "updated");
                assert!(
                    updated.ends_with("T00:00:00+00:00"),
                    "RFC 3339 timestamp: {updated}"
                );
                (
                    href.trim_start_matches(&format!("{BASE}{lang}/"))
                        .to_string(),
                    updated[..10].to_string(),
                )
            })
            .collect();
        let mut want: Vec<(String, String)> = entries
            .iter()
            .map(|(path, date)| (path.to_string(), date.to_string()))
            .collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        assert_eq!(found, want, "{lang} feed entries, newest first");
        // The feed is as recent as its newest entry: no build timestamp.
        assert_eq!(&child_text(feed, ATOM, "updated")[..10], want[0].1);

        // A second, independent parser agrees.
        let parsed = atom_syndication::Feed::read_from(text.as_bytes()).expect("valid Atom");
        assert_eq!(parsed.entries().len(), want.len());
    }
    let fr = page(&site.output, "fr/atom.xml");
    assert!(
        fr.contains("<published>2023-01-10T00:00:00+00:00</published>"),
        "`created` becomes <published>"
    );
    assert!(
        fr.contains("Pratique bêta &amp; co") && fr.contains("&lt;avec&gt;"),
        "text is escaped"
    );
}

#[test]
fn sitemap_lists_every_public_page_with_reciprocal_hreflang() {
    let site = site();
    let text = page(&site.output, "sitemap.xml");
    let document = roxmltree::Document::parse(&text).expect("well-formed XML");
    let urlset = document.root_element();
    assert_eq!(urlset.tag_name().namespace(), Some(SITEMAP));
    assert_eq!(urlset.tag_name().name(), "urlset");

    let mut alternates_of: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut lastmod: BTreeMap<String, String> = BTreeMap::new();
    for url in children(urlset, SITEMAP, "url") {
        let loc = child_text(url, SITEMAP, "loc");
        assert!(loc.starts_with(BASE), "{loc} is not under {BASE}");
        if let Some(date) = child(url, SITEMAP, "lastmod").and_then(|d| d.text()) {
            lastmod.insert(loc.clone(), date.to_string());
        }
        let links: BTreeMap<String, String> = children(url, XHTML, "link")
            .map(|link| {
                assert_eq!(link.attribute("rel"), Some("alternate"));
                (
                    link.attribute("hreflang").expect("hreflang").to_string(),
                    link.attribute("href").expect("href").to_string(),
                )
            })
            .collect();
        assert!(
            alternates_of.insert(loc, links).is_none(),
            "a URL is listed twice"
        );
    }

    // Every HTML page of the site is listed, except the 404 page, the editors' page and the
    // search pages (no content of their own, `noindex`).
    let pages: BTreeSet<String> = html_files(site)
        .into_iter()
        .filter(|f| {
            f != "404.html"
                && !f.contains("/translations/")
                && !f.ends_with("/search/index.html")
                && !f.ends_with("/recherche/index.html")
        })
        .map(|f| format!("{BASE}{}", f.trim_end_matches("index.html")))
        .collect();
    let listed: BTreeSet<String> = alternates_of.keys().cloned().collect();
    assert_eq!(listed, pages);
    assert!(!text.contains("/translations/"));

    for (loc, links) in &alternates_of {
        if loc == BASE {
            continue;
        }
        let langs: Vec<&str> = links.keys().map(String::as_str).collect();
        assert_eq!(langs, ["en", "fr", "x-default"], "{loc}");
        assert_eq!(links["x-default"], links["fr"], "x-default is French");
        assert!(links.values().any(|href| href == loc), "{loc} lists itself");
        for href in links.values() {
            assert_eq!(
                alternates_of.get(href),
                Some(links),
                "{href} must list the same alternates as {loc}"
            );
        }
    }
    let visit = format!("{BASE}en/study-visits/oslo-2023/");
    assert_eq!(
        alternates_of[&visit]["fr"],
        format!("{BASE}fr/visites-etude/oslo-2023/")
    );
    assert_eq!(
        lastmod[&format!("{BASE}fr/bonnes-pratiques/alpha/")],
        "2024-05-01"
    );
    assert_eq!(
        lastmod[&format!("{BASE}en/good-practices/alpha/")],
        "2024-03-01"
    );

    let robots = page(&site.output, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn every_page_has_canonical_feeds_and_sharing_metadata() {
    let site = site();
    for file in html_files(site) {
        let page = parsed(&site.output, &file);
        let canonical = attr(&page, r#"link[rel="canonical"]"#, "href")
            .unwrap_or_else(|| panic!("{file} has no canonical link"));
        assert!(canonical.starts_with(BASE), "{file}: {canonical}");
        let feeds: Vec<String> = select(
            &page,
            r#"link[rel="alternate"][type="application/atom+xml"]"#,
        )
        .iter()
        .filter_map(|l| l.value().attr("href").map(str::to_string))
        .collect();
        assert_eq!(
            feeds.len(),
            2,
            "{file} links both languages' feeds: {feeds:?}"
        );
        for feed in &feeds {
            assert!(feed.starts_with(BASE), "{file}: {feed}");
            assert!(site.output.join(feed.trim_start_matches(BASE)).is_file());
        }
        assert_eq!(
            attr(&page, r#"meta[property="og:url"]"#, "content"),
            Some(canonical)
        );
        assert!(attr(&page, r#"meta[property="og:title"]"#, "content").is_some());
        assert_eq!(
            attr(&page, r#"meta[name="twitter:card"]"#, "content").as_deref(),
            Some("summary")
        );
    }
    let page = parsed(&site.output, "en/good-practices/alpha/index.html");
    assert_eq!(
        attr(&page, r#"meta[property="og:locale"]"#, "content").as_deref(),
        Some("en_GB")
    );
    assert_eq!(
        attr(&page, r#"meta[property="og:type"]"#, "content").as_deref(),
        Some("article")
    );
    // The English feed comes first on English pages.
    assert_eq!(
        attr(&page, r#"link[type="application/atom+xml"]"#, "href").as_deref(),
        Some(format!("{BASE}en/atom.xml").as_str())
    );
}

fn json_ld(site: &Built, path: &str) -> Value {
    let page = parsed(&site.output, path);
    let scripts = select(&page, r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1, "{path} has one JSON-LD block");
    let text: String = scripts[0].text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
}

#[test]
fn structured_data_names_the_type_and_language_of_each_page() {
    let site = site();
    let cases = [
        ("fr/index.html", "WebSite", "fr"),
        ("en/good-practices/index.html", "CollectionPage", "en"),
        ("fr/bonnes-pratiques/alpha/index.html", "Article", "fr"),
        ("en/study-visits/oslo-2023/index.html", "Report", "en"),
        ("fr/visites-etude/oslo-2023/index.html", "Report", "fr"),
        ("en/reports/cycle-2024/index.html", "Report", "en"),
        ("en/about/index.html", "WebPage", "en"),
        // No English version: the page shows the French text, and says so.
        ("en/good-practices/beta/index.html", "Article", "fr"),
    ];
    for (path, kind, lang) in cases {
        let value = json_ld(site, path);
        assert_eq!(value["@context"], "https://schema.org", "{path}");
        assert_eq!(value["@type"], kind, "{path}");
        assert_eq!(value["inLanguage"], lang, "{path}");
        assert!(
            value["url"].as_str().is_some_and(|u| u.starts_with(BASE)),
            "{path}"
        );
    }

    let english = json_ld(site, "en/study-visits/oslo-2023/index.html");
    assert_eq!(english["translationOfWork"]["inLanguage"], "fr");
    assert_eq!(
        english["translationOfWork"]["url"],
        format!("{BASE}fr/visites-etude/oslo-2023/")
    );
    assert_eq!(english["datePublished"], "2023-04-05");
    assert_eq!(english["dateModified"], "2023-05-20");
    assert_eq!(english["about"]["@type"], "GovernmentOrganization");
    let french = json_ld(site, "fr/visites-etude/oslo-2023/index.html");
    assert_eq!(french["workTranslation"][0]["inLanguage"], "en");
    assert_eq!(
        french["workTranslation"][0]["url"],
        format!("{BASE}en/study-visits/oslo-2023/")
    );
    let alpha = json_ld(site, "fr/bonnes-pratiques/alpha/index.html");
    assert_eq!(alpha["datePublished"], "2023-01-10", "from `created`");

    let pes = json_ld(site, "en/pes/no-nav/index.html");
    assert_eq!(pes["@type"], "GovernmentOrganization");
    assert_eq!(pes["name"], "NAV (Norway)");
    assert_eq!(pes["address"]["addressCountry"], "NO");
    assert_eq!(pes["mainEntityOfPage"]["inLanguage"], "en");
    let ft = json_ld(site, "fr/spe/fr-ft/index.html");
    assert_eq!(ft["sameAs"], "https://www.francetravail.fr/");

    // Text from front matter cannot break out of the script element.
    let beta = page(&site.output, "fr/bonnes-pratiques/beta/index.html");
    assert!(
        beta.contains(r"\u003cavec\u003e"),
        "JSON-LD escapes < and >"
    );
}

#[test]
fn translation_status_in_the_terminal_and_for_editors() {
    let site = site();
    let run = site.run(&["check", "--translations"]);
    run.assert_code(0);
    let table = run.stdout;
    let section = |lang: &str| -> String {
        let start = table
            .find(&format!("{lang}: "))
            .expect("a section per language");
        table[start..]
            .split("\n\n")
            .next()
            .unwrap_or("")
            .to_string()
    };
    let fr = section("fr");
    let en = section("en");
    assert!(
        fr.starts_with("fr: 1 missing, 0 stale, 0 UI strings missing"),
        "{fr}"
    );
    assert!(fr.contains("content/pages/privacy.fr.md"), "{fr}");
    assert!(
        en.starts_with("en: 1 missing, 1 stale, 0 UI strings missing"),
        "{en}"
    );
    let stale = en
        .lines()
        .find(|l| l.contains("stale "))
        .expect("a stale row");
    assert!(
        stale.contains("alpha")
            && stale.contains("alpha.en.md updated 2024-03-01")
            && stale.contains("alpha.fr.md updated 2024-05-01"),
        "{stale}"
    );
    assert!(
        en.contains("create content/practices/beta.en.md from content/practices/beta.fr.md"),
        "{en}"
    );
    // The visit translation is newer than its source, and the report has no declared source
    // but is newer than the French version: neither is stale.
    assert!(
        !en.contains("oslo-2023") && !en.contains("cycle-2024"),
        "{en}"
    );
    // Columns line up: the detail column starts at the same place on every row.
    let rows: Vec<&str> = en.lines().skip(1).collect();
    let column = rows[0].find("detail").expect("header");
    for row in &rows[1..] {
        assert!(row[..column].ends_with("  "), "{row}");
        assert_ne!(&row[column..column + 1], " ", "{row}");
    }

    // The editors' page exists in every language, each with every language's tables.
    for (path, heading) in [
        ("fr/translations/index.html", "État des traductions"),
        ("en/translations/index.html", "Translation status"),
    ] {
        let page = parsed(&site.output, path);
        assert_eq!(
            attr(&page, r#"meta[name="robots"]"#, "content").as_deref(),
            Some("noindex"),
            "{path}"
        );
        let title: String = select(&page, "h1")[0].text().collect();
        assert_eq!(title, heading);
        let text: String = select(&page, "main")[0].text().collect();
        assert!(text.contains("content/practices/beta.en.md"), "{path}");
        assert!(text.contains("content/practices/alpha.en.md"), "{path}");
        assert!(text.contains("content/pages/privacy.fr.md"), "{path}");
        assert!(
            select(&page, r#".main-nav [aria-current]"#).is_empty(),
            "{path}: no navigation entry is current"
        );
    }
    for file in html_files(site) {
        if file.contains("/translations/") {
            continue;
        }
        let page = parsed(&site.output, &file);
        assert!(
            select(&page, r#"a[href*="translations"]"#).is_empty(),
            "{file} links to the editors' page"
        );
        assert!(
            attr(&page, r#"meta[name="robots"]"#, "content").is_none()
                || file == "404.html"
                || file.ends_with("/search/index.html")
                || file.ends_with("/recherche/index.html"),
            "{file} is public and indexable"
        );
    }
}

#[test]
fn document_pages_offer_a_print_button_that_needs_no_inline_script() {
    let site = site();
    for path in [
        "en/study-visits/oslo-2023/index.html",
        "fr/rapports/cycle-2024/index.html",
        "en/good-practices/alpha/index.html",
    ] {
        let page = parsed(&site.output, path);
        let control = select(&page, ".print-control");
        assert_eq!(control.len(), 1, "{path}");
        assert!(
            control[0].value().attr("hidden").is_some(),
            "hidden until the script runs"
        );
        assert_eq!(select(&page, "button[data-print]").len(), 1, "{path}");
        assert_eq!(
            script_sources(&page),
            ["/preview/pr-7/print.js", "/preview/pr-7/my-pes.js"],
            "{path}: the print script, and the header's \"my PES\" picker's"
        );
        for script in select(&page, "script") {
            let inline = script.value().attr("src").is_none();
            let data = script.value().attr("type") == Some("application/ld+json");
            assert!(!inline || data, "{path} has an inline script");
        }
    }
    let script = page(&site.output, "print.js");
    assert!(script.contains("window.print()"));
    assert_eq!(
        script_sources(&parsed(&site.output, "en/index.html")),
        ["/preview/pr-7/my-pes.js"],
        "no print script where there is nothing to print"
    );
    let css = page(&site.output, "style.css");
    assert!(
        css.contains(".print-control"),
        "the control is hidden in print"
    );
}

#[test]
fn publishing_output_is_deterministic() {
    let first = &site().output;
    let again = Site::copy("publish");
    again.run(&["build", "--base-url", BASE]).assert_code(0);
    let second = &again.output();
    for file in [
        "fr/atom.xml",
        "en/atom.xml",
        "sitemap.xml",
        "robots.txt",
        "fr/translations/index.html",
        "en/translations/index.html",
    ] {
        assert_eq!(page(first, file), page(second, file), "{file}");
    }
}

#[test]
fn bad_dates_orphan_translations_and_reserved_addresses_are_reported() {
    let site = Site::overlay("publish", "publish_bad");
    let run = site.run(&["check"]);
    run.assert_code(1);
    let errors = &run.stderr;
    for (location, message) in [
        (
            "content/practices/gamma.en.md:3:18",
            "this is a translation of content/practices/gamma.fr.md, which does not exist",
        ),
        (
            "content/practices/gama.fr.md:8:10",
            "`updated` 2024-01-01 is before `created` 2024-06-01",
        ),
        (
            "content/practices/delta.fr.md:7:10",
            "`updated` 2099-01-01 is in the future",
        ),
    ] {
        assert!(errors.contains(location), "{location} in:\n{errors}");
        assert!(errors.contains(message), "{message} in:\n{errors}");
    }
    assert!(
        errors.contains("was it renamed to content/practices/gama.fr.md?"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "content/pages/translations.en.md: the address /en/translations/ is reserved for the translation status page"
        ),
        "{errors}"
    );
    assert!(errors.contains("4 problems found"), "{errors}");
}

/// The YAML of a content file: the whole file, or a Markdown document's front matter.
fn yaml_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable");
    if path.extension().is_some_and(|e| e == "md") {
        let rest = text.strip_prefix("---\n").expect("front matter");
        let end = rest.find("\n---\n").expect("closed front matter");
        rest[..end + 1].to_string()
    } else {
        text
    }
}

/// YAML read as an editor's YAML 1.2 language server reads it (`NO` is a string).
fn as_json(yaml: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(yaml, options).expect("YAML converts to JSON")
}

/// The schema file named on a content file's `yaml-language-server` line.
fn declared_schema(root: &Path, relative: &Path) -> PathBuf {
    let yaml = yaml_of(&root.join(relative));
    let first = yaml.lines().next().unwrap_or("");
    let target = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("{} does not name its schema", relative.display()));
    let folder = relative.parent().unwrap_or(Path::new(""));
    let mut resolved = PathBuf::new();
    for part in folder.join(target).components() {
        match part {
            std::path::Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// `site.yaml` and every YAML and Markdown file of `content/`, relative to the site root.
fn content_files(root: &Path) -> Vec<PathBuf> {
    let content = snapshot(&root.join("content")).into_keys();
    let mut files = vec![PathBuf::from("site.yaml")];
    files.extend(
        content
            .filter(|name| name.ends_with(".md") || name.ends_with(".yaml"))
            .map(|name| Path::new("content").join(name)),
    );
    files
}

fn validator(schema_file: &Path) -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_file).expect("schema file"))
            .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

#[test]
fn schemas_validate_the_example_content_and_reject_broken_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("tempdir");
    let run = benchlearn(
        root,
        &["schema", "--output", dir.path().to_str().expect("UTF-8")],
    );
    run.assert_code(0);

    // The committed schemas that the example content points to are the current ones.
    for entry in std::fs::read_dir(dir.path()).expect("schemas") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("name");
        let committed =
            std::fs::read_to_string(root.join("schemas").join(name)).unwrap_or_default();
        assert_eq!(
            committed,
            std::fs::read_to_string(&path).expect("generated"),
            "schemas/{} is out of date: run `cargo run -- schema`",
            name.to_string_lossy()
        );
    }

    let files = content_files(root);
    assert!(files.len() > 40, "the example content is found");
    for relative in &files {
        let schema = declared_schema(root, relative);
        assert!(
            schema.starts_with("schemas"),
            "{}: {}",
            relative.display(),
            schema.display()
        );
        let fresh = dir.path().join(schema.file_name().expect("a file"));
        let instance = as_json(&yaml_of(&root.join(relative)));
        let errors: Vec<String> = validator(&fresh)
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", relative.display());
    }

    let practice = validator(&dir.path().join("practice.schema.json"));
    let broken = as_json(
        "title: x\npes: fr-ft\nareas: [A]\ntarget_groups: [teenagers]\nstart_year: twenty\nstatus: finished\nupdated: 2024-13\nwriter: me\n",
    );
    let errors: Vec<String> = practice
        .iter_errors(&broken)
        .map(|e| e.instance_path().to_string())
        .collect();
    for field in ["/start_year", "/status", "/updated", "/target_groups/0", ""] {
        assert!(errors.iter().any(|e| e == field), "{field} in {errors:?}");
    }
    assert!(!practice.is_valid(&broken));
    let pes = validator(&dir.path().join("pes.schema.json"));
    let missing_language = as_json(
        "- id: x\n  name: {fr: \"X\"}\n  acronym: X\n  country: FR\n  network: n\n  cluster: c\n",
    );
    assert!(
        !pes.is_valid(&missing_language),
        "every site language is required"
    );
}

#[test]
fn new_documents_name_their_schema_and_validate_against_it() {
    let site = Site::copy("publish");
    let schemas = site.path("schemas");
    site.run(&["schema"]).assert_code(0);
    for (kind, folder) in [
        ("practice", "practices"),
        ("visit", "visits"),
        ("report", "reports"),
        ("page", "pages"),
    ] {
        site.run(&["new", kind, "fresh-one"]).assert_code(0);
        for lang in ["fr", "en"] {
            let relative = PathBuf::from(format!("content/{folder}/fresh-one.{lang}.md"));
            let text = std::fs::read_to_string(site.root.join(&relative)).expect("created");
            assert!(
                text.starts_with(&format!(
                    "---\n# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n"
                )),
                "{text}"
            );
            let schema = declared_schema(&site.root, &relative);
            let instance = as_json(&yaml_of(&site.root.join(&relative)));
            let validator = validator(&site.root.join(&schema));
            assert!(validator.is_valid(&instance), "{}", relative.display());
            assert!(
                schema.starts_with("schemas")
                    && schemas.join(schema.file_name().expect("file")).is_file()
            );
        }
    }
}

#[test]
fn missing_ui_strings_are_listed_with_the_file_to_complete() {
    let site = Site::copy("publish");
    // The site adds a French label that has no English counterpart.
    site.write(
        "themes/default/i18n/fr.yaml",
        "publishing:\n  print: \"Imprimer\"\n  share: \"Partager\"\n",
    );
    let run = site.run(&["check", "--translations"]);
    let table = &run.stdout;
    assert!(
        table.contains("en: 1 missing, 1 stale, 1 UI strings missing"),
        "{table}"
    );
    let row = table
        .lines()
        .find(|l| l.contains("publishing.share"))
        .unwrap_or_else(|| panic!("a row for the key in:\n{table}"));
    assert!(
        row.contains("UI string") && row.contains("add it to themes/default/i18n/en.yaml"),
        "{row}"
    );
    assert!(
        table.contains("fr: 1 missing, 0 stale, 0 UI strings missing"),
        "{table}"
    );
    // A missing UI string is also an error of the build.
    run.assert_code(1);
}
