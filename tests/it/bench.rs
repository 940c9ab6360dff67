//! Benchmarks, assessments and frameworks: builds a small site with known numbers and checks
//! the medians, ranks, gaps, learn-from suggestions and progress figures a member reads in the
//! HTML and the downloads, and that bad data is reported with its file and line.

use std::fs;

use scraper::Html;

use crate::common::*;

/// The cells of the table row whose header starts with `name`, in the table captioned `caption`.
fn row(html: &Html, caption: &str, name: &str) -> Vec<String> {
    let rows = selector("tr");
    let cells = selector("th, td");
    for table in select(html, "table") {
        let text: String = table.text().collect();
        if !text.contains(caption) {
            continue;
        }
        for tr in table.select(&rows) {
            let values: Vec<String> = tr
                .select(&cells)
                .map(|c| collapsed(&c.text().collect::<Vec<_>>().join(" ")))
                .collect();
            if values.first().is_some_and(|v| v.starts_with(name)) {
                return values;
            }
        }
    }
    panic!("no row `{name}` in a table captioned `{caption}`");
}

#[test]
fn indicator_page_shows_medians_ranks_and_gaps() {
    let out = &built("bench").output;
    let html = parsed(out, "en/indicators/placement/index.html");
    let facts = texts(&html, ".facts div");
    // 2024 values 44, 50, 36, 36: an even count, so the mean of the middle two, 40.
    assert!(
        facts.contains(&"Network median 2024 40.0%".to_string()),
        "{facts:?}"
    );
    let caption = "Value of each service";
    // What a member reads first comes first: the value and the ranks, then the group's.
    assert_eq!(
        row(&html, caption, "Bravo"),
        [
            "Bravo Service BRV",
            "50.0%",
            "1 / 2",
            "1 / 4",
            "47.0%",
            "North"
        ]
    );
    // Delta and Echo tie at 36%: both third, nobody fourth.
    assert_eq!(row(&html, caption, "Delta")[3], "3 / 4");
    assert_eq!(row(&html, caption, "Echo")[3], "3 / 4");
    // Charlie reported 2023 only: a gap in 2024, never a zero.
    let charlie = row(&html, caption, "Charlie");
    assert_eq!(charlie[1], "– no value");
    // The latest year first.
    let series = row(&html, "Value of each service per year", "CHA");
    assert_eq!(series, ["CHA", "– no value", "60.0%"]);
    let median = row(&html, "Value of each service per year", "Network median");
    assert_eq!(median, ["Network median", "40.0%", "40.0%"]);
    let bars = texts(&html, "svg.chart-bars text");
    assert!(bars.contains(&"no value for 2024".to_string()), "{bars:?}");
    for chart in select(&html, "figure svg[role=img]") {
        let markup = chart.html();
        assert!(markup.contains("<title"), "chart without title");
        assert!(markup.contains("<desc"), "chart without description");
        assert!(!markup.contains("fill=\""), "hard-coded colour in {markup}");
    }
}

#[test]
fn french_pages_write_numbers_the_french_way() {
    let out = &built("bench").output;
    let html = parsed(out, "fr/indicateurs/placement/index.html");
    let facts = texts(&html, ".facts div");
    assert!(
        facts.contains(&"Médiane du réseau 2024 40,0\u{a0}%".to_string()),
        "{facts:?}"
    );
    let profile = parsed(out, "fr/spe/a1/index.html");
    let placement = row(&profile, "Dernière valeur", "Placement");
    assert_eq!(placement[1], "44,0\u{a0}%");
    assert_eq!(placement[5], "+4,0\u{202f}pt amélioration");
}

#[test]
fn cluster_view_compares_with_peers_only() {
    let out = &built("bench").output;
    let html = parsed(out, "en/indicators/placement/north/index.html");
    let facts = texts(&html, ".facts div");
    assert!(
        facts.contains(&"Peer-group median 2024 47.0%".to_string()),
        "{facts:?}"
    );
    let services: Vec<String> = texts(&html, "table tbody th a");
    assert!(
        services.iter().all(|s| !s.contains("Delta")),
        "{services:?}"
    );
    let lower_better = parsed(out, "en/indicators/duration/index.html");
    // Lower is better: 200 ranks first, and the two 200s tie.
    assert_eq!(
        row(&lower_better, "Value of each service", "Bravo")[3],
        "1 / 3"
    );
    assert_eq!(
        row(&lower_better, "Value of each service", "Delta")[3],
        "1 / 3"
    );
    assert_eq!(
        row(&lower_better, "Value of each service", "Alpha")[3],
        "3 / 3"
    );
}

