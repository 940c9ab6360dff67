//! Horizontal bar charts: one row per PES, longest labels on the left where they fit at any
//! width, a diamond for each row's peer-group median and a dashed line for the network median.

use super::scale::{nice, Scale};
use super::{
    close, escape, fit, n, open, open_compact, row_open, text, vertical_grid, Meta, Numbers,
};

/// One row of a bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
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
}

const WIDTH: f64 = 360.0;
const LABEL: f64 = 78.0;
const VALUE_SPACE: f64 = 60.0;
const ROW: f64 = 24.0;
const BAR: f64 = 14.0;

/// Draws `chart`; `numbers` writes the numbers.
pub fn bar_chart(chart: &BarChart, numbers: &Numbers<'_>) -> String {
    let has_marker = chart.bars.iter().any(|b| b.marker.is_some());
    let legend_lines = usize::from(has_marker) + usize::from(chart.reference.is_some());
    let top = 8.0 + 18.0 * legend_lines as f64;
    let bottom = 22.0;
    let height = top + ROW * chart.bars.len().max(1) as f64 + bottom;
    let high = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.marker])
        .chain([chart.reference])
        .flatten()
        .fold(0.0, f64::max);
    let (min, max, ticks) = nice(0.0, high, 4);
    let x = Scale {
        min,
        max,
        start: LABEL,
        end: WIDTH - VALUE_SPACE,
    };
    let mut svg = open(&chart.meta, "bars", WIDTH, height);
    let mut legend_y = 18.0;
    if has_marker {
        svg += &diamond(LABEL + 6.0, legend_y - 4.0, "chart-marker");
        svg += &text(
            LABEL + 16.0,
            legend_y,
            "start",
            "chart-legend",
            &chart.marker_label,
        );
        legend_y += 18.0;
    }
    if let Some(reference) = chart.reference {
        svg += &format!(
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-reference"/>"#,
            n(LABEL),
            n(legend_y - 4.0),
            n(LABEL + 12.0),
            n(legend_y - 4.0)
        );
        svg += &text(
            LABEL + 16.0,
            legend_y,
            "start",
            "chart-legend",
            &format!("{} ({})", chart.reference_label, numbers.value(reference)),
        );
    }
    let plot_bottom = top + ROW * chart.bars.len() as f64;
    svg += &vertical_grid(&x, &ticks, top, plot_bottom, numbers);
    for (index, bar) in chart.bars.iter().enumerate() {
        let y = top + ROW * index as f64;
        let middle = y + ROW / 2.0;
        let emphasis = if bar.highlight { " is-highlight" } else { "" };
        svg += &row_open(bar.pes.as_deref());
        svg += &text(
            LABEL - 6.0,
            middle + 4.0,
            "end",
            &format!("chart-label{emphasis}"),
            &fit(&bar.label, 11),
        );
        match bar.value {
            Some(value) => {
                let end = x.at(value);
                svg += &format!(
                    r#"<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar{emphasis}"/>"#,
                    n(LABEL),
                    n(middle - BAR / 2.0),
                    n((end - LABEL).max(0.5)),
                    n(BAR)
                );
                svg += &text(
                    WIDTH - 2.0,
                    middle + 4.0,
                    "end",
                    "chart-value",
                    &numbers.value(value),
                );
            }
            None => {
                svg += &text(
                    LABEL + 4.0,
                    middle + 4.0,
                    "start",
                    "chart-gap",
                    &chart.gap_label,
                );
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
    svg += &close(&chart.meta, WIDTH, height);
    svg
}

/// A small diamond centred on (`x`, `y`).
fn diamond(x: f64, y: f64, class: &str) -> String {
    format!(
        r#"<path d="M{} {}l5 5l-5 5l-5-5z" class="{}"/>"#,
        n(x),
        n(y - 5.0),
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
                    value: Some(40.0),
                    marker: Some(35.0),
                    highlight: false,
                    pes: None,
                },
                Bar {
                    label: "B".into(),
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
        };
        let svg = bar_chart(&chart, &Numbers::plain());
        assert_eq!(svg.matches("<rect").count(), 1);
        assert!(svg.contains(">no data</text>"));
        assert!(svg.contains("<title id=\"c-title\">T &lt;1&gt;</title>"));
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
                };
                let svg = bar_chart(&chart, &Numbers::scientific());
                assert!(all_finite(&svg), "{value:e}, {other:e}: {svg}");
                assert!(
                    svg.matches("chart-grid").count() <= 24,
                    "{value:e}, {other:e}"
                );
            }
        }
        let svg = progress_bar(&meta(), f64::MAX, "much");
        assert!(all_finite(&svg), "{svg}");
    }
}
