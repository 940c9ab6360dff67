//! "Cite this page": the reference of a report, a study-visit report, a good practice or an
//! indicator page, shown on the page and downloadable beside it as BibTeX (`cite.bib`), RIS
//! (`cite.ris`) and CSL-JSON (`cite.json`), the formats reference managers (Zotero, EndNote,
//! Mendeley, LaTeX) import, as EU and OECD publication pages offer them.
//!
//! A reference names the author (the document's `author`, else the site's `publisher`), the
//! title, the date of the version cited, the address, and leaves the date consulted to the
//! reader: the files carry no access date, which reference managers add on import, and the
//! site stays byte-identical from one build to the next.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::{Document, Meta, Section};
use crate::model::lang::Lang;
use crate::model::text::Date;
use crate::render::family::Family;
use crate::render::{Change, Context, DataFile, OutputFile};

/// What kind of work a reference is to: it picks the entry type of each format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WorkKind {
    /// Network reports and study-visit reports.
    Report,
    /// Good practices: pages of the site.
    WebPage,
    /// An indicator's values across members and years.
    Dataset,
}

/// Everything a reference says, in the words of one language.
#[derive(Debug, Clone)]
pub(crate) struct Citation {
    /// The entry's key in BibTeX and id in CSL-JSON: ASCII letters, digits and `-`.
    pub key: String,
    pub kind: WorkKind,
    /// A person or an organisation, written as one name.
    pub author: String,
    pub title: String,
    /// The site's name, where the work is published.
    pub site: String,
    /// The date of the version cited; none for pages whose figures change with every update.
    pub date: Option<Date>,
    /// The page's absolute address.
    pub url: String,
    /// The language the title is written in.
    pub lang: Lang,
}

/// A file format of a reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CiteFormat {
    Bibtex,
    Ris,
    CslJson,
}

impl CiteFormat {
    /// Every format, in the order the page offers them.
    pub const ALL: [CiteFormat; 3] = [CiteFormat::Bibtex, CiteFormat::Ris, CiteFormat::CslJson];

    /// The file's name, beside the page's `index.html`.
    pub fn file_name(self) -> &'static str {
        match self {
            CiteFormat::Bibtex => "cite.bib",
            CiteFormat::Ris => "cite.ris",
            CiteFormat::CslJson => "cite.json",
        }
    }

    /// The format's own name, the same in every language.
    pub fn label(self) -> &'static str {
        match self {
            CiteFormat::Bibtex => "BibTeX",
            CiteFormat::Ris => "RIS",
            CiteFormat::CslJson => "CSL-JSON",
        }
    }

    /// The media type, for the link's `type` hint.
    pub fn media_type(self) -> &'static str {
        match self {
            CiteFormat::Bibtex => "application/x-bibtex",
            CiteFormat::Ris => "application/x-research-info-systems",
            CiteFormat::CslJson => "application/vnd.citationstyles.csl+json",
        }
    }

    fn write(self, citation: &Citation) -> Result<String, String> {
        match self {
            CiteFormat::Bibtex => Ok(citation.bibtex()),
            CiteFormat::Ris => Ok(citation.ris()),
            CiteFormat::CslJson => citation.csl_json(),
        }
    }
}

