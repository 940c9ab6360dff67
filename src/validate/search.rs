//! The search page's address is its own: a free page published at the root of a language
//! (`sections.pages` empty) cannot take the search slug.

use super::Checker;
use crate::config::SiteSection;
use crate::diagnostics::Diagnostic;

pub(super) fn check(checker: &mut Checker<'_>) {
    let config = &checker.site.config;
    if !config.search.enabled {
        return;
    }
    for page in &checker.site.documents.pages {
        let lang = page.lang.as_str();
        let at_root = config
            .sections
            .get(SiteSection::Pages, lang)
            .is_none_or(str::is_empty);
        let search_slug = config.sections.get(SiteSection::Search, lang);
        if at_root && search_slug == Some(page.slug.as_str()) {
            checker.problems.push(Diagnostic::in_path(
                &page.file.path,
                format!(
                    "the page's address /{lang}/{}/ is the search page's; give the page another `slug` or change `sections.search` in site.yaml",
                    page.slug
                ),
            ));
        }
    }
}
