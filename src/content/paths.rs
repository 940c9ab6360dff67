//! The site folder is a boundary: every file benchlearn reads, and every folder it walks or
//! watches, must be inside it. A symbolic link is followed only when what it points to
//! (all links resolved) is inside the site root (all links resolved) too; any other link is
//! refused with an error naming it, and nothing of what it points to is read — a file outside
//! the site may hold secrets, and would otherwise be shown in an error snippet.

use std::ffi::OsString;
use std::fs::FileType;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};

/// Where `root/relative` really is, with every link resolved, when that is inside the site:
/// the one rule for all reading. A link that leads out of the site, or to nothing, is an error
/// naming the link.
pub fn inside_root(root: &Path, relative: &Path) -> Result<PathBuf, Diagnostic> {
    let cannot_open =
        |error: std::io::Error| Diagnostic::in_path(relative, format!("cannot open it: {error}"));
    let real_root = root.canonicalize().map_err(cannot_open)?;
    match root.join(relative).canonicalize() {
        Ok(real) if real.starts_with(&real_root) => Ok(real),
        Ok(_) => {
            Err(first_refused_link(root, relative, &real_root).unwrap_or_else(|| outside(relative)))
        }
        Err(error) => {
            Err(first_refused_link(root, relative, &real_root)
                .unwrap_or_else(|| cannot_open(error)))
        }
    }
}

/// Whether anything, even a broken link, is at `root/relative`: absent optional files and
/// folders are skipped, present ones are read under [`inside_root`].
pub fn is_present(root: &Path, relative: &Path) -> bool {
    root.join(relative).symlink_metadata().is_ok()
}

/// The first link along `relative` that leads out of the site or to nothing, as the error
/// naming it.
fn first_refused_link(root: &Path, relative: &Path, real_root: &Path) -> Option<Diagnostic> {
    let mut walked = PathBuf::new();
    for component in relative.components() {
        walked.push(component);
        let path = root.join(&walked);
        let is_link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            continue;
        }
        match path.canonicalize() {
            Ok(real) if real.starts_with(real_root) => {}
            Ok(_) => return Some(outside(&walked)),
            Err(_) => {
                return Some(
                    Diagnostic::in_path(
                        &walked,
                        "this is a broken link: what it points to does not exist",
                    )
                    .with_help(
                        "remove the link, or make it point to a file inside the site folder",
                    ),
                )
            }
        }
    }
    None
}

fn outside(link: &Path) -> Diagnostic {
    Diagnostic::in_path(
        link,
        "this link points outside the site folder; benchlearn reads only files inside it",
    )
    .with_help("copy the file into the site folder, or link to a file inside it")
}

/// Whether a walk enters folders whose name starts with a dot; hidden files are always left
/// out, but a theme's `static/.well-known/` is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenFolders {
    Skip,
    Enter,
}

/// The files below `root/folder` (paths relative to `root`, sorted by name folder by folder),
/// with an error for every link refused by [`inside_root`], link loop, unreadable folder and
/// entry that is neither a file nor a folder: nothing is skipped in silence. A missing
/// `folder` holds no files.
pub fn files_below(
    root: &Path,
    folder: &Path,
    hidden: HiddenFolders,
    diagnostics: &mut Diagnostics,
) -> Vec<PathBuf> {
    if !is_present(root, folder) {
        return Vec::new();
    }
    let real = match inside_root(root, folder) {
        Ok(real) => real,
        Err(problem) => {
            diagnostics.push(problem);
            return Vec::new();
        }
    };
    if !real.is_dir() {
        return Vec::new();
    }
    let mut walk = Walk {
        root,
        hidden,
        diagnostics,
        open: vec![real.clone()],
        files: Vec::new(),
    };
    walk.folder(folder, &real);
    walk.files
}

/// Files that operating systems and editors leave beside the author's own (thumbnail caches,
/// folder settings, Office lock files, editor swap and backup files): never content, so they
/// are passed over rather than reported or published. Hidden files (`.DS_Store`, `.x.swp`)
/// are passed over anyway.
fn is_litter(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | "ehthumbs.db")
        || name.starts_with("~$")
        || name.ends_with('~')
        || [".swp", ".swo", ".tmp"]
            .iter()
            .any(|end| lower.ends_with(end))
}

