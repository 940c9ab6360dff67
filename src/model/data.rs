//! The structured data of a site: members, peer groups, indicators, observations,
//! excellence areas, assessments and performance frameworks.
//!
//! These types are what the YAML files deserialize into; values that validation must point at
//! keep their position as [`Spanned`].

use std::collections::BTreeMap;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Deserialize;

use super::text::{Date, Localized, Spanned, Translated};
use crate::diagnostics::SourceFile;

/// A public employment service taking part in the network.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pes {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    /// The short name in charts and tables: one for every language, or one per language
    /// where it differs (`{fr: ANE, en: NEA}`).
    pub acronym: Localized,
    #[schemars(with = "String")]
    pub country: Spanned<String>,
    /// The id of its network in `networks.yaml`.
    #[schemars(with = "String")]
    pub network: Spanned<String>,
    #[schemars(with = "String")]
    pub cluster: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
}

/// A peer group of PES with similar labour markets.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cluster {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    pub description: Translated<String>,
}

/// A network of employment services the members belong to (`eu-pes`, `wapes`), named in the
/// data so that an author who adds one names it in every language next to it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Network {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
}

/// A group of indicators on the benchmark index (`outcomes`, `satisfaction`), named in the data
/// like networks.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
}

/// What an indicator counts, which fixes its valid range and how values are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Percent,
    Count,
    Ratio,
    Score,
    Days,
    Months,
}

impl Unit {
    /// The unit as the data files write it (`percent`), in downloads and messages.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Ratio => "ratio",
            Unit::Score => "score",
            Unit::Days => "days",
            Unit::Months => "months",
        }
    }

    /// The decimals its values are written with when the data does not say: whole counts and
    /// days, one decimal for percentages, scores and months, two for ratios.
    pub fn default_decimals(self) -> u8 {
        match self {
            Unit::Count | Unit::Days => 0,
            Unit::Percent | Unit::Score | Unit::Months => 1,
            Unit::Ratio => 2,
        }
    }
}

/// The most decimals a value may be written with: beyond, digits are noise in any indicator.
pub const MAX_DECIMALS: u8 = 4;

/// How the values of one indicator or KPI are written: in its unit, always with the same
/// number of decimals (trailing zeros kept), so `48,0 %` and `52,1 %` line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueFormat {
    pub unit: Unit,
    pub decimals: u8,
}

impl ValueFormat {
    /// The mean maturity scores of the assessments (1–6), with one decimal.
    pub const SCORE: ValueFormat = ValueFormat {
        unit: Unit::Score,
        decimals: 1,
    };

    /// `decimals` as the data gives them, else the unit's default.
    fn of(unit: Unit, decimals: Option<&Spanned<u8>>) -> ValueFormat {
        ValueFormat {
            unit,
            decimals: decimals.map_or(unit.default_decimals(), |d| d.value),
        }
    }
}

/// Whether a higher or a lower value means better performance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Higher,
    Lower,
}

/// A quantitative benchmarking indicator.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    pub definition: Translated<String>,
    pub unit: Unit,
    /// How many decimals its values are written with (0 to 4); by default the unit's: 0 for
    /// counts and days, 1 for percentages, scores and months, 2 for ratios.
    #[serde(default)]
    #[schemars(with = "Option<u8>", range(max = 4))]
    pub decimals: Option<Spanned<u8>>,
    pub better: Better,
    /// The id of its category in `categories.yaml`.
    #[schemars(with = "String")]
    pub category: Spanned<String>,
    /// Excellence areas A–G whose practices bear most on it: a PES profile suggests a peer's practices filed there when the peer published none on the indicator or its category.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub areas: Vec<Spanned<String>>,
}

impl Indicator {
    /// How its values are written.
    pub fn value_format(&self) -> ValueFormat {
        ValueFormat::of(self.unit, self.decimals.as_ref())
    }
}

/// One value of one indicator for one PES in one year.
#[derive(Debug, Clone)]
pub struct Observation {
    pub pes: Located<String>,
    pub indicator: Located<String>,
    pub year: Located<i32>,
    pub value: Located<f64>,
    pub breakdown: BTreeMap<String, String>,
    pub note: Option<Localized>,
    pub source: Option<Localized>,
    /// The file it was read from, whose entry in `datasets.yaml` says how real it is.
    pub dataset: DatasetPath,
}

/// A value and where it was written, for data that does not come from YAML (CSV cells).
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub value: T,
    pub file: Arc<SourceFile>,
    pub offset: usize,
    pub len: usize,
}

/// An excellence area (A–G) of the qualitative assessment.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    pub enablers: Vec<Enabler>,
}

/// A performance enabler within an area, scored on the 1–6 maturity scale.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enabler {
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub name: Translated<String>,
}

/// The file body of `assessments/<cycle>/<pes>.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFile {
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub date: Option<Spanned<Date>>,
    pub scores: Vec<Score>,
    #[serde(default)]
    pub strengths: Option<Translated<Vec<String>>>,
    #[serde(default)]
    pub improvements: Option<Translated<Vec<String>>>,
}

