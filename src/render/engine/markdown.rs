//! Markdown bodies to HTML: CommonMark with tables, footnotes, heading anchors and smart
//! punctuation; `@/` links resolved through the URL map; figures quoted from the data
//! (`{{ median(…) }}`, see [`super::figures`]); unsafe links and (unless the site opts in) raw
//! HTML left out.

use crate::model::lang::Lang;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Code, Diagnostic, SourceFile, Span};
use crate::model::documents::Section;
use crate::model::typography::Typography;
use crate::render::engine::figures::{FigureError, Figures, Quoted};
use crate::render::engine::routes::Routes;

/// What rendering a body needs to know about the page it is on.
pub struct Context<'a> {
    pub file: &'a Arc<SourceFile>,
    pub body_offset: usize,
    /// The language of the page the body is shown on: links go to this language's pages.
    pub page_lang: &'a Lang,
    /// The language the body is written in: decides the typography.
    pub text_lang: &'a Lang,
    pub routes: &'a Routes,
    pub allow_raw_html: bool,
    /// What the figures the body quotes stand for.
    pub figures: &'a dyn Figures,
}

/// A section heading, for anchors and a table of contents.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered body.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// Renders a Markdown body; broken `@/` links and figures that cannot be quoted come back as
/// diagnostics.
pub fn render(body: &str, context: &Context<'_>) -> (Rendered, Vec<Diagnostic>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let (quoted, figure_errors) = Quoted::new(body, context.figures);
    let mut problems: Vec<Diagnostic> = figure_errors
        .into_iter()
        .map(|error| figure_problem(context, error))
        .collect();
    let events: Vec<(Event, Range<usize>)> =
        merge_text(Parser::new_ext(&quoted.text, options).into_offset_iter())
            .into_iter()
            .map(|(event, range)| {
                (
                    event,
                    quoted.original(range.start)..quoted.original(range.end),
                )
            })
            .collect();
    let headings = anchor_headings(&events, &quoted);
    let mut heading_index = 0;
    let mut dropped_links: Vec<bool> = Vec::new();
    let mut output: Vec<Event> = Vec::with_capacity(events.len());
    let typography = Typography::of_lang(context.text_lang);
    let mut in_code_block = false;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id: _,
                classes,
                attrs,
            }) => {
                let id = headings
                    .get(heading_index)
                    .map(|h| h.id.clone())
                    .unwrap_or_default();
                heading_index += 1;
                output.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = resolve(&dest_url, context);
                if let Some(dest_url) =
                    keep(target, context, &range, &mut problems, &mut dropped_links)
                {
                    output.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let target = resolve(&dest_url, context);
                if let Some(dest_url) =
                    keep(target, context, &range, &mut problems, &mut dropped_links)
                {
                    output.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            // The end of a dropped link or image goes with its start; its text stays.
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if !dropped_links.pop().unwrap_or(false) {
                    output.push(Event::End(end));
                }
            }
            // Footnote labels become ids: an underscore prefix keeps them apart from headings'.
            Event::FootnoteReference(label) => {
                output.push(Event::FootnoteReference(footnote_id(&label)))
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                output.push(Event::Start(Tag::FootnoteDefinition(footnote_id(&label))))
            }
            Event::Html(_) | Event::InlineHtml(_) if !context.allow_raw_html => {}
            // Code is copied by readers: typography would break it.
            Event::Text(text) if !in_code_block => {
                output.push(Event::Text(typeset(typography, text)))
            }
            other => output.push(other),
        }
    }
    let (output, misplaced) = quoted.place(output);
    problems.extend(
        misplaced
            .into_iter()
            .map(|error| figure_problem(context, error)),
    );
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, output.into_iter());
    (Rendered { html, headings }, problems)
}

