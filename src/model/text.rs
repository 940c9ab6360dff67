//! Value types shared by every kind of content: translated text, dates, located values.

use super::lang::Lang;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use serde::{Deserialize, Deserializer};
pub use serde_saphyr::Spanned;

/// Text (or a list of texts) given once per site language: `{fr: …, en: …}`.
///
/// Each value keeps its position so a missing or unknown language can be pointed at.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Translated<T>(pub BTreeMap<String, Spanned<T>>);

impl<T> Translated<T> {
    /// The value in `lang`, if the author gave one.
    pub fn get(&self, lang: &Lang) -> Option<&T> {
        self.0.get(lang.as_str()).map(|spanned| &spanned.value)
    }
}

impl Translated<String> {
    /// The value in `lang`, or an empty string: validation has already reported a missing one.
    pub fn text(&self, lang: &Lang) -> &str {
        self.get(lang).map_or("", String::as_str)
    }
}

/// Marks a translated field in a generated JSON Schema, for `benchlearn schema` to list the
/// site's own languages in place of any two-letter key.
pub const TRANSLATED_SCHEMA_MARKER: &str = "x-benchlearn-translated";

/// In a JSON Schema, a map from language code to the value: `{fr: …, en: …}`.
impl<T: JsonSchema> JsonSchema for Translated<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Translated_{}", T::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<T>();
        let mut schema = json_schema!({
            "type": "object",
            "description": "One value per site language, keyed by language code: {fr: …, en: …}",
            "propertyNames": {"pattern": "^[a-z]{2}$"},
            "additionalProperties": value,
        });
        schema.insert(TRANSLATED_SCHEMA_MARKER.into(), true.into());
        schema
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

const DATE_FORMAT: &[time::format_description::FormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// The years a date of the content may fall in: wide enough for any history or plan of an
/// employment service, narrow enough to refuse slips (`0000-01-01`, `-2023-01-01`) that
/// would reach feeds and structured data.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl Date {
    /// Parses `YYYY-MM-DD`, the only date form the content format accepts, in [`DATE_YEARS`].
    pub fn parse(text: &str) -> Option<Date> {
        Self::parse_form(text).filter(|date| DATE_YEARS.contains(&date.year()))
    }

    /// Parses the `YYYY-MM-DD` form, whatever the year.
    fn parse_form(text: &str) -> Option<Date> {
        time::Date::parse(text.trim(), DATE_FORMAT).ok().map(Date)
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Today in UTC: used for "not in the future" checks and `benchlearn new`, never in output.
    pub fn today() -> Date {
        Date(time::OffsetDateTime::now_utc().date())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The format description has only numeric parts, which always format.
        match self.0.format(DATE_FORMAT) {
            Ok(text) => f.write_str(&text),
            Err(_) => Err(fmt::Error),
        }
    }
}

/// In a JSON Schema, a `YYYY-MM-DD` string.
impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, e.g. 2024-03-01",
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let Some(date) = Date::parse_form(&text) else {
            return Err(serde::de::Error::custom(format!(
                "`{text}` is not a date; expected YYYY-MM-DD, e.g. 2024-03-01"
            )));
        };
        if !DATE_YEARS.contains(&date.year()) {
            return Err(serde::de::Error::custom(format!(
                "`{text}` is out of range; expected a date from {}-01-01 to {}-12-31",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            )));
        }
        Ok(date)
    }
}

/// Whether an id or slug is safe in a URL and a file name: `a-z`, `0-9` and inner `-`.
pub fn is_valid_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_print() {
        let date = Date::parse("2020-02-03").expect("valid date");
        assert_eq!(date.to_string(), "2020-02-03");
        assert!(Date::parse("2020-13-01").is_none());
        assert!(Date::parse("03/02/2020").is_none());
        for out_of_range in ["0000-01-01", "-2023-01-01", "1899-12-31", "2101-01-01"] {
            assert!(Date::parse(out_of_range).is_none(), "{out_of_range}");
        }
        assert!(Date::parse("1900-01-01").is_some() && Date::parse("2100-12-31").is_some());
    }

    #[test]
    fn slugs_reject_paths() {
        assert!(is_valid_slug("job-coaching-2"));
        for bad in ["", "../etc", "a/b", "Caps", "é", "-a", "a-", "a--b", "a b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
