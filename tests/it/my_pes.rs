//! "My PES" and the practice list's filters (#15), read from the built example site: the
//! build marks the PES of every chart part and table row (`data-pes`), offers the header's
//! picker (hidden until `my-pes.js` shows it), writes each practice's facet values in the
//! practice index the filters read, links each card's tags, and gives the filter panel links
//! for readers without JavaScript. What the scripts do with these is checked in the browser
//! (tests/e2e/my-pes.test.mjs, tests/e2e/practice-filters.test.mjs).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use scraper::{ElementRef, Html};

use crate::common::{
    built_example, built_example_members, collapsed, file_for, parsed, select, text_of, Site,
};

/// The example site, built once for the tests that only read it.
fn example() -> &'static Path {
    built_example()
}

/// The path of the example's `base_url` (`https://example.org/benchlearning/`): where every
/// link of the built site starts.
const ROOT: &str = "/benchlearning";

/// A YAML file of the example site, read as the site reads it (`NO` is a string).
fn yaml(text: &str, what: &str) -> serde_json::Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).unwrap_or_else(|e| panic!("{what}: {e}"))
}

/// A member of the example network, as `pes.yaml` writes it.
struct Member {
    name: BTreeMap<String, String>,
    acronym: BTreeMap<String, String>,
}

/// A text of the data in `lang`: a plain string, or a map by language.
fn in_lang(value: &serde_json::Value, lang: &str) -> String {
    value
        .as_str()
        .or_else(|| value[lang].as_str())
        .unwrap_or_else(|| panic!("no {lang} text in {value}"))
        .to_string()
}

/// The example's members by id.
fn members() -> BTreeMap<String, Member> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/pes.yaml");
    let list = yaml(&fs::read_to_string(path).expect("pes.yaml"), "pes.yaml");
    list.as_array()
        .expect("a list of members")
        .iter()
        .map(|pes| {
            let by_lang = |field: &str| {
                ["fr", "en"]
                    .iter()
                    .map(|lang| (lang.to_string(), in_lang(&pes[field], lang)))
                    .collect()
            };
            let id = pes["id"].as_str().expect("an id").to_string();
            let member = Member {
                name: by_lang("name"),
                acronym: by_lang("acronym"),
            };
            (id, member)
        })
        .collect()
}

/// The elements below `element` matching `css`.
fn within<'a>(element: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    element.select(&crate::common::selector(css)).collect()
}

/// The `data-pes` of each element matching `css`, in page order.
fn marked(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|element| {
            element
                .value()
                .attr("data-pes")
                .unwrap_or_else(|| panic!("`{css}` without data-pes"))
                .to_string()
        })
        .collect()
}

/// The file of the built site a link (`/benchlearning/en/pes/fr-ft/`) leads to.
fn target(href: &str) -> String {
    let path = href
        .strip_prefix(ROOT)
        .and_then(|path| path.strip_prefix('/'))
        .unwrap_or_else(|| panic!("{href} is not a link from the site's root"));
    file_for(path)
}

/// Whether the built site has the page a link leads to.
fn exists(href: &str) -> bool {
    example().join(target(href)).is_file()
}

/// The profile link of the PES `id` in `lang`.
fn profile(id: &str, lang: &str) -> String {
    let section = if lang == "fr" { "spe" } else { "pes" };
    format!("{ROOT}/{lang}/{section}/{id}/")
}

/// Every `index.html` of a folder of the built site: one per indicator, area, cycle…
fn pages_under(folder: &str) -> Vec<String> {
    pages_under_in(example(), folder)
}

/// The pages of `site` one folder below `folder`, sorted.
fn pages_under_in(site: &Path, folder: &str) -> Vec<String> {
    let mut pages: Vec<String> = fs::read_dir(site.join(folder))
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("index.html").is_file())
        .map(|entry| {
            format!(
                "{folder}/{}/index.html",
                entry.file_name().to_string_lossy()
            )
        })
        .collect();
    pages.sort();
    assert!(!pages.is_empty(), "no page under {folder}");
    pages
}

/// Asserts each table row marked `data-pes` in `html` opens with a link to that PES's profile.
fn rows_link_their_pes(page: &str, html: &Html, lang: &str) {
    for row in select(html, "tr[data-pes]") {
        let id = row.value().attr("data-pes").unwrap_or_default();
        let links = within(&row, "th a");
        assert_eq!(
            links.first().and_then(|a| a.value().attr("href")),
            Some(profile(id, lang).as_str()),
            "{page}: the row marked {id} is not that PES's"
        );
    }
}

