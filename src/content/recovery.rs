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
    fn a_word_is_replaced() {
        let text = "self: 4.5 # no\n";
        let place = Place { line: 1, column: 7 };
        assert_eq!(replace_word(text, place, "1").unwrap(), "self: 1 # no\n");
    }
}
