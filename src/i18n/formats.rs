//! How each site language writes numbers, percentages, dates and counts: CLDR's formats for
//! its locale, through ICU4X's compiled data. Built once per language when rendering starts
//! and shared by every page, since building a formatter costs far more than using it.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use fixed_decimal::{Decimal, SignDisplay};
use icu_datetime::fieldsets::{MD, YMD};
use icu_datetime::input::Date as IcuDate;
use icu_datetime::DateTimeFormatter;
use icu_decimal::DecimalFormatter;
use icu_experimental::dimension::percent::formatter::PercentFormatter;
use icu_locale::LocaleExpander;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use writeable::{Part, PartsWrite, Writeable};

use crate::model::lang::Lang;
use crate::model::text::Date;

/// The CLDR formats of one locale: decimal and percent numbers, long dates, plural categories.
#[derive(Debug)]
pub struct Formats {
    decimal: DecimalFormatter,
    percent: PercentFormatter<DecimalFormatter>,
    date: DateTimeFormatter<YMD>,
    month_day: DateTimeFormatter<MD>,
    plurals: PluralRules,
    open_graph: Option<String>,
}

impl Formats {
    /// The formats of `locale`, or why ICU4X could not build them.
    pub fn new(locale: &Locale) -> Result<Formats, String> {
        let problem = |error: &dyn fmt::Display| format!("no CLDR formats for `{locale}`: {error}");
        Ok(Formats {
            decimal: DecimalFormatter::try_new(locale.into(), Default::default())
                .map_err(|e| problem(&e))?,
            percent: PercentFormatter::try_new(locale.into(), Default::default())
                .map_err(|e| problem(&e))?,
            date: DateTimeFormatter::try_new(locale.into(), YMD::long())
                .map_err(|e| problem(&e))?,
            month_day: DateTimeFormatter::try_new(locale.into(), MD::long())
                .map_err(|e| problem(&e))?,
            plurals: PluralRules::try_new_cardinal(locale.into()).map_err(|e| problem(&e))?,
            open_graph: open_graph_locale(locale),
        })
    }

    /// The locale as Open Graph names it, language and territory (`fr_FR`; `en_GB` for a
    /// site that writes English as `en-GB`, `en_US` for plain `en`, CLDR's likely region).
    pub fn open_graph_locale(&self) -> Option<&str> {
        self.open_graph.as_deref()
    }

    /// `value` with exactly `decimals` decimals (`1 234,50`), trailing zeros kept so that
    /// the values of one indicator line up.
    pub fn decimal(&self, value: f64, decimals: u8) -> String {
        self.write(value, decimals, |d| self.decimal.format(d).to_string())
    }

    /// Like [`Formats::decimal`], with a sign unless the rounded value is zero (`+1,3`, `-0,4`,
    /// `0,0`): a change.
    pub fn signed_decimal(&self, value: f64, decimals: u8) -> String {
        self.write(value, decimals, |d| {
            let mut signed = d.clone();
            signed.apply_sign_display(SignDisplay::ExceptZero);
            self.decimal.format(&signed).to_string()
        })
    }

    /// A percentage given in percent (`44.2` → `44,2 %` in French, `44.2%` in English), with
    /// exactly `decimals` decimals.
    pub fn percent(&self, value: f64, decimals: u8) -> String {
        self.write(value, decimals, |d| self.percent.format(d).to_string())
    }

    /// A whole number, such as a count (`1 234`).
    pub fn integer(&self, value: usize) -> String {
        self.decimal.format(&Decimal::from(value)).to_string()
    }

    /// The plural category of a count, which picks the form of a counting UI string.
    pub fn plural_category(&self, count: usize) -> PluralCategory {
        self.plurals.category_for(count)
    }

    /// Rounds `value` to `decimals` places and formats it with `write`; a value no decimal
    /// can hold (never one of the checked data) comes out as Rust writes it.
    fn write(&self, value: f64, decimals: u8, write: impl Fn(&Decimal) -> String) -> String {
        let digits = usize::from(decimals);
        let text = format!("{value:.digits$}");
        match Decimal::try_from_str(&text) {
            Ok(mut decimal) => {
                if decimal.absolute.is_zero() {
                    // `-0.0` (a small negative value rounded) is written as zero.
                    decimal.sign = fixed_decimal::Sign::None;
                }
                write(&decimal)
            }
            Err(_) => text,
        }
    }

