//! Horizontal bar charts: one row per PES, longest labels on the left where they fit at any
//! width, a diamond for each row's peer-group median and a dashed line for the network median.

use super::scale::{nice, Scale};
use super::{
    chars_in, close, each_layout, escape, label, n, open, open_compact, row_open, text,
    vertical_grid, Label, Layout, Meta, Numbers, CHAR,
};

/// One row of a bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    /// The full name behind a short label (a PES's name behind its acronym), shown on hover.
    pub full: Option<String>,
    /// `None` is a gap: the row says so instead of drawing a zero.
    pub value: Option<f64>,
    /// A second value marked on the row (the PES's cluster median).
    pub marker: Option<f64>,
    /// Emphasised row (the PES whose page this is).
    pub highlight: bool,
    /// The PES the row shows, written as `data-pes` on the row so a visitor's own PES can be
    /// picked out (`my-pes.js`).
    pub pes: Option<String>,
}

/// A bar chart and its legend texts.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub meta: Meta,
    pub bars: Vec<Bar>,
    /// A value drawn across every row (the network median).
    pub reference: Option<f64>,
    pub reference_label: String,
    pub marker_label: String,
    /// What a row without a value reads.
    pub gap_label: String,
    /// A fixed value axis (`1.0, 6.0` for the 1–6 maturity scale); else from 0 to a round
    /// number above the data.
    pub domain: Option<(f64, f64)>,
}

const ROW: f64 = 28.0;
const BAR: f64 = 16.0;
const LEGEND_LINE: f64 = 22.0;
/// Below the plot: the tick labels, then the axis unit.
const BOTTOM: f64 = 46.0;

/// The value axis of `chart`: its bounds and ticks.
fn axis(chart: &BarChart) -> (f64, f64, Vec<f64>) {
    if let Some((low, high)) = chart.domain {
        return fixed_ticks(low, high);
    }
    let high = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.marker])
        .chain([chart.reference])
        .flatten()
        .fold(0.0, f64::max);
    nice(0.0, high, 4)
}

/// Draws `chart` once per layout; `numbers` writes the numbers.
pub fn bar_chart(chart: &BarChart, numbers: &Numbers<'_>) -> String {
    each_layout(|layout| bar_chart_in(chart, numbers, layout))
}

