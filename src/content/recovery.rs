//! Going on past a wrong value in YAML, so that one mistake does not hide the others in the
//! same file: the wrong value is changed in a working copy of the text (a misspelt field
//! renamed to the field it is near, an enum value or number set to one that reads, or the field
//! set aside), and the copy read again. Every change keeps the lines where they are, so the
//! positions of the problems found next are those of the author's file.

/// A field of the author's file, by its place in the YAML text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based character column.
    pub column: usize,
}

/// A key that starts a line: `  name: …` or `- name: …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyLine<'a> {
    /// Byte column of the key in its line (after indentation and `- `).
    pub indent: usize,
    pub key: &'a str,
}

/// The key a line of YAML starts with, if it starts with one.
pub fn key_line(line: &str) -> Option<KeyLine<'_>> {
    let mut indent = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[indent..];
    while let Some(after) = rest.strip_prefix("- ") {
        let spaces = after.len() - after.trim_start_matches(' ').len();
        indent += 2 + spaces;
        rest = &after[spaces..];
    }
    let (key, after) = rest.split_once(':')?;
    let plain = !key.is_empty()
        && !key.starts_with(['"', '\'', '[', '{', '#', '-'])
        && !key.contains([' ', '\t']);
    let ends_key = after.is_empty() || after.starts_with([' ', '\r', '\t']);
    (plain && ends_key).then_some(KeyLine { indent, key })
}

/// The 1-based line of the field whose value or key is at `place`: that line if it starts
/// with a key at or before the place, else the nearest line above whose key is less indented
/// (an item of a block list belongs to the key above it).
/// Returns the line and the key's byte column.
pub fn field_line(lines: &[&str], place: Place) -> Option<(usize, usize)> {
    let column = byte_column(lines.get(place.line.checked_sub(1)?)?, place.column);
    for number in (1..=place.line).rev() {
        let Some(found) = lines.get(number - 1).and_then(|line| key_line(line)) else {
            continue;
        };
        let before = if number == place.line {
            found.indent <= column
        } else {
            found.indent < column
        };
        if before {
            return Some((number, found.indent));
        }
    }
    None
}

/// The 1-based line of the field whose value starts at `place`, and the key's byte column:
/// the key before the place on its line, else the nearest key above that is less indented
/// than the place (a value on lines of its own belongs to the key above it). `None` when the
/// value is the whole text.
pub fn owner_line(lines: &[&str], place: Place) -> Option<(usize, usize)> {
    let column = byte_column(lines.get(place.line.checked_sub(1)?)?, place.column);
    (1..=place.line).rev().find_map(|number| {
        let found = lines.get(number - 1).and_then(|line| key_line(line))?;
        (found.indent < column).then_some((number, found.indent))
    })
}

/// Byte index in `line` of a 1-based character column.
fn byte_column(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(index, _)| index)
}

/// The last line (1-based) of the block that starts at `first` with a key at `indent`: the
/// lines after it that are more indented, or empty.
fn block_end(lines: &[&str], first: usize, indent: usize) -> usize {
    let mut end = first;
    for (index, line) in lines.iter().enumerate().skip(first) {
        let text = line.trim_end_matches('\r');
        if text.trim().is_empty() {
            continue;
        }
        if text.len() - text.trim_start_matches(' ').len() <= indent {
            break;
        }
        end = index + 1;
    }
    end
}

/// The text with the field at line `first` (key at byte `indent`) and its block replaced by
/// spaces: the field is set aside, the lines stay.
pub fn set_aside_field(text: &str, first: usize, indent: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let last = block_end(&lines, first, indent);
    blank(text, first, last, indent)
}

/// The text with the list item around `place` set aside: the nearest line at or above it that
/// starts an item (`- `) left of the place, and that item's block. `None` outside any list.
pub fn set_aside_item(text: &str, place: Place) -> Option<String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let column = byte_column(lines.get(place.line.checked_sub(1)?)?, place.column);
    let (first, dash) = (1..=place.line).rev().find_map(|number| {
        let line = lines.get(number - 1)?;
        let dash = line.len() - line.trim_start_matches(' ').len();
        let item = line[dash..].starts_with("- ") || line[dash..].trim_end() == "-";
        (item && (dash < column || number < place.line)).then_some((number, dash))
    })?;
    let last = block_end(&lines, first, dash);
    Some(blank(text, first, last, dash))
}

