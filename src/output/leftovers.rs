//! The folders a build makes beside its output: the new site while it is written
//! (`.benchlearn-build-<output name>-XXXXXX`) and the previous site while the two are swapped
//! (`.benchlearn-old-<output name>-XXXXXX`). A killed build leaves them behind, each as large
//! as the site; the next build of the same output removes them, and nothing else.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;

use super::destination::{is_empty_folder, is_marked};
use super::OutputError;

/// How many random letters and digits end a leftover's name, as `tempfile` makes them.
pub(super) const RANDOM_LENGTH: usize = 6;

/// The longest part of the output's name copied into a leftover's name, in bytes, so the
/// whole name stays within what file systems allow.
const NAME_LENGTH: usize = 100;

/// What a folder beside the output is for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Leftover {
    /// The new site, while it is written.
    Build,
    /// The previous site, set aside (as `site` inside it) while the new one moves in.
    Old,
}

impl Leftover {
    /// The start of the name of such a folder for the output at `destination`: the output's
    /// name is part of it, so builds of other outputs in the same folder are left alone.
    pub(super) fn prefix(self, destination: &Path) -> String {
        let kind = match self {
            Leftover::Build => "build",
            Leftover::Old => "old",
        };
        let name = destination
            .file_name()
            .map(OsStr::to_string_lossy)
            .unwrap_or_default();
        let mut end = name.len().min(NAME_LENGTH);
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        format!(".benchlearn-{kind}-{}-", &name[..end])
    }

    /// Whether `folder` is one a build made: named so, and holding only what the build put in.
    fn made_by_a_build(self, folder: &Path, name: &OsStr, destination: &Path) -> bool {
        let is_named_so = name
            .to_str()
            .and_then(|name| name.strip_prefix(&self.prefix(destination)))
            .is_some_and(|random| {
                random.len() == RANDOM_LENGTH && random.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        is_named_so
            && is_real_folder(folder)
            && match self {
                Leftover::Build => is_a_site_or_empty(folder),
                Leftover::Old => holds_only_a_set_aside_site(folder),
            }
    }
}

/// Removes what earlier builds of `destination` left beside it, returning what could not be.
pub(super) fn remove(destination: &Path) -> Vec<OutputError> {
    let Some(parent) = destination.parent() else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|entry| (entry.path(), entry.file_name()))
        .filter(|(path, name)| {
            [Leftover::Build, Leftover::Old]
                .iter()
                .any(|kind| kind.made_by_a_build(path, name, destination))
        })
        .filter_map(|(path, _)| {
            fs::remove_dir_all(&path)
                .err()
                .map(|source| OutputError::RemoveLeftover { path, source })
        })
        .collect()
}

fn is_real_folder(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

/// A site being written (it holds the marker from the start) or a folder just created.
fn is_a_site_or_empty(folder: &Path) -> bool {
    is_marked(folder) || is_empty_folder(folder).unwrap_or(false)
}

/// Nothing but `site`, itself a site benchlearn wrote or an empty folder.
fn holds_only_a_set_aside_site(folder: &Path) -> bool {
    let Ok(entries) = fs::read_dir(folder) else {
        return false;
    };
    entries.into_iter().all(|entry| {
        entry.is_ok_and(|entry| {
            let path = entry.path();
            entry.file_name() == "site" && is_real_folder(&path) && is_a_site_or_empty(&path)
        })
    })
}
