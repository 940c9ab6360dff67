//! Structured data: schema.org JSON-LD that tells search engines and members' tools what a page
//! is — a report, a dataset, a public employment service — in which language, and where its
//! translations are.
//!
//! The builders are plain functions from values to JSON so every page family (including the
//! indicator pages, with [`dataset`]) adds its object with one call; the `Context` methods at
//! the end pick the values for documents, PES profiles, homes and lists.

use crate::model::lang::Lang;
use serde_json::{json, Map, Value};

use crate::model::data::Pes;
use crate::model::documents::{Document, Meta, Section};
use crate::model::text::Date;
use crate::render::views::pager::CONTINUED_KIND;
use crate::render::Context;
use crate::translation_status::source_language;

const CONTEXT: &str = "https://schema.org";

/// Another language version of the same work, for `workTranslation` / `translationOfWork`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub lang: Lang,
    pub url: String,
}

/// How a work relates to its other language versions.
#[derive(Debug, Clone, Default)]
pub struct Translations {
    /// The original this work translates, if it is a translation.
    pub source: Option<Version>,
    /// The translations of this work, if it is the original.
    pub translations: Vec<Version>,
}

/// What describes a creative work (a report, an article, a web page).
#[derive(Debug, Clone)]
pub struct Work<'a> {
    /// The schema.org type: `Report`, `Article`, `WebPage`, `CollectionPage`, `WebSite`.
    pub kind: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub lang: &'a Lang,
    pub published: Option<Date>,
    pub modified: Option<Date>,
}

/// A creative work with its language and its translations.
pub fn creative_work(work: &Work<'_>, translations: &Translations) -> Value {
    let mut object = base(work.kind, work.name, work.description, work.url, work.lang);
    if let Some(date) = work.published {
        object.insert("datePublished".into(), json!(date.to_string()));
    }
    if let Some(date) = work.modified {
        object.insert("dateModified".into(), json!(date.to_string()));
    }
    let reference = |version: &Version| {
        json!({
            "@type": work.kind,
            "@id": version.url,
            "url": version.url,
            "inLanguage": version.lang,
        })
    };
    if let Some(source) = &translations.source {
        object.insert("translationOfWork".into(), reference(source));
    }
    if !translations.translations.is_empty() {
        let list = translations.translations.iter().map(reference).collect();
        object.insert("workTranslation".into(), Value::Array(list));
    }
    Value::Object(object)
}

/// A dataset page and its downloads (CSV, JSON…), e.g. an indicator's values.
///
/// Each download URL becomes a `DataDownload` whose format is read from its extension.
pub fn dataset(name: &str, description: &str, url: &str, lang: &Lang, downloads: &[&str]) -> Value {
    let mut object = base("Dataset", name, description, url, lang);
    let distribution = downloads
        .iter()
        .map(|download| {
            let mut file = Map::new();
            file.insert("@type".into(), json!("DataDownload"));
            file.insert("contentUrl".into(), json!(download));
            if let Some(format) = media_type(download) {
                file.insert("encodingFormat".into(), json!(format));
            }
            Value::Object(file)
        })
        .collect();
    object.insert("distribution".into(), Value::Array(distribution));
    Value::Object(object)
}

/// What describes a public employment service.
#[derive(Debug, Clone)]
pub struct Organization<'a> {
    pub name: &'a str,
    pub acronym: &'a str,
    /// ISO 3166-1 alpha-2.
    pub country: &'a str,
    /// The profile page on this site.
    pub url: &'a str,
    /// The service's own website.
    pub website: Option<&'a str>,
    /// The profile page's language.
    pub lang: &'a Lang,
}

/// A PES as a `GovernmentOrganization`, its profile page as the `mainEntityOfPage`.
pub fn government_organization(organization: &Organization<'_>) -> Value {
    let mut object = Map::new();
    object.insert("@context".into(), json!(CONTEXT));
    object.insert("@type".into(), json!("GovernmentOrganization"));
    object.insert("name".into(), json!(organization.name));
    if !organization.acronym.is_empty() {
        object.insert("alternateName".into(), json!(organization.acronym));
    }
    object.insert(
        "address".into(),
        json!({"@type": "PostalAddress", "addressCountry": organization.country}),
    );
    if let Some(website) = organization.website {
        object.insert("sameAs".into(), json!(website));
    }
    object.insert(
        "mainEntityOfPage".into(),
        json!({
            "@type": "ProfilePage",
            "@id": organization.url,
            "url": organization.url,
            "inLanguage": organization.lang,
        }),
    );
    Value::Object(object)
}

