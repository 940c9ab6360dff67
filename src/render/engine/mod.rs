//! The machinery every page uses: the URL map, Markdown (with the figures it quotes), number
//! formats and the template engine.

pub mod figures;
pub mod format;
pub mod markdown;
pub mod routes;
pub mod shortcodes;
pub mod template_uses;
pub mod templates;
