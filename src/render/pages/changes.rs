//! What can change between two renders, for `serve` to render again only the pages that show
//! it; each page family says which changes its pages show (see [`crate::render::family::Family::shows`]).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use crate::model::documents::{Document, Listable, Section};
use crate::model::text::Date;
use crate::model::typography::Typography;

/// Something that changed since the last render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A document edited in place (every language of its key): its pages, the lists that show
    /// it, and the profiles of `pes`, the members it belongs to before and after the edit;
    /// `relisting` says which pages of the lists holding it change.
    Document {
        section: Section,
        key: String,
        pes: Vec<String>,
        relisting: Relisting,
    },
    /// Observations, assessments or frameworks: the figures PES pages show.
    Measures,
    /// Templates edited: the pages rendered with any of these (the edited templates and every
    /// template using one of them, see [`crate::render::engine::template_uses`]).
    Templates(BTreeSet<String>),
    /// A data file edited without adding or removing ids (which re-renders everything).
    Data(DataFile),
}

/// The data files of `content/data/` that describe the network rather than measure it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// Members: named on almost every page (cards, facts, structured data, charts).
    Pes,
    /// Peer groups: named in figures and PES profiles.
    Clusters,
    /// Network names: on PES profiles.
    Networks,
    /// Indicator category names: the indicator index and pages, the JSON downloads.
    Categories,
    /// Indicator names, units and targets: figures, downloads and the home page's count.
    Indicators,
    /// Excellence areas: figures, and practices' facts and search facets.
    Areas,
}

/// Where a document's card goes in the lists that show it: newest first, then by title, then
/// by key, so that every card has one place and paginated lists cut the same way every time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOrder {
    date: Date,
    /// The title as it sorts: without case or accents, so « Évaluation » sorts with the E's.
    title: String,
    key: String,
}

impl ListOrder {
    /// The place of `document`'s card, whichever list it is in.
    pub fn of<M: Listable>(document: &Document<M>) -> ListOrder {
        let title = Typography::of_lang(&document.lang).apply(&document.meta.title().value);
        ListOrder {
            date: document.meta.list_date(),
            title: slug::slugify(title),
            key: document.key.clone(),
        }
    }
}

impl Ord for ListOrder {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .date
            .cmp(&self.date)
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.key.cmp(&other.key))
    }
}

impl PartialOrd for ListOrder {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// How an edit moved a document in the lists that show it (of the language version edited).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Relisting {
    /// Same lists, same place: only the list pages holding its card change.
    Kept,
    /// Same lists, another place (its date or title changed): the pages from its old place
    /// to its new one change, their cards shifting by one.
    Moved { before: ListOrder, after: ListOrder },
    /// Filed differently (its member, areas, indicators, status…): lists gain or lose it
    /// and filters count it elsewhere, so every page of its section's lists changes.
    Refiled,
}

impl Relisting {
    /// How `after` relists the document that was `before`.
    pub fn of<M: Listable>(before: &Document<M>, after: &Document<M>) -> Relisting {
        if !before.meta.filed_alike(&after.meta) {
            return Relisting::Refiled;
        }
        let (before, after) = (ListOrder::of(before), ListOrder::of(after));
        if before == after {
            Relisting::Kept
        } else {
            Relisting::Moved { before, after }
        }
    }
}

impl Change {
    /// Whether the change reaches every page: free pages can be in the main menu, and
    /// members are named on almost every page (cards, facts, structured data, charts).
    pub(crate) fn reaches_every_page(&self) -> bool {
        matches!(
            self,
            Change::Document {
                section: Section::Pages,
                ..
            } | Change::Data(DataFile::Pes)
        )
    }

    /// Whether pages with benchmark figures, tables or data downloads show the change.
    pub(crate) fn reaches_figures(&self) -> bool {
        self.reaches_every_page() || matches!(self, Change::Measures | Change::Data(_))
    }

    /// Whether the change is to a document of `section` (any document, any section if `None`).
    pub(crate) fn is_document_of(&self, section: Option<Section>) -> bool {
        match self {
            Change::Document { section: own, .. } => section.is_none_or(|s| s == *own),
            _ => false,
        }
    }
}
