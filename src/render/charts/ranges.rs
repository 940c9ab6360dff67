//! Range charts: for each row (an excellence area, an enabler, a peer group) and each series
//! (self- and peer assessment), a bar from the lower to the upper quartile of the scores —
//! where the middle half of them lies — crossed by a mark at the median, whose value is
//! written at the end of the row. What an edition that keeps each PES's scores from its
//! readers shows instead. As in grouped bars, the first series is an outline and the others
//! are filled, so no reader depends on colour.

use super::bars::fixed_ticks;
use super::scale::Scale;
use super::{
    chars_in, close, each_layout, label, n, open, text, vertical_grid, Label, Layout, Meta,
    Numbers, CHAR,
};
use crate::analysis::stats::Quartiles;

/// One row: its label and, per series, the quartiles of its scores (`None`: no score).
#[derive(Debug, Clone)]
pub struct RangeRow {
    pub label: String,
    /// The full name behind a short label (an area's name behind its letter), shown on hover.
    pub full: Option<String>,
    pub values: Vec<Option<Quartiles>>,
}

/// A range chart on a fixed scale.
#[derive(Debug, Clone)]
pub struct RangeChart {
    pub meta: Meta,
    /// Series names for the legend, and a CSS class each (`series-self`, `series-peer`).
    pub series: Vec<(String, String)>,
    pub rows: Vec<RangeRow>,
    /// The legend of the median's mark (`Median`).
    pub median_label: String,
    /// The scale's bounds: `1.0` to `6.0` for the maturity scale.
    pub min: f64,
    pub max: f64,
}

const BAR: f64 = 16.0;
const LEGEND_LINE: f64 = 22.0;
/// Below the plot: the tick labels, then the axis unit.
const BOTTOM: f64 = 46.0;

/// Draws `chart` once per layout; `numbers` writes the numbers.
pub fn range_chart(chart: &RangeChart, numbers: &Numbers<'_>) -> String {
    each_layout(|layout| range_chart_in(chart, numbers, layout))
}

/// The height of a row's label drawn above its bars, where labels are too long to sit
/// beside them (the names of peer groups).
const LABEL_LINE: f64 = 22.0;

/// Draws `chart` for `layout`: labels beside the bars where the longest fits in 22 % of
/// the width, else each above its bars, whole.
fn range_chart_in(chart: &RangeChart, numbers: &Numbers<'_>, layout: Layout) -> String {
    let width = layout.width;
    let series = chart.series.len().max(1);
    let longest = chart
        .rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(1);
    let beside = longest <= chars_in(width * 0.22);
    let value_space = CHAR * 4.0 + 6.0;
    let (label_width, label_chars, label_line) = if beside {
        (CHAR * longest as f64 + 10.0, longest, 0.0)
    } else {
        (4.0, chars_in(width - value_space), LABEL_LINE)
    };
    let per_row = label_line + BAR * series as f64 + 12.0;
    let top = 8.0 + LEGEND_LINE * (chart.series.len() + 1) as f64;
    let plot_bottom = top + per_row * chart.rows.len() as f64;
    let height = plot_bottom + BOTTOM;
    let (min, max, ticks) = fixed_ticks(chart.min, chart.max);
    let x = Scale {
        min,
        max,
        start: label_width,
        end: width - value_space,
    };
    let mut svg = open(&chart.meta, "ranges", layout, height);
    svg += &legend(chart, label_width);
    svg += &vertical_grid(&x, &ticks, top, plot_bottom, numbers);
    svg += &text(
        x.end,
        plot_bottom + 38.0,
        "end",
        "chart-unit",
        &numbers.unit,
    );
    for (index, row) in chart.rows.iter().enumerate() {
        let y = top + per_row * index as f64 + 6.0 + label_line;
        let middle = y + BAR * series as f64 / 2.0;
        let (label_x, label_y, anchor) = if beside {
            (label_width - 8.0, middle + 5.0, "end")
        } else {
            (0.0, y - 8.0, "start")
        };
        svg += r#"<g class="chart-row">"#;
        svg += &label(
            label_x,
            label_y,
            anchor,
            "chart-label",
            Label {
                shown: &row.label,
                full: row.full.as_deref(),
            },
            label_chars,
        );
        for (s, value) in row.values.iter().enumerate() {
            let Some(quartiles) = value else { continue };
            let class = chart.series.get(s).map_or("", |(_, c)| c.as_str());
            svg += &range(&x, quartiles, y + BAR * s as f64, &format!("{class} s{s}"));
            svg += &text(
                width - 2.0,
                y + BAR * (s + 1) as f64 - 3.0,
                "end",
                "chart-value is-small",
                &numbers.value(quartiles.median),
            );
        }
        svg += "</g>";
    }
    svg += &close(&chart.meta, layout, height);
    svg
}

