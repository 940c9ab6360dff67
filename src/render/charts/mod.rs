//! Static SVG charts made at build time: bars, lines, grouped bars, ranges (quartiles and
//! median), heatmaps and sparklines.
//!
//! Every chart is an `<svg role="img">` with a `<title>` and `<desc>` in the page's language,
//! a `viewBox` so it scales to its container, and CSS classes instead of colours so the theme
//! decides how light, dark and print look. A chart is drawn once per [`Layout`] (narrow,
//! medium, wide), each for the widths its container takes in that band, and the theme shows
//! the one that fits: the chart fills its container and its text stays near its drawn size. Series differ by more than colour: labels,
//! markers, outlines and dash patterns. Pages put the same numbers in a table beside each one.

mod bars;
mod grouped;
mod heatmap;
mod lines;
mod ranges;
mod scale;
mod sparkline;

pub use bars::{bar_chart, progress_bar, Bar, BarChart};
pub use grouped::{grouped_bars, Group, GroupedBars};
pub use heatmap::{heatmap, Column, Heatmap, HeatmapRow};
pub use lines::{line_chart, Line, LineChart};
pub use ranges::{range_chart, RangeChart, RangeRow};
pub use sparkline::{spark_shape, sparkline, sparkline_of, SparkShape, VIEW_BOX as SPARK_VIEW_BOX};

use std::fmt::Write;

use super::escape_markup as escape;

/// A width band a chart is drawn for: `width` is its `viewBox` width, close to the width of
/// its container in that band, so the drawing is scaled by little and its text keeps about
/// the size the stylesheet gives it (`.layout-narrow` and so on show one band each).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Layout {
    pub name: &'static str,
    pub width: f64,
}

/// Phones (content up to 30rem), tablets and narrow windows (30–50rem), wider screens.
pub const LAYOUTS: [Layout; 3] = [
    Layout {
        name: "narrow",
        width: 328.0,
    },
    Layout {
        name: "medium",
        width: 560.0,
    },
    Layout {
        name: "wide",
        width: 920.0,
    },
];

/// The width of a character of chart text (14 user units), generous (capitals, bold figures,
/// `%`), so that labels sized with it fit.
const CHAR: f64 = 9.0;

/// The chart drawn once per layout, narrowest first.
fn each_layout(draw: impl Fn(Layout) -> String) -> String {
    LAYOUTS.iter().map(|layout| draw(*layout)).collect()
}

/// The top of a value axis from 0 that holds `highest`, on a round tick (`60` for `56.7`).
pub fn scale_top(highest: f64) -> f64 {
    scale::nice(0.0, highest, 4).1
}

/// How many characters fit in `width` user units of chart text.
fn chars_in(width: f64) -> usize {
    (width / CHAR).floor().max(1.0) as usize
}

/// What every chart needs to describe itself: a unique id on its page, the accessible title
/// and description, and where its figures come from.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub desc: String,
    /// The provenance line (sources, years, last update, "illustrative"): written at the foot
    /// of the chart and in its description, so that a chart copied out of its page keeps it.
    pub provenance: Option<String>,
}

/// How a chart writes its numbers in the page's language: values with the decimals of their
/// indicator, axis ticks with the fewest decimals that write every tick of the axis exactly
/// (`0 %, 20 %, 40 %` beside values such as `44,2 %`).
pub struct Numbers<'a> {
    /// Writes a number with the given decimals.
    pub write: Box<dyn Fn(f64, u8) -> String + 'a>,
    /// The decimals of the values.
    pub decimals: u8,
    /// The unit of the values' axis, in the page's language (`%`, `days`, `score (1–6)`),
    /// written beside the axis.
    pub unit: String,
}

impl Numbers<'_> {
    /// A value of the data.
    fn value(&self, value: f64) -> String {
        (self.write)(value, self.decimals)
    }

    /// The labels of `ticks`, all with the same decimals.
    fn ticks(&self, ticks: &[f64]) -> Vec<String> {
        let decimals = tick_decimals(ticks);
        ticks
            .iter()
            .map(|tick| (self.write)(*tick, decimals))
            .collect()
    }
}

