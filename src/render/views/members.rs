//! How members appear on other pages: links to their profiles and rows of the member list.

use crate::model::data::Pes;
use crate::model::lang::Lang;
use crate::render::views::{GroupLink, PesLink, PesRow};
use crate::render::Context;

impl Context<'_> {
    /// A link to the PES with `id`, if there is one (validation reports unknown ids).
    pub(crate) fn pes_link(&self, id: &str, lang: &Lang) -> Option<PesLink> {
        self.site
            .data
            .pes_by_id(id)
            .map(|pes| self.link_to(pes, lang))
    }

    pub(crate) fn link_to(&self, pes: &Pes, lang: &Lang) -> PesLink {
        let id = pes.id.value.as_str();
        PesLink {
            id: id.to_string(),
            name: pes.name.text(lang).to_string(),
            acronym: pes.acronym.text(lang).to_string(),
            country: self.countries.shown(&pes.country.value, lang),
            url: self.routes.link(&self.routes.pes(id, lang)),
        }
    }

    /// A link to the page of the peer group `cluster`, if there is one (validation reports
    /// unknown ids).
    pub(crate) fn group_link(&self, cluster: &str, lang: &Lang) -> Option<GroupLink> {
        let found = self.site.data.cluster_by_id(cluster)?;
        Some(GroupLink {
            id: cluster.to_string(),
            name: self.text(lang, found.name.text(lang)),
            url: self.routes.link(&self.routes.peer_group(cluster, lang)),
        })
    }

    /// A network's name in `lang`, from `networks.yaml` (the id of a network that is not there,
    /// which validation reports).
    pub(crate) fn network_name(&self, id: &str, lang: &Lang) -> String {
        self.site
            .data
            .network_by_id(id)
            .map_or_else(|| id.to_string(), |n| self.text(lang, n.name.text(lang)))
    }

    pub(crate) fn pes_row(&self, pes: &Pes, lang: &Lang) -> PesRow {
        let id = pes.id.value.as_str();
        let documents = &self.site.documents;
        let count_keys = |keys: Vec<&str>| {
            let mut keys = keys;
            keys.sort_unstable();
            keys.dedup();
            keys.len()
        };
        PesRow {
            pes: self.link_to(pes, lang),
            cluster: self.group_link(&pes.cluster.value, lang),
            network: self.network_name(&pes.network.value, lang),
            practices: count_keys(
                documents
                    .practices
                    .iter()
                    .filter(|p| p.meta.pes.value == id)
                    .map(|p| p.key.as_str())
                    .collect(),
            ),
            visits: count_keys(
                documents
                    .visits
                    .iter()
                    .filter(|v| v.meta.host.value == id)
                    .map(|v| v.key.as_str())
                    .collect(),
            ),
        }
    }
}
