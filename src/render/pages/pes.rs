//! Each member's profile (how members appear on other pages is in
//! [`crate::render::views::members`]).

use crate::diagnostics::Diagnostics;
use crate::model::data::Pes;
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::family::Family;
use crate::render::views::pager::{ListOf, Slice, CONTINUED_TEMPLATE};
use crate::render::views::{AssessmentView, PesProfile};
use crate::render::OutputFile;
use crate::render::{Change, Context};

/// Each member's profile, in each language, its practices cut into pages: the first in the
/// profile, the others on pages of their own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Profiles;

impl Family for Profiles {
    /// The member's place in `pes.yaml`, its id, the language and the page of its practices.
    type Page = (usize, String, Lang, Slice);

    fn pages(self, cx: &Context<'_>) -> Vec<Self::Page> {
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            for (index, pes) in cx.site.data.pes.iter().enumerate() {
                let id = &pes.id.value;
                pages.extend(
                    cx.slices(&ListOf::Member(id.clone()), lang)
                        .into_iter()
                        .map(|slice| (index, id.clone(), lang.clone(), slice)),
                );
            }
        }
        pages
    }

    fn template(self, (.., slice): &Self::Page) -> Option<&'static str> {
        Some(if slice.number == 1 {
            "pes.html"
        } else {
            CONTINUED_TEMPLATE
        })
    }

    fn shows(self, (_, id, _, slice): &Self::Page, change: &Change) -> bool {
        if slice.number > 1 {
            return slice.shows(change);
        }
        match change {
            // A profile lists its own documents, and practices of others to learn from.
            Change::Document { section, pes, .. } => {
                pes.contains(id) || *section == Section::Practices || change.reaches_every_page()
            }
            change => change.reaches_figures(),
        }
    }

    fn render(self, cx: &Context<'_>, page: &Self::Page) -> Result<OutputFile, Diagnostics> {
        let (index, id, lang, slice) = page;
        let pes = &cx.site.data.pes[*index];
        if slice.number > 1 {
            return cx.continued_list(
                cx.link_to(pes, lang).name,
                cx.label(lang, "pes.practices"),
                slice,
                lang,
                |l| cx.routes.pes(id, l),
            );
        }
        Self::pes_profile(
            cx,
            self.template(page).unwrap_or_default(),
            pes,
            lang,
            slice,
        )
    }
}

impl Profiles {
    fn pes_profile(
        cx: &Context<'_>,
        template: &'static str,
        pes: &Pes,
        lang: &Lang,
        slice: &Slice,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        let id = pes.id.value.as_str();
        let link = cx.link_to(pes, lang);
        let alternates = cx.paged_alternates(slice, |l| cx.routes.pes(id, l));
        let description = data
            .cluster_by_id(&pes.cluster.value)
            .map(|c| c.name.text(lang).to_string())
            .unwrap_or_default();
        let mut layout = cx.layout(lang, "pes", link.name.clone(), description, alternates);
        layout.index = cx.pes_record(pes, lang);
        layout.publishing.structured_data = Some(crate::render::views::head::script_value(
            &cx.pes_structured_data(pes, lang),
        ));
        let cluster = data.cluster_by_id(&pes.cluster.value);
        let peers = data
            .pes
            .iter()
            .filter(|other| other.cluster.value == pes.cluster.value && other.id.value != id)
            .filter_map(|other| cx.pes_link(&other.id.value, lang))
            .collect();
        let bench = cx.pes_bench(id, lang);
        layout.illustrative = bench.shows_illustrative();
        let practices_pager = cx.pager(&mut layout, &cx.routes.pes(id, lang), slice, lang);
        let practices = cx.slice_cards(slice, lang);
        let visits = cx.cards(Section::Visits, lang, |listed| listed.owner == id);
        let profile = PesProfile {
            network: cx.network_name(&pes.network.value, lang),
            cluster: cx.group_link(&pes.cluster.value, lang),
            cluster_description: cluster
                .map(|c| cx.text(lang, c.description.text(lang)))
                .unwrap_or_default(),
            website: pes
                .website
                .as_ref()
                .map(|w| w.value.clone())
                .filter(|w| crate::validate::data::is_web_url(w)),
            peers,
            comparisons: cx.comparisons_of(id, lang),
            compare_url: format!("{}?a={id}", cx.routes.link(&cx.routes.compare(lang))),
            bench,
            assessment: Self::latest_assessment(cx, id, lang),
            practices,
            practices_pager,
            visits,
            pes: link,
        };
        cx.page(
            template,
            cx.routes.pes(id, lang) + "index.html",
            &layout,
            profile,
        )
    }

    fn latest_assessment(cx: &Context<'_>, id: &str, lang: &Lang) -> Option<AssessmentView> {
        let data = &cx.site.data;
        let assessment = data
            .assessments
            .iter()
            .filter(|a| a.pes == id)
            .max_by(|a, b| a.cycle.cmp(&b.cycle))?;
        let list = |field: &Option<crate::model::text::Translated<Vec<String>>>| {
            field
                .as_ref()
                .and_then(|f| f.get(lang))
                .cloned()
                .unwrap_or_default()
        };
        Some(AssessmentView {
            cycle: assessment.cycle.clone(),
            strengths: list(&assessment.body.strengths),
            improvements: list(&assessment.body.improvements),
        })
    }
}