impl Citation {
    /// A BibTeX `@misc` entry, which every BibTeX and biblatex style knows; names are braced
    /// whole so an organisation is not split into first and last names.
    pub fn bibtex(&self) -> String {
        let mut fields = vec![
            ("author", format!("{{{{{}}}}}", bibtex_text(&self.author))),
            ("title", format!("{{{{{}}}}}", bibtex_text(&self.title))),
            ("howpublished", format!("{{{}}}", bibtex_text(&self.site))),
        ];
        if let Some(date) = self.date {
            fields.push(("year", format!("{{{}}}", date.year())));
            fields.push(("date", format!("{{{date}}}")));
        }
        fields.push(("url", format!("{{{}}}", bibtex_url(&self.url))));
        fields.push(("language", format!("{{{}}}", self.lang)));
        let body: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("  {name} = {value}"))
            .collect();
        format!("@misc{{{},\n{}\n}}\n", self.key, body.join(",\n"))
    }

    /// A RIS record: one `TAG  - value` per line, lines ended by CR LF as the format asks,
    /// closed by `ER`.
    pub fn ris(&self) -> String {
        let kind = match self.kind {
            WorkKind::Report => "RPRT",
            WorkKind::WebPage => "ELEC",
            WorkKind::Dataset => "DATA",
        };
        let mut lines = vec![
            ("TY", kind.to_string()),
            ("AU", ris_text(&self.author)),
            ("TI", ris_text(&self.title)),
            ("T2", ris_text(&self.site)),
        ];
        if let Some(date) = self.date {
            lines.push(("PY", date.year().to_string()));
            lines.push(("DA", format!("{}/", date.to_string().replace('-', "/"))));
        }
        lines.push(("UR", ris_text(&self.url)));
        lines.push(("LA", self.lang.to_string()));
        lines.push(("ER", String::new()));
        lines
            .iter()
            .map(|(tag, value)| format!("{tag}  - {value}\r\n"))
            .collect()
    }

    /// A CSL-JSON list of one item, as citeproc processors and Zotero read it.
    pub fn csl_json(&self) -> Result<String, String> {
        #[derive(Serialize)]
        struct Name<'a> {
            literal: &'a str,
        }
        #[derive(Serialize)]
        struct Issued {
            #[serde(rename = "date-parts")]
            date_parts: [[i32; 3]; 1],
        }
        #[derive(Serialize)]
        struct Item<'a> {
            id: &'a str,
            #[serde(rename = "type")]
            kind: &'static str,
            title: &'a str,
            author: [Name<'a>; 1],
            #[serde(rename = "container-title")]
            container_title: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            issued: Option<Issued>,
            #[serde(rename = "URL")]
            url: &'a str,
            language: &'a str,
        }
        let (title, author, site) = (
            one_line(&self.title),
            one_line(&self.author),
            one_line(&self.site),
        );
        let item = Item {
            id: &self.key,
            kind: match self.kind {
                WorkKind::Report => "report",
                WorkKind::WebPage => "webpage",
                WorkKind::Dataset => "dataset",
            },
            title: &title,
            author: [Name { literal: &author }],
            container_title: &site,
            issued: self.date.map(|date| Issued {
                date_parts: [[
                    date.year(),
                    i32::from(u8::from(date.0.month())),
                    i32::from(date.0.day()),
                ]],
            }),
            url: &self.url,
            language: self.lang.as_str(),
        };
        let text = serde_json::to_string_pretty(&[item]).map_err(|e| e.to_string())?;
        // As in the JSON-LD of pages: no markup, whatever a browser takes the file for.
        let mut text = text
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026");
        text.push('\n');
        Ok(text)
    }
}

/// Text on one line: line breaks, tabs and other control characters become spaces, runs of
/// spaces one space; no-break spaces (French typography) stay.
fn one_line(text: &str) -> String {
    let breaks = |c: char| c == ' ' || c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
    text.split(breaks)
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text inside a braced BibTeX value: the characters LaTeX reads as commands or groups are
/// escaped, so a title with `{`, `&`, `%` or `\` neither breaks the entry nor the document;
/// `<` and `>`, which LaTeX's default font encoding prints as other signs, are commands too.
fn bibtex_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            c => out.push(c),
        }
    }
    out
}

