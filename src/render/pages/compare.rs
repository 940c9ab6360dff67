//! Comparison pages: PES side by side, in columns — indicators (latest value and trend), area
//! scores of the latest assessment cycle and good practices by area. Every pair of PES of a
//! peer group has a page of its own, so comparisons work without JavaScript; the comparison
//! page lists them and, with its script, puts any two to four PES side by side.

use minijinja::Value;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::model::documents::Section;
use crate::model::lang::Lang;
use crate::render::family::Family;
use crate::render::views::compare::{
    AreaRow, CompareColumn, ComparisonLink, IndicatorCell, IndicatorRow, PracticeLink, PracticeRow,
};
use crate::render::views::head::COMPARE_KIND;
use crate::render::views::provenance::Provenance;
use crate::render::views::{Labelled, PesLink};
use crate::render::{Change, Context, OutputFile};

/// The comparison page's query parameters, one per PES it puts side by side (four at most,
/// so the columns stay readable); the labels of the last two say they are optional.
const SELECTS: [char; 4] = ['a', 'b', 'c', 'd'];

/// The comparison page and the precomputed comparisons, in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Comparisons;

/// A page of [`Comparisons`].
#[derive(Debug)]
pub(crate) enum ComparePage {
    /// The page that builds any comparison with its script and lists the precomputed ones.
    Choose(Lang),
    /// Two PES of one peer group, by id, in the order of `pes.yaml`.
    Pair(String, String, Lang),
}

#[derive(Serialize)]
struct ChoosePage {
    data_url: String,
    selects: Vec<Select>,
    options: Vec<OptionGroup>,
    groups: Vec<GroupComparisons>,
}

/// One of the page's selects: its query parameter (`a` … `d`) and its label.
#[derive(Serialize)]
struct Select {
    name: char,
    label: String,
}

/// The PES of one peer group, as options of a select.
#[derive(Serialize)]
struct OptionGroup {
    label: String,
    options: Vec<Labelled>,
}

#[derive(Serialize)]
struct GroupComparisons {
    name: String,
    comparisons: Vec<ComparisonLink>,
}

#[derive(Serialize)]
struct PairPage<'a> {
    cluster: String,
    /// The comparison page.
    compare_url: String,
    /// The comparison page with this pair chosen, to add or change PES.
    choose_url: String,
    tables: Tables<'a>,
}

/// The tables of a comparison, row by row: each row's head and one cell per PES.
#[derive(Serialize)]
struct Tables<'a> {
    heads: Vec<ColumnHead<'a>>,
    indicators: Vec<Row<&'a IndicatorRow, Option<ShownIndicator<'a>>>>,
    indicators_provenance: Option<&'a Provenance>,
    cycle: Option<&'a str>,
    cycle_url: Option<&'a str>,
    areas: Vec<Row<&'a AreaRow, Option<&'a str>>>,
    areas_provenance: Option<&'a Provenance>,
    /// Set where each PES's scores are kept for members, which the tables say.
    scores_kept: bool,
    /// Only the areas under which one of the PES filed a practice.
    practices: Vec<Row<&'a PracticeRow, &'a [PracticeLink]>>,
}

#[derive(Serialize)]
struct ColumnHead<'a> {
    pes: &'a PesLink,
    cluster: &'a str,
}

#[derive(Serialize)]
struct Row<H, C> {
    head: H,
    cells: Vec<C>,
}

#[derive(Serialize)]
struct ShownIndicator<'a> {
    #[serde(flatten)]
    cell: &'a IndicatorCell,
    sparkline: Value,
}

impl Family for Comparisons {
    type Page = ComparePage;

    fn pages(self, cx: &Context<'_>) -> Vec<ComparePage> {
        let pairs = cx.peer_pairs();
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            pages.push(ComparePage::Choose(lang.clone()));
            pages.extend(pairs.iter().map(|(first, second)| {
                ComparePage::Pair(first.to_string(), second.to_string(), lang.clone())
            }));
        }
        pages
    }

    fn template(self, page: &ComparePage) -> Option<&'static str> {
        Some(match page {
            ComparePage::Choose(_) => "compare.html",
            ComparePage::Pair(..) => "comparison.html",
        })
    }

    fn shows(self, _: &ComparePage, change: &Change) -> bool {
        // Figures, members and peer groups, and the practices filed under each area.
        change.reaches_figures() || change.is_document_of(Some(Section::Practices))
    }

    fn render(self, cx: &Context<'_>, page: &ComparePage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            ComparePage::Choose(lang) => Self::choose_page(cx, template, lang),
            ComparePage::Pair(first, second, lang) => {
                Self::pair_page(cx, template, [first, second], lang)
            }
        }
    }
}

