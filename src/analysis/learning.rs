//! Mutual learning, the second half of benchlearning: for a PES, the peers ahead of it on each
//! indicator and in each excellence area where it is below the network median, with the good
//! practices they published there.
//!
//! Peers of the same cluster always come first: a similar labour market makes a practice
//! easier to transfer. Practices are given in the order the caller lists them.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::maturity;
use super::series::{IndicatorTable, Standing};
use super::stats;
use crate::model::data::{Data, Indicator};

/// How many PES to suggest per area.
pub const SUGGESTIONS: usize = 3;

/// How many practices a peer is shown with when none of its practices names the indicator
/// itself, so a fallback stays a hint rather than a catalogue.
pub const FALLBACK_PRACTICES: usize = 2;

/// How many practices an area suggests from stronger PES beyond the listed peers.
pub const FURTHER_PRACTICES: usize = 3;

/// What the learning path reads of a published practice (in the version a page shows).
#[derive(Debug, Clone, Copy)]
pub struct Tagged<'a> {
    /// The file name's slug, shared by the practice's translations.
    pub key: &'a str,
    /// The PES that published it.
    pub pes: &'a str,
    /// The excellence areas it is filed under.
    pub areas: &'a [String],
    /// The indicators it aims to improve.
    pub indicators: &'a [String],
}

/// Why a practice is suggested for an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// It names the indicator.
    Indicator,
    /// It names another indicator of the same category (this one, by id).
    Category(String),
    /// It is filed under this excellence area, one of the indicator's `areas`.
    Area(String),
}

/// A practice suggested to learn from, by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub practice: String,
    pub basis: Basis,
}

/// A PES with a better latest value than the one whose path this is.
#[derive(Debug, Clone, PartialEq)]
pub struct Ahead {
    pub pes: String,
    /// Its value in the year the PES is ranked in.
    pub value: f64,
    pub same_cluster: bool,
    /// Its practices on the indicator; failing those, on another indicator of the category;
    /// failing those, in one of the indicator's areas.
    pub practices: Vec<Suggestion>,
}

/// Where a PES stands on one indicator and who is ahead of it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorPath {
    pub indicator: String,
    pub standing: Standing,
    /// Every PES with a strictly better value in the standing's year: as many as the
    /// network rank minus one. Same cluster first, then best value first, ties by id.
    pub ahead: Vec<Ahead>,
}

/// An area where a PES is below the network median, and who does better.
#[derive(Debug, Clone, PartialEq)]
pub struct LearnFrom {
    pub area: String,
    pub own: f64,
    pub network_median: f64,
    /// The best-scoring PES in the area, those of the same cluster first, each with its
    /// practices in the area.
    pub peers: Vec<Peer>,
    /// When none of `peers` published a practice in the area: other PES with a higher score
    /// that did, in the same order, with their practices (at most [`FURTHER_PRACTICES`] in all).
    pub further: Vec<Peer>,
}

/// A PES to learn from in one area.
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub pes: String,
    pub score: f64,
    pub same_cluster: bool,
    /// Keys of its practices filed under the area.
    pub practices: Vec<String>,
}

/// The cluster of each PES, to tell peers of the same group.
struct Clusters<'d>(BTreeMap<&'d str, &'d str>);

impl<'d> Clusters<'d> {
    fn new(data: &'d Data) -> Self {
        Clusters(
            data.pes
                .iter()
                .map(|p| (p.id.value.as_str(), p.cluster.value.as_str()))
                .collect(),
        )
    }

    fn of(&self, pes: &str) -> &'d str {
        self.0.get(pes).copied().unwrap_or_default()
    }

    /// Whether `a` and `b` are in the same known cluster.
    fn same(&self, a: &str, b: &str) -> bool {
        let cluster = self.of(a);
        !cluster.is_empty() && cluster == self.of(b)
    }
}

/// For each indicator `pes` has a value on, in the order of the indicators: its standing and
/// the PES ahead of it with their practices.
pub fn indicator_paths(data: &Data, pes: &str, practices: &[Tagged<'_>]) -> Vec<IndicatorPath> {
    let clusters = Clusters::new(data);
    let by_pes = by_pes(practices);
    data.indicators
        .iter()
        .filter_map(|indicator| {
            let table = IndicatorTable::new(data, indicator);
            let standing = table.standing(pes, |p| clusters.same(p, pes))?;
            let mut ahead: Vec<Ahead> = table
                .values
                .iter()
                .filter(|(other, _)| other.as_str() != pes)
                .filter_map(|(other, by_year)| {
                    let value = *by_year.get(&standing.year)?;
                    let better = stats::compare(value, standing.value, indicator.better);
                    (better == Ordering::Less).then(|| Ahead {
                        practices: suggestions(
                            data,
                            indicator,
                            by_pes.get(other.as_str()).map_or(&[], Vec::as_slice),
                        ),
                        same_cluster: clusters.same(other, pes),
                        pes: other.clone(),
                        value,
                    })
                })
                .collect();
            ahead.sort_by(|a, b| {
                b.same_cluster
                    .cmp(&a.same_cluster)
                    .then(stats::compare(a.value, b.value, indicator.better))
                    .then(a.pes.cmp(&b.pes))
            });
            Some(IndicatorPath {
                indicator: indicator.id.value.clone(),
                standing,
                ahead,
            })
        })
        .collect()
}

/// The practices naming `indicator`, each with where its PES stands on it; best standing
/// first, PES without a value last, otherwise in the order given.
pub fn practices_on<'a>(
    data: &Data,
    indicator: &Indicator,
    practices: &[Tagged<'a>],
) -> Vec<(Tagged<'a>, Option<Standing>)> {
    let clusters = Clusters::new(data);
    let table = IndicatorTable::new(data, indicator);
    let mut found: Vec<(Tagged<'a>, Option<Standing>)> = practices
        .iter()
        .filter(|practice| names(practice, &indicator.id.value))
        .map(|practice| {
            let standing = table.standing(practice.pes, |p| clusters.same(p, practice.pes));
            (*practice, standing)
        })
        .collect();
    found.sort_by_key(|(_, standing)| standing.as_ref().map_or(usize::MAX, |s| s.network_rank));
    found
}

/// A PES's practices, by PES, in the order given.
fn by_pes<'p, 'a>(practices: &'p [Tagged<'a>]) -> BTreeMap<&'a str, Vec<&'p Tagged<'a>>> {
    let mut by_pes: BTreeMap<&str, Vec<&Tagged>> = BTreeMap::new();
    for practice in practices {
        by_pes.entry(practice.pes).or_default().push(practice);
    }
    by_pes
}

