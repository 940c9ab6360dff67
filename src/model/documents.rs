//! Markdown documents: good practices, study visits, reports and free pages.

use super::audience::Audience;
use super::lang::Lang;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::text::{Date, Spanned};
use crate::diagnostics::SourceFile;

/// The segment of the translation status page below each language (`/fr/translations/`): a
/// reserved address that free pages published at the top of a language cannot take.
pub const TRANSLATION_STATUS_SLUG: &str = "translations";

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
    pub lang: Lang,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PracticeStatus {
    Pilot,
    Ongoing,
    Completed,
    Discontinued,
}

impl PracticeStatus {
    /// Every status, from first to last in a practice's life.
    pub const ALL: [PracticeStatus; 4] = [
        PracticeStatus::Pilot,
        PracticeStatus::Ongoing,
        PracticeStatus::Completed,
        PracticeStatus::Discontinued,
    ];

    /// The UI string that names the status.
    pub fn label_key(self) -> String {
        format!("status.{}", self.key())
    }

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

/// Who a good practice is for. Front matter names groups by [`TargetGroup::id`]; the theme's
/// UI strings label them (`target_group.<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetGroup {
    Youth,
    LongTermUnemployed,
    OlderWorkers,
    Women,
    Migrants,
    PeopleWithDisabilities,
    Employers,
    LowSkilled,
    AllJobseekers,
    Staff,
}

impl TargetGroup {
    /// Every target group, in the order editors are offered them.
    pub const ALL: [TargetGroup; 10] = [
        TargetGroup::Youth,
        TargetGroup::LongTermUnemployed,
        TargetGroup::OlderWorkers,
        TargetGroup::Women,
        TargetGroup::Migrants,
        TargetGroup::PeopleWithDisabilities,
        TargetGroup::Employers,
        TargetGroup::LowSkilled,
        TargetGroup::AllJobseekers,
        TargetGroup::Staff,
    ];

    /// The id authors write in front matter.
    pub fn id(self) -> &'static str {
        match self {
            TargetGroup::Youth => "youth",
            TargetGroup::LongTermUnemployed => "long-term-unemployed",
            TargetGroup::OlderWorkers => "older-workers",
            TargetGroup::Women => "women",
            TargetGroup::Migrants => "migrants",
            TargetGroup::PeopleWithDisabilities => "people-with-disabilities",
            TargetGroup::Employers => "employers",
            TargetGroup::LowSkilled => "low-skilled",
            TargetGroup::AllJobseekers => "all-jobseekers",
            TargetGroup::Staff => "staff",
        }
    }

    /// The group with this id, if any (validation reports the others, with a suggestion).
    pub fn from_id(id: &str) -> Option<TargetGroup> {
        TargetGroup::ALL.into_iter().find(|group| group.id() == id)
    }

    /// Every id, for validation and the JSON Schema.
    pub fn ids() -> [&'static str; 10] {
        TargetGroup::ALL.map(TargetGroup::id)
    }

    /// The UI string that names the group.
    pub fn label_key(self) -> String {
        format!("target_group.{}", self.id())
    }
}

