//! The header's "my PES" picker: a visitor chooses its own PES once, and `my-pes.js` picks it
//! out in every chart and table (the parts marked `data-pes`) and links its profile.

use serde::Serialize;

use crate::model::lang::Lang;
use crate::render::views::PesLink;
use crate::render::{sort_key, Context};

/// What the header needs to offer the choice.
#[derive(Debug, Serialize)]
pub struct MyPesPicker {
    /// Link to `my-pes.js`, which shows the picker: without JavaScript it stays hidden and
    /// every page reads as it was built.
    pub script: String,
    /// Every member, by its name in the page's language, with its profile's link.
    pub options: Vec<PesLink>,
}

impl Context<'_> {
    /// The picker of a page in `lang`; none on a site without members.
    pub(crate) fn my_pes_picker(&self, lang: &Lang) -> Option<MyPesPicker> {
        let pes = &self.site.data.pes;
        if pes.is_empty() {
            return None;
        }
        let mut options: Vec<PesLink> = pes.iter().map(|p| self.link_to(p, lang)).collect();
        options.sort_by_cached_key(|option| (sort_key(&option.name), option.id.clone()));
        Some(MyPesPicker {
            script: self.routes.link("my-pes.js"),
            options,
        })
    }
}
