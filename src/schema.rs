//! JSON Schemas of the content files, generated from the model types, so authors get
//! completion and errors while typing in any editor with a YAML language server.
//!
//! Each content file names its schema on its first YAML line (for Markdown, the first line
//! inside the `---` block) with a `# yaml-language-server: $schema=<relative path>` comment;
//! [`modeline`] writes that line for a file.

use crate::model::lang::Lang;
use std::path::{Component, Path};

use schemars::generate::SchemaSettings;
use schemars::Schema;
use serde_json::{json, Map, Value};

use crate::config::Config;
use crate::model::data::{
    Area, AssessmentFile, Category, Cluster, DatasetEntry, FrameworkFile, Indicator, Network, Pes,
};
use crate::model::documents::{PageMeta, PracticeMeta, ReportMeta, Section, VisitMeta};
use crate::model::text::TRANSLATED_SCHEMA_MARKER;

/// The folder below the site root that `benchlearn schema` writes to by default and that
/// content files point to.
pub const SCHEMA_DIR: &str = "schemas";

/// A kind of content file with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Site,
    Pes,
    Clusters,
    Networks,
    Categories,
    Indicators,
    Areas,
    Datasets,
    Observations,
    Assessment,
    Framework,
    Practice,
    Visit,
    Report,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 15] = [
        Kind::Site,
        Kind::Pes,
        Kind::Clusters,
        Kind::Networks,
        Kind::Categories,
        Kind::Indicators,
        Kind::Areas,
        Kind::Datasets,
        Kind::Observations,
        Kind::Assessment,
        Kind::Framework,
        Kind::Practice,
        Kind::Visit,
        Kind::Report,
        Kind::Page,
    ];

    /// The schema's file name in the schema folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Site => "site.schema.json",
            Kind::Pes => "pes.schema.json",
            Kind::Clusters => "clusters.schema.json",
            Kind::Networks => "networks.schema.json",
            Kind::Categories => "categories.schema.json",
            Kind::Indicators => "indicators.schema.json",
            Kind::Areas => "areas.schema.json",
            Kind::Datasets => "datasets.schema.json",
            Kind::Observations => "observations.schema.json",
            Kind::Assessment => "assessment.schema.json",
            Kind::Framework => "framework.schema.json",
            Kind::Practice => "practice.schema.json",
            Kind::Visit => "visit.schema.json",
            Kind::Report => "report.schema.json",
            Kind::Page => "page.schema.json",
        }
    }

    /// Which files the schema describes, as documentation and schema title.
    pub fn applies_to(self) -> &'static str {
        match self {
            Kind::Site => "site.yaml",
            Kind::Pes => "content/data/pes.yaml",
            Kind::Clusters => "content/data/clusters.yaml",
            Kind::Networks => "content/data/networks.yaml",
            Kind::Categories => "content/data/categories.yaml",
            Kind::Indicators => "content/data/indicators.yaml",
            Kind::Areas => "content/data/areas.yaml",
            Kind::Datasets => "content/data/datasets.yaml",
            Kind::Observations => "content/data/observations/*.yaml",
            Kind::Assessment => "content/data/assessments/<cycle>/<pes-id>.yaml",
            Kind::Framework => "content/data/frameworks/<pes-id>.yaml",
            Kind::Practice => "front matter of content/practices/<slug>.<lang>.md",
            Kind::Visit => "front matter of content/visits/<slug>.<lang>.md",
            Kind::Report => "front matter of content/reports/<slug>.<lang>.md",
            Kind::Page => "front matter of content/pages/<slug>.<lang>.md",
        }
    }

    /// The schema kind of a document section's front matter.
    pub fn of_section(section: Section) -> Kind {
        match section {
            Section::Practices => Kind::Practice,
            Section::Visits => Kind::Visit,
            Section::Reports => Kind::Report,
            Section::Pages => Kind::Page,
        }
    }

    /// The kind of a file from its path relative to the site root, if it has a schema.
    pub fn of_path(path: &Path) -> Option<Kind> {
        let parts: Vec<&str> = path
            .components()
            .filter_map(|c| match c {
                Component::Normal(part) => part.to_str(),
                _ => None,
            })
            .collect();
        let yaml = |name: &str| name.ends_with(".yaml") || name.ends_with(".yml");
        Some(match parts.as_slice() {
            ["site.yaml"] => Kind::Site,
            ["content", "data", "pes.yaml"] => Kind::Pes,
            ["content", "data", "clusters.yaml"] => Kind::Clusters,
            ["content", "data", "networks.yaml"] => Kind::Networks,
            ["content", "data", "categories.yaml"] => Kind::Categories,
            ["content", "data", "indicators.yaml"] => Kind::Indicators,
            ["content", "data", "areas.yaml"] => Kind::Areas,
            ["content", "data", "datasets.yaml"] => Kind::Datasets,
            ["content", "data", "observations", name] if yaml(name) => Kind::Observations,
            ["content", "data", "assessments", _, name] if yaml(name) => Kind::Assessment,
            ["content", "data", "frameworks", name] if yaml(name) => Kind::Framework,
            ["content", folder, name] if name.ends_with(".md") => {
                Kind::of_section(Section::from_folder(folder)?)
            }
            _ => return None,
        })
    }

    /// The schema as the types describe it, in JSON Schema draft 7: the draft that YAML
    /// language servers support best.
    fn generic_schema(self) -> Schema {
        let generator = SchemaSettings::draft07().into_generator();
        match self {
            Kind::Site => generator.into_root_schema_for::<Config>(),
            Kind::Pes => generator.into_root_schema_for::<Vec<Pes>>(),
            Kind::Clusters => generator.into_root_schema_for::<Vec<Cluster>>(),
            Kind::Networks => generator.into_root_schema_for::<Vec<Network>>(),
            Kind::Categories => generator.into_root_schema_for::<Vec<Category>>(),
            Kind::Indicators => generator.into_root_schema_for::<Vec<Indicator>>(),
            Kind::Areas => generator.into_root_schema_for::<Vec<Area>>(),
            Kind::Datasets => generator.into_root_schema_for::<Vec<DatasetEntry>>(),
            Kind::Observations => crate::content::observations::yaml_schema(generator),
            Kind::Assessment => generator.into_root_schema_for::<AssessmentFile>(),
            Kind::Framework => generator.into_root_schema_for::<FrameworkFile>(),
            Kind::Practice => generator.into_root_schema_for::<PracticeMeta>(),
            Kind::Visit => generator.into_root_schema_for::<VisitMeta>(),
            Kind::Report => generator.into_root_schema_for::<ReportMeta>(),
            Kind::Page => generator.into_root_schema_for::<PageMeta>(),
        }
    }

    /// The schema for a site with `languages`: translated fields require exactly those keys.
    pub fn schema(self, languages: &[Lang]) -> Value {
        let mut value = self.generic_schema().to_value();
        with_languages(&mut value, languages);
        if self == Kind::Practice {
            // Target groups are a fixed list, so editors can offer it.
            let items = &mut value["properties"]["target_groups"]["items"];
            if let Some(items) = items.as_object_mut() {
                items.insert(
                    "enum".into(),
                    json!(crate::model::documents::TargetGroup::ids()),
                );
            }
        }
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "title".into(),
                json!(format!("benchlearn: {}", self.applies_to())),
            );
        }
        value
    }
}

