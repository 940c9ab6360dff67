//! The numbers of the data (observations, KPI baselines, targets and actuals): finite and at
//! most [`LIMIT`] in size, so that every median, progress figure and chart computed from them
//! stays finite. A value outside the bound is refused where it is written, in YAML or CSV.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use super::text::Spanned;

/// The largest size a number of the data may have, positive or negative: 10¹⁵, a million
/// billion, far above any count or rate of an employment service and far below where
/// arithmetic on `f64` loses whole units or overflows.
pub const LIMIT: f64 = 1e15;

/// Why `value` cannot be a number of the data, if it cannot.
pub fn problem(value: f64) -> Option<String> {
    if value.is_nan() {
        Some("NaN is not a number; expected a value such as 48.2".to_string())
    } else if value.is_infinite() {
        let sign = if value < 0.0 { "-" } else { "" };
        Some(format!(
            "{sign}infinity is not a number; expected a value such as 48.2"
        ))
    } else if value.abs() > LIMIT {
        Some(format!(
            "{value:e} is too large; a value must be from -1e15 to 1e15"
        ))
    } else {
        None
    }
}

fn checked<E: serde::de::Error>(value: f64) -> Result<f64, E> {
    match problem(value) {
        Some(message) => Err(E::custom(message)),
        None => Ok(value),
    }
}

/// Reads a number of the data, refusing one [`problem`] finds (for `deserialize_with`).
pub fn plain<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    checked(f64::deserialize(deserializer)?)
}

/// Reads a number of the data with its position, refusing one [`problem`] finds.
pub fn spanned<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Spanned<f64>, D::Error> {
    let value = Spanned::<f64>::deserialize(deserializer)?;
    checked(value.value)?;
    Ok(value)
}

/// Reads a map from year to a number of the data (KPI targets and actuals).
pub fn spanned_by_year<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<i32, Spanned<f64>>, D::Error> {
    let map = BTreeMap::<i32, Checked>::deserialize(deserializer)?;
    Ok(map
        .into_iter()
        .map(|(year, value)| (year, value.0))
        .collect())
}

/// A value of a map read with [`spanned`].
struct Checked(Spanned<f64>);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        spanned(deserializer).map(Checked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_values_pass_and_absurd_ones_are_named() {
        for fine in [0.0, -3.5, 48.2, 1e15, -1e15, f64::MIN_POSITIVE] {
            assert_eq!(problem(fine), None, "{fine}");
        }
        assert_eq!(
            problem(1.6e308).as_deref(),
            Some("1.6e308 is too large; a value must be from -1e15 to 1e15")
        );
        assert!(problem(-1e16).is_some_and(|m| m.starts_with("-1e16 is too large")));
        assert!(problem(f64::NAN).is_some_and(|m| m.starts_with("NaN is not a number")));
        assert!(
            problem(f64::NEG_INFINITY).is_some_and(|m| m.starts_with("-infinity is not a number"))
        );
    }
}
