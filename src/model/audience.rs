//! Audiences: who may read a document or a dataset. A network keeps each member's detailed
//! assessment and some documents within the network, so one set of sources is built into
//! editions (`site.yaml`'s `editions:`), and what an edition's audience may not read is
//! withheld from the model before anything is rendered: no page, card, chart, table,
//! download, feed, sitemap, structured-data or search entry can then show it.

use schemars::JsonSchema;
use serde::Deserialize;

use super::data::{Assessment, Data};
use super::documents::{Document, Documents, Meta, Section};
use super::lang::Lang;
use super::Site;
use crate::config::editions::Edition;

/// Who may read something; an edition for an audience shows what is for that audience or
/// a wider one (members read everything public).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Anyone on the open web.
    #[default]
    Public,
    /// The network's members, behind access control.
    Members,
}

impl Audience {
    /// Whether a reader of this audience may read what is meant for `other`.
    pub fn reads(self, other: Audience) -> bool {
        other <= self
    }

    /// Its name in `site.yaml` and front matter.
    pub fn key(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Members => "members",
        }
    }
}

impl Site {
    /// Makes `edition` the one being built and takes out of the model what its audience
    /// may not read; run after validation, which checks every source whatever its audience.
    pub fn withhold_for(&mut self, edition: Edition) {
        self.documents.withhold_from(edition.audience);
        self.edition = edition;
        self.withhold_data();
    }

    /// Takes out of the data what the edition's audience may not read: again each time
    /// `serve` reloads the data.
    pub fn withhold_data(&mut self) {
        self.data.withhold_from(self.edition.audience);
        if !self.edition.pes_scores {
            self.data.withhold_assessment_comments();
        }
    }
}

impl Documents {
    /// Removes every document its audience may not read, remembering (section, key,
    /// language) of each so nothing links to it unnoticed.
    pub fn withhold_from(&mut self, audience: Audience) {
        let mut withheld = Vec::new();
        withhold(
            &mut self.practices,
            Section::Practices,
            audience,
            &mut withheld,
        );
        withhold(&mut self.visits, Section::Visits, audience, &mut withheld);
        withhold(&mut self.reports, Section::Reports, audience, &mut withheld);
        withhold(&mut self.pages, Section::Pages, audience, &mut withheld);
        withheld.sort();
        self.withheld = withheld;
    }
}

fn withhold<M: Meta>(
    documents: &mut Vec<Document<M>>,
    section: Section,
    audience: Audience,
    withheld: &mut Vec<(Section, String, Lang)>,
) {
    documents.retain(|document| {
        let readable = audience.reads(document.meta.audience());
        if !readable {
            withheld.push((section, document.key.clone(), document.lang.clone()));
        }
        readable
    });
}

impl Data {
    /// Removes the figures of every dataset `datasets.yaml` keeps from `audience`: its
    /// observations, assessment cycles and frameworks.
    pub fn withhold_from(&mut self, audience: Audience) {
        let withheld: Vec<String> = self
            .datasets
            .iter()
            .filter(|entry| !audience.reads(entry.audience))
            .map(|entry| entry.dataset.value.clone())
            .collect();
        let kept = |dataset: &super::data::DatasetPath| !withheld.contains(&dataset.0);
        self.observations.retain(|o| kept(&o.dataset));
        self.assessments.retain(|a| kept(&a.dataset));
        self.frameworks.retain(|f| kept(&f.dataset));
    }

    /// Removes what each PES's assessment says in words — comments on scores, strengths and
    /// improvements — which only an edition showing each PES's scores may show.
    pub fn withhold_assessment_comments(&mut self) {
        self.assessments
            .iter_mut()
            .for_each(Assessment::forget_comments);
    }
}

impl Assessment {
    fn forget_comments(&mut self) {
        self.body.strengths = None;
        self.body.improvements = None;
        for score in &mut self.body.scores {
            score.comment = None;
        }
    }
}
