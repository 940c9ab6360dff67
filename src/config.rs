//! `site.yaml`: the site's languages, URL layout and options.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::text::{Spanned, Translated};

/// The settings of a site, as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Translated<String>,
    pub description: Translated<String>,
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    #[schemars(with = "String")]
    pub default_language: Spanned<String>,
    /// The folder under themes/ to use: one name such as `default`, never a path (no / or ..).
    #[serde(default = "default_theme")]
    #[schemars(with = "String")]
    pub theme: Spanned<String>,
    #[serde(default)]
    pub sections: SectionSlugs,
    #[serde(default)]
    pub options: Options,
    #[serde(default)]
    pub search: SearchOptions,
}

fn default_theme() -> Spanned<String> {
    use serde_saphyr::Location;
    Spanned::new("default".to_string(), Location::UNKNOWN, Location::UNKNOWN)
}

/// The URL segment of each section, per language (`/fr/bonnes-pratiques/`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionSlugs {
    #[serde(default = "default_practices")]
    pub practices: BTreeMap<String, String>,
    #[serde(default = "default_visits")]
    pub visits: BTreeMap<String, String>,
    #[serde(default = "default_reports")]
    pub reports: BTreeMap<String, String>,
    #[serde(default = "default_pes")]
    pub pes: BTreeMap<String, String>,
    #[serde(default = "default_pages")]
    pub pages: BTreeMap<String, String>,
    #[serde(default = "default_indicators")]
    pub indicators: BTreeMap<String, String>,
    #[serde(default = "default_assessments")]
    pub assessments: BTreeMap<String, String>,
    #[serde(default = "default_areas")]
    pub areas: BTreeMap<String, String>,
    #[serde(default = "default_frameworks")]
    pub frameworks: BTreeMap<String, String>,
    #[serde(default = "default_search")]
    pub search: BTreeMap<String, String>,
}

fn slugs(fr: &str, en: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("fr".to_string(), fr.to_string()),
        ("en".to_string(), en.to_string()),
    ])
}
fn default_practices() -> BTreeMap<String, String> {
    slugs("bonnes-pratiques", "good-practices")
}
fn default_visits() -> BTreeMap<String, String> {
    slugs("visites-etude", "study-visits")
}
fn default_reports() -> BTreeMap<String, String> {
    slugs("rapports", "reports")
}
fn default_pes() -> BTreeMap<String, String> {
    slugs("spe", "pes")
}
fn default_pages() -> BTreeMap<String, String> {
    slugs("", "")
}
fn default_indicators() -> BTreeMap<String, String> {
    slugs("indicateurs", "indicators")
}
fn default_assessments() -> BTreeMap<String, String> {
    slugs("evaluations", "assessments")
}
fn default_areas() -> BTreeMap<String, String> {
    slugs("domaines", "areas")
}
fn default_frameworks() -> BTreeMap<String, String> {
    slugs("cadres-performance", "frameworks")
}
fn default_search() -> BTreeMap<String, String> {
    slugs("recherche", "search")
}

impl Default for SectionSlugs {
    fn default() -> Self {
        SectionSlugs {
            practices: default_practices(),
            visits: default_visits(),
            reports: default_reports(),
            pes: default_pes(),
            pages: default_pages(),
            indicators: default_indicators(),
            assessments: default_assessments(),
            areas: default_areas(),
            frameworks: default_frameworks(),
            search: default_search(),
        }
    }
}

/// Full-text search: on by default; a site may turn it off or move Pagefind's bundle.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchOptions {
    /// Build the index, the search pages and the header search box.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The folder of the output, below its root, that holds the index and Pagefind's UI.
    #[serde(default = "default_search_folder")]
    #[schemars(with = "String")]
    pub folder: Spanned<String>,
}

impl SearchOptions {
    /// The start of the output paths of the index (`pagefind/`), to tell its files apart.
    pub fn path_prefix(&self) -> String {
        format!("{}/", self.folder.value.trim_matches('/'))
    }
}

fn yes() -> bool {
    true
}

fn default_search_folder() -> Spanned<String> {
    use serde_saphyr::Location;
    Spanned::new("pagefind".to_string(), Location::UNKNOWN, Location::UNKNOWN)
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            enabled: true,
            folder: default_search_folder(),
        }
    }
}

/// Switches a site may turn on.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Keep raw HTML written in Markdown. Off by default: content is untrusted.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Show a notice that the figures are illustrative, not real statistics.
    #[serde(default)]
    pub illustrative_data: bool,
}

