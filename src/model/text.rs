//! Value types shared by every kind of content: translated text, dates, located values.

use super::lang::Lang;
use super::typography::Typography;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

use serde::{Deserialize, Deserializer};
use serde_saphyr::Location;
pub use serde_saphyr::Spanned;

/// Text (or a list of texts) given once per site language: `{fr: …, en: …}`.
///
/// Each value keeps its position so a missing or unknown language can be pointed at. Each
/// value is written with its language's [`Typography`] as it is read, so every page, chart,
/// table and download that shows it gets the same, correct spacing.
#[derive(Debug, Clone)]
pub struct Translated<T>(pub BTreeMap<String, Spanned<T>>);

impl<'de, T: Deserialize<'de> + Typeset> Deserialize<'de> for Translated<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut by_lang = BTreeMap::<String, Spanned<T>>::deserialize(deserializer)?;
        for (lang, spanned) in &mut by_lang {
            spanned.value.typeset(Typography::of(lang));
        }
        Ok(Translated(by_lang))
    }
}

/// Text that takes its language's typography in place.
pub trait Typeset {
    fn typeset(&mut self, typography: Typography);
}

impl Typeset for String {
    fn typeset(&mut self, typography: Typography) {
        if let Cow::Owned(typeset) = typography.apply(self) {
            *self = typeset;
        }
    }
}

impl<T: Typeset> Typeset for Vec<T> {
    fn typeset(&mut self, typography: Typography) {
        for item in self {
            item.typeset(typography);
        }
    }
}

impl<T> Translated<T> {
    /// The value in `lang`, if the author gave one.
    pub fn get(&self, lang: &Lang) -> Option<&T> {
        self.0.get(lang.as_str()).map(|spanned| &spanned.value)
    }

    /// Translations read from a file other than YAML (the cells of a CSV row): their reader
    /// has checked their languages where they are written, so no position is kept.
    pub fn unplaced(values: impl IntoIterator<Item = (String, T)>) -> Self {
        let unplaced = |value| Spanned::new(value, Location::UNKNOWN, Location::UNKNOWN);
        Translated(
            values
                .into_iter()
                .map(|(lang, value)| (lang, unplaced(value)))
                .collect(),
        )
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

/// Text shown to readers that is either the same in every language or given per language:
/// a plain string (a proper name such as "Eurostat", shown as is on every page) or a
/// [`Translated`] map `{fr: …, en: …}`.
#[derive(Debug, Clone)]
pub enum Localized {
    /// One text for every language.
    Plain(String),
    /// One text per site language; validation checks that every language is there.
    Translated(Translated<String>),
}

impl Localized {
    /// The text for a page in `lang`: the plain text, or the translation into `lang` (empty
    /// when missing: validation has already reported it).
    pub fn text(&self, lang: &Lang) -> &str {
        match self {
            Localized::Plain(text) => text,
            Localized::Translated(texts) => texts.text(lang),
        }
    }

    /// The translations, for validation to check their languages; `None` for a plain text.
    pub fn translations(&self) -> Option<&Translated<String>> {
        match self {
            Localized::Plain(_) => None,
            Localized::Translated(texts) => Some(texts),
        }
    }
}

/// Reads a string or a map without buffering it, so that each translation keeps its position
/// (`#[serde(untagged)]` would buffer the map and lose them).
impl<'de> Deserialize<'de> for Localized {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocalizedVisitor;

        impl<'de> serde::de::Visitor<'de> for LocalizedVisitor {
            type Value = Localized;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a text, or one text per language such as {fr: …, en: …}")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Localized, E> {
                Ok(Localized::Plain(text.to_string()))
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Localized, E> {
                Err(E::custom(
                    "the value is empty; expected text, or one text per language such as {fr: …, en: …}",
                ))
            }

            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Localized, E> {
                Err(unquoted("a yes/no value"))
            }

            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Localized, E> {
                Err(unquoted("a number"))
            }

            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Localized, E> {
                Err(unquoted("a number"))
            }

            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Localized, E> {
                Err(unquoted("a number"))
            }

            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                map: M,
            ) -> Result<Localized, M::Error> {
                let deserializer = serde::de::value::MapAccessDeserializer::new(map);
                Translated::deserialize(deserializer).map(Localized::Translated)
            }
        }

        deserializer.deserialize_any(LocalizedVisitor)
    }
}

