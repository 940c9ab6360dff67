//! Safety holes of issue #12: a closed terminal, and the site's address.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

/// Runs benchlearn with its standard error (or output) closed before it writes anything, as
/// `benchlearn build 2>&1 | head -0` would.
fn run_with_closed(stream: &str, root: &Path, args: &[&str]) -> Option<i32> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_benchlearn"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("run benchlearn");
    let (closed, mut open): (Box<dyn Read>, Box<dyn Read>) = if stream == "stderr" {
        (
            Box::new(child.stderr.take().expect("stderr")),
            Box::new(child.stdout.take().expect("stdout")),
        )
    } else {
        (
            Box::new(child.stdout.take().expect("stdout")),
            Box::new(child.stderr.take().expect("stderr")),
        )
    };
    drop(closed);
    let mut rest = String::new();
    open.read_to_string(&mut rest)
        .expect("read the other stream");
    let status = child.wait().expect("wait");
    assert!(!rest.contains("panicked"), "{rest}");
    status.code()
}

#[test]
fn a_closed_terminal_does_not_make_it_panic() {
    let site = Site::copy("minimal");
    assert_eq!(run_with_closed("stderr", &site.root, &["build"]), Some(0));
    assert_eq!(run_with_closed("stderr", &site.root, &["check"]), Some(0));
    assert_eq!(run_with_closed("stderr", &site.root, &["schema"]), Some(0));
    assert_eq!(
        run_with_closed("stdout", &site.root, &["check", "--translations"]),
        Some(0)
    );
    assert_eq!(
        run_with_closed("stdout", &site.root, &["new", "page", "about-us"]),
        Some(0)
    );
    site.edit("content/data/pes.yaml", "fr-ft", "FR FT");
    assert_eq!(run_with_closed("stderr", &site.root, &["build"]), Some(1));
    let nowhere = site.beside("no-site");
    assert_eq!(run_with_closed("stderr", &nowhere, &["build"]), Some(2));
}

#[test]
fn a_closed_pipe_after_the_first_line_ends_quietly() {
    let site = Site::copy("minimal");
    site.edit("content/data/pes.yaml", "fr-ft", "FR FT");
    let mut child = Command::new(env!("CARGO_BIN_EXE_benchlearn"))
        .arg("--root")
        .arg(&site.root)
        .arg("build")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run benchlearn");
    let mut stderr = child.stderr.take().expect("stderr");
    let mut first = [0u8; 1];
    stderr.read_exact(&mut first).expect("a first byte");
    drop(stderr);
    let status = child.wait().expect("wait");
    assert_ne!(status.code(), Some(101), "it panicked");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_base_url_with_a_line_break_is_a_positioned_error() {
    let site = Site::copy("minimal");
    let output = site.build_ok();
    let robots = site.read("output/robots.txt");
    site.edit(
        "site.yaml",
        r#"base_url: "https://example.org/""#,
        r#"base_url: "https://example.org/\nDisallow: /""#,
    );
    let run = site.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains("site.yaml:3:11"), "{}", run.stderr);
    assert!(run.stderr.contains("base_url"), "{}", run.stderr);
    assert_eq!(site.read("output/robots.txt"), robots);
    assert!(!robots.contains("Disallow"), "{robots}");
    assert!(output.join("index.html").is_file());
    site.run(&["check"]).assert_code(1);
}

#[test]
fn a_base_url_without_a_host_or_with_spaces_is_an_error() {
    for url in [
        "https://",
        "http:///path/",
        "https://exa mple.org/",
        "ftp://e.org/",
    ] {
        let site = Site::copy("minimal");
        site.edit(
            "site.yaml",
            r#"base_url: "https://example.org/""#,
            &format!("base_url: \"{url}\""),
        );
        let run = site.run(&["build"]);
        run.assert_code(1);
        assert!(
            run.stderr.contains("site.yaml:3:11"),
            "{url}: {}",
            run.stderr
        );
        assert!(!site.output().exists());
    }
}

#[test]
fn a_bad_base_url_option_is_a_usage_error() {
    let site = Site::copy("minimal");
    for url in [
        "https://example.org/\nDisallow: /",
        "https://",
        "https://exa mple.org/",
        "https://example.org/\t",
        "javascript:alert(1)",
    ] {
        let run = site.run(&["build", "--base-url", url]);
        run.assert_code(2);
        assert!(run.stderr.contains("--base-url"), "{url:?}: {}", run.stderr);
        assert!(!site.output().exists());
    }
    site.run(&["build", "--base-url", "http://127.0.0.1:8000/preview/"])
        .assert_code(0);
}
