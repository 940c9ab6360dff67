//! What to rebuild after an edit: the loaded site is kept between rebuilds, only the changed
//! files are read again, and only the pages that show them are rendered.
//!
//! Incremental updates start only from a clean state: after any problem the next rebuild loads
//! the whole site again, so the error report is always complete and recovery always exact.

use crate::model::audience::Audience;
use crate::model::lang::Lang;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use icu_locale_core::Locale;
use serde::de::DeserializeOwned;

use crate::content;
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::model::data::Data;
use crate::model::documents::{Document, Listable, Section};
use crate::pipeline::{Loaded, Options, Project};
use crate::render::engine::template_uses::TemplateUses;
use crate::render::OutputFile;
use crate::render::{Change, DataFile, Relisting};
use crate::theme::Theme;

/// The files of a successful rebuild.
pub struct Rebuilt {
    pub files: Vec<OutputFile>,
    /// Whether `files` is the whole site (else: only the pages that changed).
    pub complete: bool,
}

/// The site's state between rebuilds.
pub struct Builder {
    project: Project,
    /// The loaded site, kept only while it built without problems.
    loaded: Option<Loaded>,
    /// The last UI strings that loaded, to word the error overlay.
    strings: Option<Strings>,
    /// The site's languages and their CLDR locales as last loaded.
    locales: Vec<(Lang, Locale)>,
    default_language: String,
}

/// How a changed file affects the site.
#[derive(Debug, PartialEq, Eq)]
enum Touched {
    /// Settings or something unforeseen: load everything again.
    Everything,
    /// UI strings, or a theme file of no known kind: every page.
    Theme,
    /// A template, by name: the pages rendered with it or with a template using it.
    Template(String),
    /// Only copied files of the theme or site.
    Static,
    /// Members, clusters, networks, categories, indicators, areas: the pages that show them.
    Data(DataFile),
    /// Observations, assessments, frameworks: shown on PES pages.
    Measures,
    Document(Section),
}

impl Builder {
    pub fn new(root: &Path, base_url: String, drafts: bool, edition: Option<String>) -> Builder {
        Builder {
            project: Project::new(
                root,
                Options {
                    base_url: Some(base_url),
                    drafts,
                    edition,
                },
            ),
            loaded: None,
            strings: None,
            locales: Vec::new(),
            default_language: String::new(),
        }
    }

    /// The site's languages and their CLDR locales as last loaded.
    pub fn locales(&self) -> &[(Lang, Locale)] {
        &self.locales
    }

    /// The language of pages outside any language folder.
    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// The settings of the site as last built without problems.
    pub fn config(&self) -> Option<&crate::config::Config> {
        self.loaded.as_ref().map(|loaded| &loaded.site.config)
    }

    /// The UI strings of the last load that had them, for the error overlay.
    pub fn strings(&self) -> Option<&Strings> {
        self.strings.as_ref()
    }

    /// Loads and renders the whole site (its search index is built in the background).
    pub fn full(&mut self) -> Result<Rebuilt, Diagnostics> {
        self.loaded = None;
        let loaded = self.project.load()?;
        self.strings = Some(loaded.strings.clone());
        self.locales = loaded.site.config.locales();
        self.default_language = loaded.site.config.default_language.value.clone();
        let files = loaded.render_all()?;
        self.loaded = Some(loaded);
        Ok(Rebuilt {
            files,
            complete: true,
        })
    }