/// The error for an unquoted scalar that YAML reads as something other than text (`NO` is a
/// yes/no value, `2023` a number): its words are lost, so the author is asked for quotes.
fn unquoted<E: serde::de::Error>(what: &str) -> E {
    E::custom(format!(
        "YAML reads this as {what}, not a text; put the text in quotes, e.g. \"NO\""
    ))
}

/// In a JSON Schema, a string or the translated map (which `benchlearn schema` gives the
/// site's languages).
impl JsonSchema for Localized {
    fn schema_name() -> Cow<'static, str> {
        "Localized".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let translated = generator.subschema_for::<Translated<String>>();
        json_schema!({
            "description": "A text shown as is in every language (a proper name), or one text per site language: {fr: …, en: …}",
            "oneOf": [{"type": "string"}, translated],
        })
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
            return Err(serde::de::Error::custom(match out_of_range_part(&text) {
                Some(part) => format!("`{text}` is not a date: {part}"),
                None => format!("`{text}` is not a date; expected YYYY-MM-DD, e.g. 2024-03-01"),
            }));
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

/// [`is_valid_slug`] as a regular expression, for the JSON Schemas: editors flag a bad id
/// while the author types.
pub const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

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

/// Which part of a date written `YYYY-MM-DD` is out of range (`2024-13-01`: the month), if
/// the form is right and one part is wrong.
fn out_of_range_part(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return None;
    }
    let (year, month, day): (i32, u8, u8) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let Ok(month_of_year) = time::Month::try_from(month) else {
        return Some(format!(
            "the month {month:02} is out of range; expected 01 to 12"
        ));
    };
    let days = month_of_year.length(year);
    (day == 0 || day > days).then(|| {
        format!("the day {day:02} is out of range; {year}-{month:02} has days 01 to {days}")
    })
}

/// A valid slug made from a name an author gave (`Pratique été` → `pratique-ete`), to suggest
/// when the name itself is not one; `None` when nothing of it is left.
pub fn slug_from(name: &str) -> Option<String> {
    let slug = slug::slugify(name);
    is_valid_slug(&slug).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_parts_of_dates_are_named() {
        assert_eq!(
            out_of_range_part("2024-13-01").as_deref(),
            Some("the month 13 is out of range; expected 01 to 12")
        );
        assert_eq!(
            out_of_range_part("2023-02-29").as_deref(),
            Some("the day 29 is out of range; 2023-02 has days 01 to 28")
        );
        assert_eq!(out_of_range_part("2024-1-01"), None);
        assert_eq!(out_of_range_part("2024-03-01"), None);
    }

    #[test]
    fn names_become_slugs() {
        assert_eq!(slug_from("Pratique été").as_deref(), Some("pratique-ete"));
        assert_eq!(slug_from("!!"), None);
    }

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

    fn localized(yaml: &str) -> Result<Localized, String> {
        serde_saphyr::from_str::<BTreeMap<String, Localized>>(yaml)
            .map(|mut fields| fields.remove("a").expect("field a"))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn localized_text_is_plain_or_per_language() {
        let (fr, en) = (Lang::new("fr"), Lang::new("en"));
        let plain = localized("a: Eurostat").expect("a plain text");
        assert_eq!((plain.text(&fr), plain.text(&en)), ("Eurostat", "Eurostat"));
        assert!(plain.translations().is_none());
        let translated = localized("a: {fr: Registre, en: Register}").expect("a map");
        assert_eq!(translated.text(&fr), "Registre");
        assert_eq!(translated.text(&en), "Register");
        let position = &translated.translations().expect("translations").0["en"].referenced;
        assert_eq!((position.line(), position.column()), (1, 23));
    }

    #[test]
    fn localized_text_refuses_what_yaml_does_not_read_as_text() {
        for yaml in ["a: NO", "a: 2023", "a: [x]", "a:"] {
            assert!(localized(yaml).is_err(), "{yaml}");
        }
        assert!(localized("a: NO").unwrap_err().contains("quotes"));
    }

    #[test]
    fn slugs_reject_paths() {
        assert!(is_valid_slug("job-coaching-2"));
        for bad in ["", "../etc", "a/b", "Caps", "é", "-a", "a-", "a--b", "a b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
