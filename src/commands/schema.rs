//! `benchlearn schema`: JSON Schema files for every data file and front-matter kind.

use std::path::Path;

use super::{print_problems, Outcome};
use crate::content;
use crate::eprintln_visible;
use crate::schema;

/// Writes the schemas of the site at `root` into `destination`.
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
    if let Err(error) = std::fs::create_dir_all(destination) {
        eprintln_visible!("error: cannot create {}: {error}", destination.display());
        return Outcome::UsageOrIo;
    }
    let schemas = schema::render_all(&config.language_codes());
    for (name, text) in &schemas {
        let path = destination.join(name);
        if let Err(error) = std::fs::write(&path, text) {
            eprintln_visible!("error: cannot write {}: {error}", path.display());
            return Outcome::UsageOrIo;
        }
    }
    eprintln_visible!(
        "wrote {} schemas into {}",
        schemas.len(),
        destination.display()
    );
    Outcome::Success
}
