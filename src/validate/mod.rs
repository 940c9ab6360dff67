//! Validation: cross-references, ranges, ids and translations, checked over the whole site so
//! that every problem is reported in one run.

pub mod consistency;
pub mod data;
mod documents;
pub mod placeholders;
mod search;
pub mod translations;

use crate::model::countries::CountryNames;
use crate::model::lang::Lang;
use std::sync::Arc;

use crate::content::yaml::span_of;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics, SourceFile};
use crate::model::text::{Date, Localized, Spanned, Translated};
use crate::model::Site;

/// Checks the loaded site and returns every problem found.
pub fn validate(site: &Site) -> Diagnostics {
    let mut checker = Checker {
        site,
        languages: site.config.languages().to_vec(),
        countries: CountryNames::new(site.config.languages(), site.data.country_codes()),
        today: Date::today(),
        problems: Diagnostics::default(),
    };
    data::check(&mut checker);
    documents::check(&mut checker);
    search::check(&mut checker);
    checker.problems
}

/// Shared state and helpers of the checks.
struct Checker<'a> {
    site: &'a Site,
    languages: Vec<Lang>,
    /// To check that a member's country code is one CLDR names.
    countries: CountryNames,
    today: Date,
    problems: Diagnostics,
}

/// A file and the line its YAML starts at: where spanned values are placed.
#[derive(Clone, Copy)]
struct Place<'a> {
    file: &'a Arc<SourceFile>,
    line_offset: usize,
}

impl<'a> Place<'a> {
    fn data(file: &'a Arc<SourceFile>) -> Self {
        Place {
            file,
            line_offset: 0,
        }
    }
}

impl Checker<'_> {
    fn report<T>(&mut self, place: Place<'_>, value: &Spanned<T>, message: impl Into<String>) {
        self.problems.push(self.problem(place, value, message));
    }

    /// Reports `value` as outside what it may be (code `out-of-range`).
    fn out_of_range<T>(
        &mut self,
        place: Place<'_>,
        value: &Spanned<T>,
        message: impl Into<String>,
    ) {
        let problem = self
            .problem(place, value, message)
            .with_code(Code::OutOfRange);
        self.problems.push(problem);
    }

    fn problem<T>(
        &self,
        place: Place<'_>,
        value: &Spanned<T>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::at(
            place.file,
            span_of(place.file, place.line_offset, &value.referenced),
            message,
        )
    }

    fn translations<T: translations::Blank>(
        &mut self,
        place: Place<'_>,
        field: &Translated<T>,
        name: &str,
    ) {
        let problems =
            translations::check(field, &self.languages, place.file, place.line_offset, name);
        self.problems.extend(problems);
    }

    /// Checks the languages of a text given per language; a plain text needs no check.
    fn localized(&mut self, place: Place<'_>, field: &Localized, name: &str) {
        if let Some(translations) = field.translations() {
            self.translations(place, translations, name);
        }
    }

    /// Reports `value` if it is not one of `known`, suggesting the nearest known id.
    fn reference<'k>(
        &mut self,
        place: Place<'_>,
        value: &Spanned<String>,
        kind: &str,
        known: impl IntoIterator<Item = &'k str> + Clone,
    ) -> bool {
        if !self.checkable(kind) || known.clone().into_iter().any(|id| id == value.value) {
            return true;
        }
        let mut problem = self
            .problem(place, value, format!("unknown {kind} `{}`", value.value))
            .with_code(Code::UnknownReference);
        problem = match did_you_mean(&value.value, known.clone()) {
            Some(help) => problem.with_help(help),
            None => {
                let list: Vec<&str> = known.into_iter().take(12).collect();
                if list.is_empty() {
                    problem.with_help(format!("no {kind} is defined yet"))
                } else {
                    problem.with_help(format!("expected one of: {}", list.join(", ")))
                }
            }
        };
        self.problems.push(problem);
        false
    }

    /// Whether the data file that defines the ids of `kind` failed to load: its own error is
    /// reported, and every reference to it would otherwise be reported as unknown too.
    fn unloaded(&self, kind: &str) -> bool {
        let Some(file) = data_file(kind) else {
            return false;
        };
        self.site
            .data
            .unloaded
            .iter()
            .any(|path| path == std::path::Path::new(file))
    }

    /// Whether references to ids of `kind` can be checked: not when the data file that
    /// defines them failed to load (its own error is reported), nor when it is missing, which
    /// is then reported once for the file rather than once for each reference.
    fn checkable(&mut self, kind: &str) -> bool {
        if self.unloaded(kind) {
            return false;
        }
        let Some(file) = data_file(kind) else {
            return true;
        };
        if crate::content::paths::is_present(&self.site.root, std::path::Path::new(file)) {
            return true;
        }
        // Repeats of the same problem are merged in the report.
        self.problems.push(
            Diagnostic::in_path(
                file,
                format!(
                    "this file is missing; it defines the {kind} ids that other files refer to"
                ),
            )
            .with_help(format!("create {file}; docs/content.md describes it")),
        );
        false
    }

    /// Reports an id that is not safe in a URL.
    fn slug(&mut self, place: Place<'_>, value: &Spanned<String>, kind: &str) {
        if !crate::model::text::is_valid_slug(&value.value) {
            self.report(
                place,
                value,
                format!(
                    "`{}` is not a valid {kind}; use lower-case a-z, 0-9 and single hyphens (no `/`, `..`, spaces or accents)",
                    value.value
                ),
            );
        }
    }

    /// Reports a year outside 1900..=this year.
    fn past_year(&mut self, place: Place<'_>, year: &Spanned<i32>, what: &str) {
        let this_year = self.today.year();
        if year.value < 1900 || year.value > this_year {
            self.out_of_range(
                place,
                year,
                format!(
                    "{what} {} is out of range; expected a year from 1900 to {this_year}",
                    year.value
                ),
            );
        }
    }

    /// Reports a date after today.
    fn past_date(&mut self, place: Place<'_>, date: &Spanned<Date>, what: &str) {
        if date.value > self.today {
            self.out_of_range(
                place,
                date,
                format!(
                    "{what} {} is in the future (today is {})",
                    date.value, self.today
                ),
            );
        }
    }
}

/// The data file that defines the ids of `kind`.
fn data_file(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "PES" => "content/data/pes.yaml",
        "cluster" => "content/data/clusters.yaml",
        "network" => "content/data/networks.yaml",
        "category" => "content/data/categories.yaml",
        "indicator" => "content/data/indicators.yaml",
        "excellence area" | "enabler" => "content/data/areas.yaml",
        _ => return None,
    })
}

/// Finds ids given twice, reporting each repeat with where the first one is.
fn duplicates<'v>(
    checker: &mut Checker<'_>,
    place: Place<'_>,
    ids: impl IntoIterator<Item = &'v Spanned<String>>,
    kind: &str,
) {
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    for id in ids {
        if let Some(first) = seen.iter().find(|s| s.value == id.value) {
            let line = first.referenced.line() as usize + place.line_offset;
            checker.report(
                place,
                id,
                format!(
                    "duplicate {kind} `{}`; it is already defined on line {line}",
                    id.value
                ),
            );
        } else {
            seen.push(id);
        }
    }
}
