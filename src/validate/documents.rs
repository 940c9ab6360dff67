//! Checks of Markdown documents' front matter and of their translations.

use crate::model::lang::Lang;
use std::collections::BTreeMap;

use super::{Checker, Place};
use crate::config::SiteSection;
use crate::diagnostics::suggest;
use crate::model::documents::TargetGroup;
use crate::model::documents::TRANSLATION_STATUS_SLUG;
use crate::model::documents::{Document, Meta, Section};
use crate::model::text::Spanned;

pub(super) fn check(checker: &mut Checker<'_>) {
    let site = checker.site;
    let documents = &site.documents;
    let pes_ids: Vec<&str> = site.data.pes.iter().map(|p| p.id.value.as_str()).collect();
    let area_ids: Vec<&str> = site
        .data
        .areas
        .iter()
        .map(|a| a.id.value.as_str())
        .collect();
    let indicator_ids: Vec<&str> = site
        .data
        .indicators
        .iter()
        .map(|i| i.id.value.as_str())
        .collect();
    let framework_ids: Vec<&str> = site
        .data
        .frameworks
        .iter()
        .map(|f| f.pes.as_str())
        .chain(unloaded_frameworks(site))
        .chain(site.data.withheld.frameworks.iter().map(String::as_str))
        .collect();
    for practice in &documents.practices {
        let place = place_of(practice);
        let meta = &practice.meta;
        checker.reference(place, &meta.pes, "PES", pes_ids.iter().copied());
        for area in &meta.areas {
            checker.reference(place, area, "excellence area", area_ids.iter().copied());
        }
        for indicator in &meta.indicators {
            checker.reference(place, indicator, "indicator", indicator_ids.iter().copied());
        }
        for group in &meta.target_groups {
            checker.reference(place, group, "target group", TargetGroup::ids());
        }
        checker.past_year(place, &meta.start_year, "start year");
        if let Some(end) = &meta.end_year {
            if end.value < meta.start_year.value {
                checker.report(
                    place,
                    end,
                    format!(
                        "end year {} is before the start year {}",
                        end.value, meta.start_year.value
                    ),
                );
            }
        }
    }
    for visit in &documents.visits {
        let place = place_of(visit);
        let meta = &visit.meta;
        checker.reference(place, &meta.host, "PES", pes_ids.iter().copied());
        if let Some(framework) = &meta.framework {
            checker.reference(
                place,
                framework,
                "performance framework",
                framework_ids.iter().copied(),
            );
        }
        checker.past_date(place, &meta.start_date, "the start date");
        if meta.end_date.value < meta.start_date.value {
            checker.report(
                place,
                &meta.end_date,
                format!(
                    "the end date {} is before the start date {}",
                    meta.end_date.value, meta.start_date.value
                ),
            );
        }
        if meta.updated.value < meta.start_date.value {
            checker.report(
                place,
                &meta.updated,
                format!(
                    "`updated` {} is before the visit started ({})",
                    meta.updated.value, meta.start_date.value
                ),
            );
        }
    }
    for report in &documents.reports {
        checker.past_date(place_of(report), &report.meta.date, "the report date");
    }
    check_common(checker, Section::Practices, &documents.practices);
    check_common(checker, Section::Visits, &documents.visits);
    check_common(checker, Section::Reports, &documents.reports);
    check_common(checker, Section::Pages, &documents.pages);
    for page in &documents.pages {
        check_reserved(checker, page);
        check_quote_lang(checker, page);
    }
}

/// The PES ids of the framework files that exist but could not be loaded (their own error is
/// reported), so that a visit naming one is not reported as well.
fn unloaded_frameworks(site: &crate::model::Site) -> impl Iterator<Item = &str> {
    site.data
        .unloaded
        .iter()
        .filter(|path| {
            path.parent()
                .is_some_and(|p| p.ends_with("content/data/frameworks"))
        })
        .filter_map(|path| path.file_stem()?.to_str())
}

/// A quotation's language must be a language tag: it becomes the quote's `lang` attribute.
fn check_quote_lang(checker: &mut Checker<'_>, page: &Document<crate::model::documents::PageMeta>) {
    let Some(lang) = page
        .meta
        .quote
        .as_ref()
        .and_then(|quote| quote.lang.as_ref())
    else {
        return;
    };
    if icu_locale_core::LanguageIdentifier::try_from_str(&lang.value).is_err() {
        checker.report(
            place_of(page),
            lang,
            format!("the quote's `lang` `{}` is not a language tag; expected a code such as `fr` or `pt-BR`", lang.value),
        );
    }
}

fn place_of<M>(document: &Document<M>) -> Place<'_> {
    Place {
        file: &document.file,
        line_offset: document.front_matter_line,
    }
}

