//! The parts every page shares: layout, navigation, language switcher and alternates.

use crate::model::documents::Document;
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::engine::routes::Listing;
use crate::render::views::{LanguageEntry, LanguageLink, Layout, NavLink, SiteView};
use crate::render::Context;
use std::collections::BTreeMap;

impl Context<'_> {
    pub(crate) fn layout(
        &self,
        lang: &Lang,
        kind: &'static str,
        title: String,
        description: String,
        alternates: BTreeMap<Lang, String>,
    ) -> Layout {
        let config = &self.site.config;
        let current_path = alternates
            .get(lang.as_str())
            .cloned()
            .unwrap_or_else(|| self.routes.home(lang));
        let mut nav = vec![(self.label(lang, "nav.home"), self.routes.home(lang))];
        for (listing, key) in [
            (Listing::Practices, "nav.practices"),
            (Listing::Visits, "nav.visits"),
            (Listing::Reports, "nav.reports"),
            (Listing::Pes, "nav.pes"),
        ] {
            nav.push((self.label(lang, key), self.routes.listing(listing, lang)));
        }
        nav.push((
            self.label(lang, "nav.peer_groups"),
            self.routes.peer_groups(lang),
        ));
        nav.push((
            self.label(lang, "bench.nav_indicators"),
            self.routes.indicators(lang),
        ));
        nav.push((
            self.label(lang, "bench.nav_assessments"),
            self.routes.assessments(lang),
        ));
        nav.push((
            self.label(lang, "nav.frameworks"),
            self.routes.frameworks(lang),
        ));
        let mut menu_pages: Vec<&Document<_>> = self
            .site
            .documents
            .pages
            .iter()
            .filter(|page| {
                page.meta.menu
                    && self.routes.shown_language(Section::Pages, &page.key, lang)
                        == Some(&page.lang)
            })
            .collect();
        menu_pages.sort_by(|a, b| (a.meta.weight, &a.key).cmp(&(b.meta.weight, &b.key)));
        for page in menu_pages {
            if let Some(path) = self.routes.document(Section::Pages, &page.key, lang) {
                nav.push((self.text(&page.lang, &page.meta.title.value), path));
            }
        }
        let nav = nav
            .into_iter()
            .map(|(label, path)| NavLink {
                current: current_path == path
                    || (path != self.routes.home(lang) && current_path.starts_with(&path)),
                label,
                url: self.routes.link(&path),
            })
            .collect();
        let languages = self
            .routes
            .languages()
            .iter()
            .map(|code| {
                let path = alternates
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| self.routes.home(code));
                LanguageLink {
                    code: code.clone(),
                    name: self.label(code, "language.name"),
                    url: self.routes.link(&path),
                    absolute: self.routes.absolute(&path),
                    current: code == lang,
                }
            })
            .collect();
        let default = self.routes.default_language();
        let x_default = alternates
            .get(default)
            .cloned()
            .unwrap_or_else(|| self.routes.home(default));
        let canonical = self.routes.absolute(&current_path);
        let publishing = self.publishing(kind, lang, &title, &description, &canonical);
        Layout {
            lang: lang.clone(),
            site: SiteView {
                title: self.text(lang, config.title.text(lang)),
                description: self.text(lang, config.description.text(lang)),
                home: self.routes.link(&self.routes.home(lang)),
                illustrative_data: config.options.illustrative_data,
                print_origin: css_string(config.origin()),
            },
            kind,
            title,
            description,
            nav,
            languages,
            x_default: self.routes.absolute(&x_default),
            canonical,
            notice: None,
            draft: false,
            illustrative: false,
            stylesheet: self.routes.link("style.css"),
            search: self.search_box(lang),
            index: None,
            publishing,
            my_pes: self.my_pes_picker(lang),
            previous_page: None,
            next_page: None,
        }
    }

    /// Paths of a page that exists in every language at `path_of(lang)`.
    pub(crate) fn alternates(&self, path_of: impl Fn(&Lang) -> String) -> BTreeMap<Lang, String> {
        self.routes
            .languages()
            .iter()
            .map(|lang| (lang.clone(), path_of(lang)))
            .collect()
    }

    pub(crate) fn language_entries(&self) -> Vec<LanguageEntry> {
        self.routes
            .languages()
            .iter()
            .map(|code| LanguageEntry {
                code: code.clone(),
                name: self.label(code, "language.name"),
                title: self.text(code, self.site.config.title.text(code)),
                description: self.text(code, self.site.config.description.text(code)),
                url: self.routes.link(&self.routes.home(code)),
            })
            .collect()
    }
}

/// `text` as a CSS string literal: quoted, with its quotes, backslashes and control
/// characters escaped, so that no address can end the string or the declaration early.
fn css_string(text: &str) -> String {
    let mut css = String::with_capacity(text.len() + 2);
    css.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                css.push('\\');
                css.push(c);
            }
            c if c.is_control() => css.push_str(&format!("\\{:x} ", u32::from(c))),
            c => css.push(c),
        }
    }
    css.push('"');
    css
}

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn a_css_string_cannot_be_ended_early() {
        assert_eq!(
            css_string("https://example.org"),
            r#""https://example.org""#
        );
        assert_eq!(css_string("a\"b\\c\nd"), r#""a\"b\\c\a d""#);
    }
}
