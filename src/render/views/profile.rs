//! The benchmarking part of a PES profile: where the PES stands on each indicator, its
//! maturity profile self vs peer (or, where an edition keeps each PES's scores for members,
//! how the network scores and, if the edition opts in, which quarter of it the PES is in),
//! what it could learn from whom, and its framework.

use std::collections::BTreeMap;

use crate::model::lang::Lang;
use serde::Serialize;

use crate::analysis::series::IndicatorTable;
use crate::analysis::{learning, maturity};
use crate::model::data::ValueFormat;
use crate::render::charts::{self, Group, GroupedBars, Meta};
use crate::render::views::figures::{Cell, Figure};
use crate::render::views::provenance::{Provenance, Shown};
use crate::render::views::spread::SpreadView;
use crate::render::views::FrameworkLink;
use crate::render::views::{Card, PesLink};
use crate::render::Context;

/// How many peers ahead with a related practice are brought into sight when those shown
/// first (own peer group, practices on the indicator) have none.
const PROMOTED_PEERS: usize = 3;

#[derive(Debug, Serialize)]
pub(crate) struct PesBench {
    standings: Vec<StandingRow>,
    /// Where the figures of the standings come from.
    standings_provenance: Option<Provenance>,
    maturity: Option<MaturityView>,
    /// Where each PES's scores are kept for members: how the network scores instead.
    position: Option<PositionView>,
    learning: LearningView,
    framework: Option<FrameworkLink>,
    indicators_url: String,
}

impl PesBench {
    /// Whether any figure of the profile is illustrative, which its footer then says.
    pub(crate) fn shows_illustrative(&self) -> bool {
        let maturity = self.maturity.as_ref().map(|m| &m.chart.provenance);
        let position = self
            .position
            .as_ref()
            .and_then(|p| p.network.as_ref())
            .and_then(|n| n.chart.as_ref())
            .map(|c| &c.provenance);
        std::iter::once(&self.standings_provenance)
            .chain(maturity)
            .chain(position)
            .flatten()
            .any(Provenance::is_illustrative)
    }
}

#[derive(Debug, Serialize)]
struct StandingRow {
    name: String,
    url: String,
    year: i32,
    value: String,
    cluster_rank: String,
    network_rank: String,
    change: Cell,
    sparkline: minijinja::Value,
}

#[derive(Debug, Serialize)]
struct MaturityView {
    cycle: String,
    chart: Figure,
    rows: Vec<MaturityRow>,
}

/// The assessment part of a profile where each PES's scores are kept for members.
#[derive(Debug, Serialize)]
struct PositionView {
    cycle: String,
    cycle_url: String,
    /// The spread of each area's scores in the network; none when too few PES were assessed.
    network: Option<SpreadView>,
    /// Which quarter of the network the PES is in, per area: where the edition opts in.
    rows: Vec<PositionRow>,
}

/// Where a PES stands in one area, in words, against the network's self and peer scores.
#[derive(Debug, Serialize)]
struct PositionRow {
    id: String,
    name: String,
    url: String,
    peer: String,
    self_position: String,
}

#[derive(Debug, Serialize)]
struct MaturityRow {
    id: String,
    name: String,
    url: String,
    self_score: String,
    peer_score: String,
    gap: String,
    over: bool,
}

/// "Where do we stand, and who do we learn from?": the indicators, then the weak areas.
#[derive(Debug, Serialize)]
struct LearningView {
    indicators: Vec<IndicatorLearning>,
    /// Absent when the PES was never assessed, or where its position is not shown.
    areas: Option<AreasLearning>,
    /// Set where the areas are left out because the PES's position is not shown.
    areas_kept: bool,
}

/// Where the PES stands on one indicator, and the peers ahead of it.
#[derive(Debug, Serialize)]
struct IndicatorLearning {
    id: String,
    name: String,
    url: String,
    year: i32,
    value: String,
    cluster_rank: String,
    network_rank: String,
    ahead_count: usize,
    /// Its own peer group, the peers with a practice on the indicator, or (when these show no
    /// practice) the first peers with a related one.
    shown: Vec<PeerView>,
    /// The other peers ahead, folded away.
    more: Vec<PeerView>,
    has_practice: bool,
}

