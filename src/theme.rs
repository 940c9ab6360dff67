//! Themes: templates, static files and UI strings, layered so a site overrides only what it
//! needs. Lookup order, last wins: the built-in default theme, `themes/<name>/`, then the
//! site's own `templates/` and `static/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};

use crate::content::files::{read_bytes, read_source};
use crate::content::paths::{self, HiddenFolders};
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
    /// `themes/<name>`, relative to the site root: where the site adds its own files, such as
    /// the UI strings of a language the built-in theme lacks.
    pub folder: PathBuf,
}

impl Theme {
    /// Collects the theme layers of the site at `root` using theme `name`.
    pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> Theme {
        let theme_dir = Path::new("themes").join(name);
        let mut theme = Theme {
            folder: theme_dir.clone(),
            ..Theme::default()
        };
        theme.add_built_in(diagnostics);
        if theme_folder_usable(root, name, &theme_dir, diagnostics) {
            theme.add_folder(
                root,
                &theme_dir.join("templates"),
                Layer::Templates,
                diagnostics,
            );
            theme.add_folder(root, &theme_dir.join("static"), Layer::Static, diagnostics);
            theme.add_i18n_folder(root, &theme_dir.join("i18n"), diagnostics);
        }
        theme.add_folder(root, Path::new("templates"), Layer::Templates, diagnostics);
        theme.add_folder(root, Path::new("static"), Layer::Static, diagnostics);
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

    fn add_folder(
        &mut self,
        root: &Path,
        folder: &Path,
        layer: Layer,
        diagnostics: &mut Diagnostics,
    ) {
        for (name, origin) in files_in(root, folder, diagnostics) {
            let bytes = match read_bytes(root, &origin) {
                Ok(bytes) => bytes,
                Err(problem) => {
                    diagnostics.push(problem);
                    continue;
                }
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
        for (name, origin) in files_in(root, folder, diagnostics) {
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

/// Whether `themes/<name>/` can be read: it is missing (the built-in `default` needs no
/// folder) or leads out of the site, each said once here rather than for every file in it.
fn theme_folder_usable(
    root: &Path,
    name: &str,
    theme_dir: &Path,
    diagnostics: &mut Diagnostics,
) -> bool {
    if !paths::is_present(root, theme_dir) {
        if name != "default" {
            diagnostics.push(Diagnostic::in_path(
                "site.yaml",
                format!(
                    "theme `{name}` not found: there is no folder {}",
                    theme_dir.display()
                ),
            ));
        }
        return false;
    }
    match paths::inside_root(root, theme_dir) {
        Ok(_) => true,
        Err(problem) => {
            diagnostics.push(problem);
            false
        }
    }
}

/// Files under `root/folder` as (name relative to the folder, path relative to root); hidden
/// files are left out, hidden folders (`static/.well-known/`) kept.
fn files_in(root: &Path, folder: &Path, diagnostics: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    paths::files_below(root, folder, HiddenFolders::Enter, diagnostics)
        .into_iter()
        .filter_map(|origin| {
            let name = origin.strip_prefix(folder).ok()?;
            let name = name.to_string_lossy().replace('\\', "/");
            Some((name, origin))
        })
        .collect()
}
