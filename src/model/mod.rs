//! The typed domain: what a benchlearning site is made of, independent of files and HTML.

pub mod audience;
pub mod breakdown;
pub mod countries;
pub mod data;
pub mod direction;
pub mod documents;
pub mod drafts;
pub mod lang;
pub mod language_names;
pub mod number;
pub mod text;
pub mod typography;

use std::path::PathBuf;

use crate::config::editions::Edition;
use crate::config::Config;
use data::Data;
use documents::Documents;

/// Everything loaded from a site folder.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub data: Data,
    pub documents: Documents,
    /// The edition being built: what its audience may read.
    pub edition: Edition,
}

impl Documents {
    /// Whether the site has no Markdown document at all.
    pub fn is_empty(&self) -> bool {
        self.practices.is_empty()
            && self.visits.is_empty()
            && self.reports.is_empty()
            && self.pages.is_empty()
    }
}
