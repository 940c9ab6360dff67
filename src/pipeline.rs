//! The one pipeline: configuration → loading → validation → rendering → search index.
//!
//! `build`, `check`, `serve` and the translation report all drive a [`Project`]: it loads
//! the site once into a [`Loaded`] site, which renders every page or only the changed ones
//! and prepares the search index. Only `build` goes on to write the result.

use std::path::{Path, PathBuf};

use crate::config::editions::Edition;
use crate::content;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::i18n::Strings;
use crate::model::Site;
use crate::render::{self, Change, OutputFile};
use crate::search;
use crate::theme::Theme;
use crate::translation_status::TranslationStatus;
use crate::validate;

/// How a site is to be built, beyond what its files say.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish at this address instead of `site.yaml`'s `base_url` (previews, `serve`).
    pub base_url: Option<String>,
    /// Keep the documents marked `draft: true`, which are otherwise set aside.
    pub drafts: bool,
    /// The edition of `site.yaml`'s `editions:` to build; by default the one for the widest
    /// readership, which shows least.
    pub edition: Option<String>,
}

/// A site folder and how to build it: the start of every command's work.
#[derive(Debug, Clone)]
pub struct Project {
    root: PathBuf,
    options: Options,
}

/// A loaded site with its theme and UI strings and the problems found on the way: all that
/// rendering needs, kept by `serve` between rebuilds so an edit reloads only what changed.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub strings: Strings,
    problems: Diagnostics,
    /// What `check` and `build` report without stopping: figures that contradict each other.
    warnings: Diagnostics,
    /// Placeholders left in drafts, which `check` lists.
    unfinished_drafts: Diagnostics,
}

impl Project {
    /// The site whose `site.yaml` is in `root`.
    pub fn new(root: &Path, options: Options) -> Project {
        Project {
            root: root.to_path_buf(),
            options,
        }
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How the site is built.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Loads and validates the site with every problem found; only unreadable settings stop
    /// it early, since nothing else can be read without them.
    pub fn load(&self) -> Result<Loaded, Diagnostics> {
        let mut config = content::load_config(&self.root)?;
        let edition = self.edition(&config)?;
        if let Some(url) = self.options.base_url.clone().or(edition.base_url.clone()) {
            config.base_url.value = url;
        }
        let (mut site, mut problems) = content::load(&self.root, config);
        let theme = Theme::load(&self.root, &site.config.theme.value, &mut problems);
        let strings = Strings::load(&theme, site.config.languages(), &mut problems);
        // Drafts are looked at before they are set aside, to list what is left to write.
        let placeholders =
            validate::placeholders::check(&site.documents, &strings, site.config.languages());
        problems.extend(placeholders.published);
        if !self.options.drafts {
            site.documents.set_aside_drafts();
        }
        problems.extend_elsewhere(validate::validate(&site));
        let warnings = validate::consistency::warnings(&site);
        site.withhold_for(edition);
        Ok(Loaded {
            site,
            theme,
            strings,
            problems,
            warnings,
            unfinished_drafts: placeholders.drafts,
        })
    }
}

impl Project {
    /// The edition to build, as `site.yaml` declares it; an unknown name stops the command.
    fn edition(&self, config: &crate::config::Config) -> Result<Edition, Diagnostics> {
        config
            .edition(self.options.edition.as_deref())
            .map_err(|message| {
                Diagnostics::from(
                    Diagnostic::in_path(self.root.join("site.yaml"), message)
                        .with_code(Code::SiteConfig),
                )
            })
    }
}

impl Loaded {
    /// The problems found while loading and validating.
    pub fn problems(&self) -> &Diagnostics {
        &self.problems
    }

    /// The warnings found while loading: reported, but the site is built.
    pub fn warnings(&self) -> &Diagnostics {
        &self.warnings
    }

    /// The placeholders `benchlearn new` wrote that drafts still hold, as warnings: what is
    /// left to write before they are published.
    pub fn unfinished_drafts(&self) -> &Diagnostics {
        &self.unfinished_drafts
    }

    /// Validates the site again after `serve` changed part of it in place.
    pub fn revalidate(&mut self) {
        self.problems = validate::validate(&self.site);
        let languages = self.site.config.languages();
        let placeholders =
            validate::placeholders::check(&self.site.documents, &self.strings, languages);
        self.problems.extend(placeholders.published);
        self.warnings = validate::consistency::warnings(&self.site);
    }

    /// Renders every page (without the search index), or returns every problem: those of
    /// loading and those of rendering, which runs despite load problems so that broken
    /// links and template errors come in the same report.
    pub fn render_all(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        self.with_load_problems(render::render(
            &self.site,
            &self.theme,
            self.strings.clone(),
        ))
    }

    /// Renders only the pages that show something in `changes`, for `serve`.
    pub fn render_changed(&self, changes: &[Change]) -> Result<Vec<OutputFile>, Diagnostics> {
        self.with_load_problems(render::render_changed(
            &self.site,
            &self.theme,
            self.strings.clone(),
            changes,
        ))
    }

    /// What the search index will be built from, taken from the rendered `pages` so they can
    /// be written and freed while it is built; `None` when search is turned off.
    pub fn index(&self, pages: &[OutputFile]) -> Option<search::Pending> {
        search::prepare(&self.site.config, pages)
    }

    /// Per language, the missing and stale translations and the missing UI strings, of the
    /// documents this load keeps (drafts set aside unless the project shows them).
    pub fn translation_status(&self) -> TranslationStatus {
        crate::translation_status::compute(&self.site, &self.strings)
    }

    fn with_load_problems(
        &self,
        rendered: Result<Vec<OutputFile>, Diagnostics>,
    ) -> Result<Vec<OutputFile>, Diagnostics> {
        match rendered {
            Ok(files) if self.problems.is_empty() => Ok(files),
            Ok(_) => Err(self.problems.clone()),
            Err(render_problems) => {
                let mut problems = self.problems.clone();
                problems.extend(render_problems);
                Err(problems)
            }
        }
    }
}
