//! benchlearn: a static-site generator for the benchlearning work of public employment
//! services. It reads YAML data and Markdown write-ups and publishes a bilingual site.
//!
//! The modules follow the pipeline: [`config`] → [`content`] (loading) → [`validate`] →
//! [`model`] → [`render`] (with [`theme`] and [`i18n`]) → [`output`]; [`pipeline`] runs it and
//! [`commands`] sit on top.

pub mod analysis;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod i18n;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod terminal;
pub mod theme;
pub mod translation_status;
pub mod validate;
