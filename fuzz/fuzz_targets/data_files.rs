//! Any bytes as a data file: every YAML and CSV loader, and the drawing of its diagnostics,
//! must never panic.

#![no_main]

use benchlearn::config;
use benchlearn::content::{observations, yaml};
use benchlearn::diagnostics::{Diagnostic, SourceFile};
use benchlearn::model::data::{Area, AssessmentFile, Cluster, FrameworkFile, Indicator, Pes};
use benchlearn::model::lang::Lang;
use libfuzzer_sys::fuzz_target;

fn show_all(problems: &[Diagnostic]) {
    for problem in problems {
        let _ = problem.render(false);
        let _ = problem.line_column();
    }
}

fn show(result: Result<impl Sized, Diagnostic>) {
    if let Err(problem) = result {
        show_all(&[problem]);
    }
}

fuzz_target!(|bytes: &[u8]| {
    let file = SourceFile::new("fuzz.yaml", String::from_utf8_lossy(bytes));
    show(yaml::parse::<Vec<Pes>>(&file, 0));
    show(yaml::parse::<Vec<Cluster>>(&file, 0));
    show(yaml::parse::<Vec<Indicator>>(&file, 0));
    show(yaml::parse::<Vec<Area>>(&file, 0));
    show(yaml::parse::<AssessmentFile>(&file, 0));
    show(yaml::parse::<FrameworkFile>(&file, 0));
    if let Err(problems) = config::parse(&file) {
        show_all(&problems);
    }
    if let Err(problems) = observations::from_yaml(&file) {
        show_all(&problems);
    }
    let languages = [Lang::new("fr"), Lang::new("en")];
    if let Err(problems) = observations::from_csv(&file, &languages) {
        show_all(&problems);
    }
});