/// Title, slug and date checks every kind shares, and URL clashes within a section.
fn check_common<M: Meta>(checker: &mut Checker<'_>, section: Section, documents: &[Document<M>]) {
    let mut urls: BTreeMap<(&str, &str), &Document<M>> = BTreeMap::new();
    for document in documents {
        let place = place_of(document);
        let meta = &document.meta;
        if meta.title().value.trim().is_empty() {
            checker.report(place, meta.title(), "the title is empty");
        }
        if let Some(slug) = meta.slug() {
            checker.slug(place, slug, "slug");
        }
        checker.past_date(place, meta.updated(), "`updated`");
        if let Some(created) = meta.created() {
            checker.past_date(place, created, "`created`");
            if meta.updated().value < created.value {
                checker.report(
                    place,
                    meta.updated(),
                    format!(
                        "`updated` {} is before `created` {}",
                        meta.updated().value,
                        created.value
                    ),
                );
            }
        }
        if let Some(source) = meta.translated_from() {
            check_source(checker, place, section, document, source, documents);
        }
        let key = (document.lang.as_str(), document.slug.as_str());
        if let Some(first) = urls.get(&key) {
            let message = format!(
                "duplicate slug `{}`: {} already has this address",
                document.slug,
                first.file.path.display()
            );
            match meta.slug() {
                Some(slug) => checker.report(place, slug, message),
                None => checker
                    .problems
                    .push(crate::diagnostics::Diagnostic::in_path(
                        &document.file.path,
                        message,
                    )),
            }
        } else {
            urls.insert(key, document);
        }
    }
    check_audiences(checker, documents);
}

/// The translations of a document share one audience: a translation left public beside one
/// for members would publish, in its language, what the network keeps to itself. Each wider
/// one is reported, at its title, with the narrower sibling.
fn check_audiences<M: Meta>(checker: &mut Checker<'_>, documents: &[Document<M>]) {
    let mut narrowest: BTreeMap<&str, &Document<M>> = BTreeMap::new();
    for document in documents {
        let entry = narrowest.entry(document.key.as_str()).or_insert(document);
        if document.meta.audience() > entry.meta.audience() {
            *entry = document;
        }
    }
    for document in documents {
        let sibling = narrowest[document.key.as_str()];
        let (own, theirs) = (document.meta.audience(), sibling.meta.audience());
        if own < theirs {
            let problem = checker
                .problem(
                    place_of(document),
                    document.meta.title(),
                    format!(
                        "this translation is for `{}` readers while {} is for `{}` only; \
                         the translations of a document share one audience",
                        own.key(),
                        sibling.file.path.display(),
                        theirs.key()
                    ),
                )
                .with_help(format!(
                    "add `audience: {}` to this file's front matter, or remove it from the other",
                    theirs.key()
                ));
            checker
                .problems
                .push(problem.with_code(crate::diagnostics::Code::Translation));
        }
    }
}

/// A translation that names its source language needs that source: the same slug in that
/// language. A missing source usually means the original was renamed or deleted.
fn check_source<M: Meta>(
    checker: &mut Checker<'_>,
    place: Place<'_>,
    section: Section,
    document: &Document<M>,
    source: &Spanned<String>,
    documents: &[Document<M>],
) {
    let lang = source.value.as_str();
    if !checker.languages.iter().any(|l| l == lang) {
        let problem = format!(
            "`translated_from: {lang}` is not a language of the site (site.yaml lists {})",
            checker.languages.join(", ")
        );
        checker.report(place, source, problem);
        return;
    }
    if document.lang == lang {
        checker.report(
            place,
            source,
            format!("`translated_from: {lang}` names the document's own language"),
        );
        return;
    }
    if documents
        .iter()
        .any(|d| d.key == document.key && d.lang == lang)
    {
        return;
    }
    // A source still in draft exists; the translation may be published before it.
    let draft = (section, document.key.clone(), Lang::new(lang));
    if checker.site.documents.drafts.contains(&draft) {
        return;
    }
    let expected = document
        .file
        .path
        .with_file_name(format!("{}.{lang}.md", document.key));
    let mut problem = checker.problem(
        place,
        source,
        format!(
            "this is a translation of {}, which does not exist",
            expected.display()
        ),
    );
    let others = documents
        .iter()
        .filter(|d| d.lang == lang)
        .map(|d| d.key.as_str());
    problem = match suggest(&document.key, others) {
        Some(near) => problem.with_help(format!(
            "was it renamed to {}? Rename this file to match, or remove `translated_from`",
            expected
                .with_file_name(format!("{near}.{lang}.md"))
                .display()
        )),
        None => problem.with_help(
            "restore the source, or remove `translated_from` if this document is now the original",
        ),
    };
    checker.problems.push(problem);
}

/// A free page published at the top of a language cannot take the translation status page's
/// address.
fn check_reserved<M: Meta>(checker: &mut Checker<'_>, page: &Document<M>) {
    let at_top = checker
        .site
        .config
        .sections
        .get(SiteSection::Pages, &page.lang)
        .is_some_and(str::is_empty);
    if !at_top || page.slug != TRANSLATION_STATUS_SLUG {
        return;
    }
    let message = format!(
        "the address /{}/{}/ is reserved for the translation status page",
        page.lang, TRANSLATION_STATUS_SLUG
    );
    match page.meta.slug() {
        Some(slug) => checker.report(place_of(page), slug, message),
        None => checker.problems.push(
            crate::diagnostics::Diagnostic::in_path(&page.file.path, message)
                .with_help("rename the file, or give it another `slug:`"),
        ),
    }
}