    /// Day, month and year in the locale's long form (`3 février 2020`, `3 February 2020`
    /// for `en-GB`, `February 3, 2020` for `en`).
    pub fn date(&self, date: Date) -> String {
        match icu_date(date) {
            Some(icu) => self.date.format(&icu).to_string(),
            None => date.to_string(),
        }
    }

    /// A span of days in the long form, sharing what the two ends share: `3–5 février 2020`,
    /// `28 février – 3 mars 2020`, `30 décembre 2020 – 2 janvier 2021`; one date when they
    /// are the same day.
    ///
    /// ICU4X 2.4's range formatter is unstable and fails on long month names, so the range is
    /// built from the long form's own parts: its day and year, as the locale writes them.
    pub fn date_range(&self, start: Date, end: Date) -> String {
        let (Some(first), Some(last)) = (icu_date(start), icu_date(end)) else {
            return format!("{start} – {end}");
        };
        let from = parts_of(&self.date.format(&first));
        let to = parts_of(&self.date.format(&last));
        if from.text == to.text {
            return to.text;
        }
        if let (Some(day_from), Some(day_to)) = (from.range(DAY), to.range(DAY)) {
            let same_month_and_year = from.text[..day_from.start] == to.text[..day_to.start]
                && from.text[day_from.end..] == to.text[day_to.end..];
            if same_month_and_year {
                return format!(
                    "{}{}–{}",
                    &to.text[..day_to.start],
                    &from.text[day_from],
                    &to.text[day_to.start..]
                );
            }
        }
        if from.slice(YEAR).is_some() && from.slice(YEAR) == to.slice(YEAR) {
            let month_day = self.month_day.format(&first).to_string();
            return format!("{month_day} – {}", to.text);
        }
        format!("{} – {}", from.text, to.text)
    }
}

/// `locale` with its region, or the region CLDR finds likely for its language, as `ll_RR`.
fn open_graph_locale(locale: &Locale) -> Option<String> {
    let mut id = locale.id.clone();
    LocaleExpander::new_common().maximize(&mut id);
    Some(format!("{}_{}", id.language, id.region?))
}

/// The day and year parts of a formatted date.
const DAY: Part = icu_datetime::parts::DAY;
const YEAR: Part = icu_datetime::parts::YEAR;

/// A model date as ICU4X's ISO date; `None` never happens for a date that parsed.
fn icu_date(date: Date) -> Option<IcuDate<icu_calendar::Iso>> {
    IcuDate::try_new_iso(date.year(), date.0.month() as u8, date.0.day()).ok()
}

/// Formatted text with where each annotated part of it lies.
#[derive(Default)]
struct Parts {
    text: String,
    parts: Vec<(Part, Range<usize>)>,
}

impl Parts {
    /// Where the first `part` lies in the text.
    fn range(&self, part: Part) -> Option<Range<usize>> {
        self.parts
            .iter()
            .find(|(p, _)| *p == part)
            .map(|(_, range)| range.clone())
    }

    /// The text of the first `part`.
    fn slice(&self, part: Part) -> Option<&str> {
        self.range(part).and_then(|range| self.text.get(range))
    }
}

impl fmt::Write for Parts {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.text.push_str(s);
        Ok(())
    }
}

impl PartsWrite for Parts {
    type SubPartsWrite = Self;

    fn with_part(
        &mut self,
        part: Part,
        mut f: impl FnMut(&mut Self) -> fmt::Result,
    ) -> fmt::Result {
        let start = self.text.len();
        f(self)?;
        self.parts.push((part, start..self.text.len()));
        Ok(())
    }
}

fn parts_of(formatted: &impl Writeable) -> Parts {
    let mut parts = Parts::default();
    // Writing to a String cannot fail.
    let _ = formatted.write_to_parts(&mut parts);
    parts
}

/// Whether CLDR, as compiled into ICU4X, has data for `locale`'s language. ICU4X falls back
/// to the root locale for a language it has no data for, whose months are `M01`…`M12`: a
/// language writes a date like the root locale only when it is not in the data.
pub fn knows(locale: &Locale) -> bool {
    let root = Locale::UNKNOWN;
    let sample = Date::parse("2020-02-03");
    let long = |locale: &Locale| {
        let formatter = DateTimeFormatter::try_new(locale.into(), YMD::long()).ok()?;
        Some(formatter.format(&icu_date(sample?)?).to_string())
    };
    locale.id.language != root.id.language && long(locale) != long(&root)
}

/// The formats of every site language, keyed by language.
#[derive(Debug)]
pub struct SiteFormats {
    by_lang: BTreeMap<Lang, Formats>,
    /// The root locale's, for a language the site does not declare (never asked for).
    root: Formats,
}

