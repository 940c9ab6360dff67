//! `benchlearn init`: a small, valid, bilingual site to start from, which builds at once.
//!
//! The files are those of the repository's `starter/` folder, compiled in, so they can be read
//! and tested as they are; the JSON Schemas are written as `benchlearn schema` writes them.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::config;
use crate::content::CONFIG_FILE;
use crate::diagnostics::SourceFile;
use crate::schema;
use crate::terminal;

/// The starter site's files, by path relative to the new site's folder.
const STARTER: &[(&str, &str)] = &[
    ("site.yaml", include_str!("../../starter/site.yaml")),
    (".gitignore", include_str!("../../starter/.gitignore")),
    (
        "content/data/networks.yaml",
        include_str!("../../starter/content/data/networks.yaml"),
    ),
    (
        "content/data/clusters.yaml",
        include_str!("../../starter/content/data/clusters.yaml"),
    ),
    (
        "content/data/pes.yaml",
        include_str!("../../starter/content/data/pes.yaml"),
    ),
    (
        "content/data/categories.yaml",
        include_str!("../../starter/content/data/categories.yaml"),
    ),
    (
        "content/data/indicators.yaml",
        include_str!("../../starter/content/data/indicators.yaml"),
    ),
    (
        "content/data/areas.yaml",
        include_str!("../../starter/content/data/areas.yaml"),
    ),
    (
        "content/data/observations/example-pes.yaml",
        include_str!("../../starter/content/data/observations/example-pes.yaml"),
    ),
    (
        "content/practices/example-practice.fr.md",
        include_str!("../../starter/content/practices/example-practice.fr.md"),
    ),
    (
        "content/practices/example-practice.en.md",
        include_str!("../../starter/content/practices/example-practice.en.md"),
    ),
    (
        "content/pages/about.fr.md",
        include_str!("../../starter/content/pages/about.fr.md"),
    ),
    (
        "content/pages/about.en.md",
        include_str!("../../starter/content/pages/about.en.md"),
    ),
];

/// Writes the starter site into `folder` (created if missing), then says what to do next.
/// Writes nothing if any of its files already exists there.
pub fn run(folder: &Path) -> Outcome {
    let files = match starter_files() {
        Ok(files) => files,
        Err(problem) => {
            terminal::stderr_line(format_args!("error: the starter site is broken: {problem}"));
            return Outcome::UsageOrIo;
        }
    };
    let existing: Vec<PathBuf> = files
        .iter()
        .map(|(path, _)| folder.join(path))
        .filter(|path| path.symlink_metadata().is_ok())
        .collect();
    if !existing.is_empty() {
        terminal::stderr_line(format_args!(
            "error: nothing was written: {}; run init in a new or empty folder",
            already_there(&existing)
        ));
        return Outcome::UsageOrIo;
    }
    for (path, text) in &files {
        if let Err(error) = write_new(&folder.join(path), text) {
            terminal::stderr_line(format_args!("error: {error}"));
            return Outcome::UsageOrIo;
        }
    }
    terminal::stderr_line(next_steps(folder));
    Outcome::Success
}

/// Every file `init` writes: the starter site, and the schemas for its languages.
fn starter_files() -> Result<Vec<(PathBuf, String)>, String> {
    let settings = SourceFile::new(CONFIG_FILE, STARTER[0].1);
    let languages = config::parse(&settings)
        .map_err(|problems| {
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?
        .languages()
        .to_vec();
    let site = STARTER
        .iter()
        .map(|(path, text)| (PathBuf::from(path), (*text).to_string()));
    let schemas = schema::render_all(&languages)
        .into_iter()
        .map(|(name, text)| (Path::new(schema::SCHEMA_DIR).join(name), text));
    Ok(site.chain(schemas).collect())
}

/// Writes `text` to a new file at `path`, creating its folder; never replaces a file that
/// appeared since it was looked for.
fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| format!("cannot create {}: {error}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The files in the way, the first few by name: `site.yaml and content/… already exist`.
fn already_there(existing: &[PathBuf]) -> String {
    const NAMED: usize = 4;
    let mut names: Vec<String> = existing
        .iter()
        .take(NAMED)
        .map(|path| path.display().to_string())
        .collect();
    if existing.len() > NAMED {
        names.push(format!("{} more files", existing.len() - NAMED));
    }
    let verb = if existing.len() == 1 {
        "exists"
    } else {
        "exist"
    };
    format!("{} already {verb}", names.join(", "))
}

/// What the author does next: preview, add, publish.
fn next_steps(folder: &Path) -> String {
    let go = if folder == Path::new(".") {
        String::new()
    } else {
        format!("  cd {}\n", folder.display())
    };
    format!(
        "created a bilingual (fr, en) site in {}: site.yaml, content/ (an example PES, indicator, \
         practice and page, with illustrative figures) and schemas/ for your editor\n\
         next:\n{go}  \
         benchlearn serve                     preview it at http://127.0.0.1:1111/, reloaded on every save\n  \
         benchlearn new practice my-practice  add a document (a draft, in both languages)\n  \
         benchlearn check                     list what is wrong or left to write\n  \
         benchlearn build                     publish it into output/, for any static host",
        folder.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_names_its_files_once() {
        let files = starter_files().expect("the starter's site.yaml parses");
        let mut paths: Vec<&PathBuf> = files.iter().map(|(path, _)| path).collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), files.len());
        assert!(paths
            .iter()
            .any(|p| p.ends_with("schemas/practice.schema.json")));
    }
}
