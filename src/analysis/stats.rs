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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[7.0]), Some(7.0));
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
