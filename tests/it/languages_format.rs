//! Numbers, percentages, changes, dates and counting UI strings as each language writes them
//! (CLDR through ICU4X), the decimals of an indicator, and the mistakes an author can make in
//! them: sites built from a copy of `tests/fixtures/minimal`.

use crate::common::*;

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// The minimal site with a count indicator and values chosen to show decimals, grouping and a
/// change: France Travail 43.5 % then 48 %, the Federal Employment Agency 52.1 % in 2023.
fn figures_site() -> Site {
    let site = Site::copy("minimal");
    site.edit(
        "content/data/observations/fr-ft.yaml",
        "  year: 2023\n  value: 45.5",
        "  year: 2023\n  value: 48",
    );
    site.edit(
        "content/data/observations/de-ba.csv",
        "de-ba,transitions,2023,56.7",
        "de-ba,transitions,2023,52.1\nde-ba,caseload,2023,12500\nfr-ft,caseload,2023,9000",
    );
    let indicators = site.read("content/data/indicators.yaml");
    site.write(
        "content/data/indicators.yaml",
        &format!(
            "{indicators}- id: caseload\n  name: {{fr: \"Portefeuille\", en: \"Caseload\"}}\n  definition: {{fr: \"Demandeurs suivis.\", en: \"Jobseekers followed.\"}}\n  unit: count\n  better: lower\n  category: outcomes\n"
        ),
    );
    site
}

/// The cells of the row of `html`'s table captioned `caption` whose header starts with `name`.
fn row(html: &scraper::Html, caption: &str, name: &str) -> Vec<String> {
    for table in select(html, "table") {
        let captioned = table
            .select(&selector("caption"))
            .next()
            .is_some_and(|c| text_of(&c).starts_with(caption));
        if !captioned {
            continue;
        }
        for tr in table.select(&selector("tbody tr")) {
            let cells: Vec<String> = tr
                .select(&selector("th, td"))
                .map(|c| text_of(&c))
                .collect();
            if cells.first().is_some_and(|c| c.starts_with(name)) {
                return cells;
            }
        }
    }
    panic!("no row `{name}` in a table captioned `{caption}`");
}

#[test]
fn numbers_percentages_and_changes_follow_each_language() {
    let site = figures_site();
    let out = site.build_ok();
    let fr = parsed(&out, "fr/indicateurs/transitions/index.html");
    let caption = "Valeur de chaque service";
    // One decimal for every percentage of the indicator: 48,0 beside 52,1, never 48 (the
    // value comes right after the PES).
    assert_eq!(row(&fr, caption, "France")[1], format!("48,0{NBSP}%"));
    assert_eq!(row(&fr, caption, "Agence")[1], format!("52,1{NBSP}%"));
    let en = parsed(&out, "en/indicators/transitions/index.html");
    assert_eq!(row(&en, "Value of each service", "France")[1], "48.0%");
    assert_eq!(row(&en, "Value of each service", "Federal")[1], "52.1%");
    // Counts have no decimals and group thousands the language's way.
    let fr_count = parsed(&out, "fr/indicateurs/caseload/index.html");
    assert_eq!(
        row(&fr_count, caption, "Agence")[1],
        format!("12{NNBSP}500")
    );
    let en_count = parsed(&out, "en/indicators/caseload/index.html");
    assert_eq!(
        row(&en_count, "Value of each service", "Federal")[1],
        "12,500"
    );
    // A percentage changes by points, a UI string of each language.
    let fr_profile = parsed(&out, "fr/spe/fr-ft/index.html");
    let standing = row(&fr_profile, "Dernière valeur", "Transitions");
    assert_eq!(standing[1], format!("48,0{NBSP}%"));
    assert_eq!(standing[5], format!("+4,5{NNBSP}pt amélioration"));
    let en_profile = parsed(&out, "en/pes/fr-ft/index.html");
    let standing = row(&en_profile, "Latest value", "Transitions");
    assert_eq!(standing[5], format!("+4.5{NNBSP}pp improvement"));
    // Chart axes write their round ticks without decimals.
    let ticks = texts(&fr, "svg.chart-bars .chart-tick");
    assert!(ticks.contains(&format!("20{NBSP}%")), "{ticks:?}");
}

