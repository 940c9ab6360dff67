//! Loading: walks the site folder and turns every file into typed model values, collecting
//! every problem on the way instead of stopping at the first.

pub mod files;
mod flow;
pub mod front_matter;
mod hints;
pub mod observations;
pub mod paths;
mod recovery;
pub mod yaml;

use crate::config::editions::Edition;
use crate::model::lang::Lang;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::config::{self, Config};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::data::{Assessment, AssessmentFile, Data, DatasetPath, Framework, FrameworkFile};
use crate::model::documents::{Document, Documents, Meta, Section};
use crate::model::Site;

/// The site's settings file, relative to the root.
pub const CONFIG_FILE: &str = "site.yaml";

/// What the site says of each dataset: illustrative or real, its source, when updated.
pub const DATASETS_FILE: &str = "content/data/datasets.yaml";

/// The files and folders a site is built from, relative to its root: `serve` watches them and
/// `build` never writes over them.
pub const SOURCES: &[&str] = &[CONFIG_FILE, "content", "themes", "templates", "static"];

/// Reads `root/site.yaml`; without valid settings nothing else can be loaded.
pub fn load_config(root: &Path) -> Result<Config, Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let file =
        match files::read_source(root, Path::new(CONFIG_FILE)) {
            Ok(file) => file,
            Err(problem) if problem.help.is_some() => {
                diagnostics.push(problem);
                return Err(diagnostics);
            }
            Err(problem) => {
                diagnostics.push(problem.with_help(
                    "run benchlearn in a site folder (one with site.yaml), or pass --root",
                ));
                return Err(diagnostics);
            }
        };
    config::parse(&file).map_err(|problems| {
        diagnostics.extend(problems);
        diagnostics
    })
}

/// Loads all content of the site under `root`, with the problems found while reading it.
pub fn load(root: &Path, config: Config) -> (Site, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let content = Path::new("content");
    let (data, documents) = match paths::inside_root(root, content) {
        Ok(real) if real.is_dir() => {
            let languages = config.languages();
            let data = load_data(root, languages, &mut diagnostics);
            (data, load_documents(root, languages, &mut diagnostics))
        }
        // Said once here rather than again for every file below it.
        Err(problem) if paths::is_present(root, content) => {
            diagnostics.push(problem);
            (Data::default(), Documents::default())
        }
        _ => {
            diagnostics.push(Diagnostic::in_path(
                content,
                "there is no content/ folder; a site keeps its data and documents in content/",
            ));
            (Data::default(), Documents::default())
        }
    };
    if diagnostics.is_empty() && data.pes.is_empty() && documents.is_empty() {
        diagnostics.push(Diagnostic::in_path(
            "content",
            "content/ holds no data and no documents; nothing to publish",
        )
        .with_help("add content/data/pes.yaml and documents under content/practices/, content/pages/ …"));
    }
    let site = Site {
        root: root.to_path_buf(),
        config,
        data,
        documents,
        edition: Edition::default(),
    };
    (site, diagnostics)
}

