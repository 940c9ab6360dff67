//! Flow collections in YAML text — a list `[a, b]` or a mapping `{a: 1}` written with
//! brackets — whose bracket is never closed or is closed by the other kind. The parser notices
//! such a bracket only where the text after it stops making sense, often on a line below and
//! in words about something else (`illegal placement of ':' indicator`); this finds the bracket
//! itself, and closes it in a working copy of the text so that reading goes on past it.

use super::recovery::key_line;

/// A bracket that opens a flow collection: `[` or `{`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// 1-based line of the text.
    pub line: usize,
    /// Byte index of the bracket in its line.
    pub byte: usize,
    pub bracket: char,
}

/// A place in the text: 1-based line and byte index in that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub line: usize,
    pub byte: usize,
}

/// A flow collection whose brackets do not pair up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unbalanced {
    /// Opened and never closed: the next line starts a new field or item, or the text ends.
    Unclosed {
        /// The innermost bracket left open.
        opening: Opening,
        /// Every bracket left open, outermost first.
        open: Vec<Opening>,
        /// Just after the collection's last value, where the closing brackets belong.
        end: At,
    },
    /// Closed by the bracket of the other kind: `[a, b}`.
    Mismatched {
        opening: Opening,
        /// The wrong closing bracket.
        closing: At,
        found: char,
    },
}

impl Unbalanced {
    /// The bracket the problem is about.
    pub fn opening(&self) -> Opening {
        match self {
            Unbalanced::Unclosed { opening, .. } | Unbalanced::Mismatched { opening, .. } => {
                *opening
            }
        }
    }
}

/// The bracket that closes `open`.
pub fn closer(open: char) -> char {
    if open == '[' {
        ']'
    } else {
        '}'
    }
}

/// The first flow collection of `text` whose brackets do not pair up, if any. Quoted text and
/// comments are skipped; a bracket inside a plain value (`title: Guide [draft]`) opens nothing.
pub fn first_unbalanced(text: &str) -> Option<Unbalanced> {
    let mut scan = Scan::default();
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let start = if scan.open.is_empty() {
            match scan.flow_start(line) {
                Some(start) => start,
                None => continue,
            }
        } else {
            if scan.quote.is_none() && starts_entry(line, scan.entry_indent) {
                return scan.unclosed();
            }
            0
        };
        if let Some(problem) = scan.line(number, line, start) {
            return Some(problem);
        }
    }
    if scan.quote.is_some() {
        return None;
    }
    scan.unclosed()
}

/// `text` (the text `problem` was found in) with the brackets of `problem` put right: the
/// brackets left open closed after the collection's last value, or the wrong closing bracket
/// replaced. Lines stay where they are.
pub fn repair(text: &str, problem: &Unbalanced) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    match problem {
        Unbalanced::Unclosed { open, end, .. } => {
            let closing: String = open.iter().rev().map(|o| closer(o.bracket)).collect();
            if let Some(line) = end.line.checked_sub(1).and_then(|i| lines.get_mut(i)) {
                if line.is_char_boundary(end.byte) {
                    line.insert_str(end.byte, &closing);
                }
            }
        }
        Unbalanced::Mismatched {
            opening, closing, ..
        } => {
            if let Some(line) = closing.line.checked_sub(1).and_then(|i| lines.get_mut(i)) {
                if line.get(closing.byte..closing.byte + 1).is_some() {
                    let right = closer(opening.bracket).to_string();
                    line.replace_range(closing.byte..closing.byte + 1, &right);
                }
            }
        }
    }
    lines.join("\n")
}

/// Where the scan of the text is.
#[derive(Default)]
struct Scan {
    /// Brackets open, outermost first.
    open: Vec<Opening>,
    /// The quote a quoted value inside a collection opened, until it closes.
    quote: Option<char>,
    /// Just after the last value read inside a collection.
    end: Option<At>,
    /// Indentation of the line the outermost open collection started on: a line at most
    /// this indented that starts a field or item is outside the collection.
    entry_indent: usize,
    /// Indentation of the key of a block scalar (`text: |`) whose lines are being skipped.
    block_scalar: Option<usize>,
}

impl Scan {
    fn unclosed(&self) -> Option<Unbalanced> {
        Some(Unbalanced::Unclosed {
            opening: *self.open.last()?,
            open: self.open.clone(),
            end: self.end?,
        })
    }

    /// Outside any collection: the byte where a collection starts on `line` (its value, or
    /// the item itself, starts with a bracket), noting the block scalars to skip.
    fn flow_start(&mut self, line: &str) -> Option<usize> {
        let indent = indentation(line);
        if let Some(key_indent) = self.block_scalar {
            if line.trim().is_empty() || indent > key_indent {
                return None;
            }
            self.block_scalar = None;
        }
        let mut start = indent;
        while line[start..].starts_with("- ") {
            start += 2;
            start += indentation(&line[start..]);
        }
        if let Some(key) = key_line(line) {
            let after = key.indent + key.key.len() + 1;
            start = after + line[after..].len() - line[after..].trim_start().len();
            if line[start..].starts_with(['|', '>']) {
                self.block_scalar = Some(key.indent);
                return None;
            }
        }
        if !line[start..].starts_with(['[', '{']) {
            return None;
        }
        self.entry_indent = indent;
        Some(start)
    }