#[test]
fn an_indicator_sets_its_own_decimals() {
    let site = figures_site();
    site.edit(
        "content/data/indicators.yaml",
        "  unit: percent\n",
        "  unit: percent\n  decimals: 2\n",
    );
    site.edit(
        "content/data/indicators.yaml",
        "  unit: count\n",
        "  unit: count\n  decimals: 1\n",
    );
    let out = site.build_ok();
    let en = parsed(&out, "en/indicators/transitions/index.html");
    assert_eq!(row(&en, "Value of each service", "France")[1], "48.00%");
    assert_eq!(row(&en, "Value of each service", "Federal")[1], "52.10%");
    let count = parsed(&out, "en/indicators/caseload/index.html");
    assert_eq!(
        row(&count, "Value of each service", "Federal")[1],
        "12,500.0"
    );
}

#[test]
fn decimals_out_of_range_are_an_error_at_their_place() {
    let site = Site::copy("minimal");
    site.edit(
        "content/data/indicators.yaml",
        "  unit: percent\n",
        "  unit: percent\n  decimals: 7\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("content/data/indicators.yaml:5:13")
            && run
                .stderr
                .contains("`decimals` is 7; values are written with 0 to 4 decimals"),
        "{}",
        run.stderr
    );
}

/// A visit from `start` to `end` (YYYY-MM-DD) in both languages of the minimal site.
fn add_visit(site: &Site, start: &str, end: &str) {
    for lang in ["fr", "en"] {
        site.write(
            &format!("content/visits/study.{lang}.md"),
            &format!(
                "---\ntitle: \"Visit\"\nhost: fr-ft\nstart_date: {start}\nend_date: {end}\nlocation: \"Paris\"\norganiser: \"FT\"\nupdated: 2024-01-01\n---\n\nText.\n"
            ),
        );
    }
}

/// The dates of the visit page at `path`, as its facts give them.
fn visit_dates(out: &std::path::Path, path: &str) -> String {
    let dates = texts(&parsed(out, path), "dl.facts time");
    dates
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no dates in {path}"))
}

#[test]
fn dates_and_ranges_follow_cldr_and_the_site_locales() {
    let site = Site::copy("minimal");
    add_visit(&site, "2020-02-03", "2020-02-05");
    let out = site.build_ok();
    assert_eq!(
        visit_dates(&out, "fr/visites-etude/study/index.html"),
        "3–5 février 2020"
    );
    // CLDR's `en` is US English.
    assert_eq!(
        visit_dates(&out, "en/study-visits/study/index.html"),
        "February 3–5, 2020"
    );
    let updated = texts(&parsed(&out, "en/study-visits/study/index.html"), "time");
    assert!(
        updated.contains(&"January 1, 2024".to_string()),
        "{updated:?}"
    );

    // `locales` picks British English; a range across months keeps one year.
    site.edit(
        "site.yaml",
        "default_language: fr\n",
        "default_language: fr\nlocales: {en: en-GB}\n",
    );
    add_visit(&site, "2020-02-28", "2020-03-03");
    let out = site.build_ok();
    assert_eq!(
        visit_dates(&out, "en/study-visits/study/index.html"),
        "28 February – 3 March 2020"
    );
    assert_eq!(
        visit_dates(&out, "fr/visites-etude/study/index.html"),
        "28 février – 3 mars 2020"
    );
    let updated = texts(&parsed(&out, "en/study-visits/study/index.html"), "time");
    assert!(
        updated.contains(&"1 January 2024".to_string()),
        "{updated:?}"
    );
}

