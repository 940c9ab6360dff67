//! Time-series line charts: one line per PES over the years, a reference line (the network
//! median), and a label at the end of each line. A missing year breaks the line.

use super::scale::{nice, Scale};
use super::{close, data_pes, fit, n, open, text, Meta, Numbers};

/// One series: a label and a value (or a gap) per year of the chart.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    pub values: Vec<Option<f64>>,
    /// The reference series, drawn heavier and dashed.
    pub reference: bool,
    pub highlight: bool,
    /// The PES of the series, written as `data-pes` on the line and on its label so a
    /// visitor's own PES can be picked out (`my-pes.js`).
    pub pes: Option<String>,
}

/// A line chart over `years`.
#[derive(Debug, Clone)]
pub struct LineChart {
    pub meta: Meta,
    pub years: Vec<i32>,
    pub lines: Vec<Line>,
}

const WIDTH: f64 = 360.0;
const LEFT: f64 = 42.0;
const RIGHT: f64 = 96.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;
const LABEL_GAP: f64 = 11.0;

/// Draws `chart`; `numbers` writes the axis numbers.
pub fn line_chart(chart: &LineChart, numbers: &Numbers<'_>) -> String {
    let series_count = chart.lines.len();
    let height = (TOP + BOTTOM + LABEL_GAP * series_count as f64 + 20.0).max(240.0);
    let values: Vec<f64> = chart
        .lines
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied())
        .collect();
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = if values.is_empty() {
        (0.0, 1.0)
    } else {
        (low, high)
    };
    let (min, max, ticks) = nice(low, high, 5);
    let plot_right = WIDTH - RIGHT;
    let y = Scale {
        min,
        max,
        start: height - BOTTOM,
        end: TOP,
    };
    let x_at = |index: usize| {
        if chart.years.len() <= 1 {
            (LEFT + plot_right) / 2.0
        } else {
            LEFT + (plot_right - LEFT) * index as f64 / (chart.years.len() - 1) as f64
        }
    };
    let mut svg = open(&chart.meta, "lines", WIDTH, height);
    for (tick, label) in ticks.iter().zip(numbers.ticks(&ticks)) {
        let ty = y.at(*tick);
        svg += &format!(
            r#"<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" class="chart-grid"/>"#,
            n(LEFT),
            n(ty),
            n(plot_right)
        );
        svg += &text(LEFT - 5.0, ty + 4.0, "end", "chart-tick", &label);
    }
    for (index, year) in chart.years.iter().enumerate() {
        svg += &text(
            x_at(index),
            height - BOTTOM + 16.0,
            "middle",
            "chart-tick",
            &year.to_string(),
        );
    }
    let mut ends = Vec::new();
    let mut ordinary = 0;
    for line in &chart.lines {
        let series = ordinary;
        let class = if line.reference {
            "chart-line is-reference".to_string()
        } else {
            let class = format!(
                "chart-line series-{} dash-{}{}",
                ordinary % 6,
                ordinary % 4,
                if line.highlight { " is-highlight" } else { "" }
            );
            ordinary += 1;
            class
        };
        let points: Vec<Option<(f64, f64)>> = line
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| v.map(|v| (x_at(i), y.at(v))))
            .collect();
        let mut path = String::new();
        let mut pen_down = false;
        for point in &points {
            match point {
                Some((px, py)) => {
                    path += &format!("{}{} {}", if pen_down { "L" } else { "M" }, n(*px), n(*py));
                    pen_down = true;
                }
                None => pen_down = false,
            }
        }
        let mark = data_pes(line.pes.as_deref());
        svg += &format!(r#"<g class="{class}"{mark}><path d="{path}"/>"#);
        for (px, py) in points.iter().flatten() {
            svg += &marker(*px, *py, series, line.reference);
        }
        svg += "</g>";
        if let Some((px, py)) = points.iter().flatten().last() {
            ends.push(EndLabel {
                y: *py,
                x: *px,
                text: fit(&line.label, 15),
                class,
                mark,
            });
        }
    }
    svg += &end_labels(ends, plot_right, TOP, height - BOTTOM);
    svg += &close(&chart.meta, WIDTH, height);
    svg
}

