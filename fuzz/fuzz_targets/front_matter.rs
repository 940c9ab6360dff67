//! Any bytes as a Markdown document: splitting front matter, parsing every kind of front matter
//! and drawing the diagnostics must never panic.

#![no_main]

use benchlearn::content::{front_matter, yaml};
use benchlearn::diagnostics::{Diagnostic, SourceFile};
use benchlearn::model::documents::{PageMeta, PracticeMeta, ReportMeta, VisitMeta};
use libfuzzer_sys::fuzz_target;

fn show(result: Result<impl Sized, Diagnostic>) {
    if let Err(problem) = result {
        let _ = problem.render(false);
        let _ = problem.line_column();
    }
}

fuzz_target!(|bytes: &[u8]| {
    let file = SourceFile::new("fuzz.fr.md", String::from_utf8_lossy(bytes));
    match front_matter::split(&file) {
        Ok(parts) => {
            let text = &file.text[parts.yaml_start..parts.yaml_end];
            show(yaml::parse_str::<PracticeMeta>(&file, text, parts.yaml_line));
            show(yaml::parse_str::<VisitMeta>(&file, text, parts.yaml_line));
            show(yaml::parse_str::<ReportMeta>(&file, text, parts.yaml_line));
            show(yaml::parse_str::<PageMeta>(&file, text, parts.yaml_line));
        }
        Err(problem) => {
            let _ = problem.render(false);
        }
    }
});