#[cfg(test)]
impl Numbers<'static> {
    /// Numbers as Rust writes them (`{}`), for the charts' own tests.
    pub(crate) fn plain() -> Self {
        Numbers {
            write: Box::new(|value, _| format!("{value}")),
            decimals: 0,
            unit: "units".to_string(),
        }
    }

    /// Numbers in scientific notation, to see extreme values in the charts' tests.
    pub(crate) fn scientific() -> Self {
        Numbers {
            write: Box::new(|value, _| format!("{value:e}")),
            decimals: 0,
            unit: "units".to_string(),
        }
    }
}

/// The fewest decimals, at most 4, that write each of `ticks` exactly: none for `0, 20, 40`,
/// one for `0, 2.5, 5`.
fn tick_decimals(ticks: &[f64]) -> u8 {
    (0..4)
        .find(|&decimals| {
            let scale = 10f64.powi(i32::from(decimals));
            ticks
                .iter()
                .all(|tick| ((tick * scale).round() - tick * scale).abs() < 1e-6)
        })
        .unwrap_or(4)
}

/// Vertical grid lines at `ticks` on the scale `x`, each labelled under the plot.
fn vertical_grid(
    x: &scale::Scale,
    ticks: &[f64],
    top: f64,
    bottom: f64,
    numbers: &Numbers<'_>,
) -> String {
    let mut svg = String::new();
    for (&tick, label) in ticks.iter().zip(numbers.ticks(ticks)) {
        let tx = x.at(tick);
        svg += &format!(
            r#"<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="chart-grid"/>"#,
            n(tx),
            n(top),
            n(bottom)
        );
        svg += &text(tx, bottom + 18.0, "middle", "chart-tick", &label);
    }
    svg
}