impl Comparisons {
    fn choose_page(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        let title = cx.label(lang, "compare.title");
        let alternates = cx.alternates(|l| cx.routes.compare(l));
        let mut layout = cx.layout(
            lang,
            COMPARE_KIND,
            title,
            cx.label(lang, "compare.intro"),
            alternates,
        );
        layout.illustrative = cx.comparisons_illustrative(lang);
        let mut options: Vec<OptionGroup> = data
            .clusters
            .iter()
            .map(|cluster| OptionGroup {
                label: cx.text(lang, cluster.name.text(lang)),
                options: Self::options(cx, lang, |group| group == cluster.id.value),
            })
            .collect();
        // Members of a peer group that `clusters.yaml` lacks (validation reports it) are
        // still offered.
        let unlisted = Self::options(cx, lang, |group| data.cluster_by_id(group).is_none());
        if !unlisted.is_empty() {
            options.push(OptionGroup {
                label: String::new(),
                options: unlisted,
            });
        }
        options.retain(|group| !group.options.is_empty());
        let pairs = cx.peer_pairs();
        let groups = data
            .clusters
            .iter()
            .map(|cluster| GroupComparisons {
                name: cx.text(lang, cluster.name.text(lang)),
                comparisons: pairs
                    .iter()
                    .filter(|(first, _)| cx.cluster_of(first) == cluster.id.value)
                    .map(|(first, second)| ComparisonLink {
                        title: cx.comparison_title(&[first, second], lang),
                        url: cx.routes.link(&cx.routes.comparison(first, second, lang)),
                    })
                    .collect(),
            })
            .filter(|group| !group.comparisons.is_empty())
            .collect();
        let page = ChoosePage {
            data_url: cx.routes.link(&cx.routes.compare_data(lang)),
            selects: SELECTS
                .into_iter()
                .enumerate()
                .map(|(index, name)| Select {
                    name,
                    label: cx.label(lang, &format!("compare.select_{}", index + 1)),
                })
                .collect(),
            options,
            groups,
        };
        cx.page(
            template,
            cx.routes.compare(lang) + "index.html",
            &layout,
            page,
        )
    }

    /// The members `in_group` accepts (by their cluster id), sorted by name, as options.
    fn options(cx: &Context<'_>, lang: &Lang, in_group: impl Fn(&str) -> bool) -> Vec<Labelled> {
        let mut options: Vec<Labelled> = cx
            .site
            .data
            .pes
            .iter()
            .filter(|pes| in_group(&pes.cluster.value))
            .map(|pes| Labelled {
                id: pes.id.value.clone(),
                label: pes.name.text(lang).to_string(),
            })
            .collect();
        options.sort_by_cached_key(|option| crate::render::sort_key(&option.label));
        options
    }

    fn pair_page(
        cx: &Context<'_>,
        template: &'static str,
        [first, second]: [&String; 2],
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let ids = [first.as_str(), second.as_str()];
        let title = cx.comparison_title(&ids, lang);
        let alternates = cx.alternates(|l| cx.routes.comparison(first, second, l));
        let mut layout = cx.layout(
            lang,
            "comparison",
            title,
            cx.label(lang, "compare.pair_intro"),
            alternates,
        );
        layout.illustrative = cx.comparisons_illustrative(lang);
        let comparable = cx.comparisons().of(lang);
        let columns = comparable.map(|c| c.columns_of(&ids)).unwrap_or_default();
        let page = PairPage {
            cluster: columns
                .first()
                .map(|column| column.cluster.clone())
                .unwrap_or_default(),
            compare_url: cx.routes.link(&cx.routes.compare(lang)),
            choose_url: format!(
                "{}?a={first}&b={second}",
                cx.routes.link(&cx.routes.compare(lang))
            ),
            tables: Tables::new(comparable.map(|c| &c.rows), &columns),
        };
        cx.page(
            template,
            cx.routes.comparison(first, second, lang) + "index.html",
            &layout,
            page,
        )
    }
}

impl<'a> Tables<'a> {
    /// The tables of `columns` on `rows` (none without rows).
    fn new(
        rows: Option<&'a crate::render::views::compare::CompareRows>,
        columns: &[&'a CompareColumn],
    ) -> Tables<'a> {
        let heads = columns
            .iter()
            .map(|column| ColumnHead {
                pes: &column.pes,
                cluster: &column.cluster,
            })
            .collect();
        let Some(rows) = rows else {
            return Tables {
                heads,
                indicators: Vec::new(),
                indicators_provenance: None,
                cycle: None,
                cycle_url: None,
                areas: Vec::new(),
                areas_provenance: None,
                scores_kept: false,
                practices: Vec::new(),
            };
        };
        let indicators = rows
            .indicators
            .iter()
            .enumerate()
            .map(|(index, head)| Row {
                head,
                cells: columns
                    .iter()
                    .map(|column| {
                        let cell = column.indicators.get(index)?.as_ref()?;
                        Some(ShownIndicator {
                            cell,
                            sparkline: Value::from_safe_string(cell.trend.svg()),
                        })
                    })
                    .collect(),
            })
            .collect();
        let areas = rows
            .areas
            .iter()
            .enumerate()
            .map(|(index, head)| Row {
                head,
                cells: columns
                    .iter()
                    .map(|column| column.scores.get(index)?.as_deref())
                    .collect(),
            })
            .collect();
        let practices = rows
            .practice_rows
            .iter()
            .enumerate()
            .map(|(index, head)| Row {
                head,
                cells: columns
                    .iter()
                    .map(|column| column.practices.get(index).map_or(&[][..], Vec::as_slice))
                    .collect::<Vec<_>>(),
            })
            .filter(|row| row.cells.iter().any(|cell| !cell.is_empty()))
            .collect();
        Tables {
            heads,
            indicators,
            indicators_provenance: rows.indicators_provenance.as_ref(),
            cycle: rows.cycle.as_deref(),
            cycle_url: rows.cycle_url.as_deref(),
            areas,
            areas_provenance: rows.areas_provenance.as_ref(),
            scores_kept: rows.scores_kept,
            practices,
        }
    }
}
