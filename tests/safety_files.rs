//! The site folder is a boundary: benchlearn reads only files inside it, so `theme:` in
//! `site.yaml` names a folder under `themes/`, never a path to another folder.

mod common;

use common::*;

/// Text that must never appear in what benchlearn prints or writes.
const SECRET: &str = "SECRET-MARKER-7f3a";

fn assert_never_shown(run: &Run) {
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "a file outside the site was shown:\n--- stdout:\n{}\n--- stderr:\n{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn a_theme_name_leaving_themes_is_refused_at_its_place() {
    let site = Site::copy("minimal");
    let outside = site.beside("x/static");
    std::fs::create_dir_all(&outside).expect("create outside theme");
    std::fs::write(outside.join("leak.txt"), SECRET).expect("write outside static file");
    for name in ["../../x", "/etc", "a/b", "..\\x", ".."] {
        let text = site.read("site.yaml");
        let text: String = text
            .lines()
            .filter(|line| !line.starts_with("theme:"))
            .map(|line| format!("{line}\n"))
            .collect();
        site.write("site.yaml", &format!("{text}theme: '{name}'\n"));
        let run = site.run(&["build"]);
        run.assert_code(1);
        assert!(
            run.stderr.contains("site.yaml:6:8") && run.stderr.contains("`theme`"),
            "theme {name:?} is not refused at its place:\n{}",
            run.stderr
        );
        assert_never_shown(&run);
        assert!(
            !site.output().exists(),
            "theme {name:?}: the site was written"
        );
    }
}
