//! The translation status page for editors, `/<lang>/translations/` in every language, each
//! with every language's tables. It is not linked from the navigation, not in the sitemap, and
//! asks search engines not to index it.

use crate::model::lang::Lang;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::render::family::{per_language, Family};
use crate::render::OutputFile;
use crate::render::{Change, Context};
use crate::translation_status::{self, TranslationStatus};

/// The translation status page of each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TranslationPages;

impl Family for TranslationPages {
    /// The language.
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        per_language(cx, |lang| lang)
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        Some("translations.html")
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        // It compares the dates of every document's translations.
        change.reaches_every_page() || change.is_document_of(None)
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        Self::translation_status(cx, self.template(lang).unwrap_or_default(), lang)
    }
}

impl TranslationPages {
    fn translation_status(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let alternates = cx.alternates(|l| cx.routes.translation_status(l));
        let title = cx.label(lang, "publishing.translations_title");
        let mut layout = cx.layout(lang, "translations", title, String::new(), alternates);
        // The page is in no section: no navigation entry is the current one.
        for item in &mut layout.nav {
            item.current = false;
        }
        #[derive(Serialize)]
        struct StatusPage {
            status: TranslationStatus,
        }
        let status = translation_status::compute(cx.site, &cx.strings);
        cx.page(
            template,
            cx.routes.translation_status(lang) + "index.html",
            &layout,
            StatusPage { status },
        )
    }
}