/// Draws `chart` for `layout`.
fn bar_chart_in(chart: &BarChart, numbers: &Numbers<'_>, layout: Layout) -> String {
    let width = layout.width;
    let has_marker = chart.bars.iter().any(|b| b.marker.is_some());
    let legend_lines = usize::from(has_marker) + usize::from(chart.reference.is_some());
    let top = 8.0 + LEGEND_LINE * legend_lines as f64;
    let height = top + ROW * chart.bars.len().max(1) as f64 + BOTTOM;
    let (min, max, ticks) = axis(chart);
    let label_chars = chart
        .bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(1)
        .min(chars_in(width * 0.22));
    let label_width = CHAR * label_chars as f64 + 10.0;
    let value_chars = chart
        .bars
        .iter()
        .filter_map(|b| b.value)
        .map(|v| numbers.value(v).chars().count())
        .max()
        .unwrap_or(1);
    let value_space = CHAR * value_chars as f64 + 8.0;
    let x = Scale {
        min,
        max,
        start: label_width,
        end: width - value_space,
    };
    let mut svg = open(&chart.meta, "bars", layout, height);
    let mut legend_y = 20.0;
    if has_marker {
        svg += &diamond(label_width + 6.0, legend_y - 5.0, "chart-marker");
        svg += &text(
            label_width + 18.0,
            legend_y,
            "start",
            "chart-legend",
            &chart.marker_label,
        );
        legend_y += LEGEND_LINE;
    }
    if let Some(reference) = chart.reference {
        svg += &format!(
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-reference"/>"#,
            n(label_width),
            n(legend_y - 5.0),
            n(label_width + 12.0),
            n(legend_y - 5.0)
        );
        svg += &text(
            label_width + 18.0,
            legend_y,
            "start",
            "chart-legend",
            &format!("{} ({})", chart.reference_label, numbers.value(reference)),
        );
    }
    let plot_bottom = top + ROW * chart.bars.len() as f64;
    svg += &vertical_grid(&x, &ticks, top, plot_bottom, numbers);
    svg += &text(
        x.end,
        plot_bottom + 38.0,
        "end",
        "chart-unit",
        &numbers.unit,
    );
    let marks: Vec<f64> = chart.reference.iter().map(|r| x.at(*r)).collect();
    for (index, bar) in chart.bars.iter().enumerate() {
        let y = top + ROW * index as f64;
        let middle = y + ROW / 2.0;
        let emphasis = if bar.highlight { " is-highlight" } else { "" };
        svg += &row_open(bar.pes.as_deref());
        svg += &label(
            label_width - 8.0,
            middle + 5.0,
            "end",
            &format!("chart-label{emphasis}"),
            Label {
                shown: &bar.label,
                full: bar.full.as_deref(),
            },
            label_chars,
        );
        match bar.value {
            Some(value) => {
                let end = x.at(value);
                svg += &format!(
                    r#"<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar{emphasis}"/>"#,
                    n(label_width),
                    n(middle - BAR / 2.0),
                    n((end - label_width).max(0.5)),
                    n(BAR)
                );
                svg += &text(
                    width - 2.0,
                    middle + 5.0,
                    "end",
                    "chart-value",
                    &numbers.value(value),
                );
            }
            None => {
                let row_marks: Vec<f64> = marks
                    .iter()
                    .copied()
                    .chain(bar.marker.map(|m| x.at(m)))
                    .collect();
                let text_width = CHAR * chart.gap_label.chars().count() as f64;
                let start = gap_label_start(&row_marks, text_width, x.start, width);
                svg += &text(start, middle + 5.0, "start", "chart-gap", &chart.gap_label);
            }
        }
        if let Some(marker) = bar.marker {
            svg += &diamond(x.at(marker), middle, "chart-marker");
        }
        svg += "</g>";
    }
    if let Some(reference) = chart.reference {
        let rx = x.at(reference);
        svg += &format!(
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="chart-reference"/>"#,
            n(rx),
            n(top - 2.0),
            n(plot_bottom + 2.0)
        );
    }
    svg += &close(&chart.meta, layout, height);
    svg
}

/// Room kept between a gap's label and a mark (the median line, a diamond).
const CLEARANCE: f64 = 8.0;

/// Where the label of a row without a value starts, `text_width` wide, so that no mark at
/// `marks` runs through it: at the start of the plot if it ends before the first mark, else
/// just after the last mark; from `plot_start` to `right` at most.
pub(crate) fn gap_label_start(marks: &[f64], text_width: f64, plot_start: f64, right: f64) -> f64 {
    let start = plot_start + 4.0;
    let clear = |from: f64| {
        marks
            .iter()
            .all(|m| *m + CLEARANCE <= from || *m - CLEARANCE >= from + text_width)
    };
    if clear(start) {
        return start;
    }
    let after = marks.iter().copied().fold(start, f64::max) + CLEARANCE;
    if after + text_width <= right {
        after
    } else {
        start
    }
}

/// Bounds `low` to `high` with a tick on every whole point for a short fixed scale (the 1–6
/// maturity scale), or round ticks between them.
pub(crate) fn fixed_ticks(low: f64, high: f64) -> (f64, f64, Vec<f64>) {
    let whole = low.is_finite() && high.is_finite() && high > low && high - low <= 12.0;
    if whole {
        let ticks = (low.ceil() as i64..=high.floor() as i64)
            .map(|t| t as f64)
            .collect();
        (low, high, ticks)
    } else {
        nice(low, high, 5)
    }
}

