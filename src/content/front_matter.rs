//! Splitting a Markdown document into its YAML front matter and its body.

use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile, Span};

/// Where the parts of a document are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// Lines before the YAML (the opening `---`), to place YAML positions in the file.
    pub yaml_line: usize,
    /// Byte range of the YAML.
    pub yaml_start: usize,
    pub yaml_end: usize,
    /// Byte offset where the Markdown body starts.
    pub body_offset: usize,
}

/// Finds the front matter between a first line `---` and the next line `---`.
pub fn split(file: &Arc<SourceFile>) -> Result<Parts, Diagnostic> {
    let text = &file.text;
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::at(
            file,
            Span::new(0, first_line_end.max(1).min(text.len().max(1))),
            "a document must start with front matter: a line `---`, YAML fields, and a closing `---`",
        )
        .with_help("add `---` as the first line, then `title:` and the other fields, then `---`"));
    }
    let mut offset = first_line_end;
    for text_line in text[first_line_end..].split_inclusive('\n') {
        if text_line.trim_end() == "---" {
            return Ok(Parts {
                yaml_line: 1,
                yaml_start: first_line_end,
                yaml_end: offset,
                body_offset: offset + text_line.len(),
            });
        }
        offset += text_line.len();
    }
    Err(Diagnostic::at(
        file,
        Span::new(0, 3),
        "the front matter opened here is never closed",
    )
    .with_help("add a line `---` after the last front matter field"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_body() {
        let file = SourceFile::new("a.md", "---\ntitle: x\n---\n# Body\n");
        let parts = split(&file).unwrap();
        assert_eq!(&file.text[parts.yaml_start..parts.yaml_end], "title: x\n");
        assert_eq!(&file.text[parts.body_offset..], "# Body\n");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        let unclosed = SourceFile::new("a.md", "---\ntitle: x\n# Body\n");
        assert!(split(&unclosed)
            .unwrap_err()
            .message
            .contains("never closed"));
        let missing = SourceFile::new("a.md", "# Body\n");
        assert!(split(&missing)
            .unwrap_err()
            .message
            .contains("must start with front matter"));
        let empty = SourceFile::new("a.md", "");
        assert!(split(&empty).is_err());
    }

    #[test]
    fn windows_line_endings() {
        let file = SourceFile::new("a.md", "---\r\ntitle: x\r\n---\r\nBody");
        let parts = split(&file).unwrap();
        assert_eq!(&file.text[parts.body_offset..], "Body");
    }
}
