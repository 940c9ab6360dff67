//! Time-series line charts: one line per PES over the years, a reference line (the network
//! median), and a label at the end of each line. A missing year breaks the line. With many
//! lines, the PES are muted so the reference stands out; each line, its markers and its label
//! form one focusable group that hover, focus or tap brings forward.

use super::scale::{nice, Scale};
use super::{
    chars_in, close, data_pes, each_layout, label, n, open, text, Label, Layout, Meta, Numbers,
    CHAR,
};

/// One series: a label and a value (or a gap) per year of the chart.
#[derive(Debug, Clone)]
pub struct Line {
    pub label: String,
    /// The full name behind a short label (a PES's name behind its acronym), shown on hover.
    pub full: Option<String>,
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

/// Above the plot: the axis unit.
const TOP: f64 = 30.0;
/// Below the plot: the years.
const BOTTOM: f64 = 30.0;
/// The height of an end label: labels never come closer.
pub(crate) const LABEL_GAP: f64 = 17.0;
/// From this many PES lines on, they are muted so that the references stand out.
const MANY: usize = 5;
/// The longest end label, in characters, on the narrowest layout.
const LABEL_CHARS: usize = 10;

/// Draws `chart` once per layout; `numbers` writes the axis numbers.
pub fn line_chart(chart: &LineChart, numbers: &Numbers<'_>) -> String {
    each_layout(|layout| line_chart_in(chart, numbers, layout))
}

/// One line, placed: its classes, its points and where its label goes.
struct Placed<'a> {
    line: &'a Line,
    class: String,
    series: usize,
    points: Vec<Option<(f64, f64)>>,
}

/// Draws `chart` for `layout`.
fn line_chart_in(chart: &LineChart, numbers: &Numbers<'_>, layout: Layout) -> String {
    let width = layout.width;
    let series_count = chart.lines.len();
    let plot_height = (LABEL_GAP * series_count as f64 + 20.0)
        .max(200.0)
        .max(width * 0.36);
    let height = TOP + plot_height + BOTTOM;
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
    let tick_labels = numbers.ticks(&ticks);
    let tick_chars = tick_labels
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(1);
    let left = CHAR * tick_chars as f64 + 10.0;
    let label_chars = chart
        .lines
        .iter()
        .map(|l| l.label.chars().count())
        .max()
        .unwrap_or(1)
        .min(LABEL_CHARS.max(chars_in(width * 0.2)));
    let plot_right = width - CHAR * label_chars as f64 - 16.0;
    let y = Scale {
        min,
        max,
        start: TOP + plot_height,
        end: TOP,
    };
    let x_at = |index: usize| {
        if chart.years.len() <= 1 {
            (left + plot_right) / 2.0
        } else {
            left + (plot_right - left) * index as f64 / (chart.years.len() - 1) as f64
        }
    };
    let mut svg = open(&chart.meta, "lines", layout, height);
    svg += &text(0.0, 14.0, "start", "chart-unit", &numbers.unit);
    for (tick, label) in ticks.iter().zip(tick_labels) {
        let ty = y.at(*tick);
        svg += &format!(
            r#"<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" class="chart-grid"/>"#,
            n(left),
            n(ty),
            n(plot_right)
        );
        svg += &text(left - 6.0, ty + 5.0, "end", "chart-tick", &label);
    }
    for (index, year) in chart.years.iter().enumerate() {
        svg += &text(
            x_at(index),
            TOP + plot_height + 20.0,
            "middle",
            "chart-tick",
            &year.to_string(),
        );
    }
    let mut placed = Vec::with_capacity(series_count);
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
        let points = line
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| v.map(|v| (x_at(i), y.at(v))))
            .collect();
        placed.push(Placed {
            line,
            class,
            series,
            points,
        });
    }
    let ends: Vec<(usize, f64)> = placed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.points.iter().flatten().last().map(|(_, py)| (i, *py)))
        .collect();
    let label_ys = spread(&ends, TOP, TOP + plot_height);
    // PES first, the page's own PES and the references last: drawn on top.
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|i| {
        let line = placed[*i].line;
        (line.reference, line.highlight)
    });
    let crowded = if ordinary >= MANY { " is-many" } else { "" };
    svg += &format!(r#"<g class="chart-series{crowded}">"#);
    for index in order {
        let label_y = label_ys.iter().find(|(i, _)| *i == index).map(|(_, y)| *y);
        svg += &series_group(&placed[index], label_y, plot_right, label_chars);
    }
    svg += "</g>";
    svg += &close(&chart.meta, layout, height);
    svg
}

