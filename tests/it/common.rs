//! Helpers shared by the integration tests: copying fixture sites, running the built binary
//! and reading the site it writes.

#![allow(dead_code)] // Each test binary uses its own subset of the helpers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};
use tempfile::TempDir;

/// `tests/fixtures/<name>` in the source tree.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file of the source tree, relative to the repository root, as text.
pub fn source_file(relative: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(relative))
        .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
}

/// A fixture site copied into a temporary folder, so a test can build it and change it.
pub struct Site {
    /// Removed with everything in it when the test ends.
    pub dir: TempDir,
    /// The site root (the folder holding site.yaml), inside `dir`.
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>` to `<tempdir>/site`.
    pub fn copy(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let root = dir.path().join("site");
        copy_dir(&fixture(name), &root);
        Site { dir, root }
    }

    /// The default output folder of `build`.
    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    /// A path beside the site, outside its root.
    pub fn beside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A file of the site, relative to its root.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("cannot read {relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {relative}: {e}"));
    }

    /// Replaces `from` with `to` in a file, failing if `from` is not there.
    pub fn edit(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(text.contains(from), "{relative} does not contain {from:?}");
        self.write(relative, &text.replacen(from, to, 1));
    }

    /// Runs `benchlearn --root <root> <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        benchlearn(&self.root, args)
    }

    /// Builds into the default output folder and fails the test unless the build succeeds.
    pub fn build_ok(&self) -> PathBuf {
        let run = self.run(&["build"]);
        run.assert_code(0);
        self.output()
    }
}

/// Copies a folder recursively, bytes as they are.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// What a run of the binary printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn assert_code(&self, expected: i32) {
        assert_eq!(
            self.code,
            Some(expected),
            "expected exit code {expected}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.stdout,
            self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "the binary panicked:\n{}",
            self.stderr
        );
    }
}

/// The built `benchlearn` binary with `--root <root>` and `args`, without colours, not yet
/// started: for a test that needs its own pipes or a process that keeps running (`serve`).
pub fn command(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_benchlearn"));
    command
        .arg("--root")
        .arg(root)
        .args(args)
        .env("NO_COLOR", "1");
    command
}

/// Runs the built `benchlearn` binary with `--root <root>` and `args`, without colours.
pub fn benchlearn(root: &Path, args: &[&str]) -> Run {
    let output = command(root, args).output().expect("run benchlearn");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every file below `dir` (relative path with `/` → bytes), for comparing whole trees.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    if dir.exists() {
        collect(dir, dir, &mut files);
    }
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read folder") {
        let entry = entry.expect("folder entry");
        let path = entry.path();
        if entry.file_type().expect("file type").is_dir() {
            collect(base, &path, files);
        } else {
            let relative = path.strip_prefix(base).expect("below base");
            let key = relative.to_string_lossy().replace('\\', "/");
            files.insert(key, std::fs::read(&path).expect("read file"));
        }
    }
}

/// Asserts two trees have the same files with the same bytes, naming the first difference.
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let names_a: Vec<&String> = a.keys().collect();
    let names_b: Vec<&String> = b.keys().collect();
    assert_eq!(names_a, names_b, "the trees hold different files");
    for (name, bytes) in a {
        assert!(bytes == &b[name], "{name} differs between the two trees");
    }
}

/// The HTML pages of a built site: relative path → text.
pub fn html_pages(output: &Path) -> BTreeMap<String, String> {
    snapshot(output)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| {
            let text = String::from_utf8(bytes).unwrap_or_else(|_| panic!("{name} is not UTF-8"));
            (name, text)
        })
        .collect()
}

/// Reads one page of a built site, failing the test if it is missing.
pub fn page(output: &Path, relative: &str) -> String {
    std::fs::read_to_string(output.join(relative))
        .unwrap_or_else(|e| panic!("page {relative} is missing from the output: {e}"))
}

/// One page of a built site, parsed as a browser would.
pub fn parsed(output: &Path, relative: &str) -> Html {
    Html::parse_document(&page(output, relative))
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// Every element of `html` matching `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    html.select(&selector(css)).collect()
}

/// The text of an element, whitespace as written.
pub fn text_of(element: &scraper::ElementRef<'_>) -> String {
    element.text().collect()
}

/// The text of each element matching `css`, as a reader sees it: whitespace collapsed.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|element| collapsed(&element.text().collect::<Vec<_>>().join(" ")))
        .collect()
}

/// `text` with each run of whitespace made one space, and none at either end.
pub fn collapsed(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of `attribute` on the single element matching `css`.
pub fn attribute(html: &Html, css: &str, attribute: &str) -> String {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected exactly one element matching `{css}`, found {}",
        found.len()
    );
    found[0]
        .value()
        .attr(attribute)
        .unwrap_or_else(|| panic!("`{css}` has no `{attribute}`"))
        .to_string()
}

/// The file a site path (below the base path, no leading slash) is served from.
pub fn file_for(path: &str) -> String {
    let path = path.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// The fragment of a link (`x` in `a/#x`), if any.
pub fn fragment(url: &str) -> Option<&str> {
    url.split_once('#')
        .map(|(_, f)| f)
        .filter(|f| !f.is_empty())
}

/// Whether the page has an element with this id.
pub fn has_id(html: &Html, id: &str) -> bool {
    html.tree
        .nodes()
        .filter_map(|node| node.value().as_element())
        .any(|element| element.id() == Some(id))
}