    /// Rebuilds after `changed` (paths relative to the root), as little as the change allows.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, Diagnostics> {
        let touched: Vec<(Touched, &PathBuf)> =
            changed.iter().map(|path| (classify(path), path)).collect();
        let Some(mut loaded) = self.loaded.take() else {
            return self.full();
        };
        if touched.iter().any(|(t, _)| *t == Touched::Everything) {
            return self.full();
        }
        let mut problems = Diagnostics::default();
        let mut render_all = false;
        let mut changes = Vec::new();
        if touched
            .iter()
            .any(|(t, _)| matches!(t, Touched::Theme | Touched::Template(_) | Touched::Static))
        {
            let site = &loaded.site;
            loaded.theme =
                Theme::load(self.project.root(), &site.config.theme.value, &mut problems);
            if touched.iter().any(|(t, _)| *t == Touched::Theme) {
                let languages = site.config.languages();
                loaded.strings = Strings::load(&loaded.theme, languages, &mut problems);
                render_all = true;
            }
            let templates: BTreeSet<String> = touched
                .iter()
                .filter_map(|(t, _)| match t {
                    Touched::Template(name) => Some(name.clone()),
                    _ => None,
                })
                .collect();
            if !templates.is_empty() {
                let users = TemplateUses::of(&loaded.theme).users_of(&templates);
                changes.push(Change::Templates(users));
            }
        }
        if touched
            .iter()
            .any(|(t, _)| matches!(t, Touched::Data(_) | Touched::Measures))
        {
            let data = content::load_data(
                self.project.root(),
                loaded.site.config.languages(),
                &mut problems,
            );
            // New or removed ids add or remove pages and change what links resolve to.
            render_all |= ids(&data) != ids(&loaded.site.data);
            loaded.site.data = data;
            loaded.site.withhold_data();
            changes.push(Change::Measures);
            changes.extend(touched.iter().filter_map(|(t, _)| match t {
                Touched::Data(file) => Some(Change::Data(*file)),
                _ => None,
            }));
        }
        for (touched, path) in &touched {
            if let Touched::Document(section) = touched {
                match reload_document(
                    &mut loaded,
                    *section,
                    self.project.root(),
                    path,
                    self.project.options().drafts,
                ) {
                    Reloaded::InPlace {
                        key,
                        pes,
                        relisting,
                    } => changes.push(Change::Document {
                        section: *section,
                        key,
                        pes,
                        relisting,
                    }),
                    Reloaded::Moved => render_all = true,
                    Reloaded::Hidden => {}
                    Reloaded::Unloadable => return self.full(),
                }
            }
        }
        if !problems.is_empty() {
            return self.full();
        }
        loaded.revalidate();
        if !loaded.problems().is_empty() {
            return Err(loaded.problems().clone());
        }
        let files = if render_all {
            loaded.render_all()?
        } else {
            loaded.render_changed(&changes)?
        };
        self.strings = Some(loaded.strings.clone());
        self.loaded = Some(loaded);
        Ok(Rebuilt {
            files,
            complete: render_all,
        })
    }
}

fn classify(path: &Path) -> Touched {
    let parts: Vec<&str> = path
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect();
    match parts.as_slice() {
        ["content", "data", "observations" | "assessments" | "frameworks", _, ..] => {
            Touched::Measures
        }
        // What each dataset says of itself: the provenance under the figures.
        ["content", "data", "datasets.yaml"] => Touched::Measures,
        ["content", "data", "pes.yaml"] => Touched::Data(DataFile::Pes),
        ["content", "data", "clusters.yaml"] => Touched::Data(DataFile::Clusters),
        ["content", "data", "networks.yaml"] => Touched::Data(DataFile::Networks),
        ["content", "data", "categories.yaml"] => Touched::Data(DataFile::Categories),
        ["content", "data", "indicators.yaml"] => Touched::Data(DataFile::Indicators),
        ["content", "data", "areas.yaml"] => Touched::Data(DataFile::Areas),
        ["content", folder, .., name] if name.ends_with(".md") => {
            Section::from_folder(folder).map_or(Touched::Everything, Touched::Document)
        }
        ["themes", _, "static", ..] | ["static", ..] => Touched::Static,
        ["themes", _, "templates", name @ ..] | ["templates", name @ ..] if !name.is_empty() => {
            Touched::Template(name.join("/"))
        }
        ["themes", ..] | ["templates", ..] => Touched::Theme,
        _ => Touched::Everything,
    }
}

/// Every id of the members, peer groups, indicators and areas, in file order.
fn ids(data: &Data) -> [Vec<&str>; 4] {
    [
        data.pes.iter().map(|p| p.id.value.as_str()).collect(),
        data.clusters.iter().map(|c| c.id.value.as_str()).collect(),
        data.indicators
            .iter()
            .map(|i| i.id.value.as_str())
            .collect(),
        data.areas.iter().map(|a| a.id.value.as_str()).collect(),
    ]
}

/// What reading a document again did to the loaded site.
enum Reloaded {
    /// Edited in place: same key, language and URL; `pes` are the members it belonged to
    /// before and after, `relisting` how the edit moved it in lists.
    InPlace {
        key: String,
        pes: Vec<String>,
        relisting: Relisting,
    },
    /// Added, removed or given another URL: links on any page may change.
    Moved,
    /// A draft, or a document for another audience, that stays out of the site.
    Hidden,
    /// It does not load, or became a draft that links may point to: a full rebuild finds
    /// every problem.
    Unloadable,
}