/// `text` with `typography` applied, reusing it when nothing changes.
fn typeset(typography: Typography, text: CowStr<'_>) -> CowStr<'_> {
    let changed = match typography.apply(&text) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    changed.map_or(text, CowStr::from)
}

/// The events with each run of consecutive text joined into one, so that typography sees a
/// sentence whole: smart punctuation hands a closing quote over as a text of its own, which
/// alone cannot tell that a word comes before it.
fn merge_text<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    let mut merged: Vec<(Event<'a>, Range<usize>)> = Vec::new();
    let mut run: Option<(String, Range<usize>)> = None;
    for (event, range) in events {
        if let Event::Text(text) = &event {
            match &mut run {
                Some((joined, joined_range)) => {
                    joined.push_str(text);
                    joined_range.end = range.end;
                }
                None => run = Some((text.to_string(), range)),
            }
            continue;
        }
        if let Some((joined, joined_range)) = run.take() {
            merged.push((Event::Text(CowStr::from(joined)), joined_range));
        }
        merged.push((event, range));
    }
    if let Some((joined, joined_range)) = run {
        merged.push((Event::Text(CowStr::from(joined)), joined_range));
    }
    merged
}

fn footnote_id(label: &str) -> CowStr<'static> {
    CowStr::from(format!("fn_{label}"))
}

enum Target<'a> {
    Keep(CowStr<'a>),
    Drop,
    Broken(String),
}

/// The address a link or image keeps, or `None` when it is dropped (unsafe or broken, the
/// latter reported); `dropped` remembers which, for the matching end tag.
fn keep<'a>(
    target: Target<'a>,
    context: &Context<'_>,
    range: &Range<usize>,
    problems: &mut Vec<Diagnostic>,
    dropped: &mut Vec<bool>,
) -> Option<CowStr<'a>> {
    let url = match target {
        Target::Keep(url) => Some(url),
        Target::Drop => None,
        Target::Broken(message) => {
            problems.push(broken_link(context, range, message));
            None
        }
    };
    dropped.push(url.is_none());
    url
}

fn figure_problem(context: &Context<'_>, error: FigureError) -> Diagnostic {
    let span = Span::new(
        context.body_offset + error.span.start,
        error.span.len().max(1),
    );
    let problem = Diagnostic::at(context.file, span, error.message);
    match error.help {
        Some(help) => problem.with_help(help),
        None => problem,
    }
}

fn broken_link(context: &Context<'_>, range: &Range<usize>, message: String) -> Diagnostic {
    let span = Span::new(context.body_offset + range.start, range.len().max(1));
    Diagnostic::at(context.file, span, message).with_code(Code::BrokenLink)
}

/// Decides what a link or image address becomes on the page.
fn resolve<'a>(dest: &CowStr<'a>, context: &Context<'_>) -> Target<'a> {
    if let Some(target) = dest.strip_prefix("@/") {
        return resolve_content_link(target, context);
    }
    if let Some(target) = relative_content_link(dest, context) {
        return resolve_content_link(&target, context);
    }
    if is_safe_url(dest) {
        Target::Keep(dest.clone())
    } else {
        Target::Drop
    }
}

fn resolve_content_link<'a>(target: &str, context: &Context<'_>) -> Target<'a> {
    let (path, fragment) = match target.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (target, None),
    };
    let expected =
        "expected @/<section>/<slug>.md with a section among practices, visits, reports, pages";
    let Some((folder, file)) = path.split_once('/') else {
        return Target::Broken(format!(
            "link `@/{target}` is not a content link; {expected}"
        ));
    };
    let Some(section) = Section::from_folder(folder) else {
        let folders = Section::ALL.map(Section::folder);
        let message = match crate::diagnostics::suggest(folder, folders) {
            Some(near) => format!(
                "link `@/{target}` names no section `{folder}`; did you mean `@/{near}/{file}`?"
            ),
            None => format!("link `@/{target}` names no section `{folder}`; {expected}"),
        };
        return Target::Broken(message);
    };
    let key = file.strip_suffix(".md").unwrap_or(file);
    match context.routes.document(section, key, context.page_lang) {
        Some(path) => {
            let mut url = context.routes.link(&path);
            if let Some(fragment) = fragment {
                url.push('#');
                url.push_str(fragment);
            }
            Target::Keep(CowStr::from(url))
        }
        // The target's own error is reported; the build fails without the link being reported too.
        None if context.routes.unloaded(section, key) => Target::Drop,
        None if context.routes.is_draft(section, key) => Target::Broken(format!(
            "link to a draft: `{folder}/{key}` has `draft: true` and is not published; \
             publish it (remove `draft: true`), remove the link, or build with --drafts"
        )),
        None if context.routes.is_withheld(section, key) => Target::Broken(format!(
            "link to a members-only document: `{folder}/{key}` has `audience: members` and is \
             left out of this edition, whose readers could not follow the link; remove the \
             link, or mark this document `audience: members` too"
        )),
        None => {
            let keys: Vec<&str> = context.routes.document_keys(section).collect();
            let mut message = format!("broken link: there is no document `{folder}/{key}`");
            if let Some(near) = crate::diagnostics::suggest(key, keys.iter().copied()) {
                message.push_str(&format!("; did you mean `@/{folder}/{near}.md`?"));
            }
            Target::Broken(message)
        }
    }
}

