//! Markdown documents: good practices, study visits, reports and free pages.

use std::sync::Arc;

use serde::Deserialize;

use super::text::{Date, Spanned};
use crate::diagnostics::SourceFile;

/// The folders of `content/` that hold Markdown documents, one URL section each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Practices,
    Visits,
    Reports,
    Pages,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Practices,
        Section::Visits,
        Section::Reports,
        Section::Pages,
    ];

    /// The folder name under `content/`, also used in `@/<folder>/<slug>.md` links.
    pub fn folder(self) -> &'static str {
        match self {
            Section::Practices => "practices",
            Section::Visits => "visits",
            Section::Reports => "reports",
            Section::Pages => "pages",
        }
    }

    pub fn from_folder(folder: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.folder() == folder)
    }
}

/// One language version of a document.
#[derive(Debug, Clone)]
pub struct Document<M> {
    /// The file name's slug: what ties the translations of a document together.
    pub key: String,
    /// The URL segment: the key, or the front matter's `slug` where the author set one.
    pub slug: String,
    pub lang: String,
    pub file: Arc<SourceFile>,
    /// Lines before the front matter's YAML in the file, to place YAML positions.
    pub front_matter_line: usize,
    /// Byte offset of the Markdown body in the file.
    pub body_offset: usize,
    pub meta: M,
}

impl<M> Document<M> {
    pub fn body(&self) -> &str {
        &self.file.text[self.body_offset..]
    }
}

/// Lifecycle of a good practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PracticeStatus {
    Pilot,
    Ongoing,
    Completed,
    Discontinued,
}

impl PracticeStatus {
    /// The i18n key suffix and CSS class for the status.
    pub fn key(self) -> &'static str {
        match self {
            PracticeStatus::Pilot => "pilot",
            PracticeStatus::Ongoing => "ongoing",
            PracticeStatus::Completed => "completed",
            PracticeStatus::Discontinued => "discontinued",
        }
    }
}

/// Front matter of a good practice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeMeta {
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    pub updated: Spanned<Date>,
    pub pes: Spanned<String>,
    pub areas: Vec<Spanned<String>>,
    #[serde(default)]
    pub target_groups: Vec<Spanned<String>>,
    pub start_year: Spanned<i32>,
    #[serde(default)]
    pub end_year: Option<Spanned<i32>>,
    pub status: PracticeStatus,
    #[serde(default)]
    pub results: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
}

/// Participants of a study visit, counted by role.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    #[serde(default)]
    pub officials: u32,
    #[serde(default)]
    pub experts: u32,
    #[serde(default)]
    pub observers: u32,
    #[serde(default)]
    pub coordinators: u32,
}

/// Front matter of a study-visit report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitMeta {
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    pub updated: Spanned<Date>,
    pub host: Spanned<String>,
    pub start_date: Spanned<Date>,
    pub end_date: Spanned<Date>,
    pub location: String,
    pub organiser: String,
    #[serde(default)]
    pub participants: Participants,
    #[serde(default)]
    pub experts: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<String>,
    #[serde(default)]
    pub kpis: Vec<String>,
    #[serde(default)]
    pub next_steps: Vec<String>,
}

/// Front matter of a network report.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    pub updated: Spanned<Date>,
    pub date: Spanned<Date>,
}

/// Front matter of a free page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: Spanned<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    pub updated: Spanned<Date>,
    #[serde(default)]
    pub weight: i32,
    #[serde(default)]
    pub menu: bool,
}

/// Access to the fields every front matter kind has, for code that lists any document.
pub trait Meta {
    fn title(&self) -> &Spanned<String>;
    fn summary(&self) -> Option<&str>;
    fn slug(&self) -> Option<&Spanned<String>>;
    fn updated(&self) -> &Spanned<Date>;
}

macro_rules! impl_meta {
    ($($kind:ty),*) => {$(
        impl Meta for $kind {
            fn title(&self) -> &Spanned<String> { &self.title }
            fn summary(&self) -> Option<&str> { self.summary.as_deref() }
            fn slug(&self) -> Option<&Spanned<String>> { self.slug.as_ref() }
            fn updated(&self) -> &Spanned<Date> { &self.updated }
        }
    )*};
}
impl_meta!(PracticeMeta, VisitMeta, ReportMeta, PageMeta);

/// Every Markdown document of the site, grouped by kind.
#[derive(Debug, Default)]
pub struct Documents {
    pub practices: Vec<Document<PracticeMeta>>,
    pub visits: Vec<Document<VisitMeta>>,
    pub reports: Vec<Document<ReportMeta>>,
    pub pages: Vec<Document<PageMeta>>,
    /// (section, key) of files that could not be loaded: their own error is reported, and links
    /// to them are not reported as broken on top of it.
    pub unloaded: Vec<(Section, String)>,
}
