//! Consistency checks: a figure the site shows twice — as a framework KPI's actual (or baseline)
//! and as the observation of the indicator that KPI measures — must have one value. These are
//! warnings, not errors: the site still builds, but a reader would see two values for one fact,
//! or a value on a PES's profile that its framework leaves out.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::content::yaml::span_of;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::model::data::{Framework, Kpi, Observation, ValueFormat};
use crate::model::text::Spanned;
use crate::model::Site;

/// Every contradiction between the frameworks' KPIs and the observations, as warnings placed
/// at the KPI's figure.
pub fn warnings(site: &Site) -> Diagnostics {
    let mut warnings = Diagnostics::default();
    for framework in &site.data.frameworks {
        for kpi in framework.body.pillars.iter().flat_map(|p| &p.kpis) {
            if let Some(measured) = MeasuredKpi::of(site, framework, kpi) {
                warnings.extend(measured.contradictions());
            }
        }
    }
    warnings
}

/// A KPI that names the indicator it measures, with that indicator's observations of the
/// framework's PES by year (totals only: a breakdown is another figure).
struct MeasuredKpi<'a> {
    framework: &'a Framework,
    kpi: &'a Kpi,
    indicator: &'a str,
    /// The fewer decimals of the KPI's and the indicator's: two values written alike in both
    /// are the same figure.
    decimals: u8,
    observed: BTreeMap<i32, &'a Observation>,
}

impl<'a> MeasuredKpi<'a> {
    fn of(site: &'a Site, framework: &'a Framework, kpi: &'a Kpi) -> Option<Self> {
        let id = &kpi.indicator.as_ref()?.value;
        let indicator = site.data.indicators.iter().find(|i| i.id.value == *id)?;
        let observed = site
            .data
            .observations
            .iter()
            .filter(|o| o.pes.value == framework.pes && o.indicator.value == *id)
            .filter(|o| o.breakdown.is_empty())
            .map(|o| (o.year.value, o))
            .collect();
        let decimals = |format: ValueFormat| format.decimals;
        Some(MeasuredKpi {
            framework,
            kpi,
            indicator: id,
            decimals: decimals(kpi.value_format()).min(decimals(indicator.value_format())),
            observed,
        })
    }

    fn contradictions(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let baseline = &self.kpi.baseline;
        if let Some(observation) = self.observed.get(&baseline.year.value) {
            if !self.written_alike(baseline.value, observation.value.value) {
                found.push(self.differs(&baseline.year, "baseline", baseline.value, observation));
            }
        }
        for (year, actual) in &self.kpi.actuals {
            if let Some(observation) = self.observed.get(year) {
                if !self.written_alike(actual.value, observation.value.value) {
                    found.push(self.differs(actual, "actual", actual.value, observation));
                }
            }
        }
        found.extend(self.missing_actuals());
        found
    }

    /// Observations of a year the KPI follows (from its first target or actual to its last)
    /// that the KPI has no actual for: the profile shows a figure the framework lacks.
    fn missing_actuals(&self) -> Vec<Diagnostic> {
        let kpi = self.kpi;
        let years = || kpi.targets.keys().chain(kpi.actuals.keys()).copied();
        let (Some(first), Some(last)) = (years().min(), years().max()) else {
            return Vec::new();
        };
        self.observed
            .range(first..=last)
            .filter(|(year, _)| !kpi.actuals.contains_key(year))
            .map(|(year, observation)| {
                let value = self.write(observation.value.value);
                let message = format!(
                    "KPI `{}` has no actual for {year}, but `{}` shows {value} for indicator `{}` in {year} ({}); a reader of the framework does not see it",
                    kpi.id.value, self.framework.pes, self.indicator, where_written(observation)
                );
                // At the year's target, where the actual would go beside it; else at the KPI.
                let at = match kpi.targets.get(year) {
                    Some(target) => self.at(target),
                    None => self.at(&kpi.id),
                };
                Diagnostic::at(&self.framework.file, at, message)
                    .with_help(format!("add `{year}: {value}` to the KPI's `actuals`"))
                    .as_warning()
            })
            .collect()
    }

    fn differs<T>(
        &self,
        figure: &Spanned<T>,
        kind: &str,
        value: f64,
        observation: &Observation,
    ) -> Diagnostic {
        let year = observation.year.value;
        let message = format!(
            "KPI `{}` gives {} as its {kind} for {year}, but the observation of `{}` for indicator `{}` in {year} is {} ({}): the same figure with two values",
            self.kpi.id.value,
            self.write(value),
            self.framework.pes,
            self.indicator,
            self.write(observation.value.value),
            where_written(observation)
        );
        Diagnostic::at(&self.framework.file, self.at(figure), message)
            .with_help("correct the value that is wrong, or remove the KPI's `indicator` if it measures something else")
            .as_warning()
    }

    fn at<T>(&self, value: &Spanned<T>) -> crate::diagnostics::Span {
        span_of(&self.framework.file, 0, &value.referenced)
    }

    fn written_alike(&self, a: f64, b: f64) -> bool {
        let scale = 10f64.powi(i32::from(self.decimals));
        (a * scale).round() == (b * scale).round()
    }

    /// A value as the data file writes it, with the decimals the two are compared at.
    fn write(&self, value: f64) -> String {
        format!("{value:.*}", usize::from(self.decimals))
    }
}

/// `file:line:column` of an observation's value.
fn where_written(observation: &Observation) -> String {
    let value = &observation.value;
    let file: &Arc<SourceFile> = &value.file;
    let (line, column) = file.line_column(value.offset);
    format!("{}:{line}:{column}", file.path.display())
}
