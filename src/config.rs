//! `site.yaml`: the site's languages, URL layout and options.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::lang::Lang;
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
    /// `languages` as [`Lang`] values, filled in once the file is read.
    #[serde(skip)]
    #[schemars(skip)]
    codes: Vec<Lang>,
}

fn default_theme() -> Spanned<String> {
    use serde_saphyr::Location;
    Spanned::new("default".to_string(), Location::UNKNOWN, Location::UNKNOWN)
}

/// A part of the site with an address segment of its own in each language
/// (`/fr/bonnes-pratiques/`), named in `site.yaml`'s `sections:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SiteSection {
    Practices,
    Visits,
    Reports,
    Pes,
    Pages,
    Indicators,
    Assessments,
    Areas,
    Frameworks,
    /// The peer groups (clusters): their index and a page each.
    #[serde(rename = "peer_groups")]
    PeerGroups,
    Search,
}

impl SiteSection {
    /// Every section, in the order `site.yaml` documents them.
    pub const ALL: [SiteSection; 11] = [
        SiteSection::Practices,
        SiteSection::Visits,
        SiteSection::Reports,
        SiteSection::Pes,
        SiteSection::Pages,
        SiteSection::Indicators,
        SiteSection::Assessments,
        SiteSection::Areas,
        SiteSection::Frameworks,
        SiteSection::PeerGroups,
        SiteSection::Search,
    ];

    /// Its name under `sections:` in `site.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            SiteSection::Practices => "practices",
            SiteSection::Visits => "visits",
            SiteSection::Reports => "reports",
            SiteSection::Pes => "pes",
            SiteSection::Pages => "pages",
            SiteSection::Indicators => "indicators",
            SiteSection::Assessments => "assessments",
            SiteSection::Areas => "areas",
            SiteSection::Frameworks => "frameworks",
            SiteSection::PeerGroups => "peer_groups",
            SiteSection::Search => "search",
        }
    }

    /// The slugs a site gets when `site.yaml` does not name them (free pages sit at the top
    /// of each language).
    fn default_slugs(self) -> BTreeMap<String, String> {
        let (fr, en) = match self {
            SiteSection::Practices => ("bonnes-pratiques", "good-practices"),
            SiteSection::Visits => ("visites-etude", "study-visits"),
            SiteSection::Reports => ("rapports", "reports"),
            SiteSection::Pes => ("spe", "pes"),
            SiteSection::Pages => ("", ""),
            SiteSection::Indicators => ("indicateurs", "indicators"),
            SiteSection::Assessments => ("evaluations", "assessments"),
            SiteSection::Areas => ("domaines", "areas"),
            SiteSection::Frameworks => ("cadres-performance", "frameworks"),
            SiteSection::PeerGroups => ("groupes-de-pairs", "peer-groups"),
            SiteSection::Search => ("recherche", "search"),
        };
        BTreeMap::from([
            ("fr".to_string(), fr.to_string()),
            ("en".to_string(), en.to_string()),
        ])
    }
}

/// The address segment of each section, per language (`/fr/bonnes-pratiques/`): what
/// `site.yaml` names, and the defaults for the sections it leaves out.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "BTreeMap<SiteSection, BTreeMap<String, String>>")]
pub struct SectionSlugs(BTreeMap<SiteSection, BTreeMap<String, String>>);

impl SectionSlugs {
    /// The slug of `section` in `lang`, if `site.yaml` (or the defaults) give one.
    pub fn get(&self, section: SiteSection, lang: &str) -> Option<&str> {
        self.0.get(&section)?.get(lang).map(String::as_str)
    }

    /// Every section with its slugs by language.
    pub fn iter(&self) -> impl Iterator<Item = (SiteSection, &BTreeMap<String, String>)> {
        self.0.iter().map(|(section, slugs)| (*section, slugs))
    }
}

impl From<BTreeMap<SiteSection, BTreeMap<String, String>>> for SectionSlugs {
    fn from(mut named: BTreeMap<SiteSection, BTreeMap<String, String>>) -> SectionSlugs {
        for section in SiteSection::ALL {
            named
                .entry(section)
                .or_insert_with(|| section.default_slugs());
        }
        SectionSlugs(named)
    }
}

impl Default for SectionSlugs {
    fn default() -> Self {
        SectionSlugs::from(BTreeMap::new())
    }
}

impl JsonSchema for SectionSlugs {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SectionSlugs".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let properties: serde_json::Map<String, serde_json::Value> = SiteSection::ALL
            .iter()
            .map(|section| {
                let slugs = serde_json::json!({
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "default": section.default_slugs(),
                });
                (section.key().to_string(), slugs)
            })
            .collect();
        schemars::json_schema!({
            "description": "The URL segment of each section, per language (`/fr/bonnes-pratiques/`).",
            "type": "object",
            "properties": properties,
            "additionalProperties": false,
        })
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
    pub fn languages(&self) -> &[Lang] {
        &self.codes
    }

    /// The language of the root page and of `x-default`.
    pub fn default_lang(&self) -> Lang {
        Lang::new(&self.default_language.value)
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
    let mut config: Config = crate::content::yaml::parse(file, 0).map_err(|d| vec![d])?;
    config.codes = config
        .languages
        .iter()
        .map(|code| Lang::new(&code.value))
        .collect();
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
    if let Err(reason) = crate::web_address::check(&url.value) {
        problems.push(
            Diagnostic::at(
                file,
                span_of(file, 0, &url.referenced),
                format!(
                    "`base_url` must be an absolute http(s) URL, found `{}`: {reason}",
                    url.value.escape_debug()
                ),
            )
            .with_help("e.g. https://example.org/benchlearning/"),
        );
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
    let codes = config.languages();
    if !codes
        .iter()
        .any(|code| *code == config.default_language.value)
    {
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
        codes,
        file,
        0,
        "title",
    ));
    problems.extend(crate::validate::translations::check(
        &config.description,
        codes,
        file,
        0,
        "description",
    ));
    for (section, map) in config.sections.iter() {
        let name = section.key();
        for code in codes {
            match map.get(code.as_str()) {
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
