//! Figures quoted in prose: the `value`, `median`, `rank`, `change` and `count` of an
//! indicator or of the maturity scores, computed by the same functions as the pages that show
//! them — so a report cannot say otherwise than its tables — written in the page's language
//! and linked to that page.
//!
//! Each call is checked against the forms in [`FORMS`]; an unknown name, a missing value or a
//! bad argument is an error at the part of the call that is wrong.

use std::ops::Range;

use crate::analysis::maturity;
use crate::analysis::series::IndicatorTable;
use crate::analysis::stats;
use crate::diagnostics::did_you_mean;
use crate::model::data::{Area, Cluster, Enabler, Indicator, ValueFormat};
use crate::model::lang::Lang;
use crate::render::engine::figures::{Figure, FigureError, Figures};
use crate::render::engine::routes::PagePath;
use crate::render::engine::shortcodes::{Argument, ArgumentValue, Call};
use crate::render::Context;

/// The figures a body quotes, from the site's data.
pub(crate) struct Quotes<'c, 's> {
    pub cx: &'c Context<'s>,
    /// The language the body is written in: figures are written as it writes numbers.
    pub text_lang: &'c Lang,
    /// The language of the page the body is shown on: figures link to its pages.
    pub page_lang: &'c Lang,
}

/// What a figure says about its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Value,
    Median,
    Rank,
    Change,
    Count,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Value,
        Kind::Median,
        Kind::Rank,
        Kind::Change,
        Kind::Count,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Value => "value",
            Kind::Median => "median",
            Kind::Rank => "rank",
            Kind::Change => "change",
            Kind::Count => "count",
        }
    }

    fn named(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

/// What a figure is about: the argument that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SubjectKey {
    Indicator,
    Area,
    Enabler,
    /// An assessment cycle as a whole: how many PES it assessed.
    Cycle,
}

/// One accepted way of calling a figure: its kind, subject, required and optional arguments.
struct Form {
    kind: Kind,
    subject: SubjectKey,
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

/// Every figure prose can quote (documented in docs/content.md, "Figures in the text").
const FORMS: &[Form] = &[
    Form {
        kind: Kind::Value,
        subject: SubjectKey::Indicator,
        required: &["pes", "indicator", "year"],
        optional: &[],
    },
    Form {
        kind: Kind::Value,
        subject: SubjectKey::Area,
        required: &["pes", "area", "cycle"],
        optional: &[],
    },
    Form {
        kind: Kind::Median,
        subject: SubjectKey::Indicator,
        required: &["indicator", "year"],
        optional: &["cluster"],
    },
    Form {
        kind: Kind::Median,
        subject: SubjectKey::Area,
        required: &["area", "cycle"],
        optional: &[],
    },
    Form {
        kind: Kind::Median,
        subject: SubjectKey::Enabler,
        required: &["enabler", "cycle"],
        optional: &[],
    },
    Form {
        kind: Kind::Rank,
        subject: SubjectKey::Indicator,
        required: &["pes", "indicator", "year"],
        optional: &["cluster"],
    },
    Form {
        kind: Kind::Change,
        subject: SubjectKey::Indicator,
        required: &["indicator", "from", "to"],
        optional: &["pes", "cluster"],
    },
    Form {
        kind: Kind::Change,
        subject: SubjectKey::Area,
        required: &["area", "from", "to"],
        optional: &["pes"],
    },
    Form {
        kind: Kind::Count,
        subject: SubjectKey::Indicator,
        required: &["indicator", "year"],
        optional: &["cluster"],
    },
    Form {
        kind: Kind::Count,
        subject: SubjectKey::Cycle,
        required: &["cycle"],
        optional: &["cluster"],
    },
];

impl Form {
    /// How the form is written: `median(indicator=…, year=…[, cluster=…])`.
    fn signature(&self) -> String {
        let mut signature = self
            .required
            .iter()
            .map(|key| format!("{key}=…"))
            .collect::<Vec<_>>()
            .join(", ");
        for key in self.optional {
            signature.push_str(&format!("[, {key}=…]"));
        }
        format!("{}({signature})", self.kind.name())
    }