/// Reads one document again into the loaded site.
fn reload_document(
    loaded: &mut Loaded,
    section: Section,
    root: &Path,
    path: &Path,
    drafts: bool,
) -> Reloaded {
    let source = Source {
        root,
        path,
        section,
        languages: loaded.site.config.languages(),
        hide_drafts: !drafts,
        audience: loaded.site.edition.audience,
    };
    let documents = &mut loaded.site.documents;
    let withheld = &mut documents.withheld;
    match section {
        Section::Practices => replace(&mut documents.practices, withheld, &source, |m| {
            Some(m.pes.value.clone())
        }),
        Section::Visits => replace(&mut documents.visits, withheld, &source, |m| {
            Some(m.host.value.clone())
        }),
        Section::Reports => replace(&mut documents.reports, withheld, &source, |_| None),
        Section::Pages => replace(&mut documents.pages, withheld, &source, |_| None),
    }
}

/// Where an edited document is read from, whether drafts stay out and who reads the edition.
struct Source<'a> {
    root: &'a Path,
    path: &'a Path,
    section: Section,
    languages: &'a [Lang],
    hide_drafts: bool,
    audience: Audience,
}

/// Reads the document at `source` again into `documents`; one the edition's audience may not
/// read stays out, noted in `withheld` so that a link to it is reported as what it is.
fn replace<M: DeserializeOwned + Listable>(
    documents: &mut Vec<Document<M>>,
    withheld: &mut Vec<(Section, String, Lang)>,
    source: &Source<'_>,
    member: impl Fn(&M) -> Option<String>,
) -> Reloaded {
    let Source {
        root,
        path,
        section,
        languages,
        hide_drafts,
        audience,
    } = *source;
    let position = documents.iter().position(|d| d.file.path == path);
    // A broken link is present, to be reported by the full rebuild its loading failure causes.
    if !content::paths::is_present(root, path) {
        if let Some(index) = position {
            documents.remove(index);
        }
        return Reloaded::Moved;
    }
    let Ok(document) = content::load_document::<M>(root, path, languages) else {
        return Reloaded::Unloadable;
    };
    let for_others = !audience.reads(document.meta.audience());
    if for_others || (hide_drafts && document.meta.draft()) {
        if position.is_some() {
            return Reloaded::Unloadable;
        }
        let entry = (section, document.key, document.lang);
        if for_others && !withheld.contains(&entry) {
            withheld.push(entry);
            withheld.sort();
        }
        return Reloaded::Hidden;
    }
    let Some(index) = position else {
        // Same order as a full load: by path.
        let index = documents.partition_point(|d| d.file.path.as_path() < path);
        documents.insert(index, document);
        return Reloaded::Moved;
    };
    let old = &documents[index];
    let same_place =
        old.key == document.key && old.slug == document.slug && old.lang == document.lang;
    let key = document.key.clone();
    let mut pes: Vec<String> = [member(&old.meta), member(&document.meta)]
        .into_iter()
        .flatten()
        .collect();
    pes.dedup();
    let relisting = Relisting::of(old, &document);
    documents[index] = document;
    if same_place {
        Reloaded::InPlace {
            key,
            pes,
            relisting,
        }
    } else {
        Reloaded::Moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changes() {
        let cases = [
            ("site.yaml", Touched::Everything),
            ("content/data/pes.yaml", Touched::Data(DataFile::Pes)),
            (
                "content/data/indicators.yaml",
                Touched::Data(DataFile::Indicators),
            ),
            ("content/data/other.yaml", Touched::Everything),
            ("content/data/observations/a.csv", Touched::Measures),
            ("content/data/datasets.yaml", Touched::Measures),
            (
                "content/data/assessments/2024/fr-ft.yaml",
                Touched::Measures,
            ),
            (
                "content/practices/x.fr.md",
                Touched::Document(Section::Practices),
            ),
            (
                "content/pages/about.en.md",
                Touched::Document(Section::Pages),
            ),
            ("content/unknown/x.fr.md", Touched::Everything),
            (
                "themes/default/templates/base.html",
                Touched::Template("base.html".into()),
            ),
            (
                "templates/partials/note.html",
                Touched::Template("partials/note.html".into()),
            ),
            ("themes/default/i18n/fr.yaml", Touched::Theme),
            ("themes/default/static/style.css", Touched::Static),
            ("static/logo.svg", Touched::Static),
            (
                "templates/practice.html",
                Touched::Template("practice.html".into()),
            ),
            ("themes/default/theme.yaml", Touched::Theme),
        ];
        for (path, expected) in cases {
            assert_eq!(classify(Path::new(path)), expected, "{path}");
        }
    }
}
