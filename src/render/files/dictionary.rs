//! The data dictionary of the CSV downloads, per language: each column's header (a stable id
//! that scripts rely on, never translated), its name and meaning in the language, and its unit.
//! The pages linking the downloads show it as tables (`ColumnGuide`); it is also written as
//! `data/columns.<lang>.csv`.
//!
//! The columns come from the downloads' own column lists, so the dictionary cannot drift from
//! the files; each column's words come from the theme's UI strings, `columns.<file>.<field>`.

use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::i18n::Value as Argument;
use crate::model::lang::Lang;
use crate::model::language_names;
use crate::render::family::Family;
use crate::render::files::datasets::Dataset;
use crate::render::files::downloads::{self, csv_file, Cell, Row};
use crate::render::{Change, Context, OutputFile};

/// A CSV download whose columns the dictionary explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DataFile {
    /// `observations.csv`, and each indicator's CSV and JSON, which have the same columns.
    Observations,
    /// One of the assessment and framework downloads.
    Of(Dataset),
}

/// Every file, in the order the dictionary lists them.
const ALL: [DataFile; 5] = [
    DataFile::Observations,
    DataFile::Of(Dataset::Assessments),
    DataFile::Of(Dataset::AssessmentSpreads),
    DataFile::Of(Dataset::Kpis),
    DataFile::Of(Dataset::Activities),
];

/// The columns of the observations that hold a text in the site's default language, beside
/// the same text per language (`note` beside `note.fr`, `note.en`).
const IN_DEFAULT_LANGUAGE: [&str; 2] = ["note", "source"];

/// UI strings the dictionary is worded with, besides those of each column; checked before
/// rendering starts.
const KEYS: [&str; 4] = [
    "columns.unit_of_row",
    "columns.unit_year",
    "columns.unit_score",
    "columns.unit_date",
];

/// Every UI string the dictionary needs: its own and each column's name and meaning.
pub(crate) fn dictionary_keys() -> impl Iterator<Item = String> {
    let columns = ALL.into_iter().flat_map(|file| {
        file.fields().into_iter().flat_map(move |field| {
            ["name", "meaning"].map(|part| format!("columns.{}.{field}.{part}", file.key()))
        })
    });
    KEYS.iter()
        .map(|key| key.to_string())
        .chain(["columns.in_language".to_string()])
        .chain(columns)
}

impl DataFile {
    /// Its key in the UI strings and in anchors of the page (`observations`).
    fn key(self) -> &'static str {
        match self {
            DataFile::Observations => "observations",
            DataFile::Of(Dataset::Assessments) => "assessments",
            DataFile::Of(Dataset::AssessmentSpreads) => "assessment_spreads",
            DataFile::Of(Dataset::Kpis) => "kpis",
            DataFile::Of(Dataset::Activities) => "activities",
        }
    }

    /// Its file name under `data/`.
    fn file(self) -> &'static str {
        match self {
            DataFile::Observations => "observations.csv",
            DataFile::Of(dataset) => dataset.file(),
        }
    }

    /// Whether the edition publishes it.
    fn is_present(self, cx: &Context<'_>) -> bool {
        match self {
            DataFile::Observations => true,
            DataFile::Of(dataset) => dataset.is_present(cx),
        }
    }

    /// Its fields, as the keys of their UI strings: its column ids without a language (`note`
    /// for `note.fr`), each once, in the file's order.
    fn fields(self) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        for column in self.columns(&[Lang::new("xx")]) {
            let field = column.split_once('.').map_or(column.as_str(), |(f, _)| f);
            if !fields.iter().any(|known| known == field) {
                fields.push(field.to_string());
            }
        }
        fields
    }

    /// Its columns, as its header row writes them.
    fn columns(self, languages: &[Lang]) -> Vec<String> {
        match self {
            DataFile::Observations => downloads::columns(languages),
            DataFile::Of(dataset) => dataset.columns(languages),
        }
    }

    /// The UI string of the unit of `field`'s values, for the fields that have one.
    fn unit_key(self, field: &str) -> Option<&'static str> {
        match (self, field) {
            (_, "value") => Some("columns.unit_of_row"),
            (_, "year") => Some("columns.unit_year"),
            (DataFile::Of(Dataset::Assessments), "self" | "peer") => Some("columns.unit_score"),
            (DataFile::Of(Dataset::AssessmentSpreads), "q1" | "median" | "q3") => {
                Some("columns.unit_score")
            }
            (DataFile::Of(Dataset::Activities), "due") => Some("columns.unit_date"),
            _ => None,
        }
    }
}

