//! "Cite this page": practices, visit reports, reports and indicator pages carry a reference
//! and its files beside the page (BibTeX, RIS, CSL-JSON), every text escaped for its format.

use std::path::Path;

use crate::common::{built_example, collapsed, parsed, select, text_of, Site};

/// The reference files beside a page.
const FILES: [&str; 3] = ["cite.bib", "cite.ris", "cite.json"];

/// A title with what each format must escape: quotes, braces, an ampersand, a percent sign, a
/// backslash, markup and a line break (a double-quoted YAML string reads `\n` as one).
const TRICKY_TITLE: &str = r#""Say \"hi\" to {all} & 50% \\ co <i>\nnext line""#;

fn read(output: &Path, relative: &str) -> String {
    std::fs::read_to_string(output.join(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// The fields of a BibTeX entry written one per line, `name = {value}`, after checking its
/// shape: `@type{key,`, each field, `}`, braces balanced.
fn bibtex_fields(bib: &str) -> (String, Vec<(String, String)>) {
    let mut lines = bib.lines();
    let head = lines.next().expect("an entry");
    assert!(
        head.starts_with('@') && head.ends_with(','),
        "not an entry: {bib}"
    );
    let kind = head[1..head.find('{').expect("a key")].to_string();
    let mut fields = Vec::new();
    for line in lines {
        if line == "}" {
            break;
        }
        let (name, value) = line
            .trim()
            .trim_end_matches(',')
            .split_once(" = ")
            .unwrap_or_else(|| panic!("not a field: {line:?}"));
        assert!(value.starts_with('{') && value.ends_with('}'), "{line}");
        fields.push((name.to_string(), value.to_string()));
    }
    let mut depth = 0i32;
    let mut previous = ' ';
    for c in bib.chars() {
        match (previous, c) {
            ('\\', '{' | '}') => {}
            (_, '{') => depth += 1,
            (_, '}') => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "a brace closes too early: {bib}");
        previous = c;
    }
    assert_eq!(depth, 0, "unbalanced braces: {bib}");
    assert!(bib.ends_with("}\n"), "{bib}");
    (kind, fields)
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {fields:?}"))
}

/// The tags and values of a RIS record, after checking its shape: CR LF lines of `XX  - `,
/// `TY` first, `ER` last.
fn ris_tags(ris: &str) -> Vec<(String, String)> {
    assert!(ris.ends_with("\r\n"), "{ris:?}");
    let lines: Vec<&str> = ris.trim_end_matches("\r\n").split("\r\n").collect();
    let tags: Vec<(String, String)> = lines
        .iter()
        .map(|line| {
            assert!(
                line.len() >= 6 && &line[2..6] == "  - " && !line.contains('\n'),
                "not a RIS line: {line:?}"
            );
            (line[..2].to_string(), line[6..].to_string())
        })
        .collect();
    assert_eq!(tags.first().map(|t| t.0.as_str()), Some("TY"), "{ris:?}");
    assert_eq!(tags.last().map(|t| t.0.as_str()), Some("ER"), "{ris:?}");
    tags
}

fn tag<'a>(tags: &'a [(String, String)], name: &str) -> &'a str {
    tags.iter()
        .find(|(t, _)| t == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {name} in {tags:?}"))
}

#[test]
fn cited_pages_link_their_reference_files_in_every_language() {
    let output = built_example();
    let pages = [
        "fr/bonnes-pratiques/accompagnement-seniors/",
        "en/good-practices/older-jobseekers-coaching/",
        "fr/indicateurs/vacancies-filled/",
        "en/indicators/vacancies-filled/",
    ];
    let mut pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    for (lang, visits, reports) in [
        ("fr", "visites-etude", "rapports"),
        ("en", "study-visits", "reports"),
    ] {
        for section in [visits, reports] {
            let first = std::fs::read_dir(output.join(lang).join(section))
                .expect("the section's folder")
                .filter_map(Result::ok)
                .filter(|entry| entry.path().is_dir())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .min()
                .expect("a document");
            pages.push(format!("{lang}/{section}/{first}/"));
        }
    }
    for page in pages
        .iter()
        .filter(|p| output.join(p).join("index.html").exists())
    {
        let html = parsed(output, &format!("{page}index.html"));
        let block = select(&html, "section.cite");
        assert_eq!(block.len(), 1, "{page}: no “cite this page” block");
        let links: Vec<String> = select(&html, "section.cite .cite-downloads a[href]")
            .iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect();
        for file in FILES {
            let href = format!("/benchlearning/{page}{file}");
            assert!(
                links.contains(&href),
                "{page}: no link to {file} in {links:?}"
            );
            assert!(
                output.join(page).join(file).is_file(),
                "{page}{file} is missing"
            );
        }
        let reference = collapsed(&text_of(&select(&html, ".cite-reference")[0]));
        assert!(
            reference.contains(&format!("https://example.org/benchlearning/{page}")),
            "{page}: the reference does not give the address: {reference}"
        );
        let (kind, fields) = bibtex_fields(&read(output, &format!("{page}cite.bib")));
        assert_eq!(kind, "misc");
        assert_eq!(
            field(&fields, "url"),
            format!("{{https://example.org/benchlearning/{page}}}")
        );
        let tags = ris_tags(&read(output, &format!("{page}cite.ris")));
        assert_eq!(
            tag(&tags, "UR"),
            format!("https://example.org/benchlearning/{page}")
        );
        let csl: serde_json::Value =
            serde_json::from_str(&read(output, &format!("{page}cite.json"))).expect("CSL-JSON");
        assert_eq!(
            csl[0]["URL"],
            format!("https://example.org/benchlearning/{page}"),
            "{page}"
        );
    }
    let free_page = parsed(output, "en/methodology/index.html");
    assert!(
        select(&free_page, "section.cite").is_empty(),
        "free pages are not works to cite"
    );
}

#[test]
fn every_format_escapes_the_title_and_names_the_author() {
    let site = Site::copy("minimal");
    site.edit(
        "content/practices/coaching.fr.md",
        r#"title: "Accompagnement intensif""#,
        &format!("title: {TRICKY_TITLE}\nauthor: \"Équipe {{R&D}}\""),
    );
    site.edit(
        "site.yaml",
        "base_url:",
        "publisher: {fr: \"Réseau d’essai\", en: \"Test network\"}\nbase_url:",
    );
    let output = site.build_ok();
    // French typography puts a narrow no-break space before `%`; it stays in every format.
    let title = "Say \"hi\" to {all} & 50\u{202f}% \\ co <i> next line";

    let bib = read(&output, "fr/bonnes-pratiques/coaching/cite.bib");
    let (_, fields) = bibtex_fields(&bib);
    assert_eq!(
        field(&fields, "title"),
        "{{Say \"hi\" to \\{all\\} \\& 50\u{202f}\\% \\textbackslash{} co \\textless{}i\\textgreater{} next line}}"
    );
    assert_eq!(field(&fields, "author"), r"{{Équipe \{R\&D\}}}");
    assert_eq!(field(&fields, "year"), "{2024}");

    let tags = ris_tags(&read(&output, "fr/bonnes-pratiques/coaching/cite.ris"));
    assert_eq!(tag(&tags, "TI"), title);
    assert_eq!(tag(&tags, "AU"), "Équipe {R&D}");
    assert_eq!(tag(&tags, "DA"), "2024/03/01/");

    let csl: serde_json::Value =
        serde_json::from_str(&read(&output, "fr/bonnes-pratiques/coaching/cite.json"))
            .expect("CSL-JSON");
    assert_eq!(
        csl[0]["title"],
        "Say \"hi\" to {all} & 50\u{202f}% \\ co <i> next line"
    );
    assert!(
        !read(&output, "fr/bonnes-pratiques/coaching/cite.json").contains(['<', '>', '&']),
        "the CSL-JSON file holds markup"
    );
    assert_eq!(csl[0]["issued"]["date-parts"][0][0], 2024);

    let html = std::fs::read_to_string(output.join("fr/bonnes-pratiques/coaching/index.html"))
        .expect("the page");
    assert!(
        html.contains(
            "Say &quot;hi&quot; to {all} &amp; 50\u{202f}% \\ co &lt;i&gt;\nnext line</cite>"
        ),
        "the title is not escaped as HTML text in the reference"
    );
    // The English page has no `author`: the site's publisher is the author there.
    let (_, fields) = bibtex_fields(&read(&output, "en/good-practices/coaching/cite.bib"));
    assert_eq!(field(&fields, "author"), "{{Test network}}");
    let html = parsed(&output, "en/good-practices/coaching/index.html");
    let reference = collapsed(&text_of(&select(&html, ".cite-reference")[0]));
    assert!(
        reference.starts_with("Test network, Intensive coaching")
            && reference.contains("Minimal site")
            && reference.ends_with("(accessed on [date])"),
        "{reference}"
    );
}
