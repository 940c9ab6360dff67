//! Medians and ranks, the two comparisons every benchmark page rests on.

use std::cmp::Ordering;

use crate::model::data::Better;

/// The median of `values`, or `None` when there are none.
///
/// With an even count the median is the mean of the two middle values, the usual statistical
/// convention (and what spreadsheets' `MEDIAN` does), so a published figure can be checked.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 0 {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    })
}

/// The lower quartile, the median and the upper quartile of several values: where the middle
/// half of them lies, which a public page can show without showing any one of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

/// Which quarter of a distribution a value falls in, lowest first: where a PES stands
/// without its score being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quarter {
    /// Below the lower quartile.
    Lowest,
    /// From the lower quartile to below the median.
    BelowMedian,
    /// From the median to the upper quartile.
    AboveMedian,
    /// Above the upper quartile.
    Highest,
}

impl Quarter {
    /// Its id: the last part of the UI string that words it.
    pub fn key(self) -> &'static str {
        match self {
            Quarter::Lowest => "lowest",
            Quarter::BelowMedian => "below_median",
            Quarter::AboveMedian => "above_median",
            Quarter::Highest => "highest",
        }
    }
}

impl Quartiles {
    /// The quarter `value` falls in.
    pub fn quarter_of(&self, value: f64) -> Quarter {
        if value < self.q1 {
            Quarter::Lowest
        } else if value < self.median {
            Quarter::BelowMedian
        } else if value <= self.q3 {
            Quarter::AboveMedian
        } else {
            Quarter::Highest
        }
    }
}

/// The quartiles of `values`, or `None` when there are none.
///
/// Each quartile is interpolated between the two nearest values, as spreadsheets'
/// `QUARTILE.INC` (and `QUARTILE`) compute it: with `n` values sorted, the quartile `p` lies
/// at position `(n - 1) × p`, counting from 0. The median is then [`median`]'s, so a
/// published figure can be checked.
pub fn quartiles(values: &[f64]) -> Option<Quartiles> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let at = |share: f64| {
        let position = (sorted.len() - 1) as f64 * share;
        let below = position.floor() as usize;
        let above = position.ceil() as usize;
        sorted[below] + (position - below as f64) * (sorted[above] - sorted[below])
    };
    Some(Quartiles {
        q1: at(0.25),
        median: at(0.5),
        q3: at(0.75),
    })
}

/// The rank of `value` among `all` (which includes it), 1 being the best.
///
/// Ties share the best rank and leave a gap after them ("1, 2, 2, 4"), so a rank always says
/// how many did strictly better.
pub fn rank(value: f64, all: &[f64], better: Better) -> usize {
    1 + all
        .iter()
        .filter(|other| compare(**other, value, better) == Ordering::Less)
        .count()
}

/// Orders values best first for `better`.
pub fn compare(a: f64, b: f64, better: Better) -> Ordering {
    match better {
        Better::Higher => b.total_cmp(&a),
        Better::Lower => a.total_cmp(&b),
    }
}

/// What a change, or a gap to a reference, means for an indicator: a fall in long-term
/// unemployment is an improvement, a fall in transitions to work a decline. Pages say it in
/// words and colour, so a reader never has to know which way each indicator runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Better,
    Worse,
    /// No change at the precision the figure is written with ("+0.0" is no change).
    Same,
}

impl Verdict {
    /// The verdict on `delta` for an indicator where `better` values are higher or lower,
    /// written with `decimals` decimals.
    pub fn of(delta: f64, better: Better, decimals: u8) -> Verdict {
        let scale = 10f64.powi(i32::from(decimals));
        let shown = (delta * scale).round();
        if shown == 0.0 {
            return Verdict::Same;
        }
        match (shown > 0.0, better) {
            (true, Better::Higher) | (false, Better::Lower) => Verdict::Better,
            _ => Verdict::Worse,
        }
    }

    /// Its id: the CSS class `is-<id>` and the last part of the UI strings that word it.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::Same => "same",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fall_is_better_where_lower_is_better_and_a_rounded_zero_is_no_change() {
        assert_eq!(Verdict::of(-0.7, Better::Lower, 1), Verdict::Better);
        assert_eq!(Verdict::of(-1.3, Better::Higher, 1), Verdict::Worse);
        assert_eq!(Verdict::of(2.0, Better::Higher, 0), Verdict::Better);
        assert_eq!(Verdict::of(16.0, Better::Lower, 0), Verdict::Worse);
        assert_eq!(Verdict::of(0.04, Better::Higher, 1), Verdict::Same);
        assert_eq!(Verdict::of(-0.4, Better::Lower, 0), Verdict::Same);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
    }

    #[test]
    fn quartiles_are_interpolated_as_spreadsheets_do() {
        assert_eq!(quartiles(&[]), None);
        let one = quartiles(&[4.0]).unwrap();
        assert_eq!((one.q1, one.median, one.q3), (4.0, 4.0, 4.0));
        // QUARTILE.INC({2;3;4;5}) = 2.75, 3.5, 4.25
        let four = quartiles(&[5.0, 2.0, 4.0, 3.0]).unwrap();
        assert_eq!((four.q1, four.median, four.q3), (2.75, 3.5, 4.25));
        // QUARTILE.INC({1;3;4;4;6}) = 3, 4, 4
        let five = quartiles(&[4.0, 1.0, 6.0, 3.0, 4.0]).unwrap();
        assert_eq!((five.q1, five.median, five.q3), (3.0, 4.0, 4.0));
        for values in [
            &[1.0, 2.0][..],
            &[3.0, 1.0, 2.0],
            &[6.0, 1.0, 2.0, 2.0, 5.0, 3.0],
        ] {
            assert_eq!(quartiles(values).map(|q| q.median), median(values));
        }
    }

    #[test]
    fn a_value_falls_in_one_quarter() {
        let q = Quartiles {
            q1: 2.0,
            median: 3.0,
            q3: 4.0,
        };
        assert_eq!(q.quarter_of(1.5), Quarter::Lowest);
        assert_eq!(q.quarter_of(2.0), Quarter::BelowMedian);
        assert_eq!(q.quarter_of(3.0), Quarter::AboveMedian);
        assert_eq!(q.quarter_of(4.0), Quarter::AboveMedian);
        assert_eq!(q.quarter_of(4.5), Quarter::Highest);
    }

    #[test]
    fn ties_share_the_best_rank() {
        let all = [50.0, 60.0, 60.0, 40.0];
        assert_eq!(rank(60.0, &all, Better::Higher), 1);
        assert_eq!(rank(50.0, &all, Better::Higher), 3);
        assert_eq!(rank(40.0, &all, Better::Higher), 4);
        assert_eq!(rank(40.0, &all, Better::Lower), 1);
        assert_eq!(rank(60.0, &all, Better::Lower), 3);
    }
}
