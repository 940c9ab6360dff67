//! What templates receive: plain serializable views shaped from the model, so templates only
//! lay things out.

pub(crate) mod breakdowns;
pub(crate) mod cards;
pub(crate) mod citation;
pub(crate) mod compare;
pub(crate) mod facets;
pub(crate) mod figures;
pub(crate) mod head;
pub(crate) mod layout;
pub(crate) mod maturity;
pub(crate) mod members;
pub(crate) mod my_pes;
pub(crate) mod pager;
pub(crate) mod profile;
pub(crate) mod provenance;
pub(crate) mod quotes;
pub(crate) mod search;
pub(crate) mod spread;

use crate::model::lang::Lang;
use serde::Serialize;

use crate::render::engine::markdown::Heading;

/// Fields every page's layout needs.
#[derive(Debug, Serialize)]
pub struct Layout {
    pub lang: Lang,
    pub site: SiteView,
    /// Page type, for the `<body>` class and page-specific styling.
    pub kind: &'static str,
    pub title: String,
    pub description: String,
    pub nav: Vec<NavLink>,
    pub languages: Vec<LanguageLink>,
    pub x_default: String,
    pub canonical: String,
    /// Set where the page shows text in another language than the page's own.
    pub notice: Option<TranslationNotice>,
    /// Set on a draft shown by `--drafts`, which the page says with a badge.
    pub draft: bool,
    /// Set where the page shows illustrative figures, which its footer then says.
    pub illustrative: bool,
    pub stylesheet: String,
    /// The header's search box; absent when the site turns search off.
    pub search: Option<SearchBox>,
    /// Set on pages the search index holds: their facets and result labels.
    pub index: Option<SearchRecord>,
    /// Feeds, sharing metadata, structured data, robots and print script.
    pub publishing: crate::render::views::head::Publishing,
    /// The header's "my PES" picker; absent on a site without members and on the root page.
    pub my_pes: Option<my_pes::MyPesPicker>,
    /// On a page of a paginated list: the absolute addresses of the pages before and after,
    /// for `<link rel="prev">` and `<link rel="next">`.
    pub previous_page: Option<String>,
    pub next_page: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub home: String,
    pub illustrative_data: bool,
    /// The site's origin as a CSS string (`"https://example.org"`), the `--site-origin` that
    /// the stylesheet puts before a link's path to print it as a full address.
    pub print_origin: String,
}

#[derive(Debug, Serialize)]
pub struct NavLink {
    pub label: String,
    pub url: String,
    pub current: bool,
}

/// One language of the switcher and of the hreflang alternates.
#[derive(Debug, Serialize)]
pub struct LanguageLink {
    pub code: Lang,
    /// The language's name in itself ("Français", "English").
    pub name: String,
    pub url: String,
    pub absolute: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct TranslationNotice {
    /// Code and name of the language the text is shown in.
    pub shown_lang: Lang,
    pub shown_lang_name: String,
}

/// A document in a list: practices, visits, reports.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub title: String,
    pub summary: String,
    pub url: String,
    /// Set when the card's text is in another language than the page.
    pub text_lang: Option<Lang>,
    /// What the document is about: a practice's PES, period, status, areas and target groups;
    /// a visit's place.
    pub tags: Vec<Tag>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
}

/// A fact on a card, linked to the page about it where there is one (an area, a PES).
#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub text: String,
    pub url: Option<String>,
}

impl Tag {
    /// A tag without a page of its own.
    pub(crate) fn plain(text: String) -> Tag {
        Tag { text, url: None }
    }
}

/// A rendered Markdown document.
#[derive(Debug, Serialize)]
pub struct DocView {
    pub title: String,
    pub summary: String,
    pub html: minijinja::Value,
    pub headings: Vec<Heading>,
    pub updated: String,
    pub updated_iso: String,
    pub text_lang: Lang,
}

