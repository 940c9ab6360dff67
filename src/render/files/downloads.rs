//! Data downloads: each indicator's observations as CSV and JSON, and the whole dataset as one
//! CSV. Column names are a published interface (see `docs/downloads.md`); keep them stable.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::data::{Better, Indicator, Observation};
use crate::model::lang::Lang;
use crate::model::text::{Localized, Translated};
use crate::render::family::Family;
use crate::render::{Change, Context, OutputFile};

/// The columns of every download that are the same for every site, in order. `note` and
/// `source` hold the text in the site's default language.
const STABLE_COLUMNS: [&str; 9] = [
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

/// The texts that follow the stable columns once per site language: `note.fr`, `note.en`,
/// `source.fr`, `source.en`.
const PER_LANGUAGE: [&str; 2] = ["note", "source"];

/// The PES's country as an ISO 3166-1 alpha-2 code, after the texts.
const COUNTRY: &str = "country";

/// The names of the coded columns, last, once per site language (`indicator_name.fr`,
/// `indicator_name.en`, `pes_name.fr` …), so a reader of any language finds names beside the
/// codes.
const NAMES: [&str; 4] = ["indicator_name", "pes_name", "cluster_name", "country_name"];

/// The columns of every download of a site in `languages`, in order.
pub(super) fn columns(languages: &[Lang]) -> Vec<String> {
    let per_language = |fields: &'static [&'static str]| {
        fields
            .iter()
            .flat_map(|field| languages.iter().map(move |lang| format!("{field}.{lang}")))
    };
    STABLE_COLUMNS
        .iter()
        .map(|column| column.to_string())
        .chain(per_language(&PER_LANGUAGE))
        .chain([COUNTRY.to_string()])
        .chain(per_language(&NAMES))
        .collect()
}

#[derive(Serialize)]
struct JsonFile<'a> {
    indicator: JsonIndicator<'a>,
    columns: &'a [String],
    observations: Vec<JsonRow<'a>>,
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

/// One observation as downloads write it: a cell for each of [`columns`], in their order.
pub(super) struct Row(pub(super) Vec<Cell>);

/// A cell of a download: a text, or a number that stays a number in JSON.
#[derive(Clone)]
pub(super) enum Cell {
    Text(String),
    Year(i32),
    Value(f64),
    /// A whole number that is not a year: an assessment score.
    Integer(i64),
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Year(year) => serializer.serialize_i32(*year),
            Cell::Value(value) => serializer.serialize_f64(*value),
            Cell::Integer(value) => serializer.serialize_i64(*value),
        }
    }
}

