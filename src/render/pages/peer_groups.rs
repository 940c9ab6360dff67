//! Peer-group pages: the index of the groups (clusters) of PES with comparable labour
//! markets, and one page per group with its members, their latest value on every indicator
//! against the group and network medians, the group's assessment profile and its practices.

use std::cmp::Ordering;

use serde::Serialize;

use crate::analysis::maturity::{self, AreaMedian};
use crate::analysis::series::IndicatorTable;
use crate::analysis::stats;
use crate::diagnostics::Diagnostics;
use crate::model::data::{Cluster, Indicator, Pes, ValueFormat};
use crate::model::lang::Lang;
use crate::render::charts::{self, Group, GroupedBars, Meta};
use crate::render::family::Family;
use crate::render::views::figures::{Cell, Figure, IndicatorHead};
use crate::render::views::pager::{ListOf, Pager, Slice, CONTINUED_TEMPLATE};
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::{Card, GroupLink, PesLink};
use crate::render::{Change, Context, OutputFile};

/// UI strings the peer-group pages look up from Rust; checked before rendering starts.
pub(crate) const GROUP_KEYS: &[&str] = &[
    "groups.title",
    "groups.intro",
    "groups.kind",
    "groups.network",
    "groups.profile_title",
];

#[derive(Serialize)]
struct IndexPage {
    groups: Vec<GroupSummary>,
}

#[derive(Serialize)]
struct GroupSummary {
    name: String,
    description: String,
    url: String,
    members: Vec<PesLink>,
}

#[derive(Serialize)]
struct GroupPage {
    name: String,
    description: String,
    index_url: String,
    members: Vec<PesLink>,
    indicators: Vec<IndicatorBlock>,
    profile: Option<ProfileView>,
    /// Set where members were assessed but too few to show their profile without revealing
    /// who scored what.
    profile_too_few: bool,
    /// Whether each PES's scores are kept for members, which the page says.
    scores_kept: bool,
    practices: Vec<Card>,
    pager: Option<Pager>,
    others: Vec<GroupLink>,
}

/// One indicator on a group page: each member's latest value against the medians.
#[derive(Serialize)]
struct IndicatorBlock {
    indicator: IndicatorHead,
    /// The indicator page restricted to the group.
    group_url: String,
    /// The indicator's latest year, which the medians are of.
    year: Option<i32>,
    rows: Vec<MemberValue>,
    group_median: Cell,
    network_median: Cell,
    /// Where the values and medians come from.
    provenance: Option<Provenance>,
}

/// A member's value on one indicator: that of the indicator's latest year, compared with the
/// medians; or, if it did not report that year, its own latest value with its year and no
/// comparison; or a gap.
#[derive(Serialize)]
struct MemberValue {
    pes: PesLink,
    value: Cell,
    to_group: Cell,
    to_network: Cell,
}

/// The group's assessment profile: median peer score per area, group vs network.
#[derive(Serialize)]
struct ProfileView {
    cycle: String,
    cycle_url: String,
    /// How many members were assessed in the cycle.
    assessed: usize,
    chart: Figure,
    rows: Vec<ProfileRow>,
}

#[derive(Serialize)]
struct ProfileRow {
    id: String,
    name: String,
    url: String,
    group: Cell,
    network: Cell,
    difference: Cell,
}

/// The peer-group pages: their index and each group, in each language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeerGroups;

/// One peer-group page.
#[derive(Debug)]
pub(crate) enum PeerGroupsPage {
    /// The index of the groups, in a language.
    Index(Lang),
    /// A group (its place in `clusters.yaml`), in a language, and the page of its members'
    /// practices: the first under its figures, the others on pages of their own.
    Group(usize, Lang, Slice),
}

impl Family for PeerGroups {
    type Page = PeerGroupsPage;

    fn pages(self, cx: &Context<'_>) -> Vec<PeerGroupsPage> {
        let mut pages = Vec::new();
        for lang in cx.routes.languages() {
            pages.push(PeerGroupsPage::Index(lang.clone()));
            for (index, cluster) in cx.site.data.clusters.iter().enumerate() {
                let list = ListOf::Group(cluster.id.value.clone());
                pages.extend(
                    cx.slices(&list, lang)
                        .into_iter()
                        .map(|slice| PeerGroupsPage::Group(index, lang.clone(), slice)),
                );
            }
        }
        pages
    }

