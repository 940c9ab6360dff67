//! Indicator observations, from YAML lists or from CSV exported by a spreadsheet.

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::yaml;
use crate::diagnostics::{Diagnostic, SourceFile, Span};
use crate::model::breakdown::Sex;
use crate::model::data::{DatasetPath, Located, Observation};
use crate::model::lang::Lang;
use crate::model::number;
use crate::model::text::{Localized, Spanned, Translated};

/// One observation as written in YAML.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[schemars(with = "String")]
    pes: Spanned<String>,
    #[schemars(with = "String")]
    indicator: Spanned<String>,
    #[schemars(with = "i32", range(min = 1900, max = 2100))]
    year: Spanned<i32>,
    #[schemars(with = "f64")]
    #[serde(deserialize_with = "crate::model::number::spanned")]
    value: Spanned<f64>,
    /// The subgroup the value counts rather than the total: `{sex: female}`, `{age: 15-24}`.
    #[serde(default)]
    #[schemars(schema_with = "breakdown_schema")]
    breakdown: BTreeMap<String, String>,
    /// A remark on the value: one text for every language, or one per language.
    #[serde(default)]
    note: Option<Localized>,
    /// Where the value comes from: a name, or one text per language.
    #[serde(default)]
    source: Option<Localized>,
}

/// The JSON Schema of a breakdown: `sex` and `age`, with the values pages can name.
fn breakdown_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The subgroup the value counts rather than the total: by sex, by age group, or both.",
        "type": "object",
        "properties": {
            "sex": {"enum": Sex::ALL.map(Sex::key)},
            "age": {
                "description": "An age group in whole years: `15-24` (from 15 to 24) or `55+` (55 and over).",
                "type": "string",
                "pattern": "^[0-9]+(-[0-9]+|\\+)$",
            },
        },
        "additionalProperties": false,
        "default": {},
    })
}

/// The JSON Schema of a YAML observations file, for `benchlearn schema`.
pub fn yaml_schema(generator: schemars::SchemaGenerator) -> schemars::Schema {
    generator.into_root_schema_for::<Vec<Entry>>()
}

/// Reads a YAML list of observations.
pub fn from_yaml(file: &Arc<SourceFile>) -> Result<Vec<Observation>, Vec<Diagnostic>> {
    let entries: Vec<Entry> = yaml::parse(file, 0)?;
    let locate =
        |spanned_location: &serde_saphyr::Location| yaml::span_of(file, 0, spanned_location);
    let dataset = DatasetPath::of(&file.path);
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
            dataset: dataset.clone(),
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
const BREAKDOWN_COLUMNS: [&str; 2] = ["sex", "age"];

/// The text fields of an observation. Each may have a column of its own (`note`: one text for
/// every language) and one column per site language (`note.fr`, `note.en`).
const TEXT_FIELDS: [&str; 2] = ["note", "source"];

/// Where one text field of the observations is in a CSV header row.
struct TextColumns {
    field: &'static str,
    /// The `note` column: one text for every language.
    plain: Option<usize>,
    /// The `note.<lang>` columns, one for each site language in the site's order, or none.
    translated: Vec<(Lang, usize)>,
}

impl TextColumns {
    fn find(field: &'static str, headers: &csv::StringRecord, languages: &[Lang]) -> Self {
        let column = |name: &str| headers.iter().position(|h| h == name);
        TextColumns {
            field,
            plain: column(field),
            translated: languages
                .iter()
                .filter_map(|lang| Some((lang.clone(), column(&format!("{field}.{lang}"))?)))
                .collect(),
        }
    }
}

/// A cell's text and where it is in the file.
type Cell = (String, Span);

/// Reads observations from CSV with a header row; every bad cell is reported, not just the first,
/// and the good rows are kept, for the checks of what they name. Notes and sources are checked
/// against the site's `languages` here, where their cells are.
pub fn from_csv(file: &Arc<SourceFile>, languages: &[Lang]) -> (Vec<Observation>, Vec<Diagnostic>) {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.iter().map(unquoted).collect::<csv::StringRecord>(),
        Err(error) => return (Vec::new(), vec![csv_error(file, &error)]),
    };
    let mut problems = check_headers(file, &headers, languages);
    if !problems.is_empty() {
        return (Vec::new(), problems);
    }
    let column = |name: &str| headers.iter().position(|h| h == name);
    let text_columns = TEXT_FIELDS.map(|field| TextColumns::find(field, &headers, languages));
    let dataset = DatasetPath::of(&file.path);
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
        let spans = cell_spans(&file.text, record_offset);
        let cell_at = |index: usize| -> Option<Cell> {
            let text = unquoted(record.get(index)?);
            let span = spans.get(index).copied()?;
            Some((text, span))
        };
        let cell = |name: &str| column(name).and_then(cell_at);
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
        let [note, source] = text_columns
            .each_ref()
            .map(|columns| localized_cells(file, columns, &cell_at, &mut problems));
        let (Some(year), Some(value)) = (year, value) else {
            continue;
        };
        let breakdown = BREAKDOWN_COLUMNS
            .into_iter()
            .filter_map(|name| {
                let (text, _) = cell(name).filter(|(text, _)| !text.is_empty())?;
                Some((name.to_string(), text))
            })
            .collect();
        observations.push(Observation {
            pes,
            indicator,
            year,
            value,
            breakdown,
            note,
            source,
            dataset: dataset.clone(),
        });
    }
    (observations, problems)
}

