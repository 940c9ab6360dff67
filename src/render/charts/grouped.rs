//! Grouped horizontal bars: several series side by side per group, such as the self- and
//! peer-assessment score of each excellence area. The first series is drawn as an outline,
//! the others filled, and each bar carries its value, so no reader depends on colour.

use super::bars::fixed_ticks;
use super::scale::Scale;
use super::{
    close, each_layout, label, n, open, text, vertical_grid, Label, Layout, Meta, Numbers, CHAR,
};

/// One group (an area) with one value per series.
#[derive(Debug, Clone)]
pub struct Group {
    pub label: String,
    /// The full name behind a short label (an area's name behind its letter), shown on hover
    /// and read by screen readers.
    pub full: Option<String>,
    pub values: Vec<Option<f64>>,
}

/// A grouped bar chart on a fixed scale.
#[derive(Debug, Clone)]
pub struct GroupedBars {
    pub meta: Meta,
    /// Series names for the legend, and a CSS class each (`series-self`, `series-peer`).
    pub series: Vec<(String, String)>,
    pub groups: Vec<Group>,
    /// The scale's bounds: `1.0` to `6.0` for the maturity scale.
    pub min: f64,
    pub max: f64,
}

const LABEL: f64 = 44.0;
const BAR: f64 = 16.0;
const LEGEND_LINE: f64 = 22.0;

/// Draws `chart` once per layout; `numbers` writes the numbers.
pub fn grouped_bars(chart: &GroupedBars, numbers: &Numbers<'_>) -> String {
    each_layout(|layout| grouped_bars_in(chart, numbers, layout))
}

/// Draws `chart` for `layout`.
fn grouped_bars_in(chart: &GroupedBars, numbers: &Numbers<'_>, layout: Layout) -> String {
    let width = layout.width;
    let per_group = BAR * chart.series.len() as f64 + 12.0;
    let top = 8.0 + LEGEND_LINE * chart.series.len() as f64;
    let plot_bottom = top + per_group * chart.groups.len() as f64;
    let height = plot_bottom + 46.0;
    let (min, max, ticks) = fixed_ticks(chart.min, chart.max);
    let value_chars = chart
        .groups
        .iter()
        .flat_map(|g| g.values.iter().flatten())
        .map(|v| numbers.value(*v).chars().count())
        .fold(4, usize::max);
    let value_space = CHAR * value_chars as f64 + 6.0;
    let x = Scale {
        min,
        max,
        start: LABEL,
        end: width - value_space,
    };
    let mut svg = open(&chart.meta, "grouped", layout, height);
    for (index, (name, class)) in chart.series.iter().enumerate() {
        let ly = 8.0 + LEGEND_LINE * index as f64;
        svg += &format!(
            r#"<rect x="{}" y="{}" width="16" height="{}" class="chart-bar {class} s{index}"/>"#,
            n(LABEL),
            n(ly + 2.0),
            n(BAR - 4.0)
        );
        svg += &text(LABEL + 22.0, ly + 13.0, "start", "chart-legend", name);
    }
    svg += &vertical_grid(&x, &ticks, top, plot_bottom, numbers);
    svg += &text(
        x.end,
        plot_bottom + 38.0,
        "end",
        "chart-unit",
        &numbers.unit,
    );
    for (g, group) in chart.groups.iter().enumerate() {
        let gy = top + per_group * g as f64 + 6.0;
        let middle = gy + BAR * chart.series.len() as f64 / 2.0;
        svg += &label(
            LABEL - 8.0,
            middle + 5.0,
            "end",
            "chart-label",
            Label {
                shown: &group.label,
                full: group.full.as_deref(),
            },
            5,
        );
        for (s, value) in group.values.iter().enumerate() {
            let by = gy + BAR * s as f64;
            let Some(value) = value else {
                // A gap: a dash where the bar would start, never a bar of zero.
                svg += &text(
                    LABEL + 4.0,
                    by + BAR - 3.0,
                    "start",
                    "chart-value is-small",
                    "–",
                );
                continue;
            };
            let class = chart.series.get(s).map_or("", |(_, c)| c.as_str());
            let end = x.at(*value).max(LABEL);
            svg += &format!(
                r#"<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar {class} s{s}"/>"#,
                n(LABEL),
                n(by + 1.0),
                n((end - LABEL).max(0.5)),
                n(BAR - 2.0)
            );
            svg += &text(
                end + 4.0,
                by + BAR - 3.0,
                "start",
                "chart-value is-small",
                &numbers.value(*value),
            );
        }
    }
    svg += &close(&chart.meta, layout, height);
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
                full: Some("Strategic performance management".into()),
                values,
            }],
            min: 0.0,
            max,
        }
    }

    #[test]
    fn the_maturity_scale_has_a_line_per_point_from_1_to_6() {
        let mut maturity = chart(6.0, vec![Some(4.0), Some(5.0)]);
        maturity.min = 1.0;
        let svg = grouped_bars(&maturity, &Numbers::plain());
        let narrow = svg.split("</svg>").next().unwrap();
        assert_eq!(narrow.matches("chart-grid").count(), 6);
        let ticks: Vec<&str> = narrow
            .split(r#"class="chart-tick">"#)
            .skip(1)
            .map(|t| &t[..t.find('<').unwrap()])
            .collect();
        assert_eq!(ticks, ["1", "2", "3", "4", "5", "6"]);
    }

    #[test]
    fn a_letter_carries_the_full_name_of_its_group() {
        let svg = grouped_bars(&chart(6.0, vec![Some(4.0), Some(5.0)]), &Numbers::plain());
        let narrow = svg.split("</svg>").next().unwrap();
        assert!(
            narrow.contains(
                r#"<g class="chart-name"><title>Strategic performance management</title><text"#
            ),
            "{narrow}"
        );
    }

    #[test]
    fn a_gap_is_a_dash_not_a_bar() {
        let svg = grouped_bars(&chart(6.0, vec![Some(4.0), None]), &Numbers::plain());
        let narrow = svg.split("</svg>").next().unwrap();
        assert_eq!(
            narrow.matches(r#"class="chart-bar series-peer"#).count(),
            1,
            "the legend's only"
        );
        assert!(narrow.contains(">–</text>"));
    }

    #[test]
    fn any_finite_values_and_scale_draw_a_few_finite_lines() {
        for &max in &EXTREMES {
            for &value in &EXTREMES {
                let svg = grouped_bars(&chart(max, vec![Some(value), None]), &Numbers::plain());
                assert!(all_finite(&svg), "max {max:e}, value {value:e}: {svg}");
                assert!(svg.matches("chart-grid").count() <= 24 * 3, "max {max:e}");
            }
        }
    }
}