    fn template(self, page: &PeerGroupsPage) -> Option<&'static str> {
        Some(match page {
            PeerGroupsPage::Index(_) => "peer_groups.html",
            PeerGroupsPage::Group(_, _, slice) if slice.number > 1 => CONTINUED_TEMPLATE,
            PeerGroupsPage::Group(..) => "peer_group.html",
        })
    }

    fn shows(self, page: &PeerGroupsPage, change: &Change) -> bool {
        match page {
            PeerGroupsPage::Index(_) => change.reaches_figures(),
            // A group page lists its members' practices; the first shows its figures.
            PeerGroupsPage::Group(_, _, slice) => {
                (slice.number == 1 && change.reaches_figures()) || slice.shows(change)
            }
        }
    }

    fn render(self, cx: &Context<'_>, page: &PeerGroupsPage) -> Result<OutputFile, Diagnostics> {
        let template = self.template(page).unwrap_or_default();
        match page {
            PeerGroupsPage::Index(lang) => Self::index(cx, template, lang),
            PeerGroupsPage::Group(index, lang, slice) => {
                let cluster = &cx.site.data.clusters[*index];
                if slice.number == 1 {
                    return Self::group_page(cx, template, cluster, lang, slice);
                }
                let id = cluster.id.value.as_str();
                cx.continued_list(
                    cx.text(lang, cluster.name.text(lang)),
                    cx.label(lang, "groups.practices"),
                    slice,
                    lang,
                    |l| cx.routes.peer_group(id, l),
                )
            }
        }
    }
}

impl Context<'_> {
    /// The members of `cluster`, in the order of `pes.yaml`.
    fn members_of<'d>(&'d self, cluster: &str) -> Vec<&'d Pes> {
        self.site
            .data
            .pes
            .iter()
            .filter(|pes| pes.cluster.value == cluster)
            .collect()
    }
}

impl PeerGroups {
    fn index(
        cx: &Context<'_>,
        template: &'static str,
        lang: &Lang,
    ) -> Result<OutputFile, Diagnostics> {
        let groups = cx
            .site
            .data
            .clusters
            .iter()
            .map(|cluster| {
                let id = cluster.id.value.as_str();
                GroupSummary {
                    name: cx.text(lang, cluster.name.text(lang)),
                    description: cx.text(lang, cluster.description.text(lang)),
                    url: cx.routes.link(&cx.routes.peer_group(id, lang)),
                    members: cx
                        .members_of(id)
                        .into_iter()
                        .map(|pes| cx.link_to(pes, lang))
                        .collect(),
                }
            })
            .collect();
        let title = cx.label(lang, "groups.title");
        let description = cx.label(lang, "groups.intro");
        let alternates = cx.alternates(|l| cx.routes.peer_groups(l));
        let layout = cx.layout(lang, "peer-groups", title, description, alternates);
        cx.page(
            template,
            cx.routes.peer_groups(lang) + "index.html",
            &layout,
            IndexPage { groups },
        )
    }

