//! Maturity figures shared by the assessment and area pages: the distribution of peer scores
//! per enabler.

use serde::Serialize;

use crate::analysis::maturity;
use crate::model::data::ValueFormat;
use crate::model::lang::Lang;
use crate::render::charts::{self, Column, Heatmap, HeatmapRow, Meta as ChartMeta};
use crate::render::views::figures::Figure;
use crate::render::views::provenance::Provenance;
use crate::render::Context;

#[derive(Serialize)]
pub(crate) struct EnablerRow {
    pub id: String,
    pub name: String,
    pub counts: Vec<usize>,
    pub median: Option<String>,
}

impl Context<'_> {
    /// The distribution of peer scores of each enabler (of `area`, or all) in `cycle`.
    pub(crate) fn enabler_rows(
        &self,
        cycle: &str,
        area: Option<&str>,
        lang: &Lang,
    ) -> Vec<EnablerRow> {
        let data = &self.site.data;
        data.areas
            .iter()
            .filter(|a| area.is_none_or(|id| a.id.value == id))
            .flat_map(|a| a.enablers.iter())
            .map(|enabler| {
                let id = enabler.id.value.as_str();
                EnablerRow {
                    id: id.to_string(),
                    name: enabler.name.text(lang).to_string(),
                    counts: maturity::enabler_distribution(data, cycle, id).to_vec(),
                    median: maturity::enabler_median(data, cycle, id)
                        .map(|m| self.value(lang, m, ValueFormat::SCORE)),
                }
            })
            .collect()
    }

    /// A heatmap of enablers × scores 1–6, each cell the number of PES given that score;
    /// `provenance` is the cycle's.
    pub(crate) fn distribution_chart(
        &self,
        id: &str,
        cycle: &str,
        enablers: &[EnablerRow],
        provenance: Option<Provenance>,
        lang: &Lang,
    ) -> Figure {
        let most = enablers
            .iter()
            .flat_map(|e| e.counts.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let level_of = |count: usize| {
            // No PES at a score is a count of zero, not a gap: level 0.
            if count == 0 {
                0
            } else {
                (1 + (count * 5).div_ceil(most).min(5)) as u8
            }
        };
        let chart = Heatmap {
            meta: ChartMeta {
                id: id.to_string(),
                title: format!("{} {cycle}", self.label(lang, "bench.distribution_title")),
                desc: self.label(lang, "bench.distribution_desc"),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            columns: (1..=6)
                .map(|s| Column {
                    label: self.formats(lang).integer(s),
                    full: None,
                })
                .collect(),
            rows: enablers
                .iter()
                .map(|e| HeatmapRow {
                    label: e.id.clone(),
                    full: Some(e.name.clone()),
                    cells: e
                        .counts
                        .iter()
                        .map(|&count| Some((level_of(count), self.formats(lang).integer(count))))
                        .collect(),
                    pes: None,
                    group: None,
                })
                .collect(),
            legend_title: self.label(lang, "bench.axis_count"),
            legend: count_legend(most, level_of, |c| self.formats(lang).integer(c)),
        };
        Figure::new(
            charts::heatmap(&chart),
            chart.meta.title.clone(),
            provenance,
        )
    }
}

/// The legend of a heatmap of counts up to `most`: each level `level_of` gives a count, with
/// the counts it stands for (`0`, `1`, `2–3`).
fn count_legend(
    most: usize,
    level_of: impl Fn(usize) -> u8,
    write: impl Fn(usize) -> String,
) -> Vec<(u8, String)> {
    let mut legend: Vec<(u8, usize, usize)> = Vec::new();
    for count in 0..=most {
        let level = level_of(count);
        match legend.last_mut() {
            Some((last, _, high)) if *last == level => *high = count,
            _ => legend.push((level, count, count)),
        }
    }
    legend
        .into_iter()
        .map(|(level, low, high)| {
            let text = if low == high {
                write(low)
            } else {
                format!("{}–{}", write(low), write(high))
            };
            (level, text)
        })
        .collect()
}