/// Loads `content/data/` alone, for `serve` to refresh data without rereading documents.
/// CSV observations are checked against the site's `languages` as they are read.
pub fn load_data(root: &Path, languages: &[Lang], diagnostics: &mut Diagnostics) -> Data {
    let mut data = Data::default();
    if let Some((file, pes)) = load_yaml_list(root, "content/data/pes.yaml", diagnostics) {
        data.pes = pes;
        data.pes_file = Some(file);
    }
    if let Some((file, clusters)) = load_yaml_list(root, "content/data/clusters.yaml", diagnostics)
    {
        data.clusters = clusters;
        data.clusters_file = Some(file);
    }
    if let Some((file, networks)) = load_yaml_list(root, "content/data/networks.yaml", diagnostics)
    {
        data.networks = networks;
        data.networks_file = Some(file);
    }
    if let Some((file, categories)) =
        load_yaml_list(root, "content/data/categories.yaml", diagnostics)
    {
        data.categories = categories;
        data.categories_file = Some(file);
    }
    if let Some((file, indicators)) =
        load_yaml_list(root, "content/data/indicators.yaml", diagnostics)
    {
        data.indicators = indicators;
        data.indicators_file = Some(file);
    }
    if let Some((file, areas)) = load_yaml_list(root, "content/data/areas.yaml", diagnostics) {
        data.areas = areas;
        data.areas_file = Some(file);
    }
    if let Some((file, datasets)) = load_yaml_list(root, DATASETS_FILE, diagnostics) {
        data.datasets = datasets;
        data.datasets_file = Some(file);
    }
    for (relative, loaded) in [
        ("content/data/pes.yaml", data.pes_file.is_some()),
        ("content/data/clusters.yaml", data.clusters_file.is_some()),
        ("content/data/networks.yaml", data.networks_file.is_some()),
        (
            "content/data/categories.yaml",
            data.categories_file.is_some(),
        ),
        (
            "content/data/indicators.yaml",
            data.indicators_file.is_some(),
        ),
        ("content/data/areas.yaml", data.areas_file.is_some()),
    ] {
        if !loaded && paths::is_present(root, Path::new(relative)) {
            data.unloaded.push(PathBuf::from(relative));
        }
    }
    for path in files_under(root, "content/data/observations", diagnostics) {
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(extension, "csv" | "yaml" | "yml") {
            diagnostics.push(Diagnostic::in_path(
                &path,
                "observations must be .yaml or .csv files",
            ));
            continue;
        }
        let file = match files::read_source(root, &path) {
            Ok(file) => file,
            Err(problem) => {
                diagnostics.push(problem);
                continue;
            }
        };
        let (list, problems) = match extension {
            "csv" => observations::from_csv(&file, languages),
            _ => match observations::from_yaml(&file) {
                Ok(list) => (list, Vec::new()),
                Err(problems) => (Vec::new(), problems),
            },
        };
        data.observations.extend(list);
        diagnostics.extend(problems);
    }
    for path in files_under(root, "content/data/assessments", diagnostics) {
        let Some((cycle, pes)) = assessment_key(&path) else {
            diagnostics.push(Diagnostic::in_path(
                &path,
                "an assessment is content/data/assessments/<cycle>/<pes-id>.yaml",
            ));
            continue;
        };
        if !crate::model::text::is_valid_slug(&cycle) {
            diagnostics.push(invalid_cycle(&path, &cycle));
            continue;
        }
        // Read past its wrong values, so that the scores' ranges are checked too.
        if let Some((file, body)) = load_yaml_leniently::<AssessmentFile>(root, &path, diagnostics)
        {
            data.assessments.push(Assessment {
                dataset: DatasetPath::of(path.parent().unwrap_or(&path)),
                cycle,
                pes,
                file,
                body,
            });
        }
    }
    for path in files_under(root, "content/data/frameworks", diagnostics) {
        let Some(pes) = yaml_stem(&path) else {
            diagnostics.push(Diagnostic::in_path(
                &path,
                "a framework is content/data/frameworks/<pes-id>.yaml",
            ));
            continue;
        };
        match load_yaml::<FrameworkFile>(root, &path, diagnostics) {
            Some((file, body)) => data.frameworks.push(Framework {
                dataset: DatasetPath::of(&path),
                pes,
                file,
                body,
            }),
            // Its own error is reported; a visit naming it is not reported on top.
            None => data.unloaded.push(path.clone()),
        }
    }
    data
}

fn yaml_stem(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?;
    matches!(extension, "yaml" | "yml").then_some(())?;
    Some(path.file_stem()?.to_str()?.to_string())
}

fn assessment_key(path: &Path) -> Option<(String, String)> {
    let pes = yaml_stem(path)?;
    let cycle = path.parent()?.file_name()?.to_str()?.to_string();
    (cycle != "assessments").then_some((cycle, pes))
}

/// The cycle is part of the assessment pages' addresses, so its folder is named like a slug.
fn invalid_cycle(path: &Path, cycle: &str) -> Diagnostic {
    let folder = path.parent().unwrap_or(path);
    Diagnostic::in_path(
        folder,
        format!(
            "`{cycle}` is not a valid assessment cycle: the folder name is part of the pages' addresses"
        ),
    )
    .with_help("name the folder with lower-case a-z, 0-9 and single hyphens, e.g. 2024 or 2024-spring")
}

fn load_yaml_list<T: DeserializeOwned>(
    root: &Path,
    relative: &str,
    diagnostics: &mut Diagnostics,
) -> Option<(Arc<SourceFile>, Vec<T>)> {
    let path = Path::new(relative);
    if !paths::is_present(root, path) {
        return None;
    }
    load_yaml(root, path, diagnostics)
}

