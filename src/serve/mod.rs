//! `serve`: a live preview. The site is built in memory and served on loopback; every save is
//! rebuilt (as little as the change allows) and open pages reload; a failed rebuild is shown in
//! the terminal and over the page while the last good version stays served. Nothing is written
//! to disk, so the `output/` of `build` is never touched.

mod connections;
mod hosts;
mod overlay;
mod rebuild;
mod reindex;
mod reload;
mod server;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::render::OutputFile;
use crate::terminal;
pub use hosts::parse_allowed_host;
use rebuild::{Builder, Rebuilt};
use server::{Shared, Snapshot};
pub use watch::WatchError;

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    pub poll: bool,
    /// Show documents marked `draft: true`, with a badge.
    pub drafts: bool,
    /// Host names, besides `localhost` and IP addresses, the preview answers to.
    pub allowed_hosts: Vec<String>,
    /// The address pages are made for, instead of the server's own; the site is served under
    /// its path (`/pr-12/`), as it will be deployed.
    pub base_url: Option<String>,
    /// The edition of `site.yaml` to preview; by default the one for the widest readership.
    pub edition: Option<String>,
}

/// Why the preview could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0} holds no site.yaml; run benchlearn serve in a site folder, or pass --root")]
    NotASite(PathBuf),
    #[error("cannot open the site folder {path}: {source}")]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot listen on {address}: {source} (is another server using the port? try --port)")]
    Bind {
        address: SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
    #[error(transparent)]
    Watch(#[from] WatchError),
    #[error("the file watcher stopped unexpectedly")]
    WatcherStopped,
}

/// Builds, serves and watches the site until the process is interrupted.
pub fn run(options: &Options) -> Result<(), ServeError> {
    let root = options
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root {
            path: options.root.clone(),
            source,
        })?;
    let config = root.join(crate::content::CONFIG_FILE);
    if !(config.is_file() || config.is_symlink()) {
        return Err(ServeError::NotASite(root));
    }
    let requested = SocketAddr::new(options.bind, options.port);
    let listener = TcpListener::bind(requested).map_err(|source| ServeError::Bind {
        address: requested,
        source,
    })?;
    let address = listener.local_addr().map_err(ServeError::Runtime)?;
    let base_path = options.base_url.as_deref().map(path_of).unwrap_or_default();
    let url = format!("http://{}{base_path}/", browsable(address));
    let pages_url = options.base_url.clone().unwrap_or_else(|| url.clone());

    let mut builder = Builder::new(&root, pages_url, options.drafts, options.edition.clone());
    let started = Instant::now();
    let first = builder.full();
    let shared = Shared::new(Snapshot::default(), base_path);
    report_and_publish(&shared, &builder, first, started, "initial build");

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    listener
        .set_nonblocking(true)
        .map_err(ServeError::Runtime)?;
    let hosts = Arc::new(hosts::AllowedHosts::new(&options.allowed_hosts));
    let router = server::router(Arc::clone(&shared), hosts);
    let server = runtime.block_on(async { tokio::net::TcpListener::from_std(listener) });
    let server = server.map_err(ServeError::Runtime)?;
    runtime.spawn(connections::serve(
        server,
        router,
        connections::idle_timeout(),
    ));

    let reindexer = reindex::Reindexer::start(Arc::clone(&shared));
    if let Some(config) = builder.config() {
        reindexer.refresh(config.clone());
    }
    let mut watcher = watch::SiteWatcher::start(&root, options.poll)?;
    for link in &watcher.unwatched {
        terminal::stderr_line(format_args!("warning: not watched: {link}"));
    }
    if !options.bind.is_loopback() {
        terminal::stderr_line(format_args!(
            "warning: serving on {} makes the preview, drafts included, reachable from other machines",
            options.bind
        ));
    }
    terminal::stderr_line(format_args!(
        "serving {url} — watching {} for changes{}; press Ctrl+C to stop",
        watch::WATCHED.join(", "),
        if options.poll { " (polling)" } else { "" }
    ));
    if options.open {
        open_browser(&url);
    }
    while let Some(batch) = watcher.next_batch() {
        match batch {
            Ok(paths) if paths.is_empty() => {}
            Ok(paths) => {
                let started = Instant::now();
                let result = builder.update(&paths);
                let new_pages = result
                    .as_ref()
                    .is_ok_and(|rebuilt| rebuilt.files.iter().any(is_page));
                report_and_publish(&shared, &builder, result, started, &describe(&paths));
                if let Some(config) = builder.config().filter(|_| new_pages) {
                    reindexer.refresh(config.clone());
                }
            }
            Err(message) => terminal::stderr_line(format_args!("warning: {message}")),
        }
    }
    Err(ServeError::WatcherStopped)
}