    fn accepts(&self, key: &str) -> bool {
        self.required.contains(&key) || self.optional.contains(&key)
    }
}

/// The signatures of every form of `kind`, for messages.
fn signatures(kind: Kind) -> String {
    FORMS
        .iter()
        .filter(|form| form.kind == kind)
        .map(|form| format!("`{}`", form.signature()))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn error(span: &Range<usize>, message: String) -> FigureError {
    FigureError {
        span: span.clone(),
        message,
        help: None,
    }
}

fn with_help(mut error: FigureError, help: Option<String>) -> FigureError {
    error.help = help;
    error
}

/// A call's arguments, checked against its form.
struct Arguments<'c> {
    call: &'c Call,
}

impl<'c> Arguments<'c> {
    fn get(&self, key: &str) -> Option<&'c Argument> {
        self.call.arguments.iter().find(|a| a.key == key)
    }

    /// The text of `key`; an error if it is a number.
    fn text(&self, key: &str) -> Result<Option<(&'c str, &'c Argument)>, FigureError> {
        match self.get(key) {
            None => Ok(None),
            Some(argument) => match &argument.value {
                ArgumentValue::Text(text) => Ok(Some((text.as_str(), argument))),
                ArgumentValue::Integer(number) => Err(error(
                    &argument.span,
                    format!("`{key}` is a name, written in quotes: {key}=\"{number}\""),
                )),
            },
        }
    }

    /// The whole number of `key` (a year); an error if it is a text.
    fn year(&self, key: &str) -> Result<Option<(i32, &'c Argument)>, FigureError> {
        match self.get(key) {
            None => Ok(None),
            Some(argument) => match &argument.value {
                ArgumentValue::Integer(number) => i32::try_from(*number)
                    .map(|year| Some((year, argument)))
                    .map_err(|_| error(&argument.span, format!("`{key}` is not a year"))),
                ArgumentValue::Text(text) => Err(error(
                    &argument.span,
                    format!("`{key}` is a year, written without quotes: {key}={text}"),
                )),
            },
        }
    }

    /// `key` as a text, a number written as its digits (cycles are folder names: `2024`).
    fn name(&self, key: &str) -> Option<(String, &'c Argument)> {
        self.get(key).map(|argument| {
            let name = match &argument.value {
                ArgumentValue::Text(text) => text.clone(),
                ArgumentValue::Integer(number) => number.to_string(),
            };
            (name, argument)
        })
    }
}

impl Figures for Quotes<'_, '_> {
    fn figure(&self, call: &Call) -> Result<Figure, FigureError> {
        let kind = Kind::named(&call.name).ok_or_else(|| {
            let names = Kind::ALL.map(Kind::name);
            let help = did_you_mean(&call.name, names.iter().copied());
            with_help(
                error(
                    &call.name_span,
                    format!(
                        "unknown figure `{}`; the figures are {}",
                        call.name,
                        names.map(|n| format!("`{n}`")).join(", ")
                    ),
                ),
                help,
            )
        })?;
        let arguments = Arguments { call };
        let form = form_of(kind, &arguments)?;
        let (text, url) = match form.subject {
            SubjectKey::Indicator => self.of_indicator(kind, &arguments)?,
            SubjectKey::Area => self.of_area(kind, &arguments)?,
            SubjectKey::Enabler => self.of_enabler(&arguments)?,
            SubjectKey::Cycle => self.of_cycle(&arguments)?,
        };
        Ok(Figure {
            text,
            url: Some(self.cx.routes.link(&url)),
        })
    }
}