/// The text with the scalar at `place` replaced by `with`.
pub fn replace_word(text: &str, place: Place, with: &str) -> Option<String> {
    let line = text.split('\n').nth(place.line.checked_sub(1)?)?;
    let before = &line[..byte_column(line, place.column)];
    replace_at(text, place, with, |rest| scalar_length(before, rest))
}

/// The text with the key `key` at `place` renamed `with`.
pub fn rename_key(text: &str, place: Place, key: &str, with: &str) -> Option<String> {
    replace_at(text, place, with, |rest| {
        if rest.starts_with(key) {
            key.len()
        } else {
            0
        }
    })
}

/// The text with the `length(rest of the line)` bytes at `place` replaced by `with`.
fn replace_at(
    text: &str,
    place: Place,
    with: &str,
    length: impl Fn(&str) -> usize,
) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = lines.get_mut(place.line.checked_sub(1)?)?;
    let start = byte_column(line, place.column);
    let len = length(&line[start..]);
    (len > 0).then_some(())?;
    line.replace_range(start..start + len, with);
    Some(lines.join("\n"))
}

/// Length of the plain scalar at the start of `rest`, which follows `before` on its line: a
/// comma ends it only inside a flow collection (`[…]`, `{…}`), so `41,5` is one scalar.
pub fn scalar_length(before: &str, rest: &str) -> usize {
    let in_flow = before.contains(['[', '{']);
    let end = rest
        .char_indices()
        .find(|&(index, c)| {
            matches!(c, '\n' | '\r' | '}' | ']')
                || (c == ',' && in_flow)
                || (c == '#' && rest[..index].ends_with(' '))
        })
        .map_or(rest.len(), |(index, _)| index);
    rest[..end].trim_end().len()
}

/// The text with the entry around `place` of a list or map written in brackets on one line
/// (`{pes: a, sexe: f}`) set aside, with its comma, and the entry's key if it has one; `None`
/// when the place is not inside brackets.
pub fn set_aside_flow_entry(text: &str, place: Place) -> Option<(String, Option<String>)> {
    let line = text.split('\n').nth(place.line.checked_sub(1)?)?;
    let at = byte_column(line, place.column);
    let start = flow_entry_start(&line[..at])?;
    let end = at + flow_entry_length(&line[at..]);
    let entry = &line[start..end];
    let key = entry
        .split_once(':')
        .map(|(key, _)| key.trim().to_string())
        .filter(|key| !key.is_empty());
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let changed = lines.get_mut(place.line - 1)?;
    changed.replace_range(start..end, &" ".repeat(end - start));
    Some((lines.join("\n"), key))
}

/// Where the entry that `before` ends in starts: after the nearest `{`, `[` or `,` that is not
/// inside a nested collection. `None` when `before` opens no collection.
fn flow_entry_start(before: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in before.char_indices().rev() {
        match c {
            ']' | '}' => depth += 1,
            '[' | '{' if depth > 0 => depth -= 1,
            '[' | '{' => return Some(index + 1),
            ',' if depth == 0 => return Some(index + 1),
            _ => {}
        }
    }
    None
}

/// Length of the entry `rest` starts inside, up to the `,` that ends it (included) or the
/// bracket that closes its collection (excluded).
fn flow_entry_length(rest: &str) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (index, c) in rest.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') if depth == 0 => return index,
            (None, ']' | '}') => depth -= 1,
            (None, ',') if depth == 0 => return index + 1,
            _ => {}
        }
    }
    rest.len()
}

/// A line whose indentation the working copy writes with other characters than the author's
/// (a tab made spaces): the parser's columns on it are moved back to the author's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnShift {
    /// 1-based line of the text.
    pub line: usize,
    /// Characters of indentation in the working copy.
    pub working: usize,
    /// Characters of indentation in the author's text.
    pub author: usize,
}

impl ColumnShift {
    /// The author's 1-based column for `column` of the working copy on 1-based `line`.
    pub fn author_column(shifts: &[ColumnShift], line: usize, column: usize) -> usize {
        match shifts.iter().rev().find(|shift| shift.line == line) {
            Some(shift) if column > shift.working => column - shift.working + shift.author,
            Some(shift) => column.min(shift.author.max(1)),
            None => column,
        }
    }
}

