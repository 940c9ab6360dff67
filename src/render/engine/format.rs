//! The figures of the data written the way each language writes them, from CLDR through the
//! language's [`Formats`]: a value in its unit with its indicator's decimals (`48,2 %`,
//! `48.2%`), a signed change, a share of the way to a target.

use crate::i18n::formats::Formats;
use crate::model::data::{Unit, ValueFormat};

/// A value in its unit with the decimals of its indicator: `48,2 %` in French, `48.2%` in
/// English.
pub fn value(formats: &Formats, value: f64, format: ValueFormat) -> String {
    match format.unit {
        Unit::Percent => formats.percent(value, format.decimals),
        _ => formats.decimal(value, format.decimals),
    }
}

/// A difference between two values, signed unless it rounds to zero (`+1,2`, `-0,4`, `0,0`).
/// Percentages change by percentage points, which `points` words around the figure (the
/// `bench.points` UI string: `+1,2 pt`, `+1.2 pp`).
pub fn change(
    formats: &Formats,
    delta: f64,
    format: ValueFormat,
    points: impl FnOnce(&str) -> String,
) -> String {
    let figure = formats.signed_decimal(delta, format.decimals);
    match format.unit {
        Unit::Percent => points(&figure),
        _ => figure,
    }
}

/// A share as a whole percentage (`73 %`, `73%`), for progress towards a target.
pub fn share(formats: &Formats, ratio: f64) -> String {
    formats.percent(ratio * 100.0, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(code: &str) -> Formats {
        Formats::new(&code.parse().expect("a valid locale")).expect("compiled data")
    }

    const PERCENT: ValueFormat = ValueFormat {
        unit: Unit::Percent,
        decimals: 1,
    };

    #[test]
    fn values_keep_their_indicator_decimals() {
        let (fr, en) = (formats("fr"), formats("en"));
        assert_eq!(value(&fr, 48.0, PERCENT), "48,0\u{a0}%");
        assert_eq!(value(&en, 48.25, PERCENT), "48.2%");
        let count = ValueFormat {
            unit: Unit::Count,
            decimals: 0,
        };
        assert_eq!(value(&fr, 12500.0, count), "12\u{202f}500");
        assert_eq!(value(&en, 12500.0, count), "12,500");
    }

    #[test]
    fn changes_are_signed_and_percentages_change_by_points() {
        let en = formats("en");
        let points = |figure: &str| format!("{figure}\u{202f}pp");
        assert_eq!(change(&en, 1.26, PERCENT, points), "+1.3\u{202f}pp");
        assert_eq!(change(&en, -4.0, ValueFormat::SCORE, points), "-4.0");
        assert_eq!(change(&en, 0.0, ValueFormat::SCORE, points), "0.0");
        assert_eq!(share(&formats("fr"), 0.734), "73\u{a0}%");
    }
}
