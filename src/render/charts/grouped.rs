//! Grouped horizontal bars: several series side by side per group, such as the self- and
//! peer-assessment score of each excellence area. The first series is drawn as an outline,
//! the others filled, and each bar carries its value, so no reader depends on colour.

use super::scale::{nice, Scale};
use super::{close, fit, n, open, text, vertical_grid, Meta, Numbers};

/// One group (an area) with one value per series.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// A grouped bar chart on a fixed scale.
#[derive(Debug, Clone)]
pub struct GroupedBars {
    pub meta: Meta,
    /// Series names for the legend, and a CSS class each (`series-self`, `series-peer`).
    pub series: Vec<(String, String)>,
    pub groups: Vec<Group>,
    pub max: f64,
}

const WIDTH: f64 = 360.0;
const LABEL: f64 = 40.0;
const RIGHT: f64 = 34.0;
const BAR: f64 = 11.0;

/// The largest scale drawn with one grid line per whole point.
const WHOLE_POINTS: f64 = 12.0;

/// One grid line per whole point from 0 to `max` (the 1–6 maturity scale), or round ticks for
/// a wider scale.
fn ticks(max: f64) -> Vec<f64> {
    if (0.0..=WHOLE_POINTS).contains(&max) {
        (0..=max.floor() as u32).map(f64::from).collect()
    } else {
        nice(0.0, max, 6).2
    }
}

/// Draws `chart`; `numbers` writes the numbers.
pub fn grouped_bars(chart: &GroupedBars, numbers: &Numbers<'_>) -> String {
    let per_group = BAR * chart.series.len() as f64 + 10.0;
    let top = 8.0 + 18.0 * chart.series.len() as f64;
    let plot_bottom = top + per_group * chart.groups.len() as f64;
    let height = plot_bottom + 22.0;
    let x = Scale {
        min: 0.0,
        max: chart.max,
        start: LABEL,
        end: WIDTH - RIGHT,
    };
    let mut svg = open(&chart.meta, "grouped", WIDTH, height);
    for (index, (name, class)) in chart.series.iter().enumerate() {
        let ly = 8.0 + 18.0 * index as f64;
        svg += &format!(
            r#"<rect x="{}" y="{}" width="14" height="{}" class="chart-bar {class} s{index}"/>"#,
            n(LABEL),
            n(ly),
            n(BAR)
        );
        svg += &text(LABEL + 20.0, ly + 10.0, "start", "chart-legend", name);
    }
    svg += &vertical_grid(&x, &ticks(chart.max), top, plot_bottom, numbers);
    for (g, group) in chart.groups.iter().enumerate() {
        let gy = top + per_group * g as f64 + 5.0;
        let middle = gy + BAR * chart.series.len() as f64 / 2.0;
        svg += &text(
            LABEL - 6.0,
            middle + 4.0,
            "end",
            "chart-label",
            &fit(&group.label, 5),
        );
        for (s, value) in group.values.iter().enumerate() {
            let Some(value) = value else { continue };
            let class = chart.series.get(s).map_or("", |(_, c)| c.as_str());
            let by = gy + BAR * s as f64;
            let end = x.at(*value);
            svg += &format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar {class} s{s}"/>"#,
                n(LABEL),
                n(by + 1.0),
                n((end - LABEL).max(0.5)),
                n(BAR - 2.0)
            );
            svg += &text(
                end + 3.0,
                by + BAR - 2.0,
                "start",
                "chart-value is-small",
                &numbers.value(*value),
            );
        }
    }
    svg += &close(&chart.meta, WIDTH, height);
    svg
}

#[cfg(test)]
mod tests {
    use super::super::scale::EXTREMES;
    use super::super::tests::all_finite;
    use super::*;

    fn chart(max: f64, values: Vec<Option<f64>>) -> GroupedBars {
        GroupedBars {
            meta: Meta {
                id: "g".into(),
                title: "t".into(),
                desc: "d".into(),
                provenance: None,
            },
            series: vec![
                ("self".into(), "series-self".into()),
                ("peer".into(), "series-peer".into()),
            ],
            groups: vec![Group {
                label: "A".into(),
                values,
            }],
            max,
        }
    }

    #[test]
    fn the_maturity_scale_has_a_line_per_point() {
        let svg = grouped_bars(&chart(6.0, vec![Some(4.0), Some(5.0)]), &Numbers::plain());
        assert_eq!(svg.matches("chart-grid").count(), 7);
    }

    #[test]
    fn any_finite_values_and_scale_draw_a_few_finite_lines() {
        for &max in &EXTREMES {
            for &value in &EXTREMES {
                let svg = grouped_bars(&chart(max, vec![Some(value), None]), &Numbers::plain());
                assert!(all_finite(&svg), "max {max:e}, value {value:e}: {svg}");
                assert!(svg.matches("chart-grid").count() <= 24, "max {max:e}");
            }
        }
    }
}