/// Asserts each group matching `css` in `html` is labelled with the acronym of its PES.
fn labelled_by_acronym(page: &str, html: &Html, css: &str, lang: &str) {
    let members = members();
    let groups = select(html, css);
    assert!(!groups.is_empty(), "{page}: no `{css}`");
    for group in groups {
        let id = group.value().attr("data-pes").unwrap_or_default();
        let member = members
            .get(id)
            .unwrap_or_else(|| panic!("{page}: {id} is no member"));
        let label = within(&group, ".chart-label")
            .first()
            .map(|label| collapsed(&text_of(label)))
            .unwrap_or_default();
        assert_eq!(
            label, member.acronym[lang],
            "{page}: the chart part marked {id} is labelled {label:?}"
        );
    }
}

#[test]
fn indicator_charts_and_tables_mark_the_pes_of_each_bar_line_and_row() {
    for lang in ["en", "fr"] {
        let folder = if lang == "fr" {
            "fr/indicateurs"
        } else {
            "en/indicators"
        };
        for page in pages_under(folder) {
            let html = parsed(example(), &page);
            let bars = marked(&html, "svg.chart-bars.layout-narrow g.chart-row");
            let latest = marked(&html, "section[aria-labelledby=latest] tbody tr");
            assert!(!bars.is_empty(), "{page}: no bar marked");
            assert_eq!(bars, latest, "{page}: bars and rows of the latest values");
            assert_eq!(
                bars.iter().collect::<BTreeSet<_>>().len(),
                bars.len(),
                "{page}: a PES marked twice"
            );
            labelled_by_acronym(&page, &html, "svg.chart-bars g.chart-row", lang);

            // Each line holds its markers and its end label, in one group marked with its PES.
            let lines = marked(
                &html,
                "svg.chart-lines.layout-narrow g.chart-line[data-pes]",
            );
            let series = marked(&html, "section[aria-labelledby=series] tbody tr");
            assert_eq!(lines, series, "{page}: lines and rows of the series");
            labelled_by_acronym(&page, &html, "svg.chart-lines g.chart-line[data-pes]", lang);
            assert_eq!(
                select(&html, "svg.chart-lines g.is-reference[data-pes]").len(),
                0,
                "{page}: the median line is no PES's"
            );
            rows_link_their_pes(&page, &html, lang);
        }
    }
}

#[test]
fn area_scores_heatmaps_and_the_pes_list_mark_each_pes() {
    let members = members();
    // Each PES's area scores and heatmap rows: the members' edition.
    let scores = built_example_members();
    for page in pages_under_in(scores, "en/areas") {
        let html = parsed(scores, &page);
        let bars = marked(&html, "svg.chart-bars.layout-narrow g.chart-row");
        assert!(!bars.is_empty(), "{page}: no bar marked");
        assert_eq!(
            bars,
            marked(&html, "section[aria-labelledby=scores] tbody tr")
        );
        labelled_by_acronym(&page, &html, "svg.chart-bars g.chart-row", "en");
        rows_link_their_pes(&page, &html, "en");
    }
    for page in pages_under_in(scores, "en/assessments") {
        let html = parsed(scores, &page);
        let rows = marked(
            &html,
            "svg.chart-heatmap.layout-narrow g.chart-row[data-pes]",
        );
        assert!(!rows.is_empty(), "{page}: no heatmap row marked");
        assert_eq!(
            rows,
            marked(&html, "section[aria-labelledby=heat] tbody tr")
        );
        assert_eq!(
            rows,
            marked(&html, "section[aria-labelledby=gaps] tbody tr")
        );
        labelled_by_acronym(
            &page,
            &html,
            "svg.chart-heatmap g.chart-row[data-pes]",
            "en",
        );
        rows_link_their_pes(&page, &html, "en");
    }
    let html = parsed(example(), "en/pes/index.html");
    let listed: BTreeSet<String> = marked(&html, "tbody tr").into_iter().collect();
    assert_eq!(listed, members.keys().cloned().collect());
    rows_link_their_pes("en/pes/index.html", &html, "en");
}

