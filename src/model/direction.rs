//! Which way a language is written, from CLDR through ICU4X, so a page in Arabic or Hebrew
//! reads right to left without a hand-kept list of languages.

use icu_locale::{Direction, LocaleDirectionality};
use icu_locale_core::LanguageIdentifier;
use serde::Serialize;

use crate::model::lang::Lang;

/// The writing direction of a language, as the HTML `dir` attribute names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TextDirection {
    #[serde(rename = "ltr")]
    LeftToRight,
    #[serde(rename = "rtl")]
    RightToLeft,
}

impl TextDirection {
    /// The value of the `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            TextDirection::LeftToRight => "ltr",
            TextDirection::RightToLeft => "rtl",
        }
    }
}

impl Lang {
    /// The direction of the language's likely script (Arabic script for `ar`, Latin for
    /// `fr`); left to right when CLDR does not know the language.
    pub fn direction(&self) -> TextDirection {
        let Ok(language) = LanguageIdentifier::try_from_str(self.as_str()) else {
            return TextDirection::LeftToRight;
        };
        match LocaleDirectionality::new_extended().get(&language) {
            Some(Direction::RightToLeft) => TextDirection::RightToLeft,
            _ => TextDirection::LeftToRight,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_hebrew_and_persian_read_right_to_left_and_the_rest_left_to_right() {
        for code in ["ar", "he", "fa", "ur"] {
            assert_eq!(
                Lang::new(code).direction(),
                TextDirection::RightToLeft,
                "{code}"
            );
        }
        for code in ["fr", "en", "es", "el", "ru", "zh", "xx", "?"] {
            assert_eq!(
                Lang::new(code).direction(),
                TextDirection::LeftToRight,
                "{code}"
            );
        }
    }
}