/// An address in a BibTeX `url` field, which LaTeX reads verbatim: only what would unbalance
/// the braces or end the field is percent-encoded.
fn bibtex_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() || c.is_control() => {
                out.push_str(&format!("%{:02X}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// A RIS value: one line, since a line break would start another tag.
fn ris_text(text: &str) -> String {
    one_line(text)
}

/// A page that has a reference: a document (practice, visit or report) or an indicator page,
/// for the network or (`Some`) a peer group, each by its place in its data file.
#[derive(Debug, Clone)]
pub(crate) enum Cited {
    Document(Section, String),
    Indicator(usize, Option<usize>),
}

/// The sections whose documents are cited: free pages (about, methodology) are not works.
pub(crate) const CITED_SECTIONS: [Section; 3] =
    [Section::Practices, Section::Visits, Section::Reports];

/// The reference files of every cited page, in every language and format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Citations;

/// One reference file: a page, a language, a format.
#[derive(Debug)]
pub(crate) struct CitationFile {
    cited: Cited,
    lang: Lang,
    format: CiteFormat,
}

impl Family for Citations {
    type Page = CitationFile;

    fn pages(self, cx: &Context<'_>) -> Vec<CitationFile> {
        let mut files = Vec::new();
        for lang in cx.routes.languages() {
            for cited in cx.cited_pages(lang) {
                files.extend(CiteFormat::ALL.map(|format| CitationFile {
                    cited: cited.clone(),
                    lang: lang.clone(),
                    format,
                }));
            }
        }
        files
    }

    fn template(self, _: &CitationFile) -> Option<&'static str> {
        None
    }

    fn shows(self, file: &CitationFile, change: &Change) -> bool {
        match &file.cited {
            Cited::Document(section, key) => {
                change.reaches_every_page()
                    || matches!(change, Change::Document { section: s, key: k, .. } if s == section && k == key)
            }
            Cited::Indicator(..) => {
                change.reaches_every_page()
                    || matches!(
                        change,
                        Change::Data(DataFile::Indicators | DataFile::Clusters)
                    )
            }
        }
    }

    fn render(self, cx: &Context<'_>, file: &CitationFile) -> Result<OutputFile, Diagnostics> {
        let path =
            cx.cited_path(&file.cited, &file.lang).unwrap_or_default() + file.format.file_name();
        let problem = |message: String| Diagnostics::from(Diagnostic::in_path(&path, message));
        let citation = cx
            .citation(&file.cited, &file.lang)
            .ok_or_else(|| problem("the page this reference cites is not built".to_string()))?;
        let text = file
            .format
            .write(&citation)
            .map_err(|e| problem(format!("cannot write the reference: {e}")))?;
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(text.into_bytes()),
        })
    }
}