    fn group_page(
        cx: &Context<'_>,
        template: &'static str,
        cluster: &Cluster,
        lang: &Lang,
        slice: &Slice,
    ) -> Result<OutputFile, Diagnostics> {
        let data = &cx.site.data;
        let id = cluster.id.value.as_str();
        let name = cx.text(lang, cluster.name.text(lang));
        let description = cx.text(lang, cluster.description.text(lang));
        let members = cx.members_of(id);
        let member_ids: Vec<&str> = members.iter().map(|p| p.id.value.as_str()).collect();
        let indicators: Vec<IndicatorBlock> = data
            .indicators
            .iter()
            .map(|indicator| Self::indicator_block(cx, indicator, id, &member_ids, lang))
            .collect();
        let others = data
            .clusters
            .iter()
            .filter(|other| other.id.value != id)
            .filter_map(|other| cx.group_link(&other.id.value, lang))
            .collect();
        let alternates = cx.paged_alternates(slice, |l| cx.routes.peer_group(id, l));
        let mut layout = cx.layout(
            lang,
            "peer-group",
            name.clone(),
            description.clone(),
            alternates,
        );
        layout.index = cx.typed_record(lang, "groups.kind");
        let pager = cx.pager(&mut layout, &cx.routes.peer_group(id, lang), slice, lang);
        let profile = Self::profile(cx, &name, &member_ids, lang);
        let profile_too_few = profile
            .as_ref()
            .is_some_and(|p| !cx.site.edition.shows_group_of(p.assessed));
        let profile = profile.filter(|_| !profile_too_few);
        let provenances = indicators
            .iter()
            .map(|block: &IndicatorBlock| &block.provenance)
            .chain(profile.as_ref().map(|p| &p.chart.provenance));
        layout.illustrative = provenances.flatten().any(Provenance::is_illustrative);
        let page = GroupPage {
            index_url: cx.routes.link(&cx.routes.peer_groups(lang)),
            members: members.iter().map(|pes| cx.link_to(pes, lang)).collect(),
            indicators,
            profile,
            profile_too_few,
            scores_kept: !cx.site.edition.pes_scores,
            practices: cx.slice_cards(slice, lang),
            pager,
            others,
            name,
            description,
        };
        cx.page(
            template,
            cx.routes.peer_group(id, lang) + "index.html",
            &layout,
            page,
        )
    }

    /// Each member's value on `indicator` against the group and network medians of the
    /// indicator's latest year; members best first, then older values, then gaps.
    fn indicator_block(
        cx: &Context<'_>,
        indicator: &Indicator,
        cluster: &str,
        members: &[&str],
        lang: &Lang,
    ) -> IndicatorBlock {
        let table = IndicatorTable::new(&cx.site.data, indicator);
        let fmt = |v: f64| cx.value(lang, v, indicator.value_format());
        let difference = |v: f64| cx.change(lang, v, indicator.value_format());
        let year = table.latest_year();
        let group_median = year.and_then(|y| table.median(y, |p| members.contains(&p)));
        let network_median = year.and_then(|y| table.median(y, |_| true));
        let mut order: Vec<(&str, Option<(i32, f64)>)> = members
            .iter()
            .map(|pes| (*pes, Self::latest_value(&table, pes)))
            .collect();
        order.sort_by(|a, b| Self::best_first(a, b, year, indicator));
        // The members' values shown, and the year of the medians.
        let shown = Shown::totals(&cx.site.data, &indicator.id.value, |pes, y| {
            Some(y) == year
                || order
                    .iter()
                    .any(|(member, latest)| *member == pes && latest.is_some_and(|l| l.0 == y))
        });
        let rows = order
            .into_iter()
            .filter_map(|(pes, latest)| {
                let current = latest.filter(|(y, _)| Some(*y) == year).map(|(_, v)| v);
                let value = match latest {
                    Some((y, v)) if Some(y) != year => Cell {
                        text: Some(format!("{} ({y})", fmt(v))),
                        sort: v.to_string(),
                        verdict: None,
                    },
                    latest => Cell::number(latest.map(|(_, v)| v), fmt),
                };
                let compared = |median: Option<f64>| {
                    let gap = current.zip(median).map(|(v, m)| v - m);
                    Cell::number(gap, difference)
                        .judged(gap.map(|g| cx.gap_verdict(g, indicator, lang)))
                };
                Some(MemberValue {
                    pes: cx.pes_link(pes, lang)?,
                    value,
                    to_group: compared(group_median),
                    to_network: compared(network_median),
                })
            })
            .collect();
        IndicatorBlock {
            group_url: cx.routes.link(&cx.routes.indicator_cluster(
                &indicator.id.value,
                cluster,
                lang,
            )),
            indicator: cx.indicator_head(indicator, lang),
            year,
            rows,
            group_median: Cell::number(group_median, fmt),
            network_median: Cell::number(network_median, fmt),
            provenance: cx.provenance(lang, &shown),
        }
    }

