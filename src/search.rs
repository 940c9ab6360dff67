//! The full-text search index: Pagefind, run in-process on the rendered pages held in memory.
//!
//! Templates mark what is searchable (`data-pagefind-body` on the main content of searchable
//! pages, `data-pagefind-filter` and `data-pagefind-meta` for facets and result labels); this
//! module hands those pages to Pagefind, which builds one index per `<html lang>`, and returns
//! the bundle as more files of the site, so the atomic writer writes them with the rest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pagefind::api::{PagefindIndex, SyntheticFile};
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::OutputFile;

/// The attribute that makes a rendered page searchable.
const BODY_MARKER: &[u8] = b"data-pagefind-body";

/// The bundle file listing the languages and their indexes.
const ENTRY: &str = "pagefind-entry.json";

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
    /// As the build's report: one diagnostic naming the page at fault.
    pub fn into_diagnostics(self) -> Diagnostics {
        let path = match &self {
            SearchError::Page { path, .. } => path.display().to_string(),
            _ => "site.yaml".to_string(),
        };
        let mut problems = Diagnostics::default();
        problems.push(Diagnostic::in_path(path, self.to_string()));
        problems
    }
}

/// Indexes the searchable pages among `files` and returns Pagefind's bundle as files below
/// `config.search.folder`; nothing when search is turned off.
pub fn index(config: &Config, files: &[OutputFile]) -> Result<Vec<OutputFile>, SearchError> {
    prepare(config, files).map_or(Ok(Vec::new()), Pending::index)
}

/// What Pagefind will read of the site's pages, taken from them so the pages themselves can
/// be written and freed while the index is built; `None` when search is turned off.
pub fn prepare(config: &Config, files: &[OutputFile]) -> Option<Pending> {
    if !config.search.enabled {
        return None;
    }
    let base_path = config.base_path();
    let mut pages: Vec<Page> = files
        .par_iter()
        .filter(|f| is_searchable(f))
        .map(|f| Page::read(base_path, f, &config.default_language.value))
        .collect();
    // Pagefind numbers pages in the order they arrive: sort for a deterministic bundle.
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let mut by_language: BTreeMap<String, Vec<Page>> = BTreeMap::new();
    for page in pages {
        by_language.entry(page.lang.clone()).or_default().push(page);
    }
    Some(Pending {
        by_language,
        folder: PathBuf::from(&config.search.folder.value),
    })
}

/// The searchable pages of a site, by language, not yet indexed.
pub struct Pending {
    by_language: BTreeMap<String, Vec<Page>>,
    folder: PathBuf,
}

