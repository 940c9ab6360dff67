//! Numbers and periods written the way each language writes them (`48,2 %`, `48.2%`).

use crate::model::data::Unit;
use crate::model::lang::Lang;

const NNBSP: char = '\u{202f}';

/// A number with at most `decimals` decimals, grouped and punctuated for `lang`.
pub fn number(value: f64, decimals: usize, lang: &Lang) -> String {
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", text),
    };
    let (integer, fraction) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let (group, point) = match lang.as_str() {
        "fr" => (NNBSP.to_string(), ","),
        _ => (",".to_string(), "."),
    };
    let mut grouped = String::new();
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push_str(&group);
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}{point}{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// How many decimals a unit's values are printed with.
fn decimals(unit: Unit) -> usize {
    match unit {
        Unit::Count => 0,
        Unit::Ratio => 2,
        _ => 1,
    }
}

/// A value in its unit: `48,2 %` in French, `48.2%` in English.
pub fn value(value: f64, unit: Unit, lang: &Lang) -> String {
    let figure = number(value, decimals(unit), lang);
    match (unit, lang.as_str()) {
        (Unit::Percent, "fr") => format!("{figure}{NNBSP}%"),
        (Unit::Percent, _) => format!("{figure}%"),
        _ => figure,
    }
}

/// A difference between two values, always signed (`+1,2`, `−0,4`), in the value's unit:
/// percentages change by points (`pt` in French, `pp` in English).
pub fn change(delta: f64, unit: Unit, lang: &Lang) -> String {
    let digits = number(delta.abs(), decimals(unit), lang);
    let sign = if digits == "0" {
        "±"
    } else if delta < 0.0 {
        "−"
    } else {
        "+"
    };
    match unit {
        Unit::Percent => {
            let points = if lang == "fr" { "pt" } else { "pp" };
            format!("{sign}{digits}{NNBSP}{points}")
        }
        _ => format!("{sign}{digits}"),
    }
}

/// A share as a percentage with no decimals (`73 %`, `73%`), for progress figures.
pub fn share(ratio: f64, lang: &Lang) -> String {
    value((ratio * 100.0).round(), Unit::Count, lang) + if lang == "fr" { "\u{202f}%" } else { "%" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_write_numbers_their_way() {
        assert_eq!(
            value(48.2, Unit::Percent, &Lang::new("fr")),
            "48,2\u{202f}%"
        );
        assert_eq!(value(48.2, Unit::Percent, &Lang::new("en")), "48.2%");
        assert_eq!(
            value(12500.0, Unit::Count, &Lang::new("fr")),
            "12\u{202f}500"
        );
        assert_eq!(value(12500.0, Unit::Count, &Lang::new("en")), "12,500");
        assert_eq!(number(-3.0, 1, &Lang::new("en")), "-3");
        assert_eq!(number(0.25, 2, &Lang::new("fr")), "0,25");
    }

    #[test]
    fn changes_are_signed() {
        assert_eq!(
            change(1.26, Unit::Percent, &Lang::new("en")),
            "+1.3\u{202f}pp"
        );
        assert_eq!(change(-4.0, Unit::Days, &Lang::new("fr")), "−4");
        assert_eq!(change(0.0, Unit::Score, &Lang::new("en")), "±0");
        assert_eq!(share(0.734, &Lang::new("fr")), "73\u{202f}%");
    }
}
