//! Data downloads: each indicator's observations as CSV and JSON, and the whole dataset as one
//! CSV. Column names are a published interface (see `docs/downloads.md`); keep them stable.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::data::{Better, Indicator, Observation, Unit};
use crate::model::text::Translated;
use crate::render::family::Family;
use crate::render::{Change, Context, OutputFile};

/// The columns of every CSV download, in order.
pub const COLUMNS: [&str; 9] = [
    "indicator",
    "pes",
    "cluster",
    "year",
    "value",
    "unit",
    "breakdown",
    "note",
    "source",
];

#[derive(Serialize)]
struct JsonFile<'a> {
    indicator: JsonIndicator<'a>,
    columns: [&'static str; 9],
    observations: Vec<Row>,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    id: &'a str,
    name: BTreeMap<String, String>,
    definition: BTreeMap<String, String>,
    unit: &'static str,
    better: &'static str,
    category: &'a str,
}

/// One observation as downloads write it.
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
            ..self
        }
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

/// The CSV file of `rows`, with its header row even when there are none.
fn csv_bytes(rows: Vec<Row>) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .serialize(row.for_spreadsheet())
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    if bytes.is_empty() {
        return Ok(format!("{}\n", COLUMNS.join(",")).into_bytes());
    }
    Ok(bytes)
}

impl Downloads {
    /// The observations of `indicator` (or all), sorted by indicator, PES, year and breakdown.
    fn rows(cx: &Context<'_>, indicator: Option<&str>) -> Vec<Row> {
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
            .map(|o| Row {
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
            })
            .collect()
    }

    /// A CSV of `indicator`'s observations, or of all of them.
    fn csv_download(cx: &Context<'_>, indicator: Option<&str>) -> Result<OutputFile, Diagnostics> {
        let path = match indicator {
            Some(id) => cx.routes.download(&format!("indicators/{id}.csv")),
            None => cx.routes.download("observations.csv"),
        };
        let bytes = csv_bytes(Self::rows(cx, indicator)).map_err(|e| {
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
                category: &indicator.category,
            },
            columns: COLUMNS,
            observations: Self::rows(cx, Some(id)),
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
        }
    }

    #[test]
    fn formulas_are_quoted_and_negative_numbers_are_not() {
        let bytes = csv_bytes(vec![row(-3.5, "-cmd"), row(2.0, "=1+1")]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "transitions,fr-ft,medium,2022,-3.5,count,,'-cmd,'@SUM(1+1)"
        );
        assert_eq!(
            lines[2],
            "transitions,fr-ft,medium,2022,2.0,count,,'=1+1,'@SUM(1+1)"
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