    /// The year and value of the latest total `pes` reported.
    fn latest_value(table: &IndicatorTable, pes: &str) -> Option<(i32, f64)> {
        table
            .values
            .get(pes)?
            .iter()
            .next_back()
            .map(|(year, value)| (*year, *value))
    }

    /// Values of `year` best first, then older values, newest first, then gaps; ties by id.
    fn best_first(
        (a_pes, a): &(&str, Option<(i32, f64)>),
        (b_pes, b): &(&str, Option<(i32, f64)>),
        year: Option<i32>,
        indicator: &Indicator,
    ) -> Ordering {
        let by_value = match (a, b) {
            (Some((ay, av)), Some((by, bv))) => {
                let current = |y: &i32| Some(*y) == year;
                current(by)
                    .cmp(&current(ay))
                    .then(by.cmp(ay))
                    .then(stats::compare(*av, *bv, indicator.better))
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        by_value.then(a_pes.cmp(b_pes))
    }

    /// The median peer score per area of the members assessed in the latest cycle, against
    /// that of every PES assessed in it.
    fn profile(cx: &Context<'_>, name: &str, members: &[&str], lang: &Lang) -> Option<ProfileView> {
        let data = &cx.site.data;
        let cycle = maturity::cycles(data).pop()?;
        let group = maturity::peer_profile(data, &cycle, |p| members.contains(&p));
        let assessed = group.iter().map(|a| a.count).max()?;
        let network = maturity::peer_profile(data, &cycle, |_| true);
        let network_of = |area: &str| network.iter().find(|a| a.area == area).map(|a| a.median);
        let score = |v: f64| cx.value(lang, v, ValueFormat::SCORE);
        let network_label = cx.label(lang, "groups.network");
        let title = format!("{} {cycle}", cx.label(lang, "groups.profile_title"));
        let provenance = cx.cycle_provenance(&cycle, lang);
        let chart = GroupedBars {
            meta: Meta {
                id: "group-profile".to_string(),
                title: title.clone(),
                desc: cx.text(
                    lang,
                    &Self::profile_description(&group, &network_of, name, &network_label, &score),
                ),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            series: vec![
                (network_label, "series-network".to_string()),
                (name.to_string(), "series-group".to_string()),
            ],
            groups: group
                .iter()
                .map(|a| Group {
                    label: a.area.clone(),
                    full: cx.area_name(&a.area, lang),
                    values: vec![network_of(&a.area), Some(a.median)],
                })
                .collect(),
            min: 1.0,
            max: 6.0,
        };
        let rows = group
            .iter()
            .map(|a| ProfileRow {
                id: a.area.clone(),
                name: data
                    .area_by_id(&a.area)
                    .map(|area| cx.text(lang, area.name.text(lang)))
                    .unwrap_or_default(),
                url: cx.routes.link(&cx.routes.area(&a.area, lang)),
                group: Cell::number(Some(a.median), score),
                network: Cell::number(network_of(&a.area), score),
                difference: Cell::number(network_of(&a.area).map(|n| a.median - n), |d| {
                    cx.change(lang, d, ValueFormat::SCORE)
                }),
            })
            .collect();
        Some(ProfileView {
            cycle_url: cx.routes.link(&cx.routes.assessment_cycle(&cycle, lang)),
            cycle,
            assessed,
            chart: Figure::new(
                charts::grouped_bars(&chart, &cx.chart_numbers(lang, ValueFormat::SCORE)),
                title,
                provenance,
            ),
            rows,
        })
    }

    /// The chart's text description: each area's group and network medians.
    fn profile_description(
        group: &[AreaMedian],
        network_of: &dyn Fn(&str) -> Option<f64>,
        name: &str,
        network_label: &str,
        score: &dyn Fn(f64) -> String,
    ) -> String {
        group
            .iter()
            .map(|a| {
                let network = network_of(&a.area).map(score).unwrap_or_else(|| "–".into());
                format!(
                    "{}: {name} {}, {network_label} {network}",
                    a.area,
                    score(a.median)
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}
