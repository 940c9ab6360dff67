//! An indicator's values by subgroup (by sex, by age group), as a year × PES × subgroup table:
//! what the breakdown tables and charts of an indicator page read from.
//!
//! Only breakdowns by one dimension count here (`{sex: female}`); one by sex and age at once
//! is in the downloads only. A subgroup a PES did not report is absent, never zero.

use std::collections::BTreeMap;

use crate::model::breakdown::{self, Dimension, Subgroup};
use crate::model::data::{Data, Observation};

/// The values of one indicator for the subgroups of one dimension.
#[derive(Debug, Clone, Default)]
pub struct BreakdownTable<'d> {
    /// Year → PES id → subgroup → the observation.
    by_year: BTreeMap<i32, BTreeMap<&'d str, BTreeMap<Subgroup, &'d Observation>>>,
}

impl<'d> BreakdownTable<'d> {
    /// Collects the observations of `indicator` broken down by `dimension` alone.
    pub fn new(data: &'d Data, indicator: &str, dimension: Dimension) -> Self {
        let mut table = BreakdownTable::default();
        for observation in data
            .observations
            .iter()
            .filter(|o| o.indicator.value == indicator && o.value.value.is_finite())
        {
            let Some(subgroup) = breakdown::single(&observation.breakdown) else {
                continue;
            };
            if subgroup.dimension() != dimension {
                continue;
            }
            table
                .by_year
                .entry(observation.year.value)
                .or_default()
                .entry(observation.pes.value.as_str())
                .or_default()
                .insert(subgroup, observation);
        }
        table
    }

    /// The most recent year any PES `include` accepts reported a subgroup in.
    pub fn latest_year(&self, include: impl Fn(&str) -> bool) -> Option<i32> {
        self.by_year
            .iter()
            .rev()
            .find(|(_, by_pes)| by_pes.keys().any(|pes| include(pes)))
            .map(|(year, _)| *year)
    }

    /// The PES `include` accepts that reported a subgroup in `year`, by id.
    pub fn reporting(&self, year: i32, include: impl Fn(&str) -> bool) -> Vec<&'d str> {
        self.by_year
            .get(&year)
            .map(|by_pes| by_pes.keys().copied().filter(|pes| include(pes)).collect())
            .unwrap_or_default()
    }

    /// The subgroups those PES reported in `year`, in order (women first, youngest first).
    pub fn subgroups(&self, year: i32, pes: &[&str]) -> Vec<Subgroup> {
        let mut subgroups: Vec<Subgroup> = pes
            .iter()
            .filter_map(|id| self.by_year.get(&year)?.get(id))
            .flat_map(|by_subgroup| by_subgroup.keys().copied())
            .collect();
        subgroups.sort();
        subgroups.dedup();
        subgroups
    }

    /// The value of `pes` for `subgroup` in `year`, if reported.
    pub fn value(&self, pes: &str, year: i32, subgroup: Subgroup) -> Option<f64> {
        let observation = self.by_year.get(&year)?.get(pes)?.get(&subgroup)?;
        Some(observation.value.value)
    }

    /// The observations of the PES in `year`, for what they say of their provenance.
    pub fn shown(&self, year: i32, pes: &[&str]) -> Vec<&'d Observation> {
        pes.iter()
            .flat_map(|id| self.observations(id, year).map(|(_, o)| o))
            .collect()
    }

    fn observations(
        &self,
        pes: &str,
        year: i32,
    ) -> impl Iterator<Item = (Subgroup, &'d Observation)> + '_ {
        self.by_year
            .get(&year)
            .and_then(|by_pes| by_pes.get(pes))
            .into_iter()
            .flat_map(|by_subgroup| by_subgroup.iter().map(|(s, o)| (*s, *o)))
    }
}
