//! `site.yaml`: the site's languages, URL layout and options.

pub mod editions;

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use icu_locale_core::Locale;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::model::lang::Lang;
use crate::model::text::{Spanned, Translated};

/// The settings of a site, as written in `site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: Translated<String>,
    pub description: Translated<String>,
    /// The organisation that publishes the site (a network, its secretariat), per language:
    /// the author of every citation of a page whose document names no `author`. By default
    /// the site's `title`.
    #[serde(default)]
    pub publisher: Option<Translated<String>>,
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    #[schemars(with = "String")]
    pub default_language: Spanned<String>,
    /// The CLDR locale whose formats (numbers, dates, plural rules) a language follows, when
    /// not the language's own: CLDR's `en` is US English ("February 3, 2020"), `en: en-GB`
    /// writes "3 February 2020".
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub locales: BTreeMap<String, Spanned<String>>,
    /// The folder under themes/ to use: one name such as `default`, never a path (no / or ..).
    #[serde(default = "default_theme")]
    #[schemars(with = "String")]
    pub theme: Spanned<String>,
    #[serde(default)]
    pub sections: SectionSlugs,
    #[serde(default)]
    pub options: Options,
    #[serde(default)]
    pub pagination: Pagination,
    #[serde(default)]
    pub search: SearchOptions,
    /// The editions built from these sources (`build --edition NAME`), each showing what its
    /// audience may read; by default `public` (built when no edition is named) and `members`.
    #[serde(default = "editions::default_editions")]
    pub editions: editions::Editions,
    /// `languages` as [`Lang`] values, filled in once the file is read.
    #[serde(skip)]
    #[schemars(skip)]
    codes: Vec<Lang>,
    /// The locale of each language that has a valid one, filled in once the file is read.
    #[serde(skip)]
    #[schemars(skip)]
    cldr: BTreeMap<Lang, Locale>,
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
    /// Side-by-side comparisons of PES.
    Compare,
    /// The peer groups (clusters): their index and a page each.
    #[serde(rename = "peer_groups")]
    PeerGroups,
    Search,
    /// Not a section: the segment before the number of a list's second and later pages
    /// (`/fr/bonnes-pratiques/page/2/`).
    #[serde(rename = "list_page")]
    ListPage,
}

impl SiteSection {
    /// Every section, in the order `site.yaml` documents them.
    pub const ALL: [SiteSection; 13] = [
        SiteSection::Practices,
        SiteSection::Visits,
        SiteSection::Reports,
        SiteSection::Pes,
        SiteSection::Pages,
        SiteSection::Indicators,
        SiteSection::Assessments,
        SiteSection::Areas,
        SiteSection::Frameworks,
        SiteSection::Compare,
        SiteSection::PeerGroups,
        SiteSection::Search,
        SiteSection::ListPage,
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
            SiteSection::Compare => "compare",
            SiteSection::PeerGroups => "peer_groups",
            SiteSection::Search => "search",
            SiteSection::ListPage => "list_page",
        }
    }

    /// The languages benchlearn has default section slugs for: those the default theme ships
    /// UI strings for.
    pub const DEFAULT_LANGUAGES: [&'static str; 3] = ["fr", "en", "es"];

    /// The slug of this section in `lang` when `site.yaml` does not name one, or `None` when
    /// the site must name it. Free pages sit at the top of every language.
    pub fn default_slug(self, lang: &str) -> Option<&'static str> {
        let (fr, en, es) = match self {
            SiteSection::Pages => return Some(""),
            SiteSection::Practices => ("bonnes-pratiques", "good-practices", "buenas-practicas"),
            SiteSection::Visits => ("visites-etude", "study-visits", "visitas-estudio"),
            SiteSection::Reports => ("rapports", "reports", "informes"),
            SiteSection::Pes => ("spe", "pes", "spe"),
            SiteSection::Indicators => ("indicateurs", "indicators", "indicadores"),
            SiteSection::Assessments => ("evaluations", "assessments", "evaluaciones"),
            SiteSection::Areas => ("domaines", "areas", "ambitos"),
            SiteSection::Frameworks => ("cadres-performance", "frameworks", "marcos-desempeno"),
            SiteSection::Compare => ("comparer", "compare", "comparar"),
            SiteSection::PeerGroups => ("groupes-de-pairs", "peer-groups", "grupos-de-pares"),
            SiteSection::Search => ("recherche", "search", "buscar"),
            SiteSection::ListPage => ("page", "page", "pagina"),
        };
        match lang {
            "fr" => Some(fr),
            "en" => Some(en),
            "es" => Some(es),
            _ => None,
        }
    }

    /// The default slugs by language, as the JSON Schema shows them.
    fn default_slugs(self) -> BTreeMap<&'static str, &'static str> {
        SiteSection::DEFAULT_LANGUAGES
            .into_iter()
            .filter_map(|lang| Some((lang, self.default_slug(lang)?)))
            .collect()
    }
}

