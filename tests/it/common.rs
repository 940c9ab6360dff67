//! Helpers shared by the integration tests: copying fixture sites, running the built binary
//! and reading the site it writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock, PoisonError};

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

    /// Copies `tests/fixtures/<base>` to `<tempdir>/site`, then lays `tests/fixtures/<overlay>`
    /// over it: the overlay's files replace or add to the base's, and the paths listed in its
    /// `remove.txt` (one a line, relative to the site root) are deleted. The overlay's top-level
    /// `remove.txt` and `expected.txt` are not copied.
    pub fn overlay(base: &str, overlay: &str) -> Site {
        let site = Site::copy(base);
        let overlay = fixture(overlay);
        copy_dir_except(&overlay, &site.root, &[OVERLAY_REMOVALS, "expected.txt"]);
        let removals = overlay.join(OVERLAY_REMOVALS);
        if removals.exists() {
            let list = std::fs::read_to_string(&removals).expect("read remove.txt");
            for relative in list.lines().map(str::trim).filter(|line| !line.is_empty()) {
                site.remove(relative);
            }
        }
        site
    }

    /// Deletes a file or folder of the site, failing the test if it is not there.
    pub fn remove(&self, relative: &str) {
        let path = self.path(relative);
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.unwrap_or_else(|e| panic!("cannot remove {relative}: {e}"));
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

    /// Builds the members' edition (each PES's assessment scores and comments shown) into
    /// its default folder, `output-members`, and fails the test unless the build succeeds.
    pub fn build_members_ok(&self) -> PathBuf {
        self.run(&["build", "--edition", "members"]).assert_code(0);
        self.root.join("output-members")
    }
}

/// A fixture site built once per test run and shared by every test that only reads it: the
/// site, its output and what the build printed. Tests that change a site use [`Site::copy`].
pub struct Built {
    /// The site root (the folder holding site.yaml). Commands that write nothing (`check`)
    /// may run on it; nothing may change it.
    pub root: PathBuf,
    /// The output folder: `<root>/output`, or `<root>/output-NAME` for `--edition NAME`.
    pub output: PathBuf,
    /// What `build` printed.
    pub build: Run,
}

impl Built {
    /// Runs `benchlearn --root <root> <args>`; for commands that write nothing.
    pub fn run(&self, args: &[&str]) -> Run {
        benchlearn(&self.root, args)
    }
}

/// `tests/fixtures/<name>` built with `build`, once per test run.
pub fn built(name: &str) -> &'static Built {
    built_with(name, &[])
}

/// The repository's example site (`site.yaml` and `content/` at its root) built once per test
/// run, into `<CARGO_TARGET_TMPDIR>/built/example`, for every test that only reads it.
pub fn built_example() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let output = built_sites_folder().join("example");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let target = output.to_str().expect("a UTF-8 path");
        benchlearn(root, &["build", "--output", target]).assert_code(0);
        output
    })
}

/// `tests/fixtures/<name>` built with `build <args>`, once per test run for each fixture and
/// arguments, into `<CARGO_TARGET_TMPDIR>/built/`. The first test to ask builds it, while tests
/// asking for another one build theirs in parallel; a build that fails fails each test that
/// asks for it (each tries it again).
pub fn built_with(name: &str, args: &[&str]) -> &'static Built {
    let key = [&[name], args].concat().join(" ");
    let cell = {
        static CELLS: OnceLock<Mutex<BTreeMap<String, &'static OnceLock<Built>>>> = OnceLock::new();
        let mut cells = CELLS
            .get_or_init(Mutex::default)
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *cells
            .entry(key.clone())
            .or_insert_with(|| Box::leak(Box::new(OnceLock::new())))
    };
    cell.get_or_init(|| build_shared(name, args, &key))
}

/// Copies the fixture to a folder of its own under [`built_sites_folder`] and builds it.
fn build_shared(name: &str, args: &[&str], key: &str) -> Built {
    let folder: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let root = built_sites_folder().join(folder);
    if root.exists() {
        // Left by an earlier attempt of this run whose build failed.
        std::fs::remove_dir_all(&root).expect("remove a failed shared build");
    }
    copy_dir(&fixture(name), &root);
    let run = benchlearn(&root, &[&["build"], args].concat());
    assert!(
        run.code == Some(0) && !run.stderr.contains("panicked"),
        "the shared build of {key} failed with {:?}:\n{}",
        run.code,
        run.stderr
    );
    Built {
        output: root.join(output_folder(args)),
        root,
        build: run,
    }
}

/// Where `build <args>` writes: `--output DIR` if given, else `output-NAME` for
/// `--edition NAME`, else `output`.
fn output_folder(args: &[&str]) -> String {
    let after = |flag: &str| {
        args.iter()
            .position(|a| *a == flag)
            .and_then(|i| args.get(i + 1))
    };
    match (after("--output"), after("--edition")) {
        (Some(output), _) => output.to_string(),
        (None, Some(edition)) => format!("output-{edition}"),
        (None, None) => "output".to_string(),
    }
}

/// `tests/fixtures/<name>` built as its members' edition (`build --edition members`), which
/// shows each PES's assessment scores and comments, once per test run.
pub fn built_members(name: &str) -> &'static Built {
    built_with(name, &["--edition", "members"])
}

/// The repository's example site built as its members' edition, once per test run, for the
/// tests that read each PES's assessment scores.
pub fn built_example_members() -> &'static Path {
    static OUTPUT: OnceLock<PathBuf> = OnceLock::new();
    OUTPUT.get_or_init(|| {
        let output = built_sites_folder().join("example-members");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let target = output.to_str().expect("a UTF-8 path");
        benchlearn(root, &["build", "--edition", "members", "--output", target]).assert_code(0);
        output
    })
}

/// `<CARGO_TARGET_TMPDIR>/built`, emptied once per test run so no earlier run's site is read.
fn built_sites_folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("built");
        if folder.exists() {
            std::fs::remove_dir_all(&folder).expect("remove the previous run's built sites");
        }
        std::fs::create_dir_all(&folder).expect("create the built sites' folder");
        folder
    })
}

/// The file of an overlay fixture listing the paths it deletes from its base.
const OVERLAY_REMOVALS: &str = "remove.txt";

/// Copies a folder recursively, bytes as they are.
pub fn copy_dir(from: &Path, to: &Path) {
    copy_dir_except(from, to, &[]);
}

/// Copies a folder recursively, bytes as they are, except the files of its top level named in
/// `skipped`.
fn copy_dir_except(from: &Path, to: &Path, skipped: &[&str]) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("folder entry");
        if skipped.iter().any(|name| entry.file_name() == *name) {
            continue;
        }
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

/// The cells of a CSV text, header row first, as a spreadsheet reads them (quotes undone).
pub fn csv_cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| {
            record
                .expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// The cells of the CSV file `relative` of a built site, header row first.
pub fn csv_file(output: &Path, relative: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(output.join(relative))
        .unwrap_or_else(|e| panic!("{relative} is missing: {e}"));
    csv_cells(&text)
}
