//! The translation status page for editors, `/<lang>/translations/` in every language, each
//! with every language's tables. It is not linked from the navigation, not in the sitemap, and
//! asks search engines not to index it.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;
use crate::render::Renderer;
use crate::translation_status::{self, TranslationStatus};

impl Renderer<'_> {
    pub(crate) fn translation_status(&self, lang: &str) -> Result<OutputFile, Vec<Diagnostic>> {
        let alternates = self.alternates(|l| self.routes.translation_status(l));
        let title = self.label(lang, "publishing.translations_title");
        let mut layout = self.layout(lang, "translations", title, String::new(), alternates);
        // The page is in no section: no navigation entry is the current one.
        for item in &mut layout.nav {
            item.current = false;
        }
        #[derive(Serialize)]
        struct StatusPage {
            status: TranslationStatus,
        }
        let status = translation_status::compute(self.site, &self.strings);
        self.page(
            "translations.html",
            self.routes.translation_status(lang) + "index.html",
            &layout,
            StatusPage { status },
        )
    }
}
