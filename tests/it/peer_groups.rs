//! Peer groups: a page per cluster with its members, their latest values against the group
//! and network medians, the group's assessment profile and practices; the index of groups;
//! and the links that lead there (menu, profiles, member list, indicator × cluster pages).
//!
//! The `bench` fixture: North holds Alpha (a1), Bravo (a2) and Charlie (a3), South holds
//! Delta (b1) and Echo (b2). Placement 2024: a1 44, a2 50, b1 36, b2 36 (Charlie reported
//! 2023 only, 60); duration 2024 (lower is better): a1 300, a2 200, b1 200.

use scraper::Html;

use crate::common::*;

const NORTH_EN: &str = "en/peer-groups/north/index.html";
const NORTH_FR: &str = "fr/groupes-de-pairs/north/index.html";

/// The rows (header cell then data cells, as read) of the table whose scrolling region is
/// labelled by the element `label_id` (among others), footer included.
fn table_rows(html: &Html, label_id: &str) -> Vec<Vec<String>> {
    let region = select(html, ".table-scroll")
        .into_iter()
        .find(|region| {
            region
                .value()
                .attr("aria-labelledby")
                .is_some_and(|ids| ids.split(' ').any(|id| id == label_id))
        })
        .unwrap_or_else(|| panic!("no table labelled by #{label_id}"));
    let cells = selector("th, td");
    region
        .select(&selector("tbody tr, tfoot tr"))
        .map(|row| {
            row.select(&cells)
                .map(|cell| collapsed(&cell.text().collect::<Vec<_>>().join(" ")))
                .collect()
        })
        .collect()
}