impl SiteFormats {
    /// Builds the formats of each `(language, locale)`; the problems are ICU4X's.
    pub fn new<'a>(
        locales: impl IntoIterator<Item = (&'a Lang, &'a Locale)>,
    ) -> Result<SiteFormats, String> {
        let by_lang = locales
            .into_iter()
            .map(|(lang, locale)| Ok((lang.clone(), Formats::new(locale)?)))
            .collect::<Result<_, String>>()?;
        Ok(SiteFormats {
            by_lang,
            root: Formats::new(&Locale::UNKNOWN)?,
        })
    }

    /// The formats of `lang`.
    pub fn get(&self, lang: &str) -> &Formats {
        self.by_lang.get(lang).unwrap_or(&self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats(code: &str) -> Formats {
        let locale: Locale = code.parse().expect("a valid locale");
        Formats::new(&locale).expect("compiled data")
    }

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a valid date")
    }

    #[test]
    fn numbers_keep_their_decimals_and_the_locale_punctuation() {
        let (fr, en, es) = (formats("fr"), formats("en"), formats("es"));
        assert_eq!(fr.decimal(12500.0, 0), "12\u{202f}500");
        assert_eq!(en.decimal(12500.0, 0), "12,500");
        assert_eq!(fr.decimal(48.0, 1), "48,0");
        assert_eq!(en.decimal(0.25, 2), "0.25");
        assert_eq!(es.decimal(1234.5, 1), "1234,5");
        assert_eq!(en.decimal(-0.04, 1), "0.0");
        assert_eq!(fr.percent(44.2, 1), "44,2\u{a0}%");
        assert_eq!(en.percent(44.2, 1), "44.2%");
        assert_eq!(es.percent(44.2, 1), "44,2\u{a0}%");
        assert_eq!(en.signed_decimal(1.26, 1), "+1.3");
        assert_eq!(en.signed_decimal(-4.0, 0), "-4");
        assert_eq!(en.signed_decimal(0.01, 1), "0.0");
    }

    #[test]
    fn dates_and_ranges_follow_the_locale() {
        let (fr, gb, us, es) = (
            formats("fr"),
            formats("en-GB"),
            formats("en"),
            formats("es"),
        );
        assert_eq!(fr.date(date("2020-02-03")), "3 février 2020");
        assert_eq!(gb.date(date("2020-02-03")), "3 February 2020");
        assert_eq!(us.date(date("2020-02-03")), "February 3, 2020");
        let (start, end) = (date("2020-02-03"), date("2020-02-05"));
        assert_eq!(fr.date_range(start, end), "3–5 février 2020");
        assert_eq!(gb.date_range(start, end), "3–5 February 2020");
        assert_eq!(us.date_range(start, end), "February 3–5, 2020");
        assert_eq!(es.date_range(start, end), "3–5 de febrero de 2020");
        assert_eq!(fr.date_range(start, start), "3 février 2020");
        assert_eq!(
            fr.date_range(date("2020-02-28"), date("2020-03-03")),
            "28 février – 3 mars 2020"
        );
        assert_eq!(
            gb.date_range(date("2020-12-30"), date("2021-01-02")),
            "30 December 2020 – 2 January 2021"
        );
    }

    #[test]
    fn only_languages_with_cldr_data_are_known() {
        for known in ["fr", "en", "es", "en-GB", "ar", "ja"] {
            assert!(knows(&known.parse().expect("valid")), "{known}");
        }
        for unknown in ["zz", "xx", "und"] {
            assert!(!knows(&unknown.parse().expect("valid")), "{unknown}");
        }
    }

    #[test]
    fn counts_take_the_language_plural_category() {
        let (fr, en) = (formats("fr"), formats("en"));
        assert_eq!(fr.plural_category(0), PluralCategory::One);
        assert_eq!(en.plural_category(0), PluralCategory::Other);
        assert_eq!(en.plural_category(1), PluralCategory::One);
        assert_eq!(fr.integer(1234), "1\u{202f}234");
    }

    #[test]
    fn open_graph_locales_take_the_given_or_likely_region() {
        assert_eq!(formats("fr").open_graph_locale(), Some("fr_FR"));
        assert_eq!(formats("en").open_graph_locale(), Some("en_US"));
        assert_eq!(formats("en-GB").open_graph_locale(), Some("en_GB"));
        assert_eq!(formats("es").open_graph_locale(), Some("es_ES"));
    }
}
