//! The kinds of page of the site, one file each: a [`Family`](crate::render::family::Family)
//! that says which pages it makes, the template of each, which changes each shows and how to
//! render one; and [`changes`], what can change between two renders.

pub mod changes;

pub(crate) mod areas;
pub(crate) mod assessments;
pub(crate) mod compare;
pub(crate) mod documents;
pub(crate) mod frameworks;
pub(crate) mod home;
pub(crate) mod indicators;
pub(crate) mod listings;
pub(crate) mod peer_groups;
pub(crate) mod pes;
pub(crate) mod search_page;
pub(crate) mod translations;
