//! Page families: each kind of page is one type that says which pages it makes from the site's
//! data, the template each is rendered with, which changes each shows and how to render one,
//! so those can never drift apart. Adding a kind of page is one new file with a [`Family`]
//! and its line in [`crate::render::plan`].

use std::fmt;

use crate::diagnostics::Diagnostics;
use crate::model::lang::Lang;
use crate::render::{Change, Context, OutputFile};

/// One kind of page (or of file built in Rust, such as feeds and downloads).
pub(crate) trait Family: Copy + fmt::Debug + Send + Sync + 'static {
    /// Which page of the family: an indicator and a language, a PES and a language…
    type Page: fmt::Debug + Send + Sync;

    /// Every page of the family that the site has.
    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page>;

    /// The template `page` is rendered with; `None` for files built in Rust.
    fn template(self, page: &Self::Page) -> Option<&'static str>;

    /// Whether `page` shows something `change` changed, besides its templates (checked for
    /// every family from [`Family::template`]). Errs on the side of rendering.
    fn shows(self, page: &Self::Page, change: &Change) -> bool;

    /// Renders `page`.
    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics>;
}

/// A page of any family, planned for rendering.
pub(crate) trait Planned: fmt::Debug + Send + Sync {
    /// The template the page is rendered with, if any.
    fn template(&self) -> Option<&'static str>;

    /// Whether the page shows anything in `changes`, templates included.
    fn shows_any(&self, changes: &[Change]) -> bool;

    /// Renders the page.
    fn render(&self, cx: &Context<'_>) -> Result<OutputFile, Diagnostics>;
}

/// A page together with its family.
struct Page<F: Family> {
    family: F,
    page: F::Page,
}

impl<F: Family> fmt::Debug for Page<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}::{:?}", self.family, self.page)
    }
}

impl<F: Family> Planned for Page<F> {
    fn template(&self) -> Option<&'static str> {
        self.family.template(&self.page)
    }

    fn shows_any(&self, changes: &[Change]) -> bool {
        changes.iter().any(|change| match change {
            Change::Templates(users) => self.template().is_some_and(|t| users.contains(t)),
            change => self.family.shows(&self.page, change),
        })
    }

    fn render(&self, cx: &Context<'_>) -> Result<OutputFile, Diagnostics> {
        self.family.render(cx, &self.page)
    }
}

/// Adds every page of `family` to the plan: the registration of one family.
pub(crate) fn add<F: Family>(planned: &mut Vec<Box<dyn Planned>>, cx: &Context<'_>, family: F) {
    planned.extend(
        family
            .pages(cx)
            .into_iter()
            .map(|page| Box::new(Page { family, page }) as Box<dyn Planned>),
    );
}

/// One page per language, for families with a single page in each.
pub(crate) fn per_language<T>(cx: &Context<'_>, page: impl Fn(Lang) -> T) -> Vec<T> {
    cx.routes.languages().iter().cloned().map(page).collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::render::render_pages;
    use crate::theme::{Theme, ThemeFile};

    /// Breaks each kind of page's template in turn: rendering the page must then fail, which
    /// shows that [`Family::template`] names the template the page is really rendered with.
    #[test]
    fn each_page_names_the_template_it_is_rendered_with() {
        // The example site: every kind of document and benchmark page.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::pipeline::Project::new(root, Default::default());
        let loaded = project.load().expect("settings");
        assert!(loaded.problems().is_empty(), "{:?}", loaded.problems());
        let pages = Mutex::new(Vec::new());
        let keep_none = |page: &dyn Planned| {
            let template = page.template();
            pages
                .lock()
                .expect("pages")
                .push((format!("{page:?}"), template));
            false
        };
        render_pages(
            &loaded.site,
            &loaded.theme,
            loaded.strings.clone(),
            keep_none,
        )
        .expect("nothing to render");
        let mut checked = std::collections::BTreeSet::new();
        for (name, template) in pages.into_inner().expect("pages") {
            let Some(template) = template else {
                continue;
            };
            let kind = name
                .split(['(', ','])
                .next()
                .unwrap_or_default()
                .to_string();
            if !checked.insert((kind, template)) {
                continue;
            }
            let mut problems = crate::diagnostics::Diagnostics::default();
            let mut theme = Theme::load(root, "default", &mut problems);
            assert!(theme.templates.contains_key(template), "{template} exists");
            theme.templates.insert(
                template.to_string(),
                ThemeFile {
                    origin: template.into(),
                    bytes: Arc::new(b"{{ broken_on_purpose }}".to_vec()),
                },
            );
            let only = |other: &dyn Planned| format!("{other:?}") == name;
            let rendered = render_pages(&loaded.site, &theme, loaded.strings.clone(), only);
            assert!(rendered.is_err(), "{name} is not rendered with {template}");
        }
        assert!(checked.len() >= 19, "every kind of page: {checked:?}");
    }
}
