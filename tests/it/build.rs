//! `benchlearn build`, `check` and `new` on the `good` fixture site (and on the example site at
//! the repository root), checked by reading the HTML that comes out as a visitor would.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;
use scraper::Html;

const BASE_URL: &str = "https://example.org/benchlearning/";

/// The site path part of a base URL, with its trailing slash (`/benchlearning/`).
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

fn parse_pages(output: &Path) -> BTreeMap<String, Html> {
    html_pages(output)
        .into_iter()
        .map(|(name, text)| (name, Html::parse_document(&text)))
        .collect()
}

/// The language a page must declare: its top folder, or the default language at the root.
fn expected_lang(name: &str) -> &str {
    match name.split_once('/') {
        Some((lang, _)) => lang,
        None => "fr",
    }
}

/// Checks every `href` and `src` of every page: internal links are root-relative under the base
/// path (or absolute under the base URL) and lead to a file of the output, with the fragment
/// present in the target page; same-page fragments exist.
fn check_links(output: &Path, base_url: &str) {
    let pages = parse_pages(output);
    let files: BTreeSet<String> = snapshot(output).into_keys().collect();
    let base_path = base_path(base_url);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, html) in &pages {
        for element in select(html, "[href], [src]") {
            for attr in ["href", "src"] {
                let Some(url) = element.value().attr(attr) else {
                    continue;
                };
                checked += 1;
                let target = if let Some(id) = url.strip_prefix('#') {
                    if !id.is_empty() && !has_id(html, id) {
                        problems.push(format!("{name}: `{url}` names no element of the page"));
                    }
                    continue;
                } else if url.starts_with("mailto:") || url.starts_with("tel:") {
                    continue;
                } else if url.starts_with("http://") || url.starts_with("https://") {
                    match url.strip_prefix(base_url) {
                        Some(rest) => rest,
                        None => continue, // an external link
                    }
                } else if let Some(rest) = url.strip_prefix(&base_path) {
                    rest
                } else {
                    problems.push(format!(
                        "{name}: {attr}=`{url}` is not below the base path {base_path}"
                    ));
                    continue;
                };
                let file = file_for(target);
                if !files.contains(&file) {
                    problems.push(format!(
                        "{name}: {attr}=`{url}` leads to {file}, which does not exist"
                    ));
                    continue;
                }
                if let (Some(id), Some(target_page)) = (fragment(url), pages.get(&file)) {
                    if !has_id(target_page, id) {
                        problems.push(format!(
                            "{name}: `{url}`: {file} has no element with id `{id}`"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    assert!(
        checked > 10 * pages.len(),
        "only {checked} links in {} pages",
        pages.len()
    );
}

/// Checks each page's `<html lang>`, canonical link and hreflang alternates.
fn check_languages_and_alternates(output: &Path, base_url: &str) {
    let files: BTreeSet<String> = snapshot(output).into_keys().collect();
    let mut problems = Vec::new();
    for (name, html) in parse_pages(output) {
        let lang = attribute(&html, "html", "lang");
        if lang != expected_lang(&name) {
            problems.push(format!(
                "{name}: <html lang=\"{lang}\">, expected {}",
                expected_lang(&name)
            ));
        }
        let mut alternates = BTreeMap::new();
        for link in select(&html, r#"link[rel="alternate"][hreflang]"#) {
            let hreflang = link
                .value()
                .attr("hreflang")
                .unwrap_or_default()
                .to_string();
            let href = link.value().attr("href").unwrap_or_default().to_string();
            match href.strip_prefix(base_url) {
                Some(rest) if files.contains(&file_for(rest)) => {}
                Some(_) => problems.push(format!(
                    "{name}: alternate {hreflang} {href} leads to no file"
                )),
                None => problems.push(format!(
                    "{name}: alternate {hreflang} {href} is not absolute under {base_url}"
                )),
            }
            if alternates.insert(hreflang.clone(), href).is_some() {
                problems.push(format!("{name}: two alternates for {hreflang}"));
            }
        }
        let languages: Vec<&str> = alternates.keys().map(String::as_str).collect();
        if languages != ["en", "fr", "x-default"] {
            problems.push(format!(
                "{name}: alternates for {languages:?}, expected en, fr and x-default"
            ));
            continue;
        }
        if alternates["x-default"] != alternates["fr"] {
            problems.push(format!(
                "{name}: x-default is not the French (default language) page"
            ));
        }
        let canonical = attribute(&html, r#"link[rel="canonical"]"#, "href");
        if name.contains('/') {
            // A page in a language folder is its own alternate in that language.
            if alternates[&lang] != canonical {
                problems.push(format!(
                    "{name}: the {lang} alternate {} is not the canonical {canonical}",
                    alternates[&lang]
                ));
            }
            let own_path = canonical.strip_prefix(base_url).map(file_for);
            if own_path.as_deref() != Some(name.as_str()) {
                problems.push(format!("{name}: canonical {canonical} is another page"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Checks no id is given twice in a page: fragment links and `aria-labelledby` need one target.
fn check_unique_ids(output: &Path) {
    let mut problems = Vec::new();
    for (name, html) in parse_pages(output) {
        let mut seen = BTreeSet::new();
        for element in html
            .tree
            .nodes()
            .filter_map(|node| node.value().as_element())
        {
            if let Some(id) = element.id() {
                if !seen.insert(id.to_string()) {
                    problems.push(format!("{name}: id `{id}` is used twice"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn good_site_builds_every_page() {
    let site = built("good");
    assert!(
        site.build.stderr.contains("built "),
        "{}",
        site.build.stderr
    );
    let output = &site.output;
    let expected = [
        "index.html",
        "404.html",
        "style.css",
        "fr/index.html",
        "en/index.html",
        // Listings.
        "fr/bonnes-pratiques/index.html",
        "en/good-practices/index.html",
        "fr/visites-etude/index.html",
        "en/study-visits/index.html",
        "fr/rapports/index.html",
        "en/reports/index.html",
        "fr/spe/index.html",
        "en/pes/index.html",
        // Practices: the French slug override, and the French-only practice in both languages.
        "fr/bonnes-pratiques/job-coaching/index.html",
        "en/good-practices/job-coaching/index.html",
        "fr/bonnes-pratiques/appariement-competences/index.html",
        "en/good-practices/skills-matching/index.html",
        "fr/bonnes-pratiques/employer-clubs/index.html",
        "en/good-practices/employer-clubs/index.html",
        // Visits, reports, PES profiles, free pages.
        "fr/visites-etude/ba-employer-services-2023/index.html",
        "en/study-visits/ba-employer-services-2023/index.html",
        "fr/rapports/annual-review-2024/index.html",
        "en/reports/annual-review-2024/index.html",
        "fr/spe/fr-ft/index.html",
        "fr/spe/de-ba/index.html",
        "fr/spe/no-nav/index.html",
        "en/pes/fr-ft/index.html",
        "en/pes/de-ba/index.html",
        "en/pes/no-nav/index.html",
        "fr/about/index.html",
        "en/about/index.html",
        "fr/legal/index.html",
        "en/legal/index.html",
    ];
    let files = snapshot(output);
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|f| !files.contains_key(*f))
        .collect();
    assert!(
        missing.is_empty(),
        "missing pages: {missing:?}\nwritten: {:?}",
        files.keys()
    );
    // The slug override replaces the file-name slug in French only.
    assert!(!files.contains_key("fr/bonnes-pratiques/skills-matching/index.html"));
    assert!(!files.contains_key("en/good-practices/appariement-competences/index.html"));
    // The staging folders of the atomic write are gone.
    let leftovers: Vec<String> = std::fs::read_dir(&site.root)
        .expect("read site root")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".benchlearn"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

/// The checks above would pass on any site if they checked nothing: make sure they can fail.
#[test]
fn link_checks_catch_a_missing_page() {
    let copy = tempfile::tempdir().expect("temporary folder");
    let output = copy.path().join("output");
    copy_dir(&built("good").output, &output);
    std::fs::remove_file(output.join("fr/legal/index.html")).expect("remove a page");
    let links = std::panic::catch_unwind(|| check_links(&output, BASE_URL));
    assert!(links.is_err(), "a link to the removed page went unnoticed");
    let alternates = std::panic::catch_unwind(|| check_languages_and_alternates(&output, BASE_URL));
    assert!(
        alternates.is_err(),
        "an alternate to the removed page went unnoticed"
    );
}

#[test]
fn pages_declare_their_language_and_alternates() {
    let output = &built("good").output;
    check_languages_and_alternates(output, BASE_URL);
}

#[test]
fn every_internal_link_resolves() {
    let output = &built("good").output;
    check_links(output, BASE_URL);
}

#[test]
fn ids_are_unique_in_every_page() {
    let output = &built("good").output;
    check_unique_ids(output);
}

#[test]
fn not_found_page_is_titled_as_such() {
    let output = &built("good").output;
    let html = parsed(output, "404.html");
    let h1 = text_of(&select(&html, "h1")[0]);
    assert_eq!(h1, "Page introuvable");
    let title = text_of(&select(&html, "title")[0]);
    assert!(
        title.starts_with("Page introuvable"),
        "404 page titled {title:?}"
    );
    // Links on the 404 page work from any folder it is served for.
    for a in select(&html, "a[href]") {
        let href = a.value().attr("href").unwrap_or_default();
        assert!(
            href.starts_with("/benchlearning/") || href.starts_with('#'),
            "{href}"
        );
    }
}

#[test]
fn menu_pages_are_in_the_navigation() {
    let output = &built("good").output;
    let home = parsed(output, "fr/index.html");
    let nav: Vec<String> = select(&home, "nav.main-nav a")
        .iter()
        .map(|a| a.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert!(
        nav.contains(&"/benchlearning/fr/about/".to_string()),
        "{nav:?}"
    );
    assert!(
        !nav.iter().any(|href| href.contains("legal")),
        "a `menu: false` page is in the menu: {nav:?}"
    );
}

#[test]
fn language_switcher_goes_to_the_counterpart() {
    let output = &built("good").output;
    let cases = [
        (
            "fr/bonnes-pratiques/job-coaching/index.html",
            "en",
            "/benchlearning/en/good-practices/job-coaching/",
        ),
        (
            "en/good-practices/job-coaching/index.html",
            "fr",
            "/benchlearning/fr/bonnes-pratiques/job-coaching/",
        ),
        // The French translation has `slug: appariement-competences`.
        (
            "fr/bonnes-pratiques/appariement-competences/index.html",
            "en",
            "/benchlearning/en/good-practices/skills-matching/",
        ),
        (
            "en/good-practices/skills-matching/index.html",
            "fr",
            "/benchlearning/fr/bonnes-pratiques/appariement-competences/",
        ),
        (
            "fr/bonnes-pratiques/employer-clubs/index.html",
            "en",
            "/benchlearning/en/good-practices/employer-clubs/",
        ),
        (
            "en/good-practices/employer-clubs/index.html",
            "fr",
            "/benchlearning/fr/bonnes-pratiques/employer-clubs/",
        ),
        (
            "fr/spe/fr-ft/index.html",
            "en",
            "/benchlearning/en/pes/fr-ft/",
        ),
        (
            "en/study-visits/ba-employer-services-2023/index.html",
            "fr",
            "/benchlearning/fr/visites-etude/ba-employer-services-2023/",
        ),
        ("fr/about/index.html", "en", "/benchlearning/en/about/"),
    ];
    for (file, other, expected) in cases {
        let html = parsed(output, file);
        let href = attribute(
            &html,
            &format!(r#"nav.lang-switch a[hreflang="{other}"]"#),
            "href",
        );
        assert_eq!(href, expected, "language switcher of {file}");
        let alternate = attribute(
            &html,
            &format!(r#"link[rel="alternate"][hreflang="{other}"]"#),
            "href",
        );
        assert_eq!(
            alternate,
            format!("https://example.org{expected}"),
            "alternate of {file}"
        );
    }
}

#[test]
fn untranslated_practice_is_shown_in_french_with_a_notice() {
    let output = &built("good").output;
    let english = parsed(output, "en/good-practices/employer-clubs/index.html");
    assert_eq!(attribute(&english, "html", "lang"), "en");
    assert_eq!(
        select(&english, ".translation-notice").len(),
        1,
        "no translation notice"
    );
    assert_eq!(attribute(&english, "article", "lang"), "fr");
    assert_eq!(
        text_of(&select(&english, "article h1")[0]),
        "Clubs d’entreprises locaux"
    );
    // The translated pages have no notice and no foreign-language article.
    for file in [
        "fr/bonnes-pratiques/employer-clubs/index.html",
        "en/good-practices/job-coaching/index.html",
    ] {
        let html = parsed(output, file);
        assert!(
            select(&html, ".translation-notice").is_empty(),
            "{file} has a translation notice"
        );
        assert_eq!(
            attribute(&html, "article", "lang"),
            expected_lang(file),
            "{file}"
        );
    }
}

#[test]
fn yaml_text_is_escaped_and_no_script_is_written() {
    let output = &built("good").output;
    let source = page(output, "fr/bonnes-pratiques/job-coaching/index.html");
    assert!(
        source.contains("&lt;script&gt;alert("),
        "the title is not escaped"
    );
    let html = Html::parse_document(&source);
    assert_eq!(
        text_of(&select(&html, "article h1")[0]),
        r#"Accompagnement intensif <script>alert("x")</script>"#,
        "the title shows as text"
    );
    for (name, bytes) in snapshot(output) {
        let text = String::from_utf8_lossy(&bytes).to_ascii_lowercase();
        // A RIS reference is plain text with no escape: it holds the title as written, and
        // starts with `TY  - `, so no browser takes it for HTML (see publishing.md).
        if name.ends_with(".ris") {
            assert!(text.starts_with("ty  - "), "{name}");
            continue;
        }
        assert!(!text.contains("<script>"), "{name} contains a <script> tag");
    }
    // The only scripts are JSON-LD data blocks and the theme's own script files.
    for (name, html) in parse_pages(output) {
        for script in select(&html, "script") {
            let data_block = script.value().attr("type") == Some("application/ld+json");
            let theme_file = script
                .value()
                .attr("src")
                .is_some_and(|src| src.ends_with(".js"))
                && script.text().all(|text| text.trim().is_empty());
            assert!(data_block || theme_file, "{name} has an inline script");
        }
    }
}

#[test]
fn javascript_links_are_not_links() {
    let output = &built("good").output;
    for (name, html) in parse_pages(output) {
        for a in select(&html, "a[href]") {
            let href = a
                .value()
                .attr("href")
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            assert!(!href.starts_with("javascript:"), "{name} links to {href}");
        }
    }
    // The link text stays, as plain text.
    let html = parsed(output, "fr/bonnes-pratiques/job-coaching/index.html");
    let prose = text_of(&select(&html, ".prose")[0]);
    assert!(
        prose.contains("Un lien piégé et un lien externe"),
        "{prose}"
    );
    let external = select(&html, r#".prose a[href="https://example.com/page"]"#);
    assert_eq!(external.len(), 1, "the https link was dropped");
}

#[test]
fn raw_html_is_dropped_unless_allowed() {
    let output = &built("good").output;
    for file in [
        "fr/bonnes-pratiques/job-coaching/index.html",
        "en/good-practices/job-coaching/index.html",
    ] {
        let html = parsed(output, file);
        assert!(
            select(&html, ".prose b").is_empty(),
            "{file}: raw <b> kept by default"
        );
        let prose = text_of(&select(&html, ".prose")[0]);
        assert!(
            !prose.contains("alert(1)"),
            "{file}: the script's text is shown"
        );
    }

    let site = Site::copy("good");
    site.edit("site.yaml", "allow_raw_html: false", "allow_raw_html: true");
    let output = site.build_ok();
    for file in [
        "fr/bonnes-pratiques/job-coaching/index.html",
        "en/good-practices/job-coaching/index.html",
    ] {
        let html = parsed(&output, file);
        let bold: Vec<String> = select(&html, ".prose b").iter().map(text_of).collect();
        assert_eq!(bold, ["raw"], "{file}: raw <b> dropped although allowed");
        assert!(page(&output, file).contains("<b>raw</b>"));
    }
}

#[test]
fn content_links_resolve_to_the_same_language() {
    let output = &built("good").output;
    let cases = [
        (
            "fr/bonnes-pratiques/job-coaching/index.html",
            "/benchlearning/fr/bonnes-pratiques/appariement-competences/",
        ),
        (
            "fr/bonnes-pratiques/job-coaching/index.html",
            "/benchlearning/fr/bonnes-pratiques/employer-clubs/#fonctionnement",
        ),
        (
            "en/good-practices/job-coaching/index.html",
            "/benchlearning/en/good-practices/skills-matching/",
        ),
        // No English translation: the English address, which shows the French text.
        (
            "en/good-practices/job-coaching/index.html",
            "/benchlearning/en/good-practices/employer-clubs/#fonctionnement",
        ),
        (
            "fr/bonnes-pratiques/appariement-competences/index.html",
            "/benchlearning/fr/bonnes-pratiques/job-coaching/",
        ),
        (
            "en/reports/annual-review-2024/index.html",
            "/benchlearning/en/study-visits/ba-employer-services-2023/",
        ),
        ("fr/about/index.html", "/benchlearning/fr/legal/"),
    ];
    for (file, href) in cases {
        let html = parsed(output, file);
        let links: Vec<String> = select(&html, ".prose a[href]")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect();
        assert!(
            links.iter().any(|l| l == href),
            "{file}: no link to {href}; links: {links:?}"
        );
        assert!(
            !links.iter().any(|l| l.contains("@/")),
            "{file}: unresolved @/ link in {links:?}"
        );
    }
}

#[test]
fn french_typography_on_french_text_only() {
    let output = &built("good").output;
    let french = parsed(output, "fr/bonnes-pratiques/job-coaching/index.html");
    let prose = text_of(&select(&french, ".prose")[0]);
    assert!(prose.contains("Pourquoi\u{202f}?"), "{prose:?}");
    assert!(prose.contains("«\u{202f}citation\u{202f}»"), "{prose:?}");
    assert!(prose.contains("Résultat\u{a0}: bon"), "{prose:?}");
    let results = text_of(&select(&french, ".callout p")[0]);
    assert_eq!(
        results, "Résultat\u{a0}: bon",
        "YAML text shown in French gets French spacing"
    );
    let lead = text_of(&select(&french, ".lead")[0]);
    assert!(lead.contains("«\u{202f}citation\u{202f}»"), "{lead:?}");

    let english_source = page(output, "en/good-practices/job-coaching/index.html");
    let english = Html::parse_document(&english_source);
    let prose = text_of(&select(&english, ".prose")[0]);
    assert!(
        prose.contains("Why? Because young people ask for it. Result: good"),
        "{prose:?}"
    );
    assert_eq!(text_of(&select(&english, ".callout p")[0]), "Result: good");
    assert!(
        !english_source.contains(['\u{202f}', '\u{a0}']) && !english_source.contains("&nbsp;"),
        "the English page has French no-break spaces"
    );
}

/// Two defects of the French spacing pass: it rewrote code blocks, so copied code broke, and a
/// straight-quoted phrase lost the space before its closing guillemet (`droits»`).
#[test]
fn french_typography_leaves_code_alone_and_spaces_both_guillemets() {
    let site = Site::copy("good");
    site.edit(
        "content/practices/job-coaching.fr.md",
        "## Contexte\n",
        "## Contexte\n\nDes \"guillemets droits\" ici, de 74,0 % à 67,6%.\n\n```yaml\nhost: example ; port: 8080 !\n```\n",
    );
    let output = site.build_ok();
    let french = parsed(&output, "fr/bonnes-pratiques/job-coaching/index.html");
    let code = text_of(&select(&french, ".prose pre code")[0]);
    assert_eq!(
        code, "host: example ; port: 8080 !\n",
        "code is left as written"
    );
    let prose = text_of(&select(&french, ".prose")[0]);
    assert!(
        prose.contains(
            "Des «\u{202f}guillemets droits\u{202f}» ici, de 74,0\u{202f}% à 67,6\u{202f}%."
        ),
        "{prose:?}"
    );
}

/// French spacing reaches all a French reader sees, not only Markdown prose: UI strings,
/// names from the data in headings, tables and charts, and chart descriptions put together in
/// code. English text keeps its spacing as typed.
#[test]
fn french_typography_reaches_ui_strings_data_names_and_charts() {
    let site = Site::copy("bench");
    site.edit(
        "content/data/indicators.yaml",
        r#"name: {fr: "Placement", en: "Placement"}"#,
        r#"name: {fr: "Placement : total", en: "Placement : total"}"#,
    );
    site.write(
        "themes/default/i18n/fr.yaml",
        "bench:\n  rank_note: \"Rangs : 1 = meilleur ; ex æquo !\"\n",
    );
    site.write(
        "themes/default/i18n/en.yaml",
        "bench:\n  rank_note: \"Ranks : 1 = best ; ties !\"\n",
    );
    // The members' edition, whose profiles have the maturity chart with its description put
    // together in code.
    let output = site.build_members_ok();

    let indicator = parsed(&output, "fr/indicateurs/placement/index.html");
    let typeset = "Placement\u{a0}: total";
    assert_eq!(texts(&indicator, "h1"), [typeset]);
    let chart_titles = texts(&indicator, "svg title");
    assert!(
        chart_titles.iter().any(|title| title.contains(typeset)),
        "{chart_titles:?}"
    );
    let index = parsed(&output, "fr/indicateurs/index.html");
    assert!(
        texts(&index, "table td, table th")
            .iter()
            .any(|cell| cell.contains(typeset)),
        "the indicator table names it with French spacing"
    );

    let profile = parsed(&output, "fr/spe/a1/index.html");
    let notes = texts(&profile, ".note");
    assert!(
        notes.contains(&"Rangs\u{a0}: 1 = meilleur\u{202f}; ex æquo\u{202f}!".to_string()),
        "{notes:?}"
    );
    let description = texts(&profile, "svg desc").join(" ");
    assert!(
        description.contains("A\u{a0}: ") && description.contains("\u{202f}; B\u{a0}: "),
        "{description:?}"
    );

    let english = parsed(&output, "en/indicators/placement/index.html");
    assert_eq!(texts(&english, "h1"), ["Placement : total"]);
    let english_profile = parsed(&output, "en/pes/a1/index.html");
    assert!(texts(&english_profile, ".note").contains(&"Ranks : 1 = best ; ties !".to_string()));
}

/// Files left by systems and editors once stopped the build ("`Thumbs.db` is not a Markdown
/// document"); they are ignored, and never published.
#[test]
fn system_and_editor_litter_is_ignored() {
    let site = Site::copy("minimal");
    for litter in [
        "content/practices/Thumbs.db",
        "content/data/observations/desktop.ini",
        "content/data/observations/~$observations.xlsx",
        "content/practices/coaching.fr.md~",
        "content/practices/coaching.fr.md.swp",
        "static/Thumbs.db",
    ] {
        site.write(litter, "not content");
    }
    let output = site.build_ok();
    let published: Vec<String> = snapshot(&output).into_keys().collect();
    assert!(
        !published
            .iter()
            .any(|file| file.contains("Thumbs") || file.contains('~')),
        "{published:?}"
    );
}

/// The short flags Hugo and Zola users reach for: -r, -o, -u and -D.
#[test]
fn short_flags_work_like_the_long_ones() {
    let site = Site::copy("drafts");
    let output = site.beside("short");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_benchlearn"))
        .args(["-r"])
        .arg(&site.root)
        .args(["build", "-o"])
        .arg(&output)
        .args(["-u", "http://localhost:8000/", "-D"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run benchlearn");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let draft = page(&output, "en/good-practices/mentoring/index.html");
    assert!(draft.contains("Zebrafish mentoring"), "-D builds drafts");
    assert!(
        page(&output, "sitemap.xml").contains("http://localhost:8000/en/"),
        "-u sets the address"
    );
}

#[test]
fn base_url_override_moves_every_link() {
    let site = Site::copy("good");
    let output = site.beside("preview");
    let base = "https://example.org/sub/path/";
    let run = site.run(&[
        "build",
        "--output",
        output.to_str().expect("UTF-8 path"),
        "--base-url",
        base,
    ]);
    run.assert_code(0);
    check_links(&output, base);
    check_languages_and_alternates(&output, base);
    for (name, html) in parse_pages(&output) {
        for element in select(&html, "[href], [src]") {
            let url = element
                .value()
                .attr("href")
                .or(element.value().attr("src"))
                .unwrap_or_default();
            assert!(
                !url.contains("benchlearning"),
                "{name}: `{url}` still uses site.yaml's base_url"
            );
            if url.starts_with('/') {
                assert!(url.starts_with("/sub/path/"), "{name}: `{url}`");
            }
        }
        for link in select(&html, r#"link[rel="alternate"], link[rel="canonical"]"#) {
            let href = link.value().attr("href").unwrap_or_default();
            assert!(href.starts_with(base), "{name}: `{href}`");
        }
    }
    let practice = parsed(&output, "fr/bonnes-pratiques/job-coaching/index.html");
    assert_eq!(
        attribute(&practice, r#"nav.lang-switch a[hreflang="en"]"#, "href"),
        "/sub/path/en/good-practices/job-coaching/"
    );
}

#[test]
fn builds_are_reproducible() {
    let site = Site::copy("good");
    let first = snapshot(&site.build_ok());
    assert!(first.len() > 30, "only {} files", first.len());
    let second = snapshot(&site.build_ok());
    assert_same_tree(&first, &second);
    let elsewhere = site.beside("elsewhere");
    site.run(&["build", "--output", elsewhere.to_str().expect("UTF-8 path")])
        .assert_code(0);
    assert_same_tree(&first, &snapshot(&elsewhere));
}

#[test]
fn check_writes_nothing() {
    let site = Site::copy("good");
    let before = snapshot(site.dir.path());
    let run = site.run(&["check"]);
    run.assert_code(0);
    assert!(run.stderr.contains("no problems found"), "{}", run.stderr);
    assert!(!site.output().exists());
    assert_same_tree(&before, &snapshot(site.dir.path()));
}

fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[test]
fn new_practice_creates_both_languages_as_a_draft_that_builds() {
    let site = Site::copy("good");
    let before = today();
    let run = site.run(&["new", "practice", "my-new-thing"]);
    let after = today();
    run.assert_code(0);
    for lang in ["fr", "en"] {
        let relative = format!("content/practices/my-new-thing.{lang}.md");
        let text = site.read(&relative);
        assert!(
            run.stdout.contains(&format!("my-new-thing.{lang}.md")),
            "{}",
            run.stdout
        );
        assert!(text.starts_with("---\n"), "{relative}:\n{text}");
        assert!(
            text.contains(&format!("updated: {before}"))
                || text.contains(&format!("updated: {after}")),
            "{relative} is not dated today:\n{text}"
        );
        assert!(text.contains("pes: fr-ft"), "{relative}:\n{text}");
    }
    assert!(run.stderr.contains("draft: true"), "{}", run.stderr);
    let files = [
        "fr/bonnes-pratiques/my-new-thing/index.html",
        "en/good-practices/my-new-thing/index.html",
    ];
    // A skeleton is a draft: its placeholders are not published.
    let output = site.build_ok();
    for file in files {
        assert!(!output.join(file).exists(), "{file} is published");
    }
    site.run(&["build", "--drafts"]).assert_code(0);
    for file in files {
        let html = parsed(&output, file);
        assert_eq!(attribute(&html, "article", "lang"), expected_lang(file));
    }
    // A second `new` with the same slug changes nothing.
    let fr = site.read("content/practices/my-new-thing.fr.md");
    let again = site.run(&["new", "practice", "my-new-thing"]);
    again.assert_code(2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    assert_eq!(site.read("content/practices/my-new-thing.fr.md"), fr);
}

#[test]
fn new_refuses_a_path_as_slug() {
    let site = Site::copy("good");
    let before = snapshot(site.dir.path());
    for slug in ["../evil", "a/b", "Évian", ""] {
        let run = site.run(&["new", "practice", slug]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("not a valid slug"),
            "{slug}: {}",
            run.stderr
        );
    }
    assert_same_tree(&before, &snapshot(site.dir.path()));
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = Site::copy("good");
    let output = site.build_ok();
    let before = snapshot(&output);
    site.edit(
        "content/data/pes.yaml",
        "- id: de-ba",
        "- id: de-ba\n  id: again",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/data/pes.yaml:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("left unchanged"), "{}", run.stderr);
    assert_same_tree(&before, &snapshot(&output));
    let names: Vec<String> = std::fs::read_dir(&site.root)
        .expect("read site root")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".benchlearn"))
        .collect();
    assert!(names.is_empty(), "staging folders left behind: {names:?}");
}

#[test]
fn bad_base_url_is_a_usage_error() {
    let site = Site::copy("good");
    let run = site.run(&["build", "--base-url", "example.org/x/"]);
    run.assert_code(2);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
    assert!(!site.output().exists());
}

/// Page folders (`<dir>/<name>/index.html`) directly below `dir` of a built site.
fn entries(output: &Path, dir: &str) -> usize {
    snapshot(&output.join(dir))
        .keys()
        .filter(|name| name.ends_with("/index.html") && name.matches('/').count() == 1)
        .count()
}

#[test]
fn example_site_builds() {
    let out = tempfile::tempdir().expect("temporary folder");
    let output = out.path().join("site");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = benchlearn(
        root,
        &["build", "--output", output.to_str().expect("UTF-8 path")],
    );
    run.assert_code(0);
    for (dir, minimum) in [
        ("fr/spe", 8),
        ("en/pes", 8),
        ("fr/bonnes-pratiques", 12),
        ("en/good-practices", 12),
        ("fr/visites-etude", 3),
        ("en/study-visits", 3),
    ] {
        let count = entries(&output, dir);
        assert!(
            count >= minimum,
            "{dir} has {count} pages, expected at least {minimum}"
        );
    }
    check_links(&output, BASE_URL);
    check_languages_and_alternates(&output, BASE_URL);
    check_unique_ids(&output);
}
