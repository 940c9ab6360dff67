//! Data downloads: each indicator's observations as CSV and JSON, and the whole dataset as one
//! CSV. Column names are a published interface (see `docs/benchmarks.md`); keep them stable.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::data::{Better, Indicator, Observation, Unit};
use crate::model::lang::Lang;
use crate::model::text::Translated;
use crate::render::family::Family;
use crate::render::{Change, Context, OutputFile};

/// The columns of every CSV download, in order; the name columns follow them.
pub const COLUMNS: [&str; 10] = [
    "indicator",
    "pes",
    "cluster",
    "year",
    "value",
    "unit",
    "breakdown",
    "note",
    "source",
    "country",
];

/// The coded columns that have a name column in each site language, in this order.
const NAMED_COLUMNS: [&str; 4] = ["indicator", "pes", "cluster", "country"];

/// Every column: [`COLUMNS`], then the [`name_columns`].
fn columns(languages: &[Lang]) -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| c.to_string())
        .chain(name_columns(languages))
        .collect()
}

/// For each site language in turn, the names of the coded columns (`indicator_name_fr`,
/// `pes_name_fr`, `cluster_name_fr`, `country_name_fr`, `indicator_name_en` …), so a reader
/// of any language finds names beside the codes.
fn name_columns(languages: &[Lang]) -> impl Iterator<Item = String> + '_ {
    languages.iter().flat_map(|lang| {
        NAMED_COLUMNS
            .iter()
            .map(move |column| format!("{column}_name_{lang}"))
    })
}

#[derive(Serialize)]
struct JsonFile<'a> {
    indicator: JsonIndicator<'a>,
    columns: Vec<String>,
    observations: Vec<Record>,
}

/// One observation as downloads write it: its codes and values, then its names; a CSV line,
/// or in JSON an object with the CSV's columns.
#[derive(Serialize)]
struct Record {
    #[serde(flatten)]
    row: Row,
    #[serde(flatten)]
    names: Names,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    id: &'a str,
    name: BTreeMap<String, String>,
    definition: BTreeMap<String, String>,
    unit: &'static str,
    better: &'static str,
    category: &'a str,
    category_name: BTreeMap<String, String>,
}

/// An observation's codes and values.
#[derive(Serialize)]
struct Row {
    indicator: String,
    pes: String,
    cluster: String,
    year: i32,
    value: f64,
    unit: &'static str,
    /// `sex=female;age=15-24`, empty for totals.
    breakdown: String,
    note: String,
    source: String,
    /// ISO 3166-1 alpha-2 code of the PES's country.
    country: String,
}

/// The name columns of one observation, in [`columns`] order: column → name.
struct Names(Vec<(String, String)>);

/// In JSON, the names are fields of the observation, in column order.
impl Serialize for Names {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (column, name) in &self.0 {
            map.serialize_entry(column, name)?;
        }
        map.end()
    }
}

/// A translated text as a plain language → text map.
fn plain(text: &Translated<String>) -> BTreeMap<String, String> {
    text.0
        .iter()
        .map(|(lang, value)| (lang.clone(), value.value.clone()))
        .collect()
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "percent",
        Unit::Count => "count",
        Unit::Ratio => "ratio",
        Unit::Score => "score",
        Unit::Days => "days",
        Unit::Months => "months",
    }
}

/// The data downloads: all observations as CSV, and each indicator as CSV and JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Downloads;

/// One download.
#[derive(Debug)]
pub(crate) enum Download {
    /// One indicator's observations, or (`None`) all of them.
    Csv(Option<String>),
    /// One indicator (by its place in `indicators.yaml`) with its observations.
    Json(usize),
}

impl Family for Downloads {
    type Page = Download;

    fn pages(self, cx: &Context<'_>) -> Vec<Download> {
        let mut downloads = vec![Download::Csv(None)];
        for (index, indicator) in cx.site.data.indicators.iter().enumerate() {
            downloads.push(Download::Csv(Some(indicator.id.value.clone())));
            downloads.push(Download::Json(index));
        }
        downloads
    }