impl Context<'_> {
    /// Every page of `lang` that has a reference.
    pub(crate) fn cited_pages(&self, lang: &Lang) -> Vec<Cited> {
        let mut pages = Vec::new();
        for section in CITED_SECTIONS {
            pages.extend(
                self.routes
                    .document_keys(section)
                    .filter(|key| self.shown_position(section, key, lang).is_some())
                    .map(|key| Cited::Document(section, key.to_string())),
            );
        }
        let data = &self.site.data;
        for indicator in 0..data.indicators.len() {
            let clusters = (0..data.clusters.len()).map(Some);
            for cluster in std::iter::once(None).chain(clusters) {
                pages.push(Cited::Indicator(indicator, cluster));
            }
        }
        pages
    }

    /// The address of a cited page in `lang`, below the site root.
    pub(crate) fn cited_path(&self, cited: &Cited, lang: &Lang) -> Option<String> {
        match cited {
            Cited::Document(section, key) => self.routes.document(*section, key, lang),
            Cited::Indicator(indicator, cluster) => {
                let data = &self.site.data;
                let id = &data.indicators.get(*indicator)?.id.value;
                Some(match cluster {
                    Some(cluster) => {
                        let cluster = &data.clusters.get(*cluster)?.id.value;
                        self.routes.indicator_cluster(id, cluster, lang)
                    }
                    None => self.routes.indicator(id, lang),
                })
            }
        }
    }

    /// The reference of a cited page as the page in `lang` shows it.
    pub(crate) fn citation(&self, cited: &Cited, lang: &Lang) -> Option<Citation> {
        let url = self.routes.absolute(&self.cited_path(cited, lang)?);
        let documents = &self.site.documents;
        match cited {
            Cited::Document(section, key) => match section {
                Section::Practices => {
                    let practice = self.shown(&documents.practices, *section, key, lang)?;
                    let date = practice.meta.updated.value;
                    Some(self.document_citation(
                        *section,
                        practice,
                        WorkKind::WebPage,
                        date,
                        url,
                        lang,
                    ))
                }
                Section::Visits => {
                    let visit = self.shown(&documents.visits, *section, key, lang)?;
                    let date = visit.meta.updated.value;
                    Some(self.document_citation(*section, visit, WorkKind::Report, date, url, lang))
                }
                Section::Reports => {
                    let report = self.shown(&documents.reports, *section, key, lang)?;
                    let date = report.meta.date.value;
                    Some(self.document_citation(
                        *section,
                        report,
                        WorkKind::Report,
                        date,
                        url,
                        lang,
                    ))
                }
                Section::Pages => None,
            },
            Cited::Indicator(indicator, cluster) => {
                let data = &self.site.data;
                let indicator = data.indicators.get(*indicator)?;
                let name = self.text(lang, indicator.name.text(lang));
                let (title, key) = match cluster.and_then(|c| data.clusters.get(c)) {
                    Some(cluster) => (
                        format!("{name} — {}", self.text(lang, cluster.name.text(lang))),
                        format!(
                            "indicator-{}-{}-{lang}",
                            indicator.id.value, cluster.id.value
                        ),
                    ),
                    None => (name, format!("indicator-{}-{lang}", indicator.id.value)),
                };
                Some(Citation {
                    key,
                    kind: WorkKind::Dataset,
                    author: self.text(lang, self.site.config.publisher(lang)),
                    title,
                    site: self.site_name(lang),
                    date: None,
                    url,
                    lang: lang.clone(),
                })
            }
        }
    }

    fn document_citation<M: Meta>(
        &self,
        section: Section,
        document: &Document<M>,
        kind: WorkKind,
        date: Date,
        url: String,
        lang: &Lang,
    ) -> Citation {
        let author = match document.meta.author() {
            Some(author) => self.text(&document.lang, author),
            None => self.text(lang, self.site.config.publisher(lang)),
        };
        Citation {
            key: format!("{}-{}-{lang}", section.folder(), document.key),
            kind,
            author,
            title: self.text(&document.lang, &document.meta.title().value),
            site: self.site_name(lang),
            date: Some(date),
            url,
            lang: document.lang.clone(),
        }
    }

    fn site_name(&self, lang: &Lang) -> String {
        self.text(lang, self.site.config.title.text(lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(title: &str) -> Citation {
        Citation {
            key: "practices-coaching-fr".to_string(),
            kind: WorkKind::WebPage,
            author: "Réseau & co".to_string(),
            title: title.to_string(),
            site: "Benchlearning des SPE".to_string(),
            date: Date::parse("2024-05-02"),
            url: "https://example.org/fr/bonnes-pratiques/coaching/".to_string(),
            lang: Lang::new("fr"),
        }
    }

    #[test]
    fn bibtex_escapes_what_latex_reads() {
        assert_eq!(
            bibtex_text("a {b} & 50% $x #1 _y ^z ~w \\q <i>\nnext"),
            "a \\{b\\} \\& 50\\% \\$x \\#1 \\_y \\textasciicircum{}z \\textasciitilde{}w \\textbackslash{}q \\textless{}i\\textgreater{} next"
        );
        assert_eq!(
            bibtex_url("https://e.org/a b{c}"),
            "https://e.org/a%20b%7Bc%7D"
        );
    }

    #[test]
    fn a_ris_record_is_one_line_per_tag() {
        let ris = citation("Un titre\r\nsur deux lignes").ris();
        assert!(ris.starts_with("TY  - ELEC\r\n"), "{ris}");
        assert!(ris.contains("TI  - Un titre sur deux lignes\r\n"), "{ris}");
        assert!(ris.contains("DA  - 2024/05/02/\r\n"), "{ris}");
        assert!(ris.ends_with("ER  - \r\n"), "{ris}");
    }
}
