//! The preview server: the built site from memory, GET and HEAD only, every path kept inside
//! the site, each page with the live-reload script (and the error overlay after a failed
//! rebuild).

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Response, StatusCode, Uri};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;

use super::hosts::{self, AllowedHosts};
use super::reload;

/// One published state of the site: the last good files, and the overlay of a failed rebuild.
#[derive(Default)]
pub struct Snapshot {
    /// Output path (`fr/index.html`) → bytes.
    pub files: Arc<HashMap<String, Arc<Vec<u8>>>>,
    /// Language → overlay HTML, while the latest rebuild failed.
    pub overlay: Option<BTreeMap<String, String>>,
    pub default_language: String,
    /// Increases with every publication, so open pages know they are stale.
    pub version: u64,
}

/// What the server and the rebuild loop share.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    builds: broadcast::Sender<u64>,
    /// The path the site is served under (`/pr-12`), empty for the root: the path of
    /// `serve --base-url`, which every link of the pages starts with.
    base_path: String,
}

impl Shared {
    /// The state of a site served under `base_path` (empty, or `/path` without a final slash).
    pub fn new(snapshot: Snapshot, base_path: String) -> Arc<Shared> {
        let (builds, _) = broadcast::channel(16);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            builds,
            base_path,
        })
    }

    /// The current snapshot; requests keep the one they started with.
    pub fn current(&self) -> Arc<Snapshot> {
        // A poisoned lock only means a writer panicked after a complete swap; the value is whole.
        Arc::clone(&self.snapshot.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Publishes `snapshot` with the next version and tells every open page to reload.
    pub fn publish(&self, mut snapshot: Snapshot) {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        snapshot.version = slot.version + 1;
        let version = snapshot.version;
        *slot = Arc::new(snapshot);
        drop(slot);
        // No receiver means no open page, which is fine.
        let _ = self.builds.send(version);
    }
}

impl Shared {
    /// Swaps in `files` without telling pages to reload, but only while `indexed` is still the
    /// file map served: a newer publication always wins. Returns whether the swap happened.
    pub fn replace_files_quietly(
        &self,
        indexed: &Arc<HashMap<String, Arc<Vec<u8>>>>,
        files: HashMap<String, Arc<Vec<u8>>>,
    ) -> bool {
        let mut slot = self.snapshot.write().unwrap_or_else(|e| e.into_inner());
        if !Arc::ptr_eq(&slot.files, indexed) {
            return false;
        }
        *slot = Arc::new(Snapshot {
            files: Arc::new(files),
            overlay: slot.overlay.clone(),
            default_language: slot.default_language.clone(),
            version: slot.version,
        });
        true
    }
}

/// The routes: the event stream, then every other path looked up in the site; all of them
/// only for the hosts in `hosts`.
pub fn router(shared: Arc<Shared>, hosts: Arc<AllowedHosts>) -> Router {
    Router::new()
        .route(reload::EVENTS_PATH, get(events))
        .fallback(site_file)
        .layer(middleware::from_fn_with_state(hosts, hosts::check))
        .with_state(shared)
}

async fn events(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let receiver = shared.builds.subscribe();
    reload::stream(shared.current().version, receiver)
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response<Body> {
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are served\n",
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let snapshot = shared.current();
    let base = shared.base_path.as_str();
    let resolved = match uri.path().strip_prefix(base) {
        Some(path) if path.starts_with('/') => resolve(path, &snapshot),
        // The site's own address without its final slash, or the server's root.
        Some("") => Resolved::Redirect("/".to_string()),
        _ if uri.path() == "/" => Resolved::Redirect("/".to_string()),
        _ => Resolved::NotFound,
    };
    let response = match resolved {
        Resolved::File(name) => file_response(&snapshot, &name, StatusCode::OK),
        Resolved::Redirect(location) => redirect(&format!("{base}{location}")),
        Resolved::NotFound if snapshot.files.contains_key("404.html") => {
            file_response(&snapshot, "404.html", StatusCode::NOT_FOUND)
        }
        // No site yet (the first build failed): an empty page that still shows the overlay
        // and reloads once the site builds.
        Resolved::NotFound => respond(&snapshot, "404.html", EMPTY_PAGE, StatusCode::NOT_FOUND),
        Resolved::BadPath => plain(StatusCode::BAD_REQUEST, "bad path\n"),
    };
    if method == Method::HEAD {
        let (parts, _) = response.into_parts();
        return Response::from_parts(parts, Body::empty());
    }
    response
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(String),
    /// A folder asked without its trailing slash.
    Redirect(String),
    NotFound,
    /// Dot segments, encoded separators, backslashes, drive letters, bad encoding.
    BadPath,
}

fn resolve(raw_path: &str, snapshot: &Snapshot) -> Resolved {
    let Some(segments) = segments(raw_path) else {
        return Resolved::BadPath;
    };
    let name = segments.join("/");
    let folder_index = if name.is_empty() {
        "index.html".to_string()
    } else {
        format!("{name}/index.html")
    };
    if raw_path.ends_with('/') {
        return match snapshot.files.contains_key(&folder_index) {
            true => Resolved::File(folder_index),
            false => Resolved::NotFound,
        };
    }
    if snapshot.files.contains_key(&name) {
        Resolved::File(name)
    } else if snapshot.files.contains_key(&folder_index) {
        Resolved::Redirect(format!("{}/", single_slashes(raw_path)))
    } else {
        Resolved::NotFound
    }
}

/// `path` with each run of slashes made one: a redirect to `//name/` would send the browser
/// to the host `name`.
fn single_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// The decoded, non-empty segments of a request path, or `None` if the path tries to leave the
/// site or is not a plain path.
fn segments(raw_path: &str) -> Option<Vec<String>> {
    let path = raw_path.strip_prefix('/')?;
    let mut out = Vec::new();
    for raw in path.split('/') {
        let segment = percent_decode(raw)?;
        let refused = segment == "." || segment == ".." || segment.contains(['/', '\\', '\0', ':']);
        if refused {
            return None;
        }
        if !segment.is_empty() {
            out.push(segment);
        }
    }
    Some(out)
}

/// `%XX` decoding of one path segment; `None` for a malformed escape or non-UTF-8 result.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The page served where the site has no 404 page of its own.
const EMPTY_PAGE: &[u8] = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>404</title></head><body></body></html>";

fn file_response(snapshot: &Snapshot, name: &str, status: StatusCode) -> Response<Body> {
    // Callers only name files they found in this snapshot.
    respond(snapshot, name, &snapshot.files[name], status)
}

/// `bytes` as the file `name`, with the live-reload script (and overlay) in HTML pages.
fn respond(snapshot: &Snapshot, name: &str, bytes: &[u8], status: StatusCode) -> Response<Body> {
    let content_type = content_type(name);
    let body = if content_type.starts_with("text/html") {
        let mut extra = reload::script(snapshot.version);
        if let Some(overlays) = &snapshot.overlay {
            let lang = page_language(name, overlays, &snapshot.default_language);
            if let Some(overlay) = overlays.get(lang) {
                extra.push_str(overlay);
            }
        }
        Body::from(reload::inject(bytes, &extra))
    } else {
        Body::from(bytes.to_vec())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // A preview must never show a stale page from the browser's cache.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The language of a page from its first path segment (`fr/…`), else the site's default.
fn page_language<'a>(
    name: &'a str,
    overlays: &BTreeMap<String, String>,
    default: &'a str,
) -> &'a str {
    let first = name.split('/').next().unwrap_or("");
    if overlays.contains_key(first) {
        first
    } else {
        default
    }
}

/// The media type of an output file, by extension.
fn content_type(name: &str) -> &'static str {
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        // Pagefind's index, metadata, fragments and filters are gzipped binary chunks.
        "pf_meta" | "pf_index" | "pf_fragment" | "pf_filter" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

fn redirect(location: &str) -> Response<Body> {
    let mut response = plain(StatusCode::MOVED_PERMANENTLY, "moved\n");
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Snapshot {
        let mut snapshot = Snapshot::default();
        let names = [
            "index.html",
            "fr/index.html",
            "fr/a b/index.html",
            "style.css",
        ];
        let files = names.map(|name| (name.to_string(), Arc::new(Vec::new())));
        snapshot.files = Arc::new(files.into_iter().collect());
        snapshot
    }

    #[test]
    fn resolves_files_folders_and_redirects() {
        let site = site();
        assert_eq!(resolve("/", &site), Resolved::File("index.html".into()));
        assert_eq!(
            resolve("/fr/", &site),
            Resolved::File("fr/index.html".into())
        );
        assert_eq!(resolve("/fr", &site), Resolved::Redirect("/fr/".into()));
        assert_eq!(resolve("//fr", &site), Resolved::Redirect("/fr/".into()));
        assert_eq!(
            resolve("//fr//a%20b", &site),
            Resolved::Redirect("/fr/a%20b/".into())
        );
        assert_eq!(
            resolve("/fr/a%20b/", &site),
            Resolved::File("fr/a b/index.html".into())
        );
        assert_eq!(
            resolve("/style.css", &site),
            Resolved::File("style.css".into())
        );
        assert_eq!(resolve("/en/", &site), Resolved::NotFound);
    }

    #[test]
    fn refuses_paths_that_leave_the_site() {
        let site = site();
        for path in [
            "/../etc/passwd",
            "/fr/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2fx",
            "/fr/%2fetc%2fpasswd",
            "/..%5c..%5cx",
            "/fr\\..\\x",
            "/C:/Windows/win.ini",
            "/%zz",
            "/%ff",
            "relative",
        ] {
            assert_eq!(resolve(path, &site), Resolved::BadPath, "{path}");
        }
    }

    #[test]
    fn knows_search_and_chart_types() {
        assert_eq!(content_type("a/b.svg"), "image/svg+xml");
        assert_eq!(content_type("pagefind/pagefind.wasm"), "application/wasm");
        assert_eq!(content_type("x.pf_index"), "application/octet-stream");
        assert_eq!(content_type("d.json"), "application/json");
    }
}