    /// Reads `line` (1-based `number`) from byte `start`, inside a collection.
    fn line(&mut self, number: usize, line: &str, start: usize) -> Option<Unbalanced> {
        let mut previous = ' ';
        let mut chars = line[start..].char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let byte = start + offset;
            let after = At {
                line: number,
                byte: byte + c.len_utf8(),
            };
            match (self.quote, c) {
                (Some('"'), '\\') => {
                    chars.next();
                }
                (Some('\''), '\'') if chars.peek().map(|&(_, next)| next) == Some('\'') => {
                    chars.next();
                }
                (Some(quote), c) if c == quote => {
                    self.quote = None;
                    self.end = Some(after);
                }
                (Some(_), _) => {}
                (None, '"' | '\'') if previous.is_whitespace() || "[{,".contains(previous) => {
                    self.quote = Some(c);
                }
                (None, '#') if previous.is_whitespace() => break,
                (None, '[' | '{') => {
                    self.open.push(Opening {
                        line: number,
                        byte,
                        bracket: c,
                    });
                    self.end = Some(after);
                }
                (None, ']' | '}') => {
                    let opening = self.open.pop()?;
                    if closer(opening.bracket) != c {
                        return Some(Unbalanced::Mismatched {
                            opening,
                            closing: At { line: number, byte },
                            found: c,
                        });
                    }
                    self.end = Some(after);
                    if self.open.is_empty() {
                        return None;
                    }
                }
                (None, c) if !c.is_whitespace() => self.end = Some(after),
                _ => {}
            }
            previous = c;
        }
        None
    }
}

/// Leading spaces of `line`.
fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Whether `line` starts a field or a list item at most `indent` spaces in: it cannot belong
/// to a collection opened on a line that many spaces in.
fn starts_entry(line: &str, indent: usize) -> bool {
    let rest = line.trim_start_matches(' ');
    if rest.is_empty() || rest.starts_with('#') || indentation(line) > indent {
        return false;
    }
    rest.starts_with("- ") || rest == "-" || key_line(line).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unclosed_at(text: &str) -> Option<(usize, usize, At)> {
        match first_unbalanced(text)? {
            Unbalanced::Unclosed { opening, end, .. } => Some((opening.line, opening.byte, end)),
            Unbalanced::Mismatched { .. } => None,
        }
    }

    #[test]
    fn a_list_left_open_is_found_before_the_next_field() {
        let text = "title: x\nareas: [A, B\nstatus: pilot\n";
        assert_eq!(unclosed_at(text), Some((2, 7, At { line: 2, byte: 12 })));
        let problem = first_unbalanced(text).unwrap();
        assert_eq!(
            repair(text, &problem),
            "title: x\nareas: [A, B]\nstatus: pilot\n"
        );
    }

    #[test]
    fn a_mapping_left_open_in_a_list_item_is_found_before_the_next_item() {
        let text = "- {pes: a, value: 41 # note\n- {pes: b, value: 40}\n";
        assert_eq!(unclosed_at(text), Some((1, 2, At { line: 1, byte: 20 })));
        let repaired = repair(text, &first_unbalanced(text).unwrap());
        assert_eq!(
            repaired,
            "- {pes: a, value: 41} # note\n- {pes: b, value: 40}\n"
        );
        assert_eq!(first_unbalanced(&repaired), None);
    }

    #[test]
    fn collections_over_several_lines_quotes_and_plain_brackets_are_balanced() {
        for text in [
            "breakdown: {sex: female,\n    age: 15-24}\nvalue: 1\n",
            "title: Guide [draft\nareas: [\"a]\", 'l''b]']\n",
            "text: |\n  [not a list\nnext: 1\n",
            "- [a, b]\n- c # [\n",
        ] {
            assert_eq!(first_unbalanced(text), None, "{text}");
        }
    }

    #[test]
    fn a_list_closed_as_a_mapping_is_mismatched() {
        let text = "areas: [A, B}\n";
        let problem = first_unbalanced(text).unwrap();
        assert_eq!(
            problem,
            Unbalanced::Mismatched {
                opening: Opening {
                    line: 1,
                    byte: 7,
                    bracket: '['
                },
                closing: At { line: 1, byte: 12 },
                found: '}'
            }
        );
        assert_eq!(repair(text, &problem), "areas: [A, B]\n");
    }

    #[test]
    fn a_collection_open_at_the_end_of_the_text_is_unclosed() {
        let text = "[{a: 1},\n {a: 2}\n";
        assert_eq!(unclosed_at(text), Some((1, 0, At { line: 2, byte: 7 })));
    }
}
