//! Indicator observations, from YAML lists or from CSV exported by a spreadsheet.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::yaml;
use crate::diagnostics::{Diagnostic, SourceFile, Span};
use crate::model::data::{Located, Observation};
use crate::model::number;
use crate::model::text::Spanned;

/// One observation as written in YAML.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[schemars(with = "String")]
    pes: Spanned<String>,
    #[schemars(with = "String")]
    indicator: Spanned<String>,
    #[schemars(with = "i32")]
    year: Spanned<i32>,
    #[schemars(with = "f64")]
    #[serde(deserialize_with = "crate::model::number::spanned")]
    value: Spanned<f64>,
    #[serde(default)]
    breakdown: BTreeMap<String, String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// The JSON Schema of a YAML observations file, for `benchlearn schema`.
pub fn yaml_schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<Vec<Entry>>()
}

/// Reads a YAML list of observations.
pub fn from_yaml(file: &Arc<SourceFile>) -> Result<Vec<Observation>, Vec<Diagnostic>> {
    let entries: Vec<Entry> = yaml::parse(file, 0).map_err(|d| vec![d])?;
    let locate =
        |spanned_location: &serde_saphyr::Location| yaml::span_of(file, 0, spanned_location);
    Ok(entries
        .into_iter()
        .map(|entry| Observation {
            pes: located(file, locate(&entry.pes.referenced), entry.pes.value),
            indicator: located(
                file,
                locate(&entry.indicator.referenced),
                entry.indicator.value,
            ),
            year: located(file, locate(&entry.year.referenced), entry.year.value),
            value: located(file, locate(&entry.value.referenced), entry.value.value),
            breakdown: entry.breakdown,
            note: entry.note,
            source: entry.source,
        })
        .collect())
}

fn located<T>(file: &Arc<SourceFile>, span: Span, value: T) -> Located<T> {
    Located {
        value,
        file: Arc::clone(file),
        offset: span.offset,
        len: span.len,
    }
}

const REQUIRED_COLUMNS: [&str; 4] = ["pes", "indicator", "year", "value"];
const OPTIONAL_COLUMNS: [&str; 4] = ["sex", "age", "note", "source"];

/// Reads observations from CSV with a header row; every bad cell is reported, not just the first.
pub fn from_csv(file: &Arc<SourceFile>) -> Result<Vec<Observation>, Vec<Diagnostic>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(error) => return Err(vec![csv_error(file, &error)]),
    };
    let mut problems = check_headers(file, &headers);
    if !problems.is_empty() {
        return Err(problems);
    }
    let column = |name: &str| headers.iter().position(|h| h == name);
    let mut observations = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                problems.push(csv_error(file, &error));
                continue;
            }
        };
        let record_offset = record.position().map_or(0, |p| p.byte() as usize);
        let cell = |name: &str| -> Option<(String, Span)> {
            let index = column(name)?;
            let text = record.get(index)?.to_string();
            let range = record.range(index)?;
            let span = Span::new(record_offset + range.start + index, text.len().max(1));
            Some((text, span))
        };
        let text_cell = |name: &str| cell(name).map(|(text, span)| located(file, span, text));
        let (Some(pes), Some(indicator)) = (text_cell("pes"), text_cell("indicator")) else {
            continue;
        };
        let year = cell("year").and_then(|(text, span)| match text.parse::<i32>() {
            Ok(year) => Some(located(file, span, year)),
            Err(_) => {
                problems.push(Diagnostic::at(
                    file,
                    span,
                    format!("`{text}` is not a year; expected a whole number such as 2023"),
                ));
                None
            }
        });
        let value = cell("value").and_then(|(text, span)| match parse_number(&text) {
            Ok(value) => Some(located(file, span, value)),
            Err(message) => {
                problems.push(Diagnostic::at(file, span, message));
                None
            }
        });
        let (Some(year), Some(value)) = (year, value) else {
            continue;
        };
        let optional = |name: &str| cell(name).map(|(text, _)| text).filter(|t| !t.is_empty());
        let breakdown = ["sex", "age"]
            .into_iter()
            .filter_map(|name| optional(name).map(|v| (name.to_string(), v)))
            .collect();
        observations.push(Observation {
            pes,
            indicator,
            year,
            value,
            breakdown,
            note: optional("note"),
            source: optional("source"),
        });
    }
    if problems.is_empty() {
        Ok(observations)
    } else {
        Err(problems)
    }
}

/// Accepts a decimal point or, as French spreadsheets write it, a decimal comma; refuses what
/// is not a number of the data (see [`number::problem`]).
fn parse_number(text: &str) -> Result<f64, String> {
    let not_a_number = || format!("`{text}` is not a number; expected a value such as 48.2");
    let value: f64 = text.replace(',', ".").parse().map_err(|_| not_a_number())?;
    match number::problem(value) {
        Some(_) if !value.is_finite() => Err(not_a_number()),
        Some(problem) => Err(problem),
        None => Ok(value),
    }
}

fn check_headers(file: &Arc<SourceFile>, headers: &csv::StringRecord) -> Vec<Diagnostic> {
    let first_line = Span::new(0, file.text.lines().next().map_or(1, |l| l.len().max(1)));
    let mut problems = Vec::new();
    for required in REQUIRED_COLUMNS {
        if !headers.iter().any(|h| h == required) {
            problems.push(
                Diagnostic::at(file, first_line, format!("the header row has no `{required}` column"))
                    .with_help("the header row must name the columns pes,indicator,year,value (and optionally sex,age,note,source)"),
            );
        }
    }
    let known: Vec<&str> = REQUIRED_COLUMNS
        .iter()
        .chain(&OPTIONAL_COLUMNS)
        .copied()
        .collect();
    for header in headers.iter() {
        if !known.contains(&header) {
            let mut problem =
                Diagnostic::at(file, first_line, format!("unknown column `{header}`"));
            if let Some(help) = crate::diagnostics::did_you_mean(header, known.iter().copied()) {
                problem = problem.with_help(help);
            }
            problems.push(problem);
        }
    }
    problems
}

fn csv_error(file: &Arc<SourceFile>, error: &csv::Error) -> Diagnostic {
    let offset = error.position().map_or(0, |p| p.byte() as usize);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} cells; the header row has {expected_len}")
        }
        _ => format!("this is not valid CSV: {error}"),
    };
    Diagnostic::at(file, Span::new(offset.min(file.text.len()), 1), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csv_with_decimal_commas() {
        let file = SourceFile::new(
            "o.csv",
            "pes,indicator,year,value,sex\nfr-ft,exits,2022,\"48,2\",female\n",
        );
        let observations = from_csv(&file).unwrap();
        assert_eq!(observations.len(), 1);
        assert_eq!(observations[0].value.value, 48.2);
        assert_eq!(
            observations[0].breakdown.get("sex").map(String::as_str),
            Some("female")
        );
    }

    #[test]
    fn bad_cells_are_all_reported_with_positions() {
        let file = SourceFile::new(
            "o.csv",
            "pes,indicator,year,value\nfr-ft,exits,deux-mille,4\nfr-ft,exits,2021,beaucoup\n",
        );
        let problems = from_csv(&file).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line_column(), Some((2, 13)));
        assert!(problems[0].message.contains("deux-mille"));
        assert_eq!(problems[1].line_column().map(|p| p.0), Some(3));
    }

    #[test]
    fn unknown_columns_suggest_a_name() {
        let file = SourceFile::new("o.csv", "pes,indicator,yaer,value\n");
        let problems = from_csv(&file).unwrap_err();
        assert!(problems
            .iter()
            .any(|p| p.help.as_deref() == Some("did you mean `year`?")));
    }
}