/// One PES's self- and peer-assessment in one cycle; cycle and PES come from the path.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub cycle: String,
    /// The cycle's folder, whose entry in `datasets.yaml` says how real its scores are.
    pub dataset: DatasetPath,
    pub pes: String,
    pub file: Arc<SourceFile>,
    pub body: AssessmentFile,
}

/// The maturity scores given to one enabler.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Score {
    #[schemars(with = "String")]
    pub enabler: Spanned<String>,
    #[serde(rename = "self")]
    #[schemars(with = "i64", range(min = 1, max = 6))]
    pub self_score: Spanned<i64>,
    #[schemars(with = "i64", range(min = 1, max = 6))]
    pub peer: Spanned<i64>,
    #[serde(default)]
    pub comment: Option<Translated<String>>,
}

/// The file body of `frameworks/<pes>.yaml`: a PES's performance assessment framework.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    pub title: Translated<String>,
    pub pillars: Vec<Pillar>,
    #[serde(default)]
    pub activities: Vec<Activity>,
}

/// A framework with the PES it belongs to (from the file name).
#[derive(Debug, Clone)]
pub struct Framework {
    pub pes: String,
    /// The framework's file, whose entry in `datasets.yaml` says how real its figures are.
    pub dataset: DatasetPath,
    pub file: Arc<SourceFile>,
    pub body: FrameworkFile,
}

/// A strategic pillar grouping KPIs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pillar {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    pub kpis: Vec<Kpi>,
}

/// A key performance indicator with its baseline, yearly targets and actuals.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = kpi_unit_ranges)]
pub struct Kpi {
    #[schemars(with = "String", pattern(crate::model::text::SLUG_PATTERN))]
    pub id: Spanned<String>,
    pub name: Translated<String>,
    #[serde(default)]
    pub formula: Option<Translated<String>>,
    /// The id of the indicator of `indicators.yaml` this KPI measures, in the same definition and unit: its baseline and actuals are then checked against the PES's observations of that indicator.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub indicator: Option<Spanned<String>>,
    pub unit: Unit,
    /// How many decimals its baseline, targets and actuals are written with (0 to 4); by
    /// default the unit's, as for indicators.
    #[serde(default)]
    #[schemars(with = "Option<u8>", range(max = 4))]
    pub decimals: Option<Spanned<u8>>,
    pub baseline: Baseline,
    #[serde(default, deserialize_with = "super::number::spanned_by_year")]
    #[schemars(with = "BTreeMap<i32, f64>")]
    pub targets: BTreeMap<i32, Spanned<f64>>,
    #[serde(default, deserialize_with = "super::number::spanned_by_year")]
    #[schemars(with = "BTreeMap<i32, f64>")]
    pub actuals: BTreeMap<i32, Spanned<f64>>,
    /// Where the figures come from: a name, or a text per language.
    #[serde(default)]
    pub source: Option<Localized>,
    /// Who answers for the KPI: a name, or a text per language.
    #[serde(default)]
    pub owner: Option<Localized>,
}

/// In a KPI's JSON Schema, its targets and actuals in the range of its unit, as `check` has
/// them: never below 0, and at most 100 for a percentage, so that an editor flags them while
/// typing.
fn kpi_unit_ranges(schema: &mut schemars::Schema) {
    let years: Vec<String> = schema
        .get("properties")
        .and_then(|properties| properties.get("targets"))
        .and_then(|targets| targets.get("patternProperties"))
        .and_then(serde_json::Value::as_object)
        .map(|patterns| patterns.keys().cloned().collect())
        .unwrap_or_default();
    let figures = |bounds: serde_json::Value| {
        let by_year: serde_json::Map<String, serde_json::Value> = years
            .iter()
            .map(|year| (year.clone(), bounds.clone()))
            .collect();
        serde_json::json!({"properties": {
            "targets": {"patternProperties": by_year},
            "actuals": {"patternProperties": by_year},
        }})
    };
    let percent = serde_json::json!({"const": Unit::Percent.key()});
    schema.insert(
        "allOf".into(),
        serde_json::json!([
            figures(serde_json::json!({"minimum": 0})),
            {
                "if": {"properties": {"unit": percent}},
                "then": figures(serde_json::json!({"maximum": 100})),
            },
        ]),
    );
}

impl Kpi {
    /// How its values are written.
    pub fn value_format(&self) -> ValueFormat {
        ValueFormat::of(self.unit, self.decimals.as_ref())
    }
}

/// The value a KPI started from.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    #[schemars(with = "i32", range(min = 1900, max = 2100))]
    pub year: Spanned<i32>,
    #[serde(deserialize_with = "super::number::plain")]
    pub value: f64,
}

/// Where an activity of the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityStatus {
    Planned,
    InProgress,
    Done,
    Delayed,
}

impl ActivityStatus {
    /// Its id, as the data writes it: in downloads and in the page's CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::InProgress => "in-progress",
            ActivityStatus::Done => "done",
            ActivityStatus::Delayed => "delayed",
        }
    }
}