/// The legend above the plot: a sample bar per series, then the median's mark.
fn legend(chart: &RangeChart, start: f64) -> String {
    let mut svg = String::new();
    for (index, (name, class)) in chart.series.iter().enumerate() {
        let ly = 8.0 + LEGEND_LINE * index as f64;
        svg += &format!(
            r#"<rect x="{}" y="{}" width="24" height="{}" class="chart-bar chart-range {class} s{index}"/>"#,
            n(start),
            n(ly + 2.0),
            n(BAR - 4.0)
        );
        svg += &text(start + 32.0, ly + 13.0, "start", "chart-legend", name);
    }
    let ly = 8.0 + LEGEND_LINE * chart.series.len() as f64;
    svg += &median_mark(start + 12.0, ly, ly + BAR);
    svg += &text(
        start + 32.0,
        ly + 13.0,
        "start",
        "chart-legend",
        &chart.median_label,
    );
    svg
}

/// One series of a row: the bar from the lower to the upper quartile, at least a few units
/// wide so that a range of one value still shows, and the median's mark across it.
fn range(x: &Scale, quartiles: &Quartiles, top: f64, class: &str) -> String {
    let (low, high) = (x.at(quartiles.q1), x.at(quartiles.q3));
    let (start, end) = if high - low < 4.0 {
        let middle = (low + high) / 2.0;
        (middle - 2.0, middle + 2.0)
    } else {
        (low, high)
    };
    format!(
        r#"<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar chart-range {class}"/>"#,
        n(start),
        n(top + 1.0),
        n(end - start),
        n(BAR - 2.0)
    ) + &median_mark(x.at(quartiles.median), top - 1.0, top + BAR + 1.0)
}

/// The median's mark: a dark line on a halo of the background, so it shows on any bar.
fn median_mark(at: f64, top: f64, bottom: f64) -> String {
    let line = |class: &str| {
        format!(
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="{class}"/>"#,
            n(at),
            n(top),
            n(bottom)
        )
    };
    line("chart-median-halo") + &line("chart-median")
}

#[cfg(test)]
mod tests {
    use super::super::scale::EXTREMES;
    use super::super::tests::all_finite;
    use super::*;

    fn chart(rows: Vec<RangeRow>) -> RangeChart {
        RangeChart {
            meta: Meta {
                id: "r".into(),
                title: "t".into(),
                desc: "d".into(),
                provenance: None,
            },
            series: vec![
                ("self".into(), "series-self".into()),
                ("peer".into(), "series-peer".into()),
            ],
            rows,
            median_label: "Median".into(),
            min: 1.0,
            max: 6.0,
        }
    }

    fn quartiles(q1: f64, median: f64, q3: f64) -> Quartiles {
        Quartiles { q1, median, q3 }
    }

    #[test]
    fn a_bar_runs_from_the_lower_to_the_upper_quartile_with_the_median_written() {
        let svg = range_chart(
            &chart(vec![RangeRow {
                label: "A".into(),
                full: Some("Area A".into()),
                values: vec![None, Some(quartiles(2.0, 3.0, 4.0))],
            }]),
            &Numbers::plain(),
        );
        let narrow = svg.split("</svg>").next().unwrap();
        let bars: Vec<&str> = narrow
            .split("<rect ")
            .skip(1)
            .filter(|r| r.contains("series-peer s1") && !r.contains(r#"width="24""#))
            .collect();
        assert_eq!(bars.len(), 1, "{narrow}");
        // The scale runs from 1 to 6 between the labels (19 units) and the values (42 units).
        let x = Scale {
            min: 1.0,
            max: 6.0,
            start: 19.0,
            end: 328.0 - 42.0,
        };
        assert!(bars[0].contains(&format!(r#"x="{}""#, n(x.at(2.0)))));
        assert!(bars[0].contains(&format!(r#"width="{}""#, n(x.at(4.0) - x.at(2.0)))));
        assert!(narrow.contains(&format!(r#"<line x1="{0}" y1="#, n(x.at(3.0)))));
        assert!(narrow.contains(r#"class="chart-value is-small">3</text>"#));
        assert!(
            !narrow.contains("series-self s0\"/><line"),
            "no bar without a score"
        );
    }

    #[test]
    fn long_labels_go_above_their_bars_whole() {
        let name = "A peer group with a long name";
        let svg = range_chart(
            &chart(vec![RangeRow {
                label: name.into(),
                full: None,
                values: vec![Some(quartiles(2.0, 3.0, 4.0)), None],
            }]),
            &Numbers::plain(),
        );
        let narrow = svg.split("</svg>").next().unwrap();
        assert!(narrow.contains(&format!(
            r#"text-anchor="start" class="chart-label">{name}<"#
        )));
    }

    #[test]
    fn any_finite_values_draw_finite_shapes() {
        for &value in &EXTREMES {
            let svg = range_chart(
                &chart(vec![RangeRow {
                    label: "A".into(),
                    full: None,
                    values: vec![Some(quartiles(value, value, value)), None],
                }]),
                &Numbers::plain(),
            );
            assert!(all_finite(&svg), "{value:e}: {svg}");
        }
    }
}