/// A row of the JSON download: an object whose keys are the columns, in their order.
struct JsonRow<'a> {
    columns: &'a [String],
    row: Row,
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(&self.row.0) {
            map.serialize_entry(column, cell)?;
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
        let safe = |cell| match cell {
            Cell::Text(text) => Cell::Text(spreadsheet_safe(text)),
            number => number,
        };
        Row(self.0.into_iter().map(safe).collect())
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

/// The download at `path`: the CSV file of `rows` under a header row of `columns`.
pub(super) fn csv_file(
    path: String,
    columns: &[String],
    rows: Vec<Row>,
) -> Result<OutputFile, Diagnostics> {
    let bytes = csv_bytes(columns, rows).map_err(|e| {
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

/// The CSV file of `rows` under a header row of `columns`.
fn csv_bytes(columns: &[String], rows: Vec<Row>) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns).map_err(|e| e.to_string())?;
    for row in rows {
        writer
            .serialize(row.for_spreadsheet().0)
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
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
        let config = &cx.site.config;
        let (default, languages) = (config.default_lang(), config.languages());
        observations
            .into_iter()
            .map(|o| {
                let unit = data
                    .indicators
                    .iter()
                    .find(|i| i.id.value == o.indicator.value)
                    .map_or("", |i| i.unit.key());
                let breakdown = o
                    .breakdown
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(";");
                let text = |field: &Option<Localized>, lang: &Lang| {
                    Cell::Text(field.as_ref().map_or("", |t| t.text(lang)).to_string())
                };
                let stable = [
                    Cell::Text(o.indicator.value.clone()),
                    Cell::Text(o.pes.value.clone()),
                    Cell::Text(cx.cluster_of(&o.pes.value).to_string()),
                    Cell::Year(o.year.value),
                    Cell::Value(o.value.value),
                    Cell::Text(unit.to_string()),
                    Cell::Text(breakdown),
                    text(&o.note, &default),
                    text(&o.source, &default),
                ];
                let per_language = [&o.note, &o.source]
                    .into_iter()
                    .flat_map(|field| languages.iter().map(move |lang| text(field, lang)));
                let pes = data.pes_by_id(&o.pes.value);
                let country = pes.map_or("", |pes| pes.country.value.as_str());
                let names = Self::names(cx, o).into_iter().map(Cell::Text);
                Row(stable
                    .into_iter()
                    .chain(per_language)
                    .chain([Cell::Text(country.to_string())])
                    .chain(names)
                    .collect())
            })
            .collect()
    }

    /// The names of an observation's indicator, PES, cluster and country in each site
    /// language, in the order of [`NAMES`].
    fn names(cx: &Context<'_>, o: &Observation) -> Vec<String> {
        let data = &cx.site.data;
        let indicator = data
            .indicators
            .iter()
            .find(|i| i.id.value == o.indicator.value);
        let pes = data.pes_by_id(&o.pes.value);
        let cluster = pes.and_then(|pes| data.cluster_by_id(&pes.cluster.value));
        let languages = cx.site.config.languages();
        let in_each = |name: &dyn Fn(&Lang) -> Option<String>| {
            languages
                .iter()
                .map(|lang| name(lang).unwrap_or_default())
                .collect::<Vec<_>>()
        };
        [
            in_each(&|lang| indicator.map(|i| i.name.text(lang).to_string())),
            in_each(&|lang| pes.map(|p| p.name.text(lang).to_string())),
            in_each(&|lang| cluster.map(|c| c.name.text(lang).to_string())),
            in_each(&|lang| pes.map(|p| cx.countries.shown(&p.country.value, lang))),
        ]
        .concat()
    }

    /// A CSV of `indicator`'s observations, or of all of them.
    fn csv_download(cx: &Context<'_>, indicator: Option<&str>) -> Result<OutputFile, Diagnostics> {
        let path = match indicator {
            Some(id) => cx.routes.download(&format!("indicators/{id}.csv")),
            None => cx.routes.download("observations.csv"),
        };
        csv_file(
            path,
            &columns(cx.site.config.languages()),
            Self::rows(cx, indicator),
        )
    }

    /// A JSON file with `indicator`'s definition and observations.
    fn json_download(cx: &Context<'_>, indicator: &Indicator) -> Result<OutputFile, Diagnostics> {
        let id = indicator.id.value.as_str();
        let path = cx.routes.download(&format!("indicators/{id}.json"));
        let columns = columns(cx.site.config.languages());
        let observations = Self::rows(cx, Some(id))
            .into_iter()
            .map(|row| JsonRow {
                columns: &columns,
                row,
            })
            .collect();
        let file = JsonFile {
            indicator: JsonIndicator {
                id,
                name: plain(&indicator.name),
                definition: plain(&indicator.definition),
                unit: indicator.unit.key(),
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
            columns: &columns,
            observations,
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
        let text = |t: &str| Cell::Text(t.to_string());
        Row(vec![
            text("transitions"),
            text("fr-ft"),
            text("medium"),
            Cell::Year(2022),
            Cell::Value(value),
            text("count"),
            text(""),
            text(note),
            text("@SUM(1+1)"),
            text(note),
            text("note"),
            text("@SUM(1+1)"),
            text("source"),
            text("FR"),
            text("Transitions"),
            text("Transitions"),
            text("+France Travail"),
            text("France Travail"),
            text("Moyen"),
            text("Medium"),
            text("France"),
            text("France"),
        ])
    }

    #[test]
    fn formulas_are_quoted_and_negative_numbers_are_not() {
        let columns = columns(&[Lang::new("fr"), Lang::new("en")]);
        let rows = vec![row(-3.5, "-cmd"), row(2.0, "=1+1")];
        let bytes = csv_bytes(&columns, rows).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "indicator,pes,cluster,year,value,unit,breakdown,note,source,note.fr,note.en,source.fr,source.en,\
             country,indicator_name.fr,indicator_name.en,pes_name.fr,pes_name.en,cluster_name.fr,\
             cluster_name.en,country_name.fr,country_name.en"
        );
        assert_eq!(
            lines[1],
            "transitions,fr-ft,medium,2022,-3.5,count,,'-cmd,'@SUM(1+1),'-cmd,note,'@SUM(1+1),source,\
             FR,Transitions,Transitions,'+France Travail,France Travail,Moyen,Medium,France,France"
        );
        assert_eq!(
            lines[2],
            "transitions,fr-ft,medium,2022,2.0,count,,'=1+1,'@SUM(1+1),'=1+1,note,'@SUM(1+1),source,\
             FR,Transitions,Transitions,'+France Travail,France Travail,Moyen,Medium,France,France"
        );
    }

    #[test]
    fn an_empty_download_has_its_header_row() {
        let columns = columns(&[Lang::new("fr")]);
        let bytes = csv_bytes(&columns, Vec::new()).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "indicator,pes,cluster,year,value,unit,breakdown,note,source,note.fr,source.fr,country,\
             indicator_name.fr,pes_name.fr,cluster_name.fr,country_name.fr\n"
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
