//! Audiences: who may read a document or a dataset. A network keeps each member's detailed
//! assessment and some documents within the network, so one set of sources is built into
//! editions (`site.yaml`'s `editions:`), and what an edition's audience may not read is
//! withheld from the model before anything is rendered: no page, card, chart, table,
//! download, feed, sitemap, structured-data or search entry can then show it.

use std::collections::{BTreeMap, BTreeSet};

use schemars::JsonSchema;
use serde::Deserialize;

use super::data::{Assessment, Data, DatasetPath};
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

/// What an edition left out of the data for its audience: the cycles, frameworks and
/// indicators of the datasets it withheld. A public visit may name a framework kept
/// for members, and a figure quoted from withheld data needs a message saying why it is
/// missing, not that it never existed.
#[derive(Debug, Default, Clone)]
pub struct WithheldData {
    /// The assessment cycles withheld whole.
    pub cycles: BTreeSet<String>,
    /// The PES whose performance framework is withheld.
    pub frameworks: BTreeSet<String>,
    /// The indicators some of whose observations are withheld, with the datasets they are in.
    pub indicators: BTreeMap<String, BTreeSet<DatasetPath>>,
}

impl Data {
    /// Removes every dataset `datasets.yaml` keeps from `audience` — its observations,
    /// assessment cycles and frameworks, and its own entry — noting in [`Data::withheld`]
    /// what went.
    pub fn withhold_from(&mut self, audience: Audience) {
        let withheld: BTreeSet<DatasetPath> = self
            .datasets
            .iter()
            .filter(|entry| !audience.reads(entry.audience))
            .map(|entry| DatasetPath(entry.dataset.value.clone()))
            .collect();
        let record = &mut self.withheld;
        self.observations.retain(|o| {
            let kept = !withheld.contains(&o.dataset);
            if !kept {
                let datasets = record.indicators.entry(o.indicator.value.clone());
                datasets.or_default().insert(o.dataset.clone());
            }
            kept
        });
        self.assessments.retain(|a| {
            let kept = !withheld.contains(&a.dataset);
            if !kept {
                record.cycles.insert(a.cycle.clone());
            }
            kept
        });
        self.frameworks.retain(|f| {
            let kept = !withheld.contains(&f.dataset);
            if !kept {
                record.frameworks.insert(f.pes.clone());
            }
            kept
        });
        // What datasets.yaml says of them (their sources) goes too: no view can list it.
        self.datasets.retain(|entry| audience.reads(entry.audience));
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