/// The address segment of each section, per language (`/fr/bonnes-pratiques/`): what
/// `site.yaml` names, and the defaults for the sections and languages it leaves out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct SectionSlugs(BTreeMap<SiteSection, BTreeMap<String, String>>);

impl SectionSlugs {
    /// The slug of `section` in `lang`: the one `site.yaml` names, else the default one, if
    /// there is one for that language.
    pub fn get(&self, section: SiteSection, lang: &str) -> Option<&str> {
        self.0
            .get(&section)
            .and_then(|slugs| slugs.get(lang))
            .map(String::as_str)
            .or_else(|| section.default_slug(lang))
    }

    /// The sections with no slug in `lang`, neither named in `site.yaml` nor a default.
    fn missing(&self, lang: &str) -> Vec<SiteSection> {
        SiteSection::ALL
            .into_iter()
            .filter(|section| self.get(*section, lang).is_none())
            .collect()
    }

    /// Every slug `site.yaml` names: (section, language, slug).
    fn named(&self) -> impl Iterator<Item = (SiteSection, &str, &str)> {
        self.0.iter().flat_map(|(section, slugs)| {
            slugs
                .iter()
                .map(|(lang, slug)| (*section, lang.as_str(), slug.as_str()))
        })
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
            "description": "The URL segment of each section, per language (`/fr/bonnes-pratiques/`). Defaults exist for fr, en and es; another language names each section but `pages`.",
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

/// How lists that grow with the content (practices, visits, reports, and the practices of an
/// area, a member or a peer group) are cut into pages.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pagination {
    /// Cards per page; the first page, at the list's own address, holds the newest.
    #[serde(default = "default_page_size")]
    #[schemars(with = "usize", range(min = 1))]
    pub page_size: Spanned<usize>,
}

/// Cards per list page when `site.yaml` does not say: two, three or four columns fill evenly.
pub const DEFAULT_PAGE_SIZE: usize = 24;

fn default_page_size() -> Spanned<usize> {
    use serde_saphyr::Location;
    Spanned::new(DEFAULT_PAGE_SIZE, Location::UNKNOWN, Location::UNKNOWN)
}

impl Default for Pagination {
    fn default() -> Pagination {
        Pagination {
            page_size: default_page_size(),
        }
    }
}

impl Pagination {
    /// Cards per page: at least one (a zero is reported when `site.yaml` is read).
    pub fn page_size(&self) -> usize {
        self.page_size.value.max(1)
    }
}

/// Switches a site may turn on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Keep raw HTML written in Markdown. Off by default: content is untrusted.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Show a notice that the figures are illustrative, not real statistics.
    #[serde(default)]
    pub illustrative_data: bool,
    /// The fewest members a peer group needs for an edition without each PES's assessment scores to show the group's distribution; smaller groups are left out, with a note.
    #[serde(default = "default_min_group_size")]
    #[schemars(range(min = 2))]
    pub min_group_size: usize,
}

fn default_min_group_size() -> usize {
    editions::DEFAULT_MIN_GROUP_SIZE
}

impl Default for Options {
    fn default() -> Options {
        Options {
            allow_raw_html: false,
            illustrative_data: false,
            min_group_size: default_min_group_size(),
        }
    }
}

impl Config {
    /// The edition named `name`, or the default one (the one for the widest readership).
    pub fn edition(&self, name: Option<&str>) -> Result<editions::Edition, String> {
        editions::select(&self.editions, name, self.options.min_group_size)
    }

    /// The site's language codes, in the order of `site.yaml`.
    pub fn languages(&self) -> &[Lang] {
        &self.codes
    }

