//! The full-text search index: Pagefind, run in-process on the rendered pages held in memory.
//!
//! Templates mark what is searchable (`data-pagefind-body` on the main content of searchable
//! pages, `data-pagefind-filter` and `data-pagefind-meta` for facets and result labels); this
//! module hands those pages to Pagefind, which builds one index per `<html lang>`, and returns
//! the bundle as more files of the site, so the atomic writer writes them with the rest.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// The attribute that makes a rendered page searchable.
const BODY_MARKER: &[u8] = b"data-pagefind-body";

/// Why the index could not be built. Pagefind reports its errors as text.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("cannot start the search indexer: {0}")]
    Runtime(std::io::Error),
    #[error("the search indexer rejected its options: {0}")]
    Options(String),
    #[error("cannot index {path} for search: {message}")]
    Page { path: PathBuf, message: String },
    #[error("cannot build the search index: {0}")]
    Build(String),
}

impl SearchError {
    /// As a diagnostic naming the page at fault, for the build's report.
    pub fn into_diagnostic(self) -> Diagnostic {
        let path = match &self {
            SearchError::Page { path, .. } => path.display().to_string(),
            _ => "site.yaml".to_string(),
        };
        Diagnostic::in_path(path, self.to_string())
    }
}

/// Indexes the searchable pages among `files` and returns Pagefind's bundle as files below
/// `config.search.folder`; nothing when search is turned off.
pub fn index(config: &Config, files: &[OutputFile]) -> Result<Vec<OutputFile>, SearchError> {
    if !config.search.enabled {
        return Ok(Vec::new());
    }
    let mut pages: Vec<&OutputFile> = files.iter().filter(|f| is_searchable(f)).collect();
    // Pagefind numbers pages in the order they arrive: sort for a deterministic bundle.
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(SearchError::Runtime)?;
    let bundle = runtime.block_on(build_bundle(config.base_path(), &pages))?;
    let folder = Path::new(&config.search.folder.value);
    Ok(bundle
        .into_iter()
        .filter(|file| is_shipped(&file.filename))
        .map(|file| OutputFile {
            path: folder.join(file.filename),
            bytes: Arc::new(file.contents),
        })
        .collect())
}

fn is_searchable(file: &OutputFile) -> bool {
    file.path.extension().is_some_and(|e| e == "html")
        && file
            .bytes
            .windows(BODY_MARKER.len())
            .any(|w| w == BODY_MARKER)
}

async fn build_bundle(
    base_path: &str,
    pages: &[&OutputFile],
) -> Result<Vec<pagefind::api::SyntheticFile>, SearchError> {
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let mut index =
        PagefindIndex::new(Some(options)).map_err(|e| SearchError::Options(e.to_string()))?;
    for page in pages {
        let html = split_elisions(&String::from_utf8_lossy(&page.bytes));
        index
            .add_html_file(None, Some(url_of(base_path, &page.path)), html)
            .await
            .map_err(|e| SearchError::Page {
                path: page.path.clone(),
                message: e.to_string(),
            })?;
    }
    index
        .get_files()
        .await
        .map_err(|e| SearchError::Build(e.to_string()))
}

/// The HTML Pagefind reads, with typographic apostrophes made ASCII in the text.
///
/// Pagefind splits a word into parts only at ASCII punctuation, so « d’emploi » would be
/// indexed as one word and a search for `emploi` would miss it; « d'emploi » is indexed as
/// itself and as `emploi`. The search page turns the apostrophes of results back into ’.
/// Tags, and the values of text-valued `data-pagefind-filter`/`-meta` elements (shown as
/// facet labels, which the UI cannot rewrite), are left as written.
fn split_elisions(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut in_facet = false;
    while let Some(open) = rest.find('<') {
        let (text, from_tag) = rest.split_at(open);
        push_text(&mut out, text, in_facet);
        let close = from_tag.find('>').map_or(from_tag.len(), |i| i + 1);
        let tag = &from_tag[..close];
        if tag.contains("data-pagefind-filter") || tag.contains("data-pagefind-meta") {
            in_facet = true;
        } else if in_facet && tag.starts_with("</") {
            in_facet = false;
        }
        out.push_str(tag);
        rest = &from_tag[close..];
    }
    push_text(&mut out, rest, in_facet);
    out
}

fn push_text(out: &mut String, text: &str, keep: bool) {
    if keep {
        out.push_str(text);
    } else {
        out.extend(text.chars().map(|c| if c == '’' { '\'' } else { c }));
    }
}

/// The address a result links to: the page's folder below the site's base path.
fn url_of(base_path: &str, path: &Path) -> String {
    let path = path.to_string_lossy();
    let folder = path.strip_suffix("index.html").unwrap_or(&path);
    format!("{base_path}/{folder}")
}

/// Whether a bundle file is used by the default UI: the index, the search runtime and the UI
/// itself, but not the other UIs, the highlighter, the playground or the runtime for pages
/// without a language (every page of the site has `<html lang>`).
fn is_shipped(filename: &Path) -> bool {
    let name = filename.to_string_lossy();
    let unused = [
        "pagefind-highlight.js",
        "pagefind-modular-ui.js",
        "pagefind-modular-ui.css",
        "pagefind-component-ui.js",
        "pagefind-component-ui.css",
        "wasm.unknown.pagefind",
    ];
    !unused.contains(&name.as_ref()) && !name.starts_with("playground")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_urls_are_folders_below_the_base_path() {
        let page = Path::new("fr/bonnes-pratiques/x/index.html");
        assert_eq!(url_of("/bl", page), "/bl/fr/bonnes-pratiques/x/");
        assert_eq!(url_of("", page), "/fr/bonnes-pratiques/x/");
    }

    #[test]
    fn elisions_split_in_text_but_not_in_tags_or_facets() {
        let html = "<p title=\"l’a\">demandeurs d’emploi</p><span data-pagefind-filter=\"Type\">Visite d’étude</span><p>l’État</p>";
        assert_eq!(
            split_elisions(html),
            "<p title=\"l’a\">demandeurs d'emploi</p><span data-pagefind-filter=\"Type\">Visite d’étude</span><p>l'État</p>"
        );
    }

    #[test]
    fn only_the_default_ui_is_shipped() {
        assert!(is_shipped(Path::new("pagefind-ui.js")));
        assert!(is_shipped(Path::new("fragment/fr_abc.pf_fragment")));
        assert!(!is_shipped(Path::new("pagefind-component-ui.js")));
        assert!(!is_shipped(Path::new("playground/index.html")));
    }
}
