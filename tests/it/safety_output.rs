//! Where `build` may write, what it cleans up after itself, a closed terminal, and the site's
//! address: the holes of issue #12 that could delete or corrupt files.
//!
//! The rule: `build` only ever replaces a folder it wrote (marked by `.benchlearn-output`), an
//! empty folder or a folder that does not exist yet; never the site, its sources or anything
//! holding them.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::*;

/// The file marking a folder written by `benchlearn build`.
const MARKER: &str = ".benchlearn-output";

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every entry below `dir`, symbolic links as where they point (never followed), folders
/// as themselves (so empty ones count), files as their bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut entries = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("folder entry");
        let name = entry.path().strip_prefix(dir).expect("below dir");
        let name = name.to_string_lossy().into_owned();
        let kind = entry.file_type();
        let bytes = if kind.is_symlink() {
            let target = std::fs::read_link(entry.path()).expect("read link");
            format!("-> {}", target.display()).into_bytes()
        } else if kind.is_dir() {
            b"folder".to_vec()
        } else {
            std::fs::read(entry.path()).expect("read file")
        };
        entries.insert(name, bytes);
    }
    entries
}

/// Builds into `output` and expects a refusal (exit 2) that leaves the whole temporary folder
/// (site and everything beside it) as it was; returns what was printed.
fn assert_refused(site: &Site, output: &Path) -> String {
    let before = tree(site.dir.path());
    let run = site.run(&["build", "--output", path_arg(output)]);
    run.assert_code(2);
    assert!(run.stderr.contains("refus"), "{}", run.stderr);
    assert_same_tree(&before, &tree(site.dir.path()));
    run.stderr
}

#[test]
fn the_site_folder_is_refused_as_output() {
    let site = Site::copy("minimal");
    site.write("notes.txt", "my notes");
    let stderr = assert_refused(&site, &site.root);
    assert!(stderr.contains("site folder"), "{stderr}");
    assert!(site.path("site.yaml").is_file());
}

#[test]
fn a_folder_holding_the_site_is_refused_as_output() {
    let site = Site::copy("minimal");
    std::fs::write(site.beside("unrelated.txt"), "keep me").expect("write");
    let stderr = assert_refused(&site, site.dir.path());
    assert!(stderr.contains("contains the site"), "{stderr}");
    // Also when written with `..`.
    assert_refused(&site, &site.root.join("content/.."));
    assert_refused(&site, &site.root.join("content/../.."));
}

#[test]
fn the_site_sources_are_refused_as_output() {
    let site = Site::copy("minimal");
    std::fs::create_dir_all(site.path("themes/mine")).expect("themes folder");
    for inside in [
        "content",
        "content/built",
        "content/data/out",
        "themes",
        "themes/out",
        "templates/out",
        "static",
    ] {
        let stderr = assert_refused(&site, &site.path(inside));
        assert!(stderr.contains("source"), "{inside}: {stderr}");
    }
    assert!(!site.path("content/built").exists());
    assert!(!site.path("templates").exists());
}

