//! Terminal safety: control characters that content carries (in a value, in a file's text, in
//! a file's name) reach error messages as visible escapes, never raw, so a site cannot clear
//! the screen, retitle the window or hide a link in the output of `check`, `build` or `serve`.
//! The preview's error overlay shows the same problems HTML-escaped.

use crate::common::*;
use crate::served::Serve;

/// A hyperlink to another address than its text says, a screen clear, a bell, a carriage
/// return that would overwrite the line, and C1 controls (CSI, OSC) as single characters.
const HOSTILE: &str =
    "\u{1b}]8;;http:evil.example\u{7}lien\u{1b}]8;;\u{7}\u{1b}[2J\rX\u{9b}2J\u{9d}0;t\u{7}";

/// Whether `text` holds a control character other than the line feeds and tabs of layout.
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect()
}

fn assert_shown_escaped(output: &str) {
    assert!(
        raw_controls(output).is_empty(),
        "raw control characters {:?} in:\n{output:?}",
        raw_controls(output)
    );
    assert!(
        output.contains(r"\u{1b}]8;;http:evil.example\u{7}"),
        "the escape sequence is not shown as text:\n{output}"
    );
}

#[test]
fn a_bad_value_with_escape_sequences_is_quoted_escaped() {
    let site = Site::copy("minimal");
    let practice = "content/practices/coaching.en.md";
    let text = site.read(practice);
    let quoted = HOSTILE
        .replace('\u{1b}', r"\e")
        .replace('\u{7}', r"\a")
        .replace('\r', r"\r")
        .replace('\u{9b}', r"\x9b")
        .replace('\u{9d}', r"\x9d");
    site.write(
        practice,
        &text.replacen("pes: fr-ft", &format!("pes: \"fr-{quoted}\""), 1),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_shown_escaped(&run.stderr);
}

#[test]
fn control_characters_in_a_file_are_shown_escaped_in_its_snippet() {
    let site = Site::copy("minimal");
    let practice = "content/practices/coaching.en.md";
    let text = site.read(practice);
    site.write(
        practice,
        &text.replacen("pes: fr-ft", &format!("pes: fr-ft\nbogus: {HOSTILE}"), 1),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert_shown_escaped(&run.stderr);
    assert!(
        run.stderr.contains(r"\u{9b}2J"),
        "C1 controls are shown too:\n{}",
        run.stderr
    );
}

#[test]
fn control_characters_in_a_file_name_are_shown_escaped() {
    let site = Site::copy("minimal");
    let name = format!("content/practices/x{HOSTILE}.en.md");
    site.write(&name, &site.read("content/practices/coaching.en.md"));
    for command in [&["check"][..], &["build"]] {
        let run = site.run(command);
        run.assert_code(1);
        assert_shown_escaped(&run.stderr);
    }
}

#[test]
fn tabs_and_line_breaks_still_lay_out_a_snippet() {
    let site = Site::copy("minimal");
    let practice = "content/practices/coaching.en.md";
    let text = site.read(practice).replace('\n', "\r\n");
    site.write(
        practice,
        &text.replacen("pes: fr-ft", "pes: fr-pe\u{1b}[2J", 1),
    );
    let run = site.run(&["check"]);
    run.assert_code(1);
    assert!(raw_controls(&run.stderr).is_empty(), "{:?}", run.stderr);
    assert!(
        run.stderr.contains(r"pes: fr-pe\u{1b}[2J"),
        "the line is shown, its ESC escaped:\n{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("╰── here"),
        "the snippet keeps its layout:\n{}",
        run.stderr
    );
}

/// `benchlearn serve` on a site broken from the start: its terminal output and the overlay
/// served in place of a page.
#[test]
fn serve_prints_escaped_and_its_overlay_is_html_escaped() {
    let site = Site::copy("minimal");
    let practice = "content/practices/coaching.en.md";
    let text = site.read(practice);
    site.write(
        practice,
        &text.replacen(
            "pes: fr-ft",
            "pes: \"<img src=x onerror=alert(1)>\\e[2J\"",
            1,
        ),
    );
    site.write(
        "content/practices/<svg onload=alert(2)>.en.md",
        &site.read(practice),
    );
    let serve = Serve::on(site, &[], &[]);
    let page = serve.get("/en/good-practices/coaching/").body;
    let log = serve.log.lock().expect("serve log").clone();
    drop(serve);

    assert!(raw_controls(&log).is_empty(), "{log:?}");
    assert!(log.contains(r"\u{1b}[2J"), "{log}");
    assert!(page.contains("benchlearn-error"), "no overlay:\n{page}");
    assert!(
        !page.contains("<img src=x") && !page.contains("<svg onload"),
        "the overlay holds markup from content:\n{page}"
    );
    assert!(
        page.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{page}"
    );
    assert!(page.contains("&lt;svg onload=alert(2)&gt;"), "{page}");
}