/// Front matter of a good practice.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PracticeMeta {
    /// The title, in the file's language.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences for lists, feeds, search results and sharing.
    #[serde(default)]
    pub summary: Option<String>,
    /// The URL segment, where it should differ from the file name's slug.
    #[serde(default)]
    #[schemars(with = "Option<String>", pattern(crate::model::text::SLUG_PATTERN))]
    pub slug: Option<Spanned<String>>,
    /// Date of the last meaningful change, YYYY-MM-DD: used by feeds, the sitemap and the translation status.
    #[schemars(with = "Date")]
    pub updated: Spanned<Date>,
    /// Date of first publication, YYYY-MM-DD, if known; not after `updated`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub created: Option<Spanned<Date>>,
    /// The language this document was translated from (e.g. `fr`); its version in that language must exist.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub translated_from: Option<Spanned<String>>,
    /// A draft is left out of the built site (pages, lists, feeds, sitemap, search) unless `build --drafts` or `serve --drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Who may read it: `public` (the default) or `members`, which only the members' edition shows.
    #[serde(default)]
    pub audience: Audience,
    /// Who wrote it (a person or an organisation), in the file's language: the author of the page's citation. By default the site's `publisher`.
    #[serde(default)]
    pub author: Option<String>,
    /// Whether the figures the document gives are illustrative, which its footer then says; by default site.yaml's `options.illustrative_data`.
    #[serde(default)]
    pub illustrative: Option<bool>,
    /// Id of the PES behind the practice, from content/data/pes.yaml.
    #[schemars(with = "String")]
    pub pes: Spanned<String>,
    /// Excellence areas A–G the practice contributes to.
    #[schemars(with = "Vec<String>")]
    pub areas: Vec<Spanned<String>>,
    /// Ids of the indicators in content/data/indicators.yaml the practice aims to improve: PES profiles suggest it to the members it is ahead of on them, and indicator pages list it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub indicators: Vec<Spanned<String>>,
    /// Groups the practice serves: youth, long-term-unemployed, older-workers, women, migrants, people-with-disabilities, employers, low-skilled, all-jobseekers, staff.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub target_groups: Vec<Spanned<String>>,
    /// Year the practice started.
    #[schemars(with = "i32", range(min = 1900, max = 2100))]
    pub start_year: Spanned<i32>,
    /// Year the practice ended, if it has.
    #[serde(default)]
    #[schemars(with = "Option<i32>", range(min = 1900, max = 2100))]
    pub end_year: Option<Spanned<i32>>,
    /// Where the practice stands.
    pub status: PracticeStatus,
    /// Results in a few sentences, plain text.
    #[serde(default)]
    pub results: Option<String>,
    /// Who to contact, plain text.
    #[serde(default)]
    pub contact: Option<String>,
}

/// Participants of a study visit, counted by role.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitMeta {
    /// The title, in the file's language.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences for lists, feeds, search results and sharing.
    #[serde(default)]
    pub summary: Option<String>,
    /// The URL segment, where it should differ from the file name's slug.
    #[serde(default)]
    #[schemars(with = "Option<String>", pattern(crate::model::text::SLUG_PATTERN))]
    pub slug: Option<Spanned<String>>,
    /// Date of the last meaningful change, YYYY-MM-DD: used by feeds, the sitemap and the translation status.
    #[schemars(with = "Date")]
    pub updated: Spanned<Date>,
    /// Date of first publication, YYYY-MM-DD, if known; not after `updated`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub created: Option<Spanned<Date>>,
    /// The language this document was translated from (e.g. `fr`); its version in that language must exist.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub translated_from: Option<Spanned<String>>,
    /// A draft is left out of the built site (pages, lists, feeds, sitemap, search) unless `build --drafts` or `serve --drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Who may read it: `public` (the default) or `members`, which only the members' edition shows.
    #[serde(default)]
    pub audience: Audience,
    /// Who wrote it (a person or an organisation), in the file's language: the author of the page's citation. By default the site's `publisher`.
    #[serde(default)]
    pub author: Option<String>,
    /// Whether the figures the document gives are illustrative, which its footer then says; by default site.yaml's `options.illustrative_data`.
    #[serde(default)]
    pub illustrative: Option<bool>,
    /// Id of the host PES, from content/data/pes.yaml.
    #[schemars(with = "String")]
    pub host: Spanned<String>,
    /// First day of the visit, YYYY-MM-DD.
    #[schemars(with = "Date")]
    pub start_date: Spanned<Date>,
    /// Last day of the visit, YYYY-MM-DD.
    #[schemars(with = "Date")]
    pub end_date: Spanned<Date>,
    /// Where the visit took place.
    pub location: String,
    /// Who organised the visit.
    pub organiser: String,
    /// Participants counted by role.
    #[serde(default)]
    pub participants: Participants,
    /// Names of the contributing experts.
    #[serde(default)]
    pub experts: Vec<String>,
    /// Who led the visit's sessions, group by group (the experts, the host's advisers…), as the
    /// visit report names them: each group's count is the number of its names.
    #[serde(default)]
    pub led_by: Vec<LeadGroup>,
    /// Id of the PES whose performance framework (`content/data/frameworks/<id>.yaml`) came out
    /// of the visit: the visit page links to it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub framework: Option<Spanned<String>>,
    /// Partner organisations.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Objectives of the visit.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Key performance indicators defined during the visit.
    #[serde(default)]
    pub kpis: Vec<String>,
    /// Agreed next steps.
    #[serde(default)]
    pub next_steps: Vec<String>,
}

