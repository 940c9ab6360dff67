//! Themes: a site overrides the built-in theme file by file, and a template or UI-string
//! mistake is reported with its file instead of producing a page with blanks.

use crate::common::*;

#[test]
fn site_templates_and_static_files_override_the_theme() {
    let site = Site::copy("good");
    site.write("static/style.css", "body { color: rebeccapurple; }\n");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1 class=\"custom-page\">{{ doc.title }}</h1>{% endblock %}\n",
    );
    let output = site.build_ok();
    let css = std::fs::read_to_string(output.join("style.css")).expect("style.css is written");
    assert_eq!(css, "body { color: rebeccapurple; }\n");
    let pages = html_pages(&output);
    let custom = pages
        .iter()
        .filter(|(_, html)| html.contains("class=\"custom-page\""))
        .count();
    assert!(
        custom >= 2,
        "the site's page.html is used for free pages in both languages"
    );
    let practice_uses_default = pages
        .iter()
        .any(|(path, html)| path.contains("bonnes-pratiques/") && html.contains("class=\"facts\""));
    assert!(
        practice_uses_default,
        "templates the site does not override come from the theme"
    );
}

#[test]
fn a_named_theme_folder_is_used_and_a_missing_one_is_reported() {
    let site = Site::copy("good");
    site.edit("site.yaml", "theme: default", "theme: sober");
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("theme `sober` not found"),
        "{}",
        run.stderr
    );

    site.write("themes/sober/static/style.css", "/* sober */\n");
    let output = site.build_ok();
    let css = std::fs::read_to_string(output.join("style.css")).expect("style.css is written");
    assert_eq!(css, "/* sober */\n");
}

#[test]
fn an_unknown_ui_string_in_a_template_is_an_error_naming_the_template() {
    let site = Site::copy("good");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(\"page.no_such_key\") }}</p>\n{% endblock %}\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("unknown UI string `page.no_such_key`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("templates/page.html:3"),
        "{}",
        run.stderr
    );
    assert!(!site.output().exists());
}

#[test]
fn a_template_syntax_error_names_file_and_line() {
    let site = Site::copy("good");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock %}\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("templates/page.html:3"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_ui_string_missing_in_one_language_is_reported() {
    let site = Site::copy("good");
    site.write(
        "themes/default/i18n/fr.yaml",
        "extra:\n  only_here: \"Seulement en français\"\n",
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("UI string `extra.only_here` is missing for language `en`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_overrides_one_ui_string_without_copying_the_file() {
    let site = Site::copy("good");
    site.write(
        "themes/default/i18n/en.yaml",
        "nav:\n  practices: \"Practices that work\"\n",
    );
    let output = site.build_ok();
    let home = page(&output, "en/index.html");
    assert!(
        home.contains("Practices that work"),
        "the overridden label is used"
    );
    assert!(
        home.contains("Study visits"),
        "other labels still come from the built-in theme"
    );
}

/// A merge once left a rule of the default stylesheet unclosed, which swallowed every rule after
/// it (the header's "my PES" picker lost its layout and overflowed a phone's screen): every
/// block the stylesheet opens, it closes, and never closes one it did not open.
#[test]
fn the_default_stylesheet_closes_every_block() {
    let css = source_file("themes/default/static/style.css");
    let mut depth = 0usize;
    let mut rest = css.as_str();
    while let Some(at) = rest.find(['{', '}', '/', '"']) {
        let (mark, after) = (rest.as_bytes()[at], &rest[at + 1..]);
        rest = match mark {
            b'{' => {
                depth += 1;
                after
            }
            b'}' => {
                assert!(depth > 0, "a `}}` closes nothing before: {:.60}", after);
                depth -= 1;
                after
            }
            b'/' if after.starts_with('*') => after.split_once("*/").map_or("", |(_, end)| end),
            b'"' => after.split_once('"').map_or("", |(_, end)| end),
            _ => after,
        };
    }
    assert_eq!(depth, 0, "blocks left open at the end of style.css");
}