/// Replaces each translated field's "any two-letter key" with the site's languages.
fn with_languages(value: &mut Value, languages: &[Lang]) {
    match value {
        Value::Object(object) => {
            if object.remove(TRANSLATED_SCHEMA_MARKER).is_some() {
                let inner = object
                    .remove("additionalProperties")
                    .unwrap_or_else(|| json!({}));
                object.remove("propertyNames");
                let properties: Map<String, Value> = languages
                    .iter()
                    .map(|lang| (lang.to_string(), inner.clone()))
                    .collect();
                object.insert("properties".into(), Value::Object(properties));
                object.insert("required".into(), json!(languages));
                object.insert("additionalProperties".into(), json!(false));
            }
            for child in object.values_mut() {
                with_languages(child, languages);
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| with_languages(item, languages)),
        _ => {}
    }
}

/// The `# yaml-language-server: $schema=…` line for the file at `path` (relative to the site
/// root), pointing to its schema in [`SCHEMA_DIR`] by a relative path.
pub fn modeline(path: &Path, kind: Kind) -> String {
    let depth = path.components().count().saturating_sub(1);
    let up = "../".repeat(depth);
    format!(
        "# yaml-language-server: $schema={up}{SCHEMA_DIR}/{}",
        kind.file_name()
    )
}

/// Every schema as pretty JSON text with a final newline, by file name.
pub fn render_all(languages: &[Lang]) -> Vec<(&'static str, String)> {
    Kind::ALL
        .iter()
        .map(|kind| {
            let value = kind.schema(languages);
            // A serde_json::Value always serializes.
            let text = serde_json::to_string_pretty(&value).unwrap_or_default();
            (kind.file_name(), text + "\n")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_find_their_schema_and_point_to_it() {
        let path = Path::new("content/data/assessments/2024/fr-ft.yaml");
        let kind = Kind::of_path(path).expect("an assessment");
        assert_eq!(kind, Kind::Assessment);
        assert_eq!(
            modeline(path, kind),
            "# yaml-language-server: $schema=../../../../schemas/assessment.schema.json"
        );
        let page = Path::new("content/pages/about.en.md");
        assert_eq!(Kind::of_path(page), Some(Kind::Page));
        assert_eq!(
            modeline(Path::new("site.yaml"), Kind::Site),
            "# yaml-language-server: $schema=schemas/site.schema.json"
        );
        assert_eq!(
            Kind::of_path(Path::new("content/data/observations/a.csv")),
            None
        );
    }

    #[test]
    fn translated_fields_require_the_site_languages() {
        let languages = [Lang::new("fr"), Lang::new("en")];
        let schema = Kind::Pes.schema(&languages);
        let text = schema.to_string();
        assert!(!text.contains(TRANSLATED_SCHEMA_MARKER), "{text}");
        assert!(text.contains(r#""required":["fr","en"]"#), "{text}");
    }

    #[test]
    fn target_groups_are_offered() {
        let schema = Kind::Practice.schema(&[Lang::new("fr")]);
        let groups = &schema["properties"]["target_groups"]["items"]["enum"];
        assert_eq!(groups[0], "youth");
    }
}
