//! Heatmaps: a grid of rows by columns, each cell shaded by a level (1–6) and carrying its
//! number, so the shade only repeats what the text says.

use super::{close, fit, n, open, row_open, text, Meta};

/// One row: its label and, per column, a level (0 for none, 1–6) and the text to print, or
/// a gap.
#[derive(Debug, Clone)]
pub struct HeatmapRow {
    pub label: String,
    pub cells: Vec<Option<(u8, String)>>,
    /// The PES of the row, written as `data-pes` so a visitor's own PES can be picked out.
    pub pes: Option<String>,
}

/// A heatmap with its column headings.
#[derive(Debug, Clone)]
pub struct Heatmap {
    pub meta: Meta,
    pub columns: Vec<String>,
    pub rows: Vec<HeatmapRow>,
}

const LABEL: f64 = 64.0;
const CELL_W: f64 = 46.0;
const CELL_H: f64 = 24.0;
const TOP: f64 = 22.0;

/// Draws `chart`.
pub fn heatmap(chart: &Heatmap) -> String {
    let width = LABEL + CELL_W * chart.columns.len() as f64 + 2.0;
    let height = TOP + CELL_H * chart.rows.len() as f64 + 2.0;
    let mut svg = open(&chart.meta, "heatmap", width, height);
    for (c, column) in chart.columns.iter().enumerate() {
        svg += &text(
            LABEL + CELL_W * (c as f64 + 0.5),
            TOP - 7.0,
            "middle",
            "chart-tick",
            &fit(column, 6),
        );
    }
    for (r, row) in chart.rows.iter().enumerate() {
        let y = TOP + CELL_H * r as f64;
        svg += &row_open(row.pes.as_deref());
        svg += &text(
            LABEL - 6.0,
            y + CELL_H / 2.0 + 4.0,
            "end",
            "chart-label",
            &fit(&row.label, 9),
        );
        for (c, cell) in row.cells.iter().enumerate() {
            let x = LABEL + CELL_W * c as f64;
            let (class, content) = match cell {
                Some((level, content)) => (format!("heat-{}", level.min(&6)), content.as_str()),
                None => ("heat-none".to_string(), "–"),
            };
            svg += &format!(
                r#"<g class="chart-cell {class}"><rect x="{}" y="{}" width="{}" height="{}"/>"#,
                n(x + 1.0),
                n(y + 1.0),
                n(CELL_W - 2.0),
                n(CELL_H - 2.0)
            );
            svg += &text(
                x + CELL_W / 2.0,
                y + CELL_H / 2.0 + 4.0,
                "middle",
                "chart-cell-text",
                content,
            );
            svg += "</g>";
        }
        svg += "</g>";
    }
    svg += &close(&chart.meta, width, height);
    svg
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
                columns: (0..columns).map(|c| format!("column {c}")).collect(),
                rows: (0..rows)
                    .map(|r| HeatmapRow {
                        label: format!("row {r}"),
                        cells: (0..columns)
                            .map(|c| (c % 3 != 0).then(|| (u8::MAX - c as u8, "x".to_string())))
                            .collect(),
                        pes: None,
                    })
                    .collect(),
            };
            let svg = heatmap(&chart);
            assert!(all_finite(&svg), "{columns}×{rows}: {svg}");
            assert!(!svg.contains("heat-255"), "levels above 6 are drawn as 6");
        }
    }
}
