//! Sparklines: a word-sized line of one PES's or the network's values over the years, for
//! index pages and profiles. No axes; the last value is marked and the table beside it says
//! the numbers.

use super::scale::Scale;
use super::{n, open, Meta};

const WIDTH: f64 = 96.0;
const HEIGHT: f64 = 26.0;

/// Draws `values` (one per year, `None` for a gap).
pub fn sparkline(meta: &Meta, values: &[Option<f64>]) -> String {
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
                last = Some((px, py));
            }
            None => pen_down = false,
        }
    }
    let mut svg = open(meta, "sparkline", WIDTH, HEIGHT);
    svg += &format!(r#"<path d="{path}" class="chart-line"/>"#);
    if let Some((px, py)) = last {
        svg += &format!(
            r#"<circle cx="{}" cy="{}" r="2.5" class="chart-point"/>"#,
            n(px),
            n(py)
        );
    }
    svg += "</svg>";
    svg
}

#[cfg(test)]
mod tests {
    use super::super::scale::EXTREMES;
    use super::super::tests::all_finite;
    use super::*;

    #[test]
    fn any_finite_values_draw_a_finite_line() {
        let meta = Meta {
            id: "s".into(),
            title: "t".into(),
            desc: "d".into(),
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
