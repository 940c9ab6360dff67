//! `sitemap.xml` and `robots.txt`: every public page with its language versions, so search
//! engines find each page and show a visitor the one in their language.
//!
//! The page list and addresses come from [`Routes::page_groups`](crate::render::engine::routes::Routes), the
//! same map that writes each page's `<link rel="alternate">`, so the two always agree.

use crate::model::lang::Lang;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::{Document, Meta, Section};
use crate::model::text::Date;
use crate::render::engine::routes::{PageGroup, PageId};
use crate::render::family::Family;
use crate::render::{Change, Context, DataFile, OutputFile};

/// The sitemap's file name at the site root.
pub const SITEMAP: &str = "sitemap.xml";
/// The robots file's name at the site root.
pub const ROBOTS: &str = "robots.txt";

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";

/// One `<url>` of the sitemap.
struct SitemapUrl {
    loc: String,
    lastmod: Option<Date>,
    /// hreflang → absolute URL, `x-default` last.
    alternates: Vec<(String, String)>,
}

/// What crawlers read: `sitemap.xml` and `robots.txt`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Crawling;

/// One file for crawlers.
#[derive(Debug)]
pub(crate) enum CrawlingFile {
    Sitemap,
    Robots,
}

impl Family for Crawling {
    type Page = CrawlingFile;

    fn pages(self, _: &Context<'_>) -> Vec<CrawlingFile> {
        vec![CrawlingFile::Sitemap, CrawlingFile::Robots]
    }

    fn template(self, _: &CrawlingFile) -> Option<&'static str> {
        None
    }

    fn shows(self, file: &CrawlingFile, change: &Change) -> bool {
        match file {
            // Every page with its date, and a page per member, per indicator and per pair
            // of peers (members and their peer groups are in `pes.yaml`).
            CrawlingFile::Sitemap => {
                change.reaches_every_page()
                    || change.is_document_of(None)
                    || *change == Change::Data(DataFile::Indicators)
            }
            // Only the site's address, which free pages' changes are rendered with anyway.
            CrawlingFile::Robots => change.is_document_of(Some(Section::Pages)),
        }
    }

    fn render(self, cx: &Context<'_>, file: &CrawlingFile) -> Result<OutputFile, Diagnostics> {
        match file {
            CrawlingFile::Sitemap => Self::sitemap(cx),
            CrawlingFile::Robots => Ok(Self::robots(cx)),
        }
    }
}

fn write_sitemap(urls: &[SitemapUrl]) -> io::Result<Vec<u8>> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    writer
        .create_element("urlset")
        .with_attribute(("xmlns", SITEMAP_NS))
        .with_attribute(("xmlns:xhtml", XHTML_NS))
        .write_inner_content(|writer| {
            for url in urls {
                write_url(writer, url)?;
            }
            Ok(())
        })?;
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

fn write_url(writer: &mut Writer<Vec<u8>>, url: &SitemapUrl) -> io::Result<()> {
    writer.create_element("url").write_inner_content(|writer| {
        writer
            .create_element("loc")
            .write_text_content(BytesText::new(&url.loc))?;
        if let Some(date) = url.lastmod {
            writer
                .create_element("lastmod")
                .write_text_content(BytesText::new(&date.to_string()))?;
        }
        for (hreflang, href) in &url.alternates {
            writer
                .create_element("xhtml:link")
                .with_attribute(("rel", "alternate"))
                .with_attribute(("hreflang", hreflang.as_str()))
                .with_attribute(("href", href.as_str()))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

impl Crawling {
    /// `sitemap.xml`: the root page, then every page of every language with its alternates.
    fn sitemap(cx: &Context<'_>) -> Result<OutputFile, Diagnostics> {
        let pes_ids = cx.site.data.pes.iter().map(|pes| pes.id.value.as_str());
        let mut urls = vec![SitemapUrl {
            loc: cx.routes.absolute(""),
            lastmod: None,
            alternates: Vec::new(),
        }];
        for group in cx
            .routes
            .page_groups(pes_ids)
            .iter()
            .chain(&cx.bench_page_groups())
            .chain(&cx.compare_page_groups())
        {
            urls.extend(Self::group_urls(cx, group));
        }
        let bytes = write_sitemap(&urls).map_err(|error| {
            Diagnostics::from(Diagnostic::in_path(
                SITEMAP,
                format!("cannot write the sitemap: {error}"),
            ))
        })?;
        Ok(OutputFile {
            path: PathBuf::from(SITEMAP),
            bytes: Arc::new(bytes),
        })
    }

    /// `robots.txt`: everything may be crawled; the sitemap is announced with its full URL.
    /// Crawlers may read an edition for the open web, guided by the sitemap, and none other.
    fn robots(cx: &Context<'_>) -> OutputFile {
        let text = if cx.site.edition.indexable() {
            format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                cx.routes.absolute(SITEMAP)
            )
        } else {
            "User-agent: *\nDisallow: /\n".to_string()
        };
        OutputFile {
            path: PathBuf::from(ROBOTS),
            bytes: Arc::new(text.into_bytes()),
        }
    }

    fn group_urls(cx: &Context<'_>, group: &PageGroup) -> Vec<SitemapUrl> {
        let mut alternates: Vec<(String, String)> = cx
            .routes
            .languages()
            .iter()
            .filter_map(|lang| Some((lang.to_string(), cx.routes.absolute(group.paths.get(lang)?))))
            .collect();
        if let Some(path) = group.paths.get(cx.routes.default_language()) {
            alternates.push(("x-default".to_string(), cx.routes.absolute(path)));
        }
        cx.routes
            .languages()
            .iter()
            .filter_map(|lang| {
                Some(SitemapUrl {
                    loc: cx.routes.absolute(group.paths.get(lang.as_str())?),
                    lastmod: Self::last_modified(cx, &group.id, lang),
                    alternates: alternates.clone(),
                })
            })
            .collect()
    }

    /// The `updated` date of the text a document page shows in `lang`.
    fn last_modified(cx: &Context<'_>, id: &PageId, lang: &Lang) -> Option<Date> {
        let PageId::Document(section, key) = id else {
            return None;
        };
        let documents = &cx.site.documents;
        match section {
            Section::Practices => Self::updated(cx, &documents.practices, *section, key, lang),
            Section::Visits => Self::updated(cx, &documents.visits, *section, key, lang),
            Section::Reports => Self::updated(cx, &documents.reports, *section, key, lang),
            Section::Pages => Self::updated(cx, &documents.pages, *section, key, lang),
        }
    }

    fn updated<M: Meta>(
        cx: &Context<'_>,
        documents: &[Document<M>],
        section: Section,
        key: &str,
        lang: &Lang,
    ) -> Option<Date> {
        cx.shown(documents, section, key, lang)
            .map(|document| document.meta.updated().value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        let urls = [SitemapUrl {
            loc: "https://example.org/a?b=1&c=<2>".to_string(),
            lastmod: Date::parse("2024-01-02"),
            alternates: vec![("fr".to_string(), "https://example.org/&fr".to_string())],
        }];
        let text = String::from_utf8(write_sitemap(&urls).expect("writes")).expect("UTF-8");
        assert!(
            text.contains("<loc>https://example.org/a?b=1&amp;c=&lt;2&gt;</loc>"),
            "{text}"
        );
        assert!(
            text.contains(r#"href="https://example.org/&amp;fr""#),
            "{text}"
        );
        assert!(text.contains("<lastmod>2024-01-02</lastmod>"), "{text}");
    }
}