/// The form `arguments` call `kind` with, every argument accepted and every required one there.
fn form_of(kind: Kind, arguments: &Arguments<'_>) -> Result<&'static Form, FigureError> {
    let call = arguments.call;
    for (index, argument) in call.arguments.iter().enumerate() {
        if call.arguments[..index]
            .iter()
            .any(|a| a.key == argument.key)
        {
            return Err(error(
                &argument.span,
                format!("`{}` is given twice", argument.key),
            ));
        }
    }
    let subjects = [
        ("indicator", SubjectKey::Indicator),
        ("area", SubjectKey::Area),
        ("enabler", SubjectKey::Enabler),
    ];
    let named: Vec<(&Argument, SubjectKey)> = subjects
        .iter()
        .filter_map(|(key, subject)| Some((arguments.get(key)?, *subject)))
        .collect();
    if let Some((second, _)) = named.get(1) {
        return Err(error(
            &second.span,
            "a figure is of one indicator, area or enabler, not several".to_string(),
        ));
    }
    let subject = named
        .first()
        .map_or(SubjectKey::Cycle, |(_, subject)| *subject);
    let form = FORMS
        .iter()
        .find(|form| form.kind == kind && form.subject == subject)
        .ok_or_else(|| {
            error(
                &call.name_span,
                format!("`{}` is written {}", kind.name(), signatures(kind)),
            )
        })?;
    if let Some(stray) = call.arguments.iter().find(|a| !form.accepts(&a.key)) {
        let known = form.required.iter().chain(form.optional).copied();
        return Err(with_help(
            error(
                &stray.span,
                format!(
                    "`{}` is not an argument of `{}`",
                    stray.key,
                    form.signature()
                ),
            ),
            did_you_mean(&stray.key, known),
        ));
    }
    if let Some(missing) = form
        .required
        .iter()
        .find(|key| arguments.get(key).is_none())
    {
        return Err(error(
            &call.name_span,
            format!("`{missing}` is missing: `{}`", form.signature()),
        ));
    }
    Ok(form)
}

impl Quotes<'_, '_> {
    fn data(&self) -> &crate::model::data::Data {
        &self.cx.site.data
    }

    fn of_indicator(
        &self,
        kind: Kind,
        arguments: &Arguments<'_>,
    ) -> Result<(String, PagePath), FigureError> {
        let indicator = self.indicator(arguments)?;
        let table = IndicatorTable::new(self.data(), indicator);
        let cluster = self.cluster(arguments)?;
        let pes = self.pes(arguments)?;
        let id = indicator.id.value.as_str();
        let format = indicator.value_format();
        let in_cluster = |p: &str| cluster.is_none_or(|c| self.cx.cluster_of(p) == c.id.value);
        let url = match cluster {
            Some(c) => self
                .cx
                .routes
                .indicator_cluster(id, &c.id.value, self.page_lang),
            None => self.cx.routes.indicator(id, self.page_lang),
        };
        let text = match kind {
            Kind::Value | Kind::Rank => {
                let (pes, pes_argument) = pes.ok_or_else(|| self.missing(arguments, "pes"))?;
                let (year, _) = self.indicator_year(arguments, "year", &table, id)?;
                let value = table.value(pes, year).ok_or_else(|| {
                    self.unless_withheld(
                        error(
                            &pes_argument.span,
                            format!("`{pes}` has no value of `{id}` for {year}"),
                        ),
                        id,
                    )
                })?;
                if kind == Kind::Value {
                    self.cx.value(self.text_lang, value, format)
                } else {
                    if !in_cluster(pes) {
                        return Err(error(
                            &pes_argument.span,
                            format!("`{pes}` is not in the peer group it is ranked in"),
                        ));
                    }
                    let all = table.values_in(year, in_cluster);
                    self.integer(stats::rank(value, &all, indicator.better))
                }
            }
            Kind::Median => {
                let (year, year_argument) = self.indicator_year(arguments, "year", &table, id)?;
                let median = table
                    .median(year, in_cluster)
                    .ok_or_else(|| self.nobody(year_argument, id, year))?;
                self.cx.value(self.text_lang, median, format)
            }
            Kind::Count => {
                let (year, _) = self.indicator_year(arguments, "year", &table, id)?;
                self.integer(table.values_in(year, in_cluster).len())
            }
            Kind::Change => {
                let (from, from_argument) = self.indicator_year(arguments, "from", &table, id)?;
                let (to, to_argument) = self.indicator_year(arguments, "to", &table, id)?;
                let at = |year: i32, argument: &Argument| -> Result<f64, FigureError> {
                    match pes {
                        Some((pes, _)) => table.value(pes, year).ok_or_else(|| {
                            self.unless_withheld(
                                error(
                                    &argument.span,
                                    format!("`{pes}` has no value of `{id}` for {year}"),
                                ),
                                id,
                            )
                        }),
                        None => table
                            .median(year, in_cluster)
                            .ok_or_else(|| self.nobody(argument, id, year)),
                    }
                };
                if let (Some((_, pes_argument)), Some(_)) = (pes, cluster) {
                    return Err(error(
                        &pes_argument.span,
                        "a change is of one PES or of a median, not both: leave out `pes` or \
                         `cluster`"
                            .to_string(),
                    ));
                }
                let delta = at(to, to_argument)? - at(from, from_argument)?;
                self.cx.change(self.text_lang, delta, format)
            }
        };
        Ok((text, url))
    }

    fn of_area(
        &self,
        kind: Kind,
        arguments: &Arguments<'_>,
    ) -> Result<(String, PagePath), FigureError> {
        let area = self.area(arguments)?;
        let id = area.id.value.as_str();
        let pes = self.pes(arguments)?;
        if let Some((pes, argument)) = pes {
            self.own_scores_shown(pes, argument)?;
        }
        // The mean peer score of `pes` in the area, or the network median of those means.
        let score = |cycle: &str, argument: &Argument| -> Result<f64, FigureError> {
            self.network_shown(cycle, argument)?;
            match pes {
                Some((pes, _)) => maturity::peer_means_of_area(self.data(), cycle, id)
                    .get(pes)
                    .copied()
                    .ok_or_else(|| {
                        error(
                            &argument.span,
                            format!("`{pes}` has no score in area {id} in cycle {cycle}"),
                        )
                    }),
                None => maturity::area_median(self.data(), cycle, id).ok_or_else(|| {
                    error(
                        &argument.span,
                        format!("no PES was scored in area {id} in cycle {cycle}"),
                    )
                }),
            }
        };
        let text = match kind {
            Kind::Change => {
                let (from, from_argument) = self.cycle(arguments, "from")?;
                let (to, to_argument) = self.cycle(arguments, "to")?;
                let delta = score(&to, to_argument)? - score(&from, from_argument)?;
                self.cx.change(self.text_lang, delta, ValueFormat::SCORE)
            }
            _ => {
                let (cycle, argument) = self.cycle(arguments, "cycle")?;
                self.cx
                    .value(self.text_lang, score(&cycle, argument)?, ValueFormat::SCORE)
            }
        };
        Ok((text, self.cx.routes.area(id, self.page_lang)))
    }

    /// A PES's own assessment score may be quoted only in an edition that shows each PES's
    /// scores: elsewhere its pages show distributions, and prose may not say more.
    fn own_scores_shown(&self, pes: &str, argument: &Argument) -> Result<(), FigureError> {
        let edition = &self.cx.site.edition;
        if edition.pes_scores {
            return Ok(());
        }
        Err(with_help(
            error(
                &argument.span,
                format!(
                    "the `{}` edition does not show each PES's own assessment scores (they are \
                     kept for members), so this document cannot quote `{pes}`'s",
                    edition.name
                ),
            ),
            Some(
                "quote the network median (leave out `pes`), mark this document `audience: \
                 members`, or set `assessment_scores: true` for the edition in site.yaml"
                    .to_string(),
            ),
        ))
    }

    fn of_enabler(&self, arguments: &Arguments<'_>) -> Result<(String, PagePath), FigureError> {
        let enabler = self.enabler(arguments)?;
        let id = enabler.id.value.as_str();
        let (cycle, argument) = self.cycle(arguments, "cycle")?;
        self.network_shown(&cycle, argument)?;
        let median = maturity::enabler_median(self.data(), &cycle, id).ok_or_else(|| {
            error(
                &argument.span,
                format!("no PES was scored on enabler {id} in cycle {cycle}"),
            )
        })?;
        Ok((
            self.cx.value(self.text_lang, median, ValueFormat::SCORE),
            self.cx.routes.assessment_cycle(&cycle, self.page_lang),
        ))
    }

    fn of_cycle(&self, arguments: &Arguments<'_>) -> Result<(String, PagePath), FigureError> {
        let (cycle, _) = self.cycle(arguments, "cycle")?;
        let cluster = self.cluster(arguments)?;
        let count = maturity::in_cycle(self.data(), &cycle)
            .into_keys()
            .filter(|pes| cluster.is_none_or(|c| self.cx.cluster_of(pes) == c.id.value))
            .count();
        Ok((
            self.integer(count),
            self.cx.routes.assessment_cycle(&cycle, self.page_lang),
        ))
    }

    /// An error where the edition keeps each PES's assessment scores for members and too few
    /// PES were assessed in `cycle` for a network figure not to reveal them.
    fn network_shown(&self, cycle: &str, argument: &Argument) -> Result<(), FigureError> {
        if self.cx.shows_network_spread(cycle) {
            return Ok(());
        }
        let edition = &self.cx.site.edition;
        Err(with_help(
            error(
                &argument.span,
                format!(
                    "too few PES were assessed in cycle {cycle} for the edition `{}` to show \
                     their scores without revealing who scored what",
                    edition.name
                ),
            ),
            Some(format!(
                "a figure of a cycle needs at least {} PES assessed (`options.min_group_size` in site.yaml)",
                edition.min_group_size
            )),
        ))
    }

    fn integer(&self, count: usize) -> String {
        self.cx.formats(self.text_lang).integer(count)
    }

    fn missing(&self, arguments: &Arguments<'_>, key: &str) -> FigureError {
        error(&arguments.call.name_span, format!("`{key}` is missing"))
    }

    fn nobody(&self, argument: &Argument, indicator: &str, year: i32) -> FigureError {
        self.unless_withheld(
            error(
                &argument.span,
                format!("no PES of the peer group reported `{indicator}` for {year}"),
            ),
            indicator,
        )
    }

    /// `error`, saying when the edition left some of `indicator`'s figures out for members:
    /// the author sees them in the data and needs to know why they are missing here.
    fn unless_withheld(&self, error: FigureError, indicator: &str) -> FigureError {
        let Some(datasets) = self.data().withheld.indicators.get(indicator) else {
            return error;
        };
        let datasets: Vec<String> = datasets
            .iter()
            .map(|dataset| format!("`{dataset}`"))
            .collect();
        with_help(
            error,
            Some(format!(
                "figures of `{indicator}` in the datasets for members ({}) are left out of the \
                 `{}` edition: quote public figures, or mark this document `audience: members`",
                datasets.join(", "),
                self.cx.site.edition.name
            )),
        )
    }

    fn indicator<'d>(&'d self, arguments: &Arguments<'_>) -> Result<&'d Indicator, FigureError> {
        let (id, argument) = arguments
            .text("indicator")?
            .ok_or_else(|| self.missing(arguments, "indicator"))?;
        let indicators = &self.data().indicators;
        indicators.iter().find(|i| i.id.value == id).ok_or_else(|| {
            let known = indicators.iter().map(|i| i.id.value.as_str());
            with_help(
                error(&argument.span, format!("unknown indicator `{id}`")),
                did_you_mean(id, known),
            )
        })
    }

    fn pes<'a>(
        &self,
        arguments: &Arguments<'a>,
    ) -> Result<Option<(&'a str, &'a Argument)>, FigureError> {
        let Some((id, argument)) = arguments.text("pes")? else {
            return Ok(None);
        };
        if self.data().pes_by_id(id).is_none() {
            let known = self.data().pes.iter().map(|p| p.id.value.as_str());
            return Err(with_help(
                error(&argument.span, format!("unknown PES `{id}`")),
                did_you_mean(id, known),
            ));
        }
        Ok(Some((id, argument)))
    }

    fn cluster<'d>(
        &'d self,
        arguments: &Arguments<'_>,
    ) -> Result<Option<&'d Cluster>, FigureError> {
        let Some((id, argument)) = arguments.text("cluster")? else {
            return Ok(None);
        };
        self.data().cluster_by_id(id).map(Some).ok_or_else(|| {
            let known = self.data().clusters.iter().map(|c| c.id.value.as_str());
            with_help(
                error(&argument.span, format!("unknown peer group `{id}`")),
                did_you_mean(id, known),
            )
        })
    }

    fn area<'d>(&'d self, arguments: &Arguments<'_>) -> Result<&'d Area, FigureError> {
        let (id, argument) = arguments
            .text("area")?
            .ok_or_else(|| self.missing(arguments, "area"))?;
        self.data().area_by_id(id).ok_or_else(|| {
            let known = self.data().areas.iter().map(|a| a.id.value.as_str());
            with_help(
                error(&argument.span, format!("unknown excellence area `{id}`")),
                did_you_mean(id, known),
            )
        })
    }

    fn enabler<'d>(&'d self, arguments: &Arguments<'_>) -> Result<&'d Enabler, FigureError> {
        let (id, argument) = arguments
            .text("enabler")?
            .ok_or_else(|| self.missing(arguments, "enabler"))?;
        let mut enablers = self.data().areas.iter().flat_map(|a| &a.enablers);
        enablers.find(|e| e.id.value == id).ok_or_else(|| {
            let known = self
                .data()
                .areas
                .iter()
                .flat_map(|a| &a.enablers)
                .map(|e| e.id.value.as_str());
            with_help(
                error(&argument.span, format!("unknown enabler `{id}`")),
                did_you_mean(id, known),
            )
        })
    }

    /// The year `key` names, which must have values of the indicator.
    fn indicator_year<'a>(
        &self,
        arguments: &Arguments<'a>,
        key: &str,
        table: &IndicatorTable,
        indicator: &str,
    ) -> Result<(i32, &'a Argument), FigureError> {
        let (year, argument) = arguments
            .year(key)?
            .ok_or_else(|| self.missing(arguments, key))?;
        if table.years.contains(&year) {
            return Ok((year, argument));
        }
        let years = match (table.years.first(), table.years.last()) {
            (Some(first), Some(last)) if first != last => format!("{first} to {last}"),
            (Some(only), _) => only.to_string(),
            _ => "none".to_string(),
        };
        Err(self.unless_withheld(
            error(
                &argument.span,
                format!("no value of `{indicator}` for {year}; its years: {years}"),
            ),
            indicator,
        ))
    }

    /// The assessment cycle `key` names, which must exist.
    fn cycle<'a>(
        &self,
        arguments: &Arguments<'a>,
        key: &str,
    ) -> Result<(String, &'a Argument), FigureError> {
        let (cycle, argument) = arguments
            .name(key)
            .ok_or_else(|| self.missing(arguments, key))?;
        let cycles = maturity::cycles(self.data());
        if cycles.contains(&cycle) {
            return Ok((cycle, argument));
        }
        if self.data().withheld.cycles.contains(&cycle) {
            return Err(with_help(
                error(
                    &argument.span,
                    format!(
                        "the assessment cycle `{cycle}` is for members (`audience: members` in \
                         datasets.yaml) and is left out of the `{}` edition",
                        self.cx.site.edition.name
                    ),
                ),
                Some(
                    "quote it in a document for members (`audience: members`), or quote a \
                     public cycle"
                        .to_string(),
                ),
            ));
        }
        Err(error(
            &argument.span,
            format!(
                "no assessment cycle `{cycle}`; the cycles are {}",
                cycles
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ))
    }
}
