//! `site.yaml`'s `editions:`: the versions of the site one set of sources is built into, and
//! what each shows. A PES scores itself candidly only if it knows who reads the result, so
//! the edition built by default is the one for the widest readership, which shows least.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::audience::Audience;
use crate::model::text::Spanned;

/// One edition as `site.yaml` declares it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EditionSettings {
    /// Who the edition is for: `public` (the open web) or `members` (behind access control); it shows what is for that audience or a wider one.
    pub audience: Audience,
    /// The address it is published at, when not the site's `base_url`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub base_url: Option<Spanned<String>>,
    /// Whether each PES's own assessment scores and comments are shown; by default only in an edition for members. Without them, pages show distributions (medians, quartiles, counts).
    #[serde(default)]
    pub assessment_scores: Option<bool>,
    /// Where scores are hidden, whether a PES's profile still shows its own position against the network's distribution (off by default).
    #[serde(default)]
    pub own_position: bool,
}

/// The editions of a site: those `site.yaml` declares, else a public and a members' one.
pub type Editions = BTreeMap<String, EditionSettings>;

/// The two editions every network needs, for sites that declare none.
pub fn default_editions() -> Editions {
    let edition = |audience| EditionSettings {
        audience,
        base_url: None,
        assessment_scores: None,
        own_position: false,
    };
    BTreeMap::from([
        ("public".to_string(), edition(Audience::Public)),
        ("members".to_string(), edition(Audience::Members)),
    ])
}

/// The fewest members a group needs for an edition without each PES's scores to show its
/// distribution: with fewer, a reader could work out who scored what.
pub const DEFAULT_MIN_GROUP_SIZE: usize = 3;

/// The edition being built, resolved from its settings: what every stage after loading asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its name in `site.yaml` (`public`, `members`).
    pub name: String,
    /// Who reads it.
    pub audience: Audience,
    /// Whether each PES's assessment scores and comments are shown.
    pub pes_scores: bool,
    /// Whether, scores hidden, a PES's own position against the distribution is shown.
    pub own_position: bool,
    /// The fewest members a group needs for its distribution to be shown without scores.
    pub min_group_size: usize,
    /// The address it is published at, when not the site's `base_url`.
    pub base_url: Option<String>,
}

impl Default for Edition {
    /// The public edition with its defaults: what a site shows when nothing says otherwise.
    fn default() -> Edition {
        Edition {
            name: "public".to_string(),
            audience: Audience::Public,
            pes_scores: false,
            own_position: false,
            min_group_size: DEFAULT_MIN_GROUP_SIZE,
            base_url: None,
        }
    }
}

impl Edition {
    fn resolve(name: &str, settings: &EditionSettings, min_group_size: usize) -> Edition {
        Edition {
            name: name.to_string(),
            audience: settings.audience,
            pes_scores: settings
                .assessment_scores
                .unwrap_or(settings.audience == Audience::Members),
            own_position: settings.own_position,
            min_group_size,
            base_url: settings.base_url.as_ref().map(|url| url.value.clone()),
        }
    }

    /// Whether a group of `members` PES may have its assessment distribution shown: always
    /// where scores are shown, else only when the group is large enough to stay anonymous.
    pub fn shows_group_of(&self, members: usize) -> bool {
        self.pes_scores || members >= self.min_group_size
    }

    /// Whether search engines may index the edition: only one for the open web.
    pub fn indexable(&self) -> bool {
        self.audience == Audience::Public
    }
}

/// The edition named `name`, or the default one: the first of those for the widest
/// readership. An unknown name is an error listing the declared ones.
pub fn select(
    editions: &Editions,
    name: Option<&str>,
    min_group_size: usize,
) -> Result<Edition, String> {
    let chosen = match name {
        Some(name) => editions.get_key_value(name).ok_or_else(|| {
            let known: Vec<&str> = editions.keys().map(String::as_str).collect();
            format!(
                "there is no edition `{name}` in site.yaml; expected one of: {}",
                known.join(", ")
            )
        })?,
        None => editions
            .iter()
            .min_by_key(|(_, settings)| settings.audience)
            .ok_or("`editions` in site.yaml declares no edition")?,
    };
    Ok(Edition::resolve(chosen.0, chosen.1, min_group_size))
}

