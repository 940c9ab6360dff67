//! An indicator's values as a PES × year table: what bar charts, time series, ranks and
//! changes read from.
//!
//! Only totals count (observations without a breakdown); a year a PES did not report is
//! absent, never zero.

use std::collections::{BTreeMap, BTreeSet};

use super::stats;
use crate::model::data::{Better, Data, Indicator};

/// The total values of one indicator, by PES and year.
#[derive(Debug, Clone, Default)]
pub struct IndicatorTable {
    pub better: Option<Better>,
    /// Every year any PES reported, ascending.
    pub years: Vec<i32>,
    /// PES id → year → value.
    pub values: BTreeMap<String, BTreeMap<i32, f64>>,
}

/// Where one PES stands on one indicator in its latest year.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub year: i32,
    pub value: f64,
    /// Rank among the PES of its cluster that reported that year.
    pub cluster_rank: usize,
    pub cluster_count: usize,
    /// Rank among every PES that reported that year.
    pub network_rank: usize,
    pub network_count: usize,
    /// Value minus the previous year's; `None` when the previous year is a gap.
    pub change: Option<f64>,
}

impl IndicatorTable {
    /// Collects the totals of `indicator` from `data`.
    pub fn new(data: &Data, indicator: &Indicator) -> IndicatorTable {
        let mut values: BTreeMap<String, BTreeMap<i32, f64>> = BTreeMap::new();
        let mut years = BTreeSet::new();
        for observation in data.observations.iter().filter(|o| {
            o.indicator.value == indicator.id.value
                && o.breakdown.is_empty()
                && o.value.value.is_finite()
        }) {
            years.insert(observation.year.value);
            values
                .entry(observation.pes.value.clone())
                .or_default()
                .insert(observation.year.value, observation.value.value);
        }
        IndicatorTable {
            better: Some(indicator.better),
            years: years.into_iter().collect(),
            values,
        }
    }

    /// The most recent year with any value.
    pub fn latest_year(&self) -> Option<i32> {
        self.years.last().copied()
    }

    pub fn value(&self, pes: &str, year: i32) -> Option<f64> {
        self.values.get(pes)?.get(&year).copied()
    }

    /// The values of `year` for the PES `include` accepts.
    pub fn values_in(&self, year: i32, include: impl Fn(&str) -> bool) -> Vec<f64> {
        self.values
            .iter()
            .filter(|(pes, _)| include(pes))
            .filter_map(|(_, by_year)| by_year.get(&year).copied())
            .collect()
    }

    /// The median of `year` over the PES `include` accepts.
    pub fn median(&self, year: i32, include: impl Fn(&str) -> bool) -> Option<f64> {
        stats::median(&self.values_in(year, include))
    }

    /// The value of `year` minus that of the year before, if both exist.
    pub fn change(&self, pes: &str, year: i32) -> Option<f64> {
        Some(self.value(pes, year)? - self.value(pes, year - 1)?)
    }

    /// Where `pes` stands in its own latest year; `in_cluster` says which PES are its peers.
    pub fn standing(&self, pes: &str, in_cluster: impl Fn(&str) -> bool) -> Option<Standing> {
        let better = self.better?;
        let (&year, &value) = self.values.get(pes)?.iter().next_back()?;
        let cluster = self.values_in(year, &in_cluster);
        let network = self.values_in(year, |_| true);
        Some(Standing {
            year,
            value,
            cluster_rank: stats::rank(value, &cluster, better),
            cluster_count: cluster.len(),
            network_rank: stats::rank(value, &network, better),
            network_count: network.len(),
            change: self.change(pes, year),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> IndicatorTable {
        let mut values = BTreeMap::new();
        values.insert(
            "a".to_string(),
            BTreeMap::from([(2023, 40.0), (2024, 44.0)]),
        );
        values.insert("b".to_string(), BTreeMap::from([(2024, 50.0)]));
        values.insert(
            "c".to_string(),
            BTreeMap::from([(2022, 30.0), (2024, 44.0)]),
        );
        IndicatorTable {
            better: Some(Better::Higher),
            years: vec![2022, 2023, 2024],
            values,
        }
    }

    #[test]
    fn change_needs_both_years() {
        let table = table();
        assert_eq!(table.change("a", 2024), Some(4.0));
        assert_eq!(table.change("c", 2024), None);
        assert_eq!(table.value("b", 2023), None);
    }

    #[test]
    fn standing_ranks_within_cluster_and_network() {
        let table = table();
        let standing = table.standing("c", |p| p != "b").unwrap();
        assert_eq!(standing.year, 2024);
        assert_eq!((standing.cluster_rank, standing.cluster_count), (1, 2));
        assert_eq!((standing.network_rank, standing.network_count), (2, 3));
        assert_eq!(table.median(2024, |_| true), Some(44.0));
    }
}
