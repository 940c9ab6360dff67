//! Writing the built site: into a fresh folder beside the target, swapped into place only
//! when every file is written, so a failed build leaves the previous site as it was. Only a
//! folder benchlearn wrote (or an empty or new one) is ever replaced: see [`Destination`].

mod destination;
mod leftovers;

use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;
use destination::MARKER_TEXT;
pub use destination::{Destination, DestinationError, MARKER};
use leftovers::Leftover;

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("cannot move the new site into {path}: {source}")]
    Swap { path: PathBuf, source: io::Error },
    #[error("refusing to write {path}: it is outside the output folder")]
    Escape { path: PathBuf },
    #[error("cannot remove {path}, left by an earlier build: {source}")]
    RemoveLeftover { path: PathBuf, source: io::Error },
}

impl Destination {
    /// Removes the folders earlier builds of this output left beside it when they were killed
    /// (hundreds of MB each on a large site), returning those that could not be removed.
    pub fn remove_leftovers(&self) -> Vec<OutputError> {
        leftovers::remove(self.path())
    }
}

/// A new site being written beside `destination`, moved into place by [`Staging::finish`]
/// only once every file is written; dropped unfinished, it is removed and the previous site
/// stays as it was.
pub struct Staging {
    folder: tempfile::TempDir,
    destination: PathBuf,
}

impl Staging {
    /// Starts a new site for `destination`, in a folder beside it (same file system, so the
    /// final move is a rename), marked from the start as benchlearn's.
    pub fn new(target: &Destination) -> Result<Staging, OutputError> {
        let destination = target.path();
        let parent = destination.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|source| OutputError::CreateDir {
            path: parent.to_path_buf(),
            source,
        })?;
        let folder = tempfile::Builder::new()
            .prefix(&Leftover::Build.prefix(destination))
            .rand_bytes(leftovers::RANDOM_LENGTH)
            .tempdir_in(parent)
            .map_err(|source| OutputError::CreateDir {
                path: parent.to_path_buf(),
                source,
            })?;
        let marker = folder.path().join(MARKER);
        std::fs::write(&marker, MARKER_TEXT).map_err(|source| OutputError::Write {
            path: PathBuf::from(MARKER),
            source,
        })?;
        Ok(Staging {
            folder,
            destination: destination.to_path_buf(),
        })
    }

    /// Writes `files` into the new site.
    pub fn write(&self, files: &[OutputFile]) -> Result<(), OutputError> {
        files
            .iter()
            .try_for_each(|file| write_file(self.folder.path(), file))
    }

    /// Puts the new site in place of the old one.
    pub fn finish(self) -> Result<(), OutputError> {
        swap_into_place(self.folder, &self.destination)
    }
}

fn write_file(root: &Path, file: &OutputFile) -> Result<(), OutputError> {
    let relative = &file.path;
    let escapes = relative
        .components()
        .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        return Err(OutputError::Escape {
            path: relative.clone(),
        });
    }
    let path = root.join(relative);
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|source| OutputError::CreateDir {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&path, file.bytes.as_slice()).map_err(|source| OutputError::Write {
        path: relative.clone(),
        source,
    })
}

/// Moves the staging folder to `destination`, keeping the old site until the move succeeded.
fn swap_into_place(staging: tempfile::TempDir, destination: &Path) -> Result<(), OutputError> {
    let swap_error = |source| OutputError::Swap {
        path: destination.to_path_buf(),
        source,
    };
    let staged = staging.keep();
    if destination.exists() {
        let parent = staged.parent().unwrap_or(Path::new("."));
        let old = tempfile::Builder::new()
            .prefix(&Leftover::Old.prefix(destination))
            .rand_bytes(leftovers::RANDOM_LENGTH)
            .tempdir_in(parent)
            .map_err(swap_error)?;
        let old_path = old.path().join("site");
        std::fs::rename(destination, &old_path).map_err(swap_error)?;
        if let Err(error) = std::fs::rename(&staged, destination) {
            // Put the previous site back before reporting.
            let _ = std::fs::rename(&old_path, destination);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(swap_error(error));
        }
        drop(old);
    } else if let Err(error) = std::fs::rename(&staged, destination) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(swap_error(error));
    }
    Ok(())
}
