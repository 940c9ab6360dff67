//! Figures quoted in Markdown from the data (`{{ median(…) }}` and the other shortcodes): each
//! kind written in the text's language and linked to its page, the prose following the data
//! when an observation changes, bad calls reported where they are written, code left as typed
//! and the output escaped. Each test writes a report into a copy of `tests/fixtures/minimal`
//! (fr-ft and de-ba in one peer group, `transitions` in 2022 and 2023, fr-ft assessed in 2024).

use crate::common::*;

/// A copy of the minimal site with a report `figures` whose French and English bodies are
/// `fr` and `en`.
fn site_with_report(fr: &str, en: &str) -> Site {
    let site = Site::copy("minimal");
    for (lang, body) in [("fr", fr), ("en", en)] {
        site.write(
            &format!("content/reports/figures.{lang}.md"),
            &format!(
                "---\ntitle: \"Figures\"\ndate: 2024-12-01\nupdated: 2024-12-01\n---\n\n{body}"
            ),
        );
    }
    site
}

/// The text and address of every quoted figure of a built page, in order.
fn quoted_figures(output: &std::path::Path, page: &str) -> Vec<(String, String)> {
    let html = parsed(output, page);
    select(&html, "a.quoted-figure")
        .iter()
        .map(|a| {
            (
                text_of(a),
                a.value().attr("href").unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// One paragraph per kind of figure.
const EVERY_KIND: &str = "\
{{ value(pes=\"fr-ft\", indicator=\"transitions\", year=2023) }}

{{ median(indicator=\"transitions\", year=2023) }}

{{ median(indicator=\"transitions\", year=2023, cluster=\"medium\") }}

{{ rank(pes=\"fr-ft\", indicator=\"transitions\", year=2023) }}

{{ change(pes=\"fr-ft\", indicator=\"transitions\", from=2022, to=2023) }}

{{ change(indicator=\"transitions\", from=2022, to=2023) }}

{{ count(indicator=\"transitions\", year=2022) }}

{{ value(pes=\"fr-ft\", area=\"A\", cycle=2024) }}

{{ median(area=\"A\", cycle=\"2024\") }}

{{ median(enabler=\"A2\", cycle=2024) }}

{{ count(cycle=2024) }}
";

#[test]
fn every_kind_of_figure_is_written_in_the_page_language_and_linked_to_its_page() {
    let site = site_with_report(EVERY_KIND, EVERY_KIND);
    // A PES's own area score is quoted only where each PES's scores are shown.
    site.run(&["build", "--edition", "members"]).assert_code(0);
    let output = site.path("output-members");
    let fr = quoted_figures(&output, "fr/rapports/figures/index.html");
    let en = quoted_figures(&output, "en/reports/figures/index.html");
    let texts = |figures: &[(String, String)]| -> Vec<String> {
        figures.iter().map(|(text, _)| text.clone()).collect()
    };
    // fr-ft 43.5 → 45.5, de-ba 55.1 → 56.7; fr-ft's area A: enablers 4 and 4.
    assert_eq!(
        texts(&fr),
        [
            "45,5\u{a0}%",
            "51,1\u{a0}%",
            "51,1\u{a0}%",
            "2",
            "+2,0\u{202f}pt",
            "+1,8\u{202f}pt",
            "2",
            "4,0",
            "4,0",
            "4,0",
            "1"
        ]
    );
    assert_eq!(
        texts(&en),
        [
            "45.5%",
            "51.1%",
            "51.1%",
            "2",
            "+2.0\u{202f}pp",
            "+1.8\u{202f}pp",
            "2",
            "4.0",
            "4.0",
            "4.0",
            "1"
        ]
    );
    let hrefs: Vec<&str> = en.iter().map(|(_, href)| href.as_str()).collect();
    assert_eq!(hrefs[0], "/en/indicators/transitions/");
    assert_eq!(hrefs[2], "/en/indicators/transitions/medium/");
    assert_eq!(hrefs[7], "/en/areas/a/");
    assert!(hrefs[9].starts_with("/en/assessments/2024/"), "{hrefs:?}");
    assert!(
        fr[0].1.starts_with("/fr/indicateurs/transitions/"),
        "{fr:?}"
    );
}

#[test]
fn prose_and_the_indicator_page_show_the_same_median() {
    let site = site_with_report(
        "Médiane : {{ median(indicator=\"transitions\", year=2023) }}.",
        "Median: {{ median(indicator=\"transitions\", year=2023) }}.",
    );
    let output = site.build_ok();
    let prose = quoted_figures(&output, "en/reports/figures/index.html");
    let indicator = page(&output, "en/indicators/transitions/index.html");
    assert!(
        collapsed(&indicator).contains(&prose[0].0),
        "the indicator page does not show {}",
        prose[0].0
    );
}

#[test]
fn changing_one_observation_changes_the_figure_in_the_report() {
    let body = "France Travail: {{ value(pes=\"fr-ft\", indicator=\"transitions\", year=2023) }}; \
                median {{ median(indicator=\"transitions\", year=2023) }}; \
                change {{ change(pes=\"fr-ft\", indicator=\"transitions\", from=2022, to=2023) }}.";
    let site = site_with_report(body, body);
    let before = quoted_figures(&site.build_ok(), "en/reports/figures/index.html");
    site.edit(
        "content/data/observations/fr-ft.yaml",
        "year: 2023\n  value: 45.5",
        "year: 2023\n  value: 49.5",
    );
    let output = site.build_ok();
    let after = quoted_figures(&output, "en/reports/figures/index.html");
    let texts = |figures: &[(String, String)]| -> Vec<String> {
        figures.iter().map(|(text, _)| text.clone()).collect()
    };
    assert_eq!(texts(&before), ["45.5%", "51.1%", "+2.0\u{202f}pp"]);
    assert_eq!(texts(&after), ["49.5%", "53.1%", "+6.0\u{202f}pp"]);
    let french = quoted_figures(&output, "fr/rapports/figures/index.html");
    assert_eq!(french[0].0, "49,5\u{a0}%");
}

/// Where `needle` starts in `text`, as `line:column` (1-based, in characters).
fn position(text: &str, needle: &str) -> String {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"));
    let line = text[..offset].matches('\n').count() + 1;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    format!("{line}:{column}")
}

#[test]
fn every_bad_call_is_reported_at_its_place_all_together() {
    let body = "\
Unknown: {{ median(indicator=\"transition\", year=2023) }}.

PES: {{ value(pes=\"fr-fr\", indicator=\"transitions\", year=2023) }}.

Group: {{ median(indicator=\"transitions\", year=2023, cluster=\"high\") }}.

Year: {{ median(indicator=\"transitions\", year=2019) }}.

Missing value: {{ value(pes=\"fr-ft\", indicator=\"transitions\", year=2024) }}.

Quoted year: {{ median(indicator=\"transitions\", year=\"2023\") }}.

Kind: {{ mean(indicator=\"transitions\", year=2023) }}.

Stray: {{ median(indicator=\"transitions\", year=2023, pes=\"fr-ft\") }}.

Syntax: {{ median(year 2023) }}.

Cycle: {{ count(cycle=2019) }}.
";
    let site = site_with_report(body, "Nothing here.");
    site.edit(
        "content/data/observations/de-ba.csv",
        "de-ba,transitions,2023,56.7\n",
        "de-ba,transitions,2023,56.7\nde-ba,transitions,2024,58.0\n",
    );
    let file = site.read("content/reports/figures.fr.md");
    let run = site.run(&["build"]);
    run.assert_code(1);
    let expected = [
        ("indicator=\"transition\"", "unknown indicator `transition`"),
        ("did you mean `transitions`?", "did you mean `transitions`?"),
        ("pes=\"fr-fr\"", "unknown PES `fr-fr`"),
        ("cluster=\"high\"", "unknown peer group `high`"),
        (
            "year=2019",
            "no value of `transitions` for 2019; its years: 2022 to 2024",
        ),
        (
            "pes=\"fr-ft\", indicator=\"transitions\", year=2024",
            "`fr-ft` has no value of `transitions` for 2024",
        ),
        ("year=\"2023\"", "`year` is a year, written without quotes"),
        ("mean(", "unknown figure `mean`"),
        (
            "pes=\"fr-ft\") }}",
            "`pes` is not an argument of `median(indicator=…, year=…[, cluster=…])`",
        ),
        ("2023) }}.\n\nCycle", "expected `=` after `year`"),
        (
            "cycle=2019",
            "no assessment cycle `2019`; the cycles are `2024`",
        ),
    ];
    for (needle, message) in expected {
        assert!(
            run.stderr.contains(message),
            "no {message:?} in\n{}",
            run.stderr
        );
        if !needle.starts_with("did you mean") {
            let place = format!("content/reports/figures.fr.md:{}", position(&file, needle));
            assert!(
                run.stderr.contains(&place),
                "no {place} for {message:?} in\n{}",
                run.stderr
            );
        }
    }
    assert!(run.stderr.contains("10 problems found"), "{}", run.stderr);
}

#[test]
fn code_keeps_its_braces_and_literal_braces_are_text() {
    let body = "\
Inline `{{ median(indicator=\"nope\", year=1) }}` code.

```
{{ value(pes=\"nobody\") }}
```

Literal {{/* median(indicator=\"transitions\", year=2023) */}} braces.
";
    let site = site_with_report(body, body);
    let output = site.build_ok();
    let html = parsed(&output, "en/reports/figures/index.html");
    assert_eq!(
        texts(&html, ".prose p code"),
        ["{{ median(indicator=\"nope\", year=1) }}"]
    );
    assert_eq!(texts(&html, "pre code"), ["{{ value(pes=\"nobody\") }}"]);
    let paragraphs = texts(&html, "main p");
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("Literal {{ median(indicator=“transitions”, year=2023) }} braces.")),
        "{paragraphs:?}"
    );
    assert!(select(&html, "a.quoted-figure").is_empty());
}

#[test]
fn figures_are_text_inside_links_and_headings_and_never_markup() {
    let body = "\
## Median {{ median(indicator=\"transitions\", year=2023) }}

[Link {{ count(cycle=2024) }}](https://example.org/) and a<b & {{ count(cycle=2024) }}.

Braces {{/* <script>alert(1)</script> */}} stay text.
";
    let site = site_with_report(body, body);
    let output = site.build_ok();
    let html = parsed(&output, "en/reports/figures/index.html");
    assert_eq!(texts(&html, ".prose h2"), ["Median 51.1%"]);
    assert_eq!(attribute(&html, ".prose h2", "id"), "median-51-1");
    assert_eq!(
        texts(&html, "main p a[href='https://example.org/']"),
        ["Link 1"]
    );
    assert_eq!(select(&html, "a.quoted-figure").len(), 1);
    assert!(select(&html, "main script").is_empty());
    let raw = page(&output, "en/reports/figures/index.html");
    assert!(
        raw.contains("a&lt;b &amp; <a class=\"quoted-figure\""),
        "{raw}"
    );
}

#[test]
fn a_figure_where_no_text_can_go_is_an_error() {
    let body = "A [link](https://example.org/ \"title {{ count(cycle=2024) }}\").\n";
    let site = site_with_report(body, "Nothing.");
    let file = site.read("content/reports/figures.fr.md");
    let run = site.run(&["check"]);
    run.assert_code(1);
    let place = format!(
        "content/reports/figures.fr.md:{}",
        position(&file, "{{ count")
    );
    assert!(run.stderr.contains(&place), "no {place} in\n{}", run.stderr);
    assert!(
        run.stderr.contains("a figure cannot stand here"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_example_reports_quote_every_figure_from_the_data() {
    let output = built_example();
    for page_path in [
        "fr/rapports/resultats-cycle-evaluation-2024/index.html",
        "fr/rapports/note-thematique-services-employeurs/index.html",
        "en/reports/assessment-cycle-2024-outcomes/index.html",
        "en/reports/employer-services-thematic-paper/index.html",
    ] {
        let html = parsed(output, page_path);
        let quoted = select(&html, ".prose a.quoted-figure").len();
        assert!(quoted >= 10, "{page_path}: only {quoted} quoted figures");
        // Every decimal figure or percentage of the text is a quoted one.
        let mut prose = String::new();
        for node in select(&html, ".prose")[0].descendants() {
            let in_figure = node.ancestors().any(|a| {
                a.value().as_element().is_some_and(|e| {
                    e.has_class("quoted-figure", scraper::CaseSensitivity::CaseSensitive)
                })
            });
            if let (Some(text), false) = (node.value().as_text(), in_figure) {
                prose.push_str(text);
                prose.push(' ');
            }
        }
        assert!(
            !holds_a_typed_figure(&prose),
            "{page_path}: a figure is typed, not quoted: {prose}"
        );
    }
}

/// Whether `text` holds a decimal number (`4,3`, `67.6`) or a percentage.
fn holds_a_typed_figure(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && (w[1] == ',' || w[1] == '.') && w[2].is_ascii_digit())
        || text.contains('%')
}