/// The excellence areas of the latest assessment where the PES is below the network median.
#[derive(Debug, Serialize)]
struct AreasLearning {
    cycle: String,
    below: Vec<LearnView>,
    /// Set where each PES's scores are kept for members: the areas then name no PES that
    /// scores higher, only the practices of other PES in the area.
    scores_kept: bool,
}

#[derive(Debug, Serialize)]
struct LearnView {
    id: String,
    name: String,
    url: String,
    own: String,
    median: String,
    peers: Vec<PeerView>,
    /// Other stronger PES with practices in the area, when `peers` have none.
    further: Vec<PeerView>,
    has_practice: bool,
}

/// A PES ahead, its figure and the practices to look at.
#[derive(Debug, Serialize)]
struct PeerView {
    pes: PesLink,
    /// Its figure; none where it is kept for members.
    value: Option<String>,
    same_cluster: bool,
    practices: Vec<PracticeLink>,
}

/// A PES and the assessment cycle its profile's learning path is of.
#[derive(Clone, Copy)]
struct Place<'a> {
    pes: &'a str,
    cycle: &'a str,
}

/// A suggested practice, and why when it does not name the indicator itself.
#[derive(Debug, Serialize)]
struct PracticeLink {
    title: String,
    url: String,
    /// Set when the practice's text is in another language than the page.
    text_lang: Option<Lang>,
    basis: Option<String>,
}