/// A small diamond centred on (`x`, `y`).
fn diamond(x: f64, y: f64, class: &str) -> String {
    format!(
        r#"<path d="M{} {}l6 6l-6 6l-6-6z" class="{}"/>"#,
        n(x),
        n(y - 6.0),
        escape(class)
    )
}

/// A single horizontal bar showing how far a KPI has gone towards its target; `share` is
/// already clamped to 0–1, `label` is the unclamped figure.
pub fn progress_bar(meta: &Meta, share: f64, label: &str) -> String {
    let width = 160.0;
    let mut svg = open_compact(meta, "progress", width + 56.0, 18.0);
    svg += &format!(
        r#"<rect x="0" y="3" width="{}" height="12" class="chart-track"/><rect x="0" y="3" width="{}" height="12" class="chart-bar"/>"#,
        n(width),
        n(width * share.clamp(0.0, 1.0))
    );
    svg += &text(width + 6.0, 13.5, "start", "chart-value", label);
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::super::LAYOUTS;
    use super::*;

    fn meta() -> Meta {
        Meta {
            id: "c".into(),
            title: "T <1>".into(),
            desc: "D".into(),
            provenance: None,
        }
    }

    #[test]
    fn gaps_are_labelled_not_drawn_as_zero() {
        let chart = BarChart {
            meta: meta(),
            bars: vec![
                Bar {
                    label: "A".into(),
                    full: None,
                    value: Some(40.0),
                    marker: Some(35.0),
                    highlight: false,
                    pes: None,
                },
                Bar {
                    label: "B".into(),
                    full: None,
                    value: None,
                    marker: None,
                    highlight: false,
                    pes: None,
                },
            ],
            reference: Some(38.0),
            reference_label: "median".into(),
            marker_label: "cluster".into(),
            gap_label: "no data".into(),
            domain: None,
        };
        let svg = bar_chart(&chart, &Numbers::plain());
        assert_eq!(svg.matches("<rect").count(), LAYOUTS.len());
        assert!(svg.contains(">no data</text>"));
        assert!(svg.contains("<title id=\"c-narrow-title\">T &lt;1&gt;</title>"));
        assert!(!svg.contains("fill="));
    }

    #[test]
    fn any_finite_values_draw_finite_bars() {
        use super::super::scale::EXTREMES;
        use super::super::tests::all_finite;
        for &value in &EXTREMES {
            for &other in &EXTREMES {
                let bar = |value: f64, marker: f64| Bar {
                    label: "A".into(),
                    full: None,
                    value: Some(value),
                    marker: Some(marker),
                    highlight: false,
                    pes: None,
                };
                let chart = BarChart {
                    meta: meta(),
                    bars: vec![bar(value, other), bar(other, value)],
                    reference: Some(value),
                    reference_label: "median".into(),
                    marker_label: "cluster".into(),
                    gap_label: "no data".into(),
                    domain: None,
                };
                let svg = bar_chart(&chart, &Numbers::scientific());
                assert!(all_finite(&svg), "{value:e}, {other:e}: {svg}");
                assert!(
                    svg.matches("chart-grid").count() <= 24 * 3,
                    "{value:e}, {other:e}"
                );
            }
        }
        let svg = progress_bar(&meta(), f64::MAX, "much");
        assert!(all_finite(&svg), "{svg}");
    }

    /// The value axis of every layout of `svg`: its tick labels, narrowest layout first.
    fn ticks_of(svg: &str) -> Vec<&str> {
        let narrow = svg.split("</svg>").next().unwrap_or_default();
        narrow
            .split(r#"class="chart-tick">"#)
            .skip(1)
            .map(|t| &t[..t.find('<').unwrap_or(0)])
            .collect()
    }

    fn scores(domain: Option<(f64, f64)>) -> BarChart {
        BarChart {
            meta: meta(),
            bars: vec![Bar {
                label: "NAV".into(),
                full: Some("Norwegian Labour and Welfare Administration".into()),
                value: Some(4.5),
                marker: None,
                highlight: false,
                pes: None,
            }],
            reference: Some(4.0),
            reference_label: "median".into(),
            marker_label: String::new(),
            gap_label: "no data".into(),
            domain,
        }
    }

    #[test]
    fn every_layout_writes_the_unit_of_its_axis() {
        let svg = bar_chart(&scores(None), &Numbers::plain());
        assert_eq!(
            svg.matches(r#"class="chart-unit">units</text>"#).count(),
            LAYOUTS.len()
        );
    }

    #[test]
    fn the_maturity_scale_starts_at_1() {
        let svg = bar_chart(&scores(Some((1.0, 6.0))), &Numbers::plain());
        assert_eq!(ticks_of(&svg), ["1", "2", "3", "4", "5", "6"]);
        let open = bar_chart(&scores(None), &Numbers::plain());
        assert_eq!(ticks_of(&open).first(), Some(&"0"));
    }

    #[test]
    fn a_short_label_carries_the_full_name() {
        let svg = bar_chart(&scores(None), &Numbers::plain());
        assert!(svg.contains(
            r#"<g class="chart-name"><title>Norwegian Labour and Welfare Administration</title><text"#
        ));
        assert!(svg.contains(r#"class="chart-label">NAV</text></g>"#));
    }

    /// The x of the first `<text … class="{class}">` of `svg`, and the x of its reference line.
    fn gap_and_reference(svg: &str) -> (f64, f64) {
        let number = |s: &str, attribute: &str| -> f64 {
            let at = s.find(attribute).unwrap() + attribute.len();
            s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
        };
        let gap = svg.find(r#"class="chart-gap""#).unwrap();
        let gap_text = &svg[svg[..gap].rfind("<text").unwrap()..];
        let line = svg.rfind(r#"class="chart-reference""#).unwrap();
        let line_text = &svg[svg[..line].rfind("<line").unwrap()..];
        (number(gap_text, r#"x=""#), number(line_text, r#"x1=""#))
    }

    #[test]
    fn the_median_line_never_runs_through_a_gap_label() {
        let gap_label = "no value for 2024";
        for reference in [0.5, 5.0, 20.0, 35.0, 39.0] {
            let chart = BarChart {
                meta: meta(),
                bars: vec![
                    Bar {
                        label: "A".into(),
                        full: None,
                        value: Some(40.0),
                        marker: None,
                        highlight: false,
                        pes: None,
                    },
                    Bar {
                        label: "B".into(),
                        full: None,
                        value: None,
                        marker: Some(reference / 2.0),
                        highlight: false,
                        pes: None,
                    },
                ],
                reference: Some(reference),
                reference_label: "median".into(),
                marker_label: "cluster".into(),
                gap_label: gap_label.into(),
                domain: None,
            };
            let svg = bar_chart(&chart, &Numbers::plain());
            for layout in svg.split("</svg>").filter(|s| !s.is_empty()) {
                let (start, line) = gap_and_reference(layout);
                let end = start + CHAR * gap_label.chars().count() as f64;
                assert!(
                    line < start || line > end,
                    "median at {line} crosses the gap label from {start} to {end}"
                );
            }
        }
    }

    #[test]
    fn a_gap_label_moves_past_the_marks_it_would_cross() {
        assert_eq!(gap_label_start(&[300.0], 100.0, 50.0, 400.0), 54.0);
        assert_eq!(gap_label_start(&[100.0], 100.0, 50.0, 400.0), 108.0);
        assert_eq!(gap_label_start(&[80.0, 120.0], 100.0, 50.0, 400.0), 128.0);
        // No room after the marks: the label keeps the start of the plot.
        assert_eq!(gap_label_start(&[100.0], 100.0, 50.0, 150.0), 54.0);
    }
}
