//! Reading the author's files as text, with a clear error for what is not UTF-8.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, SourceFile, Span};

/// Reads `root/relative` as UTF-8 text, naming the file and byte position if it is not.
pub fn read_source(root: &Path, relative: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(root.join(relative))
        .map_err(|error| Diagnostic::in_path(relative, format!("cannot read the file: {error}")))?;
    decode(relative, bytes)
}

fn decode(relative: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(
            relative,
            text.strip_prefix('\u{feff}').unwrap_or(&text),
        )),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = SourceFile::new(relative, lossy);
            let offset = String::from_utf8_lossy(&error.as_bytes()[..valid_up_to]).len();
            Err(Diagnostic::at(
                &file,
                Span::new(offset, 1),
                "the file is not valid UTF-8 text",
            )
            .with_help("save the file with UTF-8 encoding (most editors offer it under “Save with encoding”)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_is_located() {
        let error = decode(Path::new("a.md"), b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!(error.line_column(), Some((2, 5)));
        assert!(error.message.contains("UTF-8"));
    }
}
