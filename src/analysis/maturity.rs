//! Maturity scores per excellence area: means of the enabler scores, self–peer gaps and
//! distributions per enabler, per assessment cycle.

use std::collections::{BTreeMap, BTreeSet};

use super::stats;
use crate::model::data::{Area, Assessment, Data};

/// One area's mean scores in one assessment.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaMean {
    pub area: String,
    pub self_mean: f64,
    pub peer_mean: f64,
}

impl AreaMean {
    /// How much higher the PES rates itself than its peers do; positive means over-rating.
    pub fn gap(&self) -> f64 {
        self.self_mean - self.peer_mean
    }
}

/// The mean self and peer score of each area `assessment` scored, in the order of `areas`.
pub fn area_means(areas: &[Area], assessment: &Assessment) -> Vec<AreaMean> {
    areas
        .iter()
        .filter_map(|area| {
            let scores: Vec<_> = assessment
                .body
                .scores
                .iter()
                .filter(|s| area.enablers.iter().any(|e| e.id.value == s.enabler.value))
                .collect();
            if scores.is_empty() {
                return None;
            }
            let count = scores.len() as f64;
            Some(AreaMean {
                area: area.id.value.clone(),
                self_mean: scores
                    .iter()
                    .map(|s| s.self_score.value as f64)
                    .sum::<f64>()
                    / count,
                peer_mean: scores.iter().map(|s| s.peer.value as f64).sum::<f64>() / count,
            })
        })
        .collect()
}

/// Every assessment cycle, oldest first.
pub fn cycles(data: &Data) -> Vec<String> {
    let cycles: BTreeSet<&str> = data.assessments.iter().map(|a| a.cycle.as_str()).collect();
    cycles.into_iter().map(str::to_string).collect()
}

/// The assessments of `cycle`, by PES id.
pub fn in_cycle<'d>(data: &'d Data, cycle: &str) -> BTreeMap<&'d str, &'d Assessment> {
    data.assessments
        .iter()
        .filter(|a| a.cycle == cycle)
        .map(|a| (a.pes.as_str(), a))
        .collect()
}

/// The latest assessment of `pes`, if it was assessed.
pub fn latest<'d>(data: &'d Data, pes: &str) -> Option<&'d Assessment> {
    data.assessments
        .iter()
        .filter(|a| a.pes == pes)
        .max_by(|a, b| a.cycle.cmp(&b.cycle))
}

/// PES id → its area means in `cycle`: the rows of the heatmap.
pub fn heatmap(data: &Data, cycle: &str) -> BTreeMap<String, Vec<AreaMean>> {
    in_cycle(data, cycle)
        .into_iter()
        .map(|(pes, assessment)| (pes.to_string(), area_means(&data.areas, assessment)))
        .collect()
}

/// The peer mean of `area` for each PES assessed in `cycle`.
pub fn peer_means_of_area(data: &Data, cycle: &str, area: &str) -> BTreeMap<String, f64> {
    heatmap(data, cycle)
        .into_iter()
        .filter_map(|(pes, means)| {
            let mean = means.into_iter().find(|m| m.area == area)?;
            Some((pes, mean.peer_mean))
        })
        .collect()
}

/// One area's median peer score over several PES: the statistic the area pages show, so a
/// group's profile and an area page agree.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaMedian {
    pub area: String,
    /// The median of the PES's peer means in the area.
    pub median: f64,
    /// How many PES it summarises.
    pub count: usize,
}

/// For each area (in the order of `areas.yaml`), the median of the peer means of the PES
/// `include` accepts that were assessed in `cycle`: a peer group's (or the network's)
/// assessment profile. Areas none of them was scored in are left out.
pub fn peer_profile(data: &Data, cycle: &str, include: impl Fn(&str) -> bool) -> Vec<AreaMedian> {
    let heat = heatmap(data, cycle);
    data.areas
        .iter()
        .filter_map(|area| {
            let means: Vec<f64> = heat
                .iter()
                .filter(|(pes, _)| include(pes))
                .filter_map(|(_, means)| means.iter().find(|m| m.area == area.id.value))
                .map(|m| m.peer_mean)
                .collect();
            Some(AreaMedian {
                area: area.id.value.clone(),
                median: stats::median(&means)?,
                count: means.len(),
            })
        })
        .collect()
}

