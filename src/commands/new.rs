//! `benchlearn new`: a document skeleton in every site language, ready to fill in.

use crate::model::lang::Lang;
use std::path::Path;

use super::Outcome;
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::i18n::Strings;
use crate::model::documents::Section;
use crate::model::text::{is_valid_slug, Date};
use crate::schema;
use crate::terminal;
use crate::theme::Theme;

/// Creates `content/<section>/<slug>.<lang>.md` for each site language.
pub fn run(root: &Path, section: Section, slug: &str) -> Outcome {
    if !is_valid_slug(slug) {
        terminal::stderr_line(format_args!("error: `{slug}` is not a valid slug; use lower-case a-z, 0-9 and single hyphens, e.g. youth-guarantee"));
        return Outcome::UsageOrIo;
    }
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let config = match content::load_config(root) {
        Ok(config) => config,
        Err(problems) => {
            super::print_problems(problems, "fix site.yaml first");
            return Outcome::ContentErrors;
        }
    };
    let mut problems = Diagnostics::default();
    let theme = Theme::load(root, &config.theme.value, &mut problems);
    let strings = Strings::load(&theme, config.languages(), &mut problems);
    if !problems.is_empty() {
        super::print_problems(problems, "fix the theme's UI strings first");
        return Outcome::ContentErrors;
    }
    let folder = root.join("content").join(section.folder());
    let languages = config.languages();
    let paths: Vec<_> = languages
        .iter()
        .map(|lang| folder.join(format!("{slug}.{lang}.md")))
        .collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        terminal::stderr_line(format_args!(
            "error: {} already exists; nothing was written",
            existing.display()
        ));
        return Outcome::UsageOrIo;
    }
    if let Err(error) = std::fs::create_dir_all(&folder) {
        terminal::stderr_line(format_args!(
            "error: cannot create {}: {error}",
            folder.display()
        ));
        return Outcome::UsageOrIo;
    }
    let today = Date::today();
    let owner = Owner::of_site(root, languages);
    for (lang, path) in languages.iter().zip(&paths) {
        let relative = Path::new("content")
            .join(section.folder())
            .join(format!("{slug}.{lang}.md"));
        let modeline = schema::modeline(&relative, schema::Kind::of_section(section));
        let placeholders = Placeholders::in_language(&strings, lang);
        let text = skeleton(section, &placeholders, &owner, today, &modeline);
        if let Err(error) = std::fs::write(path, text) {
            terminal::stderr_line(format_args!(
                "error: cannot write {}: {error}",
                path.display()
            ));
            return Outcome::UsageOrIo;
        }
        terminal::stdout_line(format_args!("created {}", path.display()));
    }
    terminal::stderr_line(
        "they are drafts, not published: preview them with `benchlearn serve --drafts`, \
         replace the placeholders (`benchlearn check` lists those left), then delete the line \
         `draft: true` to publish them",
    );
    Outcome::Success
}

/// The texts an author replaces, in the document's language: the theme's `new.*` UI strings,
/// so a site in any language gets its own words.
struct Placeholders {
    title: String,
    summary: String,
    heading: String,
    body: String,
}

impl Placeholders {
    fn in_language(strings: &Strings, lang: &Lang) -> Placeholders {
        // `Strings::load` reported any key missing in a language, and `run` stopped there.
        let text = |key: &str| strings.get(lang, key).unwrap_or_default().to_string();
        Placeholders {
            title: text("new.title"),
            summary: text("new.summary"),
            heading: text("new.heading"),
            body: text("new.body"),
        }
    }
}

/// Ids the new document's front matter needs: the site's first PES and excellence area, so
/// that a published document refers to something that exists; the author changes them.
struct Owner {
    pes: String,
    area: String,
}

impl Owner {
    fn of_site(root: &Path, languages: &[Lang]) -> Owner {
        // Problems in the data are `check`'s to report; a skeleton only needs ids to start from.
        let data = content::load_data(root, languages, &mut Diagnostics::default());
        let first =
            |ids: Vec<&str>, default: &str| ids.first().copied().unwrap_or(default).to_string();
        Owner {
            pes: first(
                data.pes.iter().map(|p| p.id.value.as_str()).collect(),
                "example-pes",
            ),
            area: first(
                data.areas.iter().map(|a| a.id.value.as_str()).collect(),
                "A",
            ),
        }
    }
}

/// The front matter a new document needs, with today's date and placeholders to replace. It
/// is a draft, so its placeholders are not published before the author has replaced them.
/// Its first line names the schema so the author's editor completes and checks the fields.
fn skeleton(
    section: Section,
    placeholders: &Placeholders,
    owner: &Owner,
    today: Date,
    modeline: &str,
) -> String {
    // A JSON string is a valid double-quoted YAML string, whatever the theme's text holds.
    let quoted = |text: &str| serde_json::Value::from(text).to_string();
    let title = quoted(&placeholders.title);
    let summary = quoted(&placeholders.summary);
    let body = format!("## {}\n\n{}\n", placeholders.heading, placeholders.body);
    let year = today.year();
    let (pes, area) = (&owner.pes, &owner.area);
    let fields = match section {
        Section::Practices => format!(
            "pes: {pes}\nareas: [{area}]\nindicators: []\ntarget_groups: [all-jobseekers]\nstart_year: {year}\nstatus: pilot\n"
        ),
        Section::Visits => format!(
            "host: {pes}\nstart_date: {today}\nend_date: {today}\nlocation: \"\"\norganiser: \"\"\nparticipants: {{officials: 0, experts: 0, observers: 0, coordinators: 0}}\nobjectives: []\nnext_steps: []\n"
        ),
        Section::Reports => format!("date: {today}\n"),
        Section::Pages => "weight: 50\nmenu: false\n".to_string(),
    };
    format!(
        "---\n{modeline}\ntitle: {title}\nsummary: {summary}\n{fields}created: {today}\nupdated: {today}\ndraft: true\n---\n\n{body}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_parse_as_front_matter() {
        let today = Date::parse("2026-01-02").expect("valid date");
        for section in Section::ALL {
            let placeholders = Placeholders {
                title: "Un \"titre\" à compléter".to_string(),
                summary: "Résumé : deux phrases.".to_string(),
                heading: "Contexte".to_string(),
                body: "Décrivez ici…".to_string(),
            };
            let owner = Owner {
                pes: "fr-ft".to_string(),
                area: "A".to_string(),
            };
            let text = skeleton(
                section,
                &placeholders,
                &owner,
                today,
                "# yaml-language-server: $schema=x",
            );
            assert!(text.starts_with(
                "---\n# yaml-language-server: $schema=x\ntitle: \"Un \\\"titre\\\" à compléter\"\n"
            ));
            assert!(text.ends_with("## Contexte\n\nDécrivez ici…\n"));
            assert!(text.contains("created: 2026-01-02"));
            assert!(text.contains("updated: 2026-01-02"));
        }
    }
}