#[test]
fn profile_shows_standing_maturity_and_learn_from() {
    // Each PES's assessment scores: the members' edition.
    let out = &built_members("bench").output;
    let html = parsed(out, "en/pes/a1/index.html");
    let placement = row(&html, "Latest value of each indicator", "Placement");
    assert_eq!(
        placement[1..6],
        [
            "44.0%",
            "2 / 2",
            "2 / 4",
            "2024",
            "+4.0\u{202f}pp improvement"
        ]
    );
    let steering = row(&html, "Mean score per excellence area", "A Steering");
    assert_eq!(steering[1..], ["4.5", "3.0", "+1.5 \u{a0}▲"]);
    // Area A: peer 3 against a network median of 4.5 → learn from the north peers first.
    let learn = texts(&html, "[aria-labelledby=learn-area-A] .ahead > li > .peer");
    assert_eq!(
        learn,
        [
            "Charlie Service — 5.5 same peer group",
            "Bravo Service — 4.0 same peer group",
            "Delta Service — 5.0"
        ]
    );
    let practices = texts(&html, "[aria-labelledby=learn-area-A] .learn-practices a");
    assert!(
        practices.contains(&"Charlie's dashboards".to_string()),
        "{practices:?}"
    );
    // Area B: peer 2 against a median of 3; Delta scored 2 too, so it is not suggested.
    let learn_b = texts(&html, "[aria-labelledby=learn-area-B] .ahead > li > .peer");
    assert_eq!(
        learn_b,
        [
            "Bravo Service — 5.0 same peer group",
            "Charlie Service — 4.0 same peer group"
        ]
    );
    let framework = texts(&html, "#pes-framework + p");
    assert_eq!(framework, ["Alpha framework — 2 KPIs, 1 on target"]);
}

#[test]
fn changes_and_gaps_say_in_words_whether_they_are_for_the_better() {
    let site = Site::copy("bench");
    // Duration: lower is better, so a rise of 20 days is a decline.
    site.edit(
        "content/data/observations/duration.yaml",
        "- {pes: a1, indicator: duration, year: 2024, value: 300}",
        "- {pes: a1, indicator: duration, year: 2024, value: 300}\n\
         - {pes: a1, indicator: duration, year: 2023, value: 280}",
    );
    let out = site.build_ok();
    let html = parsed(&out, "en/pes/a1/index.html");
    let verdicts: Vec<(String, String)> = select(&html, "td.num:has(.verdict)")
        .iter()
        .map(|cell| {
            let class = cell.value().attr("class").unwrap_or_default().to_string();
            (class, collapsed(&text_of(cell)))
        })
        .collect();
    assert_eq!(
        verdicts,
        [
            (
                "num is-better".to_string(),
                "+4.0\u{202f}pp improvement".to_string()
            ),
            ("num is-worse".to_string(), "+20 decline".to_string()),
        ]
    );
    // North's placement median in 2024 is 47 (a1 44, a2 50): a1 is 3 points behind.
    let group = parsed(&out, "fr/groupes-de-pairs/north/index.html");
    let behind = select(&group, "td.is-worse .verdict");
    assert!(!behind.is_empty(), "a gap below the group median is judged");
    assert_eq!(collapsed(&text_of(&behind[0])), "moins bien");
}

#[test]
fn assessment_cycle_shows_heatmap_gaps_and_distribution() {
    // Each PES's assessment scores: the members' edition.
    let out = &built_members("bench").output;
    let html = parsed(out, "en/assessments/2024/index.html");
    let median = row(
        &html,
        "Mean peer score per service and area",
        "Network median",
    );
    assert_eq!(median, ["Network median", "4.5", "3.0"]);
    let gaps = row(&html, "Mean self score minus mean peer score", "ALF");
    assert_eq!(gaps, ["ALF", "1", "+1.5 \u{a0}▲", "0.0"]);
    let charlie = row(&html, "Mean self score minus mean peer score", "CHA");
    assert_eq!(charlie, ["CHA", "0", "0.0", "-1.0"]);
    let b1 = row(&html, "Number of services per peer score", "B1");
    assert_eq!(b1, ["B1 Profiling", "3.0", "0", "2", "0", "1", "1", "0"]);
    let area = parsed(out, "en/areas/a/index.html");
    let cards = texts(&area, ".card-title");
    assert_eq!(cards, ["Charlie's dashboards"]);
}

