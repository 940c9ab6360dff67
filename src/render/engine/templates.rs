//! The template engine: the theme's MiniJinja templates with the functions they need.
//!
//! Templates only lay out what Rust has shaped; the helpers they get are `t(key)` for UI
//! strings (`t(key, count=n)` for one with plural forms), which fails loudly on an unknown key
//! or a missing count instead of printing nothing; the `number` filter, which writes a count the
//! way the page's language writes numbers; and `direction(code)`, the `dir` attribute (`ltr` or
//! `rtl`) of text in a language.

use std::sync::Arc;

use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior, Value};

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::i18n::formats::SiteFormats;
use crate::i18n::{self, Strings};
use crate::model::lang::Lang;
use crate::render::escape_markup;
use crate::theme::Theme;

/// Builds the engine with every template of the theme, reporting each one that does not parse.
pub fn environment(
    theme: &Theme,
    strings: Arc<Strings>,
    formats: Arc<SiteFormats>,
) -> (Environment<'static>, Vec<Diagnostic>) {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env.set_formatter(escape_without_slashes);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    let mut problems = Vec::new();
    for (name, file) in &theme.templates {
        let source = match String::from_utf8(file.bytes.to_vec()) {
            Ok(source) => source,
            Err(_) => {
                problems.push(Diagnostic::in_path(
                    &file.origin,
                    "the template is not UTF-8 text",
                ));
                continue;
            }
        };
        if let Err(error) = env.add_template_owned(name.clone(), source.clone()) {
            let source_file = SourceFile::new(&file.origin, source);
            problems.push(template_problem(&source_file, &error));
        }
    }
    let number_formats = Arc::clone(&formats);
    env.add_function(
        "t",
        move |state: &State, key: &str, values: Kwargs| -> Result<String, Error> {
            let lang = page_language(state);
            translate(&strings, &formats, &lang, key, &values)
        },
    );
    env.add_filter("number", move |state: &State, count: usize| -> String {
        number_formats.get(&page_language(state)).integer(count)
    });
    env.add_function("direction", |code: &str| {
        Lang::new(code).direction().as_str()
    });
    (env, problems)
}

/// The language of the page being rendered.
fn page_language(state: &State) -> String {
    state
        .lookup("lang")
        .and_then(|lang| lang.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// `t(key, …)`: the UI string with the named values given (`count=n` for plural forms).
fn translate(
    strings: &Strings,
    formats: &SiteFormats,
    lang: &str,
    key: &str,
    given: &Kwargs,
) -> Result<String, Error> {
    let invalid = |message: String| Error::new(ErrorKind::InvalidOperation, message);
    let texts: Vec<(&str, Value)> = given
        .args()
        .map(|name| given.get::<Value>(name).map(|value| (name, value)))
        .collect::<Result<_, _>>()?;
    let mut values = Vec::with_capacity(texts.len());
    for (name, value) in &texts {
        let value = match (value.as_usize(), value.as_str()) {
            (Some(count), _) => i18n::Value::Count(count),
            (None, Some(text)) => i18n::Value::Text(text),
            (None, None) => {
                return Err(invalid(format!(
                    "t(\"{key}\"): `{name}` must be a count or a text, not {value}"
                )))
            }
        };
        values.push((*name, value));
    }
    let message = strings.message(lang, key).ok_or_else(|| {
        invalid(format!(
            "unknown UI string `{key}` for language `{lang}`; add it to the theme's i18n/{lang}.yaml"
        ))
    })?;
    if let Some(unused) = values
        .iter()
        .find(|(name, _)| !message.arguments().contains(name))
    {
        return Err(invalid(format!(
            "t(\"{key}\"): the UI string takes no `{}` in `{lang}`",
            unused.0
        )));
    }
    message
        .format(&values, formats.get(lang))
        .map_err(|missing| {
            invalid(format!(
                "UI string `{key}` takes `{{{missing}}}`: write t(\"{key}\", {missing}=…)"
            ))
        })
}

/// A template error as a diagnostic pointing into the template file.
pub fn template_problem(file: &Arc<SourceFile>, error: &Error) -> Diagnostic {
    let message = match error.detail() {
        Some(detail) => format!("template error: {detail}"),
        None => format!("template error: {}", error.kind()),
    };
    match error.line() {
        Some(line) => Diagnostic::at_line(file, line, 1, message),
        None => Diagnostic::in_path(&file.path, message),
    }
}

/// Renders `template` with `context`, turning failures into a diagnostic on the template.
pub fn render(
    env: &Environment<'static>,
    theme: &Theme,
    template: &str,
    context: Value,
) -> Result<String, Diagnostic> {
    let compiled = env.get_template(template).map_err(|error| {
        Diagnostic::in_path(
            format!("templates/{template}"),
            format!("the theme has no template `{template}`: {error}"),
        )
    })?;
    compiled.render(context).map_err(|error| {
        let failing = error.name().unwrap_or(template).to_string();
        match theme.templates.get(&failing) {
            Some(file) => {
                let text = String::from_utf8_lossy(&file.bytes).into_owned();
                template_problem(&SourceFile::new(&file.origin, text), &error)
            }
            None => Diagnostic::in_path(
                format!("templates/{failing}"),
                format!("template error: {error}"),
            ),
        }
    })
}

/// MiniJinja's HTML escaping, but leaving `/` as it is: escaping `& < > " '` is what keeps text
/// and quoted attribute values safe; `&#x2f;` in every URL only added bytes (about 6% of a
/// practice page).
fn escape_without_slashes(
    out: &mut minijinja::Output,
    state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    match value.as_str() {
        Some(text) if *state.auto_escape() == minijinja::AutoEscape::Html && !value.is_safe() => {
            out.write_str(&escape_markup(text)).map_err(Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped_but_slashes_are_left_alone() {
        let mut env = Environment::new();
        env.set_formatter(escape_without_slashes);
        env.add_template("t.html", "{{ url }}|{{ text }}|{{ markup|safe }}|{{ n }}")
            .expect("the template parses");
        let out = env
            .get_template("t.html")
            .and_then(|t| {
                t.render(minijinja::context! {
                    url => "/fr/a?b=1&c=2",
                    text => "<script>'x' \"y\"</script>",
                    markup => "<b>ok</b>",
                    n => 3,
                })
            })
            .expect("the template renders");
        assert_eq!(
            out,
            "/fr/a?b=1&amp;c=2|&lt;script&gt;&#39;x&#39; &quot;y&quot;&lt;/script&gt;|<b>ok</b>|3"
        );
    }
}