fn names(practice: &Tagged<'_>, indicator: &str) -> bool {
    practice.indicators.iter().any(|i| i == indicator)
}

/// Whether the practice names an indicator of `category` other than `except`.
fn names_category(data: &Data, practice: &Tagged<'_>, category: &str, except: &str) -> bool {
    data.indicators.iter().any(|other| {
        other.id.value != except
            && other.category.value == category
            && names(practice, &other.id.value)
    })
}

/// A peer's practices to suggest for `indicator`: those naming it; failing those, those naming
/// another indicator of its category; failing those, those filed under one of its areas.
fn suggestions(data: &Data, indicator: &Indicator, own: &[&Tagged<'_>]) -> Vec<Suggestion> {
    let id = indicator.id.value.as_str();
    let suggest = |practice: &&&Tagged, basis: Basis| Suggestion {
        practice: practice.key.to_string(),
        basis,
    };
    let direct: Vec<Suggestion> = own
        .iter()
        .filter(|p| names(p, id))
        .map(|p| suggest(&p, Basis::Indicator))
        .collect();
    if !direct.is_empty() {
        return direct;
    }
    let category: Vec<Suggestion> = own
        .iter()
        .filter(|p| names_category(data, p, &indicator.category.value, id))
        .take(FALLBACK_PRACTICES)
        .map(|p| suggest(&p, Basis::Category(indicator.category.value.clone())))
        .collect();
    if !category.is_empty() {
        return category;
    }
    own.iter()
        .filter_map(|p| {
            let area = indicator
                .areas
                .iter()
                .find(|area| p.areas.contains(&area.value))?;
            Some(suggest(&p, Basis::Area(area.value.clone())))
        })
        .take(FALLBACK_PRACTICES)
        .collect()
}

/// The learn-from suggestions for `pes` in `cycle`, in the order of the areas.
///
/// Peers are the PES with a strictly higher peer score in the area; those of the same cluster
/// come first, then the rest; within each group the highest score first, ties by id. When the
/// [`SUGGESTIONS`] listed peers published no practice in the area, the other stronger PES that
/// did are added, so a suggestion never ends with names and no practice while one exists.
pub fn learn_from(data: &Data, cycle: &str, pes: &str, practices: &[Tagged<'_>]) -> Vec<LearnFrom> {
    let clusters = Clusters::new(data);
    let by_pes = by_pes(practices);
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
            let mut stronger: Vec<Peer> = scores
                .iter()
                .filter(|(other, score)| other.as_str() != pes && **score > own)
                .map(|(other, score)| Peer {
                    practices: by_pes
                        .get(other.as_str())
                        .into_iter()
                        .flatten()
                        .filter(|p| p.areas.iter().any(|a| a == area))
                        .map(|p| p.key.to_string())
                        .collect(),
                    pes: other.clone(),
                    score: *score,
                    same_cluster: clusters.same(other, pes),
                })
                .collect();
            stronger.sort_by(|a, b| {
                b.same_cluster
                    .cmp(&a.same_cluster)
                    .then(b.score.partial_cmp(&a.score).unwrap_or(Ordering::Equal))
                    .then(a.pes.cmp(&b.pes))
            });
            let rest = stronger.split_off(SUGGESTIONS.min(stronger.len()));
            let further = if stronger.iter().any(|p| !p.practices.is_empty()) {
                Vec::new()
            } else {
                further_peers(rest)
            };
            Some(LearnFrom {
                area: area.to_string(),
                own,
                network_median,
                peers: stronger,
                further,
            })
        })
        .collect()
}

/// The first of `rest` with practices, keeping at most [`FURTHER_PRACTICES`] practices in all.
fn further_peers(rest: Vec<Peer>) -> Vec<Peer> {
    let mut left = FURTHER_PRACTICES;
    rest.into_iter()
        .filter(|peer| !peer.practices.is_empty())
        .map_while(|mut peer| {
            if left == 0 {
                return None;
            }
            peer.practices.truncate(left);
            left -= peer.practices.len();
            Some(peer)
        })
        .collect()
}
