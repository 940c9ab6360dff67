//! The translation status page for editors: `/translations/`, in the default language, with
//! every language's table. It is not linked from the navigation, not in the sitemap, and asks
//! search engines not to index it.

use serde::Serialize;

use super::OutputFile;
use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::translation_status::{self, TranslationStatus};

impl Renderer<'_> {
    pub(super) fn translation_status(&self) -> Result<OutputFile, Vec<Diagnostic>> {
        let lang = self.routes.default_language().to_string();
        let alternates = self.alternates(|l| self.routes.home(l));
        let title = self.label(&lang, "publishing.translations_title");
        let mut layout = self.layout(&lang, "translations", title, String::new(), alternates);
        let path = self.routes.translation_status();
        layout.canonical = self.routes.absolute(&path);
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
            path + "index.html",
            &layout,
            StatusPage { status },
        )
    }
}
