//! The URL map: one place that decides every page's address, used for links, the language
//! switcher, hreflang alternates and output paths alike.

use crate::model::lang::Lang;
use std::collections::{BTreeMap, BTreeSet};

use crate::config::{Config, SectionSlugs, SiteSection};
use crate::model::documents::{Document, Documents, Section, TRANSLATION_STATUS_SLUG};

/// A page's address as a path below the site root, always ending in `/` (`fr/spe/fr-ft/`).
pub type PagePath = String;

/// Where each translation of each document lives, and the site's section slugs.
#[derive(Debug)]
pub struct Routes {
    languages: Vec<Lang>,
    default_language: Lang,
    base_path: String,
    base_url: String,
    section_slugs: SectionSlugs,
    /// (section, key) → language → URL slug of that translation.
    documents: BTreeMap<(Section, String), BTreeMap<Lang, String>>,
    /// Documents whose files could not be loaded (already reported).
    unloaded: BTreeSet<(Section, String)>,
    /// Documents left out as drafts: a link to one is an error of its own kind.
    drafts: BTreeSet<(Section, String)>,
    /// Documents left out of the edition being built: a link to one from a page it
    /// publishes would lead readers to what they may not read.
    withheld: BTreeSet<(Section, String)>,
}

/// What a link target in `@/section/key.md` form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Listing {
    Practices,
    Visits,
    Reports,
    Pes,
}

/// A logical page of the site, whatever its language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageId {
    Home,
    Listing(Listing),
    Document(Section, String),
    Pes(String),
    /// A benchmark page (indicators, assessments, areas, frameworks, comparisons), by its
    /// default-language path.
    Benchmark(PagePath),
}

/// A logical page and its address in every site language: the hreflang group of the sitemap
/// and of each page's `<link rel="alternate">`.
#[derive(Debug, Clone)]
pub struct PageGroup {
    pub id: PageId,
    /// Language → path, in every site language (a missing translation shows the fallback).
    pub paths: BTreeMap<Lang, PagePath>,
}

impl Listing {
    /// Every listing page, in navigation order.
    pub const ALL: [Listing; 4] = [
        Listing::Practices,
        Listing::Visits,
        Listing::Reports,
        Listing::Pes,
    ];

    fn section(self) -> SiteSection {
        match self {
            Listing::Practices => SiteSection::Practices,
            Listing::Visits => SiteSection::Visits,
            Listing::Reports => SiteSection::Reports,
            Listing::Pes => SiteSection::Pes,
        }
    }
}

impl Routes {
    pub fn new(config: &Config, documents: &Documents) -> Routes {
        let mut routes = Routes {
            languages: config.languages().to_vec(),
            default_language: config.default_lang(),
            base_path: config.base_path().to_string(),
            base_url: config.base_url().to_string(),
            section_slugs: config.sections.clone(),
            documents: BTreeMap::new(),
            unloaded: documents.unloaded.iter().cloned().collect(),
            drafts: documents
                .drafts
                .iter()
                .map(|(section, key, _)| (*section, key.clone()))
                .collect(),
            withheld: documents
                .withheld
                .iter()
                .map(|(section, key, _)| (*section, key.clone()))
                .collect(),
        };
        routes.add(Section::Practices, &documents.practices);
        routes.add(Section::Visits, &documents.visits);
        routes.add(Section::Reports, &documents.reports);
        routes.add(Section::Pages, &documents.pages);
        routes
    }

    fn add<M>(&mut self, section: Section, documents: &[Document<M>]) {
        for document in documents {
            self.documents
                .entry((section, document.key.clone()))
                .or_default()
                .insert(document.lang.clone(), document.slug.clone());
        }
    }

    pub fn languages(&self) -> &[Lang] {
        &self.languages
    }

    pub fn default_language(&self) -> &Lang {
        &self.default_language
    }

    fn section_slug(&self, section: SiteSection, lang: &Lang) -> &str {
        self.section_slugs
            .get(section, lang)
            .unwrap_or(section.key())
    }

    pub fn home(&self, lang: &Lang) -> PagePath {
        format!("{lang}/")
    }

    pub fn listing(&self, listing: Listing, lang: &Lang) -> PagePath {
        format!("{lang}/{}/", self.section_slug(listing.section(), lang))
    }

