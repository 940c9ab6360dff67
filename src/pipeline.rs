//! The whole pipeline in one call: configuration → loading → validation → rendering → search
//! index.
//! Commands call this; only `build` goes on to write the result.

use std::path::Path;

use crate::content;
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::render::{self, OutputFile};
use crate::search;
use crate::theme::Theme;
use crate::validate;

/// Compiles the site at `root` into files, or returns every problem found.
///
/// `base_url` overrides `site.yaml`'s, for preview deployments at another address.
pub fn compile(root: &Path, base_url: Option<&str>) -> Result<Vec<OutputFile>, Diagnostics> {
    let mut config = content::load_config(root)?;
    if let Some(url) = base_url {
        config.base_url.value = url.to_string();
    }
    let (site, mut problems) = content::load(root, config);
    problems.extend(validate::validate(&site));
    let theme = Theme::load(root, &site.config.theme, &mut problems);
    let strings = Strings::load(&theme, &site.config.language_codes(), &mut problems);
    if !problems.is_empty() {
        // Rendering still runs to find broken links and template errors in the same report.
        if let Err(render_problems) = render::render(&site, &theme, strings) {
            problems.extend(render_problems);
        }
        return Err(problems);
    }
    let mut files = render::render(&site, &theme, strings)?;
    let bundle = search::index(&site.config, &files).map_err(|error| {
        let mut problems = Diagnostics::default();
        problems.push(error.into_diagnostic());
        problems
    })?;
    files.extend(bundle);
    Ok(files)
}