/// The text of one field in one row: the per-language cells when any is filled (then all must
/// be, and the plain cell empty), else the plain cell, else none.
fn localized_cells(
    file: &Arc<SourceFile>,
    columns: &TextColumns,
    cell_at: &impl Fn(usize) -> Option<Cell>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Localized> {
    let field = columns.field;
    let plain = columns
        .plain
        .and_then(cell_at)
        .filter(|(text, _)| !text.is_empty());
    let per_language: Vec<(&Lang, Cell)> = columns
        .translated
        .iter()
        .filter_map(|(lang, index)| Some((lang, cell_at(*index)?)))
        .collect();
    let Some((given, _)) = per_language.iter().find(|(_, (text, _))| !text.is_empty()) else {
        return plain.map(|(text, _)| Localized::Plain(text));
    };
    let before = problems.len();
    for (lang, (_, span)) in per_language.iter().filter(|(_, (text, _))| text.is_empty()) {
        problems.push(
            Diagnostic::at(
                file,
                *span,
                format!("`{field}.{lang}` is empty while `{field}.{given}` is given"),
            )
            .with_help(format!(
                "give the {field} in every language, or one text for all of them in the `{field}` column"
            )),
        );
    }
    if let Some((_, span)) = plain {
        problems.push(
            Diagnostic::at(
                file,
                span,
                format!("this row gives its {field} both in `{field}` and per language"),
            )
            .with_help(format!(
                "keep either the `{field}` cell (one text for every language) or the `{field}.<language>` cells"
            )),
        );
    }
    (problems.len() == before).then(|| {
        Localized::Translated(Translated::unplaced(
            per_language
                .into_iter()
                .map(|(lang, (text, _))| (lang.to_string(), text)),
        ))
    })
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

fn check_headers(
    file: &Arc<SourceFile>,
    headers: &csv::StringRecord,
    languages: &[Lang],
) -> Vec<Diagnostic> {
    let first_line = Span::new(0, file.text.lines().next().map_or(1, |l| l.len().max(1)));
    let mut problems = Vec::new();
    for required in REQUIRED_COLUMNS {
        if !headers.iter().any(|h| h == required) {
            problems.push(
                Diagnostic::at(file, first_line, format!("the header row has no `{required}` column"))
                    .with_help("the header row must name the columns pes,indicator,year,value (and optionally sex,age,note,source, or note and source per language: note.fr,note.en …)"),
            );
        }
    }
    let known = known_columns(languages);
    for (index, header) in headers.iter().enumerate() {
        if !known.iter().any(|name| name == header) {
            let span = header_span(file, index);
            problems.push(unknown_column(file, span, header, &known, languages));
        }
    }
    problems.extend(missing_language_columns(file, headers, languages));
    problems
}

/// A problem for each site language a text field has no column for, once it has a column for
/// another language: `note.fr` without `note.en`.
fn missing_language_columns(
    file: &Arc<SourceFile>,
    headers: &csv::StringRecord,
    languages: &[Lang],
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for field in TEXT_FIELDS {
        let columns = TextColumns::find(field, headers, languages);
        let Some((given, given_index)) = columns.translated.first() else {
            continue;
        };
        let missing = languages
            .iter()
            .filter(|lang| !columns.translated.iter().any(|(l, _)| l == *lang));
        for lang in missing {
            problems.push(
                Diagnostic::at(
                    file,
                    header_span(file, *given_index),
                    format!("the header row has a `{field}.{given}` column but no `{field}.{lang}` column"),
                )
                .with_help(format!(
                    "a {field} given per language needs a column for each language of the site ({}); one that reads the same in every language goes in a `{field}` column",
                    per_language(field, languages).join(", ")
                )),
            );
        }
    }
    problems
}

/// Where the name of column `index` is in the header row (the first line of the file).
fn header_span(file: &SourceFile, index: usize) -> Span {
    cell_spans(&file.text, 0)
        .get(index)
        .copied()
        .unwrap_or(Span::new(0, 1))
}

/// Where each cell of the row that starts at byte `start` of `text` is: its text without the
/// spaces around it (the reader trims them) and inside its quotes, if it has any. Quotes move
/// every later cell, so the reader's own ranges, taken without them, cannot place a cell.
fn cell_spans(text: &str, start: usize) -> Vec<Span> {
    let bytes = text.as_bytes();
    let ends_cell = |at: usize| matches!(bytes.get(at), None | Some(b',' | b'\n' | b'\r'));
    let mut spans = Vec::new();
    let mut at = start;
    loop {
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        let (first, last) = if bytes.get(at) == Some(&b'"') {
            let first = at + 1;
            let mut end = first;
            while end < bytes.len() && !(bytes[end] == b'"' && bytes.get(end + 1) != Some(&b'"')) {
                end += if bytes[end] == b'"' { 2 } else { 1 };
            }
            at = end;
            while !ends_cell(at) {
                at += 1;
            }
            (first, end.min(bytes.len()))
        } else {
            let first = at;
            while !ends_cell(at) {
                at += 1;
            }
            let trimmed = text[first..at].trim_end_matches([' ', '\t']).len();
            (first, first + trimmed)
        };
        spans.push(Span::new(first, (last - first).max(1)));
        if bytes.get(at) != Some(&b',') {
            return spans;
        }
        at += 1;
    }
}

/// A cell's text without the quotes the reader leaves when a space comes before them
/// (`a, "b"`), as the author meant it.
fn unquoted(cell: &str) -> String {
    match cell
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_string(),
    }
}

/// Every column a CSV file of this site may have.
fn known_columns(languages: &[Lang]) -> Vec<String> {
    let fixed = REQUIRED_COLUMNS
        .iter()
        .chain(&BREAKDOWN_COLUMNS)
        .chain(&TEXT_FIELDS)
        .map(|name| name.to_string());
    let translated = TEXT_FIELDS
        .iter()
        .flat_map(|field| per_language(field, languages));
    fixed.chain(translated).collect()
}

/// The columns of `field` in each language: `note.fr`, `note.en`.
fn per_language(field: &str, languages: &[Lang]) -> Vec<String> {
    languages
        .iter()
        .map(|lang| format!("{field}.{lang}"))
        .collect()
}

/// The problem of a column no observation field has, saying why when it names a language the
/// site does not have (`note.de`).
fn unknown_column(
    file: &Arc<SourceFile>,
    span: Span,
    header: &str,
    known: &[String],
    languages: &[Lang],
) -> Diagnostic {
    let foreign = header
        .split_once('.')
        .filter(|(field, _)| TEXT_FIELDS.contains(field));
    let message = match foreign {
        Some((field, lang)) => format!(
            "unknown column `{header}`: `{lang}` is not a language of the site; `{field}` takes {}",
            crate::validate::translations::join(languages)
        ),
        None => format!("unknown column `{header}`"),
    };
    let problem = Diagnostic::at(file, span, message);
    match crate::diagnostics::did_you_mean(header, known.iter().map(String::as_str)) {
        Some(help) => problem.with_help(help),
        None => problem,
    }
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
    let problem = Diagnostic::at(file, Span::new(offset.min(file.text.len()), 1), message);
    match split_decimal(file, offset) {
        Some(number) if number.starts_with('"') => problem.with_help(format!(
            "a quote opens a cell only right after the comma: remove the space before {number}"
        )),
        Some(number) => problem.with_help(format!(
            "a decimal comma splits a value in two cells: put the value in quotes, \"{number}\""
        )),
        None => problem,
    }
}

/// The number a decimal comma split in two cells of the row at `offset` (`55,1`), if a row
/// has two neighbouring cells of digits alone; with its quotes when a space before them kept
/// them from being read as quotes (`, "55,1"`).
fn split_decimal(file: &SourceFile, offset: usize) -> Option<String> {
    let (line, _) = file.line_column(offset);
    let cells: Vec<&str> = file.line(line)?.split(',').map(str::trim).collect();
    cells.windows(2).rev().find_map(|pair| {
        let word = format!("{},{}", pair[0], pair[1]);
        let quoted = word.starts_with('"') && word.ends_with('"');
        let plain = !word.contains('"');
        super::hints::decimal_point(&word)
            .filter(|_| quoted || plain)
            .map(|_| word)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> [Lang; 2] {
        [Lang::new("fr"), Lang::new("en")]
    }

    #[test]
    fn cells_are_placed_past_quotes_and_spaces() {
        let text = "a,\"b,c\" , d\n\"x\"\"y\",\n";
        assert_eq!(
            cell_spans(text, 0),
            vec![Span::new(0, 1), Span::new(3, 3), Span::new(10, 1)]
        );
        assert_eq!(
            cell_spans(text, 12),
            vec![Span::new(13, 4), Span::new(19, 1)]
        );
        assert_eq!(unquoted("\"a\"\"b\""), "a\"b");
    }

    #[test]
    fn reads_csv_with_decimal_commas() {
        let file = SourceFile::new(
            "o.csv",
            "pes,indicator,year,value,sex\nfr-ft,exits,2022,\"48,2\",female\n",
        );
        let (observations, problems) = from_csv(&file, &languages());
        assert!(problems.is_empty());
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
        let (observations, problems) = from_csv(&file, &languages());
        assert!(observations.is_empty());
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].line_column(), Some((2, 13)));
        assert!(problems[0].message.contains("deux-mille"));
        assert_eq!(problems[1].line_column().map(|p| p.0), Some(3));
    }

    #[test]
    fn unknown_columns_suggest_a_name() {
        let file = SourceFile::new("o.csv", "pes,indicator,yaer,value\n");
        let (_, problems) = from_csv(&file, &languages());
        assert!(problems
            .iter()
            .any(|p| p.help.as_deref() == Some("did you mean `year`?")));
    }
}