#[test]
fn a_language_cldr_does_not_know_is_an_error_in_site_yaml() {
    let site = Site::copy("minimal");
    site.edit("site.yaml", "languages: [fr, en]", "languages: [fr, zz]");
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("site.yaml:4:17")
            && run
                .stderr
                .contains("`zz` is not a language CLDR has formats for"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_locale_is_an_error_at_its_place() {
    let site = Site::copy("minimal");
    site.edit(
        "site.yaml",
        "default_language: fr\n",
        "default_language: fr\nlocales:\n  en: fr-FR\n  fr: \"fr_FR!\"\n  de: de-DE\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "site.yaml:7:7",
        "`locales.en` is `fr-FR`, a locale of another language",
        "site.yaml:8:7",
        "`fr_FR!` is not a BCP 47 locale",
        "site.yaml:9:7",
        "`locales.de` is for a language that is not in `languages`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

/// A framework for France Travail with `kpis` KPIs, none of which reaches its target.
fn add_framework(site: &Site, kpis: usize) {
    let mut yaml = String::from(
        "title: {fr: \"Cadre\", en: \"Framework\"}\npillars:\n  - id: results\n    name: {fr: \"Résultats\", en: \"Results\"}\n    kpis:\n",
    );
    for index in 0..kpis {
        yaml += &format!(
            "      - id: kpi-{index}\n        name: {{fr: \"Indicateur {index}\", en: \"KPI {index}\"}}\n        unit: count\n        baseline: {{year: 2020, value: 10}}\n        targets: {{2023: 20}}\n        actuals: {{2023: 12}}\n"
        );
    }
    site.write("content/data/frameworks/fr-ft.yaml", &yaml);
}

#[test]
fn counting_strings_take_the_plural_form_of_each_language() {
    let site = Site::copy("minimal");
    add_framework(&site, 7);
    let out = site.build_ok();
    // 2 PES, 1 practice, 0 visits, 1 indicator: French counts 0 and 1 as singular.
    let fr = texts(&parsed(&out, "fr/index.html"), ".stats li");
    assert_eq!(
        fr,
        [
            "2 SPE membres",
            "1 bonne pratique",
            "0 visite d’étude",
            "1 indicateur"
        ]
    );
    let en = texts(&parsed(&out, "en/index.html"), ".stats li");
    assert_eq!(
        en,
        [
            "2 member PES",
            "1 good practice",
            "0 study visits",
            "1 indicator"
        ]
    );
    let fr = texts(
        &parsed(&out, "fr/cadres-performance/index.html"),
        ".tags li",
    );
    assert_eq!(
        fr,
        ["7 indicateurs clés", "0 indicateur n’atteint sa cible"]
    );
    let en = texts(&parsed(&out, "en/frameworks/index.html"), ".tags li");
    assert_eq!(en, ["7 KPIs", "0 on target"]);
    let fr = texts(&parsed(&out, "fr/evaluations/index.html"), ".muted");
    assert!(fr.contains(&"(1 service évalué)".to_string()), "{fr:?}");
    let en = texts(&parsed(&out, "en/assessments/index.html"), ".muted");
    assert!(en.contains(&"(1 service assessed)".to_string()), "{en:?}");
}

#[test]
fn a_plural_string_without_other_is_an_error_in_its_i18n_file() {
    let site = Site::copy("minimal");
    site.write(
        "themes/default/i18n/fr.yaml",
        "bench:\n  members: \"{count, plural, one {# service}}\"\n",
    );
    site.write(
        "themes/default/i18n/en.yaml",
        "bench:\n  enablers_count: \"enablers\"\n",
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    for expected in [
        "themes/default/i18n/fr.yaml:2:13",
        "UI string `bench.members`: the plural of `count` has no `other` form",
        "themes/default/i18n/en.yaml:2:19",
        "UI string `bench.enablers_count` takes no argument in `en` but `{count}` in `fr`",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

#[test]
fn a_template_must_give_a_counting_string_its_count() {
    let site = Site::copy("minimal");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{{ t(\"bench.members\") }}{% endblock %}\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("templates/404.html:1")
            && run.stderr.contains(
                "UI string `bench.members` takes `{count}`: write t(\"bench.members\", count=…)"
            ),
        "{}",
        run.stderr
    );
}

#[test]
fn the_points_string_must_hold_the_change() {
    let site = Site::copy("minimal");
    site.write("themes/default/i18n/fr.yaml", "bench:\n  points: \"pt\"\n");
    site.write("themes/default/i18n/en.yaml", "bench:\n  points: \"pp\"\n");
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("UI string `bench.points` must take {value} in `fr`"),
        "{}",
        run.stderr
    );
}