/// A marker whose shape cycles with the series, so lines differ without colour.
fn marker(x: f64, y: f64, series: usize, reference: bool) -> String {
    if reference {
        return format!(
            r#"<rect x="{}" y="{}" width="6" height="6" class="chart-point"/>"#,
            n(x - 3.0),
            n(y - 3.0)
        );
    }
    match series % 4 {
        1 => format!(
            r#"<rect x="{}" y="{}" width="6" height="6" class="chart-point"/>"#,
            n(x - 3.0),
            n(y - 3.0)
        ),
        2 => format!(
            r#"<path d="M{} {}l4 7h-8z" class="chart-point"/>"#,
            n(x),
            n(y - 4.0)
        ),
        3 => format!(
            r#"<path d="M{} {}l4 4l-4 4l-4-4z" class="chart-point"/>"#,
            n(x),
            n(y - 4.0)
        ),
        _ => format!(
            r#"<circle cx="{}" cy="{}" r="3" class="chart-point"/>"#,
            n(x),
            n(y)
        ),
    }
}

/// The label of a line, at the height of its last point.
struct EndLabel {
    y: f64,
    x: f64,
    text: String,
    /// The line's classes, so the leader looks like the line.
    class: String,
    /// The line's `data-pes` attribute, so the label stands out with the line.
    mark: String,
}

/// Labels at the right of the plot, spread so none overlaps, each tied to its line's last
/// point by a thin leader.
fn end_labels(mut ends: Vec<EndLabel>, right: f64, top: f64, bottom: f64) -> String {
    ends.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.text.cmp(&b.text)));
    let mut placed: Vec<f64> = Vec::with_capacity(ends.len());
    for end in &ends {
        let floor = placed.last().map_or(top, |last| last + LABEL_GAP);
        placed.push(end.y.max(floor));
    }
    let mut ceiling = bottom;
    for label_y in placed.iter_mut().rev() {
        *label_y = label_y.min(ceiling);
        ceiling = *label_y - LABEL_GAP;
    }
    let mut svg = String::new();
    for (end, label_y) in ends.iter().zip(placed) {
        svg += &format!(
            r#"<g class="{} chart-end"{}><line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-leader"/>"#,
            end.class,
            end.mark,
            n(end.x + 4.0),
            n(end.y),
            n(right + 8.0),
            n(label_y)
        );
        svg += &text(
            right + 10.0,
            label_y + 4.0,
            "start",
            "chart-label is-small",
            &end.text,
        );
        svg += "</g>";
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gap_breaks_the_line() {
        let chart = LineChart {
            meta: Meta {
                id: "l".into(),
                title: "t".into(),
                desc: "d".into(),
                provenance: None,
            },
            years: vec![2020, 2021, 2022],
            lines: vec![Line {
                label: "A".into(),
                values: vec![Some(1.0), None, Some(3.0)],
                reference: false,
                highlight: false,
                pes: None,
            }],
        };
        let svg = line_chart(&chart, &Numbers::plain());
        let path = svg.split("<path d=\"").nth(1).unwrap();
        let path = &path[..path.find('"').unwrap()];
        assert_eq!(path.matches('M').count(), 2, "{path}");
        assert!(!path.contains('L'));
    }

    #[test]
    fn any_finite_values_draw_finite_lines() {
        use super::super::scale::EXTREMES;
        use super::super::tests::all_finite;
        let line = |values: Vec<Option<f64>>, reference: bool| Line {
            label: "A".into(),
            values,
            reference,
            highlight: false,
            pes: None,
        };
        for &first in &EXTREMES {
            for &second in &EXTREMES {
                let chart = LineChart {
                    meta: Meta {
                        id: "l".into(),
                        title: "t".into(),
                        desc: "d".into(),
                        provenance: None,
                    },
                    years: vec![2020, 2021, 2022],
                    lines: vec![
                        line(vec![Some(first), None, Some(second)], false),
                        line(vec![Some(second), Some(second), Some(second)], true),
                    ],
                };
                let svg = line_chart(&chart, &Numbers::scientific());
                assert!(all_finite(&svg), "{first:e}, {second:e}: {svg}");
                assert!(
                    svg.matches("chart-grid").count() <= 24,
                    "{first:e}, {second:e}"
                );
            }
        }
    }
}