    /// Page `number` of the list whose first page is at `first`: `first` itself for page 1,
    /// then `first` and the translated segment (`fr/bonnes-pratiques/page/2/`).
    pub fn paged(&self, first: &str, lang: &Lang, number: usize) -> PagePath {
        if number <= 1 {
            first.to_string()
        } else {
            format!(
                "{first}{}/{number}/",
                self.section_slug(SiteSection::ListPage, lang)
            )
        }
    }

    /// The search page of `lang` (`fr/recherche/`).
    pub fn search(&self, lang: &Lang) -> PagePath {
        format!("{lang}/{}/", self.section_slug(SiteSection::Search, lang))
    }

    pub fn pes(&self, id: &str, lang: &Lang) -> PagePath {
        format!("{}{id}/", self.listing(Listing::Pes, lang))
    }

    /// The index of indicators by category.
    pub fn indicators(&self, lang: &Lang) -> PagePath {
        format!(
            "{lang}/{}/",
            self.section_slug(SiteSection::Indicators, lang)
        )
    }

    /// One indicator across the whole network.
    pub fn indicator(&self, id: &str, lang: &Lang) -> PagePath {
        format!("{}{id}/", self.indicators(lang))
    }

    /// One indicator within one cluster (peer group).
    pub fn indicator_cluster(&self, id: &str, cluster: &str, lang: &Lang) -> PagePath {
        format!("{}{cluster}/", self.indicator(id, lang))
    }

    /// The assessments index: cycles and excellence areas.
    pub fn assessments(&self, lang: &Lang) -> PagePath {
        format!(
            "{lang}/{}/",
            self.section_slug(SiteSection::Assessments, lang)
        )
    }

    /// One assessment cycle: heatmap, distributions, gaps.
    pub fn assessment_cycle(&self, cycle: &str, lang: &Lang) -> PagePath {
        format!("{}{cycle}/", self.assessments(lang))
    }

    /// One excellence area (`a`, `b` … in the URL).
    pub fn area(&self, id: &str, lang: &Lang) -> PagePath {
        format!(
            "{lang}/{}/{}/",
            self.section_slug(SiteSection::Areas, lang),
            id.to_ascii_lowercase()
        )
    }

    /// The list of performance frameworks.
    pub fn frameworks(&self, lang: &Lang) -> PagePath {
        format!(
            "{lang}/{}/",
            self.section_slug(SiteSection::Frameworks, lang)
        )
    }

    /// One PES's performance framework.
    pub fn framework(&self, pes: &str, lang: &Lang) -> PagePath {
        format!("{}{pes}/", self.frameworks(lang))
    }

    /// The comparison page, where any two to four PES are put side by side with JavaScript,
    /// and which lists the precomputed comparisons (`fr/comparer/`).
    pub fn compare(&self, lang: &Lang) -> PagePath {
        format!("{lang}/{}/", self.section_slug(SiteSection::Compare, lang))
    }

    /// The precomputed comparison of `first` with `second` (`fr/comparer/fr-ft--se-af/`): ids
    /// have single hyphens only, so the double hyphen cannot be read two ways.
    pub fn comparison(&self, first: &str, second: &str, lang: &Lang) -> PagePath {
        format!("{}{first}--{second}/", self.compare(lang))
    }

    /// What the comparison page's script reads, in `lang`'s words and number formats
    /// (`data/compare/fr.json`).
    pub fn compare_data(&self, lang: &Lang) -> String {
        self.download(&format!("compare/{lang}.json"))
    }

    /// What the practice catalogue's filters read, in `lang`'s words: every practice's card
    /// and facet values (`data/practices/fr.json`).
    pub fn practice_index(&self, lang: &Lang) -> String {
        self.download(&format!("practices/{lang}.json"))
    }

    /// The index of peer groups.
    pub fn peer_groups(&self, lang: &Lang) -> PagePath {
        format!(
            "{lang}/{}/",
            self.section_slug(SiteSection::PeerGroups, lang)
        )
    }

    /// One peer group (cluster): its members, their figures and practices.
    pub fn peer_group(&self, cluster: &str, lang: &Lang) -> PagePath {
        format!("{}{cluster}/", self.peer_groups(lang))
    }

    /// A data download, the same for every language (`data/indicators/<id>.csv`).
    pub fn download(&self, file: &str) -> String {
        format!("data/{file}")
    }