impl Context<'_> {
    pub(crate) fn pes_bench(&self, id: &str, lang: &Lang) -> PesBench {
        let (standings, standings_provenance) = self.standings(id, lang);
        PesBench {
            standings,
            standings_provenance,
            maturity: self
                .site
                .edition
                .pes_scores
                .then(|| self.maturity(id, lang))
                .flatten(),
            position: self.position(id, lang),
            learning: self.learning(id, lang),
            framework: self.framework_of(id, lang),
            indicators_url: self.routes.link(&self.routes.indicators(lang)),
        }
    }

    /// Where the PES stands on each indicator it reported, and where those figures come from.
    fn standings(&self, id: &str, lang: &Lang) -> (Vec<StandingRow>, Option<Provenance>) {
        let data = &self.site.data;
        let cluster = self.cluster_of(id);
        let mut shown = Shown::default();
        let rows = data
            .indicators
            .iter()
            .filter_map(|indicator| {
                let table = IndicatorTable::new(data, indicator);
                let standing = table.standing(id, |p| self.cluster_of(p) == cluster)?;
                let indicator_id = indicator.id.value.as_str();
                // Its own values over the years, and everyone's of the year it is ranked in.
                shown.merge(Shown::totals(data, indicator_id, |pes, year| {
                    pes == id || year == standing.year
                }));
                let fmt = |v: f64| self.value(lang, v, indicator.value_format());
                let name = self.text(lang, indicator.name.text(lang));
                let values: Vec<Option<f64>> =
                    table.years.iter().map(|y| table.value(id, *y)).collect();
                let meta = Meta {
                    id: format!("spark-{}", indicator.id.value),
                    title: format!("{name} — {}", self.chart_label(id, lang)),
                    desc: table
                        .years
                        .iter()
                        .zip(&values)
                        .map(|(y, v)| format!("{y} {}", v.map(fmt).unwrap_or_else(|| "–".into())))
                        .collect::<Vec<_>>()
                        .join(", "),
                    // The table it sits in says where its figures come from.
                    provenance: None,
                };
                Some(StandingRow {
                    url: self
                        .routes
                        .link(&self.routes.indicator(&indicator.id.value, lang)),
                    year: standing.year,
                    value: fmt(standing.value),
                    cluster_rank: self.rank_text(
                        standing.cluster_rank,
                        standing.cluster_count,
                        lang,
                    ),
                    network_rank: self.rank_text(
                        standing.network_rank,
                        standing.network_count,
                        lang,
                    ),
                    change: Cell::number(standing.change, |c| {
                        self.change(lang, c, indicator.value_format())
                    })
                    .judged(
                        standing
                            .change
                            .map(|c| self.change_verdict(c, indicator, lang)),
                    ),
                    sparkline: minijinja::Value::from_safe_string(charts::sparkline(
                        &meta, &values,
                    )),
                    name,
                })
            })
            .collect();
        (rows, self.provenance(lang, &shown))
    }

    fn maturity(&self, id: &str, lang: &Lang) -> Option<MaturityView> {
        let data = &self.site.data;
        let assessment = maturity::latest(data, id)?;
        let means = maturity::area_means(&data.areas, assessment);
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        let self_label = self.label(lang, "bench.self");
        let peer_label = self.label(lang, "bench.peer");
        let provenance = self.provenance(lang, &Shown::assessments([assessment]));
        let chart = GroupedBars {
            meta: Meta {
                id: "maturity".to_string(),
                title: format!(
                    "{} {}",
                    self.label(lang, "bench.maturity_title"),
                    assessment.cycle
                ),
                desc: self.text(
                    lang,
                    &means
                        .iter()
                        .map(|m| {
                            format!(
                                "{}: {self_label} {}, {peer_label} {}",
                                m.area,
                                score(m.self_mean),
                                score(m.peer_mean)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                provenance: Provenance::chart_line(provenance.as_ref()),
            },
            series: vec![
                (self_label, "series-self".to_string()),
                (peer_label, "series-peer".to_string()),
            ],
            groups: means
                .iter()
                .map(|m| Group {
                    label: m.area.clone(),
                    full: self.area_name(&m.area, lang),
                    values: vec![Some(m.self_mean), Some(m.peer_mean)],
                })
                .collect(),
            min: 1.0,
            max: 6.0,
        };
        let rows = means
            .iter()
            .map(|m| MaturityRow {
                name: data
                    .area_by_id(&m.area)
                    .map(|a| a.name.text(lang).to_string())
                    .unwrap_or_default(),
                url: self.routes.link(&self.routes.area(&m.area, lang)),
                self_score: score(m.self_mean),
                peer_score: score(m.peer_mean),
                gap: self.change(lang, m.gap(), ValueFormat::SCORE),
                over: m.gap() >= 0.05,
                id: m.area.clone(),
            })
            .collect();
        Some(MaturityView {
            cycle: assessment.cycle.clone(),
            chart: Figure::new(
                charts::grouped_bars(&chart, &self.chart_numbers(lang, ValueFormat::SCORE)),
                chart.meta.title.clone(),
                provenance,
            ),
            rows,
        })
    }

    fn learning(&self, id: &str, lang: &Lang) -> LearningView {
        let data = &self.site.data;
        let practices = self.tagged_practices(lang);
        let cards = self.practice_cards(lang);
        let indicators = learning::indicator_paths(data, id, &practices)
            .into_iter()
            .filter_map(|path| self.indicator_learning(path, &cards, lang))
            .collect();
        let edition = &self.site.edition;
        let latest = maturity::latest(data, id);
        let areas_kept = latest.is_some_and(|a| !self.shows_position(&a.cycle));
        let areas = latest
            .filter(|_| !areas_kept)
            .map(|assessment| AreasLearning {
                below: learning::learn_from(data, &assessment.cycle, id, &practices)
                    .into_iter()
                    .map(|suggestion| {
                        if edition.pes_scores {
                            self.learn_view(suggestion, &cards, lang)
                        } else {
                            let place = Place {
                                pes: id,
                                cycle: &assessment.cycle,
                            };
                            self.kept_learn_view(place, suggestion, &practices, &cards, lang)
                        }
                    })
                    .collect(),
                cycle: assessment.cycle.clone(),
                scores_kept: !edition.pes_scores,
            });
        LearningView {
            indicators,
            areas,
            areas_kept,
        }
    }

    /// Whether a profile may say where its PES stands in `cycle`: where each PES's scores
    /// are shown, or where the edition opts in and the network is large enough.
    fn shows_position(&self, cycle: &str) -> bool {
        let edition = &self.site.edition;
        edition.pes_scores || (edition.own_position && self.shows_network_spread(cycle))
    }

    /// Where each PES's scores are kept for members: the network's spread per area in the
    /// PES's latest cycle and, where the edition opts in, the quarter the PES is in.
    fn position(&self, id: &str, lang: &Lang) -> Option<PositionView> {
        if self.site.edition.pes_scores {
            return None;
        }
        let data = &self.site.data;
        let assessment = maturity::latest(data, id)?;
        let cycle = assessment.cycle.as_str();
        let provenance = self.cycle_provenance(cycle, lang);
        let rows = if self.shows_position(cycle) {
            maturity::area_means(&data.areas, assessment)
                .into_iter()
                .filter_map(|mean| {
                    let spread = maturity::area_spread(data, cycle, &mean.area, |_| true)?;
                    Some(PositionRow {
                        name: data
                            .area_by_id(&mean.area)
                            .map(|a| self.text(lang, a.name.text(lang)))
                            .unwrap_or_default(),
                        url: self.routes.link(&self.routes.area(&mean.area, lang)),
                        peer: self.position_words(mean.peer_mean, &spread.peer, lang),
                        self_position: self.position_words(
                            mean.self_mean,
                            &spread.self_scores,
                            lang,
                        ),
                        id: mean.area,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        Some(PositionView {
            cycle_url: self.routes.link(&self.routes.assessment_cycle(cycle, lang)),
            network: self
                .shows_network_spread(cycle)
                .then(|| self.area_spreads(cycle, provenance.as_ref(), lang)),
            cycle: cycle.to_string(),
            rows,
        })
    }

    /// An area where the PES is below the network median, where each PES's scores are kept
    /// for members: the other PES's practices filed under it (its own peer group first),
    /// named without saying how those PES score.
    fn kept_learn_view(
        &self,
        Place { pes: id, cycle }: Place<'_>,
        suggestion: learning::LearnFrom,
        practices: &[learning::Tagged<'_>],
        cards: &BTreeMap<&str, &Card>,
        lang: &Lang,
    ) -> LearnView {
        let area = suggestion.area.as_str();
        let mut by_pes: BTreeMap<(bool, &str), Vec<PracticeLink>> = BTreeMap::new();
        let mut left = learning::FURTHER_PRACTICES;
        for practice in practices {
            if left == 0 || practice.pes == id || !practice.areas.iter().any(|a| a == area) {
                continue;
            }
            let other_group = self.cluster_of(practice.pes) != self.cluster_of(id);
            if let Some(link) = practice_link(practice.key, None, cards) {
                by_pes
                    .entry((other_group, practice.pes))
                    .or_default()
                    .push(link);
                left -= 1;
            }
        }
        let further: Vec<PeerView> = by_pes
            .into_iter()
            .filter_map(|((other_group, pes), practices)| {
                Some(PeerView {
                    pes: self.pes_link(pes, lang)?,
                    value: None,
                    same_cluster: !other_group,
                    practices,
                })
            })
            .collect();
        LearnView {
            name: self
                .site
                .data
                .area_by_id(area)
                .map(|a| a.name.text(lang).to_string())
                .unwrap_or_default(),
            url: self.routes.link(&self.routes.area(area, lang)),
            own: maturity::area_spread(&self.site.data, cycle, area, |_| true)
                .map(|spread| self.position_words(suggestion.own, &spread.peer, lang))
                .unwrap_or_default(),
            median: self.value(lang, suggestion.network_median, ValueFormat::SCORE),
            has_practice: !further.is_empty(),
            peers: Vec::new(),
            further,
            id: suggestion.area,
        }
    }

    fn indicator_learning(
        &self,
        path: learning::IndicatorPath,
        cards: &BTreeMap<&str, &Card>,
        lang: &Lang,
    ) -> Option<IndicatorLearning> {
        let indicator = self
            .site
            .data
            .indicators
            .iter()
            .find(|i| i.id.value == path.indicator)?;
        let fmt = |v: f64| self.value(lang, v, indicator.value_format());
        let standing = &path.standing;
        let peers: Vec<(bool, PeerView)> = path
            .ahead
            .iter()
            .filter_map(|ahead| {
                let direct = ahead
                    .practices
                    .iter()
                    .any(|p| p.basis == learning::Basis::Indicator);
                let practices = ahead
                    .practices
                    .iter()
                    .filter_map(|p| {
                        practice_link(&p.practice, self.basis_label(&p.basis, lang), cards)
                    })
                    .collect();
                Some((
                    ahead.same_cluster || direct,
                    PeerView {
                        pes: self.pes_link(&ahead.pes, lang)?,
                        value: Some(fmt(ahead.value)),
                        same_cluster: ahead.same_cluster,
                        practices,
                    },
                ))
            })
            .collect();
        let (shown, more) = Self::fold_peers(peers);
        Some(IndicatorLearning {
            has_practice: shown
                .iter()
                .chain(&more)
                .any(|peer| !peer.practices.is_empty()),
            id: path.indicator.clone(),
            name: self.text(lang, indicator.name.text(lang)),
            url: self
                .routes
                .link(&self.routes.indicator(&path.indicator, lang)),
            year: standing.year,
            value: fmt(standing.value),
            cluster_rank: self.rank_text(standing.cluster_rank, standing.cluster_count, lang),
            network_rank: self.rank_text(standing.network_rank, standing.network_count, lang),
            ahead_count: path.ahead.len(),
            shown,
            more,
        })
    }

    /// Splits the peers ahead into those shown (flagged: same group or a practice on the
    /// indicator) and the rest, folded. When the shown ones have no practice at all, the
    /// first folded ones with a practice are shown too, so a practice is in sight if any is.
    fn fold_peers(peers: Vec<(bool, PeerView)>) -> (Vec<PeerView>, Vec<PeerView>) {
        let (shown, more): (Vec<_>, Vec<_>) = peers.into_iter().partition(|(flag, _)| *flag);
        let mut shown: Vec<PeerView> = shown.into_iter().map(|(_, peer)| peer).collect();
        let mut more: Vec<PeerView> = more.into_iter().map(|(_, peer)| peer).collect();
        if shown.iter().all(|peer| peer.practices.is_empty()) {
            let mut promoted = 0;
            let mut rest = Vec::new();
            for peer in more {
                if promoted < PROMOTED_PEERS && !peer.practices.is_empty() {
                    promoted += 1;
                    shown.push(peer);
                } else {
                    rest.push(peer);
                }
            }
            more = rest;
        }
        (shown, more)
    }

    fn learn_view(
        &self,
        suggestion: learning::LearnFrom,
        cards: &BTreeMap<&str, &Card>,
        lang: &Lang,
    ) -> LearnView {
        let score = |v: f64| self.value(lang, v, ValueFormat::SCORE);
        let peer_views = |peers: &[learning::Peer]| -> Vec<PeerView> {
            peers
                .iter()
                .filter_map(|peer| {
                    Some(PeerView {
                        pes: self.pes_link(&peer.pes, lang)?,
                        value: Some(score(peer.score)),
                        same_cluster: peer.same_cluster,
                        practices: peer
                            .practices
                            .iter()
                            .filter_map(|key| practice_link(key, None, cards))
                            .collect(),
                    })
                })
                .collect()
        };
        let peers = peer_views(&suggestion.peers);
        let further = peer_views(&suggestion.further);
        let area = suggestion.area.as_str();
        LearnView {
            name: self
                .site
                .data
                .area_by_id(area)
                .map(|a| a.name.text(lang).to_string())
                .unwrap_or_default(),
            url: self.routes.link(&self.routes.area(area, lang)),
            own: score(suggestion.own),
            median: score(suggestion.network_median),
            has_practice: peers
                .iter()
                .chain(&further)
                .any(|peer| !peer.practices.is_empty()),
            peers,
            further,
            id: suggestion.area,
        }
    }

    /// Why a practice is suggested, when it does not name the indicator itself.
    fn basis_label(&self, basis: &learning::Basis, lang: &Lang) -> Option<String> {
        match basis {
            learning::Basis::Indicator => None,
            learning::Basis::Category(category) => Some(format!(
                "{} {}",
                self.label(lang, "bench.learn_basis_category"),
                self.category_name(category, lang)
            )),
            learning::Basis::Area(area) => Some(format!(
                "{} {area} {}",
                self.label(lang, "bench.learn_basis_area"),
                self.site
                    .data
                    .area_by_id(area)
                    .map(|a| a.name.text(lang).to_string())
                    .unwrap_or_default()
            )),
        }
    }
}

/// A link to the practice `key` as listed in the page's language, with why it is suggested.
fn practice_link(
    key: &str,
    basis: Option<String>,
    cards: &BTreeMap<&str, &Card>,
) -> Option<PracticeLink> {
    let card = cards.get(key)?;
    Some(PracticeLink {
        title: card.title.clone(),
        url: card.url.clone(),
        text_lang: card.text_lang.clone(),
        basis,
    })
}