/// A group of people who led a visit's sessions, with the role they had.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadGroup {
    /// Their role, in the file's language and in the plural (`experts`, `NEA advisers`).
    pub role: String,
    /// Their names, as the visit report gives them.
    pub names: Vec<String>,
}

/// Front matter of a network report.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportMeta {
    /// The title, in the file's language.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences for lists, feeds, search results and sharing.
    #[serde(default)]
    pub summary: Option<String>,
    /// The URL segment, where it should differ from the file name's slug.
    #[serde(default)]
    #[schemars(with = "Option<String>", pattern(crate::model::text::SLUG_PATTERN))]
    pub slug: Option<Spanned<String>>,
    /// Date of the last meaningful change, YYYY-MM-DD: used by feeds, the sitemap and the translation status.
    #[schemars(with = "Date")]
    pub updated: Spanned<Date>,
    /// Date of first publication, YYYY-MM-DD, if known; not after `updated`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub created: Option<Spanned<Date>>,
    /// The language this document was translated from (e.g. `fr`); its version in that language must exist.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub translated_from: Option<Spanned<String>>,
    /// A draft is left out of the built site (pages, lists, feeds, sitemap, search) unless `build --drafts` or `serve --drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Who may read it: `public` (the default) or `members`, which only the members' edition shows.
    #[serde(default)]
    pub audience: Audience,
    /// Who wrote it (a person or an organisation), in the file's language: the author of the page's citation. By default the site's `publisher`.
    #[serde(default)]
    pub author: Option<String>,
    /// Whether the figures the document gives are illustrative, which its footer then says; by default site.yaml's `options.illustrative_data`.
    #[serde(default)]
    pub illustrative: Option<bool>,
    /// Publication date of the report, YYYY-MM-DD.
    #[schemars(with = "Date")]
    pub date: Spanned<Date>,
}

/// Front matter of a free page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The title, in the file's language.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// One or two sentences for lists, feeds, search results and sharing.
    #[serde(default)]
    pub summary: Option<String>,
    /// The URL segment, where it should differ from the file name's slug.
    #[serde(default)]
    #[schemars(with = "Option<String>", pattern(crate::model::text::SLUG_PATTERN))]
    pub slug: Option<Spanned<String>>,
    /// Date of the last meaningful change, YYYY-MM-DD: used by feeds, the sitemap and the translation status.
    #[schemars(with = "Date")]
    pub updated: Spanned<Date>,
    /// Date of first publication, YYYY-MM-DD, if known; not after `updated`.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub created: Option<Spanned<Date>>,
    /// The language this document was translated from (e.g. `fr`); its version in that language must exist.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub translated_from: Option<Spanned<String>>,
    /// A draft is left out of the built site (pages, lists, feeds, sitemap, search) unless `build --drafts` or `serve --drafts` is given.
    #[serde(default)]
    pub draft: bool,
    /// Who may read it: `public` (the default) or `members`, which only the members' edition shows.
    #[serde(default)]
    pub audience: Audience,
    /// Whether the figures the document gives are illustrative, which its footer then says; by default site.yaml's `options.illustrative_data`.
    #[serde(default)]
    pub illustrative: Option<bool>,
    /// Order in the navigation, lower first.
    #[serde(default)]
    pub weight: i32,
    /// Whether the page is listed in the main navigation.
    #[serde(default)]
    pub menu: bool,
    /// A quotation shown under the title, such as a definition the page presents.
    #[serde(default)]
    pub quote: Option<Quote>,
}

/// A quotation in the language it was written in, with its source and, on a page in another
/// language, a translation marked as one: a reader can cite the words as they were given.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The quoted words, as written, without quotation marks.
    pub text: String,
    /// The language of the quoted words (`fr`), when it is not the file's.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub lang: Option<Spanned<String>>,
    /// A translation of the words into the file's language, shown marked as a translation.
    #[serde(default)]
    pub translation: Option<String>,
    /// Where the words come from, in the file's language.
    #[serde(default)]
    pub source: Option<String>,
}