/// A coordinate with one decimal: small files, identical across builds. Scales keep
/// coordinates finite; a non-finite one would still be written as 0, never as `NaN`.
fn n(value: f64) -> String {
    if !value.is_finite() {
        return "0".to_string();
    }
    let text = format!("{value:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// The height of a line of the provenance foot, and the width of one of its characters on
/// average (13 user units), to break the line where it would overflow the chart.
const FOOT_LINE: f64 = 17.0;
const FOOT_CHAR: f64 = 7.0;

/// The opening of a chart in `layout` whose plot is `height` high: the `<svg>` element, with
/// room for the provenance foot below the plot, its title and its description.
fn open(meta: &Meta, kind: &str, layout: Layout, height: f64) -> String {
    let foot = foot_lines(meta, layout.width).len() as f64;
    let foot_height = if foot > 0.0 {
        8.0 + foot * FOOT_LINE
    } else {
        0.0
    };
    svg_open(meta, kind, layout.width, height + foot_height, Some(layout))
}

/// The end of a chart opened with [`open`]: the provenance foot below the plot.
fn close(meta: &Meta, layout: Layout, height: f64) -> String {
    let mut svg = String::from(r#"<g class="chart-provenance">"#);
    for (index, line) in foot_lines(meta, layout.width).iter().enumerate() {
        let y = height + 4.0 + (index + 1) as f64 * FOOT_LINE;
        // A size of its own, for a chart saved without the page's stylesheet.
        let _ = write!(
            svg,
            r#"<text x="0" y="{}" font-size="13">{}</text>"#,
            n(y),
            escape(line)
        );
    }
    svg + "</g></svg>"
}

/// The provenance line broken into lines that fit `width`, at spaces.
fn foot_lines(meta: &Meta, width: f64) -> Vec<String> {
    let Some(provenance) = &meta.provenance else {
        return Vec::new();
    };
    let fits = ((width / FOOT_CHAR).floor() as usize).max(20);
    let mut lines: Vec<String> = Vec::new();
    for word in provenance.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= fits => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// The opening of a chart too small for a foot (a sparkline, a progress bar), which lives in
/// a table or figure that says where its figures come from: the provenance is only in its
/// description. Drawn once, it scales with its box.
fn open_compact(meta: &Meta, kind: &str, width: f64, height: f64) -> String {
    svg_open(meta, kind, width, height, None)
}

/// The `<svg>` element of a chart `width` × `height`, with its title and description; a chart
/// drawn per layout says which (`layout-narrow`) and suffixes its ids with it, so the copies
/// of one chart on a page keep distinct ids.
fn svg_open(meta: &Meta, kind: &str, width: f64, height: f64, layout: Option<Layout>) -> String {
    let (id, layout_class) = match layout {
        Some(layout) => (
            escape(&format!("{}-{}", meta.id, layout.name)),
            format!(" layout-{}", layout.name),
        ),
        None => (escape(&meta.id), String::new()),
    };
    let desc = match &meta.provenance {
        Some(provenance) => format!("{} {provenance}", meta.desc),
        None => meta.desc.clone(),
    };
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}{layout_class}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>"#,
        w = n(width),
        h = n(height),
        title = escape(&meta.title),
        desc = escape(desc.trim()),
    );
    svg
}

/// ` data-pes="<id>"`: marks the part of a chart that shows one PES (a bar's row, a line and
/// its label, a heatmap row), so a visitor's own PES can be picked out; nothing without one.
fn data_pes(pes: Option<&str>) -> String {
    pes.map(|id| format!(r#" data-pes="{}""#, escape(id)))
        .unwrap_or_default()
}

/// The opening of the group holding one row of a chart, marked with its PES.
fn row_open(pes: Option<&str>) -> String {
    format!(r#"<g class="chart-row"{}>"#, data_pes(pes))
}

/// A text element; `anchor` is `start`, `middle` or `end`.
fn text(x: f64, y: f64, anchor: &str, class: &str, content: &str) -> String {
    format!(
        r#"<text x="{}" y="{}" text-anchor="{anchor}" class="{class}">{}</text>"#,
        n(x),
        n(y),
        escape(content)
    )
}

/// What a chart label shows and, when the chart shows less (an acronym, a cut name), the
/// full text: it becomes the label's `<title>`, shown on hover and read by screen readers.
#[derive(Debug, Clone, Copy)]
struct Label<'a> {
    shown: &'a str,
    full: Option<&'a str>,
}

/// A label cut to `max` characters; where it shows less than its full text, it comes in a
/// group whose `<title>` is the full text.
fn label(x: f64, y: f64, anchor: &str, class: &str, label: Label<'_>, max: usize) -> String {
    let shown = fit(label.shown, max);
    let full = label.full.unwrap_or(label.shown);
    let drawn = text(x, y, anchor, class, &shown);
    if shown == full {
        return drawn;
    }
    format!(
        r#"<g class="chart-name"><title>{}</title>{drawn}</g>"#,
        escape(full)
    )
}

/// Shortens a label to `max` characters, with an ellipsis, so it fits its column.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut short: String = label.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"<a & "b">"#), "&lt;a &amp; &quot;b&quot;&gt;");
    }

    #[test]
    fn a_row_is_marked_with_its_pes_escaped() {
        assert_eq!(row_open(None), r#"<g class="chart-row">"#);
        assert_eq!(
            row_open(Some("fr-ft")),
            r#"<g class="chart-row" data-pes="fr-ft">"#
        );
        assert_eq!(data_pes(Some(r#"a"b"#)), r#" data-pes="a&quot;b""#);
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.345), "12.3");
        assert_eq!(n(f64::NAN), "0");
    }

    /// Whether an SVG drew only finite numbers.
    pub(super) fn all_finite(svg: &str) -> bool {
        !svg.contains("NaN") && !svg.contains("inf")
    }
}