impl Pending {
    /// Builds the index: Pagefind keeps one per language, so each language is indexed on its
    /// own thread and the bundles are merged (Pagefind's service reads the pages it is given
    /// one at a time). The threads are not rayon's: while `serve` re-indexes in the
    /// background, rendering the next edit must not wait behind them.
    pub fn index(self) -> Result<Vec<OutputFile>, SearchError> {
        let bundles = std::thread::scope(|scope| {
            let threads: Vec<_> = self
                .by_language
                .into_values()
                .map(|pages| scope.spawn(|| index_language(pages)))
                .collect();
            threads
                .into_iter()
                .map(|thread| {
                    thread
                        .join()
                        .unwrap_or_else(|p| std::panic::resume_unwind(p))
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
        Ok(merge_bundles(bundles)?
            .into_iter()
            .filter(|file| is_shipped(&file.filename))
            .map(|file| OutputFile {
                path: self.folder.join(file.filename),
                bytes: Arc::new(file.contents),
            })
            .collect())
    }
}

fn is_searchable(file: &OutputFile) -> bool {
    file.path.extension().is_some_and(|e| e == "html")
        && file
            .bytes
            .windows(BODY_MARKER.len())
            .any(|w| w == BODY_MARKER)
}

/// A page as handed to Pagefind.
struct Page {
    path: PathBuf,
    url: String,
    lang: String,
    html: String,
}

impl Page {
    fn read(base_path: &str, file: &OutputFile, default_language: &str) -> Page {
        let html = String::from_utf8_lossy(&file.bytes);
        let lang = html_lang(&html).unwrap_or(default_language).to_string();
        let searched = searchable_part(&html, &lang);
        Page {
            path: file.path.clone(),
            url: url_of(base_path, &file.path),
            html: prepare_for_index(searched.as_deref().unwrap_or(&html)),
            lang,
        }
    }
}

/// The language of a page, from its `<html lang>`.
fn html_lang(html: &str) -> Option<&str> {
    let start = html.find("<html")?;
    let tag = &html[start..start + html[start..].find('>')?];
    let value = &tag[tag.find("lang=\"")? + "lang=\"".len()..];
    Some(&value[..value.find('"')?])
}

/// The element marked `data-pagefind-body`, alone in a minimal document.
///
/// Pagefind reads nothing outside that element (every searchable page has one), and the
/// header, menus and footer are most of a page's bytes: parsing them is most of the indexing
/// time. `None` when the element's end cannot be found, and the whole page is read instead.
fn searchable_part(html: &str, lang: &str) -> Option<String> {
    let marker = html.find("data-pagefind-body")?;
    let open = html[..marker].rfind('<')?;
    let name_end = html[open + 1..].find(|c: char| !c.is_ascii_alphanumeric())? + open + 1;
    let name = &html[open + 1..name_end];
    let close = matching_close(html, open, name)?;
    Some(format!(
        "<html lang=\"{lang}\"><body>{}</body></html>",
        &html[open..close]
    ))
}

/// The end of the `name` element opened at `open`, counting nested elements of the same name.
fn matching_close(html: &str, open: usize, name: &str) -> Option<usize> {
    let (opening, closing) = (format!("<{name}"), format!("</{name}>"));
    let mut depth = 0usize;
    let mut at = open;
    loop {
        let next_open = html[at..].find(&opening).map(|i| i + at);
        let next_close = html[at..].find(&closing).map(|i| i + at)?;
        match next_open {
            Some(o) if o < next_close && is_tag_end(html, o + opening.len()) => {
                depth += 1;
                at = o + opening.len();
            }
            Some(o) if o < next_close => at = o + opening.len(),
            _ => {
                depth = depth.checked_sub(1)?;
                at = next_close + closing.len();
                if depth == 0 {
                    return Some(at);
                }
            }
        }
    }
}

/// Whether the tag name ends at `at` (`<main>` or `<main id…`, not `<mainframe`).
fn is_tag_end(html: &str, at: usize) -> bool {
    html[at..]
        .chars()
        .next()
        .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// One language's pages through Pagefind, on a runtime of its own.
fn index_language(pages: Vec<Page>) -> Result<Vec<SyntheticFile>, SearchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(SearchError::Runtime)?;
    runtime.block_on(build_bundle(pages))
}

async fn build_bundle(pages: Vec<Page>) -> Result<Vec<SyntheticFile>, SearchError> {
    let options = PagefindServiceConfig::builder()
        .keep_index_url(false)
        .write_playground(false)
        .build();
    let mut index =
        PagefindIndex::new(Some(options)).map_err(|e| SearchError::Options(e.to_string()))?;
    for page in pages {
        index
            .add_html_file(None, Some(page.url), page.html)
            .await
            .map_err(|e| SearchError::Page {
                path: page.path,
                message: e.to_string(),
            })?;
    }
    index
        .get_files()
        .await
        .map_err(|e| SearchError::Build(e.to_string()))
}

/// One bundle from the bundles of each language: their files side by side (the runtime and UI
/// files are the same in each), and one entry file listing every language.
fn merge_bundles(bundles: Vec<Vec<SyntheticFile>>) -> Result<Vec<SyntheticFile>, SearchError> {
    let mut files: BTreeMap<PathBuf, Vec<u8>> = BTreeMap::new();
    let mut entry: Option<serde_json::Value> = None;
    for file in bundles.into_iter().flatten() {
        if file.filename != Path::new(ENTRY) {
            files.entry(file.filename).or_insert(file.contents);
            continue;
        }
        let bad_entry = |e: serde_json::Error| SearchError::Build(format!("{ENTRY}: {e}"));
        let next: serde_json::Value = serde_json::from_slice(&file.contents).map_err(bad_entry)?;
        match (&mut entry, next) {
            (None, next) => entry = Some(next),
            (Some(merged), next) => {
                if let (Some(into), Some(from)) = (
                    merged["languages"].as_object_mut(),
                    next["languages"].as_object(),
                ) {
                    into.extend(from.clone());
                }
            }
        }
    }
    if let Some(entry) = entry {
        let bytes = serde_json::to_vec(&entry).map_err(|e| SearchError::Build(e.to_string()))?;
        files.insert(PathBuf::from(ENTRY), bytes);
    }
    Ok(files
        .into_iter()
        .map(|(filename, contents)| SyntheticFile { filename, contents })
        .collect())
}

/// The HTML Pagefind reads: typographic apostrophes made ASCII in the text, and the text of
/// facet values escaped further.
///
/// Pagefind splits a word into parts only at ASCII punctuation, so « d’emploi » would be
/// indexed as one word and a search for `emploi` would miss it; « d'emploi » is indexed as
/// itself and as `emploi`. The search page turns the apostrophes of results back into ’.
/// Tags, and the values of text-valued `data-pagefind-filter`/`-meta` elements (shown as
/// facet labels, which the UI cannot rewrite), keep their apostrophes as written.
///
/// Pagefind's UI inserts facet values as HTML, and Pagefind (1.6) decodes the entities of a
/// facet's text twice: a PES named `<img onerror=…>`, or even `&lt;img…`, would run on the
/// search page. Facet values are therefore escaped twice more, so that Pagefind stores them
/// as the page writes them, escaped, which the UI shows as the text they spell; a facet
/// still matches, as the UI filters on the stored value. Result labels (`-meta`), decoded
/// once and shown as text by the UI, are left as written.
fn prepare_for_index(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut role = TextRole::Searched;
    while let Some(open) = rest.find('<') {
        let (text, from_tag) = rest.split_at(open);
        push_text(&mut out, text, role);
        let close = from_tag.find('>').map_or(from_tag.len(), |i| i + 1);
        let tag = &from_tag[..close];
        if tag.starts_with("</") {
            role = TextRole::Searched;
        } else if is_text_valued(tag, "data-pagefind-filter") {
            role = TextRole::FacetValue;
        } else if is_text_valued(tag, "data-pagefind-meta") {
            role = TextRole::Label;
        }
        out.push_str(tag);
        rest = &from_tag[close..];
    }
    push_text(&mut out, rest, role);
    out
}

/// What the text of an element is to Pagefind, which decides how it is handed over.
#[derive(Clone, Copy)]
enum TextRole {
    /// Indexed and shown in excerpts: apostrophes made ASCII.
    Searched,
    /// A result label, shown as text: as written.
    Label,
    /// A facet value, inserted as HTML: escaped twice more (Pagefind decodes it twice).
    FacetValue,
}

/// Whether `tag` carries `attribute` naming facets or labels that take the element's text as
/// value (`name`, not `name:value` or `name[attribute]`, whose value is not the text).
fn is_text_valued(tag: &str, attribute: &str) -> bool {
    let Some(at) = tag.find(attribute) else {
        return false;
    };
    let value = tag[at + attribute.len()..]
        .strip_prefix("=\"")
        .and_then(|v| v.split('"').next())
        .unwrap_or_default();
    !value.contains(':') && !value.contains('[')
}

fn push_text(out: &mut String, text: &str, role: TextRole) {
    match role {
        TextRole::Searched => out.extend(text.chars().map(|c| if c == '’' { '\'' } else { c })),
        TextRole::Label => out.push_str(text),
        TextRole::FacetValue => out.push_str(&escape_text(&escape_text(text))),
    }
}

/// `text` with the characters that start markup or an entity escaped.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
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
            prepare_for_index(html),
            "<p title=\"l’a\">demandeurs d'emploi</p><span data-pagefind-filter=\"Type\">Visite d’étude</span><p>l'État</p>"
        );
    }

    #[test]
    fn facet_values_are_escaped_twice_more_and_labels_left_as_written() {
        let html = "<span data-pagefind-filter=\"SPE\">A &amp;lt;b&amp;gt; &lt;img&gt; d’x</span>\
            <span data-pagefind-meta=\"SPE\">A &amp;lt;b&amp;gt; &lt;img&gt; d’x</span><p>&lt;i&gt; d’x</p>";
        assert_eq!(
            prepare_for_index(html),
            "<span data-pagefind-filter=\"SPE\">A &amp;amp;amp;lt;b&amp;amp;amp;gt; &amp;amp;lt;img&amp;amp;gt; d’x</span>\
            <span data-pagefind-meta=\"SPE\">A &amp;lt;b&amp;gt; &lt;img&gt; d’x</span><p>&lt;i&gt; d'x</p>"
        );
    }

    #[test]
    fn a_facet_valued_by_its_attribute_leaves_the_text_searchable() {
        let html = "<div data-pagefind-filter=\"Type:Page\">l’a &amp; b</div>";
        assert_eq!(
            prepare_for_index(html),
            "<div data-pagefind-filter=\"Type:Page\">l'a &amp; b</div>"
        );
    }

    #[test]
    fn pagefind_reads_only_the_marked_element() {
        let html = "<html lang=\"fr\"><head><title>T</title></head><body><header><nav>Menu</nav></header>\
            <main id=\"main\" data-pagefind-body><main-ish>x</main-ish><p>Texte</p></main><footer>Pied</footer></body></html>";
        assert_eq!(html_lang(html), Some("fr"));
        assert_eq!(
            searchable_part(html, "fr").as_deref(),
            Some("<html lang=\"fr\"><body><main id=\"main\" data-pagefind-body><main-ish>x</main-ish><p>Texte</p></main></body></html>")
        );
    }

    #[test]
    fn nested_elements_of_the_same_name_are_kept_whole() {
        let html =
            "<div data-pagefind-body><div>a</div><div class=\"b\">b</div></div><div>out</div>";
        assert_eq!(
            searchable_part(html, "en").as_deref(),
            Some("<html lang=\"en\"><body><div data-pagefind-body><div>a</div><div class=\"b\">b</div></div></body></html>")
        );
    }

    #[test]
    fn an_unclosed_element_falls_back_to_the_whole_page() {
        assert_eq!(
            searchable_part("<main data-pagefind-body><p>a</p>", "en"),
            None
        );
        assert_eq!(searchable_part("<main><p>a</p></main>", "en"), None);
    }

    #[test]
    fn bundles_of_each_language_merge_into_one_entry() {
        let entry = |lang: &str| SyntheticFile {
            filename: PathBuf::from(ENTRY),
            contents: format!(
                "{{\"version\":\"1\",\"languages\":{{\"{lang}\":{{\"hash\":\"{lang}_1\"}}}}}}"
            )
            .into_bytes(),
        };
        let file = |name: &str| SyntheticFile {
            filename: PathBuf::from(name),
            contents: name.as_bytes().to_vec(),
        };
        let merged = merge_bundles(vec![
            vec![entry("en"), file("pagefind.js"), file("wasm.en.pagefind")],
            vec![entry("fr"), file("pagefind.js"), file("wasm.fr.pagefind")],
        ])
        .unwrap();
        let names: Vec<_> = merged
            .iter()
            .map(|f| f.filename.to_string_lossy())
            .collect();
        assert_eq!(
            names,
            [ENTRY, "pagefind.js", "wasm.en.pagefind", "wasm.fr.pagefind"]
        );
        let entry: serde_json::Value = serde_json::from_slice(&merged[0].contents).unwrap();
        assert_eq!(entry["languages"]["en"]["hash"], "en_1");
        assert_eq!(entry["languages"]["fr"]["hash"], "fr_1");
    }

    #[test]
    fn only_the_default_ui_is_shipped() {
        assert!(is_shipped(Path::new("pagefind-ui.js")));
        assert!(is_shipped(Path::new("fragment/fr_abc.pf_fragment")));
        assert!(!is_shipped(Path::new("pagefind-component-ui.js")));
        assert!(!is_shipped(Path::new("playground/index.html")));
    }
}