/// The path of an absolute address without its final slash: `/pr-12` for
/// `https://preview.example.org/pr-12/`, empty for a root.
fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/').to_string()
}

/// An address a browser can open: the wildcard addresses are reached through loopback.
fn browsable(address: SocketAddr) -> SocketAddr {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), address.port())
        }
        IpAddr::V6(ip) if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), address.port())
        }
        _ => address,
    }
}

/// Prints the outcome of a rebuild and publishes it: new files, or the overlay over the last
/// good files.
fn report_and_publish(
    shared: &Shared,
    builder: &Builder,
    result: Result<Rebuilt, Diagnostics>,
    started: Instant,
    what: &str,
) {
    let current = shared.current();
    let snapshot = match result {
        Ok(rebuilt) => {
            let pages = rebuilt.files.iter().filter(|f| is_page(f)).count();
            let index = builder
                .config()
                .filter(|c| c.search.enabled)
                .map(|c| c.search.path_prefix());
            let files = merge(&current.files, rebuilt, index.as_deref());
            terminal::stderr_line(format_args!(
                "{what}: rendered {pages} pages in {} ms",
                started.elapsed().as_millis()
            ));
            Snapshot {
                files,
                overlay: None,
                default_language: builder.default_language().to_string(),
                version: 0,
            }
        }
        Err(problems) => {
            let report = problems.into_report();
            crate::commands::print_report(&report);
            let noun = if report.total == 1 {
                "problem"
            } else {
                "problems"
            };
            terminal::stderr_line(format_args!(
                "{what}: {} {noun} found; the last good version of the site is still served",
                report.total
            ));
            let locales = builder.locales();
            Snapshot {
                files: Arc::clone(&current.files),
                overlay: Some(overlay::render(&report, builder.strings(), locales)),
                default_language: builder.default_language().to_string(),
                version: 0,
            }
        }
    };
    shared.publish(snapshot);
}

fn is_page(file: &OutputFile) -> bool {
    file.path.extension().is_some_and(|e| e == "html")
}

/// The new file map: the rebuilt files over the current ones, or alone for a complete build —
/// with the current search index (paths starting with `index`) until the background one
/// replaces it.
fn merge(
    current: &Arc<HashMap<String, Arc<Vec<u8>>>>,
    rebuilt: Rebuilt,
    index: Option<&str>,
) -> Arc<HashMap<String, Arc<Vec<u8>>>> {
    let mut files = if rebuilt.complete {
        current
            .iter()
            .filter(|(path, _)| index.is_some_and(|i| path.starts_with(i)))
            .map(|(path, bytes)| (path.clone(), Arc::clone(bytes)))
            .collect()
    } else {
        current.as_ref().clone()
    };
    for OutputFile { path, bytes } in rebuilt.files {
        files.insert(path.to_string_lossy().replace('\\', "/"), bytes);
    }
    Arc::new(files)
}

fn describe(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
        [] => String::new(),
    }
}

/// Opens `url` in the desktop's browser; a failure only costs the author a click.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(target_os = "windows") {
        std::process::Command::new("cmd")
            .args(["/C", "start", "", url])
            .spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = command {
        terminal::stderr_line(format_args!(
            "warning: cannot open a browser ({error}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::path_of;

    #[test]
    fn the_path_of_a_base_url() {
        assert_eq!(path_of("https://preview.example.org/pr-12/"), "/pr-12");
        assert_eq!(path_of("http://localhost:8000/a/b"), "/a/b");
        assert_eq!(path_of("http://localhost:8000/"), "");
        assert_eq!(path_of("http://localhost:8000"), "");
    }
}
