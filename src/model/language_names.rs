//! Language names in each site language, from CLDR ("anglais", "English", "inglés"): the
//! columns of the downloads that hold a text per language (`note.en`) are named with them.

use icu_experimental::displaynames::{multi::LanguageDisplayNames, DisplayNamesOptions};
use icu_locale_core::{subtags::Language, Locale};

use super::lang::Lang;

/// The CLDR name of `language` in `shown_in`, where both are codes ICU reads and CLDR names it.
pub fn language_name(language: &Lang, shown_in: &Lang) -> Option<String> {
    let locale = Locale::try_from_str(shown_in.as_str()).ok()?;
    let names =
        LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default()).ok()?;
    let language = Language::try_from_str(language.as_str()).ok()?;
    names.of(language).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_as_each_language_names_them() {
        let name = |of: &str, shown_in: &str| language_name(&Lang::new(of), &Lang::new(shown_in));
        assert_eq!(name("en", "fr").as_deref(), Some("anglais"));
        assert_eq!(name("fr", "en").as_deref(), Some("French"));
        assert_eq!(name("fr", "es").as_deref(), Some("francés"));
        assert_eq!(name("en", "not a code"), None);
    }
}
