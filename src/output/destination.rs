//! Where `build` may write. Building replaces the whole output folder, so the folder must be
//! one benchlearn wrote before (it holds [`MARKER`]), an empty one or a new one, and never the
//! site, a folder holding it, or anything inside its sources.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::SOURCES;

/// The file at the top of every site `build` writes: the proof that the folder is benchlearn's
/// to replace. It names no page and no page links to it.
pub const MARKER: &str = ".benchlearn-output";

/// What [`MARKER`] says to whoever opens it.
pub(super) const MARKER_TEXT: &str = "This folder was written by `benchlearn build`, which deletes and rewrites it on every build: keep nothing else in it.\n";

/// Why `build` will not write to the output folder asked for.
#[derive(Debug, thiserror::Error)]
pub enum DestinationError {
    #[error("cannot find where {path} is: {source}")]
    Resolve { path: PathBuf, source: io::Error },
    #[error(
        "refusing to build into {path}: it is a symbolic link to {target}, which does not \
         exist; create that folder or choose another --output"
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error(
        "refusing to build into {path}: it is the site folder itself, and a build replaces the \
         whole output folder; choose another --output (the default is <root>/output)"
    )]
    IsSite { path: PathBuf },
    #[error(
        "refusing to build into {path}: it contains the site folder, and a build replaces the \
         whole output folder; choose another --output (the default is <root>/output)"
    )]
    ContainsSite { path: PathBuf },
    #[error(
        "refusing to build into {path}: it is, or is inside, `{source_name}`, a source of the \
         site; choose a folder outside the site's sources"
    )]
    InSources { path: PathBuf, source_name: String },
    #[error(
        "refusing to build into {path}: it contains `{source_name}`, a source of the site, and \
         a build replaces the whole output folder"
    )]
    ContainsSources { path: PathBuf, source_name: String },
    #[error("refusing to build into {path}: it exists and is not a folder")]
    NotAFolder { path: PathBuf },
    #[error(
        "refusing to replace {path}: it is not empty and has no {MARKER} file, so benchlearn \
         did not write it; choose a new or empty folder for --output"
    )]
    NotOurs { path: PathBuf },
    #[error(
        "refusing to replace {path}: it has no {MARKER} file; it looks like a site built by an \
         older benchlearn, which did not mark its output: delete it once (rm -r {path}) and \
         build again"
    )]
    OlderBuild { path: PathBuf },
}

/// An output folder `build` may replace: checked against the site and resolved, symbolic links
/// followed, so the site is written where the folder really is and the links stay.
#[derive(Debug)]
pub struct Destination {
    resolved: PathBuf,
}

impl Destination {
    /// Checks that building the site at `root` into `requested` can only replace a site
    /// benchlearn wrote (or an empty or missing folder).
    pub fn check(root: &Path, requested: &Path) -> Result<Destination, DestinationError> {
        let resolved = resolve(requested)?;
        let root = fs::canonicalize(root).map_err(|source| DestinationError::Resolve {
            path: root.to_path_buf(),
            source,
        })?;
        let path = requested.to_path_buf();
        if resolved == root {
            return Err(DestinationError::IsSite { path });
        }
        if root.starts_with(&resolved) {
            return Err(DestinationError::ContainsSite { path });
        }
        for name in SOURCES {
            let source = resolve(&root.join(name)).unwrap_or_else(|_| root.join(name));
            let source_name = name.to_string();
            if resolved.starts_with(&source) {
                return Err(DestinationError::InSources { path, source_name });
            }
            if source.starts_with(&resolved) {
                return Err(DestinationError::ContainsSources { path, source_name });
            }
        }
        check_replaceable(&resolved, path)?;
        Ok(Destination { resolved })
    }

    /// The folder the site goes to, symbolic links resolved.
    pub fn path(&self) -> &Path {
        &self.resolved
    }
}

/// `path` made absolute with every symbolic link resolved; for a path that does not exist yet,
/// its nearest existing ancestor is resolved and the rest appended.
fn resolve(path: &Path) -> Result<PathBuf, DestinationError> {
    let mut existing = path;
    let mut missing = Vec::new();
    while fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name);
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            // A path ending in `..` or a root that is missing: canonicalize says why.
            _ => break,
        }
    }
    let mut resolved =
        fs::canonicalize(existing).map_err(|source| match fs::read_link(existing) {
            Ok(target) if source.kind() == io::ErrorKind::NotFound => {
                DestinationError::DanglingLink {
                    path: path.to_path_buf(),
                    target,
                }
            }
            _ => DestinationError::Resolve {
                path: path.to_path_buf(),
                source,
            },
        })?;
    resolved.extend(missing.iter().rev());
    Ok(resolved)
}

/// Whether what is at `resolved` may be replaced: nothing, a folder benchlearn wrote or an
/// empty folder.
fn check_replaceable(resolved: &Path, path: PathBuf) -> Result<(), DestinationError> {
    let metadata = match fs::metadata(resolved) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(DestinationError::Resolve { path, source }),
    };
    if !metadata.is_dir() {
        return Err(DestinationError::NotAFolder { path });
    }
    if is_marked(resolved) {
        return Ok(());
    }
    match is_empty_folder(resolved) {
        Ok(true) => Ok(()),
        Ok(false) if looks_like_an_older_build(resolved) => {
            Err(DestinationError::OlderBuild { path })
        }
        Ok(false) => Err(DestinationError::NotOurs { path }),
        Err(source) => Err(DestinationError::Resolve { path, source }),
    }
}

/// Whether `folder` holds [`MARKER`], so benchlearn wrote it.
pub(super) fn is_marked(folder: &Path) -> bool {
    fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// Whether `folder` has nothing in it.
pub(super) fn is_empty_folder(folder: &Path) -> io::Result<bool> {
    Ok(fs::read_dir(folder)?.next().is_none())
}

/// A site from before the marker: a home page and a sitemap at the top, as every build writes.
fn looks_like_an_older_build(folder: &Path) -> bool {
    ["index.html", "sitemap.xml"]
        .iter()
        .all(|name| folder.join(name).is_file())
}
