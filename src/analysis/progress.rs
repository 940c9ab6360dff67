//! Progress of a framework's KPIs towards their targets.

use crate::model::data::Kpi;

/// How far `actual` has gone from `baseline` towards `target`: 0 at the baseline, 1 on target.
///
/// Works for KPIs that should fall as well as rise (the sign of `target − baseline` carries the
/// direction). `None` when the target equals the baseline: there is no distance to cover (nor
/// when it is so small that the ratio overflows).
pub fn progress(baseline: f64, target: f64, actual: f64) -> Option<f64> {
    let distance = target - baseline;
    let ratio = (actual - baseline) / distance;
    (distance != 0.0 && ratio.is_finite()).then_some(ratio)
}

/// A progress ratio limited to 0–1 for drawing a bar; the figure itself is shown unclamped.
pub fn clamped(progress: f64) -> f64 {
    progress.clamp(0.0, 1.0)
}

/// One year of a KPI: its target, its actual and the progress they make.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiYear {
    pub year: i32,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub progress: Option<f64>,
}

/// Every year a KPI has a target or an actual, oldest first.
pub fn years(kpi: &Kpi) -> Vec<KpiYear> {
    let mut years: Vec<i32> = kpi
        .targets
        .keys()
        .chain(kpi.actuals.keys())
        .copied()
        .collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let target = kpi.targets.get(&year).map(|t| t.value);
            let actual = kpi.actuals.get(&year).map(|a| a.value);
            let progress = match (target, actual) {
                (Some(target), Some(actual)) => progress(kpi.baseline.value, target, actual),
                _ => None,
            };
            KpiYear {
                year,
                target,
                actual,
                progress,
            }
        })
        .collect()
}

/// The latest year with both a target and an actual: where the KPI stands now.
pub fn latest(kpi: &Kpi) -> Option<KpiYear> {
    years(kpi).into_iter().rev().find(|y| y.progress.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_runs_from_baseline_to_target() {
        assert_eq!(progress(12.0, 40.0, 36.4), Some((36.4 - 12.0) / 28.0));
        assert_eq!(progress(10.0, 20.0, 10.0), Some(0.0));
        assert_eq!(progress(10.0, 20.0, 25.0), Some(1.5));
        assert_eq!(progress(10.0, 10.0, 12.0), None);
        assert_eq!(progress(0.0, 1e-300, 1e15), None, "too far to be a share");
    }

    #[test]
    fn falling_targets_count_as_progress() {
        assert_eq!(progress(300.0, 200.0, 250.0), Some(0.5));
    }

    #[test]
    fn display_is_clamped() {
        assert_eq!(clamped(1.5), 1.0);
        assert_eq!(clamped(-0.2), 0.0);
        assert_eq!(clamped(0.4), 0.4);
    }
}
