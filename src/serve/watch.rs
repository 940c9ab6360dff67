//! Watching the site folder: debounced file events, editor temp files filtered out, and a
//! polling fallback for network drives and containers where native events do not arrive.
//! Links are never followed while watching: a link to `/usr` must not cost thousands of
//! watches, and a link inside the site points to a file that is watched where it is.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use notify_debouncer_full::{
    new_debouncer_opt, DebounceEventResult, Debouncer, FileIdCache, NoCache, RecommendedCache,
};

use crate::content::paths;
use crate::diagnostics::Diagnostic;

/// How long the folder must be quiet before a burst of saves becomes one rebuild.
const QUIET: Duration = Duration::from_millis(60);
/// How often `--poll` rescans the folders.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// The folders and files of a site that a rebuild depends on, relative to its root.
pub const WATCHED: &[&str] = crate::content::SOURCES;

/// Why the site folder cannot be watched.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error(
        "the system's limit on watched folders is reached, so changes cannot be followed.\n  \
         Raise it: sudo sysctl fs.inotify.max_user_watches=524288\n  \
         and keep it across reboots: echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/90-benchlearn.conf\n  \
         or run `benchlearn serve --poll`"
    )]
    Limit,
    #[error("cannot watch {path}: {source}")]
    Watch {
        path: PathBuf,
        source: notify::Error,
    },
}

/// The debouncer, held so that events keep coming; dropping it stops the watch.
enum Running {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Running {
    fn watch(&mut self, folder: &Path) -> Result<(), notify::Error> {
        match self {
            Running::Native(debouncer) => debouncer.watch(folder, RecursiveMode::Recursive),
            Running::Poll(debouncer) => debouncer.watch(folder, RecursiveMode::Recursive),
        }
    }
}

/// A running watcher; changes arrive through [`SiteWatcher::next_batch`].
pub struct SiteWatcher {
    root: PathBuf,
    debouncer: Running,
    events: Receiver<DebounceEventResult>,
    /// Links met in the watched folders that lead out of the site or to nothing, not followed.
    pub unwatched: Vec<Diagnostic>,
}

impl SiteWatcher {
    /// Starts watching the site at `root` (absolute), natively or by polling.
    pub fn start(root: &Path, poll: bool) -> Result<SiteWatcher, WatchError> {
        let (sender, events) = mpsc::channel();
        let (folders, unwatched) = watched_folders(root);
        let config = notify::Config::default().with_follow_symlinks(false);
        let debouncer = if poll {
            let config = config.with_poll_interval(POLL_INTERVAL);
            Running::Poll(watch(root, &folders, sender, NoCache, config)?)
        } else {
            let cache = RecommendedCache::new();
            Running::Native(watch(root, &folders, sender, cache, config)?)
        };
        Ok(SiteWatcher {
            root: root.to_path_buf(),
            debouncer,
            events,
            unwatched,
        })
    }

    /// Blocks until files of the site change, then returns them (relative to the root, sorted,
    /// deduplicated), taking in every batch that arrives while the caller was busy.
    /// Returns `Err` with a message to print when the watcher reports a problem.
    pub fn next_batch(&mut self) -> Option<Result<Vec<PathBuf>, String>> {
        let first = self.events.recv().ok()?;
        let mut results = vec![first];
        loop {
            match self.events.recv_timeout(Duration::from_millis(5)) {
                Ok(more) => results.push(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        let mut paths = Vec::new();
        for result in results {
            match result {
                Ok(events) => {
                    for event in events {
                        if !changes_content(&event.event.kind) {
                            continue;
                        }
                        for path in &event.event.paths {
                            if let Some(created) = self.new_top_folder(&event.event.kind, path) {
                                match self.follow(&created) {
                                    Ok(inside) => paths.extend(inside),
                                    Err(message) => return Some(Err(message)),
                                }
                            }
                        }
                        paths.extend(
                            event
                                .event
                                .paths
                                .iter()
                                .filter_map(|path| self.relevant(path)),
                        );
                    }
                }
                Err(errors) => return Some(Err(describe(&errors))),
            }
        }
        paths.sort();
        paths.dedup();
        Some(Ok(paths))
    }

    /// A watched top-level folder (`templates/`, `static/` …) that has just appeared, by
    /// creation or by a rename into place: the watch on the root sees it, not what it holds.
    fn new_top_folder(&self, kind: &EventKind, path: &Path) -> Option<PathBuf> {
        let appeared = matches!(
            kind,
            EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(_))
        );
        let name = path.strip_prefix(&self.root).ok()?.to_str()?;
        (appeared && WATCHED.iter().skip(1).any(|w| *w == name) && path.is_dir())
            .then(|| path.to_path_buf())
    }

    /// Watches a new top-level folder and returns what it already holds (files copied in
    /// before the watch began), relative to the root. A link out of the site is not watched;
    /// the rebuild its appearance causes reports it.
    fn follow(&mut self, folder: &Path) -> Result<Vec<PathBuf>, String> {
        let relative = folder.strip_prefix(&self.root).unwrap_or(folder);
        if paths::inside_root(&self.root, relative).is_err() {
            return Ok(Vec::new());
        }
        self.debouncer
            .watch(folder)
            .map_err(|source| watch_error(folder, source).to_string())?;
        Ok(walkdir::WalkDir::new(folder)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .filter_map(|entry| self.relevant(entry.path()))
            .collect())
    }

    /// The path relative to the root if a rebuild depends on it.
    fn relevant(&self, path: &Path) -> Option<PathBuf> {
        let relative = path.strip_prefix(&self.root).ok()?;
        let top = relative.components().next()?.as_os_str().to_str()?;
        (WATCHED.contains(&top) && !is_editor_noise(relative)).then(|| relative.to_path_buf())
    }
}

/// Whether an event can change what a file holds; opening and reading it (as every rebuild
/// does) cannot, and must not trigger another rebuild.
fn changes_content(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
    )
}

/// The top-level folders of [`WATCHED`] to watch (absolute), and the links not followed: a
/// top-level folder that is a link out of the site, and every link below the others that leads
/// out of the site or to nothing.
fn watched_folders(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut folders = Vec::new();
    let mut unwatched = Vec::new();
    for name in WATCHED.iter().skip(1) {
        let relative = Path::new(name);
        if !paths::is_present(root, relative) {
            continue;
        }
        match paths::inside_root(root, relative) {
            Ok(real) if real.is_dir() => {
                folders.push(root.join(relative));
                unwatched.extend(links_not_followed(root, relative));
            }
            Ok(_) => {}
            Err(problem) => unwatched.push(problem),
        }
    }
    (folders, unwatched)
}

/// The links below `root/folder` that lead out of the site or to nothing, as the watcher
/// meets them: it walks folders without following links.
fn links_not_followed(root: &Path, folder: &Path) -> Vec<Diagnostic> {
    walkdir::WalkDir::new(root.join(folder))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path_is_symlink() && entry.depth() > 0)
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(root).ok()?;
            paths::inside_root(root, relative).err()
        })
        .collect()
}