fn load_yaml<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(Arc<SourceFile>, T)> {
    let file = files::read_source(root, path)
        .map_err(|problem| diagnostics.push(problem))
        .ok()?;
    match yaml::parse(&file, 0) {
        Ok(value) => Some((file, value)),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// Like [`load_yaml`], but keeps the value read past the file's wrong values (see
/// [`yaml::read`]): its other values are then checked as well. The problems are reported, so
/// the build stops all the same.
fn load_yaml_leniently<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<(Arc<SourceFile>, T)> {
    let file = files::read_source(root, path)
        .map_err(|problem| diagnostics.push(problem))
        .ok()?;
    let text = yaml::yaml_text(&file, 0);
    let parsed = yaml::read(&file, text, 0);
    diagnostics.extend(parsed.problems);
    Some((file, parsed.value?))
}

/// Files below `root/relative`, relative to `root`, in a stable order; hidden files and
/// folders skipped, links held to the site folder.
fn files_under(root: &Path, relative: &str, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    paths::files_below(
        root,
        Path::new(relative),
        paths::HiddenFolders::Skip,
        diagnostics,
    )
}

fn load_documents(root: &Path, languages: &[Lang], diagnostics: &mut Diagnostics) -> Documents {
    let mut unloaded = Vec::new();
    Documents {
        practices: load_section(
            root,
            Section::Practices,
            languages,
            diagnostics,
            &mut unloaded,
        ),
        visits: load_section(root, Section::Visits, languages, diagnostics, &mut unloaded),
        reports: load_section(
            root,
            Section::Reports,
            languages,
            diagnostics,
            &mut unloaded,
        ),
        pages: load_section(root, Section::Pages, languages, diagnostics, &mut unloaded),
        unloaded,
        drafts: Vec::new(),
        withheld: Vec::new(),
    }
}

fn load_section<M: DeserializeOwned + Meta + Send>(
    root: &Path,
    section: Section,
    languages: &[Lang],
    diagnostics: &mut Diagnostics,
    unloaded: &mut Vec<(Section, String)>,
) -> Vec<Document<M>> {
    let paths: Vec<PathBuf> =
        files_under(root, &format!("content/{}", section.folder()), diagnostics)
            .into_iter()
            .filter(|path| !is_editor_temp_file(path))
            .collect();
    let results: Vec<Result<Document<M>, Vec<Diagnostic>>> = paths
        .par_iter()
        .map(|path| load_document(root, path, languages))
        .collect();
    let mut documents = Vec::new();
    for (path, result) in paths.iter().zip(results) {
        match result {
            Ok(document) => documents.push(document),
            Err(problems) => {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                if let Some((key, _)) = name.strip_suffix(".md").and_then(|s| s.rsplit_once('.')) {
                    unloaded.push((section, key.to_string()));
                }
                diagnostics.extend(problems);
            }
        }
    }
    documents
}

/// Editors' swap and backup files sit beside documents and are never content.
fn is_editor_temp_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") || name.starts_with('#')
}

/// Loads one document (`root`-relative `path`), for `serve` to reparse only an edited file.
pub fn load_document<M: DeserializeOwned + Meta>(
    root: &Path,
    path: &Path,
    languages: &[Lang],
) -> Result<Document<M>, Vec<Diagnostic>> {
    let file = files::read_source(root, path).map_err(|problem| vec![problem])?;
    // A badly named file's front matter is still checked, so both are fixed in one go.
    let key = document_key(&file, languages);
    let parts = front_matter::split(&file).map_err(|problem| vec![problem])?;
    let yaml = &file.text[parts.yaml_start..parts.yaml_end];
    let meta = yaml::parse_str::<M>(&file, yaml, parts.yaml_line);
    let ((key, lang), meta) = match (key, meta) {
        (Ok(key), Ok(meta)) => (key, meta),
        (key, meta) => {
            let mut problems: Vec<Diagnostic> = key.err().into_iter().collect();
            problems.extend(meta.err().unwrap_or_default());
            return Err(problems);
        }
    };
    let slug = meta
        .slug()
        .map_or_else(|| key.clone(), |slug| slug.value.clone());
    Ok(Document {
        key,
        slug,
        lang: Lang::new(&lang),
        file,
        front_matter_line: parts.yaml_line,
        body_offset: parts.body_offset,
        meta,
    })
}

/// `<slug>.<lang>.md` → (slug, lang), checking both.
fn document_key(
    file: &Arc<SourceFile>,
    languages: &[Lang],
) -> Result<(String, String), Diagnostic> {
    let name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let problem = |message: String| Diagnostic::in_path(&file.path, message);
    let Some(stem) = name.strip_suffix(".md") else {
        return Err(problem(format!(
            "`{name}` is not a Markdown document; documents are named <slug>.<lang>.md"
        )));
    };
    let Some((key, lang)) = stem.rsplit_once('.') else {
        return Err(problem(format!(
            "`{name}` has no language; name it <slug>.<lang>.md, e.g. {stem}.{}.md",
            languages.first().map_or("fr", Lang::as_str)
        )));
    };
    if !languages.iter().any(|l| l == lang) {
        let problem = problem(format!(
            "`{lang}` in `{name}` is not a language of the site (site.yaml lists {})",
            languages.join(", ")
        ));
        let lower = lang.to_ascii_lowercase();
        let codes = languages.iter().map(Lang::as_str);
        let meant = codes
            .clone()
            .find(|code| *code == lower)
            .or_else(|| crate::diagnostics::suggest(&lower, codes));
        return Err(match meant {
            Some(code) => problem.with_help(format!("rename the file {key}.{code}.md")),
            None => problem.with_help(format!(
                "rename the file to one of the site's languages, or add `{lang}` to `languages` in site.yaml"
            )),
        });
    }
    if !crate::model::text::is_valid_slug(key) {
        let problem = problem(format!(
            "`{key}` is not a valid slug; use lower-case a-z, 0-9 and single hyphens"
        ));
        return Err(match crate::model::text::slug_from(key) {
            Some(slug) => problem.with_help(format!("rename the file {slug}.{lang}.md")),
            None => problem,
        });
    }
    Ok((key.to_string(), lang.to_string()))
}