    /// The CLDR locale `lang` is formatted with: its entry in `locales`, else the language
    /// itself (the root locale for a language that failed the checks, never rendered).
    pub fn locale(&self, lang: &Lang) -> Locale {
        self.cldr.get(lang).cloned().unwrap_or(Locale::UNKNOWN)
    }

    /// Every language with its CLDR locale, in the order of `languages`.
    pub fn locales(&self) -> Vec<(Lang, Locale)> {
        self.codes
            .iter()
            .map(|lang| (lang.clone(), self.locale(lang)))
            .collect()
    }

    /// Who publishes the site in `lang`: `publisher`, else the site's title.
    pub fn publisher(&self, lang: &Lang) -> &str {
        self.publisher.as_ref().unwrap_or(&self.title).text(lang)
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

    /// The scheme and host of `base_url` (`https://example.org`), which turns a link into a
    /// full address where one is needed, as on paper.
    pub fn origin(&self) -> &str {
        let url = self.base_url();
        url.strip_suffix(self.base_path()).unwrap_or(url)
    }
}

/// Parses `site.yaml` and checks what does not depend on the content.
pub fn parse(file: &Arc<SourceFile>) -> Result<Config, Vec<Diagnostic>> {
    let mut config: Config = crate::content::yaml::parse(file, 0)?;
    config.codes = config
        .languages
        .iter()
        .map(|code| Lang::new(&code.value))
        .collect();
    let (cldr, mut problems) = resolve_locales(&config, file);
    config.cldr = cldr;
    problems.extend(check(&config, file));
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
    let invalid: Vec<&Spanned<String>> = config
        .languages
        .iter()
        .filter(|lang| !is_language_code(&lang.value))
        .collect();
    for lang in &invalid {
        let problem = Diagnostic::at(
            file,
            span_of(file, 0, &lang.referenced),
            format!(
                "`{}` is not a language code; expected two lower-case letters such as `fr`",
                lang.value
            ),
        );
        let written = &lang.value;
        problems.push(match language_code_meant(config, written) {
            Some(code) if written.contains(['-', '_']) => problem.with_help(format!(
                "did you mean `{code}`? A regional variant goes in `locales`: `locales: {{{code}: {}}}`",
                written.replace('_', "-")
            )),
            Some(code) => problem.with_help(format!("did you mean `{code}`?")),
            None => problem,
        });
    }
    problems.extend(check_page_size(&config.pagination.page_size, file));
    problems.extend(check_search_folder(&config.search.folder, file));
    problems.extend(check_theme(&config.theme, file));
    problems.extend(editions::check(&config.editions, file));
    if invalid.is_empty() {
        problems.extend(check_language_fields(config, file));
    }
    problems
}

/// The fields given per language: the default one listed, every translation there, each
/// section's slug named. Not checked against a language code that is wrong, as every field
/// would then be reported where the code is the one problem.
fn check_language_fields(config: &Config, file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    use crate::content::yaml::span_of;
    let mut problems = Vec::new();
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
    if let Some(publisher) = &config.publisher {
        problems.extend(crate::validate::translations::check(
            publisher,
            codes,
            file,
            0,
            "publisher",
        ));
    }
    problems.extend(check_section_slugs(config, file));
    problems
}

/// The CLDR locale of each language, and the problems of `languages` and `locales`: a
/// language ICU4X has no data for, a locale that is not BCP 47, or one of another language.
fn resolve_locales(
    config: &Config,
    file: &Arc<SourceFile>,
) -> (BTreeMap<Lang, Locale>, Vec<Diagnostic>) {
    use crate::content::yaml::span_of;
    let mut problems = Vec::new();
    for (code, locale) in &config.locales {
        if !config.languages.iter().any(|lang| lang.value == *code) {
            problems.push(Diagnostic::at(
                file,
                span_of(file, 0, &locale.referenced),
                format!("`locales.{code}` is for a language that is not in `languages`"),
            ));
        }
    }
    let mut resolved = BTreeMap::new();
    // A language code that is not two letters is reported by `check`.
    for lang in config
        .languages
        .iter()
        .filter(|l| is_language_code(&l.value))
    {
        let code = lang.value.as_str();
        let given = config.locales.get(code);
        let text = given.map_or(code, |locale| locale.value.as_str());
        let at = |spanned: &Spanned<String>| span_of(file, 0, &spanned.referenced);
        let span = given.map_or_else(|| at(lang), at);
        let locale = match Locale::try_from_str(text) {
            Ok(locale) => locale,
            Err(error) => {
                problems.push(
                    Diagnostic::at(
                        file,
                        span,
                        format!("`{text}` is not a BCP 47 locale: {error}"),
                    )
                    .with_help(format!(
                        "e.g. `{code}` or `{code}-` and a region, as `en-GB`"
                    )),
                );
                continue;
            }
        };
        if locale.id.language.as_str() != code {
            problems.push(Diagnostic::at(
                file,
                span,
                format!(
                    "`locales.{code}` is `{text}`, a locale of another language; expected `{code}` or `{code}-` and a region"
                ),
            ));
            continue;
        }
        if !crate::i18n::formats::knows(&locale) {
            problems.push(
                Diagnostic::at(
                    file,
                    at(lang),
                    format!("`{code}` is not a language CLDR has formats for; its numbers, dates and plurals cannot be written"),
                )
                .with_help("expected an ISO 639-1 code such as `fr`, `en`, `es`, `ar`"),
            );
            continue;
        }
        resolved.insert(Lang::new(code), locale);
    }
    (resolved, problems)
}

/// The two-letter code an invalid entry of `languages` most likely stands for: the same in
/// lower case (`EN`), its language part (`fr-FR`, `fr_FR`), or a language the site's `title`
/// is written in that `languages` lacks (`eng` beside `title: {en: …}`).
fn language_code_meant(config: &Config, written: &str) -> Option<String> {
    let lower = written.to_ascii_lowercase();
    let part = lower.split(['-', '_']).next().unwrap_or_default();
    if is_language_code(part) {
        return Some(part.to_string());
    }
    let listed = |code: &str| config.languages.iter().any(|lang| lang.value == code);
    let unlisted: Vec<&str> = config
        .title
        .0
        .keys()
        .map(String::as_str)
        .filter(|code| is_language_code(code) && !listed(code))
        .collect();
    match unlisted.as_slice() {
        [only] => Some((*only).to_string()),
        _ => crate::diagnostics::suggest(&lower, unlisted.iter().copied()).map(str::to_string),
    }
}

/// Two lower-case letters, the form of the language codes a site lists.
fn is_language_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// Every site language has an address segment for each section, named in `site.yaml` or a
/// default; each named one is a valid slug.
fn check_section_slugs(config: &Config, file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    use crate::content::yaml::span_of;
    let mut problems = Vec::new();
    for lang in &config.languages {
        let missing = config.sections.missing(&lang.value);
        if missing.is_empty() {
            continue;
        }
        let keys: Vec<&str> = missing.iter().map(|section| section.key()).collect();
        let example: String = keys
            .iter()
            .map(|key| format!("\n  {key}: {{{}: …}}", lang.value))
            .collect();
        problems.push(
            Diagnostic::at(
                file,
                span_of(file, 0, &lang.referenced),
                format!(
                    "language `{}` has no address segment for the sections {}: benchlearn has default section slugs only for {}",
                    lang.value,
                    keys.join(", "),
                    SiteSection::DEFAULT_LANGUAGES.join(", ")
                ),
            )
            .with_help(format!(
                "name them under `sections:` in site.yaml, beside the other languages' slugs:\nsections:{example}"
            )),
        );
    }
    let codes = config.languages();
    for (section, lang, slug) in config.sections.named() {
        let in_use = codes.iter().any(|code| code == lang);
        let may_be_empty = section != SiteSection::ListPage;
        if in_use && !(may_be_empty && slug.is_empty()) && !crate::model::text::is_valid_slug(slug)
        {
            problems.push(Diagnostic::at_line(
                file,
                1,
                1,
                format!(
                    "`sections.{}.{lang}` is `{slug}`; a section slug uses only a-z, 0-9 and -",
                    section.key()
                ),
            ));
        }
    }
    problems
}

/// A list page holds at least one card.
fn check_page_size(size: &Spanned<usize>, file: &Arc<SourceFile>) -> Option<Diagnostic> {
    use crate::content::yaml::span_of;
    (size.value == 0).then(|| {
        Diagnostic::at(
            file,
            span_of(file, 0, &size.referenced),
            "`pagination.page_size` is 0; a list page must hold at least one card",
        )
        .with_help("e.g. `pagination: {page_size: 24}`")
    })
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