/// A step of a framework's activity plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub name: Translated<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub kpi: Option<Spanned<String>>,
    /// Who carries the activity out: a name, or a text per language.
    pub responsible: Localized,
    /// When it is due; a step planned without a date (as a visit report may plan it) has none.
    #[serde(default)]
    pub due: Option<Date>,
    pub status: ActivityStatus,
}

/// A dataset named by its path under `content/data/`: an observations file
/// (`observations/outcomes.csv`), an assessment cycle's folder (`assessments/2024`) or a
/// framework's file (`frameworks/kh-nea.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DatasetPath(pub String);

impl DatasetPath {
    /// The dataset of the file or folder at `path`, relative to the site root.
    pub fn of(path: &std::path::Path) -> DatasetPath {
        let under_data = path.strip_prefix("content/data").unwrap_or(path);
        let parts: Vec<String> = under_data
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        DatasetPath(parts.join("/"))
    }
}

impl std::fmt::Display for DatasetPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What `content/data/datasets.yaml` says of one dataset: whether its figures are real, where
/// they come from and when they were last updated, for the provenance line of every view.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatasetEntry {
    /// The dataset, by its path under content/data/: an observations file
    /// (`observations/outcomes.csv`), an assessment cycle's folder (`assessments/2024`) or a
    /// framework (`frameworks/kh-nea.yaml`).
    #[schemars(with = "String")]
    pub dataset: Spanned<String>,
    /// Whether its figures are illustrative rather than real statistics; by default site.yaml's `options.illustrative_data`.
    #[serde(default)]
    pub illustrative: Option<bool>,
    /// Where its figures come from: a name, or a text per language. An observation's or a KPI's own `source` is shown instead where given.
    #[serde(default)]
    pub source: Option<Localized>,
    /// When its figures were last updated, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<Date>")]
    pub updated: Option<Spanned<Date>>,
    /// Who may see its figures: `public` (the default) or `members`, which only the members' edition shows.
    #[serde(default)]
    pub audience: crate::model::audience::Audience,
}

/// All structured data of a site.
#[derive(Debug, Default)]
pub struct Data {
    pub pes: Vec<Pes>,
    pub pes_file: Option<Arc<SourceFile>>,
    pub clusters: Vec<Cluster>,
    pub clusters_file: Option<Arc<SourceFile>>,
    pub networks: Vec<Network>,
    pub networks_file: Option<Arc<SourceFile>>,
    pub categories: Vec<Category>,
    pub categories_file: Option<Arc<SourceFile>>,
    pub indicators: Vec<Indicator>,
    pub indicators_file: Option<Arc<SourceFile>>,
    pub observations: Vec<Observation>,
    pub areas: Vec<Area>,
    pub areas_file: Option<Arc<SourceFile>>,
    pub assessments: Vec<Assessment>,
    pub frameworks: Vec<Framework>,
    /// What `datasets.yaml` says of the datasets above.
    pub datasets: Vec<DatasetEntry>,
    pub datasets_file: Option<Arc<SourceFile>>,
    /// Files defining ids (`pes.yaml`, `clusters.yaml`, …) that exist but could not be loaded.
    /// Their own error is reported; references to the ids they define are not checked.
    pub unloaded: Vec<std::path::PathBuf>,
    /// What the edition being built left out for its audience, so that a reference to it is
    /// neither reported as unknown nor shown.
    pub withheld: crate::model::audience::WithheldData,
}

impl Data {
    pub fn pes_by_id(&self, id: &str) -> Option<&Pes> {
        self.pes.iter().find(|pes| pes.id.value == id)
    }

    /// The country codes of the members, as written (each once).
    pub fn country_codes(&self) -> std::collections::BTreeSet<&str> {
        self.pes
            .iter()
            .map(|pes| pes.country.value.as_str())
            .collect()
    }

    pub fn cluster_by_id(&self, id: &str) -> Option<&Cluster> {
        self.clusters.iter().find(|cluster| cluster.id.value == id)
    }

    pub fn network_by_id(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|network| network.id.value == id)
    }

    pub fn category_by_id(&self, id: &str) -> Option<&Category> {
        self.categories
            .iter()
            .find(|category| category.id.value == id)
    }

    pub fn area_by_id(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|area| area.id.value == id)
    }

    /// What `datasets.yaml` says of `dataset`, if it names it.
    pub fn dataset(&self, dataset: &DatasetPath) -> Option<&DatasetEntry> {
        self.datasets
            .iter()
            .find(|entry| entry.dataset.value == dataset.0)
    }

    /// Every dataset of the site (observations files, assessment cycles, frameworks), each once.
    pub fn dataset_paths(&self) -> std::collections::BTreeSet<&DatasetPath> {
        self.observations
            .iter()
            .map(|o| &o.dataset)
            .chain(self.assessments.iter().map(|a| &a.dataset))
            .chain(self.frameworks.iter().map(|f| &f.dataset))
            .collect()
    }
}
