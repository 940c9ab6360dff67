//! `benchlearn schema`: JSON Schema files for every data file and front-matter kind.

use std::path::Path;

use super::{print_problems, Outcome};
use crate::content;
use crate::schema;
use crate::terminal;

/// Writes the schemas of the site at `root` into `destination`, a folder (created if
/// missing); other files in it are left alone, same-named schema files replaced.
pub fn run(root: &Path, destination: &Path) -> Outcome {
    if let Err(outcome) = super::require_site(root) {
        return outcome;
    }
    let config = match content::load_config(root) {
        Ok(config) => config,
        Err(problems) => {
            print_problems(problems, "fix site.yaml first");
            return Outcome::ContentErrors;
        }
    };
    if destination.exists() && !destination.is_dir() {
        terminal::stderr_line(format_args!(
            "error: refusing to write schemas into {}: it exists and is not a folder",
            destination.display()
        ));
        return Outcome::UsageOrIo;
    }
    if let Err(error) = std::fs::create_dir_all(destination) {
        terminal::stderr_line(format_args!(
            "error: cannot create {}: {error}",
            destination.display()
        ));
        return Outcome::UsageOrIo;
    }
    let schemas = schema::render_all(config.languages());
    for (name, text) in &schemas {
        let path = destination.join(name);
        if let Err(error) = std::fs::write(&path, text) {
            terminal::stderr_line(format_args!(
                "error: cannot write {}: {error}",
                path.display()
            ));
            return Outcome::UsageOrIo;
        }
    }
    terminal::stderr_line(format_args!(
        "wrote {} schemas into {}",
        schemas.len(),
        destination.display()
    ));
    Outcome::Success
}