/// The profile addresses a page links to, in order.
fn profile_links(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn a_group_page_lists_its_members_and_only_them() {
    let out = &built("bench").output;
    let html = parsed(out, NORTH_EN);
    assert_eq!(texts(&html, "h1"), ["North"]);
    assert_eq!(
        profile_links(&html, "#group-members ~ ul a"),
        ["/en/pes/a1/", "/en/pes/a2/", "/en/pes/a3/"]
    );
    let placement: Vec<String> = table_rows(&html, "ind-placement")
        .into_iter()
        .map(|row| row[0].clone())
        .collect();
    assert_eq!(
        placement,
        ["BRV", "ALF", "CHA", "Group median", "Network median"]
    );
    let south = parsed(out, "en/peer-groups/south/index.html");
    assert_eq!(
        profile_links(&south, "#group-members ~ ul a"),
        ["/en/pes/b1/", "/en/pes/b2/"]
    );
}

#[test]
fn members_are_compared_with_the_computed_medians() {
    let out = &built("bench").output;
    let html = parsed(out, NORTH_EN);
    // North's 2024 placement values 44 and 50: median 47; the network's 36, 36, 44, 50: 40.
    // Charlie's latest value is from 2023: shown with its year, compared with nothing.
    assert_eq!(
        table_rows(&html, "ind-placement"),
        [
            vec![
                "BRV",
                "50.0%",
                "+3.0\u{202f}pp better",
                "+10.0\u{202f}pp better"
            ],
            vec![
                "ALF",
                "44.0%",
                "-3.0\u{202f}pp worse",
                "+4.0\u{202f}pp better"
            ],
            vec!["CHA", "60.0% (2023)", "– no value", "– no value"],
            vec!["Group median", "47.0%", "", ""],
            vec!["Network median", "40.0%", "", ""],
        ]
    );
    // Lower is better: the shortest duration first, and a shorter one is better; Charlie
    // never reported it.
    assert_eq!(
        table_rows(&html, "ind-duration"),
        [
            vec!["BRV", "200", "-50 better", "0 level"],
            vec!["ALF", "300", "+50 worse", "+100 worse"],
            vec!["CHA", "– no value", "– no value", "– no value"],
            vec!["Group median", "250", "", ""],
            vec!["Network median", "200", "", ""],
        ]
    );
    let south = parsed(out, "en/peer-groups/south/index.html");
    let rows = table_rows(&south, "ind-placement");
    assert_eq!(rows[2], ["Group median", "36.0%", "", ""]);
}

#[test]
fn the_assessment_profile_sets_the_group_against_the_network() {
    // The members' edition: South has one member assessed, too few for the public one.
    let out = &built_members("bench").output;
    let html = parsed(out, NORTH_EN);
    // Medians, as the area pages show: area A's peer means are a1 3, a2 4, a3 5.5 (North:
    // 4), b1 5 (network: 4.5).
    let rows = table_rows(&html, "group-profile-caption");
    assert_eq!(rows[0], ["A Steering", "4.0", "4.5", "-0.5"]);
    assert_eq!(rows[1][1], "4.0", "area B: the median of 2, 5 and 4");
    let intro = texts(&html, "#group-profile + p");
    assert!(
        intro[0].ends_with("Members assessed: 3 / 3 in this cycle"),
        "{intro:?}"
    );
    let chart = select(&html, "#group-profile ~ figure svg[role=img]");
    assert_eq!(
        chart.len(),
        3,
        "one chart of the profile, drawn for 3 widths"
    );
    let south = parsed(out, "en/peer-groups/south/index.html");
    let intro = texts(&south, "#group-profile + p");
    assert!(intro[0].ends_with("1 / 2 in this cycle"), "{intro:?}");
}

#[test]
fn a_group_with_no_member_assessed_says_so() {
    let site = Site::copy("bench");
    site.remove("content/data/assessments/2024/b1.yaml");
    let out = site.build_ok();
    let south = parsed(&out, "en/peer-groups/south/index.html");
    assert_eq!(
        texts(&south, "#group-profile + p.empty"),
        ["No member of this group was assessed in the latest assessment cycle."]
    );
    assert!(select(&south, "#group-profile ~ figure").is_empty());
}

#[test]
fn a_group_page_shows_its_members_practices() {
    let out = &built("bench").output;
    let north = parsed(out, NORTH_EN);
    assert_eq!(
        texts(&north, "#group-practices ~ ul .card-title"),
        ["Charlie's dashboards"]
    );
    let south = parsed(out, "en/peer-groups/south/index.html");
    assert!(select(&south, "#group-practices ~ ul .card").is_empty());
    assert_eq!(select(&south, "#group-practices ~ p.empty").len(), 1);
}

#[test]
fn french_group_pages_speak_french() {
    let out = &built("bench").output;
    let html = parsed(out, NORTH_FR);
    assert_eq!(attribute(&html, "html", "lang"), "fr");
    assert_eq!(texts(&html, "h1"), ["Nord"]);
    let rows = table_rows(&html, "ind-placement");
    assert_eq!(
        rows[0],
        [
            "BRV",
            "50,0\u{a0}%",
            "+3,0\u{202f}pt mieux",
            "+10,0\u{202f}pt mieux"
        ]
    );
    assert_eq!(rows[3], ["Médiane du groupe", "47,0\u{a0}%", "", ""]);
    assert_eq!(
        profile_links(&html, "#group-members ~ ul a"),
        ["/fr/spe/a1/", "/fr/spe/a2/", "/fr/spe/a3/"]
    );
    let switch = attribute(&html, "nav.lang-switch a[hreflang=en]", "href");
    assert_eq!(switch, "/en/peer-groups/north/");
}

#[test]
fn the_index_lists_every_group_with_its_members() {
    let out = &built("bench").output;
    let html = parsed(out, "en/peer-groups/index.html");
    assert_eq!(
        texts(&html, ".card-title a"),
        ["North", "South"],
        "in the order of clusters.yaml"
    );
    assert_eq!(
        profile_links(&html, ".card-title a"),
        ["/en/peer-groups/north/", "/en/peer-groups/south/"]
    );
    assert_eq!(
        profile_links(&html, ".group-members a"),
        [
            "/en/pes/a1/",
            "/en/pes/a2/",
            "/en/pes/a3/",
            "/en/pes/b1/",
            "/en/pes/b2/"
        ]
    );
}

#[test]
fn profiles_members_list_and_cluster_views_link_to_the_group() {
    let out = &built("bench").output;
    for (profile, group) in [
        ("en/pes/a1/index.html", "/en/peer-groups/north/"),
        ("fr/spe/b1/index.html", "/fr/groupes-de-pairs/south/"),
    ] {
        let html = parsed(out, profile);
        assert_eq!(attribute(&html, ".facts dd a[href*=group]", "href"), group);
    }
    let list = parsed(out, "en/pes/index.html");
    let groups = profile_links(&list, "td a[href*=peer-groups]");
    assert_eq!(groups.len(), 5, "one link per member: {groups:?}");
    let view = parsed(out, "en/indicators/placement/south/index.html");
    assert_eq!(
        profile_links(&view, "main a[href='/en/peer-groups/south/']").len(),
        1
    );
}

#[test]
fn the_menu_leads_to_peer_groups_and_frameworks() {
    let out = &built("bench").output;
    for (page, groups, frameworks) in [
        ("en/index.html", "/en/peer-groups/", "/en/frameworks/"),
        (
            "fr/index.html",
            "/fr/groupes-de-pairs/",
            "/fr/cadres-performance/",
        ),
    ] {
        let html = parsed(out, page);
        let menu = profile_links(&html, "nav.main-nav a");
        assert!(menu.contains(&groups.to_string()), "{menu:?}");
        assert!(menu.contains(&frameworks.to_string()), "{menu:?}");
    }
    let html = parsed(out, NORTH_EN);
    assert_eq!(
        attribute(&html, "nav.main-nav a[aria-current=page]", "href"),
        "/en/peer-groups/"
    );
}

#[test]
fn group_pages_are_in_the_sitemap_with_their_translations() {
    let out = &built("bench").output;
    let sitemap = page(out, "sitemap.xml");
    for path in [
        "fr/groupes-de-pairs/",
        "en/peer-groups/",
        "fr/groupes-de-pairs/north/",
        "en/peer-groups/north/",
        "fr/groupes-de-pairs/south/",
        "en/peer-groups/south/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{path}</loc>")),
            "{path} is not in the sitemap"
        );
    }
    assert!(sitemap.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://example.org/en/peer-groups/north/"/>"#
    ));
    let html = parsed(out, NORTH_FR);
    assert_eq!(
        attribute(&html, "link[hreflang=en]", "href"),
        "https://example.org/en/peer-groups/north/"
    );
    let structured = texts(&html, "script[type='application/ld+json']");
    assert!(
        structured[0].contains(r#""@type":"CollectionPage""#),
        "{structured:?}"
    );
}

#[test]
fn group_pages_are_searchable_as_peer_groups() {
    let out = &built("bench").output;
    let html = parsed(out, NORTH_EN);
    assert_eq!(select(&html, "main[data-pagefind-body]").len(), 1);
    assert_eq!(
        texts(&html, "[data-pagefind-filter]"),
        ["Peer group"],
        "the content-type facet"
    );
}

#[test]
fn the_section_slug_comes_from_site_yaml() {
    let site = Site::copy("bench");
    let config = site.read("site.yaml");
    site.write(
        "site.yaml",
        &format!("{config}sections:\n  peer_groups: {{fr: groupes, en: groups}}\n"),
    );
    let out = site.build_ok();
    let html = parsed(&out, "en/groups/north/index.html");
    assert_eq!(texts(&html, "h1"), ["North"]);
    let profile = parsed(&out, "fr/spe/a1/index.html");
    assert_eq!(
        attribute(&profile, ".facts dd a[href*=group]", "href"),
        "/fr/groupes/north/"
    );
}
