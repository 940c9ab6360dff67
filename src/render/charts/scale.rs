//! Linear scales and "nice" axis ticks (1, 2, 2.5 or 5 times a power of ten).
//!
//! Both take any finite numbers, from `-f64::MAX` to `f64::MAX` and down to subnormals, without
//! overflowing, dividing by zero or allocating more than a few ticks: a chart never panics
//! and never draws `NaN`.

/// The most ticks an axis gets, whatever is asked.
const MAX_TICKS: usize = 20;

/// Maps values in `[min, max]` to positions in `[start, end]`.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub start: f64,
    pub end: f64,
}

impl Scale {
    /// The position of `value`; the start for a scale without extent or a value it cannot place.
    pub fn at(&self, value: f64) -> f64 {
        let position = self.start + fraction(value, self.min, self.max) * (self.end - self.start);
        if position.is_finite() {
            position
        } else {
            self.start
        }
    }
}

/// Where `value` lies from `min` (0) to `max` (1); 0 on a scale without extent. Bounds too
/// far apart for `max - min` to be finite are measured in halves.
fn fraction(value: f64, min: f64, max: f64) -> f64 {
    let extent = max - min;
    if extent.is_finite() {
        return if extent == 0.0 {
            0.0
        } else {
            (value - min) / extent
        };
    }
    (value / 2.0 - min / 2.0) / (max / 2.0 - min / 2.0)
}

/// Round bounds covering `[low, high]` and the ticks between them, about `count` of them.
pub fn nice(low: f64, high: f64, count: usize) -> (f64, f64, Vec<f64>) {
    let count = count.clamp(1, MAX_TICKS);
    let (low, high) = extent(low, high);
    round_ticks(low, high, count).unwrap_or_else(|| even_ticks(low, high, count))
}

/// `[low, high]` in order, finite, and wider than a point: flat data gets a margin of a tenth
/// of its value (or 0 to 1 for zeros), so a line or bar still has somewhere to sit.
fn extent(low: f64, high: f64) -> (f64, f64) {
    if !(low.is_finite() && high.is_finite()) {
        return (0.0, 1.0);
    }
    let (low, high) = (low.min(high), low.max(high));
    if high > low {
        return (low, high);
    }
    if high == 0.0 {
        return (0.0, 1.0);
    }
    let margin = high.abs() * 0.1;
    let (wider_low, wider_high) = (low - margin, high + margin);
    if wider_low.is_finite() && wider_high.is_finite() && wider_high > wider_low {
        (wider_low, wider_high)
    } else if high > 0.0 {
        (0.0, high)
    } else {
        (low, 0.0)
    }
}

/// Ticks at a round step, or `None` where the bounds are too wide (the rounded bounds would
/// overflow) or too fine (the step would vanish, or rounding miss a bound) for round numbers.
fn round_ticks(low: f64, high: f64, count: usize) -> Option<(f64, f64, Vec<f64>)> {
    let parts = count as f64;
    let raw = high / parts - low / parts;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude);
    let min = (low / step).floor() * step;
    let max = (high / step).ceil() * step;
    let steps = (max / step - min / step).round();
    let usable = [raw, step, min, max, steps].iter().all(|v| v.is_finite())
        && step > 0.0
        && min <= low
        && max >= high
        && (1.0..=(count + 2) as f64).contains(&steps);
    if !usable {
        return None;
    }
    let ticks: Vec<f64> = (0..=steps as usize)
        .map(|i| min + step * i as f64)
        .collect();
    let rising = ticks.windows(2).all(|pair| pair[1] > pair[0]);
    (rising && ticks.iter().all(|tick| tick.is_finite())).then_some((min, max, ticks))
}

/// `count` equal parts from `low` to `high`, for bounds round steps cannot serve; parts too
/// fine for `f64` to tell apart merge.
fn even_ticks(low: f64, high: f64, count: usize) -> (f64, f64, Vec<f64>) {
    let mut ticks: Vec<f64> = Vec::with_capacity(count + 1);
    for i in 0..=count {
        let share = i as f64 / count as f64;
        let tick = (low * (1.0 - share) + high * share).clamp(low, high);
        ticks.push(ticks.last().map_or(tick, |last| tick.max(*last)));
    }
    ticks.dedup();
    (low, high, ticks)
}

/// Numbers at the edges of `f64`, for the charts' tests: every chart must draw them.
#[cfg(test)]
pub(super) const EXTREMES: [f64; 16] = [
    0.0,
    -0.0,
    1.0,
    -3.5,
    67.3,
    1e15,
    -1e15,
    1e15 + 0.125,
    f64::MAX,
    f64::MIN,
    f64::MIN_POSITIVE,
    -f64::MIN_POSITIVE,
    5e-324,
    1e300,
    -1e300,
    1e-300,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round() {
        let (min, max, ticks) = nice(0.0, 67.3, 5);
        assert_eq!((min, max), (0.0, 80.0));
        assert_eq!(ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0]);
        let scale = Scale {
            min,
            max,
            start: 0.0,
            end: 140.0,
        };
        assert_eq!(scale.at(40.0), 70.0);
    }

    #[test]
    fn flat_data_still_has_a_range() {
        let (min, max, _) = nice(5.0, 5.0, 4);
        assert!(min < 5.0 && max > 5.0);
    }

    #[test]
    fn any_finite_bounds_give_few_finite_rising_ticks() {
        for &low in &EXTREMES {
            for &high in &EXTREMES {
                for count in [0, 1, 4, 5, 1000] {
                    let (min, max, ticks) = nice(low, high, count);
                    let case = format!("nice({low:e}, {high:e}, {count}) = {min:e}..{max:e}");
                    assert!(min.is_finite() && max.is_finite() && min < max, "{case}");
                    assert!(min <= low.min(high) && max >= low.max(high), "{case}");
                    assert!(
                        (2..=MAX_TICKS + 3).contains(&ticks.len()),
                        "{case}: {ticks:?}"
                    );
                    assert!(ticks.iter().all(|t| t.is_finite()), "{case}: {ticks:?}");
                    assert!(ticks.windows(2).all(|p| p[0] < p[1]), "{case}: {ticks:?}");
                }
            }
        }
    }

    #[test]
    fn any_finite_value_has_a_finite_position_on_any_scale() {
        for &min in &EXTREMES {
            for &max in &EXTREMES {
                let scale = Scale {
                    min,
                    max,
                    start: 300.0,
                    end: 10.0,
                };
                for &value in &EXTREMES {
                    let at = scale.at(value);
                    assert!(at.is_finite(), "{value:e} on {min:e}..{max:e} is at {at}");
                }
                if min < max {
                    assert!((scale.at(min) - 300.0).abs() < 1e-9, "{min:e}..{max:e}");
                    assert!((scale.at(max) - 10.0).abs() < 1e-9, "{min:e}..{max:e}");
                }
            }
        }
    }
}