#[test]
fn framework_progress_is_measured_from_the_baseline() {
    let out = &built("bench").output;
    let html = parsed(out, "en/frameworks/a1/index.html");
    // (25 − 10) ÷ (30 − 10) = 75 %.
    assert_eq!(
        row(&html, "Placements — target", "2024"),
        ["2024", "25.0%", "75%", "30.0%"]
    );
    // (250 − 100) ÷ (200 − 100) = 150 %: shown as is, the bar stops at the end.
    assert_eq!(
        row(&html, "Offices — target", "2024"),
        ["2024", "250", "150%", "200"]
    );
    assert_eq!(
        row(&html, "Offices — target", "2023"),
        ["2023", "– no value", "– no value", "150"]
    );
    let bar = fs::read_to_string(out.join("en/frameworks/a1/index.html")).expect("page");
    assert!(bar.contains(r#"<rect x="0" y="3" width="160" height="12" class="chart-bar"/>"#));
    let status = texts(&html, ".activity");
    assert_eq!(status, ["Done"]);
    // An action plan shows when each activity is due and its status before who is responsible.
    assert_eq!(
        row(&html, "Activities of the plan", "Open offices"),
        [
            "Open offices KPI: Offices",
            "June 30, 2024",
            "Done",
            "Network team"
        ]
    );
}

#[test]
fn downloads_hold_every_value_and_no_invented_zero() {
    let out = &built("bench").output;
    let csv = fs::read_to_string(out.join("data/indicators/placement.csv")).expect("csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "indicator,pes,cluster,year,value,unit,breakdown,note,source,\
             note.fr,note.en,source.fr,source.en,country,\
             indicator_name.fr,indicator_name.en,pes_name.fr,pes_name.en,\
             cluster_name.fr,cluster_name.en,country_name.fr,country_name.en"
        )
    );
    assert!(csv.contains(
        "placement,a1,north,2024,44.0,percent,,New method,test,New method,New method,test,test,FR,"
    ));
    assert!(csv.contains("placement,a1,north,2024,41.0,percent,sex=female,,test,,,test,test,FR,"));
    assert!(
        !csv.contains("placement,a3,north,2024"),
        "a gap became a row"
    );
    let all = fs::read_to_string(out.join("data/observations.csv")).expect("csv");
    assert_eq!(all.lines().count(), 1 + 10 + 3);
    let json = fs::read_to_string(out.join("data/indicators/duration.json")).expect("json");
    assert!(json.contains("\"better\": \"lower\""));
    assert!(json.contains("\"value\": 300.0"));
    let html = parsed(out, "en/indicators/placement/index.html");
    let links: Vec<String> = texts(&html, ".facts a[download]");
    assert_eq!(links, ["CSV", "JSON"]);
}

#[test]
fn assessment_scores_and_frameworks_are_downloadable_with_names_beside_ids() {
    // Each PES's assessment scores: the members' edition.
    let out = &built_members("bench").output;
    let read = |file: &str| fs::read_to_string(out.join("data").join(file)).expect(file);
    let scores = read("assessments.csv");
    let lines: Vec<&str> = scores.lines().collect();
    assert_eq!(
        lines[0],
        "cycle,pes,area,enabler,self,peer,pes_name.fr,pes_name.en,area_name.fr,area_name.en,\
         enabler_name.fr,enabler_name.en"
    );
    assert!(
        lines.contains(
            &"2024,a1,A,A1,5,3,Service Alpha,Alpha Service,Pilotage,Steering,Objectifs,Objectives"
        ),
        "{scores}"
    );
    let scored: usize = ["a1", "a2", "a3", "b1"]
        .iter()
        .map(|pes| {
            let file = format!("tests/fixtures/bench/content/data/assessments/2024/{pes}.yaml");
            let text = fs::read_to_string(file).expect("an assessment");
            text.matches("enabler:").count()
        })
        .sum();
    assert_eq!(lines.len(), 1 + scored, "one row per score");

    let kpis = read("framework-kpis.csv");
    assert!(kpis.starts_with("pes,pillar,kpi,unit,kind,year,value,pes_name.fr,pes_name.en,"));
    for figure in [
        "a1,results,offices,count,baseline,2020,100.0,",
        "a1,results,offices,count,target,2023,150.0,",
        "a1,results,offices,count,actual,2024,250.0,",
    ] {
        assert!(kpis.contains(figure), "{figure} in {kpis}");
    }
    let activities = read("framework-activities.csv");
    assert!(
        activities
            .contains("a1,offices,2024-06-30,done,Service Alpha,Alpha Service,Ouvrir des agences,Open offices"),
        "{activities}"
    );

    let assessments = parsed(out, "en/assessments/index.html");
    let links = select(&assessments, "#dataset-downloads ~ ul a[download]");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].value().attr("href"), Some("/data/assessments.csv"));
    let frameworks = parsed(out, "fr/cadres-performance/index.html");
    let links: Vec<&str> = select(&frameworks, "#dataset-downloads ~ ul a[download]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        ["/data/framework-kpis.csv", "/data/framework-activities.csv"]
    );
}

