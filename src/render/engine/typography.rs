//! French typography: the no-break spaces French puts before `: ; ! ?` and inside « », which
//! Markdown's smart punctuation does not know about.

/// U+00A0, before a colon.
const NBSP: char = '\u{a0}';
/// U+202F narrow no-break space, before `; ! ?` and inside guillemets.
const NNBSP: char = '\u{202f}';

/// Applies French spacing rules to plain text (never to code or URLs).
pub fn french(text: &str) -> String {
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

/// Whether the character before a punctuation mark ends a word (or is a space to replace).
fn ends_word(previous: Option<char>) -> bool {
    matches!(previous, Some(c) if c.is_alphanumeric() || c == ' ' || c == ')' || c == '»' || c == '’' || c == NBSP)
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
    fn leaves_times_and_urls_alone() {
        assert_eq!(french("à 10:30"), "à 10:30");
        assert_eq!(
            french("voir https://example.org"),
            "voir https://example.org"
        );
        assert_eq!(french("?!"), "?!");
    }
}
