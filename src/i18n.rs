//! UI strings per language, from the theme's `i18n/<lang>.yaml` files.
//!
//! Theme layers merge key by key, so a site overrides one label without copying the file. A key
//! present in one language and missing in another is an error, so a page never shows a blank
//! where a label should be.

use crate::model::lang::Lang;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::theme::Theme;

/// Nested maps of strings, as authors write them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Tree {
    Text(String),
    Map(BTreeMap<String, Tree>),
}

/// The UI strings of every site language, keyed `section.name`.
#[derive(Debug, Default, Clone)]
pub struct Strings {
    by_lang: BTreeMap<Lang, BTreeMap<String, String>>,
}

impl Strings {
    /// Reads the theme's string files for `languages` and checks they define the same keys.
    pub fn load(theme: &Theme, languages: &[Lang], diagnostics: &mut Diagnostics) -> Strings {
        let mut strings = Strings::default();
        let mut last_file: BTreeMap<&str, &Arc<SourceFile>> = BTreeMap::new();
        for lang in languages {
            let Some(files) = theme
                .i18n
                .get(lang.as_str())
                .filter(|files| !files.is_empty())
            else {
                diagnostics.push(
                    Diagnostic::in_path(
                        theme.folder.join("i18n").join(format!("{lang}.yaml")),
                        format!("the theme has no UI strings for language `{lang}`"),
                    )
                    .with_help(format!(
                        "the theme has them for {}; add this file with the same keys (copy the default theme's en.yaml and translate it)",
                        theme.i18n.keys().map(String::as_str).collect::<Vec<_>>().join(", ")
                    )),
                );
                continue;
            };
            let mut flat = BTreeMap::new();
            for file in files {
                match crate::content::yaml::parse::<BTreeMap<String, Tree>>(file, 0) {
                    Ok(tree) => flatten("", tree, &mut flat),
                    Err(problem) => diagnostics.push(problem),
                }
                last_file.insert(lang, file);
            }
            strings.by_lang.insert(lang.clone(), flat);
        }
        let all_keys: BTreeSet<&String> = strings.by_lang.values().flat_map(|m| m.keys()).collect();
        for (lang, map) in &strings.by_lang {
            for key in all_keys.iter().filter(|key| !map.contains_key(**key)) {
                let file = last_file[lang.as_str()];
                diagnostics.push(
                    Diagnostic::in_path(
                        &file.path,
                        format!("UI string `{key}` is missing for language `{lang}`"),
                    )
                    .with_help("every language's i18n file must define the same keys"),
                );
            }
        }
        strings
    }

    /// Keys defined in some language but not in `lang`, sorted: what a translator must add.
    pub fn missing_keys(&self, lang: &Lang) -> Vec<&str> {
        let all: BTreeSet<&str> = self
            .by_lang
            .values()
            .flat_map(|map| map.keys().map(String::as_str))
            .collect();
        let Some(own) = self.by_lang.get(lang.as_str()) else {
            return all.into_iter().collect();
        };
        all.into_iter()
            .filter(|key| !own.contains_key(*key))
            .collect()
    }

    /// Whether `lang` has any UI strings: a language without is reported once, not key by key.
    pub fn has_language(&self, lang: &str) -> bool {
        self.by_lang.contains_key(lang)
    }

    /// The string for `key` in `lang`, or `None` so the caller can report it.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        self.by_lang.get(lang)?.get(key).map(String::as_str)
    }
}

fn flatten(prefix: &str, tree: BTreeMap<String, Tree>, out: &mut BTreeMap<String, String>) {
    for (key, value) in tree {
        let full = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            Tree::Text(text) => {
                out.insert(full, text);
            }
            Tree::Map(map) => flatten(&full, map, out),
        }
    }
}