#[test]
fn bad_data_is_reported_with_file_and_line() {
    let site = Site::copy("bench");
    let csv = "content/data/observations/placement.csv";
    site.edit(csv, "b2,placement,2024", "zz,placement,2024");
    site.edit(csv, "b1,placement,2024,36", "b1,placement,2024,136");
    site.edit(csv, "a2,placement,2023", "a2,placemnt,2023");
    let a3 = "content/data/assessments/2024/a3.yaml";
    site.edit(a3, "enabler: B1", "enabler: Z9");
    site.edit(a3, "peer: 6", "peer: 7");
    let framework = "content/data/frameworks/a1.yaml";
    site.edit(framework, "kpi: offices", "kpi: ofices");
    site.edit(
        framework,
        "actuals: {2024: 25}",
        "actuals: {2019: 5, 2024: 25}",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    let stderr = &run.stderr;
    for (message, place) in [
        ("unknown PES `zz`", "placement.csv:10:1"),
        ("136 is not a percentage", "placement.csv:9:19"),
        ("unknown indicator `placemnt`", "placement.csv:3:4"),
        ("unknown enabler `Z9`", "a3.yaml:4:15"),
        ("peer score 7 is out of range", "a3.yaml:2:34"),
        ("unknown KPI `ofices`", "a1.yaml:20:10"),
        (
            "has an actual for 2019, before its baseline year 2020",
            "a1.yaml:11:",
        ),
    ] {
        assert!(
            stderr.contains(message),
            "missing `{message}` in:\n{stderr}"
        );
        assert!(stderr.contains(place), "missing `{place}` in:\n{stderr}");
    }
}

#[test]
fn builds_are_byte_identical() {
    let site = Site::copy("bench");
    let first = site.build_ok();
    let a = fs::read(first.join("en/assessments/2024/index.html")).expect("page");
    let b_csv = fs::read(first.join("data/observations.csv")).expect("csv");
    fs::rename(&first, site.beside("first")).expect("move");
    let second = site.build_ok();
    assert_eq!(
        a,
        fs::read(second.join("en/assessments/2024/index.html")).expect("page")
    );
    assert_eq!(
        b_csv,
        fs::read(second.join("data/observations.csv")).expect("csv")
    );
}

#[test]
fn indicator_pages_describe_a_dataset_with_their_downloads() {
    let out = &built("bench").output;
    let html = parsed(out, "fr/indicateurs/placement/index.html");
    let json = select(&html, r#"script[type="application/ld+json"]"#)
        .first()
        .map(text_of)
        .expect("the indicator page has JSON-LD");
    let data: serde_json::Value = serde_json::from_str(&json).expect("JSON-LD parses");
    assert_eq!(data["@type"], "Dataset");
    assert_eq!(data["inLanguage"], "fr");
    let downloads: Vec<&str> = data["distribution"]
        .as_array()
        .expect("a distribution list")
        .iter()
        .filter_map(|d| d["contentUrl"].as_str())
        .collect();
    assert_eq!(downloads.len(), 2, "{downloads:?}");
    assert!(
        downloads[0].ends_with("/data/indicators/placement.csv"),
        "{downloads:?}"
    );
    assert!(
        downloads[1].ends_with("/data/indicators/placement.json"),
        "{downloads:?}"
    );
    for url in downloads {
        assert!(url.starts_with("http"), "download URLs are absolute: {url}");
        let file = url.split("/data/").nth(1).expect("a data path");
        assert!(out.join("data").join(file).is_file(), "{url} is written");
    }
}

#[test]
fn pages_with_sortable_tables_load_the_sorting_script_and_others_do_not() {
    let out = &built("bench").output;
    let scripts = |path: &str| -> Vec<String> {
        let html = parsed(out, &format!("{path}/index.html"));
        select(&html, "script[src]")
            .iter()
            .filter_map(|s| s.value().attr("src").map(str::to_string))
            .collect()
    };
    let indicator = scripts("fr/indicateurs/placement");
    assert!(
        indicator.iter().any(|src| src.ends_with("/sort.js")),
        "{indicator:?}"
    );
    let indicator_page = parsed(out, "fr/indicateurs/placement/index.html");
    assert!(!select(&indicator_page, "table[data-sortable] thead th").is_empty());
    let practice = scripts("en/good-practices/charlie-dashboards");
    assert!(
        !practice.iter().any(|src| src.ends_with("/sort.js")),
        "{practice:?}"
    );
    assert!(out.join("sort.js").is_file(), "the script is published");
}