/// One series as a focusable group: its line, markers and, at `label_y`, its end label tied
/// to its last point by a leader.
fn series_group(
    placed: &Placed<'_>,
    label_y: Option<f64>,
    plot_right: f64,
    label_chars: usize,
) -> String {
    let mut path = String::new();
    let mut pen_down = false;
    for point in &placed.points {
        match point {
            Some((px, py)) => {
                path += &format!("{}{} {}", if pen_down { "L" } else { "M" }, n(*px), n(*py));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    let mark = data_pes(placed.line.pes.as_deref());
    let mut svg = format!(
        r#"<g class="{}"{mark} tabindex="0"><path d="{path}"/>"#,
        placed.class
    );
    for (px, py) in placed.points.iter().flatten() {
        svg += &marker(*px, *py, placed.series, placed.line.reference);
    }
    if let (Some((px, py)), Some(label_y)) = (placed.points.iter().flatten().last(), label_y) {
        svg += &format!(
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-leader"/>"#,
            n(px + 4.0),
            n(*py),
            n(plot_right + 8.0),
            n(label_y)
        );
        svg += &label(
            plot_right + 10.0,
            label_y + 5.0,
            "start",
            "chart-label",
            Label {
                shown: &placed.line.label,
                full: placed.line.full.as_deref(),
            },
            label_chars,
        );
    }
    svg + "</g>"
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

/// Heights for end labels wanted at `wanted` (a series index and the height of its last
/// point), each at least [`LABEL_GAP`] from the next, within `top` to `bottom` where they fit.
pub(crate) fn spread(wanted: &[(usize, f64)], top: f64, bottom: f64) -> Vec<(usize, f64)> {
    let mut sorted = wanted.to_vec();
    sorted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut placed: Vec<(usize, f64)> = Vec::with_capacity(sorted.len());
    for (index, wanted_y) in sorted {
        let floor = placed.last().map_or(top, |last| last.1 + LABEL_GAP);
        placed.push((index, wanted_y.max(floor)));
    }
    let mut ceiling = bottom;
    for label in placed.iter_mut().rev() {
        label.1 = label.1.min(ceiling);
        ceiling = label.1 - LABEL_GAP;
    }
    placed
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
                full: None,
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
            full: None,
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
                    svg.matches("chart-grid").count() <= 24 * 3,
                    "{first:e}, {second:e}"
                );
            }
        }
    }

    fn crowded(count: usize) -> LineChart {
        LineChart {
            meta: Meta {
                id: "l".into(),
                title: "t".into(),
                desc: "d".into(),
                provenance: None,
            },
            years: vec![2020, 2021],
            lines: (0..count)
                .map(|i| Line {
                    label: format!("PES {i}"),
                    full: None,
                    values: vec![Some(10.0), Some(10.0 + i as f64 * 0.01)],
                    reference: i == 0,
                    highlight: false,
                    pes: Some(format!("p{i}")),
                })
                .collect(),
        }
    }

    #[test]
    fn end_labels_never_overlap() {
        let wanted: Vec<(usize, f64)> = (0..13).map(|i| (i, 100.0 + i as f64 * 0.5)).collect();
        let mut placed: Vec<f64> = spread(&wanted, 30.0, 30.0 + LABEL_GAP * 13.0 + 20.0)
            .iter()
            .map(|(_, y)| *y)
            .collect();
        placed.sort_by(f64::total_cmp);
        assert!(placed.windows(2).all(|p| p[1] - p[0] >= LABEL_GAP - 1e-9));
        // Drawn: each label sits in its own band of the plot.
        let svg = line_chart(&crowded(13), &Numbers::plain());
        let narrow = svg.split("</svg>").next().unwrap();
        let mut ys: Vec<f64> = narrow
            .split(r#"<text x=""#)
            .skip(1)
            .filter(|t| t.contains(r#"class="chart-label""#))
            .map(|t| {
                let y = &t[t.find(r#"y=""#).unwrap() + 3..];
                y[..y.find('"').unwrap()].parse().unwrap()
            })
            .collect();
        ys.sort_by(f64::total_cmp);
        assert_eq!(ys.len(), 13);
        assert!(
            ys.windows(2).all(|p| p[1] - p[0] >= LABEL_GAP - 0.1),
            "{ys:?}"
        );
    }

    #[test]
    fn many_lines_are_muted_and_each_can_be_focused() {
        let svg = line_chart(&crowded(13), &Numbers::plain());
        assert_eq!(
            svg.matches(r#"<g class="chart-series is-many">"#).count(),
            3
        );
        let narrow = svg.split("</svg>").next().unwrap();
        assert_eq!(narrow.matches(r#"tabindex="0""#).count(), 13);
        // The reference is drawn last, over the PES.
        let last = narrow.rfind(r#"<g class="chart-line"#).unwrap();
        assert!(narrow[last..].starts_with(r#"<g class="chart-line is-reference""#));
        let few = line_chart(&crowded(3), &Numbers::plain());
        assert!(!few.contains("is-many"));
    }

    #[test]
    fn the_value_axis_carries_its_unit() {
        let svg = line_chart(&crowded(2), &Numbers::plain());
        assert_eq!(svg.matches(r#"class="chart-unit">units</text>"#).count(), 3);
    }
}