/// A relative link to a content file as the author's editor sees it (`women.en.md`,
/// `../pages/about.fr.md#team`), as the `@/` target it stands for: such a link would
/// otherwise be published as is and lead nowhere.
fn relative_content_link(dest: &str, context: &Context<'_>) -> Option<String> {
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (dest, None),
    };
    if path.contains(':') || path.starts_with('/') || !path.ends_with(".md") {
        return None;
    }
    let mut parts: Vec<&str> = path.split('/').filter(|part| *part != ".").collect();
    let name = parts.pop()?;
    let folder = match parts.as_slice() {
        [] => context.file.path.parent()?.file_name()?.to_str()?,
        ["..", folder] => folder,
        _ => return None,
    };
    let stem = name.strip_suffix(".md")?;
    // `slug.en.md` names one language's file; the link goes to the page's language.
    let key = match stem.rsplit_once('.') {
        Some((key, lang)) if lang.len() <= 3 && lang.chars().all(|c| c.is_ascii_lowercase()) => key,
        _ => stem,
    };
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Some(format!("{folder}/{key}.md{fragment}"))
}

/// Whether an address may become a live link: web, mail and phone addresses and paths only.
/// Browsers ignore tabs, newlines and leading spaces in schemes, so those are removed first.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(colon), Some(slash)) if slash < colon => true,
        (Some(colon), _) => matches!(&cleaned[..colon], "http" | "https" | "mailto" | "tel"),
        (None, _) => true,
    }
}

/// Ids the layout itself uses around a body. Themes give their other elements ids with an
/// underscore (`practice_results`), which heading slugs never contain, so ids stay unique.
const LAYOUT_IDS: [&str; 1] = ["main"];

/// Gives every heading an id from its text (or the one the author set with `{#id}`), unique in
/// the page; the figures a heading quotes are part of its text.
fn anchor_headings(events: &[(Event, Range<usize>)], quoted: &Quoted) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashSet<String> = LAYOUT_IDS.iter().map(|id| id.to_string()).collect();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for (event, _) in events {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((
                    *level as u8,
                    id.as_ref().map(|id| id.to_string()),
                    String::new(),
                ));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, _, buffer)) = current.as_mut() {
                    buffer.push_str(&quoted.plain(text));
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = current.take() {
                    let base = explicit.unwrap_or_else(|| slug::slugify(&text));
                    let base = if base.is_empty() {
                        "section".to_string()
                    } else {
                        base
                    };
                    let id = unique_id(base, &mut used, &mut next_suffix);
                    headings.push(Heading { level, id, text });
                }
            }
            _ => {}
        }
    }
    headings
}

