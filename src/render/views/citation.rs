//! The "Cite this page" block: the reference of a cited page as its line shows it, with links
//! to the reference files beside the page (see [`crate::render::files::citations`]).

use serde::Serialize;

use crate::model::lang::Lang;
use crate::render::files::citations::{CiteFormat, Cited};
use crate::render::Context;

/// A reference as the page writes it: author, title, site, date, address, then the date the
/// reader consulted it, which the reader completes.
#[derive(Debug, Serialize)]
pub struct CiteView {
    pub author: String,
    pub title: String,
    /// The language of the title (a page shown in another language cites that text).
    pub title_lang: Lang,
    /// The site's name, left out where it is the author already.
    pub site: Option<String>,
    /// The date of the version cited, in the page's language, and as `YYYY-MM-DD`.
    pub date: Option<String>,
    pub date_iso: Option<String>,
    /// The page's absolute address.
    pub url: String,
    /// The address cut after each `/` of its path, where a narrow screen may break it.
    pub url_parts: Vec<String>,
    pub downloads: Vec<CiteDownload>,
}

/// A link to one reference file.
#[derive(Debug, Serialize)]
pub struct CiteDownload {
    pub label: &'static str,
    pub url: String,
    pub media_type: &'static str,
}

impl Context<'_> {
    /// The citation block of a cited page in `lang`.
    pub(crate) fn cite_view(&self, cited: &Cited, lang: &Lang) -> Option<CiteView> {
        let citation = self.citation(cited, lang)?;
        let path = self.cited_path(cited, lang)?;
        let downloads = CiteFormat::ALL
            .into_iter()
            .map(|format| CiteDownload {
                label: format.label(),
                url: self.routes.link(&format!("{path}{}", format.file_name())),
                media_type: format.media_type(),
            })
            .collect();
        Some(CiteView {
            site: (citation.site != citation.author).then_some(citation.site),
            author: citation.author,
            title: citation.title,
            title_lang: citation.lang,
            date: citation.date.map(|date| self.formats(lang).date(date)),
            date_iso: citation.date.map(|date| date.to_string()),
            url_parts: breakable(&citation.url),
            url: citation.url,
            downloads,
        })
    }
}

/// An address cut where it may wrap: after the site's host, then after each `/` of the path.
fn breakable(url: &str) -> Vec<String> {
    let host = url.find("://").map_or(0, |scheme| scheme + 3);
    let path = url[host..]
        .find('/')
        .map_or(url.len(), |slash| host + slash + 1);
    std::iter::once(&url[..path])
        .chain(url[path..].split_inclusive('/'))
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::breakable;

    #[test]
    fn an_address_breaks_after_its_host_and_each_folder() {
        assert_eq!(
            breakable("https://example.org/fr/a-b/"),
            ["https://example.org/", "fr/", "a-b/"]
        );
        assert_eq!(breakable("https://example.org"), ["https://example.org"]);
    }
}
