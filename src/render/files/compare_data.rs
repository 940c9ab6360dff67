//! The comparison page's data, one file per language (`data/compare/fr.json`): every PES's
//! column and the rows they line up on, with every figure and word already written for the
//! language, so the page's script puts any PES side by side without formatting a number or
//! asking anything of another site.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::charts::SPARK_VIEW_BOX;
use crate::render::family::{per_language, Family};
use crate::render::files::structured_data;
use crate::render::views::compare::{Comparable, COMPARE_KEYS};
use crate::render::{Change, Context, OutputFile};

/// The comparison data of each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CompareData;

#[derive(Serialize)]
struct CompareFile<'a> {
    /// The UI strings of comparisons, by key.
    labels: BTreeMap<&'static str, String>,
    /// The `viewBox` of every sparkline.
    spark_view_box: &'static str,
    #[serde(flatten)]
    comparable: &'a Comparable,
}

impl Family for CompareData {
    type Page = Lang;

    fn pages(self, cx: &Context<'_>) -> Vec<Lang> {
        per_language(cx, |lang| lang)
    }

    fn template(self, _: &Lang) -> Option<&'static str> {
        None
    }

    fn shows(self, _: &Lang, change: &Change) -> bool {
        change.reaches_figures() || change.is_document_of(Some(Section::Practices))
    }

    fn render(self, cx: &Context<'_>, lang: &Lang) -> Result<OutputFile, Diagnostics> {
        let path = cx.routes.compare_data(lang);
        let problem = |message: String| Diagnostics::from(Diagnostic::in_path(&path, message));
        let comparable = cx
            .comparisons()
            .of(lang)
            .ok_or_else(|| problem(format!("`{lang}` is not a language of the site")))?;
        let file = CompareFile {
            labels: COMPARE_KEYS
                .iter()
                .map(|key| (*key, cx.label(lang, key)))
                .collect(),
            spark_view_box: SPARK_VIEW_BOX,
            comparable,
        };
        let value = serde_json::to_value(&file)
            .map_err(|error| problem(format!("cannot write the comparison data: {error}")))?;
        // `<`, `>` and `&` as JSON escapes: the same data, and no text from the content
        // (a practice's title) reads as markup wherever the file is shown.
        let text = structured_data::to_html(&value);
        Ok(OutputFile {
            path: PathBuf::from(path),
            bytes: Arc::new(text.into_bytes()),
        })
    }
}