/// `base`, or `base-1`, `base-2` … : the first not in `used`, which it joins. Each base
/// remembers its next suffix, so a page of many equal headings costs linear time.
fn unique_id(
    base: String,
    used: &mut HashSet<String>,
    next_suffix: &mut HashMap<String, usize>,
) -> String {
    if used.insert(base.clone()) {
        return base;
    }
    let suffix = next_suffix.entry(base.clone()).or_insert(1);
    loop {
        let id = format!("{base}-{suffix}");
        *suffix += 1;
        if used.insert(id.clone()) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::engine::figures::Figure;
    use crate::render::engine::shortcodes::Call;

    /// Every call is the figure `4<2`, from the page `/x/?a&b`.
    struct Constant;

    impl Figures for Constant {
        fn figure(&self, _: &Call) -> Result<Figure, FigureError> {
            Ok(Figure {
                text: "4<2".to_string(),
                url: Some("/x/?a&b".to_string()),
            })
        }
    }

    fn render_en(text: &str) -> (Rendered, Vec<Diagnostic>) {
        let file = SourceFile::new("a.md", text);
        render_file_en(&file)
    }

    fn render_file_en(file: &Arc<SourceFile>) -> (Rendered, Vec<Diagnostic>) {
        let config: crate::config::Config = serde_saphyr::from_str(
            "title: {fr: t, en: t}\ndescription: {fr: d, en: d}\nbase_url: https://e.org/\nlanguages: [fr, en]\ndefault_language: fr\n",
        )
        .expect("valid config");
        let routes = Routes::new(&config, &Default::default());
        let context = Context {
            file,
            body_offset: 0,
            page_lang: &Lang::new("en"),
            text_lang: &Lang::new("en"),
            routes: &routes,
            allow_raw_html: false,
            figures: &Constant,
        };
        render(&file.text, &context)
    }

    #[test]
    fn figures_are_escaped_links_in_text_and_plain_text_in_links_and_headings() {
        let (rendered, problems) =
            render_en("## Now {{ f() }}\n\nIt is **{{ f() }}**, [see {{ f() }}](/y/).\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            rendered.html.contains(
                "<strong><a class=\"quoted-figure\" href=\"/x/?a&amp;b\">4&lt;2</a></strong>"
            ),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("<a href=\"/y/\">see 4&lt;2</a>"),
            "{}",
            rendered.html
        );
        assert_eq!(rendered.headings[0].text, "Now 4<2");
        assert_eq!(rendered.headings[0].id, "now-4-2");
    }

    #[test]
    fn a_figure_in_a_link_address_is_reported_where_it_is_written() {
        let text = "Text [a](/{{ f() }}) and [broken](@/pages/none.md).\n";
        let (_, problems) = render_en(text);
        let spans: Vec<&str> = problems
            .iter()
            .filter_map(|p| p.span)
            .map(|s| &text[s.offset..s.offset + s.len])
            .collect();
        assert!(spans.contains(&"{{ f() }}"), "{spans:?}");
        assert!(spans.contains(&"[broken](@/pages/none.md)"), "{spans:?}");
    }

    #[test]
    fn footnote_ids_cannot_collide_with_the_layout() {
        let (rendered, problems) = render_en("Text[^main].\n\n[^main]: Note.\n");
        assert!(problems.is_empty());
        assert!(
            rendered.html.contains("id=\"fn_main\""),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("id=\"main\""), "{}", rendered.html);
    }

    #[test]
    fn repeated_headings_take_the_next_free_suffix() {
        let mut used = HashSet::from(["main".to_string()]);
        let mut next = HashMap::new();
        let ids: Vec<String> = ["a", "a", "a-1", "a", "main", "a-3", "a"]
            .into_iter()
            .map(|base| unique_id(base.to_string(), &mut used, &mut next))
            .collect();
        assert_eq!(ids, ["a", "a-1", "a-1-1", "a-2", "main-1", "a-3", "a-4"]);
    }

    #[test]
    fn unsafe_schemes_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:x",
            "java\tscript:x",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
        for good in [
            "https://example.org",
            "/fr/",
            "../x",
            "#top",
            "mailto:a@b.c",
            "page?x=a:b",
        ] {
            assert!(is_safe_url(good), "{good}");
        }
    }
}