/// JSON-LD ready to sit in `<script type="application/ld+json">`: `<`, `>` and `&` are
/// written as JSON escapes so no text can close the element.
pub fn to_html(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn base(kind: &str, name: &str, description: &str, url: &str, lang: &Lang) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("@context".into(), json!(CONTEXT));
    object.insert("@type".into(), json!(kind));
    object.insert("@id".into(), json!(url));
    object.insert("name".into(), json!(name));
    if !description.is_empty() {
        object.insert("description".into(), json!(description));
    }
    object.insert("url".into(), json!(url));
    object.insert("inLanguage".into(), json!(lang));
    object
}

fn media_type(url: &str) -> Option<&'static str> {
    let extension = url.rsplit('/').next()?.rsplit_once('.')?.1;
    match extension.to_ascii_lowercase().as_str() {
        "csv" => Some("text/csv"),
        "json" => Some("application/json"),
        "xlsx" => Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "pdf" => Some("application/pdf"),
        _ => None,
    }
}

impl Context<'_> {
    /// The JSON-LD of a document page: `Report` for visits and reports, `Article` for good
    /// practices, `WebPage` for free pages.
    pub(crate) fn document_structured_data(
        &self,
        section: Section,
        key: &str,
        lang: &Lang,
    ) -> Option<Value> {
        let documents = &self.site.documents;
        match section {
            Section::Practices => {
                let practice = self.shown(&documents.practices, section, key, lang)?;
                self.work("Article", practice, section, lang, None)
            }
            Section::Visits => {
                let visit = self.shown(&documents.visits, section, key, lang)?;
                let mut value = self.work(
                    "Report",
                    visit,
                    section,
                    lang,
                    Some(visit.meta.end_date.value),
                )?;
                let meta = &visit.meta;
                if let Some(object) = value.as_object_mut() {
                    object.insert(
                        "temporalCoverage".into(),
                        json!(format!("{}/{}", meta.start_date.value, meta.end_date.value)),
                    );
                    if !meta.location.is_empty() {
                        object.insert(
                            "contentLocation".into(),
                            json!({"@type": "Place", "name": meta.location}),
                        );
                    }
                    if let Some(host) = self.site.data.pes_by_id(&meta.host.value) {
                        object.insert(
                            "about".into(),
                            json!({
                                "@type": "GovernmentOrganization",
                                "name": host.name.text(lang),
                                "url": self.routes.absolute(&self.routes.pes(&host.id.value, lang)),
                            }),
                        );
                    }
                }
                Some(value)
            }
            Section::Reports => {
                let report = self.shown(&documents.reports, section, key, lang)?;
                self.work(
                    "Report",
                    report,
                    section,
                    lang,
                    Some(report.meta.date.value),
                )
            }
            Section::Pages => {
                let page = self.shown(&documents.pages, section, key, lang)?;
                self.work("WebPage", page, section, lang, None)
            }
        }
    }

    /// The JSON-LD of a PES profile.
    pub(crate) fn pes_structured_data(&self, pes: &Pes, lang: &Lang) -> Value {
        let url = self.routes.absolute(&self.routes.pes(&pes.id.value, lang));
        government_organization(&Organization {
            name: pes.name.text(lang),
            acronym: pes.acronym.text(lang),
            country: &pes.country.value,
            url: &url,
            website: pes
                .website
                .as_ref()
                .map(|w| w.value.as_str())
                .filter(|w| crate::validate::data::is_web_url(w)),
            lang,
        })
    }

    /// The JSON-LD of pages that are not documents: `WebSite` for a home page,
    /// `CollectionPage` for a list; none for the others.
    pub(crate) fn page_structured_data(
        &self,
        kind: &str,
        title: &str,
        description: &str,
        url: &str,
        lang: &Lang,
    ) -> Option<Value> {
        let schema_type = match kind {
            "home" => "WebSite",
            "practices" | "visits" | "reports" | "pes-list" | "peer-groups" | "peer-group"
            | CONTINUED_KIND => "CollectionPage",
            _ => return None,
        };
        let work = Work {
            kind: schema_type,
            name: title,
            description,
            url,
            lang,
            published: None,
            modified: None,
        };
        Some(creative_work(&work, &Translations::default()))
    }

    fn work<M: Meta>(
        &self,
        kind: &str,
        document: &Document<M>,
        section: Section,
        lang: &Lang,
        published: Option<Date>,
    ) -> Option<Value> {
        let meta = &document.meta;
        let url = self
            .routes
            .absolute(&self.routes.document(section, &document.key, lang)?);
        let name = self.text(&document.lang, &meta.title().value);
        let description = self.text(&document.lang, meta.summary().unwrap_or(""));
        let work = Work {
            kind,
            name: &name,
            description: &description,
            url: &url,
            lang: &document.lang,
            published: meta.created().map(|c| c.value).or(published),
            modified: Some(meta.updated().value),
        };
        Some(creative_work(
            &work,
            &self.translations_of(document, section),
        ))
    }

    /// The original of a document, or its translations if it is the original.
    fn translations_of<M: Meta>(&self, document: &Document<M>, section: Section) -> Translations {
        let version = |lang: &Lang| {
            Some(Version {
                lang: lang.clone(),
                url: self
                    .routes
                    .absolute(&self.routes.document(section, &document.key, lang)?),
            })
        };
        let has = |lang: &Lang| self.routes.has_translation(section, &document.key, lang);
        match source_language(document, self.routes.default_language(), has) {
            Some(source) => Translations {
                source: version(&source),
                translations: Vec::new(),
            },
            None => Translations {
                source: None,
                translations: self
                    .routes
                    .languages()
                    .iter()
                    .filter(|lang| **lang != document.lang && has(lang))
                    .filter_map(version)
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dataset_lists_its_downloads_with_their_formats() {
        let value = dataset(
            "Transitions to employment",
            "Share of jobseekers who found work",
            "https://example.org/en/benchmarks/transitions/",
            &Lang::new("en"),
            &[
                "https://example.org/data/transitions.csv",
                "https://example.org/data/transitions.json",
            ],
        );
        assert_eq!(value["@context"], "https://schema.org");
        assert_eq!(value["@type"], "Dataset");
        assert_eq!(value["inLanguage"], "en");
        assert_eq!(value["name"], "Transitions to employment");
        assert_eq!(
            value["url"],
            "https://example.org/en/benchmarks/transitions/"
        );
        let distribution = value["distribution"].as_array().expect("a list");
        assert_eq!(distribution.len(), 2);
        assert_eq!(distribution[0]["@type"], "DataDownload");
        assert_eq!(
            distribution[0]["contentUrl"],
            "https://example.org/data/transitions.csv"
        );
        assert_eq!(distribution[0]["encodingFormat"], "text/csv");
        assert_eq!(distribution[1]["encodingFormat"], "application/json");
    }

    #[test]
    fn a_translation_points_to_its_original_and_the_original_to_it() {
        let work = Work {
            kind: "Report",
            name: "Visit",
            description: "",
            url: "https://example.org/en/visits/v/",
            lang: &Lang::new("en"),
            published: Date::parse("2020-02-05"),
            modified: Date::parse("2020-03-01"),
        };
        let fr = Version {
            lang: "fr".into(),
            url: "https://example.org/fr/visites/v/".into(),
        };
        let translation = creative_work(
            &work,
            &Translations {
                source: Some(fr.clone()),
                translations: Vec::new(),
            },
        );
        assert_eq!(translation["translationOfWork"]["inLanguage"], "fr");
        assert_eq!(translation["datePublished"], "2020-02-05");
        assert!(translation.get("description").is_none());
        let original = creative_work(
            &Work {
                lang: &Lang::new("fr"),
                ..work
            },
            &Translations {
                source: None,
                translations: vec![fr],
            },
        );
        assert_eq!(original["workTranslation"][0]["@type"], "Report");
    }

    #[test]
    fn script_text_cannot_close_the_element() {
        let value = json!({"name": "</script><script>alert(1)</script> & more"});
        let html = to_html(&value);
        assert!(!html.contains('<') && !html.contains('&'), "{html}");
        let back: Value = serde_json::from_str(&html).expect("still JSON");
        assert_eq!(back, value);
    }
}
