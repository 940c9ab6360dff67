//! Typography per language: the spacing a language's orthography asks for and Markdown's
//! smart punctuation does not know about, such as the no-break spaces French puts before
//! `: ; ! ?` and `%` and inside « ».
//!
//! It applies to text a person reads — prose, UI strings, names and notes from the data, chart
//! descriptions — never to code, URLs or identifiers, which callers keep away from it.

use std::borrow::Cow;

use super::lang::Lang;

/// The spacing rules a language's text is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typography {
    /// Spacing as typed: what CLDR-formatted numbers and most languages need.
    AsTyped,
    /// French rules: no-break spaces before `: ; ! ? %` and inside guillemets.
    French,
}

/// The languages (primary subtags) whose text follows [`Typography::French`].
const FRENCH_SPACING: &[&str] = &["fr"];

impl Typography {
    /// The rules for text in `lang`, from its primary language subtag (`fr`, `fr-BE`, `fr-CH`).
    pub fn of(lang: &str) -> Typography {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        if FRENCH_SPACING
            .iter()
            .any(|code| code.eq_ignore_ascii_case(primary))
        {
            Typography::French
        } else {
            Typography::AsTyped
        }
    }

    /// The rules for text in a site language.
    pub fn of_lang(lang: &Lang) -> Typography {
        Typography::of(lang.as_str())
    }

    /// `text` with these rules applied; borrowed when nothing changes.
    pub fn apply<'a>(self, text: &'a str) -> Cow<'a, str> {
        match self {
            Typography::AsTyped => Cow::Borrowed(text),
            Typography::French => Cow::Owned(french(text)),
        }
    }
}

/// U+00A0, before a colon.
const NBSP: char = '\u{a0}';
/// U+202F narrow no-break space, before `; ! ?` and inside guillemets.
const NNBSP: char = '\u{202f}';

/// Applies French spacing rules to plain text (never to code or URLs).
fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (index, &c) in chars.iter().enumerate() {
        let previous = index.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(index + 1).copied();
        match c {
            '“' => {
                out.push('«');
                out.push(NNBSP);
            }
            '”' => {
                push_space_before(&mut out, NNBSP);
                out.push('»');
            }
            '«' => {
                out.push('«');
                if next != Some(' ') && next != Some(NNBSP) && next != Some(NBSP) {
                    out.push(NNBSP);
                }
            }
            ' ' if previous == Some('«') => out.push(NNBSP),
            '»' => {
                push_space_before(&mut out, NNBSP);
                out.push('»');
            }
            ':' if ends_word(previous) && starts_gap(next) => {
                push_space_before(&mut out, NBSP);
                out.push(':');
            }
            '%' if ends_figure(&out) => {
                // A no-break space already there (CLDR's, in a formatted percentage) stays.
                if !out.ends_with([NBSP, NNBSP]) {
                    push_space_before(&mut out, NNBSP);
                }
                out.push('%');
            }
            ';' if ends_character_reference(&chars[..index]) => out.push(';'),
            ';' | '!' | '?' if ends_word(previous) && starts_gap(next) => {
                push_space_before(&mut out, NNBSP);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Replaces a plain space just written with `space`, or adds `space` after a word.
fn push_space_before(out: &mut String, space: char) {
    match out.chars().last() {
        Some(' ') | Some(NBSP) | Some(NNBSP) => {
            out.pop();
            out.push(space);
        }
        Some(_) => out.push(space),
        None => {}
    }
}

/// Whether `before` ends with `&name` or `&#123`: the `;` after it closes a character reference
/// written out as text (`&gt;`), not a clause.
fn ends_character_reference(before: &[char]) -> bool {
    let name = before
        .iter()
        .rev()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && before.len() > name && before[before.len() - name - 1] == '&'
}

/// Whether the text written so far ends with a digit, or a digit and one space: the figure a
/// following `%` belongs to (`44,2 %`, `44,2%`).
fn ends_figure(out: &str) -> bool {
    let mut last = out.chars().rev();
    match last.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some(' ' | NBSP | NNBSP) => last.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Whether the character before a punctuation mark ends a word (or is a space to replace).
fn ends_word(previous: Option<char>) -> bool {
    matches!(previous, Some(c) if c.is_alphanumeric() || matches!(c, ' ' | ')' | '»' | '”' | '’' | NBSP))
}

/// Whether the punctuation mark is followed by a space, a line end or more punctuation, so that
/// `10:30`, `http://` and `a:b` stay as they are.
fn starts_gap(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => c.is_whitespace() || matches!(c, '!' | '?' | ')' | '»' | '”' | '.' | ','),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_double_punctuation() {
        assert_eq!(french("Pourquoi ?"), "Pourquoi\u{202f}?");
        assert_eq!(french("Pourquoi?"), "Pourquoi\u{202f}?");
        assert_eq!(french("Résultats : bons"), "Résultats\u{a0}: bons");
        assert_eq!(french("Bravo !"), "Bravo\u{202f}!");
        assert_eq!(french("un ; deux"), "un\u{202f}; deux");
    }

    #[test]
    fn guillemets_get_inner_spaces() {
        assert_eq!(french("« mot »"), "«\u{202f}mot\u{202f}»");
        assert_eq!(french("«mot»"), "«\u{202f}mot\u{202f}»");
        assert_eq!(french("“mot”"), "«\u{202f}mot\u{202f}»");
    }

    #[test]
    fn percent_signs_follow_their_figure_with_a_narrow_space() {
        assert_eq!(french("74,0 % et 67,6%"), "74,0\u{202f}% et 67,6\u{202f}%");
        assert_eq!(french("100\u{202f}%"), "100\u{202f}%");
        assert_eq!(french("44,2\u{a0}%"), "44,2\u{a0}%");
        assert_eq!(french("taux en %"), "taux en %");
    }

    #[test]
    fn character_references_written_as_text_keep_their_semicolon() {
        assert_eq!(
            french("a &gt; b &amp; c &#38; d"),
            "a &gt; b &amp; c &#38; d"
        );
        assert_eq!(french("fin ; et & ; x"), "fin\u{202f}; et &\u{202f}; x");
    }

    #[test]
    fn the_rules_are_applied_again_without_change() {
        for text in ["« mot » : oui ; non ! 44 %", "“mot”?", "Pourquoi ?"] {
            assert_eq!(french(&french(text)), french(text), "{text}");
        }
    }

    #[test]
    fn languages_choose_their_rules() {
        assert_eq!(Typography::of("fr"), Typography::French);
        assert_eq!(Typography::of("fr-CH"), Typography::French);
        assert_eq!(Typography::of("en"), Typography::AsTyped);
        assert_eq!(Typography::of("es").apply("¿Qué? 5 %"), "¿Qué? 5 %");
    }

    #[test]
    fn leaves_times_and_urls_alone() {
        assert_eq!(french("à 10:30"), "à 10:30");
        assert_eq!(
            french("voir https://example.org"),
            "voir https://example.org"
        );
        assert_eq!(french("?!"), "?!");
    }
}