#[test]
fn the_header_offers_every_pes_by_name_and_stays_hidden_without_javascript() {
    let members = members();
    for (lang, page) in [
        ("en", "en/index.html"),
        ("en", "en/indicators/transitions-to-employment/index.html"),
        ("fr", "fr/bonnes-pratiques/index.html"),
        ("fr", "fr/spe/fr-ft/index.html"),
    ] {
        let html = parsed(example(), page);
        let pickers = select(&html, "header .my-pes[data-my-pes]");
        assert_eq!(pickers.len(), 1, "{page}: one picker in the header");
        let picker = pickers[0];
        assert!(
            picker.value().attr("hidden").is_some(),
            "{page}: shown without JavaScript"
        );
        let options = within(&picker, "select#my-pes-choice option");
        assert_eq!(
            options[0].value().attr("value"),
            Some(""),
            "{page}: no choice first"
        );
        let offered: BTreeMap<&str, (String, &str)> = options[1..]
            .iter()
            .map(|option| {
                let value = option.value();
                (
                    value.attr("value").unwrap_or_default(),
                    (
                        collapsed(&text_of(option)),
                        value.attr("data-url").unwrap_or_default(),
                    ),
                )
            })
            .collect();
        assert_eq!(offered.len(), members.len(), "{page}: every member once");
        for (id, member) in &members {
            let (name, url) = &offered[id.as_str()];
            assert_eq!(name, &member.name[lang], "{page}: {id} by its {lang} name");
            assert_eq!(*url, profile(id, lang), "{page}: {id}'s profile");
            assert!(exists(url), "{page}: {url} is not built");
        }
        let link = within(&picker, "a[data-my-pes-profile]");
        assert_eq!(link.len(), 1, "{page}: the profile link's place");
        assert!(
            link[0].value().attr("href").is_none(),
            "{page}: a link to no PES yet"
        );
        let scripts: Vec<&str> = select(&html, "script[src]")
            .iter()
            .filter_map(|script| script.value().attr("src"))
            .collect();
        assert!(
            scripts.contains(&format!("{ROOT}/my-pes.js").as_str()),
            "{page}: {scripts:?}"
        );
    }
    assert!(example().join("my-pes.js").is_file());
    let root = parsed(example(), "index.html");
    assert!(
        select(&root, "[data-my-pes]").is_empty(),
        "the language picker names no PES"
    );
}

/// A practice's front matter in the example site, by its title with spaces and apostrophes
/// left out (the build sets French spaces and quotes).
fn practices_by_title() -> BTreeMap<String, serde_json::Value> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/practices");
    let mut practices = BTreeMap::new();
    for entry in fs::read_dir(folder).expect("the example's practices") {
        let path = entry.expect("a practice").path();
        let text = fs::read_to_string(&path).expect("a practice file");
        let front = text.split("---").nth(1).expect("front matter");
        let meta = yaml(front, &path.display().to_string());
        let title = meta["title"].as_str().expect("a title").to_string();
        practices.insert(title_key(&title), meta);
    }
    practices
}

/// The links of the indicator pages a practice tagged with `ids`, in the order of the
/// example's indicators file, as the card lists them.
fn indicator_links(ids: &serde_json::Value, section: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/data/indicators.yaml");
    let text = fs::read_to_string(&path).expect("the example's indicators");
    let tagged = set_of(ids);
    yaml(&text, &path.display().to_string())
        .as_array()
        .expect("a list of indicators")
        .iter()
        .filter_map(|indicator| indicator["id"].as_str())
        .filter(|id| tagged.contains(*id))
        .map(|id| format!("{ROOT}{section}{id}/"))
        .collect()
}

/// A title with what typography changes left out.
fn title_key(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace() && !"'’\"«»“”".contains(*c))
        .collect()
}

/// The practice index the catalogue's filters read, in `lang`.
fn practice_index(lang: &str) -> serde_json::Value {
    let text = fs::read_to_string(example().join(format!("data/practices/{lang}.json")))
        .expect("the practice index");
    serde_json::from_str(&text).expect("JSON")
}

/// The ids of `facet` a practice of the index holds.
fn index_values(
    index: &serde_json::Value,
    practice: &serde_json::Value,
    facet: &str,
) -> BTreeSet<String> {
    let position = index["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .position(|name| name == facet)
        .unwrap_or_else(|| panic!("the index has no facet {facet}"));
    set_of(&practice["values"][position])
}

/// Every page of the catalogue whose first page is `first` (`en/good-practices/`).
fn catalogue_pages(first: &str, list_page: &str) -> Vec<String> {
    let mut pages = vec![format!("{first}index.html")];
    for number in 2.. {
        let page = format!("{first}{list_page}/{number}/index.html");
        if !example().join(&page).exists() {
            break;
        }
        pages.push(page);
    }
    pages
}

/// The strings of a front-matter list, as a set.
fn set_of(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item.as_str())
        .map(str::to_string)
        .collect()
}