fn watch<T: Watcher, C: FileIdCache + Send + 'static>(
    root: &Path,
    folders: &[PathBuf],
    sender: mpsc::Sender<DebounceEventResult>,
    cache: C,
    config: notify::Config,
) -> Result<Debouncer<T, C>, WatchError> {
    let tick = Some(QUIET / 3);
    let mut debouncer = new_debouncer_opt::<_, T, C>(QUIET, tick, sender, cache, config)
        .map_err(|source| watch_error(root, source))?;
    // The root itself, not recursively: site.yaml is often saved by renaming a new file over it,
    // which a watch on the file alone would lose.
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|source| watch_error(root, source))?;
    for folder in folders {
        debouncer
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|source| watch_error(folder, source))?;
    }
    Ok(debouncer)
}

fn watch_error(path: &Path, source: notify::Error) -> WatchError {
    if is_limit(&source) {
        WatchError::Limit
    } else {
        WatchError::Watch {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Whether the OS refused more watches (inotify's `max_user_watches`, reported as ENOSPC).
fn is_limit(error: &notify::Error) -> bool {
    match &error.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    }
}

fn describe(errors: &[notify::Error]) -> String {
    if errors.iter().any(is_limit) {
        return WatchError::Limit.to_string();
    }
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!("watching the site folder failed: {}", messages.join("; "))
}

/// Files editors write beside the one being edited: swap files, backups, lock files and the
/// temporary files of atomic saves. Their changes are never content, and the rename that
/// completes an atomic save is seen on the real file.
pub fn is_editor_noise(path: &Path) -> bool {
    path.components().any(|part| {
        let name = part.as_os_str().to_string_lossy();
        name.starts_with('.')
            || name.ends_with('~')
            || (name.starts_with('#') && name.ends_with('#'))
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".swo")
            || name.ends_with(".tmp")
            || name.ends_with(".bak")
            || name.contains("___jb_")
            // Vim creates and deletes `4913` to test that it can write the folder.
            || name == "4913"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_site_is_named_and_not_watched() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content/practices")).expect("create site");
        std::os::unix::fs::symlink("/usr", root.join("content/outside")).expect("link");
        std::os::unix::fs::symlink(dir.path(), root.join("static")).expect("link");
        let (folders, unwatched) = watched_folders(&root);
        assert_eq!(folders, [root.join("content")]);
        let named: Vec<_> = unwatched.iter().filter_map(|d| d.file_path()).collect();
        assert_eq!(named, [Path::new("content/outside"), Path::new("static")]);
    }

    #[test]
    fn editor_noise_is_ignored_and_content_kept() {
        for noise in [
            "content/practices/.x.fr.md.swp",
            "content/practices/x.fr.md.swp",
            "content/practices/x.fr.md~",
            "content/practices/#x.fr.md#",
            "content/practices/.#x.fr.md",
            "content/practices/x.fr.md.tmp",
            "content/practices/x.fr.md___jb_tmp___",
            "content/practices/x.fr.md___jb_old___",
            "content/practices/4913",
            ".git/index",
        ] {
            assert!(is_editor_noise(Path::new(noise)), "{noise}");
        }
        for content in [
            "content/practices/x.fr.md",
            "site.yaml",
            "themes/default/templates/base.html",
        ] {
            assert!(!is_editor_noise(Path::new(content)), "{content}");
        }
    }
}