impl Config {
    /// The site's language codes, in the order of `site.yaml`.
    pub fn language_codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.value.clone()).collect()
    }

    /// `base_url` without its trailing slash, the prefix of every absolute URL.
    pub fn base_url(&self) -> &str {
        self.base_url.value.trim_end_matches('/')
    }

    /// The path part of `base_url` (`/benchlearning` or empty), the prefix of every link.
    pub fn base_path(&self) -> &str {
        let url = self.base_url();
        let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    }
}

/// Parses `site.yaml` and checks what does not depend on the content.
pub fn parse(file: &Arc<SourceFile>) -> Result<Config, Vec<Diagnostic>> {
    let config: Config = crate::content::yaml::parse(file, 0).map_err(|d| vec![d])?;
    let problems = check(&config, file);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn check(config: &Config, file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    use crate::content::yaml::span_of;
    let mut problems = Vec::new();
    let url = &config.base_url;
    if !(url.value.starts_with("http://") || url.value.starts_with("https://")) {
        problems.push(Diagnostic::at(
            file,
            span_of(file, 0, &url.referenced),
            format!(
                "`base_url` must be an absolute http(s) URL, found `{}`",
                url.value
            ),
        ));
    }
    if config.languages.is_empty() {
        problems.push(Diagnostic::at_line(
            file,
            1,
            1,
            "`languages` lists no language",
        ));
    }
    for lang in &config.languages {
        let valid = lang.value.len() == 2 && lang.value.bytes().all(|b| b.is_ascii_lowercase());
        if !valid {
            problems.push(Diagnostic::at(
                file,
                span_of(file, 0, &lang.referenced),
                format!(
                    "`{}` is not a language code; expected two lower-case letters such as `fr`",
                    lang.value
                ),
            ));
        }
    }
    let codes = config.language_codes();
    if !codes.contains(&config.default_language.value) {
        problems.push(
            Diagnostic::at(
                file,
                span_of(file, 0, &config.default_language.referenced),
                format!(
                    "`default_language` is `{}`, which is not in `languages`",
                    config.default_language.value
                ),
            )
            .with_help(format!("expected one of: {}", codes.join(", "))),
        );
    }
    problems.extend(crate::validate::translations::check(
        &config.title,
        &codes,
        file,
        0,
        "title",
    ));
    problems.extend(crate::validate::translations::check(
        &config.description,
        &codes,
        file,
        0,
        "description",
    ));
    let sections = &config.sections;
    for (name, map) in [
        ("practices", &sections.practices),
        ("visits", &sections.visits),
        ("reports", &sections.reports),
        ("pes", &sections.pes),
        ("pages", &sections.pages),
        ("indicators", &sections.indicators),
        ("assessments", &sections.assessments),
        ("areas", &sections.areas),
        ("frameworks", &sections.frameworks),
        ("search", &sections.search),
    ] {
        for code in &codes {
            match map.get(code) {
                None => problems.push(Diagnostic::at_line(
                    file,
                    1,
                    1,
                    format!("`sections.{name}` has no slug for language `{code}`"),
                )),
                Some(slug) if !slug.is_empty() && !crate::model::text::is_valid_slug(slug) => {
                    problems.push(Diagnostic::at_line(
                        file,
                        1,
                        1,
                        format!(
                            "`sections.{name}.{code}` is `{slug}`; a section slug uses only a-z, 0-9 and -"
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
    }
    problems.extend(check_search_folder(&config.search.folder, file));
    problems.extend(check_theme(&config.theme, file));
    problems
}

/// The theme is one folder name under `themes/`: a path (`../../x`, `/etc`) would publish
/// another folder's files.
fn check_theme(theme: &Spanned<String>, file: &Arc<SourceFile>) -> Option<Diagnostic> {
    use crate::content::yaml::span_of;
    let name = &theme.value;
    let valid = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    (!valid).then(|| {
        Diagnostic::at(
            file,
            span_of(file, 0, &theme.referenced),
            format!("`theme` is `{name}`; expected the name of a folder under themes/ (letters, digits, -, _ and ., no / or ..)"),
        )
    })
}

/// The bundle folder is one plain path segment, so it can neither escape the output nor
/// shadow a language's pages.
fn check_search_folder(folder: &Spanned<String>, file: &Arc<SourceFile>) -> Option<Diagnostic> {
    use crate::content::yaml::span_of;
    let name = &folder.value;
    let valid = crate::model::text::is_valid_slug(name) && name.len() != 2;
    (!valid).then(|| {
        Diagnostic::at(
            file,
            span_of(file, 0, &folder.referenced),
            format!("`search.folder` is `{name}`; expected one folder name of a-z, 0-9 and - (not a language code)"),
        )
    })
}