const FACETS: [&str; 6] = ["area", "pes", "indicator", "target-group", "status", "year"];

#[test]
fn each_practice_of_the_index_carries_its_facet_values_and_each_card_links_its_tags() {
    let practices = practices_by_title();
    for (lang, first, areas, indicators) in [
        ("en", "en/good-practices/", "/en/areas/", "/en/indicators/"),
        (
            "fr",
            "fr/bonnes-pratiques/",
            "/fr/domaines/",
            "/fr/indicateurs/",
        ),
    ] {
        let index = practice_index(lang);
        let indexed = index["practices"].as_array().expect("practices");
        let mut titles = Vec::new();
        for page in catalogue_pages(first, "page") {
            let html = parsed(example(), &page);
            for card in select(&html, "ul#practice-list > li.card") {
                let title = collapsed(&text_of(&within(&card, ".card-title")[0]));
                let meta = practices
                    .get(&title_key(&title))
                    .unwrap_or_else(|| panic!("{page}: no practice titled {title:?}"));
                let pes = meta["pes"].as_str().expect("a PES").to_string();
                let links: Vec<String> = within(&card, ".tags a")
                    .iter()
                    .filter_map(|a| a.value().attr("href").map(str::to_string))
                    .collect();
                let mut expected = vec![profile(&pes, lang)];
                let mut area_links: Vec<String> = set_of(&meta["areas"])
                    .iter()
                    .map(|area| format!("{ROOT}{areas}{}/", area.to_lowercase()))
                    .collect();
                area_links.sort();
                expected.extend(area_links);
                expected.extend(indicator_links(&meta["indicators"], indicators));
                assert_eq!(
                    links, expected,
                    "{page}: the tags of {title} link its PES, areas and indicators"
                );
                assert!(links.iter().all(|href| exists(href)), "{page}: {links:?}");
                let tags = within(&card, ".tags li").len();
                let groups = set_of(&meta["target_groups"]).len();
                assert_eq!(
                    tags,
                    links.len() + groups + 2,
                    "{page}: {title}: period and status"
                );
                titles.push(title);
            }
        }
        assert!(titles.len() >= 10, "{first}: {} cards", titles.len());
        let indexed_titles: Vec<String> = indexed
            .iter()
            .map(|practice| collapsed(practice["title"].as_str().expect("a title")))
            .collect();
        assert_eq!(
            indexed_titles, titles,
            "{lang}: the index holds the catalogue's practices in its order"
        );
        for practice in indexed {
            let title = practice["title"].as_str().expect("a title");
            let meta = &practices[&title_key(title)];
            let values = |facet| index_values(&index, practice, facet);
            assert_eq!(values("area"), set_of(&meta["areas"]), "{title}");
            let pes = meta["pes"].as_str().expect("a PES").to_string();
            assert_eq!(values("pes"), BTreeSet::from([pes]));
            assert_eq!(values("indicator"), set_of(&meta["indicators"]), "{title}");
            assert_eq!(
                values("target-group"),
                set_of(&meta["target_groups"]),
                "{title}"
            );
            let status = meta["status"].as_str().expect("a status").to_string();
            assert_eq!(values("status"), BTreeSet::from([status]));
            let year = meta["start_year"]
                .as_i64()
                .expect("a start year")
                .to_string();
            assert_eq!(values("year"), BTreeSet::from([year]));
            let url = practice["url"].as_str().expect("a URL");
            assert!(exists(url), "{title}: {url}");
        }
    }
}

