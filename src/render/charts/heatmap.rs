//! Heatmaps: a grid of rows by columns, each cell shaded by a level (1–6) and carrying its
//! number, so the shade only repeats what the text says. A legend above the grid says what
//! each shade stands for; rows may come in groups, each under its name.

use super::{
    chars_in, close, each_layout, label, n, open, row_open, text, Label, Layout, Meta, CHAR,
};

/// One row: its label and, per column, a level (0 for none, 1–6) and the text to print, or
/// a gap.
#[derive(Debug, Clone)]
pub struct HeatmapRow {
    pub label: String,
    /// The full name behind a short label (a PES's name behind its acronym), shown on hover.
    pub full: Option<String>,
    pub cells: Vec<Option<(u8, String)>>,
    /// The PES of the row, written as `data-pes` so a visitor's own PES can be picked out.
    pub pes: Option<String>,
    /// The group of the row (a peer group): a row whose group differs from the row above
    /// starts a group, under its name.
    pub group: Option<String>,
}

/// A column heading: what the chart shows (an area's letter) and, where that is short, the
/// full name behind it, shown on hover and read by screen readers.
#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    pub full: Option<String>,
}

/// A heatmap with its column headings and its legend.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub meta: Meta,
    pub columns: Vec<Column>,
    pub rows: Vec<HeatmapRow>,
    /// What the shades measure (`score /6`), before the legend's swatches.
    pub legend_title: String,
    /// Each shade shown in the legend: its level and what it stands for (`4`, `3–4`).
    pub legend: Vec<(u8, String)>,
}

const CELL_H: f64 = 28.0;
const LEGEND: f64 = 52.0;
const HEAD: f64 = 26.0;
const GROUP_H: f64 = 26.0;
const SWATCH: f64 = 40.0;

/// Draws `chart` once per layout.
pub fn heatmap(chart: &Heatmap) -> String {
    each_layout(|layout| heatmap_in(chart, layout))
}

/// The CSS class of a cell's level: `heat-0` to `heat-6`.
fn level_class(level: u8) -> String {
    format!("heat-{}", level.min(6))
}

/// Whether row `index` starts a group: it has one, and the row above has another.
fn starts_group(rows: &[HeatmapRow], index: usize) -> bool {
    let group = rows.get(index).and_then(|r| r.group.as_ref());
    let above = index
        .checked_sub(1)
        .and_then(|i| rows.get(i))
        .and_then(|r| r.group.as_ref());
    group.is_some() && group != above
}

/// Draws `chart` for `layout`.
fn heatmap_in(chart: &Heatmap, layout: Layout) -> String {
    let width = layout.width;
    let label_chars = chart
        .rows
        .iter()
        .map(|r| r.label.chars().count())
        .max()
        .unwrap_or(1)
        .min(chars_in(width * 0.25));
    let label_width = CHAR * label_chars as f64 + 10.0;
    let cell_w = (width - label_width - 2.0) / chart.columns.len().max(1) as f64;
    let groups = (0..chart.rows.len())
        .filter(|i| starts_group(&chart.rows, *i))
        .count();
    let top = LEGEND + HEAD;
    let height = top + CELL_H * chart.rows.len() as f64 + GROUP_H * groups as f64 + 2.0;
    let mut svg = open(&chart.meta, "heatmap", layout, height);
    svg += &legend(chart, width);
    let column_chars = chars_in(cell_w - 4.0);
    for (c, column) in chart.columns.iter().enumerate() {
        svg += &label(
            label_width + cell_w * (c as f64 + 0.5),
            top - 8.0,
            "middle",
            "chart-tick",
            Label {
                shown: &column.label,
                full: column.full.as_deref(),
            },
            column_chars,
        );
    }
    let mut y = top;
    for (r, row) in chart.rows.iter().enumerate() {
        if starts_group(&chart.rows, r) {
            let name = row.group.as_deref().unwrap_or_default();
            svg += &text(0.0, y + GROUP_H - 8.0, "start", "chart-group", name);
            y += GROUP_H;
        }
        svg += &row_open(row.pes.as_deref());
        svg += &label(
            label_width - 8.0,
            y + CELL_H / 2.0 + 5.0,
            "end",
            "chart-label",
            Label {
                shown: &row.label,
                full: row.full.as_deref(),
            },
            label_chars,
        );
        for (c, cell) in row.cells.iter().enumerate() {
            let x = label_width + cell_w * c as f64;
            let (class, content) = match cell {
                Some((level, content)) => (level_class(*level), content.as_str()),
                None => ("heat-none".to_string(), "–"),
            };
            svg += &cell_box(x, y, cell_w, &class, content);
        }
        svg += "</g>";
        y += CELL_H;
    }
    svg += &close(&chart.meta, layout, height);
    svg
}

