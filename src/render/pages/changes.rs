//! What can change between two renders, for `serve` to render again only the pages that show
//! it; each page family says which changes its pages show (see [`crate::render::family::Family::shows`]).

use std::collections::BTreeSet;

use crate::model::documents::Section;

/// Something that changed since the last render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A document edited in place (every language of its key): its pages, the lists that show
    /// it, and the profiles of `pes`, the members it belongs to before and after the edit.
    Document {
        section: Section,
        key: String,
        pes: Vec<String>,
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