/// The network median of the area's peer means in `cycle`.
pub fn area_median(data: &Data, cycle: &str, area: &str) -> Option<f64> {
    let means: Vec<f64> = peer_means_of_area(data, cycle, area)
        .into_values()
        .collect();
    stats::median(&means)
}

/// How many PES received each peer score (index 0 = score 1 … index 5 = score 6) for
/// `enabler` in `cycle`.
pub fn enabler_distribution(data: &Data, cycle: &str, enabler: &str) -> [usize; 6] {
    let mut counts = [0; 6];
    for assessment in in_cycle(data, cycle).values() {
        for score in assessment
            .body
            .scores
            .iter()
            .filter(|s| s.enabler.value == enabler)
        {
            if let Ok(index) = usize::try_from(score.peer.value - 1) {
                if let Some(count) = counts.get_mut(index) {
                    *count += 1;
                }
            }
        }
    }
    counts
}

/// The median peer score of `enabler` in `cycle`.
pub fn enabler_median(data: &Data, cycle: &str, enabler: &str) -> Option<f64> {
    let scores: Vec<f64> = in_cycle(data, cycle)
        .values()
        .flat_map(|a| a.body.scores.iter())
        .filter(|s| s.enabler.value == enabler)
        .map(|s| s.peer.value as f64)
        .collect();
    stats::median(&scores)
}

/// How the scores of several PES spread, self and peer: what an edition that does not show
/// each PES's scores shows instead.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// How many PES it summarises.
    pub count: usize,
    pub self_scores: stats::Quartiles,
    pub peer: stats::Quartiles,
}

impl Spread {
    /// The spread of `(self, peer)` score pairs, one per PES; `None` without any.
    fn of(pairs: &[(f64, f64)]) -> Option<Spread> {
        let self_scores: Vec<f64> = pairs.iter().map(|(s, _)| *s).collect();
        let peer: Vec<f64> = pairs.iter().map(|(_, p)| *p).collect();
        Some(Spread {
            count: pairs.len(),
            self_scores: stats::quartiles(&self_scores)?,
            peer: stats::quartiles(&peer)?,
        })
    }
}

/// The spread of the area means (self and peer) of the PES `include` accepts that were
/// scored in `area` in `cycle`.
pub fn area_spread(
    data: &Data,
    cycle: &str,
    area: &str,
    include: impl Fn(&str) -> bool,
) -> Option<Spread> {
    let pairs: Vec<(f64, f64)> = heatmap(data, cycle)
        .iter()
        .filter(|(pes, _)| include(pes))
        .filter_map(|(_, means)| means.iter().find(|m| m.area == area))
        .map(|m| (m.self_mean, m.peer_mean))
        .collect();
    Spread::of(&pairs)
}

/// The spread of the scores (self and peer) given on `enabler` in `cycle` to the PES
/// `include` accepts.
pub fn enabler_spread(
    data: &Data,
    cycle: &str,
    enabler: &str,
    include: impl Fn(&str) -> bool,
) -> Option<Spread> {
    let pairs: Vec<(f64, f64)> = in_cycle(data, cycle)
        .into_iter()
        .filter(|(pes, _)| include(pes))
        .flat_map(|(_, assessment)| assessment.body.scores.iter())
        .filter(|s| s.enabler.value == enabler)
        .map(|s| (s.self_score.value as f64, s.peer.value as f64))
        .collect();
    Spread::of(&pairs)
}

/// How many PES `include` accepts were assessed in `cycle`: whether their spread may be shown
/// where each PES's scores are not.
pub fn assessed_count(data: &Data, cycle: &str, include: impl Fn(&str) -> bool) -> usize {
    in_cycle(data, cycle)
        .into_keys()
        .filter(|pes| include(pes))
        .count()
}
