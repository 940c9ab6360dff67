//! Reading the author's files as text, with a clear error for what is not UTF-8, and only
//! inside the site folder (see [`super::paths`]).

use std::path::Path;
use std::sync::Arc;

use super::paths::inside_root;
use crate::diagnostics::{Diagnostic, SourceFile, Span};

/// Reads `root/relative` as UTF-8 text, naming the file and byte position if it is not.
pub fn read_source(root: &Path, relative: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    decode(relative, read_bytes(root, relative)?)
}

/// Reads `root/relative` if it is a plain file inside the site (a pipe would block the build).
pub fn read_bytes(root: &Path, relative: &Path) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read = |error: std::io::Error| {
        Diagnostic::in_path(relative, format!("cannot read the file: {error}"))
    };
    let real = inside_root(root, relative)?;
    if !real.metadata().map_err(cannot_read)?.is_file() {
        return Err(Diagnostic::in_path(
            relative,
            "this is not a regular file (a folder, pipe, socket or device), so it cannot be read",
        ));
    }
    std::fs::read(real).map_err(cannot_read)
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