/// One walk of [`files_below`]: the folders being walked (resolved, to catch loops) and what
/// was found.
struct Walk<'a> {
    root: &'a Path,
    hidden: HiddenFolders,
    diagnostics: &'a mut Diagnostics,
    open: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Walk<'_> {
    fn folder(&mut self, relative: &Path, real: &Path) {
        for (name, file_type) in self.entries(relative, real) {
            let is_hidden = name.to_string_lossy().starts_with('.');
            if is_hidden && self.hidden == HiddenFolders::Skip {
                continue;
            }
            let entry = relative.join(&name);
            let (real_entry, file_type) = if file_type.is_symlink() {
                match self.follow(&entry) {
                    Some(followed) => followed,
                    None => continue,
                }
            } else {
                (real.join(&name), file_type)
            };
            if file_type.is_dir() {
                self.enter(&entry, real_entry);
            } else if file_type.is_file() {
                if !is_hidden && !is_litter(&name) {
                    self.files.push(entry);
                }
            } else {
                self.diagnostics.push(not_a_file(&entry));
            }
        }
    }

    /// The entries of a folder sorted by name, each with its own type (links not followed).
    fn entries(&mut self, relative: &Path, real: &Path) -> Vec<(OsString, FileType)> {
        let unreadable = |error: std::io::Error| {
            Diagnostic::in_path(relative, format!("cannot read the folder: {error}"))
                .with_help("give benchlearn permission to read it, or move it out of the site")
        };
        let listing = match std::fs::read_dir(real) {
            Ok(listing) => listing,
            Err(error) => {
                self.diagnostics.push(unreadable(error));
                return Vec::new();
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
                Ok(entry) => entries.push(entry),
                Err(error) => self.diagnostics.push(unreadable(error)),
            }
        }
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }

    /// What the link `entry` leads to and its type, or `None` with the error recorded.
    fn follow(&mut self, entry: &Path) -> Option<(PathBuf, FileType)> {
        let followed = inside_root(self.root, entry).and_then(|real| {
            let metadata = real
                .metadata()
                .map_err(|error| Diagnostic::in_path(entry, format!("cannot open it: {error}")))?;
            Ok((real, metadata.file_type()))
        });
        followed
            .map_err(|problem| self.diagnostics.push(problem))
            .ok()
    }

    fn enter(&mut self, relative: &Path, real: PathBuf) {
        if self.open.contains(&real) {
            self.diagnostics.push(
                Diagnostic::in_path(
                    relative,
                    "this link makes a loop: it points to a folder that contains it",
                )
                .with_help("remove the link"),
            );
            return;
        }
        self.open.push(real.clone());
        self.folder(relative, &real);
        self.open.pop();
    }
}

fn not_a_file(entry: &Path) -> Diagnostic {
    Diagnostic::in_path(
        entry,
        "this is not a regular file or folder (a pipe, socket or device), so it cannot be read",
    )
    .with_help("remove it from the site folder")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/practices")).expect("create site");
        std::fs::write(dir.path().join("secret"), "secret").expect("write secret");
        (dir, root)
    }

    #[test]
    fn a_link_inside_is_resolved_and_one_outside_named() {
        let (dir, root) = site();
        std::fs::write(root.join("content/real.md"), "x").expect("write");
        symlink("../real.md", root.join("content/practices/in.md")).expect("link");
        symlink(dir.path().join("secret"), root.join("content/out.md")).expect("link");
        let inside = inside_root(&root, Path::new("content/practices/in.md")).expect("inside");
        assert!(inside.ends_with("content/real.md"));
        let refused = inside_root(&root, Path::new("content/out.md")).unwrap_err();
        assert_eq!(refused.file_path(), Some(Path::new("content/out.md")));
        assert!(refused.message.contains("points outside the site folder"));
    }

    #[test]
    fn the_link_named_is_the_folder_that_leads_out() {
        let (dir, root) = site();
        std::fs::create_dir(dir.path().join("elsewhere")).expect("create folder");
        std::fs::write(dir.path().join("elsewhere/a.md"), "x").expect("write");
        symlink(dir.path().join("elsewhere"), root.join("content/shared")).expect("link");
        let refused = inside_root(&root, Path::new("content/shared/a.md")).unwrap_err();
        assert_eq!(refused.file_path(), Some(Path::new("content/shared")));
        let mut problems = Diagnostics::default();
        let files = files_below(
            &root,
            Path::new("content"),
            HiddenFolders::Skip,
            &mut problems,
        );
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_dot_dot_path_is_held_to_the_same_rule() {
        let (_dir, root) = site();
        let refused = inside_root(&root, Path::new("content/../../secret")).unwrap_err();
        assert!(refused.message.contains("outside the site folder"));
    }

    #[test]
    fn hidden_files_are_left_out_and_hidden_folders_entered_only_if_asked() {
        let (_dir, root) = site();
        for file in [
            "static/.well-known/security.txt",
            "static/.DS_Store",
            "static/a.css",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
            std::fs::write(path, "x").expect("write");
        }
        let walk = |hidden| {
            let mut problems = Diagnostics::default();
            files_below(&root, Path::new("static"), hidden, &mut problems)
        };
        assert_eq!(walk(HiddenFolders::Skip), [PathBuf::from("static/a.css")]);
        assert_eq!(
            walk(HiddenFolders::Enter),
            [
                PathBuf::from("static/.well-known/security.txt"),
                PathBuf::from("static/a.css")
            ]
        );
    }
}