/// A link to a PES profile with what identifies it.
#[derive(Debug, Clone, Serialize)]
pub struct PesLink {
    pub id: String,
    pub name: String,
    pub acronym: String,
    /// The country's name in the page's language.
    pub country: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct Labelled {
    pub id: String,
    pub label: String,
}

/// A link named in the page's language.
#[derive(Debug, Serialize)]
pub struct NamedLink {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct PracticeFacts {
    pub pes: Option<PesLink>,
    pub areas: Vec<Labelled>,
    /// The indicators the practice aims to improve, linked to their pages.
    pub indicators: Vec<NamedLink>,
    pub target_groups: Vec<Labelled>,
    pub period: String,
    pub status: Labelled,
    pub results: Option<String>,
    pub contact: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Count {
    pub label: String,
    pub count: u32,
}

/// A page's quotation: the words in their language, and the translation into the page's
/// text language when there is one.
#[derive(Debug, Serialize)]
pub struct QuoteView {
    pub text: String,
    pub lang: Lang,
    pub translation: Option<String>,
    pub source: Option<String>,
}

/// What a free page shows besides its body.
#[derive(Debug, Serialize)]
pub struct PageFacts {
    pub quote: Option<QuoteView>,
}

/// A group who led a visit's sessions: their role, how many they were and their names.
#[derive(Debug, Serialize)]
pub struct LeadGroupView {
    pub role: String,
    pub count: usize,
    pub names: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct VisitFacts {
    pub host: Option<PesLink>,
    pub dates: String,
    pub start_iso: String,
    pub end_iso: String,
    pub location: String,
    pub organiser: String,
    pub participants: Vec<Count>,
    pub participants_total: u32,
    pub experts: Vec<String>,
    /// Who led the sessions, group by group.
    pub led_by: Vec<LeadGroupView>,
    /// The performance framework that came out of the visit.
    pub framework: Option<NamedLink>,
    pub partners: Vec<String>,
    pub objectives: Vec<String>,
    pub kpis: Vec<String>,
    pub next_steps: Vec<String>,
}

/// A link to a peer group's page.
#[derive(Debug, Clone, Serialize)]
pub struct GroupLink {
    pub id: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Serialize)]
pub struct PesRow {
    pub pes: PesLink,
    pub cluster: Option<GroupLink>,
    pub network: String,
    pub practices: usize,
    pub visits: usize,
}

#[derive(Debug, Serialize)]
pub struct AssessmentView {
    pub cycle: String,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PesProfile {
    pub pes: PesLink,
    pub network: String,
    pub cluster: Option<GroupLink>,
    pub cluster_description: String,
    pub website: Option<String>,
    pub peers: Vec<PesLink>,
    /// Its precomputed comparisons with each peer.
    pub comparisons: Vec<compare::ComparisonLink>,
    /// The page that compares any PES.
    pub compare_url: String,
    /// Standings, maturity profile, learn-from suggestions and framework.
    pub bench: profile::PesBench,
    pub assessment: Option<AssessmentView>,
    /// The first page of the member's practices.
    pub practices: Vec<Card>,
    /// The pager to the others, when there are more.
    pub practices_pager: Option<pager::Pager>,
    pub visits: Vec<Card>,
}

/// A language's entry on the root page and on the 404 page.
#[derive(Debug, Serialize)]
pub struct LanguageEntry {
    pub code: Lang,
    pub name: String,
    pub title: String,
    pub description: String,
    pub url: String,
}

/// The header's search form: a plain GET form to the search page, so it works without
/// JavaScript and loads nothing until the visitor searches.
#[derive(Debug, Serialize)]
pub struct SearchBox {
    pub url: String,
}

/// What a searchable page tells the index: facets to filter on and labels for its result.
#[derive(Debug, Default, Serialize)]
pub struct SearchRecord {
    pub filters: Vec<Field>,
    pub meta: Vec<Field>,
}

impl SearchRecord {
    /// Adds a facet value.
    pub(crate) fn filter(&mut self, name: &str, value: impl Into<String>) {
        self.filters.push(Field {
            name: name.to_string(),
            value: value.into(),
        });
    }

    /// Adds a result label.
    pub(crate) fn meta(&mut self, name: &str, value: impl Into<String>) {
        self.meta.push(Field {
            name: name.to_string(),
            value: value.into(),
        });
    }
}

/// A facet or label: its name in the page's language and one value.
#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

/// A PES's performance framework in a list: how many KPIs, how many on track.
#[derive(Debug, Serialize)]
pub(crate) struct FrameworkLink {
    pub pes: Option<PesLink>,
    pub title: String,
    pub url: String,
    pub kpis: usize,
    pub on_track: usize,
}