/// The problems of `editions:`: names that cannot be folder names, bad addresses.
pub fn check(editions: &Editions, file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    use crate::content::yaml::span_of;
    let mut problems = Vec::new();
    if editions.is_empty() {
        problems.push(
            Diagnostic::at_line(file, 1, 1, "`editions` declares no edition")
                .with_help("declare at least `public:` and `members:`, or remove `editions`"),
        );
    }
    for (name, settings) in editions {
        if !crate::model::text::is_valid_slug(name) {
            let (line, column) = key_position(file, name);
            problems.push(
                Diagnostic::at_line(
                    file,
                    line,
                    column,
                    format!(
                        "the edition name `{}` cannot be a folder name",
                        name.escape_debug()
                    ),
                )
                .with_help("use lower-case letters, digits and hyphens, e.g. `members`"),
            );
        }
        if let Some(url) = &settings.base_url {
            if let Err(reason) = crate::web_address::check(&url.value) {
                problems.push(
                    Diagnostic::at(
                        file,
                        span_of(file, 0, &url.referenced),
                        format!(
                            "`editions.{name}.base_url` must be an absolute http(s) URL, found `{}`: {reason}",
                            url.value.escape_debug()
                        ),
                    )
                    .with_help("e.g. https://members.example.org/benchlearning/"),
                );
            }
        }
    }
    problems
}

/// Line and column of the key `name:` in `file`, found by its text since map keys carry no
/// position; the start of the file when it cannot be found.
fn key_position(file: &SourceFile, name: &str) -> (usize, usize) {
    let key = format!("{name}:");
    (1..)
        .map_while(|number| Some((number, file.line(number)?)))
        .find_map(|(number, line)| {
            let indent = line.len() - line.trim_start().len();
            line.trim_start()
                .starts_with(&key)
                .then(|| (number, line[..indent].chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(audience: Audience) -> EditionSettings {
        EditionSettings {
            audience,
            base_url: None,
            assessment_scores: None,
            own_position: false,
        }
    }

    #[test]
    fn without_a_name_the_edition_for_the_widest_readership_is_built() {
        let editions = BTreeMap::from([
            ("a-members".to_string(), settings(Audience::Members)),
            ("z-open".to_string(), settings(Audience::Public)),
        ]);
        let edition = select(&editions, None, 3).unwrap();
        assert_eq!(edition.name, "z-open");
        assert!(!edition.pes_scores && edition.indexable());
    }

    #[test]
    fn members_see_scores_unless_the_site_says_otherwise() {
        let mut editions = default_editions();
        assert!(select(&editions, Some("members"), 3).unwrap().pes_scores);
        editions.get_mut("members").unwrap().assessment_scores = Some(false);
        let members = select(&editions, Some("members"), 3).unwrap();
        assert!(!members.pes_scores && !members.indexable());
    }

    #[test]
    fn an_unknown_edition_names_the_declared_ones() {
        let error = select(&default_editions(), Some("memebrs"), 3).unwrap_err();
        assert!(
            error.contains("memebrs") && error.contains("members, public"),
            "{error}"
        );
    }

    #[test]
    fn small_groups_are_shown_only_with_scores() {
        let public = select(&default_editions(), Some("public"), 3).unwrap();
        assert!(!public.shows_group_of(2) && public.shows_group_of(3));
        let members = select(&default_editions(), Some("members"), 3).unwrap();
        assert!(members.shows_group_of(1));
    }

    #[test]
    fn a_name_that_cannot_be_a_folder_is_reported_at_its_line() {
        let file = SourceFile::new(
            "site.yaml",
            "title: x\neditions:\n  Members Only:\n    audience: members\n",
        );
        let editions = BTreeMap::from([("Members Only".to_string(), settings(Audience::Members))]);
        let problems = check(&editions, &file);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line_column(), Some((3, 3)));
    }
}
