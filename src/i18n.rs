//! UI strings per language, from the theme's `i18n/<lang>.yaml` files.
//!
//! Theme layers merge key by key, so a site overrides one label without copying the file. A key
//! present in one language and missing in another is an error, so a page never shows a blank
//! where a label should be. Each string is a [`Message`]: plain text, or text with arguments
//! and plural forms, parsed here so that a malformed one is reported at its line and column.

pub mod formats;
pub mod message;

use crate::model::lang::Lang;
use crate::model::typography::Typography;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, Span};
use crate::theme::Theme;
use formats::Formats;
pub use message::{Message, Value};

/// Nested maps of strings, as authors write them, each with its position.
type Tree = Spanned<Node>;

/// A string or a map of nested keys.
#[derive(Debug)]
enum Node {
    Text(String),
    Map(BTreeMap<String, Tree>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a UI string or a map of UI strings")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Node, E> {
                Ok(Node::Text(text.to_string()))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut nodes = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<Tree>()?;
                    nodes.insert(key, value);
                }
                Ok(Node::Map(nodes))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A parsed string and where its text is, for the checks across languages.
struct Located {
    message: Message,
    file: Arc<SourceFile>,
    span: Span,
}

/// The UI strings of every site language, keyed `section.name`.
#[derive(Debug, Default, Clone)]
pub struct Strings {
    by_lang: BTreeMap<Lang, BTreeMap<String, Message>>,
}

impl Strings {
    /// Reads the theme's string files for `languages` and checks they define the same keys.
    pub fn load(theme: &Theme, languages: &[Lang], diagnostics: &mut Diagnostics) -> Strings {
        let mut strings = Strings::default();
        let mut located: BTreeMap<Lang, BTreeMap<String, Located>> = BTreeMap::new();
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
                    Ok(tree) => flatten(file, "", tree, &mut flat, diagnostics),
                    Err(problems) => diagnostics.extend(problems),
                }
                last_file.insert(lang, file);
            }
            let typography = Typography::of_lang(lang);
            for string in flat.values_mut() {
                string.message.typeset(typography);
            }
            located.insert(lang.clone(), flat);
        }
        diagnostics.extend(argument_mismatches(languages, &located));
        strings.by_lang = located
            .into_iter()
            .map(|(lang, map)| {
                let messages = map.into_iter().map(|(k, l)| (k, l.message)).collect();
                (lang, messages)
            })
            .collect();
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

    /// The string for `key` in `lang`, or `None` so the caller can report it: its text, or
    /// for a string that takes arguments, as written.
    pub fn get(&self, lang: &str, key: &str) -> Option<&str> {
        let message = self.message(lang, key)?;
        Some(message.plain().unwrap_or(message.source()))
    }

    /// The parsed string for `key` in `lang`.
    pub fn message(&self, lang: &str, key: &str) -> Option<&Message> {
        self.by_lang.get(lang)?.get(key)
    }

    /// The string for `key` in `lang` with `values` for its arguments, in the formats of
    /// `formats`; or why it cannot be written.
    pub fn format(
        &self,
        lang: &str,
        key: &str,
        values: &[(&str, Value<'_>)],
        formats: &Formats,
    ) -> Result<String, String> {
        let message = self.message(lang, key).ok_or_else(|| {
            format!("unknown UI string `{key}` for language `{lang}`; add it to the theme's i18n/{lang}.yaml")
        })?;
        message
            .format(values, formats)
            .map_err(|missing| format!("UI string `{key}` needs a value for `{missing}`"))
    }
}

fn flatten(
    file: &Arc<SourceFile>,
    prefix: &str,
    tree: BTreeMap<String, Tree>,
    out: &mut BTreeMap<String, Located>,
    diagnostics: &mut Diagnostics,
) {
    for (key, value) in tree {
        let full = if prefix.is_empty() {
            key
        } else {
            format!("{prefix}.{key}")
        };
        let span = crate::content::yaml::span_of(file, 0, &value.referenced);
        match value.value {
            Node::Text(text) => match Message::parse(&text) {
                Ok(message) => {
                    out.insert(
                        full,
                        Located {
                            message,
                            file: Arc::clone(file),
                            span,
                        },
                    );
                }
                Err(error) => diagnostics.push(
                    Diagnostic::at(
                        file,
                        error_span(file, span, &text, error.offset),
                        format!("UI string `{full}`: {}", error.message),
                    )
                    .with_help(MESSAGE_HELP),
                ),
            },
            Node::Map(map) => flatten(file, &full, map, out, diagnostics),
        }
    }
}

const MESSAGE_HELP: &str =
    "e.g. \"{count, plural, one {# service} other {# services}}\"; see docs/theming.md, UI strings";

/// Where, in the file, byte `offset` of a string whose value starts at `value` lies: exact
/// when the string is written without escapes, else the start of the value.
fn error_span(file: &SourceFile, value: Span, text: &str, offset: usize) -> Span {
    let start = value.offset;
    let quoted = file.text[start..].starts_with(['"', '\'']);
    let content = start + usize::from(quoted);
    if file.text[content..].starts_with(text) {
        Span::new(content + offset, 1)
    } else {
        value
    }
}

/// A string that takes other arguments in one language than in the first: a template or
/// the Rust side passes the same values in every language, so one of them would miss its
/// count or print a sentence without it.
fn argument_mismatches(
    languages: &[Lang],
    located: &BTreeMap<Lang, BTreeMap<String, Located>>,
) -> Vec<Diagnostic> {
    let Some((first, reference)) = languages
        .iter()
        .find_map(|lang| Some((lang, located.get(lang)?)))
    else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (lang, strings) in located.iter().filter(|(lang, _)| *lang != first) {
        for (key, string) in strings {
            let Some(expected) = reference.get(key) else {
                continue;
            };
            let (wanted, given) = (expected.message.arguments(), string.message.arguments());
            if wanted != given {
                problems.push(
                    Diagnostic::at(
                        &string.file,
                        string.span,
                        format!(
                            "UI string `{key}` takes {} in `{lang}` but {} in `{first}`",
                            argument_list(&given),
                            argument_list(&wanted)
                        ),
                    )
                    .with_help(format!(
                        "every language's string is given the same values; see {}",
                        expected.file.path.display()
                    )),
                );
            }
        }
    }
    problems
}

fn argument_list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        "no argument".to_string()
    } else {
        names
            .iter()
            .map(|name| format!("`{{{name}}}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
