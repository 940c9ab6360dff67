//! The machinery every page uses: the URL map, Markdown, number formats and the
//! template engine.

pub mod format;
pub mod markdown;
pub mod routes;
pub mod template_uses;
pub mod templates;