    /// The address of a document in `lang`: its own translation's slug, or, where it has no
    /// translation in `lang`, the slug of the version shown there instead.
    pub fn document(&self, section: Section, key: &str, lang: &Lang) -> Option<PagePath> {
        let translations = self.documents.get(&(section, key.to_string()))?;
        let slug = translations
            .get(lang.as_str())
            .or_else(|| translations.get(self.default_language.as_str()))
            .or_else(|| translations.values().next())?;
        let section_slug = self.section_slug(site_section(section), lang);
        Some(if section_slug.is_empty() {
            format!("{lang}/{slug}/")
        } else {
            format!("{lang}/{section_slug}/{slug}/")
        })
    }

    /// Which language's text a document shows in `lang`: its own, or the fallback's.
    pub fn shown_language<'s>(
        &'s self,
        section: Section,
        key: &str,
        lang: &'s Lang,
    ) -> Option<&'s Lang> {
        let translations = self.documents.get(&(section, key.to_string()))?;
        if translations.contains_key(lang.as_str()) {
            return Some(lang);
        }
        if translations.contains_key(self.default_language.as_str()) {
            return Some(&self.default_language);
        }
        translations.keys().next()
    }

    /// Whether a document exists but could not be loaded, so links to it are not broken.
    pub fn unloaded(&self, section: Section, key: &str) -> bool {
        self.unloaded.contains(&(section, key.to_string()))
    }

    /// Whether the document was left out because it is a draft.
    pub fn is_draft(&self, section: Section, key: &str) -> bool {
        self.drafts.contains(&(section, key.to_string()))
    }

    /// Whether the document was left out because the edition's audience may not read it.
    pub fn is_withheld(&self, section: Section, key: &str) -> bool {
        self.withheld.contains(&(section, key.to_string()))
    }

    /// Every document key of a section, sorted.
    pub fn document_keys(&self, section: Section) -> impl Iterator<Item = &str> {
        self.documents
            .keys()
            .filter(move |(s, _)| *s == section)
            .map(|(_, key)| key.as_str())
    }

    /// Every page in every language, grouped by logical page, in a stable order. The root
    /// language picker and the 404 page are not in it: they have no language versions.
    pub fn page_groups<'p>(&self, pes_ids: impl IntoIterator<Item = &'p str>) -> Vec<PageGroup> {
        let group = |id: PageId, path_of: &dyn Fn(&Lang) -> Option<PagePath>| {
            let paths: BTreeMap<Lang, PagePath> = self
                .languages
                .iter()
                .filter_map(|lang| Some((lang.clone(), path_of(lang)?)))
                .collect();
            PageGroup { id, paths }
        };
        let mut groups = vec![group(PageId::Home, &|lang| Some(self.home(lang)))];
        for listing in Listing::ALL {
            groups.push(group(PageId::Listing(listing), &|lang| {
                Some(self.listing(listing, lang))
            }));
        }
        for (section, key) in self.documents.keys() {
            groups.push(group(PageId::Document(*section, key.clone()), &|lang| {
                self.document(*section, key, lang)
            }));
        }
        let mut pes_ids: Vec<&str> = pes_ids.into_iter().collect();
        pes_ids.sort_unstable();
        pes_ids.dedup();
        for id in pes_ids {
            groups.push(group(PageId::Pes(id.to_string()), &|lang| {
                Some(self.pes(id, lang))
            }));
        }
        groups
    }

    /// Whether the document has its own translation in `lang` (not a fallback).
    pub fn has_translation(&self, section: Section, key: &str, lang: &Lang) -> bool {
        self.documents
            .get(&(section, key.to_string()))
            .is_some_and(|translations| translations.contains_key(lang.as_str()))
    }

    /// The Atom feed of a language (`fr/atom.xml`).
    pub fn feed(&self, lang: &Lang) -> String {
        format!("{lang}/atom.xml")
    }

    /// The editors' translation status page in `lang` (`fr/translations/`).
    pub fn translation_status(&self, lang: &Lang) -> PagePath {
        format!("{lang}/{TRANSLATION_STATUS_SLUG}/")
    }

    /// A root-relative link for use in `href` (`/benchlearning/fr/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}/{path}", self.base_path)
    }

    /// An absolute URL, for hreflang alternates, canonical links and feeds.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}/{path}", self.base_url)
    }
}

/// The part of `site.yaml`'s `sections:` that gives a document section its address.
fn site_section(section: Section) -> SiteSection {
    match section {
        Section::Practices => SiteSection::Practices,
        Section::Visits => SiteSection::Visits,
        Section::Reports => SiteSection::Reports,
        Section::Pages => SiteSection::Pages,
    }
}
