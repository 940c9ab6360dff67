//! The whole pipeline in one call: configuration → loading → validation → rendering → search
//! index. Commands call this; only `build` goes on to write the result.

use std::path::Path;

use crate::content;
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::model::Site;
use crate::render::{self, OutputFile};
use crate::search;
use crate::theme::Theme;
use crate::validate;

/// A loaded site with its theme and UI strings: all rendering needs, kept by `serve` between
/// rebuilds so an edit reloads only what changed.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub strings: Strings,
}

/// Compiles the site at `root` into files, or returns every problem found.
///
/// `base_url` overrides `site.yaml`'s, for preview deployments at another address; `drafts`
/// keeps the documents marked `draft: true`, which are otherwise left out.
pub fn compile(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let (mut files, search) = compile_pages(root, base_url, drafts)?;
    if let Some(search) = search {
        files.extend(
            search
                .index()
                .map_err(search::SearchError::into_diagnostics)?,
        );
    }
    Ok(files)
}

/// Compiles the site's pages, with what the search index will be built from: `build` writes
/// the pages while the index is built, so a large site is never held twice in memory.
pub fn compile_pages(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<(Vec<OutputFile>, Option<search::Pending>), Diagnostics> {
    let (loaded, mut problems) = load(root, base_url, drafts)?;
    let rendered = render::render(&loaded.site, &loaded.theme, loaded.strings.clone());
    match rendered {
        // Rendering runs despite load problems to find broken links and template errors in
        // the same report.
        Err(render_problems) => {
            problems.extend(render_problems);
            Err(problems)
        }
        Ok(_) if !problems.is_empty() => Err(problems),
        Ok(files) => {
            let search = search::prepare(&loaded.site.config, &files);
            Ok((files, search))
        }
    }
}

/// Loads and validates the site at `root`, with every problem found; only unreadable settings
/// stop it early. Drafts are set aside unless `drafts` is true.
pub fn load(
    root: &Path,
    base_url: Option<&str>,
    drafts: bool,
) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let mut config = content::load_config(root)?;
    if let Some(url) = base_url {
        config.base_url.value = url.to_string();
    }
    let (mut site, mut problems) = content::load(root, config);
    if !drafts {
        site.documents.set_aside_drafts();
    }
    problems.extend(validate::validate(&site));
    let theme = Theme::load(root, &site.config.theme.value, &mut problems);
    let strings = Strings::load(&theme, &site.config.language_codes(), &mut problems);
    let loaded = Loaded {
        site,
        theme,
        strings,
    };
    Ok((loaded, problems))
}

impl Loaded {
    /// Renders every page, without the search index: `serve` builds that in the background
    /// so the pages show at once.
    pub fn render_pages(&self) -> Result<Vec<OutputFile>, Diagnostics> {
        render::render(&self.site, &self.theme, self.strings.clone())
    }
}
