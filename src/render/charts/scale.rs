//! Linear scales and "nice" axis ticks (1, 2, 2.5 or 5 times a power of ten).

/// Maps values in `[min, max]` to positions in `[start, end]`.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub start: f64,
    pub end: f64,
}

impl Scale {
    pub fn at(&self, value: f64) -> f64 {
        if self.max == self.min {
            return self.start;
        }
        self.start + (value - self.min) / (self.max - self.min) * (self.end - self.start)
    }
}

/// Round bounds covering `[low, high]` and the ticks between them, about `count` of them.
pub fn nice(low: f64, high: f64, count: usize) -> (f64, f64, Vec<f64>) {
    let (low, high) = if high > low {
        (low, high)
    } else if high == 0.0 {
        (0.0, 1.0)
    } else {
        (low - high.abs() * 0.1, high + high.abs() * 0.1)
    };
    let raw = (high - low) / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude);
    let min = (low / step).floor() * step;
    let max = (high / step).ceil() * step;
    let steps = ((max - min) / step).round() as usize;
    let ticks = (0..=steps).map(|i| min + step * i as f64).collect();
    (min, max, ticks)
}

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
}
