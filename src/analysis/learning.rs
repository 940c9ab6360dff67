//! Mutual learning: for each area where a PES's peer score is below the network median, the
//! PES it could learn from.

use std::cmp::Ordering;

use super::maturity;
use crate::model::data::Data;

/// How many PES to suggest per area.
pub const SUGGESTIONS: usize = 3;

/// An area where a PES is below the network median, and who does better.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnFrom {
    pub area: String,
    pub own: f64,
    pub network_median: f64,
    /// The best-scoring PES in the area, those of the same cluster first.
    pub peers: Vec<Peer>,
}

/// A PES to learn from in one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub pes: String,
    pub score: f64,
    pub same_cluster: bool,
}

/// The learn-from suggestions for `pes` in `cycle`, in the order of the areas.
///
/// Peers are the PES with a strictly higher peer score in the area; those of the same cluster
/// come first (a similar labour market makes a practice easier to transfer), then the rest;
/// within each group the highest score first, ties by id.
pub fn learn_from(data: &Data, cycle: &str, pes: &str) -> Vec<LearnFrom> {
    let cluster_of = |id: &str| {
        data.pes_by_id(id)
            .map(|p| p.cluster.value.as_str())
            .unwrap_or_default()
    };
    let own_cluster = cluster_of(pes);
    data.areas
        .iter()
        .filter_map(|area| {
            let area = area.id.value.as_str();
            let scores = maturity::peer_means_of_area(data, cycle, area);
            let own = *scores.get(pes)?;
            let network_median = maturity::area_median(data, cycle, area)?;
            if own >= network_median {
                return None;
            }
            let mut peers: Vec<Peer> = scores
                .iter()
                .filter(|(other, score)| other.as_str() != pes && **score > own)
                .map(|(other, score)| Peer {
                    pes: other.clone(),
                    score: *score,
                    same_cluster: !own_cluster.is_empty() && cluster_of(other) == own_cluster,
                })
                .collect();
            peers.sort_by(|a, b| {
                b.same_cluster
                    .cmp(&a.same_cluster)
                    .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                    .then(a.pes.cmp(&b.pes))
            });
            peers.truncate(SUGGESTIONS);
            Some(LearnFrom {
                area: area.to_string(),
                own,
                network_median,
                peers,
            })
        })
        .collect()
}