#[test]
fn the_filter_panel_counts_the_practices_of_each_value_and_waits_for_javascript() {
    for (lang, first) in [("en", "en/good-practices/"), ("fr", "fr/bonnes-pratiques/")] {
        let index = practice_index(lang);
        let indexed = index["practices"].as_array().expect("practices");
        for page in catalogue_pages(first, "page") {
            let html = parsed(example(), &page);
            let forms = select(&html, "form.practice-filters[data-filters=practice-list]");
            assert_eq!(forms.len(), 1, "{page}: one filter form for the list");
            assert!(
                forms[0].value().attr("hidden").is_some(),
                "{page}: shown without JavaScript"
            );
            assert_eq!(
                forms[0].value().attr("data-index"),
                Some(format!("{ROOT}/data/practices/{lang}.json").as_str()),
                "{page}: the index it reads"
            );
            assert_eq!(
                forms[0].value().attr("data-list-url"),
                Some(format!("{ROOT}/{first}").as_str()),
                "{page}: the address that keeps the choice"
            );
            let status = within(&forms[0], "[role=status][aria-live=polite][data-template]");
            assert_eq!(status.len(), 1, "{page}: a live status");
            let template = status[0].value().attr("data-template").unwrap_or_default();
            assert!(
                template.contains("{shown}") && template.contains("{total}"),
                "{template}"
            );
            let fieldsets: Vec<&str> = within(&forms[0], "[data-facet]")
                .iter()
                .filter_map(|facet| facet.value().attr("data-facet"))
                .collect();
            assert_eq!(fieldsets, FACETS, "{page}: the facets, in order");
            for facet in FACETS {
                let holding = |value: &str| {
                    indexed
                        .iter()
                        .filter(|practice| index_values(&index, practice, facet).contains(value))
                        .count()
                };
                let held: BTreeSet<String> = indexed
                    .iter()
                    .flat_map(|practice| index_values(&index, practice, facet))
                    .collect();
                let boxes = within(
                    &forms[0],
                    &format!("[data-facet={facet}] input[type=checkbox][name={facet}]"),
                );
                let offered: BTreeSet<String> = boxes
                    .iter()
                    .filter_map(|input| input.value().attr("value").map(str::to_string))
                    .collect();
                assert_eq!(offered, held, "{page}: the {facet} values of the practices");
                for input in boxes {
                    let value = input.value().attr("value").unwrap_or_default();
                    let id = input.value().attr("id").expect("an id");
                    let label = select(&html, &format!("label[for={id}]"));
                    assert_eq!(label.len(), 1, "{page}: {id} is labelled");
                    let count = collapsed(&text_of(&within(&label[0], "[data-count]")[0]));
                    assert_eq!(
                        count,
                        format!("({})", holding(value)),
                        "{page}: the count of {facet} {value}, over every page"
                    );
                }
            }
        }
    }
}

#[test]
fn without_javascript_the_panel_links_the_area_pages_profiles_and_indicators_with_their_practices()
{
    for (page, sections) in [
        (
            "en/good-practices/index.html",
            ["/en/areas/", "/en/pes/", "/en/indicators/"],
        ),
        (
            "fr/bonnes-pratiques/index.html",
            ["/fr/domaines/", "/fr/spe/", "/fr/indicateurs/"],
        ),
    ] {
        let html = parsed(example(), page);
        let navs = select(&html, "nav.practice-browse[data-filters-browse]");
        assert_eq!(
            navs.len(),
            1,
            "{page}: links for readers without JavaScript"
        );
        assert!(navs[0].value().attr("hidden").is_none(), "{page}: hidden");
        let lists = within(&navs[0], "ul");
        assert_eq!(lists.len(), 3, "{page}: areas, PES and indicators");
        for (list, section) in lists.iter().zip(sections) {
            let items = within(list, "li");
            assert!(!items.is_empty(), "{page}: nothing under {section}");
            for item in items {
                let href = within(&item, "a")[0]
                    .value()
                    .attr("href")
                    .unwrap_or_default();
                assert!(
                    href.starts_with(&format!("{ROOT}{section}")),
                    "{page}: {href} under {section}"
                );
                let count = collapsed(&text_of(&within(&item, ".facet-count")[0]));
                let linked = parsed(example(), &target(href));
                let shown = select(
                    &linked,
                    "section:is([aria-labelledby=area-practices], [aria-labelledby=pes-practices]) li.card, \
                     section[aria-labelledby=indicator-practices] ul.indicator-practices > li",
                )
                .len();
                assert_eq!(count, format!("({shown})"), "{page}: {href} lists {shown}");
            }
        }
    }
}

#[test]
fn a_site_without_practices_has_no_filter_panel_and_no_filter_script() {
    let site = Site::copy("minimal");
    site.remove("content/practices");
    let output = site.build_ok();
    let html = parsed(&output, "en/good-practices/index.html");
    assert!(select(&html, "form[data-filters], nav[data-filters-browse]").is_empty());
    assert!(select(&html, "script[src$='filters.js']").is_empty());
    assert_eq!(
        select(&html, "p.empty").len(),
        1,
        "the list says it is empty"
    );
}