/// A shaded cell at (`x`, `y`) with its text.
fn cell_box(x: f64, y: f64, width: f64, class: &str, content: &str) -> String {
    let mut svg = format!(
        r#"<g class="chart-cell {class}"><rect x="{}" y="{}" width="{}" height="{}"/>"#,
        n(x + 1.0),
        n(y + 1.0),
        n((width - 2.0).max(0.5)),
        n(CELL_H - 2.0)
    );
    svg += &text(
        x + width / 2.0,
        y + CELL_H / 2.0 + 5.0,
        "middle",
        "chart-cell-text",
        content,
    );
    svg + "</g>"
}

/// The legend: what the shades measure, then a swatch per shade with what it stands for,
/// on as many swatches as fit the width (the rest are the chart's own cells' levels).
fn legend(chart: &Heatmap, width: f64) -> String {
    let mut svg = String::from(r#"<g class="chart-legend-scale">"#);
    svg += &text(0.0, 16.0, "start", "chart-legend", &chart.legend_title);
    let swatch = chart
        .legend
        .iter()
        .map(|(_, label)| CHAR * label.chars().count() as f64 + 12.0)
        .fold(SWATCH, f64::max)
        .min(width / chart.legend.len().max(1) as f64);
    for (index, (level, label)) in chart.legend.iter().enumerate() {
        svg += &cell_box(
            swatch * index as f64,
            22.0,
            swatch,
            &level_class(*level),
            label,
        );
    }
    svg + "</g>"
}

#[cfg(test)]
mod tests {
    use super::super::tests::all_finite;
    use super::*;

    #[test]
    fn any_grid_draws_finite_cells() {
        let meta = Meta {
            id: "h".into(),
            title: "t".into(),
            desc: "d".into(),
            provenance: None,
        };
        for (columns, rows) in [(0, 0), (1, 0), (0, 3), (40, 30)] {
            let chart = Heatmap {
                meta: meta.clone(),
                columns: (0..columns)
                    .map(|c| Column {
                        label: format!("column {c}"),
                        full: None,
                    })
                    .collect(),
                rows: (0..rows)
                    .map(|r| HeatmapRow {
                        label: format!("row {r}"),
                        cells: (0..columns)
                            .map(|c| (c % 3 != 0).then(|| (u8::MAX - c as u8, "x".to_string())))
                            .collect(),
                        pes: None,
                        full: None,
                        group: (r % 4 == 0).then(|| format!("group {r}")),
                    })
                    .collect(),
                legend_title: "score".into(),
                legend: (0..=6).map(|l| (l, l.to_string())).collect(),
            };
            let svg = heatmap(&chart);
            assert!(all_finite(&svg), "{columns}×{rows}: {svg}");
            assert!(!svg.contains("heat-255"), "levels above 6 are drawn as 6");
        }
    }

    #[test]
    fn a_legend_shows_every_shade_and_groups_are_named_once() {
        let row = |label: &str, group: &str| HeatmapRow {
            label: label.into(),
            full: Some(format!("{label} in full")),
            cells: vec![Some((3, "3.0".into())), None],
            pes: None,
            group: Some(group.into()),
        };
        let chart = Heatmap {
            meta: Meta {
                id: "h".into(),
                title: "t".into(),
                desc: "d".into(),
                provenance: None,
            },
            columns: ["A", "B"]
                .map(|id| Column {
                    label: id.into(),
                    full: Some(format!("Area {id}")),
                })
                .into(),
            rows: vec![row("X", "North"), row("Y", "North"), row("Z", "South")],
            legend_title: "score /6".into(),
            legend: (1..=6).map(|l| (l, l.to_string())).collect(),
        };
        let svg = heatmap(&chart);
        let narrow = svg.split("</svg>").next().unwrap();
        let legend = &narrow[narrow.find("chart-legend-scale").unwrap()..];
        let legend = &legend[..legend.find("</g></g>").unwrap()];
        assert!(legend.contains(">score /6</text>"));
        for level in 1..=6 {
            assert!(
                legend.contains(&format!("chart-cell heat-{level}")),
                "{level}"
            );
        }
        assert!(narrow.contains(r#"<g class="chart-name"><title>Area B</title><text"#));
        assert_eq!(narrow.matches(r#"class="chart-group">North<"#).count(), 1);
        assert_eq!(narrow.matches(r#"class="chart-group">South<"#).count(), 1);
    }
}