#[test]
fn an_existing_file_is_refused_as_output() {
    let site = Site::copy("minimal");
    let file = site.beside("site.zip");
    std::fs::write(&file, "not a folder").expect("write");
    let stderr = assert_refused(&site, &file);
    assert!(stderr.contains("not a folder"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "not a folder"
    );
    // The site's own files too.
    assert_refused(&site, &site.path("site.yaml"));
}

#[test]
fn a_folder_benchlearn_did_not_write_is_refused() {
    let site = Site::copy("minimal");
    let folder = site.beside("documents");
    std::fs::create_dir_all(folder.join("2024")).expect("mkdir");
    std::fs::write(folder.join("2024/report.odt"), "precious").expect("write");
    std::fs::write(folder.join("index.html"), "<p>mine</p>").expect("write");
    let stderr = assert_refused(&site, &folder);
    assert!(stderr.contains(MARKER), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(folder.join("2024/report.odt")).expect("read"),
        "precious"
    );
}

#[test]
fn an_older_build_without_the_marker_is_refused_with_advice() {
    let site = Site::copy("minimal");
    let output = site.build_ok();
    std::fs::remove_file(output.join(MARKER)).expect("remove the marker");
    let stderr = assert_refused(&site, &output);
    assert!(stderr.contains("older benchlearn"), "{stderr}");
    assert!(stderr.contains("delete it once"), "{stderr}");
}

#[test]
fn an_empty_folder_is_used() {
    let site = Site::copy("minimal");
    let folder = site.beside("public");
    std::fs::create_dir(&folder).expect("mkdir");
    site.run(&["build", "--output", path_arg(&folder)])
        .assert_code(0);
    assert!(folder.join("index.html").is_file());
    assert!(folder.join(MARKER).is_file());
}

#[test]
fn its_own_output_is_replaced_and_the_marker_is_no_page() {
    let site = Site::copy("minimal");
    let output = site.build_ok();
    let first = snapshot(&output);
    let marker = String::from_utf8(first[MARKER].clone()).expect("UTF-8 marker");
    assert_eq!(marker.lines().count(), 1, "{marker:?}");
    assert!(marker.contains("benchlearn"), "{marker:?}");
    std::fs::write(output.join("stray.txt"), "left in the output").expect("write");
    let second = snapshot(&site.build_ok());
    assert_same_tree(&first, &second);
    let sitemap = site.read("output/sitemap.xml");
    assert!(!sitemap.contains(MARKER), "{sitemap}");
    let pagefind = snapshot(&output.join("pagefind"));
    assert!(
        pagefind
            .keys()
            .all(|name| !name.contains("benchlearn-output")),
        "{:?}",
        pagefind.keys()
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_followed_and_kept() {
    use std::os::unix::fs::symlink;
    let site = Site::copy("minimal");
    let target = site.beside("releases/current");
    std::fs::create_dir_all(&target).expect("mkdir");
    let link = site.beside("public");
    symlink(&target, &link).expect("symlink");
    for _ in 0..2 {
        let run = site.run(&["build", "--output", path_arg(&link)]);
        run.assert_code(0);
        let kind = std::fs::symlink_metadata(&link).expect("link").file_type();
        assert!(kind.is_symlink(), "the link was replaced");
        assert_eq!(std::fs::read_link(&link).expect("read link"), target);
        assert!(target.join("index.html").is_file());
        assert!(target.join(MARKER).is_file());
    }
    let leftovers: Vec<String> = std::fs::read_dir(site.beside("releases"))
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name != "current")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_site_or_to_nothing_is_refused() {
    use std::os::unix::fs::symlink;
    let site = Site::copy("minimal");
    let to_site = site.beside("to-site");
    symlink(&site.root, &to_site).expect("symlink");
    let stderr = assert_refused(&site, &to_site);
    assert!(stderr.contains("site folder"), "{stderr}");
    let to_content = site.beside("to-content");
    symlink(site.path("content"), &to_content).expect("symlink");
    assert_refused(&site, &to_content);
    let dangling = site.beside("dangling");
    symlink(site.beside("nowhere"), &dangling).expect("symlink");
    let stderr = assert_refused(&site, &dangling);
    assert!(stderr.contains("symbolic link"), "{stderr}");
}

#[test]
fn leftovers_of_killed_builds_are_removed_by_the_next_build() {
    let site = Site::copy("minimal");
    let output = site.build_ok();
    let marked = |folder: &str| {
        let folder = site.path(folder);
        std::fs::create_dir_all(folder.join("fr")).expect("mkdir");
        std::fs::write(folder.join(MARKER), "written by benchlearn").expect("write");
        std::fs::write(folder.join("fr/index.html"), "half a site").expect("write");
    };
    // As a killed build leaves them: a half-written site, a previous site set aside while
    // swapping, and a folder created but not yet written.
    marked(".benchlearn-build-output-Xk3s9a");
    marked(".benchlearn-old-output-Pq81Zt/site");
    std::fs::create_dir(site.path(".benchlearn-build-output-e0e0e0")).expect("mkdir");
    // Not benchlearn's: no marker, another output's name, or not the pattern.
    site.write(".benchlearn-build-output-a1b2c3/mine.txt", "keep");
    site.write(".benchlearn-old-output-a1b2c3/site/mine.txt", "keep");
    marked(".benchlearn-build-preview-Xk3s9a");
    marked(".benchlearn-build-output-fr-Xk3s9a");
    site.write("notes/todo.txt", "keep");
    site.run(&["build"]).assert_code(0);
    let mut names: Vec<String> = std::fs::read_dir(&site.root)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') || name == "notes")
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".benchlearn-build-output-a1b2c3",
            ".benchlearn-build-output-fr-Xk3s9a",
            ".benchlearn-build-preview-Xk3s9a",
            ".benchlearn-old-output-a1b2c3",
            "notes",
        ]
    );
    assert!(output.join("index.html").is_file());
}

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

#[test]
fn schema_refuses_a_file_as_its_output() {
    let site = Site::copy("minimal");
    let file = site.beside("schemas");
    std::fs::write(&file, "mine").expect("write");
    let run = site.run(&["schema", "--output", path_arg(&file)]);
    run.assert_code(2);
    assert!(run.stderr.contains("not a folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine");
}