/// The text with the tabs in the indentation of line `line` (1-based) or the next written as
/// the spaces the lines around suggest, and how its columns moved. `None` when neither line
/// is indented with a tab.
pub fn untab(text: &str, line: usize) -> Option<(String, ColumnShift)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let number = (line.max(1)..=line.max(1) + 1).find(|&number| {
        lines
            .get(number - 1)
            .is_some_and(|line| leading_blanks(line).contains('\t'))
    })?;
    let target = lines[number - 1];
    let lead = leading_blanks(target);
    let indent = guessed_indent(&lines, number);
    let shift = ColumnShift {
        line: number,
        working: indent,
        author: lead.chars().count(),
    };
    let mut changed: Vec<String> = lines.iter().map(|line| line.to_string()).collect();
    changed[number - 1] = format!("{}{}", " ".repeat(indent), &target[lead.len()..]);
    Some((changed.join("\n"), shift))
}

/// The spaces and tabs a line starts with.
fn leading_blanks(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// The indentation line `number` (1-based) most likely has: a child's below a line that opens
/// a block (`key:`); else the next line's if it is not deeper than the previous line's (the
/// line ends a block or is a sibling); else the previous line's.
fn guessed_indent(lines: &[&str], number: usize) -> usize {
    let item = lines[number - 1]
        .trim_start_matches([' ', '\t'])
        .starts_with("- ");
    let meaningful = |line: &&&str| {
        let text = line.trim();
        !text.is_empty() && !text.starts_with('#') && !leading_blanks(line).contains('\t')
    };
    // An item lines up with items (at their dash), a field with fields (at their key).
    let indent_of = |line: &str| {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        match key_line(line) {
            Some(key) if !item => key.indent,
            _ => spaces,
        }
    };
    let previous = lines[..number - 1].iter().rev().find(meaningful);
    let next = lines[number..].iter().find(meaningful);
    let previous_indent = previous.map_or(0, |line| indent_of(line));
    let opens_block = previous.is_some_and(|line| {
        let content = line.split(" #").next().unwrap_or(line).trim_end();
        content.ends_with(':')
    });
    if opens_block {
        return previous
            .and_then(|line| key_line(line))
            .map_or(0, |key| key.indent)
            + 2;
    }
    match next.map(|line| indent_of(line)) {
        Some(indent) if indent <= previous_indent => indent,
        _ => previous_indent,
    }
}

/// A number with a decimal comma that a flow mapping read as two (`{value: 41,5}` reads as
/// `value: 41` and a field `5`), from the field `field` at 1-based character `column` of
/// `line`: the byte range of the whole number (`41,5`) in the line.
pub fn split_decimal(line: &str, column: usize, field: &str) -> Option<std::ops::Range<usize>> {
    let start = byte_column(line, column);
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(field) || !line[start..].starts_with(field) {
        return None;
    }
    let before = line[..start].strip_suffix(',')?;
    let whole = before.trim_end_matches(|c: char| c.is_ascii_digit());
    digits(&before[whole.len()..]).then_some(whole.len()..start + field.len())
}

/// The text with the comma before the field at `place` (see [`split_decimal`]) made a point.
pub fn join_decimal(text: &str, place: Place) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = lines.get_mut(place.line.checked_sub(1)?)?;
    let comma = byte_column(line, place.column).checked_sub(1)?;
    line.replace_range(comma..comma + 1, ".");
    Some(lines.join("\n"))
}

