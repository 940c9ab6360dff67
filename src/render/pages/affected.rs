//! Which pages show which inputs, so a preview rebuild renders only the pages an edit touches.
//!
//! Each rule errs on the side of rendering: a page that might show a change is re-rendered.

use std::collections::BTreeSet;

use crate::model::documents::Section;
use crate::render::engine::routes::Listing;
use crate::render::Job;

/// Something that changed since the last render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A document edited in place (every language of its key): its pages, the lists that show
    /// it, and the profiles of `pes`, the members it belongs to before and after the edit.
    Document {
        section: Section,
        key: String,
        pes: Vec<String>,
    },
    /// Observations, assessments or frameworks: the figures PES pages show.
    Measures,
    /// Templates edited: the pages rendered with any of these (the edited templates and every
    /// template using one of them, see [`crate::render::engine::template_uses`]).
    Templates(BTreeSet<String>),
    /// A data file edited without adding or removing ids (which re-renders everything).
    Data(DataFile),
}

/// The data files of `content/data/` that describe the network rather than measure it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFile {
    /// Members: named on almost every page (cards, facts, structured data, charts).
    Pes,
    /// Peer groups: named in figures and PES profiles.
    Clusters,
    /// Indicator names, units and targets: figures, downloads and the home page's count.
    Indicators,
    /// Excellence areas: figures, and practices' facts and search facets.
    Areas,
}

impl Job {
    /// Whether this page shows anything in `changes`.
    pub(crate) fn shows_any(&self, changes: &[Change]) -> bool {
        changes.iter().any(|change| self.shows(change))
    }

    fn shows(&self, change: &Change) -> bool {
        match change {
            // Free pages can be in the main menu, which every page shows.
            Change::Document {
                section: Section::Pages,
                ..
            } => true,
            Change::Document { section, key, pes } => self.shows_document(*section, key, pes),
            Change::Measures => self.shows_figures(),
            Change::Templates(users) => self.template().is_some_and(|t| users.contains(t)),
            Change::Data(DataFile::Pes) => !matches!(self, Job::Robots),
            Change::Data(DataFile::Clusters) => self.shows_figures(),
            Change::Data(DataFile::Indicators) => {
                self.shows_figures() || matches!(self, Job::Home(_) | Job::Sitemap)
            }
            Change::Data(DataFile::Areas) => {
                self.shows_figures()
                    || matches!(
                        self,
                        Job::Document(Section::Practices, ..)
                            | Job::Listing(Listing::Practices, _)
                            | Job::Home(_)
                            | Job::Search(_)
                    )
            }
        }
    }

    /// Pages with benchmark figures or tables: PES profiles and the benchmark pages.
    fn shows_figures(&self) -> bool {
        matches!(
            self,
            Job::Pes(..)
                | Job::Listing(Listing::Pes, _)
                | Job::Indicators(_)
                | Job::Indicator(..)
                | Job::Assessments(_)
                | Job::AssessmentCycle(..)
                | Job::Area(..)
                | Job::Frameworks(_)
                | Job::Framework(..)
                | Job::Csv(_)
                | Job::Json(_)
        )
    }

    /// The template a page is rendered with; files built in Rust (feeds, sitemap, downloads)
    /// have none.
    pub(crate) fn template(&self) -> Option<&'static str> {
        Some(match self {
            Job::Root => "root.html",
            Job::NotFound => "404.html",
            Job::Home(_) => "home.html",
            Job::Listing(Listing::Pes, _) => "pes_list.html",
            Job::Listing(..) => "list.html",
            Job::Document(Section::Practices, ..) => "practice.html",
            Job::Document(Section::Visits, ..) => "visit.html",
            Job::Document(Section::Reports, ..) => "report.html",
            Job::Document(Section::Pages, ..) | Job::Page(..) => "page.html",
            Job::Pes(..) => "pes.html",
            Job::Search(_) => "search.html",
            Job::TranslationStatus(_) => "translations.html",
            Job::Indicators(_) => "indicators.html",
            Job::Indicator(..) => "indicator.html",
            Job::Assessments(_) => "assessments.html",
            Job::AssessmentCycle(..) => "assessment.html",
            Job::Area(..) => "area.html",
            Job::Frameworks(_) => "frameworks.html",
            Job::Framework(..) => "framework.html",
            Job::Feed(_) | Job::Sitemap | Job::Robots | Job::Csv(_) | Job::Json(_) => return None,
        })
    }

    fn shows_document(&self, section: Section, key: &str, pes: &[String]) -> bool {
        match self {
            Job::Root | Job::NotFound | Job::Robots | Job::Search(_) => false,
            // Figures and downloads show no document; area pages list the practices filed
            // under them.
            Job::Indicators(_)
            | Job::Indicator(..)
            | Job::Assessments(_)
            | Job::AssessmentCycle(..)
            | Job::Frameworks(_)
            | Job::Framework(..)
            | Job::Csv(_)
            | Job::Json(_) => false,
            Job::Area(..) => section == Section::Practices,
            // Feeds and the sitemap list documents with their dates; the status page compares
            // the dates of translations.
            Job::Feed(_) | Job::Sitemap | Job::TranslationStatus(_) => true,
            Job::Home(_) => true,
            Job::Listing(listing, _) => {
                *listing == Listing::Pes || listing_of(section) == Some(*listing)
            }
            // Every language: the other translation's switcher and notice point at this one.
            Job::Document(own, own_key, _) => *own == section && own_key == key,
            Job::Page(..) => false,
            // A profile lists its own documents, and practices of others to learn from.
            Job::Pes(id, _) => pes.contains(id) || section == Section::Practices,
        }
    }
}

/// The catalogue that lists a section's documents; free pages have none.
fn listing_of(section: Section) -> Option<Listing> {
    match section {
        Section::Practices => Some(Listing::Practices),
        Section::Visits => Some(Listing::Visits),
        Section::Reports => Some(Listing::Reports),
        Section::Pages => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::render::render_jobs;
    use crate::theme::{Theme, ThemeFile};

    /// Breaks each kind of page's template in turn: rendering the page must then fail, which
    /// shows that [`Job::template`] names the template the page is really rendered with.
    #[test]
    fn each_page_names_the_template_it_is_rendered_with() {
        // The example site: every kind of document and benchmark page.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let project = crate::pipeline::Project::new(root, Default::default());
        let loaded = project.load().expect("settings");
        assert!(loaded.problems().is_empty(), "{:?}", loaded.problems());
        let jobs = Mutex::new(Vec::new());
        let keep_none = |job: &Job| {
            jobs.lock().expect("jobs").push(job.clone());
            false
        };
        render_jobs(
            &loaded.site,
            &loaded.theme,
            loaded.strings.clone(),
            keep_none,
        )
        .expect("nothing to render");
        let mut checked = std::collections::BTreeSet::new();
        for job in jobs.into_inner().expect("jobs") {
            let Some(template) = job.template() else {
                continue;
            };
            let name = format!("{job:?}");
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
            let only = |other: &Job| format!("{other:?}") == name;
            let rendered = render_jobs(&loaded.site, &theme, loaded.strings.clone(), only);
            assert!(rendered.is_err(), "{name} is not rendered with {template}");
        }
        assert!(checked.len() >= 19, "every kind of page: {checked:?}");
    }
}
