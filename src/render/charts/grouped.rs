//! Grouped horizontal bars: several series side by side per group, such as the self- and
//! peer-assessment score of each excellence area. The first series is drawn as an outline,
//! the others filled, and each bar carries its value, so no reader depends on colour.

use super::scale::Scale;
use super::{fit, n, open, text, vertical_grid, Format, Meta};

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

/// Draws `chart`; `format` writes the values.
pub fn grouped_bars(chart: &GroupedBars, format: Format<'_>) -> String {
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
    // One grid line per maturity point, 0 to the scale's maximum.
    let ticks = (0..).map(f64::from).take_while(|tick| *tick <= chart.max);
    svg += &vertical_grid(&x, ticks, top, plot_bottom, format);
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
                &format(*value),
            );
        }
    }
    svg += "</svg>";
    svg
}
