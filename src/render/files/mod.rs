//! Files built in Rust rather than from templates: feeds, the sitemap and robots.txt,
//! structured data and the data downloads.

pub mod downloads;
pub mod feeds;
pub mod sitemap;
pub mod structured_data;