/// Spaces over lines `first..=last` (1-based), from byte `from` of the first line, keeping
/// line breaks.
fn blank(text: &str, first: usize, last: usize, from: usize) -> String {
    text.split('\n')
        .enumerate()
        .map(|(index, line)| {
            let number = index + 1;
            if number < first || number > last {
                return line.to_string();
            }
            let keep = if number == first {
                from.min(line.len())
            } else {
                0
            };
            let (kept, gone) = line.split_at(keep);
            let cr = if gone.ends_with('\r') { "\r" } else { "" };
            format!("{kept}{}{cr}", " ".repeat(gone.len() - cr.len()))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Values tried in turn for a required field the author left out, until one reads: a text,
/// a number, a date, a list, a mapping.
const STAND_INS: [&str; 5] = ["x", "1", "2000-01-01", "[]", "{}"];

/// Required fields left out of the top-level mapping (a front matter, `site.yaml`), each added
/// on a line of its own at the end of the working copy with a stand-in value, so that the
/// parser, which names one missing field at a time, names the next one.
#[derive(Debug, Default)]
pub struct StandIns {
    added: Vec<StandIn>,
}

#[derive(Debug)]
struct StandIn {
    field: String,
    /// 1-based line of the working copy the field was added on.
    line: usize,
    /// Index in [`STAND_INS`] of the value it has.
    tried: usize,
}

/// What to do with a problem the parser found in a working copy with stand-ins.
pub enum StandInProblem {
    /// It is not about a stand-in.
    NotOurs,
    /// The stand-in did not read: the working copy with another value.
    Retry(String),
    /// No stand-in reads there: the field is not one of the top-level mapping.
    GiveUp,
}

impl StandIns {
    /// Whether any field was added.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
    }

    /// Whether `field` was added already.
    pub fn has(&self, field: &str) -> bool {
        self.added.iter().any(|added| added.field == field)
    }

    /// Whether `line` (1-based) is one a field was added on: a problem there is no author's.
    pub fn holds(&self, line: usize) -> bool {
        self.added.iter().any(|added| added.line == line)
    }

    /// `text` with `field` added at its end, with the first stand-in value.
    pub fn add(&mut self, text: &str, field: &str) -> String {
        let mut text = text.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        let line = text.matches('\n').count() + 1;
        text.push_str(&format!("{field}: {}\n", STAND_INS[0]));
        self.added.push(StandIn {
            field: field.to_string(),
            line,
            tried: 0,
        });
        text
    }

    /// What to do with a problem at `line` (1-based) of `text`; `expected` lists the values
    /// the field takes when the parser named them (an enum's), the first of which is tried.
    pub fn problem(&mut self, text: &str, line: usize, expected: Option<&str>) -> StandInProblem {
        let Some(added) = self.added.iter_mut().find(|added| added.line == line) else {
            return StandInProblem::NotOurs;
        };
        let value = match expected {
            Some(value) if added.tried < STAND_INS.len() => {
                added.tried = STAND_INS.len();
                value
            }
            _ => {
                added.tried += 1;
                match STAND_INS.get(added.tried) {
                    Some(value) => value,
                    None => return StandInProblem::GiveUp,
                }
            }
        };
        let field = &added.field;
        let lines: Vec<String> = text
            .split('\n')
            .enumerate()
            .map(|(index, text)| {
                if index + 1 == line {
                    format!("{field}: {value}")
                } else {
                    text.to_string()
                }
            })
            .collect();
        StandInProblem::Retry(lines.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_after_indentation_and_dashes() {
        assert_eq!(
            key_line("  - self: 4"),
            Some(KeyLine {
                indent: 4,
                key: "self"
            })
        );
        assert_eq!(key_line("title: \"a: b\"").map(|k| k.key), Some("title"));
        assert_eq!(key_line("  - A"), None);
        assert_eq!(key_line("url: https://x").map(|k| k.key), Some("url"));
    }

    #[test]
    fn a_field_is_set_aside_with_its_block_and_lines_kept() {
        let text = "a: 1\nb:\n  - x\n  - y\nc: 3\n";
        let place = Place { line: 3, column: 5 };
        let (line, indent) = field_line(&text.split('\n').collect::<Vec<_>>(), place).unwrap();
        assert_eq!(line, 2);
        let aside = set_aside_field(text, line, indent);
        assert_eq!(aside, "a: 1\n  \n     \n     \nc: 3\n");
    }

    #[test]
    fn a_list_item_is_set_aside() {
        let text = "- id: a\n  name: x\n- id: b\n";
        let aside = set_aside_item(text, Place { line: 1, column: 3 }).unwrap();
        assert_eq!(aside, "       \n         \n- id: b\n");
        assert_eq!(set_aside_item("a: 1\n", Place { line: 1, column: 1 }), None);
    }

    #[test]
    fn a_decimal_comma_is_one_scalar_outside_flow_collections() {
        assert_eq!(scalar_length("value: ", "43,5 # x"), 4);
        assert_eq!(scalar_length("v: [", "43,5]"), 2);
    }

    #[test]
    fn missing_fields_get_stand_ins_tried_in_turn() {
        let mut stand_ins = StandIns::default();
        let text = stand_ins.add("title: a", "updated");
        assert_eq!(text, "title: a\nupdated: x\n");
        assert!(stand_ins.holds(2) && stand_ins.has("updated"));
        let StandInProblem::Retry(text) = stand_ins.problem(&text, 2, None) else {
            panic!("a second value is tried");
        };
        assert_eq!(text, "title: a\nupdated: 1\n");
        let StandInProblem::Retry(text) = stand_ins.problem(&text, 2, Some("pilot")) else {
            panic!("a value the parser names is tried");
        };
        assert_eq!(text, "title: a\nupdated: pilot\n");
        assert!(matches!(
            stand_ins.problem(&text, 2, None),
            StandInProblem::GiveUp
        ));
        assert!(matches!(
            stand_ins.problem(&text, 1, None),
            StandInProblem::NotOurs
        ));
    }

    #[test]
    fn a_decimal_comma_split_by_a_flow_mapping_is_joined() {
        let line = "- {pes: a, value: 41,5}";
        assert_eq!(split_decimal(line, 22, "5"), Some(18..22));
        assert_eq!(split_decimal("- {a: x,5}", 9, "5"), None);
        let place = Place {
            line: 1,
            column: 22,
        };
        assert_eq!(
            join_decimal(line, place).as_deref(),
            Some("- {pes: a, value: 41.5}")
        );
    }

    #[test]
    fn an_entry_of_a_map_in_braces_is_set_aside() {
        let text = "- {pes: a, sexe: {x: 1}, value: 4}";
        let place = Place {
            line: 1,
            column: 12,
        };
        let (aside, key) = set_aside_flow_entry(text, place).unwrap();
        assert_eq!(aside, format!("- {{pes: a,{} value: 4}}", " ".repeat(14)));
        assert_eq!(key.as_deref(), Some("sexe"));
        let last = Place {
            line: 1,
            column: 33,
        };
        let (aside, _) = set_aside_flow_entry(text, last).unwrap();
        assert_eq!(
            aside,
            format!("- {{pes: a, sexe: {{x: 1}},{}}}", " ".repeat(9))
        );
        assert_eq!(
            set_aside_flow_entry("a: 1", Place { line: 1, column: 4 }),
            None
        );
    }

    #[test]
    fn a_tab_in_the_indentation_becomes_the_spaces_around() {
        let cases = [
            (
                "- id: a\n  definition:\n    en: x\n\tunit: percent\n  better: more\n",
                4,
                2,
            ),
            ("title: x\n\tsummary: y\nstatus: z\n", 2, 0),
            ("definition:\n\tfr: x\nunit: y\n", 2, 2),
            ("areas:\n  - A\n\t- B\n", 3, 2),
        ];
        for (text, line, indent) in cases {
            let (untabbed, shift) = untab(text, line).unwrap();
            let changed = untabbed.split('\n').nth(shift.line - 1).unwrap();
            let spaces = changed.len() - changed.trim_start_matches(' ').len();
            assert_eq!(spaces, indent, "{text:?} gave {changed:?}");
            assert!(!changed.contains('\t'));
        }
        let shift = ColumnShift {
            line: 3,
            working: 2,
            author: 1,
        };
        assert_eq!(ColumnShift::author_column(&[shift], 3, 9), 8);
        assert_eq!(ColumnShift::author_column(&[shift], 2, 9), 9);
        assert_eq!(untab("a: 1\n", 1), None);
    }

    #[test]
    fn the_owner_of_a_value_is_the_key_before_it_or_above_it() {
        let lines = ["- id: A", "  enablers:", "    id: A1", "  tags: {a: 1}"];
        let at = |line, column| owner_line(&lines, Place { line, column });
        assert_eq!(at(3, 5), Some((2, 2)));
        assert_eq!(at(4, 9), Some((4, 2)));
        assert_eq!(at(1, 1), None);
    }

    #[test]
    fn a_word_is_replaced() {
        let text = "self: 4.5 # no\n";
        let place = Place { line: 1, column: 7 };
        assert_eq!(replace_word(text, place, "1").unwrap(), "self: 1 # no\n");
    }
}
