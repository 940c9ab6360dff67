//! The kinds of page of the site, one file each, and which changes each shows.

pub mod affected;
pub(crate) mod areas;
pub(crate) mod assessments;
pub(crate) mod documents;
pub(crate) mod frameworks;
pub(crate) mod indicators;
pub(crate) mod listings;
pub(crate) mod pes;
pub(crate) mod search_page;
pub(crate) mod translations;
