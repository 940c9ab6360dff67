//! The breakdowns of an indicator page: for each dimension its observations are broken down
//! by (sex, age group), the value of each PES per subgroup in the latest year reported, as a
//! grouped bar chart and a table beside the PES's total. Subgroups are named from the theme's
//! UI strings, in every language.

use std::cmp::Ordering;

use serde::Serialize;

use crate::analysis::breakdowns::BreakdownTable;
use crate::analysis::series::IndicatorTable;
use crate::analysis::stats;
use crate::i18n::Value as Argument;
use crate::model::breakdown::{AgeBand, Dimension, Subgroup};
use crate::model::data::Indicator;
use crate::model::lang::Lang;
use crate::render::charts::{self, Group, GroupedBars, Meta};
use crate::render::views::figures::{Cell, Figure, IndicatorHead};
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::PesLink;
use crate::render::Context;

/// UI strings the breakdowns are worded with; checked before rendering starts.
pub(crate) const BREAKDOWN_KEYS: &[&str] = &[
    "breakdown.by_sex",
    "breakdown.by_age",
    "breakdown.female",
    "breakdown.male",
    "breakdown.age_band",
    "breakdown.age_over",
    "breakdown.caption",
    "breakdown.chart_desc",
];

/// One dimension's breakdown on an indicator page.
#[derive(Debug, Serialize)]
pub(crate) struct BreakdownView {
    /// The dimension's key (`sex`, `age`), for the section's id.
    pub id: &'static str,
    /// The section's heading with the year shown: "By sex, 2024".
    pub title: String,
    pub figure: Figure,
    /// The table's caption.
    pub caption: String,
    /// The subgroups' names, the table's columns before the total.
    pub columns: Vec<String>,
    pub rows: Vec<BreakdownRow>,
}

/// One PES's values per subgroup, and its total of the same year.
#[derive(Debug, Serialize)]
pub(crate) struct BreakdownRow {
    pub pes: PesLink,
    pub cells: Vec<Cell>,
    pub total: Cell,
}

/// What a breakdown is drawn for: the indicator, its totals and the PES of the view.
pub(crate) struct BreakdownScope<'a> {
    pub indicator: &'a Indicator,
    pub head: &'a IndicatorHead,
    pub totals: &'a IndicatorTable,
    pub members: &'a [&'a str],
}

impl Context<'_> {
    /// The breakdowns the members of the view reported for the indicator, by dimension.
    pub(crate) fn breakdowns(&self, scope: &BreakdownScope<'_>, lang: &Lang) -> Vec<BreakdownView> {
        Dimension::ALL
            .into_iter()
            .filter_map(|dimension| self.breakdown(scope, dimension, lang))
            .collect()
    }

    fn breakdown(
        &self,
        scope: &BreakdownScope<'_>,
        dimension: Dimension,
        lang: &Lang,
    ) -> Option<BreakdownView> {
        let indicator = scope.indicator;
        let in_view = |pes: &str| scope.members.contains(&pes);
        let table = BreakdownTable::new(&self.site.data, &indicator.id.value, dimension);
        let year = table.latest_year(in_view)?;
        let mut reporting = table.reporting(year, in_view);
        best_total_first(&mut reporting, scope.totals, year, indicator);
        let subgroups = table.subgroups(year, &reporting);
        let columns: Vec<String> = subgroups
            .iter()
            .map(|s| self.subgroup_name(*s, lang))
            .collect();
        let fmt = |v: f64| self.value(lang, v, indicator.value_format());
        let provenance = self.provenance(lang, &Shown::observations(table.shown(year, &reporting)));
        let title = format!("{} {year}", self.label(lang, dimension_key(dimension)));
        let groups: Vec<Group> = reporting
            .iter()
            .map(|pes| Group {
                label: self.chart_label(pes, lang),
                full: self.chart_name(pes, lang),
                values: subgroups
                    .iter()
                    .map(|s| table.value(pes, year, *s))
                    .collect(),
            })
            .collect();
        let highest = groups
            .iter()
            .flat_map(|g| g.values.iter().flatten().copied())
            .fold(0.0, f64::max);
        let chart = GroupedBars {
            meta: Meta {
                id: format!("breakdown-{}", dimension.key()),
                title: format!("{} — {title}", scope.head.name),
                desc: self.label(lang, "breakdown.chart_desc"),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            series: columns
                .iter()
                .map(|name| (name.clone(), "series-part".to_string()))
                .collect(),
            groups,
            min: 0.0,
            max: charts::scale_top(highest),
        };
        let svg = charts::grouped_bars(&chart, &self.chart_numbers(lang, indicator.value_format()));
        let rows = reporting
            .iter()
            .filter_map(|pes| {
                Some(BreakdownRow {
                    pes: self.pes_link(pes, lang)?,
                    cells: subgroups
                        .iter()
                        .map(|s| Cell::number(table.value(pes, year, *s), fmt))
                        .collect(),
                    total: Cell::number(scope.totals.value(pes, year), fmt),
                })
            })
            .collect();
        Some(BreakdownView {
            id: dimension.key(),
            caption: format!("{} {year}", self.label(lang, "breakdown.caption")),
            figure: Figure::new(svg, chart.meta.title.clone(), provenance),
            title,
            columns,
            rows,
        })
    }

    /// A subgroup's name in `lang`: "Women", "15–24 years", "55 and over".
    pub(crate) fn subgroup_name(&self, subgroup: Subgroup, lang: &Lang) -> String {
        match subgroup {
            Subgroup::Sex(sex) => self.label(lang, &format!("breakdown.{}", sex.key())),
            Subgroup::Age(AgeBand { from, to }) => {
                let age = |years: u16| self.formats(lang).integer(usize::from(years));
                let from = age(from);
                match to {
                    Some(to) => {
                        let to = age(to);
                        self.say(
                            lang,
                            "breakdown.age_band",
                            &[("from", Argument::Text(&from)), ("to", Argument::Text(&to))],
                        )
                    }
                    None => self.say(
                        lang,
                        "breakdown.age_over",
                        &[("from", Argument::Text(&from))],
                    ),
                }
            }
        }
    }
}

/// Whether any of `breakdowns` shows illustrative figures, which the page's footer then says.
pub(crate) fn any_illustrative(breakdowns: &[BreakdownView]) -> bool {
    breakdowns
        .iter()
        .filter_map(|b| b.figure.provenance.as_ref())
        .any(Provenance::is_illustrative)
}

/// The UI string heading a dimension's breakdown.
fn dimension_key(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Sex => "breakdown.by_sex",
        Dimension::Age => "breakdown.by_age",
    }
}

/// Orders PES by their total of `year`, best first, as the bar chart of the latest values
/// does; PES without a total that year last, by id.
fn best_total_first(pes: &mut [&str], totals: &IndicatorTable, year: i32, indicator: &Indicator) {
    pes.sort_by(|a, b| {
        match (totals.value(a, year), totals.value(b, year)) {
            (Some(x), Some(y)) => stats::compare(x, y, indicator.better),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
        .then(a.cmp(b))
    });
}
