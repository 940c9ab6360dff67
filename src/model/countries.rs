//! Country names in each site language, from CLDR: members name their country by its
//! ISO 3166-1 alpha-2 code (`NO`), and pages show "Norvège", "Norway" or "Noruega".

use std::collections::BTreeMap;

use icu_experimental::displaynames::{multi::RegionDisplayNames, DisplayNamesOptions};
use icu_locale_core::{subtags::Region, Locale};

use super::lang::Lang;

/// The CLDR names of the countries a site's members are in, in each site language: looked up
/// once per language when the site is checked or rendered, then shared by every page, search
/// record and download that shows a country. (ICU4X's name tables cannot be shared between
/// the threads that render pages; the few names a site needs can.)
#[derive(Debug, Default)]
pub struct CountryNames {
    names: BTreeMap<(String, Lang), String>,
}

impl CountryNames {
    /// The names of `codes` in each of `languages`; a language ICU cannot read has none (its
    /// code is reported where the site's languages are checked).
    pub fn new<'c>(languages: &[Lang], codes: impl IntoIterator<Item = &'c str>) -> CountryNames {
        let regions: Vec<(&str, Region)> = codes
            .into_iter()
            .filter_map(|code| Some((code, country(code)?)))
            .collect();
        let mut names = BTreeMap::new();
        for lang in languages {
            let Some(display) = names_in(lang) else {
                continue;
            };
            for (code, region) in &regions {
                if let Some(name) = display.of(*region) {
                    names.insert((code.to_string(), lang.clone()), name.to_string());
                }
            }
        }
        CountryNames { names }
    }

    /// The name of the country with ISO 3166-1 alpha-2 `code` in `lang`, if CLDR has one.
    pub fn name(&self, code: &str, lang: &Lang) -> Option<&str> {
        self.names
            .get(&(code.to_string(), lang.clone()))
            .map(String::as_str)
    }

    /// The name of `code` in `lang`, or the code itself where CLDR has none: validation has
    /// already reported a code no language names.
    pub fn shown(&self, code: &str, lang: &Lang) -> String {
        self.name(code, lang).unwrap_or(code).to_string()
    }

    /// Whether CLDR names `code` as a country in at least one of the languages.
    pub fn knows(&self, code: &str) -> bool {
        self.names.keys().any(|(known, _)| known == code)
    }
}

/// CLDR's region names in `lang`, if its code is a locale ICU can read.
fn names_in(lang: &Lang) -> Option<RegionDisplayNames> {
    let locale = Locale::try_from_str(lang.as_str()).ok()?;
    RegionDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default()).ok()
}

/// The region of a country code: two capital letters, and not CLDR's "unknown region" `ZZ`
/// nor its three-digit areas (`150` is Europe).
fn country(code: &str) -> Option<Region> {
    let two_capitals = code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase());
    if !two_capitals || code == "ZZ" {
        return None;
    }
    Region::try_from_str(code).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: [&str; 9] = ["NO", "KH", "XX", "ZZ", "no", "NOR", "150", "", "N"];

    fn names() -> CountryNames {
        CountryNames::new(&["fr", "en", "es"].map(Lang::new), CODES)
    }

    #[test]
    fn a_country_is_named_in_each_language() {
        let names = names();
        let no = |lang: &str| names.name("NO", &Lang::new(lang));
        assert_eq!(
            [no("fr"), no("en"), no("es")],
            [Some("Norvège"), Some("Norway"), Some("Noruega")]
        );
        assert_eq!(names.shown("KH", &Lang::new("fr")), "Cambodge");
    }

    #[test]
    fn codes_that_are_not_countries_have_no_name() {
        let names = names();
        for code in &CODES[2..] {
            assert!(!names.knows(code), "{code:?} is not a country");
            assert_eq!(names.shown(code, &Lang::new("en")), *code);
        }
    }
}