/// Access to the fields every front matter kind has, for code that lists any document.
pub trait Meta {
    fn title(&self) -> &Spanned<String>;
    fn summary(&self) -> Option<&str>;
    fn slug(&self) -> Option<&Spanned<String>>;
    fn updated(&self) -> &Spanned<Date>;
    /// When the document was first published, if the author says so.
    fn created(&self) -> Option<&Spanned<Date>>;
    /// The language this document was translated from, where the author declares it.
    fn translated_from(&self) -> Option<&Spanned<String>>;
    /// Whether the author marked the document as not ready to publish.
    fn draft(&self) -> bool;
    /// Who may read the document: an edition for a narrower audience leaves it out.
    fn audience(&self) -> Audience;
    /// Who wrote the document, where its front matter says (free pages have no author).
    fn author(&self) -> Option<&str>;
    /// Whether the author says the document's figures are illustrative, or are real.
    fn illustrative(&self) -> Option<bool>;
}

macro_rules! impl_meta {
    ($($kind:ty: |$meta:ident| $author:expr),*) => {$(
        impl Meta for $kind {
            fn title(&self) -> &Spanned<String> { &self.title }
            fn summary(&self) -> Option<&str> { self.summary.as_deref() }
            fn slug(&self) -> Option<&Spanned<String>> { self.slug.as_ref() }
            fn updated(&self) -> &Spanned<Date> { &self.updated }
            fn created(&self) -> Option<&Spanned<Date>> { self.created.as_ref() }
            fn translated_from(&self) -> Option<&Spanned<String>> { self.translated_from.as_ref() }
            fn draft(&self) -> bool { self.draft }
            fn audience(&self) -> Audience { self.audience }
            fn author(&self) -> Option<&str> { let $meta = self; $author }
            fn illustrative(&self) -> Option<bool> { self.illustrative }
        }
    )*};
}
impl_meta!(
    PracticeMeta: |meta| meta.author.as_deref(),
    VisitMeta: |meta| meta.author.as_deref(),
    ReportMeta: |meta| meta.author.as_deref(),
    PageMeta: |_meta| None
);

/// How lists order and file a document: what an edit must leave alone for only the list page
/// holding its card to change.
pub trait Listable: Meta {
    /// The date lists sort the document by, newest first.
    fn list_date(&self) -> Date {
        self.updated().value
    }

    /// Whether `other` is filed under the same lists and filter values (its member, areas,
    /// indicators…), so that the lists holding it, their lengths and their filters' counts
    /// stay the same.
    fn filed_alike(&self, other: &Self) -> bool;
}

/// The values of a list of spanned values, without their places.
fn values<T: Clone>(list: &[Spanned<T>]) -> Vec<T> {
    list.iter().map(|item| item.value.clone()).collect()
}

impl Listable for PracticeMeta {
    fn filed_alike(&self, other: &Self) -> bool {
        self.pes.value == other.pes.value
            && values(&self.areas) == values(&other.areas)
            && values(&self.indicators) == values(&other.indicators)
            && values(&self.target_groups) == values(&other.target_groups)
            && self.start_year.value == other.start_year.value
            && self.status == other.status
    }
}

impl Listable for VisitMeta {
    /// Visits are listed by when they took place.
    fn list_date(&self) -> Date {
        self.start_date.value
    }

    fn filed_alike(&self, other: &Self) -> bool {
        self.host.value == other.host.value
    }
}

impl Listable for ReportMeta {
    /// Reports are listed by their date of publication.
    fn list_date(&self) -> Date {
        self.date.value
    }

    fn filed_alike(&self, _: &Self) -> bool {
        true
    }
}

impl Listable for PageMeta {
    fn filed_alike(&self, _: &Self) -> bool {
        true
    }
}

impl PracticeMeta {
    /// The practice's known target groups, in the order written (validation reports the
    /// unknown ones).
    pub fn groups(&self) -> impl Iterator<Item = TargetGroup> + '_ {
        self.target_groups
            .iter()
            .filter_map(|group| TargetGroup::from_id(&group.value))
    }
}

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
    /// (section, key, language) of drafts set aside, so a link to one is reported as a link to
    /// a draft, and a published translation of one is not reported as lacking its source.
    pub drafts: Vec<(Section, String, Lang)>,
    /// (section, key, language) of documents withheld from the edition's audience, so nothing
    /// rendered links to them.
    pub withheld: Vec<(Section, String, Lang)>,
}
