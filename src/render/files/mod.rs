//! Files built in Rust rather than from templates: feeds, the sitemap and robots.txt,
//! structured data, the references of cited pages ("cite this page"), the data downloads
//! (observations, assessments, frameworks), the data of the comparison page and the practice
//! index the catalogue's filters read.

pub mod citations;
pub mod compare_data;
pub mod datasets;
pub mod dictionary;
pub mod downloads;
pub mod feeds;
pub mod practice_index;
pub mod sitemap;
pub mod structured_data;
