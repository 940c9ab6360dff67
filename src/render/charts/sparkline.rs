//! Sparklines: a word-sized line of one PES's or the network's values over the years, for
//! index pages and profiles. No axes; the last value is marked and the table beside it says
//! the numbers.

use super::scale::Scale;
use super::{n, open_compact, Meta};

const WIDTH: f64 = 96.0;
const HEIGHT: f64 = 26.0;

/// The box every sparkline is drawn in, as an SVG `viewBox`.
pub const VIEW_BOX: &str = "0 0 96 26";

/// What a sparkline draws, in the coordinates of [`VIEW_BOX`]: the line as SVG path data and
/// the last known value's point. Scripts that draw sparklines in the page (the comparison
/// page) get these from the build, so they draw exactly what the build draws.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SparkShape {
    pub path: String,
    /// `[x, y]` of the last known value, marked with a dot.
    pub last: Option<[String; 2]>,
}

/// Draws `values` (one per year, `None` for a gap).
pub fn sparkline(meta: &Meta, values: &[Option<f64>]) -> String {
    sparkline_of(meta, &spark_shape(values))
}

/// Draws a sparkline of a shape made by [`spark_shape`].
pub fn sparkline_of(meta: &Meta, shape: &SparkShape) -> String {
    let mut svg = open_compact(meta, "sparkline", WIDTH, HEIGHT);
    svg += &format!(r#"<path d="{}" class="chart-line"/>"#, shape.path);
    if let Some([x, y]) = &shape.last {
        svg += &format!(r#"<circle cx="{x}" cy="{y}" r="2.5" class="chart-point"/>"#);
    }
    svg += "</svg>";
    svg
}

/// The line through `values` (one per year, `None` for a gap), each scaled between the
/// lowest and the highest known value.
pub fn spark_shape(values: &[Option<f64>]) -> SparkShape {
    let known: Vec<f64> = values.iter().flatten().copied().collect();
    let low = known.iter().copied().fold(f64::INFINITY, f64::min);
    let high = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (low, high) = if known.is_empty() {
        (0.0, 1.0)
    } else {
        (low, high)
    };
    let (low, high) = if high > low {
        (low, high)
    } else {
        (low - 1.0, high + 1.0)
    };
    let y = Scale {
        min: low,
        max: high,
        start: HEIGHT - 4.0,
        end: 4.0,
    };
    let x_at = |i: usize| {
        if values.len() <= 1 {
            WIDTH / 2.0
        } else {
            3.0 + (WIDTH - 6.0) * i as f64 / (values.len() - 1) as f64
        }
    };
    let mut path = String::new();
    let mut pen_down = false;
    let mut last = None;
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => {
                let (px, py) = (x_at(i), y.at(*v));
                path += &format!("{}{} {}", if pen_down { "L" } else { "M" }, n(px), n(py));
                pen_down = true;
                last = Some([n(px), n(py)]);
            }
            None => pen_down = false,
        }
    }
    SparkShape { path, last }
}

#[cfg(test)]
mod tests {
    use super::super::scale::EXTREMES;
    use super::super::tests::all_finite;
    use super::*;

    #[test]
    fn the_view_box_is_the_drawing_size() {
        assert_eq!(VIEW_BOX, format!("0 0 {} {}", n(WIDTH), n(HEIGHT)));
    }

    #[test]
    fn any_finite_values_draw_a_finite_line() {
        let meta = Meta {
            id: "s".into(),
            title: "t".into(),
            desc: "d".into(),
            provenance: None,
        };
        for &first in &EXTREMES {
            for &second in &EXTREMES {
                for values in [
                    vec![Some(first), Some(second)],
                    vec![Some(first), None, Some(second), Some(first)],
                    vec![Some(first)],
                ] {
                    let svg = sparkline(&meta, &values);
                    assert!(all_finite(&svg), "{values:?}: {svg}");
                    assert!(svg.contains("<circle"), "{values:?}");
                }
            }
        }
        assert!(all_finite(&sparkline(&meta, &[None, None])));
        assert!(all_finite(&sparkline(&meta, &[])));
    }
}
