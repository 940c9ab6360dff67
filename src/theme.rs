//! Themes: templates, static files and UI strings, layered so a site overrides only what it
//! needs. Lookup order, last wins: the built-in default theme, `themes/<name>/`, then the
//! site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::content::files::read_source;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

/// The default theme, compiled in so any site folder builds without copying a theme.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A file of the theme, with where it came from for error messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path shown to authors: `themes/default/templates/base.html` or `(built-in)/…`.
    pub origin: PathBuf,
    pub bytes: Arc<Vec<u8>>,
}

/// The merged theme of a site.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (path under `templates/`) → source.
    pub templates: BTreeMap<String, ThemeFile>,
    /// Path under `static/` → file, copied to the output root.
    pub static_files: BTreeMap<String, ThemeFile>,
    /// Language → its i18n files, built-in first: later files override earlier ones key by key.
    pub i18n: BTreeMap<String, Vec<Arc<SourceFile>>>,
}

impl Theme {
    /// Collects the theme layers of the site at `root` using theme `name`.
    pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Theme {
        let mut theme = Theme::default();
        theme.add_built_in(diagnostics);
        let theme_dir = Path::new("themes").join(name);
        if name != "default" && !root.join(&theme_dir).is_dir() {
            diagnostics.push(Diagnostic::in_path(
                "site.yaml",
                format!(
                    "theme `{name}` not found: there is no folder {}",
                    theme_dir.display()
                ),
            ));
        }
        theme.add_folder(root, &theme_dir.join("templates"), Layer::Templates);
        theme.add_folder(root, &theme_dir.join("static"), Layer::Static);
        theme.add_i18n_folder(root, &theme_dir.join("i18n"), diagnostics);
        theme.add_folder(root, Path::new("templates"), Layer::Templates);
        theme.add_folder(root, Path::new("static"), Layer::Static);
        theme
    }

    fn add_built_in(&mut self, diagnostics: &mut Diagnostics) {
        for file in all_files(&BUILT_IN) {
            let path = file.path();
            let origin = Path::new("(built-in theme)").join(path);
            let bytes = Arc::new(file.contents().to_vec());
            let relative = |prefix: &str| {
                path.strip_prefix(prefix)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            };
            if let Some(name) = relative("templates") {
                self.templates.insert(name, ThemeFile { origin, bytes });
            } else if let Some(name) = relative("static") {
                self.static_files.insert(name, ThemeFile { origin, bytes });
            } else if let Some(name) = relative("i18n") {
                let Some(lang) = name.strip_suffix(".yaml") else {
                    continue;
                };
                match std::str::from_utf8(&bytes) {
                    Ok(text) => self.add_strings(lang, SourceFile::new(origin, text)),
                    Err(_) => diagnostics.push(Diagnostic::in_path(origin, "not UTF-8")),
                }
            }
        }
    }

    fn add_strings(&mut self, lang: &str, file: Arc<SourceFile>) {
        self.i18n.entry(lang.to_string()).or_default().push(file);
    }

    fn add_folder(&mut self, root: &Path, folder: &Path, layer: Layer) {
        for (name, origin) in files_in(root, folder) {
            let Ok(bytes) = std::fs::read(root.join(&origin)) else {
                continue;
            };
            let file = ThemeFile {
                origin,
                bytes: Arc::new(bytes),
            };
            match layer {
                Layer::Templates => self.templates.insert(name, file),
                Layer::Static => self.static_files.insert(name, file),
            };
        }
    }

    fn add_i18n_folder(&mut self, root: &Path, folder: &Path, diagnostics: &mut Diagnostics) {
        for (name, origin) in files_in(root, folder) {
            let Some(lang) = name.strip_suffix(".yaml") else {
                continue;
            };
            match read_source(root, &origin) {
                Ok(file) => self.add_strings(lang, file),
                Err(problem) => diagnostics.push(problem),
            }
        }
    }
}

enum Layer {
    Templates,
    Static,
}

fn all_files<'a>(dir: &'a Dir<'a>) -> Vec<&'a include_dir::File<'a>> {
    let mut files: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files
}

/// Files under `root/folder` as (name relative to the folder, path relative to root).
fn files_in(root: &Path, folder: &Path) -> Vec<(String, PathBuf)> {
    let full = root.join(folder);
    if !full.is_dir() {
        return Vec::new();
    }
    WalkDir::new(&full)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| {
            let name = entry.path().strip_prefix(&full).ok()?;
            let name = name.to_string_lossy().replace('\\', "/");
            Some((name, folder.join(entry.path().strip_prefix(&full).ok()?)))
        })
        .collect()
}
