//! A third language end to end, and right-to-left pages: a site in French, English and
//! Spanish (tests/fixtures/three_languages, with no `sections:` block) as a visitor, a search
//! engine and a feed reader see it, a small site with an Arabic page (tests/fixtures/rtl), and
//! what a site must add for a language benchlearn has no defaults for.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use crate::common::*;
use scraper::Html;

const BASE: &str = "https://example.org/benchlearning/";

fn three() -> &'static Built {
    built("three_languages")
}

/// Language code → href of the page's `<link rel="alternate" hreflang>` elements.
fn alternates(html: &Html) -> BTreeMap<String, String> {
    select(html, r#"link[rel="alternate"][hreflang]"#)
        .iter()
        .map(|link| {
            let attr = |name| link.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"))
        })
        .collect()
}

/// The pages of a built site under a language folder, by path.
fn language_pages(output: &Path) -> BTreeMap<String, Html> {
    html_pages(output)
        .into_iter()
        .filter(|(name, _)| name.contains('/'))
        .map(|(name, text)| (name, Html::parse_document(&text)))
        .collect()
}

/// The JSON-LD object of a page.
fn structured_data(output: &Path, relative: &str) -> serde_json::Value {
    let html = parsed(output, relative);
    let scripts = select(&html, r#"script[type="application/ld+json"]"#);
    assert_eq!(scripts.len(), 1, "{relative}");
    serde_json::from_str(&text_of(&scripts[0])).expect("JSON-LD")
}

#[test]
fn spanish_takes_the_default_section_slugs_without_a_sections_block() {
    let output = &three().output;
    assert!(!source_file("tests/fixtures/three_languages/site.yaml").contains("\nsections:"));
    for page in [
        "es/buenas-practicas/coaching/index.html",
        "es/visitas-estudio/madrid-2023/index.html",
        "es/informes/cycle-2024/index.html",
        "es/spe/es-sepe/index.html",
        "es/indicadores/transitions/index.html",
        "es/evaluaciones/2024/index.html",
        "es/ambitos/a/index.html",
        "es/marcos-desempeno/index.html",
        "es/buscar/index.html",
        "es/acerca-de/index.html",
    ] {
        assert!(output.join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn spanish_pages_speak_spanish() {
    let html = parsed(&three().output, "es/index.html");
    assert_eq!(attribute(&html, "html", "lang"), "es");
    assert_eq!(
        texts(&html, ".main-nav a"),
        [
            "Inicio",
            "Buenas prácticas",
            "Visitas de estudio",
            "Informes",
            "Servicios públicos de empleo",
            "Grupos de pares",
            "Indicadores",
            "Evaluaciones",
            "Marcos de desempeño",
            "Acerca de"
        ]
    );
    assert_eq!(texts(&html, ".skip-link"), ["Ir al contenido"]);
    // The footer warns of illustrative figures where a page shows some.
    let indicator = parsed(&three().output, "es/indicadores/transitions/index.html");
    assert_eq!(
        texts(&indicator, "footer .illustrative"),
        ["Las cifras de esta página son ilustrativas: no son estadísticas oficiales."]
    );
}

/// Numbers and dates as each language writes them, from CLDR: the third language gets its
/// formats with no setting, like the first two.
#[test]
fn each_language_writes_numbers_and_dates_its_own_way() {
    let output = &three().output;
    let visit_dates = |page: &str| texts(&parsed(output, page), "time[datetime='2023-02-03']");
    assert_eq!(
        visit_dates("es/visitas-estudio/madrid-2023/index.html"),
        ["3–5 de febrero de 2023"]
    );
    assert_eq!(
        visit_dates("fr/visites-etude/madrid-2023/index.html"),
        ["3–5 février 2023"]
    );
    assert_eq!(
        visit_dates("en/study-visits/madrid-2023/index.html"),
        ["February 3–5, 2023"]
    );
    let value_cell = |page: &str| {
        texts(&parsed(output, page), "td.num[data-sort='56.7']")
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    assert_eq!(
        value_cell("es/indicadores/transitions/index.html"),
        "56,7\u{a0}%"
    );
    assert_eq!(
        value_cell("fr/indicateurs/transitions/index.html"),
        "56,7\u{a0}%"
    );
    assert_eq!(value_cell("en/indicators/transitions/index.html"), "56.7%");
}

/// `new` writes each language's placeholders from the theme's strings, Spanish included: an
/// author never finds English to replace in a Spanish file.
#[test]
fn new_documents_take_each_language_placeholders() {
    let site = Site::copy("three_languages");
    site.run(&["new", "practice", "mentoring"]).assert_code(0);
    for (lang, title, heading) in [
        ("es", "Título por completar", "## Contexto"),
        ("fr", "Titre à compléter", "## Contexte"),
        ("en", "Title to fill in", "## Context"),
    ] {
        let text = site.read(&format!("content/practices/mentoring.{lang}.md"));
        assert!(
            text.contains(&format!("title: \"{title}\"")) && text.contains(heading),
            "{lang}: {text}"
        );
    }
}

#[test]
fn every_page_links_its_french_english_and_spanish_versions_and_x_default() {
    let output = &three().output;
    let pages = language_pages(output);
    assert!(pages.len() > 60, "only {} pages", pages.len());
    let mut problems = Vec::new();
    for (name, html) in &pages {
        let found = alternates(html);
        let languages: Vec<&str> = found.keys().map(String::as_str).collect();
        if languages != ["en", "es", "fr", "x-default"] {
            problems.push(format!("{name}: alternates for {languages:?}"));
            continue;
        }
        if found["x-default"] != found["fr"] {
            problems.push(format!("{name}: x-default is not the French page"));
        }
        let lang = name.split('/').next().unwrap_or_default();
        let canonical = attribute(html, r#"link[rel="canonical"]"#, "href");
        if found[lang] != canonical {
            problems.push(format!("{name}: its own alternate is not its canonical"));
        }
        for (hreflang, href) in &found {
            let target = href.strip_prefix(BASE).map(file_for);
            if !target.is_some_and(|file| pages.contains_key(&file)) {
                problems.push(format!("{name}: alternate {hreflang} {href} leads nowhere"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Translated slugs: each version names the others at their own addresses.
    let about = alternates(&parsed(output, "es/acerca-de/index.html"));
    assert_eq!(about["fr"], format!("{BASE}fr/a-propos/"));
    assert_eq!(about["en"], format!("{BASE}en/about/"));
    assert_eq!(about["es"], format!("{BASE}es/acerca-de/"));
}

#[test]
fn the_switcher_lands_on_the_same_page_in_each_language() {
    let html = parsed(&three().output, "es/acerca-de/index.html");
    let links: Vec<(String, String, String)> = select(&html, ".lang-switch a")
        .iter()
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_string();
            (attr("hreflang"), attr("href"), text_of(a))
        })
        .collect();
    assert_eq!(
        links,
        [
            (
                "fr".to_string(),
                "/benchlearning/fr/a-propos/".to_string(),
                "Français".to_string()
            ),
            (
                "en".to_string(),
                "/benchlearning/en/about/".to_string(),
                "English".to_string()
            ),
        ]
    );
    let current = select(&html, ".lang-switch [aria-current]");
    assert_eq!(current.len(), 1);
    assert_eq!(text_of(&current[0]), "Español");
    assert_eq!(current[0].value().attr("lang"), Some("es"));
}

#[test]
fn a_document_missing_in_spanish_is_shown_in_its_own_language_with_a_notice() {
    let output = &three().output;
    let html = parsed(output, "es/buenas-practicas/clubs/index.html");
    let notice = select(&html, ".translation-notice");
    assert_eq!(
        collapsed(&text_of(&notice[0])),
        "Esta página aún no está traducida al español. Se muestra en su idioma original: Français."
    );
    assert_eq!(attribute(&html, "article.document", "lang"), "fr");
    assert_eq!(texts(&html, "h1"), ["Clubs d’employeurs"]);
    for translated in [
        "fr/bonnes-pratiques/clubs/index.html",
        "en/good-practices/clubs/index.html",
        "es/buenas-practicas/coaching/index.html",
    ] {
        let html = parsed(output, translated);
        assert!(
            select(&html, ".translation-notice").is_empty(),
            "{translated}"
        );
    }
    // The Spanish catalogue lists it too, its card marked as French text.
    let catalogue = parsed(output, "es/buenas-practicas/index.html");
    let cards: Vec<Option<&str>> = select(&catalogue, ".card")
        .iter()
        .map(|card| card.value().attr("lang"))
        .collect();
    assert_eq!(cards.len(), 2);
    assert!(
        cards.contains(&Some("fr")) && cards.contains(&None),
        "{cards:?}"
    );
}

#[test]
fn the_sitemap_gives_every_page_its_three_alternates() {
    let output = &three().output;
    let text = page(output, "sitemap.xml");
    let xml = roxmltree::Document::parse(&text).expect("sitemap XML");
    let mut locations = BTreeSet::new();
    let mut problems = Vec::new();
    for url in xml.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = url
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string();
        let languages: BTreeSet<&str> = url
            .children()
            .filter(|n| n.has_tag_name("link"))
            .filter_map(|n| n.attribute("hreflang"))
            .collect();
        if loc != BASE && languages != BTreeSet::from(["fr", "en", "es", "x-default"]) {
            problems.push(format!("{loc}: alternates {languages:?}"));
        }
        locations.insert(loc);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for spanish in ["es/", "es/acerca-de/", "es/buenas-practicas/coaching/"] {
        assert!(
            locations.contains(&format!("{BASE}{spanish}")),
            "{spanish} is not in the sitemap"
        );
    }
}

#[test]
fn each_language_has_its_own_feed_of_its_own_texts() {
    let output = &three().output;
    let text = page(output, "es/atom.xml");
    let xml = roxmltree::Document::parse(&text).expect("feed XML");
    let feed = xml.root_element();
    assert_eq!(
        feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("es")
    );
    let entries: Vec<(String, String)> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .map(|entry| {
            let child = |name| {
                entry
                    .children()
                    .find(|n| n.has_tag_name(name))
                    .expect("entry field")
            };
            let title = child("title").text().unwrap_or_default().to_string();
            let link = child("link").attribute("href").unwrap_or_default();
            (title, link.to_string())
        })
        .collect();
    assert_eq!(
        entries,
        [
            (
                "Resultados del ciclo de evaluación 2024".to_string(),
                format!("{BASE}es/informes/cycle-2024/")
            ),
            (
                "Acompañamiento intensivo de los demandantes de empleo".to_string(),
                format!("{BASE}es/buenas-practicas/coaching/")
            ),
            (
                "Visita de estudio al SEPE".to_string(),
                format!("{BASE}es/visitas-estudio/madrid-2023/")
            ),
        ]
    );
    // Each page announces the feeds, its own language first.
    let html = parsed(output, "es/index.html");
    let feeds: Vec<&str> = select(&html, r#"link[type="application/atom+xml"]"#)
        .iter()
        .filter_map(|link| link.value().attr("href"))
        .collect();
    assert_eq!(
        feeds,
        [
            format!("{BASE}es/atom.xml"),
            format!("{BASE}fr/atom.xml"),
            format!("{BASE}en/atom.xml")
        ]
    );
}

#[test]
fn structured_data_gives_the_language_of_the_text_shown() {
    let output = &three().output;
    let home = structured_data(output, "es/index.html");
    assert_eq!(home["inLanguage"], "es");
    let practice = structured_data(output, "es/buenas-practicas/coaching/index.html");
    assert_eq!(practice["inLanguage"], "es");
    assert_eq!(practice["translationOfWork"]["inLanguage"], "fr");
    let original = structured_data(output, "fr/bonnes-pratiques/coaching/index.html");
    let translations: Vec<&str> = original["workTranslation"]
        .as_array()
        .expect("translations")
        .iter()
        .filter_map(|work| work["inLanguage"].as_str())
        .collect();
    assert_eq!(translations, ["en", "es"]);
    // The Spanish address of a French-only text says it is French.
    let fallback = structured_data(output, "es/buenas-practicas/clubs/index.html");
    assert_eq!(fallback["inLanguage"], "fr");
    let profile = structured_data(output, "es/spe/es-sepe/index.html");
    assert_eq!(profile["mainEntityOfPage"]["inLanguage"], "es");
}

/// What Pagefind's `.pf_meta` file of a language holds that a search needs.
#[derive(minicbor::Decode)]
struct MetaIndex {
    /// Page number → the hash naming its fragment.
    #[n(1)]
    pages: Vec<MetaPage>,
    #[n(2)]
    chunks: Vec<MetaChunk>,
}

#[derive(minicbor::Decode)]
struct MetaPage {
    #[n(0)]
    hash: String,
}

#[derive(minicbor::Decode)]
struct MetaChunk {
    #[n(2)]
    hash: String,
}

/// A chunk of the word index: stemmed words and the pages holding them.
#[derive(minicbor::Decode)]
struct WordIndex {
    #[n(0)]
    words: Vec<PackedWord>,
}

#[derive(minicbor::Decode)]
struct PackedWord {
    #[n(0)]
    word: String,
    #[n(1)]
    pages: Vec<PackedPage>,
}

#[derive(minicbor::Decode)]
struct PackedPage {
    #[n(0)]
    number: usize,
}

/// A file of the Pagefind bundle without its gzip and `pagefind_dcd` wrapping.
fn pagefind_file(output: &Path, relative: &str) -> Vec<u8> {
    let path = output.join("pagefind").join(relative);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("{relative} is not gzip: {e}"));
    bytes
        .strip_prefix(b"pagefind_dcd")
        .unwrap_or_else(|| panic!("{relative} has no Pagefind header"))
        .to_vec()
}

/// The URLs of the pages the index of `lang` holds under `stem`, as Pagefind's search finds
/// them once it has stemmed the query.
fn pages_found(output: &Path, lang: &str, stem: &str) -> Vec<String> {
    let entry: serde_json::Value =
        serde_json::from_str(&page(output, "pagefind/pagefind-entry.json")).expect("entry JSON");
    let hash = entry["languages"][lang]["hash"]
        .as_str()
        .unwrap_or_else(|| panic!("no {lang} index: {entry}"));
    let meta: MetaIndex =
        minicbor::decode(&pagefind_file(output, &format!("pagefind.{hash}.pf_meta")))
            .expect("pf_meta CBOR");
    let mut urls = Vec::new();
    for chunk in &meta.chunks {
        let index: WordIndex = minicbor::decode(&pagefind_file(
            output,
            &format!("index/{}.pf_index", chunk.hash),
        ))
        .expect("pf_index CBOR");
        for word in index.words.iter().filter(|word| word.word == stem) {
            for found in &word.pages {
                let fragment = pagefind_file(
                    output,
                    &format!("fragment/{}.pf_fragment", meta.pages[found.number].hash),
                );
                let fragment: serde_json::Value =
                    serde_json::from_slice(&fragment).expect("fragment JSON");
                urls.push(fragment["url"].as_str().expect("url").to_string());
            }
        }
    }
    urls
}

#[test]
fn the_spanish_index_stems_spanish_words() {
    let output = &three().output;
    let entry = page(output, "pagefind/pagefind-entry.json");
    assert!(
        entry.contains(r#""es":{"#) && entry.contains(r#""wasm":"es""#),
        "{entry}"
    );
    assert!(output.join("pagefind/wasm.es.pagefind").is_file());
    // The practice says "encuentros"; a visitor types the singular, which Pagefind stems with
    // Spanish rules (`encuentr`) before it looks the word up.
    let practice = page(output, "es/buenas-practicas/coaching/index.html");
    assert!(practice.contains("encuentros") && !practice.contains("encuentro "));
    let stemmer = pagefind_stem::Stemmer::create(pagefind_stem::Algorithm::Spanish);
    let stem = stemmer.stem("encuentro");
    assert_eq!(stem, "encuentr");
    let found = pages_found(output, "es", &stem);
    assert!(
        found.contains(&"/benchlearning/es/buenas-practicas/coaching/".to_string()),
        "`encuentro` (stem `{stem}`) finds {found:?}"
    );
    assert!(
        found
            .iter()
            .all(|url| url.starts_with("/benchlearning/es/")),
        "{found:?}"
    );
}

#[test]
fn a_language_without_default_slugs_must_name_them_in_site_yaml() {
    let site = Site::copy("minimal");
    site.edit("site.yaml", "[fr, en]", "[fr, en, de]");
    site.edit(
        "site.yaml",
        "en: \"Minimal site\"",
        "en: \"Minimal site\", de: \"Minimale Seite\"",
    );
    site.edit(
        "site.yaml",
        "en: \"A test site.\"",
        "en: \"A test site.\", de: \"Eine Testseite.\"",
    );
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "sections:\n  practices: {fr: bonnes-pratiques, en: good-practices, de: gute-praxis}\n"),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("language `de` has no address segment for the sections visits, reports, pes, indicators, assessments, areas, frameworks, compare, peer_groups, search"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("[site.yaml:4:21]"),
        "not at `de` in `languages`: {}",
        run.stderr
    );
    assert!(run.stderr.contains("visits: {de: …}"), "{}", run.stderr);
    assert!(!run.stderr.contains("practices: {de"), "{}", run.stderr);
    // Spanish, whose slugs ship with benchlearn, needs none.
    let site = Site::copy("minimal");
    site.edit("site.yaml", "[fr, en]", "[fr, en, es]");
    site.edit(
        "site.yaml",
        "en: \"Minimal site\"",
        "en: \"Minimal site\", es: \"Sitio mínimo\"",
    );
    site.edit(
        "site.yaml",
        "en: \"A test site.\"",
        "en: \"A test site.\", es: \"Un sitio de prueba.\"",
    );
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("address segment"), "{}", run.stderr);
    assert!(!run.stderr.contains("site.yaml"), "{}", run.stderr);
}

fn rtl() -> &'static Built {
    built("rtl")
}

/// `lang` and `dir` of the `<html>` element of a page.
fn html_language(html: &Html) -> (String, String) {
    (
        attribute(html, "html", "lang"),
        attribute(html, "html", "dir"),
    )
}

#[test]
fn arabic_pages_read_right_to_left_and_the_others_left_to_right() {
    let output = &rtl().output;
    let ar = parsed(output, "ar/mumarasat/coaching/index.html");
    assert_eq!(html_language(&ar), ("ar".to_string(), "rtl".to_string()));
    // The Arabic strings come from the site's own theme layer.
    assert_eq!(texts(&ar, ".main-nav a")[0], "الرئيسية");
    let mut pages = 0;
    for (name, html) in language_pages(output) {
        let lang = name.split('/').next().unwrap_or_default();
        let expected = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(
            html_language(&html),
            (lang.to_string(), expected.to_string()),
            "{name}"
        );
        pages += 1;
    }
    assert!(pages > 40, "only {pages} pages");
    let root = parsed(output, "index.html");
    assert_eq!(attribute(&root, "html", "dir"), "ltr");
    let entries: Vec<(Option<&str>, Option<&str>)> = select(&root, "li[lang]")
        .iter()
        .map(|li| (li.value().attr("lang"), li.value().attr("dir")))
        .collect();
    assert!(entries.contains(&(Some("ar"), Some("rtl"))), "{entries:?}");
}

#[test]
fn text_in_another_direction_than_its_page_carries_its_own() {
    let output = &rtl().output;
    // A French-only report on the Arabic site: French text, Arabic labels around it.
    let report = parsed(output, "ar/taqarir/cycle-2024/index.html");
    assert_eq!(
        html_language(&report),
        ("ar".to_string(), "rtl".to_string())
    );
    assert_eq!(attribute(&report, "article.document", "dir"), "ltr");
    assert_eq!(attribute(&report, "article .eyebrow", "dir"), "rtl");
    assert_eq!(attribute(&report, "article > footer", "dir"), "rtl");
    assert_eq!(attribute(&report, ".translation-notice span", "dir"), "ltr");
    // The switcher names each language in its own direction.
    let french = parsed(output, "fr/index.html");
    let switcher: Vec<(Option<&str>, Option<&str>)> = select(&french, ".lang-switch [lang]")
        .iter()
        .map(|item| (item.value().attr("lang"), item.value().attr("dir")))
        .collect();
    assert_eq!(
        switcher,
        [
            (Some("fr"), Some("ltr")),
            (Some("en"), Some("ltr")),
            (Some("ar"), Some("rtl"))
        ]
    );
}

/// Declarations of the default stylesheet that name a physical side (`margin-left`,
/// `text-align: right`…) outside the rules written for right-to-left pages.
fn physical_sides(css: &str) -> Vec<String> {
    let side = |declaration: &str| {
        let (property, value) = declaration.split_once(':').unwrap_or((declaration, ""));
        let property = property.trim();
        let value = value.trim();
        ["left", "right"].iter().any(|side| {
            property == *side
                || property.ends_with(&format!("-{side}"))
                || (["text-align", "float", "clear"].contains(&property) && value == *side)
        })
    };
    css.split('}')
        .filter_map(|rule| rule.split_once('{'))
        .filter(|(selector, _)| !selector.contains(r#"[dir="rtl"]"#))
        .flat_map(|(selector, body)| {
            body.split(';')
                .filter(|declaration| side(declaration))
                .map(move |declaration| format!("{}: {}", selector.trim(), declaration.trim()))
        })
        .collect()
}

#[test]
fn the_default_stylesheet_mirrors_on_right_to_left_pages() {
    let css = source_file("themes/default/static/style.css");
    let physical = physical_sides(&css);
    assert!(
        physical.is_empty(),
        "use logical properties:\n{}",
        physical.join("\n")
    );
    assert!(css.contains("inset-inline-start") && css.contains("text-align: start"));
    // Charts keep their left-to-right drawing on every page.
    assert!(css.contains("svg.chart {\n  direction: ltr;"));
}

#[test]
fn a_language_without_ui_strings_is_one_error_naming_the_file_to_add() {
    let site = Site::copy("minimal");
    site.edit("site.yaml", "[fr, en]", "[fr, en, de]");
    site.edit(
        "site.yaml",
        "en: \"Minimal site\"",
        "en: \"Minimal site\", de: \"Minimale Seite\"",
    );
    site.edit(
        "site.yaml",
        "en: \"A test site.\"",
        "en: \"A test site.\", de: \"Eine Testseite.\"",
    );
    let slugs: String = [
        "practices",
        "visits",
        "reports",
        "pes",
        "indicators",
        "assessments",
        "areas",
        "frameworks",
        "compare",
        "peer_groups",
        "search",
        "list_page",
    ]
    .iter()
    .map(|section| format!("  {section}: {{de: {}-de}}\n", section.replace('_', "-")))
    .collect();
    site.write(
        "site.yaml",
        &(site.read("site.yaml") + "sections:\n" + &slugs),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("themes/default/i18n/de.yaml: the theme has no UI strings for language `de`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the theme has them for en, es, fr"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("UI string `"),
        "one error per key:\n{}",
        run.stderr
    );
    // Adding the file, with every key, is what it takes.
    site.write(
        "themes/default/i18n/de.yaml",
        &source_file("themes/default/i18n/en.yaml"),
    );
    let run = site.run(&["check"]);
    assert!(!run.stderr.contains("i18n"), "{}", run.stderr);
}
