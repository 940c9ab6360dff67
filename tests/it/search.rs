//! Search, as a visitor and a site owner see it in the built site: one Pagefind index per
//! language holding only the main content of searchable pages, their facets, the search page
//! of each language, the header's search box, and the `search` settings of `site.yaml`.
//! (Queries themselves run in the browser: tests/e2e/search.test.mjs.)

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;
use scraper::Html;

fn entry(output: &Path, folder: &str) -> String {
    std::fs::read_to_string(output.join(folder).join("pagefind-entry.json"))
        .unwrap_or_else(|e| panic!("no {folder}/pagefind-entry.json: {e}"))
}

/// Facet name → values written on a page for the index.
fn filters(html: &Html) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for span in select(html, "[data-pagefind-filter]") {
        let name = span
            .value()
            .attr("data-pagefind-filter")
            .unwrap_or_default();
        found
            .entry(name.to_string())
            .or_default()
            .push(span.text().collect());
    }
    found
}

#[test]
fn one_index_per_language_with_only_the_default_ui() {
    let output = &built("search").output;
    let entry = entry(output, "pagefind");
    // French: two practices, two PES profiles, the indicator and the peer group; English: one
    // practice (the other exists only in French, shown as a fallback that is left out), two PES
    // profiles, the indicator (its peer-group views are not indexed) and the peer group.
    assert!(
        entry.contains(r#""fr":{"hash":"#) && entry.contains(r#""page_count":6,"wasm":"fr""#),
        "{entry}"
    );
    assert!(
        entry.contains(r#""en":{"hash":"#) && entry.contains(r#""page_count":5,"wasm":"en""#),
        "{entry}"
    );
    for used in [
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-ui.js",
        "pagefind-ui.css",
        "wasm.fr.pagefind",
        "wasm.en.pagefind",
    ] {
        assert!(
            output.join("pagefind").join(used).is_file(),
            "{used} missing"
        );
    }
    let bundle = snapshot(&output.join("pagefind"));
    for name in bundle.keys() {
        assert!(
            !name.contains("component-ui")
                && !name.contains("modular-ui")
                && !name.contains("highlight")
                && !name.contains("playground")
                && !name.contains("unknown"),
            "{name} is shipped but never used"
        );
    }
}

#[test]
fn only_the_main_content_of_searchable_pages_is_marked() {
    let output = &built("search").output;
    for searchable in [
        "fr/bonnes-pratiques/coaching/index.html",
        "en/good-practices/coaching/index.html",
        "fr/spe/fr-ft/index.html",
    ] {
        let html = parsed(output, searchable);
        let bodies = select(&html, "[data-pagefind-body]");
        assert_eq!(bodies.len(), 1, "{searchable}");
        assert_eq!(bodies[0].value().name(), "main", "{searchable}");
    }
    for not_searchable in [
        "index.html",
        "404.html",
        "fr/index.html",
        "fr/bonnes-pratiques/index.html",
        "fr/recherche/index.html",
        // Shows the French text: the French index holds it already.
        "en/good-practices/clubs/index.html",
    ] {
        let html = parsed(output, not_searchable);
        assert!(
            select(&html, "[data-pagefind-body]").is_empty(),
            "{not_searchable} should not be indexed"
        );
    }
}

#[test]
fn searchable_pages_carry_their_facets_in_their_language() {
    let output = &built("search").output;
    let practice = parsed(output, "fr/bonnes-pratiques/coaching/index.html");
    let facets = filters(&practice);
    assert_eq!(facets["Type de contenu"], ["Bonne pratique"]);
    assert_eq!(facets["SPE"], ["France Travail (FT)"]);
    assert_eq!(facets["Pays"], ["France"]);
    assert_eq!(facets["Année"], ["2020"]);
    assert_eq!(facets["Domaine d’excellence"].len(), 1);
    assert!(facets["Domaine d’excellence"][0].starts_with("A – "));
    assert_eq!(facets["Public cible"].len(), 1);
    let shown: Vec<String> = select(&practice, "[data-pagefind-meta]")
        .iter()
        .map(|m| {
            m.value()
                .attr("data-pagefind-meta")
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(shown, ["Type de contenu", "SPE"]);

    let english = filters(&parsed(output, "en/pes/de-ba/index.html"));
    assert_eq!(english["Content type"], ["Public employment service"]);
    assert_eq!(english["Country"], ["Germany"]);
}

#[test]
fn every_page_has_a_labelled_search_box_that_works_without_javascript() {
    let output = &built("search").output;
    for (name, text) in html_pages(output) {
        let lang = name.split('/').next().unwrap_or_default();
        if !["fr", "en"].contains(&lang)
            || name.contains("/recherche/")
            || name.contains("/search/")
        {
            continue;
        }
        let html = Html::parse_document(&text);
        let forms = select(&html, "header form[role=search][method=get]");
        assert_eq!(forms.len(), 1, "{name} has no search box");
        let expected = if lang == "fr" {
            "/benchlearning/fr/recherche/"
        } else {
            "/benchlearning/en/search/"
        };
        assert_eq!(forms[0].value().attr("action"), Some(expected), "{name}");
        let inputs = select(&html, "form[role=search] input[name=q]");
        let id = inputs[0].value().id().expect("the input has an id");
        assert_eq!(
            select(&html, &format!("label[for={id}]")).len(),
            1,
            "{name}: the input has no label"
        );
    }
}

#[test]
fn the_search_page_of_each_language_loads_the_ui_and_says_it_needs_javascript() {
    let output = &built("search").output;
    for (path, other, needs_js) in [
        (
            "fr/recherche/index.html",
            "/benchlearning/en/search/",
            "JavaScript",
        ),
        (
            "en/search/index.html",
            "/benchlearning/fr/recherche/",
            "JavaScript",
        ),
    ] {
        let html = parsed(output, path);
        let ui = select(&html, "#search");
        assert_eq!(
            ui[0].value().attr("data-bundle"),
            Some("/benchlearning/pagefind/")
        );
        let noscript: String = select(&html, "noscript")[0].inner_html();
        assert!(noscript.contains(needs_js), "{path}: {noscript}");
        let links: Vec<&str> = select(&html, "[data-search-other]")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(links, [other], "{path}");
    }
    // Other pages load neither the UI nor the index.
    let practice = page(output, "fr/bonnes-pratiques/coaching/index.html");
    assert!(!practice.contains("pagefind-ui") && !practice.contains("search.js"));
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let first = snapshot(&built("search").output);
    let again = snapshot(&Site::copy("search").build_ok());
    assert_same_tree(&first, &again);
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::copy("search");
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "search:\n  enabled: false\n"),
    );
    let output = site.build_ok();
    assert!(!output.join("pagefind").exists());
    assert!(!output.join("fr/recherche").exists());
    for (name, text) in html_pages(&output) {
        assert!(!text.contains("role=\"search\""), "{name} has a search box");
        assert!(
            !text.contains("data-pagefind-body") && !text.contains("data-pagefind-filter"),
            "{name} is marked for search"
        );
    }
}

#[test]
fn the_bundle_folder_and_search_slugs_can_be_changed() {
    let site = Site::copy("search");
    site.write(
        "site.yaml",
        &(site.read("site.yaml")
            + "search:\n  folder: find\nsections:\n  search: {fr: chercher, en: find-it}\n"),
    );
    let output = site.build_ok();
    entry(&output, "find");
    assert!(!output.join("pagefind").exists());
    let html = parsed(&output, "fr/chercher/index.html");
    assert_eq!(
        select(&html, "#search")[0].value().attr("data-bundle"),
        Some("/benchlearning/find/")
    );
    assert!(output.join("en/find-it/index.html").is_file());
}

#[test]
fn a_bad_bundle_folder_is_reported_in_site_yaml() {
    let site = Site::copy("search");
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "search:\n  folder: \"../outside\"\n"),
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("site.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("search.folder"), "{}", run.stderr);
    assert!(
        run.stderr.contains(":7:"),
        "no line of site.yaml: {}",
        run.stderr
    );
}

#[test]
fn a_free_page_cannot_take_the_search_page_address() {
    let site = Site::copy("search");
    site.write(
        "content/pages/search.en.md",
        "---\ntitle: \"Search tips\"\nupdated: 2024-03-01\n---\n\nHow to search.\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("search.en.md"), "{}", run.stderr);
    assert!(run.stderr.contains("/en/search/"), "{}", run.stderr);
}