/// One column explained in a language.
#[derive(Debug, Serialize)]
pub(crate) struct ColumnEntry {
    /// Its header, as the file writes it in every language (`pes_name.fr`).
    pub column: String,
    /// Its name in the language ("Service name (English)").
    pub name: String,
    pub meaning: String,
    /// The unit of its values, empty for a column of ids or texts.
    pub unit: String,
}

/// The columns of one file explained in a language, for a table of the page linking it.
#[derive(Debug, Serialize)]
pub(crate) struct FileColumns {
    /// For the table's id (`columns-observations`).
    pub id: &'static str,
    /// The file's name (`observations.csv`), as the table's caption.
    pub file: &'static str,
    pub columns: Vec<ColumnEntry>,
}

/// The dictionary of the downloads a page links: a table per file and the whole dictionary
/// of the language as CSV.
#[derive(Debug, Serialize)]
pub(crate) struct ColumnGuide {
    pub files: Vec<FileColumns>,
    pub csv: String,
}

impl Context<'_> {
    /// The dictionary of those of `files` the site publishes, in `lang`; none when it
    /// publishes none of them.
    pub(crate) fn column_guide(&self, files: &[DataFile], lang: &Lang) -> Option<ColumnGuide> {
        let files: Vec<FileColumns> = files
            .iter()
            .filter(|file| file.is_present(self))
            .map(|file| FileColumns {
                id: file.key(),
                file: file.file(),
                columns: self.explained(*file, lang),
            })
            .collect();
        (!files.is_empty()).then(|| ColumnGuide {
            files,
            csv: self
                .routes
                .link(&self.routes.download(&dictionary_file(lang))),
        })
    }

    /// Each column of `file` explained in `lang`, in the file's order.
    fn explained(&self, file: DataFile, lang: &Lang) -> Vec<ColumnEntry> {
        let config = &self.site.config;
        file.columns(config.languages())
            .into_iter()
            .map(|column| {
                let (field, in_language) = match column.split_once('.') {
                    Some((field, code)) => (field.to_string(), Some(Lang::new(code))),
                    None => {
                        let default = (file == DataFile::Observations
                            && IN_DEFAULT_LANGUAGE.contains(&column.as_str()))
                        .then(|| config.default_lang());
                        (column.clone(), default)
                    }
                };
                let words = |part: &str| {
                    self.label(lang, &format!("columns.{}.{field}.{part}", file.key()))
                };
                let name = match in_language {
                    Some(text_lang) => self.say(
                        lang,
                        "columns.in_language",
                        &[
                            ("name", Argument::Text(&words("name"))),
                            (
                                "language",
                                Argument::Text(&self.language_name(&text_lang, lang)),
                            ),
                        ],
                    ),
                    None => words("name"),
                };
                ColumnEntry {
                    name,
                    meaning: words("meaning"),
                    unit: file
                        .unit_key(&field)
                        .map(|key| self.label(lang, key))
                        .unwrap_or_default(),
                    column,
                }
            })
            .collect()
    }
}

impl Context<'_> {
    /// The name of `language` in `lang`, from CLDR; where CLDR has none, as the theme names it
    /// in its own words.
    fn language_name(&self, language: &Lang, lang: &Lang) -> String {
        language_names::language_name(language, lang)
            .unwrap_or_else(|| self.label(language, "language.name"))
    }
}

/// The dictionary's file for `lang`, under `data/`.
fn dictionary_file(lang: &Lang) -> String {
    format!("columns.{lang}.csv")
}

/// The dictionaries of the downloads, one CSV per language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dictionaries;

/// The columns of a dictionary file: stable ids, as in every download.
const DICTIONARY_COLUMNS: [&str; 5] = ["file", "column", "name", "meaning", "unit"];

impl Family for Dictionaries {
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        cx.routes.languages().to_vec()
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        change.reaches_figures()
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        let rows = ALL
            .into_iter()
            .filter(|file| file.is_present(cx))
            .flat_map(|file| {
                cx.explained(file, lang).into_iter().map(move |entry| {
                    Row(vec![
                        Cell::Text(file.file().to_string()),
                        Cell::Text(entry.column),
                        Cell::Text(entry.name),
                        Cell::Text(entry.meaning),
                        Cell::Text(entry.unit),
                    ])
                })
            })
            .collect();
        let columns = DICTIONARY_COLUMNS.map(String::from);
        csv_file(cx.routes.download(&dictionary_file(lang)), &columns, rows)
    }
}
