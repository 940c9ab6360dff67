//! Drafts: documents marked `draft: true` are set aside before validation and rendering, so a
//! published site never shows them — no page, no card, no feed entry, no sitemap or search
//! entry — unless the author asks for them with `--drafts`.

use super::documents::{Document, Documents, Meta, Section};
use super::lang::Lang;

impl Documents {
    /// Removes every draft, remembering (section, key, language) of each so links to them can
    /// be named.
    pub fn set_aside_drafts(&mut self) {
        let mut drafts = Vec::new();
        set_aside(&mut self.practices, Section::Practices, &mut drafts);
        set_aside(&mut self.visits, Section::Visits, &mut drafts);
        set_aside(&mut self.reports, Section::Reports, &mut drafts);
        set_aside(&mut self.pages, Section::Pages, &mut drafts);
        drafts.sort();
        self.drafts = drafts;
    }
}

fn set_aside<M: Meta>(
    documents: &mut Vec<Document<M>>,
    section: Section,
    drafts: &mut Vec<(Section, String, Lang)>,
) {
    documents.retain(|document| {
        if document.meta.draft() {
            drafts.push((section, document.key.clone(), document.lang.clone()));
        }
        !document.meta.draft()
    });
}
