//! Which templates each template renders through `extends`, `include`, `import` and `from`, so
//! a preview rebuild after a template edit re-renders only the pages that use it.
//!
//! The sources are scanned for those tags rather than asked of the engine: MiniJinja does not
//! expose a template's references. A reference that is not a plain string (a variable, an
//! expression) could be any template, so a template holding one is taken to use them all.

use std::collections::{BTreeMap, BTreeSet};

use crate::theme::Theme;

/// Every template's transitive uses, itself included.
#[derive(Debug)]
pub struct TemplateUses {
    uses: BTreeMap<String, Uses>,
}

/// What one template renders.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Uses {
    /// These templates (names), itself included.
    Some(BTreeSet<String>),
    /// A reference that cannot be read without rendering: possibly any template.
    Any,
}

impl TemplateUses {
    /// Scans the theme's templates and follows their references to the end.
    pub fn of(theme: &Theme) -> TemplateUses {
        let direct: BTreeMap<String, Option<BTreeSet<String>>> = theme
            .templates
            .iter()
            .map(|(name, file)| {
                (
                    name.clone(),
                    references(&String::from_utf8_lossy(&file.bytes)),
                )
            })
            .collect();
        let uses = direct
            .keys()
            .map(|name| (name.clone(), closure(name, &direct)))
            .collect();
        TemplateUses { uses }
    }

    /// The templates whose output depends on any of `changed` (template names): those using
    /// one of them, and the changed ones themselves.
    pub fn users_of(&self, changed: &BTreeSet<String>) -> BTreeSet<String> {
        let mut users: BTreeSet<String> = changed.clone();
        for (name, uses) in &self.uses {
            let affected = match uses {
                Uses::Any => true,
                Uses::Some(names) => !names.is_disjoint(changed),
            };
            if affected {
                users.insert(name.clone());
            }
        }
        users
    }
}

/// Everything `name` reaches, following references breadth first.
fn closure(name: &str, direct: &BTreeMap<String, Option<BTreeSet<String>>>) -> Uses {
    let mut seen = BTreeSet::from([name.to_string()]);
    let mut queue = vec![name.to_string()];
    while let Some(current) = queue.pop() {
        // A reference to a template the theme lacks fails at render time; it has no uses.
        let Some(references) = direct.get(&current) else {
            continue;
        };
        let Some(references) = references else {
            return Uses::Any;
        };
        for reference in references {
            if seen.insert(reference.clone()) {
                queue.push(reference.clone());
            }
        }
    }
    Uses::Some(seen)
}

/// The template names a source refers to, or `None` if one reference is not a plain string.
fn references(source: &str) -> Option<BTreeSet<String>> {
    let mut names = BTreeSet::new();
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_start_matches(['-', '+']).trim();
        rest = &after[end..];
        let Some((keyword, argument)) = tag.split_once(char::is_whitespace) else {
            continue;
        };
        if !matches!(keyword, "extends" | "include" | "import" | "from") {
            continue;
        }
        names.extend(literals(argument.trim())?);
    }
    Some(names)
}

/// The string literals of a reference: `"a.html"`, or a list `["a.html", 'b.html']` as
/// `include` takes; `None` for anything else.
fn literals(argument: &str) -> Option<Vec<String>> {
    let list = argument.strip_prefix('[');
    let mut text = list.unwrap_or(argument);
    let mut names = Vec::new();
    loop {
        text = text.trim_start();
        let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let closing = text[1..].find(quote)?;
        names.push(text[1..1 + closing].to_string());
        text = text[closing + 2..].trim_start();
        match (list.is_some(), text.strip_prefix(',')) {
            (true, Some(more)) => text = more,
            _ => break,
        }
    }
    Some(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeFile;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        let mut theme = Theme::default();
        for (name, source) in templates {
            theme.templates.insert(
                name.to_string(),
                ThemeFile {
                    origin: PathBuf::from(name),
                    bytes: Arc::new(source.as_bytes().to_vec()),
                },
            );
        }
        theme
    }

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn follows_extends_include_import_and_from() {
        let theme = theme(&[
            (
                "base.html",
                r#"{% include "record.html" %}{% block content %}{% endblock %}"#,
            ),
            ("record.html", "<p>record</p>"),
            ("macros.html", "{% macro cards() %}{% endmacro %}"),
            ("note.html", "<p>note</p>"),
            (
                "practice.html",
                r#"{% extends "base.html" %}{%- from 'macros.html' import cards -%}{% block content %}{% include ["note.html", "other.html"] ignore missing %}{% endblock %}"#,
            ),
            (
                "list.html",
                r#"{% extends "base.html" %}{% import "macros.html" as m %}"#,
            ),
            ("page.html", r#"{% extends "base.html" %}"#),
        ]);
        let uses = TemplateUses::of(&theme);
        assert_eq!(
            uses.users_of(&names(&["note.html"])),
            names(&["note.html", "practice.html"])
        );
        assert_eq!(
            uses.users_of(&names(&["macros.html"])),
            names(&["list.html", "macros.html", "practice.html"])
        );
        assert_eq!(
            uses.users_of(&names(&["record.html"])),
            names(&[
                "base.html",
                "list.html",
                "page.html",
                "practice.html",
                "record.html"
            ])
        );
    }

    #[test]
    fn a_reference_by_expression_may_be_anything() {
        let theme = theme(&[
            ("base.html", "{% block content %}{% endblock %}"),
            (
                "dynamic.html",
                r#"{% extends "base.html" %}{% include partial %}"#,
            ),
            ("page.html", r#"{% extends "base.html" %}"#),
            ("note.html", "<p>note</p>"),
        ]);
        let uses = TemplateUses::of(&theme);
        assert_eq!(
            uses.users_of(&names(&["note.html"])),
            names(&["dynamic.html", "note.html"])
        );
    }

    #[test]
    fn the_built_in_theme_uses_base_everywhere() {
        let mut problems = crate::diagnostics::Diagnostics::default();
        let theme = Theme::load(
            std::path::Path::new("/nonexistent"),
            "default",
            &mut problems,
        );
        let uses = TemplateUses::of(&theme);
        let all: BTreeSet<String> = theme.templates.keys().cloned().collect();
        let users = uses.users_of(&names(&["base.html"]));
        for page in [
            "practice.html",
            "home.html",
            "pes.html",
            "404.html",
            "search.html",
        ] {
            assert!(users.contains(page), "{page} extends base.html");
        }
        assert!(users.len() < all.len(), "partials do not extend base.html");
        assert!(!uses
            .users_of(&names(&["bench.html"]))
            .contains("practice.html"));
    }
}