    fn template(self, _: &Download) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Download, change: &Change) -> bool {
        change.reaches_figures()
    }

    fn render(self, cx: &Context<'_>, download: &Download) -> Result<OutputFile, Diagnostics> {
        match download {
            Download::Csv(indicator) => Self::csv_download(cx, indicator.as_deref()),
            Download::Json(index) => Self::json_download(cx, &cx.site.data.indicators[*index]),
        }
    }
}

impl Row {
    /// The row with every text cell made [`spreadsheet_safe`]; the numbers stay numbers.
    fn for_spreadsheet(self) -> Row {
        Row {
            indicator: spreadsheet_safe(self.indicator),
            pes: spreadsheet_safe(self.pes),
            cluster: spreadsheet_safe(self.cluster),
            breakdown: spreadsheet_safe(self.breakdown),
            note: spreadsheet_safe(self.note),
            source: spreadsheet_safe(self.source),
            country: spreadsheet_safe(self.country),
            ..self
        }
    }
}

impl Names {
    /// The names alone, made [`spreadsheet_safe`]: they come from authors' files too.
    fn for_spreadsheet(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(_, name)| spreadsheet_safe(name))
            .collect()
    }
}

/// A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV injection:
/// notes and sources come from authors' files, and downloads are opened in spreadsheets.
fn spreadsheet_safe(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The CSV file of `rows` under the header `columns`, which it has even when there are no rows.
fn csv_bytes(columns: &[String], rows: Vec<Record>) -> Result<Vec<u8>, String> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer.write_record(columns).map_err(|e| e.to_string())?;
    for Record { row, names } in rows {
        writer
            .serialize((row.for_spreadsheet(), names.for_spreadsheet()))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

impl Downloads {
    /// The observations of `indicator` (or all), sorted by indicator, PES, year and breakdown.
    fn records(cx: &Context<'_>, indicator: Option<&str>) -> Vec<Record> {
        let data = &cx.site.data;
        let mut observations: Vec<&Observation> = data
            .observations
            .iter()
            .filter(|o| indicator.is_none_or(|id| o.indicator.value == id))
            .filter(|o| {
                data.indicators
                    .iter()
                    .any(|i| i.id.value == o.indicator.value)
            })
            .collect();
        observations.sort_by(|a, b| {
            (&a.indicator.value, &a.pes.value, a.year.value, &a.breakdown).cmp(&(
                &b.indicator.value,
                &b.pes.value,
                b.year.value,
                &b.breakdown,
            ))
        });
        observations
            .into_iter()
            .map(|o| Record {
                row: Self::row(cx, o),
                names: Self::names(cx, o),
            })
            .collect()
    }

    /// The codes and values of an observation.
    fn row(cx: &Context<'_>, o: &Observation) -> Row {
        let data = &cx.site.data;
        Row {
            indicator: o.indicator.value.clone(),
            pes: o.pes.value.clone(),
            cluster: cx.cluster_of(&o.pes.value).to_string(),
            year: o.year.value,
            value: o.value.value,
            unit: data
                .indicators
                .iter()
                .find(|i| i.id.value == o.indicator.value)
                .map_or("", |i| unit_name(i.unit)),
            breakdown: o
                .breakdown
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(";"),
            note: o.note.clone().unwrap_or_default(),
            source: o.source.clone().unwrap_or_default(),
            country: data
                .pes_by_id(&o.pes.value)
                .map(|pes| pes.country.value.clone())
                .unwrap_or_default(),
        }
    }

    /// The names of an observation's indicator, PES, cluster and country in each language, in
    /// the order of [`NAMED_COLUMNS`].
    fn names(cx: &Context<'_>, o: &Observation) -> Names {
        let data = &cx.site.data;
        let indicator = data
            .indicators
            .iter()
            .find(|i| i.id.value == o.indicator.value);
        let pes = data.pes_by_id(&o.pes.value);
        let cluster = pes.and_then(|pes| data.cluster_by_id(&pes.cluster.value));
        let languages = cx.routes.languages();
        let names = languages.iter().flat_map(|lang| {
            [
                indicator.map(|i| i.name.text(lang).to_string()),
                pes.map(|p| p.name.text(lang).to_string()),
                cluster.map(|c| c.name.text(lang).to_string()),
                pes.map(|p| cx.countries.shown(&p.country.value, lang)),
            ]
            .map(Option::unwrap_or_default)
        });
        Names(name_columns(languages).zip(names).collect())
    }

    /// A CSV of `indicator`'s observations, or of all of them.
    fn csv_download(cx: &Context<'_>, indicator: Option<&str>) -> Result<OutputFile, Diagnostics> {
        let path = match indicator {
            Some(id) => cx.routes.download(&format!("indicators/{id}.csv")),
            None => cx.routes.download("observations.csv"),
        };
        let columns = columns(cx.routes.languages());
        let bytes = csv_bytes(&columns, Self::records(cx, indicator)).map_err(|e| {
            Diagnostics::from(Diagnostic::in_path(
                &path,
                format!("cannot write the CSV download: {e}"),
            ))
        })?;
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(bytes),
        })
    }

    /// A JSON file with `indicator`'s definition and observations.
    fn json_download(cx: &Context<'_>, indicator: &Indicator) -> Result<OutputFile, Diagnostics> {
        let id = indicator.id.value.as_str();
        let path = cx.routes.download(&format!("indicators/{id}.json"));
        let file = JsonFile {
            indicator: JsonIndicator {
                id,
                name: plain(&indicator.name),
                definition: plain(&indicator.definition),
                unit: unit_name(indicator.unit),
                better: match indicator.better {
                    Better::Higher => "higher",
                    Better::Lower => "lower",
                },
                category: &indicator.category.value,
                category_name: cx
                    .site
                    .data
                    .category_by_id(&indicator.category.value)
                    .map(|category| plain(&category.name))
                    .unwrap_or_default(),
            },
            columns: columns(cx.routes.languages()),
            observations: Self::records(cx, Some(id)),
        };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| {
            Diagnostics::from(Diagnostic::in_path(
                &path,
                format!("cannot write the JSON download: {e}"),
            ))
        })?;
        bytes.push(b'\n');
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(bytes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(value: f64, note: &str) -> Row {
        Row {
            indicator: "transitions".into(),
            pes: "fr-ft".into(),
            cluster: "medium".into(),
            year: 2022,
            value,
            unit: "count",
            breakdown: String::new(),
            note: note.into(),
            source: "@SUM(1+1)".into(),
            country: "FR".into(),
        }
    }

    /// A record whose PES is named `name` in English, its other names empty.
    fn record(value: f64, note: &str, name: &str) -> Record {
        let names = name_columns(&[Lang::new("en")])
            .map(|column| {
                let text = if column == "pes_name_en" { name } else { "" };
                (column, text.to_string())
            })
            .collect();
        Record {
            row: row(value, note),
            names: Names(names),
        }
    }

    #[test]
    fn formulas_are_quoted_and_negative_numbers_are_not() {
        let columns = columns(&[Lang::new("en")]);
        let records = vec![record(-3.5, "-cmd", "+Name"), record(2.0, "=1+1", "Name")];
        let bytes = csv_bytes(&columns, records).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], columns.join(","));
        assert_eq!(
            lines[1],
            "transitions,fr-ft,medium,2022,-3.5,count,,'-cmd,'@SUM(1+1),FR,,'+Name,,"
        );
        assert_eq!(
            lines[2],
            "transitions,fr-ft,medium,2022,2.0,count,,'=1+1,'@SUM(1+1),FR,,Name,,"
        );
    }

    #[test]
    fn each_language_has_a_name_column_per_code_column() {
        let columns = columns(&[Lang::new("fr"), Lang::new("en")]);
        assert_eq!(
            columns[COLUMNS.len()..],
            [
                "indicator_name_fr",
                "pes_name_fr",
                "cluster_name_fr",
                "country_name_fr",
                "indicator_name_en",
                "pes_name_en",
                "cluster_name_en",
                "country_name_en"
            ]
        );
        assert_eq!(
            csv_bytes(&columns, Vec::new()).unwrap(),
            format!("{}\n", columns.join(",")).into_bytes()
        );
    }

    #[test]
    fn safe_text_is_left_as_it_is() {
        for text in ["", "plain", "3-4", "a=b", " =x", "'quoted"] {
            assert_eq!(spreadsheet_safe(text.to_string()), text);
        }
        for text in ["=x", "+x", "-x", "@x", "\tx", "\rx"] {
            assert_eq!(spreadsheet_safe(text.to_string()), format!("'{text}"));
        }
    }
}
